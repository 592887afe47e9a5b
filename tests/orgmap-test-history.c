/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "orgmap-test-history.h"

#include <string.h>

#include "orgmap-test-dump.h"
#include "orgmap-xml-import.h"

OrgmapDocument *
orgmap_test_load_example (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("ORGMAP_SOURCE_DIR"), "resources",
                                            "example.orgmap.xml", NULL);
  g_autoptr(GError) error = NULL;
  OrgmapDocument *doc = orgmap_xml_import_file (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static void
count_change (OrgmapDocument *doc,
              guint           kind,
              guint           handle,
              guint          *n_changes)
{
  (*n_changes)++;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *n_notifies)
{
  (*n_notifies)++;
}

static void
fixture_init (OrgmapTestFixture *f,
              OrgmapDocument    *doc,
              OrgmapDocument    *reference)
{
  memset (f, 0, sizeof *f);
  f->doc = doc;
  f->reference = reference;
  f->history = orgmap_history_new (doc);
  g_assert_true (orgmap_history_get_document (f->history) == doc);
  g_assert_true (orgmap_document_equal (doc, reference));
  g_signal_connect (doc, "changed", G_CALLBACK (count_change), &f->n_changes);
  g_signal_connect (f->history, "notify", G_CALLBACK (count_notify), &f->n_notifies);
}

void
orgmap_test_fixture_init_example (OrgmapTestFixture *f)
{
  fixture_init (f, orgmap_test_load_example (), orgmap_test_load_example ());
}

void
orgmap_test_fixture_init_random (OrgmapTestFixture *f,
                                 guint32            seed)
{
  fixture_init (f, orgmap_test_build_random (seed), orgmap_test_build_random (seed));
}

void
orgmap_test_fixture_clear (OrgmapTestFixture *f)
{
  g_clear_object (&f->history);
  g_clear_object (&f->doc);
  g_clear_object (&f->reference);
  g_clear_pointer (&f->before, g_free);
}

/* Before a command: nothing to undo, the document as its twin. */
void
orgmap_test_begin (OrgmapTestFixture *f)
{
  g_assert_false (orgmap_history_can_undo (f->history));
  g_assert_null (orgmap_history_get_undo_label (f->history));
  g_free (f->before);
  f->before = orgmap_test_dump (f->doc);
  f->n_changes = 0;
}

/* After a command whose effect the caller checked: observers heard of one
 * change; undo gives back the document as it was, redo as the command
 * made it, and undo again as it was. */
void
orgmap_test_finish (OrgmapTestFixture *f,
                    const char        *label)
{
  g_autofree char *after = orgmap_test_dump (f->doc);
  g_autofree char *undo_label = g_strdup_printf ("Undo %s", label);
  g_autofree char *redo_label = g_strdup_printf ("Redo %s", label);
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  g_autofree char *undone_again = NULL;

  g_assert_cmpuint (f->n_changes, ==, 1);
  g_assert_cmpstr (after, !=, f->before);
  g_assert_false (orgmap_document_equal (f->doc, f->reference));
  g_assert_true (orgmap_history_can_undo (f->history));
  g_assert_false (orgmap_history_can_redo (f->history));
  g_assert_cmpstr (orgmap_history_get_undo_label (f->history), ==, undo_label);
  g_assert_null (orgmap_history_get_redo_label (f->history));

  f->n_changes = 0;
  g_assert_true (orgmap_history_undo (f->history));
  g_assert_cmpuint (f->n_changes, ==, 1);
  undone = orgmap_test_dump (f->doc);
  orgmap_test_assert_same_dump (undone, f->before);
  g_assert_true (orgmap_document_equal (f->doc, f->reference));
  g_assert_false (orgmap_history_can_undo (f->history));
  g_assert_true (orgmap_history_can_redo (f->history));
  g_assert_null (orgmap_history_get_undo_label (f->history));
  g_assert_cmpstr (orgmap_history_get_redo_label (f->history), ==, redo_label);

  f->n_changes = 0;
  g_assert_true (orgmap_history_redo (f->history));
  g_assert_cmpuint (f->n_changes, ==, 1);
  redone = orgmap_test_dump (f->doc);
  orgmap_test_assert_same_dump (redone, after);
  g_assert_false (orgmap_document_equal (f->doc, f->reference));
  g_assert_cmpstr (orgmap_history_get_undo_label (f->history), ==, undo_label);
  g_assert_false (orgmap_history_can_redo (f->history));

  g_assert_true (orgmap_history_undo (f->history));
  undone_again = orgmap_test_dump (f->doc);
  orgmap_test_assert_same_dump (undone_again, f->before);
  g_assert_true (orgmap_document_equal (f->doc, f->reference));
}

guint32
orgmap_test_find_link_with_ratings (OrgmapDocument *doc,
                        gboolean        rated)
{
  for (guint32 i = 0; i < orgmap_document_get_n_links (doc); i++)
    if ((orgmap_document_get_link (doc, i)->first_rating != ORGMAP_NONE) == rated)
      return i;
  g_assert_not_reached ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "orgmap-history.h"

#include <math.h>
#include <string.h>

#include "orgmap-error.h"
#include "orgmap-test-dump.h"
#include "orgmap-test-history.h"
#include "orgmap-xml-import.h"

/* Undo and redo: every command, undone, gives back exactly the document it
 * was given (same handles, order, chains of ratings and link types), and,
 * redone, exactly the document it made. */

static guint32
unit_by_id (OrgmapTestFixture *f,
            const char        *id)
{
  guint32 unit = orgmap_document_find_unit (f->doc, id);

  g_assert_cmpuint (unit, !=, ORGMAP_NONE);
  return unit;
}

static const char *
unit_name (OrgmapTestFixture *f,
           guint32            unit)
{
  return orgmap_document_get_unit (f->doc, unit)->name;
}

/* Units */

static void
test_unit_commands (void)
{
  OrgmapTestFixture fixture, *f = &fixture;
  guint32 ti, fin, com, rrhh, ops, mkt, unit;
  guint n_units, n_children, n_roots, n_types_changed = 0;
  const guint32 *children, *roots;
  g_autofree OrgmapLinkType *types = NULL;
  g_autoptr(GPtrArray) subtree = g_ptr_array_new ();
  guint n_links, n_touching = 0;
  double x, y;

  orgmap_test_fixture_init_example (f);
  ti = unit_by_id (f, "ti");
  fin = unit_by_id (f, "fin");
  com = unit_by_id (f, "com");
  rrhh = unit_by_id (f, "rrhh");
  ops = unit_by_id (f, "ops");
  mkt = unit_by_id (f, "mkt");
  n_units = orgmap_document_get_n_units (f->doc);

  orgmap_test_begin (f);
  unit = orgmap_history_add_unit (f->history, ORGMAP_NONE, "Auditoría Interna", NULL);
  g_assert_cmpuint (unit, ==, n_units);
  g_assert_cmpstr (unit_name (f, unit), ==, "Auditoría Interna");
  g_assert_cmpuint (orgmap_document_get_unit (f->doc, unit)->parent, ==, ORGMAP_NONE);
  roots = orgmap_document_get_roots (f->doc, &n_roots);
  g_assert_cmpuint (roots[n_roots - 1], ==, unit);
  orgmap_test_finish (f, "Add Unit");

  orgmap_test_begin (f);
  unit = orgmap_history_add_unit (f->history, ti, "Ciberseguridad", NULL);
  g_assert_cmpuint (unit, ==, n_units);
  children = orgmap_document_get_unit_children (f->doc, ti, &n_children);
  g_assert_cmpuint (children[n_children - 1], ==, unit);
  g_assert_cmpuint (orgmap_document_get_unit_depth (f->doc, unit), ==,
                    orgmap_document_get_unit_depth (f->doc, ti) + 1);
  orgmap_test_finish (f, "Add Unit");

  orgmap_test_begin (f);
  g_assert_true (orgmap_history_rename_unit (f->history, fin, "Finanzas y Control", NULL));
  g_assert_cmpstr (unit_name (f, fin), ==, "Finanzas y Control");
  orgmap_test_finish (f, "Rename Unit");

  orgmap_test_begin (f);
  g_assert_true (orgmap_history_set_unit_details (f->history, com, "Nuevo Jefe", 10, 3, "Comercial",
                                                  "Notas de prueba", NULL));
  g_assert_cmpstr (orgmap_document_get_unit (f->doc, com)->head, ==, "Nuevo Jefe");
  g_assert_cmpint (orgmap_document_get_unit (f->doc, com)->headcount, ==, 10);
  g_assert_cmpint (orgmap_document_get_unit_level (f->doc, com), ==, 3);
  g_assert_cmpstr (orgmap_document_get_unit_area (f->doc, com), ==, "Comercial");
  g_assert_cmpstr (orgmap_document_get_unit (f->doc, com)->notes, ==, "Notas de prueba");
  orgmap_test_finish (f, "Change Unit Details");

  /* Clearing the details is one step too. */
  orgmap_test_begin (f);
  g_assert_true (orgmap_history_set_unit_details (f->history, fin, NULL, -1, 0, "", NULL, NULL));
  g_assert_null (orgmap_document_get_unit (f->doc, fin)->head);
  g_assert_null (orgmap_document_get_unit (f->doc, fin)->area);
  g_assert_cmpint (orgmap_document_get_unit (f->doc, fin)->headcount, ==, -1);
  orgmap_test_finish (f, "Change Unit Details");

  /* A move reclassifies links; undo gives their types back. */
  n_links = orgmap_document_get_n_links (f->doc);
  types = g_new (OrgmapLinkType, n_links);
  for (guint32 i = 0; i < n_links; i++)
    types[i] = orgmap_document_get_link_type (f->doc, i);
  orgmap_test_begin (f);
  g_assert_true (orgmap_history_move_unit (f->history, rrhh, ops, NULL));
  g_assert_cmpuint (orgmap_document_get_unit (f->doc, rrhh)->parent, ==, ops);
  for (guint32 i = 0; i < n_links; i++)
    n_types_changed += orgmap_document_get_link_type (f->doc, i) != types[i];
  g_assert_cmpuint (n_types_changed, >, 0);
  orgmap_test_finish (f, "Move Unit");
  for (guint32 i = 0; i < n_links; i++)
    g_assert_cmpint (orgmap_document_get_link_type (f->doc, i), ==, types[i]);

  orgmap_test_begin (f);
  g_assert_true (orgmap_history_move_unit (f->history, rrhh, ORGMAP_NONE, NULL));
  g_assert_cmpuint (orgmap_document_get_unit (f->doc, rrhh)->parent, ==, ORGMAP_NONE);
  orgmap_test_finish (f, "Move Unit");

  orgmap_test_begin (f);
  g_assert_true (orgmap_history_place_unit (f->history, mkt, TRUE, 120.5, -40));
  g_assert_true (orgmap_document_get_unit_position (f->doc, mkt, &x, &y));
  g_assert_cmpfloat (x, ==, 120.5);
  g_assert_cmpfloat (y, ==, -40);
  orgmap_test_finish (f, "Place Unit");

  /* Already where it is asked to be: nothing to record. */
  orgmap_test_begin (f);
  g_assert_false (orgmap_history_place_unit (f->history, mkt, FALSE, 0, 0));
  g_assert_cmpuint (f->n_changes, ==, 0);

  orgmap_document_set_unit_position (f->doc, ti, 10, 20);
  orgmap_document_set_unit_position (f->reference, ti, 10, 20);
  orgmap_test_begin (f);
  g_assert_true (orgmap_history_place_unit (f->history, ti, FALSE, 0, 0));
  g_assert_false (orgmap_document_get_unit_position (f->doc, ti, NULL, NULL));
  orgmap_test_finish (f, "Reset Unit Position");

  /* A subtree with its links, which carry ratings. */
  g_ptr_array_add (subtree, (gpointer) orgmap_document_get_unit (f->doc, ops)->id);
  for (guint i = 0; i < subtree->len; i++)
    {
      children = orgmap_document_get_unit_children (f->doc, unit_by_id (f, subtree->pdata[i]), &n_children);
      for (guint k = 0; k < n_children; k++)
        g_ptr_array_add (subtree, (gpointer) orgmap_document_get_unit (f->doc, children[k])->id);
    }
  g_assert_cmpuint (subtree->len, >, 5);
  for (guint32 i = 0; i < n_links; i++)
    {
      const OrgmapLink *l = orgmap_document_get_link (f->doc, i);

      for (guint k = 0; k < subtree->len; k++)
        if (l->provider == unit_by_id (f, subtree->pdata[k]) || l->client == unit_by_id (f, subtree->pdata[k]))
          {
            n_touching++;
            break;
          }
    }
  g_assert_cmpuint (n_touching, >, 0);
  orgmap_test_begin (f);
  /* The ids stay valid: the document's strings live as long as it does. */
  g_assert_true (orgmap_history_delete_unit (f->history, ops, NULL));
  for (guint k = 0; k < subtree->len; k++)
    g_assert_cmpuint (orgmap_document_find_unit (f->doc, subtree->pdata[k]), ==, ORGMAP_NONE);
  g_assert_cmpuint (orgmap_document_get_n_units (f->doc), ==, n_units - subtree->len);
  g_assert_cmpuint (orgmap_document_get_n_links (f->doc), ==, n_links - n_touching);
  orgmap_test_finish (f, "Delete Unit");

  orgmap_test_fixture_clear (f);
}

/* Deleting on random documents: chains of ratings in any order, dimension
 * scores, positions, children before their parents in handle order. */
static void
test_random_deletions (void)
{
  for (guint32 seed = 1; seed <= 6; seed++)
    {
      OrgmapTestFixture fixture, *f = &fixture;
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed * 31);
      guint32 unit, link = ORGMAP_NONE;
      guint n_units, n_ratings;

      orgmap_test_fixture_init_random (f, seed);

      /* The unit with the largest subtree but the whole document. */
      n_units = orgmap_document_get_n_units (f->doc);
      unit = orgmap_test_random_below (rand, n_units);
      orgmap_test_begin (f);
      g_assert_true (orgmap_history_delete_unit (f->history, unit, NULL));
      g_assert_cmpuint (orgmap_document_get_n_units (f->doc), <, n_units);
      orgmap_test_finish (f, "Delete Unit");

      unit = orgmap_document_get_roots (f->doc, &n_units)[0];
      orgmap_test_begin (f);
      g_assert_true (orgmap_history_delete_unit (f->history, unit, NULL));
      orgmap_test_finish (f, "Delete Unit");

      orgmap_test_begin (f);
      g_assert_true (orgmap_history_delete_external (f->history, 0, NULL));
      orgmap_test_finish (f, "Delete External Client");

      n_ratings = orgmap_document_get_n_ratings (f->doc);
      orgmap_test_begin (f);
      g_assert_true (orgmap_history_delete_round (f->history, 0, NULL));
      g_assert_cmpuint (orgmap_document_get_n_ratings (f->doc), <, n_ratings);
      orgmap_test_finish (f, "Delete Round");

      /* A link with a rating in the middle of its chain, with dimension scores if any. */
      for (guint32 i = 0; i < orgmap_document_get_n_links (f->doc) && link == ORGMAP_NONE; i++)
        {
          guint32 first = orgmap_document_get_link (f->doc, i)->first_rating;

          if (first != ORGMAP_NONE && orgmap_document_get_rating (f->doc, first)->next != ORGMAP_NONE)
            link = i;
        }
      g_assert_cmpuint (link, !=, ORGMAP_NONE);

      orgmap_test_begin (f);
      g_assert_true (orgmap_history_delete_link (f->history, link, NULL));
      orgmap_test_finish (f, "Delete Link");

      for (guint32 r = orgmap_document_get_link (f->doc, link)->first_rating; r != ORGMAP_NONE;
           r = orgmap_document_get_rating (f->doc, r)->next)
        {
          guint32 round = orgmap_document_get_rating (f->doc, r)->round;

          orgmap_test_begin (f);
          g_assert_true (orgmap_history_clear_rating (f->history, link, round));
          g_assert_cmpuint (orgmap_document_find_rating (f->doc, link, round), ==, ORGMAP_NONE);
          orgmap_test_finish (f, "Clear Rating");
        }

      orgmap_test_fixture_clear (f);
    }
}

/* External clients */

static void
test_external_commands (void)
{
  OrgmapTestFixture fixture, *f = &fixture;
  guint32 external, minoristas;
  guint n_externals, n_links, n_serving = 0;

  orgmap_test_fixture_init_example (f);
  n_externals = orgmap_document_get_n_externals (f->doc);
  minoristas = orgmap_document_find_external (f->doc, "minoristas");

  orgmap_test_begin (f);
  external = orgmap_history_add_external (f->history, "Proveedores", NULL);
  g_assert_cmpuint (external, ==, n_externals);
  g_assert_cmpstr (orgmap_document_get_external (f->doc, external)->name, ==, "Proveedores");
  orgmap_test_finish (f, "Add External Client");

  orgmap_test_begin (f);
  g_assert_true (orgmap_history_rename_external (f->history, minoristas, "Tiendas", NULL));
  g_assert_cmpstr (orgmap_document_get_external (f->doc, minoristas)->name, ==, "Tiendas");
  orgmap_test_finish (f, "Rename External Client");

  orgmap_test_begin (f);
  g_assert_true (orgmap_history_set_external_notes (f->history, minoristas, "Compran por catálogo"));
  g_assert_cmpstr (orgmap_document_get_external (f->doc, minoristas)->notes, ==, "Compran por catálogo");
  orgmap_test_finish (f, "Change External Client Details");
  /* Left undone: setting none again changes nothing. */
  g_assert_false (orgmap_history_set_external_notes (f->history, minoristas, NULL));

  /* The map's own name; undone, the old one is back. */
  {
    g_autoptr(GError) error = NULL;

    orgmap_test_begin (f);
    g_assert_true (orgmap_history_rename_document (f->history, "Industrias Ejemplo 2027", NULL));
    g_assert_cmpstr (orgmap_document_get_name (f->doc), ==, "Industrias Ejemplo 2027");
    orgmap_test_finish (f, "Rename Map");
    g_assert_cmpstr (orgmap_document_get_name (f->doc), ==, "Industrias Ejemplo");
    g_assert_true (orgmap_history_redo (f->history));
    g_assert_false (orgmap_history_rename_document (f->history, "  ", &error));
    g_assert_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==, "The map “Industrias Ejemplo 2027” cannot be left without a name");
    g_assert_true (orgmap_history_undo (f->history));
  }

  n_links = orgmap_document_get_n_links (f->doc);
  for (guint32 i = 0; i < n_links; i++)
    n_serving += orgmap_document_get_link (f->doc, i)->client == ORGMAP_EXTERNAL_HANDLE (minoristas);
  g_assert_cmpuint (n_serving, >, 0);
  orgmap_test_begin (f);
  g_assert_true (orgmap_history_delete_external (f->history, minoristas, NULL));
  g_assert_cmpuint (orgmap_document_find_external (f->doc, "minoristas"), ==, ORGMAP_NONE);
  g_assert_cmpuint (orgmap_document_get_n_links (f->doc), ==, n_links - n_serving);
  orgmap_test_finish (f, "Delete External Client");

  orgmap_test_fixture_clear (f);
}

/* Links and ratings */

static void
test_link_commands (void)
{
  OrgmapTestFixture fixture, *f = &fixture;
  guint32 link, rated, unrated, ti, prod, s1;
  guint n_links, n_ratings;
  const char *rated_id;
  double score;

  orgmap_test_fixture_init_example (f);
  ti = unit_by_id (f, "ti");
  prod = unit_by_id (f, "prod");
  s1 = orgmap_document_find_round (f->doc, "s1");
  n_links = orgmap_document_get_n_links (f->doc);

  orgmap_test_begin (f);
  link = orgmap_history_add_link (f->history, ti, prod, "Automatización", NULL);
  g_assert_cmpuint (link, ==, n_links);
  g_assert_cmpuint (orgmap_document_get_link (f->doc, link)->provider, ==, ti);
  g_assert_cmpuint (orgmap_document_get_link (f->doc, link)->client, ==, prod);
  g_assert_cmpstr (orgmap_document_get_link (f->doc, link)->service, ==, "Automatización");
  g_assert_cmpint (orgmap_document_get_link_type (f->doc, link), ==,
                   orgmap_document_classify (f->doc, ti, prod));
  orgmap_test_finish (f, "Add Link");

  orgmap_test_begin (f);
  link = orgmap_history_add_link (f->history, prod, ORGMAP_EXTERNAL_HANDLE (0), NULL, NULL);
  g_assert_cmpint (orgmap_document_get_link_type (f->doc, link), ==, ORGMAP_LINK_EXTERNAL);
  g_assert_null (orgmap_document_get_link (f->doc, link)->service);
  orgmap_test_finish (f, "Add Link");

  rated = orgmap_test_find_link_with_ratings (f->doc, TRUE);
  unrated = orgmap_test_find_link_with_ratings (f->doc, FALSE);
  orgmap_test_begin (f);
  g_assert_true (orgmap_history_set_link_details (f->history, rated, "Nuevo servicio", "Notas",
                                                  ORGMAP_LINK_HORIZONTAL, NULL));
  g_assert_cmpstr (orgmap_document_get_link (f->doc, rated)->service, ==, "Nuevo servicio");
  g_assert_cmpstr (orgmap_document_get_link (f->doc, rated)->notes, ==, "Notas");
  g_assert_cmpint (orgmap_document_get_link_type (f->doc, rated), ==, ORGMAP_LINK_HORIZONTAL);
  orgmap_test_finish (f, "Change Link Details");

  n_ratings = orgmap_document_get_n_ratings (f->doc);
  rated_id = orgmap_document_get_link (f->doc, rated)->id;
  orgmap_test_begin (f);
  g_assert_true (orgmap_history_delete_link (f->history, rated, NULL));
  g_assert_cmpuint (orgmap_document_find_link (f->doc, rated_id), ==, ORGMAP_NONE);
  g_assert_cmpuint (orgmap_document_get_n_links (f->doc), ==, n_links - 1);
  g_assert_cmpuint (orgmap_document_get_n_ratings (f->doc), <, n_ratings);
  orgmap_test_finish (f, "Delete Link");

  /* A new rating, then one replaced. */
  orgmap_test_begin (f);
  g_assert_true (orgmap_history_rate (f->history, unrated, s1, 3.5, 12, "Mejorable", NULL));
  g_assert_true (orgmap_document_get_link_quality (f->doc, unrated, s1, &score));
  g_assert_cmpfloat (score, ==, 3.5);
  g_assert_cmpstr (orgmap_document_get_rating (f->doc, orgmap_document_find_rating (f->doc, unrated, s1))->comment,
                   ==, "Mejorable");
  orgmap_test_finish (f, "Rate Link");

  link = orgmap_document_get_rating (f->doc, orgmap_document_get_link (f->doc, rated)->first_rating)->round;
  orgmap_test_begin (f);
  g_assert_true (orgmap_history_rate (f->history, rated, link, 1.5, -1, NULL, NULL));
  g_assert_true (orgmap_document_get_link_quality (f->doc, rated, link, &score));
  g_assert_cmpfloat (score, ==, 1.5);
  orgmap_test_finish (f, "Rate Link");

  orgmap_test_begin (f);
  g_assert_true (orgmap_history_clear_rating (f->history, rated, link));
  g_assert_false (orgmap_document_get_link_quality (f->doc, rated, link, NULL));
  orgmap_test_finish (f, "Clear Rating");

  /* Nothing to clear: nothing recorded. */
  orgmap_test_begin (f);
  g_assert_false (orgmap_history_clear_rating (f->history, unrated, s1));
  g_assert_cmpuint (f->n_changes, ==, 0);

  orgmap_test_fixture_clear (f);
}

/* Rounds */

static void
test_round_commands (void)
{
  OrgmapTestFixture fixture, *f = &fixture;
  guint32 round, s1;
  guint n_rounds, n_ratings, n_in_s1 = 0;

  orgmap_test_fixture_init_example (f);
  n_rounds = orgmap_document_get_n_rounds (f->doc);
  s1 = orgmap_document_find_round (f->doc, "s1");

  orgmap_test_begin (f);
  round = orgmap_history_add_round (f->history, "Tercera encuesta", "2027-03-31", NULL);
  g_assert_cmpuint (round, ==, n_rounds);
  g_assert_cmpstr (orgmap_document_get_round (f->doc, round)->name, ==, "Tercera encuesta");
  g_assert_cmpstr (orgmap_document_get_round (f->doc, round)->date, ==, "2027-03-31");
  orgmap_test_finish (f, "Add Round");

  orgmap_test_begin (f);
  round = orgmap_history_add_round (f->history, "Sin fecha", "", NULL);
  g_assert_null (orgmap_document_get_round (f->doc, round)->date);
  orgmap_test_finish (f, "Add Round");

  orgmap_test_begin (f);
  g_assert_true (orgmap_history_rename_round (f->history, s1, "Primera encuesta", NULL));
  g_assert_cmpstr (orgmap_document_get_round (f->doc, s1)->name, ==, "Primera encuesta");
  orgmap_test_finish (f, "Rename Round");

  n_ratings = orgmap_document_get_n_ratings (f->doc);
  for (guint32 i = 0; i < orgmap_document_get_n_links (f->doc); i++)
    n_in_s1 += orgmap_document_find_rating (f->doc, i, s1) != ORGMAP_NONE;
  g_assert_cmpuint (n_in_s1, >, 0);
  orgmap_test_begin (f);
  g_assert_true (orgmap_history_delete_round (f->history, s1, NULL));
  g_assert_cmpuint (orgmap_document_find_round (f->doc, "s1"), ==, ORGMAP_NONE);
  g_assert_cmpuint (orgmap_document_get_n_ratings (f->doc), ==, n_ratings - n_in_s1);
  orgmap_test_finish (f, "Delete Round");

  orgmap_test_fixture_clear (f);
}

/* Labels, flags and their notifications */

typedef struct
{
  guint can_undo;
  guint can_redo;
  guint undo_label;
  guint redo_label;
} Notified;

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           Notified   *notified)
{
  if (g_str_equal (pspec->name, "can-undo"))
    notified->can_undo++;
  else if (g_str_equal (pspec->name, "can-redo"))
    notified->can_redo++;
  else if (g_str_equal (pspec->name, "undo-label"))
    notified->undo_label++;
  else if (g_str_equal (pspec->name, "redo-label"))
    notified->redo_label++;
}

#define assert_notified(n, cu, cr, ul, rl) \
  G_STMT_START { \
    g_assert_cmpuint ((n)->can_undo, ==, (cu)); \
    g_assert_cmpuint ((n)->can_redo, ==, (cr)); \
    g_assert_cmpuint ((n)->undo_label, ==, (ul)); \
    g_assert_cmpuint ((n)->redo_label, ==, (rl)); \
    memset ((n), 0, sizeof *(n)); \
  } G_STMT_END

static void
test_labels (void)
{
  OrgmapTestFixture fixture, *f = &fixture;
  Notified notified = { 0 };
  g_autofree char *label = NULL;
  g_autofree char *original = NULL;
  gboolean can_undo = TRUE;
  guint32 fin, rrhh;

  orgmap_test_fixture_init_example (f);
  fin = unit_by_id (f, "fin");
  rrhh = unit_by_id (f, "rrhh");
  g_signal_connect (f->history, "notify", G_CALLBACK (on_notify), &notified);
  original = orgmap_test_dump (f->doc);

  g_assert_false (orgmap_history_can_undo (f->history));
  g_assert_false (orgmap_history_can_redo (f->history));
  g_assert_null (orgmap_history_get_undo_label (f->history));
  g_assert_null (orgmap_history_get_redo_label (f->history));
  g_assert_false (orgmap_history_undo (f->history));
  g_assert_false (orgmap_history_redo (f->history));
  assert_notified (&notified, 0, 0, 0, 0);

  g_assert_true (orgmap_history_rename_unit (f->history, fin, "Finanzas y Control", NULL));
  assert_notified (&notified, 1, 0, 1, 0);
  g_object_get (f->history, "undo-label", &label, "can-undo", &can_undo, NULL);
  g_assert_cmpstr (label, ==, "Undo Rename Unit");
  g_assert_true (can_undo);

  /* A second command: can-undo stays, the label changes. */
  g_assert_true (orgmap_history_move_unit (f->history, rrhh, ORGMAP_NONE, NULL));
  assert_notified (&notified, 0, 0, 1, 0);
  g_assert_cmpstr (orgmap_history_get_undo_label (f->history), ==, "Undo Move Unit");

  g_assert_true (orgmap_history_undo (f->history));
  assert_notified (&notified, 0, 1, 1, 1);
  g_assert_cmpstr (orgmap_history_get_undo_label (f->history), ==, "Undo Rename Unit");
  g_assert_cmpstr (orgmap_history_get_redo_label (f->history), ==, "Redo Move Unit");
  g_assert_cmpstr (unit_name (f, fin), ==, "Finanzas y Control");
  g_assert_cmpuint (orgmap_document_get_unit (f->doc, rrhh)->parent, ==, fin);

  g_assert_true (orgmap_history_undo (f->history));
  assert_notified (&notified, 1, 0, 1, 1);
  g_assert_null (orgmap_history_get_undo_label (f->history));
  g_assert_cmpstr (orgmap_history_get_redo_label (f->history), ==, "Redo Rename Unit");
  g_assert_cmpstr (unit_name (f, fin), ==, "Finanzas");

  g_assert_true (orgmap_history_redo (f->history));
  assert_notified (&notified, 1, 0, 1, 1);
  g_assert_cmpstr (orgmap_history_get_undo_label (f->history), ==, "Undo Rename Unit");
  g_assert_cmpstr (orgmap_history_get_redo_label (f->history), ==, "Redo Move Unit");

  /* A new command after an undo forgets what could be redone. */
  g_assert_cmpuint (orgmap_history_add_external (f->history, "Proveedores", NULL), !=, ORGMAP_NONE);
  assert_notified (&notified, 0, 1, 1, 1);
  g_assert_false (orgmap_history_can_redo (f->history));
  g_assert_null (orgmap_history_get_redo_label (f->history));
  g_assert_false (orgmap_history_redo (f->history));
  g_assert_cmpuint (orgmap_document_get_unit (f->doc, rrhh)->parent, ==, fin);
  g_assert_cmpstr (orgmap_history_get_undo_label (f->history), ==, "Undo Add External Client");

  g_assert_true (orgmap_history_undo (f->history));
  g_assert_true (orgmap_history_undo (f->history));
  g_assert_false (orgmap_history_undo (f->history));
  assert_notified (&notified, 1, 1, 2, 2);
  {
    g_autofree char *restored = orgmap_test_dump (f->doc);

    orgmap_test_assert_same_dump (restored, original);
  }

  orgmap_history_clear (f->history);
  assert_notified (&notified, 0, 1, 0, 1);
  g_assert_false (orgmap_history_can_redo (f->history));

  orgmap_test_fixture_clear (f);
}

/* Refusals change nothing, touch neither stack and name the item. */

static void
assert_refused (OrgmapTestFixture *f,
                gboolean           result,
                GError            *error,
                const char        *part1,
                const char        *part2)
{
  g_autofree char *after = orgmap_test_dump (f->doc);

  g_assert_false (result);
  g_assert_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, !=, "");
  if (part1 != NULL)
    g_assert_nonnull (strstr (error->message, part1));
  if (part2 != NULL)
    g_assert_nonnull (strstr (error->message, part2));
  orgmap_test_assert_same_dump (after, f->before);
  g_assert_cmpuint (f->n_changes, ==, 0);
  g_assert_cmpuint (f->n_notifies, ==, 0);
  g_assert_cmpstr (orgmap_history_get_undo_label (f->history), ==, "Undo Rename Unit");
  g_assert_cmpstr (orgmap_history_get_redo_label (f->history), ==, "Redo Add External Client");
}

static void
test_refusals (void)
{
  OrgmapTestFixture fixture, *f = &fixture;
  g_autoptr(GError) e1 = NULL, e2 = NULL, e3 = NULL, e4 = NULL, e5 = NULL, e6 = NULL, e7 = NULL;
  g_autoptr(GError) e8 = NULL, e9 = NULL, e10 = NULL, e11 = NULL, e12 = NULL, e13 = NULL;
  g_autoptr(GError) e14 = NULL, e15 = NULL, e16 = NULL;
  guint32 fin, rrhh, nom, s1, link, other;
  const OrgmapLink *l;
  gboolean ok;

  orgmap_test_fixture_init_example (f);
  fin = unit_by_id (f, "fin");
  rrhh = unit_by_id (f, "rrhh");
  nom = unit_by_id (f, "nom");
  s1 = orgmap_document_find_round (f->doc, "s1");
  link = orgmap_test_find_link_with_ratings (f->doc, TRUE);
  l = orgmap_document_get_link (f->doc, link);
  g_assert_nonnull (l->service);
  /* A second link between the same ends, for another service. */
  other = orgmap_document_add_link (f->doc, NULL, l->provider, l->client, "Otro servicio");
  l = orgmap_document_get_link (f->doc, link);

  /* Something to undo and something to redo. */
  g_assert_true (orgmap_history_rename_unit (f->history, nom, "Nóminas", NULL));
  g_assert_cmpuint (orgmap_history_add_external (f->history, "Proveedores", NULL), !=, ORGMAP_NONE);
  g_assert_true (orgmap_history_undo (f->history));
  f->before = orgmap_test_dump (f->doc);
  f->n_changes = 0;
  f->n_notifies = 0;

  ok = orgmap_history_add_unit (f->history, ORGMAP_NONE, "", &e1) != ORGMAP_NONE;
  assert_refused (f, ok, e1, "unit", NULL);
  ok = orgmap_history_add_unit (f->history, fin, "   ", &e2) != ORGMAP_NONE;
  assert_refused (f, ok, e2, "unit", NULL);
  ok = orgmap_history_rename_unit (f->history, fin, "", &e3);
  assert_refused (f, ok, e3, "Finanzas", NULL);
  ok = orgmap_history_add_external (f->history, NULL, &e4) != ORGMAP_NONE;
  assert_refused (f, ok, e4, "external client", NULL);
  ok = orgmap_history_rename_external (f->history, 0, " ", &e5);
  assert_refused (f, ok, e5, orgmap_document_get_external (f->doc, 0)->name, NULL);
  ok = orgmap_history_add_round (f->history, "", NULL, &e6) != ORGMAP_NONE;
  assert_refused (f, ok, e6, "round", NULL);
  ok = orgmap_history_rename_round (f->history, s1, "", &e7);
  assert_refused (f, ok, e7, orgmap_document_get_round (f->doc, s1)->name, NULL);
  ok = orgmap_history_add_round (f->history, "Tercera", "2027-02-30", &e8) != ORGMAP_NONE;
  assert_refused (f, ok, e8, "2027-02-30", "Tercera");

  ok = orgmap_history_add_link (f->history, fin, fin, "Algo", &e9) != ORGMAP_NONE;
  assert_refused (f, ok, e9, "Finanzas", NULL);
  ok = orgmap_history_add_link (f->history, l->provider, l->client, l->service, &e10) != ORGMAP_NONE;
  assert_refused (f, ok, e10, orgmap_document_get_party_name (f->doc, l->provider),
                  orgmap_document_get_party_name (f->doc, l->client));
  ok = orgmap_history_set_link_details (f->history, other, l->service, NULL, ORGMAP_LINK_AUTOMATIC, &e11);
  assert_refused (f, ok, e11, l->service, orgmap_document_get_party_name (f->doc, l->provider));

  ok = orgmap_history_move_unit (f->history, fin, rrhh, &e12);
  assert_refused (f, ok, e12, "Finanzas", "Recursos Humanos");
  ok = orgmap_history_move_unit (f->history, fin, nom, &e13);
  assert_refused (f, ok, e13, "Finanzas", "Nómina");
  ok = orgmap_history_move_unit (f->history, fin, fin, &e14);
  assert_refused (f, ok, e14, "Finanzas", NULL);

  ok = orgmap_history_rate (f->history, link, s1, 6, 3, NULL, &e15);
  assert_refused (f, ok, e15, "6", orgmap_document_get_party_name (f->doc, l->provider));
  ok = orgmap_history_rate (f->history, link, s1, 0.5, 3, NULL, &e16);
  assert_refused (f, ok, e16, "0.5", "1–5");

  orgmap_test_fixture_clear (f);
}

/* Random sequences of commands */

static const char * const command_names[] = {
  "add unit", "rename unit", "unit details", "move unit", "place unit", "delete unit",
  "add external", "rename external", "delete external", "add link", "link details",
  "delete link", "rate", "clear rating", "add round", "rename round", "delete round",
  "rate dimensions", "round details",
};

#define N_COMMAND_KINDS G_N_ELEMENTS (command_names)

/* A command picked at random (*kind_out says which); FALSE when it was
 * refused or not tried. */
static gboolean
random_command (OrgmapHistory  *history,
                OrgmapDocument *doc,
                GRand          *rand,
                guint           step,
                guint          *kind_out)
{
  g_autofree char *text = g_strdup_printf ("Text %u", step);
  g_autoptr(GError) error = NULL;
  guint n_units = orgmap_document_get_n_units (doc);
  guint n_externals = orgmap_document_get_n_externals (doc);
  guint n_links = orgmap_document_get_n_links (doc);
  guint n_rounds = orgmap_document_get_n_rounds (doc);
  guint32 unit = n_units > 0 ? orgmap_test_random_below (rand, n_units) : ORGMAP_NONE;
  guint32 link = n_links > 0 ? orgmap_test_random_below (rand, n_links) : ORGMAP_NONE;
  guint32 round = n_rounds > 0 ? orgmap_test_random_below (rand, n_rounds) : ORGMAP_NONE;
  guint32 external = n_externals > 0 ? orgmap_test_random_below (rand, n_externals) : ORGMAP_NONE;
  guint32 other, first;
  guint kind = orgmap_test_random_below (rand, 40);
  gboolean ok;

  /* Deletions are rarer than edits, as in a workshop. */
  if (kind >= N_COMMAND_KINDS)
    kind = kind % 14;
  *kind_out = kind;
  if ((kind == 5 && n_units < 50) || (kind == 8 && n_externals < 3) ||
      (kind == 16 && n_rounds < 2))
    return FALSE;
  if (unit == ORGMAP_NONE && kind <= 5)
    return FALSE;
  if (link == ORGMAP_NONE && (kind == 10 || kind == 11 || kind == 12 || kind == 13 || kind == 17))
    return FALSE;
  if (round == ORGMAP_NONE && (kind == 12 || kind == 15 || kind == 16 || kind == 17 || kind == 18))
    return FALSE;
  if (external == ORGMAP_NONE && (kind == 7 || kind == 8))
    return FALSE;

  switch (kind)
    {
    case 0:
      ok = orgmap_history_add_unit (history, orgmap_test_one_in (rand, 5) ? ORGMAP_NONE : unit, text, &error) != ORGMAP_NONE;
      break;
    case 1:
      ok = orgmap_history_rename_unit (history, unit, text, &error);
      break;
    case 2:
      ok = orgmap_history_set_unit_details (history, unit, orgmap_test_one_in (rand, 2) ? NULL : "Head",
                                            g_rand_int_range (rand, -1, 50), g_rand_int_range (rand, 0, 4),
                                            orgmap_test_one_in (rand, 3) ? "Area" : NULL, text, &error);
      break;
    case 3:
      other = orgmap_test_one_in (rand, 10) ? ORGMAP_NONE : orgmap_test_random_below (rand, n_units);
      if (other == orgmap_document_get_unit (doc, unit)->parent)
        return FALSE;
      ok = orgmap_history_move_unit (history, unit, other, &error);
      break;
    case 4:
      if (orgmap_test_one_in (rand, 3))
        {
          if (!orgmap_document_get_unit_position (doc, unit, NULL, NULL))
            return FALSE;
          ok = orgmap_history_place_unit (history, unit, FALSE, 0, 0);
        }
      else
        ok = orgmap_history_place_unit (history, unit, TRUE, step + g_rand_double (rand), -(double) step);
      break;
    case 5:
      ok = orgmap_history_delete_unit (history, unit, &error);
      break;
    case 6:
      ok = orgmap_history_add_external (history, text, &error) != ORGMAP_NONE;
      break;
    case 7:
      ok = orgmap_history_rename_external (history, external, text, &error);
      break;
    case 8:
      ok = orgmap_history_delete_external (history, external, &error);
      break;
    case 9:
      if (n_units < 2)
        return FALSE;
      other = orgmap_test_one_in (rand, 5) && n_externals > 0 ? ORGMAP_EXTERNAL_HANDLE (orgmap_test_random_below (rand, n_externals))
                                                 : orgmap_test_random_below (rand, n_units);
      ok = orgmap_history_add_link (history, unit, other, orgmap_test_one_in (rand, 2) ? NULL : text, &error) != ORGMAP_NONE;
      break;
    case 10:
      ok = orgmap_history_set_link_details (history, link, orgmap_test_one_in (rand, 2) ? NULL : text, text,
                                            orgmap_test_one_in (rand, 2) ? ORGMAP_LINK_AUTOMATIC
                                                             : orgmap_test_random_below (rand, ORGMAP_N_LINK_TYPES),
                                            &error);
      break;
    case 11:
      ok = orgmap_history_delete_link (history, link, &error);
      break;
    case 12:
      ok = orgmap_history_rate (history, link, round, 1 + orgmap_test_random_below (rand, 9) * 0.5, (gint32) step,
                                orgmap_test_one_in (rand, 2) ? NULL : text, &error);
      break;
    case 13:
      first = orgmap_document_get_link (doc, link)->first_rating;
      if (first == ORGMAP_NONE)
        return FALSE;
      while (orgmap_document_get_rating (doc, first)->next != ORGMAP_NONE && orgmap_test_one_in (rand, 2))
        first = orgmap_document_get_rating (doc, first)->next;
      ok = orgmap_history_clear_rating (history, link, orgmap_document_get_rating (doc, first)->round);
      break;
    case 14:
      ok = orgmap_history_add_round (history, text, orgmap_test_one_in (rand, 2) ? NULL : "2027-01-31", &error) != ORGMAP_NONE;
      break;
    case 15:
      ok = orgmap_history_rename_round (history, round, text, &error);
      break;
    case 16:
      ok = orgmap_history_delete_round (history, round, &error);
      break;
    case 17:
      {
        guint n_dimensions = orgmap_document_get_n_dimensions (doc);
        g_autofree double *scores = g_new (double, n_dimensions);

        for (guint d = 0; d < n_dimensions; d++)
          scores[d] = orgmap_test_one_in (rand, 2) ? NAN : 1 + orgmap_test_random_below (rand, 5);
        ok = orgmap_history_rate_dimensions (history, link, round, 1 + orgmap_test_random_below (rand, 9) * 0.5,
                                             (gint32) step, NULL, orgmap_test_one_in (rand, 8) ? NULL : scores,
                                             &error);
      }
      break;
    case 18:
      ok = orgmap_history_set_round_details (history, round, text,
                                             orgmap_test_one_in (rand, 3) ? NULL : "2027-06-30", &error);
      break;
    default:
      g_assert_not_reached ();
    }

  /* Refusals say why; successes leave a step to undo. */
  g_assert_true (ok == (error == NULL));
  if (ok)
    g_assert_true (orgmap_history_can_undo (history));
  return ok;
}

static void
test_random_sequence (void)
{
  OrgmapTestFixture fixture, *f = &fixture;
  g_autoptr(GRand) rand = g_rand_new_with_seed (4242);
  g_autofree char *original = NULL;
  g_autofree char *middle = NULL;
  g_autofree char *final = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  guint n_done = 0, n_undone = 0, n_redone = 0, kind;

  orgmap_test_fixture_init_random (f, 7);
  original = orgmap_test_dump (f->doc);

  for (guint step = 0; n_done < 1000; step++)
    {
      if (random_command (f->history, f->doc, rand, step, &kind))
        n_done++;
      if (n_done == 500 && middle == NULL)
        middle = orgmap_test_dump (f->doc);
    }
  final = orgmap_test_dump (f->doc);
  g_assert_cmpstr (final, !=, original);

  while (orgmap_history_undo (f->history))
    {
      n_undone++;
      if (n_undone == 500)
        {
          g_autofree char *half = orgmap_test_dump (f->doc);

          orgmap_test_assert_same_dump (half, middle);
        }
    }
  g_assert_cmpuint (n_undone, ==, 1000);
  undone = orgmap_test_dump (f->doc);
  orgmap_test_assert_same_dump (undone, original);
  g_assert_true (orgmap_document_equal (f->doc, f->reference));

  while (orgmap_history_redo (f->history))
    n_redone++;
  g_assert_cmpuint (n_redone, ==, 1000);
  redone = orgmap_test_dump (f->doc);
  orgmap_test_assert_same_dump (redone, final);

  orgmap_test_fixture_clear (f);
}

/* Timing on a large document: printed, not asserted. */

static OrgmapDocument *
build_large (guint n_units)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);
  OrgmapDocument *doc = orgmap_document_new ();

  for (guint i = 0; i < n_units; i++)
    {
      g_autofree char *name = g_strdup_printf ("Unit %u", i);

      orgmap_document_add_unit (doc, NULL, name, i == 0 ? ORGMAP_NONE : orgmap_test_random_below (rand, i));
    }
  for (guint i = 0; i < 10; i++)
    orgmap_document_add_external (doc, NULL, "External");
  for (guint i = 0; i < 3; i++)
    orgmap_document_add_round (doc, NULL, "Round", NULL);
  for (guint i = 0; i < 2 * n_units; i++)
    {
      guint32 provider = orgmap_test_random_below (rand, n_units);
      guint32 client = (provider + 1 + orgmap_test_random_below (rand, n_units - 1)) % n_units;
      guint32 link = orgmap_document_add_link (doc, NULL, provider, client, NULL);

      if (orgmap_test_one_in (rand, 2))
        orgmap_document_set_rating (doc, link, orgmap_test_random_below (rand, 3), 3, -1, NULL, NULL);
    }
  return doc;
}

static void
test_timing (void)
{
  g_autoptr(OrgmapDocument) doc = build_large (10000);
  g_autoptr(OrgmapHistory) history = orgmap_history_new (doc);
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autofree char *original = orgmap_test_dump (doc);
  g_autofree char *undone = NULL;
  g_autoptr(GString) longest = g_string_new (NULL);
  gint64 start, total = 0, slowest[N_COMMAND_KINDS] = { 0 };
  guint n_done = 0, n_kind[N_COMMAND_KINDS] = { 0 };

  for (guint step = 0; n_done < 1000; step++)
    {
      gint64 t = g_get_monotonic_time ();
      guint kind = 0;
      gboolean ok = random_command (history, doc, rand, step, &kind);

      t = g_get_monotonic_time () - t;
      if (ok)
        {
          n_done++;
          total += t;
          n_kind[kind]++;
          slowest[kind] = MAX (slowest[kind], t);
        }
    }
  for (guint k = 0; k < N_COMMAND_KINDS; k++)
    g_string_append_printf (longest, "%s%s %u times, at most %.2f ms", k > 0 ? ", " : "", command_names[k],
                            n_kind[k], slowest[k] / 1e3);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < 1000; i++)
    g_assert_true (orgmap_history_undo (history));
  g_test_message ("10,000 units: undoing 1,000 edits takes %.3f s; one edit takes %.3f ms on average; "
                  "slowest by kind: %s",
                  (g_get_monotonic_time () - start) / 1e6, total / 1000 / 1e3, longest->str);

  g_assert_false (orgmap_history_can_undo (history));
  undone = orgmap_test_dump (doc);
  orgmap_test_assert_same_dump (undone, original);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/orgmap/model/history/units", test_unit_commands);
  g_test_add_func ("/orgmap/model/history/random-deletions", test_random_deletions);
  g_test_add_func ("/orgmap/model/history/externals", test_external_commands);
  g_test_add_func ("/orgmap/model/history/links", test_link_commands);
  g_test_add_func ("/orgmap/model/history/rounds", test_round_commands);
  g_test_add_func ("/orgmap/model/history/labels", test_labels);
  g_test_add_func ("/orgmap/model/history/refusals", test_refusals);
  g_test_add_func ("/orgmap/model/history/random-sequence", test_random_sequence);
  g_test_add_func ("/orgmap/model/history/timing", test_timing);

  return g_test_run ();
}

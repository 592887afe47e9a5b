/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "orgmap-error.h"
#include "orgmap-history.h"
#include "orgmap-store.h"
#include "orgmap-test-dump.h"

/* The hidden option that makes this program the child of the kill test. */
#define CHILD_OPTION "--live-store-child"
#define KILL_SEED 7
#define KILL_EDITS 30

/* This program, run again as the child of the kill test. */
static char *self_path;

typedef struct
{
  char *dir;
  char *path;   /* dir/map.orgmap, not yet created */
} Fixture;

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("orgmap-live-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "map.orgmap", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static OrgmapDocument *
load (const char *path)
{
  g_autoptr(GError) error = NULL;
  OrgmapDocument *doc = orgmap_store_load (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

/* The file, loaded by another connection, holds what the document holds. */
#define assert_file_holds(path, doc, what) \
  G_STMT_START { \
    g_autoptr(OrgmapDocument) loaded_ = load (path); \
    if (!orgmap_document_equal (loaded_, doc)) \
      { \
        g_autofree char *expected_ = orgmap_test_dump (doc); \
        g_autofree char *actual_ = orgmap_test_dump (loaded_); \
        g_test_message ("after %s", what); \
        orgmap_test_assert_same_dump (actual_, expected_); \
        g_assert_not_reached (); \
      } \
  } G_STMT_END

static void
test_setters (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(OrgmapDocument) doc = orgmap_test_build_random (3);
  g_autoptr(OrgmapLiveStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint32 unit, external, link, round, rating, dimension, leaf;
  guint n_units = orgmap_document_get_n_units (doc);

  store = orgmap_live_store_create (f->path, doc, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  assert_file_holds (f->path, doc, "create");

  orgmap_document_set_name (doc, "Renamed map");
  assert_file_holds (f->path, doc, "set_name");
  g_assert_true (orgmap_document_set_scale (doc, 0, 10, &error));
  assert_file_holds (f->path, doc, "set_scale");
  dimension = orgmap_document_add_dimension (doc, "friendliness");
  assert_file_holds (f->path, doc, "add_dimension");

  unit = orgmap_document_add_unit (doc, "new-unit", "New unit", 3);
  g_assert_cmpuint (unit, ==, n_units);
  assert_file_holds (f->path, doc, "add_unit");
  g_assert_true (orgmap_document_set_unit_parent (doc, 5, unit, &error));
  g_assert_no_error (error);
  assert_file_holds (f->path, doc, "set_unit_parent");
  orgmap_document_set_unit_name (doc, 2, "Renamed unit");
  assert_file_holds (f->path, doc, "set_unit_name");
  orgmap_document_set_unit_head (doc, 2, "Ana");
  assert_file_holds (f->path, doc, "set_unit_head");
  orgmap_document_set_unit_headcount (doc, 2, 42);
  assert_file_holds (f->path, doc, "set_unit_headcount");
  orgmap_document_set_unit_level (doc, 2, 3);
  assert_file_holds (f->path, doc, "set_unit_level");
  orgmap_document_set_unit_area (doc, 2, "Finanzas");
  assert_file_holds (f->path, doc, "set_unit_area");
  orgmap_document_set_unit_notes (doc, 2, "Notas");
  assert_file_holds (f->path, doc, "set_unit_notes");
  orgmap_document_set_unit_notes (doc, 2, NULL);
  orgmap_document_set_unit_headcount (doc, 2, -1);
  assert_file_holds (f->path, doc, "clearing unit fields");
  orgmap_document_set_unit_position (doc, unit, 12.5, -3.25);
  assert_file_holds (f->path, doc, "set_unit_position");
  orgmap_document_set_unit_position (doc, unit, 100, 200);
  assert_file_holds (f->path, doc, "moving a placed unit");
  orgmap_document_clear_unit_position (doc, unit);
  assert_file_holds (f->path, doc, "clear_unit_position");

  external = orgmap_document_add_external (doc, "new-external", "New external");
  assert_file_holds (f->path, doc, "add_external");
  orgmap_document_set_external_name (doc, external, "Renamed external");
  assert_file_holds (f->path, doc, "set_external_name");
  orgmap_document_set_external_notes (doc, external, "Outside notes");
  assert_file_holds (f->path, doc, "set_external_notes");

  link = orgmap_document_add_link (doc, "new-link", unit, ORGMAP_EXTERNAL_HANDLE (external),
                                   "Service");
  assert_file_holds (f->path, doc, "add_link to an external client");
  orgmap_document_set_link_service (doc, link, "Other service");
  assert_file_holds (f->path, doc, "set_link_service");
  orgmap_document_set_link_notes (doc, link, "Link notes");
  assert_file_holds (f->path, doc, "set_link_notes");
  orgmap_document_set_link_type_override (doc, 0, ORGMAP_LINK_DIAGONAL);
  assert_file_holds (f->path, doc, "set_link_type_override");
  orgmap_document_set_link_type_override (doc, 0, ORGMAP_LINK_AUTOMATIC);
  assert_file_holds (f->path, doc, "clearing a type override");

  round = orgmap_document_add_round (doc, "new-round", "New round", NULL);
  assert_file_holds (f->path, doc, "add_round");
  orgmap_document_set_round_name (doc, round, "Renamed round");
  assert_file_holds (f->path, doc, "set_round_name");
  orgmap_document_set_round_date (doc, round, "2027-01-31");
  assert_file_holds (f->path, doc, "set_round_date");

  rating = orgmap_document_set_rating (doc, link, round, 7.5, 12, "Fine", &error);
  g_assert_no_error (error);
  assert_file_holds (f->path, doc, "set_rating (new)");
  g_assert_cmpuint (orgmap_document_set_rating (doc, link, round, 2, -1, NULL, &error), ==, rating);
  assert_file_holds (f->path, doc, "set_rating (replaced)");
  g_assert_true (orgmap_document_set_rating_dimension (doc, rating, dimension, 4, &error));
  g_assert_true (orgmap_document_set_rating_dimension (doc, rating, 0, 9, &error));
  assert_file_holds (f->path, doc, "set_rating_dimension");
  g_assert_true (orgmap_document_set_rating_dimension (doc, rating, dimension, 5, &error));
  assert_file_holds (f->path, doc, "set_rating_dimension (replaced)");

  /* Removals and insertions at an index come as ORGMAP_CHANGE_ALL. */
  orgmap_document_remove_rating (doc, link, round);
  assert_file_holds (f->path, doc, "remove_rating");
  g_assert_true (orgmap_document_remove_link (doc, link, &error));
  assert_file_holds (f->path, doc, "remove_link");
  leaf = orgmap_document_add_unit (doc, "leaf", "Leaf", 0);
  g_assert_true (orgmap_document_remove_unit (doc, leaf, &error));
  assert_file_holds (f->path, doc, "remove_unit");
  g_assert_true (orgmap_document_insert_unit (doc, 0, "first", "First", ORGMAP_NONE, &error));
  g_assert_no_error (error);
  assert_file_holds (f->path, doc, "insert_unit at 0");
  g_assert_true (orgmap_document_insert_round (doc, 0, "r-first", "First round", NULL, &error));
  assert_file_holds (f->path, doc, "insert_round at 0");

  g_assert_null (orgmap_live_store_get_error (store));

  /* Closed, the file is a single file again, and it opens as it was left. */
  g_clear_pointer (&store, orgmap_live_store_close);
  {
    g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
    g_autoptr(OrgmapDocument) reopened = NULL;

    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
    store = orgmap_live_store_open (f->path, &reopened, &error);
    g_assert_no_error (error);
    g_assert_true (orgmap_document_equal (reopened, doc));
    orgmap_document_set_unit_name (reopened, 1, "After reopening");
    g_clear_pointer (&store, orgmap_live_store_close);
    assert_file_holds (f->path, reopened, "an edit after reopening");
  }
}

static void
test_create_refuses_existing (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(OrgmapDocument) doc = orgmap_test_build_random (4);
  g_autoptr(OrgmapDocument) other = orgmap_document_new ();
  g_autoptr(OrgmapDocument) opened = NULL;
  g_autoptr(OrgmapLiveStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (orgmap_store_save (doc, f->path, FALSE, &error));
  store = orgmap_live_store_create (f->path, other, &error);
  g_assert_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_EXISTS);
  g_assert_null (store);
  assert_file_holds (f->path, doc, "a refused create");
  g_clear_error (&error);

  remove_tree (f->path);
  store = orgmap_live_store_open (f->path, &opened, &error);
  g_assert_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "map.orgmap"));
  g_assert_null (store);
  g_assert_null (opened);
}

/* Every step and its undo and redo through the history. */
static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(OrgmapDocument) doc = orgmap_test_build_random (5);
  g_autoptr(OrgmapHistory) history = orgmap_history_new (doc);
  g_autoptr(OrgmapLiveStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint32 unit, external, link, round;
  guint n_steps = 0;

  store = orgmap_live_store_create (f->path, doc, &error);
  g_assert_no_error (error);

#define STEP(call, what) \
  G_STMT_START { \
    g_assert_true (call); \
    g_assert_no_error (error); \
    n_steps++; \
    assert_file_holds (f->path, doc, what); \
  } G_STMT_END

  unit = orgmap_history_add_unit (history, 1, "History unit", &error);
  STEP (unit != ORGMAP_NONE, "add_unit");
  STEP (orgmap_history_rename_unit (history, unit, "Renamed", &error), "rename_unit");
  STEP (orgmap_history_set_unit_details (history, unit, "Head", 9, 2, "Area", "Notes", &error),
        "set_unit_details");
  STEP (orgmap_history_move_unit (history, 4, unit, &error), "move_unit");
  STEP (orgmap_history_place_unit (history, unit, TRUE, 5, 6), "place_unit");
  external = orgmap_history_add_external (history, "History external", &error);
  STEP (external != ORGMAP_NONE, "add_external");
  STEP (orgmap_history_rename_external (history, external, "Renamed external", &error),
        "rename_external");
  link = orgmap_history_add_link (history, unit, 0, "History service", &error);
  STEP (link != ORGMAP_NONE, "add_link");
  STEP (orgmap_history_set_link_details (history, link, "Service", "Notes", ORGMAP_LINK_HORIZONTAL,
                                         &error), "set_link_details");
  round = orgmap_history_add_round (history, "History round", "2027-03-01", &error);
  STEP (round != ORGMAP_NONE, "add_round");
  STEP (orgmap_history_rename_round (history, round, "Renamed round", &error), "rename_round");
  STEP (orgmap_history_rate (history, link, round, 3, 10, "Good", &error), "rate");
  STEP (orgmap_history_rate (history, 0, round, 4, -1, NULL, &error), "rate another link");
  STEP (orgmap_history_clear_rating (history, 0, round), "clear_rating");
  STEP (orgmap_history_delete_link (history, 1, &error), "delete_link");
  STEP (orgmap_history_delete_unit (history, 2, &error), "delete_unit");
  STEP (orgmap_history_delete_external (history, 0, &error), "delete_external");
  STEP (orgmap_history_delete_round (history, 0, &error), "delete_round");

#undef STEP

  for (guint i = 0; i < n_steps; i++)
    {
      g_autofree char *what = g_strdup_printf ("undo %u", i + 1);

      g_assert_true (orgmap_history_undo (history));
      assert_file_holds (f->path, doc, what);
    }
  g_assert_false (orgmap_history_can_undo (history));
  for (guint i = 0; i < n_steps; i++)
    {
      g_autofree char *what = g_strdup_printf ("redo %u", i + 1);

      g_assert_true (orgmap_history_redo (history));
      assert_file_holds (f->path, doc, what);
    }
  g_assert_null (orgmap_live_store_get_error (store));
}

static void
record_change (OrgmapDocument *doc,
               guint           kind,
               guint           handle,
               GArray         *changes)
{
  guint change[2] = { kind, handle };

  g_array_append_vals (changes, change, 2);
}

/* Undoing additions takes items off the ends of the arrays: the document
 * says so, and the file loses those rows only, without being written
 * again whole. */
static void
test_undo_additions (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(OrgmapDocument) doc = orgmap_test_build_random (6);
  g_autoptr(OrgmapHistory) history = orgmap_history_new (doc);
  g_autoptr(OrgmapLiveStore) store = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) error = NULL;
  guint32 unit, link, round;
  guint n_steps = 0;

  store = orgmap_live_store_create (f->path, doc, &error);
  g_assert_no_error (error);

  unit = orgmap_history_add_unit (history, 0, "New unit", &error);
  n_steps += unit != ORGMAP_NONE;
  n_steps += orgmap_history_add_external (history, "New client", &error) != ORGMAP_NONE;
  link = orgmap_history_add_link (history, unit, 1, "New service", &error);
  n_steps += link != ORGMAP_NONE;
  round = orgmap_history_add_round (history, "New round", NULL, &error);
  n_steps += round != ORGMAP_NONE;
  n_steps += orgmap_history_rate (history, link, round, 2, 3, "New rating", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_steps, ==, 5);
  assert_file_holds (f->path, doc, "additions");

  g_signal_connect (doc, "changed", G_CALLBACK (record_change), changes);
  for (guint i = 0; i < n_steps; i++)
    {
      g_autofree char *what = g_strdup_printf ("undo %u", i + 1);

      g_array_set_size (changes, 0);
      g_assert_true (orgmap_history_undo (history));
      g_assert_cmpuint (changes->len, ==, 2);
      g_assert_cmpuint (g_array_index (changes, guint, 0), ==, ORGMAP_CHANGE_ALL);
      g_assert_cmpuint (g_array_index (changes, guint, 1), ==, ORGMAP_CHANGE_TAIL_REMOVED);
      assert_file_holds (f->path, doc, what);
    }
  g_assert_null (orgmap_live_store_get_error (store));
}

/* The edits of the kill test, the same in the child and in the parent. */
static void
kill_edit (OrgmapDocument *doc,
           guint           k)
{
  g_autofree char *text = g_strdup_printf ("Edit %u", k);

  switch (k % 4)
    {
    case 0:
      orgmap_document_set_unit_name (doc, k, text);
      break;
    case 1:
      orgmap_document_add_unit (doc, NULL, text, k);
      break;
    case 2:
      orgmap_document_set_unit_position (doc, k, k, -(double) k);
      break;
    default:
      /* Handles move: the whole file is rewritten. */
      g_assert_true (orgmap_document_insert_unit (doc, 0, NULL, text, ORGMAP_NONE, NULL));
      break;
    }
}

static int
run_child (const char *path)
{
  g_autoptr(OrgmapDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  OrgmapLiveStore *store;

  store = orgmap_live_store_open (path, &doc, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  for (guint k = 1; k <= KILL_EDITS; k++)
    {
      kill_edit (doc, k);
      if (orgmap_live_store_get_error (store) != NULL)
        {
          g_printerr ("%s\n", orgmap_live_store_get_error (store)->message);
          return 1;
        }
      printf ("done %u\n", k);
      fflush (stdout);
    }
  /* Waits to be killed, the file still open. */
  for (;;)
    g_usleep (G_USEC_PER_SEC);
}

static void
test_killed (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(OrgmapDocument) expected = orgmap_test_build_random (KILL_SEED);
  g_autoptr(OrgmapDocument) loaded = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { self_path, CHILD_OPTION, f->path, NULL };
  char line[64];
  guint last = 0;
  GPid pid;
  int out_fd, status;
  FILE *out;

  g_assert_true (orgmap_store_save (expected, f->path, FALSE, &error));
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                           NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);

  out = fdopen (out_fd, "r");
  g_assert_nonnull (out);
  while (last < KILL_EDITS && fgets (line, sizeof line, out) != NULL)
    {
      g_assert_true (g_str_has_prefix (line, "done "));
      last = atoi (line + 5);
    }
  g_assert_cmpuint (last, ==, KILL_EDITS);

  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
  fclose (out);
  g_spawn_close_pid (pid);

  for (guint k = 1; k <= KILL_EDITS; k++)
    kill_edit (expected, k);
  loaded = load (f->path);
  g_assert_true (orgmap_document_equal (loaded, expected));
}

/* Another program holds the file's write lock: the write fails, and the
 * file stays as it was before that edit. */
static void
test_write_fails (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(OrgmapDocument) doc = orgmap_test_build_random (6);
  g_autoptr(OrgmapDocument) before = NULL;
  g_autoptr(OrgmapDocument) after = NULL;
  g_autoptr(OrgmapDocument) saved = NULL;
  g_autoptr(OrgmapLiveStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *other = g_build_filename (f->dir, "rescued.orgmap", NULL);
  g_autofree char *display = g_filename_display_name (f->path);
  guint n_units = orgmap_document_get_n_units (doc);
  const GError *failure;
  sqlite3 *holder = NULL;

  store = orgmap_live_store_create (f->path, doc, &error);
  g_assert_no_error (error);
  orgmap_document_set_unit_name (doc, 0, "Written");
  before = load (f->path);
  g_assert_true (orgmap_document_equal (before, doc));

  g_assert_cmpint (sqlite3_open_v2 (f->path, &holder, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (holder, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  orgmap_document_set_unit_name (doc, 1, "Not written");
  failure = orgmap_live_store_get_error (store);
  g_assert_nonnull (failure);
  g_assert_error ((GError *) failure, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_IO);
  g_assert_nonnull (strstr (failure->message, display));

  g_assert_cmpint (sqlite3_exec (holder, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (holder), ==, SQLITE_OK);

  /* The lock is gone, but the store writes nothing more. */
  orgmap_document_set_unit_name (doc, 2, "Not written either");
  orgmap_document_add_unit (doc, NULL, "Not written either", ORGMAP_NONE);
  g_assert_true (orgmap_document_insert_unit (doc, 0, NULL, "Nor this", ORGMAP_NONE, NULL));
  g_assert_true (orgmap_live_store_get_error (store) == failure);

  after = load (f->path);
  g_assert_true (orgmap_document_equal (after, before));
  g_assert_cmpuint (orgmap_document_get_n_units (after), ==, n_units);
  g_assert_cmpuint (orgmap_document_get_n_units (doc), ==, n_units + 2);
  g_assert_cmpstr (orgmap_document_get_unit (doc, 2)->name, ==, "Not written");

  /* The document keeps every edit, to be saved elsewhere. */
  g_assert_true (orgmap_store_save (doc, other, FALSE, &error));
  g_assert_no_error (error);
  saved = load (other);
  g_assert_true (orgmap_document_equal (saved, doc));

  /* Closing a failed store leaves the file readable. */
  g_clear_pointer (&store, orgmap_live_store_close);
  g_clear_object (&after);
  after = load (f->path);
  g_assert_true (orgmap_document_equal (after, before));
}

/* The file is deleted while open: the store notices instead of writing
 * to a log that belongs to no file. */
static void
test_file_deleted (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(OrgmapDocument) doc = orgmap_test_build_random (8);
  g_autoptr(OrgmapDocument) saved = NULL;
  g_autoptr(OrgmapLiveStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = g_filename_display_name (f->path);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  const GError *failure;

  store = orgmap_live_store_create (f->path, doc, &error);
  g_assert_no_error (error);
  orgmap_document_set_unit_name (doc, 1, "Before the deletion");
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_unlink (f->path), ==, 0);

  orgmap_document_set_unit_name (doc, 0, "After the deletion");
  failure = orgmap_live_store_get_error (store);
  g_assert_nonnull (failure);
  g_assert_error ((GError *) failure, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_IO);
  g_assert_nonnull (strstr (failure->message, display));
  g_assert_nonnull (strstr (failure->message, "deleted"));
  /* The old file's log does not stay to be taken for the next file's. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  g_assert_true (orgmap_store_save (doc, f->path, FALSE, &error));
  g_assert_no_error (error);
  saved = load (f->path);
  g_assert_true (orgmap_document_equal (saved, doc));
  g_assert_cmpstr (orgmap_document_get_unit (saved, 0)->name, ==, "After the deletion");
}

/* A document the size of a large organisation. */
static OrgmapDocument *
build_large_document (void)
{
  OrgmapDocument *doc = orgmap_document_new ();
  guint32 round = orgmap_document_add_round (doc, NULL, "Round", NULL);

  orgmap_document_freeze (doc);
  orgmap_document_add_unit (doc, NULL, "Root", ORGMAP_NONE);
  for (guint i = 1; i < 10000; i++)
    orgmap_document_add_unit (doc, NULL, "A unit with a long name", (i - 1) / 5);
  for (guint i = 0; i < 50000; i++)
    {
      guint32 provider = i % 10000;
      guint32 client = (provider + 1 + (i * 7 + i / 10000) % 9999) % 10000;
      guint32 link = orgmap_document_add_link (doc, NULL, provider, client, "A service");

      if (i % 2 == 0)
        orgmap_document_set_rating (doc, link, round, 1 + i % 5, -1, NULL, NULL);
    }
  orgmap_document_thaw (doc);
  return doc;
}

static void
test_speed (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(OrgmapDocument) doc = build_large_document ();
  g_autoptr(OrgmapDocument) loaded = NULL;
  g_autoptr(OrgmapLiveStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const guint n_edits = 200;
  gint64 start, took, slowest = 0, total = 0;

  start = g_get_monotonic_time ();
  store = orgmap_live_store_create (f->path, doc, &error);
  g_assert_no_error (error);
  g_test_message ("creating a file of %u units and %u links: %.1f ms",
                  orgmap_document_get_n_units (doc), orgmap_document_get_n_links (doc),
                  (g_get_monotonic_time () - start) / 1000.0);

  for (guint i = 0; i < n_edits; i++)
    {
      g_autofree char *text = g_strdup_printf ("Edit %u", i);
      guint32 item = (i * 7919) % 10000;

      start = g_get_monotonic_time ();
      switch (i % 4)
        {
        case 0:
          orgmap_document_set_unit_name (doc, item, text);
          break;
        case 1:
          orgmap_document_set_unit_position (doc, item, i, i);
          break;
        case 2:
          orgmap_document_set_link_service (doc, item * 5, text);
          break;
        default:
          orgmap_document_set_rating (doc, item * 4, 0, 1 + i % 5, (gint32) i, text, &error);
          break;
        }
      took = g_get_monotonic_time () - start;
      total += took;
      slowest = MAX (slowest, took);
    }
  g_test_message ("one edit with its commit: %.2f ms on average, %.2f ms at most (%u edits)",
                  total / 1000.0 / n_edits, slowest / 1000.0, n_edits);

  start = g_get_monotonic_time ();
  orgmap_document_remove_rating (doc, 0, 0);
  g_test_message ("rewriting the whole file after a removal: %.1f ms",
                  (g_get_monotonic_time () - start) / 1000.0);

  g_assert_null (orgmap_live_store_get_error (store));
  loaded = load (f->path);
  g_assert_true (orgmap_document_equal (loaded, doc));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (argc == 3 && strcmp (argv[1], CHILD_OPTION) == 0)
    return run_child (argv[2]);

  self_path = g_canonicalize_filename (argv[0], NULL);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/orgmap/model/store-live/setters", test_setters);
  ADD ("/orgmap/model/store-live/undo-additions", test_undo_additions);
  ADD ("/orgmap/model/store-live/create-refuses-existing", test_create_refuses_existing);
  ADD ("/orgmap/model/store-live/history", test_history);
  ADD ("/orgmap/model/store-live/killed", test_killed);
  ADD ("/orgmap/model/store-live/write-fails", test_write_fails);
  ADD ("/orgmap/model/store-live/file-deleted", test_file_deleted);
  ADD ("/orgmap/model/store-live/speed", test_speed);
#undef ADD

  status = g_test_run ();
  g_free (self_path);
  return status;
}

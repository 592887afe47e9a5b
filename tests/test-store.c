/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "orgmap-error.h"
#include "orgmap-store.h"

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

  f->dir = g_dir_make_tmp ("orgmap-store-XXXXXX", &error);
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

/* Raw SQLite access, to look at the file as another program would. */

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static gint64
raw_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return value;
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
write_bytes (const char *path,
             const void *data,
             gsize       length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

static guint
count_files (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  g_dir_close (dir);
  return n;
}

/* A document with every field both set and unset:
 *
 * Dirección General (dir)
 * ├── Finanzas (fin): head, area, level, headcount, notes
 * │   └── 研究開発 (rd)
 * └── Ventas 🚀 (ventas), added before its parent's parent was set
 */
static OrgmapDocument *
build_document (void)
{
  OrgmapDocument *doc = orgmap_document_new ();
  guint32 ventas, dir, fin, rd, client, r1, r2, l_fin, l_sales, l_ext, rating;
  guint32 speed;

  orgmap_document_set_name (doc, "Organización «Ñandú» — 2024");
  g_assert_true (orgmap_document_set_scale (doc, 0, 10, NULL));
  speed = orgmap_document_add_dimension (doc, "rapidez");

  /* Ventas comes first in the file but hangs under a unit added later. */
  ventas = orgmap_document_add_unit (doc, "ventas", "Ventas 🚀", ORGMAP_NONE);
  dir = orgmap_document_add_unit (doc, "dir", "Dirección General", ORGMAP_NONE);
  fin = orgmap_document_add_unit (doc, "fin", "Finanzas", dir);
  rd = orgmap_document_add_unit (doc, "rd", "研究開発", fin);
  g_assert_true (orgmap_document_set_unit_parent (doc, ventas, dir, NULL));
  orgmap_document_set_unit_head (doc, fin, "Ana Pérez");
  orgmap_document_set_unit_area (doc, fin, "Administración");
  orgmap_document_set_unit_level (doc, fin, 3);
  orgmap_document_set_unit_headcount (doc, fin, 12);
  orgmap_document_set_unit_notes (doc, fin, "Línea 1\nLínea 2");
  orgmap_document_set_unit_headcount (doc, rd, 0);

  client = orgmap_document_add_external (doc, "cliente", "Cliente final");
  orgmap_document_set_external_notes (doc, client, "Compra en tienda");
  orgmap_document_add_external (doc, "socio", "Socio");

  r1 = orgmap_document_add_round (doc, "r2023", "Encuesta 2023", "2023-05-01");
  r2 = orgmap_document_add_round (doc, "r2024", "Taller", NULL);

  l_fin = orgmap_document_add_link (doc, "l-fin", fin, rd, "Nóminas");
  orgmap_document_set_link_notes (doc, l_fin, "Cada mes");
  orgmap_document_set_link_type_override (doc, l_fin, ORGMAP_LINK_DIAGONAL);
  l_sales = orgmap_document_add_link (doc, "l-sales", ventas, fin, NULL);
  l_ext = orgmap_document_add_link (doc, "l-ext", ventas, ORGMAP_EXTERNAL_HANDLE (client),
                                    "Productos");
  orgmap_document_add_link (doc, "l-unrated", rd, ventas, "Ideas");

  /* Ratings out of round order, so that the chain order matters. */
  rating = orgmap_document_set_rating (doc, l_fin, r2, 7.5, 12, "Mejor que antes", NULL);
  g_assert_true (orgmap_document_set_rating_dimension (doc, rating, speed, 9, NULL));
  g_assert_true (orgmap_document_set_rating_dimension (doc, rating, 0, 0.5, NULL));
  orgmap_document_set_rating (doc, l_sales, r1, 10, -1, NULL, NULL);
  orgmap_document_set_rating (doc, l_fin, r1, 0, 3, NULL, NULL);
  rating = orgmap_document_set_rating (doc, l_ext, r1, 4.25, -1, NULL, NULL);
  g_assert_true (orgmap_document_set_rating_dimension (doc, rating, 2, 6, NULL));
  /* Moves the first rating's scores to the end of the model's array. */
  rating = orgmap_document_find_rating (doc, l_fin, r2);
  g_assert_true (orgmap_document_set_rating_dimension (doc, rating, 4, 1, NULL));

  return doc;
}

static void
assert_same_order (OrgmapDocument *a,
                   OrgmapDocument *b)
{
  g_assert_true (orgmap_document_equal (a, b));

  g_assert_cmpuint (orgmap_document_get_n_units (a), ==, orgmap_document_get_n_units (b));
  for (guint i = 0; i < orgmap_document_get_n_units (a); i++)
    g_assert_cmpstr (orgmap_document_get_unit (a, i)->id, ==, orgmap_document_get_unit (b, i)->id);

  g_assert_cmpuint (orgmap_document_get_n_externals (a), ==, orgmap_document_get_n_externals (b));
  for (guint i = 0; i < orgmap_document_get_n_externals (a); i++)
    g_assert_cmpstr (orgmap_document_get_external (a, i)->id, ==,
                     orgmap_document_get_external (b, i)->id);

  g_assert_cmpuint (orgmap_document_get_n_rounds (a), ==, orgmap_document_get_n_rounds (b));
  for (guint i = 0; i < orgmap_document_get_n_rounds (a); i++)
    g_assert_cmpstr (orgmap_document_get_round (a, i)->id, ==,
                     orgmap_document_get_round (b, i)->id);

  g_assert_cmpuint (orgmap_document_get_n_links (a), ==, orgmap_document_get_n_links (b));
  for (guint i = 0; i < orgmap_document_get_n_links (a); i++)
    {
      const OrgmapLink *x = orgmap_document_get_link (a, i);
      const OrgmapLink *y = orgmap_document_get_link (b, i);
      guint32 rx = x->first_rating, ry = y->first_rating;

      g_assert_cmpstr (x->id, ==, y->id);
      /* Same ratings, in the same chain order, with the same handles. */
      while (rx != ORGMAP_NONE && ry != ORGMAP_NONE)
        {
          g_assert_cmpuint (rx, ==, ry);
          rx = orgmap_document_get_rating (a, rx)->next;
          ry = orgmap_document_get_rating (b, ry)->next;
        }
      g_assert_cmpuint (rx, ==, ORGMAP_NONE);
      g_assert_cmpuint (ry, ==, ORGMAP_NONE);
    }

  g_assert_cmpuint (orgmap_document_get_n_ratings (a), ==, orgmap_document_get_n_ratings (b));
  for (guint i = 0; i < orgmap_document_get_n_ratings (a); i++)
    {
      const OrgmapRating *x = orgmap_document_get_rating (a, i);
      const OrgmapRating *y = orgmap_document_get_rating (b, i);

      g_assert_cmpuint (x->link, ==, y->link);
      g_assert_cmpuint (x->round, ==, y->round);
    }
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(OrgmapDocument) doc = build_document ();
  g_autoptr(OrgmapDocument) loaded = NULL;
  g_autoptr(GError) error = NULL;
  const OrgmapUnit *unit;
  const OrgmapDimensionScore *scores;
  guint32 link, rating;
  guint n_scores;

  g_assert_true (orgmap_store_save (doc, f->path, FALSE, &error));
  g_assert_no_error (error);
  /* Only the document: the temporary file is gone. */
  g_assert_cmpuint (count_files (f->dir), ==, 1);

  loaded = orgmap_store_load (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  assert_same_order (doc, loaded);

  /* A few values as a person would see them. */
  g_assert_cmpstr (orgmap_document_get_name (loaded), ==, "Organización «Ñandú» — 2024");
  g_assert_cmpfloat (orgmap_document_get_scale_min (loaded), ==, 0);
  g_assert_cmpfloat (orgmap_document_get_scale_max (loaded), ==, 10);
  g_assert_cmpuint (orgmap_document_get_n_dimensions (loaded), ==, 6);
  g_assert_cmpstr (orgmap_document_get_dimension (loaded, 5), ==, "rapidez");

  unit = orgmap_document_get_unit (loaded, orgmap_document_find_unit (loaded, "fin"));
  g_assert_cmpstr (unit->head, ==, "Ana Pérez");
  g_assert_cmpstr (unit->area, ==, "Administración");
  g_assert_cmpstr (unit->notes, ==, "Línea 1\nLínea 2");
  g_assert_cmpint (unit->level, ==, 3);
  g_assert_cmpint (unit->headcount, ==, 12);
  unit = orgmap_document_get_unit (loaded, orgmap_document_find_unit (loaded, "dir"));
  g_assert_null (unit->head);
  g_assert_null (unit->area);
  g_assert_null (unit->notes);
  g_assert_cmpint (unit->level, ==, 0);
  g_assert_cmpint (unit->headcount, ==, -1);
  g_assert_cmpuint (unit->parent, ==, ORGMAP_NONE);
  unit = orgmap_document_get_unit (loaded, orgmap_document_find_unit (loaded, "rd"));
  g_assert_cmpstr (unit->name, ==, "研究開発");
  g_assert_cmpint (unit->headcount, ==, 0);
  unit = orgmap_document_get_unit (loaded, orgmap_document_find_unit (loaded, "ventas"));
  g_assert_cmpstr (unit->name, ==, "Ventas 🚀");
  g_assert_cmpuint (unit->parent, ==, orgmap_document_find_unit (loaded, "dir"));

  link = orgmap_document_find_link (loaded, "l-fin");
  g_assert_cmpint (orgmap_document_get_link (loaded, link)->type_override, ==,
                   ORGMAP_LINK_DIAGONAL);
  g_assert_cmpstr (orgmap_document_get_link (loaded, link)->notes, ==, "Cada mes");
  rating = orgmap_document_find_rating (loaded, link, orgmap_document_find_round (loaded, "r2024"));
  g_assert_cmpfloat (orgmap_document_get_rating (loaded, rating)->score, ==, 7.5);
  g_assert_cmpint (orgmap_document_get_rating (loaded, rating)->respondents, ==, 12);
  g_assert_cmpstr (orgmap_document_get_rating (loaded, rating)->comment, ==, "Mejor que antes");
  scores = orgmap_document_get_dimension_scores (loaded, rating, &n_scores);
  g_assert_cmpuint (n_scores, ==, 3);
  g_assert_cmpstr (orgmap_document_get_dimension (loaded, scores[0].dimension), ==, "rapidez");
  g_assert_cmpfloat (scores[0].score, ==, 9);
  g_assert_cmpstr (orgmap_document_get_dimension (loaded, scores[1].dimension), ==, "reliability");
  g_assert_cmpstr (orgmap_document_get_dimension (loaded, scores[2].dimension), ==, "tangibles");

  link = orgmap_document_find_link (loaded, "l-ext");
  g_assert_cmpuint (orgmap_document_get_link (loaded, link)->client, ==,
                    ORGMAP_EXTERNAL_HANDLE (orgmap_document_find_external (loaded, "cliente")));
  g_assert_cmpint (orgmap_document_get_link_type (loaded, link), ==, ORGMAP_LINK_EXTERNAL);

  link = orgmap_document_find_link (loaded, "l-unrated");
  g_assert_false (orgmap_document_get_link_quality (loaded, link, ORGMAP_NONE, NULL));
  g_assert_null (orgmap_document_get_round (loaded, 1)->date);
  g_assert_cmpstr (orgmap_document_get_external (loaded, 0)->notes, ==, "Compra en tienda");
  g_assert_null (orgmap_document_get_external (loaded, 1)->notes);
}

static void
test_empty_document (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(OrgmapDocument) doc = orgmap_document_new ();
  g_autoptr(OrgmapDocument) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (orgmap_store_save (doc, f->path, FALSE, &error));
  g_assert_no_error (error);
  loaded = orgmap_store_load (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (orgmap_document_equal (doc, loaded));
  g_assert_cmpuint (orgmap_document_get_n_units (loaded), ==, 0);
  g_assert_cmpstr (orgmap_document_get_name (loaded), ==, "");
}

/* Every unit hangs under the one after it, so every parent comes later in
 * the file: the loader must still build the same chain, in linear time. */
static void
test_parents_after_children (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(OrgmapDocument) doc = orgmap_document_new ();
  g_autoptr(OrgmapDocument) loaded = NULL;
  g_autoptr(GError) error = NULL;
  const guint n = 20000;

  orgmap_document_freeze (doc);
  for (guint i = 0; i < n; i++)
    orgmap_document_add_unit (doc, NULL, "U", ORGMAP_NONE);
  for (guint i = 0; i + 1 < n; i++)
    g_assert_true (orgmap_document_set_unit_parent (doc, i, i + 1, NULL));
  orgmap_document_thaw (doc);

  g_assert_true (orgmap_store_save (doc, f->path, FALSE, &error));
  g_assert_no_error (error);
  loaded = orgmap_store_load (f->path, &error);
  g_assert_no_error (error);
  assert_same_order (doc, loaded);
  g_assert_cmpuint (orgmap_document_get_unit_depth (loaded, 0), ==, n - 1);
}

/* Rows numbered otherwise than 0, 1, 2… (by another program, or after
 * deletions) load in key order, with every reference followed. */
static void
test_other_keys (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(OrgmapDocument) doc = build_document ();
  g_autoptr(OrgmapDocument) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (orgmap_store_save (doc, f->path, FALSE, &error));
  g_assert_no_error (error);
  raw_exec (f->path,
            "UPDATE units SET handle = handle * 3 + 7, parent = parent * 3 + 7;"
            "UPDATE externals SET handle = handle * 3 + 7;"
            "UPDATE links SET handle = handle * 3 + 7, provider = provider * 3 + 7,"
            "  client_unit = client_unit * 3 + 7, client_external = client_external * 3 + 7;"
            "UPDATE rounds SET handle = handle * 3 + 7;"
            "UPDATE dimensions SET handle = handle * 3 + 7;"
            "UPDATE ratings SET handle = handle * 3 + 7, link = link * 3 + 7,"
            "  round = round * 3 + 7;"
            "UPDATE dimension_scores SET rating = rating * 3 + 7, dimension = dimension * 3 + 7,"
            "  position = position * 2 + 1;");
  g_assert_cmpint (raw_int (f->path, "SELECT min(handle) FROM units"), ==, 7);

  loaded = orgmap_store_load (f->path, &error);
  g_assert_no_error (error);
  assert_same_order (doc, loaded);
}

static void
test_overwrite (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(OrgmapDocument) doc = build_document ();
  g_autoptr(OrgmapDocument) other = orgmap_document_new ();
  g_autoptr(OrgmapDocument) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  orgmap_document_set_name (other, "Otra");
  orgmap_document_add_unit (other, "solo", "Única", ORGMAP_NONE);

  g_assert_true (orgmap_store_save (doc, f->path, FALSE, &error));
  g_assert_no_error (error);
  before = read_bytes (f->path);

  g_assert_false (orgmap_store_save (other, f->path, FALSE, &error));
  g_assert_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, f->path));
  g_clear_error (&error);
  after = read_bytes (f->path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpuint (count_files (f->dir), ==, 1);

  g_assert_true (orgmap_store_save (other, f->path, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_files (f->dir), ==, 1);
  loaded = orgmap_store_load (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (orgmap_document_equal (other, loaded));
  g_assert_cmpstr (orgmap_document_get_name (loaded), ==, "Otra");
}

static void
test_save_to_missing_folder (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(OrgmapDocument) doc = build_document ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "missing", "map.orgmap", NULL);

  g_assert_false (orgmap_store_save (doc, path, FALSE, &error));
  g_assert_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_cmpuint (count_files (f->dir), ==, 0);
}

static void
test_file_format (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(OrgmapDocument) doc = build_document ();
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_true (orgmap_store_save (doc, f->path, FALSE, &error));
  g_assert_no_error (error);

  g_assert_cmpint (raw_int (f->path, "PRAGMA application_id"), ==, 0x4f52474d);
  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (ORGMAP_STORE_SCHEMA_VERSION, ==, 2);
  /* The journal was off only while the temporary file was written. */
  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "delete");
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* The schema declares its references, and they all hold. */
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM pragma_foreign_key_list('links')"),
                   ==, 3);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM pragma_foreign_key_list('ratings')"),
                   ==, 2);
  g_assert_cmpint (raw_int (f->path,
                            "SELECT count(*) FROM pragma_foreign_key_list('dimension_scores')"),
                   ==, 2);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM pragma_foreign_key_list('units')"),
                   ==, 1);
  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* Rows are keyed by the model's handles; unset values are NULL. */
  g_assert_cmpint (raw_int (f->path, "SELECT handle FROM units WHERE id = 'fin'"), ==,
                   orgmap_document_find_unit (doc, "fin"));
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM units WHERE head IS NULL "
                                     "AND area IS NULL AND level IS NULL AND notes IS NULL "
                                     "AND headcount IS NULL"), ==, 2);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM links WHERE type_override IS NULL"),
                   ==, 3);
  g_assert_cmpint (raw_int (f->path, "SELECT client_external FROM links WHERE id = 'l-ext'"),
                   ==, 0);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM ratings WHERE respondents IS NULL"),
                   ==, 2);

  /* A link with two clients breaks the schema's rule. */
  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE links SET client_external = 1 WHERE id = 'l-fin'",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  sqlite3_close (db);
}

/* Bad files */

static void
assert_load_fails (const char *path,
                   GQuark      domain,
                   int         code,
                   const char *words)
{
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OrgmapDocument) doc = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  guint n_files = count_files (dir);

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    before = read_bytes (path);

  doc = orgmap_store_load (path, &error);
  g_assert_null (doc);
  g_assert_error (error, domain, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” lacks “%s”", error->message, words);

  /* Untouched, and nothing left beside it. */
  if (before != NULL)
    {
      after = read_bytes (path);
      g_assert_true (g_bytes_equal (before, after));
    }
  g_assert_cmpuint (count_files (dir), ==, n_files);
}

static void
test_bad_files (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(OrgmapDocument) doc = build_document ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree char *missing = g_build_filename (f->dir, "missing.orgmap", NULL);
  g_autofree char *random = g_build_filename (f->dir, "random.orgmap", NULL);
  g_autofree char *text = g_build_filename (f->dir, "text.orgmap", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.orgmap", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other.orgmap", NULL);
  g_autofree char *no_tables = g_build_filename (f->dir, "no-tables.orgmap", NULL);
  g_autofree char *newer = g_build_filename (f->dir, "newer.orgmap", NULL);
  g_autofree char *unversioned = g_build_filename (f->dir, "unversioned.orgmap", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "folder.orgmap", NULL);
  guint8 noise[4096];

  assert_load_fails (missing, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_IO, "does not exist");

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  assert_load_fails (folder, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_IO, "folder");

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = g_rand_int_range (rand, 0, 256);
  write_bytes (random, noise, sizeof noise);
  assert_load_fails (random, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_NOT_ORGMAP,
                     "not an Orgmap document");

  write_bytes (text, "<orgmap>This is not a database</orgmap>\n", -1);
  assert_load_fails (text, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_NOT_ORGMAP,
                     "not an Orgmap document");

  write_bytes (empty, "", 0);
  assert_load_fails (empty, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_NOT_ORGMAP, "empty");

  raw_exec (other, "CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('Yesterday')");
  assert_load_fails (other, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_NOT_ORGMAP, "another program");

  raw_exec (no_tables, "PRAGMA application_id = 1330792269; PRAGMA user_version = 2;"
                       "CREATE TABLE songs (title TEXT)");
  assert_load_fails (no_tables, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_CORRUPT, "“document”");

  g_assert_true (orgmap_store_save (doc, newer, FALSE, &error));
  g_assert_no_error (error);
  raw_exec (newer, "PRAGMA user_version = 99");
  assert_load_fails (newer, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_TOO_NEW, "newer version");

  g_assert_true (orgmap_store_save (doc, unversioned, FALSE, &error));
  g_assert_no_error (error);
  raw_exec (unversioned, "PRAGMA user_version = 0");
  assert_load_fails (unversioned, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_CORRUPT,
                     "schema version");
}

/* A document large enough to span many database pages. */
static OrgmapDocument *
build_large_document (void)
{
  OrgmapDocument *doc = orgmap_document_new ();
  guint32 round = orgmap_document_add_round (doc, NULL, "Ronda", NULL);

  orgmap_document_freeze (doc);
  orgmap_document_add_unit (doc, NULL, "Raíz", ORGMAP_NONE);
  for (guint i = 1; i < 2000; i++)
    orgmap_document_add_unit (doc, NULL, "Unidad con un nombre largo", (i - 1) / 4);
  for (guint i = 0; i < 5000; i++)
    {
      guint32 link = orgmap_document_add_link (doc, NULL, i % 2000, (i * 7 + 1) % 2000,
                                               "Un servicio");

      orgmap_document_set_rating (doc, link, round, 1 + i % 5, -1, NULL, NULL);
    }
  orgmap_document_thaw (doc);
  return doc;
}

static void
test_damaged_files (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(OrgmapDocument) doc = build_large_document ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) good = NULL;
  g_autofree char *truncated = g_build_filename (f->dir, "truncated.orgmap", NULL);
  g_autofree char *scrambled = g_build_filename (f->dir, "scrambled.orgmap", NULL);
  g_autofree char *header_only = g_build_filename (f->dir, "header-only.orgmap", NULL);
  g_autofree guint8 *copy = NULL;
  const guint8 *data_;
  gsize size;
  guint page_size;

  g_assert_true (orgmap_store_save (doc, f->path, FALSE, &error));
  g_assert_no_error (error);
  good = read_bytes (f->path);
  data_ = g_bytes_get_data (good, &size);
  page_size = (data_[16] << 8 | data_[17]) == 1 ? 65536 : (data_[16] << 8 | data_[17]);
  g_assert_cmpuint (size, >=, 8 * page_size);

  write_bytes (truncated, data_, size / 2);
  assert_load_fails (truncated, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_CORRUPT, "damaged");

  /* Garbage over the pages after the first one, where the tables start. */
  copy = g_memdup2 (data_, size);
  memset (copy + page_size, 0xa5, 3 * page_size);
  write_bytes (scrambled, copy, size);
  assert_load_fails (scrambled, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_CORRUPT, "damaged");

  write_bytes (header_only, data_, 50);
  assert_load_fails (header_only, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_CORRUPT, "damaged");
}

/* Files whose content breaks the model's rules: each is refused with a
 * message naming the item at fault. */
static void
test_invalid_content (Fixture       *f,
                      gconstpointer  data)
{
  static const struct {
    const char *sql;
    const char *words;
  } cases[] = {
    /* dir → fin → rd → dir */
    { "UPDATE units SET parent = 3 WHERE id = 'dir'", "unit “dir” is placed under itself" },
    { "UPDATE units SET parent = 0 WHERE id = 'ventas'", "“ventas” is placed under itself" },
    { "UPDATE units SET parent = 99 WHERE id = 'rd'",
      "unit “rd” is placed under a unit that does not exist" },
    { "UPDATE units SET id = 'fin' WHERE id = 'rd'", "the id “fin” is used twice" },
    { "UPDATE externals SET id = 'fin' WHERE id = 'socio'", "the id “fin” is used twice" },
    { "UPDATE links SET id = 'l-fin' WHERE id = 'l-ext'", "the id “l-fin” is used twice" },
    { "UPDATE rounds SET id = 'r2023' WHERE id = 'r2024'", "the id “r2023” is used twice" },
    { "UPDATE links SET provider = 42 WHERE id = 'l-sales'", "link “l-sales” refers to a unit" },
    { "UPDATE links SET client_external = 7 WHERE id = 'l-ext'", "link “l-ext” refers to a unit" },
    { "UPDATE links SET client_unit = 0 WHERE id = 'l-ext'",
      "link “l-ext” does not have exactly one client" },
    { "UPDATE links SET client_unit = provider WHERE id = 'l-fin'",
      "link “l-fin” goes from a unit to the same unit" },
    { "UPDATE links SET type_override = 'sideways' WHERE id = 'l-fin'",
      "“type_override” of “l-fin”" },
    { "UPDATE ratings SET score = 42 WHERE link = 1",
      "link “l-sales” has the score 42 in round “r2023”" },
    { "UPDATE ratings SET score = 'good' WHERE link = 1", "“score” of “l-sales”" },
    { "UPDATE ratings SET round = 5 WHERE link = 1", "rating of link “l-sales” refers to a round" },
    { "UPDATE ratings SET link = 50 WHERE handle = 0", "refers to a link that does not exist" },
    { "INSERT INTO ratings (handle, link, round, score) VALUES (10, 1, 0, 3)",
      "link “l-sales” is rated twice in round “r2023”" },
    { "UPDATE ratings SET respondents = -3 WHERE link = 0", "“respondents” of “l-fin”" },
    { "UPDATE dimension_scores SET score = 11 WHERE dimension = 5",
      "link “l-fin” has a “rapidez” score in round “r2024” outside" },
    { "UPDATE dimension_scores SET dimension = 5 WHERE dimension = 0",
      "link “l-fin” has two “rapidez” scores" },
    { "UPDATE dimension_scores SET dimension = 60 WHERE dimension = 0",
      "refers to a dimension that does not exist" },
    { "UPDATE dimension_scores SET rating = 60 WHERE dimension = 2",
      "refers to a rating that does not exist" },
    { "UPDATE units SET name = CAST(x'c328' AS TEXT) WHERE id = 'fin'", "“name” of “fin”" },
    { "UPDATE units SET headcount = -5 WHERE id = 'fin'", "“headcount” of “fin”" },
    { "UPDATE units SET level = 'top' WHERE id = 'fin'", "“level” of “fin”" },
    { "UPDATE units SET id = '' WHERE id = 'fin'", "unit 2 has no valid id" },
    { "UPDATE document SET scale_min = 20", "the document’s scale is not valid" },
    { "DELETE FROM document", "name and scale are missing" },
    { "UPDATE dimensions SET name = '' WHERE handle = 5", "dimension 5 has no valid name" },
  };
  g_autoptr(OrgmapDocument) doc = build_document ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("case-%u.orgmap", i);
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_autofree char *sql = g_strdup_printf ("PRAGMA ignore_check_constraints = ON; %s",
                                              cases[i].sql);

      g_test_message ("%s", cases[i].sql);
      g_assert_true (orgmap_store_save (doc, path, FALSE, &error));
      g_assert_no_error (error);
      raw_exec (path, sql);
      assert_load_fails (path, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID, cases[i].words);
    }
}

static void
test_migration (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(OrgmapDocument) doc = build_document ();
  g_autoptr(OrgmapDocument) loaded = NULL;
  g_autoptr(GError) error = NULL;

  /* A version 1 file: the same tables, without the canvas positions. */
  g_assert_true (orgmap_store_save (doc, f->path, FALSE, &error));
  g_assert_no_error (error);
  raw_exec (f->path, "DROP TABLE unit_positions; PRAGMA user_version = 1");
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM sqlite_schema "
                                     "WHERE name = 'unit_positions'"), ==, 0);

  loaded = orgmap_store_load (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  assert_same_order (doc, loaded);

  /* Upgraded in place, in one go, with nothing left beside it. */
  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM sqlite_schema "
                                     "WHERE name = 'unit_positions'"), ==, 1);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM pragma_foreign_key_list"
                                     "('unit_positions') WHERE \"table\" = 'units'"), ==, 1);
  g_assert_cmpuint (count_files (f->dir), ==, 1);

  /* And loads as a current file from then on. */
  g_clear_object (&loaded);
  loaded = orgmap_store_load (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (orgmap_document_equal (doc, loaded));
}

/* An old file that cannot be upgraded is reported and left as it was. */
static void
test_migration_failure (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(OrgmapDocument) doc = build_document ();
  g_autoptr(GError) error = NULL;

  g_assert_true (orgmap_store_save (doc, f->path, FALSE, &error));
  g_assert_no_error (error);
  /* The migration to version 2 creates unit_positions: make it clash. */
  raw_exec (f->path, "DROP TABLE unit_positions; CREATE TABLE unit_positions (a); "
                     "PRAGMA user_version = 1");
  assert_load_fails (f->path, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_IO,
                     "could not be upgraded");
  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, 1);
}

/* Units a person placed on the map stay there. */
static void
test_positions (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(OrgmapDocument) doc = build_document ();
  g_autoptr(OrgmapDocument) loaded = NULL;
  g_autoptr(GError) error = NULL;
  double x, y;

  orgmap_document_set_unit_position (doc, 1, 120.5, -40.25);
  g_assert_true (orgmap_store_save (doc, f->path, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM unit_positions"), ==, 1);

  loaded = orgmap_store_load (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (orgmap_document_equal (doc, loaded));
  g_assert_true (orgmap_document_get_unit_position (loaded, 1, &x, &y));
  g_assert_cmpfloat (x, ==, 120.5);
  g_assert_cmpfloat (y, ==, -40.25);
  g_assert_false (orgmap_document_get_unit_position (loaded, 0, NULL, NULL));

  /* A position for a unit that is not there is refused. */
  raw_exec (f->path, "INSERT INTO unit_positions VALUES (9999, 1, 2)");
  assert_load_fails (f->path, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID, "does not exist");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/orgmap/model/store/round-trip", test_round_trip);
  ADD ("/orgmap/model/store/empty-document", test_empty_document);
  ADD ("/orgmap/model/store/parents-after-children", test_parents_after_children);
  ADD ("/orgmap/model/store/other-keys", test_other_keys);
  ADD ("/orgmap/model/store/overwrite", test_overwrite);
  ADD ("/orgmap/model/store/save-to-missing-folder", test_save_to_missing_folder);
  ADD ("/orgmap/model/store/file-format", test_file_format);
  ADD ("/orgmap/model/store/bad-files", test_bad_files);
  ADD ("/orgmap/model/store/damaged-files", test_damaged_files);
  ADD ("/orgmap/model/store/invalid-content", test_invalid_content);
  ADD ("/orgmap/model/store/migration", test_migration);
  ADD ("/orgmap/model/store/migration-failure", test_migration_failure);
  ADD ("/orgmap/model/store/positions", test_positions);
#undef ADD

  return g_test_run ();
}

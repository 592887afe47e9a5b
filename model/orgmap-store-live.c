/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-model"

#include "config.h"

#include "orgmap-store.h"
#include "orgmap-store-private.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "orgmap-error.h"

/* How long a write waits for another program that holds the file's write
 * lock before it fails. */
#define BUSY_TIMEOUT_MS 1000

/* The statements of single-item edits, prepared once. Rows are written
 * with an upsert rather than INSERT OR REPLACE: replacing deletes the row
 * first, and with foreign keys on, deleting a unit would make SQLite look
 * for the rows that refer to it in tables that have no index for it. */
enum
{
  STMT_DOCUMENT,
  STMT_DIMENSION,
  STMT_UNIT,
  STMT_EXTERNAL,
  STMT_LINK,
  STMT_ROUND,
  STMT_RATING,
  STMT_CLEAR_SCORES,
  STMT_SCORE,
  STMT_POSITION,
  STMT_CLEAR_POSITION,
  STMT_TAIL_SCORES,
  STMT_TAIL_POSITIONS,
  STMT_TAIL_RATINGS,
  STMT_TAIL_ROUNDS,
  STMT_TAIL_LINKS,
  STMT_TAIL_EXTERNALS,
  STMT_TAIL_UNITS,
  N_STMTS
};

static const char * const statements[N_STMTS] = {
  [STMT_DOCUMENT] =
    "UPDATE document SET name = ?, scale_min = ?, scale_max = ? WHERE id = 1",
  [STMT_DIMENSION] =
    "INSERT INTO dimensions (handle, name) VALUES (?, ?) "
    "ON CONFLICT (handle) DO UPDATE SET name = excluded.name",
  [STMT_UNIT] =
    "INSERT INTO units (handle, id, name, parent, level, area, head, headcount, notes) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (handle) DO UPDATE SET id = excluded.id, name = excluded.name, "
    "parent = excluded.parent, level = excluded.level, area = excluded.area, "
    "head = excluded.head, headcount = excluded.headcount, notes = excluded.notes",
  [STMT_EXTERNAL] =
    "INSERT INTO externals (handle, id, name, notes) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (handle) DO UPDATE SET id = excluded.id, name = excluded.name, "
    "notes = excluded.notes",
  [STMT_LINK] =
    "INSERT INTO links (handle, id, provider, client_unit, client_external, service, notes, "
    "type_override) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (handle) DO UPDATE SET id = excluded.id, provider = excluded.provider, "
    "client_unit = excluded.client_unit, client_external = excluded.client_external, "
    "service = excluded.service, notes = excluded.notes, "
    "type_override = excluded.type_override",
  [STMT_ROUND] =
    "INSERT INTO rounds (handle, id, name, date) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (handle) DO UPDATE SET id = excluded.id, name = excluded.name, "
    "date = excluded.date",
  [STMT_RATING] =
    "INSERT INTO ratings (handle, link, round, score, respondents, comment) "
    "VALUES (?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (handle) DO UPDATE SET link = excluded.link, round = excluded.round, "
    "score = excluded.score, respondents = excluded.respondents, comment = excluded.comment",
  [STMT_CLEAR_SCORES] =
    "DELETE FROM dimension_scores WHERE rating = ?",
  [STMT_SCORE] =
    "INSERT INTO dimension_scores (rating, position, dimension, score) VALUES (?, ?, ?, ?)",
  [STMT_POSITION] =
    "INSERT INTO unit_positions (unit, x, y) VALUES (?, ?, ?) "
    "ON CONFLICT (unit) DO UPDATE SET x = excluded.x, y = excluded.y",
  [STMT_CLEAR_POSITION] =
    "DELETE FROM unit_positions WHERE unit = ?",
  /* Items taken off the ends of the document's arrays, in the order that
   * removes the rows that refer to others first. */
  [STMT_TAIL_SCORES] =
    "DELETE FROM dimension_scores WHERE rating >= ?",
  [STMT_TAIL_POSITIONS] =
    "DELETE FROM unit_positions WHERE unit >= ?",
  [STMT_TAIL_RATINGS] =
    "DELETE FROM ratings WHERE handle >= ?",
  [STMT_TAIL_ROUNDS] =
    "DELETE FROM rounds WHERE handle >= ?",
  [STMT_TAIL_LINKS] =
    "DELETE FROM links WHERE handle >= ?",
  [STMT_TAIL_EXTERNALS] =
    "DELETE FROM externals WHERE handle >= ?",
  [STMT_TAIL_UNITS] =
    "DELETE FROM units WHERE handle >= ?",
};

/* Emptied in this order, the rows that refer to others first. */
static const char clear_tables[] =
  "DELETE FROM dimension_scores;"
  "DELETE FROM unit_positions;"
  "DELETE FROM ratings;"
  "DELETE FROM rounds;"
  "DELETE FROM links;"
  "DELETE FROM externals;"
  "DELETE FROM units;"
  "DELETE FROM dimensions;"
  "DELETE FROM document;";

struct _OrgmapLiveStore
{
  OrgmapDocument *document;
  sqlite3        *db;
  char           *path;
  char           *display;
  GError         *error;
  gulong          changed_id;
  sqlite3_stmt   *stmts[N_STMTS];
};

static int
write_properties (OrgmapLiveStore *self)
{
  OrgmapDocument *doc = self->document;
  sqlite3_stmt *stmt = self->stmts[STMT_DOCUMENT];
  guint n = orgmap_document_get_n_dimensions (doc);
  int rc;

  orgmap_store_bind_text (stmt, 1, orgmap_document_get_name (doc));
  sqlite3_bind_double (stmt, 2, orgmap_document_get_scale_min (doc));
  sqlite3_bind_double (stmt, 3, orgmap_document_get_scale_max (doc));
  if ((rc = orgmap_store_run (stmt)) != SQLITE_OK)
    return rc;

  /* Dimensions are only ever added, and there are few. */
  stmt = self->stmts[STMT_DIMENSION];
  for (guint i = 0; i < n; i++)
    {
      sqlite3_bind_int64 (stmt, 1, i);
      orgmap_store_bind_text (stmt, 2, orgmap_document_get_dimension (doc, i));
      if ((rc = orgmap_store_run (stmt)) != SQLITE_OK)
        return rc;
    }
  return SQLITE_OK;
}

static int
write_unit (OrgmapLiveStore *self,
            guint32          handle)
{
  const OrgmapUnit *unit = orgmap_document_get_unit (self->document, handle);
  sqlite3_stmt *stmt = self->stmts[STMT_UNIT];

  sqlite3_bind_int64 (stmt, 1, handle);
  orgmap_store_bind_text (stmt, 2, unit->id);
  orgmap_store_bind_text (stmt, 3, unit->name);
  orgmap_store_bind_int_or_null (stmt, 4, unit->parent, unit->parent != ORGMAP_NONE);
  orgmap_store_bind_int_or_null (stmt, 5, unit->level, unit->level > 0);
  orgmap_store_bind_text (stmt, 6, unit->area);
  orgmap_store_bind_text (stmt, 7, unit->head);
  orgmap_store_bind_int_or_null (stmt, 8, unit->headcount, unit->headcount >= 0);
  orgmap_store_bind_text (stmt, 9, unit->notes);
  return orgmap_store_run (stmt);
}

static int
write_external (OrgmapLiveStore *self,
                guint32          handle)
{
  const OrgmapExternal *external = orgmap_document_get_external (self->document, handle);
  sqlite3_stmt *stmt = self->stmts[STMT_EXTERNAL];

  sqlite3_bind_int64 (stmt, 1, handle);
  orgmap_store_bind_text (stmt, 2, external->id);
  orgmap_store_bind_text (stmt, 3, external->name);
  orgmap_store_bind_text (stmt, 4, external->notes);
  return orgmap_store_run (stmt);
}

static int
write_link (OrgmapLiveStore *self,
            guint32          handle)
{
  const OrgmapLink *link = orgmap_document_get_link (self->document, handle);
  gboolean external = ORGMAP_IS_EXTERNAL (link->client);
  sqlite3_stmt *stmt = self->stmts[STMT_LINK];

  sqlite3_bind_int64 (stmt, 1, handle);
  orgmap_store_bind_text (stmt, 2, link->id);
  sqlite3_bind_int64 (stmt, 3, link->provider);
  orgmap_store_bind_int_or_null (stmt, 4, link->client, !external);
  orgmap_store_bind_int_or_null (stmt, 5, ORGMAP_EXTERNAL_INDEX (link->client), external);
  orgmap_store_bind_text (stmt, 6, link->service);
  orgmap_store_bind_text (stmt, 7, link->notes);
  orgmap_store_bind_text (stmt, 8, link->type_override != ORGMAP_LINK_AUTOMATIC
                        ? orgmap_link_type_to_string (link->type_override) : NULL);
  return orgmap_store_run (stmt);
}

static int
write_round (OrgmapLiveStore *self,
             guint32          handle)
{
  const OrgmapRound *round = orgmap_document_get_round (self->document, handle);
  sqlite3_stmt *stmt = self->stmts[STMT_ROUND];

  sqlite3_bind_int64 (stmt, 1, handle);
  orgmap_store_bind_text (stmt, 2, round->id);
  orgmap_store_bind_text (stmt, 3, round->name);
  orgmap_store_bind_text (stmt, 4, round->date);
  return orgmap_store_run (stmt);
}

/* A rating with its dimension scores, which are few. */
static int
write_rating (OrgmapLiveStore *self,
              guint32          handle)
{
  const OrgmapRating *rating = orgmap_document_get_rating (self->document, handle);
  const OrgmapDimensionScore *scores;
  sqlite3_stmt *stmt = self->stmts[STMT_RATING];
  guint n_scores;
  int rc;

  sqlite3_bind_int64 (stmt, 1, handle);
  sqlite3_bind_int64 (stmt, 2, rating->link);
  sqlite3_bind_int64 (stmt, 3, rating->round);
  sqlite3_bind_double (stmt, 4, rating->score);
  orgmap_store_bind_int_or_null (stmt, 5, rating->respondents, rating->respondents >= 0);
  orgmap_store_bind_text (stmt, 6, rating->comment);
  if ((rc = orgmap_store_run (stmt)) != SQLITE_OK)
    return rc;

  stmt = self->stmts[STMT_CLEAR_SCORES];
  sqlite3_bind_int64 (stmt, 1, handle);
  if ((rc = orgmap_store_run (stmt)) != SQLITE_OK)
    return rc;

  scores = orgmap_document_get_dimension_scores (self->document, handle, &n_scores);
  stmt = self->stmts[STMT_SCORE];
  for (guint k = 0; k < n_scores; k++)
    {
      sqlite3_bind_int64 (stmt, 1, handle);
      sqlite3_bind_int64 (stmt, 2, k);
      sqlite3_bind_int64 (stmt, 3, scores[k].dimension);
      sqlite3_bind_double (stmt, 4, scores[k].score);
      if ((rc = orgmap_store_run (stmt)) != SQLITE_OK)
        return rc;
    }
  return SQLITE_OK;
}

static int
write_position (OrgmapLiveStore *self,
                guint32          unit)
{
  sqlite3_stmt *stmt;
  double x, y;

  if (!orgmap_document_get_unit_position (self->document, unit, &x, &y))
    {
      stmt = self->stmts[STMT_CLEAR_POSITION];
      sqlite3_bind_int64 (stmt, 1, unit);
      return orgmap_store_run (stmt);
    }

  stmt = self->stmts[STMT_POSITION];
  sqlite3_bind_int64 (stmt, 1, unit);
  sqlite3_bind_double (stmt, 2, x);
  sqlite3_bind_double (stmt, 3, y);
  return orgmap_store_run (stmt);
}

/* Counts the rows of the file that refer to a missing row. */
static int
check_foreign_keys (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if ((rc = sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL)) != SQLITE_OK)
    return rc;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return SQLITE_CONSTRAINT_FOREIGNKEY;
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Rewrites every table, after the handles moved. Foreign keys are turned
 * off for this transaction (PRAGMA foreign_keys only takes effect outside
 * one): emptying the units table with them on makes SQLite search the
 * unindexed columns that refer to units once per unit, and a unit may name
 * a parent that comes later. The references are checked once, as a whole,
 * before the commit instead. */
static int
write_all (OrgmapLiveStore *self)
{
  int rc;

  if ((rc = sqlite3_exec (self->db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL)) != SQLITE_OK)
    return rc;

  if ((rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL)) == SQLITE_OK &&
      (rc = sqlite3_exec (self->db, clear_tables, NULL, NULL, NULL)) == SQLITE_OK &&
      (rc = orgmap_store_write_rows (self->db, self->document)) == SQLITE_OK &&
      (rc = check_foreign_keys (self->db)) == SQLITE_OK)
    rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);

  /* On failure the caller rolls back, then turns foreign keys on again. */
  return rc;
}

/* What was taken off the ends of the arrays goes, and nothing else moves:
 * a few rows deleted instead of the whole file written again. */
static int
remove_tails (OrgmapLiveStore *self)
{
  OrgmapDocument *doc = self->document;
  const struct { guint stmt; guint count; } tails[] = {
    { STMT_TAIL_SCORES, orgmap_document_get_n_ratings (doc) },
    { STMT_TAIL_POSITIONS, orgmap_document_get_n_units (doc) },
    { STMT_TAIL_RATINGS, orgmap_document_get_n_ratings (doc) },
    { STMT_TAIL_ROUNDS, orgmap_document_get_n_rounds (doc) },
    { STMT_TAIL_LINKS, orgmap_document_get_n_links (doc) },
    { STMT_TAIL_EXTERNALS, orgmap_document_get_n_externals (doc) },
    { STMT_TAIL_UNITS, orgmap_document_get_n_units (doc) },
  };
  int rc = SQLITE_OK;

  for (guint i = 0; rc == SQLITE_OK && i < G_N_ELEMENTS (tails); i++)
    {
      sqlite3_stmt *stmt = self->stmts[tails[i].stmt];

      sqlite3_bind_int64 (stmt, 1, tails[i].count);
      rc = orgmap_store_run (stmt);
    }
  return rc;
}

static int
write_change (OrgmapLiveStore *self,
              OrgmapChange     kind,
              guint32          handle)
{
  switch (kind)
    {
    case ORGMAP_CHANGE_PROPERTIES:
      return write_properties (self);
    case ORGMAP_CHANGE_UNIT:
    case ORGMAP_CHANGE_HIERARCHY:
      return write_unit (self, handle);
    case ORGMAP_CHANGE_EXTERNAL:
      return write_external (self, handle);
    case ORGMAP_CHANGE_LINK:
      return write_link (self, handle);
    case ORGMAP_CHANGE_ROUND:
      return write_round (self, handle);
    case ORGMAP_CHANGE_RATING:
      return write_rating (self, handle);
    case ORGMAP_CHANGE_POSITION:
      return write_position (self, handle);
    case ORGMAP_CHANGE_ALL:
    default:
      g_assert_not_reached ();
    }
}

static void
fail (OrgmapLiveStore *self,
      int              rc)
{
  orgmap_store_set_sqlite_error (&self->error, self->db, rc, self->display, TRUE);
  /* SQLite may have rolled back by itself already. */
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  g_debug ("Stopped writing to %s: %s", self->display, self->error->message);
}

static void
release (OrgmapLiveStore *self)
{
  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->stmts[i], sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close_v2);
}

static void
remove_log (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);
}

/* In write-ahead log mode SQLite would go on committing to a log that
 * belongs to no file once the file was deleted or renamed. */
static gboolean
has_moved (OrgmapLiveStore *self)
{
  int moved = 0;

  if (sqlite3_file_control (self->db, "main", SQLITE_FCNTL_HAS_MOVED, &moved) != SQLITE_OK)
    return FALSE;
  return moved != 0;
}

static void
on_changed (OrgmapDocument  *document,
            guint            kind,
            guint            handle,
            OrgmapLiveStore *self)
{
  int rc;

  if (self->error != NULL)
    return;

  if (has_moved (self))
    {
      g_set_error (&self->error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_IO,
                   _("“%s” was moved or deleted while open; save the document again to keep "
                     "your changes"), self->display);
      /* SQLite leaves the log of a moved file in the folder, where a new
       * file of the same name would take it for its own: it goes now. */
      release (self);
      remove_log (self->path);
      return;
    }

  if (kind == ORGMAP_CHANGE_ALL && handle != ORGMAP_CHANGE_TAIL_REMOVED)
    rc = write_all (self);
  /* The tails go without the check of foreign keys, which would look
   * through every rating for each link that goes (the tables have no
   * index on what refers to them): the document removes nothing that is
   * still referred to. */
  else if ((kind != ORGMAP_CHANGE_ALL ||
            (rc = sqlite3_exec (self->db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL)) == SQLITE_OK) &&
           (rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL)) == SQLITE_OK &&
           (rc = (kind == ORGMAP_CHANGE_ALL ? remove_tails (self)
                                            : write_change (self, kind, handle))) == SQLITE_OK)
    rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    fail (self, rc);
  if (kind == ORGMAP_CHANGE_ALL)
    sqlite3_exec (self->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
}

/* Opens the read-write connection to a file that holds @document. */
static OrgmapLiveStore *
attach (const char      *path,
        OrgmapDocument  *document,
        GError         **error)
{
  g_autoptr(OrgmapLiveStore) self = g_new0 (OrgmapLiveStore, 1);
  int rc;

  self->path = g_strdup (path);
  self->display = g_filename_display_name (path);

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_db_config (self->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
      sqlite3_db_config (self->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
      sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

      /* A write-ahead log with a full sync: a commit appends the edit's
       * pages to the log and syncs that one file, where a rollback journal
       * would sync the journal, the file and its folder. A commit is thus
       * on disk once COMMIT returns: it survives the program being killed
       * (which would need only the operating system to have the pages) and
       * a power cut as well. A transaction cut short is never seen, as
       * readers stop at the last commit in the log. The log is folded back
       * into the file when the store closes. */
      rc = sqlite3_exec (self->db, "PRAGMA foreign_keys = ON;"
                                   "PRAGMA journal_mode = WAL;"
                                   "PRAGMA synchronous = FULL;",
                         NULL, NULL, NULL);
    }
  for (guint i = 0; rc == SQLITE_OK && i < N_STMTS; i++)
    rc = orgmap_store_prepare (self->db, statements[i], &self->stmts[i]);
  if (rc != SQLITE_OK)
    {
      orgmap_store_set_sqlite_error (error, self->db, rc, self->display, TRUE);
      return NULL;
    }

  self->document = g_object_ref (document);
  self->changed_id = g_signal_connect (document, "changed", G_CALLBACK (on_changed), self);

  return g_steal_pointer (&self);
}

OrgmapLiveStore *
orgmap_live_store_open (const char       *path,
                        OrgmapDocument  **document,
                        GError          **error)
{
  g_autoptr(OrgmapDocument) doc = NULL;
  OrgmapLiveStore *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (document != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  doc = orgmap_store_load (path, error);
  if (doc == NULL)
    return NULL;

  self = attach (path, doc, error);
  if (self == NULL)
    return NULL;

  *document = g_steal_pointer (&doc);
  return self;
}

OrgmapLiveStore *
orgmap_live_store_create (const char      *path,
                          OrgmapDocument  *document,
                          GError         **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!orgmap_store_save (document, path, FALSE, error))
    return NULL;

  return attach (path, document, error);
}

OrgmapLiveStore *
orgmap_live_store_replace (const char      *path,
                           OrgmapDocument  *document,
                           GError         **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!orgmap_store_save (document, path, TRUE, error))
    return NULL;

  return attach (path, document, error);
}

const GError *
orgmap_live_store_get_error (OrgmapLiveStore *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->error;
}

void
orgmap_live_store_close (OrgmapLiveStore *self)
{
  if (self == NULL)
    return;

  if (self->changed_id != 0)
    g_signal_handler_disconnect (self->document, self->changed_id);
  g_clear_object (&self->document);

  /* Folds the log into the file and leaves a single file, which read-only
   * media and copies of the file alone can read. This fails, harmlessly,
   * when another program has it open too. */
  if (self->db != NULL && self->error == NULL)
    {
      for (guint i = 0; i < N_STMTS; i++)
        g_clear_pointer (&self->stmts[i], sqlite3_finalize);
      sqlite3_exec (self->db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
    }
  release (self);

  g_clear_error (&self->error);
  g_free (self->path);
  g_free (self->display);
  g_free (self);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-model"

#include "config.h"

#include "orgmap-store.h"
#include "orgmap-store-private.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "orgmap-atomic-file.h"
#include "orgmap-error.h"

/* Runs a statement that returns no row and makes it ready for the next one. */
int
orgmap_store_run (sqlite3_stmt *stmt)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

void
orgmap_store_bind_text (sqlite3_stmt *stmt,
                        int           column,
                        const char   *text)
{
  /* The document's strings outlive the statement's step. */
  sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
}

void
orgmap_store_bind_int_or_null (sqlite3_stmt *stmt,
                               int           column,
                               gint64        value,
                               gboolean      is_set)
{
  if (is_set)
    sqlite3_bind_int64 (stmt, column, value);
  else
    sqlite3_bind_null (stmt, column);
}

/* Binds a row's key, the model's handle. Only the first row's is given:
 * SQLite numbers each later row one above the table's largest key, which
 * is the same number and spares it a B-tree search per row. */
static void
bind_handle (sqlite3_stmt *stmt,
             int           column,
             guint         handle)
{
  if (handle == 0)
    sqlite3_bind_int64 (stmt, column, 0);
  else
    sqlite3_bind_null (stmt, column);
}

/* Checks that the last row of a table got its handle as key. */
static int
check_handles (sqlite3 *db,
               guint    n_rows)
{
  if (n_rows > 0 && sqlite3_last_insert_rowid (db) != (sqlite3_int64) n_rows - 1)
    return SQLITE_INTERNAL;
  return SQLITE_OK;
}

/* Rows are inserted BATCH_ROWS at a time with multi-row INSERT statements:
 * running one statement per row costs about half as much again. */
#define BATCH_ROWS 64

typedef struct
{
  sqlite3      *db;
  const char   *insert;     /* "INSERT INTO t (a, b) VALUES " */
  int           n_columns;
  guint         n_left;     /* rows not yet bound */
  sqlite3_stmt *full;       /* BATCH_ROWS rows, reused */
  sqlite3_stmt *stmt;       /* the statement being bound, or NULL */
  guint         n_rows;     /* rows of stmt */
  guint         row;        /* rows of stmt bound so far */
} Batch;

static void
batch_clear (Batch *self)
{
  if (self->stmt != self->full)
    sqlite3_finalize (self->stmt);
  sqlite3_finalize (self->full);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Batch, batch_clear)

static void
batch_init (Batch      *self,
            sqlite3    *db,
            const char *insert,
            int         n_columns,
            guint       n_rows)
{
  *self = (Batch) { db, insert, n_columns, n_rows };
}

static int
batch_prepare (Batch         *self,
               guint          n_rows,
               sqlite3_stmt **stmt)
{
  g_autoptr(GString) sql = g_string_new (self->insert);

  for (guint r = 0; r < n_rows; r++)
    {
      g_string_append (sql, r == 0 ? "(?" : ", (?");
      for (int c = 1; c < self->n_columns; c++)
        g_string_append (sql, ", ?");
      g_string_append_c (sql, ')');
    }
  return sqlite3_prepare_v3 (self->db, sql->str, sql->len, SQLITE_PREPARE_PERSISTENT, stmt, NULL);
}

/* Gives the statement to bind the next row to, and the index before its
 * first parameter. */
static int
batch_row (Batch         *self,
           sqlite3_stmt **stmt,
           int           *base)
{
  int rc;

  g_assert (self->n_left > 0);

  if (self->stmt == NULL)
    {
      /* The odd rows go first, in a statement of their own. */
      self->n_rows = self->n_left % BATCH_ROWS != 0 ? self->n_left % BATCH_ROWS : BATCH_ROWS;
      self->row = 0;
      if (self->n_rows < BATCH_ROWS)
        rc = batch_prepare (self, self->n_rows, &self->stmt);
      else if (self->full == NULL)
        rc = batch_prepare (self, BATCH_ROWS, &self->full);
      else
        rc = SQLITE_OK;
      if (rc != SQLITE_OK)
        return rc;
      if (self->n_rows == BATCH_ROWS)
        self->stmt = self->full;
    }

  *stmt = self->stmt;
  *base = self->row * self->n_columns;
  return SQLITE_OK;
}

/* Inserts the rows bound so far once the statement is full. */
static int
batch_next (Batch *self)
{
  int rc;

  self->n_left--;
  if (++self->row < self->n_rows)
    return SQLITE_OK;

  rc = sqlite3_step (self->stmt);
  sqlite3_reset (self->stmt);
  if (self->stmt != self->full)
    sqlite3_finalize (self->stmt);
  self->stmt = NULL;
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int
write_properties (sqlite3        *db,
                  OrgmapDocument *doc)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint n = orgmap_document_get_n_dimensions (doc);
  int rc;

  if ((rc = orgmap_store_prepare (db, "INSERT INTO document (id, name, scale_min, scale_max) "
                                      "VALUES (1, ?, ?, ?)", &stmt)) != SQLITE_OK)
    return rc;
  orgmap_store_bind_text (stmt, 1, orgmap_document_get_name (doc));
  sqlite3_bind_double (stmt, 2, orgmap_document_get_scale_min (doc));
  sqlite3_bind_double (stmt, 3, orgmap_document_get_scale_max (doc));
  if ((rc = orgmap_store_run (stmt)) != SQLITE_OK)
    return rc;
  g_clear_pointer (&stmt, sqlite3_finalize);

  rc = orgmap_store_prepare (db, "INSERT INTO dimensions (handle, name) VALUES (?, ?)", &stmt);
  if (rc != SQLITE_OK)
    return rc;
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
write_units (sqlite3        *db,
             OrgmapDocument *doc)
{
  g_auto(Batch) batch = { 0 };
  guint n = orgmap_document_get_n_units (doc);
  int rc;

  batch_init (&batch, db, "INSERT INTO units (handle, id, name, parent, level, area, head, "
                          "headcount, notes) VALUES ", 9, n);
  for (guint i = 0; i < n; i++)
    {
      const OrgmapUnit *unit = orgmap_document_get_unit (doc, i);
      sqlite3_stmt *stmt;
      int c;

      if ((rc = batch_row (&batch, &stmt, &c)) != SQLITE_OK)
        return rc;
      bind_handle (stmt, c + 1, i);
      orgmap_store_bind_text (stmt, c + 2, unit->id);
      orgmap_store_bind_text (stmt, c + 3, unit->name);
      orgmap_store_bind_int_or_null (stmt, c + 4, unit->parent, unit->parent != ORGMAP_NONE);
      orgmap_store_bind_int_or_null (stmt, c + 5, unit->level, unit->level > 0);
      orgmap_store_bind_text (stmt, c + 6, unit->area);
      orgmap_store_bind_text (stmt, c + 7, unit->head);
      orgmap_store_bind_int_or_null (stmt, c + 8, unit->headcount, unit->headcount >= 0);
      orgmap_store_bind_text (stmt, c + 9, unit->notes);
      if ((rc = batch_next (&batch)) != SQLITE_OK)
        return rc;
    }
  return check_handles (db, n);
}

static int
write_externals (sqlite3        *db,
                 OrgmapDocument *doc)
{
  g_auto(Batch) batch = { 0 };
  guint n = orgmap_document_get_n_externals (doc);
  int rc;

  batch_init (&batch, db, "INSERT INTO externals (handle, id, name, notes) VALUES ", 4, n);
  for (guint i = 0; i < n; i++)
    {
      const OrgmapExternal *external = orgmap_document_get_external (doc, i);
      sqlite3_stmt *stmt;
      int c;

      if ((rc = batch_row (&batch, &stmt, &c)) != SQLITE_OK)
        return rc;
      bind_handle (stmt, c + 1, i);
      orgmap_store_bind_text (stmt, c + 2, external->id);
      orgmap_store_bind_text (stmt, c + 3, external->name);
      orgmap_store_bind_text (stmt, c + 4, external->notes);
      if ((rc = batch_next (&batch)) != SQLITE_OK)
        return rc;
    }
  return check_handles (db, n);
}

static int
write_links (sqlite3        *db,
             OrgmapDocument *doc)
{
  g_auto(Batch) batch = { 0 };
  guint n = orgmap_document_get_n_links (doc);
  int rc;

  batch_init (&batch, db, "INSERT INTO links (handle, id, provider, client_unit, client_external, "
                          "service, notes, type_override) VALUES ", 8, n);
  for (guint i = 0; i < n; i++)
    {
      const OrgmapLink *link = orgmap_document_get_link (doc, i);
      gboolean external = ORGMAP_IS_EXTERNAL (link->client);
      sqlite3_stmt *stmt;
      int c;

      if ((rc = batch_row (&batch, &stmt, &c)) != SQLITE_OK)
        return rc;
      bind_handle (stmt, c + 1, i);
      orgmap_store_bind_text (stmt, c + 2, link->id);
      sqlite3_bind_int64 (stmt, c + 3, link->provider);
      orgmap_store_bind_int_or_null (stmt, c + 4, link->client, !external);
      orgmap_store_bind_int_or_null (stmt, c + 5, ORGMAP_EXTERNAL_INDEX (link->client), external);
      orgmap_store_bind_text (stmt, c + 6, link->service);
      orgmap_store_bind_text (stmt, c + 7, link->notes);
      orgmap_store_bind_text (stmt, c + 8, link->type_override != ORGMAP_LINK_AUTOMATIC
                                ? orgmap_link_type_to_string (link->type_override) : NULL);
      if ((rc = batch_next (&batch)) != SQLITE_OK)
        return rc;
    }
  return check_handles (db, n);
}

static int
write_rounds (sqlite3        *db,
              OrgmapDocument *doc)
{
  g_auto(Batch) batch = { 0 };
  guint n = orgmap_document_get_n_rounds (doc);
  int rc;

  batch_init (&batch, db, "INSERT INTO rounds (handle, id, name, date) VALUES ", 4, n);
  for (guint i = 0; i < n; i++)
    {
      const OrgmapRound *round = orgmap_document_get_round (doc, i);
      sqlite3_stmt *stmt;
      int c;

      if ((rc = batch_row (&batch, &stmt, &c)) != SQLITE_OK)
        return rc;
      bind_handle (stmt, c + 1, i);
      orgmap_store_bind_text (stmt, c + 2, round->id);
      orgmap_store_bind_text (stmt, c + 3, round->name);
      orgmap_store_bind_text (stmt, c + 4, round->date);
      if ((rc = batch_next (&batch)) != SQLITE_OK)
        return rc;
    }
  return check_handles (db, n);
}

static int
write_ratings (sqlite3        *db,
               OrgmapDocument *doc)
{
  g_auto(Batch) batch = { 0 };
  guint n = orgmap_document_get_n_ratings (doc);
  int rc;

  batch_init (&batch, db, "INSERT INTO ratings (handle, link, round, score, respondents, "
                          "comment) VALUES ", 6, n);
  for (guint i = 0; i < n; i++)
    {
      const OrgmapRating *rating = orgmap_document_get_rating (doc, i);
      sqlite3_stmt *stmt;
      int c;

      if ((rc = batch_row (&batch, &stmt, &c)) != SQLITE_OK)
        return rc;
      bind_handle (stmt, c + 1, i);
      sqlite3_bind_int64 (stmt, c + 2, rating->link);
      sqlite3_bind_int64 (stmt, c + 3, rating->round);
      sqlite3_bind_double (stmt, c + 4, rating->score);
      orgmap_store_bind_int_or_null (stmt, c + 5, rating->respondents, rating->respondents >= 0);
      orgmap_store_bind_text (stmt, c + 6, rating->comment);
      if ((rc = batch_next (&batch)) != SQLITE_OK)
        return rc;
    }
  return check_handles (db, n);
}

static int
write_dimension_scores (sqlite3        *db,
                        OrgmapDocument *doc)
{
  g_auto(Batch) batch = { 0 };
  guint n = orgmap_document_get_n_ratings (doc);
  guint n_scores = 0;
  int rc;

  for (guint i = 0; i < n; i++)
    n_scores += orgmap_document_get_rating (doc, i)->n_dimension_scores;

  batch_init (&batch, db, "INSERT INTO dimension_scores (rating, position, dimension, score) "
                          "VALUES ", 4, n_scores);
  for (guint i = 0; i < n; i++)
    {
      const OrgmapDimensionScore *scores = orgmap_document_get_dimension_scores (doc, i, &n_scores);

      for (guint k = 0; k < n_scores; k++)
        {
          sqlite3_stmt *stmt;
          int c;

          if ((rc = batch_row (&batch, &stmt, &c)) != SQLITE_OK)
            return rc;
          sqlite3_bind_int64 (stmt, c + 1, i);
          sqlite3_bind_int64 (stmt, c + 2, k);
          sqlite3_bind_int64 (stmt, c + 3, scores[k].dimension);
          sqlite3_bind_double (stmt, c + 4, scores[k].score);
          if ((rc = batch_next (&batch)) != SQLITE_OK)
            return rc;
        }
    }
  return SQLITE_OK;
}

static int
write_positions (sqlite3        *db,
                 OrgmapDocument *doc)
{
  g_auto(Batch) batch = { 0 };
  guint n = orgmap_document_get_n_units (doc);
  int rc;

  batch_init (&batch, db, "INSERT INTO unit_positions (unit, x, y) VALUES ", 3,
              orgmap_document_get_n_placed_units (doc));
  for (guint32 u = 0; u < n; u++)
    {
      sqlite3_stmt *stmt;
      double x, y;
      int c;

      if (!orgmap_document_get_unit_position (doc, u, &x, &y))
        continue;
      if ((rc = batch_row (&batch, &stmt, &c)) != SQLITE_OK)
        return rc;
      sqlite3_bind_int64 (stmt, c + 1, u);
      sqlite3_bind_double (stmt, c + 2, x);
      sqlite3_bind_double (stmt, c + 3, y);
      if ((rc = batch_next (&batch)) != SQLITE_OK)
        return rc;
    }
  return SQLITE_OK;
}

int
orgmap_store_write_rows (sqlite3        *db,
                         OrgmapDocument *doc)
{
  int rc;

  if ((rc = write_properties (db, doc)) != SQLITE_OK ||
      (rc = write_units (db, doc)) != SQLITE_OK ||
      (rc = write_externals (db, doc)) != SQLITE_OK ||
      (rc = write_links (db, doc)) != SQLITE_OK ||
      (rc = write_rounds (db, doc)) != SQLITE_OK ||
      (rc = write_ratings (db, doc)) != SQLITE_OK ||
      (rc = write_dimension_scores (db, doc)) != SQLITE_OK ||
      (rc = write_positions (db, doc)) != SQLITE_OK)
    return rc;

  return SQLITE_OK;
}

static int
write_document (sqlite3        *db,
                OrgmapDocument *doc)
{
  g_autofree char *application_id = NULL;
  int rc;

  /* The file is a fresh temporary one, renamed into place only after it
   * was written and closed: a crash leaves nothing to recover, so neither
   * a journal nor syncing on the way are needed. Foreign keys are declared
   * by the schema and enforced by connections that edit the file; here the
   * rows come from the model, whose references always hold, and checking
   * them would nearly double the time taken. */
  if ((rc = sqlite3_exec (db, "PRAGMA page_size = 8192;"
                              "PRAGMA journal_mode = OFF;"
                              "PRAGMA synchronous = OFF;"
                              "PRAGMA locking_mode = EXCLUSIVE;"
                              "PRAGMA cache_size = -65536;"
                              "PRAGMA foreign_keys = OFF;",
                          NULL, NULL, NULL)) != SQLITE_OK)
    return rc;

  application_id = g_strdup_printf ("PRAGMA application_id = %d", ORGMAP_STORE_APPLICATION_ID);
  if ((rc = sqlite3_exec (db, application_id, NULL, NULL, NULL)) != SQLITE_OK)
    return rc;

  if ((rc = sqlite3_exec (db, "BEGIN", NULL, NULL, NULL)) != SQLITE_OK)
    return rc;

  if ((rc = orgmap_store_migrate (db, 0)) != SQLITE_OK ||
      (rc = orgmap_store_write_rows (db, doc)) != SQLITE_OK ||
      (rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL)) != SQLITE_OK)
    return rc;

  return SQLITE_OK;
}

static gboolean
file_failed (GError     **error,
             GError      *file_error,
             const char  *display)
{
  if (g_error_matches (file_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_EXISTS,
                 _("“%s” already exists and was left as it was"), display);
  else
    g_set_error_literal (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_IO, file_error->message);
  return FALSE;
}

gboolean
orgmap_store_save (OrgmapDocument  *document,
                   const char      *path,
                   gboolean         overwrite,
                   GError         **error)
{
  g_autoptr(OrgmapAtomicFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = NULL;
  sqlite3 *db = NULL;
  int rc;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display = g_filename_display_name (path);

  file = orgmap_atomic_file_new (path, overwrite, &local_error);
  if (file == NULL)
    return file_failed (error, local_error, display);

  rc = sqlite3_open_v2 (orgmap_atomic_file_get_temp_path (file), &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc == SQLITE_OK)
    rc = write_document (db, document);
  if (rc != SQLITE_OK)
    {
      orgmap_store_set_sqlite_error (error, db, rc, display, TRUE);
      sqlite3_close_v2 (db);
      return FALSE;
    }

  /* Every statement was finalized, so this closes the file for good. */
  if ((rc = sqlite3_close (db)) != SQLITE_OK)
    {
      orgmap_store_set_sqlite_error (error, NULL, rc, display, TRUE);
      return FALSE;
    }

  /* The file may have appeared meanwhile: it is refused then too. */
  if (!orgmap_atomic_file_commit (g_steal_pointer (&file), &local_error))
    return file_failed (error, local_error, display);

  return TRUE;
}

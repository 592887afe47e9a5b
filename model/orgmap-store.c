/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-model"

#include "config.h"

#include "orgmap-store.h"
#include "orgmap-store-private.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "orgmap-error.h"

/* Schema migrations: step N takes a file from user_version N to N + 1. A new
 * file runs them all, so the newest schema is always the sum of the steps.
 *
 * Every table but dimension_scores is keyed by the model's handle, and rows
 * are read back in key order, which is the model's order. No index is made
 * on text ids: the model refuses duplicates when the file is loaded, and an
 * index would only slow saving down. */
static const char * const migrations[] = {
  /* 0 → 1: the document */
  "CREATE TABLE document ("
  "  id        INTEGER PRIMARY KEY CHECK (id = 1),"
  "  name      TEXT NOT NULL,"
  "  scale_min REAL NOT NULL,"
  "  scale_max REAL NOT NULL,"
  "  CHECK (scale_min < scale_max)"
  ");"
  "CREATE TABLE dimensions ("
  "  handle INTEGER PRIMARY KEY,"
  "  name   TEXT NOT NULL CHECK (name <> '')"
  ");"
  "CREATE TABLE units ("
  "  handle    INTEGER PRIMARY KEY,"
  "  id        TEXT NOT NULL,"
  "  name      TEXT NOT NULL,"
  "  parent    INTEGER REFERENCES units (handle),"
  "  level     INTEGER CHECK (level > 0),"
  "  area      TEXT,"
  "  head      TEXT,"
  "  headcount INTEGER CHECK (headcount >= 0),"
  "  notes     TEXT"
  ");"
  "CREATE TABLE externals ("
  "  handle INTEGER PRIMARY KEY,"
  "  id     TEXT NOT NULL,"
  "  name   TEXT NOT NULL,"
  "  notes  TEXT"
  ");"
  "CREATE TABLE links ("
  "  handle          INTEGER PRIMARY KEY,"
  "  id              TEXT NOT NULL,"
  "  provider        INTEGER NOT NULL REFERENCES units (handle),"
  "  client_unit     INTEGER REFERENCES units (handle),"
  "  client_external INTEGER REFERENCES externals (handle),"
  "  service         TEXT,"
  "  notes           TEXT,"
  /* Not "IN (…)": SQLite would build a lookup table for every row. */
  "  type_override   TEXT CHECK (type_override = 'vertical' OR"
  "                              type_override = 'horizontal' OR"
  "                              type_override = 'diagonal' OR"
  "                              type_override = 'external'),"
  "  CHECK ((client_unit IS NULL) <> (client_external IS NULL)),"
  "  CHECK (client_unit IS NOT provider)"
  ");"
  "CREATE TABLE rounds ("
  "  handle INTEGER PRIMARY KEY,"
  "  id     TEXT NOT NULL,"
  "  name   TEXT NOT NULL,"
  "  date   TEXT"
  ");"
  "CREATE TABLE ratings ("
  "  handle      INTEGER PRIMARY KEY,"
  "  link        INTEGER NOT NULL REFERENCES links (handle),"
  "  round       INTEGER NOT NULL REFERENCES rounds (handle),"
  "  score       REAL NOT NULL,"
  "  respondents INTEGER CHECK (respondents >= 0),"
  "  comment     TEXT"
  ");"
  "CREATE TABLE dimension_scores ("
  "  rating    INTEGER NOT NULL REFERENCES ratings (handle),"
  "  position  INTEGER NOT NULL,"
  "  dimension INTEGER NOT NULL REFERENCES dimensions (handle),"
  "  score     REAL NOT NULL,"
  "  PRIMARY KEY (rating, position)"
  ") WITHOUT ROWID;",

  /* 1 → 2: the positions a person gave units on the canvas */
  "CREATE TABLE unit_positions ("
  "  unit INTEGER PRIMARY KEY REFERENCES units (handle),"
  "  x    REAL NOT NULL,"
  "  y    REAL NOT NULL"
  ");",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == ORGMAP_STORE_SCHEMA_VERSION);

/* Helpers */

int
orgmap_store_prepare (sqlite3       *db,
                      const char    *sql,
                      sqlite3_stmt **stmt)
{
  return sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL);
}

static int
read_pragma (sqlite3    *db,
             const char *sql,
             gint64     *value)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if ((rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL)) != SQLITE_OK)
    return rc;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return rc == SQLITE_DONE ? SQLITE_CORRUPT : rc;
  *value = sqlite3_column_int64 (stmt, 0);
  return SQLITE_OK;
}

static int
set_user_version (sqlite3 *db,
                  int      version)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", version);

  return sqlite3_exec (db, sql, NULL, NULL, NULL);
}

/* Brings the schema from @from to the newest version, inside the caller's
 * transaction. */
int
orgmap_store_migrate (sqlite3 *db,
                      int      from)
{
  int rc;

  for (guint v = from; v < G_N_ELEMENTS (migrations); v++)
    if ((rc = sqlite3_exec (db, migrations[v], NULL, NULL, NULL)) != SQLITE_OK)
      return rc;
  return set_user_version (db, ORGMAP_STORE_SCHEMA_VERSION);
}

void
orgmap_store_set_sqlite_error (GError     **error,
                               sqlite3     *db,
                               int          rc,
                               const char  *display,
                               gboolean     writing)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_IO,
                   _("There is not enough space left to save “%s”"), display);
      return;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_IO,
                   _("“%s” is in use by another program; try again when it is done"),
                   display);
      return;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_FORMAT:
    case SQLITE_ERROR:
    case SQLITE_MISMATCH:
    case SQLITE_TOOBIG:
      if (!writing)
        {
          g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_CORRUPT,
                       /* Translators: the second %s is SQLite's own explanation, in English */
                       _("“%s” is damaged and cannot be opened (%s)"), display, detail);
          return;
        }
      G_GNUC_FALLTHROUGH;

    default:
      if (writing)
        g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_IO,
                     /* Translators: the second %s is SQLite's own explanation, in English */
                     _("Cannot write “%s” (%s)"), display, detail);
      else
        g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_IO,
                     /* Translators: the second %s is SQLite's own explanation, in English */
                     _("Cannot read “%s” (%s)"), display, detail);
      return;
    }
}

/* Opening */

/* Looks at the file before SQLite does: its kind, and the 16-byte magic
 * string every SQLite database starts with. */
static gboolean
check_file (const char  *path,
            const char  *display,
            GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  char header[100];
  struct stat st;
  gssize n_read;
  int fd;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_IO,
                     _("“%s” does not exist"), display);
      else
        g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_IO,
                     _("Cannot read “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_IO,
                   _("“%s” is a folder, not an Orgmap document"), display);
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_IO,
                   _("“%s” is not a regular file, so not an Orgmap document"), display);
      return FALSE;
    }

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_IO,
                   _("Cannot read “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }
  do
    n_read = read (fd, header, sizeof header);
  while (n_read < 0 && errno == EINTR);
  if (n_read < 0)
    {
      int saved_errno = errno;

      close (fd);
      g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_IO,
                   _("Cannot read “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  if (n_read == 0)
    {
      g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_NOT_ORGMAP,
                   _("“%s” is empty, not an Orgmap document"), display);
      return FALSE;
    }
  if ((gsize) n_read < sizeof magic || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_NOT_ORGMAP,
                   _("“%s” is not an Orgmap document"), display);
      return FALSE;
    }
  if ((gsize) n_read < sizeof header)
    {
      g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged: it ends too early"), display);
      return FALSE;
    }

  return TRUE;
}

/* Brings an older file to the current schema, in one transaction on a
 * read-write connection of its own. */
static gboolean
upgrade (const char  *path,
         const char  *display,
         GError     **error)
{
  g_autoptr(sqlite3) db = NULL;
  gint64 version = 0;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, 2000);
      rc = sqlite3_exec (db, "PRAGMA foreign_keys = ON; BEGIN IMMEDIATE", NULL, NULL, NULL);
    }
  /* Another program may have upgraded it meanwhile. */
  if (rc == SQLITE_OK)
    rc = read_pragma (db, "PRAGMA user_version", &version);
  if (rc == SQLITE_OK && version > ORGMAP_STORE_SCHEMA_VERSION)
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Orgmap; update Orgmap to open it"),
                   display);
      return FALSE;
    }
  if (rc == SQLITE_OK && version < ORGMAP_STORE_SCHEMA_VERSION)
    rc = orgmap_store_migrate (db, version);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

      g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_IO,
                   /* Translators: the second %s is SQLite's own explanation, in English */
                   _("“%s” was written by an older version of Orgmap and could not be "
                     "upgraded (%s)"), display, detail);
      if (db != NULL)
        sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

OrgmapDocument *
orgmap_store_load (const char  *path,
                   GError     **error)
{
  g_autoptr(sqlite3) db = NULL;
  g_autofree char *display = NULL;
  gint64 application_id = 0, version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_name (path);

  if (!check_file (path, display, error))
    return NULL;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      orgmap_store_set_sqlite_error (error, db, rc, display, FALSE);
      return NULL;
    }
  /* The file may come from anywhere: let its schema run nothing unusual. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_busy_timeout (db, 2000);

  if ((rc = read_pragma (db, "PRAGMA application_id", &application_id)) != SQLITE_OK ||
      (rc = read_pragma (db, "PRAGMA user_version", &version)) != SQLITE_OK)
    {
      orgmap_store_set_sqlite_error (error, db, rc, display, FALSE);
      return NULL;
    }

  if (application_id != ORGMAP_STORE_APPLICATION_ID)
    {
      g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_NOT_ORGMAP,
                   _("“%s” is a database of another program, not an Orgmap document"),
                   display);
      return NULL;
    }
  if (version > ORGMAP_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Orgmap; update Orgmap to open it"),
                   display);
      return NULL;
    }
  if (version < 1)
    {
      g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged: it has no Orgmap schema version"), display);
      return NULL;
    }
  if (version < ORGMAP_STORE_SCHEMA_VERSION && !upgrade (path, display, error))
    return NULL;

  return orgmap_store_read_document (db, display, error);
}

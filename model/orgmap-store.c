/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-model"

#include "config.h"

#include "orgmap-store.h"
#include "orgmap-store-private.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
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

/* The tables that loading reads, present since version 1. */
static const char * const required_tables[] = {
  "document", "dimensions", "units", "externals", "links", "rounds", "ratings",
  "dimension_scores",
};

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

/* Loading */

/* Keys of a table's rows, in ascending order: the position of a key is the
 * model handle of its row. Files written by Orgmap number rows 0, 1, 2…:
 * then no key is kept and a lookup is direct. */
typedef struct
{
  guint   n;     /* rows */
  gint64  last;  /* the last row's key */
  GArray *keys;  /* gint64, made once a key differs from its position */
} KeyMap;

/* FALSE when @key is not above the previous one. */
static gboolean
key_map_add (KeyMap *map,
             gint64  key)
{
  if (map->n > 0 && key <= map->last)
    return FALSE;

  if (map->keys == NULL && key != map->n)
    {
      map->keys = g_array_sized_new (FALSE, FALSE, sizeof (gint64), map->n + 1);
      for (gint64 k = 0; k < map->n; k++)
        g_array_append_val (map->keys, k);
    }
  if (map->keys != NULL)
    g_array_append_val (map->keys, key);
  map->last = key;
  map->n++;
  return TRUE;
}

static guint32
key_map_find (KeyMap *map,
              gint64  key)
{
  const gint64 *keys;
  guint lo = 0, hi = map->n;

  if (map->keys == NULL)
    return key >= 0 && key < map->n ? (guint32) key : ORGMAP_NONE;

  keys = (const gint64 *) (gpointer) map->keys->data;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (keys[mid] < key)
        lo = mid + 1;
      else if (keys[mid] > key)
        hi = mid;
      else
        return mid;
    }
  return ORGMAP_NONE;
}

typedef struct
{
  sqlite3        *db;
  const char     *display;
  OrgmapDocument *doc;
  KeyMap          units;
  KeyMap          externals;
  KeyMap          links;
  KeyMap          rounds;
  KeyMap          ratings;
  KeyMap          dimensions;
  GArray         *dimension_index;  /* guint32: the model's dimension of each row */
} Loader;

static gboolean refuse (Loader      *self,
                        GError     **error,
                        const char  *format,
                        ...) G_GNUC_PRINTF (3, 4);

/* Content that breaks the model's rules. */
static gboolean
refuse (Loader      *self,
        GError     **error,
        const char  *format,
        ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
               /* Translators: the first %s is a file name, the second a reason
                * such as “unit “fin” is placed under itself” */
               _("“%s” cannot be opened: %s"), self->display, reason);
  return FALSE;
}

static gboolean
sqlite_failed (Loader  *self,
               int      rc,
               GError **error)
{
  orgmap_store_set_sqlite_error (error, self->db, rc, self->display, FALSE);
  return FALSE;
}

/* Columns are read through sqlite3_column_value(): one call per column
 * instead of one per question asked about it. Its values are only used on
 * this thread, before the next step. */

/* A row's key, which must be an integer above the previous row's. */
static gboolean
read_key (Loader       *self,
          sqlite3_stmt *stmt,
          KeyMap       *map,
          const char   *table,
          GError      **error)
{
  sqlite3_value *value = sqlite3_column_value (stmt, 0);
  gint64 key = sqlite3_value_int64 (value);

  if (sqlite3_value_type (value) != SQLITE_INTEGER || !key_map_add (map, key))
    return refuse (self, error, _("the table “%s” numbers its rows wrongly"), table);
  return TRUE;
}

/* Text that may be NULL; FALSE when it is not valid UTF-8 text. */
static gboolean
column_text (sqlite3_stmt  *stmt,
             int            column,
             const char   **text)
{
  sqlite3_value *value = sqlite3_column_value (stmt, column);
  int type = sqlite3_value_type (value);
  const char *str;

  *text = NULL;
  if (type == SQLITE_NULL)
    return TRUE;
  if (type != SQLITE_TEXT)
    return FALSE;
  str = (const char *) sqlite3_value_text (value);
  if (str == NULL || !g_utf8_validate (str, sqlite3_value_bytes (value), NULL))
    return FALSE;
  *text = str;
  return TRUE;
}

/* Text that must be set (it may be empty). */
static gboolean
column_required_text (sqlite3_stmt  *stmt,
                      int            column,
                      const char   **text)
{
  return column_text (stmt, column, text) && *text != NULL;
}

/* An integer in [min, G_MAXINT32], or NULL (then *result is @unset). */
static gboolean
column_int (sqlite3_stmt *stmt,
            int           column,
            gint64        min,
            gint32        unset,
            gint32       *result)
{
  sqlite3_value *value = sqlite3_column_value (stmt, column);
  gint64 v;

  *result = unset;
  switch (sqlite3_value_type (value))
    {
    case SQLITE_NULL:
      return TRUE;
    case SQLITE_INTEGER:
      v = sqlite3_value_int64 (value);
      if (v < min || v > G_MAXINT32)
        return FALSE;
      *result = (gint32) v;
      return TRUE;
    default:
      return FALSE;
    }
}

/* A reference to another row: an integer, or NULL (then *is_set is FALSE). */
static gboolean
column_ref (sqlite3_stmt *stmt,
            int           column,
            gboolean     *is_set,
            gint64       *key)
{
  sqlite3_value *value = sqlite3_column_value (stmt, column);
  int type = sqlite3_value_type (value);

  *key = sqlite3_value_int64 (value);
  *is_set = type != SQLITE_NULL;
  return type == SQLITE_NULL || type == SQLITE_INTEGER;
}

static gboolean
column_real (sqlite3_stmt *stmt,
             int           column,
             double       *result)
{
  sqlite3_value *value = sqlite3_column_value (stmt, column);
  int type = sqlite3_value_type (value);

  *result = sqlite3_value_double (value);
  return (type == SQLITE_FLOAT || type == SQLITE_INTEGER) && isfinite (*result);
}

static gboolean
bad_field (Loader      *self,
           const char  *field,
           const char  *id,
           GError     **error)
{
  /* Translators: the first %s is a column of the file's database, the second an id */
  return refuse (self, error, _("the field “%s” of “%s” holds an invalid value"), field, id);
}

static gboolean
read_properties (Loader  *self,
                 GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;
  double min, max;
  int rc;

  if ((rc = orgmap_store_prepare (self->db, "SELECT name, scale_min, scale_max FROM document",
                                  &stmt)) != SQLITE_OK)
    return sqlite_failed (self, rc, error);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return refuse (self, error, _("the document’s name and scale are missing"));
  if (rc != SQLITE_ROW)
    return sqlite_failed (self, rc, error);

  if (!column_text (stmt, 0, &name))
    return refuse (self, error, _("the document’s name is not valid text"));
  orgmap_document_set_name (self->doc, name);

  if (!column_real (stmt, 1, &min) || !column_real (stmt, 2, &max) ||
      !orgmap_document_set_scale (self->doc, min, max, &local_error))
    return refuse (self, error, _("the document’s scale is not valid"));
  g_clear_pointer (&stmt, sqlite3_finalize);

  if ((rc = orgmap_store_prepare (self->db, "SELECT handle, name FROM dimensions "
                                            "ORDER BY handle", &stmt)) != SQLITE_OK)
    return sqlite_failed (self, rc, error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint32 index;

      if (!read_key (self, stmt, &self->dimensions, "dimensions", error))
        return FALSE;
      if (!column_required_text (stmt, 1, &name) || *name == '\0')
        return refuse (self, error, _("dimension %lld has no valid name"),
                       (long long) sqlite3_column_int64 (stmt, 0));
      if (orgmap_document_get_n_dimensions (self->doc) >= G_MAXUINT16)
        return refuse (self, error, _("the document has more dimensions than Orgmap can hold"));
      /* The model starts with the default dimensions: the file's list
       * matches them first, and adds any others. */
      index = orgmap_document_add_dimension (self->doc, name);
      g_array_append_val (self->dimension_index, index);
    }
  if (rc != SQLITE_DONE)
    return sqlite_failed (self, rc, error);

  return TRUE;
}

/* Sets each unit's parent once all units exist (a parent may come later in
 * the file). A cycle is refused first; then parents are set deepest unit
 * first, so that the model's own cycle check never walks far. */
static gboolean
set_parents (Loader        *self,
             const guint32 *parents,
             GError       **error)
{
  const guint32 UNKNOWN = G_MAXUINT32, VISITING = G_MAXUINT32 - 1;
  guint n = orgmap_document_get_n_units (self->doc);
  g_autofree guint32 *depth = g_new (guint32, MAX (n, 1));
  g_autofree guint32 *path = g_new (guint32, MAX (n, 1));
  g_autofree guint32 *bucket_start = NULL;
  g_autofree guint32 *order = NULL;
  guint32 max_depth = 0;

  for (guint i = 0; i < n; i++)
    depth[i] = UNKNOWN;

  for (guint i = 0; i < n; i++)
    {
      guint len = 0;
      guint32 u = i;
      guint32 d;

      while (u != ORGMAP_NONE && depth[u] == UNKNOWN)
        {
          depth[u] = VISITING;
          path[len++] = u;
          u = parents[u];
        }
      if (u != ORGMAP_NONE && depth[u] == VISITING)
        return refuse (self, error, _("unit “%s” is placed under itself"),
                       orgmap_document_get_unit (self->doc, u)->id);

      d = u == ORGMAP_NONE ? 0 : depth[u] + 1;
      while (len > 0)
        depth[path[--len]] = d++;
      max_depth = MAX (max_depth, d);
    }

  /* Counting sort by decreasing depth. */
  bucket_start = g_new0 (guint32, (gsize) max_depth + 2);
  order = g_new (guint32, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    bucket_start[max_depth - depth[i] + 1]++;
  for (guint32 b = 0; b <= max_depth; b++)
    bucket_start[b + 1] += bucket_start[b];
  for (guint i = 0; i < n; i++)
    order[bucket_start[max_depth - depth[i]]++] = i;

  for (guint i = 0; i < n; i++)
    {
      guint32 u = order[i];

      if (parents[u] != ORGMAP_NONE &&
          !orgmap_document_set_unit_parent (self->doc, u, parents[u], error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
read_units (Loader  *self,
            GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) parent_keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) has_parent = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autofree guint32 *parents = NULL;
  int rc;

  if ((rc = orgmap_store_prepare (self->db, "SELECT handle, id, name, parent, level, area, "
                                            "head, headcount, notes FROM units ORDER BY handle",
                                  &stmt)) != SQLITE_OK)
    return sqlite_failed (self, rc, error);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id, *name, *area, *head, *notes;
      gint32 level, headcount;
      gboolean parent_set;
      gint64 parent;
      guint32 unit;

      if (!read_key (self, stmt, &self->units, "units", error))
        return FALSE;
      if (!column_required_text (stmt, 1, &id) || *id == '\0')
        return refuse (self, error, _("unit %lld has no valid id"),
                       (long long) sqlite3_column_int64 (stmt, 0));
      if (!column_required_text (stmt, 2, &name))
        return bad_field (self, "name", id, error);
      if (!column_ref (stmt, 3, &parent_set, &parent))
        return bad_field (self, "parent", id, error);
      if (!column_int (stmt, 4, 1, 0, &level))
        return bad_field (self, "level", id, error);
      if (!column_text (stmt, 5, &area))
        return bad_field (self, "area", id, error);
      if (!column_text (stmt, 6, &head))
        return bad_field (self, "head", id, error);
      if (!column_int (stmt, 7, 0, -1, &headcount))
        return bad_field (self, "headcount", id, error);
      if (!column_text (stmt, 8, &notes))
        return bad_field (self, "notes", id, error);

      unit = orgmap_document_add_unit (self->doc, id, name, ORGMAP_NONE);
      if (unit == ORGMAP_NONE)
        return refuse (self, error, _("the id “%s” is used twice"), id);
      orgmap_document_set_unit_level (self->doc, unit, level);
      orgmap_document_set_unit_area (self->doc, unit, area);
      orgmap_document_set_unit_head (self->doc, unit, head);
      orgmap_document_set_unit_headcount (self->doc, unit, headcount);
      orgmap_document_set_unit_notes (self->doc, unit, notes);
      g_array_append_val (parent_keys, parent);
      g_array_append_val (has_parent, parent_set);
    }
  if (rc != SQLITE_DONE)
    return sqlite_failed (self, rc, error);

  parents = g_new (guint32, MAX (parent_keys->len, 1));
  for (guint i = 0; i < parent_keys->len; i++)
    {
      parents[i] = ORGMAP_NONE;
      if (g_array_index (has_parent, gboolean, i))
        {
          parents[i] = key_map_find (&self->units, g_array_index (parent_keys, gint64, i));
          if (parents[i] == ORGMAP_NONE)
            return refuse (self, error, _("unit “%s” is placed under a unit that does not exist"),
                           orgmap_document_get_unit (self->doc, i)->id);
        }
    }

  return set_parents (self, parents, error);
}

static gboolean
read_externals (Loader  *self,
                GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if ((rc = orgmap_store_prepare (self->db, "SELECT handle, id, name, notes FROM externals "
                                            "ORDER BY handle", &stmt)) != SQLITE_OK)
    return sqlite_failed (self, rc, error);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id, *name, *notes;
      guint32 external;

      if (!read_key (self, stmt, &self->externals, "externals", error))
        return FALSE;
      if (!column_required_text (stmt, 1, &id) || *id == '\0')
        return refuse (self, error, _("external client %lld has no valid id"),
                       (long long) sqlite3_column_int64 (stmt, 0));
      if (!column_required_text (stmt, 2, &name))
        return bad_field (self, "name", id, error);
      if (!column_text (stmt, 3, &notes))
        return bad_field (self, "notes", id, error);

      external = orgmap_document_add_external (self->doc, id, name);
      if (external == ORGMAP_NONE)
        return refuse (self, error, _("the id “%s” is used twice"), id);
      orgmap_document_set_external_notes (self->doc, external, notes);
    }
  if (rc != SQLITE_DONE)
    return sqlite_failed (self, rc, error);

  return TRUE;
}

static gboolean
read_links (Loader  *self,
            GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if ((rc = orgmap_store_prepare (self->db, "SELECT handle, id, provider, client_unit, "
                                            "client_external, service, notes, type_override "
                                            "FROM links ORDER BY handle", &stmt)) != SQLITE_OK)
    return sqlite_failed (self, rc, error);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id, *service, *notes, *type_name;
      gboolean provider_set, unit_set, external_set;
      gint64 provider_key, unit_key, external_key;
      guint32 provider, client, link;
      OrgmapLinkType type = ORGMAP_LINK_AUTOMATIC;

      if (!read_key (self, stmt, &self->links, "links", error))
        return FALSE;
      if (!column_required_text (stmt, 1, &id) || *id == '\0')
        return refuse (self, error, _("link %lld has no valid id"),
                       (long long) sqlite3_column_int64 (stmt, 0));
      if (!column_ref (stmt, 2, &provider_set, &provider_key) || !provider_set)
        return bad_field (self, "provider", id, error);
      if (!column_ref (stmt, 3, &unit_set, &unit_key))
        return bad_field (self, "client_unit", id, error);
      if (!column_ref (stmt, 4, &external_set, &external_key))
        return bad_field (self, "client_external", id, error);
      if (!column_text (stmt, 5, &service))
        return bad_field (self, "service", id, error);
      if (!column_text (stmt, 6, &notes))
        return bad_field (self, "notes", id, error);
      if (!column_text (stmt, 7, &type_name) ||
          (type_name != NULL && !orgmap_link_type_from_string (type_name, &type)))
        return bad_field (self, "type_override", id, error);

      if (unit_set == external_set)
        return refuse (self, error, _("link “%s” does not have exactly one client"), id);

      provider = key_map_find (&self->units, provider_key);
      if (unit_set)
        client = key_map_find (&self->units, unit_key);
      else
        {
          client = key_map_find (&self->externals, external_key);
          if (client != ORGMAP_NONE)
            client = ORGMAP_EXTERNAL_HANDLE (client);
        }
      if (provider == ORGMAP_NONE || client == ORGMAP_NONE)
        return refuse (self, error, _("link “%s” refers to a unit or client that does not exist"),
                       id);
      if (provider == client)
        return refuse (self, error, _("link “%s” goes from a unit to the same unit"), id);

      link = orgmap_document_add_link (self->doc, id, provider, client, service);
      if (link == ORGMAP_NONE)
        return refuse (self, error, _("the id “%s” is used twice"), id);
      orgmap_document_set_link_notes (self->doc, link, notes);
      orgmap_document_set_link_type_override (self->doc, link, type);
    }
  if (rc != SQLITE_DONE)
    return sqlite_failed (self, rc, error);

  return TRUE;
}

static gboolean
read_rounds (Loader  *self,
             GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if ((rc = orgmap_store_prepare (self->db, "SELECT handle, id, name, date FROM rounds "
                                            "ORDER BY handle", &stmt)) != SQLITE_OK)
    return sqlite_failed (self, rc, error);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id, *name, *date;

      if (!read_key (self, stmt, &self->rounds, "rounds", error))
        return FALSE;
      if (!column_required_text (stmt, 1, &id) || *id == '\0')
        return refuse (self, error, _("round %lld has no valid id"),
                       (long long) sqlite3_column_int64 (stmt, 0));
      if (!column_required_text (stmt, 2, &name))
        return bad_field (self, "name", id, error);
      if (!column_text (stmt, 3, &date))
        return bad_field (self, "date", id, error);

      if (orgmap_document_add_round (self->doc, id, name, date) == ORGMAP_NONE)
        return refuse (self, error, _("the id “%s” is used twice"), id);
    }
  if (rc != SQLITE_DONE)
    return sqlite_failed (self, rc, error);

  return TRUE;
}

static gboolean
read_ratings (Loader  *self,
              GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if ((rc = orgmap_store_prepare (self->db, "SELECT handle, link, round, score, respondents, "
                                            "comment FROM ratings ORDER BY handle",
                                  &stmt)) != SQLITE_OK)
    return sqlite_failed (self, rc, error);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *comment, *link_id, *round_id;
      gboolean is_set;
      gint64 key;
      guint32 link = ORGMAP_NONE, round = ORGMAP_NONE;
      gint32 respondents;
      double score;
      guint n_before;

      if (!read_key (self, stmt, &self->ratings, "ratings", error))
        return FALSE;
      if (column_ref (stmt, 1, &is_set, &key) && is_set)
        link = key_map_find (&self->links, key);
      if (link == ORGMAP_NONE)
        return refuse (self, error, _("rating %lld refers to a link that does not exist"),
                       (long long) sqlite3_column_int64 (stmt, 0));
      link_id = orgmap_document_get_link (self->doc, link)->id;
      if (column_ref (stmt, 2, &is_set, &key) && is_set)
        round = key_map_find (&self->rounds, key);
      if (round == ORGMAP_NONE)
        return refuse (self, error,
                       _("a rating of link “%s” refers to a round that does not exist"), link_id);
      round_id = orgmap_document_get_round (self->doc, round)->id;

      if (!column_real (stmt, 3, &score))
        return bad_field (self, "score", link_id, error);
      if (!column_int (stmt, 4, 0, -1, &respondents))
        return bad_field (self, "respondents", link_id, error);
      if (!column_text (stmt, 5, &comment))
        return bad_field (self, "comment", link_id, error);

      if (!orgmap_document_score_in_scale (self->doc, score))
        return refuse (self, error,
                       _("link “%s” has the score %g in round “%s”, outside the scale %g–%g"),
                       link_id, score, round_id,
                       orgmap_document_get_scale_min (self->doc),
                       orgmap_document_get_scale_max (self->doc));

      n_before = orgmap_document_get_n_ratings (self->doc);
      if (orgmap_document_set_rating (self->doc, link, round, score, respondents, comment,
                                      NULL) != n_before)
        return refuse (self, error, _("link “%s” is rated twice in round “%s”"),
                       link_id, round_id);
    }
  if (rc != SQLITE_DONE)
    return sqlite_failed (self, rc, error);

  return TRUE;
}

static gboolean
read_dimension_scores (Loader  *self,
                       GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if ((rc = orgmap_store_prepare (self->db, "SELECT rating, position, dimension, score "
                                            "FROM dimension_scores ORDER BY rating, position",
                                  &stmt)) != SQLITE_OK)
    return sqlite_failed (self, rc, error);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const OrgmapRating *rating_data;
      const char *link_id, *round_id;
      gboolean is_set;
      gint64 key;
      guint32 rating = ORGMAP_NONE, dimension = ORGMAP_NONE;
      guint n_before, n_after;
      double score;

      if (column_ref (stmt, 0, &is_set, &key) && is_set)
        rating = key_map_find (&self->ratings, key);
      if (rating == ORGMAP_NONE)
        return refuse (self, error, _("a dimension score refers to a rating that does not exist"));
      rating_data = orgmap_document_get_rating (self->doc, rating);
      link_id = orgmap_document_get_link (self->doc, rating_data->link)->id;
      round_id = orgmap_document_get_round (self->doc, rating_data->round)->id;

      if (column_ref (stmt, 2, &is_set, &key) && is_set)
        {
          dimension = key_map_find (&self->dimensions, key);
          if (dimension != ORGMAP_NONE)
            dimension = g_array_index (self->dimension_index, guint32, dimension);
        }
      if (dimension == ORGMAP_NONE)
        return refuse (self, error,
                       _("a rating of link “%s” in round “%s” refers to a dimension that "
                         "does not exist"), link_id, round_id);

      if (!column_real (stmt, 3, &score) || !orgmap_document_score_in_scale (self->doc, score))
        return refuse (self, error,
                       _("link “%s” has a “%s” score in round “%s” outside the scale %g–%g"),
                       link_id, orgmap_document_get_dimension (self->doc, dimension), round_id,
                       orgmap_document_get_scale_min (self->doc),
                       orgmap_document_get_scale_max (self->doc));

      orgmap_document_get_dimension_scores (self->doc, rating, &n_before);
      orgmap_document_set_rating_dimension (self->doc, rating, dimension, score, NULL);
      orgmap_document_get_dimension_scores (self->doc, rating, &n_after);
      if (n_after == n_before)
        return refuse (self, error, _("link “%s” has two “%s” scores in round “%s”"),
                       link_id, orgmap_document_get_dimension (self->doc, dimension), round_id);
    }
  if (rc != SQLITE_DONE)
    return sqlite_failed (self, rc, error);

  return TRUE;
}

static gboolean
read_positions (Loader  *self,
                GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if ((rc = orgmap_store_prepare (self->db, "SELECT unit, x, y FROM unit_positions "
                                            "ORDER BY unit", &stmt)) != SQLITE_OK)
    return sqlite_failed (self, rc, error);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint32 unit = ORGMAP_NONE;
      gboolean is_set;
      gint64 key;
      double x, y;

      if (column_ref (stmt, 0, &is_set, &key) && is_set)
        unit = key_map_find (&self->units, key);
      if (unit == ORGMAP_NONE)
        return refuse (self, error, _("a position on the map refers to a unit that does not exist"));
      if (!column_real (stmt, 1, &x) || !column_real (stmt, 2, &y) || !isfinite (x) || !isfinite (y))
        return bad_field (self, "position", orgmap_document_get_unit (self->doc, unit)->id, error);
      orgmap_document_set_unit_position (self->doc, unit, x, y);
    }
  if (rc != SQLITE_DONE)
    return sqlite_failed (self, rc, error);

  return TRUE;
}

static gboolean
check_tables (Loader  *self,
              GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if ((rc = orgmap_store_prepare (self->db, "SELECT 1 FROM sqlite_schema "
                                            "WHERE type = 'table' AND name = ?",
                                  &stmt)) != SQLITE_OK)
    return sqlite_failed (self, rc, error);

  for (guint i = 0; i < G_N_ELEMENTS (required_tables); i++)
    {
      sqlite3_bind_text (stmt, 1, required_tables[i], -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        {
          g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_CORRUPT,
                       _("“%s” is damaged: its table “%s” is missing"),
                       self->display, required_tables[i]);
          return FALSE;
        }
      if (rc != SQLITE_ROW)
        return sqlite_failed (self, rc, error);
    }
  return TRUE;
}

static OrgmapDocument *
read_document (sqlite3     *db,
               const char  *display,
               GError     **error)
{
  g_autoptr(OrgmapDocument) doc = orgmap_document_new ();
  Loader self = { db, display, doc };
  gboolean ok;
  int rc;

  self.dimension_index = g_array_new (FALSE, FALSE, sizeof (guint32));

  orgmap_document_freeze (doc);

  /* One read transaction, so that every table is read as of one moment. */
  rc = sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  ok = rc == SQLITE_OK || sqlite_failed (&self, rc, error);
  ok = ok &&
       check_tables (&self, error) &&
       read_properties (&self, error) &&
       read_units (&self, error) &&
       read_externals (&self, error) &&
       read_links (&self, error) &&
       read_rounds (&self, error) &&
       read_ratings (&self, error) &&
       read_dimension_scores (&self, error) &&
       read_positions (&self, error);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);

  g_clear_pointer (&self.units.keys, g_array_unref);
  g_clear_pointer (&self.externals.keys, g_array_unref);
  g_clear_pointer (&self.links.keys, g_array_unref);
  g_clear_pointer (&self.rounds.keys, g_array_unref);
  g_clear_pointer (&self.ratings.keys, g_array_unref);
  g_clear_pointer (&self.dimensions.keys, g_array_unref);
  g_array_unref (self.dimension_index);

  orgmap_document_thaw (doc);

  return ok ? g_steal_pointer (&doc) : NULL;
}

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

  return read_document (db, display, error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-model"

#include "config.h"

#include "orgmap-store.h"
#include "orgmap-store-private.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "orgmap-error.h"

/* Loading: reading each table of a file of the newest schema into a new
 * document, refusing what breaks the model's rules. */

/* The tables that loading reads, present since version 1. */
static const char * const required_tables[] = {
  "document", "dimensions", "units", "externals", "links", "rounds", "ratings",
  "dimension_scores",
};

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

OrgmapDocument *
orgmap_store_read_document (sqlite3     *db,
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

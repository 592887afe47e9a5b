/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-model"

#include "config.h"

#include "orgmap-document.h"

#include <math.h>
#include <stddef.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "orgmap-document-private.h"
#include "orgmap-error.h"

/* Removal and insertion at an index, of one item or of many at once.
 * Handles are array indices: an edit builds a map from the old handles to
 * the new ones in one pass, then rewrites every place that stores a handle
 * through it, one pass per array. Each edit is thus linear in the arrays
 * it touches, whatever the number of items, never quadratic. Undo depends
 * on inserting what a removal took giving back the very same arrays. Units
 * and links are removed and inserted through the functions for many, so
 * that there is one way of doing it; external clients and rounds, which
 * nothing removes in numbers, one at a time. */

static inline OrgmapLink *
link_at (OrgmapDocument *self,
         guint32         link)
{
  return &g_array_index (self->links, OrgmapLink, link);
}

static inline OrgmapRound *
round_at (OrgmapDocument *self,
          guint32         round)
{
  return &g_array_index (self->rounds, OrgmapRound, round);
}

static inline OrgmapRating *
rating_at (OrgmapDocument *self,
           guint32         rating)
{
  return &g_array_index (self->ratings, OrgmapRating, rating);
}

static inline guint32
remap (const guint32 *map,
       guint32        handle)
{
  return handle != ORGMAP_NONE ? map[handle] : ORGMAP_NONE;
}

/* Moves @handle by @delta when it is a real handle at or above @from. */
static inline void
shift_handle (guint32 *handle,
              guint32  from,
              int      delta)
{
  if (*handle != ORGMAP_NONE && *handle >= from)
    *handle += delta;
}

static void
changed (OrgmapDocument *self)
{
  _orgmap_document_emit_changed (self, ORGMAP_CHANGE_ALL, ORGMAP_NONE);
}

/* Items were taken off the ends of their arrays only: see
 * ORGMAP_CHANGE_TAIL_REMOVED. */
static void
changed_tail (OrgmapDocument *self,
              gboolean        tail)
{
  _orgmap_document_emit_changed (self, ORGMAP_CHANGE_ALL, tail ? ORGMAP_CHANGE_TAIL_REMOVED : ORGMAP_NONE);
}

/* A removed or inserted unit changes the children arrays and pre/post-order
 * numbers; link types are recomputed with them (a dirty hierarchy always
 * means dirty types, which other setters rely on). */
static void
invalidate_hierarchy (OrgmapDocument *self)
{
  self->hierarchy_dirty = TRUE;
  self->types_dirty = TRUE;
}

static void
set_id_taken_error (GError     **error,
                    const char  *id)
{
  g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
               _("The id “%s” is already used; choose another one"), id);
}

/* Shared with orgmap-document-ratings.c */

gboolean
_orgmap_handles_ascending (const guint32 *handles,
                           guint          n,
                           guint32        bound)
{
  for (guint i = 0; i < n; i++)
    if (handles[i] >= bound || (i > 0 && handles[i] <= handles[i - 1]))
      return FALSE;
  return TRUE;
}

guint32 *
_orgmap_removal_map (const guint32 *handles,
                     guint          n,
                     guint          len)
{
  guint32 *map = g_new (guint32, MAX (len, 1));
  guint k = 0;

  for (guint32 i = 0; i < len; i++)
    {
      if (k < n && handles[k] == i)
        {
          map[i] = ORGMAP_NONE;
          k++;
        }
      else
        map[i] = i - k;
    }
  return map;
}

static inline guint32
entry_handle (gconstpointer entries,
              gsize         stride,
              guint         i)
{
  return *(const guint32 *) ((const char *) entries + i * stride);
}

/* Moves the items up so that the entries' handles fall free; their slots
 * keep stale bytes until the caller fills them. @map (as long as the array
 * was) gets where each item went. The items between two entries move as
 * one block, by the number of entries below them, from the top down. */
void
_orgmap_array_spread (GArray        *array,
                      gconstpointer  entries,
                      gsize          stride,
                      guint          n,
                      guint32       *map)
{
  gsize size = g_array_get_element_size (array);
  guint32 end = array->len;

  g_array_set_size (array, array->len + n);
  for (guint k = n; k > 0; k--)
    {
      /* The items from @start up land above the entry k - 1. */
      guint32 start = entry_handle (entries, stride, k - 1) - (k - 1);

      if (end > start)
        memmove (array->data + (start + k) * size, array->data + start * size,
                 (end - start) * size);
      for (guint32 i = start; i < end; i++)
        map[i] = i + k;
      end = MIN (end, start);
    }
  for (guint32 i = 0; i < end; i++)
    map[i] = i;
}

/* Keeps the items that @map keeps, in order, moving each block that lies
 * between two removed items at once. */
void
_orgmap_array_compact (GArray        *array,
                       const guint32 *map)
{
  gsize size = g_array_get_element_size (array);
  guint len = array->len;
  guint j = 0;

  for (guint i = 0; i < len;)
    {
      guint start;

      if (map[i] == ORGMAP_NONE)
        {
          i++;
          continue;
        }
      for (start = i; i < len && map[i] != ORGMAP_NONE; i++)
        ;
      if (start != j)
        memmove (array->data + j * size, array->data + start * size, (i - start) * size);
      j += i - start;
    }
  g_array_set_size (array, j);
}

/* Id lookups hold handle + 1: rewrite them through @map, dropping the ids of
 * removed items, without hashing any id again. External clients' handles in
 * the party table are left alone. */
static void
remap_ids (GHashTable    *table,
           const guint32 *map)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      guint32 handle = GPOINTER_TO_UINT (value) - 1;
      guint32 moved;

      if (ORGMAP_IS_EXTERNAL (handle))
        continue;
      moved = map[handle];
      if (moved == ORGMAP_NONE)
        g_hash_table_iter_remove (&iter);
      else if (moved != handle)
        g_hash_table_iter_replace (&iter, GUINT_TO_POINTER (moved + 1));
    }
}

typedef struct
{
  guint32  unit;
  gpointer position;
} MovedPosition;

/* Positions are keyed by unit handle + 1: rekey them through @map, freeing
 * those of removed units. All moved entries are taken out before any goes
 * back, so that no key overwrites another. */
static void
remap_positions (OrgmapDocument *self,
                 const guint32  *map)
{
  g_autoptr(GArray) moved = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (self->positions) == 0)
    return;

  moved = g_array_new (FALSE, FALSE, sizeof (MovedPosition));
  g_hash_table_iter_init (&iter, self->positions);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint32 unit = GPOINTER_TO_UINT (key) - 1;

      if (map[unit] != unit)
        {
          MovedPosition entry = { map[unit], value };

          g_hash_table_iter_steal (&iter);
          if (entry.unit == ORGMAP_NONE)
            g_free (value);
          else
            g_array_append_val (moved, entry);
        }
    }

  for (guint i = 0; i < moved->len; i++)
    {
      const MovedPosition *entry = &g_array_index (moved, MovedPosition, i);

      g_hash_table_insert (self->positions, GUINT_TO_POINTER (entry->unit + 1), entry->position);
    }
}

/* Interned ids for @n new items (the id of item i at @id_offset in the
 * entry of @stride bytes): their own, refused when another item has it or
 * when given twice, or generated ones. NULL when refused. */
static const char **
claim_ids (OrgmapDocument  *self,
           GHashTable      *table,
           gconstpointer    entries,
           gsize            stride,
           gsize            id_offset,
           guint            n,
           const char      *prefix,
           GError         **error)
{
  g_autofree const char **ids = g_new0 (const char *, n);
  g_autoptr(GHashTable) batch = NULL;

  if (n > 1)
    batch = g_hash_table_new (g_str_hash, g_str_equal);

  /* The ids given first, so that a generated one never takes one of them. */
  for (guint i = 0; i < n; i++)
    {
      const char *id = *(const char * const *) ((const char *) entries + i * stride + id_offset);

      if (id == NULL)
        continue;
      if (_orgmap_document_lookup_id (table, id) != ORGMAP_NONE ||
          (batch != NULL && !g_hash_table_add (batch, (gpointer) id)))
        {
          set_id_taken_error (error, id);
          return NULL;
        }
    }

  for (guint i = 0; i < n; i++)
    {
      const char *id = *(const char * const *) ((const char *) entries + i * stride + id_offset);

      /* A given id was checked above: no need to look it up again. */
      if (id != NULL)
        ids[i] = g_string_chunk_insert (self->strings, id);
      else
        do
          ids[i] = _orgmap_document_claim_id (self, table, NULL, prefix);
        while (batch != NULL && g_hash_table_contains (batch, ids[i]));
    }
  return g_steal_pointer (&ids);
}

/* Units */

/* TRUE when the parents given to new units make a cycle among them. Units
 * already there cannot be part of one: none of them has a new parent. */
static gboolean
new_units_cycle (const OrgmapUnitEntry *entries,
                 guint                  n,
                 guint                  new_len)
{
  g_autofree guint32 *entry_of = g_new (guint32, new_len);
  g_autofree guint8 *state = g_new0 (guint8, n);  /* 1: on the path walked, 2: done */

  memset (entry_of, 0xff, new_len * sizeof (guint32));
  for (guint i = 0; i < n; i++)
    entry_of[entries[i].handle] = i;

  for (guint i = 0; i < n; i++)
    {
      guint32 e = i;

      while (e != ORGMAP_NONE && state[e] == 0)
        {
          state[e] = 1;
          e = entries[e].parent != ORGMAP_NONE ? entry_of[entries[e].parent] : ORGMAP_NONE;
        }
      if (e != ORGMAP_NONE && state[e] == 1)
        return TRUE;
      for (e = i; e != ORGMAP_NONE && state[e] == 1;
           e = entries[e].parent != ORGMAP_NONE ? entry_of[entries[e].parent] : ORGMAP_NONE)
        state[e] = 2;
    }
  return FALSE;
}

gboolean
orgmap_document_remove_units (OrgmapDocument  *self,
                              const guint32   *units,
                              guint            n_units,
                              GArray          *removed,
                              GError         **error)
{
  g_autofree guint32 *map = NULL;
  gboolean tail;
  guint len;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (units != NULL || n_units == 0, FALSE);
  g_return_val_if_fail (_orgmap_handles_ascending (units, n_units, self->units->len), FALSE);
  g_return_val_if_fail (removed == NULL ||
                        g_array_get_element_size (removed) == sizeof (OrgmapUnitEntry), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_units == 0)
    return TRUE;

  len = self->units->len;
  map = _orgmap_removal_map (units, n_units, len);

  /* Nothing that stays may refer to a removed unit. */
  for (guint32 i = 0; i < len; i++)
    {
      guint32 parent = unit_at (self, i)->parent;

      if (map[i] != ORGMAP_NONE && parent != ORGMAP_NONE && map[parent] == ORGMAP_NONE)
        {
          g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
                       /* Translators: both are unit ids */
                       _("The unit “%s” cannot be removed while the unit “%s” is under it"),
                       unit_at (self, parent)->id, unit_at (self, i)->id);
          return FALSE;
        }
    }
  for (guint i = 0; i < self->links->len; i++)
    {
      const OrgmapLink *link = link_at (self, i);
      guint32 unit = ORGMAP_NONE;

      if (map[link->provider] == ORGMAP_NONE)
        unit = link->provider;
      else if (!ORGMAP_IS_EXTERNAL (link->client) && map[link->client] == ORGMAP_NONE)
        unit = link->client;
      if (unit != ORGMAP_NONE)
        {
          g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
                       /* Translators: a unit id, then a link id */
                       _("The unit “%s” cannot be removed while the link “%s” connects it"),
                       unit_at (self, unit)->id, link->id);
          return FALSE;
        }
    }

  if (removed != NULL)
    g_array_set_size (removed, removed->len + n_units);
  for (guint k = 0; removed != NULL && k < n_units; k++)
    {
      const OrgmapUnit *u = unit_at (self, units[k]);
      OrgmapUnitEntry *e = &g_array_index (removed, OrgmapUnitEntry, removed->len - n_units + k);

      *e = (OrgmapUnitEntry) {
        units[k], u->id, u->name, u->head, u->area, u->notes, u->parent, u->level, u->headcount,
      };
      e->placed = orgmap_document_get_unit_position (self, units[k], &e->x, &e->y);
    }

  tail = units[0] == len - n_units;
  if (tail)
    {
      /* The last units: no other handle moves. */
      for (guint k = 0; k < n_units; k++)
        {
          g_hash_table_remove (self->party_ids, unit_at (self, units[k])->id);
          g_hash_table_remove (self->positions, GUINT_TO_POINTER (units[k] + 1));
        }
      g_array_set_size (self->units, len - n_units);
    }
  else
    {
      remap_ids (self->party_ids, map);
      remap_positions (self, map);
      _orgmap_array_compact (self->units, map);
      for (guint i = 0; i < self->units->len; i++)
        {
          OrgmapUnit *u = unit_at (self, i);

          u->parent = remap (map, u->parent);
        }
      for (guint i = 0; i < self->links->len; i++)
        {
          OrgmapLink *link = link_at (self, i);

          link->provider = map[link->provider];
          if (!ORGMAP_IS_EXTERNAL (link->client))
            link->client = map[link->client];
        }
    }

  invalidate_hierarchy (self);
  changed_tail (self, tail);
  return TRUE;
}

gboolean
orgmap_document_insert_units (OrgmapDocument         *self,
                              const OrgmapUnitEntry  *entries,
                              guint                   n_entries,
                              GError                **error)
{
  g_autofree const char **ids = NULL;
  g_autofree guint32 *map = NULL;
  guint old_len, new_len;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (entries != NULL || n_entries == 0, FALSE);
  g_return_val_if_fail ((guint64) self->units->len + n_entries < ORGMAP_EXTERNAL_BIT - 1, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_entries == 0)
    return TRUE;

  old_len = self->units->len;
  new_len = old_len + n_entries;
  for (guint k = 0; k < n_entries; k++)
    {
      const OrgmapUnitEntry *e = &entries[k];

      g_return_val_if_fail (e->handle < new_len && (k == 0 || e->handle > entries[k - 1].handle),
                            FALSE);
      g_return_val_if_fail (e->parent == ORGMAP_NONE ||
                            (e->parent < new_len && e->parent != e->handle), FALSE);
      g_return_val_if_fail (!e->placed || (isfinite (e->x) && isfinite (e->y)), FALSE);
    }
  g_return_val_if_fail (!new_units_cycle (entries, n_entries, new_len), FALSE);

  ids = claim_ids (self, self->party_ids, entries, sizeof *entries, offsetof (OrgmapUnitEntry, id),
                   n_entries, "u", error);
  if (ids == NULL)
    return FALSE;

  if (entries[0].handle == old_len)
    {
      /* After the last unit: no handle moves. */
      g_array_set_size (self->units, new_len);
    }
  else
    {
      map = g_new (guint32, old_len);
      _orgmap_array_spread (self->units, entries, sizeof *entries, n_entries, map);
      for (guint32 i = 0; i < old_len; i++)
        {
          OrgmapUnit *u = unit_at (self, map[i]);

          u->parent = remap (map, u->parent);
        }
      for (guint i = 0; i < self->links->len; i++)
        {
          OrgmapLink *link = link_at (self, i);

          link->provider = map[link->provider];
          if (!ORGMAP_IS_EXTERNAL (link->client))
            link->client = map[link->client];
        }
      remap_ids (self->party_ids, map);
      remap_positions (self, map);
    }

  for (guint k = 0; k < n_entries; k++)
    {
      const OrgmapUnitEntry *e = &entries[k];
      OrgmapUnit *u = unit_at (self, e->handle);

      memset (u, 0, sizeof *u);
      u->id = ids[k];
      u->name = _orgmap_document_intern (self, e->name != NULL ? e->name : "");
      u->head = _orgmap_document_intern_optional (self, e->head);
      u->area = _orgmap_document_intern_optional (self, e->area);
      u->notes = _orgmap_document_intern_optional (self, e->notes);
      u->parent = e->parent;
      u->level = MAX (e->level, 0);
      u->headcount = MAX (e->headcount, -1);
      _orgmap_document_insert_id (self->party_ids, u->id, e->handle);
    }

  invalidate_hierarchy (self);
  if (n_entries == 1 && entries[0].handle == old_len && !entries[0].placed)
    {
      _orgmap_document_emit_changed (self, ORGMAP_CHANGE_HIERARCHY, old_len);
      return TRUE;
    }

  /* Frozen, the positions set make no change of their own. */
  orgmap_document_freeze (self);
  for (guint k = 0; k < n_entries; k++)
    if (entries[k].placed)
      orgmap_document_set_unit_position (self, entries[k].handle, entries[k].x, entries[k].y);
  changed (self);
  orgmap_document_thaw (self);
  return TRUE;
}

gboolean
orgmap_document_remove_unit (OrgmapDocument  *self,
                             guint32          unit,
                             GError         **error)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (unit < self->units->len, FALSE);

  return orgmap_document_remove_units (self, &unit, 1, NULL, error);
}

gboolean
orgmap_document_insert_unit (OrgmapDocument  *self,
                             guint32          index,
                             const char      *id,
                             const char      *name,
                             guint32          parent,
                             GError         **error)
{
  OrgmapUnitEntry entry = { index, id, name, NULL, NULL, NULL, parent, 0, -1, FALSE, 0, 0 };

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (index <= self->units->len, FALSE);

  return orgmap_document_insert_units (self, &entry, 1, error);
}

/* External clients */

/* Id lookups hold handle + 1: rewrite them for the items from @from up. */
static void
reindex_external_ids (OrgmapDocument *self,
                      guint32         from)
{
  for (guint32 i = from; i < self->externals->len; i++)
    _orgmap_document_insert_id (self->party_ids, external_at (self, i)->id,
                                ORGMAP_EXTERNAL_HANDLE (i));
}

gboolean
orgmap_document_remove_external (OrgmapDocument  *self,
                                 guint32          external,
                                 GError         **error)
{
  guint32 handle = ORGMAP_EXTERNAL_HANDLE (external);
  gboolean tail;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (external < self->externals->len, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < self->links->len; i++)
    {
      if (link_at (self, i)->client == handle)
        {
          g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
                       /* Translators: an external client's id, then a link id */
                       _("The external client “%s” cannot be removed while the link “%s” serves it"),
                       external_at (self, external)->id, link_at (self, i)->id);
          return FALSE;
        }
    }

  g_hash_table_remove (self->party_ids, external_at (self, external)->id);
  tail = external == self->externals->len - 1;
  g_array_remove_index (self->externals, external);

  /* Client handles carry the external bit above the index: shifting the
   * whole handle moves the index. */
  for (guint i = 0; i < self->links->len; i++)
    {
      OrgmapLink *link = link_at (self, i);

      if (ORGMAP_IS_EXTERNAL (link->client) && link->client > handle)
        link->client--;
    }
  reindex_external_ids (self, external);

  changed_tail (self, tail);
  return TRUE;
}

gboolean
orgmap_document_insert_external (OrgmapDocument  *self,
                                 guint32          index,
                                 const char      *id,
                                 const char      *name,
                                 GError         **error)
{
  OrgmapExternal external = { 0 };
  guint32 handle = ORGMAP_EXTERNAL_HANDLE (index);

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (index <= self->externals->len, FALSE);
  g_return_val_if_fail (self->externals->len < ORGMAP_EXTERNAL_BIT - 1, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  external.id = _orgmap_document_claim_id (self, self->party_ids, id, "x");
  if (external.id == NULL)
    {
      set_id_taken_error (error, id);
      return FALSE;
    }
  external.name = _orgmap_document_intern (self, name != NULL ? name : "");

  for (guint i = 0; i < self->links->len; i++)
    {
      OrgmapLink *link = link_at (self, i);

      if (ORGMAP_IS_EXTERNAL (link->client) && link->client >= handle)
        link->client++;
    }
  g_array_insert_val (self->externals, index, external);
  reindex_external_ids (self, index);

  if (index == self->externals->len - 1)
    _orgmap_document_emit_changed (self, ORGMAP_CHANGE_EXTERNAL, index);
  else
    changed (self);
  return TRUE;
}

/* Links */

gboolean
orgmap_document_remove_links (OrgmapDocument  *self,
                              const guint32   *links,
                              guint            n_links,
                              GArray          *removed,
                              GError         **error)
{
  g_autofree guint32 *map = NULL;
  gboolean tail;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (links != NULL || n_links == 0, FALSE);
  g_return_val_if_fail (_orgmap_handles_ascending (links, n_links, self->links->len), FALSE);
  g_return_val_if_fail (removed == NULL ||
                        g_array_get_element_size (removed) == sizeof (OrgmapLinkEntry), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_links == 0)
    return TRUE;

  for (guint k = 0; k < n_links; k++)
    {
      const OrgmapLink *l = link_at (self, links[k]);

      if (l->first_rating != ORGMAP_NONE)
        {
          g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
                       /* Translators: a link id, then a round id */
                       _("The link “%s” cannot be removed while it has a rating in the round “%s”"),
                       l->id, round_at (self, rating_at (self, l->first_rating)->round)->id);
          return FALSE;
        }
    }

  if (removed != NULL)
    g_array_set_size (removed, removed->len + n_links);
  for (guint k = 0; removed != NULL && k < n_links; k++)
    {
      const OrgmapLink *l = link_at (self, links[k]);

      g_array_index (removed, OrgmapLinkEntry, removed->len - n_links + k) = (OrgmapLinkEntry) {
        links[k], l->id, l->service, l->notes, l->provider, l->client, l->type_override,
      };
    }

  tail = links[0] == self->links->len - n_links;
  if (tail)
    {
      /* The last links: no other handle moves. */
      for (guint k = 0; k < n_links; k++)
        g_hash_table_remove (self->link_ids, link_at (self, links[k])->id);
      if (!self->types_dirty)
        g_array_set_size (self->computed, links[0]);
      g_array_set_size (self->links, links[0]);
    }
  else
    {
      map = _orgmap_removal_map (links, n_links, self->links->len);
      remap_ids (self->link_ids, map);
      /* Other links keep their type: keep the computed ones in step. */
      if (!self->types_dirty)
        _orgmap_array_compact (self->computed, map);
      _orgmap_array_compact (self->links, map);
      /* No rating names a removed link, yet those of the links above follow them. */
      for (guint i = 0; i < self->ratings->len; i++)
        {
          OrgmapRating *rating = rating_at (self, i);

          rating->link = map[rating->link];
        }
    }

  changed_tail (self, tail);
  return TRUE;
}

gboolean
orgmap_document_insert_links (OrgmapDocument         *self,
                              const OrgmapLinkEntry  *entries,
                              guint                   n_entries,
                              GError                **error)
{
  g_autofree const char **ids = NULL;
  g_autofree guint32 *map = NULL;
  guint old_len, new_len;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (entries != NULL || n_entries == 0, FALSE);
  g_return_val_if_fail ((guint64) self->links->len + n_entries < ORGMAP_NONE - 1, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_entries == 0)
    return TRUE;

  old_len = self->links->len;
  new_len = old_len + n_entries;
  for (guint k = 0; k < n_entries; k++)
    {
      const OrgmapLinkEntry *e = &entries[k];

      g_return_val_if_fail (e->handle < new_len && (k == 0 || e->handle > entries[k - 1].handle),
                            FALSE);
      g_return_val_if_fail (e->provider < self->units->len, FALSE);
      g_return_val_if_fail (_orgmap_document_party_valid (self, e->client), FALSE);
      g_return_val_if_fail (e->provider != e->client, FALSE);
      g_return_val_if_fail (e->type_override < ORGMAP_N_LINK_TYPES ||
                            e->type_override == ORGMAP_LINK_AUTOMATIC, FALSE);
    }

  ids = claim_ids (self, self->link_ids, entries, sizeof *entries, offsetof (OrgmapLinkEntry, id),
                   n_entries, "l", error);
  if (ids == NULL)
    return FALSE;

  if (entries[0].handle == old_len)
    {
      /* After the last link: no handle moves. */
      if (!self->types_dirty)
        g_array_set_size (self->computed, new_len);
      g_array_set_size (self->links, new_len);
    }
  else
    {
      map = g_new (guint32, old_len);
      if (!self->types_dirty)
        _orgmap_array_spread (self->computed, entries, sizeof *entries, n_entries, map);
      _orgmap_array_spread (self->links, entries, sizeof *entries, n_entries, map);
      for (guint i = 0; i < self->ratings->len; i++)
        {
          OrgmapRating *rating = rating_at (self, i);

          rating->link = map[rating->link];
        }
      remap_ids (self->link_ids, map);
    }

  for (guint k = 0; k < n_entries; k++)
    {
      const OrgmapLinkEntry *e = &entries[k];
      OrgmapLink *link = link_at (self, e->handle);

      memset (link, 0, sizeof *link);
      link->id = ids[k];
      link->service = _orgmap_document_intern_optional (self, e->service);
      link->notes = _orgmap_document_intern_optional (self, e->notes);
      link->provider = e->provider;
      link->client = e->client;
      link->first_rating = ORGMAP_NONE;
      link->type_override = e->type_override;
      _orgmap_document_insert_id (self->link_ids, link->id, e->handle);
      if (!self->types_dirty)
        g_array_index (self->computed, guint8, e->handle) =
          orgmap_document_classify (self, e->provider, e->client);
    }

  if (n_entries == 1 && entries[0].handle == old_len)
    _orgmap_document_emit_changed (self, ORGMAP_CHANGE_LINK, old_len);
  else
    changed (self);
  return TRUE;
}

gboolean
orgmap_document_remove_link (OrgmapDocument  *self,
                             guint32          link,
                             GError         **error)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (link < self->links->len, FALSE);

  return orgmap_document_remove_links (self, &link, 1, NULL, error);
}

gboolean
orgmap_document_insert_link (OrgmapDocument  *self,
                             guint32          index,
                             const char      *id,
                             guint32          provider,
                             guint32          client,
                             const char      *service,
                             GError         **error)
{
  OrgmapLinkEntry entry = { index, id, service, NULL, provider, client, ORGMAP_LINK_AUTOMATIC };

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (index <= self->links->len, FALSE);

  return orgmap_document_insert_links (self, &entry, 1, error);
}

/* Rounds */

static void
reindex_round_ids (OrgmapDocument *self,
                   guint32         from)
{
  for (guint32 i = from; i < self->rounds->len; i++)
    _orgmap_document_insert_id (self->round_ids, round_at (self, i)->id, i);
}

gboolean
orgmap_document_remove_round (OrgmapDocument  *self,
                              guint32          round,
                              GError         **error)
{
  gboolean tail;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (round < self->rounds->len, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < self->ratings->len; i++)
    {
      const OrgmapRating *rating = rating_at (self, i);

      if (rating->round == round)
        {
          g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
                       /* Translators: a round id, then a link id */
                       _("The round “%s” cannot be removed while the link “%s” is rated in it"),
                       round_at (self, round)->id, link_at (self, rating->link)->id);
          return FALSE;
        }
    }

  tail = round == self->rounds->len - 1;
  g_hash_table_remove (self->round_ids, round_at (self, round)->id);
  g_array_remove_index (self->rounds, round);

  for (guint i = 0; i < self->ratings->len; i++)
    shift_handle (&rating_at (self, i)->round, round + 1, -1);
  reindex_round_ids (self, round);

  changed_tail (self, tail);
  return TRUE;
}

gboolean
orgmap_document_insert_round (OrgmapDocument  *self,
                              guint32          index,
                              const char      *id,
                              const char      *name,
                              const char      *date,
                              GError         **error)
{
  OrgmapRound round = { 0 };

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (index <= self->rounds->len, FALSE);
  g_return_val_if_fail (self->rounds->len < ORGMAP_NONE - 1, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  round.id = _orgmap_document_claim_id (self, self->round_ids, id, "r");
  if (round.id == NULL)
    {
      set_id_taken_error (error, id);
      return FALSE;
    }
  round.name = _orgmap_document_intern (self, name != NULL ? name : "");
  round.date = _orgmap_document_intern_optional (self, date);

  for (guint i = 0; i < self->ratings->len; i++)
    shift_handle (&rating_at (self, i)->round, index, +1);
  g_array_insert_val (self->rounds, index, round);
  reindex_round_ids (self, index);

  if (index == self->rounds->len - 1)
    _orgmap_document_emit_changed (self, ORGMAP_CHANGE_ROUND, index);
  else
    changed (self);
  return TRUE;
}

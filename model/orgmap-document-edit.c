/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-model"

#include "config.h"

#include "orgmap-document.h"

#include <glib/gi18n-lib.h>

#include "orgmap-document-private.h"
#include "orgmap-error.h"

/* Removal and insertion at an index. Handles are array indices, so every
 * place that stores one is shifted in a single pass over its array: each
 * operation is linear in the arrays it touches, never quadratic. Undo
 * depends on insert (index, …) after remove (index) giving back the very
 * same arrays. */

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

/* Id lookups hold handle + 1: rewrite them for the items from @from up. */
static void
reindex_unit_ids (OrgmapDocument *self,
                  guint32         from)
{
  for (guint32 i = from; i < self->units->len; i++)
    _orgmap_document_insert_id (self->party_ids, unit_at (self, i)->id, i);
}

static void
reindex_external_ids (OrgmapDocument *self,
                      guint32         from)
{
  for (guint32 i = from; i < self->externals->len; i++)
    _orgmap_document_insert_id (self->party_ids, external_at (self, i)->id,
                                ORGMAP_EXTERNAL_HANDLE (i));
}

static void
reindex_link_ids (OrgmapDocument *self,
                  guint32         from)
{
  for (guint32 i = from; i < self->links->len; i++)
    _orgmap_document_insert_id (self->link_ids, link_at (self, i)->id, i);
}

static void
reindex_round_ids (OrgmapDocument *self,
                   guint32         from)
{
  for (guint32 i = from; i < self->rounds->len; i++)
    _orgmap_document_insert_id (self->round_ids, round_at (self, i)->id, i);
}

typedef struct
{
  guint32  unit;
  gpointer position;
} MovedPosition;

/* Positions are keyed by unit handle + 1: move the keys of units at or
 * above @from by @delta. All moved entries are taken out before any goes
 * back, so that no key overwrites another. */
static void
shift_positions (OrgmapDocument *self,
                 guint32         from,
                 int             delta)
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

      if (unit >= from)
        {
          MovedPosition entry = { unit, value };

          g_array_append_val (moved, entry);
          g_hash_table_iter_steal (&iter);
        }
    }

  for (guint i = 0; i < moved->len; i++)
    {
      const MovedPosition *entry = &g_array_index (moved, MovedPosition, i);

      g_hash_table_insert (self->positions, GUINT_TO_POINTER (entry->unit + delta + 1),
                           entry->position);
    }
}

/* Unit handles stored in parents and in links, moved for units at or above @from. */
static void
shift_unit_handles (OrgmapDocument *self,
                    guint32         from,
                    int             delta)
{
  for (guint i = 0; i < self->units->len; i++)
    shift_handle (&unit_at (self, i)->parent, from, delta);

  for (guint i = 0; i < self->links->len; i++)
    {
      OrgmapLink *link = link_at (self, i);

      shift_handle (&link->provider, from, delta);
      if (!ORGMAP_IS_EXTERNAL (link->client))
        shift_handle (&link->client, from, delta);
    }
}

/* Units */

gboolean
orgmap_document_remove_unit (OrgmapDocument  *self,
                             guint32          unit,
                             GError         **error)
{
  const OrgmapUnit *u;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (unit < self->units->len, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  u = unit_at (self, unit);

  for (guint i = 0; i < self->units->len; i++)
    {
      if (unit_at (self, i)->parent == unit)
        {
          g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
                       /* Translators: both are unit ids */
                       _("The unit “%s” cannot be removed while the unit “%s” is under it"),
                       u->id, unit_at (self, i)->id);
          return FALSE;
        }
    }

  for (guint i = 0; i < self->links->len; i++)
    {
      const OrgmapLink *link = link_at (self, i);

      if (link->provider == unit || link->client == unit)
        {
          g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
                       /* Translators: a unit id, then a link id */
                       _("The unit “%s” cannot be removed while the link “%s” connects it"),
                       u->id, link->id);
          return FALSE;
        }
    }

  g_hash_table_remove (self->party_ids, u->id);
  g_hash_table_remove (self->positions, GUINT_TO_POINTER (unit + 1));
  g_array_remove_index (self->units, unit);

  shift_unit_handles (self, unit + 1, -1);
  shift_positions (self, unit + 1, -1);
  reindex_unit_ids (self, unit);

  invalidate_hierarchy (self);
  changed (self);
  return TRUE;
}

gboolean
orgmap_document_insert_unit (OrgmapDocument  *self,
                             guint32          index,
                             const char      *id,
                             const char      *name,
                             guint32          parent,
                             GError         **error)
{
  OrgmapUnit unit = { 0 };

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (index <= self->units->len, FALSE);
  /* The new unit is a leaf: nothing refers to its handle yet, so only a
   * parent other than itself keeps the tree free of cycles. */
  g_return_val_if_fail (parent == ORGMAP_NONE || (parent <= self->units->len && parent != index),
                        FALSE);
  g_return_val_if_fail (self->units->len < ORGMAP_EXTERNAL_BIT - 1, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  unit.id = _orgmap_document_claim_id (self, self->party_ids, id, "u");
  if (unit.id == NULL)
    {
      set_id_taken_error (error, id);
      return FALSE;
    }
  unit.name = _orgmap_document_intern (self, name != NULL ? name : "");
  unit.parent = parent;
  unit.headcount = -1;

  shift_unit_handles (self, index, +1);
  shift_positions (self, index, +1);
  g_array_insert_val (self->units, index, unit);
  reindex_unit_ids (self, index);

  invalidate_hierarchy (self);
  changed (self);
  return TRUE;
}

/* External clients */

gboolean
orgmap_document_remove_external (OrgmapDocument  *self,
                                 guint32          external,
                                 GError         **error)
{
  guint32 handle = ORGMAP_EXTERNAL_HANDLE (external);

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

  changed (self);
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

  changed (self);
  return TRUE;
}

/* Links */

gboolean
orgmap_document_remove_link (OrgmapDocument  *self,
                             guint32          link,
                             GError         **error)
{
  const OrgmapLink *l;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (link < self->links->len, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  l = link_at (self, link);
  if (l->first_rating != ORGMAP_NONE)
    {
      g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
                   /* Translators: a link id, then a round id */
                   _("The link “%s” cannot be removed while it has a rating in the round “%s”"),
                   l->id, round_at (self, rating_at (self, l->first_rating)->round)->id);
      return FALSE;
    }

  g_hash_table_remove (self->link_ids, l->id);
  g_array_remove_index (self->links, link);

  /* A link without ratings is named by no rating, yet ratings of the links
   * above it must follow them down. */
  for (guint i = 0; i < self->ratings->len; i++)
    shift_handle (&rating_at (self, i)->link, link + 1, -1);
  reindex_link_ids (self, link);

  /* Other links keep their type: keep the computed ones in step. */
  if (!self->types_dirty)
    g_array_remove_index (self->computed, link);

  changed (self);
  return TRUE;
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
  OrgmapLink link = { 0 };

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (index <= self->links->len, FALSE);
  g_return_val_if_fail (provider < self->units->len, FALSE);
  g_return_val_if_fail (_orgmap_document_party_valid (self, client), FALSE);
  g_return_val_if_fail (provider != client, FALSE);
  g_return_val_if_fail (self->links->len < ORGMAP_NONE - 1, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  link.id = _orgmap_document_claim_id (self, self->link_ids, id, "l");
  if (link.id == NULL)
    {
      set_id_taken_error (error, id);
      return FALSE;
    }
  link.service = _orgmap_document_intern_optional (self, service);
  link.provider = provider;
  link.client = client;
  link.first_rating = ORGMAP_NONE;
  link.type_override = ORGMAP_LINK_AUTOMATIC;

  for (guint i = 0; i < self->ratings->len; i++)
    shift_handle (&rating_at (self, i)->link, index, +1);
  g_array_insert_val (self->links, index, link);
  reindex_link_ids (self, index);

  if (!self->types_dirty)
    {
      guint8 type = orgmap_document_classify (self, provider, client);

      g_array_insert_val (self->computed, index, type);
    }

  changed (self);
  return TRUE;
}

/* Rounds */

gboolean
orgmap_document_remove_round (OrgmapDocument  *self,
                              guint32          round,
                              GError         **error)
{
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

  g_hash_table_remove (self->round_ids, round_at (self, round)->id);
  g_array_remove_index (self->rounds, round);

  for (guint i = 0; i < self->ratings->len; i++)
    shift_handle (&rating_at (self, i)->round, round + 1, -1);
  reindex_round_ids (self, round);

  changed (self);
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

  changed (self);
  return TRUE;
}

/* Ratings */

/* Takes @rating out of its link's chain. */
static void
unlink_rating (OrgmapDocument *self,
               guint32         rating)
{
  guint32 *slot = &link_at (self, rating_at (self, rating)->link)->first_rating;

  while (*slot != rating)
    {
      g_assert (*slot != ORGMAP_NONE);
      slot = &rating_at (self, *slot)->next;
    }
  *slot = rating_at (self, rating)->next;
  rating_at (self, rating)->next = ORGMAP_NONE;
}

/* Puts @rating, which is in no chain, at @position in its link's chain. */
static void
link_rating (OrgmapDocument *self,
             guint32         rating,
             guint           position)
{
  guint32 *slot = &link_at (self, rating_at (self, rating)->link)->first_rating;

  for (guint i = 0; i < position && *slot != ORGMAP_NONE; i++)
    slot = &rating_at (self, *slot)->next;
  rating_at (self, rating)->next = *slot;
  *slot = rating;
}

void
orgmap_document_remove_rating (OrgmapDocument *self,
                               guint32         link,
                               guint32         round)
{
  OrgmapRating *removed;
  guint32 handle;

  g_return_if_fail (ORGMAP_IS_DOCUMENT (self));
  g_return_if_fail (link < self->links->len);
  g_return_if_fail (round < self->rounds->len);

  handle = orgmap_document_find_rating (self, link, round);
  if (handle == ORGMAP_NONE)
    return;

  unlink_rating (self, handle);

  /* Its dimension scores are one contiguous block: close the gap, and move
   * down the blocks of ratings stored above it. */
  removed = rating_at (self, handle);
  if (removed->n_dimension_scores > 0)
    {
      guint32 first = removed->first_dimension_score;
      guint n = removed->n_dimension_scores;

      g_array_remove_range (self->dim_scores, first, n);
      for (guint i = 0; i < self->ratings->len; i++)
        {
          OrgmapRating *r = rating_at (self, i);

          if (r->n_dimension_scores > 0 && r->first_dimension_score > first)
            r->first_dimension_score -= n;
        }
    }

  g_array_remove_index (self->ratings, handle);
  for (guint i = 0; i < self->ratings->len; i++)
    shift_handle (&rating_at (self, i)->next, handle + 1, -1);
  for (guint i = 0; i < self->links->len; i++)
    shift_handle (&link_at (self, i)->first_rating, handle + 1, -1);

  changed (self);
}

guint32
orgmap_document_set_rating_at (OrgmapDocument  *self,
                               guint32          link,
                               guint32          round,
                               guint            position,
                               double           score,
                               gint32           respondents,
                               const char      *comment,
                               GError         **error)
{
  OrgmapRating *rating;
  guint32 handle;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), ORGMAP_NONE);
  g_return_val_if_fail (link < self->links->len, ORGMAP_NONE);
  g_return_val_if_fail (round < self->rounds->len, ORGMAP_NONE);
  g_return_val_if_fail (error == NULL || *error == NULL, ORGMAP_NONE);

  if (!orgmap_document_score_in_scale (self, score))
    {
      g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
                   _("The score %g is outside the scale %g–%g"),
                   score, orgmap_document_get_scale_min (self),
                   orgmap_document_get_scale_max (self));
      return ORGMAP_NONE;
    }

  handle = orgmap_document_find_rating (self, link, round);
  if (handle == ORGMAP_NONE)
    {
      OrgmapRating fresh = { 0 };

      g_return_val_if_fail (self->ratings->len < ORGMAP_NONE - 1, ORGMAP_NONE);

      fresh.link = link;
      fresh.round = round;
      fresh.next = ORGMAP_NONE;
      fresh.first_dimension_score = ORGMAP_NONE;
      handle = self->ratings->len;
      g_array_append_val (self->ratings, fresh);
    }
  else
    unlink_rating (self, handle);

  link_rating (self, handle, position);

  rating = rating_at (self, handle);
  rating->score = score;
  rating->respondents = MAX (respondents, -1);
  rating->comment = _orgmap_document_intern_optional (self, comment);

  _orgmap_document_emit_changed (self, ORGMAP_CHANGE_RATING, handle);
  return handle;
}

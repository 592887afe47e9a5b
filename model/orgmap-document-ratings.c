/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-model"

#include "config.h"

#include "orgmap-document.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "orgmap-document-private.h"
#include "orgmap-error.h"

/* Ratings put at a place in their link's chain, and removed and inserted at
 * an index, one or many at once, as orgmap-document-edit.c does for the
 * other items. A round holds about one rating per link: removing it, and
 * putting it back, must not cost a pass over the ratings per rating. */

static inline OrgmapLink *
link_at (OrgmapDocument *self,
         guint32         link)
{
  return &g_array_index (self->links, OrgmapLink, link);
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

/* The rating of @link in @round, or ORGMAP_NONE. */
static guint32
find_rating (OrgmapDocument *self,
             guint32         link,
             guint32         round)
{
  guint32 r;

  for (r = link_at (self, link)->first_rating; r != ORGMAP_NONE; r = rating_at (self, r)->next)
    if (rating_at (self, r)->round == round)
      return r;
  return ORGMAP_NONE;
}

/* Where @rating is in its link's chain, 0 being the first. */
static guint32
chain_position (OrgmapDocument *self,
                guint32         rating)
{
  guint32 position = 0;

  for (guint32 r = link_at (self, rating_at (self, rating)->link)->first_rating; r != rating;
       r = rating_at (self, r)->next)
    position++;
  return position;
}

/* A new rating at the end of the array, in no chain yet. */
static guint32
append_rating (OrgmapDocument *self,
               guint32         link,
               guint32         round)
{
  OrgmapRating fresh = { 0 };

  fresh.link = link;
  fresh.round = round;
  fresh.next = ORGMAP_NONE;
  fresh.first_dimension_score = ORGMAP_NONE;
  g_array_append_val (self->ratings, fresh);
  return self->ratings->len - 1;
}

static const char *
party_name (OrgmapDocument *self,
            guint32         party)
{
  return orgmap_document_get_party_name (self, party);
}

/* The scores of @entry, its own and its dimensions', are on the scale. */
static gboolean
check_scores (OrgmapDocument              *self,
              const OrgmapRatingEntry     *entry,
              const OrgmapDimensionScore  *scores,
              GError                     **error)
{
  const OrgmapLink *link = link_at (self, entry->link);

  if (!orgmap_document_score_in_scale (self, entry->score))
    {
      g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
                   /* Translators: a score, two names of units or external clients, then the scale */
                   _("The score %g for the link from “%s” to “%s” is outside the scale %g–%g"),
                   entry->score, party_name (self, link->provider), party_name (self, link->client),
                   self->scale_min, self->scale_max);
      return FALSE;
    }

  for (guint i = 0; i < entry->n_dimension_scores; i++)
    {
      const OrgmapDimensionScore *ds = &scores[entry->first_dimension_score + i];

      if (!orgmap_document_score_in_scale (self, ds->score))
        {
          g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
                       /* Translators: a dimension of quality (such as “Reliability”), a
                        * score, two names of units or external clients, then the scale */
                       _("The %s score %g for the link from “%s” to “%s” is outside the scale %g–%g"),
                       orgmap_dimension_label (g_ptr_array_index (self->dimensions, ds->dimension)),
                       ds->score, party_name (self, link->provider),
                       party_name (self, link->client), self->scale_min, self->scale_max);
          return FALSE;
        }
    }
  return TRUE;
}

/* Programming errors in an entry, as opposed to what a person may get wrong. */
static gboolean
entry_valid (OrgmapDocument              *self,
             const OrgmapRatingEntry     *entry,
             const OrgmapDimensionScore  *scores,
             guint                        n_scores)
{
  if (entry->link >= self->links->len || entry->round >= self->rounds->len)
    return FALSE;
  if (entry->n_dimension_scores == 0)
    return TRUE;
  if (scores == NULL || entry->n_dimension_scores > G_MAXUINT16 ||
      (guint64) entry->first_dimension_score + entry->n_dimension_scores > n_scores)
    return FALSE;
  for (guint i = 0; i < entry->n_dimension_scores; i++)
    {
      guint32 dimension = scores[entry->first_dimension_score + i].dimension;

      if (dimension >= self->dimensions->len)
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (scores[entry->first_dimension_score + j].dimension == dimension)
          return FALSE;
    }
  return TRUE;
}

/* Gives @rating exactly @n scores: in place when they fit in its block or
 * its block ends the array, else in a new block at the end. */
static void
put_dimension_scores (OrgmapDocument             *self,
                      guint32                     rating,
                      const OrgmapDimensionScore *scores,
                      guint                       n)
{
  OrgmapRating *r = rating_at (self, rating);
  guint len = self->dim_scores->len;

  if (n == 0)
    {
      r->first_dimension_score = ORGMAP_NONE;
      r->n_dimension_scores = 0;
      return;
    }

  if (r->n_dimension_scores == 0 ||
      (n > r->n_dimension_scores && r->first_dimension_score + r->n_dimension_scores != len))
    r->first_dimension_score = len;
  if (r->first_dimension_score + n > len)
    g_array_set_size (self->dim_scores, r->first_dimension_score + n);
  memcpy (&g_array_index (self->dim_scores, OrgmapDimensionScore, r->first_dimension_score),
          scores, n * sizeof *scores);
  r->n_dimension_scores = n;
}

guint32
orgmap_document_put_rating (OrgmapDocument              *self,
                            const OrgmapRatingEntry     *entry,
                            const OrgmapDimensionScore  *scores,
                            GError                     **error)
{
  OrgmapRating *rating;
  guint32 handle;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), ORGMAP_NONE);
  g_return_val_if_fail (entry != NULL, ORGMAP_NONE);
  g_return_val_if_fail (entry_valid (self, entry, scores, G_MAXUINT32), ORGMAP_NONE);
  g_return_val_if_fail (error == NULL || *error == NULL, ORGMAP_NONE);

  if (!check_scores (self, entry, scores, error))
    return ORGMAP_NONE;

  handle = find_rating (self, entry->link, entry->round);
  if (handle == ORGMAP_NONE)
    {
      g_return_val_if_fail (self->ratings->len < ORGMAP_NONE - 1, ORGMAP_NONE);
      handle = append_rating (self, entry->link, entry->round);
    }
  else
    unlink_rating (self, handle);
  link_rating (self, handle, entry->position);

  rating = rating_at (self, handle);
  rating->score = entry->score;
  rating->respondents = MAX (entry->respondents, -1);
  rating->comment = _orgmap_document_intern_optional (self, entry->comment);
  put_dimension_scores (self, handle,
                        entry->n_dimension_scores > 0
                        ? &scores[entry->first_dimension_score] : NULL,
                        entry->n_dimension_scores);

  _orgmap_document_emit_changed (self, ORGMAP_CHANGE_RATING, handle);
  return handle;
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

  handle = find_rating (self, link, round);
  if (handle == ORGMAP_NONE)
    {
      g_return_val_if_fail (self->ratings->len < ORGMAP_NONE - 1, ORGMAP_NONE);
      handle = append_rating (self, link, round);
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

void
orgmap_document_remove_rating (OrgmapDocument *self,
                               guint32         link,
                               guint32         round)
{
  guint32 handle;

  g_return_if_fail (ORGMAP_IS_DOCUMENT (self));
  g_return_if_fail (link < self->links->len);
  g_return_if_fail (round < self->rounds->len);

  handle = find_rating (self, link, round);
  if (handle != ORGMAP_NONE)
    orgmap_document_remove_ratings (self, &handle, 1, NULL, NULL);
}

/* Removal of many */

/* Keeps the dimension scores of the ratings that @map keeps, in the order
 * they are in, dropping those of removed ratings and the gaps that scores
 * moved to the end left: one sweep over the scores, with a note of the
 * rating each belongs to. */
static void
pack_dimension_scores (OrgmapDocument *self,
                       const guint32  *map)
{
  OrgmapDimensionScore *scores = (OrgmapDimensionScore *) self->dim_scores->data;
  guint len = self->dim_scores->len;
  g_autofree guint32 *owner = g_new (guint32, MAX (len, 1));
  guint j = 0;

  memset (owner, 0xff, len * sizeof (guint32));
  for (guint32 i = 0; i < self->ratings->len; i++)
    {
      const OrgmapRating *r = rating_at (self, i);

      if (map[i] != ORGMAP_NONE)
        for (guint k = 0; k < r->n_dimension_scores; k++)
          owner[r->first_dimension_score + k] = i;
    }

  for (guint i = 0; i < len; i++)
    {
      if (owner[i] == ORGMAP_NONE)
        continue;
      /* Blocks are contiguous: a block starts where its owner changes. */
      if (i == 0 || owner[i - 1] != owner[i])
        rating_at (self, owner[i])->first_dimension_score = j;
      scores[j++] = scores[i];
    }
  g_array_set_size (self->dim_scores, j);
}

void
orgmap_document_remove_ratings (OrgmapDocument *self,
                                const guint32  *ratings,
                                guint           n_ratings,
                                GArray         *removed,
                                GArray         *removed_scores)
{
  g_autofree guint32 *map = NULL;
  OrgmapRatingEntry *entries = NULL;
  gboolean had_scores = FALSE;
  guint len;

  g_return_if_fail (ORGMAP_IS_DOCUMENT (self));
  g_return_if_fail (ratings != NULL || n_ratings == 0);
  g_return_if_fail (_orgmap_handles_ascending (ratings, n_ratings, self->ratings->len));
  g_return_if_fail (removed == NULL ||
                    g_array_get_element_size (removed) == sizeof (OrgmapRatingEntry));
  g_return_if_fail (removed_scores == NULL ||
                    g_array_get_element_size (removed_scores) == sizeof (OrgmapDimensionScore));

  if (n_ratings == 0)
    return;

  /* The entries are written in place: appending them one by one costs
   * more than all the rest when a round goes. */
  if (removed != NULL)
    {
      g_array_set_size (removed, removed->len + n_ratings);
      entries = &g_array_index (removed, OrgmapRatingEntry, removed->len - n_ratings);
    }
  for (guint k = 0; k < n_ratings; k++)
    {
      const OrgmapRating *r = rating_at (self, ratings[k]);
      OrgmapRatingEntry *e;

      had_scores |= r->n_dimension_scores > 0;
      if (entries == NULL)
        continue;

      e = &entries[k];
      e->handle = ratings[k];
      e->link = r->link;
      e->round = r->round;
      e->position = chain_position (self, ratings[k]);
      e->score = r->score;
      e->respondents = r->respondents;
      e->comment = r->comment;
      e->first_dimension_score = 0;
      e->n_dimension_scores = 0;
      if (removed_scores != NULL && r->n_dimension_scores > 0)
        {
          e->first_dimension_score = removed_scores->len;
          e->n_dimension_scores = r->n_dimension_scores;
          g_array_append_vals (removed_scores,
                               &g_array_index (self->dim_scores, OrgmapDimensionScore,
                                               r->first_dimension_score),
                               r->n_dimension_scores);
        }
    }

  len = self->ratings->len;
  map = _orgmap_removal_map (ratings, n_ratings, len);

  if (ratings[0] == len - n_ratings)
    {
      /* The last ratings: no other handle moves, they only leave their chains. */
      for (guint k = 0; k < n_ratings; k++)
        unlink_rating (self, ratings[k]);
      if (had_scores)
        pack_dimension_scores (self, map);
      g_array_set_size (self->ratings, len - n_ratings);
      _orgmap_document_emit_changed (self, ORGMAP_CHANGE_ALL, ORGMAP_CHANGE_TAIL_REMOVED);
      return;
    }

  /* Chains step over the removed ratings. Each removed rating is stepped
   * over once, from the rating that stays before it or from its link, and
   * the steps read only removed ratings, whose links are left as they were. */
  for (guint i = 0; i < self->links->len; i++)
    {
      OrgmapLink *link = link_at (self, i);
      guint32 first = link->first_rating;

      while (first != ORGMAP_NONE && map[first] == ORGMAP_NONE)
        first = rating_at (self, first)->next;
      link->first_rating = remap (map, first);
    }
  for (guint32 i = 0; i < len; i++)
    {
      OrgmapRating *r = rating_at (self, i);
      guint32 next;

      if (map[i] == ORGMAP_NONE)
        continue;
      next = r->next;
      while (next != ORGMAP_NONE && map[next] == ORGMAP_NONE)
        next = rating_at (self, next)->next;
      r->next = remap (map, next);
    }

  if (had_scores)
    pack_dimension_scores (self, map);

  _orgmap_array_compact (self->ratings, map);

  _orgmap_document_emit_changed (self, ORGMAP_CHANGE_ALL, ORGMAP_NONE);
}

/* Insertion of many */

static void
set_already_rated_error (OrgmapDocument  *self,
                         const OrgmapRatingEntry *entry,
                         GError         **error)
{
  g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
               /* Translators: a link id, then a round id */
               _("The link “%s” is already rated in the round “%s”"),
               link_at (self, entry->link)->id,
               orgmap_document_get_round (self, entry->round)->id);
}

/* Puts the new ratings of one link, @order (@n entry indices), in its chain
 * by ascending position, the earlier entry first among equals. */
static void
link_entries (OrgmapDocument          *self,
              const OrgmapRatingEntry *entries,
              guint32                 *order,
              guint                    n)
{
  /* Chains are a few ratings long: an insertion sort will do. */
  for (guint i = 1; i < n; i++)
    {
      guint32 k = order[i];
      guint j = i;

      for (; j > 0 && (entries[order[j - 1]].position > entries[k].position ||
                       (entries[order[j - 1]].position == entries[k].position && order[j - 1] > k));
           j--)
        order[j] = order[j - 1];
      order[j] = k;
    }
  for (guint i = 0; i < n; i++)
    link_rating (self, entries[order[i]].handle, entries[order[i]].position);
}

gboolean
orgmap_document_insert_ratings (OrgmapDocument              *self,
                                const OrgmapRatingEntry     *entries,
                                guint                        n_entries,
                                const OrgmapDimensionScore  *scores,
                                guint                        n_scores,
                                GError                     **error)
{
  g_autofree guint32 *map = NULL;
  g_autofree guint32 *first_of_link = NULL;  /* the link's last entry, for duplicates */
  g_autofree guint32 *next_of_entry = NULL;
  guint old_len, new_len;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (entries != NULL || n_entries == 0, FALSE);
  g_return_val_if_fail ((guint64) self->ratings->len + n_entries < ORGMAP_NONE - 1, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_entries == 0)
    return TRUE;

  old_len = self->ratings->len;
  new_len = old_len + n_entries;
  for (guint k = 0; k < n_entries; k++)
    {
      g_return_val_if_fail (entries[k].handle < new_len &&
                            (k == 0 || entries[k].handle > entries[k - 1].handle), FALSE);
      g_return_val_if_fail (entry_valid (self, &entries[k], scores, n_scores), FALSE);
    }

  /* What a person may get wrong: a score, or a link rated twice in a round.
   * Entries are listed by link, so that each is compared with the few
   * others of its link only. */
  if (n_entries > 1)
    {
      first_of_link = g_new (guint32, self->links->len);
      next_of_entry = g_new (guint32, n_entries);
      memset (first_of_link, 0xff, self->links->len * sizeof (guint32));
    }
  for (guint k = 0; k < n_entries; k++)
    {
      const OrgmapRatingEntry *e = &entries[k];

      if (!check_scores (self, e, scores, error))
        return FALSE;
      if (find_rating (self, e->link, e->round) != ORGMAP_NONE)
        {
          set_already_rated_error (self, e, error);
          return FALSE;
        }
      if (first_of_link == NULL)
        continue;
      for (guint32 j = first_of_link[e->link]; j != ORGMAP_NONE; j = next_of_entry[j])
        if (entries[j].round == e->round)
          {
            set_already_rated_error (self, e, error);
            return FALSE;
          }
      next_of_entry[k] = first_of_link[e->link];
      first_of_link[e->link] = k;
    }

  if (entries[0].handle == old_len)
    {
      /* After the last rating: no handle moves. */
      g_array_set_size (self->ratings, new_len);
    }
  else
    {
      map = g_new (guint32, old_len);
      _orgmap_array_spread (self->ratings, entries, sizeof *entries, n_entries, map);
      for (guint32 i = 0; i < old_len; i++)
        {
          OrgmapRating *r = rating_at (self, map[i]);

          r->next = remap (map, r->next);
        }
      for (guint i = 0; i < self->links->len; i++)
        {
          OrgmapLink *link = link_at (self, i);

          link->first_rating = remap (map, link->first_rating);
        }
    }

  for (guint k = 0; k < n_entries; k++)
    {
      const OrgmapRatingEntry *e = &entries[k];
      OrgmapRating *r = rating_at (self, e->handle);

      memset (r, 0, sizeof *r);
      r->link = e->link;
      r->round = e->round;
      r->next = ORGMAP_NONE;
      r->score = e->score;
      r->respondents = MAX (e->respondents, -1);
      r->comment = _orgmap_document_intern_optional (self, e->comment);
      put_dimension_scores (self, e->handle,
                            e->n_dimension_scores > 0 ? &scores[e->first_dimension_score] : NULL,
                            e->n_dimension_scores);
    }

  if (first_of_link == NULL)
    link_rating (self, entries[0].handle, entries[0].position);
  else
    {
      g_autofree guint32 *order = g_new (guint32, n_entries);

      for (guint k = 0; k < n_entries; k++)
        {
          guint32 link = entries[k].link;
          guint n = 0;

          if (first_of_link[link] == ORGMAP_NONE)
            continue;
          for (guint32 j = first_of_link[link]; j != ORGMAP_NONE; j = next_of_entry[j])
            order[n++] = j;
          link_entries (self, entries, order, n);
          first_of_link[link] = ORGMAP_NONE;
        }
    }

  if (n_entries == 1 && entries[0].handle == old_len)
    _orgmap_document_emit_changed (self, ORGMAP_CHANGE_RATING, old_len);
  else
    _orgmap_document_emit_changed (self, ORGMAP_CHANGE_ALL, ORGMAP_NONE);
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-model"

#include "config.h"

#include "orgmap-document.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "orgmap-document-private.h"
#include "orgmap-error.h"

/* Links */

guint
orgmap_document_get_n_links (OrgmapDocument *self)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), 0);

  return self->links->len;
}

static inline OrgmapLink *
link_at (OrgmapDocument *self,
         guint32         link)
{
  return &g_array_index (self->links, OrgmapLink, link);
}

const OrgmapLink *
orgmap_document_get_link (OrgmapDocument *self,
                          guint32         link)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (link < self->links->len, NULL);

  return link_at (self, link);
}

guint32
orgmap_document_find_link (OrgmapDocument *self,
                           const char     *id)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), ORGMAP_NONE);

  return _orgmap_document_lookup_id (self->link_ids, id);
}

static inline OrgmapLinkType
classify (OrgmapDocument *self,
          guint32         p,
          guint32         c)
{
  if (ORGMAP_IS_EXTERNAL (c))
    return ORGMAP_LINK_EXTERNAL;
  if (self->level[p] == self->level[c])
    return ORGMAP_LINK_HORIZONTAL;
  if (self->area[p] == self->area[c] || is_ancestor (self, p, c) || is_ancestor (self, c, p))
    return ORGMAP_LINK_VERTICAL;
  return ORGMAP_LINK_DIAGONAL;
}

OrgmapLinkType
orgmap_document_classify (OrgmapDocument *self,
                          guint32         provider,
                          guint32         client)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), ORGMAP_LINK_DIAGONAL);
  g_return_val_if_fail (provider < self->units->len, ORGMAP_LINK_DIAGONAL);
  g_return_val_if_fail (_orgmap_document_party_valid (self, client), ORGMAP_LINK_DIAGONAL);

  _orgmap_document_ensure_hierarchy (self);
  return classify (self, provider, client);
}

void
orgmap_document_classify_links (OrgmapDocument *self)
{
  guint n;
  guint8 *types;

  g_return_if_fail (ORGMAP_IS_DOCUMENT (self));

  if (!self->types_dirty)
    return;

  _orgmap_document_ensure_hierarchy (self);
  n = self->links->len;
  g_array_set_size (self->computed, n);
  types = (guint8 *) self->computed->data;
  for (guint i = 0; i < n; i++)
    {
      const OrgmapLink *link = link_at (self, i);

      types[i] = classify (self, link->provider, link->client);
    }
  self->types_dirty = FALSE;
}

guint32
orgmap_document_add_link (OrgmapDocument *self,
                          const char     *id,
                          guint32         provider,
                          guint32         client,
                          const char     *service)
{
  OrgmapLink link = { 0 };
  guint32 handle;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), ORGMAP_NONE);
  g_return_val_if_fail (provider < self->units->len, ORGMAP_NONE);
  g_return_val_if_fail (_orgmap_document_party_valid (self, client), ORGMAP_NONE);
  g_return_val_if_fail (provider != client, ORGMAP_NONE);
  g_return_val_if_fail (self->links->len < ORGMAP_NONE - 1, ORGMAP_NONE);

  link.id = _orgmap_document_claim_id (self, self->link_ids, id, "l");
  if (link.id == NULL)
    return ORGMAP_NONE;
  link.service = _orgmap_document_intern_optional (self, service);
  link.provider = provider;
  link.client = client;
  link.first_rating = ORGMAP_NONE;
  link.type_override = ORGMAP_LINK_AUTOMATIC;

  handle = self->links->len;
  g_array_append_val (self->links, link);
  _orgmap_document_insert_id (self->link_ids, link.id, handle);

  if (!self->types_dirty)
    {
      guint8 type;

      _orgmap_document_ensure_hierarchy (self);
      type = classify (self, provider, client);
      g_array_append_val (self->computed, type);
    }

  _orgmap_document_emit_changed (self, ORGMAP_CHANGE_LINK, handle);
  return handle;
}

void
orgmap_document_set_link_service (OrgmapDocument *self,
                                  guint32         link,
                                  const char     *service)
{
  OrgmapLink *l;

  g_return_if_fail (ORGMAP_IS_DOCUMENT (self));
  g_return_if_fail (link < self->links->len);

  l = link_at (self, link);
  if (g_strcmp0 (l->service, service) == 0)
    return;
  l->service = _orgmap_document_intern_optional (self, service);
  _orgmap_document_emit_changed (self, ORGMAP_CHANGE_LINK, link);
}

void
orgmap_document_set_link_notes (OrgmapDocument *self,
                                guint32         link,
                                const char     *notes)
{
  OrgmapLink *l;

  g_return_if_fail (ORGMAP_IS_DOCUMENT (self));
  g_return_if_fail (link < self->links->len);

  l = link_at (self, link);
  if (g_strcmp0 (l->notes, notes) == 0)
    return;
  l->notes = _orgmap_document_intern_optional (self, notes);
  _orgmap_document_emit_changed (self, ORGMAP_CHANGE_LINK, link);
}

void
orgmap_document_set_link_type_override (OrgmapDocument *self,
                                        guint32         link,
                                        OrgmapLinkType  type)
{
  OrgmapLink *l;

  g_return_if_fail (ORGMAP_IS_DOCUMENT (self));
  g_return_if_fail (link < self->links->len);
  g_return_if_fail (type < ORGMAP_N_LINK_TYPES || type == ORGMAP_LINK_AUTOMATIC);

  l = link_at (self, link);
  if (l->type_override == type)
    return;
  l->type_override = type;
  _orgmap_document_emit_changed (self, ORGMAP_CHANGE_LINK, link);
}

OrgmapLinkType
orgmap_document_get_link_computed_type (OrgmapDocument *self,
                                        guint32         link)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), ORGMAP_LINK_DIAGONAL);
  g_return_val_if_fail (link < self->links->len, ORGMAP_LINK_DIAGONAL);

  orgmap_document_classify_links (self);
  return g_array_index (self->computed, guint8, link);
}

OrgmapLinkType
orgmap_document_get_link_type (OrgmapDocument *self,
                               guint32         link)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), ORGMAP_LINK_DIAGONAL);
  g_return_val_if_fail (link < self->links->len, ORGMAP_LINK_DIAGONAL);

  if (link_at (self, link)->type_override != ORGMAP_LINK_AUTOMATIC)
    return link_at (self, link)->type_override;
  return orgmap_document_get_link_computed_type (self, link);
}

guint
orgmap_document_count_link_types (OrgmapDocument *self,
                                  guint           counts[ORGMAP_N_LINK_TYPES])
{
  guint n_overridden = 0;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), 0);

  orgmap_document_classify_links (self);
  memset (counts, 0, sizeof (guint) * ORGMAP_N_LINK_TYPES);
  for (guint i = 0; i < self->links->len; i++)
    {
      counts[orgmap_document_get_link_type (self, i)]++;
      n_overridden += link_at (self, i)->type_override != ORGMAP_LINK_AUTOMATIC;
    }
  return n_overridden;
}

/* Rounds */

guint
orgmap_document_get_n_rounds (OrgmapDocument *self)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), 0);

  return self->rounds->len;
}

static inline OrgmapRound *
round_at (OrgmapDocument *self,
          guint32         round)
{
  return &g_array_index (self->rounds, OrgmapRound, round);
}

const OrgmapRound *
orgmap_document_get_round (OrgmapDocument *self,
                           guint32         round)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (round < self->rounds->len, NULL);

  return round_at (self, round);
}

guint32
orgmap_document_find_round (OrgmapDocument *self,
                            const char     *id)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), ORGMAP_NONE);

  return _orgmap_document_lookup_id (self->round_ids, id);
}

guint32
orgmap_document_add_round (OrgmapDocument *self,
                           const char     *id,
                           const char     *name,
                           const char     *date)
{
  OrgmapRound round = { 0 };
  guint32 handle;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), ORGMAP_NONE);

  round.id = _orgmap_document_claim_id (self, self->round_ids, id, "r");
  if (round.id == NULL)
    return ORGMAP_NONE;
  round.name = _orgmap_document_intern (self, name != NULL ? name : "");
  round.date = _orgmap_document_intern_optional (self, date);

  handle = self->rounds->len;
  g_array_append_val (self->rounds, round);
  _orgmap_document_insert_id (self->round_ids, round.id, handle);

  _orgmap_document_emit_changed (self, ORGMAP_CHANGE_ROUND, handle);
  return handle;
}

void
orgmap_document_set_round_name (OrgmapDocument *self,
                                guint32         round,
                                const char     *name)
{
  OrgmapRound *r;

  g_return_if_fail (ORGMAP_IS_DOCUMENT (self));
  g_return_if_fail (round < self->rounds->len);
  g_return_if_fail (name != NULL);

  r = round_at (self, round);
  if (g_strcmp0 (r->name, name) == 0)
    return;
  r->name = _orgmap_document_intern (self, name);
  _orgmap_document_emit_changed (self, ORGMAP_CHANGE_ROUND, round);
}

void
orgmap_document_set_round_date (OrgmapDocument *self,
                                guint32         round,
                                const char     *date)
{
  OrgmapRound *r;

  g_return_if_fail (ORGMAP_IS_DOCUMENT (self));
  g_return_if_fail (round < self->rounds->len);

  r = round_at (self, round);
  if (g_strcmp0 (r->date, date) == 0)
    return;
  r->date = _orgmap_document_intern_optional (self, date);
  _orgmap_document_emit_changed (self, ORGMAP_CHANGE_ROUND, round);
}

/* Dimensions */

guint
orgmap_document_get_n_dimensions (OrgmapDocument *self)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), 0);

  return self->dimensions->len;
}

const char *
orgmap_document_get_dimension (OrgmapDocument *self,
                               guint32         dimension)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (dimension < self->dimensions->len, NULL);

  return g_ptr_array_index (self->dimensions, dimension);
}

guint32
orgmap_document_find_dimension (OrgmapDocument *self,
                                const char     *name)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), ORGMAP_NONE);

  for (guint i = 0; i < self->dimensions->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->dimensions, i), name) == 0)
      return i;
  return ORGMAP_NONE;
}

guint32
orgmap_document_add_dimension (OrgmapDocument *self,
                               const char     *name)
{
  guint32 found;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), ORGMAP_NONE);
  g_return_val_if_fail (name != NULL && *name != '\0', ORGMAP_NONE);
  g_return_val_if_fail (self->dimensions->len < G_MAXUINT16, ORGMAP_NONE);

  found = orgmap_document_find_dimension (self, name);
  if (found != ORGMAP_NONE)
    return found;
  g_ptr_array_add (self->dimensions, (gpointer) _orgmap_document_intern (self, name));
  _orgmap_document_emit_changed (self, ORGMAP_CHANGE_PROPERTIES, ORGMAP_NONE);
  return self->dimensions->len - 1;
}

const char *
orgmap_dimension_label (const char *name)
{
  /* SERVQUAL's five dimensions of service quality */
  if (g_strcmp0 (name, "reliability") == 0)
    return _("Reliability");
  if (g_strcmp0 (name, "responsiveness") == 0)
    return _("Responsiveness");
  if (g_strcmp0 (name, "assurance") == 0)
    return _("Assurance");
  if (g_strcmp0 (name, "empathy") == 0)
    return _("Empathy");
  if (g_strcmp0 (name, "tangibles") == 0)
    return _("Tangibles");
  return name;
}

/* Ratings */

guint
orgmap_document_get_n_ratings (OrgmapDocument *self)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), 0);

  return self->ratings->len;
}

static inline OrgmapRating *
rating_at (OrgmapDocument *self,
           guint32         rating)
{
  return &g_array_index (self->ratings, OrgmapRating, rating);
}

const OrgmapRating *
orgmap_document_get_rating (OrgmapDocument *self,
                            guint32         rating)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (rating < self->ratings->len, NULL);

  return rating_at (self, rating);
}

guint32
orgmap_document_find_rating (OrgmapDocument *self,
                             guint32         link,
                             guint32         round)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), ORGMAP_NONE);
  g_return_val_if_fail (link < self->links->len, ORGMAP_NONE);

  for (guint32 r = link_at (self, link)->first_rating; r != ORGMAP_NONE; r = rating_at (self, r)->next)
    if (rating_at (self, r)->round == round)
      return r;
  return ORGMAP_NONE;
}

static gboolean
check_score (OrgmapDocument  *self,
             double           score,
             GError         **error)
{
  if (orgmap_document_score_in_scale (self, score))
    return TRUE;

  g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
               _("The score %g is outside the scale %g–%g"),
               score, self->scale_min, self->scale_max);
  return FALSE;
}

guint32
orgmap_document_set_rating (OrgmapDocument  *self,
                            guint32          link,
                            guint32          round,
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

  if (!check_score (self, score, error))
    return ORGMAP_NONE;

  handle = orgmap_document_find_rating (self, link, round);
  if (handle == ORGMAP_NONE)
    {
      OrgmapRating fresh = { 0 };
      guint32 *tail;

      g_return_val_if_fail (self->ratings->len < ORGMAP_NONE - 1, ORGMAP_NONE);

      fresh.link = link;
      fresh.round = round;
      fresh.next = ORGMAP_NONE;
      fresh.first_dimension_score = ORGMAP_NONE;
      handle = self->ratings->len;
      g_array_append_val (self->ratings, fresh);

      /* Keep the chain in the order ratings were added. */
      tail = &link_at (self, link)->first_rating;
      while (*tail != ORGMAP_NONE)
        tail = &rating_at (self, *tail)->next;
      *tail = handle;
    }

  rating = rating_at (self, handle);
  rating->score = score;
  rating->respondents = MAX (respondents, -1);
  rating->comment = _orgmap_document_intern_optional (self, comment);

  _orgmap_document_emit_changed (self, ORGMAP_CHANGE_RATING, handle);
  return handle;
}

gboolean
orgmap_document_set_rating_dimension (OrgmapDocument  *self,
                                      guint32          rating,
                                      guint32          dimension,
                                      double           score,
                                      GError         **error)
{
  OrgmapRating *r;
  OrgmapDimensionScore entry = { dimension, score };
  guint end;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (rating < self->ratings->len, FALSE);
  g_return_val_if_fail (dimension < self->dimensions->len, FALSE);

  if (!check_score (self, score, error))
    return FALSE;

  r = rating_at (self, rating);
  for (guint i = 0; i < r->n_dimension_scores; i++)
    {
      OrgmapDimensionScore *ds = &g_array_index (self->dim_scores, OrgmapDimensionScore,
                                                 r->first_dimension_score + i);
      if (ds->dimension == dimension)
        {
          ds->score = score;
          _orgmap_document_emit_changed (self, ORGMAP_CHANGE_RATING, rating);
          return TRUE;
        }
    }

  g_return_val_if_fail (r->n_dimension_scores < G_MAXUINT16, FALSE);

  /* A rating's scores are contiguous: extend in place when they end the
   * array, else move them to its end first. */
  end = self->dim_scores->len;
  if (r->n_dimension_scores > 0 && r->first_dimension_score + r->n_dimension_scores != end)
    {
      for (guint i = 0; i < r->n_dimension_scores; i++)
        {
          OrgmapDimensionScore copy = g_array_index (self->dim_scores, OrgmapDimensionScore,
                                                     r->first_dimension_score + i);
          g_array_append_val (self->dim_scores, copy);
        }
      r->first_dimension_score = end;
    }
  else if (r->n_dimension_scores == 0)
    r->first_dimension_score = end;

  g_array_append_val (self->dim_scores, entry);
  r->n_dimension_scores++;

  _orgmap_document_emit_changed (self, ORGMAP_CHANGE_RATING, rating);
  return TRUE;
}

const OrgmapDimensionScore *
orgmap_document_get_dimension_scores (OrgmapDocument *self,
                                      guint32         rating,
                                      guint          *n_scores)
{
  const OrgmapRating *r;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (rating < self->ratings->len, NULL);
  g_return_val_if_fail (n_scores != NULL, NULL);

  r = rating_at (self, rating);
  *n_scores = r->n_dimension_scores;
  if (r->n_dimension_scores == 0)
    return NULL;
  return &g_array_index (self->dim_scores, OrgmapDimensionScore, r->first_dimension_score);
}

gboolean
orgmap_document_get_link_quality (OrgmapDocument *self,
                                  guint32         link,
                                  guint32         round,
                                  double         *score)
{
  guint32 best = ORGMAP_NONE;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (link < self->links->len, FALSE);

  for (guint32 r = link_at (self, link)->first_rating; r != ORGMAP_NONE; r = rating_at (self, r)->next)
    {
      guint32 rr = rating_at (self, r)->round;

      if (round != ORGMAP_NONE ? rr == round : (best == ORGMAP_NONE || rr > rating_at (self, best)->round))
        best = r;
    }

  if (best == ORGMAP_NONE)
    return FALSE;
  if (score != NULL)
    *score = rating_at (self, best)->score;
  return TRUE;
}

gboolean
orgmap_document_get_round_mean (OrgmapDocument *self,
                                guint32         round,
                                double         *mean,
                                guint          *n_rated)
{
  double sum = 0;
  guint n = 0;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (round == ORGMAP_NONE || round < self->rounds->len, FALSE);

  if (round == ORGMAP_NONE)
    {
      for (guint i = 0; i < self->links->len; i++)
        {
          double score;

          if (orgmap_document_get_link_quality (self, i, ORGMAP_NONE, &score))
            {
              sum += score;
              n++;
            }
        }
    }
  else
    {
      for (guint i = 0; i < self->ratings->len; i++)
        {
          const OrgmapRating *r = rating_at (self, i);

          if (r->round == round)
            {
              sum += r->score;
              n++;
            }
        }
    }

  if (n_rated != NULL)
    *n_rated = n;
  if (n == 0)
    return FALSE;
  if (mean != NULL)
    *mean = sum / n;
  return TRUE;
}

/* Equality, item by item, matched by id. */

static gboolean
rating_equal (OrgmapDocument *a,
              guint32         ra,
              OrgmapDocument *b,
              guint32         rb)
{
  const OrgmapRating *x = rating_at (a, ra);
  const OrgmapRating *y = rating_at (b, rb);
  const OrgmapDimensionScore *dx, *dy;
  guint nx, ny;

  if (x->score != y->score || x->respondents != y->respondents ||
      g_strcmp0 (x->comment, y->comment) != 0)
    return FALSE;

  dx = orgmap_document_get_dimension_scores (a, ra, &nx);
  dy = orgmap_document_get_dimension_scores (b, rb, &ny);
  if (nx != ny)
    return FALSE;
  for (guint i = 0; i < nx; i++)
    {
      if (dx[i].score != dy[i].score ||
          g_strcmp0 (orgmap_document_get_dimension (a, dx[i].dimension),
                     orgmap_document_get_dimension (b, dy[i].dimension)) != 0)
        return FALSE;
    }
  return TRUE;
}

static const char *
parent_id (OrgmapDocument *self,
           guint32         unit)
{
  guint32 parent = unit_at (self, unit)->parent;

  return parent == ORGMAP_NONE ? NULL : unit_at (self, parent)->id;
}

gboolean
orgmap_document_equal (OrgmapDocument *a,
                       OrgmapDocument *b)
{
  guint na, nb;
  const guint32 *ra, *rb;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (a), FALSE);
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (b), FALSE);

  if (g_strcmp0 (a->name, b->name) != 0 ||
      a->scale_min != b->scale_min || a->scale_max != b->scale_max ||
      a->units->len != b->units->len || a->externals->len != b->externals->len ||
      a->links->len != b->links->len || a->rounds->len != b->rounds->len ||
      a->ratings->len != b->ratings->len || a->dimensions->len != b->dimensions->len)
    return FALSE;

  for (guint i = 0; i < a->dimensions->len; i++)
    if (g_strcmp0 (g_ptr_array_index (a->dimensions, i), g_ptr_array_index (b->dimensions, i)) != 0)
      return FALSE;

  for (guint i = 0; i < a->units->len; i++)
    {
      const OrgmapUnit *x = unit_at (a, i);
      guint32 j = orgmap_document_find_unit (b, x->id);
      const OrgmapUnit *y;
      const guint32 *cx, *cy;
      guint ncx, ncy;

      if (j == ORGMAP_NONE)
        return FALSE;
      y = unit_at (b, j);
      if (g_strcmp0 (x->name, y->name) != 0 || g_strcmp0 (x->head, y->head) != 0 ||
          g_strcmp0 (x->area, y->area) != 0 || g_strcmp0 (x->notes, y->notes) != 0 ||
          x->level != y->level || x->headcount != y->headcount ||
          g_strcmp0 (parent_id (a, i), parent_id (b, j)) != 0)
        return FALSE;

      {
        double ax, ay, bx, by;
        gboolean pa = orgmap_document_get_unit_position (a, i, &ax, &ay);
        gboolean pb = orgmap_document_get_unit_position (b, j, &bx, &by);

        if (pa != pb || (pa && (ax != bx || ay != by)))
          return FALSE;
      }

      /* Sibling order is part of the chart. */
      cx = orgmap_document_get_unit_children (a, i, &ncx);
      cy = orgmap_document_get_unit_children (b, j, &ncy);
      if (ncx != ncy)
        return FALSE;
      for (guint k = 0; k < ncx; k++)
        if (g_strcmp0 (unit_at (a, cx[k])->id, unit_at (b, cy[k])->id) != 0)
          return FALSE;
    }

  ra = orgmap_document_get_roots (a, &na);
  rb = orgmap_document_get_roots (b, &nb);
  if (na != nb)
    return FALSE;
  for (guint k = 0; k < na; k++)
    if (g_strcmp0 (unit_at (a, ra[k])->id, unit_at (b, rb[k])->id) != 0)
      return FALSE;

  for (guint i = 0; i < a->externals->len; i++)
    {
      const OrgmapExternal *x = external_at (a, i);
      guint32 j = orgmap_document_find_external (b, x->id);

      if (j != i || g_strcmp0 (x->name, external_at (b, j)->name) != 0 ||
          g_strcmp0 (x->notes, external_at (b, j)->notes) != 0)
        return FALSE;
    }

  for (guint i = 0; i < a->rounds->len; i++)
    {
      const OrgmapRound *x = round_at (a, i);
      const OrgmapRound *y = round_at (b, i);

      if (g_strcmp0 (x->id, y->id) != 0 || g_strcmp0 (x->name, y->name) != 0 ||
          g_strcmp0 (x->date, y->date) != 0)
        return FALSE;
    }

  for (guint i = 0; i < a->links->len; i++)
    {
      const OrgmapLink *x = link_at (a, i);
      const OrgmapLink *y = link_at (b, i);

      if (g_strcmp0 (x->id, y->id) != 0 || g_strcmp0 (x->service, y->service) != 0 ||
          g_strcmp0 (x->notes, y->notes) != 0 || x->type_override != y->type_override ||
          g_strcmp0 (orgmap_document_get_party_id (a, x->provider),
                     orgmap_document_get_party_id (b, y->provider)) != 0 ||
          g_strcmp0 (orgmap_document_get_party_id (a, x->client),
                     orgmap_document_get_party_id (b, y->client)) != 0)
        return FALSE;

      for (guint32 r = 0; r < a->rounds->len; r++)
        {
          guint32 rx = orgmap_document_find_rating (a, i, r);
          guint32 ry = orgmap_document_find_rating (b, i, r);

          if ((rx == ORGMAP_NONE) != (ry == ORGMAP_NONE))
            return FALSE;
          if (rx != ORGMAP_NONE && !rating_equal (a, rx, b, ry))
            return FALSE;
        }
    }

  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-model"

#include "config.h"

#include "orgmap-history.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "orgmap-error.h"
#include "orgmap-history-private.h"

/* The commands of the history on ratings and rounds. */

/* Ratings */

/* The score of a rating of @link, and its dimension scores (NAN for none),
 * are on the scale. */
static gboolean
check_scores (OrgmapDocument  *doc,
              guint32          link,
              double           score,
              const double    *dimension_scores,
              GError         **error)
{
  const OrgmapLink *l = orgmap_document_get_link (doc, link);

  if (!orgmap_document_score_in_scale (doc, score))
    {
      g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
                   /* Translators: a score, two names of units or external clients, then the scale */
                   _("The score %g for the link from “%s” to “%s” is outside the scale %g–%g"),
                   score, orgmap_document_get_party_name (doc, l->provider),
                   orgmap_document_get_party_name (doc, l->client),
                   orgmap_document_get_scale_min (doc), orgmap_document_get_scale_max (doc));
      return FALSE;
    }

  for (guint32 d = 0; dimension_scores != NULL && d < orgmap_document_get_n_dimensions (doc); d++)
    {
      if (isnan (dimension_scores[d]) || orgmap_document_score_in_scale (doc, dimension_scores[d]))
        continue;
      g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
                   /* Translators: a dimension of quality (such as “Reliability”), a
                    * score, two names of units or external clients, then the scale */
                   _("The %s score %g for the link from “%s” to “%s” is outside the scale %g–%g"),
                   orgmap_dimension_label (orgmap_document_get_dimension (doc, d)),
                   dimension_scores[d], orgmap_document_get_party_name (doc, l->provider),
                   orgmap_document_get_party_name (doc, l->client),
                   orgmap_document_get_scale_min (doc), orgmap_document_get_scale_max (doc));
      return FALSE;
    }
  return TRUE;
}

/* The dimension scores a rating gets: those it had that stay, in their
 * order and with their new values, then the new ones by dimension. NULL
 * when none. */
static GArray *
merge_dimension_scores (OrgmapDocument *doc,
                        const GArray   *before,
                        const double   *dimension_scores)
{
  guint n_dimensions = orgmap_document_get_n_dimensions (doc);
  g_autofree gboolean *had = g_new0 (gboolean, MAX (n_dimensions, 1));
  GArray *dims;

  if (dimension_scores == NULL)
    return NULL;

  dims = g_array_new (FALSE, FALSE, sizeof (OrgmapDimensionScore));
  for (guint i = 0; before != NULL && i < before->len; i++)
    {
      OrgmapDimensionScore ds = g_array_index (before, OrgmapDimensionScore, i);

      had[ds.dimension] = TRUE;
      if (isnan (dimension_scores[ds.dimension]))
        continue;
      ds.score = dimension_scores[ds.dimension];
      g_array_append_val (dims, ds);
    }
  for (guint32 d = 0; d < n_dimensions; d++)
    {
      OrgmapDimensionScore ds = { d, dimension_scores[d] };

      if (!had[d] && !isnan (ds.score))
        g_array_append_val (dims, ds);
    }

  if (dims->len == 0)
    g_clear_pointer (&dims, g_array_unref);
  return dims;
}

/* Rates, and with @set_dimensions sets the dimension scores too. */
static gboolean
rate (OrgmapHistory  *self,
      guint32         link,
      guint32         round,
      double          score,
      gint32          respondents,
      const char     *comment,
      gboolean        set_dimensions,
      const double   *dimension_scores,
      GError        **error)
{
  OrgmapDocument *doc = orgmap_history_get_document (self);
  OrgmapCommand *command;
  OrgmapRecord *before, *after;

  if (!check_scores (doc, link, score, dimension_scores, error))
    return FALSE;

  if (orgmap_document_find_rating (doc, link, round) != ORGMAP_NONE)
    {
      before = _orgmap_record_read (doc, ORGMAP_ITEM_RATING, link, round);
      after = _orgmap_record_copy (before);
      after->score = score;
      after->respondents = MAX (respondents, -1);
      _orgmap_history_set_optional (&after->comment, comment);
      if (set_dimensions)
        {
          g_clear_pointer (&after->dims, g_array_unref);
          after->dims = merge_dimension_scores (doc, before->dims, dimension_scores);
        }
      _orgmap_history_update (self, N_("Rate Link"), before, after);
      return TRUE;
    }

  /* A new rating ends its link's chain. */
  after = _orgmap_record_new (ORGMAP_ITEM_RATING, link);
  after->round = round;
  after->position = G_MAXUINT;
  after->score = score;
  after->respondents = MAX (respondents, -1);
  after->comment = g_strdup (_orgmap_history_optional (comment));
  if (set_dimensions)
    after->dims = merge_dimension_scores (doc, NULL, dimension_scores);

  command = _orgmap_command_new (N_("Rate Link"));
  _orgmap_command_push (command, doc, ORGMAP_STEP_INSERT, NULL, after);
  _orgmap_history_record (self, command);
  return TRUE;
}

gboolean
orgmap_history_rate (OrgmapHistory  *self,
                     guint32         link,
                     guint32         round,
                     double          score,
                     gint32          respondents,
                     const char     *comment,
                     GError        **error)
{
  OrgmapDocument *doc;

  g_return_val_if_fail (ORGMAP_IS_HISTORY (self), FALSE);
  doc = orgmap_history_get_document (self);
  g_return_val_if_fail (link < orgmap_document_get_n_links (doc), FALSE);
  g_return_val_if_fail (round < orgmap_document_get_n_rounds (doc), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return rate (self, link, round, score, respondents, comment, FALSE, NULL, error);
}

gboolean
orgmap_history_rate_dimensions (OrgmapHistory  *self,
                                guint32         link,
                                guint32         round,
                                double          score,
                                gint32          respondents,
                                const char     *comment,
                                const double   *dimension_scores,
                                GError        **error)
{
  OrgmapDocument *doc;

  g_return_val_if_fail (ORGMAP_IS_HISTORY (self), FALSE);
  doc = orgmap_history_get_document (self);
  g_return_val_if_fail (link < orgmap_document_get_n_links (doc), FALSE);
  g_return_val_if_fail (round < orgmap_document_get_n_rounds (doc), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return rate (self, link, round, score, respondents, comment, TRUE, dimension_scores, error);
}

gboolean
orgmap_history_clear_rating (OrgmapHistory *self,
                             guint32        link,
                             guint32        round)
{
  OrgmapDocument *doc;
  OrgmapCommand *command;

  g_return_val_if_fail (ORGMAP_IS_HISTORY (self), FALSE);
  doc = orgmap_history_get_document (self);
  g_return_val_if_fail (link < orgmap_document_get_n_links (doc), FALSE);
  g_return_val_if_fail (round < orgmap_document_get_n_rounds (doc), FALSE);

  if (orgmap_document_find_rating (doc, link, round) == ORGMAP_NONE)
    return FALSE;

  command = _orgmap_command_new (N_("Clear Rating"));
  _orgmap_command_remove_rating (command, doc, link, round);
  _orgmap_history_record (self, command);
  return TRUE;
}

/* Rounds */

guint32
orgmap_history_add_round (OrgmapHistory  *self,
                          const char     *name,
                          const char     *date,
                          GError        **error)
{
  OrgmapDocument *doc;
  OrgmapCommand *command;
  OrgmapRecord *after;
  guint32 handle;

  g_return_val_if_fail (ORGMAP_IS_HISTORY (self), ORGMAP_NONE);
  g_return_val_if_fail (error == NULL || *error == NULL, ORGMAP_NONE);

  doc = orgmap_history_get_document (self);
  if (_orgmap_history_is_blank (name))
    {
      g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
                   _("A new round needs a name"));
      return ORGMAP_NONE;
    }
  if (!_orgmap_history_check_date (date, name, error))
    return ORGMAP_NONE;

  handle = orgmap_document_get_n_rounds (doc);
  after = _orgmap_record_new (ORGMAP_ITEM_ROUND, handle);
  after->name = g_strdup (name);
  after->date = g_strdup (_orgmap_history_optional (date));

  command = _orgmap_command_new (N_("Add Round"));
  _orgmap_command_push (command, doc, ORGMAP_STEP_INSERT, NULL, after);
  _orgmap_history_record (self, command);
  return handle;
}

static gboolean
check_round_name (OrgmapDocument  *doc,
                  guint32          round,
                  const char      *name,
                  GError         **error)
{
  if (!_orgmap_history_is_blank (name))
    return TRUE;

  g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
               _("The round “%s” cannot be left without a name"),
               orgmap_document_get_round (doc, round)->name);
  return FALSE;
}

gboolean
orgmap_history_rename_round (OrgmapHistory  *self,
                             guint32         round,
                             const char     *name,
                             GError        **error)
{
  OrgmapDocument *doc;
  OrgmapRecord *before, *after;

  g_return_val_if_fail (ORGMAP_IS_HISTORY (self), FALSE);
  doc = orgmap_history_get_document (self);
  g_return_val_if_fail (round < orgmap_document_get_n_rounds (doc), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_round_name (doc, round, name, error))
    return FALSE;

  before = _orgmap_record_read (doc, ORGMAP_ITEM_ROUND, round, ORGMAP_NONE);
  after = _orgmap_record_copy (before);
  g_free (after->name);
  after->name = g_strdup (name);
  _orgmap_history_update (self, N_("Rename Round"), before, after);
  return TRUE;
}

gboolean
orgmap_history_set_round_details (OrgmapHistory  *self,
                                  guint32         round,
                                  const char     *name,
                                  const char     *date,
                                  GError        **error)
{
  OrgmapDocument *doc;
  OrgmapRecord *before, *after;

  g_return_val_if_fail (ORGMAP_IS_HISTORY (self), FALSE);
  doc = orgmap_history_get_document (self);
  g_return_val_if_fail (round < orgmap_document_get_n_rounds (doc), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_round_name (doc, round, name, error) ||
      !_orgmap_history_check_date (date, name, error))
    return FALSE;

  before = _orgmap_record_read (doc, ORGMAP_ITEM_ROUND, round, ORGMAP_NONE);
  after = _orgmap_record_copy (before);
  g_free (after->name);
  after->name = g_strdup (name);
  _orgmap_history_set_optional (&after->date, date);
  _orgmap_history_update (self, N_("Change Round"), before, after);
  return TRUE;
}

gboolean
orgmap_history_delete_round (OrgmapHistory  *self,
                             guint32         round,
                             GError        **error)
{
  OrgmapDocument *doc;
  OrgmapCommand *command;

  g_return_val_if_fail (ORGMAP_IS_HISTORY (self), FALSE);
  doc = orgmap_history_get_document (self);
  g_return_val_if_fail (round < orgmap_document_get_n_rounds (doc), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  command = _orgmap_command_new (N_("Delete Round"));
  orgmap_document_freeze (doc);
  _orgmap_command_remove_round (command, doc, round);
  orgmap_document_thaw (doc);
  _orgmap_history_record (self, command);
  return TRUE;
}

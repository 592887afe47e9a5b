/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-model"

#include "config.h"

#include "orgmap-history-private.h"

#include "orgmap-error.h"

/* Steps of commands: records of items, and how to apply them. Every step
 * touches one item with the document's setters and its insertion and
 * removal at an index, so that undoing gives back the very same handles,
 * sibling order and chains of ratings. */

/* Records */

OrgmapRecord *
_orgmap_record_new (OrgmapItemKind kind,
                    guint32        index)
{
  OrgmapRecord *record = g_new0 (OrgmapRecord, 1);

  record->kind = kind;
  record->index = index;
  record->round = ORGMAP_NONE;
  record->parent = ORGMAP_NONE;
  record->provider = ORGMAP_NONE;
  record->client = ORGMAP_NONE;
  record->headcount = -1;
  record->respondents = -1;
  record->type_override = ORGMAP_LINK_AUTOMATIC;
  return record;
}

OrgmapRecord *
_orgmap_record_read (OrgmapDocument *document,
                     OrgmapItemKind  kind,
                     guint32         index,
                     guint32         round)
{
  OrgmapRecord *record = _orgmap_record_new (kind, index);
  const OrgmapUnit *unit;
  const OrgmapExternal *external;
  const OrgmapLink *link;
  const OrgmapRound *r;
  const OrgmapRating *rating;
  const OrgmapDimensionScore *scores;
  guint32 handle;
  guint n_scores;

  switch (kind)
    {
    case ORGMAP_ITEM_UNIT:
      unit = orgmap_document_get_unit (document, index);
      record->id = g_strdup (unit->id);
      record->name = g_strdup (unit->name);
      record->head = g_strdup (unit->head);
      record->area = g_strdup (unit->area);
      record->notes = g_strdup (unit->notes);
      record->parent = unit->parent;
      record->level = unit->level;
      record->headcount = unit->headcount;
      record->placed = orgmap_document_get_unit_position (document, index, &record->x, &record->y);
      break;

    case ORGMAP_ITEM_EXTERNAL:
      external = orgmap_document_get_external (document, index);
      record->id = g_strdup (external->id);
      record->name = g_strdup (external->name);
      record->notes = g_strdup (external->notes);
      break;

    case ORGMAP_ITEM_LINK:
      link = orgmap_document_get_link (document, index);
      record->id = g_strdup (link->id);
      record->service = g_strdup (link->service);
      record->notes = g_strdup (link->notes);
      record->provider = link->provider;
      record->client = link->client;
      record->type_override = link->type_override;
      break;

    case ORGMAP_ITEM_ROUND:
      r = orgmap_document_get_round (document, index);
      record->id = g_strdup (r->id);
      record->name = g_strdup (r->name);
      record->date = g_strdup (r->date);
      break;

    case ORGMAP_ITEM_RATING:
      handle = orgmap_document_find_rating (document, index, round);
      g_assert (handle != ORGMAP_NONE);
      record->round = round;
      for (guint32 h = orgmap_document_get_link (document, index)->first_rating; h != handle;
           h = orgmap_document_get_rating (document, h)->next)
        record->position++;
      rating = orgmap_document_get_rating (document, handle);
      record->score = rating->score;
      record->respondents = rating->respondents;
      record->comment = g_strdup (rating->comment);
      scores = orgmap_document_get_dimension_scores (document, handle, &n_scores);
      if (n_scores > 0)
        {
          record->dims = g_array_sized_new (FALSE, FALSE, sizeof (OrgmapDimensionScore), n_scores);
          g_array_append_vals (record->dims, scores, n_scores);
        }
      break;

    default:
      g_assert_not_reached ();
    }

  return record;
}

OrgmapRecord *
_orgmap_record_copy (const OrgmapRecord *record)
{
  OrgmapRecord *copy = g_memdup2 (record, sizeof *record);

  copy->id = g_strdup (record->id);
  copy->name = g_strdup (record->name);
  copy->head = g_strdup (record->head);
  copy->area = g_strdup (record->area);
  copy->notes = g_strdup (record->notes);
  copy->service = g_strdup (record->service);
  copy->date = g_strdup (record->date);
  copy->comment = g_strdup (record->comment);
  if (record->dims != NULL)
    copy->dims = g_array_copy (record->dims);
  return copy;
}

void
_orgmap_record_free (OrgmapRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->id);
  g_free (record->name);
  g_free (record->head);
  g_free (record->area);
  g_free (record->notes);
  g_free (record->service);
  g_free (record->date);
  g_free (record->comment);
  g_clear_pointer (&record->dims, g_array_unref);
  g_free (record);
}

guint
_orgmap_record_n_changes (const OrgmapRecord *before,
                          const OrgmapRecord *after)
{
  return (g_strcmp0 (before->name, after->name) != 0) +
         (g_strcmp0 (before->head, after->head) != 0) +
         (g_strcmp0 (before->area, after->area) != 0) +
         (g_strcmp0 (before->notes, after->notes) != 0) +
         (g_strcmp0 (before->service, after->service) != 0) +
         (g_strcmp0 (before->date, after->date) != 0) +
         (g_strcmp0 (before->comment, after->comment) != 0) +
         (before->parent != after->parent) +
         (before->level != after->level) +
         (before->headcount != after->headcount) +
         (before->respondents != after->respondents) +
         (before->type_override != after->type_override) +
         (before->placed != after->placed || before->x != after->x || before->y != after->y) +
         (before->score != after->score);
}

/* Applying records */

/* Steps replay edits that were checked when first done: a failure here is
 * a bug (or an edit made behind the history's back). */
static void
check (gboolean  ok,
       GError   *error)
{
  if (!ok)
    g_critical ("Cannot replay an edit: %s", error != NULL ? error->message : "unknown error");
  g_clear_error (&error);
}

static void
insert_item (OrgmapDocument *document,
             OrgmapRecord   *record)
{
  GError *error = NULL;
  guint32 rating;
  gboolean ok;

  switch (record->kind)
    {
    case ORGMAP_ITEM_UNIT:
      ok = orgmap_document_insert_unit (document, record->index, record->id, record->name,
                                        record->parent, &error);
      check (ok, error);
      if (!ok)
        return;
      if (record->id == NULL)
        record->id = g_strdup (orgmap_document_get_unit (document, record->index)->id);
      orgmap_document_set_unit_head (document, record->index, record->head);
      orgmap_document_set_unit_area (document, record->index, record->area);
      orgmap_document_set_unit_notes (document, record->index, record->notes);
      orgmap_document_set_unit_level (document, record->index, record->level);
      orgmap_document_set_unit_headcount (document, record->index, record->headcount);
      if (record->placed)
        orgmap_document_set_unit_position (document, record->index, record->x, record->y);
      break;

    case ORGMAP_ITEM_EXTERNAL:
      ok = orgmap_document_insert_external (document, record->index, record->id, record->name, &error);
      check (ok, error);
      if (!ok)
        return;
      if (record->id == NULL)
        record->id = g_strdup (orgmap_document_get_external (document, record->index)->id);
      orgmap_document_set_external_notes (document, record->index, record->notes);
      break;

    case ORGMAP_ITEM_LINK:
      ok = orgmap_document_insert_link (document, record->index, record->id, record->provider,
                                        record->client, record->service, &error);
      check (ok, error);
      if (!ok)
        return;
      if (record->id == NULL)
        record->id = g_strdup (orgmap_document_get_link (document, record->index)->id);
      orgmap_document_set_link_notes (document, record->index, record->notes);
      orgmap_document_set_link_type_override (document, record->index, record->type_override);
      break;

    case ORGMAP_ITEM_ROUND:
      ok = orgmap_document_insert_round (document, record->index, record->id, record->name,
                                         record->date, &error);
      check (ok, error);
      if (ok && record->id == NULL)
        record->id = g_strdup (orgmap_document_get_round (document, record->index)->id);
      break;

    case ORGMAP_ITEM_RATING:
      rating = orgmap_document_set_rating_at (document, record->index, record->round, record->position,
                                              record->score, record->respondents, record->comment,
                                              &error);
      check (rating != ORGMAP_NONE, error);
      if (rating == ORGMAP_NONE || record->dims == NULL)
        return;
      for (guint i = 0; i < record->dims->len; i++)
        {
          const OrgmapDimensionScore *ds = &g_array_index (record->dims, OrgmapDimensionScore, i);

          ok = orgmap_document_set_rating_dimension (document, rating, ds->dimension, ds->score, &error);
          check (ok, error);
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
remove_item (OrgmapDocument     *document,
             const OrgmapRecord *record)
{
  GError *error = NULL;

  switch (record->kind)
    {
    case ORGMAP_ITEM_UNIT:
      check (orgmap_document_remove_unit (document, record->index, &error), error);
      break;

    case ORGMAP_ITEM_EXTERNAL:
      check (orgmap_document_remove_external (document, record->index, &error), error);
      break;

    case ORGMAP_ITEM_LINK:
      check (orgmap_document_remove_link (document, record->index, &error), error);
      break;

    case ORGMAP_ITEM_ROUND:
      check (orgmap_document_remove_round (document, record->index, &error), error);
      break;

    case ORGMAP_ITEM_RATING:
      orgmap_document_remove_rating (document, record->index, record->round);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
update_item (OrgmapDocument     *document,
             const OrgmapRecord *record)
{
  GError *error = NULL;
  guint32 rating;

  switch (record->kind)
    {
    case ORGMAP_ITEM_UNIT:
      orgmap_document_set_unit_name (document, record->index, record->name);
      orgmap_document_set_unit_head (document, record->index, record->head);
      orgmap_document_set_unit_area (document, record->index, record->area);
      orgmap_document_set_unit_notes (document, record->index, record->notes);
      orgmap_document_set_unit_level (document, record->index, record->level);
      orgmap_document_set_unit_headcount (document, record->index, record->headcount);
      check (orgmap_document_set_unit_parent (document, record->index, record->parent, &error), error);
      if (record->placed)
        orgmap_document_set_unit_position (document, record->index, record->x, record->y);
      else
        orgmap_document_clear_unit_position (document, record->index);
      break;

    case ORGMAP_ITEM_EXTERNAL:
      orgmap_document_set_external_name (document, record->index, record->name);
      orgmap_document_set_external_notes (document, record->index, record->notes);
      break;

    case ORGMAP_ITEM_LINK:
      orgmap_document_set_link_service (document, record->index, record->service);
      orgmap_document_set_link_notes (document, record->index, record->notes);
      orgmap_document_set_link_type_override (document, record->index, record->type_override);
      break;

    case ORGMAP_ITEM_ROUND:
      orgmap_document_set_round_name (document, record->index, record->name);
      orgmap_document_set_round_date (document, record->index, record->date);
      break;

    case ORGMAP_ITEM_RATING:
      /* Replacing the values keeps the rating's place and dimension scores. */
      rating = orgmap_document_set_rating (document, record->index, record->round, record->score,
                                           record->respondents, record->comment, &error);
      check (rating != ORGMAP_NONE, error);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
apply_step (OrgmapDocument *document,
            OrgmapStep     *step,
            gboolean        forward)
{
  switch (step->op)
    {
    case ORGMAP_STEP_INSERT:
      if (forward)
        insert_item (document, step->after);
      else
        remove_item (document, step->after);
      break;

    case ORGMAP_STEP_REMOVE:
      if (forward)
        remove_item (document, step->before);
      else
        insert_item (document, step->before);
      break;

    case ORGMAP_STEP_UPDATE:
      update_item (document, forward ? step->after : step->before);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Commands */

static void
step_clear (gpointer data)
{
  OrgmapStep *step = data;

  g_clear_pointer (&step->before, _orgmap_record_free);
  g_clear_pointer (&step->after, _orgmap_record_free);
}

OrgmapCommand *
_orgmap_command_new (const char *label)
{
  OrgmapCommand *command = g_new0 (OrgmapCommand, 1);

  command->label = label;
  command->steps = g_array_new (FALSE, FALSE, sizeof (OrgmapStep));
  g_array_set_clear_func (command->steps, step_clear);
  return command;
}

void
_orgmap_command_free (OrgmapCommand *command)
{
  if (command == NULL)
    return;

  g_array_unref (command->steps);
  g_free (command);
}

void
_orgmap_command_push (OrgmapCommand  *command,
                      OrgmapDocument *document,
                      OrgmapStepOp    op,
                      OrgmapRecord   *before,
                      OrgmapRecord   *after)
{
  OrgmapStep step = { op, before, after };

  g_array_append_val (command->steps, step);
  apply_step (document, &g_array_index (command->steps, OrgmapStep, command->steps->len - 1), TRUE);
}

/* How many changes inserting the item makes: the insertion, then one
 * setter for each field it does not get plain. */
static guint
n_insert_changes (const OrgmapRecord *record)
{
  switch (record->kind)
    {
    case ORGMAP_ITEM_UNIT:
      return 1 + (record->head != NULL) + (record->area != NULL) + (record->notes != NULL) +
             (record->level != 0) + (record->headcount != -1) + (record->placed != FALSE);
    case ORGMAP_ITEM_EXTERNAL:
      return 1 + (record->notes != NULL);
    case ORGMAP_ITEM_LINK:
      return 1 + (record->notes != NULL) + (record->type_override != ORGMAP_LINK_AUTOMATIC);
    case ORGMAP_ITEM_ROUND:
      return 1;
    case ORGMAP_ITEM_RATING:
      return 1 + (record->dims != NULL ? record->dims->len : 0);
    default:
      g_assert_not_reached ();
    }
}

/* Several steps, or one that makes several changes, would each tell the
 * observers; frozen, they hear of one change. */
static gboolean
needs_freeze (OrgmapCommand *command)
{
  const OrgmapStep *step;

  if (command->steps->len != 1)
    return TRUE;
  step = &g_array_index (command->steps, OrgmapStep, 0);
  switch (step->op)
    {
    case ORGMAP_STEP_INSERT:
      return n_insert_changes (step->after) > 1;
    case ORGMAP_STEP_REMOVE:
      return n_insert_changes (step->before) > 1;
    case ORGMAP_STEP_UPDATE:
      return _orgmap_record_n_changes (step->before, step->after) > 1;
    default:
      g_assert_not_reached ();
    }
}

void
_orgmap_command_redo (OrgmapCommand  *command,
                      OrgmapDocument *document)
{
  gboolean freeze = needs_freeze (command);

  if (freeze)
    orgmap_document_freeze (document);
  for (guint i = 0; i < command->steps->len; i++)
    apply_step (document, &g_array_index (command->steps, OrgmapStep, i), TRUE);
  if (freeze)
    orgmap_document_thaw (document);
}

void
_orgmap_command_undo (OrgmapCommand  *command,
                      OrgmapDocument *document)
{
  gboolean freeze = needs_freeze (command);

  if (freeze)
    orgmap_document_freeze (document);
  for (guint i = command->steps->len; i > 0; i--)
    apply_step (document, &g_array_index (command->steps, OrgmapStep, i - 1), FALSE);
  if (freeze)
    orgmap_document_thaw (document);
}

/* Removal logs */

void
_orgmap_command_remove_rating (OrgmapCommand  *command,
                               OrgmapDocument *document,
                               guint32         link,
                               guint32         round)
{
  _orgmap_command_push (command, document, ORGMAP_STEP_REMOVE,
                        _orgmap_record_read (document, ORGMAP_ITEM_RATING, link, round), NULL);
}

/* The ratings first, from the front of the chain, then the link. */
void
_orgmap_command_remove_link (OrgmapCommand  *command,
                             OrgmapDocument *document,
                             guint32         link)
{
  guint32 first;

  while ((first = orgmap_document_get_link (document, link)->first_rating) != ORGMAP_NONE)
    _orgmap_command_remove_rating (command, document, link,
                                   orgmap_document_get_rating (document, first)->round);

  _orgmap_command_push (command, document, ORGMAP_STEP_REMOVE,
                        _orgmap_record_read (document, ORGMAP_ITEM_LINK, link, ORGMAP_NONE), NULL);
}

void
_orgmap_command_remove_external (OrgmapCommand  *command,
                                 OrgmapDocument *document,
                                 guint32         external)
{
  guint32 handle = ORGMAP_EXTERNAL_HANDLE (external);

  /* From the last link down, so that the handles still to visit stay put. */
  for (guint32 i = orgmap_document_get_n_links (document); i > 0; i--)
    if (orgmap_document_get_link (document, i - 1)->client == handle)
      _orgmap_command_remove_link (command, document, i - 1);

  _orgmap_command_push (command, document, ORGMAP_STEP_REMOVE,
                        _orgmap_record_read (document, ORGMAP_ITEM_EXTERNAL, external, ORGMAP_NONE),
                        NULL);
}

void
_orgmap_command_remove_round (OrgmapCommand  *command,
                              OrgmapDocument *document,
                              guint32         round)
{
  /* Removing a rating moves no link handle. */
  for (guint32 i = 0; i < orgmap_document_get_n_links (document); i++)
    if (orgmap_document_find_rating (document, i, round) != ORGMAP_NONE)
      _orgmap_command_remove_rating (command, document, i, round);

  _orgmap_command_push (command, document, ORGMAP_STEP_REMOVE,
                        _orgmap_record_read (document, ORGMAP_ITEM_ROUND, round, ORGMAP_NONE), NULL);
}

/* A Fenwick tree over unit handles counts the units already removed below
 * a handle, so that each unit of a subtree is found at its current handle
 * in O(log n). */
static void
fenwick_add (guint32 *tree,
             guint    n,
             guint32  handle)
{
  for (guint i = handle + 1; i <= n; i += i & -i)
    tree[i]++;
}

static guint32
fenwick_count_below (const guint32 *tree,
                     guint32        handle)
{
  guint32 count = 0;

  for (guint i = handle; i > 0; i -= i & -i)
    count += tree[i];
  return count;
}

/* The links touching the subtree (their ratings first), then its units,
 * deepest first: each is a leaf when its turn comes. */
void
_orgmap_command_remove_subtree (OrgmapCommand  *command,
                                OrgmapDocument *document,
                                guint32         unit)
{
  guint n_units = orgmap_document_get_n_units (document);
  g_autofree guint8 *in_subtree = g_new0 (guint8, n_units);
  g_autofree guint32 *removed = NULL;
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint32));

  /* Breadth first: depths never decrease along the order. */
  g_array_append_val (order, unit);
  in_subtree[unit] = TRUE;
  for (guint i = 0; i < order->len; i++)
    {
      guint n_children;
      const guint32 *children =
        orgmap_document_get_unit_children (document, g_array_index (order, guint32, i), &n_children);

      for (guint k = 0; k < n_children; k++)
        in_subtree[children[k]] = TRUE;
      g_array_append_vals (order, children, n_children);
    }

  for (guint32 i = orgmap_document_get_n_links (document); i > 0; i--)
    {
      const OrgmapLink *link = orgmap_document_get_link (document, i - 1);

      if (in_subtree[link->provider] ||
          (!ORGMAP_IS_EXTERNAL (link->client) && in_subtree[link->client]))
        _orgmap_command_remove_link (command, document, i - 1);
    }

  removed = g_new0 (guint32, n_units + 1);
  for (guint i = order->len; i > 0; i--)
    {
      guint32 original = g_array_index (order, guint32, i - 1);
      guint32 current = original - fenwick_count_below (removed, original);

      _orgmap_command_push (command, document, ORGMAP_STEP_REMOVE,
                            _orgmap_record_read (document, ORGMAP_ITEM_UNIT, current, ORGMAP_NONE),
                            NULL);
      fenwick_add (removed, n_units, original);
    }
}

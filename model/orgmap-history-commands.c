/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-model"

#include "config.h"

#include "orgmap-history-private.h"

#include <string.h>

#include "orgmap-error.h"

/* Steps of commands: records of items, and how to apply them. A step
 * touches one item with the document's setters and its insertion and
 * removal at an index, or many items removed at once (a batch), so that
 * undoing gives back the very same handles, sibling order and chains of
 * ratings. */

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

    case ORGMAP_ITEM_DOCUMENT:
      record->name = g_strdup (orgmap_document_get_name (document));
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

static gboolean
dims_equal (const GArray *a,
            const GArray *b)
{
  guint na = a != NULL ? a->len : 0;
  guint nb = b != NULL ? b->len : 0;

  return na == nb &&
         (na == 0 || memcmp (a->data, b->data, na * sizeof (OrgmapDimensionScore)) == 0);
}

guint
_orgmap_record_n_changes (const OrgmapRecord *before,
                          const OrgmapRecord *after)
{
  guint n =
         (g_strcmp0 (before->name, after->name) != 0) +
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
         (before->score != after->score) +
         !dims_equal (before->dims, after->dims);

  /* A rating is put whole, in one change. */
  if (before->kind == ORGMAP_ITEM_RATING)
    return MIN (n, 1);
  return n;
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

/* Sets all of a rating, its place and dimension scores included. */
static void
put_rating (OrgmapDocument     *document,
            const OrgmapRecord *record)
{
  OrgmapRatingEntry entry = {
    ORGMAP_NONE, record->index, record->round, record->position, record->score,
    record->respondents, record->comment, 0, record->dims != NULL ? record->dims->len : 0,
  };
  GError *error = NULL;
  guint32 rating;

  rating = orgmap_document_put_rating (document, &entry,
                                       record->dims != NULL
                                       ? (const OrgmapDimensionScore *) record->dims->data : NULL,
                                       &error);
  check (rating != ORGMAP_NONE, error);
}

static void
insert_item (OrgmapDocument *document,
             OrgmapRecord   *record)
{
  GError *error = NULL;
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
      put_rating (document, record);
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

    case ORGMAP_ITEM_DOCUMENT:
      orgmap_document_set_name (document, record->name);
      break;

    case ORGMAP_ITEM_RATING:
      /* The record holds the rating's place, which stays as it was. */
      put_rating (document, record);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Batches */

static OrgmapBatch *
batch_new (void)
{
  OrgmapBatch *batch = g_new0 (OrgmapBatch, 1);

  batch->units = g_array_new (FALSE, FALSE, sizeof (OrgmapUnitEntry));
  batch->links = g_array_new (FALSE, FALSE, sizeof (OrgmapLinkEntry));
  batch->ratings = g_array_new (FALSE, FALSE, sizeof (OrgmapRatingEntry));
  batch->scores = g_array_new (FALSE, FALSE, sizeof (OrgmapDimensionScore));
  batch->strings = g_string_chunk_new (1 << 12);
  return batch;
}

static void
batch_free (OrgmapBatch *batch)
{
  g_array_unref (batch->units);
  g_array_unref (batch->links);
  g_array_unref (batch->ratings);
  g_array_unref (batch->scores);
  g_string_chunk_free (batch->strings);
  g_free (batch);
}

/* The handles of entries, which all start with theirs. */
static guint32 *
entry_handles (GArray *entries)
{
  guint size = g_array_get_element_size (entries);
  guint32 *handles = g_new (guint32, MAX (entries->len, 1));

  for (guint i = 0; i < entries->len; i++)
    handles[i] = *(const guint32 *) (entries->data + (gsize) i * size);
  return handles;
}

static void
apply_batch (OrgmapDocument *document,
             OrgmapBatch    *batch,
             gboolean        forward)
{
  GError *error = NULL;

  if (forward)
    {
      g_autofree guint32 *ratings = entry_handles (batch->ratings);
      g_autofree guint32 *links = entry_handles (batch->links);
      g_autofree guint32 *units = entry_handles (batch->units);

      orgmap_document_remove_ratings (document, ratings, batch->ratings->len, NULL, NULL);
      check (orgmap_document_remove_links (document, links, batch->links->len, NULL, &error), error);
      error = NULL;
      check (orgmap_document_remove_units (document, units, batch->units->len, NULL, &error), error);
      return;
    }

  check (orgmap_document_insert_units (document, (const OrgmapUnitEntry *) batch->units->data,
                                       batch->units->len, &error), error);
  error = NULL;
  check (orgmap_document_insert_links (document, (const OrgmapLinkEntry *) batch->links->data,
                                       batch->links->len, &error), error);
  error = NULL;
  check (orgmap_document_insert_ratings (document, (const OrgmapRatingEntry *) batch->ratings->data,
                                         batch->ratings->len,
                                         (const OrgmapDimensionScore *) batch->scores->data,
                                         batch->scores->len, &error), error);
}

static inline const char *
copy_string (GStringChunk *strings,
             const char   *str)
{
  return str != NULL ? g_string_chunk_insert_const (strings, str) : NULL;
}

/* Removes @ratings, then @links, then @units (handles, each ascending) as
 * one step of @command, which keeps what puts them back. */
static void
push_batch (OrgmapCommand  *command,
            OrgmapDocument *document,
            GArray         *ratings,
            GArray         *links,
            GArray         *units)
{
  OrgmapBatch *batch;
  OrgmapStep step = { ORGMAP_STEP_REMOVE_MANY, NULL, NULL, NULL };
  GError *error = NULL;

  if (ratings->len == 0 && links->len == 0 && units->len == 0)
    return;

  step.batch = batch = batch_new ();

  orgmap_document_remove_ratings (document, (const guint32 *) ratings->data, ratings->len,
                                  batch->ratings, batch->scores);
  check (orgmap_document_remove_links (document, (const guint32 *) links->data, links->len,
                                       batch->links, &error), error);
  error = NULL;
  check (orgmap_document_remove_units (document, (const guint32 *) units->data, units->len,
                                       batch->units, &error), error);

  /* The document's strings outlive the items, but records keep copies. Ids
   * are unique: they need no search for a copy already made. */
  for (guint i = 0; i < batch->ratings->len; i++)
    {
      OrgmapRatingEntry *e = &g_array_index (batch->ratings, OrgmapRatingEntry, i);

      e->comment = copy_string (batch->strings, e->comment);
    }
  for (guint i = 0; i < batch->links->len; i++)
    {
      OrgmapLinkEntry *e = &g_array_index (batch->links, OrgmapLinkEntry, i);

      e->id = g_string_chunk_insert (batch->strings, e->id);
      e->service = copy_string (batch->strings, e->service);
      e->notes = copy_string (batch->strings, e->notes);
    }
  for (guint i = 0; i < batch->units->len; i++)
    {
      OrgmapUnitEntry *e = &g_array_index (batch->units, OrgmapUnitEntry, i);

      e->id = g_string_chunk_insert (batch->strings, e->id);
      e->name = copy_string (batch->strings, e->name);
      e->head = copy_string (batch->strings, e->head);
      e->area = copy_string (batch->strings, e->area);
      e->notes = copy_string (batch->strings, e->notes);
    }

  g_array_append_val (command->steps, step);
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

    case ORGMAP_STEP_REMOVE_MANY:
      apply_batch (document, step->batch, forward);
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
  g_clear_pointer (&step->batch, batch_free);
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
  OrgmapStep step = { op, before, after, NULL };

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
      return 1;
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
    case ORGMAP_STEP_REMOVE_MANY:
      return TRUE;
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

static GArray *
handle_array (void)
{
  return g_array_new (FALSE, FALSE, sizeof (guint32));
}

/* The ratings, ascending, of @links: marked along their chains, then
 * collected in one sweep. */
static GArray *
ratings_of_links (OrgmapDocument *document,
                  GArray         *links)
{
  guint n_ratings = orgmap_document_get_n_ratings (document);
  g_autofree guint8 *marked = g_new0 (guint8, MAX (n_ratings, 1));
  GArray *ratings = handle_array ();
  guint n = 0;

  for (guint i = 0; i < links->len; i++)
    {
      guint32 link = g_array_index (links, guint32, i);

      for (guint32 r = orgmap_document_get_link (document, link)->first_rating; r != ORGMAP_NONE;
           r = orgmap_document_get_rating (document, r)->next)
        {
          marked[r] = TRUE;
          n++;
        }
    }
  g_array_set_size (ratings, n);
  n = 0;
  for (guint32 r = 0; r < n_ratings; r++)
    if (marked[r])
      g_array_index (ratings, guint32, n++) = r;
  return ratings;
}

void
_orgmap_command_remove_link (OrgmapCommand  *command,
                             OrgmapDocument *document,
                             guint32         link)
{
  g_autoptr(GArray) links = handle_array ();
  g_autoptr(GArray) units = handle_array ();
  g_autoptr(GArray) ratings = NULL;

  g_array_append_val (links, link);
  ratings = ratings_of_links (document, links);
  push_batch (command, document, ratings, links, units);
}

/* The links that serve it with their ratings, then the external client. */
void
_orgmap_command_remove_external (OrgmapCommand  *command,
                                 OrgmapDocument *document,
                                 guint32         external)
{
  guint32 handle = ORGMAP_EXTERNAL_HANDLE (external);
  g_autoptr(GArray) links = handle_array ();
  g_autoptr(GArray) units = handle_array ();
  g_autoptr(GArray) ratings = NULL;

  for (guint32 i = 0; i < orgmap_document_get_n_links (document); i++)
    if (orgmap_document_get_link (document, i)->client == handle)
      g_array_append_val (links, i);
  ratings = ratings_of_links (document, links);
  push_batch (command, document, ratings, links, units);

  _orgmap_command_push (command, document, ORGMAP_STEP_REMOVE,
                        _orgmap_record_read (document, ORGMAP_ITEM_EXTERNAL, external, ORGMAP_NONE),
                        NULL);
}

/* Its ratings, then the round. */
void
_orgmap_command_remove_round (OrgmapCommand  *command,
                              OrgmapDocument *document,
                              guint32         round)
{
  g_autoptr(GArray) ratings = handle_array ();
  g_autoptr(GArray) links = handle_array ();
  g_autoptr(GArray) units = handle_array ();
  guint n = 0;

  /* Sized for all, trimmed after: a round may hold most ratings. */
  g_array_set_size (ratings, orgmap_document_get_n_ratings (document));
  for (guint32 i = 0; i < ratings->len; i++)
    if (orgmap_document_get_rating (document, i)->round == round)
      g_array_index (ratings, guint32, n++) = i;
  g_array_set_size (ratings, n);
  push_batch (command, document, ratings, links, units);

  _orgmap_command_push (command, document, ORGMAP_STEP_REMOVE,
                        _orgmap_record_read (document, ORGMAP_ITEM_ROUND, round, ORGMAP_NONE),
                        NULL);
}

/* The subtree's units, the links touching any of them and their ratings. */
void
_orgmap_command_remove_subtree (OrgmapCommand  *command,
                                OrgmapDocument *document,
                                guint32         unit)
{
  guint n_units = orgmap_document_get_n_units (document);
  guint n_links = orgmap_document_get_n_links (document);
  g_autofree guint8 *in_subtree = g_new0 (guint8, n_units);
  g_autoptr(GArray) pending = handle_array ();
  g_autoptr(GArray) links = handle_array ();
  g_autoptr(GArray) units = handle_array ();
  g_autoptr(GArray) ratings = NULL;

  g_array_append_val (pending, unit);
  in_subtree[unit] = TRUE;
  while (pending->len > 0)
    {
      guint32 u = g_array_index (pending, guint32, pending->len - 1);
      guint n_children;
      const guint32 *children = orgmap_document_get_unit_children (document, u, &n_children);

      g_array_set_size (pending, pending->len - 1);
      for (guint k = 0; k < n_children; k++)
        in_subtree[children[k]] = TRUE;
      g_array_append_vals (pending, children, n_children);
    }

  for (guint32 i = 0; i < n_links; i++)
    {
      const OrgmapLink *link = orgmap_document_get_link (document, i);

      if (in_subtree[link->provider] ||
          (!ORGMAP_IS_EXTERNAL (link->client) && in_subtree[link->client]))
        g_array_append_val (links, i);
    }
  ratings = ratings_of_links (document, links);
  for (guint32 i = 0; i < n_units; i++)
    if (in_subtree[i])
      g_array_append_val (units, i);

  push_batch (command, document, ratings, links, units);
}

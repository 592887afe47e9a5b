/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "orgmap-document.h"

#include <string.h>

#include "orgmap-error.h"
#include "orgmap-test-dump.h"

/* Removal and insertion at an index: removing items and putting them back
 * in reverse order must give back exactly the same document, handle for
 * handle, and every state in between must be consistent. */

/* Removals logged for undo */

typedef enum
{
  RECORD_RATING,
  RECORD_LINK,
  RECORD_UNIT,
  RECORD_EXTERNAL,
  RECORD_ROUND,
} RecordKind;

typedef struct
{
  RecordKind  kind;
  guint32     index;      /* the item's handle when removed; a rating's link */
  guint32     round;
  guint       position;   /* in the chain of ratings */
  char       *id;
  char       *name;
  char       *head;
  char       *area;
  char       *notes;
  char       *service;
  char       *date;
  char       *comment;
  guint32     parent;
  guint32     provider;
  guint32     client;
  gint32      level;
  gint32      headcount;
  gint32      respondents;
  guint8      type_override;
  gboolean    placed;
  double      x;
  double      y;
  double      score;
  GArray     *dims;       /* OrgmapDimensionScore */
} Record;

static void
record_free (gpointer data)
{
  Record *record = data;

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

static Record *
record_new (GPtrArray  *log,
            RecordKind  kind,
            guint32     index)
{
  Record *record = g_new0 (Record, 1);

  record->kind = kind;
  record->index = index;
  g_ptr_array_add (log, record);
  return record;
}

static void
shuffle (GPtrArray *array,
         GRand     *rand)
{
  for (guint i = array->len; i > 1; i--)
    {
      guint j = orgmap_test_random_below (rand, i);
      gpointer tmp = array->pdata[i - 1];

      array->pdata[i - 1] = array->pdata[j];
      array->pdata[j] = tmp;
    }
}

static void
remove_rating_logged (OrgmapDocument *doc,
                      GPtrArray      *log,
                      guint32         link,
                      guint32         round)
{
  guint n_ratings = orgmap_document_get_n_ratings (doc);
  guint32 handle = orgmap_document_find_rating (doc, link, round);
  const OrgmapRating *rating = orgmap_document_get_rating (doc, handle);
  const OrgmapDimensionScore *scores;
  Record *record = record_new (log, RECORD_RATING, link);
  guint n_scores;

  record->round = round;
  for (guint32 r = orgmap_document_get_link (doc, link)->first_rating; r != handle;
       r = orgmap_document_get_rating (doc, r)->next)
    record->position++;
  record->score = rating->score;
  record->respondents = rating->respondents;
  record->comment = g_strdup (rating->comment);
  record->dims = g_array_new (FALSE, FALSE, sizeof (OrgmapDimensionScore));
  scores = orgmap_document_get_dimension_scores (doc, handle, &n_scores);
  if (n_scores > 0)
    g_array_append_vals (record->dims, scores, n_scores);

  orgmap_document_remove_rating (doc, link, round);
  g_assert_cmpuint (orgmap_document_find_rating (doc, link, round), ==, ORGMAP_NONE);
  g_assert_cmpuint (orgmap_document_get_n_ratings (doc), ==, n_ratings - 1);
}

/* The link's ratings in a random order, then the link. */
static void
remove_link_logged (OrgmapDocument *doc,
                    GPtrArray      *log,
                    GRand          *rand,
                    guint32         link)
{
  const OrgmapLink *l;
  Record *record;

  while (orgmap_document_get_link (doc, link)->first_rating != ORGMAP_NONE)
    {
      guint32 chain[8];
      guint n = 0;

      for (guint32 r = orgmap_document_get_link (doc, link)->first_rating; r != ORGMAP_NONE;
           r = orgmap_document_get_rating (doc, r)->next)
        chain[n++] = r;
      remove_rating_logged (doc, log, link,
                            orgmap_document_get_rating (doc, chain[orgmap_test_random_below (rand, n)])->round);
    }

  l = orgmap_document_get_link (doc, link);
  record = record_new (log, RECORD_LINK, link);
  record->id = g_strdup (l->id);
  record->service = g_strdup (l->service);
  record->notes = g_strdup (l->notes);
  record->provider = l->provider;
  record->client = l->client;
  record->type_override = l->type_override;

  g_assert_true (orgmap_document_remove_link (doc, link, NULL));
  g_assert_cmpuint (orgmap_document_find_link (doc, record->id), ==, ORGMAP_NONE);
}

/* The links of a party, in a random order. */
static void
remove_links_of (OrgmapDocument *doc,
                 GPtrArray      *log,
                 GRand          *rand,
                 guint32         party)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint32 i = 0; i < orgmap_document_get_n_links (doc); i++)
    {
      const OrgmapLink *l = orgmap_document_get_link (doc, i);

      if (l->provider == party || l->client == party)
        g_ptr_array_add (ids, (gpointer) l->id);
    }
  shuffle (ids, rand);
  for (guint i = 0; i < ids->len; i++)
    remove_link_logged (doc, log, rand, orgmap_document_find_link (doc, ids->pdata[i]));
}

/* The unit's whole subtree, each unit with its links, a random leaf at a time. */
static void
remove_unit_logged (OrgmapDocument *doc,
                    GPtrArray      *log,
                    GRand          *rand,
                    guint32         unit)
{
  g_autoptr(GPtrArray) pending = g_ptr_array_new ();

  g_ptr_array_add (pending, (gpointer) orgmap_document_get_unit (doc, unit)->id);
  for (guint i = 0; i < pending->len; i++)
    {
      guint n_children;
      const guint32 *children =
        orgmap_document_get_unit_children (doc, orgmap_document_find_unit (doc, pending->pdata[i]),
                                           &n_children);

      for (guint k = 0; k < n_children; k++)
        g_ptr_array_add (pending, (gpointer) orgmap_document_get_unit (doc, children[k])->id);
    }

  while (pending->len > 0)
    {
      guint start = orgmap_test_random_below (rand, pending->len);

      for (guint k = 0; k < pending->len; k++)
        {
          guint i = (start + k) % pending->len;
          guint32 u = orgmap_document_find_unit (doc, pending->pdata[i]);
          const OrgmapUnit *x;
          Record *record;
          guint n_children;

          orgmap_document_get_unit_children (doc, u, &n_children);
          if (n_children > 0)
            continue;

          remove_links_of (doc, log, rand, u);

          x = orgmap_document_get_unit (doc, u);
          record = record_new (log, RECORD_UNIT, u);
          record->id = g_strdup (x->id);
          record->name = g_strdup (x->name);
          record->head = g_strdup (x->head);
          record->area = g_strdup (x->area);
          record->notes = g_strdup (x->notes);
          record->parent = x->parent;
          record->level = x->level;
          record->headcount = x->headcount;
          record->placed = orgmap_document_get_unit_position (doc, u, &record->x, &record->y);

          g_assert_true (orgmap_document_remove_unit (doc, u, NULL));
          g_assert_cmpuint (orgmap_document_find_party (doc, record->id), ==, ORGMAP_NONE);
          g_ptr_array_remove_index (pending, i);
          break;
        }
    }
}

static void
remove_external_logged (OrgmapDocument *doc,
                        GPtrArray      *log,
                        GRand          *rand,
                        guint32         external)
{
  const OrgmapExternal *x;
  Record *record;

  remove_links_of (doc, log, rand, ORGMAP_EXTERNAL_HANDLE (external));

  x = orgmap_document_get_external (doc, external);
  record = record_new (log, RECORD_EXTERNAL, external);
  record->id = g_strdup (x->id);
  record->name = g_strdup (x->name);
  record->notes = g_strdup (x->notes);

  g_assert_true (orgmap_document_remove_external (doc, external, NULL));
  g_assert_cmpuint (orgmap_document_find_party (doc, record->id), ==, ORGMAP_NONE);
}

static void
remove_round_logged (OrgmapDocument *doc,
                     GPtrArray      *log,
                     GRand          *rand,
                     guint32         round)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  const OrgmapRound *r;
  Record *record;

  for (guint32 i = 0; i < orgmap_document_get_n_links (doc); i++)
    if (orgmap_document_find_rating (doc, i, round) != ORGMAP_NONE)
      g_ptr_array_add (ids, (gpointer) orgmap_document_get_link (doc, i)->id);
  shuffle (ids, rand);
  for (guint i = 0; i < ids->len; i++)
    remove_rating_logged (doc, log, orgmap_document_find_link (doc, ids->pdata[i]), round);

  r = orgmap_document_get_round (doc, round);
  record = record_new (log, RECORD_ROUND, round);
  record->id = g_strdup (r->id);
  record->name = g_strdup (r->name);
  record->date = g_strdup (r->date);

  g_assert_true (orgmap_document_remove_round (doc, round, NULL));
  g_assert_cmpuint (orgmap_document_find_round (doc, record->id), ==, ORGMAP_NONE);
}

/* Puts back what the log removed, last removal first. */
static void
undo (OrgmapDocument *doc,
      GPtrArray      *log)
{
  for (guint i = log->len; i > 0; i--)
    {
      const Record *record = log->pdata[i - 1];
      guint32 rating;

      switch (record->kind)
        {
        case RECORD_RATING:
          rating = orgmap_document_set_rating_at (doc, record->index, record->round, record->position,
                                                  record->score, record->respondents, record->comment,
                                                  NULL);
          g_assert_cmpuint (rating, !=, ORGMAP_NONE);
          for (guint k = 0; k < record->dims->len; k++)
            {
              const OrgmapDimensionScore *ds = &g_array_index (record->dims, OrgmapDimensionScore, k);

              g_assert_true (orgmap_document_set_rating_dimension (doc, rating, ds->dimension,
                                                                   ds->score, NULL));
            }
          break;

        case RECORD_LINK:
          g_assert_true (orgmap_document_insert_link (doc, record->index, record->id, record->provider,
                                                      record->client, record->service, NULL));
          orgmap_document_set_link_notes (doc, record->index, record->notes);
          orgmap_document_set_link_type_override (doc, record->index, record->type_override);
          break;

        case RECORD_UNIT:
          g_assert_true (orgmap_document_insert_unit (doc, record->index, record->id, record->name,
                                                      record->parent, NULL));
          orgmap_document_set_unit_head (doc, record->index, record->head);
          orgmap_document_set_unit_area (doc, record->index, record->area);
          orgmap_document_set_unit_notes (doc, record->index, record->notes);
          orgmap_document_set_unit_level (doc, record->index, record->level);
          orgmap_document_set_unit_headcount (doc, record->index, record->headcount);
          if (record->placed)
            orgmap_document_set_unit_position (doc, record->index, record->x, record->y);
          break;

        case RECORD_EXTERNAL:
          g_assert_true (orgmap_document_insert_external (doc, record->index, record->id,
                                                          record->name, NULL));
          orgmap_document_set_external_notes (doc, record->index, record->notes);
          break;

        case RECORD_ROUND:
          g_assert_true (orgmap_document_insert_round (doc, record->index, record->id,
                                                       record->name, record->date, NULL));
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

static void
count_change (OrgmapDocument *doc,
              guint           kind,
              guint           handle,
              guint          *n_all)
{
  if (kind == ORGMAP_CHANGE_ALL)
    (*n_all)++;
}

static void
test_remove_and_restore (void)
{
  for (guint32 seed = 1; seed <= 24; seed++)
    {
      g_autoptr(OrgmapDocument) doc = orgmap_test_build_random (seed);
      g_autoptr(OrgmapDocument) reference = orgmap_test_build_random (seed);
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed * 7919);
      g_autofree char *original = orgmap_test_dump (doc);
      g_autofree char *reference_dump = orgmap_test_dump (reference);
      g_autoptr(GHashTable) original_by_id = orgmap_test_dump_by_id (doc);
      guint n_all = 0;

      orgmap_test_assert_same_dump (original, reference_dump);
      g_assert_true (orgmap_document_equal (doc, reference));
      orgmap_test_assert_consistent (doc);
      g_signal_connect (doc, "changed", G_CALLBACK (count_change), &n_all);

      for (guint step = 0; step < 10; step++)
        {
          g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func (record_free);
          g_autoptr(GHashTable) after_by_id = NULL;
          g_autofree char *removed = NULL;
          g_autofree char *restored = NULL;
          guint n_removed_items = 0;
          guint32 link;

          n_all = 0;
          switch (step % 5)
            {
            case 0:
              remove_unit_logged (doc, log, rand, orgmap_test_random_below (rand, orgmap_document_get_n_units (doc)));
              break;
            case 1:
              remove_external_logged (doc, log, rand, orgmap_test_random_below (rand, orgmap_document_get_n_externals (doc)));
              break;
            case 2:
              remove_link_logged (doc, log, rand, orgmap_test_random_below (rand, orgmap_document_get_n_links (doc)));
              break;
            case 3:
              remove_round_logged (doc, log, rand, orgmap_test_random_below (rand, orgmap_document_get_n_rounds (doc)));
              break;
            case 4:
              /* A single rating, from a link that has some. */
              do
                link = orgmap_test_random_below (rand, orgmap_document_get_n_links (doc));
              while (orgmap_document_get_link (doc, link)->first_rating == ORGMAP_NONE);
              remove_rating_logged (doc, log, link,
                                    orgmap_document_get_rating (doc, orgmap_document_get_link (doc, link)->first_rating)->round);
              break;
            default:
              g_assert_not_reached ();
            }

          /* Every removal tells the views to rebuild. */
          g_assert_cmpuint (n_all, ==, log->len);
          n_removed_items = log->len;

          orgmap_test_assert_consistent (doc);
          removed = orgmap_test_dump (doc);
          g_assert_cmpstr (removed, !=, original);
          g_assert_false (orgmap_document_equal (doc, reference));
          after_by_id = orgmap_test_dump_by_id (doc);
          orgmap_test_assert_rest_unchanged (original_by_id, after_by_id, n_removed_items);

          undo (doc, log);
          orgmap_test_assert_consistent (doc);
          restored = orgmap_test_dump (doc);
          orgmap_test_assert_same_dump (restored, original);
          g_assert_true (orgmap_document_equal (doc, reference));
        }
    }
}

/* Refusals leave the document as it was, and say which item is in the way. */

static void
assert_refused (OrgmapDocument *doc,
                const char     *before,
                gboolean        result,
                GError         *error,
                const char     *id1,
                const char     *id2)
{
  g_autofree char *after = orgmap_test_dump (doc);

  g_assert_false (result);
  g_assert_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, id1));
  if (id2 != NULL)
    g_assert_nonnull (strstr (error->message, id2));
  orgmap_test_assert_same_dump (after, before);
}

static void
test_refusals (void)
{
  for (guint32 seed = 100; seed < 106; seed++)
    {
      g_autoptr(OrgmapDocument) doc = orgmap_test_build_random (seed);
      g_autofree char *before = orgmap_test_dump (doc);
      guint n_changes = 0;
      gboolean tried_children = FALSE, tried_links = FALSE;

      g_signal_connect (doc, "changed", G_CALLBACK (count_change), &n_changes);

      for (guint32 u = 0; u < orgmap_document_get_n_units (doc); u++)
        {
          const OrgmapUnit *unit = orgmap_document_get_unit (doc, u);
          g_autoptr(GError) error = NULL;
          const guint32 *children;
          guint n_children;
          gboolean ok;

          children = orgmap_document_get_unit_children (doc, u, &n_children);
          if (n_children > 0 && !tried_children)
            {
              ok = orgmap_document_remove_unit (doc, u, &error);
              assert_refused (doc, before, ok, error, unit->id,
                              orgmap_document_get_unit (doc, children[0])->id);
              tried_children = TRUE;
            }
          else if (n_children == 0 && !tried_links)
            {
              for (guint32 l = 0; l < orgmap_document_get_n_links (doc); l++)
                {
                  const OrgmapLink *link = orgmap_document_get_link (doc, l);

                  if (link->provider == u || link->client == u)
                    {
                      ok = orgmap_document_remove_unit (doc, u, &error);
                      assert_refused (doc, before, ok, error, unit->id, link->id);
                      tried_links = TRUE;
                      break;
                    }
                }
            }
        }
      g_assert_true (tried_children && tried_links);

      for (guint32 l = 0; l < orgmap_document_get_n_links (doc); l++)
        {
          const OrgmapLink *link = orgmap_document_get_link (doc, l);
          g_autoptr(GError) error = NULL;
          g_autoptr(GError) round_error = NULL;
          const OrgmapRating *rating;
          gboolean ok;

          if (link->first_rating == ORGMAP_NONE)
            continue;
          rating = orgmap_document_get_rating (doc, link->first_rating);
          ok = orgmap_document_remove_link (doc, l, &error);
          assert_refused (doc, before, ok, error, link->id,
                          orgmap_document_get_round (doc, rating->round)->id);
          ok = orgmap_document_remove_round (doc, rating->round, &round_error);
          assert_refused (doc, before, ok, round_error,
                          orgmap_document_get_round (doc, rating->round)->id, NULL);
          break;
        }

      for (guint32 l = 0; l < orgmap_document_get_n_links (doc); l++)
        {
          const OrgmapLink *link = orgmap_document_get_link (doc, l);
          g_autoptr(GError) error = NULL;
          guint32 x;
          gboolean ok;

          if (!ORGMAP_IS_EXTERNAL (link->client))
            continue;
          x = ORGMAP_EXTERNAL_INDEX (link->client);
          ok = orgmap_document_remove_external (doc, x, &error);
          assert_refused (doc, before, ok, error, orgmap_document_get_external (doc, x)->id, NULL);
          break;
        }

      /* Ids taken: units and external clients share theirs. */
      {
        g_autoptr(GError) e1 = NULL, e2 = NULL, e3 = NULL, e4 = NULL, e5 = NULL;
        gboolean ok;

        ok = orgmap_document_insert_unit (doc, 0, "x0", "X", ORGMAP_NONE, &e1);
        assert_refused (doc, before, ok, e1, "x0", NULL);
        ok = orgmap_document_insert_unit (doc, 1, "u3", "X", 0, &e2);
        assert_refused (doc, before, ok, e2, "u3", NULL);
        ok = orgmap_document_insert_external (doc, 0, "u0", "X", &e3);
        assert_refused (doc, before, ok, e3, "u0", NULL);
        ok = orgmap_document_insert_link (doc, 0, "l1", 0, 1, NULL, &e4);
        assert_refused (doc, before, ok, e4, "l1", NULL);
        ok = orgmap_document_insert_round (doc, 0, "r1", "X", NULL, &e5);
        assert_refused (doc, before, ok, e5, "r1", NULL);
      }

      g_assert_cmpuint (n_changes, ==, 0);
    }
}

/* Handles follow an insertion at the front: relations stay with their ids. */
static void
test_insert_shifts (void)
{
  g_autoptr(OrgmapDocument) doc = orgmap_document_new ();
  guint32 dir = orgmap_document_add_unit (doc, "dir", "Dirección", ORGMAP_NONE);
  guint32 fin = orgmap_document_add_unit (doc, "fin", "Finanzas", dir);
  guint32 it = orgmap_document_add_unit (doc, "it", "Sistemas", dir);
  guint32 retail = orgmap_document_add_external (doc, "retail", "Minoristas");
  guint32 q1 = orgmap_document_add_round (doc, "q1", "Q1", NULL);
  guint32 l1 = orgmap_document_add_link (doc, "l1", it, fin, "Equipos");
  guint32 l2 = orgmap_document_add_link (doc, "l2", fin, ORGMAP_EXTERNAL_HANDLE (retail), NULL);
  double x, y;

  g_assert_cmpuint (orgmap_document_set_rating (doc, l1, q1, 4, -1, NULL, NULL), !=, ORGMAP_NONE);
  orgmap_document_set_unit_position (doc, it, 10, 20);
  orgmap_document_classify_links (doc);

  g_assert_true (orgmap_document_insert_unit (doc, 0, "new", "Nueva", ORGMAP_NONE, NULL));
  g_assert_true (orgmap_document_insert_external (doc, 0, "gov", "Gobierno", NULL));
  g_assert_true (orgmap_document_insert_round (doc, 0, "q0", "Q0", "2025-12-31", NULL));
  g_assert_true (orgmap_document_insert_link (doc, 0, "l0", 0, 3, NULL, NULL));

  g_assert_cmpuint (orgmap_document_find_unit (doc, "dir"), ==, 1);
  g_assert_cmpuint (orgmap_document_find_unit (doc, "it"), ==, 3);
  g_assert_cmpuint (orgmap_document_get_unit (doc, 3)->parent, ==, 1);
  g_assert_true (orgmap_document_get_unit_position (doc, 3, &x, &y));
  g_assert_cmpfloat (x, ==, 10);
  g_assert_false (orgmap_document_get_unit_position (doc, 2, NULL, NULL));
  g_assert_cmpuint (orgmap_document_find_link (doc, "l1"), ==, 1);
  g_assert_cmpstr (orgmap_document_get_party_id (doc, orgmap_document_get_link (doc, 1)->provider), ==, "it");
  g_assert_cmpstr (orgmap_document_get_party_id (doc, orgmap_document_get_link (doc, 2)->client), ==, "retail");
  g_assert_cmpint (orgmap_document_get_link_type (doc, 2), ==, ORGMAP_LINK_EXTERNAL);
  g_assert_cmpint (orgmap_document_get_link_type (doc, 1), ==, ORGMAP_LINK_HORIZONTAL);
  /* The new link: from the new root to Sistemas, two levels apart in different areas. */
  g_assert_cmpint (orgmap_document_get_link_type (doc, 0), ==, ORGMAP_LINK_DIAGONAL);
  g_assert_true (orgmap_document_get_link_quality (doc, 1, 1, &x));
  g_assert_cmpfloat (x, ==, 4);
  g_assert_false (orgmap_document_get_link_quality (doc, 1, 0, NULL));
  g_assert_cmpuint (orgmap_document_find_round (doc, "q1"), ==, 1);

  /* And back: the removals undo the insertions. */
  g_assert_true (orgmap_document_remove_link (doc, 0, NULL));
  g_assert_true (orgmap_document_remove_round (doc, 0, NULL));
  g_assert_true (orgmap_document_remove_external (doc, 0, NULL));
  g_assert_true (orgmap_document_remove_unit (doc, 0, NULL));
  g_assert_cmpuint (orgmap_document_find_unit (doc, "it"), ==, it);
  g_assert_cmpuint (orgmap_document_get_link (doc, l2)->client, ==, ORGMAP_EXTERNAL_HANDLE (retail));
  g_assert_cmpuint (orgmap_document_find_rating (doc, l1, q1), !=, ORGMAP_NONE);
  g_assert_true (orgmap_document_get_unit_position (doc, it, NULL, NULL));
  g_assert_cmpuint (orgmap_document_find_party (doc, "new"), ==, ORGMAP_NONE);
  g_assert_cmpuint (orgmap_document_find_party (doc, "gov"), ==, ORGMAP_NONE);
}

static const char *
chain_rounds (OrgmapDocument *doc,
              guint32         link,
              char           *buf,
              gsize           size)
{
  buf[0] = '\0';
  for (guint32 r = orgmap_document_get_link (doc, link)->first_rating; r != ORGMAP_NONE;
       r = orgmap_document_get_rating (doc, r)->next)
    {
      g_strlcat (buf, orgmap_document_get_round (doc, orgmap_document_get_rating (doc, r)->round)->id, size);
      g_strlcat (buf, " ", size);
    }
  return buf;
}

/* Ratings go where they are told in their link's chain. */
static void
test_rating_positions (void)
{
  g_autoptr(OrgmapDocument) doc = orgmap_document_new ();
  guint32 a = orgmap_document_add_unit (doc, "a", "A", ORGMAP_NONE);
  guint32 b = orgmap_document_add_unit (doc, "b", "B", a);
  guint32 link = orgmap_document_add_link (doc, "l", a, b, NULL);
  guint32 other = orgmap_document_add_link (doc, "m", b, a, NULL);
  g_autoptr(GError) error = NULL;
  guint32 r0, r1, r2, rating;
  const OrgmapDimensionScore *scores;
  double score;
  guint n;
  char buf[64];

  r0 = orgmap_document_add_round (doc, "r0", "R0", NULL);
  r1 = orgmap_document_add_round (doc, "r1", "R1", NULL);
  r2 = orgmap_document_add_round (doc, "r2", "R2", NULL);

  g_assert_cmpuint (orgmap_document_set_rating_at (doc, link, r0, 0, 1, -1, NULL, NULL), !=, ORGMAP_NONE);
  g_assert_cmpuint (orgmap_document_set_rating_at (doc, link, r1, 0, 2, -1, NULL, NULL), !=, ORGMAP_NONE);
  g_assert_cmpuint (orgmap_document_set_rating_at (doc, link, r2, 1, 3, -1, NULL, NULL), !=, ORGMAP_NONE);
  g_assert_cmpstr (chain_rounds (doc, link, buf, sizeof buf), ==, "r1 r2 r0 ");

  /* Past the end is the end; an existing rating moves and takes the new values. */
  rating = orgmap_document_set_rating_at (doc, link, r1, 99, 5, 7, "Bien", NULL);
  g_assert_cmpstr (chain_rounds (doc, link, buf, sizeof buf), ==, "r2 r0 r1 ");
  g_assert_cmpuint (orgmap_document_get_n_ratings (doc), ==, 3);
  g_assert_cmpstr (orgmap_document_get_rating (doc, rating)->comment, ==, "Bien");
  g_assert_true (orgmap_document_get_link_quality (doc, link, r1, &score));
  g_assert_cmpfloat (score, ==, 5);

  /* Outside the scale: refused, nothing moved. */
  g_assert_cmpuint (orgmap_document_set_rating_at (doc, link, r0, 0, 9, -1, NULL, &error), ==, ORGMAP_NONE);
  g_assert_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID);
  g_assert_cmpstr (chain_rounds (doc, link, buf, sizeof buf), ==, "r2 r0 r1 ");

  /* Removing a rating closes the gap in the other ratings' dimension scores. */
  rating = orgmap_document_find_rating (doc, link, r2);
  g_assert_true (orgmap_document_set_rating_dimension (doc, rating, 0, 2, NULL));
  g_assert_true (orgmap_document_set_rating_dimension (doc, rating, 1, 3, NULL));
  rating = orgmap_document_set_rating (doc, other, r0, 4, -1, NULL, NULL);
  g_assert_true (orgmap_document_set_rating_dimension (doc, rating, 4, 4.5, NULL));
  orgmap_document_remove_rating (doc, link, r2);
  orgmap_document_remove_rating (doc, link, r2);
  g_assert_cmpstr (chain_rounds (doc, link, buf, sizeof buf), ==, "r0 r1 ");
  rating = orgmap_document_find_rating (doc, other, r0);
  scores = orgmap_document_get_dimension_scores (doc, rating, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (scores[0].dimension, ==, 4);
  g_assert_cmpfloat (scores[0].score, ==, 4.5);
  g_assert_cmpuint (orgmap_document_get_n_ratings (doc), ==, 3);
  g_assert_true (orgmap_document_get_link_quality (doc, link, r1, &score));
  g_assert_cmpfloat (score, ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/orgmap/model/document-edit/remove-and-restore", test_remove_and_restore);
  g_test_add_func ("/orgmap/model/document-edit/refusals", test_refusals);
  g_test_add_func ("/orgmap/model/document-edit/insert-shifts", test_insert_shifts);
  g_test_add_func ("/orgmap/model/document-edit/rating-positions", test_rating_positions);

  return g_test_run ();
}

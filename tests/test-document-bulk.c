/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "orgmap-document.h"

#include <string.h>

#include "orgmap-error.h"
#include "orgmap-test-dump.h"

/* Removal and insertion of many items at once: one pass whatever their
 * number, the same result as one at a time, and back to the very same
 * document, rating handles included. */

static void
count_change (OrgmapDocument *doc,
              guint           kind,
              guint           handle,
              guint          *n_all)
{
  if (kind == ORGMAP_CHANGE_ALL)
    (*n_all)++;
}

/* Refusals leave the document as it was, tell no one, and say which item
 * is in the way. */
static void
assert_refused (OrgmapDocument *doc,
                const char     *before,
                guint           n_changes,
                gboolean        result,
                GError         *error,
                const char     *part1,
                const char     *part2)
{
  g_autofree char *after = orgmap_test_dump_with_rating_handles (doc);

  g_assert_false (result);
  g_assert_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, part1));
  if (part2 != NULL)
    g_assert_nonnull (strstr (error->message, part2));
  orgmap_test_assert_same_dump (after, before);
  g_assert_cmpuint (n_changes, ==, 0);
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

/* Random documents add each rating at the end of its chain, with the next
 * handle: chains would all follow handle order. Moving the last rating of
 * some links to the front of their chain makes them not. */
static OrgmapDocument *
build_random_unsorted (guint32 seed)
{
  OrgmapDocument *doc = orgmap_test_build_random (seed);

  for (guint32 l = 0; l < orgmap_document_get_n_links (doc); l += 3)
    {
      guint32 last = orgmap_document_get_link (doc, l)->first_rating;
      const OrgmapRating *r;

      if (last == ORGMAP_NONE || orgmap_document_get_rating (doc, last)->next == ORGMAP_NONE)
        continue;
      while (orgmap_document_get_rating (doc, last)->next != ORGMAP_NONE)
        last = orgmap_document_get_rating (doc, last)->next;
      r = orgmap_document_get_rating (doc, last);
      g_assert_cmpuint (orgmap_document_set_rating_at (doc, l, r->round, 0, r->score, r->respondents,
                                                       r->comment, NULL), ==, last);
    }
  return doc;
}

/* Some random subtrees, the links touching them and some others, the
 * ratings of those links and some others: each set ascending. */
static void
pick_removal (OrgmapDocument *doc,
              GRand          *rand,
              GArray         *units,
              GArray         *links,
              GArray         *ratings)
{
  guint n_units = orgmap_document_get_n_units (doc);
  guint n_links = orgmap_document_get_n_links (doc);
  g_autofree guint8 *unit_out = g_new0 (guint8, n_units);
  g_autofree guint8 *link_out = g_new0 (guint8, n_links);
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint k = 0; k < 3; k++)
    {
      guint32 root = orgmap_test_random_below (rand, n_units);

      g_array_append_val (pending, root);
    }
  while (pending->len > 0)
    {
      guint32 u = g_array_index (pending, guint32, pending->len - 1);
      guint n_children;
      const guint32 *children = orgmap_document_get_unit_children (doc, u, &n_children);

      g_array_set_size (pending, pending->len - 1);
      unit_out[u] = TRUE;
      g_array_append_vals (pending, children, n_children);
    }
  for (guint32 u = 0; u < n_units; u++)
    if (unit_out[u])
      g_array_append_val (units, u);

  for (guint32 l = 0; l < n_links; l++)
    {
      const OrgmapLink *link = orgmap_document_get_link (doc, l);

      link_out[l] = unit_out[link->provider] ||
                    (!ORGMAP_IS_EXTERNAL (link->client) && unit_out[link->client]) ||
                    orgmap_test_one_in (rand, 10);
      if (link_out[l])
        g_array_append_val (links, l);
    }

  for (guint32 r = 0; r < orgmap_document_get_n_ratings (doc); r++)
    if (link_out[orgmap_document_get_rating (doc, r)->link] || orgmap_test_one_in (rand, 5))
      g_array_append_val (ratings, r);
}

/* Removing many items at once and putting them back gives back the very same
 * document, rating handles included; removing ratings at once leaves what
 * removing them one at a time does. */
static void
test_bulk_remove_and_insert (void)
{
  for (guint32 seed = 1; seed <= 16; seed++)
    {
      g_autoptr(OrgmapDocument) doc = build_random_unsorted (seed);
      g_autoptr(OrgmapDocument) twin = build_random_unsorted (seed);
      g_autoptr(OrgmapDocument) reference = build_random_unsorted (seed);
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed * 104729);
      g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_autoptr(GArray) ratings = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_autoptr(GArray) removed_units = g_array_new (FALSE, FALSE, sizeof (OrgmapUnitEntry));
      g_autoptr(GArray) removed_links = g_array_new (FALSE, FALSE, sizeof (OrgmapLinkEntry));
      g_autoptr(GArray) removed_ratings = g_array_new (FALSE, FALSE, sizeof (OrgmapRatingEntry));
      g_autoptr(GArray) removed_scores = g_array_new (FALSE, FALSE, sizeof (OrgmapDimensionScore));
      g_autoptr(GHashTable) original_by_id = orgmap_test_dump_by_id (doc);
      g_autoptr(GHashTable) after_by_id = NULL;
      g_autofree char *original = orgmap_test_dump_with_rating_handles (doc);
      g_autofree char *bulk = NULL;
      g_autofree char *one_by_one = NULL;
      g_autofree char *restored = NULL;
      guint n_ratings = orgmap_document_get_n_ratings (doc);
      guint n_scores = 0, n_all = 0;
      GError *error = NULL;

      pick_removal (doc, rand, units, links, ratings);
      g_assert_cmpuint (units->len, >, 0);
      g_assert_cmpuint (links->len, >, 0);
      g_assert_cmpuint (ratings->len, >, 0);
      g_signal_connect (doc, "changed", G_CALLBACK (count_change), &n_all);

      /* The ratings alone, at once and one at a time from the last handle. */
      orgmap_document_remove_ratings (doc, (const guint32 *) ratings->data, ratings->len,
                                      removed_ratings, removed_scores);
      g_assert_cmpuint (n_all, ==, 1);
      for (guint k = ratings->len; k > 0; k--)
        {
          const OrgmapRating *r = orgmap_document_get_rating (twin, g_array_index (ratings, guint32, k - 1));

          n_scores += r->n_dimension_scores;
          orgmap_document_remove_rating (twin, r->link, r->round);
        }
      g_assert_cmpuint (orgmap_document_get_n_ratings (doc), ==, n_ratings - ratings->len);
      g_assert_cmpuint (removed_ratings->len, ==, ratings->len);
      g_assert_cmpuint (removed_scores->len, ==, n_scores);
      bulk = orgmap_test_dump_with_rating_handles (doc);
      one_by_one = orgmap_test_dump_with_rating_handles (twin);
      orgmap_test_assert_same_dump (bulk, one_by_one);
      orgmap_test_assert_consistent (doc);

      g_assert_true (orgmap_document_remove_links (doc, (const guint32 *) links->data, links->len,
                                                   removed_links, &error));
      g_assert_no_error (error);
      g_assert_true (orgmap_document_remove_units (doc, (const guint32 *) units->data, units->len,
                                                   removed_units, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n_all, ==, 3);
      g_assert_cmpuint (removed_links->len, ==, links->len);
      g_assert_cmpuint (removed_units->len, ==, units->len);
      for (guint k = 0; k < removed_units->len; k++)
        g_assert_cmpuint (orgmap_document_find_party (doc, g_array_index (removed_units, OrgmapUnitEntry, k).id),
                          ==, ORGMAP_NONE);
      for (guint k = 0; k < removed_links->len; k++)
        g_assert_cmpuint (orgmap_document_find_link (doc, g_array_index (removed_links, OrgmapLinkEntry, k).id),
                          ==, ORGMAP_NONE);
      orgmap_test_assert_consistent (doc);
      after_by_id = orgmap_test_dump_by_id (doc);
      orgmap_test_assert_rest_unchanged (original_by_id, after_by_id, units->len + links->len + ratings->len);

      /* Back, in the reverse order, from copies of what was removed. */
      g_assert_true (orgmap_document_insert_units (doc, (const OrgmapUnitEntry *) removed_units->data,
                                                   removed_units->len, &error));
      g_assert_no_error (error);
      g_assert_true (orgmap_document_insert_links (doc, (const OrgmapLinkEntry *) removed_links->data,
                                                   removed_links->len, &error));
      g_assert_no_error (error);
      g_assert_true (orgmap_document_insert_ratings (doc, (const OrgmapRatingEntry *) removed_ratings->data,
                                                     removed_ratings->len,
                                                     (const OrgmapDimensionScore *) removed_scores->data,
                                                     removed_scores->len, &error));
      g_assert_no_error (error);
      orgmap_test_assert_consistent (doc);
      restored = orgmap_test_dump_with_rating_handles (doc);
      orgmap_test_assert_same_dump (restored, original);
      g_assert_true (orgmap_document_equal (doc, reference));
    }
}

/* Items at the end of their arrays move no other handle: the same results
 * by a shorter way. */
static void
test_bulk_tail (void)
{
  for (guint32 seed = 30; seed <= 35; seed++)
    {
      g_autoptr(OrgmapDocument) doc = orgmap_test_build_random (seed);
      g_autoptr(OrgmapDocument) twin = orgmap_test_build_random (seed);
      g_autoptr(GArray) removed_links = g_array_new (FALSE, FALSE, sizeof (OrgmapLinkEntry));
      g_autoptr(GArray) removed_ratings = g_array_new (FALSE, FALSE, sizeof (OrgmapRatingEntry));
      g_autoptr(GArray) removed_scores = g_array_new (FALSE, FALSE, sizeof (OrgmapDimensionScore));
      g_autoptr(GArray) removed_units = g_array_new (FALSE, FALSE, sizeof (OrgmapUnitEntry));
      g_autoptr(GArray) ratings = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_autofree char *original = orgmap_test_dump_with_rating_handles (doc);
      g_autofree char *with_units = NULL;
      g_autofree char *dump = NULL;
      g_autofree char *twin_dump = NULL;
      guint n_links = orgmap_document_get_n_links (doc);
      guint n_units = orgmap_document_get_n_units (doc);
      guint32 links[4] = { n_links - 4, n_links - 3, n_links - 2, n_links - 1 };
      OrgmapUnitEntry units[3] = {
        { n_units, "t0", "T0", NULL, NULL, NULL, 2, 0, 5, FALSE, 0, 0 },
        { n_units + 1, "t1", "T1", "Head", NULL, NULL, n_units + 2, 0, -1, TRUE, 3, 4 },
        { n_units + 2, "t2", "T2", NULL, "Area", NULL, n_units, 3, -1, FALSE, 0, 0 },
      };
      guint32 unit_handles[3] = { n_units, n_units + 1, n_units + 2 };
      GError *error = NULL;

      /* The last ratings, at once and one by one. */
      for (guint32 r = orgmap_document_get_n_ratings (doc) - 7; r < orgmap_document_get_n_ratings (doc); r++)
        g_array_append_val (ratings, r);
      orgmap_document_remove_ratings (doc, (const guint32 *) ratings->data, ratings->len,
                                      removed_ratings, removed_scores);
      for (guint k = ratings->len; k > 0; k--)
        {
          const OrgmapRating *r = orgmap_document_get_rating (twin, g_array_index (ratings, guint32, k - 1));

          orgmap_document_remove_rating (twin, r->link, r->round);
        }
      dump = orgmap_test_dump_with_rating_handles (doc);
      twin_dump = orgmap_test_dump_with_rating_handles (twin);
      orgmap_test_assert_same_dump (dump, twin_dump);
      orgmap_test_assert_consistent (doc);

      /* The last links, once their ratings are gone. */
      g_array_set_size (ratings, 0);
      for (guint32 r = 0; r < orgmap_document_get_n_ratings (doc); r++)
        if (orgmap_document_get_rating (doc, r)->link >= links[0])
          g_array_append_val (ratings, r);
      orgmap_document_remove_ratings (doc, (const guint32 *) ratings->data, ratings->len,
                                      removed_ratings, removed_scores);
      g_assert_true (orgmap_document_remove_links (doc, links, 4, removed_links, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (orgmap_document_get_n_links (doc), ==, n_links - 4);
      orgmap_test_assert_consistent (doc);

      /* New units at the end, under one another, then taken away. */
      g_assert_true (orgmap_document_insert_units (doc, units, 3, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (orgmap_document_get_unit (doc, n_units + 1)->parent, ==, n_units + 2);
      g_assert_true (orgmap_document_get_unit_position (doc, n_units + 1, NULL, NULL));
      orgmap_test_assert_consistent (doc);
      with_units = orgmap_test_dump_with_rating_handles (doc);
      g_assert_true (orgmap_document_remove_units (doc, unit_handles, 3, removed_units, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (orgmap_document_find_party (doc, "t1"), ==, ORGMAP_NONE);
      orgmap_test_assert_consistent (doc);
      g_assert_true (orgmap_document_insert_units (doc, (const OrgmapUnitEntry *) removed_units->data,
                                                   removed_units->len, &error));
      g_free (dump);
      dump = orgmap_test_dump_with_rating_handles (doc);
      orgmap_test_assert_same_dump (dump, with_units);
      g_assert_true (orgmap_document_remove_units (doc, unit_handles, 3, NULL, &error));

      /* Back: links, then the ratings in the reverse order of their removals. */
      g_assert_true (orgmap_document_insert_links (doc, (const OrgmapLinkEntry *) removed_links->data,
                                                   removed_links->len, &error));
      g_assert_no_error (error);
      {
        guint n_last = ratings->len;
        guint n_first = removed_ratings->len - n_last;

        g_assert_true (orgmap_document_insert_ratings (doc, &g_array_index (removed_ratings, OrgmapRatingEntry, n_first),
                                                       n_last, (const OrgmapDimensionScore *) removed_scores->data,
                                                       removed_scores->len, &error));
        g_assert_true (orgmap_document_insert_ratings (doc, (const OrgmapRatingEntry *) removed_ratings->data,
                                                       n_first, (const OrgmapDimensionScore *) removed_scores->data,
                                                       removed_scores->len, &error));
        g_assert_no_error (error);
      }
      orgmap_test_assert_consistent (doc);
      g_free (dump);
      dump = orgmap_test_dump_with_rating_handles (doc);
      orgmap_test_assert_same_dump (dump, original);
    }
}

static void
test_bulk_refusals (void)
{
  g_autoptr(OrgmapDocument) doc = orgmap_test_build_random (3);
  g_autofree char *before = orgmap_test_dump_with_rating_handles (doc);
  g_autoptr(GError) e1 = NULL, e2 = NULL, e3 = NULL, e4 = NULL, e5 = NULL, e6 = NULL;
  g_autoptr(GError) e7 = NULL, e8 = NULL, e9 = NULL, e10 = NULL;
  guint n_changes = 0;
  guint32 parent = ORGMAP_NONE, child = ORGMAP_NONE, leaf = ORGMAP_NONE, rated = ORGMAP_NONE;
  guint32 unrated = ORGMAP_NONE, pair[2];
  const OrgmapLink *link = NULL;
  gboolean ok;

  g_signal_connect (doc, "changed", G_CALLBACK (count_change), &n_changes);

  /* A unit with children, and a leaf that a link connects. */
  for (guint32 u = 0; u < orgmap_document_get_n_units (doc); u++)
    {
      guint n_children;
      const guint32 *children = orgmap_document_get_unit_children (doc, u, &n_children);

      if (n_children > 0 && parent == ORGMAP_NONE)
        {
          parent = u;
          child = children[0];
        }
    }
  for (guint32 l = 0; l < orgmap_document_get_n_links (doc); l++)
    {
      const OrgmapLink *candidate = orgmap_document_get_link (doc, l);
      guint n_children;

      orgmap_document_get_unit_children (doc, candidate->provider, &n_children);
      if (leaf == ORGMAP_NONE && n_children == 0)
        {
          leaf = candidate->provider;
          link = candidate;
        }
      if (rated == ORGMAP_NONE && candidate->first_rating != ORGMAP_NONE)
        rated = l;
      if (unrated == ORGMAP_NONE && candidate->first_rating == ORGMAP_NONE)
        unrated = l;
    }
  g_assert_true (parent != ORGMAP_NONE && leaf != ORGMAP_NONE && rated != ORGMAP_NONE &&
                 unrated != ORGMAP_NONE);

  ok = orgmap_document_remove_units (doc, &parent, 1, NULL, &e1);
  assert_refused (doc, before, n_changes, ok, e1, orgmap_document_get_unit (doc, parent)->id,
                       orgmap_document_get_unit (doc, child)->id);
  ok = orgmap_document_remove_units (doc, &leaf, 1, NULL, &e2);
  assert_refused (doc, before, n_changes, ok, e2, orgmap_document_get_unit (doc, leaf)->id, link->id);
  pair[0] = MIN (rated, unrated);
  pair[1] = MAX (rated, unrated);
  ok = orgmap_document_remove_links (doc, pair, 2, NULL, &e3);
  assert_refused (doc, before, n_changes, ok, e3, orgmap_document_get_link (doc, rated)->id,
                       orgmap_document_get_round (doc, orgmap_document_get_rating (doc, orgmap_document_get_link (doc, rated)->first_rating)->round)->id);

  /* Ids taken, by the document or twice in the call. */
  {
    OrgmapUnitEntry units[2] = {
      { 0, "new", "New", NULL, NULL, NULL, ORGMAP_NONE, 0, -1, FALSE, 0, 0 },
      { 1, "x1", "Taken by an external client", NULL, NULL, NULL, 0, 0, -1, FALSE, 0, 0 },
    };
    OrgmapLinkEntry links[2] = {
      { 0, "twice", NULL, NULL, 0, 1, ORGMAP_LINK_AUTOMATIC },
      { 5, "twice", NULL, NULL, 1, 0, ORGMAP_LINK_AUTOMATIC },
    };

    ok = orgmap_document_insert_units (doc, units, 2, &e4);
    assert_refused (doc, before, n_changes, ok, e4, "x1", NULL);
    units[1].id = "new";
    ok = orgmap_document_insert_units (doc, units, 2, &e5);
    assert_refused (doc, before, n_changes, ok, e5, "new", NULL);
    ok = orgmap_document_insert_links (doc, links, 2, &e6);
    assert_refused (doc, before, n_changes, ok, e6, "twice", NULL);
  }

  /* Scores off the scale, their own or a dimension's; a link rated twice. */
  {
    const OrgmapRating *r = orgmap_document_get_rating (doc, orgmap_document_get_link (doc, rated)->first_rating);
    guint32 other_round = (r->round + 1) % orgmap_document_get_n_rounds (doc);
    OrgmapDimensionScore scores[2] = { { 1, 4 }, { 3, 9.5 } };
    OrgmapRatingEntry ratings[2] = {
      { 0, unrated, 0, 0, 7.5, -1, NULL, 0, 0 },
      { 1, unrated, 1, 0, 3, -1, NULL, 0, 2 },
    };
    const OrgmapLink *u = orgmap_document_get_link (doc, unrated);
    const char *dimension = orgmap_dimension_label (orgmap_document_get_dimension (doc, 3));

    ok = orgmap_document_insert_ratings (doc, ratings, 2, scores, 2, &e7);
    assert_refused (doc, before, n_changes, ok, e7, "7.5",
                         orgmap_document_get_party_name (doc, u->provider));
    ratings[0].score = 2;
    ok = orgmap_document_insert_ratings (doc, ratings, 2, scores, 2, &e8);
    assert_refused (doc, before, n_changes, ok, e8, dimension, "1–5");
    scores[1].score = 5;
    ratings[1].round = 0;
    ok = orgmap_document_insert_ratings (doc, ratings, 2, scores, 2, &e9);
    assert_refused (doc, before, n_changes, ok, e9, u->id, orgmap_document_get_round (doc, 0)->id);
    ratings[0].link = rated;
    ratings[0].round = r->round;
    ratings[1].round = other_round;
    ok = orgmap_document_insert_ratings (doc, ratings, 2, scores, 2, &e10);
    assert_refused (doc, before, n_changes, ok, e10, orgmap_document_get_link (doc, rated)->id,
                         orgmap_document_get_round (doc, r->round)->id);
  }

}

static void
count_kind (OrgmapDocument *doc,
            guint           kind,
            guint           handle,
            GArray         *kinds)
{
  g_array_append_val (kinds, kind);
}

/* New units may hang under one another whatever their handles; one item
 * inserted at the end tells what adding it would, other insertions that
 * handles moved. */
static void
test_bulk_insert_order (void)
{
  g_autoptr(OrgmapDocument) doc = orgmap_document_new ();
  g_autoptr(GArray) kinds = g_array_new (FALSE, FALSE, sizeof (guint));
  guint32 dir = orgmap_document_add_unit (doc, "dir", "Dirección", ORGMAP_NONE);
  guint32 fin = orgmap_document_add_unit (doc, "fin", "Finanzas", dir);
  guint32 q1 = orgmap_document_add_round (doc, "q1", "Q1", NULL);
  GError *error = NULL;
  double x, y;
  const guint32 *children;
  guint n_children;
  /* "team" (handle 1) under "area" (handle 3), under "dir", which moves to 2. */
  OrgmapUnitEntry units[3] = {
    { 0, "top", "Top", "Ana", NULL, "Notes", ORGMAP_NONE, 2, 12, TRUE, 5, -7 },
    { 1, "team", "Team", NULL, NULL, NULL, 4, 0, -1, FALSE, 0, 0 },
    { 4, "area", "Area", NULL, "Ventas", NULL, 2, 0, 30, FALSE, 0, 0 },
  };
  OrgmapUnitEntry last = { 6, "last", "Last", NULL, NULL, NULL, ORGMAP_NONE, 0, -1, FALSE, 0, 0 };
  OrgmapLinkEntry link = { 0, "l", "Datos", "Notas", 1, 3, ORGMAP_LINK_VERTICAL };
  OrgmapDimensionScore scores[2] = { { 4, 2.5 }, { 0, 4 } };
  OrgmapRatingEntry rating = { 0, 0, 0, 0, 3.5, 8, "Bien", 0, 2 };

  orgmap_document_set_unit_position (doc, fin, 1, 2);
  g_signal_connect (doc, "changed", G_CALLBACK (count_kind), kinds);

  g_assert_true (orgmap_document_insert_units (doc, units, 3, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kinds->len, ==, 1);
  g_assert_cmpuint (g_array_index (kinds, guint, 0), ==, ORGMAP_CHANGE_ALL);
  g_assert_cmpuint (orgmap_document_get_n_units (doc), ==, 5);
  g_assert_cmpuint (orgmap_document_find_unit (doc, "dir"), ==, 2);
  g_assert_cmpuint (orgmap_document_find_unit (doc, "fin"), ==, 3);
  g_assert_cmpuint (orgmap_document_get_unit (doc, 3)->parent, ==, 2);
  g_assert_cmpuint (orgmap_document_get_unit (doc, 1)->parent, ==, 4);
  g_assert_cmpuint (orgmap_document_get_unit (doc, 4)->parent, ==, 2);
  g_assert_cmpstr (orgmap_document_get_unit (doc, 0)->head, ==, "Ana");
  g_assert_cmpstr (orgmap_document_get_unit (doc, 0)->notes, ==, "Notes");
  g_assert_cmpint (orgmap_document_get_unit (doc, 0)->headcount, ==, 12);
  g_assert_cmpint (orgmap_document_get_unit_level (doc, 0), ==, 2);
  g_assert_cmpstr (orgmap_document_get_unit_area (doc, 1), ==, "Ventas");
  g_assert_true (orgmap_document_get_unit_position (doc, 0, &x, &y));
  g_assert_cmpfloat (x, ==, 5);
  g_assert_cmpfloat (y, ==, -7);
  g_assert_true (orgmap_document_get_unit_position (doc, 3, &x, &y));
  g_assert_cmpfloat (y, ==, 2);
  g_assert_false (orgmap_document_get_unit_position (doc, 2, NULL, NULL));
  g_assert_cmpuint (orgmap_document_get_n_placed_units (doc), ==, 2);
  children = orgmap_document_get_unit_children (doc, 2, &n_children);
  g_assert_cmpuint (n_children, ==, 2);
  g_assert_cmpuint (children[0], ==, 3);
  g_assert_cmpuint (children[1], ==, 4);
  g_assert_cmpuint (orgmap_document_get_unit_depth (doc, 1), ==, orgmap_document_get_unit_depth (doc, 2) + 2);

  /* A cycle among new units is a programming error, refused. */
  {
    OrgmapUnitEntry cycle[2] = {
      { 0, "a", "A", NULL, NULL, NULL, 1, 0, -1, FALSE, 0, 0 },
      { 1, "b", "B", NULL, NULL, NULL, 0, 0, -1, FALSE, 0, 0 },
    };

    g_test_expect_message ("orgmap-model", G_LOG_LEVEL_CRITICAL, "*new_units_cycle*");
    g_assert_false (orgmap_document_insert_units (doc, cycle, 2, NULL));
    g_test_assert_expected_messages ();
    g_assert_cmpuint (orgmap_document_get_n_units (doc), ==, 5);
  }

  /* At the end, one at a time: what adding them tells. */
  g_array_set_size (kinds, 0);
  last.handle = 5;
  g_assert_true (orgmap_document_insert_units (doc, &last, 1, &error));
  link.handle = 0;
  g_assert_true (orgmap_document_insert_links (doc, &link, 1, &error));
  g_assert_true (orgmap_document_insert_ratings (doc, &rating, 1, scores, 2, &error));
  g_assert_true (orgmap_document_insert_round (doc, 1, "q2", "Q2", NULL, &error));
  g_assert_true (orgmap_document_insert_external (doc, 0, "x", "X", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kinds->len, ==, 5);
  g_assert_cmpuint (g_array_index (kinds, guint, 0), ==, ORGMAP_CHANGE_HIERARCHY);
  g_assert_cmpuint (g_array_index (kinds, guint, 1), ==, ORGMAP_CHANGE_LINK);
  g_assert_cmpuint (g_array_index (kinds, guint, 2), ==, ORGMAP_CHANGE_RATING);
  g_assert_cmpuint (g_array_index (kinds, guint, 3), ==, ORGMAP_CHANGE_ROUND);
  g_assert_cmpuint (g_array_index (kinds, guint, 4), ==, ORGMAP_CHANGE_EXTERNAL);
  g_assert_cmpstr (orgmap_document_get_link (doc, 0)->notes, ==, "Notas");
  g_assert_cmpint (orgmap_document_get_link_type (doc, 0), ==, ORGMAP_LINK_VERTICAL);
  g_assert_cmpuint (orgmap_document_get_link (doc, 0)->first_rating, ==, 0);
  g_assert_cmpstr (orgmap_document_get_rating (doc, 0)->comment, ==, "Bien");
  g_assert_cmpint (orgmap_document_get_rating (doc, 0)->respondents, ==, 8);
  {
    guint n;
    const OrgmapDimensionScore *got = orgmap_document_get_dimension_scores (doc, 0, &n);

    g_assert_cmpuint (n, ==, 2);
    g_assert_cmpuint (got[0].dimension, ==, 4);
    g_assert_cmpfloat (got[1].score, ==, 4);
  }

  /* Not at the end: handles moved. */
  g_array_set_size (kinds, 0);
  last.handle = 0;
  last.id = "first";
  g_assert_true (orgmap_document_insert_units (doc, &last, 1, &error));
  g_assert_cmpuint (kinds->len, ==, 1);
  g_assert_cmpuint (g_array_index (kinds, guint, 0), ==, ORGMAP_CHANGE_ALL);
  g_assert_cmpuint (orgmap_document_get_link (doc, 0)->provider, ==, 2);
  g_assert_cmpuint (orgmap_document_find_round (doc, "q1"), ==, q1);
}

/* One rating put whole: values, place, exactly its dimension scores, in one change. */
static void
test_put_rating (void)
{
  g_autoptr(OrgmapDocument) doc = orgmap_document_new ();
  g_autoptr(GArray) kinds = g_array_new (FALSE, FALSE, sizeof (guint));
  guint32 a = orgmap_document_add_unit (doc, "a", "A", ORGMAP_NONE);
  guint32 b = orgmap_document_add_unit (doc, "b", "B", a);
  guint32 link = orgmap_document_add_link (doc, "l", a, b, NULL);
  guint32 r0 = orgmap_document_add_round (doc, "r0", "R0", NULL);
  guint32 r1 = orgmap_document_add_round (doc, "r1", "R1", NULL);
  OrgmapDimensionScore scores[4] = { { 2, 3 }, { 0, 1.5 }, { 4, 5 }, { 1, 2 } };
  OrgmapRatingEntry entry = { ORGMAP_NONE, link, r0, 0, 4, 10, "Uno", 0, 3 };
  g_autoptr(GError) error = NULL;
  const OrgmapDimensionScore *got;
  guint32 rating, other;
  guint n;
  char buf[64];

  g_signal_connect (doc, "changed", G_CALLBACK (count_kind), kinds);

  rating = orgmap_document_put_rating (doc, &entry, scores, NULL);
  g_assert_cmpuint (rating, ==, 0);
  entry.round = r1;
  entry.n_dimension_scores = 0;
  other = orgmap_document_put_rating (doc, &entry, scores, NULL);
  g_assert_cmpstr (chain_rounds (doc, link, buf, sizeof buf), ==, "r1 r0 ");
  got = orgmap_document_get_dimension_scores (doc, rating, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (got[0].dimension, ==, 2);
  g_assert_cmpuint (got[2].dimension, ==, 4);

  /* Fewer scores, in another order, and last in the chain. */
  entry.round = r0;
  entry.position = 5;
  entry.score = 2;
  entry.comment = NULL;
  entry.first_dimension_score = 2;
  entry.n_dimension_scores = 2;
  g_assert_cmpuint (orgmap_document_put_rating (doc, &entry, scores, NULL), ==, rating);
  g_assert_cmpstr (chain_rounds (doc, link, buf, sizeof buf), ==, "r1 r0 ");
  got = orgmap_document_get_dimension_scores (doc, rating, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (got[0].dimension, ==, 4);
  g_assert_cmpuint (got[1].dimension, ==, 1);
  g_assert_cmpfloat (got[1].score, ==, 2);
  g_assert_null (orgmap_document_get_rating (doc, rating)->comment);

  /* More scores than it had, first in the chain, while another rating's
   * block ends the array. */
  entry.position = 0;
  entry.first_dimension_score = 0;
  entry.n_dimension_scores = 4;
  entry.round = r1;
  g_assert_cmpuint (orgmap_document_put_rating (doc, &entry, scores, NULL), ==, other);
  entry.round = r0;
  g_assert_cmpuint (orgmap_document_put_rating (doc, &entry, scores, NULL), ==, rating);
  g_assert_cmpstr (chain_rounds (doc, link, buf, sizeof buf), ==, "r0 r1 ");
  got = orgmap_document_get_dimension_scores (doc, rating, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpfloat (got[3].score, ==, 2);
  got = orgmap_document_get_dimension_scores (doc, other, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpuint (got[1].dimension, ==, 0);

  /* None at all. */
  entry.n_dimension_scores = 0;
  g_assert_cmpuint (orgmap_document_put_rating (doc, &entry, NULL, NULL), ==, rating);
  orgmap_document_get_dimension_scores (doc, rating, &n);
  g_assert_cmpuint (n, ==, 0);

  /* Each put is one change of that rating. */
  g_assert_cmpuint (kinds->len, ==, 6);
  for (guint i = 0; i < kinds->len; i++)
    g_assert_cmpuint (g_array_index (kinds, guint, i), ==, ORGMAP_CHANGE_RATING);

  /* A dimension score off the scale is refused, naming the dimension. */
  scores[1].score = 0;
  entry.n_dimension_scores = 2;
  g_assert_cmpuint (orgmap_document_put_rating (doc, &entry, scores, &error), ==, ORGMAP_NONE);
  g_assert_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Reliability"));
  g_assert_nonnull (strstr (error->message, "1–5"));
  g_assert_cmpuint (kinds->len, ==, 6);
  orgmap_document_get_dimension_scores (doc, rating, &n);
  g_assert_cmpuint (n, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/orgmap/model/document-bulk/remove-and-insert", test_bulk_remove_and_insert);
  g_test_add_func ("/orgmap/model/document-bulk/tail", test_bulk_tail);
  g_test_add_func ("/orgmap/model/document-bulk/refusals", test_bulk_refusals);
  g_test_add_func ("/orgmap/model/document-bulk/insert-order", test_bulk_insert_order);
  g_test_add_func ("/orgmap/model/document-bulk/put-rating", test_put_rating);

  return g_test_run ();
}

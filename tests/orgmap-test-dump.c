/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "orgmap-test-dump.h"

#include <math.h>
#include <string.h>


/* Random documents */

guint32
orgmap_test_random_below (GRand *rand,
              guint  n)
{
  return (guint32) g_rand_int_range (rand, 0, (gint32) n);
}

gboolean
orgmap_test_one_in (GRand *rand,
        guint  n)
{
  return orgmap_test_random_below (rand, n) == 0;
}

OrgmapDocument *
orgmap_test_build_random (guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  OrgmapDocument *doc = orgmap_document_new ();
  guint n_units = g_rand_int_range (rand, 150, 400);
  guint n_externals = g_rand_int_range (rand, 3, 20);
  guint n_rounds = g_rand_int_range (rand, 2, 4);
  guint n_links = n_units * g_rand_int_range (rand, 1, 4);

  orgmap_document_set_name (doc, "Random");
  if (orgmap_test_one_in (rand, 2))
    orgmap_document_add_dimension (doc, "speed");

  for (guint i = 0; i < n_units; i++)
    {
      g_autofree char *id = g_strdup_printf ("u%u", i);
      g_autofree char *name = g_strdup_printf ("Unit %u", i);
      guint32 parent = i == 0 || orgmap_test_one_in (rand, 20) ? ORGMAP_NONE : orgmap_test_random_below (rand, i);
      guint32 unit = orgmap_document_add_unit (doc, id, name, parent);

      if (orgmap_test_one_in (rand, 4))
        orgmap_document_set_unit_head (doc, unit, "Head");
      if (orgmap_test_one_in (rand, 6))
        orgmap_document_set_unit_area (doc, unit, i % 2 ? "Area A" : "Area B");
      if (orgmap_test_one_in (rand, 7))
        orgmap_document_set_unit_notes (doc, unit, "Some notes");
      if (orgmap_test_one_in (rand, 8))
        orgmap_document_set_unit_level (doc, unit, g_rand_int_range (rand, 1, 7));
      if (orgmap_test_one_in (rand, 3))
        orgmap_document_set_unit_headcount (doc, unit, g_rand_int_range (rand, 0, 200));
      if (orgmap_test_one_in (rand, 5))
        orgmap_document_set_unit_position (doc, unit, g_rand_double_range (rand, -1e4, 1e4),
                                           g_rand_double_range (rand, -1e4, 1e4));
    }

  /* Moves, so that children do not always follow their parent in handle
   * order; cycles are refused and skipped. */
  for (guint i = 0; i < n_units / 8; i++)
    {
      g_autoptr(GError) error = NULL;

      orgmap_document_set_unit_parent (doc, orgmap_test_random_below (rand, n_units),
                                       orgmap_test_random_below (rand, n_units), &error);
    }

  for (guint i = 0; i < n_externals; i++)
    {
      g_autofree char *id = g_strdup_printf ("x%u", i);
      g_autofree char *name = g_strdup_printf ("External %u", i);
      guint32 external = orgmap_document_add_external (doc, id, name);

      if (orgmap_test_one_in (rand, 3))
        orgmap_document_set_external_notes (doc, external, "Outside");
    }

  for (guint i = 0; i < n_rounds; i++)
    {
      g_autofree char *id = g_strdup_printf ("r%u", i);
      g_autofree char *name = g_strdup_printf ("Round %u", i);
      g_autofree char *date = g_strdup_printf ("2026-0%u-15", i + 1);

      orgmap_document_add_round (doc, id, name, orgmap_test_one_in (rand, 3) ? NULL : date);
    }

  for (guint i = 0; i < n_links; i++)
    {
      g_autofree char *id = g_strdup_printf ("l%u", i);
      guint32 provider = orgmap_test_random_below (rand, n_units);
      guint32 client;
      guint32 link;

      if (orgmap_test_one_in (rand, 6))
        client = ORGMAP_EXTERNAL_HANDLE (orgmap_test_random_below (rand, n_externals));
      else
        do
          client = orgmap_test_random_below (rand, n_units);
        while (client == provider);

      link = orgmap_document_add_link (doc, id, provider, client, orgmap_test_one_in (rand, 3) ? NULL : "Service");
      if (orgmap_test_one_in (rand, 5))
        orgmap_document_set_link_notes (doc, link, "Link notes");
      if (orgmap_test_one_in (rand, 10))
        orgmap_document_set_link_type_override (doc, link, orgmap_test_random_below (rand, ORGMAP_N_LINK_TYPES));

      /* Ratings in a random order of rounds, so that chains are not sorted. */
      if (!orgmap_test_one_in (rand, 3))
        {
          guint32 order[3] = { 0, 1, 2 };
          guint n = g_rand_int_range (rand, 1, n_rounds + 1);

          for (guint k = n_rounds - 1; k > 0; k--)
            {
              guint32 j = orgmap_test_random_below (rand, k + 1);
              guint32 tmp = order[k];

              order[k] = order[j];
              order[j] = tmp;
            }
          for (guint k = 0; k < n; k++)
            {
              guint32 rating = orgmap_document_set_rating (doc, link, order[k],
                                                           1 + orgmap_test_random_below (rand, 9) * 0.5,
                                                           g_rand_int_range (rand, -1, 30),
                                                           orgmap_test_one_in (rand, 4) ? "A comment" : NULL,
                                                           NULL);
              g_assert_cmpuint (rating, !=, ORGMAP_NONE);
              if (orgmap_test_one_in (rand, 2))
                {
                  guint n_dims = g_rand_int_range (rand, 1, 4);

                  for (guint d = 0; d < n_dims; d++)
                    g_assert_true (orgmap_document_set_rating_dimension (doc, rating,
                                                                         orgmap_test_random_below (rand, orgmap_document_get_n_dimensions (doc)),
                                                                         1 + orgmap_test_random_below (rand, 5), NULL));
                }
            }
        }
    }

  /* Late dimension scores, so that blocks get moved and leave gaps. */
  for (guint i = 0; i < orgmap_document_get_n_ratings (doc) / 10; i++)
    g_assert_true (orgmap_document_set_rating_dimension (doc, orgmap_test_random_below (rand, orgmap_document_get_n_ratings (doc)),
                                                         orgmap_test_random_below (rand, orgmap_document_get_n_dimensions (doc)),
                                                         2.5, NULL));

  return doc;
}

/* A text dump of the whole document by handle: equal dumps mean equal
 * arrays, handles, sibling orders and chains of ratings. Rating handles are
 * left out on purpose: a rating is known by its link and round, and a
 * restored rating gets a new handle. */
char *
orgmap_test_dump (OrgmapDocument *doc)
{
  GString *s = g_string_new (NULL);
  guint n_roots;
  const guint32 *roots;

  g_string_append_printf (s, "document %s scale %g-%g\n", orgmap_document_get_name (doc),
                          orgmap_document_get_scale_min (doc), orgmap_document_get_scale_max (doc));
  for (guint i = 0; i < orgmap_document_get_n_dimensions (doc); i++)
    g_string_append_printf (s, "dimension %u %s\n", i, orgmap_document_get_dimension (doc, i));

  for (guint32 i = 0; i < orgmap_document_get_n_units (doc); i++)
    {
      const OrgmapUnit *u = orgmap_document_get_unit (doc, i);
      double x = 0, y = 0;
      gboolean placed = orgmap_document_get_unit_position (doc, i, &x, &y);
      const guint32 *children;
      guint n_children;

      g_string_append_printf (s, "unit %u id=%s name=%s head=%s area=%s notes=%s parent=%u "
                              "level=%d headcount=%d find=%u placed=%d x=%.17g y=%.17g "
                              "derived-level=%d derived-area=%s depth=%u children:",
                              i, u->id, u->name, S (u->head), S (u->area), S (u->notes), u->parent,
                              u->level, u->headcount, orgmap_document_find_party (doc, u->id),
                              placed, x, y, orgmap_document_get_unit_level (doc, i),
                              orgmap_document_get_unit_area (doc, i),
                              orgmap_document_get_unit_depth (doc, i));
      children = orgmap_document_get_unit_children (doc, i, &n_children);
      for (guint k = 0; k < n_children; k++)
        g_string_append_printf (s, " %u", children[k]);
      g_string_append_c (s, '\n');
    }
  roots = orgmap_document_get_roots (doc, &n_roots);
  g_string_append (s, "roots:");
  for (guint k = 0; k < n_roots; k++)
    g_string_append_printf (s, " %u", roots[k]);
  g_string_append_printf (s, "\nplaced %u\n", orgmap_document_get_n_placed_units (doc));

  for (guint32 i = 0; i < orgmap_document_get_n_externals (doc); i++)
    {
      const OrgmapExternal *x = orgmap_document_get_external (doc, i);

      g_string_append_printf (s, "external %u id=%s name=%s notes=%s find=%u\n",
                              i, x->id, x->name, S (x->notes), orgmap_document_find_party (doc, x->id));
    }

  for (guint32 i = 0; i < orgmap_document_get_n_rounds (doc); i++)
    {
      const OrgmapRound *r = orgmap_document_get_round (doc, i);
      double mean = 0;
      guint n_rated = 0;

      /* The mean sums ratings in handle order, which a restored rating
       * changes: compare it to 12 digits, not to the last bit. */
      orgmap_document_get_round_mean (doc, i, &mean, &n_rated);
      g_string_append_printf (s, "round %u id=%s name=%s date=%s find=%u mean=%.12g rated=%u\n",
                              i, r->id, r->name, S (r->date), orgmap_document_find_round (doc, r->id),
                              mean, n_rated);
    }

  for (guint32 i = 0; i < orgmap_document_get_n_links (doc); i++)
    {
      const OrgmapLink *l = orgmap_document_get_link (doc, i);

      g_string_append_printf (s, "link %u id=%s service=%s notes=%s provider=%u client=%u "
                              "override=%u computed=%d type=%d find=%u\n",
                              i, l->id, S (l->service), S (l->notes), l->provider, l->client,
                              l->type_override, orgmap_document_get_link_computed_type (doc, i),
                              orgmap_document_get_link_type (doc, i),
                              orgmap_document_find_link (doc, l->id));
      for (guint32 r = l->first_rating; r != ORGMAP_NONE; r = orgmap_document_get_rating (doc, r)->next)
        {
          const OrgmapRating *rating = orgmap_document_get_rating (doc, r);
          const OrgmapDimensionScore *scores;
          guint n_scores;

          g_string_append_printf (s, "  rating link=%u round=%u score=%.17g respondents=%d comment=%s dims:",
                                  rating->link, rating->round, rating->score, rating->respondents,
                                  S (rating->comment));
          scores = orgmap_document_get_dimension_scores (doc, r, &n_scores);
          for (guint k = 0; k < n_scores; k++)
            g_string_append_printf (s, " %u=%.17g", scores[k].dimension, scores[k].score);
          g_string_append_c (s, '\n');
        }
    }
  g_string_append_printf (s, "ratings %u\n", orgmap_document_get_n_ratings (doc));

  return g_string_free (s, FALSE);
}

/* Compares two dumps line by line, so that a failure shows the first
 * differing line rather than two whole documents. */
void
orgmap_test_assert_same_dump (const char *actual,
                  const char *expected)
{
  const char *a = actual, *a_end = actual + strlen (actual);
  const char *b = expected, *b_end = expected + strlen (expected);

  /* memchr, not g_strsplit: sanitizers make strstr on long strings slow. */
  while (a < a_end || b < b_end)
    {
      const char *a_eol = memchr (a, '\n', a_end - a);
      const char *b_eol = memchr (b, '\n', b_end - b);
      g_autofree char *a_line = g_strndup (a, (a_eol != NULL ? a_eol : a_end) - a);
      g_autofree char *b_line = g_strndup (b, (b_eol != NULL ? b_eol : b_end) - b);

      g_assert_cmpstr (a_line, ==, b_line);
      a = a_eol != NULL ? a_eol + 1 : a_end;
      b = b_eol != NULL ? b_eol + 1 : b_end;
    }
}

/* Checks shared by the tests of removal and insertion */

/* The document item by item, keyed by id: what a removal must leave as it
 * was, whatever handles moved. */
GHashTable *
orgmap_test_dump_by_id (OrgmapDocument *doc)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint32 i = 0; i < orgmap_document_get_n_units (doc); i++)
    {
      const OrgmapUnit *u = orgmap_document_get_unit (doc, i);
      double x = 0, y = 0;
      gboolean placed = orgmap_document_get_unit_position (doc, i, &x, &y);

      g_hash_table_insert (table, g_strdup_printf ("unit %s", u->id),
                           g_strdup_printf ("name=%s parent=%s headcount=%d placed=%d %g %g",
                                            u->name,
                                            u->parent == ORGMAP_NONE ? "∅" : orgmap_document_get_unit (doc, u->parent)->id,
                                            u->headcount, placed, x, y));
    }
  for (guint32 i = 0; i < orgmap_document_get_n_externals (doc); i++)
    {
      const OrgmapExternal *x = orgmap_document_get_external (doc, i);

      g_hash_table_insert (table, g_strdup_printf ("external %s", x->id), g_strdup (x->name));
    }
  for (guint32 i = 0; i < orgmap_document_get_n_rounds (doc); i++)
    {
      const OrgmapRound *r = orgmap_document_get_round (doc, i);

      g_hash_table_insert (table, g_strdup_printf ("round %s", r->id), g_strdup (r->name));
    }
  for (guint32 i = 0; i < orgmap_document_get_n_links (doc); i++)
    {
      const OrgmapLink *l = orgmap_document_get_link (doc, i);

      g_hash_table_insert (table, g_strdup_printf ("link %s", l->id),
                           g_strdup_printf ("%s → %s", orgmap_document_get_party_id (doc, l->provider),
                                            orgmap_document_get_party_id (doc, l->client)));
      for (guint32 r = l->first_rating; r != ORGMAP_NONE; r = orgmap_document_get_rating (doc, r)->next)
        {
          const OrgmapRating *rating = orgmap_document_get_rating (doc, r);
          guint n_scores;

          orgmap_document_get_dimension_scores (doc, r, &n_scores);
          g_hash_table_insert (table,
                               g_strdup_printf ("rating %s %s", l->id,
                                                orgmap_document_get_round (doc, rating->round)->id),
                               g_strdup_printf ("%g %d %s %u", rating->score, rating->respondents,
                                                S (rating->comment), n_scores));
        }
    }

  return table;
}

/* Every reference is in range, every id finds its item, the derived
 * hierarchy and the kept link types agree with the arrays. */
void
orgmap_test_assert_consistent (OrgmapDocument *doc)
{
  guint n_units = orgmap_document_get_n_units (doc);
  guint n_externals = orgmap_document_get_n_externals (doc);
  guint n_links = orgmap_document_get_n_links (doc);
  guint n_rounds = orgmap_document_get_n_rounds (doc);
  guint n_ratings = orgmap_document_get_n_ratings (doc);
  g_autofree gboolean *seen = g_new0 (gboolean, n_ratings + 1);
  guint n_reached = 0, n_placed = 0, n_chained = 0, n_roots;
  const guint32 *roots;

  for (guint32 i = 0; i < n_units; i++)
    {
      const OrgmapUnit *u = orgmap_document_get_unit (doc, i);
      const guint32 *children;
      guint n_children;

      g_assert_true (u->parent == ORGMAP_NONE || u->parent < n_units);
      g_assert_cmpuint (orgmap_document_find_unit (doc, u->id), ==, i);
      children = orgmap_document_get_unit_children (doc, i, &n_children);
      for (guint k = 0; k < n_children; k++)
        {
          g_assert_cmpuint (children[k], <, n_units);
          g_assert_cmpuint (orgmap_document_get_unit (doc, children[k])->parent, ==, i);
        }
      n_reached += n_children;
      n_placed += orgmap_document_get_unit_position (doc, i, NULL, NULL);
    }
  roots = orgmap_document_get_roots (doc, &n_roots);
  for (guint k = 0; k < n_roots; k++)
    g_assert_cmpuint (orgmap_document_get_unit (doc, roots[k])->parent, ==, ORGMAP_NONE);
  g_assert_cmpuint (n_reached + n_roots, ==, n_units);
  g_assert_cmpuint (n_placed, ==, orgmap_document_get_n_placed_units (doc));

  for (guint32 i = 0; i < n_externals; i++)
    {
      const char *id = orgmap_document_get_external (doc, i)->id;

      g_assert_cmpuint (orgmap_document_find_external (doc, id), ==, i);
      g_assert_cmpuint (orgmap_document_find_party (doc, id), ==, ORGMAP_EXTERNAL_HANDLE (i));
    }
  for (guint32 i = 0; i < n_rounds; i++)
    g_assert_cmpuint (orgmap_document_find_round (doc, orgmap_document_get_round (doc, i)->id), ==, i);

  for (guint32 i = 0; i < n_links; i++)
    {
      const OrgmapLink *l = orgmap_document_get_link (doc, i);
      guint32 rounds_seen = 0;

      g_assert_cmpuint (orgmap_document_find_link (doc, l->id), ==, i);
      g_assert_cmpuint (l->provider, <, n_units);
      if (ORGMAP_IS_EXTERNAL (l->client))
        g_assert_cmpuint (ORGMAP_EXTERNAL_INDEX (l->client), <, n_externals);
      else
        g_assert_cmpuint (l->client, <, n_units);
      g_assert_cmpuint (l->client, !=, l->provider);
      g_assert_cmpint (orgmap_document_get_link_computed_type (doc, i), ==,
                       orgmap_document_classify (doc, l->provider, l->client));

      for (guint32 r = l->first_rating; r != ORGMAP_NONE; r = orgmap_document_get_rating (doc, r)->next)
        {
          const OrgmapRating *rating;
          const OrgmapDimensionScore *scores;
          guint n_scores;

          g_assert_cmpuint (r, <, n_ratings);
          g_assert_false (seen[r]);
          seen[r] = TRUE;
          n_chained++;
          rating = orgmap_document_get_rating (doc, r);
          g_assert_cmpuint (rating->link, ==, i);
          g_assert_cmpuint (rating->round, <, n_rounds);
          g_assert_false (rounds_seen & (1u << rating->round));
          rounds_seen |= 1u << rating->round;
          g_assert_cmpuint (orgmap_document_find_rating (doc, i, rating->round), ==, r);
          scores = orgmap_document_get_dimension_scores (doc, r, &n_scores);
          for (guint k = 0; k < n_scores; k++)
            g_assert_cmpuint (scores[k].dimension, <, orgmap_document_get_n_dimensions (doc));
        }
    }
  g_assert_cmpuint (n_chained, ==, n_ratings);
}

/* What is left after a removal is what was there before, minus the
 * removed items, whatever handles moved. */
void
orgmap_test_assert_rest_unchanged (GHashTable *before,
                                   GHashTable *after,
                                   guint       n_removed)
{
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpuint (g_hash_table_size (after), ==, g_hash_table_size (before) - n_removed);
  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpstr (value, ==, g_hash_table_lookup (before, key));
}

/* orgmap_test_dump() and the ratings by handle, which it leaves out: the
 * functions for many items give back the very same rating handles. */
char *
orgmap_test_dump_with_rating_handles (OrgmapDocument *doc)
{
  g_autofree char *dump = orgmap_test_dump (doc);
  GString *s = g_string_new (dump);

  for (guint32 i = 0; i < orgmap_document_get_n_links (doc); i++)
    g_string_append_printf (s, "link %u first-rating=%u\n", i,
                            orgmap_document_get_link (doc, i)->first_rating);
  for (guint32 r = 0; r < orgmap_document_get_n_ratings (doc); r++)
    {
      const OrgmapRating *rating = orgmap_document_get_rating (doc, r);
      const OrgmapDimensionScore *scores;
      guint n_scores;

      g_string_append_printf (s, "rating %u link=%u round=%u next=%u score=%g dims:", r,
                              rating->link, rating->round, rating->next, rating->score);
      scores = orgmap_document_get_dimension_scores (doc, r, &n_scores);
      for (guint k = 0; k < n_scores; k++)
        g_string_append_printf (s, " %u=%g", scores[k].dimension, scores[k].score);
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

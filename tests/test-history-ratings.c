/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "orgmap-history.h"

#include <math.h>
#include <string.h>

#include "orgmap-error.h"
#include "orgmap-test-dump.h"
#include "orgmap-test-history.h"

/* The history's commands on ratings with their scores per dimension and on
 * rounds, and the handles of ratings that deleting many items at once and
 * undoing it give back. */

static const double no_scores[] = { NAN, NAN, NAN, NAN, NAN };

/* The dimension scores of a rating as "dimension=score …". */
static char *
dimension_scores (OrgmapTestFixture *f,
                  guint32            link,
                  guint32            round)
{
  GString *s = g_string_new (NULL);
  const OrgmapDimensionScore *scores;
  guint n;

  scores = orgmap_document_get_dimension_scores (f->doc, orgmap_document_find_rating (f->doc, link, round), &n);
  for (guint k = 0; k < n; k++)
    g_string_append_printf (s, "%s%s=%g", k > 0 ? " " : "",
                            orgmap_document_get_dimension (f->doc, scores[k].dimension), scores[k].score);
  return g_string_free (s, FALSE);
}

/* Ratings with their scores per dimension, one step each. */
static void
test_rate_dimensions (void)
{
  OrgmapTestFixture fixture, *f = &fixture;
  g_autoptr(OrgmapHistory) reference_history = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dims = NULL;
  double first[5], scores[5];
  guint32 unrated, s1;
  double score;

  orgmap_test_fixture_init_example (f);
  reference_history = orgmap_history_new (f->reference);
  g_assert_cmpuint (orgmap_document_get_n_dimensions (f->doc), ==, G_N_ELEMENTS (scores));
  g_assert_cmpstr (orgmap_document_get_dimension (f->doc, 0), ==, "reliability");
  unrated = orgmap_test_find_link_with_ratings (f->doc, FALSE);
  s1 = orgmap_document_find_round (f->doc, "s1");

  /* A new rating: the dimensions scored, in their order. */
  memcpy (first, no_scores, sizeof first);
  first[3] = 2;
  first[1] = 4.5;
  orgmap_test_begin (f);
  g_assert_true (orgmap_history_rate_dimensions (f->history, unrated, s1, 3, 9, "Con detalle", first, NULL));
  g_assert_true (orgmap_document_get_link_quality (f->doc, unrated, s1, &score));
  g_assert_cmpfloat (score, ==, 3);
  dims = dimension_scores (f, unrated, s1);
  g_assert_cmpstr (dims, ==, "responsiveness=4.5 empathy=2");
  orgmap_test_finish (f, "Rate Link");

  /* From here on both documents have that rating. */
  g_assert_true (orgmap_history_redo (f->history));
  g_assert_true (orgmap_history_rate_dimensions (reference_history, unrated, s1, 3, 9, "Con detalle",
                                                 first, NULL));
  orgmap_history_clear (f->history);

  /* A score changed, one dropped, one added; those kept keep their order. */
  memcpy (scores, no_scores, sizeof scores);
  scores[3] = 5;
  scores[0] = 1;
  orgmap_test_begin (f);
  g_assert_true (orgmap_history_rate_dimensions (f->history, unrated, s1, 3, 9, "Con detalle", scores, NULL));
  g_free (dims);
  dims = dimension_scores (f, unrated, s1);
  g_assert_cmpstr (dims, ==, "empathy=5 reliability=1");
  orgmap_test_finish (f, "Rate Link");

  /* Only the dimension scores change: one step too. */
  orgmap_test_begin (f);
  g_assert_true (orgmap_history_rate_dimensions (f->history, unrated, s1, 3, 9, "Con detalle", scores, NULL));
  orgmap_test_finish (f, "Rate Link");

  /* Rating without dimensions keeps them; NULL drops them all. */
  orgmap_test_begin (f);
  g_assert_true (orgmap_history_rate (f->history, unrated, s1, 4, 9, NULL, NULL));
  g_free (dims);
  dims = dimension_scores (f, unrated, s1);
  g_assert_cmpstr (dims, ==, "responsiveness=4.5 empathy=2");
  orgmap_test_finish (f, "Rate Link");

  orgmap_test_begin (f);
  g_assert_true (orgmap_history_rate_dimensions (f->history, unrated, s1, 3, 9, "Con detalle", NULL, NULL));
  g_free (dims);
  dims = dimension_scores (f, unrated, s1);
  g_assert_cmpstr (dims, ==, "");
  orgmap_test_finish (f, "Rate Link");

  /* As it is: nothing changes, nothing is recorded. */
  orgmap_test_begin (f);
  g_assert_true (orgmap_history_rate_dimensions (f->history, unrated, s1, 3, 9, "Con detalle", first, NULL));
  g_assert_cmpuint (f->n_changes, ==, 0);
  g_assert_false (orgmap_history_can_undo (f->history));

  /* A dimension score off the scale: refused, naming the dimension. */
  memcpy (scores, first, sizeof scores);
  scores[4] = 6;
  g_assert_false (orgmap_history_rate_dimensions (f->history, unrated, s1, 3, 9, NULL, scores, &error));
  g_assert_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Tangibles"));
  g_assert_nonnull (strstr (error->message, "6"));
  g_assert_nonnull (strstr (error->message, "1–5"));
  g_assert_nonnull (strstr (error->message,
                            orgmap_document_get_party_name (f->doc, orgmap_document_get_link (f->doc, unrated)->provider)));
  {
    g_autofree char *after = orgmap_test_dump (f->doc);

    orgmap_test_assert_same_dump (after, f->before);
  }
  g_assert_cmpuint (f->n_changes, ==, 0);
  g_assert_false (orgmap_history_can_undo (f->history));

  orgmap_test_fixture_clear (f);
}

/* A round's name and date, in one step. */
static void
test_round_details (void)
{
  OrgmapTestFixture fixture, *f = &fixture;
  g_autoptr(GError) e1 = NULL, e2 = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint32 s1;
  const char *name;

  orgmap_test_fixture_init_example (f);
  s1 = orgmap_document_find_round (f->doc, "s1");
  name = orgmap_document_get_round (f->doc, s1)->name;

  orgmap_test_begin (f);
  g_assert_true (orgmap_history_set_round_details (f->history, s1, "Encuesta de primavera", "2026-04-30", NULL));
  g_assert_cmpstr (orgmap_document_get_round (f->doc, s1)->name, ==, "Encuesta de primavera");
  g_assert_cmpstr (orgmap_document_get_round (f->doc, s1)->date, ==, "2026-04-30");
  orgmap_test_finish (f, "Change Round");

  orgmap_test_begin (f);
  g_assert_true (orgmap_history_set_round_details (f->history, s1, name, "", NULL));
  g_assert_null (orgmap_document_get_round (f->doc, s1)->date);
  orgmap_test_finish (f, "Change Round");

  /* As it is: nothing to record. */
  orgmap_test_begin (f);
  g_assert_true (orgmap_history_set_round_details (f->history, s1, name,
                                                   orgmap_document_get_round (f->doc, s1)->date, NULL));
  g_assert_cmpuint (f->n_changes, ==, 0);
  g_assert_false (orgmap_history_can_undo (f->history));

  /* Refused: a date that is not one, no name. */
  before = orgmap_test_dump (f->doc);
  g_assert_false (orgmap_history_set_round_details (f->history, s1, "Otoño", "2026-13-01", &e1));
  g_assert_error (e1, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (e1->message, "2026-13-01"));
  g_assert_nonnull (strstr (e1->message, "Otoño"));
  g_assert_false (orgmap_history_set_round_details (f->history, s1, "  ", "2026-10-01", &e2));
  g_assert_error (e2, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (e2->message, name));
  after = orgmap_test_dump (f->doc);
  orgmap_test_assert_same_dump (after, before);
  g_assert_cmpuint (f->n_changes, ==, 0);
  g_assert_false (orgmap_history_can_undo (f->history));

  orgmap_test_fixture_clear (f);
}

/* The ratings by handle, which orgmap_test_dump() leaves out. */
static char *
rating_handles (OrgmapDocument *doc)
{
  GString *s = g_string_new (NULL);

  for (guint32 r = 0; r < orgmap_document_get_n_ratings (doc); r++)
    {
      const OrgmapRating *rating = orgmap_document_get_rating (doc, r);

      g_string_append_printf (s, "%u: %u %u %u %g\n", r, rating->link, rating->round, rating->next,
                              rating->score);
    }
  return g_string_free (s, FALSE);
}

/* Deleting many items at once and undoing it gives back the very ratings,
 * handle for handle. */
static void
test_bulk_rating_handles (void)
{
  for (guint32 seed = 11; seed <= 14; seed++)
    {
      OrgmapTestFixture fixture, *f = &fixture;
      guint n_roots;
      guint32 unit;

      orgmap_test_fixture_init_random (f, seed);
      unit = orgmap_document_get_roots (f->doc, &n_roots)[0];

      for (guint kind = 0; kind < 4; kind++)
        {
          g_autofree char *original = rating_handles (f->doc);
          g_autofree char *deleted = NULL;
          g_autofree char *undone = NULL;
          g_autofree char *redone = NULL;

          switch (kind)
            {
            case 0:
              g_assert_true (orgmap_history_delete_round (f->history, 0, NULL));
              break;
            case 1:
              g_assert_true (orgmap_history_delete_unit (f->history, unit, NULL));
              break;
            case 2:
              g_assert_true (orgmap_history_delete_external (f->history, 1, NULL));
              break;
            case 3:
              g_assert_true (orgmap_history_delete_link (f->history, orgmap_test_find_link_with_ratings (f->doc, TRUE),
                                                         NULL));
              break;
            default:
              g_assert_not_reached ();
            }
          deleted = rating_handles (f->doc);
          g_assert_cmpstr (deleted, !=, original);
          g_assert_true (orgmap_history_undo (f->history));
          undone = rating_handles (f->doc);
          orgmap_test_assert_same_dump (undone, original);
          g_assert_true (orgmap_history_redo (f->history));
          redone = rating_handles (f->doc);
          orgmap_test_assert_same_dump (redone, deleted);
          g_assert_true (orgmap_history_undo (f->history));
        }
      g_assert_true (orgmap_document_equal (f->doc, f->reference));
      orgmap_test_fixture_clear (f);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/orgmap/model/history/rate-dimensions", test_rate_dimensions);
  g_test_add_func ("/orgmap/model/history/round-details", test_round_details);
  g_test_add_func ("/orgmap/model/history/bulk-rating-handles", test_bulk_rating_handles);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-bench"

#include "config.h"

#include "orgmap-bench.h"

#include <glib/gstdio.h>

#include "orgmap-history.h"
#include "orgmap-store.h"

/* Editing: commands through the undo history, as the application runs
 * them, first on the document in memory alone, then with the live store
 * committing each change to an open document file. */

typedef enum
{
  EDIT_RENAME,
  EDIT_RATE,
  EDIT_ADD_LINK,
  EDIT_MOVE,
  N_EDIT_KINDS
} EditKind;

/* One edit of the mix, on items picked beforehand so that only the edit
 * is timed. Each changes something (a new name, a new respondent count, a
 * new service, another parent), so that each leaves a step to undo. */
typedef struct
{
  EditKind kind;
  guint32  unit;
  guint32  other;     /* the new parent, the link's client */
  guint32  link;
  guint32  round;
  double   score;
  char     text[48];
} Edit;

static void
pick_edit (OrgmapDocument *doc,
           GRand          *rand,
           guint           i,
           Edit           *edit)
{
  guint n_units = orgmap_document_get_n_units (doc);

  edit->kind = i % N_EDIT_KINDS;
  edit->unit = g_rand_int_range (rand, 0, n_units);
  edit->link = g_rand_int_range (rand, 0, orgmap_document_get_n_links (doc));
  edit->round = g_rand_int_range (rand, 0, orgmap_document_get_n_rounds (doc));
  edit->score = 1 + g_rand_int_range (rand, 0, 9) * 0.5;
  g_snprintf (edit->text, sizeof edit->text, "Edición nº %u", i);

  /* Another unit; for a move, one that is not in the unit's subtree. */
  for (;;)
    {
      guint32 p;

      edit->other = g_rand_int_range (rand, 0, n_units);
      if (edit->other == edit->unit ||
          (edit->kind == EDIT_MOVE && edit->other == orgmap_document_get_unit (doc, edit->unit)->parent))
        continue;
      if (edit->kind != EDIT_MOVE)
        break;
      for (p = edit->other; p != ORGMAP_NONE && p != edit->unit;
           p = orgmap_document_get_unit (doc, p)->parent)
        ;
      if (p == ORGMAP_NONE)
        break;
    }
}

static gboolean
apply_edit (OrgmapHistory  *history,
            const Edit     *edit,
            guint           i,
            GError        **error)
{
  switch (edit->kind)
    {
    case EDIT_RENAME:
      return orgmap_history_rename_unit (history, edit->unit, edit->text, error);
    case EDIT_RATE:
      return orgmap_history_rate (history, edit->link, edit->round, edit->score, (gint32) i, NULL,
                                  error);
    case EDIT_ADD_LINK:
      return orgmap_history_add_link (history, edit->unit, edit->other, edit->text, error)
             != ORGMAP_NONE;
    case EDIT_MOVE:
      return orgmap_history_move_unit (history, edit->unit, edit->other, error);
    case N_EDIT_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Changes that make observers, the live store among them, start over. */
static void
count_rewrite (OrgmapDocument *doc,
               guint           kind,
               guint           handle,
               guint          *n_rewrites)
{
  if (kind == ORGMAP_CHANGE_ALL)
    (*n_rewrites)++;
}

static void
report_with_prefix (Bench      *bench,
                    const char *prefix,
                    const char *key,
                    double      value)
{
  g_autofree char *full = g_strconcat (prefix, key, NULL);

  bench_report (bench, full, value);
}

/* The figures of one run of the editing measures, reported with @prefix;
 * also, for --verbose, the worst time of each kind of edit and how many
 * changes were of the kind that has observers start over. */
static gboolean
run_edits (Bench           *bench,
           OrgmapDocument  *doc,
           guint32          subtree,
           const char      *prefix,
           GError         **error)
{
  static const char * const kind_keys[N_EDIT_KINDS] = {
    "rename_max_ms", "rate_max_ms", "add_link_max_ms", "move_max_ms",
  };
  g_autoptr(OrgmapHistory) history = orgmap_history_new (doc);
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  guint runs = MAX (5, bench->runs);
  g_autofree double *delete_round = g_new (double, runs);
  g_autofree double *undo_round = g_new (double, runs);
  g_autofree double *delete_subtree = g_new (double, runs);
  g_autofree double *undo_subtree = g_new (double, runs);
  double total = 0, worst = 0, worst_of_kind[N_EDIT_KINDS] = { 0 }, ms;
  guint n_rewrites = 0;
  gulong handler;
  gint64 start;

  handler = g_signal_connect (doc, "changed", G_CALLBACK (count_rewrite), &n_rewrites);
  for (guint i = 0; i < EDITS; i++)
    {
      Edit edit;
      gboolean ok;

      pick_edit (doc, rand, i, &edit);
      start = g_get_monotonic_time ();
      ok = apply_edit (history, &edit, i, error);
      ms = ms_since (start);
      if (!ok)
        {
          g_signal_handler_disconnect (doc, handler);
          return FALSE;
        }
      total += ms;
      worst = MAX (worst, ms);
      worst_of_kind[edit.kind] = MAX (worst_of_kind[edit.kind], ms);
    }
  report_with_prefix (bench, prefix, "edit_ms", total / EDITS);
  report_with_prefix (bench, prefix, "edit_max_ms", worst);
  for (guint k = 0; k < N_EDIT_KINDS; k++)
    report_with_prefix (bench, prefix, kind_keys[k], worst_of_kind[k]);
  report_with_prefix (bench, prefix, "edit_rewrites", n_rewrites);

  n_rewrites = 0;
  start = g_get_monotonic_time ();
  for (guint i = 0; i < EDITS; i++)
    if (!orgmap_history_undo (history))
      {
        g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                     "only %u of %u edits could be undone", i, EDITS);
        g_signal_handler_disconnect (doc, handler);
        return FALSE;
      }
  report_with_prefix (bench, prefix, "undo_edits_s", bench_seconds_since (start));
  report_with_prefix (bench, prefix, "undo_rewrites", n_rewrites);
  g_signal_handler_disconnect (doc, handler);

  /* The first round, with its ratings; then the subtree, with its links
   * and their ratings; each deleted and undone several times. */
  for (guint i = 0; i < runs; i++)
    {
      start = g_get_monotonic_time ();
      if (!orgmap_history_delete_round (history, 0, error))
        return FALSE;
      delete_round[i] = ms_since (start);
      start = g_get_monotonic_time ();
      orgmap_history_undo (history);
      undo_round[i] = ms_since (start);

      start = g_get_monotonic_time ();
      if (!orgmap_history_delete_unit (history, subtree, error))
        return FALSE;
      delete_subtree[i] = ms_since (start);
      start = g_get_monotonic_time ();
      orgmap_history_undo (history);
      undo_subtree[i] = ms_since (start);
    }
  report_with_prefix (bench, prefix, "delete_round_ms", bench_median (delete_round, runs));
  report_with_prefix (bench, prefix, "undo_round_ms", bench_median (undo_round, runs));
  report_with_prefix (bench, prefix, "delete_subtree_ms", bench_median (delete_subtree, runs));
  report_with_prefix (bench, prefix, "undo_subtree_ms", bench_median (undo_subtree, runs));
  return TRUE;
}

/* A large subtree: the largest that holds at most a tenth of the units (a
 * division of the organisation). Reports its size and what hangs on it. */
static guint32
pick_subtree (Bench          *bench,
              OrgmapDocument *doc)
{
  guint n_units = orgmap_document_get_n_units (doc);
  g_autofree guint32 *order = g_new (guint32, n_units);
  g_autofree guint32 *size = g_new (guint32, n_units);
  g_autofree guint8 *inside = g_new0 (guint8, n_units);
  guint n_roots, n = 0, n_links = 0;
  const guint32 *roots = orgmap_document_get_roots (doc, &n_roots);
  guint32 best = ORGMAP_NONE;

  /* Breadth first, then sizes from the deepest units up. */
  for (guint k = 0; k < n_roots; k++)
    order[n++] = roots[k];
  for (guint i = 0; i < n; i++)
    {
      guint n_children;
      const guint32 *children = orgmap_document_get_unit_children (doc, order[i], &n_children);

      for (guint k = 0; k < n_children; k++)
        order[n++] = children[k];
    }
  for (guint i = 0; i < n_units; i++)
    size[i] = 1;
  for (guint i = n_units; i > 0; i--)
    {
      guint32 parent = orgmap_document_get_unit (doc, order[i - 1])->parent;

      if (parent != ORGMAP_NONE)
        size[parent] += size[order[i - 1]];
    }
  for (guint32 u = 0; u < n_units; u++)
    if (size[u] <= n_units / 10 && (best == ORGMAP_NONE || size[u] > size[best]))
      best = u;

  /* Leaves hold one unit: none is found only in a document of fewer than ten. */
  if (best == ORGMAP_NONE)
    best = order[n_units - 1];

  /* Breadth-first order lists a subtree's units after its root. */
  inside[best] = TRUE;
  for (guint i = 0; i < n_units; i++)
    {
      guint32 parent = orgmap_document_get_unit (doc, order[i])->parent;

      if (parent != ORGMAP_NONE && inside[parent])
        inside[order[i]] = TRUE;
    }
  for (guint32 l = 0; l < orgmap_document_get_n_links (doc); l++)
    {
      const OrgmapLink *link = orgmap_document_get_link (doc, l);

      n_links += inside[link->provider] ||
                 (!ORGMAP_IS_EXTERNAL (link->client) && inside[link->client]);
    }

  bench_report (bench, "subtree_units", size[best]);
  bench_report (bench, "subtree_links", n_links);
  return best;
}

gboolean
measure_editing (Bench   *bench,
                 GError **error)
{
  OrgmapDocument *doc = bench->document;
  g_autoptr(OrgmapDocument) reference = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  guint n_rated = 0;
  guint32 subtree;
  gboolean ok;

  if (orgmap_document_get_n_units (doc) > EDIT_MAX_UNITS)
    return TRUE;

  for (guint32 r = 0; r < orgmap_document_get_n_ratings (doc); r++)
    n_rated += orgmap_document_get_rating (doc, r)->round == 0;
  bench_report (bench, "round_ratings", n_rated);
  subtree = pick_subtree (bench, doc);

  /* Every edit undone leaves the document as it was loaded. */
  if (!run_edits (bench, doc, subtree, "mem_", error))
    return FALSE;
  reference = orgmap_store_load (bench->saved, error);
  if (reference == NULL)
    return FALSE;
  bench_report (bench, "edit_round_trip", orgmap_document_equal (doc, reference));

  /* The same again, each change committed to a file as it is made. */
  dir = g_dir_make_tmp ("orgmap-bench-edit-XXXXXX", error);
  if (dir == NULL)
    return FALSE;
  path = g_build_filename (dir, "edited.orgmap", NULL);
  {
    g_autoptr(OrgmapLiveStore) store = orgmap_live_store_create (path, doc, error);

    ok = store != NULL && run_edits (bench, doc, subtree, "file_", error);
    if (ok && orgmap_live_store_get_error (store) != NULL)
      {
        g_propagate_error (error, g_error_copy (orgmap_live_store_get_error (store)));
        ok = FALSE;
      }
  }
  if (ok)
    {
      g_autoptr(OrgmapDocument) written = orgmap_store_load (path, error);

      ok = written != NULL;
      if (ok)
        bench_report (bench, "edit_file_round_trip", orgmap_document_equal (written, doc));
    }
  g_unlink (path);
  g_rmdir (dir);
  return ok;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-bench"

#include "config.h"

#include "orgmap-bench.h"

#include <errno.h>
#include <stdio.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "orgmap-layout.h"
#include "orgmap-renderer.h"

/* Drawing: the layout, and frames of the map as the window draws them. */

gboolean
measure_layout (Bench   *bench,
                GError **error)
{
  guint runs = MAX (bench->runs, 5);
  g_autofree double *times = g_new (double, runs);

  for (guint i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      OrgmapLayout *layout = orgmap_layout_new (bench->document);

      times[i] = bench_seconds_since (start) * 1000;
      orgmap_layout_free (layout);
    }
  bench_report (bench, "layout_ms", bench_median (times, runs));
  return TRUE;
}

/* The median time of FRAMES frames at @scale with the view's top-left corner
 * at (@x, @y), as the canvas draws them: a fresh image, the whole map. */
static double
time_frames (OrgmapRenderer *renderer,
             double          scale,
             double          x,
             double          y)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, FRAME_WIDTH, FRAME_HEIGHT);
  OrgmapRect visible = { x, y, FRAME_WIDTH / scale, FRAME_HEIGHT / scale };
  double times[FRAMES];

  for (guint i = 0; i < FRAMES; i++)
    {
      gint64 start = g_get_monotonic_time ();
      cairo_t *cr = cairo_create (surface);

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, scale, scale);
      cairo_translate (cr, -x, -y);
      orgmap_renderer_draw (renderer, cr, scale, &visible);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      times[i] = bench_seconds_since (start) * 1000;
    }
  cairo_surface_destroy (surface);
  return bench_median (times, FRAMES);
}

gboolean
measure_frames (Bench   *bench,
                GError **error)
{
  g_autoptr(OrgmapLayout) layout = orgmap_layout_new (bench->document);
  g_autoptr(OrgmapRenderer) renderer = orgmap_renderer_new (bench->document, layout);
  OrgmapRect bounds;
  double fit;

  orgmap_layout_get_bounds (layout, &bounds);
  fit = MIN (FRAME_WIDTH / bounds.width, FRAME_HEIGHT / bounds.height);
  bench_report (bench, "frame_fit_ms",
                time_frames (renderer, fit, bounds.x, bounds.y));
  /* 1:1 in the middle of the chart */
  bench_report (bench, "frame_full_ms",
                time_frames (renderer, 1.0, bounds.x + bounds.width / 2 - FRAME_WIDTH / 2,
                             bounds.y + bounds.height / 2 - FRAME_HEIGHT / 2));
  return TRUE;
}

/* Graphviz's dot on the same organisation, for comparison: hierarchy edges
 * ranked, links not (constraint=false). Only where dot is installed, and
 * for up to 10,000 units; cut off after DOT_TIMEOUT seconds. */
gboolean
measure_dot (Bench   *bench,
             GError **error)
{
  g_autofree char *dot = g_find_program_in_path ("dot");
  g_autofree char *path = NULL;
  g_autofree char *timeout_arg = g_strdup_printf ("%d", DOT_TIMEOUT);
  OrgmapDocument *doc = bench->document;
  gint64 start;
  int status;
  FILE *out;

  if (dot == NULL || orgmap_document_get_n_units (doc) > 10000)
    return TRUE;

  path = g_build_filename (bench->dir, "orgmap-bench.dot", NULL);
  out = fopen (path, "w");
  if (out == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "cannot write %s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }
  fprintf (out, "digraph org {\n  node [shape=box];\n");
  for (guint32 u = 0; u < orgmap_document_get_n_units (doc); u++)
    fprintf (out, "  n%u;\n", u);
  for (guint32 e = 0; e < orgmap_document_get_n_externals (doc); e++)
    fprintf (out, "  x%u;\n", e);
  for (guint32 u = 0; u < orgmap_document_get_n_units (doc); u++)
    {
      guint32 parent = orgmap_document_get_unit (doc, u)->parent;

      if (parent != ORGMAP_NONE)
        fprintf (out, "  n%u -> n%u;\n", parent, u);
    }
  for (guint32 i = 0; i < orgmap_document_get_n_links (doc); i++)
    {
      const OrgmapLink *link = orgmap_document_get_link (doc, i);

      if (ORGMAP_IS_EXTERNAL (link->client))
        fprintf (out, "  n%u -> x%u [constraint=false];\n", link->provider,
                 ORGMAP_EXTERNAL_INDEX (link->client));
      else
        fprintf (out, "  n%u -> n%u [constraint=false];\n", link->provider, link->client);
    }
  fprintf (out, "}\n");
  fclose (out);

  {
    const char *argv[] = { "timeout", timeout_arg, dot, "-Tsvg", "-o", "/dev/null", path, NULL };

    start = g_get_monotonic_time ();
    if (!g_spawn_sync (NULL, (char **) argv, NULL,
                       G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                       NULL, NULL, NULL, NULL, &status, error))
      {
        g_unlink (path);
        return FALSE;
      }
  }
  g_unlink (path);

  /* A run cut off by the timeout is shown as the timeout, marked by a
   * separate figure. */
  bench_report (bench, "dot_s", bench_seconds_since (start));
  bench_report (bench, "dot_cut_off", WIFEXITED (status) && WEXITSTATUS (status) == 124);
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <glib/gstdio.h>

#include "orgmap-test-ui.h"

void
orgmap_test_wait_for (gboolean (*ready) (gpointer),
                      gpointer    data)
{
  /* A guard against hangs: sanitizer builds on a busy machine are slow. */
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!ready (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

void
orgmap_test_settle (void)
{
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
drawn (gpointer widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (snapshot);
  return node != NULL;
}

void
orgmap_test_keep_screenshot (GtkWidget  *window,
                             const char *name)
{
  const char *dir = g_getenv ("ORGMAP_SCREENSHOT_DIR");
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  gtk_widget_queue_draw (window);
  orgmap_test_settle ();
  orgmap_test_wait_for (drawn, window);
  texture = orgmap_test_window_texture (window);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

gboolean
orgmap_test_canvas_drawn (gpointer data)
{
  OrgmapWindow *window = data;
  GtkWidget *canvas = GTK_WIDGET (orgmap_window_get_canvas (window));

  return gtk_widget_get_mapped (canvas) && gtk_widget_get_width (canvas) > 200;
}

OrgmapWindow *
orgmap_test_open_example_window (void)
{
  OrgmapWindow *window = orgmap_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  orgmap_window_open_example (window);
  gtk_window_present (GTK_WINDOW (window));
  orgmap_test_wait_for (orgmap_test_canvas_drawn, window);
  /* Let the first frame settle (fit happens at the first allocation). */
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  return window;
}

gboolean
orgmap_test_document_loaded (gpointer data)
{
  OrgmapWindow *window = data;

  return orgmap_window_get_document (window) != NULL &&
         gtk_widget_get_cursor (GTK_WIDGET (window)) == NULL;
}

GdkTexture *
orgmap_test_window_texture (GtkWidget *window)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  return gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                      &GRAPHENE_RECT_INIT (0, 0, width, height));
}

gboolean
orgmap_test_texture_has_color (GdkTexture        *texture,
                               int                x0,
                               int                y0,
                               int                x1,
                               int                y1,
                               const OrgmapColor *color)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *data = g_malloc ((gsize) width * height * 4);

  gdk_texture_download (texture, data, width * 4);
  for (int y = MAX (y0, 0); y < MIN (y1, height); y++)
    for (int x = MAX (x0, 0); x < MIN (x1, width); x++)
      {
        /* Premultiplied BGRA, opaque here. */
        const guchar *p = data + (gsize) y * width * 4 + x * 4;

        if (fabs (p[2] / 255.0 - color->r) < 0.03 && fabs (p[1] / 255.0 - color->g) < 0.03 &&
            fabs (p[0] / 255.0 - color->b) < 0.03)
          return TRUE;
      }
  return FALSE;
}

GdkTexture *
orgmap_test_canvas_texture (OrgmapCanvas *canvas)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (GTK_WIDGET (canvas));
  int height = gtk_widget_get_height (GTK_WIDGET (canvas));
  g_autoptr(GskRenderNode) node = NULL;

  /* What the canvas draws for the next frame, in its own coordinates. */
  GTK_WIDGET_GET_CLASS (canvas)->snapshot (GTK_WIDGET (canvas), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (GTK_WIDGET (canvas))),
                                      node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

void
orgmap_test_link_curve (OrgmapCanvas *canvas,
                        guint32       link,
                        double        p[8])
{
  g_autoptr(OrgmapRenderer) renderer = orgmap_renderer_new (orgmap_canvas_get_document (canvas),
                                                            orgmap_canvas_get_layout (canvas));

  orgmap_renderer_link_curve (renderer, link, p);
}

gboolean
orgmap_test_color_on_curve (OrgmapCanvas      *canvas,
                            GdkTexture        *texture,
                            const double       p[8],
                            const OrgmapColor *color)
{
  for (double t = 0.3; t <= 0.7; t += 0.05)
    {
      double u = 1 - t;
      double x = u * u * u * p[0] + 3 * u * u * t * p[2] + 3 * u * t * t * p[4] + t * t * t * p[6];
      double y = u * u * u * p[1] + 3 * u * u * t * p[3] + 3 * u * t * t * p[5] + t * t * t * p[7];
      double sx, sy;

      orgmap_canvas_to_screen (canvas, x, y, &sx, &sy);
      if (orgmap_test_texture_has_color (texture, (int) sx - 2, (int) sy - 2, (int) sx + 3, (int) sy + 3, color))
        return TRUE;
    }
  return FALSE;
}

static char *test_home;

/* A fresh home for this run: gtk_test_init() leaves the user's folders as
 * they are (it does not isolate them), and the tests write drafts, recent
 * files and settings there. */
void
orgmap_test_init (int    *argc,
                  char ***argv)
{
  const char *dirs[][2] = {
    { "XDG_DATA_HOME", "data" }, { "XDG_CONFIG_HOME", "config" },
    { "XDG_CACHE_HOME", "cache" }, { "XDG_STATE_HOME", "state" },
  };

  /* A child of g_test_trap_subprocess() lives in its parent's home. */
  if (g_getenv ("ORGMAP_TEST_HOME") != NULL)
    {
      gtk_test_init (argc, argv, NULL);
      return;
    }

  test_home = g_dir_make_tmp ("orgmap-test-home-XXXXXX", NULL);
  g_assert_nonnull (test_home);
  g_setenv ("ORGMAP_TEST_HOME", test_home, TRUE);
  g_setenv ("HOME", test_home, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = g_build_filename (test_home, dirs[i][1], NULL);

      g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
      g_setenv (dirs[i][0], path, TRUE);
    }
  gtk_test_init (argc, argv, NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
orgmap_test_run (void)
{
  int status = g_test_run ();

  if (test_home != NULL)
    remove_tree (test_home);
  g_clear_pointer (&test_home, g_free);
  return status;
}

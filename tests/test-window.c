/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>
#include <gtk/gtk.h>

#include "orgmap-renderer.h"
#include "orgmap-window.h"

/* Widget tests: the window as a person sees it. They need a display (the
 * test command provides a virtual one) and fail without it. */

static void
wait_for (gboolean (*ready) (gpointer),
          gpointer    data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!ready (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
canvas_drawn (gpointer data)
{
  OrgmapWindow *window = data;
  GtkWidget *canvas = GTK_WIDGET (orgmap_window_get_canvas (window));

  return gtk_widget_get_mapped (canvas) && gtk_widget_get_width (canvas) > 200;
}

static OrgmapWindow *
open_example_window (void)
{
  OrgmapWindow *window = orgmap_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  orgmap_window_open_example (window);
  gtk_window_present (GTK_WINDOW (window));
  wait_for (canvas_drawn, window);
  /* Let the first frame settle (fit happens at the first allocation). */
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  return window;
}

static void
test_example (void)
{
  OrgmapWindow *window = open_example_window ();
  OrgmapCanvas *canvas = orgmap_window_get_canvas (window);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Industrias Ejemplo");
  g_assert_nonnull (strstr (orgmap_window_get_summary (window),
                            "26 units · 30 links: 8 vertical, 11 horizontal, 7 diagonal, 4 external"));
  g_assert_nonnull (strstr (orgmap_window_get_summary (window), "mean quality 3.45"));
  g_assert_nonnull (orgmap_canvas_get_layout (canvas));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_round_selector (void)
{
  OrgmapWindow *window = open_example_window ();
  OrgmapViewState *view = orgmap_canvas_get_view_state (orgmap_window_get_canvas (window));

  /* Showing the first round: its mean and its name in the summary. */
  orgmap_view_state_set_round (view, 0);
  g_assert_nonnull (strstr (orgmap_window_get_summary (window),
                            "mean quality 3.10 in Encuesta de servicio interno, primer semestre (28 links rated)"));
  orgmap_view_state_set_round (view, ORGMAP_NONE);
  g_assert_nonnull (strstr (orgmap_window_get_summary (window), "latest ratings of 29 links"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_view_actions (void)
{
  OrgmapWindow *window = open_example_window ();
  OrgmapCanvas *canvas = orgmap_window_get_canvas (window);
  OrgmapViewState *view = orgmap_canvas_get_view_state (canvas);
  OrgmapDocument *doc = orgmap_window_get_document (window);
  double fitted, x, y, x2, y2;

  fitted = orgmap_view_state_get_zoom (view);
  g_assert_cmpfloat (fitted, >, 0.3);
  g_assert_cmpfloat (fitted, <, 1.5);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.zoom-in", NULL));
  g_assert_cmpfloat (fabs (orgmap_view_state_get_zoom (view) - fitted * 1.25), <, 1e-9);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.zoom-out", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.zoom-out", NULL));
  g_assert_cmpfloat (orgmap_view_state_get_zoom (view), <, fitted);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.zoom-fit", NULL));
  g_assert_cmpfloat (fabs (orgmap_view_state_get_zoom (view) - fitted), <, 1e-9);

  orgmap_view_state_get_origin (view, &x, &y);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.pan", "(ii)", 1, 0));
  orgmap_view_state_get_origin (view, &x2, &y2);
  g_assert_cmpfloat (x2, >, x);
  g_assert_cmpfloat (y2, ==, y);

  /* Tab walks the units in order, Shift+Tab back, Escape clears. */
  g_assert_cmpuint (orgmap_view_state_get_selection (view), ==, ORGMAP_NONE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.select-next", NULL));
  g_assert_cmpuint (orgmap_view_state_get_selection (view), ==, orgmap_document_find_unit (doc, "dg"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.select-next", NULL));
  g_assert_cmpuint (orgmap_view_state_get_selection (view), ==, orgmap_document_find_unit (doc, "fin"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.select-previous", NULL));
  g_assert_cmpuint (orgmap_view_state_get_selection (view), ==, orgmap_document_find_unit (doc, "dg"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.clear-selection", NULL));
  g_assert_cmpuint (orgmap_view_state_get_selection (view), ==, ORGMAP_NONE);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_pick_and_describe (void)
{
  OrgmapWindow *window = open_example_window ();
  OrgmapCanvas *canvas = orgmap_window_get_canvas (window);
  OrgmapDocument *doc = orgmap_window_get_document (window);
  guint32 rrhh = orgmap_document_find_unit (doc, "rrhh");
  guint32 link = orgmap_document_find_link (doc, "rrhh-ops");
  const OrgmapRect *r = orgmap_layout_get_unit (orgmap_canvas_get_layout (canvas), rrhh);
  g_autofree char *unit_text = NULL;
  g_autofree char *link_text = NULL;
  double sx, sy;

  orgmap_canvas_to_screen (canvas, r->x + r->width / 2, r->y + r->height / 2, &sx, &sy);
  g_assert_cmpuint (orgmap_canvas_pick_party (canvas, sx, sy), ==, rrhh);

  unit_text = orgmap_canvas_describe_party (canvas, rrhh);
  g_assert_nonnull (strstr (unit_text, "<b>Recursos Humanos</b>"));
  g_assert_nonnull (strstr (unit_text, "Level 3 · Area: Administración"));
  g_assert_nonnull (strstr (unit_text, "2 internal clients · 0 providers"));

  link_text = orgmap_canvas_describe_link (canvas, link);
  g_assert_nonnull (strstr (link_text, "<b>Recursos Humanos → Dirección de Operaciones</b>"));
  g_assert_nonnull (strstr (link_text, "Planificación de turnos"));
  g_assert_nonnull (strstr (link_text, "Vertical (set by hand; computed: Diagonal)"));
  g_assert_nonnull (strstr (link_text, "Score 2.9 of 5 · Encuesta de servicio interno, segundo semestre · 5 respondents"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
texture_has_color (GdkTexture        *texture,
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

static void
test_snapshot (void)
{
  OrgmapWindow *window = open_example_window ();
  GtkWidget *canvas = GTK_WIDGET (orgmap_window_get_canvas (window));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(OrgmapRenderer) renderer = NULL;
  const char *keep = g_getenv ("ORGMAP_SCREENSHOT");
  int width = gtk_widget_get_width (GTK_WIDGET (window));
  int height = gtk_widget_get_height (GTK_WIDGET (window));
  struct { double x, y; } origin;
  OrgmapColor low, high;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (keep != NULL)
    g_assert_true (gdk_texture_save_to_png (texture, keep));

  g_assert_true (gtk_widget_translate_coordinates (canvas, GTK_WIDGET (window), 0, 0, &origin.x, &origin.y));

  /* The legend, bottom-left over the map, shows both ends of the scale. */
  renderer = orgmap_renderer_new (orgmap_window_get_document (window), NULL);
  orgmap_renderer_quality_color (renderer, 1, &low);
  orgmap_renderer_quality_color (renderer, 5, &high);
  g_assert_true (texture_has_color (texture, origin.x, origin.y + gtk_widget_get_height (canvas) - 160,
                                    origin.x + 300, origin.y + gtk_widget_get_height (canvas), &low));
  g_assert_true (texture_has_color (texture, origin.x, origin.y + gtk_widget_get_height (canvas) - 160,
                                    origin.x + 300, origin.y + gtk_widget_get_height (canvas), &high));

  /* The map above it: links in a quality colour in the upper half. */
  {
    OrgmapColor good;

    orgmap_renderer_quality_color (renderer, 4.1, &good);
    g_assert_true (texture_has_color (texture, origin.x, origin.y,
                                      origin.x + gtk_widget_get_width (canvas),
                                      origin.y + gtk_widget_get_height (canvas) / 2, &good));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
document_is (gpointer data)
{
  OrgmapWindow *window = data;
  OrgmapDocument *doc = orgmap_window_get_document (window);

  return doc != NULL && orgmap_document_get_n_units (doc) == 26 &&
         g_str_has_suffix (gtk_window_get_title (GTK_WINDOW (window)), "Ejemplo") &&
         gtk_widget_get_cursor (GTK_WIDGET (window)) == NULL;
}

/* Opening a file adds it to the recent files; a new window lists it. */
static void
test_open_and_recent (void)
{
  OrgmapWindow *window = orgmap_window_new (NULL);
  OrgmapWindow *second = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("ORGMAP_SOURCE_DIR"), "resources",
                                            "example.orgmap.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);

  gtk_window_present (GTK_WINDOW (window));
  orgmap_window_open (window, file);
  wait_for (document_is, window);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Industrias Ejemplo");
  /* The recent manager writes its list from an idle: let it. */
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (gtk_recent_manager_has_item (gtk_recent_manager_get_default (), uri));

  second = orgmap_window_new (NULL);
  gtk_window_destroy (GTK_WINDOW (second));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_two_toplevels (gpointer data)
{
  return g_list_model_get_n_items (gtk_window_get_toplevels ()) >= 2;
}

static void
test_open_bad_file (void)
{
  OrgmapWindow *window = open_example_window ();
  OrgmapDocument *before = orgmap_window_get_document (window);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bad", "duplicate-id.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *dialog = NULL;

  orgmap_window_open (window, file);
  wait_for (has_two_toplevels, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (w != GTK_WINDOW (window))
        dialog = w;
    }
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, "Could not open “duplicate-id.xml”");
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  /* Nothing half-loaded: the window still shows what it showed. */
  g_assert_true (orgmap_window_get_document (window) == before);

  gtk_window_destroy (dialog);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/orgmap/ui/window/example", test_example);
  g_test_add_func ("/orgmap/ui/window/round-selector", test_round_selector);
  g_test_add_func ("/orgmap/ui/window/view-actions", test_view_actions);
  g_test_add_func ("/orgmap/ui/window/pick-and-describe", test_pick_and_describe);
  g_test_add_func ("/orgmap/ui/window/snapshot", test_snapshot);
  g_test_add_func ("/orgmap/ui/window/open-bad-file", test_open_bad_file);
  g_test_add_func ("/orgmap/ui/window/open-and-recent", test_open_and_recent);

  return g_test_run ();
}

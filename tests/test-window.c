/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>
#include <gtk/gtk.h>
#include <glib/gstdio.h>

#include "orgmap-handle-item.h"
#include "orgmap-renderer.h"
#include "orgmap-store.h"
#include "orgmap-xml-import.h"
#include "orgmap-test-ui.h"
#include "orgmap-window.h"

/* Widget tests: the window as a person sees it. They need a display (the
 * test command provides a virtual one) and fail without it. */

static void
test_example (void)
{
  OrgmapWindow *window = orgmap_test_open_example_window ();
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
  OrgmapWindow *window = orgmap_test_open_example_window ();
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
  OrgmapWindow *window = orgmap_test_open_example_window ();
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
  OrgmapWindow *window = orgmap_test_open_example_window ();
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

static void
test_snapshot (void)
{
  OrgmapWindow *window = orgmap_test_open_example_window ();
  GtkWidget *canvas = GTK_WIDGET (orgmap_window_get_canvas (window));
  g_autoptr(GdkTexture) texture = orgmap_test_window_texture (GTK_WIDGET (window));
  g_autoptr(OrgmapRenderer) renderer = NULL;
  const char *keep = g_getenv ("ORGMAP_SCREENSHOT");
  struct { double x, y; } origin;
  OrgmapColor low, high;

  if (keep != NULL)
    g_assert_true (gdk_texture_save_to_png (texture, keep));

  g_assert_true (gtk_widget_translate_coordinates (canvas, GTK_WIDGET (window), 0, 0, &origin.x, &origin.y));

  /* The legend, bottom-left over the map, shows both ends of the scale. */
  renderer = orgmap_renderer_new (orgmap_window_get_document (window), NULL);
  orgmap_renderer_quality_color (renderer, 1, &low);
  orgmap_renderer_quality_color (renderer, 5, &high);
  g_assert_true (orgmap_test_texture_has_color (texture, origin.x, origin.y + gtk_widget_get_height (canvas) - 160,
                                    origin.x + 300, origin.y + gtk_widget_get_height (canvas), &low));
  g_assert_true (orgmap_test_texture_has_color (texture, origin.x, origin.y + gtk_widget_get_height (canvas) - 160,
                                    origin.x + 300, origin.y + gtk_widget_get_height (canvas), &high));

  /* The map above it: links in a quality colour in the upper half. */
  {
    OrgmapColor good;

    orgmap_renderer_quality_color (renderer, 4.1, &good);
    g_assert_true (orgmap_test_texture_has_color (texture, origin.x, origin.y,
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
  orgmap_test_wait_for (document_is, window);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Industrias Ejemplo");
  /* The recent manager writes its list from an idle: let it. */
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (gtk_recent_manager_has_item (gtk_recent_manager_get_default (), uri));

  second = orgmap_window_new (NULL);
  gtk_window_destroy (GTK_WINDOW (second));
  gtk_window_destroy (GTK_WINDOW (window));
}

static char *
unit_name_in_file (const char *path,
                   const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OrgmapDocument) doc = orgmap_store_load (path, &error);

  g_assert_no_error (error);
  return g_strdup (orgmap_document_get_unit (doc, orgmap_document_find_unit (doc, id))->name);
}

/* An open document is written at every edit, and the history undoes and
 * redoes them, in the window and in the file, with the menu naming them. */
static void
test_edit_undo_redo (void)
{
  g_autofree char *example = g_build_filename (g_getenv ("ORGMAP_SOURCE_DIR"), "resources",
                                               "example.orgmap.xml", NULL);
  g_autofree char *dir = g_dir_make_tmp ("orgmap-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "map.orgmap", NULL);
  g_autoptr(OrgmapDocument) source = orgmap_xml_import_file (example, NULL, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  OrgmapWindow *window = orgmap_window_new (NULL);
  OrgmapHistory *history;
  OrgmapDocument *doc;
  g_autofree char *name = NULL;
  guint32 rrhh;

  g_assert_true (orgmap_store_save (source, path, FALSE, NULL));
  gtk_window_present (GTK_WINDOW (window));
  orgmap_window_open (window, file);
  orgmap_test_wait_for (orgmap_test_document_loaded, window);
  doc = orgmap_window_get_document (window);
  history = orgmap_window_get_history (window);
  rrhh = orgmap_document_find_unit (doc, "rrhh");

  g_assert_true (orgmap_history_rename_unit (history, rrhh, "Personas y Cultura", NULL));
  name = unit_name_in_file (path, "rrhh");
  g_assert_cmpstr (name, ==, "Personas y Cultura");
  g_clear_pointer (&name, g_free);
  g_assert_cmpstr (orgmap_history_get_undo_label (history), ==, "Undo Rename Unit");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpstr (orgmap_document_get_unit (doc, rrhh)->name, ==, "Recursos Humanos");
  name = unit_name_in_file (path, "rrhh");
  g_assert_cmpstr (name, ==, "Recursos Humanos");
  g_clear_pointer (&name, g_free);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  name = unit_name_in_file (path, "rrhh");
  g_assert_cmpstr (name, ==, "Personas y Cultura");

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

static gboolean
has_two_toplevels (gpointer data)
{
  return g_list_model_get_n_items (gtk_window_get_toplevels ()) >= 2;
}

static void
test_open_bad_file (void)
{
  OrgmapWindow *window = orgmap_test_open_example_window ();
  OrgmapDocument *before = orgmap_window_get_document (window);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bad", "duplicate-id.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *dialog = NULL;

  orgmap_window_open (window, file);
  orgmap_test_wait_for (has_two_toplevels, NULL);

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

/* The side panel */

static gboolean
panel_mapped (gpointer data)
{
  OrgmapWindow *window = data;

  return gtk_widget_get_mapped (GTK_WIDGET (orgmap_window_get_side_panel (window)));
}

static OrgmapWindow *
open_panel_window (void)
{
  OrgmapWindow *window = orgmap_test_open_example_window ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-panel", NULL));
  orgmap_test_wait_for (panel_mapped, window);
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  return window;
}

/* The handle behind an item of the panel's lists (a tree row or not). */
static guint32
handle_of (gpointer item)
{
  if (GTK_IS_TREE_LIST_ROW (item))
    {
      g_autoptr(OrgmapHandleItem) inner = gtk_tree_list_row_get_item (item);

      return orgmap_handle_item_get_handle (inner);
    }
  return orgmap_handle_item_get_handle (item);
}

static guint32
handle_at (GListModel *model,
           guint       position)
{
  g_autoptr(GObject) item = g_list_model_get_item (model, position);

  g_assert_nonnull (item);
  return handle_of (item);
}

static guint32
selected_handle (GtkSingleSelection *selection)
{
  gpointer item = gtk_single_selection_get_selected_item (selection);

  return item != NULL ? handle_of (item) : ORGMAP_NONE;
}

static guint
position_of (GListModel *model,
             guint32     handle)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    if (handle_at (model, i) == handle)
      return i;
  g_assert_not_reached ();
}

static void
test_panel_toggle (void)
{
  OrgmapWindow *window = orgmap_test_open_example_window ();
  GtkWidget *panel = GTK_WIDGET (orgmap_window_get_side_panel (window));
  GtkWidget *canvas = GTK_WIDGET (orgmap_window_get_canvas (window));
  int canvas_width = gtk_widget_get_width (canvas);
  OrgmapViewState *view = orgmap_canvas_get_view_state (ORGMAP_CANVAS (canvas));
  double fitted = orgmap_view_state_get_zoom (view);
  gboolean shown = TRUE;
  double x, y;

  /* Hidden at first. */
  g_object_get (window, "side-panel-visible", &shown, NULL);
  g_assert_false (shown);
  g_assert_false (gtk_widget_get_visible (panel));

  /* F9's action shows it at the right of the map, which narrows. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-panel", NULL));
  orgmap_test_wait_for (panel_mapped, window);
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_object_get (window, "side-panel-visible", &shown, NULL);
  g_assert_true (shown);
  g_assert_cmpint (gtk_widget_get_width (panel), >=, 300);
  g_assert_cmpint (gtk_widget_get_width (canvas), <, canvas_width);
  g_assert_true (gtk_widget_translate_coordinates (panel, canvas, 0, 0, &x, &y));
  g_assert_cmpfloat (x, >=, gtk_widget_get_width (canvas));

  /* The map was fitted and nobody moved it: it fits the narrower map again,
   * but not so small that the names of its 26 units would go. */
  g_assert_cmpfloat (orgmap_view_state_get_zoom (view), <, fitted);
  g_assert_cmpfloat (orgmap_view_state_get_zoom (view), >, orgmap_renderer_label_zoom ());
  fitted = orgmap_view_state_get_zoom (view);
  g_assert_true (gtk_widget_activate_action (canvas, "canvas.zoom-fit", NULL));
  g_assert_cmpfloat (fabs (orgmap_view_state_get_zoom (view) - fitted), <, 1e-9);

  /* It lists the organisation: one root, and all 30 links. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (orgmap_side_panel_get_units_selection (ORGMAP_SIDE_PANEL (panel)))), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (orgmap_side_panel_get_links_selection (ORGMAP_SIDE_PANEL (panel)))), ==, 30);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-panel", NULL));
  g_object_get (window, "side-panel-visible", &shown, NULL);
  g_assert_false (shown);
  g_assert_false (gtk_widget_get_visible (panel));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_panel_unit_selection (void)
{
  OrgmapWindow *window = open_panel_window ();
  OrgmapDocument *doc = orgmap_window_get_document (window);
  OrgmapViewState *view = orgmap_canvas_get_view_state (orgmap_window_get_canvas (window));
  OrgmapSidePanel *panel = orgmap_window_get_side_panel (window);
  GtkSingleSelection *units = orgmap_side_panel_get_units_selection (panel);
  guint32 rrhh = orgmap_document_find_unit (doc, "rrhh");
  guint32 fin = orgmap_document_find_unit (doc, "fin");
  guint32 dg = orgmap_document_find_unit (doc, "dg");
  g_autoptr(GtkTreeListRow) parent = NULL;
  GtkTreeListRow *row;

  g_assert_cmpuint (selected_handle (units), ==, ORGMAP_NONE);
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (orgmap_window_get_canvas (window))));

  /* Selected on the map: the tree opens its branch and selects its row,
   * and the keyboard stays on the map. */
  orgmap_view_state_set_selection (view, rrhh);
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (orgmap_window_get_canvas (window))));
  g_assert_cmpuint (selected_handle (units), ==, rrhh);
  g_assert_cmpstr (orgmap_document_get_unit (doc, selected_handle (units))->name, ==, "Recursos Humanos");
  row = gtk_single_selection_get_selected_item (units);
  g_assert_cmpuint (gtk_tree_list_row_get_depth (row), ==, 2);
  parent = gtk_tree_list_row_get_parent (row);
  g_assert_cmpuint (handle_of (parent), ==, fin);
  g_assert_true (gtk_tree_list_row_get_expanded (parent));

  /* Selected in the tree: the map selects it. */
  gtk_single_selection_set_selected (units, position_of (G_LIST_MODEL (units), fin));
  g_assert_cmpuint (orgmap_view_state_get_selection (view), ==, fin);
  gtk_single_selection_set_selected (units, 0);
  g_assert_cmpuint (orgmap_view_state_get_selection (view), ==, dg);

  /* An external client or nothing: no unit row selected. */
  orgmap_view_state_set_selection (view, orgmap_document_find_party (doc, "minoristas"));
  g_assert_cmpuint (selected_handle (units), ==, ORGMAP_NONE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (orgmap_window_get_canvas (window)), "canvas.clear-selection", NULL));
  g_assert_cmpuint (selected_handle (units), ==, ORGMAP_NONE);

  /* Tab on the map walks the tree too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (orgmap_window_get_canvas (window)), "canvas.select-next", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (orgmap_window_get_canvas (window)), "canvas.select-next", NULL));
  g_assert_cmpuint (orgmap_view_state_get_selection (view), ==, fin);
  g_assert_cmpuint (selected_handle (units), ==, fin);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_panel_link_selection (void)
{
  OrgmapWindow *window = open_panel_window ();
  OrgmapDocument *doc = orgmap_window_get_document (window);
  OrgmapCanvas *canvas = orgmap_window_get_canvas (window);
  OrgmapViewState *view = orgmap_canvas_get_view_state (canvas);
  OrgmapSidePanel *panel = orgmap_window_get_side_panel (window);
  GtkSingleSelection *units = orgmap_side_panel_get_units_selection (panel);
  GtkSingleSelection *links = orgmap_side_panel_get_links_selection (panel);
  guint32 rrhh = orgmap_document_find_unit (doc, "rrhh");
  guint32 rrhh_ops = orgmap_document_find_link (doc, "rrhh-ops");
  guint32 mkt_ven = orgmap_document_find_link (doc, "mkt-ven");

  orgmap_view_state_set_selection (view, rrhh);
  g_assert_cmpuint (selected_handle (units), ==, rrhh);

  /* A row of the table selects its link, and only it. */
  gtk_single_selection_set_selected (links, position_of (G_LIST_MODEL (links), rrhh_ops));
  g_assert_cmpuint (orgmap_view_state_get_selected_link (view), ==, rrhh_ops);
  g_assert_cmpuint (orgmap_view_state_get_selection (view), ==, ORGMAP_NONE);
  g_assert_cmpuint (selected_handle (units), ==, ORGMAP_NONE);

  /* A link picked elsewhere (on the map) selects its row. */
  orgmap_view_state_set_selected_link (view, mkt_ven);
  g_assert_cmpuint (selected_handle (links), ==, mkt_ven);

  /* Selecting a unit clears the link, in the view and the table. */
  orgmap_view_state_set_selection (view, rrhh);
  g_assert_cmpuint (orgmap_view_state_get_selected_link (view), ==, ORGMAP_NONE);
  g_assert_cmpuint (selected_handle (links), ==, ORGMAP_NONE);

  /* Escape on the map clears both. */
  orgmap_view_state_set_selected_link (view, mkt_ven);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.clear-selection", NULL));
  g_assert_cmpuint (orgmap_view_state_get_selected_link (view), ==, ORGMAP_NONE);
  g_assert_cmpuint (orgmap_view_state_get_selection (view), ==, ORGMAP_NONE);
  g_assert_cmpuint (selected_handle (links), ==, ORGMAP_NONE);

  /* A link chosen in the table is brought into view, both its ends. */
  {
    guint32 rrhh_fin = orgmap_document_find_link (doc, "rrhh-fin");
    const OrgmapLink *link = orgmap_document_get_link (doc, rrhh_fin);
    guint32 ends[2] = { link->provider, link->client };

    gtk_single_selection_set_selected (links, position_of (G_LIST_MODEL (links), rrhh_fin));
    for (guint i = 0; i < 20; i++)
      g_main_context_iteration (NULL, FALSE);
    for (guint i = 0; i < 2; i++)
      {
        const OrgmapRect *r = orgmap_layout_get_party (orgmap_canvas_get_layout (canvas), ends[i]);
        double sx, sy;

        orgmap_canvas_to_screen (canvas, r->x + r->width / 2, r->y + r->height / 2, &sx, &sy);
        g_assert_cmpfloat (sx, >, 0);
        g_assert_cmpfloat (sx, <, gtk_widget_get_width (GTK_WIDGET (canvas)));
        g_assert_cmpfloat (sy, >, 0);
        g_assert_cmpfloat (sy, <, gtk_widget_get_height (GTK_WIDGET (canvas)));
      }
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
click_canvas (OrgmapCanvas *canvas,
              double        x,
              double        y)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (canvas));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        g_signal_emit_by_name (controller, "released", 1, x, y);
    }
}

/* A click on a link selects it, on a unit the unit, elsewhere nothing. */
static void
test_click_link (void)
{
  OrgmapWindow *window = open_panel_window ();
  OrgmapDocument *doc = orgmap_window_get_document (window);
  OrgmapCanvas *canvas = orgmap_window_get_canvas (window);
  OrgmapViewState *view = orgmap_canvas_get_view_state (canvas);
  GtkSingleSelection *links = orgmap_side_panel_get_links_selection (orgmap_window_get_side_panel (window));
  guint32 link = orgmap_document_find_link (doc, "rrhh-ops");
  guint32 rrhh = orgmap_document_find_unit (doc, "rrhh");
  g_autoptr(OrgmapRenderer) renderer = orgmap_renderer_new (doc, orgmap_canvas_get_layout (canvas));
  const OrgmapRect *r = orgmap_layout_get_unit (orgmap_canvas_get_layout (canvas), rrhh);
  double p[8], x = 0, y = 0;
  gboolean found = FALSE;

  /* Selected elsewhere, the unit is brought into view first. */
  orgmap_view_state_set_selection (view, rrhh);

  /* A point on the link's curve, away from every box. */
  orgmap_renderer_link_curve (renderer, link, p);
  for (double t = 0.3; t <= 0.7 && !found; t += 0.02)
    {
      double s = 1 - t;

      orgmap_canvas_to_screen (canvas,
                               s * s * s * p[0] + 3 * s * s * t * p[2] + 3 * s * t * t * p[4] + t * t * t * p[6],
                               s * s * s * p[1] + 3 * s * s * t * p[3] + 3 * s * t * t * p[5] + t * t * t * p[7],
                               &x, &y);
      found = orgmap_canvas_pick_party (canvas, x, y) == ORGMAP_NONE &&
              orgmap_canvas_pick_link (canvas, x, y) == link;
    }
  g_assert_true (found);

  click_canvas (canvas, x, y);
  g_assert_cmpuint (orgmap_view_state_get_selected_link (view), ==, link);
  g_assert_cmpuint (orgmap_view_state_get_selection (view), ==, ORGMAP_NONE);
  g_assert_cmpuint (selected_handle (links), ==, link);

  orgmap_canvas_to_screen (canvas, r->x + r->width / 2, r->y + r->height / 2, &x, &y);
  click_canvas (canvas, x, y);
  g_assert_cmpuint (orgmap_view_state_get_selection (view), ==, rrhh);
  g_assert_cmpuint (orgmap_view_state_get_selected_link (view), ==, ORGMAP_NONE);
  g_assert_cmpuint (selected_handle (links), ==, ORGMAP_NONE);

  orgmap_view_state_set_selected_link (view, link);
  click_canvas (canvas, 2, 2);
  g_assert_cmpuint (orgmap_view_state_get_selection (view), ==, ORGMAP_NONE);
  g_assert_cmpuint (orgmap_view_state_get_selected_link (view), ==, ORGMAP_NONE);

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  const char *text;
  gboolean    done;
} SearchWait;

static void
on_searched (GtkEditable *entry,
             SearchWait  *wait)
{
  /* Replacing the text searches for "" first, at once. */
  if (g_str_equal (gtk_editable_get_text (entry), wait->text))
    wait->done = TRUE;
}

static gboolean
search_done (gpointer data)
{
  return ((SearchWait *) data)->done;
}

static void
search (OrgmapSidePanel *panel,
        const char      *text,
        guint            n_expected)
{
  GtkEditable *entry = orgmap_side_panel_get_search_entry (panel);
  SearchWait wait = { text, FALSE };
  gulong handler;

  /* The entry waits a moment after the last key before it searches. */
  handler = g_signal_connect (entry, "search-changed", G_CALLBACK (on_searched), &wait);
  gtk_editable_set_text (entry, text);
  orgmap_test_wait_for (search_done, &wait);
  g_signal_handler_disconnect (entry, handler);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (orgmap_side_panel_get_units_selection (panel))), ==,
                    n_expected);
}

static const char *
unit_name_at (OrgmapDocument *doc,
              GListModel     *model,
              guint           position)
{
  return orgmap_document_get_unit (doc, handle_at (model, position))->name;
}

static void
test_panel_search (void)
{
  OrgmapWindow *window = open_panel_window ();
  OrgmapDocument *doc = orgmap_window_get_document (window);
  OrgmapViewState *view = orgmap_canvas_get_view_state (orgmap_window_get_canvas (window));
  OrgmapSidePanel *panel = orgmap_window_get_side_panel (window);
  GtkSingleSelection *units = orgmap_side_panel_get_units_selection (panel);
  GListModel *model = G_LIST_MODEL (units);
  guint32 vmin = orgmap_document_find_unit (doc, "vmin");
  g_autoptr(GtkTreeListRow) row = NULL;

  search (panel, "produc", 1);
  g_assert_cmpstr (unit_name_at (doc, model, 0), ==, "Producción");
  /* A flat list: no expanders while searching. */
  row = g_list_model_get_item (model, 0);
  g_assert_false (gtk_tree_list_row_is_expandable (row));

  /* Neither case nor accents matter. */
  search (panel, "PRODUCCION", 1);
  g_assert_cmpstr (unit_name_at (doc, model, 0), ==, "Producción");
  search (panel, "nomina", 1);
  g_assert_cmpstr (unit_name_at (doc, model, 0), ==, "Nómina");

  /* Matches in tree order; the selection follows into the results. */
  search (panel, "ventas", 3);
  g_assert_cmpstr (unit_name_at (doc, model, 0), ==, "Ventas");
  g_assert_cmpstr (unit_name_at (doc, model, 1), ==, "Ventas Minoristas");
  g_assert_cmpstr (unit_name_at (doc, model, 2), ==, "Ventas Corporativas");
  orgmap_view_state_set_selection (view, vmin);
  g_assert_cmpuint (gtk_single_selection_get_selected (units), ==, 1);
  gtk_single_selection_set_selected (units, 2);
  g_assert_cmpuint (orgmap_view_state_get_selection (view), ==, orgmap_document_find_unit (doc, "vcorp"));

  search (panel, "no such unit", 0);

  /* Chosen in the panel, a unit out of view comes into the map's view. */
  {
    OrgmapCanvas *canvas = orgmap_window_get_canvas (window);
    guint32 dist = orgmap_document_find_unit (doc, "dist");
    const OrgmapRect *r = orgmap_layout_get_unit (orgmap_canvas_get_layout (canvas), dist);
    double x0, y0, x1, y1;

    gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.zoom-fit", NULL);
    orgmap_canvas_zoom_at (canvas, 4, 0, 0);
    orgmap_canvas_to_screen (canvas, r->x, r->y, &x0, &y0);
    g_assert_cmpfloat (x0, >, gtk_widget_get_width (GTK_WIDGET (canvas)));
    search (panel, "distrib", 1);
    gtk_widget_grab_focus (GTK_WIDGET (orgmap_side_panel_get_search_entry (panel)));
    gtk_single_selection_set_selected (units, 0);
    g_assert_cmpuint (orgmap_view_state_get_selection (view), ==, dist);
    orgmap_canvas_to_screen (canvas, r->x, r->y, &x0, &y0);
    orgmap_canvas_to_screen (canvas, r->x + r->width, r->y + r->height, &x1, &y1);
    g_assert_cmpfloat (x0, >=, 0);
    g_assert_cmpfloat (y0, >=, 0);
    g_assert_cmpfloat (x1, <=, gtk_widget_get_width (GTK_WIDGET (canvas)));
    g_assert_cmpfloat (y1, <=, gtk_widget_get_height (GTK_WIDGET (canvas)));
  }

  /* Cleared: the tree again, opened down to the selected unit. */
  orgmap_view_state_set_selection (view, orgmap_document_find_unit (doc, "vcorp"));
  search (panel, "", 1 + 5 + 3 + 2);
  g_assert_cmpuint (selected_handle (units), ==, orgmap_document_find_unit (doc, "vcorp"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static double
link_score (OrgmapDocument *doc,
            guint32         link,
            guint32         round)
{
  double score = -1;

  if (!orgmap_document_get_link_quality (doc, link, round, &score))
    return G_MAXDOUBLE;
  return score;
}

static GtkColumnViewColumn *
column_titled (GtkColumnView *view,
               const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }
  g_assert_not_reached ();
}

static void
test_panel_sort (void)
{
  OrgmapWindow *window = open_panel_window ();
  OrgmapDocument *doc = orgmap_window_get_document (window);
  OrgmapViewState *view = orgmap_canvas_get_view_state (orgmap_window_get_canvas (window));
  OrgmapSidePanel *panel = orgmap_window_get_side_panel (window);
  GtkColumnView *table = orgmap_side_panel_get_links_view (panel);
  GListModel *links = G_LIST_MODEL (orgmap_side_panel_get_links_selection (panel));
  guint n = g_list_model_get_n_items (links);
  guint32 lowest = ORGMAP_NONE, jur_nom = orgmap_document_find_link (doc, "jur-nom");

  g_assert_cmpuint (n, ==, 30);
  for (guint32 i = 0; i < n; i++)
    if (lowest == ORGMAP_NONE || link_score (doc, i, ORGMAP_NONE) < link_score (doc, lowest, ORGMAP_NONE))
      lowest = i;

  /* Lowest score first (latest ratings), in order, unrated last. */
  gtk_column_view_sort_by_column (table, column_titled (table, "Score"), GTK_SORT_ASCENDING);
  g_assert_cmpuint (handle_at (links, 0), ==, lowest);
  for (guint i = 1; i < n; i++)
    g_assert_cmpfloat (link_score (doc, handle_at (links, i - 1), ORGMAP_NONE), <=,
                       link_score (doc, handle_at (links, i), ORGMAP_NONE));

  /* In the first round, the first round's scores. */
  orgmap_view_state_set_round (view, 0);
  for (guint32 i = 0; i < n; i++)
    g_assert_cmpfloat (link_score (doc, handle_at (links, 0), 0), <=, link_score (doc, i, 0));
  for (guint i = 1; i < n; i++)
    g_assert_cmpfloat (link_score (doc, handle_at (links, i - 1), 0), <=, link_score (doc, handle_at (links, i), 0));

  /* A new rating moves its link. */
  g_assert_true (orgmap_document_set_rating (doc, jur_nom, 0, 1.0, 3, NULL, NULL) != ORGMAP_NONE);
  g_assert_cmpuint (handle_at (links, 0), ==, jur_nom);

  /* Highest first, unrated links still last. */
  gtk_column_view_sort_by_column (table, column_titled (table, "Score"), GTK_SORT_DESCENDING);
  for (guint i = 1; i < n; i++)
    {
      double before = link_score (doc, handle_at (links, i - 1), 0);
      double after = link_score (doc, handle_at (links, i), 0);

      g_assert_true (after == G_MAXDOUBLE || (before != G_MAXDOUBLE && before >= after));
    }
  g_assert_cmpfloat (link_score (doc, handle_at (links, n - 1), 0), ==, G_MAXDOUBLE);

  /* By provider: a renamed unit moves its links. */
  gtk_column_view_sort_by_column (table, column_titled (table, "Provider"), GTK_SORT_ASCENDING);
  g_assert_cmpstr (orgmap_document_get_party_name (doc, orgmap_document_get_link (doc, handle_at (links, 0))->provider), ==,
                   "Almacén");
  orgmap_document_set_unit_name (doc, orgmap_document_find_unit (doc, "ti"), "Aaa Informática");
  g_assert_cmpuint (orgmap_document_get_link (doc, handle_at (links, 0))->provider, ==,
                    orgmap_document_find_unit (doc, "ti"));

  /* A new link joins the table, in its place. */
  orgmap_document_add_link (doc, "ti-dg", orgmap_document_find_unit (doc, "ti"),
                            orgmap_document_find_unit (doc, "dg"), "Cuadro de mando");
  g_assert_cmpuint (g_list_model_get_n_items (links), ==, 31);
  g_assert_cmpuint (orgmap_document_get_link (doc, handle_at (links, 0))->provider, ==,
                    orgmap_document_find_unit (doc, "ti"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* 10,000 units and 50,000 links: the panel lists them lazily. */
static void
test_panel_large (void)
{
  g_autoptr(OrgmapDocument) doc = orgmap_document_new ();
  OrgmapWindow *window = orgmap_window_new (NULL);
  OrgmapSidePanel *panel = orgmap_window_get_side_panel (window);
  GtkColumnView *table = orgmap_side_panel_get_links_view (panel);
  GListModel *links = G_LIST_MODEL (orgmap_side_panel_get_links_selection (panel));
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint32 root, round, target = ORGMAP_NONE;
  gint64 start;

  orgmap_document_freeze (doc);
  root = orgmap_document_add_unit (doc, NULL, "Dirección", ORGMAP_NONE);
  round = orgmap_document_add_round (doc, NULL, "R", NULL);
  for (guint b = 0; b < 100; b++)
    {
      g_autofree char *name = g_strdup_printf ("Área %u", b);
      guint32 branch = orgmap_document_add_unit (doc, NULL, name, root);

      for (guint i = 0; i < 99; i++)
        {
          g_autofree char *leaf = g_strdup_printf ("Equipo %u-%u", b, i);
          guint32 unit = orgmap_document_add_unit (doc, NULL, leaf, branch);

          if (b == 42 && i == 17)
            target = unit;
        }
    }
  for (guint i = 0; i < 50000; i++)
    {
      guint32 p = g_rand_int_range (rand, 1, 10001), c = g_rand_int_range (rand, 1, 10001);
      guint32 link = orgmap_document_add_link (doc, NULL, p, c == p ? root : c, NULL);

      if (i % 3 == 0)
        orgmap_document_set_rating (doc, link, round, 1 + (i % 41) / 10.0, -1, NULL, NULL);
    }
  orgmap_document_thaw (doc);
  g_assert_cmpuint (orgmap_document_get_n_units (doc), ==, 10001);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  orgmap_window_set_document (window, doc, "Grande", NULL);
  gtk_window_present (GTK_WINDOW (window));
  orgmap_test_wait_for (orgmap_test_canvas_drawn, window);

  start = g_get_monotonic_time ();
  g_object_set (window, "side-panel-visible", TRUE, NULL);
  orgmap_test_wait_for (panel_mapped, window);
  g_test_message ("side panel built in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);

  g_assert_cmpuint (g_list_model_get_n_items (links), ==, 50000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (orgmap_side_panel_get_units_selection (panel))), ==, 1);

  start = g_get_monotonic_time ();
  gtk_column_view_sort_by_column (table, column_titled (table, "Score"), GTK_SORT_ASCENDING);
  g_test_message ("links sorted by score in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpfloat (link_score (doc, handle_at (links, 0), ORGMAP_NONE), ==, 1.0);

  /* Selecting a deep unit opens its branch only. */
  orgmap_view_state_set_selection (orgmap_canvas_get_view_state (orgmap_window_get_canvas (window)), target);
  g_assert_cmpuint (selected_handle (orgmap_side_panel_get_units_selection (panel)), ==, target);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (orgmap_side_panel_get_units_selection (panel))), ==, 1 + 100 + 99);

  search (panel, "equipo 42-17", 1);
  g_assert_cmpuint (selected_handle (orgmap_side_panel_get_units_selection (panel)), ==, target);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The Keyboard Shortcuts window builds without a warning (every key
 * parses) and lists the editing keys. */
static void
test_shortcuts_window (void)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *overlay;
  GSList *objects;
  gboolean found_rate = FALSE;

  g_type_class_unref (g_type_class_ref (ORGMAP_TYPE_WINDOW));
  builder = gtk_builder_new_from_resource ("/io/github/orgmap/Orgmap/gtk/help-overlay.ui");
  overlay = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));

  objects = gtk_builder_get_objects (builder);
  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        g_autofree char *title = NULL;
        g_autofree char *accel = NULL;

        g_object_get (l->data, "title", &title, "accelerator", &accel, NULL);
        if (g_strcmp0 (title, "Rate the selected link") == 0)
          found_rate = g_strcmp0 (accel, "1...5") == 0;
      }
  g_slist_free (objects);
  g_assert_true (found_rate);
  gtk_window_destroy (overlay);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  orgmap_test_init (&argc, &argv);

  g_test_add_func ("/orgmap/ui/window/example", test_example);
  g_test_add_func ("/orgmap/ui/window/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/orgmap/ui/window/round-selector", test_round_selector);
  g_test_add_func ("/orgmap/ui/window/view-actions", test_view_actions);
  g_test_add_func ("/orgmap/ui/window/pick-and-describe", test_pick_and_describe);
  g_test_add_func ("/orgmap/ui/window/snapshot", test_snapshot);
  g_test_add_func ("/orgmap/ui/window/open-bad-file", test_open_bad_file);
  g_test_add_func ("/orgmap/ui/window/open-and-recent", test_open_and_recent);
  g_test_add_func ("/orgmap/ui/window/edit-undo-redo", test_edit_undo_redo);
  g_test_add_func ("/orgmap/ui/side-panel/toggle", test_panel_toggle);
  g_test_add_func ("/orgmap/ui/side-panel/unit-selection", test_panel_unit_selection);
  g_test_add_func ("/orgmap/ui/side-panel/link-selection", test_panel_link_selection);
  g_test_add_func ("/orgmap/ui/side-panel/click-link", test_click_link);
  g_test_add_func ("/orgmap/ui/side-panel/search", test_panel_search);
  g_test_add_func ("/orgmap/ui/side-panel/sort", test_panel_sort);
  g_test_add_func ("/orgmap/ui/side-panel/large", test_panel_large);

  return orgmap_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>
#include <gtk/gtk.h>

#include "orgmap-canvas.h"
#include "orgmap-canvas-private.h"
#include "orgmap-history.h"
#include "orgmap-renderer.h"
#include "orgmap-xml-import.h"
#include "orgmap-test-ui.h"

/* Editing on the map: the canvas alone in a window, showing the example
 * organisation. Gestures go through the functions the drag gesture calls,
 * with widget coordinates; keys through the canvas's own shortcuts. They
 * need a display (the test command provides a virtual one). */

typedef struct
{
  GtkWindow      *window;
  OrgmapCanvas   *canvas;
  OrgmapDocument *doc;
  OrgmapHistory  *history;
  GPtrArray      *messages;
} Fixture;

static gboolean
canvas_shown (gpointer data)
{
  GtkWidget *canvas = data;

  return gtk_widget_get_mapped (canvas) && gtk_widget_get_width (canvas) > 200;
}

static void
on_message (Fixture    *f,
            const char *text)
{
  g_ptr_array_add (f->messages, g_strdup (text));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "resources", "example.orgmap.xml", NULL);
  g_autoptr(GError) error = NULL;

  f->doc = orgmap_xml_import_file (path, NULL, &error);
  g_assert_no_error (error);
  f->history = orgmap_history_new (f->doc);
  f->messages = g_ptr_array_new_with_free_func (g_free);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1280, 800);
  f->canvas = ORGMAP_CANVAS (orgmap_canvas_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->canvas));
  orgmap_canvas_set_history (f->canvas, f->history);
  orgmap_canvas_set_document (f->canvas, f->doc);
  g_signal_connect_swapped (f->canvas, "message", G_CALLBACK (on_message), f);
  gtk_window_present (f->window);
  orgmap_test_wait_for (canvas_shown, f->canvas);
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  g_clear_object (&f->history);
  g_clear_object (&f->doc);
  g_ptr_array_unref (f->messages);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static guint32
unit (Fixture    *f,
      const char *id)
{
  guint32 handle = orgmap_document_find_party (f->doc, id);

  g_assert_cmpuint (handle, !=, ORGMAP_NONE);
  return handle;
}

/* The middle of a party's box on screen. */
static void
centre (Fixture *f,
        guint32  party,
        double  *sx,
        double  *sy)
{
  const OrgmapRect *r = orgmap_layout_get_party (orgmap_canvas_get_layout (f->canvas), party);

  orgmap_canvas_to_screen (f->canvas, r->x + r->width / 2, r->y + r->height / 2, sx, sy);
}

/* Drags from one point to another in steps, as a hand would, and stops
 * short of releasing. */
static void
drag_to (Fixture         *f,
         double           x0,
         double           y0,
         double           x1,
         double           y1,
         GdkModifierType  state)
{
  _orgmap_canvas_drag_begin (f->canvas, x0, y0, state);
  for (int i = 1; i <= 10; i++)
    _orgmap_canvas_drag_update (f->canvas, (x1 - x0) * i / 10, (y1 - y0) * i / 10);
}

static void
drag_party (Fixture         *f,
            guint32          from,
            guint32          to,
            GdkModifierType  state)
{
  double x0, y0, x1, y1;

  centre (f, from, &x0, &y0);
  centre (f, to, &x1, &y1);
  drag_to (f, x0, y0, x1, y1, state);
  _orgmap_canvas_drag_end (f->canvas, x1 - x0, y1 - y0);
}

/* A key pressed on the focused canvas: the first of its shortcuts for that
 * key that acts, as GTK runs them. FALSE when none did (the key would go
 * on to the window). */
static gboolean
press_key (Fixture *f,
           guint    keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->canvas));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0 &&
              gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                            GTK_WIDGET (f->canvas), gtk_shortcut_get_arguments (shortcut)))
            return TRUE;
        }
    }
  return FALSE;
}

static void
maybe_save (GdkTexture *texture,
            const char *name)
{
  const char *dir = g_getenv ("ORGMAP_SCREENSHOT_DIR");

  if (dir != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_true (gdk_texture_save_to_png (texture, path));
    }
}

/* A pixel of @color within @radius of (@x, @y). */
static gboolean
color_near (GdkTexture        *texture,
            double             x,
            double             y,
            int                radius,
            const OrgmapColor *color)
{
  return orgmap_test_texture_has_color (texture, (int) x - radius, (int) y - radius,
                                        (int) x + radius + 1, (int) y + radius + 1, color);
}

static const OrgmapColor accent = { 0.208, 0.518, 0.894 };

static guint32
find_link (Fixture *f,
           guint32  provider,
           guint32  client)
{
  for (guint32 i = 0; i < orgmap_document_get_n_links (f->doc); i++)
    {
      const OrgmapLink *link = orgmap_document_get_link (f->doc, i);

      if (link->provider == provider && link->client == client)
        return i;
    }
  return ORGMAP_NONE;
}

static void
test_shift_drag_links (Fixture       *f,
                       gconstpointer  data)
{
  OrgmapViewState *view = orgmap_canvas_get_view_state (f->canvas);
  guint32 rrhh = unit (f, "rrhh"), prod = unit (f, "prod");
  guint n_links = orgmap_document_get_n_links (f->doc);
  g_autoptr(GdkTexture) before = orgmap_test_canvas_texture (f->canvas);
  g_autoptr(GdkTexture) after = NULL;
  g_autoptr(GdkTexture) undone = NULL;
  OrgmapColor unrated;
  guint32 link;
  double curve[8];

  g_assert_cmpuint (find_link (f, rrhh, prod), ==, ORGMAP_NONE);
  drag_party (f, rrhh, prod, GDK_SHIFT_MASK);

  /* Provider where the drag began, client where it ended, no service yet. */
  g_assert_cmpuint (orgmap_document_get_n_links (f->doc), ==, n_links + 1);
  link = find_link (f, rrhh, prod);
  g_assert_cmpuint (link, !=, ORGMAP_NONE);
  g_assert_null (orgmap_document_get_link (f->doc, link)->service);
  g_assert_cmpuint (orgmap_view_state_get_selected_link (view), ==, link);
  g_assert_cmpuint (f->messages->len, ==, 0);
  g_assert_cmpstr (orgmap_history_get_undo_label (f->history), ==, "Undo Add Link");

  /* Drawn at once, selected, in the colour of an unrated link. */
  after = orgmap_test_canvas_texture (f->canvas);
  maybe_save (after, "canvas-edit-link.png");
  orgmap_renderer_unrated_color (&unrated);
  orgmap_test_link_curve (f->canvas, link, curve);
  g_assert_false (orgmap_test_color_on_curve (f->canvas, before, curve, &unrated));
  g_assert_true (orgmap_test_color_on_curve (f->canvas, after, curve, &unrated));

  g_assert_true (orgmap_history_undo (f->history));
  g_assert_cmpuint (orgmap_document_get_n_links (f->doc), ==, n_links);
  g_assert_cmpuint (find_link (f, rrhh, prod), ==, ORGMAP_NONE);
  g_assert_cmpuint (orgmap_view_state_get_selected_link (view), ==, ORGMAP_NONE);
  undone = orgmap_test_canvas_texture (f->canvas);
  g_assert_false (orgmap_test_color_on_curve (f->canvas, undone, curve, &unrated));
}

static void
test_rubber_band (Fixture       *f,
                  gconstpointer  data)
{
  guint32 rrhh = unit (f, "rrhh"), prod = unit (f, "prod");
  g_autoptr(GdkTexture) texture = NULL;
  graphene_rect_t area;
  double x0, y0, x1, y1;

  /* Halfway: the band ends at the pointer, nothing is highlighted. */
  centre (f, rrhh, &x0, &y0);
  centre (f, prod, &x1, &y1);
  drag_to (f, x0, y0, (x0 + x1) / 2, y0 - 40, GDK_SHIFT_MASK);
  g_assert_cmpuint (f->canvas->target, ==, ORGMAP_NONE);
  texture = orgmap_test_canvas_texture (f->canvas);
  maybe_save (texture, "canvas-edit-band-half.png");
  g_assert_true (color_near (texture, (x0 + x1) / 2, y0 - 40, 4, &accent));
  g_clear_object (&texture);

  /* Over Production: it is ringed. */
  _orgmap_canvas_drag_update (f->canvas, x1 - x0, y1 - y0);
  g_assert_cmpuint (f->canvas->target, ==, prod);
  texture = orgmap_test_canvas_texture (f->canvas);
  maybe_save (texture, "canvas-edit-band.png");
  g_assert_true (orgmap_canvas_get_party_area (f->canvas, prod, &area));
  g_assert_true (color_near (texture, area.origin.x + area.size.width / 2, area.origin.y - 4.5, 1, &accent));
  g_assert_true (color_near (texture, area.origin.x + area.size.width / 2,
                             area.origin.y + area.size.height + 4.5, 1, &accent));

  /* Released on empty space: nothing. */
  _orgmap_canvas_drag_update (f->canvas, (x1 - x0) / 2, -40);
  _orgmap_canvas_drag_end (f->canvas, (x1 - x0) / 2, -40);
  g_assert_cmpuint (find_link (f, rrhh, prod), ==, ORGMAP_NONE);
  g_assert_false (orgmap_history_can_undo (f->history));
  g_assert_cmpuint (f->messages->len, ==, 0);
  g_clear_object (&texture);
  texture = orgmap_test_canvas_texture (f->canvas);
  g_assert_false (color_near (texture, (x0 + x1) / 2, y0 - 40, 4, &accent));
}

static void
on_notify (guint *count)
{
  (*count)++;
}

static void
test_link_mode (Fixture       *f,
                gconstpointer  data)
{
  guint32 ven = unit (f, "ven"), empresas = unit (f, "empresas");
  guint n_links = orgmap_document_get_n_links (f->doc);
  guint notified = 0;
  double x0, y0, x1, y1;
  guint32 link;

  g_signal_connect_swapped (f->canvas, "notify::link-mode", G_CALLBACK (on_notify), &notified);

  /* L: link mode, with a crosshair. */
  g_assert_true (press_key (f, GDK_KEY_l));
  g_assert_true (orgmap_canvas_get_link_mode (f->canvas));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (gdk_cursor_get_name (gtk_widget_get_cursor (GTK_WIDGET (f->canvas))), ==, "crosshair");

  /* A plain drag now draws a link, here to an external client. */
  drag_party (f, ven, empresas, 0);
  link = find_link (f, ven, empresas);
  g_assert_cmpuint (link, !=, ORGMAP_NONE);
  g_assert_cmpint (orgmap_document_get_link_type (f->doc, link), ==, ORGMAP_LINK_EXTERNAL);
  g_assert_true (orgmap_canvas_get_link_mode (f->canvas));

  /* Escape cancels the drag in progress, then leaves link mode. */
  centre (f, unit (f, "mkt"), &x0, &y0);
  centre (f, unit (f, "atc"), &x1, &y1);
  drag_to (f, x0, y0, x1, y1, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.clear-selection", NULL));
  g_assert_true (orgmap_canvas_get_link_mode (f->canvas));
  _orgmap_canvas_drag_end (f->canvas, x1 - x0, y1 - y0);
  g_assert_cmpuint (orgmap_document_get_n_links (f->doc), ==, n_links + 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.clear-selection", NULL));
  g_assert_false (orgmap_canvas_get_link_mode (f->canvas));
  g_assert_cmpuint (notified, ==, 2);
  g_assert_null (gtk_widget_get_cursor (GTK_WIDGET (f->canvas)));

  /* Out of link mode a plain drag moves the unit instead. */
  drag_party (f, unit (f, "mkt"), unit (f, "empresas"), 0);
  g_assert_cmpuint (orgmap_document_get_n_links (f->doc), ==, n_links + 1);
  g_assert_true (orgmap_document_get_unit_position (f->doc, unit (f, "mkt"), &x0, &y0));
  g_assert_cmpuint (f->messages->len, ==, 0);
}

static void
test_refused_links (Fixture       *f,
                    gconstpointer  data)
{
  guint32 rrhh = unit (f, "rrhh"), ops = unit (f, "ops");
  guint n_links = orgmap_document_get_n_links (f->doc);
  double x, y;

  /* Out of the unit and back onto it: a link to itself. */
  centre (f, rrhh, &x, &y);
  drag_to (f, x, y, x, y - 100, GDK_SHIFT_MASK);
  _orgmap_canvas_drag_update (f->canvas, 0, 0);
  g_assert_cmpuint (f->canvas->target, ==, rrhh);
  g_assert_true (f->canvas->target_refused);
  g_assert_cmpstr (gdk_cursor_get_name (gtk_widget_get_cursor (GTK_WIDGET (f->canvas))), ==, "not-allowed");
  _orgmap_canvas_drag_end (f->canvas, 0, 0);
  g_assert_cmpuint (f->messages->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->messages, 0), ==,
                   "The unit “Recursos Humanos” cannot be its own client; choose another unit");
  g_assert_cmpuint (orgmap_document_get_n_links (f->doc), ==, n_links);
  g_assert_false (orgmap_history_can_undo (f->history));
  g_assert_null (gtk_widget_get_cursor (GTK_WIDGET (f->canvas)));

  /* A second link with the same ends and no service. */
  g_assert_cmpuint (orgmap_history_add_link (f->history, rrhh, ops, NULL, NULL), !=, ORGMAP_NONE);
  drag_party (f, rrhh, ops, GDK_SHIFT_MASK);
  g_assert_cmpuint (f->messages->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (f->messages, 1), ==,
                   "There is already a link from “Recursos Humanos” to “Dirección de Operaciones” without a service");
  g_assert_cmpuint (orgmap_document_get_n_links (f->doc), ==, n_links + 1);

  /* A click (no drag past the threshold) on a unit with Shift selects it. */
  centre (f, rrhh, &x, &y);
  _orgmap_canvas_drag_begin (f->canvas, x, y, GDK_SHIFT_MASK);
  g_assert_false (_orgmap_canvas_drag_update (f->canvas, 2, 1));
  _orgmap_canvas_drag_end (f->canvas, 2, 1);
  g_assert_cmpuint (f->messages->len, ==, 2);
}

static void
test_drop_moves_unit (Fixture       *f,
                      gconstpointer  data)
{
  guint32 tes = unit (f, "tes"), comp = unit (f, "comp"), fin = unit (f, "fin");
  guint32 link = orgmap_document_find_link (f->doc, "tes-comp");
  const OrgmapLayout *layout;
  g_autoptr(GdkTexture) texture = NULL;
  graphene_rect_t area;
  double x0, y0, x1, y1, left, right;

  g_assert_cmpint (orgmap_document_get_link_type (f->doc, link), ==, ORGMAP_LINK_HORIZONTAL);

  /* Over Compras, Compras is ringed as the drop target. */
  centre (f, tes, &x0, &y0);
  centre (f, comp, &x1, &y1);
  drag_to (f, x0, y0, x1, y1, 0);
  g_assert_cmpuint (f->canvas->target, ==, comp);
  texture = orgmap_test_canvas_texture (f->canvas);
  maybe_save (texture, "canvas-edit-drop.png");
  g_assert_true (orgmap_canvas_get_party_area (f->canvas, comp, &area));
  g_assert_true (color_near (texture, area.origin.x - 4.5, area.origin.y + area.size.height / 2, 1, &accent));
  _orgmap_canvas_drag_end (f->canvas, x1 - x0, y1 - y0);

  /* Under Compras now, where the layout puts it, and its link is vertical. */
  g_assert_cmpuint (orgmap_document_get_unit (f->doc, tes)->parent, ==, comp);
  g_assert_false (orgmap_document_get_unit_position (f->doc, tes, NULL, NULL));
  layout = orgmap_canvas_get_layout (f->canvas);
  g_assert_cmpfloat (orgmap_layout_get_unit (layout, tes)->y, >, orgmap_layout_get_unit (layout, comp)->y);
  orgmap_layout_get_subtree_extent (layout, comp, &left, &right);
  g_assert_cmpfloat (orgmap_layout_get_unit (layout, tes)->x, >=, left);
  g_assert_cmpfloat (orgmap_layout_get_unit (layout, tes)->x + orgmap_layout_get_unit (layout, tes)->width, <=, right);
  g_assert_cmpint (orgmap_document_get_link_type (f->doc, link), ==, ORGMAP_LINK_VERTICAL);
  g_assert_cmpuint (f->messages->len, ==, 0);

  g_assert_true (orgmap_history_undo (f->history));
  g_assert_cmpuint (orgmap_document_get_unit (f->doc, tes)->parent, ==, fin);
  g_assert_false (orgmap_document_get_unit_position (f->doc, tes, NULL, NULL));
  g_assert_cmpint (orgmap_document_get_link_type (f->doc, link), ==, ORGMAP_LINK_HORIZONTAL);
  g_assert_false (orgmap_history_can_undo (f->history));
}

static void
test_drop_placed_unit (Fixture       *f,
                       gconstpointer  data)
{
  guint32 tes = unit (f, "tes"), comp = unit (f, "comp");
  const OrgmapRect *r;

  /* Placed by hand far away, then dropped on Compras: under it, where the
   * layout puts it. */
  r = orgmap_layout_get_unit (orgmap_canvas_get_layout (f->canvas), tes);
  orgmap_history_place_unit (f->history, tes, TRUE, r->x, r->y - 300);
  drag_party (f, tes, comp, 0);
  g_assert_cmpuint (orgmap_document_get_unit (f->doc, tes)->parent, ==, comp);
  g_assert_false (orgmap_document_get_unit_position (f->doc, tes, NULL, NULL));
  g_assert_cmpfloat (orgmap_layout_get_unit (orgmap_canvas_get_layout (f->canvas), tes)->y, >,
                     orgmap_layout_get_unit (orgmap_canvas_get_layout (f->canvas), comp)->y);

  /* Undone in two steps: the position, then the move. */
  g_assert_true (orgmap_history_undo (f->history));
  g_assert_true (orgmap_document_get_unit_position (f->doc, tes, NULL, NULL));
  g_assert_true (orgmap_history_undo (f->history));
  g_assert_cmpuint (orgmap_document_get_unit (f->doc, tes)->parent, ==, unit (f, "fin"));
}

static void
test_drop_elsewhere_places (Fixture       *f,
                            gconstpointer  data)
{
  guint32 tes = unit (f, "tes");
  const OrgmapRect *r = orgmap_layout_get_unit (orgmap_canvas_get_layout (f->canvas), tes);
  double wx = r->x, wy = r->y, x0, y0, x, y;

  /* Released over no unit: placed by hand, one step. */
  centre (f, tes, &x0, &y0);
  drag_to (f, x0, y0, x0, y0 - 90, 0);
  g_assert_cmpuint (f->canvas->target, ==, ORGMAP_NONE);
  _orgmap_canvas_drag_end (f->canvas, 0, -90);
  g_assert_true (orgmap_document_get_unit_position (f->doc, tes, &x, &y));
  g_assert_cmpfloat (fabs (x - wx), <, 1e-6);
  g_assert_cmpfloat (fabs (y - (wy - 90 / orgmap_view_state_get_zoom (orgmap_canvas_get_view_state (f->canvas)))), <, 1e-6);
  g_assert_cmpstr (orgmap_history_get_undo_label (f->history), ==, "Undo Place Unit");
  g_assert_true (orgmap_history_undo (f->history));
  g_assert_false (orgmap_document_get_unit_position (f->doc, tes, NULL, NULL));
  g_assert_false (orgmap_history_can_undo (f->history));
}

static void
test_drop_on_descendant (Fixture       *f,
                         gconstpointer  data)
{
  guint32 fin = unit (f, "fin"), rrhh = unit (f, "rrhh"), dg = unit (f, "dg");
  double x0, y0, x1, y1;

  centre (f, fin, &x0, &y0);
  centre (f, rrhh, &x1, &y1);
  drag_to (f, x0, y0, x1, y1, 0);
  g_assert_cmpuint (f->canvas->target, ==, rrhh);
  g_assert_true (f->canvas->target_refused);
  _orgmap_canvas_drag_end (f->canvas, x1 - x0, y1 - y0);

  g_assert_cmpuint (f->messages->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->messages, 0), ==,
                   "“Finanzas” cannot be placed under “Recursos Humanos”, which is part of it");
  g_assert_cmpuint (orgmap_document_get_unit (f->doc, fin)->parent, ==, dg);
  g_assert_false (orgmap_document_get_unit_position (f->doc, fin, NULL, NULL));
  g_assert_false (orgmap_history_can_undo (f->history));

  /* Escape in the middle of a move puts the unit back. */
  drag_to (f, x0, y0, x0 + 50, y0 + 200, 0);
  g_assert_true (orgmap_document_get_unit_position (f->doc, fin, NULL, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.clear-selection", NULL));
  g_assert_false (orgmap_document_get_unit_position (f->doc, fin, NULL, NULL));
  _orgmap_canvas_drag_end (f->canvas, 50, 200);
  g_assert_false (orgmap_document_get_unit_position (f->doc, fin, NULL, NULL));
  g_assert_false (orgmap_history_can_undo (f->history));
}

static void
test_rate_keys (Fixture       *f,
                gconstpointer  data)
{
  OrgmapViewState *view = orgmap_canvas_get_view_state (f->canvas);
  guint32 link = orgmap_document_find_link (f->doc, "rrhh-fin");
  guint32 s1 = orgmap_document_find_round (f->doc, "s1");
  guint32 s2 = orgmap_document_find_round (f->doc, "s2");
  const OrgmapRating *r;
  double score;

  /* Without a selected link the digits are not the canvas's. */
  g_assert_false (press_key (f, GDK_KEY_4));
  g_assert_false (orgmap_history_can_undo (f->history));

  /* 4: the latest round's rating becomes 4, respondents and comment kept. */
  orgmap_view_state_set_selected_link (view, link);
  g_assert_true (press_key (f, GDK_KEY_4));
  r = orgmap_document_get_rating (f->doc, orgmap_document_find_rating (f->doc, link, s2));
  g_assert_cmpfloat (r->score, ==, 4);
  g_assert_cmpint (r->respondents, ==, 9);
  g_assert_cmpstr (r->comment, ==, "Los datos llegan tarde al cierre del presupuesto");
  g_assert_cmpuint (r->n_dimension_scores, ==, 2);
  g_assert_true (orgmap_document_get_link_quality (f->doc, link, s1, &score));
  g_assert_cmpfloat (score, ==, 3.6);
  g_assert_true (orgmap_history_undo (f->history));
  g_assert_true (orgmap_document_get_link_quality (f->doc, link, s2, &score));
  g_assert_cmpfloat (score, ==, 2.4);

  /* The keypad, in the round shown. */
  orgmap_view_state_set_round (view, s1);
  g_assert_true (press_key (f, GDK_KEY_KP_2));
  g_assert_true (orgmap_document_get_link_quality (f->doc, link, s1, &score));
  g_assert_cmpfloat (score, ==, 2);
  g_assert_true (orgmap_document_get_link_quality (f->doc, link, s2, &score));
  g_assert_cmpfloat (score, ==, 2.4);

  /* 0 and Backspace clear it; undo gives it back. */
  g_assert_true (press_key (f, GDK_KEY_0));
  g_assert_cmpuint (orgmap_document_find_rating (f->doc, link, s1), ==, ORGMAP_NONE);
  g_assert_cmpstr (orgmap_history_get_undo_label (f->history), ==, "Undo Clear Rating");
  g_assert_true (orgmap_history_undo (f->history));
  g_assert_true (orgmap_document_get_link_quality (f->doc, link, s1, &score));
  g_assert_cmpfloat (score, ==, 2);
  orgmap_view_state_set_round (view, ORGMAP_NONE);
  g_assert_true (press_key (f, GDK_KEY_BackSpace));
  g_assert_cmpuint (orgmap_document_find_rating (f->doc, link, s2), ==, ORGMAP_NONE);
  g_assert_true (orgmap_history_undo (f->history));
  r = orgmap_document_get_rating (f->doc, orgmap_document_find_rating (f->doc, link, s2));
  g_assert_cmpfloat (r->score, ==, 2.4);
  g_assert_cmpstr (r->comment, ==, "Los datos llegan tarde al cierre del presupuesto");

  /* Outside the scale: refused, said why. */
  g_assert_true (press_key (f, GDK_KEY_9));
  g_assert_cmpuint (f->messages->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->messages, 0), ==,
                   "The score 9 for the link from “Recursos Humanos” to “Finanzas” is outside the scale 1–5");
  g_assert_true (orgmap_document_get_link_quality (f->doc, link, s2, &score));
  g_assert_cmpfloat (score, ==, 2.4);

  /* No round to rate in. */
  g_assert_true (orgmap_history_delete_round (f->history, s2, NULL));
  g_assert_true (orgmap_history_delete_round (f->history, s1, NULL));
  orgmap_view_state_set_selected_link (view, link);
  g_assert_true (press_key (f, GDK_KEY_3));
  g_assert_cmpuint (f->messages->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (f->messages, 1), ==, "Add a round before rating links");
  g_assert_cmpuint (orgmap_document_get_n_ratings (f->doc), ==, 0);

  /* With no link selected, 0 still fits the map. */
  orgmap_view_state_set_selected_link (view, ORGMAP_NONE);
  orgmap_canvas_zoom_at (f->canvas, 2, 0, 0);
  g_assert_true (press_key (f, GDK_KEY_0));
  g_assert_cmpfloat (orgmap_view_state_get_zoom (view), <, 1.5);
}

static void
test_scale_zero_to_ten (Fixture       *f,
                        gconstpointer  data)
{
  guint32 link = orgmap_document_find_link (f->doc, "rrhh-fin");
  double score;

  /* On a 0–10 scale, 7 is a score; on 1–5 it is not. */
  g_assert_true (orgmap_document_set_scale (f->doc, 0, 10, NULL));
  orgmap_view_state_set_selected_link (orgmap_canvas_get_view_state (f->canvas), link);
  g_assert_true (press_key (f, GDK_KEY_7));
  g_assert_true (orgmap_document_get_link_quality (f->doc, link, ORGMAP_NONE, &score));
  g_assert_cmpfloat (score, ==, 7);
  g_assert_cmpuint (f->messages->len, ==, 0);
}

static void
test_new_unit_shown (Fixture       *f,
                     gconstpointer  data)
{
  guint32 prod = unit (f, "prod"), added;
  const OrgmapLayout *layout;
  graphene_rect_t area;
  int width = gtk_widget_get_width (GTK_WIDGET (f->canvas));
  int height = gtk_widget_get_height (GTK_WIDGET (f->canvas));

  added = orgmap_history_add_unit (f->history, prod, "Pintura", NULL);
  layout = orgmap_canvas_get_layout (f->canvas);
  g_assert_cmpuint (orgmap_layout_get_n_units (layout), ==, orgmap_document_get_n_units (f->doc));
  g_assert_cmpfloat (orgmap_layout_get_unit (layout, added)->y, >, orgmap_layout_get_unit (layout, prod)->y);

  /* The whole map was shown: it still is, the new unit included. */
  g_assert_true (orgmap_canvas_get_party_area (f->canvas, added, &area));
  g_assert_cmpfloat (area.origin.x, >=, 0);
  g_assert_cmpfloat (area.origin.y, >=, 0);
  g_assert_cmpfloat (area.origin.x + area.size.width, <=, width);
  g_assert_cmpfloat (area.origin.y + area.size.height, <=, height);
  g_assert_cmpuint (orgmap_canvas_pick_party (f->canvas, area.origin.x + area.size.width / 2,
                                              area.origin.y + area.size.height / 2), ==, added);

  /* Selected, then undone: the selection goes with it. */
  orgmap_view_state_set_selection (orgmap_canvas_get_view_state (f->canvas), added);
  g_assert_true (orgmap_history_undo (f->history));
  g_assert_cmpuint (orgmap_view_state_get_selection (orgmap_canvas_get_view_state (f->canvas)), ==, ORGMAP_NONE);
  g_assert_false (orgmap_canvas_get_party_area (f->canvas, added, &area));
  g_object_unref (orgmap_test_canvas_texture (f->canvas));
}

static void
test_areas (Fixture       *f,
            gconstpointer  data)
{
  guint32 rrhh = unit (f, "rrhh"), link = orgmap_document_find_link (f->doc, "sel-ven");
  const OrgmapRect *r = orgmap_layout_get_unit (orgmap_canvas_get_layout (f->canvas), rrhh);
  graphene_rect_t area;
  double x, y;

  g_assert_true (orgmap_canvas_get_party_area (f->canvas, rrhh, &area));
  orgmap_canvas_to_screen (f->canvas, r->x, r->y, &x, &y);
  g_assert_cmpfloat (fabs (area.origin.x - x), <, 1e-3);
  g_assert_cmpfloat (fabs (area.origin.y - y), <, 1e-3);
  g_assert_cmpfloat (fabs (area.size.width - r->width * orgmap_view_state_get_zoom (orgmap_canvas_get_view_state (f->canvas))), <, 1e-3);
  g_assert_true (orgmap_canvas_get_party_area (f->canvas, unit (f, "empresas"), &area));
  g_assert_cmpuint (orgmap_canvas_pick_party (f->canvas, area.origin.x + 2, area.origin.y + 2), ==,
                    unit (f, "empresas"));
  g_assert_false (orgmap_canvas_get_party_area (f->canvas, 5000, &area));
  g_assert_false (orgmap_canvas_get_party_area (f->canvas, ORGMAP_EXTERNAL_HANDLE (40), &area));

  /* The link's middle picks the link. */
  g_assert_true (orgmap_canvas_get_link_point (f->canvas, link, &x, &y));
  g_assert_cmpuint (orgmap_canvas_pick_link (f->canvas, x, y), ==, link);
  g_assert_false (orgmap_canvas_get_link_point (f->canvas, 5000, &x, &y));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  orgmap_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/orgmap/ui/canvas-edit/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("shift-drag-links", test_shift_drag_links);
  ADD ("rubber-band", test_rubber_band);
  ADD ("link-mode", test_link_mode);
  ADD ("refused-links", test_refused_links);
  ADD ("drop-moves-unit", test_drop_moves_unit);
  ADD ("drop-placed-unit", test_drop_placed_unit);
  ADD ("drop-elsewhere-places", test_drop_elsewhere_places);
  ADD ("drop-on-descendant", test_drop_on_descendant);
  ADD ("rate-keys", test_rate_keys);
  ADD ("scale-zero-to-ten", test_scale_zero_to_ten);
  ADD ("new-unit-shown", test_new_unit_shown);
  ADD ("areas", test_areas);

#undef ADD

  return orgmap_test_run ();
}

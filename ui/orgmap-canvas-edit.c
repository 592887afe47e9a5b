/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-ui"

#include "config.h"

#include "orgmap-canvas.h"
#include "orgmap-canvas-private.h"

#include <math.h>
#include <glib/gi18n.h>

/* The canvas's editing gestures. Every edit goes through the history, so
 * that it can be undone; a refused one changes nothing and says why through
 * the "message" signal. */

enum {
  PROP_0,
  PROP_LINK_MODE,
  N_PROPS
};

enum {
  MESSAGE,
  EDIT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* On screen, in pixels */
#define CLICK_THRESHOLD 4.0
#define BAND_WIDTH      3.0
#define ARROW_LENGTH   13.0
#define ARROW_WIDTH    10.0
#define RING_WIDTH      3.0
#define RING_GAP        3.0
/* The renderer's box corners, in world units */
#define BOX_RADIUS      6.0

/* The map's selection colour (the renderer rings a selected unit with it). */
static const GdkRGBA accent = { 0.208, 0.518, 0.894, 1.0 };

/* A double click on a unit or a link: its fields are to be edited. */
void
_orgmap_canvas_emit_edit (OrgmapCanvas *self)
{
  g_signal_emit (self, signals[EDIT], 0);
}

static void
emit_message (OrgmapCanvas *self,
              const char   *text)
{
  g_signal_emit (self, signals[MESSAGE], 0, text);
}

static void
update_cursor (OrgmapCanvas *self)
{
  const char *name = NULL;

  if ((self->drag == ORGMAP_CANVAS_DRAG_LINK || self->drag == ORGMAP_CANVAS_DRAG_UNIT) &&
      self->drag_moved && self->target_refused)
    name = "not-allowed";
  else if (self->link_mode || (self->drag == ORGMAP_CANVAS_DRAG_LINK && self->drag_moved))
    name = "crosshair";
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), name);
}

/* Link mode */

gboolean
orgmap_canvas_get_link_mode (OrgmapCanvas *self)
{
  g_return_val_if_fail (ORGMAP_IS_CANVAS (self), FALSE);

  return self->link_mode;
}

void
orgmap_canvas_set_link_mode (OrgmapCanvas *self,
                             gboolean      link_mode)
{
  g_return_if_fail (ORGMAP_IS_CANVAS (self));

  link_mode = !!link_mode;
  if (self->link_mode == link_mode)
    return;
  self->link_mode = link_mode;
  update_cursor (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINK_MODE]);
}

void
orgmap_canvas_set_history (OrgmapCanvas  *self,
                           OrgmapHistory *history)
{
  g_return_if_fail (ORGMAP_IS_CANVAS (self));
  g_return_if_fail (history == NULL || ORGMAP_IS_HISTORY (history));

  g_set_object (&self->history, history);
  _orgmap_canvas_update_edit_actions (self);
}

/* Geometry */

gboolean
orgmap_canvas_get_party_area (OrgmapCanvas    *self,
                              guint32          party,
                              graphene_rect_t *area)
{
  const OrgmapRect *r;
  double x0, y0, x1, y1;

  g_return_val_if_fail (ORGMAP_IS_CANVAS (self), FALSE);
  g_return_val_if_fail (area != NULL, FALSE);

  if (self->layout == NULL || party == ORGMAP_NONE ||
      (ORGMAP_IS_EXTERNAL (party)
       ? ORGMAP_EXTERNAL_INDEX (party) >= orgmap_layout_get_n_externals (self->layout)
       : party >= orgmap_layout_get_n_units (self->layout)))
    return FALSE;

  r = orgmap_layout_get_party (self->layout, party);
  orgmap_canvas_to_screen (self, r->x, r->y, &x0, &y0);
  orgmap_canvas_to_screen (self, r->x + r->width, r->y + r->height, &x1, &y1);
  graphene_rect_init (area, x0, y0, x1 - x0, y1 - y0);
  return TRUE;
}

gboolean
orgmap_canvas_get_link_point (OrgmapCanvas *self,
                              guint32       link,
                              double       *sx,
                              double       *sy)
{
  double p[8];

  g_return_val_if_fail (ORGMAP_IS_CANVAS (self), FALSE);
  g_return_val_if_fail (sx != NULL && sy != NULL, FALSE);

  if (self->layout == NULL || link >= orgmap_document_get_n_links (self->document))
    return FALSE;

  /* The cubic Bézier at t = ½ */
  orgmap_renderer_link_curve (self->renderer, link, p);
  orgmap_canvas_to_screen (self, (p[0] + 3 * p[2] + 3 * p[4] + p[6]) / 8,
                           (p[1] + 3 * p[3] + 3 * p[5] + p[7]) / 8, sx, sy);
  return TRUE;
}

/* The party under a widget point other than @except: any party, or only
 * units. */
static guint32
pick_other (OrgmapCanvas *self,
            double        sx,
            double        sy,
            guint32       except,
            gboolean      units_only)
{
  double wx, wy;
  guint n;

  orgmap_canvas_to_world (self, sx, sy, &wx, &wy);
  if (!units_only)
    {
      n = orgmap_layout_get_n_externals (self->layout);
      for (guint32 e = 0; e < n; e++)
        {
          const OrgmapRect *r = orgmap_layout_get_external (self->layout, e);

          if (wx >= r->x && wx <= r->x + r->width && wy >= r->y && wy <= r->y + r->height)
            return ORGMAP_EXTERNAL_HANDLE (e);
        }
    }
  n = orgmap_layout_get_n_units (self->layout);
  for (guint32 u = 0; u < n; u++)
    {
      const OrgmapRect *r = orgmap_layout_get_unit (self->layout, u);

      if (u != except && wx >= r->x && wx <= r->x + r->width && wy >= r->y && wy <= r->y + r->height)
        return u;
    }
  return ORGMAP_NONE;
}

/* The drop target under the pointer, and whether dropping there would be
 * refused: a link to its own provider, a unit under one of its own. */
static void
update_target (OrgmapCanvas *self)
{
  guint32 target = ORGMAP_NONE;
  gboolean refused = FALSE;

  if (self->drag == ORGMAP_CANVAS_DRAG_LINK && self->drag_moved)
    {
      target = pick_other (self, self->drag_x, self->drag_y, ORGMAP_NONE, FALSE);
      refused = target == self->link_start;
    }
  else if (self->drag == ORGMAP_CANVAS_DRAG_UNIT && self->drag_moved)
    {
      target = pick_other (self, self->drag_x, self->drag_y, self->dragged_unit, TRUE);
      refused = target != ORGMAP_NONE &&
                orgmap_document_is_ancestor (self->document, self->dragged_unit, target);
    }

  if (target != self->target || refused != self->target_refused)
    {
      self->target = target;
      self->target_refused = refused;
      update_cursor (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/* The drag gesture */

static void
reset_drag (OrgmapCanvas *self)
{
  self->drag = ORGMAP_CANVAS_DRAG_NONE;
  self->drag_moved = FALSE;
  self->dragged_unit = ORGMAP_NONE;
  self->link_start = ORGMAP_NONE;
  self->target = ORGMAP_NONE;
  self->target_refused = FALSE;
  update_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The unit where it was before the drag moved it along. */
static void
restore_dragged_unit (OrgmapCanvas *self,
                      guint32       unit)
{
  if (self->dragged_was_placed)
    orgmap_document_set_unit_position (self->document, unit, self->dragged_x, self->dragged_y);
  else
    orgmap_document_clear_unit_position (self->document, unit);
}

void
_orgmap_canvas_drag_begin (OrgmapCanvas    *self,
                           double           x,
                           double           y,
                           GdkModifierType  state)
{
  guint32 party = orgmap_canvas_pick_party (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  reset_drag (self);
  self->drag_start_x = self->drag_x = x;
  self->drag_start_y = self->drag_y = y;
  if (self->layout == NULL)
    return;

  if (party != ORGMAP_NONE && !ORGMAP_IS_EXTERNAL (party))
    {
      const OrgmapRect *r = orgmap_layout_get_unit (self->layout, party);

      /* A drag that starts on a unit draws a link from it, or moves it. */
      if (self->link_mode || (state & GDK_SHIFT_MASK) != 0)
        {
          self->drag = ORGMAP_CANVAS_DRAG_LINK;
          self->link_start = party;
          return;
        }
      self->drag = ORGMAP_CANVAS_DRAG_UNIT;
      self->dragged_unit = party;
      self->dragged_was_placed = orgmap_document_get_unit_position (self->document, party,
                                                                    &self->dragged_x, &self->dragged_y);
      self->drag_origin_x = r->x;
      self->drag_origin_y = r->y;
      return;
    }

  self->drag = ORGMAP_CANVAS_DRAG_PAN;
  orgmap_view_state_get_origin (self->view, &self->drag_origin_x, &self->drag_origin_y);
}

gboolean
_orgmap_canvas_drag_update (OrgmapCanvas *self,
                            double        dx,
                            double        dy)
{
  double zoom = orgmap_view_state_get_zoom (self->view);

  self->drag_x = self->drag_start_x + dx;
  self->drag_y = self->drag_start_y + dy;

  switch (self->drag)
    {
    case ORGMAP_CANVAS_DRAG_PAN:
      orgmap_view_state_set_view (self->view, zoom,
                                  self->drag_origin_x - dx / zoom,
                                  self->drag_origin_y - dy / zoom);
      return FALSE;

    case ORGMAP_CANVAS_DRAG_UNIT:
    case ORGMAP_CANVAS_DRAG_LINK:
      /* Past the click threshold only, so that a click still selects. */
      if (!self->drag_moved && hypot (dx, dy) < CLICK_THRESHOLD)
        return FALSE;
      self->drag_moved = TRUE;
      if (self->drag == ORGMAP_CANVAS_DRAG_UNIT)
        orgmap_document_set_unit_position (self->document, self->dragged_unit,
                                           self->drag_origin_x + dx / zoom,
                                           self->drag_origin_y + dy / zoom);
      update_target (self);
      /* The band follows the pointer. */
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return TRUE;

    case ORGMAP_CANVAS_DRAG_NONE:
    case ORGMAP_CANVAS_DRAG_CANCELLED:
    default:
      return FALSE;
    }
}

static void
finish_link (OrgmapCanvas *self,
             guint32       provider,
             guint32       client)
{
  g_autoptr(GError) error = NULL;
  guint32 link;

  link = orgmap_history_add_link (self->history, provider, client, "", &error);
  if (link == ORGMAP_NONE)
    {
      emit_message (self, error->message);
      return;
    }
  orgmap_view_state_set_selected_link (self->view, link);
}

/* Dropped on another unit: moved under it, and given back to the layout,
 * which places it there. */
static void
finish_drop (OrgmapCanvas *self,
             guint32       unit,
             guint32       parent)
{
  g_autoptr(GError) error = NULL;

  restore_dragged_unit (self, unit);
  if (!orgmap_history_move_unit (self->history, unit, parent, &error))
    {
      emit_message (self, error->message);
      return;
    }
  /* A second step: the history has no command doing both. */
  if (self->dragged_was_placed)
    orgmap_history_place_unit (self->history, unit, FALSE, 0, 0);
}

/* The move becomes one step of the history: put the unit back where it
 * was for a moment, then place it through the history, which remembers
 * where it came from. */
static void
finish_move (OrgmapCanvas *self,
             guint32       unit)
{
  double x, y;

  if (!orgmap_document_get_unit_position (self->document, unit, &x, &y))
    return;
  if (self->dragged_was_placed && x == self->dragged_x && y == self->dragged_y)
    return;

  restore_dragged_unit (self, unit);
  orgmap_history_place_unit (self->history, unit, TRUE, x, y);
}

void
_orgmap_canvas_drag_end (OrgmapCanvas *self,
                         double        dx,
                         double        dy)
{
  OrgmapCanvasDrag drag = self->drag;
  guint32 unit = self->dragged_unit;
  guint32 start = self->link_start;
  guint32 target;

  if ((drag != ORGMAP_CANVAS_DRAG_UNIT && drag != ORGMAP_CANVAS_DRAG_LINK) || !self->drag_moved)
    {
      reset_drag (self);
      return;
    }

  _orgmap_canvas_drag_update (self, dx, dy);
  target = self->target;
  /* The edits below change the document, which may end the gesture. */
  reset_drag (self);

  /* Without a history, a moved unit stays where it was dropped. */
  if (self->history == NULL)
    return;
  /* Onto a refused target (a unit's own box, one of its own units), the
   * history refuses and says why. */
  if (drag == ORGMAP_CANVAS_DRAG_LINK)
    {
      if (target != ORGMAP_NONE)
        finish_link (self, start, target);
    }
  else if (target != ORGMAP_NONE)
    finish_drop (self, unit, target);
  else
    finish_move (self, unit);
}

gboolean
_orgmap_canvas_cancel_edit (OrgmapCanvas *self)
{
  switch (self->drag)
    {
    case ORGMAP_CANVAS_DRAG_UNIT:
      if (self->drag_moved)
        restore_dragged_unit (self, self->dragged_unit);
      break;

    case ORGMAP_CANVAS_DRAG_PAN:
      orgmap_view_state_set_view (self->view, orgmap_view_state_get_zoom (self->view),
                                  self->drag_origin_x, self->drag_origin_y);
      break;

    case ORGMAP_CANVAS_DRAG_LINK:
      break;

    case ORGMAP_CANVAS_DRAG_NONE:
    case ORGMAP_CANVAS_DRAG_CANCELLED:
    default:
      if (!self->link_mode)
        return FALSE;
      orgmap_canvas_set_link_mode (self, FALSE);
      return TRUE;
    }

  reset_drag (self);
  self->drag = ORGMAP_CANVAS_DRAG_CANCELLED;
  return TRUE;
}

void
_orgmap_canvas_edit_document_changed (OrgmapCanvas *self,
                                      guint         kind)
{
  /* Handles held by the gesture may be stale: it ends here. */
  if (kind == ORGMAP_CHANGE_ALL &&
      (self->drag == ORGMAP_CANVAS_DRAG_UNIT || self->drag == ORGMAP_CANVAS_DRAG_LINK))
    {
      reset_drag (self);
      self->drag = ORGMAP_CANVAS_DRAG_CANCELLED;
    }
}

static void
on_drag_begin (OrgmapCanvas   *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  _orgmap_canvas_drag_begin (self, x, y,
                             gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture)));
}

static void
on_drag_update (OrgmapCanvas   *self,
                double          dx,
                double          dy,
                GtkGestureDrag *gesture)
{
  if (_orgmap_canvas_drag_update (self, dx, dy))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_drag_end (OrgmapCanvas   *self,
             double          dx,
             double          dy,
             GtkGestureDrag *gesture)
{
  _orgmap_canvas_drag_end (self, dx, dy);
}

/* Drawing the gesture */

static void
append_ring (OrgmapCanvas *self,
             GtkSnapshot  *snapshot,
             guint32       party)
{
  double radius = BOX_RADIUS * orgmap_view_state_get_zoom (self->view) + RING_GAP;
  graphene_rect_t area;
  GskRoundedRect ring;

  if (!orgmap_canvas_get_party_area (self, party, &area))
    return;
  graphene_rect_inset (&area, -RING_GAP - RING_WIDTH, -RING_GAP - RING_WIDTH);
  gsk_rounded_rect_init_from_rect (&ring, &area, radius + RING_WIDTH);
  gtk_snapshot_append_border (snapshot, &ring,
                              (float[4]) { RING_WIDTH, RING_WIDTH, RING_WIDTH, RING_WIDTH },
                              (GdkRGBA[4]) { accent, accent, accent, accent });
}

/* Where the ray from the centre of @r towards (@tx, @ty) leaves @r. */
static void
rect_exit (const graphene_rect_t *r,
           double                 tx,
           double                 ty,
           double                *x,
           double                *y)
{
  double cx = r->origin.x + r->size.width / 2, cy = r->origin.y + r->size.height / 2;
  double dx = tx - cx, dy = ty - cy;
  double s = INFINITY;

  if (fabs (dx) > 1e-9)
    s = MIN (s, (r->size.width / 2) / fabs (dx));
  if (fabs (dy) > 1e-9)
    s = MIN (s, (r->size.height / 2) / fabs (dy));
  if (!isfinite (s))
    s = 0;
  *x = cx + dx * s;
  *y = cy + dy * s;
}

/* An arrow from the unit the drag began on to the pointer, bent as the
 * renderer bends links; over a party that can be its client, the very
 * curve the new link will have. */
static void
append_band (OrgmapCanvas *self,
             GtkSnapshot  *snapshot)
{
  double zoom = orgmap_view_state_get_zoom (self->view);
  graphene_rect_t from, to, bounds;
  gboolean snap;
  double ax, ay, bx, by, dx, dy, len, nx, ny, bend, tx, ty, tlen, p[8];
  cairo_t *cr;

  if (!orgmap_canvas_get_party_area (self, self->link_start, &from) ||
      graphene_rect_contains_point (&from, &GRAPHENE_POINT_INIT (self->drag_x, self->drag_y)))
    return;
  snap = self->target != ORGMAP_NONE && !self->target_refused &&
         orgmap_canvas_get_party_area (self, self->target, &to);

  ax = from.origin.x + from.size.width / 2;
  ay = from.origin.y + from.size.height / 2;
  bx = snap ? to.origin.x + to.size.width / 2 : self->drag_x;
  by = snap ? to.origin.y + to.size.height / 2 : self->drag_y;
  dx = bx - ax;
  dy = by - ay;
  len = MAX (hypot (dx, dy), 1e-6);
  nx = -dy / len;
  ny = dx / len;
  bend = MIN (0.2 * len, 120.0 * zoom);
  p[2] = ax + dx / 4 + nx * bend;
  p[3] = ay + dy / 4 + ny * bend;
  p[4] = ax + 3 * dx / 4 + nx * bend;
  p[5] = ay + 3 * dy / 4 + ny * bend;
  rect_exit (&from, p[2], p[3], &p[0], &p[1]);
  p[6] = bx;
  p[7] = by;
  if (snap)
    rect_exit (&to, p[4], p[5], &p[6], &p[7]);

  /* The arrowhead along the curve's last tangent, its tip on the end. */
  tx = p[6] - p[4];
  ty = p[7] - p[5];
  tlen = hypot (tx, ty);
  if (tlen < 1)
    return;
  tx /= tlen;
  ty /= tlen;

  graphene_rect_init (&bounds, MIN (MIN (p[0], p[2]), MIN (p[4], p[6])), MIN (MIN (p[1], p[3]), MIN (p[5], p[7])), 0, 0);
  bounds.size.width = MAX (MAX (p[0], p[2]), MAX (p[4], p[6])) - bounds.origin.x;
  bounds.size.height = MAX (MAX (p[1], p[3]), MAX (p[5], p[7])) - bounds.origin.y;
  graphene_rect_inset (&bounds, -ARROW_WIDTH - BAND_WIDTH, -ARROW_WIDTH - BAND_WIDTH);

  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  gdk_cairo_set_source_rgba (cr, &accent);
  cairo_set_line_width (cr, BAND_WIDTH);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, p[0], p[1]);
  cairo_curve_to (cr, p[2], p[3], p[4], p[5],
                  p[6] - tx * ARROW_LENGTH * 0.8, p[7] - ty * ARROW_LENGTH * 0.8);
  cairo_stroke (cr);
  cairo_move_to (cr, p[6], p[7]);
  cairo_line_to (cr, p[6] - tx * ARROW_LENGTH - ty * ARROW_WIDTH / 2, p[7] - ty * ARROW_LENGTH + tx * ARROW_WIDTH / 2);
  cairo_line_to (cr, p[6] - tx * ARROW_LENGTH + ty * ARROW_WIDTH / 2, p[7] - ty * ARROW_LENGTH - tx * ARROW_WIDTH / 2);
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_destroy (cr);
}

void
_orgmap_canvas_snapshot_edit (OrgmapCanvas *self,
                              GtkSnapshot  *snapshot)
{
  if (self->layout == NULL || !self->drag_moved)
    return;

  if (self->drag == ORGMAP_CANVAS_DRAG_LINK)
    append_band (self, snapshot);
  if ((self->drag == ORGMAP_CANVAS_DRAG_LINK || self->drag == ORGMAP_CANVAS_DRAG_UNIT) &&
      self->target != ORGMAP_NONE && !self->target_refused)
    append_ring (self, snapshot, self->target);
}

/* Rating by key */

/* The round that keys rate in: the one shown, or the latest. */
static guint32
rating_round (OrgmapCanvas *self)
{
  guint n = orgmap_document_get_n_rounds (self->document);
  guint32 round = orgmap_view_state_get_round (self->view);

  if (n == 0)
    return ORGMAP_NONE;
  return round < n ? round : n - 1;
}

static void
action_rate (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  OrgmapCanvas *self = ORGMAP_CANVAS (widget);
  guint32 link = orgmap_view_state_get_selected_link (self->view);
  g_autoptr(GError) error = NULL;
  const char *comment = NULL;
  gint32 respondents = -1;
  guint32 round, rating;

  if (self->history == NULL || link >= orgmap_document_get_n_links (self->document))
    return;
  round = rating_round (self);
  if (round == ORGMAP_NONE)
    {
      emit_message (self, _("Add a round before rating links"));
      return;
    }

  /* A new score; who answered and what they said stay. */
  rating = orgmap_document_find_rating (self->document, link, round);
  if (rating != ORGMAP_NONE)
    {
      respondents = orgmap_document_get_rating (self->document, rating)->respondents;
      comment = orgmap_document_get_rating (self->document, rating)->comment;
    }
  if (!orgmap_history_rate (self->history, link, round, g_variant_get_int32 (param),
                            respondents, comment, &error))
    emit_message (self, error->message);
}

static void
action_clear_rating (GtkWidget  *widget,
                     const char *name,
                     GVariant   *param)
{
  OrgmapCanvas *self = ORGMAP_CANVAS (widget);
  guint32 link = orgmap_view_state_get_selected_link (self->view);
  guint32 round;

  if (self->history == NULL || link >= orgmap_document_get_n_links (self->document))
    return;
  round = rating_round (self);
  if (round != ORGMAP_NONE)
    orgmap_history_clear_rating (self->history, link, round);
}

/* 0 clears the selected link's rating; with no link selected it fits the
 * map, as it always did. */
static gboolean
on_zero_key (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  OrgmapCanvas *self = ORGMAP_CANVAS (widget);

  if (self->history != NULL && self->document != NULL &&
      orgmap_view_state_get_selected_link (self->view) != ORGMAP_NONE)
    return gtk_widget_activate_action (widget, "canvas.clear-rating", NULL);
  return gtk_widget_activate_action (widget, "canvas.zoom-fit", NULL);
}

void
_orgmap_canvas_update_edit_actions (OrgmapCanvas *self)
{
  guint32 link = orgmap_view_state_get_selected_link (self->view);
  gboolean rate = self->history != NULL && self->document != NULL &&
                  link < orgmap_document_get_n_links (self->document);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.rate", rate);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.clear-rating", rate);
}

/* Lifecycle */

static void
orgmap_canvas_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  OrgmapCanvas *self = ORGMAP_CANVAS (object);

  switch (prop_id)
    {
    case PROP_LINK_MODE:
      g_value_set_boolean (value, self->link_mode);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orgmap_canvas_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  OrgmapCanvas *self = ORGMAP_CANVAS (object);

  switch (prop_id)
    {
    case PROP_LINK_MODE:
      orgmap_canvas_set_link_mode (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

void
_orgmap_canvas_class_init_edit (OrgmapCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = orgmap_canvas_get_property;
  object_class->set_property = orgmap_canvas_set_property;

  properties[PROP_LINK_MODE] =
    g_param_spec_boolean ("link-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[EDIT] = g_signal_new ("edit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_property_action (widget_class, "canvas.link-mode", "link-mode");
  gtk_widget_class_install_action (widget_class, "canvas.rate", "i", action_rate);
  gtk_widget_class_install_action (widget_class, "canvas.clear-rating", NULL, action_clear_rating);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, 0, "canvas.link-mode", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_L, 0, "canvas.link-mode", NULL);
  for (int digit = 1; digit <= 9; digit++)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0 + digit, 0, "canvas.rate", "i", digit);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0 + digit, 0, "canvas.rate", "i", digit);
    }
  gtk_widget_class_add_binding (widget_class, GDK_KEY_0, 0, on_zero_key, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_0, 0, on_zero_key, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "canvas.clear-rating", NULL);
}

void
_orgmap_canvas_init_edit (OrgmapCanvas *self)
{
  GtkGesture *drag;

  self->drag = ORGMAP_CANVAS_DRAG_NONE;
  self->dragged_unit = ORGMAP_NONE;
  self->link_start = ORGMAP_NONE;
  self->target = ORGMAP_NONE;
  _orgmap_canvas_update_edit_actions (self);

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect_swapped (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
}

void
_orgmap_canvas_dispose_edit (OrgmapCanvas *self)
{
  g_clear_object (&self->history);
}

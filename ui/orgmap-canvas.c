/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fitting a map of up to this many units keeps their names readable,
 * drawn this much larger than the smallest size they are drawn at. */
#define READABLE_FIT_UNITS  400
#define READABLE_FIT_MARGIN 1.2

#define G_LOG_DOMAIN "orgmap-ui"

#include "config.h"

#include "orgmap-canvas.h"
#include "orgmap-canvas-private.h"

#include <math.h>
#include <glib/gi18n.h>

G_DEFINE_FINAL_TYPE (OrgmapCanvas, orgmap_canvas, GTK_TYPE_WIDGET)

#define PAN_STEP 64.0
#define ZOOM_STEP 1.25
#define LINK_PICK_DISTANCE 6.0

/* The picture must be drawn again: the view's selection or round changed. */
static void
invalidate (OrgmapCanvas *self)
{
  self->generation++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* TRUE while the view is the one the last fit gave. */
static gboolean
shows_fit (OrgmapCanvas *self)
{
  double x, y;

  orgmap_view_state_get_origin (self->view, &x, &y);
  return !self->needs_fit && self->layout != NULL &&
         orgmap_view_state_get_zoom (self->view) == self->fit_zoom && x == self->fit_x && y == self->fit_y;
}

static void
relayout (OrgmapCanvas *self)
{
  gboolean fitted = shows_fit (self);
  guint n_before = 0;

  if (self->layout != NULL)
    n_before = orgmap_layout_get_n_units (self->layout) + orgmap_layout_get_n_externals (self->layout);
  g_clear_pointer (&self->layout, orgmap_layout_free);
  if (self->document != NULL)
    {
      self->layout = orgmap_layout_new (self->document);
      orgmap_renderer_set_layout (self->renderer, self->layout);
      /* Parties added or removed while the whole map is shown: it stays
       * whole, the new ones in view at once. */
      if (fitted && n_before != orgmap_layout_get_n_units (self->layout) +
                                orgmap_layout_get_n_externals (self->layout))
        orgmap_canvas_zoom_to_fit (self);
    }
  invalidate (self);
}

/* After an undo or a load, a selected item may be gone. */
static void
drop_stale_selection (OrgmapCanvas *self)
{
  guint32 party = orgmap_view_state_get_selection (self->view);
  guint32 link = orgmap_view_state_get_selected_link (self->view);

  if (party != ORGMAP_NONE &&
      (ORGMAP_IS_EXTERNAL (party)
       ? ORGMAP_EXTERNAL_INDEX (party) >= orgmap_document_get_n_externals (self->document)
       : party >= orgmap_document_get_n_units (self->document)))
    orgmap_view_state_set_selection (self->view, ORGMAP_NONE);
  if (link != ORGMAP_NONE && link >= orgmap_document_get_n_links (self->document))
    orgmap_view_state_set_selected_link (self->view, ORGMAP_NONE);
}

static void
on_document_changed (OrgmapCanvas *self,
                     guint         kind,
                     guint         handle)
{
  _orgmap_canvas_edit_document_changed (self, kind);
  /* What the renderer derived from the document is stale. */
  if (self->renderer != NULL)
    orgmap_renderer_invalidate (self->renderer);
  if (kind == ORGMAP_CHANGE_ALL)
    drop_stale_selection (self);
  if (kind == ORGMAP_CHANGE_ALL || kind == ORGMAP_CHANGE_HIERARCHY ||
      kind == ORGMAP_CHANGE_EXTERNAL || kind == ORGMAP_CHANGE_POSITION)
    relayout (self);
  else
    invalidate (self);
  _orgmap_canvas_update_edit_actions (self);
}

#define SLOW_RENDER_USEC 8000
#define SETTLE_MSEC 120

static gboolean
on_settled (gpointer data)
{
  OrgmapCanvas *self = data;

  self->settle_source = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static void reveal_selection (OrgmapCanvas *self);

static void
on_view_notify (OrgmapCanvas *self,
                GParamSpec   *pspec)
{
  gboolean selection = g_str_equal (pspec->name, "selection") ||
                       g_str_equal (pspec->name, "selected-link");

  if (self->render_time > SLOW_RENDER_USEC)
    {
      g_clear_handle_id (&self->settle_source, g_source_remove);
      self->settle_source = g_timeout_add (SETTLE_MSEC, on_settled, self);
    }

  if (self->renderer != NULL)
    {
      orgmap_renderer_set_selection (self->renderer, orgmap_view_state_get_selection (self->view));
      orgmap_renderer_set_selected_link (self->renderer, orgmap_view_state_get_selected_link (self->view));
      orgmap_renderer_set_round (self->renderer, orgmap_view_state_get_round (self->view));
    }
  if (selection)
    _orgmap_canvas_update_edit_actions (self);
  /* Chosen anywhere but by a click on the map (a side panel, the
   * keyboard, a dialog): bring it into view. */
  if (selection && !self->clicking)
    reveal_selection (self);
  if (selection || g_str_equal (pspec->name, "round"))
    invalidate (self);
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Coordinates */

void
orgmap_canvas_to_world (OrgmapCanvas *self,
                        double        sx,
                        double        sy,
                        double       *wx,
                        double       *wy)
{
  double zoom = orgmap_view_state_get_zoom (self->view);
  double x, y;

  orgmap_view_state_get_origin (self->view, &x, &y);
  *wx = x + sx / zoom;
  *wy = y + sy / zoom;
}

void
orgmap_canvas_to_screen (OrgmapCanvas *self,
                         double        wx,
                         double        wy,
                         double       *sx,
                         double       *sy)
{
  double zoom = orgmap_view_state_get_zoom (self->view);
  double x, y;

  orgmap_view_state_get_origin (self->view, &x, &y);
  *sx = (wx - x) * zoom;
  *sy = (wy - y) * zoom;
}

/* View changes */

void
orgmap_canvas_set_covered (OrgmapCanvas *self,
                           int           width,
                           int           height)
{
  g_return_if_fail (ORGMAP_IS_CANVAS (self));

  self->covered_width = MAX (width, 0);
  self->covered_height = MAX (height, 0);
}

void
orgmap_canvas_zoom_to_fit (OrgmapCanvas *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double zoom, beside, above, left = 0, free_height = height;
  OrgmapRect bounds;

  g_return_if_fail (ORGMAP_IS_CANVAS (self));

  if (self->layout == NULL)
    return;
  if (width <= 0 || height <= 0)
    {
      self->needs_fit = TRUE;
      return;
    }

  /* Beside the covered corner or above it, whichever shows the map larger. */
  orgmap_layout_get_bounds (self->layout, &bounds);
  zoom = MIN (width / bounds.width, height / bounds.height);
  if (self->covered_width > 0 && self->covered_height > 0)
    {
      beside = MIN ((width - self->covered_width) / bounds.width, height / bounds.height);
      above = MIN (width / bounds.width, (height - self->covered_height) / bounds.height);
      if (beside >= above && beside > 0)
        {
          zoom = beside;
          left = self->covered_width;
        }
      else if (above > 0)
        {
          zoom = above;
          free_height = height - self->covered_height;
        }
    }
  zoom = CLAMP (zoom, ORGMAP_ZOOM_MIN, 1.5);

  /* A map of a few departments is not made so small that their names go:
   * it is shown from its top, centred, and the rest is a move away. */
  if (orgmap_layout_get_n_units (self->layout) <= READABLE_FIT_UNITS &&
      zoom < READABLE_FIT_MARGIN * orgmap_renderer_label_zoom ())
    {
      zoom = READABLE_FIT_MARGIN * orgmap_renderer_label_zoom ();
      orgmap_view_state_set_view (self->view, zoom,
                                  bounds.x + bounds.width / 2 - (left + (width - left) / 2) / zoom,
                                  MIN (bounds.y, bounds.y + bounds.height / 2 - free_height / 2 / zoom));
    }
  else
    orgmap_view_state_set_view (self->view, zoom,
                                bounds.x + bounds.width / 2 - (left + (width - left) / 2) / zoom,
                                bounds.y + bounds.height / 2 - free_height / 2 / zoom);
  self->needs_fit = FALSE;
  self->fit_zoom = orgmap_view_state_get_zoom (self->view);
  orgmap_view_state_get_origin (self->view, &self->fit_x, &self->fit_y);
}

void
orgmap_canvas_zoom_at (OrgmapCanvas *self,
                       double        factor,
                       double        sx,
                       double        sy)
{
  double zoom, wx, wy;

  g_return_if_fail (ORGMAP_IS_CANVAS (self));

  orgmap_canvas_to_world (self, sx, sy, &wx, &wy);
  zoom = CLAMP (orgmap_view_state_get_zoom (self->view) * factor, ORGMAP_ZOOM_MIN, ORGMAP_ZOOM_MAX);
  orgmap_view_state_set_view (self->view, zoom, wx - sx / zoom, wy - sy / zoom);
}

void
orgmap_canvas_pan (OrgmapCanvas *self,
                   double        dx,
                   double        dy)
{
  double zoom = orgmap_view_state_get_zoom (self->view);
  double x, y;

  g_return_if_fail (ORGMAP_IS_CANVAS (self));

  orgmap_view_state_get_origin (self->view, &x, &y);
  orgmap_view_state_set_view (self->view, zoom, x + dx / zoom, y + dy / zoom);
}

/* Brings a world rectangle into view, moving as little as needed. */
static void
reveal (OrgmapCanvas     *self,
        const OrgmapRect *r)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double sx0, sy0, sx1, sy1, dx = 0, dy = 0;

  orgmap_canvas_to_screen (self, r->x, r->y, &sx0, &sy0);
  orgmap_canvas_to_screen (self, r->x + r->width, r->y + r->height, &sx1, &sy1);

  if (sx0 < 0 || sx1 > width)
    dx = (sx0 + sx1) / 2 - width / 2.0;
  if (sy0 < 0 || sy1 > height)
    dy = (sy0 + sy1) / 2 - height / 2.0;
  if (dx != 0 || dy != 0)
    orgmap_canvas_pan (self, dx, dy);
}

static void
reveal_selection (OrgmapCanvas *self)
{
  guint32 party = orgmap_view_state_get_selection (self->view);
  guint32 link = orgmap_view_state_get_selected_link (self->view);

  if (self->layout == NULL || gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    return;

  if (party != ORGMAP_NONE)
    reveal (self, orgmap_layout_get_party (self->layout, party));
  else if (link != ORGMAP_NONE && link < orgmap_document_get_n_links (self->document))
    {
      double p[8];
      OrgmapRect r;

      const OrgmapLink *info = orgmap_document_get_link (self->document, link);
      const OrgmapRect *ends[2] = {
        orgmap_layout_get_party (self->layout, info->provider),
        orgmap_layout_get_party (self->layout, info->client),
      };
      double x1, y1;

      /* The curve and the boxes at both its ends. */
      orgmap_renderer_link_curve (self->renderer, link, p);
      r.x = MIN (MIN (p[0], p[2]), MIN (p[4], p[6]));
      r.y = MIN (MIN (p[1], p[3]), MIN (p[5], p[7]));
      x1 = MAX (MAX (p[0], p[2]), MAX (p[4], p[6]));
      y1 = MAX (MAX (p[1], p[3]), MAX (p[5], p[7]));
      for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
        {
          r.x = MIN (r.x, ends[i]->x);
          r.y = MIN (r.y, ends[i]->y);
          x1 = MAX (x1, ends[i]->x + ends[i]->width);
          y1 = MAX (y1, ends[i]->y + ends[i]->height);
        }
      r.width = x1 - r.x;
      r.height = y1 - r.y;
      reveal (self, &r);
    }
}

void
orgmap_canvas_select_next (OrgmapCanvas *self,
                           gboolean      backwards)
{
  guint n_units, n_parties;
  guint32 current, index;

  g_return_if_fail (ORGMAP_IS_CANVAS (self));

  if (self->document == NULL)
    return;
  n_units = orgmap_document_get_n_units (self->document);
  n_parties = n_units + orgmap_document_get_n_externals (self->document);
  if (n_parties == 0)
    return;

  /* Units in document order, then the external clients. */
  current = orgmap_view_state_get_selection (self->view);
  if (current == ORGMAP_NONE)
    index = backwards ? n_parties - 1 : 0;
  else
    {
      index = ORGMAP_IS_EXTERNAL (current) ? n_units + ORGMAP_EXTERNAL_INDEX (current) : current;
      index = backwards ? (index + n_parties - 1) % n_parties : (index + 1) % n_parties;
    }

  current = index < n_units ? index : ORGMAP_EXTERNAL_HANDLE (index - n_units);
  orgmap_view_state_set_selection (self->view, current);
  reveal (self, orgmap_layout_get_party (self->layout, current));
}

/* Picking */

static gboolean
rect_contains (const OrgmapRect *r,
               double            x,
               double            y)
{
  return x >= r->x && x <= r->x + r->width && y >= r->y && y <= r->y + r->height;
}

guint32
orgmap_canvas_pick_party (OrgmapCanvas *self,
                          double        sx,
                          double        sy)
{
  double wx, wy;
  guint n;

  g_return_val_if_fail (ORGMAP_IS_CANVAS (self), ORGMAP_NONE);

  if (self->layout == NULL)
    return ORGMAP_NONE;

  orgmap_canvas_to_world (self, sx, sy, &wx, &wy);
  n = orgmap_layout_get_n_externals (self->layout);
  for (guint32 e = 0; e < n; e++)
    if (rect_contains (orgmap_layout_get_external (self->layout, e), wx, wy))
      return ORGMAP_EXTERNAL_HANDLE (e);
  n = orgmap_layout_get_n_units (self->layout);
  for (guint32 u = 0; u < n; u++)
    if (rect_contains (orgmap_layout_get_unit (self->layout, u), wx, wy))
      return u;
  return ORGMAP_NONE;
}

guint32
orgmap_canvas_pick_link (OrgmapCanvas *self,
                         double        sx,
                         double        sy)
{
  double zoom = orgmap_view_state_get_zoom (self->view);
  double wx, wy;

  g_return_val_if_fail (ORGMAP_IS_CANVAS (self), ORGMAP_NONE);

  if (self->layout == NULL)
    return ORGMAP_NONE;

  orgmap_canvas_to_world (self, sx, sy, &wx, &wy);
  return orgmap_renderer_pick_link (self->renderer, wx, wy, LINK_PICK_DISTANCE / zoom);
}

/* Descriptions */

char *
orgmap_canvas_describe_party (OrgmapCanvas *self,
                              guint32       party)
{
  guint n_clients = 0, n_providers = 0, n;
  g_autofree char *name = NULL;
  g_autofree char *clients = NULL;
  g_autofree char *providers = NULL;

  g_return_val_if_fail (ORGMAP_IS_CANVAS (self), NULL);

  name = g_markup_escape_text (orgmap_document_get_party_name (self->document, party), -1);
  n = orgmap_document_get_n_links (self->document);
  for (guint32 i = 0; i < n; i++)
    {
      const OrgmapLink *link = orgmap_document_get_link (self->document, i);

      n_clients += link->provider == party;
      n_providers += link->client == party;
    }

  if (ORGMAP_IS_EXTERNAL (party))
    {
      /* Translators: tooltip of an external client */
      providers = g_strdup_printf (ngettext ("Served by %u unit", "Served by %u units", n_providers), n_providers);
      return g_strdup_printf ("<b>%s</b>\n%s\n%s", name, _("External client"), providers);
    }

  {
    g_autofree char *area = g_markup_escape_text (orgmap_document_get_unit_area (self->document, party), -1);

    clients = g_strdup_printf (ngettext ("%u internal client", "%u internal clients", n_clients), n_clients);
    providers = g_strdup_printf (ngettext ("%u provider", "%u providers", n_providers), n_providers);
    /* Translators: tooltip of a unit: name, level, area, then counts */
    return g_strdup_printf (_("<b>%s</b>\nLevel %d · Area: %s\n%s · %s"), name,
                            orgmap_document_get_unit_level (self->document, party), area,
                            clients, providers);
  }
}

char *
orgmap_canvas_describe_link (OrgmapCanvas *self,
                             guint32       link)
{
  const OrgmapLink *l = orgmap_document_get_link (self->document, link);
  OrgmapLinkType type = orgmap_document_get_link_type (self->document, link);
  guint32 round = orgmap_view_state_get_round (self->view);
  g_autofree char *provider = g_markup_escape_text (orgmap_document_get_party_name (self->document, l->provider), -1);
  g_autofree char *client = g_markup_escape_text (orgmap_document_get_party_name (self->document, l->client), -1);
  g_autofree char *service = g_markup_escape_text (l->service != NULL ? l->service : "", -1);
  GString *text = g_string_new (NULL);
  guint32 rating = ORGMAP_NONE;

  g_string_append_printf (text, "<b>%s → %s</b>", provider, client);
  if (*service != '\0')
    g_string_append_printf (text, "\n%s", service);

  g_string_append_c (text, '\n');
  if (l->type_override != ORGMAP_LINK_AUTOMATIC)
    /* Translators: “Vertical (set by hand; computed: Diagonal)” */
    g_string_append_printf (text, _("%s (set by hand; computed: %s)"), orgmap_link_type_label (type),
                            orgmap_link_type_label (orgmap_document_get_link_computed_type (self->document, link)));
  else
    g_string_append (text, orgmap_link_type_label (type));

  /* The rating shown: the chosen round's, or the latest. */
  for (guint32 r = l->first_rating; r != ORGMAP_NONE; r = orgmap_document_get_rating (self->document, r)->next)
    {
      guint32 rr = orgmap_document_get_rating (self->document, r)->round;

      if (round != ORGMAP_NONE ? rr == round
                               : rating == ORGMAP_NONE || rr > orgmap_document_get_rating (self->document, rating)->round)
        rating = r;
    }

  if (rating == ORGMAP_NONE)
    g_string_append_printf (text, "\n%s", _("Not rated"));
  else
    {
      const OrgmapRating *r = orgmap_document_get_rating (self->document, rating);
      g_autofree char *round_name = g_markup_escape_text (orgmap_document_get_round (self->document, r->round)->name, -1);

      /* Translators: “Score 3.5 of 5 · Encuesta Q1” */
      g_string_append_printf (text, _("\nScore %.1f of %g · %s"), r->score,
                              orgmap_document_get_scale_max (self->document), round_name);
      if (r->respondents >= 0)
        g_string_append_printf (text, ngettext (" · %d respondent", " · %d respondents", r->respondents),
                                r->respondents);
    }

  return g_string_free (text, FALSE);
}

/* Drawing */

static void
orgmap_canvas_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  OrgmapCanvas *self = ORGMAP_CANVAS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double zoom = orgmap_view_state_get_zoom (self->view);
  double x, y;

  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 1, 1, 1, 1 },
                             &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->layout == NULL)
    return;

  orgmap_view_state_get_origin (self->view, &x, &y);

  if (self->cache != NULL && self->cache_generation == self->generation &&
      self->cache_width == width && self->cache_height == height &&
      (self->cache_zoom != zoom || self->cache_x != x || self->cache_y != y) &&
      self->settle_source != 0)
    {
      /* Moving: the last picture, moved and scaled to the new view. */
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((self->cache_x - x) * zoom,
                                                              (self->cache_y - y) * zoom));
      gtk_snapshot_scale (snapshot, zoom / self->cache_zoom, zoom / self->cache_zoom);
      gtk_snapshot_append_node (snapshot, self->cache);
      gtk_snapshot_restore (snapshot);
    }
  else
    {
      if (self->cache == NULL || self->cache_generation != self->generation ||
          self->cache_zoom != zoom || self->cache_x != x || self->cache_y != y ||
          self->cache_width != width || self->cache_height != height)
        {
          GtkSnapshot *sub = gtk_snapshot_new ();
          OrgmapRect visible = { x, y, width / zoom, height / zoom };
          gint64 start = g_get_monotonic_time ();
          cairo_t *cr;

          cr = gtk_snapshot_append_cairo (sub, &GRAPHENE_RECT_INIT (0, 0, width, height));
          cairo_scale (cr, zoom, zoom);
          cairo_translate (cr, -x, -y);
          orgmap_renderer_draw (self->renderer, cr, zoom, &visible);
          cairo_destroy (cr);

          g_clear_pointer (&self->cache, gsk_render_node_unref);
          self->cache = gtk_snapshot_free_to_node (sub);
          self->cache_generation = self->generation;
          self->cache_zoom = zoom;
          self->cache_x = x;
          self->cache_y = y;
          self->cache_width = width;
          self->cache_height = height;
          self->render_time = g_get_monotonic_time () - start;
        }
      if (self->cache != NULL)
        gtk_snapshot_append_node (snapshot, self->cache);
    }

  _orgmap_canvas_snapshot_edit (self, snapshot);

  if (gtk_widget_has_visible_focus (widget))
    {
      GskRoundedRect outline;

      gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (1, 1, width - 2, height - 2), 0);
      gtk_snapshot_append_border (snapshot, &outline, (float[4]) { 2, 2, 2, 2 },
                                  (GdkRGBA[4]) { { 0.21, 0.52, 0.89, 0.5 }, { 0.21, 0.52, 0.89, 0.5 },
                                                 { 0.21, 0.52, 0.89, 0.5 }, { 0.21, 0.52, 0.89, 0.5 } });
    }
}

static void
orgmap_canvas_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  OrgmapCanvas *self = ORGMAP_CANVAS (widget);

  if (shows_fit (self) && (width != self->cache_width || height != self->cache_height))
    self->needs_fit = TRUE;

  if (self->needs_fit && width > 0 && height > 0)
    orgmap_canvas_zoom_to_fit (self);
}

static void
orgmap_canvas_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  *minimum = 100;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 1000 : 700;
}

/* Input */

static void
on_click_released (OrgmapCanvas    *self,
                   int              n_press,
                   double           x,
                   double           y,
                   GtkGestureClick *gesture)
{
  guint32 party = orgmap_canvas_pick_party (self, x, y);
  guint32 link = ORGMAP_NONE;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  /* A party under the pointer wins over the links passing by it. What was
   * clicked is in view: the map stays where it is. */
  if (party == ORGMAP_NONE)
    link = orgmap_canvas_pick_link (self, x, y);
  self->clicking = TRUE;
  if (link != ORGMAP_NONE)
    orgmap_view_state_set_selected_link (self->view, link);
  else
    {
      orgmap_view_state_set_selection (self->view, party);
      orgmap_view_state_set_selected_link (self->view, ORGMAP_NONE);
    }
  self->clicking = FALSE;
  if (n_press == 2 && (party != ORGMAP_NONE || link != ORGMAP_NONE))
    _orgmap_canvas_emit_edit (self);
}

static gboolean
on_scroll (OrgmapCanvas             *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  gboolean surface = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_SURFACE;

  if (state & GDK_CONTROL_MASK)
    {
      /* A wheel notch zooms by one step; touchpads zoom smoothly. */
      double factor = surface ? exp (-dy * 0.01) : pow (ZOOM_STEP, -dy);

      orgmap_canvas_zoom_at (self, factor, self->pointer_x, self->pointer_y);
      return TRUE;
    }

  if (state & GDK_SHIFT_MASK && dx == 0)
    {
      dx = dy;
      dy = 0;
    }
  if (!surface)
    {
      dx *= PAN_STEP;
      dy *= PAN_STEP;
    }
  orgmap_canvas_pan (self, dx, dy);
  return TRUE;
}

static void
on_motion (OrgmapCanvas             *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

static void
on_pinch_begin (OrgmapCanvas     *self,
                GdkEventSequence *sequence,
                GtkGesture       *gesture)
{
  self->pinch_zoom = orgmap_view_state_get_zoom (self->view);
}

static void
on_pinch_scale_changed (OrgmapCanvas   *self,
                        double          scale,
                        GtkGestureZoom *gesture)
{
  double cx, cy;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &cx, &cy))
    {
      cx = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      cy = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  orgmap_canvas_zoom_at (self, self->pinch_zoom * scale / orgmap_view_state_get_zoom (self->view), cx, cy);
}

static gboolean
on_query_tooltip (OrgmapCanvas *self,
                  int           x,
                  int           y,
                  gboolean      keyboard,
                  GtkTooltip   *tooltip)
{
  g_autofree char *markup = NULL;
  guint32 item;

  if (self->layout == NULL)
    return FALSE;

  if (keyboard)
    {
      item = orgmap_view_state_get_selection (self->view);
      if (item != ORGMAP_NONE)
        markup = orgmap_canvas_describe_party (self, item);
      else if ((item = orgmap_view_state_get_selected_link (self->view)) != ORGMAP_NONE)
        markup = orgmap_canvas_describe_link (self, item);
      else
        return FALSE;
    }
  else if ((item = orgmap_canvas_pick_party (self, x, y)) != ORGMAP_NONE)
    markup = orgmap_canvas_describe_party (self, item);
  else if ((item = orgmap_canvas_pick_link (self, x, y)) != ORGMAP_NONE)
    markup = orgmap_canvas_describe_link (self, item);
  else
    return FALSE;

  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

/* Keyboard actions */

static void
action_zoom (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  OrgmapCanvas *self = ORGMAP_CANVAS (widget);
  double factor = g_str_equal (name, "canvas.zoom-in") ? ZOOM_STEP : 1 / ZOOM_STEP;

  orgmap_canvas_zoom_at (self, factor, gtk_widget_get_width (widget) / 2.0,
                         gtk_widget_get_height (widget) / 2.0);
}

static void
action_zoom_fit (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  orgmap_canvas_zoom_to_fit (ORGMAP_CANVAS (widget));
}

static void
action_pan (GtkWidget  *widget,
            const char *name,
            GVariant   *param)
{
  int dx, dy;

  g_variant_get (param, "(ii)", &dx, &dy);
  orgmap_canvas_pan (ORGMAP_CANVAS (widget), dx * PAN_STEP, dy * PAN_STEP);
}

static void
action_select (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  orgmap_canvas_select_next (ORGMAP_CANVAS (widget), g_str_equal (name, "canvas.select-previous"));
}

static void
action_clear_selection (GtkWidget  *widget,
                        const char *name,
                        GVariant   *param)
{
  OrgmapViewState *view = ORGMAP_CANVAS (widget)->view;

  /* Escape ends a gesture or link mode first. */
  if (_orgmap_canvas_cancel_edit (ORGMAP_CANVAS (widget)))
    return;
  orgmap_view_state_set_selection (view, ORGMAP_NONE);
  orgmap_view_state_set_selected_link (view, ORGMAP_NONE);
}

/* Lifecycle */

void
orgmap_canvas_set_document (OrgmapCanvas   *self,
                            OrgmapDocument *document)
{
  g_return_if_fail (ORGMAP_IS_CANVAS (self));
  g_return_if_fail (document == NULL || ORGMAP_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  _orgmap_canvas_edit_document_changed (self, ORGMAP_CHANGE_ALL);
  g_clear_pointer (&self->renderer, orgmap_renderer_free);
  g_clear_pointer (&self->layout, orgmap_layout_free);
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  g_set_object (&self->document, document);

  orgmap_view_state_set_selection (self->view, ORGMAP_NONE);
  orgmap_view_state_set_selected_link (self->view, ORGMAP_NONE);
  orgmap_view_state_set_round (self->view, ORGMAP_NONE);

  if (document != NULL)
    {
      self->layout = orgmap_layout_new (document);
      self->renderer = orgmap_renderer_new (document, self->layout);
      g_signal_connect_object (document, "changed", G_CALLBACK (on_document_changed), self,
                               G_CONNECT_SWAPPED);
      self->needs_fit = TRUE;
      orgmap_canvas_zoom_to_fit (self);
    }
  invalidate (self);
}

OrgmapDocument *
orgmap_canvas_get_document (OrgmapCanvas *self)
{
  g_return_val_if_fail (ORGMAP_IS_CANVAS (self), NULL);

  return self->document;
}

OrgmapViewState *
orgmap_canvas_get_view_state (OrgmapCanvas *self)
{
  g_return_val_if_fail (ORGMAP_IS_CANVAS (self), NULL);

  return self->view;
}

const OrgmapLayout *
orgmap_canvas_get_layout (OrgmapCanvas *self)
{
  g_return_val_if_fail (ORGMAP_IS_CANVAS (self), NULL);

  return self->layout;
}

static void
orgmap_canvas_dispose (GObject *object)
{
  OrgmapCanvas *self = ORGMAP_CANVAS (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_pointer (&self->renderer, orgmap_renderer_free);
  g_clear_pointer (&self->layout, orgmap_layout_free);
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  g_clear_handle_id (&self->settle_source, g_source_remove);
  _orgmap_canvas_dispose_edit (self);
  g_clear_object (&self->document);
  g_clear_object (&self->view);

  G_OBJECT_CLASS (orgmap_canvas_parent_class)->dispose (object);
}

static void
add_pan_binding (GtkWidgetClass *widget_class,
                 guint           keyval,
                 int             dx,
                 int             dy)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, 0, "canvas.pan", "(ii)", dx, dy);
}

static void
orgmap_canvas_class_init (OrgmapCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = orgmap_canvas_dispose;
  widget_class->snapshot = orgmap_canvas_snapshot;
  widget_class->size_allocate = orgmap_canvas_size_allocate;
  widget_class->measure = orgmap_canvas_measure;
  _orgmap_canvas_class_init_edit (klass);

  gtk_widget_class_install_action (widget_class, "canvas.zoom-in", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-out", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-fit", NULL, action_zoom_fit);
  gtk_widget_class_install_action (widget_class, "canvas.pan", "(ii)", action_pan);
  gtk_widget_class_install_action (widget_class, "canvas.select-next", NULL, action_select);
  gtk_widget_class_install_action (widget_class, "canvas.select-previous", NULL, action_select);
  gtk_widget_class_install_action (widget_class, "canvas.clear-selection", NULL, action_clear_selection);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "canvas.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Tab, 0, "canvas.select-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Tab, 0, "canvas.select-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK, "canvas.select-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Tab, GDK_SHIFT_MASK, "canvas.select-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "canvas.clear-selection", NULL);
  add_pan_binding (widget_class, GDK_KEY_Left, -1, 0);
  add_pan_binding (widget_class, GDK_KEY_Right, 1, 0);
  add_pan_binding (widget_class, GDK_KEY_Up, 0, -1);
  add_pan_binding (widget_class, GDK_KEY_Down, 0, 1);

  gtk_widget_class_set_css_name (widget_class, "orgmap-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
orgmap_canvas_init (OrgmapCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkGesture *click, *pinch;
  GtkEventController *scroll, *motion;

  self->view = orgmap_view_state_new ();
  g_signal_connect_object (self->view, "notify", G_CALLBACK (on_view_notify), self, G_CONNECT_SWAPPED);

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_focus_on_click (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect_swapped (widget, "query-tooltip", G_CALLBACK (on_query_tooltip), self);

  _orgmap_canvas_init_edit (self);

  click = gtk_gesture_click_new ();
  g_signal_connect_swapped (click, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  pinch = gtk_gesture_zoom_new ();
  g_signal_connect_swapped (pinch, "begin", G_CALLBACK (on_pinch_begin), self);
  g_signal_connect_swapped (pinch, "scale-changed", G_CALLBACK (on_pinch_scale_changed), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (pinch));

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_swapped (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (widget, scroll);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (widget, motion);
}

GtkWidget *
orgmap_canvas_new (void)
{
  return g_object_new (ORGMAP_TYPE_CANVAS, NULL);
}

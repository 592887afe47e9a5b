/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-ui"

#include "config.h"

#include "orgmap-renderer.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "orgmap-renderer-private.h"

static PangoLayout *
make_layout (PangoContext *context,
             const char   *family,
             double        size,
             PangoWeight   weight)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_from_string (family);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  return layout;
}

OrgmapRenderer *
orgmap_renderer_new (OrgmapDocument     *document,
                     const OrgmapLayout *layout)
{
  OrgmapRenderer *self = g_new0 (OrgmapRenderer, 1);
  g_autoptr(PangoFontMap) font_map = NULL;
  PangoContext *context;
  cairo_font_options_t *options;

  self->document = g_object_ref (document);
  self->layout = layout;
  self->round = ORGMAP_NONE;
  self->selection = ORGMAP_NONE;
  self->selected_link = ORGMAP_NONE;

  /* Metrics that do not depend on the zoom, so a label wraps the same way
   * on screen, in print and in every export. */
  font_map = pango_cairo_font_map_new ();
  context = pango_font_map_create_context (font_map);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);

  self->name_layout = make_layout (context, "Cantarell, DejaVu Sans, Sans", NAME_SIZE, PANGO_WEIGHT_BOLD);
  pango_layout_set_width (self->name_layout, (int) ((ORGMAP_LAYOUT_BOX_WIDTH - 2 * BOX_PADDING) * PANGO_SCALE));
  pango_layout_set_wrap (self->name_layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (self->name_layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (self->name_layout, -2);
  pango_layout_set_alignment (self->name_layout, PANGO_ALIGN_CENTER);

  self->small_layout = make_layout (context, "Cantarell, DejaVu Sans, Sans", SMALL_SIZE, PANGO_WEIGHT_NORMAL);
  pango_layout_set_width (self->small_layout, (int) ((ORGMAP_LAYOUT_BOX_WIDTH - 2 * BOX_PADDING) * PANGO_SCALE));
  pango_layout_set_ellipsize (self->small_layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (self->small_layout, PANGO_ALIGN_CENTER);

  self->legend_layout = make_layout (context, "Cantarell, DejaVu Sans, Sans", LEGEND_SIZE, PANGO_WEIGHT_NORMAL);
  g_object_unref (context);

  return self;
}

static void
clear_labels (OrgmapRenderer *self)
{
  for (guint i = 0; i < self->n_labels; i++)
    {
      g_clear_object (&self->labels[i].name);
      g_clear_object (&self->labels[i].detail);
    }
  g_clear_pointer (&self->labels, g_free);
  self->n_labels = 0;
}

void
orgmap_renderer_free (OrgmapRenderer *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->name_layout);
  g_clear_object (&self->small_layout);
  g_clear_object (&self->legend_layout);
  g_clear_object (&self->document);
  g_clear_pointer (&self->bundles, g_array_unref);
  g_free (self->node_party);
  g_free (self->unit_node);
  g_free (self->curves);
  clear_labels (self);
  g_free (self);
}

void
orgmap_renderer_set_layout (OrgmapRenderer     *self,
                            const OrgmapLayout *layout)
{
  self->layout = layout;
  self->bundles_valid = FALSE;
  self->curves_valid = FALSE;
}

void
orgmap_renderer_invalidate (OrgmapRenderer *self)
{
  self->bundles_valid = FALSE;
  self->curves_valid = FALSE;
  clear_labels (self);
}

void
orgmap_renderer_set_round (OrgmapRenderer *self,
                           guint32         round)
{
  if (self->round != round)
    self->bundles_valid = FALSE;
  self->round = round;
}

guint32
orgmap_renderer_get_round (OrgmapRenderer *self)
{
  return self->round;
}

void
orgmap_renderer_set_selection (OrgmapRenderer *self,
                               guint32         party)
{
  self->selection = party;
}

void
orgmap_renderer_set_selected_link (OrgmapRenderer *self,
                                   guint32         link)
{
  self->selected_link = link;
}

/* The selected link, if it still exists. */
guint32
_orgmap_renderer_selected_link (OrgmapRenderer *self)
{
  if (self->selected_link >= orgmap_document_get_n_links (self->document))
    return ORGMAP_NONE;
  return self->selected_link;
}

gboolean
_orgmap_renderer_has_selection (OrgmapRenderer *self)
{
  return self->selection != ORGMAP_NONE || _orgmap_renderer_selected_link (self) != ORGMAP_NONE;
}

/* Colours */

static void
mix (const OrgmapColor *a,
     const OrgmapColor *b,
     double             t,
     OrgmapColor       *out)
{
  out->r = a->r + (b->r - a->r) * t;
  out->g = a->g + (b->g - a->g) * t;
  out->b = a->b + (b->b - a->b) * t;
}

void
orgmap_renderer_quality_color (OrgmapRenderer *self,
                               double          score,
                               OrgmapColor    *color)
{
  double lo = orgmap_document_get_scale_min (self->document);
  double hi = orgmap_document_get_scale_max (self->document);
  double t = CLAMP ((score - lo) / (hi - lo), 0.0, 1.0);

  if (t <= 0.5)
    mix (&palette[0], &palette[1], t * 2, color);
  else
    mix (&palette[1], &palette[2], (t - 0.5) * 2, color);
}

double
orgmap_renderer_label_zoom (void)
{
  return MIN_LABEL_PX / NAME_SIZE;
}

void
orgmap_renderer_unrated_color (OrgmapColor *color)
{
  *color = unrated;
}

void
_orgmap_renderer_set_color (cairo_t           *cr,
           const OrgmapColor *color,
           double             alpha)
{
  if (alpha >= 1.0)
    cairo_set_source_rgb (cr, color->r, color->g, color->b);
  else
    cairo_set_source_rgba (cr, color->r, color->g, color->b, alpha);
}

/* Geometry */

gboolean
_orgmap_renderer_rects_meet (const OrgmapRect *a,
            const OrgmapRect *b)
{
  return a->x <= b->x + b->width && b->x <= a->x + a->width &&
         a->y <= b->y + b->height && b->y <= a->y + a->height;
}

gboolean
_orgmap_renderer_rect_contains (const OrgmapRect *r,
               double            x,
               double            y)
{
  return x >= r->x && x <= r->x + r->width && y >= r->y && y <= r->y + r->height;
}

/* Where the ray from the centre of @r towards (@tx, @ty) leaves @r. */
static void
rect_exit (const OrgmapRect *r,
           double            tx,
           double            ty,
           double           *x,
           double           *y)
{
  double cx = r->x + r->width / 2, cy = r->y + r->height / 2;
  double dx = tx - cx, dy = ty - cy;
  double s = INFINITY;

  if (fabs (dx) > 1e-9)
    s = MIN (s, (r->width / 2) / fabs (dx));
  if (fabs (dy) > 1e-9)
    s = MIN (s, (r->height / 2) / fabs (dy));
  if (!isfinite (s))
    s = 0;
  *x = cx + dx * s;
  *y = cy + dy * s;
}

static void
compute_curve (OrgmapRenderer *self,
               guint32         link,
               double          p[8])
{
  const OrgmapLink *l = orgmap_document_get_link (self->document, link);
  const OrgmapRect *a = orgmap_layout_get_party (self->layout, l->provider);
  const OrgmapRect *b = orgmap_layout_get_party (self->layout, l->client);
  double ax = a->x + a->width / 2, ay = a->y + a->height / 2;
  double bx = b->x + b->width / 2, by = b->y + b->height / 2;
  double dx = bx - ax, dy = by - ay;
  double len = MAX (hypot (dx, dy), 1e-6);
  double nx = -dy / len, ny = dx / len;
  double bend = MIN (0.2 * len, 120.0);

  /* Bend to the left of the direction of service, so that two links in
   * opposite directions between the same units stay apart; leave each box
   * towards the bend, so that a link between neighbours on one row arcs
   * over the boxes between them instead of running through them. */
  p[2] = ax + dx / 4 + nx * bend;
  p[3] = ay + dy / 4 + ny * bend;
  p[4] = ax + 3 * dx / 4 + nx * bend;
  p[5] = ay + 3 * dy / 4 + ny * bend;
  rect_exit (a, p[2], p[3], &p[0], &p[1]);
  rect_exit (b, p[4], p[5], &p[6], &p[7]);
}

static void
ensure_curves (OrgmapRenderer *self)
{
  guint n = orgmap_document_get_n_links (self->document);

  if (self->curves_valid)
    return;
  g_free (self->curves);
  self->curves = g_new (double, 8 * MAX (n, 1));
  for (guint32 i = 0; i < n; i++)
    compute_curve (self, i, self->curves + 8 * i);
  self->curves_valid = TRUE;
}

void
orgmap_renderer_link_curve (OrgmapRenderer *self,
                            guint32         link,
                            double          p[8])
{
  ensure_curves (self);
  memcpy (p, self->curves + 8 * link, 8 * sizeof (double));
}

void
_orgmap_renderer_rounded_rect (cairo_t          *cr,
              const OrgmapRect *r,
              double            radius)
{
  double x0 = r->x, y0 = r->y, x1 = r->x + r->width, y1 = r->y + r->height;

  radius = MIN (radius, MIN (r->width, r->height) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x1 - radius, y0 + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x1 - radius, y1 - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x0 + radius, y1 - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x0 + radius, y0 + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* Line style = type; the width is given in world units. */
void
_orgmap_renderer_set_link_style (cairo_t        *cr,
                OrgmapLinkType  type,
                double          width,
                double          offset)
{
  double dashed[] = { 3.4 * width, 2.0 * width };
  double dotted[] = { 0.01, 2.2 * width };

  cairo_set_line_width (cr, width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  switch (type)
    {
    case ORGMAP_LINK_HORIZONTAL:
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      cairo_set_dash (cr, dashed, 2, offset);
      break;
    case ORGMAP_LINK_DIAGONAL:
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_dash (cr, dotted, 2, offset);
      break;
    case ORGMAP_LINK_VERTICAL:
    case ORGMAP_LINK_EXTERNAL:
    case ORGMAP_N_LINK_TYPES:
    case ORGMAP_LINK_AUTOMATIC:
    default:
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      cairo_set_dash (cr, NULL, 0, 0);
      break;
    }
}

/* Strokes the current path in the style of @type; a double line for
 * external clients: a wide stroke with a paper-coloured core. */
static void
stroke_link_from (cairo_t           *cr,
                  OrgmapLinkType     type,
                  const OrgmapColor *color,
                  double             alpha,
                  double             width,
                  double             offset)
{
  if (type == ORGMAP_LINK_EXTERNAL)
    {
      _orgmap_renderer_set_link_style (cr, type, width * 2.2, 0);
      _orgmap_renderer_set_color (cr, color, alpha);
      cairo_stroke_preserve (cr);
      cairo_set_line_width (cr, width * 0.8);
      cairo_set_source_rgba (cr, 1, 1, 1, alpha);
      cairo_stroke (cr);
      return;
    }
  _orgmap_renderer_set_link_style (cr, type, width, offset);
  _orgmap_renderer_set_color (cr, color, alpha);
  cairo_stroke (cr);
}

void
_orgmap_renderer_stroke_link (cairo_t           *cr,
             OrgmapLinkType     type,
             const OrgmapColor *color,
             double             alpha,
             double             width)
{
  stroke_link_from (cr, type, color, alpha, width, 0);
}

static double
bezier (double t,
        double a,
        double b,
        double c,
        double d)
{
  double s = 1 - t;

  return s * s * s * a + 3 * s * s * t * b + 3 * s * t * t * c + t * t * t * d;
}

guint32
orgmap_renderer_pick_link (OrgmapRenderer *self,
                           double          x,
                           double          y,
                           double          tolerance)
{
  guint n = orgmap_document_get_n_links (self->document);
  guint32 found = ORGMAP_NONE;
  double best = tolerance;

  ensure_curves (self);
  for (guint32 i = 0; i < n; i++)
    {
      const double *p = self->curves + 8 * i;

      if (x < MIN (MIN (p[0], p[2]), MIN (p[4], p[6])) - best ||
          x > MAX (MAX (p[0], p[2]), MAX (p[4], p[6])) + best ||
          y < MIN (MIN (p[1], p[3]), MIN (p[5], p[7])) - best ||
          y > MAX (MAX (p[1], p[3]), MAX (p[5], p[7])) + best)
        continue;

      for (guint k = 0; k <= 32; k++)
        {
          double t = k / 32.0;
          double d = hypot (bezier (t, p[0], p[2], p[4], p[6]) - x,
                            bezier (t, p[1], p[3], p[5], p[7]) - y);

          if (d < best)
            {
              best = d;
              found = i;
            }
        }
    }
  return found;
}

/* A curve far larger than the view is drawn only where it crosses the
 * view, as short straight pieces: a dashed line would otherwise cost its
 * whole length. The dashes keep their phase. */
static void
stroke_clipped (cairo_t           *cr,
                const double       p[8],
                const OrgmapRect  *visible,
                OrgmapLinkType     type,
                const OrgmapColor *color,
                double             alpha,
                double             width)
{
  const guint steps = 96;
  OrgmapRect margin = { visible->x - 4 * width, visible->y - 4 * width,
                        visible->width + 8 * width, visible->height + 8 * width };
  double px = p[0], py = p[1], length = 0, run_offset = 0;
  gboolean in_run = FALSE;

  for (guint k = 1; k <= steps; k++)
    {
      double t = (double) k / steps;
      double x = bezier (t, p[0], p[2], p[4], p[6]);
      double y = bezier (t, p[1], p[3], p[5], p[7]);
      OrgmapRect seg = { MIN (px, x), MIN (py, y), fabs (x - px), fabs (y - py) };

      if (_orgmap_renderer_rects_meet (&seg, &margin))
        {
          if (!in_run)
            {
              in_run = TRUE;
              run_offset = length;
              cairo_move_to (cr, px, py);
            }
          cairo_line_to (cr, x, y);
        }
      else if (in_run)
        {
          stroke_link_from (cr, type, color, alpha, width, run_offset);
          in_run = FALSE;
        }
      length += hypot (x - px, y - py);
      px = x;
      py = y;
    }
  if (in_run)
    stroke_link_from (cr, type, color, alpha, width, run_offset);
}

void
_orgmap_renderer_draw_arrowhead (cairo_t           *cr,
                const double       p[8],
                const OrgmapColor *color,
                double             alpha,
                double             size)
{
  double dx = p[6] - p[4], dy = p[7] - p[5];
  double len = hypot (dx, dy);
  double ux, uy, bx, by;

  if (len < 1e-6)
    return;
  ux = dx / len;
  uy = dy / len;
  bx = p[6] - ux * ARROW_LENGTH * size;
  by = p[7] - uy * ARROW_LENGTH * size;

  cairo_move_to (cr, p[6], p[7]);
  cairo_line_to (cr, bx - uy * ARROW_WIDTH * size / 2, by + ux * ARROW_WIDTH * size / 2);
  cairo_line_to (cr, bx + uy * ARROW_WIDTH * size / 2, by - ux * ARROW_WIDTH * size / 2);
  cairo_close_path (cr);
  _orgmap_renderer_set_color (cr, color, alpha);
  cairo_fill (cr);
}

static gboolean
link_touches (const OrgmapLink *link,
              guint32           party)
{
  return link->provider == party || link->client == party;
}

/* Strokes one link's curve (@box bounds it) and its arrowhead. */
static void
draw_link_curve (cairo_t           *cr,
                 const double       p[8],
                 const OrgmapRect  *box,
                 const OrgmapRect  *visible,
                 OrgmapLinkType     type,
                 const OrgmapColor *color,
                 double             alpha,
                 double             width,
                 gboolean           arrow)
{
  if (box->width > 3 * visible->width || box->height > 3 * visible->height)
    stroke_clipped (cr, p, visible, type, color, alpha, width);
  else
    {
      cairo_move_to (cr, p[0], p[1]);
      cairo_curve_to (cr, p[2], p[3], p[4], p[5], p[6], p[7]);
      _orgmap_renderer_stroke_link (cr, type, color, alpha, width);
    }
  if (arrow && _orgmap_renderer_rect_contains (visible, p[6], p[7]))
    _orgmap_renderer_draw_arrowhead (cr, p, color, alpha, width / LINK_WIDTH);
}

/* A link with only one end in the view, among many: a short stroke from
 * that end, pointing the way the link goes. */
static void
draw_link_stub (cairo_t           *cr,
                const double       p[8],
                const OrgmapRect  *visible,
                OrgmapLinkType     type,
                const OrgmapColor *color,
                double             alpha,
                double             width,
                double             scale)
{
  gboolean at_provider = _orgmap_renderer_rect_contains (visible, p[0], p[1]);
  double ex = at_provider ? p[0] : p[6], ey = at_provider ? p[1] : p[7];
  double cx = at_provider ? p[2] : p[4], cy = at_provider ? p[3] : p[5];
  double len = MAX (hypot (cx - ex, cy - ey), 1e-6);

  cairo_move_to (cr, ex, ey);
  cairo_line_to (cr, ex + (cx - ex) / len * STUB_PX / scale, ey + (cy - ey) / len * STUB_PX / scale);
  _orgmap_renderer_stroke_link (cr, type, color, alpha, width);
  if (!at_provider)
    _orgmap_renderer_draw_arrowhead (cr, p, color, alpha, width / LINK_WIDTH);
}

static void
draw_links (OrgmapRenderer   *self,
            cairo_t          *cr,
            double            scale,
            const OrgmapRect *visible,
            gboolean          rated_pass,
            gboolean          only_selection)
{
  guint n = orgmap_document_get_n_links (self->document);
  guint32 chosen = _orgmap_renderer_selected_link (self);
  /* Never thinner than a pixel and a half on screen. */
  double width = MAX (LINK_WIDTH, 1.5 / scale);
  double size = width / LINK_WIDTH;
  gboolean arrows = ARROW_LENGTH * size * scale >= MIN_ARROW_PX;
  gboolean ends_only;

  ensure_curves (self);

  /* When more links cross the view than anyone can follow, those that only
   * pass through it (both ends elsewhere) are left out. */
  {
    guint crossing = 0;

    for (guint32 i = 0; i < n && crossing <= MAX_CROSSING; i++)
      {
        const double *p = self->curves + 8 * i;
        OrgmapRect box = { MIN (MIN (p[0], p[2]), MIN (p[4], p[6])), MIN (MIN (p[1], p[3]), MIN (p[5], p[7])), 0, 0 };

        box.width = MAX (MAX (p[0], p[2]), MAX (p[4], p[6])) - box.x;
        box.height = MAX (MAX (p[1], p[3]), MAX (p[5], p[7])) - box.y;
        crossing += _orgmap_renderer_rects_meet (&box, visible);
      }
    ends_only = crossing > MAX_CROSSING;
  }

  for (guint32 i = 0; i < n; i++)
    {
      const OrgmapLink *link = orgmap_document_get_link (self->document, i);
      OrgmapLinkType type = orgmap_document_get_link_type (self->document, i);
      OrgmapColor color;
      OrgmapRect box;
      double alpha = 1.0;
      double score;
      double p[8];
      gboolean rated;

      if (only_selection && !link_touches (link, self->selection))
        continue;
      /* The selected link is drawn last, on top. */
      if (i == chosen)
        continue;
      rated = orgmap_document_get_link_quality (self->document, i, self->round, &score);
      if (rated != rated_pass)
        continue;

      memcpy (p, self->curves + 8 * i, sizeof p);
      box.x = MIN (MIN (p[0], p[2]), MIN (p[4], p[6])) - width;
      box.y = MIN (MIN (p[1], p[3]), MIN (p[5], p[7])) - width;
      box.width = MAX (MAX (p[0], p[2]), MAX (p[4], p[6])) + width - box.x;
      box.height = MAX (MAX (p[1], p[3]), MAX (p[5], p[7])) + width - box.y;
      if (!_orgmap_renderer_rects_meet (&box, visible))
        continue;
      if (ends_only && !only_selection &&
          !_orgmap_renderer_rect_contains (visible, p[0], p[1]) && !_orgmap_renderer_rect_contains (visible, p[6], p[7]))
        continue;

      if (rated)
        orgmap_renderer_quality_color (self, score, &color);
      else
        color = unrated;
      if (chosen != ORGMAP_NONE ||
          (self->selection != ORGMAP_NONE && !only_selection && !link_touches (link, self->selection)))
        alpha = 0.12;

      if (ends_only && !only_selection &&
          (!_orgmap_renderer_rect_contains (visible, p[0], p[1]) || !_orgmap_renderer_rect_contains (visible, p[6], p[7])))
        draw_link_stub (cr, p, visible, type, &color, alpha, width, scale);
      else
        draw_link_curve (cr, p, &box, visible, type, &color, alpha, width, arrows);
    }
  cairo_set_dash (cr, NULL, 0, 0);
}

/* The selected link, on top of everything, twice as wide as the others. */
static void
draw_selected_link (OrgmapRenderer   *self,
                    cairo_t          *cr,
                    double            scale,
                    const OrgmapRect *visible)
{
  guint32 link = _orgmap_renderer_selected_link (self);
  double width = MAX (2 * LINK_WIDTH, 3.0 / scale);
  OrgmapColor color;
  OrgmapRect box;
  double score;
  double p[8];

  if (link == ORGMAP_NONE)
    return;

  ensure_curves (self);
  memcpy (p, self->curves + 8 * link, sizeof p);
  box.x = MIN (MIN (p[0], p[2]), MIN (p[4], p[6])) - width;
  box.y = MIN (MIN (p[1], p[3]), MIN (p[5], p[7])) - width;
  box.width = MAX (MAX (p[0], p[2]), MAX (p[4], p[6])) + width - box.x;
  box.height = MAX (MAX (p[1], p[3]), MAX (p[5], p[7])) + width - box.y;
  if (!_orgmap_renderer_rects_meet (&box, visible))
    return;

  if (orgmap_document_get_link_quality (self->document, link, self->round, &score))
    orgmap_renderer_quality_color (self, score, &color);
  else
    color = unrated;
  draw_link_curve (cr, p, &box, visible, orgmap_document_get_link_type (self->document, link),
                   &color, 1.0, width, ARROW_LENGTH * width / LINK_WIDTH * scale >= MIN_ARROW_PX);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* Connectors are axis-aligned: drawn as thin filled rectangles, which
 * Cairo fills far faster than it strokes thousands of polylines. */
static void
segment (cairo_t *cr,
         double   x0,
         double   y0,
         double   x1,
         double   y1,
         double   line)
{
  cairo_rectangle (cr, MIN (x0, x1) - line / 2, MIN (y0, y1) - line / 2,
                   fabs (x1 - x0) + line, fabs (y1 - y0) + line);
}

static void
draw_connectors (OrgmapRenderer   *self,
                 cairo_t          *cr,
                 double            scale,
                 const OrgmapRect *visible)
{
  guint n = orgmap_document_get_n_units (self->document);
  double line = MAX (1.2, 1.0 / scale);
  /* Far out, units in columns and lists touch their parents' column: only
   * the tree above them needs lines. */
  gboolean tree_only = ORGMAP_LAYOUT_STACK_INDENT * scale < 4;

  /* Thousands of hairlines: crisp and cheap without antialiasing. */
  if (scale < 0.5)
    cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
  _orgmap_renderer_set_color (cr, &connector, 1.0);

  for (guint32 u = 0; u < n; u++)
    {
      guint32 parent = orgmap_document_get_unit (self->document, u)->parent;
      const OrgmapRect *c, *p;
      double px, py, bus, mid;
      OrgmapRect box;

      if (parent == ORGMAP_NONE)
        continue;
      if (tree_only && (orgmap_layout_is_listed (self->layout, u) ||
                        orgmap_layout_is_stacked (self->layout, u)))
        continue;
      c = orgmap_layout_get_unit (self->layout, u);
      p = orgmap_layout_get_unit (self->layout, parent);
      px = p->x + p->width / 2;
      py = p->y + p->height;
      bus = py + ORGMAP_LAYOUT_V_GAP / 2;
      mid = c->y + c->height / 2;

      box.x = MIN (px, c->x - ORGMAP_LAYOUT_STACK_INDENT);
      box.y = py;
      box.width = MAX (px, c->x + c->width) - box.x;
      box.height = c->y + c->height - py;
      if (!_orgmap_renderer_rects_meet (&box, visible))
        continue;

      if (orgmap_layout_is_listed (self->layout, u))
        {
          /* A file-tree spine down from the parent's left. */
          double spine = c->x - ORGMAP_LAYOUT_STACK_INDENT / 2;

          segment (cr, spine, py, spine, mid, line);
          segment (cr, spine, mid, c->x, mid, line);
        }
      else if (orgmap_layout_is_stacked (self->layout, u))
        {
          double spine = c->x - ORGMAP_LAYOUT_STACK_INDENT / 2;

          segment (cr, px, py, px, bus, line);
          segment (cr, px, bus, spine, bus, line);
          segment (cr, spine, bus, spine, mid, line);
          segment (cr, spine, mid, c->x, mid, line);
        }
      else
        {
          segment (cr, px, py, px, bus, line);
          segment (cr, px, bus, c->x + c->width / 2, bus, line);
          segment (cr, c->x + c->width / 2, bus, c->x + c->width / 2, c->y, line);
        }
    }
  cairo_fill (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
}

static gboolean
party_highlighted (OrgmapRenderer *self,
                   guint32         party)
{
  guint32 chosen = _orgmap_renderer_selected_link (self);

  if (chosen != ORGMAP_NONE)
    return link_touches (orgmap_document_get_link (self->document, chosen), party);
  if (self->selection == ORGMAP_NONE || party == self->selection)
    return TRUE;
  if (self->linked == NULL)
    return FALSE;
  if (ORGMAP_IS_EXTERNAL (party))
    return self->linked[orgmap_document_get_n_units (self->document) + ORGMAP_EXTERNAL_INDEX (party)];
  return self->linked[party];
}

/* Marks the parties linked to the selected one, in one pass over the
 * links rather than one per party drawn. */
static void
mark_linked (OrgmapRenderer *self)
{
  guint n_units = orgmap_document_get_n_units (self->document);
  guint n = orgmap_document_get_n_links (self->document);

  g_clear_pointer (&self->linked, g_free);
  if (self->selection == ORGMAP_NONE)
    return;

  self->linked = g_new0 (guint8, n_units + orgmap_document_get_n_externals (self->document) + 1);
  for (guint32 i = 0; i < n; i++)
    {
      const OrgmapLink *link = orgmap_document_get_link (self->document, i);
      guint32 other;

      if (link->provider == self->selection)
        other = link->client;
      else if (link->client == self->selection)
        other = link->provider;
      else
        continue;
      self->linked[ORGMAP_IS_EXTERNAL (other) ? n_units + ORGMAP_EXTERNAL_INDEX (other) : other] = TRUE;
    }
}

static void
draw_label (OrgmapRenderer   *self,
            cairo_t          *cr,
            const OrgmapRect *r,
            const char       *name,
            const char       *detail)
{
  PangoRectangle ink_rect, logical;
  double text_height, y;
  gboolean show_detail = FALSE;

  pango_layout_set_text (self->name_layout, name, -1);
  pango_layout_get_pixel_extents (self->name_layout, &ink_rect, &logical);
  text_height = logical.height;

  if (detail != NULL && pango_layout_get_line_count (self->name_layout) == 1)
    {
      PangoRectangle small;

      pango_layout_set_text (self->small_layout, detail, -1);
      pango_layout_get_pixel_extents (self->small_layout, NULL, &small);
      if (text_height + small.height + 2 <= r->height - 2 * 4)
        {
          show_detail = TRUE;
          text_height += small.height + 2;
        }
    }

  y = r->y + (r->height - text_height) / 2;
  _orgmap_renderer_set_color (cr, &ink, 1.0);
  cairo_move_to (cr, r->x + BOX_PADDING, y);
  pango_cairo_show_layout (cr, self->name_layout);

  if (show_detail)
    {
      _orgmap_renderer_set_color (cr, &muted, 1.0);
      cairo_move_to (cr, r->x + BOX_PADDING, y + logical.height + 2);
      pango_cairo_show_layout (cr, self->small_layout);
    }
}

/* A unit's name, and its headcount when the name takes one line; laid out
 * the first time, then reused: metrics do not depend on the zoom. */
static void
draw_unit_label (OrgmapRenderer   *self,
                 cairo_t          *cr,
                 const OrgmapRect *r,
                 guint32           unit)
{
  UnitLabel *label = &self->labels[unit];
  PangoRectangle name_rect, detail_rect = { 0 };
  double y;

  if (label->name == NULL)
    {
      const OrgmapUnit *u = orgmap_document_get_unit (self->document, unit);

      label->name = pango_layout_copy (self->name_layout);
      pango_layout_set_text (label->name, u->name, -1);
      if (u->headcount >= 0 && pango_layout_get_line_count (label->name) == 1)
        {
          g_autofree char *detail = g_strdup_printf (ngettext ("%d person", "%d people", u->headcount),
                                                     u->headcount);

          label->detail = pango_layout_copy (self->small_layout);
          pango_layout_set_text (label->detail, detail, -1);
        }
    }

  pango_layout_get_pixel_extents (label->name, NULL, &name_rect);
  if (label->detail != NULL)
    pango_layout_get_pixel_extents (label->detail, NULL, &detail_rect);
  if (name_rect.height + detail_rect.height + 2 > r->height - 8)
    detail_rect.height = 0;

  y = r->y + (r->height - name_rect.height - (detail_rect.height > 0 ? detail_rect.height + 2 : 0)) / 2;
  _orgmap_renderer_set_color (cr, &ink, 1.0);
  cairo_move_to (cr, r->x + BOX_PADDING, y);
  pango_cairo_show_layout (cr, label->name);
  if (detail_rect.height > 0)
    {
      _orgmap_renderer_set_color (cr, &muted, 1.0);
      cairo_move_to (cr, r->x + BOX_PADDING, y + name_rect.height + 2);
      pango_cairo_show_layout (cr, label->detail);
    }
}

static void
draw_units (OrgmapRenderer   *self,
            cairo_t          *cr,
            double            scale,
            const OrgmapRect *visible)
{
  guint n = orgmap_document_get_n_units (self->document);
  gboolean labels = NAME_SIZE * scale >= MIN_LABEL_PX;
  double line = MAX (1.0, 1.0 / scale);

  if (ORGMAP_LAYOUT_BOX_WIDTH * scale < SIMPLE_BOX_PX)
    {
      /* Too small for corners and outlines: plain tinted rectangles. */
      for (guint32 u = 0; u < n; u++)
        {
          const OrgmapRect *r = orgmap_layout_get_unit (self->layout, u);

          if (_orgmap_renderer_rects_meet (r, visible))
            cairo_rectangle (cr, r->x, r->y, r->width, r->height);
        }
      cairo_set_source_rgb (cr, 0.74, 0.77, 0.81);
      cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
      cairo_fill (cr);
      cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
    }
  else
    {
      /* All boxes in one path: fill, then outline; corners only where
       * they show, as plain rectangles are far cheaper to fill. */
      gboolean corners = ORGMAP_LAYOUT_BOX_WIDTH * scale >= 60;

      for (guint32 u = 0; u < n; u++)
        {
          const OrgmapRect *r = orgmap_layout_get_unit (self->layout, u);

          if (!_orgmap_renderer_rects_meet (r, visible))
            continue;
          if (corners)
            _orgmap_renderer_rounded_rect (cr, r, BOX_RADIUS);
          else
            cairo_rectangle (cr, r->x, r->y, r->width, r->height);
        }
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, line);
      cairo_set_source_rgb (cr, 0.55, 0.57, 0.60);
      cairo_stroke (cr);
    }

  if (labels)
    {
      if (self->labels == NULL)
        {
          self->n_labels = n;
          self->labels = g_new0 (UnitLabel, MAX (n, 1));
        }
      for (guint32 u = 0; u < n; u++)
        {
          const OrgmapRect *r = orgmap_layout_get_unit (self->layout, u);

          if (_orgmap_renderer_rects_meet (r, visible))
            draw_unit_label (self, cr, r, u);
        }
    }

  if (_orgmap_renderer_has_selection (self))
    {
      /* Fade what is not linked to the selection, ring the selection. */
      for (guint32 u = 0; u < n; u++)
        {
          const OrgmapRect *r = orgmap_layout_get_unit (self->layout, u);

          if (_orgmap_renderer_rects_meet (r, visible) && !party_highlighted (self, u))
            _orgmap_renderer_rounded_rect (cr, r, BOX_RADIUS);
        }
      cairo_set_source_rgba (cr, 1, 1, 1, 0.6);
      cairo_fill (cr);

      if (self->selection != ORGMAP_NONE && !ORGMAP_IS_EXTERNAL (self->selection))
        {
          _orgmap_renderer_rounded_rect (cr, orgmap_layout_get_unit (self->layout, self->selection), BOX_RADIUS);
          cairo_set_line_width (cr, MAX (3.0, 2.0 / scale));
          _orgmap_renderer_set_color (cr, &accent, 1.0);
          cairo_stroke (cr);
        }
    }
}

static void
draw_externals (OrgmapRenderer   *self,
                cairo_t          *cr,
                double            scale,
                const OrgmapRect *visible)
{
  guint n = orgmap_document_get_n_externals (self->document);
  gboolean labels = NAME_SIZE * scale >= MIN_LABEL_PX;

  pango_cairo_update_layout (cr, self->name_layout);
  for (guint32 e = 0; e < n; e++)
    {
      const OrgmapRect *r = orgmap_layout_get_external (self->layout, e);
      guint32 party = ORGMAP_EXTERNAL_HANDLE (e);
      double alpha = party_highlighted (self, party) ? 1.0 : 0.35;

      if (!_orgmap_renderer_rects_meet (r, visible))
        continue;

      /* Pill-shaped, warm: outside the organisation. */
      _orgmap_renderer_rounded_rect (cr, r, r->height / 2);
      cairo_set_source_rgba (cr, 0.99, 0.95, 0.87, alpha);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, party == self->selection ? MAX (3.0, 2.0 / scale) : MAX (1.2, 1.0 / scale));
      if (party == self->selection)
        _orgmap_renderer_set_color (cr, &accent, 1.0);
      else
        cairo_set_source_rgba (cr, 0.62, 0.48, 0.22, alpha);
      cairo_stroke (cr);

      if (labels)
        draw_label (self, cr, r, orgmap_document_get_external (self->document, e)->name, NULL);
    }
}

static void
draw_boundary (OrgmapRenderer *self,
               cairo_t        *cr,
               double          scale)
{
  double dash[] = { 8.0, 5.0 };
  const char *name = orgmap_document_get_name (self->document);
  OrgmapRect b;

  orgmap_layout_get_boundary (self->layout, &b);
  _orgmap_renderer_rounded_rect (cr, &b, 18);
  cairo_set_source_rgb (cr, 0.965, 0.973, 0.980);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, MAX (1.5, 1.0 / scale));
  dash[0] = MAX (8.0, 6.0 / scale);
  dash[1] = MAX (5.0, 4.0 / scale);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_set_source_rgb (cr, 0.60, 0.65, 0.70);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  if (name != NULL && *name != '\0' && NAME_SIZE * scale >= MIN_LABEL_PX)
    {
      PangoAlignment alignment = pango_layout_get_alignment (self->name_layout);
      int width = pango_layout_get_width (self->name_layout);

      pango_layout_set_alignment (self->name_layout, PANGO_ALIGN_LEFT);
      pango_layout_set_width (self->name_layout, (int) (b.width * 0.8 * PANGO_SCALE));
      pango_layout_set_text (self->name_layout, name, -1);
      pango_cairo_update_layout (cr, self->name_layout);
      _orgmap_renderer_set_color (cr, &muted, 1.0);
      cairo_move_to (cr, b.x + 16, b.y + 10);
      pango_cairo_show_layout (cr, self->name_layout);
      pango_layout_set_alignment (self->name_layout, alignment);
      pango_layout_set_width (self->name_layout, width);
    }
}

void
orgmap_renderer_draw (OrgmapRenderer   *self,
                      cairo_t          *cr,
                      double            scale,
                      const OrgmapRect *visible)
{
  gboolean bundled;

  g_return_if_fail (self != NULL && self->layout != NULL);

  bundled = NAME_SIZE * scale < MIN_LABEL_PX &&
            orgmap_document_get_n_links (self->document) > BUNDLE_MIN_LINKS;

  mark_linked (self);
  cairo_save (cr);
  draw_boundary (self, cr, scale);
  draw_connectors (self, cr, scale, visible);
  if (bundled)
    {
      draw_units (self, cr, scale, visible);
      draw_externals (self, cr, scale, visible);
      _orgmap_renderer_draw_bundles (self, cr, scale, visible);
      if (self->selection != ORGMAP_NONE)
        {
          draw_links (self, cr, scale, visible, FALSE, TRUE);
          draw_links (self, cr, scale, visible, TRUE, TRUE);
        }
      draw_selected_link (self, cr, scale, visible);
      _orgmap_renderer_draw_node_names (self, cr, scale, visible);
    }
  else
    {
      /* Unrated links first, so the colours of measured ones stay on top. */
      draw_links (self, cr, scale, visible, FALSE, FALSE);
      draw_links (self, cr, scale, visible, TRUE, FALSE);
      draw_units (self, cr, scale, visible);
      draw_externals (self, cr, scale, visible);
      draw_selected_link (self, cr, scale, visible);
    }
  cairo_restore (cr);
  g_clear_pointer (&self->linked, g_free);
}


/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-ui"

#include "config.h"

#include "orgmap-renderer.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

/* When zoomed out on a large map, links are drawn as bundles between
 * subtrees, each as wide on screen as a label: the readable picture, and
 * the only one that fits in a frame. */
typedef struct
{
  guint32 from;     /* node: a subtree, a unit above them, or an external client */
  guint32 to;
  guint8  type;     /* the most common type among its links */
  guint   count;
  guint   type_counts[ORGMAP_N_LINK_TYPES];
  guint   n_rated;
  double  sum;
} Bundle;

typedef struct
{
  PangoLayout *name;
  PangoLayout *detail;  /* the headcount, when it fits under the name */
} UnitLabel;

struct _OrgmapRenderer
{
  OrgmapDocument     *document;
  const OrgmapLayout *layout;
  guint32             round;
  guint32             selection;
  guint32             selected_link;

  /* Bundles between nodes, for the layout, round and cut below */
  GArray             *bundles;
  guint32            *node_party;   /* the unit heading each node, or an external client */
  guint32            *unit_node;
  guint               n_nodes;
  int                 bundles_cut;
  gboolean            bundles_valid;

  /* The curve of every link, 8 numbers each, for the layout above */
  double             *curves;
  gboolean            curves_valid;

  /* Each unit's label, laid out once and kept while the document holds */
  UnitLabel          *labels;
  guint               n_labels;

  /* While drawing with a party selected: the parties linked to it, units
   * first, then external clients */
  guint8             *linked;

  PangoLayout        *name_layout;   /* in world units */
  PangoLayout        *small_layout;  /* in world units */
  PangoLayout        *legend_layout; /* in device units */
};

/* Colour-blind-safe diverging palette: vermillion (poor) through gold to
 * blue (good), after Okabe and Ito; the middle stays dark enough to read as
 * a line on white. */
static const OrgmapColor palette[3] = {
  { 0.835, 0.369, 0.000 },
  { 0.871, 0.698, 0.157 },
  { 0.000, 0.447, 0.698 },
};
static const OrgmapColor unrated = { 0.62, 0.62, 0.62 };
static const OrgmapColor ink = { 0.15, 0.16, 0.18 };
static const OrgmapColor muted = { 0.40, 0.42, 0.45 };
static const OrgmapColor connector = { 0.72, 0.74, 0.77 };
static const OrgmapColor accent = { 0.208, 0.518, 0.894 };

#define LINK_WIDTH      3.0
#define ARROW_LENGTH   13.0
#define ARROW_WIDTH    10.0
#define NAME_SIZE      13.0
#define SMALL_SIZE     11.0
#define LEGEND_SIZE    12.0
#define BOX_RADIUS      6.0
#define BOX_PADDING     8.0
/* Below these sizes on screen, in device pixels, details are dropped. */
#define MIN_LABEL_PX    6.0
#define MIN_ARROW_PX    5.0
/* Bundles replace single links on a map with more links than this, once
 * its labels are too small to read. */
#define BUNDLE_MIN_LINKS 400
/* More links than this across the view, and only those with an end in it
 * are drawn. */
#define MAX_CROSSING    600
/* …and those with one end in it as a stub this long, on screen. */
#define STUB_PX        48.0
/* Below this width on screen, boxes are plain rectangles. */
#define SIMPLE_BOX_PX   24.0

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
static guint32
selected_link (OrgmapRenderer *self)
{
  if (self->selected_link >= orgmap_document_get_n_links (self->document))
    return ORGMAP_NONE;
  return self->selected_link;
}

static gboolean
has_selection (OrgmapRenderer *self)
{
  return self->selection != ORGMAP_NONE || selected_link (self) != ORGMAP_NONE;
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

void
orgmap_renderer_unrated_color (OrgmapColor *color)
{
  *color = unrated;
}

static void
set_color (cairo_t           *cr,
           const OrgmapColor *color,
           double             alpha)
{
  if (alpha >= 1.0)
    cairo_set_source_rgb (cr, color->r, color->g, color->b);
  else
    cairo_set_source_rgba (cr, color->r, color->g, color->b, alpha);
}

/* Geometry */

static gboolean
rects_meet (const OrgmapRect *a,
            const OrgmapRect *b)
{
  return a->x <= b->x + b->width && b->x <= a->x + a->width &&
         a->y <= b->y + b->height && b->y <= a->y + a->height;
}

static gboolean
rect_contains (const OrgmapRect *r,
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

static void
rounded_rect (cairo_t          *cr,
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
static void
set_link_style (cairo_t        *cr,
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
      set_link_style (cr, type, width * 2.2, 0);
      set_color (cr, color, alpha);
      cairo_stroke_preserve (cr);
      cairo_set_line_width (cr, width * 0.8);
      cairo_set_source_rgba (cr, 1, 1, 1, alpha);
      cairo_stroke (cr);
      return;
    }
  set_link_style (cr, type, width, offset);
  set_color (cr, color, alpha);
  cairo_stroke (cr);
}

static void
stroke_link (cairo_t           *cr,
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

      if (rects_meet (&seg, &margin))
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

static void
draw_arrowhead (cairo_t           *cr,
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
  set_color (cr, color, alpha);
  cairo_fill (cr);
}

static int
compare_bundles (gconstpointer a,
                 gconstpointer b)
{
  const Bundle *x = a, *y = b;

  /* Fewest links first, so the strongest bundles are drawn on top. */
  return (x->count > y->count) - (x->count < y->count);
}

static void
node_centre (OrgmapRenderer *self,
             guint32         node,
             double         *x,
             double         *y)
{
  const OrgmapRect *r = orgmap_layout_get_party (self->layout, self->node_party[node]);

  *x = r->x + r->width / 2;
  *y = r->y + r->height / 2;
}

/* Cuts the tree into nodes: every subtree no wider than @width becomes one
 * node; the units above them stand alone. Linear. */
static void
cut_tree (OrgmapRenderer *self,
          double          width)
{
  guint n_units = orgmap_document_get_n_units (self->document);
  guint n_externals = orgmap_document_get_n_externals (self->document);
  g_autofree guint32 *stack = g_new (guint32, MAX (n_units, 1));
  g_autofree guint32 *inner = g_new (guint32, MAX (n_units, 1));
  const guint32 *roots;
  guint n_roots, sp = 0;

  g_free (self->node_party);
  g_free (self->unit_node);
  self->node_party = g_new (guint32, n_units + n_externals + 1);
  self->unit_node = g_new (guint32, MAX (n_units, 1));
  self->n_nodes = 0;

  roots = orgmap_document_get_roots (self->document, &n_roots);
  for (guint i = n_roots; i > 0; i--)
    stack[sp++] = roots[i - 1];

  while (sp > 0)
    {
      guint32 u = stack[--sp];
      guint32 node = self->n_nodes++;
      const guint32 *children;
      double left, right;
      guint n;

      self->node_party[node] = u;
      self->unit_node[u] = node;
      children = orgmap_document_get_unit_children (self->document, u, &n);
      orgmap_layout_get_subtree_extent (self->layout, u, &left, &right);

      if (right - left <= width)
        {
          /* The whole subtree is this node. */
          guint isp = 0;

          for (guint i = 0; i < n; i++)
            inner[isp++] = children[i];
          while (isp > 0)
            {
              guint32 v = inner[--isp];
              const guint32 *grand;
              guint ng;

              self->unit_node[v] = node;
              grand = orgmap_document_get_unit_children (self->document, v, &ng);
              for (guint i = 0; i < ng; i++)
                inner[isp++] = grand[i];
            }
        }
      else
        {
          for (guint i = n; i > 0; i--)
            stack[sp++] = children[i - 1];
        }
    }

  for (guint32 e = 0; e < n_externals; e++)
    self->node_party[self->n_nodes++] = ORGMAP_EXTERNAL_HANDLE (e);
}

static guint32
party_node (OrgmapRenderer *self,
            guint32         party)
{
  if (ORGMAP_IS_EXTERNAL (party))
    return self->n_nodes - orgmap_document_get_n_externals (self->document) + ORGMAP_EXTERNAL_INDEX (party);
  return self->unit_node[party];
}

#define NODE_PX 160.0

static void
ensure_bundles (OrgmapRenderer *self,
                double          scale)
{
  g_autoptr(GHashTable) index = NULL;
  guint n_links;
  /* Recut at each doubling of the zoom, not at every step. */
  int cut = (int) floor (log2 (NODE_PX / scale));

  if (self->bundles_valid && self->bundles_cut == cut)
    return;

  cut_tree (self, exp2 (cut));
  n_links = orgmap_document_get_n_links (self->document);

  if (self->bundles == NULL)
    self->bundles = g_array_new (FALSE, FALSE, sizeof (Bundle));
  g_array_set_size (self->bundles, 0);
  index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint32 i = 0; i < n_links; i++)
    {
      const OrgmapLink *link = orgmap_document_get_link (self->document, i);
      guint8 type = orgmap_document_get_link_type (self->document, i);
      guint32 from = party_node (self, link->provider);
      guint32 to = party_node (self, link->client);
      gint64 key = (gint64) from * self->n_nodes + to;
      gpointer found;
      Bundle *bundle;
      double score;

      if (g_hash_table_lookup_extended (index, &key, NULL, &found))
        bundle = &g_array_index (self->bundles, Bundle, GPOINTER_TO_UINT (found));
      else
        {
          Bundle fresh = { from, to, type, 0, { 0 }, 0, 0 };

          g_array_append_val (self->bundles, fresh);
          g_hash_table_insert (index, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (self->bundles->len - 1));
          bundle = &g_array_index (self->bundles, Bundle, self->bundles->len - 1);
        }
      bundle->count++;
      if (++bundle->type_counts[type] > bundle->type_counts[bundle->type])
        bundle->type = type;
      if (orgmap_document_get_link_quality (self->document, i, self->round, &score))
        {
          bundle->n_rated++;
          bundle->sum += score;
        }
    }

  g_array_sort (self->bundles, compare_bundles);
  self->bundles_cut = cut;
  self->bundles_valid = TRUE;
}

/* Bundles are wide: round dots would cost far more than they show, so a
 * mostly diagonal bundle is drawn with short dashes. */
static void
stroke_bundle (cairo_t           *cr,
               OrgmapLinkType     type,
               const OrgmapColor *color,
               double             alpha,
               double             width)
{
  double dots[] = { 0.6 * width, 1.2 * width };

  if (type != ORGMAP_LINK_DIAGONAL)
    {
      stroke_link (cr, type, color, alpha, width);
      return;
    }
  cairo_set_line_width (cr, width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_dash (cr, dots, 2, 0);
  set_color (cr, color, alpha);
  cairo_stroke (cr);
}

/* At most this many bundles, the strongest: more is a hairball. */
#define MAX_BUNDLES 80

static void
draw_bundles (OrgmapRenderer   *self,
              cairo_t          *cr,
              double            scale,
              const OrgmapRect *visible)
{
  guint first;

  ensure_bundles (self, scale);
  first = self->bundles->len > MAX_BUNDLES ? self->bundles->len - MAX_BUNDLES : 0;

  for (guint i = first; i < self->bundles->len; i++)
    {
      const Bundle *b = &g_array_index (self->bundles, Bundle, i);
      /* Width grows with the number of links, slowly. */
      double width = MIN (1.0 + log2 (b->count), 7.0) / scale;
      double alpha = has_selection (self) ? 0.12 : 1.0;
      double x0, y0, x1, y1;
      OrgmapColor color;
      OrgmapRect box;

      node_centre (self, b->from, &x0, &y0);
      node_centre (self, b->to, &x1, &y1);
      box.x = MIN (x0, x1) - 200 / scale;
      box.y = MIN (y0, y1) - 200 / scale;
      box.width = fabs (x1 - x0) + 400 / scale;
      box.height = fabs (y1 - y0) + 400 / scale;
      if (!rects_meet (&box, visible))
        continue;

      if (b->n_rated > 0)
        orgmap_renderer_quality_color (self, b->sum / b->n_rated, &color);
      else
        color = unrated;

      if (b->from == b->to)
        {
          /* Links within one subtree: a loop above it. */
          double radius = 8 / scale + width;

          cairo_new_sub_path (cr);
          cairo_arc (cr, x0, y0 - radius, radius, 0, 2 * G_PI);
          stroke_bundle (cr, b->type, &color, alpha, width);
        }
      else
        {
          double dx = x1 - x0, dy = y1 - y0;
          double len = MAX (hypot (dx, dy), 1e-6);
          double bend = 0.2 * len;
          double p[8] = {
            x0, y0,
            x0 + dx / 4 - dy / len * bend, y0 + dy / 4 + dx / len * bend,
            x0 + 3 * dx / 4 - dy / len * bend, y0 + 3 * dy / 4 + dx / len * bend,
            x1, y1,
          };

          cairo_move_to (cr, p[0], p[1]);
          cairo_curve_to (cr, p[2], p[3], p[4], p[5], p[6], p[7]);
          stroke_bundle (cr, b->type, &color, alpha, width);
          draw_arrowhead (cr, p, &color, alpha, width / LINK_WIDTH);
        }
    }
  cairo_set_dash (cr, NULL, 0, 0);
}

/* The names of the nodes, in screen-sized type, when the boxes are too
 * small for their own labels; only nodes wide enough to hold one. */
static void
draw_node_names (OrgmapRenderer   *self,
                 cairo_t          *cr,
                 double            scale,
                 const OrgmapRect *visible)
{
  PangoFontDescription *font = pango_font_description_copy (pango_layout_get_font_description (self->legend_layout));
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (OrgmapRect));

  ensure_bundles (self, scale);
  pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (self->legend_layout, font);
  pango_font_description_free (font);

  for (guint32 node = 0; node < self->n_nodes; node++)
    {
      guint32 party = self->node_party[node];
      const OrgmapRect *r = orgmap_layout_get_party (self->layout, party);
      double x, y, left = r->x, right = r->x + r->width;
      PangoRectangle logical;

      if (!ORGMAP_IS_EXTERNAL (party))
        orgmap_layout_get_subtree_extent (self->layout, party, &left, &right);
      if ((right - left) * scale < 60 || !rects_meet (r, visible))
        continue;

      node_centre (self, node, &x, &y);
      cairo_user_to_device (cr, &x, &y);
      cairo_save (cr);
      cairo_identity_matrix (cr);
      pango_layout_set_text (self->legend_layout, orgmap_document_get_party_name (self->document, party), -1);
      pango_layout_set_width (self->legend_layout, (int) (MIN ((right - left) * scale, 220) * PANGO_SCALE));
      pango_layout_set_ellipsize (self->legend_layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_alignment (self->legend_layout, PANGO_ALIGN_CENTER);
      pango_cairo_update_layout (cr, self->legend_layout);
      pango_layout_get_pixel_extents (self->legend_layout, NULL, &logical);

      /* Names never overlap: the first one placed wins. */
      {
        OrgmapRect label = { x - logical.width / 2.0 - 4, y - logical.height / 2.0,
                             logical.width + 8, logical.height };
        gboolean clash = FALSE;

        for (guint i = 0; i < placed->len && !clash; i++)
          clash = rects_meet (&label, &g_array_index (placed, OrgmapRect, i));
        if (clash)
          {
            cairo_restore (cr);
            continue;
          }
        g_array_append_val (placed, label);
      }

      {
        /* On a light plate, so the name reads over lines and boxes. */
        OrgmapRect plate = { x - logical.width / 2.0 - 4, y - logical.height / 2.0 - 1,
                             logical.width + 8, logical.height + 2 };

        rounded_rect (cr, &plate, 4);
        cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
        cairo_fill (cr);
      }
      cairo_move_to (cr, x - pango_layout_get_width (self->legend_layout) / PANGO_SCALE / 2.0,
                     y - logical.height / 2.0);
      set_color (cr, &ink, 1.0);
      pango_cairo_show_layout (cr, self->legend_layout);
      cairo_restore (cr);
    }
  pango_layout_set_width (self->legend_layout, -1);
  pango_layout_set_ellipsize (self->legend_layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_alignment (self->legend_layout, PANGO_ALIGN_LEFT);
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
      stroke_link (cr, type, color, alpha, width);
    }
  if (arrow && rect_contains (visible, p[6], p[7]))
    draw_arrowhead (cr, p, color, alpha, width / LINK_WIDTH);
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
  gboolean at_provider = rect_contains (visible, p[0], p[1]);
  double ex = at_provider ? p[0] : p[6], ey = at_provider ? p[1] : p[7];
  double cx = at_provider ? p[2] : p[4], cy = at_provider ? p[3] : p[5];
  double len = MAX (hypot (cx - ex, cy - ey), 1e-6);

  cairo_move_to (cr, ex, ey);
  cairo_line_to (cr, ex + (cx - ex) / len * STUB_PX / scale, ey + (cy - ey) / len * STUB_PX / scale);
  stroke_link (cr, type, color, alpha, width);
  if (!at_provider)
    draw_arrowhead (cr, p, color, alpha, width / LINK_WIDTH);
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
  guint32 chosen = selected_link (self);
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
        crossing += rects_meet (&box, visible);
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
      if (!rects_meet (&box, visible))
        continue;
      if (ends_only && !only_selection &&
          !rect_contains (visible, p[0], p[1]) && !rect_contains (visible, p[6], p[7]))
        continue;

      if (rated)
        orgmap_renderer_quality_color (self, score, &color);
      else
        color = unrated;
      if (chosen != ORGMAP_NONE ||
          (self->selection != ORGMAP_NONE && !only_selection && !link_touches (link, self->selection)))
        alpha = 0.12;

      if (ends_only && !only_selection &&
          (!rect_contains (visible, p[0], p[1]) || !rect_contains (visible, p[6], p[7])))
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
  guint32 link = selected_link (self);
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
  if (!rects_meet (&box, visible))
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
  set_color (cr, &connector, 1.0);

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
      if (!rects_meet (&box, visible))
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
  guint32 chosen = selected_link (self);

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
  set_color (cr, &ink, 1.0);
  cairo_move_to (cr, r->x + BOX_PADDING, y);
  pango_cairo_show_layout (cr, self->name_layout);

  if (show_detail)
    {
      set_color (cr, &muted, 1.0);
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
  set_color (cr, &ink, 1.0);
  cairo_move_to (cr, r->x + BOX_PADDING, y);
  pango_cairo_show_layout (cr, label->name);
  if (detail_rect.height > 0)
    {
      set_color (cr, &muted, 1.0);
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

          if (rects_meet (r, visible))
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

          if (!rects_meet (r, visible))
            continue;
          if (corners)
            rounded_rect (cr, r, BOX_RADIUS);
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

          if (rects_meet (r, visible))
            draw_unit_label (self, cr, r, u);
        }
    }

  if (has_selection (self))
    {
      /* Fade what is not linked to the selection, ring the selection. */
      for (guint32 u = 0; u < n; u++)
        {
          const OrgmapRect *r = orgmap_layout_get_unit (self->layout, u);

          if (rects_meet (r, visible) && !party_highlighted (self, u))
            rounded_rect (cr, r, BOX_RADIUS);
        }
      cairo_set_source_rgba (cr, 1, 1, 1, 0.6);
      cairo_fill (cr);

      if (self->selection != ORGMAP_NONE && !ORGMAP_IS_EXTERNAL (self->selection))
        {
          rounded_rect (cr, orgmap_layout_get_unit (self->layout, self->selection), BOX_RADIUS);
          cairo_set_line_width (cr, MAX (3.0, 2.0 / scale));
          set_color (cr, &accent, 1.0);
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

      if (!rects_meet (r, visible))
        continue;

      /* Pill-shaped, warm: outside the organisation. */
      rounded_rect (cr, r, r->height / 2);
      cairo_set_source_rgba (cr, 0.99, 0.95, 0.87, alpha);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, party == self->selection ? MAX (3.0, 2.0 / scale) : MAX (1.2, 1.0 / scale));
      if (party == self->selection)
        set_color (cr, &accent, 1.0);
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
  rounded_rect (cr, &b, 18);
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
      set_color (cr, &muted, 1.0);
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
      draw_bundles (self, cr, scale, visible);
      if (self->selection != ORGMAP_NONE)
        {
          draw_links (self, cr, scale, visible, FALSE, TRUE);
          draw_links (self, cr, scale, visible, TRUE, TRUE);
        }
      draw_selected_link (self, cr, scale, visible);
      draw_node_names (self, cr, scale, visible);
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

/* Legend, in device units */

#define LEGEND_PAD    12.0
#define LEGEND_ROW    20.0
#define LEGEND_SWATCH 44.0
#define LEGEND_BAR   150.0

static double
legend_text (OrgmapRenderer *self,
             cairo_t        *cr,
             const char     *text,
             double          x,
             double          y,
             gboolean        bold,
             gboolean        draw)
{
  PangoFontDescription *font = pango_font_description_copy (pango_layout_get_font_description (self->legend_layout));
  PangoRectangle logical;

  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (self->legend_layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (self->legend_layout, text, -1);
  pango_layout_get_pixel_extents (self->legend_layout, NULL, &logical);
  if (draw)
    {
      cairo_move_to (cr, x, y + (LEGEND_ROW - logical.height) / 2);
      pango_cairo_show_layout (cr, self->legend_layout);
    }
  return logical.width;
}

static const struct {
  OrgmapLinkType type;
  const char    *label;
} legend_types[] = {
  { ORGMAP_LINK_VERTICAL, N_("Vertical: same line or area") },
  { ORGMAP_LINK_HORIZONTAL, N_("Horizontal: same level") },
  { ORGMAP_LINK_DIAGONAL, N_("Diagonal: other area and level") },
  { ORGMAP_LINK_EXTERNAL, N_("To an external client") },
};

/* Lays out the legend; draws it when @draw. */
static void
legend (OrgmapRenderer *self,
        cairo_t        *cr,
        double          x,
        double          y,
        gboolean        draw,
        double         *width,
        double         *height)
{
  double lo = orgmap_document_get_scale_min (self->document);
  double hi = orgmap_document_get_scale_max (self->document);
  double cx = x + LEGEND_PAD, cy = y + LEGEND_PAD;
  double w = LEGEND_BAR, w2, tw, quality_bottom;
  char lo_text[G_ASCII_DTOSTR_BUF_SIZE], hi_text[G_ASCII_DTOSTR_BUF_SIZE];

  if (draw)
    {
      OrgmapRect box = { x, y, *width, *height };

      rounded_rect (cr, &box, 8);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.94);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 1);
      cairo_set_source_rgb (cr, 0.80, 0.81, 0.83);
      cairo_stroke (cr);
      pango_cairo_update_layout (cr, self->legend_layout);
      set_color (cr, &ink, 1.0);
    }

  /* Colour = quality */
  tw = legend_text (self, cr, _("Service quality"), cx, cy, TRUE, draw);
  w = MAX (w, tw);
  cy += LEGEND_ROW;
  if (draw)
    {
      cairo_pattern_t *gradient = cairo_pattern_create_linear (cx, 0, cx + LEGEND_BAR, 0);

      for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
        cairo_pattern_add_color_stop_rgb (gradient, i / 2.0, palette[i].r, palette[i].g, palette[i].b);
      cairo_rectangle (cr, cx, cy + 4, LEGEND_BAR, 10);
      cairo_set_source (cr, gradient);
      cairo_fill (cr);
      cairo_pattern_destroy (gradient);
      set_color (cr, &ink, 1.0);
    }
  cy += LEGEND_ROW - 2;
  g_snprintf (lo_text, sizeof lo_text, "%g", lo);
  g_snprintf (hi_text, sizeof hi_text, "%g", hi);
  {
    /* Translators: the low end of the quality scale, “1 poor” */
    g_autofree char *low = g_strdup_printf (_("%s poor"), lo_text);
    /* Translators: the high end of the quality scale, “5 good” */
    g_autofree char *high = g_strdup_printf (_("%s good"), hi_text);
    double hw = legend_text (self, cr, high, 0, 0, FALSE, FALSE);

    legend_text (self, cr, low, cx, cy, FALSE, draw);
    legend_text (self, cr, high, cx + LEGEND_BAR - hw, cy, FALSE, draw);
  }
  cy += LEGEND_ROW;
  if (draw)
    {
      cairo_move_to (cr, cx, cy + LEGEND_ROW / 2);
      cairo_line_to (cr, cx + LEGEND_SWATCH, cy + LEGEND_ROW / 2);
      set_link_style (cr, ORGMAP_LINK_VERTICAL, LINK_WIDTH, 0);
      set_color (cr, &unrated, 1.0);
      cairo_stroke (cr);
      set_color (cr, &ink, 1.0);
    }
  tw = legend_text (self, cr, _("Not rated"), cx + LEGEND_SWATCH + 8, cy, FALSE, draw);
  w = MAX (w, LEGEND_SWATCH + 8 + tw);
  cy += LEGEND_ROW;
  quality_bottom = cy;

  /* Line style = type, in a second column */
  cx += w + 2 * LEGEND_PAD;
  cy = y + LEGEND_PAD;
  w2 = legend_text (self, cr, _("Relation"), cx, cy, TRUE, draw);
  cy += LEGEND_ROW;
  for (guint i = 0; i < G_N_ELEMENTS (legend_types); i++)
    {
      if (draw)
        {
          cairo_move_to (cr, cx, cy + LEGEND_ROW / 2);
          cairo_line_to (cr, cx + LEGEND_SWATCH, cy + LEGEND_ROW / 2);
          stroke_link (cr, legend_types[i].type, &ink, 1.0, LINK_WIDTH * 0.8);
          cairo_set_dash (cr, NULL, 0, 0);
          set_color (cr, &ink, 1.0);
        }
      tw = legend_text (self, cr, _(legend_types[i].label), cx + LEGEND_SWATCH + 8, cy, FALSE, draw);
      w2 = MAX (w2, LEGEND_SWATCH + 8 + tw);
      cy += LEGEND_ROW;
    }

  *width = w + w2 + 4 * LEGEND_PAD;
  *height = MAX (cy, quality_bottom) - y + LEGEND_PAD;
}

void
orgmap_renderer_measure_legend (OrgmapRenderer *self,
                                double         *width,
                                double         *height)
{
  legend (self, NULL, 0, 0, FALSE, width, height);
}

void
orgmap_renderer_draw_legend (OrgmapRenderer *self,
                             cairo_t        *cr,
                             double          x,
                             double          y,
                             double         *width,
                             double         *height)
{
  double w, h;

  orgmap_renderer_measure_legend (self, &w, &h);
  cairo_save (cr);
  legend (self, cr, x, y, TRUE, &w, &h);
  cairo_restore (cr);
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}

void
orgmap_renderer_draw_page (OrgmapRenderer *self,
                           cairo_t        *cr,
                           double          width,
                           double          height)
{
  OrgmapRect bounds, visible;
  double scale, lw, lh;

  orgmap_layout_get_bounds (self->layout, &bounds);
  orgmap_renderer_measure_legend (self, &lw, &lh);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  /* Fit the map beside the legend's column. */
  scale = MIN ((width - lw - 24) / bounds.width, height / bounds.height);
  scale = MAX (scale, 1e-6);
  cairo_translate (cr, lw + 24 + ((width - lw - 24) - bounds.width * scale) / 2,
                   (height - bounds.height * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -bounds.x, -bounds.y);
  visible = bounds;
  orgmap_renderer_draw (self, cr, scale, &visible);
  cairo_restore (cr);

  orgmap_renderer_draw_legend (self, cr, 12, height - lh - 12, NULL, NULL);
}

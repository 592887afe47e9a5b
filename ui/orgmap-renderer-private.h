/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

#include "orgmap-renderer.h"

G_BEGIN_DECLS

/* Shared by the renderer's files: orgmap-renderer.c (the map),
 * orgmap-renderer-bundles.c (zoomed out on large maps) and
 * orgmap-renderer-legend.c (the legend, and whole pages). */

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
#define MAX_CROSSING    250
/* …and those with one end in it as a stub this long, on screen. */
#define STUB_PX        48.0
/* Below this width on screen, boxes are plain rectangles. */
#define SIMPLE_BOX_PX   24.0


void     _orgmap_renderer_set_color      (cairo_t           *cr,
                                          const OrgmapColor *color,
                                          double             alpha);
gboolean _orgmap_renderer_rects_meet     (const OrgmapRect  *a,
                                          const OrgmapRect  *b);
gboolean _orgmap_renderer_rect_contains  (const OrgmapRect  *r,
                                          double             x,
                                          double             y);
void     _orgmap_renderer_rounded_rect   (cairo_t           *cr,
                                          const OrgmapRect  *r,
                                          double             radius);
/* Line style = type; the width is given in world units. */
void     _orgmap_renderer_set_link_style (cairo_t           *cr,
                                          OrgmapLinkType     type,
                                          double             width,
                                          double             offset);
void     _orgmap_renderer_stroke_link    (cairo_t           *cr,
                                          OrgmapLinkType     type,
                                          const OrgmapColor *color,
                                          double             alpha,
                                          double             width);
void     _orgmap_renderer_draw_arrowhead (cairo_t           *cr,
                                          const double       p[8],
                                          const OrgmapColor *color,
                                          double             alpha,
                                          double             size);
/* TRUE when a party or a link is selected: the rest fades. */
gboolean _orgmap_renderer_has_selection  (OrgmapRenderer    *self);
/* The link drawn as selected, or ORGMAP_NONE. */
guint32  _orgmap_renderer_selected_link  (OrgmapRenderer    *self);
void     _orgmap_renderer_draw_bundles   (OrgmapRenderer    *self,
                                          cairo_t           *cr,
                                          double             scale,
                                          const OrgmapRect  *visible);
void     _orgmap_renderer_draw_node_names (OrgmapRenderer   *self,
                                           cairo_t          *cr,
                                           double            scale,
                                           const OrgmapRect *visible);

G_END_DECLS

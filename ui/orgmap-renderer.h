/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "orgmap-document.h"
#include "orgmap-layout.h"

G_BEGIN_DECLS

/* Draws a laid-out map on any cairo_t: the screen, PNG, SVG, PDF, a printed
 * page. It knows nothing of GTK. The caller sets the world → device
 * transform on the cairo_t; the renderer only needs to know the zoom (for the
 * level of detail) and the visible part of the world (to cull). */
typedef struct _OrgmapRenderer OrgmapRenderer;

typedef struct
{
  double r, g, b;
} OrgmapColor;

OrgmapRenderer *orgmap_renderer_new              (OrgmapDocument       *document,
                                                  const OrgmapLayout   *layout);
void            orgmap_renderer_free             (OrgmapRenderer       *self);

/* The layout changed (it must outlive the renderer until replaced). */
void            orgmap_renderer_set_layout       (OrgmapRenderer       *self,
                                                  const OrgmapLayout   *layout);
/* The document changed: what the renderer derived from it is stale. */
void            orgmap_renderer_invalidate       (OrgmapRenderer       *self);
/* The round whose ratings colour the links; ORGMAP_NONE: each link's latest. */
void            orgmap_renderer_set_round        (OrgmapRenderer       *self,
                                                  guint32               round);
guint32         orgmap_renderer_get_round        (OrgmapRenderer       *self);
/* A unit or external client whose links stand out while the rest fades;
 * ORGMAP_NONE for none. */
void            orgmap_renderer_set_selection    (OrgmapRenderer       *self,
                                                  guint32               party);
/* A link drawn wider on top of the others, which fade; ORGMAP_NONE for none. */
void            orgmap_renderer_set_selected_link (OrgmapRenderer      *self,
                                                  guint32               link);

/* Draws the map in world coordinates. @scale is device pixels per world
 * unit; @visible is the part of the world on the surface. */
void            orgmap_renderer_draw             (OrgmapRenderer       *self,
                                                  cairo_t              *cr,
                                                  double                scale,
                                                  const OrgmapRect     *visible);
/* Draws the legend in device coordinates with its top-left corner at
 * (@x, @y); returns its size. */
void            orgmap_renderer_draw_legend      (OrgmapRenderer       *self,
                                                  cairo_t              *cr,
                                                  double                x,
                                                  double                y,
                                                  double               *width,
                                                  double               *height);
void            orgmap_renderer_measure_legend   (OrgmapRenderer       *self,
                                                  double               *width,
                                                  double               *height);

/* The colour of a score on the document's scale (the diverging palette), and
 * of an unrated link. */
void            orgmap_renderer_quality_color    (OrgmapRenderer       *self,
                                                  double                score,
                                                  OrgmapColor          *color);
void            orgmap_renderer_unrated_color    (OrgmapColor          *color);
/* The smallest zoom at which the units' names are drawn. */
double          orgmap_renderer_label_zoom       (void);

/* The four points of the Bézier curve drawn for @link, in world coordinates. */
void            orgmap_renderer_link_curve       (OrgmapRenderer       *self,
                                                  guint32               link,
                                                  double                points[8]);

/* The link whose curve passes within @tolerance of the world point
 * (@x, @y), the nearest; ORGMAP_NONE when none does. */
guint32         orgmap_renderer_pick_link        (OrgmapRenderer       *self,
                                                  double                x,
                                                  double                y,
                                                  double                tolerance);

/* Draws the whole map, fitted, with its legend, on a surface of
 * @width × @height device units (PNG, SVG, PDF, print). */
void            orgmap_renderer_draw_page        (OrgmapRenderer       *self,
                                                  cairo_t              *cr,
                                                  double                width,
                                                  double                height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrgmapRenderer, orgmap_renderer_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "orgmap-document.h"
#include "orgmap-history.h"
#include "orgmap-layout.h"
#include "orgmap-view-state.h"

G_BEGIN_DECLS

/* The map: draws a document through the renderer and lets a person pan,
 * zoom, select and inspect it, with the mouse, a touchpad or the keyboard. */
#define ORGMAP_TYPE_CANVAS (orgmap_canvas_get_type ())
G_DECLARE_FINAL_TYPE (OrgmapCanvas, orgmap_canvas, ORGMAP, CANVAS, GtkWidget)

GtkWidget          *orgmap_canvas_new              (void);

OrgmapDocument     *orgmap_canvas_get_document     (OrgmapCanvas *self);
void                orgmap_canvas_set_document     (OrgmapCanvas   *self,
                                                    OrgmapDocument *document);
OrgmapViewState    *orgmap_canvas_get_view_state   (OrgmapCanvas *self);
/* Moves of units by dragging are recorded there, to be undone. */
void                orgmap_canvas_set_history      (OrgmapCanvas  *self,
                                                    OrgmapHistory *history);
const OrgmapLayout *orgmap_canvas_get_layout       (OrgmapCanvas *self);

void                orgmap_canvas_zoom_to_fit      (OrgmapCanvas *self);
/* A corner of the widget that something covers (the legend): fitting the
 * map keeps clear of its bottom-left @width × @height. */
void                orgmap_canvas_set_covered      (OrgmapCanvas *self,
                                                    int           width,
                                                    int           height);
/* Zooms by @factor keeping the world point under (@sx, @sy) in place. */
void                orgmap_canvas_zoom_at          (OrgmapCanvas *self,
                                                    double        factor,
                                                    double        sx,
                                                    double        sy);
void                orgmap_canvas_pan              (OrgmapCanvas *self,
                                                    double        dx,
                                                    double        dy);
void                orgmap_canvas_select_next      (OrgmapCanvas *self,
                                                    gboolean      backwards);

/* The one pair of functions that maps widget ↔ world coordinates. */
void                orgmap_canvas_to_world         (OrgmapCanvas *self,
                                                    double        sx,
                                                    double        sy,
                                                    double       *wx,
                                                    double       *wy);
void                orgmap_canvas_to_screen        (OrgmapCanvas *self,
                                                    double        wx,
                                                    double        wy,
                                                    double       *sx,
                                                    double       *sy);

/* The unit or external client at a widget point, or ORGMAP_NONE. */
guint32             orgmap_canvas_pick_party       (OrgmapCanvas *self,
                                                    double        sx,
                                                    double        sy);
/* The link whose curve passes near a widget point, or ORGMAP_NONE. */
guint32             orgmap_canvas_pick_link        (OrgmapCanvas *self,
                                                    double        sx,
                                                    double        sy);

/* The texts of the hover tooltips, also used by accessibility. */
char               *orgmap_canvas_describe_party   (OrgmapCanvas *self,
                                                    guint32       party);
char               *orgmap_canvas_describe_link    (OrgmapCanvas *self,
                                                    guint32       link);

G_END_DECLS

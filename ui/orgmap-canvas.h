/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "orgmap-document.h"
#include "orgmap-history.h"
#include "orgmap-layout.h"
#include "orgmap-view-state.h"

G_BEGIN_DECLS

/* The map: draws a document through the renderer and lets a person pan,
 * zoom, select and inspect it, with the mouse, a touchpad or the keyboard,
 * and edit it through the history: drag a unit to place it, or drop it on
 * another to move it under that one; drag from a unit to a unit or external
 * client to link them (in link mode, or with Shift); type a digit to rate
 * the selected link.
 *
 * Signal "message" (const char *text): an edit was refused; @text, translated,
 * says why (for a toast). Signal "edit": a unit or a link was double-clicked,
 * and is selected: its fields are to be edited. Property "link-mode"
 * (boolean). */
#define ORGMAP_TYPE_CANVAS (orgmap_canvas_get_type ())
G_DECLARE_FINAL_TYPE (OrgmapCanvas, orgmap_canvas, ORGMAP, CANVAS, GtkWidget)

GtkWidget          *orgmap_canvas_new              (void);

OrgmapDocument     *orgmap_canvas_get_document     (OrgmapCanvas *self);
void                orgmap_canvas_set_document     (OrgmapCanvas   *self,
                                                    OrgmapDocument *document);
OrgmapViewState    *orgmap_canvas_get_view_state   (OrgmapCanvas *self);
/* Every edit made on the canvas is recorded there, to be undone; without
 * a history the canvas only shows the map. */
void                orgmap_canvas_set_history      (OrgmapCanvas  *self,
                                                    OrgmapHistory *history);
/* In link mode (the L key toggles it) a drag from a unit draws a link. */
gboolean            orgmap_canvas_get_link_mode    (OrgmapCanvas *self);
void                orgmap_canvas_set_link_mode    (OrgmapCanvas *self,
                                                    gboolean      link_mode);
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

/* Where a party's box is, in widget coordinates (to put an entry over it);
 * FALSE when it is not laid out. */
gboolean            orgmap_canvas_get_party_area   (OrgmapCanvas    *self,
                                                    guint32          party,
                                                    graphene_rect_t *area);
/* The middle of a link's curve, in widget coordinates; FALSE when the link
 * is not drawn (no such link, nothing laid out). */
gboolean            orgmap_canvas_get_link_point   (OrgmapCanvas    *self,
                                                    guint32          link,
                                                    double          *sx,
                                                    double          *sy);

/* The texts of the hover tooltips, also used by accessibility. */
char               *orgmap_canvas_describe_party   (OrgmapCanvas *self,
                                                    guint32       party);
char               *orgmap_canvas_describe_link    (OrgmapCanvas *self,
                                                    guint32       link);

G_END_DECLS

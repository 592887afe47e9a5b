/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What the person is looking at: zoom, where, what is selected and which
 * round colours the links. The canvas and the panels observe it; none of
 * them talks to another directly. */
#define ORGMAP_TYPE_VIEW_STATE (orgmap_view_state_get_type ())
G_DECLARE_FINAL_TYPE (OrgmapViewState, orgmap_view_state, ORGMAP, VIEW_STATE, GObject)

#define ORGMAP_ZOOM_MIN 0.002
#define ORGMAP_ZOOM_MAX 4.0

OrgmapViewState *orgmap_view_state_new          (void);

double           orgmap_view_state_get_zoom     (OrgmapViewState *self);
/* World coordinates shown at the widget's top-left corner. */
void             orgmap_view_state_get_origin   (OrgmapViewState *self,
                                                 double          *x,
                                                 double          *y);
/* Sets zoom and origin at once (one notification each at most). */
void             orgmap_view_state_set_view     (OrgmapViewState *self,
                                                 double           zoom,
                                                 double           x,
                                                 double           y);
guint32          orgmap_view_state_get_selection (OrgmapViewState *self);
void             orgmap_view_state_set_selection (OrgmapViewState *self,
                                                 guint32          party);
/* The selected link, or ORGMAP_NONE. There is one selection in the window:
 * selecting a party clears the selected link, and selecting a link clears
 * the selected party. */
guint32          orgmap_view_state_get_selected_link (OrgmapViewState *self);
void             orgmap_view_state_set_selected_link (OrgmapViewState *self,
                                                 guint32          link);
guint32          orgmap_view_state_get_round    (OrgmapViewState *self);
void             orgmap_view_state_set_round    (OrgmapViewState *self,
                                                 guint32          round);

G_END_DECLS

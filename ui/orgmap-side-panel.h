/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "orgmap-document.h"
#include "orgmap-history.h"
#include "orgmap-view-state.h"

G_BEGIN_DECLS

/* Beside the map: the units as a tree (or, while searching, the units whose
 * names match) and the links as a sortable table. It shares the selection
 * with the map through the view state. */
#define ORGMAP_TYPE_SIDE_PANEL (orgmap_side_panel_get_type ())
G_DECLARE_FINAL_TYPE (OrgmapSidePanel, orgmap_side_panel, ORGMAP, SIDE_PANEL, GtkWidget)

GtkWidget          *orgmap_side_panel_new                 (void);

void                orgmap_side_panel_set_document        (OrgmapSidePanel *self,
                                                           OrgmapDocument  *document);
void                orgmap_side_panel_set_view_state      (OrgmapSidePanel *self,
                                                           OrgmapViewState *view);
/* Edits made in the panel (moving a unit by dragging its row onto another,
 * or below the rows to make it a root) go through @history; without one
 * the units cannot be dragged. */
void                orgmap_side_panel_set_history         (OrgmapSidePanel *self,
                                                           OrgmapHistory   *history);

/* The parts, for tests and accessibility. The units' selection holds
 * GtkTreeListRow items whose items are OrgmapHandleItem; the links'
 * holds OrgmapHandleItem, in the table's order. */
GtkEditable        *orgmap_side_panel_get_search_entry    (OrgmapSidePanel *self);
GtkSingleSelection *orgmap_side_panel_get_units_selection (OrgmapSidePanel *self);
GtkSingleSelection *orgmap_side_panel_get_links_selection (OrgmapSidePanel *self);
GtkColumnView      *orgmap_side_panel_get_links_view      (OrgmapSidePanel *self);

G_END_DECLS

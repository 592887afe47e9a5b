/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "orgmap-document.h"
#include "orgmap-view-state.h"

G_BEGIN_DECLS

/* The links as a table: provider, client, service, type, score and
 * respondents, each column sortable. Selecting a row selects the link in
 * the view state, and the other way round. Lists 50,000 links lazily. */
#define ORGMAP_TYPE_LINK_TABLE (orgmap_link_table_get_type ())
G_DECLARE_FINAL_TYPE (OrgmapLinkTable, orgmap_link_table, ORGMAP, LINK_TABLE, GtkWidget)

GtkWidget          *orgmap_link_table_new             (void);

void                orgmap_link_table_set_document    (OrgmapLinkTable *self,
                                                       OrgmapDocument  *document);
void                orgmap_link_table_set_view_state  (OrgmapLinkTable *self,
                                                       OrgmapViewState *view);
/* OrgmapHandleItem items, in the table's order. */
GtkSingleSelection *orgmap_link_table_get_selection   (OrgmapLinkTable *self);
GtkColumnView      *orgmap_link_table_get_column_view (OrgmapLinkTable *self);

G_END_DECLS

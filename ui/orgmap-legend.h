/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "orgmap-document.h"

G_BEGIN_DECLS

/* The key to the map: what the colours and the line styles mean. Drawn by
 * the renderer, so that it matches the map and every export. */
#define ORGMAP_TYPE_LEGEND (orgmap_legend_get_type ())
G_DECLARE_FINAL_TYPE (OrgmapLegend, orgmap_legend, ORGMAP, LEGEND, GtkWidget)

GtkWidget *orgmap_legend_new          (void);
void       orgmap_legend_set_document (OrgmapLegend   *self,
                                       OrgmapDocument *document);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "orgmap-history.h"
#include "orgmap-view-state.h"

G_BEGIN_DECLS

/* Beside the map: the fields of the selected unit, external client or link
 * (with its rating in the view's round), edited through the history. A text
 * field commits on Enter and when the keyboard leaves it, as one undo step;
 * a refused edit shows the reason under the field and changes nothing. It
 * follows the document, so that undo and redo elsewhere show at once. */
#define ORGMAP_TYPE_INSPECTOR (orgmap_inspector_get_type ())
G_DECLARE_FINAL_TYPE (OrgmapInspector, orgmap_inspector, ORGMAP, INSPECTOR, GtkWidget)

GtkWidget *orgmap_inspector_new            (void);

/* The document is the history's. */
void       orgmap_inspector_set_history    (OrgmapInspector *self,
                                            OrgmapHistory   *history);
void       orgmap_inspector_set_view_state (OrgmapInspector *self,
                                            OrgmapViewState *view);
/* Puts the keyboard in the first field of the selection (its name, or a
 * link's service). */
void       orgmap_inspector_focus_name     (OrgmapInspector *self);

G_END_DECLS

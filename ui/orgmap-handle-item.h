/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* An item of a list model that stands for a document item by its handle
 * (a unit, a link…): lists of thousands of them stay small and cheap. */
#define ORGMAP_TYPE_HANDLE_ITEM (orgmap_handle_item_get_type ())
G_DECLARE_FINAL_TYPE (OrgmapHandleItem, orgmap_handle_item, ORGMAP, HANDLE_ITEM, GObject)

OrgmapHandleItem *orgmap_handle_item_new        (guint32           handle);
guint32           orgmap_handle_item_get_handle (OrgmapHandleItem *self);
/* Emits "changed": what the item stands for changed, the rows showing it
 * should show it again. */
void              orgmap_handle_item_changed    (OrgmapHandleItem *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-ui"

#include "config.h"

#include "orgmap-handle-item.h"

struct _OrgmapHandleItem
{
  GObject parent_instance;

  guint32 handle;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (OrgmapHandleItem, orgmap_handle_item, G_TYPE_OBJECT)

static void
orgmap_handle_item_class_init (OrgmapHandleItemClass *klass)
{
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
orgmap_handle_item_init (OrgmapHandleItem *self)
{
}

OrgmapHandleItem *
orgmap_handle_item_new (guint32 handle)
{
  OrgmapHandleItem *self = g_object_new (ORGMAP_TYPE_HANDLE_ITEM, NULL);

  self->handle = handle;
  return self;
}

guint32
orgmap_handle_item_get_handle (OrgmapHandleItem *self)
{
  g_return_val_if_fail (ORGMAP_IS_HANDLE_ITEM (self), G_MAXUINT32);

  return self->handle;
}

void
orgmap_handle_item_changed (OrgmapHandleItem *self)
{
  g_return_if_fail (ORGMAP_IS_HANDLE_ITEM (self));

  g_signal_emit (self, signals[CHANGED], 0);
}

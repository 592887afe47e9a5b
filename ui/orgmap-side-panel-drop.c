/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-ui"

#include "config.h"

#include "orgmap-side-panel-private.h"

#include "orgmap-handle-item.h"

/* Reorganising the units tree by drag and drop: a unit's row dropped onto
 * another unit's row moves the unit under that one; dropped on the empty
 * area below the rows, the unit becomes a root. The move goes through the
 * history, which refuses to put a unit under one of its own descendants:
 * its message then shows above the tree for a few seconds, or until the
 * next action, and nothing changes. */

#define MESSAGE_SECONDS 8

static gboolean
hide_message (gpointer data)
{
  OrgmapSidePanel *self = data;

  self->message_timeout = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->units_message), FALSE);
  return G_SOURCE_REMOVE;
}

void
_orgmap_side_panel_show_message (OrgmapSidePanel *self,
                                 const char      *message)
{
  gtk_label_set_text (self->units_message, message);
  gtk_widget_set_visible (GTK_WIDGET (self->units_message), TRUE);
  g_clear_handle_id (&self->message_timeout, g_source_remove);
  self->message_timeout = g_timeout_add_seconds (MESSAGE_SECONDS, hide_message, self);
}

void
_orgmap_side_panel_clear_message (OrgmapSidePanel *self)
{
  g_clear_handle_id (&self->message_timeout, g_source_remove);
  if (self->units_message != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->units_message), FALSE);
}

gboolean
_orgmap_side_panel_drop_unit (OrgmapSidePanel *self,
                              guint32          unit,
                              guint32          new_parent)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (ORGMAP_IS_SIDE_PANEL (self), FALSE);

  _orgmap_side_panel_clear_message (self);
  if (self->history == NULL || self->document == NULL ||
      unit >= orgmap_document_get_n_units (self->document) ||
      (new_parent != ORGMAP_NONE && new_parent >= orgmap_document_get_n_units (self->document)))
    return FALSE;

  if (!orgmap_history_move_unit (self->history, unit, new_parent, &error))
    {
      _orgmap_side_panel_show_message (self, error->message);
      return FALSE;
    }
  /* The tree was rebuilt with the same rows open and the same selection;
   * open the new parent too, to show where the unit went. */
  _orgmap_side_panel_reveal_unit (self, unit);
  return TRUE;
}

/* Dragging a row */

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkListItem   *list_item)
{
  OrgmapSidePanel *self = g_object_get_data (G_OBJECT (list_item), "orgmap-side-panel");
  GtkWidget *row = gtk_list_item_get_child (list_item);
  gpointer item = gtk_list_item_get_item (list_item);
  g_autoptr(OrgmapHandleItem) unit = NULL;
  g_autoptr(GdkPaintable) live = NULL;
  g_autoptr(GdkPaintable) icon = NULL;

  if (self->history == NULL || !GTK_IS_TREE_LIST_ROW (item))
    return NULL;

  _orgmap_side_panel_clear_message (self);
  unit = gtk_tree_list_row_get_item (item);
  /* A still picture: the row may show another unit while dragging. */
  live = gtk_widget_paintable_new (row);
  icon = gdk_paintable_get_current_image (live);
  gtk_drag_source_set_icon (source, icon, (int) x, (int) y);
  return gdk_content_provider_new_typed (ORGMAP_TYPE_HANDLE_ITEM, unit);
}

void
_orgmap_side_panel_setup_drag (OrgmapSidePanel *self,
                               GtkListItem     *list_item,
                               GtkWidget       *row)
{
  GtkDragSource *source = gtk_drag_source_new ();

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect_object (source, "prepare", G_CALLBACK (on_drag_prepare), list_item, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));
  g_object_set_data (G_OBJECT (row), "orgmap-list-item", list_item);
}

/* Dropping */

/* The unit whose row is at @x, @y of the list, or ORGMAP_NONE below the
 * rows. @row_out is set to the row widget, or NULL. */
static guint32
unit_at (OrgmapSidePanel  *self,
         double            x,
         double            y,
         GtkWidget       **row_out)
{
  GtkWidget *list = GTK_WIDGET (self->units_view);
  GtkWidget *widget = gtk_widget_pick (list, x, y, GTK_PICK_DEFAULT);
  GtkListItem *list_item = NULL;

  *row_out = NULL;
  /* Up to the list's own child: the whole row, padding included. */
  while (widget != NULL && widget != list && gtk_widget_get_parent (widget) != list)
    widget = gtk_widget_get_parent (widget);
  if (widget == NULL || widget == list || gtk_widget_get_first_child (widget) == NULL)
    return ORGMAP_NONE;

  list_item = g_object_get_data (G_OBJECT (gtk_widget_get_first_child (widget)), "orgmap-list-item");
  if (list_item == NULL || gtk_list_item_get_item (list_item) == NULL)
    return ORGMAP_NONE;
  *row_out = widget;
  return _orgmap_side_panel_item_handle (gtk_list_item_get_item (list_item));
}

/* Outlines the row the unit would go under. (The drop target outlines the
 * whole list meanwhile: alone, that says the unit would become a root.) */
static void
set_drop_row (OrgmapSidePanel *self,
              GtkWidget       *row)
{
  if (self->drop_row == row)
    return;
  if (self->drop_row != NULL)
    gtk_widget_unset_state_flags (self->drop_row, GTK_STATE_FLAG_DROP_ACTIVE);
  g_clear_weak_pointer (&self->drop_row);
  if (row != NULL)
    {
      g_set_weak_pointer (&self->drop_row, row);
      gtk_widget_set_state_flags (row, GTK_STATE_FLAG_DROP_ACTIVE, FALSE);
    }
}

static GdkDragAction
on_drop_motion (GtkDropTarget   *target,
                double           x,
                double           y,
                OrgmapSidePanel *self)
{
  GtkWidget *row;

  unit_at (self, x, y, &row);
  set_drop_row (self, row);
  return self->history != NULL ? GDK_ACTION_MOVE : 0;
}

static void
on_drop_leave (GtkDropTarget   *target,
               OrgmapSidePanel *self)
{
  set_drop_row (self, NULL);
}

static gboolean
on_drop (GtkDropTarget   *target,
         const GValue    *value,
         double           x,
         double           y,
         OrgmapSidePanel *self)
{
  OrgmapHandleItem *item = g_value_get_object (value);
  guint32 unit, parent;
  GtkWidget *row;

  set_drop_row (self, NULL);
  if (item == NULL)
    return FALSE;
  unit = orgmap_handle_item_get_handle (item);
  parent = unit_at (self, x, y, &row);
  /* Let go where it started: nothing to do, nothing to say. */
  if (parent == unit)
    return FALSE;
  return _orgmap_side_panel_drop_unit (self, unit, parent);
}

void
_orgmap_side_panel_init_drop (OrgmapSidePanel *self)
{
  GtkDropTarget *target = gtk_drop_target_new (ORGMAP_TYPE_HANDLE_ITEM, GDK_ACTION_MOVE);

  g_signal_connect_object (target, "motion", G_CALLBACK (on_drop_motion), self, 0);
  g_signal_connect_object (target, "enter", G_CALLBACK (on_drop_motion), self, 0);
  g_signal_connect_object (target, "leave", G_CALLBACK (on_drop_leave), self, 0);
  g_signal_connect_object (target, "drop", G_CALLBACK (on_drop), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->units_view), GTK_EVENT_CONTROLLER (target));
}

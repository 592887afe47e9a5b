/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-ui"

#include "config.h"

#include "orgmap-side-panel.h"

#include <string.h>
#include <glib/gi18n.h>

#include "orgmap-handle-item.h"
#include "orgmap-link-table.h"
#include "orgmap-search.h"
#include "orgmap-side-panel-private.h"

G_DEFINE_FINAL_TYPE (OrgmapSidePanel, orgmap_side_panel, GTK_TYPE_WIDGET)

/* Item arrays have holes: items not made yet. */
static void
unref_item (gpointer item)
{
  if (item != NULL)
    g_object_unref (item);
}

static guint32
item_handle (gpointer item)
{
  if (GTK_IS_TREE_LIST_ROW (item))
    {
      g_autoptr(OrgmapHandleItem) inner = gtk_tree_list_row_get_item (item);

      return orgmap_handle_item_get_handle (inner);
    }
  return orgmap_handle_item_get_handle (item);
}

static void
scroll_to (GtkWidget *list,
           guint      position)
{
  gtk_widget_activate_action (list, "list.scroll-to-item", "u", position);
}

/* Units */

static OrgmapHandleItem *
unit_item (OrgmapSidePanel *self,
           guint32          unit)
{
  if (self->unit_items->len <= unit)
    g_ptr_array_set_size (self->unit_items, MAX (orgmap_document_get_n_units (self->document), unit + 1));
  if (g_ptr_array_index (self->unit_items, unit) == NULL)
    g_ptr_array_index (self->unit_items, unit) = orgmap_handle_item_new (unit);
  return g_ptr_array_index (self->unit_items, unit);
}

static GListModel *
units_store (OrgmapSidePanel *self,
             const guint32   *units,
             guint            n)
{
  GListStore *store = g_list_store_new (ORGMAP_TYPE_HANDLE_ITEM);
  g_autofree gpointer *items = g_new (gpointer, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    items[i] = unit_item (self, units[i]);
  g_list_store_splice (store, 0, 0, items, n);
  return G_LIST_MODEL (store);
}

static GListModel *
create_children (gpointer item,
                 gpointer data)
{
  OrgmapSidePanel *self = data;
  const guint32 *children;
  guint n = 0;

  if (self->document == NULL)
    return NULL;
  children = orgmap_document_get_unit_children (self->document, orgmap_handle_item_get_handle (item), &n);
  return n > 0 ? units_store (self, children, n) : NULL;
}

static GListModel *
create_no_children (gpointer item,
                    gpointer data)
{
  return NULL;
}

/* The tree's row of @unit, its ancestors expanded; NULL when not found. */
static GtkTreeListRow *
unit_row (OrgmapSidePanel *self,
          guint32          unit)
{
  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (guint32));
  GtkTreeListRow *row = NULL;

  for (guint32 u = unit; u != ORGMAP_NONE; u = orgmap_document_get_unit (self->document, u)->parent)
    g_array_append_val (path, u);

  for (guint i = path->len; i > 0; i--)
    {
      guint32 u = g_array_index (path, guint32, i - 1);
      GtkTreeListRow *next;

      if (row == NULL)
        next = gtk_tree_list_model_get_child_row (self->tree, self->sibling_index[u]);
      else
        {
          gtk_tree_list_row_set_expanded (row, TRUE);
          next = gtk_tree_list_row_get_child_row (row, self->sibling_index[u]);
          g_object_unref (row);
        }
      row = next;
      if (row == NULL)
        return NULL;
    }

  if (row != NULL && item_handle (row) != unit)
    g_clear_object (&row);
  return row;
}

guint32
_orgmap_side_panel_item_handle (gpointer item)
{
  return item_handle (item);
}

void
_orgmap_side_panel_reveal_unit (OrgmapSidePanel *self,
                                guint32          unit)
{
  g_autoptr(GtkTreeListRow) row = NULL;

  if (self->document == NULL || self->stale || self->query != NULL ||
      unit >= orgmap_document_get_n_units (self->document))
    return;
  self->updating++;
  row = unit_row (self, unit);
  self->updating--;
  if (row != NULL)
    scroll_to (GTK_WIDGET (self->units_view), gtk_tree_list_row_get_position (row));
}

/* The units whose rows are expanded, parents first. */
static GArray *
expanded_units (OrgmapSidePanel *self)
{
  GArray *expanded = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint n;

  if (self->tree == NULL)
    return expanded;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->tree));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), i);

      if (gtk_tree_list_row_get_expanded (row))
        {
          guint32 unit = item_handle (row);

          g_array_append_val (expanded, unit);
        }
    }
  return expanded;
}

static void
drop_search_index (OrgmapSidePanel *self)
{
  g_clear_object (&self->matches);
  g_clear_object (&self->all_units);
  g_clear_pointer (&self->search_keys, g_strfreev);
  self->n_search_keys = 0;
}

/* Every unit in tree order, with its folded name. Linear. */
static void
ensure_search_index (OrgmapSidePanel *self)
{
  guint n = orgmap_document_get_n_units (self->document);
  g_autofree guint32 *stack = g_new (guint32, MAX (n, 1));
  g_autofree guint32 *order = g_new (guint32, MAX (n, 1));
  GtkFilterListModel *filtered;
  const guint32 *roots;
  guint n_roots, sp = 0, n_order = 0;

  if (self->matches != NULL)
    return;

  roots = orgmap_document_get_roots (self->document, &n_roots);
  for (guint i = n_roots; i > 0; i--)
    stack[sp++] = roots[i - 1];
  while (sp > 0 && n_order < n)
    {
      guint32 u = stack[--sp];
      const guint32 *children;
      guint n_children;

      order[n_order++] = u;
      children = orgmap_document_get_unit_children (self->document, u, &n_children);
      for (guint i = n_children; i > 0 && sp < n; i--)
        stack[sp++] = children[i - 1];
    }

  self->search_keys = g_new0 (char *, n + 1);
  self->n_search_keys = n;
  for (guint32 u = 0; u < n; u++)
    self->search_keys[u] = orgmap_search_fold (orgmap_document_get_unit (self->document, u)->name);

  self->all_units = G_LIST_STORE (units_store (self, order, n_order));
  filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->all_units)),
                                        g_object_ref (GTK_FILTER (self->filter)));
  self->matches = gtk_tree_list_model_new (G_LIST_MODEL (filtered), FALSE, FALSE,
                                           create_no_children, NULL, NULL);
}

static gboolean
unit_matches (gpointer item,
              gpointer data)
{
  OrgmapSidePanel *self = data;
  guint32 unit = orgmap_handle_item_get_handle (item);

  return self->query != NULL && unit < self->n_search_keys &&
         orgmap_search_matches (self->search_keys[unit], self->query);
}

/* Selects the view state's unit in the list, if it shows it. */
static void
sync_units (OrgmapSidePanel *self)
{
  guint32 unit = self->view != NULL ? orgmap_view_state_get_selection (self->view) : ORGMAP_NONE;
  guint position = GTK_INVALID_LIST_POSITION;

  if (self->document == NULL || self->stale)
    return;

  self->updating++;
  if (unit != ORGMAP_NONE && !ORGMAP_IS_EXTERNAL (unit) && unit < orgmap_document_get_n_units (self->document))
    {
      if (self->query == NULL)
        {
          g_autoptr(GtkTreeListRow) row = unit_row (self, unit);

          if (row != NULL)
            position = gtk_tree_list_row_get_position (row);
        }
      else
        {
          GListModel *model = G_LIST_MODEL (self->matches);
          guint n = g_list_model_get_n_items (model);

          for (guint i = 0; i < n && position == GTK_INVALID_LIST_POSITION; i++)
            {
              g_autoptr(GObject) row = g_list_model_get_item (model, i);

              if (item_handle (row) == unit)
                position = i;
            }
        }
    }
  gtk_single_selection_set_selected (self->units_selection, position);
  self->updating--;

  if (position != GTK_INVALID_LIST_POSITION)
    scroll_to (GTK_WIDGET (self->units_view), position);
}

/* Shows the tree, or the matches while searching. */
static void
show_units (OrgmapSidePanel *self)
{
  GListModel *model = NULL;

  if (self->document != NULL)
    model = G_LIST_MODEL (self->query != NULL ? self->matches : self->tree);
  if (gtk_single_selection_get_model (self->units_selection) != model)
    {
      self->updating++;
      gtk_single_selection_set_model (self->units_selection, model);
      self->updating--;
    }
  sync_units (self);
}

static void
rebuild_units (OrgmapSidePanel *self,
               gboolean         keep_expanded)
{
  g_autoptr(GArray) expanded = keep_expanded ? expanded_units (self) : NULL;
  guint n = orgmap_document_get_n_units (self->document);
  const guint32 *roots;
  guint n_roots;

  g_free (self->sibling_index);
  self->sibling_index = g_new (guint32, MAX (n, 1));
  roots = orgmap_document_get_roots (self->document, &n_roots);
  for (guint i = 0; i < n_roots; i++)
    self->sibling_index[roots[i]] = i;
  for (guint32 u = 0; u < n; u++)
    {
      guint n_children;
      const guint32 *children = orgmap_document_get_unit_children (self->document, u, &n_children);

      for (guint i = 0; i < n_children; i++)
        self->sibling_index[children[i]] = i;
    }

  self->updating++;
  gtk_single_selection_set_model (self->units_selection, NULL);
  g_clear_object (&self->tree);
  drop_search_index (self);
  self->tree = gtk_tree_list_model_new (units_store (self, roots, n_roots), FALSE, FALSE,
                                        create_children, self, NULL);
  for (guint i = 0; expanded != NULL && i < expanded->len; i++)
    {
      guint32 unit = g_array_index (expanded, guint32, i);
      g_autoptr(GtkTreeListRow) row = unit < n ? unit_row (self, unit) : NULL;

      if (row != NULL)
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
  if (self->query != NULL)
    ensure_search_index (self);
  self->updating--;

  show_units (self);
}

static void
on_search_changed (OrgmapSidePanel *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *old = g_steal_pointer (&self->query);
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  _orgmap_side_panel_clear_message (self);
  if (*text != '\0')
    self->query = orgmap_search_fold (text);
  if (self->query != NULL && *self->query == '\0')
    g_clear_pointer (&self->query, g_free);

  if (self->document == NULL || self->stale)
    return;

  if (self->query != NULL)
    {
      self->updating++;
      if (self->matches == NULL)
        ensure_search_index (self);
      else
        {
          if (old != NULL && strstr (self->query, old) != NULL)
            change = GTK_FILTER_CHANGE_MORE_STRICT;
          else if (old != NULL && strstr (old, self->query) != NULL)
            change = GTK_FILTER_CHANGE_LESS_STRICT;
          gtk_filter_changed (GTK_FILTER (self->filter), change);
        }
      self->updating--;
    }
  show_units (self);
}

static void
on_stop_search (OrgmapSidePanel *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_unit_selected (OrgmapSidePanel *self)
{
  gpointer row;

  if (self->updating > 0 || self->view == NULL)
    return;
  _orgmap_side_panel_clear_message (self);
  /* Nothing selected: the row went away (a collapsed branch); the map
   * keeps its selection. */
  row = gtk_single_selection_get_selected_item (self->units_selection);
  if (row != NULL)
    orgmap_view_state_set_selection (self->view, item_handle (row));
}

static void
update_unit_row (OrgmapSidePanel *self,
                 GtkListItem     *list_item)
{
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *count = gtk_widget_get_next_sibling (name);
  const OrgmapUnit *unit;
  guint32 handle;

  handle = item_handle (gtk_list_item_get_item (list_item));
  if (self->document == NULL || handle >= orgmap_document_get_n_units (self->document))
    return;
  unit = orgmap_document_get_unit (self->document, handle);
  gtk_label_set_text (GTK_LABEL (name), unit->name);
  if (unit->headcount >= 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%d person", "%d people", unit->headcount),
                                               unit->headcount);

      gtk_label_set_text (GTK_LABEL (count), text);
    }
  gtk_widget_set_visible (count, unit->headcount >= 0);
}

static void
on_unit_item_changed (OrgmapHandleItem *item,
                      GtkListItem      *list_item)
{
  update_unit_row (g_object_get_data (G_OBJECT (list_item), "orgmap-side-panel"), list_item);
}

static void
setup_unit_row (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                OrgmapSidePanel          *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *count = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), count);
  gtk_widget_set_margin_end (box, 6);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (list_item, expander);
  g_object_set_data (G_OBJECT (list_item), "orgmap-side-panel", self);
  _orgmap_side_panel_setup_drag (self, list_item, expander);
}

static void
bind_unit_row (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               OrgmapSidePanel          *self)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  g_autoptr(OrgmapHandleItem) item = gtk_tree_list_row_get_item (row);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item)), row);
  update_unit_row (self, list_item);
  g_signal_connect_object (item, "changed", G_CALLBACK (on_unit_item_changed), list_item, 0);
}

static void
unbind_unit_row (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 OrgmapSidePanel          *self)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  g_autoptr(OrgmapHandleItem) item = row != NULL ? gtk_tree_list_row_get_item (row) : NULL;

  if (item != NULL)
    g_signal_handlers_disconnect_by_data (item, list_item);
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item)), NULL);
}

/* Changes */

static void
rebuild (OrgmapSidePanel *self)
{
  self->stale = FALSE;
  /* New items, so that every row shows its item again. */
  g_ptr_array_set_size (self->unit_items, 0);
  if (self->document != NULL)
    rebuild_units (self, FALSE);
  else
    {
      g_clear_object (&self->tree);
      drop_search_index (self);
      show_units (self);
    }
}

static void
on_document_changed (OrgmapSidePanel *self,
                     guint            kind,
                     guint            handle)
{
  if (self->stale)
    return;
  if (kind == ORGMAP_CHANGE_ALL || kind == ORGMAP_CHANGE_HIERARCHY)
    _orgmap_side_panel_clear_message (self);
  if (kind != ORGMAP_CHANGE_ALL && kind != ORGMAP_CHANGE_HIERARCHY && kind != ORGMAP_CHANGE_UNIT)
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      /* Hidden: catch up in one go when shown. */
      self->stale = TRUE;
      return;
    }

  switch ((OrgmapChange) kind)
    {
    case ORGMAP_CHANGE_ALL:
      rebuild (self);
      break;

    case ORGMAP_CHANGE_HIERARCHY:
      /* Units added or moved: the same rows stay open. */
      rebuild_units (self, TRUE);
      break;

    case ORGMAP_CHANGE_UNIT:
      if (handle < self->unit_items->len && g_ptr_array_index (self->unit_items, handle) != NULL)
        orgmap_handle_item_changed (g_ptr_array_index (self->unit_items, handle));
      if (self->search_keys != NULL && handle < self->n_search_keys)
        {
          g_free (self->search_keys[handle]);
          self->search_keys[handle] = orgmap_search_fold (orgmap_document_get_unit (self->document, handle)->name);
          if (self->query != NULL)
            {
              self->updating++;
              gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
              self->updating--;
              sync_units (self);
            }
        }
      break;

    case ORGMAP_CHANGE_EXTERNAL:
    case ORGMAP_CHANGE_LINK:
    case ORGMAP_CHANGE_RATING:
    case ORGMAP_CHANGE_PROPERTIES:
    case ORGMAP_CHANGE_ROUND:
    case ORGMAP_CHANGE_POSITION:
    default:
      break;
    }
}

static void
on_view_selection (OrgmapSidePanel *self)
{
  sync_units (self);
}

void
orgmap_side_panel_set_document (OrgmapSidePanel *self,
                                OrgmapDocument  *document)
{
  g_return_if_fail (ORGMAP_IS_SIDE_PANEL (self));
  g_return_if_fail (document == NULL || ORGMAP_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    g_signal_connect_object (document, "changed", G_CALLBACK (on_document_changed), self,
                             G_CONNECT_SWAPPED);

  /* Forget the old document's items at once; build the new ones now, or
   * when the panel is first shown. */
  self->updating++;
  g_clear_object (&self->tree);
  drop_search_index (self);
  gtk_single_selection_set_model (self->units_selection, NULL);
  g_ptr_array_set_size (self->unit_items, 0);
  self->updating--;
  orgmap_link_table_set_document (self->link_table, document);

  self->stale = document != NULL;
  if (document != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    rebuild (self);
}

void
orgmap_side_panel_set_view_state (OrgmapSidePanel *self,
                                  OrgmapViewState *view)
{
  g_return_if_fail (ORGMAP_IS_SIDE_PANEL (self));
  g_return_if_fail (view == NULL || ORGMAP_IS_VIEW_STATE (view));

  if (self->view == view)
    return;

  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  g_set_object (&self->view, view);
  if (view != NULL)
    g_signal_connect_object (view, "notify::selection", G_CALLBACK (on_view_selection), self,
                             G_CONNECT_SWAPPED);
  orgmap_link_table_set_view_state (self->link_table, view);
  sync_units (self);
}

void
orgmap_side_panel_set_history (OrgmapSidePanel *self,
                               OrgmapHistory   *history)
{
  g_return_if_fail (ORGMAP_IS_SIDE_PANEL (self));
  g_return_if_fail (history == NULL || ORGMAP_IS_HISTORY (history));

  g_set_object (&self->history, history);
}

GtkEditable *
orgmap_side_panel_get_search_entry (OrgmapSidePanel *self)
{
  g_return_val_if_fail (ORGMAP_IS_SIDE_PANEL (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

GtkSingleSelection *
orgmap_side_panel_get_units_selection (OrgmapSidePanel *self)
{
  g_return_val_if_fail (ORGMAP_IS_SIDE_PANEL (self), NULL);

  return self->units_selection;
}

GtkSingleSelection *
orgmap_side_panel_get_links_selection (OrgmapSidePanel *self)
{
  g_return_val_if_fail (ORGMAP_IS_SIDE_PANEL (self), NULL);

  return orgmap_link_table_get_selection (self->link_table);
}

GtkColumnView *
orgmap_side_panel_get_links_view (OrgmapSidePanel *self)
{
  g_return_val_if_fail (ORGMAP_IS_SIDE_PANEL (self), NULL);

  return orgmap_link_table_get_column_view (self->link_table);
}

/* Lifecycle */

static void
orgmap_side_panel_map (GtkWidget *widget)
{
  OrgmapSidePanel *self = ORGMAP_SIDE_PANEL (widget);

  GTK_WIDGET_CLASS (orgmap_side_panel_parent_class)->map (widget);

  if (self->stale)
    rebuild (self);
}

static void
orgmap_side_panel_dispose (GObject *object)
{
  OrgmapSidePanel *self = ORGMAP_SIDE_PANEL (object);
  GtkWidget *child;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);

  /* The views first, so that no row outlives the models. */
  if (self->units_view != NULL)
    gtk_list_view_set_model (self->units_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ORGMAP_TYPE_SIDE_PANEL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->units_selection);
  g_clear_object (&self->tree);
  drop_search_index (self);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->unit_items, g_ptr_array_unref);
  g_clear_pointer (&self->sibling_index, g_free);
  g_clear_pointer (&self->query, g_free);
  g_clear_object (&self->document);
  g_clear_object (&self->view);
  g_clear_object (&self->history);
  g_clear_handle_id (&self->message_timeout, g_source_remove);
  g_clear_weak_pointer (&self->drop_row);

  G_OBJECT_CLASS (orgmap_side_panel_parent_class)->dispose (object);
}

static void
orgmap_side_panel_class_init (OrgmapSidePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = orgmap_side_panel_dispose;
  widget_class->map = orgmap_side_panel_map;

  g_type_ensure (ORGMAP_TYPE_LINK_TABLE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/orgmap/Orgmap/orgmap-side-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, OrgmapSidePanel, search_entry);
  gtk_widget_class_bind_template_child (widget_class, OrgmapSidePanel, units_message);
  gtk_widget_class_bind_template_child (widget_class, OrgmapSidePanel, units_view);
  gtk_widget_class_bind_template_child (widget_class, OrgmapSidePanel, link_table);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);

  gtk_widget_class_set_css_name (widget_class, "orgmap-side-panel");
}

static void
orgmap_side_panel_init (OrgmapSidePanel *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->unit_items = g_ptr_array_new_with_free_func (unref_item);

  /* Units */
  self->filter = gtk_custom_filter_new (unit_matches, self, NULL);
  self->units_selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->units_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->units_selection, TRUE);
  g_signal_connect_object (self->units_selection, "notify::selected-item",
                           G_CALLBACK (on_unit_selected), self, G_CONNECT_SWAPPED);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_unit_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_unit_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_unit_row), self);
  gtk_list_view_set_factory (self->units_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->units_view, GTK_SELECTION_MODEL (self->units_selection));
  _orgmap_side_panel_init_drop (self);
}

GtkWidget *
orgmap_side_panel_new (void)
{
  return g_object_new (ORGMAP_TYPE_SIDE_PANEL, NULL);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "orgmap-history.h"
#include "orgmap-link-table.h"
#include "orgmap-side-panel.h"

G_BEGIN_DECLS

/* The side panel spans orgmap-side-panel.c (the tree, searching, the
 * selection) and orgmap-side-panel-drop.c (reorganising by drag and drop). */
struct _OrgmapSidePanel
{
  GtkWidget           parent_instance;

  GtkSearchEntry     *search_entry;
  GtkLabel           *units_message;
  GtkListView        *units_view;
  OrgmapLinkTable    *link_table;

  OrgmapDocument     *document;
  OrgmapViewState    *view;
  OrgmapHistory      *history;

  /* Units: one item per handle, made when first shown */
  GPtrArray          *unit_items;
  guint32            *sibling_index;   /* a unit's position among its siblings */
  GtkTreeListModel   *tree;
  /* Searching: every unit in tree order and its folded name, made at the
   * first search; the matches as a flat list */
  GListStore         *all_units;
  char              **search_keys;
  guint               n_search_keys;
  GtkCustomFilter    *filter;
  GtkTreeListModel   *matches;
  char               *query;           /* folded; NULL when not searching */
  GtkSingleSelection *units_selection;

  /* Set while the panel changes its own selection: it is not news. */
  guint               updating;
  /* The document changed while the panel was hidden: rebuild when shown. */
  gboolean            stale;

  /* Drag and drop: the row under the pointer, and the timeout that hides
   * the message of a refused move. */
  GtkWidget          *drop_row;
  guint               message_timeout;
};

/* In orgmap-side-panel.c */
guint32 _orgmap_side_panel_item_handle   (gpointer         item);
/* Opens the branches down to @unit and scrolls its row into view. */
void    _orgmap_side_panel_reveal_unit   (OrgmapSidePanel *self,
                                          guint32          unit);

/* In orgmap-side-panel-drop.c */
void     _orgmap_side_panel_init_drop     (OrgmapSidePanel *self);
/* Makes the row widget @row (the child of @list_item) a drag source. */
void     _orgmap_side_panel_setup_drag    (OrgmapSidePanel *self,
                                           GtkListItem     *list_item,
                                           GtkWidget       *row);
/* Moves @unit under @new_parent (ORGMAP_NONE: a root) as a drop does;
 * a refused move shows its message above the tree and changes nothing. */
gboolean _orgmap_side_panel_drop_unit     (OrgmapSidePanel *self,
                                           guint32          unit,
                                           guint32          new_parent);
void     _orgmap_side_panel_show_message  (OrgmapSidePanel *self,
                                           const char      *message);
void     _orgmap_side_panel_clear_message (OrgmapSidePanel *self);

G_END_DECLS

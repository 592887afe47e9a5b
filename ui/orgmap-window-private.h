/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "orgmap-inspector.h"
#include "orgmap-legend.h"
#include "orgmap-store.h"
#include "orgmap-window.h"

G_BEGIN_DECLS

/* The window's parts, shared by the files that make it up: the window
 * itself (orgmap-window.c), its commands (orgmap-window-actions.c), where
 * its map is kept (orgmap-window-files.c) and editing (orgmap-window-edit.c). */
struct _OrgmapWindow
{
  GtkApplicationWindow  parent_instance;

  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  GtkDropDown          *round_dropdown;
  GtkStringList        *round_names;
  OrgmapCanvas         *canvas;
  OrgmapLegend         *legend;
  GtkWidget            *side_pane;
  OrgmapSidePanel      *side_panel;
  OrgmapInspector      *inspector;
  GtkLabel             *summary_label;
  GtkMenuButton        *menu_button;
  GtkToggleButton      *link_tool;
  GMenu                *recent_submenu;
  GMenu                *history_section;
  GtkRevealer          *banner;
  GtkLabel             *banner_label;
  GtkRevealer          *toast;
  GtkLabel             *toast_label;
  GtkButton            *toast_undo;
  GtkPopover           *name_popover;
  GtkLabel             *name_heading;
  GtkEntry             *name_entry;
  GtkLabel             *name_error;

  OrgmapDocument       *document;
  OrgmapHistory        *history;
  OrgmapLiveStore      *store;         /* where every edit goes, or NULL */
  GFile                *file;          /* the store's file, or NULL */
  GFile                *source;        /* the file it came from (an import), or NULL */
  char                 *title;         /* shown when the map has no name */
  char                 *subtitle;      /* shown while the map has no file */
  gboolean              draft;         /* the file is a draft in the user's data folder */
  gboolean              store_failed;  /* its failure is shown */
  guint                 draft_idle;    /* a draft is to be made for the first edit */
  guint                 toast_timeout;
  guint                 name_mode;     /* what the name popover does */
  guint32               name_target;
  GCancellable         *loading;
};

/* orgmap-window.c */
void     _orgmap_window_update_title     (OrgmapWindow *self);

/* orgmap-window-files.c */
char    *_orgmap_window_drafts_dir       (void);
void     _orgmap_window_keep_document    (OrgmapWindow *self);
void     _orgmap_window_check_store      (OrgmapWindow *self);
void     _orgmap_window_new_map          (OrgmapWindow *self);
void     _orgmap_window_save_as          (OrgmapWindow *self);
void     _orgmap_window_show_banner      (OrgmapWindow *self,
                                          const char   *text);
/* Writing failed for @reason: the banner says so and offers Save As. */
void     _orgmap_window_show_not_kept    (OrgmapWindow *self,
                                          const char   *reason);

/* orgmap-window-edit.c */
void     _orgmap_window_class_install_edit_actions (GtkWidgetClass *widget_class);
void     _orgmap_window_init_edit        (OrgmapWindow *self);
void     _orgmap_window_dispose_edit     (OrgmapWindow *self);
void     _orgmap_window_show_toast       (OrgmapWindow *self,
                                          const char   *text,
                                          gboolean      offer_undo);
void     _orgmap_window_update_edit_actions (OrgmapWindow *self);

G_END_DECLS

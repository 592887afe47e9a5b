/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "orgmap-canvas.h"
#include "orgmap-document.h"
#include "orgmap-history.h"
#include "orgmap-side-panel.h"

G_BEGIN_DECLS

#define ORGMAP_TYPE_WINDOW (orgmap_window_get_type ())
G_DECLARE_FINAL_TYPE (OrgmapWindow, orgmap_window, ORGMAP, WINDOW, GtkApplicationWindow)

OrgmapWindow   *orgmap_window_new           (GtkApplication *application);

/* Opens a document or an importable XML file in a worker thread; problems
 * are listed in a dialog and leave the window as it was. */
void            orgmap_window_open          (OrgmapWindow   *self,
                                             GFile          *file);
/* Opens the draft changed last (a map not yet saved with Save As, kept in
 * the user's data folder); FALSE when there is none. */
gboolean        orgmap_window_open_last_draft (OrgmapWindow *self);
/* Writes the map to @file (replacing it) and keeps writing every edit
 * there; FALSE, with the problem shown, when it cannot. */
gboolean        orgmap_window_save_as       (OrgmapWindow   *self,
                                             GFile          *file);
/* The file every edit is written to (an .orgmap document or a draft), or
 * NULL while the map has none. */
GFile          *orgmap_window_get_file      (OrgmapWindow   *self);
gboolean        orgmap_window_is_draft      (OrgmapWindow   *self);
/* Shows how an org chart of any kind will be read (its pages, which
 * element is a unit, a preview and the report), then imports it as a
 * draft when the person says so. */
void            orgmap_window_import        (OrgmapWindow   *self,
                                             GFile          *file);
/* Shows the bundled example organisation. */
void            orgmap_window_open_example  (OrgmapWindow   *self);
void            orgmap_window_set_document  (OrgmapWindow   *self,
                                             OrgmapDocument *document,
                                             const char     *title,
                                             const char     *subtitle);
OrgmapDocument *orgmap_window_get_document  (OrgmapWindow   *self);
OrgmapCanvas   *orgmap_window_get_canvas    (OrgmapWindow   *self);
/* The undo and redo history of the document shown. */
OrgmapHistory  *orgmap_window_get_history   (OrgmapWindow   *self);
/* Beside the map, hidden until the "side-panel-visible" property (the
 * win.toggle-panel action, F9) shows it. */
OrgmapSidePanel *orgmap_window_get_side_panel (OrgmapWindow  *self);
/* The summary line under the map, as shown. */
const char     *orgmap_window_get_summary   (OrgmapWindow   *self);

/* In orgmap-window-actions.c */
void            _orgmap_window_class_install_actions (GtkWidgetClass *widget_class);
void            _orgmap_window_watch_recent    (GMenu          *submenu);
void            _orgmap_window_watch_history   (OrgmapWindow   *self,
                                                OrgmapHistory  *history);
GMenu          *_orgmap_window_get_history_section (OrgmapWindow *self);
void            _orgmap_window_show_problems   (OrgmapWindow   *self,
                                                const char     *title,
                                                const char     *text);

G_END_DECLS

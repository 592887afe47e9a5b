/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "orgmap-history.h"
#include "orgmap-view-state.h"

G_BEGIN_DECLS

/* The "New Link" dialog: a provider unit and a client (a unit or an
 * external client), each found by typing part of its name, and the
 * service. Add Link adds the link through the history; a refused link
 * (a unit serving itself, a second link like an existing one) shows why
 * under the field concerned and the dialog stays open. An added link
 * closes the dialog and becomes the selected link in @view. */
#define ORGMAP_TYPE_LINK_DIALOG (orgmap_link_dialog_get_type ())
G_DECLARE_FINAL_TYPE (OrgmapLinkDialog, orgmap_link_dialog, ORGMAP, LINK_DIALOG, GtkWindow)

typedef enum
{
  ORGMAP_LINK_DIALOG_PROVIDER,
  ORGMAP_LINK_DIALOG_CLIENT,
  ORGMAP_LINK_DIALOG_SERVICE,
} OrgmapLinkDialogField;

/* Modal over @parent. With a unit selected in @view, it is the provider. */
OrgmapLinkDialog   *orgmap_link_dialog_new         (GtkWindow             *parent,
                                                    OrgmapHistory         *history,
                                                    OrgmapViewState       *view);

/* The parts, for tests and accessibility. Typing in the provider or client
 * entry filters its list of matches (OrgmapHandleItem items, party
 * handles) and highlights the first; Up and Down move in the list; Enter
 * (the entry's "activate") picks the highlighted party. The error label
 * under a field is hidden when there is nothing to say. */
GtkEditable        *orgmap_link_dialog_get_entry   (OrgmapLinkDialog      *self,
                                                    OrgmapLinkDialogField  field);
/* NULL for the service. */
GtkSingleSelection *orgmap_link_dialog_get_matches (OrgmapLinkDialog      *self,
                                                    OrgmapLinkDialogField  field);
GtkLabel           *orgmap_link_dialog_get_error   (OrgmapLinkDialog      *self,
                                                    OrgmapLinkDialogField  field);
/* The provider or client picked (highlighted), or ORGMAP_NONE. */
guint32             orgmap_link_dialog_get_party   (OrgmapLinkDialog      *self,
                                                    OrgmapLinkDialogField  field);

G_END_DECLS

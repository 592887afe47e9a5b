/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "orgmap-history.h"
#include "orgmap-view-state.h"

G_BEGIN_DECLS

/* The "Rounds" dialog: the document's rounds (name, date, how many ratings),
 * to add, rename or re-date, delete (after asking, with the number of
 * ratings that go with the round) and show on the map (the view state's
 * round). Edits go through the history; a refused one says why under the
 * field concerned. The list follows the document, undo included.
 *
 * Its actions, for the buttons and for tests: rounds.new (the form for a
 * new round), rounds.edit (the form for the selected round), rounds.save
 * (the form's Add or Save), rounds.delete (asks about the selected round),
 * rounds.confirm-delete, rounds.cancel (leaves the form or the question),
 * rounds.show (shows the selected round on the map). */
#define ORGMAP_TYPE_ROUNDS_DIALOG (orgmap_rounds_dialog_get_type ())
G_DECLARE_FINAL_TYPE (OrgmapRoundsDialog, orgmap_rounds_dialog, ORGMAP, ROUNDS_DIALOG, GtkWindow)

/* Modal over @parent. */
OrgmapRoundsDialog *orgmap_rounds_dialog_new            (GtkWindow          *parent,
                                                         OrgmapHistory      *history,
                                                         OrgmapViewState    *view);

/* The parts, for tests and accessibility. The list has one row per round,
 * in document order. */
GtkListBox         *orgmap_rounds_dialog_get_list       (OrgmapRoundsDialog *self);
/* The selected round, or ORGMAP_NONE; selecting one selects its row. */
guint32             orgmap_rounds_dialog_get_selected   (OrgmapRoundsDialog *self);
void                orgmap_rounds_dialog_select         (OrgmapRoundsDialog *self,
                                                         guint32             round);
GtkEditable        *orgmap_rounds_dialog_get_name_entry (OrgmapRoundsDialog *self);
GtkEditable        *orgmap_rounds_dialog_get_date_entry (OrgmapRoundsDialog *self);
/* Under the fields; hidden when there is nothing to say. */
GtkLabel           *orgmap_rounds_dialog_get_name_error (OrgmapRoundsDialog *self);
GtkLabel           *orgmap_rounds_dialog_get_date_error (OrgmapRoundsDialog *self);
/* The question asked before deleting. */
GtkLabel           *orgmap_rounds_dialog_get_question   (OrgmapRoundsDialog *self);
/* "actions", "form" or "confirm". */
const char         *orgmap_rounds_dialog_get_mode       (OrgmapRoundsDialog *self);

G_END_DECLS

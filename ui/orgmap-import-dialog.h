/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "orgmap-document.h"
#include "orgmap-format.h"

G_BEGIN_DECLS

/* The "Import" dialog: reads a foreign org chart (draw.io, GraphML, the
 * XML of an HR system or chart widget, Orgmap XML) in a worker thread,
 * shows how it will be read — the page of a draw.io file; for generic XML
 * which records are units and where their name, id, parent and department
 * are, and whether people or their departments become units — with a
 * preview of the first units and the report of the import. Every choice
 * imports the file again in a worker thread; a choice that does not work
 * says why under it and disables Import. Import emits "imported" with the
 * new document and closes the dialog; Cancel (Escape) closes it with
 * nothing imported. */
#define ORGMAP_TYPE_IMPORT_DIALOG (orgmap_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (OrgmapImportDialog, orgmap_import_dialog, ORGMAP, IMPORT_DIALOG, GtkWindow)

/* The dropdowns, shown for the kinds of file they apply to */
typedef enum
{
  ORGMAP_IMPORT_DIALOG_PAGE,        /* draw.io: the page */
  ORGMAP_IMPORT_DIALOG_UNIT,        /* generic XML: the element that is a unit */
  ORGMAP_IMPORT_DIALOG_NAME,        /* … the field holding its name */
  ORGMAP_IMPORT_DIALOG_NAME_MORE,   /* … and an optional second part of it */
  ORGMAP_IMPORT_DIALOG_ID,          /* … its id, or none */
  ORGMAP_IMPORT_DIALOG_PARENT,      /* … its parent: a field, nesting, relation records, or none */
  ORGMAP_IMPORT_DIALOG_DEPARTMENT,  /* … a person's department, or none */
} OrgmapImportDialogChoice;

/* Modal over @parent; starts reading @file at once. */
OrgmapImportDialog *orgmap_import_dialog_new              (GtkWindow                *parent,
                                                           GFile                    *file);

/* The parts, for tests and accessibility. */
OrgmapImportKind    orgmap_import_dialog_get_kind         (OrgmapImportDialog       *self);
/* TRUE while the file is read or the preview computed. */
gboolean            orgmap_import_dialog_get_busy         (OrgmapImportDialog       *self);
GtkDropDown        *orgmap_import_dialog_get_dropdown     (OrgmapImportDialog       *self,
                                                           OrgmapImportDialogChoice  choice);
/* What the selected item of a dropdown stands for, as
 * orgmap_generic_mapping_override() takes it (“FirstName”, “nesting”,
 * “none”), or the page number; NULL for “nothing more” or when hidden. */
const char         *orgmap_import_dialog_get_value        (OrgmapImportDialog       *self,
                                                           OrgmapImportDialogChoice  choice);
/* Under a dropdown: why its choice does not work; hidden otherwise. */
GtkLabel           *orgmap_import_dialog_get_error        (OrgmapImportDialog       *self,
                                                           OrgmapImportDialogChoice  choice);
/* Why the file cannot be imported at all; hidden otherwise. */
GtkLabel           *orgmap_import_dialog_get_message      (OrgmapImportDialog       *self);
/* Records of people: ORGMAP_IMPORT_PEOPLE_AS_UNITS (“Each person is a
 * unit”) or ORGMAP_IMPORT_PEOPLE_AS_DEPARTMENTS (“One unit per department”). */
GtkCheckButton     *orgmap_import_dialog_get_people_button (OrgmapImportDialog      *self,
                                                           OrgmapImportPeople        people);
/* How the file is read, in a few lines (generic XML). */
GtkLabel           *orgmap_import_dialog_get_explanation  (OrgmapImportDialog       *self);
/* One row per unit, the first 20 in document order; each row holds two
 * labels: the unit’s name and its parent’s (“—” at the top). */
GtkListBox         *orgmap_import_dialog_get_preview      (OrgmapImportDialog       *self);
/* The counts of the import */
GtkLabel           *orgmap_import_dialog_get_report       (OrgmapImportDialog       *self);
/* The notes of the import, or the problems of a failed one: strings,
 * each with its line and column. */
GListModel         *orgmap_import_dialog_get_notes        (OrgmapImportDialog       *self);
GtkWidget          *orgmap_import_dialog_get_import_button (OrgmapImportDialog      *self);

G_END_DECLS

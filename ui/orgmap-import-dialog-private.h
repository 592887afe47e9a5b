/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "orgmap-import-dialog.h"
#include "orgmap-import-generic.h"

G_BEGIN_DECLS

/* The import dialog spans two files: orgmap-import-dialog.c builds the form
 * and turns the person's choices into a mapping; orgmap-import-dialog-worker.c
 * reads and imports the file in worker threads and shows what they found:
 * the kind of file, the preview, the report and the notes. */

#define N_CHOICES (ORGMAP_IMPORT_DIALOG_DEPARTMENT + 1)
#define NO_CAUSE ((OrgmapImportDialogChoice) -1)

/* One dropdown: what its items say, and what each stands for. The second
 * part of the name shares the name's row and its error label. */
typedef struct
{
  GtkWidget   *label;
  GtkWidget   *box;      /* the dropdown and what goes along it, in the grid */
  GtkDropDown *dropdown;
  GtkLabel    *error;
  GPtrArray   *values;   /* char *, NULL allowed */
} Choice;

struct _OrgmapImportDialog
{
  GtkWindow             parent_instance;

  GtkWidget            *cancel_button;
  GtkWidget            *import_button;
  GtkSpinner           *reading_spinner;
  GtkLabel             *kind_label;
  GtkLabel             *message_label;
  GtkWidget            *formats_label;
  GtkWidget            *body_box;
  GtkWidget            *choices_box;
  GtkGrid              *choices_grid;
  GtkLabel             *explain_label;
  GtkWidget            *results_box;
  GtkSpinner           *preview_spinner;
  GtkLabel             *preview_count;
  GtkListBox           *preview_list;
  GtkLabel             *preview_placeholder;
  GtkLabel             *report_label;
  GtkWidget            *notes_box;
  GtkLabel             *notes_heading;
  GtkListView          *notes_view;

  Choice                choices[N_CHOICES];
  GtkLabel             *unit_count;
  GtkWidget            *people_box;
  GtkCheckButton       *departments_button;
  GtkCheckButton       *people_button;
  GtkStringList        *notes;

  char                 *path;
  char                 *name;       /* the file's, for people */
  GCancellable         *detecting;  /* set while the file is read */
  GCancellable         *previewing; /* set while the preview is computed */
  OrgmapImportKind      kind;
  OrgmapGenericMapping  detected;   /* generic XML: as found in the file */
  OrgmapGenericMapping  base;       /* … for the unit element chosen */
  /* The import of the choices shown, ready to hand over; NULL while it is
   * computed or when the choices do not work. */
  OrgmapDocument       *document;
  /* Set while the dialog changes choices itself: not the person's choice. */
  guint                 updating;
};

/* orgmap-import-dialog.c */
const char *_orgmap_import_dialog_choice_value         (OrgmapImportDialog          *self,
                                                        OrgmapImportDialogChoice     choice);
void        _orgmap_import_dialog_set_pages            (OrgmapImportDialog          *self,
                                                        char                       **pages);
void        _orgmap_import_dialog_set_row_visible      (OrgmapImportDialog          *self,
                                                        OrgmapImportDialogChoice     choice,
                                                        gboolean                     visible);
/* @message under the choice, or NULL to hide it */
void        _orgmap_import_dialog_set_error            (OrgmapImportDialog          *self,
                                                        OrgmapImportDialogChoice     choice,
                                                        const char                  *message);
void        _orgmap_import_dialog_fill_generic_choices (OrgmapImportDialog          *self,
                                                        gboolean                     units_too);
gboolean    _orgmap_import_dialog_build_mapping        (OrgmapImportDialog          *self,
                                                        OrgmapGenericMapping        *out,
                                                        GError                     **error);
void        _orgmap_import_dialog_show_explanation     (OrgmapImportDialog          *self,
                                                        const OrgmapGenericMapping  *mapping);

/* orgmap-import-dialog-worker.c */
/* Starts reading the file at self->path in a worker thread. */
void        _orgmap_import_dialog_detect               (OrgmapImportDialog          *self);
/* The choices changed: imports again in a worker thread. */
void        _orgmap_import_dialog_refresh              (OrgmapImportDialog          *self,
                                                        OrgmapImportDialogChoice     cause);
void        _orgmap_import_dialog_show_failure         (OrgmapImportDialog          *self,
                                                        const char                  *message,
                                                        GPtrArray                   *notes);

G_END_DECLS

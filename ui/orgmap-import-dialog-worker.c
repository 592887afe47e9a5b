/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-ui"

#include "config.h"

#include "orgmap-import-dialog-private.h"

#include <string.h>

#include <glib/gi18n.h>

#include "orgmap-problem.h"

/* The import dialog's worker threads: one reads the file to tell its kind
 * and what it holds, then each set of choices imports it again. Their
 * results come back to the main thread, which shows them; a dialog gone
 * or a choice changed meanwhile cancels them, and their results are dropped. */

#define PREVIEW_ROWS 20

/* ------------------------------------------------------------------------ */
/* Notes and reports, in words a person reads */

/* “Line 101, column 5: …”; made in the worker threads. */
static GPtrArray *
format_notes (OrgmapProblems *problems)
{
  GPtrArray *notes = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < orgmap_problems_count (problems); i++)
    {
      const OrgmapProblem *p = orgmap_problems_get (problems, i);

      if (p->line > 0 && p->column > 0)
        /* Translators: a note on an imported file */
        g_ptr_array_add (notes, g_strdup_printf (_("Line %d, column %d: %s"), p->line, p->column, p->message));
      else if (p->line > 0)
        /* Translators: a note on an imported file */
        g_ptr_array_add (notes, g_strdup_printf (_("Line %d: %s"), p->line, p->message));
      else
        g_ptr_array_add (notes, g_strdup (p->message));
    }
  return notes;
}

static void add_line (GString    *text,
                      const char *format,
                      ...) G_GNUC_PRINTF (2, 3);

static void
add_line (GString    *text,
          const char *format,
          ...)
{
  va_list args;

  if (text->len > 0)
    g_string_append_c (text, '\n');
  va_start (args, format);
  g_string_append_vprintf (text, format, args);
  va_end (args);
}

static char *
report_text (const OrgmapImportReport *r)
{
  GString *text = g_string_new (NULL);

  if (r->kind == ORGMAP_IMPORT_GENERIC && r->departments)
    {
      add_line (text, ngettext ("%u unit, one per department", "%u units, one per department", r->n_units),
                r->n_units);
      add_line (text, ngettext ("%u person placed in their department", "%u people placed in their departments",
                                r->n_people),
                r->n_people);
      if (r->n_without_department > 0)
        add_line (text, ngettext ("%u person left out, having no department",
                                  "%u people left out, having no department", r->n_without_department),
                  r->n_without_department);
    }
  else
    add_line (text, ngettext ("%u unit", "%u units", r->n_units), r->n_units);

  if (r->kind != ORGMAP_IMPORT_NATIVE)
    add_line (text, ngettext ("%u placed under its parent", "%u placed under their parents", r->n_hierarchy_edges),
              r->n_hierarchy_edges);
  if (r->n_grouped > 0)
    add_line (text, ngettext ("%u placed inside the group it is drawn in",
                              "%u placed inside the groups they are drawn in", r->n_grouped),
              r->n_grouped);

  if (r->kind == ORGMAP_IMPORT_NATIVE)
    add_line (text, ngettext ("%u internal-client link", "%u internal-client links", r->n_links), r->n_links);
  else if (r->n_links == 0)
    add_line (text, "%s", _("No links between units"));
  else if (r->kind == ORGMAP_IMPORT_GENERIC)
    add_line (text, ngettext ("%u link between units, kept where a unit had a second parent or its parents went round in a loop",
                              "%u links between units, kept where a unit had a second parent or its parents went round in a loop",
                              r->n_links),
              r->n_links);
  else
    add_line (text, ngettext ("%u link between units, from a line that cannot be a line of command",
                              "%u links between units, from lines that cannot be lines of command", r->n_links),
              r->n_links);

  if (r->kind == ORGMAP_IMPORT_DRAWIO || r->n_skipped_shapes > 0)
    add_line (text, ngettext ("%u decorative shape left out (no text, no lines)",
                              "%u decorative shapes left out (no text, no lines)", r->n_skipped_shapes),
              r->n_skipped_shapes);
  if (r->n_junctions > 0)
    add_line (text, ngettext ("%u waypoint joined: its lines lead on to units",
                              "%u waypoints joined: their lines lead on to units", r->n_junctions),
              r->n_junctions);
  if (r->n_ignored_edges > 0)
    add_line (text, ngettext ("%u line left out: to nothing, repeated or looping",
                              "%u lines left out: to nothing, repeated or looping", r->n_ignored_edges),
              r->n_ignored_edges);

  return g_string_free (text, FALSE);
}

typedef enum
{
  NOTES_WORKED_AROUND,  /* of an import */
  NOTES_FILE,           /* why the file cannot be imported */
  NOTES_CHOICES,        /* why it cannot be imported as chosen */
} NotesKind;

static void
show_notes (OrgmapImportDialog *self,
            GPtrArray          *notes,
            NotesKind           kind)
{
  guint n = notes != NULL ? notes->len : 0;
  g_autofree char *heading = NULL;

  gtk_string_list_splice (self->notes, 0, g_list_model_get_n_items (G_LIST_MODEL (self->notes)), NULL);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (self->notes, g_ptr_array_index (notes, i));

  if (kind == NOTES_FILE)
    heading = g_strdup_printf (ngettext ("%u problem in the file", "%u problems in the file", n), n);
  else if (kind == NOTES_CHOICES)
    heading = g_strdup_printf (ngettext ("%u problem with these choices", "%u problems with these choices", n), n);
  else
    heading = g_strdup_printf (ngettext ("%u thing Orgmap worked around", "%u things Orgmap worked around", n), n);
  gtk_label_set_text (self->notes_heading, heading);
  gtk_widget_set_visible (self->notes_box, n > 0);
}

/* ------------------------------------------------------------------------ */
/* The preview: the whole import, in a worker thread */

typedef struct
{
  char                 *path;
  char                 *name;
  OrgmapImportOptions   options;
  OrgmapGenericMapping  mapping;
  gboolean              has_mapping;
} Request;

typedef struct
{
  OrgmapDocument     *document;
  OrgmapImportReport *report;
  char               *message;
  GPtrArray          *notes;
} Outcome;

static void
request_free (Request *request)
{
  g_free (request->path);
  g_free (request->name);
  orgmap_generic_mapping_clear (&request->mapping);
  g_free (request);
}

static void
outcome_free (Outcome *outcome)
{
  g_clear_object (&outcome->document);
  g_clear_pointer (&outcome->report, orgmap_import_report_free);
  g_free (outcome->message);
  g_clear_pointer (&outcome->notes, g_ptr_array_unref);
  g_free (outcome);
}

static void
preview_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  Request *request = data;
  g_autoptr(OrgmapProblems) problems = orgmap_problems_new (request->name);
  g_autoptr(GError) error = NULL;
  Outcome *outcome = g_new0 (Outcome, 1);

  if (request->has_mapping)
    request->options.mapping = &request->mapping;
  outcome->report = orgmap_import_report_new ();
  outcome->document = orgmap_format_import (request->path, &request->options, outcome->report, problems, &error);
  if (outcome->document == NULL)
    outcome->message = g_strdup (error->message);
  outcome->notes = format_notes (problems);
  g_task_return_pointer (task, outcome, (GDestroyNotify) outcome_free);
}

static void
clear_preview (OrgmapImportDialog *self)
{
  GtkListBoxRow *row;

  /* Rows only: the placeholder is a child too. */
  while ((row = gtk_list_box_get_row_at_index (self->preview_list, 0)) != NULL)
    gtk_list_box_remove (self->preview_list, GTK_WIDGET (row));
}

static GtkWidget *
preview_row (const char *name,
             const char *parent)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name_label = gtk_label_new (name);
  GtkWidget *parent_label = gtk_label_new (parent != NULL ? parent : "—");

  gtk_box_set_homogeneous (GTK_BOX (box), TRUE);
  gtk_label_set_xalign (GTK_LABEL (name_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (parent_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (parent_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (parent_label, "dim-label");
  gtk_widget_set_tooltip_text (name_label, name);
  gtk_box_append (GTK_BOX (box), name_label);
  gtk_box_append (GTK_BOX (box), parent_label);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  return box;
}

static void
show_document (OrgmapImportDialog *self,
               OrgmapDocument     *doc)
{
  guint n = orgmap_document_get_n_units (doc);
  g_autofree char *count = NULL;

  clear_preview (self);
  gtk_label_set_text (self->preview_placeholder, _("The file has no units"));
  for (guint i = 0; i < MIN (n, PREVIEW_ROWS); i++)
    {
      const OrgmapUnit *unit = orgmap_document_get_unit (doc, i);
      const char *parent = unit->parent != ORGMAP_NONE ? orgmap_document_get_unit (doc, unit->parent)->name : NULL;
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_focusable (row, FALSE);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), preview_row (unit->name, parent));
      gtk_list_box_append (self->preview_list, row);
    }

  if (n > PREVIEW_ROWS)
    count = g_strdup_printf (_("The first %u of %u units"), PREVIEW_ROWS, n);
  else
    count = g_strdup_printf (ngettext ("Just one unit", "All %u units", n), n);
  gtk_label_set_text (self->preview_count, count);
}

/* A failed import: no preview, nothing to import */
static void
show_nothing (OrgmapImportDialog *self,
              gboolean            choice)
{
  clear_preview (self);
  gtk_label_set_text (self->preview_count, "");
  gtk_label_set_text (self->preview_placeholder,
                      choice ? _("Nothing to show while the choice marked in red does not work")
                             : _("Nothing to show: the file cannot be imported as it is read now"));
  gtk_label_set_text (self->report_label,
                      choice ? _("Nothing, until the choice marked in red is changed")
                             : _("Nothing, as the file is read now"));
}

static void
set_computing (OrgmapImportDialog *self,
               gboolean            computing)
{
  if (computing)
    gtk_label_set_text (self->preview_placeholder, _("Reading the file…"));
  gtk_spinner_set_spinning (self->preview_spinner, computing);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_spinner), computing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->preview_list), !computing);
  gtk_widget_set_sensitive (self->import_button, !computing && self->document != NULL);
}

typedef struct
{
  OrgmapImportDialog       *self;
  OrgmapImportDialogChoice  cause;
} PreviewData;

/* A failed import's summary (“… has 2 problems”) says little by itself:
 * the first problem goes along, with where it is. */
static char *
failure_text (const Outcome *outcome)
{
  if (outcome->notes->len == 1)
    return g_strdup (g_ptr_array_index (outcome->notes, 0));
  if (outcome->notes->len > 1)
    /* Translators: the first %s says how many problems a file has, the second is the first of them */
    return g_strdup_printf (_("%s, listed below. The first one: %s"), outcome->message,
                            (const char *) g_ptr_array_index (outcome->notes, 0));
  return g_strdup (outcome->message);
}

static void
preview_done (GObject      *object,
              GAsyncResult *res,
              gpointer      data)
{
  g_autofree PreviewData *pd = data;
  Outcome *outcome = g_task_propagate_pointer (G_TASK (res), NULL);
  OrgmapImportDialog *self;

  /* Cancelled: another choice was made, or the dialog is gone. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (res))))
    {
      g_clear_pointer (&outcome, outcome_free);
      return;
    }
  self = pd->self;
  g_clear_object (&self->previewing);
  g_assert (outcome != NULL);

  if (outcome->document != NULL)
    {
      g_autofree char *text = report_text (outcome->report);

      self->document = g_steal_pointer (&outcome->document);
      show_document (self, self->document);
      gtk_label_set_text (self->report_label, text);
      show_notes (self, outcome->notes, NOTES_WORKED_AROUND);
    }
  else
    {
      g_autofree char *message = failure_text (outcome);

      /* Under the choice that led here; for the file as found, above. */
      if (pd->cause != NO_CAUSE)
        _orgmap_import_dialog_set_error (self, pd->cause, message);
      else
        {
          gtk_label_set_text (self->message_label, message);
          gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
        }
      show_nothing (self, pd->cause != NO_CAUSE);
      show_notes (self, outcome->notes, pd->cause != NO_CAUSE ? NOTES_CHOICES : NOTES_FILE);
    }
  set_computing (self, FALSE);
  outcome_free (outcome);

  /* With nothing to choose, the keyboard waits on Import. */
  if (!gtk_widget_get_visible (self->choices_box) && self->document != NULL)
    gtk_widget_grab_focus (self->import_button);
}

/* The choices changed (@cause, or NO_CAUSE for the file as found): import
 * again, dropping what the previous choices gave. */
void
_orgmap_import_dialog_refresh (OrgmapImportDialog       *self,
                               OrgmapImportDialogChoice  cause)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Request *request;
  PreviewData *pd;

  if (self->previewing != NULL)
    g_cancellable_cancel (self->previewing);
  g_clear_object (&self->previewing);
  g_clear_object (&self->document);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  for (guint i = 0; i < N_CHOICES; i++)
    _orgmap_import_dialog_set_error (self, i, NULL);

  request = g_new0 (Request, 1);
  request->path = g_strdup (self->path);
  request->name = g_strdup (self->name);
  if (self->kind == ORGMAP_IMPORT_DRAWIO)
    {
      const char *page = _orgmap_import_dialog_choice_value (self, ORGMAP_IMPORT_DIALOG_PAGE);

      request->options.page = page != NULL ? (guint) g_ascii_strtoull (page, NULL, 10) : 0;
    }
  else if (self->kind == ORGMAP_IMPORT_GENERIC)
    {
      if (!_orgmap_import_dialog_build_mapping (self, &request->mapping, &error))
        {
          /* Nothing to import until another choice is made. */
          _orgmap_import_dialog_set_error (self, cause != NO_CAUSE ? cause : ORGMAP_IMPORT_DIALOG_UNIT, error->message);
          show_nothing (self, TRUE);
          show_notes (self, NULL, NOTES_CHOICES);
          set_computing (self, FALSE);
          request_free (request);
          return;
        }
      request->has_mapping = TRUE;
      _orgmap_import_dialog_show_explanation (self, &request->mapping);
      if (request->mapping.department.name == NULL)
        request->options.people = ORGMAP_IMPORT_PEOPLE_AUTO;
      else if (gtk_check_button_get_active (self->people_button))
        request->options.people = ORGMAP_IMPORT_PEOPLE_AS_UNITS;
      else
        request->options.people = ORGMAP_IMPORT_PEOPLE_AS_DEPARTMENTS;
    }

  self->previewing = g_cancellable_new ();
  pd = g_new0 (PreviewData, 1);
  pd->self = self;
  pd->cause = cause;
  /* No source object: a thread outliving the dialog must not finalize it. */
  task = g_task_new (NULL, self->previewing, preview_done, pd);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, preview_thread);
  set_computing (self, TRUE);
}

/* ------------------------------------------------------------------------ */
/* Reading the file: what kind it is, its pages or its mapping */

typedef struct
{
  gboolean              ok;
  OrgmapImportKind      kind;
  char                **pages;
  OrgmapGenericMapping  mapping;
  char                 *message;
  GPtrArray            *notes;
} Detection;

static void
detection_free (Detection *detection)
{
  g_strfreev (detection->pages);
  orgmap_generic_mapping_clear (&detection->mapping);
  g_free (detection->message);
  g_clear_pointer (&detection->notes, g_ptr_array_unref);
  g_free (detection);
}

static void
detect_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  const char *path = data;
  g_autofree char *name = g_filename_display_basename (path);
  g_autoptr(OrgmapProblems) problems = orgmap_problems_new (name);
  g_autoptr(GError) error = NULL;
  Detection *detection = g_new0 (Detection, 1);

  detection->ok = orgmap_format_detect (path, &detection->kind, NULL, problems, &error);
  if (detection->ok && detection->kind == ORGMAP_IMPORT_DRAWIO)
    {
      detection->pages = orgmap_format_list_pages (path, &error);
      detection->ok = detection->pages != NULL;
    }
  else if (detection->ok && detection->kind == ORGMAP_IMPORT_GENERIC)
    detection->ok = orgmap_generic_detect (path, &detection->mapping, problems, &error);
  if (!detection->ok)
    detection->message = g_strdup (error->message);
  detection->notes = format_notes (problems);
  g_task_return_pointer (task, detection, (GDestroyNotify) detection_free);
}

void
_orgmap_import_dialog_show_failure (OrgmapImportDialog *self,
                                    const char         *message,
                                    GPtrArray          *notes)
{
  /* Translators: %s is a file name */
  g_autofree char *title = g_strdup_printf (_("“%s” cannot be imported"), self->name);

  gtk_label_set_text (self->kind_label, title);
  gtk_widget_add_css_class (GTK_WIDGET (self->kind_label), "heading");
  gtk_label_set_text (self->message_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
  gtk_widget_set_visible (self->formats_label, TRUE);
  gtk_widget_set_visible (self->body_box, FALSE);
  show_notes (self, notes, NOTES_FILE);
  gtk_widget_grab_focus (self->cancel_button);
}

static void
show_kind (OrgmapImportDialog *self)
{
  g_autofree char *text = NULL;

  switch (self->kind)
    {
    case ORGMAP_IMPORT_DRAWIO:
      /* Translators: %s is a file name */
      text = g_strdup_printf (_("“%s” is a draw.io diagram. Each box with text becomes a unit; the lines between boxes, and the boxes drawn inside others, say which unit is under which."),
                              self->name);
      break;
    case ORGMAP_IMPORT_GRAPHML:
      /* Translators: %s is a file name */
      text = g_strdup_printf (_("“%s” is a GraphML graph, as yEd and Gephi write. Each node becomes a unit; the edges between them say which unit is under which."),
                              self->name);
      break;
    case ORGMAP_IMPORT_GENERIC:
      /* Translators: %s is a file name */
      text = g_strdup_printf (_("“%s” is an org chart in XML, as HR systems and chart widgets write. Check how Orgmap reads it in the preview, and change what is wrong."),
                              self->name);
      break;
    case ORGMAP_IMPORT_NATIVE:
    default:
      /* Translators: %s is a file name */
      text = g_strdup_printf (_("“%s” is an Orgmap XML file: it is imported as it is."), self->name);
      break;
    }
  gtk_label_set_text (self->kind_label, text);
}

static void
detect_done (GObject      *object,
             GAsyncResult *res,
             gpointer      data)
{
  Detection *detection = g_task_propagate_pointer (G_TASK (res), NULL);
  OrgmapImportDialog *self;
  gboolean generic, drawio;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (res))))
    {
      g_clear_pointer (&detection, detection_free);
      return;
    }
  self = data;
  g_clear_object (&self->detecting);
  g_assert (detection != NULL);
  gtk_spinner_set_spinning (self->reading_spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->reading_spinner), FALSE);

  if (!detection->ok)
    {
      _orgmap_import_dialog_show_failure (self, detection->message, detection->notes);
      detection_free (detection);
      return;
    }

  self->kind = detection->kind;
  show_kind (self);
  generic = self->kind == ORGMAP_IMPORT_GENERIC;
  drawio = self->kind == ORGMAP_IMPORT_DRAWIO;

  if (drawio)
    _orgmap_import_dialog_set_pages (self, detection->pages);
  else if (generic)
    {
      self->detected = detection->mapping;
      memset (&detection->mapping, 0, sizeof detection->mapping);
      orgmap_generic_mapping_copy (&self->base, &self->detected);
      _orgmap_import_dialog_fill_generic_choices (self, TRUE);
      /* Departments by default, as the tool imports them. */
      self->updating++;
      gtk_check_button_set_active (self->departments_button, TRUE);
      self->updating--;
    }

  _orgmap_import_dialog_set_row_visible (self, ORGMAP_IMPORT_DIALOG_PAGE, drawio);
  for (guint i = ORGMAP_IMPORT_DIALOG_UNIT; i < N_CHOICES; i++)
    if (i != ORGMAP_IMPORT_DIALOG_NAME_MORE)
      _orgmap_import_dialog_set_row_visible (self, i, generic);
  gtk_widget_set_visible (self->people_box, FALSE);
  gtk_widget_set_visible (self->choices_box, generic || drawio);
  gtk_widget_set_visible (self->results_box, TRUE);

  _orgmap_import_dialog_refresh (self, NO_CAUSE);
  detection_free (detection);

  /* The keyboard starts at the first choice. */
  if (generic || drawio)
    gtk_widget_grab_focus (GTK_WIDGET (self->choices[drawio ? ORGMAP_IMPORT_DIALOG_PAGE
                                                            : ORGMAP_IMPORT_DIALOG_UNIT].dropdown));
}

void
_orgmap_import_dialog_detect (OrgmapImportDialog *self)
{
  g_autoptr(GTask) task = NULL;

  self->detecting = g_cancellable_new ();
  task = g_task_new (NULL, self->detecting, detect_done, self);
  g_task_set_task_data (task, g_strdup (self->path), g_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, detect_thread);
}

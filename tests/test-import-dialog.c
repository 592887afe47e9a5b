/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "orgmap-import-dialog.h"
#include "orgmap-resources.h"
#include "orgmap-test-ui.h"
#include "orgmap-xml-import.h"

/* The Import dialog on real org charts (../shared/corpus, through
 * ORGMAP_CORPUS_DIR) and on files written here, as a person sees it:
 * what it found, the preview and report, choices that work and choices
 * that do not. They need a display (the test command provides one). */

typedef struct
{
  GtkWindow      *parent;
  OrgmapDocument *imported;
  guint           n_imported;
  char           *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->parent, 1100, 800);
  gtk_window_present (fixture->parent);
  fixture->dir = g_dir_make_tmp ("orgmap-import-dialog-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->parent);
  g_clear_object (&fixture->imported);
  remove_dir (fixture->dir);
  g_free (fixture->dir);
  /* Let destroyed windows go. */
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* A file of the corpus; the tests fail, never skip, without it. */
static char *
corpus_file (const char *name)
{
  const char *dir = g_getenv ("ORGMAP_CORPUS_DIR");
  char *path;

  if (dir == NULL)
    {
      g_test_fail_printf ("ORGMAP_CORPUS_DIR is not set: these tests need the real org charts of ../shared/corpus");
      return NULL;
    }
  path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return path;
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static gboolean
not_busy (gpointer data)
{
  return !orgmap_import_dialog_get_busy (data);
}

static void
wait_done (OrgmapImportDialog *dialog)
{
  orgmap_test_wait_for (not_busy, dialog);
  orgmap_test_settle ();
}

static void
on_imported (OrgmapImportDialog *dialog,
             OrgmapDocument     *document,
             Fixture            *fixture)
{
  g_assert_true (ORGMAP_IS_DOCUMENT (document));
  g_clear_object (&fixture->imported);
  fixture->imported = g_object_ref (document);
  fixture->n_imported++;
}

/* Shown, the file read and its preview made. The dialog is NULLed
 * through a weak pointer when it closes. */
static OrgmapImportDialog *
open_dialog (Fixture             *fixture,
             const char          *path,
             OrgmapImportDialog **weak)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  OrgmapImportDialog *dialog = orgmap_import_dialog_new (fixture->parent, file);

  *weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) weak);
  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported), fixture);
  gtk_window_present (GTK_WINDOW (dialog));
  orgmap_test_wait_for (widget_mapped, dialog);
  wait_done (dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == fixture->parent);
  return dialog;
}

/* What the dropdown's selected item says */
static const char *
shown (OrgmapImportDialog       *dialog,
       OrgmapImportDialogChoice  choice)
{
  GtkDropDown *dropdown = orgmap_import_dialog_get_dropdown (dialog, choice);
  gpointer item = gtk_drop_down_get_selected_item (dropdown);

  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (dropdown)));
  g_assert_true (GTK_IS_STRING_OBJECT (item));
  return gtk_string_object_get_string (item);
}

/* Picks the item that says @label, as a person would, and waits for the
 * preview. */
static void
choose (OrgmapImportDialog       *dialog,
        OrgmapImportDialogChoice  choice,
        const char               *label)
{
  GtkDropDown *dropdown = orgmap_import_dialog_get_dropdown (dialog, choice);
  GListModel *items = gtk_drop_down_get_model (dropdown);

  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (dropdown)));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (dropdown)));
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (items, i);

      if (strcmp (gtk_string_object_get_string (item), label) == 0)
        {
          gtk_drop_down_set_selected (dropdown, i);
          wait_done (dialog);
          g_assert_cmpstr (shown (dialog, choice), ==, label);
          return;
        }
    }
  g_error ("No item “%s” in the dropdown", label);
}

static void
choose_people (OrgmapImportDialog *dialog,
               OrgmapImportPeople  people)
{
  GtkCheckButton *button = orgmap_import_dialog_get_people_button (dialog, people);

  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (button)));
  gtk_check_button_set_active (button, TRUE);
  wait_done (dialog);
}

static guint
n_rows (OrgmapImportDialog *dialog)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (orgmap_import_dialog_get_preview (dialog), n) != NULL)
    n++;
  return n;
}

/* “name | parent” */
static char *
row_text (OrgmapImportDialog *dialog,
          guint               index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (orgmap_import_dialog_get_preview (dialog), index);
  GtkWidget *name, *parent;

  g_assert_nonnull (row);
  name = gtk_widget_get_first_child (gtk_list_box_row_get_child (row));
  parent = gtk_widget_get_next_sibling (name);
  return g_strdup_printf ("%s | %s", gtk_label_get_text (GTK_LABEL (name)), gtk_label_get_text (GTK_LABEL (parent)));
}

static void
assert_row (OrgmapImportDialog *dialog,
            guint               index,
            const char         *expected)
{
  g_autofree char *text = row_text (dialog, index);

  g_assert_cmpstr (text, ==, expected);
}

static gboolean
label_has (GtkLabel   *label,
           const char *text)
{
  return gtk_widget_is_visible (GTK_WIDGET (label)) && strstr (gtk_label_get_text (label), text) != NULL;
}

/* The message under a choice, checked to look like one */
static const char *
error_shown (OrgmapImportDialog       *dialog,
             OrgmapImportDialogChoice  choice)
{
  GtkLabel *label = orgmap_import_dialog_get_error (dialog, choice);

  if (!gtk_widget_is_visible (GTK_WIDGET (label)))
    return NULL;
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (label), "error"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (orgmap_import_dialog_get_dropdown (dialog, choice)), "error"));
  return gtk_label_get_text (label);
}

static gboolean
has_note (OrgmapImportDialog *dialog,
          const char         *start,
          const char         *text)
{
  GListModel *notes = orgmap_import_dialog_get_notes (dialog);

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(GtkStringObject) note = g_list_model_get_item (notes, i);
      const char *s = gtk_string_object_get_string (note);

      if (g_str_has_prefix (s, start) && strstr (s, text) != NULL)
        return TRUE;
    }
  return FALSE;
}

static gboolean
can_import (OrgmapImportDialog *dialog)
{
  GtkWidget *button = orgmap_import_dialog_get_import_button (dialog);

  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (dialog)) == button);
  return gtk_widget_is_sensitive (button);
}

static gboolean
focus_in (GtkWidget *window,
          gpointer   widget)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Enter, as the window's key handling gets it: TRUE when it took it */
static gboolean
send_enter (OrgmapImportDialog *dialog)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (dialog));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_Return, 0, (GdkModifierType) 0, &handled);
    }
  return handled;
}

static void
press_enter (OrgmapImportDialog *dialog)
{
  g_assert_true (send_enter (dialog));
}

static void
click_import (OrgmapImportDialog *dialog)
{
  GtkWidget *button = orgmap_import_dialog_get_import_button (dialog);

  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Import");
  g_signal_emit_by_name (button, "clicked");
}

static GtkWidget *
find_cancel (OrgmapImportDialog *dialog)
{
  GtkWidget *cancel = gtk_window_get_titlebar (GTK_WINDOW (dialog));

  while (cancel != NULL && !GTK_IS_BUTTON (cancel))
    cancel = gtk_widget_get_first_child (cancel);
  g_assert_nonnull (cancel);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (cancel)), ==, "_Cancel");
  return cancel;
}

/* Generic XML: the telerik widget's people, nested */

static void
test_telerik (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = corpus_file ("11_telerik_xamlsdk_Organization_nested_Node.xml");
  OrgmapImportDialog *dialog;
  GtkLabel *report;

  if (path == NULL)
    return;
  open_dialog (fixture, path, &dialog);
  g_assert_cmpint (orgmap_import_dialog_get_kind (dialog), ==, ORGMAP_IMPORT_GENERIC);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==,
                   "Import “11_telerik_xamlsdk_Organization_nested_Node.xml”");
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (orgmap_import_dialog_get_message (dialog))));

  /* What was found, in plain words */
  g_assert_null (orgmap_import_dialog_get_value (dialog, ORGMAP_IMPORT_DIALOG_PAGE));
  g_assert_cmpstr (shown (dialog, ORGMAP_IMPORT_DIALOG_UNIT), ==, "Node");
  g_assert_cmpstr (shown (dialog, ORGMAP_IMPORT_DIALOG_NAME), ==, "FirstName");
  g_assert_cmpstr (shown (dialog, ORGMAP_IMPORT_DIALOG_NAME_MORE), ==, "LastName");
  g_assert_cmpstr (shown (dialog, ORGMAP_IMPORT_DIALOG_ID), ==, "None: told apart by their place in the file");
  g_assert_cmpstr (shown (dialog, ORGMAP_IMPORT_DIALOG_PARENT), ==, "The one it sits inside in the file");
  g_assert_cmpstr (orgmap_import_dialog_get_value (dialog, ORGMAP_IMPORT_DIALOG_PARENT), ==, "nesting");
  g_assert_cmpstr (shown (dialog, ORGMAP_IMPORT_DIALOG_DEPARTMENT), ==, "Branch (4 departments)");
  g_assert_true (label_has (orgmap_import_dialog_get_explanation (dialog), "“FirstName” and the attribute “LastName”"));
  g_assert_true (label_has (orgmap_import_dialog_get_explanation (dialog), "“Branch”"));

  /* Departments by default */
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (orgmap_import_dialog_get_people_button (dialog, ORGMAP_IMPORT_PEOPLE_AS_DEPARTMENTS))));
  g_assert_true (gtk_check_button_get_active (orgmap_import_dialog_get_people_button (dialog, ORGMAP_IMPORT_PEOPLE_AS_DEPARTMENTS)));
  g_assert_false (gtk_check_button_get_active (orgmap_import_dialog_get_people_button (dialog, ORGMAP_IMPORT_PEOPLE_AS_UNITS)));
  g_assert_cmpuint (n_rows (dialog), ==, 4);
  assert_row (dialog, 0, "TopManagement | —");
  assert_row (dialog, 1, "QA | TopManagement");
  report = orgmap_import_dialog_get_report (dialog);
  g_assert_true (label_has (report, "4 units, one per department"));
  g_assert_true (label_has (report, "18 people placed in their departments"));
  g_assert_true (label_has (report, "No links between units"));
  g_assert_true (can_import (dialog));
  /* The keyboard starts at the first choice. */
  g_assert_true (focus_in (GTK_WIDGET (dialog), orgmap_import_dialog_get_dropdown (dialog, ORGMAP_IMPORT_DIALOG_UNIT)));
  orgmap_test_keep_screenshot (GTK_WIDGET (dialog), "import-telerik.png");

  /* The people themselves */
  choose_people (dialog, ORGMAP_IMPORT_PEOPLE_AS_UNITS);
  g_assert_cmpuint (n_rows (dialog), ==, 18);
  assert_row (dialog, 0, "Andrew Fuller | —");
  assert_row (dialog, 1, "Jeremy Boather | Andrew Fuller");
  g_assert_true (label_has (report, "18 units"));
  g_assert_false (label_has (report, "department"));
  g_assert_true (can_import (dialog));
  orgmap_test_keep_screenshot (GTK_WIDGET (dialog), "import-telerik-people.png");

  /* Another name: one field, no second part */
  choose (dialog, ORGMAP_IMPORT_DIALOG_NAME, "Position");
  choose (dialog, ORGMAP_IMPORT_DIALOG_NAME_MORE, "nothing more");
  assert_row (dialog, 0, "CEO | —");
  assert_row (dialog, 1, "President QA | CEO");
  g_assert_true (label_has (orgmap_import_dialog_get_explanation (dialog), "Name: the attribute “Position”"));

  /* A flat list */
  choose (dialog, ORGMAP_IMPORT_DIALOG_PARENT, "None: every unit at the top");
  assert_row (dialog, 1, "President QA | —");

  /* Departments again, from another field */
  choose (dialog, ORGMAP_IMPORT_DIALOG_DEPARTMENT, "Address (2 departments)");
  choose_people (dialog, ORGMAP_IMPORT_PEOPLE_AS_DEPARTMENTS);
  g_assert_cmpuint (n_rows (dialog), ==, 2);
  g_assert_true (label_has (report, "2 units, one per department"));

  /* No department: the choice of people goes. */
  choose (dialog, ORGMAP_IMPORT_DIALOG_DEPARTMENT, "None");
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (orgmap_import_dialog_get_people_button (dialog, ORGMAP_IMPORT_PEOPLE_AS_UNITS))));
  g_assert_cmpuint (n_rows (dialog), ==, 18);
  g_assert_cmpuint (fixture->n_imported, ==, 0);

  /* Choices made while the preview is computed: the last one wins. */
  choose (dialog, ORGMAP_IMPORT_DIALOG_DEPARTMENT, "Branch (4 departments)");
  gtk_check_button_set_active (orgmap_import_dialog_get_people_button (dialog, ORGMAP_IMPORT_PEOPLE_AS_UNITS), TRUE);
  gtk_check_button_set_active (orgmap_import_dialog_get_people_button (dialog, ORGMAP_IMPORT_PEOPLE_AS_DEPARTMENTS), TRUE);
  g_assert_false (can_import (dialog));
  wait_done (dialog);
  g_assert_cmpuint (n_rows (dialog), ==, 4);
  g_assert_true (can_import (dialog));

  gtk_window_destroy (GTK_WINDOW (dialog));
  orgmap_test_settle ();
  g_assert_null (dialog);
  g_assert_cmpuint (fixture->n_imported, ==, 0);
}

/* Choices that do not work say why under them, and nothing is imported. */
static void
test_telerik_wrong_choice (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = corpus_file ("11_telerik_xamlsdk_Organization_nested_Node.xml");
  OrgmapImportDialog *dialog;
  const char *message;

  if (path == NULL)
    return;
  open_dialog (fixture, path, &dialog);

  /* A name field that is not unique cannot be an id: the import fails. */
  choose (dialog, ORGMAP_IMPORT_DIALOG_ID, "Branch");
  message = error_shown (dialog, ORGMAP_IMPORT_DIALOG_ID);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "already used"));
  g_assert_false (can_import (dialog));
  g_assert_cmpuint (n_rows (dialog), ==, 0);
  g_assert_true (label_has (orgmap_import_dialog_get_report (dialog), "Nothing, until the choice marked in red is changed"));
  /* Where, in the file */
  g_assert_true (has_note (dialog, "Line 6, column 4: ", "The id “QA” is already used by the <Node> on line 5"));
  g_assert_cmpuint (g_list_model_get_n_items (orgmap_import_dialog_get_notes (dialog)), ==, 14);
  orgmap_test_keep_screenshot (GTK_WIDGET (dialog), "import-telerik-wrong-id.png");
  press_enter (dialog);
  orgmap_test_settle ();
  g_assert_nonnull (dialog);
  g_assert_cmpuint (fixture->n_imported, ==, 0);

  /* Back: it works again. */
  choose (dialog, ORGMAP_IMPORT_DIALOG_ID, "None: told apart by their place in the file");
  g_assert_null (error_shown (dialog, ORGMAP_IMPORT_DIALOG_ID));
  g_assert_cmpuint (n_rows (dialog), ==, 4);
  g_assert_true (can_import (dialog));

  /* A parent by id, for units that have none: refused at once. */
  choose (dialog, ORGMAP_IMPORT_DIALOG_PARENT, "The one whose id is in “Email”");
  message = error_shown (dialog, ORGMAP_IMPORT_DIALOG_PARENT);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "give their id field as well"));
  g_assert_false (can_import (dialog));
  g_assert_cmpuint (n_rows (dialog), ==, 0);

  /* With an id, the parent field works: no one's email is in anyone's
   * Email as a parent, so everyone is at the top, and that is said. */
  choose (dialog, ORGMAP_IMPORT_DIALOG_ID, "Email");
  g_assert_null (error_shown (dialog, ORGMAP_IMPORT_DIALOG_PARENT));
  g_assert_null (error_shown (dialog, ORGMAP_IMPORT_DIALOG_ID));
  g_assert_true (can_import (dialog));

  /* A field that holds no names: every name field imports, so the
   * preview is where it shows. */
  choose (dialog, ORGMAP_IMPORT_DIALOG_PARENT, "The one it sits inside in the file");
  choose_people (dialog, ORGMAP_IMPORT_PEOPLE_AS_UNITS);
  choose (dialog, ORGMAP_IMPORT_DIALOG_NAME, "Email");
  choose (dialog, ORGMAP_IMPORT_DIALOG_NAME_MORE, "nothing more");
  assert_row (dialog, 0, "afuller@contoso.com | —");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  orgmap_test_settle ();
  g_assert_null (dialog);
  g_assert_cmpuint (fixture->n_imported, ==, 0);
}

static void
test_telerik_import (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = corpus_file ("11_telerik_xamlsdk_Organization_nested_Node.xml");
  OrgmapImportDialog *dialog;

  if (path == NULL)
    return;

  /* Import: the departments' chart, and the dialog gone */
  open_dialog (fixture, path, &dialog);
  click_import (dialog);
  orgmap_test_settle ();
  g_assert_null (dialog);
  g_assert_cmpuint (fixture->n_imported, ==, 1);
  g_assert_cmpuint (orgmap_document_get_n_units (fixture->imported), ==, 4);
  g_assert_cmpstr (orgmap_document_get_unit (fixture->imported, 0)->name, ==, "TopManagement");

  /* Enter, from the dropdown that has the keyboard, imports the people. */
  open_dialog (fixture, path, &dialog);
  choose_people (dialog, ORGMAP_IMPORT_PEOPLE_AS_UNITS);
  g_assert_true (focus_in (GTK_WIDGET (dialog), orgmap_import_dialog_get_dropdown (dialog, ORGMAP_IMPORT_DIALOG_UNIT)));
  press_enter (dialog);
  orgmap_test_settle ();
  g_assert_null (dialog);
  g_assert_cmpuint (fixture->n_imported, ==, 2);
  g_assert_cmpuint (orgmap_document_get_n_units (fixture->imported), ==, 18);
  g_assert_cmpstr (orgmap_document_get_unit (fixture->imported, 0)->name, ==, "Andrew Fuller");
}

/* Every dropdown by Tab and by its mnemonic; Escape's Cancel */
static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  static const OrgmapImportDialogChoice generic[] = {
    ORGMAP_IMPORT_DIALOG_UNIT, ORGMAP_IMPORT_DIALOG_NAME, ORGMAP_IMPORT_DIALOG_NAME_MORE,
    ORGMAP_IMPORT_DIALOG_ID, ORGMAP_IMPORT_DIALOG_PARENT, ORGMAP_IMPORT_DIALOG_DEPARTMENT,
  };
  g_autofree char *path = corpus_file ("11_telerik_xamlsdk_Organization_nested_Node.xml");
  g_autoptr(GHashTable) keys = g_hash_table_new (NULL, NULL);
  gboolean reached[G_N_ELEMENTS (generic)] = { FALSE };
  OrgmapImportDialog *dialog;
  GtkWidget *cancel;

  if (path == NULL)
    return;
  open_dialog (fixture, path, &dialog);

  for (guint i = 0; i < G_N_ELEMENTS (generic); i++)
    {
      GtkWidget *dropdown = GTK_WIDGET (orgmap_import_dialog_get_dropdown (dialog, generic[i]));
      GList *labels = gtk_widget_list_mnemonic_labels (dropdown);
      guint key;

      g_assert_nonnull (labels);
      key = gtk_label_get_mnemonic_keyval (labels->data);
      g_list_free (labels);
      g_assert_cmpuint (key, !=, GDK_KEY_VoidSymbol);
      g_assert_false (g_hash_table_contains (keys, GUINT_TO_POINTER (key)));
      g_hash_table_add (keys, GUINT_TO_POINTER (key));
      g_assert_true (gtk_widget_mnemonic_activate (dropdown, FALSE));
      g_assert_true (focus_in (GTK_WIDGET (dialog), dropdown));
    }
  for (guint p = ORGMAP_IMPORT_PEOPLE_AS_UNITS; p <= ORGMAP_IMPORT_PEOPLE_AS_DEPARTMENTS; p++)
    {
      GtkWidget *button = GTK_WIDGET (orgmap_import_dialog_get_people_button (dialog, p));
      guint key = gtk_label_get_mnemonic_keyval (GTK_LABEL (gtk_widget_get_last_child (button)));

      g_assert_cmpuint (key, !=, GDK_KEY_VoidSymbol);
      g_assert_false (g_hash_table_contains (keys, GUINT_TO_POINTER (key)));
      g_hash_table_add (keys, GUINT_TO_POINTER (key));
    }
  /* Import's and Cancel's are theirs alone. */
  g_assert_false (g_hash_table_contains (keys, GUINT_TO_POINTER (GDK_KEY_i)));
  g_assert_false (g_hash_table_contains (keys, GUINT_TO_POINTER (GDK_KEY_c)));

  /* Tab goes round every dropdown. */
  gtk_widget_grab_focus (GTK_WIDGET (orgmap_import_dialog_get_dropdown (dialog, ORGMAP_IMPORT_DIALOG_UNIT)));
  for (guint step = 0; step < 40; step++)
    {
      if (!gtk_widget_child_focus (GTK_WIDGET (dialog), GTK_DIR_TAB_FORWARD))
        {
          gtk_window_set_focus (GTK_WINDOW (dialog), NULL);
          gtk_widget_child_focus (GTK_WIDGET (dialog), GTK_DIR_TAB_FORWARD);
        }
      for (guint i = 0; i < G_N_ELEMENTS (generic); i++)
        if (focus_in (GTK_WIDGET (dialog), orgmap_import_dialog_get_dropdown (dialog, generic[i])))
          reached[i] = TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (generic); i++)
    g_assert_true (reached[i]);

  /* In an open list, Enter picks an item: it does not import. */
  {
    GtkWidget *dropdown = GTK_WIDGET (orgmap_import_dialog_get_dropdown (dialog, ORGMAP_IMPORT_DIALOG_PARENT));
    GtkWidget *button = gtk_widget_get_first_child (dropdown);
    GtkWidget *popover = gtk_widget_get_next_sibling (button);

    g_assert_true (GTK_IS_POPOVER (popover));
    g_signal_emit_by_name (button, "clicked");
    orgmap_test_settle ();
    g_assert_true (gtk_widget_get_visible (popover));
    g_assert_false (send_enter (dialog));
    gtk_popover_popdown (GTK_POPOVER (popover));
    orgmap_test_settle ();
    g_assert_false (gtk_widget_get_visible (popover));
    g_assert_cmpuint (fixture->n_imported, ==, 0);
  }

  /* Cancel (Escape's action) closes it with nothing imported. */
  cancel = find_cancel (dialog);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (cancel)), ==, "window.close");
  g_signal_emit_by_name (cancel, "clicked");
  orgmap_test_settle ();
  g_assert_null (dialog);
  g_assert_cmpuint (fixture->n_imported, ==, 0);
}

/* Generic XML: the ERP's positions and its reporting structure */
static void
test_ofbiz (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = corpus_file ("18_ofbiz_HumanresDemoData_positions_reportingstruct.xml");
  OrgmapImportDialog *dialog;
  GtkLabel *report;

  if (path == NULL)
    return;
  open_dialog (fixture, path, &dialog);
  report = orgmap_import_dialog_get_report (dialog);
  g_assert_cmpstr (shown (dialog, ORGMAP_IMPORT_DIALOG_UNIT), ==, "EmplPosition");
  g_assert_cmpstr (shown (dialog, ORGMAP_IMPORT_DIALOG_NAME), ==, "None: named by their id");
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (orgmap_import_dialog_get_dropdown (dialog, ORGMAP_IMPORT_DIALOG_NAME_MORE))));
  g_assert_cmpstr (shown (dialog, ORGMAP_IMPORT_DIALOG_ID), ==, "emplPositionId");
  g_assert_cmpstr (shown (dialog, ORGMAP_IMPORT_DIALOG_PARENT), ==, "As the <EmplPositionReportingStruct> records say");
  g_assert_cmpstr (shown (dialog, ORGMAP_IMPORT_DIALOG_DEPARTMENT), ==, "partyId (10 departments)");
  g_assert_cmpuint (n_rows (dialog), ==, 10);
  g_assert_true (label_has (report, "10 units, one per department"));
  g_assert_true (label_has (report, "39 people placed in their departments"));
  /* Every note, where it is */
  g_assert_cmpuint (g_list_model_get_n_items (orgmap_import_dialog_get_notes (dialog)), ==, 3);
  g_assert_true (has_note (dialog, "Line 101, column 5: ", "“DEMO_ORGTLNT_MGT” is already under “DEMO_CEO”"));
  g_assert_true (has_note (dialog, "Line 116, column 5: ", "“DEMO_SALES_MGT”"));
  g_assert_true (can_import (dialog));
  orgmap_test_keep_screenshot (GTK_WIDGET (dialog), "import-ofbiz.png");

  /* The positions themselves: the first 20 of 39 */
  choose_people (dialog, ORGMAP_IMPORT_PEOPLE_AS_UNITS);
  g_assert_cmpuint (n_rows (dialog), ==, 20);
  g_assert_true (label_has (report, "39 units"));
  choose (dialog, ORGMAP_IMPORT_DIALOG_NAME, "emplPositionTypeId");
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (orgmap_import_dialog_get_dropdown (dialog, ORGMAP_IMPORT_DIALOG_NAME_MORE))));
  orgmap_test_keep_screenshot (GTK_WIDGET (dialog), "import-ofbiz-positions.png");

  /* The reporting structure read the other way round still imports. */
  choose (dialog, ORGMAP_IMPORT_DIALOG_PARENT, "As the <EmplPositionReportingStruct> records say, read the other way round");
  g_assert_null (error_shown (dialog, ORGMAP_IMPORT_DIALOG_PARENT));
  g_assert_true (can_import (dialog));

  /* Without ids, the records cannot say who is under whom. */
  choose (dialog, ORGMAP_IMPORT_DIALOG_ID, "None: told apart by their place in the file");
  g_assert_nonnull (error_shown (dialog, ORGMAP_IMPORT_DIALOG_ID));
  g_assert_true (strstr (error_shown (dialog, ORGMAP_IMPORT_DIALOG_ID), "<EmplPosition>") != NULL);
  g_assert_false (can_import (dialog));

  /* Another element as the unit: its own fields are offered. */
  choose (dialog, ORGMAP_IMPORT_DIALOG_UNIT, "SecurityGroup");
  g_assert_null (error_shown (dialog, ORGMAP_IMPORT_DIALOG_ID));
  g_assert_true (label_has (orgmap_import_dialog_get_explanation (dialog), "<SecurityGroup>"));
  g_assert_cmpstr (orgmap_import_dialog_get_value (dialog, ORGMAP_IMPORT_DIALOG_UNIT), ==, "SecurityGroup");
  choose (dialog, ORGMAP_IMPORT_DIALOG_NAME, "groupName");
  g_assert_true (can_import (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  orgmap_test_settle ();
  g_assert_cmpuint (fixture->n_imported, ==, 0);
}

/* draw.io: the page */

static const char two_pages[] =
  "<mxfile host=\"test\">\n"
  "  <diagram id=\"p1\" name=\"Sales\">\n"
  "    <mxGraphModel><root>\n"
  "      <mxCell id=\"0\"/><mxCell id=\"1\" parent=\"0\"/>\n"
  "      <mxCell id=\"s\" value=\"Sales\" vertex=\"1\" parent=\"1\"/>\n"
  "      <mxCell id=\"n\" value=\"North\" vertex=\"1\" parent=\"1\"/>\n"
  "      <mxCell id=\"e\" edge=\"1\" source=\"s\" target=\"n\" parent=\"1\"/>\n"
  "    </root></mxGraphModel>\n"
  "  </diagram>\n"
  "  <diagram id=\"p2\" name=\"Plant\">\n"
  "    <mxGraphModel><root>\n"
  "      <mxCell id=\"0\"/><mxCell id=\"1\" parent=\"0\"/>\n"
  "      <mxCell id=\"p\" value=\"Plant\" vertex=\"1\" parent=\"1\"/>\n"
  "      <mxCell id=\"l\" value=\"Line 1\" vertex=\"1\" parent=\"1\"/>\n"
  "      <mxCell id=\"m\" value=\"Line 2\" vertex=\"1\" parent=\"1\"/>\n"
  "      <mxCell id=\"d\" value=\"\" vertex=\"1\" parent=\"1\"/>\n"
  "      <mxCell id=\"a\" edge=\"1\" source=\"p\" target=\"l\" parent=\"1\"/>\n"
  "      <mxCell id=\"b\" edge=\"1\" source=\"p\" target=\"m\" parent=\"1\"/>\n"
  "    </root></mxGraphModel>\n"
  "  </diagram>\n"
  "  <diagram id=\"p3\" name=\"Broken\">@@not base64@@</diagram>\n"
  "</mxfile>\n";

static void
test_drawio (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = corpus_file ("05_drawio_jgraph_org-chart-example.drawio");
  g_autofree char *pages = write_file (fixture, "pages.drawio", two_pages);
  OrgmapImportDialog *dialog;
  GListModel *items;

  if (path == NULL)
    return;

  /* The corpus file: its one page, the first 20 of its units */
  open_dialog (fixture, path, &dialog);
  g_assert_cmpint (orgmap_import_dialog_get_kind (dialog), ==, ORGMAP_IMPORT_DRAWIO);
  g_assert_cmpstr (shown (dialog, ORGMAP_IMPORT_DIALOG_PAGE), ==, "Page-1");
  g_assert_null (orgmap_import_dialog_get_value (dialog, ORGMAP_IMPORT_DIALOG_UNIT));
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (orgmap_import_dialog_get_explanation (dialog))));
  g_assert_cmpuint (n_rows (dialog), ==, 20);
  g_assert_true (label_has (orgmap_import_dialog_get_report (dialog), "23 units"));
  g_assert_true (label_has (orgmap_import_dialog_get_report (dialog), "1 link between units"));
  g_assert_true (label_has (orgmap_import_dialog_get_report (dialog), "decorative shapes left out"));
  g_assert_true (focus_in (GTK_WIDGET (dialog), orgmap_import_dialog_get_dropdown (dialog, ORGMAP_IMPORT_DIALOG_PAGE)));
  g_assert_true (can_import (dialog));
  orgmap_test_keep_screenshot (GTK_WIDGET (dialog), "import-drawio.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
  orgmap_test_settle ();

  /* Several pages: the first by default, any other chosen */
  open_dialog (fixture, pages, &dialog);
  items = gtk_drop_down_get_model (orgmap_import_dialog_get_dropdown (dialog, ORGMAP_IMPORT_DIALOG_PAGE));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 3);
  g_assert_cmpstr (shown (dialog, ORGMAP_IMPORT_DIALOG_PAGE), ==, "Sales");
  g_assert_cmpuint (n_rows (dialog), ==, 2);
  assert_row (dialog, 1, "North | Sales");
  choose (dialog, ORGMAP_IMPORT_DIALOG_PAGE, "Plant");
  g_assert_cmpuint (n_rows (dialog), ==, 3);
  assert_row (dialog, 2, "Line 2 | Plant");
  g_assert_true (label_has (orgmap_import_dialog_get_report (dialog), "1 decorative shape left out"));

  /* A page that does not decode: said under the page, nothing to import */
  choose (dialog, ORGMAP_IMPORT_DIALOG_PAGE, "Broken");
  g_assert_nonnull (error_shown (dialog, ORGMAP_IMPORT_DIALOG_PAGE));
  g_assert_true (strstr (error_shown (dialog, ORGMAP_IMPORT_DIALOG_PAGE), "Broken") != NULL);
  g_assert_false (can_import (dialog));
  g_assert_cmpuint (n_rows (dialog), ==, 0);

  choose (dialog, ORGMAP_IMPORT_DIALOG_PAGE, "Plant");
  g_assert_null (error_shown (dialog, ORGMAP_IMPORT_DIALOG_PAGE));
  click_import (dialog);
  orgmap_test_settle ();
  g_assert_null (dialog);
  g_assert_cmpuint (fixture->n_imported, ==, 1);
  g_assert_cmpuint (orgmap_document_get_n_units (fixture->imported), ==, 3);
  g_assert_cmpstr (orgmap_document_get_unit (fixture->imported, 0)->name, ==, "Plant");
}

/* Files that are not org charts: the message, and no Import */

static void
assert_refused (OrgmapImportDialog *dialog,
                const char         *text)
{
  GtkLabel *message = orgmap_import_dialog_get_message (dialog);

  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (message)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (message), "error"));
  g_assert_nonnull (strstr (gtk_label_get_text (message), text));
  g_assert_false (can_import (dialog));
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (orgmap_import_dialog_get_dropdown (dialog, ORGMAP_IMPORT_DIALOG_UNIT))));
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (orgmap_import_dialog_get_preview (dialog))));
}

static void
test_not_org_chart (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *text = g_test_build_filename (G_TEST_DIST, "data", "bad", "not-xml.xml", NULL);
  g_autofree char *config = write_file (fixture, "config.xml",
                                        "<?xml version=\"1.0\"?>\n"
                                        "<config>\n"
                                        "  <title>Settings</title>\n"
                                        "  <size>12</size>\n"
                                        "</config>\n");
  g_autoptr(GFile) remote = NULL;
  OrgmapImportDialog *dialog;

  /* Text */
  open_dialog (fixture, text, &dialog);
  assert_refused (dialog, "“not-xml.xml” is not an org chart");
  g_assert_true (has_note (dialog, "Line 1, column 1: ", "text that is not XML"));
  orgmap_test_keep_screenshot (GTK_WIDGET (dialog), "import-not-org-chart.png");
  /* The keyboard waits on Cancel; the default does nothing. */
  g_assert_true (focus_in (GTK_WIDGET (dialog), find_cancel (dialog)));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "default.activate", NULL);
  orgmap_test_settle ();
  g_assert_nonnull (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  orgmap_test_settle ();

  /* XML with nothing like units in it */
  open_dialog (fixture, config, &dialog);
  assert_refused (dialog, "<config>");
  gtk_window_destroy (GTK_WINDOW (dialog));
  orgmap_test_settle ();

  /* Not on this computer */
  remote = g_file_new_for_uri ("https://example.com/charts/org.xml");
  dialog = orgmap_import_dialog_new (fixture->parent, remote);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_false (orgmap_import_dialog_get_busy (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  orgmap_test_wait_for (widget_mapped, dialog);
  assert_refused (dialog, "is not a local file");
  gtk_window_destroy (GTK_WINDOW (dialog));
  orgmap_test_settle ();
  g_assert_null (dialog);
  g_assert_cmpuint (fixture->n_imported, ==, 0);
}

/* Nothing to choose: GraphML and Orgmap XML */
static void
test_nothing_to_choose (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *example = g_build_filename (g_getenv ("ORGMAP_SOURCE_DIR"), "resources",
                                               "example.orgmap.xml", NULL);
  g_autofree char *graphml = g_test_build_filename (G_TEST_DIST, "data", "bad", "wrong-root.xml", NULL);
  g_autoptr(OrgmapDocument) expected = NULL;
  g_autoptr(GError) error = NULL;
  OrgmapImportDialog *dialog;

  expected = orgmap_xml_import_file (example, NULL, &error);
  g_assert_no_error (error);

  open_dialog (fixture, example, &dialog);
  g_assert_cmpint (orgmap_import_dialog_get_kind (dialog), ==, ORGMAP_IMPORT_NATIVE);
  g_assert_null (orgmap_import_dialog_get_value (dialog, ORGMAP_IMPORT_DIALOG_PAGE));
  g_assert_null (orgmap_import_dialog_get_value (dialog, ORGMAP_IMPORT_DIALOG_UNIT));
  g_assert_cmpuint (n_rows (dialog), ==, 20);
  g_assert_true (can_import (dialog));
  g_assert_true (focus_in (GTK_WIDGET (dialog), orgmap_import_dialog_get_import_button (dialog)));
  press_enter (dialog);
  orgmap_test_settle ();
  g_assert_null (dialog);
  g_assert_cmpuint (orgmap_document_get_n_units (fixture->imported), ==, orgmap_document_get_n_units (expected));
  g_assert_cmpuint (orgmap_document_get_n_links (fixture->imported), ==, orgmap_document_get_n_links (expected));

  open_dialog (fixture, graphml, &dialog);
  g_assert_cmpint (orgmap_import_dialog_get_kind (dialog), ==, ORGMAP_IMPORT_GRAPHML);
  g_assert_null (orgmap_import_dialog_get_value (dialog, ORGMAP_IMPORT_DIALOG_PAGE));
  g_assert_cmpuint (n_rows (dialog), ==, 1);
  assert_row (dialog, 0, "dir | —");
  g_assert_true (label_has (orgmap_import_dialog_get_report (dialog), "1 unit"));
  click_import (dialog);
  orgmap_test_settle ();
  g_assert_null (dialog);
  g_assert_cmpuint (fixture->n_imported, ==, 2);
  g_assert_cmpuint (orgmap_document_get_n_units (fixture->imported), ==, 1);
}

/* Closed while the file is read: the thread's result is dropped. */
static void
test_closed_early (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = corpus_file ("18_ofbiz_HumanresDemoData_positions_reportingstruct.xml");
  g_autoptr(GFile) file = NULL;
  OrgmapImportDialog *dialog;
  gint64 until;

  if (path == NULL)
    return;
  file = g_file_new_for_path (path);
  dialog = orgmap_import_dialog_new (fixture->parent, file);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported), fixture);
  g_assert_true (orgmap_import_dialog_get_busy (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (dialog);

  /* Long enough for the reading to end and report to no one */
  until = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpuint (fixture->n_imported, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  orgmap_test_init (&argc, &argv);
  /* As the window does when the application starts. */
  orgmap_register_resource ();

  g_test_add ("/orgmap/ui/import-dialog/generic/telerik", Fixture, NULL,
              fixture_set_up, test_telerik, fixture_tear_down);
  g_test_add ("/orgmap/ui/import-dialog/generic/wrong-choice", Fixture, NULL,
              fixture_set_up, test_telerik_wrong_choice, fixture_tear_down);
  g_test_add ("/orgmap/ui/import-dialog/generic/import", Fixture, NULL,
              fixture_set_up, test_telerik_import, fixture_tear_down);
  g_test_add ("/orgmap/ui/import-dialog/generic/relation", Fixture, NULL,
              fixture_set_up, test_ofbiz, fixture_tear_down);
  g_test_add ("/orgmap/ui/import-dialog/keyboard", Fixture, NULL,
              fixture_set_up, test_keyboard, fixture_tear_down);
  g_test_add ("/orgmap/ui/import-dialog/drawio", Fixture, NULL,
              fixture_set_up, test_drawio, fixture_tear_down);
  g_test_add ("/orgmap/ui/import-dialog/not-org-chart", Fixture, NULL,
              fixture_set_up, test_not_org_chart, fixture_tear_down);
  g_test_add ("/orgmap/ui/import-dialog/nothing-to-choose", Fixture, NULL,
              fixture_set_up, test_nothing_to_choose, fixture_tear_down);
  g_test_add ("/orgmap/ui/import-dialog/closed-early", Fixture, NULL,
              fixture_set_up, test_closed_early, fixture_tear_down);

  return orgmap_test_run ();
}

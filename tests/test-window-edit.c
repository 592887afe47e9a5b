/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <gtk/gtk.h>
#include <glib/gstdio.h>

#include "orgmap-canvas-private.h"
#include "orgmap-import-dialog.h"
#include "orgmap-store.h"
#include "orgmap-test-ui.h"
#include "orgmap-window-private.h"
#include "orgmap-xml-import.h"

/* Editing in the window as a person does it: a new map, units named in the
 * popover, deleting with a question and a toast, Save As, and every edit
 * found again in the file, even after the program is killed. */

static OrgmapViewState *
view_of (OrgmapWindow *window)
{
  return orgmap_canvas_get_view_state (orgmap_window_get_canvas (window));
}

static OrgmapWindow *
new_map_window (void)
{
  OrgmapWindow *window = orgmap_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-map", NULL));
  orgmap_test_wait_for (orgmap_test_canvas_drawn, window);
  orgmap_test_settle ();
  return window;
}

/* Types @name in the open name popover and presses Enter. */
static void
type_name (OrgmapWindow *window,
           const char   *name)
{
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->name_popover)));
  gtk_editable_set_text (GTK_EDITABLE (window->name_entry), name);
  g_signal_emit_by_name (window->name_entry, "activate");
  orgmap_test_settle ();
}

static OrgmapDocument *
load_file (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  OrgmapDocument *document = orgmap_store_load (path, &error);

  g_assert_no_error (error);
  return document;
}

static void
test_new_map (void)
{
  OrgmapWindow *window = new_map_window ();
  OrgmapDocument *doc = orgmap_window_get_document (window);
  g_autofree char *drafts = g_build_filename (g_get_user_data_dir (), "orgmap", "drafts", NULL);
  g_autofree char *path = NULL;
  g_autoptr(OrgmapDocument) saved = NULL;
  GFile *file;

  g_assert_cmpuint (orgmap_document_get_n_units (doc), ==, 0);
  g_assert_cmpuint (orgmap_document_get_n_rounds (doc), ==, 1);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Untitled Map");

  /* It asks for the map's name first, and the title follows. */
  g_assert_cmpstr (gtk_label_get_text (window->name_heading), ==, "Name of the map");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (window->name_entry)), ==, "Untitled Map");
  type_name (window, "Taller Acme");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Taller Acme");

  /* With that first edit it became a draft in the user's data folder,
   * named after it. */
  file = orgmap_window_get_file (window);
  g_assert_nonnull (file);
  g_assert_true (orgmap_window_is_draft (window));
  g_assert_cmpstr (gtk_label_get_text (window->subtitle_label), ==, "Draft");
  path = g_file_get_path (file);
  g_assert_true (g_str_has_prefix (path, drafts));
  {
    g_autofree char *base = g_path_get_basename (path);

    g_assert_cmpstr (base, ==, "Taller Acme.orgmap");
  }
  saved = load_file (file);
  g_assert_cmpstr (orgmap_document_get_name (saved), ==, "Taller Acme");
  g_assert_cmpuint (orgmap_document_get_n_rounds (saved), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_add_units (void)
{
  OrgmapWindow *window = new_map_window ();
  OrgmapDocument *doc = orgmap_window_get_document (window);
  g_autoptr(OrgmapDocument) saved = NULL;
  guint32 top, hr;

  /* Nothing selected: Insert adds a top-level unit. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-unit", NULL));
  g_assert_cmpstr (gtk_label_get_text (window->name_heading), ==, "New top-level unit");
  type_name (window, "Dirección General");
  g_assert_cmpuint (orgmap_document_get_n_units (doc), ==, 1);
  top = orgmap_view_state_get_selection (view_of (window));
  g_assert_cmpstr (orgmap_document_get_unit (doc, top)->name, ==, "Dirección General");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->name_popover)));

  /* The new unit is selected: Insert again adds under it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-unit", NULL));
  g_assert_cmpstr (gtk_label_get_text (window->name_heading), ==, "New unit under “Dirección General”");

  /* An empty name is refused at the field, and nothing is added. */
  type_name (window, "   ");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->name_error)));
  g_assert_cmpstr (gtk_label_get_text (window->name_error), ==, "A new unit needs a name");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window->name_entry), "error"));
  g_assert_cmpuint (orgmap_document_get_n_units (doc), ==, 1);

  type_name (window, "Recursos Humanos");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->name_error)));
  g_assert_cmpuint (orgmap_document_get_n_units (doc), ==, 2);
  hr = orgmap_view_state_get_selection (view_of (window));
  g_assert_cmpuint (orgmap_document_get_unit (doc, hr)->parent, ==, top);

  /* F2 renames in place; an external client comes from its own command. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.rename", NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (window->name_entry)), ==, "Recursos Humanos");
  type_name (window, "Personas");
  g_assert_cmpstr (orgmap_document_get_unit (doc, hr)->name, ==, "Personas");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-external", NULL));
  type_name (window, "Clientes");
  g_assert_cmpuint (orgmap_document_get_n_externals (doc), ==, 1);

  /* Every edit is already in the draft. */
  saved = load_file (orgmap_window_get_file (window));
  g_assert_cmpuint (orgmap_document_get_n_units (saved), ==, 2);
  g_assert_cmpstr (orgmap_document_get_unit (saved, 1)->name, ==, "Personas");
  g_assert_cmpuint (orgmap_document_get_unit (saved, 1)->parent, ==, 0);
  g_assert_cmpuint (orgmap_document_get_n_externals (saved), ==, 1);

  /* And undone one by one from the window. */
  g_assert_cmpstr (orgmap_history_get_undo_label (orgmap_window_get_history (window)), ==,
                   "Undo Add External Client");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpstr (orgmap_document_get_unit (doc, hr)->name, ==, "Recursos Humanos");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The workshop, as a person does it in the window: units named in the
 * popover, a link drawn with Shift held, a score typed on the map, then
 * undo and redo; the model, the picture and the file agree at each step. */
static void
drag_between (OrgmapCanvas *canvas,
              guint32       from,
              guint32       to)
{
  const OrgmapLayout *layout = orgmap_canvas_get_layout (canvas);
  const OrgmapRect *a = orgmap_layout_get_party (layout, from);
  const OrgmapRect *b = orgmap_layout_get_party (layout, to);
  double x0, y0, x1, y1;

  orgmap_canvas_to_screen (canvas, a->x + a->width / 2, a->y + a->height / 2, &x0, &y0);
  orgmap_canvas_to_screen (canvas, b->x + b->width / 2, b->y + b->height / 2, &x1, &y1);
  _orgmap_canvas_drag_begin (canvas, x0, y0, GDK_SHIFT_MASK);
  for (int i = 1; i <= 10; i++)
    _orgmap_canvas_drag_update (canvas, (x1 - x0) * i / 10, (y1 - y0) * i / 10);
  _orgmap_canvas_drag_end (canvas, x1 - x0, y1 - y0);
}

static void
test_workshop (void)
{
  OrgmapWindow *window = new_map_window ();
  OrgmapCanvas *canvas = orgmap_window_get_canvas (window);
  OrgmapDocument *doc = orgmap_window_get_document (window);
  g_autoptr(OrgmapRenderer) renderer = orgmap_renderer_new (doc, NULL);
  g_autoptr(GdkTexture) drawn = NULL;
  g_autoptr(GdkTexture) undone = NULL;
  g_autoptr(GdkTexture) redone = NULL;
  g_autoptr(OrgmapDocument) saved = NULL;
  OrgmapColor good, unrated;
  double curve[8];
  guint32 top, hr, fin, link;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-unit", NULL));
  type_name (window, "Dirección General");
  top = orgmap_view_state_get_selection (view_of (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-unit", NULL));
  type_name (window, "Recursos Humanos");
  hr = orgmap_view_state_get_selection (view_of (window));
  orgmap_view_state_set_selection (view_of (window), top);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-unit", NULL));
  type_name (window, "Finanzas");
  fin = orgmap_view_state_get_selection (view_of (window));
  orgmap_test_settle ();

  /* Human Resources serves Finance: a horizontal link, selected at once. */
  drag_between (canvas, hr, fin);
  g_assert_cmpuint (orgmap_document_get_n_links (doc), ==, 1);
  link = orgmap_view_state_get_selected_link (view_of (window));
  g_assert_cmpuint (link, ==, 0);
  g_assert_cmpuint (orgmap_document_get_link (doc, link)->provider, ==, hr);
  g_assert_cmpint (orgmap_document_get_link_type (doc, link), ==, ORGMAP_LINK_HORIZONTAL);

  /* Typing 4 on the map rates it in the map's only round. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.rate", "i", 4));
  orgmap_test_settle ();
  g_assert_cmpuint (orgmap_document_get_n_ratings (doc), ==, 1);
  g_assert_cmpfloat (orgmap_document_get_rating (doc, 0)->score, ==, 4);

  /* Clear the selection so that nothing fades, then look. */
  orgmap_view_state_set_selected_link (view_of (window), ORGMAP_NONE);
  orgmap_test_settle ();
  orgmap_renderer_quality_color (renderer, 4, &good);
  orgmap_renderer_unrated_color (&unrated);
  orgmap_test_link_curve (canvas, link, curve);
  drawn = orgmap_test_canvas_texture (canvas);
  g_assert_true (orgmap_test_color_on_curve (canvas, drawn, curve, &good));
  g_assert_false (orgmap_test_color_on_curve (canvas, drawn, curve, &unrated));

  /* Undo: the link is there, grey, unrated; in the file too. */
  g_assert_cmpstr (orgmap_history_get_undo_label (orgmap_window_get_history (window)), ==, "Undo Rate Link");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  orgmap_test_settle ();
  g_assert_cmpuint (orgmap_document_get_n_ratings (doc), ==, 0);
  undone = orgmap_test_canvas_texture (canvas);
  g_assert_true (orgmap_test_color_on_curve (canvas, undone, curve, &unrated));
  g_assert_false (orgmap_test_color_on_curve (canvas, undone, curve, &good));
  saved = load_file (orgmap_window_get_file (window));
  g_assert_cmpuint (orgmap_document_get_n_links (saved), ==, 1);
  g_assert_cmpuint (orgmap_document_get_n_ratings (saved), ==, 0);
  g_clear_object (&saved);

  /* Redo: coloured again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  orgmap_test_settle ();
  redone = orgmap_test_canvas_texture (canvas);
  g_assert_true (orgmap_test_color_on_curve (canvas, redone, curve, &good));
  saved = load_file (orgmap_window_get_file (window));
  g_assert_cmpuint (orgmap_document_get_n_ratings (saved), ==, 1);
  g_assert_cmpfloat (orgmap_document_get_rating (saved, 0)->score, ==, 4);

  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWindow *
other_window (OrgmapWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (w != GTK_WINDOW (window) && gtk_widget_get_visible (GTK_WIDGET (w)) &&
          gtk_window_get_transient_for (w) == GTK_WINDOW (window))
        return w;
    }
  return NULL;
}

static gboolean
has_dialog (gpointer data)
{
  return other_window (data) != NULL;
}

/* The first button of @widget's tree whose label is @label. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A label of @widget's tree that contains @text. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;
  return FALSE;
}

static void
test_delete (void)
{
  OrgmapWindow *window = orgmap_test_open_example_window ();
  OrgmapDocument *doc = orgmap_window_get_document (window);
  guint n_units = orgmap_document_get_n_units (doc);
  guint n_links = orgmap_document_get_n_links (doc);
  guint n_ratings = orgmap_document_get_n_ratings (doc);
  GtkWindow *dialog;

  /* Human Resources has rated links: the window asks first, saying what
   * goes with it. */
  orgmap_view_state_set_selection (view_of (window), orgmap_document_find_unit (doc, "rrhh"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete", NULL));
  orgmap_test_wait_for (has_dialog, window);
  dialog = other_window (window);
  g_assert_true (shows_text (GTK_WIDGET (dialog), "Delete “Recursos Humanos”?"));
  g_assert_true (shows_text (GTK_WIDGET (dialog), "ratings go with it"));
  g_assert_cmpuint (orgmap_document_get_n_units (doc), ==, n_units);

  /* Cancel changes nothing. */
  g_signal_emit_by_name (find_button (GTK_WIDGET (dialog), "_Cancel"), "clicked");
  orgmap_test_settle ();
  g_assert_null (other_window (window));
  g_assert_cmpuint (orgmap_document_get_n_units (doc), ==, n_units);

  /* Delete removes it with its links and ratings, and the toast offers Undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete", NULL));
  orgmap_test_wait_for (has_dialog, window);
  g_signal_emit_by_name (find_button (GTK_WIDGET (other_window (window)), "_Delete"), "clicked");
  orgmap_test_settle ();
  g_assert_cmpuint (orgmap_document_find_unit (doc, "rrhh"), ==, ORGMAP_NONE);
  g_assert_cmpuint (orgmap_document_get_n_links (doc), <, n_links);
  g_assert_cmpuint (orgmap_document_get_n_ratings (doc), <, n_ratings);
  g_assert_true (gtk_revealer_get_reveal_child (window->toast));
  g_assert_cmpstr (gtk_label_get_text (window->toast_label), ==, "Deleted “Recursos Humanos”");

  g_signal_emit_by_name (window->toast_undo, "clicked");
  orgmap_test_settle ();
  g_assert_false (gtk_revealer_get_reveal_child (window->toast));
  g_assert_cmpuint (orgmap_document_get_n_units (doc), ==, n_units);
  g_assert_cmpuint (orgmap_document_get_n_links (doc), ==, n_links);
  g_assert_cmpuint (orgmap_document_get_n_ratings (doc), ==, n_ratings);
  g_assert_cmpstr (orgmap_document_get_unit (doc, orgmap_document_find_unit (doc, "rrhh"))->name, ==,
                   "Recursos Humanos");

  /* The example had no file: its first edit made it a draft. */
  g_assert_true (orgmap_window_is_draft (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_save_as (void)
{
  OrgmapWindow *window = new_map_window ();
  g_autofree char *dir = g_dir_make_tmp ("orgmap-save-as-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "workshop.orgmap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *draft = NULL;
  g_autoptr(OrgmapDocument) saved = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-unit", NULL));
  type_name (window, "Dirección General");
  draft = g_file_get_path (orgmap_window_get_file (window));

  g_assert_true (orgmap_window_save_as (window, file));
  g_assert_false (orgmap_window_is_draft (window));
  g_assert_true (g_file_equal (orgmap_window_get_file (window), file));
  g_assert_nonnull (strstr (gtk_label_get_text (window->subtitle_label), "workshop.orgmap"));
  /* The draft had served its purpose. */
  g_assert_false (g_file_test (draft, G_FILE_TEST_EXISTS));

  /* Edits go on to the new file. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-unit", NULL));
  type_name (window, "Finanzas");
  saved = load_file (file);
  g_assert_cmpuint (orgmap_document_get_n_units (saved), ==, 2);
  g_assert_cmpstr (orgmap_document_get_unit (saved, 1)->name, ==, "Finanzas");

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

static gboolean
import_ready (gpointer data)
{
  OrgmapImportDialog *dialog = data;

  return !orgmap_import_dialog_get_busy (dialog) &&
         gtk_widget_get_sensitive (orgmap_import_dialog_get_import_button (dialog));
}

static gboolean
imported (gpointer data)
{
  return orgmap_window_get_file (data) != NULL;
}

/* Import: the dialog reads a client's chart of people, the window shows
 * the chart of their departments, kept as a draft at once. */
static void
test_import (void)
{
  const char *corpus = g_getenv ("ORGMAP_CORPUS_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  OrgmapWindow *window = orgmap_test_open_example_window ();
  OrgmapImportDialog *dialog;
  OrgmapDocument *doc;
  guint n_roots;

  if (corpus == NULL || *corpus == '\0')
    {
      g_test_fail_printf ("ORGMAP_CORPUS_DIR is not set: set it to the folder of real org-chart files");
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  path = g_build_filename (corpus, "11_telerik_xamlsdk_Organization_nested_Node.xml", NULL);
  file = g_file_new_for_path (path);

  orgmap_window_import (window, file);
  orgmap_test_wait_for (has_dialog, window);
  dialog = ORGMAP_IMPORT_DIALOG (other_window (window));
  orgmap_test_wait_for (import_ready, dialog);
  /* Nothing changes before the person says so. */
  g_assert_cmpstr (orgmap_document_get_name (orgmap_window_get_document (window)), ==, "Industrias Ejemplo");

  g_signal_emit_by_name (orgmap_import_dialog_get_import_button (dialog), "clicked");
  orgmap_test_wait_for (imported, window);
  doc = orgmap_window_get_document (window);
  g_assert_cmpuint (orgmap_document_get_n_units (doc), ==, 4);
  g_assert_cmpstr (orgmap_document_get_unit (doc, orgmap_document_get_roots (doc, &n_roots)[0])->name, ==,
                   "TopManagement");
  g_assert_cmpuint (n_roots, ==, 1);
  g_assert_true (orgmap_window_is_draft (window));
  g_assert_cmpstr (gtk_label_get_text (window->subtitle_label), ==,
                   "Draft, imported from “11_telerik_xamlsdk_Organization_nested_Node.xml”");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The file vanishes while the map is open (a USB stick pulled out, a
 * folder cleaned up): the window says so and offers Save As, which keeps
 * everything. */
static void
test_file_vanished (void)
{
  g_autofree char *example = g_build_filename (g_getenv ("ORGMAP_SOURCE_DIR"), "resources",
                                               "example.orgmap.xml", NULL);
  g_autofree char *dir = g_dir_make_tmp ("orgmap-vanished-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "gone.orgmap", NULL);
  g_autofree char *rescue_path = g_build_filename (dir, "rescued.orgmap", NULL);
  g_autoptr(OrgmapDocument) source = orgmap_xml_import_file (example, NULL, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) rescue = g_file_new_for_path (rescue_path);
  g_autoptr(OrgmapDocument) saved = NULL;
  OrgmapWindow *window = orgmap_window_new (NULL);
  OrgmapDocument *doc;
  guint32 rrhh;

  g_assert_true (orgmap_store_save (source, path, FALSE, NULL));
  gtk_window_present (GTK_WINDOW (window));
  orgmap_window_open (window, file);
  orgmap_test_wait_for (orgmap_test_document_loaded, window);
  doc = orgmap_window_get_document (window);
  rrhh = orgmap_document_find_unit (doc, "rrhh");
  g_assert_false (gtk_revealer_get_reveal_child (window->banner));

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_true (orgmap_history_rename_unit (orgmap_window_get_history (window), rrhh, "Personas", NULL));
  orgmap_test_settle ();
  g_assert_true (gtk_revealer_get_reveal_child (window->banner));
  g_assert_nonnull (strstr (gtk_label_get_text (window->banner_label), "gone.orgmap"));
  g_assert_nonnull (strstr (gtk_label_get_text (window->banner_label),
                            "Your edits are kept in this window only: save them with Save As."));
  g_assert_cmpstr (orgmap_document_get_unit (doc, rrhh)->name, ==, "Personas");

  g_assert_true (orgmap_window_save_as (window, rescue));
  g_assert_false (gtk_revealer_get_reveal_child (window->banner));
  saved = load_file (rescue);
  g_assert_cmpstr (orgmap_document_get_unit (saved, rrhh)->name, ==, "Personas");
  g_assert_true (orgmap_document_equal (saved, doc));

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (rescue_path);
  g_rmdir (dir);
}

/* The program killed in the middle of a workshop: a child process builds a
 * map in the window and kills itself; every edit is in the file. */
static void
build_and_die (void)
{
  const char *path = g_getenv ("ORGMAP_KILL_TEST_FILE");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  OrgmapWindow *window = new_map_window ();
  OrgmapHistory *history;
  OrgmapDocument *doc;
  guint32 top, hr, fin, link;

  g_assert_true (orgmap_window_save_as (window, file));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-unit", NULL));
  type_name (window, "Dirección General");
  top = orgmap_view_state_get_selection (view_of (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-unit", NULL));
  type_name (window, "Recursos Humanos");
  hr = orgmap_view_state_get_selection (view_of (window));
  orgmap_view_state_set_selection (view_of (window), top);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-unit", NULL));
  type_name (window, "Finanzas");
  fin = orgmap_view_state_get_selection (view_of (window));

  history = orgmap_window_get_history (window);
  doc = orgmap_window_get_document (window);
  link = orgmap_history_add_link (history, hr, fin, "Datos de personal", NULL);
  g_assert_cmpuint (link, !=, ORGMAP_NONE);
  g_assert_true (orgmap_history_rate (history, link, 0, 4, 7, NULL, NULL));
  g_assert_cmpuint (orgmap_document_get_n_ratings (doc), ==, 1);

  raise (SIGKILL);
}

static void
test_kill (void)
{
  g_autofree char *dir = g_dir_make_tmp ("orgmap-kill-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "taller.orgmap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(OrgmapDocument) doc = NULL;
  const OrgmapRating *rating;
  guint32 link;

  if (g_test_subprocess ())
    {
      build_and_die ();
      return;
    }

  g_setenv ("ORGMAP_KILL_TEST_FILE", path, TRUE);
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_failed ();

  doc = load_file (file);
  g_assert_cmpuint (orgmap_document_get_n_units (doc), ==, 3);
  g_assert_cmpstr (orgmap_document_get_unit (doc, 1)->name, ==, "Recursos Humanos");
  g_assert_cmpuint (orgmap_document_get_unit (doc, 2)->parent, ==, 0);
  g_assert_cmpuint (orgmap_document_get_n_links (doc), ==, 1);
  link = 0;
  g_assert_cmpstr (orgmap_document_get_link (doc, link)->service, ==, "Datos de personal");
  g_assert_cmpint (orgmap_document_get_link_type (doc, link), ==, ORGMAP_LINK_HORIZONTAL);
  rating = orgmap_document_get_rating (doc, orgmap_document_get_link (doc, link)->first_rating);
  g_assert_cmpfloat (rating->score, ==, 4);
  g_assert_cmpint (rating->respondents, ==, 7);

  g_unlink (path);
  {
    g_autofree char *log = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (log);
    g_unlink (shm);
  }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  orgmap_test_init (&argc, &argv);

  g_test_add_func ("/orgmap/ui/window-edit/new-map", test_new_map);
  g_test_add_func ("/orgmap/ui/window-edit/add-units", test_add_units);
  g_test_add_func ("/orgmap/ui/window-edit/workshop", test_workshop);
  g_test_add_func ("/orgmap/ui/window-edit/delete", test_delete);
  g_test_add_func ("/orgmap/ui/window-edit/save-as", test_save_as);
  g_test_add_func ("/orgmap/ui/window-edit/import", test_import);
  g_test_add_func ("/orgmap/ui/window-edit/file-vanished", test_file_vanished);
  g_test_add_func ("/orgmap/ui/window-edit/kill", test_kill);

  return orgmap_test_run ();
}

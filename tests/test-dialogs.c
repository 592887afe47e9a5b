/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <gtk/gtk.h>

#include "orgmap-handle-item.h"
#include "orgmap-link-dialog.h"
#include "orgmap-resources.h"
#include "orgmap-rounds-dialog.h"
#include "orgmap-side-panel.h"
#include "orgmap-test-ui.h"
#include "orgmap-xml-import.h"

/* The editing dialogs and reorganising the side panel's tree by drag and
 * drop, on the example organisation, as a person sees them. They need a
 * display (the test command provides a virtual one). */

typedef struct
{
  OrgmapDocument  *document;
  OrgmapHistory   *history;
  OrgmapViewState *view;
  GtkWindow       *parent;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("ORGMAP_SOURCE_DIR"), "resources",
                                            "example.orgmap.xml", NULL);
  g_autoptr(GError) error = NULL;

  fixture->document = orgmap_xml_import_file (path, NULL, &error);
  g_assert_no_error (error);
  fixture->history = orgmap_history_new (fixture->document);
  fixture->view = orgmap_view_state_new ();
  fixture->parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->parent, 1000, 800);
  gtk_window_present (fixture->parent);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->parent);
  g_clear_object (&fixture->view);
  g_clear_object (&fixture->history);
  g_clear_object (&fixture->document);
  /* Let destroyed windows go. */
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static void
show_window (GtkWindow *window)
{
  gtk_window_present (window);
  orgmap_test_wait_for (widget_mapped, window);
  orgmap_test_settle ();
}

static gboolean
focus_in (GtkWidget *window,
          gpointer   widget)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static guint32
find_link (OrgmapDocument *doc,
           guint32         provider,
           guint32         client)
{
  for (guint32 i = 0; i < orgmap_document_get_n_links (doc); i++)
    if (orgmap_document_get_link (doc, i)->provider == provider &&
        orgmap_document_get_link (doc, i)->client == client)
      return i;
  return ORGMAP_NONE;
}

/* The link dialog */

static guint32
match_at (GtkSingleSelection *matches,
          guint               position)
{
  g_autoptr(OrgmapHandleItem) item = g_list_model_get_item (G_LIST_MODEL (matches), position);

  g_assert_nonnull (item);
  return orgmap_handle_item_get_handle (item);
}

static void
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
    }
  g_assert_true (handled);
}

static void
type_in (OrgmapLinkDialog      *dialog,
         OrgmapLinkDialogField  field,
         const char            *text)
{
  gtk_editable_set_text (orgmap_link_dialog_get_entry (dialog, field), text);
}

/* Enter in a field */
static void
pick (OrgmapLinkDialog      *dialog,
      OrgmapLinkDialogField  field)
{
  g_signal_emit_by_name (orgmap_link_dialog_get_entry (dialog, field), "activate");
}

static void
click_add (OrgmapLinkDialog *dialog)
{
  GtkWidget *add = gtk_window_get_default_widget (GTK_WINDOW (dialog));

  g_assert_true (GTK_IS_BUTTON (add));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (add)), ==, "_Add Link");
  g_signal_emit_by_name (add, "clicked");
}

static const char *
error_shown (OrgmapLinkDialog      *dialog,
             OrgmapLinkDialogField  field)
{
  GtkLabel *label = orgmap_link_dialog_get_error (dialog, field);

  if (!gtk_widget_get_visible (GTK_WIDGET (label)))
    return NULL;
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (label), "error"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (orgmap_link_dialog_get_entry (dialog, field)), "error"));
  return gtk_label_get_text (label);
}

static void
test_link_add (Fixture       *fixture,
               gconstpointer  data)
{
  OrgmapDocument *doc = fixture->document;
  OrgmapLinkDialog *dialog = orgmap_link_dialog_new (fixture->parent, fixture->history, fixture->view);
  GtkSingleSelection *providers = orgmap_link_dialog_get_matches (dialog, ORGMAP_LINK_DIALOG_PROVIDER);
  GtkSingleSelection *clients = orgmap_link_dialog_get_matches (dialog, ORGMAP_LINK_DIALOG_CLIENT);
  guint32 prod = orgmap_document_find_unit (doc, "prod");
  guint32 vmin = orgmap_document_find_unit (doc, "vmin");
  guint n_links = orgmap_document_get_n_links (doc);
  guint32 link;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  show_window (GTK_WINDOW (dialog));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == fixture->parent);
  /* Nothing selected on the map: the keyboard starts at the provider,
   * which lists every unit and no external client. */
  g_assert_true (focus_in (GTK_WIDGET (dialog), orgmap_link_dialog_get_entry (dialog, ORGMAP_LINK_DIALOG_PROVIDER)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (providers)), ==, 26);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (clients)), ==, 29);
  g_assert_cmpuint (orgmap_link_dialog_get_party (dialog, ORGMAP_LINK_DIALOG_PROVIDER), ==, ORGMAP_NONE);
  type_in (dialog, ORGMAP_LINK_DIALOG_PROVIDER, "clientes");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (providers)), ==, 0);

  /* Without accents or capitals, part of the name finds it. */
  type_in (dialog, ORGMAP_LINK_DIALOG_PROVIDER, "PRODUCCION");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (providers)), ==, 1);
  g_assert_cmpuint (orgmap_link_dialog_get_party (dialog, ORGMAP_LINK_DIALOG_PROVIDER), ==, prod);
  pick (dialog, ORGMAP_LINK_DIALOG_PROVIDER);
  g_assert_cmpstr (gtk_editable_get_text (orgmap_link_dialog_get_entry (dialog, ORGMAP_LINK_DIALOG_PROVIDER)),
                   ==, "Producción");
  g_assert_true (focus_in (GTK_WIDGET (dialog), orgmap_link_dialog_get_entry (dialog, ORGMAP_LINK_DIALOG_CLIENT)));

  /* External clients are clients too. */
  type_in (dialog, ORGMAP_LINK_DIALOG_CLIENT, "clientes");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (clients)), ==, 2);
  g_assert_cmpuint (match_at (clients, 0), ==, orgmap_document_find_party (doc, "minoristas"));

  /* The first match is highlighted; Down moves to the next, Enter picks. */
  type_in (dialog, ORGMAP_LINK_DIALOG_CLIENT, "ventas");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (clients)), ==, 3);
  g_assert_cmpuint (orgmap_link_dialog_get_party (dialog, ORGMAP_LINK_DIALOG_CLIENT), ==,
                    orgmap_document_find_unit (doc, "ven"));
  press_key (GTK_WIDGET (orgmap_link_dialog_get_entry (dialog, ORGMAP_LINK_DIALOG_CLIENT)), GDK_KEY_Down);
  press_key (GTK_WIDGET (orgmap_link_dialog_get_entry (dialog, ORGMAP_LINK_DIALOG_CLIENT)), GDK_KEY_Down);
  press_key (GTK_WIDGET (orgmap_link_dialog_get_entry (dialog, ORGMAP_LINK_DIALOG_CLIENT)), GDK_KEY_Up);
  g_assert_cmpuint (orgmap_link_dialog_get_party (dialog, ORGMAP_LINK_DIALOG_CLIENT), ==, vmin);
  pick (dialog, ORGMAP_LINK_DIALOG_CLIENT);
  g_assert_cmpstr (gtk_editable_get_text (orgmap_link_dialog_get_entry (dialog, ORGMAP_LINK_DIALOG_CLIENT)),
                   ==, "Ventas Minoristas");
  g_assert_cmpuint (orgmap_link_dialog_get_party (dialog, ORGMAP_LINK_DIALOG_CLIENT), ==, vmin);
  g_assert_true (focus_in (GTK_WIDGET (dialog), orgmap_link_dialog_get_entry (dialog, ORGMAP_LINK_DIALOG_SERVICE)));
  type_in (dialog, ORGMAP_LINK_DIALOG_SERVICE, "Stock para promociones");
  orgmap_test_keep_screenshot (GTK_WIDGET (dialog), "link-dialog.png");

  /* Added: in the model, selected on the map, the dialog gone. */
  click_add (dialog);
  g_assert_cmpuint (orgmap_document_get_n_links (doc), ==, n_links + 1);
  link = find_link (doc, prod, vmin);
  g_assert_cmpuint (link, !=, ORGMAP_NONE);
  g_assert_cmpstr (orgmap_document_get_link (doc, link)->service, ==, "Stock para promociones");
  g_assert_cmpuint (orgmap_view_state_get_selected_link (fixture->view), ==, link);
  g_assert_cmpstr (orgmap_history_get_undo_label (fixture->history), ==, "Undo Add Link");
  orgmap_test_settle ();
  g_assert_null (dialog);
}

static void
test_link_refused (Fixture       *fixture,
                   gconstpointer  data)
{
  OrgmapDocument *doc = fixture->document;
  guint32 rrhh = orgmap_document_find_unit (doc, "rrhh");
  guint32 fin = orgmap_document_find_unit (doc, "fin");
  guint n_links = orgmap_document_get_n_links (doc);
  OrgmapLinkDialog *dialog;
  const char *message;

  /* A unit selected on the map is the provider; the keyboard starts at the client. */
  orgmap_view_state_set_selection (fixture->view, rrhh);
  dialog = orgmap_link_dialog_new (fixture->parent, fixture->history, fixture->view);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  show_window (GTK_WINDOW (dialog));
  g_assert_cmpstr (gtk_editable_get_text (orgmap_link_dialog_get_entry (dialog, ORGMAP_LINK_DIALOG_PROVIDER)),
                   ==, "Recursos Humanos");
  g_assert_cmpuint (orgmap_link_dialog_get_party (dialog, ORGMAP_LINK_DIALOG_PROVIDER), ==, rrhh);
  g_assert_true (focus_in (GTK_WIDGET (dialog), orgmap_link_dialog_get_entry (dialog, ORGMAP_LINK_DIALOG_CLIENT)));

  /* No client: said under the client. */
  click_add (dialog);
  g_assert_cmpstr (error_shown (dialog, ORGMAP_LINK_DIALOG_CLIENT), ==,
                   "Choose the unit or external client that is served");
  g_assert_null (error_shown (dialog, ORGMAP_LINK_DIALOG_PROVIDER));
  type_in (dialog, ORGMAP_LINK_DIALOG_CLIENT, "xyz");
  g_assert_null (error_shown (dialog, ORGMAP_LINK_DIALOG_CLIENT));
  pick (dialog, ORGMAP_LINK_DIALOG_CLIENT);
  g_assert_cmpstr (error_shown (dialog, ORGMAP_LINK_DIALOG_CLIENT), ==,
                   "No unit or external client has this in its name");

  /* Serving itself: said under the client, nothing added. */
  type_in (dialog, ORGMAP_LINK_DIALOG_CLIENT, "recursos hum");
  pick (dialog, ORGMAP_LINK_DIALOG_CLIENT);
  click_add (dialog);
  message = error_shown (dialog, ORGMAP_LINK_DIALOG_CLIENT);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "“Recursos Humanos” cannot be its own client"));
  g_assert_null (error_shown (dialog, ORGMAP_LINK_DIALOG_SERVICE));
  g_assert_cmpuint (orgmap_document_get_n_links (doc), ==, n_links);
  g_assert_false (orgmap_history_can_undo (fixture->history));
  orgmap_test_keep_screenshot (GTK_WIDGET (dialog), "link-dialog-refused.png");

  /* Another client clears it. The same link again: said under the service. */
  type_in (dialog, ORGMAP_LINK_DIALOG_CLIENT, "finanzas");
  g_assert_null (error_shown (dialog, ORGMAP_LINK_DIALOG_CLIENT));
  pick (dialog, ORGMAP_LINK_DIALOG_CLIENT);
  g_assert_cmpuint (orgmap_link_dialog_get_party (dialog, ORGMAP_LINK_DIALOG_CLIENT), ==, fin);
  type_in (dialog, ORGMAP_LINK_DIALOG_SERVICE, "Datos de empleados para el presupuesto");
  click_add (dialog);
  g_assert_cmpstr (error_shown (dialog, ORGMAP_LINK_DIALOG_SERVICE), ==,
                   "There is already a link from “Recursos Humanos” to “Finanzas” for the service "
                   "“Datos de empleados para el presupuesto”");
  g_assert_null (error_shown (dialog, ORGMAP_LINK_DIALOG_CLIENT));
  g_assert_true (focus_in (GTK_WIDGET (dialog), orgmap_link_dialog_get_entry (dialog, ORGMAP_LINK_DIALOG_SERVICE)));
  g_assert_cmpuint (orgmap_document_get_n_links (doc), ==, n_links);
  g_assert_false (orgmap_history_can_undo (fixture->history));
  g_assert_cmpuint (orgmap_view_state_get_selection (fixture->view), ==, rrhh);

  /* No provider: said under the provider. */
  type_in (dialog, ORGMAP_LINK_DIALOG_PROVIDER, "");
  g_assert_null (error_shown (dialog, ORGMAP_LINK_DIALOG_SERVICE));
  click_add (dialog);
  g_assert_cmpstr (error_shown (dialog, ORGMAP_LINK_DIALOG_PROVIDER), ==,
                   "Choose the unit that provides the service");
  g_assert_cmpuint (orgmap_document_get_n_links (doc), ==, n_links);
  g_assert_nonnull (dialog);

  /* Cancel (and Escape) close it with nothing added. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  orgmap_test_settle ();
  g_assert_null (dialog);
  g_assert_cmpuint (orgmap_document_get_n_links (doc), ==, n_links);
}

/* The rounds dialog */

static void
collect_labels (GtkWidget *widget,
                GString   *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (out, "%s%s", out->len > 0 ? " | " : "", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, out);
}

/* What a row shows, its labels joined by " | ". */
static char *
row_text (OrgmapRoundsDialog *dialog,
          guint               index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (orgmap_rounds_dialog_get_list (dialog), index);
  GString *out = g_string_new (NULL);

  g_assert_nonnull (row);
  collect_labels (GTK_WIDGET (row), out);
  return g_string_free (out, FALSE);
}

static guint
n_rows (OrgmapRoundsDialog *dialog)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (orgmap_rounds_dialog_get_list (dialog), n) != NULL)
    n++;
  return n;
}

static void
activate (OrgmapRoundsDialog *dialog,
          const char         *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), action, NULL));
}

static const char *
round_error (GtkLabel    *label,
             GtkEditable *entry)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (label)))
    return NULL;
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  return gtk_label_get_text (label);
}

static void
test_rounds (Fixture       *fixture,
             gconstpointer  data)
{
  OrgmapDocument *doc = fixture->document;
  OrgmapRoundsDialog *dialog = orgmap_rounds_dialog_new (fixture->parent, fixture->history, fixture->view);
  GtkEditable *name = orgmap_rounds_dialog_get_name_entry (dialog);
  GtkEditable *date = orgmap_rounds_dialog_get_date_entry (dialog);
  GtkLabel *name_error = orgmap_rounds_dialog_get_name_error (dialog);
  GtkLabel *date_error = orgmap_rounds_dialog_get_date_error (dialog);
  guint n_ratings = orgmap_document_get_n_ratings (doc);
  g_autofree char *text = NULL;
  const char *message;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  show_window (GTK_WINDOW (dialog));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));

  /* Both rounds of the example, with their dates and ratings. */
  g_assert_cmpuint (n_rows (dialog), ==, 2);
  text = row_text (dialog, 0);
  g_assert_cmpstr (text, ==, "Encuesta de servicio interno, primer semestre | 2026-03-31 · 28 ratings");
  g_clear_pointer (&text, g_free);
  g_assert_cmpstr (orgmap_rounds_dialog_get_mode (dialog), ==, "actions");

  /* A new round: refused without a name or with a bad date, the form kept. */
  activate (dialog, "rounds.new");
  g_assert_cmpstr (orgmap_rounds_dialog_get_mode (dialog), ==, "form");
  g_assert_true (focus_in (GTK_WIDGET (dialog), name));
  g_assert_true (GTK_IS_BUTTON (gtk_window_get_default_widget (GTK_WINDOW (dialog))));
  activate (dialog, "rounds.save");
  g_assert_cmpstr (round_error (name_error, name), ==, "A new round needs a name");
  g_assert_null (round_error (date_error, date));
  gtk_editable_set_text (name, "Taller 2027");
  g_assert_null (round_error (name_error, name));
  gtk_editable_set_text (date, "2027-02-30");
  activate (dialog, "rounds.save");
  message = round_error (date_error, date);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "“2027-02-30”"));
  g_assert_nonnull (strstr (message, "YYYY-MM-DD"));
  g_assert_true (focus_in (GTK_WIDGET (dialog), date));
  g_assert_cmpuint (orgmap_document_get_n_rounds (doc), ==, 2);
  g_assert_false (orgmap_history_can_undo (fixture->history));
  orgmap_test_keep_screenshot (GTK_WIDGET (dialog), "rounds-dialog-form.png");

  gtk_editable_set_text (date, "2027-02-15");
  activate (dialog, "rounds.save");
  g_assert_cmpuint (orgmap_document_get_n_rounds (doc), ==, 3);
  g_assert_cmpstr (orgmap_document_get_round (doc, 2)->name, ==, "Taller 2027");
  g_assert_cmpstr (orgmap_document_get_round (doc, 2)->date, ==, "2027-02-15");
  g_assert_cmpstr (orgmap_rounds_dialog_get_mode (dialog), ==, "actions");
  g_assert_cmpuint (n_rows (dialog), ==, 3);
  g_assert_cmpuint (orgmap_rounds_dialog_get_selected (dialog), ==, 2);
  text = row_text (dialog, 2);
  g_assert_cmpstr (text, ==, "Taller 2027 | 2027-02-15 · 0 ratings");
  g_clear_pointer (&text, g_free);

  /* Renamed and dated again, in one step. */
  activate (dialog, "rounds.edit");
  g_assert_cmpstr (gtk_editable_get_text (name), ==, "Taller 2027");
  g_assert_cmpstr (gtk_editable_get_text (date), ==, "2027-02-15");
  gtk_editable_set_text (name, "");
  activate (dialog, "rounds.save");
  g_assert_nonnull (round_error (name_error, name));
  g_assert_cmpstr (orgmap_document_get_round (doc, 2)->name, ==, "Taller 2027");
  gtk_editable_set_text (name, "Taller de febrero");
  gtk_editable_set_text (date, "2027-02-16");
  activate (dialog, "rounds.save");
  g_assert_cmpstr (orgmap_document_get_round (doc, 2)->name, ==, "Taller de febrero");
  g_assert_cmpstr (orgmap_document_get_round (doc, 2)->date, ==, "2027-02-16");
  text = row_text (dialog, 2);
  g_assert_cmpstr (text, ==, "Taller de febrero | 2027-02-16 · 0 ratings");
  g_clear_pointer (&text, g_free);

  /* Shown on the map. */
  activate (dialog, "rounds.show");
  g_assert_cmpuint (orgmap_view_state_get_round (fixture->view), ==, 2);
  text = row_text (dialog, 2);
  g_assert_cmpstr (text, ==, "Taller de febrero | 2027-02-16 · 0 ratings | Shown on the map");
  g_clear_pointer (&text, g_free);
  orgmap_test_keep_screenshot (GTK_WIDGET (dialog), "rounds-dialog.png");

  /* Deleting asks first, with the ratings that go with it. */
  orgmap_rounds_dialog_select (dialog, 0);
  activate (dialog, "rounds.delete");
  g_assert_cmpstr (orgmap_rounds_dialog_get_mode (dialog), ==, "confirm");
  g_assert_cmpstr (gtk_label_get_text (orgmap_rounds_dialog_get_question (dialog)), ==,
                   "Delete the round “Encuesta de servicio interno, primer semestre” and its 28 ratings?");
  orgmap_test_keep_screenshot (GTK_WIDGET (dialog), "rounds-dialog-delete.png");
  activate (dialog, "rounds.cancel");
  g_assert_cmpuint (orgmap_document_get_n_rounds (doc), ==, 3);
  activate (dialog, "rounds.delete");
  activate (dialog, "rounds.confirm-delete");
  g_assert_cmpuint (orgmap_document_get_n_rounds (doc), ==, 2);
  g_assert_cmpuint (orgmap_document_get_n_ratings (doc), ==, n_ratings - 28);
  g_assert_cmpuint (n_rows (dialog), ==, 2);
  text = row_text (dialog, 0);
  g_assert_nonnull (strstr (text, "segundo semestre"));
  g_clear_pointer (&text, g_free);
  /* The map still shows the same round, now one place up. */
  g_assert_cmpuint (orgmap_view_state_get_round (fixture->view), ==, 1);
  g_assert_cmpstr (orgmap_document_get_round (doc, 1)->name, ==, "Taller de febrero");

  /* Undone elsewhere: the list follows. */
  g_assert_cmpstr (orgmap_history_get_undo_label (fixture->history), ==, "Undo Delete Round");
  g_assert_true (orgmap_history_undo (fixture->history));
  g_assert_cmpuint (orgmap_document_get_n_ratings (doc), ==, n_ratings);
  g_assert_cmpuint (n_rows (dialog), ==, 3);
  text = row_text (dialog, 0);
  g_assert_nonnull (strstr (text, "Encuesta de servicio interno, primer semestre | 2026-03-31 · 28 ratings"));
  g_clear_pointer (&text, g_free);
  g_assert_true (orgmap_history_undo (fixture->history));
  text = row_text (dialog, 2);
  g_assert_cmpstr (text, ==, "Taller 2027 | 2027-02-15 · 0 ratings");
  g_clear_pointer (&text, g_free);
  g_assert_true (orgmap_history_undo (fixture->history));
  g_assert_cmpuint (n_rows (dialog), ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "rounds.escape", NULL));
  orgmap_test_settle ();
  g_assert_null (dialog);
}

/* The side panel: reorganising by drop */

static GtkWidget *
find_widget (GtkWidget *widget,
             gboolean (*match) (GtkWidget *, gconstpointer),
             gconstpointer data)
{
  if (match (widget, data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_units_view (GtkWidget     *widget,
               gconstpointer  selection)
{
  return GTK_IS_LIST_VIEW (widget) &&
         gtk_list_view_get_model (GTK_LIST_VIEW (widget)) == (GtkSelectionModel *) selection;
}

static gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_error_label (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error");
}

typedef struct
{
  GtkWidget  *list;
  const char *name;
} RowQuery;

static gboolean
row_shown (gpointer data)
{
  RowQuery *query = data;
  GtkWidget *label = find_widget (query->list, is_label_with_text, query->name);

  return label != NULL && gtk_widget_get_height (label) > 0;
}

/* Drops @unit where the row named @target is, or (NULL) below the rows, as
 * the units list's drop target gets it. */
static gboolean
drop_unit (GtkWidget  *list,
           guint32     unit,
           const char *target)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (list);
  g_autoptr(OrgmapHandleItem) item = orgmap_handle_item_new (unit);
  GValue value = G_VALUE_INIT;
  double x = gtk_widget_get_width (list) / 2.0, y = gtk_widget_get_height (list) - 2;
  gboolean done = FALSE;
  guint n_targets = 0;

  if (target != NULL)
    {
      RowQuery query = { list, target };
      GtkWidget *label;

      orgmap_test_settle ();
      orgmap_test_wait_for (row_shown, &query);
      label = find_widget (list, is_label_with_text, target);
      g_assert_true (gtk_widget_translate_coordinates (label, list, 2, gtk_widget_get_height (label) / 2.0,
                                                       &x, &y));
    }

  g_value_init (&value, ORGMAP_TYPE_HANDLE_ITEM);
  g_value_set_object (&value, item);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        {
          g_signal_emit_by_name (controller, "drop", &value, x, y, &done);
          n_targets++;
        }
    }
  g_value_unset (&value);
  g_assert_cmpuint (n_targets, ==, 1);
  return done;
}

static guint32
row_unit (gpointer row)
{
  g_autoptr(OrgmapHandleItem) item = gtk_tree_list_row_get_item (row);

  return orgmap_handle_item_get_handle (item);
}

static GtkTreeListRow *
find_row (GtkSingleSelection *selection,
          guint32             unit)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (selection)); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (selection), i);

      if (row_unit (row) == unit)
        return g_steal_pointer (&row);
    }
  return NULL;
}

static gboolean
row_expanded (GtkSingleSelection *selection,
              guint32             unit)
{
  g_autoptr(GtkTreeListRow) row = find_row (selection, unit);

  return row != NULL && gtk_tree_list_row_get_expanded (row);
}

static void
test_panel_drop (Fixture       *fixture,
                 gconstpointer  data)
{
  OrgmapDocument *doc = fixture->document;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *panel = orgmap_side_panel_new ();
  GtkSingleSelection *units = orgmap_side_panel_get_units_selection (ORGMAP_SIDE_PANEL (panel));
  guint32 prod = orgmap_document_find_unit (doc, "prod");
  guint32 ti = orgmap_document_find_unit (doc, "ti");
  guint32 ops = orgmap_document_find_unit (doc, "ops");
  guint32 fin = orgmap_document_find_unit (doc, "fin");
  guint32 jur = orgmap_document_find_unit (doc, "jur");
  guint32 dg = orgmap_document_find_unit (doc, "dg");
  guint32 ti_prod = orgmap_document_find_link (doc, "ti-prod");
  guint32 alm_prod = orgmap_document_find_link (doc, "alm-prod");
  GtkWidget *list, *message;
  guint n_roots;

  gtk_window_set_default_size (GTK_WINDOW (window), 400, 900);
  gtk_window_set_child (GTK_WINDOW (window), panel);
  orgmap_side_panel_set_view_state (ORGMAP_SIDE_PANEL (panel), fixture->view);
  orgmap_side_panel_set_document (ORGMAP_SIDE_PANEL (panel), doc);
  orgmap_side_panel_set_history (ORGMAP_SIDE_PANEL (panel), fixture->history);
  show_window (GTK_WINDOW (window));
  list = find_widget (panel, is_units_view, units);
  g_assert_nonnull (list);
  message = find_widget (panel, is_error_label, NULL);
  g_assert_nonnull (message);
  g_assert_false (gtk_widget_get_visible (message));

  /* Open Operaciones' branch and select Tecnología. */
  orgmap_view_state_set_selection (fixture->view, ops);
  {
    g_autoptr(GtkTreeListRow) row = find_row (units, ops);

    gtk_tree_list_row_set_expanded (row, TRUE);
  }
  orgmap_view_state_set_selection (fixture->view, ti);
  g_assert_true (row_expanded (units, ops));
  g_assert_cmpuint (orgmap_document_get_link_type (doc, ti_prod), ==, ORGMAP_LINK_DIAGONAL);
  g_assert_cmpuint (orgmap_document_get_link_type (doc, alm_prod), ==, ORGMAP_LINK_VERTICAL);

  /* Producción dropped on Tecnología: under it, and the links classified again. */
  g_assert_true (drop_unit (list, prod, "Tecnología de la Información"));
  g_assert_cmpuint (orgmap_document_get_unit (doc, prod)->parent, ==, ti);
  g_assert_cmpuint (orgmap_document_get_link_type (doc, ti_prod), ==, ORGMAP_LINK_VERTICAL);
  g_assert_cmpuint (orgmap_document_get_link_type (doc, alm_prod), ==, ORGMAP_LINK_DIAGONAL);
  g_assert_cmpstr (orgmap_history_get_undo_label (fixture->history), ==, "Undo Move Unit");
  g_assert_false (gtk_widget_get_visible (message));
  /* The same rows stay open, the selection stays, and the new place shows. */
  g_assert_true (row_expanded (units, ops));
  g_assert_true (row_expanded (units, ti));
  g_assert_cmpuint (row_unit (gtk_single_selection_get_selected_item (units)), ==, ti);
  {
    g_autoptr(GtkTreeListRow) row = find_row (units, prod);
    g_autoptr(GtkTreeListRow) parent = NULL;

    g_assert_nonnull (row);
    parent = gtk_tree_list_row_get_parent (row);
    g_assert_cmpuint (row_unit (parent), ==, ti);
  }

  /* Finanzas dropped on its own Recursos Humanos: refused, said above the
   * tree, nothing changed. */
  orgmap_view_state_set_selection (fixture->view, orgmap_document_find_unit (doc, "rrhh"));
  g_assert_false (drop_unit (list, fin, "Recursos Humanos"));
  g_assert_cmpuint (orgmap_document_get_unit (doc, fin)->parent, ==, dg);
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (message)), ==,
                   "“Finanzas” cannot be placed under “Recursos Humanos”, which is part of it");
  g_assert_cmpstr (orgmap_history_get_undo_label (fixture->history), ==, "Undo Move Unit");
  orgmap_test_settle ();
  {
    double x, y;

    /* At the top of the tree. */
    g_assert_true (gtk_widget_translate_coordinates (message, list, 0, 0, &x, &y));
    g_assert_cmpfloat (y, <, 0);
  }
  orgmap_test_keep_screenshot (window, "side-panel-refused-drop.png");

  /* Below the rows: a root. The message goes with the next action. */
  orgmap_view_state_set_selection (fixture->view, ORGMAP_NONE);
  {
    g_autoptr(GtkTreeListRow) root = find_row (units, dg);

    gtk_tree_list_row_set_expanded (root, FALSE);
  }
  orgmap_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (units)), ==, 1);
  g_assert_true (drop_unit (list, jur, NULL));
  g_assert_cmpuint (orgmap_document_get_unit (doc, jur)->parent, ==, ORGMAP_NONE);
  orgmap_document_get_roots (doc, &n_roots);
  g_assert_cmpuint (n_roots, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (units)), ==, 2);
  g_assert_false (gtk_widget_get_visible (message));

  /* Undo puts it back. */
  g_assert_true (orgmap_history_undo (fixture->history));
  g_assert_cmpuint (orgmap_document_get_unit (doc, jur)->parent, ==, dg);
  g_assert_true (orgmap_history_undo (fixture->history));
  g_assert_cmpuint (orgmap_document_get_unit (doc, prod)->parent, ==, ops);
  g_assert_cmpuint (orgmap_document_get_link_type (doc, ti_prod), ==, ORGMAP_LINK_DIAGONAL);

  gtk_window_destroy (GTK_WINDOW (window));
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

  g_test_add ("/orgmap/ui/dialogs/link/add", Fixture, NULL,
              fixture_set_up, test_link_add, fixture_tear_down);
  g_test_add ("/orgmap/ui/dialogs/link/refused", Fixture, NULL,
              fixture_set_up, test_link_refused, fixture_tear_down);
  g_test_add ("/orgmap/ui/dialogs/rounds", Fixture, NULL,
              fixture_set_up, test_rounds, fixture_tear_down);
  g_test_add ("/orgmap/ui/side-panel/drop", Fixture, NULL,
              fixture_set_up, test_panel_drop, fixture_tear_down);

  return orgmap_test_run ();
}

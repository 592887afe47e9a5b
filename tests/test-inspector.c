/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>
#include <gtk/gtk.h>

#include "orgmap-history.h"
#include "orgmap-inspector.h"
#include "orgmap-test-ui.h"
#include "orgmap-xml-import.h"

/* The inspector as a person uses it: in a window, beside a document and
 * its history, following the selection of a view state. Fields are found by
 * their labels, as a person finds them. */

typedef struct
{
  GtkWindow       *window;
  OrgmapInspector *inspector;
  OrgmapDocument  *doc;
  OrgmapHistory   *history;
  OrgmapViewState *view;
} Fixture;

static gboolean
inspector_mapped (gpointer data)
{
  Fixture *fx = data;

  return gtk_widget_get_mapped (GTK_WIDGET (fx->inspector)) &&
         gtk_widget_get_width (GTK_WIDGET (fx->inspector)) >= 300;
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("ORGMAP_SOURCE_DIR"), "resources",
                                            "example.orgmap.xml", NULL);
  g_autoptr(GError) error = NULL;

  fx->doc = orgmap_xml_import_file (path, NULL, &error);
  g_assert_no_error (error);
  fx->history = orgmap_history_new (fx->doc);
  fx->view = orgmap_view_state_new ();

  fx->inspector = ORGMAP_INSPECTOR (orgmap_inspector_new ());
  orgmap_inspector_set_history (fx->inspector, fx->history);
  orgmap_inspector_set_view_state (fx->inspector, fx->view);

  fx->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fx->window, 340, 900);
  gtk_window_set_child (fx->window, GTK_WIDGET (fx->inspector));
  gtk_window_present (fx->window);
  orgmap_test_wait_for (inspector_mapped, fx);
  orgmap_test_settle ();
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  gtk_window_destroy (fx->window);
  g_clear_object (&fx->view);
  g_clear_object (&fx->history);
  g_clear_object (&fx->doc);
}

/* Finding what a person sees */

typedef gboolean (*Match) (GtkWidget    *widget,
                           gconstpointer data);

static GtkWidget *
find_mapped (GtkWidget     *root,
             Match          match,
             gconstpointer  data)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_mapped (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_label_with_mnemonic (GtkWidget    *widget,
                        gconstpointer data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), data) == 0;
}

static gboolean
is_label_with_text (GtkWidget    *widget,
                    gconstpointer data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static gboolean
is_text (GtkWidget    *widget,
         gconstpointer data)
{
  return GTK_IS_TEXT (widget);
}

/* The widget that a shown label (“_Name”) names. */
static GtkWidget *
field (Fixture    *fx,
       const char *mnemonic)
{
  GtkWidget *label = find_mapped (GTK_WIDGET (fx->inspector), is_label_with_mnemonic, mnemonic);

  g_assert_nonnull (label);
  g_assert_nonnull (gtk_label_get_mnemonic_widget (GTK_LABEL (label)));
  return gtk_label_get_mnemonic_widget (GTK_LABEL (label));
}

static gboolean
shows_text (Fixture    *fx,
            const char *text)
{
  return find_mapped (GTK_WIDGET (fx->inspector), is_label_with_text, text) != NULL;
}

static void
collect_errors (GtkWidget *widget,
                GString   *out)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error"))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_errors (child, out);
}

/* Every message shown, one a line; "" when none. */
static char *
errors_shown (Fixture *fx)
{
  GString *out = g_string_new (NULL);

  collect_errors (GTK_WIDGET (fx->inspector), out);
  return g_string_free (out, FALSE);
}

static char *
text_of (GtkWidget *widget)
{
  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));
}

#define assert_text(widget, expected) \
  G_STMT_START { \
    g_autofree char *_t = text_of (widget); \
    g_assert_cmpstr (_t, ==, (expected)); \
  } G_STMT_END

/* Typing and pressing Enter, as in the entry's own text. */
static void
type_and_enter (GtkWidget  *widget,
                const char *text)
{
  GtkWidget *inner = find_mapped (widget, is_text, NULL);

  g_assert_nonnull (inner);
  gtk_editable_set_text (GTK_EDITABLE (widget), text);
  g_signal_emit_by_name (inner, "activate");
}

/* Hands a key press to the widget's key controllers, those of the capture
 * phase first, as GTK does; TRUE when one handled it. */
static gboolean
press_key (GtkWidget       *widget,
           guint            keyval,
           GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
        gboolean capture = gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (controller)) ==
                           GTK_PHASE_CAPTURE;

        if (GTK_IS_EVENT_CONTROLLER_KEY (controller) && capture == (pass == 0))
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
      }
  return handled;
}

static void
type_in_notes (GtkWidget  *view,
               const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

/* Moves the keyboard from one field to another. */
static void
focus (Fixture   *fx,
       GtkWidget *widget)
{
  g_assert_true (gtk_widget_grab_focus (widget));
  orgmap_test_settle ();
}

static const OrgmapRating *
rating_of (Fixture    *fx,
           const char *link_id,
           const char *round_id)
{
  guint32 rating = orgmap_document_find_rating (fx->doc, orgmap_document_find_link (fx->doc, link_id),
                                                orgmap_document_find_round (fx->doc, round_id));

  return rating != ORGMAP_NONE ? orgmap_document_get_rating (fx->doc, rating) : NULL;
}

/* The rating, which must be there. */
static const OrgmapRating *
rated (Fixture    *fx,
       const char *link_id,
       const char *round_id)
{
  const OrgmapRating *rating = rating_of (fx, link_id, round_id);

  if (rating == NULL)
    g_error ("The link %s is not rated in round %s", link_id, round_id);
  return rating;
}

static void
save_screenshot (Fixture    *fx,
                 const char *name)
{
  const char *dir = g_getenv ("ORGMAP_SCREENSHOT_DIR");
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fx->window));
  texture = orgmap_test_window_texture (GTK_WIDGET (fx->window));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* Tests */

static void
test_hint (Fixture       *fx,
           gconstpointer  data)
{
  guint32 rrhh = orgmap_document_find_unit (fx->doc, "rrhh");

  g_assert_true (shows_text (fx, "Select a unit or a link on the map to edit it"));

  orgmap_view_state_set_selection (fx->view, rrhh);
  g_assert_false (shows_text (fx, "Select a unit or a link on the map to edit it"));
  g_assert_true (shows_text (fx, "Unit"));
  g_assert_true (shows_text (fx, "Recursos Humanos"));
  assert_text (field (fx, "_Name"), "Recursos Humanos");
  assert_text (field (fx, "H_ead"), "Jorge Salas");
  assert_text (field (fx, "Head_count"), "9");

  orgmap_view_state_set_selection (fx->view, ORGMAP_NONE);
  g_assert_true (shows_text (fx, "Select a unit or a link on the map to edit it"));
  g_assert_false (shows_text (fx, "Recursos Humanos"));
}

static void
test_rename_unit (Fixture       *fx,
                  gconstpointer  data)
{
  guint32 rrhh = orgmap_document_find_unit (fx->doc, "rrhh");
  GtkWidget *name;

  orgmap_view_state_set_selection (fx->view, rrhh);
  name = field (fx, "_Name");
  type_and_enter (name, "Personas y Cultura");
  g_assert_cmpstr (orgmap_document_get_unit (fx->doc, rrhh)->name, ==, "Personas y Cultura");
  g_assert_cmpstr (orgmap_history_get_undo_label (fx->history), ==, "Undo Rename Unit");
  g_assert_true (shows_text (fx, "Personas y Cultura"));

  /* Undone elsewhere: the field and the heading follow. */
  g_assert_true (orgmap_history_undo (fx->history));
  g_assert_cmpstr (orgmap_document_get_unit (fx->doc, rrhh)->name, ==, "Recursos Humanos");
  assert_text (name, "Recursos Humanos");
  g_assert_true (shows_text (fx, "Recursos Humanos"));

  /* Enter again on an unchanged name records nothing. */
  g_assert_true (orgmap_history_redo (fx->history));
  g_assert_true (orgmap_history_undo (fx->history));
  type_and_enter (name, "Recursos Humanos");
  g_assert_false (orgmap_history_can_undo (fx->history));
  g_assert_true (orgmap_history_can_redo (fx->history));
}

static void
test_empty_name (Fixture       *fx,
                 gconstpointer  data)
{
  guint32 rrhh = orgmap_document_find_unit (fx->doc, "rrhh");
  g_autofree char *errors = NULL;
  GtkWidget *name;

  orgmap_view_state_set_selection (fx->view, rrhh);
  name = field (fx, "_Name");
  type_and_enter (name, "  ");
  errors = errors_shown (fx);
  g_assert_cmpstr (errors, ==, "The unit “Recursos Humanos” cannot be left without a name\n");
  g_assert_true (gtk_widget_has_css_class (name, "error"));
  g_assert_cmpstr (orgmap_document_get_unit (fx->doc, rrhh)->name, ==, "Recursos Humanos");
  g_assert_false (orgmap_history_can_undo (fx->history));
  /* What was typed stays, to be put right. */
  assert_text (name, "  ");
  save_screenshot (fx, "inspector-error.png");

  /* A change elsewhere leaves the refused field as it is. */
  g_assert_true (orgmap_history_rename_unit (fx->history, orgmap_document_find_unit (fx->doc, "fin"),
                                             "Finanzas y Control", NULL));
  g_clear_pointer (&errors, g_free);
  errors = errors_shown (fx);
  g_assert_cmpstr (errors, ==, "The unit “Recursos Humanos” cannot be left without a name\n");
  assert_text (name, "  ");

  /* The next valid commit takes the message away. */
  type_and_enter (name, "Personas");
  g_clear_pointer (&errors, g_free);
  errors = errors_shown (fx);
  g_assert_cmpstr (errors, ==, "");
  g_assert_false (gtk_widget_has_css_class (name, "error"));
  g_assert_cmpstr (orgmap_document_get_unit (fx->doc, rrhh)->name, ==, "Personas");

  /* So does another selection, and the refused text goes with it. */
  type_and_enter (name, "");
  g_clear_pointer (&errors, g_free);
  errors = errors_shown (fx);
  g_assert_nonnull (strstr (errors, "cannot be left without a name"));
  orgmap_view_state_set_selection (fx->view, orgmap_document_find_unit (fx->doc, "mkt"));
  g_clear_pointer (&errors, g_free);
  errors = errors_shown (fx);
  g_assert_cmpstr (errors, ==, "");
  assert_text (field (fx, "_Name"), "Marketing");
  g_assert_cmpstr (orgmap_document_get_unit (fx->doc, rrhh)->name, ==, "Personas");
}

static void
test_unit_details (Fixture       *fx,
                   gconstpointer  data)
{
  guint32 rrhh = orgmap_document_find_unit (fx->doc, "rrhh");
  g_autofree char *errors = NULL;
  GtkWidget *head, *headcount, *level, *area, *notes;

  orgmap_view_state_set_selection (fx->view, rrhh);
  head = field (fx, "H_ead");
  headcount = field (fx, "Head_count");
  level = field (fx, "_Level");
  area = field (fx, "_Area");
  notes = field (fx, "N_otes");

  /* Automatic level and area: empty fields that show the computed ones. */
  assert_text (level, "");
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (level)), ==, "Automatic: 3");
  assert_text (area, "");
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (area)), ==, "Automatic: Administración");

  /* Leaving a field commits it, as one step. */
  focus (fx, head);
  gtk_editable_set_text (GTK_EDITABLE (head), "Sara Molina");
  focus (fx, headcount);
  g_assert_cmpstr (orgmap_document_get_unit (fx->doc, rrhh)->head, ==, "Sara Molina");
  g_assert_cmpstr (orgmap_history_get_undo_label (fx->history), ==, "Undo Change Unit Details");

  type_and_enter (headcount, "11");
  g_assert_cmpint (orgmap_document_get_unit (fx->doc, rrhh)->headcount, ==, 11);
  type_and_enter (headcount, "");
  g_assert_cmpint (orgmap_document_get_unit (fx->doc, rrhh)->headcount, ==, -1);
  type_and_enter (headcount, "nine");
  errors = errors_shown (fx);
  g_assert_cmpstr (errors, ==,
                   "The headcount of “Recursos Humanos” must be a whole number, or empty when unknown\n");
  g_assert_cmpint (orgmap_document_get_unit (fx->doc, rrhh)->headcount, ==, -1);
  type_and_enter (headcount, "9");
  g_clear_pointer (&errors, g_free);
  errors = errors_shown (fx);
  g_assert_cmpstr (errors, ==, "");

  type_and_enter (level, "2");
  g_assert_cmpint (orgmap_document_get_unit (fx->doc, rrhh)->level, ==, 2);
  g_assert_cmpint (orgmap_document_get_unit_level (fx->doc, rrhh), ==, 2);
  type_and_enter (level, "0");
  g_clear_pointer (&errors, g_free);
  errors = errors_shown (fx);
  g_assert_nonnull (strstr (errors, "The level of “Recursos Humanos” must be a whole number from 1 up"));
  g_assert_cmpint (orgmap_document_get_unit_level (fx->doc, rrhh), ==, 2);
  type_and_enter (level, "");
  g_assert_cmpint (orgmap_document_get_unit (fx->doc, rrhh)->level, ==, 0);
  g_assert_cmpint (orgmap_document_get_unit_level (fx->doc, rrhh), ==, 3);

  type_and_enter (area, "Personas");
  g_assert_cmpstr (orgmap_document_get_unit_area (fx->doc, rrhh), ==, "Personas");
  /* Its own area given, the placeholder still tells the computed one. */
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (area)), ==, "Automatic: Administración");

  focus (fx, notes);
  type_in_notes (notes, "Dos sedes.\nNómina externalizada en 2025.");
  focus (fx, head);
  g_assert_cmpstr (orgmap_document_get_unit (fx->doc, rrhh)->notes, ==, "Dos sedes.\nNómina externalizada en 2025.");

  /* Each committed field was one step: notes, area, level ×2, headcount ×3, head. */
  for (guint i = 0; i < 8; i++)
    g_assert_true (orgmap_history_undo (fx->history));
  g_assert_false (orgmap_history_can_undo (fx->history));
  assert_text (head, "Jorge Salas");
  assert_text (headcount, "9");
  assert_text (area, "");
  assert_text (notes, "");
}

/* A change in the document refreshes the fields that changed and leaves
 * what is being typed in the others. */
static void
test_keeps_typing (Fixture       *fx,
                   gconstpointer  data)
{
  guint32 rrhh = orgmap_document_find_unit (fx->doc, "rrhh");
  GtkWidget *name, *head;

  orgmap_view_state_set_selection (fx->view, rrhh);
  name = field (fx, "_Name");
  head = field (fx, "H_ead");
  focus (fx, head);
  gtk_editable_set_text (GTK_EDITABLE (head), "Sara Mol");

  g_assert_true (orgmap_history_rename_unit (fx->history, rrhh, "Personas", NULL));
  assert_text (name, "Personas");
  assert_text (head, "Sara Mol");
  g_assert_true (orgmap_history_undo (fx->history));
  assert_text (name, "Recursos Humanos");
  assert_text (head, "Sara Mol");

  /* Escape gives back the model's value. */
  g_assert_true (gtk_widget_is_focus (find_mapped (head, is_text, NULL)));
  g_assert_true (press_key (head, GDK_KEY_Escape, 0));
  /* Nothing left to give back: Escape goes on to the window. */
  g_assert_false (press_key (head, GDK_KEY_Escape, 0));
  assert_text (head, "Jorge Salas");
  g_assert_cmpstr (orgmap_document_get_unit (fx->doc, rrhh)->head, ==, "Jorge Salas");
}

/* What was typed but not committed is kept when the selection moves on. */
static void
test_commit_on_selection_change (Fixture       *fx,
                                 gconstpointer  data)
{
  guint32 rrhh = orgmap_document_find_unit (fx->doc, "rrhh");
  guint32 mkt = orgmap_document_find_unit (fx->doc, "mkt");

  orgmap_view_state_set_selection (fx->view, rrhh);
  gtk_editable_set_text (GTK_EDITABLE (field (fx, "H_ead")), "Sara Molina");
  orgmap_view_state_set_selection (fx->view, mkt);
  g_assert_cmpstr (orgmap_document_get_unit (fx->doc, rrhh)->head, ==, "Sara Molina");
  g_assert_cmpstr (orgmap_document_get_unit (fx->doc, mkt)->head, ==, "Pablo Ortega");
  assert_text (field (fx, "H_ead"), "Pablo Ortega");
}

static void
test_external (Fixture       *fx,
               gconstpointer  data)
{
  guint32 client = orgmap_document_find_party (fx->doc, "minoristas");
  g_autofree char *errors = NULL;
  GtkWidget *name;

  orgmap_view_state_set_selection (fx->view, client);
  g_assert_true (shows_text (fx, "External client"));
  name = field (fx, "_Name");
  assert_text (name, "Clientes minoristas");
  type_and_enter (name, "Clientes particulares");
  g_assert_cmpstr (orgmap_document_get_party_name (fx->doc, client), ==, "Clientes particulares");
  type_and_enter (name, "");
  errors = errors_shown (fx);
  g_assert_cmpstr (errors, ==, "The external client “Clientes particulares” cannot be left without a name\n");
  g_assert_cmpstr (orgmap_document_get_party_name (fx->doc, client), ==, "Clientes particulares");

  /* Its notes, committed when the keyboard leaves them; one undo step. */
  {
    GtkWidget *notes = field (fx, "N_otes");

    focus (fx, notes);
    type_in_notes (notes, "Compran en tienda y por catálogo.");
    focus (fx, name);
    g_assert_cmpstr (orgmap_document_get_external (fx->doc, ORGMAP_EXTERNAL_INDEX (client))->notes, ==,
                     "Compran en tienda y por catálogo.");
    g_assert_true (orgmap_history_undo (fx->history));
    g_assert_null (orgmap_document_get_external (fx->doc, ORGMAP_EXTERNAL_INDEX (client))->notes);
  }
}

static void
test_focus_name (Fixture       *fx,
                 gconstpointer  data)
{
  GtkWidget *focus_widget;

  orgmap_view_state_set_selection (fx->view, orgmap_document_find_unit (fx->doc, "ti"));
  orgmap_inspector_focus_name (fx->inspector);
  focus_widget = gtk_root_get_focus (GTK_ROOT (fx->window));
  g_assert_nonnull (focus_widget);
  g_assert_true (gtk_widget_is_ancestor (focus_widget, field (fx, "_Name")));
  save_screenshot (fx, "inspector-unit.png");

  orgmap_view_state_set_selected_link (fx->view, orgmap_document_find_link (fx->doc, "ti-prod"));
  orgmap_inspector_focus_name (fx->inspector);
  focus_widget = gtk_root_get_focus (GTK_ROOT (fx->window));
  g_assert_true (gtk_widget_is_ancestor (focus_widget, field (fx, "_Service")));
}

static void
test_link (Fixture       *fx,
           gconstpointer  data)
{
  guint32 link = orgmap_document_find_link (fx->doc, "rrhh-ops");
  GtkWidget *service, *notes;

  orgmap_view_state_set_selected_link (fx->view, link);
  g_assert_true (shows_text (fx, "Link"));
  g_assert_true (shows_text (fx, "Recursos Humanos → Dirección de Operaciones"));
  g_assert_true (shows_text (fx, "Recursos Humanos"));
  g_assert_true (shows_text (fx, "Dirección de Operaciones"));
  service = field (fx, "_Service");
  notes = field (fx, "N_otes");
  assert_text (service, "Planificación de turnos");
  assert_text (notes, "El técnico de RRHH de planta responde ante la Dirección de Operaciones.");

  type_and_enter (service, "Turnos y vacaciones");
  g_assert_cmpstr (orgmap_document_get_link (fx->doc, link)->service, ==, "Turnos y vacaciones");
  /* The notes and the type set by hand stay. */
  g_assert_cmpstr (orgmap_document_get_link (fx->doc, link)->notes, ==,
                   "El técnico de RRHH de planta responde ante la Dirección de Operaciones.");
  g_assert_cmpint (orgmap_document_get_link (fx->doc, link)->type_override, ==, ORGMAP_LINK_VERTICAL);

  /* Typing in the notes commits nothing; Ctrl+Enter keeps them. */
  focus (fx, notes);
  type_in_notes (notes, "Turnos de noche incluidos.");
  g_assert_cmpstr (orgmap_document_get_link (fx->doc, link)->notes, ==,
                   "El técnico de RRHH de planta responde ante la Dirección de Operaciones.");
  g_assert_true (press_key (notes, GDK_KEY_Return, GDK_CONTROL_MASK));
  g_assert_cmpstr (orgmap_document_get_link (fx->doc, link)->notes, ==, "Turnos de noche incluidos.");

  /* Emptied and left: no notes. */
  type_in_notes (notes, "");
  focus (fx, service);
  g_assert_null (orgmap_document_get_link (fx->doc, link)->notes);
  g_assert_cmpstr (orgmap_history_get_undo_label (fx->history), ==, "Undo Change Link Details");
}

static void
test_link_type (Fixture       *fx,
                gconstpointer  data)
{
  guint32 link = orgmap_document_find_link (fx->doc, "rrhh-ops");
  GtkDropDown *type;
  GListModel *choices;

  orgmap_view_state_set_selected_link (fx->view, link);
  type = GTK_DROP_DOWN (field (fx, "_Type"));
  choices = gtk_drop_down_get_model (type);
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 5);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 0), ==, "Automatic (Diagonal)");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 1), ==, "Vertical");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 4), ==, "External");
  /* Set by hand to vertical. */
  g_assert_cmpuint (gtk_drop_down_get_selected (type), ==, 1);

  gtk_drop_down_set_selected (type, 0);
  g_assert_cmpint (orgmap_document_get_link (fx->doc, link)->type_override, ==, ORGMAP_LINK_AUTOMATIC);
  g_assert_cmpint (orgmap_document_get_link_type (fx->doc, link), ==, ORGMAP_LINK_DIAGONAL);

  gtk_drop_down_set_selected (type, 2);
  g_assert_cmpint (orgmap_document_get_link_type (fx->doc, link), ==, ORGMAP_LINK_HORIZONTAL);

  g_assert_true (orgmap_history_undo (fx->history));
  g_assert_cmpuint (gtk_drop_down_get_selected (type), ==, 0);
  g_assert_true (orgmap_history_undo (fx->history));
  g_assert_cmpuint (gtk_drop_down_get_selected (type), ==, 1);
  g_assert_cmpint (orgmap_document_get_link_type (fx->doc, link), ==, ORGMAP_LINK_VERTICAL);
}

static void
test_rating (Fixture       *fx,
             gconstpointer  data)
{
  guint32 link = orgmap_document_find_link (fx->doc, "rrhh-ops");
  GtkWidget *score, *respondents, *comment, *clear;

  /* No round chosen: the latest. */
  orgmap_view_state_set_selected_link (fx->view, link);
  g_assert_true (shows_text (fx, "Encuesta de servicio interno, segundo semestre"));
  score = field (fx, "Sc_ore");
  respondents = field (fx, "_Respondents");
  comment = field (fx, "Co_mment");
  assert_text (score, "2.9");
  assert_text (respondents, "5");
  assert_text (comment, "");
  g_assert_cmpfloat (gtk_adjustment_get_lower (gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (score))), ==, 1);
  g_assert_cmpfloat (gtk_adjustment_get_upper (gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (score))), ==, 5);

  type_and_enter (score, "4.5");
  g_assert_cmpfloat (rated (fx, "rrhh-ops", "s2")->score, ==, 4.5);
  g_assert_cmpint (rated (fx, "rrhh-ops", "s2")->respondents, ==, 5);
  g_assert_cmpfloat (rated (fx, "rrhh-ops", "s1")->score, ==, 2.5);
  g_assert_cmpstr (orgmap_history_get_undo_label (fx->history), ==, "Undo Rate Link");
  assert_text (score, "4.5");

  /* The arrows rate too. */
  gtk_spin_button_spin (GTK_SPIN_BUTTON (score), GTK_SPIN_STEP_FORWARD, 0.1);
  g_assert_cmpfloat (fabs (rated (fx, "rrhh-ops", "s2")->score - 4.6), <, 1e-9);

  type_and_enter (respondents, "12");
  g_assert_cmpint (rated (fx, "rrhh-ops", "s2")->respondents, ==, 12);
  type_and_enter (comment, "Turnos publicados a tiempo");
  g_assert_cmpstr (rated (fx, "rrhh-ops", "s2")->comment, ==, "Turnos publicados a tiempo");
  g_assert_cmpfloat (fabs (rated (fx, "rrhh-ops", "s2")->score - 4.6), <, 1e-9);

  /* Clear: unrated, shown as an empty score. */
  clear = field (fx, "C_lear");
  g_assert_true (gtk_widget_get_sensitive (clear));
  g_signal_emit_by_name (clear, "clicked");
  g_assert_null (rating_of (fx, "rrhh-ops", "s2"));
  assert_text (score, "");
  g_assert_true (shows_text (fx, "Not rated in this round: type a score to rate it"));
  g_assert_false (gtk_widget_get_sensitive (clear));
  g_assert_false (gtk_widget_get_sensitive (respondents));

  /* Undo gives it back, with its fields. */
  g_assert_true (orgmap_history_undo (fx->history));
  assert_text (score, "4.6");
  assert_text (respondents, "12");
  assert_text (comment, "Turnos publicados a tiempo");
  g_assert_false (shows_text (fx, "Not rated in this round: type a score to rate it"));
}

static void
test_rate_unrated (Fixture       *fx,
                   gconstpointer  data)
{
  GtkWidget *score;

  /* Asesoría laboral was not rated in the first round. */
  orgmap_view_state_set_round (fx->view, orgmap_document_find_round (fx->doc, "s1"));
  orgmap_view_state_set_selected_link (fx->view, orgmap_document_find_link (fx->doc, "jur-nom"));
  g_assert_true (shows_text (fx, "Encuesta de servicio interno, primer semestre"));
  score = field (fx, "Sc_ore");
  assert_text (score, "");
  g_assert_true (shows_text (fx, "Not rated in this round: type a score to rate it"));

  /* The lowest score of the scale, which the spin button already holds. */
  type_and_enter (score, "1");
  g_assert_nonnull (rating_of (fx, "jur-nom", "s1"));
  g_assert_cmpfloat (rated (fx, "jur-nom", "s1")->score, ==, 1);
  g_assert_cmpfloat (rated (fx, "jur-nom", "s2")->score, ==, 4.6);
  assert_text (score, "1.0");

  /* Emptied: unrated again. */
  type_and_enter (score, "");
  g_assert_null (rating_of (fx, "jur-nom", "s1"));

  /* Another round shows that round's rating. */
  orgmap_view_state_set_round (fx->view, orgmap_document_find_round (fx->doc, "s2"));
  assert_text (field (fx, "Sc_ore"), "4.6");
}

static void
test_score_refused (Fixture       *fx,
                    gconstpointer  data)
{
  GtkWidget *score;
  g_autofree char *errors = NULL;

  orgmap_view_state_set_selected_link (fx->view, orgmap_document_find_link (fx->doc, "rrhh-ops"));
  score = field (fx, "Sc_ore");
  type_and_enter (score, "7");
  errors = errors_shown (fx);
  g_assert_cmpstr (errors, ==,
                   "The score 7 for the link from “Recursos Humanos” to “Dirección de Operaciones” "
                   "is outside the scale 1–5\n");
  g_assert_true (gtk_widget_has_css_class (score, "error"));
  g_assert_cmpfloat (rated (fx, "rrhh-ops", "s2")->score, ==, 2.9);
  g_assert_false (orgmap_history_can_undo (fx->history));
  assert_text (score, "7");

  type_and_enter (score, "bien");
  g_clear_pointer (&errors, g_free);
  errors = errors_shown (fx);
  g_assert_cmpstr (errors, ==,
                   "The score “bien” for the link from “Recursos Humanos” to “Dirección de Operaciones” "
                   "is not a number\n");
  g_assert_cmpfloat (rated (fx, "rrhh-ops", "s2")->score, ==, 2.9);

  type_and_enter (field (fx, "_Respondents"), "-3");
  g_clear_pointer (&errors, g_free);
  errors = errors_shown (fx);
  g_assert_nonnull (strstr (errors, "The respondents for the link from “Recursos Humanos” to "
                                    "“Dirección de Operaciones” must be a whole number"));
  g_assert_cmpint (rated (fx, "rrhh-ops", "s2")->respondents, ==, 5);

  /* A score in the scale, with a comma: accepted, its message gone. */
  type_and_enter (score, "3,5");
  g_assert_cmpfloat (rated (fx, "rrhh-ops", "s2")->score, ==, 3.5);
  g_assert_false (gtk_widget_has_css_class (score, "error"));
  g_clear_pointer (&errors, g_free);
  errors = errors_shown (fx);
  g_assert_null (strstr (errors, "score"));
}

/* The score of a dimension of the rating of @link_id in @round_id, or -1. */
static double
dimension_score (Fixture    *fx,
                 const char *link_id,
                 const char *round_id,
                 const char *dimension)
{
  guint32 rating = orgmap_document_find_rating (fx->doc, orgmap_document_find_link (fx->doc, link_id),
                                                orgmap_document_find_round (fx->doc, round_id));
  guint32 d = orgmap_document_find_dimension (fx->doc, dimension);
  const OrgmapDimensionScore *scores;
  guint n = 0;

  g_assert_cmpuint (rating, !=, ORGMAP_NONE);
  scores = orgmap_document_get_dimension_scores (fx->doc, rating, &n);
  for (guint i = 0; i < n; i++)
    if (scores[i].dimension == d)
      return scores[i].score;
  return -1;
}

static void
test_dimensions (Fixture       *fx,
                 gconstpointer  data)
{
  GtkWidget *reliability, *responsiveness, *tangibles;
  g_autofree char *errors = NULL;

  orgmap_view_state_set_selected_link (fx->view, orgmap_document_find_link (fx->doc, "rrhh-fin"));
  reliability = field (fx, "Reliability");
  responsiveness = field (fx, "Responsiveness");
  tangibles = field (fx, "Tangibles");
  assert_text (reliability, "2.0");
  assert_text (responsiveness, "2.5");
  assert_text (tangibles, "");
  save_screenshot (fx, "inspector-link.png");

  /* One dimension changes; the others, the score and the comment stay. */
  type_and_enter (reliability, "3");
  g_assert_cmpfloat (dimension_score (fx, "rrhh-fin", "s2", "reliability"), ==, 3);
  g_assert_cmpfloat (dimension_score (fx, "rrhh-fin", "s2", "responsiveness"), ==, 2.5);
  g_assert_cmpfloat (dimension_score (fx, "rrhh-fin", "s2", "tangibles"), ==, -1);
  g_assert_cmpfloat (rated (fx, "rrhh-fin", "s2")->score, ==, 2.4);
  g_assert_cmpstr (rated (fx, "rrhh-fin", "s2")->comment, ==, "Los datos llegan tarde al cierre del presupuesto");
  assert_text (reliability, "3.0");

  type_and_enter (tangibles, "4,5");
  g_assert_cmpfloat (dimension_score (fx, "rrhh-fin", "s2", "tangibles"), ==, 4.5);
  type_and_enter (responsiveness, "");
  g_assert_cmpfloat (dimension_score (fx, "rrhh-fin", "s2", "responsiveness"), ==, -1);

  type_and_enter (reliability, "9");
  errors = errors_shown (fx);
  g_assert_cmpstr (errors, ==, "The Reliability score 9 for the link from “Recursos Humanos” to "
                               "“Finanzas” is outside the scale 1–5\n");
  g_assert_cmpfloat (dimension_score (fx, "rrhh-fin", "s2", "reliability"), ==, 3);

  /* Three steps, undone one by one in the fields. */
  g_assert_true (orgmap_history_undo (fx->history));
  assert_text (responsiveness, "2.5");
  g_assert_true (orgmap_history_undo (fx->history));
  assert_text (tangibles, "");
  g_assert_true (orgmap_history_undo (fx->history));
  assert_text (reliability, "2.0");
  g_assert_false (orgmap_history_can_undo (fx->history));

  /* In the first round it has none; unrated links take none. */
  orgmap_view_state_set_round (fx->view, orgmap_document_find_round (fx->doc, "s1"));
  assert_text (reliability, "");
  g_assert_true (gtk_widget_get_sensitive (reliability));
  orgmap_view_state_set_selected_link (fx->view, orgmap_document_find_link (fx->doc, "jur-nom"));
  g_assert_false (gtk_widget_get_sensitive (field (fx, "Reliability")));
}

static void
test_no_round (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(OrgmapDocument) doc = orgmap_document_new ();
  g_autoptr(OrgmapHistory) history = orgmap_history_new (doc);
  guint32 a, b, link;

  a = orgmap_history_add_unit (history, ORGMAP_NONE, "Dirección", NULL);
  b = orgmap_history_add_unit (history, a, "Compras", NULL);
  link = orgmap_history_add_link (history, b, a, "Pedidos", NULL);
  orgmap_inspector_set_history (fx->inspector, history);
  orgmap_view_state_set_selected_link (fx->view, link);
  g_assert_true (shows_text (fx, "Compras → Dirección"));
  g_assert_true (shows_text (fx, "Add a round to rate links"));
  g_assert_null (find_mapped (GTK_WIDGET (fx->inspector), is_label_with_mnemonic, "Sc_ore"));

  /* A round added elsewhere: the rating can be given. */
  g_assert_cmpuint (orgmap_history_add_round (history, "Primera", NULL, NULL), ==, 0);
  g_assert_false (shows_text (fx, "Add a round to rate links"));
  type_and_enter (field (fx, "Sc_ore"), "4");
  g_assert_cmpuint (orgmap_document_find_rating (doc, link, 0), !=, ORGMAP_NONE);

  orgmap_inspector_set_history (fx->inspector, NULL);
  g_assert_true (shows_text (fx, "Select a unit or a link on the map to edit it"));
}

int
main (int   argc,
      char *argv[])
{
  orgmap_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/orgmap/ui/inspector/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("hint", test_hint);
  ADD ("rename-unit", test_rename_unit);
  ADD ("empty-name", test_empty_name);
  ADD ("unit-details", test_unit_details);
  ADD ("keeps-typing", test_keeps_typing);
  ADD ("commit-on-selection-change", test_commit_on_selection_change);
  ADD ("external", test_external);
  ADD ("focus-name", test_focus_name);
  ADD ("link", test_link);
  ADD ("link-type", test_link_type);
  ADD ("rating", test_rating);
  ADD ("rate-unrated", test_rate_unrated);
  ADD ("score-refused", test_score_refused);
  ADD ("dimensions", test_dimensions);
  ADD ("no-round", test_no_round);

#undef ADD

  return orgmap_test_run ();
}

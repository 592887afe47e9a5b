/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-ui"

#include "config.h"

#include "orgmap-rounds-dialog.h"

#include <glib/gi18n.h>

struct _OrgmapRoundsDialog
{
  GtkWindow        parent_instance;

  GtkListBox      *rounds_list;
  GtkStack        *stack;
  GtkLabel        *form_title;
  GtkEntry        *name_entry;
  GtkEntry        *date_entry;
  GtkLabel        *name_error;
  GtkLabel        *date_error;
  GtkButton       *save_button;
  GtkLabel        *question_label;
  GtkButton       *keep_button;

  OrgmapHistory   *history;
  OrgmapDocument  *document;
  OrgmapViewState *view;

  /* The round in the form (NULL for a new one) or asked about, by id:
   * ids stay when an undo elsewhere moves the handles. */
  char            *editing;
  char            *deleting;
  /* Set while the dialog rebuilds its list: selections are not news. */
  guint            updating;
};

G_DEFINE_FINAL_TYPE (OrgmapRoundsDialog, orgmap_rounds_dialog, GTK_TYPE_WINDOW)

static guint32
selected_round (OrgmapRoundsDialog *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->rounds_list);

  return row != NULL ? (guint32) gtk_list_box_row_get_index (row) : ORGMAP_NONE;
}

static void
select_round (OrgmapRoundsDialog *self,
              guint32             round)
{
  GtkListBoxRow *row = round != ORGMAP_NONE ? gtk_list_box_get_row_at_index (self->rounds_list, round) : NULL;

  if (row != NULL)
    gtk_list_box_select_row (self->rounds_list, row);
  else
    gtk_list_box_unselect_all (self->rounds_list);
}

static void
update_actions (OrgmapRoundsDialog *self)
{
  gboolean listing = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "actions") == 0;
  gboolean selected = selected_round (self) != ORGMAP_NONE;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rounds.new", listing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rounds.show", listing && selected && self->view != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rounds.edit", listing && selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rounds.delete", listing && selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rounds.save",
                                 g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "form") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rounds.confirm-delete",
                                 g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "confirm") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rounds.cancel", !listing);
  /* The form and the question are about one round: it stays selected. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->rounds_list), listing);
}

/* The list */

static guint *
count_ratings (OrgmapDocument *document)
{
  guint n_rounds = orgmap_document_get_n_rounds (document);
  guint n_ratings = orgmap_document_get_n_ratings (document);
  guint *counts = g_new0 (guint, n_rounds + 1);

  for (guint32 i = 0; i < n_ratings; i++)
    {
      guint32 round = orgmap_document_get_rating (document, i)->round;

      if (round < n_rounds)
        counts[round]++;
    }
  return counts;
}

static GtkWidget *
round_row (OrgmapRoundsDialog *self,
           guint32             round,
           guint               n_ratings)
{
  const OrgmapRound *info = orgmap_document_get_round (self->document, round);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *name = gtk_label_new (info->name);
  g_autofree char *ratings = g_strdup_printf (ngettext ("%u rating", "%u ratings", n_ratings), n_ratings);
  /* Translators: a round's date (or “No date”) and its number of ratings */
  g_autofree char *text = g_strdup_printf (_("%s · %s"), info->date != NULL ? info->date : _("No date"),
                                           ratings);
  GtkWidget *detail = gtk_label_new (text);
  GtkWidget *shown = gtk_label_new (_("Shown on the map"));

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), name);
  gtk_box_append (GTK_BOX (texts), detail);
  gtk_widget_set_valign (shown, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (shown, self->view != NULL && orgmap_view_state_get_round (self->view) == round);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), shown);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  return box;
}

static void
rebuild (OrgmapRoundsDialog *self)
{
  guint32 selected = selected_round (self);
  g_autofree char *kept = NULL;
  g_autofree guint *counts = count_ratings (self->document);
  guint n = orgmap_document_get_n_rounds (self->document);
  GtkListBoxRow *row;

  /* Rows go by index, so the selected round is found again by its id. */
  if (selected != ORGMAP_NONE && selected < n)
    kept = g_strdup (orgmap_document_get_round (self->document, selected)->id);

  self->updating++;
  while ((row = gtk_list_box_get_row_at_index (self->rounds_list, 0)) != NULL)
    gtk_list_box_remove (self->rounds_list, GTK_WIDGET (row));
  for (guint32 r = 0; r < n; r++)
    gtk_list_box_append (self->rounds_list, round_row (self, r, counts[r]));

  if (kept != NULL && orgmap_document_find_round (self->document, kept) != ORGMAP_NONE)
    select_round (self, orgmap_document_find_round (self->document, kept));
  else if (n > 0)
    select_round (self, MIN (selected != ORGMAP_NONE ? selected : 0, n - 1));
  self->updating--;
  update_actions (self);
}

static void
update_shown (OrgmapRoundsDialog *self)
{
  guint32 shown = orgmap_view_state_get_round (self->view);
  GtkListBoxRow *row;

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (self->rounds_list, i)) != NULL; i++)
    {
      GtkWidget *label = gtk_widget_get_last_child (gtk_list_box_row_get_child (row));

      gtk_widget_set_visible (label, i == shown);
    }
}

static void
on_row_selected (OrgmapRoundsDialog *self)
{
  /* Not while the list goes away with the dialog. */
  if (self->stack != NULL)
    update_actions (self);
}

static void
on_row_activated (OrgmapRoundsDialog *self,
                  GtkListBoxRow      *row)
{
  if (self->view != NULL)
    orgmap_view_state_set_round (self->view, gtk_list_box_row_get_index (row));
}

/* Pages: the buttons under the list, the form, or the question. */

static void
set_error (GtkEntry   *entry,
           GtkLabel   *label,
           const char *message)
{
  if (message != NULL)
    {
      gtk_label_set_text (label, message);
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static void
show_page (OrgmapRoundsDialog *self,
           const char         *name)
{
  gtk_stack_set_visible_child_name (self->stack, name);
  if (g_str_equal (name, "form"))
    {
      g_clear_pointer (&self->deleting, g_free);
      gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
      gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
    }
  else
    {
      GtkListBoxRow *row = gtk_list_box_get_selected_row (self->rounds_list);

      gtk_window_set_default_widget (GTK_WINDOW (self), NULL);
      g_clear_pointer (&self->editing, g_free);
      if (g_str_equal (name, "confirm"))
        gtk_widget_grab_focus (GTK_WIDGET (self->keep_button));
      else
        {
          g_clear_pointer (&self->deleting, g_free);
          if (row != NULL)
            gtk_widget_grab_focus (GTK_WIDGET (row));
        }
    }
  update_actions (self);
}

static void
open_form (OrgmapRoundsDialog *self,
           guint32             round)
{
  const OrgmapRound *info = round != ORGMAP_NONE ? orgmap_document_get_round (self->document, round) : NULL;

  set_error (self->name_entry, self->name_error, NULL);
  set_error (self->date_entry, self->date_error, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), info != NULL ? info->name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), info != NULL && info->date != NULL ? info->date : "");
  if (info != NULL)
    {
      /* Translators: the heading of the form that edits a round */
      g_autofree char *title = g_strdup_printf (_("Edit “%s”"), info->name);

      gtk_label_set_text (self->form_title, title);
      gtk_button_set_label (self->save_button, _("_Save"));
    }
  else
    {
      gtk_label_set_text (self->form_title, _("New Round"));
      gtk_button_set_label (self->save_button, _("_Add Round"));
    }
  show_page (self, "form");
  g_free (self->editing);
  self->editing = info != NULL ? g_strdup (info->id) : NULL;
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_form (ORGMAP_ROUNDS_DIALOG (widget), ORGMAP_NONE);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OrgmapRoundsDialog *self = ORGMAP_ROUNDS_DIALOG (widget);
  guint32 round = selected_round (self);

  if (round != ORGMAP_NONE)
    open_form (self, round);
}

static void
on_name_changed (OrgmapRoundsDialog *self)
{
  set_error (self->name_entry, self->name_error, NULL);
}

static void
on_date_changed (OrgmapRoundsDialog *self)
{
  set_error (self->date_entry, self->date_error, NULL);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OrgmapRoundsDialog *self = ORGMAP_ROUNDS_DIALOG (widget);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  g_autofree char *date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_entry))));
  g_autoptr(GError) error = NULL;
  guint32 round;

  if (self->editing != NULL)
    {
      round = orgmap_document_find_round (self->document, self->editing);
      if (round != ORGMAP_NONE && !orgmap_history_set_round_details (self->history, round, name, date, &error))
        round = ORGMAP_NONE;
    }
  else
    round = orgmap_history_add_round (self->history, name, date, &error);

  if (error != NULL)
    {
      /* Refused for its name (empty) or else for its date. */
      if (*name == '\0')
        {
          set_error (self->name_entry, self->name_error, error->message);
          gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
        }
      else
        {
          set_error (self->date_entry, self->date_error, error->message);
          gtk_widget_grab_focus (GTK_WIDGET (self->date_entry));
        }
      return;
    }

  select_round (self, round);
  show_page (self, "actions");
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OrgmapRoundsDialog *self = ORGMAP_ROUNDS_DIALOG (widget);
  guint32 round = selected_round (self);
  const OrgmapRound *info;
  g_autofree guint *counts = NULL;
  g_autofree char *question = NULL;

  if (round == ORGMAP_NONE)
    return;
  info = orgmap_document_get_round (self->document, round);
  counts = count_ratings (self->document);
  if (counts[round] == 0)
    question = g_strdup_printf (_("Delete the round “%s”? No link is rated in it."), info->name);
  else
    /* Translators: the name of a round, then how many ratings it has */
    question = g_strdup_printf (ngettext ("Delete the round “%s” and its %u rating?",
                                          "Delete the round “%s” and its %u ratings?", counts[round]),
                                info->name, counts[round]);
  gtk_label_set_text (self->question_label, question);
  show_page (self, "confirm");
  self->deleting = g_strdup (info->id);
}

static void
confirm_delete_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  OrgmapRoundsDialog *self = ORGMAP_ROUNDS_DIALOG (widget);
  guint32 round = self->deleting != NULL ? orgmap_document_find_round (self->document, self->deleting)
                                         : ORGMAP_NONE;
  guint32 shown;

  if (round == ORGMAP_NONE)
    {
      show_page (self, "actions");
      return;
    }

  /* The map must not go on showing a round that is gone, or another one
   * that took its handle. */
  shown = self->view != NULL ? orgmap_view_state_get_round (self->view) : ORGMAP_NONE;
  if (shown != ORGMAP_NONE && shown == round)
    orgmap_view_state_set_round (self->view, ORGMAP_NONE);
  else if (shown != ORGMAP_NONE && shown > round)
    orgmap_view_state_set_round (self->view, shown - 1);

  orgmap_history_delete_round (self->history, round, NULL);
  select_round (self, MIN (round, orgmap_document_get_n_rounds (self->document) - 1));
  show_page (self, "actions");
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  show_page (ORGMAP_ROUNDS_DIALOG (widget), "actions");
}

static void
show_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OrgmapRoundsDialog *self = ORGMAP_ROUNDS_DIALOG (widget);
  guint32 round = selected_round (self);

  if (round != ORGMAP_NONE && self->view != NULL)
    orgmap_view_state_set_round (self->view, round);
}

/* Escape leaves the form or the question first, then the dialog. */
static void
escape_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OrgmapRoundsDialog *self = ORGMAP_ROUNDS_DIALOG (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "actions") != 0)
    show_page (self, "actions");
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* Changes */

static void
on_document_changed (OrgmapRoundsDialog *self,
                     guint               kind,
                     guint               handle)
{
  if (kind != ORGMAP_CHANGE_ALL && kind != ORGMAP_CHANGE_ROUND && kind != ORGMAP_CHANGE_RATING)
    return;

  rebuild (self);
  /* The round in the form or the question went away (an undo elsewhere). */
  if ((self->editing != NULL && orgmap_document_find_round (self->document, self->editing) == ORGMAP_NONE) ||
      (self->deleting != NULL && orgmap_document_find_round (self->document, self->deleting) == ORGMAP_NONE))
    show_page (self, "actions");
}

/* Lifecycle */

static void
orgmap_rounds_dialog_dispose (GObject *object)
{
  OrgmapRoundsDialog *self = ORGMAP_ROUNDS_DIALOG (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ORGMAP_TYPE_ROUNDS_DIALOG);

  g_clear_pointer (&self->editing, g_free);
  g_clear_pointer (&self->deleting, g_free);
  g_clear_object (&self->history);
  g_clear_object (&self->document);
  g_clear_object (&self->view);

  G_OBJECT_CLASS (orgmap_rounds_dialog_parent_class)->dispose (object);
}

static void
orgmap_rounds_dialog_class_init (OrgmapRoundsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = orgmap_rounds_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/orgmap/Orgmap/orgmap-rounds-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, OrgmapRoundsDialog, rounds_list);
  gtk_widget_class_bind_template_child (widget_class, OrgmapRoundsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, OrgmapRoundsDialog, form_title);
  gtk_widget_class_bind_template_child (widget_class, OrgmapRoundsDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, OrgmapRoundsDialog, date_entry);
  gtk_widget_class_bind_template_child (widget_class, OrgmapRoundsDialog, name_error);
  gtk_widget_class_bind_template_child (widget_class, OrgmapRoundsDialog, date_error);
  gtk_widget_class_bind_template_child (widget_class, OrgmapRoundsDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, OrgmapRoundsDialog, question_label);
  gtk_widget_class_bind_template_child (widget_class, OrgmapRoundsDialog, keep_button);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_date_changed);

  gtk_widget_class_install_action (widget_class, "rounds.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "rounds.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "rounds.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "rounds.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "rounds.confirm-delete", NULL, confirm_delete_action);
  gtk_widget_class_install_action (widget_class, "rounds.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "rounds.show", NULL, show_action);
  gtk_widget_class_install_action (widget_class, "rounds.escape", NULL, escape_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "rounds.escape", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "rounds.delete", NULL);
}

static void
orgmap_rounds_dialog_init (OrgmapRoundsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

OrgmapRoundsDialog *
orgmap_rounds_dialog_new (GtkWindow       *parent,
                          OrgmapHistory   *history,
                          OrgmapViewState *view)
{
  OrgmapRoundsDialog *self;
  guint32 shown;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ORGMAP_IS_HISTORY (history), NULL);
  g_return_val_if_fail (view == NULL || ORGMAP_IS_VIEW_STATE (view), NULL);

  self = g_object_new (ORGMAP_TYPE_ROUNDS_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->history = g_object_ref (history);
  self->document = g_object_ref (orgmap_history_get_document (history));
  self->view = view != NULL ? g_object_ref (view) : NULL;
  g_signal_connect_object (self->document, "changed", G_CALLBACK (on_document_changed), self,
                           G_CONNECT_SWAPPED);
  if (view != NULL)
    g_signal_connect_object (view, "notify::round", G_CALLBACK (update_shown), self, G_CONNECT_SWAPPED);

  rebuild (self);
  /* Start at the round shown on the map, if any. */
  shown = view != NULL ? orgmap_view_state_get_round (view) : ORGMAP_NONE;
  if (shown != ORGMAP_NONE && shown < orgmap_document_get_n_rounds (self->document))
    select_round (self, shown);
  show_page (self, "actions");

  return self;
}

GtkListBox *
orgmap_rounds_dialog_get_list (OrgmapRoundsDialog *self)
{
  g_return_val_if_fail (ORGMAP_IS_ROUNDS_DIALOG (self), NULL);

  return self->rounds_list;
}

guint32
orgmap_rounds_dialog_get_selected (OrgmapRoundsDialog *self)
{
  g_return_val_if_fail (ORGMAP_IS_ROUNDS_DIALOG (self), ORGMAP_NONE);

  return selected_round (self);
}

void
orgmap_rounds_dialog_select (OrgmapRoundsDialog *self,
                             guint32             round)
{
  g_return_if_fail (ORGMAP_IS_ROUNDS_DIALOG (self));

  select_round (self, round);
}

GtkEditable *
orgmap_rounds_dialog_get_name_entry (OrgmapRoundsDialog *self)
{
  g_return_val_if_fail (ORGMAP_IS_ROUNDS_DIALOG (self), NULL);

  return GTK_EDITABLE (self->name_entry);
}

GtkEditable *
orgmap_rounds_dialog_get_date_entry (OrgmapRoundsDialog *self)
{
  g_return_val_if_fail (ORGMAP_IS_ROUNDS_DIALOG (self), NULL);

  return GTK_EDITABLE (self->date_entry);
}

GtkLabel *
orgmap_rounds_dialog_get_name_error (OrgmapRoundsDialog *self)
{
  g_return_val_if_fail (ORGMAP_IS_ROUNDS_DIALOG (self), NULL);

  return self->name_error;
}

GtkLabel *
orgmap_rounds_dialog_get_date_error (OrgmapRoundsDialog *self)
{
  g_return_val_if_fail (ORGMAP_IS_ROUNDS_DIALOG (self), NULL);

  return self->date_error;
}

GtkLabel *
orgmap_rounds_dialog_get_question (OrgmapRoundsDialog *self)
{
  g_return_val_if_fail (ORGMAP_IS_ROUNDS_DIALOG (self), NULL);

  return self->question_label;
}

const char *
orgmap_rounds_dialog_get_mode (OrgmapRoundsDialog *self)
{
  g_return_val_if_fail (ORGMAP_IS_ROUNDS_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "orgmap-link-dialog.h"
#include "orgmap-rounds-dialog.h"
#include "orgmap-window-private.h"

/* Editing from the window: adding and renaming in a small popover over the
 * map, deleting (asking first when ratings would go), and the toast that
 * tells what happened with a way to undo it. Every edit goes through the
 * history; the widgets follow the document. */

enum {
  NAME_ADD_UNIT,      /* name_target: the parent, or ORGMAP_NONE for a root */
  NAME_ADD_EXTERNAL,
  NAME_RENAME_PARTY,  /* name_target: a unit or an external client */
  NAME_RENAME_LINK,   /* name_target: the link; its service is the name */
  NAME_RENAME_MAP,
};

#define TOAST_SECONDS 6

static OrgmapViewState *
view_state (OrgmapWindow *self)
{
  return orgmap_canvas_get_view_state (self->canvas);
}

/* The toast: one line over the top of the map, for a few seconds. */

static gboolean
hide_toast (gpointer data)
{
  OrgmapWindow *self = data;

  self->toast_timeout = 0;
  gtk_revealer_set_reveal_child (self->toast, FALSE);
  return G_SOURCE_REMOVE;
}

void
_orgmap_window_show_toast (OrgmapWindow *self,
                           const char   *text,
                           gboolean      offer_undo)
{
  gtk_label_set_text (self->toast_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->toast_undo), offer_undo);
  gtk_revealer_set_reveal_child (self->toast, TRUE);
  g_clear_handle_id (&self->toast_timeout, g_source_remove);
  self->toast_timeout = g_timeout_add_seconds (TOAST_SECONDS, hide_toast, self);
}

static void
on_toast_undo (OrgmapWindow *self)
{
  g_clear_handle_id (&self->toast_timeout, g_source_remove);
  gtk_revealer_set_reveal_child (self->toast, FALSE);
  if (self->history != NULL)
    orgmap_history_undo (self->history);
}

/* The name popover */

static void
point_popover_at (OrgmapWindow *self,
                  guint32       party,
                  guint32       link)
{
  GtkWidget *canvas = GTK_WIDGET (self->canvas);
  graphene_rect_t area;
  GdkRectangle rect;
  double sx, sy;

  if (party != ORGMAP_NONE && orgmap_canvas_get_party_area (self->canvas, party, &area))
    {
      rect.x = (int) area.origin.x;
      rect.y = (int) area.origin.y;
      rect.width = MAX (1, (int) area.size.width);
      rect.height = MAX (1, (int) area.size.height);
    }
  else if (link != ORGMAP_NONE && orgmap_canvas_get_link_point (self->canvas, link, &sx, &sy))
    {
      rect.x = (int) sx;
      rect.y = (int) sy;
      rect.width = rect.height = 1;
    }
  else
    {
      /* Nothing to point at: the middle of the map's top. */
      rect.x = gtk_widget_get_width (canvas) / 2;
      rect.y = 24;
      rect.width = rect.height = 1;
    }

  /* Keep the pointer inside the map, for boxes partly out of view. */
  rect.x = CLAMP (rect.x, 0, MAX (0, gtk_widget_get_width (canvas) - rect.width));
  rect.y = CLAMP (rect.y, 0, MAX (0, gtk_widget_get_height (canvas) - rect.height));
  gtk_popover_set_pointing_to (self->name_popover, &rect);
}

static void
show_name_error (OrgmapWindow *self,
                 const char   *message)
{
  gtk_label_set_text (self->name_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->name_error), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->name_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_entry), "error");
}

static void
ask_name (OrgmapWindow *self,
          guint         mode,
          guint32       target,
          const char   *heading,
          const char   *text)
{
  self->name_mode = mode;
  self->name_target = target;
  gtk_label_set_text (self->name_heading, heading);
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), text != NULL ? text : "");
  show_name_error (self, NULL);

  switch (mode)
    {
    case NAME_ADD_UNIT:
    case NAME_RENAME_PARTY:
      point_popover_at (self, target, ORGMAP_NONE);
      break;
    case NAME_RENAME_LINK:
      point_popover_at (self, ORGMAP_NONE, target);
      break;
    default:
      point_popover_at (self, ORGMAP_NONE, ORGMAP_NONE);
    }

  gtk_popover_popup (self->name_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->name_entry), 0, -1);
}

static void
on_name_activate (OrgmapWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strstrip (g_strdup (text));
  guint32 added = ORGMAP_NONE;
  gboolean done = FALSE;

  if (self->history == NULL)
    return;

  switch (self->name_mode)
    {
    case NAME_ADD_UNIT:
      added = orgmap_history_add_unit (self->history, self->name_target, name, &error);
      done = added != ORGMAP_NONE;
      break;
    case NAME_ADD_EXTERNAL:
      added = orgmap_history_add_external (self->history, name, &error);
      done = added != ORGMAP_NONE;
      if (done)
        added = ORGMAP_EXTERNAL_HANDLE (added);
      break;
    case NAME_RENAME_PARTY:
      if (ORGMAP_IS_EXTERNAL (self->name_target))
        done = orgmap_history_rename_external (self->history, ORGMAP_EXTERNAL_INDEX (self->name_target),
                                               name, &error);
      else
        done = orgmap_history_rename_unit (self->history, self->name_target, name, &error);
      /* A name left as it was is no error. */
      done = done || error == NULL;
      break;
    case NAME_RENAME_LINK:
      {
        const OrgmapLink *link = orgmap_document_get_link (self->document, self->name_target);

        done = orgmap_history_set_link_details (self->history, self->name_target, name,
                                                link->notes, link->type_override, &error) ||
               error == NULL;
      }
      break;
    case NAME_RENAME_MAP:
      done = orgmap_history_rename_document (self->history, name, &error) || error == NULL;
      break;
    default:
      g_assert_not_reached ();
    }

  if (!done)
    {
      show_name_error (self, error->message);
      return;
    }

  gtk_popover_popdown (self->name_popover);
  if (added != ORGMAP_NONE)
    orgmap_view_state_set_selection (view_state (self), added);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
on_name_changed (OrgmapWindow *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->name_error)))
    show_name_error (self, NULL);
}

static void
build_name_popover (OrgmapWindow *self)
{
  GtkWidget *box;

  self->name_popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_position (self->name_popover, GTK_POS_BOTTOM);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  self->name_heading = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->name_heading, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->name_heading), "heading");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->name_heading));

  self->name_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_editable_set_width_chars (GTK_EDITABLE (self->name_entry), 28);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->name_entry),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->name_heading, NULL, -1);
  g_signal_connect_swapped (self->name_entry, "activate", G_CALLBACK (on_name_activate), self);
  g_signal_connect_swapped (self->name_entry, "changed", G_CALLBACK (on_name_changed), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->name_entry));

  self->name_error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->name_error, 0);
  gtk_label_set_wrap (self->name_error, TRUE);
  gtk_label_set_max_width_chars (self->name_error, 40);
  gtk_widget_add_css_class (GTK_WIDGET (self->name_error), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->name_error), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->name_error));

  gtk_popover_set_child (self->name_popover, box);
  gtk_widget_set_parent (GTK_WIDGET (self->name_popover), GTK_WIDGET (self->canvas));
}

/* Adding */

static guint32
selected_unit (OrgmapWindow *self)
{
  guint32 party = orgmap_view_state_get_selection (view_state (self));

  return party != ORGMAP_NONE && !ORGMAP_IS_EXTERNAL (party) ? party : ORGMAP_NONE;
}

static void
action_add_unit (GtkWidget  *widget,
                 const char *action,
                 GVariant   *param)
{
  OrgmapWindow *self = ORGMAP_WINDOW (widget);
  guint32 parent = g_str_equal (action, "win.add-root") ? ORGMAP_NONE : selected_unit (self);
  g_autofree char *heading = NULL;

  if (self->document == NULL)
    return;

  if (parent != ORGMAP_NONE)
    /* Translators: heading of the popover that names a new unit */
    heading = g_strdup_printf (_("New unit under “%s”"),
                               orgmap_document_get_unit (self->document, parent)->name);
  else
    heading = g_strdup (_("New top-level unit"));
  ask_name (self, NAME_ADD_UNIT, parent, heading, NULL);
}

static void
action_add_external (GtkWidget  *widget,
                     const char *action,
                     GVariant   *param)
{
  OrgmapWindow *self = ORGMAP_WINDOW (widget);

  if (self->document != NULL)
    ask_name (self, NAME_ADD_EXTERNAL, ORGMAP_NONE, _("New external client"), NULL);
}

static void
action_rename (GtkWidget  *widget,
               const char *action,
               GVariant   *param)
{
  OrgmapWindow *self = ORGMAP_WINDOW (widget);
  guint32 party = orgmap_view_state_get_selection (view_state (self));
  guint32 link = orgmap_view_state_get_selected_link (view_state (self));

  if (self->document == NULL)
    return;

  if (g_str_equal (action, "win.rename-map") || (party == ORGMAP_NONE && link == ORGMAP_NONE))
    ask_name (self, NAME_RENAME_MAP, ORGMAP_NONE, _("Name of the map"),
              orgmap_document_get_name (self->document));
  else if (party != ORGMAP_NONE)
    ask_name (self, NAME_RENAME_PARTY, party,
              ORGMAP_IS_EXTERNAL (party) ? _("Rename external client") : _("Rename unit"),
              orgmap_document_get_party_name (self->document, party));
  else if (link != ORGMAP_NONE)
    ask_name (self, NAME_RENAME_LINK, link, _("Service of the link"),
              orgmap_document_get_link (self->document, link)->service);
}

/* Deleting */

typedef struct
{
  guint units;
  guint links;
  guint ratings;
} Loss;

static gboolean
in_subtree (OrgmapDocument *document,
            guint32         root,
            guint32         party)
{
  return party == root ||
         (!ORGMAP_IS_EXTERNAL (party) && orgmap_document_is_ancestor (document, root, party));
}

static void
count_link (OrgmapDocument *document,
            guint32         link,
            Loss           *loss)
{
  const OrgmapLink *info = orgmap_document_get_link (document, link);

  loss->links++;
  for (guint32 r = info->first_rating; r != ORGMAP_NONE; r = orgmap_document_get_rating (document, r)->next)
    loss->ratings++;
}

/* What goes with @party (a unit with its subtree, or an external client). */
static Loss
count_loss (OrgmapDocument *document,
            guint32         party)
{
  Loss loss = { 0, 0, 0 };
  guint n_units = orgmap_document_get_n_units (document);
  guint n_links = orgmap_document_get_n_links (document);

  if (!ORGMAP_IS_EXTERNAL (party))
    for (guint32 u = 0; u < n_units; u++)
      loss.units += in_subtree (document, party, u);

  for (guint32 l = 0; l < n_links; l++)
    {
      const OrgmapLink *link = orgmap_document_get_link (document, l);

      if (in_subtree (document, party, link->provider) || in_subtree (document, party, link->client))
        count_link (document, l, &loss);
    }
  return loss;
}

static void
delete_now (OrgmapWindow *self,
            guint32       party,
            guint32       link)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *what = NULL;
  gboolean done;

  if (party != ORGMAP_NONE)
    {
      what = g_strdup (orgmap_document_get_party_name (self->document, party));
      orgmap_view_state_set_selection (view_state (self), ORGMAP_NONE);
      if (ORGMAP_IS_EXTERNAL (party))
        done = orgmap_history_delete_external (self->history, ORGMAP_EXTERNAL_INDEX (party), &error);
      else
        done = orgmap_history_delete_unit (self->history, party, &error);
    }
  else
    {
      const OrgmapLink *info = orgmap_document_get_link (self->document, link);

      what = g_strdup_printf ("%s → %s", orgmap_document_get_party_name (self->document, info->provider),
                              orgmap_document_get_party_name (self->document, info->client));
      orgmap_view_state_set_selected_link (view_state (self), ORGMAP_NONE);
      done = orgmap_history_delete_link (self->history, link, &error);
    }

  if (done)
    {
      /* Translators: the toast after a delete, with an Undo button */
      g_autofree char *text = g_strdup_printf (_("Deleted “%s”"), what);

      _orgmap_window_show_toast (self, text, TRUE);
    }
  else
    _orgmap_window_show_toast (self, error->message, FALSE);
}

typedef struct
{
  OrgmapWindow *window;
  guint32       party;
  guint32       link;
} PendingDelete;

static gboolean
exists (OrgmapDocument *document,
        guint32         party,
        guint32         link)
{
  if (link != ORGMAP_NONE)
    return link < orgmap_document_get_n_links (document);
  if (ORGMAP_IS_EXTERNAL (party))
    return ORGMAP_EXTERNAL_INDEX (party) < orgmap_document_get_n_externals (document);
  return party < orgmap_document_get_n_units (document);
}

static void
on_confirm_delete (GtkWidget     *button,
                   PendingDelete *pending)
{
  GtkWindow *dialog = GTK_WINDOW (gtk_widget_get_root (button));
  OrgmapWindow *self = pending->window;

  /* The map may have changed behind the dialog: the dialog is modal, but
   * check the handles again all the same. */
  if (self->document != NULL && exists (self->document, pending->party, pending->link))
    delete_now (self, pending->party, pending->link);
  gtk_window_destroy (dialog);
}

static void
confirm_delete (OrgmapWindow *self,
                guint32       party,
                guint32       link,
                const char   *question,
                const char   *detail)
{
  GtkWidget *dialog, *box, *heading, *body, *buttons, *cancel, *remove;
  PendingDelete *pending = g_new0 (PendingDelete, 1);

  pending->window = self;
  pending->party = party;
  pending->link = link;

  dialog = gtk_window_new ();
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_resizable (GTK_WINDOW (dialog), FALSE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_title (GTK_WINDOW (dialog), _("Delete"));
  g_object_set_data_full (G_OBJECT (dialog), "pending", pending, g_free);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 18);

  heading = gtk_label_new (question);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (heading), 40);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "title-4");
  gtk_box_append (GTK_BOX (box), heading);

  body = gtk_label_new (detail);
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (body), 40);
  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_box_append (GTK_BOX (box), body);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_top (buttons, 12);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), dialog);
  gtk_box_append (GTK_BOX (buttons), cancel);
  remove = gtk_button_new_with_mnemonic (_("_Delete"));
  gtk_widget_add_css_class (remove, "destructive-action");
  g_signal_connect (remove, "clicked", G_CALLBACK (on_confirm_delete), pending);
  gtk_box_append (GTK_BOX (buttons), remove);
  gtk_box_append (GTK_BOX (box), buttons);

  gtk_window_set_child (GTK_WINDOW (dialog), box);
  /* Enter does the safe thing; deleting takes a deliberate choice. */
  gtk_window_set_default_widget (GTK_WINDOW (dialog), cancel);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (cancel);
}

static void
action_delete (GtkWidget  *widget,
               const char *action,
               GVariant   *param)
{
  OrgmapWindow *self = ORGMAP_WINDOW (widget);
  guint32 party = orgmap_view_state_get_selection (view_state (self));
  guint32 link = orgmap_view_state_get_selected_link (view_state (self));
  g_autofree char *question = NULL;
  g_autofree char *ratings = NULL;
  g_autofree char *detail = NULL;
  Loss loss = { 0, 0, 0 };

  if (self->document == NULL || (party == ORGMAP_NONE && link == ORGMAP_NONE))
    return;

  if (party != ORGMAP_NONE)
    loss = count_loss (self->document, party);
  else
    count_link (self->document, link, &loss);

  /* Without ratings, nothing measured is lost: delete, and offer Undo. */
  if (loss.ratings == 0)
    {
      delete_now (self, party, link);
      return;
    }

  ratings = g_strdup_printf (ngettext ("%u rating", "%u ratings", loss.ratings), loss.ratings);
  if (party != ORGMAP_NONE)
    {
      const char *name = orgmap_document_get_party_name (self->document, party);
      g_autofree char *units = NULL;
      g_autofree char *links = g_strdup_printf (ngettext ("%u link", "%u links", loss.links), loss.links);

      if (ORGMAP_IS_EXTERNAL (party))
        /* Translators: “Delete the external client “Customers”?” */
        question = g_strdup_printf (_("Delete the external client “%s”?"), name);
      else
        question = g_strdup_printf (_("Delete “%s”?"), name);

      if (loss.units > 1)
        {
          units = g_strdup_printf (ngettext ("%u unit", "%u units", loss.units - 1), loss.units - 1);
          /* Translators: “Its 3 units, 5 links and 12 ratings go with it.” */
          detail = g_strdup_printf (_("Its %s, %s and %s go with it. You can undo this."),
                                    units, links, ratings);
        }
      else
        /* Translators: “Its 5 links and 12 ratings go with it.” */
        detail = g_strdup_printf (_("Its %s and %s go with it. You can undo this."), links, ratings);
    }
  else
    {
      const OrgmapLink *info = orgmap_document_get_link (self->document, link);

      /* Translators: “Delete the link from “IT” to “Production”?” */
      question = g_strdup_printf (_("Delete the link from “%s” to “%s”?"),
                                  orgmap_document_get_party_name (self->document, info->provider),
                                  orgmap_document_get_party_name (self->document, info->client));
      /* Translators: “Its 2 ratings go with it.” */
      detail = g_strdup_printf (_("Its %s go with it. You can undo this."), ratings);
    }

  confirm_delete (self, party, link, question, detail);
}

static void
action_add_link (GtkWidget  *widget,
                 const char *action,
                 GVariant   *param)
{
  OrgmapWindow *self = ORGMAP_WINDOW (widget);

  if (self->history != NULL)
    gtk_window_present (GTK_WINDOW (orgmap_link_dialog_new (GTK_WINDOW (self), self->history,
                                                            view_state (self))));
}

static void
action_rounds (GtkWidget  *widget,
               const char *action,
               GVariant   *param)
{
  OrgmapWindow *self = ORGMAP_WINDOW (widget);

  if (self->history != NULL)
    gtk_window_present (GTK_WINDOW (orgmap_rounds_dialog_new (GTK_WINDOW (self), self->history,
                                                              view_state (self))));
}

static void
action_new_map (GtkWidget  *widget,
                const char *action,
                GVariant   *param)
{
  _orgmap_window_new_map (ORGMAP_WINDOW (widget));
}

static void
action_save_as (GtkWidget  *widget,
                const char *action,
                GVariant   *param)
{
  _orgmap_window_save_as (ORGMAP_WINDOW (widget));
}

/* What can be done depends on what is selected. */
void
_orgmap_window_update_edit_actions (OrgmapWindow *self)
{
  OrgmapViewState *view = view_state (self);
  gboolean has_party = orgmap_view_state_get_selection (view) != ORGMAP_NONE;
  gboolean has_link = orgmap_view_state_get_selected_link (view) != ORGMAP_NONE;
  gboolean has_document = self->document != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.rename", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.rename-map", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete", has_party || has_link);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-unit", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-root", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-external", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-link", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.rounds", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", has_document);
}

/* Plain keys (Insert, Delete, F2) act on the map only when no text field
 * takes them first: they are handled after the focused widget. */
static void
add_plain_key (GtkShortcutController *controller,
               guint                  key,
               GdkModifierType        modifiers,
               const char            *action)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (key, modifiers),
                                                          gtk_named_action_new (action)));
}

static void
on_canvas_message (OrgmapWindow *self,
                   const char   *text)
{
  _orgmap_window_show_toast (self, text, FALSE);
}

/* A double click on the map: edit the selection in the inspector. */
static void
on_canvas_edit (OrgmapWindow *self)
{
  g_object_set (self, "side-panel-visible", TRUE, NULL);
  orgmap_inspector_focus_name (self->inspector);
}

void
_orgmap_window_init_edit (OrgmapWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutController *shortcuts = GTK_SHORTCUT_CONTROLLER (controller);

  build_name_popover (self);

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_BUBBLE);
  add_plain_key (shortcuts, GDK_KEY_Insert, 0, "win.add-unit");
  add_plain_key (shortcuts, GDK_KEY_KP_Insert, 0, "win.add-unit");
  add_plain_key (shortcuts, GDK_KEY_Insert, GDK_SHIFT_MASK, "win.add-root");
  add_plain_key (shortcuts, GDK_KEY_F2, 0, "win.rename");
  add_plain_key (shortcuts, GDK_KEY_Delete, 0, "win.delete");
  add_plain_key (shortcuts, GDK_KEY_KP_Delete, 0, "win.delete");
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  g_signal_connect_swapped (self->toast_undo, "clicked", G_CALLBACK (on_toast_undo), self);
  g_signal_connect_object (self->canvas, "message", G_CALLBACK (on_canvas_message), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "edit", G_CALLBACK (on_canvas_edit), self, G_CONNECT_SWAPPED);
  orgmap_inspector_set_view_state (self->inspector, view_state (self));
  g_object_bind_property (self->canvas, "link-mode", self->link_tool, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (view_state (self), "notify::selection",
                           G_CALLBACK (_orgmap_window_update_edit_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (view_state (self), "notify::selected-link",
                           G_CALLBACK (_orgmap_window_update_edit_actions), self, G_CONNECT_SWAPPED);
  _orgmap_window_update_edit_actions (self);
}

void
_orgmap_window_dispose_edit (OrgmapWindow *self)
{
  if (self->name_popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->name_popover));
  self->name_popover = NULL;
}

void
_orgmap_window_class_install_edit_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-map", NULL, action_new_map);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, action_save_as);
  gtk_widget_class_install_action (widget_class, "win.add-unit", NULL, action_add_unit);
  gtk_widget_class_install_action (widget_class, "win.add-root", NULL, action_add_unit);
  gtk_widget_class_install_action (widget_class, "win.add-external", NULL, action_add_external);
  gtk_widget_class_install_action (widget_class, "win.add-link", NULL, action_add_link);
  gtk_widget_class_install_action (widget_class, "win.rounds", NULL, action_rounds);
  gtk_widget_class_install_action (widget_class, "win.rename", NULL, action_rename);
  gtk_widget_class_install_action (widget_class, "win.rename-map", NULL, action_rename);
  gtk_widget_class_install_action (widget_class, "win.delete", NULL, action_delete);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-map", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.add-link", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_S, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
}

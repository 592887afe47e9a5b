/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-ui"

#include "config.h"

#include "orgmap-link-dialog.h"

#include <glib/gi18n.h>

#include "orgmap-handle-item.h"
#include "orgmap-search.h"

/* One of the two party fields: an entry to type in, and the parties whose
 * names match under it. The highlighted match is the party picked. */
typedef struct
{
  OrgmapLinkDialog   *dialog;
  GtkEntry           *entry;
  GtkLabel           *error;
  GtkListView        *list;
  GtkSingleSelection *selection;
  GtkCustomFilter    *filter;
  char               *query;      /* folded; NULL lists every party */
  gboolean            units_only;
} Field;

struct _OrgmapLinkDialog
{
  GtkWindow        parent_instance;

  GtkEntry        *provider_entry;
  GtkEntry        *client_entry;
  GtkEntry        *service_entry;
  GtkLabel        *provider_error;
  GtkLabel        *client_error;
  GtkLabel        *service_error;
  GtkListView     *provider_list;
  GtkListView     *client_list;

  OrgmapHistory   *history;
  OrgmapDocument  *document;
  OrgmapViewState *view;

  /* Every party, units in tree order then external clients, and the
   * folded names: units by handle, then external clients by index. */
  GListStore      *parties;
  char           **keys;
  guint            n_units;
  guint            n_keys;

  Field            fields[2];     /* provider, client */
  /* The client's message says the unit cannot serve itself: it goes when
   * either party changes. */
  gboolean         self_link_error;
  /* Set while the dialog changes a field itself: it is not the person's edit. */
  guint            updating;
};

G_DEFINE_FINAL_TYPE (OrgmapLinkDialog, orgmap_link_dialog, GTK_TYPE_WINDOW)

static Field *
get_field (OrgmapLinkDialog      *self,
           OrgmapLinkDialogField  field)
{
  g_assert (field == ORGMAP_LINK_DIALOG_PROVIDER || field == ORGMAP_LINK_DIALOG_CLIENT);
  return &self->fields[field];
}

static GtkEntry *
field_entry (OrgmapLinkDialog      *self,
             OrgmapLinkDialogField  field)
{
  switch (field)
    {
    case ORGMAP_LINK_DIALOG_PROVIDER:
      return self->provider_entry;
    case ORGMAP_LINK_DIALOG_CLIENT:
      return self->client_entry;
    case ORGMAP_LINK_DIALOG_SERVICE:
    default:
      return self->service_entry;
    }
}

static GtkLabel *
field_error (OrgmapLinkDialog      *self,
             OrgmapLinkDialogField  field)
{
  switch (field)
    {
    case ORGMAP_LINK_DIALOG_PROVIDER:
      return self->provider_error;
    case ORGMAP_LINK_DIALOG_CLIENT:
      return self->client_error;
    case ORGMAP_LINK_DIALOG_SERVICE:
    default:
      return self->service_error;
    }
}

static void
set_error (OrgmapLinkDialog      *self,
           OrgmapLinkDialogField  field,
           const char            *message)
{
  GtkLabel *label = field_error (self, field);
  GtkWidget *entry = GTK_WIDGET (field_entry (self, field));

  if (message != NULL)
    {
      gtk_label_set_text (label, message);
      gtk_widget_add_css_class (entry, "error");
    }
  else
    gtk_widget_remove_css_class (entry, "error");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  if (field == ORGMAP_LINK_DIALOG_CLIENT)
    self->self_link_error = FALSE;
}

/* Parties */

static const char *
party_key (OrgmapLinkDialog *self,
           guint32           party)
{
  guint i = ORGMAP_IS_EXTERNAL (party) ? self->n_units + ORGMAP_EXTERNAL_INDEX (party) : party;

  return i < self->n_keys ? self->keys[i] : "";
}

static gboolean
party_matches (gpointer item,
               gpointer data)
{
  Field *field = data;
  guint32 party = orgmap_handle_item_get_handle (item);

  if (field->units_only && ORGMAP_IS_EXTERNAL (party))
    return FALSE;
  return field->query == NULL || orgmap_search_matches (party_key (field->dialog, party), field->query);
}

/* Every party and its folded name. Linear. */
static void
load_parties (OrgmapLinkDialog *self)
{
  guint n_units = orgmap_document_get_n_units (self->document);
  guint n_externals = orgmap_document_get_n_externals (self->document);
  g_autofree guint32 *stack = g_new (guint32, MAX (n_units, 1));
  g_autofree gpointer *items = g_new (gpointer, n_units + n_externals + 1);
  const guint32 *roots;
  guint n_roots, sp = 0, n_items = 0;

  g_clear_pointer (&self->keys, g_strfreev);
  self->n_units = n_units;
  self->n_keys = n_units + n_externals;
  self->keys = g_new0 (char *, self->n_keys + 1);
  for (guint32 u = 0; u < n_units; u++)
    self->keys[u] = orgmap_search_fold (orgmap_document_get_unit (self->document, u)->name);
  for (guint32 e = 0; e < n_externals; e++)
    self->keys[n_units + e] = orgmap_search_fold (orgmap_document_get_external (self->document, e)->name);

  roots = orgmap_document_get_roots (self->document, &n_roots);
  for (guint i = n_roots; i > 0; i--)
    stack[sp++] = roots[i - 1];
  while (sp > 0 && n_items < n_units)
    {
      guint32 u = stack[--sp];
      const guint32 *children;
      guint n_children;

      items[n_items++] = orgmap_handle_item_new (u);
      children = orgmap_document_get_unit_children (self->document, u, &n_children);
      for (guint i = n_children; i > 0 && sp < n_units; i--)
        stack[sp++] = children[i - 1];
    }
  for (guint32 e = 0; e < n_externals; e++)
    items[n_items++] = orgmap_handle_item_new (ORGMAP_EXTERNAL_HANDLE (e));

  self->updating++;
  g_list_store_splice (self->parties, 0, g_list_model_get_n_items (G_LIST_MODEL (self->parties)),
                       items, n_items);
  self->updating--;
  for (guint i = 0; i < n_items; i++)
    g_object_unref (items[i]);
}

static guint32
selected_party (Field *field)
{
  gpointer item = gtk_single_selection_get_selected_item (field->selection);

  return item != NULL ? orgmap_handle_item_get_handle (item) : ORGMAP_NONE;
}

static void
select_position (Field *field,
                 guint  position)
{
  field->dialog->updating++;
  gtk_single_selection_set_selected (field->selection, position);
  field->dialog->updating--;
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (field->list), "list.scroll-to-item", "u", position);
}

static void
select_party (Field   *field,
              guint32  party)
{
  GListModel *model = G_LIST_MODEL (field->selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OrgmapHandleItem) item = g_list_model_get_item (model, i);

      if (orgmap_handle_item_get_handle (item) == party)
        {
          select_position (field, i);
          return;
        }
    }
  select_position (field, GTK_INVALID_LIST_POSITION);
}

/* Lists the parties matching @text, none highlighted. */
static void
set_query (Field      *field,
           const char *text)
{
  g_autofree char *old = g_steal_pointer (&field->query);
  g_autofree char *folded = orgmap_search_fold (text);
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  g_strstrip (folded);
  if (*folded != '\0')
    field->query = g_steal_pointer (&folded);

  if (old != NULL && field->query != NULL && orgmap_search_matches (field->query, old))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (field->query == NULL || (old != NULL && orgmap_search_matches (old, field->query)))
    change = GTK_FILTER_CHANGE_LESS_STRICT;

  field->dialog->updating++;
  gtk_single_selection_set_selected (field->selection, GTK_INVALID_LIST_POSITION);
  gtk_filter_changed (GTK_FILTER (field->filter), change);
  field->dialog->updating--;
}

/* The person changed the party of @field: what was said about it goes. */
static void
party_changed (Field *field)
{
  OrgmapLinkDialog *self = field->dialog;
  OrgmapLinkDialogField which = field == &self->fields[ORGMAP_LINK_DIALOG_PROVIDER]
                                ? ORGMAP_LINK_DIALOG_PROVIDER : ORGMAP_LINK_DIALOG_CLIENT;

  set_error (self, which, NULL);
  if (self->self_link_error)
    set_error (self, ORGMAP_LINK_DIALOG_CLIENT, NULL);
  set_error (self, ORGMAP_LINK_DIALOG_SERVICE, NULL);
}

/* Typing: the matches, the first one highlighted. */
static void
on_entry_changed (GtkEditable *entry,
                  Field       *field)
{
  if (field->dialog->updating > 0)
    return;
  set_query (field, gtk_editable_get_text (entry));
  select_position (field, field->query != NULL &&
                          g_list_model_get_n_items (G_LIST_MODEL (field->selection)) > 0
                          ? 0 : GTK_INVALID_LIST_POSITION);
  party_changed (field);
}

static void
on_selection_changed (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      Field              *field)
{
  if (field->dialog->updating == 0)
    party_changed (field);
}

/* Enter: the highlighted party is the one; its full name goes into the
 * entry and the keyboard on to the next field. */
static void
pick (Field *field)
{
  OrgmapLinkDialog *self = field->dialog;
  gboolean is_provider = field == &self->fields[ORGMAP_LINK_DIALOG_PROVIDER];
  guint32 party = selected_party (field);
  const char *name;

  if (party == ORGMAP_NONE)
    {
      if (field->query != NULL)
        set_error (self, is_provider ? ORGMAP_LINK_DIALOG_PROVIDER : ORGMAP_LINK_DIALOG_CLIENT,
                   is_provider ? _("No unit has this in its name")
                               : _("No unit or external client has this in its name"));
      return;
    }

  name = orgmap_document_get_party_name (self->document, party);
  self->updating++;
  gtk_editable_set_text (GTK_EDITABLE (field->entry), name);
  gtk_editable_set_position (GTK_EDITABLE (field->entry), -1);
  self->updating--;
  set_query (field, name);
  select_party (field, party);

  gtk_widget_grab_focus (GTK_WIDGET (is_provider ? self->client_entry : self->service_entry));
}

static void
on_entry_activate (GtkEntry *entry,
                   Field    *field)
{
  pick (field);
}

static void
on_list_activate (GtkListView *list,
                  guint        position,
                  Field       *field)
{
  select_position (field, position);
  party_changed (field);
  pick (field);
}

/* Up and Down move in the matches while typing. */
static gboolean
on_entry_key_pressed (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      Field                 *field)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (field->selection));
  guint position = gtk_single_selection_get_selected (field->selection);
  int step;

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      step = 1;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      step = -1;
      break;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      step = 10;
      break;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      step = -10;
      break;
    default:
      return FALSE;
    }
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;

  if (n > 0)
    {
      if (position == GTK_INVALID_LIST_POSITION)
        position = step > 0 ? 0 : n - 1;
      else if (step < 0)
        position = position >= (guint) -step ? position + step : 0;
      else
        position = MIN (position + step, n - 1);
      select_position (field, position);
      party_changed (field);
    }
  return TRUE;
}

/* The rows of a list of parties: the name, and what tells two units of
 * the same name apart (the unit they belong to). */

static void
setup_party_row (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 OrgmapLinkDialog         *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *context = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_label_set_xalign (GTK_LABEL (context), 1);
  gtk_label_set_ellipsize (GTK_LABEL (context), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (context), 18);
  gtk_widget_add_css_class (context, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), context);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_party_row (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                OrgmapLinkDialog         *self)
{
  GtkWidget *name = gtk_widget_get_first_child (gtk_list_item_get_child (list_item));
  GtkWidget *context = gtk_widget_get_next_sibling (name);
  guint32 party = orgmap_handle_item_get_handle (gtk_list_item_get_item (list_item));
  const char *detail = NULL;

  gtk_label_set_text (GTK_LABEL (name), orgmap_document_get_party_name (self->document, party));
  if (ORGMAP_IS_EXTERNAL (party))
    detail = _("External client");
  else if (orgmap_document_get_unit (self->document, party)->parent != ORGMAP_NONE)
    detail = orgmap_document_get_unit (self->document,
                                       orgmap_document_get_unit (self->document, party)->parent)->name;
  gtk_label_set_text (GTK_LABEL (context), detail != NULL ? detail : "");
  gtk_widget_set_tooltip_text (context, detail);
}

static void
init_field (OrgmapLinkDialog *self,
            Field            *field,
            GtkEntry         *entry,
            GtkLabel         *error,
            GtkListView      *list,
            gboolean          units_only)
{
  GtkFilterListModel *filtered;
  GtkListItemFactory *factory;
  GtkEventController *keys;

  field->dialog = self;
  field->entry = entry;
  field->error = error;
  field->list = list;
  field->units_only = units_only;
  field->filter = gtk_custom_filter_new (party_matches, field, NULL);
  filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->parties)),
                                        g_object_ref (GTK_FILTER (field->filter)));
  field->selection = gtk_single_selection_new (G_LIST_MODEL (filtered));
  gtk_single_selection_set_autoselect (field->selection, FALSE);
  gtk_single_selection_set_can_unselect (field->selection, TRUE);
  gtk_single_selection_set_selected (field->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect (field->selection, "notify::selected", G_CALLBACK (on_selection_changed), field);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_party_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_party_row), self);
  gtk_list_view_set_factory (list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (list, GTK_SELECTION_MODEL (field->selection));
  g_signal_connect (list, "activate", G_CALLBACK (on_list_activate), field);

  g_signal_connect (entry, "changed", G_CALLBACK (on_entry_changed), field);
  g_signal_connect (entry, "activate", G_CALLBACK (on_entry_activate), field);
  /* Before the entry's text moves its cursor with them. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_entry_key_pressed), field);
  gtk_widget_add_controller (GTK_WIDGET (entry), keys);
}

static void
clear_field (Field *field)
{
  g_clear_object (&field->selection);
  g_clear_object (&field->filter);
  g_clear_pointer (&field->query, g_free);
}

/* Adding */

static void
on_add_clicked (OrgmapLinkDialog *self)
{
  Field *provider_field = &self->fields[ORGMAP_LINK_DIALOG_PROVIDER];
  Field *client_field = &self->fields[ORGMAP_LINK_DIALOG_CLIENT];
  guint32 provider = selected_party (provider_field);
  guint32 client = selected_party (client_field);
  g_autofree char *service = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->service_entry))));
  g_autoptr(GError) error = NULL;
  guint32 link;

  if (client == ORGMAP_NONE)
    {
      set_error (self, ORGMAP_LINK_DIALOG_CLIENT,
                 client_field->query != NULL
                 ? _("No unit or external client has this in its name")
                 : _("Choose the unit or external client that is served"));
      gtk_widget_grab_focus (GTK_WIDGET (self->client_entry));
    }
  if (provider == ORGMAP_NONE)
    {
      set_error (self, ORGMAP_LINK_DIALOG_PROVIDER,
                 provider_field->query != NULL
                 ? _("No unit has this in its name")
                 : _("Choose the unit that provides the service"));
      gtk_widget_grab_focus (GTK_WIDGET (self->provider_entry));
    }
  if (provider == ORGMAP_NONE || client == ORGMAP_NONE)
    return;

  link = orgmap_history_add_link (self->history, provider, client, service, &error);
  if (link == ORGMAP_NONE)
    {
      /* A unit serving itself: choose another client. The same link
       * again: name another service. */
      if (provider == client)
        {
          set_error (self, ORGMAP_LINK_DIALOG_CLIENT, error->message);
          self->self_link_error = TRUE;
          gtk_widget_grab_focus (GTK_WIDGET (self->client_entry));
        }
      else
        {
          set_error (self, ORGMAP_LINK_DIALOG_SERVICE, error->message);
          gtk_widget_grab_focus (GTK_WIDGET (self->service_entry));
        }
      return;
    }

  if (self->view != NULL)
    orgmap_view_state_set_selected_link (self->view, link);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* The document changed under the dialog (an undo from elsewhere): list its
 * parties again, keeping what was picked unless handles moved. */
static void
on_document_changed (OrgmapLinkDialog *self,
                     guint             kind,
                     guint             handle)
{
  guint32 kept[G_N_ELEMENTS (self->fields)];

  if (kind != ORGMAP_CHANGE_ALL && kind != ORGMAP_CHANGE_HIERARCHY &&
      kind != ORGMAP_CHANGE_UNIT && kind != ORGMAP_CHANGE_EXTERNAL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (self->fields); i++)
    kept[i] = kind == ORGMAP_CHANGE_ALL ? ORGMAP_NONE : selected_party (&self->fields[i]);
  load_parties (self);
  for (guint i = 0; i < G_N_ELEMENTS (self->fields); i++)
    {
      Field *field = &self->fields[i];

      set_query (field, gtk_editable_get_text (GTK_EDITABLE (field->entry)));
      if (kept[i] != ORGMAP_NONE)
        select_party (field, kept[i]);
      else if (field->query != NULL && g_list_model_get_n_items (G_LIST_MODEL (field->selection)) > 0)
        select_position (field, 0);
    }
}

/* Lifecycle */

static void
orgmap_link_dialog_dispose (GObject *object)
{
  OrgmapLinkDialog *self = ORGMAP_LINK_DIALOG (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  if (self->provider_list != NULL)
    gtk_list_view_set_model (self->provider_list, NULL);
  if (self->client_list != NULL)
    gtk_list_view_set_model (self->client_list, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ORGMAP_TYPE_LINK_DIALOG);

  for (guint i = 0; i < G_N_ELEMENTS (self->fields); i++)
    clear_field (&self->fields[i]);
  g_clear_object (&self->parties);
  g_clear_pointer (&self->keys, g_strfreev);
  g_clear_object (&self->history);
  g_clear_object (&self->document);
  g_clear_object (&self->view);

  G_OBJECT_CLASS (orgmap_link_dialog_parent_class)->dispose (object);
}

static void
orgmap_link_dialog_class_init (OrgmapLinkDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = orgmap_link_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/orgmap/Orgmap/orgmap-link-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, OrgmapLinkDialog, provider_entry);
  gtk_widget_class_bind_template_child (widget_class, OrgmapLinkDialog, client_entry);
  gtk_widget_class_bind_template_child (widget_class, OrgmapLinkDialog, service_entry);
  gtk_widget_class_bind_template_child (widget_class, OrgmapLinkDialog, provider_error);
  gtk_widget_class_bind_template_child (widget_class, OrgmapLinkDialog, client_error);
  gtk_widget_class_bind_template_child (widget_class, OrgmapLinkDialog, service_error);
  gtk_widget_class_bind_template_child (widget_class, OrgmapLinkDialog, provider_list);
  gtk_widget_class_bind_template_child (widget_class, OrgmapLinkDialog, client_list);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
orgmap_link_dialog_init (OrgmapLinkDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->parties = g_list_store_new (ORGMAP_TYPE_HANDLE_ITEM);
}

OrgmapLinkDialog *
orgmap_link_dialog_new (GtkWindow       *parent,
                        OrgmapHistory   *history,
                        OrgmapViewState *view)
{
  OrgmapLinkDialog *self;
  guint32 selection;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ORGMAP_IS_HISTORY (history), NULL);
  g_return_val_if_fail (view == NULL || ORGMAP_IS_VIEW_STATE (view), NULL);

  self = g_object_new (ORGMAP_TYPE_LINK_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->history = g_object_ref (history);
  self->document = g_object_ref (orgmap_history_get_document (history));
  self->view = view != NULL ? g_object_ref (view) : NULL;
  g_signal_connect_object (self->document, "changed", G_CALLBACK (on_document_changed), self,
                           G_CONNECT_SWAPPED);

  load_parties (self);
  init_field (self, &self->fields[ORGMAP_LINK_DIALOG_PROVIDER], self->provider_entry,
              self->provider_error, self->provider_list, TRUE);
  init_field (self, &self->fields[ORGMAP_LINK_DIALOG_CLIENT], self->client_entry,
              self->client_error, self->client_list, FALSE);

  /* A unit selected on the map is the likely provider: start at the client. */
  selection = view != NULL ? orgmap_view_state_get_selection (view) : ORGMAP_NONE;
  if (selection != ORGMAP_NONE && !ORGMAP_IS_EXTERNAL (selection) &&
      selection < orgmap_document_get_n_units (self->document))
    {
      Field *provider = &self->fields[ORGMAP_LINK_DIALOG_PROVIDER];
      const char *name = orgmap_document_get_unit (self->document, selection)->name;

      self->updating++;
      gtk_editable_set_text (GTK_EDITABLE (self->provider_entry), name);
      self->updating--;
      set_query (provider, name);
      select_party (provider, selection);
      gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->client_entry));
    }
  else
    gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->provider_entry));

  return self;
}

GtkEditable *
orgmap_link_dialog_get_entry (OrgmapLinkDialog      *self,
                              OrgmapLinkDialogField  field)
{
  g_return_val_if_fail (ORGMAP_IS_LINK_DIALOG (self), NULL);
  g_return_val_if_fail (field <= ORGMAP_LINK_DIALOG_SERVICE, NULL);

  return GTK_EDITABLE (field_entry (self, field));
}

GtkSingleSelection *
orgmap_link_dialog_get_matches (OrgmapLinkDialog      *self,
                                OrgmapLinkDialogField  field)
{
  g_return_val_if_fail (ORGMAP_IS_LINK_DIALOG (self), NULL);
  g_return_val_if_fail (field <= ORGMAP_LINK_DIALOG_SERVICE, NULL);

  if (field == ORGMAP_LINK_DIALOG_SERVICE)
    return NULL;
  return get_field (self, field)->selection;
}

GtkLabel *
orgmap_link_dialog_get_error (OrgmapLinkDialog      *self,
                              OrgmapLinkDialogField  field)
{
  g_return_val_if_fail (ORGMAP_IS_LINK_DIALOG (self), NULL);
  g_return_val_if_fail (field <= ORGMAP_LINK_DIALOG_SERVICE, NULL);

  return field_error (self, field);
}

guint32
orgmap_link_dialog_get_party (OrgmapLinkDialog      *self,
                              OrgmapLinkDialogField  field)
{
  g_return_val_if_fail (ORGMAP_IS_LINK_DIALOG (self), ORGMAP_NONE);
  g_return_val_if_fail (field == ORGMAP_LINK_DIALOG_PROVIDER || field == ORGMAP_LINK_DIALOG_CLIENT,
                        ORGMAP_NONE);

  return selected_party (get_field (self, field));
}

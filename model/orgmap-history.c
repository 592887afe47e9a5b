/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-model"

#include "config.h"

#include "orgmap-history.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "orgmap-error.h"
#include "orgmap-history-private.h"

struct _OrgmapHistory
{
  GObject         parent_instance;

  OrgmapDocument *document;
  GPtrArray      *undo;        /* OrgmapCommand, the latest last */
  GPtrArray      *redo;        /* OrgmapCommand, the next to redo last */

  /* What the properties last said, to notify only real changes. */
  gboolean        can_undo;
  gboolean        can_redo;
  char           *undo_label;
  char           *redo_label;
};

G_DEFINE_FINAL_TYPE (OrgmapHistory, orgmap_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
orgmap_history_finalize (GObject *object)
{
  OrgmapHistory *self = ORGMAP_HISTORY (object);

  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_pointer (&self->undo_label, g_free);
  g_clear_pointer (&self->redo_label, g_free);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (orgmap_history_parent_class)->finalize (object);
}

static void
orgmap_history_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  OrgmapHistory *self = ORGMAP_HISTORY (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, self->can_undo);
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, self->can_redo);
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, self->undo_label);
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, self->redo_label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orgmap_history_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  OrgmapHistory *self = ORGMAP_HISTORY (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orgmap_history_class_init (OrgmapHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = orgmap_history_finalize;
  object_class->get_property = orgmap_history_get_property;
  object_class->set_property = orgmap_history_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, ORGMAP_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orgmap_history_init (OrgmapHistory *self)
{
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) _orgmap_command_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) _orgmap_command_free);
}

OrgmapHistory *
orgmap_history_new (OrgmapDocument *document)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (document), NULL);

  return g_object_new (ORGMAP_TYPE_HISTORY, "document", document, NULL);
}

OrgmapDocument *
orgmap_history_get_document (OrgmapHistory *self)
{
  g_return_val_if_fail (ORGMAP_IS_HISTORY (self), NULL);

  return self->document;
}

/* State and labels */

static char *
make_label (GPtrArray *stack,
            gboolean   undo)
{
  const OrgmapCommand *command;

  if (stack->len == 0)
    return NULL;
  command = g_ptr_array_index (stack, stack->len - 1);
  if (undo)
    /* Translators: the Undo menu item; %s is an edit, such as “Rename Unit” */
    return g_strdup_printf (_("Undo %s"), _(command->label));
  /* Translators: the Redo menu item; %s is an edit, such as “Rename Unit” */
  return g_strdup_printf (_("Redo %s"), _(command->label));
}

static void
set_label (OrgmapHistory *self,
           char         **field,
           char          *label,
           GParamSpec    *pspec)
{
  if (g_strcmp0 (*field, label) == 0)
    {
      g_free (label);
      return;
    }
  g_free (*field);
  *field = label;
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
update_state (OrgmapHistory *self)
{
  gboolean can_undo = self->undo->len > 0;
  gboolean can_redo = self->redo->len > 0;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->can_undo != can_undo)
    {
      self->can_undo = can_undo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
    }
  if (self->can_redo != can_redo)
    {
      self->can_redo = can_redo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
    }
  set_label (self, &self->undo_label, make_label (self->undo, TRUE), properties[PROP_UNDO_LABEL]);
  set_label (self, &self->redo_label, make_label (self->redo, FALSE), properties[PROP_REDO_LABEL]);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
orgmap_history_can_undo (OrgmapHistory *self)
{
  g_return_val_if_fail (ORGMAP_IS_HISTORY (self), FALSE);

  return self->can_undo;
}

gboolean
orgmap_history_can_redo (OrgmapHistory *self)
{
  g_return_val_if_fail (ORGMAP_IS_HISTORY (self), FALSE);

  return self->can_redo;
}

const char *
orgmap_history_get_undo_label (OrgmapHistory *self)
{
  g_return_val_if_fail (ORGMAP_IS_HISTORY (self), NULL);

  return self->undo_label;
}

const char *
orgmap_history_get_redo_label (OrgmapHistory *self)
{
  g_return_val_if_fail (ORGMAP_IS_HISTORY (self), NULL);

  return self->redo_label;
}

gboolean
orgmap_history_undo (OrgmapHistory *self)
{
  OrgmapCommand *command;

  g_return_val_if_fail (ORGMAP_IS_HISTORY (self), FALSE);

  if (self->undo->len == 0)
    return FALSE;

  command = g_ptr_array_steal_index (self->undo, self->undo->len - 1);
  _orgmap_command_undo (command, self->document);
  g_ptr_array_add (self->redo, command);
  update_state (self);
  return TRUE;
}

gboolean
orgmap_history_redo (OrgmapHistory *self)
{
  OrgmapCommand *command;

  g_return_val_if_fail (ORGMAP_IS_HISTORY (self), FALSE);

  if (self->redo->len == 0)
    return FALSE;

  command = g_ptr_array_steal_index (self->redo, self->redo->len - 1);
  _orgmap_command_redo (command, self->document);
  g_ptr_array_add (self->undo, command);
  update_state (self);
  return TRUE;
}

void
orgmap_history_clear (OrgmapHistory *self)
{
  g_return_if_fail (ORGMAP_IS_HISTORY (self));

  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  update_state (self);
}

/* Shared with orgmap-history-ratings.c */

void
_orgmap_history_record (OrgmapHistory *self,
                        OrgmapCommand *command)
{
  g_ptr_array_add (self->undo, command);
  g_ptr_array_set_size (self->redo, 0);
  update_state (self);
}

void
_orgmap_history_update (OrgmapHistory *self,
                        const char    *label,
                        OrgmapRecord  *before,
                        OrgmapRecord  *after)
{
  OrgmapCommand *command;
  guint n_changes = _orgmap_record_n_changes (before, after);

  if (n_changes == 0)
    {
      _orgmap_record_free (before);
      _orgmap_record_free (after);
      return;
    }

  command = _orgmap_command_new (label);
  if (n_changes > 1)
    orgmap_document_freeze (self->document);
  _orgmap_command_push (command, self->document, ORGMAP_STEP_UPDATE, before, after);
  if (n_changes > 1)
    orgmap_document_thaw (self->document);
  _orgmap_history_record (self, command);
}

gboolean
_orgmap_history_is_blank (const char *str)
{
  if (str == NULL)
    return TRUE;
  for (; *str != '\0'; str++)
    if (!g_ascii_isspace (*str))
      return FALSE;
  return TRUE;
}

const char *
_orgmap_history_optional (const char *str)
{
  return str != NULL && *str != '\0' ? str : NULL;
}

void
_orgmap_history_set_optional (char       **field,
                              const char  *value)
{
  g_free (*field);
  *field = g_strdup (_orgmap_history_optional (value));
}

static gboolean
valid_date (const char *str)
{
  guint y, m, d;
  char tail;

  if (strlen (str) != 10 || str[4] != '-' || str[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (str[i]))
      return FALSE;
  if (sscanf (str, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  return g_date_valid_dmy (d, m, y);
}

gboolean
_orgmap_history_check_date (const char  *date,
                            const char  *round_name,
                            GError     **error)
{
  if (_orgmap_history_optional (date) == NULL || valid_date (date))
    return TRUE;

  g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
               _("The date “%s” of round “%s” is not a date of the form YYYY-MM-DD"),
               date, round_name);
  return FALSE;
}

/* Checks */

static gboolean
valid_client (OrgmapDocument *document,
              guint32         client)
{
  if (ORGMAP_IS_EXTERNAL (client))
    return ORGMAP_EXTERNAL_INDEX (client) < orgmap_document_get_n_externals (document);
  return client < orgmap_document_get_n_units (document);
}

/* Another link than @except with the same ends and service. */
static gboolean
check_not_duplicate (OrgmapDocument  *document,
                     guint32          except,
                     guint32          provider,
                     guint32          client,
                     const char      *service,
                     GError         **error)
{
  service = _orgmap_history_optional (service);

  for (guint32 i = 0; i < orgmap_document_get_n_links (document); i++)
    {
      const OrgmapLink *link = orgmap_document_get_link (document, i);

      if (i == except || link->provider != provider || link->client != client ||
          g_strcmp0 (link->service, service) != 0)
        continue;

      if (service == NULL)
        g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
                     /* Translators: both are names of units or external clients */
                     _("There is already a link from “%s” to “%s” without a service"),
                     orgmap_document_get_party_name (document, provider),
                     orgmap_document_get_party_name (document, client));
      else
        g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
                     /* Translators: the names of a unit and of a unit or external client, then a service */
                     _("There is already a link from “%s” to “%s” for the service “%s”"),
                     orgmap_document_get_party_name (document, provider),
                     orgmap_document_get_party_name (document, client), service);
      return FALSE;
    }
  return TRUE;
}

/* Units */

guint32
orgmap_history_add_unit (OrgmapHistory  *self,
                         guint32         parent,
                         const char     *name,
                         GError        **error)
{
  OrgmapCommand *command;
  OrgmapRecord *after;
  guint32 handle;

  g_return_val_if_fail (ORGMAP_IS_HISTORY (self), ORGMAP_NONE);
  g_return_val_if_fail (parent == ORGMAP_NONE || parent < orgmap_document_get_n_units (self->document),
                        ORGMAP_NONE);
  g_return_val_if_fail (error == NULL || *error == NULL, ORGMAP_NONE);

  if (_orgmap_history_is_blank (name))
    {
      g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
                   _("A new unit needs a name"));
      return ORGMAP_NONE;
    }

  handle = orgmap_document_get_n_units (self->document);
  after = _orgmap_record_new (ORGMAP_ITEM_UNIT, handle);
  after->name = g_strdup (name);
  after->parent = parent;

  command = _orgmap_command_new (N_("Add Unit"));
  _orgmap_command_push (command, self->document, ORGMAP_STEP_INSERT, NULL, after);
  _orgmap_history_record (self, command);
  return handle;
}

/* The map's own name, shown as the window's title and over the map. */
gboolean
orgmap_history_rename_document (OrgmapHistory  *self,
                                const char     *name,
                                GError        **error)
{
  OrgmapRecord *before, *after;

  g_return_val_if_fail (ORGMAP_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (_orgmap_history_is_blank (name))
    {
      g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
                   _("The map “%s” cannot be left without a name"),
                   orgmap_document_get_name (self->document));
      return FALSE;
    }

  before = _orgmap_record_read (self->document, ORGMAP_ITEM_DOCUMENT, 0, ORGMAP_NONE);
  after = _orgmap_record_copy (before);
  g_free (after->name);
  after->name = g_strdup (name);
  _orgmap_history_update (self, N_("Rename Map"), before, after);
  return TRUE;
}

gboolean
orgmap_history_rename_unit (OrgmapHistory  *self,
                            guint32         unit,
                            const char     *name,
                            GError        **error)
{
  OrgmapRecord *before, *after;

  g_return_val_if_fail (ORGMAP_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (unit < orgmap_document_get_n_units (self->document), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (_orgmap_history_is_blank (name))
    {
      g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
                   _("The unit “%s” cannot be left without a name"),
                   orgmap_document_get_unit (self->document, unit)->name);
      return FALSE;
    }

  before = _orgmap_record_read (self->document, ORGMAP_ITEM_UNIT, unit, ORGMAP_NONE);
  after = _orgmap_record_copy (before);
  g_free (after->name);
  after->name = g_strdup (name);
  _orgmap_history_update (self, N_("Rename Unit"), before, after);
  return TRUE;
}

gboolean
orgmap_history_set_unit_details (OrgmapHistory  *self,
                                 guint32         unit,
                                 const char     *head,
                                 gint32          headcount,
                                 gint32          level,
                                 const char     *area,
                                 const char     *notes,
                                 GError        **error)
{
  OrgmapRecord *before, *after;

  g_return_val_if_fail (ORGMAP_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (unit < orgmap_document_get_n_units (self->document), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  before = _orgmap_record_read (self->document, ORGMAP_ITEM_UNIT, unit, ORGMAP_NONE);
  after = _orgmap_record_copy (before);
  _orgmap_history_set_optional (&after->head, head);
  _orgmap_history_set_optional (&after->area, area);
  _orgmap_history_set_optional (&after->notes, notes);
  after->headcount = MAX (headcount, -1);
  after->level = MAX (level, 0);
  _orgmap_history_update (self, N_("Change Unit Details"), before, after);
  return TRUE;
}

gboolean
orgmap_history_move_unit (OrgmapHistory  *self,
                          guint32         unit,
                          guint32         new_parent,
                          GError        **error)
{
  OrgmapRecord *before, *after;

  g_return_val_if_fail (ORGMAP_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (unit < orgmap_document_get_n_units (self->document), FALSE);
  g_return_val_if_fail (new_parent == ORGMAP_NONE ||
                        new_parent < orgmap_document_get_n_units (self->document), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Walk up from the new parent: meeting the unit means a cycle. */
  for (guint32 p = new_parent; p != ORGMAP_NONE; p = orgmap_document_get_unit (self->document, p)->parent)
    {
      if (p == unit)
        {
          g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
                       _("“%s” cannot be placed under “%s”, which is part of it"),
                       orgmap_document_get_unit (self->document, unit)->name,
                       orgmap_document_get_unit (self->document, new_parent)->name);
          return FALSE;
        }
    }

  before = _orgmap_record_read (self->document, ORGMAP_ITEM_UNIT, unit, ORGMAP_NONE);
  after = _orgmap_record_copy (before);
  after->parent = new_parent;
  _orgmap_history_update (self, N_("Move Unit"), before, after);
  return TRUE;
}

gboolean
orgmap_history_place_unit (OrgmapHistory *self,
                           guint32        unit,
                           gboolean       placed,
                           double         x,
                           double         y)
{
  OrgmapRecord *before, *after;
  gboolean changed;

  g_return_val_if_fail (ORGMAP_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (unit < orgmap_document_get_n_units (self->document), FALSE);
  g_return_val_if_fail (!placed || (isfinite (x) && isfinite (y)), FALSE);

  before = _orgmap_record_read (self->document, ORGMAP_ITEM_UNIT, unit, ORGMAP_NONE);
  after = _orgmap_record_copy (before);
  after->placed = placed;
  after->x = placed ? x : 0;
  after->y = placed ? y : 0;
  changed = _orgmap_record_n_changes (before, after) > 0;
  _orgmap_history_update (self, placed ? N_("Place Unit") : N_("Reset Unit Position"),
                          before, after);
  return changed;
}

gboolean
orgmap_history_delete_unit (OrgmapHistory  *self,
                            guint32         unit,
                            GError        **error)
{
  OrgmapCommand *command;

  g_return_val_if_fail (ORGMAP_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (unit < orgmap_document_get_n_units (self->document), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  command = _orgmap_command_new (N_("Delete Unit"));
  orgmap_document_freeze (self->document);
  _orgmap_command_remove_subtree (command, self->document, unit);
  orgmap_document_thaw (self->document);
  _orgmap_history_record (self, command);
  return TRUE;
}

/* External clients */

guint32
orgmap_history_add_external (OrgmapHistory  *self,
                             const char     *name,
                             GError        **error)
{
  OrgmapCommand *command;
  OrgmapRecord *after;
  guint32 index;

  g_return_val_if_fail (ORGMAP_IS_HISTORY (self), ORGMAP_NONE);
  g_return_val_if_fail (error == NULL || *error == NULL, ORGMAP_NONE);

  if (_orgmap_history_is_blank (name))
    {
      g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
                   _("A new external client needs a name"));
      return ORGMAP_NONE;
    }

  index = orgmap_document_get_n_externals (self->document);
  after = _orgmap_record_new (ORGMAP_ITEM_EXTERNAL, index);
  after->name = g_strdup (name);

  command = _orgmap_command_new (N_("Add External Client"));
  _orgmap_command_push (command, self->document, ORGMAP_STEP_INSERT, NULL, after);
  _orgmap_history_record (self, command);
  return index;
}

gboolean
orgmap_history_rename_external (OrgmapHistory  *self,
                                guint32         external,
                                const char     *name,
                                GError        **error)
{
  OrgmapRecord *before, *after;

  g_return_val_if_fail (ORGMAP_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (external < orgmap_document_get_n_externals (self->document), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (_orgmap_history_is_blank (name))
    {
      g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
                   _("The external client “%s” cannot be left without a name"),
                   orgmap_document_get_external (self->document, external)->name);
      return FALSE;
    }

  before = _orgmap_record_read (self->document, ORGMAP_ITEM_EXTERNAL, external, ORGMAP_NONE);
  after = _orgmap_record_copy (before);
  g_free (after->name);
  after->name = g_strdup (name);
  _orgmap_history_update (self, N_("Rename External Client"), before, after);
  return TRUE;
}

/* Notes only: the name has its own command, refused when empty. */
gboolean
orgmap_history_set_external_notes (OrgmapHistory *self,
                                   guint32        external,
                                   const char    *notes)
{
  OrgmapRecord *before, *after;

  g_return_val_if_fail (ORGMAP_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (external < orgmap_document_get_n_externals (self->document), FALSE);

  before = _orgmap_record_read (self->document, ORGMAP_ITEM_EXTERNAL, external, ORGMAP_NONE);
  after = _orgmap_record_copy (before);
  g_free (after->notes);
  after->notes = notes != NULL && *notes != '\0' ? g_strdup (notes) : NULL;
  if (g_strcmp0 (before->notes, after->notes) == 0)
    {
      _orgmap_record_free (before);
      _orgmap_record_free (after);
      return FALSE;
    }
  _orgmap_history_update (self, N_("Change External Client Details"), before, after);
  return TRUE;
}

gboolean
orgmap_history_delete_external (OrgmapHistory  *self,
                                guint32         external,
                                GError        **error)
{
  OrgmapCommand *command;

  g_return_val_if_fail (ORGMAP_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (external < orgmap_document_get_n_externals (self->document), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  command = _orgmap_command_new (N_("Delete External Client"));
  orgmap_document_freeze (self->document);
  _orgmap_command_remove_external (command, self->document, external);
  orgmap_document_thaw (self->document);
  _orgmap_history_record (self, command);
  return TRUE;
}

/* Links */

guint32
orgmap_history_add_link (OrgmapHistory  *self,
                         guint32         provider,
                         guint32         client,
                         const char     *service,
                         GError        **error)
{
  OrgmapCommand *command;
  OrgmapRecord *after;
  guint32 handle;

  g_return_val_if_fail (ORGMAP_IS_HISTORY (self), ORGMAP_NONE);
  g_return_val_if_fail (provider < orgmap_document_get_n_units (self->document), ORGMAP_NONE);
  g_return_val_if_fail (valid_client (self->document, client), ORGMAP_NONE);
  g_return_val_if_fail (error == NULL || *error == NULL, ORGMAP_NONE);

  if (provider == client)
    {
      g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
                   _("The unit “%s” cannot be its own client; choose another unit"),
                   orgmap_document_get_unit (self->document, provider)->name);
      return ORGMAP_NONE;
    }
  if (!check_not_duplicate (self->document, ORGMAP_NONE, provider, client, service, error))
    return ORGMAP_NONE;

  handle = orgmap_document_get_n_links (self->document);
  after = _orgmap_record_new (ORGMAP_ITEM_LINK, handle);
  after->provider = provider;
  after->client = client;
  after->service = g_strdup (_orgmap_history_optional (service));

  command = _orgmap_command_new (N_("Add Link"));
  _orgmap_command_push (command, self->document, ORGMAP_STEP_INSERT, NULL, after);
  _orgmap_history_record (self, command);
  return handle;
}

gboolean
orgmap_history_set_link_details (OrgmapHistory   *self,
                                 guint32          link,
                                 const char      *service,
                                 const char      *notes,
                                 OrgmapLinkType   type_override,
                                 GError         **error)
{
  OrgmapRecord *before, *after;

  g_return_val_if_fail (ORGMAP_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (link < orgmap_document_get_n_links (self->document), FALSE);
  g_return_val_if_fail (type_override < ORGMAP_N_LINK_TYPES || type_override == ORGMAP_LINK_AUTOMATIC,
                        FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  before = _orgmap_record_read (self->document, ORGMAP_ITEM_LINK, link, ORGMAP_NONE);
  if (!check_not_duplicate (self->document, link, before->provider, before->client, service, error))
    {
      _orgmap_record_free (before);
      return FALSE;
    }

  after = _orgmap_record_copy (before);
  _orgmap_history_set_optional (&after->service, service);
  _orgmap_history_set_optional (&after->notes, notes);
  after->type_override = type_override;
  _orgmap_history_update (self, N_("Change Link Details"), before, after);
  return TRUE;
}

gboolean
orgmap_history_delete_link (OrgmapHistory  *self,
                            guint32         link,
                            GError        **error)
{
  OrgmapCommand *command;

  g_return_val_if_fail (ORGMAP_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (link < orgmap_document_get_n_links (self->document), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  command = _orgmap_command_new (N_("Delete Link"));
  orgmap_document_freeze (self->document);
  _orgmap_command_remove_link (command, self->document, link);
  orgmap_document_thaw (self->document);
  _orgmap_history_record (self, command);
  return TRUE;
}

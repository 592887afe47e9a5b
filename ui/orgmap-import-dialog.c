/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-ui"

#include "config.h"

#include "orgmap-import-dialog.h"
#include "orgmap-import-dialog-private.h"

#include <string.h>

#include <glib/gi18n.h>

#include "orgmap-import-generic.h"

G_DEFINE_FINAL_TYPE (OrgmapImportDialog, orgmap_import_dialog, GTK_TYPE_WINDOW)

enum
{
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------ */
/* Choices */

static Choice *
get_choice (OrgmapImportDialog       *self,
            OrgmapImportDialogChoice  choice)
{
  g_assert ((guint) choice < N_CHOICES);
  return &self->choices[choice];
}

const char *
_orgmap_import_dialog_choice_value (OrgmapImportDialog       *self,
                                    OrgmapImportDialogChoice  choice)
{
  Choice *c = get_choice (self, choice);
  guint selected = gtk_drop_down_get_selected (c->dropdown);

  if (c->values == NULL || selected >= c->values->len)
    return NULL;
  return g_ptr_array_index (c->values, selected);
}

/* Items, as labels and the values they stand for */
typedef struct
{
  GPtrArray *labels;
  GPtrArray *values;
} Items;

static void
items_init (Items *items)
{
  items->labels = g_ptr_array_new_with_free_func (g_free);
  items->values = g_ptr_array_new_with_free_func (g_free);
}

/* Takes @label */
static void
items_add (Items      *items,
           char       *label,
           const char *value)
{
  g_ptr_array_add (items->labels, label);
  g_ptr_array_add (items->values, g_strdup (value));
}

/* Gives the items to the dropdown, the one of @value selected (the first
 * when none is). */
static void
set_items (OrgmapImportDialog       *self,
           OrgmapImportDialogChoice  choice,
           Items                    *items,
           const char               *value)
{
  Choice *c = get_choice (self, choice);
  g_autoptr(GtkStringList) model = NULL;
  guint selected = 0;

  g_ptr_array_add (items->labels, NULL);
  model = gtk_string_list_new ((const char * const *) items->labels->pdata);
  for (guint i = 0; i < items->values->len; i++)
    if (g_strcmp0 (g_ptr_array_index (items->values, i), value) == 0)
      {
        selected = i;
        break;
      }

  self->updating++;
  gtk_drop_down_set_model (c->dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (c->dropdown, selected);
  self->updating--;
  g_clear_pointer (&c->values, g_ptr_array_unref);
  c->values = g_steal_pointer (&items->values);
  g_ptr_array_unref (items->labels);
}

/* A draw.io file's pages, the first selected */
void
_orgmap_import_dialog_set_pages (OrgmapImportDialog *self,
                                 char              **pages)
{
  Items items;

  items_init (&items);
  for (guint i = 0; pages[i] != NULL; i++)
    {
      g_autofree char *value = g_strdup_printf ("%u", i);

      items_add (&items, g_strdup (pages[i]), value);
    }
  set_items (self, ORGMAP_IMPORT_DIALOG_PAGE, &items, "0");
}

void
_orgmap_import_dialog_set_row_visible (OrgmapImportDialog       *self,
                                       OrgmapImportDialogChoice  choice,
                                       gboolean                  visible)
{
  Choice *c = get_choice (self, choice);

  gtk_widget_set_visible (c->label, visible);
  gtk_widget_set_visible (c->box, visible);
}

void
_orgmap_import_dialog_set_error (OrgmapImportDialog       *self,
                                 OrgmapImportDialogChoice  choice,
                                 const char               *message)
{
  Choice *c = get_choice (self, choice);

  if (message != NULL)
    {
      gtk_label_set_text (c->error, message);
      gtk_widget_add_css_class (GTK_WIDGET (c->dropdown), "error");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (c->dropdown), "error");
  gtk_widget_set_visible (GTK_WIDGET (c->error), message != NULL);
}

static char *
field_spec (const OrgmapGenericField *field)
{
  return g_strdup_printf ("%s%s", field->kind == ORGMAP_GENERIC_ATTRIBUTE ? "@" : "", field->name);
}

static char *
relation_spec (const OrgmapGenericMapping *m,
               gboolean                    reverse)
{
  g_autofree char *child = field_spec (&m->relation_child);
  g_autofree char *parent = field_spec (&m->relation_parent);

  return g_strdup_printf ("%s(%s,%s)", m->relation, reverse ? parent : child, reverse ? child : parent);
}

/* What the base mapping says for the parent, as a value of the dropdown */
static char *
parent_value (const OrgmapGenericMapping *m)
{
  switch (m->parent_kind)
    {
    case ORGMAP_GENERIC_PARENT_NESTING:
      return g_strdup ("nesting");
    case ORGMAP_GENERIC_PARENT_FIELD:
      return g_strdup (m->parent.name);
    case ORGMAP_GENERIC_PARENT_RELATION:
      return relation_spec (m, FALSE);
    case ORGMAP_GENERIC_PARENT_NONE:
    default:
      return g_strdup ("none");
    }
}

/* The generic choices, as the base mapping has them; the list of unit
 * elements too when @units_too (never from its own change: a dropdown's model
 * is not replaced while it tells its selection changed). */
void
_orgmap_import_dialog_fill_generic_choices (OrgmapImportDialog *self,
                                            gboolean            units_too)
{
  const OrgmapGenericMapping *base = &self->base;
  g_auto(GStrv) units = orgmap_generic_mapping_list_units (base);
  g_auto(GStrv) fields = orgmap_generic_mapping_list_fields (base, base->unit);
  g_auto(OrgmapGenericMapping) nesting = { 0 };
  g_autofree char *parent = parent_value (base);
  Items items;

  if (units_too)
    {
      items_init (&items);
      for (guint i = 0; units[i] != NULL; i++)
        items_add (&items, g_strdup (units[i]), units[i]);
      if (!g_strv_contains ((const char * const *) units, base->unit))
        items_add (&items, g_strdup (base->unit), base->unit);
      set_items (self, ORGMAP_IMPORT_DIALOG_UNIT, &items, base->unit);
    }

  items_init (&items);
  if (base->name[0].name == NULL)
    items_add (&items, g_strdup (base->id.name != NULL ? _("None: named by their id")
                                                       : _("None: named by their kind and number")),
               NULL);
  for (guint i = 0; fields[i] != NULL; i++)
    items_add (&items, g_strdup (fields[i]), fields[i]);
  set_items (self, ORGMAP_IMPORT_DIALOG_NAME, &items, base->name[0].name);

  items_init (&items);
  /* Translators: the second part of a name, when there is none */
  items_add (&items, g_strdup (_("nothing more")), NULL);
  for (guint i = 0; fields[i] != NULL; i++)
    items_add (&items, g_strdup (fields[i]), fields[i]);
  set_items (self, ORGMAP_IMPORT_DIALOG_NAME_MORE, &items, base->name[1].name);

  items_init (&items);
  items_add (&items, g_strdup (_("None: told apart by their place in the file")), "none");
  for (guint i = 0; fields[i] != NULL; i++)
    items_add (&items, g_strdup (fields[i]), fields[i]);
  set_items (self, ORGMAP_IMPORT_DIALOG_ID, &items, base->id.name != NULL ? base->id.name : "none");

  items_init (&items);
  orgmap_generic_mapping_copy (&nesting, base);
  if (orgmap_generic_mapping_override (&nesting, NULL, NULL, NULL, "nesting", NULL))
    /* Translators: how a unit's parent is found: the element that holds it */
    items_add (&items, g_strdup (_("The one it sits inside in the file")), "nesting");
  if (base->parent_kind == ORGMAP_GENERIC_PARENT_RELATION)
    {
      g_autofree char *forward = relation_spec (base, FALSE);
      g_autofree char *reverse = relation_spec (base, TRUE);

      /* Translators: how a unit's parent is found; %s is an XML element */
      items_add (&items, g_strdup_printf (_("As the <%s> records say"), base->relation), forward);
      /* Translators: how a unit's parent is found; %s is an XML element */
      items_add (&items, g_strdup_printf (_("As the <%s> records say, read the other way round"), base->relation),
                 reverse);
    }
  for (guint i = 0; fields[i] != NULL; i++)
    /* Translators: how a unit's parent is found; %s is a field such as “ManagerID” */
    items_add (&items, g_strdup_printf (_("The one whose id is in “%s”"), fields[i]), fields[i]);
  items_add (&items, g_strdup (_("None: every unit at the top")), "none");
  set_items (self, ORGMAP_IMPORT_DIALOG_PARENT, &items, parent);

  items_init (&items);
  /* Translators: no department field */
  items_add (&items, g_strdup (_("None")), "none");
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_auto(OrgmapGenericMapping) copy = { 0 };

      orgmap_generic_mapping_copy (&copy, base);
      if (orgmap_generic_mapping_set_department (&copy, fields[i], NULL) && copy.n_departments > 0)
        /* Translators: a field and the number of different values it has, such as “Branch (4 departments)” */
        items_add (&items, g_strdup_printf (ngettext ("%s (%u department)", "%s (%u departments)",
                                                      copy.n_departments),
                                            fields[i], copy.n_departments),
                   fields[i]);
      else
        items_add (&items, g_strdup (fields[i]), fields[i]);
    }
  set_items (self, ORGMAP_IMPORT_DIALOG_DEPARTMENT, &items,
             base->department.name != NULL ? base->department.name : "none");
}

/* The person's choices applied to the base mapping */
gboolean
_orgmap_import_dialog_build_mapping (OrgmapImportDialog    *self,
                                     OrgmapGenericMapping  *out,
                                     GError               **error)
{
  const char *first = _orgmap_import_dialog_choice_value (self, ORGMAP_IMPORT_DIALOG_NAME);
  const char *more = _orgmap_import_dialog_choice_value (self, ORGMAP_IMPORT_DIALOG_NAME_MORE);
  const char *id = _orgmap_import_dialog_choice_value (self, ORGMAP_IMPORT_DIALOG_ID);
  const char *parent = _orgmap_import_dialog_choice_value (self, ORGMAP_IMPORT_DIALOG_PARENT);
  const char *department = _orgmap_import_dialog_choice_value (self, ORGMAP_IMPORT_DIALOG_DEPARTMENT);
  g_autofree char *name = NULL;

  if (first != NULL)
    name = more != NULL ? g_strdup_printf ("%s+%s", first, more) : g_strdup (first);

  orgmap_generic_mapping_copy (out, &self->base);
  if (!orgmap_generic_mapping_override (out, NULL, id, name, parent, error) ||
      !orgmap_generic_mapping_set_department (out, department != NULL ? department : "none", error))
    {
      orgmap_generic_mapping_clear (out);
      return FALSE;
    }
  return TRUE;
}

void
_orgmap_import_dialog_show_explanation (OrgmapImportDialog         *self,
                                        const OrgmapGenericMapping *mapping)
{
  g_auto(GStrv) lines = orgmap_generic_mapping_explain (mapping);
  g_autofree char *text = g_strjoinv ("\n", lines);
  g_autofree char *count = g_strdup_printf (ngettext ("%u in the file", "%u in the file", mapping->n_units),
                                            mapping->n_units);

  gtk_label_set_text (self->explain_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->explain_label), TRUE);
  gtk_label_set_text (self->unit_count, count);
  gtk_widget_set_visible (self->people_box, mapping->department.name != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (get_choice (self, ORGMAP_IMPORT_DIALOG_NAME_MORE)->dropdown),
                            mapping->name[0].name != NULL);
}

/* A new unit element: its own best mapping, and the choices it offers */
static void
choose_unit (OrgmapImportDialog *self)
{
  const char *unit = _orgmap_import_dialog_choice_value (self, ORGMAP_IMPORT_DIALOG_UNIT);
  g_auto(OrgmapGenericMapping) base = { 0 };

  orgmap_generic_mapping_copy (&base, &self->detected);
  if (g_strcmp0 (unit, self->detected.unit) != 0 &&
      !orgmap_generic_mapping_override (&base, unit, NULL, NULL, NULL, NULL))
    return;
  orgmap_generic_mapping_clear (&self->base);
  self->base = base;
  memset (&base, 0, sizeof base);
  _orgmap_import_dialog_fill_generic_choices (self, FALSE);
}

static void
on_choice_changed (GtkDropDown        *dropdown,
                   GParamSpec         *pspec,
                   OrgmapImportDialog *self)
{
  if (self->updating > 0)
    return;
  for (guint i = 0; i < N_CHOICES; i++)
    if (self->choices[i].dropdown == dropdown)
      {
        if (i == ORGMAP_IMPORT_DIALOG_UNIT)
          choose_unit (self);
        _orgmap_import_dialog_refresh (self, i);
        return;
      }
}

static void
on_people_toggled (GtkCheckButton     *button,
                   OrgmapImportDialog *self)
{
  if (self->updating == 0 && gtk_check_button_get_active (button))
    _orgmap_import_dialog_refresh (self, ORGMAP_IMPORT_DIALOG_DEPARTMENT);
}

/* ------------------------------------------------------------------------ */
/* Importing */

static void
on_import_clicked (OrgmapImportDialog *self)
{
  g_autoptr(OrgmapDocument) document = NULL;

  /* The preview is the import of the choices shown: it is handed over. */
  if (self->document == NULL || self->previewing != NULL)
    return;
  document = g_steal_pointer (&self->document);
  gtk_widget_set_sensitive (self->import_button, FALSE);
  g_signal_emit (self, signals[IMPORTED], 0, document);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* A dropdown's list is open: its keys are its own. */
static gboolean
list_open (OrgmapImportDialog *self)
{
  for (guint i = 0; i < N_CHOICES; i++)
    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->choices[i].dropdown));
         child != NULL; child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_POPOVER (child) && gtk_widget_get_visible (child))
        return TRUE;
  return FALSE;
}

/* Enter imports from anywhere but Cancel and an open list; Space still
 * opens a dropdown. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                OrgmapImportDialog    *self)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));

  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return FALSE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;
  if (focus != NULL && (focus == self->cancel_button || gtk_widget_is_ancestor (focus, self->cancel_button)))
    return FALSE;
  if (list_open (self))
    return FALSE;
  on_import_clicked (self);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Building the form */

static void
setup_note (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_widget_set_margin_top (label, 2);
  gtk_widget_set_margin_bottom (label, 2);
  gtk_list_item_set_child (item, label);
}

static void
bind_note (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  data)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

static GtkWidget *
add_label (GtkGrid    *grid,
           const char *text,
           int         row)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  return label;
}

/* GTK 4.8's dropdowns ignore their mnemonic: take the keyboard to it. */
static gboolean
on_dropdown_mnemonic (GtkWidget *dropdown,
                      gboolean   group_cycling,
                      gpointer   data)
{
  return gtk_widget_grab_focus (dropdown);
}

static GtkDropDown *
new_dropdown (OrgmapImportDialog *self,
              GtkWidget          *label)
{
  GtkWidget *dropdown = gtk_drop_down_new (NULL, NULL);

  gtk_label_set_mnemonic_widget (GTK_LABEL (label), dropdown);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (dropdown),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_choice_changed), self);
  g_signal_connect (dropdown, "mnemonic-activate", G_CALLBACK (on_dropdown_mnemonic), NULL);
  return GTK_DROP_DOWN (dropdown);
}

static GtkLabel *
add_error (GtkGrid *grid,
           int      row)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_visible (label, FALSE);
  gtk_grid_attach (grid, label, 1, row, 1, 1);
  return GTK_LABEL (label);
}

/* A row of the grid for each choice, and its error label under it */
static void
build_choices (OrgmapImportDialog *self)
{
  static const char *labels[N_CHOICES] = {
    [ORGMAP_IMPORT_DIALOG_PAGE] = N_("_Page"),
    /* Translators: followed by a dropdown of XML element names, such as “Node” */
    [ORGMAP_IMPORT_DIALOG_UNIT] = N_("_Each unit is a"),
    [ORGMAP_IMPORT_DIALOG_NAME] = N_("Its _name"),
    /* Translators: between the two parts of a name, such as FirstName and LastName */
    [ORGMAP_IMPORT_DIALOG_NAME_MORE] = N_("_and"),
    [ORGMAP_IMPORT_DIALOG_ID] = N_("Its i_d"),
    [ORGMAP_IMPORT_DIALOG_PARENT] = N_("Its pa_rent"),
    [ORGMAP_IMPORT_DIALOG_DEPARTMENT] = N_("Its de_partment"),
  };
  GtkGrid *grid = self->choices_grid;
  int row = 0;

  for (guint i = 0; i < N_CHOICES; i++)
    {
      Choice *c = &self->choices[i];

      if (i == ORGMAP_IMPORT_DIALOG_NAME_MORE)
        {
          Choice *name = &self->choices[ORGMAP_IMPORT_DIALOG_NAME];

          /* In the name's row, after its first part */
          c->label = gtk_label_new_with_mnemonic (_(labels[i]));
          c->dropdown = new_dropdown (self, c->label);
          c->box = name->box;
          c->error = name->error;
          gtk_box_append (GTK_BOX (c->box), c->label);
          gtk_box_append (GTK_BOX (c->box), GTK_WIDGET (c->dropdown));
          continue;
        }

      c->label = add_label (grid, _(labels[i]), row);
      c->dropdown = new_dropdown (self, c->label);
      c->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_box_append (GTK_BOX (c->box), GTK_WIDGET (c->dropdown));
      gtk_grid_attach (grid, c->box, 1, row, 1, 1);
      c->error = add_error (grid, row + 1);
      gtk_widget_set_visible (c->label, FALSE);
      gtk_widget_set_visible (c->box, FALSE);
      row += 2;

      if (i == ORGMAP_IMPORT_DIALOG_UNIT)
        {
          self->unit_count = GTK_LABEL (gtk_label_new (NULL));
          gtk_widget_add_css_class (GTK_WIDGET (self->unit_count), "dim-label");
          gtk_box_append (GTK_BOX (c->box), GTK_WIDGET (self->unit_count));
        }
    }

  /* Records of people: the people, or their departments */
  self->people_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  self->departments_button = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("_One unit per department")));
  self->people_button = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("Each per_son is a unit")));
  gtk_check_button_set_group (self->people_button, self->departments_button);
  gtk_check_button_set_active (self->departments_button, TRUE);
  g_signal_connect (self->departments_button, "toggled", G_CALLBACK (on_people_toggled), self);
  g_signal_connect (self->people_button, "toggled", G_CALLBACK (on_people_toggled), self);
  gtk_box_append (GTK_BOX (self->people_box), GTK_WIDGET (self->departments_button));
  gtk_box_append (GTK_BOX (self->people_box), GTK_WIDGET (self->people_button));
  gtk_widget_set_visible (self->people_box, FALSE);
  gtk_grid_attach (grid, self->people_box, 1, row, 1, 1);
}

/* ------------------------------------------------------------------------ */
/* Lifecycle */

static void
orgmap_import_dialog_dispose (GObject *object)
{
  OrgmapImportDialog *self = ORGMAP_IMPORT_DIALOG (object);

  /* Threads still running drop their results. */
  if (self->detecting != NULL)
    g_cancellable_cancel (self->detecting);
  if (self->previewing != NULL)
    g_cancellable_cancel (self->previewing);
  g_clear_object (&self->detecting);
  g_clear_object (&self->previewing);

  if (self->notes_view != NULL)
    gtk_list_view_set_model (self->notes_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ORGMAP_TYPE_IMPORT_DIALOG);

  for (guint i = 0; i < N_CHOICES; i++)
    g_clear_pointer (&self->choices[i].values, g_ptr_array_unref);
  g_clear_object (&self->notes);
  g_clear_object (&self->document);
  orgmap_generic_mapping_clear (&self->detected);
  orgmap_generic_mapping_clear (&self->base);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (orgmap_import_dialog_parent_class)->dispose (object);
}

static void
orgmap_import_dialog_class_init (OrgmapImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = orgmap_import_dialog_dispose;

  /**
   * OrgmapImportDialog::imported:
   * @document: the imported document
   *
   * The person pressed Import and the file was imported; the dialog
   * closes right after.
   */
  signals[IMPORTED] = g_signal_new ("imported",
                                    G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 1, ORGMAP_TYPE_DOCUMENT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/orgmap/Orgmap/orgmap-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, OrgmapImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, OrgmapImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, OrgmapImportDialog, reading_spinner);
  gtk_widget_class_bind_template_child (widget_class, OrgmapImportDialog, kind_label);
  gtk_widget_class_bind_template_child (widget_class, OrgmapImportDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, OrgmapImportDialog, formats_label);
  gtk_widget_class_bind_template_child (widget_class, OrgmapImportDialog, body_box);
  gtk_widget_class_bind_template_child (widget_class, OrgmapImportDialog, choices_box);
  gtk_widget_class_bind_template_child (widget_class, OrgmapImportDialog, choices_grid);
  gtk_widget_class_bind_template_child (widget_class, OrgmapImportDialog, explain_label);
  gtk_widget_class_bind_template_child (widget_class, OrgmapImportDialog, results_box);
  gtk_widget_class_bind_template_child (widget_class, OrgmapImportDialog, preview_spinner);
  gtk_widget_class_bind_template_child (widget_class, OrgmapImportDialog, preview_count);
  gtk_widget_class_bind_template_child (widget_class, OrgmapImportDialog, preview_list);
  gtk_widget_class_bind_template_child (widget_class, OrgmapImportDialog, preview_placeholder);
  gtk_widget_class_bind_template_child (widget_class, OrgmapImportDialog, report_label);
  gtk_widget_class_bind_template_child (widget_class, OrgmapImportDialog, notes_box);
  gtk_widget_class_bind_template_child (widget_class, OrgmapImportDialog, notes_heading);
  gtk_widget_class_bind_template_child (widget_class, OrgmapImportDialog, notes_view);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
orgmap_import_dialog_init (OrgmapImportDialog *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys;
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));
  build_choices (self);

  self->notes = gtk_string_list_new (NULL);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_note), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_note), NULL);
  gtk_list_view_set_factory (self->notes_view, factory);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->notes)));
  gtk_list_view_set_model (self->notes_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

OrgmapImportDialog *
orgmap_import_dialog_new (GtkWindow *parent,
                          GFile     *file)
{
  OrgmapImportDialog *self;
  g_autofree char *reading = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (ORGMAP_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->path = g_file_get_path (file);
  if (self->path != NULL)
    self->name = g_filename_display_basename (self->path);
  else
    self->name = g_file_get_parse_name (file);
  /* Translators: the dialog's title; %s is a file name */
  title = g_strdup_printf (_("Import “%s”"), self->name);
  gtk_window_set_title (GTK_WINDOW (self), title);

  if (self->path == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a local file: copy it to this computer first"),
                                                  self->name);

      _orgmap_import_dialog_show_failure (self, message, NULL);
      return self;
    }

  /* Translators: %s is a file name */
  reading = g_strdup_printf (_("Reading “%s”…"), self->name);
  gtk_label_set_text (self->kind_label, reading);
  gtk_spinner_set_spinning (self->reading_spinner, TRUE);

  _orgmap_import_dialog_detect (self);

  return self;
}

/* ------------------------------------------------------------------------ */
/* The parts */

OrgmapImportKind
orgmap_import_dialog_get_kind (OrgmapImportDialog *self)
{
  g_return_val_if_fail (ORGMAP_IS_IMPORT_DIALOG (self), ORGMAP_IMPORT_NATIVE);

  return self->kind;
}

gboolean
orgmap_import_dialog_get_busy (OrgmapImportDialog *self)
{
  g_return_val_if_fail (ORGMAP_IS_IMPORT_DIALOG (self), FALSE);

  return self->detecting != NULL || self->previewing != NULL;
}

GtkDropDown *
orgmap_import_dialog_get_dropdown (OrgmapImportDialog       *self,
                                   OrgmapImportDialogChoice  choice)
{
  g_return_val_if_fail (ORGMAP_IS_IMPORT_DIALOG (self), NULL);
  g_return_val_if_fail ((guint) choice < N_CHOICES, NULL);

  return get_choice (self, choice)->dropdown;
}

const char *
orgmap_import_dialog_get_value (OrgmapImportDialog       *self,
                                OrgmapImportDialogChoice  choice)
{
  g_return_val_if_fail (ORGMAP_IS_IMPORT_DIALOG (self), NULL);
  g_return_val_if_fail ((guint) choice < N_CHOICES, NULL);

  if (!gtk_widget_get_visible (get_choice (self, choice)->box))
    return NULL;
  return _orgmap_import_dialog_choice_value (self, choice);
}

GtkLabel *
orgmap_import_dialog_get_error (OrgmapImportDialog       *self,
                                OrgmapImportDialogChoice  choice)
{
  g_return_val_if_fail (ORGMAP_IS_IMPORT_DIALOG (self), NULL);
  g_return_val_if_fail ((guint) choice < N_CHOICES, NULL);

  return get_choice (self, choice)->error;
}

GtkLabel *
orgmap_import_dialog_get_message (OrgmapImportDialog *self)
{
  g_return_val_if_fail (ORGMAP_IS_IMPORT_DIALOG (self), NULL);

  return self->message_label;
}

GtkCheckButton *
orgmap_import_dialog_get_people_button (OrgmapImportDialog *self,
                                        OrgmapImportPeople  people)
{
  g_return_val_if_fail (ORGMAP_IS_IMPORT_DIALOG (self), NULL);
  g_return_val_if_fail (people == ORGMAP_IMPORT_PEOPLE_AS_UNITS || people == ORGMAP_IMPORT_PEOPLE_AS_DEPARTMENTS,
                        NULL);

  return people == ORGMAP_IMPORT_PEOPLE_AS_UNITS ? self->people_button : self->departments_button;
}

GtkLabel *
orgmap_import_dialog_get_explanation (OrgmapImportDialog *self)
{
  g_return_val_if_fail (ORGMAP_IS_IMPORT_DIALOG (self), NULL);

  return self->explain_label;
}

GtkListBox *
orgmap_import_dialog_get_preview (OrgmapImportDialog *self)
{
  g_return_val_if_fail (ORGMAP_IS_IMPORT_DIALOG (self), NULL);

  return self->preview_list;
}

GtkLabel *
orgmap_import_dialog_get_report (OrgmapImportDialog *self)
{
  g_return_val_if_fail (ORGMAP_IS_IMPORT_DIALOG (self), NULL);

  return self->report_label;
}

GListModel *
orgmap_import_dialog_get_notes (OrgmapImportDialog *self)
{
  g_return_val_if_fail (ORGMAP_IS_IMPORT_DIALOG (self), NULL);

  return G_LIST_MODEL (self->notes);
}

GtkWidget *
orgmap_import_dialog_get_import_button (OrgmapImportDialog *self)
{
  g_return_val_if_fail (ORGMAP_IS_IMPORT_DIALOG (self), NULL);

  return self->import_button;
}

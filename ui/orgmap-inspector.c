/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-ui"

#include "config.h"

#include "orgmap-inspector.h"

#include <glib/gi18n.h>

#include "orgmap-inspector-private.h"

G_DEFINE_FINAL_TYPE (OrgmapInspector, orgmap_inspector, GTK_TYPE_WIDGET)

static void
on_type_selected (OrgmapInspector *self)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->type_dropdown));
  OrgmapLinkType type = selected == 0 ? ORGMAP_LINK_AUTOMATIC : (OrgmapLinkType) (selected - 1);
  const OrgmapLink *link;

  if (self->updating > 0 || self->history == NULL || self->kind != KIND_LINK ||
      !_orgmap_inspector_item_valid (self) || selected == GTK_INVALID_LIST_POSITION)
    return;

  link = orgmap_document_get_link (self->document, self->item);
  self->committing++;
  /* The service is unchanged, so no duplicate can be refused. */
  orgmap_history_set_link_details (self->history, self->item, link->service, link->notes, type, NULL);
  self->committing--;
  _orgmap_inspector_refresh (self);
}

static void
on_clear_clicked (OrgmapInspector *self)
{
  if (self->history == NULL || _orgmap_inspector_current_rating (self) == NULL)
    return;
  self->committing++;
  orgmap_history_clear_rating (self->history, self->item, self->round);
  self->committing--;
  _orgmap_inspector_refresh (self);
}

/* Building */

static GtkWidget *
new_grid (void)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  return grid;
}

/* A one-line field; returns its entry. */
static GtkWidget *
add_entry (OrgmapInspector *self,
           GtkGrid         *grid,
           int             *row,
           guint            id,
           const char      *label)
{
  Field *f = &self->fields[id];

  _orgmap_inspector_setup_field (self, f, id, grid, row, label, TRUE,
                                 _orgmap_inspector_new_entry (), NULL);
  return f->widget;
}

static void
add_notes (OrgmapInspector *self,
           GtkGrid         *grid,
           int             *row,
           guint            id,
           const char      *label)
{
  GtkWidget *holder = NULL;
  GtkWidget *view = _orgmap_inspector_new_text_view (&holder);

  _orgmap_inspector_setup_field (self, &self->fields[id], id, grid, row, label, TRUE, view, holder);
}

static void
add_read_only (GtkGrid    *grid,
               int        *row,
               const char *label,
               GtkWidget **value)
{
  GtkWidget *name = gtk_label_new (label);

  gtk_label_set_xalign (GTK_LABEL (name), 1);
  gtk_widget_set_valign (name, GTK_ALIGN_START);
  *value = _orgmap_inspector_new_caption (NULL);
  gtk_label_set_selectable (GTK_LABEL (*value), TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (*value),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, name, NULL,
                                  -1);
  gtk_grid_attach (grid, name, 0, *row, 1, 1);
  gtk_grid_attach (grid, *value, 1, *row, 1, 1);
  (*row)++;
}

static void
build_unit_page (OrgmapInspector *self)
{
  GtkGrid *grid = GTK_GRID (self->unit_grid = new_grid ());
  GtkWidget *entry;
  int row = 0;

  add_entry (self, grid, &row, FIELD_UNIT_NAME, _("_Name"));
  add_entry (self, grid, &row, FIELD_UNIT_HEAD, _("H_ead"));
  entry = add_entry (self, grid, &row, FIELD_UNIT_HEADCOUNT, _("Head_count"));
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Unknown"));
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_DIGITS);
  /* Level and area: empty for automatic, which the placeholder shows. */
  entry = add_entry (self, grid, &row, FIELD_UNIT_LEVEL, _("_Level"));
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_DIGITS);
  gtk_widget_set_tooltip_text (entry, _("Leave empty to take the level from the org chart"));
  entry = add_entry (self, grid, &row, FIELD_UNIT_AREA, _("_Area"));
  gtk_widget_set_tooltip_text (entry, _("Leave empty to take the area from the org chart"));
  add_notes (self, grid, &row, FIELD_UNIT_NOTES, _("N_otes"));
}

static void
build_external_page (OrgmapInspector *self)
{
  GtkGrid *grid = GTK_GRID (self->external_grid = new_grid ());
  int row = 0;

  add_entry (self, grid, &row, FIELD_EXTERNAL_NAME, _("_Name"));
  add_notes (self, grid, &row, FIELD_EXTERNAL_NOTES, _("N_otes"));
}

static void
add_rating_row (OrgmapInspector *self,
                guint            id)
{
  g_ptr_array_add (self->rating_widgets, self->fields[id].label);
  g_ptr_array_add (self->rating_widgets, self->fields[id].holder);
}

static GtkWidget *
new_type_dropdown (OrgmapInspector *self)
{
  GtkWidget *dropdown;

  /* The first choice names the computed type; refreshing fills it in. */
  self->type_list = gtk_string_list_new (NULL);
  gtk_string_list_append (self->type_list, "");
  for (OrgmapLinkType type = 0; type < ORGMAP_N_LINK_TYPES; type++)
    gtk_string_list_append (self->type_list, orgmap_link_type_label (type));
  dropdown = gtk_drop_down_new (g_object_ref (G_LIST_MODEL (self->type_list)), NULL);
  gtk_widget_set_hexpand (dropdown, TRUE);
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (on_type_selected), self,
                           G_CONNECT_SWAPPED);
  return dropdown;
}

static GtkWidget *
new_score (OrgmapInspector *self)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (ORGMAP_DEFAULT_SCALE_MIN, ORGMAP_DEFAULT_SCALE_MAX, 0.1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 2);
  /* Typed freely, so that a comma works in every language and anything
   * else gets a message rather than vanishing. */
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), FALSE);
  gtk_widget_set_hexpand (spin, TRUE);
  self->clear_button = gtk_button_new_with_mnemonic (_("C_lear"));
  gtk_widget_set_tooltip_text (self->clear_button, _("Remove the rating of this link in this round"));
  g_signal_connect_object (self->clear_button, "clicked", G_CALLBACK (on_clear_clicked), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), spin);
  gtk_box_append (GTK_BOX (box), self->clear_button);
  return box;
}

static void
build_link_page (OrgmapInspector *self)
{
  GtkGrid *grid = GTK_GRID (self->link_grid = new_grid ());
  GtkWidget *label, *box, *entry;
  int row = 0;

  add_read_only (grid, &row, _("Provider"), &self->provider_label);
  add_read_only (grid, &row, _("Client"), &self->client_label);
  add_entry (self, grid, &row, FIELD_LINK_SERVICE, _("_Service"));

  label = gtk_label_new_with_mnemonic (_("_Type"));
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  self->type_dropdown = new_type_dropdown (self);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), self->type_dropdown);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, self->type_dropdown, 1, row++, 1, 1);

  add_notes (self, grid, &row, FIELD_LINK_NOTES, _("N_otes"));

  /* The rating in the view's round */
  self->rating_heading = gtk_label_new (_("Rating"));
  gtk_label_set_xalign (GTK_LABEL (self->rating_heading), 0);
  gtk_widget_add_css_class (self->rating_heading, "heading");
  gtk_widget_set_margin_top (self->rating_heading, 12);
  gtk_grid_attach (grid, self->rating_heading, 0, row++, 2, 1);

  self->no_round_label = _orgmap_inspector_new_caption (_("Add a round to rate links"));
  gtk_widget_add_css_class (self->no_round_label, "dim-label");
  gtk_grid_attach (grid, self->no_round_label, 0, row++, 2, 1);

  self->round_label = _orgmap_inspector_new_caption (NULL);
  gtk_widget_add_css_class (self->round_label, "dim-label");
  gtk_grid_attach (grid, self->round_label, 0, row++, 2, 1);
  g_ptr_array_add (self->rating_widgets, self->round_label);

  box = new_score (self);
  _orgmap_inspector_setup_field (self, &self->fields[FIELD_SCORE], FIELD_SCORE, grid, &row,
                                 _("Sc_ore"), TRUE, gtk_widget_get_first_child (box), box);
  add_rating_row (self, FIELD_SCORE);

  self->unrated_label = _orgmap_inspector_new_caption (_("Not rated in this round: type a score to rate it"));
  gtk_widget_add_css_class (self->unrated_label, "dim-label");
  gtk_grid_attach (grid, self->unrated_label, 1, row++, 1, 1);

  entry = add_entry (self, grid, &row, FIELD_RESPONDENTS, _("_Respondents"));
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Unknown"));
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_DIGITS);
  add_rating_row (self, FIELD_RESPONDENTS);
  add_entry (self, grid, &row, FIELD_COMMENT, _("Co_mment"));
  add_rating_row (self, FIELD_COMMENT);

  /* The dimensions follow, as many as the document has. */
  self->dimensions_row = row;
}

/* One row per dimension of the document, after the rating's fields. */
static void
free_field (gpointer data)
{
  Field *f = data;

  g_free (f->shown);
  g_free (f);
}

static void
sync_dimensions (OrgmapInspector *self)
{
  guint n = self->document != NULL ? orgmap_document_get_n_dimensions (self->document) : 0;
  GtkGrid *grid = GTK_GRID (self->link_grid);

  if (self->dimensions->len != n)
    {
      /* Fields that go commit nothing as they lose the keyboard. */
      self->updating++;
      for (guint i = 0; i < self->dimensions->len; i++)
        {
          Field *f = _orgmap_inspector_dimension_field (self, i);

          gtk_grid_remove (grid, f->label);
          gtk_grid_remove (grid, f->holder);
          gtk_grid_remove (grid, f->error);
        }
      g_ptr_array_set_size (self->dimensions, 0);
      self->updating--;

      for (guint i = 0; i < n; i++)
        {
          Field *f = g_new0 (Field, 1);
          int row = self->dimensions_row + 2 * (int) i;

          _orgmap_inspector_setup_field (self, f, FIELD_DIMENSION + i, grid, &row, "", FALSE,
                                         _orgmap_inspector_new_entry (), NULL);
          gtk_entry_set_placeholder_text (GTK_ENTRY (f->widget), _("Not scored"));
          g_ptr_array_add (self->dimensions, f);
        }
    }

  for (guint i = 0; i < n; i++)
    {
      Field *f = _orgmap_inspector_dimension_field (self, i);

      gtk_label_set_text (GTK_LABEL (f->label),
                          orgmap_dimension_label (orgmap_document_get_dimension (self->document, i)));
    }
}

/* Refreshing */

/* What the view state selects, and where a link is rated. */
static void
resolve (OrgmapInspector *self,
         Kind            *kind,
         guint32         *item,
         guint32         *round)
{
  guint32 link, party, r;
  guint n_rounds;

  *kind = KIND_NONE;
  *item = ORGMAP_NONE;
  *round = ORGMAP_NONE;
  if (self->document == NULL || self->view == NULL)
    return;

  link = orgmap_view_state_get_selected_link (self->view);
  party = orgmap_view_state_get_selection (self->view);
  if (link != ORGMAP_NONE && link < orgmap_document_get_n_links (self->document))
    {
      *kind = KIND_LINK;
      *item = link;
    }
  else if (ORGMAP_IS_EXTERNAL (party) &&
           ORGMAP_EXTERNAL_INDEX (party) < orgmap_document_get_n_externals (self->document))
    {
      *kind = KIND_EXTERNAL;
      *item = ORGMAP_EXTERNAL_INDEX (party);
    }
  else if (party != ORGMAP_NONE && !ORGMAP_IS_EXTERNAL (party) &&
           party < orgmap_document_get_n_units (self->document))
    {
      *kind = KIND_UNIT;
      *item = party;
    }

  /* No round chosen: the latest one. */
  n_rounds = orgmap_document_get_n_rounds (self->document);
  r = orgmap_view_state_get_round (self->view);
  if (n_rounds > 0)
    *round = r != ORGMAP_NONE && r < n_rounds ? r : n_rounds - 1;
}

static void
set_label_text (GtkWidget  *label,
                const char *text)
{
  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) != 0)
    gtk_label_set_text (GTK_LABEL (label), text);
}

/* The area a unit has when none is given: its top-level branch's. */
static const char *
automatic_area (OrgmapDocument *document,
                guint32         unit)
{
  guint32 parent = orgmap_document_get_unit (document, unit)->parent;

  if (parent == ORGMAP_NONE || orgmap_document_get_unit (document, parent)->parent == ORGMAP_NONE)
    return orgmap_document_get_unit (document, unit)->name;
  return orgmap_document_get_unit_area (document, parent);
}

static void
refresh_unit (OrgmapInspector *self)
{
  const OrgmapUnit *unit = orgmap_document_get_unit (self->document, self->item);
  g_autofree char *level = NULL;
  g_autofree char *area = NULL;

  set_label_text (self->kind_label, _("Unit"));
  set_label_text (self->title_label, unit->name);

  /* Translators: shown in an empty level field; %d is the level computed from the org chart */
  level = g_strdup_printf (_("Automatic: %d"),
                           orgmap_document_get_unit_depth (self->document, self->item) + 1);
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->fields[FIELD_UNIT_LEVEL].widget), level);
  /* Translators: shown in an empty area field; %s is the area taken from the org chart */
  area = g_strdup_printf (_("Automatic: %s"), automatic_area (self->document, self->item));
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->fields[FIELD_UNIT_AREA].widget), area);
}

static void
refresh_link (OrgmapInspector *self)
{
  const OrgmapLink *link = orgmap_document_get_link (self->document, self->item);
  const char *provider = orgmap_document_get_party_name (self->document, link->provider);
  const char *client = orgmap_document_get_party_name (self->document, link->client);
  g_autofree char *title = g_strdup_printf ("%s → %s", provider, client);
  g_autofree char *automatic = NULL;
  GtkSpinButton *spin = GTK_SPIN_BUTTON (self->fields[FIELD_SCORE].widget);
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);
  OrgmapLinkType computed = orgmap_document_get_link_computed_type (self->document, self->item);
  double min = orgmap_document_get_scale_min (self->document);
  double max = orgmap_document_get_scale_max (self->document);
  gboolean has_round = self->round != ORGMAP_NONE;

  set_label_text (self->kind_label, _("Link"));
  set_label_text (self->title_label, title);
  set_label_text (self->provider_label, provider);
  set_label_text (self->client_label, client);

  self->updating++;
  /* Translators: the first choice of a link's type; %s is the type that
   * the classification rule gives, such as “Vertical” */
  automatic = g_strdup_printf (_("Automatic (%s)"), orgmap_link_type_label (computed));
  if (g_strcmp0 (gtk_string_list_get_string (self->type_list, 0), automatic) != 0)
    {
      const char *items[] = { automatic, NULL };

      gtk_string_list_splice (self->type_list, 0, 1, items);
    }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->type_dropdown),
                              link->type_override == ORGMAP_LINK_AUTOMATIC ? 0 : link->type_override + 1u);

  if (gtk_adjustment_get_lower (adjustment) != min || gtk_adjustment_get_upper (adjustment) != max ||
      gtk_widget_get_tooltip_text (GTK_WIDGET (spin)) == NULL)
    {
      /* Translators: the tooltip of a link's score; the ends of the scale, such as 1 and 5 */
      g_autofree char *tip = g_strdup_printf (_("A score from %g to %g; empty when not rated"), min, max);

      gtk_spin_button_set_range (spin, min, max);
      gtk_widget_set_tooltip_text (GTK_WIDGET (spin), tip);
    }
  self->updating--;

  gtk_widget_set_visible (self->no_round_label, !has_round);
  for (guint i = 0; i < self->rating_widgets->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (self->rating_widgets, i), has_round);
  gtk_widget_set_visible (self->unrated_label, has_round && !self->rated);
  for (guint i = 0; i < self->dimensions->len; i++)
    {
      Field *f = _orgmap_inspector_dimension_field (self, i);

      gtk_widget_set_visible (f->label, has_round);
      gtk_widget_set_visible (f->holder, has_round);
      gtk_widget_set_sensitive (f->widget, self->rated);
    }
  if (!has_round)
    {
      for (guint id = FIELD_SCORE; id <= FIELD_COMMENT; id++)
        _orgmap_inspector_field_clear_error (&self->fields[id]);
      for (guint i = 0; i < self->dimensions->len; i++)
        _orgmap_inspector_field_clear_error (_orgmap_inspector_dimension_field (self, i));
      return;
    }

  set_label_text (self->round_label, orgmap_document_get_round (self->document, self->round)->name);
  gtk_widget_set_sensitive (self->clear_button, self->rated);
  gtk_widget_set_sensitive (self->fields[FIELD_RESPONDENTS].widget, self->rated);
  gtk_widget_set_sensitive (self->fields[FIELD_COMMENT].widget, self->rated);
}

void
_orgmap_inspector_refresh (OrgmapInspector *self)
{
  g_autoptr(GPtrArray) fields = NULL;
  const OrgmapRating *rating;
  gboolean new_item, new_round;
  guint32 item, round;
  Kind kind;

  resolve (self, &kind, &item, &round);
  new_item = kind != self->kind || item != self->item;
  new_round = new_item || round != self->round;
  self->kind = kind;
  self->item = item;
  self->round = round;
  rating = _orgmap_inspector_current_rating (self);
  self->rated = rating != NULL;
  self->score = rating != NULL ? rating->score : 0;

  gtk_widget_set_visible (self->hint_label, kind == KIND_NONE);
  gtk_widget_set_visible (self->kind_label, kind != KIND_NONE);
  gtk_widget_set_visible (self->title_label, kind != KIND_NONE);
  gtk_widget_set_visible (self->unit_grid, kind == KIND_UNIT);
  gtk_widget_set_visible (self->external_grid, kind == KIND_EXTERNAL);
  gtk_widget_set_visible (self->link_grid, kind == KIND_LINK);

  switch (kind)
    {
    case KIND_UNIT:
      refresh_unit (self);
      break;
    case KIND_EXTERNAL:
      set_label_text (self->kind_label, _("External client"));
      set_label_text (self->title_label, orgmap_document_get_external (self->document, item)->name);
      break;
    case KIND_LINK:
      sync_dimensions (self);
      refresh_link (self);
      break;
    case KIND_NONE:
    default:
      return;
    }

  fields = _orgmap_inspector_fields_in_use (self);
  for (guint i = 0; i < fields->len; i++)
    {
      Field *f = g_ptr_array_index (fields, i);
      g_autofree char *value = _orgmap_inspector_model_text (self, f->id);
      gboolean rating_field = f->id >= FIELD_SCORE;

      _orgmap_inspector_field_show (f, value, new_item || (rating_field && new_round));
    }
}

static void
on_document_changed (OrgmapInspector *self,
                     guint            kind,
                     guint            handle)
{
  if (self->committing > 0 || kind == ORGMAP_CHANGE_POSITION)
    return;
  _orgmap_inspector_refresh (self);
}

static void
on_view_changed (OrgmapInspector *self)
{
  Kind kind;
  guint32 item, round;

  resolve (self, &kind, &item, &round);
  if (kind != self->kind || item != self->item || round != self->round)
    _orgmap_inspector_commit_pending (self);
  _orgmap_inspector_refresh (self);
}

/* Public */

void
orgmap_inspector_set_history (OrgmapInspector *self,
                              OrgmapHistory   *history)
{
  g_return_if_fail (ORGMAP_IS_INSPECTOR (self));
  g_return_if_fail (history == NULL || ORGMAP_IS_HISTORY (history));

  if (self->history == history)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->history, history);
  g_clear_object (&self->document);
  if (history != NULL)
    self->document = g_object_ref (orgmap_history_get_document (history));
  if (self->document != NULL)
    g_signal_connect_object (self->document, "changed", G_CALLBACK (on_document_changed), self,
                             G_CONNECT_SWAPPED);

  /* Another document: every field shows it afresh. */
  self->kind = KIND_NONE;
  self->item = ORGMAP_NONE;
  _orgmap_inspector_refresh (self);
}

void
orgmap_inspector_set_view_state (OrgmapInspector *self,
                                 OrgmapViewState *view)
{
  g_return_if_fail (ORGMAP_IS_INSPECTOR (self));
  g_return_if_fail (view == NULL || ORGMAP_IS_VIEW_STATE (view));

  if (self->view == view)
    return;

  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  g_set_object (&self->view, view);
  if (view != NULL)
    {
      g_signal_connect_object (view, "notify::selection", G_CALLBACK (on_view_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (view, "notify::selected-link", G_CALLBACK (on_view_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (view, "notify::round", G_CALLBACK (on_view_changed), self,
                               G_CONNECT_SWAPPED);
    }
  _orgmap_inspector_refresh (self);
}

void
orgmap_inspector_focus_name (OrgmapInspector *self)
{
  g_return_if_fail (ORGMAP_IS_INSPECTOR (self));

  switch (self->kind)
    {
    case KIND_UNIT:
      gtk_widget_grab_focus (self->fields[FIELD_UNIT_NAME].widget);
      break;
    case KIND_EXTERNAL:
      gtk_widget_grab_focus (self->fields[FIELD_EXTERNAL_NAME].widget);
      break;
    case KIND_LINK:
      gtk_widget_grab_focus (self->fields[FIELD_LINK_SERVICE].widget);
      break;
    case KIND_NONE:
    default:
      break;
    }
}

GtkWidget *
orgmap_inspector_new (void)
{
  return g_object_new (ORGMAP_TYPE_INSPECTOR, NULL);
}

/* Lifecycle */

static void
orgmap_inspector_dispose (GObject *object)
{
  OrgmapInspector *self = ORGMAP_INSPECTOR (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  /* Fields losing the keyboard as they go commit nothing. */
  g_clear_object (&self->history);
  g_clear_object (&self->document);
  g_clear_object (&self->view);

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_object (&self->type_list);
  g_clear_pointer (&self->rating_widgets, g_ptr_array_unref);
  g_clear_pointer (&self->dimensions, g_ptr_array_unref);
  for (guint i = 0; i < N_FIELDS; i++)
    g_clear_pointer (&self->fields[i].shown, g_free);

  G_OBJECT_CLASS (orgmap_inspector_parent_class)->dispose (object);
}

static void
orgmap_inspector_class_init (OrgmapInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = orgmap_inspector_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "orgmap-inspector");
}

static void
orgmap_inspector_init (OrgmapInspector *self)
{
  GtkWidget *box, *heading;

  self->kind = KIND_NONE;
  self->item = ORGMAP_NONE;
  self->round = ORGMAP_NONE;
  self->rating_widgets = g_ptr_array_new ();
  self->dimensions = g_ptr_array_new_with_free_func (free_field);

  gtk_widget_set_size_request (GTK_WIDGET (self), 300, -1);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);

  heading = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  self->kind_label = _orgmap_inspector_new_caption (NULL);
  gtk_widget_add_css_class (self->kind_label, "caption-heading");
  gtk_widget_add_css_class (self->kind_label, "dim-label");
  self->title_label = _orgmap_inspector_new_caption (NULL);
  gtk_widget_add_css_class (self->title_label, "title-3");
  gtk_label_set_selectable (GTK_LABEL (self->title_label), TRUE);
  gtk_box_append (GTK_BOX (heading), self->kind_label);
  gtk_box_append (GTK_BOX (heading), self->title_label);
  gtk_box_append (GTK_BOX (box), heading);

  self->hint_label = _orgmap_inspector_new_caption (_("Select a unit or a link on the map to edit it"));
  gtk_widget_add_css_class (self->hint_label, "dim-label");
  gtk_box_append (GTK_BOX (box), self->hint_label);

  build_unit_page (self);
  build_external_page (self);
  build_link_page (self);
  gtk_box_append (GTK_BOX (box), self->unit_grid);
  gtk_box_append (GTK_BOX (box), self->external_grid);
  gtk_box_append (GTK_BOX (box), self->link_grid);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), box);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  _orgmap_inspector_refresh (self);
}

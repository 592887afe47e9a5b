/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-ui"

#include "config.h"

#include "orgmap-inspector-private.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "orgmap-error.h"

/* Numbers */

/* Two decimals at most, one at least: 4.0, 3.5, 3.25. */
static char *
format_score (double score)
{
  char *text = g_strdup_printf ("%.2f", score);
  gsize len = strlen (text);

  if (len > 0 && text[len - 1] == '0')
    text[len - 1] = '\0';
  return text;
}

/* A score as typed: with a point or a comma. */
static gboolean
parse_score (const char *text,
             double     *score)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;

  g_strdelimit (copy, ",", '.');
  if (*copy == '\0')
    return FALSE;
  *score = g_ascii_strtod (copy, &end);
  return end != NULL && *end == '\0' && isfinite (*score);
}

/* A whole number from @min up; @empty when nothing is typed. */
static gboolean
parse_whole (const char *text,
             gint64      min,
             gint32      empty,
             gint32     *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  gint64 v;

  if (*copy == '\0')
    {
      *value = empty;
      return TRUE;
    }
  if (!g_ascii_string_to_signed (copy, 10, min, G_MAXINT32, &v, NULL))
    return FALSE;
  *value = (gint32) v;
  return TRUE;
}

/* What is shown */

gboolean
_orgmap_inspector_item_valid (OrgmapInspector *self)
{
  if (self->document == NULL || self->item == ORGMAP_NONE)
    return FALSE;
  switch (self->kind)
    {
    case KIND_UNIT:
      return self->item < orgmap_document_get_n_units (self->document);
    case KIND_EXTERNAL:
      return self->item < orgmap_document_get_n_externals (self->document);
    case KIND_LINK:
      return self->item < orgmap_document_get_n_links (self->document);
    case KIND_NONE:
    default:
      return FALSE;
    }
}

const OrgmapRating *
_orgmap_inspector_current_rating (OrgmapInspector *self)
{
  guint32 rating;

  if (self->kind != KIND_LINK || self->round == ORGMAP_NONE || !_orgmap_inspector_item_valid (self) ||
      self->round >= orgmap_document_get_n_rounds (self->document))
    return NULL;
  rating = orgmap_document_find_rating (self->document, self->item, self->round);
  return rating != ORGMAP_NONE ? orgmap_document_get_rating (self->document, rating) : NULL;
}

static guint32
current_rating_handle (OrgmapInspector *self)
{
  if (_orgmap_inspector_current_rating (self) == NULL)
    return ORGMAP_NONE;
  return orgmap_document_find_rating (self->document, self->item, self->round);
}

Field *
_orgmap_inspector_dimension_field (OrgmapInspector *self,
                                   guint            index)
{
  return g_ptr_array_index (self->dimensions, index);
}

/* The fields of what is shown, in the order they appear. */
GPtrArray *
_orgmap_inspector_fields_in_use (OrgmapInspector *self)
{
  GPtrArray *fields = g_ptr_array_new ();
  guint first = 0, last = 0;

  switch (self->kind)
    {
    case KIND_UNIT:
      first = FIELD_UNIT_NAME;
      last = FIELD_UNIT_NOTES;
      break;
    case KIND_EXTERNAL:
      first = FIELD_EXTERNAL_NAME;
      last = FIELD_EXTERNAL_NOTES;
      break;
    case KIND_LINK:
      first = FIELD_LINK_SERVICE;
      last = self->round != ORGMAP_NONE ? FIELD_COMMENT : FIELD_LINK_NOTES;
      break;
    case KIND_NONE:
    default:
      return fields;
    }
  for (guint id = first; id <= last; id++)
    g_ptr_array_add (fields, &self->fields[id]);
  if (self->kind == KIND_LINK && self->round != ORGMAP_NONE)
    for (guint i = 0; i < self->dimensions->len; i++)
      g_ptr_array_add (fields, _orgmap_inspector_dimension_field (self, i));
  return fields;
}

/* The model's value of a field of what is shown, as text. */
char *
_orgmap_inspector_model_text (OrgmapInspector *self,
                              guint            id)
{
  const OrgmapUnit *unit = NULL;
  const OrgmapLink *link = NULL;
  const OrgmapRating *rating = _orgmap_inspector_current_rating (self);

  if (self->kind == KIND_UNIT)
    unit = orgmap_document_get_unit (self->document, self->item);
  else if (self->kind == KIND_LINK)
    link = orgmap_document_get_link (self->document, self->item);

  switch (id)
    {
    case FIELD_UNIT_NAME:
      return g_strdup (unit->name);
    case FIELD_UNIT_HEAD:
      return g_strdup (unit->head != NULL ? unit->head : "");
    case FIELD_UNIT_HEADCOUNT:
      return unit->headcount >= 0 ? g_strdup_printf ("%d", unit->headcount) : g_strdup ("");
    case FIELD_UNIT_LEVEL:
      return unit->level > 0 ? g_strdup_printf ("%d", unit->level) : g_strdup ("");
    case FIELD_UNIT_AREA:
      return g_strdup (unit->area != NULL ? unit->area : "");
    case FIELD_UNIT_NOTES:
      return g_strdup (unit->notes != NULL ? unit->notes : "");
    case FIELD_EXTERNAL_NAME:
      return g_strdup (orgmap_document_get_external (self->document, self->item)->name);
    case FIELD_EXTERNAL_NOTES:
      {
        const char *notes = orgmap_document_get_external (self->document, self->item)->notes;

        return g_strdup (notes != NULL ? notes : "");
      }
    case FIELD_LINK_SERVICE:
      return g_strdup (link->service != NULL ? link->service : "");
    case FIELD_LINK_NOTES:
      return g_strdup (link->notes != NULL ? link->notes : "");
    case FIELD_SCORE:
      return rating != NULL ? format_score (rating->score) : g_strdup ("");
    case FIELD_RESPONDENTS:
      return rating != NULL && rating->respondents >= 0 ? g_strdup_printf ("%d", rating->respondents)
                                                        : g_strdup ("");
    case FIELD_COMMENT:
      return g_strdup (rating != NULL && rating->comment != NULL ? rating->comment : "");
    default:
      break;
    }

  /* A dimension's score */
  if (rating != NULL)
    {
      guint n_scores = 0;
      const OrgmapDimensionScore *scores =
        orgmap_document_get_dimension_scores (self->document, current_rating_handle (self), &n_scores);

      for (guint i = 0; i < n_scores; i++)
        if (scores[i].dimension == id - FIELD_DIMENSION)
          return format_score (scores[i].score);
    }
  return g_strdup ("");
}

/* Fields */

static char *
field_get_text (Field *f)
{
  if (GTK_IS_TEXT_VIEW (f->widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (f->widget)));
}

static void
field_set_text (Field      *f,
                const char *text)
{
  OrgmapInspector *self = f->self;

  self->updating++;
  if (GTK_IS_TEXT_VIEW (f->widget))
    {
      g_autofree char *current = field_get_text (f);

      if (g_strcmp0 (current, text) != 0)
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->widget)), text, -1);
    }
  else
    {
      if (GTK_IS_SPIN_BUTTON (f->widget))
        {
          GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (f->widget));

          gtk_adjustment_set_value (adjustment, self->rated ? self->score : gtk_adjustment_get_lower (adjustment));
        }
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (f->widget)), text) != 0)
        gtk_editable_set_text (GTK_EDITABLE (f->widget), text);
    }
  self->updating--;
}

static void
field_set_error (Field      *f,
                 const char *message)
{
  gtk_label_set_text (GTK_LABEL (f->error), message);
  gtk_widget_set_visible (f->error, TRUE);
  gtk_widget_add_css_class (f->widget, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (f->widget),
                               GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                               -1);
}

void
_orgmap_inspector_field_clear_error (Field *f)
{
  if (!gtk_widget_get_visible (f->error))
    return;
  gtk_widget_set_visible (f->error, FALSE);
  gtk_label_set_text (GTK_LABEL (f->error), "");
  gtk_widget_remove_css_class (f->widget, "error");
  gtk_accessible_reset_state (GTK_ACCESSIBLE (f->widget), GTK_ACCESSIBLE_STATE_INVALID);
}

/* Shows the model's @value; with @reset FALSE, only when it changed, so that
 * what a person types in another field survives a change elsewhere. */
void
_orgmap_inspector_field_show (Field      *f,
                              const char *value,
                              gboolean    reset)
{
  if (!reset && g_strcmp0 (f->shown, value) == 0)
    return;
  g_free (f->shown);
  f->shown = g_strdup (value);
  field_set_text (f, value);
  _orgmap_inspector_field_clear_error (f);
}

/* Edits */

static gboolean
refuse (GError    **error,
        const char *message)
{
  g_set_error_literal (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
apply_unit_details (OrgmapInspector  *self,
                    guint             id,
                    const char       *text,
                    GError          **error)
{
  const OrgmapUnit *unit = orgmap_document_get_unit (self->document, self->item);
  const char *head = unit->head, *area = unit->area, *notes = unit->notes;
  gint32 headcount = unit->headcount, level = unit->level;
  g_autofree char *message = NULL;

  switch (id)
    {
    case FIELD_UNIT_HEAD:
      head = text;
      break;
    case FIELD_UNIT_AREA:
      area = text;
      break;
    case FIELD_UNIT_NOTES:
      notes = text;
      break;
    case FIELD_UNIT_HEADCOUNT:
      if (!parse_whole (text, 0, -1, &headcount))
        {
          message = g_strdup_printf (_("The headcount of “%s” must be a whole number, or empty when unknown"),
                                     unit->name);
          return refuse (error, message);
        }
      break;
    case FIELD_UNIT_LEVEL:
      if (!parse_whole (text, 1, 0, &level))
        {
          message = g_strdup_printf (_("The level of “%s” must be a whole number from 1 up, or empty to have it computed"),
                                     unit->name);
          return refuse (error, message);
        }
      break;
    default:
      g_assert_not_reached ();
    }
  return orgmap_history_set_unit_details (self->history, self->item, head, headcount, level, area,
                                          notes, error);
}

/* A dimension's score of the rating shown; the others stay as they are. */
static gboolean
apply_dimension (OrgmapInspector  *self,
                 guint32           dimension,
                 const char       *text,
                 GError          **error)
{
  OrgmapDocument *doc = self->document;
  const OrgmapRating *rating = _orgmap_inspector_current_rating (self);
  guint n = orgmap_document_get_n_dimensions (doc);
  g_autofree double *values = g_new (double, MAX (n, 1));
  const OrgmapDimensionScore *scores;
  guint n_scores = 0;

  if (rating == NULL)
    return TRUE;
  g_assert (dimension < n);

  for (guint d = 0; d < n; d++)
    values[d] = NAN;
  scores = orgmap_document_get_dimension_scores (doc, current_rating_handle (self), &n_scores);
  for (guint i = 0; i < n_scores; i++)
    values[scores[i].dimension] = scores[i].score;

  if (*text == '\0')
    values[dimension] = NAN;
  else if (!parse_score (text, &values[dimension]))
    {
      const OrgmapLink *link = orgmap_document_get_link (doc, self->item);
      g_autofree char *message = NULL;

      /* Translators: a dimension of quality (such as “Reliability”), what was
       * typed, then the names of a link's provider and client */
      message = g_strdup_printf (_("The %s score “%s” for the link from “%s” to “%s” is not a number"),
                                 orgmap_dimension_label (orgmap_document_get_dimension (doc, dimension)),
                                 text, orgmap_document_get_party_name (doc, link->provider),
                                 orgmap_document_get_party_name (doc, link->client));
      return refuse (error, message);
    }
  return orgmap_history_rate_dimensions (self->history, self->item, self->round, rating->score,
                                         rating->respondents, rating->comment, values, error);
}

static gboolean
apply_rating (OrgmapInspector  *self,
              guint             id,
              const char       *text,
              GError          **error)
{
  const OrgmapLink *link = orgmap_document_get_link (self->document, self->item);
  const OrgmapRating *rating = _orgmap_inspector_current_rating (self);
  const char *provider = orgmap_document_get_party_name (self->document, link->provider);
  const char *client = orgmap_document_get_party_name (self->document, link->client);
  g_autofree char *message = NULL;
  gint32 respondents;
  double score;

  switch (id)
    {
    case FIELD_SCORE:
      if (*text == '\0')
        {
          if (rating != NULL)
            orgmap_history_clear_rating (self->history, self->item, self->round);
          return TRUE;
        }
      if (!parse_score (text, &score))
        {
          /* Translators: what was typed, then the names of a link's provider and client */
          message = g_strdup_printf (_("The score “%s” for the link from “%s” to “%s” is not a number"),
                                     text, provider, client);
          return refuse (error, message);
        }
      return orgmap_history_rate (self->history, self->item, self->round, score,
                                  rating != NULL ? rating->respondents : -1,
                                  rating != NULL ? rating->comment : NULL, error);

    case FIELD_RESPONDENTS:
      if (rating == NULL)
        return TRUE;
      if (!parse_whole (text, 0, -1, &respondents))
        {
          /* Translators: the names of a link's provider and client */
          message = g_strdup_printf (_("The respondents for the link from “%s” to “%s” must be a whole number, or empty when unknown"),
                                     provider, client);
          return refuse (error, message);
        }
      return orgmap_history_rate (self->history, self->item, self->round, rating->score,
                                  respondents, rating->comment, error);

    case FIELD_COMMENT:
      if (rating == NULL)
        return TRUE;
      return orgmap_history_rate (self->history, self->item, self->round, rating->score,
                                  rating->respondents, text, error);

    default:
      return apply_dimension (self, id - FIELD_DIMENSION, text, error);
    }
}

/* Applies what a field holds to the model through the history. */
static gboolean
apply_field (OrgmapInspector  *self,
             guint             id,
             const char       *raw,
             GError          **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (raw));
  /* Notes keep their lines and spaces, unless there is nothing but space. */
  gboolean notes = id == FIELD_UNIT_NOTES || id == FIELD_EXTERNAL_NOTES || id == FIELD_LINK_NOTES;
  const char *text = notes ? (*stripped != '\0' ? raw : "") : stripped;
  const OrgmapLink *link;

  if (!_orgmap_inspector_item_valid (self))
    return TRUE;

  switch (id)
    {
    case FIELD_UNIT_NAME:
      return orgmap_history_rename_unit (self->history, self->item, text, error);
    case FIELD_UNIT_HEAD:
    case FIELD_UNIT_HEADCOUNT:
    case FIELD_UNIT_LEVEL:
    case FIELD_UNIT_AREA:
    case FIELD_UNIT_NOTES:
      return apply_unit_details (self, id, text, error);
    case FIELD_EXTERNAL_NAME:
      return orgmap_history_rename_external (self->history, self->item, text, error);
    case FIELD_EXTERNAL_NOTES:
      orgmap_history_set_external_notes (self->history, self->item, text);
      return TRUE;
    case FIELD_LINK_SERVICE:
      link = orgmap_document_get_link (self->document, self->item);
      return orgmap_history_set_link_details (self->history, self->item, text, link->notes,
                                              link->type_override, error);
    case FIELD_LINK_NOTES:
      link = orgmap_document_get_link (self->document, self->item);
      return orgmap_history_set_link_details (self->history, self->item, link->service, text,
                                              link->type_override, error);
    default:
      return apply_rating (self, id, text, error);
    }
}

/* Commits @text as the field's new value. A refusal shows under the field
 * (unless @quiet) and changes nothing. */
static gboolean
commit_text (Field      *f,
             const char *text,
             gboolean    quiet)
{
  OrgmapInspector *self = f->self;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->history == NULL || self->updating > 0)
    return TRUE;
  if (g_strcmp0 (text, f->shown) == 0)
    {
      _orgmap_inspector_field_clear_error (f);
      return TRUE;
    }

  self->committing++;
  ok = apply_field (self, f->id, text, &error);
  self->committing--;

  if (!ok)
    {
      if (!quiet)
        field_set_error (f, error->message);
      return FALSE;
    }

  _orgmap_inspector_field_clear_error (f);
  /* Show the model's value again, in its own form ("09" → "9"). */
  g_clear_pointer (&f->shown, g_free);
  _orgmap_inspector_refresh (self);
  return TRUE;
}

static gboolean
commit_field (Field *f)
{
  g_autofree char *text = field_get_text (f);

  return commit_text (f, text, FALSE);
}

/* Before the selection changes: keep what was typed in the fields of the
 * item that goes. Refusals are dropped with it. */
void
_orgmap_inspector_commit_pending (OrgmapInspector *self)
{
  g_autoptr(GPtrArray) fields = NULL;
  gboolean changed = FALSE;

  if (self->history == NULL || !_orgmap_inspector_item_valid (self))
    return;

  fields = _orgmap_inspector_fields_in_use (self);
  self->committing++;
  for (guint i = 0; i < fields->len; i++)
    {
      Field *f = g_ptr_array_index (fields, i);
      g_autofree char *text = field_get_text (f);

      if (g_strcmp0 (text, f->shown) != 0)
        changed |= apply_field (self, f->id, text, NULL);
    }
  self->committing--;
  if (changed)
    _orgmap_inspector_refresh (self);
}

/* Field signals */

static void
on_entry_activate (GtkEntry *entry,
                   Field    *f)
{
  commit_field (f);
}

static void
on_field_leave (GtkEventControllerFocus *controller,
                Field                   *f)
{
  commit_field (f);
}

static gboolean
on_field_key (GtkEventControllerKey *controller,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              Field                 *f)
{
  g_autofree char *text = NULL;

  /* Escape gives back the model's value. */
  if (keyval == GDK_KEY_Escape)
    {
      g_autofree char *shown = g_strdup (f->shown != NULL ? f->shown : "");

      text = field_get_text (f);
      if (g_strcmp0 (text, shown) == 0 && !gtk_widget_get_visible (f->error))
        return FALSE;
      _orgmap_inspector_field_show (f, shown, TRUE);
      return TRUE;
    }

  /* Notes take Enter as a new line; Ctrl+Enter commits them. */
  if (GTK_IS_TEXT_VIEW (f->widget) && (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) &&
      (state & GDK_CONTROL_MASK) != 0)
    {
      commit_field (f);
      return TRUE;
    }
  return FALSE;
}

/* The score: the spin button reads what was typed through "input" (on
 * Enter and when the keyboard leaves it) and its arrows change its value. */
static int
on_score_input (GtkSpinButton *spin,
                double        *value,
                Field         *f)
{
  OrgmapInspector *self = f->self;

  if (self->updating == 0)
    commit_field (f);
  *value = gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin));
  return TRUE;
}

static gboolean
on_score_output (GtkSpinButton *spin,
                 Field         *f)
{
  OrgmapInspector *self = f->self;
  g_autofree char *text = NULL;

  /* A refused score stays as typed, beside its message. */
  if (self->updating == 0 && gtk_widget_get_visible (f->error))
    return TRUE;
  text = self->rated ? format_score (gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin)))
                     : g_strdup ("");
  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static void
on_score_value_changed (GtkSpinButton *spin,
                        Field         *f)
{
  g_autofree char *text = NULL;

  if (f->self->updating > 0)
    return;
  text = format_score (gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin)));
  commit_text (f, text, FALSE);
}

GtkWidget *
_orgmap_inspector_new_caption (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  return label;
}

GtkWidget *
_orgmap_inspector_new_entry (void)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 6);
  gtk_widget_set_hexpand (entry, TRUE);
  return entry;
}

GtkWidget *
_orgmap_inspector_new_text_view (GtkWidget **holder)
{
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  /* Tab moves on to the next field. */
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_has_frame (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 80);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 200);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_widget_set_hexpand (scroller, TRUE);
  gtk_widget_set_tooltip_text (view, _("Ctrl+Enter or leaving the field keeps the notes"));
  *holder = scroller;
  return view;
}

/* A labelled row of @grid at *@row, with the row of its message below. */
void
_orgmap_inspector_setup_field (OrgmapInspector *self,
                               Field           *f,
                               guint            id,
                               GtkGrid         *grid,
                               int             *row,
                               const char      *label,
                               gboolean         mnemonic,
                               GtkWidget       *widget,
                               GtkWidget       *holder)
{
  GtkEventController *controller;

  f->self = self;
  f->id = id;
  f->widget = widget;
  f->holder = holder != NULL ? holder : widget;
  f->label = mnemonic ? gtk_label_new_with_mnemonic (label) : gtk_label_new (label);
  gtk_label_set_xalign (GTK_LABEL (f->label), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (f->label), widget);
  if (GTK_IS_TEXT_VIEW (widget))
    {
      gtk_widget_set_valign (f->label, GTK_ALIGN_START);
      gtk_widget_set_margin_top (f->label, 6);
    }
  gtk_grid_attach (grid, f->label, 0, *row, 1, 1);
  gtk_grid_attach (grid, f->holder, 1, *row, 1, 1);

  f->error = _orgmap_inspector_new_caption (NULL);
  gtk_widget_add_css_class (f->error, "error");
  gtk_widget_set_visible (f->error, FALSE);
  gtk_grid_attach (grid, f->error, 1, *row + 1, 1, 1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, f->error, NULL,
                                  -1);
  *row += 2;

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_field_key), f);
  gtk_widget_add_controller (widget, controller);

  if (GTK_IS_SPIN_BUTTON (widget))
    {
      g_signal_connect (widget, "input", G_CALLBACK (on_score_input), f);
      g_signal_connect (widget, "output", G_CALLBACK (on_score_output), f);
      g_signal_connect (widget, "value-changed", G_CALLBACK (on_score_value_changed), f);
      return;
    }
  if (GTK_IS_ENTRY (widget))
    g_signal_connect (widget, "activate", G_CALLBACK (on_entry_activate), f);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (on_field_leave), f);
  gtk_widget_add_controller (widget, controller);
}

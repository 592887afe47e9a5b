/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-ui"

#include "config.h"

#include "orgmap-window-private.h"

#include <glib/gi18n.h>

#include "orgmap-format.h"
#include "orgmap-legend.h"
#include "orgmap-problem.h"
#include "orgmap-resources.h"
#include "orgmap-history.h"
#include "orgmap-store.h"
#include "orgmap-xml-import.h"

G_DEFINE_FINAL_TYPE (OrgmapWindow, orgmap_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SIDE_PANEL_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define EXAMPLE_RESOURCE "/io/github/orgmap/Orgmap/example.orgmap.xml"

/* The summary line: units, links by type, mean quality in the shown round. */
static void
update_summary (OrgmapWindow *self)
{
  OrgmapViewState *view = orgmap_canvas_get_view_state (self->canvas);
  guint32 round = orgmap_view_state_get_round (view);
  guint counts[ORGMAP_N_LINK_TYPES];
  g_autofree char *units = NULL;
  g_autofree char *links = NULL;
  g_autofree char *quality = NULL;
  g_autofree char *text = NULL;
  guint n_units, n_links, n_rated;
  double mean;

  if (self->document == NULL)
    {
      gtk_label_set_text (self->summary_label, "");
      return;
    }

  n_units = orgmap_document_get_n_units (self->document);
  n_links = orgmap_document_get_n_links (self->document);
  orgmap_document_count_link_types (self->document, counts);

  units = g_strdup_printf (ngettext ("%u unit", "%u units", n_units), n_units);
  /* Translators: “30 links: 8 vertical, 11 horizontal, 7 diagonal, 4 external” */
  links = g_strdup_printf (ngettext ("%u link: %u vertical, %u horizontal, %u diagonal, %u external",
                                     "%u links: %u vertical, %u horizontal, %u diagonal, %u external",
                                     n_links),
                           n_links, counts[ORGMAP_LINK_VERTICAL], counts[ORGMAP_LINK_HORIZONTAL],
                           counts[ORGMAP_LINK_DIAGONAL], counts[ORGMAP_LINK_EXTERNAL]);

  if (!orgmap_document_get_round_mean (self->document, round, &mean, &n_rated))
    quality = g_strdup (_("no link rated"));
  else if (round == ORGMAP_NONE)
    /* Translators: “mean quality 3.45 (latest ratings of 29 links)” */
    quality = g_strdup_printf (ngettext ("mean quality %.2f (latest rating of %u link)",
                                         "mean quality %.2f (latest ratings of %u links)", n_rated),
                               mean, n_rated);
  else
    /* Translators: “mean quality 3.45 in Encuesta Q2 (29 links rated)” */
    quality = g_strdup_printf (ngettext ("mean quality %.2f in %s (%u link rated)",
                                         "mean quality %.2f in %s (%u links rated)", n_rated),
                               mean, orgmap_document_get_round (self->document, round)->name, n_rated);

  text = g_strdup_printf ("%s · %s · %s", units, links, quality);
  gtk_label_set_text (self->summary_label, text);
}

static void
update_rounds (OrgmapWindow *self)
{
  guint n = self->document != NULL ? orgmap_document_get_n_rounds (self->document) : 0;
  guint32 round = orgmap_view_state_get_round (orgmap_canvas_get_view_state (self->canvas));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  /* Translators: the round selector's first choice */
  g_ptr_array_add (names, (gpointer) _("Latest Ratings"));
  for (guint32 r = 0; r < n; r++)
    {
      const OrgmapRound *info = orgmap_document_get_round (self->document, r);

      g_ptr_array_add (names, (gpointer) (*info->name != '\0' ? info->name : info->id));
    }
  g_ptr_array_add (names, NULL);

  g_signal_handlers_block_matched (self->round_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_string_list_splice (self->round_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->round_names)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->round_dropdown, round == ORGMAP_NONE ? 0 : round + 1);
  g_signal_handlers_unblock_matched (self->round_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->round_dropdown), n > 0);
}

static void
on_round_selected (OrgmapWindow *self,
                   GParamSpec   *pspec,
                   GtkDropDown  *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  orgmap_view_state_set_round (orgmap_canvas_get_view_state (self->canvas),
                               selected == 0 || selected == GTK_INVALID_LIST_POSITION
                               ? ORGMAP_NONE : selected - 1);
}

static void
on_view_round (OrgmapWindow *self)
{
  update_summary (self);
}

static void
on_document_changed (OrgmapWindow *self,
                     guint         kind,
                     guint         handle)
{
  _orgmap_window_check_store (self);
  _orgmap_window_keep_document (self);
  if (kind == ORGMAP_CHANGE_ALL || kind == ORGMAP_CHANGE_PROPERTIES)
    _orgmap_window_update_title (self);
  if (kind == ORGMAP_CHANGE_ALL || kind == ORGMAP_CHANGE_ROUND)
    {
      OrgmapViewState *view = orgmap_canvas_get_view_state (self->canvas);
      guint32 round = orgmap_view_state_get_round (view);

      /* A round shown that is no more: show the latest ratings. */
      if (round != ORGMAP_NONE && round >= orgmap_document_get_n_rounds (self->document))
        orgmap_view_state_set_round (view, ORGMAP_NONE);
      update_rounds (self);
    }
  update_summary (self);
}

/* The title is the map's name; the subtitle says where it is kept. */
void
_orgmap_window_update_title (OrgmapWindow *self)
{
  const char *name = self->document != NULL ? orgmap_document_get_name (self->document) : NULL;
  const char *title = name != NULL && *name != '\0' ? name : self->title;
  g_autofree char *subtitle = NULL;

  if (title == NULL || *title == '\0')
    title = _("Untitled Map");

  if (self->file != NULL && self->draft && self->source != NULL)
    {
      g_autofree char *source = g_file_get_basename (self->source);

      /* Translators: the window subtitle of an imported map not yet saved */
      subtitle = g_strdup_printf (_("Draft, imported from “%s”"), source);
    }
  else if (self->file != NULL && self->draft)
    /* Translators: the window subtitle of a map not yet saved with Save As */
    subtitle = g_strdup (_("Draft"));
  else if (self->file != NULL)
    subtitle = g_file_get_parse_name (self->file);
  else
    subtitle = g_strdup (self->subtitle);

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->subtitle_label, subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle != NULL && *subtitle != '\0');
  gtk_window_set_title (GTK_WINDOW (self), title);
}

void
orgmap_window_set_document (OrgmapWindow   *self,
                            OrgmapDocument *document,
                            const char     *title,
                            const char     *subtitle)
{
  g_return_if_fail (ORGMAP_IS_WINDOW (self));
  g_return_if_fail (ORGMAP_IS_DOCUMENT (document));

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_handle_id (&self->draft_idle, g_source_remove);
  g_clear_pointer (&self->store, orgmap_live_store_close);
  g_clear_object (&self->file);
  g_clear_object (&self->source);
  self->draft = FALSE;
  self->store_failed = FALSE;
  gtk_revealer_set_reveal_child (self->banner, FALSE);
  g_free (self->title);
  self->title = g_strdup (title);
  g_free (self->subtitle);
  self->subtitle = g_strdup (subtitle);
  g_set_object (&self->document, document);
  g_clear_object (&self->history);
  self->history = orgmap_history_new (document);
  _orgmap_window_watch_history (self, self->history);
  orgmap_canvas_set_history (self->canvas, self->history);
  g_signal_connect_object (document, "changed", G_CALLBACK (on_document_changed), self,
                           G_CONNECT_SWAPPED);

  orgmap_legend_set_document (self->legend, document);
  {
    int legend_width, legend_height;

    /* The legend floats over the map's bottom-left corner. */
    gtk_widget_measure (GTK_WIDGET (self->legend), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &legend_width, NULL, NULL);
    gtk_widget_measure (GTK_WIDGET (self->legend), GTK_ORIENTATION_VERTICAL, -1, NULL, &legend_height, NULL, NULL);
    orgmap_canvas_set_covered (self->canvas, legend_width + 12, legend_height + 12);
  }
  orgmap_canvas_set_document (self->canvas, document);
  orgmap_side_panel_set_view_state (self->side_panel, orgmap_canvas_get_view_state (self->canvas));
  orgmap_side_panel_set_document (self->side_panel, document);
  orgmap_side_panel_set_history (self->side_panel, self->history);
  orgmap_inspector_set_history (self->inspector, self->history);

  _orgmap_window_update_title (self);

  update_rounds (self);
  update_summary (self);
  _orgmap_window_update_edit_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static char *
document_title (OrgmapDocument *document,
                GFile          *file)
{
  const char *name = orgmap_document_get_name (document);

  if (name != NULL && *name != '\0')
    return g_strdup (name);
  return g_file_get_basename (file);
}

/* Opening, in a worker thread: a large chart takes a moment. */

typedef struct
{
  OrgmapDocument  *document;
  OrgmapLiveStore *store;     /* for an .orgmap document: kept open */
  OrgmapFormat     format;
  char           *read_only;  /* why the document cannot be written, or NULL */
  char           *problems;
  char           *message;
} LoadResult;

static void
load_result_free (LoadResult *result)
{
  g_clear_pointer (&result->store, orgmap_live_store_close);
  g_clear_object (&result->document);
  g_free (result->read_only);
  g_free (result->problems);
  g_free (result->message);
  g_free (result);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  GFile *file = data;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(OrgmapProblems) problems = orgmap_problems_new (name);
  g_autoptr(GError) error = NULL;
  LoadResult *result = g_new0 (LoadResult, 1);

  if (path == NULL)
    result->message = g_strdup_printf (_("“%s” is not a local file"), name);
  else
    {
      /* A document stays open: every edit goes to it at once. */
      if (orgmap_format_sniff (path, &result->format, &error) &&
          result->format == ORGMAP_FORMAT_DOCUMENT)
        {
          result->store = orgmap_live_store_open (path, &result->document, &error);
          /* One that can be read but not written still opens, and says so. */
          if (result->store == NULL &&
              (result->document = orgmap_store_load (path, NULL)) != NULL)
            result->read_only = g_strdup (error->message);
        }
      else if (error == NULL)
        result->document = orgmap_format_load (path, &result->format, problems, &error);
      if (result->document == NULL)
        {
          result->message = g_strdup (error->message);
          if (orgmap_problems_count (problems) > 0)
            result->problems = orgmap_problems_format (problems);
        }
    }
  g_task_return_pointer (task, result, (GDestroyNotify) load_result_free);
}

static void
load_done (GObject      *object,
           GAsyncResult *res,
           gpointer      data)
{
  OrgmapWindow *self = ORGMAP_WINDOW (object);
  GFile *file = g_task_get_task_data (G_TASK (res));
  LoadResult *result = g_task_propagate_pointer (G_TASK (res), NULL);

  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  g_clear_object (&self->loading);

  if (result == NULL)
    return;

  if (result->document == NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      /* Translators: heading of the dialog that lists a file's problems */
      g_autofree char *title = g_strdup_printf (_("Could not open “%s”"), name);
      g_autofree char *text = NULL;

      text = result->problems != NULL ? g_strdup_printf ("%s\n\n%s", result->message, result->problems)
                                      : g_strdup (result->message);
      _orgmap_window_show_problems (self, title, text);
    }
  else
    {
      g_autofree char *title = document_title (result->document, file);
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *where = g_file_get_parse_name (file);

      gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
      orgmap_window_set_document (self, result->document, title, where);
      if (result->store != NULL)
        {
          g_autofree char *drafts = _orgmap_window_drafts_dir ();
          g_autoptr(GFile) drafts_dir = g_file_new_for_path (drafts);

          self->store = g_steal_pointer (&result->store);
          self->file = g_object_ref (file);
          self->draft = g_file_has_prefix (file, drafts_dir);
        }
      else if (result->format != ORGMAP_FORMAT_DOCUMENT)
        self->source = g_object_ref (file);
      if (result->read_only != NULL)
        {
          _orgmap_window_show_not_kept (self, result->read_only);
        }
      _orgmap_window_update_title (self);
    }
  load_result_free (result);
}

void
orgmap_window_open (OrgmapWindow *self,
                    GFile        *file)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ORGMAP_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  self->loading = g_cancellable_new ();

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "progress");
  task = g_task_new (self, self->loading, load_done, NULL);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, load_thread);
}

void
orgmap_window_open_example (OrgmapWindow *self)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(OrgmapDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data;

  g_return_if_fail (ORGMAP_IS_WINDOW (self));

  bytes = g_resources_lookup_data (EXAMPLE_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &len);
  document = orgmap_xml_import_memory (data, len, NULL, &error);
  /* The example ships with the program: a test keeps it valid. */
  g_assert_no_error (error);

  /* Translators: the window subtitle when the example is shown */
  orgmap_window_set_document (self, document, orgmap_document_get_name (document),
                              _("Example organisation"));
}

OrgmapDocument *
orgmap_window_get_document (OrgmapWindow *self)
{
  g_return_val_if_fail (ORGMAP_IS_WINDOW (self), NULL);

  return self->document;
}

GMenu *
_orgmap_window_get_history_section (OrgmapWindow *self)
{
  return self->history_section;
}

OrgmapHistory *
orgmap_window_get_history (OrgmapWindow *self)
{
  g_return_val_if_fail (ORGMAP_IS_WINDOW (self), NULL);

  return self->history;
}

OrgmapCanvas *
orgmap_window_get_canvas (OrgmapWindow *self)
{
  g_return_val_if_fail (ORGMAP_IS_WINDOW (self), NULL);

  return self->canvas;
}

OrgmapSidePanel *
orgmap_window_get_side_panel (OrgmapWindow *self)
{
  g_return_val_if_fail (ORGMAP_IS_WINDOW (self), NULL);

  return self->side_panel;
}

const char *
orgmap_window_get_summary (OrgmapWindow *self)
{
  g_return_val_if_fail (ORGMAP_IS_WINDOW (self), NULL);

  return gtk_label_get_text (self->summary_label);
}

/* Drag and drop a file onto the window */

static gboolean
on_drop (OrgmapWindow  *self,
         const GValue  *value,
         double         x,
         double         y,
         GtkDropTarget *target)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  if (files == NULL)
    return FALSE;
  orgmap_window_open (self, files->data);
  return TRUE;
}

static void
orgmap_window_dispose (GObject *object)
{
  OrgmapWindow *self = ORGMAP_WINDOW (object);

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_handle_id (&self->draft_idle, g_source_remove);
  g_clear_handle_id (&self->toast_timeout, g_source_remove);
  g_clear_pointer (&self->store, orgmap_live_store_close);
  g_clear_object (&self->file);
  g_clear_object (&self->source);
  g_clear_object (&self->history);
  g_clear_object (&self->document);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);

  _orgmap_window_dispose_edit (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ORGMAP_TYPE_WINDOW);

  G_OBJECT_CLASS (orgmap_window_parent_class)->dispose (object);
}

static void
orgmap_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  OrgmapWindow *self = ORGMAP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SIDE_PANEL_VISIBLE:
      /* Asked for before the template is built, and after it is gone. */
      g_value_set_boolean (value, self->side_panel != NULL && gtk_widget_get_visible (GTK_WIDGET (self->side_panel)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orgmap_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  OrgmapWindow *self = ORGMAP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SIDE_PANEL_VISIBLE:
      if (self->side_panel != NULL &&
          gtk_widget_get_visible (GTK_WIDGET (self->side_panel)) != g_value_get_boolean (value))
        {
          gboolean set;

          gtk_widget_set_visible (self->side_pane, g_value_get_boolean (value));
          gtk_widget_set_visible (GTK_WIDGET (self->side_panel), g_value_get_boolean (value));
          /* The first time: half for the lists, half for the inspector. */
          g_object_get (self->side_pane, "position-set", &set, NULL);
          if (g_value_get_boolean (value) && !set)
            gtk_paned_set_position (GTK_PANED (self->side_pane),
                                    MAX (200, gtk_widget_get_height (GTK_WIDGET (self->canvas)) / 2));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orgmap_window_class_init (OrgmapWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = orgmap_window_dispose;
  object_class->get_property = orgmap_window_get_property;
  object_class->set_property = orgmap_window_set_property;

  properties[PROP_SIDE_PANEL_VISIBLE] =
    g_param_spec_boolean ("side-panel-visible", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  orgmap_register_resource ();
  g_type_ensure (ORGMAP_TYPE_CANVAS);
  g_type_ensure (ORGMAP_TYPE_LEGEND);
  g_type_ensure (ORGMAP_TYPE_SIDE_PANEL);
  g_type_ensure (ORGMAP_TYPE_INSPECTOR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/orgmap/Orgmap/orgmap-window.ui");
  gtk_widget_class_bind_template_child (widget_class, OrgmapWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, OrgmapWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, OrgmapWindow, round_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OrgmapWindow, canvas);
  gtk_widget_class_bind_template_child (widget_class, OrgmapWindow, legend);
  gtk_widget_class_bind_template_child (widget_class, OrgmapWindow, side_pane);
  gtk_widget_class_bind_template_child (widget_class, OrgmapWindow, side_panel);
  gtk_widget_class_bind_template_child (widget_class, OrgmapWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, OrgmapWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, OrgmapWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, OrgmapWindow, link_tool);
  gtk_widget_class_bind_template_child (widget_class, OrgmapWindow, recent_submenu);
  gtk_widget_class_bind_template_child (widget_class, OrgmapWindow, history_section);
  gtk_widget_class_bind_template_child (widget_class, OrgmapWindow, banner);
  gtk_widget_class_bind_template_child (widget_class, OrgmapWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, OrgmapWindow, toast);
  gtk_widget_class_bind_template_child (widget_class, OrgmapWindow, toast_label);
  gtk_widget_class_bind_template_child (widget_class, OrgmapWindow, toast_undo);

  _orgmap_window_class_install_actions (widget_class);
  _orgmap_window_class_install_edit_actions (widget_class);
}

/* The few styles of the window's own parts, once per display. */
static void
load_style (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GtkCssProvider) provider = NULL;

  if (g_object_get_data (G_OBJECT (display), "orgmap-style") != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/orgmap/Orgmap/orgmap-style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "orgmap-style", g_object_ref (provider), g_object_unref);
}

static void
orgmap_window_init (OrgmapWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  load_style (GTK_WIDGET (self));

  self->round_names = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->round_dropdown, G_LIST_MODEL (self->round_names));
  g_object_unref (self->round_names);
  g_signal_connect_object (self->round_dropdown, "notify::selected",
                           G_CALLBACK (on_round_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (orgmap_canvas_get_view_state (self->canvas), "notify::round",
                           G_CALLBACK (on_view_round), self, G_CONNECT_SWAPPED);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_swapped (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  _orgmap_window_watch_recent (self->recent_submenu);
  _orgmap_window_init_edit (self);
}

OrgmapWindow *
orgmap_window_new (GtkApplication *application)
{
  return g_object_new (ORGMAP_TYPE_WINDOW, "application", application, NULL);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "orgmap-export.h"
#include "orgmap-layout.h"
#include "orgmap-renderer.h"
#include "orgmap-window.h"

/* The window's commands: a few lines each, calling the model or a dialog. */

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *mime_type,
            const char     *pattern)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  if (pattern != NULL)
    gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (chooser, filter);
  g_object_unref (filter);
}

static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  OrgmapWindow    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      /* Import shows how the chart will be read before anything changes. */
      if (g_object_get_data (G_OBJECT (dialog), "import") != NULL)
        orgmap_window_import (self, file);
      else
        orgmap_window_open (self, file);
    }
  g_object_unref (dialog);
}

static void
choose_file (OrgmapWindow *self,
             gboolean      import)
{
  GtkFileChooserNative *native;
  GtkFileChooser *chooser;

  native = gtk_file_chooser_native_new (import ? _("Import an Org Chart") : _("Open"),
                                        GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                        import ? _("_Import") : _("_Open"), _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (native);
  if (!import)
    {
      GtkFileFilter *all = gtk_file_filter_new ();

      gtk_file_filter_set_name (all, _("Orgmap documents and org charts"));
      gtk_file_filter_add_pattern (all, "*.orgmap");
      gtk_file_filter_add_mime_type (all, "application/xml");
      gtk_file_filter_add_mime_type (all, "text/xml");
      gtk_file_chooser_add_filter (chooser, all);
      g_object_unref (all);
      add_filter (chooser, _("Orgmap documents"), NULL, "*.orgmap");
    }
  add_filter (chooser, _("Org charts (XML, GraphML, draw.io)"), "application/xml", "*.xml");
  if (import)
    {
      add_filter (chooser, _("GraphML"), NULL, "*.graphml");
      add_filter (chooser, _("draw.io diagrams"), NULL, "*.drawio");
    }
  add_filter (chooser, _("All files"), NULL, "*");

  if (import)
    g_object_set_data (G_OBJECT (native), "import", GINT_TO_POINTER (TRUE));
  g_signal_connect (native, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
action_open (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  choose_file (ORGMAP_WINDOW (widget), FALSE);
}

static void
action_import (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  choose_file (ORGMAP_WINDOW (widget), TRUE);
}

static void
action_open_example (GtkWidget  *widget,
                     const char *name,
                     GVariant   *param)
{
  orgmap_window_open_example (ORGMAP_WINDOW (widget));
}

static void
action_open_recent (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));

  orgmap_window_open (ORGMAP_WINDOW (widget), file);
}

/* Export */

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    OrgmapWindow    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      OrgmapViewState *view = orgmap_canvas_get_view_state (orgmap_window_get_canvas (self));
      g_autoptr(GError) error = NULL;
      OrgmapPictureFormat format;

      if (path == NULL)
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Pictures can only be saved to local files"));
      else if (orgmap_picture_format_from_path (path, &format, &error))
        /* The chooser already asked before replacing a file. */
        orgmap_picture_export (orgmap_window_get_document (self), orgmap_view_state_get_round (view),
                               path, format, ORGMAP_PICTURE_DEFAULT_WIDTH, TRUE, &error);

      if (error != NULL)
        _orgmap_window_show_problems (self, _("Could not export the picture"), error->message);
    }
  g_object_unref (dialog);
}

static void
action_export (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  OrgmapWindow *self = ORGMAP_WINDOW (widget);
  OrgmapDocument *document = orgmap_window_get_document (self);
  GtkFileChooserNative *native;
  g_autofree char *suggested = NULL;

  if (document == NULL)
    return;

  native = gtk_file_chooser_native_new (_("Export Picture"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  add_filter (GTK_FILE_CHOOSER (native), _("PNG image"), "image/png", "*.png");
  add_filter (GTK_FILE_CHOOSER (native), _("SVG drawing"), "image/svg+xml", "*.svg");
  add_filter (GTK_FILE_CHOOSER (native), _("PDF document"), "application/pdf", "*.pdf");
  /* Translators: the suggested file name of an exported map */
  suggested = g_strdup_printf (_("%s map.png"), *orgmap_document_get_name (document) != '\0'
                                                ? orgmap_document_get_name (document) : "Orgmap");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested);
  g_signal_connect (native, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* Print: the whole map on one page, as exported. */

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              OrgmapWindow      *self)
{
  OrgmapDocument *document = orgmap_window_get_document (self);
  OrgmapViewState *view = orgmap_canvas_get_view_state (orgmap_window_get_canvas (self));
  g_autoptr(OrgmapLayout) layout = orgmap_layout_new (document);
  g_autoptr(OrgmapRenderer) renderer = orgmap_renderer_new (document, layout);

  orgmap_renderer_set_round (renderer, orgmap_view_state_get_round (view));
  orgmap_renderer_draw_page (renderer, gtk_print_context_get_cairo_context (context),
                             gtk_print_context_get_width (context),
                             gtk_print_context_get_height (context));
}

static void
action_print (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  OrgmapWindow *self = ORGMAP_WINDOW (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GError) error = NULL;

  if (orgmap_window_get_document (self) == NULL)
    return;

  operation = gtk_print_operation_new ();
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_job_name (operation, gtk_window_get_title (GTK_WINDOW (self)));
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), self);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    _orgmap_window_show_problems (self, _("Could not print the map"), error->message);
}

/* The problems dialog: a heading, and the list in a scrolled, selectable
 * text so that a person can read and copy every line. */

void
_orgmap_window_show_problems (OrgmapWindow *self,
                              const char   *title,
                              const char   *text)
{
  GtkWidget *dialog, *box, *heading, *scrolled, *view, *button, *buttons;
  GtkTextBuffer *buffer;

  dialog = gtk_window_new ();
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_title (GTK_WINDOW (dialog), title);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 640, 360);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);

  heading = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "title-3");
  gtk_box_append (GTK_BOX (box), heading);

  view = gtk_text_view_new ();
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_set_text (buffer, text, -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  button = gtk_button_new_with_mnemonic (_("_Close"));
  gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (gtk_window_destroy), dialog);
  gtk_box_append (GTK_BOX (buttons), button);
  gtk_box_append (GTK_BOX (box), buttons);

  gtk_window_set_child (GTK_WINDOW (dialog), box);
  gtk_window_set_default_widget (GTK_WINDOW (dialog), button);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Open Recent: the files this program opened last, newest first. */

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GDateTime *ta = gtk_recent_info_get_modified ((GtkRecentInfo *) a);
  GDateTime *tb = gtk_recent_info_get_modified ((GtkRecentInfo *) b);

  return g_date_time_compare (tb, ta);
}

static void
update_recent (GMenu            *submenu,
               GtkRecentManager *manager)
{
  GList *items = gtk_recent_manager_get_items (manager);
  g_autoptr(GMenu) recent = g_menu_new ();
  guint n = 0;

  items = g_list_sort (items, compare_recent);
  for (GList *l = items; l != NULL && n < 8; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      g_autoptr(GMenuItem) item = NULL;

      if (!gtk_recent_info_has_application (info, g_get_application_name ()) ||
          !gtk_recent_info_exists (info))
        continue;
      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent",
                                               g_variant_new_string (gtk_recent_info_get_uri (info)));
      g_menu_append_item (recent, item);
      n++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);

  g_menu_remove_all (submenu);
  g_menu_append_section (submenu, NULL, G_MENU_MODEL (recent));
}

void
_orgmap_window_watch_recent (GMenu *submenu)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();

  g_signal_connect_object (manager, "changed", G_CALLBACK (update_recent), submenu, G_CONNECT_SWAPPED);
  update_recent (submenu, manager);
}

/* Undo and redo: the menu names what they will do. */

static void
action_undo (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  OrgmapHistory *history = orgmap_window_get_history (ORGMAP_WINDOW (widget));

  if (history != NULL)
    {
      if (g_str_equal (name, "win.undo"))
        orgmap_history_undo (history);
      else
        orgmap_history_redo (history);
    }
}

static void
update_history (OrgmapWindow  *self,
                GParamSpec    *pspec,
                OrgmapHistory *history)
{
  GMenu *section = _orgmap_window_get_history_section (self);
  const char *undo = orgmap_history_get_undo_label (history);
  const char *redo = orgmap_history_get_redo_label (history);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", orgmap_history_can_undo (history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", orgmap_history_can_redo (history));
  g_menu_remove_all (section);
  g_menu_append (section, undo != NULL ? undo : _("Undo"), "win.undo");
  g_menu_append (section, redo != NULL ? redo : _("Redo"), "win.redo");
}

void
_orgmap_window_watch_history (OrgmapWindow  *self,
                              OrgmapHistory *history)
{
  g_signal_connect_object (history, "notify", G_CALLBACK (update_history), self, G_CONNECT_SWAPPED);
  update_history (self, NULL, history);
}

void
_orgmap_window_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, action_open);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, action_import);
  gtk_widget_class_install_action (widget_class, "win.open-example", NULL, action_open_example);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", action_open_recent);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, action_export);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, action_print);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, action_undo);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, action_undo);
  /* Stateful, so that the menu shows a check. */
  gtk_widget_class_install_property_action (widget_class, "win.toggle-panel", "side-panel-visible");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-panel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap"

#include "config.h"

#include "orgmap-application.h"

#include <glib/gi18n.h>

#include "orgmap-window.h"

struct _OrgmapApplication
{
  GtkApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (OrgmapApplication, orgmap_application, GTK_TYPE_APPLICATION)

static void
action_quit (GSimpleAction *action,
             GVariant      *param,
             gpointer       data)
{
  GApplication *app = data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Every edit is already stored: closing loses nothing. */
  while (windows != NULL)
    {
      GList *next = windows->next;

      gtk_window_destroy (windows->data);
      windows = next;
    }
}

static void
action_about (GSimpleAction *action,
              GVariant      *param,
              gpointer       data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (data));

  gtk_show_about_dialog (window,
                         "program-name", _("Orgmap"),
                         "logo-icon-name", ORGMAP_APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Map the internal clients of an organisation: who serves whom, "
                                       "how each relation is classified, and how good the service is."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", action_quit, NULL, NULL, NULL, { 0 } },
  { "about", action_about, NULL, NULL, NULL, { 0 } },
};

static void
orgmap_application_startup (GApplication *app)
{
  const char *quit_accels[] = { "<Control>q", NULL };

  /* The window's class registers the resources as it is made: GtkApplication
   * looks for the keyboard shortcuts window among them as it starts. */
  g_type_class_unref (g_type_class_ref (ORGMAP_TYPE_WINDOW));
  G_APPLICATION_CLASS (orgmap_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
}

static void
orgmap_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      OrgmapWindow *win = orgmap_window_new (GTK_APPLICATION (app));

      /* With no file given: the map a person was working on last, if it
       * has no place of its own yet; else the example shows what Orgmap
       * is for. */
      if (!orgmap_window_open_last_draft (win))
        orgmap_window_open_example (win);
      window = GTK_WINDOW (win);
    }
  gtk_window_present (window);
}

static void
orgmap_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      OrgmapWindow *window = orgmap_window_new (GTK_APPLICATION (app));

      orgmap_window_open (window, files[i]);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
orgmap_application_class_init (OrgmapApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = orgmap_application_startup;
  app_class->activate = orgmap_application_activate;
  app_class->open = orgmap_application_open;
}

static void
orgmap_application_init (OrgmapApplication *self)
{
}

OrgmapApplication *
orgmap_application_new (void)
{
  return g_object_new (ORGMAP_TYPE_APPLICATION,
                       "application-id", ORGMAP_APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}

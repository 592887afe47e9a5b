/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap"

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "orgmap-application.h"
#include "orgmap-i18n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(OrgmapApplication) app = NULL;

  orgmap_i18n_init ();
  g_set_application_name (_("Orgmap"));

  if (!gtk_init_check ())
    {
      g_printerr (_("Orgmap needs a graphical display, and none was found.\n"
                    "To draw a map without one, render it to a picture:\n"
                    "  orgmap-tool render FILE -o map.png\n"));
      return 1;
    }

  app = orgmap_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}

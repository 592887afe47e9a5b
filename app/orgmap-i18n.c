/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap"

#include "config.h"

#include "orgmap-i18n.h"

#include <locale.h>
#include <glib/gi18n.h>

static const char *
find_localedir (void)
{
  static char *build_localedir;
  const char *env = g_getenv ("ORGMAP_LOCALEDIR");
  g_autofree char *exe = NULL;

  if (env != NULL && *env != '\0')
    return env;

  /* Uninstalled: the catalogues are compiled into the build tree. */
  exe = g_file_read_link ("/proc/self/exe", NULL);
  if (exe != NULL && g_str_has_prefix (exe, BUILD_ROOT G_DIR_SEPARATOR_S))
    {
      if (build_localedir == NULL)
        build_localedir = g_build_filename (BUILD_ROOT, "po", NULL);
      return build_localedir;
    }

  return LOCALEDIR;
}

void
orgmap_i18n_init (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, find_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

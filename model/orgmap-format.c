/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-model"

#include "config.h"

#include "orgmap-format.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "orgmap-store.h"
#include "orgmap-xml-import.h"

static const char sqlite_magic[16] = "SQLite format 3";

gboolean
orgmap_format_sniff (const char    *path,
                     OrgmapFormat  *format,
                     GError       **error)
{
  g_autofree char *display = g_filename_display_name (path);
  char head[16];
  struct stat st;
  ssize_t n;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot read “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      gboolean is_dir = S_ISDIR (st.st_mode);

      close (fd);
      g_set_error (error, G_IO_ERROR, is_dir ? G_IO_ERROR_IS_DIRECTORY : G_IO_ERROR_NOT_REGULAR_FILE,
                   is_dir ? _("Cannot read “%s”: it is a folder, not a file")
                          : _("Cannot read “%s”: it is not a regular file"),
                   display);
      return FALSE;
    }

  do
    n = read (fd, head, sizeof head);
  while (n < 0 && errno == EINTR);
  close (fd);

  if (n < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot read “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  if (n == sizeof head && memcmp (head, sqlite_magic, sizeof head) == 0)
    *format = ORGMAP_FORMAT_DOCUMENT;
  else
    *format = ORGMAP_FORMAT_XML;
  return TRUE;
}

OrgmapDocument *
orgmap_format_load (const char      *path,
                    OrgmapFormat    *format,
                    OrgmapProblems  *problems,
                    GError         **error)
{
  OrgmapFormat found;

  g_return_val_if_fail (path != NULL, NULL);

  if (format == NULL)
    format = &found;
  if (!orgmap_format_sniff (path, format, error))
    return NULL;
  if (*format == ORGMAP_FORMAT_DOCUMENT)
    return orgmap_store_load (path, error);
  return orgmap_xml_import_file (path, problems, error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-model"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "orgmap-atomic-file.h"

struct _OrgmapAtomicFile
{
  char *path;
  char *temp_path;
  FILE *stream;
  gboolean overwrite;
};

static void
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Cannot write “%s”: %s"), display, g_strerror (saved_errno));
}

OrgmapAtomicFile *
orgmap_atomic_file_new (const char  *path,
                        gboolean     overwrite,
                        GError     **error)
{
  g_autofree char *temp_path = NULL;
  struct stat st;
  FILE *stream;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_stat (path, &st) == 0)
    {
      g_autofree char *display = g_filename_display_name (path);

      if (S_ISDIR (st.st_mode))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                       _("Cannot write “%s”: it is a folder"), display);
          return NULL;
        }
      if (!overwrite)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("“%s” already exists and was left as it was"), display);
          return NULL;
        }
    }

  temp_path = g_strdup_printf ("%s.XXXXXX", path);
  fd = g_mkstemp_full (temp_path, O_RDWR | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      set_errno_error (error, errno, path);
      return NULL;
    }

  stream = fdopen (fd, "w");
  if (stream == NULL)
    {
      int saved_errno = errno;

      close (fd);
      g_unlink (temp_path);
      set_errno_error (error, saved_errno, path);
      return NULL;
    }
  setvbuf (stream, NULL, _IOFBF, 1 << 16);

  {
    OrgmapAtomicFile *self = g_new0 (OrgmapAtomicFile, 1);

    self->path = g_strdup (path);
    self->temp_path = g_steal_pointer (&temp_path);
    self->stream = stream;
    self->overwrite = overwrite;
    return self;
  }
}

FILE *
orgmap_atomic_file_get_stream (OrgmapAtomicFile *self)
{
  return self->stream;
}

const char *
orgmap_atomic_file_get_temp_path (OrgmapAtomicFile *self)
{
  return self->temp_path;
}

static void
atomic_file_free (OrgmapAtomicFile *self)
{
  if (self->stream != NULL)
    fclose (self->stream);
  g_free (self->path);
  g_free (self->temp_path);
  g_free (self);
}

gboolean
orgmap_atomic_file_commit (OrgmapAtomicFile  *self,
                           GError           **error)
{
  int saved_errno = 0;

  if (fflush (self->stream) != 0 || ferror (self->stream) || fsync (fileno (self->stream)) != 0)
    saved_errno = errno != 0 ? errno : EIO;

  if (fclose (self->stream) != 0 && saved_errno == 0)
    saved_errno = errno;
  self->stream = NULL;

  if (saved_errno == 0 && !self->overwrite)
    {
      /* link() fails when the target appeared meanwhile: never clobber it. */
      if (link (self->temp_path, self->path) == 0)
        g_unlink (self->temp_path);
      else if (errno != EEXIST && !g_file_test (self->path, G_FILE_TEST_EXISTS))
        {
          /* File systems without hard links: rename, the target being absent. */
          if (g_rename (self->temp_path, self->path) != 0)
            saved_errno = errno;
        }
      else
        saved_errno = EEXIST;
    }
  else if (saved_errno == 0 && g_rename (self->temp_path, self->path) != 0)
    saved_errno = errno;

  if (saved_errno != 0)
    {
      if (saved_errno == EEXIST)
        {
          g_autofree char *display = g_filename_display_name (self->path);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("“%s” already exists and was left as it was"), display);
        }
      else
        set_errno_error (error, saved_errno, self->path);
      g_unlink (self->temp_path);
      atomic_file_free (self);
      return FALSE;
    }

  atomic_file_free (self);
  return TRUE;
}

void
orgmap_atomic_file_abort (OrgmapAtomicFile *self)
{
  if (self == NULL)
    return;
  if (self->stream != NULL)
    {
      fclose (self->stream);
      self->stream = NULL;
    }
  g_unlink (self->temp_path);
  atomic_file_free (self);
}

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

#include "orgmap-error.h"
#include "orgmap-import-generic.h"
#include "orgmap-import-graph.h"
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

/* Detection */

/* What is read of a file to find its root element: enough for a long XML
 * declaration, comments and a DOCTYPE's internal subset. */
#define HEAD_SIZE 65536

typedef struct
{
  OrgmapImportKind  kind;
  char             *root;     /* local name of the root element, or NULL */
  int               line;     /* where it starts */
  int               column;
} Head;

static OrgmapImportKind
kind_of_root (const char *local)
{
  if (strcmp (local, "orgmap") == 0)
    return ORGMAP_IMPORT_NATIVE;
  if (strcmp (local, "graphml") == 0)
    return ORGMAP_IMPORT_GRAPHML;
  if (strcmp (local, "mxfile") == 0 || strcmp (local, "mxGraphModel") == 0)
    return ORGMAP_IMPORT_DRAWIO;
  return ORGMAP_IMPORT_GENERIC;
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '-' || c == '.' || c == ':' || (c & 0x80) != 0;
}

/* The first bytes as UTF-8: UTF-16 files (with a byte order mark, or
 * starting with "<" and a zero byte) are converted, a UTF-8 byte order
 * mark dropped. NULL for other binary data. */
static char *
head_as_utf8 (const char *data,
              gsize       len,
              gsize      *out_len)
{
  const guchar *b = (const guchar *) data;
  const char *charset = NULL;
  gsize skip = 0;

  if (len >= 2 && b[0] == 0xff && b[1] == 0xfe)
    charset = "UTF-16LE", skip = 2;
  else if (len >= 2 && b[0] == 0xfe && b[1] == 0xff)
    charset = "UTF-16BE", skip = 2;
  else if (len >= 2 && b[0] == '<' && b[1] == 0)
    charset = "UTF-16LE";
  else if (len >= 2 && b[0] == 0 && b[1] == '<')
    charset = "UTF-16BE";
  else if (len >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf)
    skip = 3;

  if (charset != NULL)
    {
      gsize even = (len - skip) & ~(gsize) 1;

      /* A character cut at the end of the head (an odd byte, half a
       * surrogate pair) is dropped */
      for (gsize cut = 0; cut <= 4 && cut < even; cut += 2)
        {
          char *utf8 = g_convert (data + skip, even - cut, "UTF-8", charset, NULL, out_len, NULL);

          if (utf8 != NULL)
            return utf8;
        }
      return NULL;
    }
  if (memchr (data, '\0', len) != NULL)
    return NULL;
  *out_len = len - skip;
  return g_strndup (data + skip, len - skip);
}

static void
position_of (const char *text,
             const char *at,
             int        *line,
             int        *column)
{
  *line = 1;
  *column = 1;
  for (const char *p = text; p < at; p++)
    {
      if (*p == '\n')
        *line += 1, *column = 1;
      else if ((*p & 0xc0) != 0x80)
        *column += 1;
    }
}

/* Finds the root element in the head of the file, past the XML
 * declaration, comments, processing instructions and the DOCTYPE (whose
 * name is taken). FALSE when something else than markup comes first:
 * the file is not XML; @at says where. */
static gboolean
find_root (const char  *text,
           gsize        len,
           Head        *head,
           const char **at)
{
  const char *end = text + len;
  const char *p = text;

  for (;;)
    {
      const char *name;
      const char *stop;

      while (p < end && g_ascii_isspace (*p))
        p++;
      if (p >= end)
        return TRUE;       /* cut short: the importer will say how */
      if (*p != '<' || p + 1 >= end)
        {
          *at = p;
          return p + 1 >= end && *p == '<';
        }

      if (p[1] == '?' || g_str_has_prefix (p, "<!--"))
        {
          const char *close = p[1] == '?' ? "?>" : "-->";

          stop = g_strstr_len (p + 2, end - p - 2, close);
          if (stop == NULL)
            return TRUE;
          p = stop + strlen (close);
          continue;
        }

      if (g_str_has_prefix (p, "<!DOCTYPE"))
        name = p + strlen ("<!DOCTYPE");
      else if (p[1] == '!' || p[1] == '/' || !is_name_char (p[1]))
        {
          *at = p;
          return FALSE;
        }
      else
        name = p + 1;

      while (name < end && g_ascii_isspace (*name))
        name++;
      for (stop = name; stop < end && is_name_char (*stop); stop++)
        ;
      if (stop == name || stop >= end)
        return TRUE;

      head->root = g_strndup (name, stop - name);
      if (strchr (head->root, ':') != NULL)
        memmove (head->root, strrchr (head->root, ':') + 1, strlen (strrchr (head->root, ':')));
      head->kind = kind_of_root (head->root);
      position_of (text, p, &head->line, &head->column);
      return TRUE;
    }
}

/* Reads the head of @path and tells its kind. Fails for what cannot be
 * read, as orgmap_format_sniff(), and for what is not XML at all. */
static gboolean
detect (const char      *path,
        Head            *head,
        OrgmapProblems  *problems,
        GError         **error)
{
  g_autofree char *display = g_filename_display_basename (path);
  g_autofree char *buf = NULL;
  g_autofree char *text = NULL;
  const char *at = NULL;
  struct stat st;
  gssize n;
  gsize len;
  int fd;

  memset (head, 0, sizeof *head);
  head->kind = ORGMAP_IMPORT_NATIVE;

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
  if (fd < 0 || fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      int saved_errno = errno;
      gboolean is_dir = fd >= 0 && S_ISDIR (st.st_mode);

      if (fd < 0)
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                     _("Cannot read “%s”: %s"), display, g_strerror (saved_errno));
      else
        g_set_error (error, G_IO_ERROR, is_dir ? G_IO_ERROR_IS_DIRECTORY : G_IO_ERROR_NOT_REGULAR_FILE,
                     is_dir ? _("Cannot read “%s”: it is a folder, not a file")
                            : _("Cannot read “%s”: it is not a regular file"),
                     display);
      if (fd >= 0)
        close (fd);
      return FALSE;
    }

  buf = g_malloc (HEAD_SIZE);
  do
    n = pread (fd, buf, HEAD_SIZE, 0);
  while (n < 0 && errno == EINTR);
  close (fd);
  if (n < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot read “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  /* An empty file: the native importer says so */
  if (n == 0)
    return TRUE;

  text = head_as_utf8 (buf, n, &len);
  if (text == NULL)
    {
      if (problems != NULL)
        orgmap_problems_add (problems, 0, 0, NULL, "%s",
                             _("The file is not an org chart that Orgmap can read: it holds binary data, not text"));
      g_set_error (error, ORGMAP_IMPORT_ERROR, ORGMAP_IMPORT_ERROR_FORMAT,
                   _("“%s” is not an org chart: it holds binary data, not text"), display);
      return FALSE;
    }

  if (!find_root (text, len, head, &at))
    {
      const char *eol = at + strcspn (at, "\r\n");
      g_autofree char *valid = g_utf8_make_valid (at, MIN (eol - at, 60));
      int line, column;

      position_of (text, at, &line, &column);
      if (problems != NULL)
        orgmap_problems_add (problems, line, column, NULL,
                             _("The file is not an org chart that Orgmap can read: it holds text that is not XML, starting with “%s”"),
                             valid);
      g_set_error (error, ORGMAP_IMPORT_ERROR, ORGMAP_IMPORT_ERROR_FORMAT,
                   _("“%s” is not an org chart: it is text, not XML"), display);
      return FALSE;
    }
  return TRUE;
}

gboolean
orgmap_format_detect (const char        *path,
                      OrgmapImportKind  *kind,
                      char             **root,
                      OrgmapProblems    *problems,
                      GError           **error)
{
  Head head;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);

  if (!detect (path, &head, problems, error))
    return FALSE;
  *kind = head.kind;
  if (root != NULL)
    *root = g_steal_pointer (&head.root);
  g_free (head.root);
  return TRUE;
}

/* Reports */

OrgmapImportReport *
orgmap_import_report_new (void)
{
  return g_new0 (OrgmapImportReport, 1);
}

void
orgmap_import_report_free (OrgmapImportReport *report)
{
  if (report == NULL)
    return;
  g_strfreev (report->pages);
  g_free (report);
}

const char *
orgmap_import_kind_label (OrgmapImportKind kind)
{
  switch (kind)
    {
    case ORGMAP_IMPORT_NATIVE:
      /* Translators: the kind of a file */
      return _("Orgmap XML");
    case ORGMAP_IMPORT_GRAPHML:
      return "GraphML";
    case ORGMAP_IMPORT_DRAWIO:
      return "draw.io";
    case ORGMAP_IMPORT_GENERIC:
    default:
      /* Translators: the kind of a file */
      return _("XML");
    }
}

/* Importing */

/* XML of any other vocabulary: records nested or pointing at their parent,
 * found without configuration unless a mapping is given; records of people
 * with a department become the chart of their departments by default. */
static OrgmapDocument *
import_generic (const char                 *path,
                const OrgmapImportOptions  *options,
                OrgmapImportReport         *report,
                OrgmapProblems             *problems,
                GError                    **error)
{
  g_auto(OrgmapGenericMapping) detected = { 0 };
  const OrgmapGenericMapping *mapping = options->mapping;
  OrgmapGenericReport counts = { 0 };
  OrgmapGenericMode mode;
  OrgmapDocument *doc;

  if (mapping == NULL)
    {
      if (!orgmap_generic_detect (path, &detected, problems, error))
        return NULL;
      mapping = &detected;
    }

  if (options->people == ORGMAP_IMPORT_PEOPLE_AS_DEPARTMENTS ||
      (options->people == ORGMAP_IMPORT_PEOPLE_AUTO && mapping->department.name != NULL))
    mode = ORGMAP_GENERIC_DEPARTMENTS;
  else
    mode = ORGMAP_GENERIC_UNITS;

  doc = orgmap_generic_import_file (path, mapping, mode, report, &counts, problems, error);
  if (doc != NULL && report != NULL)
    {
      report->kind = ORGMAP_IMPORT_GENERIC;
      report->departments = mode == ORGMAP_GENERIC_DEPARTMENTS;
      report->n_records = counts.n_records;
      report->n_people = counts.n_people;
      report->n_without_department = counts.n_without_department;
    }
  return doc;
}

OrgmapDocument *
orgmap_format_import (const char                 *path,
                      const OrgmapImportOptions  *options,
                      OrgmapImportReport         *report,
                      OrgmapProblems             *problems,
                      GError                    **error)
{
  static const OrgmapImportOptions defaults = { 0 };
  OrgmapDocument *doc = NULL;
  Head head;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &defaults;
  if (report != NULL)
    {
      g_strfreev (report->pages);
      memset (report, 0, sizeof *report);
    }

  if (!detect (path, &head, problems, error))
    return NULL;
  if (report != NULL)
    report->kind = head.kind;

  switch (head.kind)
    {
    case ORGMAP_IMPORT_GRAPHML:
      doc = orgmap_graphml_import_file (path, report, problems, error);
      break;

    case ORGMAP_IMPORT_DRAWIO:
      doc = orgmap_drawio_import_file (path, options->page, report, problems, error);
      break;

    case ORGMAP_IMPORT_GENERIC:
      doc = import_generic (path, options, report, problems, error);
      break;

    case ORGMAP_IMPORT_NATIVE:
    default:
      doc = orgmap_xml_import_file (path, problems, error);
      if (doc != NULL && report != NULL)
        {
          report->n_units = orgmap_document_get_n_units (doc);
          report->n_links = orgmap_document_get_n_links (doc);
        }
      break;
    }

  g_free (head.root);
  return doc;
}

char **
orgmap_format_list_pages (const char  *path,
                          GError     **error)
{
  Head head;

  g_return_val_if_fail (path != NULL, NULL);

  if (!detect (path, &head, NULL, error))
    return NULL;
  g_free (head.root);
  if (head.kind == ORGMAP_IMPORT_DRAWIO)
    return orgmap_drawio_list_pages (path, error);
  return g_new0 (char *, 1);
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
  return orgmap_format_import (path, NULL, NULL, problems, error);
}

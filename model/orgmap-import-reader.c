/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-model"

#include "config.h"

#include "orgmap-import-reader.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "orgmap-xml-import.h"
#include "orgmap-xml-scan.h"

/* As the native importer: no entity substitution, no DTD loading, no
 * network; line numbers above 65535 kept. */
#define READER_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES)

struct _OrgmapImportReader
{
  xmlTextReaderPtr  reader;
  OrgmapImportLog  *log;

  const char       *data;       /* memory input, or NULL */
  gsize             len;
  int               fd;         /* file input, or -1 */
  gsize             pos;        /* bytes handed to libxml2 so far */

  OrgmapXmlScan     scan;       /* refuses tags with too many attributes */

  /* Where the element that follows starts, from the white space before it */
  int               next_line;
  int               next_column;
  int               line;
  int               column;

  gboolean          failed;
  gboolean          done;
};

static int
input_read (void *user_data,
            char *buffer,
            int   len)
{
  OrgmapImportReader *in = user_data;
  gssize n;

  if (in->data != NULL)
    {
      n = MIN ((gsize) len, in->len - in->pos);
      memcpy (buffer, in->data + in->pos, n);
    }
  else
    {
      do
        n = read (in->fd, buffer, len);
      while (n < 0 && errno == EINTR);
      if (n < 0)
        return -1;
    }

  if (!orgmap_xml_scan_feed (&in->scan, buffer, n))
    return -1;
  in->pos += n;
  return n;
}

/* Calls @func on the input from its start, in chunks; only on the way to
 * a problem, so a second read costs nothing in the common case. */
static void
input_reread (OrgmapImportReader *in,
              gsize               limit,
              void              (*func) (const char *buf, gsize len, gpointer data),
              gpointer            data)
{
  if (in->data != NULL)
    func (in->data, MIN (limit, in->len), data);
  else if (in->fd >= 0)
    {
      g_autofree char *buf = g_malloc (65536);
      off_t offset = 0;
      gssize n;

      while ((gsize) offset < limit &&
             (n = pread (in->fd, buf, MIN (65536, limit - offset), offset)) > 0)
        {
          func (buf, n, data);
          offset += n;
        }
    }
}

typedef struct
{
  int line, column;            /* running position, in UTF-8 characters */
  int last_line, last_column;  /* of the last character that is not white space */
} Position;

static void
position_feed (const char *buf,
               gsize       len,
               gpointer    data)
{
  Position *pos = data;

  for (gsize i = 0; i < len; i++)
    {
      guchar c = buf[i];

      if (c == '\n')
        {
          pos->line++;
          pos->column = 0;
          continue;
        }
      if ((c & 0xc0) != 0x80)
        pos->column++;
      if (c != ' ' && c != '\t' && c != '\r')
        {
          pos->last_line = pos->line;
          pos->last_column = pos->column;
        }
    }
}

/* Line and column of byte @offset */
static void
input_position (OrgmapImportReader *in,
                gsize               offset,
                int                *line,
                int                *column)
{
  Position pos = { 1, 0, 0, 0 };

  input_reread (in, offset, position_feed, &pos);
  *line = pos.line;
  *column = pos.column + 1;
}

/* Whether libxml2 stopped at the end of the data (the file is cut short) */
static gboolean
error_at_end (OrgmapImportReader *in,
              int                 line,
              int                 column)
{
  Position pos = { 1, 0, 0, 0 };

  if (in->data == NULL && in->fd < 0)
    return FALSE;
  input_reread (in, G_MAXSIZE, position_feed, &pos);
  return line > pos.last_line || (line == pos.last_line && column > pos.last_column);
}

typedef struct
{
  const char *needle;
  gssize      offset;
  gsize       done;
} Search;

static void
search_feed (const char *buf,
             gsize       len,
             gpointer    data)
{
  Search *search = data;
  const char *at;

  if (search->offset < 0 && (at = memmem (buf, len, search->needle, strlen (search->needle))) != NULL)
    search->offset = search->done + (at - buf);
  search->done += len;
}

/* Where @needle first occurs in the first 64 KiB of the data */
static void
locate_in_head (OrgmapImportReader *in,
                const char         *needle,
                int                *line,
                int                *column)
{
  Search search = { needle, -1, 0 };

  *line = *column = 0;
  /* One chunk: the needle is short, a split between chunks is unlikely
   * and only costs the column. */
  input_reread (in, 65536, search_feed, &search);
  if (search.offset >= 0)
    input_position (in, search.offset, line, column);
}

static void
on_xml_error (void        *user_data,
              xmlErrorPtr  error)
{
  OrgmapImportReader *in = user_data;
  OrgmapImportLog *log = in->log;
  g_autofree char *text = NULL;
  int line = error->line;
  int column = error->int2;

  /* Warnings change nothing; after the first fatal error libxml2 often
   * explains the same fault again in other words. */
  if (error->level < XML_ERR_ERROR || in->failed || in->scan.too_many_attrs)
    return;
  if (error->level == XML_ERR_FATAL)
    in->failed = TRUE;

  text = g_strstrip (g_strdup (error->message != NULL ? error->message : ""));

  switch (error->code)
    {
    case XML_ERR_DOCUMENT_START:
    case XML_ERR_DOCUMENT_EMPTY:
      orgmap_import_log_fail (log, ORGMAP_IMPORT_ERROR_SYNTAX, line, column, NULL,
                              _("The file does not contain XML: no element was found where the document should start"));
      return;

    case XML_ERR_DOCUMENT_END:
      if (!error_at_end (in, line, column))
        {
          orgmap_import_log_fail (log, ORGMAP_IMPORT_ERROR_SYNTAX, line, column, NULL,
                                  _("The file continues after the end of its root element"));
          return;
        }
      break;

    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_ENCODING:
      if (error->str1 != NULL && g_str_has_prefix (error->str1, "Bytes:"))
        orgmap_import_log_fail (log, ORGMAP_IMPORT_ERROR_SYNTAX, line, column, NULL,
                                _("The file is not valid UTF-8 text and does not declare another encoding"));
      else
        orgmap_import_log_fail (log, ORGMAP_IMPORT_ERROR_SYNTAX, line, column, NULL,
                                _("The file contains a character that XML does not allow"));
      return;

    case XML_ERR_UNSUPPORTED_ENCODING:
    case XML_ERR_UNKNOWN_ENCODING:
      orgmap_import_log_fail (log, ORGMAP_IMPORT_ERROR_SYNTAX, line, column, NULL,
                              _("The file declares the encoding “%s”, which is not supported"),
                              error->str1 != NULL ? error->str1 : "?");
      return;

    case XML_ERR_INTERNAL_ERROR:
      if (strstr (text, "depth") != NULL)
        {
          orgmap_import_log_fail (log, ORGMAP_IMPORT_ERROR_FORBIDDEN, line, column, NULL,
                                  _("Elements are nested more than %u levels deep"),
                                  MIN (xmlParserMaxDepth, ORGMAP_XML_MAX_DEPTH));
          return;
        }
      break;

    case XML_ERR_ENTITY_LOOP:
    case XML_ERR_ENTITY_PE_INTERNAL:
    case XML_ERR_ENTITY_IS_EXTERNAL:
    case XML_ERR_EXT_ENTITY_STANDALONE:
      /* libxml2 places these inside the entity's own text: the entities
       * are defined in the DOCTYPE, say so there. */
      locate_in_head (in, "<!DOCTYPE", &line, &column);
      orgmap_import_log_fail (log, ORGMAP_IMPORT_ERROR_FORBIDDEN, line, column, NULL,
                              _("The file defines entities, which Orgmap refuses in imported files: they could read other files or expand without bounds"));
      return;

    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
      orgmap_import_log_fail (log, ORGMAP_IMPORT_ERROR_SYNTAX, line, column, NULL,
                              /* Translators: &amp; &lt; … are XML syntax, keep them */
                              _("The entity “&%s;” is not defined; only &amp; &lt; &gt; &quot; and &apos; can be used"),
                              error->str1 != NULL ? error->str1 : "?");
      return;

    case XML_ERR_TAG_NAME_MISMATCH:
      orgmap_import_log_fail (log, ORGMAP_IMPORT_ERROR_SYNTAX, line, column, NULL,
                              _("The end tag does not match the start tag <%s>"),
                              error->str1 != NULL ? error->str1 : "?");
      return;

    default:
      break;
    }

  if (error->level == XML_ERR_FATAL && error_at_end (in, line, column))
    {
      orgmap_import_log_fail (log, ORGMAP_IMPORT_ERROR_SYNTAX, line, column, NULL,
                              _("The file ends before its elements are closed: it is truncated or was not completely written"));
      return;
    }

  /* Translators: %s is libxml2's own (English) description of the fault */
  orgmap_import_log_fail (log, ORGMAP_IMPORT_ERROR_SYNTAX, line, column, NULL,
                          _("The file is not well-formed XML: %s"), text);
}

/* The text before an element ends where the element starts: after its
 * last newline, the indentation gives the column. */
static void
note_text (OrgmapImportReader *self)
{
  xmlNodePtr node = xmlTextReaderCurrentNode (self->reader);
  const char *text = (const char *) xmlTextReaderConstValue (self->reader);
  const char *newline;
  const char *p;

  self->next_line = node != NULL ? (int) xmlGetLineNo (node) : 0;
  self->next_column = 0;
  if (self->next_line <= 0 || text == NULL)
    {
      self->next_line = 0;
      return;
    }
  newline = strrchr (text, '\n');
  if (newline == NULL)
    return;
  for (p = newline + 1; *p == ' ' || *p == '\t'; p++)
    ;
  if (*p == '\0')
    self->next_column = p - newline;
}

int
orgmap_import_open_file (const char      *path,
                         OrgmapImportLog *log)
{
  struct stat st;
  int saved_errno;
  int flags;
  int fd;

  orgmap_xml_init ();

  /* O_NONBLOCK: opening a FIFO must not wait for a writer. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      saved_errno = errno;
      if (saved_errno == ENOENT || saved_errno == ENOTDIR)
        orgmap_import_log_fail (log, ORGMAP_IMPORT_ERROR_IO, 0, 0, NULL, _("The file does not exist"));
      else if (saved_errno == EACCES || saved_errno == EPERM)
        orgmap_import_log_fail (log, ORGMAP_IMPORT_ERROR_IO, 0, 0, NULL,
                                _("You do not have permission to read the file"));
      else
        orgmap_import_log_fail (log, ORGMAP_IMPORT_ERROR_IO, 0, 0, NULL,
                                _("The file cannot be opened: %s"), g_strerror (saved_errno));
      return -1;
    }

  if (fstat (fd, &st) != 0)
    {
      saved_errno = errno;
      orgmap_import_log_fail (log, ORGMAP_IMPORT_ERROR_IO, 0, 0, NULL,
                              _("The file cannot be opened: %s"), g_strerror (saved_errno));
      close (fd);
      return -1;
    }
  if (S_ISDIR (st.st_mode))
    orgmap_import_log_fail (log, ORGMAP_IMPORT_ERROR_IO, 0, 0, NULL, _("This is a folder, not a file"));
  else if (!S_ISREG (st.st_mode))
    orgmap_import_log_fail (log, ORGMAP_IMPORT_ERROR_IO, 0, 0, NULL,
                            _("This is not a regular file (it may be a device or a pipe)"));
  else if (st.st_size == 0)
    orgmap_import_log_fail (log, ORGMAP_IMPORT_ERROR_SYNTAX, 0, 0, NULL, _("The file is empty"));
  if (!S_ISREG (st.st_mode) || st.st_size == 0)
    {
      close (fd);
      return -1;
    }

  flags = fcntl (fd, F_GETFL);
  if (flags != -1)
    fcntl (fd, F_SETFL, flags & ~O_NONBLOCK);
  return fd;
}

static OrgmapImportReader *
reader_new (OrgmapImportLog *log,
            const char      *data,
            gsize            len,
            int              fd)
{
  OrgmapImportReader *self = g_new0 (OrgmapImportReader, 1);

  orgmap_xml_init ();

  self->log = log;
  self->data = data;
  self->len = len;
  self->fd = fd;
  self->reader = xmlReaderForIO (input_read, NULL, self, NULL, NULL, READER_OPTIONS);
  if (self->reader == NULL)
    {
      orgmap_import_log_fail (log, ORGMAP_IMPORT_ERROR_IO, 0, 0, NULL, _("The file cannot be read"));
      self->failed = TRUE;
      return self;
    }
  xmlTextReaderSetStructuredErrorHandler (self->reader, on_xml_error, self);
  return self;
}

OrgmapImportReader *
orgmap_import_reader_new_for_fd (int              fd,
                                 OrgmapImportLog *log)
{
  g_return_val_if_fail (fd >= 0, NULL);
  g_return_val_if_fail (log != NULL, NULL);

  return reader_new (log, NULL, 0, fd);
}

OrgmapImportReader *
orgmap_import_reader_new_for_memory (const char      *data,
                                     gsize            len,
                                     OrgmapImportLog *log)
{
  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (log != NULL, NULL);

  return reader_new (log, data != NULL ? data : "", len, -1);
}

void
orgmap_import_reader_free (OrgmapImportReader *self)
{
  if (self == NULL)
    return;
  if (self->reader != NULL)
    {
      xmlTextReaderSetStructuredErrorHandler (self->reader, NULL, NULL);
      xmlFreeTextReader (self->reader);
    }
  g_free (self);
}

xmlTextReaderPtr
orgmap_import_reader_get_xml (OrgmapImportReader *self)
{
  return self->reader;
}

char *
orgmap_import_reader_attribute (OrgmapImportReader *self,
                                const char         *name)
{
  xmlChar *value = xmlTextReaderGetAttribute (self->reader, BAD_CAST name);
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

const char *
orgmap_import_reader_intern (OrgmapImportReader *self,
                             const char         *name)
{
  return (const char *) xmlTextReaderConstString (self->reader, BAD_CAST name);
}

gboolean
orgmap_import_reader_next (OrgmapImportReader *self)
{
  int ret;

  if (self->failed || self->done)
    return FALSE;

  while ((ret = xmlTextReaderRead (self->reader)) == 1 && !self->failed)
    {
      switch (xmlTextReaderNodeType (self->reader))
        {
        case XML_READER_TYPE_ELEMENT:
          self->line = self->next_line;
          self->column = self->next_column;
          if (self->line <= 0)
            {
              xmlNodePtr node = xmlTextReaderCurrentNode (self->reader);

              self->line = node != NULL ? (int) xmlGetLineNo (node) : 0;
              self->column = 0;
            }
          self->next_line = 0;
          return TRUE;

        case XML_READER_TYPE_END_ELEMENT:
          self->next_line = 0;
          return TRUE;

        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
          self->next_line = 0;
          return TRUE;

        case XML_READER_TYPE_WHITESPACE:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
          note_text (self);
          break;

        case XML_READER_TYPE_DOCUMENT_TYPE:
          {
            int line, column;

            locate_in_head (self, "<!DOCTYPE", &line, &column);
            orgmap_import_log_fail (self->log, ORGMAP_IMPORT_ERROR_FORBIDDEN, line, column, NULL,
                                    _("The file declares a DOCTYPE, which Orgmap refuses in imported files: it could read other files or expand without bounds"));
            self->failed = TRUE;
          }
          return FALSE;

        case XML_READER_TYPE_ENTITY_REFERENCE:
          orgmap_import_log_fail (self->log, ORGMAP_IMPORT_ERROR_FORBIDDEN,
                                  xmlTextReaderGetParserLineNumber (self->reader), 0, NULL,
                                  _("The file uses the entity “&%s;”, which Orgmap refuses in imported files"),
                                  (const char *) xmlTextReaderConstLocalName (self->reader));
          self->failed = TRUE;
          return FALSE;

        default:
          self->next_line = 0;
          break;
        }
    }

  if (self->scan.too_many_attrs)
    {
      int line, column;

      input_position (self, self->scan.tag_start, &line, &column);
      orgmap_import_log_fail (self->log, ORGMAP_IMPORT_ERROR_FORBIDDEN, line, column, NULL,
                              _("An element has more than %u attributes"), ORGMAP_XML_MAX_ATTRIBUTES);
      self->failed = TRUE;
    }
  else if (ret < 0 && !self->failed)
    {
      /* libxml2 said nothing we could use */
      orgmap_import_log_fail (self->log, ORGMAP_IMPORT_ERROR_SYNTAX, 0, 0, NULL,
                              _("The file could not be read as XML"));
      self->failed = TRUE;
    }
  if (ret < 0)
    self->failed = TRUE;
  self->done = TRUE;
  return FALSE;
}

int
orgmap_import_reader_node_type (OrgmapImportReader *self)
{
  int type = xmlTextReaderNodeType (self->reader);

  return type == XML_READER_TYPE_CDATA ? XML_READER_TYPE_TEXT : type;
}

void
orgmap_import_reader_locate (OrgmapImportReader *self,
                             int                *line,
                             int                *column)
{
  *line = self->line;
  *column = self->column;
}

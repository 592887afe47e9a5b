/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-model"

#include "config.h"

#include "orgmap-xml-import.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlreader.h>

#include "orgmap-xml-import-private.h"
#include "orgmap-xml-scan.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlTextReader, xmlFreeTextReader)

/* No entity substitution, no DTD loading, no network. XML_PARSE_BIG_LINES
 * only makes libxml2 keep line numbers above 65535 (in text nodes), which
 * the problem locations of big files need. */
#define READER_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES)

/* Input: the bytes libxml2 reads, from a file or from memory, through
 * the scanner that refuses tags with too many attributes. */
typedef struct
{
  Importer   *importer;
  const char *data;       /* memory input, or NULL */
  gsize       len;
  int         fd;         /* file input, or -1 */
  gsize       pos;        /* bytes handed to libxml2 so far */

  OrgmapXmlScan scan;
} Input;

static int
input_read (void *user_data,
            char *buffer,
            int   len)
{
  Input *in = user_data;
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

/* Line and column of byte @offset; only on the way to a problem. */
static void
input_position (Input *in,
                gsize  offset,
                int   *line,
                int   *column)
{
  char buf[65536];
  gsize done = 0;

  *line = 1;
  *column = 1;
  while (done < offset)
    {
      const char *chunk;
      gsize n = MIN (offset - done, sizeof buf);

      if (in->data != NULL)
        chunk = in->data + done;
      else
        {
          gssize got = pread (in->fd, buf, n, done);

          if (got <= 0)
            return;
          n = got;
          chunk = buf;
        }
      for (gsize k = 0; k < n; k++)
        {
          if (chunk[k] == '\n')
            *line += 1, *column = 1;
          else if ((chunk[k] & 0xc0) != 0x80)
            *column += 1;
        }
      done += n;
    }
}

/* libxml2 errors */

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Line and column (in UTF-8 characters) of the last character that is not
 * white space. Only used after a syntax error, so a second read of the
 * file costs nothing in the common case. */
typedef struct
{
  int line, column;      /* running position */
  int last_line, last_column;
} EndScan;

static void
end_scan_feed (EndScan    *scan,
               const char *buf,
               gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      guchar c = buf[i];

      if (c == '\n')
        {
          scan->line++;
          scan->column = 0;
          continue;
        }
      if ((c & 0xc0) != 0x80)
        scan->column++;
      if (!is_blank (c))
        {
          scan->last_line = scan->line;
          scan->last_column = scan->column;
        }
    }
}

static gboolean
error_at_end (Input *ctx,
              int    line,
              int    column)
{
  EndScan scan = { 1, 0, 0, 0 };

  if (ctx->data != NULL)
    end_scan_feed (&scan, ctx->data, ctx->len);
  else if (ctx->fd >= 0)
    {
      char buf[65536];
      off_t offset = 0;
      gssize n;

      while ((n = pread (ctx->fd, buf, sizeof buf, offset)) > 0)
        {
          end_scan_feed (&scan, buf, n);
          offset += n;
        }
    }
  else
    return FALSE;

  return line > scan.last_line || (line == scan.last_line && column > scan.last_column);
}

static void
on_xml_error (void        *user_data,
              xmlErrorPtr  error)
{
  Input *ctx = user_data;
  Importer *self = ctx->importer;
  g_autofree char *text = NULL;
  int line = error->line;
  int column = error->int2;

  /* Warnings change nothing; after the first fatal error libxml2 often
   * explains the same fault again in other words. */
  if (error->level < XML_ERR_ERROR || self->have_syntax_error || ctx->scan.too_many_attrs)
    return;
  if (error->level == XML_ERR_FATAL)
    self->have_syntax_error = TRUE;

  text = g_strstrip (g_strdup (error->message != NULL ? error->message : ""));

  switch (error->code)
    {
    case XML_ERR_DOCUMENT_START:
    case XML_ERR_DOCUMENT_EMPTY:
      orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_SYNTAX, line, column, NULL,
                          _("The file does not contain XML: no element was found where the document should start"));
      return;

    case XML_ERR_DOCUMENT_END:
      /* Elements left open at the end of the data, or more after the root */
      if (!error_at_end (ctx, line, column))
        {
          orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_SYNTAX, line, column, NULL,
                              _("The file continues after the end of its root element"));
          return;
        }
      break;

    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_ENCODING:
      if (error->str1 != NULL && g_str_has_prefix (error->str1, "Bytes:"))
        orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_SYNTAX, line, column, NULL,
                            _("The file is not valid UTF-8 text and does not declare another encoding"));
      else
        orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_SYNTAX, line, column, NULL,
                            _("The file contains a character that XML does not allow"));
      return;

    case XML_ERR_UNSUPPORTED_ENCODING:
    case XML_ERR_UNKNOWN_ENCODING:
      orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_SYNTAX, line, column, NULL,
                          _("The file declares the encoding “%s”, which is not supported"),
                          error->str1 != NULL ? error->str1 : "?");
      return;

    case XML_ERR_INTERNAL_ERROR:
      if (strstr (text, "depth") != NULL)
        {
          orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_FORBIDDEN, line, column, NULL,
                              _("Elements are nested more than %u levels deep"),
                              MIN (xmlParserMaxDepth, ORGMAP_XML_MAX_DEPTH));
          return;
        }
      break;

    case XML_ERR_ENTITY_LOOP:
    case XML_ERR_ENTITY_PE_INTERNAL:
      orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_FORBIDDEN, line, column, NULL,
                          _("The file defines entities that expand without bounds; Orgmap files never contain entities"));
      return;

    case XML_ERR_ENTITY_IS_EXTERNAL:
    case XML_ERR_EXT_ENTITY_STANDALONE:
      orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_FORBIDDEN, line, column, NULL,
                          _("The file refers to an external entity; Orgmap files never read other files"));
      return;

    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
      orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_SYNTAX, line, column, NULL,
                          /* Translators: &amp; &lt; … are XML syntax, keep them */
                          _("The entity “&%s;” is not defined; only &amp; &lt; &gt; &quot; and &apos; can be used"),
                          error->str1 != NULL ? error->str1 : "?");
      return;

    case XML_ERR_TAG_NAME_MISMATCH:
      orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_SYNTAX, line, column, NULL,
                          _("The end tag does not match the start tag <%s>"),
                          error->str1 != NULL ? error->str1 : "?");
      return;

    default:
      break;
    }

  /* The parser ran out of data: whatever it says, the file is cut short. */
  if (error->level == XML_ERR_FATAL && error_at_end (ctx, line, column))
    {
      orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_SYNTAX, line, column, NULL,
                          _("The file ends before its elements are closed: it is truncated or was not completely written"));
      return;
    }

  /* Translators: %s is libxml2's own (English) description of the fault */
  orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_SYNTAX, line, column, NULL,
                      _("The file is not well-formed XML: %s"), text);
}

static void
note_text (Importer *self)
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

  /* The text ends where the next tag starts: after its last newline,
   * indentation alone gives the column. */
  newline = strrchr (text, '\n');
  if (newline == NULL)
    return;
  for (p = newline + 1; *p == ' ' || *p == '\t'; p++)
    ;
  if (*p == '\0')
    self->next_column = p - newline;
}

/* Where @needle first occurs in the first 64 KiB of the data. */
static void
locate_in_head (Input      *in,
                const char *needle,
                int        *line,
                int        *column)
{
  g_autofree char *buf = NULL;
  const char *data = in->data;
  gsize len = MIN (in->len, 65536);
  const char *at;

  *line = *column = 0;
  if (data == NULL)
    {
      gssize n;

      buf = g_malloc (65536);
      n = pread (in->fd, buf, 65536, 0);
      data = buf;
      len = MAX (n, 0);
    }

  at = memmem (data, len, needle, strlen (needle));
  if (at != NULL)
    input_position (in, at - data, line, column);
}

static void
read_all (Importer *self,
          Input    *ctx)
{
  xmlTextReaderPtr reader = self->reader;
  int ret = 1;

  while (!self->stop && (ret = xmlTextReaderRead (reader)) == 1)
    {
      switch (xmlTextReaderNodeType (reader))
        {
        case XML_READER_TYPE_ELEMENT:
          orgmap_xml_start_element (self);
          self->next_line = 0;
          break;

        case XML_READER_TYPE_END_ELEMENT:
          if (self->stack->len > 0)
            g_array_set_size (self->stack, self->stack->len - 1);
          self->next_line = 0;
          break;

        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_WHITESPACE:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
          note_text (self);
          break;

        case XML_READER_TYPE_DOCUMENT_TYPE:
          {
            int line, column;

            locate_in_head (ctx, "<!DOCTYPE", &line, &column);
            orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_FORBIDDEN, line, column, NULL,
                                _("The file declares a DOCTYPE, which Orgmap files never contain"));
            self->stop = TRUE;
          }
          break;

        case XML_READER_TYPE_ENTITY_REFERENCE:
          orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_FORBIDDEN,
                              xmlTextReaderGetParserLineNumber (reader), 0, NULL,
                              _("The file uses the entity “&%s;”; Orgmap files never contain entities"),
                              (const char *) xmlTextReaderConstLocalName (reader));
          self->stop = TRUE;
          break;

        default:
          self->next_line = 0;
          break;
        }
    }

  if (ctx->scan.too_many_attrs)
    {
      int line, column;

      input_position (ctx, ctx->scan.tag_start, &line, &column);
      orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_FORBIDDEN, line, column, NULL,
                          _("An element has more than %u attributes"), ORGMAP_XML_MAX_ATTRIBUTES);
      self->have_syntax_error = TRUE;
    }
  else if (ret < 0 && self->problems->len == 0 && self->n_unlisted == 0)
    orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_SYNTAX, 0, 0, NULL,
                        _("The file could not be read as XML"));
}


static OrgmapDocument *
import (xmlTextReaderPtr   reader,
        Input             *ctx,
        OrgmapProblems    *problems,
        const char        *fallback_name,
        GError           **error)
{
  Importer self;
  OrgmapDocument *doc = NULL;

  orgmap_xml_importer_init (&self, reader);
  ctx->importer = &self;
  xmlTextReaderSetStructuredErrorHandler (reader, on_xml_error, ctx);

  read_all (&self, ctx);
  if (!self.have_syntax_error && !self.stop)
    orgmap_xml_resolve (&self);
  /* The lookup tables have served; the document builds its own. */
  g_clear_pointer (&self.party_ids, g_hash_table_unref);
  g_clear_pointer (&self.round_ids, g_hash_table_unref);
  g_clear_pointer (&self.dimension_ids, g_hash_table_unref);

  if (self.problems->len == 0 && self.n_unlisted == 0)
    doc = orgmap_xml_build (&self);
  else if (!self.have_syntax_error && !self.stop)
    orgmap_xml_check_link_ids (&self);
  if (doc == NULL)
    orgmap_xml_report (&self, problems, fallback_name, error);

  xmlTextReaderSetStructuredErrorHandler (reader, NULL, NULL);
  orgmap_xml_importer_clear (&self);
  return doc;
}

/* Failures before any XML is read: one problem without a location, and
 * @error says the same with the file's name. */
typedef enum
{
  FAIL_MISSING,
  FAIL_PERMISSION,
  FAIL_OPEN,
  FAIL_FOLDER,
  FAIL_SPECIAL,
  FAIL_EMPTY,
  FAIL_READ,
} Failure;

static void
fail (OrgmapProblems  *problems,
      Failure          failure,
      const char      *fallback_name,
      int              saved_errno,
      GError         **error)
{
  g_autoptr(OrgmapProblems) own = NULL;
  g_autofree char *message = NULL;
  g_autofree char *summary = NULL;
  OrgmapImportError code = ORGMAP_IMPORT_ERROR_IO;
  const char *name;

  switch (failure)
    {
    case FAIL_MISSING:
      message = g_strdup (_("The file does not exist"));
      break;
    case FAIL_PERMISSION:
      message = g_strdup (_("You do not have permission to read the file"));
      break;
    case FAIL_OPEN:
      message = g_strdup_printf (_("The file cannot be opened: %s"), g_strerror (saved_errno));
      break;
    case FAIL_FOLDER:
      message = g_strdup (_("This is a folder, not a file"));
      break;
    case FAIL_SPECIAL:
      message = g_strdup (_("This is not a regular file (it may be a device or a pipe)"));
      break;
    case FAIL_EMPTY:
      message = g_strdup (_("The file is empty"));
      code = ORGMAP_IMPORT_ERROR_SYNTAX;
      break;
    case FAIL_READ:
    default:
      message = g_strdup (_("The file cannot be read"));
      break;
    }

  if (problems == NULL)
    problems = own = orgmap_problems_new (NULL);
  orgmap_problems_add (problems, 0, 0, NULL, "%s", message);
  name = orgmap_problems_get (problems, orgmap_problems_count (problems) - 1)->file;
  if (name == NULL)
    name = fallback_name;

  if (name == NULL)
    {
      g_set_error_literal (error, ORGMAP_IMPORT_ERROR, code, message);
      return;
    }

  switch (failure)
    {
    case FAIL_MISSING:
      summary = g_strdup_printf (_("“%s” does not exist"), name);
      break;
    case FAIL_PERMISSION:
      summary = g_strdup_printf (_("You do not have permission to read “%s”"), name);
      break;
    case FAIL_OPEN:
      summary = g_strdup_printf (_("“%s” cannot be opened: %s"), name, g_strerror (saved_errno));
      break;
    case FAIL_FOLDER:
      summary = g_strdup_printf (_("“%s” is a folder, not a file"), name);
      break;
    case FAIL_SPECIAL:
      summary = g_strdup_printf (_("“%s” is not a regular file"), name);
      break;
    case FAIL_EMPTY:
      summary = g_strdup_printf (_("“%s” is empty"), name);
      break;
    case FAIL_READ:
    default:
      summary = g_strdup_printf (_("“%s” cannot be read"), name);
      break;
    }
  g_set_error_literal (error, ORGMAP_IMPORT_ERROR, code, summary);
}

static xmlParserInputPtr
refuse_entity_loader (const char       *url,
                      const char       *id,
                      xmlParserCtxtPtr  ctxt)
{
  return NULL;
}

void
orgmap_xml_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      /* Orgmap opens every file itself, so libxml2 has nothing to load:
       * no DTD, no external entity, nothing from the network. */
      xmlSetExternalEntityLoader (refuse_entity_loader);
      g_once_init_leave (&initialized, 1);
    }
}

OrgmapDocument *
orgmap_xml_import_file (const char      *path,
                        OrgmapProblems  *problems,
                        GError         **error)
{
  g_autoptr(xmlTextReader) reader = NULL;
  g_autofree char *name = NULL;
  OrgmapDocument *doc;
  Input input = { .fd = -1 };
  struct stat st;
  int fd;
  int flags;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  orgmap_xml_init ();
  name = g_filename_display_basename (path);

  /* O_NONBLOCK: opening a FIFO must not wait for a writer. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT || saved_errno == ENOTDIR)
        fail (problems, FAIL_MISSING, name, saved_errno, error);
      else if (saved_errno == EACCES || saved_errno == EPERM)
        fail (problems, FAIL_PERMISSION, name, saved_errno, error);
      else
        fail (problems, FAIL_OPEN, name, saved_errno, error);
      return NULL;
    }

  if (fstat (fd, &st) != 0)
    {
      fail (problems, FAIL_OPEN, name, errno, error);
      close (fd);
      return NULL;
    }
  if (!S_ISREG (st.st_mode) || st.st_size == 0)
    {
      fail (problems, S_ISDIR (st.st_mode) ? FAIL_FOLDER :
                      !S_ISREG (st.st_mode) ? FAIL_SPECIAL : FAIL_EMPTY,
            name, 0, error);
      close (fd);
      return NULL;
    }

  flags = fcntl (fd, F_GETFL);
  if (flags != -1)
    fcntl (fd, F_SETFL, flags & ~O_NONBLOCK);

  input.fd = fd;
  reader = xmlReaderForIO (input_read, NULL, &input, NULL, NULL, READER_OPTIONS);
  if (reader == NULL)
    {
      fail (problems, FAIL_READ, name, 0, error);
      close (fd);
      return NULL;
    }

  doc = import (reader, &input, problems, name, error);
  g_clear_pointer (&reader, xmlFreeTextReader);
  close (fd);
  return doc;
}

OrgmapDocument *
orgmap_xml_import_memory (const char      *data,
                          gsize            len,
                          OrgmapProblems  *problems,
                          GError         **error)
{
  g_autoptr(xmlTextReader) reader = NULL;
  Input input = { .data = data, .len = len, .fd = -1 };

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  orgmap_xml_init ();

  if (len == 0)
    {
      fail (problems, FAIL_EMPTY, NULL, 0, error);
      return NULL;
    }
  reader = xmlReaderForIO (input_read, NULL, &input, NULL, NULL, READER_OPTIONS);
  if (reader == NULL)
    {
      fail (problems, FAIL_READ, NULL, 0, error);
      return NULL;
    }

  return import (reader, &input, problems, NULL, error);
}

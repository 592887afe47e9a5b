/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-model"

#include "config.h"

#include "orgmap-import-graph.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "orgmap-xml-import.h"

/* The problems of one import of a foreign format, kept apart: failures,
 * which make it fail, and notes, what it worked around. */

typedef struct
{
  int                line;
  int                column;
  guint              seq;
  OrgmapImportError  code;
  char              *id;
  char              *message;
} LogEntry;

struct _OrgmapImportLog
{
  GArray *failures;   /* LogEntry */
  GArray *notes;      /* LogEntry */
  guint   n_unlisted_failures;
  guint   n_unlisted_notes;
  guint   seq;
  char   *page;
  int     page_line;
  int     page_column;
};

static void
log_entry_clear (gpointer data)
{
  LogEntry *entry = data;

  g_free (entry->id);
  g_free (entry->message);
}

OrgmapImportLog *
orgmap_import_log_new (void)
{
  OrgmapImportLog *self = g_new0 (OrgmapImportLog, 1);

  self->failures = g_array_new (FALSE, FALSE, sizeof (LogEntry));
  g_array_set_clear_func (self->failures, log_entry_clear);
  self->notes = g_array_new (FALSE, FALSE, sizeof (LogEntry));
  g_array_set_clear_func (self->notes, log_entry_clear);
  return self;
}

void
orgmap_import_log_free (OrgmapImportLog *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->failures);
  g_array_unref (self->notes);
  g_free (self->page);
  g_free (self);
}

static void
log_add (OrgmapImportLog   *self,
         GArray            *entries,
         guint             *n_unlisted,
         OrgmapImportError  code,
         int                line,
         int                column,
         const char        *id,
         const char        *format,
         va_list            args)
{
  LogEntry entry;

  if (entries->len >= ORGMAP_XML_MAX_PROBLEMS)
    {
      (*n_unlisted)++;
      return;
    }

  entry.message = g_strdup_vprintf (format, args);
  entry.line = line;
  entry.column = column;
  entry.seq = self->seq++;
  entry.code = code;
  entry.id = orgmap_import_shorten (id, 64);

  if (self->page != NULL)
    {
      char *message = entry.message;

      /* A decoded page is often one long line: then only a column helps */
      if (column > 0)
        /* Translators: the first %s is a page of a draw.io file, the last one a problem */
        entry.message = g_strdup_printf (_("Page “%s”, line %d, column %d of its decoded content: %s"),
                                         self->page, line, column, message);
      else if (line > 1)
        /* Translators: the first %s is a page of a draw.io file, the last one a problem */
        entry.message = g_strdup_printf (_("Page “%s”, line %d of its decoded content: %s"),
                                         self->page, line, message);
      else
        /* Translators: the first %s is a page of a draw.io file, the last one a problem */
        entry.message = g_strdup_printf (_("Page “%s”: %s"), self->page, message);
      g_free (message);
      entry.line = self->page_line;
      entry.column = self->page_column;
    }
  g_array_append_val (entries, entry);
}

void
orgmap_import_log_fail (OrgmapImportLog   *self,
                        OrgmapImportError  code,
                        int                line,
                        int                column,
                        const char        *id,
                        const char        *format,
                        ...)
{
  va_list args;

  va_start (args, format);
  log_add (self, self->failures, &self->n_unlisted_failures, code, line, column, id, format, args);
  va_end (args);
}

void
orgmap_import_log_note (OrgmapImportLog *self,
                        int              line,
                        int              column,
                        const char      *id,
                        const char      *format,
                        ...)
{
  va_list args;

  va_start (args, format);
  log_add (self, self->notes, &self->n_unlisted_notes, ORGMAP_IMPORT_ERROR_INVALID,
           line, column, id, format, args);
  va_end (args);
}

gboolean
orgmap_import_log_failed (OrgmapImportLog *self)
{
  return self->failures->len > 0 || self->n_unlisted_failures > 0;
}

void
orgmap_import_log_set_page (OrgmapImportLog *self,
                            const char      *page,
                            int              line,
                            int              column)
{
  g_free (self->page);
  self->page = g_strdup (page);
  self->page_line = line;
  self->page_column = column;
}

static int
code_rank (OrgmapImportError code)
{
  switch (code)
    {
    case ORGMAP_IMPORT_ERROR_IO:        return 4;
    case ORGMAP_IMPORT_ERROR_FORBIDDEN: return 3;
    case ORGMAP_IMPORT_ERROR_SYNTAX:    return 2;
    case ORGMAP_IMPORT_ERROR_FORMAT:    return 1;
    case ORGMAP_IMPORT_ERROR_INVALID:
    default:                            return 0;
    }
}

static int
entry_compare (gconstpointer a,
               gconstpointer b)
{
  const LogEntry *ea = a;
  const LogEntry *eb = b;

  if (ea->line != eb->line)
    return ea->line < eb->line ? -1 : 1;
  if (ea->column != eb->column)
    return ea->column < eb->column ? -1 : 1;
  return ea->seq < eb->seq ? -1 : ea->seq > eb->seq;
}

/* Adds @entries to @problems in file order; returns the gravest code. */
static OrgmapImportError
hand_over (GArray         *entries,
           guint           n_unlisted,
           OrgmapProblems *problems)
{
  OrgmapImportError code = ORGMAP_IMPORT_ERROR_INVALID;

  g_array_sort (entries, entry_compare);
  for (guint i = 0; i < entries->len; i++)
    {
      const LogEntry *entry = &g_array_index (entries, LogEntry, i);

      if (problems != NULL)
        orgmap_problems_add (problems, entry->line, entry->column, entry->id, "%s", entry->message);
      if (code_rank (entry->code) > code_rank (code))
        code = entry->code;
    }
  if (n_unlisted > 0 && problems != NULL)
    orgmap_problems_add (problems, 0, 0, NULL,
                         ngettext ("%u more problem was found but is not listed",
                                   "%u more problems were found but are not listed",
                                   n_unlisted),
                         n_unlisted);
  return code;
}

void
orgmap_import_log_report_failure (OrgmapImportLog  *self,
                                  OrgmapProblems   *problems,
                                  const char       *name,
                                  GError          **error)
{
  guint n = self->failures->len + self->n_unlisted_failures;
  OrgmapImportError code;

  code = hand_over (self->failures, self->n_unlisted_failures, problems);
  if (name != NULL)
    g_set_error (error, ORGMAP_IMPORT_ERROR, code,
                 ngettext ("“%s” has %u problem", "“%s” has %u problems", n),
                 name, n);
  else
    g_set_error (error, ORGMAP_IMPORT_ERROR, code,
                 ngettext ("The XML data has %u problem", "The XML data has %u problems", n),
                 n);
}

void
orgmap_import_log_report_notes (OrgmapImportLog *self,
                                OrgmapProblems  *problems)
{
  hand_over (self->notes, self->n_unlisted_notes, problems);
}

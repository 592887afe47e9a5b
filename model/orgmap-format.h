/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "orgmap-document.h"
#include "orgmap-problem.h"

G_BEGIN_DECLS

typedef enum
{
  ORGMAP_FORMAT_DOCUMENT,  /* an SQLite database (an .orgmap document, or pretending to be one) */
  ORGMAP_FORMAT_XML,       /* anything that looks like text: the importers decide */
} OrgmapFormat;

/* Tells a document from an XML file by its first bytes, never by its name.
 * Fails for what cannot be read (a folder, a missing or unreadable file). */
gboolean orgmap_format_sniff (const char    *path,
                              OrgmapFormat  *format,
                              GError       **error);

/* Opens whatever @path holds: an Orgmap document, or a native XML file.
 * XML problems (with their locations) go to @problems, and @error holds a
 * one-sentence summary; NULL on failure, nothing half-loaded. */
OrgmapDocument *orgmap_format_load (const char      *path,
                                    OrgmapFormat    *format,
                                    OrgmapProblems  *problems,
                                    GError         **error);

G_END_DECLS

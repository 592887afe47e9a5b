/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdio.h>
#include <glib.h>

#include "orgmap-document.h"

G_BEGIN_DECLS

/* Units are nested at most this deep; the children of a unit at this depth
 * are written after the trees, flat with parent=, so that the file stays
 * within the nesting limit of XML parsers (libxml2 stops at 256 levels). */
#define ORGMAP_XML_MAX_NESTING 100

/* Writes @document as native XML to @stream (UTF-8, two-space indentation,
 * units nested under their parents in document order of children, roots in
 * order, then external clients, rounds, links with their ratings), numbers
 * in the shortest form that reads back exactly, whatever the locale. Fails
 * when a string cannot be stored in XML 1.0 (a control character other than
 * tab and newlines, invalid UTF-8), naming the item, or when the stream
 * fails; what reached @stream is then not a valid document. */
gboolean orgmap_xml_write       (OrgmapDocument  *document,
                                 FILE            *stream,
                                 GError         **error);
/* Writes to @path through OrgmapAtomicFile: refuses an existing file unless
 * @overwrite (G_IO_ERROR_EXISTS), never leaves a partial file. */
gboolean orgmap_xml_export_file (OrgmapDocument  *document,
                                 const char      *path,
                                 gboolean         overwrite,
                                 GError         **error);

G_END_DECLS

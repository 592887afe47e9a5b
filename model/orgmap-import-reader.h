/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <libxml/xmlreader.h>

#include "orgmap-import-graph.h"

G_BEGIN_DECLS

/* libxml2's streaming reader, hardened as the native importer's is, for
 * the importers of foreign formats: no DTD, no entity, nothing from the
 * network or from another file; start tags with too many attributes are
 * refused before libxml2 parses them (it takes time worse than quadratic
 * in their number); depth is bounded. Every fault becomes a failure in the
 * log with its line and column. */

typedef struct _OrgmapImportReader OrgmapImportReader;

/* Opens @path for reading, or logs why it cannot be read and returns -1. */
int                 orgmap_import_open_file           (const char         *path,
                                                       OrgmapImportLog    *log);

/* Reads from @fd (not closed here) or from @data (not copied: it must
 * live as long as the reader). */
OrgmapImportReader *orgmap_import_reader_new_for_fd     (int                 fd,
                                                         OrgmapImportLog    *log);
OrgmapImportReader *orgmap_import_reader_new_for_memory (const char         *data,
                                                         gsize               len,
                                                         OrgmapImportLog    *log);
void                orgmap_import_reader_free           (OrgmapImportReader *self);

xmlTextReaderPtr    orgmap_import_reader_get_xml        (OrgmapImportReader *self);

/* Moves to the next element, end of element or text (CDATA included).
 * FALSE at the end of the data, or after a failure (logged). */
gboolean            orgmap_import_reader_next           (OrgmapImportReader *self);
/* The current node's type: XML_READER_TYPE_ELEMENT, _END_ELEMENT or _TEXT. */
int                 orgmap_import_reader_node_type      (OrgmapImportReader *self);
/* Where the current element starts; column 0 when it cannot be told. */
void                orgmap_import_reader_locate         (OrgmapImportReader *self,
                                                         int                *line,
                                                         int                *column);
/* A copy of the current element's attribute @name, or NULL. */
char               *orgmap_import_reader_attribute      (OrgmapImportReader *self,
                                                         const char         *name);
/* @name as the reader's dictionary holds it: element and attribute names
 * read from the file are the same pointers. */
const char         *orgmap_import_reader_intern         (OrgmapImportReader *self,
                                                         const char         *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrgmapImportReader, orgmap_import_reader_free)

G_END_DECLS

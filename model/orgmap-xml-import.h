/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "orgmap-document.h"
#include "orgmap-problem.h"

G_BEGIN_DECLS

/* Limits of the native format; a file beyond them is refused with a clear
 * problem rather than read into memory. */
#define ORGMAP_XML_MAX_DEPTH        1000        /* nested elements; libxml2 2.9 stops at 256 */
#define ORGMAP_XML_MAX_VALUE_LENGTH (64 * 1024) /* bytes in one attribute value */
#define ORGMAP_XML_MAX_ID_LENGTH    1024        /* bytes in an id or a name */
#define ORGMAP_XML_MAX_ATTRIBUTES   256         /* attributes of one element */
#define ORGMAP_XML_MAX_PROBLEMS     10000       /* problems listed before giving up */

/* Hardens libxml2 once per process: an external-entity loader that refuses
 * every load, so no XML read in this process can pull in another file or
 * reach the network through a DTD or an entity. Idempotent; the import
 * functions call it. Code that needs to parse a file with libxml2 after
 * this must open it itself (xmlReadFd, xmlReaderForFd, xmlReadMemory):
 * xmlReadFile goes through the loader and is refused. */
void            orgmap_xml_init            (void);

/* Imports a file in Orgmap's native XML format (`*.orgmap.xml`).
 *
 * On success returns a new document and adds nothing to @problems.
 * Otherwise returns NULL, adds every problem found to @problems (line,
 * column, id at fault, message) and sets @error (ORGMAP_IMPORT_ERROR, a
 * one-sentence summary). Nothing is ever half-imported. @problems may be
 * NULL when only the summary is wanted. */
OrgmapDocument *orgmap_xml_import_file     (const char      *path,
                                            OrgmapProblems  *problems,
                                            GError         **error);
OrgmapDocument *orgmap_xml_import_memory   (const char      *data,
                                            gsize            len,
                                            OrgmapProblems  *problems,
                                            GError         **error);

G_END_DECLS

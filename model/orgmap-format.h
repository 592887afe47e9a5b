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

/* What an XML file holds, told by its root element. */
typedef enum
{
  ORGMAP_IMPORT_NATIVE,    /* Orgmap's own format (root <orgmap>), or XML too damaged to tell */
  ORGMAP_IMPORT_GRAPHML,   /* root <graphml>: yEd, Gephi, networkx */
  ORGMAP_IMPORT_DRAWIO,    /* root <mxfile> or <mxGraphModel>: draw.io, diagrams.net */
  ORGMAP_IMPORT_GENERIC,   /* well-formed XML of any other vocabulary */
} OrgmapImportKind;

/* Which element of a generic XML file is a unit, and where its id, name
 * and parent are: see orgmap-import-generic.h. */
typedef struct _OrgmapGenericMapping OrgmapGenericMapping;

/* What to make of records of people (generic XML) */
typedef enum
{
  ORGMAP_IMPORT_PEOPLE_AUTO,            /* their departments' chart when they have a department field,
                                         * else each record a unit */
  ORGMAP_IMPORT_PEOPLE_AS_UNITS,        /* each record a unit */
  ORGMAP_IMPORT_PEOPLE_AS_DEPARTMENTS,  /* one unit per department */
} OrgmapImportPeople;

/* How to import; all zero (or NULL) means the defaults. */
typedef struct
{
  guint                       page;     /* draw.io: the page to import, from 0 (the first) */
  const OrgmapGenericMapping *mapping;  /* generic XML: NULL to find it in the file */
  OrgmapImportPeople          people;   /* generic XML */
} OrgmapImportOptions;

/* What an import did, for the person to check. Problems that the import
 * worked around (a second parent kept as a link, an edge to nowhere) go to
 * the OrgmapProblems list, with their locations. */
typedef struct
{
  OrgmapImportKind   kind;
  char             **pages;            /* draw.io: every page's name, in order; NULL otherwise */
  guint              page;             /* draw.io: the page imported, from 0 */
  guint              n_units;
  guint              n_hierarchy_edges;/* edges that placed a unit under its parent */
  guint              n_grouped;        /* units placed under the group or container they are drawn in */
  guint              n_links;          /* edges kept as internal-client links (second parent, cycle, across groups),
                                        * or the links of a native file */
  guint              n_skipped_shapes; /* decorative shapes left out: no label, no edges (and lines joined to nothing) */
  guint              n_junctions;      /* waypoints joined: the edges through them lead on to units */
  guint              n_ignored_edges;  /* edges left out: to an unknown node, repeated, looping */
  gboolean           departments;      /* generic XML: the units are the departments of people */
  guint              n_records;        /* generic XML: the records read */
  guint              n_people;         /* … placed in a department */
  guint              n_without_department; /* … left out, having none */
} OrgmapImportReport;

OrgmapImportReport *orgmap_import_report_new   (void);
void                orgmap_import_report_free  (OrgmapImportReport *report);
/* The format's name as people know it: “GraphML”, “draw.io”, … (translated) */
const char         *orgmap_import_kind_label   (OrgmapImportKind    kind);

/* Tells a document from an XML file by its first bytes, never by its name.
 * Fails for what cannot be read (a folder, a missing or unreadable file). */
gboolean orgmap_format_sniff (const char    *path,
                              OrgmapFormat  *format,
                              GError       **error);

/* Tells the kinds of XML apart by the root element (the DOCTYPE's name
 * when there is one), never by the file's name. Fails with
 * ORGMAP_IMPORT_ERROR_FORMAT, saying why, for a file that is not an org
 * chart at all (binary data, text that is not XML); @problems (may be
 * NULL) gets the same with its location. @root (may be NULL) receives the
 * root element's name, NULL when it could not be read. */
gboolean orgmap_format_detect (const char        *path,
                               OrgmapImportKind  *kind,
                               char             **root,
                               OrgmapProblems    *problems,
                               GError           **error);

/* Imports an XML file of any kind orgmap_format_detect() tells.
 * On failure returns NULL, adds every problem (with its location) to
 * @problems and sets @error to a one-sentence summary: nothing is ever
 * half-imported. On success @problems receives what the import worked
 * around, and @report (may be NULL) says what was read. */
OrgmapDocument *orgmap_format_import (const char                 *path,
                                      const OrgmapImportOptions  *options,
                                      OrgmapImportReport         *report,
                                      OrgmapProblems             *problems,
                                      GError                    **error);

/* The names of the pages of a draw.io file, in order (an unnamed one is
 * “Page 2” …), for a person to choose one; an empty list for a file of
 * another kind. NULL with @error set when the file cannot be read. */
char          **orgmap_format_list_pages (const char  *path,
                                          GError     **error);

/* Opens whatever @path holds: an Orgmap document, or an XML file of any
 * kind orgmap_format_import() reads, with the default options. Problems
 * (with their locations) go to @problems, and @error holds a one-sentence
 * summary; NULL on failure, nothing half-loaded. */
OrgmapDocument *orgmap_format_load (const char      *path,
                                    OrgmapFormat    *format,
                                    OrgmapProblems  *problems,
                                    GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrgmapImportReport, orgmap_import_report_free)

G_END_DECLS

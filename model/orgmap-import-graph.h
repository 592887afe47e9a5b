/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "orgmap-document.h"
#include "orgmap-error.h"
#include "orgmap-format.h"
#include "orgmap-problem.h"

G_BEGIN_DECLS

/* The importers of foreign formats (GraphML, draw.io, …) read what a file
 * draws — nodes with labels, edges, groups — into an OrgmapGraph, which
 * turns it into a document by the same rules for every format:
 *
 * - an edge source → target places the target under the source (the
 *   source is the manager);
 * - an edge that would give a unit a second parent, close a cycle, or
 *   reach across the border of a group becomes an internal-client link
 *   (provider = source, client = target), and a note says so;
 * - a group (a nested graph, a container, a shape drawn around others)
 *   is the parent unit of the units inside it, unless an edge from inside
 *   the same group places them;
 * - for drawn shapes (ORGMAP_GRAPH_NODE_SHAPE): a shape without a label
 *   and without edges is decoration (left out and counted), or a
 *   see-through group when units are drawn inside it; waypoints are joined
 *   so that edges through them lead on to units. */

/* Problems of one import: failures, which make it fail, and notes, what
 * it worked around. Each with the line and column it is about. */
typedef struct _OrgmapImportLog OrgmapImportLog;

OrgmapImportLog  *orgmap_import_log_new             (void);
void              orgmap_import_log_free            (OrgmapImportLog    *log);
void              orgmap_import_log_fail            (OrgmapImportLog    *log,
                                                     OrgmapImportError   code,
                                                     int                 line,
                                                     int                 column,
                                                     const char         *id,
                                                     const char         *format,
                                                     ...) G_GNUC_PRINTF (6, 7);
void              orgmap_import_log_note            (OrgmapImportLog    *log,
                                                     int                 line,
                                                     int                 column,
                                                     const char         *id,
                                                     const char         *format,
                                                     ...) G_GNUC_PRINTF (5, 6);
gboolean          orgmap_import_log_failed          (OrgmapImportLog    *log);
/* While set, every problem is about a compressed draw.io page: it is placed
 * at the page's element (@line, @column) and its message names the page and
 * the line inside the page. NULL @page clears it. */
void              orgmap_import_log_set_page        (OrgmapImportLog    *log,
                                                     const char         *page,
                                                     int                 line,
                                                     int                 column);
/* Hands the failures over to @problems in file order, and sums them up in
 * @error (“name” has N problems). */
void              orgmap_import_log_report_failure  (OrgmapImportLog    *log,
                                                     OrgmapProblems     *problems,
                                                     const char         *name,
                                                     GError            **error);
/* Hands the notes over to @problems in file order. */
void              orgmap_import_log_report_notes    (OrgmapImportLog    *log,
                                                     OrgmapProblems     *problems);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrgmapImportLog, orgmap_import_log_free)

/* Fields of a unit (or of an edge) that files name in many ways. */
typedef enum
{
  ORGMAP_GRAPH_FIELD_NAME,       /* a label or a name (for an edge: the service) */
  ORGMAP_GRAPH_FIELD_HEAD,
  ORGMAP_GRAPH_FIELD_HEADCOUNT,
  ORGMAP_GRAPH_FIELD_LEVEL,
  ORGMAP_GRAPH_FIELD_AREA,
  ORGMAP_GRAPH_FIELD_NOTES,
  ORGMAP_GRAPH_FIELD_QUALITY,    /* of an edge that becomes a link: its rating */
  ORGMAP_GRAPH_FIELD_SERVICE,
  ORGMAP_GRAPH_N_FIELDS,
  ORGMAP_GRAPH_FIELD_NONE = ORGMAP_GRAPH_N_FIELDS,
} OrgmapGraphField;

/* The field that a data key or an attribute called @name holds, whatever
 * its case, spaces and punctuation: “Head count”, “head_count”,
 * “Employees” are the headcount. ORGMAP_GRAPH_FIELD_NONE when unknown. */
OrgmapGraphField  orgmap_graph_field_from_name      (const char         *name);

typedef enum
{
  ORGMAP_GRAPH_NODE_DEFAULT  = 0,
  ORGMAP_GRAPH_NODE_SHAPE    = 1 << 0,  /* a drawn shape: see above */
  ORGMAP_GRAPH_NODE_JUNCTION = 1 << 1,  /* a waypoint, whatever its label */
} OrgmapGraphNodeFlags;

typedef struct _OrgmapGraph OrgmapGraph;

OrgmapGraph      *orgmap_graph_new                  (OrgmapImportLog    *log);
void              orgmap_graph_free                 (OrgmapGraph        *graph);

/* Adds a node, in file order; its @id (NULL: none, it gets one) must be
 * unique: a repeated id is a failure, logged here. Returns its index. */
guint32           orgmap_graph_add_node             (OrgmapGraph        *graph,
                                                     const char         *id,
                                                     int                 line,
                                                     int                 column);
guint             orgmap_graph_get_n_nodes          (OrgmapGraph        *graph);
void              orgmap_graph_set_node_flags       (OrgmapGraph        *graph,
                                                     guint32             node,
                                                     OrgmapGraphNodeFlags flags);
/* The label the node is drawn with (already plain text). */
void              orgmap_graph_set_label            (OrgmapGraph        *graph,
                                                     guint32             node,
                                                     const char         *label);
gboolean          orgmap_graph_has_label            (OrgmapGraph        *graph,
                                                     guint32             node);
/* The group the node is drawn in (a node added before or after). */
void              orgmap_graph_set_container        (OrgmapGraph        *graph,
                                                     guint32             node,
                                                     guint32             container);
/* A field's value as written; numbers are checked here and a bad one is
 * noted at @line, @column and left out. The first value of a field wins. */
void              orgmap_graph_set_field            (OrgmapGraph        *graph,
                                                     guint32             node,
                                                     OrgmapGraphField    field,
                                                     const char         *value,
                                                     int                 line,
                                                     int                 column);
/* The value of a field for the nodes (or edges) that do not give one. */
void              orgmap_graph_set_default          (OrgmapGraph        *graph,
                                                     gboolean            for_edges,
                                                     OrgmapGraphField    field,
                                                     const char         *value);

/* Adds an edge from the node with id @source to the one with id @target,
 * resolved when the graph is built. Returns its index. */
guint32           orgmap_graph_add_edge             (OrgmapGraph        *graph,
                                                     const char         *id,
                                                     const char         *source,
                                                     const char         *target,
                                                     int                 line,
                                                     int                 column);
void              orgmap_graph_set_edge_field       (OrgmapGraph        *graph,
                                                     guint32             edge,
                                                     OrgmapGraphField    field,
                                                     const char         *value,
                                                     int                 line,
                                                     int                 column);
/* A shape or line left out as decoration before it reached the graph. */
void              orgmap_graph_count_skipped        (OrgmapGraph        *graph);

/* Builds the document named @name, and fills in the counts of @report
 * (may be NULL). NULL when the log holds a failure, or gets one here. */
OrgmapDocument   *orgmap_graph_build                (OrgmapGraph        *graph,
                                                     const char         *name,
                                                     OrgmapImportReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrgmapGraph, orgmap_graph_free)

/* Label text */

/* A copy of @str cut to at most @max bytes, between two characters, and
 * “…” when it was cut. */
char             *orgmap_import_shorten             (const char         *str,
                                                     gsize               max);

/* Plain text from an HTML label: tags removed (those that break a line,
 * such as <br> and <div>, become a space), character references decoded,
 * white space collapsed. */
char             *orgmap_graph_strip_html           (const char         *html);
/* @text with its white space collapsed to single spaces and trimmed. */
char             *orgmap_graph_collapse_space       (const char         *text);

/* The importers */

OrgmapDocument   *orgmap_graphml_import_file        (const char         *path,
                                                     OrgmapImportReport *report,
                                                     OrgmapProblems     *problems,
                                                     GError            **error);
OrgmapDocument   *orgmap_drawio_import_file         (const char         *path,
                                                     guint               page,
                                                     OrgmapImportReport *report,
                                                     OrgmapProblems     *problems,
                                                     GError            **error);
char            **orgmap_drawio_list_pages          (const char         *path,
                                                     GError            **error);

/* Trees given by parent */

/* Builds the document from the nodes, each placed under the node
 * @parent[i] (ORGMAP_NONE: at the top), for files that name each unit's
 * parent instead of drawing edges: every node is a unit, and every edge
 * becomes an internal-client link. @parent (as many as the nodes, may be
 * NULL) must not form a cycle. NULL when the log holds a failure. */
OrgmapDocument   *orgmap_graph_build_tree           (OrgmapGraph        *graph,
                                                     const guint32      *parent,
                                                     const char         *name,
                                                     OrgmapImportReport *report);

G_END_DECLS

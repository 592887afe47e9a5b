/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "orgmap-document.h"
#include "orgmap-format.h"
#include "orgmap-import-graph.h"
#include "orgmap-problem.h"

G_BEGIN_DECLS

/* Org charts in XML of any vocabulary: what HR systems, ERPs and chart
 * widgets write. One streaming pass finds, without configuration, which
 * element is a unit (or a person) and where each unit's id, name and
 * parent are, in one of the shapes found in the wild:
 *
 * - nesting: the element inside itself (<Node><Node>…), or through a
 *   wrapper (<person><reports><person>…);
 * - flat records with an id and a reference to the parent or manager
 *   (ManagerID=, <parent>, reportsTo), in attributes or child elements;
 * - records plus relation records holding two of their ids (an ERP's
 *   positions and its reporting structure).
 *
 * The mapping found can be explained, changed, previewed, and imported
 * either as it is (each record a unit) or, when the records are people
 * with a department field, as the chart of their departments. */

/* Where a field's value is */
typedef enum
{
  ORGMAP_GENERIC_ATTRIBUTE,  /* <unit name="…"> */
  ORGMAP_GENERIC_CHILD,      /* <unit><name>…</name></unit> */
} OrgmapGenericFieldKind;

typedef struct
{
  char                   *name;  /* NULL: none */
  OrgmapGenericFieldKind  kind;
} OrgmapGenericField;

/* How a unit's parent is found */
typedef enum
{
  ORGMAP_GENERIC_PARENT_NONE,      /* a flat list: every unit is at the top */
  ORGMAP_GENERIC_PARENT_NESTING,   /* the nearest enclosing unit element */
  ORGMAP_GENERIC_PARENT_FIELD,     /* a field holding the parent's id */
  ORGMAP_GENERIC_PARENT_RELATION,  /* relation records holding a unit's id and its parent's */
} OrgmapGenericParentKind;

typedef struct _OrgmapGenericStats OrgmapGenericStats;

/* A mapping from the file's elements to units. Clear it with
 * orgmap_generic_mapping_clear(); the strings are its own. */
struct _OrgmapGenericMapping
{
  char                    *root;             /* the file's root element */
  char                    *unit;             /* the unit element */
  guint                    n_units;          /* how many the file has */
  OrgmapGenericField       id;               /* may be none: then units have no id of their own */
  OrgmapGenericField       name[2];          /* name[1], when given, is joined to name[0] with a space
                                              * (FirstName + LastName); none: the id names the unit */
  OrgmapGenericParentKind  parent_kind;
  OrgmapGenericField       parent;           /* PARENT_FIELD */
  char                    *wrapper;          /* PARENT_NESTING: the element between a unit and the
                                              * units inside it (<reports>), NULL when they are nested
                                              * directly */
  char                    *relation;         /* PARENT_RELATION: the relation element */
  guint                    n_relations;      /* … and how many the file has */
  OrgmapGenericField       relation_child;   /* its field holding the unit's id */
  OrgmapGenericField       relation_parent;  /* its field holding the parent's id */
  OrgmapGenericField       department;       /* for people: their department; may be none */
  guint                    n_departments;    /* distinct values seen, 0 when unknown */
  /* Other fields recognised by name (orgmap_graph_field_from_name()):
   * headcount, level, area, notes, head; indexed by OrgmapGraphField,
   * the name slot unused. */
  OrgmapGenericField       extra[ORGMAP_GRAPH_N_FIELDS];
  /*< private >*/
  OrgmapGenericStats      *stats;            /* what the file holds, for overrides */
};

typedef enum
{
  ORGMAP_GENERIC_UNITS,        /* each unit element becomes a unit, as the file has them */
  ORGMAP_GENERIC_DEPARTMENTS,  /* the unit elements are people: one unit per department */
} OrgmapGenericMode;

/* What a generic import read, beyond OrgmapImportReport's counts */
typedef struct
{
  guint n_records;             /* unit elements read */
  guint n_people;              /* DEPARTMENTS: people placed in a department */
  guint n_departments;         /* DEPARTMENTS: units made from departments */
  guint n_without_department;  /* DEPARTMENTS: people left out, having no department */
} OrgmapGenericReport;

/* One row of a preview */
typedef struct
{
  char *name;
  char *parent;                /* the parent's name, NULL for a unit at the top */
} OrgmapGenericPreviewRow;

void             orgmap_generic_mapping_clear     (OrgmapGenericMapping        *mapping);
void             orgmap_generic_mapping_copy      (OrgmapGenericMapping        *dest,
                                                   const OrgmapGenericMapping  *src);

/* Reads @path once and fills @out (empty: zeroed or cleared) with the
 * mapping that fits it best. Fails when the file cannot be read, is
 * not well-formed XML, or holds nothing that looks like the units of an
 * org chart (ORGMAP_IMPORT_ERROR_FORMAT, saying what was looked for and
 * what the root element is); @problems (may be NULL) gets every problem
 * with its location, and @out is left cleared. */
gboolean         orgmap_generic_detect            (const char                  *path,
                                                   OrgmapGenericMapping        *out,
                                                   OrgmapProblems              *problems,
                                                   GError                     **error);

/* A few translated lines that say which element is a unit and which
 * fields are its id, name, parent and department. */
char           **orgmap_generic_mapping_explain   (const OrgmapGenericMapping  *mapping);

/* Changes a detected mapping; each argument may be NULL to keep what was
 * found. @unit: an element name (its own id, name and parent are then
 * found again). @id, @parent: a field of the unit element — an attribute
 * or a child element's name, “@name” for the attribute only. @name: a
 * field, or two joined by “+” (“FirstName+LastName”). @parent may also be
 * “nesting”, “none” (a flat list), or “RELATION(CHILD,PARENT)” for
 * relation records <RELATION> whose field CHILD holds a unit's id and
 * PARENT its parent's. Every name must exist in the file: otherwise FALSE
 * with @error saying which ones do, and @mapping is unchanged. */
gboolean         orgmap_generic_mapping_override  (OrgmapGenericMapping        *mapping,
                                                   const char                  *unit,
                                                   const char                  *id,
                                                   const char                  *name,
                                                   const char                  *parent,
                                                   GError                     **error);
/* The department field of people, as above; “none” for none. */
gboolean         orgmap_generic_mapping_set_department (OrgmapGenericMapping   *mapping,
                                                   const char                  *department,
                                                   GError                     **error);

/* For a person to choose: the elements that can be units, best first, and
 * the fields of one of them (as orgmap_generic_mapping_override() takes
 * them). NULL-terminated; free with g_strfreev(). */
char           **orgmap_generic_mapping_list_units  (const OrgmapGenericMapping *mapping);
char           **orgmap_generic_mapping_list_fields (const OrgmapGenericMapping *mapping,
                                                   const char                  *unit);

/* Imports @path with @mapping (NULL: detected here). On failure returns
 * NULL, adds every problem with its location to @problems and sets @error
 * to a summary: nothing is half-imported. Problems worked around (a parent
 * that no unit has, a cycle, a second parent) go to @problems on success
 * too. @report and @generic_report may be NULL. */
OrgmapDocument  *orgmap_generic_import_file       (const char                  *path,
                                                   const OrgmapGenericMapping  *mapping,
                                                   OrgmapGenericMode            mode,
                                                   OrgmapImportReport          *report,
                                                   OrgmapGenericReport         *generic_report,
                                                   OrgmapProblems              *problems,
                                                   GError                     **error);

/* “18 people in 4 departments” or “39 units” (translated) */
char            *orgmap_generic_report_summary    (const OrgmapGenericReport   *report,
                                                   OrgmapGenericMode            mode);

/* The first @max_rows units that importing @path with @mapping gives, in
 * document order, for a person to check the mapping: an array of
 * OrgmapGenericPreviewRow that frees its rows. NULL with @error set when
 * the import fails. */
GArray          *orgmap_generic_preview           (const char                  *path,
                                                   const OrgmapGenericMapping  *mapping,
                                                   OrgmapGenericMode            mode,
                                                   guint                        max_rows,
                                                   GError                     **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OrgmapGenericMapping, orgmap_generic_mapping_clear)

G_END_DECLS

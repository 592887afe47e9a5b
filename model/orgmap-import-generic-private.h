/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "orgmap-import-generic.h"

G_BEGIN_DECLS

/* What detection learnt about the file, kept with a mapping so that it
 * can be changed: each element that holds fields, its fields, and the
 * mapping that fits it best. */

typedef struct
{
  char                   *name;
  OrgmapGenericFieldKind  kind;
  guint                   n;         /* records that give it a value */
  guint                   n_distinct;/* distinct values, 0 when too many to count */
} OrgmapGenericFieldInfo;

typedef struct
{
  char                 *name;
  guint                 n;           /* occurrences */
  guint                 n_nested;    /* inside another of their kind */
  guint                 placed;      /* units that its best mapping gives a parent */
  gboolean              candidate;   /* can be a unit */
  GArray               *fields;      /* OrgmapGenericFieldInfo, in file order */
  OrgmapGenericMapping  best;        /* its stats are NULL */
} OrgmapGenericElementInfo;

struct _OrgmapGenericStats
{
  char      *root;
  GPtrArray *elements;               /* OrgmapGenericElementInfo *, best units first */
};

OrgmapGenericStats       *orgmap_generic_stats_ref       (OrgmapGenericStats *stats);
void                      orgmap_generic_stats_unref     (OrgmapGenericStats *stats);
OrgmapGenericElementInfo *orgmap_generic_stats_find      (OrgmapGenericStats *stats,
                                                          const char         *element);
const OrgmapGenericFieldInfo *
                          orgmap_generic_element_find_field (const OrgmapGenericElementInfo *info,
                                                          const char         *name);

void                      orgmap_generic_field_set       (OrgmapGenericField       *field,
                                                          const char               *name,
                                                          OrgmapGenericFieldKind    kind);
void                      orgmap_generic_field_clear     (OrgmapGenericField       *field);
gboolean                  orgmap_generic_field_equal     (const OrgmapGenericField *a,
                                                          const OrgmapGenericField *b);
/* Whether a parent reference that names no record says “no parent”:
 * “0”, “-1”, “null”, “none”, … */
gboolean                  orgmap_generic_is_no_parent    (const char               *value);

/* Copies everything but the stats */
void                      orgmap_generic_mapping_copy_plain (OrgmapGenericMapping       *dest,
                                                          const OrgmapGenericMapping *src);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "orgmap-document.h"

G_BEGIN_DECLS

/* The document's state, shared by the files that implement it:
 * orgmap-document.c (units, hierarchy, external clients),
 * orgmap-document-links.c (links, rounds, ratings, equality),
 * orgmap-document-edit.c (removal and insertion at an index, of one item or
 * many) and orgmap-document-ratings.c (the same for ratings). */
struct _OrgmapDocument
{
  GObject       parent_instance;

  GStringChunk *strings;
  const char   *name;
  double        scale_min;
  double        scale_max;

  GArray       *units;       /* OrgmapUnit */
  GArray       *externals;   /* OrgmapExternal */
  GArray       *links;       /* OrgmapLink */
  GArray       *rounds;      /* OrgmapRound */
  GArray       *ratings;     /* OrgmapRating */
  GArray       *dim_scores;  /* OrgmapDimensionScore */
  GPtrArray    *dimensions;  /* const char *, owned by strings */
  GHashTable   *positions;   /* unit handle + 1 → Position, units placed by hand */

  /* id → handle + 1; keys are owned by strings */
  GHashTable   *party_ids;
  GHashTable   *link_ids;
  GHashTable   *round_ids;
  guint         id_serial;

  /* Derived from the hierarchy, valid unless hierarchy_dirty */
  gboolean      hierarchy_dirty;
  guint32      *pre;
  guint32      *post;
  guint32      *depth;
  gint32       *level;
  guint32      *area;        /* index into area_names */
  GPtrArray    *area_names;  /* const char * */
  guint32      *child_start; /* n_units + 1 offsets into children */
  guint32      *children;
  GArray       *roots;       /* guint32 */

  /* Computed link types, valid unless types_dirty */
  gboolean      types_dirty;
  GArray       *computed;    /* guint8 */

  guint         freeze_count;
  gboolean      changed_while_frozen;
};

void        _orgmap_document_emit_changed     (OrgmapDocument *self,
                                               OrgmapChange    kind,
                                               guint32         handle);
const char *_orgmap_document_intern           (OrgmapDocument *self,
                                               const char     *str);
/* NULL for NULL or an empty string. */
const char *_orgmap_document_intern_optional  (OrgmapDocument *self,
                                               const char     *str);
guint32     _orgmap_document_lookup_id        (GHashTable     *table,
                                               const char     *id);
void        _orgmap_document_insert_id        (GHashTable     *table,
                                               const char     *id,
                                               guint32         handle);
/* Returns an interned id: @id itself, or a fresh one made with @prefix;
 * NULL when @id is taken. */
const char *_orgmap_document_claim_id         (OrgmapDocument *self,
                                               GHashTable     *table,
                                               const char     *id,
                                               const char     *prefix);
gboolean    _orgmap_document_party_valid      (OrgmapDocument *self,
                                               guint32         party);
/* Recomputes levels, areas and pre/post-order numbers when stale. */
void        _orgmap_document_ensure_hierarchy (OrgmapDocument *self);

/* Removal and insertion of many items: handles strictly ascending and below
 * @bound; the map of a removal (old handle → new, ORGMAP_NONE for removed
 * ones); and the room made for an insertion, with its map, @entries being
 * structs of @stride bytes that start with their guint32 handle. */
gboolean    _orgmap_handles_ascending         (const guint32  *handles,
                                               guint           n,
                                               guint32         bound);
guint32    *_orgmap_removal_map               (const guint32  *handles,
                                               guint           n,
                                               guint           len);
void        _orgmap_array_spread              (GArray         *array,
                                               gconstpointer   entries,
                                               gsize           stride,
                                               guint           n,
                                               guint32        *map);
/* Keeps the items that a removal map keeps, in order. */
void        _orgmap_array_compact             (GArray         *array,
                                               const guint32  *map);

static inline OrgmapUnit *
unit_at (OrgmapDocument *self,
         guint32         unit)
{
  return &g_array_index (self->units, OrgmapUnit, unit);
}

static inline OrgmapExternal *
external_at (OrgmapDocument *self,
             guint32         external)
{
  return &g_array_index (self->externals, OrgmapExternal, external);
}

static inline gboolean
is_ancestor (OrgmapDocument *self,
             guint32         ancestor,
             guint32         unit)
{
  return self->pre[ancestor] < self->pre[unit] && self->post[unit] < self->post[ancestor];
}

G_END_DECLS

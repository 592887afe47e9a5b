/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "orgmap-document.h"

G_BEGIN_DECLS

/* World coordinates: one unit of length is one pixel at 100 % zoom. */
typedef struct
{
  double x;
  double y;
  double width;
  double height;
} OrgmapRect;

#define ORGMAP_LAYOUT_BOX_WIDTH     168.0
#define ORGMAP_LAYOUT_BOX_HEIGHT     56.0
#define ORGMAP_LAYOUT_H_GAP          24.0
#define ORGMAP_LAYOUT_V_GAP          72.0
#define ORGMAP_LAYOUT_STACK_GAP      14.0
#define ORGMAP_LAYOUT_STACK_INDENT   24.0
#define ORGMAP_LAYOUT_MARGIN         40.0
/* A run of at least this many leaf siblings is stacked in columns. */
#define ORGMAP_LAYOUT_STACK_MIN       2
#define ORGMAP_LAYOUT_STACK_ROWS      8

/* Where every unit and external client of a document goes: a top-down
 * tidy tree (parents centred over their children, long runs of leaf
 * children stacked in columns), the organisation's boundary around it and
 * the external clients below the boundary. Computed in linear time, the
 * same for the same document. Positions a person has set are kept. */
typedef struct _OrgmapLayout OrgmapLayout;

OrgmapLayout     *orgmap_layout_new                (OrgmapDocument   *document);
void              orgmap_layout_free               (OrgmapLayout     *self);

const OrgmapRect *orgmap_layout_get_unit           (const OrgmapLayout *self,
                                                    guint32           unit);
const OrgmapRect *orgmap_layout_get_external       (const OrgmapLayout *self,
                                                    guint32           external);
/* A unit or external client handle. */
const OrgmapRect *orgmap_layout_get_party          (const OrgmapLayout *self,
                                                    guint32           party);
/* TRUE when @unit stands in a stacked column under its parent: its
 * connector comes from the side, not from above. */
gboolean          orgmap_layout_is_stacked         (const OrgmapLayout *self,
                                                    guint32           unit);
/* TRUE when @unit stands in an indented list under an ancestor (large
 * charts): its connector comes down a spine from its parent's left. */
gboolean          orgmap_layout_is_listed          (const OrgmapLayout *self,
                                                    guint32           unit);
/* The horizontal extent of @unit's subtree (every box under it, itself
 * included). */
void              orgmap_layout_get_subtree_extent (const OrgmapLayout *self,
                                                    guint32           unit,
                                                    double           *left,
                                                    double           *right);
/* The organisation's boundary: every unit is inside, every external client
 * outside. */
void              orgmap_layout_get_boundary       (const OrgmapLayout *self,
                                                    OrgmapRect       *rect);
/* Everything drawn, with a margin. */
void              orgmap_layout_get_bounds         (const OrgmapLayout *self,
                                                    OrgmapRect       *rect);
guint             orgmap_layout_get_n_units        (const OrgmapLayout *self);
guint             orgmap_layout_get_n_externals    (const OrgmapLayout *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrgmapLayout, orgmap_layout_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Items of a document are addressed by integer handles: the index of the
 * item in its compact array. ORGMAP_NONE marks "no item". */
#define ORGMAP_NONE G_MAXUINT32

/* A link's client is either a unit or an external client. External client
 * handles carry this bit so that one field can hold both kinds. */
#define ORGMAP_EXTERNAL_BIT 0x80000000u
#define ORGMAP_IS_EXTERNAL(h)    ((h) != ORGMAP_NONE && ((h) & ORGMAP_EXTERNAL_BIT) != 0)
#define ORGMAP_EXTERNAL_INDEX(h) ((h) & ~ORGMAP_EXTERNAL_BIT)
#define ORGMAP_EXTERNAL_HANDLE(i) ((guint32) (i) | ORGMAP_EXTERNAL_BIT)

typedef enum
{
  ORGMAP_LINK_VERTICAL,
  ORGMAP_LINK_HORIZONTAL,
  ORGMAP_LINK_DIAGONAL,
  ORGMAP_LINK_EXTERNAL,
  ORGMAP_N_LINK_TYPES,
  ORGMAP_LINK_AUTOMATIC = 0xff,
} OrgmapLinkType;

const char     *orgmap_link_type_to_string   (OrgmapLinkType  type);
gboolean        orgmap_link_type_from_string (const char     *str,
                                              OrgmapLinkType *type);
const char     *orgmap_link_type_label       (OrgmapLinkType  type);

G_END_DECLS

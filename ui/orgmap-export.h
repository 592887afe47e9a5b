/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "orgmap-document.h"

G_BEGIN_DECLS

typedef enum
{
  ORGMAP_PICTURE_PNG,
  ORGMAP_PICTURE_SVG,
  ORGMAP_PICTURE_PDF,
} OrgmapPictureFormat;

#define ORGMAP_PICTURE_DEFAULT_WIDTH 1920

/* The format named by @path's extension (.png, .svg, .pdf). */
gboolean orgmap_picture_format_from_path (const char           *path,
                                          OrgmapPictureFormat  *format,
                                          GError              **error);

/* Draws the whole map of @document, laid out and fitted, with its legend,
 * @width device units wide, coloured by @round (ORGMAP_NONE: each link's
 * latest rating). Writes through a temporary file renamed into place. */
gboolean orgmap_picture_export           (OrgmapDocument       *document,
                                          guint32               round,
                                          const char           *path,
                                          OrgmapPictureFormat   format,
                                          int                   width,
                                          gboolean              overwrite,
                                          GError              **error);

G_END_DECLS

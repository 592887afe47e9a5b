/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ORGMAP_IMPORT_ERROR (orgmap_import_error_quark ())
#define ORGMAP_STORE_ERROR  (orgmap_store_error_quark ())

typedef enum
{
  ORGMAP_IMPORT_ERROR_IO,          /* cannot read the file */
  ORGMAP_IMPORT_ERROR_SYNTAX,      /* not well-formed XML, bad encoding */
  ORGMAP_IMPORT_ERROR_FORMAT,      /* well-formed, but not this format */
  ORGMAP_IMPORT_ERROR_FORBIDDEN,   /* DOCTYPE, entities, limits exceeded */
  ORGMAP_IMPORT_ERROR_INVALID,     /* inconsistent content: see the problem list */
} OrgmapImportError;

typedef enum
{
  ORGMAP_STORE_ERROR_IO,
  ORGMAP_STORE_ERROR_NOT_ORGMAP,   /* a database, but not an Orgmap document */
  ORGMAP_STORE_ERROR_CORRUPT,      /* damaged file */
  ORGMAP_STORE_ERROR_TOO_NEW,      /* written by a newer Orgmap */
  ORGMAP_STORE_ERROR_EXISTS,       /* refusing to overwrite */
  ORGMAP_STORE_ERROR_INVALID,      /* content breaks the model's rules */
} OrgmapStoreError;

GQuark orgmap_import_error_quark (void);
GQuark orgmap_store_error_quark  (void);

G_END_DECLS

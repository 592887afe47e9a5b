/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "orgmap-document.h"

G_BEGIN_DECLS

/* The `.orgmap` document file is a SQLite database. Its tables use the
 * model's handles as integer primary keys, so that a single edit can later
 * be committed on an open connection as one statement in its own
 * transaction. */

/* PRAGMA application_id of every Orgmap document: "ORGM". */
#define ORGMAP_STORE_APPLICATION_ID 0x4f52474d

/* PRAGMA user_version of the files this version writes. Older files are
 * migrated in place when they are loaded. */
#define ORGMAP_STORE_SCHEMA_VERSION 2

/* Loads a document. NULL and @error (ORGMAP_STORE_ERROR) on any problem;
 * the file is never modified, except that an older schema is migrated in
 * place in one transaction. */
OrgmapDocument *orgmap_store_load (const char      *path,
                                   GError         **error);

/* Writes the whole document to @path through a temporary file in the same
 * folder renamed into place. Refuses an existing @path unless @overwrite. */
gboolean        orgmap_store_save (OrgmapDocument  *document,
                                   const char      *path,
                                   gboolean         overwrite,
                                   GError         **error);

G_END_DECLS

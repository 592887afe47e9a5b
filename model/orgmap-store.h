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

/* An open document file: loads it, keeps a read-write connection, and
 * writes every change of the document to it, each in a transaction of its
 * own, as the document announces it. Nothing is lost when the program is
 * killed: every edit is in the file once its "changed" signal returned. */
typedef struct _OrgmapLiveStore OrgmapLiveStore;

/* Loads @path into *@document (a new reference) and keeps it open. NULL and
 * @error (ORGMAP_STORE_ERROR) when it cannot be loaded or written. */
OrgmapLiveStore *orgmap_live_store_open      (const char       *path,
                                              OrgmapDocument  **document,
                                              GError          **error);
/* Creates @path (refusing an existing file) holding @document, then keeps
 * it open like orgmap_live_store_open(). */
OrgmapLiveStore *orgmap_live_store_create    (const char       *path,
                                              OrgmapDocument   *document,
                                              GError          **error);
/* Writes @document to @path, replacing what was there at once (through a
 * temporary file renamed into place), then keeps it open: Save As. */
OrgmapLiveStore *orgmap_live_store_replace   (const char       *path,
                                              OrgmapDocument   *document,
                                              GError          **error);
/* The failure of the last write (read-only file, file gone, full disk,
 * file locked by another program), or NULL. After a failure the store
 * writes nothing more; the edits stay in the document, to be saved
 * elsewhere with orgmap_store_save(). */
const GError    *orgmap_live_store_get_error (OrgmapLiveStore  *self);
/* Stops following the document and closes the file. */
void             orgmap_live_store_close     (OrgmapLiveStore  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrgmapLiveStore, orgmap_live_store_close)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdio.h>
#include <glib.h>

G_BEGIN_DECLS

/* Writes a file through a temporary file in the same folder, renamed into
 * place on commit, so that a failure never leaves a partial file or
 * damages the one already there. */
typedef struct _OrgmapAtomicFile OrgmapAtomicFile;

/* Fails with G_IO_ERROR_EXISTS when @path exists and @overwrite is FALSE. */
OrgmapAtomicFile *orgmap_atomic_file_new           (const char        *path,
                                                    gboolean           overwrite,
                                                    GError           **error);
/* A buffered stream on the temporary file. */
FILE             *orgmap_atomic_file_get_stream    (OrgmapAtomicFile  *self);
/* The temporary file, for writers that open it themselves (SQLite). */
const char       *orgmap_atomic_file_get_temp_path (OrgmapAtomicFile  *self);
/* Flushes, syncs and renames into place; frees @self either way. */
gboolean          orgmap_atomic_file_commit        (OrgmapAtomicFile  *self,
                                                    GError           **error);
/* Removes the temporary file and frees @self. */
void              orgmap_atomic_file_abort         (OrgmapAtomicFile  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrgmapAtomicFile, orgmap_atomic_file_abort)

G_END_DECLS

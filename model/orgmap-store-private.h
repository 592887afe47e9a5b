/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by orgmap-store.c (schema, opening), orgmap-store-load.c (reading
 * the tables), orgmap-store-save.c and orgmap-store-live.c. */

#include <glib.h>
#include <sqlite3.h>

#include "orgmap-document.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close_v2)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Prepares @sql as a statement that will be run many times. */
int  orgmap_store_prepare          (sqlite3       *db,
                                    const char    *sql,
                                    sqlite3_stmt **stmt);

/* Runs the schema migrations from user_version @from on and sets the newest
 * version, inside the caller's transaction; 0 creates every table. */
int  orgmap_store_migrate          (sqlite3       *db,
                                    int            from);

/* Writes every row of @doc into the empty tables of the newest schema,
 * inside the caller's transaction. Rows are keyed by the model's handles.
 * Units may name a parent that comes later, so foreign keys must be off
 * or deferred. */
int  orgmap_store_write_rows       (sqlite3        *db,
                                    OrgmapDocument *doc);

/* Reads every table of @db, a file of the newest schema, into a new
 * document, in one read transaction; @display names the file in errors. */
OrgmapDocument *orgmap_store_read_document (sqlite3     *db,
                                            const char  *display,
                                            GError     **error);

/* Turns SQLite's @rc into an ORGMAP_STORE_ERROR naming @display, the file;
 * @db gives SQLite's explanation when it is not NULL. */
void orgmap_store_set_sqlite_error (GError       **error,
                                    sqlite3       *db,
                                    int            rc,
                                    const char    *display,
                                    gboolean       writing);

/* Runs a statement that returns no row and makes it ready for the next. */
int  orgmap_store_run              (sqlite3_stmt *stmt);
/* Binds a document string: it outlives the statement's step. */
void orgmap_store_bind_text        (sqlite3_stmt *stmt,
                                    int           column,
                                    const char   *text);
void orgmap_store_bind_int_or_null (sqlite3_stmt *stmt,
                                    int           column,
                                    gint64        value,
                                    gboolean      is_set);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "orgmap-document.h"

G_BEGIN_DECLS

/* Helpers shared by the editing tests: random documents, and a canonical
 * dump of a whole document by handle, to compare states exactly. */

#define S(str) ((str) != NULL ? (str) : "∅")

guint32         orgmap_test_random_below      (GRand      *rand,
                                               guint32     bound);
gboolean        orgmap_test_one_in            (GRand      *rand,
                                               guint32     n);
OrgmapDocument *orgmap_test_build_random      (guint32     seed);
char           *orgmap_test_dump              (OrgmapDocument *doc);
void            orgmap_test_assert_same_dump  (const char *actual,
                                               const char *expected);

/* The document item by item, keyed by id; every reference in range, every
 * id finding its item; what a removal left as it was; and the dump with
 * the ratings by handle. */
GHashTable     *orgmap_test_dump_by_id        (OrgmapDocument *doc);
void            orgmap_test_assert_consistent (OrgmapDocument *doc);
void            orgmap_test_assert_rest_unchanged (GHashTable *before,
                                               GHashTable *after,
                                               guint       n_removed);
char           *orgmap_test_dump_with_rating_handles (OrgmapDocument *doc);

G_END_DECLS

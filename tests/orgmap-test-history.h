/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "orgmap-history.h"

G_BEGIN_DECLS

/* Helpers shared by the tests of the undo history: a document under edit
 * and its twin that is never edited, so that undoing everything must make
 * them equal again, and the checks around one command. */

typedef struct
{
  OrgmapDocument *doc;
  OrgmapDocument *reference;
  OrgmapHistory  *history;
  char           *before;
  guint           n_changes;   /* the document's "changed" signals */
  guint           n_notifies;  /* the history's property notifications */
} OrgmapTestFixture;

/* The bundled example organisation. */
OrgmapDocument *orgmap_test_load_example          (void);
void            orgmap_test_fixture_init_example  (OrgmapTestFixture *f);
void            orgmap_test_fixture_init_random   (OrgmapTestFixture *f,
                                                   guint32            seed);
void            orgmap_test_fixture_clear         (OrgmapTestFixture *f);
/* Before a command: nothing to undo, the document as its twin. */
void            orgmap_test_begin                 (OrgmapTestFixture *f);
/* After a command whose effect the caller checked: one change heard; undo,
 * redo and undo again give back exactly the documents before and after. */
void            orgmap_test_finish                (OrgmapTestFixture *f,
                                                   const char        *label);
/* The first link that has ratings (@rated) or has none. */
guint32         orgmap_test_find_link_with_ratings (OrgmapDocument   *doc,
                                                   gboolean           rated);

G_END_DECLS

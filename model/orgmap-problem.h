/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One thing wrong with an input file, with where it is. A list of them is
 * what `orgmap-tool validate` prints and what the window shows after a
 * failed import. */
typedef struct
{
  char *file;      /* display name of the file, or NULL */
  int   line;      /* 1-based, 0 when unknown */
  int   column;    /* 1-based, 0 when unknown */
  char *id;        /* the unit, link or round at fault, or NULL */
  char *message;   /* translated, one sentence */
} OrgmapProblem;

typedef struct _OrgmapProblems OrgmapProblems;

OrgmapProblems *orgmap_problems_new      (const char     *file);
void            orgmap_problems_free     (OrgmapProblems *problems);
void            orgmap_problems_add      (OrgmapProblems *problems,
                                          int             line,
                                          int             column,
                                          const char     *id,
                                          const char     *format,
                                          ...) G_GNUC_PRINTF (5, 6);
guint           orgmap_problems_count    (OrgmapProblems *problems);
const OrgmapProblem *
                orgmap_problems_get      (OrgmapProblems *problems,
                                          guint           index);
/* "file:line:column: message" lines, one per problem. */
char           *orgmap_problems_format   (OrgmapProblems *problems);
char           *orgmap_problem_format    (const OrgmapProblem *problem);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrgmapProblems, orgmap_problems_free)

G_END_DECLS

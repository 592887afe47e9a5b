/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "orgmap-document.h"

G_BEGIN_DECLS

/* What the files of orgmap-bench share: orgmap-bench.c runs the sizes and
 * prints the tables, orgmap-bench-generate.c writes the synthetic
 * organisations, and the measures, run in the child process, live in
 * orgmap-bench-import.c, orgmap-bench-draw.c and orgmap-bench-edit.c. */

#define MIN_RUN            30
#define SEED               20260331

#define MB                 1e6

/* Drawing: frames of FRAME_WIDTH × FRAME_HEIGHT, FRAMES of each. */
#define FRAME_WIDTH        1920
#define FRAME_HEIGHT       1080
#define FRAMES             50

/* Graphviz's dot is cut off after DOT_TIMEOUT seconds. */
#define DOT_TIMEOUT        120

/* Editing: EDITS edits, on documents of up to EDIT_MAX_UNITS units. */
#define EDIT_MAX_UNITS     10000
#define EDITS              1000

/* ------------------------------------------------------------------------ */
/* Generator */

typedef struct
{
  guint   n_units;
  guint   n_links;
  guint   n_ratings;
  guint   max_depth;
  guint   n_runs;      /* units with MIN_RUN or more leaf children */
  guint   n_small;     /* units with 2–5 children */
  goffset file_size;
} Generated;

gboolean bench_generate      (guint            n_units,
                              const char      *path,
                              Generated       *gen,
                              GError         **error);
gboolean bench_write_graphml (OrgmapDocument  *doc,
                              const char      *path,
                              GError         **error);
gboolean bench_write_generic (OrgmapDocument  *doc,
                              const char      *path,
                              GError         **error);

/* ------------------------------------------------------------------------ */
/* Measures, run in the child process */

typedef struct
{
  const char     *file;
  char           *dir;        /* where saved documents go */
  guint           runs;
  gboolean        keep;       /* keep the last saved document */
  OrgmapDocument *document;   /* imported, later replaced by the loaded one */
  char           *saved;      /* the last saved document */
} Bench;

typedef gboolean (*MeasureFunc) (Bench   *bench,
                                 GError **error);

void             bench_report        (Bench       *bench,
                                      const char  *key,
                                      double       value);
double           bench_seconds_since (gint64       start);
double           bench_median        (double      *values,
                                      guint        n);
gboolean         bench_time_xmllint  (const char  *file,
                                      double      *seconds,
                                      GError     **error);
OrgmapDocument  *bench_import        (const char  *file,
                                      GError     **error);

/* orgmap-bench-import.c */
gboolean measure_import   (Bench   *bench,
                           GError **error);
gboolean measure_classify (Bench   *bench,
                           GError **error);
gboolean measure_save     (Bench   *bench,
                           GError **error);
gboolean measure_load     (Bench   *bench,
                           GError **error);
gboolean measure_peak_rss (Bench   *bench,
                           GError **error);
gboolean check_round_trip (Bench   *bench,
                           GError **error);
gboolean measure_graphml  (Bench   *bench,
                           GError **error);
gboolean measure_generic  (Bench   *bench,
                           GError **error);

/* orgmap-bench-draw.c */
gboolean measure_layout   (Bench   *bench,
                           GError **error);
gboolean measure_frames   (Bench   *bench,
                           GError **error);
gboolean measure_dot      (Bench   *bench,
                           GError **error);

/* orgmap-bench-edit.c */
gboolean measure_editing  (Bench   *bench,
                           GError **error);

G_END_DECLS

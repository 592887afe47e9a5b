/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-bench"

#include "config.h"

#include "orgmap-bench.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include <glib/gstdio.h>

/* orgmap-bench: the project's performance benchmark (not a test).
 *
 * It writes synthetic organisations as native XML files, then measures each
 * size in a child process of its own (this program run again with --one), so
 * that the peak memory reported is that of one size alone. A child runs the
 * measures in order and prints "key value" lines; the parent prints one
 * Markdown table whose columns pick those keys. A new figure (layout time,
 * frame time, …) is one more function in measures[] and one more entry in
 * columns[].
 *
 * This file runs the sizes and prints the tables; orgmap-bench-generate.c
 * writes the organisations, and the measures are in orgmap-bench-import.c
 * (import, classification, save, load, GraphML, generic XML),
 * orgmap-bench-draw.c (layout, frames, dot) and orgmap-bench-edit.c
 * (editing through the undo history). */

/* ------------------------------------------------------------------------ */
/* Measures, run in the child process */

void
bench_report (Bench      *bench,
              const char *key,
              double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  printf ("%s %s\n", key, g_ascii_dtostr (buf, sizeof buf, value));
  fflush (stdout);
}

double
bench_seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

double
bench_median (double *values,
              guint   n)
{
  g_assert (n > 0);

  qsort (values, n, sizeof (double), compare_doubles);
  if (n % 2 == 1)
    return values[n / 2];
  return (values[n / 2 - 1] + values[n / 2]) / 2;
}

static const struct
{
  const char  *name;
  MeasureFunc  func;
} measures[] = {
  { "import", measure_import },
  { "classify", measure_classify },
  { "save", measure_save },
  { "load", measure_load },
  { "peak memory", measure_peak_rss },
  { "round trip", check_round_trip },
  { "graphml", measure_graphml },
  { "generic XML", measure_generic },
  /* Drawing goes after the peak memory: the targets for memory are those of
   * a document, and a window draws only a screenful at a time. */
  { "layout", measure_layout },
  { "frames", measure_frames },
  { "dot", measure_dot },
  { "editing", measure_editing },
};

static int
run_one (const char *file,
         guint       runs,
         gboolean    keep)
{
  Bench bench = { 0 };
  int status = EXIT_SUCCESS;

  bench.file = file;
  bench.dir = g_path_get_dirname (file);
  bench.runs = runs;
  bench.keep = keep;

  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    {
      g_autoptr(GError) error = NULL;

      if (!measures[i].func (&bench, &error))
        {
          g_printerr ("orgmap-bench: %s of %s failed: %s\n", measures[i].name, file,
                      error->message);
          status = EXIT_FAILURE;
          break;
        }
    }

  if (bench.saved != NULL && !bench.keep)
    g_unlink (bench.saved);
  g_clear_object (&bench.document);
  g_free (bench.saved);
  g_free (bench.dir);
  return status;
}

static int
run_import_only (const char *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OrgmapDocument) document = bench_import (file, &error);

  if (document == NULL)
    {
      g_printerr ("orgmap-bench: importing %s failed: %s\n", file, error->message);
      return EXIT_FAILURE;
    }
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------------------ */
/* The table, printed by the parent */

/* A figure must not exceed @limit. The limit is stated for @reference units
 * or links (@per); smaller organisations are held to the same figure, larger
 * ones to a figure scaled by their size. */
typedef struct
{
  double      limit;
  const char *per;
  double      reference;
} Target;

typedef struct
{
  const char *heading;
  const char *key;
  int         digits;     /* after the decimal point */
  Target      target;
} Column;

static const Column columns[] = {
  { "units", "units", 0 },
  { "links", "links", 0 },
  { "file MB", "file_mb", 1 },
  { "xmllint s", "xmllint_s", 3 },
  { "import s", "import_s", 3 },
  { "import/xmllint", "import_ratio", 2, { 2.0 } },
  { "peak RSS MB", "peak_rss_mb", 0, { 250, "units", 100000 } },
  { "classify ms", "classify_ms", 2, { 50, "links", 500000 } },
  { "save s", "save_s", 3, { 1.5, "units", 100000 } },
  { "load s", "load_s", 3, { 1.5, "units", 100000 } },
};

/* The second table: laying out and drawing the map. */
static const Column draw_columns[] = {
  { "units", "units", 0 },
  { "links", "links", 0 },
  { "layout ms", "layout_ms", 2, { 100, "units", 100000 } },
  { "frame, fit ms", "frame_fit_ms", 1, { 16, "links", 50000 } },
  { "frame, 1:1 ms", "frame_full_ms", 1, { 16, "links", 50000 } },
  { "dot -Tsvg s", "dot_s", 1 },
  { "dot / layout", "dot_ratio", 0 },
};

/* The third and fourth: editing through the undo history, in memory, then
 * with every change committed to the open document file. */
static const Column edit_columns[] = {
  { "units", "units", 0 },
  { "links", "links", 0 },
  { "edit, avg ms", "mem_edit_ms", 3 },
  { "edit, worst ms", "mem_edit_max_ms", 2 },
  { "undo 1,000 s", "mem_undo_edits_s", 3 },
  { "round ratings", "round_ratings", 0 },
  { "delete round ms", "mem_delete_round_ms", 2, { 10, "units", 10000 } },
  { "undo ms", "mem_undo_round_ms", 2, { 10, "units", 10000 } },
  { "subtree units", "subtree_units", 0 },
  { "subtree links", "subtree_links", 0 },
  { "delete subtree ms", "mem_delete_subtree_ms", 2, { 10, "units", 10000 } },
  { "undo ms", "mem_undo_subtree_ms", 2, { 10, "units", 10000 } },
};

static const Column edit_file_columns[] = {
  { "units", "units", 0 },
  { "links", "links", 0 },
  { "edit, avg ms", "file_edit_ms", 3, { 10, "units", 10000 } },
  { "edit, worst ms", "file_edit_max_ms", 2, { 10, "units", 10000 } },
  { "undo 1,000 s", "file_undo_edits_s", 3, { 1, "units", 10000 } },
  { "delete round ms", "file_delete_round_ms", 1 },
  { "undo ms", "file_undo_round_ms", 1 },
  { "delete subtree ms", "file_delete_subtree_ms", 1 },
  { "undo ms", "file_undo_subtree_ms", 1 },
};

/* The fifth: importing the same organisation written as GraphML. */
static const Column graphml_columns[] = {
  { "units", "units", 0 },
  { "GraphML MB", "graphml_mb", 1 },
  { "xmllint s", "graphml_xmllint_s", 3 },
  { "import s", "graphml_import_s", 3 },
  { "import/xmllint", "graphml_ratio", 2, { 3.0 } },
};

/* The sixth: the same units as flat records of generic XML. */
static const Column generic_columns[] = {
  { "units", "units", 0 },
  { "XML MB", "generic_mb", 1 },
  { "xmllint s", "generic_xmllint_s", 3 },
  { "detect s", "generic_detect_s", 3 },
  { "import s", "generic_import_s", 3 },
  { "import/xmllint", "generic_ratio", 2, { 3.0 } },
  { "both/xmllint", "generic_both_ratio", 2 },
};

static const char targets_text[] =
  "import ≤ 2× xmllint (GraphML and generic XML: ≤ 3×); classification ≤ 50 ms at 500k links; save and load ≤ 1.5 s "
  "at 100k units; peak RSS ≤ 250 MB at 100k units / 500k links; layout ≤ 100 ms at 100k "
  "units; a frame ≤ 16 ms at 10k units / 50k links; deleting a round or a large subtree, "
  "and undoing either, ≤ 10 ms at 10k units in memory; an edit with its commit to the file "
  "≤ 10 ms, on average and at worst; undoing 1,000 edits with their commits ≤ 1 s";

static double
row_get (GHashTable *row,
         const char *key)
{
  double *value = g_hash_table_lookup (row, key);

  return value != NULL ? *value : NAN;
}

static void
row_set (GHashTable *row,
         const char *key,
         double      value)
{
  g_hash_table_insert (row, g_strdup (key), g_memdup2 (&value, sizeof value));
}

/* " ✓" or " ✗" for a figure measured against a target, "" for others. */
static const char *
target_mark (GHashTable   *row,
             const Target *target,
             double        value)
{
  double limit = target->limit;

  if (limit <= 0 || isnan (value))
    return "";
  if (target->per != NULL && row_get (row, target->per) > target->reference)
    limit *= row_get (row, target->per) / target->reference;
  return value > limit ? " ✗" : " ✓";
}

static char *
cpu_model (void)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/cpuinfo", &contents, NULL, NULL))
    return g_strdup ("unknown CPU");
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *colon = strchr (lines[i], ':');

      if (g_str_has_prefix (lines[i], "model name") && colon != NULL)
        return g_strstrip (g_strdup (colon + 1));
    }
  return g_strdup ("unknown CPU");
}

static void
print_rows (GPtrArray    *rows,
            const Column *cols,
            guint         n_columns)
{
  printf ("|");
  for (guint c = 0; c < n_columns; c++)
    printf (" %s |", cols[c].heading);
  printf ("\n|");
  for (guint c = 0; c < n_columns; c++)
    printf ("---:|");
  printf ("\n");

  for (guint r = 0; r < rows->len; r++)
    {
      GHashTable *row = g_ptr_array_index (rows, r);

      printf ("|");
      for (guint c = 0; c < n_columns; c++)
        {
          double scale = pow (10, cols[c].digits);
          double value = round (row_get (row, cols[c].key) * scale) / scale;

          if (isnan (value))
            {
              printf (" – |");
              continue;
            }
          /* Judged as shown, so that 2.00 never carries a mark. */
          printf (" %.*f%s%s |", cols[c].digits, value,
                  g_str_equal (cols[c].key, "dot_s") && row_get (row, "dot_cut_off") == 1 ? "+" : "",
                  target_mark (row, &cols[c].target, value));
        }
      printf ("\n");
    }
}

static void
print_table (GPtrArray *rows,
             guint      runs)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *cpu = cpu_model ();
  struct utsname uts;

  for (guint r = 0; r < rows->len; r++)
    {
      GHashTable *row = g_ptr_array_index (rows, r);

      if (!isnan (row_get (row, "dot_s")) && row_get (row, "layout_ms") > 0)
        row_set (row, "dot_ratio", row_get (row, "dot_s") * 1000 / row_get (row, "layout_ms"));
    }

  print_rows (rows, columns, G_N_ELEMENTS (columns));
  printf ("\n");
  print_rows (rows, draw_columns, G_N_ELEMENTS (draw_columns));
  printf ("\nEditing, the document in memory:\n\n");
  print_rows (rows, edit_columns, G_N_ELEMENTS (edit_columns));
  printf ("\nEditing, each change committed to the open document file:\n\n");
  print_rows (rows, edit_file_columns, G_N_ELEMENTS (edit_file_columns));
  printf ("\nImporting the same units and hierarchy written as GraphML (one node per unit, "
          "one edge per parent):\n\n");
  print_rows (rows, graphml_columns, G_N_ELEMENTS (graphml_columns));
  printf ("\nImporting the same units as generic XML (flat <Employee> records with EmployeeID, "
          "Name, ManagerID and Department; the mapping detected first, then imported):\n\n");
  print_rows (rows, generic_columns, G_N_ELEMENTS (generic_columns));

  if (uname (&uts) != 0)
    memset (&uts, 0, sizeof uts);
  printf ("\n%s, %s %s %s, %s (%u CPUs). Targets: %s; ✓ marks a figure that meets its "
          "target and ✗ one that misses it (smaller organisations are held to the same figure, "
          "larger ones to one scaled by size). Times are wall-clock medians of %u run%s "
          "(classification, layout and deletions: %u; frames: %u, drawn at %u×%u by the Cairo "
          "renderer, fitted and at 1:1 in the middle of the chart); dot is Graphviz on the same "
          "units and hierarchy, links with constraint=false, “+” when cut off after %d s. "
          "Editing, up to %u units, goes through the undo history: %u edits (renaming a unit, "
          "rating a link, adding a link, moving a unit, in turn; the average and the worst), "
          "then undoing them all, then deleting the first round and undoing that, then the "
          "largest subtree with at most a tenth of the units and undoing that; first in memory, "
          "then again with the live store "
          "committing every change to a document file, which rewrites the whole file for each "
          "change that moves handles (a removal, an insertion before the end). "
          "MB = 10⁶ bytes.\n",
          date, uts.sysname, uts.release, uts.machine, cpu, g_get_num_processors (),
          targets_text, runs, runs == 1 ? "" : "s", MAX (5, runs), FRAMES, FRAME_WIDTH,
          FRAME_HEIGHT, DOT_TIMEOUT, EDIT_MAX_UNITS, EDITS);

  for (guint r = 0; r < rows->len; r++)
    {
      GHashTable *row = g_ptr_array_index (rows, r);

      if (row_get (row, "round_trip") == 0)
        printf ("\nWarning: at %.0f units, saving and loading did not give back the imported "
                "document.\n", row_get (row, "units"));
      if (row_get (row, "edit_round_trip") == 0)
        printf ("\nWarning: at %.0f units, undoing every edit did not give back the loaded "
                "document.\n", row_get (row, "units"));
      if (row_get (row, "edit_file_round_trip") == 0)
        printf ("\nWarning: at %.0f units, the file the edits were committed to does not hold "
                "the edited document.\n", row_get (row, "units"));
    }
}

/* ------------------------------------------------------------------------ */
/* The parent */

static gboolean
parse_sizes (const char  *text,
             GArray      *sizes,
             GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = g_strstrip (parts[i]);
      char *end = NULL;
      guint64 value = g_ascii_strtoull (part, &end, 10);
      guint n;

      if (end != NULL && (*end == 'k' || *end == 'K'))
        {
          value *= 1000;
          end++;
        }
      if (end == part || *end != '\0' || value < 10 || value > 10000000)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--sizes takes unit counts from 10 to 10000000 separated by commas, "
                       "such as 1000,10000 (not '%s')", part);
          return FALSE;
        }
      n = (guint) value;
      g_array_append_val (sizes, n);
    }
  return TRUE;
}

/* Measures @path in a child process and checks it read what was written. */
static GHashTable *
run_child (const char       *self_path,
           const char       *path,
           const Generated  *gen,
           guint             runs,
           gboolean          keep,
           gboolean          verbose,
           GError          **error)
{
  g_autofree char *runs_text = g_strdup_printf ("%u", runs);
  g_autofree char *out = NULL;
  g_autoptr(GHashTable) row = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) lines = NULL;
  const char *argv[] = {
    self_path, "--runs", runs_text, "--one", path, keep ? "--keep" : NULL, NULL
  };
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                     &status, error))
    return NULL;
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED,
                   "measuring %s failed (see above)", path);
      return NULL;
    }

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (lines[i], " ", 2);
      double value;

      if (g_strv_length (kv) != 2)
        continue;
      value = g_ascii_strtod (kv[1], NULL);
      row_set (row, kv[0], value);
      if (verbose)
        g_printerr ("  %s = %.6g\n", kv[0], value);
    }

  if (row_get (row, "units") != gen->n_units || row_get (row, "links") != gen->n_links ||
      row_get (row, "ratings") != gen->n_ratings)
    {
      g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED,
                   "the import of %s holds %.0f units, %.0f links and %.0f ratings; "
                   "the file has %u, %u and %u", path, row_get (row, "units"),
                   row_get (row, "links"), row_get (row, "ratings"), gen->n_units,
                   gen->n_links, gen->n_ratings);
      return NULL;
    }
  row_set (row, "file_mb", gen->file_size / MB);
  return g_steal_pointer (&row);
}

static GHashTable *
measure_size (const char  *self_path,
              guint        n_units,
              const char  *dir,
              guint        runs,
              gboolean     keep,
              gboolean     verbose,
              GError     **error)
{
  g_autofree char *name = g_strdup_printf ("orgmap-bench-%u.orgmap.xml", n_units);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  GHashTable *row;
  Generated gen;
  gint64 start;

  g_printerr ("Writing %u units to %s... ", n_units, path);
  start = g_get_monotonic_time ();
  if (!bench_generate (n_units, path, &gen, error))
    return NULL;
  g_printerr ("%.1f s, %.1f MB (%u links, %u ratings, depth %u, %u units with %u+ leaf "
              "children, %u with 2-5 children)\n",
              bench_seconds_since (start), gen.file_size / MB, gen.n_links, gen.n_ratings,
              gen.max_depth, gen.n_runs, MIN_RUN, gen.n_small);

  g_printerr ("Measuring %u units...\n", n_units);
  start = g_get_monotonic_time ();
  row = run_child (self_path, path, &gen, runs, keep, verbose, error);
  if (row != NULL)
    g_printerr ("Measured %u units in %.1f s\n", n_units, bench_seconds_since (start));

  if (!keep)
    g_unlink (path);
  return row;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *sizes_text = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *one = NULL;
  g_autofree char *import_only = NULL;
  g_autofree char *self_path = NULL;
  g_autofree char *xmllint = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  gboolean keep = FALSE;
  gboolean verbose = FALSE;
  gboolean temporary = FALSE;
  int runs = 3;
  const GOptionEntry entries[] = {
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &sizes_text,
      "Organisation sizes in units (default 1000,10000,100000)", "N,N,…" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir,
      "Write the generated files to DIR and keep them", "DIR" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs,
      "Runs per timing; the median is shown (default 3, classification at least 5)", "N" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose,
      "Print every figure measured, also those not in the table", NULL },
    { "one", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &one,
      "Measure one file and print the figures as “key value” lines", "FILE" },
    { "keep", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &keep, NULL, NULL },
    { "import-only", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &import_only,
      "Import FILE once and exit, for timing from outside", "FILE" },
    { NULL }
  };

  /* Messages in the user's language and charset, numbers always with a point. */
  setlocale (LC_ALL, "");
  setlocale (LC_NUMERIC, "C");

  context = g_option_context_new ("— measure Orgmap on synthetic organisations");
  g_option_context_set_summary (context,
    "Writes organisations of 1k, 10k and 100k units (five links each, two rated rounds) as\n"
    "native XML and prints Markdown tables of import, classification, save and load times\n"
    "and peak memory; of layout and frame times; and of editing through the undo history\n"
    "(edits, undo, deleting a round and a subtree), in memory and committed to an open\n"
    "document file, up to 10k units. Each size is measured in a process of its own. Needs\n"
    "xmllint (libxml2-utils) as the yardstick for the import.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("orgmap-bench: %s\n", error->message);
      return EXIT_FAILURE;
    }
  if (runs < 1 || runs > 100)
    {
      g_printerr ("orgmap-bench: --runs takes a number from 1 to 100\n");
      return EXIT_FAILURE;
    }

  if (import_only != NULL)
    return run_import_only (import_only);

  xmllint = g_find_program_in_path ("xmllint");
  if (xmllint == NULL)
    {
      g_printerr ("orgmap-bench: xmllint is not installed; it is the yardstick for the import "
                  "time (on Debian: apt install libxml2-utils)\n");
      return EXIT_FAILURE;
    }

  if (one != NULL)
    return run_one (one, runs, keep);

  if (!parse_sizes (sizes_text != NULL ? sizes_text : "1000,10000,100000", sizes, &error))
    {
      g_printerr ("orgmap-bench: %s\n", error->message);
      return EXIT_FAILURE;
    }

  self_path = g_file_read_link ("/proc/self/exe", NULL);
  if (self_path == NULL)
    self_path = g_strdup (argv[0]);

  if (dir != NULL)
    {
      keep = TRUE;
      if (g_mkdir_with_parents (dir, 0755) != 0)
        {
          int saved_errno = errno;

          g_printerr ("orgmap-bench: cannot create %s: %s\n", dir, g_strerror (saved_errno));
          return EXIT_FAILURE;
        }
    }
  else
    {
      dir = g_dir_make_tmp ("orgmap-bench-XXXXXX", &error);
      if (dir == NULL)
        {
          g_printerr ("orgmap-bench: %s\n", error->message);
          return EXIT_FAILURE;
        }
      temporary = TRUE;
    }

  for (guint i = 0; i < sizes->len; i++)
    {
      GHashTable *row = measure_size (self_path, g_array_index (sizes, guint, i), dir, runs,
                                      keep, verbose, &error);

      if (row == NULL)
        {
          g_printerr ("\norgmap-bench: %s\n", error->message);
          break;
        }
      g_ptr_array_add (rows, row);
    }

  if (temporary)
    g_rmdir (dir);

  if (error != NULL)
    return EXIT_FAILURE;

  print_table (rows, runs);
  return EXIT_SUCCESS;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-bench"

#include "config.h"

#include "orgmap-bench.h"

#include <errno.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "orgmap-format.h"
#include "orgmap-import-generic.h"
#include "orgmap-problem.h"
#include "orgmap-store.h"
#include "orgmap-xml-import.h"

/* Importing, classifying, saving and loading the native file; and importing
 * the same units written as GraphML and as generic XML. */

/* The yardstick: the time xmllint needs to read @file with its streaming
 * reader, start-up included. */
gboolean
bench_time_xmllint (const char  *file,
                    double      *seconds,
                    GError     **error)
{
  const char *argv[] = { "xmllint", "--stream", "--noout", file, NULL };
  g_autofree char *err_out = NULL;
  gint64 start = g_get_monotonic_time ();
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, &err_out, &status, error))
    return FALSE;
  *seconds = bench_seconds_since (start);

  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED,
                   "xmllint rejected %s: %.500s", file, err_out);
      return FALSE;
    }
  return TRUE;
}

OrgmapDocument *
bench_import (const char  *file,
              GError     **error)
{
  g_autoptr(OrgmapProblems) problems = orgmap_problems_new (file);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *first = NULL;
  OrgmapDocument *document;

  document = orgmap_xml_import_file (file, problems, &local_error);
  if (document != NULL)
    return document;

  /* The generated files are clean: a problem is the generator's or the
   * importer's bug. */
  if (orgmap_problems_count (problems) > 0)
    first = orgmap_problem_format (orgmap_problems_get (problems, 0));
  g_set_error (error, local_error->domain, local_error->code, "%s%s%s%s", local_error->message,
               first != NULL ? " (" : "", first != NULL ? first : "", first != NULL ? ")" : "");
  return NULL;
}

gboolean
measure_import (Bench   *bench,
                GError **error)
{
  g_autofree double *xmllint = g_new (double, bench->runs);
  g_autofree double *times = g_new (double, bench->runs);
  g_autofree double *ratios = g_new (double, bench->runs);

  /* xmllint and the import take turns and the ratio is taken pair by pair,
   * so that a change in the machine's load moves both sides alike. */
  for (guint i = 0; i < bench->runs; i++)
    {
      gint64 start;

      if (!bench_time_xmllint (bench->file, &xmllint[i], error))
        return FALSE;

      /* One document at a time, as in the application. */
      g_clear_object (&bench->document);
      start = g_get_monotonic_time ();
      bench->document = bench_import (bench->file, error);
      times[i] = bench_seconds_since (start);
      if (bench->document == NULL)
        return FALSE;
      ratios[i] = times[i] / xmllint[i];
    }

  bench_report (bench, "xmllint_s", bench_median (xmllint, bench->runs));
  bench_report (bench, "import_s", bench_median (times, bench->runs));
  bench_report (bench, "import_ratio", bench_median (ratios, bench->runs));
  bench_report (bench, "units", orgmap_document_get_n_units (bench->document));
  bench_report (bench, "links", orgmap_document_get_n_links (bench->document));
  bench_report (bench, "ratings", orgmap_document_get_n_ratings (bench->document));
  return TRUE;
}

gboolean
measure_classify (Bench   *bench,
                  GError **error)
{
  OrgmapDocument *doc = bench->document;
  guint runs = MAX (5, bench->runs);
  g_autofree double *hierarchy = g_new (double, runs);
  g_autofree double *classify = g_new (double, runs);
  guint counts[ORGMAP_N_LINK_TYPES] = { 0 };
  gint32 level = orgmap_document_get_unit_level (doc, 0);
  gint32 explicit_level = orgmap_document_get_unit (doc, 0)->level;

  for (guint i = 0; i < runs; i++)
    {
      gint64 start;

      /* Changing the root's explicit level and back invalidates the derived
       * hierarchy and every link's type, and leaves the document as it was. */
      orgmap_document_set_unit_level (doc, 0, explicit_level > 0 ? 0 : level);
      orgmap_document_set_unit_level (doc, 0, explicit_level);

      start = g_get_monotonic_time ();
      orgmap_document_get_unit_level (doc, 0);
      hierarchy[i] = bench_seconds_since (start) * 1000;

      start = g_get_monotonic_time ();
      orgmap_document_classify_links (doc);
      classify[i] = bench_seconds_since (start) * 1000;
    }

  bench_report (bench, "hierarchy_ms", bench_median (hierarchy, runs));
  bench_report (bench, "classify_ms", bench_median (classify, runs));

  /* The mix of types, to see that the organisation is not degenerate. */
  for (guint32 l = 0; l < orgmap_document_get_n_links (doc); l++)
    counts[orgmap_document_get_link_computed_type (doc, l)]++;
  for (guint t = 0; t < ORGMAP_N_LINK_TYPES; t++)
    bench_report (bench, orgmap_link_type_to_string (t), counts[t]);
  return TRUE;
}

gboolean
measure_save (Bench   *bench,
              GError **error)
{
  g_autofree double *times = g_new (double, bench->runs);
  g_autofree char *base = g_path_get_basename (bench->file);
  GStatBuf st;

  /* orgmap-bench-1000.orgmap.xml is saved as orgmap-bench-1000-N.orgmap. */
  if (g_str_has_suffix (base, ".orgmap.xml"))
    base[strlen (base) - strlen (".orgmap.xml")] = '\0';

  for (guint i = 0; i < bench->runs; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%u.orgmap", base, i);
      g_autofree char *path = g_build_filename (bench->dir, name, NULL);
      gint64 start;

      g_unlink (path);
      start = g_get_monotonic_time ();
      if (!orgmap_store_save (bench->document, path, FALSE, error))
        return FALSE;
      times[i] = bench_seconds_since (start);

      if (bench->saved != NULL)
        g_unlink (bench->saved);
      g_free (bench->saved);
      bench->saved = g_steal_pointer (&path);
    }

  bench_report (bench, "save_s", bench_median (times, bench->runs));
  if (g_stat (bench->saved, &st) == 0)
    bench_report (bench, "document_mb", st.st_size / MB);
  return TRUE;
}

gboolean
measure_load (Bench   *bench,
              GError **error)
{
  g_autofree double *times = g_new (double, bench->runs);

  /* The loaded document replaces the imported one: an application holds one
   * document, and so the peak memory measured is that of one. */
  g_clear_object (&bench->document);

  for (guint i = 0; i < bench->runs; i++)
    {
      gint64 start;

      g_clear_object (&bench->document);
      start = g_get_monotonic_time ();
      bench->document = orgmap_store_load (bench->saved, error);
      times[i] = bench_seconds_since (start);
      if (bench->document == NULL)
        return FALSE;
    }

  bench_report (bench, "load_s", bench_median (times, bench->runs));
  return TRUE;
}

/* Measures that add to the peak memory go before this one. */
gboolean
measure_peak_rss (Bench   *bench,
                  GError **error)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "getrusage failed: %s", g_strerror (saved_errno));
      return FALSE;
    }

  /* ru_maxrss is in kibibytes on Linux. */
  bench_report (bench, "peak_rss_mb", usage.ru_maxrss * 1024.0 / MB);
  return TRUE;
}

/* Not a figure but a guard: timing a save that loses data means nothing. */
gboolean
check_round_trip (Bench   *bench,
                  GError **error)
{
  g_autoptr(OrgmapDocument) imported = bench_import (bench->file, error);

  if (imported == NULL)
    return FALSE;
  bench_report (bench, "round_trip", orgmap_document_equal (imported, bench->document));
  return TRUE;
}

gboolean
measure_graphml (Bench   *bench,
                 GError **error)
{
  g_autofree double *xmllint = g_new (double, bench->runs);
  g_autofree double *times = g_new (double, bench->runs);
  g_autofree double *ratios = g_new (double, bench->runs);
  g_autofree char *base = g_path_get_basename (bench->file);
  g_autofree char *path = NULL;
  guint n_units = orgmap_document_get_n_units (bench->document);
  gboolean ok = TRUE;
  GStatBuf st;

  if (g_str_has_suffix (base, ".orgmap.xml"))
    base[strlen (base) - strlen (".orgmap.xml")] = '\0';
  path = g_strdup_printf ("%s/%s.graphml", bench->dir, base);
  if (!bench_write_graphml (bench->document, path, error))
    return FALSE;

  for (guint i = 0; i < bench->runs && ok; i++)
    {
      g_autoptr(OrgmapProblems) problems = orgmap_problems_new (NULL);
      g_autoptr(OrgmapDocument) imported = NULL;
      g_autoptr(GError) local_error = NULL;
      gint64 start;

      if (!(ok = bench_time_xmllint (path, &xmllint[i], error)))
        break;
      start = g_get_monotonic_time ();
      imported = orgmap_format_import (path, NULL, NULL, problems, &local_error);
      times[i] = bench_seconds_since (start);
      ratios[i] = times[i] / xmllint[i];

      /* The file is clean: a problem is the writer's or the importer's bug. */
      if (imported == NULL || orgmap_document_get_n_units (imported) != n_units ||
          orgmap_problems_count (problems) > 0)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                       "importing %s gave %u units of %u, %u problems%s%s", path,
                       imported != NULL ? orgmap_document_get_n_units (imported) : 0, n_units,
                       orgmap_problems_count (problems), local_error != NULL ? ": " : "",
                       local_error != NULL ? local_error->message : "");
          ok = FALSE;
        }
    }

  if (ok)
    {
      if (g_stat (path, &st) == 0)
        bench_report (bench, "graphml_mb", st.st_size / MB);
      bench_report (bench, "graphml_xmllint_s", bench_median (xmllint, bench->runs));
      bench_report (bench, "graphml_import_s", bench_median (times, bench->runs));
      bench_report (bench, "graphml_ratio", bench_median (ratios, bench->runs));
    }
  if (!bench->keep)
    g_unlink (path);
  return ok;
}

gboolean
measure_generic (Bench   *bench,
                 GError **error)
{
  g_autofree double *xmllint = g_new (double, bench->runs);
  g_autofree double *detect = g_new0 (double, bench->runs);
  g_autofree double *times = g_new0 (double, bench->runs);
  g_autofree double *ratios = g_new (double, bench->runs);
  g_autofree double *both = g_new0 (double, bench->runs);
  g_autofree char *base = g_path_get_basename (bench->file);
  g_autofree char *path = NULL;
  guint n_units = orgmap_document_get_n_units (bench->document);
  gboolean ok = TRUE;
  GStatBuf st;

  if (g_str_has_suffix (base, ".orgmap.xml"))
    base[strlen (base) - strlen (".orgmap.xml")] = '\0';
  path = g_strdup_printf ("%s/%s.employees.xml", bench->dir, base);
  if (!bench_write_generic (bench->document, path, error))
    return FALSE;

  for (guint i = 0; i < bench->runs && ok; i++)
    {
      g_auto(OrgmapGenericMapping) mapping = { 0 };
      g_autoptr(OrgmapProblems) problems = orgmap_problems_new (NULL);
      g_autoptr(OrgmapDocument) imported = NULL;
      g_autoptr(GError) local_error = NULL;
      gint64 start;

      if (!(ok = bench_time_xmllint (path, &xmllint[i], error)))
        break;
      start = g_get_monotonic_time ();
      if (orgmap_generic_detect (path, &mapping, problems, &local_error))
        {
          detect[i] = bench_seconds_since (start);
          start = g_get_monotonic_time ();
          imported = orgmap_generic_import_file (path, &mapping, ORGMAP_GENERIC_UNITS, NULL, NULL,
                                                 problems, &local_error);
          times[i] = bench_seconds_since (start);
        }
      ratios[i] = times[i] / xmllint[i];
      both[i] = (detect[i] + times[i]) / xmllint[i];

      /* The file is clean and flat with a ManagerID: anything else is the
       * writer's or the importer's bug. */
      if (imported == NULL || orgmap_document_get_n_units (imported) != n_units ||
          orgmap_problems_count (problems) > 0 ||
          mapping.parent_kind != ORGMAP_GENERIC_PARENT_FIELD ||
          g_strcmp0 (mapping.parent.name, "ManagerID") != 0)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                       "importing %s gave %u units of %u, %u problems%s%s", path,
                       imported != NULL ? orgmap_document_get_n_units (imported) : 0, n_units,
                       orgmap_problems_count (problems), local_error != NULL ? ": " : "",
                       local_error != NULL ? local_error->message : "");
          ok = FALSE;
        }
    }

  if (ok)
    {
      if (g_stat (path, &st) == 0)
        bench_report (bench, "generic_mb", st.st_size / MB);
      bench_report (bench, "generic_xmllint_s", bench_median (xmllint, bench->runs));
      bench_report (bench, "generic_detect_s", bench_median (detect, bench->runs));
      bench_report (bench, "generic_import_s", bench_median (times, bench->runs));
      bench_report (bench, "generic_ratio", bench_median (ratios, bench->runs));
      bench_report (bench, "generic_both_ratio", bench_median (both, bench->runs));
    }
  if (!bench->keep)
    g_unlink (path);
  return ok;
}

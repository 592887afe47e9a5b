/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-bench"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "orgmap-document.h"
#include "orgmap-format.h"
#include "orgmap-history.h"
#include "orgmap-import-generic.h"
#include "orgmap-layout.h"
#include "orgmap-problem.h"
#include "orgmap-renderer.h"
#include "orgmap-store.h"
#include "orgmap-xml-import.h"

/* orgmap-bench: the project's performance benchmark (not a test).
 *
 * It writes synthetic organisations as native XML files, then measures each
 * size in a child process of its own (this program run again with --one), so
 * that the peak memory reported is that of one size alone. A child runs the
 * measures in order and prints "key value" lines; the parent prints one
 * Markdown table whose columns pick those keys. A new figure (layout time,
 * frame time, …) is one more function in measures[] and one more entry in
 * columns[]. */

#define LINKS_PER_UNIT     5
#define MAX_DEPTH          8
#define MIN_RUN            30
#define MAX_RUN            200
#define SEED               20260331

#define MB                 1e6

/* ------------------------------------------------------------------------ */
/* Generator */

static const char * const unit_kinds[] = {
  "Dirección", "Gerencia", "Departamento", "Área", "Sección", "Unidad",
  "Oficina", "Equipo", "Servicio", "Coordinación", "Subdirección", "Jefatura",
};

static const char * const unit_topics[] = {
  "Finanzas", "Logística", "Producción", "Atención al Cliente «Premium»",
  "Tecnología", "I+D & Innovación", "Comunicación", "Calidad", "Mantenimiento",
  "Compras", "Contabilidad", "Recursos Humanos", "Formación", "Ingeniería",
  "Seguridad", "Administración", "Planificación", "Distribución",
  "Exportación", "Comercial <B2B>", "Relaciones \"Institucionales\"",
  "Asesoría Jurídica", "Sostenibilidad", "Análisis de Datos", "Nóminas",
};

static const char * const unit_places[] = {
  "Norte", "Sur", "Península", "Andalucía", "Cataluña", "Galicia", "Aragón",
  "Castilla y León", "L'Hospitalet", "Málaga", "A Coruña", "Cádiz", "Logroño",
};

static const char * const first_names[] = {
  "Ana", "José", "María", "Begoña", "Iñaki", "Ramón", "Lucía", "Jesús",
  "Núria", "Álvaro", "Inés", "Óscar", "Sofía", "Andrés", "Mónica", "Raúl",
};

static const char * const surnames[] = {
  "Ruiz", "Núñez", "Peña", "Muñoz", "Gómez", "Martínez", "Sánchez", "López",
  "Fernández", "Ibáñez", "Domínguez", "Álvarez", "Castaño", "Rodríguez",
  "Gutiérrez", "Pérez", "O'Donnell",
};

static const char * const areas[] = {
  "Administración", "Operaciones", "Tecnología", "Comercial", "Personas",
};

static const char * const external_kinds[] = {
  "Clientes minoristas", "Distribuidores", "Administración pública",
  "Grandes cuentas", "Proveedores & socios", "Ciudadanía",
};

static const char * const services[] = {
  "Datos de empleados", "Nóminas", "Soporte informático", "Portátiles",
  "Mantenimiento de instalaciones", "Formación técnica", "Informes de gestión",
  "Compras de material", "Asesoría jurídica", "Selección de personal",
  "Logística interna", "Previsión de ventas", "Campañas de comunicación",
  "Auditoría <interna>", "Planificación & control", "Atención de incidencias",
};

static const char * const comments[] = {
  "Llegan tarde", "Muy buena atención", "Falta información en los informes",
  "Respuesta rápida pero incompleta", "Mejoró tras la reunión de «feedback»",
  "Se pide más formación", "Sin quejas", "Errores frecuentes en los datos",
};

static const char * const dimensions[] = {
  "reliability", "responsiveness", "assurance", "empathy", "tangibles",
};

static const char * const link_types[] = { "vertical", "horizontal", "diagonal" };

#define PICK(rand, array) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

/* The organisation is made in pre-order, so a unit's subtree is the range
 * [u, u + size[u]) and its children are u + 1, then each next one a
 * subtree's size further on. */
typedef struct
{
  GRand   *rand;
  guint    n_units;
  guint    n_externals;
  guint32 *parent;
  guint32 *size;
  guint8  *depth;
  guint    next;
} Organisation;

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

static void grow (Organisation *org, guint32 parent, guint depth, guint budget);

/* Spreads @rest units over @k children, unevenly but each at least one. */
static void
grow_children (Organisation *org,
               guint32       parent,
               guint         depth,
               guint         rest,
               guint         k)
{
  g_autofree double *weight = g_new (double, k);
  g_autofree guint *budget = g_new (guint, k);
  double sum = 0;
  guint given = 0;

  g_assert (k > 0 && k <= rest);

  for (guint i = 0; i < k; i++)
    {
      double w = g_rand_double (org->rand);

      weight[i] = w * w * w + 0.02;
      sum += weight[i];
    }
  for (guint i = 0; i < k; i++)
    {
      budget[i] = 1 + (guint) ((rest - k) * weight[i] / sum);
      given += budget[i];
    }
  while (given < rest)
    {
      budget[g_rand_int_range (org->rand, 0, k)]++;
      given++;
    }

  for (guint i = 0; i < k; i++)
    grow (org, parent, depth + 1, budget[i]);
}

static void
grow (Organisation *org,
      guint32       parent,
      guint         depth,
      guint         budget)
{
  guint32 u = org->next++;
  guint rest = budget - 1;

  org->parent[u] = parent;
  org->depth[u] = depth;
  org->size[u] = budget;

  if (rest == 0)
    return;

  if (depth + 1 >= MAX_DEPTH)
    {
      /* Children at the deepest level can only be leaves. */
      grow_children (org, u, depth, rest, rest);
    }
  else if (depth >= 4 && rest >= MIN_RUN && rest <= MAX_RUN)
    {
      /* A long run of leaf children, sometimes with a small team among them. */
      guint team = g_rand_int_range (org->rand, 0, 4) == 0 ? g_rand_int_range (org->rand, 3, 7) : 0;

      for (guint i = 0; i < rest - team; i++)
        grow (org, u, depth + 1, 1);
      if (team > 0)
        grow (org, u, depth + 1, team);
    }
  else if (rest < MIN_RUN)
    {
      guint k = g_rand_int_range (org->rand, 2, 6);

      grow_children (org, u, depth, rest, MIN (k, rest));
    }
  else
    {
      /* Branch so that long leaf runs appear around depth 5 or 6: the fan-out
       * is what is left to spread per level still to go. */
      guint target = g_rand_boolean (org->rand) ? 5 : 6;
      guint levels = target > depth ? target - depth : 1;
      double fan = pow (rest / 100.0, 1.0 / levels) * g_rand_double_range (org->rand, 0.6, 1.4);
      guint k = CLAMP ((guint) (fan + 0.5), 2, 12);
      guint staff = 0;

      /* Some large units also have a run of leaf staff units of their own. */
      if (depth >= 2 && rest > 4 * MAX_RUN && g_rand_int_range (org->rand, 0, 6) == 0)
        staff = g_rand_int_range (org->rand, MIN_RUN, MAX_RUN + 1);
      for (guint i = 0; i < staff; i++)
        grow (org, u, depth + 1, 1);
      grow_children (org, u, depth, rest - staff, MIN (k, rest - staff));
    }
}

static void
put_escaped (FILE       *out,
             const char *value)
{
  const char *span = value;

  for (const char *p = value; *p != '\0'; p++)
    {
      const char *entity;

      switch (*p)
        {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        case '\n': entity = "&#10;"; break;
        case '\t': entity = "&#9;"; break;
        default: continue;
        }
      fwrite (span, 1, p - span, out);
      fputs (entity, out);
      span = p + 1;
    }
  fputs (span, out);
}

static void
put_attr (FILE       *out,
          const char *name,
          const char *value)
{
  fprintf (out, " %s=\"", name);
  put_escaped (out, value);
  fputc ('"', out);
}

/* Scores are on the 1–5 scale in steps of a half. */
static void
put_score (FILE  *out,
           GRand *rand)
{
  int halves = g_rand_int_range (rand, 2, 11);

  if (halves % 2 == 0)
    fprintf (out, " score=\"%d\"", halves / 2);
  else
    fprintf (out, " score=\"%d.5\"", halves / 2);
}

static void
put_indent (FILE *out,
            guint depth)
{
  for (guint i = 0; i < depth; i++)
    fputs ("  ", out);
}

static void
put_unit_attrs (Organisation *org,
                FILE         *out,
                guint32       u)
{
  GRand *rand = org->rand;
  char buf[256];

  fprintf (out, " id=\"u%u\"", u);
  if (u == 0)
    g_strlcpy (buf, "Dirección General", sizeof buf);
  else
    {
      /* One draw per statement: the order in which a call's arguments are
       * evaluated is unspecified, and the file must not depend on it. */
      const char *kind = PICK (rand, unit_kinds);
      const char *topic = PICK (rand, unit_topics);

      if (g_rand_int_range (rand, 0, 3) == 0)
        g_snprintf (buf, sizeof buf, "%s de %s %s", kind, topic, PICK (rand, unit_places));
      else
        g_snprintf (buf, sizeof buf, "%s de %s nº %u", kind, topic, u);
    }
  put_attr (out, "name", buf);

  if (g_rand_int_range (rand, 0, 10) < 6)
    {
      const char *first = PICK (rand, first_names);
      const char *second = PICK (rand, surnames);

      g_snprintf (buf, sizeof buf, "%s %s %s", first, second, PICK (rand, surnames));
      put_attr (out, "head", buf);
    }
  if (g_rand_int_range (rand, 0, 10) < 7)
    fprintf (out, " headcount=\"%d\"", g_rand_int_range (rand, 1, 301));
  /* Some top-level branches name their area, and a few units state a grade. */
  if (org->depth[u] == 2 && g_rand_int_range (rand, 0, 4) == 0)
    put_attr (out, "area", PICK (rand, areas));
  if (g_rand_int_range (rand, 0, 50) == 0)
    {
      int level = org->depth[u] + g_rand_int_range (rand, -1, 2);

      fprintf (out, " level=\"%d\"", MAX (1, level));
    }
}

static void
write_nested (Organisation *org,
              FILE         *out,
              guint32       u,
              guint32       end)
{
  guint32 last = MIN (u + org->size[u], end);

  put_indent (out, org->depth[u]);
  fputs ("<unit", out);
  put_unit_attrs (org, out, u);
  if (last == u + 1)
    {
      fputs ("/>\n", out);
      return;
    }
  fputs (">\n", out);
  for (guint32 c = u + 1; c < last; c += org->size[c])
    write_nested (org, out, c, end);
  put_indent (out, org->depth[u]);
  fputs ("</unit>\n", out);
}

static void
write_link (Organisation *org,
            FILE         *out,
            guint32       id,
            Generated    *gen)
{
  GRand *rand = org->rand;
  guint32 provider = g_rand_int_range (rand, 0, org->n_units);
  int pick = g_rand_int_range (rand, 0, 100);
  gboolean external = pick < 2;
  guint32 client;
  gboolean open = FALSE;

  if (external)
    {
      client = g_rand_int_range (rand, 0, org->n_externals);
    }
  else
    {
      /* About a third of the links stay near the provider (within its
       * parent's subtree): real organisations serve their neighbours most. */
      guint32 lo = 0, hi = org->n_units;

      if (pick < 37 && org->parent[provider] != ORGMAP_NONE)
        {
          lo = org->parent[provider];
          hi = lo + org->size[lo];
        }
      do
        client = g_rand_int_range (rand, lo, hi);
      while (client == provider);
    }

  fprintf (out, "  <link id=\"l%u\" provider=\"u%u\" client=\"%s%u\"", id, provider,
           external ? "x" : "u", client);
  if (g_rand_int_range (rand, 0, 20) > 0)
    put_attr (out, "service", PICK (rand, services));
  if (!external && g_rand_int_range (rand, 0, 100) == 0)
    put_attr (out, "type", PICK (rand, link_types));

  for (guint r = 1; r <= 2; r++)
    {
      if (g_rand_int_range (rand, 0, 10) >= 8)
        continue;
      if (!open)
        fputs (">\n", out);
      open = TRUE;
      gen->n_ratings++;

      fprintf (out, "    <rating round=\"q%u\"", r);
      put_score (out, rand);
      if (g_rand_int_range (rand, 0, 10) < 4)
        fprintf (out, " respondents=\"%d\"", g_rand_int_range (rand, 1, 61));
      if (g_rand_int_range (rand, 0, 20) == 0)
        put_attr (out, "comment", PICK (rand, comments));
      if (g_rand_int_range (rand, 0, 7) == 0)
        {
          guint first = g_rand_int_range (rand, 0, G_N_ELEMENTS (dimensions));
          guint n = g_rand_int_range (rand, 1, 4);

          fputs (">\n", out);
          for (guint d = 0; d < n; d++)
            {
              fputs ("      <dimension", out);
              put_attr (out, "name", dimensions[(first + d) % G_N_ELEMENTS (dimensions)]);
              put_score (out, rand);
              fputs ("/>\n", out);
            }
          fputs ("    </rating>\n", out);
        }
      else
        fputs ("/>\n", out);
    }
  fputs (open ? "  </link>\n" : "/>\n", out);
}

static void
count_shape (Organisation *org,
             Generated    *gen)
{
  g_autofree guint *children = g_new0 (guint, org->n_units);
  g_autofree guint *leaves = g_new0 (guint, org->n_units);

  for (guint32 u = 0; u < org->n_units; u++)
    {
      gen->max_depth = MAX (gen->max_depth, org->depth[u]);
      if (org->parent[u] == ORGMAP_NONE)
        continue;
      children[org->parent[u]]++;
      if (org->size[u] == 1)
        leaves[org->parent[u]]++;
    }
  for (guint32 u = 0; u < org->n_units; u++)
    {
      if (leaves[u] >= MIN_RUN)
        gen->n_runs++;
      if (children[u] >= 2 && children[u] <= 5)
        gen->n_small++;
    }
}

static void
write_organisation (Organisation *org,
                    FILE         *out,
                    Generated    *gen)
{
  guint32 flat = ORGMAP_NONE;

  fputs ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
  fprintf (out, "<orgmap version=\"1\" name=\"Grupo Sintético %u\" scale-min=\"1\" "
           "scale-max=\"5\">\n", org->n_units);

  /* The last top-level branch is written flat, each unit naming its parent,
   * to exercise both ways of writing the hierarchy. */
  for (guint32 c = 1; c < org->n_units; c += org->size[c])
    flat = c;
  write_nested (org, out, 0, flat != ORGMAP_NONE ? flat : org->n_units);
  for (guint32 u = flat; u != ORGMAP_NONE && u < org->n_units; u++)
    {
      fprintf (out, "  <unit parent=\"u%u\"", org->parent[u]);
      put_unit_attrs (org, out, u);
      fputs ("/>\n", out);
    }

  for (guint x = 0; x < org->n_externals; x++)
    {
      const char *kind = PICK (org->rand, external_kinds);
      char name[128];

      g_snprintf (name, sizeof name, "%s %s", kind, PICK (org->rand, unit_places));
      fprintf (out, "  <external id=\"x%u\"", x);
      put_attr (out, "name", name);
      fputs ("/>\n", out);
    }

  fputs ("  <round id=\"q1\" name=\"Encuesta de marzo\" date=\"2026-03-31\"/>\n", out);
  fputs ("  <round id=\"q2\" name=\"Encuesta de otoño\" date=\"2026-10-15\"/>\n", out);

  gen->n_links = org->n_units * LINKS_PER_UNIT;
  for (guint32 l = 0; l < gen->n_links; l++)
    write_link (org, out, l, gen);

  fputs ("</orgmap>\n", out);
}

/* Writes an organisation of @n_units units to @path, the same every time. */
static gboolean
generate (guint        n_units,
          const char  *path,
          Generated   *gen,
          GError     **error)
{
  Organisation org = { 0 };
  g_autofree char *buffer = g_malloc (1 << 20);
  GStatBuf st;
  FILE *out;
  gboolean written;
  int saved_errno;

  memset (gen, 0, sizeof *gen);
  org.rand = g_rand_new_with_seed (SEED + n_units);
  org.n_units = n_units;
  org.n_externals = MAX (5, n_units / 200);
  org.parent = g_new (guint32, n_units);
  org.size = g_new (guint32, n_units);
  org.depth = g_new (guint8, n_units);
  grow (&org, ORGMAP_NONE, 1, n_units);
  g_assert (org.next == n_units);
  count_shape (&org, gen);

  out = g_fopen (path, "w");
  if (out != NULL)
    {
      setvbuf (out, buffer, _IOFBF, 1 << 20);
      write_organisation (&org, out, gen);
      written = ferror (out) == 0;
      written = fclose (out) == 0 && written;
    }
  else
    written = FALSE;
  saved_errno = errno;

  g_rand_free (org.rand);
  g_free (org.parent);
  g_free (org.size);
  g_free (org.depth);

  if (!written)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "Cannot write %s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }
  gen->n_units = n_units;
  if (g_stat (path, &st) == 0)
    gen->file_size = st.st_size;
  return TRUE;
}

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

static void
bench_report (Bench      *bench,
              const char *key,
              double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  printf ("%s %s\n", key, g_ascii_dtostr (buf, sizeof buf, value));
  fflush (stdout);
}

static double
seconds_since (gint64 start)
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

static double
median (double *values,
        guint   n)
{
  g_assert (n > 0);

  qsort (values, n, sizeof (double), compare_doubles);
  if (n % 2 == 1)
    return values[n / 2];
  return (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* The yardstick: the time xmllint needs to read @file with its streaming
 * reader, start-up included. */
static gboolean
time_xmllint (const char  *file,
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
  *seconds = seconds_since (start);

  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED,
                   "xmllint rejected %s: %.500s", file, err_out);
      return FALSE;
    }
  return TRUE;
}

static OrgmapDocument *
import (const char  *file,
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

static gboolean
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

      if (!time_xmllint (bench->file, &xmllint[i], error))
        return FALSE;

      /* One document at a time, as in the application. */
      g_clear_object (&bench->document);
      start = g_get_monotonic_time ();
      bench->document = import (bench->file, error);
      times[i] = seconds_since (start);
      if (bench->document == NULL)
        return FALSE;
      ratios[i] = times[i] / xmllint[i];
    }

  bench_report (bench, "xmllint_s", median (xmllint, bench->runs));
  bench_report (bench, "import_s", median (times, bench->runs));
  bench_report (bench, "import_ratio", median (ratios, bench->runs));
  bench_report (bench, "units", orgmap_document_get_n_units (bench->document));
  bench_report (bench, "links", orgmap_document_get_n_links (bench->document));
  bench_report (bench, "ratings", orgmap_document_get_n_ratings (bench->document));
  return TRUE;
}

static gboolean
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
      hierarchy[i] = seconds_since (start) * 1000;

      start = g_get_monotonic_time ();
      orgmap_document_classify_links (doc);
      classify[i] = seconds_since (start) * 1000;
    }

  bench_report (bench, "hierarchy_ms", median (hierarchy, runs));
  bench_report (bench, "classify_ms", median (classify, runs));

  /* The mix of types, to see that the organisation is not degenerate. */
  for (guint32 l = 0; l < orgmap_document_get_n_links (doc); l++)
    counts[orgmap_document_get_link_computed_type (doc, l)]++;
  for (guint t = 0; t < ORGMAP_N_LINK_TYPES; t++)
    bench_report (bench, orgmap_link_type_to_string (t), counts[t]);
  return TRUE;
}

static gboolean
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
      times[i] = seconds_since (start);

      if (bench->saved != NULL)
        g_unlink (bench->saved);
      g_free (bench->saved);
      bench->saved = g_steal_pointer (&path);
    }

  bench_report (bench, "save_s", median (times, bench->runs));
  if (g_stat (bench->saved, &st) == 0)
    bench_report (bench, "document_mb", st.st_size / MB);
  return TRUE;
}

static gboolean
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
      times[i] = seconds_since (start);
      if (bench->document == NULL)
        return FALSE;
    }

  bench_report (bench, "load_s", median (times, bench->runs));
  return TRUE;
}

/* Measures that add to the peak memory go before this one. */
static gboolean
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
static gboolean
check_round_trip (Bench   *bench,
                  GError **error)
{
  g_autoptr(OrgmapDocument) imported = import (bench->file, error);

  if (imported == NULL)
    return FALSE;
  bench_report (bench, "round_trip", orgmap_document_equal (imported, bench->document));
  return TRUE;
}

/* GraphML: the same units and hierarchy written as GraphML, as networkx
 * writes it (one node per unit with its name, headcount and area as data,
 * one edge per parent), imported against the same yardstick. */
static gboolean
write_graphml (OrgmapDocument  *doc,
               const char      *path,
               GError         **error)
{
  g_autofree char *buffer = g_malloc (1 << 20);
  FILE *out = g_fopen (path, "w");
  gboolean written;
  int saved_errno;

  if (out != NULL)
    {
      setvbuf (out, buffer, _IOFBF, 1 << 20);
      fputs ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
             "  <key id=\"d0\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
             "  <key id=\"d1\" for=\"node\" attr.name=\"headcount\" attr.type=\"long\"/>\n"
             "  <key id=\"d2\" for=\"node\" attr.name=\"area\" attr.type=\"string\"/>\n"
             "  <graph edgedefault=\"directed\">\n", out);
      for (guint32 u = 0; u < orgmap_document_get_n_units (doc); u++)
        {
          const OrgmapUnit *unit = orgmap_document_get_unit (doc, u);

          fputs ("    <node", out);
          put_attr (out, "id", unit->id);
          fputs (">\n      <data key=\"d0\">", out);
          put_escaped (out, unit->name);
          fputs ("</data>\n", out);
          if (unit->headcount >= 0)
            fprintf (out, "      <data key=\"d1\">%d</data>\n", unit->headcount);
          if (unit->area != NULL)
            {
              fputs ("      <data key=\"d2\">", out);
              put_escaped (out, unit->area);
              fputs ("</data>\n", out);
            }
          fputs ("    </node>\n", out);
        }
      for (guint32 u = 0; u < orgmap_document_get_n_units (doc); u++)
        {
          const OrgmapUnit *unit = orgmap_document_get_unit (doc, u);

          if (unit->parent == ORGMAP_NONE)
            continue;
          fputs ("    <edge", out);
          put_attr (out, "source", orgmap_document_get_unit (doc, unit->parent)->id);
          put_attr (out, "target", unit->id);
          fputs ("/>\n", out);
        }
      fputs ("  </graph>\n</graphml>\n", out);
      written = ferror (out) == 0;
      written = fclose (out) == 0 && written;
    }
  else
    written = FALSE;
  saved_errno = errno;

  if (!written)
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                 "Cannot write %s: %s", path, g_strerror (saved_errno));
  return written;
}

static gboolean
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
  if (!write_graphml (bench->document, path, error))
    return FALSE;

  for (guint i = 0; i < bench->runs && ok; i++)
    {
      g_autoptr(OrgmapProblems) problems = orgmap_problems_new (NULL);
      g_autoptr(OrgmapDocument) imported = NULL;
      g_autoptr(GError) local_error = NULL;
      gint64 start;

      if (!(ok = time_xmllint (path, &xmllint[i], error)))
        break;
      start = g_get_monotonic_time ();
      imported = orgmap_format_import (path, NULL, NULL, problems, &local_error);
      times[i] = seconds_since (start);
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
      bench_report (bench, "graphml_xmllint_s", median (xmllint, bench->runs));
      bench_report (bench, "graphml_import_s", median (times, bench->runs));
      bench_report (bench, "graphml_ratio", median (ratios, bench->runs));
    }
  if (!bench->keep)
    g_unlink (path);
  return ok;
}

/* Generic XML: the same units as an HR export writes them, one flat record
 * per unit with its id, name, department and ManagerID; detected, then
 * imported with the mapping found, against the same yardstick. */
static gboolean
write_generic (OrgmapDocument  *doc,
               const char      *path,
               GError         **error)
{
  g_autofree char *buffer = g_malloc (1 << 20);
  FILE *out = g_fopen (path, "w");
  gboolean written;
  int saved_errno;

  if (out != NULL)
    {
      setvbuf (out, buffer, _IOFBF, 1 << 20);
      fputs ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Employees>\n", out);
      for (guint32 u = 0; u < orgmap_document_get_n_units (doc); u++)
        {
          const OrgmapUnit *unit = orgmap_document_get_unit (doc, u);

          fputs ("  <Employee", out);
          put_attr (out, "EmployeeID", unit->id);
          put_attr (out, "Name", unit->name);
          put_attr (out, "ManagerID", unit->parent != ORGMAP_NONE
                                      ? orgmap_document_get_unit (doc, unit->parent)->id : "");
          put_attr (out, "Department", orgmap_document_get_unit_area (doc, u));
          fputs ("/>\n", out);
        }
      fputs ("</Employees>\n", out);
      written = ferror (out) == 0;
      written = fclose (out) == 0 && written;
    }
  else
    written = FALSE;
  saved_errno = errno;

  if (!written)
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                 "Cannot write %s: %s", path, g_strerror (saved_errno));
  return written;
}

static gboolean
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
  if (!write_generic (bench->document, path, error))
    return FALSE;

  for (guint i = 0; i < bench->runs && ok; i++)
    {
      g_auto(OrgmapGenericMapping) mapping = { 0 };
      g_autoptr(OrgmapProblems) problems = orgmap_problems_new (NULL);
      g_autoptr(OrgmapDocument) imported = NULL;
      g_autoptr(GError) local_error = NULL;
      gint64 start;

      if (!(ok = time_xmllint (path, &xmllint[i], error)))
        break;
      start = g_get_monotonic_time ();
      if (orgmap_generic_detect (path, &mapping, problems, &local_error))
        {
          detect[i] = seconds_since (start);
          start = g_get_monotonic_time ();
          imported = orgmap_generic_import_file (path, &mapping, ORGMAP_GENERIC_UNITS, NULL, NULL,
                                                 problems, &local_error);
          times[i] = seconds_since (start);
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
      bench_report (bench, "generic_xmllint_s", median (xmllint, bench->runs));
      bench_report (bench, "generic_detect_s", median (detect, bench->runs));
      bench_report (bench, "generic_import_s", median (times, bench->runs));
      bench_report (bench, "generic_ratio", median (ratios, bench->runs));
      bench_report (bench, "generic_both_ratio", median (both, bench->runs));
    }
  if (!bench->keep)
    g_unlink (path);
  return ok;
}

/* Drawing: the layout, and frames of the map as the window draws them. */

#define FRAME_WIDTH 1920
#define FRAME_HEIGHT 1080
#define FRAMES 50

static gboolean
measure_layout (Bench   *bench,
                GError **error)
{
  guint runs = MAX (bench->runs, 5);
  g_autofree double *times = g_new (double, runs);

  for (guint i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      OrgmapLayout *layout = orgmap_layout_new (bench->document);

      times[i] = seconds_since (start) * 1000;
      orgmap_layout_free (layout);
    }
  bench_report (bench, "layout_ms", median (times, runs));
  return TRUE;
}

/* The median time of FRAMES frames at @scale with the view's top-left corner
 * at (@x, @y), as the canvas draws them: a fresh image, the whole map. */
static double
time_frames (OrgmapRenderer *renderer,
             double          scale,
             double          x,
             double          y)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, FRAME_WIDTH, FRAME_HEIGHT);
  OrgmapRect visible = { x, y, FRAME_WIDTH / scale, FRAME_HEIGHT / scale };
  double times[FRAMES];

  for (guint i = 0; i < FRAMES; i++)
    {
      gint64 start = g_get_monotonic_time ();
      cairo_t *cr = cairo_create (surface);

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, scale, scale);
      cairo_translate (cr, -x, -y);
      orgmap_renderer_draw (renderer, cr, scale, &visible);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      times[i] = seconds_since (start) * 1000;
    }
  cairo_surface_destroy (surface);
  return median (times, FRAMES);
}

static gboolean
measure_frames (Bench   *bench,
                GError **error)
{
  g_autoptr(OrgmapLayout) layout = orgmap_layout_new (bench->document);
  g_autoptr(OrgmapRenderer) renderer = orgmap_renderer_new (bench->document, layout);
  OrgmapRect bounds;
  double fit;

  orgmap_layout_get_bounds (layout, &bounds);
  fit = MIN (FRAME_WIDTH / bounds.width, FRAME_HEIGHT / bounds.height);
  bench_report (bench, "frame_fit_ms",
                time_frames (renderer, fit, bounds.x, bounds.y));
  /* 1:1 in the middle of the chart */
  bench_report (bench, "frame_full_ms",
                time_frames (renderer, 1.0, bounds.x + bounds.width / 2 - FRAME_WIDTH / 2,
                             bounds.y + bounds.height / 2 - FRAME_HEIGHT / 2));
  return TRUE;
}

/* Graphviz's dot on the same organisation, for comparison: hierarchy edges
 * ranked, links not (constraint=false). Only where dot is installed, and
 * for up to 10,000 units; cut off after DOT_TIMEOUT seconds. */
#define DOT_TIMEOUT 120

static gboolean
measure_dot (Bench   *bench,
             GError **error)
{
  g_autofree char *dot = g_find_program_in_path ("dot");
  g_autofree char *path = NULL;
  g_autofree char *timeout_arg = g_strdup_printf ("%d", DOT_TIMEOUT);
  OrgmapDocument *doc = bench->document;
  gint64 start;
  int status;
  FILE *out;

  if (dot == NULL || orgmap_document_get_n_units (doc) > 10000)
    return TRUE;

  path = g_build_filename (bench->dir, "orgmap-bench.dot", NULL);
  out = fopen (path, "w");
  if (out == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "cannot write %s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }
  fprintf (out, "digraph org {\n  node [shape=box];\n");
  for (guint32 u = 0; u < orgmap_document_get_n_units (doc); u++)
    fprintf (out, "  n%u;\n", u);
  for (guint32 e = 0; e < orgmap_document_get_n_externals (doc); e++)
    fprintf (out, "  x%u;\n", e);
  for (guint32 u = 0; u < orgmap_document_get_n_units (doc); u++)
    {
      guint32 parent = orgmap_document_get_unit (doc, u)->parent;

      if (parent != ORGMAP_NONE)
        fprintf (out, "  n%u -> n%u;\n", parent, u);
    }
  for (guint32 i = 0; i < orgmap_document_get_n_links (doc); i++)
    {
      const OrgmapLink *link = orgmap_document_get_link (doc, i);

      if (ORGMAP_IS_EXTERNAL (link->client))
        fprintf (out, "  n%u -> x%u [constraint=false];\n", link->provider,
                 ORGMAP_EXTERNAL_INDEX (link->client));
      else
        fprintf (out, "  n%u -> n%u [constraint=false];\n", link->provider, link->client);
    }
  fprintf (out, "}\n");
  fclose (out);

  {
    const char *argv[] = { "timeout", timeout_arg, dot, "-Tsvg", "-o", "/dev/null", path, NULL };

    start = g_get_monotonic_time ();
    if (!g_spawn_sync (NULL, (char **) argv, NULL,
                       G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                       NULL, NULL, NULL, NULL, &status, error))
      {
        g_unlink (path);
        return FALSE;
      }
  }
  g_unlink (path);

  /* A run cut off by the timeout is shown as the timeout, marked by a
   * separate figure. */
  bench_report (bench, "dot_s", seconds_since (start));
  bench_report (bench, "dot_cut_off", WIFEXITED (status) && WEXITSTATUS (status) == 124);
  return TRUE;
}

/* Editing: commands through the undo history, as the application runs
 * them, first on the document in memory alone, then with the live store
 * committing each change to an open document file. */

#define EDIT_MAX_UNITS 10000
#define EDITS          1000

typedef enum
{
  EDIT_RENAME,
  EDIT_RATE,
  EDIT_ADD_LINK,
  EDIT_MOVE,
  N_EDIT_KINDS
} EditKind;

/* One edit of the mix, on items picked beforehand so that only the edit
 * is timed. Each changes something (a new name, a new respondent count, a
 * new service, another parent), so that each leaves a step to undo. */
typedef struct
{
  EditKind kind;
  guint32  unit;
  guint32  other;     /* the new parent, the link's client */
  guint32  link;
  guint32  round;
  double   score;
  char     text[48];
} Edit;

static void
pick_edit (OrgmapDocument *doc,
           GRand          *rand,
           guint           i,
           Edit           *edit)
{
  guint n_units = orgmap_document_get_n_units (doc);

  edit->kind = i % N_EDIT_KINDS;
  edit->unit = g_rand_int_range (rand, 0, n_units);
  edit->link = g_rand_int_range (rand, 0, orgmap_document_get_n_links (doc));
  edit->round = g_rand_int_range (rand, 0, orgmap_document_get_n_rounds (doc));
  edit->score = 1 + g_rand_int_range (rand, 0, 9) * 0.5;
  g_snprintf (edit->text, sizeof edit->text, "Edición nº %u", i);

  /* Another unit; for a move, one that is not in the unit's subtree. */
  for (;;)
    {
      guint32 p;

      edit->other = g_rand_int_range (rand, 0, n_units);
      if (edit->other == edit->unit ||
          (edit->kind == EDIT_MOVE && edit->other == orgmap_document_get_unit (doc, edit->unit)->parent))
        continue;
      if (edit->kind != EDIT_MOVE)
        break;
      for (p = edit->other; p != ORGMAP_NONE && p != edit->unit;
           p = orgmap_document_get_unit (doc, p)->parent)
        ;
      if (p == ORGMAP_NONE)
        break;
    }
}

static gboolean
apply_edit (OrgmapHistory  *history,
            const Edit     *edit,
            guint           i,
            GError        **error)
{
  switch (edit->kind)
    {
    case EDIT_RENAME:
      return orgmap_history_rename_unit (history, edit->unit, edit->text, error);
    case EDIT_RATE:
      return orgmap_history_rate (history, edit->link, edit->round, edit->score, (gint32) i, NULL,
                                  error);
    case EDIT_ADD_LINK:
      return orgmap_history_add_link (history, edit->unit, edit->other, edit->text, error)
             != ORGMAP_NONE;
    case EDIT_MOVE:
      return orgmap_history_move_unit (history, edit->unit, edit->other, error);
    case N_EDIT_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Changes that make observers, the live store among them, start over. */
static void
count_rewrite (OrgmapDocument *doc,
               guint           kind,
               guint           handle,
               guint          *n_rewrites)
{
  if (kind == ORGMAP_CHANGE_ALL)
    (*n_rewrites)++;
}

static void
report_with_prefix (Bench      *bench,
                    const char *prefix,
                    const char *key,
                    double      value)
{
  g_autofree char *full = g_strconcat (prefix, key, NULL);

  bench_report (bench, full, value);
}

/* The figures of one run of the editing measures, reported with @prefix;
 * also, for --verbose, the worst time of each kind of edit and how many
 * changes were of the kind that has observers start over. */
static gboolean
run_edits (Bench           *bench,
           OrgmapDocument  *doc,
           guint32          subtree,
           const char      *prefix,
           GError         **error)
{
  static const char * const kind_keys[N_EDIT_KINDS] = {
    "rename_max_ms", "rate_max_ms", "add_link_max_ms", "move_max_ms",
  };
  g_autoptr(OrgmapHistory) history = orgmap_history_new (doc);
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  guint runs = MAX (5, bench->runs);
  g_autofree double *delete_round = g_new (double, runs);
  g_autofree double *undo_round = g_new (double, runs);
  g_autofree double *delete_subtree = g_new (double, runs);
  g_autofree double *undo_subtree = g_new (double, runs);
  double total = 0, worst = 0, worst_of_kind[N_EDIT_KINDS] = { 0 }, ms;
  guint n_rewrites = 0;
  gulong handler;
  gint64 start;

  handler = g_signal_connect (doc, "changed", G_CALLBACK (count_rewrite), &n_rewrites);
  for (guint i = 0; i < EDITS; i++)
    {
      Edit edit;
      gboolean ok;

      pick_edit (doc, rand, i, &edit);
      start = g_get_monotonic_time ();
      ok = apply_edit (history, &edit, i, error);
      ms = ms_since (start);
      if (!ok)
        {
          g_signal_handler_disconnect (doc, handler);
          return FALSE;
        }
      total += ms;
      worst = MAX (worst, ms);
      worst_of_kind[edit.kind] = MAX (worst_of_kind[edit.kind], ms);
    }
  report_with_prefix (bench, prefix, "edit_ms", total / EDITS);
  report_with_prefix (bench, prefix, "edit_max_ms", worst);
  for (guint k = 0; k < N_EDIT_KINDS; k++)
    report_with_prefix (bench, prefix, kind_keys[k], worst_of_kind[k]);
  report_with_prefix (bench, prefix, "edit_rewrites", n_rewrites);

  n_rewrites = 0;
  start = g_get_monotonic_time ();
  for (guint i = 0; i < EDITS; i++)
    if (!orgmap_history_undo (history))
      {
        g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                     "only %u of %u edits could be undone", i, EDITS);
        g_signal_handler_disconnect (doc, handler);
        return FALSE;
      }
  report_with_prefix (bench, prefix, "undo_edits_s", seconds_since (start));
  report_with_prefix (bench, prefix, "undo_rewrites", n_rewrites);
  g_signal_handler_disconnect (doc, handler);

  /* The first round, with its ratings; then the subtree, with its links
   * and their ratings; each deleted and undone several times. */
  for (guint i = 0; i < runs; i++)
    {
      start = g_get_monotonic_time ();
      if (!orgmap_history_delete_round (history, 0, error))
        return FALSE;
      delete_round[i] = ms_since (start);
      start = g_get_monotonic_time ();
      orgmap_history_undo (history);
      undo_round[i] = ms_since (start);

      start = g_get_monotonic_time ();
      if (!orgmap_history_delete_unit (history, subtree, error))
        return FALSE;
      delete_subtree[i] = ms_since (start);
      start = g_get_monotonic_time ();
      orgmap_history_undo (history);
      undo_subtree[i] = ms_since (start);
    }
  report_with_prefix (bench, prefix, "delete_round_ms", median (delete_round, runs));
  report_with_prefix (bench, prefix, "undo_round_ms", median (undo_round, runs));
  report_with_prefix (bench, prefix, "delete_subtree_ms", median (delete_subtree, runs));
  report_with_prefix (bench, prefix, "undo_subtree_ms", median (undo_subtree, runs));
  return TRUE;
}

/* A large subtree: the largest that holds at most a tenth of the units (a
 * division of the organisation). Reports its size and what hangs on it. */
static guint32
pick_subtree (Bench          *bench,
              OrgmapDocument *doc)
{
  guint n_units = orgmap_document_get_n_units (doc);
  g_autofree guint32 *order = g_new (guint32, n_units);
  g_autofree guint32 *size = g_new (guint32, n_units);
  g_autofree guint8 *inside = g_new0 (guint8, n_units);
  guint n_roots, n = 0, n_links = 0;
  const guint32 *roots = orgmap_document_get_roots (doc, &n_roots);
  guint32 best = ORGMAP_NONE;

  /* Breadth first, then sizes from the deepest units up. */
  for (guint k = 0; k < n_roots; k++)
    order[n++] = roots[k];
  for (guint i = 0; i < n; i++)
    {
      guint n_children;
      const guint32 *children = orgmap_document_get_unit_children (doc, order[i], &n_children);

      for (guint k = 0; k < n_children; k++)
        order[n++] = children[k];
    }
  for (guint i = 0; i < n_units; i++)
    size[i] = 1;
  for (guint i = n_units; i > 0; i--)
    {
      guint32 parent = orgmap_document_get_unit (doc, order[i - 1])->parent;

      if (parent != ORGMAP_NONE)
        size[parent] += size[order[i - 1]];
    }
  for (guint32 u = 0; u < n_units; u++)
    if (size[u] <= n_units / 10 && (best == ORGMAP_NONE || size[u] > size[best]))
      best = u;

  /* Leaves hold one unit: none is found only in a document of fewer than ten. */
  if (best == ORGMAP_NONE)
    best = order[n_units - 1];

  /* Breadth-first order lists a subtree's units after its root. */
  inside[best] = TRUE;
  for (guint i = 0; i < n_units; i++)
    {
      guint32 parent = orgmap_document_get_unit (doc, order[i])->parent;

      if (parent != ORGMAP_NONE && inside[parent])
        inside[order[i]] = TRUE;
    }
  for (guint32 l = 0; l < orgmap_document_get_n_links (doc); l++)
    {
      const OrgmapLink *link = orgmap_document_get_link (doc, l);

      n_links += inside[link->provider] ||
                 (!ORGMAP_IS_EXTERNAL (link->client) && inside[link->client]);
    }

  bench_report (bench, "subtree_units", size[best]);
  bench_report (bench, "subtree_links", n_links);
  return best;
}

static gboolean
measure_editing (Bench   *bench,
                 GError **error)
{
  OrgmapDocument *doc = bench->document;
  g_autoptr(OrgmapDocument) reference = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  guint n_rated = 0;
  guint32 subtree;
  gboolean ok;

  if (orgmap_document_get_n_units (doc) > EDIT_MAX_UNITS)
    return TRUE;

  for (guint32 r = 0; r < orgmap_document_get_n_ratings (doc); r++)
    n_rated += orgmap_document_get_rating (doc, r)->round == 0;
  bench_report (bench, "round_ratings", n_rated);
  subtree = pick_subtree (bench, doc);

  /* Every edit undone leaves the document as it was loaded. */
  if (!run_edits (bench, doc, subtree, "mem_", error))
    return FALSE;
  reference = orgmap_store_load (bench->saved, error);
  if (reference == NULL)
    return FALSE;
  bench_report (bench, "edit_round_trip", orgmap_document_equal (doc, reference));

  /* The same again, each change committed to a file as it is made. */
  dir = g_dir_make_tmp ("orgmap-bench-edit-XXXXXX", error);
  if (dir == NULL)
    return FALSE;
  path = g_build_filename (dir, "edited.orgmap", NULL);
  {
    g_autoptr(OrgmapLiveStore) store = orgmap_live_store_create (path, doc, error);

    ok = store != NULL && run_edits (bench, doc, subtree, "file_", error);
    if (ok && orgmap_live_store_get_error (store) != NULL)
      {
        g_propagate_error (error, g_error_copy (orgmap_live_store_get_error (store)));
        ok = FALSE;
      }
  }
  if (ok)
    {
      g_autoptr(OrgmapDocument) written = orgmap_store_load (path, error);

      ok = written != NULL;
      if (ok)
        bench_report (bench, "edit_file_round_trip", orgmap_document_equal (written, doc));
    }
  g_unlink (path);
  g_rmdir (dir);
  return ok;
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
  g_autoptr(OrgmapDocument) document = import (file, &error);

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
  if (!generate (n_units, path, &gen, error))
    return NULL;
  g_printerr ("%.1f s, %.1f MB (%u links, %u ratings, depth %u, %u units with %u+ leaf "
              "children, %u with 2-5 children)\n",
              seconds_since (start), gen.file_size / MB, gen.n_links, gen.n_ratings,
              gen.max_depth, gen.n_runs, MIN_RUN, gen.n_small);

  g_printerr ("Measuring %u units...\n", n_units);
  start = g_get_monotonic_time ();
  row = run_child (self_path, path, &gen, runs, keep, verbose, error);
  if (row != NULL)
    g_printerr ("Measured %u units in %.1f s\n", n_units, seconds_since (start));

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

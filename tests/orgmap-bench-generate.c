/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-bench"

#include "config.h"

#include "orgmap-bench.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "orgmap-document.h"

/* The synthetic organisations: native XML written from a random tree, the
 * same for each size every time; and the same units written again as
 * GraphML and as generic XML, for the importers of those formats. */

#define LINKS_PER_UNIT     5
#define MAX_DEPTH          8
#define MAX_RUN            200

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
gboolean
bench_generate (guint        n_units,
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

/* GraphML: the same units and hierarchy written as GraphML, as networkx
 * writes it (one node per unit with its name, headcount and area as data,
 * one edge per parent), imported against the same yardstick. */
gboolean
bench_write_graphml (OrgmapDocument  *doc,
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

/* Generic XML: the same units as an HR export writes them, one flat record
 * per unit with its id, name, department and ManagerID; detected, then
 * imported with the mapping found, against the same yardstick. */
gboolean
bench_write_generic (OrgmapDocument  *doc,
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

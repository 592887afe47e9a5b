/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "orgmap-error.h"
#include "orgmap-xml-import.h"

/* Hostile files must fail fast. This bound only guards against a hang (the
 * suite also runs under sanitizers on a shared machine): how fast they fail
 * is measured, not asserted: 10 to 20 ms each for orgmap-tool validate in a
 * normal build, within 14 MB. */
#define HANG_LIMIT (30 * G_USEC_PER_SEC)

/* Helpers */

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static char *
bad_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "bad", name, NULL);
}

/* A problem at @line (and @column unless 0) about @id whose message holds
 * @fragment; fails the test with the whole list otherwise. */
static void
assert_problem (OrgmapProblems *problems,
                int             line,
                int             column,
                const char     *id,
                const char     *fragment)
{
  g_autofree char *all = orgmap_problems_format (problems);

  for (guint i = 0; i < orgmap_problems_count (problems); i++)
    {
      const OrgmapProblem *p = orgmap_problems_get (problems, i);

      if (p->line == line && (column == 0 || p->column == column) &&
          g_strcmp0 (p->id, id) == 0 && strstr (p->message, fragment) != NULL)
        return;
    }
  g_error ("no problem at %d:%d about “%s” saying “%s” in:\n%s",
           line, column, id ? id : "(null)", fragment, all);
}

static OrgmapDocument *
import_string (const char      *xml,
               OrgmapProblems  *problems,
               GError         **error)
{
  return orgmap_xml_import_memory (xml, strlen (xml), problems, error);
}

/* Imports @xml, which must fail with @code and hold exactly @n problems. */
static OrgmapProblems *
import_failing (const char        *xml,
                OrgmapImportError  code,
                guint              n)
{
  OrgmapProblems *problems = orgmap_problems_new ("test.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(OrgmapDocument) doc = import_string (xml, problems, &error);

  if (doc != NULL)
    g_error ("imported what should fail:\n%s", xml);
  g_assert_error (error, ORGMAP_IMPORT_ERROR, (int) code);
  g_assert_nonnull (strstr (error->message, "test.xml"));
  if (orgmap_problems_count (problems) != n)
    {
      g_autofree char *all = orgmap_problems_format (problems);

      g_error ("expected %u problems, got:\n%s", n, all);
    }
  return problems;
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("orgmap-import-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_temp_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

/* The bad files in tests/data/bad: each fails with one problem, where the
 * fault is, naming the id at fault. */

typedef struct
{
  const char        *file;
  OrgmapImportError  code;
  int                line;
  int                column;   /* 0: not meaningful for this fault */
  const char        *id;
  const char        *fragment;
} BadCase;

static const BadCase bad_cases[] = {
  { "empty.xml", ORGMAP_IMPORT_ERROR_SYNTAX, 0, 0, NULL, "The file is empty" },
  { "not-xml.xml", ORGMAP_IMPORT_ERROR_SYNTAX, 1, 1, NULL, "does not contain XML" },
  { "truncated.xml", ORGMAP_IMPORT_ERROR_SYNTAX, 5, 30, NULL, "truncated" },
  { "wrong-root.xml", ORGMAP_IMPORT_ERROR_FORMAT, 2, 0, NULL, "root element is <graphml>" },
  { "missing-id.xml", ORGMAP_IMPORT_ERROR_INVALID, 4, 5, NULL, "A <unit> element has no id" },
  { "duplicate-id.xml", ORGMAP_IMPORT_ERROR_INVALID, 6, 3, "fin", "already used by the unit on line 4" },
  { "unknown-unit.xml", ORGMAP_IMPORT_ERROR_INVALID, 3, 3, "l1", "provider “rrhh”, which is not a unit" },
  { "cycle.xml", ORGMAP_IMPORT_ERROR_INVALID, 4, 3, "a", "cycle: “a” → “c” → “b” → “a”" },
  { "half-position.xml", ORGMAP_IMPORT_ERROR_INVALID, 4, 5, "fin", "only one of the x and y attributes" },
  { "self-link.xml", ORGMAP_IMPORT_ERROR_INVALID, 6, 3, "l1", "“fin” as both its provider and its client" },
  { "score-outside-scale.xml", ORGMAP_IMPORT_ERROR_INVALID, 9, 5, "l1", "score 7 of link “l1” is outside the scale 1–5" },
  { "score-not-number.xml", ORGMAP_IMPORT_ERROR_INVALID, 9, 5, "l1", "score “bueno” of link “l1” is not a number" },
  { "invalid-utf8.xml", ORGMAP_IMPORT_ERROR_SYNTAX, 3, 33, NULL, "not valid UTF-8" },
  { "xxe.xml", ORGMAP_IMPORT_ERROR_FORBIDDEN, 2, 1, NULL, "declares a DOCTYPE" },
  { "billion-laughs.xml", ORGMAP_IMPORT_ERROR_FORBIDDEN, 14, 0, NULL, "entities" },
};

static void
test_bad_file (gconstpointer data)
{
  const BadCase *c = data;
  g_autofree char *path = bad_path (c->file);
  g_autoptr(OrgmapProblems) problems = orgmap_problems_new (c->file);
  g_autoptr(GError) error = NULL;
  g_autoptr(OrgmapDocument) doc = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  gint64 start = g_get_monotonic_time ();

  doc = orgmap_xml_import_file (path, problems, &error);
  g_assert_null (doc);
  g_assert_error (error, ORGMAP_IMPORT_ERROR, (int) c->code);
  g_assert_nonnull (strstr (error->message, c->file));
  g_assert_cmpuint (orgmap_problems_count (problems), ==, 1);
  g_assert_cmpstr (orgmap_problems_get (problems, 0)->file, ==, c->file);
  assert_problem (problems, c->line, c->column, c->id, c->fragment);
  /* Hostile files stop at once. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, HANG_LIMIT);

  /* The same bytes from memory give the same problem. */
  g_clear_error (&error);
  g_clear_pointer (&problems, orgmap_problems_free);
  problems = orgmap_problems_new (c->file);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  doc = orgmap_xml_import_memory (contents, len, problems, &error);
  g_assert_null (doc);
  g_assert_error (error, ORGMAP_IMPORT_ERROR, (int) c->code);
  g_assert_cmpuint (orgmap_problems_count (problems), ==, 1);
  assert_problem (problems, c->line, c->column, c->id, c->fragment);
}

static void
test_several_problems (void)
{
  g_autofree char *path = bad_path ("several-problems.xml");
  g_autoptr(OrgmapProblems) problems = orgmap_problems_new ("several-problems.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(OrgmapDocument) doc = orgmap_xml_import_file (path, problems, &error);

  g_assert_null (doc);
  g_assert_error (error, ORGMAP_IMPORT_ERROR, ORGMAP_IMPORT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "“several-problems.xml” has 7 problems");
  g_assert_cmpuint (orgmap_problems_count (problems), ==, 7);

  /* Every one of them, in the order of the file. */
  assert_problem (problems, 4, 5, "fin", "headcount “doce” of unit “fin”");
  assert_problem (problems, 5, 5, "fin", "“fin” is already used by the unit on line 4");
  assert_problem (problems, 7, 3, "mkt", "parent “ventas”, which is not a unit");
  assert_problem (problems, 9, 3, "l1", "type “oblique”");
  assert_problem (problems, 10, 5, "l1", "round “q2”, which is not in this file");
  assert_problem (problems, 11, 5, "l1", "score 0.5 of link “l1” is outside the scale 1–5");
  assert_problem (problems, 13, 3, "l2", "“fin” as both its provider and its client");
  for (guint i = 1; i < orgmap_problems_count (problems); i++)
    g_assert_cmpint (orgmap_problems_get (problems, i - 1)->line, <=,
                     orgmap_problems_get (problems, i)->line);
}

/* Valid files */

static const char valid_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<orgmap version=\"1\" name=\"Acme\" scale-min=\"0\" scale-max=\"10\">\n"
  "  <link id=\"l1\" provider=\"rrhh\" client=\"fin\" service=\"Datos de empleados\" type=\"diagonal\"\n"
  "        notes=\"Revisar en mayo\">\n"
  "    <rating round=\"q2\" score=\"3.6\" respondents=\"8\" comment=\"Llegan tarde\">\n"
  "      <dimension name=\"speed\" score=\"2.5\"/>\n"
  "      <dimension name=\"reliability\" score=\"3\"/>\n"
  "    </rating>\n"
  "    <rating round=\"q1\" score=\"7\"/>\n"
  "  </link>\n"
  "  <unit id=\"dir\" name=\"Dirección General\">\n"
  "    <unit id=\"fin\" name=\"Finanzas\" head=\"Ana Ruiz\" headcount=\"12\" area=\"Administración\" level=\"2\">\n"
  "      <unit id=\"rrhh\" name=\"Recursos Humanos\" notes=\"Planta 2\"/>\n"
  "    </unit>\n"
  "  </unit>\n"
  "  <unit id=\"ventas\" name=\"Ventas\" parent=\"com\"/>\n"
  "  <unit id=\"com\" name=\"Comercial\" parent=\"dir\">\n"
  "    <unit id=\"mkt\" name=\"Marketing\" parent=\"com\"/>\n"
  "  </unit>\n"
  "  <external id=\"retail\" name=\"Clientes minoristas\" notes=\"Tiendas\"/>\n"
  "  <link id=\"l2\" provider=\"ventas\" client=\"retail\">\n"
  "    <rating round=\"q1\" score=\"9\">\n"
  "      <dimension name=\"courtesy\" score=\"10\"/>\n"
  "    </rating>\n"
  "  </link>\n"
  "  <link id=\"l3\" provider=\"mkt\" client=\"ventas\"/>\n"
  "  <round id=\"q1\" name=\"Encuesta Q1\" date=\"2026-03-31\"/>\n"
  "  <round id=\"q2\" name=\"Encuesta Q2\"/>\n"
  "</orgmap>\n";

static void
test_valid (void)
{
  g_autoptr(OrgmapProblems) problems = orgmap_problems_new ("valid.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(OrgmapDocument) doc = import_string (valid_xml, problems, &error);
  const char *unit_order[] = { "dir", "fin", "rrhh", "ventas", "com", "mkt" };
  const OrgmapUnit *unit;
  const OrgmapLink *link;
  const OrgmapRating *rating;
  const OrgmapDimensionScore *dims;
  guint32 dir, fin, rrhh, com, ventas, mkt, retail, q1, q2, l1, l2, l3, r;
  guint n;

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  g_assert_cmpuint (orgmap_problems_count (problems), ==, 0);

  g_assert_cmpstr (orgmap_document_get_name (doc), ==, "Acme");
  g_assert_cmpfloat (orgmap_document_get_scale_min (doc), ==, 0);
  g_assert_cmpfloat (orgmap_document_get_scale_max (doc), ==, 10);

  /* Units in the order of their start tags, nested and flat alike. */
  g_assert_cmpuint (orgmap_document_get_n_units (doc), ==, G_N_ELEMENTS (unit_order));
  for (guint i = 0; i < G_N_ELEMENTS (unit_order); i++)
    g_assert_cmpstr (orgmap_document_get_unit (doc, i)->id, ==, unit_order[i]);

  dir = orgmap_document_find_unit (doc, "dir");
  fin = orgmap_document_find_unit (doc, "fin");
  rrhh = orgmap_document_find_unit (doc, "rrhh");
  com = orgmap_document_find_unit (doc, "com");
  ventas = orgmap_document_find_unit (doc, "ventas");
  mkt = orgmap_document_find_unit (doc, "mkt");
  g_assert_cmpuint (orgmap_document_get_unit (doc, dir)->parent, ==, ORGMAP_NONE);
  g_assert_cmpuint (orgmap_document_get_unit (doc, fin)->parent, ==, dir);
  g_assert_cmpuint (orgmap_document_get_unit (doc, rrhh)->parent, ==, fin);
  g_assert_cmpuint (orgmap_document_get_unit (doc, com)->parent, ==, dir);
  /* parent= naming a unit that comes later in the file */
  g_assert_cmpuint (orgmap_document_get_unit (doc, ventas)->parent, ==, com);
  /* nested and naming the same parent */
  g_assert_cmpuint (orgmap_document_get_unit (doc, mkt)->parent, ==, com);
  g_assert_cmpuint (orgmap_document_get_unit_depth (doc, ventas), ==, 2);

  unit = orgmap_document_get_unit (doc, fin);
  g_assert_cmpstr (unit->name, ==, "Finanzas");
  g_assert_cmpstr (unit->head, ==, "Ana Ruiz");
  g_assert_cmpint (unit->headcount, ==, 12);
  g_assert_cmpstr (unit->area, ==, "Administración");
  g_assert_cmpint (unit->level, ==, 2);
  g_assert_cmpstr (orgmap_document_get_unit (doc, rrhh)->notes, ==, "Planta 2");
  g_assert_cmpint (orgmap_document_get_unit (doc, rrhh)->headcount, ==, -1);
  g_assert_null (orgmap_document_get_unit (doc, rrhh)->head);

  g_assert_cmpuint (orgmap_document_get_n_externals (doc), ==, 1);
  retail = orgmap_document_find_external (doc, "retail");
  g_assert_cmpstr (orgmap_document_get_external (doc, retail)->name, ==, "Clientes minoristas");
  g_assert_cmpstr (orgmap_document_get_external (doc, retail)->notes, ==, "Tiendas");

  g_assert_cmpuint (orgmap_document_get_n_rounds (doc), ==, 2);
  q1 = orgmap_document_find_round (doc, "q1");
  q2 = orgmap_document_find_round (doc, "q2");
  g_assert_cmpuint (q1, ==, 0);
  g_assert_cmpstr (orgmap_document_get_round (doc, q1)->date, ==, "2026-03-31");
  g_assert_null (orgmap_document_get_round (doc, q2)->date);

  /* A link written before its units, in file order with the others. */
  g_assert_cmpuint (orgmap_document_get_n_links (doc), ==, 3);
  l1 = orgmap_document_find_link (doc, "l1");
  l2 = orgmap_document_find_link (doc, "l2");
  l3 = orgmap_document_find_link (doc, "l3");
  g_assert_cmpuint (l1, ==, 0);
  g_assert_cmpuint (l3, ==, 2);
  link = orgmap_document_get_link (doc, l1);
  g_assert_cmpuint (link->provider, ==, rrhh);
  g_assert_cmpuint (link->client, ==, fin);
  g_assert_cmpstr (link->service, ==, "Datos de empleados");
  g_assert_cmpstr (link->notes, ==, "Revisar en mayo");
  /* The override is kept: computed vertical, shown diagonal. */
  g_assert_cmpint (link->type_override, ==, ORGMAP_LINK_DIAGONAL);
  g_assert_cmpint (orgmap_document_get_link_computed_type (doc, l1), ==, ORGMAP_LINK_VERTICAL);
  g_assert_cmpint (orgmap_document_get_link_type (doc, l1), ==, ORGMAP_LINK_DIAGONAL);
  g_assert_cmpuint (orgmap_document_get_link (doc, l2)->client, ==, ORGMAP_EXTERNAL_HANDLE (retail));
  g_assert_cmpint (orgmap_document_get_link_type (doc, l2), ==, ORGMAP_LINK_EXTERNAL);
  g_assert_cmpint (orgmap_document_get_link (doc, l3)->type_override, ==, ORGMAP_LINK_AUTOMATIC);
  g_assert_cmpint (orgmap_document_get_link_type (doc, l3), ==, ORGMAP_LINK_HORIZONTAL);

  /* Ratings, and dimensions added in order of first appearance. */
  g_assert_cmpuint (orgmap_document_get_n_ratings (doc), ==, 3);
  r = orgmap_document_find_rating (doc, l1, q2);
  g_assert_cmpuint (r, !=, ORGMAP_NONE);
  rating = orgmap_document_get_rating (doc, r);
  g_assert_cmpfloat (rating->score, ==, 3.6);
  g_assert_cmpint (rating->respondents, ==, 8);
  g_assert_cmpstr (rating->comment, ==, "Llegan tarde");
  g_assert_cmpuint (orgmap_document_get_n_dimensions (doc), ==, 7);
  g_assert_cmpstr (orgmap_document_get_dimension (doc, 5), ==, "speed");
  g_assert_cmpstr (orgmap_document_get_dimension (doc, 6), ==, "courtesy");
  dims = orgmap_document_get_dimension_scores (doc, r, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (dims[0].dimension, ==, 5);
  g_assert_cmpfloat (dims[0].score, ==, 2.5);
  g_assert_cmpuint (dims[1].dimension, ==, orgmap_document_find_dimension (doc, "reliability"));
  g_assert_cmpfloat (dims[1].score, ==, 3);

  r = orgmap_document_find_rating (doc, l1, q1);
  g_assert_cmpfloat (orgmap_document_get_rating (doc, r)->score, ==, 7);
  g_assert_cmpint (orgmap_document_get_rating (doc, r)->respondents, ==, -1);
  g_assert_null (orgmap_document_get_rating (doc, r)->comment);
  r = orgmap_document_find_rating (doc, l2, q1);
  dims = orgmap_document_get_dimension_scores (doc, r, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (dims[0].dimension, ==, 6);
}

static void
test_scores_exact (void)
{
  const char *scores[] = { "3.6", "0.1", "4.35", "2.675", "1", "5.0", "1.0000000000001",
                           "3e0", "+2.5", "4.999999999999999" };

  /* Every score reads as the C library reads it. */
  for (guint i = 0; i < G_N_ELEMENTS (scores); i++)
    {
      g_autofree char *xml = g_strdup_printf (
        "<orgmap version=\"1\" scale-min=\"0\" scale-max=\"10\"><unit id=\"a\" name=\"A\"/><unit id=\"b\" name=\"B\"/>"
        "<round id=\"r\" name=\"R\"/><link id=\"l\" provider=\"a\" client=\"b\">"
        "<rating round=\"r\" score=\"%s\"/></link></orgmap>", scores[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(OrgmapDocument) doc = import_string (xml, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpfloat (orgmap_document_get_rating (doc, 0)->score, ==, g_ascii_strtod (scores[i], NULL));
    }
}

static void
test_encodings (void)
{
  const char *files[] = { "utf16.xml", "latin1.xml" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = data_path (files[i]);
      g_autoptr(OrgmapProblems) problems = orgmap_problems_new (files[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(OrgmapDocument) doc = orgmap_xml_import_file (path, problems, &error);
      guint32 prod;

      g_assert_no_error (error);
      g_assert_nonnull (doc);
      prod = orgmap_document_find_unit (doc, "prod");
      g_assert_cmpuint (prod, !=, ORGMAP_NONE);
      g_assert_cmpstr (orgmap_document_get_unit (doc, prod)->name, ==, "Producción");
      g_assert_cmpstr (orgmap_document_get_unit (doc, prod)->head, ==, "María Peña");
      g_assert_cmpstr (orgmap_document_get_unit (doc, 0)->name, ==, "Dirección General");
      g_assert_true (g_str_has_prefix (orgmap_document_get_name (doc), "Fábrica"));
    }
}

static void
test_example (void)
{
  const char *srcdir = g_getenv ("ORGMAP_SOURCE_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OrgmapDocument) doc = NULL;

  /* The example organisation shipped with the app is a native file. */
  g_assert_nonnull (srcdir);
  path = g_build_filename (srcdir, "resources", "example.orgmap.xml", NULL);
  doc = orgmap_xml_import_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orgmap_document_get_n_units (doc), >, 0);
  g_assert_cmpuint (orgmap_document_get_n_links (doc), >, 0);
}

/* Other inconsistencies */

static void
test_inconsistencies (void)
{
  g_autoptr(OrgmapProblems) problems = NULL;

  problems = import_failing ("<orgmap version=\"2\">\n  <unit id=\"a\" name=\"A\"/>\n</orgmap>",
                             ORGMAP_IMPORT_ERROR_FORMAT, 1);
  assert_problem (problems, 1, 0, NULL, "written by a newer version of Orgmap");
  g_clear_pointer (&problems, orgmap_problems_free);

  problems = import_failing ("<orgmap version=\"1\">\n"
                             "  <unit id=\"dir\" name=\"D\">\n"
                             "    <unit id=\"a\" name=\"A\" parent=\"b\"/>\n"
                             "  </unit>\n"
                             "  <unit id=\"b\" name=\"B\"/>\n"
                             "  <external id=\"x\" name=\"X\"/>\n"
                             "  <unit id=\"c\" name=\"C\" parent=\"x\" colour=\"red\"/>\n"
                             "  <team id=\"t\"><unit id=\"u\"/></team>\n"
                             "  <link id=\"l\" provider=\"x\" client=\"a\"><unit id=\"v\"/></link>\n"
                             "  <link id=\"l\" provider=\"a\" client=\"nobody\"/>\n"
                             "  <unit id=\"self\" name=\"S\" parent=\"self\"/>\n"
                             "</orgmap>",
                             ORGMAP_IMPORT_ERROR_INVALID, 9);
  assert_problem (problems, 3, 5, "a", "inside unit “dir” but its parent attribute names “b”");
  assert_problem (problems, 7, 3, NULL, "<unit> has an unknown attribute “colour”");
  assert_problem (problems, 7, 3, "c", "parent “x”, which is an external client");
  assert_problem (problems, 8, 3, NULL, "no element <team>");
  assert_problem (problems, 9, 3, "l", "external client “x” as its provider");
  assert_problem (problems, 9, 0, NULL, "A <unit> element cannot be inside <link>");
  assert_problem (problems, 10, 3, "l", "link id “l” is already used by the link on line 9");
  assert_problem (problems, 10, 3, "l", "client “nobody”");
  assert_problem (problems, 11, 3, "self", "names itself as its parent");
  g_clear_pointer (&problems, orgmap_problems_free);

  problems = import_failing ("<orgmap version=\"1\" scale-min=\"1\" scale-max=\"cinco\">\n"
                             "  <unit id=\"a\" name=\"A\" headcount=\"-3\" level=\"0\"/>\n"
                             "  <unit id=\"b\" name=\"B\"/>\n"
                             "  <round id=\"r\" name=\"R\" date=\"31/03/2026\"/>\n"
                             "  <round id=\"r\" name=\"R again\"/>\n"
                             "  <link id=\"l\" provider=\"a\" client=\"b\">\n"
                             "    <rating round=\"r\" score=\"3\" respondents=\"many\"/>\n"
                             "    <rating round=\"r\" score=\"4\">\n"
                             "      <dimension score=\"2\"/>\n"
                             "    </rating>\n"
                             "    <rating score=\"4\"/>\n"
                             "  </link>\n"
                             "</orgmap>",
                             ORGMAP_IMPORT_ERROR_INVALID, 9);
  assert_problem (problems, 1, 0, NULL, "highest score of the scale, “cinco”, is not a number");
  assert_problem (problems, 2, 3, "a", "headcount “-3” of unit “a”");
  assert_problem (problems, 2, 3, "a", "level “0” of unit “a”");
  assert_problem (problems, 4, 3, "r", "date “31/03/2026” of round “r”");
  assert_problem (problems, 5, 3, "r", "round id “r” is already used by the round on line 4");
  assert_problem (problems, 7, 5, "l", "respondents “many”");
  assert_problem (problems, 8, 5, "l", "rated twice in round “r” (first on line 7)");
  assert_problem (problems, 9, 7, "l", "dimension score of link “l” has no name");
  assert_problem (problems, 11, 5, "l", "names no round");
  g_clear_pointer (&problems, orgmap_problems_free);

  /* A duplicate link id alone, and both ways a link can be unnamed */
  problems = import_failing ("<orgmap version=\"1\">\n"
                             "  <unit id=\"a\" name=\"A\"/>\n"
                             "  <unit id=\"b\" name=\"B\"/>\n"
                             "  <link id=\"l\" provider=\"a\" client=\"b\"/>\n"
                             "  <link id=\"l\" provider=\"b\" client=\"a\"/>\n"
                             "</orgmap>",
                             ORGMAP_IMPORT_ERROR_INVALID, 1);
  assert_problem (problems, 5, 3, "l", "link id “l” is already used by the link on line 4");
  g_clear_pointer (&problems, orgmap_problems_free);

  problems = import_failing ("<orgmap version=\"1\">\n"
                             "  <unit id=\"a\" name=\"A\"/>\n"
                             "  <link provider=\"a\"/>\n"
                             "  <link id=\"\" provider=\"a\" client=\"a\"/>\n"
                             "</orgmap>",
                             ORGMAP_IMPORT_ERROR_INVALID, 4);
  assert_problem (problems, 3, 3, NULL, "A <link> element has no id");
  assert_problem (problems, 3, 3, NULL, "Link “(without id)” has no client");
  assert_problem (problems, 4, 3, NULL, "A <link> element has no id");
  assert_problem (problems, 4, 3, NULL, "“a” as both its provider and its client");
  g_clear_pointer (&problems, orgmap_problems_free);

  /* Long wrong values and names are shown cut, on a character boundary. */
  {
    g_autoptr(GString) xml = g_string_new ("<orgmap version=\"1\">\n  <unit id=\"a\" name=\"A\" headcount=\"");
    g_autofree char *shown = NULL;

    for (guint i = 0; i < 100; i++)
      g_string_append (xml, "ñ");
    g_string_append (xml, "\"/>\n  <");
    for (guint i = 0; i < 5000; i++)
      g_string_append (xml, "é");
    g_string_append (xml, "/>\n</orgmap>");

    problems = import_failing (xml->str, ORGMAP_IMPORT_ERROR_INVALID, 2);
    for (guint i = 0; i < 2; i++)
      {
        const char *message = orgmap_problems_get (problems, i)->message;

        g_assert_true (g_utf8_validate (message, -1, NULL));
        g_assert_cmpuint (strlen (message), <, 200);
        g_assert_nonnull (strstr (message, "…"));
      }
    assert_problem (problems, 2, 3, "a", "headcount “ññññ");
    assert_problem (problems, 3, 3, NULL, "no element <éééé");
    g_clear_pointer (&problems, orgmap_problems_free);
  }

  /* Without a problem list, the summary still says how many. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(OrgmapDocument) doc = import_string ("<orgmap version=\"1\"><unit name=\"A\"/></orgmap>",
                                                   NULL, &error);

    g_assert_null (doc);
    g_assert_error (error, ORGMAP_IMPORT_ERROR, ORGMAP_IMPORT_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==, "The XML data has 1 problem");
  }
}

static void
test_big_line_numbers (void)
{
  g_autoptr(GString) xml = g_string_new ("<orgmap version=\"1\">\n");
  g_autoptr(OrgmapProblems) problems = NULL;
  guint n = 70000;

  /* Far beyond libxml2's 16-bit line numbers, problems still say where. */
  for (guint i = 0; i < n; i++)
    g_string_append_printf (xml, "  <unit id=\"u%u\" name=\"U\"/>\n", i);
  g_string_append (xml, "  <link id=\"late\" provider=\"u1\" client=\"nobody\"/>\n</orgmap>\n");
  problems = import_failing (xml->str, ORGMAP_IMPORT_ERROR_INVALID, 1);
  assert_problem (problems, n + 2, 3, "late", "client “nobody”");
}

static void
test_problem_limit (void)
{
  g_autoptr(GString) xml = g_string_new ("<orgmap version=\"1\">\n  <unit id=\"a\" name=\"A\"/>\n");
  g_autoptr(OrgmapProblems) problems = NULL;
  guint n = ORGMAP_XML_MAX_PROBLEMS + 50;
  const OrgmapProblem *last;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (xml, "  <link id=\"l%u\" provider=\"nobody\" client=\"a\"/>\n", i);
  g_string_append (xml, "</orgmap>\n");

  problems = import_failing (xml->str, ORGMAP_IMPORT_ERROR_INVALID, ORGMAP_XML_MAX_PROBLEMS + 1);
  last = orgmap_problems_get (problems, ORGMAP_XML_MAX_PROBLEMS);
  g_assert_cmpstr (last->message, ==, "50 more problems were found but are not listed");
}

static void
test_parent_chain (void)
{
  g_autoptr(GString) xml = g_string_new ("<orgmap version=\"1\">\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(OrgmapDocument) doc = NULL;
  guint n = 20000;
  gint64 start = g_get_monotonic_time ();

  /* Each unit names the next one as its parent: a deep hierarchy written
   * flat, attached in linear time. */
  for (guint i = 0; i + 1 < n; i++)
    g_string_append_printf (xml, "  <unit id=\"u%u\" name=\"U\" parent=\"u%u\"/>\n", i, i + 1);
  g_string_append_printf (xml, "  <unit id=\"u%u\" name=\"Root\"/>\n</orgmap>\n", n - 1);

  doc = import_string (xml->str, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orgmap_document_get_unit (doc, 0)->parent, ==, 1);
  g_assert_cmpuint (orgmap_document_get_unit_depth (doc, 0), ==, n - 1);
  g_assert_cmpint (g_get_monotonic_time () - start, <, HANG_LIMIT);
}

/* Files that are not there, not files, or hostile */

static void
test_io (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *missing = g_build_filename (dir, "missing.xml", NULL);
  g_autofree char *fifo = g_build_filename (dir, "pipe.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OrgmapProblems) problems = orgmap_problems_new ("x.xml");

  g_assert_null (orgmap_xml_import_file (missing, problems, &error));
  g_assert_error (error, ORGMAP_IMPORT_ERROR, ORGMAP_IMPORT_ERROR_IO);
  g_assert_cmpstr (error->message, ==, "“x.xml” does not exist");
  assert_problem (problems, 0, 0, NULL, "The file does not exist");
  g_clear_error (&error);

  g_assert_null (orgmap_xml_import_file (dir, problems, &error));
  g_assert_error (error, ORGMAP_IMPORT_ERROR, ORGMAP_IMPORT_ERROR_IO);
  g_assert_cmpstr (error->message, ==, "“x.xml” is a folder, not a file");
  g_clear_error (&error);

  /* A FIFO without a writer would block a plain open() forever. */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_null (orgmap_xml_import_file (fifo, problems, &error));
  g_assert_error (error, ORGMAP_IMPORT_ERROR, ORGMAP_IMPORT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "not a regular file"));
  g_clear_error (&error);

  g_assert_cmpuint (orgmap_problems_count (problems), ==, 3);
  remove_temp_dir (dir);
}

static void
test_too_deep (void)
{
  guint depth = 10000;
  g_autoptr(GString) xml = g_string_new ("<orgmap version=\"1\">");
  g_autoptr(OrgmapProblems) problems = NULL;
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < depth; i++)
    g_string_append_printf (xml, "<unit id=\"u%u\" name=\"U\">", i);
  for (guint i = 0; i < depth; i++)
    g_string_append (xml, "</unit>");
  g_string_append (xml, "</orgmap>");

  problems = import_failing (xml->str, ORGMAP_IMPORT_ERROR_FORBIDDEN, 1);
  assert_problem (problems, 1, 0, NULL, "levels deep");
  g_assert_cmpint (g_get_monotonic_time () - start, <, HANG_LIMIT);
}

static void
test_long_values (void)
{
  g_autoptr(GString) xml = g_string_new (NULL);
  g_autofree char *mega = g_strnfill (1024 * 1024, 'a');
  g_autofree char *long_id = g_strnfill (ORGMAP_XML_MAX_ID_LENGTH + 1, 'b');
  g_autoptr(OrgmapProblems) problems = NULL;

  g_string_printf (xml, "<orgmap version=\"1\">\n  <unit id=\"a\" name=\"A\" notes=\"%s\"/>\n</orgmap>", mega);
  problems = import_failing (xml->str, ORGMAP_IMPORT_ERROR_FORBIDDEN, 1);
  assert_problem (problems, 2, 3, NULL, "attribute “notes” of <unit> is longer than 64 KiB");
  g_clear_pointer (&problems, orgmap_problems_free);

  g_string_printf (xml, "<orgmap version=\"1\">\n  <unit id=\"%s\" name=\"A\"/>\n</orgmap>", long_id);
  problems = import_failing (xml->str, ORGMAP_IMPORT_ERROR_FORBIDDEN, 1);
  assert_problem (problems, 2, 3, NULL, "attribute “id” of <unit> is longer than 1024 bytes");
}

static void
test_many_attributes (void)
{
  g_autoptr(GString) xml = g_string_new ("<orgmap version=\"1\">\n  <unit id=\"a\" name=\"A\"/>\n  <unit id=\"b\"");
  g_autoptr(OrgmapProblems) problems = NULL;
  gint64 start = g_get_monotonic_time ();

  /* libxml2 2.9 alone needs minutes for this megabyte. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (xml, " a%u=\"x\"", i);
  g_string_append (xml, "/>\n</orgmap>\n");

  problems = import_failing (xml->str, ORGMAP_IMPORT_ERROR_FORBIDDEN, 1);
  assert_problem (problems, 3, 3, NULL, "more than 256 attributes");
  g_assert_cmpint (g_get_monotonic_time () - start, <, HANG_LIMIT);
}

static void
test_attribute_count_not_fooled (void)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\"?>\n<?note a=\"'\" b='\"'?>\n<orgmap version=\"1\">\n");
  g_autofree char *equals = g_strnfill (300, '=');
  g_autoptr(GError) error = NULL;
  g_autoptr(OrgmapDocument) doc = NULL;
  guint n = 3000;

  /* '=' in values, comments, CDATA and processing instructions are not
   * attributes, nor are tags in them: a scanner that lost track of where it
   * is would count one of the runs of 300 '='. The padding moves all this
   * across the boundaries of the blocks libxml2 reads. */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *pad = g_strnfill (i % 37, ' ');

      g_string_append_printf (xml, "  <!-- %s> <x %s \" ' -->\n", pad, equals);
      g_string_append_printf (xml, "  <![CDATA[%s]> <x %s \" ' ]]>\n", pad, equals);
      g_string_append_printf (xml, "  <?pi %s> <x %s \" ' ?>\n", pad, equals);
      g_string_append_printf (xml, "  <unit id=\"u%u\" name='a \"quoted\" %s' notes=\"'%s'\"/>\n",
                              i, equals, equals);
    }
  g_string_append (xml, "</orgmap>\n");

  doc = import_string (xml->str, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orgmap_document_get_n_units (doc), ==, n);
  g_assert_true (g_str_has_suffix (orgmap_document_get_unit (doc, n - 1)->notes, "='"));
}

static void
test_attribute_count_after_boundary (void)
{
  const char *kinds[][2] = { { "<!--", "-->" }, { "<![CDATA[", "]]>" }, { "<?pi", "?>" } };
  g_autoptr(GString) attrs = g_string_new (NULL);

  for (guint i = 0; i < 300; i++)
    g_string_append_printf (attrs, " a%u=\"x\"", i);

  /* The end of a comment, CDATA section or processing instruction that
   * falls across two blocks read (libxml2 2.9 reads 4096 bytes after the
   * first 4) must be seen, or the tag after it would go uncounted. */
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint end = 4080; end < 4120; end++)
      {
        g_autoptr(GString) xml = g_string_new ("<orgmap version=\"1\">\n  ");
        g_autoptr(OrgmapProblems) problems = NULL;

        g_string_append (xml, kinds[k][0]);
        while (xml->len + strlen (kinds[k][1]) < end)
          g_string_append_c (xml, 'x');
        g_string_append (xml, kinds[k][1]);
        g_string_append_printf (xml, "\n  <unit id=\"a\"%s/>\n</orgmap>\n", attrs->str);

        problems = import_failing (xml->str, ORGMAP_IMPORT_ERROR_FORBIDDEN, 1);
        assert_problem (problems, 3, 3, NULL, "more than 256 attributes");
      }
}

static void
test_billion_laughs_content (void)
{
  g_autoptr(GString) xml = g_string_new ("<!DOCTYPE orgmap [\n  <!ENTITY l0 \"lol\">\n");
  g_autoptr(OrgmapProblems) problems = NULL;
  gint64 start = g_get_monotonic_time ();

  /* The entity in element content this time, where the reader would
   * hand out an entity reference node rather than expand it. */
  for (guint i = 1; i < 12; i++)
    {
      g_string_append_printf (xml, "  <!ENTITY l%u \"", i);
      for (guint j = 0; j < 10; j++)
        g_string_append_printf (xml, "&l%u;", i - 1);
      g_string_append (xml, "\">\n");
    }
  g_string_append (xml, "]>\n<orgmap version=\"1\">&l11;</orgmap>\n");

  problems = import_failing (xml->str, ORGMAP_IMPORT_ERROR_FORBIDDEN, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, <, HANG_LIMIT);
}

/* A file that exists and must never be read through an entity */
static char *
make_secret (const char *dir,
             char      **secret)
{
  char *path = g_build_filename (dir, "secret.txt", NULL);

  *secret = g_strdup_printf ("top-secret-%08x", g_random_int ());
  g_assert_true (g_file_set_contents (path, *secret, -1, NULL));
  return path;
}

static void
test_xxe (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *secret = NULL;
  g_autofree char *secret_path = make_secret (dir, &secret);
  g_autofree char *uri = g_filename_to_uri (secret_path, NULL, NULL);
  g_autofree char *xml_path = g_build_filename (dir, "xxe.xml", NULL);
  /* in content, in an attribute, as the external subset: before and after the URI */
  const char *forms[][2] = {
    { "<!DOCTYPE orgmap [<!ENTITY s SYSTEM \"",
      "\">]>\n<orgmap version=\"1\" name=\"x\"><unit id=\"a\">&s;</unit></orgmap>" },
    { "<!DOCTYPE orgmap [<!ENTITY s SYSTEM \"", "\">]>\n<orgmap version=\"1\" name=\"&s;\"/>" },
    { "<!DOCTYPE orgmap SYSTEM \"", "\">\n<orgmap version=\"1\" name=\"x\"/>" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autofree char *xml = g_strconcat (forms[i][0], uri, forms[i][1], NULL);
      g_autoptr(OrgmapProblems) problems = orgmap_problems_new ("xxe.xml");
      g_autoptr(GError) error = NULL;
      g_autoptr(OrgmapDocument) doc = NULL;
      g_autofree char *all = NULL;

      g_assert_true (g_file_set_contents (xml_path, xml, -1, NULL));
      doc = orgmap_xml_import_file (xml_path, problems, &error);
      g_assert_null (doc);
      g_assert_error (error, ORGMAP_IMPORT_ERROR, ORGMAP_IMPORT_ERROR_FORBIDDEN);
      all = orgmap_problems_format (problems);
      g_assert_null (strstr (all, secret));
      g_assert_true (strstr (all, "DOCTYPE") != NULL || strstr (all, "external entity") != NULL);
    }

  remove_temp_dir (dir);
}

static void
test_entity_loader (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *secret = NULL;
  g_autofree char *secret_path = make_secret (dir, &secret);
  g_autofree char *uri = g_filename_to_uri (secret_path, NULL, NULL);
  g_autofree char *xml = g_strdup_printf ("<!DOCTYPE r [<!ENTITY s SYSTEM \"%s\">]><r>&s;</r>", uri);
  xmlExternalEntityLoader hardened;
  int options = XML_PARSE_NOENT | XML_PARSE_DTDLOAD | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  xmlDocPtr doc;
  xmlChar *content;

  /* After orgmap_xml_init(), even code that asks libxml2 to substitute
   * entities (other importers in the process) cannot read the file. */
  orgmap_xml_init ();
  hardened = xmlGetExternalEntityLoader ();

  /* Control: with a loader that reads local files, the secret shows. */
  xmlSetExternalEntityLoader (xmlNoNetExternalEntityLoader);
  doc = xmlReadMemory (xml, strlen (xml), NULL, NULL, options);
  xmlSetExternalEntityLoader (hardened);
  g_assert_nonnull (doc);
  content = xmlNodeGetContent (xmlDocGetRootElement (doc));
  g_assert_nonnull (strstr ((const char *) content, secret));
  xmlFree (content);
  xmlFreeDoc (doc);

  doc = xmlReadMemory (xml, strlen (xml), NULL, NULL, options);
  if (doc != NULL)
    {
      content = xmlNodeGetContent (xmlDocGetRootElement (doc));
      g_assert_true (content == NULL || strstr ((const char *) content, secret) == NULL);
      xmlFree (content);
      xmlFreeDoc (doc);
    }

  remove_temp_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *name = g_strndup (bad_cases[i].file, strlen (bad_cases[i].file) - 4);
      g_autofree char *path = g_strconcat ("/orgmap/model/xml/import/bad/", name, NULL);

      g_test_add_data_func (path, &bad_cases[i], test_bad_file);
    }
  g_test_add_func ("/orgmap/model/xml/import/bad/several-problems", test_several_problems);
  g_test_add_func ("/orgmap/model/xml/import/valid", test_valid);
  g_test_add_func ("/orgmap/model/xml/import/scores-exact", test_scores_exact);
  g_test_add_func ("/orgmap/model/xml/import/encodings", test_encodings);
  g_test_add_func ("/orgmap/model/xml/import/example", test_example);
  g_test_add_func ("/orgmap/model/xml/import/inconsistencies", test_inconsistencies);
  g_test_add_func ("/orgmap/model/xml/import/big-line-numbers", test_big_line_numbers);
  g_test_add_func ("/orgmap/model/xml/import/problem-limit", test_problem_limit);
  g_test_add_func ("/orgmap/model/xml/import/parent-chain", test_parent_chain);
  g_test_add_func ("/orgmap/model/xml/import/io", test_io);
  g_test_add_func ("/orgmap/model/xml/import/limits/too-deep", test_too_deep);
  g_test_add_func ("/orgmap/model/xml/import/limits/long-values", test_long_values);
  g_test_add_func ("/orgmap/model/xml/import/limits/many-attributes", test_many_attributes);
  g_test_add_func ("/orgmap/model/xml/import/limits/attribute-count-not-fooled", test_attribute_count_not_fooled);
  g_test_add_func ("/orgmap/model/xml/import/limits/attribute-count-after-boundary",
                   test_attribute_count_after_boundary);
  g_test_add_func ("/orgmap/model/xml/import/security/billion-laughs-content", test_billion_laughs_content);
  g_test_add_func ("/orgmap/model/xml/import/security/xxe", test_xxe);
  g_test_add_func ("/orgmap/model/xml/import/security/entity-loader", test_entity_loader);

  return g_test_run ();
}

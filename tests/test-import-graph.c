/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "orgmap-document.h"
#include "orgmap-error.h"
#include "orgmap-format.h"
#include "orgmap-problem.h"

/* Imports of the org charts people have: draw.io files (real ones from the
 * corpus outside the repository, and ones written here), GraphML written by
 * networkx and in yEd's dialect, and the bad cases. */

/* ------------------------------------------------------------------------ */
/* Helpers */

static char *
write_file (const char *dir,
            const char *name,
            const char *contents,
            gssize      len)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, len, NULL));
  return path;
}

static void
remove_dir (const char *dir)
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

/* A draw.io page as draw.io compresses it: the XML URL-encoded, deflated
 * without header, in base64. */
static char *
compress_page (const char *xml)
{
  g_autofree char *escaped = g_uri_escape_string (xml, NULL, FALSE);
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW, 9);
  g_autoptr(GError) error = NULL;
  guint8 out[65536];
  gsize n_read, n_written;
  GConverterResult result;

  result = g_converter_convert (G_CONVERTER (compressor), escaped, strlen (escaped), out, sizeof out,
                                G_CONVERTER_INPUT_AT_END, &n_read, &n_written, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, G_CONVERTER_FINISHED);
  return g_base64_encode (out, n_written);
}

/* Levels of the chart: the depth of its deepest unit, the roots being 1 */
static guint
count_levels (OrgmapDocument *doc)
{
  guint levels = 0;

  for (guint32 u = 0; u < orgmap_document_get_n_units (doc); u++)
    levels = MAX (levels, orgmap_document_get_unit_depth (doc, u) + 1);
  return levels;
}

/* The first unit named @name, in document order */
static guint32
find_named (OrgmapDocument *doc,
            const char     *name)
{
  for (guint32 u = 0; u < orgmap_document_get_n_units (doc); u++)
    if (g_strcmp0 (orgmap_document_get_unit (doc, u)->name, name) == 0)
      return u;
  g_test_message ("no unit is named “%s”", name);
  g_assert_not_reached ();
  return ORGMAP_NONE;
}

static void
assert_parent (OrgmapDocument *doc,
               const char     *child,
               const char     *parent)
{
  const OrgmapUnit *unit = orgmap_document_get_unit (doc, find_named (doc, child));

  if (parent == NULL)
    g_assert_cmpuint (unit->parent, ==, ORGMAP_NONE);
  else
    {
      g_assert_cmpuint (unit->parent, !=, ORGMAP_NONE);
      g_assert_cmpstr (orgmap_document_get_unit (doc, unit->parent)->name, ==, parent);
    }
}

/* The problem whose message holds @fragment; it must have a line */
static const OrgmapProblem *
find_problem (OrgmapProblems *problems,
              const char     *fragment)
{
  for (guint i = 0; i < orgmap_problems_count (problems); i++)
    {
      const OrgmapProblem *p = orgmap_problems_get (problems, i);

      if (strstr (p->message, fragment) != NULL)
        return p;
    }
  for (guint i = 0; i < orgmap_problems_count (problems); i++)
    g_test_message ("problem: %s", orgmap_problems_get (problems, i)->message);
  g_test_message ("no problem says “%s”", fragment);
  g_assert_not_reached ();
  return NULL;
}

static void
assert_link (OrgmapDocument *doc,
             guint32         link,
             const char     *provider,
             const char     *client,
             const char     *service)
{
  const OrgmapLink *l = orgmap_document_get_link (doc, link);

  g_assert_cmpstr (orgmap_document_get_unit (doc, l->provider)->name, ==, provider);
  g_assert_cmpstr (orgmap_document_get_unit (doc, l->client)->name, ==, client);
  g_assert_cmpstr (l->service, ==, service);
}

static OrgmapDocument *
import_page (const char          *path,
             guint                page,
             OrgmapImportReport  *report,
             OrgmapProblems      *problems,
             GError             **error)
{
  OrgmapImportOptions options = { .page = page };

  return orgmap_format_import (path, &options, report, problems, error);
}

/* ------------------------------------------------------------------------ */
/* The corpus: real draw.io files, written by other people. What each must
 * give was worked out by reading the files (the compressed pages decoded by
 * hand), shape by shape and edge by edge. */

typedef struct
{
  const char *file;
  guint       units;
  guint       roots;
  const char *root;          /* the first root's name */
  guint       levels;
  guint       hierarchy_edges;
  guint       grouped;
  guint       links;
  guint       skipped;
  guint       junctions;
  const char *child;         /* a unit, and the parent it must have */
  const char *parent;
} CorpusCase;

static const CorpusCase corpus_cases[] = {
  /* A plain tree of 25 boxes and 24 edges; labels broken over lines */
  { "01_drawio_org_chart_1_compressed.xml", 25, 1, "CEO", 7, 24, 0, 0, 0, 0,
    "Office of Workplace Solutions", "Deputy Director" },
  /* 8 managers, 5 team boxes drawn around 15 people and 30 position
   * captions, 8 unlabelled person icons (decoration), 12 edges */
  { "02_drawio_org_chart_2_compressed.xml", 58, 1, "Name Position", 5, 12, 45, 0, 8, 0,
    "Name", "218ae93e1282097f-12" },
  /* 23 boxes, 6 waypoints, 29 edges: two co-chairmen over the CEO (the
   * second becomes a link), one edge drawn twice */
  { "05_drawio_jgraph_org-chart-example.drawio", 23, 2, "Co-Chairman", 6, 21, 0, 1, 0, 6,
    "CFO", "COO" },
  /* Three organisations drawn as boxes around their teams, HTML labels,
   * four double-headed edges between organisations */
  { "06_drawio_epiverse_org_chart_uncompressed.drawio", 16, 3, "data.org", 4, 8, 5, 4, 0, 0,
    "Cross-organization coordination", "Leadership" },
};

static char *
corpus_dir (void)
{
  const char *dir = g_getenv ("ORGMAP_CORPUS_DIR");

  if (dir == NULL || *dir == '\0')
    {
      g_test_fail_printf ("ORGMAP_CORPUS_DIR is not set: set it to the folder of real org-chart files "
                          "(../shared/corpus from the source tree), as .ci/run and meson test do");
      return NULL;
    }
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_test_fail_printf ("ORGMAP_CORPUS_DIR is “%s”, which is not a folder", dir);
      return NULL;
    }
  return g_strdup (dir);
}

static void
test_corpus_file (gconstpointer data)
{
  const CorpusCase *c = data;
  g_autofree char *dir = corpus_dir ();
  g_autofree char *path = NULL;
  g_autoptr(OrgmapProblems) problems = orgmap_problems_new (c->file);
  g_autoptr(OrgmapImportReport) report = orgmap_import_report_new ();
  g_autoptr(OrgmapDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  const guint32 *roots;
  guint n_roots;
  OrgmapImportKind kind;

  if (dir == NULL)
    return;
  path = g_build_filename (dir, c->file, NULL);

  g_assert_true (orgmap_format_detect (path, &kind, NULL, NULL, &error));
  g_assert_cmpint (kind, ==, ORGMAP_IMPORT_DRAWIO);

  doc = orgmap_format_import (path, NULL, report, problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);

  g_assert_cmpuint (orgmap_document_get_n_units (doc), ==, c->units);
  roots = orgmap_document_get_roots (doc, &n_roots);
  g_assert_cmpuint (n_roots, ==, c->roots);
  g_assert_cmpstr (orgmap_document_get_unit (doc, roots[0])->name, ==, c->root);
  g_assert_cmpuint (count_levels (doc), ==, c->levels);
  assert_parent (doc, c->child, c->parent);
  g_assert_cmpuint (orgmap_document_get_n_links (doc), ==, c->links);

  g_assert_cmpint (report->kind, ==, ORGMAP_IMPORT_DRAWIO);
  g_assert_cmpuint (report->n_units, ==, c->units);
  g_assert_cmpuint (report->n_hierarchy_edges, ==, c->hierarchy_edges);
  g_assert_cmpuint (report->n_grouped, ==, c->grouped);
  g_assert_cmpuint (report->n_links, ==, c->links);
  g_assert_cmpuint (report->n_skipped_shapes, ==, c->skipped);
  g_assert_cmpuint (report->n_junctions, ==, c->junctions);
  g_assert_nonnull (report->pages);
  g_assert_cmpuint (g_strv_length (report->pages), ==, 1);
}

/* Each draw.io file of the corpus has its case above: a file added to the
 * corpus without one fails here. */
static void
test_corpus_complete (void)
{
  g_autofree char *dir = corpus_dir ();
  g_autoptr(GDir) d = NULL;
  const char *name;
  guint n_found = 0;

  if (dir == NULL)
    return;
  d = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GError) error = NULL;
      OrgmapImportKind kind;
      gboolean known = FALSE;

      if (!orgmap_format_detect (path, &kind, NULL, NULL, &error) || kind != ORGMAP_IMPORT_DRAWIO)
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (corpus_cases); i++)
        known |= g_str_equal (corpus_cases[i].file, name);
      if (!known)
        g_test_fail_printf ("the corpus file %s has no expected result in corpus_cases[]", name);
      n_found++;
    }
  g_assert_cmpuint (n_found, ==, G_N_ELEMENTS (corpus_cases));
}

/* Apart from the draw.io files, the corpus holds XML of other kinds; none
 * is mistaken for draw.io or GraphML, and each is told apart as XML. */
static void
test_corpus_detect (void)
{
  g_autofree char *dir = corpus_dir ();
  static const struct
  {
    const char       *file;
    OrgmapImportKind  kind;
    const char       *root;
  } cases[] = {
    { "01_drawio_org_chart_1_compressed.xml", ORGMAP_IMPORT_DRAWIO, "mxfile" },
    { "11_telerik_xamlsdk_Organization_nested_Node.xml", ORGMAP_IMPORT_GENERIC, "Root" },
    { "14_xalan_mk049_orgchart_nested_person_reports.xml", ORGMAP_IMPORT_GENERIC, "orgchart" },
    /* After a long licence comment */
    { "18_ofbiz_HumanresDemoData_positions_reportingstruct.xml", ORGMAP_IMPORT_GENERIC, "entity-engine-xml" },
  };

  if (dir == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (dir, cases[i].file, NULL);
      g_autofree char *root = NULL;
      g_autoptr(GError) error = NULL;
      OrgmapImportKind kind;

      g_assert_true (orgmap_format_detect (path, &kind, &root, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (kind, ==, cases[i].kind);
      g_assert_cmpstr (root, ==, cases[i].root);
    }
}

/* ------------------------------------------------------------------------ */
/* draw.io written here */

static const char plant_page[] =
  "<mxGraphModel><root><mxCell id=\"0\"/><mxCell id=\"1\" parent=\"0\"/>"
  "<mxCell id=\"plant\" value=\"Plant\" vertex=\"1\" parent=\"1\"/>"
  "<mxCell id=\"line1\" value=\"Line 1\" vertex=\"1\" parent=\"1\"/>"
  "<mxCell id=\"wp\" value=\"\" style=\"shape=waypoint;size=6;\" vertex=\"1\" parent=\"1\"/>"
  "<mxCell id=\"line2\" value=\"Line 2\" vertex=\"1\" parent=\"1\"/>"
  "<mxCell id=\"a\" edge=\"1\" source=\"plant\" target=\"wp\" parent=\"1\"/>"
  "<mxCell id=\"b\" edge=\"1\" source=\"wp\" target=\"line1\" parent=\"1\"/>"
  "<mxCell id=\"c\" edge=\"1\" source=\"wp\" target=\"line2\" parent=\"1\"/>"
  "</root></mxGraphModel>";

/* Page 1 plain, page 2 compressed, then pages that do not decode */
static char *
write_drawio (const char *dir)
{
  g_autofree char *plant = compress_page (plant_page);
  g_autofree char *hostile = compress_page ("<!DOCTYPE mxGraphModel [<!ENTITY a \"x\">]>"
                                            "<mxGraphModel><root>&a;</root></mxGraphModel>");
  g_autofree char *cut = g_strndup (plant, 12);
  g_autofree char *contents = NULL;

  contents = g_strconcat (
    "<mxfile host=\"test\">\n"
    "  <diagram id=\"p1\" name=\"Sales\">\n"
    "    <mxGraphModel>\n"
    "      <root>\n"
    "        <mxCell id=\"0\"/>\n"
    "        <mxCell id=\"1\" parent=\"0\"/>\n"
    "        <UserObject id=\"ceo\" label=\"%name% (%role%)\" placeholders=\"1\" name=\"Dirección\" role=\"CEO\" Head_Count=\"4\" area=\"Management\">\n"
    "          <mxCell style=\"rounded=1;\" vertex=\"1\" parent=\"1\"><mxGeometry x=\"300\" y=\"0\" width=\"160\" height=\"60\" as=\"geometry\"/></mxCell>\n"
    "        </UserObject>\n"
    "        <mxCell id=\"sales\" value=\"&lt;b&gt;Sales&lt;/b&gt;&amp;nbsp;&amp;amp;&lt;br&gt;Marketing\" style=\"swimlane;html=1;\" vertex=\"1\" parent=\"1\">\n"
    "          <mxGeometry x=\"0\" y=\"100\" width=\"400\" height=\"300\" as=\"geometry\"/>\n"
    "        </mxCell>\n"
    "        <mxCell id=\"north\" value=\"North\" vertex=\"1\" parent=\"sales\"><mxGeometry x=\"20\" y=\"40\" width=\"100\" height=\"40\" as=\"geometry\"/></mxCell>\n"
    "        <mxCell id=\"south\" value=\"South\" vertex=\"1\" parent=\"sales\"><mxGeometry x=\"20\" y=\"120\" width=\"100\" height=\"40\" as=\"geometry\"/></mxCell>\n"
    "        <mxCell id=\"deco\" value=\"\" style=\"ellipse;\" vertex=\"1\" parent=\"1\"><mxGeometry x=\"900\" y=\"900\" width=\"10\" height=\"10\" as=\"geometry\"/></mxCell>\n"
    "        <mxCell id=\"it\" value=\"IT\" vertex=\"1\" parent=\"1\"><mxGeometry x=\"500\" y=\"100\" width=\"100\" height=\"40\" as=\"geometry\"/></mxCell>\n"
    "        <mxCell id=\"e1\" edge=\"1\" source=\"ceo\" target=\"sales\" parent=\"1\"><mxGeometry relative=\"1\" as=\"geometry\"/></mxCell>\n"
    "        <mxCell id=\"e2\" edge=\"1\" source=\"ceo\" target=\"it\" parent=\"1\"><mxGeometry relative=\"1\" as=\"geometry\"/></mxCell>\n"
    "        <mxCell id=\"e3\" edge=\"1\" source=\"it\" target=\"north\" parent=\"1\"><mxGeometry relative=\"1\" as=\"geometry\"/></mxCell>\n"
    "        <mxCell id=\"e3l\" value=\"Laptops\" style=\"edgeLabel;\" vertex=\"1\" connectable=\"0\" parent=\"e3\"><mxGeometry x=\"-0.2\" relative=\"1\" as=\"geometry\"/></mxCell>\n"
    "        <mxCell id=\"line\" edge=\"1\" parent=\"1\"><mxGeometry relative=\"1\" as=\"geometry\"/></mxCell>\n"
    "        <mxCell id=\"e4\" edge=\"1\" source=\"it\" target=\"ghost\" parent=\"1\"/>\n"
    "      </root>\n"
    "    </mxGraphModel>\n"
    "  </diagram>\n"
    "  <diagram id=\"p2\" name=\"Plant\">", plant, "</diagram>\n"
    "  <diagram id=\"p3\" name=\"Broken\">@@not base64@@</diagram>\n"
    "  <diagram id=\"p4\" name=\"Not deflate\">////</diagram>\n"
    "  <diagram id=\"p5\" name=\"Cut short\">", cut, "</diagram>\n"
    "  <diagram id=\"p6\" name=\"Hostile\">", hostile, "</diagram>\n"
    "</mxfile>\n", NULL);
  return write_file (dir, "org.drawio", contents, -1);
}

static void
test_drawio_plain_page (void)
{
  g_autofree char *dir = g_dir_make_tmp ("orgmap-import-XXXXXX", NULL);
  g_autofree char *path = write_drawio (dir);
  g_autoptr(OrgmapProblems) problems = orgmap_problems_new ("org.drawio");
  g_autoptr(OrgmapImportReport) report = orgmap_import_report_new ();
  g_autoptr(OrgmapDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  const OrgmapProblem *p;
  const OrgmapUnit *ceo;

  doc = orgmap_format_import (path, NULL, report, problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  g_assert_cmpstr (orgmap_document_get_name (doc), ==, "org (Sales)");

  /* Placeholders from the UserObject, its data as fields */
  g_assert_cmpuint (orgmap_document_get_n_units (doc), ==, 5);
  ceo = orgmap_document_get_unit (doc, find_named (doc, "Dirección (CEO)"));
  g_assert_cmpstr (ceo->id, ==, "ceo");
  g_assert_cmpint (ceo->headcount, ==, 4);
  g_assert_cmpstr (ceo->area, ==, "Management");
  /* HTML stripped, entities decoded, <br> a space */
  assert_parent (doc, "Sales & Marketing", "Dirección (CEO)");
  /* Inside the swimlane */
  assert_parent (doc, "North", "Sales & Marketing");
  assert_parent (doc, "South", "Sales & Marketing");
  assert_parent (doc, "IT", "Dirección (CEO)");
  /* IT's edge into the swimlane crosses its border: a link, named by the
   * label on the edge */
  g_assert_cmpuint (orgmap_document_get_n_links (doc), ==, 1);
  assert_link (doc, 0, "IT", "North", "Laptops");

  g_assert_cmpuint (report->n_units, ==, 5);
  g_assert_cmpuint (report->n_hierarchy_edges, ==, 2);
  g_assert_cmpuint (report->n_grouped, ==, 2);
  g_assert_cmpuint (report->n_links, ==, 1);
  /* The dot and the line joined to nothing */
  g_assert_cmpuint (report->n_skipped_shapes, ==, 2);
  g_assert_cmpuint (report->n_ignored_edges, ==, 1);
  g_assert_cmpuint (report->page, ==, 0);
  g_assert_cmpuint (g_strv_length (report->pages), ==, 6);
  g_assert_cmpstr (report->pages[0], ==, "Sales");
  g_assert_cmpstr (report->pages[5], ==, "Hostile");

  /* Each thing worked around, where it is */
  p = find_problem (problems, "crosses the border of “Sales & Marketing”");
  g_assert_cmpint (p->line, ==, 19);
  g_assert_cmpint (p->column, ==, 9);
  g_assert_cmpstr (p->id, ==, "e3");
  p = find_problem (problems, "leads to “ghost”, which is not a node");
  g_assert_cmpint (p->line, ==, 22);
  g_assert_cmpuint (orgmap_problems_count (problems), ==, 2);

  remove_dir (dir);
}

static void
test_drawio_compressed_page (void)
{
  g_autofree char *dir = g_dir_make_tmp ("orgmap-import-XXXXXX", NULL);
  g_autofree char *path = write_drawio (dir);
  g_autoptr(OrgmapImportReport) report = orgmap_import_report_new ();
  g_autoptr(OrgmapDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) pages = NULL;
  const guint32 *roots;
  guint n_roots;

  doc = import_page (path, 1, report, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (orgmap_document_get_name (doc), ==, "org (Plant)");
  g_assert_cmpuint (orgmap_document_get_n_units (doc), ==, 3);
  roots = orgmap_document_get_roots (doc, &n_roots);
  g_assert_cmpuint (n_roots, ==, 1);
  g_assert_cmpstr (orgmap_document_get_unit (doc, roots[0])->name, ==, "Plant");
  /* Through the waypoint */
  assert_parent (doc, "Line 1", "Plant");
  assert_parent (doc, "Line 2", "Plant");
  g_assert_cmpuint (report->page, ==, 1);
  g_assert_cmpuint (report->n_junctions, ==, 1);
  g_assert_cmpuint (report->n_hierarchy_edges, ==, 2);

  /* The names for a person to choose from, without importing */
  pages = orgmap_format_list_pages (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (pages), ==, 6);
  g_assert_cmpstr (pages[1], ==, "Plant");
  g_assert_cmpstr (pages[3], ==, "Not deflate");

  remove_dir (dir);
}

/* Pages that do not decode: the message names the page and says why, at
 * the page's element; nothing is imported. */
static void
test_drawio_bad_pages (void)
{
  g_autofree char *dir = g_dir_make_tmp ("orgmap-import-XXXXXX", NULL);
  g_autofree char *path = write_drawio (dir);
  struct
  {
    guint              page;
    int                line;
    OrgmapImportError  code;
    const char        *fragment;
  } cases[] = {
    { 2, 27, ORGMAP_IMPORT_ERROR_SYNTAX, "The page “Broken” cannot be decoded: its text is not base64 (the character “@” at position 1" },
    { 3, 28, ORGMAP_IMPORT_ERROR_SYNTAX, "The page “Not deflate” cannot be decoded: its data is not compressed with deflate" },
    { 4, 29, ORGMAP_IMPORT_ERROR_SYNTAX, "The page “Cut short” cannot be decoded: its compressed data is cut short" },
    { 5, 30, ORGMAP_IMPORT_ERROR_FORBIDDEN, "Page “Hostile”" },
    { 6, 0, ORGMAP_IMPORT_ERROR_INVALID, "The file has 6 pages; there is no page 7" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(OrgmapProblems) problems = orgmap_problems_new ("org.drawio");
      g_autoptr(OrgmapDocument) doc = NULL;
      g_autoptr(GError) error = NULL;
      const OrgmapProblem *p;

      g_test_message ("page %u", cases[i].page + 1);
      doc = import_page (path, cases[i].page, NULL, problems, &error);
      g_assert_null (doc);
      g_assert_error (error, ORGMAP_IMPORT_ERROR, (int) cases[i].code);
      g_assert_cmpstr (error->message, ==, "“org.drawio” has 1 problem");
      g_assert_cmpuint (orgmap_problems_count (problems), ==, 1);
      p = find_problem (problems, cases[i].fragment);
      g_assert_cmpint (p->line, ==, cases[i].line);
      if (cases[i].page == 5)
        g_assert_nonnull (strstr (p->message, "DOCTYPE"));
    }

  remove_dir (dir);
}

/* A bare <mxGraphModel>, groups in groups: an unlabelled group is
 * see-through, its units belong to the group around it. */
static void
test_drawio_bare_model (void)
{
  g_autofree char *dir = g_dir_make_tmp ("orgmap-import-XXXXXX", NULL);
  g_autofree char *path = NULL;
  g_autoptr(OrgmapImportReport) report = orgmap_import_report_new ();
  g_autoptr(OrgmapDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  path = write_file (dir, "bare.xml",
                     "<mxGraphModel><root><mxCell id=\"0\"/><mxCell id=\"1\" parent=\"0\"/>\n"
                     "<mxCell id=\"hq\" value=\"Headquarters\" style=\"swimlane;\" vertex=\"1\" parent=\"1\"/>\n"
                     "<mxCell id=\"g\" value=\"\" style=\"group;\" vertex=\"1\" connectable=\"0\" parent=\"hq\"/>\n"
                     "<mxCell id=\"fin\" value=\"Finance\" vertex=\"1\" parent=\"g\"/>\n"
                     "<mxCell id=\"hr\" value=\"HR\" vertex=\"1\" parent=\"g\"/>\n"
                     "<object id=\"legal\" label=\"\" name=\"Legal\" headcount=\"3\"><mxCell vertex=\"1\" parent=\"hq\"/></object>\n"
                     "</root></mxGraphModel>\n", -1);
  doc = orgmap_format_import (path, NULL, report, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orgmap_document_get_n_units (doc), ==, 4);
  assert_parent (doc, "Finance", "Headquarters");
  assert_parent (doc, "HR", "Headquarters");
  /* No label: the name in its data */
  assert_parent (doc, "Legal", "Headquarters");
  g_assert_cmpint (orgmap_document_get_unit (doc, find_named (doc, "Legal"))->headcount, ==, 3);
  g_assert_cmpuint (report->n_grouped, ==, 3);
  g_assert_cmpuint (g_strv_length (report->pages), ==, 1);

  remove_dir (dir);
}

/* ------------------------------------------------------------------------ */
/* GraphML */

static const char networkx_script[] =
  "import sys\n"
  "import networkx as nx\n"
  "g = nx.DiGraph()\n"
  "g.add_node('dir', label='Dirección General', headcount=12, level=1, area='Dirección')\n"
  "g.add_node('fin', label='Finanzas', headcount=30)\n"
  "g.add_node('rrhh', label='Recursos Humanos', Head_Count=8)\n"
  "g.add_node('it', name='Sistemas')\n"
  "g.add_node('ops')\n"
  "g.add_edge('dir', 'fin')\n"
  "g.add_edge('dir', 'rrhh')\n"
  "g.add_edge('fin', 'it')\n"
  "g.add_edge('dir', 'ops')\n"
  "g.add_edge('rrhh', 'it', service='Nóminas', quality=4.5)\n"
  "nx.write_graphml(g, sys.argv[1])\n";

static void
test_graphml_networkx (void)
{
  g_autofree char *dir = g_dir_make_tmp ("orgmap-import-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "networkx.graphml", NULL);
  const char *argv[] = { "python3", "-c", networkx_script, path, NULL };
  g_autoptr(OrgmapProblems) problems = orgmap_problems_new ("networkx.graphml");
  g_autoptr(OrgmapImportReport) report = orgmap_import_report_new ();
  g_autoptr(OrgmapDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  const OrgmapUnit *top;
  const OrgmapProblem *p;
  double quality;
  int status;

  /* networkx is part of the development setup (build-aux/orgmap-dev):
   * without it this test fails, it does not skip. */
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_test_fail_printf ("python3 with networkx (Debian: python3-networkx) could not write the GraphML: %s %s",
                          error != NULL ? error->message : "", err != NULL ? err : "");
      remove_dir (dir);
      return;
    }

  doc = orgmap_format_import (path, NULL, report, problems, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->kind, ==, ORGMAP_IMPORT_GRAPHML);
  g_assert_cmpuint (orgmap_document_get_n_units (doc), ==, 5);

  top = orgmap_document_get_unit (doc, find_named (doc, "Dirección General"));
  g_assert_cmpuint (top->parent, ==, ORGMAP_NONE);
  g_assert_cmpint (top->headcount, ==, 12);
  g_assert_cmpint (top->level, ==, 1);
  g_assert_cmpstr (top->area, ==, "Dirección");
  assert_parent (doc, "Finanzas", "Dirección General");
  /* A data key named otherwise */
  g_assert_cmpint (orgmap_document_get_unit (doc, find_named (doc, "Recursos Humanos"))->headcount, ==, 8);
  /* Named by a “name” key, and by its id alone */
  assert_parent (doc, "Sistemas", "Finanzas");
  assert_parent (doc, "ops", "Dirección General");

  /* The second parent: a link, with its service and quality */
  g_assert_cmpuint (orgmap_document_get_n_links (doc), ==, 1);
  assert_link (doc, 0, "Recursos Humanos", "Sistemas", "Nóminas");
  g_assert_true (orgmap_document_get_link_quality (doc, 0, ORGMAP_NONE, &quality));
  g_assert_cmpfloat (quality, ==, 4.5);
  g_assert_cmpuint (report->n_hierarchy_edges, ==, 4);
  g_assert_cmpuint (report->n_links, ==, 1);
  p = find_problem (problems, "The edge from “Recursos Humanos” would give “Sistemas” a second parent after “Finanzas”");
  g_assert_cmpint (p->line, >, 0);
  g_assert_cmpint (p->column, >, 0);

  remove_dir (dir);
}

/* yEd's dialect, as its specification writes it: labels in y:NodeLabel
 * inside the data of the nodegraphics key, groups as nodes with a graph
 * inside, a group's realizers for its open and closed states. */
static const char yed_graphml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
  "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:java=\"http://www.yworks.com/xml/yfiles-common/1.0/java\""
  " xmlns:sys=\"http://www.yworks.com/xml/yfiles-common/markup/primitives/2.0\" xmlns:x=\"http://www.yworks.com/xml/yfiles-common/markup/2.0\""
  " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:y=\"http://www.yworks.com/xml/graphml\""
  " xmlns:yed=\"http://www.yworks.com/xml/yed/3\">\n"
  "  <key attr.name=\"Description\" attr.type=\"string\" for=\"node\" id=\"d5\"/>\n"
  "  <key for=\"node\" id=\"d6\" yfiles.type=\"nodegraphics\"/>\n"
  "  <key attr.name=\"Headcount\" attr.type=\"int\" for=\"node\" id=\"d7\">\n"
  "    <default>5</default>\n"
  "  </key>\n"
  "  <key for=\"edge\" id=\"d10\" yfiles.type=\"edgegraphics\"/>\n"
  "  <graph edgedefault=\"directed\" id=\"G\">\n"
  "    <node id=\"n0\">\n"
  "      <data key=\"d7\">40</data>\n"
  "      <data key=\"d6\">\n"
  "        <y:ShapeNode>\n"
  "          <y:Geometry height=\"30.0\" width=\"120.0\" x=\"0.0\" y=\"0.0\"/>\n"
  "          <y:Fill color=\"#FFCC00\" transparent=\"false\"/>\n"
  "          <y:NodeLabel alignment=\"center\" autoSizePolicy=\"content\" modelName=\"internal\" modelPosition=\"c\">Board</y:NodeLabel>\n"
  "          <y:Shape type=\"rectangle\"/>\n"
  "        </y:ShapeNode>\n"
  "      </data>\n"
  "    </node>\n"
  "    <node id=\"n1\" yfiles.foldertype=\"group\">\n"
  "      <data key=\"d6\">\n"
  "        <y:ProxyAutoBoundsNode>\n"
  "          <y:Realizers active=\"0\">\n"
  "            <y:GroupNode>\n"
  "              <y:NodeLabel alignment=\"right\" modelName=\"internal\" modelPosition=\"t\">Operations</y:NodeLabel>\n"
  "              <y:State closed=\"false\" closedHeight=\"50.0\" closedWidth=\"50.0\" innerGraphDisplayEnabled=\"false\"/>\n"
  "            </y:GroupNode>\n"
  "            <y:GroupNode>\n"
  "              <y:NodeLabel alignment=\"right\" modelName=\"internal\" modelPosition=\"t\">Operations (folded)</y:NodeLabel>\n"
  "              <y:State closed=\"true\"/>\n"
  "            </y:GroupNode>\n"
  "          </y:Realizers>\n"
  "        </y:ProxyAutoBoundsNode>\n"
  "      </data>\n"
  "      <graph edgedefault=\"directed\" id=\"n1:\">\n"
  "        <node id=\"n1::n0\">\n"
  "          <data key=\"d6\"><y:ShapeNode><y:NodeLabel>Plant\n  manager</y:NodeLabel></y:ShapeNode></data>\n"
  "        </node>\n"
  "        <node id=\"n1::n1\">\n"
  "          <data key=\"d6\"><y:ShapeNode><y:NodeLabel hasText=\"false\"/><y:NodeLabel>Production</y:NodeLabel></y:ShapeNode></data>\n"
  "        </node>\n"
  "        <node id=\"n1::n2\">\n"
  "          <data key=\"d5\"><![CDATA[Keeps the machines running]]></data>\n"
  "          <data key=\"d6\"><y:ShapeNode><y:NodeLabel>Maintenance<y:LabelModel><y:SmartNodeLabelModel distance=\"4.0\"/></y:LabelModel></y:NodeLabel></y:ShapeNode></data>\n"
  "        </node>\n"
  "      </graph>\n"
  "    </node>\n"
  "    <node id=\"n2\">\n"
  "      <data key=\"d6\"><y:ShapeNode><y:NodeLabel>&lt;html&gt;&lt;b&gt;Sales&lt;/b&gt; &amp;amp; Marketing&lt;/html&gt;</y:NodeLabel></y:ShapeNode></data>\n"
  "    </node>\n"
  "    <edge id=\"e0\" source=\"n0\" target=\"n1\"/>\n"
  "    <edge id=\"e1\" source=\"n1::n0\" target=\"n1::n1\"/>\n"
  "    <edge id=\"e2\" source=\"n1::n0\" target=\"n1::n2\"/>\n"
  "    <edge id=\"e3\" source=\"n0\" target=\"n2\"/>\n"
  "    <edge id=\"e4\" source=\"n2\" target=\"n1::n1\">\n"
  "      <data key=\"d10\"><y:PolyLineEdge><y:EdgeLabel>Forecasts</y:EdgeLabel></y:PolyLineEdge></data>\n"
  "    </edge>\n"
  "  </graph>\n"
  "</graphml>\n";

static void
test_graphml_yed (void)
{
  g_autofree char *dir = g_dir_make_tmp ("orgmap-import-XXXXXX", NULL);
  g_autofree char *path = write_file (dir, "chart.graphml", yed_graphml, -1);
  g_autoptr(OrgmapProblems) problems = orgmap_problems_new ("chart.graphml");
  g_autoptr(OrgmapImportReport) report = orgmap_import_report_new ();
  g_autoptr(OrgmapDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  const OrgmapUnit *maintenance;
  const guint32 *roots;
  guint n_roots;

  doc = orgmap_format_import (path, NULL, report, problems, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (orgmap_document_get_name (doc), ==, "chart");
  g_assert_cmpuint (orgmap_document_get_n_units (doc), ==, 6);
  roots = orgmap_document_get_roots (doc, &n_roots);
  g_assert_cmpuint (n_roots, ==, 1);
  g_assert_cmpstr (orgmap_document_get_unit (doc, roots[0])->name, ==, "Board");
  g_assert_cmpint (orgmap_document_get_unit (doc, roots[0])->headcount, ==, 40);

  /* The group, by its open state's label, is the parent unit */
  assert_parent (doc, "Operations", "Board");
  assert_parent (doc, "Plant manager", "Operations");
  assert_parent (doc, "Production", "Plant manager");
  assert_parent (doc, "Maintenance", "Plant manager");
  maintenance = orgmap_document_get_unit (doc, find_named (doc, "Maintenance"));
  g_assert_cmpstr (maintenance->notes, ==, "Keeps the machines running");
  /* The key's default */
  g_assert_cmpint (maintenance->headcount, ==, 5);
  assert_parent (doc, "Sales & Marketing", "Board");

  /* Into the group from outside it: a link named by the edge's label */
  g_assert_cmpuint (orgmap_document_get_n_links (doc), ==, 1);
  assert_link (doc, 0, "Sales & Marketing", "Production", "Forecasts");
  g_assert_cmpuint (report->n_hierarchy_edges, ==, 4);
  g_assert_cmpuint (report->n_grouped, ==, 1);
  g_assert_cmpuint (report->n_links, ==, 1);
  g_assert_cmpuint (orgmap_problems_count (problems), ==, 1);
  g_assert_cmpint (find_problem (problems, "crosses the border of “Operations”")->line, ==, 57);

  remove_dir (dir);
}

/* A cycle of edges: every unit kept, the edge that closes it a link */
static void
test_graphml_cycle (void)
{
  g_autofree char *dir = g_dir_make_tmp ("orgmap-import-XXXXXX", NULL);
  g_autofree char *path = NULL;
  g_autoptr(OrgmapProblems) problems = orgmap_problems_new ("cycle.graphml");
  g_autoptr(OrgmapImportReport) report = orgmap_import_report_new ();
  g_autoptr(OrgmapDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  const OrgmapProblem *p;

  path = write_file (dir, "cycle.graphml",
                     "<?xml version=\"1.0\"?>\n"
                     "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
                     "  <key id=\"k\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
                     "  <graph edgedefault=\"directed\">\n"
                     "    <node id=\"a\"><data key=\"k\">Purchasing</data></node>\n"
                     "    <node id=\"b\"><data key=\"k\">Warehouse</data></node>\n"
                     "    <node id=\"c\"><data key=\"k\">Logistics</data></node>\n"
                     "    <edge source=\"a\" target=\"b\"/>\n"
                     "    <edge source=\"b\" target=\"c\"/>\n"
                     "    <edge source=\"c\" target=\"a\"/>\n"
                     "  </graph>\n"
                     "</graphml>\n", -1);
  doc = orgmap_format_import (path, NULL, report, problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orgmap_document_get_n_units (doc), ==, 3);
  assert_parent (doc, "Purchasing", NULL);
  assert_parent (doc, "Warehouse", "Purchasing");
  assert_parent (doc, "Logistics", "Warehouse");
  g_assert_cmpuint (orgmap_document_get_n_links (doc), ==, 1);
  assert_link (doc, 0, "Logistics", "Purchasing", NULL);
  g_assert_cmpuint (report->n_hierarchy_edges, ==, 2);
  g_assert_cmpuint (report->n_links, ==, 1);
  p = find_problem (problems, "The edge from “Logistics” to “Purchasing” would close a cycle; it became a link instead");
  g_assert_cmpint (p->line, ==, 10);
  g_assert_cmpint (p->column, ==, 5);

  remove_dir (dir);
}

/* Faults of the file itself: nothing imported, every problem listed */
static void
test_graphml_invalid (void)
{
  g_autofree char *dir = g_dir_make_tmp ("orgmap-import-XXXXXX", NULL);
  g_autofree char *path = NULL;
  g_autoptr(OrgmapProblems) problems = orgmap_problems_new ("bad.graphml");
  g_autoptr(OrgmapDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  path = write_file (dir, "bad.graphml",
                     "<graphml>\n"
                     "  <graph>\n"
                     "    <node id=\"a\"/>\n"
                     "    <node/>\n"
                     "    <node id=\"a\"/>\n"
                     "  </graph>\n"
                     "</graphml>\n", -1);
  doc = orgmap_format_import (path, NULL, NULL, problems, &error);
  g_assert_null (doc);
  g_assert_error (error, ORGMAP_IMPORT_ERROR, ORGMAP_IMPORT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "“bad.graphml” has 2 problems");
  g_assert_cmpuint (orgmap_problems_count (problems), ==, 2);
  g_assert_cmpint (find_problem (problems, "A <node> element has no id")->line, ==, 4);
  g_assert_cmpint (find_problem (problems, "The id “a” is already used by the node on line 3")->line, ==, 5);

  remove_dir (dir);
}

/* ------------------------------------------------------------------------ */
/* What is not an org chart, and hostile files */

static void
test_not_an_org_chart (void)
{
  g_autofree char *dir = g_dir_make_tmp ("orgmap-import-XXXXXX", NULL);
  struct
  {
    const char *name;
    const char *contents;
    gssize      len;
    const char *summary;
    int         line;
    const char *fragment;
  } cases[] = {
    { "notes.txt", "\n  Organigrama de Acme\nDirección General\n", -1,
      "“notes.txt” is not an org chart: it is text, not XML", 2, "it holds text that is not XML, starting with “Organigrama de Acme”" },
    { "chart.png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16,
      "“chart.png” is not an org chart: it holds binary data, not text", 0, "binary data" },
    { "company.xml", "<?xml version=\"1.0\"?>\n<!-- HR export -->\n<company><dept name=\"Sales\"/></company>\n", -1,
      "Nothing in this file looks like the units of an org chart", 3, "the root element <company> holds none" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_file (dir, cases[i].name, cases[i].contents, cases[i].len);
      g_autoptr(OrgmapProblems) problems = orgmap_problems_new (cases[i].name);
      g_autoptr(OrgmapDocument) doc = NULL;
      g_autoptr(GError) error = NULL;
      OrgmapFormat format;

      g_test_message ("%s", cases[i].name);
      doc = orgmap_format_load (path, &format, problems, &error);
      g_assert_null (doc);
      g_assert_cmpint (format, ==, ORGMAP_FORMAT_XML);
      g_assert_error (error, ORGMAP_IMPORT_ERROR, ORGMAP_IMPORT_ERROR_FORMAT);
      g_assert_true (g_str_has_prefix (error->message, cases[i].summary));
      g_assert_cmpuint (orgmap_problems_count (problems), ==, 1);
      g_assert_cmpint (find_problem (problems, cases[i].fragment)->line, ==, cases[i].line);
    }

  remove_dir (dir);
}

/* A DOCTYPE, entities: refused where they are, nothing read through them */
static void
test_hostile (void)
{
  g_autofree char *dir = g_dir_make_tmp ("orgmap-import-XXXXXX", NULL);
  struct
  {
    const char       *name;
    const char       *contents;
    OrgmapImportKind  kind;
  } cases[] = {
    { "laughs.graphml",
      "<?xml version=\"1.0\"?>\n"
      "<!DOCTYPE graphml [\n"
      "  <!ENTITY secret SYSTEM \"file:///etc/passwd\">\n"
      "  <!ENTITY lol \"lol\">\n"
      "  <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
      "  <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
      "]>\n"
      "<graphml><graph><node id=\"a\"><data key=\"k\">&lol2;&secret;</data></node></graph></graphml>\n",
      ORGMAP_IMPORT_GRAPHML },
    { "xxe.drawio",
      "<!DOCTYPE mxfile [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>\n"
      "<mxfile><diagram name=\"P\"><mxGraphModel><root>\n"
      "<mxCell id=\"a\" value=\"&secret;\" vertex=\"1\"/>\n"
      "</root></mxGraphModel></diagram></mxfile>\n",
      ORGMAP_IMPORT_DRAWIO },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_file (dir, cases[i].name, cases[i].contents, -1);
      g_autoptr(OrgmapProblems) problems = orgmap_problems_new (cases[i].name);
      g_autoptr(OrgmapDocument) doc = NULL;
      g_autoptr(GError) error = NULL;
      const OrgmapProblem *p;
      OrgmapImportKind kind;

      g_test_message ("%s", cases[i].name);
      g_assert_true (orgmap_format_detect (path, &kind, NULL, NULL, &error));
      g_assert_cmpint (kind, ==, cases[i].kind);

      doc = orgmap_format_import (path, NULL, NULL, problems, &error);
      g_assert_null (doc);
      g_assert_error (error, ORGMAP_IMPORT_ERROR, ORGMAP_IMPORT_ERROR_FORBIDDEN);
      g_assert_cmpuint (orgmap_problems_count (problems), ==, 1);
      /* libxml2 may find the entities before it hands over the DOCTYPE */
      p = find_problem (problems, "which Orgmap refuses in imported files");
      g_assert_cmpint (p->line, ==, i == 0 ? 2 : 1);
      g_assert_cmpint (p->column, ==, 1);
      g_assert_null (strstr (p->message, "root:"));
    }

  remove_dir (dir);
}

/* A start tag with thousands of attributes is refused before libxml2
 * spends minutes on it, where the tag begins. */
static void
test_many_attributes (void)
{
  g_autofree char *dir = g_dir_make_tmp ("orgmap-import-XXXXXX", NULL);
  g_autoptr(GString) xml = g_string_new ("<graphml>\n<graph>\n  <node id=\"a\"");
  g_autoptr(OrgmapProblems) problems = orgmap_problems_new ("wide.graphml");
  g_autoptr(OrgmapDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const OrgmapProblem *p;

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (xml, " a%u=\"x\"", i);
  g_string_append (xml, "/>\n</graph>\n</graphml>\n");
  path = write_file (dir, "wide.graphml", xml->str, -1);

  doc = orgmap_format_import (path, NULL, NULL, problems, &error);
  g_assert_null (doc);
  g_assert_nonnull (error);
  p = find_problem (problems, "An element has more than 256 attributes");
  g_assert_cmpint (p->line, ==, 3);
  g_assert_cmpint (p->column, ==, 3);

  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (corpus_cases); i++)
    {
      g_autofree char *name = g_strndup (corpus_cases[i].file, strcspn (corpus_cases[i].file, "."));
      g_autofree char *test_path = g_strconcat ("/orgmap/model/import/corpus/", name, NULL);

      g_test_add_data_func (test_path, &corpus_cases[i], test_corpus_file);
    }
  g_test_add_func ("/orgmap/model/import/corpus/complete", test_corpus_complete);
  g_test_add_func ("/orgmap/model/import/corpus/detect", test_corpus_detect);
  g_test_add_func ("/orgmap/model/import/drawio/plain-page", test_drawio_plain_page);
  g_test_add_func ("/orgmap/model/import/drawio/compressed-page", test_drawio_compressed_page);
  g_test_add_func ("/orgmap/model/import/drawio/bad-pages", test_drawio_bad_pages);
  g_test_add_func ("/orgmap/model/import/drawio/bare-model", test_drawio_bare_model);
  g_test_add_func ("/orgmap/model/import/graphml/networkx", test_graphml_networkx);
  g_test_add_func ("/orgmap/model/import/graphml/yed", test_graphml_yed);
  g_test_add_func ("/orgmap/model/import/graphml/cycle", test_graphml_cycle);
  g_test_add_func ("/orgmap/model/import/graphml/invalid", test_graphml_invalid);
  g_test_add_func ("/orgmap/model/import/not-an-org-chart", test_not_an_org_chart);
  g_test_add_func ("/orgmap/model/import/hostile", test_hostile);
  g_test_add_func ("/orgmap/model/import/many-attributes", test_many_attributes);

  return g_test_run ();
}

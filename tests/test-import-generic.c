/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "orgmap-error.h"
#include "orgmap-import-generic.h"

/* Generic XML: the org charts of the corpus, found and imported without
 * configuration (units as the file has them, and departments made from
 * people), and small files written here for each shape and each fault. */

/* Helpers */

/* The corpus file whose name starts with @prefix, or NULL (the test then
 * fails: it never skips) */
static char *
corpus_file (const char *prefix)
{
  const char *dir = g_getenv ("ORGMAP_CORPUS_DIR");
  g_autoptr(GDir) d = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  if (dir == NULL || *dir == '\0')
    {
      g_test_fail_printf ("ORGMAP_CORPUS_DIR is not set: set it to the folder of real org-chart "
                          "files (../shared/corpus next to the source tree) to run this test");
      return NULL;
    }
  d = g_dir_open (dir, 0, &error);
  if (d == NULL)
    {
      g_test_fail_printf ("ORGMAP_CORPUS_DIR (%s) cannot be read: %s", dir, error->message);
      return NULL;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix))
      return g_build_filename (dir, name, NULL);
  g_test_fail_printf ("The corpus folder %s has no file %s*", dir, prefix);
  return NULL;
}

static void
remove_file (gpointer path)
{
  g_unlink (path);
  g_free (path);
}

/* Writes @xml to a new temporary file, removed after the test */
static char *
write_xml (const char *xml)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("orgmap-generic-XXXXXX.xml", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, xml, -1, &error);
  g_assert_no_error (error);
  g_test_queue_destroy (remove_file, g_strdup (path));
  return path;
}

static guint32
find_by_name (OrgmapDocument *doc,
              const char     *name)
{
  for (guint i = 0; i < orgmap_document_get_n_units (doc); i++)
    if (g_strcmp0 (orgmap_document_get_unit (doc, i)->name, name) == 0)
      return i;
  g_error ("no unit named “%s”", name);
  return ORGMAP_NONE;
}

static const char *
parent_name (OrgmapDocument *doc,
             const char     *name)
{
  guint32 parent = orgmap_document_get_unit (doc, find_by_name (doc, name))->parent;

  return parent != ORGMAP_NONE ? orgmap_document_get_unit (doc, parent)->name : NULL;
}

static guint
max_depth (OrgmapDocument *doc)
{
  guint depth = 0;

  for (guint i = 0; i < orgmap_document_get_n_units (doc); i++)
    depth = MAX (depth, orgmap_document_get_unit_depth (doc, i));
  return depth;
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

static void
assert_field (const OrgmapGenericField *field,
              const char               *name,
              OrgmapGenericFieldKind    kind)
{
  g_assert_cmpstr (field->name, ==, name);
  if (name != NULL)
    g_assert_cmpint (field->kind, ==, kind);
}

static gboolean
explained (const OrgmapGenericMapping *mapping,
           const char                 *fragment)
{
  g_auto(GStrv) lines = orgmap_generic_mapping_explain (mapping);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], fragment) != NULL)
      return TRUE;
  return FALSE;
}

/* The corpus */

static void
test_telerik_detect (void)
{
  g_autofree char *path = corpus_file ("11_telerik_");
  g_auto(OrgmapGenericMapping) m = { 0 };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) fields = NULL;

  if (path == NULL)
    return;
  g_assert_true (orgmap_generic_detect (path, &m, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (m.root, ==, "Root");
  g_assert_cmpstr (m.unit, ==, "Node");
  g_assert_cmpuint (m.n_units, ==, 18);
  g_assert_cmpint (m.parent_kind, ==, ORGMAP_GENERIC_PARENT_NESTING);
  g_assert_null (m.wrapper);
  assert_field (&m.id, NULL, 0);
  assert_field (&m.name[0], "FirstName", ORGMAP_GENERIC_ATTRIBUTE);
  assert_field (&m.name[1], "LastName", ORGMAP_GENERIC_ATTRIBUTE);
  assert_field (&m.department, "Branch", ORGMAP_GENERIC_ATTRIBUTE);
  g_assert_cmpuint (m.n_departments, ==, 4);

  g_assert_true (explained (&m, "<Node>"));
  g_assert_true (explained (&m, "“FirstName”"));
  g_assert_true (explained (&m, "“LastName”"));
  g_assert_true (explained (&m, "“Branch”"));

  fields = orgmap_generic_mapping_list_fields (&m, NULL);
  g_assert_true (g_strv_contains ((const char * const *) fields, "Position"));
  g_assert_true (g_strv_contains ((const char * const *) fields, "Email"));
}

static void
test_telerik_units (void)
{
  g_autofree char *path = corpus_file ("11_telerik_");
  g_autoptr(OrgmapProblems) problems = orgmap_problems_new ("telerik");
  g_autoptr(OrgmapImportReport) report = orgmap_import_report_new ();
  g_autoptr(OrgmapDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  OrgmapGenericReport generic = { 0 };
  g_autofree char *summary = NULL;
  const guint32 *roots;
  guint n_roots;

  if (path == NULL)
    return;
  doc = orgmap_generic_import_file (path, NULL, ORGMAP_GENERIC_UNITS, report, &generic, problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  g_assert_cmpuint (orgmap_problems_count (problems), ==, 0);

  /* 13 people under Andrew Fuller, 5 under Martin Sommer, five levels */
  g_assert_cmpuint (orgmap_document_get_n_units (doc), ==, 18);
  roots = orgmap_document_get_roots (doc, &n_roots);
  g_assert_cmpuint (n_roots, ==, 2);
  g_assert_cmpstr (orgmap_document_get_unit (doc, roots[0])->name, ==, "Andrew Fuller");
  g_assert_cmpstr (orgmap_document_get_unit (doc, roots[1])->name, ==, "Martin Sommer");
  g_assert_cmpuint (max_depth (doc), ==, 4);
  g_assert_cmpstr (parent_name (doc, "Brenda Smith"), ==, "Alexander Tuckings");
  g_assert_cmpstr (parent_name (doc, "Thomas Hardy"), ==, "Michael Suyama");
  g_assert_cmpuint (orgmap_document_get_unit_depth (doc, find_by_name (doc, "Margaret Peacock")), ==, 4);

  g_assert_cmpint (report->kind, ==, ORGMAP_IMPORT_GENERIC);
  g_assert_cmpuint (report->n_units, ==, 18);
  g_assert_cmpuint (report->n_hierarchy_edges, ==, 16);
  g_assert_cmpuint (report->n_links, ==, 0);
  summary = orgmap_generic_report_summary (&generic, ORGMAP_GENERIC_UNITS);
  g_assert_cmpstr (summary, ==, "18 units");
}

static void
test_telerik_departments (void)
{
  g_autofree char *path = corpus_file ("11_telerik_");
  g_autoptr(OrgmapProblems) problems = orgmap_problems_new ("telerik");
  g_autoptr(OrgmapImportReport) report = orgmap_import_report_new ();
  g_autoptr(OrgmapDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  OrgmapGenericReport generic = { 0 };
  g_autofree char *summary = NULL;
  static const struct
  {
    const char *name;
    const char *head;
    int         headcount;
  } expected[] = {
    { "TopManagement", "Andrew Fuller", 2 },
    { "QA", "Jeremy Boather", 5 },
    { "Development", "Steven Buchanan", 7 },
    { "Sales", "Nancy Davolio", 4 },
  };
  const guint32 *roots;
  guint n_roots;

  if (path == NULL)
    return;
  doc = orgmap_generic_import_file (path, NULL, ORGMAP_GENERIC_DEPARTMENTS, report, &generic, problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  g_assert_cmpuint (orgmap_problems_count (problems), ==, 0);

  g_assert_cmpuint (orgmap_document_get_n_units (doc), ==, 4);
  roots = orgmap_document_get_roots (doc, &n_roots);
  g_assert_cmpuint (n_roots, ==, 1);
  g_assert_cmpstr (orgmap_document_get_unit (doc, roots[0])->name, ==, "TopManagement");
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const OrgmapUnit *unit = orgmap_document_get_unit (doc, find_by_name (doc, expected[i].name));

      g_assert_cmpstr (unit->head, ==, expected[i].head);
      g_assert_cmpint (unit->headcount, ==, expected[i].headcount);
      if (i > 0)
        g_assert_cmpstr (parent_name (doc, expected[i].name), ==, "TopManagement");
    }

  g_assert_cmpuint (report->n_units, ==, 4);
  g_assert_cmpuint (report->n_hierarchy_edges, ==, 3);
  g_assert_cmpuint (generic.n_records, ==, 18);
  g_assert_cmpuint (generic.n_people, ==, 18);
  g_assert_cmpuint (generic.n_departments, ==, 4);
  summary = orgmap_generic_report_summary (&generic, ORGMAP_GENERIC_DEPARTMENTS);
  g_assert_cmpstr (summary, ==, "18 people in 4 departments");
}

static void
test_xalan (void)
{
  g_autofree char *path = corpus_file ("14_xalan_");
  g_auto(OrgmapGenericMapping) m = { 0 };
  g_autoptr(OrgmapProblems) problems = orgmap_problems_new ("xalan");
  g_autoptr(OrgmapDocument) doc = NULL;
  g_autoptr(OrgmapDocument) departments = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) preview = NULL;
  const guint32 *children;
  const guint32 *roots;
  guint n_children, n_roots;

  if (path == NULL)
    return;
  g_assert_true (orgmap_generic_detect (path, &m, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (m.root, ==, "orgchart");
  g_assert_cmpstr (m.unit, ==, "person");
  g_assert_cmpint (m.parent_kind, ==, ORGMAP_GENERIC_PARENT_NESTING);
  g_assert_cmpstr (m.wrapper, ==, "reports");
  assert_field (&m.name[0], "name", ORGMAP_GENERIC_CHILD);
  assert_field (&m.name[1], NULL, 0);
  assert_field (&m.id, NULL, 0);
  assert_field (&m.department, NULL, 0);
  g_assert_true (explained (&m, "<reports>"));

  doc = orgmap_generic_import_file (path, &m, ORGMAP_GENERIC_UNITS, NULL, NULL, problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orgmap_document_get_n_units (doc), ==, 8);
  roots = orgmap_document_get_roots (doc, &n_roots);
  g_assert_cmpuint (n_roots, ==, 1);
  g_assert_cmpstr (orgmap_document_get_unit (doc, roots[0])->name, ==, "Keith Todd");
  g_assert_cmpuint (max_depth (doc), ==, 2);
  children = orgmap_document_get_unit_children (doc, roots[0], &n_children);
  g_assert_cmpuint (n_children, ==, 5);
  g_assert_cmpstr (orgmap_document_get_unit (doc, children[4])->name, ==, "Marie-Anne van Ingen");
  g_assert_cmpstr (parent_name (doc, "John Elmore"), ==, "Andrew Boswell");

  /* No department: no chart of departments, and the reason */
  departments = orgmap_generic_import_file (path, &m, ORGMAP_GENERIC_DEPARTMENTS, NULL, NULL, NULL, &error);
  g_assert_null (departments);
  g_assert_error (error, ORGMAP_IMPORT_ERROR, ORGMAP_IMPORT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "<person>"));
  g_clear_error (&error);

  preview = orgmap_generic_preview (path, &m, ORGMAP_GENERIC_UNITS, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->len, ==, 3);
  g_assert_cmpstr (g_array_index (preview, OrgmapGenericPreviewRow, 0).name, ==, "Keith Todd");
  g_assert_null (g_array_index (preview, OrgmapGenericPreviewRow, 0).parent);
  g_assert_cmpstr (g_array_index (preview, OrgmapGenericPreviewRow, 1).name, ==, "Andrew Boswell");
  g_assert_cmpstr (g_array_index (preview, OrgmapGenericPreviewRow, 1).parent, ==, "Keith Todd");
  g_assert_cmpstr (g_array_index (preview, OrgmapGenericPreviewRow, 2).name, ==, "Dave McVitie");
  g_assert_cmpstr (g_array_index (preview, OrgmapGenericPreviewRow, 2).parent, ==, "Andrew Boswell");
}

static void
test_ofbiz (void)
{
  g_autofree char *path = corpus_file ("18_ofbiz_");
  g_auto(OrgmapGenericMapping) m = { 0 };
  g_autoptr(OrgmapProblems) problems = orgmap_problems_new ("ofbiz");
  g_autoptr(OrgmapImportReport) report = orgmap_import_report_new ();
  g_autoptr(OrgmapDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  guint32 sales, coo;
  gboolean linked = FALSE;
  guint n_roots;

  if (path == NULL)
    return;
  g_assert_true (orgmap_generic_detect (path, &m, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (m.root, ==, "entity-engine-xml");
  g_assert_cmpstr (m.unit, ==, "EmplPosition");
  g_assert_cmpuint (m.n_units, ==, 39);
  assert_field (&m.id, "emplPositionId", ORGMAP_GENERIC_ATTRIBUTE);
  g_assert_cmpint (m.parent_kind, ==, ORGMAP_GENERIC_PARENT_RELATION);
  g_assert_cmpstr (m.relation, ==, "EmplPositionReportingStruct");
  g_assert_cmpuint (m.n_relations, ==, 12);
  /* The department managers report to the C-level positions */
  assert_field (&m.relation_child, "emplPositionIdManagedBy", ORGMAP_GENERIC_ATTRIBUTE);
  assert_field (&m.relation_parent, "emplPositionIdReportingTo", ORGMAP_GENERIC_ATTRIBUTE);
  assert_field (&m.department, "partyId", ORGMAP_GENERIC_ATTRIBUTE);
  g_assert_true (explained (&m, "<EmplPositionReportingStruct>"));

  doc = orgmap_generic_import_file (path, &m, ORGMAP_GENERIC_UNITS, report, NULL, problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orgmap_document_get_n_units (doc), ==, 39);
  /* 12 relations: 9 positions placed, 3 second managers kept as links */
  g_assert_cmpuint (report->n_hierarchy_edges, ==, 9);
  g_assert_cmpuint (report->n_links, ==, 3);
  orgmap_document_get_roots (doc, &n_roots);
  g_assert_cmpuint (n_roots, ==, 30);
  g_assert_cmpuint (max_depth (doc), ==, 1);
  g_assert_cmpstr (parent_name (doc, "DEMO_ACCT_MGT"), ==, "DEMO_CFO");
  g_assert_cmpstr (parent_name (doc, "DEMO_SALES_MGT"), ==, "DEMO_CEO");
  g_assert_cmpstr (parent_name (doc, "DEMO_ORGTLNT_MGT"), ==, "DEMO_CEO");

  sales = orgmap_document_find_unit (doc, "DEMO_SALES_MGT");
  coo = orgmap_document_find_unit (doc, "DEMO_COO");
  for (guint i = 0; i < orgmap_document_get_n_links (doc); i++)
    {
      const OrgmapLink *link = orgmap_document_get_link (doc, i);

      linked |= link->provider == coo && link->client == sales;
    }
  g_assert_true (linked);
  g_assert_cmpuint (orgmap_problems_count (problems), ==, 3);
  assert_problem (problems, 101, 5, "DEMO_ORGTLNT_MGT", "“DEMO_COO”");
  assert_problem (problems, 115, 5, "DEMO_SALES_MGT", "“DEMO_CMO”");
  assert_problem (problems, 116, 5, "DEMO_SALES_MGT", "“DEMO_COO”");
}

static void
test_ofbiz_departments (void)
{
  g_autofree char *path = corpus_file ("18_ofbiz_");
  g_autoptr(OrgmapDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  const OrgmapUnit *accounting;
  OrgmapGenericReport generic = { 0 };
  const guint32 *roots;
  guint n_roots;

  if (path == NULL)
    return;
  doc = orgmap_generic_import_file (path, NULL, ORGMAP_GENERIC_DEPARTMENTS, NULL, &generic, NULL, &error);
  g_assert_no_error (error);
  /* Company (the seven C-level positions) and nine departments under it */
  g_assert_cmpuint (orgmap_document_get_n_units (doc), ==, 10);
  roots = orgmap_document_get_roots (doc, &n_roots);
  g_assert_cmpuint (n_roots, ==, 1);
  g_assert_cmpstr (orgmap_document_get_unit (doc, roots[0])->name, ==, "Company");
  g_assert_cmpint (orgmap_document_get_unit (doc, roots[0])->headcount, ==, 7);
  accounting = orgmap_document_get_unit (doc, find_by_name (doc, "ACCOUNTING"));
  g_assert_cmpstr (accounting->head, ==, "DEMO_ACCT_MGT");
  g_assert_cmpint (accounting->headcount, ==, 3);
  g_assert_cmpstr (parent_name (doc, "INFOSERV"), ==, "Company");
  g_assert_cmpint (orgmap_document_get_unit (doc, find_by_name (doc, "INFOSERV"))->headcount, ==, 5);
  g_assert_cmpuint (generic.n_people, ==, 39);
}

/* Shapes written here */

static const char flat_xml[] =
  "<?xml version=\"1.0\"?>\n"
  "<Employees>\n"
  "  <Employee EmployeeID=\"7\" Name=\"Gala Ruiz\" ManagerID=\"4\" Department=\"Sales\"/>\n"
  "  <Employee EmployeeID=\"1\" Name=\"Ana Ruiz\" ManagerID=\"0\" Department=\"Board\"/>\n"
  "  <Employee EmployeeID=\"2\" Name=\"Ben Ortiz\" ManagerID=\"1\" Department=\"Sales\"/>\n"
  "  <Employee EmployeeID=\"3\" Name=\"Carla Peña\" ManagerID=\"2\" Department=\"Sales\"/>\n"
  "  <Employee EmployeeID=\"4\" Name=\"Dan Gil\" ManagerID=\"1\" Department=\"IT\"/>\n"
  "  <Employee EmployeeID=\"5\" Name=\"Eva Sanz\" ManagerID=\"4\" Department=\"IT\"/>\n"
  "  <Employee EmployeeID=\"6\" Name=\"Fede Gil\" ManagerID=\"5\" Department=\"IT\"/>\n"
  "  <Employee EmployeeID=\"8\" Name=\"Hugo Paz\" ManagerID=\"5\" Department=\"Support\"/>\n"
  "  <Employee EmployeeID=\"9\" Name=\"Iris Paz\" ManagerID=\"8\" Department=\"Support\"/>\n"
  "  <Employee EmployeeID=\"10\" Name=\"Jon Paz\" ManagerID=\"1\"/>\n"
  "</Employees>\n";

static void
test_flat_attributes (void)
{
  g_autofree char *path = write_xml (flat_xml);
  g_auto(OrgmapGenericMapping) m = { 0 };
  g_autoptr(OrgmapProblems) problems = orgmap_problems_new ("flat");
  g_autoptr(OrgmapDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (orgmap_generic_detect (path, &m, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (m.unit, ==, "Employee");
  assert_field (&m.id, "EmployeeID", ORGMAP_GENERIC_ATTRIBUTE);
  g_assert_cmpint (m.parent_kind, ==, ORGMAP_GENERIC_PARENT_FIELD);
  assert_field (&m.parent, "ManagerID", ORGMAP_GENERIC_ATTRIBUTE);
  assert_field (&m.name[0], "Name", ORGMAP_GENERIC_ATTRIBUTE);
  assert_field (&m.department, "Department", ORGMAP_GENERIC_ATTRIBUTE);
  g_assert_true (explained (&m, "“ManagerID”"));

  /* A manager named before or after the report, “0” for none */
  doc = orgmap_generic_import_file (path, &m, ORGMAP_GENERIC_UNITS, NULL, NULL, problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orgmap_problems_count (problems), ==, 0);
  g_assert_cmpuint (orgmap_document_get_n_units (doc), ==, 10);
  g_assert_cmpstr (orgmap_document_get_unit (doc, orgmap_document_find_unit (doc, "3"))->name, ==, "Carla Peña");
  g_assert_cmpstr (parent_name (doc, "Gala Ruiz"), ==, "Dan Gil");
  g_assert_cmpstr (parent_name (doc, "Carla Peña"), ==, "Ben Ortiz");
  g_assert_null (parent_name (doc, "Ana Ruiz"));
  g_assert_cmpuint (max_depth (doc), ==, 4);
}

static void
test_flat_departments (void)
{
  g_autofree char *path = write_xml (flat_xml);
  g_autoptr(OrgmapProblems) problems = orgmap_problems_new ("flat");
  g_autoptr(OrgmapDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  OrgmapGenericReport generic = { 0 };
  g_autofree char *summary = NULL;
  const OrgmapUnit *sales, *support;

  doc = orgmap_generic_import_file (path, NULL, ORGMAP_GENERIC_DEPARTMENTS, NULL, &generic, problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orgmap_document_get_n_units (doc), ==, 4);

  /* Sales has two at its top: Ben, with Carla under him, outranks Gala */
  sales = orgmap_document_get_unit (doc, find_by_name (doc, "Sales"));
  g_assert_cmpstr (sales->head, ==, "Ben Ortiz");
  g_assert_cmpint (sales->headcount, ==, 3);
  g_assert_cmpstr (parent_name (doc, "Sales"), ==, "Board");
  g_assert_cmpstr (parent_name (doc, "IT"), ==, "Board");
  /* Support's head reports to someone in IT */
  support = orgmap_document_get_unit (doc, find_by_name (doc, "Support"));
  g_assert_cmpstr (support->head, ==, "Hugo Paz");
  g_assert_cmpint (support->headcount, ==, 2);
  g_assert_cmpstr (parent_name (doc, "Support"), ==, "IT");
  g_assert_null (parent_name (doc, "Board"));

  /* Jon has no department */
  g_assert_cmpuint (generic.n_people, ==, 9);
  g_assert_cmpuint (generic.n_without_department, ==, 1);
  assert_problem (problems, 12, 3, "10", "Jon Paz");
  summary = orgmap_generic_report_summary (&generic, ORGMAP_GENERIC_DEPARTMENTS);
  g_assert_cmpstr (summary, ==, "9 people in 4 departments");
}

static void
test_parent_elements (void)
{
  g_autofree char *path = write_xml (
    "<org>\n"
    "  <unit><id>d1</id><label>Board</label><parent/></unit>\n"
    "  <unit><id>d2</id><label>Finance</label><parent>d1</parent></unit>\n"
    "  <unit>\n"
    "    <id>d3</id>\n"
    "    <label>Payroll</label>\n"
    "    <parent> d2 </parent>\n"
    "    <headcount>4</headcount>\n"
    "  </unit>\n"
    "  <unit><id>d4</id><label>Operations</label><parent>d1</parent></unit>\n"
    "</org>\n");
  g_auto(OrgmapGenericMapping) m = { 0 };
  g_autoptr(OrgmapDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  const OrgmapUnit *payroll;

  g_assert_true (orgmap_generic_detect (path, &m, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (m.unit, ==, "unit");
  assert_field (&m.id, "id", ORGMAP_GENERIC_CHILD);
  g_assert_cmpint (m.parent_kind, ==, ORGMAP_GENERIC_PARENT_FIELD);
  assert_field (&m.parent, "parent", ORGMAP_GENERIC_CHILD);
  assert_field (&m.name[0], "label", ORGMAP_GENERIC_CHILD);
  assert_field (&m.extra[ORGMAP_GRAPH_FIELD_HEADCOUNT], "headcount", ORGMAP_GENERIC_CHILD);
  g_assert_true (explained (&m, "<parent>"));

  doc = orgmap_generic_import_file (path, &m, ORGMAP_GENERIC_UNITS, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orgmap_document_get_n_units (doc), ==, 4);
  payroll = orgmap_document_get_unit (doc, orgmap_document_find_unit (doc, "d3"));
  g_assert_cmpstr (payroll->name, ==, "Payroll");
  g_assert_cmpint (payroll->headcount, ==, 4);
  g_assert_cmpstr (parent_name (doc, "Payroll"), ==, "Finance");
  g_assert_cmpstr (parent_name (doc, "Operations"), ==, "Board");
}

static void
test_cycle (void)
{
  g_autofree char *path = write_xml (
    "<staff>\n"
    "  <person id=\"a\" name=\"Alma\" reportsTo=\"\"/>\n"
    "  <person id=\"b\" name=\"Bruno\" reportsTo=\"c\"/>\n"
    "  <person id=\"c\" name=\"Celia\" reportsTo=\"b\"/>\n"
    "  <person id=\"d\" name=\"Dora\" reportsTo=\"c\"/>\n"
    "</staff>\n");
  g_autoptr(OrgmapProblems) problems = orgmap_problems_new ("cycle");
  g_autoptr(OrgmapImportReport) report = orgmap_import_report_new ();
  g_autoptr(OrgmapDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  /* Kept: the reference that closes the cycle becomes a link */
  doc = orgmap_generic_import_file (path, NULL, ORGMAP_GENERIC_UNITS, report, NULL, problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orgmap_document_get_n_units (doc), ==, 4);
  g_assert_null (parent_name (doc, "Celia"));
  g_assert_cmpstr (parent_name (doc, "Bruno"), ==, "Celia");
  g_assert_cmpstr (parent_name (doc, "Dora"), ==, "Celia");
  g_assert_cmpuint (report->n_links, ==, 1);
  g_assert_cmpuint (orgmap_document_get_link (doc, 0)->provider, ==, find_by_name (doc, "Bruno"));
  g_assert_cmpuint (orgmap_document_get_link (doc, 0)->client, ==, find_by_name (doc, "Celia"));
  g_assert_cmpuint (orgmap_problems_count (problems), ==, 1);
  assert_problem (problems, 4, 3, "c", "cycle");
  assert_problem (problems, 4, 3, "c", "“Bruno”");
}

static void
test_dangling (void)
{
  g_autofree char *path = write_xml (
    "<staff>\n"
    "  <person id=\"a\" name=\"Alma\" reportsTo=\"\"/>\n"
    "  <person id=\"b\" name=\"Bruno\" reportsTo=\"a\"/>\n"
    "  <person id=\"c\" name=\"Celia\" reportsTo=\"zz9\"/>\n"
    "  <person id=\"d\" name=\"Dora\" reportsTo=\"b\"/>\n"
    "</staff>\n");
  g_autoptr(OrgmapProblems) problems = orgmap_problems_new ("dangling");
  g_autoptr(OrgmapImportReport) report = orgmap_import_report_new ();
  g_autoptr(OrgmapDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  doc = orgmap_generic_import_file (path, NULL, ORGMAP_GENERIC_UNITS, report, NULL, problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orgmap_document_get_n_units (doc), ==, 4);
  g_assert_null (parent_name (doc, "Celia"));
  g_assert_cmpstr (parent_name (doc, "Dora"), ==, "Bruno");
  g_assert_cmpuint (report->n_ignored_edges, ==, 1);
  g_assert_cmpuint (orgmap_problems_count (problems), ==, 1);
  assert_problem (problems, 4, 3, "c", "“zz9”");
}

static void
test_duplicate_id (void)
{
  g_autofree char *path = write_xml (
    "<staff>\n"
    "  <person id=\"a\" name=\"Alma\" reportsTo=\"\"/>\n"
    "  <person id=\"b\" name=\"Bruno\" reportsTo=\"a\"/>\n"
    "  <person id=\"b\" name=\"Berta\" reportsTo=\"a\"/>\n"
    "  <person id=\"d\" name=\"Dora\" reportsTo=\"b\"/>\n"
    "</staff>\n");
  g_autoptr(OrgmapProblems) problems = orgmap_problems_new ("duplicate");
  g_autoptr(OrgmapDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  /* Refused whole: which “b” is Dora's manager cannot be told */
  doc = orgmap_generic_import_file (path, NULL, ORGMAP_GENERIC_UNITS, NULL, NULL, problems, &error);
  g_assert_null (doc);
  g_assert_error (error, ORGMAP_IMPORT_ERROR, ORGMAP_IMPORT_ERROR_INVALID);
  g_assert_cmpuint (orgmap_problems_count (problems), ==, 1);
  assert_problem (problems, 4, 3, "b", "line 3");
}

static void
test_no_unit (void)
{
  g_autofree char *path = write_xml (
    "<?xml version=\"1.0\"?>\n"
    "<config>\n"
    "  <title>Settings</title>\n"
    "  <size>12</size>\n"
    "</config>\n");
  g_autoptr(OrgmapProblems) problems = orgmap_problems_new ("config");
  g_auto(OrgmapGenericMapping) m = { 0 };
  g_autoptr(OrgmapDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (orgmap_generic_detect (path, &m, problems, &error));
  g_assert_error (error, ORGMAP_IMPORT_ERROR, ORGMAP_IMPORT_ERROR_FORMAT);
  /* Says what it looked for, and what the file has instead */
  g_assert_nonnull (strstr (error->message, "<config>"));
  g_assert_nonnull (strstr (error->message, "ManagerID"));
  g_assert_null (m.unit);
  assert_problem (problems, 2, 0, NULL, "<config>");
  g_clear_error (&error);

  doc = orgmap_generic_import_file (path, NULL, ORGMAP_GENERIC_UNITS, NULL, NULL, NULL, &error);
  g_assert_null (doc);
  g_assert_error (error, ORGMAP_IMPORT_ERROR, ORGMAP_IMPORT_ERROR_FORMAT);
}

static void
test_not_xml (void)
{
  g_autofree char *path = write_xml ("<staff><person id=\"a\" name=\"Alma\"></staff>\n");
  g_autoptr(OrgmapProblems) problems = orgmap_problems_new ("broken");
  g_auto(OrgmapGenericMapping) m = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_false (orgmap_generic_detect (path, &m, problems, &error));
  g_assert_error (error, ORGMAP_IMPORT_ERROR, ORGMAP_IMPORT_ERROR_SYNTAX);
  assert_problem (problems, 1, 0, NULL, "<person>");
}

/* Changing the mapping */

static void
test_override (void)
{
  g_autofree char *path = corpus_file ("11_telerik_");
  g_auto(OrgmapGenericMapping) m = { 0 };
  g_autoptr(OrgmapDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  guint n_roots;

  if (path == NULL)
    return;
  g_assert_true (orgmap_generic_detect (path, &m, NULL, &error));

  /* Names that the file does not have: refused, saying which it has */
  g_assert_false (orgmap_generic_mapping_override (&m, "Person", NULL, NULL, NULL, &error));
  g_assert_error (error, ORGMAP_IMPORT_ERROR, ORGMAP_IMPORT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "Node"));
  g_clear_error (&error);
  g_assert_false (orgmap_generic_mapping_override (&m, NULL, NULL, "Surname", NULL, &error));
  g_assert_nonnull (strstr (error->message, "LastName"));
  g_clear_error (&error);
  g_assert_false (orgmap_generic_mapping_override (&m, NULL, NULL, NULL, "ManagerID", &error));
  g_clear_error (&error);
  g_assert_false (orgmap_generic_mapping_override (&m, NULL, NULL, NULL, "Email", &error));
  g_assert_nonnull (strstr (error->message, "id"));
  g_clear_error (&error);
  assert_field (&m.name[0], "FirstName", ORGMAP_GENERIC_ATTRIBUTE);
  assert_field (&m.name[1], "LastName", ORGMAP_GENERIC_ATTRIBUTE);
  g_assert_cmpint (m.parent_kind, ==, ORGMAP_GENERIC_PARENT_NESTING);

  /* Another name, and a flat list */
  g_assert_true (orgmap_generic_mapping_override (&m, NULL, "Email", "Position", "none", &error));
  g_assert_no_error (error);
  g_assert_true (explained (&m, "“Position”"));
  doc = orgmap_generic_import_file (path, &m, ORGMAP_GENERIC_UNITS, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (orgmap_document_get_unit (doc, 0)->name, ==, "CEO");
  g_assert_cmpstr (orgmap_document_get_unit (doc, 0)->id, ==, "afuller@contoso.com");
  orgmap_document_get_roots (doc, &n_roots);
  g_assert_cmpuint (n_roots, ==, 18);
  g_clear_object (&doc);

  /* Back to nesting; departments from another field */
  g_assert_true (orgmap_generic_mapping_override (&m, NULL, NULL, "FirstName+LastName", "nesting", &error));
  g_assert_true (orgmap_generic_mapping_set_department (&m, "Address", &error));
  g_assert_no_error (error);
  doc = orgmap_generic_import_file (path, &m, ORGMAP_GENERIC_DEPARTMENTS, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orgmap_document_get_n_units (doc), ==, 2);
  g_assert_cmpstr (parent_name (doc, "Berlin, Obere Str. 57"), ==, NULL);
  g_assert_cmpint (orgmap_document_get_unit (doc, find_by_name (doc, "London, 120 Hanover Sq."))->headcount, ==, 13);
}

static void
test_override_relation (void)
{
  g_autofree char *path = corpus_file ("18_ofbiz_");
  g_auto(OrgmapGenericMapping) m = { 0 };
  g_autoptr(OrgmapDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) units = NULL;

  if (path == NULL)
    return;
  g_assert_true (orgmap_generic_detect (path, &m, NULL, &error));
  units = orgmap_generic_mapping_list_units (&m);
  g_assert_cmpstr (units[0], ==, "EmplPosition");

  g_assert_false (orgmap_generic_mapping_override (&m, NULL, NULL, NULL,
                                                   "EmplPositionReportingStruct(emplPositionIdReportingTo,boss)",
                                                   &error));
  g_assert_nonnull (strstr (error->message, "emplPositionIdManagedBy"));
  g_clear_error (&error);

  /* The other way round */
  g_assert_true (orgmap_generic_mapping_override (&m, NULL, NULL, "emplPositionTypeId",
                                                  "EmplPositionReportingStruct(emplPositionIdReportingTo, emplPositionIdManagedBy)",
                                                  &error));
  g_assert_no_error (error);
  assert_field (&m.relation_child, "emplPositionIdReportingTo", ORGMAP_GENERIC_ATTRIBUTE);
  doc = orgmap_generic_import_file (path, &m, ORGMAP_GENERIC_UNITS, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (orgmap_document_get_unit (doc, orgmap_document_find_unit (doc, "DEMO_CFO"))->name, ==, "CFO");
  g_assert_cmpstr (parent_name (doc, "CFO"), ==, "DEPT_MGR");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/orgmap/model/generic/corpus/telerik/detect", test_telerik_detect);
  g_test_add_func ("/orgmap/model/generic/corpus/telerik/units", test_telerik_units);
  g_test_add_func ("/orgmap/model/generic/corpus/telerik/departments", test_telerik_departments);
  g_test_add_func ("/orgmap/model/generic/corpus/xalan", test_xalan);
  g_test_add_func ("/orgmap/model/generic/corpus/ofbiz/units", test_ofbiz);
  g_test_add_func ("/orgmap/model/generic/corpus/ofbiz/departments", test_ofbiz_departments);
  g_test_add_func ("/orgmap/model/generic/flat/attributes", test_flat_attributes);
  g_test_add_func ("/orgmap/model/generic/flat/departments", test_flat_departments);
  g_test_add_func ("/orgmap/model/generic/flat/parent-elements", test_parent_elements);
  g_test_add_func ("/orgmap/model/generic/bad/cycle", test_cycle);
  g_test_add_func ("/orgmap/model/generic/bad/dangling", test_dangling);
  g_test_add_func ("/orgmap/model/generic/bad/duplicate-id", test_duplicate_id);
  g_test_add_func ("/orgmap/model/generic/bad/no-unit", test_no_unit);
  g_test_add_func ("/orgmap/model/generic/bad/not-xml", test_not_xml);
  g_test_add_func ("/orgmap/model/generic/override/fields", test_override);
  g_test_add_func ("/orgmap/model/generic/override/relation", test_override_relation);

  return g_test_run ();
}

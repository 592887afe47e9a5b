/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

/* Runs orgmap-tool as a person would and checks what they would see: the
 * exit status, the messages, and the files left behind. */

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static const char *
tool_path (void)
{
  const char *path = g_getenv ("ORGMAP_TOOL");

  g_assert_nonnull (path);
  return path;
}

static void
run_tool (Run         *run,
          const char  *language,
          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) tool_path ());
  va_start (args, language);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", language != NULL ? language : "C", TRUE);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &run->status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (run->status));
  run->status = WEXITSTATUS (run->status);
}

static char *
example_path (void)
{
  return g_build_filename (g_getenv ("ORGMAP_SOURCE_DIR"), "resources", "example.orgmap.xml", NULL);
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_info_example (void)
{
  g_autofree char *example = example_path ();
  g_auto(Run) run = { 0 };

  run_tool (&run, NULL, "info", example, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Organisation: Industrias Ejemplo\n"));
  g_assert_nonnull (strstr (run.out, "Units: 26\n"));
  g_assert_nonnull (strstr (run.out, "External clients: 3\n"));
  /* The article's examples and the rest of the map, classified by the rule;
   * the one link set by hand counts as what it was set to. */
  g_assert_nonnull (strstr (run.out, "Links: 30 (vertical 8, horizontal 11, diagonal 7, external 4)\n"));
  g_assert_nonnull (strstr (run.out, "1 link has its type set by hand\n"));
  g_assert_nonnull (strstr (run.out, "Rounds: 2\n"));
  g_assert_nonnull (strstr (run.out, "over 28 rated links\n"));
  g_assert_nonnull (strstr (run.out, "over 29 rated links\n"));
}

static void
test_round_trip (void)
{
  g_autofree char *example = example_path ();
  g_autofree char *dir = g_dir_make_tmp ("orgmap-tool-XXXXXX", NULL);
  g_autofree char *doc = g_build_filename (dir, "example.orgmap", NULL);
  g_autofree char *xml = g_build_filename (dir, "example.xml", NULL);
  g_autofree char *doc2 = g_build_filename (dir, "again.orgmap", NULL);
  g_autofree char *xml2 = g_build_filename (dir, "again.xml", NULL);
  g_autofree char *sum1 = NULL;
  g_autofree char *sum2 = NULL;
  g_auto(Run) info1 = { 0 };
  g_auto(Run) info2 = { 0 };
  g_auto(Run) run = { 0 };

  run_tool (&run, NULL, "import", example, "-o", doc, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Imported 26 units and 30 links into example.orgmap"));
  run_clear (&run);

  run_tool (&run, NULL, "export", doc, "-o", xml, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  /* The exported file imports again, into the same document. */
  run_tool (&run, NULL, "import", xml, "-o", doc2, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  run_tool (&run, NULL, "export", doc2, "-o", xml2, NULL);
  g_assert_cmpint (run.status, ==, 0);

  sum1 = file_checksum (xml);
  sum2 = file_checksum (xml2);
  g_assert_nonnull (sum1);
  g_assert_cmpstr (sum1, ==, sum2);

  run_tool (&info1, NULL, "info", example, NULL);
  run_tool (&info2, NULL, "info", doc2, NULL);
  g_assert_cmpstr (info1.out, ==, info2.out);

  remove_tree (dir);
}

static void
test_no_overwrite (void)
{
  g_autofree char *example = example_path ();
  g_autofree char *dir = g_dir_make_tmp ("orgmap-tool-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "taken.orgmap", NULL);
  g_autofree char *xml = g_build_filename (dir, "taken.xml", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(Run) run = { 0 };

  g_assert_true (g_file_set_contents (out, "keep me", -1, NULL));
  g_assert_true (g_file_set_contents (xml, "keep me too", -1, NULL));
  before = file_checksum (out);

  run_tool (&run, NULL, "import", example, "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "taken.orgmap"));
  g_assert_nonnull (strstr (run.err, "--force"));
  after = file_checksum (out);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (count_entries (dir), ==, 2);
  run_clear (&run);

  run_tool (&run, NULL, "import", example, "-o", out, "--force", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_clear_pointer (&after, g_free);
  after = file_checksum (out);
  g_assert_cmpstr (before, !=, after);
  run_clear (&run);

  run_tool (&run, NULL, "export", out, "-o", xml, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpuint (count_entries (dir), ==, 2);

  remove_tree (dir);
}

static void
test_usage (void)
{
  g_autofree char *example = example_path ();
  struct {
    const char *args[4];
    const char *message;
  } cases[] = {
    { { NULL }, "No command given" },
    { { "frobnicate", NULL }, "Unknown command “frobnicate”" },
    { { "import", example, NULL }, "No output file given" },
    { { "import", NULL }, "No input file given" },
    { { "info", example, example, NULL }, "Give exactly one input file" },
    { { "export", "--bogus", NULL }, "--bogus" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      run_tool (&run, NULL, cases[i].args[0], cases[i].args[1], cases[i].args[2], cases[i].args[3], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_nonnull (strstr (run.err, cases[i].message));
    }
}

/* Every file under tests/data/bad: refused by validate, info and import
 * with exit status 1 and a message naming the file, and nothing written. */
static void
test_bad_inputs (void)
{
  g_autofree char *bad_dir = g_test_build_filename (G_TEST_DIST, "data", "bad", NULL);
  g_autoptr(GDir) d = g_dir_open (bad_dir, 0, NULL);
  g_autofree char *out_dir = g_dir_make_tmp ("orgmap-tool-XXXXXX", NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (bad_dir, name, NULL);
      g_autofree char *out = g_build_filename (out_dir, "out.orgmap", NULL);
      g_autofree char *before = file_checksum (path);
      g_autofree char *after = NULL;
      g_auto(Run) validate = { 0 };
      g_auto(Run) info = { 0 };
      g_auto(Run) import = { 0 };

      g_test_message ("%s", name);

      /* A GraphML file: wrong for the native format, imported as GraphML */
      if (g_str_equal (name, "wrong-root.xml"))
        {
          run_tool (&import, NULL, "import", path, "-o", out, NULL);
          g_assert_cmpint (import.status, ==, 0);
          g_assert_nonnull (strstr (import.out, "Format: GraphML\n"));
          g_assert_nonnull (strstr (import.out, "Imported 1 unit and 0 links into out.orgmap"));
          g_assert_cmpint (g_unlink (out), ==, 0);
          continue;
        }

      run_tool (&validate, NULL, "validate", path, NULL);
      g_assert_cmpint (validate.status, ==, 1);
      g_assert_nonnull (strstr (validate.out, name));

      run_tool (&info, NULL, "info", path, NULL);
      g_assert_cmpint (info.status, ==, 1);
      g_assert_nonnull (strstr (info.err, name));

      run_tool (&import, NULL, "import", path, "-o", out, NULL);
      g_assert_cmpint (import.status, ==, 1);
      g_assert_nonnull (strstr (import.err, name));
      g_assert_cmpuint (count_entries (out_dir), ==, 0);

      after = file_checksum (path);
      g_assert_cmpstr (before, ==, after);
      n++;
    }
  g_assert_cmpuint (n, >=, 10);

  remove_tree (out_dir);
}

/* Damaged and foreign documents: refused with a message naming the file,
 * left byte for byte as they were, nothing written. */
static void
test_bad_documents (void)
{
  g_autofree char *example = example_path ();
  g_autofree char *dir = g_dir_make_tmp ("orgmap-tool-XXXXXX", NULL);
  g_autofree char *good = g_build_filename (dir, "good.orgmap", NULL);
  g_autofree char *out_dir = g_build_filename (dir, "out", NULL);
  g_autofree char *out = g_build_filename (out_dir, "out.xml", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  const char *names[] = { "truncated.orgmap", "random.orgmap", "newer.orgmap", "foreign.orgmap" };
  char random_bytes[8192];
  gsize len;
  sqlite3 *db;
  g_auto(Run) run = { 0 };

  g_assert_cmpint (g_mkdir (out_dir, 0755), ==, 0);
  run_tool (&run, NULL, "import", example, "-o", good, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (good, &contents, &len, NULL));

  for (guint i = 0; i < sizeof random_bytes; i++)
    random_bytes[i] = (char) g_rand_int_range (rand, 0, 256);
  /* Keep SQLite's magic so that the file reads as a damaged database. */
  memcpy (random_bytes, "SQLite format 3", 16);

  {
    g_autofree char *truncated = g_build_filename (dir, names[0], NULL);
    g_autofree char *random_path = g_build_filename (dir, names[1], NULL);
    g_autofree char *newer = g_build_filename (dir, names[2], NULL);
    g_autofree char *foreign = g_build_filename (dir, names[3], NULL);

    g_assert_true (g_file_set_contents (truncated, contents, len / 2, NULL));
    g_assert_true (g_file_set_contents (random_path, random_bytes, sizeof random_bytes, NULL));
    g_assert_true (g_file_set_contents (newer, contents, len, NULL));
    g_assert_cmpint (sqlite3_open (newer, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
    g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('x')",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autofree char *before = file_checksum (path);
      g_autofree char *after = NULL;
      g_auto(Run) validate = { 0 };
      g_auto(Run) export = { 0 };

      g_test_message ("%s", names[i]);
      run_tool (&validate, NULL, "validate", path, NULL);
      g_assert_cmpint (validate.status, ==, 1);
      g_assert_nonnull (strstr (validate.out, names[i]));

      run_tool (&export, NULL, "export", path, "-o", out, NULL);
      g_assert_cmpint (export.status, ==, 1);
      g_assert_nonnull (strstr (export.err, names[i]));
      g_assert_cmpuint (count_entries (out_dir), ==, 0);

      after = file_checksum (path);
      g_assert_cmpstr (before, ==, after);
    }

  /* A newer document says so. */
  {
    g_autofree char *newer = g_build_filename (dir, names[2], NULL);
    g_auto(Run) info = { 0 };

    run_tool (&info, NULL, "info", newer, NULL);
    g_assert_cmpint (info.status, ==, 1);
    g_assert_nonnull (strstr (info.err, "newer"));
  }

  remove_tree (dir);
}

static void
test_not_a_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("orgmap-tool-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.xml", NULL);
  g_autofree char *out = g_build_filename (dir, "out.orgmap", NULL);
  g_auto(Run) run = { 0 };

  run_tool (&run, NULL, "import", dir, "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "folder"));
  run_clear (&run);

  run_tool (&run, NULL, "validate", missing, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "missing.xml"));
  g_assert_cmpuint (count_entries (dir), ==, 0);

  remove_tree (dir);
}

/* Org charts drawn with draw.io: any page, the first by default, and a
 * report of what became of the drawing. */
static const char two_pages[] =
  "<mxfile host=\"test\">\n"
  "  <diagram id=\"a\" name=\"Sales\"><mxGraphModel><root><mxCell id=\"0\"/><mxCell id=\"1\" parent=\"0\"/>\n"
  "    <mxCell id=\"s\" value=\"Sales\" vertex=\"1\" parent=\"1\"/>\n"
  "    <mxCell id=\"n\" value=\"North\" vertex=\"1\" parent=\"1\"/>\n"
  "    <mxCell id=\"e\" edge=\"1\" source=\"s\" target=\"n\" parent=\"1\"/>\n"
  "  </root></mxGraphModel></diagram>\n"
  "  <diagram id=\"b\" name=\"Plant\"><mxGraphModel><root><mxCell id=\"0\"/><mxCell id=\"1\" parent=\"0\"/>\n"
  "    <mxCell id=\"p\" value=\"Plant\" vertex=\"1\" parent=\"1\"/>\n"
  "    <mxCell id=\"l1\" value=\"Line 1\" vertex=\"1\" parent=\"1\"/>\n"
  "    <mxCell id=\"l2\" value=\"Line 2\" vertex=\"1\" parent=\"1\"/>\n"
  "    <mxCell id=\"dot\" value=\"\" style=\"ellipse;\" vertex=\"1\" parent=\"1\"/>\n"
  "    <mxCell id=\"e1\" edge=\"1\" source=\"p\" target=\"l1\" parent=\"1\"/>\n"
  "    <mxCell id=\"e2\" edge=\"1\" source=\"p\" target=\"l2\" parent=\"1\"/>\n"
  "  </root></mxGraphModel></diagram>\n"
  "</mxfile>\n";

static void
test_import_pages (void)
{
  g_autofree char *dir = g_dir_make_tmp ("orgmap-tool-XXXXXX", NULL);
  g_autofree char *drawio = g_build_filename (dir, "org.drawio", NULL);
  g_autofree char *graphml = g_build_filename (dir, "org.graphml", NULL);
  g_autofree char *first = g_build_filename (dir, "first.orgmap", NULL);
  g_autofree char *second = g_build_filename (dir, "second.orgmap", NULL);
  g_autofree char *none = g_build_filename (dir, "none.orgmap", NULL);
  g_auto(Run) run = { 0 };

  g_assert_true (g_file_set_contents (drawio, two_pages, -1, NULL));
  g_assert_true (g_file_set_contents (graphml, "<graphml><graph><node id=\"a\"/></graph></graphml>", -1, NULL));

  /* The first page by default; the report lists the others */
  run_tool (&run, NULL, "import", drawio, "-o", first, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Format: draw.io, page 1 of 2 (“Sales”)\n"));
  g_assert_nonnull (strstr (run.out, "Pages: 1 “Sales”, 2 “Plant”\n"));
  g_assert_nonnull (strstr (run.out, "Units: 2\n"));
  g_assert_nonnull (strstr (run.out, "Imported 2 units and 0 links into first.orgmap\n"));
  run_clear (&run);

  run_tool (&run, NULL, "import", drawio, "--page", "2", "-o", second, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Format: draw.io, page 2 of 2 (“Plant”)\n"));
  g_assert_nonnull (strstr (run.out, "Units placed by edges: 2\n"));
  g_assert_nonnull (strstr (run.out, "Decorative shapes left out: 1\n"));
  g_assert_nonnull (strstr (run.out, "Imported 3 units and 0 links into second.orgmap\n"));
  run_clear (&run);

  /* What was imported is what is in the document */
  run_tool (&run, NULL, "info", second, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Organisation: org (Plant)\n"));
  g_assert_nonnull (strstr (run.out, "Units: 3\n"));
  run_clear (&run);

  /* No such page: bad input, nothing written */
  run_tool (&run, NULL, "import", drawio, "--page", "3", "-o", none, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "org.drawio: The file has 2 pages; there is no page 3\n"));
  g_assert_false (g_file_test (none, G_FILE_TEST_EXISTS));
  run_clear (&run);

  /* Pages count from 1, and only draw.io files have them */
  run_tool (&run, NULL, "import", drawio, "--page", "0", "-o", none, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "The page must be 1 or more"));
  run_clear (&run);
  run_tool (&run, NULL, "import", graphml, "--page", "2", "-o", none, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--page applies to draw.io files only, and “org.graphml” is GraphML"));
  g_assert_false (g_file_test (none, G_FILE_TEST_EXISTS));

  remove_tree (dir);
}

/* The report of a GraphML import: counts, then each thing the import
 * worked around, with its location; a file it cannot import leaves
 * nothing behind. */
static void
test_import_report (void)
{
  g_autofree char *dir = g_dir_make_tmp ("orgmap-tool-XXXXXX", NULL);
  g_autofree char *good = g_build_filename (dir, "report.graphml", NULL);
  g_autofree char *bad = g_build_filename (dir, "dup.graphml", NULL);
  g_autofree char *out = g_build_filename (dir, "report.orgmap", NULL);
  g_autofree char *none = g_build_filename (dir, "none.orgmap", NULL);
  const char *imported;
  g_auto(Run) run = { 0 };

  g_assert_true (g_file_set_contents (good,
                                      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
                                      "  <key id=\"n\" for=\"node\" attr.name=\"label\"/>\n"
                                      "  <graph edgedefault=\"directed\">\n"
                                      "    <node id=\"dir\"><data key=\"n\">Dirección</data></node>\n"
                                      "    <node id=\"fin\"><data key=\"n\">Finanzas</data></node>\n"
                                      "    <node id=\"it\"><data key=\"n\">Sistemas</data></node>\n"
                                      "    <edge source=\"dir\" target=\"fin\"/>\n"
                                      "    <edge source=\"dir\" target=\"it\"/>\n"
                                      "    <edge source=\"fin\" target=\"it\"/>\n"
                                      "    <edge source=\"it\" target=\"nowhere\"/>\n"
                                      "  </graph>\n"
                                      "</graphml>\n", -1, NULL));
  g_assert_true (g_file_set_contents (bad,
                                      "<graphml>\n"
                                      "  <graph>\n"
                                      "    <node id=\"a\"/>\n"
                                      "    <node id=\"a\"/>\n"
                                      "  </graph>\n"
                                      "</graphml>\n", -1, NULL));

  run_tool (&run, NULL, "import", good, "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Format: GraphML\n"));
  g_assert_nonnull (strstr (run.out, "Units: 3\n"));
  g_assert_nonnull (strstr (run.out, "Units placed by edges: 2\n"));
  g_assert_nonnull (strstr (run.out, "Links from edges that could not be lines of command: 1\n"));
  g_assert_nonnull (strstr (run.out, "Edges left out: 1\n"));
  g_assert_nonnull (strstr (run.out, "report.graphml:9:5: The edge from “Finanzas” would give “Sistemas” a second "
                                     "parent after “Dirección”; it became a link instead\n"));
  g_assert_nonnull (strstr (run.out, "report.graphml:10:5: An edge leads to “nowhere”, which is not a node; "
                                     "it was left out\n"));
  /* The report comes first, the result last */
  imported = strstr (run.out, "Imported 3 units and 1 link into report.orgmap\n");
  g_assert_nonnull (imported);
  g_assert_cmpstr (imported + strlen (imported) - strlen ("report.orgmap\n"), ==, "report.orgmap\n");
  run_clear (&run);

  run_tool (&run, NULL, "import", bad, "-o", none, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "dup.graphml:4:5: The id “a” is already used by the node on line 3\n"));
  g_assert_nonnull (strstr (run.err, "orgmap-tool: “dup.graphml” has 1 problem\n"));
  g_assert_false (g_file_test (none, G_FILE_TEST_EXISTS));

  remove_tree (dir);
}

/* The XML an HR system writes: the mapping is found and explained, the
 * people become their departments unless asked otherwise, and a wrong
 * override says what the records do have. */
static void
test_import_generic (void)
{
  g_autofree char *dir = g_dir_make_tmp ("orgmap-tool-XXXXXX", NULL);
  g_autofree char *staff = g_build_filename (dir, "staff.xml", NULL);
  g_autofree char *out = g_build_filename (dir, "staff.orgmap", NULL);
  g_autofree char *none = g_build_filename (dir, "none.orgmap", NULL);
  g_autofree char *example = example_path ();
  g_auto(Run) run = { 0 };

  g_assert_true (g_file_set_contents (staff,
                                      "<Staff>\n"
                                      "  <Employee EmpID=\"1\" Name=\"Ana Ruiz\" Department=\"Dirección\"/>\n"
                                      "  <Employee EmpID=\"2\" Name=\"Luis Gil\" ManagerID=\"1\" Department=\"Finanzas\"/>\n"
                                      "  <Employee EmpID=\"3\" Name=\"Eva Sanz\" ManagerID=\"2\" Department=\"Finanzas\"/>\n"
                                      "  <Employee EmpID=\"4\" Name=\"Juan Roca\" ManagerID=\"1\" Department=\"Sistemas\"/>\n"
                                      "  <Employee EmpID=\"5\" Name=\"Rosa Vidal\" ManagerID=\"4\" Department=\"Sistemas\"/>\n"
                                      "</Staff>\n", -1, NULL));

  /* --explain alone says how the file is read, and writes nothing. */
  run_tool (&run, NULL, "import", "--explain", staff, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Units: the <Employee> elements (5 in the file, whose root element is <Staff>)"));
  g_assert_nonnull (strstr (run.out, "Id: the attribute “EmpID”"));
  g_assert_nonnull (strstr (run.out, "Name: the attribute “Name”"));
  g_assert_nonnull (strstr (run.out, "the attribute “ManagerID”"));
  g_assert_nonnull (strstr (run.out, "Department: the attribute “Department” (3 departments)"));
  g_assert_cmpuint (count_entries (dir), ==, 1);
  run_clear (&run);

  /* By default: the chart of their departments. */
  run_tool (&run, NULL, "import", staff, "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Format: XML\n"));
  g_assert_nonnull (strstr (run.out, "Records: 5 people in 3 departments\n"));
  g_assert_nonnull (strstr (run.out, "Imported 3 units and 0 links into staff.orgmap\n"));
  run_clear (&run);

  /* --people keeps the people. */
  run_tool (&run, NULL, "import", "--people", "--force", staff, "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Records: 5, each a unit\n"));
  g_assert_nonnull (strstr (run.out, "Imported 5 units and 0 links into staff.orgmap\n"));
  run_clear (&run);

  /* A field the records do not have: the message lists those they have. */
  run_tool (&run, NULL, "import", "--name", "FullName", staff, "-o", none, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "“FullName”"));
  g_assert_nonnull (strstr (run.err, "EmpID, Name, Department, ManagerID"));
  g_assert_false (g_file_test (none, G_FILE_TEST_EXISTS));
  run_clear (&run);

  /* The options of generic XML on another kind of file. */
  run_tool (&run, NULL, "import", "--explain", example, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "apply to generic XML files only"));

  remove_tree (dir);
}

static void
test_render (void)
{
  g_autofree char *example = example_path ();
  g_autofree char *dir = g_dir_make_tmp ("orgmap-tool-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "map.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "map.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "map.pdf", NULL);
  g_autofree char *txt = g_build_filename (dir, "map.txt", NULL);
  g_autofree char *contents = NULL;
  gsize len;
  g_auto(Run) run = { 0 };

  run_tool (&run, NULL, "render", example, "-o", png, "--width", "800", "--round", "s1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (png, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 24);
  g_assert_true (memcmp (contents, "\x89PNG", 4) == 0);
  /* The IHDR chunk holds the width, big-endian. */
  g_assert_cmpuint (((guchar) contents[16] << 24 | (guchar) contents[17] << 16 |
                     (guchar) contents[18] << 8 | (guchar) contents[19]), ==, 800);
  g_clear_pointer (&contents, g_free);
  run_clear (&run);

  run_tool (&run, NULL, "render", example, "-o", svg, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_clear_pointer (&contents, g_free);
  run_clear (&run);

  run_tool (&run, NULL, "render", example, "-o", pdf, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  run_clear (&run);

  /* An unknown round is bad input; an unknown picture type bad usage. */
  run_tool (&run, NULL, "render", example, "-o", png, "--force", "--round", "nope", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "“nope”"));
  run_clear (&run);
  run_tool (&run, NULL, "render", example, "-o", txt, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, ".png, .svg or .pdf"));
  g_assert_false (g_file_test (txt, G_FILE_TEST_EXISTS));

  remove_tree (dir);
}

/* Without a display, the window says so and shows how to draw the map
 * into a picture instead. */
static void
test_no_display (void)
{
  const char *argv[] = { g_getenv ("ORGMAP_APP"), NULL };
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_nonnull (argv[0]);
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_setenv (envp, "LANGUAGE", "C", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  g_assert_nonnull (strstr (err, "needs a graphical display"));
  g_assert_nonnull (strstr (err, "orgmap-tool render FILE -o map.png"));
}

static void
test_spanish (void)
{
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "data", "bad", "duplicate-id.xml", NULL);
  g_autofree char *example = example_path ();
  g_auto(Run) run = { 0 };
  g_auto(Run) info = { 0 };

  run_tool (&run, "es", "validate", bad, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "duplicate-id.xml"));
  g_assert_nonnull (strstr (run.out, "problema"));

  run_tool (&info, "es", "info", example, NULL);
  g_assert_cmpint (info.status, ==, 0);
  g_assert_nonnull (strstr (info.out, "Organización: Industrias Ejemplo\n"));
  g_assert_nonnull (strstr (info.out, "Clientes externos: 3\n"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/orgmap/tool/info/example", test_info_example);
  g_test_add_func ("/orgmap/tool/round-trip", test_round_trip);
  g_test_add_func ("/orgmap/tool/no-overwrite", test_no_overwrite);
  g_test_add_func ("/orgmap/tool/usage", test_usage);
  g_test_add_func ("/orgmap/tool/bad-inputs", test_bad_inputs);
  g_test_add_func ("/orgmap/tool/not-a-file", test_not_a_file);
  g_test_add_func ("/orgmap/tool/bad-documents", test_bad_documents);
  g_test_add_func ("/orgmap/tool/import/pages", test_import_pages);
  g_test_add_func ("/orgmap/tool/import/report", test_import_report);
  g_test_add_func ("/orgmap/tool/import/generic", test_import_generic);
  g_test_add_func ("/orgmap/tool/render", test_render);
  g_test_add_func ("/orgmap/tool/spanish", test_spanish);
  g_test_add_func ("/orgmap/tool/no-display", test_no_display);

  return g_test_run ();
}

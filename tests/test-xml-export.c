/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "orgmap-document.h"
#include "orgmap-error.h"
#include "orgmap-xml-export.h"
#include "orgmap-xml-import.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

/* Helpers */

static char *
export_to_string (OrgmapDocument *doc,
                  GError        **error)
{
  char *data = NULL;
  size_t len = 0;
  FILE *stream = open_memstream (&data, &len);
  gboolean ok;

  g_assert_nonnull (stream);
  ok = orgmap_xml_write (doc, stream, error);
  g_assert_cmpint (fclose (stream), ==, 0);
  if (!ok)
    {
      g_free (data);
      return NULL;
    }
  g_assert_cmpuint (strlen (data), ==, len);
  return data;
}

static char *
export_ok (OrgmapDocument *doc)
{
  g_autoptr(GError) error = NULL;
  char *data = export_to_string (doc, &error);

  g_assert_no_error (error);
  g_assert_nonnull (data);
  return data;
}

/* Parses as any XML tool would: no network, no huge-document allowance. */
static xmlDoc *
parse (const char *data)
{
  xmlDoc *xml = xmlReadMemory (data, (int) strlen (data), "export.orgmap.xml", "UTF-8",
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);

  g_assert_nonnull (xml);
  return xml;
}

static char *
get_prop (xmlNode    *node,
          const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

/* The first element named @name in document order. */
static xmlNode *
find_element (xmlNode    *node,
              const char *name)
{
  while (node != NULL)
    {
      if (node->type == XML_ELEMENT_NODE && xmlStrEqual (node->name, (const xmlChar *) name))
        return node;
      if (node->children != NULL)
        node = node->children;
      else
        {
          while (node != NULL && node->next == NULL)
            node = node->parent;
          if (node != NULL)
            node = node->next;
        }
    }
  return NULL;
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("orgmap-export-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static guint
count_files (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
remove_dir (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir_path), ==, 0);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

/* RELAX NG validation, with the line of the first complaint. */

typedef struct
{
  int   line;
  char *message;
} SchemaError;

static void
on_schema_error (void        *data,
                 xmlErrorPtr  error)
{
  SchemaError *first = data;

  if (first->message == NULL)
    {
      first->line = error->line;
      first->message = g_strdup (error->message != NULL ? error->message : "");
    }
}

static void
ignore_error (void        *data,
              xmlErrorPtr  error)
{
}

static xmlRelaxNG *
load_schema (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "resources", "orgmap.rng",
                                                 NULL);
  /* From memory: once the importer has run, libxml2 loads no file itself. */
  g_autofree char *data = read_file (path);
  xmlRelaxNGParserCtxt *parser = xmlRelaxNGNewMemParserCtxt (data, (int) strlen (data));
  xmlRelaxNG *schema;

  g_assert_nonnull (parser);
  schema = xmlRelaxNGParse (parser);
  xmlRelaxNGFreeParserCtxt (parser);
  g_assert_nonnull (schema);
  return schema;
}

/* TRUE when @data is valid; else *line is where the validator complains. */
static gboolean
schema_validate (const char *data,
                 int        *line)
{
  xmlRelaxNG *schema = load_schema ();
  xmlRelaxNGValidCtxt *ctxt = xmlRelaxNGNewValidCtxt (schema);
  SchemaError first = { 0, NULL };
  g_autoptr(xmlDoc) xml = parse (data);
  int result;

  xmlRelaxNGSetValidStructuredErrors (ctxt, on_schema_error, &first);
  result = xmlRelaxNGValidateDoc (ctxt, xml);
  xmlRelaxNGFreeValidCtxt (ctxt);
  xmlRelaxNGFree (schema);

  if (result != 0)
    g_test_message ("schema: line %d: %s", first.line, first.message);
  if (line != NULL)
    *line = first.line;
  g_free (first.message);
  g_assert_cmpint (result, >=, 0);
  return result == 0;
}

/* A small organisation with every kind of item and optional attribute. */
static OrgmapDocument *
build_small (void)
{
  OrgmapDocument *doc = orgmap_document_new ();
  guint32 dir, fin, rrhh, mkt, legal, retail, q1, q2, l1, l2, l3, r, reliability, speed;

  orgmap_document_set_name (doc, "Acme");
  dir = orgmap_document_add_unit (doc, "dir", "Dirección General", ORGMAP_NONE);
  fin = orgmap_document_add_unit (doc, "fin", "Finanzas", dir);
  orgmap_document_set_unit_head (doc, fin, "Ana Ruiz");
  orgmap_document_set_unit_headcount (doc, fin, 12);
  orgmap_document_set_unit_area (doc, fin, "Administración");
  orgmap_document_set_unit_level (doc, fin, 2);
  rrhh = orgmap_document_add_unit (doc, "rrhh", "Recursos Humanos", fin);
  mkt = orgmap_document_add_unit (doc, "mkt", "Marketing", dir);
  orgmap_document_set_unit_notes (doc, mkt, "Incluye comunicación");
  /* A second root, added before the last child of the first one. */
  orgmap_document_add_unit (doc, "board", "Consejo", ORGMAP_NONE);
  legal = orgmap_document_add_unit (doc, "legal", "Asesoría Jurídica", dir);

  retail = orgmap_document_add_external (doc, "retail", "Clientes minoristas");
  orgmap_document_set_external_notes (doc, retail, "Compran en tienda");
  q1 = orgmap_document_add_round (doc, "q1", "Encuesta Q1", "2026-03-31");
  q2 = orgmap_document_add_round (doc, "q2", "Encuesta Q2", NULL);

  l1 = orgmap_document_add_link (doc, "l1", rrhh, fin, "Datos de empleados");
  r = orgmap_document_set_rating (doc, l1, q1, 3.5, 8, "Llegan tarde", NULL);
  g_assert_cmpuint (r, !=, ORGMAP_NONE);
  reliability = orgmap_document_find_dimension (doc, "reliability");
  g_assert_true (orgmap_document_set_rating_dimension (doc, r, reliability, 3, NULL));
  speed = orgmap_document_add_dimension (doc, "speed");
  g_assert_true (orgmap_document_set_rating_dimension (doc, r, speed, 4.25, NULL));
  g_assert_cmpuint (orgmap_document_set_rating (doc, l1, q2, 4, -1, NULL, NULL), !=, ORGMAP_NONE);

  l2 = orgmap_document_add_link (doc, "l2", mkt, ORGMAP_EXTERNAL_HANDLE (retail), NULL);
  orgmap_document_set_link_notes (doc, l2, "Campañas");
  l3 = orgmap_document_add_link (doc, "l3", legal, rrhh, "Contratos");
  orgmap_document_set_link_type_override (doc, l3, ORGMAP_LINK_DIAGONAL);

  return doc;
}

static const char small_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<orgmap version=\"1\" name=\"Acme\" scale-min=\"1\" scale-max=\"5\">\n"
  "  <unit id=\"dir\" name=\"Dirección General\">\n"
  "    <unit id=\"fin\" name=\"Finanzas\" head=\"Ana Ruiz\" headcount=\"12\" area=\"Administración\" level=\"2\">\n"
  "      <unit id=\"rrhh\" name=\"Recursos Humanos\"/>\n"
  "    </unit>\n"
  "    <unit id=\"mkt\" name=\"Marketing\" notes=\"Incluye comunicación\"/>\n"
  "    <unit id=\"legal\" name=\"Asesoría Jurídica\"/>\n"
  "  </unit>\n"
  "  <unit id=\"board\" name=\"Consejo\"/>\n"
  "  <external id=\"retail\" name=\"Clientes minoristas\" notes=\"Compran en tienda\"/>\n"
  "  <round id=\"q1\" name=\"Encuesta Q1\" date=\"2026-03-31\"/>\n"
  "  <round id=\"q2\" name=\"Encuesta Q2\"/>\n"
  "  <link id=\"l1\" provider=\"rrhh\" client=\"fin\" service=\"Datos de empleados\">\n"
  "    <rating round=\"q1\" score=\"3.5\" respondents=\"8\" comment=\"Llegan tarde\">\n"
  "      <dimension name=\"reliability\" score=\"3\"/>\n"
  "      <dimension name=\"speed\" score=\"4.25\"/>\n"
  "    </rating>\n"
  "    <rating round=\"q2\" score=\"4\"/>\n"
  "  </link>\n"
  "  <link id=\"l2\" provider=\"mkt\" client=\"retail\" notes=\"Campañas\"/>\n"
  "  <link id=\"l3\" provider=\"legal\" client=\"rrhh\" service=\"Contratos\" type=\"diagonal\"/>\n"
  "</orgmap>\n";

/* Output */

static void
test_small (void)
{
  g_autoptr(OrgmapDocument) doc = build_small ();
  g_autofree char *data = export_ok (doc);

  g_assert_cmpstr (data, ==, small_xml);
}

static void
test_empty (void)
{
  g_autoptr(OrgmapDocument) doc = orgmap_document_new ();
  g_autofree char *data = export_ok (doc);

  g_assert_cmpstr (data, ==,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<orgmap version=\"1\" name=\"\" scale-min=\"1\" scale-max=\"5\">\n"
                   "</orgmap>\n");
  g_assert_true (schema_validate (data, NULL));
}

static void
test_escaping (void)
{
  g_autoptr(OrgmapDocument) doc = orgmap_document_new ();
  static const char name[] = "I+D & \"Innovación\" <nueva> 'sede' Ñandú 😀";
  static const char notes[] = "line 1\nline 2\r\n\tindented  twice";
  guint32 unit;
  g_autofree char *data = NULL;
  g_autofree char *read_name = NULL;
  g_autofree char *read_notes = NULL;
  g_autoptr(xmlDoc) xml = NULL;
  xmlNode *node;

  orgmap_document_set_name (doc, "A&B");
  unit = orgmap_document_add_unit (doc, "i<d>", name, ORGMAP_NONE);
  orgmap_document_set_unit_notes (doc, unit, notes);
  data = export_ok (doc);

  g_assert_nonnull (strstr (data, " name=\"A&amp;B\""));
  g_assert_nonnull (strstr (data,
                            "  <unit id=\"i&lt;d&gt;\" "
                            "name=\"I+D &amp; &quot;Innovación&quot; &lt;nueva&gt; 'sede' Ñandú 😀\" "
                            "notes=\"line 1&#10;line 2&#13;&#10;&#9;indented  twice\"/>\n"));

  /* An XML parser gives back exactly the original text: the newlines and
   * tab survive attribute-value normalisation. */
  xml = parse (data);
  node = find_element (xmlDocGetRootElement (xml), "unit");
  g_assert_nonnull (node);
  read_name = get_prop (node, "name");
  read_notes = get_prop (node, "notes");
  g_assert_cmpstr (read_name, ==, name);
  g_assert_cmpstr (read_notes, ==, notes);
  g_assert_true (schema_validate (data, NULL));
}

static void
test_unstorable_text (void)
{
  struct
  {
    const char *what;
    const char *expect1;
    const char *expect2;
  } cases[] = {
    { "unit-notes", "“fin”", "“notes”" },
    { "link-service", "“l1”", "“service”" },
    { "rating-comment", "“l1”", "“comment”" },
    { "dimension", "“spe?ed”", "dimension" },
    { "external-name", "“retail”", "“name”" },
    { "map-name", "“Acme?”", "map" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(OrgmapDocument) doc = build_small ();
      g_autoptr(GError) error = NULL;
      g_autofree char *data = NULL;

      g_test_message ("case %s", cases[i].what);
      if (i == 0)
        orgmap_document_set_unit_notes (doc, orgmap_document_find_unit (doc, "fin"), "bell\a");
      else if (i == 1)
        orgmap_document_set_link_service (doc, 0, "Datos \xff\xfe rotos");
      else if (i == 2)
        g_assert_cmpuint (orgmap_document_set_rating (doc, 0, 0, 3.5, 8, "\xc3", NULL),
                          !=, ORGMAP_NONE);
      else if (i == 3)
        {
          guint32 dim = orgmap_document_add_dimension (doc, "spe\x01" "ed");

          g_assert_true (orgmap_document_set_rating_dimension (doc, 0, dim, 2, NULL));
        }
      else if (i == 4)
        orgmap_document_set_external_name (doc, 0, "Clientes\x1b");
      else
        orgmap_document_set_name (doc, "Acme\x0b");

      data = export_to_string (doc, &error);
      g_assert_null (data);
      g_assert_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_nonnull (strstr (error->message, cases[i].expect1));
      g_assert_nonnull (strstr (error->message, cases[i].expect2));
    }
}

/* Numbers */

typedef struct
{
  double      value;
  const char *text;
} Number;

static const Number numbers[] = {
  { 3.5, "3.5" },
  { 4, "4" },
  { 0.1, "0.1" },
  { 2.675, "2.675" },
  { 1.0 / 3.0, "0.3333333333333333" },
  { 0.1 + 0.2, "0.30000000000000004" },
  { 4.000000000000001, "4.000000000000001" },
  { 1.5e-7, "0.00000015" },
  { 1.2345678901234568e20, "123456789012345680000" },
};

static void
check_numbers (void)
{
  g_autoptr(OrgmapDocument) doc = orgmap_document_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *scale_min = NULL;
  g_autofree char *scale_max = NULL;
  g_autoptr(xmlDoc) xml = NULL;
  guint32 a, b, link, round;
  xmlNode *node;
  guint i = 0;

  g_assert_true (orgmap_document_set_scale (doc, 1e-7, 1e21, &error));
  g_assert_no_error (error);
  a = orgmap_document_add_unit (doc, "a", "A", ORGMAP_NONE);
  b = orgmap_document_add_unit (doc, "b", "B", a);
  link = orgmap_document_add_link (doc, "l", a, b, NULL);
  for (i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autofree char *id = g_strdup_printf ("r%u", i);

      round = orgmap_document_add_round (doc, id, id, NULL);
      g_assert_cmpuint (orgmap_document_set_rating (doc, link, round, numbers[i].value, -1, NULL,
                                                    NULL), !=, ORGMAP_NONE);
    }
  data = export_ok (doc);

  g_assert_nonnull (strstr (data, " scale-min=\"0.0000001\" scale-max=\"1000000000000000000000\""));
  xml = parse (data);
  scale_min = get_prop (xmlDocGetRootElement (xml), "scale-min");
  scale_max = get_prop (xmlDocGetRootElement (xml), "scale-max");
  g_assert_cmpfloat (g_ascii_strtod (scale_min, NULL), ==, 1e-7);
  g_assert_cmpfloat (g_ascii_strtod (scale_max, NULL), ==, 1e21);

  i = 0;
  for (node = find_element (xmlDocGetRootElement (xml), "rating"); node != NULL; node = node->next)
    {
      g_autofree char *score = NULL;

      if (node->type != XML_ELEMENT_NODE)
        continue;
      g_assert_cmpuint (i, <, G_N_ELEMENTS (numbers));
      score = get_prop (node, "score");
      g_assert_cmpstr (score, ==, numbers[i].text);
      g_assert_cmpfloat (g_ascii_strtod (score, NULL), ==, numbers[i].value);
      i++;
    }
  g_assert_cmpuint (i, ==, G_N_ELEMENTS (numbers));
  g_assert_true (schema_validate (data, NULL));
}

static void
test_numbers (void)
{
  check_numbers ();
}

/* The user's locale must not change the file: under a locale that writes
 * 3,5 the scores are still written 3.5. */
static void
test_numbers_locale (void)
{
  static const char * const candidates[] = {
    "es_ES.UTF-8", "es_ES.utf8", "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8",
    "pt_BR.UTF-8", "it_IT.UTF-8", "ru_RU.UTF-8",
  };
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  const char *found = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (candidates) && found == NULL; i++)
    {
      if (setlocale (LC_ALL, candidates[i]) != NULL &&
          strcmp (localeconv ()->decimal_point, ",") == 0)
        found = candidates[i];
    }

  if (found != NULL)
    {
      char buf[16];

      g_test_message ("checking numbers under %s", found);
      g_snprintf (buf, sizeof buf, "%g", 3.5);
      g_assert_cmpstr (buf, ==, "3,5");
    }
  else
    g_test_message ("no locale with a decimal comma is installed: checking in %s", saved);

  check_numbers ();
  setlocale (LC_ALL, saved);
}

/* Nesting */

/* A chain 5,000 units deep: written without recursion, nested up to the
 * limit and flat with parent= below it, so that an XML parser without a
 * "huge document" allowance reads it and every unit keeps its parent. */
static void
test_deep_chain (void)
{
  g_autoptr(OrgmapDocument) doc = orgmap_document_new ();
  g_autoptr(xmlDoc) xml = NULL;
  g_autofree char *data = NULL;
  guint32 prev = ORGMAP_NONE;
  xmlNode *root, *node;
  guint n_units = 0;
  guint max_depth = 0;

  for (guint i = 0; i <= 5000; i++)
    {
      g_autofree char *id = g_strdup_printf ("u%u", i);

      prev = orgmap_document_add_unit (doc, id, "U", prev);
      g_assert_cmpuint (prev, !=, ORGMAP_NONE);
    }
  orgmap_document_add_link (doc, "l", 4999, 5000, NULL);
  data = export_ok (doc);

  /* The unit at the limit is nested; its child starts a flat tree. */
  g_assert_nonnull (strstr (data, "\n" "  <unit id=\"u100\" name=\"U\" parent=\"u99\">\n"
                                  "    <unit id=\"u101\" name=\"U\">\n"));
  g_assert_nonnull (strstr (data, "\n" "  <unit id=\"u5000\" name=\"U\" parent=\"u4999\"/>\n"
                                  "  <link id=\"l\" provider=\"u4999\" client=\"u5000\"/>\n"));

  xml = parse (data);
  root = xmlDocGetRootElement (xml);
  for (node = root->children; node != NULL; )
    {
      if (node->type == XML_ELEMENT_NODE && xmlStrEqual (node->name, (const xmlChar *) "unit"))
        {
          g_autofree char *id = get_prop (node, "id");
          g_autofree char *parent = get_prop (node, "parent");
          g_autofree char *expected_id = g_strdup_printf ("u%u", n_units);
          g_autofree char *expected_parent = n_units > 0 ? g_strdup_printf ("u%u", n_units - 1)
                                                         : NULL;
          guint depth = 0;

          for (xmlNode *p = node; p->parent->type == XML_ELEMENT_NODE; p = p->parent)
            depth++;
          max_depth = MAX (max_depth, depth);

          /* Units come in chain order, each with its parent given either way. */
          g_assert_cmpstr (id, ==, expected_id);
          if (parent == NULL && node->parent != root)
            parent = get_prop (node->parent, "id");
          g_assert_cmpstr (parent, ==, expected_parent);
          n_units++;
        }

      if (node->children != NULL && node->type == XML_ELEMENT_NODE)
        node = node->children;
      else
        {
          while (node != root && node->next == NULL)
            node = node->parent;
          node = node == root ? NULL : node->next;
        }
    }
  g_assert_cmpuint (n_units, ==, 5001);
  g_assert_cmpuint (max_depth, ==, ORGMAP_XML_MAX_NESTING);
  g_assert_true (schema_validate (data, NULL));
}

/* Files */

static void
test_refuse_overwrite (void)
{
  g_autoptr(OrgmapDocument) doc = build_small ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "map.orgmap.xml", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *fresh_path = g_build_filename (dir, "fresh.orgmap.xml", NULL);
  g_autofree char *fresh = NULL;

  g_assert_true (g_file_set_contents (path, "keep me", -1, NULL));

  g_assert_false (orgmap_xml_export_file (doc, path, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "map.orgmap.xml"));
  contents = read_file (path);
  g_assert_cmpstr (contents, ==, "keep me");
  g_assert_cmpuint (count_files (dir), ==, 1);

  /* A new file is written whole. */
  g_assert_true (orgmap_xml_export_file (doc, fresh_path, FALSE, NULL));
  fresh = read_file (fresh_path);
  g_assert_cmpstr (fresh, ==, small_xml);
  g_assert_cmpuint (count_files (dir), ==, 2);

  remove_dir (dir);
}

static void
test_overwrite (void)
{
  g_autoptr(OrgmapDocument) doc = build_small ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "map.orgmap.xml", NULL);
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_true (orgmap_xml_export_file (doc, path, TRUE, &error));
  g_assert_no_error (error);
  contents = read_file (path);
  g_assert_cmpstr (contents, ==, small_xml);
  g_assert_cmpuint (count_files (dir), ==, 1);

  remove_dir (dir);
}

/* A failure half-way leaves the file that was there, and no temporary. */
static void
test_failed_export_keeps_file (void)
{
  g_autoptr(OrgmapDocument) doc = build_small ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "map.orgmap.xml", NULL);
  g_autofree char *new_path = g_build_filename (dir, "new.orgmap.xml", NULL);
  g_autofree char *contents = NULL;

  /* The last link is written last: the failure comes after most of the file. */
  orgmap_document_set_link_notes (doc, 2, "\x02");
  g_assert_true (g_file_set_contents (path, "keep me", -1, NULL));

  g_assert_false (orgmap_xml_export_file (doc, path, TRUE, &error));
  g_assert_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“l3”"));
  contents = read_file (path);
  g_assert_cmpstr (contents, ==, "keep me");
  g_clear_error (&error);

  g_assert_false (orgmap_xml_export_file (doc, new_path, FALSE, &error));
  g_assert_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID);
  g_assert_false (g_file_test (new_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (dir), ==, 1);

  remove_dir (dir);
}

static void
test_disk_full (void)
{
  g_autoptr(OrgmapDocument) doc = build_small ();
  g_autoptr(GError) error = NULL;
  FILE *stream = fopen ("/dev/full", "w");

  g_assert_nonnull (stream);
  g_assert_false (orgmap_xml_write (doc, stream, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  fclose (stream);
}

/* Schema */

static void
test_schema_exported (void)
{
  g_autoptr(OrgmapDocument) doc = build_small ();
  g_autofree char *data = export_ok (doc);

  g_assert_true (schema_validate (data, NULL));
}

static void
test_schema_example (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "resources",
                                                 "example.orgmap.xml", NULL);
  g_autofree char *data = read_file (path);

  g_assert_true (schema_validate (data, NULL));
}

/* Flat units, mixed with nesting, in any order, with a unit referring to a
 * parent further down and the bare minimum of attributes. */
static const char valid_flat[] =
  "<?xml version=\"1.0\"?>\n"
  "<orgmap version=\"1\">\n"
  "  <link id=\"l1\" provider=\"rrhh\" client=\"fin\" type=\"vertical\" notes=\"n\">\n"
  "    <rating round=\"q1\" score=\"3.5\" respondents=\"0\" comment=\"c\">\n"
  "      <dimension name=\"tiempo de respuesta\" score=\"4\"/>\n"
  "    </rating>\n"
  "  </link>\n"
  "  <unit id=\"rrhh\" name=\"Recursos Humanos\" parent=\"fin\"/>\n"
  "  <round id=\"q1\" name=\"Q1\" date=\"2026-03-31\"/>\n"
  "  <unit id=\"dir\" name=\"Dirección\" level=\"1\" headcount=\"0\">\n"
  "    <unit id=\"fin\" name=\"Finanzas\" area=\"Admin\" head=\"Ana\" notes=\"x\"/>\n"
  "  </unit>\n"
  "  <external id=\"x\" name=\"Clientes\" notes=\"n\"/>\n"
  "  <unit id=\"mkt\" name=\"Marketing\" parent=\"dir\"/>\n"
  "</orgmap>\n";

static void
test_schema_valid_snippets (void)
{
  g_assert_true (schema_validate (valid_flat, NULL));
  g_assert_true (schema_validate ("<orgmap version=\"1\" name=\"n\" scale-min=\"0\" "
                                  "scale-max=\"10.5\"/>", NULL));
}

static void
test_schema_invalid_snippets (void)
{
  struct
  {
    const char *what;
    const char *xml;
    int         line;
  } cases[] = {
    { "unknown element",
      "<orgmap version=\"1\">\n"
      "  <unit id=\"a\" name=\"A\"/>\n"
      "  <department id=\"b\" name=\"B\"/>\n"
      "</orgmap>\n", 3 },
    { "link without provider",
      "<orgmap version=\"1\">\n"
      "  <unit id=\"a\" name=\"A\"/>\n"
      "  <link id=\"l\" client=\"a\"/>\n"
      "</orgmap>\n", 3 },
    { "score not a number",
      "<orgmap version=\"1\">\n"
      "  <link id=\"l\" provider=\"a\" client=\"b\">\n"
      "    <rating round=\"q\" score=\"abc\"/>\n"
      "  </link>\n"
      "</orgmap>\n", 3 },
    { "dimension score not a number",
      "<orgmap version=\"1\">\n"
      "  <link id=\"l\" provider=\"a\" client=\"b\">\n"
      "    <rating round=\"q\" score=\"3\">\n"
      "      <dimension name=\"d\" score=\"3,5\"/>\n"
      "    </rating>\n"
      "  </link>\n"
      "</orgmap>\n", 4 },
    { "unknown link type",
      "<orgmap version=\"1\">\n"
      "  <link id=\"l\" provider=\"a\" client=\"b\" type=\"sideways\"/>\n"
      "</orgmap>\n", 2 },
    { "level zero",
      "<orgmap version=\"1\">\n"
      "  <unit id=\"a\" name=\"A\" level=\"0\"/>\n"
      "</orgmap>\n", 2 },
    { "headcount not an integer",
      "<orgmap version=\"1\">\n"
      "  <unit id=\"a\" name=\"A\" headcount=\"12.5\"/>\n"
      "</orgmap>\n", 2 },
    { "date not ISO 8601",
      "<orgmap version=\"1\">\n"
      "  <round id=\"q\" name=\"Q\" date=\"31/03/2026\"/>\n"
      "</orgmap>\n", 2 },
    { "unit without id",
      "<orgmap version=\"1\">\n"
      "  <unit name=\"A\"/>\n"
      "</orgmap>\n", 2 },
    { "unknown attribute",
      "<orgmap version=\"1\">\n"
      "  <external id=\"x\" name=\"X\" parent=\"a\"/>\n"
      "</orgmap>\n", 2 },
    { "external nested in a unit",
      "<orgmap version=\"1\">\n"
      "  <unit id=\"a\" name=\"A\">\n"
      "    <external id=\"x\" name=\"X\"/>\n"
      "  </unit>\n"
      "</orgmap>\n", 3 },
    { "other version", "<orgmap version=\"2\"/>\n", 1 },
    /* libxml2 gives no line for a missing attribute of the root */
    { "no version", "<orgmap name=\"n\"/>\n", -1 },
    { "other root element", "<graphml/>\n", 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int line = -1;

      g_test_message ("case: %s", cases[i].what);
      g_assert_false (schema_validate (cases[i].xml, &line));
      if (cases[i].line >= 0)
        g_assert_cmpint (line, ==, cases[i].line);
    }
}

/* Round trip: export, import, compare; export again, byte for byte. */

static OrgmapDocument *
import_ok (const char *data)
{
  g_autoptr(OrgmapProblems) problems = orgmap_problems_new ("export.orgmap.xml");
  g_autoptr(GError) error = NULL;
  OrgmapDocument *doc = orgmap_xml_import_memory (data, strlen (data), problems, &error);

  if (doc == NULL)
    {
      g_autofree char *list = orgmap_problems_format (problems);

      g_test_message ("%s", list);
    }
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  g_assert_cmpuint (orgmap_problems_count (problems), ==, 0);
  return doc;
}

static void
assert_round_trip (OrgmapDocument *doc)
{
  g_autofree char *first = export_ok (doc);
  g_autoptr(OrgmapDocument) back = import_ok (first);
  g_autofree char *second = export_ok (back);

  g_assert_true (orgmap_document_equal (doc, back));
  g_assert_true (orgmap_document_equal (back, doc));
  g_assert_cmpstr (second, ==, first);
}

/* Units a person placed on the map keep their place through XML. */
static void
test_round_trip_positions (void)
{
  g_autoptr(OrgmapDocument) doc = build_small ();
  g_autofree char *xml = NULL;

  orgmap_document_set_unit_position (doc, 0, -120.5, 3e-2);
  xml = export_ok (doc);
  g_assert_nonnull (strstr (xml, " x=\"-120.5\" y=\"0.03\""));
  assert_round_trip (doc);
}

static void
test_round_trip_small (void)
{
  g_autoptr(OrgmapDocument) doc = build_small ();

  assert_round_trip (doc);
}

static void
test_round_trip_file (void)
{
  g_autoptr(OrgmapDocument) doc = build_small ();
  g_autoptr(OrgmapDocument) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "map.orgmap.xml", NULL);

  g_assert_true (orgmap_xml_export_file (doc, path, FALSE, &error));
  g_assert_no_error (error);
  back = orgmap_xml_import_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_true (orgmap_document_equal (doc, back));

  remove_dir (dir);
}

static void
test_round_trip_text (void)
{
  static const char * const texts[] = {
    "A & B", "<unit id=\"x\"/>", "\"quoted\" and 'single'", "tab\there", "two\nlines",
    "crlf\r\nend", "  leading and trailing  ", "Ñandú, señal, ü, 😀, 中文", "&amp; already",
    "]]>", "\x7f",
  };
  g_autoptr(OrgmapDocument) doc = orgmap_document_new ();
  guint32 prev = ORGMAP_NONE;
  guint32 round, ext;

  orgmap_document_set_name (doc, texts[0]);
  round = orgmap_document_add_round (doc, "r", texts[1], NULL);
  ext = orgmap_document_add_external (doc, "x&y", texts[2]);
  orgmap_document_set_external_notes (doc, ext, texts[3]);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *id = g_strdup_printf ("u<%u>", i);
      guint32 unit = orgmap_document_add_unit (doc, id, texts[i], prev);
      guint32 link, rating;

      orgmap_document_set_unit_head (doc, unit, texts[(i + 1) % G_N_ELEMENTS (texts)]);
      orgmap_document_set_unit_area (doc, unit, texts[(i + 2) % G_N_ELEMENTS (texts)]);
      orgmap_document_set_unit_notes (doc, unit, texts[(i + 3) % G_N_ELEMENTS (texts)]);
      if (prev != ORGMAP_NONE)
        {
          link = orgmap_document_add_link (doc, NULL, unit, prev, texts[i]);
          orgmap_document_set_link_notes (doc, link, texts[(i + 4) % G_N_ELEMENTS (texts)]);
          rating = orgmap_document_set_rating (doc, link, round, 3, (gint32) i, texts[i], NULL);
          guint32 dim = orgmap_document_add_dimension (doc, texts[i]);

          g_assert_true (orgmap_document_set_rating_dimension (doc, rating, dim, 2, NULL));
        }
      prev = unit;
    }

  assert_round_trip (doc);
}

static void
test_round_trip_numbers (void)
{
  g_autoptr(OrgmapDocument) doc = orgmap_document_new ();
  guint32 a, b, link;

  g_assert_true (orgmap_document_set_scale (doc, 1e-7, 1e21, NULL));
  a = orgmap_document_add_unit (doc, "a", "A", ORGMAP_NONE);
  b = orgmap_document_add_unit (doc, "b", "B", a);
  link = orgmap_document_add_link (doc, "l", a, b, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      guint32 round = orgmap_document_add_round (doc, NULL, "R", NULL);
      guint32 rating = orgmap_document_set_rating (doc, link, round, numbers[i].value, -1,
                                                   NULL, NULL);
      double other = numbers[G_N_ELEMENTS (numbers) - 1 - i].value;

      g_assert_true (orgmap_document_set_rating_dimension (doc, rating, 0, other, NULL));
    }

  assert_round_trip (doc);
}

static void
test_round_trip_deep_chain (void)
{
  g_autoptr(OrgmapDocument) doc = orgmap_document_new ();
  g_autoptr(OrgmapDocument) back = NULL;
  g_autofree char *data = NULL;
  guint32 prev = ORGMAP_NONE;
  guint32 last;

  for (guint i = 0; i < 5000; i++)
    {
      prev = orgmap_document_add_unit (doc, NULL, "U", prev);
      /* A side branch now and then, so that nested and flat units mix. */
      if (i % 97 == 0)
        orgmap_document_add_unit (doc, NULL, "Side", prev);
    }

  assert_round_trip (doc);
  data = export_ok (doc);
  back = import_ok (data);
  /* The last unit is still 4,999 levels below the root. */
  g_assert_cmpuint (orgmap_document_get_unit_depth (doc, prev), ==, 4999);
  last = orgmap_document_find_unit (back, orgmap_document_get_unit (doc, prev)->id);
  g_assert_cmpuint (orgmap_document_get_unit_depth (back, last), ==, 4999);
}

static char *
random_text (GRand *rand)
{
  static const char * const pieces[] = {
    "Área", "de", "Ventas", " ", "&", "<", ">", "\"", "'", "\t", "\n", "\r", "ñ", "😀", "x", "42",
  };
  GString *str = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 1, 8);

  for (guint i = 0; i < n; i++)
    g_string_append (str, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
  return g_string_free (str, FALSE);
}

/* Thousands of units added in no particular order (so that handles are
 * not in tree order), explicit levels and areas here and there, external
 * clients, rounds, links of every kind with overrides, ratings with full
 * precision scores and dimensions. */
static void
test_round_trip_random (void)
{
  g_autoptr(OrgmapDocument) doc = orgmap_document_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260331);
  guint n_units = 3000, n_externals = 20, n_rounds = 4, n_links = 12000;

  orgmap_document_set_name (doc, "Random & Co");
  g_assert_true (orgmap_document_set_scale (doc, 0, 10, NULL));
  orgmap_document_add_dimension (doc, "tiempo de respuesta");

  for (guint i = 0; i < n_units; i++)
    {
      g_autofree char *name = random_text (rand);
      guint32 parent = i == 0 || g_rand_int_range (rand, 0, 50) == 0
                       ? ORGMAP_NONE : (guint32) g_rand_int_range (rand, 0, i);
      guint32 unit = orgmap_document_add_unit (doc, NULL, name, parent);

      if (g_rand_boolean (rand))
        {
          g_autofree char *head = random_text (rand);

          orgmap_document_set_unit_head (doc, unit, head);
          orgmap_document_set_unit_headcount (doc, unit, g_rand_int_range (rand, 0, 500));
        }
      if (g_rand_int_range (rand, 0, 10) == 0)
        {
          g_autofree char *area = random_text (rand);

          orgmap_document_set_unit_area (doc, unit, area);
          orgmap_document_set_unit_level (doc, unit, g_rand_int_range (rand, 1, 9));
        }
      if (g_rand_int_range (rand, 0, 20) == 0)
        {
          g_autofree char *notes = random_text (rand);

          orgmap_document_set_unit_notes (doc, unit, notes);
        }
    }

  for (guint i = 0; i < n_externals; i++)
    {
      g_autofree char *name = random_text (rand);

      orgmap_document_add_external (doc, NULL, name);
    }
  for (guint i = 0; i < n_rounds; i++)
    orgmap_document_add_round (doc, NULL, "Ronda", i % 2 == 0 ? "2026-03-31" : NULL);

  for (guint i = 0; i < n_links; i++)
    {
      guint32 provider = g_rand_int_range (rand, 0, n_units);
      guint32 client = g_rand_int_range (rand, 0, 8) == 0
                       ? ORGMAP_EXTERNAL_HANDLE (g_rand_int_range (rand, 0, n_externals))
                       : (guint32) g_rand_int_range (rand, 0, n_units);
      g_autofree char *service = random_text (rand);
      guint32 link;

      if (client == provider)
        continue;
      link = orgmap_document_add_link (doc, NULL, provider, client,
                                       g_rand_boolean (rand) ? service : NULL);
      if (g_rand_int_range (rand, 0, 10) == 0)
        orgmap_document_set_link_type_override (doc, link,
                                                g_rand_int_range (rand, 0, ORGMAP_N_LINK_TYPES));

      /* Rounds rated in a shuffled order. */
      for (guint k = 0; k < n_rounds; k++)
        {
          guint32 round = (k + i) % n_rounds;
          double score = g_rand_boolean (rand) ? g_rand_double_range (rand, 0, 10)
                                               : g_rand_int_range (rand, 0, 21) / 2.0;
          g_autofree char *comment = g_rand_boolean (rand) ? random_text (rand) : NULL;
          guint32 rating;

          if (g_rand_boolean (rand))
            continue;
          rating = orgmap_document_set_rating (doc, link, round, score,
                                               g_rand_int_range (rand, -1, 30), comment, NULL);
          g_assert_cmpuint (rating, !=, ORGMAP_NONE);
          for (guint32 dim = 0; dim < orgmap_document_get_n_dimensions (doc); dim++)
            if (g_rand_int_range (rand, 0, 3) == 0)
              {
                double value = g_rand_double_range (rand, 0, 10);

                g_assert_true (orgmap_document_set_rating_dimension (doc, rating, dim, value,
                                                                     NULL));
              }
        }
    }

  assert_round_trip (doc);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  xmlSetStructuredErrorFunc (NULL, ignore_error);

  g_test_add_func ("/orgmap/model/xml/export/small", test_small);
  g_test_add_func ("/orgmap/model/xml/export/empty", test_empty);
  g_test_add_func ("/orgmap/model/xml/export/escaping", test_escaping);
  g_test_add_func ("/orgmap/model/xml/export/unstorable-text", test_unstorable_text);
  g_test_add_func ("/orgmap/model/xml/export/numbers", test_numbers);
  g_test_add_func ("/orgmap/model/xml/export/numbers-locale", test_numbers_locale);
  g_test_add_func ("/orgmap/model/xml/export/deep-chain", test_deep_chain);
  g_test_add_func ("/orgmap/model/xml/export/refuse-overwrite", test_refuse_overwrite);
  g_test_add_func ("/orgmap/model/xml/export/overwrite", test_overwrite);
  g_test_add_func ("/orgmap/model/xml/export/failed-export-keeps-file",
                   test_failed_export_keeps_file);
  g_test_add_func ("/orgmap/model/xml/export/disk-full", test_disk_full);
  g_test_add_func ("/orgmap/model/xml/roundtrip/small", test_round_trip_small);
  g_test_add_func ("/orgmap/model/xml/roundtrip/positions", test_round_trip_positions);
  g_test_add_func ("/orgmap/model/xml/roundtrip/file", test_round_trip_file);
  g_test_add_func ("/orgmap/model/xml/roundtrip/text", test_round_trip_text);
  g_test_add_func ("/orgmap/model/xml/roundtrip/numbers", test_round_trip_numbers);
  g_test_add_func ("/orgmap/model/xml/roundtrip/deep-chain", test_round_trip_deep_chain);
  g_test_add_func ("/orgmap/model/xml/roundtrip/random", test_round_trip_random);
  g_test_add_func ("/orgmap/model/xml/schema/exported", test_schema_exported);
  g_test_add_func ("/orgmap/model/xml/schema/example", test_schema_example);
  g_test_add_func ("/orgmap/model/xml/schema/valid", test_schema_valid_snippets);
  g_test_add_func ("/orgmap/model/xml/schema/invalid", test_schema_invalid_snippets);

  ret = g_test_run ();
  xmlCleanupParser ();
  return ret;
}

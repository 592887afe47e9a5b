/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-tool"

#include "config.h"

#include <stdlib.h>
#include <glib/gi18n.h>
#include <gio/gio.h>

#include "orgmap-document.h"
#include "orgmap-error.h"
#include "orgmap-export.h"
#include "orgmap-format.h"
#include "orgmap-import-generic.h"
#include "orgmap-i18n.h"
#include "orgmap-problem.h"
#include "orgmap-store.h"
#include "orgmap-xml-export.h"

#define NO_PAGE G_MININT

enum {
  EXIT_OK = 0,
  EXIT_BAD_INPUT = 1,
  EXIT_USAGE = 2,
};

typedef struct
{
  char     *output;
  gboolean  force;
  int       width;
  char     *round;
  int       page;       /* 1-based; NO_PAGE when not given */
  gboolean  explain;    /* generic XML: say how the file is read */
  char     *unit;       /* generic XML: overrides of the mapping found */
  char     *id;
  char     *name;
  char     *parent;
  char     *department;
  gboolean  people;     /* generic XML: each record a unit */
  gboolean  departments;/* generic XML: one unit per department */
} Options;

typedef struct
{
  const char *name;
  const char *parameter;
  const char *summary;
  gboolean    needs_output;
  gboolean    draws;
  gboolean    imports;
  int       (*run) (const char    *input,
                    const Options *options);
} Command;

static int
usage_error (const char *command,
             const char *message)
{
  g_printerr ("orgmap-tool: %s\n", message);
  if (command != NULL)
    /* Translators: %s is a command such as “import” */
    g_printerr (_("Run “orgmap-tool %s --help” to see its options.\n"), command);
  else
    g_printerr (_("Run “orgmap-tool --help” to see the commands.\n"));
  return EXIT_USAGE;
}

static void
print_error (const GError *error)
{
  g_printerr ("orgmap-tool: %s\n", error->message);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS) ||
      g_error_matches (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_EXISTS))
    g_printerr (_("Use --force to replace it.\n"));
}

static void
print_problems (OrgmapProblems *problems,
                gboolean        to_stdout)
{
  g_autofree char *text = orgmap_problems_format (problems);

  if (to_stdout)
    g_print ("%s", text);
  else
    g_printerr ("%s", text);
}

static char *
display_name (const char *path)
{
  return g_filename_display_basename (path);
}

static void
report_load_failure (OrgmapProblems *problems,
                     const GError   *error,
                     gboolean        to_stdout)
{
  if (orgmap_problems_count (problems) > 0)
    print_problems (problems, to_stdout);
  if (error != NULL)
    print_error (error);
}

/* What an import of a foreign format read and made of it */
static void
print_report (const OrgmapImportReport *report,
              OrgmapProblems           *problems)
{
  guint n_pages = report->pages != NULL ? g_strv_length (report->pages) : 0;

  if (report->kind == ORGMAP_IMPORT_DRAWIO && n_pages > 0)
    {
      /* Translators: “Format: draw.io, page 1 of 3 (“Sales”)” */
      g_print (_("Format: %s, page %u of %u (“%s”)\n"), orgmap_import_kind_label (report->kind),
               report->page + 1, n_pages, report->pages[report->page]);
      if (n_pages > 1)
        {
          g_autoptr(GString) list = g_string_new (NULL);

          for (guint i = 0; i < n_pages; i++)
            g_string_append_printf (list, "%s%u “%s”", i > 0 ? ", " : "", i + 1, report->pages[i]);
          /* Translators: the pages of a file, “Pages: 1 “Sales”, 2 “Plant”” */
          g_print (_("Pages: %s\n"), list->str);
        }
    }
  else
    g_print (_("Format: %s\n"), orgmap_import_kind_label (report->kind));

  if (report->kind == ORGMAP_IMPORT_GENERIC && report->departments)
    /* Translators: “Records: 18 people in 4 departments” */
    g_print (_("Records: %u people in %u departments\n"), report->n_people, report->n_units);
  else if (report->kind == ORGMAP_IMPORT_GENERIC)
    g_print (_("Records: %u, each a unit\n"), report->n_records);
  if (report->n_without_department > 0)
    g_print (_("People left out, having no department: %u\n"), report->n_without_department);
  g_print (_("Units: %u\n"), report->n_units);
  g_print (_("Units placed by edges: %u\n"), report->n_hierarchy_edges);
  if (report->n_grouped > 0)
    g_print (_("Units placed in the group they are drawn in: %u\n"), report->n_grouped);
  g_print (_("Links from edges that could not be lines of command: %u\n"), report->n_links);
  if (report->n_skipped_shapes > 0)
    g_print (_("Decorative shapes left out: %u\n"), report->n_skipped_shapes);
  if (report->n_junctions > 0)
    g_print (_("Waypoints joined: %u\n"), report->n_junctions);
  if (report->n_ignored_edges > 0)
    g_print (_("Edges left out: %u\n"), report->n_ignored_edges);
  if (orgmap_problems_count (problems) > 0)
    print_problems (problems, TRUE);
}

static int
run_import (const char    *input,
           const Options *options)
{
  g_autofree char *name = display_name (input);
  g_autoptr(OrgmapProblems) problems = orgmap_problems_new (name);
  g_autoptr(OrgmapImportReport) report = orgmap_import_report_new ();
  g_autoptr(OrgmapDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  OrgmapImportOptions import_options = { 0 };
  g_auto(OrgmapGenericMapping) mapping = { 0 };
  OrgmapFormat format;

  if (!orgmap_format_sniff (input, &format, &error))
    {
      print_error (error);
      return EXIT_BAD_INPUT;
    }
  if (format == ORGMAP_FORMAT_DOCUMENT)
    {
      g_printerr (_("orgmap-tool: “%s” is already an Orgmap document; use “orgmap-tool export” to write it as XML\n"),
                  name);
      return EXIT_BAD_INPUT;
    }

  if (options->page != NO_PAGE)
    {
      OrgmapImportKind kind;

      if (options->page < 1)
        return usage_error ("import", _("The page must be 1 or more"));
      if (!orgmap_format_detect (input, &kind, NULL, problems, &error))
        {
          report_load_failure (problems, error, FALSE);
          return EXIT_BAD_INPUT;
        }
      if (kind != ORGMAP_IMPORT_DRAWIO)
        {
          /* Translators: the last %s is a kind of file, such as “GraphML” */
          g_printerr (_("orgmap-tool: --page applies to draw.io files only, and “%s” is %s\n"),
                      name, orgmap_import_kind_label (kind));
          return EXIT_USAGE;
        }
      import_options.page = options->page - 1;
    }

  if (options->explain || options->unit != NULL || options->id != NULL || options->name != NULL ||
      options->parent != NULL || options->department != NULL || options->people || options->departments)
    {
      OrgmapImportKind kind;

      if (options->people && options->departments)
        return usage_error ("import", _("Choose either --people or --departments"));
      if (!orgmap_format_detect (input, &kind, NULL, problems, &error))
        {
          report_load_failure (problems, error, FALSE);
          return EXIT_BAD_INPUT;
        }
      if (kind != ORGMAP_IMPORT_GENERIC)
        {
          /* Translators: the last %s is a kind of file, such as “GraphML” */
          g_printerr (_("orgmap-tool: --explain, --unit, --id, --name, --parent, --department, --people and --departments apply to generic XML files only, and “%s” is %s\n"),
                      name, orgmap_import_kind_label (kind));
          return EXIT_USAGE;
        }
      if (!orgmap_generic_detect (input, &mapping, problems, &error) ||
          !orgmap_generic_mapping_override (&mapping, options->unit, options->id, options->name,
                                            options->parent, &error) ||
          (options->department != NULL &&
           !orgmap_generic_mapping_set_department (&mapping, options->department, &error)))
        {
          report_load_failure (problems, error, FALSE);
          return EXIT_BAD_INPUT;
        }
      import_options.mapping = &mapping;
      import_options.people = options->people ? ORGMAP_IMPORT_PEOPLE_AS_UNITS
                            : options->departments ? ORGMAP_IMPORT_PEOPLE_AS_DEPARTMENTS
                            : ORGMAP_IMPORT_PEOPLE_AUTO;

      if (options->explain)
        {
          g_auto(GStrv) lines = orgmap_generic_mapping_explain (&mapping);

          for (guint i = 0; lines[i] != NULL; i++)
            g_print ("%s\n", lines[i]);
          if (mapping.department.name != NULL && !options->people)
            g_print (_("The records are people: their departments become the units (--people keeps the people)\n"));
          if (options->output == NULL)
            return EXIT_OK;
        }
    }

  if (options->output == NULL)
    return usage_error ("import", _("No output file given (-o FILE)"));

  doc = orgmap_format_import (input, &import_options, report, problems, &error);
  if (doc == NULL)
    {
      report_load_failure (problems, error, FALSE);
      return EXIT_BAD_INPUT;
    }

  if (!orgmap_store_save (doc, options->output, options->force, &error))
    {
      print_error (error);
      return EXIT_BAD_INPUT;
    }

  if (report->kind != ORGMAP_IMPORT_NATIVE)
    print_report (report, problems);

  {
    g_autofree char *out_name = display_name (options->output);
    guint n_units = orgmap_document_get_n_units (doc);
    guint n_links = orgmap_document_get_n_links (doc);
    g_autofree char *units = g_strdup_printf (ngettext ("%u unit", "%u units", n_units), n_units);
    g_autofree char *links = g_strdup_printf (ngettext ("%u link", "%u links", n_links), n_links);

    /* Translators: “Imported 25 units and 30 links into acme.orgmap” */
    g_print (_("Imported %s and %s into %s\n"), units, links, out_name);
  }
  return EXIT_OK;
}

static int
run_export (const char    *input,
           const Options *options)
{
  g_autofree char *name = display_name (input);
  g_autoptr(OrgmapDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  OrgmapFormat format;

  if (!orgmap_format_sniff (input, &format, &error))
    {
      print_error (error);
      return EXIT_BAD_INPUT;
    }
  if (format != ORGMAP_FORMAT_DOCUMENT)
    {
      g_printerr (_("orgmap-tool: “%s” is not an Orgmap document; to read XML use “orgmap-tool import”\n"),
                  name);
      return EXIT_BAD_INPUT;
    }

  doc = orgmap_store_load (input, &error);
  if (doc == NULL || !orgmap_xml_export_file (doc, options->output, options->force, &error))
    {
      print_error (error);
      return EXIT_BAD_INPUT;
    }
  return EXIT_OK;
}

static void
print_round (OrgmapDocument *doc,
             guint32         round)
{
  const OrgmapRound *r = orgmap_document_get_round (doc, round);
  const char *title = *r->name != '\0' ? r->name : r->id;
  double mean;
  guint n_rated;

  if (r->date != NULL)
    g_print ("  %s (%s): ", title, r->date);
  else
    g_print ("  %s: ", title);

  if (orgmap_document_get_round_mean (doc, round, &mean, &n_rated))
    /* Translators: “mean quality 3.4 over 12 rated links” */
    g_print (ngettext ("mean quality %.2f over %u rated link\n",
                       "mean quality %.2f over %u rated links\n", n_rated),
             mean, n_rated);
  else
    g_print (_("no link rated\n"));
}

static int
run_info (const char    *input,
         const Options *options)
{
  g_autofree char *name = display_name (input);
  g_autoptr(OrgmapProblems) problems = orgmap_problems_new (name);
  g_autoptr(OrgmapDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  guint counts[ORGMAP_N_LINK_TYPES];
  OrgmapFormat format;
  guint n_overridden, n;

  doc = orgmap_format_load (input, &format, problems, &error);
  if (doc == NULL)
    {
      report_load_failure (problems, error, FALSE);
      return EXIT_BAD_INPUT;
    }

  n_overridden = orgmap_document_count_link_types (doc, counts);

  g_print (_("Organisation: %s\n"), orgmap_document_get_name (doc));
  n = orgmap_document_get_n_units (doc);
  g_print (_("Units: %u\n"), n);
  g_print (_("External clients: %u\n"), orgmap_document_get_n_externals (doc));
  n = orgmap_document_get_n_links (doc);
  /* Translators: the counts of links by type, “Links: 30 (vertical 10, horizontal 8, …)” */
  g_print (_("Links: %u (vertical %u, horizontal %u, diagonal %u, external %u)\n"), n,
           counts[ORGMAP_LINK_VERTICAL], counts[ORGMAP_LINK_HORIZONTAL],
           counts[ORGMAP_LINK_DIAGONAL], counts[ORGMAP_LINK_EXTERNAL]);
  if (n_overridden > 0)
    g_print (ngettext ("  %u link has its type set by hand\n",
                       "  %u links have their type set by hand\n", n_overridden),
             n_overridden);
  n = orgmap_document_get_n_rounds (doc);
  g_print (_("Rounds: %u\n"), n);
  for (guint32 r = 0; r < n; r++)
    print_round (doc, r);
  return EXIT_OK;
}

static int
run_validate (const char    *input,
             const Options *options)
{
  g_autofree char *name = display_name (input);
  g_autoptr(OrgmapProblems) problems = orgmap_problems_new (name);
  g_autoptr(OrgmapDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  OrgmapFormat format;
  guint n;

  doc = orgmap_format_load (input, &format, problems, &error);
  if (doc == NULL)
    {
      n = orgmap_problems_count (problems);
      if (n > 0)
        {
          print_problems (problems, TRUE);
          g_print (ngettext ("%u problem found in %s\n", "%u problems found in %s\n", n), n, name);
        }
      else
        g_print ("%s: %s\n", name, error->message);
      return EXIT_BAD_INPUT;
    }

  /* Translators: “acme.xml is valid: 25 units, 30 links” */
  g_print (_("%s is valid: %u units, %u links\n"), name,
           orgmap_document_get_n_units (doc), orgmap_document_get_n_links (doc));
  return EXIT_OK;
}

static int
run_render (const char    *input,
            const Options *options)
{
  g_autofree char *name = display_name (input);
  g_autoptr(OrgmapProblems) problems = orgmap_problems_new (name);
  g_autoptr(OrgmapDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  OrgmapPictureFormat picture;
  OrgmapFormat format;
  guint32 round = ORGMAP_NONE;

  if (!orgmap_picture_format_from_path (options->output, &picture, &error))
    return usage_error ("render", error->message);
  if (options->width < 200 || options->width > 20000)
    return usage_error ("render", _("The width must be between 200 and 20000 pixels"));

  doc = orgmap_format_load (input, &format, problems, &error);
  if (doc == NULL)
    {
      report_load_failure (problems, error, FALSE);
      return EXIT_BAD_INPUT;
    }

  if (options->round != NULL)
    {
      round = orgmap_document_find_round (doc, options->round);
      if (round == ORGMAP_NONE)
        {
          g_printerr (_("orgmap-tool: %s has no round “%s”\n"), name, options->round);
          return EXIT_BAD_INPUT;
        }
    }

  if (!orgmap_picture_export (doc, round, options->output, picture, options->width,
                              options->force, &error))
    {
      print_error (error);
      return EXIT_BAD_INPUT;
    }
  return EXIT_OK;
}

static const Command commands[] = {
  { "import", N_("IN.xml"), N_("Import an org chart (Orgmap XML, GraphML, draw.io, or the XML of an HR system or chart widget) into a new Orgmap document"), TRUE, FALSE, TRUE, run_import },
  { "export", N_("IN.orgmap"), N_("Write an Orgmap document as native XML"), TRUE, FALSE, FALSE, run_export },
  { "info", N_("FILE"), N_("Summarise a document or XML file: units, links by type, rounds"), FALSE, FALSE, FALSE, run_info },
  { "validate", N_("FILE"), N_("List every problem of a document or XML file, with its location"), FALSE, FALSE, FALSE, run_validate },
  { "render", N_("FILE"), N_("Draw the map as a PNG, SVG or PDF picture"), TRUE, TRUE, FALSE, run_render },
};

static char *
commands_description (void)
{
  GString *str = g_string_new (_("Commands:"));

  g_string_append_c (str, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (str, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  return g_string_free (str, FALSE);
}

static int
run_command (const Command  *command,
             int             argc,
             char          **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rest = NULL;
  g_autofree char *parameter = NULL;
  Options options = { NULL, FALSE, ORGMAP_PICTURE_DEFAULT_WIDTH, NULL, NO_PAGE,
                      FALSE, NULL, NULL, NULL, NULL, NULL, FALSE, FALSE };
  int status;
  GOptionEntry output_entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options.output, N_("Write to FILE"), N_("FILE") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &options.force, N_("Replace the output file if it exists"), NULL },
    { NULL }
  };
  GOptionEntry draw_entries[] = {
    { "width", 'w', 0, G_OPTION_ARG_INT, &options.width, N_("Width of the picture in pixels (default 1920)"), N_("N") },
    { "round", 'r', 0, G_OPTION_ARG_STRING, &options.round, N_("Colour links by the round with this id (default: each link’s latest)"), N_("ID") },
    { NULL }
  };
  GOptionEntry import_entries[] = {
    { "page", 'p', 0, G_OPTION_ARG_INT, &options.page, N_("Import page N of a draw.io file (default: the first)"), N_("N") },
    { "explain", 'e', 0, G_OPTION_ARG_NONE, &options.explain, N_("Generic XML: say which element is a unit and which fields are its id, name and parent"), NULL },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &options.unit, N_("Generic XML: the element that is a unit"), N_("ELEMENT") },
    { "id", 0, 0, G_OPTION_ARG_STRING, &options.id, N_("Generic XML: the field that holds a unit’s id"), N_("FIELD") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &options.name, N_("Generic XML: the field that holds a unit’s name, or two joined by + (FirstName+LastName)"), N_("FIELD") },
    { "parent", 0, 0, G_OPTION_ARG_STRING, &options.parent, N_("Generic XML: the field that holds the parent’s id, “nesting”, “none”, or RELATION(CHILD,PARENT)"), N_("FIELD") },
    { "department", 0, 0, G_OPTION_ARG_STRING, &options.department, N_("Generic XML: the field that holds a person’s department, or “none”"), N_("FIELD") },
    { "people", 0, 0, G_OPTION_ARG_NONE, &options.people, N_("Generic XML: make each person a unit, not their departments"), NULL },
    { "departments", 0, 0, G_OPTION_ARG_NONE, &options.departments, N_("Generic XML: make one unit per department of the people"), NULL },
    { NULL }
  };
  GOptionEntry rest_entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, NULL },
    { NULL }
  };

  parameter = g_strdup_printf ("%s %s", command->name, _(command->parameter));
  context = g_option_context_new (parameter);
  g_option_context_set_summary (context, _(command->summary));
  if (command->needs_output)
    g_option_context_add_main_entries (context, output_entries, GETTEXT_PACKAGE);
  if (command->draws)
    g_option_context_add_main_entries (context, draw_entries, GETTEXT_PACKAGE);
  if (command->imports)
    g_option_context_add_main_entries (context, import_entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, rest_entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    status = usage_error (command->name, error->message);
  else if (rest == NULL || g_strv_length (rest) != 1)
    status = usage_error (command->name, rest == NULL ? _("No input file given")
                                                      : _("Give exactly one input file"));
  else if (command->needs_output && options.output == NULL && !(command->imports && options.explain))
    status = usage_error (command->name, _("No output file given (-o FILE)"));
  else
    status = command->run (rest[0], &options);

  g_free (options.output);
  g_free (options.round);
  g_free (options.unit);
  g_free (options.id);
  g_free (options.name);
  g_free (options.parent);
  g_free (options.department);
  return status;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GError) error = NULL;
  gboolean version = FALSE;
  GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Show the version and exit"), NULL },
    { NULL }
  };

  orgmap_i18n_init ();
  g_set_prgname ("orgmap-tool");

  /* A command takes its own options: hand it the rest of the line. */
  if (argc > 1 && argv[1][0] != '-')
    {
      for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
        if (g_str_equal (argv[1], commands[i].name))
          return run_command (&commands[i], argc - 1, argv + 1);

      {
        g_autofree char *message = g_strdup_printf (_("Unknown command “%s”"), argv[1]);

        return usage_error (NULL, message);
      }
    }

  context = g_option_context_new (_("COMMAND …"));
  g_option_context_set_summary (context, _("Import, export, summarise and check Orgmap files."));
  description = commands_description ();
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (NULL, error->message);

  if (version)
    {
      g_print ("orgmap-tool %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  return usage_error (NULL, _("No command given"));
}

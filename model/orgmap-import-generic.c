/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-model"

#include "config.h"

#include "orgmap-import-generic.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "orgmap-import-generic-private.h"

/* Mappings: copying, explaining and changing them, and previews. The
 * detection is in orgmap-import-generic-detect.c, the import in
 * orgmap-import-generic-import.c. */

#define MAX_LISTED 20   /* names listed in a message */

/* ------------------------------------------------------------------------ */
/* Fields and mappings */

void
orgmap_generic_field_set (OrgmapGenericField     *field,
                          const char             *name,
                          OrgmapGenericFieldKind  kind)
{
  char *copy = g_strdup (name);

  g_free (field->name);
  field->name = copy;
  field->kind = kind;
}

void
orgmap_generic_field_clear (OrgmapGenericField *field)
{
  g_clear_pointer (&field->name, g_free);
  field->kind = ORGMAP_GENERIC_ATTRIBUTE;
}

gboolean
orgmap_generic_field_equal (const OrgmapGenericField *a,
                            const OrgmapGenericField *b)
{
  return a->name != NULL && b->name != NULL && a->kind == b->kind && strcmp (a->name, b->name) == 0;
}

static void
field_copy (OrgmapGenericField       *dest,
            const OrgmapGenericField *src)
{
  dest->name = g_strdup (src->name);
  dest->kind = src->kind;
}

void
orgmap_generic_mapping_clear (OrgmapGenericMapping *m)
{
  g_return_if_fail (m != NULL);

  g_free (m->root);
  g_free (m->unit);
  g_free (m->wrapper);
  g_free (m->relation);
  orgmap_generic_field_clear (&m->id);
  orgmap_generic_field_clear (&m->name[0]);
  orgmap_generic_field_clear (&m->name[1]);
  orgmap_generic_field_clear (&m->parent);
  orgmap_generic_field_clear (&m->relation_child);
  orgmap_generic_field_clear (&m->relation_parent);
  orgmap_generic_field_clear (&m->department);
  for (guint i = 0; i < G_N_ELEMENTS (m->extra); i++)
    orgmap_generic_field_clear (&m->extra[i]);
  if (m->stats != NULL)
    orgmap_generic_stats_unref (m->stats);
  memset (m, 0, sizeof *m);
}

void
orgmap_generic_mapping_copy_plain (OrgmapGenericMapping       *dest,
                                   const OrgmapGenericMapping *src)
{
  memset (dest, 0, sizeof *dest);
  dest->root = g_strdup (src->root);
  dest->unit = g_strdup (src->unit);
  dest->n_units = src->n_units;
  field_copy (&dest->id, &src->id);
  field_copy (&dest->name[0], &src->name[0]);
  field_copy (&dest->name[1], &src->name[1]);
  dest->parent_kind = src->parent_kind;
  field_copy (&dest->parent, &src->parent);
  dest->wrapper = g_strdup (src->wrapper);
  dest->relation = g_strdup (src->relation);
  dest->n_relations = src->n_relations;
  field_copy (&dest->relation_child, &src->relation_child);
  field_copy (&dest->relation_parent, &src->relation_parent);
  field_copy (&dest->department, &src->department);
  dest->n_departments = src->n_departments;
  for (guint i = 0; i < G_N_ELEMENTS (dest->extra); i++)
    field_copy (&dest->extra[i], &src->extra[i]);
}

void
orgmap_generic_mapping_copy (OrgmapGenericMapping       *dest,
                             const OrgmapGenericMapping *src)
{
  g_return_if_fail (dest != NULL);
  g_return_if_fail (src != NULL);

  orgmap_generic_mapping_copy_plain (dest, src);
  dest->stats = src->stats != NULL ? orgmap_generic_stats_ref (src->stats) : NULL;
}

/* ------------------------------------------------------------------------ */
/* What the file holds */

OrgmapGenericStats *
orgmap_generic_stats_ref (OrgmapGenericStats *stats)
{
  return g_atomic_rc_box_acquire (stats);
}

static void
stats_clear (gpointer data)
{
  OrgmapGenericStats *stats = data;

  g_free (stats->root);
  g_ptr_array_unref (stats->elements);
}

void
orgmap_generic_stats_unref (OrgmapGenericStats *stats)
{
  if (stats != NULL)
    g_atomic_rc_box_release_full (stats, stats_clear);
}

OrgmapGenericElementInfo *
orgmap_generic_stats_find (OrgmapGenericStats *stats,
                           const char         *element)
{
  for (guint i = 0; i < stats->elements->len; i++)
    {
      OrgmapGenericElementInfo *info = g_ptr_array_index (stats->elements, i);

      if (strcmp (info->name, element) == 0)
        return info;
    }
  return NULL;
}

/* A field by its name: the attribute first, then the child element;
 * “@name” is the attribute only. */
const OrgmapGenericFieldInfo *
orgmap_generic_element_find_field (const OrgmapGenericElementInfo *info,
                                   const char                     *name)
{
  gboolean attribute_only = name[0] == '@';

  if (attribute_only)
    name++;
  for (guint pass = 0; pass < (attribute_only ? 1 : 2); pass++)
    for (guint i = 0; i < info->fields->len; i++)
      {
        const OrgmapGenericFieldInfo *fi = &g_array_index (info->fields, OrgmapGenericFieldInfo, i);

        if ((pass == 0) == (fi->kind == ORGMAP_GENERIC_ATTRIBUTE) && strcmp (fi->name, name) == 0)
          return fi;
      }
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* Explaining */

static char *
describe_field (const OrgmapGenericField *field)
{
  if (field->kind == ORGMAP_GENERIC_ATTRIBUTE)
    /* Translators: a field of an XML element, in a sentence such as “Id: the attribute “code”” */
    return g_strdup_printf (_("the attribute “%s”"), field->name);
  /* Translators: a field of an XML element, in a sentence such as “Name: the child element <name>” */
  return g_strdup_printf (_("the child element <%s>"), field->name);
}

char **
orgmap_generic_mapping_explain (const OrgmapGenericMapping *m)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();

  g_return_val_if_fail (m != NULL && m->unit != NULL, NULL);

  g_ptr_array_add (lines,
                   g_strdup_printf (ngettext ("Units: the <%s> element (%u in the file, whose root element is <%s>)",
                                              "Units: the <%s> elements (%u in the file, whose root element is <%s>)",
                                              m->n_units),
                                    m->unit, m->n_units, m->root != NULL ? m->root : "?"));

  if (m->id.name != NULL)
    {
      g_autofree char *id = describe_field (&m->id);

      /* Translators: %s is a field, such as “the attribute “code”” */
      g_ptr_array_add (lines, g_strdup_printf (_("Id: %s"), id));
    }
  else
    g_ptr_array_add (lines, g_strdup (_("Id: none; units are told apart by their place in the file")));

  if (m->name[0].name != NULL && m->name[1].name != NULL)
    {
      g_autofree char *first = describe_field (&m->name[0]);
      g_autofree char *second = describe_field (&m->name[1]);

      /* Translators: each %s is a field, such as “the attribute “FirstName”” */
      g_ptr_array_add (lines, g_strdup_printf (_("Name: %s and %s, joined"), first, second));
    }
  else if (m->name[0].name != NULL)
    {
      g_autofree char *name = describe_field (&m->name[0]);

      /* Translators: %s is a field, such as “the child element <name>” */
      g_ptr_array_add (lines, g_strdup_printf (_("Name: %s"), name));
    }
  else if (m->id.name != NULL)
    g_ptr_array_add (lines, g_strdup (_("Name: none found; units are named by their id")));
  else
    g_ptr_array_add (lines, g_strdup (_("Name: none found; units are named after their element and number")));

  switch (m->parent_kind)
    {
    case ORGMAP_GENERIC_PARENT_NESTING:
      if (m->wrapper != NULL)
        /* Translators: “Node” and “reports” are XML elements */
        g_ptr_array_add (lines, g_strdup_printf (_("Parent: the <%s> that holds the unit, through <%s>"),
                                                 m->unit, m->wrapper));
      else
        g_ptr_array_add (lines, g_strdup_printf (_("Parent: the <%s> that holds the unit"), m->unit));
      break;

    case ORGMAP_GENERIC_PARENT_FIELD:
      {
        g_autofree char *parent = describe_field (&m->parent);

        /* Translators: %s is a field, such as “the attribute “ManagerID”” */
        g_ptr_array_add (lines, g_strdup_printf (_("Parent: %s, holding the id of the parent or manager"),
                                                 parent));
      }
      break;

    case ORGMAP_GENERIC_PARENT_RELATION:
      {
        g_autofree char *child = describe_field (&m->relation_child);
        g_autofree char *parent = describe_field (&m->relation_parent);

        /* Translators: the first %s is an XML element; the others are its fields */
        g_ptr_array_add (lines, g_strdup_printf (ngettext ("Parent: from %u <%s> record, where %s holds the unit’s id and %s its parent’s",
                                                           "Parent: from %u <%s> records, where %s holds the unit’s id and %s its parent’s",
                                                           m->n_relations),
                                                 m->n_relations, m->relation, child, parent));
      }
      break;

    case ORGMAP_GENERIC_PARENT_NONE:
    default:
      g_ptr_array_add (lines, g_strdup (_("Parent: none found; every unit is placed at the top")));
      break;
    }

  if (m->department.name != NULL)
    {
      g_autofree char *department = describe_field (&m->department);

      if (m->n_departments > 0)
        /* Translators: %s is a field, such as “the attribute “Branch”” */
        g_ptr_array_add (lines, g_strdup_printf (ngettext ("Department: %s (%u department), from which the chart of departments can be made",
                                                           "Department: %s (%u departments), from which the chart of departments can be made",
                                                           m->n_departments),
                                                 department, m->n_departments));
      else
        g_ptr_array_add (lines, g_strdup_printf (_("Department: %s, from which the chart of departments can be made"),
                                                 department));
    }
  else
    g_ptr_array_add (lines, g_strdup (_("Department: none found")));

  g_ptr_array_add (lines, NULL);
  return (char **) g_ptr_array_steal (lines, NULL);
}

/* ------------------------------------------------------------------------ */
/* Changing */

static char *
list_fields (const OrgmapGenericElementInfo *info)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < info->fields->len && i < MAX_LISTED; i++)
    {
      if (i > 0)
        g_string_append (list, ", ");
      g_string_append (list, g_array_index (info->fields, OrgmapGenericFieldInfo, i).name);
    }
  if (info->fields->len > MAX_LISTED)
    g_string_append (list, ", …");
  return g_string_free (g_steal_pointer (&list), FALSE);
}

static char *
list_elements (OrgmapGenericStats *stats)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < stats->elements->len && i < MAX_LISTED; i++)
    {
      const OrgmapGenericElementInfo *info = g_ptr_array_index (stats->elements, i);

      if (i > 0)
        g_string_append (list, ", ");
      g_string_append (list, info->name);
    }
  if (stats->elements->len > MAX_LISTED)
    g_string_append (list, ", …");
  return g_string_free (g_steal_pointer (&list), FALSE);
}

static const OrgmapGenericElementInfo *
find_element (OrgmapGenericStats  *stats,
              const char          *element,
              GError             **error)
{
  const OrgmapGenericElementInfo *info = orgmap_generic_stats_find (stats, element);

  if (info == NULL)
    {
      g_autofree char *known = list_elements (stats);

      g_set_error (error, ORGMAP_IMPORT_ERROR, ORGMAP_IMPORT_ERROR_FORMAT,
                   /* Translators: the last %s is a list of XML element names */
                   _("The file has no element <%s> with fields; the elements that have some are: %s"),
                   element, known);
    }
  return info;
}

static gboolean
find_field (const OrgmapGenericElementInfo  *info,
            const char                      *spec,
            OrgmapGenericField              *field,
            GError                         **error)
{
  const OrgmapGenericFieldInfo *fi = orgmap_generic_element_find_field (info, spec);

  if (fi == NULL)
    {
      g_autofree char *known = list_fields (info);

      g_set_error (error, ORGMAP_IMPORT_ERROR, ORGMAP_IMPORT_ERROR_FORMAT,
                   /* Translators: the first %s is an XML element, the last one a list of its attributes and child elements */
                   _("The <%s> elements have no attribute or child element “%s”; they have: %s"),
                   info->name, spec[0] == '@' ? spec + 1 : spec, known);
      return FALSE;
    }
  orgmap_generic_field_set (field, fi->name, fi->kind);
  return TRUE;
}

static void
clear_parent (OrgmapGenericMapping *m)
{
  orgmap_generic_field_clear (&m->parent);
  orgmap_generic_field_clear (&m->relation_child);
  orgmap_generic_field_clear (&m->relation_parent);
  g_clear_pointer (&m->relation, g_free);
  g_clear_pointer (&m->wrapper, g_free);
  m->n_relations = 0;
}

/* “RELATION(CHILD,PARENT)” */
static gboolean
parse_relation (OrgmapGenericStats    *stats,
                const char            *spec,
                OrgmapGenericMapping  *m,
                GError               **error)
{
  g_autofree char *copy = g_strdup (spec);
  char *open = strchr (copy, '(');
  char *comma = open != NULL ? strchr (open, ',') : NULL;
  char *close = comma != NULL ? strchr (comma, ')') : NULL;
  const OrgmapGenericElementInfo *rel;

  if (open == NULL || comma == NULL || close == NULL || close[1] != '\0')
    {
      g_set_error (error, ORGMAP_IMPORT_ERROR, ORGMAP_IMPORT_ERROR_FORMAT,
                   /* Translators: do not translate “nesting”, “none”, RELATION, CHILD and PARENT */
                   _("“%s” is not a parent: give a field of the unit element, “nesting”, “none”, or relation records as RELATION(CHILD,PARENT)"),
                   spec);
      return FALSE;
    }
  *open = *comma = *close = '\0';
  rel = find_element (stats, g_strstrip (copy), error);
  if (rel == NULL)
    return FALSE;

  clear_parent (m);
  if (!find_field (rel, g_strstrip (open + 1), &m->relation_child, error) ||
      !find_field (rel, g_strstrip (comma + 1), &m->relation_parent, error))
    return FALSE;
  m->relation = g_strdup (rel->name);
  m->n_relations = rel->n;
  m->parent_kind = ORGMAP_GENERIC_PARENT_RELATION;
  return TRUE;
}

static gboolean
parse_parent (OrgmapGenericStats              *stats,
              const OrgmapGenericElementInfo  *info,
              const char                      *spec,
              OrgmapGenericMapping            *m,
              GError                         **error)
{
  if (strcmp (spec, "none") == 0)
    {
      clear_parent (m);
      m->parent_kind = ORGMAP_GENERIC_PARENT_NONE;
      return TRUE;
    }
  if (strcmp (spec, "nesting") == 0)
    {
      if (info->n_nested == 0)
        {
          g_set_error (error, ORGMAP_IMPORT_ERROR, ORGMAP_IMPORT_ERROR_FORMAT,
                       _("No <%s> is inside another in this file, so nesting cannot give them parents"),
                       info->name);
          return FALSE;
        }
      clear_parent (m);
      m->parent_kind = ORGMAP_GENERIC_PARENT_NESTING;
      m->wrapper = g_strdup (info->best.wrapper);
      return TRUE;
    }
  if (strchr (spec, '(') != NULL)
    return parse_relation (stats, spec, m, error);

  clear_parent (m);
  if (!find_field (info, spec, &m->parent, error))
    return FALSE;
  m->parent_kind = ORGMAP_GENERIC_PARENT_FIELD;
  return TRUE;
}

gboolean
orgmap_generic_mapping_override (OrgmapGenericMapping  *mapping,
                                 const char            *unit,
                                 const char            *id,
                                 const char            *name,
                                 const char            *parent,
                                 GError               **error)
{
  g_auto(OrgmapGenericMapping) m = { 0 };
  const OrgmapGenericElementInfo *info;

  g_return_val_if_fail (mapping != NULL, FALSE);
  g_return_val_if_fail (mapping->stats != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (unit != NULL)
    {
      info = find_element (mapping->stats, unit, error);
      if (info == NULL)
        return FALSE;
      orgmap_generic_mapping_copy_plain (&m, &info->best);
      m.stats = orgmap_generic_stats_ref (mapping->stats);
    }
  else
    {
      orgmap_generic_mapping_copy (&m, mapping);
      info = find_element (m.stats, m.unit, error);
      if (info == NULL)
        return FALSE;
    }

  if (id != NULL)
    {
      if (strcmp (id, "none") == 0)
        orgmap_generic_field_clear (&m.id);
      else if (!find_field (info, id, &m.id, error))
        return FALSE;
    }

  if (name != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (name, "+", 3);

      if (g_strv_length (parts) > 2 || *g_strstrip (parts[0]) == '\0')
        {
          g_set_error (error, ORGMAP_IMPORT_ERROR, ORGMAP_IMPORT_ERROR_FORMAT,
                       /* Translators: FirstName+LastName is an example, keep it */
                       _("“%s” is not a name: give a field, or two joined by “+” such as FirstName+LastName"),
                       name);
          return FALSE;
        }
      if (!find_field (info, parts[0], &m.name[0], error))
        return FALSE;
      orgmap_generic_field_clear (&m.name[1]);
      if (parts[1] != NULL && !find_field (info, g_strstrip (parts[1]), &m.name[1], error))
        return FALSE;
    }

  if (parent != NULL && !parse_parent (m.stats, info, parent, &m, error))
    return FALSE;

  if ((m.parent_kind == ORGMAP_GENERIC_PARENT_FIELD || m.parent_kind == ORGMAP_GENERIC_PARENT_RELATION) &&
      m.id.name == NULL)
    {
      g_set_error (error, ORGMAP_IMPORT_ERROR, ORGMAP_IMPORT_ERROR_FORMAT,
                   _("Parents are found by their id, but the <%s> elements have none: give their id field as well"),
                   m.unit);
      return FALSE;
    }

  orgmap_generic_mapping_clear (mapping);
  *mapping = m;
  memset (&m, 0, sizeof m);
  return TRUE;
}

gboolean
orgmap_generic_mapping_set_department (OrgmapGenericMapping  *mapping,
                                       const char            *department,
                                       GError               **error)
{
  const OrgmapGenericElementInfo *info;
  const OrgmapGenericFieldInfo *fi;

  g_return_val_if_fail (mapping != NULL, FALSE);
  g_return_val_if_fail (mapping->stats != NULL, FALSE);
  g_return_val_if_fail (department != NULL, FALSE);

  if (strcmp (department, "none") == 0)
    {
      orgmap_generic_field_clear (&mapping->department);
      mapping->n_departments = 0;
      return TRUE;
    }
  info = find_element (mapping->stats, mapping->unit, error);
  if (info == NULL)
    return FALSE;
  if (!find_field (info, department, &mapping->department, error))
    return FALSE;
  fi = orgmap_generic_element_find_field (info, department);
  mapping->n_departments = fi->n_distinct;
  return TRUE;
}

char **
orgmap_generic_mapping_list_units (const OrgmapGenericMapping *mapping)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **list;

  g_return_val_if_fail (mapping != NULL, NULL);

  for (guint i = 0; mapping->stats != NULL && i < mapping->stats->elements->len; i++)
    {
      const OrgmapGenericElementInfo *info = g_ptr_array_index (mapping->stats->elements, i);

      if (info->candidate)
        g_strv_builder_add (builder, info->name);
    }
  list = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return list;
}

char **
orgmap_generic_mapping_list_fields (const OrgmapGenericMapping *mapping,
                                    const char                 *unit)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  const OrgmapGenericElementInfo *info = NULL;
  char **list;

  g_return_val_if_fail (mapping != NULL, NULL);

  if (mapping->stats != NULL)
    info = orgmap_generic_stats_find (mapping->stats, unit != NULL ? unit : mapping->unit);
  for (guint i = 0; info != NULL && i < info->fields->len; i++)
    g_strv_builder_add (builder, g_array_index (info->fields, OrgmapGenericFieldInfo, i).name);
  list = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return list;
}

/* ------------------------------------------------------------------------ */
/* Reports and previews */

char *
orgmap_generic_report_summary (const OrgmapGenericReport *report,
                               OrgmapGenericMode          mode)
{
  g_autofree char *people = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  if (mode != ORGMAP_GENERIC_DEPARTMENTS)
    return g_strdup_printf (ngettext ("%u unit", "%u units", report->n_records), report->n_records);

  people = g_strdup_printf (ngettext ("%u person", "%u people", report->n_people), report->n_people);
  /* Translators: %s is a number of people, such as “18 people” */
  return g_strdup_printf (ngettext ("%s in %u department", "%s in %u departments", report->n_departments),
                          people, report->n_departments);
}

static void
preview_row_clear (gpointer data)
{
  OrgmapGenericPreviewRow *row = data;

  g_free (row->name);
  g_free (row->parent);
}

GArray *
orgmap_generic_preview (const char                  *path,
                        const OrgmapGenericMapping  *mapping,
                        OrgmapGenericMode            mode,
                        guint                        max_rows,
                        GError                     **error)
{
  g_autoptr(OrgmapDocument) doc = NULL;
  GArray *rows;
  guint n;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  doc = orgmap_generic_import_file (path, mapping, mode, NULL, NULL, NULL, error);
  if (doc == NULL)
    return NULL;

  n = MIN (max_rows, orgmap_document_get_n_units (doc));
  rows = g_array_sized_new (FALSE, TRUE, sizeof (OrgmapGenericPreviewRow), n);
  g_array_set_clear_func (rows, preview_row_clear);
  for (guint i = 0; i < n; i++)
    {
      const OrgmapUnit *unit = orgmap_document_get_unit (doc, i);
      OrgmapGenericPreviewRow row;

      row.name = g_strdup (unit->name);
      row.parent = unit->parent != ORGMAP_NONE
                   ? g_strdup (orgmap_document_get_unit (doc, unit->parent)->name) : NULL;
      g_array_append_val (rows, row);
    }
  return rows;
}

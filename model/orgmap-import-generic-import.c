/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-model"

#include "config.h"

#include "orgmap-import-generic.h"

#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "orgmap-import-generic-private.h"
#include "orgmap-import-reader.h"
#include "orgmap-xml-import.h"

/* The import of generic XML with a mapping: one streaming pass gathers the
 * records (unit elements) and relation records; then ids are checked,
 * parents resolved (a parent no record has, a record its own parent, a
 * second parent and a cycle are noted and worked around), and the
 * records, or the departments made from them, go to an OrgmapGraph that
 * builds the document as every foreign importer does. */

/* What a field is to a record: a set of roles (one field may be both the
 * id and the name), and for the other fields recognised the graph's field
 * in EXTRA_SHIFT's bits. */
enum
{
  ROLE_ID         = 1 << 0,
  ROLE_NAME0      = 1 << 1,
  ROLE_NAME1      = 1 << 2,
  ROLE_PARENT     = 1 << 3,
  ROLE_DEPARTMENT = 1 << 4,
  ROLE_REL_CHILD  = 1 << 5,
  ROLE_REL_PARENT = 1 << 6,
  ROLE_EXTRA      = 1 << 7,
};
#define ROLE_CACHED (1u << 30)   /* in the caches: known, maybe as no role */
#define EXTRA_SHIFT 16

typedef enum
{
  OWNER_UNIT,
  OWNER_RELATION,
  N_OWNERS
} Owner;

typedef enum
{
  FRAME_OTHER,
  FRAME_UNIT,
  FRAME_RELATION,
  FRAME_FIELD,
} FrameKind;

typedef struct
{
  guint8   kind;
  guint8   owner;       /* FIELD: whose field */
  gboolean spoiled;     /* FIELD: holds elements, or too much text */
  guint32  roles;       /* FIELD */
  guint32  index;       /* UNIT, RELATION: the record; FIELD: its owner */
  guint32  prev_unit;   /* UNIT: the unit open around it */
  int      line;        /* FIELD */
  int      column;
} Frame;

typedef struct
{
  const char *id;
  const char *parent;          /* the reference as written */
  const char *department;
  const char *name[2];
  guint32     nest_parent;     /* the unit element around it */
  int         line;
  int         column;
  int         parent_line;     /* where the parent chosen is named */
  int         parent_column;
} Record;

typedef struct
{
  const char *child;
  const char *parent;
  int         line;
  int         column;
} Relation;

typedef struct
{
  guint32           record;
  OrgmapGraphField  field;
  const char       *value;
  int               line;
  int               column;
} Extra;

/* An internal-client link instead of a line of command */
typedef struct
{
  guint32 source;
  guint32 target;
  int     line;
  int     column;
} LinkPair;

typedef struct
{
  const OrgmapGenericMapping *mapping;
  OrgmapGenericMode           mode;
  OrgmapImportReader         *in;
  xmlTextReaderPtr            xml;
  OrgmapImportLog            *log;
  GStringChunk               *chunk;
  GHashTable                 *element_kinds;            /* name → FrameKind | ROLE_CACHED */
  GHashTable                 *roles[N_OWNERS][2];       /* [owner][field kind]: name → roles | ROLE_CACHED */
  GArray                     *records;                  /* Record */
  GArray                     *relations;                /* Relation */
  GArray                     *extras;                   /* Extra */
  GArray                     *stack;                    /* Frame */
  GString                    *text;
  guint32                     current_unit;

  /* After reading */
  const char                **names;                    /* per record */
  GHashTable                 *ids;                      /* id → record + 1 */
  guint32                    *parent;                   /* per record */
  GArray                     *links;                    /* LinkPair, between records */
  guint                       n_ignored;
} Import;

static inline Record *
record_at (Import  *imp,
           guint32  i)
{
  return &g_array_index (imp->records, Record, i);
}

/* ------------------------------------------------------------------------ */
/* Reading */

static FrameKind
element_kind (Import     *imp,
              const char *name)
{
  guint kind = GPOINTER_TO_UINT (g_hash_table_lookup (imp->element_kinds, name));

  if (kind == 0)
    {
      const OrgmapGenericMapping *m = imp->mapping;

      if (strcmp (name, m->unit) == 0)
        kind = FRAME_UNIT;
      else if (m->parent_kind == ORGMAP_GENERIC_PARENT_RELATION && strcmp (name, m->relation) == 0)
        kind = FRAME_RELATION;
      else
        kind = FRAME_OTHER;
      kind |= ROLE_CACHED;
      g_hash_table_insert (imp->element_kinds, (gpointer) name, GUINT_TO_POINTER (kind));
    }
  return kind & ~ROLE_CACHED;
}

static gboolean
is_field (const OrgmapGenericField *field,
          const char               *name,
          OrgmapGenericFieldKind    kind)
{
  return field->name != NULL && field->kind == kind && strcmp (field->name, name) == 0;
}

static guint32
compute_roles (Import                 *imp,
               Owner                   owner,
               OrgmapGenericFieldKind  kind,
               const char             *name)
{
  const OrgmapGenericMapping *m = imp->mapping;
  guint32 roles = 0;

  if (owner == OWNER_RELATION)
    {
      if (is_field (&m->relation_child, name, kind))
        roles |= ROLE_REL_CHILD;
      if (is_field (&m->relation_parent, name, kind))
        roles |= ROLE_REL_PARENT;
      return roles;
    }

  if (is_field (&m->id, name, kind))
    roles |= ROLE_ID;
  if (is_field (&m->name[0], name, kind))
    roles |= ROLE_NAME0;
  if (is_field (&m->name[1], name, kind))
    roles |= ROLE_NAME1;
  if (m->parent_kind == ORGMAP_GENERIC_PARENT_FIELD && is_field (&m->parent, name, kind))
    roles |= ROLE_PARENT;
  if (imp->mode == ORGMAP_GENERIC_DEPARTMENTS && is_field (&m->department, name, kind))
    roles |= ROLE_DEPARTMENT;
  if (imp->mode == ORGMAP_GENERIC_UNITS)
    for (guint f = 0; f < ORGMAP_GRAPH_N_FIELDS; f++)
      if (f != ORGMAP_GRAPH_FIELD_NAME && is_field (&m->extra[f], name, kind))
        {
          roles |= ROLE_EXTRA | (f << EXTRA_SHIFT);
          break;
        }
  return roles;
}

static guint32
field_roles (Import                 *imp,
             Owner                   owner,
             OrgmapGenericFieldKind  kind,
             const char             *name)
{
  GHashTable *cache = imp->roles[owner][kind];
  guint32 roles = GPOINTER_TO_UINT (g_hash_table_lookup (cache, name));

  if (roles == 0)
    {
      roles = compute_roles (imp, owner, kind, name) | ROLE_CACHED;
      g_hash_table_insert (cache, (gpointer) name, GUINT_TO_POINTER (roles));
    }
  return roles & ~ROLE_CACHED;
}

/* @value without white space around it, in the chunk; NULL when blank */
static const char *
keep_stripped (Import     *imp,
               const char *value)
{
  const char *end;

  while (g_ascii_isspace (*value))
    value++;
  if (*value == '\0')
    return NULL;
  end = value + strlen (value);
  while (g_ascii_isspace (end[-1]))
    end--;
  return g_string_chunk_insert_len (imp->chunk, value, end - value);
}

static void
set_value (Import     *imp,
           Owner       owner,
           guint32     index,
           guint32     roles,
           const char *value,
           int         line,
           int         column)
{
  const char *kept = keep_stripped (imp, value);

  if (kept == NULL)
    return;

  if (owner == OWNER_RELATION)
    {
      Relation *rel = &g_array_index (imp->relations, Relation, index);

      if ((roles & ROLE_REL_CHILD) != 0 && rel->child == NULL)
        rel->child = kept;
      if ((roles & ROLE_REL_PARENT) != 0 && rel->parent == NULL)
        rel->parent = kept;
      return;
    }

  {
    Record *r = record_at (imp, index);

    if ((roles & ROLE_ID) != 0 && r->id == NULL)
      r->id = kept;
    if ((roles & ROLE_NAME0) != 0 && r->name[0] == NULL)
      r->name[0] = kept;
    if ((roles & ROLE_NAME1) != 0 && r->name[1] == NULL)
      r->name[1] = kept;
    if ((roles & ROLE_PARENT) != 0 && r->parent == NULL)
      {
        r->parent = kept;
        r->parent_line = line;
        r->parent_column = column;
      }
    if ((roles & ROLE_DEPARTMENT) != 0 && r->department == NULL)
      {
        g_autofree char *collapsed = orgmap_graph_collapse_space (kept);

        r->department = g_string_chunk_insert (imp->chunk, collapsed);
      }
    if ((roles & ROLE_EXTRA) != 0)
      {
        Extra extra = { index, roles >> EXTRA_SHIFT, kept, line, column };

        g_array_append_val (imp->extras, extra);
      }
  }
}

static void
read_attributes (Import  *imp,
                 Owner    owner,
                 guint32  index,
                 int      line,
                 int      column)
{
  if (xmlTextReaderHasAttributes (imp->xml) != 1)
    return;
  while (xmlTextReaderMoveToNextAttribute (imp->xml) == 1)
    {
      const char *name = (const char *) xmlTextReaderConstName (imp->xml);
      guint32 roles;

      if (name == NULL || xmlTextReaderIsNamespaceDecl (imp->xml) == 1)
        continue;
      roles = field_roles (imp, owner, ORGMAP_GENERIC_ATTRIBUTE, name);
      if (roles != 0)
        set_value (imp, owner, index, roles, (const char *) xmlTextReaderConstValue (imp->xml),
                   line, column);
    }
  xmlTextReaderMoveToElement (imp->xml);
}

static void
push (Import *imp,
      Frame  *frame)
{
  g_array_append_vals (imp->stack, frame, 1);
}

static void
start_element (Import *imp)
{
  const char *name = (const char *) xmlTextReaderConstName (imp->xml);
  gboolean empty = xmlTextReaderIsEmptyElement (imp->xml) == 1;
  Frame *top = imp->stack->len > 0 ? &g_array_index (imp->stack, Frame, imp->stack->len - 1) : NULL;
  Frame frame = { FRAME_OTHER };
  FrameKind kind;

  if (top != NULL && top->kind == FRAME_FIELD)
    {
      /* A field holds text only */
      top->spoiled = TRUE;
      if (!empty)
        push (imp, &frame);
      return;
    }

  kind = name != NULL ? element_kind (imp, name) : FRAME_OTHER;
  if (kind == FRAME_UNIT)
    {
      Record r = { 0 };

      frame.kind = FRAME_UNIT;
      frame.index = imp->records->len;
      r.nest_parent = imp->current_unit;
      orgmap_import_reader_locate (imp->in, &r.line, &r.column);
      g_array_append_val (imp->records, r);
      read_attributes (imp, OWNER_UNIT, frame.index, r.line, r.column);
      if (!empty)
        {
          frame.prev_unit = imp->current_unit;
          imp->current_unit = frame.index;
          push (imp, &frame);
        }
      return;
    }
  if (kind == FRAME_RELATION)
    {
      Relation rel = { 0 };

      frame.kind = FRAME_RELATION;
      frame.index = imp->relations->len;
      orgmap_import_reader_locate (imp->in, &rel.line, &rel.column);
      g_array_append_val (imp->relations, rel);
      read_attributes (imp, OWNER_RELATION, frame.index, rel.line, rel.column);
      if (!empty)
        push (imp, &frame);
      return;
    }

  if (top != NULL && (top->kind == FRAME_UNIT || top->kind == FRAME_RELATION) && !empty)
    {
      Owner owner = top->kind == FRAME_UNIT ? OWNER_UNIT : OWNER_RELATION;
      guint32 roles = field_roles (imp, owner, ORGMAP_GENERIC_CHILD, name);

      if (roles != 0)
        {
          frame.kind = FRAME_FIELD;
          frame.owner = owner;
          frame.roles = roles;
          frame.index = top->index;
          orgmap_import_reader_locate (imp->in, &frame.line, &frame.column);
          g_string_truncate (imp->text, 0);
        }
    }
  if (!empty)
    push (imp, &frame);
}

static void
add_text (Import *imp)
{
  Frame *top;
  const char *value;

  if (imp->stack->len == 0)
    return;
  top = &g_array_index (imp->stack, Frame, imp->stack->len - 1);
  if (top->kind != FRAME_FIELD || top->spoiled)
    return;
  value = (const char *) xmlTextReaderConstValue (imp->xml);
  if (value == NULL)
    return;
  if (imp->text->len + strlen (value) > ORGMAP_XML_MAX_VALUE_LENGTH)
    {
      orgmap_import_log_note (imp->log, top->line, top->column, NULL,
                              _("A value is longer than %u KiB; it was left out"),
                              ORGMAP_XML_MAX_VALUE_LENGTH / 1024);
      top->spoiled = TRUE;
      return;
    }
  g_string_append (imp->text, value);
}

static void
end_element (Import *imp)
{
  Frame frame;

  if (imp->stack->len == 0)
    return;
  frame = g_array_index (imp->stack, Frame, imp->stack->len - 1);
  g_array_set_size (imp->stack, imp->stack->len - 1);

  if (frame.kind == FRAME_UNIT)
    imp->current_unit = frame.prev_unit;
  else if (frame.kind == FRAME_FIELD && !frame.spoiled)
    set_value (imp, frame.owner, frame.index, frame.roles, imp->text->str, frame.line, frame.column);
}

static void
read_all (Import *imp)
{
  while (orgmap_import_reader_next (imp->in))
    {
      switch (orgmap_import_reader_node_type (imp->in))
        {
        case XML_READER_TYPE_ELEMENT:
          start_element (imp);
          break;
        case XML_READER_TYPE_END_ELEMENT:
          end_element (imp);
          break;
        case XML_READER_TYPE_TEXT:
          add_text (imp);
          break;
        default:
          break;
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Ids, names and parents */

/* Each record's name: its name fields joined, else its id, else its
 * element and number */
static void
make_names (Import *imp)
{
  guint n = imp->records->len;

  imp->names = g_new (const char *, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      Record *r = record_at (imp, i);
      g_autofree char *joined = NULL;
      g_autofree char *name = NULL;

      if (r->name[0] != NULL && r->name[1] != NULL)
        joined = g_strconcat (r->name[0], " ", r->name[1], NULL);
      else if (r->name[0] != NULL || r->name[1] != NULL)
        joined = g_strdup (r->name[0] != NULL ? r->name[0] : r->name[1]);
      if (joined != NULL)
        name = orgmap_graph_collapse_space (joined);
      if (name != NULL && *name != '\0')
        imp->names[i] = g_string_chunk_insert (imp->chunk, name);
      else if (r->id != NULL)
        imp->names[i] = r->id;
      else
        {
          g_autofree char *numbered = g_strdup_printf ("%s %u", imp->mapping->unit, i + 1);

          imp->names[i] = g_string_chunk_insert (imp->chunk, numbered);
        }
    }
}

/* Fails for a repeated id; gives records without one an id no other has */
static void
check_ids (Import *imp)
{
  guint n = imp->records->len;
  guint next = 1;

  imp->ids = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    {
      Record *r = record_at (imp, i);
      gpointer first;

      if (r->id == NULL)
        continue;
      first = g_hash_table_lookup (imp->ids, r->id);
      if (first != NULL)
        orgmap_import_log_fail (imp->log, ORGMAP_IMPORT_ERROR_INVALID, r->line, r->column, r->id,
                                _("The id “%s” is already used by the <%s> on line %d"),
                                r->id, imp->mapping->unit, record_at (imp, GPOINTER_TO_UINT (first) - 1)->line);
      else
        g_hash_table_insert (imp->ids, (gpointer) r->id, GUINT_TO_POINTER (i + 1));
    }

  for (guint i = 0; i < n; i++)
    {
      Record *r = record_at (imp, i);
      char id[32];

      if (r->id != NULL)
        continue;
      do
        g_snprintf (id, sizeof id, "u%u", next++);
      while (g_hash_table_contains (imp->ids, id));
      r->id = g_string_chunk_insert (imp->chunk, id);
      g_hash_table_insert (imp->ids, (gpointer) r->id, GUINT_TO_POINTER (i + 1));
    }
}

static guint32
find_record (Import     *imp,
             const char *id)
{
  gpointer found = g_hash_table_lookup (imp->ids, id);

  return found != NULL ? GPOINTER_TO_UINT (found) - 1 : ORGMAP_NONE;
}

/* The id a record has in the file, for a problem; NULL when it has none */
static const char *
file_id (Import  *imp,
         guint32  i)
{
  return imp->mapping->id.name != NULL ? record_at (imp, i)->id : NULL;
}

static void
add_link (Import  *imp,
          guint32  source,
          guint32  target,
          int      line,
          int      column)
{
  LinkPair link = { source, target, line, column };

  if (imp->mode == ORGMAP_GENERIC_UNITS)
    g_array_append_val (imp->links, link);
}

static void
resolve_fields (Import *imp)
{
  const char *unit = imp->mapping->unit;

  for (guint i = 0; i < imp->records->len; i++)
    {
      Record *r = record_at (imp, i);
      guint32 p;

      if (r->parent == NULL)
        continue;
      p = find_record (imp, r->parent);
      if (p == i)
        {
          imp->n_ignored++;
          orgmap_import_log_note (imp->log, r->parent_line, r->parent_column, file_id (imp, i),
                                  _("“%s” names itself as its parent; it was placed at the top"),
                                  imp->names[i]);
        }
      else if (p != ORGMAP_NONE)
        imp->parent[i] = p;
      else if (!orgmap_generic_is_no_parent (r->parent))
        {
          imp->n_ignored++;
          orgmap_import_log_note (imp->log, r->parent_line, r->parent_column, file_id (imp, i),
                                  _("“%s” names “%s” as its parent, but no <%s> has that id; it was placed at the top"),
                                  imp->names[i], r->parent, unit);
        }
    }
}

static void
resolve_relations (Import *imp)
{
  const OrgmapGenericMapping *m = imp->mapping;

  for (guint k = 0; k < imp->relations->len; k++)
    {
      const Relation *rel = &g_array_index (imp->relations, Relation, k);
      guint32 child, p;

      if (rel->child == NULL || rel->parent == NULL)
        {
          imp->n_ignored++;
          orgmap_import_log_note (imp->log, rel->line, rel->column, NULL,
                                  _("This <%s> does not name both a unit and its parent; it was left out"),
                                  m->relation);
          continue;
        }
      child = find_record (imp, rel->child);
      p = find_record (imp, rel->parent);
      if (child == ORGMAP_NONE || p == ORGMAP_NONE)
        {
          const char *missing = child == ORGMAP_NONE ? rel->child : rel->parent;

          imp->n_ignored++;
          orgmap_import_log_note (imp->log, rel->line, rel->column, missing,
                                  _("This <%s> names “%s”, but no <%s> has that id; it was left out"),
                                  m->relation, missing, m->unit);
        }
      else if (child == p)
        {
          imp->n_ignored++;
          orgmap_import_log_note (imp->log, rel->line, rel->column, rel->child,
                                  _("This <%s> makes “%s” its own parent; it was left out"),
                                  m->relation, imp->names[child]);
        }
      else if (imp->parent[child] == ORGMAP_NONE)
        {
          Record *r = record_at (imp, child);

          imp->parent[child] = p;
          r->parent_line = rel->line;
          r->parent_column = rel->column;
        }
      else if (imp->parent[child] == p)
        {
          imp->n_ignored++;
          orgmap_import_log_note (imp->log, rel->line, rel->column, rel->child,
                                  _("This <%s> repeats that “%s” is under “%s”; it was left out"),
                                  m->relation, imp->names[child], imp->names[p]);
        }
      else
        {
          add_link (imp, p, child, rel->line, rel->column);
          if (imp->mode == ORGMAP_GENERIC_UNITS)
            orgmap_import_log_note (imp->log, rel->line, rel->column, rel->child,
                                    _("“%s” is already under “%s”; this <%s> placing it under “%s” as well became a link instead"),
                                    imp->names[child], imp->names[imp->parent[child]], m->relation,
                                    imp->names[p]);
          else
            orgmap_import_log_note (imp->log, rel->line, rel->column, rel->child,
                                    _("“%s” is already under “%s”; this <%s> placing it under “%s” as well was left out"),
                                    imp->names[child], imp->names[imp->parent[child]], m->relation,
                                    imp->names[p]);
        }
    }
}

typedef void (*CutFunc) (Import  *imp,
                         guint32  node,
                         guint32  old_parent,
                         gpointer data);

/* Breaks every cycle of @parent where it closes: at the member that comes
 * last, which is placed at the top. Linear. */
static void
cut_cycles (Import  *imp,
            guint32 *parent,
            guint    n,
            CutFunc  func,
            gpointer data)
{
  g_autofree guint32 *stamp = g_new0 (guint32, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      guint32 u = i;

      if (stamp[i] != 0)
        continue;
      while (u != ORGMAP_NONE && stamp[u] == 0)
        {
          stamp[u] = i + 1;
          u = parent[u];
        }
      if (u != ORGMAP_NONE && stamp[u] == i + 1)
        {
          guint32 last = u;
          guint32 old;

          for (guint32 v = parent[u]; v != u; v = parent[v])
            last = MAX (last, v);
          old = parent[last];
          parent[last] = ORGMAP_NONE;
          func (imp, last, old, data);
        }
    }
}

static void
cut_record (Import  *imp,
            guint32  node,
            guint32  old_parent,
            gpointer data)
{
  Record *r = record_at (imp, node);

  add_link (imp, old_parent, node, r->parent_line, r->parent_column);
  if (imp->mode == ORGMAP_GENERIC_UNITS)
    orgmap_import_log_note (imp->log, r->parent_line, r->parent_column, file_id (imp, node),
                            _("“%s” is under “%s”, which is under it in turn: that closes a cycle, so “%s” was placed at the top and the reference became a link"),
                            imp->names[node], imp->names[old_parent], imp->names[node]);
  else
    orgmap_import_log_note (imp->log, r->parent_line, r->parent_column, file_id (imp, node),
                            _("“%s” is under “%s”, which is under it in turn: that closes a cycle, so “%s” was placed at the top"),
                            imp->names[node], imp->names[old_parent], imp->names[node]);
}

static void
resolve_parents (Import *imp)
{
  guint n = imp->records->len;

  imp->parent = g_new (guint32, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    imp->parent[i] = ORGMAP_NONE;

  switch (imp->mapping->parent_kind)
    {
    case ORGMAP_GENERIC_PARENT_NESTING:
      for (guint i = 0; i < n; i++)
        {
          Record *r = record_at (imp, i);

          imp->parent[i] = r->nest_parent;
          r->parent_line = r->line;
          r->parent_column = r->column;
        }
      return;

    case ORGMAP_GENERIC_PARENT_FIELD:
      resolve_fields (imp);
      break;

    case ORGMAP_GENERIC_PARENT_RELATION:
      resolve_relations (imp);
      break;

    case ORGMAP_GENERIC_PARENT_NONE:
    default:
      return;
    }
  cut_cycles (imp, imp->parent, n, cut_record, NULL);
}

/* ------------------------------------------------------------------------ */
/* Building */

static OrgmapDocument *
build_units (Import             *imp,
             const char         *doc_name,
             OrgmapImportReport *report)
{
  g_autoptr(OrgmapGraph) graph = orgmap_graph_new (imp->log);

  for (guint i = 0; i < imp->records->len; i++)
    {
      const Record *r = record_at (imp, i);

      orgmap_graph_add_node (graph, r->id, r->line, r->column);
      orgmap_graph_set_field (graph, i, ORGMAP_GRAPH_FIELD_NAME, imp->names[i], r->line, r->column);
    }
  for (guint k = 0; k < imp->extras->len; k++)
    {
      const Extra *e = &g_array_index (imp->extras, Extra, k);

      orgmap_graph_set_field (graph, e->record, e->field, e->value, e->line, e->column);
    }
  for (guint k = 0; k < imp->links->len; k++)
    {
      const LinkPair *link = &g_array_index (imp->links, LinkPair, k);

      orgmap_graph_add_edge (graph, NULL, record_at (imp, link->source)->id,
                             record_at (imp, link->target)->id, link->line, link->column);
    }
  return orgmap_graph_build_tree (graph, imp->parent, doc_name, report);
}

typedef struct
{
  const char *name;
  guint32     head;
  guint32     first;
  guint       count;
} Department;

typedef struct
{
  GArray *departments;   /* Department */
  GArray *links;         /* LinkPair, between departments */
} DepartmentCut;

static void
cut_department (Import  *imp,
                guint32  node,
                guint32  old_parent,
                gpointer data)
{
  DepartmentCut *cut = data;
  const Department *d = &g_array_index (cut->departments, Department, node);
  const Department *old = &g_array_index (cut->departments, Department, old_parent);
  const Record *head = record_at (imp, d->head);
  LinkPair link = { old_parent, node, head->line, head->column };

  g_array_append_val (cut->links, link);
  orgmap_import_log_note (imp->log, head->line, head->column, d->name,
                          _("The department “%s” would be under “%s”, which is under it in turn; “%s” was placed at the top and a link joins them instead"),
                          d->name, old->name, d->name);
}

/* Children first: each record's place in an order where parents come
 * before their children */
static guint32 *
order_top_down (Import *imp)
{
  guint n = imp->records->len;
  g_autofree guint32 *first_child = g_new (guint32, MAX (n, 1));
  g_autofree guint32 *next_sibling = g_new (guint32, MAX (n, 1));
  guint32 *order = g_new (guint32, MAX (n, 1));
  guint head = 0, tail = 0;

  for (guint i = 0; i < n; i++)
    first_child[i] = ORGMAP_NONE;
  for (guint i = n; i > 0; i--)
    {
      guint32 p = imp->parent[i - 1];

      if (p == ORGMAP_NONE)
        continue;
      next_sibling[i - 1] = first_child[p];
      first_child[p] = i - 1;
    }
  for (guint i = 0; i < n; i++)
    if (imp->parent[i] == ORGMAP_NONE)
      order[tail++] = i;
  while (head < tail)
    {
      guint32 u = order[head++];

      for (guint32 c = first_child[u]; c != ORGMAP_NONE; c = next_sibling[c])
        order[tail++] = c;
    }
  g_assert (tail == n);
  return order;
}

static OrgmapDocument *
build_departments (Import              *imp,
                   const char          *doc_name,
                   OrgmapImportReport  *report,
                   OrgmapGenericReport *generic)
{
  guint n = imp->records->len;
  g_autoptr(OrgmapGraph) graph = NULL;
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) departments = g_array_new (FALSE, FALSE, sizeof (Department));
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (LinkPair));
  g_autofree guint32 *dept = g_new (guint32, MAX (n, 1));
  g_autofree guint32 *size_all = g_new0 (guint32, MAX (n, 1));
  g_autofree guint32 *size_own = g_new0 (guint32, MAX (n, 1));
  g_autofree guint32 *order = NULL;
  g_autofree guint32 *dept_parent = NULL;
  guint32 first_without = ORGMAP_NONE;
  guint n_without = 0;
  DepartmentCut cut;

  for (guint i = 0; i < n; i++)
    {
      const Record *r = record_at (imp, i);
      gpointer found;

      dept[i] = ORGMAP_NONE;
      if (r->department == NULL)
        {
          if (n_without++ == 0)
            first_without = i;
          continue;
        }
      found = g_hash_table_lookup (index, r->department);
      if (found == NULL)
        {
          Department d = { r->department, ORGMAP_NONE, i, 0 };

          g_array_append_val (departments, d);
          found = GUINT_TO_POINTER (departments->len);
          g_hash_table_insert (index, (gpointer) r->department, found);
        }
      dept[i] = GPOINTER_TO_UINT (found) - 1;
      g_array_index (departments, Department, dept[i]).count++;
    }

  if (departments->len == 0)
    {
      orgmap_import_log_fail (imp->log, ORGMAP_IMPORT_ERROR_INVALID, 0, 0, NULL,
                              _("None of the <%s> elements gives a department, so there is no chart of departments to make"),
                              imp->mapping->unit);
      return NULL;
    }
  if (n_without > 0)
    {
      const Record *r = record_at (imp, first_without);

      orgmap_import_log_note (imp->log, r->line, r->column, file_id (imp, first_without),
                              ngettext ("%u person has no department and was left out of the chart of departments: “%s”",
                                        "%u people have no department and were left out of the chart of departments, the first being “%s”",
                                        n_without),
                              n_without, imp->names[first_without]);
    }

  /* Sizes of each subtree, in all and within the person's department */
  order = order_top_down (imp);
  for (guint k = n; k > 0; k--)
    {
      guint32 u = order[k - 1];
      guint32 p = imp->parent[u];

      size_all[u]++;
      size_own[u]++;
      if (p == ORGMAP_NONE)
        continue;
      size_all[p] += size_all[u];
      if (dept[p] == dept[u])
        size_own[p] += size_own[u];
    }

  /* The head: of the people whose manager is outside the department (or
   * who have none), the one with most of the department under them */
  for (guint i = 0; i < n; i++)
    {
      guint32 p = imp->parent[i];
      Department *d;

      if (dept[i] == ORGMAP_NONE || (p != ORGMAP_NONE && dept[p] == dept[i]))
        continue;
      d = &g_array_index (departments, Department, dept[i]);
      if (d->head == ORGMAP_NONE || size_own[i] > size_own[d->head] ||
          (size_own[i] == size_own[d->head] && size_all[i] > size_all[d->head]))
        d->head = i;
    }

  /* A department's parent: the department of its head's manager, or of
   * the nearest one above with a department of its own */
  dept_parent = g_new (guint32, departments->len);
  for (guint k = 0; k < departments->len; k++)
    {
      guint32 u = imp->parent[g_array_index (departments, Department, k).head];

      while (u != ORGMAP_NONE && (dept[u] == ORGMAP_NONE || dept[u] == k))
        u = imp->parent[u];
      dept_parent[k] = u != ORGMAP_NONE ? dept[u] : ORGMAP_NONE;
    }
  cut.departments = departments;
  cut.links = links;
  cut_cycles (imp, dept_parent, departments->len, cut_department, &cut);

  graph = orgmap_graph_new (imp->log);
  for (guint k = 0; k < departments->len; k++)
    {
      const Department *d = &g_array_index (departments, Department, k);
      const Record *first = record_at (imp, d->first);
      const Record *head = record_at (imp, d->head);
      char count[16];

      g_snprintf (count, sizeof count, "%u", d->count);
      orgmap_graph_add_node (graph, d->name, first->line, first->column);
      orgmap_graph_set_field (graph, k, ORGMAP_GRAPH_FIELD_NAME, d->name, first->line, first->column);
      orgmap_graph_set_field (graph, k, ORGMAP_GRAPH_FIELD_HEAD, imp->names[d->head], head->line, head->column);
      orgmap_graph_set_field (graph, k, ORGMAP_GRAPH_FIELD_HEADCOUNT, count, first->line, first->column);
    }
  for (guint k = 0; k < links->len; k++)
    {
      const LinkPair *link = &g_array_index (links, LinkPair, k);

      orgmap_graph_add_edge (graph, NULL, g_array_index (departments, Department, link->source).name,
                             g_array_index (departments, Department, link->target).name,
                             link->line, link->column);
    }

  if (generic != NULL)
    {
      generic->n_people = n - n_without;
      generic->n_departments = departments->len;
      generic->n_without_department = n_without;
    }
  return orgmap_graph_build_tree (graph, dept_parent, doc_name, report);
}

/* ------------------------------------------------------------------------ */

/* The document's name: the file's, without its extension */
static char *
document_name (const char *path)
{
  g_autofree char *base = g_filename_display_basename (path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

/* A mapping that cannot be used: one sentence, as the error and the problem */
static OrgmapDocument *
refuse (OrgmapProblems  *problems,
        GError         **error,
        const char      *message)
{
  if (problems != NULL)
    orgmap_problems_add (problems, 0, 0, NULL, "%s", message);
  g_set_error_literal (error, ORGMAP_IMPORT_ERROR, ORGMAP_IMPORT_ERROR_FORMAT, message);
  return NULL;
}

static void
import_clear (Import *imp)
{
  g_clear_pointer (&imp->element_kinds, g_hash_table_unref);
  for (guint o = 0; o < N_OWNERS; o++)
    for (guint k = 0; k < 2; k++)
      g_clear_pointer (&imp->roles[o][k], g_hash_table_unref);
  g_clear_pointer (&imp->records, g_array_unref);
  g_clear_pointer (&imp->relations, g_array_unref);
  g_clear_pointer (&imp->extras, g_array_unref);
  g_clear_pointer (&imp->stack, g_array_unref);
  g_clear_pointer (&imp->links, g_array_unref);
  g_clear_pointer (&imp->ids, g_hash_table_unref);
  g_clear_pointer (&imp->names, g_free);
  g_clear_pointer (&imp->parent, g_free);
  if (imp->text != NULL)
    g_string_free (g_steal_pointer (&imp->text), TRUE);
  g_clear_pointer (&imp->chunk, g_string_chunk_free);
}

OrgmapDocument *
orgmap_generic_import_file (const char                  *path,
                            const OrgmapGenericMapping  *mapping,
                            OrgmapGenericMode            mode,
                            OrgmapImportReport          *report,
                            OrgmapGenericReport         *generic_report,
                            OrgmapProblems              *problems,
                            GError                     **error)
{
  g_auto(OrgmapGenericMapping) detected = { 0 };
  g_autoptr(OrgmapImportLog) log = NULL;
  g_autofree char *display = NULL;
  g_autofree char *doc_name = NULL;
  OrgmapDocument *doc = NULL;
  Import imp = { 0 };
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (mapping == NULL)
    {
      if (!orgmap_generic_detect (path, &detected, problems, error))
        return NULL;
      mapping = &detected;
    }
  g_return_val_if_fail (mapping->unit != NULL, NULL);

  if ((mapping->parent_kind == ORGMAP_GENERIC_PARENT_FIELD && mapping->parent.name == NULL) ||
      (mapping->parent_kind == ORGMAP_GENERIC_PARENT_RELATION &&
       (mapping->relation == NULL || mapping->relation_child.name == NULL ||
        mapping->relation_parent.name == NULL)))
    return refuse (problems, error, _("The mapping says parents are found by a field, but names none"));
  if (mode == ORGMAP_GENERIC_DEPARTMENTS && mapping->department.name == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("No field of the <%s> elements is known to hold a department: choose one to make the chart of departments"),
                         mapping->unit);

      return refuse (problems, error, message);
    }

  log = orgmap_import_log_new ();
  display = g_filename_display_basename (path);
  fd = orgmap_import_open_file (path, log);
  if (fd >= 0)
    {
      imp.mapping = mapping;
      imp.mode = mode;
      imp.log = log;
      imp.in = orgmap_import_reader_new_for_fd (fd, log);
      imp.xml = orgmap_import_reader_get_xml (imp.in);
      imp.chunk = g_string_chunk_new (1 << 16);
      imp.element_kinds = g_hash_table_new (NULL, NULL);
      for (guint o = 0; o < N_OWNERS; o++)
        for (guint k = 0; k < 2; k++)
          imp.roles[o][k] = g_hash_table_new (NULL, NULL);
      imp.records = g_array_new (FALSE, FALSE, sizeof (Record));
      imp.relations = g_array_new (FALSE, FALSE, sizeof (Relation));
      imp.extras = g_array_new (FALSE, FALSE, sizeof (Extra));
      imp.stack = g_array_new (FALSE, FALSE, sizeof (Frame));
      imp.links = g_array_new (FALSE, FALSE, sizeof (LinkPair));
      imp.text = g_string_new (NULL);
      imp.current_unit = ORGMAP_NONE;
      if (imp.xml != NULL)
        read_all (&imp);
      /* Names in the caches belong to the reader's dictionary */
      g_clear_pointer (&imp.element_kinds, g_hash_table_unref);
      for (guint o = 0; o < N_OWNERS; o++)
        for (guint k = 0; k < 2; k++)
          g_clear_pointer (&imp.roles[o][k], g_hash_table_unref);
      orgmap_import_reader_free (imp.in);
      close (fd);

      if (!orgmap_import_log_failed (log) && imp.records->len == 0)
        orgmap_import_log_fail (log, ORGMAP_IMPORT_ERROR_INVALID, 0, 0, NULL,
                                _("The file has no <%s> element to import"), mapping->unit);
      if (!orgmap_import_log_failed (log))
        {
          make_names (&imp);
          check_ids (&imp);
        }
      if (!orgmap_import_log_failed (log))
        {
          resolve_parents (&imp);
          doc_name = document_name (path);
          if (mode == ORGMAP_GENERIC_DEPARTMENTS)
            doc = build_departments (&imp, doc_name, report, generic_report);
          else
            doc = build_units (&imp, doc_name, report);
        }
      if (doc != NULL && generic_report != NULL)
        generic_report->n_records = imp.records->len;
      import_clear (&imp);
    }

  if (doc == NULL)
    {
      orgmap_import_log_report_failure (log, problems, display, error);
      return NULL;
    }
  orgmap_import_log_report_notes (log, problems);
  if (report != NULL)
    {
      report->kind = ORGMAP_IMPORT_GENERIC;
      report->n_ignored_edges += imp.n_ignored;
    }
  if (generic_report != NULL && mode == ORGMAP_GENERIC_UNITS)
    {
      generic_report->n_people = 0;
      generic_report->n_departments = 0;
      generic_report->n_without_department = 0;
    }
  return doc;
}

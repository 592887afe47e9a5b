/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-model"

#include "config.h"

#include "orgmap-import-generic-private.h"

#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "orgmap-import-reader.h"

/* Detection reads the file once and counts, per element name, how often
 * it occurs, how often inside itself, and per field (attribute, or text of
 * a child element without attributes or children of its own) the values
 * it takes: all of them while they stay (nearly) unique, which makes the
 * field a possible id, else a sample. Then each element is weighed as the
 * unit: how many of its records would get a parent from nesting, from a
 * field whose values are ids of the same element, or from relation records
 * whose two fields are. Names and departments are recognised by their
 * fields' names. */

#define SAMPLE_VALUES    4096      /* values kept of a field that is not unique */
#define MAX_TRACKED      (4u << 20)/* values kept in all, to bound memory */
#define MAX_TEXT         1024      /* longer values are not ids */
#define MAX_FIELDS       256       /* fields counted per element */
#define RESOLVE_SAMPLE   256       /* values of a field tried as references */
#define MAX_ID_FIELDS    64        /* possible ids weighed in all */
#define MAX_WEIGHED      256       /* elements weighed: the most frequent */
#define MAX_REL_FIELDS   32        /* fields of a relation record weighed */

/* A set of values, kept as 64-bit hashes (two values of a file alike by
 * chance are far less likely than a mistake in it): open addressing, the
 * lowest bit set for a value that says “no parent”, 0 for an empty slot. */
typedef struct
{
  guint64 *slots;
  guint    mask;
  guint    size;
} ValueSet;

#define NO_PARENT_BIT 1u

/* Also tells whether @value is only white space */
static guint64
hash_value (const char *value,
            gsize      *len,
            gboolean   *blank)
{
  guint64 h = 0xcbf29ce484222325ull;
  const guchar *p;

  *blank = TRUE;
  for (p = (const guchar *) value; *p != '\0'; p++)
    {
      h = (h ^ *p) * 0x100000001b3ull;
      if (*blank && !g_ascii_isspace (*p))
        *blank = FALSE;
    }
  *len = p - (const guchar *) value;
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 32;
  h &= ~(guint64) NO_PARENT_BIT;
  return h != 0 ? h : 2;
}

static inline guint
slot_of (guint64 key,
         guint   mask)
{
  return (guint) (key >> 17) & mask;
}

static gboolean
value_set_contains (const ValueSet *set,
                    guint64         key)
{
  if (set->slots == NULL)
    return FALSE;
  for (guint i = slot_of (key, set->mask);; i = (i + 1) & set->mask)
    {
      if (set->slots[i] == key)
        return TRUE;
      if (set->slots[i] == 0)
        return FALSE;
    }
}

/* FALSE when @key was there already */
static gboolean
value_set_add (ValueSet *set,
               guint64   key)
{
  guint i;

  if ((set->size + 1) * 2 > set->mask + 1 || set->slots == NULL)
    {
      guint capacity = set->slots != NULL ? (set->mask + 1) * 2 : 16;
      guint64 *old = set->slots;
      guint old_capacity = set->slots != NULL ? set->mask + 1 : 0;

      set->slots = g_new0 (guint64, capacity);
      set->mask = capacity - 1;
      for (guint k = 0; k < old_capacity; k++)
        if (old[k] != 0)
          {
            for (i = slot_of (old[k], set->mask); set->slots[i] != 0; i = (i + 1) & set->mask)
              ;
            set->slots[i] = old[k];
          }
      g_free (old);
    }
  for (i = slot_of (key, set->mask); set->slots[i] != 0; i = (i + 1) & set->mask)
    if (set->slots[i] == key)
      return FALSE;
  set->slots[i] = key;
  set->size++;
  return TRUE;
}

typedef struct
{
  const char             *name;      /* the reader's dictionary */
  OrgmapGenericFieldKind  kind;
  guint                   n;         /* values given, empty ones included */
  guint                   n_empty;
  guint                   n_dup;
  gboolean                full;      /* every distinct value is in @values */
  ValueSet                values;
} FieldStats;

typedef struct
{
  const char *name;
  guint       n;
  guint       n_nested;
  guint       n_direct;
  const char *wrapper;               /* the first element between two nested ones */
  guint       open;
  guint       order;
  GPtrArray  *fields;                /* FieldStats */
  guint       hint;                  /* where the next field is likely to be */
} ElementStats;

typedef struct
{
  ElementStats *element;
  gboolean      has_children;
  gboolean      has_attributes;
} Frame;

typedef struct
{
  OrgmapImportReader *in;
  xmlTextReaderPtr    xml;
  GHashTable         *elements;      /* name → ElementStats */
  GPtrArray          *order;         /* ElementStats, first seen first */
  GArray             *stack;         /* Frame */
  GString            *text;
  gboolean            text_too_long;
  gsize               tracked;
  char               *root;
  int                 root_line;
  int                 root_column;
} Detect;

static void
field_stats_free (gpointer data)
{
  FieldStats *fs = data;

  g_free (fs->values.slots);
  g_free (fs);
}

static void
element_stats_free (gpointer data)
{
  ElementStats *es = data;

  g_ptr_array_unref (es->fields);
  g_free (es);
}

/* ------------------------------------------------------------------------ */
/* Names */

/* @name's local part, letters and digits only, in lower case */
static void
normalize (const char *name,
           char       *key,
           gsize       size)
{
  gsize n = 0;

  if (strchr (name, ':') != NULL)
    name = strrchr (name, ':') + 1;
  for (const char *p = name; *p != '\0' && n + 1 < size; p++)
    if (g_ascii_isalnum (*p))
      key[n++] = g_ascii_tolower (*p);
  key[n] = '\0';
}

static gboolean
in_list (const char         *key,
         const char * const *list)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (strcmp (key, list[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
contains_any (const char         *key,
              const char * const *list)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (strstr (key, list[i]) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
ends_with_any (const char         *key,
               const char * const *list)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (strlen (key) > strlen (list[i]) && g_str_has_suffix (key, list[i]))
      return TRUE;
  return FALSE;
}

static const char * const id_names[] = {
  "id", "key", "uid", "guid", "uuid", "code", "identifier", "ref", "oid", "number", NULL
};
static const char * const id_suffixes[] = { "id", "key", "code", "number", NULL };
static const char * const parent_words[] = {
  "parent", "manager", "mgr", "managedby", "reportsto", "reportingto", "reportto",
  "superior", "supervisor", "boss", "upline", "superordinate", NULL
};
static const char * const child_words[] = {
  "child", "subordinate", "employee", "member", "report", "staff", NULL
};
static const char * const name_names[] = {
  "name", "fullname", "displayname", "commonname", "cn", NULL
};
static const char * const label_names[] = { "label", "caption", "title", "text", NULL };
static const char * const not_names[] = {
  "firstname", "lastname", "givenname", "surname", "familyname", "middlename", "username",
  "nickname", "filename", "hostname", "loginname", "typename", "classname", NULL
};
static const char * const first_names[] = {
  "firstname", "givenname", "forename", "first", "fname", "vorname", "nombre", NULL
};
static const char * const last_names[] = {
  "lastname", "surname", "familyname", "last", "lname", "nachname", "apellido", "apellidos", NULL
};
static const char * const department_names[] = {
  "department", "departmentname", "dept", "deptname", "branch", "branchname", "division",
  "divisionname", "businessunit", "businessunitname", "orgunit", "orgunitname",
  "organizationalunit", "organisationalunit", "organizationunit", "organisationunit",
  "section", "sectionname", "team", "teamname", "costcenter", "costcentre", "unit",
  "unitname", "departamento", NULL
};
static const char * const weak_department_names[] = {
  "departmentid", "deptid", "departmentcode", "deptcode", "unitid", "teamid", "orgunitid",
  "divisionid", "branchid", "party", "partyid", "organization", "organisation", "org",
  "orgid", NULL
};

static gboolean
id_named (const char *name)
{
  char key[64];

  normalize (name, key, sizeof key);
  return in_list (key, id_names) || ends_with_any (key, id_suffixes);
}

/* 1 for a name that says “parent”, -1 for one that says “child”, else 0 */
static int
parent_score (const char *name)
{
  char key[64];

  normalize (name, key, sizeof key);
  if (contains_any (key, parent_words))
    return 1;
  if (contains_any (key, child_words))
    return -1;
  return 0;
}

/* How well a field's name says it names its record: 0 best, -1 not at all */
static int
name_rank (const char *name)
{
  char key[64];

  normalize (name, key, sizeof key);
  if (in_list (key, name_names))
    return 0;
  if (in_list (key, label_names))
    return 2;
  if (g_str_has_suffix (key, "name") && !in_list (key, not_names) &&
      !in_list (key, department_names))
    return 3;
  return -1;
}

static gboolean
first_named (const char *name)
{
  char key[64];

  normalize (name, key, sizeof key);
  return in_list (key, first_names);
}

static gboolean
last_named (const char *name)
{
  char key[64];

  normalize (name, key, sizeof key);
  return in_list (key, last_names);
}

static int
department_rank (const char *name)
{
  char key[64];

  normalize (name, key, sizeof key);
  if (in_list (key, department_names))
    return 0;
  if (in_list (key, weak_department_names))
    return 1;
  return -1;
}

gboolean
orgmap_generic_is_no_parent (const char *value)
{
  static const char * const none[] = {
    "0", "-1", "null", "none", "nil", "n/a", "na", "-", "root", "top", NULL
  };

  for (guint i = 0; none[i] != NULL; i++)
    if (g_ascii_strcasecmp (value, none[i]) == 0)
      return TRUE;
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Counting */

static FieldStats *
field_find (ElementStats           *es,
            const char             *name,
            OrgmapGenericFieldKind  kind)
{
  guint n = es->fields->len;
  FieldStats *fs;

  if (es->hint < n)
    {
      fs = g_ptr_array_index (es->fields, es->hint);
      if (fs->name == name && fs->kind == kind)
        {
          es->hint++;
          return fs;
        }
    }
  for (guint i = 0; i < n; i++)
    {
      fs = g_ptr_array_index (es->fields, i);
      if (fs->name == name && fs->kind == kind)
        {
          es->hint = i + 1;
          return fs;
        }
    }
  if (n >= MAX_FIELDS)
    return NULL;

  fs = g_new0 (FieldStats, 1);
  fs->name = name;
  fs->kind = kind;
  fs->full = TRUE;
  g_ptr_array_add (es->fields, fs);
  es->hint = n + 1;
  return fs;
}

static void
field_add (Detect                 *d,
           ElementStats           *es,
           const char             *name,
           OrgmapGenericFieldKind  kind,
           const char             *value,
           gboolean                too_long)
{
  FieldStats *fs = field_find (es, name, kind);
  gboolean blank;
  guint64 key;
  gsize len;

  if (fs == NULL)
    return;
  fs->n++;
  if (too_long)
    {
      fs->full = FALSE;
      return;
    }
  key = hash_value (value, &len, &blank);
  if (blank)
    {
      fs->n_empty++;
      return;
    }
  if (len > MAX_TEXT)
    fs->full = FALSE;
  if (len > MAX_TEXT || (!fs->full && fs->values.size >= SAMPLE_VALUES))
    return;
  if (d->tracked >= MAX_TRACKED)
    {
      fs->full = FALSE;
      return;
    }
  if (len <= 4 && orgmap_generic_is_no_parent (value))
    key |= NO_PARENT_BIT;
  if (value_set_add (&fs->values, key))
    d->tracked++;
  else
    {
      fs->n_dup++;
      /* An id may repeat by mistake, but rarely */
      if (fs->n_dup > 1 + (fs->n - fs->n_empty) / 50)
        fs->full = FALSE;
    }
}

static ElementStats *
element_get (Detect     *d,
             const char *name)
{
  ElementStats *es = g_hash_table_lookup (d->elements, name);

  if (es == NULL)
    {
      es = g_new0 (ElementStats, 1);
      es->name = name;
      es->order = d->order->len;
      es->fields = g_ptr_array_new_with_free_func (field_stats_free);
      g_hash_table_insert (d->elements, (gpointer) name, es);
      g_ptr_array_add (d->order, es);
    }
  return es;
}

static void
start_element (Detect *d)
{
  const char *name = (const char *) xmlTextReaderConstName (d->xml);
  gboolean empty = xmlTextReaderIsEmptyElement (d->xml) == 1;
  Frame *top = d->stack->len > 0 ? &g_array_index (d->stack, Frame, d->stack->len - 1) : NULL;
  gboolean has_attributes = FALSE;
  ElementStats *es;
  Frame frame;

  if (name == NULL)
    return;
  es = element_get (d, name);
  if (d->root == NULL)
    {
      d->root = g_strdup (name);
      orgmap_import_reader_locate (d->in, &d->root_line, &d->root_column);
    }

  es->n++;
  if (top != NULL)
    {
      top->has_children = TRUE;
      if (es->open > 0)
        {
          es->n_nested++;
          if (top->element == es)
            es->n_direct++;
          else if (es->wrapper == NULL)
            es->wrapper = top->element->name;
        }
    }

  if (xmlTextReaderHasAttributes (d->xml) == 1)
    {
      while (xmlTextReaderMoveToNextAttribute (d->xml) == 1)
        {
          const char *value;

          if (xmlTextReaderIsNamespaceDecl (d->xml) == 1)
            continue;
          has_attributes = TRUE;
          value = (const char *) xmlTextReaderConstValue (d->xml);
          field_add (d, es, (const char *) xmlTextReaderConstName (d->xml), ORGMAP_GENERIC_ATTRIBUTE,
                     value != NULL ? value : "", FALSE);
        }
      xmlTextReaderMoveToElement (d->xml);
    }

  if (empty)
    {
      if (top != NULL && !has_attributes)
        field_add (d, top->element, name, ORGMAP_GENERIC_CHILD, "", FALSE);
      return;
    }

  es->open++;
  frame.element = es;
  frame.has_children = FALSE;
  frame.has_attributes = has_attributes;
  g_array_append_val (d->stack, frame);
  g_string_truncate (d->text, 0);
  d->text_too_long = FALSE;
}

static void
add_text (Detect *d)
{
  const char *value;
  Frame *top;

  if (d->stack->len == 0)
    return;
  top = &g_array_index (d->stack, Frame, d->stack->len - 1);
  if (top->has_children || top->has_attributes || d->text_too_long)
    return;
  value = (const char *) xmlTextReaderConstValue (d->xml);
  if (value == NULL)
    return;
  if (d->text->len + strlen (value) > MAX_TEXT)
    {
      d->text_too_long = TRUE;
      return;
    }
  g_string_append (d->text, value);
}

static void
end_element (Detect *d)
{
  Frame frame;

  if (d->stack->len == 0)
    return;
  frame = g_array_index (d->stack, Frame, d->stack->len - 1);
  g_array_set_size (d->stack, d->stack->len - 1);
  frame.element->open--;

  if (!frame.has_children && !frame.has_attributes && d->stack->len > 0)
    {
      Frame *parent = &g_array_index (d->stack, Frame, d->stack->len - 1);

      field_add (d, parent->element, frame.element->name, ORGMAP_GENERIC_CHILD,
                 g_strstrip (d->text->str), d->text_too_long);
    }
  g_string_truncate (d->text, 0);
  d->text_too_long = FALSE;
}

static void
read_all (Detect *d)
{
  while (orgmap_import_reader_next (d->in))
    {
      switch (orgmap_import_reader_node_type (d->in))
        {
        case XML_READER_TYPE_ELEMENT:
          start_element (d);
          break;
        case XML_READER_TYPE_END_ELEMENT:
          end_element (d);
          break;
        case XML_READER_TYPE_TEXT:
          add_text (d);
          break;
        default:
          break;
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Weighing */

static guint
n_values (const FieldStats *fs)
{
  return fs->n - fs->n_empty;
}

/* Distinct values, 0 when there are too many to know */
static guint
n_distinct (const FieldStats *fs)
{
  guint size = fs->values.size;

  return fs->full || size < SAMPLE_VALUES ? size : 0;
}

/* A possible id of @es's records: given by most, (nearly) unique */
static gboolean
id_like (const ElementStats *es,
         const FieldStats   *fs)
{
  return fs->full && fs->values.size >= 2 && n_values (fs) * 2 >= es->n;
}

/* How many of @ref's values (a sample) are values of @id: *resolved of *total */
static void
resolve (const FieldStats *ref,
         const FieldStats *id,
         guint            *resolved,
         guint            *total)
{
  guint tried = 0;

  *resolved = *total = 0;
  for (guint i = 0; ref->values.slots != NULL && i <= ref->values.mask && tried < RESOLVE_SAMPLE; i++)
    {
      guint64 key = ref->values.slots[i];

      if (key == 0)
        continue;
      tried++;
      if (value_set_contains (&id->values, key))
        {
          (*resolved)++;
          (*total)++;
        }
      else if ((key & NO_PARENT_BIT) == 0)
        (*total)++;
    }
}

typedef struct
{
  OrgmapGenericParentKind  kind;
  guint                    placed;
  const FieldStats        *id;
  const FieldStats        *parent;           /* FIELD */
  const ElementStats      *relation;         /* RELATION */
  const FieldStats        *relation_child;
  const FieldStats        *relation_parent;
  int                      named;            /* how well the names agree */
} Choice;

/* Whether @a is better than @b */
static gboolean
choice_better (const Choice *a,
               const Choice *b)
{
  if (a->placed == 0)
    return FALSE;
  if (b->placed == 0)
    return TRUE;
  if (a->named != b->named)
    return a->named > b->named;
  return a->placed > b->placed;
}

static void
weigh_field (const ElementStats *es,
             const FieldStats   *id,
             Choice             *best)
{
  for (guint i = 0; i < es->fields->len; i++)
    {
      const FieldStats *ref = g_ptr_array_index (es->fields, i);
      Choice c = { ORGMAP_GENERIC_PARENT_FIELD };
      guint resolved, total;
      int named;

      if (ref == id || n_values (ref) == 0)
        continue;
      /* A copy of the id makes each record its own parent */
      if (id_like (es, ref) && ref->values.size * 10 >= id->values.size * 9)
        continue;
      resolve (ref, id, &resolved, &total);
      named = parent_score (ref->name) > 0;
      if (resolved == 0 || total == 0)
        continue;
      if (named ? resolved * 2 < total : (resolved * 5 < total * 4 || resolved < 2))
        continue;

      c.placed = MAX (1, (guint) ((guint64) n_values (ref) * resolved / total));
      c.id = id;
      c.parent = ref;
      c.named = named * 2 + id_named (id->name);
      if (choice_better (&c, best))
        *best = c;
    }
}

static void
weigh_relations (GPtrArray          *elements,
                 const ElementStats *es,
                 const FieldStats   *id,
                 Choice             *best)
{
  for (guint r = 0; r < elements->len; r++)
    {
      const ElementStats *rel = g_ptr_array_index (elements, r);
      guint resolved[MAX_REL_FIELDS], total[MAX_REL_FIELDS];
      gboolean refers[MAX_REL_FIELDS];

      if (rel == es || rel->fields->len < 2 || rel->fields->len > MAX_REL_FIELDS)
        continue;
      /* Fields most of whose values are ids of @es */
      for (guint i = 0; i < rel->fields->len; i++)
        {
          const FieldStats *a = g_ptr_array_index (rel->fields, i);

          refers[i] = FALSE;
          if (n_values (a) == 0)
            continue;
          resolve (a, id, &resolved[i], &total[i]);
          refers[i] = resolved[i] > 0 && resolved[i] * 5 >= total[i] * 3;
        }

      for (guint i = 0; i < rel->fields->len; i++)
        for (guint j = i + 1; j < rel->fields->len; j++)
          {
            const FieldStats *a = g_ptr_array_index (rel->fields, i);
            const FieldStats *b = g_ptr_array_index (rel->fields, j);
            const FieldStats *child, *parent;
            Choice c = { ORGMAP_GENERIC_PARENT_RELATION };
            int sa, sb;

            if (!refers[i] || !refers[j])
              continue;

            /* The parent side: by its name, else the one with fewer
             * distinct values (many report to few) */
            sa = parent_score (a->name);
            sb = parent_score (b->name);
            if (sa != sb)
              parent = sa > sb ? a : b;
            else if (a->values.size != b->values.size)
              parent = a->values.size < b->values.size ? a : b;
            else
              parent = b;
            child = parent == a ? b : a;

            c.placed = MIN (es->n, child->values.size);
            c.id = id;
            c.relation = rel;
            c.relation_child = child;
            c.relation_parent = parent;
            c.named = (sa != sb) * 2 + id_named (id->name);
            if (choice_better (&c, best))
              *best = c;
          }
    }
}

static void
set_field (OrgmapGenericField *field,
           const FieldStats   *fs)
{
  if (fs != NULL)
    orgmap_generic_field_set (field, fs->name, fs->kind);
}

/* Name, department and the other fields, among those not used yet */
static void
choose_fields (const ElementStats   *es,
               const FieldStats     *id,
               const FieldStats     *parent,
               OrgmapGenericMapping *m)
{
  const FieldStats *department = NULL, *name = NULL, *first = NULL, *last = NULL;
  int department_best = G_MAXINT, name_best = G_MAXINT;

  for (guint i = 0; i < es->fields->len; i++)
    {
      const FieldStats *fs = g_ptr_array_index (es->fields, i);
      guint distinct = n_distinct (fs);
      int rank;

      if (fs == id || fs == parent || n_values (fs) == 0)
        continue;
      rank = department_rank (fs->name);
      /* Departments repeat: some people share one */
      if (rank >= 0 && rank < department_best &&
          ((distinct > 0 && distinct < n_values (fs)) || (distinct == 0 && rank == 0)))
        {
          department = fs;
          department_best = rank;
        }
    }

  for (guint i = 0; i < es->fields->len; i++)
    {
      const FieldStats *fs = g_ptr_array_index (es->fields, i);
      int rank;

      if (fs == parent || fs == department || n_values (fs) == 0)
        continue;
      if (first == NULL && first_named (fs->name))
        first = fs;
      else if (last == NULL && last_named (fs->name))
        last = fs;
      rank = name_rank (fs->name);
      if (rank >= 0 && (rank < name_best || (rank == name_best && n_values (fs) > n_values (name))))
        {
          name = fs;
          name_best = rank;
        }
    }

  if (first != NULL && last != NULL && name_best > 0)
    {
      set_field (&m->name[0], first);
      set_field (&m->name[1], last);
    }
  else if (name != NULL)
    set_field (&m->name[0], name);
  else if (first != NULL || last != NULL)
    set_field (&m->name[0], first != NULL ? first : last);

  if (department != NULL)
    {
      set_field (&m->department, department);
      m->n_departments = n_distinct (department);
    }

  for (guint i = 0; i < es->fields->len; i++)
    {
      const FieldStats *fs = g_ptr_array_index (es->fields, i);
      OrgmapGraphField gf = orgmap_graph_field_from_name (fs->name);
      char key[64];

      if (fs == id || fs == parent || fs == department || n_values (fs) == 0 ||
          orgmap_generic_field_equal (&m->name[0], &(OrgmapGenericField) { (char *) fs->name, fs->kind }) ||
          orgmap_generic_field_equal (&m->name[1], &(OrgmapGenericField) { (char *) fs->name, fs->kind }))
        continue;
      normalize (fs->name, key, sizeof key);
      /* A person's manager is not the head of a unit */
      if (gf == ORGMAP_GRAPH_FIELD_HEAD && strstr (key, "manager") != NULL)
        continue;
      if ((gf == ORGMAP_GRAPH_FIELD_HEAD || gf == ORGMAP_GRAPH_FIELD_HEADCOUNT ||
           gf == ORGMAP_GRAPH_FIELD_LEVEL || gf == ORGMAP_GRAPH_FIELD_AREA ||
           gf == ORGMAP_GRAPH_FIELD_NOTES) && m->extra[gf].name == NULL)
        set_field (&m->extra[gf], fs);
    }
}

static gboolean
has_name (const OrgmapGenericMapping *m)
{
  return m->name[0].name != NULL;
}

/* The mapping that fits @es best, and how many units it places */
static OrgmapGenericElementInfo *
weigh_element (Detect             *d,
               GPtrArray          *elements,
               const ElementStats *es,
               const FieldStats  **ids,
               guint               n_ids)
{
  OrgmapGenericElementInfo *info = g_new0 (OrgmapGenericElementInfo, 1);
  OrgmapGenericMapping *m = &info->best;
  Choice best = { ORGMAP_GENERIC_PARENT_NONE };
  const FieldStats *id = NULL;

  for (guint i = 0; i < n_ids; i++)
    {
      weigh_field (es, ids[i], &best);
      weigh_relations (elements, es, ids[i], &best);
    }
  /* Nesting cannot dangle: it wins a tie */
  if (es->n_nested > 0 && es->n_nested >= best.placed)
    {
      best = (Choice) { ORGMAP_GENERIC_PARENT_NESTING };
      best.placed = es->n_nested;
    }

  info->name = g_strdup (es->name);
  info->n = es->n;
  info->n_nested = es->n_nested;
  info->placed = best.placed;
  info->fields = g_array_new (FALSE, TRUE, sizeof (OrgmapGenericFieldInfo));
  for (guint i = 0; i < es->fields->len; i++)
    {
      const FieldStats *fs = g_ptr_array_index (es->fields, i);
      OrgmapGenericFieldInfo fi = { g_strdup (fs->name), fs->kind, n_values (fs), n_distinct (fs) };

      g_array_append_val (info->fields, fi);
    }

  m->root = g_strdup (d->root);
  m->unit = g_strdup (es->name);
  m->n_units = es->n;
  m->parent_kind = best.kind;
  switch (best.kind)
    {
    case ORGMAP_GENERIC_PARENT_FIELD:
      id = best.id;
      set_field (&m->parent, best.parent);
      break;
    case ORGMAP_GENERIC_PARENT_RELATION:
      id = best.id;
      m->relation = g_strdup (best.relation->name);
      m->n_relations = best.relation->n;
      set_field (&m->relation_child, best.relation_child);
      set_field (&m->relation_parent, best.relation_parent);
      break;
    case ORGMAP_GENERIC_PARENT_NESTING:
      if (es->n_direct == 0 && es->wrapper != NULL)
        m->wrapper = g_strdup (es->wrapper);
      G_GNUC_FALLTHROUGH;
    case ORGMAP_GENERIC_PARENT_NONE:
    default:
      /* Units need no id of their own; take one only if it says so */
      for (guint i = 0; i < n_ids && id == NULL; i++)
        if (id_named (ids[i]->name))
          id = ids[i];
      break;
    }
  set_field (&m->id, id);
  choose_fields (es, id, best.kind == ORGMAP_GENERIC_PARENT_FIELD ? best.parent : NULL, m);

  /* A wrapper nested in itself through the units (<reports>) is no unit */
  info->candidate = es->n >= 2 && (has_name (m) || (best.placed > 0 && es->fields->len > 0));
  return info;
}

static int
compare_info (gconstpointer a,
              gconstpointer b)
{
  const OrgmapGenericElementInfo *x = *(OrgmapGenericElementInfo * const *) a;
  const OrgmapGenericElementInfo *y = *(OrgmapGenericElementInfo * const *) b;

  if (x->candidate != y->candidate)
    return x->candidate ? -1 : 1;
  if (x->placed != y->placed)
    return x->placed > y->placed ? -1 : 1;
  if (has_name (&x->best) != has_name (&y->best))
    return has_name (&x->best) ? -1 : 1;
  if (x->n != y->n)
    return x->n > y->n ? -1 : 1;
  return 0;
}

static void
element_info_free (gpointer data)
{
  OrgmapGenericElementInfo *info = data;

  for (guint i = 0; i < info->fields->len; i++)
    g_free (g_array_index (info->fields, OrgmapGenericFieldInfo, i).name);
  g_array_unref (info->fields);
  orgmap_generic_mapping_clear (&info->best);
  g_free (info->name);
  g_free (info);
}

static int
compare_frequency (gconstpointer a,
                   gconstpointer b)
{
  const ElementStats *x = *(ElementStats * const *) a;
  const ElementStats *y = *(ElementStats * const *) b;

  return x->n != y->n ? (x->n > y->n ? -1 : 1) : 0;
}

static OrgmapGenericStats *
weigh_all (Detect *d)
{
  OrgmapGenericStats *stats = g_atomic_rc_box_new0 (OrgmapGenericStats);
  g_autoptr(GPtrArray) elements = g_ptr_array_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  stats->root = g_strdup (d->root);
  stats->elements = g_ptr_array_new_with_free_func (element_info_free);

  /* The most frequent elements that hold fields (stable: ties keep the
   * file's order), which bounds the time a file of countless element
   * names can take */
  for (guint e = 0; e < d->order->len; e++)
    {
      ElementStats *es = g_ptr_array_index (d->order, e);

      if (es->fields->len > 0 || es->n_nested > 0)
        g_ptr_array_add (elements, es);
    }
  g_ptr_array_sort (elements, compare_frequency);
  if (elements->len > MAX_WEIGHED)
    g_ptr_array_set_size (elements, MAX_WEIGHED);

  /* Every possible id */
  for (guint e = 0; e < elements->len; e++)
    {
      const ElementStats *es = g_ptr_array_index (elements, e);

      if (es->n < 2)
        continue;
      for (guint i = 0; i < es->fields->len; i++)
        {
          FieldStats *fs = g_ptr_array_index (es->fields, i);

          if (id_like (es, fs) && ids->len < MAX_ID_FIELDS)
            g_ptr_array_add (ids, fs);
        }
    }

  for (guint e = 0; e < elements->len; e++)
    {
      const ElementStats *es = g_ptr_array_index (elements, e);
      g_autoptr(GPtrArray) own = g_ptr_array_new ();

      for (guint i = 0; i < ids->len; i++)
        if (g_ptr_array_find (es->fields, g_ptr_array_index (ids, i), NULL))
          g_ptr_array_add (own, g_ptr_array_index (ids, i));
      g_ptr_array_add (stats->elements,
                       weigh_element (d, elements, es, (const FieldStats **) own->pdata, own->len));
    }

  g_ptr_array_sort (stats->elements, compare_info);
  return stats;
}

/* ------------------------------------------------------------------------ */

gboolean
orgmap_generic_detect (const char            *path,
                       OrgmapGenericMapping  *out,
                       OrgmapProblems        *problems,
                       GError               **error)
{
  g_autoptr(OrgmapImportLog) log = orgmap_import_log_new ();
  g_autofree char *display = NULL;
  OrgmapGenericStats *stats = NULL;
  OrgmapGenericElementInfo *best = NULL;
  Detect d = { 0 };
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (out, 0, sizeof *out);
  display = g_filename_display_basename (path);

  fd = orgmap_import_open_file (path, log);
  if (fd >= 0)
    {
      d.in = orgmap_import_reader_new_for_fd (fd, log);
      d.xml = orgmap_import_reader_get_xml (d.in);
      d.elements = g_hash_table_new_full (NULL, NULL, NULL, element_stats_free);
      d.order = g_ptr_array_new ();
      d.stack = g_array_new (FALSE, FALSE, sizeof (Frame));
      d.text = g_string_new (NULL);
      if (d.xml != NULL)
        read_all (&d);

      /* The reader's dictionary holds the names: weigh before freeing it */
      if (!orgmap_import_log_failed (log) && d.root != NULL)
        stats = weigh_all (&d);

      g_ptr_array_unref (d.order);
      g_hash_table_unref (d.elements);
      g_array_unref (d.stack);
      g_string_free (d.text, TRUE);
      orgmap_import_reader_free (d.in);
      close (fd);
    }

  if (stats != NULL && stats->elements->len > 0)
    best = g_ptr_array_index (stats->elements, 0);
  if (stats != NULL && (best == NULL || !best->candidate))
    {
      g_autofree char *message = NULL;

      /* Translators: <Node><Node>, ManagerID, parent and reportsTo are examples of XML, keep them */
      message = g_strdup_printf (_("Nothing in this file looks like the units of an org chart: Orgmap "
                                   "looks for an element that repeats with a name, nested in itself "
                                   "(<Node><Node>…), or with an id and a reference to its parent or "
                                   "manager (ManagerID, parent, reportsTo, or relation records holding "
                                   "two ids), and the root element <%s> holds none"),
                                 d.root);
      orgmap_import_log_fail (log, ORGMAP_IMPORT_ERROR_FORMAT, d.root_line, d.root_column, NULL,
                              "%s", message);
      orgmap_import_log_report_failure (log, problems, display, NULL);
      g_set_error_literal (error, ORGMAP_IMPORT_ERROR, ORGMAP_IMPORT_ERROR_FORMAT, message);
      orgmap_generic_stats_unref (stats);
      g_free (d.root);
      return FALSE;
    }
  g_free (d.root);

  if (stats == NULL)
    {
      if (!orgmap_import_log_failed (log))
        orgmap_import_log_fail (log, ORGMAP_IMPORT_ERROR_SYNTAX, 0, 0, NULL,
                                _("The file could not be read as XML"));
      orgmap_import_log_report_failure (log, problems, display, error);
      return FALSE;
    }

  orgmap_generic_mapping_copy_plain (out, &best->best);
  out->stats = stats;
  return TRUE;
}

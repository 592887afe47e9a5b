/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-model"

#include "config.h"

#include "orgmap-import-graph.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "orgmap-xml-import.h"

/* ------------------------------------------------------------------------ */
/* The graph */

typedef struct
{
  const char *id;
  const char *label;
  const char *text[ORGMAP_GRAPH_N_FIELDS];  /* name, head, area, notes, service */
  guint32     container;
  gint32      headcount;
  gint32      level;
  double      quality;
  int         line;
  int         column;
  guint16     fields_set;                    /* bit per field */
  guint8      flags;
} Node;

typedef struct
{
  const char *id;
  const char *source;
  const char *target;
  const char *text[ORGMAP_GRAPH_N_FIELDS];
  double      quality;
  int         line;
  int         column;
  guint16     fields_set;
} Edge;

struct _OrgmapGraph
{
  OrgmapImportLog *log;
  GStringChunk    *strings;
  GArray          *nodes;       /* Node */
  GArray          *edges;       /* Edge */
  GHashTable      *ids;         /* node id → index + 1 */
  const char      *defaults[2][ORGMAP_GRAPH_N_FIELDS];
  guint            n_skipped;
  gboolean         noted_node_quality;
};

#define FIELD_BIT(f) (1u << (f))

OrgmapGraph *
orgmap_graph_new (OrgmapImportLog *log)
{
  OrgmapGraph *self = g_new0 (OrgmapGraph, 1);

  self->log = log;
  self->strings = g_string_chunk_new (1 << 16);
  self->nodes = g_array_new (FALSE, FALSE, sizeof (Node));
  self->edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  self->ids = g_hash_table_new (g_str_hash, g_str_equal);
  return self;
}

void
orgmap_graph_free (OrgmapGraph *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->nodes);
  g_array_unref (self->edges);
  g_hash_table_unref (self->ids);
  g_string_chunk_free (self->strings);
  g_free (self);
}

static const char *
intern (OrgmapGraph *self,
        const char  *str)
{
  return str != NULL ? g_string_chunk_insert (self->strings, str) : NULL;
}

static inline Node *
node_at (OrgmapGraph *self,
         guint32      node)
{
  return &g_array_index (self->nodes, Node, node);
}

static inline Edge *
edge_at (OrgmapGraph *self,
         guint32      edge)
{
  return &g_array_index (self->edges, Edge, edge);
}

guint32
orgmap_graph_add_node (OrgmapGraph *self,
                       const char  *id,
                       int          line,
                       int          column)
{
  Node node = { 0 };
  guint32 index = self->nodes->len;

  node.container = ORGMAP_NONE;
  node.headcount = -1;
  node.line = line;
  node.column = column;

  if (id != NULL)
    {
      gpointer found = g_hash_table_lookup (self->ids, id);

      if (strlen (id) > ORGMAP_XML_MAX_ID_LENGTH)
        {
          orgmap_import_log_fail (self->log, ORGMAP_IMPORT_ERROR_FORBIDDEN, line, column, id,
                                  _("The id of a node is longer than %u bytes"), ORGMAP_XML_MAX_ID_LENGTH);
          id = NULL;
        }
      else if (found != NULL)
        {
          const Node *first = node_at (self, GPOINTER_TO_UINT (found) - 1);

          orgmap_import_log_fail (self->log, ORGMAP_IMPORT_ERROR_INVALID, line, column, id,
                                  _("The id “%s” is already used by the node on line %d"),
                                  id, first->line);
        }
      else
        {
          node.id = intern (self, id);
          g_hash_table_insert (self->ids, (gpointer) node.id, GUINT_TO_POINTER (index + 1));
        }
    }

  g_array_append_val (self->nodes, node);
  return index;
}

guint
orgmap_graph_get_n_nodes (OrgmapGraph *self)
{
  return self->nodes->len;
}

void
orgmap_graph_set_node_flags (OrgmapGraph          *self,
                             guint32               node,
                             OrgmapGraphNodeFlags  flags)
{
  node_at (self, node)->flags = flags;
}

/* @text cut to the longest name Orgmap keeps, with a note when it is cut */
static const char *
intern_name (OrgmapGraph *self,
             const char  *text,
             int          line,
             int          column,
             const char  *id)
{
  g_autofree char *shorter = NULL;

  if (strlen (text) <= ORGMAP_XML_MAX_ID_LENGTH)
    return intern (self, text);

  shorter = orgmap_import_shorten (text, ORGMAP_XML_MAX_ID_LENGTH);
  orgmap_import_log_note (self->log, line, column, id,
                          _("A label or name is longer than %u bytes; it was cut short"),
                          ORGMAP_XML_MAX_ID_LENGTH);
  return intern (self, shorter);
}

void
orgmap_graph_set_label (OrgmapGraph *self,
                        guint32      node,
                        const char  *label)
{
  Node *n = node_at (self, node);

  if (label == NULL || *label == '\0')
    return;
  n->label = intern_name (self, label, n->line, n->column, n->id);
}

gboolean
orgmap_graph_has_label (OrgmapGraph *self,
                        guint32      node)
{
  return node_at (self, node)->label != NULL;
}

void
orgmap_graph_set_container (OrgmapGraph *self,
                            guint32      node,
                            guint32      container)
{
  g_return_if_fail (container == ORGMAP_NONE || container < self->nodes->len);
  g_return_if_fail (container != node);

  node_at (self, node)->container = container;
}

/* A whole number: “12”, “ 12 ”, or “12.0” as spreadsheets and networkx
 * write them. */
static gboolean
parse_whole (const char *text,
             gint64      min,
             gint32     *value)
{
  char *end;
  double d;

  while (g_ascii_isspace (*text))
    text++;
  d = g_ascii_strtod (text, &end);
  if (end == text)
    return FALSE;
  while (g_ascii_isspace (*end))
    end++;
  if (*end != '\0' || d != (double) (gint64) d || d < min || d > G_MAXINT32)
    return FALSE;
  *value = (gint32) d;
  return TRUE;
}

static gboolean
parse_number (const char *text,
              double     *value)
{
  char *end;

  while (g_ascii_isspace (*text))
    text++;
  *value = g_ascii_strtod (text, &end);
  if (end == text)
    return FALSE;
  while (g_ascii_isspace (*end))
    end++;
  return *end == '\0' && isfinite (*value);
}

/* Sets field @field of a node or an edge from @value; FALSE (noted) when
 * the value is not one Orgmap can keep. */
static void
set_field (OrgmapGraph      *self,
           gboolean          on_edge,
           const char       *owner_id,
           const char      **texts,
           gint32           *headcount,
           gint32           *level,
           double           *quality,
           guint16          *fields_set,
           OrgmapGraphField  field,
           const char       *value,
           int               line,
           int               column)
{
  g_autofree char *plain = NULL;
  const char *what = owner_id != NULL ? owner_id : "";

  if (field >= ORGMAP_GRAPH_N_FIELDS || (*fields_set & FIELD_BIT (field)) != 0 || value == NULL)
    return;

  plain = orgmap_graph_collapse_space (value);
  if (*plain == '\0')
    return;

  switch (field)
    {
    case ORGMAP_GRAPH_FIELD_HEADCOUNT:
      if (on_edge)
        return;
      if (!parse_whole (plain, 0, headcount))
        {
          orgmap_import_log_note (self->log, line, column, owner_id,
                                  _("The headcount “%s” of “%s” is not a whole number; it was left out"),
                                  plain, what);
          return;
        }
      break;

    case ORGMAP_GRAPH_FIELD_LEVEL:
      if (on_edge)
        return;
      if (!parse_whole (plain, 1, level))
        {
          orgmap_import_log_note (self->log, line, column, owner_id,
                                  _("The level “%s” of “%s” is not a whole number from 1 up; it was left out"),
                                  plain, what);
          return;
        }
      break;

    case ORGMAP_GRAPH_FIELD_QUALITY:
      if (!on_edge)
        {
          if (!self->noted_node_quality)
            orgmap_import_log_note (self->log, line, column, owner_id,
                                    _("Nodes give a quality, which was left out: Orgmap rates the links between units, not units"));
          self->noted_node_quality = TRUE;
          return;
        }
      if (!parse_number (plain, quality))
        {
          orgmap_import_log_note (self->log, line, column, owner_id,
                                  _("The quality “%s” of edge “%s” is not a number; it was left out"),
                                  plain, what);
          return;
        }
      break;

    case ORGMAP_GRAPH_FIELD_NAME:
      texts[field] = intern_name (self, plain, line, column, owner_id);
      break;

    case ORGMAP_GRAPH_FIELD_HEAD:
    case ORGMAP_GRAPH_FIELD_AREA:
    case ORGMAP_GRAPH_FIELD_SERVICE:
      if (on_edge != (field == ORGMAP_GRAPH_FIELD_SERVICE))
        return;
      texts[field] = intern_name (self, plain, line, column, owner_id);
      break;

    case ORGMAP_GRAPH_FIELD_NOTES:
      if (strlen (value) > ORGMAP_XML_MAX_VALUE_LENGTH)
        {
          g_autofree char *shorter = orgmap_import_shorten (value, ORGMAP_XML_MAX_VALUE_LENGTH);

          texts[field] = intern (self, shorter);
        }
      else
        texts[field] = intern (self, value);
      break;

    case ORGMAP_GRAPH_N_FIELDS:
    default:
      return;
    }
  *fields_set |= FIELD_BIT (field);
}

void
orgmap_graph_set_field (OrgmapGraph      *self,
                        guint32           node,
                        OrgmapGraphField  field,
                        const char       *value,
                        int               line,
                        int               column)
{
  Node *n = node_at (self, node);

  set_field (self, FALSE, n->id, n->text, &n->headcount, &n->level, &n->quality, &n->fields_set,
             field, value, line, column);
}

void
orgmap_graph_set_default (OrgmapGraph      *self,
                          gboolean          for_edges,
                          OrgmapGraphField  field,
                          const char       *value)
{
  if (field < ORGMAP_GRAPH_N_FIELDS && value != NULL)
    self->defaults[for_edges ? 1 : 0][field] = intern (self, value);
}

guint32
orgmap_graph_add_edge (OrgmapGraph *self,
                       const char  *id,
                       const char  *source,
                       const char  *target,
                       int          line,
                       int          column)
{
  Edge edge = { 0 };

  edge.id = id != NULL && strlen (id) <= ORGMAP_XML_MAX_ID_LENGTH ? intern (self, id) : NULL;
  edge.source = intern (self, source);
  edge.target = intern (self, target);
  edge.line = line;
  edge.column = column;
  g_array_append_val (self->edges, edge);
  return self->edges->len - 1;
}

void
orgmap_graph_set_edge_field (OrgmapGraph      *self,
                             guint32           edge,
                             OrgmapGraphField  field,
                             const char       *value,
                             int               line,
                             int               column)
{
  Edge *e = edge_at (self, edge);
  gint32 unused;

  if (field == ORGMAP_GRAPH_FIELD_NAME)
    field = ORGMAP_GRAPH_FIELD_SERVICE;
  set_field (self, TRUE, e->id, e->text, &unused, &unused, &e->quality, &e->fields_set,
             field, value, line, column);
}

void
orgmap_graph_count_skipped (OrgmapGraph *self)
{
  self->n_skipped++;
}

/* ------------------------------------------------------------------------ */
/* Building */

typedef enum
{
  STATE_UNIT,
  STATE_JUNCTION,
  STATE_SEE_THROUGH,   /* an unlabelled group: its units belong to its own group */
  STATE_SKIPPED,
} NodeState;

/* An edge between two units, junctions joined */
typedef struct
{
  guint32 source;
  guint32 target;
  guint32 edge;
} Candidate;

typedef struct
{
  OrgmapGraph *graph;
  guint        n;
  guint32     *source;      /* per edge: node, or ORGMAP_NONE */
  guint32     *target;
  guint8      *state;       /* per node: NodeState */
  guint32     *group;       /* per node: the unit it is drawn in, or ORGMAP_NONE */
  guint32     *parent;      /* per node: the parent chosen */
  guint32     *uf;          /* union-find over the parents from edges */
  GArray      *candidates;  /* Candidate */
  GArray      *links;       /* Candidate */
  guint        n_hierarchy;
  guint        n_ignored;
  guint        n_junctions;
} Build;

static const char *
node_name (OrgmapGraph *self,
           guint32      node)
{
  const Node *n = node_at (self, node);

  if (n->label != NULL)
    return n->label;
  if (n->text[ORGMAP_GRAPH_FIELD_NAME] != NULL)
    return n->text[ORGMAP_GRAPH_FIELD_NAME];
  return n->id != NULL ? n->id : "";
}

static void
resolve_edges (Build *b)
{
  OrgmapGraph *self = b->graph;

  for (guint i = 0; i < self->edges->len; i++)
    {
      const Edge *e = edge_at (self, i);
      gpointer s = e->source != NULL ? g_hash_table_lookup (self->ids, e->source) : NULL;
      gpointer t = e->target != NULL ? g_hash_table_lookup (self->ids, e->target) : NULL;

      b->source[i] = b->target[i] = ORGMAP_NONE;
      if (s == NULL || t == NULL)
        {
          const char *missing = s == NULL ? e->source : e->target;

          b->n_ignored++;
          if (missing == NULL)
            orgmap_import_log_note (self->log, e->line, e->column, e->id,
                                    _("An edge is not joined to a node at both ends; it was left out"));
          else
            orgmap_import_log_note (self->log, e->line, e->column, e->id,
                                    _("An edge leads to “%s”, which is not a node; it was left out"),
                                    missing);
          continue;
        }
      b->source[i] = GPOINTER_TO_UINT (s) - 1;
      b->target[i] = GPOINTER_TO_UINT (t) - 1;
    }
}

/* Container depth of every node, deepest first. Groups come from the
 * nesting of the file, so they cannot form a cycle; a hand-made one is
 * cut where it closes. */
static guint32 *
order_by_group_depth (Build *b)
{
  OrgmapGraph *self = b->graph;
  g_autofree guint32 *depth = g_new0 (guint32, b->n);
  g_autofree guint8 *mark = g_new0 (guint8, b->n);
  g_autofree guint32 *count = NULL;
  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 *order = g_new (guint32, b->n);
  guint32 max_depth = 0;

  for (guint i = 0; i < b->n; i++)
    {
      guint32 u = i;
      guint32 d;

      g_array_set_size (path, 0);
      while (u != ORGMAP_NONE && mark[u] == 0)
        {
          mark[u] = 1;
          g_array_append_val (path, u);
          u = node_at (self, u)->container;
        }
      if (u != ORGMAP_NONE && mark[u] == 1)
        {
          Node *last = node_at (self, g_array_index (path, guint32, path->len - 1));

          orgmap_import_log_note (self->log, last->line, last->column, last->id,
                                  _("“%s” is drawn inside a group that is inside it; it was taken out of it"),
                                  node_name (self, g_array_index (path, guint32, path->len - 1)));
          last->container = ORGMAP_NONE;
          u = ORGMAP_NONE;
        }
      d = u == ORGMAP_NONE ? 0 : depth[u] + 1;
      for (guint j = path->len; j > 0; j--)
        {
          guint32 v = g_array_index (path, guint32, j - 1);

          mark[v] = 2;
          depth[v] = d++;
          max_depth = MAX (max_depth, depth[v]);
        }
    }

  count = g_new0 (guint32, max_depth + 2);
  for (guint i = 0; i < b->n; i++)
    count[max_depth - depth[i] + 1]++;
  for (guint d = 1; d <= max_depth + 1; d++)
    count[d] += count[d - 1];
  for (guint i = 0; i < b->n; i++)
    order[count[max_depth - depth[i]]++] = i;
  return order;
}

/* Decides what each node becomes, deepest groups first: whether a group
 * is see-through depends on what is left inside it. */
static void
classify_nodes (Build         *b,
                const guint32 *order)
{
  OrgmapGraph *self = b->graph;
  g_autofree guint32 *in = g_new0 (guint32, b->n);
  g_autofree guint32 *out = g_new0 (guint32, b->n);
  g_autofree guint32 *members = g_new0 (guint32, b->n);

  for (guint i = 0; i < self->edges->len; i++)
    if (b->source[i] != ORGMAP_NONE && b->source[i] != b->target[i])
      {
        out[b->source[i]]++;
        in[b->target[i]]++;
      }

  for (guint k = 0; k < b->n; k++)
    {
      guint32 v = order[k];
      Node *n = node_at (self, v);
      gboolean named = n->label != NULL || n->text[ORGMAP_GRAPH_FIELD_NAME] != NULL;
      NodeState state;

      if ((n->flags & ORGMAP_GRAPH_NODE_JUNCTION) != 0)
        state = STATE_JUNCTION;
      else if ((n->flags & ORGMAP_GRAPH_NODE_SHAPE) == 0 || named)
        state = STATE_UNIT;
      else if (in[v] > 0 && out[v] > 0 && members[v] == 0)
        state = STATE_JUNCTION;
      else if (in[v] + out[v] > 0)
        {
          state = STATE_UNIT;
          orgmap_import_log_note (self->log, n->line, n->column, n->id,
                                  _("A shape joined by edges has no label; it was named after its id “%s”"),
                                  n->id != NULL ? n->id : "");
        }
      else if (members[v] > 0)
        state = STATE_SEE_THROUGH;
      else
        state = STATE_SKIPPED;

      b->state[v] = state;
      if ((state == STATE_UNIT || state == STATE_SEE_THROUGH) && n->container != ORGMAP_NONE)
        members[n->container]++;
      if (state == STATE_SKIPPED)
        self->n_skipped++;
      if (state == STATE_JUNCTION)
        b->n_junctions++;
    }

  /* The unit each node is drawn in, through see-through groups; top-down. */
  for (guint k = b->n; k > 0; k--)
    {
      guint32 v = order[k - 1];
      guint32 c = node_at (self, v)->container;

      if (c == ORGMAP_NONE)
        b->group[v] = ORGMAP_NONE;
      else if (b->state[c] == STATE_UNIT)
        b->group[v] = c;
      else
        b->group[v] = b->group[c];
    }
}

/* The edges between units, in file order; an edge into a junction leads
 * on to every unit the junction's edges reach. */
static gboolean
join_junctions (Build *b)
{
  OrgmapGraph *self = b->graph;
  guint n_edges = self->edges->len;
  g_autofree guint32 *first_out = g_new (guint32, b->n);
  g_autofree guint32 *next_out = g_new (guint32, MAX (n_edges, 1));
  g_autofree guint32 *last_out = g_new (guint32, b->n);
  g_autofree guint32 *stamp = NULL;
  g_autoptr(GArray) queue = NULL;
  guint64 limit = (guint64) n_edges * 4 + 1000000;
  guint32 visit = 0;

  for (guint i = 0; i < b->n; i++)
    first_out[i] = last_out[i] = ORGMAP_NONE;

  /* Junctions' outgoing edges, in file order */
  for (guint i = 0; i < n_edges; i++)
    {
      guint32 s = b->source[i];

      next_out[i] = ORGMAP_NONE;
      if (s == ORGMAP_NONE || b->state[s] != STATE_JUNCTION)
        continue;
      if (first_out[s] == ORGMAP_NONE)
        first_out[s] = i;
      else
        next_out[last_out[s]] = i;
      last_out[s] = i;
    }

  for (guint i = 0; i < n_edges; i++)
    {
      guint32 s = b->source[i];
      guint32 t = b->target[i];

      if (s == ORGMAP_NONE || b->state[s] != STATE_UNIT)
        continue;
      if (b->state[t] == STATE_UNIT)
        {
          Candidate c = { s, t, i };

          g_array_append_val (b->candidates, c);
          continue;
        }
      if (b->state[t] != STATE_JUNCTION)
        continue;

      /* On through the junction, breadth first, each junction once */
      if (stamp == NULL)
        {
          stamp = g_new0 (guint32, b->n);
          queue = g_array_new (FALSE, FALSE, sizeof (guint32));
        }
      visit++;
      g_array_set_size (queue, 0);
      g_array_append_val (queue, t);
      stamp[t] = visit;
      for (guint head = 0; head < queue->len; head++)
        {
          guint32 j = g_array_index (queue, guint32, head);

          for (guint32 e = first_out[j]; e != ORGMAP_NONE; e = next_out[e])
            {
              guint32 y = b->target[e];

              if (b->state[y] == STATE_UNIT)
                {
                  Candidate c = { s, y, i };

                  g_array_append_val (b->candidates, c);
                }
              else if (b->state[y] == STATE_JUNCTION && stamp[y] != visit)
                {
                  stamp[y] = visit;
                  g_array_append_val (queue, y);
                }
            }
          if (b->candidates->len > limit)
            {
              orgmap_import_log_fail (self->log, ORGMAP_IMPORT_ERROR_FORBIDDEN, 0, 0, NULL,
                                      _("The waypoints of this drawing join too many shapes to each other"));
              return FALSE;
            }
        }
    }
  return TRUE;
}

static guint32
uf_find (guint32 *uf,
         guint32  x)
{
  while (uf[x] != x)
    {
      uf[x] = uf[uf[x]];
      x = uf[x];
    }
  return x;
}

/* Edges become parents, or links, by the rules at the top of the header */
static void
choose_parents (Build *b)
{
  OrgmapGraph *self = b->graph;

  for (guint i = 0; i < b->n; i++)
    {
      b->parent[i] = ORGMAP_NONE;
      b->uf[i] = i;
    }

  for (guint k = 0; k < b->candidates->len; k++)
    {
      const Candidate *c = &g_array_index (b->candidates, Candidate, k);
      const Edge *e = edge_at (self, c->edge);
      guint32 s = c->source;
      guint32 t = c->target;

      if (s == t)
        {
          b->n_ignored++;
          orgmap_import_log_note (self->log, e->line, e->column, e->id,
                                  _("An edge leads from “%s” back to itself; it was left out"),
                                  node_name (self, s));
        }
      else if (b->parent[t] == s)
        {
          b->n_ignored++;
          orgmap_import_log_note (self->log, e->line, e->column, e->id,
                                  _("An edge repeats the one from “%s” to “%s”; it was left out"),
                                  node_name (self, s), node_name (self, t));
        }
      else if (b->group[t] == s)
        /* The group's edge to a unit drawn in it says what the drawing does */
        b->n_hierarchy++;
      else if (b->group[s] != b->group[t])
        {
          guint32 group = b->group[t] != ORGMAP_NONE ? b->group[t] : b->group[s];

          g_array_append_val (b->links, *c);
          orgmap_import_log_note (self->log, e->line, e->column, e->id,
                                  _("The edge from “%s” to “%s” crosses the border of “%s”; it became a link instead of a line of command"),
                                  node_name (self, s), node_name (self, t), node_name (self, group));
        }
      else if (b->parent[t] != ORGMAP_NONE)
        {
          g_array_append_val (b->links, *c);
          orgmap_import_log_note (self->log, e->line, e->column, e->id,
                                  _("The edge from “%s” would give “%s” a second parent after “%s”; it became a link instead"),
                                  node_name (self, s), node_name (self, t), node_name (self, b->parent[t]));
        }
      else if (uf_find (b->uf, s) == uf_find (b->uf, t))
        {
          g_array_append_val (b->links, *c);
          orgmap_import_log_note (self->log, e->line, e->column, e->id,
                                  _("The edge from “%s” to “%s” would close a cycle; it became a link instead"),
                                  node_name (self, s), node_name (self, t));
        }
      else
        {
          b->parent[t] = s;
          b->uf[uf_find (b->uf, t)] = uf_find (b->uf, s);
          b->n_hierarchy++;
        }
    }
}

static const char *
field_or_default (OrgmapGraph        *self,
                  const char * const *texts,
                  gboolean            on_edge,
                  OrgmapGraphField    field)
{
  return texts[field] != NULL ? texts[field] : self->defaults[on_edge ? 1 : 0][field];
}

/* Numbers given only as a default of the file's keys */
static void
apply_defaults (OrgmapGraph *self,
                guint32      node)
{
  Node *n = node_at (self, node);

  static const OrgmapGraphField numeric[] = {
    ORGMAP_GRAPH_FIELD_HEADCOUNT, ORGMAP_GRAPH_FIELD_LEVEL,
  };

  for (guint i = 0; i < G_N_ELEMENTS (numeric); i++)
    {
      const char *value = self->defaults[0][numeric[i]];

      if (value != NULL && (n->fields_set & FIELD_BIT (numeric[i])) == 0)
        orgmap_graph_set_field (self, node, numeric[i], value, n->line, n->column);
    }
}

static OrgmapDocument *
build_document (Build              *b,
                const char         *name,
                OrgmapImportReport *report)
{
  OrgmapGraph *self = b->graph;
  g_autoptr(OrgmapDocument) doc = orgmap_document_new ();
  g_autofree guint32 *handle = g_new (guint32, b->n);
  g_autofree guint32 *depth = NULL;
  g_autofree guint32 *order = NULL;
  g_autofree guint32 *count = NULL;
  guint32 round = ORGMAP_NONE;
  guint n_units = 0;
  guint n_grouped = 0;
  guint32 max_depth = 0;

  orgmap_document_freeze (doc);
  if (name != NULL)
    orgmap_document_set_name (doc, name);

  for (guint i = 0; i < b->n; i++)
    {
      Node *n = node_at (self, i);
      const char *text;

      handle[i] = ORGMAP_NONE;
      if (b->state[i] != STATE_UNIT)
        continue;
      apply_defaults (self, i);
      handle[i] = orgmap_document_add_unit (doc, n->id, node_name (self, i), ORGMAP_NONE);
      g_assert (handle[i] == n_units);
      n_units++;
      if ((text = field_or_default (self, n->text, FALSE, ORGMAP_GRAPH_FIELD_HEAD)) != NULL)
        orgmap_document_set_unit_head (doc, handle[i], text);
      if ((text = field_or_default (self, n->text, FALSE, ORGMAP_GRAPH_FIELD_AREA)) != NULL)
        orgmap_document_set_unit_area (doc, handle[i], text);
      if ((text = field_or_default (self, n->text, FALSE, ORGMAP_GRAPH_FIELD_NOTES)) != NULL)
        orgmap_document_set_unit_notes (doc, handle[i], text);
      if (n->headcount >= 0)
        orgmap_document_set_unit_headcount (doc, handle[i], n->headcount);
      if (n->level > 0)
        orgmap_document_set_unit_level (doc, handle[i], n->level);
    }

  if (n_units == 0)
    {
      orgmap_import_log_fail (self->log, ORGMAP_IMPORT_ERROR_INVALID, 0, 0, NULL,
                              _("Nothing in the file can be a unit: it has no labelled node or shape"));
      return NULL;
    }

  /* Parents: from the edges, else the group each unit is drawn in. Attach
   * the deepest units first: then each parent is still a root when its
   * children are attached, and the document's cycle check is O(1). */
  depth = g_new0 (guint32, b->n);
  for (guint i = 0; i < b->n; i++)
    {
      if (b->state[i] == STATE_UNIT && b->parent[i] == ORGMAP_NONE && b->group[i] != ORGMAP_NONE)
        {
          b->parent[i] = b->group[i];
          n_grouped++;
        }
    }
  {
    g_autofree guint8 *done = g_new0 (guint8, b->n);
    g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (guint32));

    for (guint i = 0; i < b->n; i++)
      {
        guint32 u = i;
        guint32 d;

        if (b->state[i] != STATE_UNIT)
          continue;
        g_array_set_size (path, 0);
        while (u != ORGMAP_NONE && !done[u])
          {
            g_array_append_val (path, u);
            u = b->parent[u];
          }
        d = u == ORGMAP_NONE ? 0 : depth[u] + 1;
        for (guint j = path->len; j > 0; j--)
          {
            guint32 v = g_array_index (path, guint32, j - 1);

            done[v] = TRUE;
            depth[v] = d++;
            max_depth = MAX (max_depth, depth[v]);
          }
      }
  }
  count = g_new0 (guint32, max_depth + 2);
  order = g_new (guint32, b->n);
  for (guint i = 0; i < b->n; i++)
    if (b->state[i] == STATE_UNIT)
      count[max_depth - depth[i] + 1]++;
  for (guint d = 1; d <= max_depth + 1; d++)
    count[d] += count[d - 1];
  for (guint i = 0; i < b->n; i++)
    if (b->state[i] == STATE_UNIT)
      order[count[max_depth - depth[i]]++] = i;
  for (guint k = 0; k < n_units; k++)
    {
      guint32 u = order[k];

      if (b->parent[u] != ORGMAP_NONE)
        {
          gboolean attached = orgmap_document_set_unit_parent (doc, handle[u], handle[b->parent[u]], NULL);

          /* The parents were chosen without cycles */
          g_assert (attached);
        }
    }

  for (guint k = 0; k < b->links->len; k++)
    {
      const Candidate *c = &g_array_index (b->links, Candidate, k);
      const Edge *e = edge_at (self, c->edge);
      const char *service = field_or_default (self, e->text, TRUE, ORGMAP_GRAPH_FIELD_SERVICE);
      guint32 link;

      link = orgmap_document_add_link (doc, e->id, handle[c->source], handle[c->target], service);
      if (link == ORGMAP_NONE)
        /* Edge ids need not be unique, nor be given */
        link = orgmap_document_add_link (doc, NULL, handle[c->source], handle[c->target], service);
      g_assert (link != ORGMAP_NONE);

      if ((e->fields_set & FIELD_BIT (ORGMAP_GRAPH_FIELD_QUALITY)) != 0)
        {
          if (!orgmap_document_score_in_scale (doc, e->quality))
            {
              orgmap_import_log_note (self->log, e->line, e->column, e->id,
                                      _("The quality %g of the link from “%s” to “%s” is outside the scale %g–%g; it was left out"),
                                      e->quality, node_name (self, c->source), node_name (self, c->target),
                                      orgmap_document_get_scale_min (doc), orgmap_document_get_scale_max (doc));
              continue;
            }
          if (round == ORGMAP_NONE)
            /* Translators: the name of the round that holds the qualities an imported file gives */
            round = orgmap_document_add_round (doc, "imported", _("Imported"), NULL);
          orgmap_document_set_rating (doc, link, round, e->quality, -1, NULL, NULL);
        }
    }

  orgmap_document_thaw (doc);

  if (report != NULL)
    {
      report->n_units = n_units;
      report->n_hierarchy_edges = b->n_hierarchy;
      report->n_grouped = n_grouped;
      report->n_links = b->links->len;
      report->n_skipped_shapes = self->n_skipped;
      report->n_junctions = b->n_junctions;
      report->n_ignored_edges = b->n_ignored;
    }
  return g_steal_pointer (&doc);
}

OrgmapDocument *
orgmap_graph_build (OrgmapGraph        *self,
                    const char         *name,
                    OrgmapImportReport *report)
{
  Build b = { 0 };
  g_autofree guint32 *order = NULL;
  OrgmapDocument *doc = NULL;

  if (orgmap_import_log_failed (self->log))
    return NULL;

  b.graph = self;
  b.n = self->nodes->len;
  b.source = g_new (guint32, MAX (self->edges->len, 1));
  b.target = g_new (guint32, MAX (self->edges->len, 1));
  b.state = g_new0 (guint8, MAX (b.n, 1));
  b.group = g_new (guint32, MAX (b.n, 1));
  b.parent = g_new (guint32, MAX (b.n, 1));
  b.uf = g_new (guint32, MAX (b.n, 1));
  b.candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  b.links = g_array_new (FALSE, FALSE, sizeof (Candidate));

  resolve_edges (&b);
  order = order_by_group_depth (&b);
  classify_nodes (&b, order);
  if (join_junctions (&b))
    {
      choose_parents (&b);
      doc = build_document (&b, name, report);
    }

  g_free (b.source);
  g_free (b.target);
  g_free (b.state);
  g_free (b.group);
  g_free (b.parent);
  g_free (b.uf);
  g_array_unref (b.candidates);
  g_array_unref (b.links);
  return doc;
}

/* ------------------------------------------------------------------------ */
/* Trees given by parent */

OrgmapDocument *
orgmap_graph_build_tree (OrgmapGraph        *self,
                         const guint32      *parent,
                         const char         *name,
                         OrgmapImportReport *report)
{
  Build b = { 0 };
  OrgmapDocument *doc;

  g_return_val_if_fail (self != NULL, NULL);

  if (orgmap_import_log_failed (self->log))
    return NULL;

  b.graph = self;
  b.n = self->nodes->len;
  b.source = g_new (guint32, MAX (self->edges->len, 1));
  b.target = g_new (guint32, MAX (self->edges->len, 1));
  b.state = g_new0 (guint8, MAX (b.n, 1));   /* STATE_UNIT */
  b.group = g_new (guint32, MAX (b.n, 1));
  b.parent = g_new (guint32, MAX (b.n, 1));
  b.candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  b.links = g_array_new (FALSE, FALSE, sizeof (Candidate));

  for (guint i = 0; i < b.n; i++)
    {
      b.group[i] = ORGMAP_NONE;
      b.parent[i] = parent != NULL ? parent[i] : ORGMAP_NONE;
      g_assert (b.parent[i] == ORGMAP_NONE || b.parent[i] < b.n);
      if (b.parent[i] != ORGMAP_NONE)
        b.n_hierarchy++;
    }

  resolve_edges (&b);
  for (guint i = 0; i < self->edges->len; i++)
    {
      Candidate c = { b.source[i], b.target[i], i };

      if (c.source == ORGMAP_NONE)
        continue;
      if (c.source == c.target)
        {
          b.n_ignored++;
          continue;
        }
      g_array_append_val (b.links, c);
    }

  doc = build_document (&b, name, report);

  g_free (b.source);
  g_free (b.target);
  g_free (b.state);
  g_free (b.group);
  g_free (b.parent);
  g_array_unref (b.candidates);
  g_array_unref (b.links);
  return doc;
}

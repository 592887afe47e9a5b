/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-model"

#include "config.h"

#include "orgmap-import-graph.h"

#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "orgmap-import-reader.h"
#include "orgmap-xml-import.h"

/* GraphML (graphml.graphdrawing.org) as yEd, Gephi and networkx write it,
 * read in one streaming pass: <key> elements say what each <data> holds,
 * <node> and <edge> go to the graph as they come, a <graph> inside a
 * <node> makes that node a group. Labels come from yEd's y:NodeLabel
 * (inside the data of a key with yfiles.type="nodegraphics"), else from a
 * data key named like a label or a name, else from the node's id. */

typedef enum
{
  NAME_GRAPHML,
  NAME_KEY,
  NAME_DEFAULT,
  NAME_GRAPH,
  NAME_NODE,
  NAME_EDGE,
  NAME_HYPEREDGE,
  NAME_DATA,
  NAME_NODE_LABEL,
  NAME_EDGE_LABEL,
  NAME_ID,
  NAME_FOR,
  NAME_ATTR_NAME,
  NAME_YFILES_TYPE,
  NAME_SOURCE,
  NAME_TARGET,
  NAME_HAS_TEXT,
  N_NAMES
} Name;

static const char * const name_strings[N_NAMES] = {
  "graphml", "key", "default", "graph", "node", "edge", "hyperedge", "data",
  "NodeLabel", "EdgeLabel", "id", "for", "attr.name", "yfiles.type", "source",
  "target", "hasText",
};

typedef enum
{
  KEY_FIELD,      /* holds one of the fields */
  KEY_GRAPHICS,   /* yEd's node or edge graphics, where the labels are */
  KEY_OTHER,
} KeyKind;

typedef struct
{
  KeyKind           kind;
  OrgmapGraphField  field;
  gboolean          for_edges;
  gboolean          for_nodes;
} Key;

/* What an open element is to us */
typedef enum
{
  OPEN_NODE,
  OPEN_EDGE,
  OPEN_GRAPH,
} OpenKind;

typedef struct
{
  OpenKind kind;
  guint32  index;   /* node or edge; for a graph, the node it is in */
} Open;

typedef struct
{
  OrgmapImportReader *in;
  xmlTextReaderPtr    xml;
  OrgmapImportLog    *log;
  OrgmapGraph        *graph;
  const char         *names[N_NAMES];

  GHashTable         *keys;        /* key id → Key */
  GArray             *open;        /* Open */
  gboolean            seen_root;
  gboolean            noted_hyperedge;

  /* The <key> whose <default> is read */
  Key                *key;
  char               *key_id;

  /* Text being gathered: of a <data>, a label or a key's <default> */
  GString            *text;
  int                 text_depth;  /* depth of the element whose text it is, -1 when none */
  Key                *data_key;    /* the key of the open <data>, or NULL */
  int                 data_depth;
  int                 data_line;
  int                 data_column;
  gboolean            in_label;
  gboolean            in_default;
  gboolean            text_too_long;
} GraphmlReader;

static char *
attribute (GraphmlReader *self,
           Name           name)
{
  return orgmap_import_reader_attribute (self->in, self->names[name]);
}

/* The innermost open node or edge, or NULL */
static const Open *
owner (GraphmlReader *self)
{
  for (guint i = self->open->len; i > 0; i--)
    {
      const Open *o = &g_array_index (self->open, Open, i - 1);

      if (o->kind != OPEN_GRAPH)
        return o;
    }
  return NULL;
}

/* The node the innermost open graph is in */
static guint32
group (GraphmlReader *self)
{
  for (guint i = self->open->len; i > 0; i--)
    {
      const Open *o = &g_array_index (self->open, Open, i - 1);

      if (o->kind == OPEN_GRAPH)
        return o->index;
    }
  return ORGMAP_NONE;
}

static void
start_text (GraphmlReader *self,
            int            depth)
{
  g_string_truncate (self->text, 0);
  self->text_depth = depth;
  self->text_too_long = FALSE;
}

static void
add_text (GraphmlReader *self)
{
  const char *value = (const char *) xmlTextReaderConstValue (self->xml);
  gsize len = value != NULL ? strlen (value) : 0;

  if (self->text->len + len > ORGMAP_XML_MAX_VALUE_LENGTH)
    {
      self->text_too_long = TRUE;
      return;
    }
  g_string_append_len (self->text, value, len);
}

static void
read_key (GraphmlReader *self,
          gboolean       empty)
{
  g_autofree char *id = attribute (self, NAME_ID);
  g_autofree char *domain = attribute (self, NAME_FOR);
  g_autofree char *attr_name = attribute (self, NAME_ATTR_NAME);
  g_autofree char *yfiles = attribute (self, NAME_YFILES_TYPE);
  Key *key;

  if (id == NULL)
    return;

  key = g_new0 (Key, 1);
  key->for_nodes = domain == NULL || strcmp (domain, "node") == 0 || strcmp (domain, "all") == 0;
  key->for_edges = domain == NULL || strcmp (domain, "edge") == 0 || strcmp (domain, "all") == 0;
  key->field = orgmap_graph_field_from_name (attr_name);
  if (yfiles != NULL && (strcmp (yfiles, "nodegraphics") == 0 || strcmp (yfiles, "edgegraphics") == 0))
    key->kind = KEY_GRAPHICS;
  else if (key->field != ORGMAP_GRAPH_FIELD_NONE)
    key->kind = KEY_FIELD;
  else
    key->kind = KEY_OTHER;

  if (key->kind == KEY_FIELD && key->field == ORGMAP_GRAPH_FIELD_QUALITY && key->for_nodes && !key->for_edges)
    {
      int line, column;

      orgmap_import_reader_locate (self->in, &line, &column);
      orgmap_import_log_note (self->log, line, column, id,
                              _("The node data “%s” was left out: Orgmap rates the links between units, not units"),
                              attr_name);
      key->kind = KEY_OTHER;
    }

  g_hash_table_replace (self->keys, g_strdup (id), key);
  if (!empty && key->kind == KEY_FIELD)
    {
      self->key = key;
      g_free (self->key_id);
      self->key_id = g_steal_pointer (&id);
    }
}

static void
read_node (GraphmlReader *self,
           gboolean       empty,
           int            line,
           int            column)
{
  g_autofree char *id = attribute (self, NAME_ID);
  guint32 node;
  guint32 container = group (self);

  if (id == NULL)
    {
      orgmap_import_log_fail (self->log, ORGMAP_IMPORT_ERROR_INVALID, line, column, NULL,
                              _("A <node> element has no id"));
      if (!empty)
        {
          /* Its content still needs a place */
          node = orgmap_graph_add_node (self->graph, NULL, line, column);
          g_array_append_vals (self->open, &(Open) { OPEN_NODE, node }, 1);
        }
      return;
    }

  node = orgmap_graph_add_node (self->graph, id, line, column);
  if (container != ORGMAP_NONE)
    orgmap_graph_set_container (self->graph, node, container);
  if (!empty)
    g_array_append_vals (self->open, &(Open) { OPEN_NODE, node }, 1);
}

static void
read_edge (GraphmlReader *self,
           gboolean       empty,
           int            line,
           int            column)
{
  g_autofree char *id = attribute (self, NAME_ID);
  g_autofree char *source = attribute (self, NAME_SOURCE);
  g_autofree char *target = attribute (self, NAME_TARGET);
  guint32 edge;

  edge = orgmap_graph_add_edge (self->graph, id, source, target, line, column);
  if (!empty)
    g_array_append_vals (self->open, &(Open) { OPEN_EDGE, edge }, 1);
}

static void
read_data (GraphmlReader *self,
           int            depth,
           int            line,
           int            column)
{
  g_autofree char *key_id = orgmap_import_reader_attribute (self->in, "key");
  const Open *o = owner (self);
  Key *key = key_id != NULL ? g_hash_table_lookup (self->keys, key_id) : NULL;

  if (o == NULL || key == NULL || key->kind == KEY_OTHER)
    return;
  self->data_key = key;
  self->data_depth = depth;
  self->data_line = line;
  self->data_column = column;
  if (key->kind == KEY_FIELD)
    start_text (self, depth);
}

static void
start_element (GraphmlReader *self)
{
  const char *name = (const char *) xmlTextReaderConstLocalName (self->xml);
  gboolean empty = xmlTextReaderIsEmptyElement (self->xml) == 1;
  int depth = xmlTextReaderDepth (self->xml);
  int line, column;

  orgmap_import_reader_locate (self->in, &line, &column);

  if (!self->seen_root)
    {
      self->seen_root = TRUE;
      if (name != self->names[NAME_GRAPHML])
        orgmap_import_log_fail (self->log, ORGMAP_IMPORT_ERROR_FORMAT, line, column, NULL,
                                _("This is not a GraphML file: its root element is <%s>, not <graphml>"),
                                name);
      return;
    }

  /* Inside yEd's graphics: only the labels matter */
  if (self->data_key != NULL && self->data_key->kind == KEY_GRAPHICS)
    {
      const Open *o = owner (self);
      g_autofree char *has_text = NULL;

      if (self->text_depth >= 0 || empty ||
          (name != self->names[NAME_NODE_LABEL] && name != self->names[NAME_EDGE_LABEL]))
        return;
      if (o->kind == OPEN_NODE && orgmap_graph_has_label (self->graph, o->index))
        return;
      has_text = attribute (self, NAME_HAS_TEXT);
      if (has_text != NULL && strcmp (has_text, "false") == 0)
        return;
      self->in_label = TRUE;
      start_text (self, depth);
      return;
    }
  if (self->data_key != NULL)
    return;

  if (name == self->names[NAME_NODE])
    read_node (self, empty, line, column);
  else if (name == self->names[NAME_EDGE])
    read_edge (self, empty, line, column);
  else if (name == self->names[NAME_DATA])
    {
      if (!empty)
        read_data (self, depth, line, column);
    }
  else if (name == self->names[NAME_GRAPH])
    {
      const Open *o = owner (self);

      if (!empty)
        g_array_append_vals (self->open,
                             &(Open) { OPEN_GRAPH, o != NULL && o->kind == OPEN_NODE ? o->index : ORGMAP_NONE },
                             1);
    }
  else if (name == self->names[NAME_KEY])
    read_key (self, empty);
  else if (name == self->names[NAME_DEFAULT] && self->key != NULL && !empty)
    {
      self->in_default = TRUE;
      start_text (self, depth);
    }
  else if (name == self->names[NAME_HYPEREDGE] && !self->noted_hyperedge)
    {
      self->noted_hyperedge = TRUE;
      orgmap_import_log_note (self->log, line, column, NULL,
                              _("The file has hyperedges (edges joining more than two nodes), which were left out"));
    }
}

static void
end_text (GraphmlReader *self)
{
  const Open *o = owner (self);
  int line = self->data_line;
  int column = self->data_column;

  if (self->text_too_long)
    orgmap_import_log_note (self->log, line, column, NULL,
                            _("A value is longer than %u KiB; it was cut short"),
                            ORGMAP_XML_MAX_VALUE_LENGTH / 1024);

  if (self->in_default)
    {
      orgmap_graph_set_default (self->graph, self->key->for_edges && !self->key->for_nodes,
                                self->key->field, self->text->str);
      self->in_default = FALSE;
    }
  else if (self->in_label)
    {
      g_autofree char *label = NULL;

      self->in_label = FALSE;
      /* yEd keeps HTML labels as text starting with <html> */
      if (g_str_has_prefix (self->text->str, "<html>"))
        label = orgmap_graph_strip_html (self->text->str);
      else
        label = orgmap_graph_collapse_space (self->text->str);
      if (o == NULL || *label == '\0')
        ;
      else if (o->kind == OPEN_NODE)
        orgmap_graph_set_label (self->graph, o->index, label);
      else
        orgmap_graph_set_edge_field (self->graph, o->index, ORGMAP_GRAPH_FIELD_SERVICE, label, line, column);
    }
  else if (o != NULL && self->data_key != NULL)
    {
      if (o->kind == OPEN_NODE && self->data_key->for_nodes)
        orgmap_graph_set_field (self->graph, o->index, self->data_key->field, self->text->str, line, column);
      else if (o->kind == OPEN_EDGE && self->data_key->for_edges)
        orgmap_graph_set_edge_field (self->graph, o->index, self->data_key->field, self->text->str,
                                     line, column);
    }
  self->text_depth = -1;
}

static void
end_element (GraphmlReader *self)
{
  int depth = xmlTextReaderDepth (self->xml);
  const char *name = (const char *) xmlTextReaderConstLocalName (self->xml);

  if (depth == self->text_depth)
    end_text (self);
  if (self->data_key != NULL)
    {
      if (depth == self->data_depth)
        self->data_key = NULL;
      return;
    }

  if (name == self->names[NAME_KEY])
    self->key = NULL;
  else if ((name == self->names[NAME_NODE] || name == self->names[NAME_EDGE] ||
            name == self->names[NAME_GRAPH]) && self->open->len > 0)
    g_array_set_size (self->open, self->open->len - 1);
}

static void
read_all (GraphmlReader *self)
{
  while (orgmap_import_reader_next (self->in))
    {
      switch (orgmap_import_reader_node_type (self->in))
        {
        case XML_READER_TYPE_ELEMENT:
          start_element (self);
          break;
        case XML_READER_TYPE_END_ELEMENT:
          end_element (self);
          break;
        case XML_READER_TYPE_TEXT:
          if (self->text_depth >= 0 && xmlTextReaderDepth (self->xml) == self->text_depth + 1)
            add_text (self);
          break;
        default:
          break;
        }
    }
}

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

OrgmapDocument *
orgmap_graphml_import_file (const char          *path,
                            OrgmapImportReport  *report,
                            OrgmapProblems      *problems,
                            GError             **error)
{
  g_autoptr(OrgmapImportLog) log = orgmap_import_log_new ();
  g_autoptr(OrgmapGraph) graph = NULL;
  g_autoptr(OrgmapImportReader) in = NULL;
  g_autofree char *display = g_filename_display_basename (path);
  g_autofree char *name = NULL;
  OrgmapDocument *doc = NULL;
  GraphmlReader self = { 0 };
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  fd = orgmap_import_open_file (path, log);
  if (fd >= 0)
    {
      graph = orgmap_graph_new (log);
      in = orgmap_import_reader_new_for_fd (fd, log);

      self.in = in;
      self.xml = orgmap_import_reader_get_xml (in);
      self.log = log;
      self.graph = graph;
      self.keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      self.open = g_array_new (FALSE, FALSE, sizeof (Open));
      self.text = g_string_new (NULL);
      self.text_depth = -1;
      if (self.xml != NULL)
        {
          for (guint i = 0; i < N_NAMES; i++)
            self.names[i] = orgmap_import_reader_intern (in, name_strings[i]);
          read_all (&self);
        }

      g_hash_table_unref (self.keys);
      g_array_unref (self.open);
      g_string_free (self.text, TRUE);
      g_free (self.key_id);
      g_clear_pointer (&in, orgmap_import_reader_free);
      close (fd);

      if (!orgmap_import_log_failed (log) && orgmap_graph_get_n_nodes (graph) == 0)
        orgmap_import_log_fail (log, ORGMAP_IMPORT_ERROR_INVALID, 0, 0, NULL,
                                _("The GraphML file has no nodes"));
      name = document_name (path);
      doc = orgmap_graph_build (graph, name, report);
    }

  if (doc == NULL)
    {
      orgmap_import_log_report_failure (log, problems, display, error);
      return NULL;
    }
  orgmap_import_log_report_notes (log, problems);
  if (report != NULL)
    report->kind = ORGMAP_IMPORT_GRAPHML;
  return doc;
}

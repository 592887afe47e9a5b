/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-model"

#include "config.h"

#include "orgmap-import-graph.h"

#include <math.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "orgmap-import-reader.h"

/* draw.io (diagrams.net) files: an <mxfile> of <diagram> pages, each either
 * plain (an <mxGraphModel> inside) or compressed (base64 text of raw
 * deflate of the URL-encoded <mxGraphModel>), or a bare <mxGraphModel>.
 * A page is a list of cells: vertices (shapes), edges and layers, wrapped
 * in <UserObject> or <object> when they carry data of their own. The page
 * is read whole, then its vertices and edges go to an OrgmapGraph. */

/* A decoded page larger than this is refused: deflate reaches ratios of
 * 1000:1, and a drawing this big is not a chart of an organisation. */
#define MAX_PAGE_BYTES (64 * 1024 * 1024)
/* Shapes compared pairwise to find the ones drawn inside others */
#define MAX_NESTED_SHAPES 10000

typedef enum
{
  NAME_MXFILE,
  NAME_MXGRAPHMODEL,
  NAME_DIAGRAM,
  NAME_MXCELL,
  NAME_USEROBJECT,
  NAME_OBJECT,
  NAME_MXGEOMETRY,
  NAME_ID,
  NAME_VALUE,
  NAME_LABEL,
  NAME_STYLE,
  NAME_PARENT,
  NAME_SOURCE,
  NAME_TARGET,
  NAME_VERTEX,
  NAME_EDGE,
  NAME_PLACEHOLDERS,
  NAME_X,
  NAME_Y,
  NAME_WIDTH,
  NAME_HEIGHT,
  NAME_NAME,
  N_NAMES
} Name;

static const char * const name_strings[N_NAMES] = {
  "mxfile", "mxGraphModel", "diagram", "mxCell", "UserObject", "object", "mxGeometry",
  "id", "value", "label", "style", "parent", "source", "target", "vertex", "edge",
  "placeholders", "x", "y", "width", "height", "name",
};

typedef struct
{
  const char *id;
  const char *value;       /* the label as written */
  const char *style;
  const char *parent;
  const char *source;
  const char *target;
  guint32     first_attr;  /* a wrapper's own attributes, in Page.attrs */
  guint32     n_attrs;
  double      x, y, width, height;
  int         line;
  int         column;
  guint8      vertex : 1;
  guint8      edge : 1;
  guint8      has_geometry : 1;
  guint8      wrapped : 1;
  guint8      has_cell : 1;   /* a wrapper's <mxCell> was read */
  guint8      placeholders : 1;
} Cell;

typedef struct
{
  const char *name;
  const char *value;
} Attr;

/* The cells of the page being read */
typedef struct
{
  GStringChunk *strings;
  GArray       *cells;        /* Cell */
  GArray       *attrs;        /* Attr */
  guint32       current;      /* the cell being read, or ORGMAP_NONE */
  int           cell_depth;   /* depth of its element */
  int           inner_depth;  /* depth of a wrapper's <mxCell> */
  gboolean      geometry_read;
} Page;

typedef struct
{
  OrgmapImportReader *in;
  xmlTextReaderPtr    xml;
  OrgmapImportLog    *log;
  const char         *names[N_NAMES];
  gboolean            seen_root;
  int                 model_depth;    /* depth of the open <mxGraphModel> to read, or -1 */
} PageReader;

typedef struct
{
  OrgmapImportLog    *log;
  guint               wanted;         /* the page to read */
  GPtrArray          *pages;          /* names shown to people */
  Page                page;
  gboolean            page_read;

  /* The wanted <diagram> */
  char               *page_name;
  int                 page_line;
  int                 page_column;
  int                 diagram_depth;  /* -1 when not inside it */
  GString            *compressed;
  gboolean            too_big;
  gboolean            page_compressed;
} Drawio;

static void
page_init (Page *page)
{
  page->strings = g_string_chunk_new (1 << 14);
  page->cells = g_array_new (FALSE, FALSE, sizeof (Cell));
  page->attrs = g_array_new (FALSE, FALSE, sizeof (Attr));
  page->current = ORGMAP_NONE;
}

static void
page_clear (Page *page)
{
  g_clear_pointer (&page->strings, g_string_chunk_free);
  g_clear_pointer (&page->cells, g_array_unref);
  g_clear_pointer (&page->attrs, g_array_unref);
}

static inline Cell *
cell_at (Page    *page,
         guint32  cell)
{
  return &g_array_index (page->cells, Cell, cell);
}

static const char *
keep (Page       *page,
      const char *str)
{
  return str != NULL ? g_string_chunk_insert (page->strings, str) : NULL;
}

/* Ids are compared by pointer once kept here */
static const char *
keep_id (Page       *page,
         const char *str)
{
  return str != NULL ? g_string_chunk_insert_const (page->strings, str) : NULL;
}

/* Reading cells */

static double
number (const char *value)
{
  double d = value != NULL ? g_ascii_strtod (value, NULL) : 0;

  return isfinite (d) ? d : 0;
}

/* The attributes of the current element that a cell keeps. A wrapper's
 * attributes other than its id, label and placeholders are data. */
static void
read_cell_attributes (PageReader *self,
                      Page       *page,
                      Cell       *cell,
                      gboolean    wrapper,
                      gboolean    inner)
{
  xmlTextReaderPtr xml = self->xml;

  while (xmlTextReaderMoveToNextAttribute (xml) == 1)
    {
      const char *name = (const char *) xmlTextReaderConstLocalName (xml);
      const char *value = (const char *) xmlTextReaderConstValue (xml);

      if (xmlTextReaderConstPrefix (xml) != NULL)
        continue;
      if (name == self->names[NAME_ID])
        {
          if (!inner)
            cell->id = keep_id (page, value);
        }
      else if (name == self->names[NAME_STYLE])
        cell->style = keep (page, value);
      else if (name == self->names[NAME_PARENT])
        cell->parent = keep_id (page, value);
      else if (name == self->names[NAME_SOURCE])
        cell->source = keep_id (page, value);
      else if (name == self->names[NAME_TARGET])
        cell->target = keep_id (page, value);
      else if (name == self->names[NAME_VERTEX])
        cell->vertex = g_strcmp0 (value, "1") == 0;
      else if (name == self->names[NAME_EDGE])
        cell->edge = g_strcmp0 (value, "1") == 0;
      else if (wrapper && name == self->names[NAME_LABEL])
        cell->value = keep (page, value);
      else if (wrapper && name == self->names[NAME_PLACEHOLDERS])
        cell->placeholders = g_strcmp0 (value, "1") == 0;
      else if (!wrapper && !inner && name == self->names[NAME_VALUE])
        cell->value = keep (page, value);
      else if (wrapper)
        {
          Attr attr = { keep_id (page, name), keep (page, value) };

          g_array_append_val (page->attrs, attr);
          cell->n_attrs++;
        }
    }
  xmlTextReaderMoveToElement (xml);
}

static void
read_geometry (PageReader *self,
               Cell       *cell)
{
  g_autofree char *x = orgmap_import_reader_attribute (self->in, self->names[NAME_X]);
  g_autofree char *y = orgmap_import_reader_attribute (self->in, self->names[NAME_Y]);
  g_autofree char *width = orgmap_import_reader_attribute (self->in, self->names[NAME_WIDTH]);
  g_autofree char *height = orgmap_import_reader_attribute (self->in, self->names[NAME_HEIGHT]);

  cell->x = number (x);
  cell->y = number (y);
  cell->width = number (width);
  cell->height = number (height);
  cell->has_geometry = TRUE;
}

static void
page_start_element (PageReader *self,
                    Page       *page,
                    const char *name,
                    int         depth)
{
  gboolean empty = xmlTextReaderIsEmptyElement (self->xml) == 1;

  if (name == self->names[NAME_MXCELL] && page->current != ORGMAP_NONE &&
      cell_at (page, page->current)->wrapped && !cell_at (page, page->current)->has_cell &&
      depth == page->cell_depth + 1)
    {
      Cell *cell = cell_at (page, page->current);

      cell->has_cell = TRUE;
      page->inner_depth = depth;
      read_cell_attributes (self, page, cell, FALSE, TRUE);
    }
  else if (name == self->names[NAME_MXCELL] || name == self->names[NAME_USEROBJECT] ||
           name == self->names[NAME_OBJECT])
    {
      Cell cell = { 0 };
      gboolean wrapper = name != self->names[NAME_MXCELL];

      if (page->current != ORGMAP_NONE)
        return;
      orgmap_import_reader_locate (self->in, &cell.line, &cell.column);
      cell.wrapped = wrapper;
      cell.first_attr = page->attrs->len;
      read_cell_attributes (self, page, &cell, wrapper, FALSE);
      g_array_append_val (page->cells, cell);
      if (!empty)
        {
          page->current = page->cells->len - 1;
          page->cell_depth = depth;
          page->inner_depth = -1;
          page->geometry_read = FALSE;
        }
    }
  else if (name == self->names[NAME_MXGEOMETRY] && page->current != ORGMAP_NONE && !page->geometry_read &&
           (depth == page->cell_depth + 1 || depth == page->inner_depth + 1))
    {
      page->geometry_read = TRUE;
      read_geometry (self, cell_at (page, page->current));
    }
}

static void
page_end_element (Page *page,
                  int   depth)
{
  if (page->current != ORGMAP_NONE && depth == page->cell_depth)
    page->current = ORGMAP_NONE;
}

/* Reads a decoded page's <mxGraphModel>, from a reader of its own */
static void
read_model (PageReader *self,
            Page       *page)
{
  while (orgmap_import_reader_next (self->in))
    {
      int type = orgmap_import_reader_node_type (self->in);
      const char *name = (const char *) xmlTextReaderConstLocalName (self->xml);
      int depth = xmlTextReaderDepth (self->xml);

      if (type == XML_READER_TYPE_ELEMENT && !self->seen_root)
        {
          self->seen_root = TRUE;
          if (name != self->names[NAME_MXGRAPHMODEL])
            {
              int line, column;

              orgmap_import_reader_locate (self->in, &line, &column);
              orgmap_import_log_fail (self->log, ORGMAP_IMPORT_ERROR_FORMAT, line, column, NULL,
                                      _("The page does not hold a drawing: its root element is <%s>, not <mxGraphModel>"),
                                      name);
              return;
            }
        }
      else if (type == XML_READER_TYPE_ELEMENT)
        page_start_element (self, page, name, depth);
      else if (type == XML_READER_TYPE_END_ELEMENT)
        page_end_element (page, depth);
    }
}

/* Decoding compressed pages */

static gboolean
is_base64 (char c)
{
  return g_ascii_isalnum (c) || c == '+' || c == '/' || c == '=';
}

/* The page's XML from its text: base64, then raw deflate, then URL
 * encoding. NULL (logged, at the page's element) when it does not decode. */
static char *
decode_page (Drawio  *self,
             GString *text,
             gsize   *out_len)
{
  g_autoptr(GString) clean = g_string_sized_new (text->len);
  g_autoptr(GConverter) inflater = NULL;
  g_autoptr(GByteArray) inflated = NULL;
  g_autofree guchar *deflated = NULL;
  g_autofree char *unescaped = NULL;
  const char *page = self->page_name;
  int line = self->page_line;
  int column = self->page_column;
  gsize n_deflated;
  gsize pos = 0;
  gsize padding = 0;

  /* A page may also hold its XML as plain text */
  g_strstrip (text->str);
  text->len = strlen (text->str);
  if (text->str[0] == '<')
    {
      *out_len = text->len;
      return g_strndup (text->str, text->len);
    }

  for (gsize i = 0; i < text->len; i++)
    {
      char c = text->str[i];

      if (g_ascii_isspace (c))
        continue;
      if (!is_base64 (c) || (c != '=' && padding > 0) || (c == '=' && ++padding > 2))
        {
          g_autofree char *shown = g_utf8_make_valid (text->str + i, MIN (4, text->len - i));

          *g_utf8_offset_to_pointer (shown, 1) = '\0';
          orgmap_import_log_fail (self->log, ORGMAP_IMPORT_ERROR_SYNTAX, line, column, NULL,
                                  _("The page “%s” cannot be decoded: its text is not base64 (the character “%s” at position %zu cannot be there)"),
                                  page, shown, i + 1);
          return NULL;
        }
      g_string_append_c (clean, c);
    }
  if (clean->len % 4 != 0)
    {
      orgmap_import_log_fail (self->log, ORGMAP_IMPORT_ERROR_SYNTAX, line, column, NULL,
                              _("The page “%s” cannot be decoded: its base64 text is cut short"),
                              page);
      return NULL;
    }
  deflated = g_base64_decode (clean->str, &n_deflated);

  inflater = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW));
  inflated = g_byte_array_new ();
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      guint8 buf[65536];
      gsize n_read = 0;
      gsize n_written = 0;
      GConverterResult result;

      result = g_converter_convert (inflater, deflated + pos, n_deflated - pos, buf, sizeof buf,
                                    G_CONVERTER_INPUT_AT_END, &n_read, &n_written, &error);
      if (result == G_CONVERTER_ERROR)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
            orgmap_import_log_fail (self->log, ORGMAP_IMPORT_ERROR_SYNTAX, line, column, NULL,
                                    _("The page “%s” cannot be decoded: its compressed data is cut short"),
                                    page);
          else
            /* Translators: the last %s is zlib's own (English) description of the fault */
            orgmap_import_log_fail (self->log, ORGMAP_IMPORT_ERROR_SYNTAX, line, column, NULL,
                                    _("The page “%s” cannot be decoded: its data is not compressed with deflate (%s)"),
                                    page, error->message);
          return NULL;
        }
      pos += n_read;
      g_byte_array_append (inflated, buf, n_written);
      if (inflated->len > MAX_PAGE_BYTES)
        {
          orgmap_import_log_fail (self->log, ORGMAP_IMPORT_ERROR_FORBIDDEN, line, column, NULL,
                                  _("The page “%s” cannot be decoded: it expands to more than %u MB"),
                                  page, MAX_PAGE_BYTES / (1024 * 1024));
          return NULL;
        }
      if (result == G_CONVERTER_FINISHED)
        break;
      if (n_read == 0 && n_written == 0)
        {
          orgmap_import_log_fail (self->log, ORGMAP_IMPORT_ERROR_SYNTAX, line, column, NULL,
                                  _("The page “%s” cannot be decoded: its compressed data is cut short"),
                                  page);
          return NULL;
        }
    }
  g_byte_array_append (inflated, (const guint8 *) "", 1);

  /* draw.io encodes the XML as a URI component before compressing it */
  if (inflated->data[0] == '<')
    unescaped = g_strdup ((const char *) inflated->data);
  else
    unescaped = g_uri_unescape_string ((const char *) inflated->data, NULL);
  if (unescaped == NULL || g_strchug (unescaped)[0] != '<')
    {
      orgmap_import_log_fail (self->log, ORGMAP_IMPORT_ERROR_SYNTAX, line, column, NULL,
                              _("The page “%s” cannot be decoded: once decompressed it is neither XML nor URL-encoded XML"),
                              page);
      return NULL;
    }
  if (!g_utf8_validate (unescaped, -1, NULL))
    {
      orgmap_import_log_fail (self->log, ORGMAP_IMPORT_ERROR_SYNTAX, line, column, NULL,
                              _("The page “%s” cannot be decoded: its text is not valid UTF-8"),
                              page);
      return NULL;
    }
  *out_len = strlen (unescaped);
  return g_steal_pointer (&unescaped);
}

static void
read_compressed_page (Drawio *self)
{
  g_autoptr(OrgmapImportReader) in = NULL;
  g_autofree char *xml = NULL;
  PageReader reader = { 0 };
  gsize len;

  self->page_read = TRUE;
  if (self->too_big)
    {
      orgmap_import_log_fail (self->log, ORGMAP_IMPORT_ERROR_FORBIDDEN, self->page_line, self->page_column,
                              NULL, _("The page “%s” cannot be decoded: it expands to more than %u MB"),
                              self->page_name, MAX_PAGE_BYTES / (1024 * 1024));
      return;
    }

  /* A page without content is an empty drawing */
  g_strstrip (self->compressed->str);
  self->compressed->len = strlen (self->compressed->str);
  if (self->compressed->len == 0)
    return;

  xml = decode_page (self, self->compressed, &len);
  if (xml == NULL)
    return;

  /* Problems inside are about the page: placed at its element */
  orgmap_import_log_set_page (self->log, self->page_name, self->page_line, self->page_column);
  in = orgmap_import_reader_new_for_memory (xml, len, self->log);
  reader.in = in;
  reader.xml = orgmap_import_reader_get_xml (in);
  reader.log = self->log;
  if (reader.xml != NULL)
    {
      for (guint i = 0; i < N_NAMES; i++)
        reader.names[i] = orgmap_import_reader_intern (in, name_strings[i]);
      read_model (&reader, &self->page);
    }
  orgmap_import_log_set_page (self->log, NULL, 0, 0);
  self->page_compressed = TRUE;
}

/* The file: pages, and the wanted one read */

static char *
page_display_name (const char *name,
                   guint       index)
{
  if (name != NULL && *name != '\0')
    return g_strdup (name);
  /* Translators: the name of a draw.io page that has none */
  return g_strdup_printf (_("Page %u"), index + 1);
}

static void
read_file (Drawio     *self,
           PageReader *reader)
{
  const char * const *names = reader->names;

  while (orgmap_import_reader_next (reader->in))
    {
      int type = orgmap_import_reader_node_type (reader->in);
      const char *name = (const char *) xmlTextReaderConstLocalName (reader->xml);
      int depth = xmlTextReaderDepth (reader->xml);
      int line, column;

      if (type == XML_READER_TYPE_ELEMENT && !reader->seen_root)
        {
          reader->seen_root = TRUE;
          orgmap_import_reader_locate (reader->in, &line, &column);
          if (name == names[NAME_MXGRAPHMODEL])
            {
              /* A bare model: the one page */
              g_ptr_array_add (self->pages, page_display_name (NULL, 0));
              if (self->wanted == 0)
                {
                  reader->model_depth = depth;
                  self->page_read = TRUE;
                  self->page_line = line;
                  self->page_column = column;
                }
            }
          else if (name != names[NAME_MXFILE])
            {
              orgmap_import_log_fail (self->log, ORGMAP_IMPORT_ERROR_FORMAT, line, column, NULL,
                                      _("This is not a draw.io file: its root element is <%s>"), name);
              return;
            }
          continue;
        }

      if (reader->model_depth >= 0 && depth >= reader->model_depth)
        {
          if (type == XML_READER_TYPE_ELEMENT && depth > reader->model_depth)
            page_start_element (reader, &self->page, name, depth);
          else if (type == XML_READER_TYPE_END_ELEMENT && depth > reader->model_depth)
            page_end_element (&self->page, depth);
          else if (type == XML_READER_TYPE_END_ELEMENT)
            reader->model_depth = -1;
          continue;
        }

      if (type == XML_READER_TYPE_ELEMENT && name == names[NAME_DIAGRAM] && depth == 1)
        {
          g_autofree char *page_name = orgmap_import_reader_attribute (reader->in, names[NAME_NAME]);
          guint index = self->pages->len;

          g_ptr_array_add (self->pages, page_display_name (page_name, index));
          if (index == self->wanted)
            {
              orgmap_import_reader_locate (reader->in, &self->page_line, &self->page_column);
              self->page_name = g_strdup (g_ptr_array_index (self->pages, index));
              if (xmlTextReaderIsEmptyElement (reader->xml) == 1)
                self->page_read = TRUE;
              else
                self->diagram_depth = depth;
            }
          continue;
        }

      if (self->diagram_depth >= 0 && depth == self->diagram_depth + 1)
        {
          if (type == XML_READER_TYPE_TEXT)
            {
              const char *text = (const char *) xmlTextReaderConstValue (reader->xml);

              if (self->compressed->len + strlen (text) > MAX_PAGE_BYTES)
                self->too_big = TRUE;
              else
                g_string_append (self->compressed, text);
            }
          else if (type == XML_READER_TYPE_ELEMENT && name == names[NAME_MXGRAPHMODEL])
            {
              reader->model_depth = depth;
              self->page_read = TRUE;
            }
          continue;
        }

      if (self->diagram_depth >= 0 && depth == self->diagram_depth && type == XML_READER_TYPE_END_ELEMENT)
        {
          self->diagram_depth = -1;
          if (!self->page_read)
            read_compressed_page (self);
          continue;
        }

    }
}

/* Building the graph from the page's cells */

/* The value of @key in a style "key=value;name;key=value", or NULL */
static gboolean
style_is (const char *style,
          const char *key,
          const char *value)
{
  gsize key_len = strlen (key);
  gsize value_len = strlen (value);

  for (const char *p = style; p != NULL && *p != '\0'; )
    {
      const char *end = strchr (p, ';');
      gsize len = end != NULL ? (gsize) (end - p) : strlen (p);

      if (len == key_len + 1 + value_len && strncmp (p, key, key_len) == 0 && p[key_len] == '=' &&
          strncmp (p + key_len + 1, value, value_len) == 0)
        return TRUE;
      p = end != NULL ? end + 1 : NULL;
    }
  return FALSE;
}

static guint32
find_cell (GHashTable *ids,
           const char *id)
{
  gpointer found = id != NULL ? g_hash_table_lookup (ids, id) : NULL;

  return found != NULL ? GPOINTER_TO_UINT (found) - 1 : ORGMAP_NONE;
}

static const char *
cell_attribute (Page       *page,
                const Cell *cell,
                const char *name)
{
  for (guint32 i = 0; i < cell->n_attrs; i++)
    {
      const Attr *attr = &g_array_index (page->attrs, Attr, cell->first_attr + i);

      if (strcmp (attr->name, name) == 0)
        return attr->value;
    }
  return NULL;
}

/* %name% placeholders, from the cell's own data or its containers', as
 * draw.io resolves them; one it cannot resolve stays as written. */
static char *
resolve_placeholders (Page       *page,
                      GHashTable *ids,
                      guint32     cell)
{
  const char *text = cell_at (page, cell)->value;
  GString *out = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      const char *end;
      g_autofree char *name = NULL;
      const char *value = NULL;

      if (*p != '%' || (end = strchr (p + 1, '%')) == NULL || end == p + 1)
        {
          g_string_append_c (out, *p++);
          continue;
        }
      name = g_strndup (p + 1, end - p - 1);
      if (strpbrk (name, " \"'=;{}") == NULL &&
          strcmp (name, "label") != 0 && strcmp (name, "tooltip") != 0)
        {
          guint32 c = cell;

          if (strcmp (name, "id") == 0)
            value = cell_at (page, cell)->id;
          for (guint hops = 0; value == NULL && c != ORGMAP_NONE && hops < 64; hops++)
            {
              const Cell *at = cell_at (page, c);

              if (at->wrapped)
                value = cell_attribute (page, at, name);
              c = find_cell (ids, at->parent);
            }
        }
      if (value != NULL)
        {
          g_string_append (out, value);
          p = end + 1;
        }
      else
        {
          /* Not a placeholder: the second % may start one */
          g_string_append_c (out, *p++);
        }
    }
  return g_string_free (out, FALSE);
}

static char *
cell_label (Page       *page,
            GHashTable *ids,
            guint32     index)
{
  const Cell *cell = cell_at (page, index);
  g_autofree char *resolved = NULL;
  const char *text = cell->value;

  if (text == NULL)
    return g_strdup ("");
  if (cell->wrapped && cell->placeholders)
    text = resolved = resolve_placeholders (page, ids, index);
  if (style_is (cell->style, "html", "1"))
    return orgmap_graph_strip_html (text);
  return orgmap_graph_collapse_space (text);
}

typedef struct
{
  guint32     node;
  const char *parent;
  double      area;
  const Cell *cell;
} Box;

static int
box_compare (gconstpointer a,
             gconstpointer b)
{
  const Box *ba = a;
  const Box *bb = b;

  if (ba->parent != bb->parent)
    return (guintptr) ba->parent < (guintptr) bb->parent ? -1 : 1;
  if (ba->area != bb->area)
    return ba->area < bb->area ? -1 : 1;
  return ba->node < bb->node ? -1 : ba->node > bb->node;
}

static gboolean
box_contains (const Box *outer,
              const Box *inner)
{
  const Cell *o = outer->cell;
  const Cell *i = inner->cell;

  return outer->area > inner->area &&
         o->x <= i->x && o->y <= i->y &&
         o->x + o->width >= i->x + i->width &&
         o->y + o->height >= i->y + i->height;
}

/* A shape drawn wholly inside a larger one of the same layer or container
 * belongs to the smallest such shape: a box drawn around a team is that
 * team's unit, even without a container in the file's structure. */
static void
nest_by_geometry (OrgmapGraph *graph,
                  GArray      *boxes,
                  Drawio      *self)
{
  g_array_sort (boxes, box_compare);

  for (guint start = 0; start < boxes->len; )
    {
      const char *parent = g_array_index (boxes, Box, start).parent;
      guint end = start;

      while (end < boxes->len && g_array_index (boxes, Box, end).parent == parent)
        end++;

      if (end - start > MAX_NESTED_SHAPES)
        {
          const Cell *first = g_array_index (boxes, Box, start).cell;

          orgmap_import_log_note (self->log, first->line, first->column, NULL,
                                  _("More than %u shapes lie side by side; shapes drawn inside others were not placed under them"),
                                  MAX_NESTED_SHAPES);
          start = end;
          continue;
        }

      for (guint i = start; i < end; i++)
        {
          const Box *inner = &g_array_index (boxes, Box, i);

          /* Ascending areas: the first that contains it is the smallest */
          for (guint j = i + 1; j < end; j++)
            {
              const Box *outer = &g_array_index (boxes, Box, j);

              if (box_contains (outer, inner))
                {
                  orgmap_graph_set_container (graph, inner->node, outer->node);
                  break;
                }
            }
        }
      start = end;
    }
}

static OrgmapDocument *
build_page (Drawio             *self,
            const char         *name,
            OrgmapImportReport *report)
{
  Page *page = &self->page;
  g_autoptr(OrgmapGraph) graph = orgmap_graph_new (self->log);
  g_autoptr(GHashTable) ids = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (Box));
  g_autofree guint32 *node_of = g_new (guint32, MAX (page->cells->len, 1));
  g_autofree char **edge_labels = g_new0 (char *, MAX (page->cells->len, 1));

  /* Ids, interned: pointers compare */
  for (guint i = 0; i < page->cells->len; i++)
    {
      const Cell *cell = cell_at (page, i);
      guint32 first = find_cell (ids, cell->id);

      node_of[i] = ORGMAP_NONE;
      if (cell->id == NULL)
        continue;
      if (first != ORGMAP_NONE)
        orgmap_import_log_fail (self->log, ORGMAP_IMPORT_ERROR_INVALID, cell->line, cell->column, cell->id,
                                _("The id “%s” is already used by the cell on line %d"),
                                cell->id, cell_at (page, first)->line);
      else
        g_hash_table_insert (ids, (gpointer) cell->id, GUINT_TO_POINTER (i + 1));
    }
  if (orgmap_import_log_failed (self->log))
    return NULL;

  /* Vertices become nodes; a vertex inside an edge is that edge's label */
  for (guint i = 0; i < page->cells->len; i++)
    {
      const Cell *cell = cell_at (page, i);
      guint32 parent = find_cell (ids, cell->parent);
      g_autofree char *label = NULL;
      guint32 node;

      if (!cell->vertex)
        continue;
      label = cell_label (page, ids, i);
      if (parent != ORGMAP_NONE && cell_at (page, parent)->edge)
        {
          if (*label != '\0')
            {
              char *joined = g_strjoin (" ", edge_labels[parent] != NULL ? edge_labels[parent] : "",
                                        label, NULL);

              g_free (edge_labels[parent]);
              edge_labels[parent] = g_strstrip (joined);
            }
          continue;
        }

      node = orgmap_graph_add_node (graph, cell->id, cell->line, cell->column);
      node_of[i] = node;
      orgmap_graph_set_node_flags (graph, node,
                                   ORGMAP_GRAPH_NODE_SHAPE |
                                   (style_is (cell->style, "shape", "waypoint") ? ORGMAP_GRAPH_NODE_JUNCTION : 0));
      orgmap_graph_set_label (graph, node, label);
      for (guint32 a = 0; a < cell->n_attrs; a++)
        {
          const Attr *attr = &g_array_index (page->attrs, Attr, cell->first_attr + a);

          orgmap_graph_set_field (graph, node, orgmap_graph_field_from_name (attr->name), attr->value,
                                  cell->line, cell->column);
        }
    }

  /* Containers: the vertex a vertex is in, then the shapes drawn around it */
  for (guint i = 0; i < page->cells->len; i++)
    {
      const Cell *cell = cell_at (page, i);
      guint32 parent;

      if (node_of[i] == ORGMAP_NONE)
        continue;
      parent = find_cell (ids, cell->parent);
      if (cell->parent != NULL && parent == ORGMAP_NONE)
        orgmap_import_log_note (self->log, cell->line, cell->column, cell->id,
                                _("The shape is inside “%s”, which is not on the page; it was placed at the top"),
                                cell->parent);
      else if (parent != ORGMAP_NONE && node_of[parent] != ORGMAP_NONE && parent != i)
        orgmap_graph_set_container (graph, node_of[i], node_of[parent]);

      if (cell->has_geometry && cell->width > 0 && cell->height > 0 &&
          !style_is (cell->style, "shape", "waypoint"))
        {
          Box box = { node_of[i], cell->parent, cell->width * cell->height, cell };

          g_array_append_val (boxes, box);
        }
    }
  nest_by_geometry (graph, boxes, self);

  /* Edges: the hierarchy, unless they are lines joined to nothing */
  for (guint i = 0; i < page->cells->len; i++)
    {
      const Cell *cell = cell_at (page, i);
      g_autofree char *label = NULL;
      guint32 edge;

      if (!cell->edge || cell->vertex)
        continue;
      if (cell->source == NULL || cell->target == NULL)
        {
          orgmap_graph_count_skipped (graph);
          continue;
        }
      edge = orgmap_graph_add_edge (graph, cell->id, cell->source, cell->target, cell->line, cell->column);
      label = cell_label (page, ids, i);
      if (*label == '\0' && edge_labels[i] != NULL)
        {
          g_free (label);
          label = g_strdup (edge_labels[i]);
        }
      orgmap_graph_set_edge_field (graph, edge, ORGMAP_GRAPH_FIELD_SERVICE, label, cell->line, cell->column);
      for (guint32 a = 0; a < cell->n_attrs; a++)
        {
          const Attr *attr = &g_array_index (page->attrs, Attr, cell->first_attr + a);

          orgmap_graph_set_edge_field (graph, edge, orgmap_graph_field_from_name (attr->name), attr->value,
                                       cell->line, cell->column);
        }
    }

  for (guint i = 0; i < page->cells->len; i++)
    g_free (edge_labels[i]);

  return orgmap_graph_build (graph, name, report);
}

static char *
document_name (const char *path,
               Drawio     *self)
{
  g_autofree char *base = g_filename_display_basename (path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  if (self->pages->len > 1)
    /* Translators: a document's name: the file's, then the page's */
    return g_strdup_printf (_("%s (%s)"), base, self->page_name);
  return g_steal_pointer (&base);
}

/* Reads the file; with @wanted G_MAXUINT, only the names of its pages. */
static void
drawio_read (Drawio     *self,
             const char *path,
             guint       wanted)
{
  g_autoptr(OrgmapImportReader) in = NULL;
  PageReader reader = { 0 };
  int fd;

  self->wanted = wanted;
  self->pages = g_ptr_array_new_with_free_func (g_free);
  self->diagram_depth = -1;
  self->compressed = g_string_new (NULL);
  page_init (&self->page);

  fd = orgmap_import_open_file (path, self->log);
  if (fd < 0)
    return;

  in = orgmap_import_reader_new_for_fd (fd, self->log);
  reader.in = in;
  reader.xml = orgmap_import_reader_get_xml (in);
  reader.log = self->log;
  reader.model_depth = -1;
  if (reader.xml != NULL)
    {
      for (guint i = 0; i < N_NAMES; i++)
        reader.names[i] = orgmap_import_reader_intern (in, name_strings[i]);
      read_file (self, &reader);
    }
  g_clear_pointer (&in, orgmap_import_reader_free);
  close (fd);
}

static void
drawio_clear (Drawio *self)
{
  page_clear (&self->page);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->page_name, g_free);
  if (self->compressed != NULL)
    g_string_free (g_steal_pointer (&self->compressed), TRUE);
}

OrgmapDocument *
orgmap_drawio_import_file (const char          *path,
                           guint                page,
                           OrgmapImportReport  *report,
                           OrgmapProblems      *problems,
                           GError             **error)
{
  g_autoptr(OrgmapImportLog) log = orgmap_import_log_new ();
  g_autofree char *display = NULL;
  OrgmapDocument *doc = NULL;
  Drawio self = { 0 };

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_basename (path);
  self.log = log;
  drawio_read (&self, path, page);

  if (!orgmap_import_log_failed (log) && page >= self.pages->len)
    {
      if (self.pages->len == 0)
        orgmap_import_log_fail (log, ORGMAP_IMPORT_ERROR_INVALID, 0, 0, NULL,
                                _("The draw.io file has no pages"));
      else
        orgmap_import_log_fail (log, ORGMAP_IMPORT_ERROR_INVALID, 0, 0, NULL,
                                ngettext ("The file has %u page; there is no page %u",
                                          "The file has %u pages; there is no page %u",
                                          self.pages->len),
                                self.pages->len, page + 1);
    }
  if (!orgmap_import_log_failed (log))
    {
      g_autofree char *name = NULL;

      if (self.page_name == NULL)
        self.page_name = g_strdup (g_ptr_array_index (self.pages, page));
      name = document_name (path, &self);
      /* Notes about the cells of a compressed page are about the page */
      if (self.page_compressed)
        orgmap_import_log_set_page (log, self.page_name, self.page_line, self.page_column);
      doc = build_page (&self, name, report);
      orgmap_import_log_set_page (log, NULL, 0, 0);
    }

  if (doc == NULL)
    orgmap_import_log_report_failure (log, problems, display, error);
  else
    {
      orgmap_import_log_report_notes (log, problems);
      if (report != NULL)
        {
          report->kind = ORGMAP_IMPORT_DRAWIO;
          report->page = page;
          g_strfreev (report->pages);
          g_ptr_array_add (self.pages, NULL);
          report->pages = g_strdupv ((char **) self.pages->pdata);
        }
    }
  drawio_clear (&self);
  return doc;
}

char **
orgmap_drawio_list_pages (const char  *path,
                          GError     **error)
{
  g_autoptr(OrgmapImportLog) log = orgmap_import_log_new ();
  g_autofree char *display = NULL;
  Drawio self = { 0 };
  char **pages = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_basename (path);
  self.log = log;
  drawio_read (&self, path, G_MAXUINT);
  if (orgmap_import_log_failed (log))
    orgmap_import_log_report_failure (log, NULL, display, error);
  else
    {
      g_ptr_array_add (self.pages, NULL);
      pages = g_strdupv ((char **) self.pages->pdata);
    }
  drawio_clear (&self);
  return pages;
}

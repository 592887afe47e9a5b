/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-model"

#include "config.h"

#include "orgmap-xml-import.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlreader.h>

#include "orgmap-error.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlTextReader, xmlFreeTextReader)

/* No entity substitution, no DTD loading, no network. XML_PARSE_BIG_LINES
 * only makes libxml2 keep line numbers above 65535 (in text nodes), which
 * the problem locations of big files need. */
#define READER_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES)

typedef enum
{
  ELEMENT_OTHER,
  ELEMENT_ORGMAP,
  ELEMENT_UNIT,
  ELEMENT_EXTERNAL,
  ELEMENT_ROUND,
  ELEMENT_LINK,
  ELEMENT_RATING,
  ELEMENT_DIMENSION,
} ElementKind;

typedef enum
{
  ATTR_OTHER,
  ATTR_ID,
  ATTR_NAME,
  ATTR_HEAD,
  ATTR_HEADCOUNT,
  ATTR_AREA,
  ATTR_LEVEL,
  ATTR_NOTES,
  ATTR_PARENT,
  ATTR_PROVIDER,
  ATTR_CLIENT,
  ATTR_SERVICE,
  ATTR_TYPE,
  ATTR_ROUND,
  ATTR_SCORE,
  ATTR_RESPONDENTS,
  ATTR_COMMENT,
  ATTR_DATE,
  ATTR_VERSION,
  ATTR_SCALE_MIN,
  ATTR_SCALE_MAX,
  N_ATTRS
} AttrKind;

#define BIT(a) (1u << (a))
#define ATTR_SLOTS 64

/* Attributes that are ids or names, limited to ORGMAP_XML_MAX_ID_LENGTH */
#define ID_ATTRS (BIT (ATTR_ID) | BIT (ATTR_NAME) | BIT (ATTR_PARENT) | BIT (ATTR_PROVIDER) | \
                  BIT (ATTR_CLIENT) | BIT (ATTR_ROUND))
/* Attributes used while reading their element and not kept: numbers and
 * types are parsed, references resolved when they point backwards. */
#define TRANSIENT_ATTRS (BIT (ATTR_HEADCOUNT) | BIT (ATTR_LEVEL) | BIT (ATTR_TYPE) | BIT (ATTR_SCORE) | \
                         BIT (ATTR_RESPONDENTS) | BIT (ATTR_VERSION) | BIT (ATTR_SCALE_MIN) | \
                         BIT (ATTR_SCALE_MAX) | BIT (ATTR_PARENT) | BIT (ATTR_PROVIDER) | \
                         BIT (ATTR_CLIENT) | BIT (ATTR_ROUND))
/* Longer than this, a number or a type is wrong and shown shortened */
#define MAX_NUMBER_LENGTH 40

static const char * const element_names[] = {
  NULL, "orgmap", "unit", "external", "round", "link", "rating", "dimension",
};

static const char * const attr_names[N_ATTRS] = {
  NULL, "id", "name", "head", "headcount", "area", "level", "notes", "parent", "provider",
  "client", "service", "type", "round", "score", "respondents", "comment", "date", "version",
  "scale-min", "scale-max",
};

static const guint32 allowed_attrs[] = {
  [ELEMENT_OTHER] = 0,
  [ELEMENT_ORGMAP] = BIT (ATTR_VERSION) | BIT (ATTR_NAME) | BIT (ATTR_SCALE_MIN) | BIT (ATTR_SCALE_MAX),
  [ELEMENT_UNIT] = BIT (ATTR_ID) | BIT (ATTR_NAME) | BIT (ATTR_HEAD) | BIT (ATTR_HEADCOUNT) |
                   BIT (ATTR_AREA) | BIT (ATTR_LEVEL) | BIT (ATTR_NOTES) | BIT (ATTR_PARENT),
  [ELEMENT_EXTERNAL] = BIT (ATTR_ID) | BIT (ATTR_NAME) | BIT (ATTR_NOTES),
  [ELEMENT_ROUND] = BIT (ATTR_ID) | BIT (ATTR_NAME) | BIT (ATTR_DATE),
  [ELEMENT_LINK] = BIT (ATTR_ID) | BIT (ATTR_PROVIDER) | BIT (ATTR_CLIENT) | BIT (ATTR_SERVICE) |
                   BIT (ATTR_TYPE) | BIT (ATTR_NOTES),
  [ELEMENT_RATING] = BIT (ATTR_ROUND) | BIT (ATTR_SCORE) | BIT (ATTR_RESPONDENTS) | BIT (ATTR_COMMENT),
  [ELEMENT_DIMENSION] = BIT (ATTR_NAME) | BIT (ATTR_SCORE),
};

/* What the file holds, as read; checked as a whole and turned into a
 * document only when no problem was found. Strings live in Importer.strings. */
typedef struct
{
  const char *id;
  const char *name;
  const char *head;
  const char *area;
  const char *notes;
  const char *parent_id;   /* parent= naming a unit further on, to resolve */
  guint32     nest_parent; /* the enclosing <unit>, or ORGMAP_NONE */
  guint32     parent;      /* resolved */
  gint32      level;
  gint32      headcount;
  int         line;
  int         column;
} UnitRecord;

typedef struct
{
  const char *id;
  const char *name;
  const char *notes;
  int         line;
  int         column;
} ExternalRecord;

typedef struct
{
  const char *id;
  const char *name;
  const char *date;
  int         line;
  int         column;
} RoundRecord;

typedef struct
{
  const char *id;
  const char *provider_id; /* only while unresolved (a forward reference) */
  const char *client_id;
  const char *service;
  const char *notes;
  guint32     provider;
  guint32     client;
  guint32     first_rating; /* this link's ratings, chained by RatingRecord.next */
  int         line;
  int         column;
  guint8      type;
} LinkRecord;

typedef struct
{
  const char *round_id;    /* only while unresolved */
  const char *comment;
  double      score;
  guint32     link;
  guint32     round;
  guint32     next;
  guint32     first_dim;
  guint32     n_dims;
  gint32      respondents;
  int         line;
  int         column;
} RatingRecord;

typedef struct
{
  guint32 dimension;  /* index into Importer.dimensions */
  double  score;
} DimRecord;

typedef struct
{
  ElementKind kind;
  guint32     index;    /* record of the element, ORGMAP_NONE when not kept */
} Frame;

typedef struct
{
  int                line;
  int                column;
  guint              seq;
  OrgmapImportError  code;
  char              *id;
  char              *message;
} Problem;

typedef struct
{
  xmlTextReaderPtr  reader;
  GStringChunk     *strings;

  /* Element and attribute names as interned in the reader's dictionary:
   * names read from the file are the same pointers. */
  const char       *element_atoms[G_N_ELEMENTS (element_names)];
  const char       *attr_atoms[N_ATTRS];
  /* attr_atoms by pointer, open addressing */
  const char       *attr_slots[ATTR_SLOTS];
  guint8            attr_slot_kinds[ATTR_SLOTS];

  GArray           *units;        /* UnitRecord */
  GArray           *externals;    /* ExternalRecord */
  GArray           *rounds;       /* RoundRecord */
  GArray           *links;        /* LinkRecord */
  GArray           *ratings;      /* RatingRecord */
  GArray           *dims;         /* DimRecord */
  GPtrArray        *dimensions;   /* names in order of first appearance */
  GHashTable       *dimension_ids;/* name → index + 1 */

  /* id → record + 1; units and external clients share one space, the
   * latter marked with ORGMAP_EXTERNAL_BIT like document handles. */
  GHashTable       *party_ids;
  GHashTable       *round_ids;

  GArray           *stack;        /* Frame */
  /* This element's transient attributes: at most a few ids and numbers,
   * each limited in length, so a fixed buffer holds them all. */
  char              transient[N_ATTRS * (ORGMAP_XML_MAX_ID_LENGTH + 1)];
  gboolean          seen_root;
  const char       *name;
  double            scale_min;
  double            scale_max;
  gboolean          scale_valid;

  /* Where the element that follows starts, from the whitespace before it. */
  int               next_line;
  int               next_column;

  GArray           *problems;     /* Problem */
  guint             n_unlisted;
  gboolean          have_syntax_error;
  gboolean          stop;
} Importer;

/* Problems */

static int
code_rank (OrgmapImportError code)
{
  switch (code)
    {
    case ORGMAP_IMPORT_ERROR_IO:        return 4;
    case ORGMAP_IMPORT_ERROR_FORBIDDEN: return 3;
    case ORGMAP_IMPORT_ERROR_SYNTAX:    return 2;
    case ORGMAP_IMPORT_ERROR_FORMAT:    return 1;
    case ORGMAP_IMPORT_ERROR_INVALID:
    default:                            return 0;
    }
}

static char *
shorten (const char *str)
{
  const gsize max = 64;
  const char *end;

  if (str == NULL)
    return NULL;
  if (strlen (str) <= max)
    return g_strdup (str);
  end = g_utf8_find_prev_char (str, str + max + 1);
  return g_strdup_printf ("%.*s…", (int) (end - str), str);
}

static void problem (Importer          *self,
                     OrgmapImportError  code,
                     int                line,
                     int                column,
                     const char        *id,
                     const char        *format,
                     ...) G_GNUC_PRINTF (6, 7);

static void
problem (Importer          *self,
         OrgmapImportError  code,
         int                line,
         int                column,
         const char        *id,
         const char        *format,
         ...)
{
  Problem p;
  va_list args;

  if (self->problems->len >= ORGMAP_XML_MAX_PROBLEMS)
    {
      self->n_unlisted++;
      return;
    }

  va_start (args, format);
  p.message = g_strdup_vprintf (format, args);
  va_end (args);
  p.line = line;
  p.column = column;
  p.seq = self->problems->len;
  p.code = code;
  p.id = shorten (id);
  g_array_append_val (self->problems, p);
}

static void
problem_clear (gpointer data)
{
  Problem *p = data;

  g_free (p->id);
  g_free (p->message);
}

static int
problem_compare (gconstpointer a,
                 gconstpointer b)
{
  const Problem *pa = a;
  const Problem *pb = b;

  if (pa->line != pb->line)
    return pa->line < pb->line ? -1 : 1;
  if (pa->column != pb->column)
    return pa->column < pb->column ? -1 : 1;
  return pa->seq < pb->seq ? -1 : pa->seq > pb->seq;
}

static const char *
display_id (const char *id)
{
  /* Translators: stands for the id of an element that has none */
  return id != NULL ? id : _("(without id)");
}

/* libxml2 errors */

typedef struct
{
  Importer *importer;
  /* Where the data ends, to tell a truncated file from other errors. */
  const char *data;
  gsize       len;
  int         fd;
} ErrorContext;

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Line and column (in UTF-8 characters) of the last character that is not
 * white space. Only used after a syntax error, so a second read of the
 * file costs nothing in the common case. */
typedef struct
{
  int line, column;      /* running position */
  int last_line, last_column;
} EndScan;

static void
end_scan_feed (EndScan    *scan,
               const char *buf,
               gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      guchar c = buf[i];

      if (c == '\n')
        {
          scan->line++;
          scan->column = 0;
          continue;
        }
      if ((c & 0xc0) != 0x80)
        scan->column++;
      if (!is_blank (c))
        {
          scan->last_line = scan->line;
          scan->last_column = scan->column;
        }
    }
}

static gboolean
error_at_end (ErrorContext *ctx,
              int           line,
              int           column)
{
  EndScan scan = { 1, 0, 0, 0 };

  if (ctx->data != NULL)
    end_scan_feed (&scan, ctx->data, ctx->len);
  else if (ctx->fd >= 0)
    {
      char buf[65536];
      off_t offset = 0;
      gssize n;

      while ((n = pread (ctx->fd, buf, sizeof buf, offset)) > 0)
        {
          end_scan_feed (&scan, buf, n);
          offset += n;
        }
    }
  else
    return FALSE;

  return line > scan.last_line || (line == scan.last_line && column > scan.last_column);
}

static void
on_xml_error (void        *user_data,
              xmlErrorPtr  error)
{
  ErrorContext *ctx = user_data;
  Importer *self = ctx->importer;
  g_autofree char *text = NULL;
  int line = error->line;
  int column = error->int2;

  /* Warnings change nothing; after the first fatal error libxml2 often
   * explains the same fault again in other words. */
  if (error->level < XML_ERR_ERROR || self->have_syntax_error)
    return;
  if (error->level == XML_ERR_FATAL)
    self->have_syntax_error = TRUE;

  text = g_strstrip (g_strdup (error->message != NULL ? error->message : ""));

  switch (error->code)
    {
    case XML_ERR_DOCUMENT_START:
    case XML_ERR_DOCUMENT_EMPTY:
      problem (self, ORGMAP_IMPORT_ERROR_SYNTAX, line, column, NULL,
               _("The file does not contain XML: no element was found where the document should start"));
      return;

    case XML_ERR_DOCUMENT_END:
      /* Elements left open at the end of the data, or more after the root */
      if (!error_at_end (ctx, line, column))
        {
          problem (self, ORGMAP_IMPORT_ERROR_SYNTAX, line, column, NULL,
                   _("The file continues after the end of its root element"));
          return;
        }
      break;

    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_ENCODING:
      if (error->str1 != NULL && g_str_has_prefix (error->str1, "Bytes:"))
        problem (self, ORGMAP_IMPORT_ERROR_SYNTAX, line, column, NULL,
                 _("The file is not valid UTF-8 text and does not declare another encoding"));
      else
        problem (self, ORGMAP_IMPORT_ERROR_SYNTAX, line, column, NULL,
                 _("The file contains a character that XML does not allow"));
      return;

    case XML_ERR_UNSUPPORTED_ENCODING:
    case XML_ERR_UNKNOWN_ENCODING:
      problem (self, ORGMAP_IMPORT_ERROR_SYNTAX, line, column, NULL,
               _("The file declares the encoding “%s”, which is not supported"),
               error->str1 != NULL ? error->str1 : "?");
      return;

    case XML_ERR_INTERNAL_ERROR:
      if (strstr (text, "depth") != NULL)
        {
          problem (self, ORGMAP_IMPORT_ERROR_FORBIDDEN, line, column, NULL,
                   _("Elements are nested more than %u levels deep"),
                   MIN (xmlParserMaxDepth, ORGMAP_XML_MAX_DEPTH));
          return;
        }
      break;

    case XML_ERR_ENTITY_LOOP:
    case XML_ERR_ENTITY_PE_INTERNAL:
      problem (self, ORGMAP_IMPORT_ERROR_FORBIDDEN, line, column, NULL,
               _("The file defines entities that expand without bounds; Orgmap files never contain entities"));
      return;

    case XML_ERR_ENTITY_IS_EXTERNAL:
    case XML_ERR_EXT_ENTITY_STANDALONE:
      problem (self, ORGMAP_IMPORT_ERROR_FORBIDDEN, line, column, NULL,
               _("The file refers to an external entity; Orgmap files never read other files"));
      return;

    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
      problem (self, ORGMAP_IMPORT_ERROR_SYNTAX, line, column, NULL,
               /* Translators: &amp; &lt; … are XML syntax, keep them */
               _("The entity “&%s;” is not defined; only &amp; &lt; &gt; &quot; and &apos; can be used"),
               error->str1 != NULL ? error->str1 : "?");
      return;

    case XML_ERR_TAG_NAME_MISMATCH:
      problem (self, ORGMAP_IMPORT_ERROR_SYNTAX, line, column, NULL,
               _("The end tag does not match the start tag <%s>"),
               error->str1 != NULL ? error->str1 : "?");
      return;

    default:
      break;
    }

  /* The parser ran out of data: whatever it says, the file is cut short. */
  if (error->level == XML_ERR_FATAL && error_at_end (ctx, line, column))
    {
      problem (self, ORGMAP_IMPORT_ERROR_SYNTAX, line, column, NULL,
               _("The file ends before its elements are closed: it is truncated or was not completely written"));
      return;
    }

  /* Translators: %s is libxml2's own (English) description of the fault */
  problem (self, ORGMAP_IMPORT_ERROR_SYNTAX, line, column, NULL,
           _("The file is not well-formed XML: %s"), text);
}

/* Values */

static const char *
strip (char *str)
{
  char *end;

  while (is_blank (*str))
    str++;
  end = str + strlen (str);
  while (end > str && is_blank (end[-1]))
    *--end = '\0';
  return str;
}

static gboolean
parse_double (char   *str,
              double *out)
{
  const char *s = strip (str);
  const char *p = s;
  char *end = NULL;
  gboolean digits = FALSE;

  /* Plain decimal notation only: no hex, inf or nan. */
  if (*p == '+' || *p == '-')
    p++;
  while (g_ascii_isdigit (*p))
    p++, digits = TRUE;
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      digits = TRUE;
  if (!digits)
    return FALSE;
  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (*p != '\0')
    return FALSE;

  /* Scores are short decimals: with at most 15 digits and no exponent,
   * one division of two exact doubles is correctly rounded, as strtod. */
  if (*p == '\0' && p - s <= 17)
    {
      static const double powers[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
                                       1e11, 1e12, 1e13, 1e14, 1e15, 1e16 };
      const char *q = s;
      gboolean negative = FALSE;
      guint64 mantissa = 0;
      guint n_digits = 0;
      int fraction = -1;

      if (*q == '+' || *q == '-')
        negative = *q++ == '-';
      for (; *q != '\0' && *q != 'e' && *q != 'E'; q++)
        {
          if (*q == '.')
            fraction = 0;
          else
            {
              mantissa = mantissa * 10 + (guint64) (*q - '0');
              n_digits++;
              if (fraction >= 0)
                fraction++;
            }
        }
      if (*q == '\0' && n_digits <= 15)
        {
          *out = (double) mantissa / powers[MAX (fraction, 0)];
          if (negative)
            *out = -*out;
          return TRUE;
        }
    }

  *out = g_ascii_strtod (s, &end);
  return end == p && isfinite (*out);
}

static gboolean
parse_int (char   *str,
           gint64  min,
           gint64  max,
           gint32 *out)
{
  const char *p = strip (str);
  gboolean negative = FALSE;
  gint64 value = 0;

  if (*p == '+' || *p == '-')
    negative = *p++ == '-';
  if (*p == '\0')
    return FALSE;
  for (; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      value = value * 10 + (*p - '0');
      if (value > G_MAXINT32)
        return FALSE;
    }
  if (negative)
    value = -value;
  if (value < min || value > max)
    return FALSE;
  *out = (gint32) value;
  return TRUE;
}

static gboolean
valid_date (const char *str)
{
  guint y, m, d;
  char tail;

  if (strlen (str) != 10 || str[4] != '-' || str[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (str[i]))
      return FALSE;
  if (sscanf (str, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  return g_date_valid_dmy (d, m, y);
}

/* Elements */

static ElementKind
element_kind (Importer   *self,
              const char *name)
{
  for (guint i = ELEMENT_ORGMAP; i < G_N_ELEMENTS (element_names); i++)
    if (name == self->element_atoms[i])
      return i;
  /* Not from the dictionary after all: compare the text. */
  for (guint i = ELEMENT_ORGMAP; i < G_N_ELEMENTS (element_names); i++)
    if (strcmp (name, element_names[i]) == 0)
      return i;
  return ELEMENT_OTHER;
}

static guint
attr_slot (const char *name)
{
  return (guint) (((guintptr) name >> 3) * 0x9e3779b97f4a7c15ull >> 58) % ATTR_SLOTS;
}

static AttrKind
attr_kind (Importer   *self,
           const char *name)
{
  for (guint slot = attr_slot (name); self->attr_slots[slot] != NULL; slot = (slot + 1) % ATTR_SLOTS)
    if (self->attr_slots[slot] == name)
      return self->attr_slot_kinds[slot];
  for (guint i = ATTR_ID; i < N_ATTRS; i++)
    if (strcmp (name, attr_names[i]) == 0)
      return i;
  return ATTR_OTHER;
}

static gboolean
allowed_inside (ElementKind parent,
                ElementKind child)
{
  switch (child)
    {
    case ELEMENT_UNIT:
      return parent == ELEMENT_ORGMAP || parent == ELEMENT_UNIT;
    case ELEMENT_EXTERNAL:
    case ELEMENT_ROUND:
    case ELEMENT_LINK:
      return parent == ELEMENT_ORGMAP;
    case ELEMENT_RATING:
      return parent == ELEMENT_LINK;
    case ELEMENT_DIMENSION:
      return parent == ELEMENT_RATING;
    case ELEMENT_ORGMAP:
    case ELEMENT_OTHER:
    default:
      return FALSE;
    }
}

/* The attributes of the current element: kept strings are copied into
 * Importer.strings, transient ones into Importer.transient. */
typedef struct
{
  const char *value[N_ATTRS];
  guint32     present;
  guint32     unusable;   /* present but refused already (too long) */
} Attrs;

static void
read_attributes (Importer    *self,
                 ElementKind  kind,
                 const char  *element,
                 int          line,
                 int          column,
                 Attrs       *attrs)
{
  xmlTextReaderPtr reader = self->reader;
  gsize used = 0;

  attrs->present = 0;
  attrs->unusable = 0;

  while (xmlTextReaderMoveToNextAttribute (reader) == 1)
    {
      const char *name;
      const char *value;
      AttrKind a;
      gsize len;

      /* Namespaced attributes and declarations are left to other tools. */
      if (xmlTextReaderIsNamespaceDecl (reader) || xmlTextReaderConstPrefix (reader) != NULL)
        continue;

      name = (const char *) xmlTextReaderConstLocalName (reader);
      value = (const char *) xmlTextReaderConstValue (reader);
      if (name == NULL || value == NULL)
        continue;
      a = attr_kind (self, name);
      len = strlen (value);

      if (a == ATTR_OTHER || (allowed_attrs[kind] & BIT (a)) == 0)
        {
          problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, NULL,
                   _("<%s> has an unknown attribute “%s”"), element, name);
          continue;
        }

      attrs->present |= BIT (a);

      if (len > ORGMAP_XML_MAX_VALUE_LENGTH)
        {
          problem (self, ORGMAP_IMPORT_ERROR_FORBIDDEN, line, column, NULL,
                   _("The attribute “%s” of <%s> is longer than %u KiB"),
                   name, element, ORGMAP_XML_MAX_VALUE_LENGTH / 1024);
          attrs->unusable |= BIT (a);
          continue;
        }
      if (len > ORGMAP_XML_MAX_ID_LENGTH && (ID_ATTRS & BIT (a)) != 0)
        {
          problem (self, ORGMAP_IMPORT_ERROR_FORBIDDEN, line, column, NULL,
                   _("The attribute “%s” of <%s> is longer than %u bytes"),
                   name, element, ORGMAP_XML_MAX_ID_LENGTH);
          attrs->unusable |= BIT (a);
          continue;
        }

      if ((TRANSIENT_ATTRS & BIT (a)) != 0)
        {
          char *copy = self->transient + used;

          /* A number this long is wrong anyway: keep a visible part, which
           * fails to parse all the same because it ends in "…". */
          if (len > MAX_NUMBER_LENGTH && (ID_ATTRS & BIT (a)) == 0)
            len = g_snprintf (copy, MAX_NUMBER_LENGTH + 4, "%.*s…", MAX_NUMBER_LENGTH, value);
          else
            memcpy (copy, value, len + 1);
          /* Each attribute appears once, each within the limits above. */
          used += len + 1;
          g_assert (used <= sizeof self->transient);
          attrs->value[a] = copy;
        }
      else
        attrs->value[a] = g_string_chunk_insert_len (self->strings, value, len);
    }

  xmlTextReaderMoveToElement (reader);
}

static const char *
attr (const Attrs *attrs,
      AttrKind     a)
{
  return (attrs->present & ~attrs->unusable & BIT (a)) != 0 ? attrs->value[a] : NULL;
}

/* Returns the id, or NULL after reporting why there is none. */
static const char *
required_id (Importer    *self,
             const Attrs *attrs,
             const char  *element,
             int          line,
             int          column)
{
  const char *id = attr (attrs, ATTR_ID);

  if (id != NULL && *id != '\0')
    return id;
  if ((attrs->unusable & BIT (ATTR_ID)) == 0)
    problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, NULL,
             _("A <%s> element has no id"), element);
  return NULL;
}

static guint32
lookup (GHashTable *table,
        const char *id)
{
  gpointer found = g_hash_table_lookup (table, id);

  return found != NULL ? GPOINTER_TO_UINT (found) - 1 : ORGMAP_NONE;
}

static gboolean
claim_party (Importer   *self,
             const char *id,
             guint32     handle,
             int         line,
             int         column)
{
  gpointer found = g_hash_table_lookup (self->party_ids, id);

  if (found != NULL)
    {
      guint32 other = GPOINTER_TO_UINT (found) - 1;

      if (ORGMAP_IS_EXTERNAL (other))
        problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, id,
                 _("The id “%s” is already used by the external client on line %d"), id,
                 g_array_index (self->externals, ExternalRecord, ORGMAP_EXTERNAL_INDEX (other)).line);
      else
        problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, id,
                 _("The id “%s” is already used by the unit on line %d"), id,
                 g_array_index (self->units, UnitRecord, other).line);
      return FALSE;
    }
  g_hash_table_insert (self->party_ids, (gpointer) id, GUINT_TO_POINTER (handle + 1));
  return TRUE;
}

static void
check_scale (Importer    *self,
             const Attrs *attrs,
             int          line,
             int          column)
{
  char *min_str = (char *) attr (attrs, ATTR_SCALE_MIN);
  char *max_str = (char *) attr (attrs, ATTR_SCALE_MAX);
  double min = ORGMAP_DEFAULT_SCALE_MIN;
  double max = ORGMAP_DEFAULT_SCALE_MAX;

  self->scale_valid = TRUE;
  if (min_str != NULL && !parse_double (min_str, &min))
    {
      problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, NULL,
               _("The lowest score of the scale, “%s”, is not a number"), min_str);
      self->scale_valid = FALSE;
    }
  if (max_str != NULL && !parse_double (max_str, &max))
    {
      problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, NULL,
               _("The highest score of the scale, “%s”, is not a number"), max_str);
      self->scale_valid = FALSE;
    }
  if (self->scale_valid && min >= max)
    {
      problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, NULL,
               _("The scale must go from a lower to a higher score (%g to %g given)"), min, max);
      self->scale_valid = FALSE;
    }
  self->scale_min = min;
  self->scale_max = max;
}

static void
start_root (Importer    *self,
            const Attrs *attrs,
            int          line,
            int          column)
{
  char *version = (char *) attr (attrs, ATTR_VERSION);
  gint32 number;

  if (version == NULL)
    problem (self, ORGMAP_IMPORT_ERROR_FORMAT, line, column, NULL,
             _("The <orgmap> element has no version; files of this version of Orgmap have version=\"1\""));
  else if (!parse_int (version, 1, G_MAXINT32, &number))
    {
      problem (self, ORGMAP_IMPORT_ERROR_FORMAT, line, column, NULL,
               _("The format version “%s” is not valid; files of this version of Orgmap have version=\"1\""),
               version);
      self->stop = TRUE;
    }
  else if (number > 1)
    {
      problem (self, ORGMAP_IMPORT_ERROR_FORMAT, line, column, NULL,
               _("The file was written by a newer version of Orgmap (format version %d); update Orgmap to open it"),
               number);
      self->stop = TRUE;
    }

  self->name = attr (attrs, ATTR_NAME);
  check_scale (self, attrs, line, column);
}

/* @unit->parent was just resolved from @parent_id: it must be a unit. */
static void
check_parent (Importer   *self,
              UnitRecord *unit,
              const char *parent_id)
{
  if (ORGMAP_IS_EXTERNAL (unit->parent))
    {
      problem (self, ORGMAP_IMPORT_ERROR_INVALID, unit->line, unit->column, unit->id,
               _("Unit “%s” names the parent “%s”, which is an external client, not a unit"),
               display_id (unit->id), parent_id);
      unit->parent = ORGMAP_NONE;
    }
}

static guint32
start_unit (Importer    *self,
            const Attrs *attrs,
            guint32      nest_parent,
            int          line,
            int          column)
{
  UnitRecord unit = { 0 };
  const char *parent_id;
  char *str;
  guint32 index = self->units->len;

  unit.id = required_id (self, attrs, "unit", line, column);
  unit.name = attr (attrs, ATTR_NAME);
  if (unit.name == NULL)
    unit.name = unit.id;
  unit.head = attr (attrs, ATTR_HEAD);
  unit.area = attr (attrs, ATTR_AREA);
  unit.notes = attr (attrs, ATTR_NOTES);
  unit.parent = nest_parent;
  unit.headcount = -1;
  unit.line = line;
  unit.column = column;

  if ((str = (char *) attr (attrs, ATTR_HEADCOUNT)) != NULL && !parse_int (str, 0, G_MAXINT32, &unit.headcount))
    problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, unit.id,
             _("The headcount “%s” of unit “%s” is not a whole number of 0 or more"),
             str, display_id (unit.id));
  if ((str = (char *) attr (attrs, ATTR_LEVEL)) != NULL && !parse_int (str, 1, ORGMAP_XML_MAX_DEPTH, &unit.level))
    problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, unit.id,
             _("The level “%s” of unit “%s” is not a whole number from 1 to %d"),
             str, display_id (unit.id), ORGMAP_XML_MAX_DEPTH);

  if ((parent_id = attr (attrs, ATTR_PARENT)) != NULL)
    {
      if (nest_parent != ORGMAP_NONE)
        {
          const char *nest_id = g_array_index (self->units, UnitRecord, nest_parent).id;

          if (g_strcmp0 (nest_id, parent_id) != 0)
            problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, unit.id,
                     _("Unit “%s” is inside unit “%s” but its parent attribute names “%s”"),
                     display_id (unit.id), display_id (nest_id), parent_id);
        }
      else
        {
          unit.parent = lookup (self->party_ids, parent_id);
          if (unit.parent == ORGMAP_NONE)
            unit.parent_id = g_string_chunk_insert (self->strings, parent_id);
          else
            check_parent (self, &unit, parent_id);
        }
    }

  if (unit.id != NULL)
    claim_party (self, unit.id, index, line, column);
  g_array_append_val (self->units, unit);
  return index;
}

static guint32
start_external (Importer    *self,
                const Attrs *attrs,
                int          line,
                int          column)
{
  ExternalRecord external = { 0 };
  guint32 index = self->externals->len;

  external.id = required_id (self, attrs, "external", line, column);
  external.name = attr (attrs, ATTR_NAME);
  if (external.name == NULL)
    external.name = external.id;
  external.notes = attr (attrs, ATTR_NOTES);
  external.line = line;
  external.column = column;

  if (external.id != NULL)
    claim_party (self, external.id, ORGMAP_EXTERNAL_HANDLE (index), line, column);
  g_array_append_val (self->externals, external);
  return index;
}


static guint32
start_round (Importer    *self,
             const Attrs *attrs,
             int          line,
             int          column)
{
  RoundRecord round = { 0 };
  guint32 index = self->rounds->len;

  round.id = required_id (self, attrs, "round", line, column);
  round.name = attr (attrs, ATTR_NAME);
  if (round.name == NULL)
    round.name = round.id;
  round.date = attr (attrs, ATTR_DATE);
  round.line = line;
  round.column = column;

  if (round.date != NULL && !valid_date (round.date))
    problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, round.id,
             _("The date “%s” of round “%s” is not a date of the form YYYY-MM-DD"),
             round.date, display_id (round.id));

  if (round.id != NULL)
    {
      gpointer found = g_hash_table_lookup (self->round_ids, round.id);

      if (found != NULL)
        problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, round.id,
                 _("The round id “%s” is already used by the round on line %d"), round.id,
                 g_array_index (self->rounds, RoundRecord, GPOINTER_TO_UINT (found) - 1).line);
      else
        g_hash_table_insert (self->round_ids, (gpointer) round.id, GUINT_TO_POINTER (index + 1));
    }

  g_array_append_val (self->rounds, round);
  return index;
}

/* @link->provider was just resolved from @provider_id: it must be a unit. */
static void
check_provider (Importer   *self,
                LinkRecord *link,
                const char *provider_id)
{
  if (ORGMAP_IS_EXTERNAL (link->provider))
    problem (self, ORGMAP_IMPORT_ERROR_INVALID, link->line, link->column, link->id,
             _("Link “%s” names the external client “%s” as its provider; only units provide services"),
             display_id (link->id), provider_id);
}

static guint32
start_link (Importer    *self,
            const Attrs *attrs,
            int          line,
            int          column)
{
  LinkRecord link = { 0 };
  guint32 index = self->links->len;
  const char *provider_id;
  const char *client_id;
  char *type;

  link.id = required_id (self, attrs, "link", line, column);
  link.service = attr (attrs, ATTR_SERVICE);
  link.notes = attr (attrs, ATTR_NOTES);
  link.provider = ORGMAP_NONE;
  link.client = ORGMAP_NONE;
  link.first_rating = ORGMAP_NONE;
  link.type = ORGMAP_LINK_AUTOMATIC;
  link.line = line;
  link.column = column;

  if ((provider_id = attr (attrs, ATTR_PROVIDER)) != NULL)
    {
      link.provider = lookup (self->party_ids, provider_id);
      if (link.provider == ORGMAP_NONE)
        link.provider_id = g_string_chunk_insert (self->strings, provider_id);
      else
        check_provider (self, &link, provider_id);
    }
  else if ((attrs->unusable & BIT (ATTR_PROVIDER)) == 0)
    problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, link.id,
             _("Link “%s” has no provider"), display_id (link.id));

  if ((client_id = attr (attrs, ATTR_CLIENT)) != NULL)
    {
      link.client = lookup (self->party_ids, client_id);
      if (link.client == ORGMAP_NONE)
        link.client_id = g_string_chunk_insert (self->strings, client_id);
    }
  else if ((attrs->unusable & BIT (ATTR_CLIENT)) == 0)
    problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, link.id,
             _("Link “%s” has no client"), display_id (link.id));

  if (provider_id != NULL && g_strcmp0 (provider_id, client_id) == 0)
    problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, link.id,
             _("Link “%s” has “%s” as both its provider and its client"),
             display_id (link.id), provider_id);

  if ((type = (char *) attr (attrs, ATTR_TYPE)) != NULL)
    {
      OrgmapLinkType value;

      if (orgmap_link_type_from_string (strip (type), &value))
        link.type = value;
      else
        problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, link.id,
                 _("Link “%s” has the type “%s”; a type is vertical, horizontal, diagonal or external"),
                 display_id (link.id), type);
    }

  /* Duplicate link ids are found by check_link_ids(), off the common path. */
  g_array_append_val (self->links, link);
  return index;
}

/* Parses a score, reporting what is wrong with it. */
static gboolean
check_score (Importer    *self,
             const Attrs *attrs,
             const char  *link_id,
             int          line,
             int          column,
             double      *score)
{
  char *str = (char *) attr (attrs, ATTR_SCORE);

  if (str == NULL)
    {
      if ((attrs->unusable & BIT (ATTR_SCORE)) == 0)
        problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, link_id,
                 _("A rating of link “%s” has no score"), display_id (link_id));
      return FALSE;
    }
  if (!parse_double (str, score))
    {
      problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, link_id,
               _("The score “%s” of link “%s” is not a number"), str, display_id (link_id));
      return FALSE;
    }
  if (self->scale_valid && (*score < self->scale_min || *score > self->scale_max))
    {
      problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, link_id,
               _("The score %s of link “%s” is outside the scale %g–%g"),
               str, display_id (link_id), self->scale_min, self->scale_max);
      return FALSE;
    }
  return TRUE;
}

static guint32
start_rating (Importer    *self,
              const Attrs *attrs,
              guint32      link_index,
              int          line,
              int          column)
{
  LinkRecord *link = &g_array_index (self->links, LinkRecord, link_index);
  RatingRecord rating = { 0 };
  guint32 index = self->ratings->len;
  const char *round_id;
  char *str;

  rating.link = link_index;
  rating.comment = attr (attrs, ATTR_COMMENT);
  rating.round = ORGMAP_NONE;
  rating.next = ORGMAP_NONE;
  rating.first_dim = self->dims->len;
  rating.respondents = -1;
  rating.line = line;
  rating.column = column;

  if ((round_id = attr (attrs, ATTR_ROUND)) != NULL)
    {
      rating.round = lookup (self->round_ids, round_id);
      if (rating.round == ORGMAP_NONE)
        rating.round_id = g_string_chunk_insert (self->strings, round_id);
    }
  else if ((attrs->unusable & BIT (ATTR_ROUND)) == 0)
    problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, link->id,
             _("A rating of link “%s” names no round"), display_id (link->id));
  check_score (self, attrs, link->id, line, column, &rating.score);
  if ((str = (char *) attr (attrs, ATTR_RESPONDENTS)) != NULL &&
      !parse_int (str, 0, G_MAXINT32, &rating.respondents))
    problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, link->id,
             _("The number of respondents “%s” in a rating of link “%s” is not a whole number of 0 or more"),
             str, display_id (link->id));

  g_array_append_val (self->ratings, rating);

  /* Chain the link's ratings in file order. */
  if (link->first_rating == ORGMAP_NONE)
    link->first_rating = index;
  else
    {
      guint32 r = link->first_rating;

      while (g_array_index (self->ratings, RatingRecord, r).next != ORGMAP_NONE)
        r = g_array_index (self->ratings, RatingRecord, r).next;
      g_array_index (self->ratings, RatingRecord, r).next = index;
    }
  return index;
}

static void
start_dimension (Importer    *self,
                 const Attrs *attrs,
                 guint32      rating_index,
                 int          line,
                 int          column)
{
  RatingRecord *rating = &g_array_index (self->ratings, RatingRecord, rating_index);
  const char *link_id = g_array_index (self->links, LinkRecord, rating->link).id;
  const char *name = attr (attrs, ATTR_NAME);
  DimRecord dim;
  gpointer found;
  gboolean ok = TRUE;

  if (name == NULL || *name == '\0')
    {
      if ((attrs->unusable & BIT (ATTR_NAME)) == 0)
        problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, link_id,
                 _("A dimension score of link “%s” has no name"), display_id (link_id));
      ok = FALSE;
    }
  if (!check_score (self, attrs, link_id, line, column, &dim.score) || !ok)
    return;

  found = g_hash_table_lookup (self->dimension_ids, name);
  if (found == NULL)
    {
      g_ptr_array_add (self->dimensions, (gpointer) name);
      found = GUINT_TO_POINTER (self->dimensions->len);
      g_hash_table_insert (self->dimension_ids, (gpointer) name, found);
    }
  dim.dimension = GPOINTER_TO_UINT (found) - 1;

  for (guint i = 0; i < rating->n_dims; i++)
    {
      if (g_array_index (self->dims, DimRecord, rating->first_dim + i).dimension == dim.dimension)
        {
          problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, link_id,
                   _("A rating of link “%s” scores the dimension “%s” twice"),
                   display_id (link_id), name);
          return;
        }
    }

  g_array_append_val (self->dims, dim);
  rating->n_dims++;
}

/* Line and column of the element under the reader: the whitespace before it
 * tells where its start tag begins. libxml2's own parser position runs
 * ahead of the reader by up to a chunk, so it is only the last resort. */
static void
element_position (Importer *self,
                  int      *line,
                  int      *column)
{
  xmlNodePtr node;

  if (self->next_line > 0)
    {
      *line = self->next_line;
      *column = self->next_column;
      return;
    }

  node = xmlTextReaderCurrentNode (self->reader);
  *column = 0;
  if (node != NULL && node->line > 0 && node->line < G_MAXUINT16)
    *line = node->line;
  else
    *line = xmlTextReaderGetParserLineNumber (self->reader);
}

static void
note_text (Importer *self)
{
  xmlNodePtr node = xmlTextReaderCurrentNode (self->reader);
  const char *text = (const char *) xmlTextReaderConstValue (self->reader);
  const char *newline;
  const char *p;

  self->next_line = node != NULL ? (int) xmlGetLineNo (node) : 0;
  self->next_column = 0;
  if (self->next_line <= 0 || text == NULL)
    {
      self->next_line = 0;
      return;
    }

  /* The text ends where the next tag starts: after its last newline,
   * indentation alone gives the column. */
  newline = strrchr (text, '\n');
  if (newline == NULL)
    return;
  for (p = newline + 1; *p == ' ' || *p == '\t'; p++)
    ;
  if (*p == '\0')
    self->next_column = p - newline;
}

static void
start_element (Importer *self)
{
  xmlTextReaderPtr reader = self->reader;
  const char *name = (const char *) xmlTextReaderConstLocalName (reader);
  gboolean empty = xmlTextReaderIsEmptyElement (reader) == 1;
  const Frame *parent = self->stack->len > 0 ? &g_array_index (self->stack, Frame, self->stack->len - 1) : NULL;
  Frame frame = { ELEMENT_OTHER, ORGMAP_NONE };
  Attrs attrs;
  int line, column;

  if (name == NULL)
    return;
  element_position (self, &line, &column);

  if (self->stack->len >= ORGMAP_XML_MAX_DEPTH)
    {
      problem (self, ORGMAP_IMPORT_ERROR_FORBIDDEN, line, column, NULL,
               _("Elements are nested more than %u levels deep"),
               MIN (xmlParserMaxDepth, ORGMAP_XML_MAX_DEPTH));
      self->stop = TRUE;
      return;
    }

  frame.kind = element_kind (self, name);

  if (parent == NULL)
    {
      self->seen_root = TRUE;
      if (frame.kind != ELEMENT_ORGMAP)
        {
          problem (self, ORGMAP_IMPORT_ERROR_FORMAT, line, column, NULL,
                   _("This is not an Orgmap file: its root element is <%s> instead of <orgmap>"), name);
          self->stop = TRUE;
          return;
        }
      read_attributes (self, frame.kind, name, line, column, &attrs);
      start_root (self, &attrs, line, column);
    }
  else if (parent->kind == ELEMENT_OTHER)
    {
      /* Inside an element already reported: say nothing more about it. */
      frame.kind = ELEMENT_OTHER;
    }
  else if (frame.kind == ELEMENT_OTHER)
    {
      problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, NULL,
               _("Orgmap files have no element <%s>"), name);
    }
  else if (!allowed_inside (parent->kind, frame.kind))
    {
      problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, NULL,
               _("A <%s> element cannot be inside <%s>"), name, element_names[parent->kind]);
      frame.kind = ELEMENT_OTHER;
    }
  else
    {
      read_attributes (self, frame.kind, name, line, column, &attrs);
      switch (frame.kind)
        {
        case ELEMENT_UNIT:
          frame.index = start_unit (self, &attrs,
                                    parent->kind == ELEMENT_UNIT ? parent->index : ORGMAP_NONE,
                                    line, column);
          break;
        case ELEMENT_EXTERNAL:
          frame.index = start_external (self, &attrs, line, column);
          break;
        case ELEMENT_ROUND:
          frame.index = start_round (self, &attrs, line, column);
          break;
        case ELEMENT_LINK:
          frame.index = start_link (self, &attrs, line, column);
          break;
        case ELEMENT_RATING:
          frame.index = start_rating (self, &attrs, parent->index, line, column);
          break;
        case ELEMENT_DIMENSION:
          start_dimension (self, &attrs, parent->index, line, column);
          break;
        case ELEMENT_ORGMAP:
        case ELEMENT_OTHER:
        default:
          g_assert_not_reached ();
        }
    }

  if (!empty)
    g_array_append_val (self->stack, frame);
}

/* Where @needle first occurs in the first 64 KiB of the data. */
static void
locate_in_head (ErrorContext *ctx,
                const char   *needle,
                int          *line,
                int          *column)
{
  g_autofree char *buf = NULL;
  const char *data = ctx->data;
  gsize len = ctx->len;
  const char *at;

  *line = *column = 0;
  if (data == NULL && ctx->fd >= 0)
    {
      gssize n;

      buf = g_malloc (65536);
      n = pread (ctx->fd, buf, 65536, 0);
      data = buf;
      len = MAX (n, 0);
    }
  if (data == NULL)
    return;

  at = memmem (data, MIN (len, 65536), needle, strlen (needle));
  if (at == NULL)
    return;
  *line = 1;
  *column = 1;
  for (const char *p = data; p < at; p++)
    {
      if (*p == '\n')
        *line += 1, *column = 1;
      else if ((*p & 0xc0) != 0x80)
        *column += 1;
    }
}

static void
read_all (Importer     *self,
          ErrorContext *ctx)
{
  xmlTextReaderPtr reader = self->reader;
  int ret = 1;

  while (!self->stop && (ret = xmlTextReaderRead (reader)) == 1)
    {
      switch (xmlTextReaderNodeType (reader))
        {
        case XML_READER_TYPE_ELEMENT:
          start_element (self);
          self->next_line = 0;
          break;

        case XML_READER_TYPE_END_ELEMENT:
          if (self->stack->len > 0)
            g_array_set_size (self->stack, self->stack->len - 1);
          self->next_line = 0;
          break;

        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_WHITESPACE:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
          note_text (self);
          break;

        case XML_READER_TYPE_DOCUMENT_TYPE:
          {
            int line, column;

            locate_in_head (ctx, "<!DOCTYPE", &line, &column);
            problem (self, ORGMAP_IMPORT_ERROR_FORBIDDEN, line, column, NULL,
                     _("The file declares a DOCTYPE, which Orgmap files never contain"));
            self->stop = TRUE;
          }
          break;

        case XML_READER_TYPE_ENTITY_REFERENCE:
          problem (self, ORGMAP_IMPORT_ERROR_FORBIDDEN,
                   xmlTextReaderGetParserLineNumber (reader), 0, NULL,
                   _("The file uses the entity “&%s;”; Orgmap files never contain entities"),
                   (const char *) xmlTextReaderConstLocalName (reader));
          self->stop = TRUE;
          break;

        default:
          self->next_line = 0;
          break;
        }
    }

  if (ret < 0 && self->problems->len == 0 && self->n_unlisted == 0)
    problem (self, ORGMAP_IMPORT_ERROR_SYNTAX, 0, 0, NULL,
             _("The file could not be read as XML"));
}

/* Checks across the whole file */

static void
report_cycle (Importer *self,
              guint32  *cycle,
              guint     n)
{
  g_autoptr(GString) chain = g_string_new (NULL);
  guint first = 0;
  const UnitRecord *unit;

  /* Start from the unit that comes first in the file, and follow parents. */
  for (guint i = 1; i < n; i++)
    if (cycle[i] < cycle[first])
      first = i;
  unit = &g_array_index (self->units, UnitRecord, cycle[first]);

  if (n == 1)
    {
      problem (self, ORGMAP_IMPORT_ERROR_INVALID, unit->line, unit->column, unit->id,
               _("Unit “%s” names itself as its parent"), unit->id);
      return;
    }

  for (guint i = 0; i <= n && i <= 10; i++)
    {
      if (i > 0)
        g_string_append (chain, " → ");
      if (i == 10 && i < n)
        g_string_append (chain, "…");
      else
        g_string_append_printf (chain, "“%s”",
                                g_array_index (self->units, UnitRecord, cycle[(first + i) % n]).id);
    }
  /* Translators: %s is a chain of ids such as “a” → “b” → “a” */
  problem (self, ORGMAP_IMPORT_ERROR_INVALID, unit->line, unit->column, unit->id,
           _("The parent attributes of these units form a cycle: %s"), chain->str);
}

static void
resolve_units (Importer *self)
{
  guint n = self->units->len;
  g_autofree guint8 *state = g_new0 (guint8, MAX (n, 1));
  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (guint32));

  /* parent= naming a unit further on in the file */
  for (guint i = 0; i < n; i++)
    {
      UnitRecord *unit = &g_array_index (self->units, UnitRecord, i);

      if (unit->parent_id == NULL)
        continue;
      unit->parent = lookup (self->party_ids, unit->parent_id);
      if (unit->parent == ORGMAP_NONE)
        problem (self, ORGMAP_IMPORT_ERROR_INVALID, unit->line, unit->column, unit->id,
                 _("Unit “%s” names the parent “%s”, which is not a unit in this file"),
                 display_id (unit->id), unit->parent_id);
      else
        check_parent (self, unit, unit->parent_id);
    }

  /* Cycles: walk up from each unit, marking the path (1) until a unit
   * already done (2); meeting the path again closes a cycle. */
  for (guint i = 0; i < n; i++)
    {
      guint32 u = i;

      if (state[i] != 0)
        continue;
      g_array_set_size (path, 0);
      while (u != ORGMAP_NONE && state[u] == 0)
        {
          state[u] = 1;
          g_array_append_val (path, u);
          u = g_array_index (self->units, UnitRecord, u).parent;
        }
      if (u != ORGMAP_NONE && state[u] == 1)
        {
          guint k = 0;

          while (g_array_index (path, guint32, k) != u)
            k++;
          report_cycle (self, &g_array_index (path, guint32, k), path->len - k);
        }
      for (guint j = 0; j < path->len; j++)
        state[g_array_index (path, guint32, j)] = 2;
    }
}

static void
resolve_links (Importer *self)
{
  for (guint i = 0; i < self->links->len; i++)
    {
      LinkRecord *link = &g_array_index (self->links, LinkRecord, i);

      if (link->provider_id != NULL)
        {
          link->provider = lookup (self->party_ids, link->provider_id);
          if (link->provider == ORGMAP_NONE)
            problem (self, ORGMAP_IMPORT_ERROR_INVALID, link->line, link->column, link->id,
                     _("Link “%s” names the provider “%s”, which is not a unit in this file"),
                     display_id (link->id), link->provider_id);
          else
            check_provider (self, link, link->provider_id);
        }
      if (link->client_id != NULL)
        {
          link->client = lookup (self->party_ids, link->client_id);
          if (link->client == ORGMAP_NONE)
            problem (self, ORGMAP_IMPORT_ERROR_INVALID, link->line, link->column, link->id,
                     _("Link “%s” names the client “%s”, which is neither a unit nor an external client in this file"),
                     display_id (link->id), link->client_id);
        }
    }
}

static void
resolve_ratings (Importer *self)
{
  guint n_rounds = self->rounds->len;
  /* The last link rated in each round, and by which rating */
  g_autofree guint32 *seen_link = g_new (guint32, MAX (n_rounds, 1));
  g_autofree guint32 *seen_rating = g_new (guint32, MAX (n_rounds, 1));

  for (guint i = 0; i < self->ratings->len; i++)
    {
      RatingRecord *rating = &g_array_index (self->ratings, RatingRecord, i);

      if (rating->round_id == NULL)
        continue;
      rating->round = lookup (self->round_ids, rating->round_id);
      if (rating->round == ORGMAP_NONE)
        problem (self, ORGMAP_IMPORT_ERROR_INVALID, rating->line, rating->column,
                 g_array_index (self->links, LinkRecord, rating->link).id,
                 _("A rating of link “%s” names the round “%s”, which is not in this file"),
                 display_id (g_array_index (self->links, LinkRecord, rating->link).id),
                 rating->round_id);
    }

  for (guint i = 0; i < n_rounds; i++)
    seen_link[i] = ORGMAP_NONE;

  for (guint i = 0; i < self->links->len; i++)
    {
      const LinkRecord *link = &g_array_index (self->links, LinkRecord, i);

      for (guint32 r = link->first_rating; r != ORGMAP_NONE;
           r = g_array_index (self->ratings, RatingRecord, r).next)
        {
          const RatingRecord *rating = &g_array_index (self->ratings, RatingRecord, r);

          if (rating->round == ORGMAP_NONE)
            continue;
          if (seen_link[rating->round] == i)
            problem (self, ORGMAP_IMPORT_ERROR_INVALID, rating->line, rating->column, link->id,
                     _("Link “%s” is rated twice in round “%s” (first on line %d)"),
                     display_id (link->id), g_array_index (self->rounds, RoundRecord, rating->round).id,
                     g_array_index (self->ratings, RatingRecord, seen_rating[rating->round]).line);
          seen_link[rating->round] = i;
          seen_rating[rating->round] = r;
        }
    }
}

/* Links have ids of their own, which only the document needs: a success
 * lets the document's id table tell duplicates, and only a failure pays for
 * this second table, to list them all. */
static void
check_link_ids (Importer *self)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->links->len; i++)
    {
      const LinkRecord *link = &g_array_index (self->links, LinkRecord, i);
      gpointer found;

      if (link->id == NULL)
        continue;
      found = g_hash_table_lookup (ids, link->id);
      if (found != NULL)
        problem (self, ORGMAP_IMPORT_ERROR_INVALID, link->line, link->column, link->id,
                 _("The link id “%s” is already used by the link on line %d"), link->id,
                 g_array_index (self->links, LinkRecord, GPOINTER_TO_UINT (found) - 1).line);
      else
        g_hash_table_insert (ids, (gpointer) link->id, GUINT_TO_POINTER (i + 1));
    }
}

/* Building the document, once nothing is wrong */

static gboolean
build_hierarchy (Importer       *self,
                 OrgmapDocument *doc)
{
  guint n = self->units->len;
  g_autofree guint32 *depth = g_new (guint32, MAX (n, 1));
  g_autofree guint32 *count = NULL;
  g_autofree guint32 *order = g_new (guint32, MAX (n, 1));
  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 max_depth = 0;

  /* Depth of every unit, iteratively (there is no cycle by now). */
  for (guint i = 0; i < n; i++)
    depth[i] = ORGMAP_NONE;
  for (guint i = 0; i < n; i++)
    {
      guint32 u = i;
      guint32 d;

      g_array_set_size (path, 0);
      while (u != ORGMAP_NONE && depth[u] == ORGMAP_NONE)
        {
          g_array_append_val (path, u);
          u = g_array_index (self->units, UnitRecord, u).parent;
        }
      d = u == ORGMAP_NONE ? 0 : depth[u] + 1;
      for (guint j = path->len; j > 0; j--)
        depth[g_array_index (path, guint32, j - 1)] = d++;
    }
  for (guint i = 0; i < n; i++)
    max_depth = MAX (max_depth, depth[i]);

  /* Attach the deepest units first: then each parent is still a root when
   * its children are attached, and the document's cycle check is O(1). */
  count = g_new0 (guint32, max_depth + 2);
  for (guint i = 0; i < n; i++)
    count[max_depth - depth[i] + 1]++;
  for (guint d = 1; d <= max_depth + 1; d++)
    count[d] += count[d - 1];
  for (guint i = 0; i < n; i++)
    order[count[max_depth - depth[i]]++] = i;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      guint32 u = order[i];
      guint32 parent = g_array_index (self->units, UnitRecord, u).parent;

      if (parent == ORGMAP_NONE)
        continue;
      if (!orgmap_document_set_unit_parent (doc, u, parent, &error))
        {
          problem (self, ORGMAP_IMPORT_ERROR_INVALID, 0, 0, NULL, "%s", error->message);
          return FALSE;
        }
    }
  return TRUE;
}

static OrgmapDocument *
build (Importer *self)
{
  g_autoptr(OrgmapDocument) doc = orgmap_document_new ();
  g_autofree guint32 *dimension_map = g_new (guint32, MAX (self->dimensions->len, 1));
  gboolean ok = TRUE;

  orgmap_document_freeze (doc);

  if (self->name != NULL)
    orgmap_document_set_name (doc, self->name);
  ok &= orgmap_document_set_scale (doc, self->scale_min, self->scale_max, NULL);

  for (guint i = 0; i < self->units->len && ok; i++)
    {
      const UnitRecord *unit = &g_array_index (self->units, UnitRecord, i);

      ok &= orgmap_document_add_unit (doc, unit->id, unit->name, ORGMAP_NONE) == i;
      if (!ok)
        break;
      if (unit->head != NULL)
        orgmap_document_set_unit_head (doc, i, unit->head);
      if (unit->area != NULL)
        orgmap_document_set_unit_area (doc, i, unit->area);
      if (unit->notes != NULL)
        orgmap_document_set_unit_notes (doc, i, unit->notes);
      if (unit->headcount >= 0)
        orgmap_document_set_unit_headcount (doc, i, unit->headcount);
      if (unit->level > 0)
        orgmap_document_set_unit_level (doc, i, unit->level);
    }
  ok = ok && build_hierarchy (self, doc);

  for (guint i = 0; i < self->externals->len && ok; i++)
    {
      const ExternalRecord *external = &g_array_index (self->externals, ExternalRecord, i);

      ok &= orgmap_document_add_external (doc, external->id, external->name) == i;
      if (ok && external->notes != NULL)
        orgmap_document_set_external_notes (doc, i, external->notes);
    }

  for (guint i = 0; i < self->rounds->len && ok; i++)
    {
      const RoundRecord *round = &g_array_index (self->rounds, RoundRecord, i);

      ok &= orgmap_document_add_round (doc, round->id, round->name, round->date) == i;
    }

  for (guint i = 0; i < self->links->len && ok; i++)
    {
      const LinkRecord *link = &g_array_index (self->links, LinkRecord, i);

      ok &= orgmap_document_add_link (doc, link->id, link->provider, link->client, link->service) == i;
      if (!ok)
        break;
      if (link->notes != NULL)
        orgmap_document_set_link_notes (doc, i, link->notes);
      if (link->type != ORGMAP_LINK_AUTOMATIC)
        orgmap_document_set_link_type_override (doc, i, link->type);
    }

  for (guint i = 0; i < self->dimensions->len && ok; i++)
    ok &= (dimension_map[i] = orgmap_document_add_dimension (doc, g_ptr_array_index (self->dimensions, i))) != ORGMAP_NONE;

  for (guint i = 0; i < self->ratings->len && ok; i++)
    {
      const RatingRecord *rating = &g_array_index (self->ratings, RatingRecord, i);
      guint32 handle;

      handle = orgmap_document_set_rating (doc, rating->link, rating->round, rating->score,
                                           rating->respondents, rating->comment, NULL);
      ok &= handle != ORGMAP_NONE;
      for (guint j = 0; j < rating->n_dims && ok; j++)
        {
          const DimRecord *dim = &g_array_index (self->dims, DimRecord, rating->first_dim + j);

          ok &= orgmap_document_set_rating_dimension (doc, handle, dimension_map[dim->dimension],
                                                      dim->score, NULL);
        }
    }

  orgmap_document_thaw (doc);

  if (!ok)
    {
      /* A duplicate link id makes add_link() fail, and check_link_ids()
       * says which; the other checks make any other failure unreachable. */
      check_link_ids (self);
      if (self->problems->len == 0)
        problem (self, ORGMAP_IMPORT_ERROR_INVALID, 0, 0, NULL,
                 _("The file holds data that Orgmap cannot represent"));
      return NULL;
    }
  return g_steal_pointer (&doc);
}

/* Running an import */

static void
importer_init (Importer         *self,
               xmlTextReaderPtr  reader)
{
  memset (self, 0, sizeof *self);
  self->reader = reader;
  self->strings = g_string_chunk_new (1 << 20);
  for (guint i = ELEMENT_ORGMAP; i < G_N_ELEMENTS (element_names); i++)
    self->element_atoms[i] = (const char *) xmlTextReaderConstString (reader, (const xmlChar *) element_names[i]);
  for (guint i = ATTR_ID; i < N_ATTRS; i++)
    {
      guint slot;

      self->attr_atoms[i] = (const char *) xmlTextReaderConstString (reader, (const xmlChar *) attr_names[i]);
      if (self->attr_atoms[i] == NULL)
        continue;
      for (slot = attr_slot (self->attr_atoms[i]); self->attr_slots[slot] != NULL; slot = (slot + 1) % ATTR_SLOTS)
        ;
      self->attr_slots[slot] = self->attr_atoms[i];
      self->attr_slot_kinds[slot] = i;
    }
  self->units = g_array_new (FALSE, FALSE, sizeof (UnitRecord));
  self->externals = g_array_new (FALSE, FALSE, sizeof (ExternalRecord));
  self->rounds = g_array_new (FALSE, FALSE, sizeof (RoundRecord));
  self->links = g_array_new (FALSE, FALSE, sizeof (LinkRecord));
  self->ratings = g_array_new (FALSE, FALSE, sizeof (RatingRecord));
  self->dims = g_array_new (FALSE, FALSE, sizeof (DimRecord));
  self->dimensions = g_ptr_array_new ();
  self->dimension_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->party_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->round_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->stack = g_array_new (FALSE, FALSE, sizeof (Frame));
  self->problems = g_array_new (FALSE, FALSE, sizeof (Problem));
  g_array_set_clear_func (self->problems, problem_clear);
  self->scale_min = ORGMAP_DEFAULT_SCALE_MIN;
  self->scale_max = ORGMAP_DEFAULT_SCALE_MAX;
  self->scale_valid = TRUE;
}

static void
importer_clear (Importer *self)
{
  g_clear_pointer (&self->units, g_array_unref);
  g_clear_pointer (&self->externals, g_array_unref);
  g_clear_pointer (&self->rounds, g_array_unref);
  g_clear_pointer (&self->links, g_array_unref);
  g_clear_pointer (&self->ratings, g_array_unref);
  g_clear_pointer (&self->dims, g_array_unref);
  g_clear_pointer (&self->dimensions, g_ptr_array_unref);
  g_clear_pointer (&self->dimension_ids, g_hash_table_unref);
  g_clear_pointer (&self->party_ids, g_hash_table_unref);
  g_clear_pointer (&self->round_ids, g_hash_table_unref);
  g_clear_pointer (&self->stack, g_array_unref);
  g_clear_pointer (&self->problems, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
}

/* Hands the problems over, in file order, and sums them up in @error. */
static void
report (Importer        *self,
        OrgmapProblems  *problems,
        const char      *fallback_name,
        GError         **error)
{
  g_autoptr(OrgmapProblems) own = NULL;
  OrgmapImportError code = ORGMAP_IMPORT_ERROR_INVALID;
  guint first = orgmap_problems_count (problems);
  const char *name = NULL;
  guint n;

  if (problems == NULL)
    problems = own = orgmap_problems_new (NULL);

  g_array_sort (self->problems, problem_compare);
  for (guint i = 0; i < self->problems->len; i++)
    {
      const Problem *p = &g_array_index (self->problems, Problem, i);

      orgmap_problems_add (problems, p->line, p->column, p->id, "%s", p->message);
      if (code_rank (p->code) > code_rank (code))
        code = p->code;
    }
  if (self->n_unlisted > 0)
    orgmap_problems_add (problems, 0, 0, NULL,
                         ngettext ("%u more problem was found but is not listed",
                                   "%u more problems were found but are not listed",
                                   self->n_unlisted),
                         self->n_unlisted);

  if (orgmap_problems_count (problems) > first)
    name = orgmap_problems_get (problems, first)->file;
  if (name == NULL)
    name = fallback_name;

  n = self->problems->len + self->n_unlisted;
  if (name != NULL)
    g_set_error (error, ORGMAP_IMPORT_ERROR, code,
                 ngettext ("“%s” has %u problem", "“%s” has %u problems", n),
                 name, n);
  else
    g_set_error (error, ORGMAP_IMPORT_ERROR, code,
                 ngettext ("The XML data has %u problem", "The XML data has %u problems", n),
                 n);
}

static OrgmapDocument *
import (xmlTextReaderPtr   reader,
        ErrorContext      *ctx,
        OrgmapProblems    *problems,
        const char        *fallback_name,
        GError           **error)
{
  Importer self;
  OrgmapDocument *doc = NULL;

  importer_init (&self, reader);
  ctx->importer = &self;
  xmlTextReaderSetStructuredErrorHandler (reader, on_xml_error, ctx);

  read_all (&self, ctx);
  if (!self.have_syntax_error && !self.stop)
    {
      resolve_units (&self);
      resolve_links (&self);
      resolve_ratings (&self);
    }
  /* The lookup tables have served; the document builds its own. */
  g_clear_pointer (&self.party_ids, g_hash_table_unref);
  g_clear_pointer (&self.round_ids, g_hash_table_unref);
  g_clear_pointer (&self.dimension_ids, g_hash_table_unref);

  if (self.problems->len == 0 && self.n_unlisted == 0)
    doc = build (&self);
  else if (!self.have_syntax_error && !self.stop)
    check_link_ids (&self);
  if (doc == NULL)
    report (&self, problems, fallback_name, error);

  xmlTextReaderSetStructuredErrorHandler (reader, NULL, NULL);
  importer_clear (&self);
  return doc;
}

/* Failures before any XML is read: one problem without a location, and
 * @error says the same with the file's name. */
typedef enum
{
  FAIL_MISSING,
  FAIL_PERMISSION,
  FAIL_OPEN,
  FAIL_FOLDER,
  FAIL_SPECIAL,
  FAIL_EMPTY,
  FAIL_TOO_LARGE,
  FAIL_READ,
} Failure;

static void
fail (OrgmapProblems  *problems,
      Failure          failure,
      const char      *fallback_name,
      int              saved_errno,
      GError         **error)
{
  g_autoptr(OrgmapProblems) own = NULL;
  g_autofree char *message = NULL;
  g_autofree char *summary = NULL;
  OrgmapImportError code = ORGMAP_IMPORT_ERROR_IO;
  const char *name;

  switch (failure)
    {
    case FAIL_MISSING:
      message = g_strdup (_("The file does not exist"));
      break;
    case FAIL_PERMISSION:
      message = g_strdup (_("You do not have permission to read the file"));
      break;
    case FAIL_OPEN:
      message = g_strdup_printf (_("The file cannot be opened: %s"), g_strerror (saved_errno));
      break;
    case FAIL_FOLDER:
      message = g_strdup (_("This is a folder, not a file"));
      break;
    case FAIL_SPECIAL:
      message = g_strdup (_("This is not a regular file (it may be a device or a pipe)"));
      break;
    case FAIL_EMPTY:
      message = g_strdup (_("The file is empty"));
      code = ORGMAP_IMPORT_ERROR_SYNTAX;
      break;
    case FAIL_TOO_LARGE:
      message = g_strdup (_("The file is larger than 2 GiB"));
      code = ORGMAP_IMPORT_ERROR_FORBIDDEN;
      break;
    case FAIL_READ:
    default:
      message = g_strdup (_("The file cannot be read"));
      break;
    }

  if (problems == NULL)
    problems = own = orgmap_problems_new (NULL);
  orgmap_problems_add (problems, 0, 0, NULL, "%s", message);
  name = orgmap_problems_get (problems, orgmap_problems_count (problems) - 1)->file;
  if (name == NULL)
    name = fallback_name;

  if (name == NULL)
    {
      g_set_error_literal (error, ORGMAP_IMPORT_ERROR, code, message);
      return;
    }

  switch (failure)
    {
    case FAIL_MISSING:
      summary = g_strdup_printf (_("“%s” does not exist"), name);
      break;
    case FAIL_PERMISSION:
      summary = g_strdup_printf (_("You do not have permission to read “%s”"), name);
      break;
    case FAIL_OPEN:
      summary = g_strdup_printf (_("“%s” cannot be opened: %s"), name, g_strerror (saved_errno));
      break;
    case FAIL_FOLDER:
      summary = g_strdup_printf (_("“%s” is a folder, not a file"), name);
      break;
    case FAIL_SPECIAL:
      summary = g_strdup_printf (_("“%s” is not a regular file"), name);
      break;
    case FAIL_EMPTY:
      summary = g_strdup_printf (_("“%s” is empty"), name);
      break;
    case FAIL_TOO_LARGE:
      summary = g_strdup_printf (_("“%s” is larger than 2 GiB"), name);
      break;
    case FAIL_READ:
    default:
      summary = g_strdup_printf (_("“%s” cannot be read"), name);
      break;
    }
  g_set_error_literal (error, ORGMAP_IMPORT_ERROR, code, summary);
}

static xmlParserInputPtr
refuse_entity_loader (const char       *url,
                      const char       *id,
                      xmlParserCtxtPtr  ctxt)
{
  return NULL;
}

void
orgmap_xml_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      /* Orgmap opens every file itself, so libxml2 has nothing to load:
       * no DTD, no external entity, nothing from the network. */
      xmlSetExternalEntityLoader (refuse_entity_loader);
      g_once_init_leave (&initialized, 1);
    }
}

OrgmapDocument *
orgmap_xml_import_file (const char      *path,
                        OrgmapProblems  *problems,
                        GError         **error)
{
  g_autoptr(xmlTextReader) reader = NULL;
  g_autofree char *name = NULL;
  OrgmapDocument *doc;
  ErrorContext ctx = { NULL, NULL, 0, -1 };
  struct stat st;
  int fd;
  int flags;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  orgmap_xml_init ();
  name = g_filename_display_basename (path);

  /* O_NONBLOCK: opening a FIFO must not wait for a writer. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT || saved_errno == ENOTDIR)
        fail (problems, FAIL_MISSING, name, saved_errno, error);
      else if (saved_errno == EACCES || saved_errno == EPERM)
        fail (problems, FAIL_PERMISSION, name, saved_errno, error);
      else
        fail (problems, FAIL_OPEN, name, saved_errno, error);
      return NULL;
    }

  if (fstat (fd, &st) != 0)
    {
      fail (problems, FAIL_OPEN, name, errno, error);
      close (fd);
      return NULL;
    }
  if (!S_ISREG (st.st_mode) || st.st_size == 0)
    {
      fail (problems, S_ISDIR (st.st_mode) ? FAIL_FOLDER :
                      !S_ISREG (st.st_mode) ? FAIL_SPECIAL : FAIL_EMPTY,
            name, 0, error);
      close (fd);
      return NULL;
    }

  flags = fcntl (fd, F_GETFL);
  if (flags != -1)
    fcntl (fd, F_SETFL, flags & ~O_NONBLOCK);

  reader = xmlReaderForFd (fd, NULL, NULL, READER_OPTIONS);
  if (reader == NULL)
    {
      fail (problems, FAIL_READ, name, 0, error);
      close (fd);
      return NULL;
    }

  ctx.fd = fd;
  doc = import (reader, &ctx, problems, name, error);
  g_clear_pointer (&reader, xmlFreeTextReader);
  close (fd);
  return doc;
}

OrgmapDocument *
orgmap_xml_import_memory (const char      *data,
                          gsize            len,
                          OrgmapProblems  *problems,
                          GError         **error)
{
  g_autoptr(xmlTextReader) reader = NULL;
  ErrorContext ctx = { NULL, data, len, -1 };

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  orgmap_xml_init ();

  if (len == 0)
    {
      fail (problems, FAIL_EMPTY, NULL, 0, error);
      return NULL;
    }
  if (len > G_MAXINT)
    {
      fail (problems, FAIL_TOO_LARGE, NULL, 0, error);
      return NULL;
    }

  reader = xmlReaderForMemory (data, (int) len, NULL, NULL, READER_OPTIONS);
  if (reader == NULL)
    {
      fail (problems, FAIL_READ, NULL, 0, error);
      return NULL;
    }

  return import (reader, &ctx, problems, NULL, error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-model"

#include "config.h"

#include "orgmap-xml-export.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "orgmap-atomic-file.h"
#include "orgmap-error.h"

#define BUFFER_SIZE (1 << 16)

/* A double in plain decimal notation: a sign, "0.", up to 323 zeros and 17
 * digits (4.9e-324), or 309 digits (1.8e308). */
#define NUMBER_SIZE 352

#define INDENT_SIZE (2 * (ORGMAP_XML_MAX_NESTING + 3))

typedef enum
{
  ITEM_MAP,
  ITEM_UNIT,
  ITEM_EXTERNAL,
  ITEM_ROUND,
  ITEM_LINK,
  ITEM_DIMENSION,
} Item;

/* Everything goes through one buffer handed to fwrite() in large blocks:
 * no allocation and no stdio call per item. */
typedef struct
{
  FILE       *stream;
  gsize       len;
  int         saved_errno;     /* of the first failed write, 0 if none */

  /* The item being written, and where the first string XML cannot hold is */
  Item        kind;
  const char *item;
  Item        bad_kind;
  const char *bad_item;
  const char *bad_attribute;

  char        indent[INDENT_SIZE];
  char        buffer[BUFFER_SIZE];
} Writer;

static void
writer_write (Writer     *w,
              const char *data,
              gsize       len)
{
  if (len == 0 || w->saved_errno != 0)
    return;

  errno = 0;
  if (fwrite (data, 1, len, w->stream) != len)
    w->saved_errno = errno != 0 ? errno : EIO;
}

static void
writer_flush (Writer *w)
{
  writer_write (w, w->buffer, w->len);
  w->len = 0;
}

static inline void
put (Writer     *w,
     const char *data,
     gsize       len)
{
  if (G_UNLIKELY (len > BUFFER_SIZE - w->len))
    {
      writer_flush (w);
      if (len > BUFFER_SIZE)
        {
          writer_write (w, data, len);
          return;
        }
    }
  memcpy (w->buffer + w->len, data, len);
  w->len += len;
}

#define put_literal(w, s) put ((w), "" s, sizeof (s) - 1)

static inline void
put_indent (Writer *w,
            guint   depth)
{
  g_assert (2 * depth <= INDENT_SIZE);
  put (w, w->indent, 2 * depth);
}

/* Writes @value in decimal ending at @end; returns where it starts. */
static char *
format_uint (guint64  value,
             char    *end)
{
  char *p = end;

  do
    {
      *--p = (char) ('0' + value % 10);
      value /= 10;
    }
  while (value != 0);
  return p;
}

static void
put_int (Writer *w,
         gint64  value)
{
  char buf[24];
  char *end = buf + sizeof buf;
  char *p = format_uint (value < 0 ? -(guint64) value : (guint64) value, end);

  if (value < 0)
    *--p = '-';
  put (w, p, (gsize) (end - p));
}

/* Rewrites "d.ddde±x" as plain decimal digits (what xsd:decimal accepts),
 * keeping exactly the same significant digits, so it reads back equal. */
static gsize
expand_exponent (const char *str,
                 const char *e,
                 char       *out)
{
  char digits[24];
  char *o = out;
  int n_digits = 0;
  int n_int_digits = 0;
  gboolean seen_point = FALSE;
  int point;

  if (*str == '-')
    *o++ = *str++;
  for (; str < e; str++)
    {
      if (*str == '.')
        seen_point = TRUE;
      else if (n_digits < (int) sizeof digits)
        {
          digits[n_digits++] = *str;
          n_int_digits += !seen_point;
        }
    }
  while (n_digits > 1 && digits[n_digits - 1] == '0')
    n_digits--;

  point = n_int_digits + atoi (e + 1);
  if (point <= 0)
    {
      *o++ = '0';
      *o++ = '.';
      memset (o, '0', (gsize) -point);
      o += -point;
      memcpy (o, digits, (gsize) n_digits);
      o += n_digits;
    }
  else if (point >= n_digits)
    {
      memcpy (o, digits, (gsize) n_digits);
      o += n_digits;
      memset (o, '0', (gsize) (point - n_digits));
      o += point - n_digits;
    }
  else
    {
      memcpy (o, digits, (gsize) point);
      o += point;
      *o++ = '.';
      memcpy (o, digits + point, (gsize) (n_digits - point));
      o += n_digits - point;
    }
  *o = '\0';
  return (gsize) (o - out);
}

/* Scores are mostly short decimals (3.5, 4.25, 3.6): when @value is the
 * double nearest to m / 10^d for a small d, "m with d decimals" reads back
 * as @value, because m and 10^d are exact doubles and one division rounds
 * correctly, just as strtod() does. Trying d = 0, 1, 2… finds the shortest
 * such form in a few nanoseconds. Returns 0 when there is none. */
static gsize
format_short_decimal (double  value,
                      char   *out)
{
  static const double powers[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6 };
  static const guint64 int_powers[] = { 1, 10, 100, 1000, 10000, 100000, 1000000 };
  double magnitude = fabs (value);

  if (magnitude >= 1e9)
    return 0;

  for (guint d = 0; d < G_N_ELEMENTS (powers); d++)
    {
      double m = nearbyint (magnitude * powers[d]);

      if (m / powers[d] == magnitude)
        {
          guint64 digits = (guint64) m;
          char buf[24];
          char *end = buf + sizeof buf;
          char *p = end;
          char *o = out;

          if (d > 0)
            {
              p = format_uint (digits % int_powers[d], end);
              /* Leading zeros of the fraction: 0.05 */
              while (end - p < (gssize) d)
                *--p = '0';
              *--p = '.';
            }
          p = format_uint (digits / int_powers[d], p);
          if (value < 0 && digits != 0)
            *o++ = '-';
          memcpy (o, p, (gsize) (end - p));
          o += end - p;
          *o = '\0';
          return (gsize) (o - out);
        }
    }

  return 0;
}

/* The shortest of 15, 16 or 17 significant digits that reads back as the
 * same double, in the C locale whatever the user's, without exponent. */
static gsize
format_double (double  value,
               char   *out)
{
  static const char * const formats[] = { "%.15g", "%.16g", "%.17g" };
  char tmp[G_ASCII_DTOSTR_BUF_SIZE];
  const char *e;
  gsize len;

  g_assert (isfinite (value));

  len = format_short_decimal (value, out);
  if (len > 0)
    return len;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (tmp, sizeof tmp, formats[i], value);
      if (g_ascii_strtod (tmp, NULL) == value)
        break;
    }

  e = strchr (tmp, 'e');
  if (e != NULL)
    return expand_exponent (tmp, e, out);

  len = strlen (tmp);
  memcpy (out, tmp, len + 1);
  return len;
}

static void
note_bad_text (Writer     *w,
               const char *attribute)
{
  if (w->bad_attribute != NULL)
    return;
  w->bad_kind = w->kind;
  w->bad_item = w->item;
  w->bad_attribute = attribute;
}

/* Bytes copied as they are inside an attribute value: printable ASCII but
 * for the four that need escaping. */
#define ONES16 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1
static const guint8 plain_bytes[256] = {
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  1, 1, 0 /* " */, 1, 1, 1, 0 /* & */, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0 /* < */, 1, 0 /* > */, 1,
  ONES16, ONES16, ONES16, ONES16,
};
#undef ONES16

/* Escapes an attribute value. Tab, newline and carriage return become
 * character references so that attribute-value normalisation keeps them;
 * other control characters and broken UTF-8 cannot be stored in XML 1.0. */
static void
put_escaped (Writer     *w,
             const char *label,
             const char *text)
{
  const guchar *p = (const guchar *) text;
  const guchar *run = p;

  for (;;)
    {
      guchar c = *p;

      if (G_LIKELY (plain_bytes[c]))
        {
          p++;
          continue;
        }
      if (c == '\0')
        break;
      if (c >= 0x80)
        {
          gunichar ch = g_utf8_get_char_validated ((const char *) p, -1);

          if (ch <= 0x10FFFF && ch != 0xFFFE && ch != 0xFFFF)
            {
              p += g_utf8_skip[c];
              continue;
            }
        }

      put (w, (const char *) run, (gsize) (p - run));
      switch (c)
        {
        case '&':
          put_literal (w, "&amp;");
          break;
        case '<':
          put_literal (w, "&lt;");
          break;
        case '>':
          put_literal (w, "&gt;");
          break;
        case '"':
          put_literal (w, "&quot;");
          break;
        case '\t':
          put_literal (w, "&#9;");
          break;
        case '\n':
          put_literal (w, "&#10;");
          break;
        case '\r':
          put_literal (w, "&#13;");
          break;
        default:
          note_bad_text (w, label);
          break;
        }
      p++;
      run = p;
    }

  put (w, (const char *) run, (gsize) (p - run));
}

/* Writes ` name="value"`; @name is a literal. */
#define put_attr(w, name, value) put_attr_labelled ((w), " " name "=\"", name, (value))

static void
put_attr_labelled (Writer     *w,
                   const char *prefix,
                   const char *label,
                   const char *value)
{
  put (w, prefix, strlen (prefix));
  put_escaped (w, label, value);
  put_literal (w, "\"");
}

static void
put_attr_optional (Writer     *w,
                   const char *prefix,
                   const char *label,
                   const char *value)
{
  if (value != NULL)
    put_attr_labelled (w, prefix, label, value);
}

#define put_attr_opt(w, name, value) put_attr_optional ((w), " " name "=\"", name, (value))

#define put_attr_int(w, name, value) \
  G_STMT_START { \
    put_literal ((w), " " name "=\""); \
    put_int ((w), (value)); \
    put_literal ((w), "\""); \
  } G_STMT_END

static void
put_double (Writer *w,
            double  value)
{
  char buf[NUMBER_SIZE];
  gsize len = format_double (value, buf);

  put (w, buf, len);
}

#define put_attr_double(w, name, value) \
  G_STMT_START { \
    put_literal ((w), " " name "=\""); \
    put_double ((w), (value)); \
    put_literal ((w), "\""); \
  } G_STMT_END

static void
set_item (Writer     *w,
          Item        kind,
          const char *item)
{
  w->kind = kind;
  w->item = item;
}

/* Units */

/* Opens a unit's element at @depth. Returns TRUE when its children follow
 * nested (the element is left open), FALSE when it was closed at once: it
 * has no children, or they go to @deferred to be written flat. */
static gboolean
open_unit (Writer          *w,
           OrgmapDocument  *document,
           guint32          unit,
           guint            depth,
           gboolean         with_parent,
           GArray         **deferred)
{
  const OrgmapUnit *u = orgmap_document_get_unit (document, unit);
  const guint32 *children;
  guint n_children;

  set_item (w, ITEM_UNIT, u->id);
  put_indent (w, depth);
  put_literal (w, "<unit");
  put_attr (w, "id", u->id);
  put_attr (w, "name", u->name);
  if (with_parent)
    put_attr (w, "parent", orgmap_document_get_unit (document, u->parent)->id);
  put_attr_opt (w, "head", u->head);
  if (u->headcount >= 0)
    put_attr_int (w, "headcount", u->headcount);
  put_attr_opt (w, "area", u->area);
  if (u->level > 0)
    put_attr_int (w, "level", u->level);
  put_attr_opt (w, "notes", u->notes);
  {
    double x, y;

    /* Where a person placed the unit on the map. */
    if (orgmap_document_get_unit_position (document, unit, &x, &y))
      {
        put_attr_double (w, "x", x);
        put_attr_double (w, "y", y);
      }
  }

  children = orgmap_document_get_unit_children (document, unit, &n_children);
  if (n_children == 0)
    {
      put_literal (w, "/>\n");
      return FALSE;
    }
  if (depth >= ORGMAP_XML_MAX_NESTING)
    {
      if (*deferred == NULL)
        *deferred = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_array_append_vals (*deferred, children, n_children);
      put_literal (w, "/>\n");
      return FALSE;
    }
  put_literal (w, ">\n");
  return TRUE;
}

/* Writes @top and the units under it, nested, with an explicit stack: an
 * organisation thousands of levels deep must not exhaust the C stack. */
static void
write_unit_tree (Writer          *w,
                 OrgmapDocument  *document,
                 guint32          top,
                 gboolean         with_parent,
                 GArray         **deferred)
{
  struct
  {
    guint32 unit;
    guint   next_child;
  } stack[ORGMAP_XML_MAX_NESTING];
  guint n = 0;

  if (!open_unit (w, document, top, 1, with_parent, deferred))
    return;
  stack[n].unit = top;
  stack[n].next_child = 0;
  n++;

  while (n > 0)
    {
      guint n_children;
      const guint32 *children = orgmap_document_get_unit_children (document, stack[n - 1].unit,
                                                                   &n_children);

      if (stack[n - 1].next_child < n_children)
        {
          guint32 child = children[stack[n - 1].next_child++];

          if (open_unit (w, document, child, n + 1, FALSE, deferred))
            {
              g_assert (n < G_N_ELEMENTS (stack));
              stack[n].unit = child;
              stack[n].next_child = 0;
              n++;
            }
        }
      else
        {
          n--;
          put_indent (w, n + 1);
          put_literal (w, "</unit>\n");
        }
    }
}

static void
write_units (Writer         *w,
             OrgmapDocument *document)
{
  g_autoptr(GArray) deferred = NULL;
  const guint32 *roots;
  guint n_roots;

  roots = orgmap_document_get_roots (document, &n_roots);
  for (guint i = 0; i < n_roots; i++)
    write_unit_tree (w, document, roots[i], FALSE, &deferred);

  /* Subtrees below the nesting limit, in the order met; more may be added
   * while they are written. */
  for (guint i = 0; deferred != NULL && i < deferred->len; i++)
    write_unit_tree (w, document, g_array_index (deferred, guint32, i), TRUE, &deferred);
}

/* Links and their ratings */

static void
write_rating (Writer         *w,
              OrgmapDocument *document,
              guint32         rating)
{
  const OrgmapRating *r = orgmap_document_get_rating (document, rating);
  const OrgmapDimensionScore *scores;
  guint n_scores;

  put_literal (w, "    <rating");
  put_attr (w, "round", orgmap_document_get_round (document, r->round)->id);
  put_attr_double (w, "score", r->score);
  if (r->respondents >= 0)
    put_attr_int (w, "respondents", r->respondents);
  put_attr_opt (w, "comment", r->comment);

  scores = orgmap_document_get_dimension_scores (document, rating, &n_scores);
  if (n_scores == 0)
    {
      put_literal (w, "/>\n");
      return;
    }

  put_literal (w, ">\n");
  for (guint i = 0; i < n_scores; i++)
    {
      const char *name = orgmap_document_get_dimension (document, scores[i].dimension);
      Item kind = w->kind;
      const char *item = w->item;

      set_item (w, ITEM_DIMENSION, name);
      put_literal (w, "      <dimension");
      put_attr (w, "name", name);
      put_attr_double (w, "score", scores[i].score);
      put_literal (w, "/>\n");
      set_item (w, kind, item);
    }
  put_literal (w, "    </rating>\n");
}

static void
write_link (Writer         *w,
            OrgmapDocument *document,
            guint32         link)
{
  const OrgmapLink *l = orgmap_document_get_link (document, link);

  set_item (w, ITEM_LINK, l->id);
  put_literal (w, "  <link");
  put_attr (w, "id", l->id);
  put_attr (w, "provider", orgmap_document_get_party_id (document, l->provider));
  put_attr (w, "client", orgmap_document_get_party_id (document, l->client));
  put_attr_opt (w, "service", l->service);
  if (l->type_override != ORGMAP_LINK_AUTOMATIC)
    put_attr (w, "type", orgmap_link_type_to_string (l->type_override));
  put_attr_opt (w, "notes", l->notes);

  if (l->first_rating == ORGMAP_NONE)
    {
      put_literal (w, "/>\n");
      return;
    }

  put_literal (w, ">\n");
  for (guint32 r = l->first_rating; r != ORGMAP_NONE;
       r = orgmap_document_get_rating (document, r)->next)
    write_rating (w, document, r);
  put_literal (w, "  </link>\n");
}

static void
write_document (Writer         *w,
                OrgmapDocument *document)
{
  guint n;

  set_item (w, ITEM_MAP, orgmap_document_get_name (document));
  put_literal (w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  put_literal (w, "<orgmap version=\"1\"");
  put_attr (w, "name", orgmap_document_get_name (document));
  put_attr_double (w, "scale-min", orgmap_document_get_scale_min (document));
  put_attr_double (w, "scale-max", orgmap_document_get_scale_max (document));
  put_literal (w, ">\n");

  write_units (w, document);

  n = orgmap_document_get_n_externals (document);
  for (guint i = 0; i < n; i++)
    {
      const OrgmapExternal *x = orgmap_document_get_external (document, i);

      set_item (w, ITEM_EXTERNAL, x->id);
      put_literal (w, "  <external");
      put_attr (w, "id", x->id);
      put_attr (w, "name", x->name);
      put_attr_opt (w, "notes", x->notes);
      put_literal (w, "/>\n");
    }

  n = orgmap_document_get_n_rounds (document);
  for (guint i = 0; i < n; i++)
    {
      const OrgmapRound *r = orgmap_document_get_round (document, i);

      set_item (w, ITEM_ROUND, r->id);
      put_literal (w, "  <round");
      put_attr (w, "id", r->id);
      put_attr (w, "name", r->name);
      put_attr_opt (w, "date", r->date);
      put_literal (w, "/>\n");
    }

  n = orgmap_document_get_n_links (document);
  for (guint i = 0; i < n; i++)
    write_link (w, document, i);

  put_literal (w, "</orgmap>\n");
}

/* A string fit for a message, whatever bytes it holds. */
static char *
printable (const char *str)
{
  char *copy = g_utf8_make_valid (str != NULL ? str : "", -1);

  for (char *p = copy; *p != '\0'; p++)
    if ((guchar) *p < 0x20)
      *p = '?';
  return copy;
}

static void
set_bad_text_error (GError     **error,
                     Item         kind,
                     const char  *raw_item,
                     const char  *attribute)
{
  g_autofree char *item = printable (raw_item);

  switch (kind)
    {
    case ITEM_MAP:
      g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
                   _("Cannot export the map: its name “%s” contains a control character or "
                     "invalid UTF-8, which XML cannot store"),
                   item);
      break;
    case ITEM_DIMENSION:
      g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
                   _("Cannot export the quality dimension “%s”: its name contains a control "
                     "character or invalid UTF-8, which XML cannot store"),
                   item);
      break;
    case ITEM_UNIT:
      g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
                   /* Translators: the first %s is a unit's id, the second an
                    * attribute of the XML file (name, head, area, notes…), to be
                    * left untranslated */
                   _("Cannot export unit “%s”: its “%s” attribute contains a control "
                     "character or invalid UTF-8, which XML cannot store"),
                   item, attribute);
      break;
    case ITEM_EXTERNAL:
      g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
                   /* Translators: the first %s is an external client's id, the
                    * second an attribute of the XML file (name, notes), to be left
                    * untranslated */
                   _("Cannot export external client “%s”: its “%s” attribute contains a "
                     "control character or invalid UTF-8, which XML cannot store"),
                   item, attribute);
      break;
    case ITEM_ROUND:
      g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
                   /* Translators: the first %s is a round's id, the second an
                    * attribute of the XML file (name, date), to be left
                    * untranslated */
                   _("Cannot export round “%s”: its “%s” attribute contains a control "
                     "character or invalid UTF-8, which XML cannot store"),
                   item, attribute);
      break;
    case ITEM_LINK:
    default:
      g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
                   /* Translators: the first %s is a link's id, the second an
                    * attribute of the XML file (service, notes, comment…), to be
                    * left untranslated */
                   _("Cannot export link “%s”: its “%s” attribute contains a control "
                     "character or invalid UTF-8, which XML cannot store"),
                   item, attribute);
      break;
    }
}

gboolean
orgmap_xml_write (OrgmapDocument  *document,
                  FILE            *stream,
                  GError         **error)
{
  g_autofree Writer *w = NULL;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (stream != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  w = g_new (Writer, 1);
  w->stream = stream;
  w->len = 0;
  w->saved_errno = 0;
  w->kind = ITEM_MAP;
  w->item = NULL;
  w->bad_kind = ITEM_MAP;
  w->bad_item = NULL;
  w->bad_attribute = NULL;
  memset (w->indent, ' ', sizeof w->indent);

  write_document (w, document);
  writer_flush (w);
  if (w->saved_errno == 0 && fflush (stream) != 0)
    w->saved_errno = errno != 0 ? errno : EIO;

  if (w->bad_attribute != NULL)
    {
      set_bad_text_error (error, w->bad_kind, w->bad_item, w->bad_attribute);
      return FALSE;
    }

  if (w->saved_errno != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (w->saved_errno),
                   _("Cannot write the XML file: %s"), g_strerror (w->saved_errno));
      return FALSE;
    }

  return TRUE;
}

gboolean
orgmap_xml_export_file (OrgmapDocument  *document,
                        const char      *path,
                        gboolean         overwrite,
                        GError         **error)
{
  g_autoptr(OrgmapAtomicFile) file = NULL;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  file = orgmap_atomic_file_new (path, overwrite, error);
  if (file == NULL)
    return FALSE;

  /* On failure the temporary file goes away with @file. */
  if (!orgmap_xml_write (document, orgmap_atomic_file_get_stream (file), error))
    return FALSE;

  return orgmap_atomic_file_commit (g_steal_pointer (&file), error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-model"

#include "config.h"

#include "orgmap-import-graph.h"

#include <stdlib.h>
#include <string.h>

/* The words of foreign files: the names they give fields, and the text of
 * their labels. */

/* ------------------------------------------------------------------------ */
/* Text */

char *
orgmap_import_shorten (const char *str,
                       gsize       max)
{
  const char *end;

  if (str == NULL)
    return NULL;
  if (strlen (str) <= max)
    return g_strdup (str);
  end = g_utf8_find_prev_char (str, str + max + 1);
  return g_strdup_printf ("%.*s…", (int) (end - str), str);
}

/* ------------------------------------------------------------------------ */
/* Field names */

static const struct
{
  const char       *name;   /* lower case, letters and digits only */
  OrgmapGraphField  field;
} field_names[] = {
  { "label", ORGMAP_GRAPH_FIELD_NAME },
  { "name", ORGMAP_GRAPH_FIELD_NAME },
  { "title", ORGMAP_GRAPH_FIELD_NAME },
  { "unit", ORGMAP_GRAPH_FIELD_NAME },
  { "unitname", ORGMAP_GRAPH_FIELD_NAME },
  { "department", ORGMAP_GRAPH_FIELD_NAME },
  { "departmentname", ORGMAP_GRAPH_FIELD_NAME },
  { "head", ORGMAP_GRAPH_FIELD_HEAD },
  { "headname", ORGMAP_GRAPH_FIELD_HEAD },
  { "manager", ORGMAP_GRAPH_FIELD_HEAD },
  { "leader", ORGMAP_GRAPH_FIELD_HEAD },
  { "chief", ORGMAP_GRAPH_FIELD_HEAD },
  { "headcount", ORGMAP_GRAPH_FIELD_HEADCOUNT },
  { "employees", ORGMAP_GRAPH_FIELD_HEADCOUNT },
  { "numberofemployees", ORGMAP_GRAPH_FIELD_HEADCOUNT },
  { "nemployees", ORGMAP_GRAPH_FIELD_HEADCOUNT },
  { "employeecount", ORGMAP_GRAPH_FIELD_HEADCOUNT },
  { "staff", ORGMAP_GRAPH_FIELD_HEADCOUNT },
  { "staffcount", ORGMAP_GRAPH_FIELD_HEADCOUNT },
  { "people", ORGMAP_GRAPH_FIELD_HEADCOUNT },
  { "fte", ORGMAP_GRAPH_FIELD_HEADCOUNT },
  { "level", ORGMAP_GRAPH_FIELD_LEVEL },
  { "grade", ORGMAP_GRAPH_FIELD_LEVEL },
  { "hierarchylevel", ORGMAP_GRAPH_FIELD_LEVEL },
  { "orglevel", ORGMAP_GRAPH_FIELD_LEVEL },
  { "area", ORGMAP_GRAPH_FIELD_AREA },
  { "functionalarea", ORGMAP_GRAPH_FIELD_AREA },
  { "function", ORGMAP_GRAPH_FIELD_AREA },
  { "notes", ORGMAP_GRAPH_FIELD_NOTES },
  { "note", ORGMAP_GRAPH_FIELD_NOTES },
  { "description", ORGMAP_GRAPH_FIELD_NOTES },
  { "comment", ORGMAP_GRAPH_FIELD_NOTES },
  { "comments", ORGMAP_GRAPH_FIELD_NOTES },
  { "quality", ORGMAP_GRAPH_FIELD_QUALITY },
  { "servicequality", ORGMAP_GRAPH_FIELD_QUALITY },
  { "score", ORGMAP_GRAPH_FIELD_QUALITY },
  { "rating", ORGMAP_GRAPH_FIELD_QUALITY },
  { "service", ORGMAP_GRAPH_FIELD_SERVICE },
  { "servicename", ORGMAP_GRAPH_FIELD_SERVICE },
};

OrgmapGraphField
orgmap_graph_field_from_name (const char *name)
{
  char key[32];
  gsize n = 0;

  if (name == NULL)
    return ORGMAP_GRAPH_FIELD_NONE;

  /* “Head count”, “head_count”, “HeadCount” and “d:headcount” alike: the
   * part after a namespace prefix, letters and digits, lower case. */
  if (strchr (name, ':') != NULL)
    name = strrchr (name, ':') + 1;
  for (const char *p = name; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p))
        continue;
      if (n + 1 >= sizeof key)
        return ORGMAP_GRAPH_FIELD_NONE;
      key[n++] = g_ascii_tolower (*p);
    }
  key[n] = '\0';

  for (guint i = 0; i < G_N_ELEMENTS (field_names); i++)
    if (strcmp (key, field_names[i].name) == 0)
      return field_names[i].field;
  return ORGMAP_GRAPH_FIELD_NONE;
}

/* ------------------------------------------------------------------------ */
/* Label text */

/* White space: ASCII's, and the no-break space (U+00A0, C2 A0 in UTF-8) */
static gsize
space_at (const char *p)
{
  if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
    return 1;
  if ((guchar) p[0] == 0xc2 && (guchar) p[1] == 0xa0)
    return 2;
  return 0;
}

char *
orgmap_graph_collapse_space (const char *text)
{
  gsize len = strlen (text);
  gboolean clean = len == 0 || (text[0] != ' ' && text[len - 1] != ' ');
  char *out;
  char *q;

  /* Most labels and values need nothing done */
  for (const char *p = text; clean && *p != '\0'; p++)
    if ((*p == ' ' && p[1] == ' ') || (*p != ' ' && space_at (p) > 0))
      clean = FALSE;
  if (clean)
    return g_strndup (text, len);

  out = q = g_malloc (len + 1);
  for (const char *p = text; *p != '\0'; )
    {
      gsize n = space_at (p);

      if (n == 0)
        {
          *q++ = *p++;
          continue;
        }
      while ((n = space_at (p)) > 0)
        p += n;
      if (q > out && *p != '\0')
        *q++ = ' ';
    }
  *q = '\0';
  return out;
}

/* Tags that end a line of text */
static const char * const breaking_tags[] = {
  "br", "div", "p", "li", "ul", "ol", "tr", "td", "th", "table", "hr",
  "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "center",
};

static gboolean
tag_breaks (const char *name,
            gsize       len)
{
  for (guint i = 0; i < G_N_ELEMENTS (breaking_tags); i++)
    if (strlen (breaking_tags[i]) == len && g_ascii_strncasecmp (name, breaking_tags[i], len) == 0)
      return TRUE;
  return FALSE;
}

static const struct
{
  const char *name;
  gunichar    c;
} named_entities[] = {
  { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
  { "nbsp", ' ' }, { "ndash", 0x2013 }, { "mdash", 0x2014 }, { "hellip", 0x2026 },
  { "laquo", 0xab }, { "raquo", 0xbb }, { "copy", 0xa9 }, { "reg", 0xae },
  { "aacute", 0xe1 }, { "eacute", 0xe9 }, { "iacute", 0xed }, { "oacute", 0xf3 },
  { "uacute", 0xfa }, { "ntilde", 0xf1 }, { "Aacute", 0xc1 }, { "Eacute", 0xc9 },
  { "Iacute", 0xcd }, { "Oacute", 0xd3 }, { "Uacute", 0xda }, { "Ntilde", 0xd1 },
  { "uuml", 0xfc }, { "ouml", 0xf6 }, { "auml", 0xe4 }, { "szlig", 0xdf },
  { "ccedil", 0xe7 }, { "agrave", 0xe0 }, { "egrave", 0xe8 },
};

/* Decodes the character reference at @p (just after '&'); returns where
 * it ends, or NULL when it is not one. */
static const char *
decode_reference (const char *p,
                  gunichar   *c)
{
  const char *semi = p;

  while (*semi != '\0' && *semi != ';' && semi - p < 12)
    semi++;
  if (*semi != ';' || semi == p)
    return NULL;

  if (*p == '#')
    {
      char *end;
      gulong value;

      if (p[1] == 'x' || p[1] == 'X')
        value = strtoul (p + 2, &end, 16);
      else
        value = strtoul (p + 1, &end, 10);
      if (end != semi || value == 0 || !g_unichar_validate (value))
        return NULL;
      *c = value;
      return semi + 1;
    }

  for (guint i = 0; i < G_N_ELEMENTS (named_entities); i++)
    if (strlen (named_entities[i].name) == (gsize) (semi - p) &&
        strncmp (p, named_entities[i].name, semi - p) == 0)
      {
        *c = named_entities[i].c;
        return semi + 1;
      }
  return NULL;
}

char *
orgmap_graph_strip_html (const char *html)
{
  g_autoptr(GString) text = g_string_sized_new (strlen (html));
  const char *p = html;

  while (*p != '\0')
    {
      if (*p == '<' && (g_ascii_isalpha (p[1]) || p[1] == '/' || p[1] == '!'))
        {
          const char *name = p + 1;
          const char *end;
          char quote = 0;

          if (g_str_has_prefix (p, "<!--"))
            {
              end = strstr (p + 4, "-->");
              p = end != NULL ? end + 3 : p + strlen (p);
              continue;
            }
          if (*name == '/')
            name++;
          end = name;
          while (g_ascii_isalnum (*end))
            end++;
          if (tag_breaks (name, end - name))
            g_string_append_c (text, ' ');
          /* To the end of the tag, past quoted attribute values */
          for (; *end != '\0'; end++)
            {
              if (quote != 0)
                quote = *end == quote ? 0 : quote;
              else if (*end == '"' || *end == '\'')
                quote = *end;
              else if (*end == '>')
                break;
            }
          p = *end == '>' ? end + 1 : end;
          continue;
        }
      if (*p == '&')
        {
          gunichar c;
          const char *next = decode_reference (p + 1, &c);

          if (next != NULL)
            {
              g_string_append_unichar (text, c);
              p = next;
              continue;
            }
        }
      g_string_append_c (text, *p);
      p++;
    }

  return orgmap_graph_collapse_space (text->str);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-model"

#include "config.h"

#include "orgmap-xml-import-private.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/parserInternals.h>

#define BIT(a) (1u << (a))

/* Attributes that are ids or names, limited to ORGMAP_XML_MAX_ID_LENGTH */
#define ID_ATTRS (BIT (ATTR_ID) | BIT (ATTR_NAME) | BIT (ATTR_PARENT) | BIT (ATTR_PROVIDER) | \
                  BIT (ATTR_CLIENT) | BIT (ATTR_ROUND))
/* Attributes used while reading their element and not kept: numbers and
 * types are parsed, references resolved when they point backwards. */
#define TRANSIENT_ATTRS (BIT (ATTR_HEADCOUNT) | BIT (ATTR_LEVEL) | BIT (ATTR_TYPE) | \
                         BIT (ATTR_SCORE) | BIT (ATTR_RESPONDENTS) | BIT (ATTR_VERSION) | \
                         BIT (ATTR_SCALE_MIN) | BIT (ATTR_SCALE_MAX) | BIT (ATTR_PARENT) | \
                         BIT (ATTR_PROVIDER) | BIT (ATTR_CLIENT) | BIT (ATTR_ROUND) | \
                         BIT (ATTR_X) | BIT (ATTR_Y))
/* Longer than this, a number or a type is wrong and shown shortened */
#define MAX_NUMBER_LENGTH 40

static const char * const element_names[] = {
  NULL, "orgmap", "unit", "external", "round", "link", "rating", "dimension",
};

static const char * const attr_names[N_ATTRS] = {
  NULL, "id", "name", "head", "headcount", "area", "level", "notes", "parent", "provider",
  "client", "service", "type", "round", "score", "respondents", "comment", "date", "version",
  "scale-min", "scale-max", "x", "y",
};

static const guint32 allowed_attrs[] = {
  [ELEMENT_OTHER] = 0,
  [ELEMENT_ORGMAP] = BIT (ATTR_VERSION) | BIT (ATTR_NAME) | BIT (ATTR_SCALE_MIN) |
                     BIT (ATTR_SCALE_MAX),
  [ELEMENT_UNIT] = BIT (ATTR_ID) | BIT (ATTR_NAME) | BIT (ATTR_HEAD) | BIT (ATTR_HEADCOUNT) |
                   BIT (ATTR_AREA) | BIT (ATTR_LEVEL) | BIT (ATTR_NOTES) | BIT (ATTR_PARENT) |
                   BIT (ATTR_X) | BIT (ATTR_Y),
  [ELEMENT_EXTERNAL] = BIT (ATTR_ID) | BIT (ATTR_NAME) | BIT (ATTR_NOTES),
  [ELEMENT_ROUND] = BIT (ATTR_ID) | BIT (ATTR_NAME) | BIT (ATTR_DATE),
  [ELEMENT_LINK] = BIT (ATTR_ID) | BIT (ATTR_PROVIDER) | BIT (ATTR_CLIENT) | BIT (ATTR_SERVICE) |
                   BIT (ATTR_TYPE) | BIT (ATTR_NOTES),
  [ELEMENT_RATING] = BIT (ATTR_ROUND) | BIT (ATTR_SCORE) | BIT (ATTR_RESPONDENTS) |
                     BIT (ATTR_COMMENT),
  [ELEMENT_DIMENSION] = BIT (ATTR_NAME) | BIT (ATTR_SCORE),
};

/* Values */

static const char *
strip (char *str)
{
  char *end;

  while (g_ascii_isspace (*str))
    str++;
  end = str + strlen (str);
  while (end > str && g_ascii_isspace (end[-1]))
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
  if (p - s <= 17)
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
  for (guint slot = attr_slot (name); self->attr_slots[slot] != NULL;
       slot = (slot + 1) % ATTR_SLOTS)
    if (self->attr_slots[slot] == name)
      return self->attr_slot_kinds[slot];
  for (guint i = ATTR_ID; i < N_ATTRS; i++)
    if (strcmp (name, attr_names[i]) == 0)
      return i;
  return ATTR_OTHER;
}

/* The names as the reader's dictionary holds them */
void
orgmap_xml_init_names (Importer *self)
{
  xmlTextReaderPtr reader = self->reader;

  for (guint i = ELEMENT_ORGMAP; i < G_N_ELEMENTS (element_names); i++)
    self->element_atoms[i] = (const char *) xmlTextReaderConstString (reader,
                                                                      BAD_CAST element_names[i]);
  for (guint i = ATTR_ID; i < N_ATTRS; i++)
    {
      guint slot;

      self->attr_atoms[i] = (const char *) xmlTextReaderConstString (reader,
                                                                     BAD_CAST attr_names[i]);
      if (self->attr_atoms[i] == NULL)
        continue;
      for (slot = attr_slot (self->attr_atoms[i]); self->attr_slots[slot] != NULL;
           slot = (slot + 1) % ATTR_SLOTS)
        ;
      self->attr_slots[slot] = self->attr_atoms[i];
      self->attr_slot_kinds[slot] = i;
    }
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
          g_autofree char *shown = orgmap_xml_shorten (name, 64);

          orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, NULL,
                              _("<%s> has an unknown attribute “%s”"), element, shown);
          continue;
        }

      attrs->present |= BIT (a);

      if (len > ORGMAP_XML_MAX_VALUE_LENGTH)
        {
          orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_FORBIDDEN, line, column, NULL,
                              _("The attribute “%s” of <%s> is longer than %u KiB"),
                              name, element, ORGMAP_XML_MAX_VALUE_LENGTH / 1024);
          attrs->unusable |= BIT (a);
          continue;
        }
      if (len > ORGMAP_XML_MAX_ID_LENGTH && (ID_ATTRS & BIT (a)) != 0)
        {
          orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_FORBIDDEN, line, column, NULL,
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
            {
              g_autofree char *shown = orgmap_xml_shorten (value, MAX_NUMBER_LENGTH);

              len = strlen (shown);
              memcpy (copy, shown, len + 1);
            }
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
    orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, NULL,
                        _("A <%s> element has no id"), element);
  return NULL;
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
        orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, id,
                            _("The id “%s” is already used by the external client on line %d"), id,
                            g_array_index (self->externals, ExternalRecord,
                                           ORGMAP_EXTERNAL_INDEX (other)).line);
      else
        orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, id,
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
      orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, NULL,
                          _("The lowest score of the scale, “%s”, is not a number"), min_str);
      self->scale_valid = FALSE;
    }
  if (max_str != NULL && !parse_double (max_str, &max))
    {
      orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, NULL,
                          _("The highest score of the scale, “%s”, is not a number"), max_str);
      self->scale_valid = FALSE;
    }
  if (self->scale_valid && min >= max)
    {
      orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, NULL,
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
    orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_FORMAT, line, column, NULL,
                        _("The <orgmap> element has no version; files of this version of Orgmap have version=\"1\""));
  else if (!parse_int (version, 1, G_MAXINT32, &number))
    {
      orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_FORMAT, line, column, NULL,
                          _("The format version “%s” is not valid; files of this version of Orgmap have version=\"1\""),
                          version);
      self->stop = TRUE;
    }
  else if (number > 1)
    {
      orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_FORMAT, line, column, NULL,
                          _("The file was written by a newer version of Orgmap (format version %d); update Orgmap to open it"),
                          number);
      self->stop = TRUE;
    }

  self->name = attr (attrs, ATTR_NAME);
  check_scale (self, attrs, line, column);
}

/* @unit->parent was just resolved from @parent_id: it must be a unit. */
void
orgmap_xml_check_parent (Importer   *self,
                         UnitRecord *unit,
                         const char *parent_id)
{
  if (ORGMAP_IS_EXTERNAL (unit->parent))
    {
      orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, unit->line, unit->column, unit->id,
                          _("Unit “%s” names the parent “%s”, which is an external client, not a unit"),
                          orgmap_xml_display_id (unit->id), parent_id);
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

  str = (char *) attr (attrs, ATTR_HEADCOUNT);
  if (str != NULL && !parse_int (str, 0, G_MAXINT32, &unit.headcount))
    orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, unit.id,
                        _("The headcount “%s” of unit “%s” is not a whole number of 0 or more"),
                        str, orgmap_xml_display_id (unit.id));
  str = (char *) attr (attrs, ATTR_LEVEL);
  if (str != NULL && !parse_int (str, 1, ORGMAP_XML_MAX_DEPTH, &unit.level))
    orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, unit.id,
                        _("The level “%s” of unit “%s” is not a whole number from 1 to %d"),
                        str, orgmap_xml_display_id (unit.id), ORGMAP_XML_MAX_DEPTH);

  {
    char *x = (char *) attr (attrs, ATTR_X);
    char *y = (char *) attr (attrs, ATTR_Y);

    /* A position on the map: both coordinates, or neither. */
    if ((x != NULL) != (y != NULL))
      orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, unit.id,
                          _("Unit “%s” has only one of the x and y attributes; give both or neither"),
                          orgmap_xml_display_id (unit.id));
    else if (x != NULL && (!parse_double (x, &unit.x) || !parse_double (y, &unit.y)))
      orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, unit.id,
                          _("The position “%s”, “%s” of unit “%s” is not a pair of numbers"),
                          x, y, orgmap_xml_display_id (unit.id));
    else
      unit.placed = x != NULL;
  }

  if ((parent_id = attr (attrs, ATTR_PARENT)) != NULL)
    {
      if (nest_parent != ORGMAP_NONE)
        {
          const char *nest_id = g_array_index (self->units, UnitRecord, nest_parent).id;

          if (g_strcmp0 (nest_id, parent_id) != 0)
            orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, unit.id,
                                _("Unit “%s” is inside unit “%s” but its parent attribute names “%s”"),
                                orgmap_xml_display_id (unit.id), orgmap_xml_display_id (nest_id),
                                parent_id);
        }
      else
        {
          unit.parent = orgmap_xml_lookup (self->party_ids, parent_id);
          if (unit.parent == ORGMAP_NONE)
            unit.parent_id = g_string_chunk_insert (self->strings, parent_id);
          else
            orgmap_xml_check_parent (self, &unit, parent_id);
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
    orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, round.id,
                        _("The date “%s” of round “%s” is not a date of the form YYYY-MM-DD"),
                        round.date, orgmap_xml_display_id (round.id));

  if (round.id != NULL)
    {
      gpointer found = g_hash_table_lookup (self->round_ids, round.id);

      if (found != NULL)
        orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, round.id,
                            _("The round id “%s” is already used by the round on line %d"), round.id,
                            g_array_index (self->rounds, RoundRecord,
                                           GPOINTER_TO_UINT (found) - 1).line);
      else
        g_hash_table_insert (self->round_ids, (gpointer) round.id, GUINT_TO_POINTER (index + 1));
    }

  g_array_append_val (self->rounds, round);
  return index;
}

/* @link->provider was just resolved from @provider_id: it must be a unit. */
void
orgmap_xml_check_provider (Importer   *self,
                           LinkRecord *link,
                           const char *provider_id)
{
  if (ORGMAP_IS_EXTERNAL (link->provider))
    orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, link->line, link->column, link->id,
                        _("Link “%s” names the external client “%s” as its provider; only units provide services"),
                        orgmap_xml_display_id (link->id), provider_id);
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
      link.provider = orgmap_xml_lookup (self->party_ids, provider_id);
      if (link.provider == ORGMAP_NONE)
        link.provider_id = g_string_chunk_insert (self->strings, provider_id);
      else
        orgmap_xml_check_provider (self, &link, provider_id);
    }
  else if ((attrs->unusable & BIT (ATTR_PROVIDER)) == 0)
    orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, link.id,
                        _("Link “%s” has no provider"), orgmap_xml_display_id (link.id));

  if ((client_id = attr (attrs, ATTR_CLIENT)) != NULL)
    {
      link.client = orgmap_xml_lookup (self->party_ids, client_id);
      if (link.client == ORGMAP_NONE)
        link.client_id = g_string_chunk_insert (self->strings, client_id);
    }
  else if ((attrs->unusable & BIT (ATTR_CLIENT)) == 0)
    orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, link.id,
                        _("Link “%s” has no client"), orgmap_xml_display_id (link.id));

  if (provider_id != NULL && g_strcmp0 (provider_id, client_id) == 0)
    orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, link.id,
                        _("Link “%s” has “%s” as both its provider and its client"),
                        orgmap_xml_display_id (link.id), provider_id);

  if ((type = (char *) attr (attrs, ATTR_TYPE)) != NULL)
    {
      OrgmapLinkType value;

      if (orgmap_link_type_from_string (strip (type), &value))
        link.type = value;
      else
        orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, link.id,
                            _("Link “%s” has the type “%s”; a type is vertical, horizontal, diagonal or external"),
                            orgmap_xml_display_id (link.id), type);
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
        orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, link_id,
                            _("A rating of link “%s” has no score"), orgmap_xml_display_id (link_id));
      return FALSE;
    }
  if (!parse_double (str, score))
    {
      orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, link_id,
                          _("The score “%s” of link “%s” is not a number"), str, orgmap_xml_display_id (link_id));
      return FALSE;
    }
  if (self->scale_valid && (*score < self->scale_min || *score > self->scale_max))
    {
      orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, link_id,
                          _("The score %s of link “%s” is outside the scale %g–%g"),
                          str, orgmap_xml_display_id (link_id), self->scale_min, self->scale_max);
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
      rating.round = orgmap_xml_lookup (self->round_ids, round_id);
      if (rating.round == ORGMAP_NONE)
        rating.round_id = g_string_chunk_insert (self->strings, round_id);
    }
  else if ((attrs->unusable & BIT (ATTR_ROUND)) == 0)
    orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, link->id,
                        _("A rating of link “%s” names no round"), orgmap_xml_display_id (link->id));
  check_score (self, attrs, link->id, line, column, &rating.score);
  if ((str = (char *) attr (attrs, ATTR_RESPONDENTS)) != NULL &&
      !parse_int (str, 0, G_MAXINT32, &rating.respondents))
    orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, link->id,
                        _("The number of respondents “%s” in a rating of link “%s” is not a whole number of 0 or more"),
                        str, orgmap_xml_display_id (link->id));

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
        orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, link_id,
                            _("A dimension score of link “%s” has no name"), orgmap_xml_display_id (link_id));
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
          orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, link_id,
                              _("A rating of link “%s” scores the dimension “%s” twice"),
                              orgmap_xml_display_id (link_id), name);
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

void
orgmap_xml_start_element (Importer *self)
{
  xmlTextReaderPtr reader = self->reader;
  const char *name = (const char *) xmlTextReaderConstLocalName (reader);
  gboolean empty = xmlTextReaderIsEmptyElement (reader) == 1;
  GArray *stack = self->stack;
  const Frame *parent = stack->len > 0 ? &g_array_index (stack, Frame, stack->len - 1) : NULL;
  Frame frame = { ELEMENT_OTHER, ORGMAP_NONE };
  Attrs attrs;
  int line, column;

  if (name == NULL)
    return;
  element_position (self, &line, &column);

  if (self->stack->len >= ORGMAP_XML_MAX_DEPTH)
    {
      orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_FORBIDDEN, line, column, NULL,
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
          g_autofree char *shown = orgmap_xml_shorten (name, 64);

          orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_FORMAT, line, column, NULL,
                              _("This is not an Orgmap file: its root element is <%s> instead of <orgmap>"),
                              shown);
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
      g_autofree char *shown = orgmap_xml_shorten (name, 64);

      orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, NULL,
                          _("Orgmap files have no element <%s>"), shown);
    }
  else if (!allowed_inside (parent->kind, frame.kind))
    {
      orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, line, column, NULL,
                          _("A <%s> element cannot be inside <%s>"),
                          name, element_names[parent->kind]);
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


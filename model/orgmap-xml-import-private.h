/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libxml/xmlreader.h>

#include "orgmap-error.h"
#include "orgmap-xml-import.h"

G_BEGIN_DECLS

/* The native XML importer spans three files: orgmap-xml-import.c reads
 * (input, libxml2, the reader loop), orgmap-xml-import-elements.c turns
 * each element into a record, orgmap-xml-import-build.c checks the records
 * as a whole and builds the document. */

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
  N_ELEMENT_KINDS
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
  ATTR_X,
  ATTR_Y,
  N_ATTRS
} AttrKind;

/* Size of Importer.attr_slots */
#define ATTR_SLOTS 64

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
  gboolean    placed;      /* x= and y= given: where a person put it */
  double      x;
  double      y;
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
  const char       *element_atoms[N_ELEMENT_KINDS];
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

/* orgmap-xml-import-build.c */
void                orgmap_xml_problem        (Importer          *self,
                                               OrgmapImportError  code,
                                               int                line,
                                               int                column,
                                               const char        *id,
                                               const char        *format,
                                               ...) G_GNUC_PRINTF (6, 7);
const char         *orgmap_xml_display_id     (const char        *id);
/* A copy of @str cut to at most @max bytes and "…" */
char               *orgmap_xml_shorten        (const char        *str,
                                               gsize              max);
void                orgmap_xml_importer_init  (Importer          *self,
                                               xmlTextReaderPtr   reader);
void                orgmap_xml_importer_clear (Importer          *self);
void                orgmap_xml_resolve        (Importer          *self);
void                orgmap_xml_check_link_ids (Importer          *self);
OrgmapDocument     *orgmap_xml_build          (Importer          *self);
void                orgmap_xml_report         (Importer          *self,
                                               OrgmapProblems    *problems,
                                               const char        *fallback_name,
                                               GError           **error);

/* orgmap-xml-import-elements.c */
void                orgmap_xml_init_names     (Importer          *self);
void                orgmap_xml_start_element  (Importer          *self);
void                orgmap_xml_check_parent   (Importer          *self,
                                               UnitRecord        *unit,
                                               const char        *parent_id);
void                orgmap_xml_check_provider (Importer          *self,
                                               LinkRecord        *link,
                                               const char        *provider_id);

/* The record that @id names in @table (which stores it + 1), or ORGMAP_NONE */
static inline guint32
orgmap_xml_lookup (GHashTable *table,
                   const char *id)
{
  gpointer found = g_hash_table_lookup (table, id);

  return found != NULL ? GPOINTER_TO_UINT (found) - 1 : ORGMAP_NONE;
}

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The bytes of an XML file pass this scanner on their way to libxml2,
 * which refuses a start tag with more than ORGMAP_XML_MAX_ATTRIBUTES
 * attributes before libxml2 parses it: libxml2 2.9 takes time worse than
 * quadratic in their number (minutes for a 1 MB start tag with 100,000 of
 * them). It follows tags, quotes, comments, CDATA sections and processing
 * instructions only, at little cost per byte. All zero is the start. */
typedef struct
{
  int      state;          /* private */
  guint    n_attrs;        /* '=' seen in the current tag */
  guint    tail;           /* the last two bytes scanned */
  gsize    pos;            /* bytes scanned so far */
  gsize    tag_start;      /* offset of the current tag's '<' */
  gboolean too_many_attrs;
} OrgmapXmlScan;

/* Scans the next @len bytes; FALSE, with too_many_attrs set and tag_start
 * where the tag begins, when a start tag has too many attributes. */
gboolean orgmap_xml_scan_feed (OrgmapXmlScan *scan,
                               const char    *buf,
                               gsize          len);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Finding names as a person types them: a name matches when the folded
 * query is a substring of its folded form, so that "produccion" finds
 * "Producción" and "VENTAS" finds "Ventas Minoristas". */

/* Case- and accent-insensitive form of @text: decomposed, without the
 * combining marks, case-folded. "Producción" → "produccion". */
char     *orgmap_search_fold    (const char *text);
/* TRUE when @folded_name contains @folded_query (both from orgmap_search_fold()). */
gboolean  orgmap_search_matches (const char *folded_name,
                                 const char *folded_query);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-ui"

#include "config.h"

#include "orgmap-search.h"

#include <string.h>

char *
orgmap_search_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  gboolean ascii = TRUE;
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  /* Most names are plain ASCII: no need to normalise them. */
  for (const char *p = text; *p != '\0' && ascii; p++)
    ascii = (guchar) *p < 0x80;
  if (ascii)
    return g_ascii_strdown (text, -1);

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  if (decomposed == NULL)
    return g_strdup ("");
  folded = g_utf8_casefold (decomposed, -1);
  out = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

gboolean
orgmap_search_matches (const char *folded_name,
                       const char *folded_query)
{
  g_return_val_if_fail (folded_name != NULL, FALSE);
  g_return_val_if_fail (folded_query != NULL, FALSE);

  return strstr (folded_name, folded_query) != NULL;
}

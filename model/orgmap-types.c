/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "orgmap-types.h"

static const char * const type_names[ORGMAP_N_LINK_TYPES] = {
  "vertical", "horizontal", "diagonal", "external",
};

const char *
orgmap_link_type_to_string (OrgmapLinkType type)
{
  if (type < ORGMAP_N_LINK_TYPES)
    return type_names[type];
  return "automatic";
}

gboolean
orgmap_link_type_from_string (const char     *str,
                              OrgmapLinkType *type)
{
  for (guint i = 0; i < ORGMAP_N_LINK_TYPES; i++)
    {
      if (g_strcmp0 (str, type_names[i]) == 0)
        {
          *type = (OrgmapLinkType) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
orgmap_link_type_label (OrgmapLinkType type)
{
  switch (type)
    {
    case ORGMAP_LINK_VERTICAL:
      /* Translators: the type of an internal-client link */
      return _("Vertical");
    case ORGMAP_LINK_HORIZONTAL:
      /* Translators: the type of an internal-client link */
      return _("Horizontal");
    case ORGMAP_LINK_DIAGONAL:
      /* Translators: the type of an internal-client link */
      return _("Diagonal");
    case ORGMAP_LINK_EXTERNAL:
      /* Translators: the type of a link to an external client */
      return _("External");
    case ORGMAP_N_LINK_TYPES:
    case ORGMAP_LINK_AUTOMATIC:
    default:
      /* Translators: a link type chosen by the classification rule */
      return _("Automatic");
    }
}

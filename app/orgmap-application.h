/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ORGMAP_APPLICATION_ID "io.github.orgmap.Orgmap"

#define ORGMAP_TYPE_APPLICATION (orgmap_application_get_type ())
G_DECLARE_FINAL_TYPE (OrgmapApplication, orgmap_application, ORGMAP, APPLICATION, GtkApplication)

OrgmapApplication *orgmap_application_new (void);

G_END_DECLS

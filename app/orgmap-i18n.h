/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets the locale and binds the message catalogue: the installed one, or
 * the build tree's when running uninstalled. */
void orgmap_i18n_init (void);

G_END_DECLS

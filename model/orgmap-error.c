/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-model"

#include "config.h"

#include "orgmap-error.h"

G_DEFINE_QUARK (orgmap-import-error-quark, orgmap_import_error)
G_DEFINE_QUARK (orgmap-store-error-quark, orgmap_store_error)

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "orgmap-renderer.h"
#include "orgmap-window.h"

G_BEGIN_DECLS

/* What the widget tests share: waiting for the window, and reading the
 * pixels a person would see. */

/* gtk_test_init() in a home of its own, and g_test_run() that removes it. */
void          orgmap_test_init                (int         *argc,
                                               char      ***argv);
int           orgmap_test_run                 (void);
/* Runs the main loop until @ready says so; fails after a minute. */
void          orgmap_test_wait_for            (gboolean   (*ready) (gpointer),
                                               gpointer     data);
/* Lets the main loop run a little: events, layout, drawing. */
void          orgmap_test_settle              (void);
/* With ORGMAP_SCREENSHOT_DIR set, keeps a picture of @window there. */
void          orgmap_test_keep_screenshot     (GtkWidget   *window,
                                               const char  *name);
/* TRUE once the window's map is shown at a useful size. */
gboolean      orgmap_test_canvas_drawn        (gpointer     window);
/* A shown window with the example organisation, laid out and drawn. */
OrgmapWindow *orgmap_test_open_example_window (void);
/* TRUE once the window shows a document and is not busy loading. */
gboolean      orgmap_test_document_loaded     (gpointer     window);
/* The window as drawn, at its size. */
GdkTexture   *orgmap_test_window_texture      (GtkWidget   *window);
/* TRUE when a pixel of @texture in [x0, x1) × [y0, y1) has @color. */
gboolean      orgmap_test_texture_has_color   (GdkTexture        *texture,
                                               int                x0,
                                               int                y0,
                                               int                x1,
                                               int                y1,
                                               const OrgmapColor *color);

/* What the canvas draws for its next frame, in its own coordinates. */
GdkTexture   *orgmap_test_canvas_texture      (OrgmapCanvas      *canvas);
/* The Bézier curve of @link, in world coordinates, as the renderer draws it. */
void          orgmap_test_link_curve          (OrgmapCanvas      *canvas,
                                               guint32            link,
                                               double             p[8]);
/* A pixel of @color on the middle stretch of the curve @p. */
gboolean      orgmap_test_color_on_curve      (OrgmapCanvas      *canvas,
                                               GdkTexture        *texture,
                                               const double       p[8],
                                               const OrgmapColor *color);

G_END_DECLS

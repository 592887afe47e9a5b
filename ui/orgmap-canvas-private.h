/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "orgmap-canvas.h"
#include "orgmap-renderer.h"

G_BEGIN_DECLS

/* The canvas spans two files: orgmap-canvas.c (viewing: drawing, zoom,
 * pan, selection, picking) and orgmap-canvas-edit.c (editing gestures: moving
 * units, drawing links, dropping a unit under another, rating by key). The
 * tests drive the gestures through the functions below, as the event
 * controllers do. */

typedef enum
{
  ORGMAP_CANVAS_DRAG_NONE,
  ORGMAP_CANVAS_DRAG_PAN,
  ORGMAP_CANVAS_DRAG_UNIT,      /* moving a unit, or dropping it under another */
  ORGMAP_CANVAS_DRAG_LINK,      /* drawing a link from a unit */
  ORGMAP_CANVAS_DRAG_CANCELLED, /* Escape: the rest of the drag does nothing */
} OrgmapCanvasDrag;

struct _OrgmapCanvas
{
  GtkWidget        parent_instance;

  OrgmapDocument  *document;
  OrgmapViewState *view;
  OrgmapLayout    *layout;
  OrgmapRenderer  *renderer;

  /* The last drawn map, reused while nothing it shows has changed. */
  GskRenderNode   *cache;
  double           cache_zoom;
  double           cache_x;
  double           cache_y;
  int              cache_width;
  int              cache_height;
  guint            generation;
  guint            cache_generation;
  /* While the view moves over a map slow to draw, the last picture is
   * moved and scaled instead; the map is drawn again once it settles. */
  gint64           render_time;
  guint            settle_source;

  gboolean         needs_fit;
  gboolean         clicking;      /* the selection is being set by a click on the map */
  /* The view the last fit gave: while it is still shown, a new size (a
   * resized window, the side panel) fits the map again. */
  double           fit_zoom;
  double           fit_x;
  double           fit_y;
  int              covered_width;
  int              covered_height;
  double           pointer_x;
  double           pointer_y;
  double           pinch_zoom;

  /* Editing (orgmap-canvas-edit.c) */
  OrgmapHistory   *history;             /* where every edit is recorded */
  gboolean         link_mode;
  OrgmapCanvasDrag drag;
  double           drag_start_x;        /* widget coordinates */
  double           drag_start_y;
  double           drag_x;
  double           drag_y;
  gboolean         drag_moved;          /* past the click threshold */
  double           drag_origin_x;       /* the view's origin, or the unit's box */
  double           drag_origin_y;
  guint32          dragged_unit;
  gboolean         dragged_was_placed;  /* its position by hand before the drag */
  double           dragged_x;
  double           dragged_y;
  guint32          link_start;
  guint32          target;              /* the party under the pointer, or ORGMAP_NONE */
  gboolean         target_refused;      /* …where a drop would be refused */
};

/* orgmap-canvas-edit.c */
void     _orgmap_canvas_class_init_edit      (OrgmapCanvasClass *klass);
void     _orgmap_canvas_init_edit            (OrgmapCanvas    *self);
void     _orgmap_canvas_emit_edit            (OrgmapCanvas    *self);
void     _orgmap_canvas_dispose_edit         (OrgmapCanvas    *self);
/* The document changed (before the canvas lays it out again). */
void     _orgmap_canvas_edit_document_changed (OrgmapCanvas   *self,
                                              guint            kind);
/* Enables the rating actions for the selected link. */
void     _orgmap_canvas_update_edit_actions  (OrgmapCanvas    *self);
/* Draws the gesture in progress over the map: rubber band, drop target. */
void     _orgmap_canvas_snapshot_edit        (OrgmapCanvas    *self,
                                              GtkSnapshot     *snapshot);

/* The drag gesture, in widget coordinates: where it began, then offsets
 * from there. drag_update returns TRUE once the drag is past the click
 * threshold and should be claimed. */
void     _orgmap_canvas_drag_begin           (OrgmapCanvas    *self,
                                              double           x,
                                              double           y,
                                              GdkModifierType  state);
gboolean _orgmap_canvas_drag_update          (OrgmapCanvas    *self,
                                              double           dx,
                                              double           dy);
void     _orgmap_canvas_drag_end             (OrgmapCanvas    *self,
                                              double           dx,
                                              double           dy);
/* Escape: cancels the drag in progress, else leaves link mode. FALSE when
 * there was neither. */
gboolean _orgmap_canvas_cancel_edit          (OrgmapCanvas    *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "orgmap-document.h"

G_BEGIN_DECLS

/* The undo/redo command stack for editing a document. Every command checks
 * the edit, applies it, records what undoes it and clears the redo stack.
 * A refused edit returns FALSE (or ORGMAP_NONE) with an ORGMAP_STORE_ERROR,
 * changes nothing and leaves both stacks as they were; an edit that would
 * change nothing succeeds without recording a step. The history assumes
 * that every edit of the document goes through it. */

#define ORGMAP_TYPE_HISTORY (orgmap_history_get_type ())
G_DECLARE_FINAL_TYPE (OrgmapHistory, orgmap_history, ORGMAP, HISTORY, GObject)

OrgmapHistory  *orgmap_history_new              (OrgmapDocument *document);
OrgmapDocument *orgmap_history_get_document     (OrgmapHistory  *self);

/* Properties "can-undo", "can-redo", "undo-label" and "redo-label" notify
 * when they change. Labels are translated ("Undo Rename Unit"), NULL when
 * there is nothing to undo or redo. */
gboolean        orgmap_history_can_undo         (OrgmapHistory  *self);
gboolean        orgmap_history_can_redo         (OrgmapHistory  *self);
const char     *orgmap_history_get_undo_label   (OrgmapHistory  *self);
const char     *orgmap_history_get_redo_label   (OrgmapHistory  *self);
gboolean        orgmap_history_undo             (OrgmapHistory  *self);
gboolean        orgmap_history_redo             (OrgmapHistory  *self);
/* Forgets every step, as after loading another file. */
void            orgmap_history_clear            (OrgmapHistory  *self);

/* The map's name; an empty one is refused. */
gboolean        orgmap_history_rename_document  (OrgmapHistory  *self,
                                                 const char     *name,
                                                 GError        **error);

/* Units. @parent may be ORGMAP_NONE (a root); returns the new handle. */
guint32         orgmap_history_add_unit         (OrgmapHistory  *self,
                                                 guint32         parent,
                                                 const char     *name,
                                                 GError        **error);
gboolean        orgmap_history_rename_unit      (OrgmapHistory  *self,
                                                 guint32         unit,
                                                 const char     *name,
                                                 GError        **error);
/* One step. @head, @area and @notes are NULL (or empty) for none,
 * @headcount -1 when unknown, @level 0 when derived. */
gboolean        orgmap_history_set_unit_details (OrgmapHistory  *self,
                                                 guint32         unit,
                                                 const char     *head,
                                                 gint32          headcount,
                                                 gint32          level,
                                                 const char     *area,
                                                 const char     *notes,
                                                 GError        **error);
/* Refused under the unit itself or one of its descendants. */
gboolean        orgmap_history_move_unit        (OrgmapHistory  *self,
                                                 guint32         unit,
                                                 guint32         new_parent,
                                                 GError        **error);
/* Places the unit by hand at @x, @y, or (@placed FALSE) gives it back to the
 * layout. FALSE when it was already so. */
gboolean        orgmap_history_place_unit       (OrgmapHistory  *self,
                                                 guint32         unit,
                                                 gboolean        placed,
                                                 double          x,
                                                 double          y);
/* The whole subtree, with every link touching it and their ratings. */
gboolean        orgmap_history_delete_unit      (OrgmapHistory  *self,
                                                 guint32         unit,
                                                 GError        **error);

/* External clients, by index (not client handle). */
guint32         orgmap_history_add_external     (OrgmapHistory  *self,
                                                 const char     *name,
                                                 GError        **error);
gboolean        orgmap_history_rename_external  (OrgmapHistory  *self,
                                                 guint32         external,
                                                 const char     *name,
                                                 GError        **error);
/* NULL or empty for none. FALSE when they were already so. */
gboolean        orgmap_history_set_external_notes (OrgmapHistory *self,
                                                 guint32         external,
                                                 const char     *notes);
/* With the links that serve it and their ratings. */
gboolean        orgmap_history_delete_external  (OrgmapHistory  *self,
                                                 guint32         external,
                                                 GError        **error);

/* Links. @client is a unit or an external client handle. A link from a unit
 * to itself, and a second link with the same provider, client and service,
 * are refused. */
guint32         orgmap_history_add_link         (OrgmapHistory  *self,
                                                 guint32         provider,
                                                 guint32         client,
                                                 const char     *service,
                                                 GError        **error);
gboolean        orgmap_history_set_link_details (OrgmapHistory  *self,
                                                 guint32         link,
                                                 const char     *service,
                                                 const char     *notes,
                                                 OrgmapLinkType  type_override,
                                                 GError        **error);
/* With its ratings. */
gboolean        orgmap_history_delete_link      (OrgmapHistory  *self,
                                                 guint32         link,
                                                 GError        **error);

/* Ratings, known by link and round. A score outside the scale is refused. */
gboolean        orgmap_history_rate             (OrgmapHistory  *self,
                                                 guint32         link,
                                                 guint32         round,
                                                 double          score,
                                                 gint32          respondents,
                                                 const char     *comment,
                                                 GError        **error);
/* As orgmap_history_rate(), in the same one step ("Rate Link"), and sets
 * the rating's dimension scores: @dimension_scores holds one score per
 * dimension of the document (orgmap_document_get_n_dimensions()), NAN for a
 * dimension not scored. The rating keeps the scores it had, in their order,
 * with their new values, drops those now NAN, and adds the new ones by
 * dimension. NULL drops them all. A dimension score outside the scale is
 * refused with an error naming the dimension (orgmap_dimension_label()). */
gboolean        orgmap_history_rate_dimensions  (OrgmapHistory  *self,
                                                 guint32         link,
                                                 guint32         round,
                                                 double          score,
                                                 gint32          respondents,
                                                 const char     *comment,
                                                 const double   *dimension_scores,
                                                 GError        **error);
/* FALSE when the link is not rated in @round. */
gboolean        orgmap_history_clear_rating     (OrgmapHistory  *self,
                                                 guint32         link,
                                                 guint32         round);

/* Rounds. @date is YYYY-MM-DD, or NULL (or empty) when unknown. */
guint32         orgmap_history_add_round        (OrgmapHistory  *self,
                                                 const char     *name,
                                                 const char     *date,
                                                 GError        **error);
gboolean        orgmap_history_rename_round     (OrgmapHistory  *self,
                                                 guint32         round,
                                                 const char     *name,
                                                 GError        **error);
/* Name and date in one step ("Change Round"); @date as for
 * orgmap_history_add_round(), refused likewise. */
gboolean        orgmap_history_set_round_details (OrgmapHistory *self,
                                                 guint32         round,
                                                 const char     *name,
                                                 const char     *date,
                                                 GError        **error);
/* With its ratings. */
gboolean        orgmap_history_delete_round     (OrgmapHistory  *self,
                                                 guint32         round,
                                                 GError        **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "orgmap-types.h"

G_BEGIN_DECLS

/* The items of a document live in compact arrays and are addressed by
 * handles (their index). The structs are read-only to callers: every change
 * goes through a setter, so that derived data stays right and the document
 * can tell its observers. Strings are owned by the document. */

typedef struct
{
  const char *id;
  const char *name;
  const char *head;        /* NULL when unknown */
  const char *area;        /* explicit area, NULL when derived */
  const char *notes;       /* NULL when none */
  guint32     parent;      /* ORGMAP_NONE for a root */
  gint32      level;       /* explicit level, 0 when derived */
  gint32      headcount;   /* -1 when unknown */
} OrgmapUnit;

typedef struct
{
  const char *id;
  const char *name;
  const char *notes;
} OrgmapExternal;

typedef struct
{
  const char *id;
  const char *service;     /* NULL when unnamed */
  const char *notes;
  guint32     provider;    /* a unit */
  guint32     client;      /* a unit, or an external client (ORGMAP_EXTERNAL_BIT) */
  guint32     first_rating;/* chain of this link's ratings, ORGMAP_NONE ends it */
  guint8      type_override; /* ORGMAP_LINK_AUTOMATIC when none */
} OrgmapLink;

typedef struct
{
  const char *id;
  const char *name;
  const char *date;        /* ISO 8601 date, NULL when unknown */
} OrgmapRound;

typedef struct
{
  const char *comment;     /* NULL when none */
  double      score;
  guint32     link;
  guint32     round;
  guint32     next;        /* next rating of the same link */
  gint32      respondents; /* -1 when unknown */
  guint32     first_dimension_score; /* into the dimension scores, ORGMAP_NONE when none */
  guint16     n_dimension_scores;
} OrgmapRating;

typedef struct
{
  guint32 dimension;
  double  score;
} OrgmapDimensionScore;

typedef enum
{
  ORGMAP_CHANGE_ALL,        /* everything may have changed (load, import, or an item
                             * removed or inserted at an index: handles moved) */
  ORGMAP_CHANGE_PROPERTIES, /* name, scale */
  ORGMAP_CHANGE_UNIT,       /* one unit's fields */
  ORGMAP_CHANGE_HIERARCHY,  /* units added or moved: levels, areas and types may change */
  ORGMAP_CHANGE_EXTERNAL,
  ORGMAP_CHANGE_LINK,
  ORGMAP_CHANGE_ROUND,
  ORGMAP_CHANGE_RATING,
  ORGMAP_CHANGE_POSITION,   /* a unit placed by hand, or released */
} OrgmapChange;

/* The handle given with ORGMAP_CHANGE_ALL when items were only taken off
 * the ends of their arrays (as undoing an addition does): every item left
 * kept its handle and its fields; only what is computed (levels, areas,
 * types, the children of a unit) may differ. Otherwise the handle of
 * ORGMAP_CHANGE_ALL is ORGMAP_NONE. */
#define ORGMAP_CHANGE_TAIL_REMOVED 0u

#define ORGMAP_DEFAULT_SCALE_MIN 1.0
#define ORGMAP_DEFAULT_SCALE_MAX 5.0

#define ORGMAP_TYPE_DOCUMENT (orgmap_document_get_type ())
G_DECLARE_FINAL_TYPE (OrgmapDocument, orgmap_document, ORGMAP, DOCUMENT, GObject)

OrgmapDocument       *orgmap_document_new                  (void);

/* Signals "changed" (OrgmapChange, guint handle) after every edit; with
 * frozen notifications one ORGMAP_CHANGE_ALL is emitted at thaw instead. */
void                  orgmap_document_freeze               (OrgmapDocument *self);
void                  orgmap_document_thaw                 (OrgmapDocument *self);

const char           *orgmap_document_get_name             (OrgmapDocument *self);
void                  orgmap_document_set_name             (OrgmapDocument *self,
                                                            const char     *name);
double                orgmap_document_get_scale_min        (OrgmapDocument *self);
double                orgmap_document_get_scale_max        (OrgmapDocument *self);
gboolean              orgmap_document_set_scale            (OrgmapDocument *self,
                                                            double          min,
                                                            double          max,
                                                            GError        **error);
gboolean              orgmap_document_score_in_scale       (OrgmapDocument *self,
                                                            double          score);

/* Units */
guint                 orgmap_document_get_n_units          (OrgmapDocument *self);
const OrgmapUnit     *orgmap_document_get_unit             (OrgmapDocument *self,
                                                            guint32         unit);
guint32               orgmap_document_find_unit            (OrgmapDocument *self,
                                                            const char     *id);
/* @id may be NULL to have one generated. Returns ORGMAP_NONE when @id is taken. */
guint32               orgmap_document_add_unit             (OrgmapDocument *self,
                                                            const char     *id,
                                                            const char     *name,
                                                            guint32         parent);
gboolean              orgmap_document_set_unit_parent      (OrgmapDocument *self,
                                                            guint32         unit,
                                                            guint32         parent,
                                                            GError        **error);
void                  orgmap_document_set_unit_name        (OrgmapDocument *self,
                                                            guint32         unit,
                                                            const char     *name);
void                  orgmap_document_set_unit_head        (OrgmapDocument *self,
                                                            guint32         unit,
                                                            const char     *head);
void                  orgmap_document_set_unit_headcount   (OrgmapDocument *self,
                                                            guint32         unit,
                                                            gint32          headcount);
void                  orgmap_document_set_unit_level       (OrgmapDocument *self,
                                                            guint32         unit,
                                                            gint32          level);
void                  orgmap_document_set_unit_area        (OrgmapDocument *self,
                                                            guint32         unit,
                                                            const char     *area);
void                  orgmap_document_set_unit_notes       (OrgmapDocument *self,
                                                            guint32         unit,
                                                            const char     *notes);

/* Where a person placed a unit on the map (its box's top-left corner, in
 * layout coordinates). FALSE when the layout places it. */
gboolean              orgmap_document_get_unit_position    (OrgmapDocument *self,
                                                            guint32         unit,
                                                            double         *x,
                                                            double         *y);
void                  orgmap_document_set_unit_position    (OrgmapDocument *self,
                                                            guint32         unit,
                                                            double          x,
                                                            double          y);
void                  orgmap_document_clear_unit_position  (OrgmapDocument *self,
                                                            guint32         unit);
guint                 orgmap_document_get_n_placed_units   (OrgmapDocument *self);

/* Derived hierarchy data, recomputed in linear time after a change. */
gint32                orgmap_document_get_unit_level       (OrgmapDocument *self,
                                                            guint32         unit);
const char           *orgmap_document_get_unit_area        (OrgmapDocument *self,
                                                            guint32         unit);
guint                 orgmap_document_get_unit_depth       (OrgmapDocument *self,
                                                            guint32         unit);
/* TRUE when @ancestor is a proper ancestor of @unit; O(1). */
gboolean              orgmap_document_is_ancestor          (OrgmapDocument *self,
                                                            guint32         ancestor,
                                                            guint32         unit);
/* Children in document order; *n_children set. */
const guint32        *orgmap_document_get_unit_children    (OrgmapDocument *self,
                                                            guint32         unit,
                                                            guint          *n_children);
/* Roots in document order. */
const guint32        *orgmap_document_get_roots            (OrgmapDocument *self,
                                                            guint          *n_roots);

/* External clients */
guint                 orgmap_document_get_n_externals      (OrgmapDocument *self);
const OrgmapExternal *orgmap_document_get_external         (OrgmapDocument *self,
                                                            guint32         external);
guint32               orgmap_document_find_external        (OrgmapDocument *self,
                                                            const char     *id);
/* Returns the external client's index (not a client handle), or ORGMAP_NONE. */
guint32               orgmap_document_add_external         (OrgmapDocument *self,
                                                            const char     *id,
                                                            const char     *name);
void                  orgmap_document_set_external_name    (OrgmapDocument *self,
                                                            guint32         external,
                                                            const char     *name);
void                  orgmap_document_set_external_notes   (OrgmapDocument *self,
                                                            guint32         external,
                                                            const char     *notes);
/* A unit handle, an external client handle (with ORGMAP_EXTERNAL_BIT), or ORGMAP_NONE. */
guint32               orgmap_document_find_party           (OrgmapDocument *self,
                                                            const char     *id);
const char           *orgmap_document_get_party_id         (OrgmapDocument *self,
                                                            guint32         party);
const char           *orgmap_document_get_party_name       (OrgmapDocument *self,
                                                            guint32         party);

/* Links */
guint                 orgmap_document_get_n_links          (OrgmapDocument *self);
const OrgmapLink     *orgmap_document_get_link             (OrgmapDocument *self,
                                                            guint32         link);
guint32               orgmap_document_find_link            (OrgmapDocument *self,
                                                            const char     *id);
/* @provider is a unit, @client a unit or external handle, distinct from @provider.
 * Returns ORGMAP_NONE when @id is taken. */
guint32               orgmap_document_add_link             (OrgmapDocument *self,
                                                            const char     *id,
                                                            guint32         provider,
                                                            guint32         client,
                                                            const char     *service);
void                  orgmap_document_set_link_service     (OrgmapDocument *self,
                                                            guint32         link,
                                                            const char     *service);
void                  orgmap_document_set_link_notes       (OrgmapDocument *self,
                                                            guint32         link,
                                                            const char     *notes);
void                  orgmap_document_set_link_type_override (OrgmapDocument *self,
                                                            guint32         link,
                                                            OrgmapLinkType  type);
/* The type by the classification rule, ignoring any override. */
OrgmapLinkType        orgmap_document_get_link_computed_type (OrgmapDocument *self,
                                                            guint32         link);
/* The override if set, else the computed type. */
OrgmapLinkType        orgmap_document_get_link_type        (OrgmapDocument *self,
                                                            guint32         link);
/* Classifies every link at once (done lazily otherwise). */
void                  orgmap_document_classify_links       (OrgmapDocument *self);
/* Counts links by their shown type; returns how many are overridden. */
guint                 orgmap_document_count_link_types     (OrgmapDocument *self,
                                                            guint           counts[ORGMAP_N_LINK_TYPES]);
/* The rule itself, for two units. */
OrgmapLinkType        orgmap_document_classify             (OrgmapDocument *self,
                                                            guint32         provider,
                                                            guint32         client);

/* Rounds, in document order */
guint                 orgmap_document_get_n_rounds         (OrgmapDocument *self);
const OrgmapRound    *orgmap_document_get_round            (OrgmapDocument *self,
                                                            guint32         round);
guint32               orgmap_document_find_round           (OrgmapDocument *self,
                                                            const char     *id);
guint32               orgmap_document_add_round            (OrgmapDocument *self,
                                                            const char     *id,
                                                            const char     *name,
                                                            const char     *date);
void                  orgmap_document_set_round_name       (OrgmapDocument *self,
                                                            guint32         round,
                                                            const char     *name);
void                  orgmap_document_set_round_date       (OrgmapDocument *self,
                                                            guint32         round,
                                                            const char     *date);

/* Dimensions of quality (reliability, responsiveness, …) */
guint                 orgmap_document_get_n_dimensions     (OrgmapDocument *self);
const char           *orgmap_document_get_dimension        (OrgmapDocument *self,
                                                            guint32         dimension);
guint32               orgmap_document_find_dimension       (OrgmapDocument *self,
                                                            const char     *name);
guint32               orgmap_document_add_dimension        (OrgmapDocument *self,
                                                            const char     *name);
/* The translated label of a dimension: the default ones are known by name. */
const char           *orgmap_dimension_label               (const char     *name);

/* Ratings */
guint                 orgmap_document_get_n_ratings        (OrgmapDocument *self);
const OrgmapRating   *orgmap_document_get_rating           (OrgmapDocument *self,
                                                            guint32         rating);
/* The rating of @link in @round, or ORGMAP_NONE. */
guint32               orgmap_document_find_rating          (OrgmapDocument *self,
                                                            guint32         link,
                                                            guint32         round);
/* Sets (adds or replaces) the rating of @link in @round. @respondents is
 * -1 when unknown. Fails when @score is outside the scale. */
guint32               orgmap_document_set_rating           (OrgmapDocument *self,
                                                            guint32         link,
                                                            guint32         round,
                                                            double          score,
                                                            gint32          respondents,
                                                            const char     *comment,
                                                            GError        **error);
gboolean              orgmap_document_set_rating_dimension (OrgmapDocument *self,
                                                            guint32         rating,
                                                            guint32         dimension,
                                                            double          score,
                                                            GError        **error);
const OrgmapDimensionScore *
                      orgmap_document_get_dimension_scores (OrgmapDocument *self,
                                                            guint32         rating,
                                                            guint          *n_scores);

/* Quality: the score of @link in @round; with @round ORGMAP_NONE, in the
 * latest round (document order) that rated it. FALSE when unrated. */
gboolean              orgmap_document_get_link_quality     (OrgmapDocument *self,
                                                            guint32         link,
                                                            guint32         round,
                                                            double         *score);
/* Mean score of the links rated in @round (with ORGMAP_NONE, of each
 * link's latest rating); FALSE when none is rated. */
gboolean              orgmap_document_get_round_mean       (OrgmapDocument *self,
                                                            guint32         round,
                                                            double         *mean,
                                                            guint          *n_rated);

/* Removal and insertion at an index, so that undoing a removal gives back
 * exactly the same handles, sibling order and chains of ratings. Removing an
 * item moves the handles above it down by one, inserting moves the handles
 * at and above @index up by one, everywhere they are stored (parents, links,
 * ratings, positions, id lookups). Each emits one ORGMAP_CHANGE_ALL, as
 * handles held by views are stale afterwards, except an insertion at the
 * end, which moves no handle and emits what adding the item would (the
 * unit's ORGMAP_CHANGE_HIERARCHY, ORGMAP_CHANGE_LINK, …). Removals refuse (an
 * ORGMAP_STORE_ERROR_INVALID error naming the item) rather than leave a
 * dangling reference: callers remove the dependants first. Insertions give
 * the plain fields only; the rest is restored with the setters. */

/* Removes a unit that has no children and no links. Its position is dropped. */
gboolean              orgmap_document_remove_unit          (OrgmapDocument *self,
                                                            guint32         unit,
                                                            GError        **error);
/* Inserts a unit at @index (0..n_units); @parent is a handle in the document
 * after the insertion, or ORGMAP_NONE. Fails when @id is taken. */
gboolean              orgmap_document_insert_unit          (OrgmapDocument *self,
                                                            guint32         index,
                                                            const char     *id,
                                                            const char     *name,
                                                            guint32         parent,
                                                            GError        **error);
/* Removes an external client (an index, not a client handle) that no link serves. */
gboolean              orgmap_document_remove_external      (OrgmapDocument *self,
                                                            guint32         external,
                                                            GError        **error);
gboolean              orgmap_document_insert_external      (OrgmapDocument *self,
                                                            guint32         index,
                                                            const char     *id,
                                                            const char     *name,
                                                            GError        **error);
/* Removes a link that has no ratings. */
gboolean              orgmap_document_remove_link          (OrgmapDocument *self,
                                                            guint32         link,
                                                            GError        **error);
/* @provider and @client as for orgmap_document_add_link(), in the document
 * after the insertion (unit handles do not move when a link is inserted). */
gboolean              orgmap_document_insert_link          (OrgmapDocument *self,
                                                            guint32         index,
                                                            const char     *id,
                                                            guint32         provider,
                                                            guint32         client,
                                                            const char     *service,
                                                            GError        **error);
/* Removes a round in which no link is rated. */
gboolean              orgmap_document_remove_round         (OrgmapDocument *self,
                                                            guint32         round,
                                                            GError        **error);
gboolean              orgmap_document_insert_round         (OrgmapDocument *self,
                                                            guint32         index,
                                                            const char     *id,
                                                            const char     *name,
                                                            const char     *date,
                                                            GError        **error);
/* Removes the rating of @link in @round, if any, and its dimension scores.
 * Rating handles above it move down by one. */
void                  orgmap_document_remove_rating        (OrgmapDocument *self,
                                                            guint32         link,
                                                            guint32         round);
/* As orgmap_document_set_rating(), and puts the rating at @position in its
 * link's chain of ratings (0 = first; past the end = last), so that undoing a
 * removal restores the order. A new rating gets a new handle (the last one). */
guint32               orgmap_document_set_rating_at        (OrgmapDocument *self,
                                                            guint32         link,
                                                            guint32         round,
                                                            guint           position,
                                                            double          score,
                                                            gint32          respondents,
                                                            const char     *comment,
                                                            GError        **error);

/* Many items at once. Each call makes one pass over the arrays it touches,
 * whatever the number of items, so that deleting a round, a subtree or an
 * external client with all that hangs on it, and undoing that, take linear
 * time. Handles are given in strictly ascending order. A removal fills
 * @removed (when not NULL) with entries that the matching insertion takes
 * to put the items back with the very same handles (ratings included),
 * orders and chains; their strings are the document's own. Removals refuse
 * what the single ones refuse, insertions a taken id, a score outside the
 * scale or a link already rated in the round; a refusal changes nothing.
 * Each emits one ORGMAP_CHANGE_ALL, nothing for no items; a single item
 * inserted at the end emits what adding it would (no handle moved). */

typedef struct
{
  guint32     handle;
  const char *id;          /* NULL to have one generated */
  const char *name;
  const char *head;
  const char *area;
  const char *notes;
  guint32     parent;      /* in the document after the insertion, or ORGMAP_NONE */
  gint32      level;
  gint32      headcount;
  gboolean    placed;
  double      x;
  double      y;
} OrgmapUnitEntry;

typedef struct
{
  guint32     handle;
  const char *id;          /* NULL to have one generated */
  const char *service;
  const char *notes;
  guint32     provider;    /* in the document after the insertion */
  guint32     client;
  guint8      type_override;
} OrgmapLinkEntry;

typedef struct
{
  guint32     handle;
  guint32     link;
  guint32     round;
  guint32     position;    /* in its link's chain of ratings: 0 = first, past the end = last */
  double      score;
  gint32      respondents;
  const char *comment;
  guint32     first_dimension_score; /* into the scores that go with the entries */
  guint32     n_dimension_scores;
} OrgmapRatingEntry;

/* Units with no child outside @units and no link. */
gboolean              orgmap_document_remove_units         (OrgmapDocument  *self,
                                                            const guint32   *units,
                                                            guint            n_units,
                                                            GArray          *removed,
                                                            GError         **error);
/* Parents may be units of the same call. */
gboolean              orgmap_document_insert_units         (OrgmapDocument         *self,
                                                            const OrgmapUnitEntry  *entries,
                                                            guint                   n_entries,
                                                            GError                **error);
/* Links with no ratings. */
gboolean              orgmap_document_remove_links         (OrgmapDocument  *self,
                                                            const guint32   *links,
                                                            guint            n_links,
                                                            GArray          *removed,
                                                            GError         **error);
gboolean              orgmap_document_insert_links         (OrgmapDocument         *self,
                                                            const OrgmapLinkEntry  *entries,
                                                            guint                   n_entries,
                                                            GError                **error);
/* With their dimension scores, appended to @removed_scores (when not NULL),
 * which the entries' first_dimension_score index. */
void                  orgmap_document_remove_ratings       (OrgmapDocument *self,
                                                            const guint32  *ratings,
                                                            guint           n_ratings,
                                                            GArray         *removed,
                                                            GArray         *removed_scores);
/* Entries of one link are put in its chain by ascending position. */
gboolean              orgmap_document_insert_ratings       (OrgmapDocument              *self,
                                                            const OrgmapRatingEntry     *entries,
                                                            guint                        n_entries,
                                                            const OrgmapDimensionScore  *scores,
                                                            guint                        n_scores,
                                                            GError                     **error);
/* Sets all of the rating of @entry's link in its round, as one
 * ORGMAP_CHANGE_RATING: its values, its place in the chain and, exactly,
 * its dimension scores (@scores from entry->first_dimension_score on, each
 * dimension at most once). A new rating gets a new handle (the last one;
 * entry->handle is not used). Returns the handle, or ORGMAP_NONE when a
 * score is outside the scale. */
guint32               orgmap_document_put_rating           (OrgmapDocument              *self,
                                                            const OrgmapRatingEntry     *entry,
                                                            const OrgmapDimensionScore  *scores,
                                                            GError                     **error);

/* TRUE when both documents hold the same organisation, item by item. */
gboolean              orgmap_document_equal                (OrgmapDocument *a,
                                                            OrgmapDocument *b);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "orgmap-history.h"

G_BEGIN_DECLS

/* A command is a list of steps; each step inserts, removes or updates one
 * item, described by records of its fields. Applying the steps forward
 * redoes the command, applying their inverses backward undoes it. Records
 * hold copies of what they need, never the document's own pointers, and
 * only of the items the command touches. */

typedef enum
{
  ORGMAP_ITEM_UNIT,
  ORGMAP_ITEM_EXTERNAL,
  ORGMAP_ITEM_LINK,
  ORGMAP_ITEM_ROUND,
  ORGMAP_ITEM_RATING,
  ORGMAP_ITEM_DOCUMENT,       /* the document's own fields: its name */
} OrgmapItemKind;

typedef struct
{
  OrgmapItemKind kind;
  guint32        index;       /* the item's handle; a rating's link */
  guint32        round;       /* a rating's round */
  guint          position;    /* a rating's place in its link's chain */
  char          *id;
  char          *name;
  char          *head;
  char          *area;
  char          *notes;
  char          *service;
  char          *date;
  char          *comment;
  guint32        parent;
  guint32        provider;
  guint32        client;
  gint32         level;
  gint32         headcount;
  gint32         respondents;
  guint8         type_override;
  gboolean       placed;
  double         x;
  double         y;
  double         score;
  GArray        *dims;        /* OrgmapDimensionScore, NULL when none */
} OrgmapRecord;

/* Many ratings, links and units removed at once (a round's ratings, a
 * subtree with its links), kept as the entries that put them back in one
 * pass; the entries' strings are copies, owned by @strings. */
typedef struct
{
  GArray       *units;        /* OrgmapUnitEntry */
  GArray       *links;        /* OrgmapLinkEntry */
  GArray       *ratings;      /* OrgmapRatingEntry */
  GArray       *scores;       /* OrgmapDimensionScore, of the ratings */
  GStringChunk *strings;
} OrgmapBatch;

typedef enum
{
  ORGMAP_STEP_INSERT,         /* after: the item inserted */
  ORGMAP_STEP_REMOVE,         /* before: the item removed */
  ORGMAP_STEP_UPDATE,         /* before and after: the item's fields */
  ORGMAP_STEP_REMOVE_MANY,    /* batch: the ratings, then links, then units removed */
} OrgmapStepOp;

typedef struct
{
  OrgmapStepOp  op;
  OrgmapRecord *before;
  OrgmapRecord *after;
  OrgmapBatch  *batch;
} OrgmapStep;

typedef struct
{
  const char *label;          /* N_() */
  GArray     *steps;          /* OrgmapStep */
} OrgmapCommand;

/* A record with the fields of a new item: no parent, unknown headcount, … */
OrgmapRecord  *_orgmap_record_new       (OrgmapItemKind  kind,
                                         guint32         index);
OrgmapRecord  *_orgmap_record_read      (OrgmapDocument *document,
                                         OrgmapItemKind  kind,
                                         guint32         index,
                                         guint32         round);
OrgmapRecord  *_orgmap_record_copy      (const OrgmapRecord *record);
void           _orgmap_record_free      (OrgmapRecord   *record);
/* How many changes updating the item from @before to @after makes: one
 * per field a person edits that differs, one for a whole rating. */
guint          _orgmap_record_n_changes (const OrgmapRecord *before,
                                         const OrgmapRecord *after);

OrgmapCommand *_orgmap_command_new      (const char     *label);
void           _orgmap_command_free     (OrgmapCommand  *command);
/* Appends a step and applies it. Takes the records. */
void           _orgmap_command_push     (OrgmapCommand  *command,
                                         OrgmapDocument *document,
                                         OrgmapStepOp    op,
                                         OrgmapRecord   *before,
                                         OrgmapRecord   *after);
void           _orgmap_command_redo     (OrgmapCommand  *command,
                                         OrgmapDocument *document);
void           _orgmap_command_undo     (OrgmapCommand  *command,
                                         OrgmapDocument *document);

/* Removal logs: each records and removes, so that undoing puts back the
 * items in the exact reverse order. A link, an external client, a round and
 * a subtree take what hangs on them along (links, ratings) in one batch
 * step, linear in the document's size whatever they carry. */
void           _orgmap_command_remove_rating   (OrgmapCommand  *command,
                                                OrgmapDocument *document,
                                                guint32         link,
                                                guint32         round);
void           _orgmap_command_remove_link     (OrgmapCommand  *command,
                                                OrgmapDocument *document,
                                                guint32         link);
void           _orgmap_command_remove_external (OrgmapCommand  *command,
                                                OrgmapDocument *document,
                                                guint32         external);
void           _orgmap_command_remove_round    (OrgmapCommand  *command,
                                                OrgmapDocument *document,
                                                guint32         round);
void           _orgmap_command_remove_subtree  (OrgmapCommand  *command,
                                                OrgmapDocument *document,
                                                guint32         unit);

/* Shared by orgmap-history.c and orgmap-history-ratings.c */

/* Takes a command that has been applied, and makes it the one to undo. */
void           _orgmap_history_record       (OrgmapHistory  *self,
                                             OrgmapCommand  *command);
/* Records a command of one update step when it changes something; takes
 * the records. */
void           _orgmap_history_update       (OrgmapHistory  *self,
                                             const char     *label,
                                             OrgmapRecord   *before,
                                             OrgmapRecord   *after);
gboolean       _orgmap_history_is_blank     (const char     *str);
/* NULL for NULL or empty, as the document stores them. */
const char    *_orgmap_history_optional     (const char     *str);
void           _orgmap_history_set_optional (char          **field,
                                             const char     *value);
/* NULL or empty, or a valid YYYY-MM-DD; else an error naming the round. */
gboolean       _orgmap_history_check_date   (const char     *date,
                                             const char     *round_name,
                                             GError        **error);

G_END_DECLS

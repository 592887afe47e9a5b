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

typedef enum
{
  ORGMAP_STEP_INSERT,         /* after: the item inserted */
  ORGMAP_STEP_REMOVE,         /* before: the item removed */
  ORGMAP_STEP_UPDATE,         /* before and after: the item's fields */
} OrgmapStepOp;

typedef struct
{
  OrgmapStepOp  op;
  OrgmapRecord *before;
  OrgmapRecord *after;
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
/* How many of the fields a person edits differ. */
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
 * items in the exact reverse order. */
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

G_END_DECLS

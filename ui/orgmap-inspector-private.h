/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "orgmap-inspector.h"

G_BEGIN_DECLS

/* The inspector spans two files: orgmap-inspector.c builds it and follows
 * the selection and the document; orgmap-inspector-fields.c shows the
 * model's values in its fields and commits their edits. */

typedef enum
{
  KIND_NONE,
  KIND_UNIT,
  KIND_EXTERNAL,
  KIND_LINK,
} Kind;

typedef enum
{
  FIELD_UNIT_NAME,
  FIELD_UNIT_HEAD,
  FIELD_UNIT_HEADCOUNT,
  FIELD_UNIT_LEVEL,
  FIELD_UNIT_AREA,
  FIELD_UNIT_NOTES,
  FIELD_EXTERNAL_NAME,
  FIELD_EXTERNAL_NOTES,
  FIELD_LINK_SERVICE,
  FIELD_LINK_NOTES,
  FIELD_SCORE,
  FIELD_RESPONDENTS,
  FIELD_COMMENT,
  N_FIELDS,
  /* Dimension scores follow: FIELD_DIMENSION + the dimension's index */
  FIELD_DIMENSION = N_FIELDS,
} FieldId;

/* One edited value: its widget, the message under it when an edit is
 * refused, and the model's value as the field last showed it. A field whose
 * text still equals that value has nothing to commit, and a change in the
 * document leaves it alone unless its own value changed. */
typedef struct
{
  OrgmapInspector *self;
  guint            id;
  GtkWidget       *label;
  GtkWidget       *widget;    /* GtkEntry, GtkSpinButton or GtkTextView */
  GtkWidget       *holder;    /* what sits in the grid: the widget or its frame */
  GtkWidget       *error;     /* GtkLabel, hidden when all is well */
  char            *shown;
} Field;

struct _OrgmapInspector
{
  GtkWidget        parent_instance;

  OrgmapHistory   *history;
  OrgmapDocument  *document;
  OrgmapViewState *view;

  /* What the fields show */
  Kind             kind;
  guint32          item;           /* a unit, an external client's index or a link */
  guint32          round;          /* where the link is rated; ORGMAP_NONE without rounds */
  gboolean         rated;
  double           score;

  GtkWidget       *scroller;
  GtkWidget       *kind_label;
  GtkWidget       *title_label;
  GtkWidget       *hint_label;
  GtkWidget       *unit_grid;
  GtkWidget       *external_grid;
  GtkWidget       *link_grid;
  GtkWidget       *provider_label;
  GtkWidget       *client_label;
  GtkWidget       *type_dropdown;
  GtkStringList   *type_list;
  GtkWidget       *rating_heading;
  GtkWidget       *round_label;
  GtkWidget       *no_round_label;
  GtkWidget       *unrated_label;
  GtkWidget       *clear_button;
  GPtrArray       *rating_widgets; /* shown when the document has a round */
  int              dimensions_row;
  Field            fields[N_FIELDS];
  GPtrArray       *dimensions;     /* Field, one per dimension of the document */

  /* Set while the inspector fills its own fields: not an edit. */
  guint            updating;
  /* Set while it commits: it refreshes once the history is done. */
  guint            committing;
};

/* orgmap-inspector.c */
void                _orgmap_inspector_refresh           (OrgmapInspector *self);

/* orgmap-inspector-fields.c */
gboolean            _orgmap_inspector_item_valid        (OrgmapInspector *self);
const OrgmapRating *_orgmap_inspector_current_rating    (OrgmapInspector *self);
Field              *_orgmap_inspector_dimension_field   (OrgmapInspector *self,
                                                         guint            index);
GPtrArray          *_orgmap_inspector_fields_in_use     (OrgmapInspector *self);
char               *_orgmap_inspector_model_text        (OrgmapInspector *self,
                                                         guint            id);
void                _orgmap_inspector_field_show        (Field           *f,
                                                         const char      *value,
                                                         gboolean         reset);
void                _orgmap_inspector_field_clear_error (Field           *f);
void                _orgmap_inspector_commit_pending    (OrgmapInspector *self);
GtkWidget          *_orgmap_inspector_new_caption       (const char      *text);
GtkWidget          *_orgmap_inspector_new_entry         (void);
GtkWidget          *_orgmap_inspector_new_text_view     (GtkWidget      **holder);
void                _orgmap_inspector_setup_field       (OrgmapInspector *self,
                                                         Field           *f,
                                                         guint            id,
                                                         GtkGrid         *grid,
                                                         int             *row,
                                                         const char      *label,
                                                         gboolean         mnemonic,
                                                         GtkWidget       *widget,
                                                         GtkWidget       *holder);

G_END_DECLS

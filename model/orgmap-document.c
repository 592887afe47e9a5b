/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-model"

#include "config.h"

#include "orgmap-document.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "orgmap-error.h"

struct _OrgmapDocument
{
  GObject       parent_instance;

  GStringChunk *strings;
  const char   *name;
  double        scale_min;
  double        scale_max;

  GArray       *units;       /* OrgmapUnit */
  GArray       *externals;   /* OrgmapExternal */
  GArray       *links;       /* OrgmapLink */
  GArray       *rounds;      /* OrgmapRound */
  GArray       *ratings;     /* OrgmapRating */
  GArray       *dim_scores;  /* OrgmapDimensionScore */
  GPtrArray    *dimensions;  /* const char *, owned by strings */
  GHashTable   *positions;   /* unit handle + 1 → Position, units placed by hand */

  /* id → handle + 1; keys are owned by strings */
  GHashTable   *party_ids;
  GHashTable   *link_ids;
  GHashTable   *round_ids;
  guint         id_serial;

  /* Derived from the hierarchy, valid unless hierarchy_dirty */
  gboolean      hierarchy_dirty;
  guint32      *pre;
  guint32      *post;
  guint32      *depth;
  gint32       *level;
  guint32      *area;        /* index into area_names */
  GPtrArray    *area_names;  /* const char * */
  guint32      *child_start; /* n_units + 1 offsets into children */
  guint32      *children;
  GArray       *roots;       /* guint32 */

  /* Computed link types, valid unless types_dirty */
  gboolean      types_dirty;
  GArray       *computed;    /* guint8 */

  guint         freeze_count;
  gboolean      changed_while_frozen;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (OrgmapDocument, orgmap_document, G_TYPE_OBJECT)

typedef struct
{
  double x;
  double y;
} Position;

static const char * const default_dimensions[] = {
  "reliability", "responsiveness", "assurance", "empathy", "tangibles",
};

static void
clear_derived (OrgmapDocument *self)
{
  g_clear_pointer (&self->pre, g_free);
  g_clear_pointer (&self->post, g_free);
  g_clear_pointer (&self->depth, g_free);
  g_clear_pointer (&self->level, g_free);
  g_clear_pointer (&self->area, g_free);
  g_clear_pointer (&self->child_start, g_free);
  g_clear_pointer (&self->children, g_free);
}

static void
orgmap_document_finalize (GObject *object)
{
  OrgmapDocument *self = (OrgmapDocument *) object;

  clear_derived (self);
  g_clear_pointer (&self->area_names, g_ptr_array_unref);
  g_clear_pointer (&self->roots, g_array_unref);
  g_clear_pointer (&self->computed, g_array_unref);
  g_clear_pointer (&self->party_ids, g_hash_table_unref);
  g_clear_pointer (&self->link_ids, g_hash_table_unref);
  g_clear_pointer (&self->round_ids, g_hash_table_unref);
  g_clear_pointer (&self->units, g_array_unref);
  g_clear_pointer (&self->externals, g_array_unref);
  g_clear_pointer (&self->links, g_array_unref);
  g_clear_pointer (&self->rounds, g_array_unref);
  g_clear_pointer (&self->ratings, g_array_unref);
  g_clear_pointer (&self->dim_scores, g_array_unref);
  g_clear_pointer (&self->dimensions, g_ptr_array_unref);
  g_clear_pointer (&self->positions, g_hash_table_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);

  G_OBJECT_CLASS (orgmap_document_parent_class)->finalize (object);
}

static void
orgmap_document_class_init (OrgmapDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = orgmap_document_finalize;

  /**
   * OrgmapDocument::changed:
   * @kind: an #OrgmapChange
   * @handle: the item that changed, or ORGMAP_NONE
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
orgmap_document_init (OrgmapDocument *self)
{
  self->strings = g_string_chunk_new (1 << 16);
  self->name = "";
  self->scale_min = ORGMAP_DEFAULT_SCALE_MIN;
  self->scale_max = ORGMAP_DEFAULT_SCALE_MAX;
  self->units = g_array_new (FALSE, FALSE, sizeof (OrgmapUnit));
  self->externals = g_array_new (FALSE, FALSE, sizeof (OrgmapExternal));
  self->links = g_array_new (FALSE, FALSE, sizeof (OrgmapLink));
  self->rounds = g_array_new (FALSE, FALSE, sizeof (OrgmapRound));
  self->ratings = g_array_new (FALSE, FALSE, sizeof (OrgmapRating));
  self->dim_scores = g_array_new (FALSE, FALSE, sizeof (OrgmapDimensionScore));
  self->dimensions = g_ptr_array_new ();
  self->positions = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->party_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->link_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->round_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->area_names = g_ptr_array_new ();
  self->roots = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->computed = g_array_new (FALSE, FALSE, sizeof (guint8));
  self->hierarchy_dirty = TRUE;
  self->types_dirty = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (default_dimensions); i++)
    g_ptr_array_add (self->dimensions, (gpointer) default_dimensions[i]);
}

OrgmapDocument *
orgmap_document_new (void)
{
  return g_object_new (ORGMAP_TYPE_DOCUMENT, NULL);
}

/* Notifications */

static void
emit_changed (OrgmapDocument *self,
              OrgmapChange    kind,
              guint32         handle)
{
  if (self->freeze_count > 0)
    {
      self->changed_while_frozen = TRUE;
      return;
    }
  g_signal_emit (self, signals[CHANGED], 0, (guint) kind, (guint) handle);
}

void
orgmap_document_freeze (OrgmapDocument *self)
{
  g_return_if_fail (ORGMAP_IS_DOCUMENT (self));

  self->freeze_count++;
}

void
orgmap_document_thaw (OrgmapDocument *self)
{
  g_return_if_fail (ORGMAP_IS_DOCUMENT (self));
  g_return_if_fail (self->freeze_count > 0);

  if (--self->freeze_count == 0 && self->changed_while_frozen)
    {
      self->changed_while_frozen = FALSE;
      emit_changed (self, ORGMAP_CHANGE_ALL, ORGMAP_NONE);
    }
}

/* Strings and ids */

static const char *
intern (OrgmapDocument *self,
        const char     *str)
{
  if (str == NULL)
    return NULL;
  return g_string_chunk_insert_const (self->strings, str);
}

static const char *
intern_optional (OrgmapDocument *self,
                 const char     *str)
{
  if (str == NULL || *str == '\0')
    return NULL;
  return intern (self, str);
}

static guint32
lookup_id (GHashTable *table,
           const char *id)
{
  gpointer value;

  if (id == NULL)
    return ORGMAP_NONE;
  value = g_hash_table_lookup (table, id);
  return value != NULL ? GPOINTER_TO_UINT (value) - 1 : ORGMAP_NONE;
}

static void
insert_id (GHashTable *table,
           const char *id,
           guint32     handle)
{
  g_hash_table_insert (table, (gpointer) id, GUINT_TO_POINTER (handle + 1));
}

/* Returns an interned id: @id itself, or a fresh one made with @prefix. */
static const char *
claim_id (OrgmapDocument *self,
          GHashTable     *table,
          const char     *id,
          const char     *prefix)
{
  char buf[32];

  if (id != NULL)
    {
      if (lookup_id (table, id) != ORGMAP_NONE)
        return NULL;
      return g_string_chunk_insert (self->strings, id);
    }

  do
    g_snprintf (buf, sizeof buf, "%s%u", prefix, ++self->id_serial);
  while (lookup_id (table, buf) != ORGMAP_NONE);

  return g_string_chunk_insert (self->strings, buf);
}

/* Properties */

const char *
orgmap_document_get_name (OrgmapDocument *self)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), NULL);

  return self->name;
}

void
orgmap_document_set_name (OrgmapDocument *self,
                          const char     *name)
{
  g_return_if_fail (ORGMAP_IS_DOCUMENT (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;
  self->name = name != NULL ? intern (self, name) : "";
  emit_changed (self, ORGMAP_CHANGE_PROPERTIES, ORGMAP_NONE);
}

double
orgmap_document_get_scale_min (OrgmapDocument *self)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), ORGMAP_DEFAULT_SCALE_MIN);

  return self->scale_min;
}

double
orgmap_document_get_scale_max (OrgmapDocument *self)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), ORGMAP_DEFAULT_SCALE_MAX);

  return self->scale_max;
}

gboolean
orgmap_document_score_in_scale (OrgmapDocument *self,
                                double          score)
{
  return isfinite (score) && score >= self->scale_min && score <= self->scale_max;
}

gboolean
orgmap_document_set_scale (OrgmapDocument  *self,
                           double           min,
                           double           max,
                           GError         **error)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), FALSE);

  if (!isfinite (min) || !isfinite (max) || min >= max)
    {
      g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
                   _("The scale must go from a lower to a higher number (%g to %g given)"),
                   min, max);
      return FALSE;
    }

  for (guint i = 0; i < self->ratings->len; i++)
    {
      const OrgmapRating *rating = &g_array_index (self->ratings, OrgmapRating, i);

      if (rating->score < min || rating->score > max)
        {
          const OrgmapLink *link = orgmap_document_get_link (self, rating->link);

          g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
                       _("The scale %g–%g would leave out the score %g of link “%s”"),
                       min, max, rating->score, link->id);
          return FALSE;
        }
    }

  if (self->scale_min == min && self->scale_max == max)
    return TRUE;

  self->scale_min = min;
  self->scale_max = max;
  emit_changed (self, ORGMAP_CHANGE_PROPERTIES, ORGMAP_NONE);
  return TRUE;
}

/* Units */

guint
orgmap_document_get_n_units (OrgmapDocument *self)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), 0);

  return self->units->len;
}

static inline OrgmapUnit *
unit_at (OrgmapDocument *self,
         guint32         unit)
{
  return &g_array_index (self->units, OrgmapUnit, unit);
}

const OrgmapUnit *
orgmap_document_get_unit (OrgmapDocument *self,
                          guint32         unit)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (unit < self->units->len, NULL);

  return unit_at (self, unit);
}

guint32
orgmap_document_find_unit (OrgmapDocument *self,
                           const char     *id)
{
  guint32 handle;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), ORGMAP_NONE);

  handle = lookup_id (self->party_ids, id);
  return ORGMAP_IS_EXTERNAL (handle) ? ORGMAP_NONE : handle;
}

static void
invalidate_hierarchy (OrgmapDocument *self)
{
  self->hierarchy_dirty = TRUE;
  self->types_dirty = TRUE;
}

guint32
orgmap_document_add_unit (OrgmapDocument *self,
                          const char     *id,
                          const char     *name,
                          guint32         parent)
{
  OrgmapUnit unit = { 0 };
  guint32 handle;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), ORGMAP_NONE);
  g_return_val_if_fail (parent == ORGMAP_NONE || parent < self->units->len, ORGMAP_NONE);
  g_return_val_if_fail (self->units->len < ORGMAP_EXTERNAL_BIT - 1, ORGMAP_NONE);

  unit.id = claim_id (self, self->party_ids, id, "u");
  if (unit.id == NULL)
    return ORGMAP_NONE;
  unit.name = intern (self, name != NULL ? name : "");
  unit.parent = parent;
  unit.headcount = -1;

  handle = self->units->len;
  g_array_append_val (self->units, unit);
  insert_id (self->party_ids, unit.id, handle);

  invalidate_hierarchy (self);
  emit_changed (self, ORGMAP_CHANGE_HIERARCHY, handle);
  return handle;
}

gboolean
orgmap_document_set_unit_parent (OrgmapDocument  *self,
                                 guint32          unit,
                                 guint32          parent,
                                 GError         **error)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (unit < self->units->len, FALSE);
  g_return_val_if_fail (parent == ORGMAP_NONE || parent < self->units->len, FALSE);

  if (unit_at (self, unit)->parent == parent)
    return TRUE;

  /* Walk up from the new parent: meeting the unit means a cycle. */
  for (guint32 p = parent; p != ORGMAP_NONE; p = unit_at (self, p)->parent)
    {
      if (p == unit)
        {
          g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
                       _("“%s” cannot be placed under “%s”, which is part of it"),
                       unit_at (self, unit)->name, unit_at (self, parent)->name);
          return FALSE;
        }
    }

  unit_at (self, unit)->parent = parent;
  invalidate_hierarchy (self);
  emit_changed (self, ORGMAP_CHANGE_HIERARCHY, unit);
  return TRUE;
}

void
orgmap_document_set_unit_name (OrgmapDocument *self,
                               guint32         unit,
                               const char     *name)
{
  OrgmapUnit *u;

  g_return_if_fail (ORGMAP_IS_DOCUMENT (self));
  g_return_if_fail (unit < self->units->len);
  g_return_if_fail (name != NULL);

  u = unit_at (self, unit);
  if (g_strcmp0 (u->name, name) == 0)
    return;
  u->name = intern (self, name);
  /* Derived areas are named after their top-level unit. */
  if (!self->hierarchy_dirty && u->area == NULL)
    invalidate_hierarchy (self);
  emit_changed (self, ORGMAP_CHANGE_UNIT, unit);
}

void
orgmap_document_set_unit_head (OrgmapDocument *self,
                               guint32         unit,
                               const char     *head)
{
  OrgmapUnit *u;

  g_return_if_fail (ORGMAP_IS_DOCUMENT (self));
  g_return_if_fail (unit < self->units->len);

  u = unit_at (self, unit);
  if (g_strcmp0 (u->head, head) == 0)
    return;
  u->head = intern_optional (self, head);
  emit_changed (self, ORGMAP_CHANGE_UNIT, unit);
}

void
orgmap_document_set_unit_headcount (OrgmapDocument *self,
                                    guint32         unit,
                                    gint32          headcount)
{
  OrgmapUnit *u;

  g_return_if_fail (ORGMAP_IS_DOCUMENT (self));
  g_return_if_fail (unit < self->units->len);

  u = unit_at (self, unit);
  headcount = MAX (headcount, -1);
  if (u->headcount == headcount)
    return;
  u->headcount = headcount;
  emit_changed (self, ORGMAP_CHANGE_UNIT, unit);
}

void
orgmap_document_set_unit_level (OrgmapDocument *self,
                                guint32         unit,
                                gint32          level)
{
  OrgmapUnit *u;

  g_return_if_fail (ORGMAP_IS_DOCUMENT (self));
  g_return_if_fail (unit < self->units->len);

  u = unit_at (self, unit);
  level = MAX (level, 0);
  if (u->level == level)
    return;
  u->level = level;
  invalidate_hierarchy (self);
  emit_changed (self, ORGMAP_CHANGE_HIERARCHY, unit);
}

void
orgmap_document_set_unit_area (OrgmapDocument *self,
                               guint32         unit,
                               const char     *area)
{
  OrgmapUnit *u;

  g_return_if_fail (ORGMAP_IS_DOCUMENT (self));
  g_return_if_fail (unit < self->units->len);

  u = unit_at (self, unit);
  if (g_strcmp0 (u->area, area) == 0)
    return;
  u->area = intern_optional (self, area);
  invalidate_hierarchy (self);
  emit_changed (self, ORGMAP_CHANGE_HIERARCHY, unit);
}

void
orgmap_document_set_unit_notes (OrgmapDocument *self,
                                guint32         unit,
                                const char     *notes)
{
  OrgmapUnit *u;

  g_return_if_fail (ORGMAP_IS_DOCUMENT (self));
  g_return_if_fail (unit < self->units->len);

  u = unit_at (self, unit);
  if (g_strcmp0 (u->notes, notes) == 0)
    return;
  u->notes = intern_optional (self, notes);
  emit_changed (self, ORGMAP_CHANGE_UNIT, unit);
}

/* Positions set by hand: few, so a hash table rather than a column. */

gboolean
orgmap_document_get_unit_position (OrgmapDocument *self,
                                   guint32         unit,
                                   double         *x,
                                   double         *y)
{
  Position *position;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (unit < self->units->len, FALSE);

  position = g_hash_table_lookup (self->positions, GUINT_TO_POINTER (unit + 1));
  if (position == NULL)
    return FALSE;
  if (x != NULL)
    *x = position->x;
  if (y != NULL)
    *y = position->y;
  return TRUE;
}

void
orgmap_document_set_unit_position (OrgmapDocument *self,
                                   guint32         unit,
                                   double          x,
                                   double          y)
{
  Position *position;

  g_return_if_fail (ORGMAP_IS_DOCUMENT (self));
  g_return_if_fail (unit < self->units->len);
  g_return_if_fail (isfinite (x) && isfinite (y));

  position = g_hash_table_lookup (self->positions, GUINT_TO_POINTER (unit + 1));
  if (position == NULL)
    {
      position = g_new (Position, 1);
      g_hash_table_insert (self->positions, GUINT_TO_POINTER (unit + 1), position);
    }
  else if (position->x == x && position->y == y)
    return;
  position->x = x;
  position->y = y;
  emit_changed (self, ORGMAP_CHANGE_POSITION, unit);
}

void
orgmap_document_clear_unit_position (OrgmapDocument *self,
                                     guint32         unit)
{
  g_return_if_fail (ORGMAP_IS_DOCUMENT (self));
  g_return_if_fail (unit < self->units->len);

  if (g_hash_table_remove (self->positions, GUINT_TO_POINTER (unit + 1)))
    emit_changed (self, ORGMAP_CHANGE_POSITION, unit);
}

guint
orgmap_document_get_n_placed_units (OrgmapDocument *self)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), 0);

  return g_hash_table_size (self->positions);
}

/* Derived hierarchy: one pass to group children, one depth-first walk that
 * numbers units in pre- and post-order and hands down depth and area. */

static guint32
area_index (GHashTable     *areas,
            OrgmapDocument *self,
            const char     *name)
{
  gpointer value;

  if (g_hash_table_lookup_extended (areas, name, NULL, &value))
    return GPOINTER_TO_UINT (value);

  g_hash_table_insert (areas, (gpointer) name, GUINT_TO_POINTER (self->area_names->len));
  g_ptr_array_add (self->area_names, (gpointer) name);
  return self->area_names->len - 1;
}

static void
ensure_hierarchy (OrgmapDocument *self)
{
  g_autoptr(GHashTable) areas = NULL;
  g_autofree guint32 *stack = NULL;
  g_autofree guint32 *cursor = NULL;
  guint n = self->units->len;
  guint32 counter = 0;

  if (!self->hierarchy_dirty)
    return;

  clear_derived (self);
  g_ptr_array_set_size (self->area_names, 0);
  g_array_set_size (self->roots, 0);

  self->pre = g_new (guint32, MAX (n, 1));
  self->post = g_new (guint32, MAX (n, 1));
  self->depth = g_new (guint32, MAX (n, 1));
  self->level = g_new (gint32, MAX (n, 1));
  self->area = g_new (guint32, MAX (n, 1));
  self->child_start = g_new0 (guint32, n + 1);
  self->children = g_new (guint32, MAX (n, 1));

  /* Children grouped by parent, in document order (counting sort). */
  for (guint i = 0; i < n; i++)
    {
      guint32 parent = unit_at (self, i)->parent;

      if (parent == ORGMAP_NONE)
        g_array_append_val (self->roots, i);
      else
        self->child_start[parent + 1]++;
    }
  for (guint i = 0; i < n; i++)
    self->child_start[i + 1] += self->child_start[i];
  cursor = g_memdup2 (self->child_start, sizeof (guint32) * (n + 1));
  for (guint i = 0; i < n; i++)
    {
      guint32 parent = unit_at (self, i)->parent;

      if (parent != ORGMAP_NONE)
        self->children[cursor[parent]++] = i;
    }

  areas = g_hash_table_new (g_str_hash, g_str_equal);
  stack = g_new (guint32, MAX (n, 1));

  for (guint r = 0; r < self->roots->len; r++)
    {
      guint32 root = g_array_index (self->roots, guint32, r);
      guint sp = 0;

      /* cursor[u] walks u's children while u is on the stack. */
      stack[sp++] = root;
      cursor[root] = self->child_start[root];
      self->pre[root] = counter++;
      self->depth[root] = 0;

      while (sp > 0)
        {
          guint32 u = stack[sp - 1];

          if (cursor[u] == self->child_start[u])
            {
              const OrgmapUnit *unit = unit_at (self, u);
              guint32 parent = unit->parent;

              self->level[u] = unit->level > 0 ? unit->level : (gint32) self->depth[u] + 1;
              /* Area: the unit's own, else the nearest ancestor's, else the
               * top-level branch it belongs to (a root is its own area). */
              if (unit->area != NULL)
                self->area[u] = area_index (areas, self, unit->area);
              else if (parent == ORGMAP_NONE || unit_at (self, parent)->parent == ORGMAP_NONE)
                self->area[u] = area_index (areas, self, unit->name);
              else
                self->area[u] = self->area[parent];
            }

          if (cursor[u] < self->child_start[u + 1])
            {
              guint32 child = self->children[cursor[u]++];

              self->pre[child] = counter++;
              self->depth[child] = self->depth[u] + 1;
              cursor[child] = self->child_start[child];
              stack[sp++] = child;
            }
          else
            {
              self->post[u] = counter++;
              sp--;
            }
        }
    }

  /* The model never holds a cycle (set_unit_parent refuses them), so every
   * unit was reached from a root. */
  g_assert (counter == 2 * n);

  self->hierarchy_dirty = FALSE;
}

gint32
orgmap_document_get_unit_level (OrgmapDocument *self,
                                guint32         unit)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (unit < self->units->len, 0);

  ensure_hierarchy (self);
  return self->level[unit];
}

const char *
orgmap_document_get_unit_area (OrgmapDocument *self,
                               guint32         unit)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (unit < self->units->len, NULL);

  ensure_hierarchy (self);
  return g_ptr_array_index (self->area_names, self->area[unit]);
}

guint
orgmap_document_get_unit_depth (OrgmapDocument *self,
                                guint32         unit)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (unit < self->units->len, 0);

  ensure_hierarchy (self);
  return self->depth[unit];
}

static inline gboolean
is_ancestor (OrgmapDocument *self,
             guint32         ancestor,
             guint32         unit)
{
  return self->pre[ancestor] < self->pre[unit] && self->post[unit] < self->post[ancestor];
}

gboolean
orgmap_document_is_ancestor (OrgmapDocument *self,
                             guint32         ancestor,
                             guint32         unit)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (ancestor < self->units->len, FALSE);
  g_return_val_if_fail (unit < self->units->len, FALSE);

  ensure_hierarchy (self);
  return is_ancestor (self, ancestor, unit);
}

const guint32 *
orgmap_document_get_unit_children (OrgmapDocument *self,
                                   guint32         unit,
                                   guint          *n_children)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (unit < self->units->len, NULL);
  g_return_val_if_fail (n_children != NULL, NULL);

  ensure_hierarchy (self);
  *n_children = self->child_start[unit + 1] - self->child_start[unit];
  return self->children + self->child_start[unit];
}

const guint32 *
orgmap_document_get_roots (OrgmapDocument *self,
                           guint          *n_roots)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (n_roots != NULL, NULL);

  ensure_hierarchy (self);
  *n_roots = self->roots->len;
  return (const guint32 *) (gpointer) self->roots->data;
}

/* External clients */

guint
orgmap_document_get_n_externals (OrgmapDocument *self)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), 0);

  return self->externals->len;
}

static inline OrgmapExternal *
external_at (OrgmapDocument *self,
             guint32         external)
{
  return &g_array_index (self->externals, OrgmapExternal, external);
}

const OrgmapExternal *
orgmap_document_get_external (OrgmapDocument *self,
                              guint32         external)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (external < self->externals->len, NULL);

  return external_at (self, external);
}

guint32
orgmap_document_find_external (OrgmapDocument *self,
                               const char     *id)
{
  guint32 handle;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), ORGMAP_NONE);

  handle = lookup_id (self->party_ids, id);
  return ORGMAP_IS_EXTERNAL (handle) ? ORGMAP_EXTERNAL_INDEX (handle) : ORGMAP_NONE;
}

guint32
orgmap_document_add_external (OrgmapDocument *self,
                              const char     *id,
                              const char     *name)
{
  OrgmapExternal external = { 0 };
  guint32 index;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), ORGMAP_NONE);
  g_return_val_if_fail (self->externals->len < ORGMAP_EXTERNAL_BIT - 1, ORGMAP_NONE);

  external.id = claim_id (self, self->party_ids, id, "x");
  if (external.id == NULL)
    return ORGMAP_NONE;
  external.name = intern (self, name != NULL ? name : "");

  index = self->externals->len;
  g_array_append_val (self->externals, external);
  insert_id (self->party_ids, external.id, ORGMAP_EXTERNAL_HANDLE (index));

  emit_changed (self, ORGMAP_CHANGE_EXTERNAL, index);
  return index;
}

void
orgmap_document_set_external_name (OrgmapDocument *self,
                                   guint32         external,
                                   const char     *name)
{
  OrgmapExternal *x;

  g_return_if_fail (ORGMAP_IS_DOCUMENT (self));
  g_return_if_fail (external < self->externals->len);
  g_return_if_fail (name != NULL);

  x = external_at (self, external);
  if (g_strcmp0 (x->name, name) == 0)
    return;
  x->name = intern (self, name);
  emit_changed (self, ORGMAP_CHANGE_EXTERNAL, external);
}

void
orgmap_document_set_external_notes (OrgmapDocument *self,
                                    guint32         external,
                                    const char     *notes)
{
  OrgmapExternal *x;

  g_return_if_fail (ORGMAP_IS_DOCUMENT (self));
  g_return_if_fail (external < self->externals->len);

  x = external_at (self, external);
  if (g_strcmp0 (x->notes, notes) == 0)
    return;
  x->notes = intern_optional (self, notes);
  emit_changed (self, ORGMAP_CHANGE_EXTERNAL, external);
}

guint32
orgmap_document_find_party (OrgmapDocument *self,
                            const char     *id)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), ORGMAP_NONE);

  return lookup_id (self->party_ids, id);
}

static gboolean
party_valid (OrgmapDocument *self,
             guint32         party)
{
  if (party == ORGMAP_NONE)
    return FALSE;
  if (ORGMAP_IS_EXTERNAL (party))
    return ORGMAP_EXTERNAL_INDEX (party) < self->externals->len;
  return party < self->units->len;
}

const char *
orgmap_document_get_party_id (OrgmapDocument *self,
                              guint32         party)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (party_valid (self, party), NULL);

  if (ORGMAP_IS_EXTERNAL (party))
    return external_at (self, ORGMAP_EXTERNAL_INDEX (party))->id;
  return unit_at (self, party)->id;
}

const char *
orgmap_document_get_party_name (OrgmapDocument *self,
                                guint32         party)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (party_valid (self, party), NULL);

  if (ORGMAP_IS_EXTERNAL (party))
    return external_at (self, ORGMAP_EXTERNAL_INDEX (party))->name;
  return unit_at (self, party)->name;
}

/* Links */

guint
orgmap_document_get_n_links (OrgmapDocument *self)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), 0);

  return self->links->len;
}

static inline OrgmapLink *
link_at (OrgmapDocument *self,
         guint32         link)
{
  return &g_array_index (self->links, OrgmapLink, link);
}

const OrgmapLink *
orgmap_document_get_link (OrgmapDocument *self,
                          guint32         link)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (link < self->links->len, NULL);

  return link_at (self, link);
}

guint32
orgmap_document_find_link (OrgmapDocument *self,
                           const char     *id)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), ORGMAP_NONE);

  return lookup_id (self->link_ids, id);
}

static inline OrgmapLinkType
classify (OrgmapDocument *self,
          guint32         p,
          guint32         c)
{
  if (ORGMAP_IS_EXTERNAL (c))
    return ORGMAP_LINK_EXTERNAL;
  if (self->level[p] == self->level[c])
    return ORGMAP_LINK_HORIZONTAL;
  if (self->area[p] == self->area[c] || is_ancestor (self, p, c) || is_ancestor (self, c, p))
    return ORGMAP_LINK_VERTICAL;
  return ORGMAP_LINK_DIAGONAL;
}

OrgmapLinkType
orgmap_document_classify (OrgmapDocument *self,
                          guint32         provider,
                          guint32         client)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), ORGMAP_LINK_DIAGONAL);
  g_return_val_if_fail (provider < self->units->len, ORGMAP_LINK_DIAGONAL);
  g_return_val_if_fail (party_valid (self, client), ORGMAP_LINK_DIAGONAL);

  ensure_hierarchy (self);
  return classify (self, provider, client);
}

void
orgmap_document_classify_links (OrgmapDocument *self)
{
  guint n;
  guint8 *types;

  g_return_if_fail (ORGMAP_IS_DOCUMENT (self));

  if (!self->types_dirty)
    return;

  ensure_hierarchy (self);
  n = self->links->len;
  g_array_set_size (self->computed, n);
  types = (guint8 *) self->computed->data;
  for (guint i = 0; i < n; i++)
    {
      const OrgmapLink *link = link_at (self, i);

      types[i] = classify (self, link->provider, link->client);
    }
  self->types_dirty = FALSE;
}

guint32
orgmap_document_add_link (OrgmapDocument *self,
                          const char     *id,
                          guint32         provider,
                          guint32         client,
                          const char     *service)
{
  OrgmapLink link = { 0 };
  guint32 handle;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), ORGMAP_NONE);
  g_return_val_if_fail (provider < self->units->len, ORGMAP_NONE);
  g_return_val_if_fail (party_valid (self, client), ORGMAP_NONE);
  g_return_val_if_fail (provider != client, ORGMAP_NONE);
  g_return_val_if_fail (self->links->len < ORGMAP_NONE - 1, ORGMAP_NONE);

  link.id = claim_id (self, self->link_ids, id, "l");
  if (link.id == NULL)
    return ORGMAP_NONE;
  link.service = intern_optional (self, service);
  link.provider = provider;
  link.client = client;
  link.first_rating = ORGMAP_NONE;
  link.type_override = ORGMAP_LINK_AUTOMATIC;

  handle = self->links->len;
  g_array_append_val (self->links, link);
  insert_id (self->link_ids, link.id, handle);

  if (!self->types_dirty)
    {
      guint8 type;

      ensure_hierarchy (self);
      type = classify (self, provider, client);
      g_array_append_val (self->computed, type);
    }

  emit_changed (self, ORGMAP_CHANGE_LINK, handle);
  return handle;
}

void
orgmap_document_set_link_service (OrgmapDocument *self,
                                  guint32         link,
                                  const char     *service)
{
  OrgmapLink *l;

  g_return_if_fail (ORGMAP_IS_DOCUMENT (self));
  g_return_if_fail (link < self->links->len);

  l = link_at (self, link);
  if (g_strcmp0 (l->service, service) == 0)
    return;
  l->service = intern_optional (self, service);
  emit_changed (self, ORGMAP_CHANGE_LINK, link);
}

void
orgmap_document_set_link_notes (OrgmapDocument *self,
                                guint32         link,
                                const char     *notes)
{
  OrgmapLink *l;

  g_return_if_fail (ORGMAP_IS_DOCUMENT (self));
  g_return_if_fail (link < self->links->len);

  l = link_at (self, link);
  if (g_strcmp0 (l->notes, notes) == 0)
    return;
  l->notes = intern_optional (self, notes);
  emit_changed (self, ORGMAP_CHANGE_LINK, link);
}

void
orgmap_document_set_link_type_override (OrgmapDocument *self,
                                        guint32         link,
                                        OrgmapLinkType  type)
{
  OrgmapLink *l;

  g_return_if_fail (ORGMAP_IS_DOCUMENT (self));
  g_return_if_fail (link < self->links->len);
  g_return_if_fail (type < ORGMAP_N_LINK_TYPES || type == ORGMAP_LINK_AUTOMATIC);

  l = link_at (self, link);
  if (l->type_override == type)
    return;
  l->type_override = type;
  emit_changed (self, ORGMAP_CHANGE_LINK, link);
}

OrgmapLinkType
orgmap_document_get_link_computed_type (OrgmapDocument *self,
                                        guint32         link)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), ORGMAP_LINK_DIAGONAL);
  g_return_val_if_fail (link < self->links->len, ORGMAP_LINK_DIAGONAL);

  orgmap_document_classify_links (self);
  return g_array_index (self->computed, guint8, link);
}

OrgmapLinkType
orgmap_document_get_link_type (OrgmapDocument *self,
                               guint32         link)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), ORGMAP_LINK_DIAGONAL);
  g_return_val_if_fail (link < self->links->len, ORGMAP_LINK_DIAGONAL);

  if (link_at (self, link)->type_override != ORGMAP_LINK_AUTOMATIC)
    return link_at (self, link)->type_override;
  return orgmap_document_get_link_computed_type (self, link);
}

guint
orgmap_document_count_link_types (OrgmapDocument *self,
                                  guint           counts[ORGMAP_N_LINK_TYPES])
{
  guint n_overridden = 0;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), 0);

  orgmap_document_classify_links (self);
  memset (counts, 0, sizeof (guint) * ORGMAP_N_LINK_TYPES);
  for (guint i = 0; i < self->links->len; i++)
    {
      counts[orgmap_document_get_link_type (self, i)]++;
      n_overridden += link_at (self, i)->type_override != ORGMAP_LINK_AUTOMATIC;
    }
  return n_overridden;
}

/* Rounds */

guint
orgmap_document_get_n_rounds (OrgmapDocument *self)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), 0);

  return self->rounds->len;
}

static inline OrgmapRound *
round_at (OrgmapDocument *self,
          guint32         round)
{
  return &g_array_index (self->rounds, OrgmapRound, round);
}

const OrgmapRound *
orgmap_document_get_round (OrgmapDocument *self,
                           guint32         round)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (round < self->rounds->len, NULL);

  return round_at (self, round);
}

guint32
orgmap_document_find_round (OrgmapDocument *self,
                            const char     *id)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), ORGMAP_NONE);

  return lookup_id (self->round_ids, id);
}

guint32
orgmap_document_add_round (OrgmapDocument *self,
                           const char     *id,
                           const char     *name,
                           const char     *date)
{
  OrgmapRound round = { 0 };
  guint32 handle;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), ORGMAP_NONE);

  round.id = claim_id (self, self->round_ids, id, "r");
  if (round.id == NULL)
    return ORGMAP_NONE;
  round.name = intern (self, name != NULL ? name : "");
  round.date = intern_optional (self, date);

  handle = self->rounds->len;
  g_array_append_val (self->rounds, round);
  insert_id (self->round_ids, round.id, handle);

  emit_changed (self, ORGMAP_CHANGE_ROUND, handle);
  return handle;
}

void
orgmap_document_set_round_name (OrgmapDocument *self,
                                guint32         round,
                                const char     *name)
{
  OrgmapRound *r;

  g_return_if_fail (ORGMAP_IS_DOCUMENT (self));
  g_return_if_fail (round < self->rounds->len);
  g_return_if_fail (name != NULL);

  r = round_at (self, round);
  if (g_strcmp0 (r->name, name) == 0)
    return;
  r->name = intern (self, name);
  emit_changed (self, ORGMAP_CHANGE_ROUND, round);
}

void
orgmap_document_set_round_date (OrgmapDocument *self,
                                guint32         round,
                                const char     *date)
{
  OrgmapRound *r;

  g_return_if_fail (ORGMAP_IS_DOCUMENT (self));
  g_return_if_fail (round < self->rounds->len);

  r = round_at (self, round);
  if (g_strcmp0 (r->date, date) == 0)
    return;
  r->date = intern_optional (self, date);
  emit_changed (self, ORGMAP_CHANGE_ROUND, round);
}

/* Dimensions */

guint
orgmap_document_get_n_dimensions (OrgmapDocument *self)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), 0);

  return self->dimensions->len;
}

const char *
orgmap_document_get_dimension (OrgmapDocument *self,
                               guint32         dimension)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (dimension < self->dimensions->len, NULL);

  return g_ptr_array_index (self->dimensions, dimension);
}

guint32
orgmap_document_find_dimension (OrgmapDocument *self,
                                const char     *name)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), ORGMAP_NONE);

  for (guint i = 0; i < self->dimensions->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->dimensions, i), name) == 0)
      return i;
  return ORGMAP_NONE;
}

guint32
orgmap_document_add_dimension (OrgmapDocument *self,
                               const char     *name)
{
  guint32 found;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), ORGMAP_NONE);
  g_return_val_if_fail (name != NULL && *name != '\0', ORGMAP_NONE);
  g_return_val_if_fail (self->dimensions->len < G_MAXUINT16, ORGMAP_NONE);

  found = orgmap_document_find_dimension (self, name);
  if (found != ORGMAP_NONE)
    return found;
  g_ptr_array_add (self->dimensions, (gpointer) intern (self, name));
  emit_changed (self, ORGMAP_CHANGE_PROPERTIES, ORGMAP_NONE);
  return self->dimensions->len - 1;
}

const char *
orgmap_dimension_label (const char *name)
{
  /* SERVQUAL's five dimensions of service quality */
  if (g_strcmp0 (name, "reliability") == 0)
    return _("Reliability");
  if (g_strcmp0 (name, "responsiveness") == 0)
    return _("Responsiveness");
  if (g_strcmp0 (name, "assurance") == 0)
    return _("Assurance");
  if (g_strcmp0 (name, "empathy") == 0)
    return _("Empathy");
  if (g_strcmp0 (name, "tangibles") == 0)
    return _("Tangibles");
  return name;
}

/* Ratings */

guint
orgmap_document_get_n_ratings (OrgmapDocument *self)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), 0);

  return self->ratings->len;
}

static inline OrgmapRating *
rating_at (OrgmapDocument *self,
           guint32         rating)
{
  return &g_array_index (self->ratings, OrgmapRating, rating);
}

const OrgmapRating *
orgmap_document_get_rating (OrgmapDocument *self,
                            guint32         rating)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (rating < self->ratings->len, NULL);

  return rating_at (self, rating);
}

guint32
orgmap_document_find_rating (OrgmapDocument *self,
                             guint32         link,
                             guint32         round)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), ORGMAP_NONE);
  g_return_val_if_fail (link < self->links->len, ORGMAP_NONE);

  for (guint32 r = link_at (self, link)->first_rating; r != ORGMAP_NONE; r = rating_at (self, r)->next)
    if (rating_at (self, r)->round == round)
      return r;
  return ORGMAP_NONE;
}

static gboolean
check_score (OrgmapDocument  *self,
             double           score,
             GError         **error)
{
  if (orgmap_document_score_in_scale (self, score))
    return TRUE;

  g_set_error (error, ORGMAP_STORE_ERROR, ORGMAP_STORE_ERROR_INVALID,
               _("The score %g is outside the scale %g–%g"),
               score, self->scale_min, self->scale_max);
  return FALSE;
}

guint32
orgmap_document_set_rating (OrgmapDocument  *self,
                            guint32          link,
                            guint32          round,
                            double           score,
                            gint32           respondents,
                            const char      *comment,
                            GError         **error)
{
  OrgmapRating *rating;
  guint32 handle;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), ORGMAP_NONE);
  g_return_val_if_fail (link < self->links->len, ORGMAP_NONE);
  g_return_val_if_fail (round < self->rounds->len, ORGMAP_NONE);

  if (!check_score (self, score, error))
    return ORGMAP_NONE;

  handle = orgmap_document_find_rating (self, link, round);
  if (handle == ORGMAP_NONE)
    {
      OrgmapRating fresh = { 0 };
      guint32 *tail;

      g_return_val_if_fail (self->ratings->len < ORGMAP_NONE - 1, ORGMAP_NONE);

      fresh.link = link;
      fresh.round = round;
      fresh.next = ORGMAP_NONE;
      fresh.first_dimension_score = ORGMAP_NONE;
      handle = self->ratings->len;
      g_array_append_val (self->ratings, fresh);

      /* Keep the chain in the order ratings were added. */
      tail = &link_at (self, link)->first_rating;
      while (*tail != ORGMAP_NONE)
        tail = &rating_at (self, *tail)->next;
      *tail = handle;
    }

  rating = rating_at (self, handle);
  rating->score = score;
  rating->respondents = MAX (respondents, -1);
  rating->comment = intern_optional (self, comment);

  emit_changed (self, ORGMAP_CHANGE_RATING, handle);
  return handle;
}

gboolean
orgmap_document_set_rating_dimension (OrgmapDocument  *self,
                                      guint32          rating,
                                      guint32          dimension,
                                      double           score,
                                      GError         **error)
{
  OrgmapRating *r;
  OrgmapDimensionScore entry = { dimension, score };
  guint end;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (rating < self->ratings->len, FALSE);
  g_return_val_if_fail (dimension < self->dimensions->len, FALSE);

  if (!check_score (self, score, error))
    return FALSE;

  r = rating_at (self, rating);
  for (guint i = 0; i < r->n_dimension_scores; i++)
    {
      OrgmapDimensionScore *ds = &g_array_index (self->dim_scores, OrgmapDimensionScore,
                                                 r->first_dimension_score + i);
      if (ds->dimension == dimension)
        {
          ds->score = score;
          emit_changed (self, ORGMAP_CHANGE_RATING, rating);
          return TRUE;
        }
    }

  g_return_val_if_fail (r->n_dimension_scores < G_MAXUINT16, FALSE);

  /* A rating's scores are contiguous: extend in place when they end the
   * array, else move them to its end first. */
  end = self->dim_scores->len;
  if (r->n_dimension_scores > 0 && r->first_dimension_score + r->n_dimension_scores != end)
    {
      for (guint i = 0; i < r->n_dimension_scores; i++)
        {
          OrgmapDimensionScore copy = g_array_index (self->dim_scores, OrgmapDimensionScore,
                                                     r->first_dimension_score + i);
          g_array_append_val (self->dim_scores, copy);
        }
      r->first_dimension_score = end;
    }
  else if (r->n_dimension_scores == 0)
    r->first_dimension_score = end;

  g_array_append_val (self->dim_scores, entry);
  r->n_dimension_scores++;

  emit_changed (self, ORGMAP_CHANGE_RATING, rating);
  return TRUE;
}

const OrgmapDimensionScore *
orgmap_document_get_dimension_scores (OrgmapDocument *self,
                                      guint32         rating,
                                      guint          *n_scores)
{
  const OrgmapRating *r;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (rating < self->ratings->len, NULL);
  g_return_val_if_fail (n_scores != NULL, NULL);

  r = rating_at (self, rating);
  *n_scores = r->n_dimension_scores;
  if (r->n_dimension_scores == 0)
    return NULL;
  return &g_array_index (self->dim_scores, OrgmapDimensionScore, r->first_dimension_score);
}

gboolean
orgmap_document_get_link_quality (OrgmapDocument *self,
                                  guint32         link,
                                  guint32         round,
                                  double         *score)
{
  guint32 best = ORGMAP_NONE;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (link < self->links->len, FALSE);

  for (guint32 r = link_at (self, link)->first_rating; r != ORGMAP_NONE; r = rating_at (self, r)->next)
    {
      guint32 rr = rating_at (self, r)->round;

      if (round != ORGMAP_NONE ? rr == round : (best == ORGMAP_NONE || rr > rating_at (self, best)->round))
        best = r;
    }

  if (best == ORGMAP_NONE)
    return FALSE;
  if (score != NULL)
    *score = rating_at (self, best)->score;
  return TRUE;
}

gboolean
orgmap_document_get_round_mean (OrgmapDocument *self,
                                guint32         round,
                                double         *mean,
                                guint          *n_rated)
{
  double sum = 0;
  guint n = 0;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (round == ORGMAP_NONE || round < self->rounds->len, FALSE);

  if (round == ORGMAP_NONE)
    {
      for (guint i = 0; i < self->links->len; i++)
        {
          double score;

          if (orgmap_document_get_link_quality (self, i, ORGMAP_NONE, &score))
            {
              sum += score;
              n++;
            }
        }
    }
  else
    {
      for (guint i = 0; i < self->ratings->len; i++)
        {
          const OrgmapRating *r = rating_at (self, i);

          if (r->round == round)
            {
              sum += r->score;
              n++;
            }
        }
    }

  if (n_rated != NULL)
    *n_rated = n;
  if (n == 0)
    return FALSE;
  if (mean != NULL)
    *mean = sum / n;
  return TRUE;
}

/* Equality, item by item, matched by id. */

static gboolean
rating_equal (OrgmapDocument *a,
              guint32         ra,
              OrgmapDocument *b,
              guint32         rb)
{
  const OrgmapRating *x = rating_at (a, ra);
  const OrgmapRating *y = rating_at (b, rb);
  const OrgmapDimensionScore *dx, *dy;
  guint nx, ny;

  if (x->score != y->score || x->respondents != y->respondents ||
      g_strcmp0 (x->comment, y->comment) != 0)
    return FALSE;

  dx = orgmap_document_get_dimension_scores (a, ra, &nx);
  dy = orgmap_document_get_dimension_scores (b, rb, &ny);
  if (nx != ny)
    return FALSE;
  for (guint i = 0; i < nx; i++)
    {
      if (dx[i].score != dy[i].score ||
          g_strcmp0 (orgmap_document_get_dimension (a, dx[i].dimension),
                     orgmap_document_get_dimension (b, dy[i].dimension)) != 0)
        return FALSE;
    }
  return TRUE;
}

static const char *
parent_id (OrgmapDocument *self,
           guint32         unit)
{
  guint32 parent = unit_at (self, unit)->parent;

  return parent == ORGMAP_NONE ? NULL : unit_at (self, parent)->id;
}

gboolean
orgmap_document_equal (OrgmapDocument *a,
                       OrgmapDocument *b)
{
  guint na, nb;
  const guint32 *ra, *rb;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (a), FALSE);
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (b), FALSE);

  if (g_strcmp0 (a->name, b->name) != 0 ||
      a->scale_min != b->scale_min || a->scale_max != b->scale_max ||
      a->units->len != b->units->len || a->externals->len != b->externals->len ||
      a->links->len != b->links->len || a->rounds->len != b->rounds->len ||
      a->ratings->len != b->ratings->len || a->dimensions->len != b->dimensions->len)
    return FALSE;

  for (guint i = 0; i < a->dimensions->len; i++)
    if (g_strcmp0 (g_ptr_array_index (a->dimensions, i), g_ptr_array_index (b->dimensions, i)) != 0)
      return FALSE;

  for (guint i = 0; i < a->units->len; i++)
    {
      const OrgmapUnit *x = unit_at (a, i);
      guint32 j = orgmap_document_find_unit (b, x->id);
      const OrgmapUnit *y;
      const guint32 *cx, *cy;
      guint ncx, ncy;

      if (j == ORGMAP_NONE)
        return FALSE;
      y = unit_at (b, j);
      if (g_strcmp0 (x->name, y->name) != 0 || g_strcmp0 (x->head, y->head) != 0 ||
          g_strcmp0 (x->area, y->area) != 0 || g_strcmp0 (x->notes, y->notes) != 0 ||
          x->level != y->level || x->headcount != y->headcount ||
          g_strcmp0 (parent_id (a, i), parent_id (b, j)) != 0)
        return FALSE;

      {
        double ax, ay, bx, by;
        gboolean pa = orgmap_document_get_unit_position (a, i, &ax, &ay);
        gboolean pb = orgmap_document_get_unit_position (b, j, &bx, &by);

        if (pa != pb || (pa && (ax != bx || ay != by)))
          return FALSE;
      }

      /* Sibling order is part of the chart. */
      cx = orgmap_document_get_unit_children (a, i, &ncx);
      cy = orgmap_document_get_unit_children (b, j, &ncy);
      if (ncx != ncy)
        return FALSE;
      for (guint k = 0; k < ncx; k++)
        if (g_strcmp0 (unit_at (a, cx[k])->id, unit_at (b, cy[k])->id) != 0)
          return FALSE;
    }

  ra = orgmap_document_get_roots (a, &na);
  rb = orgmap_document_get_roots (b, &nb);
  if (na != nb)
    return FALSE;
  for (guint k = 0; k < na; k++)
    if (g_strcmp0 (unit_at (a, ra[k])->id, unit_at (b, rb[k])->id) != 0)
      return FALSE;

  for (guint i = 0; i < a->externals->len; i++)
    {
      const OrgmapExternal *x = external_at (a, i);
      guint32 j = orgmap_document_find_external (b, x->id);

      if (j != i || g_strcmp0 (x->name, external_at (b, j)->name) != 0 ||
          g_strcmp0 (x->notes, external_at (b, j)->notes) != 0)
        return FALSE;
    }

  for (guint i = 0; i < a->rounds->len; i++)
    {
      const OrgmapRound *x = round_at (a, i);
      const OrgmapRound *y = round_at (b, i);

      if (g_strcmp0 (x->id, y->id) != 0 || g_strcmp0 (x->name, y->name) != 0 ||
          g_strcmp0 (x->date, y->date) != 0)
        return FALSE;
    }

  for (guint i = 0; i < a->links->len; i++)
    {
      const OrgmapLink *x = link_at (a, i);
      const OrgmapLink *y = link_at (b, i);

      if (g_strcmp0 (x->id, y->id) != 0 || g_strcmp0 (x->service, y->service) != 0 ||
          g_strcmp0 (x->notes, y->notes) != 0 || x->type_override != y->type_override ||
          g_strcmp0 (orgmap_document_get_party_id (a, x->provider),
                     orgmap_document_get_party_id (b, y->provider)) != 0 ||
          g_strcmp0 (orgmap_document_get_party_id (a, x->client),
                     orgmap_document_get_party_id (b, y->client)) != 0)
        return FALSE;

      for (guint32 r = 0; r < a->rounds->len; r++)
        {
          guint32 rx = orgmap_document_find_rating (a, i, r);
          guint32 ry = orgmap_document_find_rating (b, i, r);

          if ((rx == ORGMAP_NONE) != (ry == ORGMAP_NONE))
            return FALSE;
          if (rx != ORGMAP_NONE && !rating_equal (a, rx, b, ry))
            return FALSE;
        }
    }

  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-model"

#include "config.h"

#include "orgmap-document.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "orgmap-document-private.h"
#include "orgmap-error.h"


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

void
_orgmap_document_emit_changed (OrgmapDocument *self,
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
      _orgmap_document_emit_changed (self, ORGMAP_CHANGE_ALL, ORGMAP_NONE);
    }
}

/* Strings and ids */

const char *
_orgmap_document_intern (OrgmapDocument *self,
        const char     *str)
{
  if (str == NULL)
    return NULL;
  return g_string_chunk_insert_const (self->strings, str);
}

const char *
_orgmap_document_intern_optional (OrgmapDocument *self,
                 const char     *str)
{
  if (str == NULL || *str == '\0')
    return NULL;
  return _orgmap_document_intern (self, str);
}

guint32
_orgmap_document_lookup_id (GHashTable *table,
           const char *id)
{
  gpointer value;

  if (id == NULL)
    return ORGMAP_NONE;
  value = g_hash_table_lookup (table, id);
  return value != NULL ? GPOINTER_TO_UINT (value) - 1 : ORGMAP_NONE;
}

void
_orgmap_document_insert_id (GHashTable *table,
           const char *id,
           guint32     handle)
{
  g_hash_table_insert (table, (gpointer) id, GUINT_TO_POINTER (handle + 1));
}

/* Returns an interned id: @id itself, or a fresh one made with @prefix. */
const char *
_orgmap_document_claim_id (OrgmapDocument *self,
          GHashTable     *table,
          const char     *id,
          const char     *prefix)
{
  char buf[32];

  if (id != NULL)
    {
      if (_orgmap_document_lookup_id (table, id) != ORGMAP_NONE)
        return NULL;
      return g_string_chunk_insert (self->strings, id);
    }

  do
    g_snprintf (buf, sizeof buf, "%s%u", prefix, ++self->id_serial);
  while (_orgmap_document_lookup_id (table, buf) != ORGMAP_NONE);

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
  self->name = name != NULL ? _orgmap_document_intern (self, name) : "";
  _orgmap_document_emit_changed (self, ORGMAP_CHANGE_PROPERTIES, ORGMAP_NONE);
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
  _orgmap_document_emit_changed (self, ORGMAP_CHANGE_PROPERTIES, ORGMAP_NONE);
  return TRUE;
}

/* Units */

guint
orgmap_document_get_n_units (OrgmapDocument *self)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), 0);

  return self->units->len;
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

  handle = _orgmap_document_lookup_id (self->party_ids, id);
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

  unit.id = _orgmap_document_claim_id (self, self->party_ids, id, "u");
  if (unit.id == NULL)
    return ORGMAP_NONE;
  unit.name = _orgmap_document_intern (self, name != NULL ? name : "");
  unit.parent = parent;
  unit.headcount = -1;

  handle = self->units->len;
  g_array_append_val (self->units, unit);
  _orgmap_document_insert_id (self->party_ids, unit.id, handle);

  invalidate_hierarchy (self);
  _orgmap_document_emit_changed (self, ORGMAP_CHANGE_HIERARCHY, handle);
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
  _orgmap_document_emit_changed (self, ORGMAP_CHANGE_HIERARCHY, unit);
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
  u->name = _orgmap_document_intern (self, name);
  /* Derived areas are named after their top-level unit. */
  if (!self->hierarchy_dirty && u->area == NULL)
    invalidate_hierarchy (self);
  _orgmap_document_emit_changed (self, ORGMAP_CHANGE_UNIT, unit);
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
  u->head = _orgmap_document_intern_optional (self, head);
  _orgmap_document_emit_changed (self, ORGMAP_CHANGE_UNIT, unit);
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
  _orgmap_document_emit_changed (self, ORGMAP_CHANGE_UNIT, unit);
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
  _orgmap_document_emit_changed (self, ORGMAP_CHANGE_HIERARCHY, unit);
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
  u->area = _orgmap_document_intern_optional (self, area);
  invalidate_hierarchy (self);
  _orgmap_document_emit_changed (self, ORGMAP_CHANGE_HIERARCHY, unit);
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
  u->notes = _orgmap_document_intern_optional (self, notes);
  _orgmap_document_emit_changed (self, ORGMAP_CHANGE_UNIT, unit);
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
  _orgmap_document_emit_changed (self, ORGMAP_CHANGE_POSITION, unit);
}

void
orgmap_document_clear_unit_position (OrgmapDocument *self,
                                     guint32         unit)
{
  g_return_if_fail (ORGMAP_IS_DOCUMENT (self));
  g_return_if_fail (unit < self->units->len);

  if (g_hash_table_remove (self->positions, GUINT_TO_POINTER (unit + 1)))
    _orgmap_document_emit_changed (self, ORGMAP_CHANGE_POSITION, unit);
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

void
_orgmap_document_ensure_hierarchy (OrgmapDocument *self)
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

  _orgmap_document_ensure_hierarchy (self);
  return self->level[unit];
}

const char *
orgmap_document_get_unit_area (OrgmapDocument *self,
                               guint32         unit)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (unit < self->units->len, NULL);

  _orgmap_document_ensure_hierarchy (self);
  return g_ptr_array_index (self->area_names, self->area[unit]);
}

guint
orgmap_document_get_unit_depth (OrgmapDocument *self,
                                guint32         unit)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (unit < self->units->len, 0);

  _orgmap_document_ensure_hierarchy (self);
  return self->depth[unit];
}

gboolean
orgmap_document_is_ancestor (OrgmapDocument *self,
                             guint32         ancestor,
                             guint32         unit)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (ancestor < self->units->len, FALSE);
  g_return_val_if_fail (unit < self->units->len, FALSE);

  _orgmap_document_ensure_hierarchy (self);
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

  _orgmap_document_ensure_hierarchy (self);
  *n_children = self->child_start[unit + 1] - self->child_start[unit];
  return self->children + self->child_start[unit];
}

const guint32 *
orgmap_document_get_roots (OrgmapDocument *self,
                           guint          *n_roots)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (n_roots != NULL, NULL);

  _orgmap_document_ensure_hierarchy (self);
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

  handle = _orgmap_document_lookup_id (self->party_ids, id);
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

  external.id = _orgmap_document_claim_id (self, self->party_ids, id, "x");
  if (external.id == NULL)
    return ORGMAP_NONE;
  external.name = _orgmap_document_intern (self, name != NULL ? name : "");

  index = self->externals->len;
  g_array_append_val (self->externals, external);
  _orgmap_document_insert_id (self->party_ids, external.id, ORGMAP_EXTERNAL_HANDLE (index));

  _orgmap_document_emit_changed (self, ORGMAP_CHANGE_EXTERNAL, index);
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
  x->name = _orgmap_document_intern (self, name);
  _orgmap_document_emit_changed (self, ORGMAP_CHANGE_EXTERNAL, external);
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
  x->notes = _orgmap_document_intern_optional (self, notes);
  _orgmap_document_emit_changed (self, ORGMAP_CHANGE_EXTERNAL, external);
}

guint32
orgmap_document_find_party (OrgmapDocument *self,
                            const char     *id)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), ORGMAP_NONE);

  return _orgmap_document_lookup_id (self->party_ids, id);
}

gboolean
_orgmap_document_party_valid (OrgmapDocument *self,
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
  g_return_val_if_fail (_orgmap_document_party_valid (self, party), NULL);

  if (ORGMAP_IS_EXTERNAL (party))
    return external_at (self, ORGMAP_EXTERNAL_INDEX (party))->id;
  return unit_at (self, party)->id;
}

const char *
orgmap_document_get_party_name (OrgmapDocument *self,
                                guint32         party)
{
  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (_orgmap_document_party_valid (self, party), NULL);

  if (ORGMAP_IS_EXTERNAL (party))
    return external_at (self, ORGMAP_EXTERNAL_INDEX (party))->name;
  return unit_at (self, party)->name;
}


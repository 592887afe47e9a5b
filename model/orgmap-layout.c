/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-model"

#include "config.h"

#include "orgmap-layout.h"

#include <math.h>

struct _OrgmapLayout
{
  guint       n_units;
  guint       n_externals;
  OrgmapRect *units;
  OrgmapRect *externals;
  guint8     *stacked;
  guint8     *listed;   /* in an indented list under a list's head */
  double     *extent;   /* left and right of each subtree, in pairs */
  OrgmapRect  boundary;
  OrgmapRect  bounds;
};

#define W ORGMAP_LAYOUT_BOX_WIDTH
#define H ORGMAP_LAYOUT_BOX_HEIGHT

/* The state of one layout pass. */
typedef struct
{
  OrgmapLayout   *self;
  OrgmapDocument *doc;
  double         *widths;    /* of each unit's subtree, or list */
  guint          *rows;      /* rows a stackable unit takes: 1 for a leaf, its size for a list's head; 0 for others */
  guint8         *head;      /* heads of indented lists */
  double         *slot_left;
  guint           capacity;  /* rows in a stacked column */
} Build;

/* Children are laid out in blocks, left to right: a subtree, or a run of
 * leaves and small lists long enough to be stacked in columns. */
typedef struct
{
  guint  first;   /* index into the children array */
  guint  count;   /* > 1 only for a stack */
  double width;
} Block;

/* Walks a stack's units column by column, filling each column up to the
 * capacity; places them when @place. Returns the stack's width. */
static double
stack_walk (Build         *b,
            const guint32 *items,
            guint          count,
            double         x,
            double         y,
            gboolean       place)
{
  double col_x = x, col_width = 0;
  guint col_rows = 0;

  for (guint i = 0; i < count; i++)
    {
      guint32 u = items[i];

      if (col_rows > 0 && col_rows + b->rows[u] > b->capacity)
        {
          col_x += ORGMAP_LAYOUT_STACK_INDENT + col_width + ORGMAP_LAYOUT_H_GAP;
          col_rows = 0;
          col_width = 0;
        }
      if (place)
        {
          OrgmapRect *r = &b->self->units[u];

          r->x = col_x + ORGMAP_LAYOUT_STACK_INDENT;
          r->y = y + col_rows * (H + ORGMAP_LAYOUT_STACK_GAP);
          r->width = W;
          r->height = H;
          b->self->stacked[u] = TRUE;
        }
      col_rows += b->rows[u];
      col_width = MAX (col_width, b->widths[u]);
    }
  return col_x - x + ORGMAP_LAYOUT_STACK_INDENT + col_width;
}

/* Returns the next block of @unit's children starting at *pos. */
static gboolean
next_block (Build         *b,
            const guint32 *children,
            guint          n_children,
            guint         *pos,
            Block         *block)
{
  guint run = 0;

  if (*pos >= n_children)
    return FALSE;

  while (*pos + run < n_children && b->rows[children[*pos + run]] > 0)
    run++;

  block->first = *pos;
  if (run >= ORGMAP_LAYOUT_STACK_MIN)
    {
      block->count = run;
      block->width = stack_walk (b, children + *pos, run, 0, 0, FALSE);
    }
  else
    {
      block->count = 1;
      block->width = b->widths[children[*pos]];
    }
  *pos += block->count;
  return TRUE;
}

static double
children_width (Build   *b,
                guint32  unit)
{
  const guint32 *children;
  guint n, pos = 0, n_blocks = 0;
  double total = 0;
  Block block;

  children = orgmap_document_get_unit_children (b->doc, unit, &n);
  while (next_block (b, children, n, &pos, &block))
    {
      total += block.width;
      n_blocks++;
    }
  return n_blocks > 0 ? total + (n_blocks - 1) * ORGMAP_LAYOUT_H_GAP : 0;
}

/* Units in pre-order: parents before children, roots in order. */
static guint32 *
preorder (OrgmapDocument *doc,
          guint           n_units)
{
  guint32 *order = g_new (guint32, MAX (n_units, 1));
  guint32 *stack = g_new (guint32, MAX (n_units, 1));
  const guint32 *roots;
  guint n_roots, sp = 0, k = 0;

  roots = orgmap_document_get_roots (doc, &n_roots);
  for (guint i = n_roots; i > 0; i--)
    stack[sp++] = roots[i - 1];

  while (sp > 0)
    {
      guint32 u = stack[--sp];
      const guint32 *children;
      guint n;

      order[k++] = u;
      children = orgmap_document_get_unit_children (doc, u, &n);
      for (guint i = n; i > 0; i--)
        stack[sp++] = children[i - 1];
    }

  g_assert (k == n_units);
  g_free (stack);
  return order;
}

static void
rect_union (OrgmapRect       *acc,
            const OrgmapRect *r,
            gboolean          first)
{
  double x1, y1;

  if (first)
    {
      *acc = *r;
      return;
    }
  x1 = MAX (acc->x + acc->width, r->x + r->width);
  y1 = MAX (acc->y + acc->height, r->y + r->height);
  acc->x = MIN (acc->x, r->x);
  acc->y = MIN (acc->y, r->y);
  acc->width = x1 - acc->x;
  acc->height = y1 - acc->y;
}

/* Places the boxes of @unit's children inside its slot. */
static void
place_children (Build   *b,
                guint32  unit)
{
  const OrgmapRect *parent = &b->self->units[unit];
  const guint32 *children;
  double child_y = parent->y + H + ORGMAP_LAYOUT_V_GAP;
  double span = children_width (b, unit);
  double x = b->slot_left[unit] + (b->widths[unit] - span) / 2;
  guint n, pos = 0;
  Block block;

  children = orgmap_document_get_unit_children (b->doc, unit, &n);
  while (next_block (b, children, n, &pos, &block))
    {
      if (block.count == 1)
        b->slot_left[children[block.first]] = x;
      else
        stack_walk (b, children + block.first, block.count, x, child_y, TRUE);
      x += block.width + ORGMAP_LAYOUT_H_GAP;
    }
}

/* The centre of a block's top row: a subtree's root, or a stack's middle. */
static double
block_centre (OrgmapLayout *self,
              const guint32 *children,
              const Block  *block)
{
  if (block->count == 1)
    return self->units[children[block->first]].x + W / 2;
  return self->units[children[block->first]].x - ORGMAP_LAYOUT_STACK_INDENT + block->width / 2;
}

static void
place_externals (OrgmapLayout   *self,
                 OrgmapDocument *doc)
{
  g_autofree double *sum = g_new0 (double, MAX (self->n_externals, 1));
  g_autofree guint *count = g_new0 (guint, MAX (self->n_externals, 1));
  g_autofree guint32 *order = g_new (guint32, MAX (self->n_externals, 1));
  double centre = self->boundary.x + self->boundary.width / 2;
  double y = self->boundary.y + self->boundary.height + ORGMAP_LAYOUT_V_GAP;
  double prev_right = -INFINITY;
  double row_left, row_right;

  if (self->n_externals == 0)
    return;

  /* Each external client goes below the units that serve it. */
  for (guint i = 0; i < orgmap_document_get_n_links (doc); i++)
    {
      const OrgmapLink *link = orgmap_document_get_link (doc, i);

      if (ORGMAP_IS_EXTERNAL (link->client))
        {
          guint32 e = ORGMAP_EXTERNAL_INDEX (link->client);

          sum[e] += self->units[link->provider].x + W / 2;
          count[e]++;
        }
    }

  for (guint i = 0; i < self->n_externals; i++)
    {
      self->externals[i].x = (count[i] > 0 ? sum[i] / count[i] : centre) - W / 2;
      self->externals[i].y = y;
      self->externals[i].width = W;
      self->externals[i].height = H;
      order[i] = i;
    }

  /* Insertion sort by wanted position (stable, and there are few). */
  for (guint i = 1; i < self->n_externals; i++)
    {
      guint32 e = order[i];
      guint j = i;

      while (j > 0 && self->externals[order[j - 1]].x > self->externals[e].x)
        {
          order[j] = order[j - 1];
          j--;
        }
      order[j] = e;
    }

  /* Push apart left to right, then centre the row where it overflows. */
  for (guint i = 0; i < self->n_externals; i++)
    {
      OrgmapRect *r = &self->externals[order[i]];

      r->x = MAX (r->x, prev_right + ORGMAP_LAYOUT_H_GAP);
      prev_right = r->x + W;
    }
  row_left = self->externals[order[0]].x;
  row_right = prev_right;
  if (row_right > self->boundary.x + self->boundary.width && row_left > self->boundary.x)
    {
      double shift = MIN (row_right - (self->boundary.x + self->boundary.width),
                          row_left - self->boundary.x);

      for (guint i = 0; i < self->n_externals; i++)
        self->externals[i].x -= shift;
    }
}

/* Large charts would grow far wider than any screen: below a certain size,
 * a subtree is drawn as an indented list under its head, as a file tree is,
 * so that the chart keeps about the shape of a screen. The size is chosen
 * so that about 0.8 √n lists stand side by side. Small charts keep the
 * plain top-down tree. */
#define LIST_MIN_UNITS 200

static void
find_lists (Build         *b,
            const guint32 *order)
{
  OrgmapLayout *self = b->self;
  g_autofree guint *size = NULL;
  guint limit;

  b->capacity = ORGMAP_LAYOUT_STACK_ROWS;
  for (guint32 u = 0; u < self->n_units; u++)
    {
      guint n;

      orgmap_document_get_unit_children (b->doc, u, &n);
      b->rows[u] = n == 0 ? 1 : 0;
    }

  if (self->n_units < LIST_MIN_UNITS)
    return;

  limit = (guint) (1.25 * sqrt (self->n_units));
  b->capacity = MAX (limit, ORGMAP_LAYOUT_STACK_ROWS);
  size = g_new (guint, self->n_units);
  for (guint32 u = 0; u < self->n_units; u++)
    size[u] = 1;
  for (guint k = self->n_units; k > 0; k--)
    {
      guint32 u = order[k - 1];
      guint32 parent = orgmap_document_get_unit (b->doc, u)->parent;

      if (parent != ORGMAP_NONE)
        size[parent] += size[u];
    }

  /* Parents come first in pre-order: heads are marked before their lists. */
  for (guint k = 0; k < self->n_units; k++)
    {
      guint32 u = order[k];
      guint32 parent = orgmap_document_get_unit (b->doc, u)->parent;

      if (parent == ORGMAP_NONE)
        continue;
      if (b->head[parent] || self->listed[parent])
        self->listed[u] = TRUE;
      else if (size[u] > 1 && size[u] <= limit && size[parent] > limit)
        {
          b->head[u] = TRUE;
          b->rows[u] = size[u];
        }
    }
}

/* How many levels a list's head has below it. */
static guint
list_depth (OrgmapLayout   *self,
            OrgmapDocument *doc,
            guint32         unit)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) depths = g_array_new (FALSE, FALSE, sizeof (guint));
  guint deepest = 0, zero = 0;

  g_array_append_val (stack, unit);
  g_array_append_val (depths, zero);
  while (stack->len > 0)
    {
      guint32 u = g_array_index (stack, guint32, stack->len - 1);
      guint d = g_array_index (depths, guint, depths->len - 1);
      const guint32 *children;
      guint n;

      g_array_set_size (stack, stack->len - 1);
      g_array_set_size (depths, depths->len - 1);
      deepest = MAX (deepest, d);
      children = orgmap_document_get_unit_children (doc, u, &n);
      for (guint i = 0; i < n; i++)
        {
          guint next = d + 1;

          g_array_append_val (stack, children[i]);
          g_array_append_val (depths, next);
        }
    }
  return deepest;
}

/* Places a list's units under its head, in pre-order, one per row,
 * indented by their depth below the head. */
static void
place_list (OrgmapLayout   *self,
            OrgmapDocument *doc,
            guint32         unit)
{
  const OrgmapRect *top = &self->units[unit];
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) depths = g_array_new (FALSE, FALSE, sizeof (guint));
  const guint32 *children;
  guint n, row = 1;

  children = orgmap_document_get_unit_children (doc, unit, &n);
  for (guint i = n; i > 0; i--)
    {
      guint one = 1;

      g_array_append_val (stack, children[i - 1]);
      g_array_append_val (depths, one);
    }

  while (stack->len > 0)
    {
      guint32 u = g_array_index (stack, guint32, stack->len - 1);
      guint d = g_array_index (depths, guint, depths->len - 1);
      OrgmapRect *r = &self->units[u];

      g_array_set_size (stack, stack->len - 1);
      g_array_set_size (depths, depths->len - 1);

      r->x = top->x + d * ORGMAP_LAYOUT_STACK_INDENT;
      r->y = top->y + row++ * (H + ORGMAP_LAYOUT_STACK_GAP);
      r->width = W;
      r->height = H;

      children = orgmap_document_get_unit_children (doc, u, &n);
      for (guint i = n; i > 0; i--)
        {
          guint next = d + 1;

          g_array_append_val (stack, children[i - 1]);
          g_array_append_val (depths, next);
        }
    }
}

OrgmapLayout *
orgmap_layout_new (OrgmapDocument *doc)
{
  OrgmapLayout *self;
  g_autofree guint32 *order = NULL;
  g_autofree double *widths = NULL;
  g_autofree double *slot_left = NULL;
  g_autofree guint8 *head = NULL;
  g_autofree guint *rows = NULL;
  const guint32 *roots;
  guint n_roots;
  double x = 0;
  Build b;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (doc), NULL);

  self = g_new0 (OrgmapLayout, 1);
  self->n_units = orgmap_document_get_n_units (doc);
  self->n_externals = orgmap_document_get_n_externals (doc);
  self->units = g_new0 (OrgmapRect, MAX (self->n_units, 1));
  self->externals = g_new0 (OrgmapRect, MAX (self->n_externals, 1));
  self->stacked = g_new0 (guint8, MAX (self->n_units, 1));
  self->listed = g_new0 (guint8, MAX (self->n_units, 1));

  order = preorder (doc, self->n_units);
  widths = g_new (double, MAX (self->n_units, 1));
  slot_left = g_new (double, MAX (self->n_units, 1));
  head = g_new0 (guint8, MAX (self->n_units, 1));
  rows = g_new0 (guint, MAX (self->n_units, 1));
  b = (Build) { self, doc, widths, rows, head, slot_left, ORGMAP_LAYOUT_STACK_ROWS };

  find_lists (&b, order);

  /* Bottom-up: the width of every subtree, or list. */
  for (guint k = self->n_units; k > 0; k--)
    {
      guint32 u = order[k - 1];

      if (self->listed[u])
        continue;
      if (head[u])
        widths[u] = W + list_depth (self, doc, u) * ORGMAP_LAYOUT_STACK_INDENT;
      else
        widths[u] = MAX (W, children_width (&b, u));
    }

  /* Top-down: roots side by side, each subtree in its slot. */
  roots = orgmap_document_get_roots (doc, &n_roots);
  for (guint i = 0; i < n_roots; i++)
    {
      slot_left[roots[i]] = x;
      x += widths[roots[i]] + 2 * ORGMAP_LAYOUT_H_GAP;
    }

  for (guint k = 0; k < self->n_units; k++)
    {
      guint32 u = order[k];
      OrgmapRect *r = &self->units[u];

      if (self->listed[u])
        continue;
      if (!self->stacked[u])
        {
          guint32 parent = orgmap_document_get_unit (doc, u)->parent;

          r->y = parent == ORGMAP_NONE ? 0 : self->units[parent].y + H + ORGMAP_LAYOUT_V_GAP;
          r->width = W;
          r->height = H;
          /* Provisional: centred in the slot, until the children are known;
           * a list's head stands at its list's left. */
          r->x = head[u] ? slot_left[u] : slot_left[u] + (widths[u] - W) / 2;
        }
      if (head[u])
        place_list (self, doc, u);
      else
        place_children (&b, u);
    }

  /* Parents centred over their children: bottom-up, once children sit. */
  for (guint k = self->n_units; k > 0; k--)
    {
      guint32 u = order[k - 1];
      const guint32 *children;
      guint n, pos = 0;
      double first = NAN, last = NAN;
      Block block;

      if (head[u] || self->listed[u])
        continue;
      children = orgmap_document_get_unit_children (doc, u, &n);
      while (next_block (&b, children, n, &pos, &block))
        {
          if (isnan (first))
            first = block_centre (self, children, &block);
          last = block_centre (self, children, &block);
        }
      if (!isnan (first))
        self->units[u].x = (first + last) / 2 - W / 2;
    }

  /* Where a person placed a unit, it stays. */
  for (guint32 u = 0; u < self->n_units; u++)
    {
      double px, py;

      if (orgmap_document_get_unit_position (doc, u, &px, &py))
        {
          self->units[u].x = px;
          self->units[u].y = py;
        }
    }

  /* Subtree extents, bottom-up. */
  self->extent = g_new (double, 2 * MAX (self->n_units, 1));
  for (guint32 u = 0; u < self->n_units; u++)
    {
      self->extent[2 * u] = self->units[u].x;
      self->extent[2 * u + 1] = self->units[u].x + self->units[u].width;
    }
  for (guint k = self->n_units; k > 0; k--)
    {
      guint32 u = order[k - 1];
      guint32 parent = orgmap_document_get_unit (doc, u)->parent;

      if (parent != ORGMAP_NONE)
        {
          self->extent[2 * parent] = MIN (self->extent[2 * parent], self->extent[2 * u]);
          self->extent[2 * parent + 1] = MAX (self->extent[2 * parent + 1], self->extent[2 * u + 1]);
        }
    }

  for (guint i = 0; i < self->n_units; i++)
    rect_union (&self->boundary, &self->units[i], i == 0);
  self->boundary.x -= ORGMAP_LAYOUT_MARGIN;
  self->boundary.y -= ORGMAP_LAYOUT_MARGIN;
  self->boundary.width += 2 * ORGMAP_LAYOUT_MARGIN;
  self->boundary.height += 2 * ORGMAP_LAYOUT_MARGIN;

  place_externals (self, doc);

  self->bounds = self->boundary;
  for (guint i = 0; i < self->n_externals; i++)
    rect_union (&self->bounds, &self->externals[i], FALSE);
  self->bounds.x -= ORGMAP_LAYOUT_MARGIN;
  self->bounds.y -= ORGMAP_LAYOUT_MARGIN;
  self->bounds.width += 2 * ORGMAP_LAYOUT_MARGIN;
  self->bounds.height += 2 * ORGMAP_LAYOUT_MARGIN;

  return self;
}

void
orgmap_layout_free (OrgmapLayout *self)
{
  if (self == NULL)
    return;
  g_free (self->units);
  g_free (self->externals);
  g_free (self->stacked);
  g_free (self->listed);
  g_free (self->extent);
  g_free (self);
}

const OrgmapRect *
orgmap_layout_get_unit (const OrgmapLayout *self,
                        guint32             unit)
{
  g_return_val_if_fail (unit < self->n_units, NULL);

  return &self->units[unit];
}

const OrgmapRect *
orgmap_layout_get_external (const OrgmapLayout *self,
                            guint32             external)
{
  g_return_val_if_fail (external < self->n_externals, NULL);

  return &self->externals[external];
}

const OrgmapRect *
orgmap_layout_get_party (const OrgmapLayout *self,
                         guint32             party)
{
  if (ORGMAP_IS_EXTERNAL (party))
    return orgmap_layout_get_external (self, ORGMAP_EXTERNAL_INDEX (party));
  return orgmap_layout_get_unit (self, party);
}

gboolean
orgmap_layout_is_stacked (const OrgmapLayout *self,
                          guint32             unit)
{
  g_return_val_if_fail (unit < self->n_units, FALSE);

  return self->stacked[unit];
}

gboolean
orgmap_layout_is_listed (const OrgmapLayout *self,
                         guint32             unit)
{
  g_return_val_if_fail (unit < self->n_units, FALSE);

  return self->listed[unit];
}

void
orgmap_layout_get_subtree_extent (const OrgmapLayout *self,
                                  guint32             unit,
                                  double             *left,
                                  double             *right)
{
  g_return_if_fail (unit < self->n_units);

  *left = self->extent[2 * unit];
  *right = self->extent[2 * unit + 1];
}

void
orgmap_layout_get_boundary (const OrgmapLayout *self,
                            OrgmapRect         *rect)
{
  *rect = self->boundary;
}

void
orgmap_layout_get_bounds (const OrgmapLayout *self,
                          OrgmapRect         *rect)
{
  *rect = self->bounds;
}

guint
orgmap_layout_get_n_units (const OrgmapLayout *self)
{
  return self->n_units;
}

guint
orgmap_layout_get_n_externals (const OrgmapLayout *self)
{
  return self->n_externals;
}

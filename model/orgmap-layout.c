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
  double     *extent;   /* left and right of each subtree, in pairs */
  OrgmapRect  boundary;
  OrgmapRect  bounds;
};

#define W ORGMAP_LAYOUT_BOX_WIDTH
#define H ORGMAP_LAYOUT_BOX_HEIGHT

/* Children are laid out in blocks, left to right: a subtree, or a run of
 * leaves long enough to be stacked in columns. */
typedef struct
{
  guint  first;   /* index into the children array */
  guint  count;   /* > 1 only for a stack */
  double width;
} Block;

static double
stack_width (guint count)
{
  guint cols = (count + ORGMAP_LAYOUT_STACK_ROWS - 1) / ORGMAP_LAYOUT_STACK_ROWS;

  return cols * (ORGMAP_LAYOUT_STACK_INDENT + W) + (cols - 1) * ORGMAP_LAYOUT_H_GAP;
}

static gboolean
is_leaf (OrgmapDocument *doc,
         guint32         unit)
{
  guint n;

  orgmap_document_get_unit_children (doc, unit, &n);
  return n == 0;
}

/* Returns the next block of @unit's children starting at *pos. */
static gboolean
next_block (OrgmapDocument *doc,
            const guint32  *children,
            guint           n_children,
            const double   *widths,
            guint          *pos,
            Block          *block)
{
  guint run = 0;

  if (*pos >= n_children)
    return FALSE;

  while (*pos + run < n_children && is_leaf (doc, children[*pos + run]))
    run++;

  block->first = *pos;
  if (run >= ORGMAP_LAYOUT_STACK_MIN)
    {
      block->count = run;
      block->width = stack_width (run);
    }
  else
    {
      block->count = 1;
      block->width = widths[children[*pos]];
    }
  *pos += block->count;
  return TRUE;
}

static double
children_width (OrgmapDocument *doc,
                guint32         unit,
                const double   *widths)
{
  const guint32 *children;
  guint n, pos = 0, n_blocks = 0;
  double total = 0;
  Block block;

  children = orgmap_document_get_unit_children (doc, unit, &n);
  while (next_block (doc, children, n, widths, &pos, &block))
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

/* Places the boxes of @unit's children inside the slot starting at @left. */
static void
place_children (OrgmapLayout   *self,
                OrgmapDocument *doc,
                guint32         unit,
                double          left,
                const double   *widths,
                double         *slot_left)
{
  const OrgmapRect *parent = &self->units[unit];
  const guint32 *children;
  double child_y = parent->y + H + ORGMAP_LAYOUT_V_GAP;
  double span = children_width (doc, unit, widths);
  double x = left + (widths[unit] - span) / 2;
  guint n, pos = 0;
  Block block;

  children = orgmap_document_get_unit_children (doc, unit, &n);
  while (next_block (doc, children, n, widths, &pos, &block))
    {
      if (block.count == 1)
        {
          slot_left[children[block.first]] = x;
        }
      else
        {
          for (guint i = 0; i < block.count; i++)
            {
              guint32 leaf = children[block.first + i];
              guint col = i / ORGMAP_LAYOUT_STACK_ROWS;
              guint row = i % ORGMAP_LAYOUT_STACK_ROWS;
              OrgmapRect *r = &self->units[leaf];

              r->x = x + col * (ORGMAP_LAYOUT_STACK_INDENT + W + ORGMAP_LAYOUT_H_GAP)
                     + ORGMAP_LAYOUT_STACK_INDENT;
              r->y = child_y + row * (H + ORGMAP_LAYOUT_STACK_GAP);
              r->width = W;
              r->height = H;
              self->stacked[leaf] = TRUE;
            }
        }
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

OrgmapLayout *
orgmap_layout_new (OrgmapDocument *doc)
{
  OrgmapLayout *self;
  g_autofree guint32 *order = NULL;
  g_autofree double *widths = NULL;
  g_autofree double *slot_left = NULL;
  const guint32 *roots;
  guint n_roots;
  double x = 0;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (doc), NULL);

  self = g_new0 (OrgmapLayout, 1);
  self->n_units = orgmap_document_get_n_units (doc);
  self->n_externals = orgmap_document_get_n_externals (doc);
  self->units = g_new0 (OrgmapRect, MAX (self->n_units, 1));
  self->externals = g_new0 (OrgmapRect, MAX (self->n_externals, 1));
  self->stacked = g_new0 (guint8, MAX (self->n_units, 1));

  order = preorder (doc, self->n_units);
  widths = g_new (double, MAX (self->n_units, 1));
  slot_left = g_new (double, MAX (self->n_units, 1));

  /* Bottom-up: the width of every subtree. */
  for (guint k = self->n_units; k > 0; k--)
    {
      guint32 u = order[k - 1];

      widths[u] = MAX (W, children_width (doc, u, widths));
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

      if (!self->stacked[u])
        {
          guint32 parent = orgmap_document_get_unit (doc, u)->parent;

          r->y = parent == ORGMAP_NONE ? 0 : self->units[parent].y + H + ORGMAP_LAYOUT_V_GAP;
          r->width = W;
          r->height = H;
          /* Provisional: centred in the slot, until the children are known. */
          r->x = slot_left[u] + (widths[u] - W) / 2;
        }
      place_children (self, doc, u, slot_left[u], widths, slot_left);
    }

  /* Parents centred over their children: bottom-up, once children sit. */
  for (guint k = self->n_units; k > 0; k--)
    {
      guint32 u = order[k - 1];
      const guint32 *children;
      guint n, pos = 0;
      double first = NAN, last = NAN;
      Block block;

      children = orgmap_document_get_unit_children (doc, u, &n);
      while (next_block (doc, children, n, widths, &pos, &block))
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

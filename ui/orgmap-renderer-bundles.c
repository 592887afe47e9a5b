/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-ui"

#include "config.h"

#include "orgmap-renderer.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "orgmap-renderer-private.h"

static int
compare_bundles (gconstpointer a,
                 gconstpointer b)
{
  const Bundle *x = a, *y = b;

  /* Fewest links first, so the strongest bundles are drawn on top. */
  return (x->count > y->count) - (x->count < y->count);
}

static void
node_centre (OrgmapRenderer *self,
             guint32         node,
             double         *x,
             double         *y)
{
  const OrgmapRect *r = orgmap_layout_get_party (self->layout, self->node_party[node]);

  *x = r->x + r->width / 2;
  *y = r->y + r->height / 2;
}

/* Cuts the tree into nodes: every subtree no wider than @width becomes one
 * node; the units above them stand alone. Linear. */
static void
cut_tree (OrgmapRenderer *self,
          double          width)
{
  guint n_units = orgmap_document_get_n_units (self->document);
  guint n_externals = orgmap_document_get_n_externals (self->document);
  g_autofree guint32 *stack = g_new (guint32, MAX (n_units, 1));
  g_autofree guint32 *inner = g_new (guint32, MAX (n_units, 1));
  const guint32 *roots;
  guint n_roots, sp = 0;

  g_free (self->node_party);
  g_free (self->unit_node);
  self->node_party = g_new (guint32, n_units + n_externals + 1);
  self->unit_node = g_new (guint32, MAX (n_units, 1));
  self->n_nodes = 0;

  roots = orgmap_document_get_roots (self->document, &n_roots);
  for (guint i = n_roots; i > 0; i--)
    stack[sp++] = roots[i - 1];

  while (sp > 0)
    {
      guint32 u = stack[--sp];
      guint32 node = self->n_nodes++;
      const guint32 *children;
      double left, right;
      guint n;

      self->node_party[node] = u;
      self->unit_node[u] = node;
      children = orgmap_document_get_unit_children (self->document, u, &n);
      orgmap_layout_get_subtree_extent (self->layout, u, &left, &right);

      if (right - left <= width)
        {
          /* The whole subtree is this node. */
          guint isp = 0;

          for (guint i = 0; i < n; i++)
            inner[isp++] = children[i];
          while (isp > 0)
            {
              guint32 v = inner[--isp];
              const guint32 *grand;
              guint ng;

              self->unit_node[v] = node;
              grand = orgmap_document_get_unit_children (self->document, v, &ng);
              for (guint i = 0; i < ng; i++)
                inner[isp++] = grand[i];
            }
        }
      else
        {
          for (guint i = n; i > 0; i--)
            stack[sp++] = children[i - 1];
        }
    }

  for (guint32 e = 0; e < n_externals; e++)
    self->node_party[self->n_nodes++] = ORGMAP_EXTERNAL_HANDLE (e);
}

static guint32
party_node (OrgmapRenderer *self,
            guint32         party)
{
  if (ORGMAP_IS_EXTERNAL (party))
    return self->n_nodes - orgmap_document_get_n_externals (self->document) + ORGMAP_EXTERNAL_INDEX (party);
  return self->unit_node[party];
}

#define NODE_PX 160.0

static void
ensure_bundles (OrgmapRenderer *self,
                double          scale)
{
  g_autoptr(GHashTable) index = NULL;
  guint n_links;
  /* Recut at each doubling of the zoom, not at every step. */
  int cut = (int) floor (log2 (NODE_PX / scale));

  if (self->bundles_valid && self->bundles_cut == cut)
    return;

  cut_tree (self, exp2 (cut));
  n_links = orgmap_document_get_n_links (self->document);

  if (self->bundles == NULL)
    self->bundles = g_array_new (FALSE, FALSE, sizeof (Bundle));
  g_array_set_size (self->bundles, 0);
  index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint32 i = 0; i < n_links; i++)
    {
      const OrgmapLink *link = orgmap_document_get_link (self->document, i);
      guint8 type = orgmap_document_get_link_type (self->document, i);
      guint32 from = party_node (self, link->provider);
      guint32 to = party_node (self, link->client);
      gint64 key = (gint64) from * self->n_nodes + to;
      gpointer found;
      Bundle *bundle;
      double score;

      if (g_hash_table_lookup_extended (index, &key, NULL, &found))
        bundle = &g_array_index (self->bundles, Bundle, GPOINTER_TO_UINT (found));
      else
        {
          Bundle fresh = { from, to, type, 0, { 0 }, 0, 0 };

          g_array_append_val (self->bundles, fresh);
          g_hash_table_insert (index, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (self->bundles->len - 1));
          bundle = &g_array_index (self->bundles, Bundle, self->bundles->len - 1);
        }
      bundle->count++;
      if (++bundle->type_counts[type] > bundle->type_counts[bundle->type])
        bundle->type = type;
      if (orgmap_document_get_link_quality (self->document, i, self->round, &score))
        {
          bundle->n_rated++;
          bundle->sum += score;
        }
    }

  g_array_sort (self->bundles, compare_bundles);
  self->bundles_cut = cut;
  self->bundles_valid = TRUE;
}

/* Bundles are wide: round dots would cost far more than they show, so a
 * mostly diagonal bundle is drawn with short dashes. */
static void
stroke_bundle (cairo_t           *cr,
               OrgmapLinkType     type,
               const OrgmapColor *color,
               double             alpha,
               double             width)
{
  double dots[] = { 0.6 * width, 1.2 * width };

  if (type != ORGMAP_LINK_DIAGONAL)
    {
      _orgmap_renderer_stroke_link (cr, type, color, alpha, width);
      return;
    }
  cairo_set_line_width (cr, width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_dash (cr, dots, 2, 0);
  _orgmap_renderer_set_color (cr, color, alpha);
  cairo_stroke (cr);
}

/* At most this many bundles, the strongest: more is a hairball. */
#define MAX_BUNDLES 50

void
_orgmap_renderer_draw_bundles (OrgmapRenderer   *self,
              cairo_t          *cr,
              double            scale,
              const OrgmapRect *visible)
{
  guint first;

  ensure_bundles (self, scale);
  first = self->bundles->len > MAX_BUNDLES ? self->bundles->len - MAX_BUNDLES : 0;

  for (guint i = first; i < self->bundles->len; i++)
    {
      const Bundle *b = &g_array_index (self->bundles, Bundle, i);
      /* Width grows with the number of links, slowly. */
      double width = MIN (1.0 + log2 (b->count), 7.0) / scale;
      double alpha = _orgmap_renderer_has_selection (self) ? 0.12 : 1.0;
      double x0, y0, x1, y1;
      OrgmapColor color;
      OrgmapRect box;

      node_centre (self, b->from, &x0, &y0);
      node_centre (self, b->to, &x1, &y1);
      box.x = MIN (x0, x1) - 200 / scale;
      box.y = MIN (y0, y1) - 200 / scale;
      box.width = fabs (x1 - x0) + 400 / scale;
      box.height = fabs (y1 - y0) + 400 / scale;
      if (!_orgmap_renderer_rects_meet (&box, visible))
        continue;

      if (b->n_rated > 0)
        orgmap_renderer_quality_color (self, b->sum / b->n_rated, &color);
      else
        color = unrated;

      if (b->from == b->to)
        {
          /* Links within one subtree: a loop above it. */
          double radius = 8 / scale + width;

          cairo_new_sub_path (cr);
          cairo_arc (cr, x0, y0 - radius, radius, 0, 2 * G_PI);
          stroke_bundle (cr, b->type, &color, alpha, width);
        }
      else
        {
          double dx = x1 - x0, dy = y1 - y0;
          double len = MAX (hypot (dx, dy), 1e-6);
          double bend = 0.2 * len;
          double p[8] = {
            x0, y0,
            x0 + dx / 4 - dy / len * bend, y0 + dy / 4 + dx / len * bend,
            x0 + 3 * dx / 4 - dy / len * bend, y0 + 3 * dy / 4 + dx / len * bend,
            x1, y1,
          };

          cairo_move_to (cr, p[0], p[1]);
          cairo_curve_to (cr, p[2], p[3], p[4], p[5], p[6], p[7]);
          stroke_bundle (cr, b->type, &color, alpha, width);
          _orgmap_renderer_draw_arrowhead (cr, p, &color, alpha, width / LINK_WIDTH);
        }
    }
  cairo_set_dash (cr, NULL, 0, 0);
}

/* The names of the nodes, in screen-sized type, when the boxes are too
 * small for their own labels; only nodes wide enough to hold one. */
void
_orgmap_renderer_draw_node_names (OrgmapRenderer   *self,
                 cairo_t          *cr,
                 double            scale,
                 const OrgmapRect *visible)
{
  PangoFontDescription *font = pango_font_description_copy (pango_layout_get_font_description (self->legend_layout));
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (OrgmapRect));

  ensure_bundles (self, scale);
  pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (self->legend_layout, font);
  pango_font_description_free (font);

  for (guint32 node = 0; node < self->n_nodes; node++)
    {
      guint32 party = self->node_party[node];
      const OrgmapRect *r = orgmap_layout_get_party (self->layout, party);
      double x, y, left = r->x, right = r->x + r->width;
      PangoRectangle logical;

      if (!ORGMAP_IS_EXTERNAL (party))
        orgmap_layout_get_subtree_extent (self->layout, party, &left, &right);
      if ((right - left) * scale < 60 || !_orgmap_renderer_rects_meet (r, visible))
        continue;

      node_centre (self, node, &x, &y);
      cairo_user_to_device (cr, &x, &y);
      cairo_save (cr);
      cairo_identity_matrix (cr);
      pango_layout_set_text (self->legend_layout, orgmap_document_get_party_name (self->document, party), -1);
      pango_layout_set_width (self->legend_layout, (int) (MIN ((right - left) * scale, 220) * PANGO_SCALE));
      pango_layout_set_ellipsize (self->legend_layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_alignment (self->legend_layout, PANGO_ALIGN_CENTER);
      pango_cairo_update_layout (cr, self->legend_layout);
      pango_layout_get_pixel_extents (self->legend_layout, NULL, &logical);

      /* Names never overlap: the first one placed wins. */
      {
        OrgmapRect label = { x - logical.width / 2.0 - 4, y - logical.height / 2.0,
                             logical.width + 8, logical.height };
        gboolean clash = FALSE;

        for (guint i = 0; i < placed->len && !clash; i++)
          clash = _orgmap_renderer_rects_meet (&label, &g_array_index (placed, OrgmapRect, i));
        if (clash)
          {
            cairo_restore (cr);
            continue;
          }
        g_array_append_val (placed, label);
      }

      {
        /* On a light plate, so the name reads over lines and boxes. */
        OrgmapRect plate = { x - logical.width / 2.0 - 4, y - logical.height / 2.0 - 1,
                             logical.width + 8, logical.height + 2 };

        _orgmap_renderer_rounded_rect (cr, &plate, 4);
        cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
        cairo_fill (cr);
      }
      cairo_move_to (cr, x - pango_layout_get_width (self->legend_layout) / PANGO_SCALE / 2.0,
                     y - logical.height / 2.0);
      _orgmap_renderer_set_color (cr, &ink, 1.0);
      pango_cairo_show_layout (cr, self->legend_layout);
      cairo_restore (cr);
    }
  pango_layout_set_width (self->legend_layout, -1);
  pango_layout_set_ellipsize (self->legend_layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_alignment (self->legend_layout, PANGO_ALIGN_LEFT);
}


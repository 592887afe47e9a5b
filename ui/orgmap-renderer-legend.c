/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-ui"

#include "config.h"

#include "orgmap-renderer.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "orgmap-renderer-private.h"

/* Legend, in device units */

#define LEGEND_PAD    12.0
#define LEGEND_ROW    20.0
#define LEGEND_SWATCH 44.0
#define LEGEND_BAR   150.0

static double
legend_text (OrgmapRenderer *self,
             cairo_t        *cr,
             const char     *text,
             double          x,
             double          y,
             gboolean        bold,
             gboolean        draw)
{
  PangoFontDescription *font = pango_font_description_copy (pango_layout_get_font_description (self->legend_layout));
  PangoRectangle logical;

  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (self->legend_layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (self->legend_layout, text, -1);
  pango_layout_get_pixel_extents (self->legend_layout, NULL, &logical);
  if (draw)
    {
      cairo_move_to (cr, x, y + (LEGEND_ROW - logical.height) / 2);
      pango_cairo_show_layout (cr, self->legend_layout);
    }
  return logical.width;
}

static const struct {
  OrgmapLinkType type;
  const char    *label;
} legend_types[] = {
  { ORGMAP_LINK_VERTICAL, N_("Vertical: same line or area") },
  { ORGMAP_LINK_HORIZONTAL, N_("Horizontal: same level") },
  { ORGMAP_LINK_DIAGONAL, N_("Diagonal: other area and level") },
  { ORGMAP_LINK_EXTERNAL, N_("To an external client") },
};

/* Lays out the legend; draws it when @draw. */
static void
legend (OrgmapRenderer *self,
        cairo_t        *cr,
        double          x,
        double          y,
        gboolean        draw,
        double         *width,
        double         *height)
{
  double lo = orgmap_document_get_scale_min (self->document);
  double hi = orgmap_document_get_scale_max (self->document);
  double cx = x + LEGEND_PAD, cy = y + LEGEND_PAD;
  double w = LEGEND_BAR, w2, tw, quality_bottom;
  char lo_text[G_ASCII_DTOSTR_BUF_SIZE], hi_text[G_ASCII_DTOSTR_BUF_SIZE];

  if (draw)
    {
      OrgmapRect box = { x, y, *width, *height };

      _orgmap_renderer_rounded_rect (cr, &box, 8);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.94);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 1);
      cairo_set_source_rgb (cr, 0.80, 0.81, 0.83);
      cairo_stroke (cr);
      pango_cairo_update_layout (cr, self->legend_layout);
      _orgmap_renderer_set_color (cr, &ink, 1.0);
    }

  /* Colour = quality */
  tw = legend_text (self, cr, _("Service quality"), cx, cy, TRUE, draw);
  w = MAX (w, tw);
  cy += LEGEND_ROW;
  if (draw)
    {
      cairo_pattern_t *gradient = cairo_pattern_create_linear (cx, 0, cx + LEGEND_BAR, 0);

      for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
        cairo_pattern_add_color_stop_rgb (gradient, i / 2.0, palette[i].r, palette[i].g, palette[i].b);
      cairo_rectangle (cr, cx, cy + 4, LEGEND_BAR, 10);
      cairo_set_source (cr, gradient);
      cairo_fill (cr);
      cairo_pattern_destroy (gradient);
      _orgmap_renderer_set_color (cr, &ink, 1.0);
    }
  cy += LEGEND_ROW - 2;
  g_snprintf (lo_text, sizeof lo_text, "%g", lo);
  g_snprintf (hi_text, sizeof hi_text, "%g", hi);
  {
    /* Translators: the low end of the quality scale, “1 poor” */
    g_autofree char *low = g_strdup_printf (_("%s poor"), lo_text);
    /* Translators: the high end of the quality scale, “5 good” */
    g_autofree char *high = g_strdup_printf (_("%s good"), hi_text);
    double hw = legend_text (self, cr, high, 0, 0, FALSE, FALSE);

    legend_text (self, cr, low, cx, cy, FALSE, draw);
    legend_text (self, cr, high, cx + LEGEND_BAR - hw, cy, FALSE, draw);
  }
  cy += LEGEND_ROW;
  if (draw)
    {
      cairo_move_to (cr, cx, cy + LEGEND_ROW / 2);
      cairo_line_to (cr, cx + LEGEND_SWATCH, cy + LEGEND_ROW / 2);
      _orgmap_renderer_set_link_style (cr, ORGMAP_LINK_VERTICAL, LINK_WIDTH, 0);
      _orgmap_renderer_set_color (cr, &unrated, 1.0);
      cairo_stroke (cr);
      _orgmap_renderer_set_color (cr, &ink, 1.0);
    }
  tw = legend_text (self, cr, _("Not rated"), cx + LEGEND_SWATCH + 8, cy, FALSE, draw);
  w = MAX (w, LEGEND_SWATCH + 8 + tw);
  cy += LEGEND_ROW;
  quality_bottom = cy;

  /* Line style = type, in a second column */
  cx += w + 2 * LEGEND_PAD;
  cy = y + LEGEND_PAD;
  w2 = legend_text (self, cr, _("Relation"), cx, cy, TRUE, draw);
  cy += LEGEND_ROW;
  for (guint i = 0; i < G_N_ELEMENTS (legend_types); i++)
    {
      if (draw)
        {
          cairo_move_to (cr, cx, cy + LEGEND_ROW / 2);
          cairo_line_to (cr, cx + LEGEND_SWATCH, cy + LEGEND_ROW / 2);
          _orgmap_renderer_stroke_link (cr, legend_types[i].type, &ink, 1.0, LINK_WIDTH * 0.8);
          cairo_set_dash (cr, NULL, 0, 0);
          _orgmap_renderer_set_color (cr, &ink, 1.0);
        }
      tw = legend_text (self, cr, _(legend_types[i].label), cx + LEGEND_SWATCH + 8, cy, FALSE, draw);
      w2 = MAX (w2, LEGEND_SWATCH + 8 + tw);
      cy += LEGEND_ROW;
    }

  *width = w + w2 + 4 * LEGEND_PAD;
  *height = MAX (cy, quality_bottom) - y + LEGEND_PAD;
}

void
orgmap_renderer_measure_legend (OrgmapRenderer *self,
                                double         *width,
                                double         *height)
{
  legend (self, NULL, 0, 0, FALSE, width, height);
}

void
orgmap_renderer_draw_legend (OrgmapRenderer *self,
                             cairo_t        *cr,
                             double          x,
                             double          y,
                             double         *width,
                             double         *height)
{
  double w, h;

  orgmap_renderer_measure_legend (self, &w, &h);
  cairo_save (cr);
  legend (self, cr, x, y, TRUE, &w, &h);
  cairo_restore (cr);
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}

void
orgmap_renderer_draw_page (OrgmapRenderer *self,
                           cairo_t        *cr,
                           double          width,
                           double          height)
{
  OrgmapRect bounds, visible;
  double scale, lw, lh;

  orgmap_layout_get_bounds (self->layout, &bounds);
  orgmap_renderer_measure_legend (self, &lw, &lh);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  /* Fit the map beside the legend's column. */
  scale = MIN ((width - lw - 24) / bounds.width, height / bounds.height);
  scale = MAX (scale, 1e-6);
  cairo_translate (cr, lw + 24 + ((width - lw - 24) - bounds.width * scale) / 2,
                   (height - bounds.height * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -bounds.x, -bounds.y);
  visible = bounds;
  orgmap_renderer_draw (self, cr, scale, &visible);
  cairo_restore (cr);

  orgmap_renderer_draw_legend (self, cr, 12, height - lh - 12, NULL, NULL);
}

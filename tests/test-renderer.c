/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "orgmap-layout.h"
#include "orgmap-renderer.h"

/* Pixel tests: what a person sees on the map. */

typedef struct
{
  OrgmapDocument  *doc;
  OrgmapLayout    *layout;
  OrgmapRenderer  *renderer;
  cairo_surface_t *surface;
  double           scale;
  OrgmapRect       bounds;
  guint32          q1;
} Fixture;

/* Root over four units in one row: A → B rated at the bottom of the
 * scale, C → D at the top, A → C unrated, B → D a horizontal link. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  guint32 root, a, b, c, d;

  f->doc = orgmap_document_new ();
  root = orgmap_document_add_unit (f->doc, "root", "Root", ORGMAP_NONE);
  a = orgmap_document_add_unit (f->doc, "a", "Alpha", root);
  b = orgmap_document_add_unit (f->doc, "b", "Beta", root);
  c = orgmap_document_add_unit (f->doc, "c", "Gamma", root);
  d = orgmap_document_add_unit (f->doc, "d", "Delta", root);
  /* Children for a and c keep them from being stacked as leaves. */
  orgmap_document_add_unit (f->doc, NULL, "A1", a);
  orgmap_document_add_unit (f->doc, NULL, "B1", b);
  orgmap_document_add_unit (f->doc, NULL, "C1", c);
  orgmap_document_add_unit (f->doc, NULL, "D1", d);
  f->q1 = orgmap_document_add_round (f->doc, "q1", "Q1", NULL);

  orgmap_document_add_link (f->doc, "low", a, b, NULL);
  orgmap_document_add_link (f->doc, "high", c, d, NULL);
  orgmap_document_add_link (f->doc, "unrated", a, c, NULL);
  orgmap_document_add_link (f->doc, "dashed", b, d, NULL);
  orgmap_document_set_rating (f->doc, 0, f->q1, 1, -1, NULL, NULL);
  orgmap_document_set_rating (f->doc, 1, f->q1, 5, -1, NULL, NULL);
  orgmap_document_set_rating (f->doc, 3, f->q1, 3, -1, NULL, NULL);
  /* Override the types so each link shows the style under test. */
  orgmap_document_set_link_type_override (f->doc, 0, ORGMAP_LINK_VERTICAL);
  orgmap_document_set_link_type_override (f->doc, 1, ORGMAP_LINK_VERTICAL);
  orgmap_document_set_link_type_override (f->doc, 2, ORGMAP_LINK_VERTICAL);
  orgmap_document_set_link_type_override (f->doc, 3, ORGMAP_LINK_HORIZONTAL);

  f->layout = orgmap_layout_new (f->doc);
  f->renderer = orgmap_renderer_new (f->doc, f->layout);
  orgmap_layout_get_bounds (f->layout, &f->bounds);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->surface, cairo_surface_destroy);
  orgmap_renderer_free (f->renderer);
  orgmap_layout_free (f->layout);
  g_assert_finalize_object (f->doc);
}

static void
render (Fixture *f,
        double   scale)
{
  cairo_t *cr;

  g_clear_pointer (&f->surface, cairo_surface_destroy);
  f->scale = scale;
  f->surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                           (int) ceil (f->bounds.width * scale),
                                           (int) ceil (f->bounds.height * scale));
  cr = cairo_create (f->surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -f->bounds.x, -f->bounds.y);
  orgmap_renderer_draw (f->renderer, cr, scale, &f->bounds);
  cairo_destroy (cr);
  cairo_surface_flush (f->surface);
}

static void
pixel_at (Fixture     *f,
          double       wx,
          double       wy,
          OrgmapColor *color)
{
  int x = (int) floor ((wx - f->bounds.x) * f->scale);
  int y = (int) floor ((wy - f->bounds.y) * f->scale);
  int stride = cairo_image_surface_get_stride (f->surface);
  guint32 pixel;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (f->surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (f->surface));
  pixel = *(guint32 *) (cairo_image_surface_get_data (f->surface) + y * stride + x * 4);
  color->r = ((pixel >> 16) & 0xff) / 255.0;
  color->g = ((pixel >> 8) & 0xff) / 255.0;
  color->b = (pixel & 0xff) / 255.0;
}

static gboolean
color_near (const OrgmapColor *a,
            const OrgmapColor *b)
{
  return fabs (a->r - b->r) < 0.04 && fabs (a->g - b->g) < 0.04 && fabs (a->b - b->b) < 0.04;
}

static void
curve_point (const double p[8],
             double       t,
             double      *x,
             double      *y)
{
  double s = 1 - t;

  *x = s * s * s * p[0] + 3 * s * s * t * p[2] + 3 * s * t * t * p[4] + t * t * t * p[6];
  *y = s * s * s * p[1] + 3 * s * s * t * p[3] + 3 * s * t * t * p[5] + t * t * t * p[7];
}

/* The share of points along the middle of a link's curve drawn in @color. */
static double
share_along (Fixture           *f,
             guint32            link,
             const OrgmapColor *color)
{
  double p[8];
  guint hits = 0, n = 0;

  orgmap_renderer_link_curve (f->renderer, link, p);
  for (double t = 0.3; t <= 0.7; t += 0.005, n++)
    {
      OrgmapColor seen;
      double x, y;

      curve_point (p, t, &x, &y);
      pixel_at (f, x, y, &seen);
      hits += color_near (&seen, color);
    }
  return (double) hits / n;
}

static void
test_palette_ends (Fixture       *f,
                   gconstpointer  data)
{
  OrgmapColor low, high, mid;

  orgmap_renderer_quality_color (f->renderer, 1, &low);
  orgmap_renderer_quality_color (f->renderer, 5, &high);
  orgmap_renderer_quality_color (f->renderer, 3, &mid);

  /* The ends of a diverging scale differ, and neither is grey. */
  g_assert_false (color_near (&low, &high));
  g_assert_false (color_near (&low, &mid));
  g_assert_cmpfloat (fabs (low.r - low.b), >, 0.3);
  g_assert_cmpfloat (fabs (high.r - high.b), >, 0.3);

  render (f, 1.0);
  g_assert_cmpfloat (share_along (f, 0, &low), >, 0.9);
  g_assert_cmpfloat (share_along (f, 1, &high), >, 0.9);
  g_assert_cmpfloat (share_along (f, 0, &high), <, 0.05);
}

static void
test_unrated_grey (Fixture       *f,
                   gconstpointer  data)
{
  OrgmapColor grey;

  orgmap_renderer_unrated_color (&grey);
  g_assert_cmpfloat (fabs (grey.r - grey.g), <, 0.01);
  g_assert_cmpfloat (fabs (grey.g - grey.b), <, 0.01);

  render (f, 1.0);
  g_assert_cmpfloat (share_along (f, 2, &grey), >, 0.8);
}

static void
test_round_choice (Fixture       *f,
                   gconstpointer  data)
{
  guint32 q2 = orgmap_document_add_round (f->doc, "q2", "Q2", NULL);
  OrgmapColor high, low;

  /* The low link improves in the second round. */
  orgmap_document_set_rating (f->doc, 0, q2, 5, -1, NULL, NULL);
  orgmap_renderer_quality_color (f->renderer, 5, &high);
  orgmap_renderer_quality_color (f->renderer, 1, &low);

  render (f, 1.0);
  g_assert_cmpfloat (share_along (f, 0, &high), >, 0.9);

  orgmap_renderer_set_round (f->renderer, f->q1);
  render (f, 1.0);
  g_assert_cmpfloat (share_along (f, 0, &low), >, 0.9);
}

static void
test_dashed_gaps (Fixture       *f,
                  gconstpointer  data)
{
  OrgmapColor mid;
  double share;

  orgmap_renderer_quality_color (f->renderer, 3, &mid);
  render (f, 1.0);

  /* Dashes and gaps both: the link shows, but not everywhere along it. */
  share = share_along (f, 3, &mid);
  g_assert_cmpfloat (share, >, 0.3);
  g_assert_cmpfloat (share, <, 0.85);
}

/* Dark pixels inside a unit's box: its label. */
static guint
label_pixels (Fixture *f,
              guint32  unit)
{
  const OrgmapRect *r = orgmap_layout_get_unit (f->layout, unit);
  guint dark = 0;

  for (double y = r->y + 4; y < r->y + r->height - 4; y += 1 / f->scale)
    for (double x = r->x + 4; x < r->x + r->width - 4; x += 1 / f->scale)
      {
        OrgmapColor seen;

        pixel_at (f, x, y, &seen);
        dark += seen.r + seen.g + seen.b < 1.2;
      }
  return dark;
}

static void
test_label_level_of_detail (Fixture       *f,
                            gconstpointer  data)
{
  render (f, 1.0);
  g_assert_cmpuint (label_pixels (f, 0), >, 40);

  /* Too small to read: the label drops out, the box stays. */
  render (f, 0.25);
  g_assert_cmpuint (label_pixels (f, 0), ==, 0);
}

/* Pixels of @color on a line across @link's curve at its middle. */
static guint
width_across (Fixture           *f,
              guint32            link,
              const OrgmapColor *color)
{
  double p[8], x, y, x0, y0, x1, y1, nx, ny, len;
  guint hits = 0;

  orgmap_renderer_link_curve (f->renderer, link, p);
  curve_point (p, 0.5, &x, &y);
  curve_point (p, 0.49, &x0, &y0);
  curve_point (p, 0.51, &x1, &y1);
  len = hypot (x1 - x0, y1 - y0);
  nx = -(y1 - y0) / len;
  ny = (x1 - x0) / len;
  for (double s = -20; s <= 20; s += 1 / f->scale)
    {
      OrgmapColor seen;

      pixel_at (f, x + nx * s, y + ny * s, &seen);
      hits += color_near (&seen, color);
    }
  return hits;
}

static void
test_selected_link (Fixture       *f,
                    gconstpointer  data)
{
  OrgmapColor low, high;
  guint plain, selected;

  orgmap_renderer_quality_color (f->renderer, 1, &low);
  orgmap_renderer_quality_color (f->renderer, 5, &high);
  render (f, 2.0);
  plain = width_across (f, 0, &low);
  g_assert_cmpuint (plain, >=, 4);
  g_assert_cmpfloat (share_along (f, 1, &high), >, 0.9);
  g_assert_cmpuint (label_pixels (f, 3), >, 40);

  /* The selected link is drawn about twice as wide; the other links and
   * the units it does not join fade. */
  orgmap_renderer_set_selected_link (f->renderer, 0);
  render (f, 2.0);
  selected = width_across (f, 0, &low);
  g_assert_cmpuint (selected, >=, plain * 3 / 2);
  g_assert_cmpuint (selected, <=, plain * 3);
  g_assert_cmpfloat (share_along (f, 0, &low), >, 0.9);
  g_assert_cmpfloat (share_along (f, 1, &high), <, 0.05);
  g_assert_cmpuint (label_pixels (f, 1), >, 40);
  g_assert_cmpuint (label_pixels (f, 2), >, 40);
  g_assert_cmpuint (label_pixels (f, 3), ==, 0);

  orgmap_renderer_set_selected_link (f->renderer, ORGMAP_NONE);
  render (f, 2.0);
  g_assert_cmpuint (width_across (f, 0, &low), ==, plain);
}

/* A selected unit: its links stay, the others and unlinked units fade. */
static void
test_selected_unit (Fixture       *f,
                    gconstpointer  data)
{
  OrgmapColor low, high;

  orgmap_renderer_quality_color (f->renderer, 1, &low);
  orgmap_renderer_quality_color (f->renderer, 5, &high);
  /* Alpha (1) serves Beta (2) and Gamma (3). */
  orgmap_renderer_set_selection (f->renderer, 1);
  render (f, 2.0);
  g_assert_cmpfloat (share_along (f, 0, &low), >, 0.9);
  g_assert_cmpfloat (share_along (f, 1, &high), <, 0.05);
  g_assert_cmpuint (label_pixels (f, 2), >, 40);
  g_assert_cmpuint (label_pixels (f, 3), >, 40);
  g_assert_cmpuint (label_pixels (f, 4), ==, 0);
}

static void
test_legend (Fixture       *f,
             gconstpointer  data)
{
  cairo_surface_t *surface;
  double width, height;
  OrgmapColor low, seen;
  guint32 *pixels;
  gboolean found = FALSE;
  cairo_t *cr;

  orgmap_renderer_measure_legend (f->renderer, &width, &height);
  g_assert_cmpfloat (width, >, 100);
  g_assert_cmpfloat (height, >, 60);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width, (int) height);
  cr = cairo_create (surface);
  orgmap_renderer_draw_legend (f->renderer, cr, 0, 0, NULL, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* The scale's poor end shows in the legend. */
  orgmap_renderer_quality_color (f->renderer, 1, &low);
  pixels = (guint32 *) cairo_image_surface_get_data (surface);
  for (int i = 0; i < (int) width * (int) height && !found; i++)
    {
      seen.r = ((pixels[i] >> 16) & 0xff) / 255.0;
      seen.g = ((pixels[i] >> 8) & 0xff) / 255.0;
      seen.b = (pixels[i] & 0xff) / 255.0;
      found = color_near (&seen, &low);
    }
  g_assert_true (found);
  cairo_surface_destroy (surface);
}

/* Zoomed out on a map with many links, they are drawn as bundles between
 * subtrees, coloured by their mean quality, with the subtrees named. */
static void
test_bundles (void)
{
  g_autoptr(OrgmapDocument) doc = orgmap_document_new ();
  g_autoptr(OrgmapLayout) layout = NULL;
  g_autoptr(OrgmapRenderer) renderer = NULL;
  guint32 root, branch[3], round;
  cairo_surface_t *surface;
  OrgmapColor low, seen;
  OrgmapRect bounds;
  guint found = 0, dark = 0;
  double scale = 0.2;
  guint32 *pixels;
  int width, height;
  cairo_t *cr;

  root = orgmap_document_add_unit (doc, NULL, "Dirección", ORGMAP_NONE);
  round = orgmap_document_add_round (doc, NULL, "R", NULL);
  for (guint b = 0; b < 3; b++)
    {
      branch[b] = orgmap_document_add_unit (doc, NULL, "Rama", root);
      for (guint i = 0; i < 30; i++)
        orgmap_document_add_unit (doc, NULL, "Hoja", branch[b]);
    }
  /* 500 links from the first branch's leaves to the second's, all poor. */
  for (guint i = 0; i < 500; i++)
    {
      guint32 link = orgmap_document_add_link (doc, NULL, branch[0] + 1 + i % 30,
                                               branch[1] + 1 + (i * 7) % 30, NULL);

      orgmap_document_set_rating (doc, link, round, 1, -1, NULL, NULL);
    }

  layout = orgmap_layout_new (doc);
  renderer = orgmap_renderer_new (doc, layout);
  orgmap_layout_get_bounds (layout, &bounds);
  width = (int) ceil (bounds.width * scale);
  height = (int) ceil (bounds.height * scale);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -bounds.x, -bounds.y);
  orgmap_renderer_draw (renderer, cr, scale, &bounds);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  orgmap_renderer_quality_color (renderer, 1, &low);
  pixels = (guint32 *) cairo_image_surface_get_data (surface);
  for (int i = 0; i < width * height; i++)
    {
      seen.r = ((pixels[i] >> 16) & 0xff) / 255.0;
      seen.g = ((pixels[i] >> 8) & 0xff) / 255.0;
      seen.b = (pixels[i] & 0xff) / 255.0;
      found += color_near (&seen, &low);
      dark += seen.r + seen.g + seen.b < 0.6;
    }
  cairo_surface_destroy (surface);

  /* A wide poor-quality bundle, and names in screen-sized type. */
  g_assert_cmpuint (found, >, 200);
  g_assert_cmpuint (dark, >, 50);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/orgmap/ui/renderer/palette-ends", test_palette_ends);
  ADD ("/orgmap/ui/renderer/unrated-grey", test_unrated_grey);
  ADD ("/orgmap/ui/renderer/round-choice", test_round_choice);
  ADD ("/orgmap/ui/renderer/dashed-gaps", test_dashed_gaps);
  ADD ("/orgmap/ui/renderer/label-level-of-detail", test_label_level_of_detail);
  ADD ("/orgmap/ui/renderer/legend", test_legend);
  ADD ("/orgmap/ui/renderer/selected-link", test_selected_link);
  ADD ("/orgmap/ui/renderer/selected-unit", test_selected_unit);
#undef ADD
  g_test_add_func ("/orgmap/ui/renderer/bundles", test_bundles);

  return g_test_run ();
}

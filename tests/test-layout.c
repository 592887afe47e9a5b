/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "orgmap-layout.h"
#include "orgmap-xml-import.h"

static gboolean
overlap (const OrgmapRect *a,
         const OrgmapRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

static gboolean
inside (const OrgmapRect *inner,
        const OrgmapRect *outer)
{
  return inner->x >= outer->x && inner->y >= outer->y &&
         inner->x + inner->width <= outer->x + outer->width &&
         inner->y + inner->height <= outer->y + outer->height;
}

/* Overlaps are found by sorting boxes on x and sweeping: the charts here
 * have thousands of units. */
static int
compare_x (gconstpointer a,
           gconstpointer b,
           gpointer      data)
{
  const OrgmapRect *rects = data;
  double xa = rects[*(const guint *) a].x;
  double xb = rects[*(const guint *) b].x;

  return (xa > xb) - (xa < xb);
}

static void
assert_layout_invariants (OrgmapDocument *doc)
{
  g_autoptr(OrgmapLayout) layout = orgmap_layout_new (doc);
  guint n = orgmap_document_get_n_units (doc);
  guint ne = orgmap_document_get_n_externals (doc);
  g_autofree OrgmapRect *all = g_new (OrgmapRect, n + ne + 1);
  g_autofree guint *order = g_new (guint, n + ne + 1);
  OrgmapRect boundary;

  orgmap_layout_get_boundary (layout, &boundary);

  for (guint32 u = 0; u < n; u++)
    {
      const OrgmapRect *r = orgmap_layout_get_unit (layout, u);
      guint32 parent = orgmap_document_get_unit (doc, u)->parent;
      const guint32 *children;
      guint nc;

      all[u] = *r;
      order[u] = u;
      g_assert_true (inside (r, &boundary));

      /* Children below their parent. */
      if (parent != ORGMAP_NONE)
        g_assert_cmpfloat (r->y, >=, orgmap_layout_get_unit (layout, parent)->y + r->height);

      /* A parent is centred over its children (over the middle of a
       * stacked column when they are stacked). */
      children = orgmap_document_get_unit_children (doc, u, &nc);
      if (nc > 0 && orgmap_layout_is_listed (layout, children[0]))
        {
          /* The head of an indented list: its children stand below it,
           * one level further in. */
          const OrgmapRect *first = orgmap_layout_get_unit (layout, children[0]);

          g_assert_cmpfloat (first->x, ==, r->x + ORGMAP_LAYOUT_STACK_INDENT);
        }
      else if (nc > 0)
        {
          const OrgmapRect *first = orgmap_layout_get_unit (layout, children[0]);
          const OrgmapRect *last = orgmap_layout_get_unit (layout, children[nc - 1]);
          double lo = first->x, hi = last->x + last->width;

          if (orgmap_layout_is_stacked (layout, children[0]))
            lo -= ORGMAP_LAYOUT_STACK_INDENT;
          if (!orgmap_layout_is_stacked (layout, children[0]) &&
              !orgmap_layout_is_stacked (layout, children[nc - 1]))
            g_assert_cmpfloat (fabs ((r->x + r->width / 2) - (lo + hi) / 2), <, 0.01);
          else
            {
              /* Over its stacked children: within the span of their boxes. */
              double right = hi;

              for (guint i = 0; i < nc; i++)
                {
                  double left_i, right_i;

                  orgmap_layout_get_subtree_extent (layout, children[i], &left_i, &right_i);
                  right = MAX (right, right_i);
                }
              g_assert_cmpfloat (r->x + r->width / 2, >=, lo - 0.01);
              g_assert_cmpfloat (r->x + r->width / 2, <=, right + 0.01);
            }
        }
    }

  for (guint32 e = 0; e < ne; e++)
    {
      const OrgmapRect *r = orgmap_layout_get_external (layout, e);

      g_assert_false (overlap (r, &boundary));
      all[n + e] = *r;
      order[n + e] = n + e;
    }

  g_qsort_with_data (order, n + ne, sizeof (guint), compare_x, all);
  for (guint i = 0; i < n + ne; i++)
    for (guint j = i + 1; j < n + ne && all[order[j]].x < all[order[i]].x + all[order[i]].width; j++)
      g_assert_false (overlap (&all[order[i]], &all[order[j]]));
}

static OrgmapDocument *
random_organisation (guint32 seed,
                     guint   n_units)
{
  OrgmapDocument *doc = orgmap_document_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  orgmap_document_add_unit (doc, NULL, "Root", ORGMAP_NONE);
  for (guint i = 1; i < n_units; i++)
    {
      /* Mostly recent parents (deep trees), sometimes a new root. */
      guint32 parent = g_rand_int_range (rand, 0, 50) == 0 && i > 10
                       ? ORGMAP_NONE
                       : (guint32) g_rand_int_range (rand, MAX ((gint) i - 40, 0), i);

      orgmap_document_add_unit (doc, NULL, "Unit", parent);
    }
  for (guint i = 0; i < 5; i++)
    {
      guint32 x = orgmap_document_add_external (doc, NULL, "Client");

      orgmap_document_add_link (doc, NULL, g_rand_int_range (rand, 0, n_units),
                                ORGMAP_EXTERNAL_HANDLE (x), NULL);
      orgmap_document_add_link (doc, NULL, g_rand_int_range (rand, 0, n_units),
                                ORGMAP_EXTERNAL_HANDLE (x), NULL);
    }
  return doc;
}

static void
test_random (void)
{
  for (guint32 seed = 1; seed <= 20; seed++)
    {
      g_autoptr(OrgmapDocument) doc = random_organisation (seed, 50 + seed * 100);

      assert_layout_invariants (doc);
    }
}

static void
test_large_shape (void)
{
  g_autoptr(OrgmapDocument) doc = random_organisation (11, 5000);
  g_autoptr(OrgmapLayout) layout = orgmap_layout_new (doc);
  OrgmapRect bounds;
  guint listed = 0;

  assert_layout_invariants (doc);

  /* A large chart keeps about the shape of a screen instead of growing
   * into a strip hundreds of screens wide. */
  orgmap_layout_get_bounds (layout, &bounds);
  g_assert_cmpfloat (bounds.width / bounds.height, <, 6);
  for (guint32 u = 0; u < orgmap_document_get_n_units (doc); u++)
    listed += orgmap_layout_is_listed (layout, u);
  g_assert_cmpuint (listed, >, 1000);
}

static void
test_stacked_leaves (void)
{
  g_autoptr(OrgmapDocument) doc = orgmap_document_new ();
  g_autoptr(OrgmapLayout) layout = NULL;
  guint32 root = orgmap_document_add_unit (doc, NULL, "Root", ORGMAP_NONE);
  guint32 mid = orgmap_document_add_unit (doc, NULL, "Mid", root);
  OrgmapRect bounds;

  orgmap_document_add_unit (doc, NULL, "Leaf", mid);
  for (guint i = 0; i < 150; i++)
    orgmap_document_add_unit (doc, NULL, "Leaf", root);

  assert_layout_invariants (doc);

  /* 150 leaves in columns of eight: a chart about 19 boxes wide, not 150. */
  layout = orgmap_layout_new (doc);
  orgmap_layout_get_bounds (layout, &bounds);
  g_assert_cmpfloat (bounds.width, <, 21 * (ORGMAP_LAYOUT_BOX_WIDTH + ORGMAP_LAYOUT_STACK_INDENT + ORGMAP_LAYOUT_H_GAP));
  g_assert_true (orgmap_layout_is_stacked (layout, 3));
  g_assert_false (orgmap_layout_is_stacked (layout, mid));
}

static void
test_deterministic (void)
{
  g_autoptr(OrgmapDocument) doc = random_organisation (7, 3000);
  g_autoptr(OrgmapLayout) a = orgmap_layout_new (doc);
  g_autoptr(OrgmapLayout) b = orgmap_layout_new (doc);

  for (guint32 u = 0; u < orgmap_document_get_n_units (doc); u++)
    g_assert_true (memcmp (orgmap_layout_get_unit (a, u), orgmap_layout_get_unit (b, u), sizeof (OrgmapRect)) == 0);
}

static void
test_deep_chain (void)
{
  g_autoptr(OrgmapDocument) doc = orgmap_document_new ();
  guint32 prev = ORGMAP_NONE;

  for (guint i = 0; i < 20000; i++)
    prev = orgmap_document_add_unit (doc, NULL, "U", prev);
  assert_layout_invariants (doc);
}

static void
test_example (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("ORGMAP_SOURCE_DIR"), "resources",
                                            "example.orgmap.xml", NULL);
  g_autoptr(OrgmapDocument) doc = orgmap_xml_import_file (path, NULL, NULL);
  g_autoptr(OrgmapLayout) layout = NULL;
  OrgmapRect bounds;

  g_assert_nonnull (doc);
  assert_layout_invariants (doc);

  /* Wider than tall, as a projector is: fits a 16:9 screen well. */
  layout = orgmap_layout_new (doc);
  orgmap_layout_get_bounds (layout, &bounds);
  g_assert_cmpfloat (bounds.width / bounds.height, >, 1.3);
  g_assert_cmpfloat (bounds.width / bounds.height, <, 3.5);
}

static void
test_placed_by_hand (void)
{
  g_autoptr(OrgmapDocument) doc = random_organisation (3, 300);
  g_autoptr(OrgmapLayout) before = orgmap_layout_new (doc);
  g_autoptr(OrgmapLayout) after = NULL;
  g_autoptr(OrgmapLayout) released = NULL;
  OrgmapRect boundary;

  orgmap_document_set_unit_position (doc, 42, -5000, 7000);
  after = orgmap_layout_new (doc);
  g_assert_cmpfloat (orgmap_layout_get_unit (after, 42)->x, ==, -5000);
  g_assert_cmpfloat (orgmap_layout_get_unit (after, 42)->y, ==, 7000);
  /* The others stay where they were, and the boundary still holds all. */
  g_assert_cmpfloat (orgmap_layout_get_unit (after, 41)->x, ==, orgmap_layout_get_unit (before, 41)->x);
  orgmap_layout_get_boundary (after, &boundary);
  g_assert_cmpfloat (boundary.x, <, -5000);
  g_assert_cmpfloat (boundary.y + boundary.height, >, 7000 + ORGMAP_LAYOUT_BOX_HEIGHT);

  orgmap_document_clear_unit_position (doc, 42);
  released = orgmap_layout_new (doc);
  g_assert_cmpfloat (orgmap_layout_get_unit (released, 42)->x, ==, orgmap_layout_get_unit (before, 42)->x);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/orgmap/model/layout/example", test_example);
  g_test_add_func ("/orgmap/model/layout/random", test_random);
  g_test_add_func ("/orgmap/model/layout/stacked-leaves", test_stacked_leaves);
  g_test_add_func ("/orgmap/model/layout/large-shape", test_large_shape);
  g_test_add_func ("/orgmap/model/layout/deterministic", test_deterministic);
  g_test_add_func ("/orgmap/model/layout/deep-chain", test_deep_chain);
  g_test_add_func ("/orgmap/model/layout/placed-by-hand", test_placed_by_hand);

  return g_test_run ();
}

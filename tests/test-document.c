/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "orgmap-document.h"

/* Dirección General
 * ├── Finanzas (area Administración)
 * │   └── Recursos Humanos
 * ├── Marketing
 * ├── Ventas
 * ├── Sistemas (IT)
 * │   └── Soporte
 * └── Operaciones
 *     └── Producción
 */
typedef struct
{
  OrgmapDocument *doc;
  guint32 dir, fin, rrhh, mkt, ventas, it, soporte, ops, prod;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->doc = orgmap_document_new ();
  f->dir = orgmap_document_add_unit (f->doc, "dir", "Dirección General", ORGMAP_NONE);
  f->fin = orgmap_document_add_unit (f->doc, "fin", "Finanzas", f->dir);
  f->rrhh = orgmap_document_add_unit (f->doc, "rrhh", "Recursos Humanos", f->fin);
  f->mkt = orgmap_document_add_unit (f->doc, "mkt", "Marketing", f->dir);
  f->ventas = orgmap_document_add_unit (f->doc, "ventas", "Ventas", f->dir);
  f->it = orgmap_document_add_unit (f->doc, "it", "Sistemas", f->dir);
  f->soporte = orgmap_document_add_unit (f->doc, "soporte", "Soporte", f->it);
  f->ops = orgmap_document_add_unit (f->doc, "ops", "Operaciones", f->dir);
  f->prod = orgmap_document_add_unit (f->doc, "prod", "Producción", f->ops);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->doc);
}

static void
test_levels_and_areas (Fixture       *f,
                       gconstpointer  data)
{
  g_assert_cmpint (orgmap_document_get_unit_level (f->doc, f->dir), ==, 1);
  g_assert_cmpint (orgmap_document_get_unit_level (f->doc, f->fin), ==, 2);
  g_assert_cmpint (orgmap_document_get_unit_level (f->doc, f->soporte), ==, 3);
  g_assert_cmpstr (orgmap_document_get_unit_area (f->doc, f->dir), ==, "Dirección General");
  g_assert_cmpstr (orgmap_document_get_unit_area (f->doc, f->soporte), ==, "Sistemas");

  /* An explicit level and area win, and the area passes to the units below. */
  orgmap_document_set_unit_level (f->doc, f->it, 3);
  orgmap_document_set_unit_area (f->doc, f->fin, "Administración");
  g_assert_cmpint (orgmap_document_get_unit_level (f->doc, f->it), ==, 3);
  g_assert_cmpint (orgmap_document_get_unit_level (f->doc, f->soporte), ==, 3);
  g_assert_cmpstr (orgmap_document_get_unit_area (f->doc, f->fin), ==, "Administración");
  g_assert_cmpstr (orgmap_document_get_unit_area (f->doc, f->rrhh), ==, "Administración");
}

static void
test_ancestors (Fixture       *f,
                gconstpointer  data)
{
  g_assert_true (orgmap_document_is_ancestor (f->doc, f->dir, f->soporte));
  g_assert_true (orgmap_document_is_ancestor (f->doc, f->it, f->soporte));
  g_assert_false (orgmap_document_is_ancestor (f->doc, f->soporte, f->it));
  g_assert_false (orgmap_document_is_ancestor (f->doc, f->soporte, f->soporte));
  g_assert_false (orgmap_document_is_ancestor (f->doc, f->fin, f->soporte));
}

static void
test_classify_article_examples (Fixture       *f,
                                gconstpointer  data)
{
  guint32 hr_fin = orgmap_document_add_link (f->doc, "l1", f->rrhh, f->fin, "Datos de empleados");
  guint32 mkt_sales = orgmap_document_add_link (f->doc, "l2", f->mkt, f->ventas, NULL);
  guint32 it_prod = orgmap_document_add_link (f->doc, "l3", f->it, f->prod, "Equipos");

  g_assert_cmpint (orgmap_document_get_link_type (f->doc, hr_fin), ==, ORGMAP_LINK_VERTICAL);
  g_assert_cmpint (orgmap_document_get_link_type (f->doc, mkt_sales), ==, ORGMAP_LINK_HORIZONTAL);
  g_assert_cmpint (orgmap_document_get_link_type (f->doc, it_prod), ==, ORGMAP_LINK_DIAGONAL);
}

static void
test_classify_follows_moves (Fixture       *f,
                             gconstpointer  data)
{
  guint32 link = orgmap_document_add_link (f->doc, NULL, f->it, f->prod, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (orgmap_document_get_link_type (f->doc, link), ==, ORGMAP_LINK_DIAGONAL);

  /* Under the provider: same line of command, vertical. */
  g_assert_true (orgmap_document_set_unit_parent (f->doc, f->prod, f->soporte, NULL));
  g_assert_cmpint (orgmap_document_get_unit_level (f->doc, f->prod), ==, 4);
  g_assert_cmpint (orgmap_document_get_link_type (f->doc, link), ==, ORGMAP_LINK_VERTICAL);

  /* Same level: horizontal, whatever the area. */
  g_assert_true (orgmap_document_set_unit_parent (f->doc, f->prod, f->dir, NULL));
  g_assert_cmpint (orgmap_document_get_link_type (f->doc, link), ==, ORGMAP_LINK_HORIZONTAL);

  /* Same area by name, different levels: vertical. */
  g_assert_true (orgmap_document_set_unit_parent (f->doc, f->prod, f->ops, NULL));
  orgmap_document_set_unit_area (f->doc, f->ops, "Sistemas");
  g_assert_cmpint (orgmap_document_get_link_type (f->doc, link), ==, ORGMAP_LINK_VERTICAL);

  /* A unit cannot go under its own descendant. */
  g_assert_false (orgmap_document_set_unit_parent (f->doc, f->it, f->soporte, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (orgmap_document_get_unit (f->doc, f->it)->parent, ==, f->dir);
}

static void
test_override (Fixture       *f,
               gconstpointer  data)
{
  guint32 link = orgmap_document_add_link (f->doc, NULL, f->it, f->prod, NULL);

  orgmap_document_set_link_type_override (f->doc, link, ORGMAP_LINK_VERTICAL);
  g_assert_cmpint (orgmap_document_get_link_type (f->doc, link), ==, ORGMAP_LINK_VERTICAL);
  g_assert_cmpint (orgmap_document_get_link_computed_type (f->doc, link), ==, ORGMAP_LINK_DIAGONAL);
}

static void
test_external (Fixture       *f,
               gconstpointer  data)
{
  guint32 retail = orgmap_document_add_external (f->doc, "retail", "Clientes minoristas");
  guint32 link = orgmap_document_add_link (f->doc, NULL, f->ventas,
                                           ORGMAP_EXTERNAL_HANDLE (retail), "Pedidos");

  g_assert_cmpint (orgmap_document_get_link_type (f->doc, link), ==, ORGMAP_LINK_EXTERNAL);
  g_assert_cmpuint (orgmap_document_find_party (f->doc, "retail"), ==, ORGMAP_EXTERNAL_HANDLE (retail));
  g_assert_cmpuint (orgmap_document_find_unit (f->doc, "retail"), ==, ORGMAP_NONE);
  /* Units and external clients share one set of ids. */
  g_assert_cmpuint (orgmap_document_add_unit (f->doc, "retail", "X", ORGMAP_NONE), ==, ORGMAP_NONE);
  g_assert_cmpuint (orgmap_document_add_external (f->doc, "fin", "X"), ==, ORGMAP_NONE);
}

static void
test_ratings (Fixture       *f,
              gconstpointer  data)
{
  guint32 q1 = orgmap_document_add_round (f->doc, "q1", "Encuesta Q1", "2026-03-31");
  guint32 q2 = orgmap_document_add_round (f->doc, "q2", "Encuesta Q2", "2026-06-30");
  guint32 a = orgmap_document_add_link (f->doc, NULL, f->rrhh, f->fin, NULL);
  guint32 b = orgmap_document_add_link (f->doc, NULL, f->mkt, f->ventas, NULL);
  g_autoptr(GError) error = NULL;
  guint32 r;
  double score, mean;
  guint n;

  r = orgmap_document_set_rating (f->doc, a, q1, 2.5, 8, "Llegan tarde", NULL);
  g_assert_cmpuint (r, !=, ORGMAP_NONE);
  g_assert_true (orgmap_document_set_rating_dimension (f->doc, r, 0, 3, NULL));
  g_assert_cmpuint (orgmap_document_set_rating (f->doc, a, q2, 4, -1, NULL, NULL), !=, ORGMAP_NONE);
  g_assert_cmpuint (orgmap_document_set_rating (f->doc, b, q1, 5, 3, NULL, NULL), !=, ORGMAP_NONE);

  g_assert_true (orgmap_document_get_link_quality (f->doc, a, ORGMAP_NONE, &score));
  g_assert_cmpfloat (score, ==, 4);
  g_assert_true (orgmap_document_get_link_quality (f->doc, a, q1, &score));
  g_assert_cmpfloat (score, ==, 2.5);
  g_assert_false (orgmap_document_get_link_quality (f->doc, b, q2, &score));

  g_assert_true (orgmap_document_get_round_mean (f->doc, q1, &mean, &n));
  g_assert_cmpfloat (mean, ==, 3.75);
  g_assert_cmpuint (n, ==, 2);

  /* Outside the scale: refused, nothing changed. */
  g_assert_cmpuint (orgmap_document_set_rating (f->doc, b, q1, 6, 3, NULL, &error), ==, ORGMAP_NONE);
  g_assert_nonnull (error);
  g_assert_true (orgmap_document_get_link_quality (f->doc, b, q1, &score));
  g_assert_cmpfloat (score, ==, 5);
  g_assert_cmpuint (orgmap_document_get_n_ratings (f->doc), ==, 3);
}

static void
count_changes (OrgmapDocument *doc,
               guint           kind,
               guint           handle,
               guint          *count)
{
  (*count)++;
}

static void
test_notifications (Fixture       *f,
                    gconstpointer  data)
{
  guint count = 0;

  g_signal_connect (f->doc, "changed", G_CALLBACK (count_changes), &count);
  orgmap_document_set_unit_name (f->doc, f->fin, "Finanzas y Control");
  orgmap_document_set_unit_name (f->doc, f->fin, "Finanzas y Control");
  g_assert_cmpuint (count, ==, 1);

  orgmap_document_freeze (f->doc);
  orgmap_document_set_unit_headcount (f->doc, f->fin, 12);
  orgmap_document_add_unit (f->doc, NULL, "Compras", f->fin);
  orgmap_document_thaw (f->doc);
  g_assert_cmpuint (count, ==, 2);
}

static void
test_many_classified (void)
{
  g_autoptr(OrgmapDocument) doc = orgmap_document_new ();
  guint32 root = orgmap_document_add_unit (doc, NULL, "Root", ORGMAP_NONE);
  guint32 prev = root;
  guint n_vertical = 0;

  /* A deep chain: every link between two of its units is vertical. */
  for (guint i = 0; i < 5000; i++)
    prev = orgmap_document_add_unit (doc, NULL, "U", prev);
  for (guint i = 1; i + 7 < 5000; i += 7)
    orgmap_document_add_link (doc, NULL, i, i + 7, NULL);
  orgmap_document_classify_links (doc);
  for (guint i = 0; i < orgmap_document_get_n_links (doc); i++)
    n_vertical += orgmap_document_get_link_type (doc, i) == ORGMAP_LINK_VERTICAL;
  g_assert_cmpuint (n_vertical, ==, orgmap_document_get_n_links (doc));
  g_assert_cmpuint (orgmap_document_get_unit_depth (doc, prev), ==, 5000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/orgmap/model/document/levels-and-areas", test_levels_and_areas);
  ADD ("/orgmap/model/document/ancestors", test_ancestors);
  ADD ("/orgmap/model/classify/article-examples", test_classify_article_examples);
  ADD ("/orgmap/model/classify/follows-moves", test_classify_follows_moves);
  ADD ("/orgmap/model/classify/override", test_override);
  ADD ("/orgmap/model/classify/external", test_external);
  ADD ("/orgmap/model/document/ratings", test_ratings);
  ADD ("/orgmap/model/document/notifications", test_notifications);
#undef ADD
  g_test_add_func ("/orgmap/model/classify/deep-chain", test_many_classified);

  return g_test_run ();
}

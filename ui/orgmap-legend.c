/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-ui"

#include "config.h"

#include "orgmap-legend.h"

#include <math.h>

#include "orgmap-renderer.h"

struct _OrgmapLegend
{
  GtkWidget       parent_instance;

  OrgmapDocument *document;
  OrgmapRenderer *renderer;
};

G_DEFINE_FINAL_TYPE (OrgmapLegend, orgmap_legend, GTK_TYPE_WIDGET)

static void
orgmap_legend_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  OrgmapLegend *self = ORGMAP_LEGEND (widget);
  double width = 0, height = 0;

  if (self->renderer != NULL)
    orgmap_renderer_measure_legend (self->renderer, &width, &height);
  *minimum = *natural = (int) ceil (orientation == GTK_ORIENTATION_HORIZONTAL ? width : height);
}

static void
orgmap_legend_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  OrgmapLegend *self = ORGMAP_LEGEND (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->renderer == NULL)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  orgmap_renderer_draw_legend (self->renderer, cr, 0, 0, NULL, NULL);
  cairo_destroy (cr);
}

static void
on_document_changed (OrgmapLegend *self,
                     guint         kind,
                     guint         handle)
{
  /* The scale is part of the legend. */
  if (kind == ORGMAP_CHANGE_ALL || kind == ORGMAP_CHANGE_PROPERTIES)
    {
      gtk_widget_queue_resize (GTK_WIDGET (self));
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

void
orgmap_legend_set_document (OrgmapLegend   *self,
                            OrgmapDocument *document)
{
  g_return_if_fail (ORGMAP_IS_LEGEND (self));

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_pointer (&self->renderer, orgmap_renderer_free);
  g_set_object (&self->document, document);
  if (document != NULL)
    {
      self->renderer = orgmap_renderer_new (document, NULL);
      g_signal_connect_object (document, "changed", G_CALLBACK (on_document_changed), self,
                               G_CONNECT_SWAPPED);
    }
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
orgmap_legend_dispose (GObject *object)
{
  OrgmapLegend *self = ORGMAP_LEGEND (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_pointer (&self->renderer, orgmap_renderer_free);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (orgmap_legend_parent_class)->dispose (object);
}

static void
orgmap_legend_class_init (OrgmapLegendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = orgmap_legend_dispose;
  widget_class->measure = orgmap_legend_measure;
  widget_class->snapshot = orgmap_legend_snapshot;
  gtk_widget_class_set_css_name (widget_class, "orgmap-legend");
}

static void
orgmap_legend_init (OrgmapLegend *self)
{
}

GtkWidget *
orgmap_legend_new (void)
{
  return g_object_new (ORGMAP_TYPE_LEGEND, NULL);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-ui"

#include "config.h"

#include "orgmap-export.h"

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <gio/gio.h>
#include <glib/gi18n.h>

#include "orgmap-atomic-file.h"
#include "orgmap-layout.h"
#include "orgmap-renderer.h"

gboolean
orgmap_picture_format_from_path (const char           *path,
                                 OrgmapPictureFormat  *format,
                                 GError              **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".png"))
    *format = ORGMAP_PICTURE_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = ORGMAP_PICTURE_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = ORGMAP_PICTURE_PDF;
  else
    {
      g_autofree char *display = g_filename_display_basename (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Cannot tell the picture format of “%s”: name it .png, .svg or .pdf"), display);
      return FALSE;
    }
  return TRUE;
}

static cairo_status_t
write_stream (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  FILE *stream = closure;

  return fwrite (data, 1, length, stream) == length ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

gboolean
orgmap_picture_export (OrgmapDocument       *document,
                       guint32               round,
                       const char           *path,
                       OrgmapPictureFormat   format,
                       int                   width,
                       gboolean              overwrite,
                       GError              **error)
{
  g_autoptr(OrgmapAtomicFile) file = NULL;
  g_autoptr(OrgmapLayout) layout = NULL;
  g_autoptr(OrgmapRenderer) renderer = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  OrgmapRect bounds;
  double lw, lh, height;
  FILE *stream;
  cairo_t *cr;

  g_return_val_if_fail (ORGMAP_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (width > 0, FALSE);

  if (width < 200 || width > 20000)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The picture must be between 200 and 20000 pixels wide (%d given)"), width);
      return FALSE;
    }

  layout = orgmap_layout_new (document);
  renderer = orgmap_renderer_new (document, layout);
  orgmap_renderer_set_round (renderer, round);

  /* As tall as the map needs at this width, and at least the legend. */
  orgmap_layout_get_bounds (layout, &bounds);
  orgmap_renderer_measure_legend (renderer, &lw, &lh);
  height = (width - lw - 24) * bounds.height / bounds.width;
  height = CLAMP (height, lh + 24, 20000);

  file = orgmap_atomic_file_new (path, overwrite, error);
  if (file == NULL)
    return FALSE;
  stream = orgmap_atomic_file_get_stream (file);

  switch (format)
    {
    case ORGMAP_PICTURE_SVG:
      surface = cairo_svg_surface_create_for_stream (write_stream, stream, width, height);
      break;
    case ORGMAP_PICTURE_PDF:
      surface = cairo_pdf_surface_create_for_stream (write_stream, stream, width, height);
      break;
    case ORGMAP_PICTURE_PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, (int) height);
      break;
    }

  cr = cairo_create (surface);
  orgmap_renderer_draw_page (renderer, cr, width, (int) height);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS && format == ORGMAP_PICTURE_PNG)
    status = cairo_surface_write_to_png_stream (surface, write_stream, stream);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *display = g_filename_display_basename (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Cannot write the picture “%s”: %s"), display, cairo_status_to_string (status));
      return FALSE;
    }

  return orgmap_atomic_file_commit (g_steal_pointer (&file), error);
}

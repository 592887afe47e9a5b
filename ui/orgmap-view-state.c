/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-ui"

#include "config.h"

#include "orgmap-view-state.h"

#include "orgmap-types.h"

struct _OrgmapViewState
{
  GObject parent_instance;

  double  zoom;
  double  x;
  double  y;
  guint32 selection;
  guint32 selected_link;
  guint32 round;
};

enum {
  PROP_0,
  PROP_ZOOM,
  PROP_X,
  PROP_Y,
  PROP_SELECTION,
  PROP_SELECTED_LINK,
  PROP_ROUND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (OrgmapViewState, orgmap_view_state, G_TYPE_OBJECT)

static void
orgmap_view_state_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  OrgmapViewState *self = ORGMAP_VIEW_STATE (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_X:
      g_value_set_double (value, self->x);
      break;
    case PROP_Y:
      g_value_set_double (value, self->y);
      break;
    case PROP_SELECTION:
      g_value_set_uint (value, self->selection);
      break;
    case PROP_SELECTED_LINK:
      g_value_set_uint (value, self->selected_link);
      break;
    case PROP_ROUND:
      g_value_set_uint (value, self->round);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orgmap_view_state_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  OrgmapViewState *self = ORGMAP_VIEW_STATE (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      orgmap_view_state_set_view (self, g_value_get_double (value), self->x, self->y);
      break;
    case PROP_X:
      orgmap_view_state_set_view (self, self->zoom, g_value_get_double (value), self->y);
      break;
    case PROP_Y:
      orgmap_view_state_set_view (self, self->zoom, self->x, g_value_get_double (value));
      break;
    case PROP_SELECTION:
      orgmap_view_state_set_selection (self, g_value_get_uint (value));
      break;
    case PROP_SELECTED_LINK:
      orgmap_view_state_set_selected_link (self, g_value_get_uint (value));
      break;
    case PROP_ROUND:
      orgmap_view_state_set_round (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orgmap_view_state_class_init (OrgmapViewStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = orgmap_view_state_get_property;
  object_class->set_property = orgmap_view_state_set_property;

  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, ORGMAP_ZOOM_MIN, ORGMAP_ZOOM_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_X] =
    g_param_spec_double ("x", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_Y] =
    g_param_spec_double ("y", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTION] =
    g_param_spec_uint ("selection", NULL, NULL, 0, G_MAXUINT32, ORGMAP_NONE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_LINK] =
    g_param_spec_uint ("selected-link", NULL, NULL, 0, G_MAXUINT32, ORGMAP_NONE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROUND] =
    g_param_spec_uint ("round", NULL, NULL, 0, G_MAXUINT32, ORGMAP_NONE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orgmap_view_state_init (OrgmapViewState *self)
{
  self->zoom = 1.0;
  self->selection = ORGMAP_NONE;
  self->selected_link = ORGMAP_NONE;
  self->round = ORGMAP_NONE;
}

OrgmapViewState *
orgmap_view_state_new (void)
{
  return g_object_new (ORGMAP_TYPE_VIEW_STATE, NULL);
}

double
orgmap_view_state_get_zoom (OrgmapViewState *self)
{
  g_return_val_if_fail (ORGMAP_IS_VIEW_STATE (self), 1.0);

  return self->zoom;
}

void
orgmap_view_state_get_origin (OrgmapViewState *self,
                              double          *x,
                              double          *y)
{
  g_return_if_fail (ORGMAP_IS_VIEW_STATE (self));

  *x = self->x;
  *y = self->y;
}

void
orgmap_view_state_set_view (OrgmapViewState *self,
                            double           zoom,
                            double           x,
                            double           y)
{
  g_return_if_fail (ORGMAP_IS_VIEW_STATE (self));

  zoom = CLAMP (zoom, ORGMAP_ZOOM_MIN, ORGMAP_ZOOM_MAX);

  g_object_freeze_notify (G_OBJECT (self));
  if (self->zoom != zoom)
    {
      self->zoom = zoom;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
  if (self->x != x)
    {
      self->x = x;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X]);
    }
  if (self->y != y)
    {
      self->y = y;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_Y]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

guint32
orgmap_view_state_get_selection (OrgmapViewState *self)
{
  g_return_val_if_fail (ORGMAP_IS_VIEW_STATE (self), ORGMAP_NONE);

  return self->selection;
}

void
orgmap_view_state_set_selection (OrgmapViewState *self,
                                 guint32          party)
{
  g_return_if_fail (ORGMAP_IS_VIEW_STATE (self));

  if (self->selection == party)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  self->selection = party;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
  if (party != ORGMAP_NONE && self->selected_link != ORGMAP_NONE)
    {
      self->selected_link = ORGMAP_NONE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_LINK]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

guint32
orgmap_view_state_get_selected_link (OrgmapViewState *self)
{
  g_return_val_if_fail (ORGMAP_IS_VIEW_STATE (self), ORGMAP_NONE);

  return self->selected_link;
}

void
orgmap_view_state_set_selected_link (OrgmapViewState *self,
                                     guint32          link)
{
  g_return_if_fail (ORGMAP_IS_VIEW_STATE (self));

  if (self->selected_link == link)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  self->selected_link = link;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_LINK]);
  if (link != ORGMAP_NONE && self->selection != ORGMAP_NONE)
    {
      self->selection = ORGMAP_NONE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

guint32
orgmap_view_state_get_round (OrgmapViewState *self)
{
  g_return_val_if_fail (ORGMAP_IS_VIEW_STATE (self), ORGMAP_NONE);

  return self->round;
}

void
orgmap_view_state_set_round (OrgmapViewState *self,
                             guint32          round)
{
  g_return_if_fail (ORGMAP_IS_VIEW_STATE (self));

  if (self->round == round)
    return;
  self->round = round;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROUND]);
}

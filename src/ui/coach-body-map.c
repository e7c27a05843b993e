/* coach-body-map.c: a clickable back outline for choosing the regions that hurt.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pointer and touch only: the app offers the same regions as rows with switches, which is what
 * keyboard and screen-reader users get, so to them the map is an image whose description says
 * what is selected. */
#define G_LOG_DOMAIN "coach-body-map"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "coach-back-outline.h"
#include "coach-body-map.h"

#define ALL_REGIONS (COACH_MASK (COACH_N_REGIONS) - 1)

struct _CoachBodyMap
{
  GtkWidget  parent_instance;

  guint      regions;
  int        hover;     /* the CoachRegion under the pointer, or -1 */
  int        pressed;   /* the CoachRegion where the current click began, or -1 */
};

G_DEFINE_FINAL_TYPE (CoachBodyMap, coach_body_map, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_REGIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
get_transform (CoachBodyMap   *self,
               cairo_matrix_t *matrix)
{
  coach_back_outline_get_transform (gtk_widget_get_width (GTK_WIDGET (self)),
                                    gtk_widget_get_height (GTK_WIDGET (self)),
                                    matrix);
}

/* Returns: the CoachRegion at a point in widget coordinates, or -1. */
static int
region_at (CoachBodyMap *self,
           double        x,
           double        y)
{
  cairo_matrix_t matrix;
  CoachRegion region;

  get_transform (self, &matrix);
  /* A widget that has no size yet has nothing under the pointer. */
  if (cairo_matrix_invert (&matrix) != CAIRO_STATUS_SUCCESS)
    return -1;
  cairo_matrix_transform_point (&matrix, &x, &y);

  return coach_back_outline_region_at (x, y, &region) ? (int) region : -1;
}

static void
set_hover (CoachBodyMap *self,
           int           region)
{
  if (self->hover == region)
    return;

  self->hover = region;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), region >= 0 ? "pointer" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_description (CoachBodyMap *self)
{
  g_autofree char *description = NULL;

  if (self->regions == 0)
    {
      description = g_strdup (_("No sore regions selected"));
    }
  else
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint r = 0; r < COACH_N_REGIONS; r++)
        {
          if ((self->regions & COACH_MASK (r)) == 0)
            continue;
          if (names->len > 0)
            {
              /* Translators: separates the names in a list of back regions. */
              g_string_append (names, C_("list separator", ", "));
            }
          g_string_append (names, coach_vocab_get_label (COACH_VOCAB_REGION, r));
        }
      /* Translators: %s is a list of back regions, e.g. “Neck, Lower back”. */
      description = g_strdup_printf (_("Sore regions: %s"), names->str);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            CoachBodyMap    *self)
{
  self->pressed = region_at (self, x, y);
}

/* A click counts only where it began, so sliding off a region is a way to change one's mind. */
static void
on_released (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             CoachBodyMap    *self)
{
  int region = region_at (self, x, y);

  if (region >= 0 && region == self->pressed)
    coach_body_map_set_regions (self, self->regions ^ COACH_MASK (region));
  self->pressed = -1;
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           CoachBodyMap             *self)
{
  set_hover (self, region_at (self, x, y));
}

static void
on_leave (GtkEventControllerMotion *controller,
          CoachBodyMap             *self)
{
  set_hover (self, -1);
}

static gboolean
coach_body_map_query_tooltip (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard_tooltip,
                              GtkTooltip *tooltip)
{
  int region;

  if (keyboard_tooltip)
    return FALSE;

  region = region_at (COACH_BODY_MAP (widget), x, y);
  if (region < 0)
    return FALSE;

  gtk_tooltip_set_text (tooltip, coach_vocab_get_label (COACH_VOCAB_REGION, region));
  return TRUE;
}

static void
coach_body_map_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  /* Twice the design space at its natural size, and still large enough to hit the neck band
   * with a finger at its smallest. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = 200;
    }
  else
    {
      *minimum = 192;
      *natural = 320;
    }
}

/* Drawn with cairo at the allocated size on every snapshot, so it stays sharp at any size. */
static void
coach_body_map_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  CoachBodyMap *self = COACH_BODY_MAP (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  CoachOutlineStyle style;
  cairo_matrix_t matrix;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  coach_outline_style_init_from_widget (&style, widget);
  coach_back_outline_get_transform (width, height, &matrix);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_transform (cr, &matrix);
  coach_back_outline_draw (cr, &style, self->regions, self->hover);
  cairo_destroy (cr);
}

/* The colours come from CSS, which GTK does not know the drawing depends on. */
static void
coach_body_map_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (coach_body_map_parent_class)->css_changed (widget, change);

  gtk_widget_queue_draw (widget);
}

static void
coach_body_map_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CoachBodyMap *self = COACH_BODY_MAP (object);

  switch (prop_id)
    {
    case PROP_REGIONS:
      g_value_set_uint (value, self->regions);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_body_map_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CoachBodyMap *self = COACH_BODY_MAP (object);

  switch (prop_id)
    {
    case PROP_REGIONS:
      coach_body_map_set_regions (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_body_map_class_init (CoachBodyMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = coach_body_map_get_property;
  object_class->set_property = coach_body_map_set_property;

  widget_class->measure = coach_body_map_measure;
  widget_class->snapshot = coach_body_map_snapshot;
  widget_class->css_changed = coach_body_map_css_changed;
  widget_class->query_tooltip = coach_body_map_query_tooltip;

  /**
   * CoachBodyMap:regions:
   *
   * The selected regions, a mask of `COACH_MASK (region)` bits.
   */
  properties[PROP_REGIONS] =
    g_param_spec_uint ("regions", NULL, NULL,
                       0, ALL_REGIONS, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "bodymap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
coach_body_map_init (CoachBodyMap *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  GtkGesture *click;
  GtkEventController *motion;

  self->hover = -1;
  self->pressed = -1;

  /* The switch rows beside the map serve the keyboard; see the top of this file. */
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  /* Touch sequences report button 1, so this takes taps as well as primary clicks. */
  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  g_signal_connect (click, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "enter", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  /* High contrast changes the line widths, which no CSS change reports. */
  g_signal_connect_object (style_manager, "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (style_manager, "notify::high-contrast",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back outline"),
                                  -1);
  update_description (self);
}

GtkWidget *
coach_body_map_new (void)
{
  return g_object_new (COACH_TYPE_BODY_MAP, NULL);
}

guint
coach_body_map_get_regions (CoachBodyMap *self)
{
  g_return_val_if_fail (COACH_IS_BODY_MAP (self), 0);

  return self->regions;
}

void
coach_body_map_set_regions (CoachBodyMap *self,
                            guint         regions)
{
  g_return_if_fail (COACH_IS_BODY_MAP (self));
  g_return_if_fail ((regions & ~ALL_REGIONS) == 0);

  if (self->regions == regions)
    return;

  self->regions = regions;
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGIONS]);
}

/* The centre of @region in widget coordinates at the current size. */
void
coach_body_map_get_region_centre (CoachBodyMap *self,
                                  CoachRegion   region,
                                  double       *x,
                                  double       *y)
{
  cairo_matrix_t matrix;
  double cx, cy;

  g_return_if_fail (COACH_IS_BODY_MAP (self));
  g_return_if_fail (region < COACH_N_REGIONS);

  coach_back_outline_get_region_centre (region, &cx, &cy);
  get_transform (self, &matrix);
  cairo_matrix_transform_point (&matrix, &cx, &cy);

  if (x != NULL)
    *x = cx;
  if (y != NULL)
    *y = cy;
}

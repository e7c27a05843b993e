/* coach-step-illustration.c: a widget that shows one technique step, animated while playing.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The drawing itself is coach-step-drawing; this widget picks the phase of the stroke cycle from
 * the frame clock. It runs a tick callback only while the animation can be seen and is wanted
 * (playing, mapped, animations enabled, a stroke that moves), so an idle illustration costs
 * nothing and a desktop that asks for reduced motion gets a still picture. */
#define G_LOG_DOMAIN "coach-step-illustration"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "coach-step-drawing.h"
#include "coach-step-illustration.h"

struct _CoachStepIllustration
{
  GtkWidget        parent_instance;

  CoachTechnique  *technique;
  const CoachStep *step;          /* owned by technique */
  gboolean         playing;

  guint            tick_id;
  gint64           start_time;    /* frame time of the first tick, in µs; 0 before it */
  gint64           drawn_time;    /* frame time of the last redraw while animating */
  double           phase;

  GskRenderNode   *base;          /* the still layer at its size, kept between frames */

  GtkSettings     *settings;      /* watched while mapped */
  gulong           settings_handler;
};

G_DEFINE_FINAL_TYPE (CoachStepIllustration, coach_step_illustration, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PLAYING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
animations_enabled (CoachStepIllustration *self)
{
  gboolean enabled = TRUE;

  if (self->settings != NULL)
    g_object_get (self->settings, "gtk-enable-animations", &enabled, NULL);
  return enabled;
}

static gboolean
should_animate (CoachStepIllustration *self)
{
  return self->playing &&
         self->step != NULL &&
         self->settings != NULL &&
         gtk_widget_get_mapped (GTK_WIDGET (self)) &&
         animations_enabled (self) &&
         coach_step_drawing_get_cycle_seconds (self->step) > 0;
}

#define MAX_FRAMES_PER_SECOND 30

/* The phase comes from the frame time rather than a count of ticks, so the stroke keeps its
 * tempo when frames are dropped or the refresh rate differs. */
static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  CoachStepIllustration *self = COACH_STEP_ILLUSTRATION (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double cycle = coach_step_drawing_get_cycle_seconds (self->step);

  if (self->start_time == 0)
    self->start_time = now;
  self->phase = fmod ((now - self->start_time) / (double) G_USEC_PER_SEC / cycle, 1.0);
  /* The contact point moves a few pixels a frame at most: 30 redraws a second look as
   * smooth as 60 and cost half. */
  if (now - self->drawn_time >= G_USEC_PER_SEC / MAX_FRAMES_PER_SECOND)
    {
      self->drawn_time = now;
      gtk_widget_queue_draw (widget);
    }

  return G_SOURCE_CONTINUE;
}

static void
update_animation (CoachStepIllustration *self)
{
  gboolean animate = should_animate (self);

  if (animate && self->tick_id == 0)
    {
      self->start_time = 0;
      self->drawn_time = 0;
      self->phase = 0;
      self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_tick, NULL, NULL);
    }
  else if (!animate && self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
      /* Back to the still picture, without the contact point. */
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_enable_animations_changed (GtkSettings           *settings,
                              GParamSpec            *pspec,
                              CoachStepIllustration *self)
{
  update_animation (self);
}

static void
update_label (CoachStepIllustration *self)
{
  const CoachStep *step = self->step;
  g_autofree char *label = NULL;

  if (step == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      return;
    }

  if (step->direction == COACH_DIRECTION_NONE)
    {
      /* Translators: describes a step's picture: the back region, the side, the stroke and the
       * body position, e.g. “Buttocks, Left side: Knead. Lying on your side”. */
      label = g_strdup_printf (_("%s, %s: %s. %s"),
                               coach_vocab_get_label (COACH_VOCAB_REGION, step->area),
                               coach_vocab_get_label (COACH_VOCAB_SIDE, step->side),
                               coach_vocab_get_label (COACH_VOCAB_STROKE, step->stroke),
                               coach_vocab_get_label (COACH_VOCAB_POSE, step->pose));
    }
  else
    {
      /* Translators: describes a step's picture: the back region, the side, the stroke, its
       * direction and the body position, e.g. “Lower back, Left side: Glide (Up). Standing
       * against a wall”. */
      label = g_strdup_printf (_("%s, %s: %s (%s). %s"),
                               coach_vocab_get_label (COACH_VOCAB_REGION, step->area),
                               coach_vocab_get_label (COACH_VOCAB_SIDE, step->side),
                               coach_vocab_get_label (COACH_VOCAB_STROKE, step->stroke),
                               coach_vocab_get_label (COACH_VOCAB_DIRECTION, step->direction),
                               coach_vocab_get_label (COACH_VOCAB_POSE, step->pose));
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  coach_step_get_description (step),
                                  -1);
}

static void
coach_step_illustration_map (GtkWidget *widget)
{
  CoachStepIllustration *self = COACH_STEP_ILLUSTRATION (widget);

  GTK_WIDGET_CLASS (coach_step_illustration_parent_class)->map (widget);

  /* The settings belong to the widget's display, which is only certain once it is shown. */
  self->settings = g_object_ref (gtk_widget_get_settings (widget));
  self->settings_handler = g_signal_connect (self->settings, "notify::gtk-enable-animations",
                                             G_CALLBACK (on_enable_animations_changed), self);
  update_animation (self);
}

static void
coach_step_illustration_unmap (GtkWidget *widget)
{
  CoachStepIllustration *self = COACH_STEP_ILLUSTRATION (widget);

  g_clear_signal_handler (&self->settings_handler, self->settings);
  g_clear_object (&self->settings);

  GTK_WIDGET_CLASS (coach_step_illustration_parent_class)->unmap (widget);

  update_animation (self);
}

static void
coach_step_illustration_measure (GtkWidget      *widget,
                                 GtkOrientation  orientation,
                                 int             for_size,
                                 int            *minimum,
                                 int            *natural,
                                 int            *minimum_baseline,
                                 int            *natural_baseline)
{
  /* The minimum still leaves the pose inset about 35 pixels wide; a view that wants it
   * larger sets a size request or lets it expand. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = (int) COACH_STEP_DRAWING_WIDTH;
    }
  else
    {
      *minimum = 150;
      *natural = (int) COACH_STEP_DRAWING_HEIGHT;
    }
}

static void
coach_step_illustration_snapshot (GtkWidget   *widget,
                                  GtkSnapshot *snapshot)
{
  CoachStepIllustration *self = COACH_STEP_ILLUSTRATION (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  CoachOutlineStyle style;
  cairo_t *cr;

  if (self->step == NULL || width <= 0 || height <= 0)
    return;

  coach_outline_style_init_from_widget (&style, widget);

  /* The still layer is drawn once per size, step and style. */
  if (self->base != NULL)
    {
      graphene_rect_t bounds;

      gsk_render_node_get_bounds (self->base, &bounds);
      if (bounds.size.width != width || bounds.size.height != height)
        g_clear_pointer (&self->base, gsk_render_node_unref);
    }
  if (self->base == NULL)
    {
      self->base = gsk_cairo_node_new (&GRAPHENE_RECT_INIT (0, 0, width, height));
      cr = gsk_cairo_node_get_draw_context (self->base);
      coach_step_drawing_draw_base (cr, self->step, &style, width, height);
      cairo_destroy (cr);
    }
  gtk_snapshot_append_node (snapshot, self->base);

  /* The marks get a node of their own size, so that a frame only repaints where they are. */
  {
    cairo_surface_t *marks = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
    double x, y, w, h;

    cr = cairo_create (marks);
    coach_step_drawing_draw_marks (cr, self->step, &style, width, height,
                                   self->tick_id != 0 ? self->phase : -1.0);
    cairo_destroy (cr);
    cairo_recording_surface_ink_extents (marks, &x, &y, &w, &h);
    if (w > 0 && h > 0)
      {
        x = floor (x) - 1;
        y = floor (y) - 1;
        w = ceil (w) + 2;
        h = ceil (h) + 2;
        cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (x, y, w + 1, h + 1));
        cairo_set_source_surface (cr, marks, 0, 0);
        cairo_paint (cr);
        cairo_destroy (cr);
      }
    cairo_surface_destroy (marks);
  }
}

static void
drop_base (CoachStepIllustration *self)
{
  g_clear_pointer (&self->base, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The colours come from CSS, which GTK does not know the drawing depends on. */
static void
coach_step_illustration_css_changed (GtkWidget         *widget,
                                     GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (coach_step_illustration_parent_class)->css_changed (widget, change);

  drop_base (COACH_STEP_ILLUSTRATION (widget));
}

static void
coach_step_illustration_dispose (GObject *object)
{
  CoachStepIllustration *self = COACH_STEP_ILLUSTRATION (object);

  g_clear_signal_handler (&self->settings_handler, self->settings);
  g_clear_object (&self->settings);
  self->step = NULL;
  g_clear_object (&self->technique);
  g_clear_pointer (&self->base, gsk_render_node_unref);

  G_OBJECT_CLASS (coach_step_illustration_parent_class)->dispose (object);
}

static void
coach_step_illustration_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  CoachStepIllustration *self = COACH_STEP_ILLUSTRATION (object);

  switch (prop_id)
    {
    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_step_illustration_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  CoachStepIllustration *self = COACH_STEP_ILLUSTRATION (object);

  switch (prop_id)
    {
    case PROP_PLAYING:
      coach_step_illustration_set_playing (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_step_illustration_class_init (CoachStepIllustrationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_step_illustration_dispose;
  object_class->get_property = coach_step_illustration_get_property;
  object_class->set_property = coach_step_illustration_set_property;

  widget_class->map = coach_step_illustration_map;
  widget_class->unmap = coach_step_illustration_unmap;
  widget_class->measure = coach_step_illustration_measure;
  widget_class->snapshot = coach_step_illustration_snapshot;
  widget_class->css_changed = coach_step_illustration_css_changed;

  /**
   * CoachStepIllustration:playing:
   *
   * Whether the stroke is animated when it can be seen and the desktop allows animations.
   */
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "stepillustration");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
coach_step_illustration_init (CoachStepIllustration *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  /* High contrast changes the line widths, which no CSS change reports. */
  g_signal_connect_object (style_manager, "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (style_manager, "notify::high-contrast",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

GtkWidget *
coach_step_illustration_new (void)
{
  return g_object_new (COACH_TYPE_STEP_ILLUSTRATION, NULL);
}

/* Shows step @number (1-based) of @technique, or nothing when @technique is NULL. */
void
coach_step_illustration_set_step (CoachStepIllustration *self,
                                  CoachTechnique        *technique,
                                  guint                  number)
{
  const CoachStep *step = NULL;

  g_return_if_fail (COACH_IS_STEP_ILLUSTRATION (self));
  g_return_if_fail (technique == NULL || COACH_IS_TECHNIQUE (technique));

  if (technique != NULL)
    {
      step = coach_technique_get_step (technique, number);
      g_return_if_fail (step != NULL);
    }

  /* Ref before unref: @technique may be the one already held. */
  if (technique != NULL)
    g_object_ref (technique);
  g_clear_object (&self->technique);
  self->technique = technique;
  if (self->step != step)
    g_clear_pointer (&self->base, gsk_render_node_unref);
  self->step = step;

  /* A new step starts its cycle from the beginning. */
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  update_animation (self);
  update_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
coach_step_illustration_get_playing (CoachStepIllustration *self)
{
  g_return_val_if_fail (COACH_IS_STEP_ILLUSTRATION (self), FALSE);

  return self->playing;
}

void
coach_step_illustration_set_playing (CoachStepIllustration *self,
                                     gboolean               playing)
{
  g_return_if_fail (COACH_IS_STEP_ILLUSTRATION (self));

  playing = !!playing;
  if (self->playing == playing)
    return;

  self->playing = playing;
  update_animation (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

/* Whether a tick callback is currently moving the stroke. */
gboolean
coach_step_illustration_is_animating (CoachStepIllustration *self)
{
  g_return_val_if_fail (COACH_IS_STEP_ILLUSTRATION (self), FALSE);

  return self->tick_id != 0;
}

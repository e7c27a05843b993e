/* coach-pain-scale.c: a 0-10 rating, quick to give with one click or one key.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The eleven numbers are buttons for the mouse and for touch, but only the scale as a whole
 * takes the keyboard focus, so Tab moves from one rating to the next in one press. There,
 * a digit rates at once ("1" then "0" quickly gives 10), the arrows, Home and End move,
 * Backspace or Delete clears and Enter activates (to go on). Screen readers see a slider. */
#define G_LOG_DOMAIN "coach-pain-scale"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "coach-history.h"
#include "coach-pain-scale.h"

/* "1" then "0" within this long is 10. */
#define TEN_DELAY_US (1200 * 1000)

struct _CoachPainScale
{
  GtkWidget  parent_instance;

  GtkWidget *buttons_box;
  GtkWidget *buttons[COACH_PAIN_MAX + 1];
  GtkWidget *low_label;
  GtkWidget *high_label;
  int        value;
  gint64     one_typed_at;
  gboolean   updating;
};

enum {
  PROP_0,
  PROP_VALUE,
  N_PROPS
};

enum {
  SIGNAL_ACTIVATE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CoachPainScale, coach_pain_scale, GTK_TYPE_WIDGET)

/* A rating as it is read out: "4: Moderate", or "Not rated". */
static char *
rating_text (int value)
{
  if (value < 0)
    return g_strdup (_("Not rated"));
  /* Translators: a pain rating read out, e.g. "4: Moderate" */
  return g_strdup_printf (_("%d: %s"), value, coach_pain_describe (value));
}

static void
update_accessible (CoachPainScale *self)
{
  g_autofree char *text = rating_text (self->value);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, (double) COACH_PAIN_MAX,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, (double) MAX (self->value, 0),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), self->value >= 0 ? text : NULL);
  /* GTK 4.8 gives a custom slider no value a screen reader can read: the description says it. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

void
coach_pain_scale_set_value (CoachPainScale *self,
                            int             value)
{
  g_return_if_fail (COACH_IS_PAIN_SCALE (self));

  value = CLAMP (value, COACH_PAIN_NONE, COACH_PAIN_MAX);
  if (value == self->value)
    return;
  self->value = value;

  self->updating = TRUE;
  for (int i = 0; i <= COACH_PAIN_MAX; i++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->buttons[i]), i == value);
  self->updating = FALSE;

  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

int
coach_pain_scale_get_value (CoachPainScale *self)
{
  g_return_val_if_fail (COACH_IS_PAIN_SCALE (self), COACH_PAIN_NONE);

  return self->value;
}

void
coach_pain_scale_set_ends (CoachPainScale *self,
                           const char     *low,
                           const char     *high)
{
  g_return_if_fail (COACH_IS_PAIN_SCALE (self));

  gtk_label_set_label (GTK_LABEL (self->low_label), low);
  gtk_label_set_label (GTK_LABEL (self->high_label), high);
}

/* A click on the rating that is already on clears it: the rating is optional. */
static void
on_button_toggled (GtkToggleButton *button,
                   CoachPainScale  *self)
{
  int value = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "value"));

  if (self->updating)
    return;
  coach_pain_scale_set_value (self, gtk_toggle_button_get_active (button) ? value : COACH_PAIN_NONE);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static int
digit_of (guint keyval)
{
  if (keyval >= GDK_KEY_0 && keyval <= GDK_KEY_9)
    return keyval - GDK_KEY_0;
  if (keyval >= GDK_KEY_KP_0 && keyval <= GDK_KEY_KP_9)
    return keyval - GDK_KEY_KP_0;
  return -1;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                CoachPainScale        *self)
{
  int digit = digit_of (keyval);
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return FALSE;

  if (digit >= 0)
    {
      gint64 now = g_get_monotonic_time ();

      if (digit == 0 && self->value == 1 && now - self->one_typed_at < TEN_DELAY_US)
        digit = COACH_PAIN_MAX;
      self->one_typed_at = digit == 1 ? now : 0;
      coach_pain_scale_set_value (self, digit);
      return TRUE;
    }

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      coach_pain_scale_set_value (self, rtl ? MIN (self->value + 1, COACH_PAIN_MAX) : MAX (self->value - 1, 0));
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      coach_pain_scale_set_value (self, rtl ? MAX (self->value - 1, 0) : MIN (self->value + 1, COACH_PAIN_MAX));
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      coach_pain_scale_set_value (self, MAX (self->value - 1, 0));
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      coach_pain_scale_set_value (self, MIN (self->value + 1, COACH_PAIN_MAX));
      return TRUE;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      coach_pain_scale_set_value (self, 0);
      return TRUE;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      coach_pain_scale_set_value (self, COACH_PAIN_MAX);
      return TRUE;
    case GDK_KEY_BackSpace:
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
      coach_pain_scale_set_value (self, COACH_PAIN_NONE);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      g_signal_emit (self, signals[SIGNAL_ACTIVATE], 0);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
coach_pain_scale_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CoachPainScale *self = COACH_PAIN_SCALE (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_int (value, self->value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_pain_scale_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CoachPainScale *self = COACH_PAIN_SCALE (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      coach_pain_scale_set_value (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_pain_scale_dispose (GObject *object)
{
  CoachPainScale *self = COACH_PAIN_SCALE (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->buttons_box = NULL;

  G_OBJECT_CLASS (coach_pain_scale_parent_class)->dispose (object);
}

static void
coach_pain_scale_class_init (CoachPainScaleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = coach_pain_scale_get_property;
  object_class->set_property = coach_pain_scale_set_property;
  object_class->dispose = coach_pain_scale_dispose;

  properties[PROP_VALUE] =
    g_param_spec_int ("value", NULL, NULL, COACH_PAIN_NONE, COACH_PAIN_MAX, COACH_PAIN_NONE,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CoachPainScale::activate:
   *
   * Enter was pressed on the scale: the rating is given, go on.
   */
  signals[SIGNAL_ACTIVATE] =
    g_signal_new ("activate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_activate_signal (widget_class, signals[SIGNAL_ACTIVATE]);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "painscale");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SLIDER);
}

static void
coach_pain_scale_init (CoachPainScale *self)
{
  GtkEventController *keys;
  GtkWidget *ends;

  self->value = COACH_PAIN_NONE;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 4);

  self->buttons_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  gtk_box_set_homogeneous (GTK_BOX (self->buttons_box), TRUE);
  gtk_widget_add_css_class (self->buttons_box, "numbers");
  gtk_widget_set_parent (self->buttons_box, GTK_WIDGET (self));
  for (int i = 0; i <= COACH_PAIN_MAX; i++)
    {
      g_autofree char *label = g_strdup_printf ("%d", i);
      GtkWidget *button = gtk_toggle_button_new_with_label (label);
      g_autofree char *name = rating_text (i);

      g_object_set_data (G_OBJECT (button), "value", GINT_TO_POINTER (i));
      gtk_widget_set_focusable (button, FALSE);
      gtk_widget_set_focus_on_click (button, FALSE);
      gtk_widget_set_tooltip_text (button, coach_pain_describe (i));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
      g_signal_connect (button, "toggled", G_CALLBACK (on_button_toggled), self);
      gtk_box_append (GTK_BOX (self->buttons_box), button);
      self->buttons[i] = button;
    }

  ends = gtk_center_box_new ();
  self->low_label = gtk_label_new (C_("pain", "No pain"));
  self->high_label = gtk_label_new (C_("pain", "Worst pain imaginable"));
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *label = i == 0 ? self->low_label : self->high_label;

      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), i == 0 ? 0.0 : 1.0);
      gtk_label_set_justify (GTK_LABEL (label), i == 0 ? GTK_JUSTIFY_LEFT : GTK_JUSTIFY_RIGHT);
    }
  gtk_center_box_set_start_widget (GTK_CENTER_BOX (ends), self->low_label);
  gtk_center_box_set_end_widget (GTK_CENTER_BOX (ends), self->high_label);
  /* The scale's own value text says the same. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (ends), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_widget_set_parent (ends, GTK_WIDGET (self));

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  update_accessible (self);
}

GtkWidget *
coach_pain_scale_new (void)
{
  return g_object_new (COACH_TYPE_PAIN_SCALE, NULL);
}

GtkWidget *
coach_pain_scale_row_new (const char      *title,
                          CoachPainScale **scale)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *pain = coach_pain_scale_new ();

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), pain);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (pain), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);
  if (scale != NULL)
    *scale = COACH_PAIN_SCALE (pain);
  return row;
}

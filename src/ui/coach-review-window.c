/* coach-review-window.c: flips through technique cards one at a time, for learning them.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two card pages take turns in a sliding stack, so each flip shows the next card sliding in
 * from the side it comes from (or at once when animations are off). The arrow keys work
 * wherever the focus is: nothing on a card uses Left and Right. */
#define G_LOG_DOMAIN "coach-review-window"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-accessible.h"
#include "coach-keys.h"
#include "coach-review-window.h"

struct _CoachReviewWindow
{
  AdwWindow       parent_instance;

  GListModel     *cards;
  guint           position;

  AdwWindowTitle *window_title;
  GtkWidget      *previous_button;
  GtkWidget      *next_button;
  GtkStack       *stack;
  CoachCardPage  *page_a;
  CoachCardPage  *page_b;
};

G_DEFINE_FINAL_TYPE (CoachReviewWindow, coach_review_window, ADW_TYPE_WINDOW)

static void
show_position (CoachReviewWindow      *self,
               guint                   position,
               GtkStackTransitionType  transition)
{
  guint n = g_list_model_get_n_items (self->cards);
  g_autoptr(CoachTechnique) technique = NULL;
  CoachCardPage *current = coach_review_window_get_page (self);
  CoachCardPage *next = current == self->page_a ? self->page_b : self->page_a;
  g_autofree char *subtitle = NULL;

  if (n == 0)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  self->position = MIN (position, n - 1);
  technique = g_list_model_get_item (self->cards, self->position);
  if (coach_card_page_get_technique (current) == technique)
    next = current;
  coach_card_page_set_technique (next, technique);
  gtk_stack_set_transition_type (self->stack, transition);
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (next));

  /* Translators: the position in the review, e.g. "Card 3 of 39" */
  subtitle = g_strdup_printf (_("Card %u of %u"), self->position + 1, n);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.previous", self->position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.next", self->position + 1 < n);
}

static void
on_items_changed (GListModel        *cards,
                  guint              position,
                  guint              removed,
                  guint              added,
                  CoachReviewWindow *self)
{
  show_position (self, self->position, GTK_STACK_TRANSITION_TYPE_NONE);
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CoachReviewWindow *self = COACH_REVIEW_WINDOW (widget);
  guint n = g_list_model_get_n_items (self->cards);

  if (g_str_equal (action_name, "review.previous") && self->position > 0)
    show_position (self, self->position - 1, GTK_STACK_TRANSITION_TYPE_SLIDE_RIGHT);
  else if (g_str_equal (action_name, "review.next") && self->position + 1 < n)
    show_position (self, self->position + 1, GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT);
  else if (g_str_equal (action_name, "review.first") && self->position > 0)
    show_position (self, 0, GTK_STACK_TRANSITION_TYPE_SLIDE_RIGHT);
  else if (g_str_equal (action_name, "review.last") && self->position + 1 < n)
    show_position (self, n - 1, GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
coach_review_window_dispose (GObject *object)
{
  CoachReviewWindow *self = COACH_REVIEW_WINDOW (object);

  if (self->cards != NULL)
    g_signal_handlers_disconnect_by_func (self->cards, on_items_changed, self);
  g_clear_object (&self->cards);
  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_REVIEW_WINDOW);

  G_OBJECT_CLASS (coach_review_window_parent_class)->dispose (object);
}

static void
coach_review_window_class_init (CoachReviewWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_review_window_dispose;

  g_type_ensure (COACH_TYPE_CARD_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/BackCoach/coach-review-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachReviewWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CoachReviewWindow, previous_button);
  gtk_widget_class_bind_template_child (widget_class, CoachReviewWindow, next_button);
  gtk_widget_class_bind_template_child (widget_class, CoachReviewWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CoachReviewWindow, page_a);
  gtk_widget_class_bind_template_child (widget_class, CoachReviewWindow, page_b);

  gtk_widget_class_install_action (widget_class, "review.previous", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "review.next", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "review.first", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "review.last", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "review.close", NULL, close_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "review.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "review.close", NULL);
}

static void
coach_review_window_init (CoachReviewWindow *self)
{
  static const CoachKey keys[] = {
    { GDK_KEY_Left, "review.previous" },
    { GDK_KEY_Right, "review.next" },
    { GDK_KEY_Page_Up, "review.previous" },
    { GDK_KEY_Page_Down, "review.next" },
    { GDK_KEY_Home, "review.first" },
    { GDK_KEY_End, "review.last" },
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  coach_accessible_fix (GTK_WIDGET (self));
  coach_keys_add_capture (GTK_WIDGET (self), keys, G_N_ELEMENTS (keys));
}

/**
 * coach_review_window_new:
 * @cards: the technique cards to go through, in order; the window follows its changes
 * @position: the card to start at
 * @settings: (nullable): the profile, for the avoided notes and the routine button
 */
CoachReviewWindow *
coach_review_window_new (GListModel    *cards,
                         guint          position,
                         CoachSettings *settings)
{
  CoachReviewWindow *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (cards), NULL);

  self = g_object_new (COACH_TYPE_REVIEW_WINDOW, NULL);
  self->cards = g_object_ref (cards);
  g_signal_connect_object (cards, "items-changed", G_CALLBACK (on_items_changed), self, 0);
  if (settings != NULL)
    {
      coach_card_page_set_settings (self->page_a, settings);
      coach_card_page_set_settings (self->page_b, settings);
    }
  show_position (self, position, GTK_STACK_TRANSITION_TYPE_NONE);
  return self;
}

guint
coach_review_window_get_position (CoachReviewWindow *self)
{
  g_return_val_if_fail (COACH_IS_REVIEW_WINDOW (self), 0);

  return self->position;
}

void
coach_review_window_set_position (CoachReviewWindow *self,
                                  guint              position)
{
  g_return_if_fail (COACH_IS_REVIEW_WINDOW (self));

  show_position (self, position, GTK_STACK_TRANSITION_TYPE_NONE);
}

/* Returns: (transfer none): the card page on show. */
CoachCardPage *
coach_review_window_get_page (CoachReviewWindow *self)
{
  g_return_val_if_fail (COACH_IS_REVIEW_WINDOW (self), NULL);

  return COACH_CARD_PAGE (gtk_stack_get_visible_child (self->stack));
}

/* coach-stop-signals.c: a button that shows when to stop, for every routine screen.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "coach-stop-signals"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-safety.h"
#include "coach-stop-signals.h"

/**
 * coach_stop_signals_button_new:
 *
 * Returns: (transfer floating): a menu button whose popover lists the stop signals and what
 * to do, one click from wherever a routine is shown.
 */
GtkWidget *
coach_stop_signals_button_new (void)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (_("Stop at once if you feel"));
  GtkWidget *advice;

  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("Stop Signals"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (button), TRUE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("When to stop a routine"));
  /* GTK 4.8 names a menu button after its type unless told otherwise. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Stop Signals"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("When to stop a routine"),
                                  -1);

  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_box_append (GTK_BOX (box), heading);

  for (guint i = 0; i < coach_safety_get_n_stop_signals (); i++)
    {
      /* Translators: a bullet point in a list */
      g_autofree char *text = g_strdup_printf (_("• %s"), coach_safety_get_stop_signal (i));
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      gtk_box_append (GTK_BOX (box), label);
    }

  advice = gtk_label_new (_("Then rest, and if it does not settle quickly, or you notice numbness "
                            "around the groin or trouble passing urine, get medical help. Never "
                            "press on the spine itself or where you can feel a pulse."));
  gtk_label_set_xalign (GTK_LABEL (advice), 0);
  gtk_label_set_wrap (GTK_LABEL (advice), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (advice), 40);
  gtk_widget_set_margin_top (advice, 6);
  gtk_box_append (GTK_BOX (box), advice);

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);

  return button;
}

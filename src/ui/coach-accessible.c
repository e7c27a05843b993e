/* coach-accessible.c: fixes to what GTK 4.8 tells screen readers.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What GTK 4.8 and libadwaita 1.2 get wrong, put right for every composite widget:
 *
 * - A button with a mnemonic ("_Continue") is named twice over: its label property keeps the
 *   underscore, and the label inside, which the mnemonic may make its labelling widget, adds
 *   the text again, so a screen reader says "underscore Continue Continue". The button is
 *   named by its label without the underscore alone.
 * - A stack's hidden pages stay in the accessible tree, so a screen reader's review of the
 *   window reads pages that are not on screen. Hidden pages are marked hidden, which takes
 *   them out of the tree until they are shown.
 * - A menu button with a text is named after its type, "GtkMenuButton", and so is the button
 *   inside a drop-down; they get their text or tooltip.
 * - libadwaita 1.2 leaves the switch or spin button of a row whose title has a mnemonic
 *   without a name; it gets the row's title.
 *
 * - libadwaita 1.2 leaves a toast's close button unnamed ("GtkImage"); it is called "Close".
 *
 * Newer versions do all this themselves. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "coach-accessible.h"

/* "_Continue" → "Continue"; "__" stands for an underscore. */
static char *
strip_mnemonic (const char *label)
{
  GString *text = g_string_sized_new (strlen (label));

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] != '_')
            continue;
          p++;
        }
      g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

static void
fix_button (GtkButton *button)
{
  const char *label = gtk_button_get_label (button);
  g_autofree char *name = NULL;

  if (label == NULL || !gtk_button_get_use_underline (button))
    return;
  name = strip_mnemonic (label);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/* libadwaita 1.2 names the widget a row activates by the row's title, but not when the title
 * has a mnemonic: that widget is left to be called "GtkSwitch". */
static void
fix_row (AdwActionRow *row)
{
  GtkWidget *widget = adw_action_row_get_activatable_widget (row);
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  const char *subtitle = adw_action_row_get_subtitle (row);
  g_autofree char *name = NULL;

  if (widget == NULL || title == NULL || !adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (row)))
    return;
  name = strip_mnemonic (title);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  if (subtitle != NULL && *subtitle != '\0')
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
}

/* GTK 4.8 names a menu button with a text after its type, "GtkMenuButton"; it gets its text,
 * whether a label or the label of an AdwButtonContent. */
static void
fix_menu_button (GtkMenuButton *button)
{
  const char *label = gtk_menu_button_get_label (button);
  GtkWidget *child = gtk_menu_button_get_child (button);
  g_autofree char *name = NULL;

  if (label == NULL && ADW_IS_BUTTON_CONTENT (child))
    label = adw_button_content_get_label (ADW_BUTTON_CONTENT (child));
  if (label == NULL)
    return;
  name = strip_mnemonic (label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/* The button inside a drop-down, which is what takes the focus, has no name in GTK 4.8: it
 * gets the drop-down's tooltip, which says what is chosen. */
static void
fix_drop_down (GtkWidget *drop_down)
{
  const char *tooltip = gtk_widget_get_tooltip_text (drop_down);

  if (tooltip == NULL)
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (drop_down); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
}

static void
hide_stack_pages (GtkWidget *stack)
{
  GtkWidget *visible = GTK_IS_STACK (stack) ? gtk_stack_get_visible_child (GTK_STACK (stack))
                                            : adw_view_stack_get_visible_child (ADW_VIEW_STACK (stack));

  for (GtkWidget *child = gtk_widget_get_first_child (stack); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_accessible_update_state (GTK_ACCESSIBLE (child),
                                 GTK_ACCESSIBLE_STATE_HIDDEN, visible != NULL && child != visible,
                                 -1);
}

/* Pages added later are hidden when the visible page next changes, or now if hidden already. */
static void
track_stack (GtkWidget *stack)
{
  hide_stack_pages (stack);
  g_signal_connect (stack, "notify::visible-child", G_CALLBACK (hide_stack_pages), NULL);
}

/**
 * coach_accessible_fix:
 * @root: a widget, usually a composite template just initialised
 *
 * Puts right, for @root and every widget below it, what GTK 4.8 and libadwaita 1.2 tell
 * screen readers wrongly (see the top of this file): mnemonic buttons keep their plain name
 * whenever their label changes, and stacks keep their hidden pages out of the tree. Each
 * widget is fixed once, however often this is called.
 */
void
coach_accessible_fix (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (g_object_get_data (G_OBJECT (root), "coach-accessible-fixed") == NULL)
    {
      if (GTK_IS_BUTTON (root) && gtk_button_get_use_underline (GTK_BUTTON (root)))
        {
          fix_button (GTK_BUTTON (root));
          g_signal_connect_after (root, "notify::label", G_CALLBACK (fix_button), NULL);
        }
      else if (GTK_IS_MENU_BUTTON (root))
        {
          fix_menu_button (GTK_MENU_BUTTON (root));
        }
      else if (GTK_IS_DROP_DOWN (root))
        {
          fix_drop_down (root);
        }
      else if (ADW_IS_ACTION_ROW (root))
        {
          fix_row (ADW_ACTION_ROW (root));
        }
      else if (GTK_IS_STACK (root) || ADW_IS_VIEW_STACK (root))
        {
          track_stack (root);
        }
      g_object_set_data (G_OBJECT (root), "coach-accessible-fixed", GINT_TO_POINTER (TRUE));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    coach_accessible_fix (child);
}

static void
name_close_buttons (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) == NULL &&
          gtk_widget_get_tooltip_text (child) == NULL)
        {
          gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, _("Close"), -1);
          gtk_widget_set_tooltip_text (child, _("Close"));
        }
      name_close_buttons (child);
    }
}

/* Only the toasts on top: the overlay's own child is the app's content. */
static void
name_toast_buttons (AdwToastOverlay *overlay)
{
  GtkWidget *content = adw_toast_overlay_get_child (overlay);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (overlay)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child != content)
      name_close_buttons (child);
}

static gboolean
name_toast_buttons_idle (gpointer user_data)
{
  g_autoptr(AdwToastOverlay) overlay = user_data;

  name_toast_buttons (overlay);
  return G_SOURCE_REMOVE;
}

static void
on_toast_dismissed (AdwToast  *toast,
                    GtkWidget *overlay)
{
  /* The next toast in the queue is shown now. */
  g_idle_add (name_toast_buttons_idle, g_object_ref (overlay));
}

/**
 * coach_accessible_add_toast:
 * @overlay: where the toast shows
 * @toast: (transfer full): the toast
 *
 * Shows @toast as adw_toast_overlay_add_toast() does, and gives its close button the name
 * libadwaita 1.2 leaves out, so a screen reader does not call it "GtkImage".
 */
void
coach_accessible_add_toast (AdwToastOverlay *overlay,
                            AdwToast        *toast)
{
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_toast_dismissed), overlay, 0);
  adw_toast_overlay_add_toast (overlay, toast);
  name_toast_buttons (overlay);
}

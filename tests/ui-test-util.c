/* ui-test-util.c: helpers the widget tests share: waiting on the main loop, finding
 * controllers, clicking through a gesture.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ui-test-util.h"

/* Runs the main loop until @condition holds; fails the test after five seconds. */
void
wait_until (Condition condition,
            gpointer  data)
{
  wait_until_seconds (condition, data, 5);
}

/* Like wait_until (), for things that take real time, such as a routine running out. */
void
wait_until_seconds (Condition condition,
                    gpointer  data,
                    guint     seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* On screen and with its size, so that coordinates inside it mean something. */
gboolean
widget_is_laid_out (gpointer data)
{
  GtkWidget *widget = data;

  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

/* Returns: (transfer none) (nullable): the first controller of @type on @widget. */
GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }

  return NULL;
}

/* X events cannot be synthesized from a test, so this drives the gesture the way a real
 * click would: a press, then a release at the same point. */
void
click_gesture (GtkGestureClick *gesture,
               double           x,
               double           y)
{
  g_signal_emit_by_name (gesture, "pressed", 1, x, y);
  g_signal_emit_by_name (gesture, "released", 1, x, y);
}

GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}

typedef struct {
  GType      type;
  GtkWindow *found;
} Toplevel;

static gboolean
toplevel_is_mapped (gpointer data)
{
  Toplevel *t = data;

  t->found = find_toplevel (t->type);
  return t->found != NULL && gtk_widget_get_mapped (GTK_WIDGET (t->found));
}

gboolean
toplevel_is_gone (gpointer data)
{
  return find_toplevel (*(GType *) data) == NULL;
}

/* Opens a window through an action, checks it is shown, closes it again. */
GtkWindow *
expect_window (GType type)
{
  Toplevel t = { type, NULL };

  wait_until (toplevel_is_mapped, &t);
  return t.found;
}

void
close_and_wait (GtkWindow *window)
{
  GType type = G_OBJECT_TYPE (window);

  gtk_window_destroy (window);
  wait_until (toplevel_is_gone, &type);
}

/* The first widget of @type below @widget, depth first. */
GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_descendant (child, type)) != NULL)
        return found;
    }

  return NULL;
}

/* The widget called @name below @widget, depth first. */
GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_widget_get_name (child), name) == 0)
        return child;
      if ((found = find_named (child, name)) != NULL)
        return found;
    }

  return NULL;
}

/* Clicks the button called @name, which must be on screen and sensitive, as a person would. */
void
click (GtkWidget  *root,
       const char *name)
{
  GtkWidget *button = find_named (root, name);

  g_assert_nonnull (button);
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* Finds @widget's own shortcut for @keyval (no modifiers) and runs it, as pressing the key does.
 * Returns: whether the key did something (its action was enabled). */
gboolean
press_shortcut (GtkWidget *window,
                guint      keyval)
{
  GListModel *controllers = gtk_widget_observe_controllers (window);
  gboolean found = FALSE, pressed = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !found; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            {
              pressed = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                      window, NULL);
              found = TRUE;
              break;
            }
        }
    }
  g_object_unref (controllers);
  g_assert_true (found);
  return pressed;
}

/* Returns: (nullable): the first window of @app that is a @type. */
GtkWindow *
find_app_window (GtkApplication *app,
                 GType           type)
{
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
      return l->data;
  return NULL;
}

/* Runs a poppler-utils tool and returns what it printed. */
char *
run_tool (const char *first,
          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_find_program_in_path (first);
  g_autofree char *err = NULL;
  char *out = NULL;
  const char *arg;
  int status;
  va_list args;

  if (program == NULL)
    g_error ("%s is missing: install poppler-utils (build-aux/install-deps.sh)", first);

  g_ptr_array_add (argv, program);
  va_start (args, first);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", first, error->message, err);
  return out;
}

/* The number of pages pdfinfo counts in the PDF at @path. */
guint
count_pdf_pages (const char *path)
{
  g_autofree char *info = run_tool ("pdfinfo", path, NULL);
  const char *line = strstr (info, "\nPages:");

  g_assert_nonnull (line);
  return (guint) g_ascii_strtoull (line + strlen ("\nPages:"), NULL, 10);
}

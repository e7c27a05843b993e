/* coach-application.c: the Back Coach application object: app actions, accelerators, windows.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "coach-application"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-application.h"
#include "coach-cli.h"
#include "coach-preferences-window.h"
#include "coach-window.h"

struct _CoachApplication
{
  AdwApplication  parent_instance;

  CoachSettings  *settings;
};

G_DEFINE_FINAL_TYPE (CoachApplication, coach_application, ADW_TYPE_APPLICATION)

static void
coach_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (coach_window_new (COACH_APPLICATION (app)));

  gtk_window_present (window);
}

static void
on_quit (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);

  /* Closing each window lets it save its state, as a click on its close button would. */
  for (GList *l = gtk_application_get_windows (app); l != NULL; )
    {
      GtkWindow *window = l->data;
      l = l->next;
      gtk_window_close (window);
    }

  g_application_quit (G_APPLICATION (app));
}

static void
on_preferences (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  CoachApplication *self = COACH_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  CoachPreferencesWindow *prefs = coach_preferences_window_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
on_about (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  CoachApplication *self = COACH_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Back Coach developers", NULL };
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  g_object_set (about,
                "transient-for", parent,
                "application-name", _("Back Coach"),
                "application-icon", APP_ID,
                "version", PACKAGE_VERSION,
                "developer-name", _("The Back Coach developers"),
                "developers", developers,
                "designers", developers,
                /* Translators: put your name and email here, one translator per line */
                "translator-credits", _("translator-credits"),
                "copyright", "© 2026 The Back Coach developers",
                "license-type", GTK_LICENSE_GPL_3_0,
                "website", PACKAGE_WEBSITE,
                "issue-url", PACKAGE_WEBSITE "/issues",
                "comments", _("Guided self-massage and partner massage for people with back pain. "
                              "Massage brings modest, short-term relief as one part of staying "
                              "active; it is not a cure, and it is no replacement for a doctor "
                              "when a symptom needs one."),
                NULL);
  gtk_window_present (GTK_WINDOW (about));
}

/* Command-line tools; they run in handle_local_options and never open a window. */
static const GOptionEntry cli_options[] = {
  { "list-techniques", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("List every technique with its family, performer and regions"), NULL },
  { "plan", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Plan a routine and print it with the reason for every technique"), NULL },
  { "region", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("With --plan: a sore region (neck, upper-back, mid-back, lower-back, sacrum-hips, "
       "buttocks); repeat for more"), N_("REGION") },
  { "avoid", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("With --plan: a method family or piece of equipment to leave out; repeat for more"),
    N_("METHOD") },
  { "condition", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("With --plan: a health condition to plan around (e.g. osteoporosis, pregnancy); "
       "repeat for more"), N_("CONDITION") },
  { "equipment", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("With --plan: equipment at hand besides oil and a towel (e.g. ball, foam-roller); "
       "repeat for more"), N_("EQUIPMENT") },
  { "partner", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --plan: plan partner massage instead of self-massage"), NULL },
  { "minutes", 0, 0, G_OPTION_ARG_INT, NULL,
    N_("With --plan: length of the routine, 5 to 30 minutes (default 15)"), N_("N") },
  { "pressure", 0, 0, G_OPTION_ARG_INT, NULL,
    N_("With --plan: pressure ceiling on the 0-10 scale (default 6)"), N_("N") },
  { "seed", 0, 0, G_OPTION_ARG_INT, NULL,
    N_("With --plan: a number that varies the routine"), N_("N") },
  { "validate", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Check a technique or routine file and print any errors as FILE:LINE: field: message"),
    N_("FILE") },
  { NULL }
};

static int
coach_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) err = g_string_new (NULL);
  int status = coach_cli_run (NULL, options, out, err);

  if (status < 0)
    return G_APPLICATION_CLASS (coach_application_parent_class)->handle_local_options (app, options);

  g_print ("%s", out->str);
  g_printerr ("%s", err->str);
  return status;
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = on_quit },
  { .name = "preferences", .activate = on_preferences },
  { .name = "about", .activate = on_about },
};

static void
coach_application_startup (GApplication *app)
{
  CoachApplication *self = COACH_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (coach_application_parent_class)->startup (app);

  self->settings = coach_settings_new_default ();

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
}

static void
coach_application_dispose (GObject *object)
{
  CoachApplication *self = COACH_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (coach_application_parent_class)->dispose (object);
}

static void
coach_application_class_init (CoachApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = coach_application_dispose;
  app_class->activate = coach_application_activate;
  app_class->startup = coach_application_startup;
  app_class->handle_local_options = coach_application_handle_local_options;
}

static void
coach_application_init (CoachApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), cli_options);
}

CoachApplication *
coach_application_new (void)
{
  return g_object_new (COACH_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/com/example/BackCoach",
                       NULL);
}

/**
 * coach_application_get_settings:
 *
 * Returns: (transfer none): the preferences model, available from startup on.
 */
CoachSettings *
coach_application_get_settings (CoachApplication *self)
{
  g_return_val_if_fail (COACH_IS_APPLICATION (self), NULL);

  return self->settings;
}

/* coach-application.c: the Back Coach application object: app actions, accelerators, windows.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "coach-application"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-accessible.h"
#include "coach-application.h"
#include "coach-cli.h"
#include "coach-preferences-window.h"
#include "coach-safety-check.h"
#include "coach-window.h"

struct _CoachApplication
{
  AdwApplication  parent_instance;

  CoachSettings  *settings;
  CoachCatalog   *catalog;
  CoachPartnerStore *partner_store;
  char           *partner_store_problem;
  CoachHistoryStore *history_store;
  CoachCuePlayer *cue_player;
  guint           cue_release_id;
};

G_DEFINE_FINAL_TYPE (CoachApplication, coach_application, ADW_TYPE_APPLICATION)

static void
show_safety_check (CoachApplication *self,
                   gboolean          welcome)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  CoachSafetyCheck *check = coach_safety_check_new (self->settings, welcome);

  gtk_window_set_transient_for (GTK_WINDOW (check), parent);
  gtk_window_present (GTK_WINDOW (check));
}

static void
coach_application_activate (GApplication *app)
{
  CoachApplication *self = COACH_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  gboolean first = window == NULL;

  if (window == NULL)
    window = GTK_WINDOW (coach_window_new (self));

  gtk_window_present (window);

  /* The first launch welcomes, and asks about red flags before anything is offered. */
  if (first && !coach_settings_get_first_run_done (self->settings))
    show_safety_check (self, TRUE);
}

static void
on_safety_check (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  show_safety_check (COACH_APPLICATION (user_data), FALSE);
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

/* Command-line tools run in handle_local_options and never open a window; the first two
 * options open the app at a flow instead, as the desktop file's actions do. */
static const GOptionEntry cli_options[] = {
  { "start-routine", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open Back Coach and start today’s routine"), NULL },
  { "partner-session", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open Back Coach at the setup of a partner massage"), NULL },
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
  int status;

  for (guint i = 0; i < 2; i++)
    if (g_variant_dict_contains (options, cli_options[i].long_name))
      {
        g_autoptr(GError) error = NULL;

        if (!g_application_register (app, NULL, &error))
          {
            g_printerr ("%s\n", error->message);
            return 1;
          }
        /* A running Back Coach opens the flow in its window, and this process is done. */
        g_action_group_activate_action (G_ACTION_GROUP (app), cli_options[i].long_name, NULL);
        return g_application_get_is_remote (app) ? 0 : -1;
      }

  status = coach_cli_run (NULL, options, out, err);

  if (status < 0)
    return G_APPLICATION_CLASS (coach_application_parent_class)->handle_local_options (app, options);

  g_print ("%s", out->str);
  g_printerr ("%s", err->str);
  return status;
}

/* "start-routine" and "partner-session": the desktop file's actions open those flows directly. */
static void
on_open_flow (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  CoachApplication *self = COACH_APPLICATION (user_data);

  g_application_activate (G_APPLICATION (self));
  /* The welcome and its safety questions come before any massage. */
  if (!coach_settings_get_first_run_done (self->settings))
    return;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (COACH_IS_WINDOW (l->data))
      {
        coach_window_open_flow (l->data, g_action_get_name (G_ACTION (action)));
        return;
      }
}

static const GActionEntry app_actions[] = {
  { .name = "start-routine", .activate = on_open_flow },
  { .name = "partner-session", .activate = on_open_flow },
  { .name = "quit", .activate = on_quit },
  { .name = "preferences", .activate = on_preferences },
  { .name = "about", .activate = on_about },
  { .name = "safety-check", .activate = on_safety_check },
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
  /* Nothing is read until the first plan asks, on a worker thread. */
  self->catalog = coach_catalog_new ();

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

  g_clear_handle_id (&self->cue_release_id, g_source_remove);
  g_clear_object (&self->cue_player);
  if (self->partner_store != NULL)
    coach_partner_store_flush (self->partner_store);
  g_clear_object (&self->partner_store);
  g_clear_pointer (&self->partner_store_problem, g_free);
  /* Every session asked to be recorded is on disk before the app goes. */
  if (self->history_store != NULL)
    coach_history_store_wait (self->history_store);
  g_clear_object (&self->history_store);
  g_clear_object (&self->catalog);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (coach_application_parent_class)->dispose (object);
}

static void
coach_application_shutdown (GApplication *app)
{
  CoachApplication *self = COACH_APPLICATION (app);

  G_APPLICATION_CLASS (coach_application_parent_class)->shutdown (app);
  if (self->history_store != NULL)
    coach_history_store_wait (self->history_store);
}

static void
coach_application_class_init (CoachApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = coach_application_dispose;
  app_class->activate = coach_application_activate;
  app_class->startup = coach_application_startup;
  app_class->shutdown = coach_application_shutdown;
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

/* Returns: (transfer none): every technique, built-in and the user's own. */
CoachCatalog *
coach_application_get_catalog (CoachApplication *self)
{
  g_return_val_if_fail (COACH_IS_APPLICATION (self), NULL);

  return self->catalog;
}

/**
 * coach_application_get_partner_store:
 * @problem: (out) (optional) (transfer none): set to a translated explanation when the file
 *   could not be read as it was (a damaged one is moved aside, and says where), else %NULL
 *
 * Returns: (transfer none): the partner profiles, read the first time they are needed.
 */
CoachPartnerStore *
coach_application_get_partner_store (CoachApplication  *self,
                                     const char       **problem)
{
  g_return_val_if_fail (COACH_IS_APPLICATION (self), NULL);

  if (self->partner_store == NULL)
    {
      g_autoptr(GError) error = NULL;

      self->partner_store = coach_partner_store_new_default ();
      if (!coach_partner_store_load (self->partner_store, &error))
        self->partner_store_problem = g_strdup (error->message);
    }
  if (problem != NULL)
    *problem = self->partner_store_problem;
  return self->partner_store;
}

/**
 * coach_application_get_history_store:
 *
 * Returns: (transfer none): the recorded sessions; the file is opened by the first operation,
 * off the main thread.
 */
CoachHistoryStore *
coach_application_get_history_store (CoachApplication *self)
{
  g_return_val_if_fail (COACH_IS_APPLICATION (self), NULL);

  if (self->history_store == NULL)
    self->history_store = coach_history_store_new (NULL);
  return self->history_store;
}

static void
show_message (CoachApplication *self,
              const char       *heading,
              const char       *body)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *dialog;

  if (parent == NULL)
    {
      g_debug ("%s: %s", heading, body);
      return;
    }
  dialog = adw_message_dialog_new (parent, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  coach_accessible_fix (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * coach_application_report_history:
 * @error: (nullable): what went wrong with a history operation, if anything
 *
 * Shows @error, and, once, that a damaged history file was moved aside, in plain words.
 */
void
coach_application_report_history (CoachApplication *self,
                                  const GError     *error)
{
  g_autofree char *damage = NULL;

  g_return_if_fail (COACH_IS_APPLICATION (self));

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_message (self, _("The History Could Not Be Saved"), error->message);
  if (self->history_store != NULL &&
      (damage = coach_history_store_take_damage_report (self->history_store)) != NULL)
    show_message (self, _("The History Was Damaged"), damage);
}

/* The player streams silence while it exists, which keeps the sound device awake; a test cue
 * lets it go once the cue has long finished. */
static gboolean
release_cue_player (gpointer user_data)
{
  CoachApplication *self = user_data;

  self->cue_release_id = 0;
  g_clear_object (&self->cue_player);
  return G_SOURCE_REMOVE;
}

static void
cue_player_prepared (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CoachApplication *self = g_task_get_source_object (task);
  CoachCuePlayer *player = COACH_CUE_PLAYER (object);
  CoachCue cue = GPOINTER_TO_INT (g_task_get_task_data (task));
  GError *error = NULL;

  if (!coach_cue_player_prepare_finish (player, result, &error) ||
      !coach_cue_player_play (player, cue, &error))
    {
      /* A failed player stays failed; the next try starts afresh, e.g. after a device is
       * plugged in. */
      if (self->cue_player == player)
        {
          g_clear_handle_id (&self->cue_release_id, g_source_remove);
          g_clear_object (&self->cue_player);
        }
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * coach_application_play_cue_async:
 *
 * Plays @cue at the volume of the preferences, making the player on first use so that
 * start-up does not pay for GStreamer. The sound device opens in the background.
 */
void
coach_application_play_cue_async (CoachApplication    *self,
                                  CoachCue             cue,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (COACH_IS_APPLICATION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, coach_application_play_cue_async);
  g_task_set_task_data (task, GINT_TO_POINTER (cue), NULL);

  if (self->cue_player == NULL)
    {
      self->cue_player = coach_cue_player_new (g_getenv ("BACKCOACH_AUDIO_SINK"));
      g_object_bind_property (self->settings, "volume", self->cue_player, "volume",
                              G_BINDING_SYNC_CREATE);
    }

  g_clear_handle_id (&self->cue_release_id, g_source_remove);
  self->cue_release_id = g_timeout_add_seconds (5, release_cue_player, self);

  /* Returns at once when the player has already started. */
  coach_cue_player_prepare_async (self->cue_player, cancellable, cue_player_prepared, task);
}

/**
 * coach_application_play_cue_finish:
 *
 * Returns: %FALSE with a translated error that says what to do when no sound can be played.
 */
gboolean
coach_application_play_cue_finish (CoachApplication  *self,
                                   GAsyncResult      *result,
                                   GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

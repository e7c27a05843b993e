/* coach-partner-editor.c: a dialog to add, edit and delete a partner profile.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Adding, the dialog edits a new profile that is not in the store yet: Add checks the name,
 * puts the profile in the store and closes; Cancel or Escape drop it. Editing, every switch
 * changes the stored profile at once (the store saves by itself), and the name follows the
 * entry whenever what is typed is a name the profile can take. The rows are the same ones
 * the preferences use for the user's own back, with the same words. */
#define G_LOG_DOMAIN "coach-partner-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-accessible.h"
#include "coach-partner-editor.h"
#include "coach-profile-rows.h"

struct _CoachPartnerEditor
{
  AdwWindow            parent_instance;

  CoachPartnerStore   *store;
  CoachPartner        *partner;
  gboolean             adding;     /* the partner is not in the store (yet) */
  gboolean             finished;   /* added or deleted: nothing more to do */
  char                *error;      /* the message under the name, or NULL */

  AdwHeaderBar        *header_bar;
  GtkWidget           *cancel_button;
  GtkWidget           *add_button;
  AdwEntryRow         *name_row;
  GtkLabel            *error_label;
  AdwPreferencesGroup *regions_group;
  AdwPreferencesGroup *families_group;
  AdwPreferencesGroup *avoid_equipment_group;
  AdwPreferencesGroup *conditions_group;
  GtkWidget           *delete_group;
};

G_DEFINE_FINAL_TYPE (CoachPartnerEditor, coach_partner_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PARTNER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAVED,
  DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The name checks' messages are written to follow a colon ("a name is needed"); shown on
 * their own they start with a capital. */
static char *
capitalize (const char *text)
{
  char first[6];
  int length = g_unichar_to_utf8 (g_unichar_totitle (g_utf8_get_char (text)), first);

  return g_strdup_printf ("%.*s%s", length, first, g_utf8_next_char (text));
}

/* Shows @message under the name, or takes it away with %NULL. */
static void
show_error (CoachPartnerEditor *self,
            const char         *message)
{
  g_clear_pointer (&self->error, g_free);

  if (message != NULL && message[0] != '\0')
    {
      self->error = capitalize (message);
      gtk_label_set_label (self->error_label, self->error);
      gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->name_row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->name_row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->error,
                                      -1);
    }
  else
    {
      gtk_label_set_label (self->error_label, "");
      gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->name_row),
                                  GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->name_row),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), self->error != NULL);
}

/* Returns: (transfer full) (nullable): the typed name, checked; %NULL after showing why not. */
static char *
check_name (CoachPartnerEditor *self)
{
  g_autoptr(GError) error = NULL;
  char *name = coach_partner_normalize_name (gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                                             &error);

  show_error (self, name == NULL ? error->message : NULL);
  return name;
}

/* Editing, a good name is the partner's at once. Adding, the name is checked when Add is
 * pressed; once a problem is shown, it goes away as soon as the name is fixed. */
static void
on_name_changed (CoachPartnerEditor *self)
{
  g_autofree char *name = NULL;

  if (self->finished || (self->adding && self->error == NULL))
    return;

  name = check_name (self);
  if (name != NULL && !self->adding)
    coach_partner_set_name (self->partner, name);
}

static void
add_partner (CoachPartnerEditor *self)
{
  g_autofree char *name = NULL;

  if (!self->adding || self->finished)
    return;

  name = check_name (self);
  if (name == NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }

  self->finished = TRUE;
  coach_partner_set_name (self->partner, name);
  coach_partner_store_add (self->store, self->partner);

  /* A handler may destroy the window; it has to live until it closes. */
  g_object_ref (self);
  g_signal_emit (self, signals[SAVED], 0, self->partner);
  gtk_window_close (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
on_add_clicked (CoachPartnerEditor *self)
{
  add_partner (self);
}

/* Enter in the name adds the partner, as the Add button does. */
static void
on_name_activated (CoachPartnerEditor *self)
{
  add_partner (self);
}

static void
on_cancel_clicked (CoachPartnerEditor *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_delete_response (AdwMessageDialog   *dialog,
                    const char         *response,
                    CoachPartnerEditor *self)
{
  g_autofree char *id = NULL;

  if (g_strcmp0 (response, "delete") != 0 || self->finished)
    return;

  /* The dialog outlives this handler, and the editor may not: it must not point back to
   * the editor when it goes. (A button closes it first; adw_message_dialog_response () not.) */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));

  self->finished = TRUE;
  id = g_strdup (coach_partner_get_id (self->partner));
  coach_partner_store_remove (self->store, id);

  g_object_ref (self);
  g_signal_emit (self, signals[DELETED], 0, id);
  gtk_window_close (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
on_delete_clicked (CoachPartnerEditor *self)
{
  GtkWidget *dialog;
  g_autofree char *heading = NULL;

  /* Translators: %s is a partner's name */
  heading = g_strdup_printf (_("Delete %s?"), coach_partner_get_name (self->partner));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("Their profile and the pressure Back Coach remembers "
                                     "for them are removed. This cannot be undone."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  /* Closing the editor takes the question with it. */
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  coach_accessible_fix (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
coach_partner_editor_constructed (GObject *object)
{
  CoachPartnerEditor *self = COACH_PARTNER_EDITOR (object);
  GObject *partner;

  G_OBJECT_CLASS (coach_partner_editor_parent_class)->constructed (object);

  self->adding = self->partner == NULL;
  if (self->adding)
    /* Without a name until Add gives it the one typed: the store takes only named profiles. */
    self->partner = g_object_new (COACH_TYPE_PARTNER, NULL);
  partner = G_OBJECT (self->partner);

  if (self->adding)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("New Partner"));
      gtk_window_set_default_widget (GTK_WINDOW (self), self->add_button);
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Partner"));
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), coach_partner_get_name (self->partner));
    }
  gtk_widget_set_visible (self->cancel_button, self->adding);
  gtk_widget_set_visible (self->add_button, self->adding);
  gtk_widget_set_visible (self->delete_group, !self->adding);
  adw_header_bar_set_show_start_title_buttons (self->header_bar, !self->adding);
  adw_header_bar_set_show_end_title_buttons (self->header_bar, !self->adding);

  adw_preferences_group_add (self->regions_group,
                             coach_profile_where_it_hurts_new (partner, "sore-regions", NULL));
  coach_profile_rows_add (self->families_group, partner, "avoid-families", COACH_VOCAB_FAMILY);
  coach_profile_rows_add (self->avoid_equipment_group, partner, "avoid-equipment",
                          COACH_VOCAB_EQUIPMENT);
  coach_profile_rows_add (self->conditions_group, partner, "conditions", COACH_VOCAB_CONDITION);

  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
coach_partner_editor_dispose (GObject *object)
{
  CoachPartnerEditor *self = COACH_PARTNER_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_PARTNER_EDITOR);
  g_clear_object (&self->store);
  g_clear_object (&self->partner);

  G_OBJECT_CLASS (coach_partner_editor_parent_class)->dispose (object);
}

static void
coach_partner_editor_finalize (GObject *object)
{
  CoachPartnerEditor *self = COACH_PARTNER_EDITOR (object);

  g_free (self->error);

  G_OBJECT_CLASS (coach_partner_editor_parent_class)->finalize (object);
}

static void
coach_partner_editor_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CoachPartnerEditor *self = COACH_PARTNER_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PARTNER:
      self->partner = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_partner_editor_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CoachPartnerEditor *self = COACH_PARTNER_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PARTNER:
      g_value_set_object (value, self->partner);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_partner_editor_class_init (CoachPartnerEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = coach_partner_editor_constructed;
  object_class->dispose = coach_partner_editor_dispose;
  object_class->finalize = coach_partner_editor_finalize;
  object_class->set_property = coach_partner_editor_set_property;
  object_class->get_property = coach_partner_editor_get_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, COACH_TYPE_PARTNER_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The profile edited; %NULL at construction to add a new one. */
  properties[PROP_PARTNER] =
    g_param_spec_object ("partner", NULL, NULL, COACH_TYPE_PARTNER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CoachPartnerEditor::saved:
   * @partner: the profile just added to the store
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, COACH_TYPE_PARTNER);
  /**
   * CoachPartnerEditor::deleted:
   * @id: the id of the profile just removed from the store
   */
  signals[DELETED] =
    g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/BackCoach/coach-partner-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachPartnerEditor, header_bar);
  gtk_widget_class_bind_template_child (widget_class, CoachPartnerEditor, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CoachPartnerEditor, add_button);
  gtk_widget_class_bind_template_child (widget_class, CoachPartnerEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, CoachPartnerEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, CoachPartnerEditor, regions_group);
  gtk_widget_class_bind_template_child (widget_class, CoachPartnerEditor, families_group);
  gtk_widget_class_bind_template_child (widget_class, CoachPartnerEditor, avoid_equipment_group);
  gtk_widget_class_bind_template_child (widget_class, CoachPartnerEditor, conditions_group);
  gtk_widget_class_bind_template_child (widget_class, CoachPartnerEditor, delete_group);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_name_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
coach_partner_editor_init (CoachPartnerEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  coach_accessible_fix (GTK_WIDGET (self));
}

/**
 * coach_partner_editor_new:
 * @parent: (nullable): the window the dialog belongs to
 * @partner: (nullable): the profile to edit, which must be in @store; %NULL to add a new one
 *
 * Returns: (transfer none): the dialog, not shown yet.
 */
CoachPartnerEditor *
coach_partner_editor_new (GtkWindow         *parent,
                          CoachPartnerStore *store,
                          CoachPartner      *partner)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (COACH_IS_PARTNER_STORE (store), NULL);
  g_return_val_if_fail (partner == NULL || COACH_IS_PARTNER (partner), NULL);

  return g_object_new (COACH_TYPE_PARTNER_EDITOR,
                       "transient-for", parent,
                       "store", store,
                       "partner", partner,
                       NULL);
}

/* Returns: (transfer none): the AdwEntryRow of the name. */
GtkWidget *
coach_partner_editor_get_name_row (CoachPartnerEditor *self)
{
  g_return_val_if_fail (COACH_IS_PARTNER_EDITOR (self), NULL);

  return GTK_WIDGET (self->name_row);
}

/* Returns: (transfer none): the profile edited; adding, the new one, in the store only once
 * added. */
CoachPartner *
coach_partner_editor_get_partner (CoachPartnerEditor *self)
{
  g_return_val_if_fail (COACH_IS_PARTNER_EDITOR (self), NULL);

  return self->partner;
}

/* Returns: (nullable): why the typed name cannot be used, as shown under it; or %NULL. */
const char *
coach_partner_editor_get_error (CoachPartnerEditor *self)
{
  g_return_val_if_fail (COACH_IS_PARTNER_EDITOR (self), NULL);

  return self->error;
}

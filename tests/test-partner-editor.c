/* test-partner-editor.c: the partner editor adds a profile only with a good name, edits a
 * stored profile live, and deletes one after asking; the file follows each time.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "coach-partner-editor.h"
#include "ui-test-util.h"

typedef struct {
  char              *dir;
  char              *path;
  CoachPartnerStore *store;
  GtkWindow         *parent;

  guint              saved;
  CoachPartner      *saved_partner;
  guint              deleted;
  char              *deleted_id;
} Fixture;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_remove (path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  g_rmdir (path);
}

static CoachPartnerStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  CoachPartnerStore *store = coach_partner_store_new (path);

  g_assert_true (coach_partner_store_load (store, &error));
  g_assert_no_error (error);
  return store;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("backcoach-partner-editor-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "partners.xml", NULL);
  f->store = open_store (f->path);

  f->parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->parent, 800, 700);
  gtk_window_present (f->parent);
  wait_until (widget_is_mapped, f->parent);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *editor = find_toplevel (COACH_TYPE_PARTNER_EDITOR);

  if (editor != NULL)
    close_and_wait (editor);
  gtk_window_destroy (f->parent);
  g_object_unref (f->store);
  g_clear_object (&f->saved_partner);
  g_free (f->deleted_id);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
on_saved (CoachPartnerEditor *editor,
          CoachPartner       *partner,
          Fixture            *f)
{
  f->saved++;
  g_set_object (&f->saved_partner, partner);
}

static void
on_deleted (CoachPartnerEditor *editor,
            const char         *id,
            Fixture            *f)
{
  f->deleted++;
  g_free (f->deleted_id);
  f->deleted_id = g_strdup (id);
}

static CoachPartnerEditor *
open_editor (Fixture      *f,
             CoachPartner *partner)
{
  CoachPartnerEditor *editor = coach_partner_editor_new (f->parent, f->store, partner);

  g_signal_connect (editor, "saved", G_CALLBACK (on_saved), f);
  g_signal_connect (editor, "deleted", G_CALLBACK (on_deleted), f);
  gtk_window_present (GTK_WINDOW (editor));
  wait_until (widget_is_mapped, editor);

  g_assert_true (gtk_window_get_modal (GTK_WINDOW (editor)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == f->parent);
  return editor;
}

static gboolean
editor_is_gone (gpointer data)
{
  GType type = COACH_TYPE_PARTNER_EDITOR;

  return toplevel_is_gone (&type);
}

static gboolean
dialog_is_gone (gpointer data)
{
  GType type = ADW_TYPE_MESSAGE_DIALOG;

  return toplevel_is_gone (&type);
}

static void
set_name (CoachPartnerEditor *editor,
          const char         *text)
{
  gtk_editable_set_text (GTK_EDITABLE (coach_partner_editor_get_name_row (editor)), text);
}

/* The switch in the row called @id, e.g. "pregnancy". */
static GtkWidget *
row_switch (CoachPartnerEditor *editor,
            const char         *id)
{
  GtkWidget *row = find_named (GTK_WIDGET (editor), id);
  GtkWidget *toggle;

  g_assert_nonnull (row);
  g_assert_true (ADW_IS_ACTION_ROW (row));
  toggle = find_descendant (row, GTK_TYPE_SWITCH);
  g_assert_nonnull (toggle);
  return toggle;
}

typedef struct {
  GtkSwitch *toggle;
  gboolean   before;
} Flip;

static gboolean
switch_flipped (gpointer data)
{
  Flip *flip = data;

  return gtk_switch_get_active (flip->toggle) != flip->before;
}

/* Activates the row of @id as a click or Space does, and waits for its switch to move (it
 * moves at the end of its animation). */
static void
toggle_row (CoachPartnerEditor *editor,
            const char         *id)
{
  GtkWidget *toggle = row_switch (editor, id);
  Flip flip = { GTK_SWITCH (toggle), gtk_switch_get_active (GTK_SWITCH (toggle)) };

  adw_action_row_activate (ADW_ACTION_ROW (find_named (GTK_WIDGET (editor), id)));
  wait_until (switch_flipped, &flip);
}

static gboolean
is_shown (CoachPartnerEditor *editor,
          const char         *name)
{
  GtkWidget *widget = find_named (GTK_WIDGET (editor), name);

  g_assert_nonnull (widget);
  return gtk_widget_is_visible (widget);
}

static CoachPartner *
nth_partner (CoachPartnerStore *store,
             guint              position)
{
  g_autoptr(CoachPartner) partner = g_list_model_get_item (G_LIST_MODEL (store), position);

  g_assert_nonnull (partner);
  return partner;   /* the store keeps it */
}

/* The names in the store, in its order, joined with commas. */
static char *
store_names (CoachPartnerStore *store)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      if (i > 0)
        g_string_append_c (names, ',');
      g_string_append (names, coach_partner_get_name (nth_partner (store, i)));
    }
  return g_string_free (names, FALSE);
}

/* The store saved to the file: a new store reading it finds @expected names. */
static CoachPartnerStore *
reread (Fixture    *f,
        const char *expected)
{
  CoachPartnerStore *copy;
  g_autofree char *names = NULL;

  coach_partner_store_flush (f->store);
  g_assert_false (coach_partner_store_has_unsaved_changes (f->store));
  copy = open_store (f->path);
  names = store_names (copy);
  g_assert_cmpstr (names, ==, expected);
  return copy;
}

static CoachPartner *
add_stored (Fixture    *f,
            const char *name)
{
  g_autoptr(CoachPartner) partner = coach_partner_new (name);

  coach_partner_store_add (f->store, partner);
  return partner;   /* the store keeps it */
}

/* Adding: the name, a region, a method, a piece of equipment and a condition all reach the
 * store and the file; Add and Enter both add. */
static void
test_add (Fixture       *f,
          gconstpointer  data)
{
  CoachPartnerEditor *editor = open_editor (f, NULL);
  CoachPartner *partner = coach_partner_editor_get_partner (editor);
  g_autoptr(CoachPartnerStore) copy = NULL;
  CoachPartner *stored, *reread_partner;
  g_autofree char *id = NULL;
  GtkWidget *text;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "New Partner");
  g_assert_true (is_shown (editor, "add"));
  g_assert_true (is_shown (editor, "cancel"));
  g_assert_false (is_shown (editor, "delete-partner"));
  g_assert_true (gtk_widget_has_css_class (find_named (GTK_WIDGET (editor), "add"),
                                           "suggested-action"));
  g_assert_nonnull (partner);
  g_assert_null (coach_partner_store_lookup (f->store, coach_partner_get_id (partner)));
  id = g_strdup (coach_partner_get_id (partner));

  /* Every group is there, and switches start off. */
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (row_switch (editor, "pregnancy"))));
  g_assert_nonnull (find_named (GTK_WIDGET (editor), "tapping"));
  g_assert_nonnull (find_named (GTK_WIDGET (editor), "oil"));

  set_name (editor, "  Sam  ");
  toggle_row (editor, "lower-back");
  toggle_row (editor, "neck");
  toggle_row (editor, "pregnancy");
  toggle_row (editor, "tapping");
  toggle_row (editor, "oil");
  toggle_row (editor, "neck");   /* and off again */

  /* Nothing is stored before Add. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 0);

  click (GTK_WIDGET (editor), "add");
  wait_until (editor_is_gone, NULL);

  g_assert_cmpuint (f->saved, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 1);
  stored = nth_partner (f->store, 0);
  g_assert_true (f->saved_partner == stored);
  g_assert_cmpstr (coach_partner_get_id (stored), ==, id);
  g_assert_cmpstr (coach_partner_get_name (stored), ==, "Sam");
  g_assert_cmphex (coach_partner_get_sore_regions (stored), ==, COACH_MASK (COACH_REGION_LOWER_BACK));
  g_assert_cmphex (coach_partner_get_conditions (stored), ==, COACH_MASK (COACH_CONDITION_PREGNANCY));
  g_assert_cmphex (coach_partner_get_avoid_families (stored), ==, COACH_MASK (COACH_FAMILY_TAPPING));
  g_assert_cmphex (coach_partner_get_avoid_equipment (stored), ==, COACH_MASK (COACH_EQUIPMENT_OIL));

  copy = reread (f, "Sam");
  reread_partner = nth_partner (copy, 0);
  g_assert_cmpstr (coach_partner_get_id (reread_partner), ==, id);
  g_assert_cmphex (coach_partner_get_sore_regions (reread_partner), ==, COACH_MASK (COACH_REGION_LOWER_BACK));
  g_assert_cmphex (coach_partner_get_conditions (reread_partner), ==, COACH_MASK (COACH_CONDITION_PREGNANCY));
  g_assert_cmphex (coach_partner_get_avoid_families (reread_partner), ==, COACH_MASK (COACH_FAMILY_TAPPING));
  g_assert_cmphex (coach_partner_get_avoid_equipment (reread_partner), ==, COACH_MASK (COACH_EQUIPMENT_OIL));

  /* Enter in the name row adds too, as the text entry's own activation. */
  editor = open_editor (f, NULL);
  set_name (editor, "Alex");
  toggle_row (editor, "cancer");
  text = find_descendant (coach_partner_editor_get_name_row (editor), GTK_TYPE_TEXT);
  g_assert_nonnull (text);
  g_signal_emit_by_name (text, "activate");
  wait_until (editor_is_gone, NULL);

  g_assert_cmpuint (f->saved, ==, 2);
  g_assert_cmpstr (coach_partner_get_name (nth_partner (f->store, 0)), ==, "Alex");
  g_assert_cmphex (coach_partner_get_conditions (nth_partner (f->store, 0)), ==,
                   COACH_MASK (COACH_CONDITION_CANCER));
  g_clear_object (&copy);
  copy = reread (f, "Alex,Sam");
}

/* A name the profile cannot take is explained under the name and nothing is added. */
static void
test_bad_names (Fixture       *f,
                gconstpointer  data)
{
  CoachPartnerEditor *editor = open_editor (f, NULL);
  GtkWidget *row = coach_partner_editor_get_name_row (editor);
  g_autofree char *long_name = g_strnfill (COACH_PARTNER_NAME_MAX_CHARS + 1, 'x');
  g_autofree char *longest = g_strnfill (COACH_PARTNER_NAME_MAX_CHARS, 'y');
  g_autofree char *long_message = g_strdup_printf ("A name can have at most %d characters; this one has %d",
                                                   COACH_PARTNER_NAME_MAX_CHARS,
                                                   COACH_PARTNER_NAME_MAX_CHARS + 1);
  const struct {
    const char *name;
    const char *message;
  } cases[] = {
    { "", "A name is needed" },
    { "   \t ", "A name is needed" },
    { long_name, long_message },
    { "Sam\nSmith", "A name must be one line of text" },
  };
  GtkWidget *label;

  g_assert_null (coach_partner_editor_get_error (editor));
  g_assert_false (is_shown (editor, "name-error"));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      set_name (editor, cases[i].name);
      click (GTK_WIDGET (editor), "add");

      g_assert_cmpstr (coach_partner_editor_get_error (editor), ==, cases[i].message);
      g_assert_true (is_shown (editor, "name-error"));
      label = find_named (GTK_WIDGET (editor), "name-error");
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, cases[i].message);
      g_assert_true (gtk_widget_has_css_class (row, "error"));

      /* Still open, nothing added. */
      g_assert_true (find_toplevel (COACH_TYPE_PARTNER_EDITOR) == GTK_WINDOW (editor));
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (editor)));
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 0);
      g_assert_cmpuint (f->saved, ==, 0);
    }

  /* Fixing the name takes the message away at once. */
  set_name (editor, longest);
  g_assert_null (coach_partner_editor_get_error (editor));
  g_assert_false (is_shown (editor, "name-error"));
  g_assert_false (gtk_widget_has_css_class (row, "error"));

  click (GTK_WIDGET (editor), "add");
  wait_until (editor_is_gone, NULL);
  g_assert_cmpuint (f->saved, ==, 1);
  g_assert_cmpstr (coach_partner_get_name (nth_partner (f->store, 0)), ==, longest);
}

/* Cancel and Escape close without adding anything. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  CoachPartnerEditor *editor = open_editor (f, NULL);
  g_autoptr(CoachPartnerStore) copy = NULL;

  set_name (editor, "Jo");
  toggle_row (editor, "pregnancy");
  click (GTK_WIDGET (editor), "cancel");
  wait_until (editor_is_gone, NULL);

  editor = open_editor (f, NULL);
  set_name (editor, "Kim");
  g_assert_true (press_shortcut (GTK_WIDGET (editor), GDK_KEY_Escape));
  wait_until (editor_is_gone, NULL);

  g_assert_cmpuint (f->saved, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 0);
  g_assert_false (coach_partner_store_has_unsaved_changes (f->store));
  copy = reread (f, "");
}

/* Editing changes the stored profile as it goes; a rename moves it in the sorted store, and a
 * name it cannot take is explained and not applied. */
static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  CoachPartner *dan;
  CoachPartnerEditor *editor;
  g_autoptr(CoachPartnerStore) copy = NULL;
  g_autofree char *names = NULL;
  CoachPartner *reread_dan;

  add_stored (f, "Bea");
  dan = add_stored (f, "Dan");
  add_stored (f, "Fay");
  coach_partner_set_conditions (dan, COACH_MASK (COACH_CONDITION_OSTEOPOROSIS));
  coach_partner_store_flush (f->store);

  editor = open_editor (f, dan);
  g_assert_true (coach_partner_editor_get_partner (editor) == dan);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Edit Partner");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (coach_partner_editor_get_name_row (editor))),
                   ==, "Dan");
  g_assert_false (is_shown (editor, "add"));
  g_assert_false (is_shown (editor, "cancel"));
  g_assert_true (is_shown (editor, "delete-partner"));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (row_switch (editor, "osteoporosis"))));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (row_switch (editor, "neck"))));

  /* Switches change the stored profile at once. */
  toggle_row (editor, "neck");
  g_assert_cmphex (coach_partner_get_sore_regions (dan), ==, COACH_MASK (COACH_REGION_NECK));
  toggle_row (editor, "osteoporosis");
  g_assert_cmphex (coach_partner_get_conditions (dan), ==, 0);
  toggle_row (editor, "foam-roller");
  g_assert_cmphex (coach_partner_get_avoid_equipment (dan), ==, COACH_MASK (COACH_EQUIPMENT_FOAM_ROLLER));
  toggle_row (editor, "deep-tissue");
  g_assert_cmphex (coach_partner_get_avoid_families (dan), ==, COACH_MASK (COACH_FAMILY_DEEP_TISSUE));
  g_assert_true (coach_partner_store_has_unsaved_changes (f->store));

  /* A change of the profile elsewhere shows in the rows. */
  coach_partner_set_conditions (dan, COACH_MASK (COACH_CONDITION_FEVER));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (row_switch (editor, "fever"))));

  /* A rename moves the profile in the store. */
  set_name (editor, "Abe");
  g_assert_cmpstr (coach_partner_get_name (dan), ==, "Abe");
  g_assert_true (nth_partner (f->store, 0) == dan);
  names = store_names (f->store);
  g_assert_cmpstr (names, ==, "Abe,Bea,Fay");

  /* An empty name is explained and not applied. */
  set_name (editor, "  ");
  g_assert_cmpstr (coach_partner_editor_get_error (editor), ==, "A name is needed");
  g_assert_true (is_shown (editor, "name-error"));
  g_assert_cmpstr (coach_partner_get_name (dan), ==, "Abe");

  set_name (editor, " Zed ");
  g_assert_null (coach_partner_editor_get_error (editor));
  g_assert_false (is_shown (editor, "name-error"));
  g_assert_cmpstr (coach_partner_get_name (dan), ==, "Zed");
  g_assert_true (nth_partner (f->store, 2) == dan);

  /* Escape closes; everything stays as changed, and nothing was "saved" as a new one. */
  g_assert_true (press_shortcut (GTK_WIDGET (editor), GDK_KEY_Escape));
  wait_until (editor_is_gone, NULL);
  g_assert_cmpuint (f->saved, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 3);

  copy = reread (f, "Bea,Fay,Zed");
  reread_dan = nth_partner (copy, 2);
  g_assert_cmpstr (coach_partner_get_id (reread_dan), ==, coach_partner_get_id (dan));
  g_assert_cmphex (coach_partner_get_sore_regions (reread_dan), ==, COACH_MASK (COACH_REGION_NECK));
  g_assert_cmphex (coach_partner_get_conditions (reread_dan), ==, COACH_MASK (COACH_CONDITION_FEVER));
  g_assert_cmphex (coach_partner_get_avoid_equipment (reread_dan), ==,
                   COACH_MASK (COACH_EQUIPMENT_FOAM_ROLLER));
  g_assert_cmphex (coach_partner_get_avoid_families (reread_dan), ==,
                   COACH_MASK (COACH_FAMILY_DEEP_TISSUE));
}

/* The button labelled @label below @widget. */
static GtkWidget *
find_labelled (GtkWidget  *widget,
               const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_labelled (child, label)) != NULL)
        return found;
    }

  return NULL;
}

static AdwMessageDialog *
expect_question (Fixture *f)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (expect_window (ADW_TYPE_MESSAGE_DIALOG));

  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (COACH_IS_PARTNER_EDITOR (gtk_window_get_transient_for (GTK_WINDOW (dialog))));
  return dialog;
}

/* Delete asks first; cancelled, nothing goes; confirmed, the profile leaves the store and
 * the file. */
static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  CoachPartner *dan;
  CoachPartnerEditor *editor;
  AdwMessageDialog *dialog;
  GtkWidget *button;
  g_autoptr(CoachPartnerStore) copy = NULL;
  g_autofree char *id = NULL;

  add_stored (f, "Bea");
  dan = add_stored (f, "Dan");
  id = g_strdup (coach_partner_get_id (dan));
  coach_partner_store_flush (f->store);
  g_clear_object (&copy);
  copy = reread (f, "Bea,Dan");

  editor = open_editor (f, dan);
  g_assert_true (gtk_widget_has_css_class (find_named (GTK_WIDGET (editor), "delete-partner"),
                                           "destructive-action"));

  /* Closing the question is a no. */
  click (GTK_WIDGET (editor), "delete-partner");
  dialog = expect_question (f);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete Dan?");
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "delete"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");
  gtk_window_close (GTK_WINDOW (dialog));
  wait_until (dialog_is_gone, NULL);
  g_assert_true (coach_partner_store_lookup (f->store, id) == dan);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (editor)));
  g_assert_cmpuint (f->deleted, ==, 0);

  click (GTK_WIDGET (editor), "delete-partner");
  dialog = expect_question (f);
  adw_message_dialog_response (dialog, "delete");
  wait_until (editor_is_gone, NULL);
  wait_until (dialog_is_gone, NULL);

  g_assert_cmpuint (f->deleted, ==, 1);
  g_assert_cmpstr (f->deleted_id, ==, id);
  g_assert_null (coach_partner_store_lookup (f->store, id));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 1);
  g_clear_object (&copy);
  copy = reread (f, "Bea");
  g_assert_null (coach_partner_store_lookup (copy, id));

  /* The dialog's own Delete button does the same. */
  g_free (id);
  id = g_strdup (coach_partner_get_id (nth_partner (f->store, 0)));
  editor = open_editor (f, nth_partner (f->store, 0));
  click (GTK_WIDGET (editor), "delete-partner");
  dialog = expect_question (f);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete Bea?");
  button = find_labelled (GTK_WIDGET (dialog), "_Delete");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  wait_until (editor_is_gone, NULL);
  wait_until (dialog_is_gone, NULL);

  g_assert_cmpuint (f->deleted, ==, 2);
  g_assert_cmpstr (f->deleted_id, ==, id);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 0);
  g_clear_object (&copy);
  copy = reread (f, "");
}

/* The editor fits a phone-sized window: nothing holds it wider than 360 pixels. */
static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  CoachPartnerEditor *editor = open_editor (f, add_stored (f, "A rather long name for a partner, to see it wrap"));
  GtkWidget *content = adw_window_get_content (ADW_WINDOW (editor));
  int minimum;

  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, >, 0);
  g_assert_cmpint (minimum, <=, 360);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/partner-editor/add", Fixture, NULL, fixture_set_up, test_add, fixture_tear_down);
  g_test_add ("/partner-editor/bad-names", Fixture, NULL, fixture_set_up, test_bad_names, fixture_tear_down);
  g_test_add ("/partner-editor/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/partner-editor/edit", Fixture, NULL, fixture_set_up, test_edit, fixture_tear_down);
  g_test_add ("/partner-editor/delete", Fixture, NULL, fixture_set_up, test_delete, fixture_tear_down);
  g_test_add ("/partner-editor/narrow", Fixture, NULL, fixture_set_up, test_narrow, fixture_tear_down);

  return g_test_run ();
}

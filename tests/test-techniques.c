/* test-techniques.c: the Techniques view lists exactly the cards its search and filters ask for,
 * hides and marks avoided cards, opens cards, and the review window flips through them.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "coach-card-filter.h"
#include "coach-techniques-view.h"
#include "ui-test-util.h"

static CoachCatalog *catalog;

typedef struct {
  GtkWindow           *window;
  CoachTechniquesView *view;
  CoachSettings       *settings;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GSettings *gsettings = g_settings_new ("com.example.BackCoach");

  /* The memory backend keeps values between tests of one program. */
  g_settings_reset (gsettings, "avoid-families");
  g_settings_reset (gsettings, "avoid-equipment");
  g_settings_reset (gsettings, "conditions");
  g_settings_reset (gsettings, "chosen-techniques");
  f->settings = coach_settings_new (gsettings);
  g_object_unref (gsettings);

  f->view = g_object_new (COACH_TYPE_TECHNIQUES_VIEW, NULL);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1000, 700);
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  coach_techniques_view_setup (f->view, f->settings, catalog);
  gtk_window_present (f->window);
  wait_until (widget_is_mapped, f->view);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  g_object_unref (f->settings);
}

static GtkWidget *
template_child (Fixture    *f,
                const char *name)
{
  GtkWidget *child = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->view),
                                                                COACH_TYPE_TECHNIQUES_VIEW, name));
  g_assert_nonnull (child);
  return child;
}

/* The ids the view lists, in its order. */
static GPtrArray *
listed_ids (Fixture *f)
{
  GListModel *model = coach_techniques_view_get_model (f->view);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CoachTechnique) t = g_list_model_get_item (model, i);
      g_ptr_array_add (ids, g_strdup (coach_technique_get_id (t)));
    }
  return ids;
}

/* Checks that the view lists exactly the catalog cards @query matches. */
static void
assert_lists (Fixture              *f,
              const CoachCardQuery *query)
{
  GPtrArray *techniques = coach_catalog_get_techniques (catalog);
  g_autoptr(GPtrArray) ids = listed_ids (f);
  guint expected = 0;

  for (guint i = 0; i < techniques->len; i++)
    {
      CoachTechnique *t = g_ptr_array_index (techniques, i);
      gboolean wanted = coach_card_query_matches (query, t);
      gboolean listed = g_ptr_array_find_with_equal_func (ids, coach_technique_get_id (t),
                                                          g_str_equal, NULL);

      g_assert_cmpint (listed, ==, wanted);
      expected += wanted;
    }
  g_assert_cmpuint (ids->len, ==, expected);
}

static void
test_all_cards_sorted (Fixture       *f,
                       gconstpointer  data)
{
  GListModel *model = coach_techniques_view_get_model (f->view);
  GtkLabel *count = GTK_LABEL (template_child (f, "count_label"));
  guint n = g_list_model_get_n_items (model);
  g_autofree char *text = g_strdup_printf ("%u techniques", coach_catalog_get_techniques (catalog)->len);

  g_assert_cmpuint (n, ==, coach_catalog_get_techniques (catalog)->len);
  g_assert_cmpstr (gtk_label_get_label (count), ==, text);
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(CoachTechnique) a = g_list_model_get_item (model, i - 1);
      g_autoptr(CoachTechnique) b = g_list_model_get_item (model, i);
      g_assert_cmpint (g_utf8_collate (coach_technique_get_name (a), coach_technique_get_name (b)), <=, 0);
    }

  /* The first card is open beside the list. */
  {
    g_autoptr(CoachTechnique) first = g_list_model_get_item (model, 0);
    g_assert_true (coach_card_page_get_technique (coach_techniques_view_get_card_page (f->view)) == first);
  }
}

static void
test_search_and_filters (Fixture       *f,
                         gconstpointer  data)
{
  GtkEditable *search = GTK_EDITABLE (template_child (f, "search_entry"));
  AdwComboRow *region = ADW_COMBO_ROW (template_child (f, "region_row"));
  AdwComboRow *family = ADW_COMBO_ROW (template_child (f, "family_row"));
  AdwComboRow *performer = ADW_COMBO_ROW (template_child (f, "performer_row"));
  AdwComboRow *equipment = ADW_COMBO_ROW (template_child (f, "equipment_row"));
  GtkStack *stack = GTK_STACK (template_child (f, "list_stack"));
  CoachCardQuery query;
  g_autoptr(GPtrArray) roller = NULL;

  coach_card_query_init (&query);

  /* The search entry filters after its short delay, as typing does. */
  gtk_editable_set_text (search, "roller");
  g_signal_emit_by_name (search, "search-changed");
  roller = listed_ids (f);
  g_assert_cmpuint (roller->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (roller, 0), ==, "foam-roller-mid-back");
  gtk_editable_set_text (search, "");
  g_signal_emit_by_name (search, "search-changed");

  /* Every value of each filter, one at a time. */
  for (guint r = 0; r < COACH_N_REGIONS; r++)
    {
      adw_combo_row_set_selected (region, r + 1);
      query.region = r;
      assert_lists (f, &query);
    }
  adw_combo_row_set_selected (region, 0);
  query.region = COACH_CARD_ANY;

  for (guint m = 0; m < COACH_N_FAMILIES; m++)
    {
      adw_combo_row_set_selected (family, m + 1);
      query.family = m;
      assert_lists (f, &query);
    }
  adw_combo_row_set_selected (family, 0);
  query.family = COACH_CARD_ANY;

  adw_combo_row_set_selected (performer, 1);
  query.performer = COACH_PERFORMER_SELF;
  assert_lists (f, &query);
  adw_combo_row_set_selected (performer, 2);
  query.performer = COACH_PERFORMER_PARTNER;
  assert_lists (f, &query);
  adw_combo_row_set_selected (performer, 0);
  query.performer = COACH_CARD_ANY;

  adw_combo_row_set_selected (equipment, 1);
  query.equipment = COACH_CARD_NO_EQUIPMENT;
  assert_lists (f, &query);
  for (guint e = 0; e < COACH_N_EQUIPMENT; e++)
    {
      adw_combo_row_set_selected (equipment, e + 2);
      query.equipment = e;
      assert_lists (f, &query);
    }

  /* Filters combine; nothing left shows the empty page, and Clear Filters brings all back. */
  adw_combo_row_set_selected (equipment, 2 + COACH_EQUIPMENT_FOAM_ROLLER);
  adw_combo_row_set_selected (performer, 2);
  g_assert_cmpuint (g_list_model_get_n_items (coach_techniques_view_get_model (f->view)), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_false (gtk_widget_is_sensitive (template_child (f, "review_button")));
  gtk_widget_activate_action (GTK_WIDGET (f->view), "techniques.clear-filters", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (coach_techniques_view_get_model (f->view)), ==,
                    coach_catalog_get_techniques (catalog)->len);
}

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_visible (child) &&
          g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), text) == 0)
        return TRUE;
      if (has_label (child, text))
        return TRUE;
    }
  return FALSE;
}

static void
test_avoided_cards (Fixture       *f,
                    gconstpointer  data)
{
  GtkSwitch *hide = GTK_SWITCH (template_child (f, "hide_switch"));
  GtkLabel *count = GTK_LABEL (template_child (f, "count_label"));
  GtkWidget *list = template_child (f, "list_view");
  CoachCardPage *page = coach_techniques_view_get_card_page (f->view);
  g_autoptr(GPtrArray) ids = NULL;

  /* Avoiding a method in Preferences hides its cards at once. */
  coach_settings_set_flag (f->settings, "avoid-families", COACH_FAMILY_TAPPING, TRUE);
  ids = listed_ids (f);
  g_assert_false (g_ptr_array_find_with_equal_func (ids, "partner-tapping", g_str_equal, NULL));
  g_assert_false (g_ptr_array_find_with_equal_func (ids, "self-tapping-shoulders-buttocks", g_str_equal, NULL));
  g_assert_cmpuint (ids->len, ==, coach_catalog_get_techniques (catalog)->len - 2);
  g_assert_nonnull (strstr (gtk_label_get_label (count), "2 hidden because you avoid them"));
  g_clear_pointer (&ids, g_ptr_array_unref);

  /* Shown again on request, each marked with the reason in the list and on its card. */
  gtk_switch_set_active (hide, FALSE);
  ids = listed_ids (f);
  g_assert_cmpuint (ids->len, ==, coach_catalog_get_techniques (catalog)->len);
  g_assert_true (coach_techniques_view_show_technique (f->view, "partner-tapping"));
  wait_until (widget_is_laid_out, list);
  g_assert_true (has_label (list, "You avoid this method (Tapping)."));
  g_assert_true (coach_card_page_get_technique (page) ==
                 coach_catalog_lookup (catalog, "partner-tapping"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                                                    COACH_TYPE_CARD_PAGE,
                                                                                    "avoid_box"))));

  /* A health condition marks the cards it rules out. */
  coach_settings_set_flag (f->settings, "conditions", COACH_CONDITION_OSTEOPOROSIS, TRUE);
  g_assert_true (coach_techniques_view_show_technique (f->view, "foam-roller-mid-back"));
  g_assert_true (gtk_switch_get_active (hide) == FALSE);
  wait_until (widget_is_laid_out, list);
  g_assert_true (has_label (list, "Not suitable with your health condition (Severe osteoporosis)."));
}

static void
test_card_page (Fixture       *f,
                gconstpointer  data)
{
  CoachCardPage *page = coach_techniques_view_get_card_page (f->view);
  CoachTechnique *t = coach_catalog_lookup (catalog, "self-neck-kneading");
  GtkWidget *routine_button = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (page), COACH_TYPE_CARD_PAGE,
                                                             "routine_button");
  CoachStepIllustration *illustration;

  g_assert_true (coach_techniques_view_show_technique (f->view, "self-neck-kneading"));
  g_assert_true (coach_card_page_get_technique (page) == t);
  wait_until (widget_is_laid_out, page);

  /* Name, every caution and every step with its illustration. */
  g_assert_true (has_label (GTK_WIDGET (page), coach_technique_get_name (t)));
  for (guint i = 0; i < coach_technique_get_n_cautions (t); i++)
    {
      g_autofree char *bullet = g_strdup_printf ("• %s", coach_technique_get_caution (t, i));
      g_assert_true (has_label (GTK_WIDGET (page), bullet));
    }
  for (guint n = 1; n <= coach_technique_get_n_steps (t); n++)
    {
      g_assert_true (has_label (GTK_WIDGET (page), coach_step_get_instruction (coach_technique_get_step (t, n))));
      g_assert_nonnull (coach_card_page_get_step_illustration (page, n));
    }
  g_assert_null (coach_card_page_get_step_illustration (page, coach_technique_get_n_steps (t) + 1));

  /* The play button animates its step. */
  illustration = coach_card_page_get_step_illustration (page, 1);
  g_assert_false (coach_step_illustration_get_playing (illustration));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (gtk_widget_get_last_child (gtk_widget_get_parent (GTK_WIDGET (illustration)))), TRUE);
  g_assert_true (coach_step_illustration_get_playing (illustration));

  /* Add to Routine puts it in the profile's routine, and takes it out again. */
  g_assert_false (coach_settings_is_technique_chosen (f->settings, "self-neck-kneading"));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (routine_button)), ==, "_Add to Routine");
  g_signal_emit_by_name (routine_button, "clicked");
  g_assert_true (coach_settings_is_technique_chosen (f->settings, "self-neck-kneading"));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (routine_button)), ==, "_Remove from Routine");
  g_signal_emit_by_name (routine_button, "clicked");
  g_assert_false (coach_settings_is_technique_chosen (f->settings, "self-neck-kneading"));
}

static CoachTechnique *
reviewed (CoachReviewWindow *review)
{
  return coach_card_page_get_technique (coach_review_window_get_page (review));
}

static void
test_review (Fixture       *f,
             gconstpointer  data)
{
  AdwComboRow *performer = ADW_COMBO_ROW (template_child (f, "performer_row"));
  GListModel *model = coach_techniques_view_get_model (f->view);
  CoachReviewWindow *review;
  guint n;

  /* Review goes through the cards listed, from the open one. */
  adw_combo_row_set_selected (performer, 2);
  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, >, 3);
  {
    g_autoptr(CoachTechnique) second = g_list_model_get_item (model, 1);
    g_assert_true (coach_techniques_view_show_technique (f->view, coach_technique_get_id (second)));
  }

  review = coach_techniques_view_open_review (f->view);
  gtk_window_present (GTK_WINDOW (review));
  wait_until (widget_is_mapped, review);
  g_assert_cmpuint (coach_review_window_get_position (review), ==, 1);

  for (guint expected = 2; expected < n; expected++)
    {
      g_autoptr(CoachTechnique) t = g_list_model_get_item (model, expected);

      g_assert_true (press_shortcut (GTK_WIDGET (review), GDK_KEY_Right));
      g_assert_cmpuint (coach_review_window_get_position (review), ==, expected);
      g_assert_true (reviewed (review) == t);
    }
  /* The last card stays the last. */
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (review),
                                                                                      COACH_TYPE_REVIEW_WINDOW,
                                                                                      "next_button"))));
  g_assert_false (press_shortcut (GTK_WIDGET (review), GDK_KEY_Right));
  g_assert_cmpuint (coach_review_window_get_position (review), ==, n - 1);

  press_shortcut (GTK_WIDGET (review), GDK_KEY_Left);
  g_assert_cmpuint (coach_review_window_get_position (review), ==, n - 2);
  press_shortcut (GTK_WIDGET (review), GDK_KEY_Home);
  g_assert_cmpuint (coach_review_window_get_position (review), ==, 0);
  g_assert_false (press_shortcut (GTK_WIDGET (review), GDK_KEY_Left));
  g_assert_cmpuint (coach_review_window_get_position (review), ==, 0);
  {
    g_autoptr(CoachTechnique) first = g_list_model_get_item (model, 0);
    g_assert_true (reviewed (review) == first);
  }
  press_shortcut (GTK_WIDGET (review), GDK_KEY_End);
  g_assert_cmpuint (coach_review_window_get_position (review), ==, n - 1);

  /* Narrowing the list while reviewing keeps the position inside it. */
  adw_combo_row_set_selected (performer, 1);
  g_assert_cmpuint (coach_review_window_get_position (review), <, g_list_model_get_n_items (model));
  g_assert_true (coach_technique_get_performer (reviewed (review)) != COACH_PERFORMER_PARTNER);

  close_and_wait (GTK_WINDOW (review));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  catalog = coach_catalog_new_with_user_dir (NULL);

  g_test_add ("/techniques/all-cards-sorted", Fixture, NULL, fixture_set_up, test_all_cards_sorted, fixture_tear_down);
  g_test_add ("/techniques/search-and-filters", Fixture, NULL, fixture_set_up, test_search_and_filters, fixture_tear_down);
  g_test_add ("/techniques/avoided-cards", Fixture, NULL, fixture_set_up, test_avoided_cards, fixture_tear_down);
  g_test_add ("/techniques/card-page", Fixture, NULL, fixture_set_up, test_card_page, fixture_tear_down);
  g_test_add ("/techniques/review", Fixture, NULL, fixture_set_up, test_review, fixture_tear_down);

  status = g_test_run ();
  g_object_unref (catalog);
  return status;
}

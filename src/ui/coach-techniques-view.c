/* coach-techniques-view.c: every technique card, with search and filters, beside the open card.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list is a GtkListView over catalog → filter → sort models. The filter's rules live in
 * core (coach-card-filter), so tests check exactly what the view shows. The catalog is read
 * the first time the view is shown, not at start-up. */
#define G_LOG_DOMAIN "coach-techniques-view"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-accessible.h"
#include "coach-back-outline.h"
#include "coach-card-filter.h"
#include "coach-card-page.h"
#include "coach-format.h"
#include "coach-review-window.h"
#include "coach-safety.h"
#include "coach-techniques-view.h"

struct _CoachTechniquesView
{
  AdwBin               parent_instance;

  CoachSettings       *settings;
  CoachCatalog        *catalog;
  GListStore          *store;
  GtkFilterListModel  *filtered;
  GtkSortListModel    *sorted;
  GtkSingleSelection  *selection;
  GtkCustomFilter     *filter;
  char                *search;
  CoachCardQuery       query;

  AdwLeaflet          *leaflet;
  GtkSearchEntry      *search_entry;
  GtkMenuButton       *filter_button;
  AdwComboRow         *region_row;
  AdwComboRow         *family_row;
  AdwComboRow         *performer_row;
  AdwComboRow         *equipment_row;
  GtkSwitch           *hide_switch;
  GtkLabel            *count_label;
  GtkStack            *list_stack;
  GtkListView         *list_view;
  GtkWidget           *content;
  CoachCardPage       *card_page;
  GtkWidget           *review_button;
};

G_DEFINE_FINAL_TYPE (CoachTechniquesView, coach_techniques_view, ADW_TYPE_BIN)

/* The combo rows list "Any" first, then the vocabulary in order; the equipment row also
 * offers "None needed" second. */
#define EQUIPMENT_NONE_POSITION 1

static void
fill_profile (CoachTechniquesView *self,
              CoachAvoidProfile   *profile)
{
  profile->avoid_families = coach_settings_get_avoid_families (self->settings);
  profile->avoid_equipment = coach_settings_get_avoid_equipment (self->settings);
  profile->conditions = coach_settings_get_conditions (self->settings);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  CoachTechniquesView *self = user_data;

  return coach_card_query_matches (&self->query, COACH_TECHNIQUE (item));
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  return g_utf8_collate (coach_technique_get_name (COACH_TECHNIQUE ((gpointer) a)),
                         coach_technique_get_name (COACH_TECHNIQUE ((gpointer) b)));
}

static void
update_count (CoachTechniquesView *self)
{
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  guint hidden = 0;
  g_autofree char *text = NULL;
  guint n_filters = (self->query.region != COACH_CARD_ANY) + (self->query.family != COACH_CARD_ANY) +
                    (self->query.performer != COACH_CARD_ANY) + (self->query.equipment != COACH_CARD_ANY);
  g_autofree char *filter_label = NULL;

  if (self->query.hide_avoided)
    for (guint i = 0; i < total; i++)
      {
        g_autoptr(CoachTechnique) t = g_list_model_get_item (G_LIST_MODEL (self->store), i);
        if (coach_avoid_profile_check (&self->query.avoid, t, NULL) != COACH_AVOID_NONE)
          hidden++;
      }

  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u technique", "%u techniques", total), total);
  else if (hidden > 0)
    /* Translators: "12 of 39 techniques, 4 hidden because you avoid them" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u of %u techniques, %u hidden because you avoid it",
                                         "%u of %u techniques, %u hidden because you avoid them",
                                         hidden),
                            shown, total, hidden);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u technique", "%u of %u techniques", total),
                            shown, total);
  gtk_label_set_label (self->count_label, text);

  if (n_filters > 0)
    /* Translators: the filter button with the number of filters in use, e.g. "_Filters (2)" */
    filter_label = g_strdup_printf (_("_Filters (%u)"), n_filters);
  gtk_menu_button_set_label (self->filter_button, filter_label != NULL ? filter_label : _("_Filters"));

  gtk_stack_set_visible_child_name (self->list_stack, shown > 0 ? "list" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "techniques.review", shown > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "techniques.clear-filters",
                                 coach_card_query_is_filtered (&self->query) || !self->query.hide_avoided);
}

/* Reads the controls into the query and filters again. */
static void
refilter (CoachTechniquesView *self)
{
  guint equipment = adw_combo_row_get_selected (self->equipment_row);

  g_free (self->search);
  self->search = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  self->query.search = self->search;
  self->query.region = (int) adw_combo_row_get_selected (self->region_row) - 1;
  self->query.family = (int) adw_combo_row_get_selected (self->family_row) - 1;
  switch (adw_combo_row_get_selected (self->performer_row))
    {
    case 1:
      self->query.performer = COACH_PERFORMER_SELF;
      break;
    case 2:
      self->query.performer = COACH_PERFORMER_PARTNER;
      break;
    default:
      self->query.performer = COACH_CARD_ANY;
    }
  if (equipment == 0)
    self->query.equipment = COACH_CARD_ANY;
  else if (equipment == EQUIPMENT_NONE_POSITION)
    self->query.equipment = COACH_CARD_NO_EQUIPMENT;
  else
    self->query.equipment = (int) equipment - EQUIPMENT_NONE_POSITION - 1;
  self->query.hide_avoided = gtk_switch_get_active (self->hide_switch);
  if (self->settings != NULL)
    fill_profile (self, &self->query.avoid);

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
on_control_changed (CoachTechniquesView *self)
{
  refilter (self);
}

static void
on_selected_changed (GtkSingleSelection  *selection,
                     GParamSpec          *pspec,
                     CoachTechniquesView *self)
{
  coach_card_page_set_technique (self->card_page, gtk_single_selection_get_selected_item (selection));
}

static void
on_activate (GtkListView         *list,
             guint                position,
             CoachTechniquesView *self)
{
  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

/* Enter in the search opens the first card found, as in GNOME Settings. */
static void
on_search_activate (GtkSearchEntry      *entry,
                    CoachTechniquesView *self)
{
  /* The search may still be waiting for typing to pause: it applies now. */
  on_control_changed (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    on_activate (self->list_view, 0, self);
}

/* ---- List rows --------------------------------------------------------------------- */

static void
draw_thumbnail (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  CoachTechnique *technique = g_object_get_data (G_OBJECT (area), "technique");
  CoachOutlineStyle style;
  cairo_matrix_t matrix;

  if (technique == NULL)
    return;
  coach_outline_style_init_from_widget (&style, GTK_WIDGET (area));
  coach_back_outline_get_transform (width, height, &matrix);
  cairo_transform (cr, &matrix);
  coach_back_outline_draw (cr, &style, coach_technique_get_regions (technique), -1);
}

typedef struct {
  GtkWidget *thumbnail;
  GtkWidget *name;
  GtkWidget *meta;
  GtkWidget *avoided;
} RowWidgets;

static void
update_row_avoided (GtkWidget           *box,
                    CoachTechniquesView *self)
{
  RowWidgets *w = g_object_get_data (G_OBJECT (box), "widgets");
  CoachTechnique *technique = g_object_get_data (G_OBJECT (w->thumbnail), "technique");
  CoachAvoidProfile profile;
  g_autofree char *reason = NULL;

  if (technique != NULL && self->settings != NULL)
    {
      fill_profile (self, &profile);
      reason = coach_avoid_profile_explain (&profile, technique);
    }
  gtk_label_set_label (GTK_LABEL (w->avoided), reason != NULL ? reason : "");
  gtk_widget_set_visible (w->avoided, reason != NULL);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           CoachTechniquesView      *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  RowWidgets *w = g_new0 (RowWidgets, 1);

  w->thumbnail = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (w->thumbnail), 36);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (w->thumbnail), 58);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (w->thumbnail), draw_thumbnail, NULL, NULL);
  gtk_widget_set_valign (w->thumbnail, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), w->thumbnail);

  w->name = gtk_label_new (NULL);
  w->meta = gtk_label_new (NULL);
  w->avoided = gtk_label_new (NULL);
  for (GtkWidget **label = &w->name; label <= &w->avoided; label++)
    {
      gtk_label_set_xalign (GTK_LABEL (*label), 0);
      gtk_label_set_wrap (GTK_LABEL (*label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (*label), PANGO_WRAP_WORD_CHAR);
      /* Keeps the list a sidebar beside the card rather than half the window. */
      gtk_label_set_max_width_chars (GTK_LABEL (*label), 34);
      gtk_box_append (GTK_BOX (text), *label);
    }
  gtk_widget_add_css_class (w->name, "heading");
  gtk_widget_add_css_class (w->meta, "caption");
  gtk_widget_add_css_class (w->meta, "dim-label");
  gtk_widget_add_css_class (w->avoided, "caption");
  gtk_widget_add_css_class (w->avoided, "warning");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), text);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  g_object_set_data_full (G_OBJECT (box), "widgets", w, g_free);
  gtk_list_item_set_child (item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          CoachTechniquesView      *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  RowWidgets *w = g_object_get_data (G_OBJECT (box), "widgets");
  CoachTechnique *t = gtk_list_item_get_item (item);
  guint pressure = coach_technique_get_pressure (t);
  g_autofree char *regions = coach_format_mask (COACH_VOCAB_REGION, coach_technique_get_regions (t));
  /* Translators: a card in the list: method · who · pressure · regions,
   * e.g. "Kneading · Self-massage · Pressure 4 · Neck, Upper back" */
  g_autofree char *meta = g_strdup_printf (_("%s · %s · Pressure %u · %s"),
                                           coach_vocab_get_label (COACH_VOCAB_FAMILY,
                                                                  coach_technique_get_family (t)),
                                           coach_vocab_get_label (COACH_VOCAB_PERFORMER,
                                                                  coach_technique_get_performer (t)),
                                           pressure, regions);

  g_object_set_data_full (G_OBJECT (w->thumbnail), "technique", g_object_ref (t), g_object_unref);
  gtk_widget_queue_draw (w->thumbnail);
  {
    /* Translators: the accessible name of a card's small drawing, e.g. "Regions: Neck, Mid back" */
    g_autofree char *drawing = g_strdup_printf (_("Regions: %s"), regions);
    gtk_accessible_update_property (GTK_ACCESSIBLE (w->thumbnail),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, drawing, -1);
  }
  gtk_label_set_label (GTK_LABEL (w->name), coach_technique_get_name (t));
  gtk_label_set_label (GTK_LABEL (w->meta), meta);
  update_row_avoided (box, self);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            CoachTechniquesView      *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  RowWidgets *w = g_object_get_data (G_OBJECT (box), "widgets");

  g_object_set_data (G_OBJECT (w->thumbnail), "technique", NULL);
}

/* Bound rows show their avoided reason again when the profile changes. */
static void
refresh_rows (CoachTechniquesView *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *box = gtk_widget_get_first_child (child);

      if (box != NULL && g_object_get_data (G_OBJECT (box), "widgets") != NULL)
        update_row_avoided (box, self);
    }
}

static void
on_profile_changed (CoachSettings       *settings,
                    GParamSpec          *pspec,
                    CoachTechniquesView *self)
{
  refilter (self);
  refresh_rows (self);
}

/* ---- Actions ----------------------------------------------------------------------- */

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CoachTechniquesView *self = COACH_TECHNIQUES_VIEW (widget);

  coach_techniques_view_clear_filters (self);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CoachTechniquesView *self = COACH_TECHNIQUES_VIEW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
review_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CoachTechniquesView *self = COACH_TECHNIQUES_VIEW (widget);

  gtk_window_present (GTK_WINDOW (coach_techniques_view_open_review (self)));
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CoachTechniquesView *self = COACH_TECHNIQUES_VIEW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* ---- Set-up ------------------------------------------------------------------------ */

static GListModel *
vocab_choices (CoachVocab  vocab,
               const char *any,
               const char *extra)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, any);
  if (extra != NULL)
    gtk_string_list_append (list, extra);
  for (guint i = 0; i < coach_vocab_get_size (vocab); i++)
    gtk_string_list_append (list, coach_vocab_get_label (vocab, i));
  return G_LIST_MODEL (list);
}

static void
coach_techniques_view_map (GtkWidget *widget)
{
  CoachTechniquesView *self = COACH_TECHNIQUES_VIEW (widget);

  GTK_WIDGET_CLASS (coach_techniques_view_parent_class)->map (widget);

  /* The catalog is read the first time the view is shown. */
  if (self->catalog != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0)
    {
      GPtrArray *techniques = coach_catalog_get_techniques (self->catalog);

      g_list_store_splice (self->store, 0, 0, techniques->pdata, techniques->len);
      update_count (self);
    }
}

static void
coach_techniques_view_dispose (GObject *object)
{
  CoachTechniquesView *self = COACH_TECHNIQUES_VIEW (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), COACH_TYPE_TECHNIQUES_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->settings);
  g_clear_object (&self->catalog);
  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (coach_techniques_view_parent_class)->dispose (object);
}

static void
coach_techniques_view_class_init (CoachTechniquesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = coach_techniques_view_dispose;
  widget_class->map = coach_techniques_view_map;

  g_type_ensure (COACH_TYPE_CARD_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/BackCoach/coach-techniques-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CoachTechniquesView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CoachTechniquesView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CoachTechniquesView, filter_button);
  gtk_widget_class_bind_template_child (widget_class, CoachTechniquesView, region_row);
  gtk_widget_class_bind_template_child (widget_class, CoachTechniquesView, family_row);
  gtk_widget_class_bind_template_child (widget_class, CoachTechniquesView, performer_row);
  gtk_widget_class_bind_template_child (widget_class, CoachTechniquesView, equipment_row);
  gtk_widget_class_bind_template_child (widget_class, CoachTechniquesView, hide_switch);
  gtk_widget_class_bind_template_child (widget_class, CoachTechniquesView, count_label);
  gtk_widget_class_bind_template_child (widget_class, CoachTechniquesView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CoachTechniquesView, list_view);
  gtk_widget_class_bind_template_child (widget_class, CoachTechniquesView, content);
  gtk_widget_class_bind_template_child (widget_class, CoachTechniquesView, card_page);
  gtk_widget_class_bind_template_child (widget_class, CoachTechniquesView, review_button);

  gtk_widget_class_install_action (widget_class, "techniques.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "techniques.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "techniques.review", NULL, review_action);
  gtk_widget_class_install_action (widget_class, "techniques.focus-search", NULL, focus_search_action);
}

static void
coach_techniques_view_init (CoachTechniquesView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GListModel) regions = NULL;
  g_autoptr(GListModel) families = NULL;
  g_autoptr(GListModel) equipment = NULL;
  const char * const performers[] = { _("Anyone"), _("Self-massage"), _("Partner massage"), NULL };
  g_autoptr(GtkStringList) performer_list = gtk_string_list_new (performers);

  gtk_widget_init_template (GTK_WIDGET (self));
  coach_accessible_fix (GTK_WIDGET (self));
  coach_card_query_init (&self->query);

  regions = vocab_choices (COACH_VOCAB_REGION, _("Any region"), NULL);
  families = vocab_choices (COACH_VOCAB_FAMILY, _("Any method"), NULL);
  equipment = vocab_choices (COACH_VOCAB_EQUIPMENT, _("Any equipment"), _("None needed"));
  adw_combo_row_set_model (self->region_row, regions);
  adw_combo_row_set_model (self->family_row, families);
  adw_combo_row_set_model (self->performer_row, G_LIST_MODEL (performer_list));
  adw_combo_row_set_model (self->equipment_row, equipment);

  self->store = g_list_store_new (COACH_TYPE_TECHNIQUE);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (self->store), GTK_FILTER (self->filter));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered),
                                          GTK_SORTER (gtk_custom_sorter_new (sort_func, NULL, NULL)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->sorted));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selected_changed), self, 0);
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (on_activate), self, 0);
  /* Ctrl+F searches wherever the focus is in the window while the cards are shown, also
   * right after switching to them, when the focus is still on the view switcher. */
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_MANAGED);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK),
                                                            gtk_named_action_new ("techniques.focus-search")));
    gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  }
  g_signal_connect_object (self->search_entry, "activate",
                           G_CALLBACK (on_search_activate), self, 0);
  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (on_control_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->region_row, "notify::selected",
                           G_CALLBACK (on_control_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->family_row, "notify::selected",
                           G_CALLBACK (on_control_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->performer_row, "notify::selected",
                           G_CALLBACK (on_control_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->equipment_row, "notify::selected",
                           G_CALLBACK (on_control_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->hide_switch, "notify::active",
                           G_CALLBACK (on_control_changed), self, G_CONNECT_SWAPPED);

  update_count (self);
}

/* Gives the view its profile and catalog; the catalog is read when the view is first shown. */
void
coach_techniques_view_setup (CoachTechniquesView *self,
                             CoachSettings       *settings,
                             CoachCatalog        *catalog)
{
  const char * const profile_keys[] = { "avoid-families", "avoid-equipment", "conditions" };

  g_return_if_fail (COACH_IS_TECHNIQUES_VIEW (self));
  g_return_if_fail (COACH_IS_SETTINGS (settings));
  g_return_if_fail (COACH_IS_CATALOG (catalog));
  g_return_if_fail (self->settings == NULL);

  self->settings = g_object_ref (settings);
  self->catalog = g_object_ref (catalog);
  coach_card_page_set_settings (self->card_page, settings);

  for (guint i = 0; i < G_N_ELEMENTS (profile_keys); i++)
    {
      g_autofree char *detail = g_strconcat ("notify::", profile_keys[i], NULL);
      g_signal_connect_object (settings, detail, G_CALLBACK (on_profile_changed), self, 0);
    }
  refilter (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    coach_techniques_view_map (GTK_WIDGET (self));
}

/* Returns: (transfer none): the cards shown, in their order. */
GListModel *
coach_techniques_view_get_model (CoachTechniquesView *self)
{
  g_return_val_if_fail (COACH_IS_TECHNIQUES_VIEW (self), NULL);

  return G_LIST_MODEL (self->sorted);
}

CoachCardPage *
coach_techniques_view_get_card_page (CoachTechniquesView *self)
{
  g_return_val_if_fail (COACH_IS_TECHNIQUES_VIEW (self), NULL);

  return self->card_page;
}

void
coach_techniques_view_clear_filters (CoachTechniquesView *self)
{
  g_return_if_fail (COACH_IS_TECHNIQUES_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  adw_combo_row_set_selected (self->region_row, 0);
  adw_combo_row_set_selected (self->family_row, 0);
  adw_combo_row_set_selected (self->performer_row, 0);
  adw_combo_row_set_selected (self->equipment_row, 0);
  gtk_switch_set_active (self->hide_switch, TRUE);
  refilter (self);
}

/* Shows the card of technique @id, clearing the filters if they hide it. */
gboolean
coach_techniques_view_show_technique (CoachTechniquesView *self,
                                      const char          *id)
{
  g_return_val_if_fail (COACH_IS_TECHNIQUES_VIEW (self), FALSE);

  coach_techniques_view_map (GTK_WIDGET (self));
  for (int attempt = 0; attempt < 2; attempt++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CoachTechnique) t = g_list_model_get_item (G_LIST_MODEL (self->sorted), i);

          if (g_str_equal (coach_technique_get_id (t), id))
            {
              gtk_single_selection_set_selected (self->selection, i);
              adw_leaflet_set_visible_child (self->leaflet, self->content);
              return TRUE;
            }
        }
      coach_techniques_view_clear_filters (self);
      gtk_switch_set_active (self->hide_switch, FALSE);
    }
  return FALSE;
}

/**
 * coach_techniques_view_open_review:
 *
 * Returns: (transfer none): a new review window over the cards shown, starting at the open
 * card.
 */
CoachReviewWindow *
coach_techniques_view_open_review (CoachTechniquesView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  guint position = gtk_single_selection_get_selected (self->selection);
  CoachReviewWindow *window;

  g_return_val_if_fail (COACH_IS_TECHNIQUES_VIEW (self), NULL);

  window = coach_review_window_new (G_LIST_MODEL (self->sorted),
                                    position != GTK_INVALID_LIST_POSITION ? position : 0,
                                    self->settings);
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
      gtk_window_set_application (GTK_WINDOW (window), gtk_window_get_application (GTK_WINDOW (root)));
    }
  return window;
}

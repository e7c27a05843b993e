/* coach-partner-store.c: the saved partner profiles, as a list model sorted by name.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * All profiles live in one small file, by default g_get_user_data_dir()/backcoach/partners.xml:
 *
 *   <partners version="1">
 *     <partner id="UUID">
 *       <name>Sam</name>
 *       <sore-regions>neck lower-back</sore-regions>     region ids, space-separated
 *       <avoid-families>tapping</avoid-families>         technique family ids
 *       <avoid-equipment>oil</avoid-equipment>           equipment ids
 *       <conditions>pregnancy</conditions>               condition ids
 *       <pressure-preference>-1</pressure-preference>    -2..2, 0 = as planned
 *     </partner>
 *   </partners>
 *
 * Only <name> is required in a <partner>. The file is rewritten whole and atomically
 * (g_file_set_contents) whenever a profile is added, removed or changed. Changes are
 * saved from an idle callback, so that the several properties an edit dialog sets in one go
 * cost one write; coach_partner_store_flush() writes a pending change at once, and disposing
 * of the store does too. A file that fails validation is moved aside, never overwritten. */
#define G_LOG_DOMAIN "coach-partner-store"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "coach-file-util.h"
#include "coach-partner-store.h"
#include "coach-technique.h"

struct _CoachPartnerStore
{
  GObject    parent_instance;

  char      *path;
  GPtrArray *partners;      /* CoachPartner, sorted by name */
  guint      save_source;
  gboolean   dirty;
  char      *blocked;       /* why saving would destroy a file we could not read; or NULL */
};

static void coach_partner_store_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CoachPartnerStore, coach_partner_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      coach_partner_store_list_model_init))

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAVE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- The file format -------------------------------------------------------------------- */

typedef enum {
  FIELD_NAME,
  FIELD_SORE_REGIONS,
  FIELD_AVOID_FAMILIES,
  FIELD_AVOID_EQUIPMENT,
  FIELD_CONDITIONS,
  FIELD_PRESSURE_PREFERENCE,
  N_FIELDS
} Field;

/* Each element is named after the CoachPartner property it holds. */
static const struct {
  const char *element;
  CoachVocab  vocab;    /* for the id lists */
} fields[N_FIELDS] = {
  [FIELD_NAME] = { "name", COACH_N_VOCABS },
  [FIELD_SORE_REGIONS] = { "sore-regions", COACH_VOCAB_REGION },
  [FIELD_AVOID_FAMILIES] = { "avoid-families", COACH_VOCAB_FAMILY },
  [FIELD_AVOID_EQUIPMENT] = { "avoid-equipment", COACH_VOCAB_EQUIPMENT },
  [FIELD_CONDITIONS] = { "conditions", COACH_VOCAB_CONDITION },
  [FIELD_PRESSURE_PREFERENCE] = { "pressure-preference", COACH_N_VOCABS },
};

#define set_file_error(error, code, ...) \
  coach_set_file_error_in (error, COACH_PARTNER_ERROR, code, __VA_ARGS__)

/**
 * coach_partner_store_to_xml:
 *
 * Returns: (transfer full): the file's content for the profiles in the store.
 */
char *
coach_partner_store_to_xml (CoachPartnerStore *self)
{
  GString *xml;

  g_return_val_if_fail (COACH_IS_PARTNER_STORE (self), NULL);

  xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<partners version=\"1\">\n");
  for (guint i = 0; i < self->partners->len; i++)
    {
      CoachPartner *partner = g_ptr_array_index (self->partners, i);
      g_autofree char *regions =
        coach_vocab_mask_to_list (COACH_VOCAB_REGION, coach_partner_get_sore_regions (partner), " ");
      g_autofree char *families =
        coach_vocab_mask_to_list (COACH_VOCAB_FAMILY, coach_partner_get_avoid_families (partner), " ");
      g_autofree char *equipment =
        coach_vocab_mask_to_list (COACH_VOCAB_EQUIPMENT, coach_partner_get_avoid_equipment (partner), " ");
      g_autofree char *conditions =
        coach_vocab_mask_to_list (COACH_VOCAB_CONDITION, coach_partner_get_conditions (partner), " ");
      g_autofree char *entry = g_markup_printf_escaped (
        "  <partner id=\"%s\">\n"
        "    <name>%s</name>\n"
        "    <sore-regions>%s</sore-regions>\n"
        "    <avoid-families>%s</avoid-families>\n"
        "    <avoid-equipment>%s</avoid-equipment>\n"
        "    <conditions>%s</conditions>\n"
        "    <pressure-preference>%d</pressure-preference>\n"
        "  </partner>\n",
        coach_partner_get_id (partner), coach_partner_get_name (partner),
        regions, families, equipment, conditions,
        coach_partner_get_pressure_preference (partner));

      g_string_append (xml, entry);
    }
  g_string_append (xml, "</partners>\n");

  return g_string_free (xml, FALSE);
}

typedef struct {
  const char *filename;
  GPtrArray  *partners;
  GHashTable *id_lines;       /* id -> GINT_TO_POINTER (line of its <partner>) */
  gboolean    seen_root;

  /* The <partner> being read. */
  gboolean    in_partner;
  int         partner_line;
  char       *id;
  char       *name;
  guint32     masks[N_FIELDS];
  int         pressure;
  guint       seen;           /* 1 << Field */

  /* The field element being read. */
  int         field;          /* -1 outside one */
  int         field_line;
  GString    *text;
} PartnerParse;

static int
find_field (const char *element)
{
  for (guint i = 0; i < N_FIELDS; i++)
    if (g_str_equal (fields[i].element, element))
      return (int) i;
  return -1;
}

static void
start_partner (PartnerParse  *state,
               int            line,
               const char   **names,
               const char   **values,
               GError       **error)
{
  const char *id = coach_markup_get_attribute (names, values, "id");
  gpointer first_line;

  state->in_partner = TRUE;
  state->partner_line = line;
  state->seen = 0;
  state->pressure = 0;
  memset (state->masks, 0, sizeof state->masks);
  g_clear_pointer (&state->name, g_free);
  g_clear_pointer (&state->id, g_free);

  if (id == NULL)
    set_file_error (error, COACH_PARTNER_ERROR_MISSING_FIELD, state->filename, line, "id",
                    _("<partner> needs an “id” attribute"));
  else if (!g_uuid_string_is_valid (id))
    set_file_error (error, COACH_PARTNER_ERROR_BAD_VALUE, state->filename, line, "id",
                    _("“%s” is not a valid id; ids look like %s"), id,
                    "0c8f1a52-3d6e-4b7a-9f20-6d1e5c4b3a29");
  else if (g_hash_table_lookup_extended (state->id_lines, id, NULL, &first_line))
    set_file_error (error, COACH_PARTNER_ERROR_DUPLICATE_ID, state->filename, line, "id",
                    _("“%s” is already the id of the partner on line %d"),
                    id, GPOINTER_TO_INT (first_line));
  else
    {
      state->id = g_strdup (id);
      g_hash_table_insert (state->id_lines, g_strdup (id), GINT_TO_POINTER (line));
    }
}

static void
partner_start_element (GMarkupParseContext  *context,
                       const char           *element,
                       const char          **names,
                       const char          **values,
                       gpointer              user_data,
                       GError              **error)
{
  PartnerParse *state = user_data;
  const GSList *stack = g_markup_parse_context_get_element_stack (context);
  const char *parent = stack->next != NULL ? stack->next->data : NULL;
  int line = coach_markup_get_line (context);

  if (parent == NULL && g_str_equal (element, "partners") && !state->seen_root)
    {
      const char *version = coach_markup_get_attribute (names, values, "version");

      if (version == NULL)
        set_file_error (error, COACH_PARTNER_ERROR_MISSING_FIELD, state->filename, line,
                        "version", _("<partners> needs a “version” attribute"));
      else if (!g_str_equal (version, "1"))
        set_file_error (error, COACH_PARTNER_ERROR_BAD_VERSION, state->filename, line,
                        "version", _("version “%s” is not supported; only 1 is"), version);
      else
        state->seen_root = TRUE;
    }
  else if (parent == NULL)
    set_file_error (error, COACH_PARTNER_ERROR_NOT_XML, state->filename, line, element,
                    _("this is not a partners file: it must start with <partners>"));
  else if (g_str_equal (parent, "partners") && g_str_equal (element, "partner"))
    start_partner (state, line, names, values, error);
  else if (g_str_equal (parent, "partner") && find_field (element) >= 0)
    {
      int field = find_field (element);

      if (state->seen & (1u << field))
        {
          set_file_error (error, COACH_PARTNER_ERROR_BAD_VALUE, state->filename, line, element,
                          _("<%s> appears more than once in this <partner>"), element);
          return;
        }
      state->seen |= 1u << field;
      state->field = field;
      state->field_line = line;
      g_string_truncate (state->text, 0);
    }
  else
    set_file_error (error, COACH_PARTNER_ERROR_BAD_VALUE, state->filename, line, element,
                    _("<%s> is not allowed inside <%s>"), element, parent);
}

static void
partner_text (GMarkupParseContext  *context,
              const char           *text,
              gsize                 length,
              gpointer              user_data,
              GError              **error)
{
  PartnerParse *state = user_data;

  if (state->field >= 0)
    g_string_append_len (state->text, text, length);
}

static void
end_field (PartnerParse  *state,
           GError       **error)
{
  const char *element = fields[state->field].element;
  int line = state->field_line;
  Field field = state->field;

  state->field = -1;

  if (field == FIELD_NAME)
    {
      g_autoptr(GError) local_error = NULL;

      state->name = coach_partner_normalize_name (state->text->str, &local_error);
      if (state->name == NULL)
        set_file_error (error, local_error->code, state->filename, line, element, "%s",
                        local_error->message);
    }
  else if (field == FIELD_PRESSURE_PREFERENCE)
    {
      g_autofree char *text = g_strstrip (g_strdup (state->text->str));
      gint64 value;

      if (!g_ascii_string_to_signed (text, 10, COACH_PARTNER_PRESSURE_MIN,
                                     COACH_PARTNER_PRESSURE_MAX, &value, NULL))
        set_file_error (error, COACH_PARTNER_ERROR_BAD_VALUE, state->filename, line, element,
                        _("“%s” is not a whole number from %d to %d"),
                        text, COACH_PARTNER_PRESSURE_MIN, COACH_PARTNER_PRESSURE_MAX);
      else
        state->pressure = (int) value;
    }
  else
    {
      CoachVocab vocab = fields[field].vocab;
      g_autofree char *unknown = NULL;
      guint32 mask;

      if (!coach_vocab_list_to_mask (vocab, state->text->str, &mask, &unknown))
        {
          g_autofree char *valid = coach_vocab_list_ids (vocab);

          set_file_error (error, COACH_PARTNER_ERROR_UNKNOWN_ID, state->filename, line,
                          element, _("“%s” is not a known %s; use one of %s"),
                          unknown, coach_vocab_get_name (vocab), valid);
          return;
        }
      state->masks[field] = mask;
    }
}

static void
end_partner (PartnerParse  *state,
             GError       **error)
{
  CoachPartner *partner;

  state->in_partner = FALSE;
  if (state->name == NULL)
    {
      set_file_error (error, COACH_PARTNER_ERROR_MISSING_FIELD, state->filename,
                      state->partner_line, "name", _("<name> is missing"));
      return;
    }

  partner = g_object_new (COACH_TYPE_PARTNER,
                          "id", state->id,
                          "name", state->name,
                          "sore-regions", state->masks[FIELD_SORE_REGIONS],
                          "avoid-families", state->masks[FIELD_AVOID_FAMILIES],
                          "avoid-equipment", state->masks[FIELD_AVOID_EQUIPMENT],
                          "conditions", state->masks[FIELD_CONDITIONS],
                          "pressure-preference", state->pressure,
                          NULL);
  g_ptr_array_add (state->partners, partner);
}

static void
partner_end_element (GMarkupParseContext  *context,
                     const char           *element,
                     gpointer              user_data,
                     GError              **error)
{
  PartnerParse *state = user_data;

  if (state->field >= 0)
    end_field (state, error);
  else if (state->in_partner && g_str_equal (element, "partner"))
    end_partner (state, error);
}

static const GMarkupParser partner_parser = {
  .start_element = partner_start_element,
  .end_element = partner_end_element,
  .text = partner_text,
};

static int
compare_partners (gconstpointer a,
                  gconstpointer b)
{
  CoachPartner *x = *(CoachPartner **) a;
  CoachPartner *y = *(CoachPartner **) b;
  int result = g_utf8_collate (coach_partner_get_name (x), coach_partner_get_name (y));

  /* Two people may share a name; the id keeps their order stable. */
  return result != 0 ? result : strcmp (coach_partner_get_id (x), coach_partner_get_id (y));
}

/**
 * coach_partner_store_parse:
 * @filename: the name used in error messages
 * @length: the length of @data, or -1 when it ends with a nul byte
 *
 * Reads and validates the content of a partners file, without touching any store.
 *
 * Returns: (transfer full) (element-type CoachPartner): the profiles sorted by name, or
 * %NULL with a %COACH_PARTNER_ERROR reading "FILE:LINE: field: message".
 */
GPtrArray *
coach_partner_store_parse (const char  *filename,
                           const char  *data,
                           gssize       length,
                           GError     **error)
{
  PartnerParse state = { .filename = filename, .field = -1 };
  gboolean parsed;
  g_autoptr(GPtrArray) partners = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  state.partners = partners;
  state.id_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  state.text = g_string_new (NULL);

  parsed = coach_markup_parse_in (&partner_parser, &state, filename, data, length,
                                  COACH_PARTNER_ERROR, COACH_PARTNER_ERROR_NOT_XML, error);

  g_hash_table_unref (state.id_lines);
  g_string_free (state.text, TRUE);
  g_free (state.id);
  g_free (state.name);

  if (!parsed)
    return NULL;
  if (!state.seen_root)
    {
      set_file_error (error, COACH_PARTNER_ERROR_NOT_XML, filename, 1, "xml",
                      _("the file has no <partners> element"));
      return NULL;
    }

  g_ptr_array_sort (partners, compare_partners);
  return g_steal_pointer (&partners);
}

/* ---- The store -------------------------------------------------------------------------- */

static GType
coach_partner_store_get_item_type (GListModel *model)
{
  return COACH_TYPE_PARTNER;
}

static guint
coach_partner_store_get_n_items (GListModel *model)
{
  return COACH_PARTNER_STORE (model)->partners->len;
}

static gpointer
coach_partner_store_get_item (GListModel *model,
                              guint       position)
{
  CoachPartnerStore *self = COACH_PARTNER_STORE (model);

  if (position >= self->partners->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->partners, position));
}

static void
coach_partner_store_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = coach_partner_store_get_item_type;
  iface->get_n_items = coach_partner_store_get_n_items;
  iface->get_item = coach_partner_store_get_item;
}

static void
emit_save_failed (CoachPartnerStore *self,
                  const GError      *error)
{
  g_debug ("Saving %s failed: %s", self->path, error->message);
  g_signal_emit (self, signals[SAVE_FAILED], 0, error);
}

/* Saves now if anything changed since the last successful save; failures go to
 * "save-failed". */
static void
save_if_dirty (CoachPartnerStore *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->dirty && !coach_partner_store_save (self, &error))
    emit_save_failed (self, error);
}

static gboolean
save_idle_cb (gpointer user_data)
{
  CoachPartnerStore *self = user_data;

  self->save_source = 0;
  save_if_dirty (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (CoachPartnerStore *self)
{
  self->dirty = TRUE;
  if (self->save_source == 0)
    {
      self->save_source = g_idle_add (save_idle_cb, self);
      g_source_set_name_by_id (self->save_source, "[backcoach] save partners");
    }
}

static guint
find_index (CoachPartnerStore *self,
            CoachPartner      *partner)
{
  guint index;

  if (!g_ptr_array_find (self->partners, partner, &index))
    g_return_val_if_reached (G_MAXUINT);
  return index;
}

/* Where @partner goes in the sorted list (which must not hold it). */
static guint
sorted_position (CoachPartnerStore *self,
                 CoachPartner      *partner)
{
  guint i = 0;

  while (i < self->partners->len &&
         compare_partners (&g_ptr_array_index (self->partners, i), &partner) <= 0)
    i++;
  return i;
}

static void
on_partner_notify (CoachPartner      *partner,
                   GParamSpec        *pspec,
                   CoachPartnerStore *self)
{
  if (g_str_equal (pspec->name, "name"))
    {
      guint from = find_index (self, partner);
      guint to;

      g_return_if_fail (from != G_MAXUINT);

      /* Keep the list sorted: one items-changed covering the rows in between, so that a
       * list view sees the model in a consistent state. */
      g_ptr_array_steal_index (self->partners, from);
      to = sorted_position (self, partner);
      g_ptr_array_insert (self->partners, to, partner);
      if (from != to)
        g_list_model_items_changed (G_LIST_MODEL (self), MIN (from, to),
                                    ABS ((int) from - (int) to) + 1,
                                    ABS ((int) from - (int) to) + 1);
    }

  schedule_save (self);
}

static void
watch_partner (CoachPartnerStore *self,
               CoachPartner      *partner)
{
  g_signal_connect (partner, "notify", G_CALLBACK (on_partner_notify), self);
}

static void
unwatch_partner (gpointer data,
                 gpointer user_data)
{
  g_signal_handlers_disconnect_by_func (data, on_partner_notify, user_data);
}

/* Replaces the whole list, without saving. */
static void
replace_partners (CoachPartnerStore *self,
                  GPtrArray         *partners)
{
  g_autoptr(GPtrArray) old = g_steal_pointer (&self->partners);

  g_ptr_array_foreach (old, unwatch_partner, self);
  self->partners = g_ptr_array_ref (partners);
  for (guint i = 0; i < partners->len; i++)
    watch_partner (self, g_ptr_array_index (partners, i));

  if (old->len > 0 || partners->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old->len, partners->len);
}

static void
coach_partner_store_dispose (GObject *object)
{
  CoachPartnerStore *self = COACH_PARTNER_STORE (object);

  /* A change made just before the app quits must not wait for an idle that never comes. */
  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->dirty)
    {
      g_autoptr(GError) error = NULL;

      if (!coach_partner_store_save (self, &error))
        g_warning ("The last changes to partner profiles were lost: %s", error->message);
    }

  if (self->partners != NULL)
    {
      g_ptr_array_foreach (self->partners, unwatch_partner, self);
      g_ptr_array_set_size (self->partners, 0);
    }

  G_OBJECT_CLASS (coach_partner_store_parent_class)->dispose (object);
}

static void
coach_partner_store_finalize (GObject *object)
{
  CoachPartnerStore *self = COACH_PARTNER_STORE (object);

  g_free (self->path);
  g_free (self->blocked);
  g_ptr_array_unref (self->partners);

  G_OBJECT_CLASS (coach_partner_store_parent_class)->finalize (object);
}

static void
coach_partner_store_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CoachPartnerStore *self = COACH_PARTNER_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_partner_store_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CoachPartnerStore *self = COACH_PARTNER_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_partner_store_constructed (GObject *object)
{
  CoachPartnerStore *self = COACH_PARTNER_STORE (object);

  G_OBJECT_CLASS (coach_partner_store_parent_class)->constructed (object);

  if (self->path == NULL)
    self->path = coach_partner_store_get_default_path ();
}

static void
coach_partner_store_class_init (CoachPartnerStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = coach_partner_store_constructed;
  object_class->dispose = coach_partner_store_dispose;
  object_class->finalize = coach_partner_store_finalize;
  object_class->get_property = coach_partner_store_get_property;
  object_class->set_property = coach_partner_store_set_property;

  /* The file the profiles are kept in; %NULL at construction for the default. */
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CoachPartnerStore::save-failed:
   * @error: a %COACH_PARTNER_ERROR whose message is translated, for the person to read
   *
   * An automatic save (after an add, a remove or an edit, or on a flush) failed. The
   * profiles stay in memory, and the next change tries again.
   */
  signals[SAVE_FAILED] =
    g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
coach_partner_store_init (CoachPartnerStore *self)
{
  self->partners = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * coach_partner_store_get_default_path:
 *
 * Returns: (transfer full): g_get_user_data_dir()/backcoach/partners.xml
 */
char *
coach_partner_store_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "backcoach", "partners.xml", NULL);
}

/**
 * coach_partner_store_new:
 * @path: (nullable): the file to keep the profiles in, or %NULL for the default
 *
 * Returns: (transfer full): an empty store; call coach_partner_store_load() to read the
 * file.
 */
CoachPartnerStore *
coach_partner_store_new (const char *path)
{
  return g_object_new (COACH_TYPE_PARTNER_STORE, "path", path, NULL);
}

CoachPartnerStore *
coach_partner_store_new_default (void)
{
  return coach_partner_store_new (NULL);
}

const char *
coach_partner_store_get_path (CoachPartnerStore *self)
{
  g_return_val_if_fail (COACH_IS_PARTNER_STORE (self), NULL);

  return self->path;
}

/**
 * coach_partner_store_load:
 *
 * Reads the file, replacing the store's profiles and dropping any unsaved change. A
 * missing file gives an empty store. A damaged file is renamed to
 * `partners.xml.damaged-DATE-TIME` and the store starts empty: the function then
 * returns %FALSE with a %COACH_PARTNER_ERROR_DAMAGED error whose translated message names
 * the renamed file, to show once. When the file cannot be read or renamed, the error is
 * %COACH_PARTNER_ERROR_UNREADABLE and saving is refused, so that the file is not
 * overwritten.
 *
 * Returns: %TRUE when the profiles were read (or there were none yet).
 */
gboolean
coach_partner_store_load (CoachPartnerStore  *self,
                          GError            **error)
{
  g_autofree char *display = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *moved_display = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) partners = NULL;
  g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func (g_object_unref);
  gsize length;

  g_return_val_if_fail (COACH_IS_PARTNER_STORE (self), FALSE);

  g_clear_handle_id (&self->save_source, g_source_remove);
  self->dirty = FALSE;
  g_clear_pointer (&self->blocked, g_free);

  display = g_filename_display_name (self->path);
  if (!g_file_get_contents (self->path, &contents, &length, &local_error))
    {
      replace_partners (self, none);
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;

      /* Translators: the first %s is a file path, the second the system's reason. */
      self->blocked = g_strdup_printf (_("Your partner profiles in %s could not be read: %s. "
                                         "Changes to partners are not saved until the file "
                                         "can be read."),
                                       display, local_error->message);
      g_set_error_literal (error, COACH_PARTNER_ERROR, COACH_PARTNER_ERROR_UNREADABLE,
                           self->blocked);
      return FALSE;
    }

  partners = coach_partner_store_parse (display, contents, length, &local_error);
  if (partners != NULL)
    {
      replace_partners (self, partners);
      return TRUE;
    }

  replace_partners (self, none);
  g_message ("%s", local_error->message);

  moved = coach_file_damaged_path (self->path);
  moved_display = g_filename_display_name (moved);
  if (g_rename (self->path, moved) != 0)
    {
      int saved_errno = errno;

      self->blocked = g_strdup_printf (_("Your partner profiles in %s are damaged and could "
                                         "not be set aside: %s. Changes to partners are not "
                                         "saved until the file is moved or removed."),
                                       display, g_strerror (saved_errno));
      g_set_error_literal (error, COACH_PARTNER_ERROR, COACH_PARTNER_ERROR_UNREADABLE,
                           self->blocked);
      return FALSE;
    }

  g_set_error (error, COACH_PARTNER_ERROR, COACH_PARTNER_ERROR_DAMAGED,
               /* Translators: %s is the full path of the damaged file after renaming,
                * e.g. /home/sam/.local/share/backcoach/partners.xml.damaged-20250131-184502 */
               _("Your partner profiles could not be read, so the list of partners starts "
                 "empty. The damaged file was kept as %s."), moved_display);
  return FALSE;
}

/**
 * coach_partner_store_add:
 * @partner: a profile with a name, and an id not in the store yet
 *
 * Adds @partner at its place by name and saves soon after.
 */
void
coach_partner_store_add (CoachPartnerStore *self,
                         CoachPartner      *partner)
{
  guint position;

  g_return_if_fail (COACH_IS_PARTNER_STORE (self));
  g_return_if_fail (COACH_IS_PARTNER (partner));
  g_return_if_fail (coach_partner_get_name (partner) != NULL);
  g_return_if_fail (coach_partner_store_lookup (self, coach_partner_get_id (partner)) == NULL);

  position = sorted_position (self, partner);
  g_ptr_array_insert (self->partners, position, g_object_ref (partner));
  watch_partner (self, partner);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
  schedule_save (self);
}

/**
 * coach_partner_store_remove:
 *
 * Removes the profile with @id and saves soon after.
 *
 * Returns: %FALSE when there was none.
 */
gboolean
coach_partner_store_remove (CoachPartnerStore *self,
                            const char        *id)
{
  g_autoptr(CoachPartner) partner = NULL;

  g_return_val_if_fail (COACH_IS_PARTNER_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  for (guint i = 0; i < self->partners->len; i++)
    if (g_str_equal (coach_partner_get_id (g_ptr_array_index (self->partners, i)), id))
      {
        partner = g_ptr_array_steal_index (self->partners, i);
        unwatch_partner (partner, self);
        g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 0);
        schedule_save (self);
        return TRUE;
      }

  return FALSE;
}

/**
 * coach_partner_store_lookup:
 *
 * Returns: (transfer none) (nullable): the profile with @id, or %NULL.
 */
CoachPartner *
coach_partner_store_lookup (CoachPartnerStore *self,
                            const char        *id)
{
  g_return_val_if_fail (COACH_IS_PARTNER_STORE (self), NULL);

  if (id == NULL)
    return NULL;

  for (guint i = 0; i < self->partners->len; i++)
    {
      CoachPartner *partner = g_ptr_array_index (self->partners, i);

      if (g_str_equal (coach_partner_get_id (partner), id))
        return partner;
    }
  return NULL;
}

/**
 * coach_partner_store_save:
 *
 * Writes the file now, atomically: a crash leaves the old file or the new one, never half
 * of one. A pending automatic save is no longer needed and is dropped. Failures are
 * returned, not signalled.
 *
 * Returns: %TRUE on success; else a %COACH_PARTNER_ERROR_SAVE (or
 * %COACH_PARTNER_ERROR_UNREADABLE) with a translated message.
 */
gboolean
coach_partner_store_save (CoachPartnerStore  *self,
                          GError            **error)
{
  g_autofree char *xml = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *dir_display = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (COACH_IS_PARTNER_STORE (self), FALSE);

  g_clear_handle_id (&self->save_source, g_source_remove);

  if (self->blocked != NULL)
    {
      g_set_error_literal (error, COACH_PARTNER_ERROR, COACH_PARTNER_ERROR_UNREADABLE,
                           self->blocked);
      return FALSE;
    }

  dir = g_path_get_dirname (self->path);
  dir_display = g_filename_display_name (dir);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, COACH_PARTNER_ERROR, COACH_PARTNER_ERROR_SAVE,
                   _("Could not save the partner profiles, because the folder %s could not "
                     "be created: %s. The changes are kept while Back Coach stays open."),
                   dir_display, g_strerror (saved_errno));
      return FALSE;
    }

  xml = coach_partner_store_to_xml (self);
  /* Health details: readable by the person only. */
  if (!g_file_set_contents_full (self->path, xml, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 &local_error))
    {
      g_set_error (error, COACH_PARTNER_ERROR, COACH_PARTNER_ERROR_SAVE,
                   _("Could not save the partner profiles: %s. Check that the disk is not "
                     "full and that %s can be written to. The changes are kept while Back "
                     "Coach stays open."),
                   local_error->message, dir_display);
      return FALSE;
    }

  self->dirty = FALSE;
  return TRUE;
}

/**
 * coach_partner_store_flush:
 *
 * Saves a pending change now instead of from the idle callback, for tests and before the
 * app quits. A failure is signalled with "save-failed".
 */
void
coach_partner_store_flush (CoachPartnerStore *self)
{
  g_return_if_fail (COACH_IS_PARTNER_STORE (self));

  save_if_dirty (self);
}

/**
 * coach_partner_store_has_unsaved_changes:
 *
 * Returns: whether a change is waiting to be saved, or its save failed.
 */
gboolean
coach_partner_store_has_unsaved_changes (CoachPartnerStore *self)
{
  g_return_val_if_fail (COACH_IS_PARTNER_STORE (self), FALSE);

  return self->dirty;
}

/* coach-technique.c: one immutable massage technique with its timed steps, parsed from XML.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The format is documented in data/catalog/README.md. Text fields keep their untranslated
 * msgid with whitespace runs collapsed, as xgettext's ITS extraction writes them, and are
 * translated when read. */
#define G_LOG_DOMAIN "coach-technique"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "coach-technique.h"

struct _CoachTechnique
{
  GObject         parent_instance;

  char           *id;
  char           *filename;
  int             line;
  char           *name;
  char           *summary;
  char           *evidence;
  GPtrArray      *cautions;
  GPtrArray      *steps;
  CoachFamily     family;
  CoachPerformer  performer;
  guint           pressure;
  guint32         regions;
  guint32         equipment;
  guint32         suits;
  guint32         avoid_with;
};

G_DEFINE_FINAL_TYPE (CoachTechnique, coach_technique, G_TYPE_OBJECT)

G_DEFINE_QUARK (coach-catalog-error-quark, coach_catalog_error)

static void
set_file_error_valist (GError     **error,
                       GQuark       domain,
                       int          code,
                       const char  *file,
                       int          line,
                       const char  *field,
                       const char  *format,
                       va_list      args) G_GNUC_PRINTF (7, 0);

static void
set_file_error_valist (GError     **error,
                       GQuark       domain,
                       int          code,
                       const char  *file,
                       int          line,
                       const char  *field,
                       const char  *format,
                       va_list      args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  g_set_error (error, domain, code, "%s:%d: %s: %s", file, line, field, message);
}

void
coach_set_file_error (GError            **error,
                      CoachCatalogError   code,
                      const char         *file,
                      int                 line,
                      const char         *field,
                      const char         *format,
                      ...)
{
  va_list args;

  va_start (args, format);
  set_file_error_valist (error, COACH_CATALOG_ERROR, code, file, line, field, format, args);
  va_end (args);
}

/* Like coach_set_file_error (), for the files of another error @domain. */
void
coach_set_file_error_in (GError     **error,
                         GQuark       domain,
                         int          code,
                         const char  *file,
                         int          line,
                         const char  *field,
                         const char  *format,
                         ...)
{
  va_list args;

  va_start (args, format);
  set_file_error_valist (error, domain, code, file, line, field, format, args);
  va_end (args);
}

/**
 * coach_markup_parse:
 * @filename: the name used in error messages
 *
 * Runs @parser over @data. Errors the parser's callbacks raise in %COACH_CATALOG_ERROR are
 * passed on; malformed XML becomes %COACH_CATALOG_ERROR_NOT_XML with its line.
 */
gboolean
coach_markup_parse (const GMarkupParser  *parser,
                    gpointer              state,
                    const char           *filename,
                    const char           *data,
                    gssize                length,
                    GError              **error)
{
  return coach_markup_parse_in (parser, state, filename, data, length,
                                COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_NOT_XML, error);
}

/**
 * coach_markup_parse_in:
 *
 * Like coach_markup_parse (), for files whose errors are in @domain: malformed XML becomes
 * @not_xml_code there.
 */
gboolean
coach_markup_parse_in (const GMarkupParser  *parser,
                       gpointer              state,
                       const char           *filename,
                       const char           *data,
                       gssize                length,
                       GQuark                domain,
                       int                   not_xml_code,
                       GError              **error)
{
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (parser, 0, state, NULL);
  g_autoptr(GError) local_error = NULL;

  if (g_markup_parse_context_parse (context, data, length, &local_error))
    g_markup_parse_context_end_parse (context, &local_error);

  if (local_error == NULL)
    return TRUE;

  if (local_error->domain == domain)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    coach_set_file_error_in (error, domain, not_xml_code, filename,
                             coach_markup_get_line (context), "xml", "%s", local_error->message);
  return FALSE;
}

/**
 * coach_read_user_file:
 * @display: (out): the file's name as shown in messages
 *
 * Reads a technique or routine file; a file that cannot be read gives a
 * %COACH_CATALOG_ERROR naming it.
 */
gboolean
coach_read_user_file (const char  *path,
                      char       **display,
                      char       **contents,
                      gsize       *length,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  *display = g_filename_display_name (path);
  if (g_file_get_contents (path, contents, length, &local_error))
    return TRUE;

  coach_set_file_error (error, COACH_CATALOG_ERROR_NOT_XML, *display, 0, "file", "%s",
                        local_error->message);
  return FALSE;
}

static void
coach_step_free (CoachStep *step)
{
  g_free (step->instruction);
  g_free (step->cue);
  g_free (step->description);
  g_free (step);
}

const char *
coach_step_get_instruction (const CoachStep *step)
{
  return g_dgettext (GETTEXT_PACKAGE, step->instruction);
}

const char *
coach_step_get_cue (const CoachStep *step)
{
  return g_dgettext (GETTEXT_PACKAGE, step->cue);
}

const char *
coach_step_get_description (const CoachStep *step)
{
  return g_dgettext (GETTEXT_PACKAGE, step->description);
}

static void
coach_technique_finalize (GObject *object)
{
  CoachTechnique *self = COACH_TECHNIQUE (object);

  g_free (self->id);
  g_free (self->filename);
  g_free (self->name);
  g_free (self->summary);
  g_free (self->evidence);
  g_ptr_array_unref (self->cautions);
  g_ptr_array_unref (self->steps);

  G_OBJECT_CLASS (coach_technique_parent_class)->finalize (object);
}

static void
coach_technique_class_init (CoachTechniqueClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = coach_technique_finalize;
}

static void
coach_technique_init (CoachTechnique *self)
{
  self->cautions = g_ptr_array_new_with_free_func (g_free);
  self->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) coach_step_free);
  self->family = COACH_N_FAMILIES;
  self->performer = COACH_N_PERFORMERS;
}

/* ---- Parsing ---------------------------------------------------------------------------- */

typedef enum {
  SEEN_NAME = 1 << 0,
  SEEN_FAMILY = 1 << 1,
  SEEN_PERFORMER = 1 << 2,
  SEEN_PRESSURE = 1 << 3,
  SEEN_REGIONS = 1 << 4,
  SEEN_SUMMARY = 1 << 5,
  SEEN_CAUTIONS = 1 << 6,
  SEEN_EVIDENCE = 1 << 7,
  SEEN_STEPS = 1 << 8,
} Seen;

typedef struct {
  const char     *filename;
  CoachTechnique *technique;
  GString        *text;
  gboolean        in_text;
  int             text_line;
  int             technique_line;
  int             steps_line;
  CoachStep      *step;          /* the step being read, owned by technique->steps */
  gboolean        step_has_illustration;
  int             illustration_line;
  guint           seen;
} ParseState;

int
coach_markup_get_line (GMarkupParseContext *context)
{
  int line = 0, column = 0;

  /* GMarkup has already stepped onto the character after the tag's ">"; when that is a
   * newline it counts as the next line, column 1. */
  g_markup_parse_context_get_position (context, &line, &column);
  return column <= 1 && line > 1 ? line - 1 : line;
}

/* Collapses runs of whitespace to one space and trims, as xgettext's ITS rules do. */
static char *
collapse_whitespace (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static gboolean
parse_uint (const char *text,
            guint       min,
            guint       max,
            guint      *out)
{
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, min, max, &value, NULL))
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

static CoachCatalogError
unknown_code (CoachVocab vocab)
{
  switch (vocab)
    {
    case COACH_VOCAB_REGION:
      return COACH_CATALOG_ERROR_UNKNOWN_REGION;
    case COACH_VOCAB_FAMILY:
      return COACH_CATALOG_ERROR_UNKNOWN_FAMILY;
    case COACH_VOCAB_SIDE:
      return COACH_CATALOG_ERROR_BAD_SIDE;
    default:
      return COACH_CATALOG_ERROR_UNKNOWN_ID;
    }
}

static gboolean
parse_id (ParseState  *state,
          int          line,
          const char  *field,
          CoachVocab   vocab,
          const char  *text,
          guint       *out,
          GError     **error)
{
  int value = coach_vocab_from_id (vocab, text);

  if (value < 0)
    {
      g_autofree char *valid = coach_vocab_list_ids (vocab);
      coach_set_file_error (error, unknown_code (vocab), state->filename, line, field,
                            _("“%s” is not a known %s; use one of %s"),
                            text != NULL ? text : "", coach_vocab_get_name (vocab), valid);
      return FALSE;
    }

  *out = (guint) value;
  return TRUE;
}

static gboolean
parse_id_list (ParseState  *state,
               int          line,
               const char  *field,
               CoachVocab   vocab,
               const char  *text,
               gboolean     required,
               guint32     *out,
               GError     **error)
{
  g_autofree char *unknown = NULL;
  guint32 mask = 0;
  guint value;

  /* parse_id () words the error for the id the vocabulary does not know. */
  if (!coach_vocab_list_to_mask (vocab, text, &mask, &unknown))
    return parse_id (state, line, field, vocab, unknown, &value, error);

  if (required && mask == 0)
    {
      coach_set_file_error (error, COACH_CATALOG_ERROR_MISSING_FIELD, state->filename, line,
                            field, _("at least one %s is needed"), coach_vocab_get_name (vocab));
      return FALSE;
    }

  *out = mask;
  return TRUE;
}

static gboolean
valid_technique_id (const char *id)
{
  if (id == NULL || id[0] == '\0')
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-'))
      return FALSE;
  return TRUE;
}

static const char *text_elements[] = {
  "name", "family", "performer", "pressure", "regions", "equipment", "suits", "avoid-with",
  "summary", "caution", "evidence", "instruction", "cue", "description",
};

static gboolean
is_text_element (const char *element)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_elements); i++)
    if (g_str_equal (element, text_elements[i]))
      return TRUE;
  return FALSE;
}

/* Returns: (nullable): the value of the attribute called @name. */
const char *
coach_markup_get_attribute (const char **names,
                            const char **values,
                            const char  *name)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      return values[i];
  return NULL;
}

static gboolean
require_attribute (ParseState  *state,
                   int          line,
                   const char  *element,
                   const char  *name,
                   const char  *value,
                   GError     **error)
{
  if (value != NULL)
    return TRUE;

  coach_set_file_error (error, COACH_CATALOG_ERROR_MISSING_FIELD, state->filename, line, name,
                        _("<%s> needs a “%s” attribute"), element, name);
  return FALSE;
}

static gboolean
start_technique (ParseState   *state,
                 int           line,
                 const char  **names,
                 const char  **values,
                 GError      **error)
{
  const char *id = coach_markup_get_attribute (names, values, "id");
  const char *version = coach_markup_get_attribute (names, values, "version");

  if (!require_attribute (state, line, "technique", "id", id, error) ||
      !require_attribute (state, line, "technique", "version", version, error))
    return FALSE;

  if (!valid_technique_id (id))
    {
      coach_set_file_error (error, COACH_CATALOG_ERROR_BAD_VALUE, state->filename, line, "id",
                            _("“%s” is not a valid id: use lower-case letters, digits and -"), id);
      return FALSE;
    }
  if (!g_str_equal (version, "1"))
    {
      coach_set_file_error (error, COACH_CATALOG_ERROR_BAD_VERSION, state->filename, line,
                            "version", _("version “%s” is not supported; only 1 is"), version);
      return FALSE;
    }

  state->technique = g_object_new (COACH_TYPE_TECHNIQUE, NULL);
  state->technique->id = g_strdup (id);
  state->technique->filename = g_strdup (state->filename);
  state->technique_line = line;
  state->technique->line = line;
  return TRUE;
}

static gboolean
start_step (ParseState   *state,
            int           line,
            const char  **names,
            const char  **values,
            GError      **error)
{
  const char *duration = coach_markup_get_attribute (names, values, "duration");
  const char *side = coach_markup_get_attribute (names, values, "side");
  const char *tempo = coach_markup_get_attribute (names, values, "tempo");
  const char *tempo_unit = coach_markup_get_attribute (names, values, "tempo-unit");
  CoachStep *step = g_new0 (CoachStep, 1);
  guint value;

  g_ptr_array_add (state->technique->steps, step);
  step->number = state->technique->steps->len;
  step->line = line;
  state->step = step;
  state->step_has_illustration = FALSE;

  if (!require_attribute (state, line, "step", "duration", duration, error) ||
      !require_attribute (state, line, "step", "side", side, error))
    return FALSE;

  if (!parse_uint (duration, COACH_MIN_STEP_SECONDS, COACH_MAX_STEP_SECONDS, &step->duration))
    {
      coach_set_file_error (error, COACH_CATALOG_ERROR_BAD_DURATION, state->filename, line,
                            "duration",
                            _("“%s” is not a duration between %d and %d seconds"),
                            duration, COACH_MIN_STEP_SECONDS, COACH_MAX_STEP_SECONDS);
      return FALSE;
    }
  if (!parse_id (state, line, "side", COACH_VOCAB_SIDE, side, &value, error))
    return FALSE;
  step->side = value;

  if (tempo != NULL)
    {
      if (!parse_uint (tempo, 1, 120, &step->tempo))
        {
          coach_set_file_error (error, COACH_CATALOG_ERROR_BAD_VALUE, state->filename, line,
                                "tempo", _("“%s” is not a tempo between 1 and 120"), tempo);
          return FALSE;
        }
      if (!require_attribute (state, line, "step", "tempo-unit", tempo_unit, error) ||
          !parse_id (state, line, "tempo-unit", COACH_VOCAB_TEMPO_UNIT, tempo_unit, &value,
                     error))
        return FALSE;
      step->tempo_unit = value;
    }

  return TRUE;
}

static gboolean
start_illustration (ParseState   *state,
                    int           line,
                    const char  **names,
                    const char  **values,
                    GError      **error)
{
  static const struct {
    const char *name;
    CoachVocab  vocab;
  } attrs[] = {
    { "area", COACH_VOCAB_REGION },
    { "stroke", COACH_VOCAB_STROKE },
    { "direction", COACH_VOCAB_DIRECTION },
    { "pose", COACH_VOCAB_POSE },
  };
  CoachStep *step = state->step;
  guint parsed[G_N_ELEMENTS (attrs)];
  const char *points = coach_markup_get_attribute (names, values, "points");

  for (guint i = 0; i < G_N_ELEMENTS (attrs); i++)
    {
      const char *value = coach_markup_get_attribute (names, values, attrs[i].name);

      if (!require_attribute (state, line, "illustration", attrs[i].name, value, error) ||
          !parse_id (state, line, attrs[i].name, attrs[i].vocab, value, &parsed[i], error))
        return FALSE;
    }
  step->area = parsed[0];
  step->stroke = parsed[1];
  step->direction = parsed[2];
  step->pose = parsed[3];

  if (!parse_id_list (state, line, "points", COACH_VOCAB_LANDMARK, points,
                      step->stroke == COACH_STROKE_HOLD, &step->points, error) ||
      !parse_id_list (state, line, "equipment", COACH_VOCAB_EQUIPMENT,
                      coach_markup_get_attribute (names, values, "equipment"), FALSE, &step->equipment,
                      error))
    return FALSE;

  state->step_has_illustration = TRUE;
  state->illustration_line = line;
  return TRUE;
}

static void
on_start_element (GMarkupParseContext  *context,
                  const char           *element,
                  const char          **names,
                  const char          **values,
                  gpointer              user_data,
                  GError              **error)
{
  ParseState *state = user_data;
  const char *parent = NULL;
  const GSList *stack = g_markup_parse_context_get_element_stack (context);
  int line = coach_markup_get_line (context);
  gboolean ok;

  if (stack->next != NULL)
    parent = stack->next->data;

  if (parent == NULL)
    {
      if (!g_str_equal (element, "technique"))
        {
          coach_set_file_error (error, COACH_CATALOG_ERROR_NOT_XML, state->filename, line,
                                element, _("this is not a technique file: it must start with "
                                           "<technique>"));
          return;
        }
      start_technique (state, line, names, values, error);
      return;
    }

  if (g_str_equal (parent, "technique") &&
      (is_text_element (element) || g_str_equal (element, "cautions") ||
       g_str_equal (element, "steps")))
    ok = TRUE;
  else if (g_str_equal (parent, "cautions"))
    ok = g_str_equal (element, "caution");
  else if (g_str_equal (parent, "steps"))
    ok = g_str_equal (element, "step");
  else if (g_str_equal (parent, "step"))
    ok = g_str_equal (element, "instruction") || g_str_equal (element, "cue") ||
         g_str_equal (element, "illustration");
  else if (g_str_equal (parent, "illustration"))
    ok = g_str_equal (element, "description");
  else
    ok = FALSE;

  if (!ok || g_str_equal (element, "caution") != g_str_equal (parent, "cautions") ||
      (g_str_equal (parent, "technique") &&
       (g_str_equal (element, "instruction") || g_str_equal (element, "cue") ||
        g_str_equal (element, "description") || g_str_equal (element, "caution"))))
    {
      coach_set_file_error (error, COACH_CATALOG_ERROR_BAD_VALUE, state->filename, line,
                            element, _("<%s> is not allowed inside <%s>"), element, parent);
      return;
    }

  if (is_text_element (element))
    {
      g_string_truncate (state->text, 0);
      state->in_text = TRUE;
      state->text_line = line;
    }
  else if (g_str_equal (element, "steps"))
    {
      state->seen |= SEEN_STEPS;
      state->steps_line = line;
    }
  else if (g_str_equal (element, "cautions"))
    state->seen |= SEEN_CAUTIONS;
  else if (g_str_equal (element, "step"))
    start_step (state, line, names, values, error);
  else if (g_str_equal (element, "illustration"))
    start_illustration (state, line, names, values, error);
}

static void
on_text (GMarkupParseContext  *context,
         const char           *text,
         gsize                 length,
         gpointer              user_data,
         GError              **error)
{
  ParseState *state = user_data;

  if (state->in_text)
    g_string_append_len (state->text, text, length);
}

static gboolean
require_text (ParseState  *state,
              const char  *field,
              const char  *text,
              GError     **error)
{
  if (text[0] != '\0')
    return TRUE;

  coach_set_file_error (error, COACH_CATALOG_ERROR_MISSING_FIELD, state->filename,
                        state->text_line, field, _("<%s> is empty"), field);
  return FALSE;
}

static gboolean
check_pairs (ParseState  *state,
             GError     **error)
{
  GPtrArray *steps = state->technique->steps;

  for (guint i = 0; i < steps->len; i++)
    {
      CoachStep *step = g_ptr_array_index (steps, i);
      CoachStep *next;

      if (step->side != COACH_SIDE_LEFT && step->side != COACH_SIDE_RIGHT)
        continue;

      next = i + 1 < steps->len ? g_ptr_array_index (steps, i + 1) : NULL;
      if (next == NULL ||
          next->side != (step->side == COACH_SIDE_LEFT ? COACH_SIDE_RIGHT : COACH_SIDE_LEFT) ||
          next->duration != step->duration)
        {
          coach_set_file_error (error, COACH_CATALOG_ERROR_UNPAIRED_SIDE, state->filename,
                                step->line, "side",
                                _("a %s step must be followed by the matching %s step of the "
                                  "same duration"),
                                coach_vocab_to_id (COACH_VOCAB_SIDE, step->side),
                                step->side == COACH_SIDE_LEFT ? "right" : "left");
          return FALSE;
        }
      i++;
    }

  return TRUE;
}

static gboolean
end_technique (ParseState  *state,
               GError     **error)
{
  static const struct {
    Seen        flag;
    const char *field;
  } required[] = {
    { SEEN_NAME, "name" },
    { SEEN_FAMILY, "family" },
    { SEEN_PERFORMER, "performer" },
    { SEEN_PRESSURE, "pressure" },
    { SEEN_REGIONS, "regions" },
    { SEEN_SUMMARY, "summary" },
    { SEEN_CAUTIONS, "cautions" },
    { SEEN_EVIDENCE, "evidence" },
    { SEEN_STEPS, "steps" },
  };
  CoachTechnique *technique = state->technique;

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if ((state->seen & required[i].flag) == 0)
      {
        coach_set_file_error (error, COACH_CATALOG_ERROR_MISSING_FIELD, state->filename,
                              state->technique_line, required[i].field,
                              _("<%s> is missing"), required[i].field);
        return FALSE;
      }

  if (technique->cautions->len == 0)
    {
      coach_set_file_error (error, COACH_CATALOG_ERROR_MISSING_FIELD, state->filename,
                            state->technique_line, "caution", _("at least one <caution> is needed"));
      return FALSE;
    }

  if (technique->steps->len < COACH_MIN_STEPS)
    {
      coach_set_file_error (error, COACH_CATALOG_ERROR_TOO_FEW_STEPS, state->filename,
                            state->steps_line, "steps",
                            _("%u steps found; a technique needs at least %d"),
                            technique->steps->len, COACH_MIN_STEPS);
      return FALSE;
    }

  return check_pairs (state, error);
}

static gboolean
end_step (ParseState  *state,
          GError     **error)
{
  CoachStep *step = state->step;
  const char *missing = NULL;

  if (step->instruction == NULL)
    missing = "instruction";
  else if (step->cue == NULL)
    missing = "cue";
  else if (!state->step_has_illustration)
    missing = "illustration";
  else if (step->description == NULL)
    missing = "description";

  if (missing != NULL)
    {
      coach_set_file_error (error, COACH_CATALOG_ERROR_MISSING_FIELD, state->filename,
                            step->line, missing, _("step %u has no <%s>"), step->number, missing);
      return FALSE;
    }

  state->step = NULL;
  return TRUE;
}

static void
end_text_element (ParseState   *state,
                  const char   *element,
                  GError      **error)
{
  CoachTechnique *technique = state->technique;
  g_autofree char *text = collapse_whitespace (state->text->str);
  int line = state->text_line;
  guint value;

  state->in_text = FALSE;

  if (g_str_equal (element, "equipment"))
    parse_id_list (state, line, element, COACH_VOCAB_EQUIPMENT, text, FALSE,
                   &technique->equipment, error);
  else if (g_str_equal (element, "suits"))
    parse_id_list (state, line, element, COACH_VOCAB_SUITS, text, FALSE, &technique->suits,
                   error);
  else if (g_str_equal (element, "avoid-with"))
    parse_id_list (state, line, element, COACH_VOCAB_CONDITION, text, FALSE,
                   &technique->avoid_with, error);
  else if (g_str_equal (element, "regions"))
    {
      if (parse_id_list (state, line, element, COACH_VOCAB_REGION, text, TRUE,
                         &technique->regions, error))
        state->seen |= SEEN_REGIONS;
    }
  else if (g_str_equal (element, "family"))
    {
      if (parse_id (state, line, element, COACH_VOCAB_FAMILY, text, &value, error))
        {
          technique->family = value;
          state->seen |= SEEN_FAMILY;
        }
    }
  else if (g_str_equal (element, "performer"))
    {
      if (parse_id (state, line, element, COACH_VOCAB_PERFORMER, text, &value, error))
        {
          technique->performer = value;
          state->seen |= SEEN_PERFORMER;
        }
    }
  else if (g_str_equal (element, "pressure"))
    {
      if (!parse_uint (text, 1, 10, &technique->pressure))
        coach_set_file_error (error, COACH_CATALOG_ERROR_BAD_VALUE, state->filename, line,
                              element, _("“%s” is not a pressure from 1 to 10"), text);
      else
        state->seen |= SEEN_PRESSURE;
    }
  else if (!require_text (state, element, text, error))
    return;
  else if (g_str_equal (element, "name"))
    {
      g_free (technique->name);
      technique->name = g_steal_pointer (&text);
      state->seen |= SEEN_NAME;
    }
  else if (g_str_equal (element, "summary"))
    {
      g_free (technique->summary);
      technique->summary = g_steal_pointer (&text);
      state->seen |= SEEN_SUMMARY;
    }
  else if (g_str_equal (element, "evidence"))
    {
      g_free (technique->evidence);
      technique->evidence = g_steal_pointer (&text);
      state->seen |= SEEN_EVIDENCE;
    }
  else if (g_str_equal (element, "caution"))
    g_ptr_array_add (technique->cautions, g_steal_pointer (&text));
  else if (g_str_equal (element, "instruction"))
    {
      g_free (state->step->instruction);
      state->step->instruction = g_steal_pointer (&text);
    }
  else if (g_str_equal (element, "cue"))
    {
      g_free (state->step->cue);
      state->step->cue = g_steal_pointer (&text);
    }
  else if (g_str_equal (element, "description"))
    {
      g_free (state->step->description);
      state->step->description = g_steal_pointer (&text);
    }
}

static void
on_end_element (GMarkupParseContext  *context,
                const char           *element,
                gpointer              user_data,
                GError              **error)
{
  ParseState *state = user_data;

  if (is_text_element (element))
    end_text_element (state, element, error);
  else if (g_str_equal (element, "step"))
    end_step (state, error);
  else if (g_str_equal (element, "technique"))
    end_technique (state, error);
}

static const GMarkupParser technique_parser = {
  .start_element = on_start_element,
  .end_element = on_end_element,
  .text = on_text,
};

/**
 * coach_technique_new_from_data:
 * @filename: the name used in error messages
 *
 * Parses and validates one technique file. Errors are in %COACH_CATALOG_ERROR and read
 * "FILE:LINE: field: message".
 */
CoachTechnique *
coach_technique_new_from_data (const char  *filename,
                               const char  *data,
                               gssize       length,
                               GError     **error)
{
  ParseState state = { .filename = filename };
  g_autoptr(CoachTechnique) technique = NULL;
  gboolean parsed;

  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  state.text = g_string_new (NULL);
  parsed = coach_markup_parse (&technique_parser, &state, filename, data, length, error);
  g_string_free (state.text, TRUE);
  technique = g_steal_pointer (&state.technique);

  if (!parsed)
    return NULL;
  if (technique == NULL)
    {
      coach_set_file_error (error, COACH_CATALOG_ERROR_NOT_XML, filename, 1, "xml",
                            _("the file has no <technique> element"));
      return NULL;
    }

  return g_steal_pointer (&technique);
}

CoachTechnique *
coach_technique_new_from_file (const char  *path,
                               GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  gsize length;

  if (!coach_read_user_file (path, &display, &contents, &length, error))
    return NULL;

  return coach_technique_new_from_data (display, contents, length, error);
}

const char *
coach_technique_get_id (CoachTechnique *self)
{
  g_return_val_if_fail (COACH_IS_TECHNIQUE (self), NULL);
  return self->id;
}

/* The file the technique came from, as shown in messages. */
const char *
coach_technique_get_filename (CoachTechnique *self)
{
  g_return_val_if_fail (COACH_IS_TECHNIQUE (self), NULL);
  return self->filename;
}

/* The line of the <technique> element, for messages about the whole file. */
int
coach_technique_get_line (CoachTechnique *self)
{
  g_return_val_if_fail (COACH_IS_TECHNIQUE (self), 0);
  return self->line;
}

const char *
coach_technique_get_name (CoachTechnique *self)
{
  g_return_val_if_fail (COACH_IS_TECHNIQUE (self), NULL);
  return g_dgettext (GETTEXT_PACKAGE, self->name);
}

const char *
coach_technique_get_summary (CoachTechnique *self)
{
  g_return_val_if_fail (COACH_IS_TECHNIQUE (self), NULL);
  return g_dgettext (GETTEXT_PACKAGE, self->summary);
}

const char *
coach_technique_get_evidence (CoachTechnique *self)
{
  g_return_val_if_fail (COACH_IS_TECHNIQUE (self), NULL);
  return g_dgettext (GETTEXT_PACKAGE, self->evidence);
}

guint
coach_technique_get_n_cautions (CoachTechnique *self)
{
  g_return_val_if_fail (COACH_IS_TECHNIQUE (self), 0);
  return self->cautions->len;
}

const char *
coach_technique_get_caution (CoachTechnique *self,
                             guint           index)
{
  g_return_val_if_fail (COACH_IS_TECHNIQUE (self), NULL);
  g_return_val_if_fail (index < self->cautions->len, NULL);
  return g_dgettext (GETTEXT_PACKAGE, g_ptr_array_index (self->cautions, index));
}

CoachFamily
coach_technique_get_family (CoachTechnique *self)
{
  g_return_val_if_fail (COACH_IS_TECHNIQUE (self), 0);
  return self->family;
}

CoachPerformer
coach_technique_get_performer (CoachTechnique *self)
{
  g_return_val_if_fail (COACH_IS_TECHNIQUE (self), 0);
  return self->performer;
}

guint
coach_technique_get_pressure (CoachTechnique *self)
{
  g_return_val_if_fail (COACH_IS_TECHNIQUE (self), 0);
  return self->pressure;
}

guint32
coach_technique_get_regions (CoachTechnique *self)
{
  g_return_val_if_fail (COACH_IS_TECHNIQUE (self), 0);
  return self->regions;
}

guint32
coach_technique_get_equipment (CoachTechnique *self)
{
  g_return_val_if_fail (COACH_IS_TECHNIQUE (self), 0);
  return self->equipment;
}

guint32
coach_technique_get_suits (CoachTechnique *self)
{
  g_return_val_if_fail (COACH_IS_TECHNIQUE (self), 0);
  return self->suits;
}

guint32
coach_technique_get_avoid_with (CoachTechnique *self)
{
  g_return_val_if_fail (COACH_IS_TECHNIQUE (self), 0);
  return self->avoid_with;
}

guint
coach_technique_get_n_steps (CoachTechnique *self)
{
  g_return_val_if_fail (COACH_IS_TECHNIQUE (self), 0);
  return self->steps->len;
}

/* @number is 1-based, as in routine files. Returns: (nullable): the step, or NULL. */
const CoachStep *
coach_technique_get_step (CoachTechnique *self,
                          guint           number)
{
  g_return_val_if_fail (COACH_IS_TECHNIQUE (self), NULL);

  if (number < 1 || number > self->steps->len)
    return NULL;
  return g_ptr_array_index (self->steps, number - 1);
}

/* Returns: the length of all steps at their written durations, in seconds. */
guint
coach_technique_get_duration (CoachTechnique *self)
{
  guint total = 0;

  g_return_val_if_fail (COACH_IS_TECHNIQUE (self), 0);

  for (guint i = 0; i < self->steps->len; i++)
    total += ((CoachStep *) g_ptr_array_index (self->steps, i))->duration;
  return total;
}

/* Whether someone doing self-massage (or a partner) can use this technique. */
gboolean
coach_technique_suits_performer (CoachTechnique *self,
                                 CoachPerformer  performer)
{
  g_return_val_if_fail (COACH_IS_TECHNIQUE (self), FALSE);

  return self->performer == COACH_PERFORMER_BOTH || performer == COACH_PERFORMER_BOTH ||
         self->performer == performer;
}

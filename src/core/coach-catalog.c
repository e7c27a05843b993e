/* coach-catalog.c: every known technique: the built-in ones and the user's own files.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built-in techniques come from a GResource compiled into the core library; user techniques
 * from g_get_user_data_dir()/backcoach/techniques/, one NAME.technique.xml each. Nothing is read until the
 * catalog is first asked for a technique, so creating one at start-up costs nothing. A bad
 * user file is kept as a problem (a GError naming file, line and field) and skipped. */
#define G_LOG_DOMAIN "coach-catalog"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "coach-catalog.h"
#include "coach-catalog-resources.h"

struct _CoachCatalog
{
  GObject     parent_instance;

  char       *user_dir;
  GMutex      load_lock;    /* the first load may happen on a worker thread */
  gboolean    loaded;
  GPtrArray  *techniques;   /* CoachTechnique, built-in first, each group sorted by id */
  GHashTable *by_id;        /* id -> CoachTechnique, borrowed */
  guint       n_builtin;
  GPtrArray  *problems;     /* GError */
};

G_DEFINE_FINAL_TYPE (CoachCatalog, coach_catalog, G_TYPE_OBJECT)

static void
coach_catalog_finalize (GObject *object)
{
  CoachCatalog *self = COACH_CATALOG (object);

  g_free (self->user_dir);
  g_mutex_clear (&self->load_lock);
  g_ptr_array_unref (self->techniques);
  g_hash_table_unref (self->by_id);
  g_ptr_array_unref (self->problems);

  G_OBJECT_CLASS (coach_catalog_parent_class)->finalize (object);
}

static void
coach_catalog_class_init (CoachCatalogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = coach_catalog_finalize;
}

static void
coach_catalog_init (CoachCatalog *self)
{
  g_mutex_init (&self->load_lock);
  self->techniques = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
}

/* Registered by hand rather than by a constructor, which a static library may drop. */
static void
ensure_resource (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      coach_catalog_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

/* The catalog of the built-in techniques plus those in the user's data directory. */
CoachCatalog *
coach_catalog_new (void)
{
  g_autofree char *dir = coach_catalog_get_default_user_dir ();

  return coach_catalog_new_with_user_dir (dir);
}

/**
 * coach_catalog_new_with_user_dir:
 * @user_dir: (nullable): folder of user technique files, or %NULL for built-ins only
 */
CoachCatalog *
coach_catalog_new_with_user_dir (const char *user_dir)
{
  CoachCatalog *self = g_object_new (COACH_TYPE_CATALOG, NULL);

  self->user_dir = g_strdup (user_dir);
  return self;
}

char *
coach_catalog_get_default_user_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "backcoach", "techniques", NULL);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

static gboolean
add_technique (CoachCatalog    *self,
               CoachTechnique  *technique,
               GError         **error)
{
  const char *id = coach_technique_get_id (technique);
  CoachTechnique *other = g_hash_table_lookup (self->by_id, id);

  if (other != NULL)
    {
      coach_set_file_error (error, COACH_CATALOG_ERROR_DUPLICATE_ID,
                            coach_technique_get_filename (technique),
                            coach_technique_get_line (technique), "id",
                            _("“%s” is already used by %s"), id,
                            coach_technique_get_filename (other));
      return FALSE;
    }

  g_ptr_array_add (self->techniques, g_object_ref (technique));
  g_hash_table_insert (self->by_id, (gpointer) id, technique);
  return TRUE;
}

static void
load_builtin (CoachCatalog *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  ensure_resource ();
  names = g_resources_enumerate_children (COACH_CATALOG_RESOURCE_PATH,
                                          G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (names == NULL)
    g_error ("The built-in catalog is missing: %s", error->message);

  qsort (names, g_strv_length (names), sizeof (char *), compare_names);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (COACH_CATALOG_RESOURCE_PATH, names[i], NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(CoachTechnique) technique = NULL;

      bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes != NULL)
        technique = coach_technique_new_from_data (names[i],
                                                   g_bytes_get_data (bytes, NULL),
                                                   g_bytes_get_size (bytes), &error);
      /* The build validates the built-in files, so this is a packaging bug. */
      if (technique == NULL || !add_technique (self, technique, &error))
        g_error ("Built-in technique %s: %s", names[i], error->message);
    }

  self->n_builtin = self->techniques->len;
}

static void
load_user (CoachCatalog *self)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (self->user_dir == NULL)
    return;

  dir = g_dir_open (self->user_dir, 0, NULL);
  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".technique.xml"))
      g_ptr_array_add (names, g_build_filename (self->user_dir, name, NULL));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      GError *error = NULL;
      g_autoptr(CoachTechnique) technique = NULL;

      technique = coach_technique_new_from_file (g_ptr_array_index (names, i), &error);
      if (technique == NULL || !add_technique (self, technique, &error))
        {
          g_debug ("Skipping a user technique: %s", error->message);
          g_ptr_array_add (self->problems, error);
        }
    }
}

/* Loads everything on first use. Once loaded the catalog only changes through
 * check_user_file, so the lock is all a planner on a worker thread needs. */
static void
ensure_loaded (CoachCatalog *self)
{
  g_mutex_lock (&self->load_lock);
  if (!self->loaded)
    {
      self->loaded = TRUE;
      load_builtin (self);
      load_user (self);
    }
  g_mutex_unlock (&self->load_lock);
}

/* Returns: (transfer none) (element-type CoachTechnique): every technique, built-in first. */
GPtrArray *
coach_catalog_get_techniques (CoachCatalog *self)
{
  g_return_val_if_fail (COACH_IS_CATALOG (self), NULL);

  ensure_loaded (self);
  return self->techniques;
}

/* Returns: (transfer none) (nullable): the technique with @id. */
CoachTechnique *
coach_catalog_lookup (CoachCatalog *self,
                      const char   *id)
{
  g_return_val_if_fail (COACH_IS_CATALOG (self), NULL);

  ensure_loaded (self);
  return id != NULL ? g_hash_table_lookup (self->by_id, id) : NULL;
}

gboolean
coach_catalog_is_builtin (CoachCatalog   *self,
                          CoachTechnique *technique)
{
  g_return_val_if_fail (COACH_IS_CATALOG (self), FALSE);

  ensure_loaded (self);
  for (guint i = 0; i < self->n_builtin; i++)
    if (g_ptr_array_index (self->techniques, i) == technique)
      return TRUE;
  return FALSE;
}

/**
 * coach_catalog_get_problems:
 *
 * Returns: (transfer none) (element-type GError): the user files that were skipped, each
 * with a message "FILE:LINE: field: message", for the interface to report once.
 */
GPtrArray *
coach_catalog_get_problems (CoachCatalog *self)
{
  g_return_val_if_fail (COACH_IS_CATALOG (self), NULL);

  ensure_loaded (self);
  return self->problems;
}

/**
 * coach_catalog_check_user_file:
 *
 * Validates a user technique file as loading would, including that its id is not taken by
 * another technique (a file already in the user folder may keep its own id).
 *
 * Returns: (transfer full): the technique, or %NULL with @error set.
 */
CoachTechnique *
coach_catalog_check_user_file (CoachCatalog  *self,
                               const char    *path,
                               GError       **error)
{
  g_autoptr(CoachTechnique) technique = NULL;
  CoachTechnique *other;

  g_return_val_if_fail (COACH_IS_CATALOG (self), NULL);

  technique = coach_technique_new_from_file (path, error);
  if (technique == NULL)
    return NULL;

  ensure_loaded (self);
  other = g_hash_table_lookup (self->by_id, coach_technique_get_id (technique));
  if (other != NULL)
    {
      gboolean builtin = coach_catalog_is_builtin (self, other);
      g_autofree char *a = g_canonicalize_filename (path, NULL);
      g_autofree char *b = builtin ? NULL
                                   : g_canonicalize_filename (coach_technique_get_filename (other), NULL);

      if (b == NULL || !g_str_equal (a, b))
        {
          coach_set_file_error (error, COACH_CATALOG_ERROR_DUPLICATE_ID,
                                coach_technique_get_filename (technique),
                                coach_technique_get_line (technique), "id",
                                builtin ? _("“%s” is the id of a built-in technique; choose "
                                            "another")
                                        : _("“%s” is already used by another technique"),
                                coach_technique_get_id (technique));
          return NULL;
        }
    }

  return g_steal_pointer (&technique);
}

/* test-card-print.c: every catalog card exports to a PDF holding its text and its pictures,
 * long cards run over several pages with the right footers, bad paths fail cleanly.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "coach-card-print.h"
#include "coach-catalog.h"
#include "ui-test-util.h"

/* pdftoppm's resolution for the picture checks, in dots per inch. */
#define DPI 30.0

static CoachCatalog *catalog;

static CoachCatalog *
get_catalog (void)
{
  if (catalog == NULL)
    catalog = coach_catalog_new_with_user_dir (NULL);
  return catalog;
}

/* Runs of whitespace as one space, trimmed, since lines wrap differently from the catalog;
 * and no hyphens, since pdftotext joins a word broken after its hyphen ("low-" "quality")
 * without it. */
static char *
collapse (const char *text)
{
  g_autoptr(GRegex) hyphen = g_regex_new ("-\\s*", 0, 0, NULL);
  g_autofree char *joined = g_regex_replace_literal (hyphen, text, -1, 0, "", 0, NULL);
  g_auto(GStrv) words = g_strsplit_set (joined, " \t\n\r\f", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      {
        if (out->len > 0)
          g_string_append_c (out, ' ');
        g_string_append (out, words[i]);
      }
  return g_string_free (out, FALSE);
}

static gboolean
is_footer (const char *line)
{
  return g_regex_match_simple ("^Back Coach · page [0-9]+ of [0-9]+$", line, 0, 0);
}

/* The text of a PDF, page by page. */
static GStrv
extract_pages (const char *path)
{
  g_autofree char *text = run_tool ("pdftotext", "-enc", "UTF-8", path, "-", NULL);
  g_auto(GStrv) pages = g_strsplit (text, "\f", -1);
  guint n = g_strv_length (pages);

  /* pdftotext ends every page with a form feed. */
  g_assert_cmpuint (n, >, 1);
  g_assert_cmpstr (pages[n - 1], ==, "");
  g_clear_pointer (&pages[n - 1], g_free);
  return g_steal_pointer (&pages);
}

/* All the card's text without the running headers and footers, which land in the middle of
 * anything that runs on to the next page. */
static char *
body_text (GStrv pages)
{
  GString *out = g_string_new (NULL);

  for (guint p = 0; pages[p] != NULL; p++)
    {
      g_auto(GStrv) lines = g_strsplit (pages[p], "\n", -1);
      gboolean header = p > 0;

      for (guint i = 0; lines[i] != NULL; i++)
        {
          if (lines[i][0] == '\0' || is_footer (lines[i]))
            continue;
          /* The running header is the first line of every page after the first. */
          if (header)
            {
              header = FALSE;
              continue;
            }
          g_string_append_printf (out, "%s\n", lines[i]);
        }
    }

  return g_string_free (out, FALSE);
}

static void
assert_contains (const char *haystack,
                 const char *needle,
                 const char *what,
                 const char *id)
{
  g_autofree char *n = collapse (needle);

  if (strstr (haystack, n) == NULL)
    g_error ("%s: the PDF lacks the %s “%s” in:\n%s", id, what, n, haystack);
}

static void
get_page_size (double *width,
               double *height,
               double *left,
               double *top)
{
  g_autoptr(GtkPageSetup) setup = coach_card_get_page_setup ();

  *width = gtk_page_setup_get_page_width (setup, GTK_UNIT_POINTS);
  *height = gtk_page_setup_get_page_height (setup, GTK_UNIT_POINTS);
  if (left != NULL)
    *left = gtk_page_setup_get_left_margin (setup, GTK_UNIT_POINTS);
  if (top != NULL)
    *top = gtk_page_setup_get_top_margin (setup, GTK_UNIT_POINTS);
}

/* Renders each page at DPI and checks that every step's picture is really drawn where the
 * layout put it: a grey body with dark outlines, which bare paper or text alone would not
 * give. */
static void
assert_pictures (CoachTechnique  *technique,
                 CoachCardLayout *layout,
                 const char      *pdf,
                 const char      *dir)
{
  guint n_pages = coach_card_layout_get_n_pages (layout);
  double width, height, left, top;
  cairo_surface_t **images = g_new0 (cairo_surface_t *, n_pages);

  get_page_size (&width, &height, &left, &top);

  for (guint n = 1; n <= coach_technique_get_n_steps (technique); n++)
    {
      cairo_rectangle_t rect;
      guint page, total = 0, marked = 0, dark = 0;
      const guchar *data;
      int stride, x0, y0, x1, y1;

      g_assert_true (coach_card_layout_get_illustration (layout, n, &page, &rect));
      g_assert_cmpuint (page, <, n_pages);

      if (images[page] == NULL)
        {
          g_autofree char *prefix = g_build_filename (dir, "page", NULL);
          g_autofree char *png = g_strconcat (prefix, ".png", NULL);
          g_autofree char *number = g_strdup_printf ("%u", page + 1);
          g_autofree char *out = run_tool ("pdftoppm", "-r", G_STRINGIFY (DPI), "-png",
                                           "-singlefile", "-f", number, "-l", number, pdf,
                                           prefix, NULL);

          images[page] = cairo_image_surface_create_from_png (png);
          g_assert_cmpint (cairo_surface_status (images[page]), ==, CAIRO_STATUS_SUCCESS);
          g_assert_cmpint (g_remove (png), ==, 0);
        }

      data = cairo_image_surface_get_data (images[page]);
      stride = cairo_image_surface_get_stride (images[page]);
      x0 = (int) ((left + rect.x) * DPI / 72);
      y0 = (int) ((top + rect.y) * DPI / 72);
      x1 = MIN ((int) ((left + rect.x + rect.width) * DPI / 72),
                cairo_image_surface_get_width (images[page]));
      y1 = MIN ((int) ((top + rect.y + rect.height) * DPI / 72),
                cairo_image_surface_get_height (images[page]));

      for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++)
          {
            guint32 p = *(const guint32 *) (data + y * stride + 4 * x);
            int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
            int lightest = MAX (r, MAX (g, b)), darkest = MIN (r, MIN (g, b));

            total++;
            if (darkest < 245)
              marked++;
            if (lightest < 140)
              dark++;
          }

      if (marked < total / 4 || dark < total / 100)
        g_error ("%s step %u: the picture on page %u is missing (%u of %u pixels marked, "
                 "%u dark)", coach_technique_get_id (technique), n, page + 1, marked, total,
                 dark);
    }

  for (guint i = 0; i < n_pages; i++)
    g_clear_pointer (&images[i], cairo_surface_destroy);
  g_free (images);
}

static void
test_catalog_exports (void)
{
  GPtrArray *techniques = coach_catalog_get_techniques (get_catalog ());
  g_autofree char *dir = g_dir_make_tmp ("backcoach-card-XXXXXX", NULL);
  double width, height;

  g_assert_nonnull (dir);
  g_assert_cmpuint (techniques->len, >, 0);
  get_page_size (&width, &height, NULL, NULL);

  for (guint i = 0; i < techniques->len; i++)
    {
      CoachTechnique *technique = g_ptr_array_index (techniques, i);
      const char *id = coach_technique_get_id (technique);
      g_autofree char *name = g_strdup_printf ("%s.pdf", id);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(CoachCardLayout) layout = coach_card_layout_new (technique, width, height);
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *body = NULL;
      g_autofree char *text = NULL;
      g_auto(GStrv) pages = NULL;
      gsize length;

      g_assert_true (coach_card_export_pdf (technique, path, &error));
      g_assert_no_error (error);

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_true (g_str_has_prefix (contents, "%PDF-"));

      g_assert_cmpuint (count_pdf_pages (path), ==, coach_card_layout_get_n_pages (layout));

      pages = extract_pages (path);
      g_assert_cmpuint (g_strv_length (pages), ==, coach_card_layout_get_n_pages (layout));
      body = body_text (pages);
      text = collapse (body);

      assert_contains (text, coach_technique_get_name (technique), "name", id);
      assert_contains (text, coach_technique_get_summary (technique), "summary", id);
      for (guint c = 0; c < coach_technique_get_n_cautions (technique); c++)
        assert_contains (text, coach_technique_get_caution (technique, c), "caution", id);
      for (guint n = 1; n <= coach_technique_get_n_steps (technique); n++)
        assert_contains (text, coach_step_get_instruction (coach_technique_get_step (technique, n)),
                         "instruction", id);

      assert_pictures (technique, layout, path, dir);
      g_assert_cmpint (g_remove (path), ==, 0);
    }

  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A technique with far more to say than one page holds. */
static CoachTechnique *
new_long_technique (void)
{
  g_autoptr(GString) xml = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  CoachTechnique *technique;

  g_string_append (xml,
    "<technique id=\"long-card\" version=\"1\">"
    "<name>A long card to test how pages break</name>"
    "<family>gliding</family><performer>partner</performer><pressure>3</pressure>"
    "<regions>neck upper-back mid-back lower-back</regions><equipment>oil towel</equipment>"
    "<suits>stress sitting</suits>"
    "<summary>Slow gliding strokes over the whole back, described at length so that the "
    "card needs several pages of paper.</summary><cautions>");
  for (guint i = 1; i <= 6; i++)
    g_string_append_printf (xml, "<caution>Caution number %u: glide either side of the spine "
                            "and never press on the spine itself, and stop at any sharp or "
                            "burning pain.</caution>", i);
  g_string_append (xml, "</cautions><evidence>");
  for (guint i = 0; i < 8; i++)
    g_string_append (xml, "Reviews of trials find short-term relief of back pain from "
                     "low-quality evidence (Cochrane review, 2015). ");
  g_string_append (xml, "</evidence><steps>");
  for (guint i = 1; i <= 14; i++)
    g_string_append_printf (xml,
      "<step duration=\"%u\" side=\"none\">"
      "<instruction>Step %u of the long card: place both hands flat on the back, glide slowly "
      "up either side of the spine to the shoulders and lightly back down the sides, keeping "
      "one hand in contact all the time and breathing slowly.</instruction>"
      "<cue>Glide slowly.</cue>"
      "<illustration area=\"mid-back\" stroke=\"glide\" direction=\"up\" "
      "pose=\"partner-face-down\"><description>Hands glide up the back.</description>"
      "</illustration></step>", 30 + 15 * i, i);
  g_string_append (xml, "</steps></technique>");

  technique = coach_technique_new_from_data ("long-card.technique.xml", xml->str, xml->len,
                                             &error);
  g_assert_no_error (error);
  return technique;
}

static void
test_long_card_pages (void)
{
  g_autoptr(CoachTechnique) technique = new_long_technique ();
  g_autofree char *dir = g_dir_make_tmp ("backcoach-card-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "long.pdf", NULL);
  g_autoptr(CoachCardLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) pages = NULL;
  g_autofree char *body = NULL;
  g_autofree char *text = NULL;
  double width, height;
  guint n_pages, last_page = 0;

  get_page_size (&width, &height, NULL, NULL);
  layout = coach_card_layout_new (technique, width, height);
  n_pages = coach_card_layout_get_n_pages (layout);
  g_assert_cmpuint (n_pages, >=, 3);
  g_assert_cmpuint (n_pages, <=, 8);

  g_assert_true (coach_card_export_pdf (technique, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_pdf_pages (path), ==, n_pages);

  pages = extract_pages (path);
  g_assert_cmpuint (g_strv_length (pages), ==, n_pages);
  for (guint p = 0; p < n_pages; p++)
    {
      g_autofree char *footer = g_strdup_printf ("\nBack Coach · page %u of %u\n", p + 1, n_pages);
      g_autofree char *page = g_strconcat ("\n", pages[p], NULL);

      if (strstr (page, footer) == NULL)
        g_error ("page %u lacks its footer:\n%s", p + 1, pages[p]);
      /* Pages after the first start with the technique's name. */
      if (p > 0)
        g_assert_true (g_str_has_prefix (pages[p], "A long card to test how pages break\n"));
    }

  body = body_text (pages);
  text = collapse (body);
  for (guint c = 0; c < coach_technique_get_n_cautions (technique); c++)
    assert_contains (text, coach_technique_get_caution (technique, c), "caution", "long-card");
  assert_contains (text, coach_technique_get_evidence (technique), "evidence", "long-card");

  /* Steps keep their order, each whole on one page and clear of the footer. */
  for (guint n = 1; n <= coach_technique_get_n_steps (technique); n++)
    {
      cairo_rectangle_t rect;
      guint page;

      assert_contains (text, coach_step_get_instruction (coach_technique_get_step (technique, n)),
                       "instruction", "long-card");
      g_assert_true (coach_card_layout_get_illustration (layout, n, &page, &rect));
      g_assert_cmpuint (page, >=, last_page);
      g_assert_cmpfloat (rect.y, >=, 0);
      g_assert_cmpfloat (rect.y + rect.height, <=, height - 20);
      last_page = page;
    }
  g_assert_cmpuint (last_page, ==, n_pages - 1);
  g_assert_false (coach_card_layout_get_illustration (layout, 15, NULL, NULL));

  assert_pictures (technique, layout, path, dir);

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Narrow or short paper still gives whole pages that draw without errors. */
static void
test_odd_paper (void)
{
  g_autoptr(CoachTechnique) technique = new_long_technique ();
  const double sizes[][2] = { { 200, 500 }, { 500, 150 }, { 30, 30 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(CoachCardLayout) layout = coach_card_layout_new (technique, sizes[i][0],
                                                                 sizes[i][1]);
      guint n_pages = coach_card_layout_get_n_pages (layout);
      cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cairo_t *cr = cairo_create (surface);

      g_assert_cmpuint (n_pages, >=, 1);
      for (guint p = 0; p < n_pages; p++)
        coach_card_layout_draw_page (layout, cr, p);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

static void
test_unwritable (void)
{
  CoachTechnique *technique = g_ptr_array_index (coach_catalog_get_techniques (get_catalog ()), 0);
  g_autofree char *dir = g_dir_make_tmp ("backcoach-card-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "card.pdf", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;

  g_assert_false (coach_card_export_pdf (technique, missing, &error));
  g_assert_error (error, COACH_CARD_ERROR, COACH_CARD_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "card.pdf"));
  g_assert_nonnull (strstr (error->message, "try again"));
  g_clear_error (&error);

  /* A folder in the way: the export fails and leaves no temporary file behind. */
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_false (coach_card_export_pdf (technique, folder, &error));
  g_assert_error (error, COACH_CARD_ERROR, COACH_CARD_ERROR_WRITE);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));

  listing = g_dir_open (dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "folder");
  g_assert_null (g_dir_read_name (listing));

  g_assert_cmpint (g_rmdir (folder), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

typedef struct {
  const char *type_name;
  GtkWindow  *found;
} Toplevel;

static gboolean
toplevel_is_mapped (gpointer data)
{
  Toplevel *t = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  t->found = NULL;
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && t->found == NULL; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_str_equal (G_OBJECT_TYPE_NAME (window), t->type_name) &&
          gtk_widget_get_mapped (GTK_WIDGET (window)))
        t->found = window;
    }
  return t->found != NULL;
}

static GtkWindow *
expect_window_named (const char *type_name)
{
  Toplevel t = { type_name, NULL };

  wait_until (toplevel_is_mapped, &t);
  return t.found;
}

typedef struct {
  GObject *object;
  guint    ref_count;
} Refs;

/* The dialogs hold a reference to the technique until they are done with it. */
static gboolean
refs_are_back (gpointer data)
{
  Refs *refs = data;

  return refs->object->ref_count == refs->ref_count;
}

static GtkWindow *
new_parent (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_present (window);
  wait_until (widget_is_mapped, window);
  return window;
}

/* The print dialog opens over its window; cancelled, it lets everything go and reports
 * nothing. */
static void
test_print_dialog (void)
{
  CoachTechnique *technique = coach_catalog_lookup (get_catalog (), "ball-wall-upper-back");
  Refs refs = { G_OBJECT (technique), G_OBJECT (technique)->ref_count };
  GtkWindow *parent = new_parent ();
  GtkWindow *dialog;

  coach_card_print (technique, parent);
  dialog = expect_window_named ("GtkPrintUnixDialog");
  g_assert_true (gtk_window_get_transient_for (dialog) == parent);

  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  wait_until (refs_are_back, &refs);
  g_assert_false (toplevel_is_mapped (&(Toplevel) { "AdwMessageDialog", NULL }));

  gtk_window_destroy (parent);
}

/* The chooser loads its folder in the background. */
static gboolean
has_current_folder (gpointer data)
{
  g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (data);

  return folder != NULL;
}

/* The file chooser opens in the Documents folder, suggests the technique's name and saves the
 * PDF there. */
static void
test_save_dialog (void)
{
  CoachTechnique *technique = coach_catalog_lookup (get_catalog (), "ball-wall-upper-back");
  Refs refs = { G_OBJECT (technique), G_OBJECT (technique)->ref_count };
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  g_autofree char *name = g_strdup_printf ("%s.pdf", coach_technique_get_name (technique));
  g_autofree char *path = g_build_filename (documents, name, NULL);
  g_autofree char *current = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GFile) folder = NULL;
  GtkWindow *parent = new_parent ();
  GtkWindow *dialog;

  g_assert_true (g_file_test (documents, G_FILE_TEST_IS_DIR));

  /* Cancelled: nothing written, nothing kept. */
  coach_card_save_pdf (technique, parent);
  dialog = expect_window_named ("GtkFileChooserDialog");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  wait_until (refs_are_back, &refs);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  coach_card_save_pdf (technique, parent);
  dialog = expect_window_named ("GtkFileChooserDialog");
  g_assert_true (gtk_window_get_transient_for (dialog) == parent);
  current = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (dialog));
  g_assert_cmpstr (current, ==, name);
  wait_until (has_current_folder, dialog);
  folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (dialog));
  g_assert_cmpstr (g_file_peek_path (folder), ==, documents);

  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  wait_until (refs_are_back, &refs);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_false (toplevel_is_mapped (&(Toplevel) { "AdwMessageDialog", NULL }));

  gtk_window_destroy (parent);
  g_assert_cmpint (g_remove (path), ==, 0);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_remove (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *root = g_dir_make_tmp ("backcoach-card-home-XXXXXX", NULL);
  g_autofree char *config = g_build_filename (root, "config", NULL);
  g_autofree char *documents = g_build_filename (root, "Documents", NULL);
  g_autofree char *user_dirs = g_build_filename (config, "user-dirs.dirs", NULL);
  g_autofree char *user_dirs_text = g_strdup_printf ("XDG_DOCUMENTS_DIR=\"%s\"\n", documents);
  g_autofree char *data = g_build_filename (root, "data", NULL);
  g_autofree char *cache = g_build_filename (root, "cache", NULL);
  int status;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* Folders of the test's own: a Documents folder for the file chooser to open in, and
   * somewhere for GTK to keep its settings and recent files. */
  g_assert_cmpint (g_mkdir (config, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (documents, 0700), ==, 0);
  g_assert_true (g_file_set_contents (user_dirs, user_dirs_text, -1, NULL));
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/card-print/catalog-exports", test_catalog_exports);
  g_test_add_func ("/card-print/long-card-pages", test_long_card_pages);
  g_test_add_func ("/card-print/odd-paper", test_odd_paper);
  g_test_add_func ("/card-print/unwritable", test_unwritable);
  g_test_add_func ("/card-print/print-dialog", test_print_dialog);
  g_test_add_func ("/card-print/save-dialog", test_save_dialog);

  status = g_test_run ();
  g_clear_object (&catalog);
  remove_tree (root);
  return status;
}

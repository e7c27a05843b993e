/* main.c: starts Back Coach.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <locale.h>

#include "coach-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CoachApplication) app = NULL;
  const char *messages;
  const char *language = g_getenv ("LANGUAGE");
  const char *localedir = g_getenv ("BACKCOACH_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* gettext ignores LANGUAGE in the plain C locale, which a system without a configured
   * locale has: asked for a language there, use C's UTF-8 form, which honours it. */
  messages = setlocale (LC_MESSAGES, NULL);
  if (language != NULL && *language != '\0' && messages != NULL &&
      (g_str_equal (messages, "C") || g_str_equal (messages, "POSIX")))
    setlocale (LC_ALL, "C.UTF-8");
  /* GTK would set the locale from the environment again, undoing the line above. */
  gtk_disable_setlocale ();
  /* Translations in the build folder, for `meson devenv` and the tests. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = coach_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}

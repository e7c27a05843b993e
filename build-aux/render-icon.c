/* render-icon.c: build tool that renders an SVG icon to a PNG of a given size.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PNG renditions let GTK show the app icon without loading librsvg at start-up. */
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <stdlib.h>

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  int size;

  if (argc != 4)
    {
      g_printerr ("Usage: %s INPUT.svg SIZE OUTPUT.png\n", argv[0]);
      return EXIT_FAILURE;
    }

  size = atoi (argv[2]);
  pixbuf = gdk_pixbuf_new_from_file_at_size (argv[1], size, size, &error);
  if (pixbuf == NULL || !gdk_pixbuf_save (pixbuf, argv[3], "png", &error, NULL))
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return EXIT_FAILURE;
    }

  return EXIT_SUCCESS;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gui-util.c: helpers shared by the GUI tests (see gui-util.h). */
#include "config.h"

#include <glib/gstdio.h>

#include "gui-util.h"

/* Far above any real wait, below the shortest meson timeout of a GUI test,
 * so a hang fails with the name of what never came. */
#define GUI_TIMEOUT_SECONDS 100

void
gui_spin_until (GuiCondition  done,
                gpointer      data,
                const char   *what)
{
  gint64 deadline = g_get_monotonic_time () + GUI_TIMEOUT_SECONDS * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  if (!done (data))
    g_error ("timed out waiting for %s", what);
}

void
gui_spin_frames (guint n)
{
  gint64 until = g_get_monotonic_time () + n * 20000;

  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

/* A named child of the composite widgets inside widget (pages are made of
 * panels with templates of their own), depth first. */
static GObject *
nested_template_child (GtkWidget  *widget,
                       const char *name)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GObject *found = gtk_widget_get_template_child (c, G_OBJECT_TYPE (c), name);

      if (found == NULL)
        found = nested_template_child (c, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
gui_child (gpointer    widget,
           GType       type,
           const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  if (child == NULL)
    child = nested_template_child (GTK_WIDGET (widget), name);
  if (child == NULL)
    g_error ("%s has no template child %s", g_type_name (type), name);
  return GTK_WIDGET (child);
}

void
gui_set_text (gpointer    widget,
              GType       type,
              const char *name,
              const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (gui_child (widget, type, name)), text);
}

void
gui_set_check (gpointer    widget,
               GType       type,
               const char *name,
               gboolean    active)
{
  gtk_check_button_set_active (GTK_CHECK_BUTTON (gui_child (widget, type, name)), active);
}

gpointer
gui_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;   /* the toplevel list keeps it alive */
    }
  return NULL;
}

/* screenshots */

static const char *
screenshot_dir (void)
{
  static char *dir;

  if (dir == NULL)
    {
      const char *env = g_getenv ("LINEUP_SCREENSHOT_DIR");

      dir = g_strdup (env != NULL ? env : ".");
      g_mkdir_with_parents (dir, 0755);
    }
  return dir;
}

static gboolean
is_drawn (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 100;
}

/* A stack half-way through a slide would be caught in the picture. */
static gboolean
transitions_done (gpointer data)
{
  GtkWidget *widget = data;

  if (GTK_IS_STACK (widget) && gtk_stack_get_transition_running (GTK_STACK (widget)))
    return FALSE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (!transitions_done (c))
      return FALSE;
  return TRUE;
}

void
gui_screenshot (GtkWidget  *widget,
                const char *name)
{
  g_autofree char *path = g_build_filename (screenshot_dir (), name, NULL);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint32 *pixels = NULL;
  guint distinct = 0;
  int w, h;

  gui_spin_until (is_drawn, widget, "the widget on screen");
  gui_spin_until (transitions_done, widget, "the page transitions");
  w = gtk_widget_get_width (widget);
  h = gtk_widget_get_height (widget);
  g_assert_cmpint (w, >, 100);
  g_assert_cmpint (h, >, 100);
  /* A widget has no picture between a queued redraw and the next frame
   * (a toast or spinner animating): wait for a drawn one. */
  for (guint attempt = 0; node == NULL && attempt < 200; attempt++)
    {
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      gdk_paintable_snapshot (paintable, snapshot, w, h);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      if (node == NULL)
        gui_spin_frames (1);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  g_assert_true (gdk_texture_save_to_png (texture, path));

  /* Read back what was written: a window that rendered nothing is one flat
   * colour. */
  saved = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (saved), ==, w);
  g_assert_cmpint (gdk_texture_get_height (saved), ==, h);
  pixels = g_new (guint32, (gsize) w * h);
  gdk_texture_download (saved, (guchar *) pixels, (gsize) w * 4);
  for (gsize i = 1; i < (gsize) w * h && distinct < 50; i++)
    distinct += pixels[i] != pixels[0];
  g_assert_cmpuint (distinct, >=, 50);
  g_test_message ("screenshot: %s (%dx%d)", path, w, h);
}

/* the application */

LineupWindow *
gui_main_window (LineupApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (LINEUP_IS_WINDOW (window));
  return LINEUP_WINDOW (window);
}

typedef struct
{
  LineupWindow *window;
  const char   *screen;
} ScreenWait;

static gboolean
screen_is (gpointer data)
{
  ScreenWait *wait = data;

  return g_strcmp0 (lineup_window_get_screen (wait->window), wait->screen) == 0;
}

void
gui_wait_screen (LineupWindow *window,
                 const char   *screen)
{
  ScreenWait wait = { window, screen };

  gui_spin_until (screen_is, &wait, screen);
}

LineupApplication *
gui_app_new (const char  *name,
             char       **data_dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("lineup-%s-XXXXXX", name);
  g_autofree char *root = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  *data_dir = g_build_filename (root, "data", NULL);
  g_setenv ("LINEUP_DATA_DIR", *data_dir, TRUE);
  g_setenv ("LINEUP_IDLE_LOCK_SECONDS", "3600", TRUE);
  return lineup_application_new ();
}

typedef struct
{
  GuiStep  startup;
  GuiStep  run;
  gpointer data;
} GuiRun;

static void
run_startup (GApplication *app,
             GuiRun       *r)
{
  r->startup (r->data);
}

static void
run_activate (GApplication *app,
              GuiRun       *r)
{
  r->run (r->data);
  g_application_quit (app);
}

void
gui_run_app (LineupApplication *app,
             GuiStep            startup,
             GuiStep            run,
             gpointer           data)
{
  GuiRun r = { startup, run, data };
  gulong startup_id = 0;
  gulong activate_id;

  if (startup != NULL)
    startup_id = g_signal_connect_after (app, "startup", G_CALLBACK (run_startup), &r);
  activate_id = g_signal_connect_after (app, "activate", G_CALLBACK (run_activate), &r);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
  /* r lives on this stack frame only. */
  g_clear_signal_handler (&startup_id, app);
  g_clear_signal_handler (&activate_id, app);
}

typedef struct
{
  GuiFixture  fixture;
  void      (*checks) (GuiFixture *f);
} MainWindowTest;

static void
run_main_window_test (gpointer data)
{
  MainWindowTest *t = data;

  t->fixture.window = gui_main_window (t->fixture.app);
  t->checks (&t->fixture);
}

void
gui_test_main_window (const char  *name,
                      void       (*checks) (GuiFixture *f))
{
  MainWindowTest t = { { 0 }, checks };

  t.fixture.app = gui_app_new (name, &t.fixture.data_dir);
  gui_run_app (t.fixture.app, NULL, run_main_window_test, &t);
  g_assert_nonnull (t.fixture.window);

  g_clear_object (&t.fixture.app);
  g_free (t.fixture.data_dir);
}

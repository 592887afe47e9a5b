/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-ui"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "orgmap-import-dialog.h"
#include "orgmap-window-private.h"

/* Where the map is kept. An .orgmap document is written at every edit. A
 * map that has no file yet (a new one, an imported chart, the example)
 * becomes a draft in the user's data folder at its first edit, and stays
 * there until Save As gives it a place; nothing is ever only in memory
 * unless writing fails, and then the window says so and offers Save As. */

char *
_orgmap_window_drafts_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "orgmap", "drafts", NULL);
}

/* A file name for a draft of the map called @name that is not taken. */
static char *
draft_path (const char  *name,
            GError     **error)
{
  g_autofree char *dir = _orgmap_window_drafts_dir ();
  g_autoptr(GString) base = g_string_new (name);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("The folder “%s” for drafts cannot be made: %s"),
                   display, g_strerror (saved_errno));
      return NULL;
    }

  /* A name fit for a file: no folders, no hidden files, not too long. */
  g_strdelimit (base->str, "/\\:", '-');
  while (base->len > 0 && (base->str[0] == '.' || g_ascii_isspace (base->str[0])))
    g_string_erase (base, 0, 1);
  if (base->len > 80)
    {
      const char *end = base->str + 80;

      g_utf8_validate (base->str, 80, &end);
      g_string_truncate (base, end - base->str);
    }
  if (base->len == 0)
    g_string_assign (base, _("Untitled Map"));

  for (guint n = 1; n < 10000; n++)
    {
      g_autofree char *file = n == 1 ? g_strdup_printf ("%s.orgmap", base->str)
                                     : g_strdup_printf ("%s (%u).orgmap", base->str, n);
      g_autofree char *path = g_build_filename (dir, file, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }

  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
               _("The folder for drafts is full of maps called “%s”"), base->str);
  return NULL;
}

static void
add_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
}

static void
keep_in (OrgmapWindow    *self,
         OrgmapLiveStore *store,
         const char      *path,
         gboolean         draft)
{
  g_clear_pointer (&self->store, orgmap_live_store_close);
  g_clear_object (&self->file);
  self->store = store;
  self->file = g_file_new_for_path (path);
  self->draft = draft;
  self->store_failed = FALSE;
  gtk_revealer_set_reveal_child (self->banner, FALSE);
  add_recent (self->file);
  _orgmap_window_update_title (self);
}

static gboolean
make_draft (OrgmapWindow  *self,
            GError       **error)
{
  g_autofree char *path = NULL;
  OrgmapLiveStore *store;

  path = draft_path (orgmap_document_get_name (self->document), error);
  if (path == NULL)
    return FALSE;
  store = orgmap_live_store_create (path, self->document, error);
  if (store == NULL)
    return FALSE;
  keep_in (self, store, path, TRUE);
  return TRUE;
}

void
_orgmap_window_show_not_kept (OrgmapWindow *self,
                              const char   *reason)
{
  g_autofree char *text = NULL;

  self->store_failed = TRUE;
  /* Translators: %s says why, in one sentence */
  text = g_strdup_printf (_("%s. Your edits are kept in this window only: save them with Save As."),
                          reason);
  _orgmap_window_show_banner (self, text);
}

static gboolean
make_draft_idle (gpointer data)
{
  OrgmapWindow *self = data;
  g_autoptr(GError) error = NULL;

  self->draft_idle = 0;
  if (self->document != NULL && self->store == NULL && !self->store_failed &&
      !make_draft (self, &error))
    _orgmap_window_show_not_kept (self, error->message);
  return G_SOURCE_REMOVE;
}

/* Called at every change of the document. The first edit of a map without
 * a file makes its draft: at once, but after the edit is done, so that the
 * draft holds the edit and follows the next ones. */
void
_orgmap_window_keep_document (OrgmapWindow *self)
{
  if (self->store != NULL || self->store_failed || self->draft_idle != 0)
    return;

  self->draft_idle = g_idle_add_full (G_PRIORITY_HIGH, make_draft_idle, self, NULL);
}

/* A write failed (read-only file, file gone, full disk): say so once. */
void
_orgmap_window_check_store (OrgmapWindow *self)
{
  const GError *error;

  if (self->store == NULL || self->store_failed ||
      (error = orgmap_live_store_get_error (self->store)) == NULL)
    return;

  _orgmap_window_show_not_kept (self, error->message);
}

void
_orgmap_window_show_banner (OrgmapWindow *self,
                            const char   *text)
{
  gtk_label_set_text (self->banner_label, text);
  gtk_revealer_set_reveal_child (self->banner, TRUE);
}

/* New Map: an empty map with a first round. It is first given its name
 * (Escape keeps “Untitled Map”); its draft, named after it, comes with
 * that first edit. */
void
_orgmap_window_new_map (OrgmapWindow *self)
{
  g_autoptr(OrgmapDocument) document = orgmap_document_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");

  orgmap_document_set_name (document, _("Untitled Map"));
  /* Translators: the name of the first round of ratings of a new map */
  orgmap_document_add_round (document, "r1", _("First Round"), date);

  orgmap_window_set_document (self, document, NULL, NULL);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.rename-map", NULL);
}

/* Import: the dialog shows how the chart will be read; the map it makes
 * is a draft at once, found again in Open Recent. */
static void
on_imported (OrgmapImportDialog *dialog,
             OrgmapDocument     *document,
             OrgmapWindow       *self)
{
  GFile *file = g_object_get_data (G_OBJECT (dialog), "file");
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GError) error = NULL;

  /* Translators: the window subtitle of an imported chart */
  g_autofree char *subtitle = g_strdup_printf (_("Imported from “%s”"), name);

  orgmap_window_set_document (self, document, name, subtitle);
  self->source = g_object_ref (file);
  if (!make_draft (self, &error))
    _orgmap_window_show_not_kept (self, error->message);
}

void
orgmap_window_import (OrgmapWindow *self,
                      GFile        *file)
{
  OrgmapImportDialog *dialog;

  g_return_if_fail (ORGMAP_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  dialog = orgmap_import_dialog_new (GTK_WINDOW (self), file);
  g_object_set_data_full (G_OBJECT (dialog), "file", g_object_ref (file), g_object_unref);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Save As */

static void
save_to (OrgmapWindow *self,
         GFile        *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GFile) old_file = self->file != NULL ? g_object_ref (self->file) : NULL;
  gboolean old_draft = self->draft;
  gboolean same = old_file != NULL && g_file_equal (old_file, file);
  g_autoptr(GError) error = NULL;
  OrgmapLiveStore *store;

  if (path == NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *text = g_strdup_printf (_("“%s” is not a local file"), name);

      _orgmap_window_show_problems (self, _("Could not save the map"), text);
      return;
    }

  /* The open file's log is named after it: close it before replacing it. */
  if (same)
    g_clear_pointer (&self->store, orgmap_live_store_close);

  store = orgmap_live_store_replace (path, self->document, &error);
  if (store == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);
      /* Translators: heading of a dialog; %s is a file name */
      g_autofree char *title = g_strdup_printf (_("Could not save the map as “%s”"), display);

      _orgmap_window_show_problems (self, title, error->message);
      if (same)
        _orgmap_window_show_not_kept (self, error->message);
      return;
    }

  keep_in (self, store, path, FALSE);

  /* The draft has a place now: it is no longer needed. */
  if (old_draft && old_file != NULL && !same)
    {
      g_autofree char *old_path = g_file_get_path (old_file);
      g_autofree char *uri = g_file_get_uri (old_file);

      if (old_path != NULL)
        g_unlink (old_path);
      gtk_recent_manager_remove_item (gtk_recent_manager_get_default (), uri, NULL);
    }
}

static void
on_save_response (GtkNativeDialog *dialog,
                  int              response,
                  OrgmapWindow    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *name = g_file_get_basename (file);

      /* Documents end in .orgmap, so that they can be told and found. */
      if (!g_str_has_suffix (name, ".orgmap"))
        {
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autofree char *full = g_strconcat (name, ".orgmap", NULL);
          g_autoptr(GFile) named = g_file_get_child (parent, full);

          if (g_file_query_exists (named, NULL))
            {
              g_autofree char *text = g_strdup_printf (_("A file called “%s” is already there. Choose another name, or choose that file to replace it."),
                                                       full);

              _orgmap_window_show_problems (self, _("Could not save the map"), text);
              g_object_unref (dialog);
              return;
            }
          g_set_object (&file, named);
        }
      save_to (self, file);
    }
  g_object_unref (dialog);
}

void
_orgmap_window_save_as (OrgmapWindow *self)
{
  GtkFileChooserNative *native;
  GtkFileFilter *filter;
  g_autofree char *name = NULL;
  const char *doc_name;

  if (self->document == NULL)
    return;

  native = gtk_file_chooser_native_new (_("Save Map As"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Orgmap documents"));
  gtk_file_filter_add_pattern (filter, "*.orgmap");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_object_unref (filter);

  doc_name = orgmap_document_get_name (self->document);
  name = g_strdup_printf ("%s.orgmap", doc_name != NULL && *doc_name != '\0' ? doc_name : _("Untitled Map"));
  g_strdelimit (name, "/\\:", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  if (self->file != NULL && !self->draft)
    {
      g_autoptr(GFile) folder = g_file_get_parent (self->file);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
    }

  g_signal_connect (native, "response", G_CALLBACK (on_save_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* For tests and for the command line: Save As without asking. */
gboolean
orgmap_window_save_as (OrgmapWindow *self,
                       GFile        *file)
{
  g_return_val_if_fail (ORGMAP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  save_to (self, file);
  return self->file != NULL && g_file_equal (self->file, file) && !self->store_failed;
}

GFile *
orgmap_window_get_file (OrgmapWindow *self)
{
  g_return_val_if_fail (ORGMAP_IS_WINDOW (self), NULL);

  return self->file;
}

gboolean
orgmap_window_is_draft (OrgmapWindow *self)
{
  g_return_val_if_fail (ORGMAP_IS_WINDOW (self), FALSE);

  return self->file != NULL && self->draft;
}

/* The draft changed last, if there is one: what a person was working on
 * when the program stopped. */
gboolean
orgmap_window_open_last_draft (OrgmapWindow *self)
{
  g_autofree char *dir_path = _orgmap_window_drafts_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autofree char *best = NULL;
  gint64 best_time = 0;
  const char *name;

  if (dir == NULL)
    return FALSE;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!g_str_has_suffix (name, ".orgmap"))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode))
        {
          g_autofree char *log = g_strconcat (path, "-wal", NULL);
          gint64 time = st.st_mtime;

          /* An edit may be in the file's log only. */
          if (g_stat (log, &st) == 0 && st.st_mtime > time)
            time = st.st_mtime;
          if (best == NULL || time > best_time)
            {
              g_free (best);
              best = g_steal_pointer (&path);
              best_time = time;
            }
        }
    }

  if (best == NULL)
    return FALSE;

  {
    g_autoptr(GFile) file = g_file_new_for_path (best);

    orgmap_window_open (self, file);
  }
  return TRUE;
}

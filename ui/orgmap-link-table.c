/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-ui"

#include "config.h"

#include "orgmap-link-table.h"

#include <string.h>
#include <glib/gi18n.h>

#include "orgmap-handle-item.h"

typedef enum
{
  COLUMN_PROVIDER,
  COLUMN_CLIENT,
  COLUMN_SERVICE,
  COLUMN_TYPE,
  COLUMN_SCORE,
  COLUMN_RESPONDENTS,
  N_COLUMNS
} Column;

/* What a column's factory and sorter need to know. */
typedef struct
{
  OrgmapLinkTable *self;
  Column           column;
} ColumnInfo;

struct _OrgmapLinkTable
{
  GtkWidget           parent_instance;

  GtkColumnView      *links_view;

  OrgmapDocument     *document;
  OrgmapViewState    *view;

  /* One item per link handle, in a sortable table */
  GPtrArray          *link_items;
  GListStore         *links;
  GtkSortListModel   *sorted_links;
  GtkSingleSelection *links_selection;
  ColumnInfo          columns[N_COLUMNS];
  /* Collation keys, made when the table is first sorted by them */
  GPtrArray          *unit_keys;
  GPtrArray          *external_keys;
  GPtrArray          *service_keys;
  int                 type_rank[ORGMAP_N_LINK_TYPES][2];
  /* Which way the table sorts a column, told by comparing two probes. */
  OrgmapHandleItem   *probe_low;
  OrgmapHandleItem   *probe_high;
  Column              probe_column;
  gboolean            descending[N_COLUMNS];

  /* Set while the table changes its own selection: it is not news. */
  guint               updating;
  /* The document changed while the table was hidden: rebuild when shown. */
  gboolean            stale;
};

G_DEFINE_FINAL_TYPE (OrgmapLinkTable, orgmap_link_table, GTK_TYPE_WIDGET)

#define PROBE_LOW  (G_MAXUINT32 - 1)
#define PROBE_HIGH (G_MAXUINT32 - 2)

static guint32
item_handle (gpointer item)
{
  return orgmap_handle_item_get_handle (item);
}

static void
scroll_to (GtkWidget *list,
           guint      position)
{
  gtk_widget_activate_action (list, "list.scroll-to-item", "u", position);
}

/* The rating shown for @link: the view's round's, or its latest. */
static guint32
shown_rating (OrgmapLinkTable *self,
              guint32          link)
{
  guint32 round = self->view != NULL ? orgmap_view_state_get_round (self->view) : ORGMAP_NONE;
  guint32 found = ORGMAP_NONE;

  for (guint32 r = orgmap_document_get_link (self->document, link)->first_rating; r != ORGMAP_NONE;
       r = orgmap_document_get_rating (self->document, r)->next)
    {
      guint32 rr = orgmap_document_get_rating (self->document, r)->round;

      if (round != ORGMAP_NONE ? rr == round
                               : found == ORGMAP_NONE || rr > orgmap_document_get_rating (self->document, found)->round)
        found = r;
    }
  return found;
}

static char *
link_cell_text (OrgmapLinkTable *self,
                Column           column,
                guint32          link)
{
  const OrgmapLink *l = orgmap_document_get_link (self->document, link);
  guint32 rating;

  switch (column)
    {
    case COLUMN_PROVIDER:
      return g_strdup (orgmap_document_get_party_name (self->document, l->provider));
    case COLUMN_CLIENT:
      return g_strdup (orgmap_document_get_party_name (self->document, l->client));
    case COLUMN_SERVICE:
      return g_strdup (l->service != NULL ? l->service : "");
    case COLUMN_TYPE:
      if (l->type_override != ORGMAP_LINK_AUTOMATIC)
        /* Translators: a link's type in the side panel's table, “Vertical (set by hand)” */
        return g_strdup_printf (_("%s (set by hand)"),
                                orgmap_link_type_label (orgmap_document_get_link_type (self->document, link)));
      return g_strdup (orgmap_link_type_label (orgmap_document_get_link_type (self->document, link)));
    case COLUMN_SCORE:
      rating = shown_rating (self, link);
      if (rating == ORGMAP_NONE)
        return g_strdup ("—");
      return g_strdup_printf ("%.1f", orgmap_document_get_rating (self->document, rating)->score);
    case COLUMN_RESPONDENTS:
      rating = shown_rating (self, link);
      if (rating == ORGMAP_NONE || orgmap_document_get_rating (self->document, rating)->respondents < 0)
        return g_strdup ("—");
      return g_strdup_printf ("%d", orgmap_document_get_rating (self->document, rating)->respondents);
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static void
update_link_cell (ColumnInfo  *info,
                  GtkListItem *list_item)
{
  OrgmapLinkTable *self = info->self;
  guint32 link = item_handle (gtk_list_item_get_item (list_item));
  g_autofree char *text = NULL;

  if (self->document == NULL || link >= orgmap_document_get_n_links (self->document))
    return;
  text = link_cell_text (self, info->column, link);
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), text);
}

static void
on_link_item_changed (OrgmapHandleItem *item,
                      GtkListItem      *list_item)
{
  update_link_cell (g_object_get_data (G_OBJECT (list_item), "orgmap-column"), list_item);
}

static void
setup_link_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 ColumnInfo               *info)
{
  /* Wide enough to tell most names apart; the table scrolls sideways. */
  static const int width_chars[N_COLUMNS] = { 14, 14, 20, 9, 4, 4 };
  GtkWidget *label = gtk_label_new (NULL);
  gboolean number = info->column == COLUMN_SCORE || info->column == COLUMN_RESPONDENTS;

  gtk_label_set_xalign (GTK_LABEL (label), number ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), width_chars[info->column]);
  if (number)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
  g_object_set_data (G_OBJECT (list_item), "orgmap-column", info);
}

static void
bind_link_cell (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                ColumnInfo               *info)
{
  update_link_cell (info, list_item);
  g_signal_connect_object (gtk_list_item_get_item (list_item), "changed",
                           G_CALLBACK (on_link_item_changed), list_item, 0);
}

static void
unbind_link_cell (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  ColumnInfo               *info)
{
  gpointer item = gtk_list_item_get_item (list_item);

  if (item != NULL)
    g_signal_handlers_disconnect_by_data (item, list_item);
}

/* Sorting */

static const char *
lazy_key (GPtrArray  *keys,
          guint       index,
          const char *text)
{
  if (keys->len <= index)
    g_ptr_array_set_size (keys, index + 1);
  if (g_ptr_array_index (keys, index) == NULL)
    g_ptr_array_index (keys, index) = g_utf8_collate_key (text != NULL ? text : "", -1);
  return g_ptr_array_index (keys, index);
}

static const char *
party_key (OrgmapLinkTable *self,
           guint32          party)
{
  const char *name = orgmap_document_get_party_name (self->document, party);

  if (ORGMAP_IS_EXTERNAL (party))
    return lazy_key (self->external_keys, ORGMAP_EXTERNAL_INDEX (party), name);
  return lazy_key (self->unit_keys, party, name);
}

/* Types sort by their labels, "set by hand" after the computed one. */
static int
type_rank (OrgmapLinkTable *self,
           guint32          link)
{
  OrgmapLinkType type = orgmap_document_get_link_type (self->document, link);
  gboolean by_hand = orgmap_document_get_link (self->document, link)->type_override != ORGMAP_LINK_AUTOMATIC;

  if (self->type_rank[0][0] < 0)
    {
      for (guint a = 0; a < ORGMAP_N_LINK_TYPES; a++)
        {
          int rank = 0;

          for (guint b = 0; b < ORGMAP_N_LINK_TYPES; b++)
            rank += g_utf8_collate (orgmap_link_type_label (b), orgmap_link_type_label (a)) < 0;
          self->type_rank[a][0] = 2 * rank;
          self->type_rank[a][1] = 2 * rank + 1;
        }
    }
  return type < ORGMAP_N_LINK_TYPES ? self->type_rank[type][by_hand] : G_MAXINT;
}

static int
compare_links (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  ColumnInfo *info = data;
  OrgmapLinkTable *self = info->self;
  OrgmapDocument *doc = self->document;
  guint32 x = orgmap_handle_item_get_handle ((gpointer) a);
  guint32 y = orgmap_handle_item_get_handle ((gpointer) b);
  guint32 round = self->view != NULL ? orgmap_view_state_get_round (self->view) : ORGMAP_NONE;
  int result = 0;

  if (x == PROBE_LOW || x == PROBE_HIGH)
    {
      if (info->column != self->probe_column)
        return GTK_ORDERING_EQUAL;
      return x == PROBE_LOW ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
    }
  if (doc == NULL || x >= orgmap_document_get_n_links (doc) || y >= orgmap_document_get_n_links (doc))
    return GTK_ORDERING_EQUAL;

  switch (info->column)
    {
    case COLUMN_PROVIDER:
      result = strcmp (party_key (self, orgmap_document_get_link (doc, x)->provider),
                       party_key (self, orgmap_document_get_link (doc, y)->provider));
      break;
    case COLUMN_CLIENT:
      result = strcmp (party_key (self, orgmap_document_get_link (doc, x)->client),
                       party_key (self, orgmap_document_get_link (doc, y)->client));
      break;
    case COLUMN_SERVICE:
      result = strcmp (lazy_key (self->service_keys, x, orgmap_document_get_link (doc, x)->service),
                       lazy_key (self->service_keys, y, orgmap_document_get_link (doc, y)->service));
      break;
    case COLUMN_TYPE:
      result = type_rank (self, x) - type_rank (self, y);
      break;
    case COLUMN_SCORE:
      {
        double sx = 0, sy = 0;
        gboolean rx = orgmap_document_get_link_quality (doc, x, round, &sx);
        gboolean ry = orgmap_document_get_link_quality (doc, y, round, &sy);

        /* Unrated links after the rated ones, either way. */
        if (rx != ry)
          result = (rx ? -1 : 1) * (self->descending[COLUMN_SCORE] ? -1 : 1);
        else
          result = (sx > sy) - (sx < sy);
      }
      break;
    case COLUMN_RESPONDENTS:
      {
        guint32 r = shown_rating (self, x), s = shown_rating (self, y);
        gint32 nx = r != ORGMAP_NONE ? orgmap_document_get_rating (doc, r)->respondents : -1;
        gint32 ny = s != ORGMAP_NONE ? orgmap_document_get_rating (doc, s)->respondents : -1;

        if ((nx < 0) != (ny < 0))
          result = (nx < 0 ? 1 : -1) * (self->descending[COLUMN_RESPONDENTS] ? -1 : 1);
        else
          result = (nx > ny) - (nx < ny);
      }
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }

  return result < 0 ? GTK_ORDERING_SMALLER : result > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/* The column view turns a column's order around when sorting it
 * descending; links without a value should stay last all the same. In
 * GTK 4.8 the direction can only be learnt by comparing two probes that
 * differ in that column only. Runs before the sort model sorts. */
static void
on_sorter_changed (OrgmapLinkTable *self,
                   GtkSorterChange  change,
                   GtkSorter       *sorter)
{
  static const Column probed[] = { COLUMN_SCORE, COLUMN_RESPONDENTS };

  for (guint i = 0; i < G_N_ELEMENTS (probed); i++)
    {
      self->probe_column = probed[i];
      self->descending[probed[i]] =
        gtk_sorter_compare (sorter, self->probe_low, self->probe_high) == GTK_ORDERING_LARGER;
    }
  self->probe_column = N_COLUMNS;
}

static void
drop_keys (OrgmapLinkTable *self)
{
  g_ptr_array_set_size (self->unit_keys, 0);
  g_ptr_array_set_size (self->external_keys, 0);
  g_ptr_array_set_size (self->service_keys, 0);
}

static gboolean
links_sorted (OrgmapLinkTable *self)
{
  return gtk_sorter_get_order (gtk_column_view_get_sorter (self->links_view)) != GTK_SORTER_ORDER_NONE;
}

/* Selects the view state's link in the table. */
static void
sync_links (OrgmapLinkTable *self)
{
  guint32 link = self->view != NULL ? orgmap_view_state_get_selected_link (self->view) : ORGMAP_NONE;
  guint position = GTK_INVALID_LIST_POSITION;

  if (self->document == NULL || self->stale)
    return;

  if (link != ORGMAP_NONE && link < g_list_model_get_n_items (G_LIST_MODEL (self->links)))
    {
      GListModel *model = G_LIST_MODEL (self->sorted_links);
      guint n = g_list_model_get_n_items (model);

      /* Unsorted, the table shows the links in document order. */
      if (!links_sorted (self))
        position = link;
      for (guint i = 0; i < n && position == GTK_INVALID_LIST_POSITION; i++)
        {
          g_autoptr(OrgmapHandleItem) item = g_list_model_get_item (model, i);

          if (orgmap_handle_item_get_handle (item) == link)
            position = i;
        }
    }

  self->updating++;
  gtk_single_selection_set_selected (self->links_selection, position);
  self->updating--;

  if (position != GTK_INVALID_LIST_POSITION)
    {
      /* The column view scrolls through the list view inside it. */
      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->links_view));
           child != NULL; child = gtk_widget_get_next_sibling (child))
        if (GTK_IS_LIST_VIEW (child))
          scroll_to (child, position);
    }
}

static void
resort_links (OrgmapLinkTable *self)
{
  if (!links_sorted (self))
    return;
  self->updating++;
  gtk_sorter_changed (gtk_column_view_get_sorter (self->links_view), GTK_SORTER_CHANGE_DIFFERENT);
  self->updating--;
  sync_links (self);
}

/* Shows again the links of @party (ORGMAP_NONE: every link), whose text
 * may have changed, and sorts them again. */
static void
refresh_links (OrgmapLinkTable *self,
               guint32          party)
{
  for (guint32 i = 0; i < self->link_items->len; i++)
    {
      const OrgmapLink *link = orgmap_document_get_link (self->document, i);

      if (party == ORGMAP_NONE || link->provider == party || link->client == party)
        orgmap_handle_item_changed (g_ptr_array_index (self->link_items, i));
    }
  resort_links (self);
}

/* Adds items for the links the table lacks; with @fresh, replaces all. */
static void
update_links (OrgmapLinkTable *self,
              gboolean         fresh)
{
  guint n = self->document != NULL ? orgmap_document_get_n_links (self->document) : 0;
  guint old = g_list_model_get_n_items (G_LIST_MODEL (self->links));
  guint first = fresh ? 0 : MIN (old, n);

  g_ptr_array_set_size (self->link_items, first);
  for (guint32 i = first; i < n; i++)
    g_ptr_array_add (self->link_items, orgmap_handle_item_new (i));

  self->updating++;
  g_list_store_splice (self->links, first, old - first, self->link_items->pdata + first, n - first);
  self->updating--;
  sync_links (self);
}

static void
on_link_selected (OrgmapLinkTable *self)
{
  gpointer item;

  if (self->updating > 0 || self->view == NULL)
    return;
  item = gtk_single_selection_get_selected_item (self->links_selection);
  if (item != NULL)
    orgmap_view_state_set_selected_link (self->view, orgmap_handle_item_get_handle (item));
  else
    orgmap_view_state_set_selected_link (self->view, ORGMAP_NONE);
}


/* Changes */

static void
rebuild (OrgmapLinkTable *self)
{
  self->stale = FALSE;
  drop_keys (self);
  update_links (self, TRUE);
}

static void
on_document_changed (OrgmapLinkTable *self,
                     guint            kind,
                     guint            handle)
{
  if (self->stale)
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) && kind != ORGMAP_CHANGE_POSITION &&
      kind != ORGMAP_CHANGE_PROPERTIES && kind != ORGMAP_CHANGE_ROUND)
    {
      /* Hidden: catch up in one go when shown. */
      self->stale = TRUE;
      return;
    }

  switch ((OrgmapChange) kind)
    {
    case ORGMAP_CHANGE_ALL:
      rebuild (self);
      break;

    case ORGMAP_CHANGE_HIERARCHY:
      /* Units added or moved: levels, areas and so types may change. */
      g_ptr_array_set_size (self->unit_keys, 0);
      refresh_links (self, ORGMAP_NONE);
      break;

    case ORGMAP_CHANGE_UNIT:
      g_ptr_array_set_size (self->unit_keys, 0);
      refresh_links (self, handle);
      break;

    case ORGMAP_CHANGE_EXTERNAL:
      g_ptr_array_set_size (self->external_keys, 0);
      refresh_links (self, ORGMAP_EXTERNAL_HANDLE (handle));
      break;

    case ORGMAP_CHANGE_LINK:
      if (handle >= self->link_items->len)
        update_links (self, FALSE);
      else
        {
          if (handle < self->service_keys->len)
            g_clear_pointer (&g_ptr_array_index (self->service_keys, handle), g_free);
          orgmap_handle_item_changed (g_ptr_array_index (self->link_items, handle));
          resort_links (self);
        }
      break;

    case ORGMAP_CHANGE_RATING:
      {
        guint32 link = orgmap_document_get_rating (self->document, handle)->link;

        if (link < self->link_items->len)
          orgmap_handle_item_changed (g_ptr_array_index (self->link_items, link));
        resort_links (self);
      }
      break;

    case ORGMAP_CHANGE_PROPERTIES:
    case ORGMAP_CHANGE_ROUND:
    case ORGMAP_CHANGE_POSITION:
    default:
      break;
    }
}

static void
on_view_selected_link (OrgmapLinkTable *self)
{
  sync_links (self);
}

static void
on_view_round (OrgmapLinkTable *self)
{
  if (self->document != NULL && !self->stale)
    refresh_links (self, ORGMAP_NONE);
}

void
orgmap_link_table_set_document (OrgmapLinkTable *self,
                                OrgmapDocument  *document)
{
  g_return_if_fail (ORGMAP_IS_LINK_TABLE (self));
  g_return_if_fail (document == NULL || ORGMAP_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    g_signal_connect_object (document, "changed", G_CALLBACK (on_document_changed), self,
                             G_CONNECT_SWAPPED);

  /* Forget the old document's links at once; list the new ones now, or
   * when the table is first shown. */
  self->updating++;
  drop_keys (self);
  g_ptr_array_set_size (self->link_items, 0);
  g_list_store_remove_all (self->links);
  self->updating--;

  self->stale = document != NULL;
  if (document != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    rebuild (self);
}

void
orgmap_link_table_set_view_state (OrgmapLinkTable *self,
                                  OrgmapViewState *view)
{
  g_return_if_fail (ORGMAP_IS_LINK_TABLE (self));
  g_return_if_fail (view == NULL || ORGMAP_IS_VIEW_STATE (view));

  if (self->view == view)
    return;

  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  g_set_object (&self->view, view);
  if (view != NULL)
    {
      g_signal_connect_object (view, "notify::selected-link", G_CALLBACK (on_view_selected_link), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (view, "notify::round", G_CALLBACK (on_view_round), self,
                               G_CONNECT_SWAPPED);
    }
  sync_links (self);
}

GtkSingleSelection *
orgmap_link_table_get_selection (OrgmapLinkTable *self)
{
  g_return_val_if_fail (ORGMAP_IS_LINK_TABLE (self), NULL);

  return self->links_selection;
}

GtkColumnView *
orgmap_link_table_get_column_view (OrgmapLinkTable *self)
{
  g_return_val_if_fail (ORGMAP_IS_LINK_TABLE (self), NULL);

  return self->links_view;
}

/* Lifecycle */

static void
orgmap_link_table_map (GtkWidget *widget)
{
  OrgmapLinkTable *self = ORGMAP_LINK_TABLE (widget);

  GTK_WIDGET_CLASS (orgmap_link_table_parent_class)->map (widget);

  if (self->stale)
    rebuild (self);
}

static void
orgmap_link_table_dispose (GObject *object)
{
  OrgmapLinkTable *self = ORGMAP_LINK_TABLE (object);
  GtkWidget *child;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);

  /* The view first, so that no row outlives the models. */
  if (self->links_view != NULL)
    gtk_column_view_set_model (self->links_view, NULL);
  self->links_view = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->links_selection);
  g_clear_object (&self->sorted_links);
  g_clear_object (&self->links);
  g_clear_object (&self->probe_low);
  g_clear_object (&self->probe_high);
  g_clear_pointer (&self->link_items, g_ptr_array_unref);
  g_clear_pointer (&self->unit_keys, g_ptr_array_unref);
  g_clear_pointer (&self->external_keys, g_ptr_array_unref);
  g_clear_pointer (&self->service_keys, g_ptr_array_unref);
  g_clear_object (&self->document);
  g_clear_object (&self->view);

  G_OBJECT_CLASS (orgmap_link_table_parent_class)->dispose (object);
}

static void
orgmap_link_table_class_init (OrgmapLinkTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = orgmap_link_table_dispose;
  widget_class->map = orgmap_link_table_map;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "orgmap-link-table");
}

static void
add_column (OrgmapLinkTable *self,
            Column           column,
            const char      *title)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  ColumnInfo *info = &self->columns[column];
  GtkColumnViewColumn *view_column;
  GtkCustomSorter *sorter;

  info->self = self;
  info->column = column;
  g_signal_connect (factory, "setup", G_CALLBACK (setup_link_cell), info);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_link_cell), info);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_link_cell), info);

  view_column = gtk_column_view_column_new (title, factory);
  sorter = gtk_custom_sorter_new (compare_links, info, NULL);
  gtk_column_view_column_set_sorter (view_column, GTK_SORTER (sorter));
  g_object_unref (sorter);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_column_set_expand (view_column, column == COLUMN_SERVICE);
  gtk_column_view_append_column (self->links_view, view_column);
  g_object_unref (view_column);
}

static void
orgmap_link_table_init (OrgmapLinkTable *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->link_items = g_ptr_array_new_with_free_func (g_object_unref);
  self->unit_keys = g_ptr_array_new_with_free_func (g_free);
  self->external_keys = g_ptr_array_new_with_free_func (g_free);
  self->service_keys = g_ptr_array_new_with_free_func (g_free);
  self->type_rank[0][0] = -1;

  self->links_view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_show_column_separators (self->links_view, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->links_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Links"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->links_view));
  gtk_widget_set_parent (scrolled, GTK_WIDGET (self));

  add_column (self, COLUMN_PROVIDER, _("Provider"));
  add_column (self, COLUMN_CLIENT, _("Client"));
  add_column (self, COLUMN_SERVICE, _("Service"));
  add_column (self, COLUMN_TYPE, _("Type"));
  add_column (self, COLUMN_SCORE, _("Score"));
  add_column (self, COLUMN_RESPONDENTS, _("Respondents"));

  self->links = g_list_store_new (ORGMAP_TYPE_HANDLE_ITEM);
  self->probe_low = orgmap_handle_item_new (PROBE_LOW);
  self->probe_high = orgmap_handle_item_new (PROBE_HIGH);
  self->probe_column = N_COLUMNS;
  /* Before the sort model's own handler, see on_sorter_changed(). */
  g_signal_connect_object (gtk_column_view_get_sorter (self->links_view), "changed",
                           G_CALLBACK (on_sorter_changed), self, G_CONNECT_SWAPPED);
  self->sorted_links = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->links)),
                                                g_object_ref (gtk_column_view_get_sorter (self->links_view)));
  self->links_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted_links)));
  gtk_single_selection_set_autoselect (self->links_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->links_selection, TRUE);
  g_signal_connect_object (self->links_selection, "notify::selected-item",
                           G_CALLBACK (on_link_selected), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->links_view, GTK_SELECTION_MODEL (self->links_selection));
}

GtkWidget *
orgmap_link_table_new (void)
{
  return g_object_new (ORGMAP_TYPE_LINK_TABLE, NULL);
}

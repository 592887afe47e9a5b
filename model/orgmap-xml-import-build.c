/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-model"

#include "config.h"

#include "orgmap-xml-import-private.h"

#include <string.h>

#include <glib/gi18n-lib.h>

/* Problems */

static int
code_rank (OrgmapImportError code)
{
  switch (code)
    {
    case ORGMAP_IMPORT_ERROR_IO:        return 4;
    case ORGMAP_IMPORT_ERROR_FORBIDDEN: return 3;
    case ORGMAP_IMPORT_ERROR_SYNTAX:    return 2;
    case ORGMAP_IMPORT_ERROR_FORMAT:    return 1;
    case ORGMAP_IMPORT_ERROR_INVALID:
    default:                            return 0;
    }
}

char *
orgmap_xml_shorten (const char *str,
                    gsize       max)
{
  const char *end;

  if (str == NULL)
    return NULL;
  if (strlen (str) <= max)
    return g_strdup (str);
  /* Cut between two characters */
  end = g_utf8_find_prev_char (str, str + max + 1);
  return g_strdup_printf ("%.*s…", (int) (end - str), str);
}

void
orgmap_xml_problem (Importer          *self,
                    OrgmapImportError  code,
                    int                line,
                    int                column,
                    const char        *id,
                    const char        *format,
                    ...)
{
  Problem p;
  va_list args;

  if (self->problems->len >= ORGMAP_XML_MAX_PROBLEMS)
    {
      self->n_unlisted++;
      return;
    }

  va_start (args, format);
  p.message = g_strdup_vprintf (format, args);
  va_end (args);
  p.line = line;
  p.column = column;
  p.seq = self->problems->len;
  p.code = code;
  p.id = orgmap_xml_shorten (id, 64);
  g_array_append_val (self->problems, p);
}

static void
problem_clear (gpointer data)
{
  Problem *p = data;

  g_free (p->id);
  g_free (p->message);
}

static int
problem_compare (gconstpointer a,
                 gconstpointer b)
{
  const Problem *pa = a;
  const Problem *pb = b;

  if (pa->line != pb->line)
    return pa->line < pb->line ? -1 : 1;
  if (pa->column != pb->column)
    return pa->column < pb->column ? -1 : 1;
  return pa->seq < pb->seq ? -1 : pa->seq > pb->seq;
}

const char *
orgmap_xml_display_id (const char *id)
{
  /* Translators: stands for the id of an element that has none */
  return id != NULL ? id : _("(without id)");
}

/* The importer itself */

void
orgmap_xml_importer_init (Importer         *self,
                          xmlTextReaderPtr  reader)
{
  memset (self, 0, sizeof *self);
  self->reader = reader;
  self->strings = g_string_chunk_new (1 << 20);
  orgmap_xml_init_names (self);
  self->units = g_array_new (FALSE, FALSE, sizeof (UnitRecord));
  self->externals = g_array_new (FALSE, FALSE, sizeof (ExternalRecord));
  self->rounds = g_array_new (FALSE, FALSE, sizeof (RoundRecord));
  self->links = g_array_new (FALSE, FALSE, sizeof (LinkRecord));
  self->ratings = g_array_new (FALSE, FALSE, sizeof (RatingRecord));
  self->dims = g_array_new (FALSE, FALSE, sizeof (DimRecord));
  self->dimensions = g_ptr_array_new ();
  self->dimension_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->party_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->round_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->stack = g_array_new (FALSE, FALSE, sizeof (Frame));
  self->problems = g_array_new (FALSE, FALSE, sizeof (Problem));
  g_array_set_clear_func (self->problems, problem_clear);
  self->scale_min = ORGMAP_DEFAULT_SCALE_MIN;
  self->scale_max = ORGMAP_DEFAULT_SCALE_MAX;
  self->scale_valid = TRUE;
}

void
orgmap_xml_importer_clear (Importer *self)
{
  g_clear_pointer (&self->units, g_array_unref);
  g_clear_pointer (&self->externals, g_array_unref);
  g_clear_pointer (&self->rounds, g_array_unref);
  g_clear_pointer (&self->links, g_array_unref);
  g_clear_pointer (&self->ratings, g_array_unref);
  g_clear_pointer (&self->dims, g_array_unref);
  g_clear_pointer (&self->dimensions, g_ptr_array_unref);
  g_clear_pointer (&self->dimension_ids, g_hash_table_unref);
  g_clear_pointer (&self->party_ids, g_hash_table_unref);
  g_clear_pointer (&self->round_ids, g_hash_table_unref);
  g_clear_pointer (&self->stack, g_array_unref);
  g_clear_pointer (&self->problems, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
}

/* Checks across the whole file */

static void
report_cycle (Importer *self,
              guint32  *cycle,
              guint     n)
{
  g_autoptr(GString) chain = g_string_new (NULL);
  guint first = 0;
  const UnitRecord *unit;

  /* Start from the unit that comes first in the file, and follow parents. */
  for (guint i = 1; i < n; i++)
    if (cycle[i] < cycle[first])
      first = i;
  unit = &g_array_index (self->units, UnitRecord, cycle[first]);

  if (n == 1)
    {
      orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, unit->line, unit->column, unit->id,
                          _("Unit “%s” names itself as its parent"), unit->id);
      return;
    }

  for (guint i = 0; i <= n && i <= 10; i++)
    {
      if (i > 0)
        g_string_append (chain, " → ");
      if (i == 10 && i < n)
        g_string_append (chain, "…");
      else
        g_string_append_printf (chain, "“%s”",
                                g_array_index (self->units, UnitRecord, cycle[(first + i) % n]).id);
    }
  /* Translators: %s is a chain of ids such as “a” → “b” → “a” */
  orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, unit->line, unit->column, unit->id,
                      _("The parent attributes of these units form a cycle: %s"), chain->str);
}

static void
resolve_units (Importer *self)
{
  guint n = self->units->len;
  g_autofree guint8 *state = g_new0 (guint8, MAX (n, 1));
  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (guint32));

  /* parent= naming a unit further on in the file */
  for (guint i = 0; i < n; i++)
    {
      UnitRecord *unit = &g_array_index (self->units, UnitRecord, i);

      if (unit->parent_id == NULL)
        continue;
      unit->parent = orgmap_xml_lookup (self->party_ids, unit->parent_id);
      if (unit->parent == ORGMAP_NONE)
        orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, unit->line, unit->column, unit->id,
                            _("Unit “%s” names the parent “%s”, which is not a unit in this file"),
                            orgmap_xml_display_id (unit->id), unit->parent_id);
      else
        orgmap_xml_check_parent (self, unit, unit->parent_id);
    }

  /* Cycles: walk up from each unit, marking the path (1) until a unit
   * already done (2); meeting the path again closes a cycle. */
  for (guint i = 0; i < n; i++)
    {
      guint32 u = i;

      if (state[i] != 0)
        continue;
      g_array_set_size (path, 0);
      while (u != ORGMAP_NONE && state[u] == 0)
        {
          state[u] = 1;
          g_array_append_val (path, u);
          u = g_array_index (self->units, UnitRecord, u).parent;
        }
      if (u != ORGMAP_NONE && state[u] == 1)
        {
          guint k = 0;

          while (g_array_index (path, guint32, k) != u)
            k++;
          report_cycle (self, &g_array_index (path, guint32, k), path->len - k);
        }
      for (guint j = 0; j < path->len; j++)
        state[g_array_index (path, guint32, j)] = 2;
    }
}

static void
resolve_links (Importer *self)
{
  for (guint i = 0; i < self->links->len; i++)
    {
      LinkRecord *link = &g_array_index (self->links, LinkRecord, i);
      const char *id = link->id;

      if (link->provider_id != NULL)
        {
          link->provider = orgmap_xml_lookup (self->party_ids, link->provider_id);
          if (link->provider == ORGMAP_NONE)
            orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, link->line, link->column, id,
                                _("Link “%s” names the provider “%s”, which is not a unit in this file"),
                                orgmap_xml_display_id (id), link->provider_id);
          else
            orgmap_xml_check_provider (self, link, link->provider_id);
        }
      if (link->client_id != NULL)
        {
          link->client = orgmap_xml_lookup (self->party_ids, link->client_id);
          if (link->client == ORGMAP_NONE)
            orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, link->line, link->column, id,
                                _("Link “%s” names the client “%s”, which is neither a unit nor an external client in this file"),
                                orgmap_xml_display_id (id), link->client_id);
        }
    }
}

static void
resolve_ratings (Importer *self)
{
  guint n_rounds = self->rounds->len;
  /* The last link rated in each round, and by which rating */
  g_autofree guint32 *seen_link = g_new (guint32, MAX (n_rounds, 1));
  g_autofree guint32 *seen_rating = g_new (guint32, MAX (n_rounds, 1));

  for (guint i = 0; i < self->ratings->len; i++)
    {
      RatingRecord *rating = &g_array_index (self->ratings, RatingRecord, i);
      const char *link_id = g_array_index (self->links, LinkRecord, rating->link).id;

      if (rating->round_id == NULL)
        continue;
      rating->round = orgmap_xml_lookup (self->round_ids, rating->round_id);
      if (rating->round == ORGMAP_NONE)
        orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID,
                            rating->line, rating->column, link_id,
                            _("A rating of link “%s” names the round “%s”, which is not in this file"),
                            orgmap_xml_display_id (link_id), rating->round_id);
    }

  for (guint i = 0; i < n_rounds; i++)
    seen_link[i] = ORGMAP_NONE;

  for (guint i = 0; i < self->links->len; i++)
    {
      const LinkRecord *link = &g_array_index (self->links, LinkRecord, i);

      for (guint32 r = link->first_rating; r != ORGMAP_NONE;
           r = g_array_index (self->ratings, RatingRecord, r).next)
        {
          const RatingRecord *rating = &g_array_index (self->ratings, RatingRecord, r);
          guint32 round = rating->round;

          if (round == ORGMAP_NONE)
            continue;
          if (seen_link[round] == i)
            {
              const RatingRecord *first = &g_array_index (self->ratings, RatingRecord,
                                                          seen_rating[round]);

              orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID,
                                  rating->line, rating->column, link->id,
                                  _("Link “%s” is rated twice in round “%s” (first on line %d)"),
                                  orgmap_xml_display_id (link->id),
                                  g_array_index (self->rounds, RoundRecord, round).id, first->line);
            }
          seen_link[round] = i;
          seen_rating[round] = r;
        }
    }
}

/* Links have ids of their own, which only the document needs: a success
 * lets the document's id table tell duplicates, and only a failure pays for
 * this second table, to list them all. */
void
orgmap_xml_check_link_ids (Importer *self)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->links->len; i++)
    {
      const LinkRecord *link = &g_array_index (self->links, LinkRecord, i);
      guint32 first;

      if (link->id == NULL)
        continue;
      first = orgmap_xml_lookup (ids, link->id);
      if (first != ORGMAP_NONE)
        orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, link->line, link->column, link->id,
                            _("The link id “%s” is already used by the link on line %d"), link->id,
                            g_array_index (self->links, LinkRecord, first).line);
      else
        g_hash_table_insert (ids, (gpointer) link->id, GUINT_TO_POINTER (i + 1));
    }
}

void
orgmap_xml_resolve (Importer *self)
{
  resolve_units (self);
  resolve_links (self);
  resolve_ratings (self);
}

/* Building the document, once nothing is wrong */

static gboolean
build_hierarchy (Importer       *self,
                 OrgmapDocument *doc)
{
  guint n = self->units->len;
  g_autofree guint32 *depth = g_new (guint32, MAX (n, 1));
  g_autofree guint32 *count = NULL;
  g_autofree guint32 *order = g_new (guint32, MAX (n, 1));
  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 max_depth = 0;

  /* Depth of every unit, iteratively (there is no cycle by now). */
  for (guint i = 0; i < n; i++)
    depth[i] = ORGMAP_NONE;
  for (guint i = 0; i < n; i++)
    {
      guint32 u = i;
      guint32 d;

      g_array_set_size (path, 0);
      while (u != ORGMAP_NONE && depth[u] == ORGMAP_NONE)
        {
          g_array_append_val (path, u);
          u = g_array_index (self->units, UnitRecord, u).parent;
        }
      d = u == ORGMAP_NONE ? 0 : depth[u] + 1;
      for (guint j = path->len; j > 0; j--)
        depth[g_array_index (path, guint32, j - 1)] = d++;
    }
  for (guint i = 0; i < n; i++)
    max_depth = MAX (max_depth, depth[i]);

  /* Attach the deepest units first: then each parent is still a root when
   * its children are attached, and the document's cycle check is O(1). */
  count = g_new0 (guint32, max_depth + 2);
  for (guint i = 0; i < n; i++)
    count[max_depth - depth[i] + 1]++;
  for (guint d = 1; d <= max_depth + 1; d++)
    count[d] += count[d - 1];
  for (guint i = 0; i < n; i++)
    order[count[max_depth - depth[i]]++] = i;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      guint32 u = order[i];
      guint32 parent = g_array_index (self->units, UnitRecord, u).parent;

      if (parent == ORGMAP_NONE)
        continue;
      if (!orgmap_document_set_unit_parent (doc, u, parent, &error))
        {
          orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, 0, 0, NULL, "%s", error->message);
          return FALSE;
        }
    }
  return TRUE;
}

OrgmapDocument *
orgmap_xml_build (Importer *self)
{
  g_autoptr(OrgmapDocument) doc = orgmap_document_new ();
  g_autofree guint32 *dimension_map = g_new (guint32, MAX (self->dimensions->len, 1));
  gboolean ok = TRUE;

  orgmap_document_freeze (doc);

  if (self->name != NULL)
    orgmap_document_set_name (doc, self->name);
  ok &= orgmap_document_set_scale (doc, self->scale_min, self->scale_max, NULL);

  for (guint i = 0; i < self->units->len && ok; i++)
    {
      const UnitRecord *unit = &g_array_index (self->units, UnitRecord, i);

      ok &= orgmap_document_add_unit (doc, unit->id, unit->name, ORGMAP_NONE) == i;
      if (!ok)
        break;
      if (unit->head != NULL)
        orgmap_document_set_unit_head (doc, i, unit->head);
      if (unit->area != NULL)
        orgmap_document_set_unit_area (doc, i, unit->area);
      if (unit->notes != NULL)
        orgmap_document_set_unit_notes (doc, i, unit->notes);
      if (unit->headcount >= 0)
        orgmap_document_set_unit_headcount (doc, i, unit->headcount);
      if (unit->level > 0)
        orgmap_document_set_unit_level (doc, i, unit->level);
      if (unit->placed)
        orgmap_document_set_unit_position (doc, i, unit->x, unit->y);
    }
  ok = ok && build_hierarchy (self, doc);

  for (guint i = 0; i < self->externals->len && ok; i++)
    {
      const ExternalRecord *external = &g_array_index (self->externals, ExternalRecord, i);

      ok &= orgmap_document_add_external (doc, external->id, external->name) == i;
      if (ok && external->notes != NULL)
        orgmap_document_set_external_notes (doc, i, external->notes);
    }

  for (guint i = 0; i < self->rounds->len && ok; i++)
    {
      const RoundRecord *round = &g_array_index (self->rounds, RoundRecord, i);

      ok &= orgmap_document_add_round (doc, round->id, round->name, round->date) == i;
    }

  for (guint i = 0; i < self->links->len && ok; i++)
    {
      const LinkRecord *link = &g_array_index (self->links, LinkRecord, i);

      ok &= orgmap_document_add_link (doc, link->id, link->provider, link->client,
                                      link->service) == i;
      if (!ok)
        break;
      if (link->notes != NULL)
        orgmap_document_set_link_notes (doc, i, link->notes);
      if (link->type != ORGMAP_LINK_AUTOMATIC)
        orgmap_document_set_link_type_override (doc, i, link->type);
    }

  for (guint i = 0; i < self->dimensions->len && ok; i++)
    {
      const char *name = g_ptr_array_index (self->dimensions, i);

      dimension_map[i] = orgmap_document_add_dimension (doc, name);
      ok &= dimension_map[i] != ORGMAP_NONE;
    }

  for (guint i = 0; i < self->ratings->len && ok; i++)
    {
      const RatingRecord *rating = &g_array_index (self->ratings, RatingRecord, i);
      guint32 handle;

      handle = orgmap_document_set_rating (doc, rating->link, rating->round, rating->score,
                                           rating->respondents, rating->comment, NULL);
      ok &= handle != ORGMAP_NONE;
      for (guint j = 0; j < rating->n_dims && ok; j++)
        {
          const DimRecord *dim = &g_array_index (self->dims, DimRecord, rating->first_dim + j);

          ok &= orgmap_document_set_rating_dimension (doc, handle, dimension_map[dim->dimension],
                                                      dim->score, NULL);
        }
    }

  orgmap_document_thaw (doc);

  if (!ok)
    {
      /* A duplicate link id makes add_link() fail, and check_link_ids()
       * says which; the other checks make any other failure unreachable. */
      orgmap_xml_check_link_ids (self);
      if (self->problems->len == 0)
        orgmap_xml_problem (self, ORGMAP_IMPORT_ERROR_INVALID, 0, 0, NULL,
                            _("The file holds data that Orgmap cannot represent"));
      return NULL;
    }
  return g_steal_pointer (&doc);
}

/* Hands the problems over, in file order, and sums them up in @error. */
void
orgmap_xml_report (Importer        *self,
                   OrgmapProblems  *problems,
                   const char      *fallback_name,
                   GError         **error)
{
  g_autoptr(OrgmapProblems) own = NULL;
  OrgmapImportError code = ORGMAP_IMPORT_ERROR_INVALID;
  guint first = orgmap_problems_count (problems);
  const char *name = NULL;
  guint n;

  if (problems == NULL)
    problems = own = orgmap_problems_new (NULL);

  g_array_sort (self->problems, problem_compare);
  for (guint i = 0; i < self->problems->len; i++)
    {
      const Problem *p = &g_array_index (self->problems, Problem, i);

      orgmap_problems_add (problems, p->line, p->column, p->id, "%s", p->message);
      if (code_rank (p->code) > code_rank (code))
        code = p->code;
    }
  if (self->n_unlisted > 0)
    orgmap_problems_add (problems, 0, 0, NULL,
                         ngettext ("%u more problem was found but is not listed",
                                   "%u more problems were found but are not listed",
                                   self->n_unlisted),
                         self->n_unlisted);

  if (orgmap_problems_count (problems) > first)
    name = orgmap_problems_get (problems, first)->file;
  if (name == NULL)
    name = fallback_name;

  n = self->problems->len + self->n_unlisted;
  if (name != NULL)
    g_set_error (error, ORGMAP_IMPORT_ERROR, code,
                 ngettext ("“%s” has %u problem", "“%s” has %u problems", n),
                 name, n);
  else
    g_set_error (error, ORGMAP_IMPORT_ERROR, code,
                 ngettext ("The XML data has %u problem", "The XML data has %u problems", n),
                 n);
}

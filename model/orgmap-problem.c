/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-model"

#include "config.h"

#include "orgmap-problem.h"

struct _OrgmapProblems
{
  char   *file;
  GArray *items;
};

static void
problem_clear (gpointer data)
{
  OrgmapProblem *problem = data;

  g_free (problem->file);
  g_free (problem->id);
  g_free (problem->message);
}

OrgmapProblems *
orgmap_problems_new (const char *file)
{
  OrgmapProblems *self = g_new0 (OrgmapProblems, 1);

  self->file = g_strdup (file);
  self->items = g_array_new (FALSE, TRUE, sizeof (OrgmapProblem));
  g_array_set_clear_func (self->items, problem_clear);
  return self;
}

void
orgmap_problems_free (OrgmapProblems *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->items);
  g_free (self->file);
  g_free (self);
}

void
orgmap_problems_add (OrgmapProblems *self,
                     int             line,
                     int             column,
                     const char     *id,
                     const char     *format,
                     ...)
{
  OrgmapProblem problem;
  va_list args;

  g_return_if_fail (self != NULL);

  va_start (args, format);
  problem.message = g_strdup_vprintf (format, args);
  va_end (args);
  problem.file = g_strdup (self->file);
  problem.line = line;
  problem.column = column;
  problem.id = g_strdup (id);
  g_array_append_val (self->items, problem);
}

guint
orgmap_problems_count (OrgmapProblems *self)
{
  return self != NULL ? self->items->len : 0;
}

const OrgmapProblem *
orgmap_problems_get (OrgmapProblems *self,
                     guint           index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->items->len, NULL);

  return &g_array_index (self->items, OrgmapProblem, index);
}

char *
orgmap_problem_format (const OrgmapProblem *problem)
{
  GString *str = g_string_new (NULL);

  if (problem->file != NULL)
    g_string_append_printf (str, "%s:", problem->file);
  if (problem->line > 0)
    g_string_append_printf (str, "%d:", problem->line);
  if (problem->line > 0 && problem->column > 0)
    g_string_append_printf (str, "%d:", problem->column);
  if (str->len > 0)
    g_string_append_c (str, ' ');
  g_string_append (str, problem->message);
  return g_string_free (str, FALSE);
}

char *
orgmap_problems_format (OrgmapProblems *self)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < orgmap_problems_count (self); i++)
    {
      g_autofree char *line = orgmap_problem_format (orgmap_problems_get (self, i));

      g_string_append (str, line);
      g_string_append_c (str, '\n');
    }
  return g_string_free (str, FALSE);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "orgmap-model"

#include "config.h"

#include "orgmap-xml-scan.h"

#include <string.h>

#include "orgmap-xml-import.h"

enum
{
  SCAN_TEXT,
  SCAN_LT,         /* after '<' */
  SCAN_TAG,
  SCAN_DQUOTE,
  SCAN_SQUOTE,
  SCAN_BANG,       /* after "<!" */
  SCAN_BANG_DASH,  /* after "<!-" */
  SCAN_COMMENT,
  SCAN_CDATA,
  SCAN_PI,
  SCAN_OFF,        /* UTF-16 or UTF-32: bytes are not characters */
};

static guchar
byte_before (const char *buf,
             gsize       i,
             guint       k,
             guint       tail)
{
  if (i >= k)
    return buf[i - k];
  return (tail >> (8 * (k - i - 1))) & 0xff;
}

/* Whether the '>' at @i closes with @end ("-->", "]]>" or "?>") */
static gboolean
ends_with (const char *buf,
           gsize       i,
           guint       tail,
           const char *end)
{
  gsize n = strlen (end) - 1;

  for (gsize k = 1; k <= n; k++)
    if (byte_before (buf, i, k, tail) != (guchar) end[n - k])
      return FALSE;
  return TRUE;
}

static const gboolean tag_special[256] = {
  ['"'] = TRUE, ['\''] = TRUE, ['>'] = TRUE, ['='] = TRUE,
};

gboolean
orgmap_xml_scan_feed (OrgmapXmlScan *in,
                      const char    *buf,
                      gsize          len)
{
  gsize i = 0;

  if (in->pos == 0 && len >= 2 &&
      (((guchar) buf[0] == 0xfe && (guchar) buf[1] == 0xff) ||
       ((guchar) buf[0] == 0xff && (guchar) buf[1] == 0xfe) ||
       memchr (buf, '\0', MIN (len, 4)) != NULL))
    in->state = SCAN_OFF;

  while (i < len && in->state != SCAN_OFF)
    {
      const char *p;
      char c;

      switch (in->state)
        {
        case SCAN_TEXT:
          p = memchr (buf + i, '<', len - i);
          if (p == NULL)
            {
              i = len;
              break;
            }
          i = p - buf;
          in->tag_start = in->pos + i;
          in->state = SCAN_LT;
          i++;
          break;

        case SCAN_LT:
        case SCAN_BANG:
        case SCAN_BANG_DASH:
          c = buf[i++];
          in->n_attrs = 0;
          if (in->state == SCAN_LT && c == '!')
            in->state = SCAN_BANG;
          else if (in->state == SCAN_LT && c == '?')
            in->state = SCAN_PI;
          else if (in->state == SCAN_BANG && c == '-')
            in->state = SCAN_BANG_DASH;
          else if (in->state == SCAN_BANG && c == '[')
            in->state = SCAN_CDATA;
          else if (in->state == SCAN_BANG_DASH && c == '-')
            in->state = SCAN_COMMENT;
          else
            {
              in->state = SCAN_TAG;
              i--;
            }
          break;

        case SCAN_TAG:
          for (; i < len; i++)
            {
              c = buf[i];
              if (!tag_special[(guchar) c])
                continue;
              if (c == '"' || c == '\'' || c == '>')
                {
                  in->state = c == '"' ? SCAN_DQUOTE : c == '\'' ? SCAN_SQUOTE : SCAN_TEXT;
                  i++;
                  break;
                }
              if (++in->n_attrs > ORGMAP_XML_MAX_ATTRIBUTES)
                {
                  in->too_many_attrs = TRUE;
                  return FALSE;
                }
            }
          break;

        case SCAN_DQUOTE:
        case SCAN_SQUOTE:
          p = memchr (buf + i, in->state == SCAN_DQUOTE ? '"' : '\'', len - i);
          if (p == NULL)
            i = len;
          else
            {
              i = p - buf + 1;
              in->state = SCAN_TAG;
            }
          break;

        case SCAN_COMMENT:
        case SCAN_CDATA:
        case SCAN_PI:
          p = memchr (buf + i, '>', len - i);
          if (p == NULL)
            {
              i = len;
              break;
            }
          i = p - buf;
          if (ends_with (buf, i, in->tail,
                         in->state == SCAN_COMMENT ? "-->" : in->state == SCAN_CDATA ? "]]>" : "?>"))
            in->state = SCAN_TEXT;
          i++;
          break;

        case SCAN_OFF:
        default:
          i = len;
          break;
        }
    }

  if (len >= 2)
    in->tail = ((guint) (guchar) buf[len - 2] << 8) | (guchar) buf[len - 1];
  else if (len == 1)
    in->tail = ((in->tail << 8) | (guchar) buf[0]) & 0xffff;
  in->pos += len;
  return TRUE;
}

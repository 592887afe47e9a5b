#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Translations stay complete: every source file with marked strings is in
# po/POTFILES.in (sorted), and po/es.po translates every message, none fuzzy.
set -eu
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$src"
grep -v '^#' po/POTFILES.in | sed '/^$/d' > "$tmp/listed"
if ! LC_ALL=C sort -c "$tmp/listed" 2>/dev/null; then
  echo "po/POTFILES.in is not sorted"; exit 1
fi
git ls-files -co --exclude-standard -- 'app/*.c' 'ui/*.c' 'model/*.c' 'ui/*.ui' 'resources/*.ui' 2>/dev/null \
  | while read -r f; do
      if grep -qE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|ngettext)[[:space:]]*\(|translatable="yes"' "$f"; then
        echo "$f"
      fi
    done > "$tmp/marked.c"
# Desktop entries and metainfo are always translated.
{ cat "$tmp/marked.c"; git ls-files -co --exclude-standard -- 'resources/*.desktop.in' 'resources/*.metainfo.xml.in'; } \
  | LC_ALL=C sort > "$tmp/marked"
if ! diff -u "$tmp/listed" "$tmp/marked"; then
  echo "po/POTFILES.in does not list exactly the files with translatable strings (diff above)"; exit 1
fi

xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=ngettext:1,2 --add-comments=Translators --files-from="$tmp/listed" \
  --output="$tmp/orgmap.pot" 2>"$tmp/xgettext.log" || { cat "$tmp/xgettext.log"; exit 1; }
for po in po/*.po; do
  if ! msgcmp "$po" "$tmp/orgmap.pot" 2>"$tmp/msgcmp.log"; then
    echo "$po lacks translations:"; cat "$tmp/msgcmp.log"; exit 1
  fi
  stats=$(msgfmt --check --statistics -o /dev/null "$po" 2>&1)
  case "$stats" in
    *fuzzy*|*untranslated*) echo "$po: $stats"; exit 1 ;;
  esac
  echo "$po: $stats"
done

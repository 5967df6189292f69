#!/usr/bin/env bash
# Copies the screenshots the portal walkthroughs (*WalkthroughIT) and AdminConsoleGuideIT (the admin console, for
# docs/admin/) took in a test run into docs/images/, where the guides and the README show them, and writes docs/images/MANIFEST: the sha256 and path of
# every image the script put there, sorted by path (the format of `sha256sum`, so `sha256sum -c docs/images/MANIFEST`
# checks it from the repository root). DocsImagesTest fails when a Markdown file shows an image under docs/images/
# that is not in the manifest with that checksum: images come from a test run, never by hand.
#
#   tools/docs-screenshots.sh [artifacts-dir] [group...]
#
# artifacts-dir: the test run's artifacts directory (default integration-tests/target/artifacts); its
# walkthroughs/<walkthrough>/NN-<step>.png are the screenshots. group: only refresh these folders of docs/images/
# (storingen-stations, werkplek, nse-portal, verzuimcoach, werknemerloket, app, admin); by default all of them. The manifest
# keeps the lines of the groups not refreshed. Nothing is changed when a screenshot that a group needs is missing.
# Run it after the walkthroughs, e.g.
#   mvn -B verify -pl integration-tests -am -Dit.test=StoringenStationsWalkthroughIT,WerkplekWalkthroughIT,NsePortalWalkthroughIT,VerzuimcoachWalkthroughIT,WerknemerloketWalkthroughIT,AdminConsoleGuideIT -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false
#   tools/docs-screenshots.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
artifacts="${1:-$root/integration-tests/target/artifacts}"
[ "$#" -gt 0 ] && shift
artifacts="$(cd "$artifacts" && pwd)" || { echo "no artifacts directory $artifacts" >&2; exit 1; }
walks="$artifacts/walkthroughs"
images="$root/docs/images"
manifest="$images/MANIFEST"

# What each guide shows: <group> <walkthrough> <step>. The file walkthroughs/<walkthrough>/NN-<step>.png is copied to
# docs/images/<group>/<step>.png (without the step number, so a step added to a walkthrough breaks no link).
# <step> '*' copies every screenshot of the walkthrough under its own name (NN-<step>.png).
selection='
storingen-stations 000-storingen-stations A2-inlogpagina
storingen-stations 000-storingen-stations A3-pagina-met-QR-code
storingen-stations 000-storingen-stations A5-een-QR-code-scannen
storingen-stations 000-storingen-stations A-nieuw-wachtwoord-kiezen
storingen-stations 000-storingen-stations A-geheime-vraag-kiezen
storingen-stations 000-storingen-stations-volgende-keer A-volgende-keer-code-uit-de-app
storingen-stations 000-storingen-stations B2-gebruikersnaam-en-mobiele-nummer
storingen-stations 000-storingen-stations B4-onderste-optie
werkplek 001-werkplek-app QR-code
werkplek 001-werkplek-app wachten-op-de-app
werkplek 001-werkplek-app code-handmatig
werkplek 001-werkplek verkeerd-wachtwoord
app 001-werkplek-app-telefoon *
nse-portal 002-nse-portal stap-01-inlogpagina
nse-portal 002-nse-portal stap-02-wachtwoord-aanvragen
nse-portal 002-nse-portal stap-05-nieuw-wachtwoord
nse-portal 002-nse-portal stap-08-11-stappenplan
nse-portal 002-nse-portal stap-14-koppeling-gelukt
nse-portal 002-nse-portal stap-14-inloggen-met-code
verzuimcoach 003-verzuimcoach account-activeren
verzuimcoach 003-verzuimcoach wachtwoord-aanmaken
verzuimcoach 003-verzuimcoach wachtwoord-opgeslagen
verzuimcoach 003-verzuimcoach inlogscherm
verzuimcoach 003-verzuimcoach 2fa-instellen
verzuimcoach 003-verzuimcoach e-mail-met-aanvraagcode
verzuimcoach 003-verzuimcoach volgende-keer-code-uit-de-app
werknemerloket 004-werknemerloket inloggen-gebruikersnaam-wachtwoord
werknemerloket 004-werknemerloket 2fa-instellen
werknemerloket 004-werknemerloket-inloggen inloggen-verificatiecode
werknemerloket 004-werknemerloket-inloggen 2fa-uitschakelen
admin admin-console *
'
all_groups="$(echo "$selection" | awk 'NF { print $1 }' | sort -u)"
if [ "$#" -gt 0 ]; then
  groups="$(printf '%s\n' "$@" | sort -u)"
  for g in $groups; do
    echo "$all_groups" | grep -qx "$g" || { echo "unknown group '$g' (known: $(echo $all_groups))" >&2; exit 1; }
  done
else
  groups="$all_groups"
fi

# First find every file (all or nothing), then replace the groups' folders.
staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
missing=0
while read -r group walk step; do
  [ -n "${group:-}" ] || continue
  echo "$groups" | grep -qx "$group" || continue
  mkdir -p "$staging/$group"
  if [ "$step" = "*" ]; then
    if ! compgen -G "$walks/$walk/[0-9][0-9]-*.png" > /dev/null; then
      echo "missing: $walks/$walk/*.png" >&2; missing=1; continue
    fi
    cp "$walks/$walk"/[0-9][0-9]-*.png "$staging/$group/"
  else
    found=("$walks/$walk"/[0-9][0-9]-"$step".png)
    if [ "${#found[@]}" -ne 1 ] || [ ! -f "${found[0]}" ]; then
      echo "missing: $walks/$walk/NN-$step.png" >&2; missing=1; continue
    fi
    cp "${found[0]}" "$staging/$group/$step.png"
  fi
done <<< "$selection"
if [ "$missing" -ne 0 ]; then
  echo "nothing copied: run the walkthroughs first (see the top of $0)" >&2
  exit 1
fi

mkdir -p "$images"
old_lines=""
[ -f "$manifest" ] && old_lines="$(cat "$manifest")"
keep=""
while IFS= read -r line; do
  [ -n "$line" ] || continue
  path="${line#*  }"
  group="${path#docs/images/}"; group="${group%%/*}"
  echo "$groups" | grep -qx "$group" || keep+="$line"$'\n'
done <<< "$old_lines"

count=0
new_lines=""
for group in $groups; do
  rm -rf "${images:?}/$group"
  mkdir -p "$images/$group"
  cp "$staging/$group"/*.png "$images/$group/"
  for file in "$images/$group"/*.png; do
    new_lines+="$(cd "$root" && sha256sum "${file#"$root"/}")"$'\n'
    count=$((count + 1))
  done
done
printf '%s%s' "$keep" "$new_lines" | awk 'NF' | LC_ALL=C sort -k2 > "$manifest.tmp"
mv "$manifest.tmp" "$manifest"
echo "copied $count screenshots into docs/images/ ($(echo $groups)); manifest: docs/images/MANIFEST ($(wc -l < "$manifest") files)"

#!/usr/bin/env bash
# Copies the app's screens, as WerkplekWalkthroughIT recorded them in the last test run, to docs/images/app/
# (the README links them). Run after the tests, e.g. after
#   mvn -B verify -pl integration-tests -am -Dit.test=WerkplekWalkthroughIT -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
from="$root/integration-tests/target/artifacts/walkthroughs/001-werkplek-app-telefoon"
to="$root/docs/images/app"
if ! compgen -G "$from/*.png" > /dev/null; then
  echo "no screenshots in $from: run WerkplekWalkthroughIT first" >&2
  exit 1
fi
mkdir -p "$to"
rm -f "$to"/*.png
cp "$from"/*.png "$to"/
echo "copied $(ls "$to"/*.png | wc -l) screenshots to docs/images/app/"

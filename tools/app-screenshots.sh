#!/usr/bin/env bash
# Copies the app's screens, as WerkplekWalkthroughIT recorded them in the last test run, to docs/images/app/
# (the README links them) and updates docs/images/MANIFEST: tools/docs-screenshots.sh for the group 'app' only.
# Run after the tests, e.g. after
#   mvn -B verify -pl integration-tests -am -Dit.test=WerkplekWalkthroughIT -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false
#   tools/app-screenshots.sh [artifacts-dir]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
exec "$root/tools/docs-screenshots.sh" "${1:-$root/integration-tests/target/artifacts}" app

#!/usr/bin/env bash
# Runs the Tweestap pack on this machine: builds the JARs and assembles "Keycloak + the pack" through Maven (the
# one assembly the integration tests and docker/ use too: the distribution from Maven Central with exactly the
# pack's JARs in providers/), imports every realm in realm-config/realms and starts Keycloak in dev mode on
# http://localhost:8080 with the embedded database and the dev outbox. Ctrl-C stops it. A second start reuses
# what is current.
#
#   ./run.sh                 (TWEESTAP_HTTP_PORT=8080 by default; TWEESTAP_WORK=.tweestap holds Keycloak)
set -euo pipefail

root="$(cd "$(dirname "$0")" && pwd)"
cd "$root"
kc_version="$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' pom.xml | head -n 1)"
work="${TWEESTAP_WORK:-$root/.tweestap}"
kc_home="$work/keycloak-$kc_version"
port="${TWEESTAP_HTTP_PORT:-8080}"
admin_user="${TWEESTAP_ADMIN_USER:-admin}"
admin_password="${TWEESTAP_ADMIN_PASSWORD:-admin}"

stamp="$work/build.stamp"
pack_dir="$root/integration-tests/target/pack/providers"
# True when Keycloak's providers/ holds exactly the pack's JARs (integration-tests/pom.xml, "Assembling Keycloak +
# the pack"): nothing more (an old test provider, a JAR dropped there by hand), nothing less, nothing stale.
pack_installed() {
  [ -d "$pack_dir" ] && [ -d "$kc_home/providers" ] || return 1
  local jar
  for jar in "$pack_dir"/*.jar; do
    cmp -s "$jar" "$kc_home/providers/$(basename "$jar")" || return 1
  done
  for jar in "$kc_home"/providers/*.jar; do
    [ -f "$pack_dir/$(basename "$jar")" ] || return 1
  done
}
sources_changed() {
  [ -f "$stamp" ] || return 0
  [ -d "$kc_home/bin" ] || return 0
  pack_installed || return 0
  [ -n "$(find pom.xml authenticator-spi themes realm-config companion integration-tests/pom.xml -newer "$stamp" \
      -not -path '*/target/*' -not -path '*/node_modules/*' -print -quit 2>/dev/null)" ]
}

mkdir -p "$work"
if sources_changed; then
  echo "==> Building the pack and preparing Keycloak $kc_version (first time: downloads through Maven)"
  # No tests and no test code: maven.test.skip also skips compiling and packaging the test-only providers.
  mvn -B -q -Dmaven.test.skip=true -Dkc.dist.parent="$work" package
  touch "$stamp"
else
  echo "==> Pack and Keycloak $kc_version are current; not rebuilding"
fi

if ! pack_installed; then
  echo "Refusing to start: $kc_home/providers does not hold exactly the pack's JARs ($pack_dir)." >&2
  exit 1
fi
mkdir -p "$kc_home/data/import"
rm -f "$kc_home"/data/import/*.json
cp realm-config/realms/*.json "$kc_home/data/import/"

cat <<INFO

==> Starting Keycloak on http://localhost:$port (Ctrl-C stops it)

    Admin console   http://localhost:$port/admin/          user: $admin_user  password: $admin_password
INFO
for realm_file in realm-config/realms/*-realm.json; do
  realm="$(basename "$realm_file" -realm.json)"
  cat <<INFO

    Realm $realm
      Log in        http://localhost:$port/realms/$realm/account/
      Dev outbox    http://localhost:$port/realms/$realm/tweestap-outbox   (every SMS and e-mail sent)
INFO
done
# The portals' own links (docs/portals.md, nse-portal and werknemerloket), for this port: the demo clients follow the
# server's own address (root URL ${authBaseUrl}), so these work on any port.
outbox_uri() { printf 'http%%3A%%2F%%2Flocalhost%%3A%s%%2Frealms%%2F%s%%2Ftweestap-outbox' "$port" "$1"; }
cat <<INFO

    Portal links (docs/portals.md)
      nse-portal activate 2FA    http://localhost:$port/realms/nse-portal/protocol/openid-connect/auth?client_id=nse-portal&response_type=code&scope=openid&redirect_uri=$(outbox_uri nse-portal)&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&kc_action=tweestap-configure-totp
      werknemerloket 2FA on      http://localhost:$port/realms/werknemerloket/protocol/openid-connect/auth?client_id=werknemerloket&response_type=code&scope=openid&redirect_uri=$(outbox_uri werknemerloket)&kc_action=tweestap-configure-totp
      werknemerloket 2FA off     http://localhost:$port/realms/werknemerloket/protocol/openid-connect/auth?client_id=werknemerloket&response_type=code&scope=openid&redirect_uri=$(outbox_uri werknemerloket)&kc_action=tweestap-deactivate-totp

    Helpdesk page (Servicedesk and employer; README.md, "The helpdesk page")
      storingen-stations         http://localhost:$port/realms/storingen-stations/tweestap-helpdesk/
      werkplek                   http://localhost:$port/realms/werkplek/tweestap-helpdesk/
      werknemerloket             http://localhost:$port/realms/werknemerloket/tweestap-helpdesk/
INFO
cat <<'INFO'

    Demo users (docs/portals.md says what each one shows):
      storingen-stations  anna.devries@nslogin.nl      Tijdelijk-demo-1 (temporary)  QR page, new password, secret question
      werkplek            jan.jansen                   Werkplek-demo-1               binding QR, then "Logt u in?" (companion CLI)
      nse-portal          jan.devries@nse-portal.test  Nse-Portal-demo-1             reset link, activation, code
      verzuimcoach        anna.devries                 Verzuimcoach-demo-1           AUTHENTICATOR APP, QR by e-mail
      werknemerloket      p.vanwekkers                 Werknemer-demo-1              optional 2FA on/off

    Helpdesk demo users (log in on the helpdesk page above):
      storingen-stations  servicedesk@nslogin.nl       Tijdelijk-demo-1 (temporary)  Servicedesk: QR page, new password, secret question first
      werkplek            servicedesk                  Werkplek-demo-1               Servicedesk (also the CSV import): SMS code (+31612345600) or the app
      werknemerloket      servicedesk                  Werknemer-demo-1              Loket helpdesk: every employee
      werknemerloket      werkgever                    Werknemer-demo-1              employer: only the group "Bakkerij De Wekkers" (p.vanwekkers)
    SMS and e-mail land in each realm's dev outbox.

INFO

export KC_BOOTSTRAP_ADMIN_USERNAME="$admin_user"
export KC_BOOTSTRAP_ADMIN_PASSWORD="$admin_password"
exec "$kc_home/bin/kc.sh" start-dev \
  --http-port="$port" \
  --import-realm \
  --spi-tweestap-sms-sender--provider-default=dev-outbox \
  --spi-tweestap-sms-sender--dev-outbox--capture=true \
  --spi-email-sender--provider=tweestap-dev-outbox \
  --spi-email-sender--tweestap-dev-outbox--capture=true \
  --spi-realm-restapi-extension--tweestap-outbox--capture=true \
  --spi-events-listener--email--include-events=UPDATE_CREDENTIAL,REMOVE_CREDENTIAL

#!/usr/bin/env bash
# Runs the Tweestap pack on this machine: builds the JARs, fetches Keycloak through Maven, installs the pack,
# imports every realm in realm-config/realms and starts Keycloak in dev mode on http://localhost:8080 with the
# embedded database and the dev outbox. Ctrl-C stops it. A second start reuses what is current.
#
#   ./run.sh                 (TWEESTAP_HTTP_PORT=8080 by default)
set -euo pipefail

root="$(cd "$(dirname "$0")" && pwd)"
cd "$root"
kc_version="$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' pom.xml | head -n 1)"
work="$root/.tweestap"
kc_home="$work/keycloak-$kc_version"
port="${TWEESTAP_HTTP_PORT:-8080}"
admin_user="${TWEESTAP_ADMIN_USER:-admin}"
admin_password="${TWEESTAP_ADMIN_PASSWORD:-admin}"

stamp="$work/build.stamp"
sources_changed() {
  [ -f "$stamp" ] || return 0
  [ -d "$kc_home/bin" ] || return 0
  [ -f integration-tests/target/providers/tweestap-authenticator-spi.jar ] || return 0
  [ -f integration-tests/target/providers/tweestap-themes.jar ] || return 0
  [ -n "$(find pom.xml authenticator-spi themes realm-config integration-tests/pom.xml -newer "$stamp" \
      -not -path '*/target/*' -print -quit 2>/dev/null)" ]
}

mkdir -p "$work"
if sources_changed; then
  echo "==> Building the pack and preparing Keycloak $kc_version (first time: downloads through Maven)"
  mvn -B -q -DskipTests -Dkc.dist.parent="$work" package
  touch "$stamp"
else
  echo "==> Pack and Keycloak $kc_version are current; not rebuilding"
fi

# Install the pack: providers and themes as JARs, realm files for import. Only copy what changed, so Keycloak
# does not rebuild its optimized image for nothing.
for jar in integration-tests/target/providers/*.jar; do
  cmp -s "$jar" "$kc_home/providers/$(basename "$jar")" || cp "$jar" "$kc_home/providers/"
done
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
cat <<'INFO'

    Demo users (README.md, "The five portals", says what each one shows):
      storingen-stations  anna.devries@nslogin.nl      Tijdelijk-demo-1 (temporary)  QR page, new password, secret question
      werkplek            jan.jansen                   Werkplek-demo-1               binding QR, then "Logt u in?" (companion CLI)
      nse-portal          jan.devries@nse-portal.test  Nse-Portal-demo-1             reset link, activation, code
      verzuimcoach        anna.devries                 Verzuimcoach-demo-1           AUTHENTICATOR APP, QR by e-mail
      werknemerloket      p.vanwekkers                 Werknemer-demo-1              optional 2FA on/off
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

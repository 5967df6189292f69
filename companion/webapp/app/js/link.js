// The binding link a QR code holds: {realmUrl}/tweestap-device/enroll?token=… (companion/PROTOCOL.md). The app
// belongs to one realm on one server, so it takes only links of that realm on its own origin.

export class LinkError extends Error {
  constructor(reason) {
    super(reason);
    this.reason = reason; // "notBinding" | "otherRealm"
  }
}

/**
 * Parses a scanned or pasted text. {@code appUrl} is the app's own URL (…/realms/<realm>/tweestap-app/…).
 * Returns {deviceUrl, token}: the device API's base URL and the enrollment token.
 */
export function parseBindingLink(text, appUrl) {
  let url;
  try {
    url = new URL(String(text).trim());
  } catch (e) {
    throw new LinkError("notBinding");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new LinkError("notBinding");
  const match = url.pathname.match(/^(.*\/realms\/[^/]+)\/tweestap-device\/enroll$/);
  const token = url.searchParams.get("token");
  if (!match || !token || !/^[A-Za-z0-9._~-]+$/.test(token) || url.username || url.password) {
    throw new LinkError("notBinding");
  }
  const app = new URL(appUrl);
  const appRealm = app.pathname.match(/^(.*\/realms\/[^/]+)\/tweestap-app(\/|$)/);
  if (url.origin !== app.origin || !appRealm || appRealm[1] !== match[1]) throw new LinkError("otherRealm");
  return {deviceUrl: url.origin + match[1] + "/tweestap-device", token};
}

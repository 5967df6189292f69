// Signed device requests (companion/PROTOCOL.md): a compact JWS, ES256 with the device's non-extractable P-256
// key. WebCrypto's ECDSA signature is already the JOSE form (R‖S, 64 bytes), not DER.
import {b64uEncode, randomId, utf8} from "./codec.js";

export const TYP = "tweestap-device+jwt";

/** A new device key pair: the private key can sign but never be exported. */
export function generateDeviceKey() {
  return crypto.subtle.generateKey({name: "ECDSA", namedCurve: "P-256"}, false, ["sign", "verify"]);
}

/** The public key as the protocol's JWK: {kty, crv, x, y} only. */
export async function publicJwk(publicKey) {
  const jwk = await crypto.subtle.exportKey("jwk", publicKey);
  return {kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y};
}

/**
 * The compact JWS of one request. {@code who} is {kid} for a bound device or {jwk} for /enroll. The payload holds
 * htm, htu (the endpoint's URL without query), iat (epoch seconds) and jti, then the endpoint's own fields.
 */
export async function signRequest(privateKey, who, url, fields, options = {}) {
  const header = {alg: "ES256", typ: TYP};
  if (who.kid) header.kid = who.kid;
  else header.jwk = who.jwk;
  const htu = String(url).split("?")[0].split("#")[0];
  const iat = options.iat !== undefined ? options.iat : Math.floor(Date.now() / 1000);
  const payload = Object.assign({htm: "POST", htu, iat, jti: options.jti || randomId()}, fields || {});
  const input = b64uEncode(utf8(JSON.stringify(header))) + "." + b64uEncode(utf8(JSON.stringify(payload)));
  const signature = await crypto.subtle.sign({name: "ECDSA", hash: "SHA-256"}, privateKey, utf8(input));
  return input + "." + b64uEncode(signature);
}

// RFC 6238 codes from a non-extractable WebCrypto HMAC key. Algorithm, digits and period come from what the
// server handed over at the binding (the "totp" object of /confirm or /status); nothing is assumed.
import {base32Decode} from "./codec.js";

const HASHES = {SHA1: "SHA-1", SHA256: "SHA-256", SHA512: "SHA-512"};

/** The WebCrypto hash name for the server's algorithm name ("SHA1", "HmacSHA256", …); throws when unknown. */
export function hashFor(algorithm) {
  const name = String(algorithm || "").toUpperCase().replace(/^HMAC/, "").replace("-", "");
  const hash = HASHES[name];
  if (!hash) throw new Error("unsupported TOTP algorithm");
  return hash;
}

/** Checks the server's totp parameters; returns {digits, period, algorithm} or throws. */
export function checkParameters(totp) {
  const digits = Number(totp && totp.digits);
  const period = Number(totp && totp.period);
  if (!Number.isInteger(digits) || digits < 6 || digits > 8) throw new Error("unsupported TOTP digits");
  if (!Number.isInteger(period) || period < 10 || period > 300) throw new Error("unsupported TOTP period");
  hashFor(totp.algorithm);
  return {digits, period, algorithm: String(totp.algorithm)};
}

/** Imports the base32 secret as a non-extractable HMAC key for signing only. */
export function importTotpKey(secretBase32, algorithm) {
  return crypto.subtle.importKey("raw", base32Decode(secretBase32), {name: "HMAC", hash: hashFor(algorithm)},
      false, ["sign"]);
}

/** RFC 4226 HOTP of a counter with the key, as a zero-padded string of {@code digits} digits. */
export async function hotp(key, counter, digits) {
  const message = new Uint8Array(8);
  new DataView(message.buffer).setBigUint64(0, BigInt(counter));
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, message));
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(binary % 10 ** digits).padStart(digits, "0");
}

/** The code at a moment (epoch milliseconds) and how many whole seconds it stays valid. */
export async function totpAt(key, params, epochMillis) {
  const seconds = Math.floor(epochMillis / 1000);
  const step = Math.floor(seconds / params.period);
  return {code: await hotp(key, step, params.digits), secondsLeft: params.period - (seconds % params.period)};
}

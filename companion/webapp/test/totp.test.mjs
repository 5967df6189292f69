// RFC 6238 Appendix B test vectors, computed the way the app does (WebCrypto HMAC key, not extractable).
import {test} from "node:test";
import assert from "node:assert/strict";
import {checkParameters, hashFor, hotp, importTotpKey, totpAt} from "../app/js/totp.js";

const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function base32(text) {
  const bytes = new TextEncoder().encode(text);
  let bits = 0, value = 0, out = "";
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}

const SEEDS = {
  SHA1: "12345678901234567890",
  SHA256: "12345678901234567890123456789012",
  SHA512: "1234567890123456789012345678901234567890123456789012345678901234",
};

// time (s) -> expected 8-digit codes for SHA1, SHA256, SHA512 (RFC 6238, Appendix B)
const VECTORS = [
  [59, "94287082", "46119246", "90693936"],
  [1111111109, "07081804", "68084774", "25091201"],
  [1111111111, "14050471", "67062674", "99943326"],
  [1234567890, "89005924", "91819424", "93441116"],
  [2000000000, "69279037", "90698825", "38618901"],
  [20000000000, "65353130", "77737706", "47863826"],
];

for (const [index, algorithm] of ["SHA1", "SHA256", "SHA512"].entries()) {
  test(`RFC 6238 vectors with ${algorithm}`, async () => {
    const key = await importTotpKey(base32(SEEDS[algorithm]), algorithm);
    for (const vector of VECTORS) {
      const {code} = await totpAt(key, {digits: 8, period: 30, algorithm}, vector[0] * 1000);
      assert.equal(code, vector[index + 1], `T=${vector[0]}`);
    }
  });
}

test("six digits are the last six of the eight, zero-padded", async () => {
  const key = await importTotpKey(base32(SEEDS.SHA1), "SHA1");
  assert.equal((await totpAt(key, {digits: 6, period: 30, algorithm: "SHA1"}, 59000)).code, "287082");
  assert.equal((await totpAt(key, {digits: 6, period: 30, algorithm: "SHA1"}, 1111111109000)).code, "081804");
  assert.equal(await hotp(key, 0, 6), "755224"); // RFC 4226 Appendix D, count 0
  assert.equal(await hotp(key, 9, 6), "520489"); // count 9
});

test("the seconds left count down to the end of the period", async () => {
  const key = await importTotpKey(base32(SEEDS.SHA1), "SHA1");
  assert.equal((await totpAt(key, {digits: 6, period: 30, algorithm: "SHA1"}, 60000)).secondsLeft, 30);
  assert.equal((await totpAt(key, {digits: 6, period: 30, algorithm: "SHA1"}, 89999)).secondsLeft, 1);
  // the period is the server's, not a constant
  const sixty = await totpAt(key, {digits: 6, period: 60, algorithm: "SHA1"}, 59000);
  assert.equal(sixty.secondsLeft, 1);
  assert.equal(sixty.code, await hotp(key, 0, 6));
});

test("the key cannot be exported", async () => {
  const key = await importTotpKey(base32(SEEDS.SHA1), "SHA1");
  assert.equal(key.extractable, false);
  await assert.rejects(crypto.subtle.exportKey("raw", key));
});

test("algorithm names as the server sends them", () => {
  assert.equal(hashFor("SHA1"), "SHA-1");
  assert.equal(hashFor("HmacSHA256"), "SHA-256");
  assert.equal(hashFor("sha512"), "SHA-512");
  assert.throws(() => hashFor("MD5"));
  assert.throws(() => hashFor(undefined));
});

test("parameters outside what a TOTP app does are refused", () => {
  assert.deepEqual(checkParameters({digits: 6, period: 30, algorithm: "SHA1"}), {digits: 6, period: 30, algorithm: "SHA1"});
  assert.throws(() => checkParameters({digits: 5, period: 30, algorithm: "SHA1"}));
  assert.throws(() => checkParameters({digits: 6, period: 0, algorithm: "SHA1"}));
  assert.throws(() => checkParameters({digits: 6, period: 30, algorithm: "CRC"}));
  assert.throws(() => checkParameters(null));
});

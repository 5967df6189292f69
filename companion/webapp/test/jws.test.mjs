import {test} from "node:test";
import assert from "node:assert/strict";
import {b64uDecode} from "../app/js/codec.js";
import {generateDeviceKey, publicJwk, signRequest, TYP} from "../app/js/jws.js";

const part = (jws, i) => JSON.parse(new TextDecoder().decode(b64uDecode(jws.split(".")[i])));

test("the device key's private half cannot be exported", async () => {
  const keys = await generateDeviceKey();
  assert.equal(keys.privateKey.extractable, false);
  await assert.rejects(crypto.subtle.exportKey("pkcs8", keys.privateKey));
  const jwk = await publicJwk(keys.publicKey);
  assert.deepEqual(Object.keys(jwk), ["kty", "crv", "x", "y"]);
  assert.equal(b64uDecode(jwk.x).length, 32);
  assert.equal(b64uDecode(jwk.y).length, 32);
});

test("an enroll request carries the key, later ones the device id", async () => {
  const keys = await generateDeviceKey();
  const jwk = await publicJwk(keys.publicKey);
  const enroll = await signRequest(keys.privateKey, {jwk}, "http://localhost:8080/realms/r/tweestap-device/enroll?x=1",
      {token: "t", name: "n"});
  assert.deepEqual(part(enroll, 0), {alg: "ES256", typ: TYP, jwk});
  const payload = part(enroll, 1);
  assert.equal(payload.htm, "POST");
  assert.equal(payload.htu, "http://localhost:8080/realms/r/tweestap-device/enroll");
  assert.ok(Math.abs(payload.iat - Date.now() / 1000) < 5);
  assert.ok(payload.jti.length >= 22);
  assert.equal(payload.token, "t");
  const poll = await signRequest(keys.privateKey, {kid: "u.d"}, "http://h/realms/r/tweestap-device/poll", {wait: 20});
  assert.deepEqual(part(poll, 0), {alg: "ES256", typ: TYP, kid: "u.d"});
  assert.equal(part(poll, 1).wait, 20);
});

test("the signature is ES256 in JOSE form (R||S, 64 bytes) over header.payload", async () => {
  const keys = await generateDeviceKey();
  const jws = await signRequest(keys.privateKey, {kid: "k"}, "http://h/realms/r/tweestap-device/status", {},
      {iat: 1700000000, jti: "abcdefghijklmnopqrstuv"});
  const [h, p, s] = jws.split(".");
  const signature = b64uDecode(s);
  assert.equal(signature.length, 64);
  const ok = await crypto.subtle.verify({name: "ECDSA", hash: "SHA-256"}, keys.publicKey, signature,
      new TextEncoder().encode(h + "." + p));
  assert.equal(ok, true);
  assert.equal(part(jws, 1).iat, 1700000000);
  assert.equal(part(jws, 1).jti, "abcdefghijklmnopqrstuv");
  const tampered = await crypto.subtle.verify({name: "ECDSA", hash: "SHA-256"}, keys.publicKey, signature,
      new TextEncoder().encode(h + "." + p + "x"));
  assert.equal(tampered, false);
});

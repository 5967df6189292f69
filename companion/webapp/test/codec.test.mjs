import {test} from "node:test";
import assert from "node:assert/strict";
import {b64uDecode, b64uEncode, base32Decode, randomId} from "../app/js/codec.js";
import {format} from "../app/js/i18n.js";

const text = bytes => new TextDecoder().decode(bytes);

test("base32 as RFC 4648 section 10", () => {
  assert.equal(text(base32Decode("")), "");
  assert.equal(text(base32Decode("MY======")), "f");
  assert.equal(text(base32Decode("MZXQ====")), "fo");
  assert.equal(text(base32Decode("MZXW6===")), "foo");
  assert.equal(text(base32Decode("MZXW6YQ=")), "foob");
  assert.equal(text(base32Decode("MZXW6YTB")), "fooba");
  assert.equal(text(base32Decode("mzxw 6ytb oi")), "foobar");
  assert.throws(() => base32Decode("MZXW1"));
});

test("base64url without padding, both ways", () => {
  const bytes = new Uint8Array([0, 251, 255, 62, 63, 1]);
  assert.equal(b64uEncode(bytes), "APv_Pj8B");
  assert.deepEqual(b64uDecode("APv_Pj8B"), bytes);
  assert.throws(() => b64uDecode("AP+/"));
});

test("a jti has at least 16 random bytes", () => {
  const a = randomId();
  assert.match(a, /^[A-Za-z0-9_-]{32}$/);
  assert.notEqual(a, randomId());
});

test("message patterns as java.text.MessageFormat writes them", () => {
  assert.equal(format("Nog {0} seconden", [5]), "Nog 5 seconden");
  assert.equal(format("Klik op ''Ja'' bij {0}", ["x"]), "Klik op 'Ja' bij x");
  assert.equal(format("'{0}' blijft", [1]), "{0} blijft");
  assert.equal(format("{1} en {0}", ["a", "b"]), "b en a");
});

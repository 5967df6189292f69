import {test} from "node:test";
import assert from "node:assert/strict";
import {LinkError, parseBindingLink} from "../app/js/link.js";

const APP = "http://localhost:8080/realms/werkplek/tweestap-app/";
const reason = (text, app = APP) => {
  try {
    parseBindingLink(text, app);
    return "accepted";
  } catch (e) {
    assert.ok(e instanceof LinkError);
    return e.reason;
  }
};

test("a binding link of this realm gives the device API and the token", () => {
  assert.deepEqual(parseBindingLink(" http://localhost:8080/realms/werkplek/tweestap-device/enroll?token=eyJ.a-b_c.d~e \n", APP),
      {deviceUrl: "http://localhost:8080/realms/werkplek/tweestap-device", token: "eyJ.a-b_c.d~e"});
  // behind a context path, and from the app's index.html
  assert.equal(parseBindingLink("https://sso.example/auth/realms/x/tweestap-device/enroll?token=abc",
      "https://sso.example/auth/realms/x/tweestap-app/index.html#/start").deviceUrl,
      "https://sso.example/auth/realms/x/tweestap-device");
});

test("anything else is not a binding link", () => {
  assert.equal(reason(""), "notBinding");
  assert.equal(reason("hallo"), "notBinding");
  assert.equal(reason("otpauth://totp/x?secret=ABC"), "notBinding");
  assert.equal(reason("javascript:alert(1)"), "notBinding");
  assert.equal(reason("http://localhost:8080/realms/werkplek/tweestap-device/enroll"), "notBinding");
  assert.equal(reason("http://localhost:8080/realms/werkplek/tweestap-device/enroll?token="), "notBinding");
  assert.equal(reason("http://localhost:8080/realms/werkplek/tweestap-device/link?t=abc"), "notBinding");
  assert.equal(reason("http://localhost:8080/realms/werkplek/tweestap-app/link?t=abc"), "notBinding");
  assert.equal(reason("http://localhost:8080/realms/werkplek/tweestap-device/enroll?token=a<b"), "notBinding");
  assert.equal(reason("http://u:p@localhost:8080/realms/werkplek/tweestap-device/enroll?token=abc"), "notBinding");
});

test("a link of another realm or server belongs to another app", () => {
  assert.equal(reason("http://localhost:8080/realms/nse-portal/tweestap-device/enroll?token=abc"), "otherRealm");
  assert.equal(reason("http://evil.example:8080/realms/werkplek/tweestap-device/enroll?token=abc"), "otherRealm");
  assert.equal(reason("https://localhost:8080/realms/werkplek/tweestap-device/enroll?token=abc"), "otherRealm");
});

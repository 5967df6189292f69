// The device API client (companion/PROTOCOL.md): every request a POST of one compact JWS signed by the device key.
import {signRequest, publicJwk} from "./jws.js";

export class ApiError extends Error {
  /** status 0 with error "network" when the server could not be reached. */
  constructor(status, error, body, retryAfter) {
    super(error);
    this.status = status;
    this.error = error;
    this.attemptsLeft = body && Number.isInteger(body.attemptsLeft) ? body.attemptsLeft : null;
    this.retryAfter = retryAfter;
  }
}

export class DeviceApi {
  /** deviceUrl: {realmUrl}/tweestap-device; keys: the CryptoKeyPair; deviceId: null before /enroll. */
  constructor(deviceUrl, keys, deviceId) {
    this.deviceUrl = deviceUrl;
    this.keys = keys;
    this.deviceId = deviceId || null;
  }

  async send(endpoint, fields, options = {}) {
    const url = this.deviceUrl + "/" + endpoint;
    const who = this.deviceId ? {kid: this.deviceId} : {jwk: await publicJwk(this.keys.publicKey)};
    const body = await signRequest(this.keys.privateKey, who, url, fields);
    let response;
    try {
      response = await fetch(url, {method: "POST", headers: {"Content-Type": "application/jose"}, body,
        credentials: "omit", cache: "no-store", signal: options.signal});
    } catch (e) {
      if (e && e.name === "AbortError") throw e;
      throw new ApiError(0, "network", null, null);
    }
    let json = null;
    try {
      json = await response.json();
    } catch (e) {
      json = null;
    }
    if (!response.ok) {
      const retry = Number(response.headers.get("Retry-After"));
      throw new ApiError(response.status, json && typeof json.error === "string" ? json.error : "http_" + response.status,
          json, Number.isFinite(retry) ? retry : null);
    }
    return json || {};
  }

  async enroll(token, name, push) {
    const fields = {token, name};
    if (push) fields.push = push;
    const answer = await this.send("enroll", fields);
    this.deviceId = answer.deviceId;
    return answer;
  }

  confirm(code) {
    return this.send("confirm", {code});
  }

  status() {
    return this.send("status", {});
  }

  async poll(wait, signal) {
    const answer = await this.send("poll", {wait}, {signal});
    return Array.isArray(answer.challenges) ? answer.challenges : [];
  }

  /** approve: true/false; number: what the user typed (only when approving); report: "dit was ik niet". */
  async answer(challenge, approve, number, report) {
    const fields = {challenge, approve};
    if (approve && number !== null && number !== undefined) fields.number = number;
    if (!approve && report) fields.report = true;
    return (await this.send("answer", fields)).result;
  }

  unlink() {
    return this.send("unlink", {});
  }

  profile() {
    return this.send("profile", {});
  }
}

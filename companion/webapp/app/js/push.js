// Web Push: subscribe with the realm's VAPID key, raced against a timeout, because subscribe() can hang for
// good where no push service is reachable. The binding never depends on it: long-poll and the code still work.
import {b64uDecode, b64uEncode} from "./codec.js";

/**
 * {push: {endpoint, p256dh, auth}} for /enroll, or {push: null, reason}: "off" (the server sends no Web Push),
 * "refused" (notifications not allowed) or "failed" (refused by the browser, or no answer in time).
 */
export async function subscribe(registration, vapidPublicKey, timeoutMs) {
  if (!vapidPublicKey) return {push: null, reason: "off"};
  if (!registration || !registration.pushManager || !("Notification" in globalThis)) return {push: null, reason: "failed"};
  try {
    const permission = Notification.permission === "default" ? await Notification.requestPermission()
        : Notification.permission;
    if (permission !== "granted") return {push: null, reason: "refused"};
    const subscribing = registration.pushManager.subscribe({userVisibleOnly: true,
      applicationServerKey: b64uDecode(vapidPublicKey)});
    const timeout = new Promise(resolve => setTimeout(() => resolve(null), timeoutMs));
    const subscription = await Promise.race([subscribing, timeout]);
    if (!subscription || !subscription.endpoint.startsWith("https://")) return {push: null, reason: "failed"};
    return {push: {endpoint: subscription.endpoint, p256dh: b64uEncode(subscription.getKey("p256dh")),
      auth: b64uEncode(subscription.getKey("auth"))}};
  } catch (e) {
    return {push: null, reason: "failed"};
  }
}

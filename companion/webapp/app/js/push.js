// Web Push: subscribe with the realm's VAPID key. Asking for permission and subscribing are raced against a timeout,
// because subscribe() can hang for good where no push service is reachable. The binding never depends on it:
// long-poll while the app is open and the code still work.
import {b64uDecode, b64uEncode} from "./codec.js";

/**
 * {push: {endpoint, p256dh, auth}} for /enroll, or {push: null, reason}: "off" (the server sends no Web Push),
 * "refused" (notifications not allowed) or "failed" (refused by the browser, or no answer in time).
 */
export async function subscribe(registration, vapidPublicKey, timeoutMs) {
  if (!vapidPublicKey) return {push: null, reason: "off"};
  if (!registration || !registration.pushManager || !("Notification" in globalThis)) return {push: null, reason: "failed"};
  const timeout = new Promise(resolve => setTimeout(() => resolve({push: null, reason: "failed"}), timeoutMs));
  return Promise.race([attempt(registration, vapidPublicKey), timeout]);
}

async function attempt(registration, vapidPublicKey) {
  try {
    const permission = Notification.permission === "default" ? await Notification.requestPermission()
        : Notification.permission;
    if (permission !== "granted") return {push: null, reason: "refused"};
    // subscribe() needs an active service worker: wait for it (within the same timeout).
    const active = await navigator.serviceWorker.ready;
    const subscription = await active.pushManager.subscribe({userVisibleOnly: true,
      applicationServerKey: b64uDecode(vapidPublicKey)});
    if (!subscription || !String(subscription.endpoint).startsWith("https://")) return {push: null, reason: "failed"};
    return {push: {endpoint: subscription.endpoint, p256dh: b64uEncode(subscription.getKey("p256dh")),
      auth: b64uEncode(subscription.getKey("auth"))}};
  } catch (e) {
    return {push: null, reason: "failed"};
  }
}

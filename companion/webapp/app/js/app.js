// The Tweestap app (seed 001): bind this phone to an account (QR code or link, then the SMS code), show the 6-digit
// code, answer "Logt u in?" with the number of the login page, profile, settings. It speaks exactly
// companion/PROTOCOL.md, like the CLI; the server has no special path for it.
import {ApiError, DeviceApi} from "./api.js";
import {loadMessages, t, translate} from "./i18n.js";
import {generateDeviceKey} from "./jws.js";
import {LinkError, parseBindingLink} from "./link.js";
import {subscribe} from "./push.js";
import {createStore} from "./store.js";
import {checkParameters, importTotpKey, totpAt} from "./totp.js";

const APP_URL = new URL("./", location.href).href;
const DEVICE_URL = APP_URL.replace(/\/tweestap-app\/$/, "/tweestap-device");
const PUSH_TIMEOUT_MS = 8000;
const STATUS_EVERY_MS = 3000;
const store = createStore(APP_URL);
const $ = id => document.getElementById(id);

let config = {vapidPublicKey: null, version: "", appName: ""};
let binding = null; // {deviceId, status, username, phoneHint, totp: {digits, period, algorithm}, push, pushReason}
let keys = null; // the device's CryptoKeyPair (private key not extractable)
let totpKey = null; // the TOTP HMAC CryptoKey (not extractable)
let api = null;
let screen = "loading";
let registration = null;
let timer = null;
let pollAbort = null;
let statusTimer = null;
let confirming = false;
const challenges = new Map();
let installPrompt = null; // the browser's install offer (beforeinstallprompt), kept until used
let pendingLink = null; // a binding link that waits while the install offer is shown
const INSTALL_WAIT_MS = 1500;

// ------------------------------------------------------------------ screens and messages

function show(name) {
  screen = name;
  document.querySelectorAll(".screen").forEach(el => { el.hidden = el.id !== "screen-" + name; });
  const active = binding && binding.status === "active";
  $("menu-button").hidden = !active;
  closeMenu();
  clearInterval(timer);
  timer = null;
  if (name !== "confirm") stopStatusWatch();
  if (name !== "home" && pollAbort) {
    pollAbort.abort();
    pollAbort = null;
  }
  const heading = document.querySelector("#screen-" + name + " h1");
  if (heading) {
    heading.tabIndex = -1;
    heading.focus({preventScroll: true});
  }
  document.title = (heading ? heading.textContent + " – " : "") + config.appName;
}

function clearMessages() {
  $("error").hidden = true;
  $("notice").hidden = true;
}

function showError(key, ...args) {
  $("notice").hidden = true;
  $("error").textContent = t(key, ...args);
  $("error").hidden = false;
}

function showNotice(key, ...args) {
  $("notice").textContent = t(key, ...args);
  $("notice").hidden = false;
}

function busy(on) {
  document.querySelectorAll("button, input, textarea").forEach(el => { el.disabled = on; });
  document.body.setAttribute("aria-busy", on ? "true" : "false");
}

/** The message key for a failed request. */
function errorKey(e) {
  if (e instanceof ApiError) {
    switch (e.error) {
      case "network": return "tweestapAppErrorNetwork";
      case "invalid_token": return "tweestapAppErrorTokenInvalid";
      case "no_phone": return "tweestapAppErrorNoPhone";
      case "sms_failed": return "tweestapAppErrorSms";
      case "too_many_requests":
      case "too_many_waiters": return "tweestapAppErrorBusy";
      case "unknown_device": return "tweestapAppErrorBindingRemoved";
      case "stale_request": return "tweestapAppErrorClock";
      case "device_not_active": return "tweestapAppErrorNotActive";
      default: return "tweestapAppErrorServer";
    }
  }
  return "tweestapAppErrorUnexpected";
}

// ------------------------------------------------------------------ start: QR code, photo, link

let scanAbort = null;

async function startCamera() {
  clearMessages();
  const {scanWithCamera, CameraError} = await import("./scan.js");
  scanAbort = new AbortController();
  $("camera").hidden = false;
  try {
    const text = await scanWithCamera($("video"), scanAbort.signal);
    $("camera").hidden = true;
    if (text) await bind(text);
  } catch (e) {
    $("camera").hidden = true;
    const reason = e instanceof CameraError ? e.reason : "failed";
    showError(reason === "denied" ? "tweestapAppErrorCameraDenied"
        : reason === "absent" ? "tweestapAppErrorCameraAbsent" : "tweestapAppErrorCameraFailed");
  }
}

function stopCamera() {
  if (scanAbort) scanAbort.abort();
  $("camera").hidden = true;
}

async function fromPhoto(file) {
  clearMessages();
  if (!file) return;
  let text = null;
  try {
    const {decode} = await import("./scan.js");
    text = await decode(file);
  } catch (e) {
    text = null;
  }
  if (!text) {
    showError("tweestapAppErrorNoQr");
    return;
  }
  await bind(text);
}

function deviceName() {
  const platform = (navigator.userAgentData && navigator.userAgentData.platform) || navigator.platform || "";
  return t("tweestapAppDeviceName", platform.slice(0, 30)).slice(0, 64).trim() || "Tweestap";
}

async function bind(text) {
  clearMessages();
  let link;
  try {
    link = parseBindingLink(text, APP_URL);
  } catch (e) {
    showError(e instanceof LinkError && e.reason === "otherRealm" ? "tweestapAppErrorOtherRealm"
        : "tweestapAppErrorNotBinding");
    return;
  }
  busy(true);
  try {
    const newKeys = await generateDeviceKey();
    const push = await subscribe(registration, config.vapidPublicKey, PUSH_TIMEOUT_MS);
    const client = new DeviceApi(link.deviceUrl, newKeys, null);
    const answer = await client.enroll(link.token, deviceName(), push.push);
    keys = newKeys;
    api = client;
    binding = {deviceId: answer.deviceId, status: "pending", phoneHint: answer.phoneHint || "",
      codeLength: answer.codeLength || 6, push: !!push.push, pushReason: push.reason || null};
    await store.put("keys", keys);
    await store.put("binding", binding);
    showConfirm();
  } catch (e) {
    showError(errorKey(e));
  } finally {
    busy(false);
  }
}

// ------------------------------------------------------------------ installing the app

/** Whether the app runs installed (from the home screen) rather than in a browser tab. */
function installed() {
  return matchMedia("(display-mode: standalone)").matches || navigator.standalone === true;
}

/** iPhone/iPad Safari: no install prompt; the person adds the app to the home screen through Share. */
function iosBrowser() {
  const ua = navigator.userAgent || "";
  return !installed() && (/iPhone|iPad|iPod/.test(ua) || (/Macintosh/.test(ua) && navigator.maxTouchPoints > 1));
}

/** Shows the install button and the iOS steps on the start screen where they apply. */
function updateInstallHints() {
  const ios = iosBrowser();
  $("start-install-button").hidden = !installPrompt;
  $("start-install-ios").hidden = !ios;
  $("start-install").hidden = !installPrompt && !ios;
}

/** Waits a moment for the browser's install offer (it comes shortly after the page loads, if at all). */
async function installOffered() {
  if (installed()) return false;
  if (iosBrowser() || installPrompt) return true;
  await new Promise(resolve => {
    const done = () => { window.removeEventListener("beforeinstallprompt", done); resolve(); };
    window.addEventListener("beforeinstallprompt", done);
    setTimeout(done, INSTALL_WAIT_MS);
  });
  return !!installPrompt;
}

/** The page opened from the QR code: offer to install first, then bind in one go. */
function showInstall(link) {
  pendingLink = link;
  $("install-yes").hidden = !installPrompt;
  $("install-ios").hidden = !iosBrowser();
  show("install");
}

/** Asks the browser to install the app; true when the person accepted. */
async function promptInstall() {
  const offer = installPrompt;
  if (!offer) return false;
  installPrompt = null;
  updateInstallHints();
  try {
    await offer.prompt();
    const choice = await offer.userChoice;
    return !!choice && choice.outcome === "accepted";
  } catch (e) {
    return false;
  }
}

/** Installed or not: the binding the page was opened for goes on (the installed app shares this storage). */
async function continueBinding(install) {
  if (install) await promptInstall();
  const link = pendingLink;
  pendingLink = null;
  show("start");
  if (link) await bind(link);
}

// ------------------------------------------------------------------ binding: the SMS code, or the SMS link

function showConfirm() {
  $("confirm-text").textContent = t("tweestapAppConfirmText", binding.phoneHint);
  $("sms-code").value = "";
  show("confirm");
  startStatusWatch();
}

function startStatusWatch() {
  stopStatusWatch();
  statusTimer = setInterval(async () => {
    if (confirming || !api) return;
    try {
      const answer = await api.status();
      if (answer.status === "active" && !confirming) await activated(answer);
    } catch (e) {
      if (e instanceof ApiError && e.error === "unknown_device") await bindingGone("tweestapAppErrorBindingExpired");
    }
  }, STATUS_EVERY_MS);
}

function stopStatusWatch() {
  clearInterval(statusTimer);
  statusTimer = null;
}

async function confirmCode(event) {
  event.preventDefault();
  clearMessages();
  const code = $("sms-code").value.replace(/[\s-]/g, "");
  if (!/^[0-9]{4,10}$/.test(code)) {
    showError("tweestapAppErrorCodeFormat");
    $("sms-code").focus();
    return;
  }
  confirming = true;
  busy(true);
  try {
    const answer = await api.confirm(code);
    await activated(answer);
  } catch (e) {
    if (e instanceof ApiError && e.error === "invalid_code") {
      showError("tweestapAppErrorCodeWrong", e.attemptsLeft === null ? "" : e.attemptsLeft);
    } else if (e instanceof ApiError && e.error === "code_expired") {
      await bindingGone("tweestapAppErrorCodeExpired");
    } else if (e instanceof ApiError && e.error === "unknown_device") {
      await bindingGone("tweestapAppErrorBindingExpired");
    } else {
      showError(errorKey(e));
    }
  } finally {
    confirming = false;
    busy(false);
  }
}

/** The server says the binding is active: keep the TOTP key (handed over once) and say so. */
async function activated(answer) {
  if (binding.status === "active") return;
  stopStatusWatch();
  if (answer.totp) {
    let params;
    try {
      params = checkParameters(answer.totp);
      totpKey = await importTotpKey(answer.totp.secret, params.algorithm);
    } catch (e) {
      showError("tweestapAppErrorTotp");
      return;
    }
    binding.totp = params;
    await store.put("totpKey", totpKey);
  }
  if (!totpKey) {
    showError("tweestapAppErrorTotp");
    return;
  }
  binding.status = "active";
  binding.username = answer.username || "";
  await store.put("binding", binding);
  $("ready-push").hidden = binding.push || binding.pushReason === "off";
  $("ready-push").textContent = t(binding.pushReason === "refused" ? "tweestapAppPushRefused" : "tweestapAppPushFailed");
  show("ready");
}

async function cancelBinding() {
  await forget();
  show("start");
}

// ------------------------------------------------------------------ home: the code, and "Logt u in?" by long-poll

function showHome() {
  $("home-user").textContent = binding.username || "";
  show("home");
  const tick = async () => {
    const {code, secondsLeft} = await totpAt(totpKey, binding.totp, Date.now());
    if (screen !== "home") return;
    $("code").textContent = code;
    $("code-progress").max = binding.totp.period;
    $("code-progress").value = secondsLeft;
    $("code-left").textContent = t("tweestapAppCodeLeft", secondsLeft);
  };
  tick();
  timer = setInterval(tick, 1000);
  pollLoop();
}

async function pollLoop() {
  if (pollAbort || !api) return;
  const abort = new AbortController();
  pollAbort = abort;
  while (!abort.signal.aborted && screen === "home" && document.visibilityState === "visible") {
    try {
      const list = await api.poll(20, abort.signal);
      const open = list.filter(c => c.type === "login" || c.type === "unlock");
      open.forEach(c => challenges.set(c.id, c));
      if (open.length && !abort.signal.aborted) {
        location.hash = "#/approve/" + encodeURIComponent(open[0].id);
        break;
      }
      $("notice").hidden = true;
    } catch (e) {
      if (abort.signal.aborted || (e && e.name === "AbortError")) break;
      if (e instanceof ApiError && e.error === "unknown_device") {
        await bindingGone("tweestapAppErrorBindingRemoved");
        break;
      }
      if (e instanceof ApiError && e.error === "network") showNotice("tweestapAppOffline");
      const wait = e instanceof ApiError && e.retryAfter ? Math.min(e.retryAfter, 60) * 1000 : 5000;
      await new Promise(resolve => setTimeout(resolve, wait));
    }
  }
  if (pollAbort === abort) pollAbort = null;
}

async function showApprove(id) {
  let challenge = challenges.get(id);
  if (!challenge) {
    try {
      challenge = (await api.poll(0)).find(c => c.id === id);
    } catch (e) {
      showError(errorKey(e));
    }
  }
  if (!challenge) {
    showAnswered("tweestapAppStaleTitle", "tweestapAppStaleText");
    return;
  }
  const unlock = challenge.type === "unlock";
  $("approve-title").textContent = t(unlock ? "tweestapAppUnlockTitle" : "tweestapAppApproveTitle");
  $("approve-client").textContent = unlock ? t("tweestapAppUnlockFailures", challenge.failures) : (challenge.client || "");
  $("approve-time").textContent = formatTime(unlock ? challenge.lastFailure : challenge.time);
  $("approve-browser").textContent = [challenge.browser, challenge.os].filter(Boolean).join(" – ");
  $("approve-ip").textContent = (unlock ? challenge.lastIp : challenge.ip) || "";
  $("approve-yes").textContent = t(unlock ? "tweestapAppUnlockYes" : "tweestapAppApproveYes");
  const needsNumber = challenge.numberRequired !== false;
  $("approve-number").value = "";
  $("approve-number").closest("form").classList.toggle("no-number", !needsNumber);
  $("approve-number").hidden = !needsNumber;
  document.querySelector("label[for=approve-number]").hidden = !needsNumber;
  $("approve-form").dataset.challenge = id;
  $("approve-form").dataset.type = unlock ? "unlock" : "login";
  $("approve-form").dataset.needsNumber = String(needsNumber);
  show("approve");
}

function formatTime(iso) {
  if (!iso) return "";
  const date = new Date(iso);
  return isNaN(date) ? "" : date.toLocaleString(document.documentElement.lang || "nl",
      {dateStyle: "medium", timeStyle: "medium"});
}

async function answer(approve, report) {
  clearMessages();
  const form = $("approve-form");
  const id = form.dataset.challenge;
  const unlock = form.dataset.type === "unlock";
  let number = null;
  if (approve && form.dataset.needsNumber === "true") {
    number = $("approve-number").value.trim();
    if (!/^[0-9]{1,4}$/.test(number)) {
      showError("tweestapAppErrorNumberMissing");
      $("approve-number").focus();
      return;
    }
  }
  busy(true);
  try {
    const result = await api.answer(id, approve, number, report);
    challenges.delete(id);
    if (unlock) {
      if (result === "approved") showAnswered("tweestapAppUnlockedTitle", "tweestapAppUnlockedText", "tweestapAppUnlockGo");
      else if (result === "reported") showAnswered("tweestapAppUnlockReportedTitle", "tweestapAppUnlockReportedText");
      else showAnswered("tweestapAppUnlockDeniedTitle", "tweestapAppUnlockDeniedText");
    } else if (result === "approved") showAnswered("tweestapAppApprovedTitle", "tweestapAppApprovedText");
    else if (result === "reported") showAnswered("tweestapAppReportedTitle", "tweestapAppReportedText");
    else showAnswered("tweestapAppDeniedTitle", "tweestapAppDeniedText");
  } catch (e) {
    if (e instanceof ApiError && e.error === "wrong_number") {
      if (e.attemptsLeft === 0) {
        challenges.delete(id);
        showAnswered("tweestapAppDeniedTitle", "tweestapAppNumberTooOften");
      } else {
        showError("tweestapAppErrorNumberWrong", e.attemptsLeft === null ? "" : e.attemptsLeft);
      }
    } else if (e instanceof ApiError && e.error === "unlock_not_allowed") {
      challenges.delete(id);
      showAnswered("tweestapAppUnlockDeniedTitle", "tweestapAppUnlockNotAllowed");
    } else if (e instanceof ApiError && (e.error === "challenge_closed" || e.error === "unknown_challenge")) {
      challenges.delete(id);
      showAnswered("tweestapAppStaleTitle", "tweestapAppStaleText");
    } else if (e instanceof ApiError && e.error === "unknown_device") {
      await bindingGone("tweestapAppErrorBindingRemoved");
    } else {
      showError(errorKey(e));
    }
  } finally {
    busy(false);
  }
}

function showAnswered(titleKey, textKey, goKey = "tweestapAppAnsweredGo") {
  $("answered-title").textContent = t(titleKey);
  $("answered-text").textContent = t(textKey);
  $("answered-go").textContent = t(goKey);
  history.replaceState(null, "", "#/answered");
  show("answered");
}

// ------------------------------------------------------------------ profile and settings

async function showProfile() {
  show("profile");
  ["profile-name", "profile-user", "profile-email", "profile-password"].forEach(id => { $(id).textContent = ""; });
  try {
    const p = await api.profile();
    $("profile-name").textContent = [p.firstName, p.lastName].filter(Boolean).join(" ");
    $("profile-user").textContent = p.username || "";
    $("profile-email").textContent = p.email || "";
    const days = p.passwordExpiresInDays;
    $("profile-password").textContent = days === null || days === undefined ? t("tweestapAppPasswordNoExpiry")
        : days <= 0 ? t("tweestapAppPasswordExpired")
        : days === 1 ? t("tweestapAppPasswordOneDay") : t("tweestapAppPasswordDays", days);
  } catch (e) {
    if (e instanceof ApiError && e.error === "unknown_device") await bindingGone("tweestapAppErrorBindingRemoved");
    else showError(errorKey(e));
  }
}

function showSettings() {
  $("version").textContent = config.version;
  $("reset-confirm").hidden = true;
  show("settings");
}

async function refreshAccount() {
  clearMessages();
  busy(true);
  try {
    const status = await api.status();
    const profile = await api.profile();
    binding.username = profile.username || status.username || binding.username;
    await store.put("binding", binding);
    showNotice("tweestapAppRefreshed");
  } catch (e) {
    if (e instanceof ApiError && e.error === "unknown_device") await bindingGone("tweestapAppErrorBindingRemoved");
    else showError(errorKey(e));
  } finally {
    busy(false);
  }
}

async function reset() {
  clearMessages();
  busy(true);
  try {
    await api.unlink();
  } catch (e) {
    if (!(e instanceof ApiError && e.error === "unknown_device")) {
      busy(false);
      showError(errorKey(e));
      return;
    }
  }
  busy(false);
  await forget();
  history.replaceState(null, "", "#/start");
  show("start");
  showNotice("tweestapAppResetDone");
}

/** Forgets the binding and both keys on this phone. */
async function forget() {
  stopStatusWatch();
  if (pollAbort) pollAbort.abort();
  pollAbort = null;
  binding = null;
  keys = null;
  totpKey = null;
  api = null;
  challenges.clear();
  await store.clear();
}

/** The server no longer knows this binding (removed by the helpdesk, or never confirmed in time). */
async function bindingGone(key) {
  await forget();
  history.replaceState(null, "", "#/start");
  show("start");
  showError(key);
}

// ------------------------------------------------------------------ menu and routing

function closeMenu() {
  $("menu").hidden = true;
  $("menu-button").setAttribute("aria-expanded", "false");
}

function toggleMenu() {
  const open = $("menu").hidden;
  $("menu").hidden = !open;
  $("menu-button").setAttribute("aria-expanded", String(open));
}

async function route() {
  clearMessages();
  const hash = location.hash;
  if (hash.startsWith("#link=")) {
    const text = decodeURIComponent(hash.slice(6));
    history.replaceState(null, "", "#/start");
    if (!binding) {
      if (await installOffered()) {
        showInstall(text);
        return;
      }
      show("start");
      await bind(text);
      return;
    }
  }
  if (!binding) {
    if (screen !== "install") show("start");
    return;
  }
  if (binding.status !== "active") {
    showConfirm();
    return;
  }
  const approve = hash.match(/^#\/approve\/([^/]+)(\/no)?$/);
  if (approve) {
    // "#/approve/<id>/no": "Nee" tapped on the notification; the app refuses for the user and says so.
    await showApprove(decodeURIComponent(approve[1]));
    if (approve[2] && screen === "approve") await answer(false, false);
  }
  else if (hash === "#/profile") await showProfile();
  else if (hash === "#/settings") showSettings();
  else if (hash === "#/answered" && screen === "answered") return;
  else showHome();
}

async function loadState() {
  binding = (await store.get("binding")) || null;
  keys = (await store.get("keys")) || null;
  totpKey = (await store.get("totpKey")) || null;
  if (binding && (!keys || (binding.status === "active" && !totpKey))) {
    await forget();
    return false;
  }
  if (binding) api = new DeviceApi(DEVICE_URL, keys, binding.deviceId);
  return true;
}

async function loadConfig() {
  const response = await fetch(new URL("config.json", APP_URL), {credentials: "omit"});
  config = await response.json();
  $("app-name").textContent = config.appName;
}

function wire() {
  $("scan-button").addEventListener("click", startCamera);
  $("install-yes").addEventListener("click", () => continueBinding(true));
  $("install-skip").addEventListener("click", () => continueBinding(false));
  $("start-install-button").addEventListener("click", promptInstall);

  $("camera-stop").addEventListener("click", stopCamera);
  $("photo").addEventListener("change", e => fromPhoto(e.target.files[0]).finally(() => { e.target.value = ""; }));
  $("paste-form").addEventListener("submit", e => {
    e.preventDefault();
    const text = $("paste-link").value;
    if (!text.trim()) {
      showError("tweestapAppErrorNotBinding");
      return;
    }
    bind(text);
  });
  $("confirm-form").addEventListener("submit", confirmCode);
  $("confirm-cancel").addEventListener("click", cancelBinding);
  $("ready-go").addEventListener("click", () => {
    history.replaceState(null, "", "#/home");
    showHome();
  });
  $("approve-form").addEventListener("submit", e => {
    e.preventDefault();
    answer(true, false);
  });
  $("approve-no").addEventListener("click", () => answer(false, false));
  $("approve-report").addEventListener("click", () => answer(false, true));
  $("answered-go").addEventListener("click", () => {
    history.replaceState(null, "", "#/home");
    showHome();
  });
  $("settings-refresh").addEventListener("click", refreshAccount);
  $("settings-reset").addEventListener("click", () => {
    $("reset-confirm").hidden = false;
    $("reset-yes").focus();
  });
  $("reset-no").addEventListener("click", () => { $("reset-confirm").hidden = true; });
  $("reset-yes").addEventListener("click", reset);
  $("menu-button").addEventListener("click", toggleMenu);
  $("menu").addEventListener("click", e => { if (e.target.closest("a")) closeMenu(); });
  window.addEventListener("hashchange", route);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && screen === "home") pollLoop();
  });
  navigator.serviceWorker && navigator.serviceWorker.addEventListener("message", event => {
    const m = event.data || {};
    if (m.type === "open" && typeof m.hash === "string") location.hash = m.hash;
  });
}

// The browser's install offer can come before the app has loaded its texts: listen from the start.
window.addEventListener("beforeinstallprompt", event => {
  event.preventDefault();
  installPrompt = event;
  if (document.body.dataset.ready === "true") updateInstallHints();
  if (screen === "install") $("install-yes").hidden = false;
});
window.addEventListener("appinstalled", () => {
  installPrompt = null;
  updateInstallHints();
});

async function main() {
  try {
    await Promise.all([loadMessages(APP_URL), loadConfig()]);
  } catch (e) {
    document.body.dataset.state = "offline";
  }
  translate(document);
  wire();
  if ("serviceWorker" in navigator) {
    try {
      registration = await navigator.serviceWorker.register("sw.js", {scope: "./", type: "classic"});
    } catch (e) {
      registration = null;
    }
  }
  let intact = true;
  try {
    intact = await loadState();
  } catch (e) {
    intact = false;
  }
  updateInstallHints();
  await route();
  // Part of the app's data was cleared on the phone (keys or code gone): it starts over and says why.
  if (!intact) showError("tweestapAppErrorStorage");
  document.body.dataset.ready = "true";
}

main();

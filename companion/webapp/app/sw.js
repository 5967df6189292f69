// The app's service worker (scope: the app's own path). It keeps the app shell for offline use (the code screen
// opens without a network), shows a notification for every push (iOS drops a subscription that shows none), and
// opens the approval screen when one is tapped. The server fills in the shell version (a hash of the files).
const SHELL_VERSION = "__SHELL_VERSION__";
const CACHE = "tweestap-shell-" + SHELL_VERSION;
const SHELL = ["./", "index.html", "app.css", "theme.css", "manifest.webmanifest", "messages.json", "config.json",
  "icons/icon-192.png", "icons/icon-512.png", "js/app.js", "js/api.js", "js/codec.js", "js/i18n.js", "js/jws.js",
  "js/link.js", "js/push.js", "js/scan.js", "js/store.js", "js/totp.js", "vendor/barcode-detector/ponyfill.js",
  "vendor/barcode-detector/zxing-exported.js", "vendor/zxing-wasm/reader/zxing_reader.wasm"];
// Answers that depend on the realm's settings or the user's language: from the network when there is one.
const FRESH = ["", "index.html", "messages.json", "config.json", "manifest.webmanifest", "theme.css"];

self.addEventListener("install", event => {
  event.waitUntil(caches.open(CACHE).then(cache => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", event => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("tweestap-shell-") && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", event => {
  const request = event.request;
  const url = new URL(request.url);
  const scope = new URL(self.registration.scope);
  if (request.method !== "GET" || url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  const path = url.pathname.slice(scope.pathname.length);
  if (request.mode === "navigate" || FRESH.includes(path)) {
    event.respondWith(fetch(request).then(response => {
      if (response.ok) {
        const copy = response.clone();
        event.waitUntil(caches.open(CACHE).then(cache => cache.put(request.mode === "navigate" ? "./" : request, copy)));
      }
      return response;
    }, async () => (await caches.match(request.mode === "navigate" ? new URL("./", scope).href : request,
        {ignoreSearch: true})) || Response.error()));
    return;
  }
  event.respondWith(caches.match(request).then(cached => cached || fetch(request)));
});

self.addEventListener("push", event => {
  let data = null;
  try {
    data = event.data ? event.data.json() : null;
  } catch (e) {
    data = null;
  }
  data = data || {};
  // Every push shows a notification; one per challenge type, so a newer one replaces an older one.
  event.waitUntil((async () => {
    let shown = "ok";
    try {
      const unlock = data.type === "unlock";
      const text = await labels();
      // Buttons where the platform shows them (Android, desktop): "Ja"/"Nee" on "Logt u in?", "Ontgrendel" on an
      // unlock request. Each opens the app, where the number is typed ("Ja") or the refusal is sent ("Nee").
      const actions = !data.challenge ? [] : unlock ? [{action: "yes", title: text.tweestapAppUnlockYes || "Ontgrendel"}]
          : [{action: "yes", title: text.tweestapAppApproveYes || "Ja"}, {action: "no", title: text.tweestapAppApproveNo || "Nee"}];
      await self.registration.showNotification(data.title || "Tweestap", {
        body: data.body || "",
        tag: "tweestap-" + (data.type || "login"),
        renotify: true,
        requireInteraction: true,
        icon: "icons/icon-192.png",
        actions: actions.slice(0, self.Notification && Notification.maxActions !== undefined ? Notification.maxActions : 2),
        data: {type: data.type || null, challenge: data.challenge || null},
      });
    } catch (e) {
      shown = (e && e.name) + ": " + (e && e.message);
    }
    // What the last push was and whether it could be shown (e.g. notifications not allowed): for the app and tests.
    await remember("lastPush", {at: Date.now(), type: data.type || null, challenge: data.challenge || null, shown});
  })());
});

/** The app's texts as last loaded (messages.json from the shell cache), for the notification's buttons. */
async function labels() {
  try {
    const cached = await caches.match(new URL("messages.json", self.registration.scope).href, {ignoreSearch: true});
    return cached ? ((await cached.json()).messages || {}) : {};
  } catch (e) {
    return {};
  }
}

/** Writes one value into the app's IndexedDB store (the same database as js/store.js). */
function remember(key, value) {
  return new Promise(resolve => {
    const request = indexedDB.open("tweestap:" + new URL(self.registration.scope).pathname, 1);
    request.onupgradeneeded = () => request.result.createObjectStore("kv");
    request.onerror = () => resolve();
    request.onsuccess = () => {
      const db = request.result;
      const tx = db.transaction("kv", "readwrite");
      tx.objectStore("kv").put(value, key);
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onerror = () => { db.close(); resolve(); };
    };
  });
}

/**
 * The one click handler: opens the approval screen of the challenge (the number is typed in the app). action is the
 * button tapped: "" (the notification itself) or "yes" open the approval screen; "no" opens it and refuses.
 */
async function handleNotificationClick(data, action) {
  const hash = data && data.challenge
      ? "#/approve/" + encodeURIComponent(data.challenge) + (action === "no" && data.type !== "unlock" ? "/no" : "")
      : "#/home";
  const url = new URL("./" + hash, self.registration.scope).href;
  const windows = await self.clients.matchAll({type: "window", includeUncontrolled: true});
  const open = windows.find(w => new URL(w.url).pathname.startsWith(new URL(self.registration.scope).pathname));
  if (open) {
    open.postMessage({type: "open", hash});
    try {
      await open.focus();
    } catch (e) {
      // focusing needs a user gesture on some platforms; the window has the message either way
    }
    return {opened: open.url, hash};
  }
  await self.clients.openWindow(url);
  return {opened: url, hash};
}

self.addEventListener("notificationclick", event => {
  event.notification.close();
  event.waitUntil(handleNotificationClick(event.notification.data, event.action || ""));
});

// Tests only: a browser cannot click a notification, so a test asks for the same handler by message. The server
// offers this only when started in dev mode with its test-hooks option (config.json "testHooks"); otherwise ignored.
self.addEventListener("message", event => {
  const m = event.data || {};
  if (m.type !== "test:click") return;
  event.waitUntil((async () => {
    let config = null;
    try {
      config = await (await fetch(new URL("config.json", self.registration.scope), {cache: "no-store"})).json();
    } catch (e) {
      config = null;
    }
    if (!config || config.testHooks !== true) return;
    const list = await self.registration.getNotifications(m.tag ? {tag: m.tag} : undefined);
    if (!list.length) return;
    list[0].close();
    const result = await handleNotificationClick(list[0].data, typeof m.action === "string" ? m.action : "");
    if (event.source) event.source.postMessage({type: "test:clicked", result});
  })());
});

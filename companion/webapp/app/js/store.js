// What the app keeps on the phone, in IndexedDB: the binding (device id, user, TOTP parameters) and the two
// non-extractable CryptoKeys (the ES256 device key pair and the TOTP HMAC key), stored as CryptoKey objects. One
// database per app path, because the apps of several realms share one origin. The service worker imports this too.

function dbName(scope) {
  return "tweestap:" + new URL(scope).pathname;
}

function open(scope) {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(dbName(scope), 1);
    request.onupgradeneeded = () => request.result.createObjectStore("kv");
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run(scope, mode, work) {
  const db = await open(scope);
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction("kv", mode);
      const request = work(tx.objectStore("kv"));
      tx.oncomplete = () => resolve(request && "result" in request ? request.result : undefined);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

export function createStore(scope) {
  return {
    get: key => run(scope, "readonly", s => s.get(key)),
    put: (key, value) => run(scope, "readwrite", s => s.put(value, key)),
    remove: key => run(scope, "readwrite", s => s.delete(key)),
    clear: () => run(scope, "readwrite", s => s.clear()),
  };
}

// Texts: message keys from the server (messages.json: the realm's login theme, nl by default, en, with the realm's
// own overrides). Keycloak's message patterns are java.text.MessageFormat: {0}… and '' for a quote.

let messages = {};
let locale = "nl";

export async function loadMessages(baseUrl) {
  const response = await fetch(new URL("messages.json", baseUrl), {credentials: "omit"});
  const json = await response.json();
  messages = json.messages || {};
  locale = json.locale || "nl";
  document.documentElement.lang = locale;
}

export function currentLocale() {
  return locale;
}

export function t(key, ...args) {
  const pattern = messages[key];
  if (pattern === undefined) return key;
  return format(pattern, args);
}

export function format(pattern, args) {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i++;
      } else {
        const end = pattern.indexOf("'", i + 1);
        if (end < 0) { out += pattern.slice(i + 1); break; }
        out += pattern.slice(i + 1, end);
        i = end;
      }
    } else if (ch === "{") {
      const end = pattern.indexOf("}", i);
      const index = end < 0 ? NaN : Number(pattern.slice(i + 1, end).split(",")[0]);
      if (Number.isInteger(index)) {
        out += args[index] === undefined || args[index] === null ? "" : String(args[index]);
        i = end;
      } else {
        out += ch;
      }
    } else {
      out += ch;
    }
  }
  return out;
}

/** Fills every element with data-i18n (its text) and data-i18n-label (its aria-label). */
export function translate(root) {
  root.querySelectorAll("[data-i18n]").forEach(el => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll("[data-i18n-label]").forEach(el => { el.setAttribute("aria-label", t(el.dataset.i18nLabel)); });
  root.querySelectorAll("[data-i18n-placeholder]").forEach(el => { el.placeholder = t(el.dataset.i18nPlaceholder); });
}

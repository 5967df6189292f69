// Shared by every pack login theme. On steps after the password (a code page, for example) keycloak.v2 repeats the
// username in a read-only field, id "kc-attempted-username", under a <label> whose "for" names "username", a field
// those pages do not have: a screen reader then meets an unnamed field (axe-core rule "label", critical).
// Give the label to the field it is written for; without a label, name the field by its value.
(function () {
  function fix() {
    var shown = document.getElementById("kc-attempted-username");
    if (!shown || document.getElementById("username")) {
      return;
    }
    var label = document.querySelector('label[for="username"]');
    if (label) {
      label.setAttribute("for", "kc-attempted-username");
    } else if (!shown.getAttribute("aria-label")) {
      shown.setAttribute("aria-label", shown.value);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fix);
  } else {
    fix();
  }
})();

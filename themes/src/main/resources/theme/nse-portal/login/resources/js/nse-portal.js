// keycloak.v2 shows the username of a login in progress (above the code field) in a read-only input
// #kc-attempted-username, whose <label> points at "username", an element those pages do not have: screen readers
// announce an unlabelled field (axe-core "label", critical). Point the label at the field it describes.
// (The storingen-stations and werkplek themes carry the same fix; a candidate for the tweestap parent theme.)
document.addEventListener("DOMContentLoaded", function () {
  var field = document.getElementById("kc-attempted-username");
  if (!field || document.getElementById("username")) {
    return;
  }
  var label = document.querySelector('label[for="username"]');
  if (label) {
    label.setAttribute("for", "kc-attempted-username");
  } else if (!field.getAttribute("aria-label")) {
    field.setAttribute("aria-label", field.value);
  }
});

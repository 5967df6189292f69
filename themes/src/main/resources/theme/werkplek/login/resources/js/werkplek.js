// keycloak.v2 shows the username of a login in progress (above the QR code, the "Logt u in?" wait page and the
// code field) in a read-only input #kc-attempted-username, whose <label> points at "username", an element those
// pages do not have: screen readers announce an unlabelled field (axe-core "label", critical). Point the label at
// the field it describes. (Same fix as the storingen-stations theme; a candidate for the tweestap parent theme.)
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

// keycloak.v2 shows the username of a login in progress (e.g. above the app-code field) in a read-only input
// #kc-attempted-username whose <label> points at "username", an element that page does not have: screen readers
// then announce an unlabelled field (axe-core: "label", critical). Point the label at the field it describes.
document.addEventListener("DOMContentLoaded", function () {
  var field = document.getElementById("kc-attempted-username");
  if (!field || document.getElementById("username")) {
    return;
  }
  var label = document.querySelector('label[for="username"]');
  if (label) {
    label.setAttribute("for", "kc-attempted-username");
  }
});

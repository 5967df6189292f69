// keycloak.v2 repeats the username above the code field as a read-only input (#kc-attempted-username); its label is
// written for a field with id "username", which that page lacks, so the input has no accessible name (axe-core
// "label", critical). Name it after that label's text. (A candidate for the shared tweestap theme.)
document.addEventListener("DOMContentLoaded", function () {
  var field = document.getElementById("kc-attempted-username");
  var label = document.querySelector('label[for="username"]');
  if (field && label && !document.getElementById("username")) {
    label.id = label.id || "werknemerloket-attempted-username-label";
    field.setAttribute("aria-labelledby", label.id);
  }
});

// keycloak.v2 shows the user being logged in as a read-only field (#kc-attempted-username) whose <label> points at
// "username", an id no element on these pages has, so screen readers announce an unnamed field (axe: label,
// critical). Point the label at the field that is there.
document.addEventListener("DOMContentLoaded", () => {
    const field = document.getElementById("kc-attempted-username");
    const label = document.querySelector('label[for="username"]');
    if (field && label && !document.getElementById("username")) {
        label.htmlFor = field.id;
    }
});

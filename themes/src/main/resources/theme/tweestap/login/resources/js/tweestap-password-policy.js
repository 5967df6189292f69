// Tweestap: the realm's password policy, checked in the browser exactly as Keycloak checks it on the server.
// Keycloak's policies look at each UTF-16 code unit with java.lang.Character: isLowerCase, isUpperCase, isDigit,
// and "special" = not isLetterOrDigit; lengths are UTF-16 lengths. keycloak.v2's own script uses \W for special
// characters, which disagrees with the server on "_" and on accented letters; this one does not.

const LOWER = /^\p{Lowercase}$/u;
const UPPER = /^\p{Uppercase}$/u;
const DIGIT = /^\p{Nd}$/u;
const LETTER_OR_DIGIT = /^[\p{L}\p{Nd}]$/u;

function units(password) {
  const result = [];
  for (let i = 0; i < password.length; i++) {
    result.push(password.charAt(i)); // one UTF-16 code unit, as Java's toCharArray()
  }
  return result;
}

export function count(kind, password) {
  const test = {
    lowerCase: (c) => LOWER.test(c),
    upperCase: (c) => UPPER.test(c),
    digits: (c) => DIGIT.test(c),
    specialChars: (c) => !LETTER_OR_DIGIT.test(c),
  }[kind];
  return units(password).filter(test).length;
}

/** Whether the password meets one policy of the realm (name as in Keycloak's password policy, value its number). */
export function meets(name, value, password) {
  switch (name) {
    case "length":
      return password.length >= value;
    case "maxLength":
      return password.length <= value;
    case "lowerCase":
    case "upperCase":
    case "digits":
    case "specialChars":
      return count(name, password) >= value;
    default:
      return true;
  }
}

/** Ticks the checklist items (li[data-policy][data-value]) of a list for the current value of a field. */
export function follow(field, list) {
  const update = () => {
    for (const item of list.querySelectorAll("li[data-policy]")) {
      const ok = meets(item.dataset.policy, Number(item.dataset.value), field.value);
      item.classList.toggle("tweestap-policy-met", ok);
      const state = item.querySelector(".tweestap-policy-state");
      if (state) {
        state.textContent = ok ? list.dataset.met : list.dataset.unmet;
      }
    }
  };
  field.addEventListener("input", update);
  update();
}

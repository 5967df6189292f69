// Tweestap: releases a waiting login page as soon as the phone has answered. Long-polls the URL in the form's
// data-tweestap-wait attribute (the server answers within 20 s, at once when woken) and then submits the form,
// exactly as the "Doorgaan" button does without JavaScript.
(function () {
    "use strict";
    var form = document.querySelector("form[data-tweestap-wait]");
    if (!form || !window.fetch) {
        return;
    }
    var url = form.getAttribute("data-tweestap-wait");
    var failures = 0;
    var submitted = false;

    function submit() {
        if (submitted) {
            return;
        }
        submitted = true;
        var marker = document.createElement("input");
        marker.type = "hidden";
        marker.name = "continue";
        marker.value = "auto";
        form.appendChild(marker);
        form.submit();
    }

    function poll() {
        fetch(url, {credentials: "omit", cache: "no-store"}).then(function (response) {
            if (response.status === 429) {
                var wait = parseInt(response.headers.get("Retry-After") || "5", 10);
                setTimeout(poll, Math.max(1, wait) * 1000);
                return null;
            }
            if (!response.ok) {
                throw new Error("status " + response.status);
            }
            return response.json();
        }).then(function (answer) {
            if (answer === null) {
                return;
            }
            failures = 0;
            if (answer.done) {
                submit();
            } else {
                poll();
            }
        })["catch"](function () {
            failures++;
            if (failures < 5) {
                setTimeout(poll, 1000 * failures);
            }
        });
    }

    poll();
})();

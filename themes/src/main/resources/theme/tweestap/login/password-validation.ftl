<#-- Tweestap: keycloak.v2's password validation macros, with the realm's policy shown as a checklist: plain text
     without JavaScript, ticking live as the user types with it (same rules as the server). -->
<#macro templates>
    <template id="errorTemplate">
        <div class="${properties.kcFormHelperTextClass}" aria-live="polite">
            <div class="${properties.kcInputHelperTextClass}">
                <div class="${properties.kcInputHelperTextItemClass} ${properties.kcError}">
                    <ul class="${properties.kcInputErrorMessageClass}">
                    </ul>
                </div>
            </div>
        </div>
    </template>
    <template id="errorItemTemplate">
        <li></li>
    </template>
    <#if passwordPolicies?? && (passwordPolicies.length?? || passwordPolicies.maxLength?? || passwordPolicies.lowerCase?? || passwordPolicies.upperCase?? || passwordPolicies.digits?? || passwordPolicies.specialChars??)>
        <div id="tweestap-password-policy" class="tweestap-policy" data-met="${msg('tweestapPolicyMet')}" data-unmet="${msg('tweestapPolicyUnmet')}">
            <p>${msg("tweestapPolicyTitle")}</p>
            <ul>
                <#if passwordPolicies.length??><li data-policy="length" data-value="${passwordPolicies.length?c}"><span class="tweestap-policy-state"></span>${msg("tweestapPolicyLength", passwordPolicies.length)}</li></#if>
                <#if passwordPolicies.maxLength??><li data-policy="maxLength" data-value="${passwordPolicies.maxLength?c}"><span class="tweestap-policy-state"></span>${msg("tweestapPolicyMaxLength", passwordPolicies.maxLength)}</li></#if>
                <#if passwordPolicies.lowerCase??><li data-policy="lowerCase" data-value="${passwordPolicies.lowerCase?c}"><span class="tweestap-policy-state"></span>${msg("tweestapPolicyLowerCase", passwordPolicies.lowerCase)}</li></#if>
                <#if passwordPolicies.upperCase??><li data-policy="upperCase" data-value="${passwordPolicies.upperCase?c}"><span class="tweestap-policy-state"></span>${msg("tweestapPolicyUpperCase", passwordPolicies.upperCase)}</li></#if>
                <#if passwordPolicies.digits??><li data-policy="digits" data-value="${passwordPolicies.digits?c}"><span class="tweestap-policy-state"></span>${msg("tweestapPolicyDigits", passwordPolicies.digits)}</li></#if>
                <#if passwordPolicies.specialChars??><li data-policy="specialChars" data-value="${passwordPolicies.specialChars?c}"><span class="tweestap-policy-state"></span>${msg("tweestapPolicySpecialChars", passwordPolicies.specialChars)}</li></#if>
            </ul>
        </div>
    </#if>
</#macro>

<#macro script field="">
    <script type="module">
        <#outputformat "JavaScript">
        import { follow } from "${url.resourcesPath}/js/tweestap-password-policy.js";
        const field = document.getElementById(${field?c});
        const list = document.getElementById("tweestap-password-policy");
        if (field && list) {
            // Right under the password field, where the user looks while typing.
            const group = document.getElementById("input-error-container-" + field.id);
            if (group && group.parentElement) {
                group.parentElement.insertAdjacentElement("afterend", list);
            }
            field.setAttribute("aria-describedby", "tweestap-password-policy");
            follow(field, list);
        }
        </#outputformat>
    </script>
</#macro>

<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=true; section>
<!-- template: tweestap-push-wait.ftl -->
    <#if section="header">
        ${msg("tweestapPushWaitTitle")}
    <#elseif section="form">
        <p id="tweestap-push-instruction" class="tweestap-instruction">${msg("tweestapPushWaitText")}</p>
        <div class="tweestap-push-number-box">
            <span class="tweestap-push-number-label">${msg("tweestapPushNumberLabel")}</span>
            <span id="tweestap-push-number" class="tweestap-push-number">${tweestapPushNumber}</span>
        </div>
        <p id="tweestap-push-expiry" class="tweestap-hint">${msg("tweestapPushWaitExpiry", tweestapPushSecondsLeft)}</p>
        <form id="kc-tweestap-push-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post"
              data-tweestap-wait="${tweestapPushWaitUrl}">
            <@buttons.actionGroup>
                <@buttons.button id="tweestap-push-continue" name="continue" label="tweestapPushContinue" />
                <@buttons.button id="tweestap-push-use-code" name="use-code" label="tweestapPushUseCode" type="secondary" />
            </@buttons.actionGroup>
        </form>
        <script src="${url.resourcesPath}/js/tweestap-wait.js" defer></script>
    </#if>
</@layout.registrationLayout>

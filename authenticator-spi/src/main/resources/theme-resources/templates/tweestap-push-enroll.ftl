<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=true; section>
<!-- template: tweestap-push-enroll.ftl -->
    <#if section="header">
        ${msg("tweestapEnrollTitle")}
    <#elseif section="form">
        <#if tweestapEnrollNoPhone??>
        <form id="kc-tweestap-enroll-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <@buttons.actionGroup>
                <@buttons.button id="tweestap-enroll-cancel" name="cancel" label="doCancel" type="secondary" />
            </@buttons.actionGroup>
        </form>
        <#else>
        <p class="tweestap-instruction">${msg("tweestapEnrollIntro")}</p>
        <ol id="tweestap-enroll-steps" class="tweestap-steps">
            <li>${msg("tweestapEnrollStep1")}</li>
            <li>${msg("tweestapEnrollStep2")}</li>
            <li>${msg("tweestapEnrollStep3")}</li>
            <li>${msg("tweestapEnrollStep4")}</li>
        </ol>
        <p class="tweestap-qr"><img id="tweestap-enroll-qr" src="data:image/png;base64,${tweestapEnrollQr}" alt="${msg("tweestapEnrollQrAlt")}" width="300" height="300"></p>
        <details class="tweestap-enroll-link">
            <summary>${msg("tweestapEnrollLinkSummary")}</summary>
            <p><code id="tweestap-enroll-link">${tweestapEnrollLink}</code></p>
        </details>
        <form id="kc-tweestap-enroll-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post"
              data-tweestap-wait="${tweestapEnrollWaitUrl}">
            <@buttons.actionGroup>
                <@buttons.button id="tweestap-enroll-continue" name="continue" label="tweestapEnrollContinue" />
                <#if tweestapEnrollCancel??>
                <@buttons.button id="tweestap-enroll-cancel" name="cancel" label="doCancel" type="secondary" />
                <#else>
                <@buttons.button id="tweestap-enroll-use-sms" name="use-sms" label="tweestapEnrollUseSms" type="secondary" />
                </#if>
            </@buttons.actionGroup>
        </form>
        <script src="${url.resourcesPath}/js/tweestap-wait.js" defer></script>
        </#if>
    </#if>
</@layout.registrationLayout>

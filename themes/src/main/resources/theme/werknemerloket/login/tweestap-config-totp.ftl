<#-- Werknemerloket (seed 004): the activation page as three numbered blocks ("STAP 1" above "INSTALLEER DE APP"),
     the example apps chosen by the theme property tweestapTotpApps (message keys, in that order; empty: all apps the
     realm's OTP policy supports), "Klik hier" only when the realm attribute tweestapTotpInfoUrl holds an http(s)
     address, and the closing sentence under the buttons. Same ids and fields as the pack's template. -->
<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<#assign tweestapInfoUrl = (realm.getAttribute("tweestapTotpInfoUrl"))!"">
<#assign tweestapAppFilter = []>
<#list (properties.tweestapTotpApps!"")?split(",") as app>
    <#if app?trim?has_content><#assign tweestapAppFilter = tweestapAppFilter + [app?trim]></#if>
</#list>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('totp'); section>
<!-- template: tweestap-config-totp.ftl (werknemerloket) -->
    <#if section="header">
        <span class="tweestap-caps">${msg("tweestapOtpSetupTitle")}</span>
    <#elseif section="form">
        <#if tweestapTotp.otherDeviceNotice>
            <div id="tweestap-totp-other-device" class="${properties.kcAlertClass!} pf-m-info">
                <span class="${properties.kcAlertTitleClass!}">${msg("tweestapOtpOtherDevice")}</span>
            </div>
        </#if>
        <ol id="tweestap-totp-steps" class="tweestap-steps werknemerloket-steps">
            <li id="tweestap-totp-step1">
                <h2><span class="werknemerloket-step-label">${msg("tweestapOtpStepLabel", 1)}</span>
                    <span class="werknemerloket-step-title">${msg("tweestapOtpStep1Title")}</span></h2>
                <p>${msg("tweestapOtpStep1Text")}<#if tweestapInfoUrl?has_content && (tweestapInfoUrl?starts_with("https://") || tweestapInfoUrl?starts_with("http://"))>
                    ${msg("tweestapOtpMoreInfo")} <a id="tweestap-totp-info" href="${tweestapInfoUrl}" target="_blank" rel="noopener noreferrer">${msg("tweestapOtpMoreInfoLink")}</a></#if></p>
                <ul id="tweestap-totp-apps">
                    <#if tweestapAppFilter?has_content>
                        <#list tweestapAppFilter as app>
                            <#if tweestapTotp.apps?seq_contains(app)><li>${msg(app)}</li></#if>
                        </#list>
                    <#else>
                        <#list tweestapTotp.apps as app>
                            <li>${msg(app)}</li>
                        </#list>
                    </#if>
                </ul>
            </li>
            <li id="tweestap-totp-step2">
                <h2><span class="werknemerloket-step-label">${msg("tweestapOtpStepLabel", 2)}</span>
                    <span class="werknemerloket-step-title">${msg("tweestapOtpStep2Title")}</span></h2>
                <p>${msg("tweestapOtpStep2Text")}</p>
                <img id="tweestap-totp-qr" src="data:image/png;base64, ${tweestapTotp.qrCode}" alt="${msg('tweestapOtpQrAlt')}" width="246" height="246">
                <dl class="tweestap-totp-manual">
                    <dt>${msg("tweestapOtpAccount")}</dt>
                    <dd id="tweestap-totp-account">${tweestapTotp.issuer}: ${tweestapTotp.account}</dd>
                    <dt>${msg("tweestapOtpKey")}</dt>
                    <dd id="tweestap-totp-key"><code>${tweestapTotp.manualKey}</code></dd>
                </dl>
            </li>
            <li id="tweestap-totp-step3">
                <h2><span class="werknemerloket-step-label">${msg("tweestapOtpStepLabel", 3)}</span>
                    <span class="werknemerloket-step-title">${msg("tweestapOtpStep3Title")}</span></h2>
                <p>${msg("tweestapOtpStep3Text", tweestapTotp.digits)}</p>
                <form id="kc-tweestap-totp-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                    <@field.input name="totp" label=msg("tweestapOtpCodeLabel") autocomplete="one-time-code" />
                    <@buttons.actionGroup horizontal=true>
                        <@buttons.button id="tweestap-totp-apply" name="apply" label="tweestapApply" />
                        <#if isAppInitiatedAction??>
                            <@buttons.button id="kc-cancel" name="cancel-aia" label="tweestapCancel" type="secondary" />
                        </#if>
                    </@buttons.actionGroup>
                </form>
                <p id="tweestap-totp-once" class="tweestap-instruction">${msg("tweestapOtpSetupOnce")}</p>
            </li>
        </ol>
    </#if>
</@layout.registrationLayout>

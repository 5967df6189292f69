<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('totp'); section>
<!-- template: tweestap-config-totp.ftl -->
    <#if section="header">
        ${msg("tweestapOtpSetupTitle")}
    <#elseif section="form">
        <#if tweestapTotp.otherDeviceNotice>
            <div id="tweestap-totp-other-device" class="${properties.kcAlertClass!} pf-m-info">
                <span class="${properties.kcAlertTitleClass!}">${msg("tweestapOtpOtherDevice")}</span>
            </div>
        </#if>
        <ol id="tweestap-totp-steps" class="tweestap-steps">
            <li id="tweestap-totp-step1">
                <h2>${msg("tweestapOtpStep1Title")}</h2>
                <p>${msg("tweestapOtpStep1Text")}</p>
                <ul id="tweestap-totp-apps">
                    <#-- Theme property tweestapTotpApps: the apps to list (message keys, in order); a portal whose text
                         already names its own app lists only the others. Empty: every app Keycloak knows. -->
                    <#assign tweestapApps = (properties.tweestapTotpApps!"")?has_content?then(properties.tweestapTotpApps?split(","), tweestapTotp.apps)>
                    <#list tweestapApps as app>
                        <li>${msg(app)}</li>
                    </#list>
                </ul>
            </li>
            <li id="tweestap-totp-step2">
                <h2>${msg("tweestapOtpStep2Title")}</h2>
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
                <h2>${msg("tweestapOtpStep3Title")}</h2>
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
            </li>
        </ol>
    </#if>
</@layout.registrationLayout>

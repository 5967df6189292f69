<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('code','phoneNumber'); section>
<!-- template: tweestap-verify-phone.ftl -->
    <#if section="header">
        ${msg("tweestapVerifyTitle")}
    <#elseif section="form">
        <#if tweestapVerify.step == "number">
            <p id="tweestap-verify-instruction" class="tweestap-instruction">${msg("tweestapVerifyNumberInstruction")}</p>
            <form id="kc-tweestap-verify-number-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                <@field.input name="phoneNumber" label=msg("tweestapPhoneNumber") value=tweestapVerify.number autocomplete="tel" autofocus=true />
                <@buttons.actionGroup>
                    <@buttons.button id="tweestap-verify-send" name="send" label="tweestapVerifySend" />
                    <#if isAppInitiatedAction??>
                        <@buttons.button id="kc-cancel" name="cancel-aia" label="doCancel" type="secondary" />
                    </#if>
                </@buttons.actionGroup>
            </form>
        <#else>
            <p id="tweestap-verify-instruction" class="tweestap-instruction">${msg("tweestapVerifyCodeInstruction", tweestapVerify.maskedNumber)}</p>
            <form id="kc-tweestap-verify-code-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                <@field.input name="code" label=msg("tweestapSmsCodeLabel") autocomplete="one-time-code" autofocus=true />
                <@buttons.actionGroup>
                    <@buttons.button id="kc-login" name="confirm" label="tweestapVerifyConfirm" />
                </@buttons.actionGroup>
            </form>
            <form id="kc-tweestap-verify-other-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                <@buttons.actionGroup>
                    <@buttons.button id="tweestap-sms-resend" name="resend" label="tweestapSmsResend" type="secondary" />
                    <@buttons.button id="tweestap-verify-change" name="change" label="tweestapVerifyChange" type="secondary" />
                </@buttons.actionGroup>
            </form>
        </#if>
    </#if>
</@layout.registrationLayout>

<#-- Werknemerloket (seed 004): "Inloggen bij het Werknemerloket" with the verification code, Inloggen and Annuleren
     (back to username and password), the help text, and a contact sentence that the realm configures as its
     localisation text tweestapLoginOtpNoAccess (empty in the theme: nothing shown until the realm sets it). -->
<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('totp'); section>
<!-- template: login-otp.ftl (werknemerloket) -->
    <#if section="header">
        ${kcSanitize(msg("tweestapLoginOtpTitle", realm.displayName!realm.name))?no_esc}
    <#elseif section="form">
        <p id="tweestap-otp-instruction" class="tweestap-instruction">${msg("tweestapLoginOtpHelp")}</p>
        <form id="kc-otp-login-form" class="${properties.kcFormClass!}" onsubmit="login.disabled = true; return true;" action="${url.loginAction}" method="post">
            <input id="selectedCredentialId" type="hidden" name="selectedCredentialId" value="${otpLogin.selectedCredentialId!''}">
            <@field.input name="otp" label=msg("loginOtpOneTime") autocomplete="one-time-code" fieldName="totp" autofocus=true />
            <@buttons.actionGroup horizontal=true>
                <@buttons.button id="kc-login" name="login" label="doLogIn" />
                <@buttons.buttonLink id="tweestap-otp-cancel" href=url.loginRestartFlowUrl label="tweestapCancel" />
            </@buttons.actionGroup>
        </form>
        <#assign tweestapNoAccess = msg("tweestapLoginOtpNoAccess")>
        <#if tweestapNoAccess?has_content && tweestapNoAccess != "tweestapLoginOtpNoAccess">
            <p id="tweestap-otp-no-access" class="tweestap-instruction werknemerloket-contact">${tweestapNoAccess}</p>
        </#if>
    </#if>
</@layout.registrationLayout>

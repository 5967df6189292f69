<#-- Werknemerloket (seed 004): "Inloggen bij het Werknemerloket" with the verification code, Inloggen and Annuleren
     (back to username and password), the help text, and whom to contact without the app: the realm's localisation
     text tweestapLoginOtpNoAccess (seed 004: "... neem dan contact op met je werkgever."; the theme's own text is a
     neutral fallback). -->
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
        <p id="tweestap-otp-no-access" class="tweestap-instruction werknemerloket-contact">${msg("tweestapLoginOtpNoAccess")}</p>
    </#if>
</@layout.registrationLayout>

<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('totp'); section>
<!-- template: tweestap-otp-email.ftl -->
    <#if section="header">
        ${msg("tweestapMethod_app")}
    <#elseif section="form">
        <#if tweestapOtpEmail.enrolling>
            <p id="tweestap-otp-email-instruction" class="tweestap-instruction">${msg("tweestapOtpEmailInstruction", tweestapOtpEmail.maskedEmail!"")}</p>
        <#else>
            <p id="tweestap-otp-instruction" class="tweestap-instruction">${msg("tweestapOtpLoginInstruction")}</p>
        </#if>
        <form id="kc-tweestap-otp-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <@field.input name="totp" label=msg("tweestapOtpCodeLabel") autocomplete="one-time-code" autofocus=true />
            <@buttons.actionGroup>
                <@buttons.button id="kc-login" name="login" label="tweestapOtpLogIn" />
            </@buttons.actionGroup>
        </form>
        <#if tweestapOtpEmail.enrolling>
            <form id="kc-tweestap-otp-resend-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                <input type="hidden" name="resend" value="true"/>
                <@buttons.actionGroup>
                    <@buttons.button id="tweestap-otp-resend" name="resendButton" label="tweestapOtpNewCode" type="secondary" />
                </@buttons.actionGroup>
            </form>
            <p id="tweestap-otp-email-help" class="tweestap-instruction">${msg("tweestapOtpEmailHelp")}</p>
        </#if>
    </#if>
</@layout.registrationLayout>

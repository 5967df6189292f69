<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('code'); section>
<!-- template: tweestap-sms-code.ftl -->
    <#if section="header">
        ${msg("tweestapSmsTitle")}
    <#elseif section="form">
        <#if tweestapSms.phoneKnown>
            <p id="tweestap-sms-instruction" class="tweestap-instruction">${msg("tweestapSmsInstruction", tweestapSms.maskedNumber, tweestapSms.codeLength)}</p>
            <form id="kc-tweestap-sms-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                <@field.input name="code" label=msg("tweestapSmsCodeLabel") autocomplete="one-time-code" autofocus=true />
                <@buttons.actionGroup>
                    <@buttons.button id="kc-login" name="login" label="tweestapSmsSubmit" />
                </@buttons.actionGroup>
            </form>
            <form id="kc-tweestap-sms-resend-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                <input type="hidden" name="resend" value="true"/>
                <@buttons.actionGroup>
                    <@buttons.button id="tweestap-sms-resend" name="resendButton" label="tweestapSmsResend" type="secondary" />
                </@buttons.actionGroup>
            </form>
        <#else>
            <p id="tweestap-sms-no-phone">${msg("tweestapSmsNoPhoneHelp")}</p>
            <@buttons.buttonLink id="tweestap-sms-back" href=url.loginRestartFlowUrl label="tweestapBackToLogin" />
        </#if>
    </#if>
</@layout.registrationLayout>

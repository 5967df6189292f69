<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('otp'); section>
<!-- template: tweestap-push-code.ftl -->
    <#if section="header">
        ${msg("tweestapPushCodeTitle")}
    <#elseif section="form">
        <p id="tweestap-push-code-instruction" class="tweestap-instruction">${msg("tweestapPushCodeText")}</p>
        <form id="kc-tweestap-push-code-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <@field.input name="otp" label=msg("tweestapPushCodeLabel") autocomplete="one-time-code" autofocus=true />
            <@buttons.actionGroup>
                <@buttons.button id="tweestap-push-code-submit" name="login" label="tweestapPushCodeSubmit" />
                <@buttons.button id="tweestap-push-use-push" name="use-push" label="tweestapPushUsePush" type="secondary" />
            </@buttons.actionGroup>
        </form>
    </#if>
</@layout.registrationLayout>

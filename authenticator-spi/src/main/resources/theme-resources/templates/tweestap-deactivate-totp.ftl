<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('totp'); section>
<!-- template: tweestap-deactivate-totp.ftl -->
    <#if section="header">
        ${msg("tweestapOtpDeactivateTitle")}
    <#elseif section="form">
        <form id="kc-tweestap-deactivate-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <#if tweestapDeactivate.activationRefused>
                <p id="tweestap-activate-already" class="tweestap-instruction">${msg("tweestapOtpAlreadyActive")}</p>
                <@buttons.actionGroup>
                    <@buttons.button id="kc-cancel" name="cancel-aia" label="tweestapBackToApplication" type="secondary" />
                </@buttons.actionGroup>
            <#elseif tweestapDeactivate.active>
                <p id="tweestap-deactivate-instruction" class="tweestap-instruction">${msg("tweestapOtpDeactivateText")}</p>
                <@field.input name="totp" label=msg("tweestapOtpCodeLabel") autocomplete="one-time-code" autofocus=true />
                <@buttons.actionGroup horizontal=true>
                    <@buttons.button id="tweestap-deactivate-apply" name="apply" label="tweestapApply" />
                    <@buttons.button id="kc-cancel" name="cancel-aia" label="tweestapCancel" type="secondary" />
                </@buttons.actionGroup>
            <#else>
                <p id="tweestap-deactivate-inactive" class="tweestap-instruction">${msg("tweestapOtpDeactivateInactive")}</p>
                <@buttons.actionGroup>
                    <@buttons.button id="kc-cancel" name="cancel-aia" label="tweestapBackToApplication" type="secondary" />
                </@buttons.actionGroup>
            </#if>
        </form>
    </#if>
</@layout.registrationLayout>

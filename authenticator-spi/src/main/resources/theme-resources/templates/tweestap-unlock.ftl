<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('username'); section>
<!-- template: tweestap-unlock.ftl -->
    <#if section="header">
        ${msg("tweestapUnlockTitle")}
    <#elseif section="form">
        <#if tweestapUnlockNumber?has_content>
            <p id="tweestap-unlock-sent" class="tweestap-instruction" role="status">${msg("tweestapUnlockSent")}</p>
            <div class="tweestap-push-number-box">
                <span class="tweestap-push-number-label">${msg("tweestapPushNumberLabel")}</span>
                <span id="tweestap-unlock-number" class="tweestap-push-number">${tweestapUnlockNumber}</span>
            </div>
            <p class="tweestap-hint">${msg("tweestapUnlockAfter")}</p>
        <#else>
            <p id="tweestap-unlock-intro" class="tweestap-instruction">${msg("tweestapUnlockIntro")}</p>
            <form id="kc-tweestap-unlock-form" class="${properties.kcFormClass!}" action="tweestap-unlock" method="post" novalidate="novalidate">
                <input type="hidden" name="back" value="${tweestapBackUrl}">
                <@field.input name="username" label=msg("username") autocomplete="username" autofocus=true />
                <@buttons.actionGroup>
                    <@buttons.button id="tweestap-unlock-submit" name="send" label="tweestapUnlockSubmit" />
                </@buttons.actionGroup>
            </form>
        </#if>
        <p class="tweestap-back"><a id="tweestap-back-to-login" href="${tweestapBackUrl}">${msg("tweestapBackToLogin")}</a></p>
    </#if>
</@layout.registrationLayout>

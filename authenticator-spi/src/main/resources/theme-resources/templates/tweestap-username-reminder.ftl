<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('email'); section>
<!-- template: tweestap-username-reminder.ftl -->
    <#if section="header">
        ${msg("tweestapUsernameReminderTitle")}
    <#elseif section="form">
        <#if tweestapSent>
            <p id="tweestap-username-sent" class="tweestap-instruction" role="status">${msg("tweestapUsernameReminderSent")}</p>
        <#else>
            <p id="tweestap-username-intro" class="tweestap-instruction">${msg("tweestapUsernameReminderIntro")}</p>
            <form id="kc-tweestap-username-form" class="${properties.kcFormClass!}" action="username" method="post" novalidate="novalidate">
                <input type="hidden" name="back" value="${tweestapBackUrl}">
                <@field.input name="email" label=msg("tweestapUsernameReminderEmailLabel") autocomplete="email" autofocus=true value=tweestapEmail />
                <@buttons.actionGroup>
                    <@buttons.button id="tweestap-username-submit" name="send" label="tweestapUsernameReminderSubmit" />
                </@buttons.actionGroup>
            </form>
        </#if>
        <p class="tweestap-back"><a id="tweestap-back-to-login" href="${tweestapBackUrl}">${msg("tweestapBackToLogin")}</a></p>
    </#if>
</@layout.registrationLayout>

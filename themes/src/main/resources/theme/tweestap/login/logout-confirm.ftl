<#-- Logout confirmation ("Wil je uitloggen?") with keycloak.v2's button macros (the base page gives its button tabindex="4",
     which breaks the keyboard order: axe-core "tabindex", serious). -->
<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout; section>
<!-- template: logout-confirm.ftl (tweestap) -->
    <#if section = "header">
        ${msg("logoutConfirmTitle")}
    <#elseif section = "form">
        <div id="kc-logout-confirm">
            <p class="tweestap-instruction">${msg("logoutConfirmHeader")}</p>
            <form class="${properties.kcFormClass!}" action="${url.logoutConfirmAction}" onsubmit="confirmLogout.disabled = true; return true;" method="post">
                <input type="hidden" name="session_code" value="${logoutConfirm.code}">
                <@buttons.actionGroup>
                    <@buttons.button id="kc-logout" name="confirmLogout" label="doLogout" />
                </@buttons.actionGroup>
            </form>
            <#if !logoutConfirm.skipLink && (client.baseUrl)?has_content>
                <p id="kc-info-message"><a href="${client.baseUrl}">${msg("backToApplication")}</a></p>
            </#if>
        </div>
    </#if>
</@layout.registrationLayout>

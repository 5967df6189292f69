<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=false; section>
<!-- template: tweestap-password-expiry.ftl -->
    <#if section="header">
        ${msg("tweestapPasswordExpiryTitle")}
    <#elseif section="form">
        <div id="tweestap-password-expiry-banner" class="${properties.kcAlertClass!} pf-m-warning" role="status">
            <div class="${properties.kcAlertTitleClass!}">${msg("tweestapPasswordExpiryBanner", tweestapDaysLeft, tweestapExpiresOn)}</div>
        </div>
        <p class="tweestap-instruction">${msg("tweestapPasswordExpiryAdvice")}</p>
        <form id="kc-tweestap-password-expiry-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <@buttons.actionGroup horizontal=true>
                <@buttons.button id="tweestap-password-change-now" name="change" label="tweestapPasswordExpiryChangeNow" />
                <@buttons.button id="tweestap-password-later" name="later" label="tweestapPasswordExpiryLater" type="secondary" />
            </@buttons.actionGroup>
        </form>
    </#if>
</@layout.registrationLayout>

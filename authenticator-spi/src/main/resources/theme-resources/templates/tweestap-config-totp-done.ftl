<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout; section>
<!-- template: tweestap-config-totp-done.ftl -->
    <#if section="header">
        ${msg("tweestapOtpActivatedTitle")}
    <#elseif section="form">
        <form id="kc-tweestap-totp-done-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div id="tweestap-totp-done" class="${properties.kcAlertClass!} pf-m-success" role="status">
                <p class="${properties.kcAlertTitleClass!}">${msg("tweestapOtpActivatedText")}</p>
            </div>
            <p id="tweestap-totp-done-account" class="tweestap-instruction">${msg("tweestapOtpActivatedAccount", tweestapTotpDone.issuer, tweestapTotpDone.account)}</p>
            <p id="tweestap-totp-done-next" class="tweestap-instruction">${msg("tweestapOtpActivatedNext")}</p>
            <@buttons.actionGroup>
                <@buttons.button id="tweestap-totp-done-continue" name="continue" label="tweestapOtpActivatedContinue" />
            </@buttons.actionGroup>
        </form>
    </#if>
</@layout.registrationLayout>

<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=true; section>
<!-- template: tweestap-recovery.ftl -->
    <#if section="header">
        ${msg("tweestapRecoveryTitle")}
    <#elseif section="form">
        <#if tweestapDone?? && tweestapStep == "choose">
            <p id="tweestap-recovery-done" class="tweestap-instruction" role="status">${msg(tweestapDone)}</p>
        </#if>
        <#if tweestapStep == "start">
            <p id="tweestap-recovery-intro" class="tweestap-instruction">${msg("tweestapRecoveryIntro")}</p>
            <form id="kc-tweestap-recovery-form" class="${properties.kcFormClass!}" action="tweestap-recovery" method="post" novalidate="novalidate">
                <input type="hidden" name="step" value="start"><input type="hidden" name="back" value="${tweestapBackUrl}">
                <@field.input name="username" label=msg("username") autocomplete="username" autofocus=true />
                <@field.input name="phone" label=msg("tweestapRecoveryPhone") autocomplete="tel" />
                <@buttons.actionGroup><@buttons.button id="tweestap-recovery-next" name="next" label="tweestapRecoveryNext" /></@buttons.actionGroup>
            </form>
        <#elseif tweestapStep == "code">
            <p id="tweestap-recovery-code-intro" class="tweestap-instruction">${msg("tweestapRecoveryCodeIntro")}</p>
            <form id="kc-tweestap-recovery-form" class="${properties.kcFormClass!}" action="tweestap-recovery" method="post" novalidate="novalidate">
                <input type="hidden" name="step" value="code"><input type="hidden" name="back" value="${tweestapBackUrl}">
                <@field.input name="code" label=msg("tweestapSmsCodeLabel") autocomplete="one-time-code" autofocus=true />
                <@buttons.actionGroup><@buttons.button id="tweestap-recovery-next" name="next" label="tweestapRecoveryNext" /></@buttons.actionGroup>
            </form>
        <#elseif tweestapStep == "answer">
            <p class="tweestap-instruction">${msg("tweestapRecoveryAnswerIntro")}</p>
            <p id="tweestap-recovery-question" class="tweestap-question"><strong>${msg(tweestapQuestion)}</strong></p>
            <form id="kc-tweestap-recovery-form" class="${properties.kcFormClass!}" action="tweestap-recovery" method="post" novalidate="novalidate">
                <input type="hidden" name="step" value="answer"><input type="hidden" name="back" value="${tweestapBackUrl}">
                <@field.password name="answer" label=msg("tweestapQuestionAnswer") autocomplete="off" autofocus=true />
                <@buttons.actionGroup><@buttons.button id="tweestap-recovery-next" name="next" label="tweestapRecoveryNext" /></@buttons.actionGroup>
            </form>
        <#elseif tweestapStep == "choose">
            <p class="tweestap-instruction">${msg("tweestapRecoveryChooseIntro")}</p>
            <form id="kc-tweestap-recovery-form" class="${properties.kcFormClass!}" action="tweestap-recovery" method="post">
                <input type="hidden" name="step" value="choose"><input type="hidden" name="back" value="${tweestapBackUrl}">
                <ul id="tweestap-recovery-options" class="tweestap-options">
                    <li><button id="tweestap-recovery-password" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!}" type="submit" name="option" value="password">${msg("tweestapRecoveryOptionPassword")}</button></li>
                    <li><button id="tweestap-recovery-unlock" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!}" type="submit" name="option" value="unlock">${msg("tweestapRecoveryOptionUnlock")}</button></li>
                    <li><button id="tweestap-recovery-renew" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!}" type="submit" name="option" value="renew">${msg("tweestapRecoveryOptionRenew")}</button></li>
                </ul>
            </form>
        <#elseif tweestapStep == "password">
            <form id="kc-tweestap-recovery-form" class="${properties.kcFormClass!}" action="tweestap-recovery" method="post" novalidate="novalidate">
                <input type="hidden" name="step" value="password"><input type="hidden" name="back" value="${tweestapBackUrl}">
                <@field.password name="password-new" label=msg("passwordNew") autocomplete="new-password" autofocus=true />
                <@field.password name="password-confirm" label=msg("passwordConfirm") autocomplete="new-password" />
                <@buttons.actionGroup><@buttons.button id="tweestap-recovery-save-password" name="save" label="tweestapRecoverySavePassword" /></@buttons.actionGroup>
            </form>
        <#elseif tweestapStep == "done">
            <p id="tweestap-recovery-done" class="tweestap-instruction" role="status">${msg(tweestapDone)}</p>
        </#if>
        <p class="tweestap-back"><a id="tweestap-back-to-login" href="${tweestapBackUrl}">${msg("tweestapBackToLogin")}</a></p>
    </#if>
</@layout.registrationLayout>

<#-- Tweestap: keycloak.v2's login page, plus the pack's self-service links under the form
     ("Gebruikersnaam vergeten?"). Built from keycloak.v2's own macros. "Ontgrendel met de app" and
     "Tweestapsverificatie vernieuwen" appear only where the realm can serve them (tweestapSelfService, from the
     realm's flows, listeners and required actions); a theme can still hide them (tweestapUnlockLink/RenewLink=false). -->
<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<#import "social-providers.ftl" as identityProviders>
<#import "passkeys.ftl" as passkeys>
<#assign tweestapRealmUrl = url.loginUrl?keep_before("/login-actions/")>
<#-- Theme property tweestapResetLinkAtBottom=true: "forgot password" as the last link under the form instead of
     under the password field (seed 002: "helemaal onderaan de pagina"). -->
<#assign tweestapResetAtBottom = (properties.tweestapResetLinkAtBottom!"false") == "true">
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('username','password') displayInfo=true; section>
<!-- template: login.ftl (tweestap) -->
    <#if section = "header">
        ${msg("loginAccountTitle")}
    <#elseif section = "form">
        <div id="kc-form">
          <div id="kc-form-wrapper">
            <#if realm.password>
                <form id="kc-form-login" class="${properties.kcFormClass!}" onsubmit="login.disabled = true; return true;" action="${url.loginAction}" method="post" novalidate="novalidate">
                    <#if !usernameHidden??>
                        <#assign label>
                            <#if !realm.loginWithEmailAllowed>${msg("username")}<#elseif !realm.registrationEmailAsUsername>${msg("usernameOrEmail")}<#else>${msg("email")}</#if>
                        </#assign>
                        <@field.input name="username" label=label error=messagesPerField.getFirstError('username','password')
                            autofocus=true autocomplete="${(enableWebAuthnConditionalUI?has_content)?then('username webauthn', 'username')}" value=login.username!'' />
                    </#if>
                    <@field.password name="password" label=msg("password") error=usernameHidden???then(messagesPerField.getFirstError('password'), "") forgotPassword=(realm.resetPasswordAllowed && !tweestapResetAtBottom) autofocus=usernameHidden?? autocomplete="current-password">
                        <#if realm.rememberMe && !usernameHidden??>
                            <@field.checkbox name="rememberMe" label=msg("rememberMe") value=login.rememberMe?? />
                        </#if>
                    </@field.password>
                    <input type="hidden" id="id-hidden-input" name="credentialId" <#if auth.selectedCredential?has_content>value="${auth.selectedCredential}"</#if>/>
                    <@buttons.loginButton />
                </form>
            </#if>
          </div>
        </div>
        <@passkeys.conditionalUIData />
    <#elseif section = "socialProviders" >
        <#if realm.password && social.providers?? && social.providers?has_content>
            <@identityProviders.show social=social/>
        </#if>
    <#elseif section = "info" >
        <ul id="tweestap-self-service" class="tweestap-self-service">
            <#if realm.password && !usernameHidden?? && (properties.tweestapUsernameLink!"true") == "true">
                <li><a id="tweestap-forgot-username" href="${tweestapRealmUrl}/tweestap-account/username?back=${url.loginUrl?url('UTF-8')}">${msg("tweestapForgotUsername")}</a></li>
            </#if>
            <#if realm.password && (properties.tweestapUnlockLink!"true") == "true" && (tweestapSelfService.unlock)!false>
                <li><a id="tweestap-unlock-link" href="${tweestapRealmUrl}/tweestap-unlock?back=${url.loginUrl?url('UTF-8')}">${msg("tweestapUnlockLink")}</a></li>
            </#if>
            <#if realm.password && (properties.tweestapRenewLink!"true") == "true" && (tweestapSelfService.renew)!false>
                <li><a id="tweestap-renew-link" href="${tweestapRealmUrl}/tweestap-recovery?back=${url.loginUrl?url('UTF-8')}">${msg("tweestapRenewLink")}</a></li>
            </#if>
            <#if realm.password && realm.resetPasswordAllowed && tweestapResetAtBottom>
                <li><a id="tweestap-reset-link" href="${url.loginResetCredentialsUrl}">${msg("doForgotPassword")}</a></li>
            </#if>
        </ul>
        <#if realm.password && realm.registrationAllowed && !registrationDisabled??>
            <div id="kc-registration-container">
                <div id="kc-registration">
                    <span>${msg("noAccount")} <a href="${url.registrationUrl}">${msg("doRegister")}</a></span>
                </div>
            </div>
        </#if>
    </#if>
</@layout.registrationLayout>

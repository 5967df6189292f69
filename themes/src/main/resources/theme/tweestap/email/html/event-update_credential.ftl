<#-- Sent by the event listener tweestap-email-notices (or Keycloak's "email") when a credential is set up. For the second factor (an authenticator
     app's code, or the Tweestap app binding) it is the "2FA switched on" notice. -->
<#import "template.ftl" as layout>
<#assign type = event.getDetail("credential_type")!"">
<@layout.emailLayout>
<#if type == "otp" || type == "tweestap-device">
<p>${msg("tweestapTwoFactorOnBody", event.date?datetime?string("dd-MM-yyyy HH:mm"), event.ipAddress!"-")}</p>
<p>${msg("tweestapTwoFactorNotYou")}</p>
<#else>
<p>${msg("tweestapCredentialChangedBody", event.date?datetime?string("dd-MM-yyyy HH:mm"), event.ipAddress!"-")}</p>
<p>${msg("tweestapTwoFactorNotYou")}</p>
</#if>
</@layout.emailLayout>

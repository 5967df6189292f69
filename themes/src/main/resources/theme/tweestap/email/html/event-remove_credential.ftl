<#-- Sent by the event listener tweestap-email-notices (or Keycloak's "email") when a credential is removed: for the second factor, the
     "2FA switched off" notice. -->
<#import "template.ftl" as layout>
<#assign type = event.getDetail("credential_type")!"">
<@layout.emailLayout>
<#if type == "otp" || type == "tweestap-device">
<p>${msg("tweestapTwoFactorOffBody", event.date?datetime?string("dd-MM-yyyy HH:mm"), event.ipAddress!"-")}</p>
<#else>
<p>${msg("tweestapCredentialRemovedBody", event.date?datetime?string("dd-MM-yyyy HH:mm"), event.ipAddress!"-")}</p>
</#if>
<p>${msg("tweestapTwoFactorNotYou")}</p>
</@layout.emailLayout>

<#-- Sent by the event listener tweestap-login-failure-email: one warning per user per window after failed logins. -->
<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${kcSanitize(msg("tweestapLoginFailureBody", tweestapWhen?datetime?string("dd-MM-yyyy HH:mm"), tweestapIp, tweestapRealmName))?no_esc}</p>
<p>${kcSanitize(msg("tweestapLoginFailureOnce"))?no_esc}</p>
<p>${kcSanitize(msg("tweestapLoginFailureAdvice"))?no_esc}</p>
</@layout.emailLayout>

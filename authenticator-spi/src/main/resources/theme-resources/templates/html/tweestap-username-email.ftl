<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${kcSanitize(msg("tweestapUsernameEmailGreeting"))?no_esc}</p>
<p>${kcSanitize(msg("tweestapUsernameEmailBody", tweestapRealmName))?no_esc}</p>
<p style="font-size: 1.3em"><strong>${tweestapUsername}</strong></p>
<p>${kcSanitize(msg("tweestapUsernameEmailIgnore"))?no_esc}</p>
</@layout.emailLayout>

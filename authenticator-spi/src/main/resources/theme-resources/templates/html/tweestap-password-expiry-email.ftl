<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${kcSanitize(msg("tweestapUsernameEmailGreeting"))?no_esc}</p>
<p>${kcSanitize(msg("tweestapPasswordExpiryEmailBody", tweestapRealmName, tweestapDaysLeft, tweestapExpiresOn))?no_esc}</p>
<p>${kcSanitize(msg("tweestapPasswordExpiryAdvice"))?no_esc}</p>
</@layout.emailLayout>

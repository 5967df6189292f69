<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${kcSanitize(msg("tweestapUsernameEmailGreeting"))?no_esc}</p>
<p>${kcSanitize(msg("tweestapRecoveryMailBody"))?no_esc}</p>
<p>${tweestapRecoveryWhat}</p>
<p>${kcSanitize(msg("tweestapRecoveryMailNotYou"))?no_esc}</p>
</@layout.emailLayout>

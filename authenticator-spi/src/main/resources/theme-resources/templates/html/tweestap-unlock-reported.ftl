<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${kcSanitize(msg("tweestapUsernameEmailGreeting"))?no_esc}</p>
<p>${kcSanitize(msg("tweestapUnlockReportedBody", tweestapFailures, tweestapLastIp, tweestapLastFailure))?no_esc}</p>
<p>${kcSanitize(msg("tweestapUnlockReportedAdvice"))?no_esc}</p>
</@layout.emailLayout>

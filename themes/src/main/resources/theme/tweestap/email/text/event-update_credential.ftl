<#ftl output_format="plainText">
<#assign type = event.getDetail("credential_type")!"">
<#if type == "otp" || type == "tweestap-device">
${msg("tweestapTwoFactorOnBody", event.date?datetime?string("dd-MM-yyyy HH:mm"), event.ipAddress!"-")}
<#else>
${msg("tweestapCredentialChangedBody", event.date?datetime?string("dd-MM-yyyy HH:mm"), event.ipAddress!"-")}
</#if>

${msg("tweestapTwoFactorNotYou")}

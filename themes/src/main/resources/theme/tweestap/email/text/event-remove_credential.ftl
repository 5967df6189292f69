<#ftl output_format="plainText">
<#assign type = event.getDetail("credential_type")!"">
<#if type == "otp" || type == "tweestap-device">
${msg("tweestapTwoFactorOffBody", event.date?datetime?string("dd-MM-yyyy HH:mm"), event.ipAddress!"-")}
<#else>
${msg("tweestapCredentialRemovedBody", event.date?datetime?string("dd-MM-yyyy HH:mm"), event.ipAddress!"-")}
</#if>

${msg("tweestapTwoFactorNotYou")}

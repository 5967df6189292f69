<#ftl output_format="plainText">
${msg("tweestapLoginFailureBody", tweestapWhen?datetime?string("dd-MM-yyyy HH:mm"), tweestapIp, tweestapRealmName)}

${msg("tweestapLoginFailureOnce")}

${msg("tweestapLoginFailureAdvice")}

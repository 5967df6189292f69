<#ftl output_format="plainText">
${msg("tweestapUsernameEmailGreeting")}

${msg("tweestapUnlockReportedBody", tweestapFailures, tweestapLastIp, tweestapLastFailure)}

${msg("tweestapUnlockReportedAdvice")}

<#ftl output_format="plainText">
${msg("tweestapUsernameEmailGreeting")}

${msg("tweestapPasswordExpiryEmailBody", tweestapRealmName, tweestapDaysLeft, tweestapExpiresOn)}

${msg("tweestapPasswordExpiryAdvice")}

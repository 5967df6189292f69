<#ftl output_format="plainText">
${msg("tweestapUsernameEmailGreeting")}

${msg("tweestapUsernameEmailBody", tweestapRealmName)}

    ${tweestapUsername}

${msg("tweestapUsernameEmailIgnore")}

<#ftl output_format="plainText">
${msg("tweestapUsernameEmailGreeting")}

${msg("tweestapRecoveryMailBody")}
${msg(tweestapRecoveryWhat, realmName!"")}

${msg("tweestapRecoveryMailNotYou")}

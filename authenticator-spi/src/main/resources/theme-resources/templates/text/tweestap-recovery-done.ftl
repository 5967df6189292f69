<#ftl output_format="plainText">
${msg("tweestapUsernameEmailGreeting")}

${msg("tweestapRecoveryMailBody")}
${tweestapRecoveryWhat}

${msg("tweestapRecoveryMailNotYou")}

<#ftl output_format="plainText">
<#assign invite = (requiredActions?? && requiredActions?seq_contains("UPDATE_PASSWORD"))>
<#if invite>
${msg("tweestapInviteIntro", realmName)}

${msg("tweestapInviteLinkBefore")} ${msg("tweestapInviteLinkText")} ${msg("tweestapInviteLinkAfter")}
${link}

${msg("tweestapInviteExpiry", linkExpirationFormatter(linkExpiration))}

${msg("tweestapInviteNotYou")}
<#else>
${msg("tweestapActionsIntro", realmName)}
<#list requiredActions![] as action>
- ${msg("requiredAction.${action}")}
</#list>

${link}

${msg("tweestapInviteExpiry", linkExpirationFormatter(linkExpiration))}

${msg("tweestapInviteNotYou")}
</#if>

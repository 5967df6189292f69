<#ftl output_format="plainText">
<#-- Verzuimcoach's invitation, plain text; interim, see html/executeActions.ftl. -->
<#assign requiredActionsText><#if requiredActions??><#list requiredActions><#items as reqActionItem>${msg("requiredAction.${reqActionItem}")}<#sep>, </#items></#list></#if></#assign>
<#if requiredActions?? && requiredActions?seq_contains("UPDATE_PASSWORD")>
${msg("tweestapInviteIntro", realmName)}

${msg("tweestapInviteLinkBefore")} ${msg("tweestapInviteLinkText")} ${msg("tweestapInviteLinkAfter")}
${link}

${msg("tweestapInviteExpiry", linkExpirationFormatter(linkExpiration))}

${msg("tweestapInviteNotYou")}
<#else>
${msg("executeActionsBody", link, linkExpiration, realmName, requiredActionsText, linkExpirationFormatter(linkExpiration))}
</#if>

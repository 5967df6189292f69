<#-- Verzuimcoach's invitation (seed 003: "Klik op de link ‘HIER’ in de e-mail"). Interim copy of the tweestap base
     invitation's contract (messages tweestapInvite*): delete this file once the tweestap e-mail theme has its
     executeActions.ftl; the texts stay in messages_*.properties. Other actions keep Keycloak's own text. -->
<#outputformat "plainText">
<#assign requiredActionsText><#if requiredActions??><#list requiredActions><#items as reqActionItem>${msg("requiredAction.${reqActionItem}")}<#sep>, </#sep></#items></#list></#if></#assign>
</#outputformat>
<#import "template.ftl" as layout>
<@layout.emailLayout>
<#if requiredActions?? && requiredActions?seq_contains("UPDATE_PASSWORD")>
<p>${msg("tweestapInviteIntro", realmName)}</p>
<p>${msg("tweestapInviteLinkBefore")} <a href="${link}">${msg("tweestapInviteLinkText")}</a> ${msg("tweestapInviteLinkAfter")}</p>
<p>${msg("tweestapInviteExpiry", linkExpirationFormatter(linkExpiration))}</p>
<p>${msg("tweestapInviteNotYou")}</p>
<#else>
${kcSanitize(msg("executeActionsBodyHtml", link, linkExpiration, realmName, requiredActionsText, linkExpirationFormatter(linkExpiration)))?no_esc}
</#if>
</@layout.emailLayout>

<#-- An admin's "send required actions e-mail". With a password to set (a new account), it is the portal's
     invitation (seed 003: "Klik op de link 'HIER'"); otherwise a request to update the account. -->
<#import "template.ftl" as layout>
<#assign invite = (requiredActions?? && requiredActions?seq_contains("UPDATE_PASSWORD"))>
<@layout.emailLayout>
<#if invite>
<p>${msg("tweestapInviteIntro", realmName)}</p>
<p>${msg("tweestapInviteLinkBefore")} <a href="${link}">${msg("tweestapInviteLinkText")}</a> ${msg("tweestapInviteLinkAfter")}</p>
<p>${msg("tweestapInviteExpiry", linkExpirationFormatter(linkExpiration))}</p>
<p>${msg("tweestapInviteNotYou")}</p>
<#else>
<p>${msg("tweestapActionsIntro", realmName)}</p>
<ul><#list requiredActions![] as action><li>${msg("requiredAction.${action}")}</li></#list></ul>
<p><a href="${link}">${msg("tweestapActionsLinkText")}</a></p>
<p>${msg("tweestapInviteExpiry", linkExpirationFormatter(linkExpiration))}</p>
<p>${msg("tweestapInviteNotYou")}</p>
</#if>
</@layout.emailLayout>

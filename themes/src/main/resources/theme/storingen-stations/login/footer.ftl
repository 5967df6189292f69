<#-- storingen-stations (seed 000): keycloak.v2's footer hook. On the login page the first-use hint of the user
     guide; on every page the helpdesk line. Both texts are message keys the realm sets (localizationTexts), so the
     organisation's name and telephone number are configuration, not template text. -->
<#macro content>
    <div id="storingen-footer" class="storingen-footer">
        <#if (pageId!"") == "login">
            <p id="storingen-first-time">${msg("storingenFirstTime")}</p>
            <p id="storingen-username-hint">${msg("storingenUsernameHint")}</p>
        </#if>
        <p id="storingen-helpdesk">${msg("storingenHelpdesk")}</p>
    </div>
</#macro>

<#-- NSE Portal: keycloak.v2's footer hook (under the login box, on every page of the theme). The organisation's
     texts come from the realm, not from this theme: Realm settings → Localization → Realm overrides (in the realm
     JSON: "localizationTexts", per locale). A key the realm does not set is not shown, and when the realm sets none
     of them the block is absent.
       nsePortalContactAdvice  the reset page's advice ("… neem dan contact op met het NSE-projectteam via …")
       nsePortalHelpdeskTitle  heading of the helpdesk block ("Contactgegevens NSE Helpdesk")
       nsePortalHelpdeskEmail  e-mail address (shown as a mailto: link)
       nsePortalHelpdeskPhone  phone number (shown as a tel: link)
       nsePortalHelpdeskHours  opening hours ("De helpdesk is bereikbaar … op werkdagen van 9.00 uur tot 17.00 uur")
     The names are passed as variables on purpose: the theme itself defines no text for them. -->
<#function realmText key>
    <#local text = msg(key)>
    <#return (text == key)?then("", text)>
</#function>
<#macro content>
    <#assign nseAdvice = realmText("nsePortalContactAdvice")>
    <#assign nseTitle = realmText("nsePortalHelpdeskTitle")>
    <#assign nseEmail = realmText("nsePortalHelpdeskEmail")>
    <#assign nsePhone = realmText("nsePortalHelpdeskPhone")>
    <#assign nseHours = realmText("nsePortalHelpdeskHours")>
    <#if (pageId!"") == "login-reset-password" && nseAdvice?has_content>
        <p id="nse-portal-contact-advice" class="nse-portal-contact-advice">${nseAdvice}</p>
    </#if>
    <#if nseTitle?has_content || nseEmail?has_content || nsePhone?has_content || nseHours?has_content>
        <section id="nse-portal-helpdesk" class="nse-portal-helpdesk"<#if nseTitle?has_content> aria-labelledby="nse-portal-helpdesk-title"</#if>>
            <#if nseTitle?has_content><h2 id="nse-portal-helpdesk-title">${nseTitle}</h2></#if>
            <ul>
                <#if nseEmail?has_content>
                    <li id="nse-portal-helpdesk-email"><span class="nse-portal-helpdesk-label">${msg("nsePortalHelpdeskEmailLabel")}</span> <a href="mailto:${nseEmail}">${nseEmail}</a></li>
                </#if>
                <#if nsePhone?has_content>
                    <li id="nse-portal-helpdesk-phone"><span class="nse-portal-helpdesk-label">${msg("nsePortalHelpdeskPhoneLabel")}</span> <a href="tel:${nsePhone?replace('[^0-9+]', '', 'r')}">${nsePhone}</a></li>
                </#if>
            </ul>
            <#if nseHours?has_content><p id="nse-portal-helpdesk-hours">${nseHours}</p></#if>
        </section>
    </#if>
</#macro>

<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout; section>
<!-- template: tweestap-method-choice.ftl -->
    <#if section="header">
        ${msg("tweestapMethodTitle")}
    <#elseif section="form">
        <p id="tweestap-method-instruction" class="tweestap-instruction">${msg("tweestapMethodInstruction")}</p>
        <form id="kc-tweestap-method-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <@buttons.actionGroup>
                <#list tweestapMethods as method>
                    <button class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} tweestap-method" type="submit"
                            name="method" value="${method}" id="tweestap-method-${method}">${msg("tweestapMethod_" + method)}</button>
                </#list>
            </@buttons.actionGroup>
        </form>
    </#if>
</@layout.registrationLayout>

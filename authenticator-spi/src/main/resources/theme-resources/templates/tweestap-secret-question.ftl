<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('question','answer','answer-confirm'); section>
<!-- template: tweestap-secret-question.ftl -->
    <#if section="header">
        ${msg("tweestapQuestionTitle")}
    <#elseif section="form">
        <p id="tweestap-question-intro" class="tweestap-instruction">${msg("tweestapQuestionIntro")}</p>
        <form id="kc-tweestap-question-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <label for="question" class="${properties.kcLabelClass!}">${msg("tweestapQuestionLabel")}</label>
                <select id="question" name="question" class="${properties.kcInputClass!} pf-v5-c-form-control">
                    <#list tweestapQuestions as q>
                        <option value="${q}" <#if (tweestapQuestionChosen!"") == q>selected</#if>>${msg(q)}</option>
                    </#list>
                </select>
                <#if messagesPerField.existsError('question')><span class="${properties.kcInputErrorMessageClass!}">${kcSanitize(messagesPerField.get('question'))?no_esc}</span></#if>
            </div>
            <@field.password name="answer" label=msg("tweestapQuestionAnswer") autocomplete="off" />
            <@field.password name="answer-confirm" label=msg("tweestapQuestionAnswerConfirm") autocomplete="off" />
            <p class="tweestap-hint">${msg("tweestapQuestionHint")}</p>
            <@buttons.actionGroup>
                <@buttons.button id="tweestap-question-save" name="save" label="tweestapQuestionSave" />
            </@buttons.actionGroup>
        </form>
    </#if>
</@layout.registrationLayout>

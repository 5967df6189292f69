package io.github.tweestap.recovery;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.events.EventType;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.models.utils.FormMessage;

/**
 * Required action {@code tweestap-secret-question}: the user chooses one of the realm's questions (message keys)
 * and sets an answer (typed twice). The answer is never shown again, not even the old one.
 */
final class SecretQuestionAction implements RequiredActionProvider {

    static final String TEMPLATE = "tweestap-secret-question.ftl";

    /** The account console's "update" of the secret question starts it as an application-initiated action. */
    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        context.challenge(context.form().setAttribute("tweestapQuestions", questions(context)).createForm(TEMPLATE));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        List<String> questions = questions(context);
        String question = form.getFirst("question");
        String answer = form.getFirst("answer");
        String confirm = form.getFirst("answer-confirm");
        String normalised = SecretQuestions.normalise(answer);
        FormMessage error = null;
        if (question == null || !questions.contains(question)) {
            error = new FormMessage("question", "tweestapQuestionChoose");
        } else if (normalised.length() < SecretQuestions.MIN_ANSWER || normalised.length() > SecretQuestions.MAX_ANSWER) {
            error = new FormMessage("answer", "tweestapQuestionAnswerLength", SecretQuestions.MIN_ANSWER,
                    SecretQuestions.MAX_ANSWER);
        } else if (!normalised.equals(SecretQuestions.normalise(confirm))) {
            error = new FormMessage("answer-confirm", "tweestapQuestionAnswerMismatch");
        }
        if (error != null) {
            context.challenge(context.form().setAttribute("tweestapQuestions", questions)
                    .setAttribute("tweestapQuestionChosen", question == null ? "" : question).addError(error)
                    .createForm(TEMPLATE));
            return;
        }
        SecretQuestions.set(context.getSession(), context.getRealm(), context.getUser(), question, answer);
        context.getEvent().clone().event(EventType.UPDATE_CREDENTIAL).user(context.getUser())
                .detail("credential_type", SecretQuestions.TYPE).success();
        context.success();
    }

    private static List<String> questions(RequiredActionContext context) {
        RequiredActionConfigModel config = context.getRealm().getRequiredActionConfigByAlias(SecretQuestionActionFactory.ID);
        return SecretQuestions.questions(config == null ? null : config.getConfigValue("questions"));
    }

    @Override
    public void close() {
    }
}

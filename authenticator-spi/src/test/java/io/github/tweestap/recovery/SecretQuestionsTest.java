package io.github.tweestap.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretQuestionsTest {

    @Test
    void answersAreComparedWithoutCaseAndExtraSpaces() {
        assertThat(SecretQuestions.normalise("  BELLO   de\tHond ")).isEqualTo("bello de hond");
        assertThat(SecretQuestions.normalise("Ｂｅｌｌｏ")).as("full-width letters (NFKC)").isEqualTo("bello");
        assertThat(SecretQuestions.normalise("Émile")).isEqualTo("émile");
        assertThat(SecretQuestions.normalise(null)).isEmpty();
        assertThat(SecretQuestions.normalise("Bello")).isNotEqualTo(SecretQuestions.normalise("Bell0"));
    }

    @Test
    void questionsAreMessageKeysFromTheConfiguration() {
        assertThat(SecretQuestions.questions(null)).hasSize(5).allMatch(k -> k.startsWith("tweestapQuestion"));
        assertThat(SecretQuestions.questions("a.b , tweestapQuestionFirstPet,<script>")).containsExactly("a.b",
                "tweestapQuestionFirstPet");
    }
}

package io.github.tweestap.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HelpdeskImportCsvTest {

    @Test
    void readsUtf8WithOrWithoutAByteOrderMarkSemicolonOrComma() {
        String csv = "username;email;phoneNumber;personeelsnummer\r\njosé;jose@example.nl;06 12345678;P-1\r\n\r\n";
        HelpdeskImportCsv.Parsed plain = HelpdeskImportCsv.parse(csv.getBytes(StandardCharsets.UTF_8), "personeelsnummer", 10);
        assertThat(plain.ok()).isTrue();
        assertThat(plain.rows()).hasSize(1);
        assertThat(plain.rows().get(0).line()).isEqualTo(2);
        assertThat(plain.rows().get(0).get("username")).isEqualTo("josé");
        assertThat(plain.rows().get(0).get("personeelsnummer")).isEqualTo("P-1");

        byte[] bom = new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
        byte[] body = ("Gebruikersnaam,E-mail,Mobiel\n\"de Vries, Anna\",anna@example.nl,\"+31 6 1234 5678\"\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, withBom, 0, bom.length);
        System.arraycopy(body, 0, withBom, bom.length, body.length);
        HelpdeskImportCsv.Parsed marked = HelpdeskImportCsv.parse(withBom, null, 10);
        assertThat(marked.ok()).isTrue();
        assertThat(marked.rows().get(0).get("username")).isEqualTo("de Vries, Anna");
        assertThat(marked.rows().get(0).get("phoneNumber")).isEqualTo("+31 6 1234 5678");
    }

    @Test
    void refusesOtherEncodingsAsAWhole() {
        String csv = "username;email;phoneNumber\njosé;jose@example.nl;0612345678\n";
        assertThat(HelpdeskImportCsv.parse(csv.getBytes(StandardCharsets.ISO_8859_1), null, 10).problem())
                .isEqualTo(HelpdeskImportCsv.Problem.ENCODING);
        assertThat(HelpdeskImportCsv.parse(csv.getBytes(StandardCharsets.UTF_16), null, 10).problem())
                .as("UTF-16 with its byte order mark").isEqualTo(HelpdeskImportCsv.Problem.ENCODING);
        assertThat(HelpdeskImportCsv.parse(csv.getBytes(StandardCharsets.UTF_16LE), null, 10).problem())
                .as("UTF-16 without a mark").isEqualTo(HelpdeskImportCsv.Problem.ENCODING);
    }

    @Test
    void refusesAWrongHeaderAnEmptyFileAndTooManyRows() {
        assertThat(parse("user;mail;phone\na;b;c\n", null, 10).problem()).isEqualTo(HelpdeskImportCsv.Problem.HEADER);
        assertThat(parse("username;email\na;b\n", null, 10).problem()).isEqualTo(HelpdeskImportCsv.Problem.HEADER);
        assertThat(parse("username;email;phoneNumber;username\na;b;c;d\n", null, 10).problem())
                .as("a column twice").isEqualTo(HelpdeskImportCsv.Problem.HEADER);
        assertThat(parse("username;email;phoneNumber;personeelsnummer\na;b;c;d\n", null, 10).problem())
                .as("a personnel number where the realm has none").isEqualTo(HelpdeskImportCsv.Problem.HEADER);
        assertThat(parse("a@b.nl;x;0612345678\n", null, 10).problem()).isEqualTo(HelpdeskImportCsv.Problem.HEADER);
        assertThat(parse("", null, 10).problem()).isEqualTo(HelpdeskImportCsv.Problem.EMPTY);
        assertThat(parse("username;email;phoneNumber\n\n", null, 10).problem()).isEqualTo(HelpdeskImportCsv.Problem.EMPTY);
        StringBuilder many = new StringBuilder("username;email;phoneNumber\n");
        for (int i = 0; i < 11; i++) {
            many.append("u").append(i).append(";u").append(i).append("@example.nl;06").append(10000000 + i).append('\n');
        }
        assertThat(parse(many.toString(), null, 11).ok()).isTrue();
        many.append("u;u@example.nl;0612345678\n");
        assertThat(parse(many.toString(), null, 11).problem()).isEqualTo(HelpdeskImportCsv.Problem.TOO_MANY_ROWS);
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsOrAnOpenQuoteIsMalformed() {
        HelpdeskImportCsv.Parsed parsed = parse("username;email;phoneNumber\na;a@b.nl\nb;\"b@b.nl;0612345678\nc;c@b.nl;06\n",
                null, 10);
        assertThat(parsed.ok()).isTrue();
        assertThat(parsed.rows()).extracting(HelpdeskImportCsv.Row::malformed).containsExactly(true, true, false);
        assertThat(parsed.rows()).extracting(HelpdeskImportCsv.Row::line).containsExactly(2, 3, 4);
    }

    private static HelpdeskImportCsv.Parsed parse(String csv, String personnel, int max) {
        return HelpdeskImportCsv.parse(csv.getBytes(StandardCharsets.UTF_8), personnel, max);
    }
}

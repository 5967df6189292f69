package io.github.tweestap.helpdesk;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the CSV file of a migration import (issue 17, part 3): UTF-8 only (with or without a byte order mark; Latin-1
 * bytes, UTF-16 and other encodings are refused as a whole), a header line naming the columns, {@code ;} or {@code ,}
 * as separator (the header decides), double quotes around a field where needed. Nothing here touches Keycloak: the
 * rows come out as maps from column to value, numbered by their line in the file (the header is line 1).
 */
final class HelpdeskImportCsv {

    static final String USERNAME = "username";
    static final String EMAIL = "email";
    static final String PHONE = "phoneNumber";
    static final String FIRST_NAME = "firstName";
    static final String LAST_NAME = "lastName";

    /** Why a whole file is refused; each has a message key {@code tweestapHelpdeskImportFile…}. */
    enum Problem {
        EMPTY("tweestapHelpdeskImportFileEmpty"),
        ENCODING("tweestapHelpdeskImportFileEncoding"),
        HEADER("tweestapHelpdeskImportFileHeader"),
        TOO_MANY_ROWS("tweestapHelpdeskImportFileTooMany");

        private final String messageKey;

        Problem(String messageKey) {
            this.messageKey = messageKey;
        }

        String messageKey() {
            return messageKey;
        }
    }

    /** One data line: its line number, its values by column, or why it could not be read. */
    record Row(int line, Map<String, String> values, boolean malformed) {
        String get(String column) {
            String value = values.get(column);
            return value == null ? "" : value.trim();
        }
    }

    /** The file: its rows, or the problem that refuses it as a whole. */
    record Parsed(List<String> columns, List<Row> rows, Problem problem) {
        boolean ok() {
            return problem == null;
        }
    }

    private HelpdeskImportCsv() {
    }

    /** The header the realm expects: {@code username;email;phoneNumber} and the personnel attribute when it has one. */
    static List<String> expectedColumns(String personnelAttribute) {
        List<String> columns = new ArrayList<>(List.of(USERNAME, EMAIL, PHONE));
        if (personnelAttribute != null) {
            columns.add(personnelAttribute);
        }
        return columns;
    }

    /**
     * Parses {@code bytes}. The header must name {@code username}, {@code email} and {@code phoneNumber} (in any order,
     * any case; Dutch names {@code gebruikersnaam}, {@code e-mailadres}, {@code mobiel} too), may name the realm's
     * personnel attribute, {@code firstName} and {@code lastName} ({@code voornaam}, {@code achternaam}), and nothing else. More than {@code maxRows} data lines refuses the file.
     */
    static Parsed parse(byte[] bytes, String personnelAttribute, int maxRows) {
        String text = decode(bytes);
        if (text == null) {
            return refused(Problem.ENCODING);
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\r\n|\n|\r", -1)));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            return refused(Problem.EMPTY);
        }
        String headerLine = lines.get(0);
        char separator = headerLine.indexOf(';') >= 0 ? ';' : ',';
        List<String> header = split(headerLine, separator);
        if (header == null) {
            return refused(Problem.HEADER);
        }
        List<String> columns = new ArrayList<>();
        for (String name : header) {
            String column = column(name, personnelAttribute);
            if (column == null || columns.contains(column)) {
                return refused(Problem.HEADER);
            }
            columns.add(column);
        }
        if (!columns.containsAll(List.of(USERNAME, EMAIL, PHONE))) {
            return refused(Problem.HEADER);
        }
        long dataLines = lines.stream().skip(1).filter(l -> !l.isBlank()).count();
        if (dataLines == 0) {
            return refused(Problem.EMPTY);
        }
        if (dataLines > maxRows) {
            return refused(Problem.TOO_MANY_ROWS);
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            List<String> values = split(line, separator);
            Map<String, String> byColumn = new LinkedHashMap<>();
            boolean malformed = values == null || values.size() != columns.size();
            if (!malformed) {
                for (int c = 0; c < columns.size(); c++) {
                    byColumn.put(columns.get(c), values.get(c));
                }
            }
            rows.add(new Row(i + 1, byColumn, malformed));
        }
        return new Parsed(List.copyOf(columns), List.copyOf(rows), null);
    }

    private static Parsed refused(Problem problem) {
        return new Parsed(List.of(), List.of(), problem);
    }

    /** Strict UTF-8 (a UTF-8 byte order mark is skipped); null for anything else, UTF-16 with its mark included. */
    static String decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return "";
        }
        int start = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf) {
            start = 3;
        }
        for (int i = start; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return null; // UTF-16 or UTF-32 (with or without a mark): NUL bytes in what should be text
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, start, bytes.length - start));
            String text = chars.toString();
            return text.indexOf('\uFEFF') >= 0 || text.indexOf('\uFFFE') >= 0 ? null : text;
        } catch (CharacterCodingException e) {
            return null; // Latin-1 (Windows-1252) bytes such as é as 0xE9, UTF-16 byte order marks
        }
    }

    /** A line split at {@code separator}, with RFC 4180 quoting; null when a quote is left open. */
    static List<String> split(String line, char separator) {
        List<String> values = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        value.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    value.append(c);
                }
            } else if (c == '"' && value.toString().isBlank() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
                value.setLength(0);
            } else if (c == separator) {
                values.add(value.toString());
                value.setLength(0);
                wasQuoted = false;
            } else {
                value.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        values.add(value.toString());
        return values;
    }

    private static String column(String name, String personnelAttribute) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "username", "gebruikersnaam":
                return USERNAME;
            case "email", "e-mail", "e-mailadres", "emailadres":
                return EMAIL;
            case "phonenumber", "mobiel", "mobiel nummer", "mobielnummer", "mobile", "mobile number":
                return PHONE;
            case "firstname", "voornaam":
                return FIRST_NAME;
            case "lastname", "achternaam":
                return LAST_NAME;
            default:
                break;
        }
        if (personnelAttribute != null && (n.equals(personnelAttribute.toLowerCase(Locale.ROOT))
                || HelpdeskPageResource.PERSONNEL_ATTRIBUTES.stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).equals(n)))) {
            return personnelAttribute;
        }
        return null;
    }
}

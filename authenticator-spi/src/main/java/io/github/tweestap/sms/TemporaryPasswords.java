package io.github.tweestap.sms;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Random temporary passwords that satisfy a password policy's character rules, easy to type from an SMS: no
 * look-alike characters (0/O, 1/l/I) and only specials that every phone keyboard has.
 */
public final class TemporaryPasswords {

    static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    static final String DIGITS = "23456789";
    static final String SPECIAL = "!#%+-=?@";

    /** The character rules of a policy (minimum counts; 0 when the policy has no such rule). */
    public record Rules(int minLength, int maxLength, int lower, int upper, int digits, int special) {
    }

    private final SecureRandom random;

    public TemporaryPasswords(SecureRandom random) {
        this.random = random;
    }

    public String generate(Rules rules) {
        int required = rules.lower() + rules.upper() + rules.digits() + rules.special();
        int length = Math.max(Math.max(14, rules.minLength()), required + 4);
        if (rules.maxLength() > 0) {
            length = Math.min(length, rules.maxLength());
        }
        if (length < required) {
            throw new IllegalArgumentException("the password policy cannot be satisfied");
        }
        List<Character> chars = new ArrayList<>(length);
        add(chars, LOWER, rules.lower());
        add(chars, UPPER, rules.upper());
        add(chars, DIGITS, rules.digits());
        add(chars, SPECIAL, rules.special());
        // Always mix classes, also when the policy does not ask for it.
        String all = LOWER + UPPER + DIGITS + SPECIAL;
        while (chars.size() < length) {
            chars.add(all.charAt(random.nextInt(all.length())));
        }
        Collections.shuffle(chars, random);
        StringBuilder password = new StringBuilder(length);
        chars.forEach(password::append);
        return password.toString();
    }

    private void add(List<Character> chars, String alphabet, int count) {
        for (int i = 0; i < count; i++) {
            chars.add(alphabet.charAt(random.nextInt(alphabet.length())));
        }
    }
}

package dev.backprop.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses an .npy header: a Python dict literal of strings, booleans, integers and tuples. Only the
 * literals numpy writes are accepted; nothing is evaluated. Tuples nest at most
 * {@value #MAX_DEPTH} deep (numpy's own headers nest one deep: the shape), so a header of
 * thousands of opening brackets fails with a message, not a {@link StackOverflowError}.
 */
final class NpyHeaderParser {
    /** How deep values may nest below the dict: a shape is one level, a structured dtype a few. */
    static final int MAX_DEPTH = 8;

    private static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    private final String text;
    private int pos;
    private int depth;

    private NpyHeaderParser(String text) {
        this.text = text;
    }

    /** The dict's entries in header order. */
    static Map<String, Object> parse(String text) throws ModelFormatException {
        NpyHeaderParser parser = new NpyHeaderParser(text);
        Map<String, Object> dict = parser.dict();
        parser.skipSpace();
        if (parser.pos != text.length()) {
            throw parser.error("expected the end of the header after '}'");
        }
        return dict;
    }

    private Map<String, Object> dict() throws ModelFormatException {
        expect('{');
        Map<String, Object> dict = new LinkedHashMap<>();
        while (!peek('}')) {
            skipSpace();
            if (pos >= text.length() || (text.charAt(pos) != '\'' && text.charAt(pos) != '"')) {
                throw error("expected a quoted key");
            }
            String key = string();
            expect(':');
            Object value = value();
            if (dict.put(key, value) != null) {
                throw error("key '" + key + "' appears twice");
            }
            if (!peek('}')) {
                expect(',');
            }
        }
        expect('}');
        return dict;
    }

    private Object value() throws ModelFormatException {
        skipSpace();
        if (pos >= text.length()) {
            throw error("expected a value");
        }
        char c = text.charAt(pos);
        if (c == '\'' || c == '"') {
            return string();
        }
        if (c == '(' || c == '[') {
            return sequence(c == '(' ? ')' : ']');
        }
        if (c >= '0' && c <= '9') {
            return integer();
        }
        int start = pos;
        while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
            pos++;
        }
        switch (text.substring(start, pos)) {
            case "True":
                return Boolean.TRUE;
            case "False":
                return Boolean.FALSE;
            case "None":
                return NONE;
            default:
                pos = start;
                throw error("expected a string, number, tuple, True, False or None");
        }
    }

    private List<Object> sequence(char close) throws ModelFormatException {
        if (++depth > MAX_DEPTH) {
            throw error("tuples nested more than " + MAX_DEPTH + " deep; numpy writes a shape one deep");
        }
        pos++;
        List<Object> items = new ArrayList<>();
        while (!peek(close)) {
            items.add(value());
            if (!peek(close)) {
                expect(',');
            }
        }
        expect(close);
        depth--;
        return items;
    }

    private Long integer() throws ModelFormatException {
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos)) && text.charAt(pos) < 128) {
            pos++;
        }
        String digits = text.substring(start, pos);
        // Python 2 era numpy wrote dimensions as longs: (3L,).
        if (pos < text.length() && text.charAt(pos) == 'L') {
            pos++;
        }
        if (digits.length() > 18) {
            pos = start;
            throw error("integer " + digits + " is too large");
        }
        return Long.parseLong(digits);
    }

    private String string() throws ModelFormatException {
        char quote = text.charAt(pos++);
        StringBuilder s = new StringBuilder();
        while (pos < text.length() && text.charAt(pos) != quote) {
            char c = text.charAt(pos++);
            if (c == '\\' && pos < text.length()) {
                c = text.charAt(pos++);
            }
            s.append(c);
        }
        expect(quote);
        return s.toString();
    }

    private boolean peek(char c) {
        skipSpace();
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) throws ModelFormatException {
        if (!peek(c)) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\n'
                || text.charAt(pos) == '\t' || text.charAt(pos) == '\r')) {
            pos++;
        }
    }

    private ModelFormatException error(String what) {
        String shown = text.length() > 200 ? text.substring(0, 200) + "…" : text;
        return new ModelFormatException(null, null, "malformed header: " + what + " at character " + pos + " of "
                + Printable.escape(shown.strip()));
    }
}

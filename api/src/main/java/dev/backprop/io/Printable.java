package dev.backprop.io;

/**
 * Bytes from a file shown in a message: control characters and anything outside printable ASCII
 * become escapes ({@code \x00}, {@code \u00e9}), so a damaged or hostile header cannot write raw
 * NUL bytes or terminal escape sequences into a log line.
 */
final class Printable {
    private Printable() {
    }

    static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                s.append(c);
            } else if (c < 0x100) {
                s.append(String.format("\\x%02x", (int) c));
            } else {
                s.append(String.format("\\u%04x", (int) c));
            }
        }
        return s.toString();
    }
}

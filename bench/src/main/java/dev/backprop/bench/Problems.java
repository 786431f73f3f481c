package dev.backprop.bench;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * One line for a failure the command line reports: the file and what is wrong with it, never a
 * stack trace (set {@code -Dbackprop.debug=true} to get one) and never a bare path or "null".
 */
final class Problems {
    private Problems() {
    }

    /** "cannot read data/x: permission denied" where the JDK's message would be only "data/x". */
    static String describe(IOException e) {
        if (e instanceof FileSystemException fs && !(e.getClass().getPackageName().startsWith("dev.backprop"))) {
            String file = fs.getFile();
            String reason = fs.getReason();
            String what;
            if (e instanceof AccessDeniedException) {
                what = "permission denied";
            } else if (e instanceof NoSuchFileException) {
                what = "no such file or directory";
            } else if (e instanceof NotDirectoryException) {
                what = "not a directory";
            } else {
                what = reason != null ? reason : e.getClass().getSimpleName();
                reason = null;
            }
            return "cannot read " + file + ": " + what + (reason != null ? " (" + reason + ")" : "");
        }
        debug(e);
        return oneLine(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
    }

    /** A failure nobody anticipated: its type and message, and how to see more. */
    static String unexpected(Throwable e) {
        debug(e);
        String what = e instanceof OutOfMemoryError
                ? "out of memory (" + e.getMessage() + "); give the JVM more heap, e.g. JAVA_OPTS=-Xmx4g"
                : e.getClass().getName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
        return oneLine("unexpected " + what + " (run with -Dbackprop.debug=true for the stack trace, and please report"
                + " it)");
    }

    /** The first line, with control characters shown as escapes. */
    static String oneLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        String first = message.strip().lines().findFirst().orElse("");
        StringBuilder s = new StringBuilder();
        for (char c : first.toCharArray()) {
            s.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return s.toString();
    }

    private static void debug(Throwable e) {
        if (Boolean.getBoolean("backprop.debug")) {
            e.printStackTrace();
        }
    }
}

package dev.backprop.bench;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} and {@code --flag} options of one command, checked against the names the
 * command knows, so a typo is an error rather than silently ignored.
 */
final class Options {
    private final String command;
    private final Map<String, String> values = new LinkedHashMap<>();

    private Options(String command) {
        this.command = command;
    }

    /**
     * @param valued options that take a value
     * @param flags options that take none
     */
    static Options parse(String command, List<String> args, Set<String> valued, Set<String> flags) {
        Options options = new Options(command);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (flags.contains(name) && value == null) {
                options.values.put(name, "true");
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("option " + name + " of '" + command + "' needs a value");
                    }
                    value = args.get(++i);
                }
                options.values.put(name, value);
            } else {
                throw new UsageException("unknown option '" + arg + "' for '" + command + "'; run 'backprop help' for the options");
            }
        }
        return options;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback, int min) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min) {
                throw new UsageException("option " + name + " must be at least " + min + ", got " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new UsageException("option " + name + " needs a whole number, got '" + value + "'");
        }
    }

    long longValue(String name, long fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("option " + name + " needs a whole number, got '" + value + "'");
        }
    }

    double number(String name, double fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("option " + name + " needs a number, got '" + value + "'");
        }
    }

    /** A comma-separated list of positive widths, e.g. "100,30". */
    int[] widths(String name, int[] fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        // -1 keeps empty parts: "," and "30," are mistakes, not an empty list or [30].
        String[] parts = value.split(",", -1);
        int[] widths = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                widths[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                // Also an empty part: parseInt("") throws.
                throw new UsageException("option " + name + " needs widths like 30 or 100,30, got '" + value + "'");
            }
            if (widths[i] < 1) {
                throw new UsageException("option " + name + ": every width must be at least 1, got '" + value + "'");
            }
        }
        return widths;
    }

    /** The names of several commands' options together. */
    @SafeVarargs
    static Set<String> union(Set<String>... sets) {
        Set<String> all = new HashSet<>();
        for (Set<String> s : sets) {
            all.addAll(s);
        }
        return Set.copyOf(all);
    }
}

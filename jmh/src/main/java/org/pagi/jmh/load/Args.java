package org.pagi.jmh.load;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line of the bench programs: {@code --name value} pairs, each name from a known list, each at most
 * once, read with a typed getter that names the option in its error. {@code --help} is handled by the caller
 * ({@link #wantsHelp}). Immutable.
 */
final class Args {
    private final String usage;
    private final Map<String, String> values;

    private Args(String usage, Map<String, String> values) {
        this.usage = usage;
        this.values = Map.copyOf(values);
    }

    /** @return whether the command line asks for the usage text */
    static boolean wantsHelp(String... args) {
        return List.of(args).contains("--help") || List.of(args).contains("-h");
    }

    /**
     * A load program's start: the usage on {@code --help}, or its settings; a bad command line is printed as
     * {@code program: message} and the JVM exits with status 2.
     *
     * @return the settings, or empty when only the usage was asked for
     */
    static <T> java.util.Optional<T> parseOrExit(String program, String usage, String[] args,
            java.util.function.Function<String[], T> parse) {
        if (wantsHelp(args)) {
            System.out.println(usage);
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(parse.apply(args));
        } catch (IllegalArgumentException e) {
            System.err.println(program + ": " + e.getMessage());
            System.exit(2);
            return java.util.Optional.empty();
        }
    }

    /**
     * @param usage the usage text, quoted in every error
     * @param known the option names this program takes, with their dashes
     * @throws IllegalArgumentException for an unknown, repeated or valueless option
     */
    static Args parse(String usage, List<String> known, String... args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option " + name + "; " + usage);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value; " + usage);
            }
            if (values.put(name, args[++i]) != null) {
                throw new IllegalArgumentException(name + " is given twice; " + usage);
            }
        }
        return new Args(usage, values);
    }

    /** @return the value of {@code name}, or {@code fallback} */
    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** @return the value of {@code name}, which must be given */
    String required(String name) {
        return Optional.ofNullable(values.get(name))
                .orElseThrow(() -> new IllegalArgumentException(name + " is required; " + usage));
    }

    /** @return the whole number given as {@code name} (or {@code fallback}), checked to be in {@code min..max} */
    int number(String name, int fallback, int min, int max) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a whole number, got '" + value + "'", e);
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(name + " must be " + min + " to " + max + ", got " + n);
        }
        return n;
    }

    /** @return {@code name} as a duration in seconds (decimals allowed), checked to be in {@code min..max} */
    double seconds(String name, double fallback, double min, double max) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        double s;
        try {
            s = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a number of seconds, got '" + value + "'", e);
        }
        if (!(s >= min && s <= max)) {
            throw new IllegalArgumentException(name + " must be " + min + " to " + max + " seconds, got " + value);
        }
        return s;
    }
}

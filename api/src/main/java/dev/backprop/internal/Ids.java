package dev.backprop.internal;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Constants found by the id that model files, metadata and the command line give them, and the
 * list of those ids for the message when none fits. The lists come from the constants, so a
 * message never names one that does not exist or leaves out one that does.
 */
public final class Ids {
    private Ids() {
    }

    /**
     * The first of {@code constants} whose id {@code matches}.
     *
     * @param <E> the constants' type
     * @param constants the candidates, in the order they are tried
     * @param idOf a constant's id
     * @param matches whether an id is the one wanted (exactly, ignoring case, …)
     * @return the constant, or empty when no id matches
     */
    public static <E> Optional<E> find(E[] constants, Function<? super E, String> idOf, Predicate<String> matches) {
        for (E constant : constants) {
            if (matches.test(idOf.apply(constant))) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }

    /**
     * The ids of {@code constants} in order, separated by ", " and the last two by {@code last}:
     * "a, b, c" with ", ", "a, b or c" with " or ".
     *
     * @param <E> the constants' type
     * @param constants the constants to name
     * @param idOf a constant's id
     * @param last what stands between the last two ids
     * @return the list, empty for no constants
     */
    public static <E> String list(E[] constants, Function<? super E, String> idOf, String last) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < constants.length; i++) {
            if (i > 0) {
                s.append(i == constants.length - 1 ? last : ", ");
            }
            s.append(idOf.apply(constants[i]));
        }
        return s.toString();
    }
}

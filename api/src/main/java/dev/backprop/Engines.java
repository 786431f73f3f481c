package dev.backprop;

import dev.backprop.spi.Availability;
import dev.backprop.spi.Engine;
import dev.backprop.spi.EngineProvider;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds engines on the classpath with {@link ServiceLoader} and picks one.
 *
 * <pre>{@code
 * try (Engine engine = Engines.open()) { … }             // the best available engine
 * System.out.println(Engines.report());                  // every engine, and why one is unavailable
 * Engines.load(pluginClassLoader).choose("simd").open(); // a plugin host's own class loader
 * }</pre>
 *
 * <p>Choice: the engine named by the system property {@value #PROPERTY}, else by the environment
 * variable {@value #ENVIRONMENT}, else the available engine with the highest priority.
 * A provider that fails to load (a class compiled for a newer Java, a missing module) is kept
 * as a failure line in the report instead of breaking discovery.
 *
 * <p>The choice is logged once per JVM through {@link System.Logger} (logger name
 * {@code dev.backprop.Engines}, which reaches JUL, SLF4J or Log4j through their
 * {@code System.LoggerFinder} bridges): the engine chosen at {@code INFO}, and at {@code WARNING}
 * every engine of higher priority that is on the classpath but unavailable, with its reason and
 * fix, since falling back to a slower engine silently would hide a missing JVM flag.
 *
 * <p>Thread-safe: one {@code Engines} may be shared; availabilities are asked once and remembered.
 */
public final class Engines {
    /** System property naming the engine to use, e.g. {@code -Dbackprop.engine=ref}. */
    public static final String PROPERTY = "backprop.engine";
    /** Environment variable naming the engine when the property is not set. */
    public static final String ENVIRONMENT = "BACKPROP_ENGINE";

    private static final System.Logger LOG = System.getLogger(Engines.class.getName());
    /** The choices already logged in this JVM: one line per distinct outcome, not per call. */
    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

    private final List<EngineProvider> found;
    private final List<String> failures;
    private final Map<EngineProvider, Availability> availabilities = new IdentityHashMap<>();
    private List<EngineProvider> ranked;

    private Engines(List<EngineProvider> found, List<String> failures) {
        this.found = List.copyOf(found);
        this.failures = List.copyOf(failures);
    }

    /**
     * Discovers the providers visible to {@code loader}. Providers are instantiated but not yet
     * asked for their availability; a provider that fails to load becomes a line of
     * {@link #failures()} instead of an exception.
     *
     * @param loader the class loader searched, as by {@link ServiceLoader#load(Class, ClassLoader)}:
     *     {@code META-INF/services} entries on its class path and {@code provides} clauses of its
     *     modules
     * @return the providers found, not yet ranked
     */
    public static Engines load(ClassLoader loader) {
        List<EngineProvider> found = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Iterator<EngineProvider> it = ServiceLoader.load(EngineProvider.class, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                // A release-25 engine jar on a Java 17 runtime throws UnsupportedClassVersionError
                // straight through the iterator, not wrapped; keep going to find the others.
                failures.add(describeFailure(e));
            }
        }
        return new Engines(found, failures);
    }

    /**
     * Discovers the providers visible to the thread's context class loader (or this library's).
     *
     * @return the providers found, as {@link #load(ClassLoader)}
     */
    public static Engines load() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return load(loader != null ? loader : Engines.class.getClassLoader());
    }

    /**
     * Opens the engine {@link #choose()} picks among those on the classpath; each call discovers
     * the providers again and opens a new engine.
     *
     * @return a new open engine, the caller's to close
     * @throws IllegalArgumentException if the engine named by {@value #PROPERTY} or
     *     {@value #ENVIRONMENT} is not on the classpath
     * @throws IllegalStateException if the named engine, or every engine, is unavailable
     */
    public static Engine open() {
        return load().choose().open();
    }

    /**
     * A multi-line report of every engine on the classpath; see {@link #describe()}.
     *
     * @return the report of a fresh {@link #load()}, one line per engine and the choice
     */
    public static String report() {
        return load().describe();
    }

    /**
     * The providers found, highest priority first. Each provider's availability is checked before
     * its priority is read, since an engine may only know its priority once it has looked at the
     * machine (the OpenCL engine ranks itself above SIMD only when it finds a GPU).
     *
     * @return an unmodifiable list of every provider found, available or not; a provider whose
     *     {@code priority()} throws comes last
     */
    public synchronized List<EngineProvider> providers() {
        if (ranked == null) {
            for (EngineProvider provider : found) {
                availability(provider);
            }
            List<EngineProvider> sorted = new ArrayList<>(found);
            sorted.sort(Comparator.comparingInt(Engines::priorityOf).reversed());
            ranked = List.copyOf(sorted);
        }
        return ranked;
    }

    /**
     * The provider's availability, asked once per {@code Engines} and remembered.
     *
     * @param provider one of {@link #providers()}
     * @return what it answered; if its check threw, an unavailable one that names the exception
     */
    public synchronized Availability availability(EngineProvider provider) {
        return availabilities.computeIfAbsent(provider, Engines::availabilityOf);
    }

    /**
     * The providers that could not be loaded, such as an engine compiled for a newer Java.
     *
     * @return an unmodifiable list, one line per failure (empty when all loaded)
     */
    public List<String> failures() {
        return failures;
    }

    /**
     * The engine named by {@value #PROPERTY} or {@value #ENVIRONMENT}, else the available one with
     * the highest priority. The choice is logged once per JVM (see the class description).
     *
     * @return the chosen provider, available; call {@link EngineProvider#open()} on it
     * @throws IllegalArgumentException if the named engine is not on the classpath
     * @throws IllegalStateException if the named engine, or every engine, is unavailable
     */
    public EngineProvider choose() {
        String named = requested();
        EngineProvider chosen = named != null ? find(named) : best();
        if (chosen == null) {
            throw new IllegalStateException(noneAvailable());
        }
        logChoice(chosen, named != null);
        return chosen;
    }

    /** The available provider of highest priority, or null. */
    private EngineProvider best() {
        for (EngineProvider provider : providers()) {
            if (availability(provider).available()) {
                return provider;
            }
        }
        return null;
    }

    /** Why nothing can be chosen, built from the providers' lines (never from {@link #describe()}, which chooses). */
    private String noneAvailable() {
        StringBuilder s = new StringBuilder();
        if (found.isEmpty()) {
            s.append("no backprop engine on the classpath; add dev.backprop:backprop-engine-ref (plain Java, any JVM 17+)");
        } else {
            s.append("no available backprop engine among the ").append(found.size())
                    .append(" on the classpath; fix one of these or add dev.backprop:backprop-engine-ref:");
        }
        s.append(System.lineSeparator()).append(providerLines());
        return s.toString().strip();
    }

    /**
     * Logs the choice once per JVM: INFO for the engine, WARNING for each engine that would have
     * ranked higher but is unavailable (the typical case: simd without --add-modules).
     */
    private void logChoice(EngineProvider chosen, boolean named) {
        StringBuilder skipped = new StringBuilder();
        if (!named) {
            for (EngineProvider provider : providers()) {
                if (provider == chosen) {
                    break;
                }
                skipped.append(provider.name()).append(' ');
            }
        }
        if (!LOGGED.add(chosen.name() + '|' + skipped)) {
            return;
        }
        if (!named) {
            for (EngineProvider provider : providers()) {
                if (provider == chosen) {
                    break;
                }
                LOG.log(Level.WARNING, "backprop engine " + provider.name() + " is on the classpath but unavailable: "
                        + availability(provider).detail() + "; falling back to " + chosen.name());
            }
        }
        LOG.log(Level.INFO, "backprop engine " + chosen.name() + ": " + availability(chosen).detail()
                + (named ? " (named by -D" + PROPERTY + " or " + ENVIRONMENT + ")" : ""));
    }

    /** Forgets which choices were logged, so that a test can see the log line again. */
    static void forgetLoggedChoices() {
        LOGGED.clear();
    }

    /**
     * The engine called {@code name}, whatever {@value #PROPERTY} says.
     *
     * @param name a provider's {@link EngineProvider#name()}, such as {@code "ref"}; case and
     *     surrounding spaces are ignored
     * @return that provider, available
     * @throws IllegalArgumentException if none is on the classpath
     * @throws IllegalStateException if it is there but unavailable, with its reason and fix
     */
    public EngineProvider choose(String name) {
        EngineProvider chosen = find(name);
        logChoice(chosen, true);
        return chosen;
    }

    private EngineProvider find(String name) {
        Objects.requireNonNull(name, "name");
        // Only the named provider is asked for its availability: another's check can be slow
        // (the OpenCL engine's loads its library and lists the devices, some 100 ms), and a
        // program that names its engine should not pay for the others at start-up. Ranking,
        // which needs every availability, is only needed when several share the name.
        EngineProvider named = null;
        int matches = 0;
        for (EngineProvider provider : found) {
            if (provider.name().equalsIgnoreCase(name.trim())) {
                named = provider;
                matches++;
            }
        }
        if (matches > 1) {
            for (EngineProvider provider : providers()) {
                if (provider.name().equalsIgnoreCase(name.trim())) {
                    named = provider;
                    break;
                }
            }
        }
        if (named == null) {
            throw new IllegalArgumentException("no engine named '" + name + "' on the classpath; found: " + names()
                    + (failures.isEmpty() ? "" : " (and " + failures.size() + " that failed to load)"));
        }
        Availability availability = availability(named);
        if (!availability.available()) {
            throw new IllegalStateException("engine '" + named.name() + "' is unavailable: " + availability.detail());
        }
        return named;
    }

    /** The engine name requested by property or environment, or null. */
    static String requested() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            value = System.getenv(ENVIRONMENT);
        }
        return value == null || value.isBlank() ? null : value.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * One line per provider, highest priority first: name, priority, available or not, and the
     * provider's detail (what it found, or the reason and the fix); then the load failures and
     * which engine {@link #choose()} picks.
     *
     * <pre>{@code
     * ref      priority   0  available   plain Java loops on one thread, float32; runs on any JVM 17+
     * chosen: ref (highest priority available; name another with -Dbackprop.engine=NAME)
     * }</pre>
     *
     * @return the report, each line ended by the platform's line separator; it never throws for
     *     a missing or unavailable engine, it says so
     */
    public String describe() {
        StringBuilder s = new StringBuilder(providerLines());
        if (found.isEmpty()) {
            s.append("no engine on the classpath; add dev.backprop:backprop-engine-ref").append(System.lineSeparator());
        }
        String named = requested();
        try {
            EngineProvider chosen = named != null ? find(named) : best();
            s.append("chosen: ");
            if (chosen == null) {
                s.append("none: no engine is available");
            } else {
                s.append(chosen.name()).append(named != null
                        ? " (named by -D" + PROPERTY + " or " + ENVIRONMENT + ")"
                        : " (highest priority available; name another with -D" + PROPERTY + "=NAME)");
            }
        } catch (RuntimeException e) {
            s.append("chosen: none: ").append(e.getMessage());
        }
        return s.append(System.lineSeparator()).toString();
    }

    /** One line per provider, highest priority first, then one per load failure. */
    private String providerLines() {
        StringBuilder s = new StringBuilder();
        for (EngineProvider provider : providers()) {
            Availability availability = availability(provider);
            s.append(String.format("%-8s priority %3d  %-11s %s%n", provider.name(), priorityOf(provider),
                    availability.available() ? "available" : "UNAVAILABLE", availability.detail()));
        }
        for (String failure : failures) {
            s.append("(failed to load) ").append(failure).append(System.lineSeparator());
        }
        return s.toString();
    }

    private String names() {
        List<String> names = new ArrayList<>();
        for (EngineProvider provider : providers()) {
            names.add(provider.name());
        }
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    /** A provider whose availability check itself throws is reported unavailable with the cause. */
    static Availability availabilityOf(EngineProvider provider) {
        try {
            return provider.availability();
        } catch (RuntimeException | LinkageError e) {
            return Availability.unavailable("its availability check failed with " + e, "report this to the engine's authors");
        }
    }

    private static int priorityOf(EngineProvider provider) {
        try {
            return provider.priority();
        } catch (RuntimeException | LinkageError e) {
            return Integer.MIN_VALUE;
        }
    }

    private static String describeFailure(Throwable e) {
        String text = e.toString();
        if (e instanceof UnsupportedClassVersionError) {
            text += " — this engine needs a newer Java than " + System.getProperty("java.version");
        }
        return text;
    }
}

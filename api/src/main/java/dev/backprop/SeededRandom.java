package dev.backprop;

import java.util.Random;

/**
 * The api's seeded generator: exactly {@link Random}'s sequence (the 48-bit linear congruential
 * generator its javadoc specifies, so every method Random builds on {@code next(bits)}, such as
 * {@code nextInt(bound)}, {@code nextFloat()} and {@code nextDouble()}, gives Random's values), but
 * with a state that can be saved and restored. A resumed training run continues the shuffles and
 * dropout masks of the run that was interrupted, bit for bit.
 *
 * <pre>{@code
 * SeededRandom random = new SeededRandom(42);      // the values of new Random(42)
 * random.nextInt(10);
 * SeededRandom.State saved = random.state();
 * int next = random.nextInt(10);
 * random.restore(saved);
 * assert random.nextInt(10) == next;
 * }</pre>
 *
 * <p>Not thread-safe (unlike Random, whose seed is atomic): one training run uses it from one
 * thread.
 */
public final class SeededRandom extends Random {
    private static final long serialVersionUID = 1L;
    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final long ADDEND = 0xBL;
    private static final long MASK = (1L << 48) - 1;

    /*
     * No field initialisers: Random's constructor calls setSeed before this class's initialisers
     * would run, and they would then overwrite what setSeed set.
     */
    /** The 48-bit state of the linear congruential generator. */
    private long seed;
    /** The second value of the polar method's last pair, waiting for the next nextGaussian(). */
    private double nextNextGaussian;
    /** Whether {@link #nextNextGaussian} is waiting. */
    private boolean haveNextNextGaussian;

    /**
     * A generator that gives the values of {@code new Random(seed)}.
     *
     * @param seed any value
     */
    public SeededRandom(long seed) {
        super(seed);
    }

    /**
     * Everything the generator's future depends on.
     *
     * @param seed the 48-bit state of the linear congruential generator
     * @param haveNextNextGaussian whether a second Gaussian of the polar method is waiting
     * @param nextNextGaussian that Gaussian (0 when none waits)
     */
    public record State(long seed, boolean haveNextNextGaussian, double nextNextGaussian) {
        /**
         * Checks the seed's range.
         *
         * @throws IllegalArgumentException if {@code seed} is outside [0, 2⁴⁸)
         */
        public State {
            if (seed < 0 || seed > MASK) {
                throw new IllegalArgumentException("a SeededRandom state is 48 bits, got " + seed);
            }
        }
    }

    /**
     * The current state, to save.
     *
     * @return what {@link #restore} needs to continue from here
     */
    public State state() {
        return new State(seed, haveNextNextGaussian, haveNextNextGaussian ? nextNextGaussian : 0);
    }

    /**
     * Continues from a saved state: the next values are those that followed {@link #state()}.
     *
     * @param state a state from {@link #state()}, of this or another instance
     */
    public void restore(State state) {
        this.seed = state.seed();
        this.haveNextNextGaussian = state.haveNextNextGaussian();
        this.nextNextGaussian = state.nextNextGaussian();
    }

    /** Random's scramble of the seed, as {@code Random.setSeed} specifies it. */
    @Override
    public void setSeed(long seed) {
        this.seed = (seed ^ MULTIPLIER) & MASK;
        this.haveNextNextGaussian = false;
    }

    /** The linear congruential step of Random's javadoc: seed ← (seed · 0x5DEECE66D + 0xB) mod 2⁴⁸. */
    @Override
    protected int next(int bits) {
        seed = (seed * MULTIPLIER + ADDEND) & MASK;
        return (int) (seed >>> (48 - bits));
    }

    /**
     * The polar method of Random's javadoc (Box, Muller and Marsaglia), with StrictMath as it
     * specifies, keeping the second value for the next call in this object's state.
     */
    @Override
    public double nextGaussian() {
        if (haveNextNextGaussian) {
            haveNextNextGaussian = false;
            return nextNextGaussian;
        }
        double v1;
        double v2;
        double s;
        do {
            v1 = 2 * nextDouble() - 1;
            v2 = 2 * nextDouble() - 1;
            s = v1 * v1 + v2 * v2;
        } while (s >= 1 || s == 0);
        double multiplier = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        nextNextGaussian = v2 * multiplier;
        haveNextNextGaussian = true;
        return v1 * multiplier;
    }
}

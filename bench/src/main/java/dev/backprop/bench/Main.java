package dev.backprop.bench;

/** Placeholder entry point; replaced by the command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        throw new UnsupportedOperationException("not yet");
    }
}

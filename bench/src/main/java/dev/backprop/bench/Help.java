package dev.backprop.bench;

/** The text of {@code backprop help}. */
final class Help {
    private Help() {
    }

    static final String TEXT = """
            backprop: train and run fully connected networks with backpropagation (BP1-BP4).

            Commands
              mnist     train on MNIST-format IDX data and report test accuracy after each epoch
              engines   list the engines on the classpath, which one is chosen and why others are unavailable
              evaluate  measure a saved model (.npz) on the test half of MNIST-format data
              help      this text

            mnist options (defaults: the book's chapter-1 network)
              --preset chapter1|chapter3  chapter1: 30 hidden, sigmoid, quadratic, N(0,1), eta 3.0, 10 epochs
                                          chapter3: 100 hidden, cross-entropy, N(0,1/n_in), eta 0.5, lambda 5.0, 30 epochs
              --data DIR         a directory with train-/t10k- images and labels (plain or .gz); default: the bundled mnist10k
              --hidden W[,W..]   hidden layer widths, e.g. 100 or 100,30
              --activation NAME  hidden activation: sigmoid, tanh, relu, identity
              --cost NAME        quadratic, cross-entropy (sigmoid output) or log-likelihood (softmax output)
              --init NAME        standard (N(0,1)) or scaled (N(0,1/n_in))
              --eta X            learning rate
              --lambda X         L2 regularisation
              --epochs N         passes over the training data
              --batch N          mini-batch size (default 10)
              --seed N           seed of the initial weights and the shuffling (default 1)
              --limit N          train on the first N training examples only
              --engine NAME      ref, or any engine 'backprop engines' lists (default: the best available)
              --save FILE        write the trained model as .npz (numpy.load reads it)
              --monitor-all      also report training cost and accuracy and test cost each epoch

            evaluate options
              --model FILE       an .npz written by 'mnist --save'
              --data DIR         as for mnist (the test files are used)
              --engine NAME      as for mnist

            Exit codes: 0 done, 1 failed (bad file, training diverged), 2 bad command line.
            """;
}

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
              evaluate  measure a saved model (.npz) on the test half of MNIST-format data, or with --csv on a table
              train     train on a CSV/TSV table (--csv FILE --label COL [--regression]); test metrics; --save a model
              predict   a saved table model on new rows: --model M --csv FILE [--out FILE] writes a CSV of predictions
              export    --model M --onnx FILE: the model as ONNX (opset 13), scaling and class names included
              import    --onnx FILE --out M.npz: a Gemm or MatMul+Add chain (e.g. from PyTorch) as a model file
              reproduce train the book's MNIST experiments on every engine; a table, CSV, Markdown and an SVG chart
              report    turn the results of bench/run-all.sh into RESULTS.md and SVG charts
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

            chapter 3's training options (mnist and train; defaults: the book's, or the paper's for adam/rmsprop)
              --optimizer NAME   sgd (default), momentum, nesterov, adam, adamw or rmsprop
              --momentum MU      momentum and nesterov: v -> MU v - eta grad, w -> w + v (default 0.9)
              --beta1 B --beta2 B --epsilon E   adam and adamw (Kingma and Ba: 0.9, 0.999, 1e-8; use --eta 0.001)
              --weight-decay D   adamw's decoupled decay w -> (1 - eta D) w (default 0.01)
              --rho R            rmsprop's running-mean decay (default 0.9; epsilon as for adam)
              --l1 X             L1 regularisation: w -> w - (eta X / n) sgn(w) - eta grad, sgn(0) = 0 (default 0)
              --dropout P        drop each hidden neuron with probability P while training (the book: 0.5; default 0)
              --schedule S       constant (default), step:K:F (eta x F every K epochs), exponential:G (eta x G each
                                 epoch), halving[:N] (the book's: halve eta when the metric has not improved for N
                                 epochs, N = 10; stop at eta/128)
              --warmup N         ramp eta up linearly over the first N epochs (default 0)
              --validation F     hold back a share F of the training data, stratified and seeded (default 0); train
                                 --csv takes it from the table beside --test
              --early-stop N     stop after N epochs without improvement and keep the best epoch (the book: 10)
              --metric NAME      what early stopping and halving watch: validation-accuracy (default), validation-cost,
                                 training-accuracy or training-cost
              --keep-last        keep the last epoch's parameters instead of the best one's
              --checkpoint DIR   write DIR/checkpoint.npz (atomically) every --checkpoint-every N epochs (default 1)
              --resume DIR       continue the run whose checkpoint is in DIR, with the same options; the result is
                                 bit for bit the uninterrupted run's. It keeps checkpointing into DIR
              --plot FILE        draw cost, accuracy and eta per epoch as an SVG, the best epoch and the stop marked

            evaluate options
              --model FILE       an .npz written by 'mnist --save'
              --data DIR         as for mnist (the test files are used)
              --engine NAME      as for mnist

            train options (also every mnist and chapter 3 option but --data and --preset's MNIST figures)
              --csv FILE         the table; a header in line 1 unless --no-header; .tsv names mean tabs
              --label COL        the column to predict, by name or number (1 = first); with --regression, COL,COL,…
              --regression       numeric targets: linear output, standardised targets (default eta 0.1, 50 epochs)
              --ignore COLS      columns that are neither features nor targets, e.g. id,name or 1,7
              --delimiter D      comma, tab, semicolon or one character
              --scaling KIND     standardize (default), min-max or none; fitted on the training rows only
              --test F           the share held out for the metrics (default 0.2; stratified by class)

            reproduce options (the book: chapter 1 and chapter 3; mini-batches of 10, sigmoid neurons)
              --experiments LIST  any of ch1-30 ([784,30,10], quadratic, N(0,1), eta 3.0), ch1-100 (100 hidden),
                                  ch3 ([784,100,10], cross-entropy, N(0,1/n_in), eta 0.5, lambda 5.0); default these three.
                                  Chapter 3's comparison, on ch3's network: ch3-l1 (L1 1.0 for L2), ch3-dropout (p 0.5 for
                                  L2), ch3-momentum (mu 0.9, eta 0.05), ch3-adam (eta 0.001), ch3-halving (10 % validation,
                                  halving:5, early stop 10); "chapter3" names ch3 and these five
              --engines LIST      e.g. ref,simd (default: every available engine); a missing one is skipped with the reason
              --epochs N          default 30, as in the book
              --seeds LIST        e.g. 1,2,3 (default 1): initial weights and shuffling
              --data DIR          MNIST-format data (default: the bundled mnist10k). The full MNIST is recognised by its
                                  label counts: then the first 50,000 training images are used and the book's figures shown
              --limit N           train on the first N training examples only
              --out DIR           where reproduce.csv, reproduce.md, accuracy.svg and each run's learning curves
                                  (curves-EXPERIMENT-ENGINE-seedN.svg) go (default backprop-results)

            report options
              --results DIR       what bench/run-all.sh collected (default bench/results)
              --out FILE          the page to write (default RESULTS.md beside DIR)

            Exit codes: 0 done, 1 failed (bad file, training diverged), 2 bad command line.
            """;
}

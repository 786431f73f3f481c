"""The book's experiments, with the same names and settings as `backprop reproduce`.

Every one uses sigmoid neurons and mini-batches of 10; they differ in the hidden layer, the
cost, the weight initialisation (biases are N(0, 1) in both) and η, λ.
"""
EXPERIMENTS = {
    # chapter 1, network.py: Network([784, 30, 10]); SGD(training_data, 30, 10, 3.0)
    "ch1-30": dict(sizes=[784, 30, 10], cost="quadratic", init="standard", eta=3.0, lmbda=0.0),
    # chapter 1: Network([784, 100, 10]), same η
    "ch1-100": dict(sizes=[784, 100, 10], cost="quadratic", init="standard", eta=3.0, lmbda=0.0),
    # chapter 3, network2.py: cross-entropy, N(0, 1/n_in) weights, η = 0.5, λ = 5.0
    "ch3": dict(sizes=[784, 100, 10], cost="cross-entropy", init="scaled", eta=0.5, lmbda=5.0),
}
MINI_BATCH = 10
BOOK_TRAINING_SIZE = 50000  # mnist_loader keeps the first 50,000 of the 60,000 for training


def training_size(available, limit):
    """How many training examples to use: --limit, else the book's 50,000 of the full 60,000."""
    if limit:
        return min(limit, available)
    return BOOK_TRAINING_SIZE if available == 60000 else available

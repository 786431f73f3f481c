package dev.backprop.spark;

import dev.backprop.Optimizer;
import dev.backprop.Schedule;
import dev.backprop.Trainer;

/**
 * One set of hyper-parameters for the comparisons: given alike to {@link SparkTrainer},
 * {@link Trainer} and {@link SequentialReference}.
 *
 * @param name what the case is, for the test's name
 */
record TrainingCase(String name, Optimizer optimizer, double eta, double lambda, double lambda1, double dropout,
                    Schedule schedule, int warmUp, int miniBatchSize, int epochs, long seed) {

    /** Plain SGD with L2: chapter 1 and Eq. 93. */
    static TrainingCase sgd(double eta, double lambda, int epochs, long seed) {
        return new TrainingCase("sgd, L2", Optimizer.sgd(), eta, lambda, 0, 0, Schedule.constant(), 0, 10, epochs, seed);
    }

    TrainingCase named(String name) {
        return new TrainingCase(name, optimizer, eta, lambda, lambda1, dropout, schedule, warmUp, miniBatchSize, epochs,
                seed);
    }

    TrainingCase with(Optimizer rule, double learningRate) {
        return new TrainingCase(name, rule, learningRate, lambda, lambda1, dropout, schedule, warmUp, miniBatchSize,
                epochs, seed);
    }

    TrainingCase l1(double value) {
        return new TrainingCase(name, optimizer, eta, lambda, value, dropout, schedule, warmUp, miniBatchSize, epochs, seed);
    }

    TrainingCase dropout(double p) {
        return new TrainingCase(name, optimizer, eta, lambda, lambda1, p, schedule, warmUp, miniBatchSize, epochs, seed);
    }

    TrainingCase schedule(Schedule s, int warmUpEpochs) {
        return new TrainingCase(name, optimizer, eta, lambda, lambda1, dropout, s, warmUpEpochs, miniBatchSize, epochs,
                seed);
    }

    TrainingCase forEpochs(int count) {
        return new TrainingCase(name, optimizer, eta, lambda, lambda1, dropout, schedule, warmUp, miniBatchSize, count,
                seed);
    }

    SparkTrainer spark(Mode mode, String engine) {
        return SparkTrainer.builder().mode(mode).engine(engine).optimizer(optimizer).learningRate(eta).lambda(lambda)
                .lambda1(lambda1).dropout(dropout).schedule(schedule).warmUp(warmUp).miniBatchSize(miniBatchSize)
                .epochs(epochs).seed(seed).build();
    }

    Trainer local(String engine) {
        return Trainer.builder().engine(TestData.engine(engine)).optimizer(optimizer).learningRate(eta).lambda(lambda)
                .lambda1(lambda1).dropout(dropout).schedule(schedule).warmUp(warmUp).miniBatchSize(miniBatchSize)
                .epochs(epochs).seed(seed).build();
    }

    /** The η of step {@code step} (from 0) of {@code epoch} (from 1), of {@code steps} an epoch: schedule, then warm-up. */
    double eta(int epoch, int step, int steps) {
        double epochEta = eta * schedule.factor(epoch);
        if (epoch > warmUp) {
            return epochEta;
        }
        return epochEta * ((long) (epoch - 1) * steps + step + 1) / ((double) warmUp * steps);
    }

    @Override
    public String toString() {
        return name;
    }
}

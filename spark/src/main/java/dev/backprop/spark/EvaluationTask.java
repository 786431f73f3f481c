package dev.backprop.spark;

import dev.backprop.Backpropagation;
import dev.backprop.Evaluation;
import dev.backprop.Evaluator;

import java.io.Serializable;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * The training-set monitors of an epoch (network2.py's {@code monitor_training_cost} and
 * {@code _accuracy}) on the distributed examples: each partition evaluates its own with
 * {@link Evaluator#evaluate}, and the driver adds the results up in partition order.
 */
final class EvaluationTask implements Function2<Integer, Iterator<Shard>, Iterator<EvaluationTask.Part>> {
    private static final long serialVersionUID = 1L;

    private final NetworkShape shape;
    private final String engineName;
    private final Broadcast<float[]> parameters;

    EvaluationTask(NetworkShape shape, String engineName, Broadcast<float[]> parameters) {
        this.shape = shape;
        this.engineName = engineName;
        this.parameters = parameters;
    }

    /**
     * One partition's {@link Evaluation} ({@code Evaluation} itself is not serializable).
     *
     * @param examples the partition's examples, at least 1
     * @param cost the mean cost over them
     * @param correct how many the network classified right, or −1 for examples with target
     *     vectors
     */
    record Part(int examples, double cost, int correct) implements Serializable {
    }

    @Override
    public Iterator<Part> call(Integer partition, Iterator<Shard> shards) {
        Shard shard = shards.next();
        if (shard.size() == 0) {
            return Collections.emptyIterator();
        }
        try (ExecutorEngines.Lease lease = ExecutorEngines.borrow(engineName)) {
            Backpropagation bp = lease.session(shape);
            bp.setParameters(Flat.unpack(parameters.value(), shape.network()));
            Evaluation e = Evaluator.evaluate(bp, shard.examples());
            return Collections.singletonList(new Part(e.examples(), e.cost(), e.correct())).iterator();
        }
    }

    /** The partitions' evaluations as one: costs weighted by examples, correct answers added. */
    static Evaluation combine(List<Part> parts) {
        long examples = 0;
        double costSum = 0;
        long correct = 0;
        boolean labelled = true;
        for (Part e : parts) {
            examples += e.examples();
            costSum += e.cost() * e.examples();
            labelled &= e.correct() >= 0;
            correct += Math.max(0, e.correct());
        }
        return new Evaluation(Math.toIntExact(examples), costSum / examples, labelled ? Math.toIntExact(correct) : -1);
    }
}

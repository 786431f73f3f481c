package dev.backprop.spark;

import dev.backprop.Adam;
import dev.backprop.Momentum;
import dev.backprop.Optimizer;
import dev.backprop.RmsProp;
import dev.backprop.Sgd;

import java.io.Serializable;

/**
 * An api {@link Optimizer} in a form that travels to executors. The api's rules are not
 * serializable and their set is closed (their constructor is package-private): {@link Sgd},
 * {@link Momentum} (and Nesterov), {@link Adam} (and AdamW), {@link RmsProp}. So the rule's id and
 * hyper-parameters travel, and the executor rebuilds the rule through the api's own factories and
 * constructors, which check the values again. Unused hyper-parameters are 0. A record, so that an
 * executor can key its sessions by it: equal specs are the same rule.
 *
 * @param id the rule's {@link Optimizer#id()}
 * @param mu momentum's μ
 * @param beta1 Adam's β₁
 * @param beta2 Adam's β₂
 * @param epsilon Adam's and RMSProp's ε
 * @param weightDecay AdamW's decoupled decay
 * @param rho RMSProp's ρ
 */
record OptimizerSpec(String id, double mu, double beta1, double beta2, double epsilon, double weightDecay, double rho)
        implements Serializable {
    /** Plain SGD: the rule of a session that only computes gradients or evaluates. */
    static final OptimizerSpec SGD = new OptimizerSpec("sgd", 0, 0, 0, 0, 0, 0);

    /**
     * @throws IllegalArgumentException for a rule this module does not know (one added to the api
     *     later), naming it
     */
    static OptimizerSpec of(Optimizer optimizer) {
        if (optimizer instanceof Sgd) {
            return SGD;
        }
        if (optimizer instanceof Momentum m) {
            return new OptimizerSpec(m.id(), m.mu(), 0, 0, 0, 0, 0);
        }
        if (optimizer instanceof Adam a) {
            return new OptimizerSpec(a.id(), 0, a.beta1(), a.beta2(), a.epsilon(), a.weightDecay(), 0);
        }
        if (optimizer instanceof RmsProp r) {
            return new OptimizerSpec(r.id(), 0, 0, 0, r.epsilon(), 0, r.rho());
        }
        throw new IllegalArgumentException("optimizer " + optimizer + " (" + optimizer.getClass().getName()
                + ") is not one backprop-spark can send to executors: sgd, momentum, nesterov, adam, adamw or rmsprop");
    }

    /**
     * The rule itself, rebuilt with the api's checks.
     *
     * @throws IllegalArgumentException for an unknown id, or hyper-parameters the rule refuses
     */
    Optimizer optimizer() {
        return Optimizer.of(id, (name, standard) -> switch (name) {
            case "momentum" -> mu;
            case "beta1" -> beta1;
            case "beta2" -> beta2;
            case "epsilon" -> epsilon;
            case "weight-decay" -> weightDecay;
            case "rho" -> rho;
            default -> throw new IllegalStateException("the api asked for a hyper-parameter spark does not send: " + name);
        });
    }
}

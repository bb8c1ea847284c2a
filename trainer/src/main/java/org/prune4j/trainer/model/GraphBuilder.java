package org.prune4j.trainer.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.prune4j.masks.MaskMethod;
import org.prune4j.masks.NameHash;

/**
 * Adds parameters and masked layers to a graph. Initial values are a pure function of (seed, name):
 * the random stream of each weight is seeded from the run seed and the weight's name, so adding a
 * layer never changes the initial values of the others.
 */
public final class GraphBuilder {

    private final SameDiff sd;
    private final long seed;
    private final Masking masking;
    private final List<PrunableWeight> prunable = new ArrayList<>();

    /** A builder whose prunable weights get the mask method {@code masking} chooses for each. */
    public GraphBuilder(SameDiff sd, long seed, Masking masking) {
        this.sd = sd;
        this.seed = seed;
        this.masking = masking;
    }

    public SameDiff graph() {
        return sd;
    }

    public List<PrunableWeight> prunable() {
        return List.copyOf(prunable);
    }

    /** A trainable weight drawn from N(0, std^2), seeded by (seed, name). */
    public SDVariable normal(String name, double std, long... shape) {
        return sd.var(name, gaussian(name, std, shape));
    }

    /** A trainable weight filled with {@code value}. */
    public SDVariable filled(String name, double value, long... shape) {
        return sd.var(name, Nd4j.valueArrayOf(shape, (float) value));
    }

    /**
     * A prunable weight with He-normal initialisation ({@code std = sqrt(2 / fanIn)}), returned already
     * passed through its mask method (see {@link #maskedNormal}).
     */
    public SDVariable maskedWeight(String name, long fanIn, long... shape) {
        return maskedNormal(name, Math.sqrt(2.0 / fanIn), shape);
    }

    /**
     * A prunable weight drawn from N(0, std^2), returned as the effective weight its mask method
     * builds: {@code W * W_mask} with a hard-mask constant {@code name + "_mask"} (all ones until
     * something is pruned), or the method's soft form while it is soft. For models whose
     * initialisation is not He-normal (a transformer wants a small fixed std so the untrained logits
     * are near uniform).
     */
    public SDVariable maskedNormal(String name, double std, long... shape) {
        SDVariable w = normal(name, std, shape);
        MaskMethod method = masking.methodFor(name, shape);
        method.validate(name, shape);
        prunable.add(new PrunableWeight(name, MaskMethod.hardMaskName(name), shape));
        return method.apply(sd, w);
    }

    /** {@code x·W + b} with a masked {@code [nIn, nOut]} weight named {@code layer/W}; x is {@code [batch, nIn]}. */
    public SDVariable dense(String layer, SDVariable x, long nIn, long nOut) {
        return dense(layer, x, nIn, nOut, Math.sqrt(2.0 / nIn));
    }

    /** As {@link #dense(String, SDVariable, long, long)} but with the weight drawn from N(0, std^2). */
    public SDVariable dense(String layer, SDVariable x, long nIn, long nOut, double std) {
        SDVariable w = maskedNormal(layer + "/W", std, nIn, nOut);
        SDVariable b = filled(layer + "/b", 0.0, 1, nOut);
        return x.mmul(w).add(b);
    }

    private INDArray gaussian(String name, double std, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        SplittableRandom rng = new SplittableRandom(seed ^ NameHash.fnv1a64(name));
        float[] values = new float[Math.toIntExact(n)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (gaussian(rng) * std);
        }
        return Nd4j.create(values, shape, 'c');
    }

    /** Marsaglia's polar method: SplittableRandom has no nextGaussian on Java 17. */
    private static double gaussian(SplittableRandom rng) {
        double u;
        double v;
        double s;
        do {
            u = rng.nextDouble(-1, 1);
            v = rng.nextDouble(-1, 1);
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }
}

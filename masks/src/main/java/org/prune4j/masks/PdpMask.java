package org.prune4j.masks;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * PDP, parameter-free differentiable pruning (Cho, Adya, Naik, NeurIPS'23; reference/algorithms.md §3):
 * the effective weight is {@code W * m(W) * W_mask} with the soft mask
 * {@code m = σ((s² - t²) / τ)}, where s is the unit's score ({@code |w|}, or the L2 norm of an output
 * channel) and t the midpoint between the smallest kept and the largest pruned score at the current
 * target. No parameters are added: the gradient reaches W through both factors,
 * {@code dŴ/dw = m + (2w²/τ)·m(1 - m)} for entries, which pushes weights near the threshold to a side.
 *
 * <p>In the graph, t² and 1/τ are constants ({@code W_pdp_t2}, {@code W_pdp_slope}) that
 * {@link #update} recomputes on the host before every step (so they carry no gradient: the reference
 * recommendation, §3.2); for N:M, {@code W_pdp_t2} holds every entry's group threshold. Until the
 * first update and after {@link #harden} the soft factor is switched off: with
 * {@code t² = -1} and slope 1e4 the sigmoid's argument is at least 1e4, so m is exactly 1 in float and
 * double and its gradient exactly 0, and the effective weight is {@code W * W_mask}.
 *
 * <p>The hard mask is the exact top-k (ties by index) of the scores, which is {@code m >= 0.5}
 * whenever no two scores tie at the boundary.
 */
public final class PdpMask implements MaskMethod {

    static final String THRESHOLD = "_pdp_t2";
    static final String SLOPE = "_pdp_slope";
    /** Per weight, the host-side state: τ, the last target, and whether the masks are hard. */
    static final String HOST = "_pdp_host";
    static final float OFF_THRESHOLD = -1f;
    static final float OFF_SLOPE = 1e4f;

    private final Structure structure;
    private final PdpTemperature temperature;
    private final Map<String, long[]> weights = new LinkedHashMap<>();
    private final Map<String, Double> tau = new LinkedHashMap<>();
    private final Map<String, Double> target = new LinkedHashMap<>();
    private boolean hardened;

    public PdpMask(Structure structure, PdpTemperature temperature) {
        if (structure == null || temperature == null) {
            throw new IllegalArgumentException("structure and temperature must be given, got " + structure + ", "
                    + temperature);
        }
        if (structure instanceof NmPattern p && p.n() == p.m()) {
            throw new IllegalArgumentException("n must be < m for PDP (" + p + " prunes nothing), got " + p.n());
        }
        this.structure = structure;
        this.temperature = temperature;
    }

    @Override
    public void validate(String weight, long[] shape) {
        structure.validate(weight, shape);
        long units = structure instanceof Channels ? shape[shape.length - 1] : sizeOf(shape);
        if (units < 2) {
            throw new IllegalArgumentException(weight + ": PDP needs at least 2 units (" + structure
                    + ") to put a threshold between, got " + units);
        }
    }

    @Override
    public SDVariable apply(SameDiff sd, SDVariable weight) {
        MaskedWeights.register(weights, weight);
        String name = weight.name();
        DataType type = weight.dataType();
        long[] shape = weight.getArr().shape();
        tau.put(name, Double.NaN);
        target.put(name, Double.NaN);
        SDVariable hard = HardMask.create(sd, weight);
        INDArray off = structure instanceof NmPattern ? Nd4j.valueArrayOf(shape, OFF_THRESHOLD, type)
                : Nd4j.scalar(type, OFF_THRESHOLD);
        SDVariable t2 = sd.constant(name + THRESHOLD, off);
        SDVariable slope = sd.constant(name + SLOPE, Nd4j.scalar(type, OFF_SLOPE));
        SDVariable squares = weight.mul(weight);
        if (structure instanceof Channels) {
            int[] rows = new int[shape.length - 1];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = i;
            }
            squares = sd.sum(squares, false, rows); // ‖W_c‖² per output channel, broadcast back below
        }
        SDVariable soft = sd.nn().sigmoid(name + "_soft", squares.sub(t2).mul(slope));
        return weight.mul(soft).mul(name + "_masked", hard);
    }

    /** Recomputes t (and, at the first update, τ) of every weight from its current values. */
    @Override
    public void update(SameDiff sd, StepTargets targets) {
        if (hardened) {
            throw new IllegalStateException("update after harden: the masks are frozen");
        }
        for (String name : weights.keySet()) {
            double s = targets.sparsityOf(name);
            INDArray w = sd.getArrForVarName(name);
            float[] values = HostArrays.toFloats(w);
            int cols = HostArrays.columns(w);
            if (Double.isNaN(tau.get(name))) {
                double sum = sumOfSquares(values); // mean squared score: per entry, or per channel
                tau.put(name, temperature.tauFor(name, sum / (structure instanceof Channels ? cols : values.length)));
                sd.getArrForVarName(name + SLOPE).assign(1.0 / tau.get(name));
            }
            if (structure instanceof NmPattern p) {
                p.requireSparsity(s);
                HostArrays.write(sd.getArrForVarName(name + THRESHOLD), PdpThresholds.groupSquares(values, cols, p));
            } else {
                float[] scores = structure instanceof Channels ? Channels.norms(values, cols) : magnitudes(values);
                double t = PdpThresholds.midpoint(scores, MagnitudeMasks.keptCount(scores.length, s));
                sd.getArrForVarName(name + THRESHOLD).putScalar(0, t * t); // no op dispatch: runs every step
            }
            target.put(name, s);
        }
    }

    /** Freezes the exact hard masks of the last targets, zeroes the pruned weights, switches m off. */
    @Override
    public void harden(SameDiff sd) {
        if (target.values().stream().anyMatch(t -> Double.isNaN(t))) {
            throw new IllegalStateException("harden before the first update: there is no target to harden at");
        }
        Map<String, INDArray> masks = hardMasks(sd);
        for (String name : weights.keySet()) {
            HardMask.set(sd, name, masks.get(name));
            sd.getArrForVarName(name + THRESHOLD).assign(OFF_THRESHOLD);
            sd.getArrForVarName(name + SLOPE).assign(OFF_SLOPE);
        }
        hardened = true;
    }

    /**
     * Before the first update and after hardening, the {@code W_mask} constants; in between, the
     * exact top-k of the current scores at the last targets (what {@code m >= 0.5} keeps).
     */
    @Override
    public Map<String, INDArray> hardMasks(SameDiff sd) {
        return MaskedWeights.hardMasks(sd, weights.keySet(), name -> hardened || Double.isNaN(target.get(name)),
                (name, current, graph) -> structure.hardMask(graph.getArrForVarName(name).mul(current),
                        target.get(name)));
    }

    @Override
    public Map<String, INDArray> state(SameDiff sd) {
        Map<String, INDArray> out = MaskedWeights.copyConstants(sd, weights.keySet(), HardMask.SUFFIX, THRESHOLD,
                SLOPE);
        for (String name : weights.keySet()) {
            out.put(name + HOST, Nd4j.createFromArray(tau.get(name), target.get(name), hardened ? 1.0 : 0.0));
        }
        return out;
    }

    @Override
    public void restore(SameDiff sd, Map<String, INDArray> state) {
        MaskedWeights.restoreConstants(sd, state, weights.keySet(), HardMask.SUFFIX, THRESHOLD, SLOPE);
        for (String name : weights.keySet()) {
            INDArray host = MaskedWeights.required(state, name + HOST, new long[] {3});
            tau.put(name, host.getDouble(0));
            target.put(name, host.getDouble(1));
            hardened = host.getDouble(2) != 0;
        }
    }

    /** |values|, in place: {@code values} is a fresh copy of the weight. Maps -0 to +0 too. */
    private static float[] magnitudes(float[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.abs(values[i]);
        }
        return values;
    }

    private static double sumOfSquares(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += (double) v * v;
        }
        return sum;
    }

    private static long sizeOf(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}

package org.prune4j.masks;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * PDP, parameter-free differentiable pruning (Cho, Adya, Naik, NeurIPS'23; reference/algorithms.md §3):
 * the effective weight is {@code W * m(W)} with the soft mask {@code m = σ((s² - t²) / τ)}, where s is
 * the unit's score ({@code |w|}, or the L2 norm of an output channel) and t the midpoint between the
 * smallest kept and the largest pruned score at the current target. No parameters are added: the
 * gradient reaches W through both factors, {@code dŴ/dw = m + (2w²/τ)·m(1 - m)} for entries, which
 * pushes weights near the threshold to a side.
 *
 * <p>{@link #update} finds t on the host before every step (so it carries no gradient: the reference
 * recommendation, §3.2) and applies the soft mask on the host through a {@link PdpForm}, for entries
 * ({@link EntryForm}) or channels ({@link ChannelForm}): the variable then holds Ŵ and the trained
 * weight W is {@link #latent}. Until the first update and after {@link #harden} the
 * effective weight is exactly {@code W * W_mask} (with W the latent weight once there is one).
 *
 * <p>The hard mask is the exact top-k (ties by index) of the scores, which is {@code m >= 0.5}
 * whenever no two scores tie at the boundary.
 */
public final class PdpMask implements MaskMethod {

    /** Per weight, the host-side state: τ, the last target, and whether the masks are hard. */
    static final String HOST = "_pdp_host";

    private final Structure structure;
    private final PdpTemperature temperature;
    private final PdpForm form;
    private final Map<String, long[]> weights = new LinkedHashMap<>();
    private final Map<String, Double> tau = new LinkedHashMap<>();
    private final Map<String, Double> target = new LinkedHashMap<>();
    private final Map<String, double[]> thresholds = new LinkedHashMap<>();
    /** Per weight, its host copy and its magnitudes: reused, since a full threshold search may come every step. */
    private final Map<String, double[]> values = new HashMap<>();
    private final Map<String, float[]> magnitudes = new HashMap<>();
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
        this.form = structure instanceof Channels ? new ChannelForm() : new EntryForm();
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
        tau.put(weight.name(), Double.NaN);
        target.put(weight.name(), Double.NaN);
        HardMask.create(sd, weight);
        return form.build(sd, weight);
    }

    /** Recomputes t (and, at the first update, τ) of every weight from its current values. */
    @Override
    public void update(SameDiff sd, StepTargets targets) {
        if (hardened) {
            throw new IllegalStateException("update after harden: the masks are frozen");
        }
        for (String name : weights.keySet()) {
            if (!started(name)) {
                form.begin(sd, name);
            }
            soften(sd, name, targets.sparsityOf(name));
        }
    }

    /** t of {@code weight} at sparsity {@code s} from its current values, and its soft mask from t. */
    private void soften(SameDiff sd, String name, double s) {
        if (structure instanceof NmPattern p && started(name)) {
            p.requireSparsity(s);
            if (form.softenGroups(sd, name, p, tau.get(name))) {
                thresholds.remove(name); // per entry, as only the plain path computes them
                target.put(name, s);
                return;
            }
        }
        if (structure instanceof Channels && started(name)) {
            INDArray latent = form.latent(sd, name);
            double t2 = form.softenChannels(sd, name, MagnitudeMasks.keptCount(HostArrays.columns(latent), s),
                    tau.get(name));
            if (!Double.isNaN(t2)) {
                thresholds.put(name, new double[] {t2});
                target.put(name, s);
                return;
            }
        }
        double[] last = thresholds.get(name);
        if (structure instanceof Unstructured && last != null) { // t moves little from step to step
            long n = form.latent(sd, name).length();
            double t2 = form.softenNear(sd, name, PdpThresholds.index(MagnitudeMasks.keptCount(n, s),
                    Math.toIntExact(n)), Math.sqrt(last[0]), tau.get(name));
            if (!Double.isNaN(t2)) {
                thresholds.put(name, new double[] {t2});
                target.put(name, s);
                return;
            }
        }
        INDArray w = weightOf(sd, name);
        double[] values = HostArrays.toDoubles(w, this.values.computeIfAbsent(name,
                k -> new double[Math.toIntExact(w.length())]));
        int cols = HostArrays.columns(w);
        if (Double.isNaN(tau.get(name))) { // the mean squared score, per entry or per channel
            tau.put(name, temperature.tauFor(name, sumOfSquares(values)
                    / (structure instanceof Channels ? cols : values.length)));
        }
        double[] t2;
        if (structure instanceof NmPattern p) {
            p.requireSparsity(s);
            t2 = PdpThresholds.groups(values, cols, p);
        } else if (structure instanceof Channels) {
            t2 = new double[] {PdpThresholds.channels(Channels.squaredNorms(values, cols),
                    MagnitudeMasks.keptCount(cols, s))};
        } else {
            t2 = PdpThresholds.entries(values, MagnitudeMasks.keptCount(values.length, s),
                    magnitudes.computeIfAbsent(name, k -> new float[values.length]));
        }
        thresholds.put(name, t2);
        form.soften(sd, name, values, t2, tau.get(name));
        target.put(name, s);
    }

    /**
     * Recomputes the soft masks from the current weights at the thresholds of the last update: what
     * a finite-difference check of {@code dŴ/dW} with t held constant needs. Not for N:M weights that
     * {@link PdpGroupPass} softened last (float ones): it keeps no thresholds per entry.
     */
    void refreshAtHeldThresholds(SameDiff sd) {
        thresholds.forEach((name, t2) -> form.soften(sd, name, HostArrays.toDoubles(weightOf(sd, name)), t2,
                tau.get(name)));
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
            form.off(sd, name);
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
                (name, current, graph) -> structure.hardMask(weightOf(graph, name).mul(current),
                        target.get(name)));
    }

    @Override
    public INDArray latent(SameDiff sd, String weight) {
        return weights.containsKey(weight) && started(weight) ? form.latent(sd, weight) : null;
    }

    /** The weight PDP scores: the form's latent weight once begun, else the variable. */
    private INDArray weightOf(SameDiff sd, String weight) {
        INDArray latent = latent(sd, weight);
        return latent != null ? latent : sd.getArrForVarName(weight);
    }

    @Override
    public void toLatentGradients(SameDiff sd, Map<String, INDArray> gradients, HostUpdates updates) {
        for (String name : weights.keySet()) {
            INDArray g = gradients.get(name);
            if (g != null && started(name)) {
                form.toLatentGradient(sd, name, g);
            }
        }
    }

    @Override
    public void afterUpdate(SameDiff sd) {
        if (hardened) {
            weights.keySet().forEach(name -> form.afterUpdate(sd, name));
        }
    }

    /** Whether PDP has begun on {@code weight}: its first update is done. */
    private boolean started(String weight) {
        return !Double.isNaN(target.get(weight));
    }

    @Override
    public Map<String, INDArray> state(SameDiff sd) {
        Map<String, INDArray> out = MaskedWeights.copyConstants(sd, weights.keySet(), suffixes());
        for (String name : weights.keySet()) {
            out.put(name + HOST, Nd4j.createFromArray(tau.get(name), target.get(name), hardened ? 1.0 : 0.0));
        }
        return out;
    }

    /**
     * Puts the state back and rebuilds what the form derives from it in the weight variables (the soft
     * mask from the latent weights at the restored targets, or the hard one), the same bits as before
     * the state was taken: everything here is a function of the latent weights and the targets.
     */
    @Override
    public void restore(SameDiff sd, Map<String, INDArray> state) {
        MaskedWeights.restoreConstants(sd, state, weights.keySet(), suffixes());
        thresholds.clear();
        for (String name : weights.keySet()) {
            INDArray host = MaskedWeights.required(state, name + HOST, new long[] {3});
            tau.put(name, host.getDouble(0));
            target.put(name, host.getDouble(1));
            hardened = host.getDouble(2) != 0;
        }
        for (String name : weights.keySet()) {
            if (hardened) {
                form.afterUpdate(sd, name);
            } else if (started(name)) {
                soften(sd, name, target.get(name));
            }
        }
    }

    private String[] suffixes() {
        String[] own = form.constants();
        String[] all = new String[own.length + 1];
        all[0] = HardMask.SUFFIX;
        System.arraycopy(own, 0, all, 1, own.length);
        return all;
    }

    private static double sumOfSquares(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v * v;
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

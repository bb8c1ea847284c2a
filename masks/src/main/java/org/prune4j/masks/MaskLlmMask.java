package org.prune4j.masks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * MaskLLM, learnable N:M masks (Fang et al., NeurIPS'24; reference/algorithms.md §4): every group of M
 * weights along the input dimension has one logit per candidate mask (the {@link NmCandidates}), and
 * the effective weight is {@code W * M̃ * W_mask} with the soft mask
 * {@code M̃ = Σ_c softmax((κ·π + g) / τ)_c · S_c}, g Gumbel noise.
 *
 * <p>In the graph, per weight {@code W}: the trainable VARIABLE {@code W_maskllm_logits}
 * ({@code [rows/M, cols, C]}, so checkpoints ship it like any parameter), which no graph op reads; the
 * VARIABLE {@code W_maskllm_soft} (M̃, never trained: {@link #isSoftMask}), into which {@link #update}
 * writes the soft mask it computes on the host from the logits and the noise of (seed, step, W)
 * ({@link MaskLlmSoftMask}); the effective weight {@code W * W_maskllm_soft * W_mask}; and the loss term
 * {@code W_maskllm_reg = -λ·‖sg(W) ⊙ M̃‖²} (§4.3: it <em>maximises</em> the kept norm, and the
 * stop-gradient keeps it off W), the identity of a scalar constant {@code W_maskllm_reg_value} the host
 * writes with the soft mask, its gradient
 * {@code -2λ·W²·M̃} added on the host. The graph's gradient of the loss with respect to M̃, plus the
 * regulariser's, becomes the logits' gradient on the host ({@link #toLatentGradients}): the softmax over the candidates,
 * their product, the noise and the regulariser never enter the graph (as graph ops they made a
 * LeNet-300-100 step about 3.8 times the dense one).
 *
 * <p>M̃ is all ones until the first update and after {@link #harden}, so the effective weight is then
 * exactly {@code W * W_mask} and the logits get exactly zero gradient. Hardening writes the arg-max
 * candidate of every group into {@code W_mask} and never samples again (the official code re-samples a
 * frozen mask in one layer type, §4.10).
 */
public final class MaskLlmMask implements MaskMethod {

    /** The names of the scheduled values {@link #update} reads from {@link StepTargets#valueOf}. */
    public static final String TAU = "tau";
    public static final String KAPPA_VALUE = "kappa";
    public static final String LAMBDA = "lambda";

    static final String LOGITS = "_maskllm_logits";
    static final String SOFT = "_maskllm_soft";
    static final String REG = "_maskllm_reg";
    static final String REG_VALUE = "_maskllm_reg_value";
    /** Host-side state: whether the soft masks are on (updated once) and hard, the last κ, τ and step. */
    static final String HOST = "maskllm/host";

    private final NmCandidates candidates;
    private final double initStd;
    private final long seed;
    private final Map<String, long[]> weights = new LinkedHashMap<>();
    private final Map<String, SDVariable> regularisers = new LinkedHashMap<>();
    /** Per weight, the softmax of every group at the last update: what the logits' gradient needs. */
    private final Map<String, float[]> probabilities = new ConcurrentHashMap<>();
    private boolean started;
    private boolean hardened;
    private double kappa = Double.NaN;
    private double tau = Double.NaN;
    /** The step of the last update, whose noise a restore draws again. */
    private long step = -1;
    private double lambda;

    /**
     * @param pattern N:M with N < M
     * @param initStd standard deviation of the initial logits, N(0, initStd²) (the official LLM code
     *                0.01 with κ from 100, the 4V port 0.2 with κ from 10: keep κ·initStd near 1-2)
     * @param seed    run seed: the logits start from (seed, weight name), the noise of a step is drawn
     *                from (seed, step, weight name)
     */
    public MaskLlmMask(NmPattern pattern, double initStd, long seed) {
        if (pattern == null || pattern.n() == pattern.m()) {
            throw new IllegalArgumentException("pattern must be N:M with n < m (n = m masks nothing), got " + pattern);
        }
        if (!(initStd >= 0) || Double.isInfinite(initStd)) {
            throw new IllegalArgumentException("initStd must be a finite number >= 0, got " + initStd);
        }
        this.candidates = NmCandidates.of(pattern);
        this.initStd = initStd;
        this.seed = seed;
    }

    public NmCandidates candidates() {
        return candidates;
    }

    /** The name of the logits variable of {@code weight}. */
    public static String logitsName(String weight) {
        return weight + LOGITS;
    }

    /** Whether {@code variable} is a soft mask M̃: a variable so that the graph gives its gradient; never trained. */
    public static boolean isSoftMask(String variable) {
        return variable.endsWith(SOFT);
    }

    @Override
    public void validate(String weight, long[] shape) {
        candidates.pattern().validate(weight, shape);
    }

    @Override
    public SDVariable apply(SameDiff sd, SDVariable weight) {
        MaskedWeights.register(weights, weight);
        String name = weight.name();
        DataType type = weight.dataType();
        long[] shape = weight.getArr().shape();
        long cols = shape[shape.length - 1];
        long rows = weight.getArr().length() / cols;
        int m = candidates.pattern().m();
        long[] logitShape = {rows / m, cols, candidates.count()};
        sd.var(logitsName(name), initialLogits(name, logitShape).castTo(type));
        SDVariable soft = sd.var(name + SOFT, Nd4j.ones(type, shape));
        // the host writes the value; a loss term must be an op's output, hence the identity
        regularisers.put(name, sd.identity(name + REG, sd.constant(name + REG_VALUE, Nd4j.scalar(type, 0))));
        return weight.mul(soft).mul(name + "_masked", HardMask.create(sd, weight));
    }

    /** The soft masks, whose graph gradients {@link #toLatentGradients} turns into the logits'. */
    @Override
    public List<String> graphGradientsNeeded() {
        return weights.keySet().stream().map(name -> name + SOFT).toList();
    }

    /** The logits, whose gradients {@link #toLatentGradients} computes. */
    @Override
    public List<String> hostGradients() {
        return weights.keySet().stream().map(MaskLlmMask::logitsName).toList();
    }

    /** One {@code -λ·‖sg(W) ⊙ M̃‖²} per weight; zero until the first update and after hardening. */
    @Override
    public List<SDVariable> lossTerms() {
        return List.copyOf(regularisers.values());
    }

    /**
     * Computes every weight's soft mask from its logits, the step's κ and τ and the noise of (seed, step,
     * weight), writes it into {@code W_maskllm_soft}, and writes the regulariser's value. Every weight's target
     * sparsity must be 1 - N/M.
     */
    @Override
    public void update(SameDiff sd, StepTargets targets) {
        if (hardened) {
            throw new IllegalStateException("update after harden: the masks are frozen");
        }
        double stepTau = targets.valueOf(TAU);
        if (!(stepTau > 0)) {
            throw new IllegalArgumentException("tau must be > 0, got " + stepTau);
        }
        for (String name : weights.keySet()) {
            candidates.pattern().requireSparsity(targets.sparsityOf(name));
        }
        kappa = targets.valueOf(KAPPA_VALUE);
        tau = stepTau;
        step = targets.step();
        lambda = targets.valueOf(LAMBDA);
        forEachWeight(sd, name -> {
            float[] soft = soften(sd, name, noise(sd, name));
            if (lambda == 0) {
                sd.getArrForVarName(name + REG_VALUE).assign(0);
                return;
            }
            float[] w = HostArrays.toFloats(sd.getArrForVarName(name));
            double keptNorm = 0;
            for (int i = 0; i < w.length; i++) {
                double kept = w[i] * soft[i];
                keptNorm += kept * kept;
            }
            sd.getArrForVarName(name + REG_VALUE).assign(-lambda * keptNorm);
        });
        started = true;
    }

    /** The noise of {@code weight} at the last update's step. */
    private float[] noise(SameDiff sd, String weight) {
        int count = Math.toIntExact(sd.getArrForVarName(logitsName(weight)).length());
        return GumbelNoise.sample(seed, step, weight, count);
    }

    /** M̃ of {@code weight} at the last κ and τ with the given noise, into its soft-mask variable; returns M̃. */
    float[] soften(SameDiff sd, String weight, float[] noise) {
        INDArray soft = sd.getArrForVarName(weight + SOFT);
        float[] p = probabilities.computeIfAbsent(weight, k -> new float[noise.length]);
        float[] values = new float[Math.toIntExact(soft.length())];
        MaskLlmSoftMask.forward(HostArrays.toFloats(sd.getArrForVarName(logitsName(weight))), noise, kappa, tau,
                candidates, HostArrays.columns(soft), p, values);
        HostArrays.write(soft, values);
        return values;
    }

    /**
     * Replaces the soft masks' graph gradients with the logits' ({@link MaskLlmSoftMask#backward}): zero
     * before the first update and after hardening, as M̃ is then constant.
     */
    @Override
    public void toLatentGradients(SameDiff sd, Map<String, INDArray> gradients) {
        Map<String, INDArray> softGradients = new HashMap<>();
        weights.keySet().forEach(name -> softGradients.put(name, gradients.remove(name + SOFT)));
        Map<String, INDArray> logitGradients = new ConcurrentHashMap<>();
        forEachWeight(sd, name -> logitGradients.put(name, logitGradient(sd, name, softGradients.get(name))));
        logitGradients.forEach((name, g) -> gradients.put(logitsName(name), g));
    }

    /**
     * Runs {@code body} for every weight: one after another for those large enough to split their own work
     * over the cores ({@link HostParallel}), then the rest side by side (a transformer's are mostly small).
     */
    private void forEachWeight(SameDiff sd, Consumer<String> body) {
        List<String> small = new ArrayList<>();
        for (String name : weights.keySet()) {
            if (HostParallel.parts(Math.toIntExact(sd.getArrForVarName(logitsName(name)).length())) > 1) {
                body.accept(name);
            } else {
                small.add(name);
            }
        }
        small.parallelStream().forEach(body);
    }

    /** The logits' gradient of {@code weight} from its soft mask's (null: none, as before an update). */
    private INDArray logitGradient(SameDiff sd, String weight, INDArray softGradient) {
        INDArray logits = sd.getArrForVarName(logitsName(weight));
        INDArray out = Nd4j.zeros(logits.dataType(), logits.shape());
        if (softGradient == null || !started || hardened) {
            return out;
        }
        float[] upstream = HostArrays.toFloats(softGradient);
        if (lambda != 0) { // the regulariser's part, d(-λ·Σ(w·m)²)/dm = -2λ·w²·m, w held (stop-gradient)
            float[] w = HostArrays.toFloats(sd.getArrForVarName(weight));
            float[] m = HostArrays.toFloats(sd.getArrForVarName(weight + SOFT));
            float scale = (float) (-2 * lambda);
            for (int i = 0; i < upstream.length; i++) {
                upstream[i] += scale * w[i] * w[i] * m[i];
            }
        }
        float[] g = new float[Math.toIntExact(logits.length())];
        MaskLlmSoftMask.backward(upstream, probabilities.get(weight), kappa, tau, candidates,
                HostArrays.columns(softGradient), g);
        HostArrays.write(out, g);
        return out;
    }

    /**
     * Writes the soft masks without noise at the given τ and κ: the deterministic form of the learned masks,
     * for scoring them (docs/experiments/e2-soft-vs-hard.jsh). The next {@link #update} samples again.
     */
    public void noiseFreeSoftMasks(SameDiff sd, double tau, double kappa) {
        this.tau = tau;
        this.kappa = kappa;
        weights.keySet().forEach(name -> soften(sd, name,
                new float[Math.toIntExact(sd.getArrForVarName(logitsName(name)).length())]));
    }

    /**
     * Warm-starts the logits from one-shot masks (by weight name; each {@code [nIn, nOut]} with exactly
     * N ones per group): see {@link MaskLlmPrior}. Weights not in {@code oneShot} keep their logits.
     */
    public void applyPrior(SameDiff sd, Map<String, INDArray> oneShot, double strength) {
        oneShot.forEach((name, mask) -> {
            if (!weights.containsKey(name)) {
                throw new IllegalArgumentException("prior masks must name masked weights " + weights.keySet()
                        + ", got " + name);
            }
            INDArray logits = sd.getArrForVarName(logitsName(name));
            float[] values = HostArrays.toFloats(logits);
            MaskLlmPrior.shift(values, HostArrays.toFloats(mask), HostArrays.columns(mask), candidates, strength);
            HostArrays.write(logits, values);
        });
    }

    /** Freezes the arg-max masks into {@code W_mask}, zeroes the pruned weights, switches M̃ and λ off. */
    @Override
    public void harden(SameDiff sd) {
        Map<String, INDArray> masks = hardMasks(sd);
        masks.forEach((name, mask) -> HardMask.set(sd, name, mask));
        weights.keySet().forEach(name -> {
            sd.getArrForVarName(name + SOFT).assign(1);
            sd.getArrForVarName(name + REG_VALUE).assign(0);
        });
        lambda = 0;
        hardened = true;
    }

    /**
     * Before the first update and after hardening, the {@code W_mask} constants; in between, the
     * arg-max candidate of every group (ties to the lower candidate index): exactly N ones per group.
     */
    @Override
    public Map<String, INDArray> hardMasks(SameDiff sd) {
        return MaskedWeights.hardMasks(sd, weights.keySet(), name -> !started || hardened, this::argmaxMask);
    }

    private INDArray argmaxMask(String name, INDArray like, SameDiff sd) {
        float[] logits = HostArrays.toFloats(sd.getArrForVarName(logitsName(name)));
        int cols = HostArrays.columns(like);
        int m = candidates.pattern().m();
        int count = candidates.count();
        float[] mask = new float[Math.toIntExact(like.length())];
        for (int g = 0; g < logits.length / count; g++) {
            int best = 0;
            for (int k = 1; k < count; k++) {
                if (logits[g * count + k] > logits[g * count + best]) {
                    best = k;
                }
            }
            int groupRow = g / cols;
            int col = g % cols;
            float[] row = candidates.row(best);
            for (int i = 0; i < m; i++) {
                mask[(groupRow * m + i) * cols + col] = row[i];
            }
        }
        return HostArrays.like(mask, like).castTo(like.dataType());
    }

    /** Copies of what a restart needs beyond the logits: hard masks, regularisers, the phase, κ, τ, λ, the step. */
    @Override
    public Map<String, INDArray> state(SameDiff sd) {
        Map<String, INDArray> out = MaskedWeights.copyConstants(sd, weights.keySet(), HardMask.SUFFIX, REG_VALUE);
        out.put(HOST, Nd4j.createFromArray(started ? 1.0 : 0.0, hardened ? 1.0 : 0.0, kappa, tau, step, lambda));
        return out;
    }

    /**
     * Puts the state back into a graph built the same way, its logits restored, and recomputes the soft
     * masks of the last update from them and that step's noise: the same bits as before the state was
     * taken, and what the next gradients need.
     */
    @Override
    public void restore(SameDiff sd, Map<String, INDArray> state) {
        MaskedWeights.restoreConstants(sd, state, weights.keySet(), HardMask.SUFFIX, REG_VALUE);
        INDArray host = MaskedWeights.required(state, HOST, new long[] {6});
        started = host.getDouble(0) != 0;
        hardened = host.getDouble(1) != 0;
        kappa = host.getDouble(2);
        tau = host.getDouble(3);
        step = host.getLong(4);
        lambda = host.getDouble(5);
        for (String name : weights.keySet()) {
            if (hardened || !started) {
                sd.getArrForVarName(name + SOFT).assign(1);
            } else {
                soften(sd, name, noise(sd, name));
            }
        }
    }

    /** N(0, initStd²) from the stream of (seed, name): adding a layer never changes the others' logits. */
    private INDArray initialLogits(String name, long[] shape) {
        Random rng = new Random(GumbelNoise.mix(seed, -1, NameHash.fnv1a64(name)));
        double[] values = new double[Math.toIntExact(shape[0] * shape[1] * shape[2])];
        for (int i = 0; i < values.length; i++) {
            values[i] = rng.nextGaussian() * initStd;
        }
        return Nd4j.create(values, shape, 'c');
    }
}

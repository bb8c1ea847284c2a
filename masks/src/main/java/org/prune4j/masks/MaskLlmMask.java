package org.prune4j.masks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.factory.Nd4j;

/**
 * MaskLLM, learnable N:M masks (Fang et al., NeurIPS'24; reference/algorithms.md §4): every group of M
 * weights along the input dimension has one logit per candidate mask (the {@link NmCandidates}), and
 * the effective weight is {@code W * M̃ * W_mask} with the soft mask
 * {@code M̃ = Σ_c softmax((κ·π + g) / τ)_c · S_c}, g Gumbel noise.
 *
 * <p>In the graph, per weight {@code W}: the trainable VARIABLE {@code W_maskllm_logits}
 * ({@code [rows/M, cols, C]}, so checkpoints and the Spark engine ship it like any parameter), the
 * constant {@code W_maskllm_noise} that {@link #update} overwrites on the host with the noise of
 * (seed, step, W), and the loss term {@code W_maskllm_reg = -λ·‖sg(W) ⊙ M̃‖²} (§4.3: it
 * <em>maximises</em> the kept norm, and the stop-gradient keeps it off W). κ, 1/τ and -λ are scalar
 * constants shared by all weights ({@link #KAPPA}, {@link #INV_TAU}, {@link #REG_SCALE}), written by
 * {@link #update} from the step's values {@code tau}, {@code kappa} and {@code lambda}.
 *
 * <p>The soft factor enters as {@code M̃·on + (1 - on)}: {@code on} is 0 until the first update and
 * after {@link #harden}, so the effective weight is then exactly {@code W * W_mask} and the logits get
 * exactly zero gradient. Hardening writes the arg-max candidate of every group into {@code W_mask} and
 * never samples again (the official code re-samples a frozen mask in one layer type, §4.10).
 */
public final class MaskLlmMask implements MaskMethod {

    /** The names of the scheduled values {@link #update} reads from {@link StepTargets#valueOf}. */
    public static final String TAU = "tau";
    public static final String KAPPA_VALUE = "kappa";
    public static final String LAMBDA = "lambda";

    static final String LOGITS = "_maskllm_logits";
    static final String NOISE = "_maskllm_noise";
    static final String REG = "_maskllm_reg";
    static final String KAPPA = "maskllm/kappa";
    static final String INV_TAU = "maskllm/inv_tau";
    static final String ON = "maskllm/on";
    static final String OFF = "maskllm/off";
    static final String REG_SCALE = "maskllm/reg_scale";
    static final String CANDIDATES = "maskllm/candidates";
    /** Host-side state: whether the soft masks are on (updated once) and whether they are hard. */
    static final String HOST = "maskllm/host";

    private final NmCandidates candidates;
    private final double initStd;
    private final long seed;
    private final Map<String, long[]> weights = new LinkedHashMap<>();
    private final Map<String, SDVariable> regularisers = new LinkedHashMap<>();
    private boolean started;
    private boolean hardened;

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
        SDVariable logits = sd.var(logitsName(name), initialLogits(name, logitShape).castTo(type));
        SDVariable noise = sd.constant(name + NOISE, Nd4j.zeros(type, logitShape));
        SDVariable z = logits.mul(shared(sd, KAPPA, 1, type)).add(noise).mul(shared(sd, INV_TAU, 1, type));
        SDVariable y = sd.nn().softmax(z, 2).reshape(rows / m * cols, candidates.count());
        SDVariable s = sd.hasVariable(CANDIDATES) ? sd.getVariable(CANDIDATES)
                : sd.constant(CANDIDATES, candidates.matrix(type));
        SDVariable soft = y.mmul(s).reshape(rows / m, cols, m).permute(0, 2, 1).reshape(shape);
        soft = sd.identity(name + "_soft", soft);
        SDVariable factor = soft.mul(shared(sd, ON, 0, type)).add(shared(sd, OFF, 1, type));
        SDVariable kept = new StopGradient(sd, weight).outputVariable().mul(soft);
        regularisers.put(name, kept.mul(kept).sum().mul(name + REG, shared(sd, REG_SCALE, 0, type)));
        return weight.mul(factor).mul(name + "_masked", HardMask.create(sd, weight));
    }

    /** One {@code -λ·‖sg(W) ⊙ M̃‖²} per weight; zero until the first update and after hardening. */
    @Override
    public List<SDVariable> lossTerms() {
        return List.copyOf(regularisers.values());
    }

    /**
     * Writes κ, 1/τ, -λ and fresh noise for {@code targets.step()}, and switches the soft masks on.
     * Every weight's target sparsity must be 1 - N/M.
     */
    @Override
    public void update(SameDiff sd, StepTargets targets) {
        if (hardened) {
            throw new IllegalStateException("update after harden: the masks are frozen");
        }
        double tau = targets.valueOf(TAU);
        if (!(tau > 0)) {
            throw new IllegalArgumentException("tau must be > 0, got " + tau);
        }
        sd.getArrForVarName(KAPPA).assign(targets.valueOf(KAPPA_VALUE));
        sd.getArrForVarName(INV_TAU).assign(1.0 / tau);
        sd.getArrForVarName(REG_SCALE).assign(-targets.valueOf(LAMBDA));
        switchSoft(sd, true);
        for (String name : weights.keySet()) {
            candidates.pattern().requireSparsity(targets.sparsityOf(name));
            INDArray noise = sd.getArrForVarName(name + NOISE);
            HostArrays.write(noise, GumbelNoise.sample(seed, targets.step(), name, Math.toIntExact(noise.length())));
        }
        started = true;
    }

    /** Zeroes the noise: the soft masks become their expectation-free, deterministic form for evaluation. */
    public void removeNoise(SameDiff sd) {
        weights.keySet().forEach(name -> sd.getArrForVarName(name + NOISE).assign(0));
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
        switchSoft(sd, false);
        sd.getArrForVarName(REG_SCALE).assign(0);
        removeNoise(sd);
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

    @Override
    public Map<String, INDArray> state(SameDiff sd) {
        Map<String, INDArray> out = MaskedWeights.copyConstants(sd, weights.keySet(), HardMask.SUFFIX, LOGITS, NOISE);
        for (String shared : new String[] {KAPPA, INV_TAU, ON, OFF, REG_SCALE}) {
            out.put(shared, sd.getArrForVarName(shared).dup());
        }
        out.put(HOST, Nd4j.createFromArray(started ? 1.0 : 0.0, hardened ? 1.0 : 0.0));
        return out;
    }

    @Override
    public void restore(SameDiff sd, Map<String, INDArray> state) {
        MaskedWeights.restoreConstants(sd, state, weights.keySet(), HardMask.SUFFIX, LOGITS, NOISE);
        for (String shared : new String[] {KAPPA, INV_TAU, ON, OFF, REG_SCALE}) {
            sd.getArrForVarName(shared).assign(MaskedWeights.required(state, shared, new long[0]));
        }
        INDArray host = MaskedWeights.required(state, HOST, new long[] {2});
        started = host.getDouble(0) != 0;
        hardened = host.getDouble(1) != 0;
    }

    private void switchSoft(SameDiff sd, boolean on) {
        sd.getArrForVarName(ON).assign(on ? 1 : 0);
        sd.getArrForVarName(OFF).assign(on ? 0 : 1);
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

    /** The scalar constant {@code name}, created with {@code initial} by the first weight applied. */
    private static SDVariable shared(SameDiff sd, String name, double initial, DataType type) {
        return sd.hasVariable(name) ? sd.getVariable(name) : sd.constant(name, Nd4j.scalar(type, initial));
    }
}

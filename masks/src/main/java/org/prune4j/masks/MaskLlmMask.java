package org.prune4j.masks;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
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
 * <p>All of it runs on the host, and the graph stays the dense graph (as with PDP's {@link EntryForm}):
 * as graph ops, the softmax, the noise and the mask's product made a LeNet-300-100 step about 3.8 times
 * the dense one, and even the product alone with the gradient of M̃ cost 2 ms of an 8 ms step. Per weight
 * {@code W} the graph holds the trainable VARIABLE {@code W_maskllm_logits} ({@code [C, rows/M, cols]},
 * see {@link MaskLlmLayer}; checkpoints ship it like any parameter), which no graph op reads; the
 * constant {@code W_maskllm_latent}, the weight the optimizer trains ({@link #latent}) once the masks are
 * on; and the loss term {@code W_maskllm_reg = -λ·‖sg(W) ⊙ M̃‖²} (§4.3: it <em>maximises</em> the kept
 * norm, and the stop-gradient keeps it off W), the identity of a scalar constant {@code W_maskllm_reg_value}.
 * Before every step, {@link #update} takes the noise of (seed, step, W), drawn on a host worker while the
 * graph computed the step before, and computes M̃ from the logits,
 * writes {@code W·M̃} into the variable W and the regulariser's value into its constant; after the step,
 * {@link #toLatentGradients} turns the graph's gradient with respect to {@code W·M̃} into the logits'
 * (through the softmax, with the regulariser's {@code -2λ·W²·M̃}) and the latent weight's ({@code ·M̃}).
 * {@link MaskLlmKernel} does the arithmetic.
 *
 * <p>{@code W_mask} is all ones until {@link #harden}, which writes the arg-max candidate of every group
 * into it and never samples again (the official code re-samples a frozen mask in one layer type, §4.10);
 * from then on the variable is {@code W_latent * W_mask}, rewritten after every update. Before the first
 * update the variable is W itself and the logits get exactly zero gradient.
 */
public final class MaskLlmMask implements MaskMethod {

    /** The names of the scheduled values {@link #update} reads from {@link StepTargets#valueOf}. */
    public static final String TAU = "tau";
    public static final String KAPPA_VALUE = "kappa";
    public static final String LAMBDA = "lambda";

    static final String LOGITS = "_maskllm_logits";
    static final String LATENT = "_maskllm_latent";
    static final String REG = "_maskllm_reg";
    static final String REG_VALUE = "_maskllm_reg_value";
    /** Host-side state: whether the soft masks are on (updated once) and hard, the last κ, τ and step. */
    static final String HOST = "maskllm/host";

    private static final MaskLlmKernel KERNEL = MaskLlmKernel.fastest();

    private final NmCandidates candidates;
    private final double initStd;
    private final long seed;
    private final Map<String, long[]> weights = new LinkedHashMap<>();
    private final Map<String, SDVariable> regularisers = new LinkedHashMap<>();
    /** Per weight, its host arrays: the softmax of the last update is what the gradients need. */
    private final Map<String, MaskLlmLayer> layers = new LinkedHashMap<>();
    /** Per weight, the array that carries its logits' gradient to the updater, step after step. */
    private final Map<String, INDArray> logitGradients = new LinkedHashMap<>();
    private boolean started;
    private boolean hardened;
    private double kappa = Double.NaN;
    private double tau = Double.NaN;
    /** The step of the last update, whose noise a restore draws again. */
    private long step = -1;
    /** Filling every layer's noise buffer with the noise of {@link #noiseAheadStep}; null when idle. */
    private Future<?> noiseAhead;
    private long noiseAheadStep = -1;
    private double lambda;
    /** Per range of the host passes, the logits' gradient of one block; null until the first pass. */
    private ByteBuffer[] gradientBlocks;

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
        INDArray w = weight.getArr();
        int cols = HostArrays.columns(w);
        int rows = Math.toIntExact(w.length() / cols);
        layers.put(name, new MaskLlmLayer(candidates, rows, cols));
        long[] logitShape = {candidates.count(), rows / candidates.pattern().m(), cols};
        sd.var(logitsName(name), initialLogits(name, logitShape).castTo(type));
        sd.constant(name + LATENT, w.dup());
        // the host writes the value; a loss term must be an op's output, hence the identity
        regularisers.put(name, sd.identity(name + REG, sd.constant(name + REG_VALUE, Nd4j.scalar(type, 0))));
        HardMask.create(sd, weight);
        return weight;
    }

    /** The weights, whose gradients {@link #toLatentGradients} carries to the logits even when the weights are frozen. */
    @Override
    public List<String> graphGradientsNeeded() {
        return List.copyOf(weights.keySet());
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
     * weight), writes {@code W·M̃} into the weight's variable and the regulariser's value. Every weight's
     * target sparsity must be 1 - N/M.
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
        begin(sd);
        kappa = targets.valueOf(KAPPA_VALUE);
        tau = stepTau;
        step = targets.step();
        lambda = targets.valueOf(LAMBDA);
        boolean drawn = awaitNoiseAhead() == step;
        soften(sd, layer -> drawn ? layer.buffer(step) : null);
        drawNoiseAhead(step + 1);
    }

    /** Starts drawing the noise of step {@code next} into the layers' noise buffers. */
    private void drawNoiseAhead(long next) {
        noiseAheadStep = next;
        // on a host worker, while the graph computes this step (on one core, as the launcher sets ND4J): the
        // noise is a function of (seed, step, weight), so drawing it early changes when, not what
        noiseAhead = CompletableFuture.runAsync(() -> layers.forEach((name, layer) -> {
            float[] noise = layer.buffer(next);
            KERNEL.noise(noise, GumbelNoise.key(seed, next, name), 0, noise.length);
        }), HostWorkers::execute);
    }

    /** Waits for the noise being drawn ahead, if any, and returns its step (-1 when none was). */
    private long awaitNoiseAhead() {
        if (noiseAhead == null) {
            return -1;
        }
        try {
            noiseAhead.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the next step's noise was drawn", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("drawing the next step's noise failed", e.getCause());
        } finally {
            noiseAhead = null;
        }
        return noiseAheadStep;
    }

    /** At the first update: the variables hold the weights, which become the latent weights the optimizer trains. */
    private void begin(SameDiff sd) {
        if (!started) {
            weights.keySet().forEach(name -> sd.getArrForVarName(name + LATENT).assign(sd.getArrForVarName(name)));
            started = true;
        }
    }

    /**
     * M̃ of every weight at the last κ, τ and step, with that step's noise where {@code noiseOf} gives a
     * layer none, else with the given noise ({@code [C, rows/M, cols]}, like the logits), and from it
     * {@code W·M̃} into the variables and the regularisers' values.
     */
    void soften(SameDiff sd, Function<MaskLlmLayer, float[]> noiseOf) {
        List<String> names = List.copyOf(layers.keySet());
        MaskLlmLayer[] passes = new MaskLlmLayer[names.size()];
        float[][] noises = new float[passes.length][];
        long[] keys = new long[passes.length];
        for (int i = 0; i < passes.length; i++) {
            String weight = names.get(i);
            MaskLlmLayer layer = layers.get(weight);
            layer.weight = input(sd.getArrForVarName(weight + LATENT));
            layer.logits = input(sd.getArrForVarName(logitsName(weight)));
            layer.effective = output(sd.getArrForVarName(weight));
            layer.probabilities = layer.buffer(step);
            passes[i] = layer;
            noises[i] = noiseOf.apply(layer);
            keys[i] = GumbelNoise.key(seed, step, weight);
        }
        float scale = (float) kappa;
        float inverseTau = (float) (1 / tau);
        forGroupRows(passes, (part, i, from, to) ->
                KERNEL.forward(passes[i], noises[i], keys[i], scale, inverseTau, from, to));
        for (int i = 0; i < passes.length; i++) {
            String weight = names.get(i);
            commit(sd.getArrForVarName(weight), passes[i].effective);
            double keptNorm = lambda != 0 ? sum(passes[i].keptSquares) : 0;
            // in place: ND4J's assign of a scalar took 60 µs per weight, 0.18 ms of a 784-512-512-10 step
            HostArrays.write(sd.getArrForVarName(weight + REG_VALUE), 0, new double[] {-lambda * keptNorm}, 1);
        }
    }

    /**
     * Runs {@code body} over the group rows of all {@code passes} (segment i: passes[i]) with one fork,
     * split by logits into {@link #parts} ranges: a fork per layer cost more than a small
     * layer's pass.
     */
    private void forGroupRows(MaskLlmLayer[] passes, HostParallel.SegmentRange body) {
        int[] rows = new int[passes.length];
        int[] logits = new int[passes.length];
        for (int i = 0; i < passes.length; i++) {
            rows[i] = passes[i].groupRows;
            logits[i] = passes[i].rowLogits();
        }
        HostParallel.forSegments(rows, logits, parts(), body);
    }

    /**
     * How many ranges the host passes take ({@link HostParallel#ranges} of all the layers' logits), fixed at the
     * first with the per-range scratch of {@link #gradientBlocks}.
     */
    private int parts() {
        if (gradientBlocks == null) {
            int floats = layers.values().stream().mapToInt(MaskLlmLayer::blockLogits).max().orElse(0);
            gradientBlocks = new ByteBuffer[HostParallel.ranges(
                    layers.values().stream().mapToInt(l -> l.probabilities.length).sum())];
            for (int part = 0; part < gradientBlocks.length; part++) {
                gradientBlocks[part] = MaskLlmLayer.scratch(floats);
            }
        }
        return gradientBlocks.length;
    }

    /** The sum in double, over four interleaved partial sums: one chain of additions waits on each add's latency. */
    private static double sum(float[] values) {
        double a = 0;
        double b = 0;
        double c = 0;
        double d = 0;
        int i = 0;
        for (; i + 4 <= values.length; i += 4) {
            a += values[i];
            b += values[i + 1];
            c += values[i + 2];
            d += values[i + 3];
        }
        for (; i < values.length; i++) {
            a += values[i];
        }
        return (a + b) + (c + d);
    }

    /**
     * Carries the graph's gradient with respect to each {@code W·M̃} to the logits (zero before the first
     * update and after hardening, as M̃ is then constant) and to the latent weight. Where {@code updates}
     * offers the logits' step or the latent weight's (joint mode), it takes it block by block and leaves
     * that gradient out of the map.
     */
    @Override
    public void toLatentGradients(SameDiff sd, Map<String, INDArray> gradients, HostUpdates updates) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        List<BackwardPass> passes = new ArrayList<>();
        for (String weight : weights.keySet()) {
            INDArray gradient = gradients.get(weight);
            if (gradient == null || !started || hardened) { // M̃ is constant: W's gradient goes through the map
                if (gradient != null && hardened) {
                    gradient.muli(HardMask.of(sd, weight));
                }
                out.put(logitsName(weight), logitGradient(sd, weight).assign(0));
            } else {
                passes.add(backwardPass(sd, weight, gradient, updates));
            }
        }
        MaskLlmLayer[] layersOf = passes.stream().map(BackwardPass::layer).toArray(MaskLlmLayer[]::new);
        float regulariserScale = (float) (-2 * lambda);
        float scale = (float) (kappa / tau);
        forGroupRows(layersOf, (part, i, from, to) ->
                passes.get(i).run(regulariserScale, scale, gradientBlocks[part], from, to));
        for (BackwardPass pass : passes) {
            commit(pass.gradient, pass.layer.gradient);
            if (pass.logitGradient != null) {
                commit(pass.logitGradient, pass.into);
                out.put(logitsName(pass.weight), pass.logitGradient);
            }
            if (pass.weightStep != null) {
                gradients.remove(pass.weight);
            }
        }
        gradients.putAll(out);
    }

    /**
     * The backward pass of {@code weight}, whose variable's gradient is {@code gradient}: it turns it into the
     * latent weight's in place (where the optimizer trains it) and hands that to the latent weight's step
     * where {@code updates} offers one (joint mode, W's gradient a plain float array); it hands the logits'
     * gradient to their step, or writes it into {@link #logitGradient} where {@code updates} offers none.
     */
    private BackwardPass backwardPass(SameDiff sd, String weight, INDArray gradient, HostUpdates updates) {
        HostUpdates.RangeStep weightStep = HostArrays.bytes(gradient) != null ? updates.of(weight) : null;
        HostUpdates.RangeStep step = updates.of(logitsName(weight));
        INDArray logitGradient = step == null ? logitGradient(sd, weight) : null;
        ByteBuffer into = logitGradient == null ? null : output(logitGradient);
        HostUpdates.RangeStep take = step != null ? step : (block, shift, from, to) ->
                into.put(from * Float.BYTES, block, (from + shift) * Float.BYTES, (to - from) * Float.BYTES);
        MaskLlmLayer layer = layers.get(weight);
        layer.gradient = input(gradient);
        layer.weightGradient = updates.trains(weight); // mask-only: W is frozen, its gradient unused
        return new BackwardPass(weight, layer, gradient, take, weightStep, logitGradient, into);
    }

    /**
     * One weight's backward pass: {@code take} gets the logits' gradient block by block, {@code weightStep}
     * (null when not offered) the latent weight's; {@code logitGradient} and {@code into} (null when
     * {@code take} steps) hold the logits' gradient for the map.
     */
    private record BackwardPass(String weight, MaskLlmLayer layer, INDArray gradient, HostUpdates.RangeStep take,
                                HostUpdates.RangeStep weightStep, INDArray logitGradient, ByteBuffer into) {

        /** Group rows {@code [from, to)}, in blocks of {@link MaskLlmLayer#blockRows} through {@code block}. */
        void run(float regulariserScale, float scale, ByteBuffer block, int from, int to) {
            int blockRows = layer.blockRows();
            int rowEntries = layer.m * layer.cols;
            for (int first = from; first < to; first += blockRows) {
                int end = Math.min(to, first + blockRows);
                KERNEL.backward(layer, regulariserScale, scale, first, end, block);
                int length = (end - first) * layer.cols;
                for (int k = 0; k < layer.count; k++) {
                    int at = k * layer.groups + first * layer.cols;
                    take.apply(block, k * length - at, at, at + length);
                }
                if (weightStep != null) { // W's gradient, in place in the graph's: rows first·M to end·M
                    weightStep.apply(layer.gradient, 0, first * rowEntries, end * rowEntries);
                }
            }
        }
    }

    /**
     * The array that carries the logits' gradient of {@code weight} to the optimizer: one per weight, written
     * every step (allocating it took longer than computing it, 1.5 ms for a 784x512 weight's).
     */
    private INDArray logitGradient(SameDiff sd, String weight) {
        return logitGradients.computeIfAbsent(weight, k -> {
            INDArray logits = sd.getArrForVarName(logitsName(weight));
            return Nd4j.createUninitialized(logits.dataType(), logits.shape(), 'c');
        });
    }

    /**
     * {@code a}'s elements as float bytes for a kernel to read (and maybe write): a's own memory where it is a
     * plain float array, else a copy ({@link #commit} writes it back).
     */
    private static ByteBuffer input(INDArray a) {
        ByteBuffer own = HostArrays.bytes(a);
        if (own != null) {
            return own;
        }
        ByteBuffer copy = MaskLlmLayer.scratch(Math.toIntExact(a.length()));
        copy.asFloatBuffer().put(HostArrays.toFloats(a));
        return copy;
    }

    /** Where a kernel writes {@code a}'s new elements: a's own memory, or a buffer {@link #commit} copies into a. */
    private static ByteBuffer output(INDArray a) {
        ByteBuffer own = HostArrays.bytes(a);
        return own != null ? own : MaskLlmLayer.scratch(Math.toIntExact(a.length()));
    }

    /** Copies what a kernel wrote into {@code a} where it wrote elsewhere (a is not a plain float array). */
    private static void commit(INDArray a, ByteBuffer written) {
        if (HostArrays.bytes(a) == null) {
            float[] values = new float[Math.toIntExact(a.length())];
            written.asFloatBuffer().get(values);
            HostArrays.write(a, values);
        }
    }

    /** Once the masks are on, the latent weight: the one the optimizer updates. */
    @Override
    public INDArray latent(SameDiff sd, String weight) {
        return weights.containsKey(weight) && started ? sd.getArrForVarName(weight + LATENT) : null;
    }

    /** Hardened: the variable is the latent weight times the hard mask. */
    @Override
    public void afterUpdate(SameDiff sd) {
        if (hardened) {
            weights.keySet().forEach(name -> sd.getArrForVarName(name).assign(sd.getArrForVarName(name + LATENT))
                    .muli(HardMask.of(sd, name)));
        }
    }

    /** M̃ of {@code weight} at the last update (ones before it and after hardening), row-major like the weight. */
    INDArray softMask(SameDiff sd, String weight) {
        INDArray like = sd.getArrForVarName(weight);
        if (!started || hardened) {
            return Nd4j.onesLike(like);
        }
        MaskLlmLayer layer = layers.get(weight);
        float[] soft = new float[layer.entries()];
        for (int g = 0; g < layer.groups; g++) {
            for (int i = 0; i < layer.m; i++) {
                soft[layer.entry(g / layer.cols, i, g % layer.cols)] = ScalarMaskLlmKernel.soft(layer, i, g);
            }
        }
        return HostArrays.like(soft, like).castTo(like.dataType());
    }

    /**
     * Writes the weights through the soft masks without noise at the given τ and κ: the deterministic form
     * of the learned masks, for scoring them (docs/experiments/e2-soft-vs-hard.jsh). The next
     * {@link #update} samples again.
     */
    public void noiseFreeSoftMasks(SameDiff sd, double tau, double kappa) {
        begin(sd);
        this.tau = tau;
        this.kappa = kappa;
        soften(sd, layer -> new float[layer.probabilities.length]);
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

    /**
     * Freezes the arg-max masks into {@code W_mask}, zeroes the pruned latent weights, switches M̃ and λ off:
     * the variable is {@code W_latent * W_mask} from now on.
     */
    @Override
    public void harden(SameDiff sd) {
        awaitNoiseAhead();
        Map<String, INDArray> masks = hardMasks(sd);
        begin(sd); // never updated: the variables still hold the weights
        masks.forEach((name, mask) -> {
            INDArray latent = sd.getArrForVarName(name + LATENT);
            HardMask.set(sd, name, mask);
            latent.muli(mask);
            sd.getArrForVarName(name + REG_VALUE).assign(0);
        });
        lambda = 0;
        hardened = true;
        afterUpdate(sd);
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
        int groups = logits.length / count;
        for (int g = 0; g < groups; g++) {
            int best = 0;
            for (int k = 1; k < count; k++) {
                if (logits[k * groups + g] > logits[best * groups + g]) {
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

    /**
     * Copies of what a restart needs beyond the logits: hard masks, latent weights, regularisers, the phase,
     * κ, τ, λ, the step.
     */
    @Override
    public Map<String, INDArray> state(SameDiff sd) {
        Map<String, INDArray> out = MaskedWeights.copyConstants(sd, weights.keySet(), HardMask.SUFFIX, LATENT,
                REG_VALUE);
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
        MaskedWeights.restoreConstants(sd, state, weights.keySet(), HardMask.SUFFIX, LATENT, REG_VALUE);
        INDArray host = MaskedWeights.required(state, HOST, new long[] {6});
        started = host.getDouble(0) != 0;
        hardened = host.getDouble(1) != 0;
        kappa = host.getDouble(2);
        tau = host.getDouble(3);
        step = host.getLong(4);
        lambda = host.getDouble(5);
        awaitNoiseAhead();
        if (started && !hardened) {
            soften(sd, layer -> null);
            drawNoiseAhead(step + 1);
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

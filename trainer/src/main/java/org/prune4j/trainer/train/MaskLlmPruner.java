package org.prune4j.trainer.train;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.prune4j.masks.HostUpdates;
import org.prune4j.masks.MaskLlmMask;
import org.prune4j.masks.NmPattern;
import org.prune4j.masks.StepTargets;
import org.prune4j.schedules.Schedule;
import org.prune4j.trainer.model.PrunableWeight;
import org.prune4j.trainer.recipe.MaskLlmSpec;
import org.prune4j.trainer.recipe.PruningSpec;

/**
 * Drives MaskLLM (reference/algorithms.md §4, the E2 protocol of reference/pytorch-reference.md):
 * dense until {@code schedule.begin}; there the logits are initialised once (from saved logits, or a
 * magnitude or Wanda one-shot prior); from then on, before every step, the {@link MaskLlmMask} gets
 * that step's τ, κ and λ ({@link MaskSchedules}, the values {@code plan} shows) and fresh noise; at
 * {@code end} the arg-max masks are frozen into {@code W_mask}, so the final model, its metrics and
 * {@code prune4j export} are hard N:M. An evaluation before {@code end} ({@code train.evalEvery}) sees
 * the soft mask already written for the next step, noise included; {@code docs/experiments/e2-soft-vs-hard.jsh} scores the
 * noise-free soft mask of a finished run. {@code schedule.frequency} is not used: the masks change every
 * step.
 *
 * <p>The logits train in their own {@link ParameterGroup}: learning rate
 * {@code maskLearningRate / train.learningRate} times the loop's, decoupled weight decay
 * {@code maskWeightDecay}; in mask-only mode every other variable is frozen.
 */
public final class MaskLlmPruner implements Pruner {

    private static final String INITIALISED = "maskllm/initialised";

    private final MaskLlmMask method;
    private final MaskLlmSpec settings;
    private final List<PrunableWeight> weights;
    private final NmPattern nm;
    private final long begin;
    private final long end;
    private final Schedule tau;
    private final Schedule kappa;
    private final Schedule lambda;
    private final double learningRateScale;
    private final InputNorms calibration;
    private boolean initialised;

    /**
     * @param trainLearningRate {@code train.learningRate}, against which {@code maskLearningRate} scales
     * @param calibration       the input norms for a wanda prior (null for another prior)
     */
    public MaskLlmPruner(PruningSpec spec, List<PrunableWeight> weights, MaskLlmMask method, double trainLearningRate,
                         InputNorms calibration) {
        this.method = method;
        this.settings = spec.maskllm();
        this.weights = List.copyOf(weights);
        this.nm = new NmPattern(spec.nm().n(), spec.nm().m());
        this.begin = spec.schedule().begin();
        this.end = spec.schedule().end();
        Map<String, Schedule> schedules = MaskSchedules.of(spec);
        this.tau = schedules.get(MaskSchedules.MASKLLM_TAU);
        this.kappa = schedules.get(MaskSchedules.MASKLLM_KAPPA);
        this.lambda = schedules.get(MaskSchedules.MASKLLM_LAMBDA);
        this.learningRateScale = settings.maskLearningRate() == null ? 10.0
                : settings.maskLearningRate() / trainLearningRate;
        if (settings.prior().equals("wanda") && calibration == null) {
            throw new IllegalArgumentException("prior wanda needs calibration batches, got none");
        }
        this.calibration = calibration;
    }

    /** Whether {@code variable} is a MaskLLM logits tensor (what mask transfer saves and loads). */
    public static boolean isLogits(String variable) {
        return variable.endsWith(MaskLlmMask.logitsName(""));
    }

    @Override
    public double targetAt(long step) {
        return step >= begin ? nm.sparsity() : 0.0;
    }

    /** From {@code begin} to {@code end - 1}: a new τ, κ, λ and noise before every step; at {@code end}, harden. */
    @Override
    public boolean pruneIfDue(long step, SameDiff sd) {
        if (step < begin || step > end) {
            return false;
        }
        if (!initialised) {
            initialise(sd);
            initialised = true;
        }
        if (step == end) {
            method.harden(sd);
            return true;
        }
        Map<String, Double> targets = new LinkedHashMap<>();
        weights.forEach(w -> targets.put(w.name(), nm.sparsity()));
        method.update(sd, new StepTargets(step, targets, Map.of(MaskLlmMask.TAU, tau.valueAt(step),
                MaskLlmMask.KAPPA_VALUE, kappa.valueAt(step), MaskLlmMask.LAMBDA, lambda.valueAt(step))));
        return true;
    }

    /** The arg-max masks (exactly N of every M) while learning, the frozen ones after {@code end}. */
    @Override
    public List<LayerSparsity> measure(long step, SameDiff sd) {
        double[] targets = new double[weights.size()];
        Arrays.fill(targets, targetAt(step));
        return Measurements.of(sd, weights, hardMasks(sd), targets, nm);
    }

    /** The current arg-max masks by weight name (exactly N of every M), or the frozen ones after {@code end}. */
    Map<String, INDArray> hardMasks(SameDiff sd) {
        return method.hardMasks(sd);
    }

    /** The logits at their own rate; in mask-only mode nothing else. */
    @Override
    public List<ParameterGroup> parameterGroups() {
        ParameterGroup logits = new ParameterGroup("maskllm logits", MaskLlmPruner::isLogits, false,
                learningRateScale, settings.maskWeightDecay());
        if (!settings.freezeWeights()) {
            return List.of(logits);
        }
        return List.of(logits, ParameterGroup.frozen("weights (mask-only)", name -> true));
    }

    @Override
    public List<String> graphGradientsNeeded() {
        return method.graphGradientsNeeded();
    }

    @Override
    public INDArray latent(SameDiff sd, String weight) {
        return method.latent(sd, weight);
    }

    @Override
    public void afterUpdate(SameDiff sd) {
        method.afterUpdate(sd);
    }

    @Override
    public List<String> hostGradients() {
        return method.hostGradients();
    }

    @Override
    public void toLatentGradients(SameDiff sd, Map<String, INDArray> gradients, HostUpdates updates) {
        method.toLatentGradients(sd, gradients, updates);
    }

    /** The mask method's state, and whether the logits were initialised (a resume must not do it again). */
    @Override
    public Map<String, INDArray> state(SameDiff sd) {
        Map<String, INDArray> out = new LinkedHashMap<>(method.state(sd));
        out.put(INITIALISED, Nd4j.scalar(initialised ? 1.0 : 0.0));
        return out;
    }

    @Override
    public void restore(SameDiff sd, Map<String, INDArray> state) {
        Map<String, INDArray> own = new LinkedHashMap<>(state);
        INDArray flag = own.remove(INITIALISED);
        if (flag == null) {
            throw new IllegalArgumentException("state must contain " + INITIALISED + ", got " + state.keySet());
        }
        method.restore(sd, own);
        initialised = flag.getDouble() != 0;
    }

    /** Saved logits (mask transfer), or the one-shot prior, or the seeded random start. */
    private void initialise(SameDiff sd) {
        if (settings.initFrom() != null) {
            SavedVariables.load(Path.of(settings.initFrom()), MaskLlmPruner::isLogits, sd);
            return;
        }
        if (settings.prior().equals("none")) {
            return;
        }
        Map<String, INDArray> norms = settings.prior().equals("wanda")
                ? calibration.of(weights.stream().map(PrunableWeight::name).toList()) : Map.of();
        Map<String, INDArray> oneShot = new LinkedHashMap<>();
        for (PrunableWeight w : weights) {
            INDArray score = sd.getArrForVarName(w.name()).mul(sd.getArrForVarName(w.maskName()));
            if (norms.containsKey(w.name())) {
                INDArray n = norms.get(w.name());
                score = Transforms.abs(score, false)
                        .reshape('c', w.inputDim(), w.shape()[w.shape().length - 1])
                        .mulColumnVector(n.reshape(n.length(), 1).castTo(score.dataType())).reshape(w.shape());
            }
            oneShot.put(w.name(), nm.magnitudeMask(score));
        }
        method.applyPrior(sd, oneShot, settings.priorStrength());
    }
}

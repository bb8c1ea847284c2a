// Step cost of MaskLLM mask-only against dense on the E2 transformer (docs/experiments/E2.md): the
// loss and gradients of one batch-32 step (TrainStep.compute), plus for MaskLLM the host work around it
// (before: τ, κ, λ, the Gumbel noise, the soft masks and W·M̃ of 12 matrices; after: the logits' and the
// weights' gradients from W·M̃'s); the optimizer update itself is left out of both. Rounds of 10 steps
// alternate between the two graphs; the medians are printed. Run from the repository root:
//   DATA=~/.cache/prune4j/data/moby-dick jshell --class-path "...classpath..." docs/experiments/e2-step-cost.jsh
import java.nio.file.Path;
import java.util.*;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.prune4j.trainer.data.TextCorpus;
import org.prune4j.trainer.model.*;
import org.prune4j.trainer.recipe.*;
import org.prune4j.trainer.run.Models;
import org.prune4j.trainer.train.*;

Recipe r = RecipeLoader.load(Path.of("recipes/e2-maskllm-2of4.yaml"));
TextCorpus corpus = TextCorpus.load(TextCorpus.corpusFile(Path.of(System.getenv("DATA"))), 0.05);
BatchSource batches = new TextBatches(corpus.train(), 32, 64, 0);
ModelGraph dense = Models.build(r.model(), 0, Masking.none());
PruningSetup setup = PruningSetup.of(r.pruning(), 0);
ModelGraph masked = Models.build(r.model(), 0, setup.masking());
setup.lossTerms().forEach(masked.graph()::addLossVariable);
Pruner pruner = setup.pruner(GraphChecks.selectedWeights(r.pruning(), masked), 300, 0.01, null);
TrainStep denseStep = new TrainStep(dense, new org.nd4j.linalg.learning.config.Adam(1e-3));
TrainStep maskedStep = new TrainStep(masked, new org.nd4j.linalg.learning.config.Adam(1e-3), pruner, null);

double step(TrainStep t, ModelGraph m, Pruner p, long s) {
    var b = batches.batch(s);
    long t0 = System.nanoTime();
    if (p != null) p.pruneIfDue(s, m.graph());
    var g = t.compute(b, s, 0);
    if (p != null) p.toLatentGradients(m.graph(), new HashMap<>(g.byParameter()));
    return (System.nanoTime() - t0) / 1e6;
}
step(denseStep, dense, null, 0); step(maskedStep, masked, pruner, 0); // build the gradient graphs
List<Double> d = new ArrayList<>(), k = new ArrayList<>();
for (int round = 0; round < 6; round++) {
    for (int i = 0; i < 10; i++) d.add(step(denseStep, dense, null, round * 10 + i));
    for (int i = 0; i < 10; i++) k.add(step(maskedStep, masked, pruner, round * 10 + i + 1));
}
Collections.sort(d); Collections.sort(k);
System.out.printf("median step ms: dense %.1f, maskllm mask-only %.1f, ratio %.2f (%d steps each)%n", d.get(d.size() / 2), k.get(k.size() / 2), k.get(k.size() / 2) / d.get(d.size() / 2), d.size());
/exit

// Step cost of MaskLLM mask-only against dense on the E2 transformer (docs/experiments/E2.md): the
// loss and gradients of one batch-32 step, plus for MaskLLM the host work before it (τ, κ, λ and the
// Gumbel noise of 12 matrices); the optimizer update itself is left out of both. Rounds of 10 steps
// alternate between the two graphs; the medians are printed. Run from the repository root:
//   DATA=~/.cache/prune4j/data/moby-dick jshell --class-path "...classpath..." docs/experiments/e2-step-cost.jsh
import java.nio.file.Path;
import java.util.*;
import org.nd4j.autodiff.samediff.VariableType;
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
List<String> all = dense.graph().variables().stream().filter(v -> v.getVariableType() == VariableType.VARIABLE).map(v -> v.name()).toList();
List<String> logits = masked.graph().variables().stream().filter(v -> MaskLlmPruner.isLogits(v.name())).map(v -> v.name()).toList();

double step(ModelGraph m, List<String> params, Pruner p, long s) {
    var b = batches.batch(s);
    long t0 = System.nanoTime();
    if (p != null) p.pruneIfDue(s, m.graph());
    m.graph().calculateGradientsAndOutputs(Map.of(m.input(), b.getFeatures(), m.label(), b.getLabels()), List.of(m.loss()), params);
    return (System.nanoTime() - t0) / 1e6;
}
step(dense, all, null, 0); step(masked, logits, pruner, 0); // build the gradient graphs
List<Double> d = new ArrayList<>(), k = new ArrayList<>();
for (int round = 0; round < 6; round++) {
    for (int i = 0; i < 10; i++) d.add(step(dense, all, null, round * 10 + i));
    for (int i = 0; i < 10; i++) k.add(step(masked, logits, pruner, round * 10 + i + 1));
}
Collections.sort(d); Collections.sort(k);
System.out.printf("median step ms: dense %.1f, maskllm mask-only %.1f, ratio %.2f (%d steps each)%n", d.get(d.size() / 2), k.get(k.size() / 2), k.get(k.size() / 2) / d.get(d.size() / 2), d.size());
/exit

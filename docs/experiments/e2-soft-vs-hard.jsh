// E2 check on a finished MaskLLM run (docs/experiments/E2.md): validation perplexity of the noise-free
// soft mask at the final tau and kappa against that of the exported hard model, and the N:M count of
// every masked matrix of the export. Run from the directory the recipe's paths are relative to:
//   RUN=runs/e2-maskllm-2of4 DATA=~/.cache/prune4j/data/moby-dick \
//   jshell --class-path "spark-jobs/target/prune4j-spark-jobs.jar:$(cat spark-jobs/target/classpath.txt):$(cat spark-jobs/target/classpath-provided.txt)" \
//     docs/experiments/e2-soft-vs-hard.jsh
import java.nio.file.Path;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.prune4j.masks.MaskLlmMask;
import org.prune4j.trainer.data.TextCorpus;
import org.prune4j.trainer.model.ModelGraph;
import org.prune4j.trainer.recipe.Recipe;
import org.prune4j.trainer.recipe.RecipeLoader;
import org.prune4j.trainer.run.Models;
import org.prune4j.trainer.train.MaskLlmPruner;
import org.prune4j.trainer.train.PerplexityEvaluator;
import org.prune4j.trainer.train.PruningSetup;
import org.prune4j.trainer.train.SavedVariables;

Path run = Path.of(System.getenv("RUN"));
Recipe r = RecipeLoader.load(run.resolve("recipe.yaml"));
PruningSetup setup = PruningSetup.of(r.pruning(), r.seed());
ModelGraph m = Models.build(r.model(), r.seed(), setup.masking());
SameDiff sd = m.graph();
TextCorpus corpus = TextCorpus.load(TextCorpus.corpusFile(Path.of(System.getenv("DATA"))), r.data().validationFraction());
PerplexityEvaluator eval = new PerplexityEvaluator(corpus.validation(), r.model().context());
var mllm = r.pruning().maskllm();

// soft: the dense weights, the learned logits, no noise, tau and kappa at their final values
SavedVariables.load(Path.of(r.model().initFrom()), name -> true, sd);
SavedVariables.load(run.resolve("mask-logits.fb"), MaskLlmPruner::isLogits, sd);
((MaskLlmMask) setup.method()).noiseFreeSoftMasks(sd, mllm.tau().to(), mllm.kappa().to());
double soft = eval.evaluate(m);

// the magnitude 2:4 masks of the dense weights (arm b), to count the groups MaskLLM changed
var magnitude = new java.util.HashMap<String, INDArray>();
for (var v : sd.variables()) {
    if (v.name().matches(r.pruning().weights()) && sd.hasVariable(v.name() + "_mask")) {
        magnitude.put(v.name(), new org.prune4j.masks.NmPattern(2, 4).magnitudeMask(v.getArr()));
    }
}

// hard: the exported model (masks baked into the weights; the graph is the dense graph)
SavedVariables.load(run.resolve("model.fb"), name -> !MaskLlmPruner.isLogits(name), sd);
double hard = eval.evaluate(m);

var INT = org.nd4j.linalg.api.buffer.DataType.INT32;
long groups = 0, exact = 0, changed = 0;
for (var e : magnitude.entrySet()) {
    INDArray kept = sd.getArrForVarName(e.getKey()).neq(0).castTo(INT);
    INDArray g = kept.transpose().dup('c').reshape(-1, 4).sum(1);
    groups += g.length();
    exact += g.eq(2).castTo(INT).sumNumber().longValue();
    INDArray differs = kept.neq(e.getValue().castTo(INT)).castTo(INT).transpose().dup('c').reshape(-1, 4).sum(1);
    changed += differs.gt(0).castTo(INT).sumNumber().longValue();
}
System.out.printf("soft %.4f hard %.4f soft/hard-1 %+.4f%% groups %d exactly-2 %d (%.2f%%) changed-from-magnitude %.1f%%%n",
        soft, hard, 100 * (soft / hard - 1), groups, exact, 100.0 * exact / groups, 100.0 * changed / groups);
/exit

package org.prune4j.trainer.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.prune4j.trainer.model.ModelGraph;

/**
 * Wanda's calibration (Sun et al. 2023): the L2 norm of every input feature of a masked layer over a
 * few training batches, ‖x_j‖, so that {@code |W_jk|·‖x_j‖} scores a weight by what it contributes
 * rather than by its size alone. MaskLLM uses such a one-shot mask as its prior (reference/algorithms.md
 * §4.3).
 *
 * <p>The input of a weight is found in the graph: the other operand of the matrix product that
 * consumes the effective weight {@code W_masked} (every model builds {@code x · Ŵ}); x may carry
 * batch and time dimensions, its last one is {@code nIn}. The batches are those of steps
 * {@code 0 .. batches-1}, so calibration is a pure function of the run seed.
 */
public final class InputNorms {

    private final ModelGraph model;
    private final BatchSource source;
    private final int batches;

    public InputNorms(ModelGraph model, BatchSource source, int batches) {
        if (batches < 1) {
            throw new IllegalArgumentException("batches must be >= 1, got " + batches);
        }
        this.model = model;
        this.source = source;
        this.batches = batches;
    }

    /** {@code [nIn]} norms of the input of each weight, by weight name. */
    public Map<String, INDArray> of(List<String> weights) {
        SameDiff sd = model.graph();
        Map<String, String> inputs = new LinkedHashMap<>();
        for (String w : weights) {
            inputs.put(w, inputOf(sd, w));
        }
        Map<String, INDArray> squares = new LinkedHashMap<>();
        for (int b = 0; b < batches; b++) {
            DataSet batch = source.batch(b);
            Map<String, INDArray> out = sd.output(Map.of(model.input(), batch.getFeatures(), model.label(),
                    batch.getLabels()), inputs.values().toArray(new String[0]));
            inputs.forEach((w, x) -> {
                INDArray a = out.get(x);
                INDArray rows = a.reshape('c', a.length() / a.size(a.rank() - 1), a.size(a.rank() - 1));
                INDArray sum = rows.mul(rows).sum(0);
                squares.merge(w, sum, INDArray::addi);
            });
        }
        Map<String, INDArray> norms = new LinkedHashMap<>();
        squares.forEach((w, s) -> norms.put(w, Transforms.sqrt(s, false)));
        return norms;
    }

    /** The variable multiplied by {@code weight}'s effective weight in the model's matrix product. */
    private static String inputOf(SameDiff sd, String weight) {
        // a masked weight enters the product as W_masked; an unmasked one (Masking.none) as itself
        String effective = sd.hasVariable(weight + "_masked") ? weight + "_masked" : weight;
        List<String> consumers = sd.getVariables().get(effective).getInputsForOp();
        for (String op : consumers == null ? List.<String>of() : consumers) {
            SameDiffOp o = sd.getOps().get(op);
            List<String> args = o.getInputsToOp();
            if (o.getOp().opName().contains("mmul") || o.getOp().opName().contains("matmul")) {
                return args.get(0).equals(effective) ? args.get(1) : args.get(0);
            }
        }
        throw new IllegalArgumentException("wanda needs a matrix product x · " + effective + " in the graph, got "
                + effective + " consumed by " + consumers);
    }
}

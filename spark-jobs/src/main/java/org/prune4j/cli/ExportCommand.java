package org.prune4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.prune4j.trainer.report.RunFiles;
import org.prune4j.trainer.run.Export;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code prune4j export MODEL --out FILE}: bake masks into the weights of a saved model. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Bake the masks of a saved prune4j model into its weights (W := W * mask) and save it as "
                + "SameDiff FlatBuffers, printing each weight's sparsity.")
final class ExportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MODEL", description = "A model file (.fb) or a run directory (its model.fb).")
    Path model;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Where to write the baked model.")
    Path out;

    @Override
    public Integer call() {
        Path file = Files.isDirectory(model) ? new RunFiles(model).model() : model;
        if (!Files.isRegularFile(file)) {
            System.err.println("prune4j: MODEL must be a model file or a run directory holding model.fb, got " + model);
            return Prune4j.EXIT_BAD_INPUT;
        }
        if (Files.exists(out)) {
            System.err.println("prune4j: --out must not exist already (nothing is overwritten), got " + out);
            return Prune4j.EXIT_BAD_INPUT;
        }
        SameDiff sd = SameDiff.load(file.toFile(), false);
        for (Export.BakedWeight w : Export.bake(sd)) {
            System.out.printf(Locale.ROOT, "%-24s %10d entries  sparsity %.4f%n", w.name(), w.size(),
                    (double) w.zeros() / w.size());
        }
        Export.save(sd, out.toFile());
        System.out.println("wrote " + out);
        return 0;
    }
}

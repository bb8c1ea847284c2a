package org.prune4j.trainer.report;

import java.util.Locale;

/** {@code sparsity.md}: per pruned weight, the target, what was realized, and N:M conformance. */
public final class SparsityTable {

    private SparsityTable() {
    }

    public static String markdown(Summary summary) {
        StringBuilder md = new StringBuilder();
        Summary.Sparsity s = summary.sparsity();
        md.append("# Sparsity report\n\n");
        md.append(String.format(Locale.ROOT, "Scope: %s. Overall realized sparsity of the pruned weights: **%.4f** "
                + "after %d steps.%n%n", s.scope(), s.overall(), summary.steps()));
        if (s.layers().isEmpty()) {
            md.append("No weights were pruned (a dense run).\n");
            return md.toString();
        }
        md.append("| weight | entries | target | realized | zeros | N:M violations |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        long size = 0;
        long zeros = 0;
        for (Summary.Layer l : s.layers()) {
            long z = Math.round(l.realized() * l.size());
            size += l.size();
            zeros += z;
            md.append(String.format(Locale.ROOT, "| `%s` | %d | %.4f | %.4f | %d | %d |%n", l.name(), l.size(),
                    l.target(), l.realized(), z, l.nmViolations()));
        }
        md.append(String.format(Locale.ROOT, "| **all** | %d | | %.4f | %d | %d |%n", size, s.overall(), zeros,
                s.layers().stream().mapToLong(Summary.Layer::nmViolations).sum()));
        md.append("\nRealized sparsity is measured on the effective weights W * mask, which is what the exported "
                + "model holds.\n");
        return md.toString();
    }
}

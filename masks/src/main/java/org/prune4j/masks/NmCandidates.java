package org.prune4j.masks;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The C(M, N) binary masks of one N:M group, in the order MaskLLM numbers them: the N-subsets of
 * {@code 0..M-1} in lexicographic order ({@code itertools.combinations(range(M), N)}), so for 2:4
 * {@code [1,1,0,0], [1,0,1,0], [1,0,0,1], [0,1,1,0], [0,1,0,1], [0,0,1,1]}
 * (reference/algorithms.md §4.1). MaskLLM keeps one logit per candidate, so the order fixes what a
 * saved logit means.
 */
public record NmCandidates(NmPattern pattern, List<float[]> rows) {

    public NmCandidates {
        rows = List.copyOf(rows);
    }

    /** Enumerates the candidates of {@code pattern}. */
    public static NmCandidates of(NmPattern pattern) {
        List<float[]> rows = new ArrayList<>();
        enumerate(pattern.m(), pattern.n(), 0, new float[pattern.m()], rows);
        return new NmCandidates(pattern, rows);
    }

    private static void enumerate(int m, int left, int from, float[] row, List<float[]> out) {
        if (left == 0) {
            out.add(row.clone());
            return;
        }
        for (int i = from; i <= m - left; i++) {
            row[i] = 1f;
            enumerate(m, left - 1, i + 1, row, out);
            row[i] = 0f;
        }
    }

    /** The number of candidates, C(M, N). */
    public int count() {
        return rows.size();
    }

    /** Candidate {@code c} (a copy). */
    public float[] row(int c) {
        return rows.get(c).clone();
    }

    /** The {@code [count, M]} 0/1 matrix S with the candidates as rows, so that a soft mask is {@code y · S}. */
    public INDArray matrix(DataType type) {
        float[][] s = rows.toArray(new float[0][]);
        return Nd4j.create(s).castTo(type);
    }

    /** How many ones candidate {@code c} shares with the group {@code mask[offset + i * stride]}, i < M. */
    int overlap(int c, float[] mask, int offset, int stride) {
        float[] row = rows.get(c);
        int shared = 0;
        for (int i = 0; i < row.length; i++) {
            if (row[i] != 0f && mask[offset + i * stride] != 0f) {
                shared++;
            }
        }
        return shared;
    }
}

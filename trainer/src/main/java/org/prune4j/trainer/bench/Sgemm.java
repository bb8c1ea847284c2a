package org.prune4j.trainer.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** This machine's FP32 matrix-multiply rate through ND4J: the ceiling a training step is measured against. */
public final class Sgemm {

    private Sgemm() {
    }

    /** GFLOP/s of {@code reps} n x n x n products into a preallocated result, after two warm-ups. */
    public static double[] gflops(int n, int reps) {
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.zeros(DataType.FLOAT, n, n);
        for (int i = 0; i < 2; i++) {
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        }
        double flop = 2.0 * n * n * n;
        double[] out = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            out[i] = flop / ((System.nanoTime() - t0) / 1e9) / 1e9;
        }
        return out;
    }
}

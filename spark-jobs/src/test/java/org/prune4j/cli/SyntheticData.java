package org.prune4j.cli;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Small learnable stand-ins for the real datasets, so CLI tests run in seconds and offline: 28x28
 * images where class c lights up rows 2c..2c+2 over uniform noise, written as IDX files; and a
 * repetitive text.
 */
final class SyntheticData {

    private SyntheticData() {
    }

    /** Writes train (n) and t10k (n/4) IDX files into {@code dir}. */
    static Path images(Path dir, int n) throws IOException {
        Files.createDirectories(dir);
        write(dir, "train", n, 1);
        write(dir, "t10k", n / 4, 2);
        return dir;
    }

    static Path text(Path dir) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve("tiny.txt"), "the quick brown fox jumps over the lazy dog. ".repeat(200));
    }

    private static void write(Path dir, String split, int n, long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[] pixels = new byte[n * 784];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int c = i % 10;
            labels[i] = (byte) c;
            for (int p = 0; p < 784; p++) {
                int row = p / 28;
                boolean lit = row >= 2 * c + 2 && row < 2 * c + 5;
                pixels[i * 784 + p] = (byte) (lit ? 200 + rng.nextInt(56) : rng.nextInt(80));
            }
        }
        try (OutputStream out = Files.newOutputStream(dir.resolve(split + "-images-idx3-ubyte"));
             DataOutputStream d = new DataOutputStream(out)) {
            d.writeInt(2051);
            d.writeInt(n);
            d.writeInt(28);
            d.writeInt(28);
            d.write(pixels);
        }
        try (OutputStream out = Files.newOutputStream(dir.resolve(split + "-labels-idx1-ubyte"));
             DataOutputStream d = new DataOutputStream(out)) {
            d.writeInt(2049);
            d.writeInt(n);
            d.write(labels);
        }
    }
}

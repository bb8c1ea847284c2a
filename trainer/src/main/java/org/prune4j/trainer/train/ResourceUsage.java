package org.prune4j.trainer.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.Pointer;

/**
 * Memory a run uses: the process's peak resident set (the kernel's high-water mark) and its resident
 * bytes outside the Java heap (the resident set minus the committed heap: ND4J's arrays, which libnd4j
 * allocates itself, plus native libraries, JIT code and thread stacks), sampled whenever
 * {@link #sample()} is called. JavaCPP's own counter ({@code Pointer.totalBytes()}) does not see
 * libnd4j's buffers and read about 0.
 */
public final class ResourceUsage {

    private long peakOffHeapBytes;

    /** Records the current resident bytes outside the Java heap if they are a new peak. */
    public void sample() {
        peakOffHeapBytes = Math.max(peakOffHeapBytes, Pointer.physicalBytes() - Runtime.getRuntime().totalMemory());
    }

    public long peakOffHeapBytes() {
        sample();
        return peakOffHeapBytes;
    }

    /** VmHWM of /proc/self/status in bytes, or -1 where there is no /proc. */
    public static long peakResidentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}

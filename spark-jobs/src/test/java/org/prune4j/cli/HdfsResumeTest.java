package org.prune4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prune4j.checkpoints.CheckpointStore;
import org.prune4j.checkpoints.TrainingState;

/**
 * Checkpoints on HDFS, against an in-process MiniDFSCluster (one DataNode, listening on 127.0.0.1):
 * {@code train} writes them there, a damaged one is skipped with a warning naming it, and {@code
 * resume} continues from the one before, writes the same checkpoint again, and keeps the newest three.
 */
class HdfsResumeTest {

    @TempDir
    static Path tmp;
    static MiniDFSCluster cluster;

    @BeforeAll
    static void startHdfs() throws Exception {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("hdfs").toString());
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
    }

    @AfterAll
    static void stopHdfs() {
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    @Test
    void trainsToHdfsSkipsADamagedCheckpointAndResumesFromThere() throws Exception {
        Path data = SyntheticData.images(tmp.resolve("data"), 320);
        String hdfs = cluster.getURI() + "/prune4j/checkpoints";
        assertTrue(hdfs.startsWith("hdfs://"), hdfs);
        String yaml = TrainCommandTest.RECIPE.replace("name: e2e", "name: on-hdfs").replace("steps: 120", "steps: 60")
                .replace("begin: 20, end: 80, frequency: 20", "begin: 10, end: 50, frequency: 10")
                + "checkpoint: {every: 30, dir: '" + hdfs + "'}\n";
        Path recipe = Files.writeString(tmp.resolve("on-hdfs.yaml"), yaml);
        CliRun train = CliRun.of("train", recipe.toString(), "--data-dir", data.toString(), "--output-dir",
                tmp.resolve("runs").toString());
        assertEquals(0, train.code(), train.toString());
        String store = hdfs + "/on-hdfs";
        assertTrue(train.out().contains("step 30  checkpoint " + store + "/step-000000030"), train.out());
        assertEquals(List.of(30L, 60L), CheckpointStore.open(store, 1, w -> { }).steps());

        TrainingState original = Checkpoints.latest(store);
        String damaged = store + "/step-000000060/arrays/0003.npy";
        flipLastByte(cluster.getFileSystem(), damaged);
        CliRun withoutRunDir = CliRun.of("resume", store, "--steps", "90", "--data-dir", data.toString());
        assertEquals(2, withoutRunDir.code(), withoutRunDir.toString());
        assertTrue(withoutRunDir.messages().endsWith("prune4j: cannot tell which run directory " + store
                + " belongs to; pass --run-dir DIR"), withoutRunDir.messages());

        Path run = tmp.resolve("runs/on-hdfs");
        CliRun resumed = CliRun.of("resume", store, "--run-dir", run.toString(), "--steps", "90", "--data-dir",
                data.toString());
        assertEquals(0, resumed.code(), resumed.toString());
        assertTrue(resumed.messages().startsWith("prune4j: warning: skipping an incomplete or damaged checkpoint: "
                + damaged + " does not match its manifest entry"), resumed.messages());
        assertTrue(resumed.out().contains("resuming " + run + " from step 30 of 90 (" + store + "/step-000000030)"),
                resumed.out());
        CheckpointStore after = CheckpointStore.open(store, 1, w -> { });
        assertEquals(List.of(30L, 60L, 90L), after.steps());
        Checkpoints.assertSameArrays(original, after.load(60));
        assertEquals(90, Checkpoints.latest(store).step());
        assertTrue(Files.readString(run.resolve("summary.json")).contains("\"steps\" : 90"));
    }

    private static void flipLastByte(FileSystem fs, String file) throws Exception {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file);
        byte[] bytes;
        try (FSDataInputStream in = fs.open(path)) {
            bytes = in.readAllBytes();
        }
        bytes[bytes.length - 1] ^= 0x01;
        try (FSDataOutputStream out = fs.create(path, true)) {
            out.write(bytes);
        }
    }
}

package org.prune4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prune4j.checkpoints.CheckpointStore;

/** {@code train} checkpointing to hdfs:// and {@code resume} from there, against an in-process MiniDFSCluster. */
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
    void trainsToHdfsAndResumesFromThere() throws Exception {
        Path data = SyntheticData.images(tmp.resolve("data"), 320);
        String hdfs = cluster.getURI() + "/prune4j/checkpoints";
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

        CliRun withoutRunDir = CliRun.of("resume", store, "--steps", "90", "--data-dir", data.toString());
        assertEquals(2, withoutRunDir.code(), withoutRunDir.toString());
        assertEquals("prune4j: cannot tell which run directory " + store + " belongs to; pass --run-dir DIR",
                withoutRunDir.messages());

        Path run = tmp.resolve("runs/on-hdfs");
        CliRun resumed = CliRun.of("resume", store, "--run-dir", run.toString(), "--steps", "90", "--data-dir",
                data.toString());
        assertEquals(0, resumed.code(), resumed.toString());
        assertTrue(resumed.out().contains("resuming " + run + " from step 60 of 90 (" + store + "/step-000000060)"),
                resumed.out());
        assertEquals(List.of(30L, 60L, 90L), CheckpointStore.open(store, 1, w -> { }).steps());
        assertEquals(90, Checkpoints.latest(store).step());
        assertTrue(Files.readString(run.resolve("summary.json")).contains("\"steps\" : 90"));
    }
}

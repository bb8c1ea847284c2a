package org.prune4j.checkpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store on a real HDFS: an in-process MiniDFSCluster (one DataNode, listening on 127.0.0.1). */
class HdfsCheckpointStoreTest {

    @TempDir
    static Path base;
    static MiniDFSCluster cluster;

    @BeforeAll
    static void startHdfs() throws Exception {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
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
    void roundTripRetentionAndCorruptionOnHdfs() throws Exception {
        String location = cluster.getURI() + "/runs/x/checkpoints";
        assertTrue(location.startsWith("hdfs://"), location);
        List<String> warnings = new ArrayList<>();
        CheckpointStore store = CheckpointStore.open(location, 2, warnings::add);
        String saved = store.save(States.everyKind(5));
        assertEquals(location + "/step-000000005", saved);
        States.assertIdentical(States.everyKind(5), store.load(5));
        store.save(States.small(6));
        store.save(States.small(7));
        assertEquals(List.of(6L, 7L), store.steps(), "keeps the newest two");

        flipLastByte(cluster.getFileSystem(), saved.replace("000005", "000007") + "/arrays/0001.npy");
        States.assertIdentical(States.small(6), store.latest().orElseThrow());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains(location + "/step-000000007/arrays/0001.npy"), warnings.get(0));
    }

    private static void flipLastByte(FileSystem fs, String file) throws Exception {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file);
        byte[] bytes;
        try (var in = fs.open(path)) {
            bytes = in.readAllBytes();
        }
        bytes[bytes.length - 1] ^= 0x01;
        try (FSDataOutputStream out = fs.create(path, true)) {
            out.write(bytes);
        }
    }
}

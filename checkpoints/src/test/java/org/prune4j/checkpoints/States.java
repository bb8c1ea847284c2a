package org.prune4j.checkpoints;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Training states for the store tests, and a bit-for-bit comparison of two of them. */
final class States {

    static final Provenance PROVENANCE = new Provenance("0.1.0-test", "0123456789abcdef0123456789abcdef01234567",
            "17.0.15", "1.0.0-M2.1", "test-host", "Linux amd64", 2, "2026-01-01T00:00:00Z");
    static final String RECIPE = "name: t\nseed: 7\nmodel: {type: mlp}\n";

    private States() {
    }

    /** A state with every data type and shape the store must carry: views, F order, scalars, empty, NaN, -0.0. */
    static TrainingState everyKind(long step) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("graph/fc1/W", Nd4j.createFromArray(new float[][] {{1.5f, -0.0f, Float.NaN}, {3e-38f, 7, -2}}));
        arrays.put("graph/fc1/W_mask", Nd4j.createFromArray(new float[][] {{1, 0, 1}, {0, 1, 1}}));
        arrays.put("optimizer/fc1/W/M", Nd4j.arange(12).castTo(DataType.DOUBLE).muli(0.25).subi(1).reshape('f', 3, 4));
        arrays.put("view", Nd4j.arange(20).castTo(DataType.FLOAT).reshape(4, 5).getColumn(2));
        arrays.put("ints", Nd4j.createFromArray(Integer.MIN_VALUE, 0, Integer.MAX_VALUE));
        arrays.put("longs", Nd4j.createFromArray(Long.MIN_VALUE, step, Long.MAX_VALUE));
        arrays.put("half", Nd4j.createFromArray(0.5f, -3f).castTo(DataType.HALF));
        arrays.put("bools", Nd4j.createFromArray(true, false, true));
        arrays.put("bytes", Nd4j.createFromArray((byte) -1, (byte) 127).castTo(DataType.UINT8));
        arrays.put("scalar", Nd4j.scalar(2.75));
        arrays.put("empty", Nd4j.create(DataType.FLOAT, 0, 3));
        return new TrainingState(step, arrays, Map.of("seed", 42L, "data.epoch", 3L, "data.position", 1024L),
                RECIPE, PROVENANCE);
    }

    /** A small state whose weight depends on the step, for tests that save many. */
    static TrainingState small(long step) {
        return new TrainingState(step, Map.of("w", Nd4j.arange(6).castTo(DataType.FLOAT).addi(step).reshape(2, 3),
                "m", Nd4j.ones(DataType.FLOAT, 6)), Map.of("seed", 1L), RECIPE, PROVENANCE);
    }

    /** Same step, scalars, recipe, provenance, and arrays of the same type, shape and bytes. */
    static void assertIdentical(TrainingState expected, TrainingState actual) {
        assertEquals(expected.step(), actual.step(), "step");
        assertEquals(expected.scalars(), actual.scalars(), "scalars");
        assertEquals(expected.recipeYaml(), actual.recipeYaml(), "recipe");
        assertEquals(expected.provenance(), actual.provenance(), "provenance");
        assertEquals(expected.arrays().keySet(), actual.arrays().keySet(), "array names");
        expected.arrays().forEach((name, e) -> {
            INDArray a = actual.arrays().get(name);
            assertEquals(e.dataType(), a.dataType(), name + " data type");
            assertArrayEquals(e.shape(), a.shape(), name + " shape");
            assertArrayEquals(bytes(e), bytes(a), name + " bytes");
        });
    }

    private static byte[] bytes(INDArray a) {
        return a.isEmpty() ? new byte[0] : a.dup('c').data().asBytes();
    }
}

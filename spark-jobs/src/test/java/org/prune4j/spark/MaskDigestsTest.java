package org.prune4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.prune4j.masks.MagnitudeMasks;

class MaskDigestsTest {

    /** The digest of a 0/1 mask is over its bits; any other mask is digested by its values. */
    @Test
    void maskDigestsTellEveryEntryApart() {
        INDArray mask = MagnitudeMasks.layerMask(Nd4j.randn(DataType.FLOAT, 130, 7), 0.9);
        String digest = MaskDigests.digest(mask);
        assertEquals(digest, MaskDigests.digest(mask.dup('f')), "the row-major entry order, whatever the layout");
        INDArray flipped = mask.dup();
        flipped.putScalar(129, 6, 1 - flipped.getFloat(129, 6)); // the last entry: the last, partial word
        assertNotEquals(digest, MaskDigests.digest(flipped));
        INDArray soft = mask.dup();
        soft.putScalar(0, 0, 0.5f);
        assertNotEquals(digest, MaskDigests.digest(soft));
        assertNotEquals(MaskDigests.digest(soft), MaskDigests.digest(soft.mul(0.5)));
    }

    @Test
    void aWorkerWhoseMaskDiffersFailsNamingTheLayer() {
        SameDiff sd = SameDiff.create();
        sd.constant("fc1/W_mask", MagnitudeMasks.layerMask(Nd4j.randn(DataType.FLOAT, 20, 10), 0.5));
        sd.constant("fc2/W_mask", Nd4j.ones(DataType.FLOAT, 10, 3));
        Map<String, String> driver = MaskDigests.of(sd);
        MaskDigests.check(sd, driver, 1);
        sd.getArrForVarName("fc2/W_mask").putScalar(4, 1, 0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> MaskDigests.check(sd, driver, 1));
        assertTrue(e.getMessage().startsWith("mask fc2/W_mask differs on worker 1 from the driver's"), e.getMessage());
    }
}

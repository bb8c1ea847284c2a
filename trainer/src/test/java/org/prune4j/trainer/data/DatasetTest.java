package org.prune4j.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetTest {

    @Test
    void idsAreStableAndRoundTrip() {
        assertEquals(List.of("mnist", "fashion-mnist", "moby-dick", "sotu", "kjv"),
                Arrays.stream(Dataset.values()).map(Dataset::id).toList());
        for (Dataset d : Dataset.values()) {
            assertSame(d, Dataset.byId(d.id()));
        }
        assertSame(Dataset.FASHION_MNIST, Dataset.byId(" Fashion-MNIST "));
    }

    @Test
    void unknownIdListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dataset.byId("cifar10"));
        assertEquals("unknown dataset 'cifar10' (known: mnist, fashion-mnist, moby-dick, sotu, kjv)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Dataset.byId(null));
        assertThrows(IllegalArgumentException.class, () -> Dataset.byId("fashion_mnist"));
    }

    @Test
    void textAndImageSetsHaveMatchingCanonicalFiles() {
        for (Dataset d : Dataset.values()) {
            List<String> names = Sources.of(d).files().stream().map(CanonicalFile::name).toList();
            if (d.isText()) {
                assertEquals(List.of("corpus.txt"), names, d.id());
            } else {
                assertEquals(Sources.IDX_NAMES, names, d.id());
            }
        }
        assertTrue(Dataset.KJV.isText());
        assertFalse(Dataset.MNIST.isText());
        assertFalse(Dataset.FASHION_MNIST.isText());
    }

    @Test
    void fetchCommandIsTheCliLine() {
        assertEquals("./prune4j data fetch fashion-mnist", DataStore.fetchCommand(Dataset.FASHION_MNIST));
    }
}

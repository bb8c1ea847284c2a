package org.prune4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class Nd4jKryoRegistratorTest {

    @Test
    void arraysSurviveKryoWithTheirTypeShapeAndElementsIncludingViewsAndFortranOrder() {
        Kryo kryo = new Kryo();
        new Nd4jKryoRegistrator().registerClasses(kryo);
        INDArray matrix = Nd4j.linspace(DataType.FLOAT, 1, 12, 1).reshape(3, 4);
        List<INDArray> arrays = List.of(matrix,
                matrix.get(NDArrayIndex.interval(1, 3), NDArrayIndex.interval(1, 3)), // a strided view
                matrix.dup('f'),
                Nd4j.createFromArray(1L, -2L, 3L),
                Nd4j.scalar(2.5));
        for (INDArray a : arrays) {
            Output out = new Output(1024, -1);
            kryo.writeClassAndObject(out, a);
            INDArray back = (INDArray) kryo.readClassAndObject(new Input(out.toBytes()));
            assertEquals(a.dataType(), back.dataType(), "data type of " + a);
            assertArrayEquals(a.shape(), back.shape(), "shape of " + a);
            assertEquals(a, back, "elements of " + a);
        }
    }
}

package org.prune4j.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.HashMap;
import java.util.LinkedHashMap;
import org.apache.spark.serializer.KryoRegistrator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Registers a Kryo serializer for ND4J arrays (data type, shape and raw elements) and the classes a
 * round ships. There is no nd4j-kryo release for 1.0.0-M2.1
 * (reference/stack-probe.md §3), hence this one.
 */
public final class Nd4jKryoRegistrator implements KryoRegistrator {

    @Override
    public void registerClasses(Kryo kryo) {
        INDArraySerializer arrays = new INDArraySerializer();
        kryo.addDefaultSerializer(INDArray.class, arrays);
        kryo.register(Nd4j.create(1).getClass(), arrays);
        kryo.register(HashMap.class);
        kryo.register(LinkedHashMap.class);
        kryo.register(RoundState.class);
        kryo.register(WorkerResult.class);
        kryo.register(double[].class);
        kryo.register(PackedArray.class);
        kryo.register(long[].class);
        kryo.register(float[].class);
    }

    /**
     * An ND4J array as its data type, shape and c-order elements, copied in bulk: ND4J's own binary format
     * ({@code Nd4j.write}) goes element by element through a DataOutputStream, about ten times slower, and
     * a round ships megabytes. The bytes are in the machine's order; every JVM of a cluster shares it.
     */
    static final class INDArraySerializer extends Serializer<INDArray> {

        @Override
        public void write(Kryo kryo, Output output, INDArray array) {
            INDArray c = array.isView() || array.ordering() != 'c' || array.data().length() != array.length()
                    ? array.dup('c') : array;
            output.writeString(c.dataType().name());
            output.writeInt(c.rank(), true);
            for (long d : c.shape()) {
                output.writeLong(d, true);
            }
            byte[] bytes = new byte[Math.toIntExact(c.length() * c.dataType().width())];
            if (bytes.length > 0) {
                c.data().asNio().get(bytes);
            }
            output.writeInt(bytes.length, true);
            output.writeBytes(bytes);
        }

        @Override
        public INDArray read(Kryo kryo, Input input, Class<INDArray> type) {
            DataType dataType = DataType.valueOf(input.readString());
            long[] shape = new long[input.readInt(true)];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = input.readLong(true);
            }
            byte[] bytes = input.readBytes(input.readInt(true));
            INDArray array = Nd4j.createUninitialized(dataType, shape, 'c');
            if (bytes.length > 0) {
                array.data().asNio().put(bytes);
            }
            return array;
        }
    }
}

package org.prune4j.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import org.apache.spark.serializer.KryoRegistrator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Registers a Kryo serializer for ND4J arrays (ND4J's binary format via {@code Nd4j.write}/{@code read},
 * length-prefixed) and the classes a round ships. There is no nd4j-kryo release for 1.0.0-M2.1
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

    /** An ND4J array as its ND4J binary form; views are copied first so only their elements travel. */
    static final class INDArraySerializer extends Serializer<INDArray> {

        @Override
        public void write(Kryo kryo, Output output, INDArray array) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                Nd4j.write(array.isView() ? array.dup() : array, out);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot serialize an INDArray", e);
            }
            output.writeInt(bytes.size(), true);
            output.writeBytes(bytes.toByteArray());
        }

        @Override
        public INDArray read(Kryo kryo, Input input, Class<INDArray> type) {
            byte[] bytes = input.readBytes(input.readInt(true));
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
                return Nd4j.read(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot deserialize an INDArray", e);
            }
        }
    }
}

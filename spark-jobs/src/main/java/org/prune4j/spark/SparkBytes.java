package org.prune4j.spark;

import java.nio.ByteBuffer;
import org.apache.spark.SparkEnv;
import org.apache.spark.serializer.SerializerInstance;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/** Objects to bytes and back with the serializer Spark runs with in this JVM: Kryo with {@link Nd4jKryoRegistrator}. */
final class SparkBytes {

    private SparkBytes() {
    }

    static byte[] of(Object value) {
        ByteBuffer buffer = serializer().serialize(value, tag(Object.class));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    static <T> T read(byte[] bytes, Class<T> type) {
        return type.cast(serializer().deserialize(ByteBuffer.wrap(bytes), tag(type)));
    }

    private static SerializerInstance serializer() {
        return SparkEnv.get().serializer().newInstance();
    }

    @SuppressWarnings("unchecked")
    private static <T> ClassTag<T> tag(Class<T> type) {
        return (ClassTag<T>) ClassTag$.MODULE$.apply(type);
    }
}

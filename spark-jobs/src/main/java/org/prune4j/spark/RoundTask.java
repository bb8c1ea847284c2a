package org.prune4j.spark;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Iterator;
import org.apache.spark.api.java.function.VoidFunction;

/**
 * A worker's Spark task, alive for the whole run: connects to the driver's {@link RoundChannel} and
 * answers every round it is sent until told to stop. The partition holds the worker's index.
 */
final class RoundTask implements VoidFunction<Iterator<Integer>> {

    private static final long serialVersionUID = 1L;
    private static final int CONNECT_TIMEOUT_MILLIS = 30_000;

    private final RoundChannel.Endpoint endpoint;
    private final RoundChannel.Handler handler;

    RoundTask(RoundChannel.Endpoint endpoint, RoundChannel.Handler handler) {
        this.endpoint = endpoint;
        this.handler = handler;
    }

    /** The handler's answer; its own I/O failures (reading data, say) are not the connection's. */
    private byte[] answer(int worker, byte[] payload) throws Exception {
        try {
            return handler.answer(worker, payload);
        } catch (IOException e) {
            throw new IllegalStateException("worker " + worker + " failed its round: " + e.getMessage(), e);
        }
    }

    @Override
    public void call(Iterator<Integer> partition) throws Exception {
        int worker = partition.next();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), CONNECT_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
            out.write(endpoint.token());
            out.writeInt(worker);
            out.flush();
            while (true) {
                long round = in.readLong();
                byte[] payload = Frames.readBytes(in);
                if (round == RoundChannel.STOP) {
                    return;
                }
                byte[] answer = answer(worker, payload);
                out.writeLong(round);
                Frames.writeBytes(out, answer);
                out.flush();
            }
        } catch (IOException e) { // the handler's own I/O failures are wrapped: these are the socket's
            throw new IOException("worker " + worker + " lost the driver at " + endpoint.host() + ":" + endpoint.port()
                    + ": " + e.getMessage(), e);
        }
    }
}

package org.prune4j.spark;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The driver's end of the rounds: the workers' tasks live as long as the run and each keeps one TCP
 * connection to the driver, over which it receives every round's state and sends back its result. A
 * Spark job per round cost 10-20 ms before any array moved on this machine (scheduling, closure cleaning,
 * task and broadcast serialization, much of it interpreted until the JIT reaches it after hundreds of
 * rounds); a round here is two socket writes.
 *
 * <p>Frames: a worker opens with the run's secret token and its index; the driver sends
 * {@code (round, length, bytes)}, round -1 meaning stop; the worker answers {@code (round, length, bytes)}.
 * A worker whose connection drops (its executor died; Spark runs the task again elsewhere) connects
 * anew and is sent the round it has not answered: a round is a pure function of (state, worker), so a
 * repeated one gives the same bytes. Results come back in worker order whatever order they arrive in.
 */
final class RoundChannel implements AutoCloseable {

    /** Where the tasks connect, and the secret that proves they belong to this run. */
    record Endpoint(String host, int port, byte[] token) implements Serializable {
    }

    /** The task's side of a round: the answer of one worker to one round's payload. */
    @FunctionalInterface
    interface Handler extends Serializable {
        byte[] answer(int worker, byte[] payload) throws Exception;
    }

    static final long STOP = -1;
    private static final int TOKEN_BYTES = 16;
    /** A round waits this long for a missing worker to connect or answer before the run fails. */
    private static final long STALL_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final int workers;
    private final ServerSocket server;
    private final byte[] token = new byte[TOKEN_BYTES];
    private final String host;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Connection[] connections;
    private long round;
    private volatile boolean closed;

    /** Listens on {@code bindAddress}; tasks reach it as {@code host}. */
    RoundChannel(int workers, String host, String bindAddress) {
        this.workers = workers;
        this.host = host;
        this.connections = new Connection[workers];
        new SecureRandom().nextBytes(token);
        try {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), 0), workers * 2);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen for the workers on " + bindAddress + ": " + e.getMessage(), e);
        }
        Thread acceptor = new Thread(this::accept, "prune4j-round-channel");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    Endpoint endpoint() {
        return new Endpoint(host, server.getLocalPort(), token.clone());
    }

    /**
     * Sends {@code payload} to every worker and returns their answers, in worker order.
     *
     * @param jobFailure what ended the workers' Spark job, or null while it runs: the round fails with it
     */
    List<byte[]> exchange(byte[] payload, Supplier<RuntimeException> jobFailure) throws InterruptedException {
        long current = ++round;
        byte[][] answers = new byte[workers][];
        int missing = workers;
        for (Connection c : connections) {
            if (c != null) {
                c.send(current, payload);
            }
        }
        long lastProgress = System.nanoTime();
        while (missing > 0) {
            Event e = events.poll(100, TimeUnit.MILLISECONDS);
            if (e == null) {
                RuntimeException failure = jobFailure.get();
                if (failure != null) {
                    throw failure;
                }
                if (System.nanoTime() - lastProgress > STALL_NANOS) {
                    throw new IllegalStateException("round " + current + ": workers " + missingWorkers(answers)
                            + " neither connected nor answered for 10 minutes; the cluster must run all " + workers
                            + " workers' tasks at once (one core each)");
                }
                continue;
            }
            Connection c = e.connection();
            if (e instanceof Connected) {
                if (connections[c.worker] != null) {
                    connections[c.worker].close();
                }
                connections[c.worker] = c;
                if (answers[c.worker] == null) {
                    c.send(current, payload);
                }
                lastProgress = System.nanoTime();
            } else if (e instanceof Lost) {
                if (connections[c.worker] == c) {
                    connections[c.worker] = null; // its task runs again and connects anew
                }
            } else if (e instanceof Answer a && connections[c.worker] == c && a.round == current
                    && answers[c.worker] == null) {
                answers[c.worker] = a.bytes;
                missing--;
                lastProgress = System.nanoTime();
            }
        }
        return Arrays.asList(answers);
    }

    /** Tells every connected worker to stop (their tasks then end) and stops listening. */
    @Override
    public void close() {
        closed = true;
        for (Connection c : connections) {
            if (c != null) {
                c.send(STOP, new byte[0]);
                c.closeAfterWrites();
            }
        }
        try {
            server.close();
        } catch (IOException e) {
            // nothing left to accept
        }
    }

    private List<Integer> missingWorkers(byte[][] answers) {
        List<Integer> out = new ArrayList<>();
        for (int w = 0; w < answers.length; w++) {
            if (answers[w] == null) {
                out.add(w);
            }
        }
        return out;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                Thread hello = new Thread(() -> greet(socket), "prune4j-round-channel-hello");
                hello.setDaemon(true);
                hello.start();
            } catch (IOException e) {
                return; // closed: rounds already under way fail on their connections
            }
        }
    }

    /** Reads a new connection's token and worker index, then its answers until it drops. */
    private void greet(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(30)); // for the greeting only
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
            byte[] offered = new byte[TOKEN_BYTES];
            in.readFully(offered);
            int worker = in.readInt();
            if (!MessageDigest.isEqual(offered, token) || worker < 0 || worker >= workers) {
                socket.close();
                return;
            }
            socket.setSoTimeout(0);
            Connection c = new Connection(worker, socket);
            events.add(new Connected(c));
            try {
                while (true) {
                    long answered = in.readLong();
                    events.add(new Answer(c, answered, Frames.readBytes(in)));
                }
            } catch (IOException e) {
                c.close();
                events.add(new Lost(c));
            }
        } catch (IOException e) { // a greeting that never came, or a stranger
            closeQuietly(socket);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    private sealed interface Event permits Connected, Answer, Lost {
        Connection connection();
    }

    private record Connected(Connection connection) implements Event {
    }

    private record Answer(Connection connection, long round, byte[] bytes) implements Event {
    }

    /** A connection dropped. */
    private record Lost(Connection connection) implements Event {
    }

    /** One worker's connection; writes go through its own thread, so a stalled worker never blocks the driver. */
    private static final class Connection {

        final int worker;
        private final Socket socket;
        private final DataOutputStream out;
        private final ExecutorService writer;

        Connection(int worker, Socket socket) throws IOException {
            this.worker = worker;
            this.socket = socket;
            this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
            this.writer = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "prune4j-round-channel-writer-" + worker);
                t.setDaemon(true);
                return t;
            });
        }

        /** Queues a frame; a closed connection drops it (its reader reports the loss, and the worker comes back). */
        void send(long round, byte[] payload) {
            try {
                writer.execute(() -> {
                    try {
                        out.writeLong(round);
                        Frames.writeBytes(out, payload);
                        out.flush();
                    } catch (IOException e) {
                        close();
                    }
                });
            } catch (RejectedExecutionException e) {
                // closed
            }
        }

        void closeAfterWrites() {
            try {
                writer.execute(this::close);
            } catch (RejectedExecutionException e) {
                // closed
            }
            writer.shutdown();
        }

        void close() {
            writer.shutdown();
            closeQuietly(socket);
        }
    }
}

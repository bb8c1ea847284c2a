package org.prune4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The channel without Spark: {@link RoundTask}s run on plain threads, as executors would run them.
 */
class RoundChannelTest {

    private static final String LOOPBACK = "127.0.0.1";
    /** Tasks block for the whole run: each needs its own thread (the common pool may have just one). */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "round-channel-test");
        t.setDaemon(true);
        return t;
    });

    /** A worker's answer: its index, then the payload, so a misplaced answer shows. */
    private static final RoundChannel.Handler TAGGED = (worker, payload) -> {
        Thread.sleep(worker == 0 ? 50 : 0); // worker 0 answers last
        byte[] out = new byte[payload.length + 1];
        out[0] = (byte) worker;
        System.arraycopy(payload, 0, out, 1, payload.length);
        return out;
    };

    @Test
    void answersComeBackInWorkerOrderRoundAfterRoundAndStopEndsTheTasks() throws Exception {
        try (RoundChannel channel = new RoundChannel(3, LOOPBACK, LOOPBACK)) {
            List<CompletableFuture<Void>> tasks = List.of(start(channel, 0, TAGGED), start(channel, 1, TAGGED),
                    start(channel, 2, TAGGED));
            for (byte round = 1; round <= 3; round++) {
                List<byte[]> answers = channel.exchange(new byte[] {round, 42}, () -> null);
                for (int w = 0; w < 3; w++) {
                    assertArrayEquals(new byte[] {(byte) w, round, 42}, answers.get(w), "worker " + w);
                }
            }
            channel.close();
            CompletableFuture.allOf(tasks.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        }
    }

    /** An executor dies in a round: its task runs again, connects anew and is sent the round it owes. */
    @Test
    void aWorkerThatDropsMidRoundIsSentTheRoundAgainWhenItComesBack() throws Exception {
        try (RoundChannel channel = new RoundChannel(2, LOOPBACK, LOOPBACK)) {
            start(channel, 0, TAGGED);
            RoundChannel.Endpoint e = channel.endpoint();
            CompletableFuture<Byte> dropped = CompletableFuture.supplyAsync(() -> {
                try (Socket s = new Socket(e.host(), e.port())) {
                    DataOutputStream out = new DataOutputStream(s.getOutputStream());
                    out.write(e.token());
                    out.writeInt(1);
                    out.flush();
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    in.readLong();
                    return Frames.readBytes(in)[0]; // and gone, without answering
                } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            }, THREADS);
            AtomicInteger retries = new AtomicInteger();
            CompletableFuture<List<byte[]>> round = CompletableFuture.supplyAsync(() -> exchange(channel, 7), THREADS);
            assertEquals((byte) 7, dropped.get(10, TimeUnit.SECONDS), "the first attempt got the round");
            start(channel, 1, (worker, payload) -> {
                retries.incrementAndGet();
                return TAGGED.answer(worker, payload);
            });
            List<byte[]> answers = round.get(10, TimeUnit.SECONDS);
            assertArrayEquals(new byte[] {1, 7}, answers.get(1));
            assertArrayEquals(new byte[] {0, 7}, answers.get(0));
            assertEquals(1, retries.get(), "the second attempt answered the round once");
        }
    }

    @Test
    void aConnectionWithoutTheRunsTokenIsClosedAndCountsForNothing() throws Exception {
        try (RoundChannel channel = new RoundChannel(1, LOOPBACK, LOOPBACK)) {
            RoundChannel.Endpoint e = channel.endpoint();
            byte[] wrong = e.token().clone();
            wrong[0] ^= 1;
            try (Socket s = new Socket(e.host(), e.port())) {
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                out.write(wrong);
                out.writeInt(0);
                out.flush();
                assertEquals(-1, s.getInputStream().read(), "the driver hung up on the stranger");
            }
            start(channel, 0, TAGGED);
            assertArrayEquals(new byte[] {0, 5}, channel.exchange(new byte[] {5}, () -> null).get(0));
        }
    }

    /** With the workers' job gone, a round fails with the job's own failure instead of waiting for answers. */
    @Test
    void aRoundFailsWithTheFailureOfTheWorkersJob() throws Exception {
        IllegalStateException failure = new IllegalStateException("mask digest of fc1/W differs");
        try (RoundChannel channel = new RoundChannel(2, LOOPBACK, LOOPBACK)) {
            start(channel, 0, TAGGED);
            assertSame(failure, assertThrows(IllegalStateException.class,
                    () -> channel.exchange(new byte[] {1}, () -> failure)));
        }
    }

    /** Only a worker without a connection runs into the limit; one that computes longer than it does not. */
    @Test
    void aRoundFailsNamingTheWorkerThatNeverConnectedButWaitsForOneThatComputes() throws Exception {
        Duration limit = Duration.ofMillis(300);
        try (RoundChannel channel = new RoundChannel(2, LOOPBACK, LOOPBACK, limit)) {
            start(channel, 0, TAGGED);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> channel.exchange(new byte[] {1}, () -> null));
            assertTrue(e.getMessage().contains("workers [1] have had no connection"), e.getMessage());
        }
        try (RoundChannel channel = new RoundChannel(1, LOOPBACK, LOOPBACK, limit)) {
            start(channel, 0, (worker, payload) -> {
                Thread.sleep(3 * limit.toMillis());
                return payload;
            });
            assertArrayEquals(new byte[] {9}, channel.exchange(new byte[] {9}, () -> null).get(0));
        }
    }

    /** Closing stops a task whose connection no round has taken in yet (the run failed before its first round). */
    @Test
    void closingStopsEveryConnectedTaskEvenBeforeTheFirstRound() throws Exception {
        RoundChannel channel = new RoundChannel(1, LOOPBACK, LOOPBACK);
        CompletableFuture<Void> task = start(channel, 0, TAGGED);
        Thread.sleep(200); // connected, never sent a round
        channel.close();
        task.get(10, TimeUnit.SECONDS);
    }

    private static List<byte[]> exchange(RoundChannel channel, int payload) {
        try {
            return channel.exchange(new byte[] {(byte) payload}, () -> null);
        } catch (InterruptedException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static CompletableFuture<Void> start(RoundChannel channel, int worker, RoundChannel.Handler handler) {
        RoundTask task = new RoundTask(channel.endpoint(), handler);
        return CompletableFuture.runAsync(() -> {
            try {
                task.call(List.of(worker).iterator());
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }, THREADS);
    }
}

package org.prune4j.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.prune4j.masks.MaskMethod;
import org.prune4j.schedules.Schedule;
import org.prune4j.trainer.model.ModelGraph;
import org.prune4j.trainer.train.StepEngine;
import org.prune4j.trainer.train.TrainStep;

/**
 * Data-parallel updates on Spark. With {@code syncEvery = 1} every step is one round: the workers'
 * example-weighted gradients are summed and the driver applies their mean, which is exactly
 * synchronous SGD on the global batch. With {@code syncEvery = k > 1} a round runs k local steps on
 * every worker from the same broadcast state, and the driver takes the mean of the workers'
 * parameters and optimizer state (local SGD / parameter averaging: k times fewer rounds, at the cost
 * of workers drifting apart within a round). A weight with a sparse hard mask travels as its kept
 * values, and in local SGD so do its Adam moments: at its pruned entries the gradient is zero, so
 * each step only multiplies their moments by β1 and β2, and the driver replays that itself.
 *
 * <p>The workers' tasks are one Spark job that lives as long as the engine; rounds go through a
 * {@link RoundChannel}, not a Spark job each.
 */
final class SparkEngine implements StepEngine, AutoCloseable {

    private final JavaSparkContext sc;
    private final ModelGraph model;
    private final TrainStep driverStep;
    private final RunBlueprint blueprint;
    private final int syncEvery;
    private final long totalSteps;
    private final RoundChannel channel;
    /** The workers' tasks, one per partition, alive for the whole run: they take their rounds from the channel. */
    private final JavaFutureAction<Void> workerJob;
    private long roundStart = -1;
    private double[] roundLosses;
    private final ExchangeStats exchange = new ExchangeStats();
    /** What an idle step does to each optimizer slot ({@link TrainStep#idleDecay()}): fixed for the run. */
    private final Map<String, Float> idleDecay;

    SparkEngine(JavaSparkContext sc, ModelGraph model, TrainStep driverStep, RunBlueprint blueprint, int syncEvery,
                long totalSteps) {
        this.sc = sc;
        this.model = model;
        this.driverStep = driverStep;
        this.idleDecay = driverStep.idleDecay();
        this.blueprint = blueprint;
        int workerCount = blueprint.workers();
        this.syncEvery = syncEvery;
        this.totalSteps = totalSteps;
        List<Integer> indices = IntStream.range(0, workerCount).boxed().toList();
        String host = sc.getConf().get("spark.driver.host");
        this.channel = new RoundChannel(workerCount, host, sc.getConf().get("spark.driver.bindAddress", host));
        sc.setJobDescription("prune4j: " + workerCount + " workers, a round every " + syncEvery + " steps");
        try {
            this.workerJob = sc.parallelize(indices, workerCount).foreachPartitionAsync(
                    new RoundTask(channel.endpoint(), answering(blueprint)));
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** A worker's answer to a round: its result for the state it is sent. */
    private static RoundChannel.Handler answering(RunBlueprint blueprint) {
        return (worker, payload) -> SparkBytes.of(Worker.get(blueprint, worker).run(
                SparkBytes.read(payload, RoundState.class)));
    }

    @Override
    public double run(long step, Schedule learningRate) {
        if (syncEvery == 1) {
            double lr = learningRate.valueAt(step);
            return round(step, new double[] {lr}, null, r -> {
                Map<String, INDArray> mean = new HashMap<>();
                r.sums.forEach((name, sum) -> mean.put(name, sum.divi(r.examples)));
                r.packedSums.forEach((name, sum) -> mean.put(name, sum.values().divi(r.examples)));
                driverStep.apply(mean, step, lr);
                return r.weightedLosses[0] / r.examples;
            });
        }
        if (roundStart < 0 || step >= roundStart + roundLosses.length) {
            localSgdRound(step, learningRate);
        }
        return roundLosses[(int) (step - roundStart)];
    }

    /** What the rounds so far have sent and received. */
    ExchangeStats exchange() {
        return exchange;
    }

    private void localSgdRound(long step, Schedule learningRate) {
        int k = (int) Math.min(syncEvery, totalSteps - step);
        double[] lrs = new double[k];
        for (int i = 0; i < k; i++) {
            lrs[i] = learningRate.valueAt(step + i);
        }
        Map<String, INDArray> liveState = driverStep.optimizerState();
        SameDiff sd = model.graph();
        roundLosses = round(step, lrs, liveState, r -> {
            long examplesPerStep = r.examples; // each worker reported the examples of one of its steps
            r.sums.forEach((name, sum) -> {
                INDArray mean = sum.divi(examplesPerStep);
                INDArray target = liveState.containsKey(name) ? liveState.get(name) : sd.getArrForVarName(name);
                target.assign(mean);
            });
            r.packedSums.forEach((name, sum) -> {
                if (liveState.containsKey(name)) { // a pruned weight's moments: the driver replays the idle decay
                    sum.mergeInto(liveState.get(name), examplesPerStep, idleDecay.get(slot(name)), k);
                } else {
                    sd.getArrForVarName(name).assign(sum.values().divi(examplesPerStep));
                }
            });
            double[] losses = new double[k];
            for (int i = 0; i < k; i++) {
                losses[i] = r.weightedLosses[i] / examplesPerStep;
            }
            return losses;
        });
        roundStart = step;
    }

    /** Sends the state to the workers, combines their results in worker order and has the driver {@code update} with them. */
    private <T> T round(long step, double[] lrs, Map<String, INDArray> optimizerState,
                        Function<WorkerResult, T> update) {
        long started = System.nanoTime();
        SameDiff sd = model.graph();
        Map<String, INDArray> arrays = stateArrays(sd);
        long denseArrayBytes = bytes(arrays); // before packing takes the sparse ones out
        Map<String, PackedArray> packed = new HashMap<>();
        for (String weight : List.copyOf(arrays.keySet())) {
            String maskName = MaskMethod.hardMaskName(weight);
            if (arrays.containsKey(maskName)) {
                PackedArray p = PackedArray.packIfSparse(arrays.get(weight), arrays.get(maskName));
                if (p != null) {
                    packed.put(weight, p);
                    arrays.remove(weight);
                    arrays.remove(maskName);
                }
            }
        }
        Map<String, INDArray> denseOptimizer = optimizerState == null ? null : new HashMap<>(optimizerState);
        Map<String, PackedArray> packedOptimizer = optimizerState == null ? Map.of()
                : packIdleMoments(denseOptimizer, packed, idleDecay);
        Map<String, long[]> maskBits = new HashMap<>();
        packed.forEach((weight, p) -> maskBits.put(MaskMethod.hardMaskName(weight), p.keptBits));
        RoundState state = new RoundState(step, lrs, arrays, packed, denseOptimizer, packedOptimizer,
                MaskDigests.of(sd, maskBits));
        List<PackedArray> allPacked = new ArrayList<>(packed.values());
        allPacked.addAll(packedOptimizer.values());
        long sent = bytes(arrays) + (denseOptimizer == null ? 0 : bytes(denseOptimizer)) + PackedArray.bytes(allPacked);
        long optimizerBytes = sent - bytes(arrays) - PackedArray.bytes(packed.values()); // moments share the bitmasks
        long denseSent = denseArrayBytes + (optimizerState == null ? 0 : bytes(optimizerState));
        WorkerResult result = new WorkerResult();
        for (byte[] answer : exchange(SparkBytes.of(state))) {
            result = result.add(SparkBytes.read(answer, WorkerResult.class)); // in worker order
        }
        T updated = update.apply(result);
        exchange.record(new SparkRound(lrs.length, result.workers, System.nanoTime() - started,
                result.computeNanos, sent, denseSent, optimizerBytes, result.bytes(), result.denseBytes()));
        return updated;
    }

    private List<byte[]> exchange(byte[] state) {
        try {
            return channel.exchange(state, this::workerJobFailure);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the workers ran a round", e);
        }
    }

    /** Why the workers' job ended, or null while it runs: it ends only when {@link #close} stops it. */
    private RuntimeException workerJobFailure() {
        if (!workerJob.isDone()) {
            return null;
        }
        try {
            workerJob.get();
            return new IllegalStateException("the workers' Spark job ended in the middle of the run");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause);
        } catch (InterruptedException | CancellationException e) {
            return new IllegalStateException("the workers' Spark job was stopped", e);
        }
    }

    /** Stops the workers' tasks and waits a little for their job to end, so that closing Spark cancels nothing. */
    @Override
    public void close() {
        channel.close();
        try {
            workerJob.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | CancellationException e) {
            // the job's fate was reported by the rounds, or Spark's shutdown ends it
        }
    }

    /**
     * Takes out of {@code optimizerState} the slots of packed weights whose idle steps are a known decay
     * and packs them like their weight. Their pruned entries need not travel: the gradient there is zero
     * all round, so every worker would only multiply them by the decay, which the driver replays.
     */
    static Map<String, PackedArray> packIdleMoments(Map<String, INDArray> optimizerState,
                                                            Map<String, PackedArray> packedWeights,
                                                            Map<String, Float> idleDecay) {
        Map<String, PackedArray> out = new HashMap<>();
        for (String name : List.copyOf(optimizerState.keySet())) {
            PackedArray weight = packedWeights.get(name.substring(0, name.lastIndexOf('/')));
            if (weight != null && idleDecay.containsKey(slot(name))) {
                out.put(name, weight.packAlike(optimizerState.remove(name)));
            }
        }
        return out;
    }

    /** The optimizer slot of a state name {@code parameter/slot}, such as {@code M} of {@code fc1/W/M}. */
    private static String slot(String stateName) {
        return stateName.substring(stateName.lastIndexOf('/') + 1);
    }

    /** Every weight and constant of the graph: what a worker needs to be in the driver's state. */
    private static Map<String, INDArray> stateArrays(SameDiff sd) {
        Map<String, INDArray> out = new HashMap<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE || v.getVariableType() == VariableType.CONSTANT) {
                out.put(v.name(), v.getArr());
            }
        }
        return out;
    }

    private static long bytes(Map<String, INDArray> arrays) {
        return arrays.values().stream().mapToLong(a -> a.length() * a.dataType().width()).sum();
    }
}

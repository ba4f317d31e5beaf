package vn.thidua.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs an operation on N threads for a warm-up and then a measured period, and counts completions per second and the
 * latency of each completion in the measured period.
 */
final class Measurement {

    /** One thread's work: called repeatedly with the thread's index and a running counter. */
    interface Operation {
        void run(int thread, long iteration) throws Exception;
    }

    /** Completions per second and their latencies in nanoseconds, sorted. */
    record Result(double perSecond, long[] latencies) {

        /** The latency at this percentile, in milliseconds. */
        double percentileMillis(int percentile) {
            return latencies.length == 0 ? Double.NaN
                    : latencies[Math.min(latencies.length - 1, latencies.length * percentile / 100)] / 1e6;
        }
    }

    private Measurement() {
    }

    static double perSecond(int threads, Duration warmUp, Duration measured, Operation operation) throws Exception {
        return run(threads, warmUp, measured, operation).perSecond();
    }

    static Result run(int threads, Duration warmUp, Duration measured, Operation operation) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean counting = new AtomicBoolean(false);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers.add(pool.submit(() -> {
                long iteration = 0;
                while (running.get()) {
                    long start = System.nanoTime();
                    operation.run(thread, iteration++);
                    if (counting.get()) {
                        latencies.add(System.nanoTime() - start);
                    }
                }
                return null;
            }));
        }
        Thread.sleep(warmUp.toMillis());
        counting.set(true);
        long start = System.nanoTime();
        Thread.sleep(measured.toMillis());
        counting.set(false);
        long elapsed = System.nanoTime() - start;
        long[] measuredLatencies = latencies.stream().mapToLong(Long::longValue).toArray();
        running.set(false);
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        Arrays.sort(measuredLatencies);
        return new Result(measuredLatencies.length / (elapsed / 1e9), measuredLatencies);
    }
}

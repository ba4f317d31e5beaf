package vn.thidua.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

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

    /**
     * Open loop: requests are due at a fixed rate whatever the server does, and each latency runs from when the
     * request was due, not from when a worker got round to sending it, so that a slow answer counts for every request
     * queued behind it (no coordinated omission). {@code threads} workers each take the next due request; the
     * operation gets the worker's index. Requests due in the warm-up are sent but not counted.
     */
    static Result openLoop(double ratePerSecond, int threads, Duration warmUp, Duration measured,
                           Operation operation) throws Exception {
        long interval = (long) (1e9 / ratePerSecond);
        long warmUpRequests = warmUp.toNanos() / interval;
        long total = warmUpRequests + measured.toNanos() / interval;
        AtomicLong next = new AtomicLong();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        long origin = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers.add(pool.submit(() -> {
                for (long request = next.getAndIncrement(); request < total; request = next.getAndIncrement()) {
                    long due = origin + request * interval;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    operation.run(thread, request);
                    if (request >= warmUpRequests) {
                        latencies.add(System.nanoTime() - due);
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        long elapsed = System.nanoTime() - (origin + warmUpRequests * interval);
        pool.shutdown();
        long[] measuredLatencies = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(measuredLatencies.length / (elapsed / 1e9), measuredLatencies);
    }
}

package vn.thidua.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/** Runs an operation on N threads for a warm-up and then a measured period, and counts completions per second. */
final class Measurement {

    /** One thread's work: called repeatedly with the thread's index and a running counter. */
    interface Operation {
        void run(int thread, long iteration) throws Exception;
    }

    private Measurement() {
    }

    static double perSecond(int threads, Duration warmUp, Duration measured, Operation operation) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean counting = new AtomicBoolean(false);
        LongAdder done = new LongAdder();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers.add(pool.submit(() -> {
                long iteration = 0;
                while (running.get()) {
                    operation.run(thread, iteration++);
                    if (counting.get()) {
                        done.increment();
                    }
                }
                return null;
            }));
        }
        Thread.sleep(warmUp.toMillis());
        counting.set(true);
        long start = System.nanoTime();
        Thread.sleep(measured.toMillis());
        long count = done.sum();
        long elapsed = System.nanoTime() - start;
        running.set(false);
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        return count / (elapsed / 1e9);
    }
}

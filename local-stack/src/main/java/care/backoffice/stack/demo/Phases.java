package care.backoffice.stack.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs one phase of the generator over many teams with a few parallel clients, says how far it is every ten
 * seconds, and remembers how long each phase took (System.nanoTime: the machine's wall clock is not to be trusted).
 * The first failure stops the phase; everything already created stays, and a rerun replays it (Idempotency-Key).
 */
final class Phases {

    interface Work<T> {
        void run(T item) throws Exception;
    }

    private final Consumer<String> out;
    private final int parallel;
    private final Map<String, Double> seconds = new LinkedHashMap<>();

    Phases(Consumer<String> out, int parallel) {
        this.out = out;
        this.parallel = Math.max(1, parallel);
    }

    Map<String, Double> seconds() {
        return seconds;
    }

    <T> void run(String phase, List<T> items, Work<T> work) {
        long t0 = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        if (parallel == 1 || items.size() <= 1) {
            for (T item : items) {
                call(work, item);
                done.incrementAndGet();
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, items.size()));
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (T item : items) {
                    futures.add(pool.submit(() -> {
                        call(work, item);
                        done.incrementAndGet();
                        return null;
                    }));
                }
                long lastSaid = System.nanoTime();
                for (Future<?> f : futures) {
                    while (true) {
                        try {
                            f.get(1, java.util.concurrent.TimeUnit.SECONDS);
                            break;
                        } catch (java.util.concurrent.TimeoutException e) {
                            // fall through to the progress line
                        } catch (java.util.concurrent.ExecutionException e) {
                            pool.shutdownNow();
                            Throwable c = e.getCause();
                            throw c instanceof RuntimeException r ? r : new IllegalStateException(c);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            pool.shutdownNow();
                            throw new IllegalStateException("interrupted", e);
                        }
                        if (System.nanoTime() - lastSaid > 10_000_000_000L) {
                            lastSaid = System.nanoTime();
                            out.accept(String.format("  %s: %d/%d teams (%.0f s)", phase, done.get(), items.size(),
                                    (System.nanoTime() - t0) / 1e9));
                        }
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        seconds.merge(phase, s, Double::sum);
        out.accept(String.format("phase %-28s %6.1f s  (%d teams)", phase, s, items.size()));
    }

    /** A phase that is one piece of work. */
    void once(String phase, Runnable work) {
        long t0 = System.nanoTime();
        work.run();
        double s = (System.nanoTime() - t0) / 1e9;
        seconds.merge(phase, s, Double::sum);
        out.accept(String.format("phase %-28s %6.1f s", phase, s));
    }

    private static <T> void call(Work<T> work, T item) {
        try {
            work.run(item);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

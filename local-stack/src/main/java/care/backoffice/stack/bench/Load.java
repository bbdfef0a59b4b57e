package care.backoffice.stack.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * A closed-loop load generator: {@code workers} clients, each sending its next request as soon as the previous
 * answer is in, for a warm-up and then a measured period. Reports what wrk reports (requests/s, latency
 * percentiles, answers by status) plus the entries or orders each request carried. Latencies are System.nanoTime
 * differences; nothing is retried, so a 429 or 5xx counts as what it is.
 */
final class Load {

    /** One request: who sends it, where, the JSON body, its Idempotency-Key, and how many items it carries. */
    record Call(String token, String path, byte[] body, String idempotencyKey, int items) {}

    /** What one run measured. */
    record Result(String name, int workers, double seconds, long requests, long items, Map<Integer, Long> statuses,
            long[] latenciesNanos, long itemsAccepted, List<String> sampleErrors) {

        double requestsPerSecond() {
            return requests / seconds;
        }

        double itemsPerSecond() {
            return items / seconds;
        }

        double acceptedPerSecond() {
            return itemsAccepted / seconds;
        }

        double percentileMillis(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(p / 100.0 * latenciesNanos.length) - 1;
            return latenciesNanos[Math.max(0, Math.min(latenciesNanos.length - 1, i))] / 1e6;
        }

        long status(int code) {
            return statuses.getOrDefault(code, 0L);
        }
    }

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    Load(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * @param next     the next request of worker {@code w} (called on that worker's thread)
     * @param accepted which statuses count its items as accepted (201 for creates)
     * @param maxMeasuredRequests stop early after this many measured requests (0: no limit)
     */
    Result run(String name, int workers, double warmupSeconds, double seconds, long maxMeasuredRequests,
            Function<Integer, Call> next, int accepted) {
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmupSeconds * 1e9);
        long end = measureFrom + (long) (seconds * 1e9);
        long[][] lat = new long[workers][];
        long[] requests = new long[workers];
        long[] items = new long[workers];
        long[] acceptedItems = new long[workers];
        @SuppressWarnings("unchecked")
        Map<Integer, Long>[] statuses = new Map[workers];
        List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        long[] lastDone = new long[workers];
        java.util.concurrent.atomic.AtomicLong measured = new java.util.concurrent.atomic.AtomicLong();
        CountDownLatch done = new CountDownLatch(workers);
        for (int w = 0; w < workers; w++) {
            int worker = w;
            long[] mine = new long[1 << 16];
            statuses[w] = new TreeMap<>();
            Thread t = new Thread(() -> {
                long[] buf = mine;
                int n = 0;
                try {
                    while (System.nanoTime() < end
                            && (maxMeasuredRequests <= 0 || measured.get() < maxMeasuredRequests)) {
                        Call c = next.apply(worker);
                        if (c == null) {
                            break;
                        }
                        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + c.path()))
                                .timeout(Duration.ofMinutes(5))
                                .header("Authorization", "Bearer " + c.token())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(c.body()));
                        if (c.idempotencyKey() != null) {
                            b.header("Idempotency-Key", c.idempotencyKey());
                        }
                        long t0 = System.nanoTime();
                        int status;
                        String body;
                        try {
                            HttpResponse<String> res = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                            status = res.statusCode();
                            body = res.body();
                        } catch (IOException e) {
                            status = 0;
                            body = e.toString();
                        }
                        long t1 = System.nanoTime();
                        if (t0 >= measureFrom && t1 <= end) {
                            measured.incrementAndGet();
                            if (n == buf.length) {
                                buf = Arrays.copyOf(buf, n * 2);
                            }
                            buf[n++] = t1 - t0;
                            requests[worker]++;
                            items[worker] += c.items();
                            if (status == accepted) {
                                acceptedItems[worker] += c.items();
                            }
                            statuses[worker].merge(status, 1L, Long::sum);
                            lastDone[worker] = t1;
                        }
                        if (status != accepted && status != 422 && errors.size() < 5) {
                            errors.add(status + " " + (body.length() > 300 ? body.substring(0, 300) : body));
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    errors.add("client error: " + e);
                } finally {
                    lat[worker] = Arrays.copyOf(buf, n); // published to the caller by the latch
                    done.countDown();
                }
            }, "bench-" + name + "-" + w);
            t.setDaemon(true);
            t.start();
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // A run stopped by maxMeasuredRequests ends when its last answer came, not at the planned end.
        long last = Arrays.stream(lastDone).max().orElse(end);
        double measuredSeconds = (Math.min(end, Math.max(last, measureFrom + 1)) - measureFrom) / 1e9;
        long[] all = Arrays.stream(lat).flatMapToLong(Arrays::stream).sorted().toArray();
        Map<Integer, Long> byStatus = new TreeMap<>();
        for (Map<Integer, Long> m : statuses) {
            m.forEach((k, v) -> byStatus.merge(k, v, Long::sum));
        }
        return new Result(name, workers, measuredSeconds, Arrays.stream(requests).sum(), Arrays.stream(items).sum(),
                byStatus, all, Arrays.stream(acceptedItems).sum(), List.copyOf(errors));
    }
}

package care.backoffice.stack.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each service's heap in use, read twice a second from its own /actuator/prometheus (open on every service and the
 * gateway, on the machine itself) and kept at its highest: the "peak heap" of the benchmark table. The sum over
 * the heap pools of {@code jvm_memory_used_bytes{area="heap"}} just before a collection is the most the heap held.
 */
final class HeapSampler implements AutoCloseable {

    private final Map<String, String> urls;
    private final Map<String, Long> peak = new LinkedHashMap<>();
    private final Map<String, Long> max = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread thread;
    private volatile boolean running = true;

    HeapSampler(Map<String, String> urls) {
        this.urls = urls;
        urls.keySet().forEach(s -> {
            peak.put(s, 0L);
            max.put(s, 0L);
        });
        thread = new Thread(this::loop, "heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            sampleOnce();
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void sampleOnce() {
        urls.forEach((service, url) -> {
            try {
                HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/prometheus"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (res.statusCode() != 200) {
                    return;
                }
                long used = 0;
                long limit = 0;
                for (String line : res.body().split("\n")) {
                    if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                        used += value(line);
                    } else if (line.startsWith("jvm_memory_max_bytes{") && line.contains("area=\"heap\"")) {
                        long v = value(line);
                        limit += Math.max(0, v); // pools without a limit say -1
                    }
                }
                synchronized (this) {
                    peak.merge(service, used, Math::max);
                    max.merge(service, limit, Math::max);
                }
            } catch (Exception e) {
                // a service that is busy past the time-out is sampled next time
            }
        });
    }

    private static long value(String line) {
        String v = line.substring(line.lastIndexOf(' ') + 1).trim();
        return (long) Double.parseDouble(v);
    }

    synchronized Map<String, Long> peakBytes() {
        return new LinkedHashMap<>(peak);
    }

    synchronized Map<String, Long> maxBytes() {
        return new LinkedHashMap<>(max);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}

package care.backoffice.gateway;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Limits requests per client with an in-memory token bucket (Bucket4j): one gateway node needs no Redis.
 * The client is the token's subject once authenticated, else the caller's address. Runs after the security
 * filter, so a valid token is what earns a client its own bucket.
 *
 * <p>With several gateway replicas each holds its own buckets, so the effective limit is per replica;
 * a shared store (Bucket4j's JDBC or Redis back-ends) is the step for that.
 */
@Component
public class RateLimitFilter implements WebFilter, Ordered {

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final long capacity;
    private final long refillPerSecond;

    public RateLimitFilter(@Value("${backoffice.gateway.rate-limit.capacity}") long capacity,
            @Value("${backoffice.gateway.rate-limit.refill-per-second}") long refillPerSecond) {
        this.capacity = capacity;
        this.refillPerSecond = refillPerSecond;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getPath().value().startsWith("/api/")) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal()
                .map(p -> "user:" + p.getName())
                .defaultIfEmpty("addr:" + remoteAddress(exchange))
                .flatMap(key -> {
                    ConsumptionProbe probe = buckets.computeIfAbsent(key, k -> newBucket()).tryConsumeAndReturnRemaining(1);
                    if (probe.isConsumed()) {
                        exchange.getResponse().getHeaders().set("X-RateLimit-Remaining",
                                Long.toString(probe.getRemainingTokens()));
                        return chain.filter(exchange);
                    }
                    long waitSeconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds());
                    exchange.getResponse().getHeaders().set("Retry-After", Long.toString(waitSeconds));
                    return GatewaySecurity.problem(exchange, HttpStatus.TOO_MANY_REQUESTS,
                            "Too many requests from this client; try again in " + waitSeconds + " s");
                });
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(refillPerSecond, Duration.ofSeconds(1)).build())
                .build();
    }

    private static String remoteAddress(ServerWebExchange exchange) {
        var address = exchange.getRequest().getRemoteAddress();
        return address == null ? "unknown" : address.getAddress().getHostAddress();
    }

    @Override
    public int getOrder() {
        // After Spring Security's WebFilterChainProxy (order -100), so the principal is known.
        return 0;
    }
}

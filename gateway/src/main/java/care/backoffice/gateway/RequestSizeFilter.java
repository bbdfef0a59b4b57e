package care.backoffice.gateway;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a request whose declared body is over the cap (default 5 MiB) before anything else looks at it, with a
 * problem+json answer like every other refusal (Spring Cloud Gateway's own RequestSize filter answers 413 with no
 * body). A chunked body declares no length; each service counts the bytes it reads and refuses it there.
 */
@Component
public class RequestSizeFilter implements WebFilter, Ordered {

    private final long maxBytes;

    public RequestSizeFilter(@Value("${backoffice.gateway.max-request-size}") DataSize max) {
        this.maxBytes = max.toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > maxBytes) {
            return GatewaySecurity.problem(exchange, HttpStatus.CONTENT_TOO_LARGE,
                    "The request body is " + declared + " bytes; at most " + maxBytes + " are accepted");
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        // Before Spring Security (-100): a 10 MB body is refused without checking its token first.
        return -200;
    }
}

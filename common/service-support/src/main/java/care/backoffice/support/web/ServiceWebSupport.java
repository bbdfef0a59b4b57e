package care.backoffice.support.web;

import care.backoffice.support.problem.ProblemResponses;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/** Registers the shared problem+json advice and the correlation-id filter in every servlet service. */
@AutoConfiguration
@Import(ProblemResponses.class)
public class ServiceWebSupport {

    @Bean
    FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter() {
        FilterRegistrationBean<CorrelationIdFilter> reg = new FilterRegistrationBean<>(new CorrelationIdFilter());
        reg.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return reg;
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(
            @org.springframework.beans.factory.annotation.Value("${backoffice.max-request-size:5MB}")
            org.springframework.util.unit.DataSize limit) {
        FilterRegistrationBean<RequestSizeLimitFilter> reg =
                new FilterRegistrationBean<>(new RequestSizeLimitFilter(limit.toBytes()));
        reg.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return reg;
    }
}

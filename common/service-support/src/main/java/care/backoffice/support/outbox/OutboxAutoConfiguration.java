package care.backoffice.support.outbox;

import care.backoffice.support.idempotency.IdempotentRequests;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires idempotent creates, the outbox and its relay into every service that has a database.
 *
 * <p>Calls to other services carry a client-credentials token of this service's own Keycloak client:
 * {@code backoffice.oauth.client-id}, {@code client-secret} and {@code token-uri} (from the environment; the
 * defaults in each application.yml are for the local stack only). Destinations are
 * {@code backoffice.services.<name>.url}; a destination's paths listed in {@code backoffice.services.<name>.batch-paths}
 * are delivered in batches (see {@link OutboxRelay}).
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"})
@ConditionalOnBean(DataSource.class)
@EnableScheduling
public class OutboxAutoConfiguration {

    /** Adds the shared tables (idempotency keys, outbox) to each service's own migrations. */
    @Bean
    FlywayConfigurationCustomizer sharedSupportMigrations() {
        return config -> {
            var locations = new java.util.ArrayList<>(java.util.List.of(config.getLocations()));
            var support = new org.flywaydb.core.api.Location("classpath:db/support");
            if (locations.stream().noneMatch(l -> l.getDescriptor().equals(support.getDescriptor()))) {
                locations.add(support);
            }
            config.locations(locations.toArray(org.flywaydb.core.api.Location[]::new));
        };
    }

    @Bean
    @ConditionalOnMissingBean
    IdempotentRequests idempotentRequests(JdbcClient jdbc, TransactionTemplate tx, JsonMapper json) {
        return new IdempotentRequests(jdbc, tx, json);
    }

    @Bean
    @ConditionalOnMissingBean
    Outbox outbox(org.springframework.jdbc.core.JdbcTemplate jdbc, JsonMapper json) {
        return new Outbox(jdbc, json);
    }

    /**
     * The relay, with each destination's URL and batch paths ({@code backoffice.services.<name>.url} and
     * {@code .batch-paths}) and the batch size ({@code backoffice.outbox.batch-size}); see {@link OutboxRelay}.
     */
    @Bean
    @ConditionalOnMissingBean
    OutboxRelay outboxRelay(JdbcClient jdbc, TransactionTemplate tx, Environment env, JsonMapper json) {
        Map<String, OutboxRelay.Destination> destinations = new LinkedHashMap<>();
        Binder.get(env).bind("backoffice.services", Bindable.mapOf(String.class, ServiceEndpoint.class))
                .ifBound(m -> m.forEach((name, endpoint) -> destinations.put(name,
                        new OutboxRelay.Destination(endpoint.url(),
                                endpoint.batchPaths() == null ? null : java.util.Set.copyOf(endpoint.batchPaths())))));
        int batchSize = env.getProperty("backoffice.outbox.batch-size", Integer.class, OutboxRelay.DEFAULT_BATCH_SIZE);
        return new OutboxRelay(jdbc, tx, serviceClient(env), json, destinations, batchSize);
    }

    /** A RestClient that authenticates as this service (client credentials), for calls to our other services. */
    public static RestClient serviceClient(Environment env) {
        String clientId = env.getProperty("backoffice.oauth.client-id");
        RestClient.Builder builder = RestClient.builder();
        if (clientId != null && !clientId.isBlank()) {
            ClientRegistration registration = ClientRegistration.withRegistrationId("backoffice")
                    .clientId(clientId)
                    .clientSecret(env.getProperty("backoffice.oauth.client-secret", ""))
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .tokenUri(env.getRequiredProperty("backoffice.oauth.token-uri"))
                    .build();
            ClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
            OAuth2AuthorizedClientManager manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(
                    registrations, new InMemoryOAuth2AuthorizedClientService(registrations));
            OAuth2ClientHttpRequestInterceptor interceptor = new OAuth2ClientHttpRequestInterceptor(manager);
            interceptor.setClientRegistrationIdResolver(request -> "backoffice");
            builder.requestInterceptor(interceptor);
        }
        var factory = new org.springframework.http.client.SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(java.time.Duration.ofSeconds(5));
        factory.setReadTimeout(java.time.Duration.ofSeconds(60));
        return builder.requestFactory(factory).build();
    }

    /**
     * {@code backoffice.services.<name>}: the service's base URL, and the paths of it that take batches of outbox
     * messages at {@code path + "/batch"} (comma-separated; none by default).
     */
    public record ServiceEndpoint(String url, java.util.List<String> batchPaths) {}
}

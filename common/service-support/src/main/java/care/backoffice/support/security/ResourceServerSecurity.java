package care.backoffice.support.security;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Every service is its own OAuth2 resource server: it verifies the Keycloak token itself (signature,
 * expiry, issuer) rather than trusting the gateway. Realm roles become {@code ROLE_<role>}; which role
 * may call what is declared on each controller with {@code @PreAuthorize}.
 *
 * <p>Keys and issuer come from the standard Boot properties
 * ({@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri} / {@code issuer-uri}); with both set, keys are
 * fetched from the JWK set URL and the issuer is still checked, so a container can reach Keycloak by an
 * internal host name while tokens carry the public one.
 */
@AutoConfiguration
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication(
        type = org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type.SERVLET)
@EnableMethodSecurity
public class ResourceServerSecurity {

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        .requestMatchers("/api/*/api-docs/**", "/api/*/api-docs", "/v3/api-docs/**",
                                "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers("/error").permitAll()
                        .anyRequest().authenticated())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> writeProblem(res, 401, "Unauthorized",
                                "A valid bearer token is required"))
                        .accessDeniedHandler((req, res, ex) -> writeProblem(res, 403, "Forbidden",
                                "Your role or team does not allow this request")))
                .oauth2ResourceServer(o -> o
                        .authenticationEntryPoint((req, res, ex) -> writeProblem(res, 401, "Unauthorized",
                                "The bearer token is missing, expired or not signed by our identity provider"))
                        .jwt(j -> j.jwtAuthenticationConverter(keycloakRoles())));
        return http.build();
    }

    /** realm_access.roles → ROLE_*, principal name = preferred_username (service accounts: service-account-…). */
    public static Converter<Jwt, AbstractAuthenticationToken> keycloakRoles() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setPrincipalClaimName("preferred_username");
        converter.setJwtGrantedAuthoritiesConverter(ResourceServerSecurity::realmRoles);
        return jwt -> {
            if (jwt.getClaimAsString("preferred_username") == null) {
                // Keycloak always sets it; a token without one is still valid, named by its subject.
                JwtAuthenticationConverter bySubject = new JwtAuthenticationConverter();
                bySubject.setJwtGrantedAuthoritiesConverter(ResourceServerSecurity::realmRoles);
                return bySubject.convert(jwt);
            }
            return converter.convert(jwt);
        };
    }

    @SuppressWarnings("unchecked")
    static Collection<GrantedAuthority> realmRoles(Jwt jwt) {
        Map<String, Object> realmAccess = jwt.getClaimAsMap("realm_access");
        Stream<String> roles = Optional.ofNullable(realmAccess)
                .map(m -> m.get("roles"))
                .filter(List.class::isInstance)
                .map(r -> ((List<Object>) r).stream().map(String::valueOf))
                .orElse(Stream.empty());
        return roles.distinct().map(r -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + r)).toList();
    }

    static void writeProblem(HttpServletResponse res, int status, String title, String detail) throws IOException {
        res.setStatus(status);
        res.setContentType("application/problem+json");
        res.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}");
    }
}

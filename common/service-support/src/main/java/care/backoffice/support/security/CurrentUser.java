package care.backoffice.support.security;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling, read from the verified token: name, realm roles and the {@code team} claim that
 * Keycloak maps from the user's team group.
 */
public record CurrentUser(String name, Set<String> roles, Optional<String> team) {

    public static CurrentUser get() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (!(auth instanceof JwtAuthenticationToken jwtAuth)) {
            return new CurrentUser("anonymous", Set.of(), Optional.empty());
        }
        Jwt jwt = jwtAuth.getToken();
        return new CurrentUser(auth.getName(), rolesOf(auth.getAuthorities()), teamOf(jwt));
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean hasAny(String... wanted) {
        for (String r : wanted) {
            if (roles.contains(r)) {
                return true;
            }
        }
        return false;
    }

    public boolean isMemberOf(String teamCode) {
        return team.map(t -> t.equals(teamCode)).orElse(false);
    }

    /**
     * Team data is for the team itself and for the back office (and finance, who prepare statements
     * for every team). Anyone else asking gets a 403, never another team's data.
     */
    public void requireTeamOrBackOffice(String teamCode) {
        if (hasAny(Roles.BACK_OFFICE, Roles.FINANCE) || (has(Roles.TEAM_MEMBER) && isMemberOf(teamCode))) {
            return;
        }
        throw new org.springframework.security.access.AccessDeniedException("not a member of team " + teamCode);
    }

    /** The caller's own team, for a team member acting for it; 403 without one. */
    public String requireTeam() {
        return team.filter(t -> has(Roles.TEAM_MEMBER))
                .orElseThrow(() -> new org.springframework.security.access.AccessDeniedException("no team in token"));
    }

    private static Set<String> rolesOf(Collection<? extends GrantedAuthority> authorities) {
        return authorities.stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).collect(Collectors.toUnmodifiableSet());
    }

    private static Optional<String> teamOf(Jwt jwt) {
        Object claim = jwt.getClaims().get("team");
        if (claim instanceof String s && !s.isBlank()) {
            return Optional.of(s);
        }
        if (claim instanceof Collection<?> c && c.size() == 1) {
            // A colleague belongs to one team; a multi-valued claim with one value is the same thing.
            return Optional.of(String.valueOf(c.iterator().next()));
        }
        return Optional.empty();
    }
}

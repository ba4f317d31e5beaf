package vn.thidua.platform.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

import vn.thidua.events.actor.Role;

/**
 * Who may sign in and how, the same for both apps so that one identity provider serves both. {@code basic}: the users listed here, over HTTP Basic, with bcrypt password hashes (the
 * embedded default's demo users). {@code jwt}: bearer tokens from the organisation's identity provider, whose claims
 * name the role, cluster and unit, and whose audience ({@code aud}) must be {@code jwtAudience}, required in that mode
 * so that a token the provider issued for another service is not accepted here. {@code maxBodyBytes} bounds a command's body (the query side takes none).
 */
@ConfigurationProperties("thidua.security")
public record SecurityProperties(Mode mode, List<User> users, Claims claims, List<String> corsOrigins,
                                 long maxBodyBytes, String jwtAudience) {

    public enum Mode { BASIC, JWT }

    /** A configured user: the password is a bcrypt hash ({@code {bcrypt}$2a$...}). */
    public record User(String username, String password, Role role, String cluster, String unit) {
    }

    /** The JWT claims that carry the actor's name, role, cluster and unit. */
    public record Claims(String name, String role, String cluster, String unit) {
    }

    public SecurityProperties {
        users = users == null ? List.of() : users;
        corsOrigins = corsOrigins == null ? List.of() : corsOrigins;
        if (mode == Mode.JWT && (jwtAudience == null || jwtAudience.isBlank())) {
            throw new IllegalStateException("THIDUA_AUTH_MODE=jwt needs THIDUA_JWT_AUDIENCE (thidua.security.jwt-audience):"
                    + " the audience (aud) the identity provider puts in tokens for thidua; a token for another"
                    + " service must not sign in here");
        }
    }
}

package vn.thidua.platform.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

import vn.thidua.events.actor.Role;

/**
 * Who may sign in and how, the same for both apps so that one identity provider serves both. {@code basic}: the users listed here, over HTTP Basic, with bcrypt password hashes (the
 * embedded default's demo users). {@code jwt}: bearer tokens from the organisation's identity provider, whose claims
 * name the role, cluster and unit. {@code maxBodyBytes} bounds a command's body (the query side takes none).
 */
@ConfigurationProperties("thidua.security")
public record SecurityProperties(Mode mode, List<User> users, Claims claims, List<String> corsOrigins,
                                 long maxBodyBytes) {

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
    }
}

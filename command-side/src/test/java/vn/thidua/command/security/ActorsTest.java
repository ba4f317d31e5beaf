package vn.thidua.command.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import vn.thidua.events.actor.Actor;
import vn.thidua.events.actor.Role;
import vn.thidua.platform.security.Actors;
import vn.thidua.platform.security.SecurityProperties;

/** The actor of a bearer token: a role the system does not know makes an actor without a role, never a crash. */
class ActorsTest {

    private final Actors actors = new Actors(new SecurityProperties(SecurityProperties.Mode.JWT, List.of(),
            new SecurityProperties.Claims("preferred_username", "thidua_role", "thidua_cluster", "thidua_unit"),
            List.of(), 262_144, "thidua"));

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private Actor actorWithRole(String role) {
        Jwt token = new Jwt("token", Instant.now(), Instant.now().plusSeconds(60), Map.of("alg", "RS256"),
                Map.of("preferred_username", "le.van.c", "thidua_role", role, "thidua_cluster", "cum-2"));
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(token, List.of()));
        return actors.current().orElseThrow();
    }

    @Test
    void aKnownRoleIsTheActorsAndAnUnknownOneIsNone() {
        assertThat(actorWithRole("AUDITOR").role()).isEqualTo(Role.AUDITOR);
        Actor stranger = actorWithRole("SUPER_ADMIN");
        assertThat(stranger.role()).isNull();
        assertThat(stranger.name()).isEqualTo("le.van.c");
    }
}

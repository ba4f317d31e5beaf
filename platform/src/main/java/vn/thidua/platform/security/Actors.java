package vn.thidua.platform.security;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import vn.thidua.events.actor.Actor;
import vn.thidua.events.actor.Role;

/** The actor of the current request, from the configured user or from the token's claims. */

public class Actors {

    private final SecurityProperties properties;

    public Actors(SecurityProperties properties) {
        this.properties = properties;
    }

    public Optional<Actor> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return Optional.empty();
        }
        if (authentication instanceof JwtAuthenticationToken jwt) {
            SecurityProperties.Claims claims = properties.claims();
            String role = jwt.getToken().getClaimAsString(claims.role());
            return Optional.of(new Actor(jwt.getToken().getClaimAsString(claims.name()),
                    SignIn.roleOf(role).orElse(null), jwt.getToken().getClaimAsString(claims.cluster()),
                    jwt.getToken().getClaimAsString(claims.unit())));
        }
        return properties.users().stream().filter(user -> user.username().equals(authentication.getName()))
                .findFirst()
                .map(user -> new Actor(user.username(), user.role(), user.cluster(), user.unit()));
    }
}

package vn.thidua.platform.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import vn.thidua.events.actor.Role;

/**
 * How both apps sign callers in: stateless, 401/403 as RFC 7807, health, info and the API documents open to all,
 * metrics for the council and auditors, then each app's own rules by role; demo users over HTTP Basic or the identity
 * provider's JWTs.
 */
@Configuration(proxyBeanMethods = false)
public class SignIn {

    private static final Logger LOG = LoggerFactory.getLogger(SignIn.class);

    /** Each app's rules, after the shared ones and before everything else is denied. */
    public interface Rules extends Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>
            .AuthorizationManagerRequestMatcherRegistry> {
    }

    public static SecurityFilterChain chain(HttpSecurity http, SecurityProperties properties,
                                            ProblemAuthenticationHandlers problems, Rules rules) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .cors(Customizer.withDefaults())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/error")
                            .permitAll()
                            .requestMatchers("/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                            .requestMatchers("/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/**")
                            .hasAnyRole(roles(Role.COUNCIL, Role.AUDITOR));
                    rules.customize(requests);
                    requests.anyRequest().denyAll();
                });
        if (properties.mode() == SecurityProperties.Mode.JWT) {
            http.oauth2ResourceServer(server -> server.authenticationEntryPoint(problems)
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesFromClaim(properties.claims()))));
        } else {
            http.httpBasic(basic -> basic.authenticationEntryPoint(problems));
        }
        return http.build();
    }

    public static String[] roles(Role... roles) {
        return java.util.Arrays.stream(roles).map(Role::name).toArray(String[]::new);
    }

    static JwtAuthenticationConverter rolesFromClaim(SecurityProperties.Claims claims) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setPrincipalClaimName(claims.name());
        converter.setJwtGrantedAuthoritiesConverter(jwt -> roleOf(jwt.getClaimAsString(claims.role()))
                .<Collection<GrantedAuthority>>map(role -> List.of(new SimpleGrantedAuthority("ROLE_" + role.name())))
                .orElse(List.of()));
        return converter;
    }

    /** The role a claim names; a role this system does not know grants nothing (403 FORBIDDEN wherever one is needed). */
    static Optional<Role> roleOf(String claim) {
        return Arrays.stream(Role.values()).filter(role -> role.name().equals(claim)).findFirst();
    }

    /** Dashboards on other origins may call the API when their origin is listed. */
    public static CorsConfigurationSource cors(SecurityProperties properties, List<String> methods,
                                               List<String> headers, List<String> exposedHeaders) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.corsOrigins());
        cors.setAllowedMethods(methods);
        cors.setAllowedHeaders(headers);
        cors.setExposedHeaders(exposedHeaders);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }

    /**
     * The configured users over HTTP Basic. They are the demo's unless replaced; outside the embedded default
     * ({@code postgres} profile, whose mode defaults to jwt) Basic is an explicit choice and said so in the log.
     */
    @Bean
    @ConditionalOnProperty(name = "thidua.security.mode", havingValue = "basic", matchIfMissing = true)
    public UserDetailsService configuredUsers(SecurityProperties properties, Environment environment) {
        if (environment.acceptsProfiles(Profiles.of("postgres"))) {
            LOG.warn("Signing in with HTTP Basic and the {} configured users outside the embedded default"
                    + " (THIDUA_AUTH_MODE=basic): the demo users' password is published; a real deployment signs in"
                    + " with its identity provider (THIDUA_AUTH_MODE=jwt)", properties.users().size());
        }
        return new InMemoryUserDetailsManager(properties.users().stream()
                .map(user -> User.withUsername(user.username()).password(user.password())
                        .roles(user.role().name()).build())
                .toList());
    }

    /**
     * Verifies the configured users' bcrypt hashes at the cost they were made with. Spring's default encoder would
     * "upgrade" every hash to cost 10 on first sign-in, after which each Basic request spends ~90 ms hashing.
     */
    @Bean
    public PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(4)));
    }
}

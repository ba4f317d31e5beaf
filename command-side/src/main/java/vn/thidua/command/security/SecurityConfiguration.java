package vn.thidua.command.security;

import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import vn.thidua.events.actor.Role;

/** Which role may call which command endpoint; scoping to a cluster or unit is {@link Access}'s job. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class SecurityConfiguration {

    private static final String YEAR = "/api/clusters/*/years/*";

    @Bean
    public SecurityFilterChain commands(HttpSecurity http, SecurityProperties properties,
                                        ProblemAuthenticationHandlers problems) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .cors(Customizer.withDefaults())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/error")
                        .permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers(POST, "/api/clusters", "/api/clusters/*/members",
                                "/api/clusters/*/members/*/withdrawal", "/api/clusters/*/mergers",
                                "/api/clusters/*/years", "/api/clusters/*/decisions/*/rescission")
                        .hasRole(Role.COUNCIL.name())
                        .requestMatchers(POST, "/api/clusters/*/elections", YEAR + "/reports/*/assessment",
                                YEAR + "/ranking", YEAR + "/commendations", YEAR + "/closure")
                        .hasRole(Role.SECRETARIAT.name())
                        .requestMatchers(POST, YEAR + "/pledge/signatures", YEAR + "/reports")
                        .hasRole(Role.UNIT_OFFICER.name())
                        .requestMatchers(PUT, YEAR + "/reports/*").hasRole(Role.UNIT_OFFICER.name())
                        .anyRequest().denyAll());
        if (properties.mode() == SecurityProperties.Mode.JWT) {
            http.oauth2ResourceServer(server -> server.authenticationEntryPoint(problems)
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesFromClaim(properties.claims()))));
        } else {
            http.httpBasic(basic -> basic.authenticationEntryPoint(problems));
        }
        return http.build();
    }

    static JwtAuthenticationConverter rolesFromClaim(SecurityProperties.Claims claims) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setPrincipalClaimName(claims.name());
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            String role = jwt.getClaimAsString(claims.role());
            return role == null ? List.of() : List.of(new SimpleGrantedAuthority("ROLE_" + role));
        });
        return converter;
    }

    @Bean
    @ConditionalOnProperty(name = "thidua.security.mode", havingValue = "basic", matchIfMissing = true)
    public UserDetailsService configuredUsers(SecurityProperties properties) {
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

    /** Dashboards on other origins may call the API when their origin is listed. */
    @Bean
    public CorsConfigurationSource corsConfigurationSource(SecurityProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.corsOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "If-Match",
                "X-Correlation-Id", "Accept-Language"));
        cors.setExposedHeaders(List.of("Location", "Retry-After"));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }
}

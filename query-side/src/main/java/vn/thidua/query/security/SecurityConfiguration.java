package vn.thidua.query.security;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

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
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import vn.thidua.events.actor.Role;

/**
 * Who may read what: every role reads scoreboards, leadership, clusters and unit records; the decision log, the
 * timeline, the verification and the CSV export are for auditors, the council and secretariats; replays are the
 * council's.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class SecurityConfiguration {

    private static final String[] EVERY_ROLE = roles(Role.values());
    private static final String[] RECORD_KEEPERS = roles(Role.AUDITOR, Role.COUNCIL, Role.SECRETARIAT);

    @Bean
    public SecurityFilterChain queries(HttpSecurity http, SecurityProperties properties,
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
                        .requestMatchers(POST, "/api/admin/projections/*/replay").hasRole(Role.COUNCIL.name())
                        .requestMatchers(GET, "/api/admin/projections").hasAnyRole(roles(Role.COUNCIL, Role.AUDITOR))
                        .requestMatchers(GET, "/api/clusters/*/decisions", "/api/clusters/*/decisions/verification",
                                "/api/clusters/*/years/*/timeline", "/api/clusters/*/years/*/scoreboard.csv")
                        .hasAnyRole(RECORD_KEEPERS)
                        .requestMatchers(GET, "/api/clusters", "/api/clusters/*", "/api/clusters/*/leadership",
                                "/api/clusters/*/years/*/scoreboard", "/api/clusters/*/years/*/scoreboard/stream",
                                "/api/units/*/record")
                        .hasAnyRole(EVERY_ROLE)
                        .anyRequest().denyAll());
        if (properties.mode() == SecurityProperties.Mode.JWT) {
            http.oauth2ResourceServer(server -> server.authenticationEntryPoint(problems)
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesFromClaim(properties.claims()))));
        } else {
            http.httpBasic(basic -> basic.authenticationEntryPoint(problems));
        }
        return http.build();
    }

    private static String[] roles(Role... roles) {
        return java.util.Arrays.stream(roles).map(Role::name).toArray(String[]::new);
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

    @Bean
    public CorsConfigurationSource corsConfigurationSource(SecurityProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.corsOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Accept", "Accept-Language", "Last-Event-ID"));
        cors.setExposedHeaders(List.of("Retry-After", "Content-Disposition"));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }
}

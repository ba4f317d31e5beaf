package vn.thidua.command.security;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfigurationSource;

import vn.thidua.events.actor.Role;
import vn.thidua.platform.security.ProblemAuthenticationHandlers;
import vn.thidua.platform.security.SecurityProperties;
import vn.thidua.platform.security.SignIn;

/** Which role may call which command endpoint; scoping to a cluster or unit is {@link Access}'s job. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class SecurityConfiguration {

    private static final String YEAR = "/api/clusters/*/years/*";

    @Bean
    public SecurityFilterChain commands(HttpSecurity http, SecurityProperties properties,
                                        ProblemAuthenticationHandlers problems) throws Exception {
        return SignIn.chain(http, properties, problems, requests -> requests
                .requestMatchers(POST, "/api/clusters", "/api/clusters/*/members",
                        "/api/clusters/*/members/*/withdrawal", "/api/clusters/*/mergers",
                        "/api/clusters/*/rules/amendments", "/api/clusters/*/transfers",
                        "/api/clusters/*/dissolution", "/api/clusters/*/roster",
                        "/api/clusters/*/years", "/api/clusters/*/decisions/*/rescission")
                .hasRole(Role.COUNCIL.name())
                .requestMatchers(POST, "/api/clusters/*/elections", YEAR + "/reports/*/assessment",
                        YEAR + "/ranking", YEAR + "/commendations", YEAR + "/closure")
                .hasRole(Role.SECRETARIAT.name())
                .requestMatchers(POST, YEAR + "/pledge/signatures", YEAR + "/reports")
                .hasRole(Role.UNIT_OFFICER.name())
                .requestMatchers(PUT, YEAR + "/reports/*").hasRole(Role.UNIT_OFFICER.name())
                .requestMatchers(POST, YEAR + "/documents", YEAR + "/import")
                .hasAnyRole(SignIn.roles(Role.COUNCIL, Role.SECRETARIAT))
                .requestMatchers(GET, "/api/import/template.xlsx")
                .hasAnyRole(SignIn.roles(Role.COUNCIL, Role.SECRETARIAT))
                .requestMatchers(POST, "/api/evidence")
                .hasAnyRole(SignIn.roles(Role.COUNCIL, Role.SECRETARIAT, Role.UNIT_OFFICER)));
    }

    @Bean
    public CorsConfigurationSource corsConfigurationSource(SecurityProperties properties) {
        return SignIn.cors(properties, List.of("GET", "POST", "PUT", "OPTIONS"),
                List.of("Authorization", "Content-Type", "Idempotency-Key", "If-Match", "X-Correlation-Id",
                        "Accept-Language"),
                List.of("Location", "Retry-After"));
    }
}

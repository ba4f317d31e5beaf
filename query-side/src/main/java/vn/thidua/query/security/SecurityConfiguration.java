package vn.thidua.query.security;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import vn.thidua.events.actor.Role;
import vn.thidua.platform.security.ProblemAuthenticationHandlers;
import vn.thidua.platform.security.SecurityProperties;
import vn.thidua.platform.security.SignIn;

/**
 * Who may read what: every role reads scoreboards, leadership, clusters and unit records, a year as the desk's forms
 * need it (a report's content only for those who may read the report) and what waits for them; the decision log, the
 * timeline, the verification and the CSV and Excel exports are for auditors, the council and secretariats; replays are
 * the council's. The ledger's checkpoints, public key and trust policy are public; its proofs, leaves and verification
 * are for auditors and the council, and a unit officer may fetch the receipts of its own unit's acts. Documents are
 * read as the data they show: minutes, proposals and the register of issued documents by record keepers, a
 * certificate also by its own unit's officer; the council and a cluster's secretariat have documents printed to issue;
 * the page a document's QR code opens is public, and so is the dashboard's page (its data comes through the API,
 * signed in).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class SecurityConfiguration {

    private static final String[] EVERY_ROLE = SignIn.roles(Role.values());
    private static final String[] RECORD_KEEPERS = SignIn.roles(Role.AUDITOR, Role.COUNCIL, Role.SECRETARIAT);
    private static final String[] AUDITORS = SignIn.roles(Role.AUDITOR, Role.COUNCIL);
    /** A unit officer reads its own unit's certificate; the controller checks whose it is. */
    private static final String[] CERTIFICATE_READERS =
            SignIn.roles(Role.AUDITOR, Role.COUNCIL, Role.SECRETARIAT, Role.UNIT_OFFICER);
    /**
     * What record keepers read: a secretariat of its own cluster only ({@link ClusterScope} guards these paths by the
     * cluster they name).
     */
    static final String[] RECORD_KEEPER_READS = {"/api/clusters/*/decisions", "/api/clusters/*/decisions/verification",
            "/api/clusters/*/years/*/timeline", "/api/clusters/*/years/*/scoreboard.csv",
            "/api/clusters/*/years/*/scoreboard.xlsx", "/api/clusters/*/years/*/documents",
            "/api/clusters/*/years/*/documents/*"};
    /** A unit officer fetches the receipts of its own unit's acts; the controller checks whose act it is. */
    private static final String[] LEDGER_RECEIPTS = SignIn.roles(Role.AUDITOR, Role.COUNCIL, Role.UNIT_OFFICER);

    @Bean
    public SecurityFilterChain queries(HttpSecurity http, SecurityProperties properties,
                                       ProblemAuthenticationHandlers problems) throws Exception {
        return SignIn.chain(http, properties, problems, requests -> requests
                .requestMatchers(POST, "/api/admin/projections/*/replay").hasRole(Role.COUNCIL.name())
                .requestMatchers(POST, "/api/clusters/*/years/*/replay").hasAnyRole(AUDITORS)
                .requestMatchers(POST, "/api/clusters/*/years/*/documents/print")
                .hasAnyRole(SignIn.roles(Role.COUNCIL, Role.SECRETARIAT))
                .requestMatchers(GET, "/api/admin/projections").hasAnyRole(SignIn.roles(Role.COUNCIL, Role.AUDITOR))
                .requestMatchers(GET, "/", "/index.html", "/app/**", "/favicon.ico").permitAll()
                .requestMatchers(GET, "/api/ledger/checkpoint", "/api/ledger/checkpoints/*", "/api/ledger/public-key",
                        "/api/ledger/policy",
                        "/documents/verify.html",
                        "/api/documents/verification").permitAll()
                .requestMatchers(GET, "/api/units/*/years/*/certificate.pdf").hasAnyRole(CERTIFICATE_READERS)
                .requestMatchers(GET, "/api/evidence/*").hasAnyRole(EVERY_ROLE)

                .requestMatchers(GET, "/api/ledger/receipts/*").hasAnyRole(LEDGER_RECEIPTS)
                .requestMatchers(GET, "/api/ledger/**").hasAnyRole(AUDITORS)
                .requestMatchers(GET, RECORD_KEEPER_READS).hasAnyRole(RECORD_KEEPERS)
                .requestMatchers(GET, "/api/clusters", "/api/clusters/*", "/api/clusters/*/leadership",
                        "/api/clusters/*/rotation",
                        "/api/clusters/*/years", "/api/clusters/*/years/*", "/api/me", "/api/me/due",
                        "/api/clusters/*/years/*/scoreboard", "/api/clusters/*/years/*/scoreboard/stream",
                        "/api/units/*/record")
                .hasAnyRole(EVERY_ROLE));
    }

    /** The cluster scope on the record keepers' reads: the same paths as their role rule above. */
    @Bean
    public WebMvcConfigurer clusterScopedReads(ClusterScope scope) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(scope).addPathPatterns(RECORD_KEEPER_READS);
            }
        };
    }

    @Bean
    public CorsConfigurationSource corsConfigurationSource(SecurityProperties properties) {
        return SignIn.cors(properties, List.of("GET", "POST", "OPTIONS"),
                List.of("Authorization", "Accept", "Accept-Language", "Last-Event-ID"),
                List.of("Retry-After", "Content-Disposition"));
    }
}

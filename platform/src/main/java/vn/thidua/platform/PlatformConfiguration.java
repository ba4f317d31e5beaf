package vn.thidua.platform;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import vn.thidua.platform.security.Actors;
import vn.thidua.platform.security.ProblemAuthenticationHandlers;
import vn.thidua.platform.security.SecurityProperties;
import vn.thidua.platform.security.SignIn;
import vn.thidua.platform.store.EventStoreSchema;
import vn.thidua.platform.web.AcceptHeaderCheck;
import vn.thidua.platform.web.ProblemErrorController;

/** Imported by each app: what they share, as beans. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
@Import({SignIn.class, ProblemAuthenticationHandlers.class, Actors.class, EventStoreSchema.class,
        ProblemErrorController.class, AcceptHeaderCheck.class})
public class PlatformConfiguration {
}

package vn.thidua.query;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

import vn.thidua.platform.PlatformConfiguration;

/** The query side: read models folded from the event store, served as JSON, CSV and server-sent events. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(PlatformConfiguration.class)
public class QuerySideApplication {

    /** The application with its own configuration file, {@code query-side.yml}. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(QuerySideApplication.class).properties("spring.config.name=query-side");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}

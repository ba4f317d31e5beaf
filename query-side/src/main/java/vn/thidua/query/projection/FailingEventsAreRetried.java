package vn.thidua.query.projection;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A handler that fails (its document could not be read, the database went away) must stop its batch, which the
 * processor then retries from its token. Axon's default logs the failure and goes on with the next event: the read
 * model would silently skip a fact and no longer equal a fold of the store.
 */
@Configuration(proxyBeanMethods = false)
public class FailingEventsAreRetried {

    @Bean
    public ConfigurerModule everyReadModelRetriesAFailedEvent() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
    }
}

package vn.thidua.command.decisions;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A directory row that cannot be written must fail the command: Axon's default only logs a handler's failure, which
 * would record a decision that no rescission could ever find.
 */
@Configuration(proxyBeanMethods = false)
public class DecisionDirectoryConfiguration {

    @Bean
    public ConfigurerModule decisionDirectoryFailsTheCommand() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                DecisionDirectory.PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
    }
}

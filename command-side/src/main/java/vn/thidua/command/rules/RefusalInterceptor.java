package vn.thidua.command.rules;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Carries a refusal as the details of a {@link CommandExecutionException}, the one form that reaches the sender
 * intact whether the command ran in this process or was routed through Axon Server. Axon registers handler
 * interceptor beans on the command bus itself, inside its transaction interceptor.
 */
@Component
public class RefusalInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        try {
            return chain.proceed();
        } catch (RuleViolation violation) {
            throw new CommandExecutionException(violation.getMessage(), null, violation.refusal());
        }
    }
}

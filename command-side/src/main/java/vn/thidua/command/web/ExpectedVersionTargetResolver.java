package vn.thidua.command.web;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.stereotype.Component;

import jakarta.annotation.Nonnull;
import vn.thidua.command.rules.Rule;

/**
 * The aggregate a command targets, as its annotations say, and the version the client expects from the request's
 * {@code If-Match}: Axon then refuses the command if the aggregate has moved on since.
 */
@Component(ExpectedVersionTargetResolver.BEAN)
public class ExpectedVersionTargetResolver implements CommandTargetResolver {

    public static final String BEAN = "expectedVersionTargetResolver";

    private final CommandTargetResolver annotations = AnnotationCommandTargetResolver.builder().build();

    @Override
    public VersionedAggregateIdentifier resolveTarget(@Nonnull CommandMessage<?> command) {
        VersionedAggregateIdentifier target = annotations.resolveTarget(command);
        Object expected = command.getMetaData().get(RequestMetadata.EXPECTED_VERSION);
        if (expected == null) {
            return target;
        }
        try {
            return new VersionedAggregateIdentifier(target.getIdentifierValue(), Long.valueOf(expected.toString()));
        } catch (NumberFormatException e) {
            throw RequestRefusal.VERSION_STALE.refuse(expected);
        }
    }
}

package vn.thidua.command.web;

import java.util.UUID;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

import vn.thidua.command.rules.Refusal;
import vn.thidua.command.rules.Rule;
import vn.thidua.command.rules.RuleViolation;

/**
 * Sends a command and turns what the framework reports into the cluster's words: a missing aggregate becomes the
 * caller's 404, a stream that already exists its "already formed/opened" refusal, a lost race a 409 and an
 * unreachable store a 503. Nothing is recorded in any of these cases.
 */
@Component
public class CommandDispatcher {

    private final CommandGateway commandGateway;

    public CommandDispatcher(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    public static String newDecisionId() {
        return UUID.randomUUID().toString();
    }

    /** Sends a command to an existing aggregate and returns the aggregate's version after it. */
    public long send(Object command, RuleViolation ifAggregateMissing) {
        return dispatch(command, ifAggregateMissing, Rule.CONCURRENT_CHANGE.refuse());
    }

    /**
     * Sends a command that creates an aggregate; {@code ifAlreadyExists} is the refusal when one with that id was
     * created before (the first event of a stream clashes on the store's unique key).
     */
    public long create(Object command, RuleViolation ifAggregateMissing, RuleViolation ifAlreadyExists) {
        return dispatch(command, ifAggregateMissing, ifAlreadyExists);
    }

    private long dispatch(Object command, RuleViolation ifAggregateMissing, RuleViolation ifAlreadyExists) {
        try {
            Object result = commandGateway.sendAndWait(command);
            return result instanceof Number version ? version.longValue() : 0L;
        } catch (AggregateNotFoundException e) {
            throw ifAggregateMissing;
        } catch (AggregateStreamCreationException e) {
            throw ifAlreadyExists;
        } catch (ConcurrencyException e) {
            throw Rule.CONCURRENT_CHANGE.refuse();
        } catch (EventStoreException | DataAccessResourceFailureException | CannotCreateTransactionException e) {
            throw Rule.STORE_UNAVAILABLE.refuse();
        } catch (CommandExecutionException e) {
            // A refusal that crossed a process boundary (Axon Server) arrives as the exception's details.
            throw e.getDetails().filter(Refusal.class::isInstance).map(Refusal.class::cast)
                    .map(RuleViolation::new).orElseThrow(() -> e);
        }
    }
}

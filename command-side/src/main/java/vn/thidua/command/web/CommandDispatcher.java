package vn.thidua.command.web;

import java.util.Map;
import java.util.UUID;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import vn.thidua.command.idempotency.IdempotentRequests;

import vn.thidua.command.rules.Refusal;
import vn.thidua.command.rules.Rule;
import vn.thidua.command.rules.RuleViolation;
import vn.thidua.platform.security.Actors;
import vn.thidua.events.actor.Actor;

/**
 * Sends a command and turns what the framework reports into the cluster's words: a missing aggregate becomes the
 * caller's 404, a stream that already exists its "already formed/opened" refusal, a stale {@code If-Match} a 412,
 * a race lost three times a 409, a repeated keyed request its first answer, and an unreachable store a 503.
 * Nothing is recorded in any of these cases.
 */
@Component
public class CommandDispatcher {

    /** A lost race on one aggregate is tried again on the fresh state this many times before it is refused. */
    static final int ATTEMPTS = 3;

    private final CommandGateway commandGateway;
    private final IdempotentRequests idempotency;
    private final Actors actors;
    private final JdbcClient jdbc;
    private final CommandTargetResolver targets = AnnotationCommandTargetResolver.builder().build();

    public CommandDispatcher(CommandGateway commandGateway, IdempotentRequests idempotency, Actors actors,
                             JdbcClient jdbc) {
        this.commandGateway = commandGateway;
        this.idempotency = idempotency;
        this.actors = actors;
        this.jdbc = jdbc;
    }

    /** A new decision's id; a repeat of the same keyed request gets the same one, hence the same answer. */
    public String newDecisionId() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            String key = attributes.getRequest().getHeader(IdempotentRequests.HEADER);
            if (key != null && !key.isBlank()) {
                return IdempotentRequests.decisionIdFor(actors.current().map(Actor::name).orElse("anonymous"), key);
            }
        }
        return UUID.randomUUID().toString();
    }

    /** Sends a command to an existing aggregate and returns the aggregate's version and position after it. */
    public Recorded send(Object command, RuleViolation ifAggregateMissing) {
        return dispatch(command, ifAggregateMissing, RequestRefusal.CONCURRENT_CHANGE.refuse(), ATTEMPTS);
    }

    /**
     * Sends one of several commands a request carries in one transaction (an imported year's acts), each with
     * metadata of its own (the act's day): an aggregate it would create that exists already is
     * {@code ifAlreadyExists}. A lost race is not tried again: it rolled back the transaction the others share.
     */
    public Recorded sendOneOfMany(Object command, Map<String, ?> metaData, RuleViolation ifAggregateMissing,
                                  RuleViolation ifAlreadyExists) {
        return dispatch(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData), ifAggregateMissing,
                ifAlreadyExists, 1);
    }

    /**
     * Sends a command that creates an aggregate; {@code ifAlreadyExists} is the refusal when one with that id was
     * created before (the first event of a stream clashes on the store's unique key). An {@code If-Match} cannot name
     * a version of what does not exist yet: refused 400, unless an existing aggregate creates the other (a cluster
     * opening a year), whose version it then names.
     */
    public Recorded create(Object command, RuleViolation ifAggregateMissing, RuleViolation ifAlreadyExists) {
        if (!(command instanceof CreatesAnotherAggregate)
                && RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getRequest().getHeader(HttpHeaders.IF_MATCH) != null) {
            throw RequestRefusal.IF_MATCH_NOT_APPLICABLE.refuse();
        }
        return dispatch(command, ifAggregateMissing, ifAlreadyExists, ATTEMPTS);
    }

    private Recorded dispatch(Object command, RuleViolation ifAggregateMissing, RuleViolation ifAlreadyExists,
                              int attempts) {
        for (int attempt = 1; ; attempt++) {
            try {
                long version = attempt(command, ifAggregateMissing, ifAlreadyExists);
                return new Recorded(version, positionOf(command, version));
            } catch (ConcurrencyException e) {
                if (attempt == attempts) {
                    throw RequestRefusal.CONCURRENT_CHANGE.refuse();
                }
            }
        }
    }

    private long attempt(Object command, RuleViolation ifAggregateMissing, RuleViolation ifAlreadyExists) {
        try {
            Object result = commandGateway.sendAndWait(command);
            return result instanceof Number version ? version.longValue() : 0L;
        } catch (AggregateNotFoundException e) {
            throw ifAggregateMissing;
        } catch (AggregateStreamCreationException e) {
            throw ifAlreadyExists;
        } catch (ConflictingAggregateVersionException e) {
            throw RequestRefusal.VERSION_STALE.refuse(e.getExpectedVersion());
        } catch (IdempotentRequests.RepeatedRequest repeat) {
            IdempotentRequests.Outcome earlier = idempotency.earlier(repeat);
            return earlier.version().orElseThrow(() -> RequestRefusal.IDEMPOTENCY_KEY_REUSED.refuse(earlier.key()));
        } catch (CommandExecutionException e) {
            // A refusal that crossed a process boundary (Axon Server) arrives as the exception's details.
            RuntimeException refusal = e.getDetails().filter(Refusal.class::isInstance).map(Refusal.class::cast)
                    .map(RuleViolation::new).orElse(null);
            throw refusal != null ? refusal : storeLost(e) ? RequestRefusal.STORE_UNAVAILABLE.refuse() : e;
        } catch (RuntimeException e) {
            throw storeLost(e) ? RequestRefusal.STORE_UNAVAILABLE.refuse() : e;
        }
    }

    /**
     * The global index of the event that gave the command's aggregate (or the one it created) that version: the
     * command's last event, also for a repeated keyed request (its first answer's event). Empty where events are not
     * in this database (Axon Server).
     */
    private Long positionOf(Object message, long version) {
        Object command = message instanceof CommandMessage<?> wrapped ? wrapped.getPayload() : message;
        String aggregateId = command instanceof CreatesAnotherAggregate creates ? creates.createdAggregateId()
                : targets.resolveTarget(GenericCommandMessage.asCommandMessage(command)).getIdentifierValue()
                .toString();
        try {
            return jdbc.sql("select global_index from domain_event_entry"
                            + " where aggregate_identifier = ? and sequence_number = ?")
                    .params(aggregateId, version).query(Long.class).optional().orElse(null);
        } catch (RuntimeException e) {
            throw storeLost(e) ? RequestRefusal.STORE_UNAVAILABLE.refuse() : e;
        }
    }

    /**
     * Whether the command failed because the store could not be reached, in whichever form that surfaces: Axon's
     * and Spring's wrappers, or a rollback that failed too when the connection died mid-command (the rollback's
     * exception then replaces the first one).
     */
    static boolean storeLost(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof EventStoreException || cause instanceof JdbcException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof TransactionSystemException) {
                return true;
            }
        }
        return false;
    }
}

package vn.thidua.command.store;

import java.sql.SQLException;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Recognises PostgreSQL's unique violation (SQLState 23505) anywhere in the cause chain. Axon's default resolver
 * misses it, and then two commands racing on one aggregate would surface as a storage failure instead of a conflict.
 */
class UniqueViolationResolver implements PersistenceExceptionResolver {

    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}

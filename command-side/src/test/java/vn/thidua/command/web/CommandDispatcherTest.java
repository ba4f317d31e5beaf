package vn.thidua.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionSystemException;

class CommandDispatcherTest {

    @Test
    void aStoreLostMidCommandIsRecognisedInEveryForm() {
        JdbcException loading = new JdbcException("Failed to create a SQL statement",
                new SQLException("Connection is closed", "08003"));
        assertThat(CommandDispatcher.storeLost(loading)).isTrue();
        assertThat(CommandDispatcher.storeLost(new TransactionSystemException("JDBC rollback failed")))
                .as("the connection died, and the rollback failed after the load").isTrue();
        assertThat(CommandDispatcher.storeLost(new CommandExecutionException("handler failed", loading)))
                .isTrue();
    }

    @Test
    void otherFailuresAreNotTakenForALostStore() {
        assertThat(CommandDispatcher.storeLost(new IllegalStateException("a bug"))).isFalse();
        assertThat(CommandDispatcher.storeLost(new ConcurrencyException("raced"))).isFalse();
    }
}

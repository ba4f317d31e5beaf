package vn.thidua.command.cluster;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Serialises the cluster's decisions across replicas: before the cluster is loaded, the command's transaction takes
 * PostgreSQL's transaction-scoped advisory lock of each cluster it concerns (in one order, so that a transfer and a
 * merger never wait on each other), held until it commits. The next decision on that cluster then loads the cluster
 * as the last one left it, on whichever replica it runs. Some decisions append nothing to the cluster's own stream
 * (opening a year starts the year's) or read what other aggregates recorded (the years in progress), so the
 * stream's optimistic lock alone would let a decision taken on stale state through.
 */
@Component
public class OneDecisionPerCluster implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final JdbcClient jdbc;

    public OneDecisionPerCluster(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        if (unitOfWork.getMessage().getPayload() instanceof ClusterDecision decision) {
            decision.clustersConcerned().stream().distinct().sorted().forEach(clusterId ->
                    jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))")
                            .param("thidua cluster " + clusterId).query().singleRow());
        }
        return chain.proceed();
    }
}

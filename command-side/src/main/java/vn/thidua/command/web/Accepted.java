package vn.thidua.command.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer to an accepted command: the ids it concerns or created, and {@code version}, the sequence number of the
 * aggregate after the command, which a client passes to the query side as {@code ?minVersion=} to read its write.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Accepted(String clusterId, Integer year, String unitId, String decisionId, long version) {

    public static Accepted ofCluster(String clusterId, String decisionId, long version) {
        return new Accepted(clusterId, null, null, decisionId, version);
    }

    public static Accepted ofYear(String clusterId, Integer year, String decisionId, long version) {
        return new Accepted(clusterId, year, null, decisionId, version);
    }

    public static Accepted ofUnit(String clusterId, Integer year, String unitId, String decisionId, long version) {
        return new Accepted(clusterId, year, unitId, decisionId, version);
    }
}

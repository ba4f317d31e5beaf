package vn.thidua.deploy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rules of the yearly cycle that span aggregates, checked on the store itself, in the order events were
 * stored: every member of a cluster when it opens a year is a participant of that year, and nobody else; the year
 * takes the rules in force at its opening (the latest amendment from that year on, else the formation's); and no
 * unit that does not take part in a year signs its pledge or files or amends its report.
 */
final class CycleInvariants {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CycleInvariants() {
    }

    /** Each rule broken, in words; none when the store holds to every one. */
    static List<String> brokenOn(Connection sql) throws SQLException {
        Map<String, Set<String>> members = new HashMap<>();
        Map<String, JsonNode> formationRules = new HashMap<>();
        Map<String, TreeMap<Integer, JsonNode>> amendments = new HashMap<>();
        Map<String, Set<String>> participants = new HashMap<>();
        List<String> broken = new ArrayList<>();
        try (ResultSet rows = sql.createStatement().executeQuery("select global_index, payload_type, payload"
                + " from domain_event_entry order by global_index")) {
            while (rows.next()) {
                String type = rows.getString(2).substring(rows.getString(2).lastIndexOf('.') + 1);
                JsonNode event = JSON.readTree(rows.getString(3));
                String cluster = event.path("clusterId").asString();
                Set<String> current = members.computeIfAbsent(cluster, c -> new LinkedHashSet<>());
                switch (type) {
                    case "ClusterFormed" -> {
                        event.path("members").forEach(unit -> current.add(unit.path("unitId").asString()));
                        formationRules.put(cluster, event.path("rules"));
                    }
                    case "UnitAdmitted", "UnitTransferredIn" -> current.add(event.path("unit").path("unitId")
                            .asString());
                    case "UnitWithdrawn", "UnitTransferredOut" -> current.remove(event.path("unitId").asString());
                    case "UnitsMerged" -> {
                        event.path("mergedUnitIds").forEach(unit -> current.remove(unit.asString()));
                        current.add(event.path("successor").path("unitId").asString());
                    }
                    case "ClustersMerged" -> event.path("units").forEach(unit -> current.add(unit.path("unitId")
                            .asString()));
                    case "ClusterRulesAmended" -> amendments.computeIfAbsent(cluster, c -> new TreeMap<>())
                            .put(event.path("effectiveFromYear").asInt(), event.path("rules"));
                    case "EmulationYearOpened" -> {
                        String year = cluster + " " + event.path("year").asInt();
                        Set<String> taking = new LinkedHashSet<>();
                        event.path("participants").forEach(unit -> taking.add(unit.path("unitId").asString()));
                        participants.put(year, taking);
                        if (!taking.equals(current)) {
                            broken.add(year + " opened (global index " + rows.getLong(1) + ") with " + taking
                                    + " while the members were " + current);
                        }
                        var amended = amendments.getOrDefault(cluster, new TreeMap<>())
                                .floorEntry(event.path("year").asInt());
                        JsonNode inForce = amended != null ? amended.getValue() : formationRules.get(cluster);
                        if (inForce != null && !inForce.isMissingNode() && !inForce.isNull()
                                && !holdsAll(event.path("rules"), inForce)) {
                            broken.add(year + " opened under " + event.path("rules") + ", not the rules in force "
                                    + inForce);
                        }
                    }
                    case "PledgeSigned", "AnnualReportFiled", "AnnualReportAmended" -> {
                        String year = cluster + " " + event.path("year").asInt();
                        String unit = event.path("unitId").asString();
                        if (!participants.getOrDefault(year, Set.of()).contains(unit)) {
                            broken.add(type + " by " + unit + " in " + year + ", which it does not take part in");
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        return broken;
    }

    /** Whether {@code actual} has every field of {@code expected} with the same value (defaults may add others). */
    private static boolean holdsAll(JsonNode actual, JsonNode expected) {
        if (!expected.isObject()) {
            return expected.equals(actual);
        }
        for (var field : expected.properties()) {
            if (!field.getValue().isNull() && !holdsAll(actual.path(field.getKey()), field.getValue())) {
                return false;
            }
        }
        return true;
    }
}

package vn.thidua.query.yearreplay;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.thidua.events.json.EventJson;
import vn.thidua.events.year.EmulationYearOpened;
import vn.thidua.query.documents.YearRecords;
import vn.thidua.query.narration.Narrator;
import vn.thidua.query.narration.Text;
import vn.thidua.query.narration.UnitNames;
import vn.thidua.query.cluster.ClusterDocument;
import vn.thidua.query.cluster.ClusterProjection;
import vn.thidua.query.leadership.Leadership;
import vn.thidua.query.leadership.LeadershipProjection;
import vn.thidua.query.projection.ConcernedUnit;
import vn.thidua.query.projection.DocumentStore;
import vn.thidua.query.projection.Envelope;
import vn.thidua.query.projection.StoredPayloads;
import vn.thidua.query.scoreboard.Scoreboard;
import vn.thidua.query.scoreboard.ScoreboardFold;
import vn.thidua.query.scoreboard.ScoreboardProjection;
import vn.thidua.query.scoreboard.ScoreboardQueries;
import vn.thidua.query.scoreboard.ScoreboardView;
import vn.thidua.query.timeline.TimelineProjection;
import vn.thidua.query.web.Problem;
import vn.thidua.query.web.ProblemException;
import vn.thidua.query.web.Problems;

/**
 * The self-audit an inspector asks for: a year's sealed events (the cluster's and the year's, as the store holds
 * them now, in the ledger's order) folded afresh with the read models' own folds, into new documents compared with
 * the live read models: the year's scoreboard, the cluster's page and its leadership, field by field, and the year's
 * timeline, line by line; or, asked {@code asOf} and/or {@code asOfDate}, the scoreboard as it stood then, against
 * what {@code GET .../scoreboard?asOf=} answers. Nothing is written.
 */
@RestController
@Tag(name = "admin")
public class YearReplayController {

    /** One thing the live model and the replay disagree on; {@code live} or {@code replayed} null where one lacks it. */
    public record ReplayDifference(String model, String key, JsonNode live, JsonNode replayed) {
    }

    /** Whether the live read models equal the replay, and every difference. */
    public record YearReplayed(String clusterId, int year, long eventsReplayed, boolean equal,
                               List<ReplayDifference> differences) {
    }

    private final YearRecords records;
    private final DocumentStore documents;
    private final JdbcClient jdbc;
    private final ScoreboardQueries scoreboards;
    private final JsonMapper json = EventJson.mapper();

    public YearReplayController(YearRecords records, DocumentStore documents, JdbcClient jdbc,
                                ScoreboardQueries scoreboards) {
        this.records = records;
        this.scoreboards = scoreboards;
        this.documents = documents;
        this.jdbc = jdbc;
    }

    @Operation(summary = "Dựng lại một năm từ các sự kiện đã niêm phong và so với dữ liệu đang phục vụ · A year's"
            + " sealed events folded afresh and compared with the live read models")
    @Problems({Problem.YEAR_NOT_FOUND})
    @PostMapping("/api/clusters/{clusterId}/years/{year}/replay")
    public YearReplayed replay(@PathVariable String clusterId, @PathVariable int year,
                               @RequestParam(required = false) Instant asOf,
                               @RequestParam(required = false) LocalDate asOfDate) {
        List<YearRecords.Sealed> sealed = records.sealedEvents(clusterId, year);
        if (sealed.stream().noneMatch(event -> event.event() instanceof EmulationYearOpened opened
                && opened.year() == year)) {
            throw Problem.YEAR_NOT_FOUND.raise(clusterId, year);
        }
        if (asOf != null || asOfDate != null) {
            return replayAsOf(clusterId, year, sealed, asOf, asOfDate);
        }
        Scoreboard board = new Scoreboard(clusterId, year);
        ClusterDocument cluster = new ClusterDocument();
        Leadership leadership = new Leadership();
        UnitNames names = new UnitNames();
        Map<String, JsonNode> timeline = new LinkedHashMap<>();
        for (YearRecords.Sealed event : sealed) {
            Envelope envelope = StoredPayloads.envelope(event.stored(), event.event());
            if (ScoreboardProjection.foldsInto(event.event(), year)) {
                board = ScoreboardFold.apply(board, envelope);
            }
            if (event.stored().aggregateId().equals(clusterId)) {
                cluster = ClusterDocument.apply(cluster, envelope);
                leadership = Leadership.apply(leadership, envelope);
            }
            names = UnitNames.apply(names, event.event());
            if (TimelineProjection.yearOf(event.event(), envelope) == year) {
                timeline.put(event.stored().eventId(), timelineLine(event.event().getClass().getSimpleName(),
                        ConcernedUnit.of(event.event()), envelope.actor(), Narrator.describe(event.event(), names)));
            }
        }
        List<ReplayDifference> differences = new ArrayList<>();
        String key = ScoreboardProjection.key(clusterId, year);
        JsonNode live = documents.load(ScoreboardProjection.MODEL, key, Scoreboard.class)
                .<JsonNode>map(stored -> json.valueToTree(stored.state())).orElse(null);
        compareFields("scoreboard", key, live, json.valueToTree(board), differences);
        compareFields(ClusterProjection.MODEL, clusterId, liveDocument(ClusterProjection.MODEL, clusterId,
                ClusterDocument.class), json.valueToTree(cluster), differences);
        compareFields(LeadershipProjection.MODEL, clusterId, liveDocument(LeadershipProjection.MODEL, clusterId,
                Leadership.class), json.valueToTree(leadership), differences);
        compareLines(clusterId, year, timeline, differences);
        return new YearReplayed(clusterId, year, sealed.size(), differences.isEmpty(), differences);
    }

    /** The sealed events up to the moment folded afresh, against the scoreboard {@code asOf} answers for it. */
    private YearReplayed replayAsOf(String clusterId, int year, List<YearRecords.Sealed> sealed, Instant asOf,
                                    LocalDate asOfDate) {
        Scoreboard board = new Scoreboard(clusterId, year);
        long folded = 0;
        for (YearRecords.Sealed event : sealed) {
            Envelope envelope = StoredPayloads.envelope(event.stored(), event.event());
            // Every event of the cluster and the year, as the asOf read folds them.
            if ((asOf == null || !envelope.at().isAfter(asOf))
                    && (asOfDate == null || !envelope.occurredOn().isAfter(asOfDate))) {
                board = ScoreboardFold.apply(board, envelope);
                folded++;
            }
        }
        List<ReplayDifference> differences = new ArrayList<>();
        JsonNode replayed = board.isOpened() ? json.valueToTree(ScoreboardView.asOf(board, asOf, asOfDate)) : null;
        JsonNode served;
        try {
            served = json.valueToTree(scoreboards.asOf(clusterId, year, asOf, asOfDate));
        } catch (ProblemException notYetOpened) {
            served = null;
        }
        String key = ScoreboardProjection.key(clusterId, year) + "@" + (asOf != null ? asOf : "")
                + (asOfDate != null ? "/" + asOfDate : "");
        if (served == null || replayed == null) {
            if (served != replayed) {
                differences.add(new ReplayDifference("scoreboard", key, served, replayed));
            }
        } else {
            compareFields("scoreboard", key, served, replayed, differences);
        }
        return new YearReplayed(clusterId, year, folded, differences.isEmpty(), differences);
    }

    private JsonNode liveDocument(String model, String key, Class<?> type) {
        return documents.load(model, key, type).<JsonNode>map(stored -> json.valueToTree(stored.state())).orElse(null);
    }

    private JsonNode timelineLine(String type, String unitId, String actor, Text text) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", type);
        line.put("unitId", unitId);
        line.put("actor", actor);
        line.put("vi", text.vi());
        line.put("en", text.en());
        return json.valueToTree(line);
    }

    private static void compareFields(String model, String key, JsonNode live, JsonNode replayed,
                                      List<ReplayDifference> differences) {
        if (live == null) {
            differences.add(new ReplayDifference(model, key, null, replayed));
            return;
        }
        TreeSet<String> fields = new TreeSet<>();
        live.propertyNames().forEach(fields::add);
        replayed.propertyNames().forEach(fields::add);
        for (String field : fields) {
            JsonNode was = live.get(field);
            JsonNode is = replayed.get(field);
            if (!Objects.equals(was, is)) {
                differences.add(new ReplayDifference(model, key + "/" + field, was, is));
            }
        }
    }

    private void compareLines(String clusterId, int year, Map<String, JsonNode> replayed,
                              List<ReplayDifference> differences) {
        Map<String, JsonNode> live = new LinkedHashMap<>();
        jdbc.sql("select event_id, event_type, unit_id, actor, text_vi, text_en from timeline_entry"
                        + " where cluster_id = ? and year = ?").params(clusterId, year)
                .query((row, i) -> live.put(row.getString(1), timelineLine(row.getString(2), row.getString(3),
                        row.getString(4), new Text(row.getString(5), row.getString(6)))))
                .list();
        TreeSet<String> events = new TreeSet<>(live.keySet());
        events.addAll(replayed.keySet());
        String key = clusterId + ":" + year;
        for (String eventId : events) {
            if (!Objects.equals(live.get(eventId), replayed.get(eventId))) {
                differences.add(new ReplayDifference("timeline", key + "/" + eventId, live.get(eventId),
                        replayed.get(eventId)));
            }
        }
    }
}

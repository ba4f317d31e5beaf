package vn.thidua.query.desk;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import vn.thidua.events.actor.Actor;
import vn.thidua.events.actor.Role;
import vn.thidua.events.time.ActDate;
import vn.thidua.platform.security.Actors;
import vn.thidua.query.leadership.LeadershipController;
import vn.thidua.query.projection.VersionsSeen;
import vn.thidua.query.scoreboard.Scoreboard;
import vn.thidua.query.scoreboard.ScoreboardProjection;
import vn.thidua.query.scoreboard.ScoreboardQueries;
import vn.thidua.query.scoreboard.YearAtTheDesk;
import vn.thidua.query.security.ClusterScope;
import vn.thidua.query.web.Problem;
import vn.thidua.query.web.Problems;

/**
 * What the desk in the browser reads before it writes: who is signed in and where their commands go, what waits for
 * them, and a year with everything its forms need (the scoring table, the reports, the version for If-Match).
 */
@RestController
@Tag(name = "desk")
public class DeskController {

    /** The person signed in, and the command side's URL as their browser reaches it. */
    public record SignedIn(String name, Role role, String clusterId, String unitId, String commandSide) {
    }

    private final Actors actors;
    private final ClusterScope clusterScope;
    private final ScoreboardQueries scoreboards;
    private final LeadershipController leadership;
    private final VersionsSeen versions;
    private final String commandSide;

    public DeskController(Actors actors, ClusterScope clusterScope, ScoreboardQueries scoreboards,
                          LeadershipController leadership, VersionsSeen versions,
                          @Value("${thidua.desk.command-side-url}") String commandSide) {
        this.actors = actors;
        this.clusterScope = clusterScope;
        this.scoreboards = scoreboards;
        this.leadership = leadership;
        this.versions = versions;
        this.commandSide = commandSide;
    }

    @Operation(summary = "Người đang đăng nhập · Who is signed in, and where their commands go")
    @GetMapping("/api/me")
    public SignedIn me() {
        Actor actor = signedIn();
        return new SignedIn(actor.name(), actor.role(), actor.clusterId(), actor.unitId(), commandSide);
    }

    @Operation(summary = "Việc đang chờ người đăng nhập · What waits for the person signed in")
    @GetMapping("/api/me/due")
    public List<WhatIsDue.Due> due() {
        Actor actor = signedIn();
        List<WhatIsDue.YearUnderWay> years = new ArrayList<>();
        if (actor.clusterId() != null && (actor.role() == Role.SECRETARIAT || actor.role() == Role.UNIT_OFFICER)) {
            for (ScoreboardQueries.YearSummary summary : scoreboards.years(actor.clusterId(), null)) {
                if (summary.status() != Scoreboard.Status.CLOSED) {
                    YearAtTheDesk year = YearAtTheDesk.of(scoreboards.board(actor.clusterId(), summary.year(), null),
                            -1, unitId -> true);
                    years.add(new WhatIsDue.YearUnderWay(year, officesFilled(actor.clusterId(), summary.year() + 1)));
                }
            }
        }
        return WhatIsDue.of(actor, years, LocalDate.now(ActDate.ZONE));
    }

    @Operation(summary = "Một năm thi đua cho các biểu mẫu · A year with what its forms need")
    @Problems({Problem.YEAR_NOT_FOUND})
    @GetMapping("/api/clusters/{clusterId}/years/{year}")
    public YearAtTheDesk year(@PathVariable String clusterId, @PathVariable int year,
                              @RequestParam(required = false) Long minPosition) {
        Scoreboard board = scoreboards.board(clusterId, year, minPosition);
        long version = versions.versionSeenBy(ScoreboardProjection.MODEL, ScoreboardProjection.key(clusterId, year));
        Actor actor = actors.current().orElse(null);
        boolean keeper = clusterScope.keepsTheRecordOf(clusterId);
        return YearAtTheDesk.of(board, version, unitId -> keeper
                || actor != null && actor.role() == Role.UNIT_OFFICER && unitId.equals(actor.unitId()));
    }

    private Set<String> officesFilled(String clusterId, int termYear) {
        Set<String> filled = new HashSet<>();
        leadership.leadership(clusterId, null).stream().filter(term -> term.termYear() == termYear)
                .forEach(term -> {
                    if (term.head() != null) {
                        filled.add("HEAD");
                    }
                    if (term.deputy() != null) {
                        filled.add("DEPUTY");
                    }
                });
        return filled;
    }

    private Actor signedIn() {
        return actors.current().orElseThrow(() -> new IllegalStateException("the security chain lets no one in unsigned"));
    }
}

package vn.thidua.command.decisions;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import vn.thidua.command.rules.Rule;
import vn.thidua.command.web.Accepted;
import vn.thidua.command.web.DemoExamples;
import vn.thidua.command.web.Refusals;
import vn.thidua.command.web.RequestRefusal;
import vn.thidua.command.web.Recorded;
import vn.thidua.command.web.CommandDispatcher;
import vn.thidua.command.web.CommonRequests.ReasonRequest;
import vn.thidua.command.web.Slug;

/** RescindDecision: a mistake is corrected by a new decision that points at the old one, never by an edit. */
@RestController
@Tag(name = "decisions")
public class RescissionController {

    private final CommandDispatcher commands;
    private final DecisionDirectory directory;

    public RescissionController(CommandDispatcher commands, DecisionDirectory directory) {
        this.commands = commands;
        this.directory = directory;
    }

    @Operation(summary = "Hủy quyết định · Rescind a decision",
            description = "Hội đồng hủy một quyết định, nêu lý do; quyết định cũ không bị xóa (DecisionRescinded) · The council rescinds a decision with a reason; nothing is deleted.")
    @Refusals({Rule.CLUSTER_NOT_FOUND, Rule.YEAR_NOT_FOUND, Rule.DECISION_NOT_FOUND, Rule.ALREADY_RESCINDED, Rule.NOT_RESCINDABLE, Rule.RANKING_FINALIZED, Rule.COMMENDATIONS_EXIST, Rule.YEAR_CLOSED})
    @PostMapping("/api/clusters/{clusterId}/decisions/{decisionId}/rescission")
    public Accepted rescind(@PathVariable @Slug String clusterId,
                            @PathVariable @Size(min = 1, max = 64) String decisionId,
                            @Valid @RequestBody ReasonRequest request) {
        DecisionDirectory.Entry entry = directory.find(clusterId, decisionId)
                .orElseThrow(() -> Rule.DECISION_NOT_FOUND.refuse(decisionId));
        String rescissionId = commands.newDecisionId();
        Recorded recorded = entry.recordedByTheCluster()
                ? commands.send(new RescindClusterDecision(clusterId, rescissionId, decisionId, request.reason()),
                Rule.CLUSTER_NOT_FOUND.refuse(clusterId))
                : commands.send(new RescindYearDecision(clusterId, entry.year(), rescissionId, decisionId,
                request.reason()), Rule.YEAR_NOT_FOUND.refuse(clusterId, entry.year()));
        return Accepted.ofYear(clusterId, entry.recordedByTheCluster() ? null : entry.year(), rescissionId, recorded);
    }
}

package vn.thidua.command.cluster;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import vn.thidua.command.cluster.ClusterCommands.AdmitUnit;
import vn.thidua.command.cluster.ClusterCommands.AmendClusterRules;
import vn.thidua.command.cluster.ClusterCommands.DissolveCluster;
import vn.thidua.command.cluster.ClusterCommands.MergeClusters;
import vn.thidua.command.cluster.ClusterCommands.SetRotationRoster;
import vn.thidua.command.cluster.ClusterCommands.TransferUnit;
import vn.thidua.command.cluster.ClusterCommands.FormCluster;
import vn.thidua.command.cluster.ClusterCommands.MergeUnits;
import vn.thidua.command.cluster.ClusterCommands.WithdrawUnit;
import vn.thidua.command.rules.Rule;
import vn.thidua.events.cluster.HeadSelection;
import vn.thidua.command.web.Accepted;
import vn.thidua.command.web.DemoExamples;
import vn.thidua.command.web.Refusals;
import vn.thidua.command.web.RequestRefusal;
import vn.thidua.command.web.Recorded;
import vn.thidua.command.web.CommandDispatcher;
import vn.thidua.command.web.CommonRequests.ReasonRequest;
import vn.thidua.command.web.CommonRequests.UnitRequest;
import vn.thidua.command.web.Slug;
import vn.thidua.events.ballot.BallotKind;
import vn.thidua.events.ballot.MajorityBasis;
import vn.thidua.events.ballot.VoteRule;
import vn.thidua.events.cluster.ClusterRules;
import vn.thidua.events.cluster.FlagCap;

/** The council forms clusters and changes their membership. */
@RestController
@Tag(name = "clusters")
@RequestMapping("/api/clusters")
public class ClusterController {

    public static final int MAX_MEMBERS = 200;

    private final CommandDispatcher commands;

    public ClusterController(CommandDispatcher commands) {
        this.commands = commands;
    }

    /**
     * The cluster's rules: the quorum and majority every ballot needs unless {@code votes} gives its kind its own,
     * the head's selection, and the flag cap ({@code flagCap}, else {@code flagQuotaPercent} of ranked units).
     */
    public record RulesRequest(@NotNull @Min(1) Integer quorumNumerator, @NotNull @Min(1) Integer quorumDenominator,
                               @NotNull @Min(1) Integer majorityNumerator,
                               @NotNull @Min(1) Integer majorityDenominator,
                               @NotNull Boolean headRotation,
                               @NotNull @Min(1) @Max(100) Integer flagQuotaPercent,
                               HeadSelection headSelection,
                               Map<@NotNull BallotKind, @NotNull @Valid VoteRuleRequest> votes,
                               @Valid FlagCapRequest flagCap) {

        /** Without {@code headSelection}, {@code headRotation} says it, as it did before there was a choice. */
        ClusterRules toRules() {
            return new ClusterRules(quorumNumerator, quorumDenominator, majorityNumerator, majorityDenominator,
                    headRotation, flagQuotaPercent, headSelection != null ? headSelection
                    : ClusterRules.meaningOf(headRotation),
                    votes == null ? null : votes.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                            entry -> entry.getValue().toVoteRule())),
                    flagCap == null ? null : new FlagCap(flagCap.count(), flagCap.percentOfRanked()));
        }
    }

    /** A quorum of eligible voters, and the share of the basis the votes for must reach (strictly or not). */
    public record VoteRuleRequest(@NotNull @Min(0) Integer quorumNumerator, @NotNull @Min(1) Integer quorumDenominator,
                                  @NotNull MajorityBasis basis,
                                  @NotNull @Min(0) Integer thresholdNumerator,
                                  @NotNull @Min(1) Integer thresholdDenominator,
                                  @NotNull Boolean strictlyMore) {

        VoteRule toVoteRule() {
            return new VoteRule(quorumNumerator, quorumDenominator, basis, thresholdNumerator, thresholdDenominator,
                    strictlyMore);
        }
    }

    /** A count of flags, or a percentage of ranked units: one of the two. */
    public record FlagCapRequest(@Min(1) @Max(1000) Integer count, @Min(1) @Max(100) Integer percentOfRanked) {
    }

    public record RulesAmendmentRequest(@NotNull @Min(2000) @Max(2100) Integer effectiveFromYear,
                                        @NotNull @Valid RulesRequest rules,
                                        @NotBlank @Size(max = 300) String minutesRef,
                                        @NotBlank @Size(max = 4000) String reason) {
    }

    public record RosterRequest(@NotEmpty @Size(max = MAX_MEMBERS) List<@Slug String> unitIds,
                                @NotBlank @Size(max = 4000) String reason) {
    }

    public record TransferRequest(@Slug String unitId, @Slug String toClusterId,
                                  @NotBlank @Size(max = 4000) String reason) {
    }

    /** With {@code successorClusterId} the cluster merges into it, which takes its members. */
    public record DissolutionRequest(@Pattern(regexp = "[a-z0-9-]{2,64}") String successorClusterId,
                                     @NotBlank @Size(max = 4000) String reason) {
    }

    public record FormClusterRequest(@Slug String clusterId,
                                     @NotBlank @Size(max = 300) String name,
                                     @NotBlank @Size(max = 300) String sector,
                                     @NotEmpty @Size(max = MAX_MEMBERS) List<@NotNull @Valid UnitRequest> members,
                                     @Valid RulesRequest rules) {
    }

    public record MergerRequest(@NotEmpty @Size(max = MAX_MEMBERS) List<@Slug String> mergedUnitIds,
                                @NotNull @Valid UnitRequest successor,
                                @NotNull LocalDate effectiveDate,
                                @NotBlank @Size(max = 4000) String reason) {
    }

    public record AdmissionRequest(@Slug String unitId,
                                   @NotBlank @Size(max = 300) String name,
                                   @NotBlank @Size(max = 300) String province,
                                   @NotBlank @Size(max = 4000) String reason) {
    }

    @Operation(summary = "Thành lập cụm thi đua · Form an emulation cluster",
            description = "Hội đồng thi đua thành lập cụm với các đơn vị thành viên và quy chế (ClusterFormed) · The council forms a cluster with its member units and its rules.")
    @Refusals({Rule.CLUSTER_EXISTS, Rule.DUPLICATE_UNIT, Rule.RULES_IMPROPER})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
            name = "Cụm thi đua số 2", value = DemoExamples.FORM_CLUSTER)))
    @PostMapping
    public ResponseEntity<Accepted> form(@Valid @RequestBody FormClusterRequest request) {
        String decisionId = commands.newDecisionId();
        Recorded recorded = commands.create(new FormCluster(request.clusterId(), decisionId, request.name(),
                        request.sector(), request.members().stream().map(UnitRequest::toMemberUnit).toList(),
                        request.rules() == null ? null : request.rules().toRules()),
                Rule.CLUSTER_NOT_FOUND.refuse(request.clusterId()), Rule.CLUSTER_EXISTS.refuse(request.clusterId()));
        return ResponseEntity.created(URI.create("/api/clusters/" + request.clusterId()))
                .body(Accepted.ofCluster(request.clusterId(), decisionId, recorded));
    }

    @Operation(summary = "Kết nạp đơn vị · Admit a unit",
            description = "Hội đồng kết nạp một đơn vị vào cụm giữa các năm (UnitAdmitted) · The council admits a unit between years.")
    @Refusals({Rule.CLUSTER_NOT_FOUND, Rule.ALREADY_A_MEMBER, Rule.UNIT_MERGED})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
            name = "Cụm thi đua số 2", value = DemoExamples.ADMIT)))
    @PostMapping("/{clusterId}/members")
    public Accepted admit(@PathVariable @Slug String clusterId, @Valid @RequestBody AdmissionRequest request) {
        String decisionId = commands.newDecisionId();
        UnitRequest unit = new UnitRequest(request.unitId(), request.name(), request.province());
        Recorded recorded = commands.send(new AdmitUnit(clusterId, decisionId, unit.toMemberUnit(), request.reason()),
                Rule.CLUSTER_NOT_FOUND.refuse(clusterId));
        return Accepted.ofUnit(clusterId, null, request.unitId(), decisionId, recorded);
    }

    @Operation(summary = "Rút đơn vị khỏi cụm · Withdraw a unit",
            description = "Hội đồng rút một đơn vị khỏi cụm (UnitWithdrawn) · The council withdraws a unit from the cluster.")
    @Refusals({Rule.CLUSTER_NOT_FOUND, Rule.UNIT_NOT_FOUND, Rule.UNIT_MERGED, Rule.NOT_A_MEMBER})
    @PostMapping("/{clusterId}/members/{unitId}/withdrawal")
    public Accepted withdraw(@PathVariable @Slug String clusterId, @PathVariable @Slug String unitId,
                             @Valid @RequestBody ReasonRequest request) {
        String decisionId = commands.newDecisionId();
        Recorded recorded = commands.send(new WithdrawUnit(clusterId, decisionId, unitId, request.reason()),
                Rule.CLUSTER_NOT_FOUND.refuse(clusterId));
        return Accepted.ofUnit(clusterId, null, unitId, decisionId, recorded);
    }

    @Operation(summary = "Hợp nhất đơn vị · Merge units",
            description = "Hội đồng hợp nhất các đơn vị thành một đơn vị kế thừa, giữ lịch sử của các đơn vị trước (UnitsMerged) · The council merges units into a successor that keeps their history.")
    @Refusals({Rule.CLUSTER_NOT_FOUND, Rule.DUPLICATE_UNIT, Rule.MERGER_TOO_SMALL, Rule.UNIT_MERGED, Rule.NOT_A_MEMBER, Rule.ALREADY_A_MEMBER})
    @PostMapping("/{clusterId}/mergers")
    public Accepted merge(@PathVariable @Slug String clusterId, @Valid @RequestBody MergerRequest request) {
        String decisionId = commands.newDecisionId();
        Recorded recorded = commands.send(new MergeUnits(clusterId, decisionId, request.mergedUnitIds(),
                        request.successor().toMemberUnit(), request.effectiveDate(), request.reason()),
                Rule.CLUSTER_NOT_FOUND.refuse(clusterId));
        return Accepted.ofUnit(clusterId, null, request.successor().unitId(), decisionId, recorded);
    }

    @Operation(summary = "Sửa đổi quy chế của cụm · Amend the cluster's rules",
            description = "Hội đồng sửa đổi quy chế (túc số, ngưỡng biểu quyết theo từng loại, số Cờ thi đua) có hiệu lực từ một năm chưa phát động (ClusterRulesAmended) · The council amends the rules from a year not yet opened.")
    @Refusals({Rule.CLUSTER_NOT_FOUND, Rule.CLUSTER_DISSOLVED, Rule.RULES_IMPROPER, Rule.RULES_ALREADY_APPLIED})
    @PostMapping("/{clusterId}/rules/amendments")
    public Accepted amendRules(@PathVariable @Slug String clusterId,
                               @Valid @RequestBody RulesAmendmentRequest request) {
        String decisionId = commands.newDecisionId();
        Recorded recorded = commands.send(new AmendClusterRules(clusterId, decisionId, request.effectiveFromYear(),
                        request.rules().toRules(), request.minutesRef(), request.reason()),
                Rule.CLUSTER_NOT_FOUND.refuse(clusterId));
        return Accepted.ofYear(clusterId, request.effectiveFromYear(), decisionId, recorded);
    }

    @Operation(summary = "Đặt thứ tự luân phiên Cụm trưởng · Set the head's rotation roster",
            description = "Hội đồng đặt thứ tự luân phiên chức Cụm trưởng, gồm mỗi đơn vị thành viên đúng một lần (RotationRosterSet) · The council sets the order the head's office passes in: every member once.")
    @Refusals({Rule.CLUSTER_NOT_FOUND, Rule.CLUSTER_DISSOLVED, Rule.DUPLICATE_UNIT, Rule.NOT_A_MEMBER, Rule.UNIT_MERGED, Rule.ROSTER_NOT_EVERY_MEMBER})
    @PostMapping("/{clusterId}/roster")
    public Accepted setRoster(@PathVariable @Slug String clusterId, @Valid @RequestBody RosterRequest request) {
        String decisionId = commands.newDecisionId();
        Recorded recorded = commands.send(new SetRotationRoster(clusterId, decisionId, request.unitIds(),
                request.reason()), Rule.CLUSTER_NOT_FOUND.refuse(clusterId));
        return Accepted.ofCluster(clusterId, decisionId, recorded);
    }

    @Operation(summary = "Điều chuyển đơn vị sang cụm khác · Transfer a unit to another cluster",
            description = "Hội đồng điều chuyển một đơn vị, cả khi năm thi đua đang diễn ra: đơn vị thôi tham gia năm của cụm cũ và tiếp tục năm tại cụm mới; hai cụm cùng ghi nhận (UnitTransferredOut, UnitTransferredIn) · The council moves a unit, also during a year: it stops taking part in the old cluster's year and continues it in the new one; both clusters record it. The answer's version and position are the receiving cluster's.")
    @Refusals({Rule.CLUSTER_NOT_FOUND, Rule.CLUSTER_DISSOLVED, Rule.SAME_CLUSTER, Rule.NOT_A_MEMBER, Rule.UNIT_MERGED, Rule.ALREADY_A_MEMBER})
    @PostMapping("/{clusterId}/transfers")
    public Accepted transfer(@PathVariable @Slug String clusterId, @Valid @RequestBody TransferRequest request) {
        String decisionId = commands.newDecisionId();
        Recorded recorded = commands.send(new TransferUnit(clusterId, request.toClusterId(), decisionId,
                request.unitId(), request.reason()), Rule.CLUSTER_NOT_FOUND.refuse(request.toClusterId()));
        return Accepted.ofUnit(request.toClusterId(), null, request.unitId(), decisionId, recorded);
    }

    @Operation(summary = "Giải thể hoặc hợp nhất cụm · Dissolve a cluster, or merge it into another",
            description = "Hội đồng giải thể cụm giữa hai năm thi đua; nếu nêu cụm kế thừa thì các đơn vị chuyển sang cụm đó (ClusterDissolved, ClustersMerged), nếu không thì cụm phải không còn thành viên · Between years; with a successor its members join it, without one it must have no members left. With a successor, the answer's version and position are the successor's.")
    @Refusals({Rule.CLUSTER_NOT_FOUND, Rule.CLUSTER_DISSOLVED, Rule.SAME_CLUSTER, Rule.MEMBERS_REMAIN, Rule.ALREADY_A_MEMBER, Rule.UNIT_MERGED, Rule.YEAR_IN_PROGRESS})
    @PostMapping("/{clusterId}/dissolution")
    public Accepted dissolve(@PathVariable @Slug String clusterId, @Valid @RequestBody DissolutionRequest request) {
        String decisionId = commands.newDecisionId();
        String successor = request.successorClusterId();
        if (successor == null) {
            Recorded recorded = commands.send(new DissolveCluster(clusterId, decisionId, request.reason()),
                    Rule.CLUSTER_NOT_FOUND.refuse(clusterId));
            return Accepted.ofCluster(clusterId, decisionId, recorded);
        }
        Recorded recorded = commands.send(new MergeClusters(clusterId, successor, decisionId, request.reason()),
                Rule.CLUSTER_NOT_FOUND.refuse(successor));
        return Accepted.ofCluster(successor, decisionId, recorded);
    }
}

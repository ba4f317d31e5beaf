package vn.thidua.command.year;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import vn.thidua.command.rules.Rule;
import vn.thidua.command.web.RequestRefusal;
import vn.thidua.command.rules.RuleViolation;
import vn.thidua.command.security.Access;
import vn.thidua.command.web.Accepted;
import vn.thidua.command.web.DemoExamples;
import vn.thidua.command.web.Refusals;
import vn.thidua.command.web.RequestRefusal;
import vn.thidua.command.web.Recorded;
import vn.thidua.command.web.CommandDispatcher;
import vn.thidua.command.web.CommonRequests;
import vn.thidua.command.web.CommonRequests.BallotRequest;
import vn.thidua.command.web.CommonRequests.NoteRequest;
import vn.thidua.command.web.Points;
import vn.thidua.command.web.Slug;
import vn.thidua.command.year.YearCommands.AmendAnnualReport;
import vn.thidua.command.year.YearCommands.AssessReport;
import vn.thidua.command.year.YearCommands.CloseEmulationYear;
import vn.thidua.command.year.YearCommands.FileAnnualReport;
import vn.thidua.command.year.YearCommands.FinalizeRanking;
import vn.thidua.command.year.YearCommands.OpenEmulationYear;
import vn.thidua.command.year.YearCommands.ProposeCommendation;
import vn.thidua.command.year.YearCommands.SignPledge;
import vn.thidua.events.year.Award;
import vn.thidua.events.year.Criterion;
import vn.thidua.events.year.Evidence;
import vn.thidua.events.year.PledgeTarget;
import vn.thidua.events.year.ScoringTable;
import vn.thidua.events.year.Signatory;

/** The yearly cycle: open the year, sign the pledge, report, assess, rank, propose awards, close. */
@RestController
@Tag(name = "emulation year")
@RequestMapping("/api/clusters/{clusterId}/years")
public class YearController {

    public static final int MAX_CRITERIA = 200;
    public static final int MAX_EVIDENCE = 100;

    private final CommandDispatcher commands;
    private final Access access;

    public YearController(CommandDispatcher commands, Access access) {
        this.commands = commands;
        this.access = access;
    }

    public record CriterionRequest(@Slug String criterionId,
                                   @NotBlank @Size(max = 300) String group,
                                   @NotBlank @Size(max = 1000) String title,
                                   @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 6, fraction = 2)
                                   BigDecimal maxPoints) {
    }

    public record ScoringTableRequest(@NotEmpty @Size(max = MAX_CRITERIA) List<@NotNull @Valid CriterionRequest> criteria,
                                      @Points BigDecimal maxBonus,
                                      @Points BigDecimal maxPenalty) {
        ScoringTable toTable() {
            return new ScoringTable(criteria.stream().map(c -> new Criterion(c.criterionId(), c.group(), c.title(),
                    c.maxPoints())).toList(), maxBonus, maxPenalty);
        }
    }

    public record PledgeTargetRequest(@Slug String targetId, @NotBlank @Size(max = 2000) String text) {
    }

    public record PledgeRequest(@NotEmpty @Size(max = MAX_CRITERIA) List<@NotNull @Valid PledgeTargetRequest> targets) {
    }

    public record OpenYearRequest(@NotNull @Min(2000) @Max(2100) Integer year,
                                  @NotNull @Valid ScoringTableRequest scoringTable,
                                  @NotNull @Valid PledgeRequest pledge,
                                  @NotNull LocalDate pledgeDeadline,
                                  @NotNull LocalDate reportDeadline) {
    }

    public record SignatoryRequest(@NotBlank @Size(max = 300) String name, @NotBlank @Size(max = 300) String title) {
    }

    public record SignatureRequest(@Slug String unitId, @NotNull @Valid SignatoryRequest signatory) {
    }

    public record EvidenceRequest(@NotBlank @Size(max = 1000) String title,
                                  @NotNull @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be 64 hex digits")
                                  String sha256,
                                  @Size(max = 2000) String uri) {
        Evidence toEvidence() {
            return new Evidence(title, sha256.toLowerCase(Locale.ROOT), uri);
        }
    }

    public record ReportRequest(@Slug String unitId,
                                @NotBlank @Size(max = 20000) String summary,
                                @NotEmpty @Size(max = MAX_CRITERIA)
                                Map<@Slug String, @Points BigDecimal> selfScores,
                                @Points BigDecimal bonusPoints,
                                @Points BigDecimal penaltyPoints,
                                @NotNull @Size(max = MAX_EVIDENCE) List<@NotNull @Valid EvidenceRequest> evidence,
                                @Size(max = CommonRequests.TEXT_LENGTH) String reason) {
        List<Evidence> evidenceList() {
            return evidence.stream().map(EvidenceRequest::toEvidence).toList();
        }
    }

    public record AssessmentRequest(@NotEmpty @Size(max = MAX_CRITERIA)
                                    Map<@Slug String, @Points BigDecimal> scores,
                                    @Points BigDecimal bonusPoints,
                                    @Points BigDecimal penaltyPoints,
                                    @Size(max = CommonRequests.TEXT_LENGTH) String note) {
    }

    public record CommendationRequest(@Slug String unitId,
                                      @NotNull Award award,
                                      @NotNull @Valid BallotRequest ballot,
                                      @NotBlank @Size(max = 300) String minutesRef) {
    }

    @Operation(summary = "Phát động thi đua · Open an emulation year",
            description = "Hội đồng phát động năm thi đua với bảng tiêu chí, giao ước và hạn chót; thành viên lúc đó là đơn vị tham gia (EmulationYearOpened) · The council opens a year with its scoring table, pledge and deadlines; today's members take part.")
    @Refusals({Rule.CLUSTER_NOT_FOUND, Rule.YEAR_ALREADY_OPENED, Rule.NO_MEMBERS, Rule.DUPLICATE_CRITERION})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
            name = "Cụm thi đua số 2", value = DemoExamples.OPEN_YEAR)))
    @PostMapping
    public ResponseEntity<Accepted> open(@PathVariable @Slug String clusterId,
                                         @Valid @RequestBody OpenYearRequest request) {
        String decisionId = commands.newDecisionId();
        int year = request.year();
        Recorded recorded = commands.create(new OpenEmulationYear(clusterId, year, decisionId,
                        request.scoringTable().toTable(), request.pledge().targets().stream()
                        .map(t -> new PledgeTarget(t.targetId(), t.text())).toList(),
                        request.pledgeDeadline(), request.reportDeadline()),
                Rule.CLUSTER_NOT_FOUND.refuse(clusterId), Rule.YEAR_ALREADY_OPENED.refuse(year));
        return ResponseEntity.created(URI.create("/api/clusters/" + clusterId + "/years/" + year))
                .body(Accepted.ofYear(clusterId, year, decisionId, recorded));
    }

    @Operation(summary = "Ký giao ước thi đua · Sign the pledge",
            description = "Cán bộ đơn vị ký giao ước của năm; ký sau hạn được ghi là muộn (PledgeSigned) · A unit officer signs the year's pledge; after the deadline it is marked late.")
    @Refusals(value = {Rule.YEAR_NOT_FOUND, Rule.YEAR_CLOSED, Rule.NOT_A_MEMBER, Rule.NOT_A_PARTICIPANT, Rule.PARTICIPATION_ENDED, Rule.ALREADY_SIGNED}, requests = {RequestRefusal.NOT_YOUR_UNIT})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
            name = "Cụm thi đua số 2", value = DemoExamples.SIGN)))
    @PostMapping("/{year}/pledge/signatures")
    @ResponseStatus(HttpStatus.CREATED)
    public Accepted sign(@PathVariable @Slug String clusterId, @PathVariable @Min(2000) @Max(2100) int year,
                         @Valid @RequestBody SignatureRequest request) {
        access.requireOfficerOf(clusterId, request.unitId());
        Signatory signatory = new Signatory(request.signatory().name(), request.signatory().title());
        Recorded recorded = commands.send(new SignPledge(clusterId, year, request.unitId(), signatory),
                yearNotFound(clusterId, year));
        return Accepted.ofUnit(clusterId, year, request.unitId(), null, recorded);
    }

    @Operation(summary = "Nộp báo cáo tổng kết · File the annual report",
            description = "Cán bộ đơn vị nộp báo cáo với điểm tự chấm, điểm thưởng, điểm trừ và minh chứng (AnnualReportFiled) · A unit officer files its report with self-scores, bonus, penalty and evidence.")
    @Refusals(value = {Rule.YEAR_NOT_FOUND, Rule.YEAR_CLOSED, Rule.RANKING_FINALIZED, Rule.NOT_A_MEMBER, Rule.NOT_A_PARTICIPANT, Rule.PARTICIPATION_ENDED, Rule.REPORT_ALREADY_FILED}, requests = {RequestRefusal.NOT_YOUR_UNIT}, scoring = true)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
            name = "Cụm thi đua số 2", value = DemoExamples.REPORT)))
    @PostMapping("/{year}/reports")
    @ResponseStatus(HttpStatus.CREATED)
    public Accepted file(@PathVariable @Slug String clusterId, @PathVariable @Min(2000) @Max(2100) int year,
                         @Valid @RequestBody ReportRequest request) {
        access.requireOfficerOf(clusterId, request.unitId());
        Recorded recorded = commands.send(new FileAnnualReport(clusterId, year, request.unitId(), request.summary(),
                        request.selfScores(), request.bonusPoints(), request.penaltyPoints(), request.evidenceList()),
                yearNotFound(clusterId, year));
        return Accepted.ofUnit(clusterId, year, request.unitId(), null, recorded);
    }

    /** The unit in the path is the one amended; a body that names another unit is refused as invalid. */
    @Operation(summary = "Sửa đổi báo cáo · Amend the report",
            description = "Cán bộ đơn vị sửa báo cáo, nêu lý do, cho tới khi chốt xếp hạng (AnnualReportAmended) · A unit officer amends its report, with a reason, until the ranking is final.")
    @Refusals(value = {Rule.YEAR_NOT_FOUND, Rule.AMENDMENT_REASON_MISSING, Rule.YEAR_CLOSED, Rule.RANKING_FINALIZED, Rule.NOT_A_MEMBER, Rule.NOT_A_PARTICIPANT, Rule.PARTICIPATION_ENDED, Rule.REPORT_NOT_FILED}, requests = {RequestRefusal.NOT_YOUR_UNIT, RequestRefusal.UNIT_MISMATCH}, scoring = true)
    @PutMapping("/{year}/reports/{unitId}")
    public Accepted amend(@PathVariable @Slug String clusterId, @PathVariable @Min(2000) @Max(2100) int year,
                                   @PathVariable @Slug String unitId, @Valid @RequestBody ReportRequest request) {
        access.requireOfficerOf(clusterId, unitId);
        if (!unitId.equals(request.unitId())) {
            throw RequestRefusal.UNIT_MISMATCH.refuse(request.unitId(), unitId);
        }
        Recorded recorded = commands.send(new AmendAnnualReport(clusterId, year, unitId, request.summary(),
                        request.selfScores(), request.bonusPoints(), request.penaltyPoints(), request.evidenceList(),
                        request.reason()),
                yearNotFound(clusterId, year));
        return Accepted.ofUnit(clusterId, year, unitId, null, recorded);
    }

    @Operation(summary = "Thẩm định báo cáo · Assess a report",
            description = "Thư ký cụm chấm điểm thẩm định; tổng thẩm định thay tổng tự chấm (ReportAssessed) · The secretariat scores a report; the assessed total replaces the self total.")
    @Refusals(value = {Rule.YEAR_NOT_FOUND, Rule.YEAR_CLOSED, Rule.RANKING_FINALIZED, Rule.NOT_A_MEMBER, Rule.NOT_A_PARTICIPANT, Rule.PARTICIPATION_ENDED, Rule.REPORT_NOT_FILED}, requests = {RequestRefusal.NOT_YOUR_CLUSTER}, scoring = true)
    @PostMapping("/{year}/reports/{unitId}/assessment")
    public Accepted assess(@PathVariable @Slug String clusterId, @PathVariable @Min(2000) @Max(2100) int year,
                           @PathVariable @Slug String unitId, @Valid @RequestBody AssessmentRequest request) {
        access.requireSecretariatOf(clusterId);
        String decisionId = commands.newDecisionId();
        Recorded recorded = commands.send(new AssessReport(clusterId, year, decisionId, unitId, request.scores(),
                        request.bonusPoints(), request.penaltyPoints(), request.note()),
                yearNotFound(clusterId, year));
        return Accepted.ofUnit(clusterId, year, unitId, decisionId, recorded);
    }

    @Operation(summary = "Chốt xếp hạng · Finalize the ranking",
            description = "Thư ký cụm chốt xếp hạng: điểm cuối cùng, xếp hạng 1, 2, 2, 4; đơn vị không nộp báo cáo không được xếp hạng (RankingFinalized) · The secretariat finalizes the ranking.")
    @Refusals(value = {Rule.YEAR_NOT_FOUND, Rule.YEAR_CLOSED, Rule.RANKING_FINALIZED, Rule.NO_REPORTS}, requests = {RequestRefusal.NOT_YOUR_CLUSTER})
    @PostMapping("/{year}/ranking")
    public Accepted finalizeRanking(@PathVariable @Slug String clusterId,
                                    @PathVariable @Min(2000) @Max(2100) int year,
                                    @Valid @RequestBody NoteRequest request) {
        access.requireSecretariatOf(clusterId);
        String decisionId = commands.newDecisionId();
        Recorded recorded = commands.send(new FinalizeRanking(clusterId, year, decisionId, request.note()),
                yearNotFound(clusterId, year));
        return Accepted.ofYear(clusterId, year, decisionId, recorded);
    }

    @Operation(summary = "Đề nghị khen thưởng · Propose an award",
            description = "Thư ký cụm ghi đề nghị Cờ thi đua hoặc Bằng khen đã được biểu quyết (CommendationProposed) · The secretariat records an award proposal carried by ballot.")
    @Refusals(value = {Rule.YEAR_NOT_FOUND, Rule.YEAR_CLOSED, Rule.RANKING_NOT_FINALIZED, Rule.NOT_A_MEMBER, Rule.NOT_A_PARTICIPANT, Rule.PARTICIPATION_ENDED, Rule.UNIT_NOT_RANKED, Rule.PLEDGE_NOT_SIGNED, Rule.ALREADY_PROPOSED, Rule.FLAG_QUOTA_EXCEEDED}, requests = {RequestRefusal.NOT_YOUR_CLUSTER}, ballot = true)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
            name = "Cụm thi đua số 2", value = DemoExamples.COMMENDATION)))
    @PostMapping("/{year}/commendations")
    @ResponseStatus(HttpStatus.CREATED)
    public Accepted propose(@PathVariable @Slug String clusterId, @PathVariable @Min(2000) @Max(2100) int year,
                            @Valid @RequestBody CommendationRequest request) {
        access.requireSecretariatOf(clusterId);
        String decisionId = commands.newDecisionId();
        Recorded recorded = commands.send(new ProposeCommendation(clusterId, year, decisionId, request.unitId(),
                        request.award(), request.ballot().toBallot(), request.minutesRef()),
                yearNotFound(clusterId, year));
        return Accepted.ofUnit(clusterId, year, request.unitId(), decisionId, recorded);
    }

    @Operation(summary = "Kết thúc năm thi đua · Close the year",
            description = "Thư ký cụm kết thúc năm; hồ sơ được chốt (EmulationYearClosed) · The secretariat closes the year; its record is final.")
    @Refusals(value = {Rule.YEAR_NOT_FOUND, Rule.YEAR_CLOSED, Rule.RANKING_NOT_FINALIZED}, requests = {RequestRefusal.NOT_YOUR_CLUSTER})
    @PostMapping("/{year}/closure")
    public Accepted close(@PathVariable @Slug String clusterId, @PathVariable @Min(2000) @Max(2100) int year,
                          @Valid @RequestBody NoteRequest request) {
        access.requireSecretariatOf(clusterId);
        String decisionId = commands.newDecisionId();
        Recorded recorded = commands.send(new CloseEmulationYear(clusterId, year, decisionId, request.note()),
                yearNotFound(clusterId, year));
        return Accepted.ofYear(clusterId, year, decisionId, recorded);
    }

    private static RuleViolation yearNotFound(String clusterId, int year) {
        return Rule.YEAR_NOT_FOUND.refuse(clusterId, year);
    }
}

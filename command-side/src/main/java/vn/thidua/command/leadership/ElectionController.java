package vn.thidua.command.leadership;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import vn.thidua.command.rules.Rule;
import vn.thidua.command.security.Access;
import vn.thidua.command.web.Accepted;
import vn.thidua.command.web.DemoExamples;
import vn.thidua.command.web.Refusals;
import vn.thidua.command.web.RequestRefusal;
import vn.thidua.command.web.Recorded;
import vn.thidua.command.web.CommandDispatcher;
import vn.thidua.command.web.CommonRequests.BallotRequest;
import vn.thidua.command.web.Slug;
import vn.thidua.events.leadership.Office;

/** The secretariat records the election of the cluster head (Cụm trưởng) or deputy (Cụm phó) for a term. */
@RestController
@Tag(name = "elections")
public class ElectionController {

    private final CommandDispatcher commands;
    private final Access access;

    public ElectionController(CommandDispatcher commands, Access access) {
        this.commands = commands;
        this.access = access;
    }

    public record ElectionRequest(@NotNull @Min(2000) @Max(2100) Integer termYear,
                                  @NotNull Office office,
                                  @Slug String unitId,
                                  @NotNull @Valid BallotRequest ballot,
                                  @NotBlank @Size(max = 300) String minutesRef,
                                  @Size(max = 2000) String reason) {
    }

    @Operation(summary = "Bầu Cụm trưởng, Cụm phó · Elect the head or deputy",
            description = "Thư ký cụm ghi kết quả bầu bằng phiếu kín cho một nhiệm kỳ (ClusterHeadElected, DeputyHeadElected); ở cụm luân phiên Cụm trưởng, bầu đơn vị khác đơn vị kế tiếp phải nêu lý do (reason) · The secretariat records a secret-ballot election for a term; where the head rotates, electing another than the next in rotation needs a reason.")
    @Refusals(value = {Rule.CLUSTER_NOT_FOUND, Rule.UNIT_MERGED, Rule.NOT_A_MEMBER, Rule.OFFICE_ALREADY_FILLED, Rule.HEAD_AND_DEPUTY_SAME_UNIT, Rule.ROTATION_BROKEN, Rule.NOT_NEXT_IN_ROTATION, Rule.OCCURRED_IN_FUTURE, Rule.OCCURRED_BEFORE_FORMATION}, requests = {RequestRefusal.NOT_YOUR_CLUSTER}, ballot = true)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
            name = "Cụm thi đua số 2", value = DemoExamples.ELECTION)))
    @PostMapping("/api/clusters/{clusterId}/elections")
    @ResponseStatus(HttpStatus.CREATED)
    public Accepted elect(@PathVariable @Slug String clusterId, @Valid @RequestBody ElectionRequest request) {
        access.requireSecretariatOf(clusterId);
        String decisionId = commands.newDecisionId();
        Recorded recorded = commands.send(new ElectOfficer(clusterId, decisionId, request.termYear(), request.office(),
                        request.unitId(), request.ballot().toBallot(), request.minutesRef(),
                        request.reason()),
                Rule.CLUSTER_NOT_FOUND.refuse(clusterId));
        return Accepted.ofUnit(clusterId, request.termYear(), request.unitId(), decisionId, recorded);
    }
}

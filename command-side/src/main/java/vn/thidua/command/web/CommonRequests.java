package vn.thidua.command.web;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import vn.thidua.events.ballot.Ballot;
import vn.thidua.events.cluster.MemberUnit;

/** Request parts that several endpoints share. */
public final class CommonRequests {

    public static final int NAME_LENGTH = 300;
    public static final int TEXT_LENGTH = 4000;

    private CommonRequests() {
    }

    public record UnitRequest(@Slug String unitId,
                              @NotBlank @Size(max = NAME_LENGTH) String name,
                              @NotBlank @Size(max = NAME_LENGTH) String province) {
        public MemberUnit toMemberUnit() {
            return new MemberUnit(unitId, name, province);
        }
    }

    public record BallotRequest(@NotNull @Min(1) Integer eligibleVoters,
                                @NotNull @Min(0) Integer votersPresent,
                                @NotNull @Min(0) Integer votesFor,
                                @NotNull @Min(0) Integer votesAgainst,
                                @NotNull @Min(0) Integer invalid) {
        public Ballot toBallot() {
            return new Ballot(eligibleVoters, votersPresent, votesFor, votesAgainst, invalid);
        }
    }

    /** A note or reason that explains a decision; required where the record must say why. */
    public record ReasonRequest(@NotBlank @Size(max = TEXT_LENGTH) String reason) {
    }

    public record NoteRequest(@Size(max = TEXT_LENGTH) String note) {
    }
}

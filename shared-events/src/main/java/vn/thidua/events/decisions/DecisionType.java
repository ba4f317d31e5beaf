package vn.thidua.events.decisions;

import java.util.Arrays;

import vn.thidua.events.cluster.ClusterFormed;
import vn.thidua.events.cluster.ClusterRulesAmended;
import vn.thidua.events.cluster.RotationRosterSet;
import vn.thidua.events.cluster.UnitAdmitted;
import vn.thidua.events.cluster.UnitWithdrawn;
import vn.thidua.events.cluster.UnitsMerged;
import vn.thidua.events.leadership.ClusterHeadElected;
import vn.thidua.events.leadership.DeputyHeadElected;
import vn.thidua.events.reorganisation.ClusterDissolved;
import vn.thidua.events.reorganisation.ClustersMerged;
import vn.thidua.events.reorganisation.UnitTransferredIn;
import vn.thidua.events.reorganisation.UnitTransferredOut;
import vn.thidua.events.year.CommendationProposed;
import vn.thidua.events.year.DocumentIssued;
import vn.thidua.events.year.EmulationYearClosed;
import vn.thidua.events.year.EmulationYearOpened;
import vn.thidua.events.year.RankingFinalized;
import vn.thidua.events.year.ReportAssessed;

/**
 * The kinds of decision, each with its published code: the word stored in a rescission
 * ({@link DecisionRescinded#rescindedDecisionType()}), hashed into the decision log and filtered on by clients. The
 * codes are literals of the published language, not class names: renaming a class changes no stored or hashed byte.
 */
public enum DecisionType {
    CLUSTER_FORMED("ClusterFormed", ClusterFormed.class),
    UNIT_ADMITTED("UnitAdmitted", UnitAdmitted.class),
    UNIT_WITHDRAWN("UnitWithdrawn", UnitWithdrawn.class),
    UNITS_MERGED("UnitsMerged", UnitsMerged.class),
    EMULATION_YEAR_OPENED("EmulationYearOpened", EmulationYearOpened.class),
    REPORT_ASSESSED("ReportAssessed", ReportAssessed.class),
    CLUSTER_HEAD_ELECTED("ClusterHeadElected", ClusterHeadElected.class),
    DEPUTY_HEAD_ELECTED("DeputyHeadElected", DeputyHeadElected.class),
    RANKING_FINALIZED("RankingFinalized", RankingFinalized.class),
    COMMENDATION_PROPOSED("CommendationProposed", CommendationProposed.class),
    DECISION_RESCINDED("DecisionRescinded", DecisionRescinded.class),
    EMULATION_YEAR_CLOSED("EmulationYearClosed", EmulationYearClosed.class),
    CLUSTER_RULES_AMENDED("ClusterRulesAmended", ClusterRulesAmended.class),
    UNIT_TRANSFERRED_OUT("UnitTransferredOut", UnitTransferredOut.class),
    UNIT_TRANSFERRED_IN("UnitTransferredIn", UnitTransferredIn.class),
    CLUSTERS_MERGED("ClustersMerged", ClustersMerged.class),
    CLUSTER_DISSOLVED("ClusterDissolved", ClusterDissolved.class),
    ROTATION_ROSTER_SET("RotationRosterSet", RotationRosterSet.class),
    DOCUMENT_ISSUED("DocumentIssued", DocumentIssued.class);

    private final String code;
    private final Class<? extends Decision> recordedAs;

    DecisionType(String code, Class<? extends Decision> recordedAs) {
        this.code = code;
        this.recordedAs = recordedAs;
    }

    public String code() {
        return code;
    }

    public static DecisionType of(Decision decision) {
        return Arrays.stream(values()).filter(type -> type.recordedAs == decision.getClass()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a published decision: " + decision.getClass()));
    }

    public static DecisionType ofCode(String code) {
        return Arrays.stream(values()).filter(type -> type.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no decision type " + code));
    }
}

package vn.thidua.query.narration;

import java.math.BigDecimal;
import java.util.Map;
import java.util.stream.Collectors;

import vn.thidua.events.ballot.Ballot;
import vn.thidua.events.ballot.BallotKind;
import vn.thidua.events.ballot.MajorityBasis;
import vn.thidua.events.ballot.VoteRule;
import vn.thidua.events.cluster.ClusterRules;
import vn.thidua.events.cluster.ClusterRulesAmended;
import vn.thidua.events.cluster.FlagCap;
import vn.thidua.events.cluster.RotationRosterSet;
import vn.thidua.events.cluster.ClusterFormed;
import vn.thidua.events.cluster.UnitAdmitted;
import vn.thidua.events.cluster.UnitWithdrawn;
import vn.thidua.events.cluster.UnitsMerged;
import vn.thidua.events.decisions.Decision;
import vn.thidua.events.decisions.DecisionRescinded;
import vn.thidua.events.decisions.DecisionType;
import vn.thidua.events.leadership.ClusterHeadElected;
import vn.thidua.events.leadership.DeputyHeadElected;
import vn.thidua.events.reorganisation.ClusterDissolved;
import vn.thidua.events.reorganisation.ClustersMerged;
import vn.thidua.events.reorganisation.UnitTransferredIn;
import vn.thidua.events.reorganisation.UnitTransferredOut;
import vn.thidua.events.year.AnnualReportAmended;
import vn.thidua.events.year.AnnualReportFiled;
import vn.thidua.events.year.Award;
import vn.thidua.events.year.CommendationProposed;
import vn.thidua.events.year.DocumentIssued;
import vn.thidua.events.year.MemberAdmittedDuringYear;
import vn.thidua.events.year.ParticipationBegan;
import vn.thidua.events.year.ParticipationEnded;
import vn.thidua.events.year.DocumentKind;
import vn.thidua.events.year.EmulationYearClosed;
import vn.thidua.events.year.EmulationYearOpened;
import vn.thidua.events.year.PledgeSigned;
import vn.thidua.events.year.RankingFinalized;
import vn.thidua.events.year.ReportAssessed;
import vn.thidua.events.year.Standing;

/** Every event in words a secretary would write in the minutes, in Vietnamese and English. */
public final class Narrator {

    private static final Map<DecisionType, Text> DECISION_TYPES = Map.ofEntries(
            Map.entry(DecisionType.CLUSTER_FORMED, new Text("thành lập cụm", "cluster formation")),
            Map.entry(DecisionType.UNIT_ADMITTED, new Text("kết nạp đơn vị", "admission of a unit")),
            Map.entry(DecisionType.UNIT_WITHDRAWN, new Text("rút đơn vị khỏi cụm", "withdrawal of a unit")),
            Map.entry(DecisionType.UNITS_MERGED, new Text("hợp nhất đơn vị", "merger of units")),
            Map.entry(DecisionType.EMULATION_YEAR_OPENED, new Text("phát động thi đua", "opening of the year")),
            Map.entry(DecisionType.REPORT_ASSESSED, new Text("thẩm định báo cáo", "assessment of a report")),
            Map.entry(DecisionType.CLUSTER_HEAD_ELECTED, new Text("bầu Cụm trưởng", "election of the cluster head")),
            Map.entry(DecisionType.DEPUTY_HEAD_ELECTED, new Text("bầu Cụm phó", "election of the deputy head")),
            Map.entry(DecisionType.RANKING_FINALIZED, new Text("chốt xếp hạng", "finalized ranking")),
            Map.entry(DecisionType.COMMENDATION_PROPOSED, new Text("đề nghị khen thưởng", "award proposal")),
            Map.entry(DecisionType.DECISION_RESCINDED, new Text("hủy quyết định", "rescission")),
            Map.entry(DecisionType.EMULATION_YEAR_CLOSED, new Text("kết thúc năm thi đua", "closing of the year")),
            Map.entry(DecisionType.CLUSTER_RULES_AMENDED, new Text("sửa đổi quy chế", "amendment of the rules")),
            Map.entry(DecisionType.UNIT_TRANSFERRED_OUT, new Text("điều chuyển đơn vị đi", "transfer of a unit out")),
            Map.entry(DecisionType.UNIT_TRANSFERRED_IN, new Text("tiếp nhận đơn vị", "transfer of a unit in")),
            Map.entry(DecisionType.CLUSTERS_MERGED, new Text("hợp nhất cụm", "merger of clusters")),
            Map.entry(DecisionType.CLUSTER_DISSOLVED, new Text("giải thể cụm", "dissolution of the cluster")),
            Map.entry(DecisionType.ROTATION_ROSTER_SET, new Text("đặt thứ tự luân phiên", "rotation roster")),
            Map.entry(DecisionType.DOCUMENT_ISSUED, new Text("ban hành văn bản", "issue of a document")));

    private static final Map<DocumentKind, Text> DOCUMENT_KINDS = Map.of(
            DocumentKind.MINUTES, new Text("Biên bản hội nghị tổng kết", "the minutes of the year-end review"),
            DocumentKind.PROPOSAL, new Text("Tờ trình đề nghị khen thưởng", "the award proposal"),
            DocumentKind.CERTIFICATE, new Text("Giấy xác nhận kết quả thi đua", "the certificate of result"));

    /** The acts that are not decisions of the cluster, in words. */
    private static final Map<Class<?>, Text> UNITS_ACTS = Map.of(
            PledgeSigned.class, new Text("ký giao ước thi đua", "pledge signed"),
            AnnualReportFiled.class, new Text("nộp báo cáo tổng kết", "annual report filed"),
            AnnualReportAmended.class, new Text("sửa đổi báo cáo tổng kết", "annual report amended"),
            ParticipationEnded.class, new Text("thôi tham gia năm thi đua", "stopped taking part in the year"),
            ParticipationBegan.class, new Text("tham gia năm thi đua đang diễn ra", "joined the year under way"),
            MemberAdmittedDuringYear.class, new Text("kết nạp khi năm thi đua đang diễn ra",
                    "admitted while the year was under way"));

    private static final Map<BallotKind, Text> BALLOT_KINDS = Map.of(
            BallotKind.HEAD, new Text("Cụm trưởng", "head"),
            BallotKind.DEPUTY, new Text("Cụm phó", "deputy"),
            BallotKind.EMULATION_FLAG, new Text("Cờ thi đua", "emulation flag"),
            BallotKind.CERTIFICATE_OF_MERIT, new Text("Bằng khen", "certificate of merit"));

    private Narrator() {
    }

    /** What kind of act an event records, in words, without any of its particulars. */
    public static Text kind(Object payload) {
        if (payload instanceof Decision decision) {
            return DECISION_TYPES.get(DecisionType.of(decision));
        }
        Text act = UNITS_ACTS.get(payload.getClass());
        if (act == null) {
            throw new IllegalArgumentException("not an act of a cluster: " + payload.getClass());
        }
        return act;
    }

    public static Text describe(Object payload, UnitNames names) {
        if (payload instanceof ClusterFormed e) {
            return new Text("Thành lập " + e.name() + " (" + e.sector() + ") gồm " + e.members().size()
                    + " đơn vị thành viên.",
                    e.name() + " (" + e.sector() + ") was formed with " + e.members().size() + " member units.");
        } else if (payload instanceof UnitAdmitted e) {
            return new Text("Kết nạp " + e.unit().name() + " vào cụm. Lý do: " + e.reason(),
                    e.unit().name() + " was admitted to the cluster. Reason: " + e.reason());
        } else if (payload instanceof UnitWithdrawn e) {
            return new Text(names.of(e.unitId()) + " rút khỏi cụm. Lý do: " + e.reason(),
                    names.of(e.unitId()) + " withdrew from the cluster. Reason: " + e.reason());
        } else if (payload instanceof UnitsMerged e) {
            String merged = e.mergedUnitIds().stream().map(names::of).collect(Collectors.joining(", "));
            return new Text("Hợp nhất " + merged + " thành " + e.successor().name() + " từ ngày "
                    + e.effectiveDate() + ". Lý do: " + e.reason(),
                    merged + " were merged into " + e.successor().name() + " as of " + e.effectiveDate()
                            + ". Reason: " + e.reason());
        } else if (payload instanceof EmulationYearOpened e) {
            return new Text("Phát động thi đua năm " + e.year() + ": " + e.scoringTable().criteria().size()
                    + " tiêu chí, " + e.participants().size() + " đơn vị tham gia; hạn ký giao ước "
                    + e.pledgeDeadline() + ", hạn nộp báo cáo " + e.reportDeadline() + ".",
                    "Emulation year " + e.year() + " opened: " + e.scoringTable().criteria().size() + " criteria, "
                            + e.participants().size() + " participating units; pledge due " + e.pledgeDeadline()
                            + ", reports due " + e.reportDeadline() + ".");
        } else if (payload instanceof PledgeSigned e) {
            String who = e.signatory().name() + ", " + e.signatory().title();
            return new Text(names.of(e.unitId()) + " ký giao ước thi đua năm " + e.year() + " (" + who + ")"
                    + (e.late() ? ", ký muộn." : "."),
                    names.of(e.unitId()) + " signed the " + e.year() + " pledge (" + who + ")"
                            + (e.late() ? ", after the deadline." : "."));
        } else if (payload instanceof AnnualReportFiled e) {
            return new Text(names.of(e.unitId()) + " nộp báo cáo tổng kết, tự chấm " + points(e.selfScore().total())
                    + " điểm" + (e.late() ? ", nộp muộn." : "."),
                    names.of(e.unitId()) + " filed its annual report with a self-score of "
                            + points(e.selfScore().total()) + (e.late() ? ", after the deadline." : "."));
        } else if (payload instanceof AnnualReportAmended e) {
            return new Text(names.of(e.unitId()) + " sửa đổi báo cáo, tự chấm " + points(e.selfScore().total())
                    + " điểm. Lý do: " + e.reason(),
                    names.of(e.unitId()) + " amended its report to a self-score of "
                            + points(e.selfScore().total()) + ". Reason: " + e.reason());
        } else if (payload instanceof ReportAssessed e) {
            return new Text("Cụm thẩm định báo cáo của " + names.of(e.unitId()) + ": "
                    + points(e.assessedScore().total()) + " điểm.",
                    "The cluster assessed the report of " + names.of(e.unitId()) + " at "
                            + points(e.assessedScore().total()) + " points.");
        } else if (payload instanceof ClusterHeadElected e) {
            Text elected = elected(names.of(e.unitId()), "Cụm trưởng", "cluster head", e.termYear(), e.ballot());
            return e.outOfRotationReason() == null ? elected
                    : new Text(elected.vi() + " Ngoài thứ tự luân phiên, vì: " + e.outOfRotationReason(),
                    elected.en() + " Out of rotation, because: " + e.outOfRotationReason());
        } else if (payload instanceof DeputyHeadElected e) {
            return elected(names.of(e.unitId()), "Cụm phó", "deputy head", e.termYear(), e.ballot());
        } else if (payload instanceof RankingFinalized e) {
            return ranking(e, names);
        } else if (payload instanceof CommendationProposed e) {
            Text award = e.award() == Award.EMULATION_FLAG ? new Text("Cờ thi đua", "the emulation flag")
                    : new Text("Bằng khen", "a certificate of merit");
            return new Text("Đề nghị tặng " + award.vi() + " cho " + names.of(e.unitId()) + " ("
                    + e.ballot().votesFor() + "/" + e.ballot().votersPresent() + " phiếu đồng ý).",
                    names.of(e.unitId()) + " was proposed for " + award.en() + " (" + e.ballot().votesFor()
                            + " of " + e.ballot().votersPresent() + " present voted for).");
        } else if (payload instanceof DecisionRescinded e) {
            Text type = decisionType(e.rescindedDecisionType());
            return new Text("Hủy quyết định " + type.vi() + " (" + e.rescindedDecisionId() + "). Lý do: "
                    + e.reason(),
                    "The " + type.en() + " decision (" + e.rescindedDecisionId() + ") was rescinded. Reason: "
                            + e.reason());
        } else if (payload instanceof ParticipationEnded e) {
            Text why = switch (e.cause()) {
                case WITHDRAWN -> new Text("rút khỏi cụm", "it withdrew from the cluster");
                case MERGED -> new Text("hợp nhất vào " + names.of(e.successorUnitId()),
                        "it was merged into " + names.of(e.successorUnitId()));
                case TRANSFERRED -> new Text("điều chuyển sang cụm " + e.toClusterId(),
                        "it was transferred to cluster " + e.toClusterId());
            };
            return new Text(names.of(e.unitId()) + " thôi tham gia năm thi đua " + e.year() + " của cụm ("
                    + why.vi() + "); những việc đã làm vẫn được ghi nhận.",
                    names.of(e.unitId()) + " stopped taking part in the cluster's " + e.year() + " year (" + why.en()
                            + "); what it did stays recorded.");
        } else if (payload instanceof ParticipationBegan e) {
            return e.cause() == ParticipationBegan.Cause.MERGER_SUCCESSOR
                    ? new Text(e.unit().name() + " tham gia năm thi đua " + e.year() + " thay cho "
                    + e.predecessorUnitIds().stream().map(names::of).collect(Collectors.joining(", ")) + ".",
                    e.unit().name() + " takes part in the " + e.year() + " year in place of "
                            + e.predecessorUnitIds().stream().map(names::of).collect(Collectors.joining(", ")) + ".")
                    : new Text(e.unit().name() + " chuyển từ cụm " + e.fromClusterId() + " đến, tiếp tục năm thi đua "
                    + e.year() + " tại cụm.", e.unit().name() + ", transferred from cluster " + e.fromClusterId()
                    + ", continues its " + e.year() + " year here.");
        } else if (payload instanceof MemberAdmittedDuringYear e) {
            return new Text(e.unit().name() + " được kết nạp khi năm thi đua " + e.year() + " đang diễn ra; đơn vị"
                    + " tham gia từ năm sau.", e.unit().name() + " was admitted while the " + e.year()
                    + " year was under way; it takes part from the next year.");
        } else if (payload instanceof DocumentIssued e) {
            Text kind = DOCUMENT_KINDS.get(e.kind());
            String of = e.unitId() == null ? "" : " " + names.of(e.unitId());
            return new Text("Ban hành " + kind.vi() + of + " năm " + e.year() + ", số " + e.numberAndSymbol()
                    + ", tại " + e.place() + ".",
                    "Issued " + kind.en() + (of.isEmpty() ? "" : " of" + of) + " for " + e.year() + ", No. "
                            + e.numberAndSymbol() + ", at " + e.place() + ".");
        } else if (payload instanceof EmulationYearClosed e) {
            return new Text("Kết thúc năm thi đua " + e.year() + "; hồ sơ đã được chốt.",
                    "Emulation year " + e.year() + " was closed; its record is final.");
        } else if (payload instanceof ClusterRulesAmended e) {
            Text rules = rules(e.rules());
            return new Text("Sửa đổi quy chế của cụm, áp dụng từ năm " + e.effectiveFromYear() + ": " + rules.vi()
                    + ". Lý do: " + e.reason(),
                    "The cluster's rules were amended from " + e.effectiveFromYear() + ": " + rules.en()
                            + ". Reason: " + e.reason());
        } else if (payload instanceof UnitTransferredOut e) {
            return new Text("Điều chuyển " + names.of(e.unitId()) + " sang cụm " + e.toClusterId() + ". Lý do: "
                    + e.reason(),
                    names.of(e.unitId()) + " was transferred to cluster " + e.toClusterId() + ". Reason: "
                            + e.reason());
        } else if (payload instanceof UnitTransferredIn e) {
            return new Text("Tiếp nhận " + e.unit().name() + " từ cụm " + e.fromClusterId() + ". Lý do: "
                    + e.reason(),
                    e.unit().name() + " joined from cluster " + e.fromClusterId() + ". Reason: " + e.reason());
        } else if (payload instanceof ClustersMerged e) {
            return new Text("Hợp nhất cụm " + e.absorbedClusterId() + " vào cụm; tiếp nhận " + e.units().size()
                    + " đơn vị. Lý do: " + e.reason(),
                    "Cluster " + e.absorbedClusterId() + " was merged into this one, bringing " + e.units().size()
                            + " units. Reason: " + e.reason());
        } else if (payload instanceof RotationRosterSet e) {
            String order = e.roster().stream().map(names::of).collect(Collectors.joining(", "));
            return new Text("Đặt thứ tự luân phiên Cụm trưởng: " + order + ". Lý do: " + e.reason(),
                    "The head's rotation roster was set: " + order + ". Reason: " + e.reason());
        } else if (payload instanceof ClusterDissolved e) {
            return e.successorClusterId() == null
                    ? new Text("Giải thể cụm. Lý do: " + e.reason(), "The cluster was dissolved. Reason: " + e.reason())
                    : new Text("Cụm hợp nhất vào cụm " + e.successorClusterId() + " và giải thể. Lý do: " + e.reason(),
                    "The cluster was merged into cluster " + e.successorClusterId() + " and dissolved. Reason: "
                            + e.reason());
        }
        return new Text(payload.getClass().getSimpleName(), payload.getClass().getSimpleName());
    }

    /** A decision type in words, by its published code. */
    public static Text decisionType(String code) {
        return DECISION_TYPES.get(DecisionType.ofCode(code));
    }

    private static Text elected(String unit, String officeVi, String officeEn, int termYear, Ballot ballot) {
        return new Text("Bầu " + unit + " làm " + officeVi + " năm " + termYear + " (" + ballot.votesFor() + "/"
                + ballot.votersPresent() + " phiếu đồng ý, " + ballot.eligibleVoters() + " đại biểu).",
                unit + " was elected " + officeEn + " for " + termYear + " (" + ballot.votesFor() + " of "
                        + ballot.votersPresent() + " present voted for, " + ballot.eligibleVoters()
                        + " eligible).");
    }

    /** The rules in words: each kind's vote, the flag cap and how the head is chosen. */
    static Text rules(ClusterRules rules) {
        StringBuilder vi = new StringBuilder();
        StringBuilder en = new StringBuilder();
        for (BallotKind kind : BallotKind.values()) {
            VoteRule vote = rules.voteFor(kind);
            boolean ofPresent = vote.basis() == MajorityBasis.PRESENT;
            String share = vote.thresholdNumerator() + "/" + vote.thresholdDenominator();
            vi.append(BALLOT_KINDS.get(kind).vi()).append(": có mặt ít nhất ").append(vote.quorumNumerator())
                    .append('/').append(vote.quorumDenominator()).append(", đồng ý ")
                    .append(vote.strictlyMore() ? "quá " : "từ ").append(share)
                    .append(ofPresent ? " số có mặt; " : " tổng số thành viên; ");
            en.append(BALLOT_KINDS.get(kind).en()).append(": ").append(vote.quorumNumerator()).append('/')
                    .append(vote.quorumDenominator()).append(" present, ")
                    .append(vote.strictlyMore() ? "more than " : "at least ").append(share)
                    .append(ofPresent ? " of those present for; " : " of all members for; ");
        }
        FlagCap cap = rules.flagCapInForce();
        if (cap.count() != null) {
            vi.append("tối đa ").append(cap.count()).append(" Cờ thi đua");
            en.append("at most ").append(cap.count()).append(" flags");
        } else {
            vi.append("Cờ thi đua tối đa ").append(cap.percentOfRanked()).append("% số đơn vị được xếp hạng");
            en.append("flags for at most ").append(cap.percentOfRanked()).append("% of ranked units");
        }
        Text selection = switch (rules.headSelectionInForce()) {
            case ROTATION -> new Text("Cụm trưởng luân phiên", "the head in rotation");
            case NOT_TWICE_RUNNING -> new Text("Cụm trưởng không giữ hai nhiệm kỳ liền",
                    "no head twice running");
            case FREE -> new Text("Cụm trưởng do bầu tự do", "the head freely elected");
        };
        return new Text(vi + "; " + selection.vi(), en + "; " + selection.en());
    }

    private static Text ranking(RankingFinalized e, UnitNames names) {
        long ranked = e.standings().stream().filter(s -> s.rank() != null).count();
        Standing first = e.standings().get(0);
        if (first.rank() == null) {
            return new Text("Chốt kết quả xếp hạng năm " + e.year() + ".", "The " + e.year() + " ranking was "
                    + "finalized.");
        }
        return new Text("Chốt kết quả xếp hạng năm " + e.year() + ": " + ranked + " đơn vị được xếp hạng, dẫn đầu là "
                + names.of(first.unitId()) + " (" + points(first.score()) + " điểm).",
                "The " + e.year() + " ranking was finalized: " + ranked + " units ranked, led by "
                        + names.of(first.unitId()) + " (" + points(first.score()) + " points).");
    }

    private static String points(BigDecimal points) {
        return points.stripTrailingZeros().toPlainString();
    }
}

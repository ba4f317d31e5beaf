package vn.thidua.command.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.OpenAPI;
import vn.thidua.command.rules.RefusalCode;
import vn.thidua.command.rules.Rule;
import vn.thidua.platform.security.ProblemAuthenticationHandlers;
import vn.thidua.platform.web.ApiDocuments;

/**
 * The command side's OpenAPI document: what the side does and how a client reads its writes, the sign-in schemes,
 * the domain's tags, and on every operation the refusals it can answer with, taken from {@link Refusals} and the
 * rules themselves, so that a code is written once, where it is thrown.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocumentation {

    static final List<Rule> SCORING = List.of(Rule.UNKNOWN_CRITERION, Rule.SCORE_OUT_OF_RANGE, Rule.BONUS_ABOVE_CAP,
            Rule.PENALTY_ABOVE_CAP);
    static final List<Rule> BALLOT = List.of(Rule.BALLOT_INCONSISTENT, Rule.ELIGIBLE_VOTERS_MISMATCH,
            Rule.QUORUM_NOT_MET, Rule.MAJORITY_NOT_REACHED);
    /** Every command may meet these: a lost race, a reused key, a stale If-Match, a store out of reach. */
    static final List<RequestRefusal> EVERY_COMMAND = List.of(RequestRefusal.CONCURRENT_CHANGE,
            RequestRefusal.IDEMPOTENCY_KEY_REUSED, RequestRefusal.VERSION_STALE, RequestRefusal.STORE_UNAVAILABLE);

    @Bean
    public OpenAPI commandSideDocument(Optional<BuildProperties> build) {
        return ApiDocuments.document("thidua — command side", build.map(BuildProperties::getVersion).orElse("dev"),
                """
                Ghi nhận các hoạt động của cụm thi đua: thành lập cụm, phát động thi đua, ký giao ước, nộp báo cáo, \
                thẩm định, bầu Cụm trưởng, xếp hạng, đề nghị khen thưởng, hủy quyết định. Mỗi lệnh được chấp nhận \
                trả về `position`: truyền `?minPosition=` khi đọc ở phía truy vấn để đọc được chính dữ liệu vừa ghi.

                Records what an emulation cluster does: forming it, opening a year, signing the pledge, filing \
                reports, assessing them, electing the head, ranking, proposing awards, rescinding decisions. Every \
                accepted command answers with `position`, the event store's global index of its last event: pass it \
                as `?minPosition=` to any read of the query side to read your own write. A refused command records \
                nothing and answers RFC 7807 with a stable `code`; `Idempotency-Key` makes a retry safe, `If-Match` \
                guards against a stale view.""",
                List.of(ApiDocuments.tag("clusters", "Cụm thi đua và thành viên · clusters and their members"),
                        ApiDocuments.tag("emulation year", "Năm thi đua · the yearly cycle"),
                        ApiDocuments.tag("elections", "Bầu Cụm trưởng, Cụm phó · electing the head and deputy"),
                        ApiDocuments.tag("decisions", "Hủy quyết định · rescinding decisions"),
                        ApiDocuments.tag("documents", "Ban hành văn bản · issuing documents"),
                        ApiDocuments.tag("evidence", "Tệp minh chứng · evidence files")), 8080);
    }

    @Bean
    public OperationCustomizer commandRefusals() {
        return (operation, handler) -> {
            Refusals refusals = handler.getMethodAnnotation(Refusals.class);
            if (refusals == null) {
                return operation;
            }
            List<RefusalCode> codes = new ArrayList<>(Arrays.asList(refusals.value()));
            if (refusals.scoring()) {
                codes.addAll(SCORING);
            }
            if (refusals.ballot()) {
                codes.addAll(BALLOT);
            }
            codes.addAll(Arrays.asList(refusals.requests()));
            codes.addAll(EVERY_COMMAND);
            List<ApiDocuments.Refusal> documented = new ArrayList<>(codes.stream().map(code ->
                    new ApiDocuments.Refusal(code.name(), code.status(), code.vietnamese().replace("%s", "…"),
                            code.english().replace("%s", "…"))).toList());
            documented.addAll(ProblemResponses.INPUT_PROBLEMS);
            documented.addAll(ProblemAuthenticationHandlers.PROBLEMS);
            ApiDocuments.addRefusals(operation, documented);
            return operation;
        };
    }
}

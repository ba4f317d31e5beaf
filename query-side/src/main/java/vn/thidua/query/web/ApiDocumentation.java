package vn.thidua.query.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ObjectSchema;
import vn.thidua.platform.security.ProblemAuthenticationHandlers;
import vn.thidua.platform.web.ApiDocuments;

/**
 * The query side's OpenAPI document: what it serves and how to read one's own write, the sign-in schemes, the
 * domain's tags, and on every read the problems it can answer with, from {@link Problems} and {@link Problem}.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocumentation {

    /** Every read may meet these: a model behind the asked position, a store out of reach. */
    static final List<Problem> EVERY_READ = List.of(Problem.READ_MODEL_BEHIND, Problem.STORE_UNAVAILABLE);

    @Bean
    public OpenAPI querySideDocument(Optional<BuildProperties> build) {
        return ApiDocuments.document("thidua — query side", build.map(BuildProperties::getVersion).orElse("dev"),
                """
                Đọc hồ sơ của cụm thi đua: bảng xếp hạng (JSON, CSV, trực tiếp), sổ quyết định có chuỗi băm, diễn \
                biến trong năm, cụm trưởng qua các nhiệm kỳ, hồ sơ đơn vị, sổ cái có điểm kiểm tra đã ký, văn bản \
                chính thức. Dữ liệu đọc là nhất quán sau cùng: truyền `?minPosition=` (giá trị `position` mà phía \
                ghi trả về) để chờ tới khi đọc được chính dữ liệu vừa ghi.

                Reads the record of emulation clusters: scoreboards (JSON, CSV, live), the hash-chained decision \
                log, the year in words, heads by term, unit records, the ledger with its signed checkpoints, proofs \
                and receipts, and official documents as PDF. Reads are eventually consistent: pass \
                `?minPosition=` (the `position` a command answered with) to wait until the read model has processed \
                your write, or get 503 READ_MODEL_BEHIND.""",
                List.of(ApiDocuments.tag("clusters", "Cụm, thành viên, nhiệm kỳ, hồ sơ đơn vị · clusters, terms, unit"
                                + " records"),
                        ApiDocuments.tag("emulation year", "Bảng xếp hạng, diễn biến · scoreboards and timelines"),
                        ApiDocuments.tag("decisions", "Sổ quyết định · the decision log"),
                        ApiDocuments.tag("ledger", "Sổ cái chống sửa đổi · the tamper-evident ledger"),
                        ApiDocuments.tag("documents", "Văn bản chính thức · official documents"),
                        ApiDocuments.tag("admin", "Mô hình đọc · read models")), 8081);
    }

    /**
     * A decision's details are free-form JSON whose fields differ by decision type. Left to springdoc, the Jackson
     * tree type is described by its getters ({@code missingNode}, {@code float}...), in an order reflection does not
     * keep from one start to the next.
     */
    @Bean
    public OpenApiCustomizer detailsAreFreeFormJson() {
        return document -> Optional.ofNullable(document.getComponents()).map(Components::getSchemas)
                .ifPresent(schemas -> schemas.computeIfPresent("JsonNode", (name, reflected) -> new ObjectSchema()
                        .description("JSON tự do, trường tùy loại quyết định · free-form JSON, fields by decision type")));
    }

    @Bean
    public OperationCustomizer readProblems() {
        return (operation, handler) -> {
            List<Problem> problems = new ArrayList<>(EVERY_READ);
            Problems declared = handler.getMethodAnnotation(Problems.class);
            if (declared != null) {
                problems.addAll(Arrays.asList(declared.value()));
            }
            List<ApiDocuments.Refusal> documented = new ArrayList<>(problems.stream().distinct()
                    .map(problem -> new ApiDocuments.Refusal(problem.name(), problem.status(),
                            problem.vietnamese().replace("%s", "…"), problem.english().replace("%s", "…")))
                    .toList());
            documented.add(ProblemResponses.INVALID_INPUT);
            documented.addAll(ProblemAuthenticationHandlers.PROBLEMS);
            ApiDocuments.addRefusals(operation, documented);
            return operation;
        };
    }
}

package vn.thidua.platform.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MapSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.servers.ServerVariable;
import io.swagger.v3.oas.models.servers.ServerVariables;
import io.swagger.v3.oas.models.tags.Tag;

/**
 * The parts of both apps' OpenAPI documents that are the same: who may sign in and how (HTTP Basic for the embedded
 * default's demo users, a bearer JWT in production, so that "Authorize" works in the UI), the RFC 7807 problem schema,
 * and the refusals an operation can answer with, by status, each listing its stable codes with their words.
 */
public final class ApiDocuments {

    public static final String BASIC = "demoUsers";
    public static final String BEARER = "organisationJwt";
    private static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";

    /** One refusal an operation can give: its code, status and words. */
    public record Refusal(String code, int status, String vietnamese, String english) {
    }

    private ApiDocuments() {
    }

    /**
     * The document of one app, served on {@code port} (its port of API.md) of whatever host runs it ({@code localhost}
     * by default).
     */
    public static OpenAPI document(String title, String version, String description, List<Tag> tags,
                                   int port) {
        return new OpenAPI()
                .info(new Info().title(title).version(version).description(description)
                        .license(new License().name("Apache-2.0")
                                .url("https://www.apache.org/licenses/LICENSE-2.0")))
                .servers(List.of(new Server().url("http://{host}:" + port)
                        .description("Máy chạy ứng dụng · the host that runs the app")
                        .variables(new ServerVariables().addServerVariable("host", new ServerVariable()
                                ._default("localhost").description("localhost: the default on this machine")))))
                .tags(tags)
                .components(new Components()
                        .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("Người dùng minh họa của cấu hình nhúng (mật khẩu thidua-demo) · the"
                                        + " embedded default's demo users (password thidua-demo)"))
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")
                                .description("Mã truy cập do hệ thống đăng nhập của tổ chức cấp (THIDUA_AUTH_MODE=jwt)"
                                        + " · a token from the organisation's identity provider"))
                        .addSchemas(PROBLEM, problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList(BASIC))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    public static Tag tag(String name, String description) {
        return new Tag().name(name).description(description);
    }

    /** An answer with this refusal, its fields in a fixed order so that the document is the same every time. */
    private static Map<String, Object> example(Refusal refusal) {
        Map<String, Object> messages = new LinkedHashMap<>();
        messages.put("vi", refusal.vietnamese());
        messages.put("en", refusal.english());
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "urn:thidua:problem:" + refusal.code().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        example.put("status", refusal.status());
        example.put("code", refusal.code());
        example.put("detail", refusal.english());
        example.put("messages", messages);
        return example;
    }

    /** RFC 7807 with the stable {@code code}, the words in both languages and, for invalid input, the fields. */
    private static Schema<?> problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", new StringSchema().example("urn:thidua:problem:quorum-not-met"));
        properties.put("title", new StringSchema().example("Conflict"));
        properties.put("status", new IntegerSchema().example(409));
        properties.put("detail", new StringSchema().description("In Vietnamese or English by Accept-Language"));
        properties.put("code", new StringSchema().description("Stable: clients switch on it"));
        properties.put("messages", new MapSchema().additionalProperties(new StringSchema())
                .description("{vi, en}: the same refusal in both languages"));
        properties.put("errors", new io.swagger.v3.oas.models.media.ArraySchema().items(new ObjectSchema()
                .addProperty("field", new StringSchema()).addProperty("message", new StringSchema()))
                .description("For 400: each invalid field"));
        ObjectSchema schema = new ObjectSchema();
        schema.setProperties(properties);
        schema.setDescription("RFC 7807 problem details with a stable code");
        return schema;
    }

    /**
     * Adds, for each status among the refusals, an answer whose problem {@code code} is one of theirs, with an
     * example per code in both languages. A status the operation already documents keeps its description.
     */
    public static void addRefusals(Operation operation, List<Refusal> refusals) {
        Map<Integer, List<Refusal>> byStatus = new TreeMap<>();
        refusals.forEach(refusal -> byStatus.computeIfAbsent(refusal.status(), s -> new ArrayList<>()).add(refusal));
        byStatus.forEach((status, ofStatus) -> {
            StringSchema codes = new StringSchema();
            ofStatus.stream().map(Refusal::code).distinct().forEach(codes::addEnumItem);
            Schema<?> schema = new Schema<>().$ref("#/components/schemas/" + PROBLEM);
            ObjectSchema withCodes = new ObjectSchema();
            withCodes.addProperty("code", codes);
            MediaType media = new MediaType().schema(new Schema<>().allOf(List.of(schema, withCodes)));
            ofStatus.forEach(refusal -> media.addExamples(refusal.code(), new Example()
                    .summary(refusal.english()).value(example(refusal))));
            ApiResponse response = new ApiResponse().description(String.join(", ",
                            ofStatus.stream().map(Refusal::code).distinct().toList()))
                    .content(new Content().addMediaType(PROBLEM_JSON, media));
            operation.getResponses().addApiResponse(Integer.toString(status), response);
        });
    }
}

/*
 * The desk: a cluster's year done in the browser by the people who do it. Each form sends one command to the command
 * side (its URL from /api/me), once per content (an Idempotency-Key kept while the content stays the same), with
 * If-Match from the version it was opened on where someone else's change could be overwritten; the page then reads
 * its own write (minPosition). A refusal shows in words beside the field it concerns, the form kept as typed.
 * Plain scripts over the browser's own form controls: nothing to build and nothing to download at run time.
 */
"use strict";

Object.assign(WORDS.vi, {
    desk: "Bàn làm việc", due: "Việc cần làm", nothingDue: "Không có việc nào đang chờ bạn.",
    SIGN_PLEDGE: "Ký giao ước thi đua", FILE_REPORT: "Nộp báo cáo tổng kết", ASSESS_REPORT: "Thẩm định báo cáo",
    UNITS_LATE: "Đơn vị chậm giao ước hoặc báo cáo", ENTER_BALLOT: "Nhập kết quả bầu", FINALIZE_RANKING: "Chốt xếp hạng",
    PROPOSE_AWARDS: "Đề nghị khen thưởng", CLOSE_YEAR: "Kết thúc năm thi đua", deadline: "hạn", overdue: "quá hạn",
    forTerm: "nhiệm kỳ", send: "Gửi", sending: "Đang gửi…", recordedOk: "Đã ghi nhận.",
    formCluster: "Thành lập cụm thi đua", clusterId: "Mã cụm", name: "Tên", unitId: "Mã đơn vị",
    addRow: "Thêm dòng", removeRow: "Bỏ dòng", openYear: "Phát động năm thi đua", criteria: "Tiêu chí chấm điểm",
    criterionId: "Mã tiêu chí", group: "Nhóm", title: "Tên tiêu chí", maxPoints: "Điểm tối đa",
    maxBonus: "Điểm thưởng tối đa", maxPenalty: "Điểm trừ tối đa", targets: "Chỉ tiêu giao ước", targetId: "Mã chỉ tiêu",
    text: "Nội dung", pledgeDeadline: "Hạn ký giao ước", reportDeadline: "Hạn nộp báo cáo", occurredOn: "Ngày thực hiện",
    occurredOnHint: "để trống nếu là hôm nay", admit: "Kết nạp đơn vị", withdraw: "Đơn vị rút khỏi cụm",
    merge: "Hợp nhất đơn vị", mergedUnitIds: "Các đơn vị hợp nhất", successorUnit: "Đơn vị mới",
    effectiveDate: "Ngày hiệu lực", transfer: "Điều chuyển đơn vị sang cụm khác", toClusterId: "Cụm nhận",
    dissolve: "Giải thể cụm", successorClusterId: "Hợp nhất vào cụm (nếu có)", roster: "Thứ tự luân phiên Cụm trưởng",
    amendRules: "Sửa đổi quy chế", effectiveFromYear: "Áp dụng từ năm", quorumNumerator: "Túc số (tử số)",
    quorumDenominator: "Túc số (mẫu số)", majorityNumerator: "Đa số (tử số)", majorityDenominator: "Đa số (mẫu số)",
    headRotation: "Cụm trưởng luân phiên", flagQuotaPercent: "Tỷ lệ Cờ thi đua (%)", rescind: "Hủy quyết định",
    decisionId: "Quyết định", signPledge: "Ký giao ước", signatoryName: "Người ký", signatoryTitle: "Chức vụ",
    fileReport: "Nộp báo cáo tổng kết", amendReport: "Sửa báo cáo đã nộp", bonusPoints: "Điểm thưởng",
    penaltyPoints: "Điểm trừ", evidence: "Minh chứng (tệp)", evidenceHint: "PDF, ảnh, văn bản; tối đa 20 MB mỗi tệp",
    uploading: "Đang tải lên…", assess: "Thẩm định", note: "Ghi chú", election: "Nhập kết quả bầu Cụm trưởng, Cụm phó",
    termYear: "Nhiệm kỳ năm", eligibleVoters: "Tổng số thành viên", votersPresent: "Số có mặt", votesFor: "Tán thành",
    votesAgainst: "Không tán thành", invalid: "Phiếu không hợp lệ", ranking: "Chốt xếp hạng",
    commendation: "Đề nghị khen thưởng", closure: "Kết thúc năm thi đua", issue: "Ban hành văn bản",
    kind: "Loại văn bản", MINUTES: "Biên bản", PROPOSAL: "Tờ trình",
    documentNumber: "Số", symbol: "Ký hiệu", place: "Địa điểm", reports: "Báo cáo của các đơn vị",
    stale: "Đã có người khác thay đổi từ khi bạn mở biểu mẫu này. Nội dung hiện tại ở dưới; biểu mẫu của bạn vẫn giữ nguyên, hãy xem lại rồi gửi lại.",
    none: "chưa có",
    yourUnit: "Đơn vị của bạn", pledgeSigned: "Đã ký giao ước",
    auditorDesk: "Kiểm tra hồ sơ", verifyLedger: "Sổ quyết định và kiểm chứng", replayYear: "Dựng lại năm và so sánh",
    replayEqual: "Dựng lại từ sự kiện đã niêm phong: khớp với dữ liệu đang phục vụ.",
    replayDiffers: "Dựng lại từ sự kiện đã niêm phong: có khác biệt", download: "Tải về", xlsx: "Tải Excel",
    versionNote: "Phiên bản", clusterDesk: "Công việc của cụm",
    minutesRefLabel: "Số biên bản", reasonLabel: "Lý do", summaryLabel: "Tóm tắt kết quả", fix: "Hãy sửa các mục được đánh dấu.",
    years2: "Năm thi đua", members2: "Thành viên", required: "bắt buộc",
    COUNCIL: "Hội đồng thi đua", SECRETARIAT: "Thư ký cụm", UNIT_OFFICER: "Cán bộ đơn vị", AUDITOR: "Kiểm toán",
    VIEWER: "Người xem"
});
Object.assign(WORDS.en, {
    desk: "Desk", due: "What is due", nothingDue: "Nothing waits for you.",
    SIGN_PLEDGE: "Sign the emulation pledge", FILE_REPORT: "File the year-end report", ASSESS_REPORT: "Assess the report",
    UNITS_LATE: "Units late with pledge or report", ENTER_BALLOT: "Enter the ballot", FINALIZE_RANKING: "Finalise the ranking",
    PROPOSE_AWARDS: "Propose awards", CLOSE_YEAR: "Close the year", deadline: "due", overdue: "overdue",
    forTerm: "term", send: "Send", sending: "Sending…", recordedOk: "Recorded.",
    formCluster: "Form an emulation cluster", clusterId: "Cluster id", name: "Name", unitId: "Unit id",
    addRow: "Add a row", removeRow: "Remove row", openYear: "Open an emulation year", criteria: "Scoring criteria",
    criterionId: "Criterion id", group: "Group", title: "Criterion", maxPoints: "Maximum points",
    maxBonus: "Bonus cap", maxPenalty: "Penalty cap", targets: "Pledge targets", targetId: "Target id", text: "Text",
    pledgeDeadline: "Pledge deadline", reportDeadline: "Report deadline", occurredOn: "Day of the act",
    occurredOnHint: "leave empty for today", admit: "Admit a unit", withdraw: "A unit withdraws",
    merge: "Merge units", mergedUnitIds: "Units merged", successorUnit: "New unit", effectiveDate: "Effective",
    transfer: "Transfer a unit to another cluster", toClusterId: "Receiving cluster", dissolve: "Dissolve the cluster",
    successorClusterId: "Merge into cluster (if any)", roster: "The head's rotation order", amendRules: "Amend the rules",
    effectiveFromYear: "From year", quorumNumerator: "Quorum (numerator)", quorumDenominator: "Quorum (denominator)",
    majorityNumerator: "Majority (numerator)", majorityDenominator: "Majority (denominator)",
    headRotation: "Head in rotation", flagQuotaPercent: "Flag quota (%)", rescind: "Rescind a decision",
    decisionId: "Decision", signPledge: "Sign the pledge", signatoryName: "Signed by", signatoryTitle: "Title",
    fileReport: "File the year-end report", amendReport: "Amend the report filed", bonusPoints: "Bonus points",
    penaltyPoints: "Penalty points", evidence: "Evidence (files)", evidenceHint: "PDF, images, documents; up to 20 MB each",
    uploading: "Uploading…", assess: "Assess", note: "Note", election: "Enter the ballot for head or deputy",
    termYear: "Term year", eligibleVoters: "Members eligible", votersPresent: "Present", votesFor: "For",
    votesAgainst: "Against", invalid: "Invalid ballots", ranking: "Finalise the ranking", commendation: "Propose an award",
    closure: "Close the year", issue: "Issue a document", kind: "Kind", MINUTES: "Minutes", PROPOSAL: "Award proposal",
    documentNumber: "Number", symbol: "Symbol", place: "Place",
    reports: "The units' reports",
    stale: "Someone else changed this since you opened the form. What it is now shows below; your form is kept as typed: review it and send again.",
    none: "none",
    yourUnit: "Your unit", pledgeSigned: "Pledge signed",
    auditorDesk: "Audit the record", verifyLedger: "Decision log and verification", replayYear: "Replay the year and compare",
    replayEqual: "Replayed from the sealed events: equal to the live read models.",
    replayDiffers: "Replayed from the sealed events: differences", download: "Download", xlsx: "Download Excel",
    versionNote: "Version", clusterDesk: "The cluster's work",
    minutesRefLabel: "Minutes reference", reasonLabel: "Reason", summaryLabel: "Summary of results",
    fix: "Please correct the marked fields.", years2: "Emulation years", members2: "Members", required: "required",
    COUNCIL: "Emulation council", SECRETARIAT: "Cluster secretariat",
    UNIT_OFFICER: "Unit officer", AUDITOR: "Auditor", VIEWER: "Viewer"
});

let signedIn = null;
/** The position of this page's latest write: its reads wait until the read models have it. */
let lastPosition = null;

async function whoAmI() {
    if (!signedIn || signedIn.authorization !== credentials()) {
        signedIn = {...await json("/api/me"), authorization: credentials()};
    }
    return signedIn;
}

function read(path) {
    return json(lastPosition ? `${path}${path.includes("?") ? "&" : "?"}minPosition=${lastPosition}` : path);
}

/** One request to the command side, answered as {status, answer}; a sign-in that no longer holds asks again. */
async function toCommandSide(method, path, body, headers = {}, contentType = "application/json") {
    const who = await whoAmI();
    const response = await fetch(who.commandSide + path, {method, body,
        headers: {"Content-Type": contentType, "Accept-Language": language, Authorization: credentials(), ...headers}});
    if (response.status === 401) {
        showSignIn();
        throw new Error("unauthenticated");
    }
    return {status: response.status, answer: await response.json().catch(() => ({}))};
}

const ids = {next: 0};
const uniqueId = prefix => `${prefix}-${++ids.next}`;

/** Sets a value at a JSON path such as "ballot.votersPresent" or "members[2].name". */
function setAt(target, path, value) {
    const keys = path.replace(/\[(\d+)]/g, ".$1").split(".");
    let node = target;
    keys.slice(0, -1).forEach((key, i) => {
        node[key] ??= /^\d+$/.test(keys[i + 1]) ? [] : {};
        node = node[key];
    });
    node[keys.at(-1)] = value;
}

/** One labelled control; {@code name} is the JSON path the command's body and its refusals use. */
function control(field, prefix = "") {
    const name = prefix + field.name;
    const id = uniqueId("f");
    const common = {id, name, "data-field": name, required: field.required ? true : null,
        "aria-describedby": field.hint ? `${id}-hint` : null};
    let input;
    if (field.type === "textarea") {
        input = el("textarea", {...common, rows: 3}, field.value ?? "");
    } else if (field.type === "select") {
        input = el("select", common, (field.options || []).map(([value, label]) =>
            el("option", {value, selected: String(field.value ?? "") === String(value) ? true : null}, label)));
    } else if (field.type === "checkbox") {
        input = el("input", {...common, type: "checkbox", checked: field.value ? true : null});
    } else if (field.type === "evidence") {
        return evidenceControl(field, name, id);
    } else {
        input = el("input", {...common, type: field.type || "text", value: field.value ?? null,
            min: field.min ?? null, max: field.max ?? null, step: field.type === "number" ? (field.step ?? "any") : null,
            inputmode: field.type === "number" ? "decimal" : null});
    }
    return el("div", {class: "field" + (field.type === "checkbox" ? " check" : "")},
        el("label", {for: id}, t(field.label), field.required ? el("span", {class: "muted"}, ` (${t("required")})`) : ""),
        input, field.hint ? el("small", {id: `${id}-hint`, class: "muted"}, t(field.hint)) : "");
}

/** Files kept with the record: each uploaded once (the command side answers its SHA-256), listed with its hash. */
function evidenceControl(field, name, id) {
    const list = el("ul", {class: "evidence-list", "data-field": name});
    const kept = [...(field.value || [])];
    const show = () => list.replaceChildren(...kept.map((item, i) => el("li", {"data-sha256": item.sha256},
        `${item.title} · `, el("code", {}, item.sha256.slice(0, 16) + "…"), " ",
        el("button", {type: "button", "aria-label": `${t("removeRow")}: ${item.title}`, onclick: () => {
            kept.splice(i, 1);
            show();
        }}, "✕"))));
    const status = el("small", {class: "muted", "aria-live": "polite"});
    const input = el("input", {id, type: "file", multiple: true, "aria-describedby": `${id}-hint`,
        onchange: async event => {
            const files = [...event.target.files];
            for (const file of files) {
                status.textContent = `${t("uploading")} ${file.name}`;
                const {status: code, answer} = await toCommandSide("POST", "/api/evidence", file, {},
                    file.type || "application/octet-stream");
                if (code === 200 || code === 201) {
                    kept.push({title: file.name, sha256: answer.sha256});
                    status.textContent = "";
                } else {
                    status.textContent = "";
                    showFieldError(input, answer.messages?.[language] ?? answer.detail ?? String(code));
                }
            }
            event.target.value = "";
            show();
        }});
    list.evidence = kept;
    show();
    return el("div", {class: "field"}, el("label", {for: id}, t(field.label)), input,
        el("small", {id: `${id}-hint`, class: "muted"}, t("evidenceHint")), status, list);
}

/** Repeated rows of the same fields (members, criteria, targets), each named {@code name[i].field}. */
function rowsControl(field) {
    const body = el("div", {class: "rows", "data-rows": field.name});
    const add = values => {
        const index = body.children.length;
        const row = el("fieldset", {class: "row"}, el("legend", {}, `${t(field.label)} ${index + 1}`),
            field.columns.map(column => control({...column, value: values?.[column.name] ?? column.value},
                `${field.name}[${index}].`)));
        body.append(row);
    };
    (field.value || [{}]).forEach(add);
    return el("div", {class: "field"}, el("h3", {}, t(field.label)), body,
        el("button", {type: "button", class: "secondary", "data-add": field.name, onclick: () => add({})},
            `${t("addRow")}: ${t(field.label)}`));
}

function valueOf(input) {
    if (input.type === "checkbox") {
        return input.checked;
    }
    if (input.value === "") {
        return null;
    }
    return input.type === "number" ? Number(input.value) : input.value;
}

/** The body from the form's controls: each at its JSON path; evidence lists as kept; empty optional ones left out. */
function bodyOf(form) {
    const body = {};
    form.querySelectorAll("[data-field]").forEach(input => {
        if (input.classList.contains("evidence-list")) {
            setAt(body, input.dataset.field, input.evidence);
        } else if (input.dataset.field && !input.closest(".evidence-list")) {
            const value = valueOf(input);
            if (value !== null) {
                setAt(body, input.dataset.field, value);
            }
        }
    });
    return body;
}

function showFieldError(input, message) {
    const id = `${input.id}-error`;
    document.getElementById(id)?.remove();
    const error = el("p", {class: "field-error error", id, role: "alert"}, message);
    input.closest(".field")?.append(error) ?? input.after(error);
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", [input.getAttribute("aria-describedby"), id].filter(Boolean).join(" "));
}

function clearErrors(form) {
    form.querySelectorAll(".field-error, .form-error, .stale").forEach(node => node.remove());
    form.querySelectorAll("[aria-invalid]").forEach(input => {
        input.removeAttribute("aria-invalid");
        input.setAttribute("aria-describedby", (input.getAttribute("aria-describedby") || "").split(" ")
            .filter(id => !id.endsWith("-error")).join(" "));
    });
}

/** The control a refusal concerns: the field it names (or the first under it), or the one its code points at. */
function fieldFor(form, name) {
    if (!name) {
        return null;
    }
    return form.querySelector(`[data-field="${CSS.escape(name)}"]`)
        ?? [...form.querySelectorAll("[data-field]")].find(input => input.dataset.field.startsWith(name + ".")
            || input.dataset.field.startsWith(name + "["));
}

/**
 * A command's form. spec: {id, title, fields, method, path, version (sent as If-Match), fieldOfCode {CODE: field},
 * current: async staleVersion => {version, node}: what the thing is now, shown when the form was stale,
 * done: answer => after it was recorded}.
 */
function commandForm(spec) {
    const submit = el("button", {type: "submit", "data-submit": spec.id}, t("send"));
    const status = el("p", {class: "muted", role: "status", "aria-live": "polite"});
    const form = el("form", {id: spec.id, class: "desk-form", novalidate: true, "data-version": spec.version ?? null},
        el("h3", {}, t(spec.title)),
        spec.fields.map(field => field.type === "rows" ? rowsControl(field) : control(field)),
        spec.dated === false ? "" : control({name: "occurredOn", label: "occurredOn", type: "date", hint: "occurredOnHint"}),
        el("div", {class: "actions"}, submit), status);
    let sentBody = null;
    let key = null;
    form.addEventListener("submit", async event => {
        event.preventDefault();
        if (submit.disabled) {
            return;
        }
        submit.disabled = true;
        form.setAttribute("aria-busy", "true");
        status.textContent = t("sending");
        clearErrors(form);
        const body = JSON.stringify(spec.body ? spec.body(bodyOf(form)) : bodyOf(form));
        if (body !== sentBody) {
            // A new content is a new request; the same content sent again (a retry, a double click) is the same one.
            sentBody = body;
            key = crypto.randomUUID();
        }
        const headers = {"Idempotency-Key": key};
        if (form.dataset.version !== undefined) {
            headers["If-Match"] = `"${form.dataset.version}"`;
        }
        try {
            const {status: code, answer} = await toCommandSide(spec.method || "POST", spec.path, body, headers);
            if (code >= 200 && code < 300) {
                lastPosition = answer.position ?? lastPosition;
                status.textContent = t("recordedOk");
                sentBody = null;
                await spec.done?.(answer);
                document.getElementById("recorded")?.remove();
                view().prepend(el("p", {class: "notice", role: "status", id: "recorded"},
                    `${t("recordedOk")} ${t(spec.title)}`));
                // What was recorded from this page, counted once the page shows it (the browser test waits on it).
                document.body.dataset.recorded = String(Number(document.body.dataset.recorded ?? 0) + 1);
                document.body.dataset.lastRecorded = spec.id;
                return;
            }
            status.textContent = "";
            refused(form, spec, code, answer);
            if (code === 412 && spec.current) {
                const now = await spec.current(Number(form.dataset.version));
                form.dataset.version = now.version;
                form.prepend(el("div", {class: "stale notice", role: "alert"}, el("p", {}, t("stale")), now.node));
            }
        } catch (error) {
            status.textContent = error.message;
        } finally {
            submit.disabled = false;
            form.removeAttribute("aria-busy");
        }
    });
    return form;
}

function refused(form, spec, code, answer) {
    const message = answer.messages?.[language] ?? answer.detail ?? String(code);
    let first = null;
    (answer.errors || []).forEach(error => {
        const input = fieldFor(form, error.field);
        if (input) {
            showFieldError(input, error.message);
            first ??= input;
        }
    });
    const concerned = fieldFor(form, spec.fieldOfCode?.[answer.code]);
    if (concerned) {
        showFieldError(concerned, message);
        first ??= concerned;
    }
    form.prepend(el("p", {class: "form-error error", role: "alert", "data-code": answer.code ?? ""},
        first && code === 400 ? `${message} ${t("fix")}` : message));
    first?.focus();
}

const option = (value, label) => [value, label];
const unitOptions = units => units.map(unit => option(unit.unitId, unit.name ?? unit.unitName));
const section = (title, ...content) => el("details", {class: "desk-section"}, el("summary", {}, t(title)), content);

/** Re-renders the page where the person is, reading its own write. */
const again = () => route();

function dueLine(item) {
    // Ballots are entered on the cluster's desk, everything else on the year's.
    const where = item.kind === "ENTER_BALLOT" ? `#/desk/c/${item.clusterId}` : `#/desk/c/${item.clusterId}/y/${item.year}`;
    return el("li", {"data-due": item.kind, "data-unit": item.unitId ?? null, class: item.overdue ? "late" : null},
        el("a", {href: where}, t(item.kind)), ` · ${item.year}`,
        item.unitName ? ` · ${item.unitName}` : "",
        item.office ? ` · ${t(item.office)} ${t("forTerm")} ${item.termYear}` : "",
        item.deadline ? ` · ${t("deadline")} ${actDay(item.deadline)}` : "",
        item.overdue ? el("strong", {}, ` · ${t("overdue")}`) : "",
        item.units ? `: ${item.units.map(unit => unit.name).join(", ")}` : "");
}

async function deskHome() {
    const [who, due, clusterList] = await Promise.all([whoAmI(), read("/api/me/due"), read("/api/clusters")]);
    const mine = clusterList.filter(c => !who.clusterId || c.clusterId === who.clusterId);
    view().replaceChildren(
        el("h1", {}, t("desk")), el("p", {class: "muted", id: "desk-who"}, `${who.name} · ${t(who.role)}`),
        el("h2", {}, t("due")),
        due.length ? el("ul", {id: "due"}, due.map(dueLine)) : el("p", {id: "due", class: "muted"}, t("nothingDue")),
        el("h2", {}, t("clusters")),
        el("ul", {id: "desk-clusters"}, mine.map(c => el("li", {}, el("a", {href: `#/desk/c/${c.clusterId}`}, c.name)))),
        who.role === "COUNCIL" ? formClusterForm() : "");
}

function formClusterForm() {
    return section("formCluster", commandForm({id: "form-cluster", title: "formCluster", path: "/api/clusters",
        fields: [{name: "clusterId", label: "clusterId", required: true}, {name: "name", label: "name", required: true},
            {name: "sector", label: "sector", required: true},
            {name: "members", label: "members2", type: "rows", columns: [{name: "unitId", label: "unitId", required: true},
                {name: "name", label: "name", required: true}, {name: "province", label: "province", required: true}]}],
        done: answer => {
            location.hash = `#/desk/c/${answer.clusterId ?? document.querySelector("#form-cluster [name=clusterId]").value}`;
        }}));
}

async function deskCluster(clusterId) {
    const [who, detail, years] = await Promise.all([whoAmI(), read(`/api/clusters/${clusterId}`),
        read(`/api/clusters/${clusterId}/years`)]);
    const active = detail.members.filter(m => m.status === "ACTIVE");
    const base = `/api/clusters/${clusterId}`;
    const parts = [el("h1", {}, `${t("clusterDesk")}: ${detail.name}`),
        el("p", {class: "muted"}, `${t("versionNote")} ${detail.version}`),
        el("h2", {}, t("years2")),
        el("div", {class: "actions", id: "desk-years"}, years.map(y => el("a", {class: "button",
            href: `#/desk/c/${clusterId}/y/${y.year}`}, `${y.year} · ${t(y.status)}`)))];
    if (who.role === "COUNCIL") {
        const current = detail.rulesInForce.at(-1)?.rules ?? detail.rules;
        parts.push(
            section("openYear", commandForm({id: "open-year", title: "openYear", path: `${base}/years`,
                fields: [{name: "year", label: "year", type: "number", required: true, value: new Date().getFullYear()},
                    {name: "scoringTable.criteria", label: "criteria", type: "rows", columns: [
                        {name: "criterionId", label: "criterionId", required: true},
                        {name: "group", label: "group", required: true}, {name: "title", label: "title", required: true},
                        {name: "maxPoints", label: "maxPoints", type: "number", required: true}]},
                    {name: "scoringTable.maxBonus", label: "maxBonus", type: "number", value: 0},
                    {name: "scoringTable.maxPenalty", label: "maxPenalty", type: "number", value: 0},
                    {name: "pledge.targets", label: "targets", type: "rows", columns: [
                        {name: "targetId", label: "targetId", required: true},
                        {name: "text", label: "text", type: "textarea", required: true}]},
                    {name: "pledgeDeadline", label: "pledgeDeadline", type: "date", required: true},
                    {name: "reportDeadline", label: "reportDeadline", type: "date", required: true}],
                done: answer => location.hash = `#/desk/c/${clusterId}/y/${answer.year ?? ""}`})),
            section("admit", commandForm({id: "admit", title: "admit", path: `${base}/members`, version: detail.version,
                fields: [{name: "unitId", label: "unitId", required: true}, {name: "name", label: "name", required: true},
                    {name: "province", label: "province", required: true},
                    {name: "reason", label: "reasonLabel", type: "textarea", required: true}], done: again})),
            section("withdraw", withdrawal(base, active, detail.version)),
            section("merge", commandForm({id: "merge", title: "merge", path: `${base}/mergers`, version: detail.version,
                fields: [{name: "mergedUnitIds[0]", label: "mergedUnitIds", type: "select", options: unitOptions(active)},
                    {name: "mergedUnitIds[1]", label: "mergedUnitIds", type: "select", options: unitOptions(active)},
                    {name: "successor.unitId", label: "unitId", required: true},
                    {name: "successor.name", label: "successorUnit", required: true},
                    {name: "successor.province", label: "province", required: true},
                    {name: "effectiveDate", label: "effectiveDate", type: "date", required: true},
                    {name: "reason", label: "reasonLabel", type: "textarea", required: true}], done: again})),
            section("transfer", commandForm({id: "transfer", title: "transfer", path: `${base}/transfers`,
                version: detail.version, fields: [{name: "unitId", label: "unit", type: "select", options: unitOptions(active)},
                    {name: "toClusterId", label: "toClusterId", required: true},
                    {name: "reason", label: "reasonLabel", type: "textarea", required: true}], done: again})),
            section("roster", commandForm({id: "roster", title: "roster", path: `${base}/roster`, version: detail.version,
                fields: [...active.map((member, i) => ({name: `unitIds[${i}]`, label: `${i + 1}`, type: "select",
                    options: unitOptions(active), value: member.unitId})),
                    {name: "reason", label: "reasonLabel", type: "textarea", required: true}], done: again})),
            section("amendRules", commandForm({id: "amend-rules", title: "amendRules", path: `${base}/rules/amendments`,
                version: detail.version,
                fields: [{name: "effectiveFromYear", label: "effectiveFromYear", type: "number", required: true},
                    ...["quorumNumerator", "quorumDenominator", "majorityNumerator", "majorityDenominator",
                        "flagQuotaPercent"].map(name => ({name: `rules.${name}`, label: name, type: "number",
                        value: current[name], required: true})),
                    {name: "rules.headRotation", label: "headRotation", type: "checkbox", value: current.headRotation},
                    {name: "minutesRef", label: "minutesRefLabel", required: true},
                    {name: "reason", label: "reasonLabel", type: "textarea", required: true}],
                // The kinds' votes and the flag cap stay as they are: this form amends the rest.
                body: body => ({...body, rules: {...body.rules, headSelection: current.headSelection,
                        votes: current.votes, flagCap: current.flagCap}}),
                done: again})),
            section("dissolve", commandForm({id: "dissolve", title: "dissolve", path: `${base}/dissolution`,
                version: detail.version, fields: [{name: "successorClusterId", label: "successorClusterId"},
                    {name: "reason", label: "reasonLabel", type: "textarea", required: true}], done: again})),
            section("rescind", await rescission(clusterId)));
    }
    if (who.role === "SECRETARIAT" || who.role === "COUNCIL") {
        parts.push(electionForm(base, active, detail.version));
    }
    view().replaceChildren(...parts);
}

function withdrawal(base, active, version) {
    const unitField = {name: "unitId", label: "unit", type: "select", options: unitOptions(active)};
    const form = commandForm({id: "withdraw", title: "withdraw", version, fields: [unitField,
            {name: "reason", label: "reasonLabel", type: "textarea", required: true}],
        get path() {
            return `${base}/members/${form.querySelector("[name=unitId]").value}/withdrawal`;
        },
        body: ({reason, occurredOn}) => ({reason, occurredOn}), done: again});
    return form;
}

async function rescission(clusterId) {
    const entries = await read(`/api/clusters/${clusterId}/decisions`).catch(() => []);
    const standing = entries.filter(entry => !entry.rescindedBy && entry.decisionId);
    const form = commandForm({id: "rescind", title: "rescind", fields: [
            {name: "decisionId", label: "decisionId", type: "select", options: standing.map(entry =>
                    option(entry.decisionId, `${entry.seq}. ${entry.summary[language]}`))},
            {name: "reason", label: "reasonLabel", type: "textarea", required: true}],
        get path() {
            return `/api/clusters/${clusterId}/decisions/${form.querySelector("[name=decisionId]").value}/rescission`;
        },
        body: ({reason, occurredOn}) => ({reason, occurredOn}), done: again});
    return form;
}

const ballotFields = [
    {name: "ballot.eligibleVoters", label: "eligibleVoters", type: "number", min: 0, required: true},
    {name: "ballot.votersPresent", label: "votersPresent", type: "number", min: 0, required: true},
    {name: "ballot.votesFor", label: "votesFor", type: "number", min: 0, required: true},
    {name: "ballot.votesAgainst", label: "votesAgainst", type: "number", min: 0, required: true},
    {name: "ballot.invalid", label: "invalid", type: "number", min: 0, value: 0, required: true}];
/** Where a ballot's refusals belong. */
const BALLOT_CODES = {QUORUM_NOT_MET: "ballot.votersPresent", MAJORITY_NOT_REACHED: "ballot.votesFor",
    BALLOT_INCONSISTENT: "ballot.votersPresent", ELIGIBLE_VOTERS_MISMATCH: "ballot.eligibleVoters",
    NOT_A_MEMBER: "unitId", NOT_A_PARTICIPANT: "unitId", OCCURRED_IN_FUTURE: "occurredOn",
    OCCURRED_BEFORE_FORMATION: "occurredOn", OCCURRED_BEFORE_OPENING: "occurredOn", BACKDATED_TOO_FAR: "occurredOn"};

function electionForm(base, active, version) {
    return commandForm({id: "election", title: "election", path: `${base}/elections`,
        fields: [{name: "termYear", label: "termYear", type: "number", required: true, value: new Date().getFullYear() + 1},
            {name: "office", label: "office", type: "select", options: [option("HEAD", t("HEAD")),
                    option("DEPUTY", t("DEPUTY"))]},
            {name: "unitId", label: "unit", type: "select", options: unitOptions(active)},
            ...ballotFields.map(field => field.name === "ballot.eligibleVoters" ? {...field, value: active.length} : field),
            {name: "minutesRef", label: "minutesRefLabel", required: true}],
        fieldOfCode: {...BALLOT_CODES, OFFICE_ALREADY_FILLED: "office", HEAD_AND_DEPUTY_SAME_UNIT: "unitId",
            NOT_NEXT_IN_ROTATION: "unitId", ROTATION_BROKEN: "unitId"}, done: again});
}

function scoreFields(criteria, prefix, scorecard) {
    return criteria.map(criterion => ({name: `${prefix}.${criterion.criterionId}`,
        label: `${criterion.title} (≤ ${number(criterion.maxPoints)})`, type: "number", min: 0, max: criterion.maxPoints,
        required: true, value: scorecard?.scores?.[criterion.criterionId]}));
}

/** A unit's report as it stands, for the page and for a form that turned out stale. */
function reportNode(unit) {
    if (!unit.report) {
        return el("p", {class: "muted"}, t("none"));
    }
    return el("div", {class: "report", "data-unit": unit.unitId},
        el("p", {}, unit.report.summary),
        el("p", {}, `${t("self")}: ${number(unit.report.selfScore.total)}`, unit.assessment
            ? ` · ${t("assessed")}: ${number(unit.assessment.total)}` : ""),
        el("ul", {}, unit.report.evidence.map(item => el("li", {}, el("button", {type: "button", class: "link",
                "data-evidence": item.sha256, onclick: () => download(`/api/evidence/${item.sha256}`, item.title)},
            item.title), " ", el("code", {title: item.sha256}, item.sha256.slice(0, 16) + "…")))));
}

async function deskYear(clusterId, yearNumber) {
    const base = `/api/clusters/${clusterId}/years/${yearNumber}`;
    const [who, year] = await Promise.all([whoAmI(), read(base)]);
    const taking = year.units.filter(unit => !unit.participationEnded);
    // The year once its model has shown a version past the stale one (the change refused the form for), for 5 s at most.
    const fresh = async (unitId, stale) => {
        let now = await json(base);
        for (let tries = 0; tries < 25 && now.version <= stale; tries++) {
            await new Promise(resolve => setTimeout(resolve, 200));
            now = await json(base);
        }
        const unit = now.units.find(u => u.unitId === unitId);
        return {version: now.version, node: unit ? reportNode(unit) : el("p", {}, t("none"))};
    };
    const parts = [el("h1", {}, `${t("year")} ${yearNumber} · ${t(year.status)}`),
        el("p", {class: "muted", id: "desk-year-status", "data-version": year.version},
            `${t("pledgeDeadline")}: ${actDay(year.pledgeDeadline)} · ${t("reportDeadline")}: ${actDay(year.reportDeadline)}`),
        el("div", {class: "actions"}, el("a", {class: "button", href: `#/c/${clusterId}/y/${yearNumber}`}, t("scoreboard")),
            el("a", {class: "button", href: `#/desk/c/${clusterId}`}, t("clusterDesk")))];
    if (who.role === "UNIT_OFFICER") {
        const mine = year.units.find(unit => unit.unitId === who.unitId);
        parts.push(el("h2", {}, `${t("yourUnit")}: ${mine?.unitName ?? who.unitId}`));
        if (mine && !mine.pledgeSigned) {
            parts.push(commandForm({id: "pledge", title: "signPledge", path: `${base}/pledge/signatures`,
                fields: [{name: "signatory.name", label: "signatoryName", required: true},
                    {name: "signatory.title", label: "signatoryTitle", required: true}],
                body: body => ({...body, unitId: who.unitId}), done: again}));
        } else if (mine) {
            parts.push(el("p", {id: "pledge-signed"}, `✓ ${t("pledgeSigned")}`));
        }
        if (mine) {
            const amending = mine.reportFiled;
            parts.push(amending ? reportNode(mine) : "", commandForm({id: "report",
                title: amending ? "amendReport" : "fileReport", method: amending ? "PUT" : "POST",
                path: amending ? `${base}/reports/${who.unitId}` : `${base}/reports`,
                version: amending ? year.version : undefined,
                fields: [{name: "summary", label: "summaryLabel", type: "textarea", required: true,
                        value: mine.report?.summary},
                    ...scoreFields(year.criteria, "selfScores", mine.report?.selfScore),
                    {name: "bonusPoints", label: "bonusPoints", type: "number", min: 0, max: year.maxBonus,
                        value: mine.report?.selfScore.bonusPoints ?? 0},
                    {name: "penaltyPoints", label: "penaltyPoints", type: "number", min: 0, max: year.maxPenalty,
                        value: mine.report?.selfScore.penaltyPoints ?? 0},
                    {name: "evidence", label: "evidence", type: "evidence", value: mine.report?.evidence
                            ?.map(item => ({title: item.title, sha256: item.sha256}))},
                    ...(amending ? [{name: "reason", label: "reasonLabel", type: "textarea", required: true}] : [])],
                body: body => ({...body, unitId: who.unitId, evidence: body.evidence ?? []}),
                fieldOfCode: {SCORE_OUT_OF_RANGE: "selfScores", UNKNOWN_CRITERION: "selfScores",
                    SCORES_INCOMPLETE: "selfScores", BONUS_ABOVE_CAP: "bonusPoints", PENALTY_ABOVE_CAP: "penaltyPoints",
                    ...BALLOT_CODES},
                current: stale => fresh(who.unitId, stale), done: again}));
        }
    }
    if (who.role === "SECRETARIAT" || who.role === "COUNCIL" || who.role === "AUDITOR") {
        parts.push(el("h2", {}, t("reports")), el("div", {id: "desk-reports"}, taking.map(unit =>
            el("section", {class: "unit-report", id: `unit-${unit.unitId}`, "data-unit": unit.unitId},
                el("h3", {}, unit.unitName, unit.pledgeSigned ? ` · ✓ ${t("pledge")}` : "",
                    unit.reportLate ? el("span", {class: "late"}, ` ${t("late")}`) : ""),
                reportNode(unit),
                who.role === "SECRETARIAT" && unit.reportFiled && year.status === "OPEN"
                    ? section("assess", commandForm({id: `assess-${unit.unitId}`, title: "assess",
                        path: `${base}/reports/${unit.unitId}/assessment`, version: year.version,
                        fields: [...scoreFields(year.criteria, "scores", unit.assessment ?? unit.report?.selfScore),
                            {name: "bonusPoints", label: "bonusPoints", type: "number", min: 0, max: year.maxBonus,
                                value: (unit.assessment ?? unit.report?.selfScore)?.bonusPoints ?? 0},
                            {name: "penaltyPoints", label: "penaltyPoints", type: "number", min: 0,
                                max: year.maxPenalty, value: (unit.assessment ?? unit.report?.selfScore)?.penaltyPoints ?? 0},
                            {name: "note", label: "note", type: "textarea"}],
                        fieldOfCode: {SCORE_OUT_OF_RANGE: "scores", SCORES_INCOMPLETE: "scores",
                            BONUS_ABOVE_CAP: "bonusPoints", PENALTY_ABOVE_CAP: "penaltyPoints"},
                        current: stale => fresh(unit.unitId, stale), done: again})) : ""))));
    }
    if (who.role === "SECRETARIAT") {
        parts.push(el("h2", {}, t("ranking")),
            year.status === "OPEN" ? commandForm({id: "ranking", title: "ranking", path: `${base}/ranking`,
                version: year.version, fields: [{name: "note", label: "note", type: "textarea"}], done: again}) : "",
            year.status === "RANKED" ? commandForm({id: "commendation", title: "commendation",
                path: `${base}/commendations`, fields: [
                    {name: "unitId", label: "unit", type: "select", options: unitOptions(taking)},
                    {name: "award", label: "award", type: "select", options: [option("EMULATION_FLAG", t("EMULATION_FLAG")),
                            option("CERTIFICATE_OF_MERIT", t("CERTIFICATE_OF_MERIT"))]},
                    ...ballotFields.map(field => field.name === "ballot.eligibleVoters"
                        ? {...field, value: taking.length} : field),
                    {name: "minutesRef", label: "minutesRefLabel", required: true}],
                fieldOfCode: {...BALLOT_CODES, FLAG_QUOTA_EXCEEDED: "award", ALREADY_PROPOSED: "unitId",
                    UNIT_NOT_RANKED: "unitId", PLEDGE_NOT_SIGNED: "unitId"},
                done: again}) : "",
            year.status === "RANKED" ? commandForm({id: "closure", title: "closure", path: `${base}/closure`,
                version: year.version, fields: [{name: "note", label: "note", type: "textarea"}], done: again}) : "",
            year.status !== "OPEN" ? commandForm({id: "issue", title: "issue", path: `${base}/documents`,
                dated: false, fields: [{name: "kind", label: "kind", type: "select", options: [option("MINUTES", t("MINUTES")),
                        option("PROPOSAL", t("PROPOSAL"))]},
                    {name: "number", label: "documentNumber", type: "number", min: 1, required: true},
                    {name: "symbol", label: "symbol", required: true},
                    {name: "occurredOn", label: "occurredOn", type: "date", required: true},
                    {name: "place", label: "place", required: true}],
                fieldOfCode: {DOCUMENT_NUMBER_TAKEN: "number", DOCUMENT_ALREADY_ISSUED: "kind"}, done: again}) : "");
    }
    if (who.role !== "UNIT_OFFICER" && who.role !== "VIEWER") {
        parts.push(el("h2", {}, t("download")), el("div", {class: "actions"},
            el("button", {type: "button", id: "download-minutes", onclick: () => download(`${base}/documents/minutes.pdf`,
                    `bien-ban-${clusterId}-${yearNumber}.pdf`)}, t("minutes")),
            el("button", {type: "button", onclick: () => download(`${base}/documents/proposal.pdf`,
                    `to-trinh-${clusterId}-${yearNumber}.pdf`)}, t("proposal")),
            el("button", {type: "button", onclick: () => download(`${base}/scoreboard.csv`,
                    `scoreboard-${clusterId}-${yearNumber}.csv`)}, t("csv")),
            el("button", {type: "button", onclick: () => download(`${base}/scoreboard.xlsx`,
                    `scoreboard-${clusterId}-${yearNumber}.xlsx`)}, t("xlsx"))));
    }
    if (who.role === "AUDITOR" || who.role === "COUNCIL") {
        const outcome = el("div", {id: "replay-outcome", "aria-live": "polite"});
        parts.push(el("h2", {}, t("auditorDesk")), el("div", {class: "actions"},
            el("a", {class: "button", id: "verify-link", href: `#/c/${clusterId}/decisions`}, t("verifyLedger")),
            el("button", {type: "button", id: "replay-year", onclick: async () => {
                const response = await api(`${base}/replay`, {method: "POST"});
                const replayed = await response.json();
                outcome.dataset.equal = String(replayed.equal);
                outcome.replaceChildren(el("p", {class: replayed.equal ? "badge valid" : "badge broken"},
                    replayed.equal ? t("replayEqual") : `${t("replayDiffers")}: ${replayed.differences.length}`),
                    replayed.equal ? "" : el("ul", {}, replayed.differences.map(d => el("li", {}, `${d.model} ${d.key}`))));
            }}, t("replayYear"))), outcome);
    }
    view().replaceChildren(...parts);
}

ROUTES.push(
    [/^#\/desk$/, () => deskHome()],
    [/^#\/desk\/c\/([\w-]+)$/, m => deskCluster(m[1])],
    [/^#\/desk\/c\/([\w-]+)\/y\/(\d+)$/, m => deskYear(m[1], m[2])]);

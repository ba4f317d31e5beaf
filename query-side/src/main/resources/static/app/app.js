/* The dashboard: the record read through the query side's API, in Vietnamese or English (desk.js adds the forms that
 * write to it). No build step. */
"use strict";

const WORDS = {
    vi: {
        clusters: "Các cụm", admin: "Quản trị", signIn: "Đăng nhập", signOut: "Đăng xuất", user: "Tên đăng nhập",
        password: "Mật khẩu", token: "Mã truy cập", orToken: "hoặc mã truy cập (JWT) do hệ thống đăng nhập của tổ chức cấp:",
        badSignIn: "Sai tên đăng nhập, mật khẩu hoặc mã truy cập.", other: "English", cluster: "Cụm",
        sector: "Ngành", members: "Thành viên", head: "Cụm trưởng", deputy: "Cụm phó", term: "Nhiệm kỳ",
        unit: "Đơn vị", province: "Tỉnh, thành", status: "Trạng thái", years: "Các năm thi đua", year: "Năm",
        leadership: "Cụm trưởng, cụm phó theo nhiệm kỳ", decisions: "Sổ quyết định", scoreboard: "Bảng xếp hạng",
        rank: "Hạng", pledge: "Giao ước", report: "Báo cáo", self: "Tự chấm", assessed: "Thẩm định",
        final: "Điểm", award: "Khen thưởng", late: "nộp muộn", yes: "✓", csv: "Tải CSV", minutes: "Biên bản (PDF)",
        proposal: "Tờ trình (PDF)", timeline: "Diễn biến trong năm", live: "Cập nhật trực tiếp", recorded: "Ghi nhận lúc",
        seq: "STT", type: "Loại", summary: "Nội dung", actor: "Người thực hiện", minutesRef: "Biên bản",
        reason: "Lý do", rescindedBy: "Bị hủy bởi", receipt: "Biên nhận", valid: "Chuỗi hợp lệ",
        broken: "Chuỗi bị phá vỡ tại mục", checkpoint: "Điểm kiểm tra mới nhất của sổ cái (đã ký)",
        witnesses: "Nhân chứng độc lập ký xác nhận", quorum: "cần tối thiểu", cosigned: "đã ký xác nhận",
        notCosigned: "chưa ký xác nhận",
        record: "Hồ sơ đơn vị", predecessors: "Đơn vị trước hợp nhất", successor: "Đơn vị kế thừa",
        chart: "Điểm và hạng qua các năm", office: "Chức trách", projections: "Mô hình đọc",
        position: "Vị trí", replay: "Dựng lại", replaying: "Đang dựng lại", RUNNING: "Đang chạy",
        STOPPED: "Đã dừng", ERROR: "Lỗi",
        noData: "Chưa có dữ liệu.", unranked: "—", ACTIVE: "Đang tham gia", WITHDRAWN: "Đã rút",
        MERGED: "Đã hợp nhất", EMULATION_FLAG: "Cờ thi đua", CERTIFICATE_OF_MERIT: "Bằng khen", HEAD: "Cụm trưởng",
        DEPUTY: "Cụm phó", OPEN: "Đang thi đua", RANKED: "Đã xếp hạng", CLOSED: "Đã kết thúc",
        TRANSFERRED: "Đã điều chuyển", DISSOLVED: "Đã giải thể", dissolvedInto: "Đã giải thể, hợp nhất vào",
        dissolvedAlone: "Đã giải thể", mergedFrom: "Hợp nhất từ các cụm", rules: "Quy chế áp dụng theo năm",
        fromYear: "Từ năm", atFormation: "Khi thành lập", votes: "Biểu quyết", flagCap: "Số Cờ thi đua tối đa",
        headSelection: "Chọn Cụm trưởng", ROTATION: "Luân phiên", NOT_TWICE_RUNNING: "Không hai nhiệm kỳ liền",
        FREE: "Bầu tự do", PRESENT: "số có mặt", MEMBERS: "tổng số thành viên", moreThan: "quá", atLeast: "từ",
        ofRanked: "số đơn vị được xếp hạng", from: "Từ ngày", until: "Đến ngày", joinedBy: "Vào cụm do",
        leftBy: "Rời cụm do", memberships: "Các cụm đã tham gia", fromCluster: "từ cụm", toCluster: "sang cụm",
        ClusterFormed: "thành lập cụm", UnitAdmitted: "kết nạp", UnitWithdrawn: "rút khỏi cụm",
        UnitsMerged: "hợp nhất đơn vị", UnitTransferredIn: "điều chuyển đến", UnitTransferredOut: "điều chuyển đi",
        ClustersMerged: "hợp nhất cụm"
    },
    en: {
        clusters: "Clusters", admin: "Admin", signIn: "Sign in", signOut: "Sign out", user: "User name",
        password: "Password", token: "Access token", orToken: "or an access token (JWT) from your organisation's sign-in:",
        badSignIn: "Wrong user name, password or token.", other: "Tiếng Việt", cluster: "Cluster", sector: "Sector",
        members: "Members", head: "Head", deputy: "Deputy", term: "Term", unit: "Unit", province: "Province",
        status: "Status", years: "Emulation years", year: "Year", leadership: "Head and deputy by term",
        decisions: "Decision log", scoreboard: "Scoreboard", rank: "Rank", pledge: "Pledge", report: "Report",
        self: "Self", assessed: "Assessed", final: "Score", award: "Award", late: "late", yes: "✓",
        csv: "Download CSV", minutes: "Minutes (PDF)", proposal: "Award proposal (PDF)", timeline: "The year in events",
        recorded: "Recorded",
        live: "Live", seq: "No.", type: "Type", summary: "Summary", actor: "By", minutesRef: "Minutes",
        reason: "Reason", rescindedBy: "Rescinded by", receipt: "Receipt", valid: "Chain valid",
        broken: "Chain broken at entry", checkpoint: "The ledger's latest signed checkpoint", record: "Unit record",
        witnesses: "Independent witnesses that cosign it", quorum: "at least", cosigned: "cosigned",
        notCosigned: "not cosigned",
        predecessors: "Merged from", successor: "Merged into", chart: "Score and rank across years", office: "Office",
        projections: "Read models", position: "Position", replay: "Replay", replaying: "Rebuilding",
        RUNNING: "Running", STOPPED: "Stopped", ERROR: "Error", noData: "Nothing recorded yet.", unranked: "—", ACTIVE: "Active", WITHDRAWN: "Withdrawn",
        MERGED: "Merged", EMULATION_FLAG: "Emulation flag", CERTIFICATE_OF_MERIT: "Certificate of merit",
        HEAD: "Head", DEPUTY: "Deputy", OPEN: "Open", RANKED: "Ranked", CLOSED: "Closed",
        TRANSFERRED: "Transferred", DISSOLVED: "Dissolved", dissolvedInto: "Dissolved, merged into",
        dissolvedAlone: "Dissolved", mergedFrom: "Merged from clusters", rules: "Rules in force by year",
        fromYear: "From", atFormation: "At formation", votes: "Votes", flagCap: "Flags at most",
        headSelection: "Head chosen", ROTATION: "In rotation", NOT_TWICE_RUNNING: "Not twice running",
        FREE: "Freely", PRESENT: "of those present", MEMBERS: "of all members", moreThan: "more than",
        atLeast: "at least", ofRanked: "of ranked units", from: "From", until: "Until", joinedBy: "Joined by",
        leftBy: "Left by", memberships: "Clusters it was in", fromCluster: "from", toCluster: "to",
        ClusterFormed: "formation", UnitAdmitted: "admission", UnitWithdrawn: "withdrawal",
        UnitsMerged: "merger of units", UnitTransferredIn: "transfer in", UnitTransferredOut: "transfer out",
        ClustersMerged: "merger of clusters"
    }
};

let language = localStorage.getItem("thidua.language") || "vi";
let stopStream = null;
const t = key => WORDS[language][key] ?? key;
const view = () => document.getElementById("view");

function credentials() {
    return sessionStorage.getItem("thidua.authorization");
}

async function api(path, options = {}) {
    const headers = {"Accept-Language": language, ...(options.headers || {})};
    if (credentials()) {
        headers.Authorization = credentials();
    }
    const response = await fetch(path, {...options, headers});
    if (response.status === 401) {
        showSignIn();
        throw new Error("unauthenticated");
    }
    return response;
}

async function json(path) {
    const response = await api(path);
    if (!response.ok) {
        const problem = await response.json().catch(() => ({}));
        throw new Error(problem.detail || response.statusText);
    }
    return response.json();
}

/** Server-sent events over fetch, so that the request carries the sign-in like every other. */
async function stream(path, onData) {
    const controller = new AbortController();
    stopStream = () => controller.abort();
    const response = await api(path, {headers: {Accept: "text/event-stream"}, signal: controller.signal});
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
        const {value, done} = await reader.read();
        if (done) {
            return;
        }
        buffer += decoder.decode(value, {stream: true}).replace(/\r\n/g, "\n");
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
            const message = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = message.split("\n").filter(line => line.startsWith("data:"))
                .map(line => line.slice(5).trim()).join("\n");
            if (data) {
                onData(JSON.parse(data));
            }
        }
    }
}

async function download(path, fileName) {
    const response = await api(path);
    const link = document.createElement("a");
    link.href = URL.createObjectURL(await response.blob());
    link.download = fileName;
    link.click();
}

/** Elements from a tag, attributes and children (strings become text, never HTML). */
function el(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    Object.entries(attributes).forEach(([name, value]) => {
        if (name.startsWith("on")) {
            element.addEventListener(name.slice(2), value);
        } else if (value !== null && value !== undefined && value !== false) {
            element.setAttribute(name, value === true ? "" : value);
        }
    });
    children.flat(Infinity).forEach(child => element.append(child instanceof Node ? child : String(child ?? "")));
    return element;
}

function table(id, columns, rows) {
    return el("table", {id}, el("thead", {}, el("tr", {}, columns.map(column =>
            el("th", {class: column.optional ? "optional" : null}, t(column.title))))),
        el("tbody", {}, rows.length ? rows : el("tr", {}, el("td", {colspan: columns.length, class: "muted"},
            t("noData")))));
}

const number = value => value === null || value === undefined ? "" : Number(value).toLocaleString(
    language === "vi" ? "vi-VN" : "en-GB", {maximumFractionDigits: 2});

async function clusters() {
    const list = await json("/api/clusters");
    view().replaceChildren(el("h1", {}, t("clusters")), table("clusters", [{title: "cluster"}, {title: "sector"},
        {title: "members"}, {title: "head"}], list.map(c => el("tr", {"data-cluster": c.clusterId},
        el("td", {}, el("a", {href: `#/c/${c.clusterId}`}, c.name)), el("td", {}, c.sector),
        el("td", {class: "number"}, c.memberCount), el("td", {}, c.head ? `${c.head.name} (${c.head.termYear})` : "")))));
}

async function cluster(clusterId) {
    const [detail, leadership, years] = await Promise.all([json(`/api/clusters/${clusterId}`),
        json(`/api/clusters/${clusterId}/leadership`), json(`/api/clusters/${clusterId}/years`)]);
    view().replaceChildren(
        el("h1", {}, detail.name), el("p", {class: "muted"}, detail.sector),
        el("div", {class: "actions"}, el("a", {class: "button", href: `#/c/${clusterId}/decisions`}, t("decisions"))),
        el("h2", {}, t("years")),
        el("div", {class: "actions", id: "years"}, years.map(y => el("a", {class: "button",
            href: `#/c/${clusterId}/y/${y.year}`}, `${y.year} · ${t(y.status)}`))),
        lineage(detail),
        el("h2", {}, t("members")),
        table("members", [{title: "unit"}, {title: "province", optional: true}, {title: "status"}],
            detail.members.map(m => el("tr", {"data-unit": m.unitId},
                el("td", {}, el("a", {href: `#/u/${m.unitId}`}, m.name)),
                el("td", {class: "optional"}, m.province), el("td", {"data-status": m.status}, t(m.status),
                    m.fromClusterId ? [" · ", t("fromCluster"), " ", clusterLink(m.fromClusterId)] : "",
                    m.toClusterId ? [" · ", t("toCluster"), " ", clusterLink(m.toClusterId)] : "")))),
        el("h2", {}, t("rules")),
        table("rules", [{title: "fromYear"}, {title: "votes"}, {title: "flagCap"}, {title: "headSelection"}],
            detail.rulesInForce.map(r => el("tr", {"data-from": r.fromYear ?? ""},
                el("td", {}, r.fromYear ?? t("atFormation")), el("td", {}, votes(r.votesInForce)),
                el("td", {}, flagCap(r.flagCapInForce)), el("td", {}, t(r.headSelectionInForce))))),
        el("h2", {}, t("leadership")),
        table("leadership", [{title: "term"}, {title: "head"}, {title: "deputy"}], leadership.map(term =>
            el("tr", {}, el("td", {}, term.termYear), el("td", {}, term.head?.name ?? ""),
                el("td", {}, term.deputy?.name ?? "")))));
}

const clusterLink = clusterId => el("a", {href: `#/c/${clusterId}`}, clusterId);

/** Whether the cluster was dissolved (and into which), and which clusters were merged into it. */
function lineage(detail) {
    return el("div", {id: "lineage"},
        detail.status === "DISSOLVED" ? el("p", {class: "notice", "data-status": "DISSOLVED"},
            detail.successor ? [t("dissolvedInto"), " ", clusterLink(detail.successor)] : t("dissolvedAlone")) : "",
        detail.predecessors.length ? el("p", {}, `${t("mergedFrom")}: `, detail.predecessors.map((p, i) =>
            [i ? ", " : "", clusterLink(p)])) : "");
}

/** Each kind's vote as it applies (the query side resolves the defaults). */
function votes(votesInForce) {
    return Object.entries(votesInForce).map(([kind, vote]) => el("div", {"data-kind": kind},
        `${t(kind)}: ${t(vote.strictlyMore ? "moreThan" : "atLeast")} `
        + `${vote.thresholdNumerator}/${vote.thresholdDenominator} ${t(vote.basis)}`
        + ` (${vote.quorumNumerator}/${vote.quorumDenominator})`));
}

const flagCap = cap => cap.count ? String(cap.count) : `${cap.percentOfRanked}% ${t("ofRanked")}`;

function scoreboardRows(board, previous) {
    return board.rows.map(row => el("tr", {"data-unit": row.unitId, "data-rank": row.rank ?? "",
            class: previous && previous[row.unitId] !== row.rank ? "moved" : null},
        el("td", {class: "number"}, row.rank ?? t("unranked")),
        el("td", {}, el("a", {href: `#/u/${row.unitId}`}, row.unitName)),
        el("td", {class: "optional"}, row.pledgeSigned ? t("yes") : ""),
        el("td", {class: "optional"}, row.reportFiled ? t("yes") : "",
            row.reportLate ? el("span", {class: "late"}, " " + t("late")) : ""),
        el("td", {class: "number optional"}, number(row.selfScore)),
        el("td", {class: "number optional"}, number(row.assessedScore)),
        el("td", {class: "number"}, number(row.finalScore)),
        el("td", {}, row.award ? t(row.award) : "")));
}

async function year(clusterId, yearNumber) {
    const base = `/api/clusters/${clusterId}/years/${yearNumber}`;
    const columns = [{title: "rank"}, {title: "unit"}, {title: "pledge", optional: true},
        {title: "report", optional: true}, {title: "self", optional: true}, {title: "assessed", optional: true},
        {title: "final"}, {title: "award"}];
    const board = table("scoreboard", columns, []);
    const status = el("p", {class: "muted", id: "board-status"});
    let ranks = null;
    const show = current => {
        board.querySelector("tbody").replaceChildren(...scoreboardRows(current, ranks));
        ranks = Object.fromEntries(current.rows.map(row => [row.unitId, row.rank]));
        status.textContent = `${t(current.status)} · ${new Date(current.asOf).toLocaleString(language)}`;
    };
    const timeline = el("ol", {id: "timeline"});
    view().replaceChildren(
        el("h1", {}, `${t("scoreboard")} ${yearNumber}`), status,
        el("div", {class: "actions"},
            el("button", {type: "button", id: "csv", onclick: () => download(`${base}/scoreboard.csv`,
                    `scoreboard-${clusterId}-${yearNumber}.csv`)}, t("csv")),
            el("button", {type: "button", onclick: () => download(`${base}/documents/minutes.pdf`,
                    `bien-ban-${clusterId}-${yearNumber}.pdf`)}, t("minutes")),
            el("button", {type: "button", onclick: () => download(`${base}/documents/proposal.pdf`,
                    `to-trinh-${clusterId}-${yearNumber}.pdf`)}, t("proposal")),
            el("a", {class: "button", href: `#/c/${clusterId}`}, t("cluster"))),
        board, el("h2", {}, t("timeline")), timeline);
    show(await json(`${base}/scoreboard`));
    // Each act by the day it took place; the day it was entered shows on hover.
    json(`${base}/timeline`).then(lines => timeline.replaceChildren(...lines.map(line =>
        el("li", {}, el("time", {class: "muted", datetime: line.occurredOn,
                title: `${t("recorded")} ${new Date(line.at).toLocaleString(language)}`},
                actDay(line.occurredOn) + " "),
            line.text[language])))).catch(() => timeline.replaceChildren(el("li", {class: "muted"}, t("noData"))));
    stream(`${base}/scoreboard/stream`, show).catch(() => {});
}

async function decisions(clusterId) {
    const [entries, verification, checkpoint, policy] = await Promise.all([
        json(`/api/clusters/${clusterId}/decisions`), json(`/api/clusters/${clusterId}/decisions/verification`),
        api("/api/ledger/checkpoint").then(response => response.ok ? response.text() : ""),
        api("/api/ledger/policy").then(response => response.ok ? response.json() : {witnesses: [], quorum: 0})]);
    // The server serves only cosignatures that check against the configured witness keys.
    const cosignedBy = name => checkpoint.split("\n").some(line => line.startsWith(`\u2014 ${name} `));
    const badge = el("span", {id: "badge", class: "badge " + (verification.valid ? "valid" : "broken"),
            "data-valid": String(verification.valid)},
        verification.valid ? `✓ ${t("valid")} (${verification.entries})`
            : `✗ ${t("broken")} ${verification.firstBrokenSeq ?? ""}${verification.reason ? " — " + verification.reason : ""}`);
    view().replaceChildren(
        el("h1", {}, t("decisions")), badge,
        el("h2", {}, t("checkpoint")), el("pre", {class: "checkpoint", id: "checkpoint"}, checkpoint),
        el("p", {id: "witnesses"}, `${t("witnesses")} (${t("quorum")} ${policy.quorum}):`),
        el("ul", {class: "witnesses"}, ...policy.witnesses.map(witness => el("li", {class: "witness",
                "data-cosigned": String(cosignedBy(witness.name))},
            `${cosignedBy(witness.name) ? "✓" : "…"} ${witness.name} — ${t(cosignedBy(witness.name) ? "cosigned"
                : "notCosigned")}`))),
        table("decisions", [{title: "seq"}, {title: "type", optional: true}, {title: "summary"},
            {title: "actor", optional: true}, {title: "minutesRef", optional: true}, {title: "reason", optional: true},
            {title: "receipt"}], entries.map(entry => el("tr", {"data-seq": entry.seq,
                class: entry.rescindedBy ? "rescinded" : null},
            el("td", {class: "number"}, entry.seq), el("td", {class: "optional", title: entry.type},
                entry.kind ? entry.kind[language] : entry.type),
            el("td", {}, entry.summary[language], entry.rescindedBy ? ` (${t("rescindedBy")} ${entry.rescindedBy})` : ""),
            el("td", {class: "optional"}, `${entry.actor ?? ""} ${entry.role ? "(" + entry.role + ")" : ""}`),
            el("td", {class: "optional"}, entry.minutesRef ?? ""), el("td", {class: "optional"}, entry.reason ?? ""),
            el("td", {}, el("button", {type: "button", onclick: () => download(`/api/ledger/receipts/${entry.eventId}`,
                    `receipt-${entry.eventId}.json`)}, t("receipt")))))));
}

/** A day (YYYY-MM-DD, Vietnam's calendar) as the page's language writes it, without shifting it across zones. */
function actDay(day) {
    const [year, month, date] = day.split("-").map(Number);
    return new Date(Date.UTC(year, month - 1, date)).toLocaleDateString(language, {timeZone: "UTC"});
}

function chart(years) {
    const ranked = years.filter(y => y.finalScore !== null && y.finalScore !== undefined);
    const width = 600, height = 240, pad = 40;
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("class", "chart");
    svg.setAttribute("id", "chart");
    if (!ranked.length) {
        return svg;
    }
    const min = Math.min(...ranked.map(y => y.finalScore)) - 5, max = Math.max(...ranked.map(y => y.finalScore)) + 5;
    const x = i => pad + (ranked.length === 1 ? (width - 2 * pad) / 2 : i * (width - 2 * pad) / (ranked.length - 1));
    const y = score => height - pad - (score - min) * (height - 2 * pad) / (max - min || 1);
    const points = ranked.map((r, i) => `${x(i)},${y(r.finalScore)}`).join(" ");
    const line = document.createElementNS(svg.namespaceURI, "polyline");
    line.setAttribute("points", points);
    line.setAttribute("fill", "none");
    line.setAttribute("stroke", "#9b1c1c");
    line.setAttribute("stroke-width", "2");
    svg.append(line);
    ranked.forEach((r, i) => {
        // A mark per year, so that one year reads as well as ten.
        const mark = document.createElementNS(svg.namespaceURI, "circle");
        mark.setAttribute("cx", x(i));
        mark.setAttribute("cy", y(r.finalScore));
        mark.setAttribute("r", "5");
        mark.setAttribute("fill", "#9b1c1c");
        svg.append(mark);
        const label = document.createElementNS(svg.namespaceURI, "text");
        label.setAttribute("x", x(i));
        label.setAttribute("y", y(r.finalScore) - 8);
        label.setAttribute("text-anchor", "middle");
        label.setAttribute("font-size", "12");
        label.textContent = `${number(r.finalScore)} (#${r.rank ?? "—"})`;
        const axis = document.createElementNS(svg.namespaceURI, "text");
        axis.setAttribute("x", x(i));
        axis.setAttribute("y", height - 12);
        axis.setAttribute("text-anchor", "middle");
        axis.setAttribute("font-size", "12");
        axis.textContent = r.year;
        svg.append(label, axis);
    });
    return svg;
}

async function unit(unitId) {
    const record = await json(`/api/units/${unitId}/record`);
    view().replaceChildren(
        el("h1", {}, `${t("record")}: ${record.name ?? unitId}`),
        record.predecessors.length ? el("p", {}, `${t("predecessors")}: `, record.predecessors.map((p, i) =>
            [i ? ", " : "", el("a", {href: `#/u/${p}`}, p)])) : "",
        record.successor ? el("p", {}, `${t("successor")}: `, el("a", {href: `#/u/${record.successor}`},
            record.successor)) : "",
        el("h2", {}, t("memberships")),
        table("memberships", [{title: "cluster"}, {title: "from"}, {title: "joinedBy"}, {title: "until"},
            {title: "leftBy"}], (record.clusters ?? []).map(stay => el("tr", {"data-cluster": stay.clusterId},
            el("td", {}, clusterLink(stay.clusterId)), el("td", {}, stay.from ?? ""),
            el("td", {}, t(stay.joinedBy), stay.fromClusterId ? [" ", t("fromCluster"), " ",
                clusterLink(stay.fromClusterId)] : ""),
            el("td", {}, stay.until ?? ""),
            el("td", {}, stay.leftBy ? t(stay.leftBy) : "", stay.toClusterId ? [" ", t("toCluster"), " ",
                clusterLink(stay.toClusterId)] : "")))),
        el("h2", {}, t("chart")), chart(record.years),
        table("record", [{title: "year"}, {title: "cluster"}, {title: "unit", optional: true}, {title: "rank"},
            {title: "final"}, {title: "award"}, {title: "office"}], record.years.map(y => el("tr", {},
            el("td", {}, y.year), el("td", {}, y.clusterId), el("td", {class: "optional"}, y.unitId),
            el("td", {class: "number"}, y.rank ?? t("unranked")), el("td", {class: "number"}, number(y.finalScore)),
            el("td", {}, y.award ? t(y.award) : ""), el("td", {}, y.office ? t(y.office) : "")))));
}

async function admin() {
    const render = list => table("projections", [{title: "projections"}, {title: "status"}, {title: "position"},
        {title: "replaying"}, {title: "replay"}], list.map(p => el("tr", {"data-name": p.name},
        el("td", {}, p.name), el("td", {"data-status": p.status}, p.replaying ? t("replaying") : t(p.status)),
        el("td", {class: "number"}, p.position ?? ""),
        el("td", {}, el("div", {class: "progress", "data-name": p.name, "data-progress": p.progress,
            "data-replaying": String(p.replaying)}, el("div", {style: `width: ${Math.round(p.progress * 100)}%`}))),
        el("td", {}, el("button", {type: "button", "data-replay": p.name, onclick: async () => {
            await api(`/api/admin/projections/${p.name}/replay`, {method: "POST"});
            holder.dataset.replayed = p.name;
            refresh();
        }}, t("replay"))))));
    const holder = el("div", {id: "projections-holder"});
    const refresh = async () => holder.replaceChildren(render(await json("/api/admin/projections")));
    view().replaceChildren(el("h1", {}, t("projections")), holder);
    await refresh();
    const timer = setInterval(() => document.body.contains(holder) ? refresh().catch(() => {}) : clearInterval(timer),
        500);
}

const ROUTES = [
    [/^#?\/?$/, () => clusters()],
    [/^#\/c\/([\w-]+)$/, m => cluster(m[1])],
    [/^#\/c\/([\w-]+)\/y\/(\d+)$/, m => year(m[1], m[2])],
    [/^#\/c\/([\w-]+)\/decisions$/, m => decisions(m[1])],
    [/^#\/u\/([\w-]+)$/, m => unit(m[1])],
    [/^#\/admin$/, () => admin()]
];

async function route() {
    if (stopStream) {
        stopStream();
        stopStream = null;
    }
    translate();
    if (!credentials()) {
        showSignIn();
        return;
    }
    document.getElementById("sign-in").hidden = true;
    view().hidden = false;
    if (!location.hash) {
        // Each person opens on what waits for them.
        location.hash = "#/desk";
        return;
    }
    for (const [pattern, show] of ROUTES) {
        const match = location.hash.match(pattern);
        if (match) {
            try {
                await show(match);
            } catch (error) {
                if (error.message !== "unauthenticated") {
                    view().replaceChildren(el("p", {class: "error", id: "error"}, error.message));
                }
            }
            return;
        }
    }
    location.hash = "#/";
}

function translate() {
    document.documentElement.lang = language;
    document.querySelectorAll("[data-text]").forEach(node => node.textContent = t(node.dataset.text));
    document.getElementById("lang").textContent = t("other");
    document.getElementById("who").textContent = sessionStorage.getItem("thidua.user") || "";
}

function showSignIn() {
    sessionStorage.removeItem("thidua.authorization");
    document.getElementById("sign-in").hidden = false;
    view().hidden = true;
}

document.getElementById("sign-in").addEventListener("submit", async event => {
    event.preventDefault();
    const user = document.getElementById("user").value;
    const token = document.getElementById("token").value.trim();
    const authorization = token ? `Bearer ${token}`
        : "Basic " + btoa(String.fromCharCode(...new TextEncoder().encode(`${user}:${document.getElementById("password").value}`)));
    const check = await fetch("/api/clusters", {headers: {Authorization: authorization}});
    if (check.status === 401) {
        document.getElementById("sign-in-error").textContent = t("badSignIn");
        return;
    }
    sessionStorage.setItem("thidua.authorization", authorization);
    sessionStorage.setItem("thidua.user", token ? "JWT" : user);
    document.getElementById("sign-in-error").textContent = "";
    route();
});
document.getElementById("sign-out").addEventListener("click", () => {
    sessionStorage.clear();
    route();
});
document.getElementById("lang").addEventListener("click", () => {
    language = language === "vi" ? "en" : "vi";
    localStorage.setItem("thidua.language", language);
    route();
});
window.addEventListener("hashchange", route);
// After every script of the page (the desk adds its routes) has run.
window.addEventListener("DOMContentLoaded", route);

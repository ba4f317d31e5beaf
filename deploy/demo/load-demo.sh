#!/usr/bin/env bash
# Loads the demo: Emulation Cluster No. 2 of the Party Organisation sector (Cụm thi đua số 2, Ngành Tổ chức xây dựng
# Đảng), its 2015 and 2016 imported from the workbooks beside this script, then 2017 as the seed story tells it: 14 provincial organisation boards review 2017, sign the 2018 pledge and confirm
# the Bắc Giang board, first on the roster of a cluster that rotates its head, as cluster head for 2018. Everything
# goes through the public HTTP API, so this doubles as a client example. Running it again changes nothing: a step the record already holds is answered 409 with an "already" code.
#
# The record is brought in from the archive: each act carries the day it took place ("occurredOn"), so deadlines judge
# the acts by those days (no 2017 report is late) while the ledger keeps the day they were entered.
#
# The scores are ILLUSTRATIVE: the article gives none. So are the criteria, signatories, minutes references and the
# days of the acts before the year-end conference (the article dates none; the conference is placed on 28 Dec 2017).
#
# It signs in as the demo users of the embedded default: the council (hoi-dong), the cluster's secretariat
# (thu-ky-cum-2) and each board's officer (can-bo-<province>), all with THIDUA_DEMO_PASSWORD (thidua-demo).
#
#   usage: load-demo.sh [command-side base URL, default http://127.0.0.1:8080]
set -euo pipefail
password="${THIDUA_DEMO_PASSWORD:-thidua-demo}"

api="${1:-http://127.0.0.1:8080}/api/clusters"
cluster=cum-2
already='CLUSTER_EXISTS|YEAR_ALREADY_OPENED|ALREADY_SIGNED|REPORT_ALREADY_FILED|RANKING_FINALIZED|ALREADY_PROPOSED|OFFICE_ALREADY_FILLED|DOCUMENT_ALREADY_ISSUED'

# send USER METHOD PATH JSON: accepted, or already recorded; anything else stops the load.
send() {
  local answer status
  answer=$(curl -sS -u "$1:$password" -X "$2" "$api$3" -H 'Content-Type: application/json; charset=utf-8' \
    -H 'Accept-Language: vi' -w '\n%{http_code}' --data-binary "$4")
  status=${answer##*$'\n'}
  case "$status" in
    2??) ;;
    409) grep -Eq "\"code\":\"($already)\"" <<<"$answer" || { echo "refused: $3: $answer" >&2; exit 1; } ;;
    *) echo "failed ($status): $3: $answer" >&2; exit 1 ;;
  esac
}
council=hoi-dong
secretariat=thu-ky-cum-2
officer() { echo "can-bo-${1#btc-}"; }

# unit id | province | party committee (Tỉnh ủy, or Thành ủy for a city) | illustrative 2017 points: chuyên môn, phong trào
boards=(
  "btc-bac-giang|Bắc Giang|Tỉnh ủy|58|38"
  "btc-hung-yen|Hưng Yên|Tỉnh ủy|55|36"
  "btc-hai-duong|Hải Dương|Tỉnh ủy|54|36"
  "btc-quang-ninh|Quảng Ninh|Tỉnh ủy|57|37"
  "btc-lang-son|Lạng Sơn|Tỉnh ủy|52|35"
  "btc-nghe-an|Nghệ An|Tỉnh ủy|56|36"
  "btc-ninh-binh|Ninh Bình|Tỉnh ủy|53|35"
  "btc-thanh-hoa|Thanh Hóa|Tỉnh ủy|56|37"
  "btc-bac-ninh|Bắc Ninh|Tỉnh ủy|55|37"
  "btc-hai-phong|Hải Phòng|Thành ủy|57|36"
  "btc-ha-nam|Hà Nam|Tỉnh ủy|51|34"
  "btc-ha-tinh|Hà Tĩnh|Tỉnh ủy|53|36"
  "btc-nam-dinh|Nam Định|Tỉnh ủy|54|35"
  "btc-thai-binh|Thái Bình|Tỉnh ủy|52|36"
)

members=""
for board in "${boards[@]}"; do
  IFS='|' read -r unit province committee _ _ <<<"$board"
  members+="${members:+,}{\"unitId\":\"$unit\",\"name\":\"Ban Tổ chức $committee $province\",\"province\":\"$province\"}"
done

echo "Loading the demo cluster $cluster (Cụm thi đua số 2) ..."
formed_on=2015-01-05     # the cluster's regulations adopted (before the years the demo's archive holds)
opened_2017=2017-01-10   # the 2017 emulation launched
signed_2017=2017-02-20   # the 2017 pledge signed, before its 31 March deadline
reported_2017=2017-12-05 # the 2017 reports, before their 15 December deadline
conference=2017-12-28    # the year-end review: ranking, proposals, the 2018 head, the 2018 pledge

send "$council" POST "" "{\"occurredOn\":\"$formed_on\",\"clusterId\":\"$cluster\",\"name\":\"Cụm thi đua số 2\",\"sector\":\"Ngành Tổ chức xây dựng Đảng\",\"members\":[$members],
  \"rules\":{\"quorumNumerator\":2,\"quorumDenominator\":3,\"majorityNumerator\":1,\"majorityDenominator\":2,
    \"headRotation\":true,\"flagQuotaPercent\":20,\"headSelection\":\"ROTATION\"}}"

# The cluster's past, as its secretariat kept it: 2015 and 2016 in the workbooks beside this script (illustrative
# figures, marked so in them), imported as they are, each all or nothing; heads Nam Định (2016) and Thái Bình (2017).
import_year() { # year
  local answer status
  answer=$(curl -sS -u "$secretariat:$password" -X POST "$api/$cluster/years/$1/import" -H 'Accept-Language: vi' \
    -H 'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' -w '\n%{http_code}' \
    --data-binary @"$(dirname "$0")/cum-thi-dua-so-2-$1.xlsx")
  status=${answer##*$'\n'}
  case "$status" in
    200) ;;
    409) grep -q '"code":"YEAR_ALREADY_OPENED"' <<<"$answer" || { echo "refused: import $1: $answer" >&2; exit 1; } ;;
    *) echo "failed ($status): import $1: $answer" >&2; exit 1 ;;
  esac
}
import_year 2015
import_year 2016

open_year() { # year, day opened
  send "$council" POST "/$cluster/years" "{\"year\":$1,\"occurredOn\":\"$2\",
    \"scoringTable\":{\"criteria\":[
      {\"criterionId\":\"chuyen-mon\",\"group\":\"Nhiệm vụ chuyên môn\",\"title\":\"Tham mưu công tác tổ chức xây dựng Đảng, xây dựng hệ thống chính trị\",\"maxPoints\":60},
      {\"criterionId\":\"phong-trao\",\"group\":\"Phong trào thi đua\",\"title\":\"Phát động, tổ chức thực hiện các phong trào thi đua\",\"maxPoints\":40}],
      \"maxBonus\":5,\"maxPenalty\":5},
    \"pledge\":{\"targets\":[
      {\"targetId\":\"hoan-thanh\",\"text\":\"Hoàn thành toàn diện, thắng lợi các nhiệm vụ được giao\"},
      {\"targetId\":\"quy-hoach\",\"text\":\"Tham mưu rà soát, bổ sung quy hoạch cán bộ lãnh đạo, quản lý\"}]},
    \"pledgeDeadline\":\"$1-03-31\",\"reportDeadline\":\"$1-12-15\"}"
}

sign_all() { # year, day signed
  for board in "${boards[@]}"; do
    IFS='|' read -r unit _ _ _ _ <<<"$board"
    send "$(officer "$unit")" POST "/$cluster/years/$1/pledge/signatures" \
      "{\"occurredOn\":\"$2\",\"unitId\":\"$unit\",\"signatory\":{\"name\":\"Trưởng Ban Tổ chức\",\"title\":\"Trưởng ban\"}}"
  done
}

ballot='{"eligibleVoters":14,"votersPresent":14,"votesFor":13,"votesAgainst":1,"invalid":0}'

open_year 2017 "$opened_2017"
sign_all 2017 "$signed_2017"
for board in "${boards[@]}"; do
  IFS='|' read -r unit province _ chuyen_mon phong_trao <<<"$board"
  send "$(officer "$unit")" POST "/$cluster/years/2017/reports" "{\"occurredOn\":\"$reported_2017\",\"unitId\":\"$unit\",
    \"summary\":\"Báo cáo tổng kết công tác năm 2017 của Ban Tổ chức $province (điểm minh họa)\",
    \"selfScores\":{\"chuyen-mon\":$chuyen_mon,\"phong-trao\":$phong_trao},\"bonusPoints\":0,\"penaltyPoints\":0,
    \"evidence\":[{\"title\":\"Báo cáo tổng kết năm 2017\",
      \"sha256\":\"$(printf '%s' "bao-cao-2017-$unit" | sha256sum | cut -c1-64)\",
      \"uri\":\"https://vanban.example/2017/$unit.pdf\"}]}"
done
send "$secretariat" POST "/$cluster/years/2017/ranking" \
  "{\"occurredOn\":\"$conference\",\"note\":\"Hội nghị tổng kết công tác năm 2017\"}"
send "$secretariat" POST "/$cluster/years/2017/commendations" \
  "{\"occurredOn\":\"$conference\",\"unitId\":\"btc-bac-giang\",\"award\":\"EMULATION_FLAG\",\"ballot\":$ballot,\"minutesRef\":\"Biên bản số 02/BB-CTĐ2 (minh họa)\"}"

send "$secretariat" POST "/$cluster/elections" \
  "{\"occurredOn\":\"$conference\",\"termYear\":2018,\"office\":\"HEAD\",\"unitId\":\"btc-bac-giang\",\"ballot\":$ballot,\"minutesRef\":\"Biên bản số 01/BB-CTĐ2 (minh họa)\"}"

# The conference's minutes, issued with their number: printed once, from then on the same PDF (the place is illustrative).
send "$secretariat" POST "/$cluster/years/2017/documents" \
  "{\"kind\":\"MINUTES\",\"number\":2,\"symbol\":\"BB-CTĐ2\",\"occurredOn\":\"$conference\",\"place\":\"Bắc Giang\"}"

open_year 2018 "$conference"
sign_all 2018 "$conference"

# The council amends the regulations from 2019 (an illustration, not the story's): a flag needs at least 70% of those
# present, a certificate of merit more than half of all members, and at most two flags a year.
send "$council" POST "/$cluster/rules/amendments" "{\"occurredOn\":\"$conference\",\"effectiveFromYear\":2019,
  \"minutesRef\":\"Biên bản số 03/BB-HĐTĐKT (minh họa)\",\"reason\":\"Sửa đổi quy chế hoạt động của cụm (minh họa)\",
  \"rules\":{\"quorumNumerator\":2,\"quorumDenominator\":3,\"majorityNumerator\":1,\"majorityDenominator\":2,
    \"headRotation\":true,\"flagQuotaPercent\":20,\"headSelection\":\"ROTATION\",
    \"votes\":{
      \"EMULATION_FLAG\":{\"quorumNumerator\":2,\"quorumDenominator\":3,\"basis\":\"PRESENT\",
        \"thresholdNumerator\":70,\"thresholdDenominator\":100,\"strictlyMore\":false},
      \"CERTIFICATE_OF_MERIT\":{\"quorumNumerator\":2,\"quorumDenominator\":3,\"basis\":\"MEMBERS\",
        \"thresholdNumerator\":1,\"thresholdDenominator\":2,\"strictlyMore\":true}},
    \"flagCap\":{\"count\":2}}}"
echo "Demo loaded: 14 boards, 2015 and 2016 imported from their workbooks, 2017 reviewed and ranked, its minutes issued as No. 2/BB-CTĐ2, Bắc Giang head for 2018, 2018 pledge signed, rules amended from 2019."

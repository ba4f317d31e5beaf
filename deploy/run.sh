#!/usr/bin/env bash
# Runs thidua on the embedded default store: builds what is missing, starts two ledger witnesses (as two other
# organisations would run them, quorum 2), the command side and the query side as processes sharing an embedded
# PostgreSQL under the data folder, loads the demo cluster once, prints the useful URLs and stops all on Ctrl-C.
# Needs Java 17 and curl.
#
#   THIDUA_COMMAND_PORT (8080)  THIDUA_QUERY_PORT (8081)  THIDUA_DB_PORT (54329)  THIDUA_DATA_DIR (./data)
#   THIDUA_WITNESS_PORTS (8091,8092)  THIDUA_LOAD_DEMO (true)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export THIDUA_COMMAND_PORT="${THIDUA_COMMAND_PORT:-8080}"
export THIDUA_QUERY_PORT="${THIDUA_QUERY_PORT:-8081}"
export THIDUA_DB_PORT="${THIDUA_DB_PORT:-54329}"
export THIDUA_DATA_DIR="$(mkdir -p "${THIDUA_DATA_DIR:-$root/data}" && cd "${THIDUA_DATA_DIR:-$root/data}" && pwd)"
logs="$THIDUA_DATA_DIR/logs"
mkdir -p "$logs"

command_jar() { ls command-side/target/command-side-*-exec.jar 2>/dev/null | head -n 1; }
query_jar() { ls query-side/target/query-side-*-exec.jar 2>/dev/null | head -n 1; }
witness_jar() { ls witness/target/witness-*-exec.jar 2>/dev/null | head -n 1; }
ledger_tool() { ls ledger/target/ledger-*-verifier.jar 2>/dev/null | head -n 1; }

# Build when a jar is missing or older than any source.
stale=false
for jar in "$(command_jar)" "$(query_jar)" "$(witness_jar)" "$(ledger_tool)"; do
  if [ -z "$jar" ] || [ -n "$(find pom.xml shared-events ledger witness platform command-side query-side -newer "$jar" \
      \( -name '*.java' -o -name '*.yml' -o -name '*.sql' -o -name 'pom.xml' -o -name '*.html' -o -name '*.js' \
      -o -name '*.css' -o -name '*.xhtml' -o -name '*.properties' \) -not -path '*/target/*' -print -quit)" ]; then
    stale=true
  fi
done
if $stale; then
  echo "Building (first run, or sources changed) ..."
  ./mvnw -B -q -DskipTests -pl command-side,query-side,witness -am package
fi

# A PostgreSQL left running by a killed command side would hold the data folder: stop it first.
pidfile="$THIDUA_DATA_DIR/postgres/postmaster.pid"
if [ -f "$pidfile" ] && kill -0 "$(head -n 1 "$pidfile")" 2>/dev/null; then
  echo "Stopping the PostgreSQL left running from an earlier run ..."
  kill -INT "$(head -n 1 "$pidfile")"
  while kill -0 "$(head -n 1 "$pidfile" 2>/dev/null || echo 0)" 2>/dev/null; do sleep 0.5; done
fi

pids=()
stop() {
  # A second Ctrl-C must not cut the shutdown short.
  trap '' INT TERM
  trap - EXIT
  echo
  echo "Stopping ..."
  for (( i=${#pids[@]}-1; i>=0; i-- )); do kill -TERM "${pids[$i]}" 2>/dev/null || true; wait "${pids[$i]}" 2>/dev/null || true; done
  echo "Stopped. Data kept in $THIDUA_DATA_DIR"
}
trap stop INT TERM EXIT

wait_healthy() { # name, port, pid
  for _ in $(seq 1 180); do
    if curl -fsS "http://127.0.0.1:$2/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; then return 0; fi
    if ! kill -0 "$3" 2>/dev/null; then echo "$1 stopped while starting; see $logs/$1.log" >&2; return 1; fi
    sleep 1
  done
  echo "$1 did not become healthy in 3 minutes; see $logs/$1.log" >&2
  return 1
}

java_opts=(-Daxoniq.update-checker.disabled=true -Dfile.encoding=UTF-8)

# The keys, made once where they are kept, as a council and two witnessing organisations would make theirs; the trust
# policy (the log's verifier key, the witnesses and the quorum) is handed to both apps, never read from the database.
export THIDUA_LEDGER_SIGNER_KEY_FILE="$THIDUA_DATA_DIR/ledger/signer.key"
export THIDUA_LEDGER_VERIFIER_KEY="$(java -jar "$(ledger_tool)" keygen note "${THIDUA_LEDGER_ORIGIN:-thidua.local/ledger}" \
  "$THIDUA_LEDGER_SIGNER_KEY_FILE")"
IFS=, read -r -a witness_ports <<< "${THIDUA_WITNESS_PORTS:-8091,8092}"
witness_names=(ban-to-chuc-tinh-uy-bac-giang ban-thi-dua-khen-thuong-tinh)
witnesses=()
for i in "${!witness_ports[@]}"; do
  name="thidua.local/witness/${witness_names[$i]:-witness-$i}"
  folder="$THIDUA_DATA_DIR/witness-$i"
  vkey="$(java -jar "$(ledger_tool)" keygen cosignature "$name" "$folder/witness.key")"
  echo "Starting witness $name on :${witness_ports[$i]} ..."
  THIDUA_WITNESS_PORT="${witness_ports[$i]}" THIDUA_WITNESS_NAME="$name" THIDUA_WITNESS_KEY_FILE="$folder/witness.key" \
    THIDUA_WITNESS_DATA_DIR="$folder" THIDUA_WITNESS_LOGS="$THIDUA_LEDGER_VERIFIER_KEY" \
    java -jar "$(witness_jar)" > "$logs/witness-$i.log" 2>&1 &
  pids+=($!)
  witnesses+=("$vkey@http://127.0.0.1:${witness_ports[$i]}")
done
export THIDUA_LEDGER_WITNESSES="$(IFS=,; echo "${witnesses[*]}")"
export THIDUA_LEDGER_WITNESS_QUORUM="${#witnesses[@]}"

# The command side has the query side print the documents it issues, and takes the desk's commands from the page the
# query side serves (two origins here; behind one origin in production, see README "The desk").
export THIDUA_QUERY_SIDE_URL="http://127.0.0.1:$THIDUA_QUERY_PORT"
export THIDUA_CORS_ORIGINS="${THIDUA_CORS_ORIGINS:-http://localhost:$THIDUA_QUERY_PORT,http://127.0.0.1:$THIDUA_QUERY_PORT}"
echo "Starting the command side on :$THIDUA_COMMAND_PORT (embedded PostgreSQL on :$THIDUA_DB_PORT) ..."
java "${java_opts[@]}" -jar "$(command_jar)" > "$logs/command-side.log" 2>&1 &
pids+=($!)
wait_healthy command-side "$THIDUA_COMMAND_PORT" "${pids[-1]}"

echo "Starting the query side on :$THIDUA_QUERY_PORT ..."
java "${java_opts[@]}" -jar "$(query_jar)" > "$logs/query-side.log" 2>&1 &
pids+=($!)
wait_healthy query-side "$THIDUA_QUERY_PORT" "${pids[-1]}"

if [ "${THIDUA_LOAD_DEMO:-true}" = "true" ]; then
  "$root/deploy/demo/load-demo.sh" "http://127.0.0.1:$THIDUA_COMMAND_PORT"
fi

q="http://localhost:$THIDUA_QUERY_PORT"
cat <<TXT

thidua is running (Ctrl-C stops the apps and the witnesses; data stays in $THIDUA_DATA_DIR).
  Dashboard and desk    $q/   (sign in as hoi-dong, password thidua-demo; the desk: $q/#/desk)
  Minutes 2017 (PDF)    $q/api/clusters/cum-2/years/2017/documents/minutes.pdf
  Ledger checkpoint     $q/api/ledger/checkpoint   (cosigned by ${#witnesses[@]} witnesses; trust policy: /api/ledger/policy)
  Commands, OpenAPI UI  http://localhost:$THIDUA_COMMAND_PORT/swagger-ui.html
  Queries, OpenAPI UI   $q/swagger-ui.html
  Scoreboard 2017       $q/api/clusters/cum-2/years/2017/scoreboard   (.csv, /stream)
  Decision log          $q/api/clusters/cum-2/decisions   (verify: /decisions/verification)
  Leadership            $q/api/clusters/cum-2/leadership
  Logs                  $logs
Sign in with a demo user, password thidua-demo: hoi-dong (council), thu-ky-cum-2 (secretariat of cum-2),
can-bo-bac-giang ... (officer of each board), kiem-toan (auditor), xem (viewer). For example:
  curl -u kiem-toan:thidua-demo $q/api/clusters/cum-2/decisions/verification
TXT
wait -n "${pids[@]}" || true

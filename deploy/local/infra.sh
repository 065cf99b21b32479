#!/usr/bin/env bash
# Local infrastructure without Docker: a single-node Apache Kafka (KRaft) from Maven Central
# jars, plus the machine's own PostgreSQL and Redis (started if installed but stopped), then
# databases and topics. Idempotent: `up` twice is the same as once.
#
#   bash deploy/local/infra.sh up | down | status
#
# Every address can point elsewhere (KAFKA_BROKERS, DATABASE_ADMIN_URL, REDIS_URL): when it is not
# the local default, nothing is started here and the script only checks and bootstraps.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$ROOT/deploy/local/kafka/pom.xml")"
CACHE_DIR="${CPC_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/cpc-platform}"
JARS="$CACHE_DIR/kafka-$KAFKA_VERSION/libs"
STATE="$ROOT/.local"
KAFKA_STATE="$STATE/kafka"
KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"
KAFKA_PORT="${KAFKA_BROKERS##*:}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HEAP="${KAFKA_HEAP:-512M}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
START_TIMEOUT="${INFRA_START_TIMEOUT_SECONDS:-90}"

log() { printf '[infra] %s\n' "$*" >&2; }
die() { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }
is_local() { [[ "$1" == 127.0.0.1:* || "$1" == localhost:* ]]; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

kafka_jars() {
  if [ -f "$JARS/.complete" ]; then return; fi
  command -v mvn >/dev/null || die "Maven (mvn) is needed to fetch Apache Kafka $KAFKA_VERSION; install it or set KAFKA_BROKERS to a running broker."
  command -v java >/dev/null || die "Java 17 is needed to run Apache Kafka; install it or set KAFKA_BROKERS to a running broker."
  log "resolving Apache Kafka $KAFKA_VERSION jars into $JARS (first run only)"
  mkdir -p "$JARS"
  mvn -B -q -f "$ROOT/deploy/local/kafka/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$JARS" >"$CACHE_DIR/mvn.log" 2>&1 \
    || { tail -20 "$CACHE_DIR/mvn.log" >&2; die "Maven could not resolve the Kafka jars (log: $CACHE_DIR/mvn.log)"; }
  touch "$JARS/.complete"
}

kafka_config() {
  mkdir -p "$KAFKA_STATE/data"
  cat >"$KAFKA_STATE/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$KAFKA_STATE/data
num.partitions=3
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
min.insync.replicas=1
default.replication.factor=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
log.retention.hours=168
PROPS
  cat >"$KAFKA_STATE/log4j.properties" <<'PROPS'
log4j.rootLogger=WARN, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.server.KafkaServer=INFO
log4j.logger.kafka.server.KafkaRaftServer=INFO
log4j.logger.kafka.server.BrokerServer=INFO
PROPS
}

kafka_pid() {
  local pid
  pid="$(cat "$KAFKA_STATE/kafka.pid" 2>/dev/null || true)"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then echo "$pid"; fi
}

kafka_up() {
  if ! is_local "$KAFKA_BROKERS"; then log "KAFKA_BROKERS=$KAFKA_BROKERS is not local: not starting a broker"; return; fi
  if port_open "$KAFKA_PORT"; then log "Kafka already listening on $KAFKA_BROKERS"; return; fi
  kafka_jars
  kafka_config
  if [ ! -f "$KAFKA_STATE/data/meta.properties" ]; then
    local cluster_id
    cluster_id="$(java -Dlog4j.configuration="file:$KAFKA_STATE/log4j.properties" -cp "$JARS/*" kafka.tools.StorageTool random-uuid)"
    java -Dlog4j.configuration="file:$KAFKA_STATE/log4j.properties" -cp "$JARS/*" kafka.tools.StorageTool \
      format -t "$cluster_id" -c "$KAFKA_STATE/server.properties" --ignore-formatted >/dev/null
  fi
  log "starting Apache Kafka $KAFKA_VERSION (KRaft) on $KAFKA_BROKERS, heap $KAFKA_HEAP"
  : >"$KAFKA_STATE/kafka.log"
  # The JVM flags of Kafka's own kafka-run-class.sh, minus the GC log.
  nohup java -Xms"$KAFKA_HEAP" -Xmx"$KAFKA_HEAP" -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$KAFKA_STATE/log4j.properties" \
    -cp "$JARS/*" kafka.Kafka "$KAFKA_STATE/server.properties" >>"$KAFKA_STATE/kafka.log" 2>&1 &
  echo $! >"$KAFKA_STATE/kafka.pid"
  local waited=0
  until grep -q "Kafka Server started" "$KAFKA_STATE/kafka.log" 2>/dev/null; do
    if [ -z "$(kafka_pid)" ]; then tail -30 "$KAFKA_STATE/kafka.log" >&2; die "Kafka exited during start (log: $KAFKA_STATE/kafka.log)"; fi
    if [ "$waited" -ge "$START_TIMEOUT" ]; then tail -30 "$KAFKA_STATE/kafka.log" >&2; die "Kafka did not start within ${START_TIMEOUT}s (log: $KAFKA_STATE/kafka.log)"; fi
    sleep 1; waited=$((waited + 1))
  done
  log "Kafka started in ${waited}s"
}

kafka_down() {
  local pid; pid="$(kafka_pid)"
  if [ -z "$pid" ]; then log "Kafka is not running (started by this script)"; return; fi
  log "stopping Kafka (pid $pid)"
  kill "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || { rm -f "$KAFKA_STATE/kafka.pid"; return; }; sleep 1; done
  log "Kafka did not stop within 60s: killing pid $pid"
  kill -9 "$pid" 2>/dev/null || true
  # Wait for the process to be gone: a broker started while it still holds the data directory's lock exits at once.
  for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && die "Kafka (pid $pid) is still running after SIGKILL"
  rm -f "$KAFKA_STATE/kafka.pid"
}

postgres_up() {
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then return; fi
  if [ -n "${DATABASE_ADMIN_URL:-}" ]; then return; fi
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    log "PostgreSQL is not answering: starting the local cluster"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start \
      || die "PostgreSQL is installed but would not start; see its log under /var/log/postgresql"
  else
    die "PostgreSQL is not answering on 127.0.0.1:5432 and is not installed here; set DATABASE_ADMIN_URL"
  fi
}

redis_up() {
  if [[ "$REDIS_URL" != redis://127.0.0.1* && "$REDIS_URL" != redis://localhost* ]]; then return; fi
  if redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then return; fi
  command -v redis-server >/dev/null || die "Redis is not answering on 127.0.0.1:6379 and is not installed here; set REDIS_URL"
  log "Redis is not answering: starting the local server"
  mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log || die "Redis would not start"
}

case "${1:-up}" in
  up)
    postgres_up
    redis_up
    kafka_up
    for hook in "$ROOT"/deploy/local/up.d/*.sh; do [ -e "$hook" ] && bash "$hook"; done
    # Databases, topics and dead-letter topics, before any consumer subscribes.
    node "$ROOT/deploy/local/bootstrap.mjs"
    ;;
  down)
    for hook in "$ROOT"/deploy/local/down.d/*.sh; do [ -e "$hook" ] && bash "$hook"; done
    kafka_down
    ;;
  status)
    node "$ROOT/deploy/local/bootstrap.mjs" --status
    ;;
  *) die "usage: infra.sh up|down|status" ;;
esac

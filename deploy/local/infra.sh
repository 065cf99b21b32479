#!/usr/bin/env bash
# Local infrastructure without Docker: a single-node Apache Kafka (KRaft) from Maven Central
# jars, plus the machine's own PostgreSQL and Redis (started if installed but stopped), then
# databases and topics. Idempotent: `up` twice is the same as once.
#
#   bash deploy/local/infra.sh up | down | status
#   bash deploy/local/infra.sh test-up [--fresh-test-databases] | test-down
#   bash deploy/local/infra.sh cluster-up | cluster-down | cluster-status
#
# test-up / test-down: the same, for the tests, with a broker of their own (CPC_TEST_KAFKA_BROKERS,
# default 127.0.0.1:9192, state in .local/kafka-9192), so a test run and a development stack on one
# machine share no topic and no consumer group (a test's malformed message is never the stack's to
# dead-letter, and the stack never reads a test's conferences). PostgreSQL and Redis are shared; the
# tests use the *_test databases and the queue prefixes derived from them.
#
# cluster-up: a separate three-broker KRaft cluster (the same jars) whose clients connect over SASL_SSL
# with SCRAM-SHA-512, as a council's would: CA and broker certificate made here with openssl, the users
# created at format time; ports, state and heaps of its own, so it runs beside the single brokers (9092 development, 9192 tests).
#
# Every address can point elsewhere (KAFKA_BROKERS, DATABASE_ADMIN_URL, REDIS_URL): when it is not
# the local default, nothing is started here and the script only checks and bootstraps.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$ROOT/deploy/local/kafka/pom.xml")"
CACHE_DIR="${CPC_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/cpc-platform}"
JARS="$CACHE_DIR/kafka-$KAFKA_VERSION/libs"
STATE="$ROOT/.local"
case "${1:-up}" in test-up | test-down) KAFKA_BROKERS="${CPC_TEST_KAFKA_BROKERS:-127.0.0.1:9192}" ;; esac
KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"
KAFKA_PORT="${KAFKA_BROKERS##*:}"
# The development broker keeps .local/kafka; a broker on another port (the tests') has state of its own.
if [ "$KAFKA_PORT" = 9092 ]; then KAFKA_STATE="$STATE/kafka"; else KAFKA_STATE="$STATE/kafka-$KAFKA_PORT"; fi
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}"
export KAFKA_BROKERS
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

# ---- three-broker cluster (cluster-up / cluster-down): never touches the single broker above ----
CLUSTER_STATE="$STATE/kafka-cluster"
CLUSTER_HEAP="${KAFKA_CLUSTER_HEAP:-384M}"
CLUSTER_CLIENT_BASE="${KAFKA_CLUSTER_PORT_BASE:-19092}"     # SASL_SSL for clients: 19092, 19093, 19094
CLUSTER_INTERNAL_BASE=$((CLUSTER_CLIENT_BASE + 100))        # inter-broker: 19192..19194
CLUSTER_CONTROLLER_BASE=$((CLUSTER_CLIENT_BASE + 200))      # KRaft controllers: 19292..19294
CLUSTER_USER="${KAFKA_CLUSTER_USER:-cpc}"
CLUSTER_STORE_PASSWORD="cpc-local-cluster"                  # PKCS#12 of a throwaway local CA, not a secret

cluster_port() { echo $(($1 + $2 - 1)); }                   # cluster_port BASE NODE
cluster_pid() {
  local pid
  pid="$(cat "$CLUSTER_STATE/node-$1/kafka.pid" 2>/dev/null || true)"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then echo "$pid"; fi
}

# A CA, one broker certificate for 127.0.0.1/localhost (all three brokers share it) and the SCRAM password, once.
cluster_secrets() {
  local dir="$CLUSTER_STATE/tls"
  mkdir -p "$dir"
  if [ ! -f "$dir/broker.p12" ]; then
    command -v openssl >/dev/null || die "openssl is needed to make the cluster's certificates"
    log "making the cluster's CA and broker certificate in $dir"
    openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=cpc local Kafka cluster CA" \
      -keyout "$dir/ca.key" -out "$dir/ca.pem" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$dir/broker.key" -out "$dir/broker.csr" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >"$dir/broker.ext"
    openssl x509 -req -in "$dir/broker.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial -days 825 \
      -extfile "$dir/broker.ext" -out "$dir/broker.pem" 2>/dev/null
    openssl pkcs12 -export -in "$dir/broker.pem" -inkey "$dir/broker.key" -certfile "$dir/ca.pem" -name broker \
      -passout "pass:$CLUSTER_STORE_PASSWORD" -out "$dir/broker.p12"
    chmod 600 "$dir"/*.key "$dir/broker.p12"
  fi
  if [ ! -f "$CLUSTER_STATE/$CLUSTER_USER.password" ]; then
    (umask 077; openssl rand -hex 16 >"$CLUSTER_STATE/$CLUSTER_USER.password")
  fi
  # The client settings of this cluster, as the services read them (the e2e test and a shell can source it).
  cat >"$CLUSTER_STATE/client.env" <<ENV
KAFKA_BROKERS=127.0.0.1:$(cluster_port "$CLUSTER_CLIENT_BASE" 1),127.0.0.1:$(cluster_port "$CLUSTER_CLIENT_BASE" 2),127.0.0.1:$(cluster_port "$CLUSTER_CLIENT_BASE" 3)
KAFKA_SSL=true
KAFKA_SSL_CA_FILE=$dir/ca.pem
KAFKA_SASL_MECHANISM=scram-sha-512
KAFKA_SASL_USERNAME=$CLUSTER_USER
KAFKA_SASL_PASSWORD_FILE=$CLUSTER_STATE/$CLUSTER_USER.password
KAFKA_REPLICATION_FACTOR=3
KAFKA_MIN_INSYNC_REPLICAS=2
ENV
}

cluster_config() {
  local node="$1" dir="$CLUSTER_STATE/node-$1" voters="" n
  for n in 1 2 3; do voters="$voters${voters:+,}$n@127.0.0.1:$(cluster_port "$CLUSTER_CONTROLLER_BASE" "$n")"; done
  local client internal controller
  client="$(cluster_port "$CLUSTER_CLIENT_BASE" "$node")"
  internal="$(cluster_port "$CLUSTER_INTERNAL_BASE" "$node")"
  controller="$(cluster_port "$CLUSTER_CONTROLLER_BASE" "$node")"
  mkdir -p "$dir/data"
  cat >"$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=$node
controller.quorum.voters=$voters
controller.listener.names=CONTROLLER
# Clients: SASL_SSL with SCRAM-SHA-512 only. Brokers and controllers talk over listeners of their own on 127.0.0.1.
listeners=SASL_SSL://127.0.0.1:$client,INTERNAL://127.0.0.1:$internal,CONTROLLER://127.0.0.1:$controller
advertised.listeners=SASL_SSL://127.0.0.1:$client,INTERNAL://127.0.0.1:$internal
listener.security.protocol.map=SASL_SSL:SASL_SSL,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=INTERNAL
sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
ssl.keystore.type=PKCS12
ssl.keystore.location=$CLUSTER_STATE/tls/broker.p12
ssl.keystore.password=$CLUSTER_STORE_PASSWORD
ssl.key.password=$CLUSTER_STORE_PASSWORD
ssl.client.auth=none
log.dirs=$dir/data
num.partitions=3
default.replication.factor=3
min.insync.replicas=2
offsets.topic.replication.factor=3
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
unclean.leader.election.enable=false
log.retention.hours=24
PROPS
  cat >"$dir/log4j.properties" <<'PROPS'
log4j.rootLogger=WARN, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.server.KafkaRaftServer=INFO
PROPS
}

cluster_start_node() {
  local node="$1" dir="$CLUSTER_STATE/node-$1"
  if [ -n "$(cluster_pid "$node")" ]; then log "cluster broker $node already running (pid $(cluster_pid "$node"))"; return; fi
  if port_open "$(cluster_port "$CLUSTER_CLIENT_BASE" "$node")"; then die "port $(cluster_port "$CLUSTER_CLIENT_BASE" "$node") is taken by another process"; fi
  : >"$dir/kafka.log"
  nohup java -Xms"$CLUSTER_HEAP" -Xmx"$CLUSTER_HEAP" -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:ActiveProcessorCount=1 -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$dir/log4j.properties" \
    -cp "$JARS/*" kafka.Kafka "$dir/server.properties" >>"$dir/kafka.log" 2>&1 &
  echo $! >"$dir/kafka.pid"
}

cluster_wait_node() {
  local node="$1" dir="$CLUSTER_STATE/node-$1" waited=0
  until grep -q "Kafka Server started" "$dir/kafka.log" 2>/dev/null; do
    if [ -z "$(cluster_pid "$node")" ]; then tail -30 "$dir/kafka.log" >&2; die "cluster broker $node exited during start (log: $dir/kafka.log)"; fi
    if [ "$waited" -ge "$START_TIMEOUT" ]; then tail -30 "$dir/kafka.log" >&2; die "cluster broker $node did not start within ${START_TIMEOUT}s (log: $dir/kafka.log)"; fi
    sleep 1; waited=$((waited + 1))
  done
}

cluster_up() {
  kafka_jars
  mkdir -p "$CLUSTER_STATE"
  cluster_secrets
  local cluster_id node
  for node in 1 2 3; do cluster_config "$node"; done
  cluster_id="$(cat "$CLUSTER_STATE/cluster.id" 2>/dev/null || true)"
  if [ -z "$cluster_id" ]; then
    cluster_id="$(java -Dlog4j.configuration="file:$CLUSTER_STATE/node-1/log4j.properties" -cp "$JARS/*" kafka.tools.StorageTool random-uuid)"
    echo "$cluster_id" >"$CLUSTER_STATE/cluster.id"
  fi
  for node in 1 2 3; do
    if [ ! -f "$CLUSTER_STATE/node-$node/data/meta.properties" ]; then
      # KRaft keeps SCRAM credentials in its metadata log: the users are written at format time (KIP-900).
      java -Dlog4j.configuration="file:$CLUSTER_STATE/node-$node/log4j.properties" -cp "$JARS/*" kafka.tools.StorageTool \
        format -t "$cluster_id" -c "$CLUSTER_STATE/node-$node/server.properties" --ignore-formatted \
        --add-scram "SCRAM-SHA-512=[name=$CLUSTER_USER,password=$(cat "$CLUSTER_STATE/$CLUSTER_USER.password")]" >/dev/null
    fi
  done
  log "starting a three-broker Apache Kafka $KAFKA_VERSION cluster (KRaft, SASL_SSL SCRAM-SHA-512) on ports $(cluster_port "$CLUSTER_CLIENT_BASE" 1)-$(cluster_port "$CLUSTER_CLIENT_BASE" 3), heap $CLUSTER_HEAP each"
  for node in 1 2 3; do cluster_start_node "$node"; done
  for node in 1 2 3; do cluster_wait_node "$node"; done
  log "cluster started; client settings in $CLUSTER_STATE/client.env"
}

cluster_down() {
  local node pid
  for node in 1 2 3; do
    pid="$(cluster_pid "$node")"
    if [ -n "$pid" ]; then log "stopping cluster broker $node (pid $pid)"; kill "$pid"; fi
  done
  for node in 1 2 3; do
    pid="$(cat "$CLUSTER_STATE/node-$node/kafka.pid" 2>/dev/null || true)"
    [ -n "$pid" ] || continue
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$CLUSTER_STATE/node-$node/kafka.pid"
  done
}

cluster_status() {
  local node pid
  for node in 1 2 3; do
    pid="$(cluster_pid "$node")"
    printf '[infra] cluster broker %s (127.0.0.1:%s): %s\n' "$node" "$(cluster_port "$CLUSTER_CLIENT_BASE" "$node")" "${pid:+running, pid }${pid:-stopped}" >&2
  done
}

case "${1:-up}" in
  up | test-up)
    postgres_up
    redis_up
    kafka_up
    for hook in "$ROOT"/deploy/local/up.d/*.sh; do [ -e "$hook" ] && bash "$hook"; done
    # Databases, topics and dead-letter topics, before any consumer subscribes (on KAFKA_BROKERS, exported above).
    node "$ROOT/deploy/local/bootstrap.mjs" "${@:2}"
    ;;
  test-down) kafka_down ;;
  down)
    for hook in "$ROOT"/deploy/local/down.d/*.sh; do [ -e "$hook" ] && bash "$hook"; done
    kafka_down
    ;;
  status)
    node "$ROOT/deploy/local/bootstrap.mjs" --status
    ;;
  cluster-up) cluster_up ;;
  cluster-down) cluster_down ;;
  cluster-status) cluster_status ;;
  *) die "usage: infra.sh up|down|status|test-up [--fresh-test-databases]|test-down|cluster-up|cluster-down|cluster-status" ;;
esac

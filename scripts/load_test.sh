#!/usr/bin/env bash
# Load test (issue 18): PostgreSQL + gunicorn (DEBUG off) + the task worker + locust, all on 127.0.0.1.
#
#   scripts/load_test.sh            # 50 users, spawn 10/s, 60 s; prints requests/s, p50, p95, errors
#   USERS=100 RUN_TIME=120s WORKERS=4 SCALE=10 scripts/load_test.sh
#   LOAD_THINK=1,4 scripts/load_test.sh   # seconds between a user's clicks (default 3,10; see locustfile.py)
#
# Starts PostgreSQL if it is not running (as .ci/run does) and stops it again only if it started it
# and nobody else is connected; (re)creates the database yjs_load; migrates; builds SCALE x Sefton data
# with scripts/scale_data.py (every user's password is LOAD_PASSWORD); runs gunicorn with WORKERS
# processes and `manage.py db_worker`; runs locust headless; prints the figures and the slowest
# requests by p95; stops everything it started. Users start signed in (sessions made in the build);
# LOAD_SIGN_IN=1 makes each sign in through the form (a PBKDF2 password check each). Results and logs: $OUT (default /tmp/load_test).
# Needs root (runuser postgres) and locust (requirements-dev.txt).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-8018}
WORKERS=${WORKERS:-3}
USERS=${USERS:-50}
SPAWN_RATE=${SPAWN_RATE:-10}
RUN_TIME=${RUN_TIME:-60s}
SCALE=${SCALE:-1}
OUT=${OUT:-/tmp/load_test}
export LOAD_PASSWORD=${LOAD_PASSWORD:-load-test-password-18}
export LOAD_USERS="$OUT/users.json"
mkdir -p "$OUT"
rm -f "$OUT"/locust_*.csv

# The app as deployed: DEBUG off, behind a load balancer that ends TLS (X-Forwarded-Proto), its own DB.
export DEBUG=0
export SECRET_KEY="load-test-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
export ALLOWED_HOSTS=127.0.0.1
export BEHIND_PROXY=1
export PLAIN_STATIC=1   # locust fetches no static files; no collectstatic needed
export DJANGO_SETTINGS_MODULE=yjs.settings
export DATABASE_URL="postgres://yjs_load:yjs_load@127.0.0.1:5432/yjs_load"
PY=.venv/bin/python

started_pg=0
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$started_pg" = 1 ]; then
    others=$(runuser -u postgres -- psql -tAc "SELECT count(*) FROM pg_stat_activity WHERE datname IS NOT NULL AND datname <> 'yjs_load' AND pid <> pg_backend_pid()" 2>/dev/null || echo 1)
    if [ "${others:-1}" = 0 ]; then
      pg_ctlcluster --skip-systemctl-redirect "$pg_version" main stop || true
    else
      echo "PostgreSQL left running: $others other connection(s)."
    fi
  fi
}
trap cleanup EXIT

echo "== PostgreSQL"
pg_version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk '{print $4}' | grep -q online; then
  pg_ctlcluster --skip-systemctl-redirect "$pg_version" main start
  started_pg=1
fi
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 0.5; done
pg_isready -h 127.0.0.1
runuser -u postgres -- psql -v ON_ERROR_STOP=1 -q <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'yjs_load') THEN
    CREATE ROLE yjs_load LOGIN PASSWORD 'yjs_load';
  END IF;
END $$;
DROP DATABASE IF EXISTS yjs_load;
CREATE DATABASE yjs_load OWNER yjs_load;
SQL

echo "== Migrate and build ${SCALE}x data"
$PY manage.py migrate --verbosity 0
# Today's date is an input of the build (the server reads the clock; the data must match it).
$PY - "$SCALE" "$(date -u +%F)" <<'PY'
import datetime, json, os, sys
import django
django.setup()
from plans.models import Owner
from scripts.scale_data import build_scaled
made = build_scaled(scale=int(sys.argv[1]), today=datetime.date.fromisoformat(sys.argv[2]),
                    password=os.environ["LOAD_PASSWORD"])
owners = Owner.objects.people().filter(partnership=made["partnership"], user__isnull=False)
staff = {made[k].pk for k in ("chair_user", "officer_user", "member_user")}
users = {
    "owners": sorted(o.user.username for o in owners.select_related("user") if o.user_id not in staff),
    "chair": made["chair_user"].username, "officer": made["officer_user"].username,
    "member": made["member_user"].username, "plan": made["plan"].slug,
}
# A signed-in session for each user, so the run measures the pages, not 50 password checks at once
# (one PBKDF2 check is seconds of CPU here); LOAD_SIGN_IN=1 signs in through the form instead.
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
store = import_module(settings.SESSION_ENGINE).SessionStore
users["sessions"] = {}
for user in get_user_model().objects.filter(username__in=[*users["owners"], users["chair"], users["officer"], users["member"]]):
    session = store()
    session.update({SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                    HASH_SESSION_KEY: user.get_session_auth_hash()})
    session.create()
    users["sessions"][user.username] = session.session_key
open(os.environ["LOAD_USERS"], "w").write(json.dumps(users))
# Planner statistics for the tables just filled, as autovacuum would gather within minutes: without
# them PostgreSQL takes the new tables to be empty and nests loops over them (seconds a page).
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("ANALYZE")
print(made["counts"], f"{len(users['owners'])} owner sign-ins")
PY

echo "== gunicorn ($WORKERS workers) on 127.0.0.1:$PORT, task worker"
.venv/bin/gunicorn yjs.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
  --access-logfile /dev/null --error-logfile "$OUT/gunicorn.log" &
pids+=($!)
if $PY manage.py help db_worker >/dev/null 2>&1; then
  # Niced, as on a machine that also serves pages: a pack's seconds of WeasyPrint wait for the requests.
  nice -n 10 $PY manage.py db_worker --no-reload --no-startup-delay >"$OUT/worker.log" 2>&1 &
  pids+=($!)
else
  echo "(no db_worker command: board packs run in the request)"
fi
for _ in $(seq 1 60); do
  curl -s -o /dev/null -H "X-Forwarded-Proto: https" "http://127.0.0.1:$PORT/sign-in/" && break; sleep 0.5
done

echo "== locust: $USERS users, spawn $SPAWN_RATE/s, $RUN_TIME, think time ${LOAD_THINK:-3,10} s"
.venv/bin/locust -f scripts/locustfile.py --host "http://127.0.0.1:$PORT" --users "$USERS" \
  --spawn-rate "$SPAWN_RATE" --run-time "$RUN_TIME" --headless --csv "$OUT/locust" --only-summary \
  >"$OUT/locust.log" 2>&1 || true

$PY - "$OUT/locust_stats.csv" "$OUT/locust_failures.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
total = next(r for r in rows if r["Name"] == "Aggregated")
print(f"requests: {total['Request Count']}, requests/s: {float(total['Requests/s']):.1f}, "
      f"p50: {total['50%']} ms, p95: {total['95%']} ms, errors: {total['Failure Count']}")
print("slowest by p95 (name: p50 / p95 / max ms, count, failures):")
for r in sorted((r for r in rows if r["Name"] != "Aggregated"), key=lambda r: -float(r["95%"] or 0))[:6]:
    print(f"  {r['Type']} {r['Name']}: {r['50%']} / {r['95%']} / {float(r['Max Response Time']):.0f}, "
          f"{r['Request Count']}, {r['Failure Count']}")
for r in list(csv.DictReader(open(sys.argv[2])))[:5]:
    print(f"  failure: {r['Method']} {r['Name']}: {r['Error']} x{r['Occurrences']}")
PY

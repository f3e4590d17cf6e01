#!/usr/bin/env bash
# Batch end to end: same report with --jobs 1, --jobs 2 and MPI; resume; replay; kill -9 and
# resume without lost, duplicate or half-written runs.
# Usage: batch_test.sh AIDCSIM SOURCE_DIR WORK_DIR
source "$(dirname "$0")/common.sh" "$@"
# mpirun as every call here needs it. Built with the sanitizers (make test-asan), the ranks skip
# LeakSanitizer's check at exit: Open MPI leaves its start-up allocations to the end, made from
# components it has unloaded by then, so no suppression can name them.
run_mpi() {
  OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_plm_rsh_agent=false \
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" mpirun --oversubscribe -np 3 "$@"
}
count_runs() { /usr/bin/python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from runs').fetchone()[0])" "$1"; }

small=test/data/sweeps/small.yaml
"$aidcsim" batch "$small" --jobs 1 --db "$work/jobs1.sqlite" 2>"$work/jobs1.log"
"$aidcsim" batch "$small" --jobs 2 --db "$work/jobs2.sqlite" 2>"$work/jobs2.log"
[ "$(count_runs "$work/jobs1.sqlite")" = 12 ] || fail "expected 12 runs"
for format in "" --csv --json; do
  "$aidcsim" report "$work/jobs1.sqlite" $format >"$work/report1$format.txt"
  "$aidcsim" report "$work/jobs2.sqlite" $format >"$work/report2$format.txt"
  cmp "$work/report1$format.txt" "$work/report2$format.txt" || fail "--jobs 1 and --jobs 2 reports differ ($format)"
done
echo "ok: --jobs 1 and --jobs 2 give the same report"

# MPI: rank 0 writes, ranks 1-2 run; the report must be the same bytes.
if command -v mpirun >/dev/null; then
  run_mpi "$aidcsim" batch "$small" --db "$work/mpi.sqlite" 2>"$work/mpi.log" \
    || { cat "$work/mpi.log"; fail "mpirun batch"; }
  "$aidcsim" report "$work/mpi.sqlite" >"$work/report-mpi.txt"
  cmp "$work/report1.txt" "$work/report-mpi.txt" || fail "MPI report differs"
  echo "ok: mpirun -np 3 gives the same report"
else
  fail "mpirun not found (tools/install-deps installs openmpi-bin)"
fi

# An importance-sampling sweep (estimator: is) gives the same report at any --jobs and under MPI.
est=test/data/sweeps/estimator.yaml
"$aidcsim" batch "$est" --jobs 1 --db "$work/est1.sqlite" 2>"$work/est1.log"
"$aidcsim" batch "$est" --jobs 2 --db "$work/est2.sqlite" 2>"$work/est2.log"
run_mpi "$aidcsim" batch "$est" --db "$work/est-mpi.sqlite" 2>"$work/est-mpi.log" \
  || { cat "$work/est-mpi.log"; fail "mpirun estimator batch"; }
"$aidcsim" report "$work/est1.sqlite" --csv >"$work/est1.csv"
"$aidcsim" report "$work/est2.sqlite" --csv >"$work/est2.csv"
"$aidcsim" report "$work/est-mpi.sqlite" --csv >"$work/est-mpi.csv"
cmp "$work/est1.csv" "$work/est2.csv" || fail "estimator sweep: --jobs 1 and --jobs 2 reports differ"
cmp "$work/est1.csv" "$work/est-mpi.csv" || fail "estimator sweep: the MPI report differs"
echo "ok: an estimator sweep gives the same report at --jobs 1, 2 and under mpirun -np 3"

# Resume: a second run of the same batch has nothing to do.
"$aidcsim" batch "$small" --jobs 2 --db "$work/jobs2.sqlite" 2>"$work/resume.log"
grep -q "12 already in" "$work/resume.log" || fail "resume did not skip finished runs: $(cat "$work/resume.log")"
[ "$(count_runs "$work/jobs2.sqlite")" = 12 ] || fail "resume changed the run count"
echo "ok: resume skips finished runs"

# Provenance: the file names the version that wrote it; resuming with another version is refused
# unless asked, and the file then names both.
"$aidcsim" report "$work/jobs2.sqlite" >"$work/report-version.txt"
grep -qF "runs by $("$aidcsim" --version)" "$work/report-version.txt" || fail "report does not name the version"
cp "$work/jobs2.sqlite" "$work/old.sqlite"
/usr/bin/python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"update sweep set value='[\\\"aidcsim 0.0.1 (git 123456789abc, Release build, SimGrid 3.32)\\\"]' where key='versions'\"); c.execute(\"delete from metrics where run_key='p0-r0'\"); c.execute(\"delete from runs where run_key='p0-r0'\"); c.commit()" "$work/old.sqlite"
set +e
"$aidcsim" batch "$small" --db "$work/old.sqlite" 2>"$work/old.log"
rc=$?
set -e
[ "$rc" = 2 ] || fail "resume across versions: exit $rc, expected 2"
grep -q "was written by aidcsim 0.0.1 (git 123456789abc.*--allow-version-change" "$work/old.log" || fail "unclear error: $(cat "$work/old.log")"
"$aidcsim" batch "$small" --db "$work/old.sqlite" --allow-version-change 2>"$work/old2.log"
[ "$(count_runs "$work/old.sqlite")" = 12 ] || fail "--allow-version-change did not resume"
"$aidcsim" report "$work/old.sqlite" >"$work/report-old.txt"
grep -q "runs by (mixed versions): aidcsim 0.0.1" "$work/report-old.txt" || fail "mixed versions not reported"
echo "ok: a resume with another version is refused unless --allow-version-change, and then reported"

# Replay: one run alone gives the value stored in the database.
replayed=$("$aidcsim" batch "$small" --replay p2-r1 | /usr/bin/python3 -c "import json,sys; print(repr(json.load(sys.stdin)['facility']['it_downtime_min_per_year']))")
stored=$(/usr/bin/python3 -c "import sqlite3,sys; print(repr(sqlite3.connect(sys.argv[1]).execute(\"select value from metrics where run_key='p2-r1' and name='it_downtime_min_per_year'\").fetchone()[0]))" "$work/jobs1.sqlite")
[ "$replayed" = "$stored" ] || fail "replay gives $replayed, the database holds $stored"
echo "ok: replay of p2-r1 gives the stored $stored"

# Another sweep in the same database is refused.
if "$aidcsim" batch scenarios/sweeps/ups-gensets-grid.yaml --db "$work/jobs1.sqlite" 2>"$work/other.log"; then
  fail "a second sweep was accepted into the same database"
fi
grep -q "holds another sweep" "$work/other.log" || fail "unclear error for a second sweep"
echo "ok: another sweep in the same file is refused"

# kill -9 in the middle, then resume: every run exactly once, each with all its metrics.
big=scenarios/sweeps/ups-gensets-grid.yaml
"$aidcsim" batch "$big" --jobs 2 --db "$work/killed.sqlite" 2>"$work/killed.log" &
batch=$!
for _ in $(seq 1 200); do
  sleep 0.05
  n=$(count_runs "$work/killed.sqlite" 2>/dev/null || echo 0)
  [ "$n" -ge 20 ] && break
done
kill -9 "$batch"
wait "$batch" 2>/dev/null || true
# Its workers die with it (they hold neither the lock nor a result): resuming works at once.
sleep 0.2
if pgrep -f "batch $big --jobs 2 --db $work/killed.sqlite" >/dev/null; then
  fail "workers outlived the killed batch: $(pgrep -a -f "batch $big --jobs 2 --db $work/killed.sqlite")"
fi
before=$(count_runs "$work/killed.sqlite")
[ "$before" -lt 360 ] || fail "the batch finished before it could be killed"
"$aidcsim" batch "$big" --jobs 2 --db "$work/killed.sqlite" 2>"$work/resumed.log"
/usr/bin/python3 - "$work/killed.sqlite" <<'PY' || fail "the database after kill and resume is not whole"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
runs, distinct = db.execute("select count(*), count(distinct run_key) from runs").fetchone()
assert runs == distinct == 360, (runs, distinct)
# Every run has the same, full set of metrics, apart from the causes and components of its own
# IT-loss episodes (a run has figures for those it saw).
per_run = {n for (n,) in db.execute("select count(*) from metrics where name not like 'episodes.by_%' "
                                    "group by run_key")}
assert len(per_run) == 1, per_run
orphans = db.execute("select count(*) from metrics where run_key not in (select run_key from runs)").fetchone()[0]
assert orphans == 0, orphans
PY
echo "ok: killed at $before of 360 runs, resumed to 360, no duplicates or partial rows"
# A worker that crashes loses its own run only; the batch reports it and exits non-zero.
if "$aidcsim" batch test/data/sweeps/crash.yaml --jobs 2 --db "$work/crash.sqlite" 2>"$work/crash.log"; then
  fail "a batch with crashing workers exited 0"
fi
grep -q "2 runs done, 2 failed" "$work/crash.log" || fail "crashed runs not reported: $(tail -3 "$work/crash.log")"
[ "$(count_runs "$work/crash.sqlite")" = 2 ] || fail "the runs of healthy workers were not all stored"
echo "ok: crashing workers lose only their own runs"
# A second batch on a file another batch is writing is refused.
"$aidcsim" batch "$big" --jobs 1 --db "$work/busy.sqlite" 2>/dev/null &
first=$!
sleep 0.5
if "$aidcsim" batch "$big" --jobs 1 --db "$work/busy.sqlite" 2>"$work/busy.log"; then
  kill "$first"; fail "a second batch on a busy database was accepted"
fi
grep -q "another batch is writing" "$work/busy.log" || { kill "$first"; fail "unclear error for a busy database: $(cat "$work/busy.log")"; }
kill "$first"; wait "$first" 2>/dev/null || true
sleep 0.2
if pgrep -f "batch $big --jobs 1 --db $work/busy.sqlite" >/dev/null; then
  fail "workers outlived a batch ended by SIGTERM"
fi
echo "ok: a second batch on a busy database is refused; SIGTERM ends the batch and its workers"

# Resuming after the base scenario changed is refused: results of two models must not mix.
mkdir -p "$work/changed/sweeps" "$work/changed/validation"
sed 's|\.\./\.\./platforms|'"$src"'/platforms|' scenarios/validation/ups-only.yaml >"$work/changed/validation/ups-only.yaml"
printf 'name: changing base\nbase: ../validation/ups-only.yaml\nreplications: 2\nyears: 10\n' >"$work/changed/sweeps/s.yaml"
"$aidcsim" batch "$work/changed/sweeps/s.yaml" --db "$work/changed.sqlite" 2>/dev/null
sed -i 's|rate: 2 /y|rate: 20 /y|' "$work/changed/validation/ups-only.yaml"
if "$aidcsim" batch "$work/changed/sweeps/s.yaml" --db "$work/changed.sqlite" 2>"$work/changed.log"; then
  fail "resumed after the base scenario changed"
fi
grep -q "base scenario or platform changed" "$work/changed.log" || fail "unclear error: $(cat "$work/changed.log")"
echo "ok: a changed base scenario is not mixed into old results"

# A report reads only: a foreign SQLite file is left as it was.
/usr/bin/python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table t(x)'); c.commit()" "$work/foreign.sqlite"
before=$(md5sum <"$work/foreign.sqlite")
if "$aidcsim" report "$work/foreign.sqlite" 2>"$work/foreign.log"; then fail "report accepted a foreign database"; fi
[ "$(md5sum <"$work/foreign.sqlite")" = "$before" ] || fail "report modified a foreign database"
echo "ok: report never writes"

# A finished batch leaves one self-contained file (no write-ahead log): a report reads it where
# nothing can be written, e.g. read-only media (a read-only folder stands in here; root ignores
# folder permissions, so this part runs only for other users).
[ ! -e "$work/jobs1.sqlite-wal" ] || fail "a finished batch left its write-ahead log"
if [ "$(id -u)" -ne 0 ]; then
  mkdir -p "$work/ro" && cp "$work/jobs1.sqlite" "$work/ro/" && chmod a-w "$work/ro"
  "$aidcsim" report "$work/ro/jobs1.sqlite" >"$work/report-ro.txt" || fail "report on a read-only folder"
  cmp "$work/report1.txt" "$work/report-ro.txt" || fail "report on a read-only folder differs"
  chmod u+w "$work/ro"
fi
# A file that is not a database: exit 2 from batch and from report, naming the file.
head -c 4096 /dev/urandom >"$work/noise.sqlite"
for cmd in "batch $small --db" "report"; do
  set +e
  "$aidcsim" $cmd "$work/noise.sqlite" 2>"$work/noise.log"
  rc=$?
  set -e
  [ "$rc" = 2 ] || fail "$cmd on a file that is not a database: exit $rc, expected 2"
  grep -q "noise.sqlite': file is not a database" "$work/noise.log" || fail "unclear error: $(cat "$work/noise.log")"
done
echo "ok: a finished batch is one file; a file that is not a database is exit 2"

# A full disk (a file size limit here) shows SQLite's own error, not "cannot rollback - no
# transaction is active" from a ROLLBACK after SQLite had rolled back by itself; exit 2.
set +e
(trap '' XFSZ; ulimit -f 120; "$aidcsim" batch "$small" --db "$work/full.sqlite" 2>"$work/full.log")
rc=$?
set -e
[ "$rc" = 2 ] || fail "a full disk: exit $rc, expected 2"
grep -q "full.sqlite': disk I/O error" "$work/full.log" || fail "a full disk hid its error: $(tail -1 "$work/full.log")"
echo "ok: a full disk is named, exit 2"

# One replication: a mean, and no interval.
"$aidcsim" batch test/data/sweeps/one-replication.yaml --db "$work/one.sqlite" 2>/dev/null
"$aidcsim" report "$work/one.sqlite" --metric it_downtime_min_per_year | grep -q -- "- (one run)" || fail "one-run interval shown"
echo "ok: one replication has no interval"
echo "batch tests: 14 passed, 0 failed"

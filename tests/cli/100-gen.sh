# giamsat gen (issue #12): a generated programme is the same for the same seed (every data
# table, apart from the two wall-clock columns the store stamps), another for another seed;
# its deadline phrases follow seed 001's distribution; it has recurring tasks, repeats,
# multi-unit and group-led tasks, late and reopened completions; the store accepts every
# report, and the statistics report on it reconciles.
set -eu
. "$(dirname "$0")/lib.sh"
G=$GIAMSAT
export GIAMSAT_TODAY=2025-12-24

$G --db a.db gen --tasks 400 --reports 3000 --seed 42 > a.out
$G --db b.db gen --tasks 400 --reports 3000 --seed 42 > b.out
$G --db c.db gen --tasks 400 --reports 3000 --seed 43 > c.out
grep -q "400 nhiệm vụ" a.out || die "summary: $(cat a.out)"
grep -q "3000 báo cáo" a.out || die "summary: $(cat a.out)"

# The content of every data table; import_run.at and progress_report.entered_at are the
# wall-clock time of writing (db_timestamp()), the only columns left out.
dump() {
    for t in agency agency_alias agency_group group_alias document document_mention \
             import_run task task_document task_party assignment task_history indicator \
             progress_report; do
        cols=$(sqlite3 "$1" "select group_concat(name, ', ') from pragma_table_info('$t')
            where not (('$t' = 'import_run' and name = 'at')
                    or ('$t' = 'progress_report' and name = 'entered_at'))")
        echo "== $t"
        sqlite3 "$1" "select $cols from $t order by rowid"
    done
}
dump a.db > a.dump
dump b.db > b.dump
dump c.db > c.dump
cmp -s a.dump b.dump || { diff a.dump b.dump | head -20 >&2; die "same seed, different data"; }
! cmp -s a.dump c.dump || die "another seed gave the same data"
[ "$(grep -c . a.dump)" -gt 5000 ] || die "the dump is too small: $(grep -c . a.dump) lines"

q() { sqlite3 a.db "$1"; }
COUNTED="is_group = 0 and repeat_of_id is null"
n=$(q "select count(*) from task where $COUNTED")
months=$(q "select count(*) from task where $COUNTED and deadline_kind = 'date'
    and deadline_text like 'Tháng %/%' and deadline_text not like '% và %'
    and deadline_text not like '%;%'")
recurring=$(q "select count(*) from task where $COUNTED and deadline_kind = 'recurring'")
unknown=$(q "select count(*) from task where $COUNTED and deadline_kind = 'unknown'")
# Seed 001: 300 of 326 (92.0 %) "Tháng M/YYYY", 20 (6.1 %) recurring, 1 with no date.
[ $((months * 100)) -ge $((n * 87)) ] && [ $((months * 100)) -le $((n * 97)) ] ||
    die "month phrases: $months of $n"
[ $((recurring * 100)) -ge $((n * 2)) ] && [ $((recurring * 100)) -le $((n * 11)) ] ||
    die "recurring: $recurring of $n"
[ $((unknown * 100)) -le $((n * 3)) ] || die "no date: $unknown of $n"

[ "$(q "select count(*) from task where repeat_of_id is not null")" -gt 0 ] || die "no repeats"
[ "$(q "select count(*) from task where parent_id is not null")" -gt 0 ] || die "no sub-tasks"
[ "$(q "select count(*) from (select task_id from assignment group by 1 having count(*) > 1)")" \
    -gt 20 ] || die "few multi-unit tasks"
[ "$(q "select count(distinct task_id) from task_party where role = 'lead' and group_id is not null")" \
    -gt 5 ] || die "few group-led tasks"
[ "$(q "select max(c) from (select count(*) c from assignment group by task_id)")" -ge 30 ] ||
    die "no group expanded to many units"
[ "$(q "select count(*) from progress_report where kind = 'reopen'")" -gt 0 ] || die "no reopening"
late=$(q "select count(*) from progress_report p join assignment a on a.id = p.assignment_id
    join task t on t.id = a.task_id where p.kind = 'done' and p.completed_on > t.due")
[ "$late" -gt 0 ] || die "no late completion"
# Every report was accepted, none refused or skipped, and all lie in the programme's span.
[ "$(q "select count(*) from progress_report")" = 3000 ] || die "reports: $(q "select count(*) from progress_report")"
[ "$(q "select count(*) from progress_report where reported_on > '2025-12-24'")" = 0 ] ||
    die "a report in the future"
[ "$(q "select count(*) from progress_report p join assignment a on a.id = p.assignment_id
    join task_document td on td.task_id = a.task_id join document d on d.id = td.document_id
    where p.reported_on <= d.date")" = 0 ] || die "a report before its document"

# The statistics report on it: every sum reconciles, and it counts the counted tasks.
$G --db a.db report --as-of 2025-12-24 --format json > r.json
for k in tasks assignments; do
    t=$(jget r.json "\$.$k.total")
    s=$(sqlite3 :memory: "select json_extract(x, '\$.$k.done_on_time') + json_extract(x, '\$.$k.done_late')
        + json_extract(x, '\$.$k.in_progress') + json_extract(x, '\$.$k.recurring')
        + json_extract(x, '\$.$k.overdue') from (select readfile('r.json') x)")
    [ "$t" = "$s" ] || die "$k: total $t, buckets add up to $s"
done
[ "$(jget r.json '$.tasks.total')" = "$n" ] || die "report counts $(jget r.json '$.tasks.total') tasks, want $n"
[ "$(jget r.json '$.tasks.done')" -gt 0 ] || die "no task done"

# A database with tasks is refused, and so is a last day after today.
if $G --db a.db gen --tasks 10 --reports 10 2> err.txt; then die "gen into a programme"; fi
grep -q "already holds" err.txt || die "message: $(cat err.txt)"
if $G --db d.db gen --tasks 10 --until 2026-01-01 2> err.txt; then die "gen into the future"; fi
grep -q "after today" err.txt || die "message: $(cat err.txt)"
echo ok

# GET /api/v1/progress a page at a time (?after=&limit=, in entry order), and the bound of
# the unpaged list: past 100,000 reports it answers 400 and says how to page.
set -eu
start_server
get /api/v1/openapi.json openapi.json
AUTH="Authorization: Bearer $($GIAMSAT token add reader --role viewer 2> /dev/null)"
ids() { sqlite3 :memory: "select group_concat(value ->> 'id', ' ') from json_each(readfile('$1'))"; }

# Reports of several units and tasks, then every one through pages of 7.
a=$(db_count "select min(id) from assignment")
sqlite3 giamsat.db "with recursive k(n) as (select 1 union all select n + 1 from k where n < 40)
    insert into progress_report (assignment_id, reported_on, kind, result, original, source,
    entered_at, fingerprint) select (select id from (select id, row_number() over (order by id) r
    from assignment) as x where r = 1 + n % 5),
    '2025-10-01', 'progress', 'trang ' || n, '', 'cli', '2025-10-01T00:00:00Z', 'page-' || n from k"
# id_list SQL: the ids SQL selects, on one line (as ids prints them).
id_list() { db_count "$1" | paste -sd' '; }
expected=$(id_list "select id from progress_report order by id")
got="" after=0
while :; do
    api GET "/api/v1/progress?after=$after&limit=7" page.json 200 -H "$AUTH"
    n=$(sqlite3 :memory: "select json_array_length(readfile('page.json'))")
    [ "$n" -le 7 ] || die "a page of $n reports, limit 7"
    [ "$n" = 0 ] && break
    page=$(ids page.json)
    got="${got:+$got }$page"
    after=${page##* }
done
[ "$got" = "$expected" ] || die "the pages hold '$got', want '$expected'"

# One task's pages: its reports only, in id order.
t=$(db_count "select task_id from assignment where id = $a")
api GET "/api/v1/progress?task=$t&after=0&limit=10000" one.json 200 -H "$AUTH"
[ "$(ids one.json)" = "$(id_list "select p.id from progress_report p join assignment s
    on s.id = p.assignment_id where s.task_id = $t order by p.id")" ] || die "the task's page"
# Unpaged, as always: every report, by task and date.
api GET /api/v1/progress all.json 200 -H "$AUTH"
[ "$(sqlite3 :memory: "select json_array_length(readfile('all.json'))")" = \
    "$(db_count "select count(*) from progress_report")" ] || die "the whole list"
# Bad paging parameters.
for q in "after=-1" "limit=0" "limit=10001" "after=x"; do
    api GET "/api/v1/progress?$q" bad.json 400 -H "$AUTH"
done

# Past the bound, the whole list is refused with the way to page; pages still work.
sqlite3 giamsat.db "with recursive k(n) as (select 1 union all select n + 1 from k where n < 100000)
    insert into progress_report (assignment_id, reported_on, kind, original, source, entered_at,
    fingerprint) select $a, '2025-10-02', 'progress', '', 'cli', '2025-10-02T00:00:00Z',
    'bulk-' || n from k"
api GET /api/v1/progress big.json 400 -H "$AUTH"
grep -q 'after=0&limit=1000' big.json || die "the refusal does not say how to page: $(cat big.json)"
api GET "/api/v1/progress?limit=3" first.json 200 -H "$AUTH"
[ "$(ids first.json)" = "$(id_list "select id from progress_report order by id limit 3")" ] \
    || die "the first page"

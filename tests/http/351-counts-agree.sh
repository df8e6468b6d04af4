# One definition of each count (issue #13, defect 5): the dashboard's total is the list's
# counted figure and the report's; the list says which rows it does not count and why; a
# unit's task count is the same on the units list, its own page, the task list and the
# API's report; and each bucket has one name everywhere.
set -eu
start_server
login xem xem-pass-123 jar
get /api/v1/report?as_of=2025-12-24 r.json -b jar
total=$(jget r.json '$.tasks.total')

# The dashboard's total, the list's counted rows and the report agree.
get "/?as_of=2025-12-24" dash.html -b jar
well_formed dash.html
dash=$(sed -n 's/.*id="n-total">\([0-9]*\)<.*/\1/p' dash.html)
[ "$dash" = "$total" ] || die "dashboard total $dash, report $total"
href=$(grep -o '<div class="card total"><a href="[^"]*"' dash.html | sed 's/.*href="//; s/"$//; s/&amp;/\&/g')
get "$href" list.html -b jar
well_formed list.html
rows=$(sed -n 's/.*id="n-tasks">\([0-9]*\)<.*/\1/p' list.html)
counted=$(sed -n 's/.*id="n-counted">\([0-9]*\)<.*/\1/p' list.html)
[ "$counted" = "$total" ] || die "the list counts $counted, the dashboard $total"
groups=$(db_count "select count(*) from task where id in (select parent_id from task where parent_id is not null)")
repeats=$(db_count "select count(*) from task where repeat_of_id is not null")
[ "$rows" = $(( total + groups + repeats )) ] || die "rows $rows != $total + $groups groups + $repeats repeats"
[ "$rows" -gt "$total" ] || die "the demo data should list rows that are not counted"
grep -q "Tìm thấy <strong id=\"n-tasks\">$rows</strong> dòng: <strong id=\"n-counted\">$total</strong> nhiệm vụ được tính trong thống kê, <span id=\"n-not-counted\">$(( rows - total ))</span> dòng không tính ($groups nhóm nhiệm vụ" list.html \
    || die "the list does not say which rows are not counted: $(grep -o '<p class="count".\{0,300\}' list.html)"
# A filter that selects counted tasks only says so without the split.
get "/tasks?status=overdue&as_of=2025-12-24" o.html -b jar
n=$(sed -n 's/.*id="n-tasks">\([0-9]*\)<.*/\1/p' o.html)
grep -q "Tìm thấy <strong id=\"n-tasks\">$n</strong> nhiệm vụ (<span id=\"n-counted\">$n</span> được tính" o.html \
    || die "a counted-only list"

# The same unit's count everywhere: the unit whose list also holds a task it is not counted for.
unit=$(db_count "select s.agency_id from assignment s join task t on t.id = s.task_id
    where s.removed_import_id is null and (t.repeat_of_id is not null or t.id in
    (select parent_id from task where parent_id is not null)) group by s.agency_id order by count(*) desc limit 1")
name=$(db_count "select name from agency where id = $unit")
api=$(sqlite3 :memory: "select json_extract(value, '$.total') from json_each(json_extract(readfile('r.json'), '$.by_agency')) where json_extract(value, '$.agency') = '$name'")
[ -n "$api" ] || die "$name not in the report"
get "/units?as_of=2025-12-24" units.html -b jar
row=$(sed 's/<tr>/\n<tr>/g' units.html | grep "<a href=\"/units/$unit?as_of=2025-12-24\">")
listed=$(echo "$row" | sed 's/<[^>]*>/|/g' | tr -s '|' | awk -F'|' '{print $10}')
[ "$listed" = "$api" ] || die "$name: units list $listed, report $api"
get "/units/$unit?as_of=2025-12-24" one.html -b jar
well_formed one.html
own=$(sed -n 's/.*id="unit-count"><strong>\([0-9]*\)<.*/\1/p' one.html)
[ "$own" = "$api" ] || die "$name: its page $own, report $api"
grep -q 'nhiệm vụ được tính; ngoài ra [0-9]* nhiệm vụ không tính (nhóm nhiệm vụ, nhắc lại)' one.html \
    || die "the unit page does not say which tasks it does not count"
# ... and the admin units page's "Nhiệm vụ chủ trì" (the tasks it leads, not every
# assignment row: a group of sub-tasks or a repeat it is assigned is not a task of its own).
login admin admin-pass-123 admin
get /admin/units adm.html -b admin
led=$(sed 's/<tr>/\n<tr>/g' adm.html | grep "^<tr><td>$name</td>" | sed 's/.*<td class="num">\([0-9]*\)<\/td><\/tr>.*/\1/')
rows_all=$(db_count "select count(*) from assignment where agency_id = $unit and removed_import_id is null")
[ "$led" = "$api" ] || die "$name: admin page leads $led, report $api"
[ "$rows_all" -gt "$api" ] || die "$name should have assignment rows that are not counted tasks"
get "/tasks?agency=$unit&as_of=2025-12-24" ul.html -b jar
[ "$(sed -n 's/.*id="n-counted">\([0-9]*\)<.*/\1/p' ul.html)" = "$api" ] || die "$name: the task list counts otherwise"
[ "$(sed -n 's/.*id="n-tasks">\([0-9]*\)<.*/\1/p' ul.html)" -gt "$api" ] || die "$name: no uncounted row listed"

# One name per bucket: "Đang thực hiện trong hạn", never "có thời hạn" or "Trong hạn".
grep -q '>[0-9]* Đang thực hiện trong hạn</a>' dash.html || die "the dashboard card names the bucket otherwise"
! grep -q '[0-9] có thời hạn<' dash.html || die "the dashboard still says 'có thời hạn'"
grep -q '<option value="in_progress">Đang thực hiện trong hạn</option>' list.html || die "the status filter"
$GIAMSAT report --as-of 2025-12-24 --format md > r.md
grep -q -- '- Đang thực hiện trong hạn' r.md || die "the report's headline row"
! grep -q -- '| - Trong hạn' r.md || die "the report still says 'Trong hạn'"

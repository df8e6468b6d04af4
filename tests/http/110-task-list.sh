# The task list: search without diacritics, filters, status as of a date, paging, bad parameters.
set -eu
start_server
login admin admin-pass-123 jar
n_tasks() { sed -n 's/.*id="n-tasks">\([0-9]*\)<.*/\1/p' "$1"; }
rows() { grep -o '<tr><td>[^<]*</td><td><a href="/tasks/[0-9]*' "$1" | sed 's/.*tasks\///'; }
$GIAMSAT report --as-of 2025-12-24 --format json > r.json

# Everything, paged 50 a page; every page well-formed.
get "/tasks" all.html -b jar
well_formed all.html
total=$(db_count "select count(*) from task")
[ "$(n_tasks all.html)" = "$total" ] || die "count $(n_tasks all.html), want $total"
[ "$(rows all.html | wc -l)" = 50 ] || die "page 1 does not have 50 rows"
# The lead-unit choice: every unit with an assignment, once, in the same order on every
# request (it is made once per report), and with one chosen, that one selected.
units() { tr '>' '\n' < "$1" | sed -n '/name="agency"/,/<\/select/p' | grep -c '^<option value="[0-9]'; }
assigned=$(db_count "select count(distinct agency_id) from assignment where removed_import_id is null")
[ "$(units all.html)" = "$assigned" ] || die "the unit choice lists $(units all.html), want $assigned"
get "/tasks" again.html -b jar
cmp -s all.html again.html || die "the list differs between two requests"
get "/tasks?agency=$(db_count "select min(agency_id) from assignment")" one.html -b jar
[ "$(units one.html)" = "$assigned" ] || die "with a unit chosen, the choice lists $(units one.html)"
[ "$(grep -o 'selected="selected"' one.html | wc -l)" -ge 1 ] || die "the chosen unit is not selected"
last=$(( (total + 49) / 50 ))
grep -q "page=$last\"" all.html || die "no link to the last page $last"
get "/tasks?page=$last" lastp.html -b jar
well_formed lastp.html
[ "$(rows lastp.html | wc -l)" = $(( total - 50 * (last - 1) )) ] || die "last page rows"
[ "$(rows lastp.html | tail -n 1)" = "$(db_count "select max(id) from task")" ] || die "last task"
get "/tasks?page=2" p2.html -b jar
[ "$(rows p2.html | head -n 1)" = "$(db_count "select id from task order by id limit 1 offset 50")" ] \
    || die "page 2 does not start with the 51st task"

# Search ignores case and diacritics, as `giamsat tasks --search` does.
get "/tasks?q=bo+noi+vu" s.html -b jar
well_formed s.html
want=$($GIAMSAT tasks --search "bo noi vu" | tail -n 1 | cut -d' ' -f1)
[ "$(n_tasks s.html)" = "$want" ] && [ "$want" -gt 0 ] || die "search: $(n_tasks s.html), want $want"
bnv_task=$(db_count "select id from task where lead_text = 'Bộ Nội vụ' order by id limit 1")
rows s.html | grep -qx "$bnv_task" || die "search 'bo noi vu' misses task $bnv_task of Bộ Nội vụ"
grep -q 'data-live-search' s.html || die "no live search field"
grep -q 'value="bo noi vu"' s.html || die "the search text is not kept"
get "/tasks?q=B%E1%BB%98+N%E1%BB%98I+V%E1%BB%A4" s2.html -b jar
[ "$(n_tasks s2.html)" = "$want" ] || die "search with capitals and diacritics differs"

# Status as of a date: only overdue tasks, as many as the report counts.
get "/tasks?status=overdue&as_of=2025-12-24" o.html -b jar
well_formed o.html
[ "$(n_tasks o.html)" = "$(jget r.json '$.tasks.overdue')" ] || die "overdue count"
[ "$(grep -o 'badge b-[a-z_]*' o.html | sort -u)" = "badge b-overdue" ] || die "not only overdue"
grep -q 'value="overdue" selected="selected"' o.html || die "status not kept in the form"
get "/tasks?status=in_progress_on_time&as_of=2025-12-24" ip.html -b jar
[ "$(n_tasks ip.html)" = "$(jget r.json '$.tasks.in_progress_on_time')" ] || die "in progress count"
# Before the tasks' deadlines fewer tasks are overdue.
get "/tasks?status=overdue&as_of=2025-03-01" early.html -b jar
[ "$(n_tasks early.html)" -lt "$(n_tasks o.html)" ] || die "as_of does not change the status"
get "/tasks?status=done" d.html -b jar
[ "$(n_tasks d.html)" = "$(jget r.json '$.tasks.done')" ] || die "done count"
get "/tasks?status=done&as_of=2025-03-01" d0.html -b jar
[ "$(n_tasks d0.html)" = 0 ] && grep -q 'Không có nhiệm vụ nào' d0.html || die "done before any report"

# Deadline range, document, lead unit (by id or name), unit kind, field.
get "/tasks?due_from=2025-06-01&due_to=2025-06-30" due.html -b jar
[ "$(n_tasks due.html)" = "$(db_count "select count(*) from task where due between '2025-06-01' and '2025-06-30'")" ] \
    || die "deadline range"
get "/tasks?document=2" doc.html -b jar
[ "$(n_tasks doc.html)" = "$(db_count "select count(*) from task_document where document_id = 2")" ] \
    || die "document filter"
bnv=$(db_count "select id from agency where name = 'Bộ Nội vụ'")
get "/tasks?agency=$bnv" a1.html -b jar
get "/tasks?agency=B%E1%BB%99+N%E1%BB%99i+v%E1%BB%A5" a2.html -b jar
well_formed a1.html
[ "$(n_tasks a1.html)" = "$(db_count "select count(*) from assignment where agency_id = $bnv and removed_import_id is null")" ] \
    || die "agency filter"
[ "$(n_tasks a1.html)" = "$(n_tasks a2.html)" ] || die "agency by name differs from by id"
grep -q "value=\"$bnv\" selected=\"selected\"" a1.html || die "agency not kept in the form"
get "/tasks?kind=dia_phuong" k.html -b jar
[ "$(n_tasks k.html)" -gt 0 ] && [ "$(n_tasks k.html)" -lt "$total" ] || die "kind filter"
field=$(db_count "select field from task where field <> '' order by id limit 1")
get "/tasks?field=$(printf %s "$field" | sed 's/ /+/g; s/,/%2C/g')" f.html -b jar
[ "$(n_tasks f.html)" = "$(db_count "select count(*) from task where field = (select field from task where field <> '' order by id limit 1)")" ] \
    || die "field filter"
# Filters combine, and the export links carry them.
get "/tasks?q=bo+noi+vu&status=overdue&as_of=2025-12-24" c.html -b jar
[ "$(n_tasks c.html)" -le "$(n_tasks s.html)" ] && [ "$(n_tasks c.html)" -le "$(n_tasks o.html)" ] \
    || die "combined filters"
grep -q 'href="/tasks/export?format=csv&amp;q=bo%20noi%20vu&amp;status=overdue' c.html \
    || die "export link without the filters"

# Malformed or unknown parameters are refused.
[ "$(status GET '/tasks?status=late' -b jar)" = 400 ] || die "bad status"
[ "$(status GET '/tasks?as_of=2025-02-30' -b jar)" = 400 ] || die "bad date"
[ "$(status GET '/tasks?kind=bo' -b jar)" = 400 ] || die "bad kind"
[ "$(status GET '/tasks?agency=khong+co' -b jar)" = 400 ] || die "unknown agency"
[ "$(status GET '/tasks?sort=name' -b jar)" = 400 ] || die "unknown parameter"
[ "$(status GET '/tasks?page=0' -b jar)" = 400 ] || die "page 0"

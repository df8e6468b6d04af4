# Đơn vị (scorecard, one unit by status) and Văn bản (documents with counts, one document).
set -eu
start_server
login xem xem-pass-123 jar
$GIAMSAT report --as-of 2025-12-24 --format json > r.json
bnv=$(db_count "select id from agency where name = 'Bộ Nội vụ'")
unit_rows() { grep -o '<td><a href="/units/[0-9]*' "$1" | sed 's/.*units\///'; }

# The scorecard: one row per unit with an assignment, a total that reconciles, three orders.
for sort in "" "?sort=name" "?sort=overdue" "?sort=rate" "?sort=rate&as_of=2025-06-30"; do
    get "/units$sort" u.html -b jar
    well_formed u.html
done
get "/units" u.html -b jar
[ "$(unit_rows u.html | wc -l)" = "$(jget r.json '$.units')" ] || die "scorecard rows"
total=$(jget r.json '$.assignments.total')
grep -q "<td>Tổng cộng</td><td></td>.*<td class=\"num\">$total</td>" u.html || die "scorecard total"
grep -q '<th scope="col" class="num">Hoàn thành đúng hạn</th>' u.html || die "bucket columns"
grep -q '<th scope="col" class="num" aria-sort="descending"><a href="/units?sort=overdue">Quá hạn chưa hoàn thành</a></th>' u.html \
    || die "the overdue column is not marked as the current sort"
# Sorted by overdue, the first unit has the most overdue assignments.
most=$(sqlite3 :memory: "select json_extract(value, '$.agency') from json_each(json_extract(readfile('r.json'), '$.by_agency')) order by json_extract(value, '$.overdue') desc limit 1")
first=$(unit_rows u.html | head -n 1)
[ "$(db_count "select name from agency where id = $first")" = "$most" ] || die "overdue order"
get "/units?sort=rate" rate.html -b jar
grep -o '<tr><td class="num">[0-9]*</td>' rate.html | sed 's/[^0-9]//g' > ranks
sort -n ranks | cmp -s - ranks || die "rate order is not by rank"
[ "$(status GET '/units?sort=size' -b jar)" = 400 ] || die "bad sort"

# One unit: its counts as in the report, its tasks grouped with the overdue ones first.
get "/units/$bnv" one.html -b jar
well_formed one.html
grep -q '<h1>Bộ Nội vụ</h1>' one.html || die "unit title"
want=$(sqlite3 :memory: "select json_extract(value, '$.total') from json_each(json_extract(readfile('r.json'), '$.by_agency')) where json_extract(value, '$.agency') = 'Bộ Nội vụ'")
grep -q "<td class=\"num\">$want</td>" one.html || die "unit total $want"
first_h2=$(grep -o '<h2 id="s-[a-z_]*"' one.html | head -n 1)
[ "$first_h2" = '<h2 id="s-overdue"' ] || die "overdue tasks not first ($first_h2)"
n_over=$(sqlite3 :memory: "select json_extract(value, '$.overdue') from json_each(json_extract(readfile('r.json'), '$.by_agency')) where json_extract(value, '$.agency') = 'Bộ Nội vụ'")
grep -q "Quá hạn chưa hoàn thành ($n_over)" one.html || die "overdue heading count"
grep -q "href=\"/tasks?agency=$bnv\"" one.html || die "no link to the filtered task list"
[ "$(status GET /units/999999 -b jar)" = 404 ] || die "no such unit"

# Documents: counts per document that add up to the report's tasks.
get "/documents" d.html -b jar
well_formed d.html
[ "$(grep -o '<td><a href="/documents/[0-9]*"' d.html | wc -l)" = "$(db_count "select count(distinct document_id) from task_document")" ] \
    || die "document rows"
grep -q "<td>Tổng cộng</td><td></td>.*<td class=\"num\">$(jget r.json '$.tasks.total')</td>" d.html \
    || die "documents total"
doc=$(db_count "select document_id from task_document group by document_id order by count(*) desc limit 1")
n=$(db_count "select count(*) from task_document where document_id = $doc")
get "/documents/$doc" one.html -b jar
well_formed one.html
grep -q "<dt>Số nhiệm vụ</dt><dd>$n</dd>" one.html || die "document task count"
[ "$(grep -c 'href="/tasks/[0-9]*"' one.html)" -ge 1 ] || die "no task list"
[ "$(grep -o '<tr><td>[^<]*</td><td><a href="/tasks/' one.html | wc -l)" = 50 ] || die "page size"
last=$(( (n + 49) / 50 ))
get "/documents/$doc?page=$last" lastp.html -b jar
well_formed lastp.html
[ "$(grep -o '<tr><td>[^<]*</td><td><a href="/tasks/' lastp.html | wc -l)" = $(( n - 50 * (last - 1) )) ] \
    || die "last page"
[ "$(status GET /documents/999999 -b jar)" = 404 ] || die "no such document"
# A unit's task list shows each task's latest report from that unit, with its age (issue #11).
bnv_id=$(db_count "select id from agency where name = 'Bộ Nội vụ'")
get "/units/$bnv_id?as_of=2025-12-24" unit-stale.html -b jar
grep -q 'Báo cáo gần nhất' unit-stale.html || die "the unit page has no latest-report column"
grep -q 'chưa báo cáo\|tháng trước\|ngày trước' unit-stale.html || die "no latest-report cell on the unit page"
# A unit leading more tasks in one status than a page holds shows the first 50 of them
# and links to the whole filtered list (a ministry leads hundreds through "Các bộ, ngành").
busy=$(db_count "select agency_id from assignment group by agency_id order by count(*) desc limit 1")
get "/units/$busy?as_of=2025-12-24" busy.html -b jar
well_formed busy.html
n_over=$(grep -o 'Quá hạn chưa hoàn thành ([0-9]*)' busy.html | head -n 1 | sed 's/.*(\([0-9]*\))/\1/')
[ "$n_over" -gt 50 ] || die "the busiest unit has only $n_over overdue tasks: the test needs more than 50"
grep -q "href=\"/tasks?agency=$busy&amp;status=overdue&amp;as_of=2025-12-24\">Xem tất cả $n_over nhiệm vụ" busy.html \
    || die "no link to the unit's whole overdue list"

# Ranking of units (issue #13, defect 6): by on-time completion among assignments due, ties
# broken by more done on time then fewer overdue, standard competition ranking (1, 2, 2, 4),
# units with nothing due not ranked; the rank is the unit's whatever the table's order; the
# rule is stated and the current sort is marked. The rate is compared in whole percent, as
# the table shows it. The page's ranks are the API report's, and
# both are recomputed here from the report's counts with SQL's RANK().
set -eu
start_server
login xem xem-pass-123 jar
get /api/v1/report?as_of=2025-12-24 r.json -b jar
# name|rank, recomputed: rate = on time / due, then on time desc, then overdue asc.
sqlite3 :memory: "with u as (select json_extract(value, '$.agency') name,
        json_extract(value, '$.done_on_time') ok,
        json_extract(value, '$.done_on_time') + json_extract(value, '$.done_late')
          + json_extract(value, '$.overdue') due,
        json_extract(value, '$.overdue') late, json_extract(value, '$.rank') rank
      from json_each(json_extract(readfile('r.json'), '$.by_agency')))
    select name || '|' || case when due = 0 then 0 else rank() over (partition by due = 0
        order by (200 * ok + due) / (2 * max(due, 1)) desc, ok desc, late asc) end || '|' || rank
    from u order by name" > want
[ -s want ] || die "no unit in the report"
awk -F'|' '$2 != $3 { bad = 1; print "rank of " $1 ": want " $2 ", API " $3 } END { exit bad }' want \
    || die "the API's ranks do not follow the rule"
grep -q '|0|0$' want || die "the demo data should have a unit with nothing due"
grep -q '^[^|]*|1|' want || die "no unit ranked 1"

# The page ranks as the API does, for every order of the table.
page_ranks() {
    sed 's/<tr>/\n<tr>/g' "$1" | grep '^<tr><td' | sed 's/<[^>]*>/|/g' | tr -s '|' |
        awk -F'|' '{ r = ($2 == "chưa có nhiệm vụ đến hạn") ? 0 : $2; print $3 "|" r }' | sort
}
cut -d'|' -f1,2 want | sort > want2
for sort in rate overdue name; do
    get "/units?sort=$sort&as_of=2025-12-24" u-$sort.html -b jar
    well_formed u-$sort.html
    page_ranks u-$sort.html > got-$sort
    diff want2 got-$sort > /dev/null || die "sort=$sort: the page's ranks differ: $(diff want2 got-$sort | head -5)"
    grep -q 'id="rank-rule">Hạng xếp theo tỷ lệ hoàn thành đúng hạn trong số nhiệm vụ đã đến hạn' u-$sort.html \
        || die "sort=$sort: the rule is not stated"
    [ "$(grep -o 'aria-sort="[a-z]*"' u-$sort.html | wc -l)" = 1 ] || die "sort=$sort: not one column marked"
done
grep -q '<th scope="col" class="num" aria-sort="ascending"><a href="/units?sort=rate&amp;as_of=2025-12-24">Hạng</a></th>' u-rate.html \
    || die "sort=rate does not mark the Hạng column"
grep -q '<th scope="col" aria-sort="ascending"><a href="/units?sort=name&amp;as_of=2025-12-24">Đơn vị</a></th>' u-name.html \
    || die "sort=name does not mark the Đơn vị column"

# Sorted by rank: 1, then competition ranks (a rank is its position or its predecessor's),
# then the units not ranked, each saying so.
sed 's/<tr>/\n<tr>/g' u-rate.html | grep '^<tr><td' | sed 's/<[^>]*>/|/g' | tr -s '|' | cut -d'|' -f2 > order
awk 'BEGIN { prev = 0 } {
        if ($0 == "chưa có nhiệm vụ đến hạn") { unranked = 1; next }
        if (unranked) { print "a ranked unit after an unranked one"; exit 1 }
        if (NR == 1 && $0 != 1) { print "first rank " $0; exit 1 }
        if ($0 != prev && $0 != NR) { print "rank " $0 " at position " NR; exit 1 }
        prev = $0 }' order || die "sort=rate: not a competition ranking"
grep -q 'chưa có nhiệm vụ đến hạn' order || die "no unranked row"
# Ties share a rank: some rank appears twice, and the rank after a tie skips.
[ "$(grep -v 'chưa' order | uniq -d | wc -l)" -ge 1 ] || die "no tie in the demo data"
# A unit's page gives the same rank.
first=$(grep -o '<td><a href="/units/[0-9]*' u-rate.html | head -n 1 | sed 's/.*units\///')
get "/units/$first?as_of=2025-12-24" one.html -b jar
grep -q 'id="unit-rank">1/' one.html || die "the best unit's page does not say rank 1"
none=$(sed 's/<tr>/\n<tr>/g' u-rate.html | grep '^<tr><td class="unranked">' | head -n 1 | grep -o 'href="/units/[0-9]*' | sed 's/.*units\///')
get "/units/$none?as_of=2025-12-24" none.html -b jar
grep -q 'id="unit-rank">chưa có nhiệm vụ đến hạn, không xếp hạng' none.html || die "an unranked unit's page"
# The report's ranking annex states the rule and leaves out the units not ranked.
$GIAMSAT report --as-of 2025-12-24 --format md --section phu_luc_don_vi > dv.md
grep -q 'Xếp hạng: Hạng xếp theo tỷ lệ hoàn thành đúng hạn trong số nhiệm vụ đã đến hạn' dv.md \
    || die "the report does not state the rule"
grep -q 'đơn vị chưa có nhiệm vụ đến hạn, không xếp hạng' dv.md || die "the report does not name the unranked"

# A task's history at national size: the page shows the latest reports and says how many
# there are; ?reports=all shows every one, newest first; other values are refused.
set -eu
start_server
login xem xem-pass-123 viewer
t=$(db_count "select id from task where lead_text = 'Bộ Nội vụ' and id not in (select s.task_id
    from assignment s join progress_report p on p.assignment_id = s.id) order by id limit 1")
# 60 reports on 60 days, written by the command line while the server runs.
for i in $(seq 1 60); do
    d=$(date -d "2025-09-01 + $i days" +%F)
    $GIAMSAT progress add --task "$t" --unit "Bộ Nội vụ" --date "$d" \
        --result "Báo cáo lần $i" > /dev/null || die "progress add $i"
done
get "/tasks/$t" t.html -b viewer
well_formed t.html
n=$(grep -o '<li><h3>' t.html | wc -l)
[ "$n" = 50 ] || die "the page shows $n reports, want the latest 50"
grep -q 'Đang hiện 50 báo cáo gần nhất trong tổng số 60' t.html || die "no count of the history"
grep -q "href=\"/tasks/$t?reports=all#bao-cao\"" t.html || die "no link to the whole history"
grep -q 'Báo cáo lần 60<' t.html && grep -q 'Báo cáo lần 11<' t.html || die "not the latest 50"
! grep -q 'Báo cáo lần 10<' t.html || die "an older report is shown"
# Newest first within the page (issue #13).
first=$(grep -o 'Báo cáo lần [0-9]*<' t.html | head -n 1)
[ "$first" = 'Báo cáo lần 60<' ] || die "the page starts with '$first'"
[ "$(grep -o 'Báo cáo lần [0-9]*<' t.html | tail -n 1)" = 'Báo cáo lần 11<' ] || die "the page ends badly"

get "/tasks/$t?reports=all&as_of=2025-12-24" all.html -b viewer
well_formed all.html
[ "$(grep -o '<li><h3>' all.html | wc -l)" = 60 ] || die "?reports=all does not show 60"
! grep -q 'Đang hiện [0-9]* báo cáo gần nhất' all.html || die "the whole history still says it is cut"
[ "$(grep -o 'Báo cáo lần [0-9]*<' all.html | head -n 1)" = 'Báo cáo lần 60<' ] || die "order"
[ "$(grep -o 'Báo cáo lần [0-9]*<' all.html | tail -n 1)" = 'Báo cáo lần 1<' ] || die "order (last)"
[ "$(status GET "/tasks/$t?reports=some" -b viewer)" = 400 ] || die "?reports=some accepted"
# The as-of date goes with the link.
get "/tasks/$t?as_of=2025-12-24" asof.html -b viewer
grep -q "href=\"/tasks/$t?reports=all&amp;as_of=2025-12-24#bao-cao\"" asof.html \
    || die "the link loses the date"

# A focal point's home (issue #13, defect 7): a unit account signs in to its unit's page,
# which starts with the unit's overdue then due-soon (14 days) assignments, each with a
# "Báo cáo" action to the task's progress form; Tổng quan stays in the nav. Other roles
# sign in to Tổng quan, and see the same list without the action.
set -eu
start_server
bnv=$(db_count "select id from agency where name = 'Bộ Nội vụ'")
code=$(login_post unit -D h --data-urlencode username=noivu --data-urlencode password=noivu-pass-123)
[ "$code" = 303 ] || die "sign-in: HTTP $code"
grep -qi "^Location: /units/$bnv" h || die "the focal point lands on $(grep -i '^location' h)"
# Asked for a page, it goes there; signed in, /login sends it home.
code=$(login_post unit2 -D h2 --data-urlencode username=noivu --data-urlencode password=noivu-pass-123 \
    --data-urlencode next=/tasks)
grep -qi "^Location: /tasks" h2 || die "next= is not kept: $(grep -i '^location' h2)"
[ "$(curl -s -o /dev/null -w '%{redirect_url}' -b unit "$URL/login")" = "$URL/units/$bnv" ] \
    || die "/login signed in does not go to the unit's page"
code=$(login_post admin -D h3 --data-urlencode username=admin --data-urlencode password=admin-pass-123)
grep -qi "^Location: /\s*$" h3 || die "the admin lands on $(grep -i '^location' h3)"

get "/units/$bnv" home.html -b unit
well_formed home.html
grep -q '<a href="/">Tổng quan</a>' home.html || die "Tổng quan is not in the nav"
# The list comes before everything else on the page.
first_h2=$(grep -o '<h2 id="[a-z-]*"' home.html | head -n 1)
[ "$first_h2" = '<h2 id="can-lam-h"' ] || die "the page starts with $first_h2"
before=$(sed 's/<section id="can-lam".*//' home.html)
! echo "$before" | grep -q '<dl class="facts">' || die "facts before the list"
# Overdue rows first, then due soon; as many overdue as the report counts (at most 50).
$GIAMSAT report --as-of 2025-12-24 --format json > r.json
n_over=$(sqlite3 :memory: "select json_extract(value, '$.overdue') from json_each(json_extract(readfile('r.json'), '$.by_agency')) where json_extract(value, '$.agency') = 'Bộ Nội vụ'")
table=$(sed -n 's/.*<table class="todo">\(.*\)<\/table>.*/\1/p' home.html | sed 's/<\/table>.*//')
echo "$table" | grep -o '<tr class="[a-z-]*"' | sed 's/.*="//; s/"//' > kinds
[ "$(grep -c '^overdue$' kinds)" = "$n_over" ] || die "overdue rows $(grep -c '^overdue$' kinds), report $n_over"
[ "$(grep -c '^due-soon$' kinds)" -ge 1 ] || die "no due-soon row (tasks due 31/12/2025)"
uniq kinds | tr '\n' ' ' | grep -qx 'overdue due-soon ' || die "not overdue first: $(uniq kinds | tr '\n' ' ')"
# The due-soon rows are the reminder's (giamsat remind --within 14).
$GIAMSAT remind --as-of 2025-12-24 --within 14 --agency "Bộ Nội vụ" --format json > rm.json
soon=$(sqlite3 :memory: "select json_array_length(json_extract(readfile('rm.json'), '$.units[0].due_soon'))")
# The table holds 50 rows at most, overdue ones first; the rest are a link away.
shown=$(( n_over + soon < 50 ? soon : 50 - n_over ))
[ "$(grep -c '^due-soon$' kinds)" = "$shown" ] || die "due-soon rows $(grep -c '^due-soon$' kinds), remind $soon"
if [ $(( n_over + soon )) -gt 50 ]; then
    grep -q "Xem tất cả $soon nhiệm vụ đến hạn trong 14 ngày tới" home.html || die "no link to the rest"
fi
# Each row has its "Báo cáo" action to the task's form, which is there for the unit.
rows=$(wc -l < kinds)
[ "$(echo "$table" | grep -o 'href="/tasks/[0-9]*#them-bao-cao">Báo cáo' | wc -l)" = "$rows" ] || die "Báo cáo actions"
t=$(echo "$table" | grep -o 'href="/tasks/[0-9]*#them-bao-cao"' | head -n 1 | sed 's/[^0-9]//g')
get "/tasks/$t" task.html -b unit
grep -q 'id="them-bao-cao"' task.html || die "the action's target has no form anchor"
# A viewer sees the list, not the action.
login xem xem-pass-123 viewer
get "/units/$bnv" v.html -b viewer
grep -q '<table class="todo">' v.html || die "the viewer sees no list"
! grep -q 'them-bao-cao' v.html || die "the viewer is offered Báo cáo"
get "/" dash.html -b viewer
grep -q '<h1>Tổng quan</h1>' dash.html || die "the viewer's home"

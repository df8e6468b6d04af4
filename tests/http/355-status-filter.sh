# One task-status filter (issue #13, "one rule, one place"): the task page, the API and the
# command line accept the same keys (core/status.h status_filter_parse()) and select the same
# tasks for each; the two sums the headline figures show are the sums of their buckets;
# an unknown key is refused by all three.
set -eu
start_server
login xem xem-pass-123 jar
get /api/v1/openapi.json openapi.json
d=2025-12-24
for k in overdue in_progress recurring in_progress_on_time done done_on_time done_late; do
    get "/tasks?status=$k&as_of=$d" "p-$k.html" -b jar
    page=$(sed -n 's/.*id="n-tasks">\([0-9]*\)<.*/\1/p' "p-$k.html")
    get "/api/v1/tasks?status=$k&as_of=$d&limit=1000" "a-$k.json" -b jar
    api=$(jget "a-$k.json" '$.total')
    $GIAMSAT tasks --status "$k" --as-of "$d" --format json > "c-$k.json"
    cli=$(sqlite3 :memory: "select json_array_length(readfile('c-$k.json'))")
    [ "$page" = "$api" ] && [ "$api" = "$cli" ] || die "status=$k: page $page, API $api, CLI $cli"
    # the same tasks, not only as many
    ids_api=$(sqlite3 :memory: "select group_concat(json_extract(value, '$.id')) from (select value from json_each(json_extract(readfile('a-$k.json'), '$.items')) order by json_extract(value, '$.id'))")
    ids_cli=$(sqlite3 :memory: "select group_concat(json_extract(value, '$.id')) from (select value from json_each(readfile('c-$k.json')) order by json_extract(value, '$.id'))")
    [ "$ids_api" = "$ids_cli" ] || die "status=$k: the API and the CLI select different tasks"
    eval "n_$k=$api"
done
[ "$n_overdue" -gt 0 ] && [ "$n_done_on_time" -gt 0 ] || die "the demo data should have overdue and done tasks"
[ "$n_in_progress_on_time" = $((n_in_progress + n_recurring)) ] || die "in_progress_on_time is not the sum"
[ "$n_done" = $((n_done_on_time + n_done_late)) ] || die "done is not the sum"
# The page's list of choices is the core's.
for k in overdue in_progress recurring in_progress_on_time done done_on_time done_late; do
    grep -q "<option value=\"$k\"" p-done.html || die "the page does not offer $k"
done
# An unknown key is refused everywhere, naming the accepted keys.
[ "$(status GET "/tasks?status=late" -b jar)" = 400 ] || die "page accepted status=late"
api GET "/api/v1/tasks?status=late" bad.json 400 -b jar
jget bad.json '$.error.message' | grep -q 'in_progress_on_time, done, done_on_time, done_late' \
    || die "the API does not name the keys"
if $GIAMSAT tasks --status late > /dev/null 2> cli.err; then die "the CLI accepted --status late"; fi
grep -q 'overdue, in_progress' cli.err || die "the CLI does not name the keys: $(cat cli.err)"

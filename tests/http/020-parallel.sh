# The thread pool serves requests in parallel: reports built at the same time stay correct
# and the server survives (no shared sorting state, one database connection per request).
set -eu
start_server
login xem xem-pass-123 jar
$GIAMSAT report --as-of 2025-12-24 --format json > cli.json
pids=""
for w in 1 2 3 4 5 6 7 8; do
    (
        for i in 1 2 3 4 5; do
            curl -s -b jar -o "r$w-$i.json" -w '%{http_code}\n' \
                "$URL/report/download?format=json&as_of=2025-12-24" >> "codes$w"
            curl -s -b jar -o /dev/null -w '%{http_code}\n' "$URL/?as_of=2025-06-30" >> "codes$w"
        done
    ) &
    pids="$pids $!"
done
# Only the request loops: a bare `wait` would also wait for the server.
for p in $pids; do wait "$p"; done
[ "$(cat codes* | sort -u)" = 200 ] || die "some parallel requests failed: $(cat codes* | sort | uniq -c)"
for f in r*-*.json; do
    same_json "$f" cli.json || die "$f differs from the command line's report"
done
[ "$(status GET /login)" = 200 ] || die "the server did not survive parallel requests"

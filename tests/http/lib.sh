# Helpers for the HTTP tests: a server on a free loopback port with a fresh database.
# Each test: . lib.sh; start_server; ...; (the server stops when the test exits).
die() { echo "FAILED: $*" >&2; exit 1; }
jget() { sqlite3 :memory: "select json_extract(readfile('$1'), '$2')"; }
expect_json() { v=$(jget "$1" "$2"); [ "$v" = "$3" ] || die "$2 = '$v', want '$3' ($1)"; }
db_count() { sqlite3 giamsat.db "$1"; }
snapshot() { sqlite3 giamsat.db .dump | md5sum; }

# start_server: demo data, an admin (admin / admin-pass-123), a unit account for Bộ Nội vụ
# (noivu / noivu-pass-123) and a viewer (xem / xem-pass-123); serve on $PORT; base URL in $URL.
start_server() {
    export GIAMSAT_TODAY=${GIAMSAT_TODAY:-2025-12-24}
    $GIAMSAT demo > demo.log 2>&1 || die "demo failed: $(cat demo.log)"
    $GIAMSAT user add admin --role admin --password admin-pass-123 > /dev/null
    $GIAMSAT user add noivu --role unit --unit "Bộ Nội vụ" --password noivu-pass-123 > /dev/null
    $GIAMSAT user add xem --role viewer --password xem-pass-123 > /dev/null
    # A free port: other test runs may be using the first one tried.
    for attempt in 1 2 3 4 5 6 7 8 9 10; do
        PORT=$(( 20000 + ($$ * 7 + attempt * 997) % 40000 ))
        URL="http://127.0.0.1:$PORT"
        # The notifications' schedule is off unless a test asks for it (NOTIFY_ARGS).
        $GIAMSAT serve --port "$PORT" ${NOTIFY_ARGS:---notify-every 0} ${SERVE_ARGS:-} \
            > server.log 2>&1 &
        SERVER_PID=$!
        trap 'kill $SERVER_PID 2>/dev/null; wait $SERVER_PID 2>/dev/null' EXIT
        for _ in $(seq 1 100); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            curl -s -o /dev/null "$URL/login" && kill -0 "$SERVER_PID" 2>/dev/null && return 0
            sleep 0.1
        done
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    done
    die "the server did not start: $(cat server.log)"
}

# login_post JAR [curl args...]: post the sign-in form as a browser does: fetch /login
# first (its cookie into JAR), send its hidden fields back with the given ones; prints the
# HTTP status code.
login_post() {
    jar=$1; shift
    rm -f "$jar"
    hidden=$(curl -s -c "$jar" "$URL/login" | tr '>' '\n' |
        sed -n 's/.*<input type="hidden" name="\([^"]*\)" value="\([^"]*\)".*/\1=\2/p')
    for h in $hidden; do set -- "$@" --data-urlencode "$h"; done
    curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" "$@" "$URL/login"
}

# login USER PASS JAR: sign in, keeping the session cookie in JAR.
login() {
    code=$(login_post "$3" --data-urlencode "username=$1" --data-urlencode "password=$2")
    [ "$code" = 303 ] || die "login $1: HTTP $code"
}

# csrf JAR PATH: the CSRF token in the form of page PATH.
csrf() {
    curl -s -b "$1" "$URL$2" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1
}

# status METHOD PATH [curl args...]: the HTTP status code.
status() {
    m=$1; p=$2; shift 2
    curl -s -o /dev/null -w '%{http_code}' -X "$m" "$@" "$URL$p"
}

# get PATH FILE [curl args...]: fetch into FILE, fail unless 200.
get() {
    p=$1; f=$2; shift 2
    code=$(curl -s -o "$f" -w '%{http_code}' "$@" "$URL$p")
    [ "$code" = 200 ] || die "GET $p: HTTP $code ($(head -c 300 "$f"))"
}

# well_formed FILE: the page parses as XML (pages are written as polyglot XHTML).
well_formed() { "$OOXML_CHECK" --xml "$1" > /dev/null || die "$1 is not well-formed"; }

# api METHOD PATH FILE STATUS [curl args...]: call the API into FILE, check the
# status, and check the body against the response schema for it in openapi.json (in
# the current folder: fetch it first with `get /api/v1/openapi.json openapi.json`).
api() {
    m=$1; p=$2; f=$3; want=$4; shift 4
    code=$(curl -s -o "$f" -w '%{http_code}' -X "$m" "$@" "$URL$p")
    [ "$code" = "$want" ] || die "$m $p: HTTP $code, want $want ($(head -c 300 "$f"))"
    "$OPENAPI_CHECK" openapi.json "$m" "$p" "$code" "$f" \
        || die "$m $p: the $code response does not match openapi.json"
}

# same_json A B: the two files hold the same JSON value, keys in the same order (the API
# writes it on one line, the command line indented).
same_json() {
    a=$(sqlite3 :memory: "select json(readfile('$1'))") || return 1
    [ -n "$a" ] && [ "$a" = "$(sqlite3 :memory: "select json(readfile('$2'))")" ]
}

# The permission matrix (issue #10): every line of permissions.tsv — roles x write routes
# (pages and API) x own unit / other unit — is sent once for each of its roles, and must
# answer the status of the line (anonymous pages: 303 to /login) with its effect: a refused
# write changes nothing and leaves exactly one refusal line of the caller in the audit log;
# an allowed write changes the data and is audited. Before that, every write route of
# src/web/routes.c (any method but GET) must be in the table for every role (a public route:
# at least once), and every line must name a route that exists.
# runner: long (hundreds of requests, each checked against the database; started first)
set -eu
. "$DATA/../http/session.sh"
HTTP=$DATA/../http
TABLE=$HTTP/permissions.tsv
ROUTES=$HTTP/../../src/web/routes.c
ROLES="admin monitor unit_a unit_b viewer nocsrf anon tok_admin tok_monitor tok_unit_a
       tok_unit_b tok_viewer tok_revoked"

# ---- the table covers routes.c ------------------------------------------------------
# routes.txt: METHOD PATTERN PUBLIC(0/1) for every route that is not a GET.
sed -n 's/^ *{ *"\([A-Z]*\)", *"\([^"]*\)", *[a-z_0-9]*, *\([^}]*\)}.*/\1 \2 \3/p' "$ROUTES" \
    > all-routes.txt
[ "$(wc -l < all-routes.txt)" = "$(grep -c '{ *"[A-Z]*"' "$ROUTES")" ] ||
    die "cannot read every row of routes.c (one row per line: { METHOD, PATTERN, handler, flags })"
awk '$1 != "GET" { print $1, $2, ($0 ~ /R_PUBLIC/) ? 1 : 0 }' all-routes.txt > routes.txt
[ "$(wc -l < routes.txt)" -ge 10 ] || die "cannot read the write routes of routes.c"
# rows.txt: ROLE METHOD PATTERN, one per role of each line ({X} -> :id, no query).
grep -v '^#' "$TABLE" | awk -F '\t' 'NF {
    p = $3; sub(/\?.*/, "", p); gsub(/\{[A-Z_]+\}/, ":id", p)
    n = split($1, r, ","); for (i = 1; i <= n; i++) print r[i], $2, p }' > rows.txt
missing=$(while read -r m p pub; do
    if [ "$pub" = 1 ]; then
        grep -q " $m $p\$" rows.txt || echo "$m $p (no line at all)"
    else
        for role in $ROLES; do grep -qx "$role $m $p" rows.txt || echo "$m $p for $role"; done
    fi
done < routes.txt)
[ -z "$missing" ] || die "write routes of routes.c missing from permissions.tsv:
$missing"
while read -r role m p; do
    grep -q "^$m $p " routes.txt || die "permissions.tsv: $m $p is not a write route of routes.c"
    case " $(echo $ROLES) " in *" $role "*) ;; *) die "permissions.tsv: unknown role '$role'" ;; esac
done < rows.txt

# ---- the cast -------------------------------------------------------------------------
start_server
UNIT_A_NAME="Bộ Khoa học và Công nghệ"
UNIT_B_NAME="Bộ Tài chính"
$GIAMSAT user add gs --role giam_sat --password monitor-pass-1 > /dev/null
$GIAMSAT user add khcn --role don_vi --unit "$UNIT_A_NAME" --password khcn-pass-123 > /dev/null
$GIAMSAT user add taichinh --role don_vi --unit "$UNIT_B_NAME" --password taichinh-pass-1 > /dev/null
$GIAMSAT user add victim --role xem --password victim-pass-1 > /dev/null
for r in admin:quan_tri monitor:giam_sat viewer:xem revoked:xem; do
    eval "TOK_${r%%:*}=\$(\$GIAMSAT token add --role ${r#*:} --name m-${r%%:*} 2> /dev/null)"
done
TOK_unit_a=$($GIAMSAT token add --role don_vi --unit "$UNIT_A_NAME" --name m-unit_a 2> /dev/null)
TOK_unit_b=$($GIAMSAT token add --role don_vi --unit "$UNIT_B_NAME" --name m-unit_b 2> /dev/null)

single="select task_id from assignment s join agency a on a.id = s.agency_id
        where s.removed_import_id is null and s.task_id in (select task_id from assignment
        where removed_import_id is null group by task_id having count(*) = 1)"
TASK_A=$(db_count "$single and a.name = '$UNIT_A_NAME' order by task_id limit 1")
TASK_B=$(db_count "$single and a.name = '$UNIT_B_NAME' order by task_id limit 1")
UNIT_A=$(db_count "select id from agency where name = '$UNIT_A_NAME'")
UNIT_B=$(db_count "select id from agency where name = '$UNIT_B_NAME'")
IND_A_CODE=11.1 IND_B_CODE=8
IND_A=$(db_count "select id from indicator where code = '$IND_A_CODE' and agency_id = $UNIT_A")
DOC=$(db_count "select min(id) from document")
IND_B=$(db_count "select id from indicator where code = '$IND_B_CODE' and agency_id = $UNIT_B")
GROUP=$(db_count "select min(id) from agency_group where rule = 'tag:bo+tag:cq_thuoc_cp'")
VICTIM=$(db_count "select id from app_user where username = 'victim'")
# Reports entered by the office (submitted: the office may accept or return each once):
# REPORT_B of unit B, the others of unit A.
report_of() {
    $GIAMSAT progress add --task "$1" --unit "$2" --date 2025-12-19 --result "matrix setup $3" \
        --json | sed -n 's/.*"id": *\([0-9]*\).*/\1/p' | head -n 1
}
REPORT_A=$(report_of "$TASK_A" "$UNIT_A_NAME" A)
REPORT_B=$(report_of "$TASK_B" "$UNIT_B_NAME" B)
REPORT_C=$(report_of "$TASK_A" "$UNIT_A_NAME" C)
REPORT_D=$(report_of "$TASK_A" "$UNIT_A_NAME" D)
REPORT_E=$(report_of "$TASK_A" "$UNIT_A_NAME" E)
REPORT_F=$(report_of "$TASK_A" "$UNIT_A_NAME" F)
for v in TASK_A TASK_B UNIT_A UNIT_B IND_A IND_B GROUP VICTIM REPORT_A REPORT_B REPORT_C \
    REPORT_D REPORT_E REPORT_F; do
    eval "[ -n \"\$$v\" ]" || die "the demo data has no $v"
done
cat > tasks.csv <<'CSV'
Mã,Tên nhiệm vụ,Văn bản giao,Cơ quan chủ trì,Cơ quan phối hợp,Thời hạn
PM1,Thử quyền nhập dữ liệu,Kế hoạch số 12/KH-BCĐ ngày 05/12/2025,Bộ Nội vụ,,Tháng 6/2026
CSV

# Sessions, signed in through the form; their CSRF tokens.
signin admin admin-pass-123 admin.jar || die "admin cannot sign in"
signin gs monitor-pass-1 monitor.jar || die "gs cannot sign in"
signin khcn khcn-pass-123 unit_a.jar || die "khcn cannot sign in"
signin taichinh taichinh-pass-1 unit_b.jar || die "taichinh cannot sign in"
signin xem xem-pass-123 viewer.jar || die "xem cannot sign in"
for s in admin monitor unit_a unit_b viewer; do
    eval "CSRF_$s=\$(form_csrf $s.jar /)"
    eval "[ -n \"\$CSRF_$s\" ]" || die "no CSRF token for $s"
done
# The revoked token: revoked by the admin through the page.
rid=$(db_count "select id from api_token where name = 'm-revoked'")
[ "$(status POST "/admin/tokens/$rid/revoke" -b admin.jar --data "csrf=$CSRF_admin")" = 303 ] ||
    die "cannot revoke the token"
: > anon.jar

# creds ROLE: the curl arguments of a role (sets JAR, TOK, CSRF and ACTOR).
creds() {
    JAR= TOK= CSRF= ACTOR=
    case $1 in
    anon) JAR=anon.jar ;;
    nocsrf) JAR=admin.jar ACTOR=admin ;;
    tok_*) eval "TOK=\$TOK_${1#tok_}"; [ "$1" = tok_revoked ] || ACTOR="token:m-${1#tok_}" ;;
    *) JAR=$1.jar; eval "CSRF=\$CSRF_$1"
       case $1 in monitor) ACTOR=gs ;; unit_a) ACTOR=khcn ;; unit_b) ACTOR=taichinh ;;
       viewer) ACTOR=xem ;; *) ACTOR=$1 ;; esac ;;
    esac
}

# upload_by JAR CSRF: a fresh upload (dry run) of tasks.csv; prints its id.
upload_by() {
    curl -s -b "$1" -F step=check -F format=auto -F document= -F file=@tasks.csv \
        "$URL/import?csrf=$2" | sed -n 's/.*name="upload" value="\([0-9]*\)".*/\1/p' | head -n 1
}

# expand TEXT: the placeholders of a line, for the row number $N and the role in creds.
expand() {
    t=$1
    case $t in *'{NEWTOKEN}'*)
        $GIAMSAT token add --role xem --name "victim-$N" > /dev/null 2>&1
        t=$(printf '%s' "$t" | sed "s/{NEWTOKEN}/$(db_count "select max(id) from api_token")/g") ;;
    esac
    case $t in *'{UPLOAD}'*)
        u=$(upload_by admin.jar "$CSRF_admin"); [ -n "$u" ] || die "row $N: no upload"
        t=$(printf '%s' "$t" | sed "s/{UPLOAD}/$u/g") ;;
    esac
    case $t in *'{MY_UPLOAD}'*)
        u=$(upload_by "$JAR" "$CSRF"); [ -n "$u" ] || die "row $N: no upload of the caller's"
        t=$(printf '%s' "$t" | sed "s/{MY_UPLOAD}/$u/g") ;;
    esac
    case $t in *'{NEWREQ_A}'* | *'{ANSWERED_A}'*)
        $GIAMSAT request add --task "$TASK_A" --unit "$UNIT_A_NAME" --due 2025-12-30 \
            --date 2025-12-20 --content "matrix $N" > /dev/null
        r=$(db_count "select max(id) from explanation_request")
        case $t in *'{ANSWERED_A}'*)
            $GIAMSAT request answer "$r" --explanation "matrix $N" --remedy "matrix $N" \
                --new-due 2026-01-31 --date 2025-12-21 > /dev/null ;;
        esac
        t=$(printf '%s' "$t" | sed -e "s/{NEWREQ_A}/$r/g" -e "s/{ANSWERED_A}/$r/g") ;;
    esac
    printf '%s' "$t" | sed -e "s/{N}/$N/g" -e "s/{PCT}/$((1 + N % 99))/g" \
        -e "s/{TASK_A}/$TASK_A/g" -e "s/{TASK_B}/$TASK_B/g" -e "s/{UNIT_A}/$UNIT_A/g" \
        -e "s/{UNIT_B}/$UNIT_B/g" -e "s/{UNIT_A_NAME}/$UNIT_A_NAME/g" \
        -e "s/{UNIT_B_NAME}/$UNIT_B_NAME/g" -e "s/{IND_A}/$IND_A/g" -e "s/{IND_B}/$IND_B/g" \
        -e "s/{IND_A_CODE}/$IND_A_CODE/g" -e "s/{IND_B_CODE}/$IND_B_CODE/g" \
        -e "s/{DOC}/$DOC/g" -e "s/{GROUP}/$GROUP/g" -e "s/{VICTIM}/$VICTIM/g" -e "s/{CSRF}/$CSRF/g" \
        -e "s/{REPORT_A}/$REPORT_A/g" -e "s/{REPORT_B}/$REPORT_B/g" \
        -e "s/{REPORT_C}/$REPORT_C/g" -e "s/{REPORT_D}/$REPORT_D/g" \
        -e "s/{REPORT_E}/$REPORT_E/g" -e "s/{REPORT_F}/$REPORT_F/g"
}

# state [LAST]: everything a request may write, but the audit log (checked line by line)
# and the sessions' last-seen times; then the last audit line's id. The audit lines after
# id LAST go to new.txt as ACTION|ACTOR|CLIENT. One look into the database (sqlite3 once).
state() {
    sqlite3 giamsat.db .dump 'select digest, user_id, csrf, created_at from session order by 1' \
        "select 'audit:' || coalesce(max(id), 0) from audit_log" \
        "select 'new:' || action || '|' || coalesce(actor, '') || '|' || coalesce(client, '')
         from audit_log where id > ${1:-0} order by id" > state.txt
    grep -v -e '^INSERT INTO audit_log' -e '^INSERT INTO session' -e '^audit:' -e '^new:' \
        state.txt | md5sum | cut -c1-32
    sed -n 's/^audit://p' state.txt
    sed -n 's/^new://p' state.txt > new.txt
}

# send ROLE METHOD PATH BODY: the request; prints "STATUS LOCATION".
send() {
    role=$1 m=$2 p=$3 body=$4
    set --
    [ -z "$JAR" ] || set -- -b "$JAR"
    [ -z "$TOK" ] || set -- "$@" -H "Authorization: Bearer $TOK"
    case $body in
    -) if [ -n "$CSRF" ] && [ "$role" != nocsrf ]; then
           set -- "$@" --data-urlencode "csrf=$CSRF"
       else
           set -- "$@" --data-binary ''
       fi ;;
    multipart:*)
        fields=${body#multipart:}
        while [ -n "$fields" ]; do
            f=${fields%%;*}; set -- "$@" -F "$f"
            [ "$f" = "$fields" ] && fields= || fields=${fields#*;}
        done ;;
    *) case $p in
       /api/*) set -- "$@" -H 'Content-Type: application/json' --data-binary "$body" ;;
       *) if [ -n "$CSRF" ] && [ "$role" != nocsrf ]; then body="$body&csrf=$CSRF"; fi
          set -- "$@" --data-binary "$body" ;;
       esac ;;
    esac
    if [ "$p" = /login ]; then # the sign-in form's own hidden fields and cookies
        rm -f login.jar
        hidden=$(curl -s -c login.jar "$URL/login" | tr '>' '\n' |
            sed -n 's/.*<input type="hidden" name="\([^"]*\)" value="\([^"]*\)".*/\1=\2/p')
        set -- -b login.jar
        for h in $hidden; do set -- "$@" --data-urlencode "$h"; done
        set -- "$@" --data-binary "$body"
    fi
    curl -s -o resp.out -w '%{http_code} %{redirect_url}' -X "$m" "$@" "$URL$p"
}

# fail MESSAGE: stop at the first failing line, or with PERMISSIONS_ALL=1 list them all.
n_failed=0
fail() {
    [ "${PERMISSIONS_ALL:-0}" = 1 ] || die "$1"
    echo "FAIL: $1"
    n_failed=$((n_failed + 1))
}

# ---- the matrix ---------------------------------------------------------------------------
N=0 n_deny=0 n_write=0
line=0
before=$(state)
grep -n '' "$TABLE" | grep -v '^[0-9]*:#' | grep -v '^[0-9]*:$' > lines.txt
while IFS='	' read -r lr m p body want effect; do
    line=${lr%%:*}
    roles=${lr#*:}
    for role in $(echo "$roles" | tr ',' ' '); do
        N=$((N + 1))
        creds "$role"
        case "$p$body" in *'{NEWTOKEN}'* | *'{UPLOAD}'* | *'{MY_UPLOAD}'* | *'{NEWREQ_A}'* | *'{ANSWERED_A}'*) resources=1 ;; *) resources=0 ;; esac
        xp=$(expand "$p")
        xb=$(expand "$body")
        [ "$resources" = 1 ] && before=$(state)
        where="permissions.tsv:$line $role $m $xp"
        got=$(send "$role" "$m" "$xp" "$xb")
        code=${got%% *} location=${got#* }
        [ "$code" = "$want" ] || fail "$where: HTTP $code, want $want ($(head -c 300 resp.out))"
        if [ "$code" = 303 ] && [ "$effect" = deny ]; then
            case $location in "$URL/login"*) ;; *) fail "$where: sent to '$location', not /login" ;; esac
        fi
        last=$(echo "$before" | tail -n 1)
        after=$(state "$last")
        new=$(cat new.txt)
        n_new=$(printf '%s' "$new" | grep -c . || true)
        changed=1
        [ "$(echo "$before" | head -n 1)" = "$(echo "$after" | head -n 1)" ] && changed=0
        case $effect in
        deny)
            [ "$changed" = 0 ] || fail "$where: refused ($code) but the database changed"
            [ "$n_new" = 1 ] || fail "$where: refused with $n_new audit lines, want 1: $new"
            case $new in *.denied"|$ACTOR|127.0.0.1") ;;
            *) fail "$where: the refusal's audit line is '$new', want '*.denied|$ACTOR|127.0.0.1'" ;;
            esac
            n_deny=$((n_deny + 1)) ;;
        write)
            [ "$changed" = 1 ] || fail "$where: allowed ($code) but nothing was written"
            [ "$n_new" -ge 1 ] || fail "$where: a write without its audit line"
            if printf '%s\n' "$new" | grep -q '\.denied|'; then fail "$where: audited as refused: $new"; fi
            if printf '%s\n' "$new" | grep -v -q "|$ACTOR|"; then fail "$where: audited for another actor: $new"; fi
            n_write=$((n_write + 1)) ;;
        temp)
            [ "$changed" = 1 ] || fail "$where: nothing was stored ($code)"
            if printf '%s\n' "$new" | grep -q '\.denied|'; then fail "$where: audited as refused: $new"; fi ;;
        same)
            [ "$changed" = 0 ] || fail "$where: the database changed"
            [ "$n_new" = 0 ] || fail "$where: audited: $new" ;;
        *) die "permissions.tsv:$line: unknown effect '$effect'" ;;
        esac
        before=$after
    done
done < lines.txt
[ "$n_failed" = 0 ] || die "$n_failed failures"
echo "permission matrix: $N requests, $n_deny refused (each audited, nothing written), $n_write written"
[ "$N" -ge 300 ] || die "only $N requests: is the table read whole?"

# What a refusal's line says: the request, the route, the answer and why.
want="{\"method\":\"POST\",\"path\":\"/tasks/$TASK_A/due\",\"route\":\"/tasks/:id/due\",\"status\":403,\"reason\":\"only the steering office (giám sát) may do this\"}"
got=$(db_count "select after from audit_log where action = 'access.denied'
    and actor = 'token:m-viewer' and after like '%/due\"%' order by id limit 1")
[ "$got" = "$want" ] || die "the refusal reads '$got', want '$want'"
want="{\"method\":\"POST\",\"path\":\"/admin/tokens\",\"route\":\"/admin/tokens\",\"status\":303,\"reason\":\"not signed in\"}"
got=$(db_count "select after from audit_log where action = 'access.denied' and actor = ''
    and after like '%\"/admin/tokens\"%' order by id limit 1")
[ "$got" = "$want" ] || die "the anonymous refusal reads '$got', want '$want'"
[ "$(db_count "select count(*) from audit_log where action = 'access.denied'
    and after like '%form has expired%' and actor = 'admin'")" -gt 0 ] || die "no CSRF refusal line"

# Requests for explanation on the web (issue #15): the office issues one from an overdue task (form
# with CSRF, dd/mm/yyyy deadline, error summary), the unit's focal point answers on the request
# page, the office returns it with a comment, the unit answers again (late), the office accepts;
# every step is dated and attributed on the page; the list sorts requests by state; the unit's page
# counts answers on time, late and unanswered; another unit may not answer; the letter is a DOCX.
set -eu
export GIAMSAT_TODAY=2025-12-24
start_server
login admin admin-pass-123 a.jar
login noivu noivu-pass-123 u.jar
$GIAMSAT user add taichinh --role don_vi --unit "Bộ Tài chính" --password taichinh-pass-1 > /dev/null
login taichinh taichinh-pass-1 o.jar
BNV=$(db_count "select id from agency where name = 'Bộ Nội vụ'")
# An overdue task of Bộ Nội vụ alone.
$GIAMSAT warnings --as-of 2025-12-24 --rule overdue --agency "Bộ Nội vụ" --format json > od.json
T=$(sqlite3 :memory: "select json_extract(value, '\$.task') from json_each(readfile('od.json')) limit 1")
[ -n "$T" ] || die "no overdue task of Bộ Nội vụ"
get "/tasks/$T" t.html -b a.jar
grep -q "href=\"/requests/new?task=$T\">Gửi yêu cầu giải trình" t.html || die "no issue link on the overdue task"
get "/tasks/$T" tu.html -b u.jar
grep -q 'Gửi yêu cầu giải trình' tu.html && die "a unit account is offered to issue a request"
[ "$(status GET "/requests/new?task=$T" -b u.jar)" = 403 ] || die "a unit account opened the issue form"
get "/requests/new?task=$T&unit=$BNV" n.html -b a.jar
well_formed n.html
grep -q '<option value="Bộ Nội vụ" selected="selected"' n.html || die "?unit=$BNV does not choose Bộ Nội vụ"
C=$(csrf a.jar "/requests/new?task=$T")
before=$(snapshot)
code=$(curl -s -o bad.html -w '%{http_code}' -b a.jar --data-urlencode "csrf=$C" --data-urlencode "task=$T" \
    --data-urlencode "unit=Bộ Nội vụ" --data-urlencode "content=" --data-urlencode "due=31/13/2025" "$URL/requests")
[ "$code" = 422 ] || die "a bad request form: HTTP $code"
grep -q 'href="#rq-due"' bad.html && grep -q 'href="#rq-content"' bad.html || die "the summary lacks a field"
[ "$(snapshot)" = "$before" ] || die "a refused form wrote"
loc=$(curl -s -o /dev/null -w '%{redirect_url}' -b a.jar --data-urlencode "csrf=$C" --data-urlencode "task=$T" \
    --data-urlencode "unit=Bộ Nội vụ" --data-urlencode "content=Đề nghị giải trình việc chậm" \
    --data-urlencode "due=26/12/2025" --data-urlencode "number=125/VP-GS" "$URL/requests")
ID=${loc##*/requests/}; ID=${ID%%\?*}
[ "$loc" = "$URL/requests/$ID?saved=issue" ] || die "issue: sent to '$loc'"
[ "$(db_count "select due_on || ' ' || number from explanation_request where id = $ID")" = "2025-12-26 125/VP-GS" ] \
    || die "the request is not stored as typed"

# The unit answers on its page; another unit may not; the office may not answer.
get "/requests/$ID" r.html -b u.jar
well_formed r.html
grep -q "action=\"/requests/$ID/answer\"" r.html || die "the unit is not offered the answer form"
get "/requests/$ID" ro.html -b o.jar
grep -q "action=\"/requests/$ID/answer\"" ro.html && die "another unit is offered the answer form"
Co=$(csrf o.jar /)
[ "$(status POST "/requests/$ID/answer" -b o.jar --data "csrf=$Co&explanation=x&remedy=y&new_due=31/01/2026")" = 403 ] \
    || die "another unit answered"
[ "$(db_count "select count(*) from audit_log where action = 'request.denied' and actor = 'taichinh'")" = 1 ] \
    || die "the refusal is not audited"
Cu=$(csrf u.jar "/requests/$ID")
code=$(curl -s -o bad2.html -w '%{http_code}' -b u.jar --data-urlencode "csrf=$Cu" \
    --data-urlencode "explanation=Chờ ý kiến" --data-urlencode "remedy=" --data-urlencode "new_due=15/01/2026" "$URL/requests/$ID/answer")
[ "$code" = 422 ] && grep -q 'href="#ans-remedy"' bad2.html || die "a blank remedy: HTTP $code"
grep -q '>Chờ ý kiến</textarea>' bad2.html || die "the typed explanation is not kept"
code=$(curl -s -o /dev/null -w '%{http_code}' -b u.jar --data-urlencode "csrf=$Cu" --data-urlencode "explanation=Chờ ý kiến các bộ" \
    --data-urlencode "remedy=Trình trước 10/01" --data-urlencode "new_due=15/01/2026" "$URL/requests/$ID/answer")
[ "$code" = 303 ] || die "the unit's answer: HTTP $code"
# The office returns it with a new deadline, in the past by the time the unit answers again.
get "/requests/$ID" ra.html -b a.jar
grep -q "action=\"/requests/$ID/return\"" ra.html || die "the office is not offered to return"
code=$(curl -s -o /dev/null -w '%{http_code}' -b a.jar --data-urlencode "csrf=$C" \
    --data-urlencode "comment=Chưa rõ lộ trình" --data-urlencode "due=24/12/2025" "$URL/requests/$ID/return")
[ "$code" = 303 ] || die "return: HTTP $code"
# The unit answers again the next day: late.
kill "$SERVER_PID"; wait "$SERVER_PID" 2> /dev/null || true
export GIAMSAT_TODAY=2025-12-27
$GIAMSAT serve --port "$PORT" > server2.log 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do curl -s -o /dev/null "$URL/login" && break; sleep 0.1; done
get "/requests/$ID" r2.html -b u.jar
grep -q 'st-overdue' r2.html || die "the second round is not overdue on 27/12"
Cu=$(csrf u.jar "/requests/$ID")
code=$(curl -s -o /dev/null -w '%{http_code}' -b u.jar --data-urlencode "csrf=$Cu" --data-urlencode "explanation=Đã họp liên ngành" \
    --data-urlencode "remedy=Trình 30/12" --data-urlencode "new_due=30/12/2025" "$URL/requests/$ID/answer")
[ "$code" = 303 ] || die "the second answer: HTTP $code"
code=$(curl -s -o /dev/null -w '%{http_code}' -b a.jar --data-urlencode "csrf=$C" "$URL/requests/$ID/accept")
[ "$code" = 303 ] || die "accept: HTTP $code"
get "/requests/$ID?saved=accept" done.html -b a.jar
grep -q 'Đã chấp nhận câu trả lời.' done.html || die "no saved notice"
grep -q 'st-accepted' done.html || die "not accepted"
grep -q '<dt>Câu trả lời muộn</dt><dd>1</dd>' done.html || die "the late answer is not counted"
for s in "24/12/2025</strong> — admin gửi yêu cầu" "24/12/2025</strong> — noivu trả lời" \
         "24/12/2025</strong> — admin trả lại" "27/12/2025</strong> — noivu trả lời" \
         "27/12/2025</strong> — admin chấp nhận"; do
    grep -q "$s" done.html || die "the steps lack '$s'"
done
grep -q 'Chưa rõ lộ trình' done.html || die "the office's comment is not shown"

# A second request, left unanswered: the list by state, the unit's scorecard.
$GIAMSAT request add --task "$T" --unit "Bộ Nội vụ" --due 2025-12-26 --date 2025-12-20 --content "Lần hai" > /dev/null
get /requests l.html -b a.jar
well_formed l.html
grep -q '<h2>Quá hạn trả lời (1)</h2>' l.html && grep -q '<h2>Đã chấp nhận (1)</h2>' l.html \
    && grep -q '<h2>Đang chờ trả lời (0)</h2>' l.html || die "the list by state is wrong"
get "/requests?state=accepted" la.html -b a.jar
grep -q 'Lần hai' la.html && die "state=accepted lists an overdue request"
get "/units/$BNV" un.html -b a.jar
grep -q 'Trả lời đúng hạn: <strong>1</strong>; trả lời muộn: <strong>1</strong>; chưa trả lời: <strong>1</strong> (quá hạn trả lời: 1)' un.html \
    || die "the unit's scorecard is wrong: $(grep -o 'class="scorecard".\{0,200\}' un.html)"
grep -q 'Lần hai' un.html || die "the unit page does not list its open request"
[ "$(status GET "/requests?state=late" -b a.jar)" = 400 ] || die "state=late accepted"
# The letter.
curl -s -D h -o letter.docx -b a.jar "$URL/requests/$ID/letter"
grep -qi "^Content-Disposition: attachment; filename=\"cong-van-giai-trinh-so-$ID.docx\"" h || die "letter name"
"$OOXML_CHECK" letter.docx > /dev/null || die "the letter is not a valid docx"
"$OOXML_CHECK" --text letter.docx | grep -q "Kính gửi: Bộ Nội vụ" || die "the letter lacks its addressee"
[ "$(status GET "/requests/$ID/letter?format=pdf" -b a.jar)" = 400 ] || die "a letter with a parameter"
$GIAMSAT request letter "$ID" -o cli.docx
"$OOXML_CHECK" --text cli.docx | grep -q "Số: 125/VP-GS" || die "the CLI letter lacks its number"
# The report's section.
$GIAMSAT report --as-of 2025-12-27 --format json > rep.json
expect_json rep.json '$.requests.total' 2
expect_json rep.json '$.requests.overdue' 1
expect_json rep.json '$.requests.waiting[0].content' "Lần hai"
get "/report?as_of=27/12/2025" rp.html -b a.jar
grep -q 'Yêu cầu giải trình' rp.html || die "the report page has no requests section"
echo "request pages: issue, answer, return, late answer, accept; list, scorecard, letter, report"

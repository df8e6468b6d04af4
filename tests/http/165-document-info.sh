# A document's report fields (issue #14): the steering office's form on the document's page
# (CSRF, office roles only), its errors, the audit line, and the report's paragraph that
# uses the meeting, its date and the summary.
set -eu
start_server
login admin admin-pass-123 jar
login noivu noivu-pass-123 unit
d=$(db_count "select id from document order by id limit 1")
get "/documents/$d" page.html -b jar
grep -q "action=\"/documents/$d/info\"" page.html || die "no form for the admin"
well_formed page.html
token=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' page.html | head -n 1)
get "/documents/$d" upage.html -b unit
if grep -q "action=\"/documents/$d/info\"" upage.html; then die "a unit's focal point sees the form"; fi
fields() { db_count "select coalesce(meeting, '-') || coalesce(meeting_date, '-') || coalesce(summary, '-')
    from document where id = $d"; }
[ "$(fields)" = "---" ] || die "the document has fields already"
[ "$(status POST "/documents/$d/info" -b jar --data 'meeting=x')" = 403 ] || die "no CSRF accepted"
utok=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' upage.html | head -n 1)
[ "$(status POST "/documents/$d/info" -b unit --data "csrf=$utok&meeting=x")" = 403 ] \
    || die "a unit set a document's meeting"
# A malformed date: the page again (422), the error beside the field, what was typed kept.
code=$(curl -s -o bad.html -w '%{http_code}' -b jar --data "csrf=$token&meeting_date=31-31-2025" \
    --data-urlencode "meeting=Phiên họp <thứ hai>" "$URL/documents/$d/info")
[ "$code" = 422 ] || die "bad date: HTTP $code"
grep -q 'href="#doc-meeting_date"' bad.html || die "bad date: no error summary"
grep -q 'value="Phiên họp &lt;thứ hai&gt;"' bad.html || die "bad date: the typed meeting lost"
[ "$(fields)" = "---" ] || die "a refused form changed the document"
# Saved: audited, shown in the form, used by the report's paragraph.
[ "$(status POST "/documents/$d/info" -b jar --data "csrf=$token&meeting_date=04/03/2025" \
    --data-urlencode "meeting=Phiên họp thứ hai của Ban Chỉ đạo" \
    --data-urlencode "summary=Tóm tắt của văn bản")" = 303 ] || die "save"
[ "$(db_count "select count(*) from audit_log where action = 'document.set' and entity_id = $d")" = 1 ] \
    || die "no audit line"
get "/documents/$d?saved=1" page2.html -b jar
grep -q 'value="Phiên họp thứ hai của Ban Chỉ đạo"' page2.html || die "the meeting is not shown"
grep -q 'value="04/03/2025"' page2.html || die "the date is not shown"
$GIAMSAT report --as-of 2025-12-24 --format md --section van_ban > vb.md
grep -q "Tại Phiên họp thứ hai của Ban Chỉ đạo, ngày 04/03/2025, đã giao" vb.md \
    || die "the report does not use the meeting"
grep -q "Tóm tắt của văn bản" vb.md || die "the report does not use the summary"
# Clearing the fields brings back the plain sentence.
[ "$(status POST "/documents/$d/info" -b jar --data "csrf=$token&meeting=&meeting_date=&summary=")" = 303 ] \
    || die "clear"
[ "$(db_count "select count(*) from document where id = $d and meeting is null and summary is null")" = 1 ] \
    || die "not cleared"

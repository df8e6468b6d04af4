# The task page (issue #13, defect 11): its heading is the task's name (a long one cut at a
# word with "…", the whole name kept in the facts); the task list has a Văn bản column so
# equal TT numbers of different documents are told apart; the timeline lists the newest
# report first and says who entered each (the account, or the imported file).
set -eu
start_server
login noivu noivu-pass-123 unit
login xem xem-pass-123 viewer
bnv=$(db_count "select id from agency where name = 'Bộ Nội vụ'")

# A short name is the heading as it is; a long one is cut, and kept whole in the facts.
short=$(db_count "select id from task where length(name) between 20 and 100 order by id limit 1")
name=$(db_count "select name from task where id = $short")
get "/tasks/$short" s.html -b viewer
well_formed s.html
grep -qF "<h1>$name</h1>" s.html || die "heading of $short: $(grep -o '<h1>.*</h1>' s.html)"
grep -qF "<title>$name – giamsat</title>" s.html || die "title of $short"
! grep -q '<h1>Nhiệm vụ TT' s.html || die "the heading is still 'Nhiệm vụ TT'"
long=$(db_count "select id from task where length(name) > 200 order by id limit 1")
lname=$(db_count "select name from task where id = $long")
get "/tasks/$long" l.html -b viewer
well_formed l.html
h1=$(sed -n 's/.*<h1>\([^<]*\)<\/h1>.*/\1/p' l.html)
case "$h1" in *…) ;; *) die "a long heading is not cut: $h1" ;; esac
prefix=${h1%…}
case "$lname" in "$prefix"*) ;; *) die "the cut heading is not the name's start" ;; esac
[ "$(printf '%s' "$prefix" | wc -m)" -le 120 ] || die "the cut heading is too long"
grep -qF "<dd>$lname</dd>" l.html || die "the whole name is not in the facts"

# The list's Văn bản column: each row names its document's reference.
get "/tasks?as_of=2025-12-24" list.html -b viewer
grep -q '<th scope="col">Văn bản</th>' list.html || die "no Văn bản column"
ref=$(db_count "select number from document where number <> '' order by id limit 1")
grep -q "<td class=\"docref\"><a href=\"/documents/[0-9]*\" title=\"[^\"]*\">$ref/" list.html \
    || die "no short reference $ref/… in the list"
# Two documents each number their tasks from 1: each row's Văn bản cell names its own.
for doc in $(db_count "select distinct document_id from task_document order by 1"); do
    get "/tasks?document=$doc" d$doc.html -b viewer
    sed 's/<tr>/\n<tr>/g' d$doc.html | grep '^<tr><td>' | head -n 1 > first$doc
    grep -q '^<tr><td>[(]\?1[.)]\?</td>' first$doc || die "document $doc: the first row is not TT 1"
    grep -q "class=\"docref\"><a href=\"/documents/$doc\"" first$doc || die "document $doc: its row does not name it"
done
[ "$(db_count "select count(distinct document_id) from task_document")" -ge 2 ] || die "one document only"

# The timeline: two reports from the unit's account, then the newest is first and says who.
t=$(db_count "select id from task where lead_text = 'Bộ Nội vụ' and id not in (select s.task_id
    from assignment s join progress_report p on p.assignment_id = s.id) order by id limit 1")
for d in 2025-12-01 2025-12-10; do
    tok=$(csrf unit "/tasks/$t")
    code=$(curl -s -o /dev/null -w '%{http_code}' -b unit --data-urlencode "csrf=$tok" \
        --data-urlencode "unit=$bnv" --data-urlencode "date=$d" \
        --data-urlencode "result=Kết quả ngày $d" --data-urlencode "percent=40" "$URL/tasks/$t/progress")
    [ "$code" = 303 ] || die "progress $d: HTTP $code"
done
$GIAMSAT progress add --task "$t" --unit "Bộ Nội vụ" --date 2025-11-20 --result "Kết quả dòng lệnh" > /dev/null
get "/tasks/$t" t.html -b viewer
well_formed t.html
sed -n 's/.*<ol class="timeline"[^>]*>\(.*\)<\/ol>.*/\1/p' t.html | sed 's/<li>/\n<li>/g' | grep '^<li>' > items
[ "$(wc -l < items)" = 3 ] || die "timeline items: $(wc -l < items)"
head -n 1 items | grep -q 'Kết quả ngày 2025-12-10' || die "the newest report is not first"
sed -n 2p items | grep -q 'Kết quả ngày 2025-12-01' || die "the second report"
tail -n 1 items | grep -q 'Kết quả dòng lệnh' || die "the oldest report is not last"
head -n 1 items | grep -q '<dt>Người nhập</dt><dd class="entered-by">noivu, trên trang web <span class="hint">(ghi lúc [0-9][0-9]:[0-9][0-9] ngày [0-9/]*)</span></dd>' \
    || die "who entered the web report: $(head -n 1 items | grep -o '<dd class="entered-by">[^/]*')"
tail -n 1 items | grep -q '<dd class="entered-by">dòng lệnh' || die "the command line's report"
# An imported report names its file.
imp=$(db_count "select s.task_id from progress_report p join assignment s on s.id = p.assignment_id where p.source = 'import' order by p.id limit 1")
get "/tasks/$imp" i.html -b viewer
grep -q '<dd class="entered-by">nhập từ tệp tien_do_mau.csv' i.html || die "the imported report's file"

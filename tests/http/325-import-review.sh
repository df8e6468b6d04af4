# Nhập dữ liệu as units send their files (issue #11): a unit's focal point uploads its own
# progress table (no unit column, the date in the result header) and it is reported for
# its unit; a name that nearly matches is shown as a suggestion with a tick box, a result
# that says "Đã ban hành ..." as a proposed completion, and only the ticked rows are taken.
# The steering office: duplicates of stored tasks refuse the confirm until "create anyway"
# or "nhắc lại" is ticked; repeats of an earlier document are linked only when ticked.
set -eu
start_server
login noivu noivu-pass-123 nv
login admin admin-pass-123 admin
name() { db_count "select name from task where id = $1"; }
N3=$(name 3) N6=$(name 6)
upload() { # JAR FILE [curl args]: the dry run's status code; the page in check.html
    j=$1 f=$2
    shift 2
    t=$(curl -s -b "$j" "$URL/import" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
    curl -s -o check.html -w '%{http_code}' -b "$j" -F "csrf=$t" -F step=check -F "file=@$f" "$@" "$URL/import"
}
fact() { sed -n "s/.*data-key=\"$1\">\([0-9]*\)<.*/\1/p" check.html; }
upload_id() { sed -n 's/.*name="upload" value="\([0-9]*\)".*/\1/p' check.html; }
confirm() { # JAR OUT [fields...]: the confirm's status code
    j=$1 out=$2
    shift 2
    tok=$(csrf "$j" /import)
    set -- --data-urlencode "csrf=$tok" --data-urlencode step=confirm \
        --data-urlencode "upload=$(upload_id)" "$@"
    curl -s -o "$out" -w '%{http_code}' -b "$j" "$@" "$URL/import"
}

# The focal point's form names its unit and offers no other, nor other kinds of file.
get /import form.html -b nv
well_formed form.html
grep -q "Bộ Nội vụ (tài khoản đơn vị" form.html || die "the form does not name the unit"
grep -q 'name="unit"' form.html && die "a focal point may choose another unit"
grep -q 'id="date"' form.html || die "no report date field"

# The ministry's table: headings, a near name (one word dropped, one letter off), a copied
# group lead, a completion stated in words.
near3=$(printf '%s' "$N3" | sed 's/thường xuyên, //; s/phổ cập/phổ cạp/; s/"/""/g')
cat > bnv.csv <<CSV
TT;Tên nhiệm vụ;Cơ quan chủ trì;Kết quả (đến ngày 10/11/2025);Vướng mắc, kiến nghị
I;NHIỆM VỤ RIÊNG;;;
1;"$near3";Bộ Nội vụ;Đang xây dựng chương trình;
2;"$N6";Các bộ, ngành, địa phương;Đã ban hành Quyết định số 12/QĐ-BNV ngày 05/11/2025;
CSV
reports0=$(db_count 'select count(*) from progress_report')
code=$(upload nv bnv.csv)
[ "$code" = 200 ] || die "dry run: HTTP $code $(head -c 400 check.html)"
well_formed check.html
[ "$(fact skipped_headings)" = 1 ] || die "skipped headings: $(fact skipped_headings)"
grep -q '<td class="num">2</td><td>I · NHIỆM VỤ RIÊNG</td>' check.html \
    || die "the skipped heading row is not listed"
[ "$(fact suggestions)" = 1 ] || die "suggestions: $(fact suggestions)"
[ "$(fact completions_proposed)" = 1 ] || die "proposed completions"
[ "$(fact rejected)" = 1 ] || die "the unticked suggestion's row is not rejected"
grep -q 'name="accept" value="3"' check.html || die "no tick box for the suggestion on line 3"
grep -q 'name="complete" value="4"' check.html || die "no tick box for the completion on line 4"
grep -q '<a href="/tasks/3">' check.html || die "the suggestion does not link its task"
grep -q 'Quyết định số 12/QĐ-BNV' check.html || die "the completion does not name its document"
grep -q 'đơn vị báo cáo: Bộ Nội vụ' check.html || die "the page does not name the reporting unit"
[ "$(db_count 'select count(*) from progress_report')" = "$reports0" ] || die "the dry run wrote"

# Confirm without ticks: the suggested row is still refused, nothing written.
code=$(confirm nv c0.html)
[ "$code" = 422 ] || die "confirm without the tick: HTTP $code"
grep -q 'chọn gợi ý' c0.html || die "the refusal does not point at the suggestion"
[ "$(db_count 'select count(*) from progress_report')" = "$reports0" ] || die "a refused confirm wrote"
# Tick the suggestion (not the completion): both rows are reported, for Bộ Nội vụ, dated
# from the header; the completion stays a plain report.
code=$(confirm nv c1.html --data-urlencode accept=3)
[ "$code" = 200 ] || die "confirm with the tick: HTTP $code $(head -c 400 c1.html)"
grep -q 'Đã ghi vào cơ sở dữ liệu' c1.html || die "not written"
grep -q '<td>Đã nhận</td>' c1.html || die "the result page does not say the suggestion was taken"
grep -q '<td>Chỉ ghi tiến độ</td>' c1.html || die "the result page does not say the completion was not"
grep -q 'name="accept"' c1.html && die "the result page still has tick boxes"
[ "$(db_count "select count(*) from progress_report p join assignment a on a.id = p.assignment_id
    join agency g on g.id = a.agency_id where g.name = 'Bộ Nội vụ' and p.reported_on = '2025-11-10'
    and a.task_id in (3, 6)")" = 2 ] || die "the two reports are not Bộ Nội vụ's of 10/11/2025"
[ "$(db_count "select count(*) from progress_report where kind = 'done' and reported_on = '2025-11-10'")" = 0 ] \
    || die "an unticked completion was recorded"
[ "$(db_count "select count(*) from audit_log where action = 'import' and actor = 'noivu'")" = 1 ] \
    || die "the import is not audited for the focal point"

# The same table with the completion ticked (a later date): recorded as done, with its document.
sed 's/đến ngày 10\/11\/2025/đến ngày 20\/11\/2025/' bnv.csv > bnv2.csv
upload nv bnv2.csv > /dev/null
code=$(confirm nv c2.html --data-urlencode accept=3 --data-urlencode complete=4)
[ "$code" = 200 ] || die "confirm with the completion: HTTP $code"
[ "$(db_count "select count(*) from progress_report p join assignment a on a.id = p.assignment_id
    where a.task_id = 6 and p.kind = 'done' and p.reported_on = '2025-11-20'")" = 1 ] \
    || die "the ticked completion was not recorded"

# A focal point cannot import a task table, nor report for another unit by its column.
printf 'Mã,Tên nhiệm vụ,Cơ quan chủ trì,Thời hạn\nZ1,Một việc mới,Bộ Nội vụ,Năm 2026\n' > tasks.csv
code=$(upload nv tasks.csv)
[ "$code" = 403 ] || die "a focal point imported a task table: HTTP $code"
printf 'Tên nhiệm vụ;Đơn vị;Kết quả thực hiện;Ngày báo cáo\n"%s";Bộ Tư pháp;Của đơn vị khác;18/12/2025\n' "$N6" > other.csv
upload nv other.csv > /dev/null
grep -q 'đơn vị báo cáo: Bộ Nội vụ' check.html || die "the unit column overrode the focal point's unit"

# The steering office: a task table repeating stored names of the same document.
DOC="Nghị quyết 71/NQ-CP ngày 01/4/2025"
n35=$(db_count "select name from task where code = '35' and import_id = 1")
printf 'TT,Tên nhiệm vụ,Cơ quan chủ trì,Thời hạn\n1,"%s",Bộ Công an,Năm 2025\n2,Nhiệm vụ mới hẳn của bảng,Bộ Công an,Năm 2025\n' "$n35" > dup.csv
tasks0=$(db_count 'select count(*) from task')
code=$(upload admin dup.csv -F format=auto -F "document=$DOC")
[ "$code" = 200 ] || die "dup dry run: HTTP $code"
well_formed check.html
[ "$(fact duplicates)" = 1 ] || die "duplicates: $(fact duplicates)"
grep -q 'name="link" value="2"' check.html || die "no tick box on the duplicate"
grep -q 'name="allow_duplicates"' check.html || die "no way to create them anyway"
code=$(confirm admin d0.html)
[ "$code" = 422 ] || die "duplicates confirmed without a choice: HTTP $code"
[ "$(db_count 'select count(*) from task')" = "$tasks0" ] || die "refused duplicates were written"
code=$(confirm admin d1.html --data-urlencode link=2)
[ "$code" = 200 ] || die "confirm with the duplicate ticked as a repeat: HTTP $code"
[ "$(db_count 'select count(*) from task')" = $((tasks0 + 2)) ] || die "the table was not imported"
[ "$(db_count "select count(*) from task t join task o on o.id = t.repeat_of_id
    where o.code = '35' and t.source_line = 2")" = 1 ] || die "the ticked row is not linked as a repeat"

# A new document restating two programme tasks: both proposed as exact repeats; "Ghi cả ...
# là nhắc lại" links every exact one at once (a plan of hundreds needs no tick per row).
n34=$(db_count "select name from task where code = '34' and import_id = 1")
n36=$(db_count "select name from task where code = '36' and import_id = 1")
printf 'TT,Tên nhiệm vụ,Cơ quan chủ trì,Thời hạn\n1,"%s",Bộ Giáo dục và Đào tạo,Năm 2026\n2,"%s",Bộ Tài chính,Năm 2026\n' "$n34" "$n36" > plan.csv
code=$(upload admin plan.csv -F format=auto -F "document=Kế hoạch số 99/KH-BCĐ ngày 01/12/2025")
[ "$code" = 200 ] || die "plan dry run: HTTP $code"
[ "$(fact repeats)" = 2 ] || die "repeats: $(fact repeats)"
grep -q 'name="link_repeats"' check.html || die "no way to link every exact repeat"
code=$(confirm admin p1.html --data-urlencode link_repeats=1)
[ "$code" = 200 ] || die "confirm with link_repeats: HTTP $code"
[ "$(db_count "select count(*) from task t join task o on o.id = t.repeat_of_id
    where o.code in ('34', '36') and o.import_id = 1 and t.deadline_text = 'Năm 2026'")" = 2 ] \
    || die "the exact repeats were not linked"
grep -q '<td>Đã ghi nhắc lại</td>' p1.html || die "the result page does not say they were linked"

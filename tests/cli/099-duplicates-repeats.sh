# No silent new tasks (issue #11): a table that repeats the names of tasks already stored
# for the same document is refused, naming them, unless --allow-duplicates; the tasks of a
# new document that equal or come close to earlier tasks are proposed as repeats ("nhắc
# lại"), and only --link-repeats (the exact ones) or a confirmed line links them.
set -eu
. "$(dirname "$0")/lib.sh"
G=$GIAMSAT
$G init >/dev/null
$G import "$SEEDS/001_523cb3a39135c550.txt" >/dev/null

# A ministry's own list of the programme's tasks, numbered its own way, with the programme
# named as their document: two of its rows are tasks already stored (one written in
# capitals, without its final "."), the third is new.
cat > bo.csv <<'CSV'
TT,Tên nhiệm vụ,Cơ quan chủ trì,Thời hạn
1,"XÂY DỰNG NGHỊ ĐỊNH QUY ĐỊNH CHI TIẾT MỘT SỐ ĐIỀU VÀ BIỆN PHÁP THI HÀNH LUẬT DỮ LIỆU",Bộ Công an,Năm 2025
2,"Xây dựng cơ chế, chính sách và thu hút nguồn lực phục vụ phát triển nguồn nhân lực cho đổi mới sáng tạo và một số lĩnh vực trọng tâm như bán dẫn, trí tuệ nhân tạo.",Bộ Giáo dục và Đào tạo,Năm 2025
3,Một nhiệm vụ riêng của Bộ chưa có trong chương trình,Bộ Công an,Năm 2025
CSV
DOC="Nghị quyết 71/NQ-CP ngày 01/4/2025"
before=$(snapshot)
if $G import bo.csv --document "$DOC" --json > bo.json 2> bo.err; then die "duplicates accepted"; fi
[ "$(snapshot)" = "$before" ] || die "a refused import changed the database"
grep -q "2 task(s) in 'bo.csv' have the name of a task already stored" bo.err \
    || { cat bo.err; die "refusal message"; }
grep -q -- "--allow-duplicates" bo.err || die "refusal names no way out"
expect_json bo.json '$.duplicates' 2
expect_json bo.json '$.written' 0
expect_json bo.json '$.duplicate_tasks[0].line' 2
expect_json bo.json '$.duplicate_tasks[0].code' 35
expect_json bo.json '$.duplicate_tasks[0].exact' 1
expect_json bo.json '$.duplicate_tasks[1].code' 34
# The dry run names them too, in words.
$G import bo.csv --document "$DOC" --dry-run > dry.txt 2> dry.err || true
grep -q "bo.csv dòng 2: trùng tên với nhiệm vụ số [0-9]* (mã 35)" dry.err \
    || { cat dry.err; die "dry run does not name the duplicate"; }
[ "$(snapshot)" = "$before" ] || die "the dry run changed the database"
# A table that names no document at all: the same names are duplicates of any stored task.
$G import bo.csv --json > nodoc.json 2>/dev/null && die "duplicates without a document accepted"
expect_json nodoc.json '$.duplicates' 2
# --allow-duplicates creates them, as asked.
$G import bo.csv --document "$DOC" --allow-duplicates --json > ok.json
expect_json ok.json '$.written' 1
expect_json ok.json '$.tasks' 3
[ "$(db_count "select count(*) from task where name like 'XÂY DỰNG NGHỊ ĐỊNH%'")" = 1 ] \
    || die "--allow-duplicates did not create the task"
# Importing the same table again finds its rows: nothing new, nothing duplicated.
$G import bo.csv --document "$DOC" --json > again.json
expect_json again.json '$.duplicates' 0

# The 2025 plan after the programme: 33 of its 99 tasks equal a programme task, more come
# close. They are proposed, not linked: the plan's counts stay as they were.
$G import "$SEEDS/002_d7ea618fb136404a.txt" --json > plan.json
expect_json plan.json '$.counted' 99
expect_json plan.json '$.duplicates' 0
exact=$(sqlite3 :memory: "select count(*) from json_each(readfile('plan.json'), '$.repeats')
    where json_extract(value, '$.exact')")
[ "$exact" = 33 ] || die "exact repeats: $exact, want 33"
close=$(sqlite3 :memory: "select count(*) from json_each(readfile('plan.json'), '$.repeats')
    where not json_extract(value, '$.exact') and json_extract(value, '$.score') >= 0.85")
[ "$close" -ge 10 ] || die "close repeats: $close"
[ "$(db_count 'select count(*) from task where repeat_of_id is not null and import_id =
    (select max(id) from import_run)')" = 0 ] || die "repeats linked without being asked"
expect_json plan.json '$.repeats[0].linked' 0

# --link-repeats links the exact ones, which the statistics then count once.
fresh_db
$G init >/dev/null
$G import "$SEEDS/001_523cb3a39135c550.txt" >/dev/null
$G import "$SEEDS/002_d7ea618fb136404a.txt" --link-repeats --json > linked.json
expect_json linked.json '$.counted' 66
[ "$(db_count "select count(*) from task t join document d on d.id in (select document_id
    from task_document where task_id = t.id) where t.repeat_of_id is not null
    and d.kind = 'Kế hoạch'")" = 33 ] || die "33 plan tasks linked"
# A unit's table naming such a task by name reports on the programme's task (the one the
# statistics count), no longer ambiguous between the programme and the plan.
n45=$(db_count "select name from task where id = 45")
printf 'Tên nhiệm vụ;Đơn vị;Kết quả thực hiện;Ngày báo cáo\n"%s";Bộ Tài chính;Theo tên nhắc lại;15/12/2025\n' "$n45" > rep.csv
GIAMSAT_TODAY=2025-12-24 $G import rep.csv --json > rep.json || die "a name shared with its repeat: $(cat rep.json)"
[ "$(db_count "select a.task_id from progress_report p join assignment a on a.id = p.assignment_id
    where p.result = 'Theo tên nhắc lại'")" = 45 ] || die "the report is not on the original task"
# Each is linked to the programme task of the same name.
[ "$(db_count "select count(*) from task t join task o on o.id = t.repeat_of_id
    where t.name_key <> o.name_key")" = 0 ] || die "a repeat linked to another name"

# One set of rules for a report a person enters (issue #13): the API and the command line
# refuse what the web form refuses — an empty report, a completion without its output
# document's number/symbol and date, a reopening without its reason — with the form's
# Vietnamese messages, and write nothing; a completion recorded again the same day after a
# reopening is a new report, not a duplicate.
set -eu
start_server
get /api/v1/openapi.json openapi.json
UNIT=$($GIAMSAT token add noivu-system --role unit --unit "Bộ Nội vụ")
# a task whose only lead unit is Bộ Nội vụ, without reports yet
t=$(db_count "select s.task_id from assignment s join agency a on a.id = s.agency_id
    where a.name = 'Bộ Nội vụ' and s.removed_import_id is null and s.task_id in (select task_id
    from assignment where removed_import_id is null group by task_id having count(*) = 1)
    and s.id not in (select assignment_id from progress_report) order by s.task_id limit 1")
[ -n "$t" ] || die "no task of Bộ Nội vụ without reports"
reports() { db_count "select count(*) from progress_report"; }
post() { # BODY FILE STATUS
    printf '%s' "$1" > req.json
    "$OPENAPI_CHECK" --request openapi.json POST /api/v1/progress req.json || die "body: $1"
    api POST /api/v1/progress "$2" "$3" -H "Authorization: Bearer $UNIT" \
        -H 'Content-Type: application/json' --data-binary @req.json
}
base="\"task\":$t,\"unit\":\"Bộ Nội vụ\",\"date\":\"2025-12-20\""
n0=$(reports)
post "{$base}" empty.json 422
jget empty.json '$.error.message' | grep -q 'Nhập kết quả thực hiện (hoặc dự kiến kỳ tới, vướng mắc, tiến độ)' \
    || die "empty report: $(cat empty.json)"
post "{$base,\"done\":true,\"completed_on\":\"2025-12-19\",\"result\":\"Đã xong\"}" nooutput.json 422
msg=$(jget nooutput.json '$.error.message')
echo "$msg" | grep -q 'Nhập số, ký hiệu của văn bản kết quả (ví dụ 12/BC-BNV)' \
    && echo "$msg" | grep -q 'Nhập ngày ban hành của văn bản kết quả' || die "no output: $msg"
post "{$base,\"done\":true,\"output\":\"Quyết định số 12/QĐ-BNV\"}" nodate.json 422
msg=$(jget nodate.json '$.error.message')
echo "$msg" | grep -q 'Nhập ngày ban hành' || die "output without a date: $msg"
if echo "$msg" | grep -q 'Nhập số, ký hiệu'; then die "the number was there: $msg"; fi
post "{$base,\"reopen\":true}" noreason.json 422
jget noreason.json '$.error.message' | grep -q 'Nhập lý do mở lại' || die "reopen: $(cat noreason.json)"
[ "$(reports)" = "$n0" ] || die "a refused report was written"
# The command line: the same rules, the same words.
if $GIAMSAT progress add --task "$t" --unit "Bộ Nội vụ" --date 2025-12-20 2> cli1.err; then
    die "the CLI recorded an empty report"; fi
grep -q 'Nhập kết quả thực hiện' cli1.err || die "CLI empty: $(cat cli1.err)"
if $GIAMSAT progress add --task "$t" --unit "Bộ Nội vụ" --date 2025-12-20 --done \
    --output "Đã ban hành" 2> cli2.err; then die "the CLI recorded a completion without its output"; fi
grep -q 'Nhập số, ký hiệu của văn bản kết quả' cli2.err && grep -q 'Nhập ngày ban hành' cli2.err \
    || die "CLI output: $(cat cli2.err)"
[ "$(reports)" = "$n0" ] || die "a refused CLI report was written"

# Complete, reopen, complete again identically the same day: three reports, done at the end.
done_body="{$base,\"done\":true,\"completed_on\":\"2025-12-19\",\"output\":\"Quyết định số 12/QĐ-BNV ngày 19/12/2025\"}"
post "$done_body" d1.json 201
post "{$base,\"reopen\":true,\"result\":\"Ghi nhầm văn bản\"}" r1.json 201
post "$done_body" d2.json 201
expect_json d2.json '$.added' 1
[ "$(reports)" = $((n0 + 3)) ] || die "want 3 reports, got $(( $(reports) - n0 ))"
api GET "/api/v1/tasks/$t?as_of=2025-12-24" task.json 200 -H "Authorization: Bearer $UNIT"
case "$(jget task.json '$.status')" in done_on_time | done_late) ;; *) die "not done again: $(tr -d "\n " < task.json | head -c 900)" ;; esac
# The same once more is a duplicate (nothing overtook it).
post "$done_body" d3.json 200
expect_json d3.json '$.duplicate' 1
[ "$(reports)" = $((n0 + 3)) ] || die "a duplicate was written"

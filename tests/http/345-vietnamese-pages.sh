# Issue #13, defect 4: a person meets no English or developer text. Import errors are
# Vietnamese (a damaged .xlsx is an unreadable workbook, not "not UTF-8"); error pages
# (400/403/404/405) have the layout, lang="vi" and a Vietnamese heading, while the API keeps
# JSON errors; the audit log reads as sentences, in Vietnam's time, with no raw JSON.
set -eu
start_server
login admin admin-pass-123 admin
login xem xem-pass-123 xem

# ---- import errors -------------------------------------------------------------------
tok=$(csrf admin /import)
[ -n "$tok" ] || die "no CSRF token on /import"
# upload FILE: a dry run of FILE by admin into check.html; prints the status code.
upload() {
    curl -s -o check.html -w '%{http_code}' -b admin -F "csrf=$tok" -F step=check \
        -F "file=@$1" "$URL/import?csrf=$tok"
}
head -c 3000 /dev/urandom | tr -d 'P' > corrupt.xlsx # no zip signature at all
code=$(upload corrupt.xlsx)
[ "$code" = 422 ] || die "corrupt.xlsx: HTTP $code"
well_formed check.html
grep -q 'Tệp “corrupt.xlsx” không đọc được như một bảng tính Excel (.xlsx)' check.html \
    || die "corrupt.xlsx: not called an unreadable workbook: $(grep -o 'role="alert".\{0,300\}' check.html)"
if grep -q 'văn bản mã UTF-8\|not UTF-8' check.html; then
    die "corrupt.xlsx called a text encoding problem"
fi
printf 'PK\003\004\024\000broken' > cut.docx
[ "$(upload cut.docx)" = 422 ] || die "cut.docx accepted"
grep -q 'Tệp “cut.docx” không đọc được như một văn bản Word (.docx)' check.html \
    || die "cut.docx: not called an unreadable Word document"
printf 'T\352n nhi\352m v\371,C\241 quan ch\367 tr\354\nabc,def\n' > cp1258.csv
[ "$(upload cp1258.csv)" = 422 ] || die "cp1258.csv accepted"
grep -q 'Tệp “cp1258.csv” không phải văn bản mã UTF-8 (dòng 1, byte 2): hãy lưu lại với mã UTF-8' \
    check.html || die "cp1258.csv: message not Vietnamese"
if grep -q 'is not\|save it' check.html; then die "cp1258.csv: English left in the message"; fi
printf 'TT,Đơn vị\n1,Bộ Công an\n' > noname.csv
[ "$(upload noname.csv)" = 422 ] || die "noname.csv accepted"
grep -q 'dòng tiêu đề không có cột tên nhiệm vụ' check.html || die "noname.csv: message not Vietnamese"

# ---- error pages -----------------------------------------------------------------------
# page JAR PATH STATUS HEADING [curl args]: an HTML page with the layout, lang="vi" and
# the heading, answered with STATUS.
page() {
    jar=$1 p=$2 want=$3 heading=$4
    shift 4
    code=$(curl -s -o err.html -D err.head -w '%{http_code}' -b "$jar" "$@" "$URL$p")
    [ "$code" = "$want" ] || die "$p: HTTP $code, want $want"
    grep -qi '^content-type: text/html; charset=utf-8' err.head || die "$p: not HTML: $(cat err.head)"
    well_formed err.html
    grep -q '<html lang="vi">' err.html || die "$p: no lang=\"vi\""
    grep -q '<header class="top">' err.html || die "$p: no layout header"
    grep -q '<footer>' err.html || die "$p: no layout footer"
    grep -q "<h1>$heading</h1>" err.html || die "$p: heading is not '$heading': $(head -c 400 err.html)"
    grep -q "<title>$heading – giamsat</title>" err.html || die "$p: title"
}
page admin /khong-co-trang-nay 404 'Không tìm thấy trang'
grep -q 'aria-label="Chức năng chính"' err.html || die "404 signed in: no navigation"
grep -q 'Không có trang nào ở địa chỉ này.' err.html || die "404: message"
page anon /khong-co-trang-nay 404 'Không tìm thấy trang'
if grep -q 'aria-label="Chức năng chính"' err.html; then die "404 anonymous: navigation shown"; fi
grep -q 'href="/login"' err.html || die "404 anonymous: no way to sign in"
page admin /tasks/999999999 404 'Không tìm thấy trang'
grep -q 'Không có nhiệm vụ mã số 999999999.' err.html || die "missing task: message"
page xem /admin 403 'Không có quyền truy cập'
grep -q 'Chỉ quản trị viên được làm việc này.' err.html || die "403: reason not Vietnamese"
grep -q 'Tài khoản <strong>xem</strong> có vai trò <strong>Xem</strong>: được xem' err.html \
    || die "403: what the account may do: $(grep -o '<main.*</main>' err.html)"
grep -q '<a href="/">Về trang tổng quan</a>' err.html || die "403: no link back"
page admin /tasks 405 'Phương thức không được hỗ trợ' -X DELETE
page admin '/tasks?page=abc' 400 'Yêu cầu không hợp lệ'
grep -q 'Trường “Trang” phải là một số' err.html || die "400: field not named in Vietnamese"
page admin '/tasks?as_of=31/02/2025' 400 'Yêu cầu không hợp lệ'
grep -q 'Trường “Số liệu tính đến ngày” phải là một ngày dạng dd/mm/yyyy.' err.html \
    || die "400 date: field not named in Vietnamese"
# A refused form (no CSRF token): 403 page, reason in Vietnamese.
page admin /admin/aliases 403 'Không có quyền truy cập' -X POST --data 'alias=x'
grep -q 'Biểu mẫu đã hết hạn' err.html || die "CSRF refusal not Vietnamese"

# The API keeps its JSON errors.
code=$(curl -s -o api.json -D api.head -w '%{http_code}' -b admin "$URL/api/v1/nope")
[ "$code" = 404 ] || die "/api/v1/nope: HTTP $code"
grep -qi '^content-type: application/json' api.head || die "/api/v1/nope: not JSON"
expect_json api.json '$.error.status' 404
if grep -q '<html' api.json; then die "/api/v1/nope answered a page"; fi
code=$(curl -s -o api.json -D api.head -w '%{http_code}' "$URL/api/v1/tasks")
[ "$code" = 401 ] || die "anonymous /api/v1/tasks: HTTP $code"
grep -qi '^content-type: application/json' api.head || die "API 401 not JSON"

# ---- the audit log ---------------------------------------------------------------------
# A refused write by the viewer: an access.denied line whose after text is JSON.
tok_x=$(csrf xem /tasks)
curl -s -o /dev/null -b xem --data "csrf=$tok_x&alias=x" "$URL/admin/aliases"
[ "$(db_count "select count(*) from audit_log where action = 'access.denied' and actor = 'xem'")" -ge 1 ] \
    || die "the refused write was not audited"
get /admin/audit audit.html -b admin
well_formed audit.html
grep -q 'Quản trị viên admin đã đăng nhập' audit.html || die "sign-in not a sentence"
grep -q 'Người xem xem bị từ chối truy cập /admin/aliases: Chỉ cơ quan giám sát được làm việc này.' \
    audit.html || die "refusal not a sentence"
grep -q '<th scope="col">Trường</th><th scope="col">Trước</th><th scope="col">Sau</th>' audit.html \
    || die "before/after not a table"
grep -q '<th scope="row">Phương thức</th><td></td><td>POST</td>' audit.html \
    || die "JSON fields not labelled in Vietnamese"
if sed 's/<[^>]*>//g' audit.html | grep -q '{&quot;\|{"\|access\.denied\|app_user'; then
    die "raw JSON or codes on the audit page"
fi
# Times in Vietnam: UTC+7, dd/mm/yyyy HH:MM.
at=$(db_count "select at from audit_log where action = 'login' and actor = 'admin' order by id limit 1")
local=$(date -u -d "@$(( $(date -u -d "$at" +%s) + 7 * 3600 ))" '+%d/%m/%Y %H:%M')
grep -q "<time datetime=\"$at\">$local</time>" audit.html || die "time $at not shown as $local"
grep -q 'Thời gian (UTC)' audit.html && die "the page still says UTC"
# The filter by action, with Vietnamese labels.
grep -q '<option value="access.denied">Bị từ chối truy cập</option>' audit.html \
    || die "filter labels not Vietnamese"
get '/admin/audit?action=login' login.html -b admin
grep -q 'đã đăng nhập' login.html || die "filter lost the sign-ins"
if grep -q 'bị từ chối' login.html; then die "filter kept other actions"; fi
page admin '/admin/audit?action=bogus' 400 'Yêu cầu không hợp lệ'
echo ok

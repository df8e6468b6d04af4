# Notifications (issue #15): requests put notices in the inbox of the unit's accounts (or
# the office's) and queue one mail per account with an address; the queue survives a
# stopped SMTP server — the mail waits with a later next try, goes out once the server is
# back, and no mail is sent twice; the weekly digest is queued once per unit and week.
set -eu
. "$(dirname "$0")/lib.sh"
G=$GIAMSAT
PY=/usr/bin/python3
SINK="$(cd "$(dirname "$0")/../tools" && pwd)/smtp_sink.py"
export GIAMSAT_TODAY=2026-01-15
cat > t.csv <<'CSV'
STT;Mã;NỘI DUNG, NHIỆM VỤ;Văn bản giao;Đơn vị chủ trì;Thời hạn hoàn thành
1;R1;Việc quá hạn cần giải trình;Chỉ thị số 07/CT-TTg ngày 14/3/2025;Bộ Tài chính;Tháng 10/2025
2;R2;Việc sắp đến hạn;Chỉ thị số 07/CT-TTg ngày 14/3/2025;Bộ Tài chính;25/01/2026
CSV
$G import t.csv > /dev/null
T=$(db_count "select id from task where code = 'R1'")
for u in tc1 tc2; do $G user add $u --role don_vi --unit "Bộ Tài chính" --password "$u-pass-12345" > /dev/null; done
$G user add yt --role don_vi --unit "Bộ Y tế" --password yt-pass-12345 > /dev/null
$G user add vp --role giam_sat --password vp-pass-12345 > /dev/null
$G user set tc1 --email tc1@btc.gov.vn > /dev/null
$G user set tc2 --email tc2@btc.gov.vn > /dev/null
$G user set vp --email vp@vptw.gov.vn > /dev/null
$G user set yt --email yt@moh.gov.vn > /dev/null
before=$(snapshot)
if $G user set tc1 --email "không phải thư" 2> e1.txt; then die "a bad address accepted"; fi
grep -q "địa chỉ thư điện tử" e1.txt || die "bad address: $(cat e1.txt)"
if $G user set ai --email a@b.vn 2> e2.txt; then die "an unknown account accepted"; fi
[ "$(snapshot)" = "$before" ] || die "a refused address changed the database"

unread() { db_count "select count(*) from notification n join app_user u on u.id = n.user_id
    where u.username = '$1' and n.read_at is null"; }
queued() { db_count "select count(*) from mail_queue where state = '$1'"; }

# A request: one notice for each account of the unit asked, none for others.
$G request add --task "$T" --unit "Bộ Tài chính" --due 2026-01-25 \
    --content "Đề nghị giải trình lý do chậm thực hiện" --date 2026-01-10 > /dev/null
[ "$(unread tc1)/$(unread tc2)/$(unread yt)/$(unread vp)" = 1/1/0/0 ] ||
    die "after the request: $(unread tc1)/$(unread tc2)/$(unread yt)/$(unread vp)"
[ "$(queued queued)" = 2 ] || die "two mails queued, not $(queued queued)"

# The SMTP configuration holds a password: refused while others may read it.
free_port() { $PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
P=$(free_port)
printf 'host = 127.0.0.1\nport = %s\nsecurity = none\nfrom = giamsat@vptw.gov.vn\n' "$P" > smtp.conf
chmod 644 smtp.conf
if $G mail send --smtp-config smtp.conf 2> e3.txt; then die "a readable configuration used"; fi
grep -q "chmod 600" e3.txt || die "permissions: $(cat e3.txt)"
chmod 600 smtp.conf
export GIAMSAT_SMTP_CONFIG=$PWD/smtp.conf

SINK_PID=
start_sink() {
    rm -f sink.out
    $PY "$SINK" "$P" mail > sink.out 2>&1 &
    SINK_PID=$!
    for _ in $(seq 1 100); do grep -q ready sink.out 2>/dev/null && return 0; sleep 0.1; done
    die "the SMTP sink did not start: $(cat sink.out)"
}
stop_sink() { kill "$SINK_PID"; wait "$SINK_PID" 2>/dev/null || true; SINK_PID=; }
trap '[ -z "$SINK_PID" ] || kill "$SINK_PID" 2>/dev/null' EXIT

start_sink
$G mail send > s1.txt || die "send: $(cat s1.txt)"
grep -q "Đã gửi 2 thư, 0 thư lỗi" s1.txt || die "first run: $(cat s1.txt)"
[ "$(ls mail | wc -l)" = 2 ] || die "two messages delivered, not $(ls mail)"

# The server stops; the answer (for the office) and the return (for the unit) are queued.
stop_sink
$G request answer 1 --explanation "Chờ ý kiến các bộ" --remedy "Họp liên ngành" \
    --new-due 2026-02-28 --date 2026-01-12 > /dev/null
$G request return 1 --comment "Chưa nêu rõ trách nhiệm" --due 2026-01-30 --date 2026-01-13 > /dev/null
[ "$(unread vp)/$(unread tc1)/$(unread tc2)/$(unread yt)" = 1/2/2/0 ] ||
    die "after answer and return: $(unread vp)/$(unread tc1)/$(unread tc2)/$(unread yt)"
if $G mail send > s2.txt 2>&1; then die "a send with the server down succeeded"; fi
grep -q "Đã gửi 0 thư, 3 thư lỗi" s2.txt || die "server down: $(cat s2.txt)"
[ "$(queued queued)/$(queued sent)" = 3/2 ] || die "states: $(queued queued) queued, $(queued sent) sent"
now=$(date +%s)
[ "$(db_count "select count(*) from mail_queue where state = 'queued' and attempts = 1
    and next_at >= $now + 59 and last_error <> ''")" = 3 ] || die "the back-off: $($G mail queue)"

# Back up, but the back-off has not passed: nothing is tried yet; an hour later all goes.
start_sink
$G mail send > s3.txt
grep -q "Đã gửi 0 thư" s3.txt || die "sent before the back-off: $(cat s3.txt)"
GIAMSAT_NOW=$((now + 3600)) $G mail send > s4.txt
grep -q "Đã gửi 3 thư, 0 thư lỗi" s4.txt || die "after the back-off: $(cat s4.txt)"
GIAMSAT_NOW=$((now + 7200)) $G mail send > s5.txt
grep -q "Đã gửi 0 thư" s5.txt || die "a second run sent again: $(cat s5.txt)"
[ "$(queued sent)" = 5 ] || die "five sent: $($G mail queue)"

$PY "$SINK" read mail/*.eml > got.tsv
[ "$(wc -l < got.tsv)" = 5 ] || die "five messages: $(cat got.tsv)"
[ "$(cut -f2 got.tsv | sort -u | wc -l)" = 5 ] || die "a Message-ID twice: $(cut -f2 got.tsv)"
[ "$(cut -f1 got.tsv | sort | tr '\n' ' ')" = "tc1@btc.gov.vn tc1@btc.gov.vn tc2@btc.gov.vn tc2@btc.gov.vn vp@vptw.gov.vn " ] ||
    die "recipients: $(cut -f1 got.tsv)"
grep -q "^tc1@btc.gov.vn	.*	\[giamsat\] Yêu cầu giải trình số 1 về nhiệm vụ «Việc quá hạn cần giải trình»	Văn phòng đề nghị Bộ Tài chính giải trình về nhiệm vụ «Việc quá hạn cần giải trình».\\\\nNội dung: Đề nghị giải trình lý do chậm thực hiện\\\\nHạn trả lời: 25/01/2026." got.tsv ||
    die "the request's mail: $(grep '^tc1' got.tsv | head -1)"
grep -q "^vp@vptw.gov.vn	.*	\[giamsat\] Bộ Tài chính đã trả lời yêu cầu giải trình số 1	.*Giải trình: Chờ ý kiến các bộ\\\\nNgày hoàn thành mới: 28/02/2026" got.tsv ||
    die "the answer's mail: $(grep '^vp' got.tsv)"
grep -q "^tc2@btc.gov.vn	.*	\[giamsat\] Yêu cầu giải trình số 1 được gửi lại	.*Ý kiến: Chưa nêu rõ trách nhiệm\\\\nHạn trả lời: 30/01/2026" got.tsv ||
    die "the return's mail: $(grep '^tc2' got.tsv)"

# The weekly digest: once per unit and week, however often it runs.
$G remind --send --as-of 2026-01-15 > d1.txt || die "digest: $(cat d1.txt)"
grep -q "tuần từ ngày 12/01/2026: 2 thông báo mới" d1.txt || die "digest: $(cat d1.txt)"
grep -q "Đã gửi 2 thư" d1.txt || die "digest mail: $(cat d1.txt)"
$G remind --send --as-of 2026-01-18 > d2.txt
grep -q ": 0 thông báo mới" d2.txt || die "the digest twice in a week: $(cat d2.txt)"
grep -q "Đã gửi 0 thư" d2.txt || die "the digest mailed twice: $(cat d2.txt)"
[ "$(ls mail | wc -l)" = 7 ] || die "seven messages in all: $(ls mail)"
$PY "$SINK" read mail/0006.eml mail/0007.eml > digest.tsv
grep -c "Thư đôn đốc tuần từ 12/01/2026: Bộ Tài chính	.*Việc quá hạn cần giải trình" digest.tsv |
    grep -q 2 || die "the digest's subject and body: $(cat digest.tsv)"
[ "$(unread tc1)" = 3 ] || die "tc1: request, return, digest: $(unread tc1)"
$G mail queue > q.txt
[ "$(grep -c '	sent	1	' q.txt)" = 4 ] || die "the queue: $(cat q.txt)"

# The schedule's notices as of 15/01: R2 due on 25/01 (due_soon since 11/01) and the unit's
# on-time rate (weekly), for both accounts of the unit; R1's warnings are months old.
$G mail notify --as-of 2026-01-15 > n1.txt
grep -q "^4 thông báo mới" n1.txt || die "notices: $(cat n1.txt)"
grep -q "Đã gửi 4 thư" n1.txt || die "their mail: $(cat n1.txt)"
$G mail notify --as-of 2026-01-16 > n2.txt
grep -q "^0 thông báo mới" n2.txt || die "notified twice: $(cat n2.txt)"
grep -q "Đã gửi 0 thư" n2.txt || die "mailed twice: $(cat n2.txt)"
[ "$(unread tc1)/$(unread yt)/$(unread vp)" = 5/0/1 ] ||
    die "inboxes: $(unread tc1)/$(unread yt)/$(unread vp)"
[ "$(db_count "select title from notification n join app_user u on u.id = n.user_id
    where u.username = 'tc2' and n.kind = 'deadline'")" = "Sắp đến hạn: nhiệm vụ «Việc sắp đến hạn»" ] ||
    die "the deadline's notice"
# The returned request's new deadline (30/01) comes near: 2 days before it, both accounts of
# the unit get one notice, and not again the next day.
reqdue() { db_count "select count(*) from notification where kind = 'deadline'
    and title = 'Sắp đến hạn trả lời yêu cầu giải trình số 1'"; }
$G mail notify --as-of 2026-01-26 > /dev/null
[ "$(reqdue)" = 0 ] || die "4 days before the deadline: $(reqdue)"
$G mail notify --as-of 2026-01-28 > /dev/null
[ "$(reqdue)" = 2 ] || die "2 days before the deadline: $(reqdue)"
$G mail notify --as-of 2026-01-29 > /dev/null
[ "$(reqdue)" = 2 ] || die "notified again the next day: $(reqdue)"
db_count "select body from notification where kind = 'deadline' and title like '%trả lời%' limit 1" |
    grep -q "hết hạn trả lời ngày 30/01/2026 (còn 2 ngày)" || die "the request deadline's text"
# A progress report the office returns (the approval of issue #15) is a notice for its unit.
$G progress add --task "$T" --unit "Bộ Tài chính" --date 2026-01-14 --done --completed-on 2026-01-13 \
    --output "Quyết định số 1/QĐ-BTC ngày 13/01/2026" > /dev/null
R=$(db_count "select max(id) from progress_report")
before=$(unread tc2)
$G approval return "$R" --comment "Thiếu văn bản kèm theo" --date 2026-01-15 > /dev/null
[ "$(unread tc2)" = $((before + 1)) ] || die "the returned report's notice: $(unread tc2)"
db_count "select body from notification where kind = 'report_returned' limit 1" |
    grep -q "Ý kiến: Thiếu văn bản kèm theo" || die "the returned report's comment"

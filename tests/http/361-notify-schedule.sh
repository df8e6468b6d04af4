# The notifications' schedule of `giamsat serve` (issue #15): run every second, on the
# digest's weekday (24/12/2025 is a Wednesday, --digest-day 3), it puts the week's reminder
# letter and the new warnings in Bộ Nội vụ's inbox, and once the account has an address it
# mails each notice once through the SMTP server of --smtp-config.
set -eu
PY=/usr/bin/python3
SINK="$DATA/../tools/smtp_sink.py"
P=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
printf 'host = 127.0.0.1\nport = %s\nsecurity = none\nfrom = giamsat@vptw.gov.vn\n' "$P" > smtp.conf
chmod 600 smtp.conf
$PY "$SINK" "$P" mail > sink.out 2>&1 &
SINK_PID=$!
for _ in $(seq 1 100); do grep -q ready sink.out 2>/dev/null && break; sleep 0.1; done
grep -q ready sink.out || die "the SMTP sink did not start: $(cat sink.out)"
NOTIFY_ARGS="--notify-every 1 --digest-day 3 --smtp-config $PWD/smtp.conf"
start_server
trap 'kill $SERVER_PID $SINK_PID 2>/dev/null; wait $SERVER_PID 2>/dev/null' EXIT
$GIAMSAT user set noivu --email vanthu@moha.gov.vn > /dev/null

notices() { db_count "select count(*) from notification n join app_user u on u.id = n.user_id
    where u.username = 'noivu'"; }
sent() { db_count "select count(*) from mail_queue where state = 'sent'"; }
# Wait (at most two minutes) until every notice of the account has gone out.
for _ in $(seq 1 1200); do
    n=$(notices)
    [ "$n" -gt 0 ] && [ "$(sent)" = "$n" ] && [ "$(ls mail | wc -l)" = "$n" ] && break
    sleep 0.1
done
n=$(notices)
[ "$n" -gt 1 ] || die "no notices from the schedule: $(tail -5 server.log)"
[ "$(sent)" = "$n" ] || die "$(sent) of $n notices mailed: $($GIAMSAT mail queue | head -5)"
[ "$(db_count "select count(*) from notification where kind = 'digest'")" = 1 ] ||
    die "one digest for the one unit account"
[ "$(db_count "select count(*) from mail_queue where recipient <> 'vanthu@moha.gov.vn'")" = 0 ] ||
    die "mail to an account without an address"
$PY "$SINK" read mail/*.eml > got.tsv
[ "$(cut -f2 got.tsv | sort -u | wc -l)" = "$n" ] || die "a message sent twice"
[ "$(grep -c "	\[giamsat\] Thư đôn đốc tuần từ 22/12/2025: Bộ Nội vụ	" got.tsv)" = 1 ] ||
    die "the digest's mail: $(cut -f3 got.tsv | sort | uniq -c | head)"
grep "Thư đôn đốc tuần" got.tsv | grep -q "Kính gửi: Bộ Nội vụ" || die "the digest's letter"
# The header counts them.
login noivu noivu-pass-123 unit
curl -s -b unit "$URL/" | grep -q "class=\"count\">$n<" || die "the header's count of $n"

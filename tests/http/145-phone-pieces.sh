# Pieces of the phone layout the server writes (issue #13): the pager's Trước/Sau links
# with their aria labels, the filters folded in <details> behind "Lọc" (open for a
# desktop; app.js closes it on a phone).
# The layout itself at 390 px (no sideways scroll, stacked tables, axe-core) is checked in
# the browser by tests/browser/pages.mjs.
set -eu
start_server
login xem xem-pass-123 jar
pager() { sed -n 's/.*<nav class="pager" aria-label="Phân trang">\(.*\)<\/nav>.*/\1/p' "$1" | sed 's/<\/nav>.*//'; }

get "/tasks" p1.html -b jar
well_formed p1.html
p=$(pager p1.html)
[ -n "$p" ] || die "no pager on the first page"
echo "$p" | grep -q 'rel="prev"' && die "a Trước link on the first page"
echo "$p" | grep -q '<a rel="next" aria-label="Trang sau" href="/tasks?page=2">Sau ›</a>' \
    || die "no Sau link to page 2: $p"
echo "$p" | grep -q '<a href="/tasks?page=1" aria-label="Trang 1" aria-current="page">1</a>' \
    || die "the current page is not marked: $p"

get "/tasks?status=overdue&page=2" p2.html -b jar
p=$(pager p2.html)
echo "$p" | grep -q '<a rel="prev" aria-label="Trang trước" href="/tasks?status=overdue&amp;page=1">‹ Trước</a>' \
    || die "no Trước link keeping the filter: $p"
last=$(echo "$p" | grep -o 'aria-label="Trang [0-9]*"' | tail -n 1 | tr -dc 0-9)
get "/tasks?status=overdue&page=$last" pl.html -b jar
pager pl.html | grep -q 'rel="next"' && die "a Sau link on the last page"

# The filters fold behind "Lọc" (the task list, the indicators, the report).
for u in /tasks /indicators /report; do
    get "$u" f.html -b jar
    grep -q '<details class="filters" open="open"><summary>Lọc</summary><form method="get"' f.html \
        || die "$u: the filters are not folded behind Lọc"
done
echo ok

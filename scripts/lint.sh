#!/bin/sh
# lint: the source rules of STYLE.md that a compiler does not check; run by
# `make lint`. POSIX sh + awk, no network, Debian 12 tools only.
#
# Checks (each violation is printed as file:line: message):
#   1. banned functions in src/ (STYLE.md section 11);
#   2. no assignment inside an if/while condition (section 19);
#   3. size budget: top offenders, hard caps on file and function length, and
#      cyclomatic complexity when pmccabe is installed (section 16);
#   4. every src/**/*.c has its module header and every header opens with a
#      comment block (sections 3 and 15);
#   5. clang-format layout (section 19): advisory, since the tree predates the
#      checked-in .clang-format; LINT_STRICT_FORMAT=1 makes it fatal.
#
# Comments and the contents of string and character literals are blanked
# before checks 1-3, so a banned name in a message or comment is no hit.
# Function lengths rely on the tree's layout: a function's opening brace is
# alone at column 0 after its signature, and its closing brace is at column 0.
# Exit status: 0 when no check failed, 1 otherwise.
set -u
cd "$(dirname "$0")/.." || exit 2

# Files allowed to call strtol()/strtoll(): the number-parsing wrapper(s),
# which check the end pointer, errno and the range for everyone else.
STRTOL_OK="src/util/strparse.c"
# The one file allowed to call malloc/calloc/realloc/strdup/strndup.
ALLOC_OK="src/util/xalloc.c"
# Banned everywhere in src/; snprintf/vsnprintf and the x-wrappers are the way.
BANNED="sprintf vsprintf strcpy strcat strtok atoi atol atoll gets"
ALLOC_FNS="malloc calloc realloc strdup strndup"
STRTOL_FNS="strtol strtoll"

MAX_FILE_LINES=1000 # hard cap for a .c file
AIM_FILE_LINES=600  # budget; above it is reported, not failed
MAX_FUNC_LINES=120  # hard cap for a function body, { to } inclusive
AIM_FUNC_LINES=60   # above this a function needs a reason; reported, not failed
MAX_CCN=15          # hard cap for pmccabe's modified cyclomatic complexity
TOP=10

tmp=$(mktemp -d "${TMPDIR:-/tmp}/giamsat-lint.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

C_FILES=$(find src -name '*.c' | LC_ALL=C sort)
H_FILES=$(find src -name '*.h' | LC_ALL=C sort)

# --------------------------------------------------------------- analysis
#
# One awk pass per file blanks comments and literals, then prints tagged
# records on stdout:
#   BAN <tab> file:line: message
#   ASSIGN <tab> file:line: message
#   FUNC <tab> length <tab> file:line <tab> name
#   FILE <tab> lines <tab> file
# shellcheck disable=SC2016 # awk program: $ is awk's, not the shell's
ANALYSE='
function strip(s,    out, i, n, c, d, q) {
    out = ""; n = length(s); i = 1
    while (i <= n) {
        c = substr(s, i, 1); d = substr(s, i, 2)
        if (in_comment) {
            if (d == "*/") { in_comment = 0; out = out "  "; i += 2 }
            else { out = out " "; i++ }
            continue
        }
        if (d == "/*") { in_comment = 1; out = out "  "; i += 2; continue }
        if (d == "//") break
        if (c == "\"" || c == "\047") {
            q = c; out = out q; i++
            while (i <= n) {
                c = substr(s, i, 1)
                if (c == "\\") { out = out "  "; i += 2; continue }
                if (c == q) break
                out = out " "; i++
            }
            out = out q; i++
            continue
        }
        out = out c; i++
    }
    return out
}
function listed(name, list,    k, n, a) {
    n = split(list, a, " ")
    for (k = 1; k <= n; k++)
        if (a[k] == name)
            return 1
    return 0
}
# Calls of the names in `list` on stripped line s (an identifier then "(").
function calls(s, list, ln, why,    rest, name, pre) {
    rest = s
    while (match(rest, /[A-Za-z_][A-Za-z0-9_]*[ \t]*\(/)) {
        name = substr(rest, RSTART, RLENGTH - 1)
        sub(/[ \t]+$/, "", name)
        pre = RSTART > 1 ? substr(rest, RSTART - 1, 1) : ""
        if (listed(name, list) && pre != "." && pre != ">")
            printf "BAN\t%s:%d: %s() %s\n", FILENAME, ln, name, why
        rest = substr(rest, RSTART + RLENGTH)
    }
}
# Text of the parenthesised condition opening at line ln, column col, up to
# 8 lines on; the outer parentheses are left out.
function condition(ln, col,    depth, out, k, c, s, n, first) {
    depth = 0; out = ""
    for (k = ln; k <= NL && k < ln + 8; k++) {
        s = line[k]; n = length(s)
        first = (k == ln) ? col : 1
        for (; first <= n; first++) {
            c = substr(s, first, 1)
            if (c == "(") { depth++; if (depth == 1) continue }
            if (c == ")") { depth--; if (depth == 0) return out }
            out = out c
        }
        out = out " "
    }
    return out
}
function check_assign(ln, s,    rest, off, kw, cond) {
    rest = s; off = 0
    while (match(rest, /(^|[^A-Za-z0-9_])(if|while)[ \t]*\(/)) {
        kw = substr(rest, RSTART, RLENGTH)
        cond = condition(ln, off + RSTART + RLENGTH - 1)
        if (cond ~ /<<=|>>=/) {
            bad = 1
        } else {
            gsub(/==|!=|<=|>=/, "", cond)
            bad = cond ~ /=/
        }
        if (bad) {
            sub(/^[^a-z]/, "", kw); sub(/[ \t]*\($/, "", kw)
            printf "ASSIGN\t%s:%d: assignment inside the condition of \"%s\"\n", FILENAME, ln, kw
        }
        off += RSTART + RLENGTH - 1
        rest = substr(rest, RSTART + RLENGTH)
    }
}
# Name of the function whose signature is sig: the first identifier followed
# by "(" that is not an attribute.
function func_name(sig,    name) {
    while (match(sig, /[A-Za-z_][A-Za-z0-9_]*[ \t]*\(/)) {
        name = substr(sig, RSTART, RLENGTH - 1)
        sub(/[ \t]+$/, "", name)
        if (name != "__attribute__" && name != "__attribute" && name != "_Alignas")
            return name
        sig = substr(sig, RSTART + RLENGTH)
        # skip the attribute arguments: up to the matching "))"
        if (match(sig, /\)\)/))
            sig = substr(sig, RSTART + 2)
    }
    return "?"
}
{ line[NR] = strip($0) }
END {
    NL = NR
    printf "FILE\t%d\t%s\n", NL, FILENAME
    start = 0
    for (ln = 1; ln <= NL; ln++) {
        s = line[ln]
        if (s ~ /^[ \t]*#/)
            continue
        calls(s, BANNED, ln, "is banned (STYLE.md 11): use snprintf/buf_addf, xstrdup, or a checked parser")
        if (!ALLOC_OK)
            calls(s, ALLOC_FNS, ln, "outside src/util/xalloc.c: use xmalloc/xcalloc/xreallocarray/xstrdup")
        if (!STRTOL_OK)
            calls(s, STRTOL_FNS, ln, "outside the whitelisted parsers (STRTOL_OK in scripts/lint.sh)")
        check_assign(ln, s)
        if (s ~ /^\{/ && !start) {
            sig = ""; k = ln - 1
            while (k >= 1 && line[k] !~ /^[ \t]*$/ && line[k] !~ /[;}][ \t]*$/ && line[k] !~ /^#/) {
                sig = line[k] " " sig; k--
            }
            start = ln; sig_line = k + 1; name = func_name(sig)
        } else if (s ~ /^\}/ && start) {
            printf "FUNC\t%d\t%s:%d\t%s\n", ln - start + 1, FILENAME, sig_line, name
            start = 0
        }
    }
}'

for f in $C_FILES $H_FILES; do
    alloc_ok=0
    strtol_ok=0
    [ "$f" = "$ALLOC_OK" ] && alloc_ok=1
    for w in $STRTOL_OK; do [ "$f" = "$w" ] && strtol_ok=1; done
    awk -v BANNED="$BANNED" -v ALLOC_FNS="$ALLOC_FNS" -v STRTOL_FNS="$STRTOL_FNS" \
        -v ALLOC_OK="$alloc_ok" -v STRTOL_OK="$strtol_ok" "$ANALYSE" "$f"
done > "$tmp/records"

failures=0
summary=""
# add_summary NAME TEXT
add_summary() { summary="$summary$(printf '  %-22s %s' "$1" "$2")
"; }

# section TITLE TAG: print the records tagged TAG; returns their count in $count
section() {
    echo "== $1"
    grep "^$2	" "$tmp/records" | cut -f2- > "$tmp/hits"
    count=$(wc -l < "$tmp/hits" | tr -d ' ')
    if [ "$count" -gt 0 ]; then
        cat "$tmp/hits"
    else
        echo "ok"
    fi
}

# ---------------------------------------------------- 1. banned functions
section "banned functions (STYLE.md 11)" BAN
failures=$((failures + count))
add_summary "banned functions" "$count violation(s)"

# ------------------------------------------------ 2. assignment in conditions
section "assignment inside if/while conditions (STYLE.md 19)" ASSIGN
failures=$((failures + count))
add_summary "assignment in if/while" "$count violation(s)"

# ----------------------------------------------------------- 3. size budget
echo "== size budget (STYLE.md 16)"
echo "-- longest functions (lines from { to }):"
grep '^FUNC	' "$tmp/records" | cut -f2- | sort -t '	' -k1,1nr | head -n "$TOP" |
    awk -F '\t' '{ printf "  %5d  %s  %s()\n", $1, $2, $3 }'
echo "-- longest files:"
grep '^FILE	' "$tmp/records" | cut -f2- | sort -t '	' -k1,1nr | head -n "$TOP" |
    awk -F '\t' '{ printf "  %5d  %s\n", $1, $2 }'
size_fail=$(grep '^FUNC	' "$tmp/records" | cut -f2- |
    awk -F '\t' -v max="$MAX_FUNC_LINES" '$1 > max {
        printf "%s: %s() is %d lines (hard cap %d)\n", $2, $3, $1, max }')
size_fail="$size_fail$(grep '^FILE	' "$tmp/records" | cut -f2- |
    awk -F '\t' -v max="$MAX_FILE_LINES" '$2 ~ /\.c$/ && $1 > max {
        printf "\n%s:1: %d lines (hard cap %d)", $2, $1, max }')"
size_fail=$(printf '%s\n' "$size_fail" | sed '/^$/d')
n_size=0
if [ -n "$size_fail" ]; then
    echo "-- over the hard caps:"
    printf '%s\n' "$size_fail"
    n_size=$(printf '%s\n' "$size_fail" | wc -l | tr -d ' ')
fi
n_aim_func=$(grep '^FUNC	' "$tmp/records" | awk -F '\t' -v aim="$AIM_FUNC_LINES" '$2 > aim' | wc -l)
n_aim_file=$(grep '^FILE	' "$tmp/records" |
    awk -F '\t' -v aim="$AIM_FILE_LINES" '$3 ~ /\.c$/ && $2 > aim' | wc -l)
echo "-- over budget (reported, not failed): $n_aim_func function(s) > $AIM_FUNC_LINES lines," \
    "$n_aim_file .c file(s) > $AIM_FILE_LINES lines"
failures=$((failures + n_size))
add_summary "size budget" "$n_size over the hard caps ($n_aim_func function(s) > $AIM_FUNC_LINES lines, $n_aim_file file(s) > $AIM_FILE_LINES lines)"

echo "== cyclomatic complexity (STYLE.md 16)"
if command -v pmccabe > /dev/null 2>&1; then
    # pmccabe: modified McCabe, traditional, statements, first line, lines, file(line): name
    # shellcheck disable=SC2086
    pmccabe $C_FILES 2> /dev/null | sort -k1,1nr > "$tmp/ccn"
    echo "-- most complex functions (modified McCabe):"
    head -n "$TOP" "$tmp/ccn" | awk -F '\t' '{ printf "  %5d  %s\n", $1, $6 }'
    awk -F '\t' -v max="$MAX_CCN" '$1 > max {
        split($6, a, "[(): ]+")
        printf "%s:%s: %s() has complexity %d (hard cap %d)\n", a[1], a[2], a[3], $1, max }' \
        "$tmp/ccn" > "$tmp/ccn_fail"
    n_ccn=$(wc -l < "$tmp/ccn_fail" | tr -d ' ')
    cat "$tmp/ccn_fail"
    [ "$n_ccn" -eq 0 ] && echo "ok"
    failures=$((failures + n_ccn))
    add_summary "complexity" "$n_ccn violation(s)"
else
    echo "skipped: pmccabe is not installed (apt-get install pmccabe)"
    add_summary "complexity" "skipped (pmccabe not installed)"
fi

# --------------------------------------------------------------- 4. headers
echo "== module headers (STYLE.md 3, 15)"
: > "$tmp/hdr"
for f in $C_FILES; do
    case "$f" in
    src/cli/*.c | */main.c) continue ;;
    esac
    dir=${f%/*}
    base=${f##*/}
    base=${base%.c}
    # e.g. sheet_csv.c belongs to the module of sheet.h.
    prefix=${base%%_*}
    if [ ! -f "$dir/$base.h" ] && [ ! -f "$dir/$prefix.h" ]; then
        want="$dir/$base.h"
        [ "$prefix" != "$base" ] && want="$want or $dir/$prefix.h"
        echo "$f:1: no matching header ($want)" >> "$tmp/hdr"
    fi
done
for f in $H_FILES; do
    first=$(awk 'NF { print; exit }' "$f")
    case "$first" in
    /\**) ;;
    *) echo "$f:1: the header does not open with a comment block" >> "$tmp/hdr" ;;
    esac
done
n_hdr=$(wc -l < "$tmp/hdr" | tr -d ' ')
if [ "$n_hdr" -gt 0 ]; then cat "$tmp/hdr"; else echo "ok"; fi
failures=$((failures + n_hdr))
add_summary "module headers" "$n_hdr violation(s)"

# ---------------------------------------------------------- 5. clang-format
echo "== clang-format layout (STYLE.md 19)"
if ! command -v clang-format > /dev/null 2>&1; then
    echo "skipped: clang-format is not installed (apt-get install clang-format)"
    add_summary "clang-format" "skipped (clang-format not installed)"
elif [ ! -f .clang-format ]; then
    echo "skipped: no .clang-format at the top of the tree"
    add_summary "clang-format" "skipped (no .clang-format)"
else
    n_fmt=0
    for f in $C_FILES $H_FILES $(find tests/unit -name '*.[ch]' | LC_ALL=C sort); do
        n=$(clang-format --style=file "$f" | diff "$f" - | grep -c '^>')
        if [ "$n" -gt 0 ]; then
            echo "$f: $n line(s) differ (clang-format -i $f)"
            n_fmt=$((n_fmt + 1))
        fi
    done
    [ "$n_fmt" -eq 0 ] && echo "ok"
    if [ "${LINT_STRICT_FORMAT:-0}" = 1 ]; then
        failures=$((failures + n_fmt))
        add_summary "clang-format" "$n_fmt file(s) differ"
    else
        add_summary "clang-format" "$n_fmt file(s) differ (advisory; LINT_STRICT_FORMAT=1 fails)"
    fi
fi

# --------------------------------------------------------------- summary
echo
echo "lint summary"
printf '%s' "$summary"
if [ "$failures" -gt 0 ]; then
    echo "lint: FAILED ($failures violation(s))"
    exit 1
fi
echo "lint: ok"

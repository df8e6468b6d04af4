/*
 * target: an indicator's target (mục tiêu) as written, read into a form a
 * measured value can be compared with. Core layer: no I/O.
 *
 * The text is always kept (target.text); the comparable form sits beside
 * it. What the documents write, and what it becomes:
 *
 *   "≥ 80", "> 60", "$> 0,7$"     one clause: op and bound (markup dropped,
 *                                 decimal comma read: 0,7)
 *   "90", "09", "80%"             a bare figure: "reach it", so >= (<= for
 *                                 a rank); clause.stated is false
 *   "40 - 50", "20 - 25%/năm"     a range; reached at its near end (the
 *                                 lower one, or the upper one for a rank),
 *                                 and a value beyond the far end is reached
 *                                 too (more organisations than 50 is no
 *                                 failure)
 *   "≤ 3 Đông Nam Á; ≤ 50 Thế giới"
 *                                 two clauses on two scales (TARGET_SCALE,
 *                                 labels "Đông Nam Á", "Thế giới"); both
 *                                 must be met
 *   "tăng 04 bậc theo đánh giá của Liên Hợp quốc (xếp thứ 63) và tăng 07
 *    bậc theo đánh giá của ITU (xếp thứ 65)"
 *                                 two rank scales, rank <= 63 and <= 65,
 *                                 each remembering the places to gain
 *   "80%, trong đó khối bộ đạt tối thiểu 85%, khối địa phương đạt tối
 *    thiểu 70%"                   a whole clause plus one clause per bloc
 *                                 (TARGET_BLOC)
 *   "tối thiểu 50%, phấn đấu đạt 70%"
 *                                 a floor (>= 50) with a stretch (70)
 *   "≥ 3% và tăng dần theo yêu cầu phát triển"
 *                                 >= 3; the words that cannot be compared
 *                                 are kept in target.note for a person
 *   "từ 1,8 MW (năm 2024) lên 2,1 MW (năm 2025)/1 triệu dân"
 *                                 >= 2,1 with a starting point 1,8 at the
 *                                 end of 2024 (clause.has_base)
 *   "Đạt mức tiên tiến ..."       TARGET_TEXT: only a person can judge it
 *   ""                            TARGET_NONE: a heading over sub-indicators
 *
 * Numbers are read the Vietnamese way: "81.400" is eighty-one thousand four
 * hundred, "0,72" is a decimal (see target_read_number()).
 *
 * A rank (unit "Thứ bậc", or words "xếp thứ", "tăng N bậc") is better when
 * smaller: target.is_rank. A clause whose op is <= or < is also better
 * when smaller (target_lower_is_better()).
 */
#ifndef GIAMSAT_TARGET_H
#define GIAMSAT_TARGET_H

#include <stdbool.h>
#include <stddef.h>

enum target_kind {
    TARGET_NONE,    /* no target: a heading indicator (11, 23 without text) */
    TARGET_NUMERIC, /* one or more comparable clauses */
    TARGET_TEXT,    /* prose only a person can judge */
};

enum target_op { TARGET_GE, TARGET_GT, TARGET_LE, TARGET_LT, TARGET_RANGE };

enum target_part {
    TARGET_WHOLE, /* the indicator itself */
    TARGET_SCALE, /* one of several scales of the same measure ("Đông Nam Á", "Thế giới") */
    TARGET_BLOC,  /* one group of units in a breakdown ("khối bộ") */
};

struct target_clause {
    enum target_part part;
    char *label; /* scale or bloc as written; NULL for TARGET_WHOLE, except a single
                          ranking that names its scale ("≤ 3 Đông Nam Á") */
    enum target_op op;
    bool stated;      /* the text wrote a comparison; false for a bare figure */
    double low, high; /* the bound; RANGE: its ends (low <= high); else low == high */
    bool has_stretch; /* "phấn đấu đạt 70%": a level beyond the target */
    double stretch;
    int improve_by; /* "tăng 04 bậc": rank places to gain; 0 when not said */
    bool has_base;  /* the text names a starting point ("từ 1,8 MW (năm 2024)") */
    double base;
    int base_year; /* the starting point is as of 31/12 of this year */
    char *unit;    /* unit written with the figure ("%", "% GDP", "doanh nghiệp"), or NULL */
};

struct target {
    enum target_kind kind;
    bool is_rank;                  /* a ranking: smaller is better */
    char *text;                    /* as written (a copy) */
    char *note;                    /* words that cannot be compared, or NULL */
    struct target_clause *clauses; /* TARGET_NUMERIC only; n_clauses >= 1 */
    size_t n_clauses;
};

#define TARGET_INIT                                                                                \
    {                                                                                              \
        TARGET_NONE, false, NULL, NULL, NULL, 0                                                    \
    }
#define TARGET_NUM_LEN 48
#define TARGET_NO_START ((size_t)-1)

/**
 * Read `text` (borrowed; NULL reads as "") into *t, which must be
 * TARGET_INIT or released. `unit` is the indicator's unit column (may be
 * NULL): "Thứ bậc" makes a rank. Never fails: what cannot be compared is a
 * TARGET_TEXT. Free with target_release().
 */
void target_parse(struct target *t, const char *text, const char *unit);
void target_release(struct target *t);

/** True when smaller values of clause c are better (a rank, or op <= / <). */
bool target_lower_is_better(const struct target *t, const struct target_clause *c);
/** True when value v meets clause c (see the range rule above). */
bool target_met(const struct target *t, const struct target_clause *c, double v);
/** The value the path from a baseline aims at: the bound, or a range's near end. */
double target_goal(const struct target *t, const struct target_clause *c);
/** The clause whose label matches `name` (case, diacritics and "khối " ignored), or NULL. */
const struct target_clause *target_find_part(const struct target *t, const char *name);
/** True when a measurement must name a scale or bloc: there is no TARGET_WHOLE clause. */
bool target_needs_part(const struct target *t);

/**
 * The comparable form as one line ("≥ 80%", "Đông Nam Á: ≤ 3; Thế giới:
 * ≤ 50", "≥ 50% (phấn đấu 70%)", "định tính"); newly allocated, free().
 */
char *target_describe(const struct target *t);

/** Write v the Vietnamese way ("81.400", "0,7", "20,5"; at most 3 decimals). */
void target_format_number(double v, char out[TARGET_NUM_LEN]);

/**
 * Read a number written the Vietnamese way at s: digits with '.' between
 * groups of three ("81.400") and ',' before the decimals ("0,72"); a '.'
 * not followed by exactly three digits is a decimal point ("0.72"). Leading
 * zeros are kept as written ("09" is 9). No sign. Returns the bytes read
 * (0 when s does not start with a digit) and the value in *out.
 */
size_t target_read_number(const char *s, double *out);

/**
 * Where a target phrase starts in running text: the byte offset of the
 * first figure or comparison the parser can read ("80%", "tối thiểu 50%",
 * "xếp thứ 16", "tăng 04 bậc", "từ 1,8 MW ... lên"), skipping years
 * ("năm 2025") and names like "4G" or "DC/1". `text` should be cleaned
 * (text_clean()): the offset is where the same words sit in it.
 * TARGET_NO_START when none.
 */
size_t target_find_start(const char *text);

#endif

/*
 * deadline: Vietnamese deadline phrases (thời hạn) and the due date they mean.
 *
 * The rules are DOMAIN.md's table: a day ("30/06/2025", "ngày 30 tháng 6
 * năm 2025", "trước ngày 18/10/2025") is that day; a month ("Tháng 6/2025")
 * its last day; a quarter ("Quý II/2025", "quý 2 năm 2025") its last day;
 * "6 tháng đầu/cuối năm 2025" 30/06 or 31/12; a year ("Năm 2025", "2025 và
 * những năm tiếp theo") 31/12. When a phrase names several dates the first
 * one counts and the whole phrase is kept as text. With no date,
 * "Thường xuyên" and "Hằng năm" mean a recurring task; anything else has no
 * due date and is flagged for a person to set one.
 */
#ifndef GIAMSAT_DEADLINE_H
#define GIAMSAT_DEADLINE_H

#include "date.h"

#include <stdbool.h>

enum deadline_kind {
    DEADLINE_DATE,      /* due is set */
    DEADLINE_RECURRING, /* thường xuyên / hằng năm: no due date */
    DEADLINE_UNKNOWN,   /* no date in the phrase: a person must set one */
};

struct deadline {
    enum deadline_kind kind;
    struct date due;   /* set only for DEADLINE_DATE */
    bool has_more;     /* the phrase goes on after the first date */
};

/**
 * Read a deadline phrase (any case, with or without diacritics). Never
 * fails: a phrase it does not understand (or an empty one) is
 * DEADLINE_UNKNOWN.
 */
struct deadline deadline_parse(const char *phrase);
/**
 * A day as users write one: a date ("15/12/2025"), or a period read as
 * its last day ("Quý IV/2025" -> 2025-12-31). 0, or -1 when it is neither.
 */
int deadline_read_day(const char *text, struct date *on);

/** Stable names for data and JSON: "date", "recurring", "unknown". */
const char *deadline_kind_name(enum deadline_kind kind);

#endif

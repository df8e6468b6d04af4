/*
 * frame: the settings of the administrative frame a report is issued in
 * (Nghị định 30/2020/NĐ-CP): who issues it, its number, the place, the
 * recipients and the signer. An installation keeps them in the database
 * (store_frame.h, `giamsat frame set`); a report may override any of them
 * (`report --issuer ...`). Domain only: no I/O.
 *
 * Every setting is one line of text as a person types it:
 *  - issuer:     "BAN CHỈ ĐẠO TRUNG ƯƠNG / VĂN PHÒNG" — the governing body
 *                first, the issuing body last, separated by " / ";
 *  - number:     what follows "Số: ", e.g. "125/BC-VPBCĐ" (blank until signed);
 *  - place:      "Hà Nội" (before ", ngày ... tháng ... năm ...");
 *  - signer:     "KT. CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG / Nguyễn Văn A" —
 *                the title lines, the name last, separated by " / ";
 *  - recipients: "Như trên; Thủ tướng Chính phủ (để b/c); Lưu: VT" — the
 *                "Nơi nhận" list separated by ";".
 *
 * Ownership: a struct frame_settings owns its strings; NULL means "not
 * set" (the default applies, or, for an override, "keep the stored one").
 */
#ifndef GIAMSAT_FRAME_H
#define GIAMSAT_FRAME_H

#include "util/err.h"
#include "util/strvec.h"

enum frame_key {
    FRAME_ISSUER,
    FRAME_NUMBER,
    FRAME_PLACE,
    FRAME_SIGNER,
    FRAME_RECIPIENTS,
    N_FRAME_KEYS
};

/* The longest setting accepted, bytes. */
#define FRAME_VALUE_MAX 1000

struct frame_settings {
    char *v[N_FRAME_KEYS]; /* owned; NULL = not set */
};

#define FRAME_SETTINGS_INIT                                                                        \
    {                                                                                              \
        {                                                                                          \
            NULL                                                                                   \
        }                                                                                          \
    }

/** "issuer", "number", ... (the database key and the CLI option without "--"). */
const char *frame_key_name(enum frame_key k);
/** The Vietnamese label of k for messages and listings ("Cơ quan ban hành"). */
const char *frame_key_label(enum frame_key k);
/** The key named name, or -1. */
int frame_key_parse(const char *name);

/**
 * Set key k of s to a copy of value, trimmed (NULL: unset). ERR_INVALID,
 * naming the field in Vietnamese, for a value longer than FRAME_VALUE_MAX
 * or holding a line break; s is unchanged then.
 */
int frame_settings_set(struct frame_settings *s, enum frame_key k, const char *value,
                       struct err *e);

/** Copy every set value of over into s (replacing s's). */
void frame_settings_merge(struct frame_settings *s, const struct frame_settings *over);

/**
 * Split a setting into its parts (trimmed, empty parts dropped) appended to
 * out: on " / " for issuer and signer, on ";" for recipients, one part
 * otherwise. NULL appends nothing.
 */
void frame_split(enum frame_key k, const char *value, struct strvec *out);

void frame_settings_release(struct frame_settings *s);

#endif

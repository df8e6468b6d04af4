/* access: roles and permissions; see access.h. */
#include "access.h"

#include <string.h>

static const char *const names[] = { "", "viewer", "unit", "unit_leader", "monitor", "admin" };
static const char *const labels[] = { "", "Xem", "Đơn vị", "Lãnh đạo đơn vị", "Giám sát",
                                      "Quản trị" };

const char *role_name(enum role r)
{
    return r >= ROLE_NONE && r <= ROLE_ADMIN ? names[r] : "";
}

const char *role_label(enum role r)
{
    return r >= ROLE_NONE && r <= ROLE_ADMIN ? labels[r] : "";
}

/* The Vietnamese names the command line accepts too (issue #4). */
static const char *const vi_names[] = { "",         "xem",      "don_vi", "lanh_dao_don_vi",
                                         "giam_sat", "quan_tri" };

enum role role_parse(const char *s)
{
    for (int r = ROLE_VIEWER; r <= ROLE_ADMIN; r++)
        if (s && (!strcmp(s, names[r]) || !strcmp(s, vi_names[r])))
            return (enum role)r;
    return ROLE_NONE;
}

bool role_is_unit(enum role r)
{
    return r == ROLE_UNIT || r == ROLE_UNIT_LEADER;
}

bool access_can_read(enum role r)
{
    return r >= ROLE_VIEWER;
}

bool access_can_report(enum role r, long own_agency_id, long agency_id)
{
    if (r >= ROLE_MONITOR)
        return true;
    return role_is_unit(r) && own_agency_id > 0 && own_agency_id == agency_id;
}

bool access_can_review(enum role r, bool by_unit, long own_agency_id, long agency_id)
{
    if (!by_unit)
        return r >= ROLE_MONITOR;
    return r == ROLE_UNIT_LEADER && own_agency_id > 0 && own_agency_id == agency_id;
}

bool access_can_measure(enum role r, long own_agency_id, long agency_id)
{
    return access_can_report(r, own_agency_id, agency_id);
}

bool access_can_review_any(enum role r)
{
    return r == ROLE_UNIT_LEADER || r >= ROLE_MONITOR;
}

bool access_can_manage(enum role r)
{
    return r >= ROLE_MONITOR;
}

bool access_can_import(enum role r)
{
    return r >= ROLE_UNIT;
}

bool access_can_admin(enum role r)
{
    return r == ROLE_ADMIN;
}

/*
 * access: who may do what (issue #4 "Accounts and permissions"), as pure
 * predicates the web layer and the API call before every write.
 *
 *   quản trị (admin)   everything, including users and tokens
 *   giám sát (monitor) everything but user and token administration
 *   lãnh đạo đơn vị    a unit's leader (unit_leader): what its unit's focal
 *                      point may do, and approves or returns the unit's
 *                      reports where the unit requires approval (approval.h)
 *   đơn vị (unit)      reads everything; writes progress for its own unit,
 *                      and measurements of the indicators it monitors
 *   xem (viewer)       reads everything, writes nothing
 */
#ifndef GIAMSAT_ACCESS_H
#define GIAMSAT_ACCESS_H

#include <stdbool.h>

enum role { ROLE_NONE, ROLE_VIEWER, ROLE_UNIT, ROLE_UNIT_LEADER, ROLE_MONITOR, ROLE_ADMIN };

/** "admin", "monitor", "unit_leader", "unit", "viewer" ("" for ROLE_NONE). */
const char *role_name(enum role r);
/** Vietnamese label: "Quản trị", "Giám sát", "Lãnh đạo đơn vị", "Đơn vị", "Xem". */
const char *role_label(enum role r);
/**
 * Parse role_name() or its Vietnamese form (quan_tri, giam_sat, lanh_dao_don_vi,
 * don_vi, xem); ROLE_NONE when unknown.
 */
enum role role_parse(const char *s);
/** True for the roles bound to one unit (đơn vị, lãnh đạo đơn vị): they need a unit. */
bool role_is_unit(enum role r);

/** Reading is open to every signed-in user or token. */
bool access_can_read(enum role r);
/** Progress and completion for the assignment of unit `agency_id`. */
bool access_can_report(enum role r, long own_agency_id, long agency_id);
/**
 * A measurement of an indicator whose monitoring agency is agency_id (0
 * when not resolved): the steering office, or that agency's focal point.
 */
bool access_can_measure(enum role r, long own_agency_id, long agency_id);
/** Imports, task edits, registry edits: the steering office. */
bool access_can_manage(enum role r);
/**
 * Uploading files on Nhập dữ liệu: the steering office, any file; a unit's
 * focal point, only progress tables, reported for its own unit (page_import).
 */
bool access_can_import(enum role r);
/**
 * A review step on a report of unit agency_id: approving or rejecting
 * (by_unit) is for that unit's leader; accepting or returning for the
 * steering office.
 */
bool access_can_review(enum role r, bool by_unit, long own_agency_id, long agency_id);
/** Whether r reviews any reports at all (a unit's leader, the steering office). */
bool access_can_review_any(enum role r);
/** Users, tokens: administrators only. */
bool access_can_admin(enum role r);

#endif

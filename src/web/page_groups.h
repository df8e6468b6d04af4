/*
 * page_groups: the registry edits of the steering office — the group
 * expressions on the Quản trị page (each group's rule, its member count
 * and a form to change the rule, which re-expands every task the group
 * leads: store_group_set_rule). POST /admin/aliases is in page_admin.c.
 */
#ifndef GIAMSAT_PAGE_GROUPS_H
#define GIAMSAT_PAGE_GROUPS_H

#include "core/registry.h"
#include "http.h"

/** The "Nhóm đơn vị" section of the admin page, with one rule form per group. */
void page_admin_groups(const struct req *rq, struct buf *b, const struct registry *r);

#endif

/*
 * gen_units: units beyond the shipped registry for the data generator
 * (core/gen.h) — communes and wards (xã, phường) of the 34 provinces, so
 * that a generated programme can reach the ~3,500 units of the real one.
 *
 * The units depend only on the registry and the number asked for, never
 * on a seed, so every generated database of a size shares them. Each
 * commune is kind "khac" (not "dia_phuong": the groups "Các tỉnh, thành
 * phố", "Các địa phương" keep meaning the 34 provinces), tagged "xa" and
 * "xa_NN" (NN = its province's place among the active provinces), and
 * named "Xã An Bình, tỉnh Lào Cai" / "Phường Tân Phú, Thành phố Hà Nội".
 * Two kinds of group come with them: "Các xã, phường, đặc khu" (tag:xa)
 * and one "Các xã, phường thuộc <province>" per province (tag:xa_NN).
 * No I/O, no errors.
 */
#ifndef GIAMSAT_GEN_UNITS_H
#define GIAMSAT_GEN_UNITS_H

#include "registry.h"

#include <stddef.h>

/* The tag every generated commune carries, and the prefix of its province's tag. */
#define GEN_COMMUNE_TAG "xa"
#define GEN_COMMUNE_GROUP "Các xã, phường, đặc khu"

/**
 * Append to *out (usually REGISTRY_INIT) the communes that bring r to
 * n_units agencies (none when r has that many already, or no province)
 * and, when there are any, their groups. *out owns its strings; index it
 * with registry_build_index() or write it with store_seed_registry().
 * Returns the number of communes added.
 */
size_t gen_units(const struct registry *r, size_t n_units, struct registry *out);

/** The province a generated commune belongs to (its place in the tag xa_NN), or -1. */
long gen_unit_province(const struct agency *a);

/** The name of the group of province p's communes ("Các xã, phường thuộc tỉnh Lào Cai"); newly allocated. */
char *gen_units_group_name(const struct agency *province);

#endif

# giamsat build. `make` builds build/giamsat; `make check` builds an
# AddressSanitizer + UndefinedBehaviorSanitizer variant and runs every test;
# `make fuzz` runs the libFuzzer targets of tests/fuzz/ (FUZZ_SECONDS each; `make
# fuzz-short`, 20 s each, is part of `check`); `make bench` prints timings (`make
# bench-web`: the web server under wrk); `make lint` checks the source rules.
# The README's ./run.sh and ./test.sh install the Debian packages first.

PKGS := sqlite3 libpq libutf8proc icu-uc icu-i18n jansson libzip expat xlsxwriter libmicrohttpd libsodium libcurl
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv

CC ?= cc
WERROR ?= -Werror
OPT ?= -O2
CFLAGS_COMMON := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wshadow -Wstrict-prototypes \
	-Wno-missing-field-initializers $(WERROR) -g -Isrc $(PKG_CFLAGS)
SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

LIB_SRC := $(sort $(wildcard src/util/*.c src/core/*.c src/store/*.c src/import/*.c \
	src/json/*.c src/render/*.c src/export/*.c src/web/*.c)) $(filter-out src/cli/main.c,$(sort $(wildcard src/cli/*.c)))
MAIN_SRC := src/cli/main.c
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
EMBED := build/gen/embedded_data.c

# Two build trees: build/rel (release) and build/san (sanitizers, for tests).
REL := build/rel
SANB := build/san
REL_OBJ := $(patsubst %.c,$(REL)/%.o,$(LIB_SRC)) $(REL)/gen/embedded_data.o
SAN_OBJ := $(patsubst %.c,$(SANB)/%.o,$(LIB_SRC)) $(SANB)/gen/embedded_data.o
TEST_BIN := $(patsubst tests/unit/%.c,$(SANB)/tests/%,$(TEST_SRC))

.PHONY: all check unit cli-tests http-tests bench lint clean run
all: $(REL)/giamsat
	@ln -sf rel/giamsat build/giamsat

# The registry and seed files are compiled into the binary so that `init`
# and `import --seed` never read ../shared or the source tree at run time.
DATA_FILES := data/agencies.tsv data/groups.tsv $(sort $(wildcard data/seeds/*.txt)) \
	$(sort $(wildcard data/web/*)) $(sort $(wildcard data/demo/*))
$(EMBED): $(DATA_FILES) scripts/embed.sh
	@mkdir -p $(dir $@)
	scripts/embed.sh $(DATA_FILES) > $@

$(REL)/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) $(OPT) -c $< -o $@
$(SANB)/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) -O1 $(SAN) -c $< -o $@

$(REL)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) $(OPT) -MMD -MP -c $< -o $@
$(SANB)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) -O1 $(SAN) -MMD -MP -c $< -o $@

$(REL)/giamsat: $(REL_OBJ) $(REL)/src/cli/main.o
	$(CC) $(OPT) -o $@ $^ $(PKG_LIBS)
$(SANB)/giamsat: $(SAN_OBJ) $(SANB)/src/cli/main.o
	$(CC) $(SAN) -o $@ $^ $(PKG_LIBS)

$(SANB)/tests/%: tests/unit/%.c $(SAN_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) -O1 $(SAN) -Itests/unit -MMD -MP $< $(SAN_OBJ) -o $@ \
		$(PKG_LIBS) $(shell pkg-config --libs cmocka 2>/dev/null)

export ASAN_OPTIONS := detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS := print_stacktrace=1:halt_on_error=1

unit: $(TEST_BIN)
	@set -e; for t in $(TEST_BIN); do echo "== $$t"; \
		GIAMSAT_TEST_DATA=$(CURDIR)/tests/data $$t; done

cli-tests: $(SANB)/giamsat
	GIAMSAT=$(CURDIR)/$(SANB)/giamsat tests/cli/run.sh

# ooxml-check: the test tool that checks the .xlsx/.docx files (and XHTML)
# giamsat writes; shell tests find it through $OOXML_CHECK.
$(SANB)/ooxml-check: tests/tools/ooxml_check.c $(SANB)/src/util/buf.o \
		$(SANB)/src/util/strvec.o $(SANB)/src/util/xalloc.o
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) -O1 $(SAN) $^ -o $@ $(PKG_LIBS)
cli-tests: $(SANB)/ooxml-check
export OOXML_CHECK := $(CURDIR)/$(SANB)/ooxml-check

# docx-pack: the test tool that packs the WordprocessingML a shell test writes
# into a .docx; CLI tests find it through $DOCX_PACK.
$(SANB)/docx-pack: tests/tools/docx_pack.c $(SANB)/src/util/buf.o $(SANB)/src/util/xalloc.o
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) -O1 $(SAN) $^ -o $@ $(PKG_LIBS)
cli-tests: $(SANB)/docx-pack
export DOCX_PACK := $(CURDIR)/$(SANB)/docx-pack

# openapi-check: the test tool that checks API responses against
# data/web/openapi.json; HTTP tests find it through $OPENAPI_CHECK.
$(SANB)/openapi-check: tests/tools/openapi_check.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) -O1 $(SAN) $^ -o $@ $(PKG_LIBS)
http-tests: $(SANB)/openapi-check
export OPENAPI_CHECK := $(CURDIR)/$(SANB)/openapi-check

http-tests: $(SANB)/giamsat $(SANB)/ooxml-check
	GIAMSAT=$(CURDIR)/$(SANB)/giamsat tests/http/run.sh

# browser-tests: the web application end to end in Debian's chromium, driven by
# playwright-core (npm ci in tests/browser; never a downloaded browser), against the
# sanitizer build; screenshots go to build/artifacts/browser/.
.PHONY: browser-tests
browser-tests: $(SANB)/giamsat $(SANB)/ooxml-check $(SANB)/docx-pack
	GIAMSAT=$(CURDIR)/$(SANB)/giamsat tests/browser/run.sh
check: browser-tests

check: unit cli-tests http-tests lint
	@echo "all tests passed"

bench: all
	scripts/bench.sh $(REL)/giamsat
	scripts/bench_web.sh $(REL)/giamsat
	scripts/bench_backends.sh $(REL)/giamsat

# bench-backends: the main figures on SQLite and PostgreSQL side by side (issue #16).
.PHONY: bench-backends
bench-backends: all
	scripts/bench_backends.sh $(REL)/giamsat

# bench-web: the dashboard, the task list and /api/v1/report driven by wrk on
# loopback (requests/s, p50, p99); skipped with a note when wrk is missing.
.PHONY: bench-web
bench-web: all
	scripts/bench_web.sh $(REL)/giamsat

# bench-scale: generated programmes of size S, M and L (`giamsat gen`), each measured:
# generation, the report, every page and API route under wrk against the bare
# libmicrohttpd ceiling (mhd-ceiling) of the same run, the first report after a write,
# progress POSTs, RSS (docs/PERFORMANCE.md). BENCH_SCALE_SIZES picks the sizes.
$(REL)/mhd-ceiling: tests/tools/mhd_ceiling.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) $(OPT) $< -o $@ $(PKG_LIBS)
.PHONY: bench-scale
bench-scale: all $(REL)/mhd-ceiling
	scripts/bench_scale.sh $(REL)/giamsat $(REL)/mhd-ceiling

# pg-schema-test: the PostgreSQL schema of src/store/schema_pg.c against SQLite's
# (issue #16): tables, columns, keys, indexes, triggers and their behaviour, on a
# throwaway cluster (scripts/pg_tmp.sh); tests/pg/dump_schema prints the SQL.
$(REL)/dump_schema: tests/pg/dump_schema.c $(REL)/src/store/schema_pg.o
	$(CC) $(CFLAGS_COMMON) $(OPT) $^ -o $@
.PHONY: pg-schema-test
pg-schema-test: all $(REL)/dump_schema
	GIAMSAT=$(CURDIR)/$(REL)/giamsat DUMP_SCHEMA=$(CURDIR)/$(REL)/dump_schema \
		tests/pg/schema-compare.sh

# pg-tests: the unit tests with a database, the CLI, HTTP and browser tests again on
# PostgreSQL (a throwaway cluster, a database per test); ONLY=GLOB narrows them as for
# cli-tests and http-tests.
.PHONY: pg-tests
# The unit tests that use a database; test_read_plans is about SQLite's query plans.
UNIT_DB_TESTS := $(SANB)/tests/test_read_model $(SANB)/tests/test_report_cache
pg-tests: $(SANB)/giamsat $(SANB)/ooxml-check $(SANB)/docx-pack $(SANB)/openapi-check \
		$(UNIT_DB_TESTS)
	GIAMSAT=$(CURDIR)/$(SANB)/giamsat GIAMSAT_TEST_DATA=$(CURDIR)/tests/data \
		UNIT_DB_TESTS="$(addprefix $(CURDIR)/,$(UNIT_DB_TESTS))" tests/pg/suite.sh

# ---- fuzzing (issue #10) -------------------------------------------------------------
# One libFuzzer target per reader of untrusted input, tests/fuzz/fuzz_NAME.c, built with
# Debian's clang into build/fuzz/fuzz_NAME over its own object tree of the library
# (build/fuzz/obj, instrumented for coverage, ASan and UBSan). scripts/fuzz.sh runs them:
# `make fuzz` FUZZ_SECONDS (600) each, `make fuzz-short` 20 s each plus a replay of
# every regression file of tests/data/fuzz/NAME/ (part of `make check`). Seeds are
# tests/fuzz/corpus/NAME/; the grown corpus stays in build/fuzz/corpus/NAME/ and the
# crashes go to build/fuzz/crashes/NAME/.
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 600
FUZZ_JOBS ?= 2
FUZZB := build/fuzz
FUZZ_SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
FUZZ_NAMES := $(patsubst tests/fuzz/fuzz_%.c,%,$(sort $(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_BIN := $(addprefix $(FUZZB)/fuzz_,$(FUZZ_NAMES))
FUZZ_OBJ := $(patsubst %.c,$(FUZZB)/obj/%.o,$(LIB_SRC)) $(FUZZB)/obj/gen/embedded_data.o

$(FUZZB)/obj/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CFLAGS_COMMON) -O1 $(FUZZ_SAN) -fsanitize=fuzzer-no-link -c $< -o $@
$(FUZZB)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CFLAGS_COMMON) -O1 $(FUZZ_SAN) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@
$(FUZZB)/fuzz_%: tests/fuzz/fuzz_%.c $(wildcard tests/fuzz/*.h) $(FUZZ_OBJ)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CFLAGS_COMMON) -O1 $(FUZZ_SAN) -fsanitize=fuzzer -Itests/fuzz $< $(FUZZ_OBJ) \
		-o $@ $(PKG_LIBS)

.PHONY: fuzz-build fuzz fuzz-short
fuzz-build: $(FUZZ_BIN)
fuzz: fuzz-build
	FUZZ_JOBS=$(FUZZ_JOBS) scripts/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_NAMES)
fuzz-short: fuzz-build
	FUZZ_JOBS=$(FUZZ_JOBS) scripts/fuzz.sh 20 $(FUZZ_NAMES)
check: fuzz-short

# The suite again on PostgreSQL (issue #16): the schemas compared, then the unit tests with a
# database and every CLI, HTTP and browser test on a throwaway cluster.
check: pg-schema-test pg-tests

lint:
	scripts/lint.sh

# What ./run.sh does once the packages are there: create ./giamsat.db, import
# the shipped programme data, then print the database summary.
run: all
	$(REL)/giamsat --db giamsat.db demo
	$(REL)/giamsat --db giamsat.db init

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)

# crmbatch — hand-written GNU Makefile.
#   make run      set up, build, run the batch on the sample day (input/ config/ -> output/)
#   make check    set up, build, run every test (unit + end to end)
#   make check-asan / check-tsan / check-valgrind / bench / install / uninstall / clean
# Quiet rules unless V=1. CFLAGS, PREFIX and DESTDIR can be overridden.

VERSION    := 0.1.0
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
MANDIR     ?= $(PREFIX)/share/man
DATADIR    ?= $(PREFIX)/share
# The built-in source profiles (config/sources/*.ini): the checkout's for
# an in-tree build; `make install` installs them under DATADIR and builds
# the installed binary to read them there.
SOURCES_DIR ?= $(CURDIR)/config/sources
INSTALLED_SOURCES_DIR = $(DATADIR)/crmbatch/sources
CC         ?= cc
CFLAGS     ?= -O2 -g
WARNINGS   := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2
CPPFLAGS   += -Iinclude -I/usr/include/iniparser -D_GNU_SOURCE -DCRMBATCH_VERSION='"$(VERSION)"' \
              -DCRMBATCH_SOURCES_DIR='"$(SOURCES_DIR)"'
LIBS       := -lcsv -lhpdf -liniparser -ldeflate -pthread
CHECK_LIBS  = $(shell pkg-config --libs check 2>/dev/null || echo -lcheck -lsubunit -lm -lrt -pthread)
ALL_CFLAGS  = -std=c11 $(WARNINGS) $(CFLAGS)

# The sample day: late July 2023, after the "Planète E-commerce 2023" trade show.
SAMPLE_DATE := 2023-07-31

ifeq ($(V),1)
Q :=
msg = @true
else
Q := @
msg = @printf '  %-6s %s\n' $(1) $(2);
endif

SRCS     := $(sort $(wildcard src/*.c))
LIB_SRCS := $(filter-out src/main.c,$(SRCS))
OBJS     := $(SRCS:src/%.c=build/%.o)
LIB_OBJS := $(LIB_SRCS:src/%.c=build/%.o)
UNIT_SRCS := $(sort $(wildcard tests/unit/*.c))
UNIT_OBJS := $(UNIT_SRCS:tests/unit/%.c=build/tests/%.o)

.PHONY: all deps run story check check-unit check-e2e check-asan check-tsan check-valgrind bench fuzz fuzz-deps install uninstall clean
all: crmbatch

# ---- set-up: the build dependencies, installed when we can -----------------
DEB_PACKAGES := libcsv-dev libhpdf-dev libiniparser-dev libdeflate-dev check pkg-config poppler-utils
deps: build/.deps-ok
build/.deps-ok: Makefile
	$(Q)sh tests/ensure-deps.sh $(DEB_PACKAGES)
	$(Q)mkdir -p build && touch $@

# ---- build -----------------------------------------------------------------
crmbatch: build/.deps-ok $(OBJS)
	$(call msg,LINK,$@)
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(LIBS)

build/%.o: src/%.c build/.deps-ok
	@mkdir -p $(dir $@)
	$(call msg,CC,$<)
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

build/tests/%.o: tests/unit/%.c build/.deps-ok
	@mkdir -p $(dir $@)
	$(call msg,CC,$<)
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

build/unit-tests: $(UNIT_OBJS) $(LIB_OBJS)
	$(call msg,LINK,$@)
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(UNIT_OBJS) $(LIB_OBJS) $(LIBS) $(CHECK_LIBS)

-include $(OBJS:.o=.d) $(UNIT_OBJS:.o=.d)

# The fonts are assembled into the binary (.incbin), which -MMD cannot see.
FONTS := $(wildcard src/fonts/*.ttf) src/icc/sRGB.icc
build/fonts.o build-asan/fonts.o build-tsan/fonts.o build-fuzz/fonts.o: $(FONTS)

# ---- the sample day --------------------------------------------------------
run: crmbatch
	./crmbatch --date $(SAMPLE_DATE) run

# The sample firm's story day by day (input/story/<date>/) into output/story.
story: crmbatch
	sh tests/story/play.sh ./crmbatch output/story

# ---- tests -----------------------------------------------------------------
check: check-unit check-e2e

check-unit: build/unit-tests
	$(Q)build/unit-tests

check-e2e: crmbatch build/bench/gen
	$(Q)sh tests/e2e/run.sh ./crmbatch

# Sanitizers: the whole build again in build-asan/, unit and end-to-end tests.
check-asan: build/.deps-ok
	$(Q)$(MAKE) --no-print-directory BUILD_ASAN=1 build-asan/crmbatch build-asan/unit-tests
	$(Q)ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		build-asan/unit-tests
	$(Q)ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1 sh tests/e2e/run.sh build-asan/crmbatch

ASAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
build-asan/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(call msg,CC-ASAN,$<)
	$(Q)$(CC) $(CPPFLAGS) -std=c11 $(WARNINGS) $(ASAN_FLAGS) -MMD -MP -c -o $@ $<
build-asan/tests/%.o: tests/unit/%.c
	@mkdir -p $(dir $@)
	$(call msg,CC-ASAN,$<)
	$(Q)$(CC) $(CPPFLAGS) -std=c11 $(WARNINGS) $(ASAN_FLAGS) -MMD -MP -c -o $@ $<
-include $(SRCS:src/%.c=build-asan/%.d) $(UNIT_SRCS:tests/unit/%.c=build-asan/tests/%.d)
build-asan/crmbatch: $(SRCS:src/%.c=build-asan/%.o)
	$(call msg,LINK,$@)
	$(Q)$(CC) $(ASAN_FLAGS) -o $@ $^ $(LIBS)
build-asan/unit-tests: $(UNIT_SRCS:tests/unit/%.c=build-asan/tests/%.o) $(LIB_SRCS:src/%.c=build-asan/%.o)
	$(call msg,LINK,$@)
	$(Q)$(CC) $(ASAN_FLAGS) -o $@ $^ $(LIBS) $(CHECK_LIBS)

# ThreadSanitizer: documents are rendered, written, synced and renamed by
# several threads, sharing the compression and font memos; a whole day,
# issued and then re-run, with more threads than cores.
TSAN_FLAGS := -O1 -g -fsanitize=thread
# Without address randomisation: gcc 12's ThreadSanitizer refuses the
# layouts of kernels that randomise with more than 28 bits.
TSAN_RUN := TSAN_OPTIONS=halt_on_error=1:exitcode=66 setarch $(shell uname -m) -R
build-tsan/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(call msg,CC-TSAN,$<)
	$(Q)$(CC) $(CPPFLAGS) -std=c11 $(WARNINGS) $(TSAN_FLAGS) -MMD -MP -c -o $@ $<
-include $(SRCS:src/%.c=build-tsan/%.d)
build-tsan/crmbatch: $(SRCS:src/%.c=build-tsan/%.o)
	$(call msg,LINK,$@)
	$(Q)$(CC) $(TSAN_FLAGS) -o $@ $^ $(LIBS)
check-tsan: build/.deps-ok build/bench/gen
	$(Q)$(MAKE) --no-print-directory build-tsan/crmbatch
	$(Q)rm -rf build/tsan && mkdir -p build/tsan/in && build/bench/gen build/tsan/in 3000 10 utf8 300 200 >/dev/null
	$(Q)for pass in 1 2; do $(TSAN_RUN) build-tsan/crmbatch -q -j 4 \
		-i build/tsan/in -o build/tsan/out --date 2026-11-27 run || exit 1; done
	$(Q)$(TSAN_RUN) build-tsan/crmbatch -q -j 3 -o build/tsan/sample --date $(SAMPLE_DATE) run
	@echo "tsan: no data race"

# valgrind: the unit tests without fork, and the sample day.
check-valgrind: build/unit-tests crmbatch
	$(Q)CK_FORK=no valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite build/unit-tests
	$(Q)rm -rf build/vg-out && valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
		./crmbatch -q -o build/vg-out --date $(SAMPLE_DATE) run
	$(Q)valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
		./crmbatch -q -i tests/fixtures/bad -o build/vg-out check >/dev/null 2>&1; \
		rc=$$?; [ $$rc -eq 65 ] || { echo "valgrind: check on tests/fixtures/bad exited $$rc"; exit 1; }

# ---- fuzzing -----------------------------------------------------------------
# libFuzzer targets (tests/fuzz/fuzz_*.c), built with clang and the address
# and undefined-behaviour sanitizers over crmbatch's own modules. Each runs
# FUZZ_SECONDS from its seed corpus (tests/fuzz/corpus/<target>/, which also
# keeps every input that once crashed), and `make fuzz` fails on any crash,
# leak or sanitizer report. clang is installed when missing and we can.
FUZZ_SECONDS ?= 60
FUZZ_CC      := clang
FUZZ_FLAGS   := -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_TARGETS := $(patsubst tests/fuzz/%.c,%,$(sort $(wildcard tests/fuzz/fuzz_*.c)))
fuzz-deps: build/.deps-ok
	$(Q)sh tests/fuzz/ensure-clang.sh
build-fuzz/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(call msg,CC-FUZZ,$<)
	$(Q)$(FUZZ_CC) $(CPPFLAGS) -std=c11 $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<
-include $(LIB_SRCS:src/%.c=build-fuzz/%.d)
build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(LIB_SRCS:src/%.c=build-fuzz/%.o)
	$(call msg,LINK,$@)
	$(Q)$(FUZZ_CC) $(CPPFLAGS) -std=c11 $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $< $(LIB_SRCS:src/%.c=build-fuzz/%.o) $(LIBS)
.SECONDARY: $(LIB_SRCS:src/%.c=build-fuzz/%.o)
# The same targets built for source-based coverage (no sanitizer): after
# fuzzing, they replay what the fuzzers kept and make fuzz prints the line
# coverage of src/ they reach together (tests/fuzz/coverage.sh).
COV_FLAGS := -g -O0 -fprofile-instr-generate -fcoverage-mapping
build-cov/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(call msg,CC-COV,$<)
	$(Q)$(FUZZ_CC) $(CPPFLAGS) -std=c11 $(COV_FLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<
-include $(LIB_SRCS:src/%.c=build-cov/%.d)
build-cov/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(LIB_SRCS:src/%.c=build-cov/%.o)
	$(call msg,LINK,$@)
	$(Q)$(FUZZ_CC) $(CPPFLAGS) -std=c11 $(COV_FLAGS) -fsanitize=fuzzer -o $@ $< $(LIB_SRCS:src/%.c=build-cov/%.o) $(LIBS)
.SECONDARY: $(LIB_SRCS:src/%.c=build-cov/%.o)
fuzz: fuzz-deps
	$(Q)$(MAKE) -s --no-print-directory $(FUZZ_TARGETS:%=build-fuzz/%) $(FUZZ_TARGETS:%=build-cov/%)
	$(Q)sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)
	$(Q)sh tests/fuzz/coverage.sh $(FUZZ_TARGETS)

# ---- benchmarks (figures printed, never asserted) ----------------------------
bench: crmbatch build/bench/gen build/bench/csvcount build/bench/measure build/bench/pricing build/bench/floor
	$(Q)sh tests/bench/bench.sh

# Bench programs that use crmbatch's own modules.
build/bench/pricing: tests/bench/pricing.c $(LIB_OBJS)
	@mkdir -p $(dir $@)
	$(call msg,CC,$<)
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(LIB_OBJS) $(LIBS)

build/bench/%: tests/bench/%.c build/.deps-ok
	@mkdir -p $(dir $@)
	$(call msg,CC,$<)
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(LIBS)

# ---- install ----------------------------------------------------------------
# The installed binary differs from the in-tree one only in where it finds
# the built-in source profiles.
build/installed/source.o: src/source.c build/.deps-ok
	@mkdir -p $(dir $@)
	$(call msg,CC,$<)
	$(Q)$(CC) $(CPPFLAGS) -UCRMBATCH_SOURCES_DIR -DCRMBATCH_SOURCES_DIR='"$(INSTALLED_SOURCES_DIR)"' \
		$(ALL_CFLAGS) -MMD -MP -c -o $@ $<
-include build/installed/source.d
build/installed/crmbatch: $(filter-out build/source.o,$(OBJS)) build/installed/source.o
	$(call msg,LINK,$@)
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

install: build/installed/crmbatch
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(INSTALLED_SOURCES_DIR)
	install -m 755 build/installed/crmbatch $(DESTDIR)$(BINDIR)/crmbatch
	install -m 644 crmbatch.1 $(DESTDIR)$(MANDIR)/man1/crmbatch.1
	install -m 644 config/sources/*.ini $(DESTDIR)$(INSTALLED_SOURCES_DIR)/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/crmbatch $(DESTDIR)$(MANDIR)/man1/crmbatch.1
	rm -rf $(DESTDIR)$(DATADIR)/crmbatch

clean:
	rm -rf build build-asan build-tsan build-fuzz build-cov crmbatch
	find output -mindepth 1 ! -name .gitkeep -exec rm -rf {} + 2>/dev/null || true

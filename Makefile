# snapcheck: every entry point in one non-recursive Makefile.
#
#   make            build runner/snapcheck
#   make run        run the conformance suite against the reference model
#   make check      build with -Werror, refresh what is generated (make readme,
#                   make rng, make man) and run the cmocka tests
#   make install    install the tool, its man page and documents, the schema,
#                   cases, golden files, and the adapters with their baselines
#   make readme     refresh the counts, the profiles, their facts and libvirt's
#                   drift in README.md
#   make man        refresh the man page's synopsis and options from the tool
#   make rng        regenerate each older profile's schema from the state table
#   make golden     rewrite the golden files whose output changed (with diffs)
#   make check SANITIZE=1   the tests with AddressSanitizer and UBSan
#   make memcheck   the tests under valgrind (no leak, no memory error)
#   make fuzz       libFuzzer on the parser/formatter and the manifest reader
#                   (FUZZ_SECONDS=N per target, default 60)
#   make bench      time snapcheck against xmllint, jing and virt-xml-validate
#                   (make bench-save keeps the table to compare later runs with)
#   make interop    run the suite against libvirt itself, gated by its baseline
#   make check-browser  the HTML report checked in headless Chromium
#   make bench-report   time a large HTML report opening in Chromium
#   make clean      remove what the build made
#
# Missing dependencies are found before anything is compiled (see
# runner/configure.sh): make and make install need a C compiler,
# pkg-config and libxml2 (with jansson, snapcheck report reads reports
# back); make check adds cmocka, libyaml, jansson, xmllint, jing and
# libvirt's installed schema (libvirt0).  make run, make check and the other test targets
# also install what is missing, on Debian, as root; make, make install
# and make -n never do.  -Werror is on for make check, make memcheck and
# wherever WERROR=-Werror is set (CI).  V=1 shows the full commands.

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
DATADIR = $(PREFIX)/share/snapcheck
MANDIR = $(PREFIX)/share/man
DOCDIR = $(PREFIX)/share/doc/snapcheck
LIBDIR = $(PREFIX)/lib
INCLUDEDIR = $(PREFIX)/include
VERSION = 0.1
# libsnapcheck.so.$(SOVERSION): the soname's number changes with the API of snapcheck.h
SOVERSION = 0
# left in the installed data directory, which the tool then never writes to
INSTALLED_MARKER = .snapcheck-installed

CC ?= cc
CFLAGS ?= -O2 -g
WERROR ?=
WARNINGS = -Wall -Wextra -Wswitch-enum $(WERROR)
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -fPIC -Irunner $(WARNINGS) $(XML_CFLAGS) $(CFLAGS)

B = build
SANITIZE ?=
FUZZ ?=
# One folder per layer of runner/, each using only those before it
# (runner/tests/layers.sh checks it in make check):
#   util/ model/ schema/ suite/ api/ cli/
# and, above them all, tests/, fuzz/, bench/ and difftest/.
LAYERS = util model schema suite api
LIB_SRCS = $(foreach l,$(LAYERS),$(wildcard runner/$(l)/*.c))
LIB_OBJS = $(LIB_SRCS:runner/%.c=$(B)/%.o)
TOOL = runner/snapcheck
SHLIB = $(B)/libsnapcheck.so.$(VERSION)
TOOL_OBJS = $(patsubst runner/%.c,$(B)/%.o,$(wildcard runner/cli/*.c))
HARNESS = $(B)/harness
HARNESS_OBJS = $(patsubst runner/%.c,$(B)/%.o,$(wildcard runner/tests/*.c))
DIFFTEST_OBJS = $(patsubst runner/%.c,$(B)/%.o,$(wildcard runner/difftest/*.c))
BENCH_OBJS = $(patsubst runner/%.c,$(B)/%.o,$(wildcard runner/bench/*.c))

# make check SANITIZE=1: AddressSanitizer and UndefinedBehaviorSanitizer,
# in a build tree of their own; the tool is then $(B)/snapcheck.
ifeq ($(SANITIZE),1)
B = build-sanitize
SAN_FLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
TOOL = $(B)/snapcheck
endif
# the fuzz targets' build (see make fuzz)
ifeq ($(FUZZ),1)
B = build-fuzz
SAN_FLAGS = -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
endif
ALL_CFLAGS += $(SAN_FLAGS)
LDFLAGS += $(SAN_FLAGS)

ifeq ($(V),1)
Q =
quiet = @true
else
Q = @
quiet = @printf '  %-7s %s\n'
endif

.PHONY: all run check check-deps check-browser bench-report install clean readme man rng generated interop difftest golden \
        bench bench-save fuzz memcheck FORCE

all: $(TOOL) $(SHLIB)

ifeq ($(filter clean,$(MAKECMDGOALS)),)
include $(B)/config.mk
endif

# The set-up: the test targets (README's make run and make check among
# them) install missing packages; a dry run (make -n) never does.
SETUP_GOALS = run check memcheck interop difftest bench fuzz check-browser bench-report
ifneq ($(filter $(SETUP_GOALS),$(MAKECMDGOALS)),)
ifeq ($(findstring n,$(firstword -$(MAKEFLAGS))),)
INSTALL_MISSING = --install
endif
endif

# made again when jansson comes or goes, and when the set-up is to
# install it
HAVE_JANSSON := $(shell pkg-config --exists jansson 2>/dev/null && echo yes)
CONFIG_STATE = jansson=$(or $(HAVE_JANSSON),no)$(if $(HAVE_JANSSON),,$(INSTALL_MISSING))
$(B)/config.stamp: FORCE
	@mkdir -p $(B)
	@echo '$(CONFIG_STATE)' | cmp -s - $@ || echo '$(CONFIG_STATE)' > $@

$(B)/config.mk: runner/configure.sh $(B)/config.stamp
	@mkdir -p $(B)
	$(Q)sh runner/configure.sh $(INSTALL_MISSING) build > $@.tmp && mv $@.tmp $@

# What the harness adds to the build, found (or installed) before it is
# compiled; its flags are read when they are used.
check-deps:
	$(Q)sh runner/configure.sh $(INSTALL_MISSING) check

CMOCKA_CFLAGS = $(shell pkg-config --cflags cmocka 2>/dev/null)
CMOCKA_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null)
YAML_CFLAGS = $(shell pkg-config --cflags yaml-0.1 2>/dev/null)
YAML_LIBS = $(shell pkg-config --libs yaml-0.1 2>/dev/null)
$(HARNESS_OBJS): | check-deps

check memcheck: WERROR = -Werror

# The install location is compiled in; rebuild datadir.o when it changes.
$(B)/datadir.stamp: FORCE
	@mkdir -p $(B)
	@echo '$(DATADIR) $(INSTALLED_MARKER)' | cmp -s - $@ || echo '$(DATADIR) $(INSTALLED_MARKER)' > $@

# Objects are rebuilt when the compiler's flags change.
$(B)/flags.stamp: FORCE
	@mkdir -p $(B)
	@echo '$(CC) $(ALL_CFLAGS) $(JSON_CFLAGS)' | cmp -s - $@ || echo '$(CC) $(ALL_CFLAGS) $(JSON_CFLAGS)' > $@

$(LIB_OBJS) $(TOOL_OBJS) $(HARNESS_OBJS) $(DIFFTEST_OBJS) $(BENCH_OBJS): $(B)/flags.stamp
$(B)/util/datadir.o: $(B)/datadir.stamp
$(B)/util/datadir.o: ALL_CFLAGS += -DSC_INSTALL_DATADIR='"$(DATADIR)"' -DSC_INSTALLED_MARKER='"$(INSTALLED_MARKER)"'
$(HARNESS_OBJS): ALL_CFLAGS += $(CMOCKA_CFLAGS) $(YAML_CFLAGS) $(JSON_CFLAGS)
$(B)/suite/merge.o: ALL_CFLAGS += $(JSON_CFLAGS)

$(B)/%.o: runner/%.c
	@mkdir -p $(@D)
	$(quiet) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# made anew: an object no longer in LIB_OBJS must not linger in it
$(B)/libsnapcheck.a: $(LIB_OBJS)
	$(quiet) AR $@
	$(Q)rm -f $@ && $(AR) rcs $@ $^

# the shared library exports snapcheck.h's API only
$(SHLIB): $(LIB_OBJS) runner/api/libsnapcheck.map
	$(quiet) LINK $@
	$(Q)$(CC) $(CFLAGS) -shared -Wl,-soname,libsnapcheck.so.$(SOVERSION) \
	    -Wl,--version-script,runner/api/libsnapcheck.map -o $@ $(LIB_OBJS) $(XML_LIBS) $(JSON_LIBS) -lpthread $(LDFLAGS)

$(B)/snapcheck.pc: runner/api/snapcheck.pc.in FORCE
	@sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' \
	    -e 's|@VERSION@|$(VERSION)|' -e 's|@JSON_PC@|$(JSON_PC)|' runner/api/snapcheck.pc.in > $@.tmp && \
	    { cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@; }

$(TOOL): $(TOOL_OBJS) $(B)/libsnapcheck.a
	$(quiet) LINK $@
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(XML_LIBS) $(JSON_LIBS) -lpthread $(LDFLAGS)

$(HARNESS): $(HARNESS_OBJS) $(B)/libsnapcheck.a
	$(quiet) LINK $@
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(CMOCKA_LIBS) $(XML_LIBS) $(JSON_LIBS) $(YAML_LIBS) -lpthread $(LDFLAGS)

# The reference implementation, and libvirt 9.0 through its adapter when
# Python's libvirt binding is there, each with a JSON Lines report; then
# the HTML report of both, whose path is the last line.  The exit status
# is the reference run's.
RUN_DIR = $(B)/run
REPORT_DIR = $(B)/report

run: $(TOOL)
	$(Q)mkdir -p $(RUN_DIR) && rm -f $(RUN_DIR)/*.jsonl
	$(Q)status=0; ./$(TOOL) run --report jsonl=$(RUN_DIR)/reference.jsonl || status=$$?; \
	if /usr/bin/python3 -c 'import libvirt' 2>/dev/null; then \
	    echo "libvirt 9.0 ($(LIBVIRT_IMPL), baseline $(LIBVIRT_BASELINE).baseline):"; \
	    ./$(TOOL) run --no-progress --profile libvirt-9.0 --impl '$(LIBVIRT_IMPL)' --compare envelope \
	        --baseline $(LIBVIRT_BASELINE).baseline --report jsonl=$(RUN_DIR)/libvirt-9.0.0.jsonl \
	        > $(RUN_DIR)/libvirt-9.0.0.txt 2>&1; \
	    grep -E '^(compliance|baseline):' $(RUN_DIR)/libvirt-9.0.0.txt | sed 's/^/  /'; \
	fi; \
	set -- $(RUN_DIR)/reference.jsonl; \
	if [ -f $(RUN_DIR)/libvirt-9.0.0.jsonl ]; then set -- "$$@" $(RUN_DIR)/libvirt-9.0.0.jsonl; fi; \
	./$(TOOL) report --html $(REPORT_DIR) "$$@" || exit 2; \
	exit $$status

# What is generated from the tables and the tool (README's blocks, the
# older profiles' schemas, the man page) is refreshed first, so that a
# change to a table needs no step of its own; CI then checks that no
# refreshed file was left uncommitted (.ci/run).  The builds the harness
# makes itself (make install) keep these flags.
generated: readme rng man

check: $(TOOL) $(HARNESS) generated
	$(Q)sh runner/tests/layers.sh runner
	$(Q)SNAPCHECK_TOOL=./$(TOOL) SNAPCHECK_SCRATCH='$(CURDIR)/$(B)/scratch' WERROR='$(WERROR)' ./$(HARNESS)

# The HTML report (report --html) in headless Chromium, driven by
# playwright-core at the version browser/package-lock.json pins:
# browser/check.mjs.  make check itself needs no browser.
BROWSER_DIR = $(B)/browser

browser/node_modules/.package-lock.json: browser/package-lock.json
	$(Q)sh runner/configure.sh $(INSTALL_MISSING) browser
	$(Q)cd browser && npm ci --no-audit --no-fund --silent

check-browser: $(TOOL) browser/node_modules/.package-lock.json
	$(Q)CHROMIUM=$$(command -v chromium) node browser/check.mjs ./$(TOOL) $(BROWSER_DIR)

# Timings of a large report (5 implementations x 3 profiles x 1,000
# cases): building it, its size, opening its pages in Chromium.
bench-report: $(TOOL) browser/node_modules/.package-lock.json
	$(Q)CHROMIUM=$$(command -v chromium) node browser/bench.mjs ./$(TOOL) $(B)/bench-report

# Real libvirt (Debian's python3-libvirt) through its adapter, three
# ways: a redefine through the API on the test driver, the same with
# libvirt's own schema check (VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE), and
# libvirt's parser and formatter called as its own snapshot tests call
# them.  Each run fails on a difference its baseline does not list, or
# on a listed one that has gone away.
LIBVIRT_IMPL = /usr/bin/python3 adapters/libvirt_test_driver.py
LIBVIRT_BASELINE = adapters/libvirt-9.0.0
LIBVIRT_SCHEMA = /usr/share/libvirt/schemas/domainsnapshot.rng

interop: $(TOOL)
	$(Q)sh runner/configure.sh $(INSTALL_MISSING) interop
	$(Q)./$(TOOL) run --profile libvirt-9.0 --impl '$(LIBVIRT_IMPL)' --compare envelope --baseline $(LIBVIRT_BASELINE).baseline
	$(Q)./$(TOOL) run --profile libvirt-9.0 --impl '$(LIBVIRT_IMPL) --validate' --compare envelope \
	    --baseline $(LIBVIRT_BASELINE)-validate.baseline
	$(Q)./$(TOOL) run --profile libvirt-9.0 --impl '$(LIBVIRT_IMPL) --layer conf' --compare envelope \
	    --baseline $(LIBVIRT_BASELINE)-conf.baseline
	@# what libvirt accepts, against its schema and the tables: exactly the known holes
	$(Q)./$(TOOL) parity --profile libvirt-9.0 --all --impl '$(LIBVIRT_IMPL)' --schema $(LIBVIRT_SCHEMA) > $(B)/libvirt-parity.txt; \
	    test $$? -eq 1 || { cat $(B)/libvirt-parity.txt; exit 1; }
	$(Q)grep '^  hole: ' $(B)/libvirt-parity.txt | diff -u $(LIBVIRT_BASELINE)-parity.holes - && \
	    echo "parity: libvirt's holes are the $$(grep -c . $(LIBVIRT_BASELINE)-parity.holes) known ones"

# The differential tester: documents derived from every case, through
# libvirt 9.0 itself and through snapcheck (runner/difftest/).  The
# whole run is on demand; CI runs a fixed sample (DIFFTEST_SAMPLE=N).
DIFFTEST = $(B)/difftest-tool
DIFFTEST_SAMPLE ?= 0
DIFFTEST_FLAGS ?=

$(DIFFTEST): $(DIFFTEST_OBJS) $(B)/libsnapcheck.a
	$(quiet) LINK $@
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(XML_LIBS) -lpthread $(LDFLAGS)

difftest: $(TOOL) $(DIFFTEST)
	$(Q)sh runner/configure.sh $(INSTALL_MISSING) interop
	$(Q)./$(DIFFTEST) --sample $(DIFFTEST_SAMPLE) --out $(B)/difftest $(DIFFTEST_FLAGS)

# Timings: corpora are generated in build/bench; the table, its TSV and
# a PNG chart land there too, compared with bench/saved-table.tsv.
BENCH = $(B)/bench-tool
BENCH_DIR = $(B)/bench

$(BENCH): $(BENCH_OBJS) $(B)/libsnapcheck.a
	$(quiet) LINK $@
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(XML_LIBS) -lpthread $(LDFLAGS)

bench: $(TOOL) $(BENCH)
	$(Q)sh runner/configure.sh $(INSTALL_MISSING) bench
	$(Q)./$(BENCH) $(CURDIR) $(BENCH_DIR) bench/saved-table.tsv

bench-save:
	$(Q)test -f $(BENCH_DIR)/table.tsv || { echo "run make bench first"; exit 1; }
	$(Q)cp $(BENCH_DIR)/table.tsv bench/saved-table.tsv
	@echo "saved $(BENCH_DIR)/table.tsv as bench/saved-table.tsv"

# libFuzzer targets (clang), seeded from the cases; FUZZ_SECONDS each.
# Crashes and broken invariants are written to build-fuzz/ as crash-*.
FUZZ_SECONDS ?= 60
FUZZ_DIR = build-fuzz

$(B)/fuzz-snapshot: $(B)/fuzz/snapshot.o $(B)/libsnapcheck.a
	$(quiet) LINK $@
	$(Q)$(CC) -fsanitize=fuzzer $(CFLAGS) -o $@ $^ $(XML_LIBS) -lpthread $(LDFLAGS)

$(B)/fuzz-manifest: $(B)/fuzz/manifest.o $(B)/libsnapcheck.a
	$(quiet) LINK $@
	$(Q)$(CC) -fsanitize=fuzzer $(CFLAGS) -o $@ $^ $(XML_LIBS) -lpthread $(LDFLAGS)

fuzz:
	$(Q)sh runner/configure.sh $(INSTALL_MISSING) fuzz build
	$(Q)$(MAKE) --no-print-directory FUZZ=1 CC=clang $(FUZZ_DIR)/fuzz-snapshot $(FUZZ_DIR)/fuzz-manifest
	$(Q)mkdir -p $(FUZZ_DIR)/corpus-snapshot $(FUZZ_DIR)/seeds-snapshot $(FUZZ_DIR)/corpus-manifest \
	    $(FUZZ_DIR)/seeds-manifest
	$(Q)cp cases/manifest.xml $(FUZZ_DIR)/seeds-manifest/
	$(Q)for f in cases/valid/*.xml cases/invalid/*.xml golden/*.xml; do \
	    for m in 0 1 2; do printf "\\00$$m" | cat - $$f > $(FUZZ_DIR)/seeds-snapshot/$$m-$${f##*/}; done; \
	done
	$(Q)./$(FUZZ_DIR)/fuzz-snapshot -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	    -artifact_prefix=$(FUZZ_DIR)/ -print_final_stats=1 $(FUZZ_DIR)/corpus-snapshot $(FUZZ_DIR)/seeds-snapshot
	$(Q)./$(FUZZ_DIR)/fuzz-manifest -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	    -artifact_prefix=$(FUZZ_DIR)/ -print_final_stats=1 $(FUZZ_DIR)/corpus-manifest $(FUZZ_DIR)/seeds-manifest

# The whole suite under valgrind: the harness, and the tool each time
# the harness runs it.  Any leak or memory error fails the run.  A child
# that forks and never execs (the supervisor run --impl starts for each
# case, which keeps to system calls) is not reported on: it shares a
# heap whose blocks other threads, absent from it, point to, so they
# would look lost.
VALGRIND = valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
           --error-exitcode=99 --child-silent-after-fork=yes

memcheck: $(TOOL) $(HARNESS)
	$(Q)sh runner/configure.sh $(INSTALL_MISSING) memcheck
	$(Q)SNAPCHECK_TOOL=./$(TOOL) SNAPCHECK_SCRATCH='$(CURDIR)/$(B)/scratch' SNAPCHECK_WRAPPER='$(VALGRIND)' WERROR='$(WERROR)' \
	    $(VALGRIND) ./$(HARNESS)

# Golden files from the reference formatter: only changed ones are
# rewritten, each change shown as a diff.
golden: $(TOOL)
	$(Q)./$(TOOL) run --regenerate

# The man page's SYNOPSIS and OPTIONS come from the option tables
# (snapcheck help --man); a test fails when they are stale.
man: $(TOOL)
	$(Q)./$(TOOL) help --man > $(B)/man.txt
	$(Q)awk -v f=$(B)/man.txt 'BEGIN { part = 0; while ((getline l < f) > 0) { if (l == ".SH OPTIONS") part = 1; \
	        text[part] = text[part] l "\n" } } \
	    /^\.\\" (synopsis|options):end/ { skip = 0 } \
	    !skip { print } \
	    /^\.\\" synopsis:begin/ { printf "%s", text[0]; skip = 1 } \
	    /^\.\\" options:begin/ { printf "%s", text[1]; skip = 1 }' runner/cli/snapcheck.1 > runner/cli/snapcheck.1.new
	$(Q)cmp -s runner/cli/snapcheck.1.new runner/cli/snapcheck.1 && rm -f runner/cli/snapcheck.1.new || \
	    mv runner/cli/snapcheck.1.new runner/cli/snapcheck.1

# The schema of each older profile, rng/profile-NAME.rng, comes from the
# state table (snapcheck profiles --rng NAME); a test fails when one is
# stale.  Each is written beside the old and renamed over it when it
# differs.
rng: $(TOOL)
	$(Q)for p in $$(./$(TOOL) profiles --names | tail -n +2); do \
	    f=rng/profile-$$p.rng; ./$(TOOL) profiles --rng $$p > $$f.tmp || exit 1; \
	    cmp -s $$f.tmp $$f && rm -f $$f.tmp || mv $$f.tmp $$f || exit 1; \
	done

# The counts, the profiles, the table of facts and libvirt's drift in
# README.md come from the tool; a test fails when they are stale.  Each
# block <!-- NAME:begin --> … <!-- NAME:end --> gets $(B)/readme-NAME.txt;
# a block without one (the drift, when libvirt's schema is not
# installed) is left as it is.  The new README is written beside the old
# and renamed over it when it differs.
README_DRIFT = parity --schema $(LIBVIRT_SCHEMA)
readme: $(TOOL)
	$(Q){ echo '```'; ./$(TOOL) coverage --summary || true; echo '```'; } > $(B)/readme-summary.txt
	$(Q){ echo '```'; ./$(TOOL) profiles; echo '```'; } > $(B)/readme-profiles.txt
	$(Q)./$(TOOL) profiles --facts > $(B)/readme-facts.txt
	$(Q)rm -f $(B)/readme-drift-libvirt-9.0.txt $(B)/readme-drift.txt; \
	if [ -r $(LIBVIRT_SCHEMA) ]; then \
	    { echo '    $$ snapcheck $(README_DRIFT) --profile libvirt-9.0'; \
	      ./$(TOOL) $(README_DRIFT) --profile libvirt-9.0 | sed 's/^/    /'; } > $(B)/readme-drift-libvirt-9.0.txt; \
	    { echo '    $$ runner/snapcheck $(README_DRIFT)'; \
	      ./$(TOOL) $(README_DRIFT) | sed 's/^/    /'; } > $(B)/readme-drift.txt; \
	fi
	$(Q)awk -v dir=$(B) '/^<!-- [a-z0-9.-]+:end -->$$/ { skip = 0 } \
	    !skip { print } \
	    /^<!-- [a-z0-9.-]+:begin -->$$/ { name = $$2; sub(/:begin$$/, "", name); f = dir "/readme-" name ".txt"; \
	        n = 0; while ((getline l < f) > 0) { print l; n++ }; close(f); skip = n > 0 }' \
	    README.md > README.md.tmp && { cmp -s README.md.tmp README.md && rm -f README.md.tmp || mv README.md.tmp README.md; }

# The adapters are named one by one: a __pycache__ left by make interop
# stays behind.  Each finds what it needs beside itself.
ADAPTERS = adapters/libvirt_test_driver.py
ADAPTER_DATA = adapters/libvirt_oracle.py $(wildcard adapters/*.baseline)

install: $(TOOL) $(SHLIB) $(B)/libsnapcheck.a $(B)/snapcheck.pc
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/adapters $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DOCDIR) \
	    $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR)
	install -m 755 $(TOOL) $(DESTDIR)$(BINDIR)/snapcheck
	install -m 644 runner/api/snapcheck.h $(DESTDIR)$(INCLUDEDIR)/snapcheck.h
	install -m 644 $(B)/libsnapcheck.a $(DESTDIR)$(LIBDIR)/libsnapcheck.a
	install -m 755 $(SHLIB) $(DESTDIR)$(LIBDIR)/libsnapcheck.so.$(VERSION)
	ln -sf libsnapcheck.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libsnapcheck.so.$(SOVERSION)
	ln -sf libsnapcheck.so.$(SOVERSION) $(DESTDIR)$(LIBDIR)/libsnapcheck.so
	install -m 644 $(B)/snapcheck.pc $(DESTDIR)$(LIBDIR)/pkgconfig/snapcheck.pc
	install -m 644 runner/cli/snapcheck.1 $(DESTDIR)$(MANDIR)/man1/snapcheck.1
	install -m 644 README.md CONTRIBUTING.md $(DESTDIR)$(DOCDIR)/
	cp -R rng cases golden $(DESTDIR)$(DATADIR)/
	install -d $(DESTDIR)$(DATADIR)/site
	install -m 644 site/report.css site/filter.js $(DESTDIR)$(DATADIR)/site/
	install -m 755 $(ADAPTERS) $(DESTDIR)$(DATADIR)/adapters/
	install -m 644 $(ADAPTER_DATA) $(DESTDIR)$(DATADIR)/adapters/
	echo 'snapcheck installed this directory: its data is read-only (snapcheck init DIR makes a suite of your own)' \
	    > $(DESTDIR)$(DATADIR)/$(INSTALLED_MARKER)

clean:
	rm -rf build build-sanitize build-fuzz runner/snapcheck browser/node_modules

-include $(wildcard $(B)/*/*.d)

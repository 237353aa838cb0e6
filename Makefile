SHELL := /bin/bash
# Bantin — `make site` installs what is missing and builds the Linh Sơn site into public/;
# `make test` runs every test. Debian and PyPI packages are installed only when absent.
SWIFT ?= swift
# Build: cmark and libqrencode. Print: Chromium, fonts with full Vietnamese coverage
# (Tinos/Arimo are metric-compatible with Times New Roman/Arial). Tests: poppler's pdfinfo/pdftotext,
# wrk (load on the preview server). libcurl and libxml2: the release build links Foundation statically,
# and its URL and XML parts name them.
APT_PACKAGES := libcmark-dev libqrencode-dev libssl-dev pkg-config zlib1g-dev libdeflate-dev libjemalloc-dev libcurl4-openssl-dev libxml2-dev chromium fonts-croscore fonts-liberation2 poppler-utils wrk
PY_PACKAGES := pytest zxing-cpp pillow playwright axe-playwright-python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Release builds link Swift's runtime and Foundation into the binary: a command starts in 10 ms
# instead of 15 (the loader no longer binds 60 shared libraries' symbols), and every retain and
# release is a direct call: a 10,000-page build took 7 % less time.
RELEASE := -c release --static-swift-stdlib

.PHONY: deps py-deps build release site test test-swift test-python test-asan test-tsan clean
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get -o DPkg::Lock::Timeout=900 install -y -qq $$missing; \
	fi
	@pkg-config --exists libcmark libqrencode libcrypto || { echo "pkg-config cannot find libcmark/libqrencode/libcrypto"; exit 1; }

py-deps:
	@python3 -c "import pytest, zxingcpp, PIL, playwright, axe_playwright_python" 2>/dev/null || python3 -m pip install -q --disable-pip-version-check $(PY_PACKAGES)

# Every program: bantin, and bantin-serve, which `bantin serve` runs.
build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build $(RELEASE)

# Progress is measured as of the last commit, so the same checkout builds the same bytes.
site: release
	SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null || date +%s)} .build/release/bantin build --site .

# The release binary too: the serve tests stop it with Ctrl-C, because an optimised build once let
# its signal handlers go (the debug build kept them).
test: deps py-deps
	$(SWIFT) build --build-tests
	$(SWIFT) build $(RELEASE)
	$(SWIFT) test --skip-build
	python3 -m pytest -q tests

# The Swift tests under a sanitizer, each in its own scratch folder; the end-to-end tests run the
# sanitized `bantin` built there. Suppressions (tools/sanitizers/) name only code Bantin does not own.
# The Swift crash backtracer is off: it reads memory ASan has poisoned and buries the real report.
SANITIZER_ENV = SWIFT_BACKTRACE=enable=no LSAN_OPTIONS=suppressions=$(CURDIR)/tools/sanitizers/lsan.supp \
	TSAN_OPTIONS=suppressions=$(CURDIR)/tools/sanitizers/tsan.supp BANTIN_BINARY=$(CURDIR)/.build-$(1)/debug/bantin
test-asan: deps
	BANTIN_SANITIZER=1 $(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	BANTIN_SANITIZER=1 $(call SANITIZER_ENV,asan) $(SWIFT) test --skip-build --sanitize=address --scratch-path .build-asan

test-tsan: deps
	BANTIN_SANITIZER=1 $(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	BANTIN_SANITIZER=1 $(call SANITIZER_ENV,tsan) $(SWIFT) test --skip-build --sanitize=thread --scratch-path .build-tsan

clean:
	rm -rf .build .build-asan .build-tsan Fuzz/.build public

# libFuzzer with the address sanitizer on the real parsers (Fuzz/, see README "Security model"):
# FUZZ_SECONDS per target; FUZZ_TARGETS="csv xlsx" runs some of them. Corpus: Fuzz/corpus/<target>/.
FUZZ_SECONDS ?= 60
.PHONY: fuzz
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) tools/fuzz.sh $(FUZZ_TARGETS)

# Bantin vs Hugo on generated corpora in /dev/shm (see README "Benchmarks"); installs hugo and time.
# make bench BENCH_SIZES=1000,10000 BENCH_RUNS=5 BENCH_ARGS=--big
.PHONY: bench
bench: deps
	python3 bench/run_bench.py $(BENCH_ARGS)

# What the output alone costs (read, cmark, deflate, write) against a third of Hugo's time, 10,000 pages.
.PHONY: bench-floor
bench-floor: deps
	python3 bench/floor.py $(FLOOR_ARGS)

# What the parts Hugo's site does not have cost (whole-site zip, search, fragments, report rows), 10,000 pages.
.PHONY: bench-parts
bench-parts: deps
	python3 bench/parts.py $(PARTS_ARGS)

# A ward of many units: Linh Sơn with 200 units × 50 activity rows (UNITS_ARGS="--units 500 --print").
.PHONY: bench-units
bench-units: deps
	python3 bench/units_bench.py $(UNITS_ARGS)

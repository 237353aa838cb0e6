SHELL := /bin/bash
# Bantin — `make site` installs what is missing and builds the Linh Sơn site into public/;
# `make test` runs every test. Debian packages are installed only when absent.
SWIFT ?= swift
APT_PACKAGES := libcmark-dev libqrencode-dev pkg-config zlib1g-dev
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build release site test clean
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get -o DPkg::Lock::Timeout=900 install -y -qq $$missing; \
	fi
	@pkg-config --exists libcmark libqrencode || { echo "pkg-config cannot find libcmark/libqrencode"; exit 1; }

build: deps
	$(SWIFT) build --product bantin

release: deps
	$(SWIFT) build -c release --product bantin

site: release
	SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null || date +%s)} .build/release/bantin build --site .

test: deps
	$(SWIFT) test

clean:
	rm -rf .build public

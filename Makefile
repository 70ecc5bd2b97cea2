# ocirun: see README.md. Every target that needs a tool installs it when missing (Debian).
SHELL := /bin/bash
PREFIX ?= /usr/local
CONFIGURATION ?= Release
RID ?= linux-x64
BIN := bin/ocirun
DOTNET ?= dotnet
APT_PACKAGES := clang lld zlib1g-dev busybox-static libseccomp2 libseccomp-dev bash-completion zsh
SOURCES := $(shell find src -name '*.cs' -o -name '*.csproj' -o -name '*.c') Directory.Build.props
# The commit `ocirun --version` reports (empty without git: it then says "unknown"). The stamp file changes
# only when the commit does, so a new commit relinks the binary and an unchanged tree does not.
COMMIT := $(shell git rev-parse HEAD 2>/dev/null)
COMMIT_STAMP := artifacts/commit-stamp

.PHONY: all build deps install test unit-test integration-test test-v2 run clean FORCE

all: build

deps:
	@scripts/ensure-packages.sh $(APT_PACKAGES)

build: $(BIN)

$(COMMIT_STAMP): FORCE
	@mkdir -p $(@D); [ -f $@ ] && [ "$$(cat $@)" = "$(COMMIT)" ] || echo "$(COMMIT)" > $@

FORCE:

$(BIN): $(SOURCES) $(COMMIT_STAMP)
	@scripts/ensure-packages.sh clang lld zlib1g-dev
	$(DOTNET) publish src/ocirun/ocirun.csproj -c $(CONFIGURATION) -r $(RID) -o artifacts/publish --nologo -v quiet $(if $(COMMIT),-p:SourceRevisionId=$(COMMIT))
	@mkdir -p bin
	cp artifacts/publish/ocirun $(BIN)

# The binary, and what it writes about itself: man pages and bash and zsh completions (`ocirun docs`).
install: build
	install -D -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/ocirun
	$(BIN) docs man $(DESTDIR)$(PREFIX)/share/man/man8
	install -d $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions
	$(BIN) docs bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/ocirun
	$(BIN) docs zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_ocirun

# The Debian package (artifacts/deb/ocirun_VERSION_amd64.deb), and its test in a clean Debian 12 root
# (packaging/test-deb.sh: install, --version, man -w, completion, dpkg -r leaves nothing; the root is cached in
# /var/cache/ocirun-test-deb).
DEB_DIR := artifacts/deb

.PHONY: deb test-deb

deb: build
	@rm -f $(DEB_DIR)/ocirun_*.deb
	packaging/make-deb.sh $(BIN) $(DEB_DIR)

test-deb: deb
	packaging/test-deb.sh $(DEB_DIR)/ocirun_*.deb

test: deps build unit-test integration-test test-v2

unit-test:
	$(DOTNET) test tests/OciRuntime.Tests/OciRuntime.Tests.csproj -c $(CONFIGURATION) --nologo

integration-test: build
	OCIRUN_BIN=$(CURDIR)/$(BIN) $(DOTNET) test tests/OciRuntime.IntegrationTests/OciRuntime.IntegrationTests.csproj -c $(CONFIGURATION) --nologo

# The cgroup cases on a real pure cgroup v2 kernel in a qemu TCG VM (README.md, "Cgroup v2 in a VM").
test-v2: build
	tests/vm/test-v2.sh $(CURDIR)/$(BIN)

run: deps build
	@scripts/run-demo.sh $(CURDIR)/$(BIN)

# The OCI validation suite, and a real containerd, dockerd and podman, against RUNTIME (default: bin/ocirun, built first).
# Options (conformance/README.md): COMPARE=runc,crun UPDATE=1 FILES=a,b TIMEOUT=s RUNTIME_TOOLS_SRC=dir|tarball
RUNTIME ?= $(CURDIR)/$(BIN)
RUNTIME_NEEDS_BUILD := $(if $(filter $(BIN) $(CURDIR)/$(BIN),$(RUNTIME)),build)

.PHONY: conformance e2e runc-bats bench soak fuzz

conformance: $(RUNTIME_NEEDS_BUILD)
	RUNTIME="$(RUNTIME)" conformance/conformance.sh

e2e: $(RUNTIME_NEEDS_BUILD)
	conformance/e2e.sh "$(RUNTIME)"
	conformance/cri-e2e.sh "$(RUNTIME)"
	conformance/docker-e2e.sh "$(RUNTIME)"
	conformance/podman-e2e.sh "$(RUNTIME)"

# runc's own bats suite (../shared/runc-bats) against conformance/runc-bats-expected.tsv (conformance/README.md).
runc-bats: $(RUNTIME_NEEDS_BUILD)
	conformance/runc-bats.sh "$(RUNTIME)"

# Latency, CPU, throughput and memory against runc and crun when installed; knobs in bench/run.sh (N=20 ...).
bench: build
	OCIRUN=$(CURDIR)/$(BIN) bench/run.sh

# Reliability runs, not part of `make test` (README.md): create/start/exec/kill/delete cycles with a leak census
# before and after (SOAK_CYCLES=1000 SOAK_MINUTES=15), and afl-fuzz over the spec parsers (FUZZ_SECONDS=600).
soak: build
	OCIRUN=$(CURDIR)/$(BIN) tests/soak/soak.sh

fuzz:
	tests/OciRuntime.Fuzz/fuzz.sh

clean:
	rm -rf bin artifacts .tmp
	find src tests conformance/cri -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} +

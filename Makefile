# Följsam: the two commands a fresh machine needs.
#   make run   set up, build, create ./foljsam-data with demo data if missing, serve on :8080
#   make test  set up, build, run every test (unit, integration, HTTP, browser) through ctest
BUILD ?= build
DATA ?= foljsam-data
PORT ?= 8080
JOBS ?= $(shell nproc)

.PHONY: run test sanitize setup build bench clean

setup:
	@bash scripts/setup

build: setup
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
	@cmake --build $(BUILD) -j $(JOBS)

run: build
	@if [ ! -d "$(DATA)" ]; then $(BUILD)/foljsam demo --data $(DATA); fi
	@echo ""
	@echo "Följsam: http://127.0.0.1:$(PORT)/"
	@echo "Demoinloggning: användare registrator.stad (eller kansli, registrator.region), lösenord Följsam-demo-2026"
	@echo ""
	@$(BUILD)/foljsam serve --data $(DATA) --port $(PORT)

test: build
	@cd $(BUILD) && ctest --output-on-failure -j 2

# The unit, integration and HTTP tests again under AddressSanitizer and UBSan (CI runs it).
sanitize: setup
	@cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DFOLJSAM_SANITIZE=ON > /dev/null
	@cmake --build build-asan -j $(JOBS) --target unit_tests integration_tests http_tests
	@cd build-asan && ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan.supp \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		ctest --output-on-failure -j 2 -L '^(unit|integration|http)$$'

bench: build
	@cmake --build $(BUILD) --target benchmarks
	@bash bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD)

# aidcsim: the two commands of the README's quick start.
#   make run    installs what is missing, builds (Release) and runs the default scenario
#   make test   installs what is missing, builds and runs the whole test suite
#   make bench  benchmarks: simulated facility-years per second, scaling exponents
#   make lint   include layers, clang-format and clang-tidy (cognitive complexity at most 25)
#   make docs-images  regenerates every image the README shows (tools/docs-images)
#   make docs-reference  regenerates docs/SCENARIOS.md from the YAML readers (tools/yaml-reference)
#   make test-asan  the test suite built with AddressSanitizer and UndefinedBehaviorSanitizer
#                   (in build-asan; any report fails it)
#   make fuzz   libFuzzer over the scenario, sweep and catalog readers for FUZZ_SECONDS (600)
#               (clang, in build-fuzz; inputs that crash or hang land in build-fuzz/fuzz-findings)
BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 600
JOBS ?= $(shell nproc)

.PHONY: all deps configure build run test test-asan fuzz bench lint format clean docs-images docs-reference

all: build

deps:
	./tools/install-deps

configure: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release

build: configure
	cmake --build $(BUILD) -j $(JOBS)

run: build
	$(BUILD)/aidcsim run scenarios/default.yaml

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-asan: deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAIDCSIM_SANITIZE=ON
	tools/test-asan $(ASAN_BUILD) $(JOBS)

fuzz: deps
	cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DAIDCSIM_FUZZ=ON
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target input_fuzzer
	tools/fuzz $(FUZZ_BUILD) $(FUZZ_SECONDS)

bench: build
	$(BUILD)/test/facility_benchmark
	$(BUILD)/test/workload_benchmark
	AIDCSIM=$(BUILD)/aidcsim tools/bench-batch
	tools/bench-scaling --aidcsim $(BUILD)/aidcsim

lint: configure
	./tools/lint $(BUILD)

docs-images: build
	JOBS=$(JOBS) tools/docs-images --aidcsim $(BUILD)/aidcsim

docs-reference: configure
	cmake --build $(BUILD) -j $(JOBS) --target yaml_reference aidcsim
	test -f build/nvl72-x1389.xml || $(BUILD)/aidcsim platform generate --system nvl72 --pods 1389 \
	  -o build/nvl72-x1389.xml --parents
	$(BUILD)/yaml_reference . docs/SCENARIOS.md

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD)

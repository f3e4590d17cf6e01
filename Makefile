# aidcsim: the two commands of the README's quick start.
#   make run    installs what is missing, builds (Release) and runs the default scenario
#   make test   installs what is missing, builds and runs the whole test suite
#   make bench  benchmarks: simulated facility-years per second, scaling exponents
#   make lint   include layers, clang-format and clang-tidy (cognitive complexity at most 25)
#   make docs-images  regenerates every image the README shows (tools/docs-images)
#   make docs-reference  regenerates docs/SCENARIOS.md from the YAML readers (tools/yaml-reference)
BUILD ?= build
JOBS ?= $(shell nproc)

.PHONY: all deps configure build run test bench lint format clean docs-images docs-reference

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
	cmake --build $(BUILD) -j $(JOBS) --target yaml_reference
	$(BUILD)/yaml_reference . docs/SCENARIOS.md

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD)

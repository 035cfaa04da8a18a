# Entry points. `make test` on a fresh Debian 12 machine installs what is missing, configures,
# builds and runs every test suite. `make bench` runs the benchmark programs (tests/bench).
BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=
HEADLESS ?= 0

ifeq ($(HEADLESS),1)
DEPS_FLAGS := --headless
CMAKE_FLAGS += -DNSYNTH_GUI=OFF
endif

.PHONY: all deps configure build test bench clean

all: build

deps:
	@scripts/install-deps.sh $(DEPS_FLAGS)

$(BUILD_DIR)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS)

configure: deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS)

build: deps $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j $(JOBS)

test: build
	cd $(BUILD_DIR) && QT_QPA_PLATFORM=offscreen ctest --output-on-failure --timeout 1800

bench: build
	scripts/run-benchmarks.sh $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR)

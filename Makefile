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

.PHONY: all deps configure build test bench clean run

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

# `make run`: the workbench. Installs what is missing (deps), configures and builds only what the
# workbench needs, then starts it with the default model (resources/models/default.safetensors,
# or $NSYNTH_MODEL); without one it still starts (recording and importing need no model) and
# says which model is missing. RUN_ARGS are passed on, e.g. RUN_ARGS="--workspace ~/notes".
RUN_ARGS ?=
run: deps $(BUILD_DIR)/CMakeCache.txt
	@if [ "$(HEADLESS)" = 1 ]; then echo "make run: the workbench needs the GUI build (HEADLESS=0)" >&2; exit 1; fi
	cmake --build $(BUILD_DIR) -j $(JOBS) --target nsynth-workbench
	@model="$${NSYNTH_MODEL:-resources/models/default.safetensors}"; \
	if [ -e "$$model" ]; then echo "make run: model $$model"; \
	else echo "make run: no model: $$model is missing (train or copy it there, set NSYNTH_MODEL, or choose one in the workbench: Model > Choose Model); starting without one" >&2; fi
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY$$QT_QPA_PLATFORM" ]; then \
	  echo "make run: no display (DISPLAY and WAYLAND_DISPLAY are unset): run it in a desktop session, or set QT_QPA_PLATFORM" >&2; exit 1; fi
	$(BUILD_DIR)/app/nsynth-workbench $(RUN_ARGS)

bench: build
	scripts/run-benchmarks.sh $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR)

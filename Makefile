# A thin front door over CMake. `make run` and `make test` install whatever
# Debian packages are missing, then configure and build in build/.
BUILD ?= build
CMAKE_FLAGS ?=
WERROR ?= OFF
ROUTINE ?=
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all deps build run test sanitize clean

all: build

deps:
	@sh tools/install-deps.sh

build: deps
	cmake -S . -B $(BUILD) -DWERROR=$(WERROR) $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j $(JOBS)

run: build
	./$(BUILD)/psoas-coach $(ROUTINE)

# Tests run headless: SDL's offscreen video and dummy audio drivers.
test: build
	cd $(BUILD) && SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy \
		ctest --output-on-failure -j $(JOBS)

# The same tests built with AddressSanitizer and UndefinedBehaviorSanitizer.
sanitize:
	$(MAKE) test BUILD=build-san CMAKE_FLAGS="-DSANITIZE=ON -DCMAKE_BUILD_TYPE=Debug" WERROR=$(WERROR)

clean:
	rm -rf build build-san

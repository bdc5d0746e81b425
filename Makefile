# A thin front door over CMake. `make run` and `make test` install whatever
# Debian packages are missing, then configure and build in build/.
BUILD ?= build
CMAKE_FLAGS ?=
WERROR ?= OFF
ROUTINE ?= desk-release
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all deps build run test sanitize fuzz clean

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

# Feeds random bytes to the routine loader for a minute (needs clang).
fuzz:
	@sh tools/install-deps.sh clang
	CC=clang cmake -S . -B build-fuzz -DFUZZ=ON -DCMAKE_BUILD_TYPE=Debug
	cmake --build build-fuzz --target fuzz_routine -j $(JOBS)
	mkdir -p build-fuzz/corpus && cp tests/corpus/*.json build-fuzz/corpus/
	build-fuzz/tests/fuzz_routine build-fuzz/corpus -max_total_time=60 -max_len=8192

clean:
	rm -rf build build-san build-fuzz

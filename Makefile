# A thin front door over CMake. `make run` and `make test` install whatever
# Debian packages are missing, then configure and build in build/.
# `make pi-test` cross-builds for 64-bit Raspberry Pi OS (arm64) in build-pi/
# and runs the whole suite under qemu.
BUILD ?= build
CMAKE_FLAGS ?=
WERROR ?= OFF
ROUTINE ?= desk-release
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
PREFIX ?= /usr/local
DESTDIR ?=

.PHONY: all deps build run test sanitize fuzz pi-test kiosk-test install uninstall clean

all: build

deps:
	@sh tools/install-deps.sh

build: deps
	cmake -S . -B $(BUILD) -DWERROR=$(WERROR) -DCMAKE_INSTALL_PREFIX=$(PREFIX) $(CMAKE_FLAGS)
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

# The whole suite on arm64 (Raspberry Pi OS 64-bit is Debian bookworm arm64):
# cross-built with cmake/toolchain-arm64.cmake, each program run by qemu's
# user-mode emulator, as headless as `make test`. tools/pi-deps.sh installs
# the cross compiler, qemu and the arm64 libraries beside the native ones.
pi-test:
	@sh tools/pi-deps.sh
	cmake -S . -B build-pi -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-arm64.cmake -DWERROR=$(WERROR) $(CMAKE_FLAGS)
	cmake --build build-pi -j $(JOBS)
	cd build-pi && SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy \
		ctest --output-on-failure -j $(JOBS)

# The Raspberry Pi kiosk end to end in an emulated PC (qemu, no KVM): a
# Debian bookworm image with this tree installed as the README says,
# booted, looked at, typed into, listened to and turned off. Needs root;
# about 25 minutes the first time (the Debian tree is then cached).
kiosk-test:
	@if [ "$$(id -u)" = 0 ]; then sh tools/kiosk-test.sh; else sudo sh tools/kiosk-test.sh; fi

# Installs under PREFIX (/usr/local): the program, its data, a menu entry
# and icon, and the systemd kiosk unit. DESTDIR stages it elsewhere.
install: build
	DESTDIR="$(DESTDIR)" cmake --install $(BUILD)

# Removes what the last install from this build put there.
uninstall:
	DESTDIR="$(DESTDIR)" sh tools/uninstall.sh $(BUILD)/install_manifest.txt

clean:
	rm -rf build build-san build-fuzz build-pi build-kiosk

# Cross-compiles for 64-bit Raspberry Pi OS (Debian bookworm arm64) on an
# amd64 Debian: the aarch64-linux-gnu compiler of crossbuild-essential-arm64,
# the arm64 -dev packages installed beside the host's through multiarch, and
# qemu's user-mode emulator to run what was built (tools/pi-deps.sh installs
# them all). `make pi-test` uses it:
#   cmake -B build-pi -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-arm64.cmake
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)

# pkgconf's cross personality: reads only /usr/lib/aarch64-linux-gnu/pkgconfig
# and /usr/share/pkgconfig, so no amd64 library leaks into the link.
find_program(PKG_CONFIG_EXECUTABLE NAMES aarch64-linux-gnu-pkg-config REQUIRED)

# binfmt_misc may be missing (containers, CI), so nothing built is executed
# directly: ctest puts the emulator before each test program, and
# tests/CMakeLists.txt hands the shell tests a script that does the same.
# The arm64 libc and libraries live in the host's multiarch directories,
# where the emulated loader looks by default: no -L sysroot is needed.
find_program(PSOAS_QEMU_AARCH64 NAMES qemu-aarch64 qemu-aarch64-static REQUIRED)
set(CMAKE_CROSSCOMPILING_EMULATOR ${PSOAS_QEMU_AARCH64})

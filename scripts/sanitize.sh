#!/usr/bin/env bash
# The whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer (CI), in build-asan.
#
#   scripts/sanitize.sh                  # configure if needed, build, run every test
#   scripts/sanitize.sh -R hostile       # extra arguments go to ctest
#
# With clang on the machine the same build also compiles the libFuzzer targets, so
# scripts/fuzz-smoke.sh needs no second build; without clang, g++ builds the sanitized suite.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build-asan}

if [ ! -f "$build/build.ninja" ]; then
  compiler=() fuzz=OFF
  # clang only when its sanitizer and libFuzzer runtimes are there (libclang-rt-14-dev).
  probe=$(mktemp -d)
  if command -v clang++ >/dev/null &&
     echo 'extern "C" int LLVMFuzzerTestOneInput(const char*, unsigned long) { return 0; }' |
       clang++ -x c++ -fsanitize=address,undefined,fuzzer - -o "$probe/p" 2>/dev/null; then
    compiler=(-DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++) fuzz=ON
  fi
  rm -rf "$probe"
  # -O1: sanitizer reports keep useful stacks, and the suite still runs at a fair speed.
  cmake -S . -B "$build" -G Ninja "${compiler[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DSAGELINT_SANITIZE=ON -DSAGELINT_FUZZ=$fuzz >/dev/null
fi
cmake --build "$build" -j "$(nproc)"

# Any report fails the test that caused it: abort at once, with a symbolized stack.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:check_initialization_order=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# Hostile-input cases bound each run; sanitized code is slower, so give it more time.
export SL_TIMEOUT_SCALE=${SL_TIMEOUT_SCALE:-4}
ctest --test-dir "$build" -j "$(nproc)" --output-on-failure --timeout 900 "$@"

// Policy JSON (valid, broken, hostile) through load_source and every rule and format.
#include "lint_harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sagelint::fuzz::lint_bytes(data, size, "policy.json");
  return 0;
}

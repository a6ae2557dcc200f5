// `terraform show -json` plans and state through load_source: modules, resource changes, the
// configuration's references and the JSON-encoded policy strings (escapes, \u sequences,
// surrogates) whose ranges are mapped back into the plan, then every rule and format.
#include "lint_harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sagelint::fuzz::lint_bytes(data, size, "plan.json");
  return 0;
}

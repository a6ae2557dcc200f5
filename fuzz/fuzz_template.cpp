// Policy templates: the whole path a template takes through the CLI, once as a Jinja/Go template
// (policy.json.j2) and once as a Terraform templatefile (policy.json.tpl): interpolations,
// directives, every rendering (bounded), the rules and every output format.
#include "lint_harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sagelint::fuzz::lint_bytes(data, size, "policy.json.tpl");
  sagelint::fuzz::lint_bytes(data, size, "policy.json.j2");
  return 0;
}

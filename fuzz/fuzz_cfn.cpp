// CloudFormation templates (YAML with !Ref/!Sub/!GetAtt tags, or JSON) through load_source:
// every policy document found in them goes through every rule and format.
#include "lint_harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sagelint::fuzz::lint_bytes(data, size, "template.yaml");
  return 0;
}

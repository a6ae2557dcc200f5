// `aws iam get-account-authorization-details` dumps (URL-encoded policy documents, policy
// versions, role/user/group attachments) through load_source, every rule and format.
#include "lint_harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sagelint::fuzz::lint_bytes(data, size, "account-authorization-details.json");
  return 0;
}

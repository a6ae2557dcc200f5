// HCL native syntax (Terraform .tf): the parser on its own, with the invariants every caller
// relies on (ranges inside the text, printable messages), then the whole path a .tf file takes
// through the CLI (named main.tf: load_source, every rule and output format).
#include <cstdlib>
#include <string_view>

#include "input/hcl.hpp"
#include "lint_harness.hpp"

namespace {

void check_range(sagelint::input::hcl::Range r, size_t size) {
  if (r.begin > r.end || r.end > size) std::abort();
}

void check_body(const sagelint::input::hcl::Body& body, size_t size) {
  for (const auto& a : body.attributes) {
    check_range(a.range, size);
    check_range(a.value->range, size);
  }
  for (const auto& b : body.blocks) {
    check_range(b.range, size);
    check_body(b.body, size);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  sagelint::input::hcl::File file = sagelint::input::hcl::parse(text);
  check_body(file.body, size);
  for (const auto& e : file.errors) {
    check_range(e.range, size);
    for (char c : e.message) {
      if (static_cast<unsigned char>(c) < 0x20) std::abort();
    }
  }
  sagelint::fuzz::lint_bytes(data, size, "main.tf");
  return 0;
}

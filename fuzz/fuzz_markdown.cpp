// Markdown: the fenced-block scanner on its own, with the invariants the reader relies on (each
// block's range inside the text, in order, its masked text the same length as its range), then
// the whole path a .md file takes through the CLI (named README.md).
#include <cstdlib>
#include <string_view>

#include "input/markdown.hpp"
#include "lint_harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  uint32_t last = 0;
  for (const auto& b : sagelint::input::fenced_blocks(text)) {
    if (b.content_begin > b.content_end || b.content_end > size || b.content_begin < last) std::abort();
    if (b.masked.size() != b.content_end - b.content_begin) std::abort();
    if (b.content.size() > b.masked.size() + 1) std::abort();  // prefixes removed, one line break added at most
    last = b.content_end;
  }
  sagelint::fuzz::lint_bytes(data, size, "README.md");
  return 0;
}

// Markdown (*.md, *.mdx, *.markdown): the policies written in fenced code blocks, linted with
// positions in the Markdown file. Fences are found as CommonMark defines them (``` and ~~~, up
// to three spaces of indentation, a closing fence at least as long, an unclosed fence running to
// the end of its container), also inside block quotes and list items.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "input/document.hpp"

namespace sagelint::input {

bool is_markdown_path(std::string_view path);  // *.md, *.mdx, *.markdown

struct FencedBlock {
  std::string info;            // the info string, trimmed ("json", "json title=x", "")
  uint32_t fence_line = 0;     // 1-based line of the opening fence
  uint32_t content_begin = 0;  // first byte of the first content line (with its container prefix)
  uint32_t content_end = 0;    // one past the last content line's line break
  std::string content;         // the content as CommonMark reads it: prefixes and fence indent removed
  std::string masked;          // text[content_begin, content_end) with block quote markers as spaces
  bool in_block_quote = false;
  bool closed = false;
};

std::vector<FencedBlock> fenced_blocks(std::string_view text);

// Fills the documents (one per fenced block that holds a policy), or marks the file skipped.
void extract_markdown(LoadedFile& file);

}  // namespace sagelint::input

// A file's bytes plus what is needed to turn byte offsets into line:column at output time.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace sagelint::input {

struct Position {
  uint32_t line = 1;         // 1-based
  uint32_t column = 1;       // 1-based, in characters (UTF-8 code points), BOM not counted
  uint32_t byte_column = 1;  // 1-based, in bytes of UTF-8, BOM not counted (reviewdog's rdjson)
};

class SourceFile {
 public:
  SourceFile(std::string display_path, std::string text);

  const std::string& path() const { return path_; }  // as shown to users
  std::string_view text() const { return text_; }
  Position position(uint32_t offset) const;
  // The line containing `offset`, without its line break.
  std::string_view line_text(uint32_t line) const;

 private:
  std::string path_;
  std::string text_;
  std::vector<uint32_t> line_starts_;
  // Characters before each kMarkBytes boundary (filled only for files longer than that), so a
  // column on a very long line (minified JSON is one line) costs a bounded scan: without it,
  // many findings on one long line made linting quadratic.
  static constexpr uint32_t kMarkBytes = 4096;
  std::vector<uint32_t> char_marks_;
  uint32_t chars_before(uint32_t offset) const;
};

enum class ReadStatus { Ok, NotFound, NotRegular, Unreadable, TooLarge };

struct ReadResult {
  ReadStatus status = ReadStatus::Ok;
  std::string text;
  std::string error;  // OS error text when not Ok
};

inline constexpr uint64_t kMaxFileBytes = 1ull << 30;  // 1 GiB; larger inputs are refused

ReadResult read_file(const std::filesystem::path& path);

}  // namespace sagelint::input

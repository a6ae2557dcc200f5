// Bounds on the text that rendering an expression may produce. Rendering copies a value once
// per use (CloudFormation's Fn::Join writes its delimiter between every pair of items, Fn::Sub
// repeats a variable's value at each ${Name}; Terraform's join(), format() and templates do the
// same), so a small file can ask for gigabytes. Every reader that renders expressions does it
// through one RenderBudget per file; past a bound the value is opaque and the reader adds a
// note (LoadedFile::notes) that says so. YAML aliases are refused for the same reason (yaml.cpp).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sagelint::input {

class RenderBudget {
 public:
  // One rendered value: a policy is at most 10,240 characters (an inline role policy), an ARN
  // 2,048, so 64 KiB is far past any value IAM would accept.
  static constexpr size_t kValueBytes = size_t{64} * 1024;
  // All values of one file: a fixed allowance plus the file's own size, so rendering a file
  // never holds much more than the file itself.
  static constexpr size_t kFileBaseBytes = size_t{16} * 1024 * 1024;

  explicit RenderBudget(size_t file_bytes) : file_left_(kFileBaseBytes + file_bytes) {}

  // Call before rendering a value into an empty string.
  void start_value() { exceeded_ = false; }
  // Appends `piece` to `out` when both bounds allow it; otherwise leaves `out` as it is, marks
  // the value exceeded and returns false. Once exceeded, every later append fails too.
  bool append(std::string& out, std::string_view piece) {
    if (exceeded_ || out.size() + piece.size() > kValueBytes || piece.size() > file_left_) {
      exceeded_ = true;
      return false;
    }
    out.append(piece);
    file_left_ -= piece.size();
    return true;
  }
  // True when the value being rendered went over a bound: it must be treated as unknown.
  bool exceeded() const { return exceeded_; }
  // Notes the file has had about values over the budget; readers stop noting after a few.
  unsigned notes = 0;
  static constexpr unsigned kMaxNotes = 20;

 private:
  size_t file_left_;
  bool exceeded_ = false;
};

}  // namespace sagelint::input

// SL020: IAM accepts in a policy document only tab, line feed, carriage return and the
// characters U+0020 to U+00FF (CreatePolicy, PutRolePolicy, CreateRole: "Member must satisfy
// regular expression pattern: [\u0009\u000A\u000D\u0020-\u00FF]+"). Japanese or other
// non-Latin-1 text, typically a placeholder such as {アカウントID} copied from documentation,
// makes IAM reject the whole policy. Resource-based policies belong to other services with
// their own rules, so they are not checked.
#include <cstdio>
#include <optional>

#include "rules/support/policy_kind.hpp"
#include "rules/support/prelude.hpp"

namespace sagelint::rules {
namespace {

// Code point and length of the UTF-8 sequence at `i` (the text was validated by the parser).
std::pair<uint32_t, size_t> decode(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(s[k])); };
  uint32_t c = b(i);
  if (c < 0x80) return {c, 1};
  size_t len = c >= 0xF0 ? 4 : (c >= 0xE0 ? 3 : 2);
  if (i + len > s.size()) return {0xFFFD, 1};
  uint32_t cp = c & (len == 2 ? 0x1F : (len == 3 ? 0x0F : 0x07));
  for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (b(i + k) & 0x3F);
  return {cp, len};
}

std::string hex(uint32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", cp);
  return buf;
}

// First character above U+00FF in [begin, end) of the source: {offset, length, code point}.
struct Hit {
  uint32_t offset = 0;
  uint32_t length = 0;
  uint32_t cp = 0;
};
std::optional<Hit> first_unsupported(std::string_view text, uint32_t begin, uint32_t end) {
  for (size_t i = begin; i < end && i < text.size();) {
    auto [cp, len] = decode(text, i);
    if (cp > 0xFF) return Hit{static_cast<uint32_t>(i), static_cast<uint32_t>(len), cp};
    i += len;
  }
  return std::nullopt;
}

// One finding per document, at the first such character: IAM rejects the document as a whole,
// and unfilled-placeholder already points at each placeholder.
class UnsupportedCharacter final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    if (effective_kind(ctx) == policy::PolicyKind::Resource) return;
    Scan scan{ctx.document().source->text(), {}, nullptr, 0};
    scan.visit(*ctx.document().root);
    if (!scan.first) return;
    std::string_view text = ctx.document().source->text();
    const Hit& hit = *scan.first;
    std::string msg = "'" + std::string(text.substr(hit.offset, hit.length)) + "' (" + hex(hit.cp) +
                      "): IAM accepts only tab, line feed, carriage return and U+0020-U+00FF in a policy document "
                      "and rejects the whole policy; replace the text (a placeholder?) with the real value";
    if (scan.tokens > 1)
      msg += " (" + std::to_string(scan.tokens) + " strings or keys of this policy have such characters)";
    ctx.report_range(hit.offset, hit.offset + hit.length, scan.anchor, msg);
  }

 private:
  struct Scan {
    std::string_view text;
    std::optional<Hit> first;
    const JsonNode* anchor;
    size_t tokens;

    // Only the bytes IAM receives count: a \u escape is ASCII in the document.
    void token(uint32_t begin, uint32_t end, const JsonNode& node) {
      auto hit = first_unsupported(text, begin, end);
      if (!hit) return;
      ++tokens;
      if (!first) {
        first = hit;
        anchor = &node;
      }
    }

    void visit(const JsonNode& node) {
      if (node.is_string()) {
        token(node.begin, node.end, node);
      } else if (node.is_object()) {
        for (const auto& m : node.members) {
          token(m.key_begin, m.key_end, m.value);
          visit(m.value);
        }
      } else if (node.is_array()) {
        for (const auto& item : node.items) visit(item);
      }
    }
  };
};

}  // namespace

std::unique_ptr<lint::Rule> make_unsupported_character() { return std::make_unique<UnsupportedCharacter>(); }

}  // namespace sagelint::rules

// SL020: IAM accepts in a policy document only tab, line feed, carriage return and the
// characters U+0020 to U+00FF (CreatePolicy, PutRolePolicy, CreateRole: "Member must satisfy
// regular expression pattern: [\u0009\u000A\u000D\u0020-\u00FF]+"). Japanese or other
// non-Latin-1 text, typically a placeholder such as {アカウントID} copied from documentation,
// makes IAM reject the whole policy. Resource-based policies belong to other services with
// their own rules, so they are not checked.
//
// A document written as a string (URL-encoded in an authorization dump, a JSON string in a
// template) is checked on its decoded text, the document IAM receives, in one pass: its nodes all
// span the whole string token, so a scan per node re-read the string once per node (11 G
// instructions for one 800-statement inline policy) and read it percent-encoded, where every
// character is ASCII. The finding points at the string.
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

// The decoded text of a document written as a string, in one pass: the first character above
// U+00FF (offsets into `text`) and how many tokens (strings, keys, or bare words the parser
// repaired) hold one. Decoding a URL may give bytes that are not UTF-8: such a byte is not a
// character and is skipped.
struct DecodedScan {
  std::optional<Hit> first;
  size_t tokens = 0;
};
DecodedScan scan_decoded(std::string_view text) {
  DecodedScan out;
  bool in_string = false;
  bool token_has = false;  // the current string or bare word holds such a character
  const auto end_token = [&] {
    if (token_has) ++out.tokens;
    token_has = false;
  };
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (in_string) {
        if (c == '\\') {
          i += 2;  // an escape is ASCII in the document, and \" does not end the string
          continue;
        }
        if (c == '"') {
          end_token();
          in_string = false;
        }
      } else if (c == '"' || c == '{' || c == '}' || c == '[' || c == ']' || c == ':' || c == ',' || c == ' ' ||
                 c == '\t' || c == '\n' || c == '\r') {
        end_token();
        in_string = c == '"';
      }
      ++i;
      continue;
    }
    const size_t len = c >= 0xF0 ? 4 : (c >= 0xE0 ? 3 : (c >= 0xC0 ? 2 : 0));
    bool valid = len != 0 && i + len <= text.size();
    for (size_t k = 1; valid && k < len; ++k) valid = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    if (!valid) {
      ++i;
      continue;
    }
    const auto [cp, n] = decode(text, i);
    if (cp > 0xFF) {
      token_has = true;
      if (!out.first) out.first = Hit{static_cast<uint32_t>(i), static_cast<uint32_t>(n), cp};
    }
    i += n;
  }
  end_token();
  return out;
}

// One finding per document, at the first such character: IAM rejects the document as a whole,
// and unfilled-placeholder already points at each placeholder.
class UnsupportedCharacter final : public lint::Rule {
 public:
  void check(RuleContext& ctx) const override {
    if (effective_kind(ctx) == policy::PolicyKind::Resource) return;
    const input::Document& doc = ctx.document();
    if (!doc.decoded.empty()) {
      const DecodedScan scan = scan_decoded(doc.decoded);
      if (!scan.first) return;
      std::string msg = message(doc.decoded, *scan.first, scan.tokens);
      msg += " (in the policy document decoded from this string)";
      ctx.report_range(doc.root->begin, doc.root->end, doc.root, msg);
      return;
    }
    Scan scan{doc.source->text(), {}, nullptr, 0, 0, 0};
    scan.visit(*doc.root);
    if (!scan.first) return;
    const Hit& hit = *scan.first;
    ctx.report_range(hit.offset, hit.offset + hit.length, scan.anchor, message(doc.source->text(), hit, scan.tokens));
  }

 private:
  static std::string message(std::string_view text, const Hit& hit, size_t tokens) {
    std::string msg = "'" + std::string(text.substr(hit.offset, hit.length)) + "' (" + hex(hit.cp) +
                      "): IAM accepts only tab, line feed, carriage return and U+0020-U+00FF in a policy document "
                      "and rejects the whole policy; replace the text (a placeholder?) with the real value";
    if (tokens > 1) msg += " (" + std::to_string(tokens) + " strings or keys of this policy have such characters)";
    return msg;
  }

  struct Scan {
    std::string_view text;
    std::optional<Hit> first;
    const JsonNode* anchor;
    size_t tokens;
    // The range read last: nodes of a tree parsed from a string that was not kept decoded
    // (a Terraform literal) all span that string, which is then read once, not once per node.
    uint32_t last_begin, last_end;

    // Only the bytes IAM receives count: a \u escape is ASCII in the document.
    void token(uint32_t begin, uint32_t end, const JsonNode& node) {
      if (begin == last_begin && end == last_end && end > begin) return;
      last_begin = begin;
      last_end = end;
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

#include "lint/rule.hpp"

#include <algorithm>

namespace sagelint::lint {

void RuleContext::report(const input::JsonNode& node, std::string message, std::vector<Fix> fixes) {
  emit(severity_, node.begin, node.end, &node, std::move(message), std::move(fixes));
}

void RuleContext::report_key(const input::JsonMember& member, std::string message, std::vector<Fix> fixes) {
  emit(severity_, member.key_begin, member.key_end, &member.value, std::move(message), std::move(fixes));
}

void RuleContext::report_range(uint32_t begin, uint32_t end, const input::JsonNode* anchor, std::string message,
                               std::vector<Fix> fixes) {
  emit(severity_, begin, end, anchor, std::move(message), std::move(fixes));
}

void RuleContext::report_with(Severity severity, const input::JsonNode& node, std::string message,
                              std::vector<Fix> fixes) {
  // A rule may lower its own severity for one finding, never raise it past the configured one.
  emit(std::min(severity, severity_), node.begin, node.end, &node, std::move(message), std::move(fixes));
}

void RuleContext::report_key_with(Severity severity, const input::JsonMember& member, std::string message,
                                  std::vector<Fix> fixes) {
  emit(std::min(severity, severity_), member.key_begin, member.key_end, &member.value, std::move(message),
       std::move(fixes));
}

void RuleContext::emit(Severity severity, uint32_t begin, uint32_t end, const input::JsonNode* anchor,
                       std::string message, std::vector<Fix> fixes) {
  Finding f;
  f.rule = &meta_;
  f.severity = severity;
  f.path = document_.source->path();
  f.begin = begin;
  f.end = end;
  f.message = std::move(message);
  f.fixes = std::move(fixes);
  if (anchor != nullptr) {
    f.pointer = anchor->pointer();
    // The Sid of the enclosing statement, for per-Sid ignores and for readers.
    for (const input::JsonNode* n = anchor; n != nullptr; n = n->parent) {
      const input::JsonNode* p = n->parent;
      if (!n->is_object() || p == nullptr) continue;
      bool is_statement = (p->is_object() && p->members[n->index_in_parent].key == "Statement") ||
                          (p->is_array() && p->parent != nullptr && p->parent->is_object() &&
                           p->parent->members[p->index_in_parent].key == "Statement");
      if (is_statement) {
        if (const input::JsonMember* sid = n->find("Sid"); sid != nullptr && sid->value.is_string()) {
          f.sid = sid->value.text;
        }
        break;
      }
    }
  }
  sink_.push_back(std::move(f));
  ++reported_;
}

void RuleContext::relate(const input::JsonNode& node, std::string message) {
  if (reported_ == 0) return;  // nothing reported yet: nothing to explain
  // A node around the finding (its own statement) is no other place.
  if (node.begin <= sink_.back().begin && sink_.back().end <= node.end) return;
  sink_.back().related.push_back(
      Related{document_.source->path(), node.begin, std::max(node.end, node.begin), {}, {}, std::move(message)});
}

void RuleContext::relate_key(const input::JsonMember& member, std::string message) {
  if (reported_ == 0) return;
  sink_.back().related.push_back(Related{document_.source->path(),
                                         member.key_begin,
                                         std::max(member.key_end, member.key_begin),
                                         {},
                                         {},
                                         std::move(message)});
}

}  // namespace sagelint::lint

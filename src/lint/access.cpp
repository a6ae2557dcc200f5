#include "lint/access.hpp"

#include "eval/eval.hpp"
#include "principal/model.hpp"
#include "principal/subject.hpp"

namespace sagelint::lint {

AccessContext::AccessContext(const principal::Subject& subject, PrincipalContext& ctx)
    : subject_(&subject), principal_(subject.principal()), principal_ctx_(&ctx) {}

int64_t AccessContext::option_int(std::string_view name) const {
  return principal_ctx_ ? principal_ctx_->option_int(name) : document_ctx_->option_int(name);
}

bool AccessContext::option_bool(std::string_view name) const {
  return principal_ctx_ ? principal_ctx_->option_bool(name) : document_ctx_->option_bool(name);
}

std::string AccessContext::option_string(std::string_view name) const {
  return principal_ctx_ ? principal_ctx_->option_string(name) : document_ctx_->option_string(name);
}

std::vector<std::string> AccessContext::option_strings(std::string_view name) const {
  return principal_ctx_ ? principal_ctx_->option_strings(name) : document_ctx_->option_strings(name);
}

namespace {
bool within(const input::JsonNode* node, const input::JsonNode* root) {
  for (; node != nullptr; node = node->parent) {
    if (node == root) return true;
  }
  return false;
}
}  // namespace

void AccessContext::report(std::string message, const input::JsonNode* anchor) {
  if (principal_ctx_ != nullptr) {
    principal_ctx_->report(principal_->definition, std::move(message));
    return;
  }
  const input::JsonNode* root = document_ctx_->document().root;
  const input::JsonNode* at = anchor != nullptr && within(anchor, root) ? anchor : root;
  if (at != nullptr) document_ctx_->report(*at, std::move(message));
}

void AccessContext::relate(const eval::StatementRef& ref, std::string message) {
  if (principal_ctx_ != nullptr) {
    const principal::Location where = subject_->location(ref);
    if (where.source != nullptr) principal_ctx_->relate(where, std::move(message));
    return;
  }
  // A standalone policy: the statement is in this document, often the finding's own anchor.
  if (ref.node != nullptr && within(ref.node, document_ctx_->document().root)) {
    document_ctx_->relate(*ref.node, std::move(message));
  }
}

}  // namespace sagelint::lint

// Internal to input/: the container formats that hold many policies.
#pragma once

#include "input/document.hpp"

namespace sagelint::input {

// The value of `key` in an object node; null when `node` is null, not an object, or has no such key.
inline const JsonNode* member(const JsonNode* node, std::string_view key) {
  if (node == nullptr || !node->is_object()) return nullptr;
  const JsonMember* m = node->find(key);
  return m != nullptr ? &m->value : nullptr;
}

// The text of a string node; empty for anything else (a computed value, a number, null).
inline std::string literal(const JsonNode* node) {
  return node != nullptr && node->is_string() ? node->text : std::string();
}

// A template: AWSTemplateFormatVersion, or Resources with at least one "AWS::..." Type.
bool is_cloudformation(const JsonNode& root);
// `aws iam get-account-authorization-details` output.
bool is_authorization_details(const JsonNode& root);
// `terraform show -json` of a plan or of state: format_version with planned_values,
// resource_changes or values.
bool is_terraform_plan(const JsonNode& root);

// Both fill file.documents and file.entities from file.json.root. `yaml`: the tree came from
// YAML, so its ranges are not JSON text (no fixes).
void extract_cloudformation(LoadedFile& file, bool yaml);
void extract_authorization_details(LoadedFile& file);
void extract_terraform_plan(LoadedFile& file);

// Adds the policy at `node` as a document. A string is parsed as JSON (URL-decoded first when it
// looks URL-encoded) into an embedded tree whose nodes all span the string token. Returns false
// when the value cannot be a policy at all (a computed value); nothing is added then.
bool add_policy_document(LoadedFile& file, const JsonNode& node, KindHint hint, bool fixable, size_t& index);

}  // namespace sagelint::input

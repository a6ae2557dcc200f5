// Internal to input/: the container formats that hold many policies.
#pragma once

#include "input/document.hpp"
#include "input/render_budget.hpp"

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
// Shifts every range of a tree parsed from text[base...] (a string, a fenced block) to file
// offsets.
void shift_ranges(JsonNode& node, uint32_t base);
// Makes `statements` (one statement, or a list of them) the policy IAM reads from it,
// {"Version": "2012-10-17", "Statement": ...}, in place: the added members span no text (never
// reported, never fixed) and the tree keeps its parent links.
void wrap_in_policy(JsonNode& statements);

// The trust policy a framework writes for a role it generates (SAM, the Serverless Framework):
// `service` may assume it. A Document marked `generated`, spanning [begin, end) (the function's
// name), read by the principal model and never linted. Returns its index.
size_t add_generated_trust(LoadedFile& file, uint32_t begin, uint32_t end, std::string_view service,
                           std::string origin);

// From cfn.cpp, for formats that embed CloudFormation (serverless.yml): intrinsic functions under
// `n` turned into (opaque) strings; a list of managed policy ARNs as references (false when the
// list itself is computed; `resources` may be null); the resources of container["Resources"].
void neutralize_intrinsics(JsonNode& n, RenderBudget& budget, std::vector<LoadNote>& notes);
bool managed_references(const JsonNode* list, const JsonNode* resources, std::vector<Reference>& out,
                        RenderBudget& budget, std::vector<LoadNote>& notes);
void extract_cloudformation_resources(LoadedFile& file, JsonNode& container, bool yaml);

}  // namespace sagelint::input

// `aws iam get-account-authorization-details` output. The CLI prints policy documents as JSON
// objects; the raw API (and some SDKs and tools) keep them as URL-encoded JSON strings. Both are
// read; a string's findings point at the string token. Only the default version of a managed
// policy is linted (the others are not in effect), and AWS managed policies are not linted (their
// owners are AWS; they are still resolved as attachments).
#include "input/containers.hpp"

namespace sagelint::input {

namespace {

struct ListSpec {
  std::string_view list;  // "RoleDetailList"
  EntityKind kind;
  std::string_view name_key;    // "RoleName"
  std::string_view inline_key;  // "RolePolicyList"
};

constexpr ListSpec kLists[] = {
    {"RoleDetailList", EntityKind::Role, "RoleName", "RolePolicyList"},
    {"UserDetailList", EntityKind::User, "UserName", "UserPolicyList"},
    {"GroupDetailList", EntityKind::Group, "GroupName", "GroupPolicyList"},
};

std::string pointer_of(const JsonNode& node) {
  std::string p = node.pointer();
  return p.empty() ? p : p.substr(1);
}

Reference arn_reference(const JsonNode* node) {
  Reference ref;
  ref.node = node;
  ref.text = literal(node);
  ref.form = ref.text.starts_with("arn:") ? Reference::Form::Arn : Reference::Form::Name;
  return ref;
}

void anchor_at(Entity& entity, const JsonNode& entry, const JsonNode* name) {
  const JsonNode& at = name != nullptr ? *name : entry;
  entity.anchor = &at;
  entity.anchor_begin = at.begin;
  entity.anchor_end = at.end;
}

std::optional<size_t> add(LoadedFile& file, const JsonNode* node, KindHint hint) {
  if (node == nullptr) return std::nullopt;
  size_t index = 0;
  if (!add_policy_document(file, *node, hint, true, index)) return std::nullopt;
  file.documents[index].origin = pointer_of(*node);
  return index;
}

void principal_entry(LoadedFile& file, const ListSpec& spec, const JsonNode& entry) {
  Entity entity;
  entity.kind = spec.kind;
  const JsonNode* name = member(&entry, spec.name_key);
  entity.name = literal(name);
  entity.arn = literal(member(&entry, "Arn"));
  anchor_at(entity, entry, name);
  if (spec.kind == EntityKind::Role)
    entity.trust = add(file, member(&entry, "AssumeRolePolicyDocument"), KindHint::Trust);
  if (const JsonNode* list = member(&entry, spec.inline_key); list != nullptr && list->is_array()) {
    for (const auto& item : list->items) {
      auto index = add(file, member(&item, "PolicyDocument"), KindHint::Identity);
      if (!index) continue;
      entity.inline_policies.push_back(InlinePolicy{literal(member(&item, "PolicyName")), *index, &item});
    }
  }
  if (const JsonNode* list = member(&entry, "AttachedManagedPolicies"); list != nullptr && list->is_array()) {
    for (const auto& item : list->items) {
      const JsonNode* arn = member(&item, "PolicyArn");
      if (arn != nullptr) entity.managed.push_back(arn_reference(arn));
    }
  }
  if (const JsonNode* list = member(&entry, "GroupList"); list != nullptr && list->is_array()) {
    for (const auto& item : list->items) {
      Reference ref = arn_reference(&item);
      ref.form = Reference::Form::Name;
      entity.groups.push_back(std::move(ref));
    }
  }
  if (const JsonNode* arn = member(member(&entry, "PermissionsBoundary"), "PermissionsBoundaryArn")) {
    entity.boundary = arn_reference(arn);
  }
  file.entities.push_back(std::move(entity));
}

void policy_entry(LoadedFile& file, const JsonNode& entry) {
  Entity entity;
  entity.kind = EntityKind::ManagedPolicy;
  const JsonNode* name = member(&entry, "PolicyName");
  entity.name = literal(name);
  entity.arn = literal(member(&entry, "Arn"));
  entity.aws_managed = entity.arn.starts_with("arn:aws:iam::aws:") || entity.arn.starts_with("arn:aws-cn:iam::aws:") ||
                       entity.arn.starts_with("arn:aws-us-gov:iam::aws:");
  anchor_at(entity, entry, name);
  const std::string default_version = literal(member(&entry, "DefaultVersionId"));
  if (const JsonNode* versions = member(&entry, "PolicyVersionList"); versions != nullptr && versions->is_array()) {
    for (const auto& v : versions->items) {
      const JsonNode* is_default = member(&v, "IsDefaultVersion");
      bool chosen = (is_default != nullptr && is_default->type == JsonType::Bool && is_default->boolean) ||
                    (!default_version.empty() && literal(member(&v, "VersionId")) == default_version);
      if (!chosen || entity.aws_managed) continue;
      entity.document = add(file, member(&v, "Document"), KindHint::Identity);
      break;
    }
  }
  file.entities.push_back(std::move(entity));
}

}  // namespace

bool is_authorization_details(const JsonNode& root) {
  if (!root.is_object()) return false;
  for (const auto& spec : kLists) {
    const JsonNode* list = member(&root, spec.list);
    if (list != nullptr && list->is_array()) return true;
  }
  // "Policies" alone (a dump filtered to managed policies): an array of policy entries.
  const JsonNode* policies = member(&root, "Policies");
  if (policies == nullptr || !policies->is_array() || policies->items.empty()) return false;
  const JsonNode& first = policies->items.front();
  return member(&first, "PolicyVersionList") != nullptr || member(&first, "DefaultVersionId") != nullptr;
}

void extract_authorization_details(LoadedFile& file) {
  file.format = Format::AuthorizationDetails;
  const JsonNode& root = *file.json.root;
  for (const auto& spec : kLists) {
    const JsonNode* list = member(&root, spec.list);
    if (list == nullptr || !list->is_array()) continue;
    for (const auto& entry : list->items) {
      if (entry.is_object()) principal_entry(file, spec, entry);
    }
  }
  if (const JsonNode* policies = member(&root, "Policies"); policies != nullptr && policies->is_array()) {
    for (const auto& entry : policies->items) {
      if (entry.is_object()) policy_entry(file, entry);
    }
  }
}

}  // namespace sagelint::input

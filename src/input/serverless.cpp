// Serverless Framework configuration (serverless.yml / .yaml / .json, or any YAML or JSON with
// `service` and `provider`): the statements of the role the framework generates for every
// function (provider.iam.role.statements, v3; provider.iamRoleStatements, v1/v2), its managed
// policies and permissions boundary, per-function iamRoleStatements (the
// serverless-iam-roles-per-function plugin: one role per function), and the CloudFormation
// under resources.Resources (read by cfn.cpp).
//
// Serverless variables (${self:custom.bucket}, ${opt:stage}, ${env:X}, ${ssm:/p}, ${sls:stage},
// ${file(x.yml):y}, ${aws:accountId}, ...) are resolved by the framework before CloudFormation
// sees the template: a string holding one is opaque, shown with "${...}" where the variable was
// (as Terraform's computed values are), so the ARN around it is still read. IAM policy
// variables collide with that syntax: the framework resolves ${aws:...} itself and knows only
// accountId and region, so ${aws:username} stops `sls deploy` (a note says how to write it); a
// variable whose source is not one of the framework's (${cognito-identity.amazonaws.com:sub})
// is left for IAM.
#include <array>

#include "input/containers.hpp"
#include "input/serverless.hpp"
#include "input/yaml.hpp"

namespace sagelint::input {

namespace {

// The framework's variable sources (v3 and v4 docs; v1/v2 sources are a subset).
constexpr std::array<std::string_view, 13> kSources = {"self", "opt",   "env", "sls",       "ssm", "s3", "cf",
                                                       "file", "param", "git", "strToBool", "aws", "sst"};

bool framework_source(std::string_view inner) {
  if (inner.starts_with("file(")) return true;
  size_t colon = inner.find(':');
  if (colon == std::string_view::npos) return false;
  std::string_view source = inner.substr(0, colon);
  if (size_t paren = source.find('('); paren != std::string_view::npos) source = source.substr(0, paren);
  for (auto s : kSources) {
    if (source == s) return true;
  }
  return false;
}

// End of the "${...}" starting at `open` (nested "${" counted), or npos.
size_t variable_end(std::string_view t, size_t open) {
  int depth = 0;
  for (size_t i = open; i < t.size(); ++i) {
    if (t[i] == '$' && i + 1 < t.size() && t[i + 1] == '{') {
      ++depth;
      ++i;
    } else if (t[i] == '}' && --depth == 0) {
      return i;
    }
  }
  return std::string_view::npos;
}

class Reader {
 public:
  Reader(LoadedFile& file, bool yaml) : file_(file), yaml_(yaml), budget_(file.source->text().size()) {}

  void run() {
    JsonNode& root = *file_.json.root;
    resources_ = member(member(&root, "resources"), "Resources");
    JsonNode* provider = mutable_member(&root, "provider");
    const JsonMember* provider_member = root.find("provider");
    JsonNode* iam = mutable_member(provider, "iam");
    JsonNode* role = mutable_member(iam, "role");
    // A role named by ARN or name (provider.iam.role: arn..., provider.role: ...): no generated role.
    const bool custom_role = (role != nullptr && !role->is_object()) || member(provider, "role") != nullptr;
    if (!custom_role && provider_member != nullptr) {
      Entity entity = new_role("IamRoleLambdaExecution", *provider_member);
      statements(mutable_member(role, "statements"), "provider/iam/role/statements", entity);
      statements(mutable_member(provider, "iamRoleStatements"), "provider/iamRoleStatements", entity);
      managed(mutable_member(role, "managedPolicies"), entity);
      managed(mutable_member(provider, "iamManagedPolicies"), entity);
      boundary(role != nullptr ? mutable_member(role, "permissionsBoundary") : nullptr, entity);
      boundary(mutable_member(provider, "rolePermissionsBoundary"), entity);
      file_.entities.push_back(std::move(entity));
    }
    // serverless-iam-roles-per-function: functions.<name>.iamRoleStatements make a role of the function's own.
    if (JsonNode* functions = mutable_member(&root, "functions"); functions != nullptr && functions->is_object()) {
      for (auto& fn : functions->members) {
        JsonNode* list = mutable_member(&fn.value, "iamRoleStatements");
        if (list == nullptr) continue;
        Entity entity = new_role(fn.key + "IamRoleLambdaExecution", fn);
        std::string origin = "functions";
        append_origin(origin, fn.key);
        statements(list, origin + "/iamRoleStatements", entity);
        file_.entities.push_back(std::move(entity));
      }
    }
    if (JsonNode* resources = mutable_member(&root, "resources"); resources != nullptr && resources->is_object()) {
      variables(*resources);  // the framework resolves them before CloudFormation reads the template
      extract_cloudformation_resources(file_, *resources, yaml_);
    }
    relink(root, nullptr, 0);
  }

 private:
  LoadedFile& file_;
  bool yaml_;
  RenderBudget budget_;
  const JsonNode* resources_ = nullptr;

  static JsonNode* mutable_member(JsonNode* node, std::string_view key) {
    if (node == nullptr || !node->is_object()) return nullptr;
    for (auto& m : node->members) {
      if (m.key == key) return &m.value;
    }
    return nullptr;
  }

  static void append_origin(std::string& out, std::string_view token) {
    if (!out.empty()) out += '/';
    append_pointer_token(out, token);
  }

  Entity new_role(std::string logical_id, const JsonMember& anchor) {
    Entity entity;
    entity.kind = EntityKind::Role;
    entity.logical_id = std::move(logical_id);
    entity.anchor_begin = anchor.key_begin;
    entity.anchor_end = anchor.key_end;
    entity.anchor = &anchor.value;
    std::string origin;
    append_origin(origin, anchor.key);
    entity.trust = add_generated_trust(file_, anchor.key_begin, anchor.key_end, "lambda.amazonaws.com", origin);
    return entity;
  }

  // Every string under `n` that holds a framework variable: opaque, the variable shown as "${...}".
  void variables(JsonNode& n) {
    if (n.is_string()) {
      string_variables(n);
      return;
    }
    for (auto& item : n.items) variables(item);
    for (auto& m : n.members) variables(m.value);
  }

  void string_variables(JsonNode& n) {
    const std::string& t = n.text;
    if (t.find("${") == std::string::npos && t.find("#{") == std::string::npos) return;
    std::string out;
    bool computed = false;
    for (size_t i = 0; i < t.size();) {
      bool dollar = t[i] == '$' && i + 1 < t.size() && t[i + 1] == '{';
      // serverless-pseudo-parameters (before v2.50): #{AWS::Region}, #{Resource} become Fn::Sub.
      bool pound = t[i] == '#' && i + 1 < t.size() && t[i + 1] == '{';
      if (!dollar && !pound) {
        out += t[i++];
        continue;
      }
      size_t close = pound ? t.find('}', i) : variable_end(t, i);
      if (close == std::string::npos) {
        out += t.substr(i);
        break;
      }
      std::string_view inner = std::string_view(t).substr(i + 2, close - i - 2);
      if (pound) {
        out += "${" + std::string(inner) + "}";
        computed = true;
      } else if (inner.starts_with("aws:") && inner != "aws:accountId" && inner != "aws:region") {
        // An IAM policy variable written where the framework resolves ${aws:...} itself.
        out += t.substr(i, close + 1 - i);
        file_.notes.push_back({n.begin,
                               "the Serverless Framework resolves ${aws:...} as its own variable and knows only "
                               "${aws:accountId} and ${aws:region}, so ${" +
                                   std::string(inner) +
                                   "} stops `sls deploy`; to give IAM the policy variable, build the string with "
                                   "Fn::Join (['', ['...$', '{" +
                                   std::string(inner) + "}...']])"});
      } else if (framework_source(inner)) {
        out += "${...}";
        computed = true;
      } else {
        out += t.substr(i, close + 1 - i);
      }
      i = close + 1;
    }
    if (!computed) return;
    n.text = std::move(out);
    n.opaque = true;
  }

  // A list of statements: becomes {"Version": "2012-10-17", "Statement": [...]}, the policy the
  // framework writes, in place (the Version node spans the key, and is never reported).
  void statements(JsonNode* list, std::string origin, Entity& entity) {
    if (list == nullptr) return;
    variables(*list);
    neutralize_intrinsics(*list, budget_, file_.notes);
    if (!list->is_array()) {
      if (!(list->is_string() && list->opaque)) {
        file_.notes.push_back({list->begin, "iamRoleStatements / statements is a list of statements; this " +
                                                std::string(type_name(list->type)) + " is not read"});
      }
      return;
    }
    wrap_in_policy(*list);
    size_t index = 0;
    if (!add_policy_document(file_, *list, KindHint::Identity, !yaml_, index)) return;
    file_.documents[index].origin = std::move(origin);
    InlinePolicy p;
    p.document = index;
    p.node = list;
    entity.inline_policies.push_back(std::move(p));
  }

  void managed(JsonNode* list, Entity& entity) {
    if (list == nullptr) return;
    variables(*list);
    if (!managed_references(list, resources_, entity.managed, budget_, file_.notes)) entity.managed_list_opaque = true;
  }

  void boundary(JsonNode* node, Entity& entity) {
    if (node == nullptr || entity.boundary) return;
    variables(*node);
    JsonNode list;
    std::vector<Reference> refs;
    // One reference, read as a one-item list.
    list.type = JsonType::Array;
    list.items.push_back(*node);
    managed_references(&list, resources_, refs, budget_, file_.notes);
    if (refs.empty()) return;
    refs[0].node = node;
    entity.boundary = std::move(refs[0]);
  }
};

}  // namespace

bool is_serverless_name(std::string_view path) {
  size_t slash = path.find_last_of("/\\");
  std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  return base == "serverless.yml" || base == "serverless.yaml" || base == "serverless.json";
}

bool is_serverless(const JsonNode& root, std::string_view path) {
  if (!root.is_object()) return false;
  if (is_serverless_name(path)) return true;
  const JsonNode* provider = member(&root, "provider");
  return member(&root, "service") != nullptr && provider != nullptr && provider->is_object();
}

void extract_serverless(LoadedFile& file, bool yaml) {
  file.format = Format::Serverless;
  Reader(file, yaml).run();
}

}  // namespace sagelint::input

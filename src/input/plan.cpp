// Terraform plans and state as `terraform show -json` prints them. Values there are resolved, so
// a plan is the precise CI-time check of what Terraform will create. Read: the resources of
// planned_values (a plan) or values (state), in the root module and every child module, else
// resource_changes[].change.after; data sources are not (the resources that use their JSON are).
// Every policy attribute of an IAM or resource-policy resource is a JSON-encoded string: it is
// linted as an embedded policy whose findings point into the plan file, labelled with the
// resource address. IAM roles, users, groups, policies and attachments become entities;
// references between them are resolved through the plan's `configuration` section (the
// expressions' references), else by the literal names.
#include <map>
#include <set>

#include "input/containers.hpp"

namespace sagelint::input {

namespace {

std::string pointer_of(const JsonNode& node) {
  std::string p = node.pointer();
  return p.empty() ? p : p.substr(1);
}

// A JSON string token of the file decoded, with the file offset of each decoded byte: start[k]
// is where the escape sequence that produced byte k begins, stop[k] where the one that produced
// byte k - 1 ends. Empty when the token is not a plain JSON string in the file.
struct DecodedString {
  std::string text;
  std::vector<uint32_t> start;
  std::vector<uint32_t> stop;
};

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool decode_string_token(std::string_view source, const JsonNode& node, DecodedString& out) {
  if (node.end < node.begin + 2 || node.end > source.size() || source[node.begin] != '"' ||
      source[node.end - 1] != '"') {
    return false;
  }
  out.stop.push_back(node.begin + 1);
  auto emit = [&](std::string_view bytes, uint32_t from, uint32_t to) {
    for (char c : bytes) {
      out.text += c;
      out.start.push_back(from);
      out.stop.push_back(to);
    }
  };
  uint32_t i = node.begin + 1;
  const uint32_t end = node.end - 1;
  while (i < end) {
    if (source[i] != '\\') {
      emit(source.substr(i, 1), i, i + 1);
      ++i;
      continue;
    }
    if (i + 1 >= end) return false;
    char e = source[i + 1];
    const char* simple = nullptr;
    switch (e) {
      case '"':
        simple = "\"";
        break;
      case '\\':
        simple = "\\";
        break;
      case '/':
        simple = "/";
        break;
      case 'b':
        simple = "\b";
        break;
      case 'f':
        simple = "\f";
        break;
      case 'n':
        simple = "\n";
        break;
      case 'r':
        simple = "\r";
        break;
      case 't':
        simple = "\t";
        break;
      default:
        break;
    }
    if (simple != nullptr) {
      emit(simple, i, i + 2);
      i += 2;
      continue;
    }
    if (e != 'u' || i + 6 > end) return false;
    uint32_t cp = 0;
    for (uint32_t k = 0; k < 4; ++k) {
      int h = hex_value(source[i + 2 + k]);
      if (h < 0) return false;
      cp = cp * 16 + static_cast<uint32_t>(h);
    }
    uint32_t len = 6;
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 12 <= end && source[i + 6] == '\\' && source[i + 7] == 'u') {
      uint32_t lo = 0;
      bool ok = true;
      for (uint32_t k = 0; k < 4; ++k) {
        int h = hex_value(source[i + 8 + k]);
        ok = ok && h >= 0;
        lo = lo * 16 + static_cast<uint32_t>(std::max(h, 0));
      }
      if (ok && lo >= 0xDC00 && lo <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        len = 12;
      }
    }
    std::string utf8;
    if (cp < 0x80) {
      utf8 += static_cast<char>(cp);
    } else if (cp < 0x800) {
      utf8 += static_cast<char>(0xC0 | (cp >> 6));
      utf8 += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      utf8 += static_cast<char>(0xE0 | (cp >> 12));
      utf8 += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      utf8 += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      utf8 += static_cast<char>(0xF0 | (cp >> 18));
      utf8 += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      utf8 += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      utf8 += static_cast<char>(0x80 | (cp & 0x3F));
    }
    emit(utf8, i, i + len);
    i += len;
  }
  return out.text == node.text;
}

// Moves every range of a tree parsed from `d.text` onto the file. A string node starts at the
// quote of its opening \" so that the text between its first and last byte is its content, as
// for a string written directly in the file.
void relocate(JsonNode& node, const DecodedString& d) {
  auto at = [&](uint32_t k) { return d.start[std::min<size_t>(k, d.start.size() - 1)]; };
  auto after = [&](uint32_t k) { return d.stop[std::min<size_t>(k, d.stop.size() - 1)]; };
  uint32_t b = node.begin;
  uint32_t e = node.end;
  node.begin = at(b) + (node.is_string() && b < d.text.size() && d.text[b] == '"' && at(b) + 2 == after(b + 1) ? 1 : 0);
  node.end = after(e);
  for (auto& item : node.items) relocate(item, d);
  for (auto& m : node.members) {
    m.key_begin = at(m.key_begin);
    m.key_end = after(m.key_end);
    relocate(m.value, d);
  }
}

// The JSON policy attributes of resource types (Terraform AWS provider documentation, each
// resource's "Argument Reference"), with the kind of policy each holds.
struct PolicyAttribute {
  std::string_view type;
  std::string_view attribute;
  KindHint kind;
};

constexpr PolicyAttribute kPolicyAttributes[] = {
    {"aws_api_gateway_rest_api", "policy", KindHint::Resource},
    {"aws_api_gateway_rest_api_policy", "policy", KindHint::Resource},
    {"aws_backup_vault_policy", "policy", KindHint::Resource},
    {"aws_cloudwatch_event_bus_policy", "policy", KindHint::Resource},
    {"aws_cloudwatch_log_resource_policy", "policy_document", KindHint::Resource},
    {"aws_codeartifact_domain_permissions_policy", "policy_document", KindHint::Resource},
    {"aws_codeartifact_repository_permissions_policy", "policy_document", KindHint::Resource},
    {"aws_ecr_registry_policy", "policy", KindHint::Resource},
    {"aws_ecr_repository_policy", "policy", KindHint::Resource},
    {"aws_efs_file_system_policy", "policy", KindHint::Resource},
    {"aws_elasticsearch_domain", "access_policies", KindHint::Resource},
    {"aws_elasticsearch_domain_policy", "access_policies", KindHint::Resource},
    {"aws_glacier_vault", "access_policy", KindHint::Resource},
    {"aws_iam_group_policy", "policy", KindHint::Identity},
    {"aws_iam_policy", "policy", KindHint::Identity},
    {"aws_iam_role", "assume_role_policy", KindHint::Trust},
    {"aws_iam_role_policy", "policy", KindHint::Identity},
    {"aws_iam_user_policy", "policy", KindHint::Identity},
    {"aws_kms_key", "policy", KindHint::Resource},
    {"aws_kms_key_policy", "policy", KindHint::Resource},
    {"aws_opensearch_domain", "access_policies", KindHint::Resource},
    {"aws_opensearch_domain_policy", "access_policies", KindHint::Resource},
    {"aws_organizations_policy", "content", KindHint::Unknown},
    {"aws_s3_access_point", "policy", KindHint::Resource},
    {"aws_s3_bucket", "policy", KindHint::Resource},
    {"aws_s3_bucket_policy", "policy", KindHint::Resource},
    {"aws_s3control_access_point_policy", "policy", KindHint::Resource},
    {"aws_sagemaker_model_package_group_policy", "resource_policy", KindHint::Resource},
    {"aws_secretsmanager_secret", "policy", KindHint::Resource},
    {"aws_secretsmanager_secret_policy", "policy", KindHint::Resource},
    {"aws_sns_topic", "policy", KindHint::Resource},
    {"aws_sns_topic_policy", "policy", KindHint::Resource},
    {"aws_sqs_queue", "policy", KindHint::Resource},
    {"aws_sqs_queue_policy", "policy", KindHint::Resource},
    {"aws_ssoadmin_permission_set_inline_policy", "inline_policy", KindHint::Identity},
    {"aws_vpc_endpoint", "policy", KindHint::Resource},
};

// A resource instance of the plan.
struct Resource {
  const JsonNode* entry = nullptr;   // the resource object
  const JsonNode* values = nullptr;  // its attribute values
  std::string address;               // "module.ml.aws_iam_role.training[0]"
  std::string module;                // "module.ml", "" for the root module
  std::string type;
  const JsonNode* anchor = nullptr;  // where findings about it point: its address
};

// "module.a[0].module.b" -> "module.a.module.b": the configuration has one entry per module call.
std::string without_instance_keys(std::string_view address) {
  std::string out;
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < address.size(); ++i) {
    char c = address[i];
    if (in_string) {
      if (c == '\\') ++i;
      if (c == '"') in_string = false;
      continue;
    }
    if (c == '"' && depth > 0) {
      in_string = true;
    } else if (c == '[') {
      ++depth;
    } else if (c == ']') {
      depth = std::max(0, depth - 1);
    } else if (depth == 0) {
      out += c;
    }
  }
  return out;
}

class PlanReader {
 public:
  explicit PlanReader(LoadedFile& file) : file_(file), root_(*file.json.root) {}

  void run() {
    collect();
    index_configuration();
    for (const auto& r : resources_) documents(r);
    for (const auto& r : resources_) entity(r);
    for (const auto& r : resources_) attachment(r);
  }

 private:
  LoadedFile& file_;
  const JsonNode& root_;
  std::vector<Resource> resources_;
  std::map<std::string, size_t> entity_by_address_;  // index into file_.entities
  // Configuration: module path ("module.a.module.b") + "." + resource address -> expressions.
  std::map<std::string, const JsonNode*> expressions_;
  std::map<std::string, std::vector<size_t>> documents_of_;  // address -> its documents, in order

  void collect() {
    const JsonNode* values = member(&root_, "planned_values");
    if (values == nullptr) values = member(&root_, "values");
    if (const JsonNode* module = member(values, "root_module")) {
      std::vector<const JsonNode*> stack{module};
      while (!stack.empty()) {
        const JsonNode* m = stack.back();
        stack.pop_back();
        std::string module_address = literal(member(m, "address"));
        if (const JsonNode* list = member(m, "resources"); list != nullptr && list->is_array()) {
          for (const auto& entry : list->items) add_resource(entry, member(&entry, "values"), module_address);
        }
        if (const JsonNode* children = member(m, "child_modules"); children != nullptr && children->is_array()) {
          for (auto it = children->items.rbegin(); it != children->items.rend(); ++it) stack.push_back(&*it);
        }
      }
      return;
    }
    // A plan without planned_values: what each change leaves.
    if (const JsonNode* changes = member(&root_, "resource_changes"); changes != nullptr && changes->is_array()) {
      for (const auto& entry : changes->items) {
        const JsonNode* after = member(member(&entry, "change"), "after");
        add_resource(entry, after, literal(member(&entry, "module_address")));
      }
    }
  }

  void add_resource(const JsonNode& entry, const JsonNode* values, const std::string& module) {
    if (!entry.is_object() || values == nullptr || !values->is_object()) return;
    if (literal(member(&entry, "mode")) == "data") return;
    Resource r;
    r.entry = &entry;
    r.values = values;
    r.address = literal(member(&entry, "address"));
    r.module = module;
    r.type = literal(member(&entry, "type"));
    r.anchor = member(&entry, "address");
    if (r.anchor == nullptr) r.anchor = &entry;
    if (r.address.empty() || !r.type.starts_with("aws_")) return;
    resources_.push_back(std::move(r));
  }

  void index_configuration() {
    const JsonNode* config = member(&root_, "configuration");
    std::vector<std::pair<std::string, const JsonNode*>> stack;
    if (const JsonNode* m = member(config, "root_module")) stack.emplace_back("", m);
    while (!stack.empty()) {
      auto [path, m] = stack.back();
      stack.pop_back();
      if (const JsonNode* list = member(m, "resources"); list != nullptr && list->is_array()) {
        for (const auto& res : list->items) {
          std::string address = literal(member(&res, "address"));
          if (const JsonNode* e = member(&res, "expressions"); e != nullptr && !address.empty()) {
            expressions_[path.empty() ? address : path + "." + address] = e;
          }
        }
      }
      if (const JsonNode* calls = member(m, "module_calls"); calls != nullptr && calls->is_object()) {
        for (const auto& call : calls->members) {
          std::string child = (path.empty() ? "" : path + ".") + "module." + call.key;
          if (const JsonNode* cm = member(&call.value, "module")) stack.emplace_back(child, cm);
        }
      }
    }
  }

  // The address of the resource an attribute's expression refers to, in the same module instance:
  // "aws_iam_role.training" for `role = aws_iam_role.training.name`, when that resource is in
  // the plan (an instance key is added when there is exactly one instance).
  std::string referenced(const Resource& r, std::string_view attribute, std::string_view type) {
    std::string config_key = without_instance_keys(r.address);
    auto it = expressions_.find(config_key);
    if (it == expressions_.end()) return {};
    const JsonNode* refs = member(member(it->second, attribute), "references");
    if (refs == nullptr || !refs->is_array()) return {};
    for (const auto& ref : refs->items) {
      if (!ref.is_string() || !ref.text.starts_with(std::string(type) + ".")) continue;
      // "aws_iam_role.training.name" -> "aws_iam_role.training"
      size_t dot = ref.text.find('.', type.size() + 1);
      std::string local = ref.text.substr(0, dot);
      std::string full = r.module.empty() ? local : r.module + "." + local;
      if (entity_by_address_.count(full) > 0) return full;
      std::string found;
      for (const auto& [address, index] : entity_by_address_) {
        if (address.starts_with(full + "[")) {
          if (!found.empty()) return {};
          found = address;
        }
      }
      if (!found.empty()) return found;
    }
    return {};
  }

  std::optional<size_t> add_document(const Resource& r, const JsonNode& node, KindHint kind, std::string label) {
    if (!node.is_string()) return std::nullopt;
    size_t first = node.text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos || node.text[first] != '{') return std::nullopt;
    size_t index = 0;
    DecodedString d;
    if (!d.start.empty() || !decode_string_token(file_.source->text(), node, d) || d.text.empty()) {
      if (!add_policy_document(file_, node, kind, false, index)) return std::nullopt;
    } else {
      // Parsed in place, so that every finding points at its token inside the string.
      auto embedded = std::make_unique<EmbeddedPolicy>();
      embedded->text = std::move(d.text);
      embedded->json = parse_json(embedded->text);
      d.text = embedded->text;
      if (embedded->json.root) relocate(*embedded->json.root, d);
      for (auto& e : embedded->json.errors) {
        e.end = d.stop[std::min<size_t>(std::max(e.end, e.offset + 1), d.stop.size() - 1)];
        e.offset = d.start[std::min<size_t>(e.offset, d.start.size() - 1)];
      }
      embedded->json.error = embedded->json.errors.empty() ? JsonError{} : embedded->json.errors.front();
      Document doc;
      doc.source = file_.source.get();
      doc.kind_hint = kind;
      doc.fixable = false;
      if (embedded->json.root) {
        doc.root = embedded->json.root.get();
      } else {
        doc.error = &embedded->json.error;
      }
      if (!embedded->json.errors.empty()) doc.syntax_errors = &embedded->json.errors;
      file_.embedded.push_back(std::move(embedded));
      index = file_.documents.size();
      file_.documents.push_back(std::move(doc));
    }
    file_.documents[index].origin = pointer_of(node);
    file_.documents[index].label = std::move(label);
    documents_of_[r.address].push_back(index);
    return index;
  }

  void documents(const Resource& r) {
    for (const auto& pa : kPolicyAttributes) {
      if (pa.type != r.type) continue;
      if (r.type == "aws_organizations_policy") {
        // Tag, backup and AI opt-out policies are not IAM; SCPs and RCPs are.
        std::string type = literal(member(r.values, "type"));
        if (!type.empty() && type != "SERVICE_CONTROL_POLICY" && type != "RESOURCE_CONTROL_POLICY") continue;
      }
      if (const JsonNode* v = member(r.values, pa.attribute)) add_document(r, *v, pa.kind, r.address);
    }
    if (r.type == "aws_iam_role") {
      if (const JsonNode* list = member(r.values, "inline_policy"); list != nullptr && list->is_array()) {
        for (const auto& item : list->items) {
          if (const JsonNode* v = member(&item, "policy")) {
            std::string name = literal(member(&item, "name"));
            add_document(r, *v, KindHint::Identity, r.address + (name.empty() ? "" : " inline policy '" + name + "'"));
          }
        }
      }
    }
  }

  std::optional<size_t> document_of(const Resource& r, size_t nth = 0) {
    auto it = documents_of_.find(r.address);
    if (it == documents_of_.end() || it->second.size() <= nth) return std::nullopt;
    return it->second[nth];
  }

  Entity& new_entity(const Resource& r, EntityKind kind) {
    Entity e;
    e.kind = kind;
    e.logical_id = r.address;
    e.name = literal(member(r.values, "name"));
    e.arn = literal(member(r.values, "arn"));
    e.anchor = r.anchor;
    e.anchor_begin = r.anchor->begin;
    e.anchor_end = r.anchor->end;
    entity_by_address_[r.address] = file_.entities.size();
    file_.entities.push_back(std::move(e));
    return file_.entities.back();
  }

  void entity(const Resource& r) {
    if (r.type == "aws_iam_role") {
      Entity& e = new_entity(r, EntityKind::Role);
      const JsonNode* trust = member(r.values, "assume_role_policy");
      size_t next = 0;
      if (trust != nullptr && trust->is_string() && document_of(r, 0)) {
        e.trust = document_of(r, 0);
        next = 1;
      }
      if (const JsonNode* list = member(r.values, "inline_policy"); list != nullptr && list->is_array()) {
        for (const auto& item : list->items) {
          if (member(&item, "policy") == nullptr) continue;
          if (auto index = document_of(r, next++)) {
            e.inline_policies.push_back(InlinePolicy{literal(member(&item, "name")), *index, &item});
          }
        }
      }
      add_arns(e.managed, member(r.values, "managed_policy_arns"));
      if (const JsonNode* b = member(r.values, "permissions_boundary"); b != nullptr && b->is_string()) {
        e.boundary = arn_reference(b);
      }
    } else if (r.type == "aws_iam_user" || r.type == "aws_iam_group") {
      Entity& e = new_entity(r, r.type == "aws_iam_user" ? EntityKind::User : EntityKind::Group);
      if (const JsonNode* b = member(r.values, "permissions_boundary"); b != nullptr && b->is_string()) {
        e.boundary = arn_reference(b);
      }
    } else if (r.type == "aws_iam_policy") {
      Entity& e = new_entity(r, EntityKind::ManagedPolicy);
      e.document = document_of(r);
    } else if (r.type == "aws_iam_role_policy" || r.type == "aws_iam_user_policy" || r.type == "aws_iam_group_policy") {
      Entity& e = new_entity(r, EntityKind::InlinePolicy);
      e.document = document_of(r);
    }
  }

  static Reference arn_reference(const JsonNode* node) {
    Reference ref;
    ref.node = node;
    ref.text = literal(node);
    ref.form = ref.text.starts_with("arn:") ? Reference::Form::Arn : Reference::Form::Name;
    return ref;
  }

  static void add_arns(std::vector<Reference>& out, const JsonNode* list) {
    if (list == nullptr || !list->is_array()) return;
    for (const auto& item : list->items) {
      if (item.is_string()) out.push_back(arn_reference(&item));
    }
  }

  // A reference to the principal named by `attribute` (a name in the plan's values): by address
  // when the configuration says which resource it comes from, else by the literal name.
  std::optional<Reference> principal_ref(const Resource& r, const JsonNode* value, std::string_view attribute,
                                         std::string_view type) {
    Reference ref;
    ref.node = value != nullptr ? value : r.anchor;
    if (std::string address = referenced(r, attribute, type); !address.empty()) {
      ref.form = Reference::Form::LogicalId;
      ref.text = address;
      return ref;
    }
    if (value == nullptr || !value->is_string()) return std::nullopt;
    ref.form = Reference::Form::Name;
    ref.text = value->text;
    return ref;
  }

  Entity* entity_at(const std::string& address) {
    auto it = entity_by_address_.find(address);
    return it == entity_by_address_.end() ? nullptr : &file_.entities[it->second];
  }

  // Attaches the policy named by the resource's policy_arn to `principal`.
  void attach_policy(const Resource& r, const Reference& principal, EntityKind kind) {
    auto member_list = [&](Entity& policy) -> std::vector<Reference>& {
      return kind == EntityKind::Role ? policy.roles : kind == EntityKind::User ? policy.users : policy.in_groups;
    };
    if (std::string policy = referenced(r, "policy_arn", "aws_iam_policy"); !policy.empty()) {
      if (Entity* p = entity_at(policy)) member_list(*p).push_back(principal);
      return;
    }
    const JsonNode* arn = member(r.values, "policy_arn");
    if (arn == nullptr || !arn->is_string()) return;
    // A literal ARN (an AWS managed policy): on the principal's own list, when it is in the plan.
    Entity* target = principal.form == Reference::Form::LogicalId ? entity_at(principal.text) : nullptr;
    if (target == nullptr && principal.form == Reference::Form::Name) {
      for (auto& e : file_.entities) {
        if (e.kind == kind && e.name == principal.text) target = &e;
      }
    }
    if (target != nullptr) target->managed.push_back(arn_reference(arn));
  }

  void attachment(const Resource& r) {
    const JsonNode* v = r.values;
    if (r.type == "aws_iam_role_policy" || r.type == "aws_iam_user_policy" || r.type == "aws_iam_group_policy") {
      Entity* e = entity_at(r.address);
      if (e == nullptr) return;
      if (r.type == "aws_iam_role_policy") {
        if (auto ref = principal_ref(r, member(v, "role"), "role", "aws_iam_role")) e->roles.push_back(*ref);
      } else if (r.type == "aws_iam_user_policy") {
        if (auto ref = principal_ref(r, member(v, "user"), "user", "aws_iam_user")) e->users.push_back(*ref);
      } else if (auto ref = principal_ref(r, member(v, "group"), "group", "aws_iam_group")) {
        e->in_groups.push_back(*ref);
      }
    } else if (r.type == "aws_iam_role_policy_attachment") {
      if (auto ref = principal_ref(r, member(v, "role"), "role", "aws_iam_role"))
        attach_policy(r, *ref, EntityKind::Role);
    } else if (r.type == "aws_iam_user_policy_attachment") {
      if (auto ref = principal_ref(r, member(v, "user"), "user", "aws_iam_user"))
        attach_policy(r, *ref, EntityKind::User);
    } else if (r.type == "aws_iam_group_policy_attachment") {
      if (auto ref = principal_ref(r, member(v, "group"), "group", "aws_iam_group")) {
        attach_policy(r, *ref, EntityKind::Group);
      }
    } else if (r.type == "aws_iam_policy_attachment") {
      // roles, users, groups: lists of names (references resolve to the list, not one entry).
      for (auto [attr, kind] : {std::pair{"roles", EntityKind::Role}, std::pair{"users", EntityKind::User},
                                std::pair{"groups", EntityKind::Group}}) {
        const JsonNode* list = member(v, attr);
        if (list == nullptr || !list->is_array()) continue;
        for (const auto& item : list->items) {
          if (!item.is_string()) continue;
          Reference ref;
          ref.form = Reference::Form::Name;
          ref.text = item.text;
          ref.node = &item;
          attach_policy(r, ref, kind);
        }
      }
    } else if (r.type == "aws_iam_user_group_membership") {
      auto user = principal_ref(r, member(v, "user"), "user", "aws_iam_user");
      Entity* u = user && user->form == Reference::Form::LogicalId ? entity_at(user->text) : nullptr;
      if (u == nullptr && user) {
        for (auto& e : file_.entities) {
          if (e.kind == EntityKind::User && e.name == user->text) u = &e;
        }
      }
      const JsonNode* groups = member(v, "groups");
      if (u == nullptr || groups == nullptr || !groups->is_array()) return;
      for (const auto& g : groups->items) {
        if (g.is_string()) u->groups.push_back(Reference{Reference::Form::Name, g.text, &g, false});
      }
    } else if (r.type == "aws_iam_group_membership") {
      const JsonNode* group = member(v, "group");
      const JsonNode* users = member(v, "users");
      if (group == nullptr || !group->is_string() || users == nullptr || !users->is_array()) return;
      for (const auto& u : users->items) {
        if (!u.is_string()) continue;
        for (auto& e : file_.entities) {
          if (e.kind == EntityKind::User && e.name == u.text) {
            e.groups.push_back(Reference{Reference::Form::Name, group->text, group, false});
          }
        }
      }
    }
  }
};

}  // namespace

bool is_terraform_plan(const JsonNode& root) {
  if (!root.is_object()) return false;
  const JsonNode* version = member(&root, "format_version");
  if (version == nullptr || !version->is_string()) return false;
  const JsonNode* planned = member(&root, "planned_values");
  const JsonNode* changes = member(&root, "resource_changes");
  const JsonNode* values = member(&root, "values");
  return (planned != nullptr && planned->is_object()) || (changes != nullptr && changes->is_array()) ||
         (values != nullptr && values->is_object());
}

void extract_terraform_plan(LoadedFile& file) {
  file.format = Format::TerraformPlan;
  PlanReader(file).run();
}

}  // namespace sagelint::input

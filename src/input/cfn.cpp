// CloudFormation templates (JSON, or YAML turned into the same tree): every policy document in
// an IAM or resource-policy resource becomes a Document, and every IAM role, user, group and
// policy resource an Entity.
//
// Intrinsic functions inside a policy document are values only known at deploy time. They are
// turned into string nodes marked `opaque` whose text is the Fn::Sub rendering of the expression
// ("arn:aws:s3:::${Bucket}/*"): the grammar rules then see a string where IAM will see a string,
// and value rules can tell that the text is not final. Fn::If is replaced by its first branch
// that is not AWS::NoValue, so the policy CloudFormation would deploy under that condition is
// what gets linted. AWS::Partition and AWS::URLSuffix render as "aws" and "amazonaws.com" (the
// commercial partition).
//
// AWS SAM (AWS::Serverless::Function and AWS::Serverless::StateMachine, with or without the
// Transform: SAM's own test inputs omit it): SAM generates a role "<LogicalId>Role" trusted by
// lambda.amazonaws.com or states.amazonaws.com (or by AssumeRolePolicyDocument) unless Role is
// given. Its Policies are managed policy names and ARNs, inline documents ({Statement: ...})
// and SAM policy templates ({S3ReadPolicy: {BucketName: ...}}), recognised by name.
#include <algorithm>
#include <array>

#include "input/containers.hpp"
#include "input/render_budget.hpp"
#include "input/yaml.hpp"

namespace sagelint::input {

namespace {

bool is_intrinsic(const JsonNode& n) {
  return n.is_object() && n.members.size() == 1 && (n.members[0].key == "Ref" || n.members[0].key.starts_with("Fn::"));
}

std::string_view intrinsic_name(const JsonNode& n) { return n.members[0].key; }

bool is_no_value(const JsonNode& n) {
  return is_intrinsic(n) && intrinsic_name(n) == "Ref" && n.members[0].value.is_string() &&
         n.members[0].value.text == "AWS::NoValue";
}

// Fn::If [condition, if_true, if_false]: the branch linted and resolved.
const JsonNode* if_branch(const JsonNode& n) {
  const JsonNode& args = n.members[0].value;
  if (!args.is_array() || args.items.size() != 3) return nullptr;
  if (!is_no_value(args.items[1])) return &args.items[1];
  if (!is_no_value(args.items[2])) return &args.items[2];
  return nullptr;
}

bool known_pseudo(std::string_view name, std::string& out, RenderBudget& budget) {
  if (name == "AWS::Partition") {
    budget.append(out, "aws");
    return true;
  }
  if (name == "AWS::URLSuffix") {
    budget.append(out, "amazonaws.com");
    return true;
  }
  return false;
}

void render(const JsonNode& n, std::string& out, bool& known, RenderBudget& budget);

void append_ref(std::string& out, std::string_view name, RenderBudget& budget) {
  budget.append(out, "${");
  budget.append(out, name);
  budget.append(out, "}");
}

// Fn::Sub's template: "${Name}" is a reference, "${!Literal}" the literal text "${Literal}".
void render_sub(std::string_view tmpl, const JsonNode* vars, std::string& out, bool& known, RenderBudget& budget) {
  size_t i = 0;
  while (i < tmpl.size() && !budget.exceeded()) {
    size_t open = tmpl.find("${", i);
    if (open == std::string_view::npos) {
      budget.append(out, tmpl.substr(i));
      break;
    }
    budget.append(out, tmpl.substr(i, open - i));
    size_t close = tmpl.find('}', open + 2);
    if (close == std::string_view::npos) {
      budget.append(out, tmpl.substr(open));
      break;
    }
    std::string_view name = tmpl.substr(open + 2, close - open - 2);
    if (!name.empty() && name[0] == '!') {
      append_ref(out, name.substr(1), budget);
    } else if (const JsonNode* v = member(vars, name); v != nullptr) {
      render(*v, out, known, budget);
    } else if (!known_pseudo(name, out, budget)) {
      append_ref(out, name, budget);
      known = false;
    }
    i = close + 1;
  }
}

void render(const JsonNode& n, std::string& out, bool& known, RenderBudget& budget) {
  if (budget.exceeded()) return;
  switch (n.type) {
    case JsonType::String:
    case JsonType::Number:
      budget.append(out, n.text);
      known = known && !n.opaque;
      return;
    case JsonType::Bool:
      budget.append(out, n.boolean ? "true" : "false");
      return;
    case JsonType::Null:
      return;
    case JsonType::Array:
    case JsonType::Object:
      break;
  }
  if (!is_intrinsic(n)) {
    budget.append(out, "${...}");
    known = false;
    return;
  }
  std::string_view fn = intrinsic_name(n);
  const JsonNode& arg = n.members[0].value;
  if (fn == "Ref" && arg.is_string()) {
    if (!known_pseudo(arg.text, out, budget)) {
      append_ref(out, arg.text, budget);
      known = false;
    }
  } else if (fn == "Fn::Sub" && arg.is_string()) {
    render_sub(arg.text, nullptr, out, known, budget);
  } else if (fn == "Fn::Sub" && arg.is_array() && !arg.items.empty() && arg.items[0].is_string()) {
    render_sub(arg.items[0].text, arg.items.size() > 1 ? &arg.items[1] : nullptr, out, known, budget);
  } else if (fn == "Fn::Join" && arg.is_array() && arg.items.size() == 2 && arg.items[0].is_string() &&
             arg.items[1].is_array()) {
    bool first = true;
    for (const auto& part : arg.items[1].items) {
      if (budget.exceeded()) break;
      if (!first) budget.append(out, arg.items[0].text);
      first = false;
      render(part, out, known, budget);
    }
  } else if (fn == "Fn::GetAtt" && arg.is_string()) {
    append_ref(out, arg.text, budget);
    known = false;
  } else if (fn == "Fn::GetAtt" && arg.is_array() && arg.items.size() == 2 && arg.items[0].is_string() &&
             arg.items[1].is_string()) {
    budget.append(out, "${");
    budget.append(out, arg.items[0].text);
    budget.append(out, ".");
    budget.append(out, arg.items[1].text);
    budget.append(out, "}");
    known = false;
  } else if (fn == "Fn::If") {
    known = false;
    if (const JsonNode* branch = if_branch(n)) render(*branch, out, known, budget);
  } else {
    append_ref(out, fn, budget);
    known = false;
  }
}

// Renders `n` from scratch under the budget. Over it, the value is "${Fn::Join}" (the
// function's name), unknown, and a note at `n` says why.
std::string render_value(const JsonNode& n, bool& known, RenderBudget& budget, std::vector<LoadNote>& notes) {
  std::string text;
  known = true;
  budget.start_value();
  render(n, text, known, budget);
  if (budget.exceeded()) {
    std::string fn = is_intrinsic(n) ? std::string(intrinsic_name(n)) : std::string("value");
    text = "${" + fn + "}";
    known = false;
    if (++budget.notes > RenderBudget::kMaxNotes) {
      if (budget.notes == RenderBudget::kMaxNotes + 1) {
        notes.push_back({n.begin, "further values over the rendering budget are treated as unknown without a note"});
      }
      return text;
    }
    notes.push_back({n.begin, fn + " renders to more than " + std::to_string(RenderBudget::kValueBytes / 1024) +
                                  " KiB (or past the file's rendering budget): its value is not computed and is "
                                  "treated as unknown"});
  }
  return text;
}

// Turns every intrinsic function under `n` into what the rules should see (see the file comment).
void neutralize(JsonNode& n, RenderBudget& budget, std::vector<LoadNote>& notes) {
  if (is_intrinsic(n)) {
    if (intrinsic_name(n) == "Fn::If") {
      if (const JsonNode* branch = if_branch(n)) {
        JsonNode chosen = std::move(const_cast<JsonNode&>(*branch));
        n = std::move(chosen);
        neutralize(n, budget, notes);
        return;
      }
    }
    bool known = true;
    std::string text = render_value(n, known, budget, notes);
    n.type = JsonType::String;
    n.text = std::move(text);
    n.opaque = !known;
    n.members.clear();
    n.items.clear();
    return;
  }
  for (auto& item : n.items) neutralize(item, budget, notes);
  for (auto& m : n.members) neutralize(m.value, budget, notes);
}

void append_origin(std::string& out, std::string_view token) {
  if (!out.empty()) out += '/';
  append_pointer_token(out, token);
}

Reference make_reference(const JsonNode& node, const JsonNode& resources, bool conditional, RenderBudget& budget,
                         std::vector<LoadNote>& notes) {
  Reference ref;
  ref.node = &node;
  ref.conditional = conditional;
  if (node.is_string()) {
    ref.text = node.text;
    ref.form = node.text.starts_with("arn:") ? Reference::Form::Arn : Reference::Form::Name;
    return ref;
  }
  if (is_intrinsic(node) && intrinsic_name(node) == "Ref" && node.members[0].value.is_string()) {
    const std::string& target = node.members[0].value.text;
    if (member(&resources, target) != nullptr) {
      ref.form = Reference::Form::LogicalId;
      ref.text = target;
      return ref;
    }
  }
  bool known = true;
  ref.text = render_value(node, known, budget, notes);
  // An ARN whose policy part is literal names its policy even when the account is a reference
  // ("arn:aws:iam::${AWS::AccountId}:policy/Name").
  size_t policy = ref.text.find(":policy/");
  if (ref.text.starts_with("arn:") &&
      (known || (policy != std::string::npos && ref.text.find("${", policy) == std::string::npos))) {
    ref.form = Reference::Form::Arn;
  } else {
    ref.form = Reference::Form::Opaque;
  }
  return ref;
}

// A list property (ManagedPolicyArns, Roles, Groups ...). Returns false when the list itself
// is computed at deploy time.
bool references(const JsonNode* list, const JsonNode& resources, std::vector<Reference>& out, RenderBudget& budget,
                std::vector<LoadNote>& notes) {
  if (list == nullptr) return true;
  if (!list->is_array()) {
    if (list->is_object() && is_intrinsic(*list) && intrinsic_name(*list) == "Fn::If") {
      if (const JsonNode* branch = if_branch(*list); branch != nullptr && branch->is_array()) {
        size_t first = out.size();
        references(branch, resources, out, budget, notes);
        for (size_t i = first; i < out.size(); ++i) out[i].conditional = true;
        return true;
      }
    }
    return false;
  }
  for (const auto& item : list->items) {
    if (is_no_value(item)) continue;
    if (is_intrinsic(item) && intrinsic_name(item) == "Fn::If") {
      if (const JsonNode* branch = if_branch(item)) {
        out.push_back(make_reference(*branch, resources, true, budget, notes));
      }
      continue;
    }
    out.push_back(make_reference(item, resources, false, budget, notes));
  }
  return true;
}

constexpr std::string_view kSamPolicyTemplates[] = {
#include "input/sam_policy_templates.inc"
};

bool sam_policy_template(std::string_view name) {
  return std::binary_search(std::begin(kSamPolicyTemplates), std::end(kSamPolicyTemplates), name);
}

struct ResourcePolicyType {
  std::string_view type;
  std::string_view property;
};

// Resource-based policies that templates commonly carry; linted as resource policies.
constexpr std::array<ResourcePolicyType, 6> kResourcePolicies = {{
    {"AWS::S3::BucketPolicy", "PolicyDocument"},
    {"AWS::SQS::QueuePolicy", "PolicyDocument"},
    {"AWS::SNS::TopicPolicy", "PolicyDocument"},
    {"AWS::KMS::Key", "KeyPolicy"},
    {"AWS::SecretsManager::ResourcePolicy", "ResourcePolicy"},
    {"AWS::ECR::Repository", "RepositoryPolicyText"},
}};

class Extractor {
 public:
  Extractor(LoadedFile& file, bool yaml) : file_(file), yaml_(yaml), budget_(file.source->text().size()) {}

  void run() { run_in(*file_.json.root, *file_.json.root); }

  // The Resources of `container`: the template's root, or serverless.yml's `resources`.
  void run_in(JsonNode& root, JsonNode& container) {
    JsonMember* resources = nullptr;
    for (auto& m : container.members) {
      if (m.key == "Resources" && m.value.is_object()) resources = &m;
    }
    if (resources == nullptr) return;
    resources_ = &resources->value;
    for (auto& res : resources->value.members) resource(res);
    // Documents were rewritten in place; parent links inside them must follow.
    relink(root, nullptr, 0);
  }

 private:
  LoadedFile& file_;
  bool yaml_;
  RenderBudget budget_;
  const JsonNode* resources_ = nullptr;

  // Adds the policy at `props[key]` (neutralized) as a document; returns its index.
  std::optional<size_t> document(JsonMember& res, JsonNode& value, std::string origin, KindHint hint) {
    neutralize(value, budget_, file_.notes);
    if (value.is_string() && value.opaque) return std::nullopt;  // e.g. PolicyDocument: !Ref Param
    size_t index = 0;
    if (!add_policy_document(file_, value, hint, !yaml_, index)) return std::nullopt;
    file_.documents[index].origin = std::move(origin);
    (void)res;
    return index;
  }

  static JsonNode* mutable_member(JsonNode* node, std::string_view key) {
    if (node == nullptr || !node->is_object()) return nullptr;
    for (auto& m : node->members) {
      if (m.key == key) return &m.value;
    }
    return nullptr;
  }

  std::string base_origin(const JsonMember& res) const {
    std::string origin = "Resources";
    append_origin(origin, res.key);
    origin += "/Properties";
    return origin;
  }

  // Policies: [{PolicyName, PolicyDocument}] of a role, user or group.
  void inline_list(JsonMember& res, JsonNode* list, Entity& entity) {
    if (list == nullptr) return;
    neutralize_if(*list);
    if (!list->is_array()) return;
    for (size_t i = 0; i < list->items.size(); ++i) {
      JsonNode& item = list->items[i];
      neutralize_if(item);
      JsonNode* doc = mutable_member(&item, "PolicyDocument");
      if (doc == nullptr) continue;
      std::string origin = base_origin(res) + "/Policies/" + std::to_string(i) + "/PolicyDocument";
      auto index = document(res, *doc, origin, KindHint::Identity);
      if (!index) continue;
      InlinePolicy p;
      p.name = literal(member(&item, "PolicyName"));
      p.document = *index;
      p.node = &item;
      entity.inline_policies.push_back(std::move(p));
    }
  }

  // A list item or list that is Fn::If becomes its chosen branch, so the entries can be read.
  static void neutralize_if(JsonNode& n) {
    if (is_intrinsic(n) && intrinsic_name(n) == "Fn::If") {
      if (const JsonNode* branch = if_branch(n)) {
        JsonNode chosen = std::move(const_cast<JsonNode&>(*branch));
        n = std::move(chosen);
      }
    }
  }

  std::optional<Reference> single(const JsonNode* node) {
    if (node == nullptr || is_no_value(*node)) return std::nullopt;
    if (is_intrinsic(*node) && intrinsic_name(*node) == "Fn::If") {
      const JsonNode* branch = if_branch(*node);
      if (branch == nullptr) return std::nullopt;
      Reference r = make_reference(*branch, *resources_, true, budget_, file_.notes);
      return r;
    }
    return make_reference(*node, *resources_, false, budget_, file_.notes);
  }

  // One entry of a SAM Policies property (or the property itself when it is not a list).
  void sam_policy(JsonMember& res, JsonNode& item, const std::string& origin, size_t index, Entity& entity) {
    bool conditional = false;
    if (is_intrinsic(item) && intrinsic_name(item) == "Fn::If") {
      conditional = true;
      if (if_branch(item) == nullptr) return;
      neutralize_if(item);
    }
    if (is_no_value(item)) return;
    if (item.is_string() || is_intrinsic(item)) {
      // A managed policy: SAM turns an AWS managed policy name into its ARN and passes the rest.
      entity.managed.push_back(make_reference(item, *resources_, conditional, budget_, file_.notes));
      return;
    }
    if (!item.is_object()) {
      file_.notes.push_back({item.begin,
                             "a SAM Policies entry is a managed policy name or ARN, a policy document "
                             "or a policy template; this " +
                                 std::string(type_name(item.type)) + " is none of them and is not read"});
      return;
    }
    if (item.members.size() == 1 && item.find("Statement") == nullptr && item.find("Version") == nullptr) {
      const JsonMember& tmpl = item.members[0];
      if (!sam_policy_template(tmpl.key)) {
        file_.notes.push_back({tmpl.key_begin, "'" + tmpl.key +
                                                   "' is not an AWS SAM policy template name (SAM rejects the "
                                                   "template); the permissions it was meant to grant are unknown"});
      }
      // A template SAM expands into narrow, resource-scoped statements of its own: neither the
      // user's text (never linted) nor modelled; the role's other policies still are.
      return;
    }
    auto doc = document(res, item, origin, KindHint::Identity);
    if (!doc) return;
    InlinePolicy p;
    p.name = res.key + "RolePolicy" + std::to_string(index);
    p.document = *doc;
    p.node = &item;
    entity.inline_policies.push_back(std::move(p));
  }

  void sam_resource(JsonMember& res, JsonNode* props, bool function) {
    const std::string origin = base_origin(res);
    JsonNode* policies = mutable_member(props, "Policies");
    if (member(props, "Role") != nullptr) {
      // SAM: "If the Role property is set, this property is ignored."
      if (policies != nullptr) {
        file_.notes.push_back({policies->begin, "Policies is ignored by SAM because Role is set: " + res.key +
                                                    " gets no generated role and these policies are not read"});
      }
      return;
    }
    Entity entity;
    entity.kind = EntityKind::Role;
    entity.logical_id = res.key + "Role";  // the logical id SAM gives the generated role
    entity.anchor_begin = res.key_begin;
    entity.anchor_end = res.key_end;
    entity.anchor = &res.value;
    if (JsonNode* trust = mutable_member(props, "AssumeRolePolicyDocument")) {
      entity.trust = document(res, *trust, origin + "/AssumeRolePolicyDocument", KindHint::Trust);
    } else {
      entity.trust = add_generated_trust(file_, res.key_begin, res.key_end,
                                         function ? "lambda.amazonaws.com" : "states.amazonaws.com", origin);
    }
    if (function) {
      // Every function role SAM generates has this AWS managed policy (CloudWatch Logs).
      Reference basic;
      basic.form = Reference::Form::Arn;
      basic.text = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
      basic.node = member(&res.value, "Type");
      entity.managed.push_back(std::move(basic));
    }
    entity.boundary = single(member(props, "PermissionsBoundary"));
    if (policies != nullptr) {
      if (is_intrinsic(*policies) && intrinsic_name(*policies) != "Fn::If") {
        entity.managed_list_opaque = true;  // Policies: !Ref PolicyList
      } else {
        neutralize_if(*policies);
        if (policies->is_array()) {
          for (size_t i = 0; i < policies->items.size(); ++i) {
            sam_policy(res, policies->items[i], origin + "/Policies/" + std::to_string(i), i, entity);
          }
        } else {
          sam_policy(res, *policies, origin + "/Policies", 0, entity);
        }
      }
    }
    file_.entities.push_back(std::move(entity));
  }

  void resource(JsonMember& res) {
    const JsonNode* type_node = member(&res.value, "Type");
    if (type_node == nullptr || !type_node->is_string()) return;
    const std::string& type = type_node->text;
    JsonNode* props = mutable_member(&res.value, "Properties");
    const std::string origin = base_origin(res);
    if (type == "AWS::Serverless::Function" || type == "AWS::Serverless::StateMachine") {
      sam_resource(res, props, type == "AWS::Serverless::Function");
      return;
    }

    for (const auto& rp : kResourcePolicies) {
      if (type != rp.type) continue;
      if (JsonNode* doc = mutable_member(props, rp.property)) {
        document(res, *doc, origin + "/" + std::string(rp.property), KindHint::Resource);
      }
      return;
    }
    if (!type.starts_with("AWS::IAM::")) return;

    Entity entity;
    entity.logical_id = res.key;
    entity.anchor_begin = res.key_begin;
    entity.anchor_end = res.key_end;
    entity.anchor = &res.value;
    std::string_view kind = std::string_view(type).substr(10);
    if (kind == "Role" || kind == "User" || kind == "Group") {
      entity.kind = kind == "Role" ? EntityKind::Role : kind == "User" ? EntityKind::User : EntityKind::Group;
      entity.name = literal(member(props, kind == "Role" ? "RoleName" : kind == "User" ? "UserName" : "GroupName"));
      if (entity.kind == EntityKind::Role) {
        if (JsonNode* trust = mutable_member(props, "AssumeRolePolicyDocument")) {
          entity.trust = document(res, *trust, origin + "/AssumeRolePolicyDocument", KindHint::Trust);
        }
      }
      inline_list(res, mutable_member(props, "Policies"), entity);
      entity.managed_list_opaque =
          !references(member(props, "ManagedPolicyArns"), *resources_, entity.managed, budget_, file_.notes);
      if (entity.kind == EntityKind::User) {
        references(member(props, "Groups"), *resources_, entity.groups, budget_, file_.notes);
      }
      if (entity.kind != EntityKind::Group) entity.boundary = single(member(props, "PermissionsBoundary"));
    } else if (kind == "ManagedPolicy" || kind == "Policy" || kind == "RolePolicy" || kind == "UserPolicy" ||
               kind == "GroupPolicy") {
      entity.kind = kind == "ManagedPolicy" ? EntityKind::ManagedPolicy : EntityKind::InlinePolicy;
      entity.name = literal(member(props, kind == "ManagedPolicy" ? "ManagedPolicyName" : "PolicyName"));
      if (JsonNode* doc = mutable_member(props, "PolicyDocument")) {
        entity.document = document(res, *doc, origin + "/PolicyDocument", KindHint::Identity);
      }
      if (kind == "RolePolicy" || kind == "UserPolicy" || kind == "GroupPolicy") {
        std::string_view key = kind == "RolePolicy" ? "RoleName" : kind == "UserPolicy" ? "UserName" : "GroupName";
        auto target = single(member(props, key));
        auto& list = kind == "RolePolicy" ? entity.roles : kind == "UserPolicy" ? entity.users : entity.in_groups;
        if (target) list.push_back(*target);
      } else {
        references(member(props, "Roles"), *resources_, entity.roles, budget_, file_.notes);
        references(member(props, "Users"), *resources_, entity.users, budget_, file_.notes);
        references(member(props, "Groups"), *resources_, entity.in_groups, budget_, file_.notes);
      }
    } else {
      return;  // InstanceProfile, AccessKey, ServiceLinkedRole ...: no policy of their own
    }
    file_.entities.push_back(std::move(entity));
  }
};

}  // namespace

size_t add_generated_trust(LoadedFile& file, uint32_t begin, uint32_t end, std::string_view service,
                           std::string origin) {
  auto embedded = std::make_unique<EmbeddedPolicy>();
  embedded->text = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":[")";
  embedded->text += service;
  embedded->text += R"("]},"Action":["sts:AssumeRole"]}]})";
  embedded->json = parse_embedded_json(embedded->text, begin, end);
  Document doc;
  doc.source = file.source.get();
  doc.root = embedded->json.root.get();
  doc.kind_hint = KindHint::Trust;
  doc.fixable = false;
  doc.generated = true;
  doc.origin = std::move(origin);
  file.embedded.push_back(std::move(embedded));
  file.documents.push_back(std::move(doc));
  return file.documents.size() - 1;
}

void neutralize_intrinsics(JsonNode& n, RenderBudget& budget, std::vector<LoadNote>& notes) {
  neutralize(n, budget, notes);
}

bool managed_references(const JsonNode* list, const JsonNode* resources, std::vector<Reference>& out,
                        RenderBudget& budget, std::vector<LoadNote>& notes) {
  static const JsonNode kNone;
  return references(list, resources != nullptr ? *resources : kNone, out, budget, notes);
}

void extract_cloudformation_resources(LoadedFile& file, JsonNode& container, bool yaml) {
  Extractor(file, yaml).run_in(*file.json.root, container);
}

bool is_cloudformation(const JsonNode& root) {
  if (!root.is_object()) return false;
  if (root.find("AWSTemplateFormatVersion") != nullptr) return true;
  if (const JsonNode* transform = member(&root, "Transform")) {
    // SAM: Transform: AWS::Serverless-2016-10-31, or a list of transforms holding it.
    auto sam = [](const JsonNode& n) { return n.is_string() && n.text.starts_with("AWS::Serverless-"); };
    if (sam(*transform)) return true;
    if (transform->is_array() && std::any_of(transform->items.begin(), transform->items.end(), sam)) return true;
  }
  const JsonNode* resources = member(&root, "Resources");
  if (resources == nullptr || !resources->is_object()) return false;
  for (const auto& m : resources->members) {
    const JsonNode* type = member(&m.value, "Type");
    if (type != nullptr && type->is_string() && type->text.starts_with("AWS::")) return true;
  }
  return false;
}

void extract_cloudformation(LoadedFile& file, bool yaml) {
  file.format = Format::CloudFormation;
  Extractor(file, yaml).run();
}

}  // namespace sagelint::input

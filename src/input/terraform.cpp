// Terraform configuration: policies and IAM entities from the HCL tree (hcl.hpp).
//
// A policy reaches IAM from a .tf file in three written forms, each turned into the located
// JSON tree the rules read, with ranges in the .tf file:
// - jsonencode({...}): the HCL object itself, converted node by node;
// - a heredoc or quoted string holding JSON: the JSON is parsed where it is written (a heredoc's
//   text is the file's text, so every JSON token keeps its exact range);
// - data "aws_iam_policy_document": statement blocks translated to the JSON the AWS provider
//   renders (Effect defaults to Allow, single-item lists become strings, principals and
//   conditions grouped), each element pointing at the HCL attribute or block it comes from.
//
// What Terraform computes (var.x, aws_s3_bucket.b.arn, function calls, for-expressions,
// conditionals) is an opaque string node, like a CloudFormation Ref: "${var.bucket}" inside
// "arn:aws:s3:::${var.bucket}/*" keeps the ARN around it checkable. "$${aws:username}" is the
// literal "${aws:username}" (an IAM policy variable), and so is "&{aws:username}" inside an
// aws_iam_policy_document, which the provider rewrites.
#include "input/terraform.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "input/containers.hpp"
#include "input/hcl.hpp"
#include "input/yaml.hpp"

namespace sagelint::input {

bool is_terraform_path(std::string_view path) { return path.size() > 3 && path.substr(path.size() - 3) == ".tf"; }

namespace {

using hcl::Expr;
using hcl::ExprKind;
using hcl::TemplatePart;

// Resource types whose attribute holds a resource-based (or organization) policy.
struct PolicyAttribute {
  std::string_view type;
  std::string_view attribute;
  KindHint hint;
};
constexpr std::array<PolicyAttribute, 24> kPolicyAttributes = {{
    {"aws_s3_bucket_policy", "policy", KindHint::Resource},
    {"aws_s3_bucket", "policy", KindHint::Resource},
    {"aws_sqs_queue_policy", "policy", KindHint::Resource},
    {"aws_sqs_queue", "policy", KindHint::Resource},
    {"aws_sns_topic_policy", "policy", KindHint::Resource},
    {"aws_sns_topic", "policy", KindHint::Resource},
    {"aws_kms_key", "policy", KindHint::Resource},
    {"aws_kms_key_policy", "policy", KindHint::Resource},
    {"aws_ecr_repository_policy", "policy", KindHint::Resource},
    {"aws_ecr_registry_policy", "policy", KindHint::Resource},
    {"aws_secretsmanager_secret_policy", "policy", KindHint::Resource},
    {"aws_secretsmanager_secret", "policy", KindHint::Resource},
    {"aws_glacier_vault", "access_policy", KindHint::Resource},
    {"aws_elasticsearch_domain", "access_policies", KindHint::Resource},
    {"aws_elasticsearch_domain_policy", "access_policies", KindHint::Resource},
    {"aws_opensearch_domain", "access_policies", KindHint::Resource},
    {"aws_opensearch_domain_policy", "access_policies", KindHint::Resource},
    {"aws_cloudwatch_log_resource_policy", "policy_document", KindHint::Resource},
    {"aws_backup_vault_policy", "policy", KindHint::Resource},
    {"aws_efs_file_system_policy", "policy", KindHint::Resource},
    {"aws_api_gateway_rest_api_policy", "policy", KindHint::Resource},
    {"aws_lambda_layer_version_permission", "policy", KindHint::Resource},
    {"aws_vpc_endpoint", "policy", KindHint::Resource},
    {"aws_codeartifact_domain_permissions_policy", "policy_document", KindHint::Resource},
}};

std::string_view src(std::string_view text, hcl::Range r) { return text.substr(r.begin, r.end - r.begin); }

// "${...}" text for a computed value: the reference as written when it is one (no colon in it,
// so it can never read as an IAM policy variable), "${...}" otherwise.
void render_computed(const Expr& e, std::string_view text, std::string& out) {
  const Expr* x = &e;
  while (x->kind == ExprKind::Parens) x = x->items[0].get();
  bool reference = x->kind == ExprKind::Variable || x->kind == ExprKind::GetAttr || x->kind == ExprKind::Index;
  std::string_view written = src(text, x->range);
  if (reference && written.find(':') == std::string_view::npos && written.find('"') == std::string_view::npos &&
      written.size() <= 200) {
    out += "${";
    for (char c : written) {
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') out += c;
    }
    out += "}";
  } else {
    out += "${...}";
  }
}

// A template's text; false when part of it is computed.
bool render_template(const std::vector<TemplatePart>& parts, std::string_view text, std::string& out) {
  bool known = true;
  for (const auto& p : parts) {
    switch (p.kind) {
      case TemplatePart::Kind::Literal:
        out += p.text;
        break;
      case TemplatePart::Kind::Interpolation:
        render_computed(*p.expr, text, out);
        known = false;
        break;
      case TemplatePart::Kind::If:
      case TemplatePart::Kind::For:
        out += "${...}";
        known = false;
        break;
    }
  }
  return known;
}

// "&{" is the aws_iam_policy_document spelling of an IAM policy variable's "${".
std::string ampersand_variables(std::string s) {
  for (size_t i = s.find("&{"); i != std::string::npos; i = s.find("&{", i + 2)) s[i] = '$';
  return s;
}

struct Converter {
  std::string_view text;
  bool ampersand = false;  // inside aws_iam_policy_document: &{x} is ${x}
  // Inside the content of a dynamic "statement" whose for_each is a literal: the iterator's
  // name and the element of this iteration. `<name>.value`, `<name>.value.attr` and
  // lookup(<name>.value, "attr", default) stand for the literal they name, at its place.
  std::string_view iterator;
  const Expr* element = nullptr;

  // The literal an iterator reference stands for; null when `e` is not one (or names what the
  // element does not hold: Terraform's error, or a value left computed here).
  const Expr* substitute(const Expr& e) const {
    if (element == nullptr) return nullptr;
    if (e.kind == ExprKind::GetAttr && e.name == "value" && e.items[0]->kind == ExprKind::Variable &&
        e.items[0]->name == iterator) {
      return element;
    }
    auto member = [](const Expr* object, std::string_view name) -> const Expr* {
      while (object != nullptr && object->kind == ExprKind::Parens) object = object->items[0].get();
      if (object == nullptr || object->kind != ExprKind::Object) return nullptr;
      for (const auto& m : object->members) {
        std::string key;
        if ((m.key->bare_key && m.key->name == name) || (m.key->literal_string(key) && key == name)) {
          return m.value.get();
        }
      }
      return nullptr;
    };
    if (e.kind == ExprKind::GetAttr) return member(substitute(*e.items[0]), e.name);
    if (e.kind == ExprKind::Call && e.name == "lookup" && (e.items.size() == 2 || e.items.size() == 3) &&
        !e.expand_final) {
      const Expr* object = substitute(*e.items[0]);
      std::string key;
      if (object == nullptr || !e.items[1]->literal_string(key)) return nullptr;
      const Expr* found = member(object, key);
      return found != nullptr ? found : e.items.size() == 3 ? e.items[2].get() : nullptr;
    }
    return nullptr;
  }

  void string_node(JsonNode& out, std::string value, bool opaque, hcl::Range r) const {
    out.type = JsonType::String;
    out.text = ampersand ? ampersand_variables(std::move(value)) : std::move(value);
    out.opaque = opaque;
    out.begin = r.begin;
    out.end = r.end;
  }

  void computed(const Expr& e, JsonNode& out) const {
    std::string t;
    render_computed(e, text, t);
    string_node(out, std::move(t), true, e.range);
  }

  // jsonencode's argument (or a value in a policy document data source) as the JSON it renders.
  void convert(const Expr& e, JsonNode& out) const {
    if (const Expr* literal = substitute(e)) {
      Converter inner = *this;
      inner.element = nullptr;  // the literal is written outside the content block
      inner.convert(*literal, out);
      return;
    }
    out = JsonNode();
    out.begin = e.range.begin;
    out.end = e.range.end;
    switch (e.kind) {
      case ExprKind::Null:
        out.type = JsonType::Null;
        return;
      case ExprKind::Bool:
        // aws_iam_policy_document's values are strings: Terraform converts true to "true".
        if (ampersand) {
          string_node(out, e.boolean ? "true" : "false", false, e.range);
          return;
        }
        out.type = JsonType::Bool;
        out.boolean = e.boolean;
        return;
      case ExprKind::Number:
        if (ampersand) {
          string_node(out, e.name, false, e.range);
          return;
        }
        out.type = JsonType::Number;
        out.text = e.name;
        return;
      case ExprKind::Template: {
        std::string t;
        bool known = render_template(e.parts, text, t);
        string_node(out, std::move(t), !known, e.range);
        return;
      }
      case ExprKind::Tuple:
        out.type = JsonType::Array;
        out.items.resize(e.items.size());
        for (size_t i = 0; i < e.items.size(); ++i) convert(*e.items[i], out.items[i]);
        return;
      case ExprKind::Object:
        out.type = JsonType::Object;
        for (const auto& m : e.members) {
          JsonMember jm;
          key_text(*m.key, jm.key);
          jm.key_begin = m.key->range.begin;
          jm.key_end = m.key->range.end;
          convert(*m.value, jm.value);
          out.members.push_back(std::move(jm));
        }
        return;
      case ExprKind::Parens:
        convert(*e.items[0], out);
        out.begin = e.range.begin;
        out.end = e.range.end;
        return;
      default:
        computed(e, out);
        return;
    }
  }

  // The key's text; a computed key ("${local.oidc}:sub", (var.k)) is rendered like a computed
  // string. False when it is computed.
  bool key_text(const Expr& key, std::string& out) const {
    if (key.bare_key) {
      out = key.name;
      return true;
    }
    if (key.kind == ExprKind::Template) {
      out.clear();
      return render_template(key.parts, text, out);
    }
    out.clear();
    render_computed(key, text, out);
    return false;
  }
};

// ---- JSON written in a string ----

// The interpolations and directives of a template, by range.
void template_ranges(const std::vector<TemplatePart>& parts, std::vector<hcl::Range>& out) {
  for (const auto& p : parts) {
    if (p.kind != TemplatePart::Kind::Literal) out.push_back(p.range);
  }
}

// After parsing JSON text written in a heredoc: every string that holds an interpolation is
// computed (opaque, shown with "${...}" for what is not a plain reference), and "$${" / "%%{"
// are the literal "${" / "%{".
void fix_strings(JsonNode& n, const std::vector<hcl::Range>& computed, std::string_view text) {
  if (n.is_string()) {
    bool opaque = false;
    for (const auto& r : computed) opaque = opaque || (r.begin >= n.begin && r.end <= n.end);
    if (!opaque && n.text.find("$${") == std::string::npos && n.text.find("%%{") == std::string::npos) return;
    std::string out;
    const std::string& t = n.text;
    for (size_t i = 0; i < t.size();) {
      if ((t[i] == '$' || t[i] == '%') && i + 2 < t.size() && t[i + 1] == t[i] && t[i + 2] == '{') {
        out += t[i];
        out += '{';
        i += 3;
      } else if (opaque && t[i] == '$' && i + 1 < t.size() && t[i + 1] == '{') {
        size_t close = t.find('}', i);
        std::string_view inner =
            std::string_view(t).substr(i + 2, close == std::string::npos ? std::string::npos : close - i - 2);
        bool plain = !inner.empty() && inner.find_first_of(":\"(?= ") == std::string_view::npos;
        out += plain ? "${" + std::string(inner) + "}" : std::string("${...}");
        i = close == std::string::npos ? t.size() : close + 1;
      } else {
        out += t[i++];
      }
    }
    n.text = std::move(out);
    n.opaque = n.opaque || opaque;
    (void)text;
    return;
  }
  for (auto& item : n.items) fix_strings(item, computed, text);
  for (auto& m : n.members) fix_strings(m.value, computed, text);
}

struct ParsedString {
  JsonParseResult json;
  bool computed_outside_strings = false;  // "${...}" where JSON expects a value: not linted
};

// JSON in a heredoc: the file's own bytes, with each interpolation or directive that stands
// where a JSON value goes replaced by a same-length placeholder string (so offsets stay file
// offsets and the value reads as computed).
ParsedString parse_heredoc_json(const Expr& e, std::string_view text) {
  ParsedString out;
  // Content: after the opener's line break, up to the closing marker's line.
  uint32_t content = e.range.begin;
  while (content < e.range.end && text[content] != '\n') ++content;
  ++content;
  uint32_t close = e.range.end;
  while (close > content && text[close - 1] != '\n') --close;
  std::string body(text.substr(content, close - content));
  std::vector<hcl::Range> computed;
  template_ranges(e.parts, computed);
  bool in_string = false;
  size_t next = 0;
  for (size_t i = 0; i < body.size(); ++i) {
    const uint32_t at = content + static_cast<uint32_t>(i);
    while (next < computed.size() && computed[next].end <= at) ++next;
    if (next < computed.size() && computed[next].begin == at) {
      const hcl::Range r = computed[next];
      const size_t len = r.end - r.begin;
      for (size_t k = 0; k < len && i + k < body.size(); ++k) {
        char& c = body[i + k];
        if (in_string) {
          if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20) c = '_';
        } else {
          c = k == 0 || k + 1 == len ? '"' : (c == '\n' ? '\n' : '_');
        }
      }
      if (!in_string) out.computed_outside_strings = true;
      i += len - 1;
      continue;
    }
    char c = body[i];
    if (c == '\\' && in_string) {
      ++i;
    } else if (c == '"') {
      in_string = !in_string;
    }
  }
  out.json = parse_json(body);
  if (out.json.root) {
    shift_ranges(*out.json.root, content);
    fix_strings(*out.json.root, computed, text);
  }
  for (auto& err : out.json.errors) {
    err.offset += content;
    err.end += content;
  }
  out.json.error.offset += content;
  out.json.error.end += content;
  return out;
}

// ---- computed structure ----

// A value that is one computed expression as a whole ("${var.effect}", "${...}"), not text
// around one.
bool computed_whole(const JsonNode& n) {
  return n.is_string() && n.opaque && n.text.starts_with("${") && n.text.ends_with("}") &&
         n.text.find("${", 2) == std::string::npos;
}

bool computed_key(std::string_view key) { return key.find("${") != std::string_view::npos; }

// A statement whose structure Terraform computes (its Effect or Action is a variable, a
// principal type or condition operator is computed): what IAM will see is not written here.
bool statement_computed(const JsonNode& st) {
  for (const auto& m : st.members) {
    if ((m.key == "Effect" || m.key == "Action" || m.key == "NotAction") && computed_whole(m.value)) return true;
    if ((m.key == "Principal" || m.key == "NotPrincipal") && m.value.is_object()) {
      for (const auto& p : m.value.members) {
        if (computed_key(p.key)) return true;
      }
    }
    if (m.key == "Condition") {
      if (computed_whole(m.value)) return true;
      for (const auto& op : m.value.members) {
        if (computed_key(op.key) || computed_whole(op.value)) return true;
        for (const auto& k : op.value.members) {
          // "${local.oidc}:sub" names its key; "${condition.value.variable}" does not.
          const size_t close = k.key.rfind('}');
          if (computed_key(k.key) && (close == std::string::npos || k.key.find(':', close) == std::string::npos)) {
            return true;
          }
        }
      }
    }
  }
  return false;
}

// Drops what Terraform computes the structure of. False when nothing of the policy is left to
// lint (its Statement or Version is computed, or every statement is).
bool prune_computed(JsonNode& root) {
  if (!root.is_object()) return !computed_whole(root);
  for (size_t i = 0; i < root.members.size(); ++i) {
    if (root.members[i].key == "Version" && computed_whole(root.members[i].value)) return false;
  }
  for (auto& m : root.members) {
    if (m.key != "Statement") continue;
    if (computed_whole(m.value)) return false;
    std::vector<JsonNode*> statements;
    if (m.value.is_object()) statements.push_back(&m.value);
    for (auto& item : m.value.items) statements.push_back(&item);
    for (JsonNode* st : statements) {
      std::erase_if(st->members, [](const JsonMember& x) { return x.key == "Sid" && computed_whole(x.value); });
    }
    if (m.value.is_array()) {
      const size_t before = m.value.items.size();
      std::erase_if(m.value.items, [](const JsonNode& st) { return st.is_object() && statement_computed(st); });
      if (before > 0 && m.value.items.empty()) return false;
    } else if (m.value.is_object() && statement_computed(m.value)) {
      return false;
    }
  }
  return true;
}

// ---- the extractor ----

struct PendingDocument {
  std::string key;  // member of the file tree holding it
  JsonNode tree;
  bool has_tree = false;
  KindHint hint = KindHint::Unknown;
  std::vector<JsonError> errors;  // syntax errors (JSON in a string)
  JsonError error;                // when there is no tree
};

// A data "aws_iam_policy_document" of this file, converted once.
struct DataDocument {
  const hcl::Block* block = nullptr;
  JsonNode tree;
  bool complete = true;  // no source/override documents merged in at plan time, no dynamic statement
  bool lint = true;      // has statements of its own (not only source/override documents)
};

class Extractor {
 public:
  Extractor(LoadedFile& file, const hcl::File& hcl) : file_(file), text_(file.source->text()), hcl_(hcl) {}

 private:
  LoadedFile& file_;
  std::string_view text_;
  const hcl::File& hcl_;
  std::vector<PendingDocument> pending_;
  std::map<std::string, DataDocument> data_;  // by name
  std::vector<Entity> entities_;

  static std::string address(const hcl::Block& b) { return b.labels[0] + "." + b.labels[1]; }

  // ---- aws_iam_policy_document ----

  void policy_document(const hcl::Block& b) {
    DataDocument& d = data_[b.labels[1]];
    d = DataDocument();  // a second block of the same name (Terraform rejects it): the last one
    d.block = &b;
    Converter conv{text_, true};
    JsonNode& root = d.tree;
    root.type = JsonType::Object;
    root.begin = b.range.begin;
    root.end = b.range.end;
    auto add = [&](const char* key, hcl::Range key_range, JsonNode value) {
      JsonMember m;
      m.key = key;
      m.key_begin = key_range.begin;
      m.key_end = key_range.end;
      m.value = std::move(value);
      root.members.push_back(std::move(m));
    };
    const hcl::Attribute* version = b.body.attribute("version");
    JsonNode v;
    if (version != nullptr) {
      conv.convert(*version->value, v);
      add("Version", version->name_range, std::move(v));
    } else {
      // The provider writes Version "2012-10-17" when none is given.
      v.type = JsonType::String;
      v.text = "2012-10-17";
      v.begin = b.type_range.begin;
      v.end = b.type_range.end;
      add("Version", b.type_range, std::move(v));
    }
    if (const hcl::Attribute* id = b.body.attribute("policy_id")) {
      JsonNode n;
      conv.convert(*id->value, n);
      add("Id", id->name_range, std::move(n));
    }
    d.complete = b.body.attribute("source_policy_documents") == nullptr &&
                 b.body.attribute("override_policy_documents") == nullptr &&
                 b.body.attribute("source_json") == nullptr && b.body.attribute("override_json") == nullptr;
    JsonNode statements;
    statements.type = JsonType::Array;
    statements.begin = b.range.begin;
    statements.end = b.range.end;
    hcl::Range statement_key = b.type_range;
    bool any = false;
    for (const auto& sb : b.body.blocks) {
      const hcl::Block* st = nullptr;
      if (sb.type == "statement") {
        st = &sb;
      } else if (sb.type == "dynamic" && sb.labels.size() == 1 && sb.labels[0] == "statement") {
        // dynamic "statement" over a literal list or map: one statement per element, each value
        // at its place in the literal. Over a computed collection the statements are
        // Terraform's to compute: the policy is not complete without them.
        std::vector<const Expr*> elements;
        const hcl::Block* content = nullptr;
        for (const auto& c : sb.body.blocks) {
          if (c.type == "content") content = &c;
        }
        if (content == nullptr || !literal_elements(sb, elements)) {
          d.complete = false;
          file_.notes.push_back({sb.type_range.begin,
                                 "dynamic \"statement\" over a value Terraform computes is not rendered: the "
                                 "policy document is linted without those statements, and what uses it is not "
                                 "judged on it"});
          continue;
        }
        std::string iterator = "statement";
        if (const hcl::Attribute* it = sb.body.attribute("iterator")) {
          if (it->value->kind == ExprKind::Variable) iterator = it->value->name;
        }
        for (const Expr* element : elements) {
          if (!any) statement_key = sb.type_range;
          any = true;
          Converter each = conv;
          each.iterator = iterator;
          each.element = element;
          JsonNode s;
          statement(*content, sb, each, s);
          statements.items.push_back(std::move(s));
        }
        continue;
      }
      if (st == nullptr) continue;
      if (!any) statement_key = sb.type_range;
      any = true;
      JsonNode s;
      statement(*st, sb, conv, s);
      statements.items.push_back(std::move(s));
    }
    d.lint = any || d.complete;
    if (d.lint) add("Statement", statement_key, std::move(statements));
  }

  // The elements a dynamic block's for_each iterates over when it is written as a literal: a
  // tuple, toset(tuple) or an object (Terraform iterates a map and a set of strings in
  // lexical order). False when the collection is computed.
  static bool literal_elements(const hcl::Block& dynamic, std::vector<const Expr*>& out) {
    const hcl::Attribute* for_each = dynamic.body.attribute("for_each");
    if (for_each == nullptr) return false;
    const Expr* e = for_each->value.get();
    while (e->kind == ExprKind::Parens) e = e->items[0].get();
    bool set = false;
    if (e->kind == ExprKind::Call && e->name == "toset" && e->items.size() == 1 && !e->expand_final) {
      e = e->items[0].get();
      set = true;
    }
    if (e->kind == ExprKind::Tuple) {
      std::vector<std::pair<std::string, const Expr*>> items;
      for (const auto& item : e->items) {
        std::string text;
        if (set && !item->literal_string(text)) return false;  // a set of objects: order unknown
        items.emplace_back(std::move(text), item.get());
      }
      if (set) {
        std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        items.erase(
            std::unique(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.first == b.first; }),
            items.end());
      }
      for (const auto& [text, item] : items) out.push_back(item);
      return true;
    }
    if (e->kind == ExprKind::Object && !set) {
      std::vector<std::pair<std::string, const Expr*>> items;
      for (const auto& m : e->members) {
        std::string key;
        if (m.key->bare_key) {
          key = m.key->name;
        } else if (!m.key->literal_string(key)) {
          return false;
        }
        items.emplace_back(std::move(key), m.value.get());
      }
      std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      for (const auto& [key, item] : items) out.push_back(item);
      return true;
    }
    return false;
  }

  void statement(const hcl::Block& st, const hcl::Block& outer, const Converter& conv, JsonNode& out) {
    out.type = JsonType::Object;
    out.begin = outer.range.begin;
    out.end = outer.range.end;
    auto add = [&](std::string key, hcl::Range key_range, JsonNode value) {
      JsonMember m;
      m.key = std::move(key);
      m.key_begin = key_range.begin;
      m.key_end = key_range.end;
      m.value = std::move(value);
      out.members.push_back(std::move(m));
    };
    auto attr = [&](const char* name, const char* key, bool list) {
      const hcl::Attribute* a = st.body.attribute(name);
      if (a == nullptr) return false;
      JsonNode n;
      conv.convert(*a->value, n);
      if (n.type == JsonType::Null) return false;  // null is an argument not set
      // The provider renders a one-item set as a plain string.
      if (list && n.is_array() && n.items.size() == 1) {
        JsonNode only = std::move(n.items[0]);
        n = std::move(only);
      }
      add(key, a->name_range, std::move(n));
      return true;
    };
    attr("sid", "Sid", false);
    if (!attr("effect", "Effect", false)) {
      JsonNode e;
      e.type = JsonType::String;
      e.text = "Allow";
      e.begin = outer.type_range.begin;
      e.end = outer.type_range.end;
      add("Effect", outer.type_range, std::move(e));
    }
    principals(st, "principals", "Principal", conv, out);
    principals(st, "not_principals", "NotPrincipal", conv, out);
    attr("actions", "Action", true);
    attr("not_actions", "NotAction", true);
    attr("resources", "Resource", true);
    attr("not_resources", "NotResource", true);
    conditions(st, conv, out);
  }

  void principals(const hcl::Block& st, std::string_view block_type, const char* key, const Converter& conv,
                  JsonNode& out) {
    JsonNode p;
    p.type = JsonType::Object;
    hcl::Range first{};
    bool any = false;
    for (const auto& b : st.body.blocks) {
      const hcl::Block* pb = &b;
      if (b.type == "dynamic" && b.labels.size() == 1 && b.labels[0] == block_type) {
        pb = nullptr;
        for (const auto& c : b.body.blocks) {
          if (c.type == "content") pb = &c;
        }
        if (pb == nullptr) continue;
      } else if (b.type != block_type) {
        continue;
      }
      if (!any) {
        first = b.type_range;
        p.begin = b.range.begin;
      }
      any = true;
      p.end = b.range.end;
      const hcl::Attribute* type = pb->body.attribute("type");
      const hcl::Attribute* ids = pb->body.attribute("identifiers");
      std::string type_text;
      JsonNode values;
      if (ids != nullptr) {
        conv.convert(*ids->value, values);
      } else {
        values.type = JsonType::Array;
        values.begin = b.range.begin;
        values.end = b.range.end;
      }
      if (type == nullptr || !type->value->literal_string(type_text)) {
        JsonNode t;
        if (type != nullptr) conv.convert(*type->value, t);
        type_text = t.is_string() ? t.text : "${...}";
      }
      // principals { type = "*" identifiers = ["*"] } renders as "Principal": "*".
      if (type_text == "*") {
        JsonNode star = values.is_array() && values.items.size() == 1 ? std::move(values.items[0]) : std::move(values);
        if (star.is_string() && star.text == "*" && p.members.empty()) {
          JsonMember m;
          m.key = key;
          m.key_begin = first.begin;
          m.key_end = first.end;
          m.value = std::move(star);
          out.members.push_back(std::move(m));
          return;
        }
        values = std::move(star);
      }
      // Blocks of one type are merged into one list, as the provider does.
      JsonMember* existing = nullptr;
      for (auto& m : p.members) {
        if (m.key == type_text) existing = &m;
      }
      if (existing == nullptr) {
        JsonMember m;
        m.key = type_text;
        m.key_begin = type != nullptr ? type->value->range.begin : b.type_range.begin;
        m.key_end = type != nullptr ? type->value->range.end : b.type_range.end;
        m.value = std::move(values);
        p.members.push_back(std::move(m));
      } else {
        if (!existing->value.is_array()) {
          JsonNode one = std::move(existing->value);
          existing->value = JsonNode();
          existing->value.type = JsonType::Array;
          existing->value.begin = one.begin;
          existing->value.end = one.end;
          existing->value.items.push_back(std::move(one));
        }
        if (values.is_array()) {
          for (auto& v : values.items) existing->value.items.push_back(std::move(v));
        } else {
          existing->value.items.push_back(std::move(values));
        }
        existing->value.end = std::max(existing->value.end, b.range.end);
      }
    }
    if (!any) return;
    for (auto& m : p.members) {
      if (m.value.is_array() && m.value.items.size() == 1) {
        JsonNode only = std::move(m.value.items[0]);
        m.value = std::move(only);
      }
    }
    JsonMember m;
    m.key = key;
    m.key_begin = first.begin;
    m.key_end = first.end;
    m.value = std::move(p);
    out.members.push_back(std::move(m));
  }

  void conditions(const hcl::Block& st, const Converter& conv, JsonNode& out) {
    JsonNode c;
    c.type = JsonType::Object;
    hcl::Range first{};
    bool any = false;
    for (const auto& b : st.body.blocks) {
      const hcl::Block* cb = &b;
      if (b.type == "dynamic" && b.labels.size() == 1 && b.labels[0] == "condition") {
        cb = nullptr;
        for (const auto& x : b.body.blocks) {
          if (x.type == "content") cb = &x;
        }
        if (cb == nullptr) continue;
      } else if (b.type != "condition") {
        continue;
      }
      if (!any) {
        first = b.type_range;
        c.begin = b.range.begin;
      }
      any = true;
      c.end = b.range.end;
      const hcl::Attribute* test = cb->body.attribute("test");
      const hcl::Attribute* variable = cb->body.attribute("variable");
      const hcl::Attribute* values = cb->body.attribute("values");
      JsonNode t;
      JsonNode var;
      JsonNode vals;
      if (test != nullptr) conv.convert(*test->value, t);
      if (variable != nullptr) conv.convert(*variable->value, var);
      if (values != nullptr) {
        conv.convert(*values->value, vals);
        if (vals.is_array() && vals.items.size() == 1) {
          JsonNode only = std::move(vals.items[0]);
          vals = std::move(only);
        }
      } else {
        vals.type = JsonType::Array;
        vals.begin = b.range.begin;
        vals.end = b.range.end;
      }
      std::string op = t.is_string() ? t.text : "${...}";
      std::string key = var.is_string() ? var.text : "${...}";
      JsonMember* block = nullptr;
      for (auto& m : c.members) {
        if (m.key == op) block = &m;
      }
      if (block == nullptr) {
        JsonMember m;
        m.key = op;
        m.key_begin = test != nullptr ? test->value->range.begin : b.type_range.begin;
        m.key_end = test != nullptr ? test->value->range.end : b.type_range.end;
        m.value.type = JsonType::Object;
        m.value.begin = b.range.begin;
        m.value.end = b.range.end;
        c.members.push_back(std::move(m));
        block = &c.members.back();
      }
      JsonMember entry;
      entry.key = key;
      entry.key_begin = variable != nullptr ? variable->value->range.begin : b.type_range.begin;
      entry.key_end = variable != nullptr ? variable->value->range.end : b.type_range.end;
      entry.value = std::move(vals);
      block->value.members.push_back(std::move(entry));
      block->value.end = std::max(block->value.end, b.range.end);
    }
    if (!any) return;
    JsonMember m;
    m.key = "Condition";
    m.key_begin = first.begin;
    m.key_end = first.end;
    m.value = std::move(c);
    out.members.push_back(std::move(m));
  }

  // ---- policy-valued attributes ----

  // NAME of data.aws_iam_policy_document.NAME.json (or .minified_json), wherever it is
  // declared; empty for any other expression.
  static std::string data_name(const Expr& value) {
    const Expr* e = &value;
    while (e->kind == ExprKind::Parens) e = e->items[0].get();
    if (e->kind != ExprKind::GetAttr || (e->name != "json" && e->name != "minified_json")) return {};
    const Expr* name = e->items[0].get();
    if (name->kind == ExprKind::Index) name = name->items[0].get();  // count: ...x[0].json
    if (name->kind != ExprKind::GetAttr) return {};
    const Expr* type = name->items[0].get();
    if (type->kind != ExprKind::GetAttr || type->name != "aws_iam_policy_document") return {};
    const Expr* data = type->items[0].get();
    if (data->kind != ExprKind::Variable || data->name != "data") return {};
    return name->name;
  }

  // data.aws_iam_policy_document.NAME.json (or .minified_json) of this file.
  const DataDocument* data_reference(const Expr& e) const {
    std::string name = data_name(e);
    if (name.empty()) return nullptr;
    auto it = data_.find(name);
    return it == data_.end() ? nullptr : &it->second;
  }

  // The data document NAME when `value` names one this file does not declare: another file of
  // the module may (principal/ resolves it).
  std::string elsewhere(const Expr& value) const {
    std::string name = data_name(value);
    return name.empty() || data_.contains(name) ? std::string() : name;
  }

  static bool is_call(const Expr& e, std::string_view name) { return e.kind == ExprKind::Call && e.name == name; }

  // The policy written at `value`: a document index, or nothing when it is computed (or
  // defined outside this file).
  std::optional<size_t> policy(const Expr& value, const std::string& key, KindHint hint) {
    const Expr* e = &value;
    while (e->kind == ExprKind::Parens) e = e->items[0].get();
    PendingDocument doc;
    doc.key = key;
    doc.hint = hint;
    if (is_call(*e, "jsonencode") && e->items.size() == 1 && !e->expand_final) {
      Converter conv{text_, false};
      conv.convert(*e->items[0], doc.tree);
      if (doc.tree.is_string() && doc.tree.opaque) return std::nullopt;  // jsonencode(local.policy)
      doc.has_tree = true;
    } else if (const DataDocument* d = data_reference(*e)) {
      // The data source is linted where it is written; the entity refers to that document
      // when it is the whole policy (no documents merged in when Terraform plans).
      auto it = data_document_index_.find(d);
      if (it == data_document_index_.end()) return std::nullopt;
      // The document is what its first user makes it (trust, identity or resource policy).
      if (pending_[it->second].hint == KindHint::Unknown) pending_[it->second].hint = hint;
      if (!d->complete) return std::nullopt;
      return it->second;
    } else if (e->kind == ExprKind::Template && e->heredoc) {
      ParsedString parsed = parse_heredoc_json(*e, text_);
      if (parsed.json.root && !parsed.computed_outside_strings) {
        doc.tree = std::move(*parsed.json.root);
        doc.has_tree = true;
        doc.errors = std::move(parsed.json.errors);
      } else if (!parsed.json.root && !parsed.computed_outside_strings && !has_directive(*e)) {
        doc.error = parsed.json.error;
        doc.errors = std::move(parsed.json.errors);
      } else {
        return std::nullopt;  // a template whose JSON shape Terraform computes
      }
    } else if (e->kind == ExprKind::Template) {
      std::string literal;
      if (!e->literal_string(literal)) return std::nullopt;
      size_t first = literal.find_first_not_of(" \t\r\n");
      if (first == std::string::npos || (literal[first] != '{' && literal[first] != '[')) return std::nullopt;
      JsonParseResult json = parse_embedded_json(literal, e->range.begin, e->range.end);
      for (auto& err : json.errors) {
        err.offset = e->range.begin;
        err.end = e->range.end;
      }
      if (json.root) {
        doc.tree = std::move(*json.root);
        doc.has_tree = true;
      } else {
        doc.error = json.error;
        doc.error.offset = e->range.begin;
        doc.error.end = e->range.end;
      }
      doc.errors = std::move(json.errors);
    } else {
      return std::nullopt;  // var.policy, file(...), a module output ...
    }
    if (doc.has_tree && !prune_computed(doc.tree)) return std::nullopt;
    pending_.push_back(std::move(doc));
    return pending_.size() - 1;
  }

  static bool has_directive(const Expr& e) {
    return std::any_of(e.parts.begin(), e.parts.end(), [](const TemplatePart& p) {
      return p.kind == TemplatePart::Kind::If || p.kind == TemplatePart::Kind::For;
    });
  }

  std::map<const DataDocument*, size_t> data_document_index_;

  // ---- references between resources ----

  // aws_iam_role.x.name / .id / .arn -> "aws_iam_role.x"; a literal -> name or ARN.
  Reference reference(const Expr& value, std::string_view type) {
    Reference ref;
    ref.node = anchor(value.range);
    JsonNode n;
    Converter{text_, false}.convert(value, n);
    ref.text = n.is_string() ? n.text : std::string();
    const Expr* e = &value;
    if (e->kind == ExprKind::GetAttr && e->items[0]->kind == ExprKind::GetAttr &&
        e->items[0]->items[0]->kind == ExprKind::Variable && e->items[0]->items[0]->name == type) {
      ref.form = Reference::Form::LogicalId;
      ref.text = std::string(type) + "." + e->items[0]->name;
      return ref;
    }
    if (n.is_string() && !n.opaque) {
      ref.form = n.text.starts_with("arn:") ? Reference::Form::Arn : Reference::Form::Name;
    } else if (n.is_string() && n.text.starts_with("arn:") && n.text.find(":policy/") != std::string::npos &&
               n.text.find("${", n.text.find(":policy/")) == std::string::npos) {
      ref.form = Reference::Form::Arn;  // arn:${partition}:iam::aws:policy/X names its policy
    } else {
      ref.form = Reference::Form::Opaque;
    }
    return ref;
  }

  // A node for a finding to point at (a reference, an inline_policy block), kept alive with the
  // file.
  const JsonNode* anchor(hcl::Range r) {
    auto holder = std::make_unique<EmbeddedPolicy>();
    holder->json.root = std::make_unique<JsonNode>();
    holder->json.root->type = JsonType::String;
    holder->json.root->begin = r.begin;
    holder->json.root->end = r.end;
    holder->json.root->text = std::string(src(text_, r));
    const JsonNode* node = holder->json.root.get();
    file_.embedded.push_back(std::move(holder));
    return node;
  }

  Entity& new_entity(const hcl::Block& b, EntityKind kind) {
    Entity& e = entities_.emplace_back();
    e.kind = kind;
    e.logical_id = address(b);
    e.anchor_begin = b.label_ranges[1].begin;
    e.anchor_end = b.label_ranges[1].end;
    return e;
  }

  static std::string literal_attr(const hcl::Block& b, std::string_view name) {
    const hcl::Attribute* a = b.body.attribute(name);
    std::string out;
    if (a != nullptr && a->value->literal_string(out)) return out;
    return {};
  }

  // A list of references (roles = [...], managed_policy_arns = [...]); false when the list
  // itself is computed.
  bool reference_list(const hcl::Attribute* a, std::string_view type, std::vector<Reference>& out) {
    if (a == nullptr) return true;
    if (a->value->kind != ExprKind::Tuple) return false;
    for (const auto& item : a->value->items) out.push_back(reference(*item, type));
    return true;
  }

  void resource(const hcl::Block& b) {
    const std::string& type = b.labels[0];
    const std::string addr = address(b);
    for (const auto& pa : kPolicyAttributes) {
      if (type != pa.type) continue;
      if (const hcl::Attribute* a = b.body.attribute(pa.attribute)) policy(*a->value, addr + "." + a->name, pa.hint);
      return;
    }
    if (type == "aws_organizations_policy") {
      // Tag, backup and AI opt-out policies are not IAM JSON.
      std::string kind = literal_attr(b, "type");
      if (!kind.empty() && kind != "SERVICE_CONTROL_POLICY" && kind != "RESOURCE_CONTROL_POLICY") return;
      if (const hcl::Attribute* a = b.body.attribute("content")) {
        policy(*a->value, addr + ".content",
               kind == "RESOURCE_CONTROL_POLICY" ? KindHint::Resource : KindHint::Identity);
      }
      return;
    }
    if (type == "aws_iam_role" || type == "aws_iam_user" || type == "aws_iam_group") {
      EntityKind kind = type == "aws_iam_role"   ? EntityKind::Role
                        : type == "aws_iam_user" ? EntityKind::User
                                                 : EntityKind::Group;
      const size_t index = entities_.size();
      new_entity(b, kind);
      entities_[index].name = literal_attr(b, "name");
      if (kind == EntityKind::Role) {
        if (const hcl::Attribute* a = b.body.attribute("assume_role_policy")) {
          entities_[index].trust = policy(*a->value, addr + ".assume_role_policy", KindHint::Trust);
          if (!entities_[index].trust) entities_[index].trust_ref = elsewhere(*a->value);
          if (!entities_[index].trust && entities_[index].trust_ref.empty())
            entities_[index].managed_list_opaque = true;
        }
        size_t n = 0;
        for (const auto& ib : b.body.blocks) {
          if (ib.type != "inline_policy") continue;
          const hcl::Attribute* p = ib.body.attribute("policy");
          if (p == nullptr) continue;
          auto doc = policy(*p->value, addr + ".inline_policy." + std::to_string(n++), KindHint::Identity);
          std::string ref = doc ? std::string() : elsewhere(*p->value);
          if (!doc && ref.empty()) {
            entities_[index].managed_list_opaque = true;  // a policy we cannot see
            continue;
          }
          InlinePolicy ip;
          ip.name = literal_attr(ib, "name");
          ip.document = doc.value_or(0);
          ip.document_ref = std::move(ref);
          ip.node = anchor(ib.type_range);
          entities_[index].inline_policies.push_back(std::move(ip));
        }
        if (!reference_list(b.body.attribute("managed_policy_arns"), "aws_iam_policy", entities_[index].managed)) {
          entities_[index].managed_list_opaque = true;
        }
      }
      if (kind != EntityKind::Group) {
        if (const hcl::Attribute* pb = b.body.attribute("permissions_boundary")) {
          entities_[index].boundary = reference(*pb->value, "aws_iam_policy");
        }
      }
      return;
    }
    if (type == "aws_iam_policy") {
      const size_t index = entities_.size();
      new_entity(b, EntityKind::ManagedPolicy);
      entities_[index].name = literal_attr(b, "name");
      if (const hcl::Attribute* a = b.body.attribute("policy")) {
        entities_[index].document = policy(*a->value, addr + ".policy", KindHint::Identity);
        if (!entities_[index].document) entities_[index].document_ref = elsewhere(*a->value);
      }
      return;
    }
    if (type == "aws_iam_role_policy" || type == "aws_iam_user_policy" || type == "aws_iam_group_policy") {
      const size_t index = entities_.size();
      new_entity(b, EntityKind::InlinePolicy);
      entities_[index].name = literal_attr(b, "name");
      if (const hcl::Attribute* a = b.body.attribute("policy")) {
        entities_[index].document = policy(*a->value, addr + ".policy", KindHint::Identity);
        if (!entities_[index].document) entities_[index].document_ref = elsewhere(*a->value);
      }
      std::string_view target = type == "aws_iam_role_policy"   ? "role"
                                : type == "aws_iam_user_policy" ? "user"
                                                                : "group";
      std::string target_type = "aws_iam_" + std::string(target);
      if (const hcl::Attribute* t = b.body.attribute(target)) {
        Reference r = reference(*t->value, target_type);
        auto& list = target == "role"   ? entities_[index].roles
                     : target == "user" ? entities_[index].users
                                        : entities_[index].in_groups;
        list.push_back(std::move(r));
      }
      return;
    }
    attachments_.push_back(&b);
  }

  std::vector<const hcl::Block*> attachments_;

  // Attachments and memberships become entities of their own: the principal they name may be
  // declared in another file of the module, so principal/ resolves them in the whole module.
  void attachments() {
    for (const hcl::Block* b : attachments_) {
      const std::string& type = b->labels[0];
      if (type == "aws_iam_role_policy_attachment" || type == "aws_iam_user_policy_attachment" ||
          type == "aws_iam_group_policy_attachment" || type == "aws_iam_policy_attachment") {
        const hcl::Attribute* arn = b->body.attribute("policy_arn");
        if (arn == nullptr) continue;
        const size_t index = entities_.size();
        new_entity(*b, EntityKind::Attachment);
        entities_[index].managed.push_back(reference(*arn->value, "aws_iam_policy"));
        if (type == "aws_iam_policy_attachment") {
          reference_list(b->body.attribute("roles"), "aws_iam_role", entities_[index].roles);
          reference_list(b->body.attribute("users"), "aws_iam_user", entities_[index].users);
          reference_list(b->body.attribute("groups"), "aws_iam_group", entities_[index].in_groups);
          continue;
        }
        std::string_view t = type == "aws_iam_role_policy_attachment"   ? "role"
                             : type == "aws_iam_user_policy_attachment" ? "user"
                                                                        : "group";
        auto& list = t == "role"   ? entities_[index].roles
                     : t == "user" ? entities_[index].users
                                   : entities_[index].in_groups;
        if (const hcl::Attribute* a = b->body.attribute(t))
          list.push_back(reference(*a->value, "aws_iam_" + std::string(t)));
      } else if (type == "aws_iam_user_group_membership") {
        const hcl::Attribute* u = b->body.attribute("user");
        if (u == nullptr) continue;
        const size_t index = entities_.size();
        new_entity(*b, EntityKind::Membership);
        entities_[index].users.push_back(reference(*u->value, "aws_iam_user"));
        reference_list(b->body.attribute("groups"), "aws_iam_group", entities_[index].groups);
      } else if (type == "aws_iam_group_membership") {
        const hcl::Attribute* g = b->body.attribute("group");
        if (g == nullptr) continue;
        const size_t index = entities_.size();
        new_entity(*b, EntityKind::Membership);
        entities_[index].groups.push_back(reference(*g->value, "aws_iam_group"));
        reference_list(b->body.attribute("users"), "aws_iam_user", entities_[index].users);
      }
    }
  }

  // Builds the file tree (one member per policy, keyed by where it is written), then the
  // documents pointing into it.
  void finish() {
    auto root = std::make_unique<JsonNode>();
    root->type = JsonType::Object;
    root->begin = 0;
    root->end = static_cast<uint32_t>(text_.size());
    std::vector<size_t> member_of(pending_.size(), SIZE_MAX);
    for (size_t i = 0; i < pending_.size(); ++i) {
      if (!pending_[i].has_tree) continue;
      JsonMember m;
      m.key = pending_[i].key;
      m.key_begin = pending_[i].tree.begin;
      m.key_end = pending_[i].tree.begin;
      m.value = std::move(pending_[i].tree);
      member_of[i] = root->members.size();
      root->members.push_back(std::move(m));
    }
    relink(*root, nullptr, 0);
    file_.json.root = std::move(root);
    for (size_t i = 0; i < pending_.size(); ++i) {
      Document doc;
      doc.source = file_.source.get();
      doc.kind_hint = pending_[i].hint;
      doc.fixable = false;
      doc.origin = pending_[i].key;
      if (!pending_[i].errors.empty()) {
        file_.syntax_errors.push_back(std::make_unique<std::vector<JsonError>>(std::move(pending_[i].errors)));
        doc.syntax_errors = file_.syntax_errors.back().get();
      }
      if (member_of[i] != SIZE_MAX) {
        doc.root = &file_.json.root->members[member_of[i]].value;
      } else {
        file_.errors.push_back(std::make_unique<JsonError>(pending_[i].error));
        doc.error = file_.errors.back().get();
      }
      file_.documents.push_back(std::move(doc));
    }
    for (auto& e : entities_) file_.entities.push_back(std::move(e));
  }

 public:
  // Data documents become documents before any resource refers to them.
  void register_data_documents() {
    for (auto& [name, d] : data_) {
      if (!d.lint || !prune_computed(d.tree)) {
        d.complete = false;
        continue;
      }
      PendingDocument doc;
      doc.key = "data.aws_iam_policy_document." + name;
      doc.hint = KindHint::Unknown;
      doc.tree = std::move(d.tree);
      doc.has_tree = true;
      data_document_index_[&d] = pending_.size();
      pending_.push_back(std::move(doc));
    }
  }
  void run_all() {
    for (const auto& b : hcl_.body.blocks) {
      if (b.type == "data" && b.labels.size() == 2 && b.labels[0] == "aws_iam_policy_document") policy_document(b);
    }
    register_data_documents();
    for (const auto& b : hcl_.body.blocks) {
      if (b.type == "resource" && b.labels.size() == 2) resource(b);
    }
    attachments();
    finish();
  }
};

}  // namespace

void extract_terraform(LoadedFile& file) {
  file.format = Format::Terraform;
  const hcl::File parsed = hcl::parse(file.source->text());
  Extractor extractor(file, parsed);
  extractor.run_all();
  if (!parsed.errors.empty()) {
    auto errors = std::make_unique<std::vector<JsonError>>();
    for (const auto& e : parsed.errors) {
      JsonError je;
      je.offset = e.range.begin;
      je.end = e.range.end;
      je.message = e.message;
      errors->push_back(std::move(je));
    }
    file.syntax_errors.push_back(std::move(errors));
    Document doc;
    doc.source = file.source.get();
    doc.fixable = false;
    doc.syntax_errors = file.syntax_errors.back().get();
    file.errors.push_back(std::make_unique<JsonError>(file.syntax_errors.back()->front()));
    doc.error = file.errors.back().get();
    file.documents.insert(file.documents.begin(), std::move(doc));
    // Entities hold document indexes: they moved by one.
    for (auto& e : file.entities) {
      if (e.trust) ++*e.trust;
      if (e.document) ++*e.document;
      for (auto& ip : e.inline_policies) ++ip.document;
    }
  }
}

}  // namespace sagelint::input

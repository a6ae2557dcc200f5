#include "principal/aws_managed.hpp"

#include <simdjson.h>

extern "C" {
extern const char sagelint_aws_managed_policies_begin[];
extern const char sagelint_aws_managed_policies_end[];
}

namespace sagelint::principal {

namespace od = simdjson::ondemand;

struct AwsManagedPolicies::Parsed {
  input::LoadedFile file;
};

const AwsManagedPolicies& AwsManagedPolicies::builtin() {
  static const AwsManagedPolicies data(
      std::string_view(sagelint_aws_managed_policies_begin,
                       static_cast<size_t>(sagelint_aws_managed_policies_end - sagelint_aws_managed_policies_begin)));
  return data;
}

AwsManagedPolicies::AwsManagedPolicies(std::string_view json) : json_(json) {}
AwsManagedPolicies::~AwsManagedPolicies() = default;

namespace {

bool read_string(od::object& obj, std::string_view key, std::string& out) {
  std::string_view v;
  if (obj[key].get_string().get(v)) return false;
  out.assign(v);
  return true;
}

}  // namespace

void AwsManagedPolicies::index() const {
  od::parser parser;
  od::document doc;
  simdjson::padded_string_view view(json_.data(), json_.size(), json_.size() + simdjson::SIMDJSON_PADDING);
  if (parser.iterate(view).get(doc)) return;
  od::object root;
  if (doc.get_object().get(root)) return;
  std::string source;
  std::vector<AwsManagedPolicy> policies;
  for (auto field : root) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return;
    if (key == "source") {
      std::string_view s;
      if (field.value().get_string().get(s)) return;
      source.assign(s);
      continue;
    }
    if (key != "policies") continue;
    od::object all;
    if (field.value().get_object().get(all)) return;
    for (auto entry : all) {
      AwsManagedPolicy p;
      std::string_view name;
      if (entry.unescaped_key().get(name)) return;
      p.name.assign(name);
      od::object obj;
      if (entry.value().get_object().get(obj)) return;
      // Fields in the generator's order: arn, path, version, document.
      if (!read_string(obj, "arn", p.arn) || !read_string(obj, "path", p.path) ||
          !read_string(obj, "version", p.version)) {
        return;
      }
      od::object document;
      if (obj["document"].get_object().get(document)) return;
      if (document.raw_json().get(p.json)) return;
      policies.push_back(std::move(p));
    }
  }
  policies_ = std::move(policies);
  source_ = std::move(source);
  for (size_t i = 0; i < policies_.size(); ++i) by_name_.emplace(policies_[i].name, i);
}

const AwsManagedPolicy* AwsManagedPolicies::find(std::string_view name_or_arn) const {
  std::call_once(indexed_, [this] { index(); });
  std::string_view name = name_or_arn;
  if (name.starts_with("arn:")) {
    // arn:<partition>:iam::aws:policy<path><name>
    size_t policy = name.find(":iam::aws:policy/");
    if (policy == std::string_view::npos) return nullptr;
    std::string_view rest = name.substr(policy + 16);  // "/<path>name"
    size_t slash = rest.rfind('/');
    std::string_view path = rest.substr(0, slash + 1);
    name = rest.substr(slash + 1);
    auto it = by_name_.find(name);
    if (it == by_name_.end() || policies_[it->second].path != path) return nullptr;
    return &policies_[it->second];
  }
  auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : &policies_[it->second];
}

const input::Document& AwsManagedPolicies::document(const AwsManagedPolicy& policy) const {
  std::lock_guard lock(mutex_);
  auto& slot = parsed_[&policy];
  if (!slot) {
    slot = std::make_unique<Parsed>();
    slot->file = input::load_policy_file(
        std::make_unique<input::SourceFile>("aws-managed:" + policy.name, std::string(policy.json)));
    slot->file.documents.front().kind_hint = input::KindHint::Identity;
    slot->file.documents.front().fixable = false;
  }
  return slot->file.documents.front();
}

std::string_view AwsManagedPolicies::source() const {
  std::call_once(indexed_, [this] { index(); });
  return source_;
}

size_t AwsManagedPolicies::size() const {
  std::call_once(indexed_, [this] { index(); });
  return policies_.size();
}

const std::vector<AwsManagedPolicy>& AwsManagedPolicies::all() const {
  std::call_once(indexed_, [this] { index(); });
  return policies_;
}

}  // namespace sagelint::principal

#include "principal/model.hpp"

#include <array>
#include <filesystem>
#include <map>
#include <set>

namespace sagelint::principal {

using input::Entity;
using input::EntityKind;
using input::LoadedFile;
using input::Reference;

std::string_view kind_name(PrincipalKind kind) {
  switch (kind) {
    case PrincipalKind::Role:
      return "role";
    case PrincipalKind::User:
      return "user";
    case PrincipalKind::Group:
      return "group";
  }
  return "role";
}

bool names_file(std::string_view value) {
  if (value.starts_with("arn:")) return false;
  return value.ends_with(".json") || value.ends_with(".yaml") || value.ends_with(".yml") ||
         value.find('/') != std::string_view::npos;
}

namespace {

size_t count_chars(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80 && c != ' ' && c != '\t' && c != '\n' && c != '\r') ++n;
  }
  return n;
}

// How many characters each byte of a string's value adds to the policy's size: a two-character
// escape for '"', '\\' and the control characters JSON names, \u00XX for the other control
// characters, nothing for a space or a UTF-8 continuation byte (a character is counted once, at
// its first byte), one for everything else. A table: every string of every policy goes through it.
constexpr std::array<unsigned char, 256> kStringSize = [] {
  std::array<unsigned char, 256> t{};
  for (int c = 0; c < 256; ++c) {
    if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
      t[c] = 2;
    } else if (c < 0x20) {
      t[c] = 6;
    } else if ((c & 0xC0) != 0x80 && c != ' ') {
      t[c] = 1;
    }
  }
  return t;
}();

size_t string_size(std::string_view s) {
  size_t n = 2;  // quotes
  for (const char c : s) n += kStringSize[static_cast<unsigned char>(c)];
  return n;
}

uint32_t offset_at(const input::SourceFile& source, uint32_t line, uint32_t column) {
  std::string_view text = source.text();
  uint32_t offset = 0;
  for (uint32_t l = 1; l < line && offset < text.size(); ++offset) {
    if (text[offset] == '\n') ++l;
  }
  for (uint32_t c = 1; c < column && offset < text.size(); ++c) {
    ++offset;
    while (offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) ++offset;
  }
  return std::min<uint32_t>(offset, static_cast<uint32_t>(text.size()));
}

Location node_location(const LoadedFile& file, const input::JsonNode* node) {
  Location loc;
  loc.source = file.source.get();
  if (node != nullptr) {
    loc.begin = node->begin;
    loc.end = node->end;
    loc.pointer = node->pointer();
  }
  return loc;
}

Location entity_location(const LoadedFile& file, const Entity& e) {
  Location loc = node_location(file, e.anchor);
  loc.begin = e.anchor_begin;
  loc.end = e.anchor_end;
  return loc;
}

}  // namespace

size_t policy_size(const input::JsonNode& n) {
  switch (n.type) {
    case input::JsonType::Null:
      return 4;
    case input::JsonType::Bool:
      return n.boolean ? 4 : 5;
    case input::JsonType::Number:
      return count_chars(n.text);
    case input::JsonType::String:
      return string_size(n.text);
    case input::JsonType::Array: {
      size_t size = 2 + (n.items.empty() ? 0 : n.items.size() - 1);
      for (const auto& item : n.items) size += policy_size(item);
      return size;
    }
    case input::JsonType::Object: {
      size_t size = 2 + (n.members.empty() ? 0 : n.members.size() - 1);
      for (const auto& m : n.members) size += string_size(m.key) + 1 + policy_size(m.value);
      return size;
    }
  }
  return 0;
}

class Builder {
 public:
  Builder(PrincipalSet& set, const AwsManagedPolicies& aws) : set_(set), aws_(aws) {}

  void files(const std::vector<const LoadedFile*>& files) {
    for (const LoadedFile* f : files) data_documents(*f);
    for (const LoadedFile* f : files) customer_policies(*f);
    for (const LoadedFile* f : files) principals(*f);
    for (const LoadedFile* f : files) attachments(*f);
    for (auto& [p, refs] : pending_groups_) resolve_groups(*p, refs);
  }

  void manifest(const std::vector<ManifestEntry>& entries, const input::SourceFile* source, const FileLoader& load) {
    if (entries.empty() || source == nullptr) return;
    std::vector<std::pair<Principal*, const ManifestEntry*>> users;
    for (const auto& entry : entries) {
      Principal& p = set_.principals_.emplace_back();
      p.kind = entry.kind;
      p.name = entry.name.text;
      p.origin = "manifest";
      p.scope = "manifest";
      p.definition = manifest_location(*source, entry.name);
      if (entry.trust) {
        if (const input::Document* doc = policy_file(entry.trust->text, load)) {
          p.trust = doc;
          p.trust_where = manifest_location(*source, *entry.trust);
        }
      }
      for (const auto& v : entry.inline_policies) {
        AttachedPolicy a;
        a.kind = PolicyKind::Inline;
        a.name = v.text;
        a.where = manifest_location(*source, v);
        a.document = policy_file(v.text, load);
        p.inline_policies.push_back(std::move(a));
      }
      std::set<std::string> seen;
      for (const auto& v : entry.managed) {
        AttachedPolicy a = manifest_managed(v, *source, load);
        if (seen.insert(key(a)).second) p.managed.push_back(std::move(a));
      }
      if (entry.boundary) p.boundary = manifest_managed(*entry.boundary, *source, load);
      if (p.kind == PrincipalKind::User) users.emplace_back(&p, &entry);
    }
    for (auto [user, entry] : users) {
      user->group_references = entry->groups.size();
      for (const auto& g : entry->groups) {
        const Principal* group = nullptr;
        for (const auto& candidate : set_.principals_) {
          if (candidate.kind == PrincipalKind::Group && candidate.origin == "manifest" && candidate.name == g.text) {
            group = &candidate;
          }
        }
        if (group == nullptr) group = global_group(g.text);
        if (group != nullptr) {
          user->groups.push_back(group);
        } else {
          user->unresolved_groups.push_back(g.text);
        }
      }
    }
  }

 private:
  PrincipalSet& set_;
  const AwsManagedPolicies& aws_;
  // References resolve in a scope: the file, or for Terraform the module (its directory: every
  // .tf file of a directory is one module, and a resource address names the same resource in
  // all of them).
  using Scoped = std::pair<std::string, std::string>;
  // CloudFormation (and Terraform) managed policies by (scope, logical id); every customer
  // managed policy by name and by ARN.
  std::map<Scoped, CustomerManagedPolicy*> cfn_managed_;
  std::map<std::string, CustomerManagedPolicy*> managed_by_name_;
  std::map<std::string, CustomerManagedPolicy*> managed_by_arn_;
  std::map<std::string, CustomerManagedPolicy*> managed_by_file_;
  std::map<Scoped, Principal*> by_logical_id_;
  std::map<Scoped, Principal*> by_name_in_file_;
  // Terraform data.aws_iam_policy_document.<name> by (module, name).
  std::map<Scoped, const input::Document*> data_documents_;
  // Users: the groups they name, each with the scope it resolves in.
  struct GroupRef {
    std::string scope;
    const Reference* ref;
  };
  std::map<const Principal*, std::vector<GroupRef>> pending_groups_;

  static std::string scope(const LoadedFile& file) {
    if (file.format == input::Format::Terraform) {
      std::string dir = std::filesystem::path(file.source->path()).parent_path().lexically_normal().string();
      return "module:" + (dir.empty() ? std::string(".") : dir);
    }
    return "file:" + std::to_string(reinterpret_cast<uintptr_t>(&file));
  }

  void data_documents(const LoadedFile& file) {
    if (file.format != input::Format::Terraform) return;
    static constexpr std::string_view kPrefix = "data.aws_iam_policy_document.";
    for (const auto& doc : file.documents) {
      if (doc.origin.starts_with(kPrefix))
        data_documents_.emplace(Scoped{scope(file), doc.origin.substr(kPrefix.size())}, &doc);
    }
  }

  // A Terraform data document of the module named from another file; null when no file of the
  // module declares it (or Terraform computes it).
  const input::Document* data_document(const LoadedFile& file, const std::string& name) const {
    if (name.empty()) return nullptr;
    auto it = data_documents_.find({scope(file), name});
    return it == data_documents_.end() || it->second->root == nullptr ? nullptr : it->second;
  }

  static std::string key(const AttachedPolicy& a) {
    if (a.aws != nullptr) return "aws:" + a.aws->arn;
    if (a.customer != nullptr) return "cm:" + std::to_string(reinterpret_cast<uintptr_t>(a.customer));
    return "ref:" + a.name;
  }

  void customer_policies(const LoadedFile& file) {
    for (const auto& e : file.entities) {
      if (e.kind != EntityKind::ManagedPolicy || e.aws_managed) continue;
      CustomerManagedPolicy& cm = set_.customer_.emplace_back();
      cm.name = e.display_name();
      cm.arn = e.arn;
      if (e.document) cm.document = &file.documents[*e.document];
      if (!e.document) cm.document = data_document(file, e.document_ref);
      cm.definition = entity_location(file, e);
      if (!e.logical_id.empty()) cfn_managed_[{scope(file), e.logical_id}] = &cm;
      if (!e.name.empty()) managed_by_name_.emplace(e.name, &cm);
      if (!e.arn.empty()) managed_by_arn_.emplace(e.arn, &cm);
    }
  }

  void principals(const LoadedFile& file) {
    for (const auto& e : file.entities) {
      if (e.kind != EntityKind::Role && e.kind != EntityKind::User && e.kind != EntityKind::Group) continue;
      Principal& p = set_.principals_.emplace_back();
      p.kind = e.kind == EntityKind::Role   ? PrincipalKind::Role
               : e.kind == EntityKind::User ? PrincipalKind::User
                                            : PrincipalKind::Group;
      p.name = e.display_name();
      p.origin = file.format == input::Format::CloudFormation  ? "CloudFormation"
                 : file.format == input::Format::Terraform     ? "Terraform"
                 : file.format == input::Format::TerraformPlan ? "Terraform plan"
                 : file.format == input::Format::Serverless    ? "Serverless Framework"
                                                               : "authorization details";
      p.definition = entity_location(file, e);
      if (e.trust) {
        p.trust = &file.documents[*e.trust];
        p.trust_where = node_location(file, file.documents[*e.trust].root);
        if (p.trust->root == nullptr) p.trust_where.begin = p.trust_where.end = 0;
      } else if (const input::Document* doc = data_document(file, e.trust_ref)) {
        p.trust = doc;
        p.trust_where = node_location(file, doc->root);
        p.trust_where.source = doc->source;
      } else if (!e.trust_ref.empty()) {
        p.managed_list_opaque = true;  // a trust policy we cannot see
      }
      for (const auto& ip : e.inline_policies) {
        AttachedPolicy a;
        a.kind = PolicyKind::Inline;
        a.name = ip.name;
        a.document = ip.document_ref.empty() ? &file.documents[ip.document] : data_document(file, ip.document_ref);
        a.where = node_location(file, ip.node);
        if (a.document == nullptr) {
          p.managed_list_opaque = true;  // a policy we cannot see
          continue;
        }
        p.inline_policies.push_back(std::move(a));
      }
      std::set<std::string> seen;
      for (const auto& ref : e.managed) {
        AttachedPolicy a = resolve(ref, file);
        if (seen.insert(key(a)).second) p.managed.push_back(std::move(a));
      }
      p.managed_list_opaque = p.managed_list_opaque || e.managed_list_opaque;
      p.scope = scope(file);
      if (e.boundary) p.boundary = resolve(*e.boundary, file);
      if (!e.logical_id.empty()) by_logical_id_[{scope(file), e.logical_id}] = &p;
      if (!e.name.empty()) by_name_in_file_[{scope(file), std::string(kind_name(p.kind)) + ":" + e.name}] = &p;
      if (p.kind == PrincipalKind::User) {
        auto& refs = pending_groups_[&p];
        for (const auto& g : e.groups) refs.push_back({scope(file), &g});
      }
    }
  }

  Principal* target(const std::string& where, const Reference& ref, PrincipalKind kind) {
    if (ref.form == Reference::Form::LogicalId) {
      auto it = by_logical_id_.find({where, ref.text});
      return it != by_logical_id_.end() && it->second->kind == kind ? it->second : nullptr;
    }
    if (ref.form == Reference::Form::Name) {
      auto it = by_name_in_file_.find({where, std::string(kind_name(kind)) + ":" + ref.text});
      return it != by_name_in_file_.end() ? it->second : nullptr;
    }
    return nullptr;
  }

  // CloudFormation AWS::IAM::Policy / RolePolicy ... and AWS::IAM::ManagedPolicy's Roles, Users
  // and Groups: the policy is inline in, or attached to, those principals.
  void attachments(const LoadedFile& file) {
    const std::string where = scope(file);
    for (const auto& e : file.entities) {
      if (e.kind == EntityKind::Attachment) {
        attachment(file, e);
        continue;
      }
      if (e.kind == EntityKind::Membership) {
        for (const auto& u : e.users) {
          Principal* user = target(where, u, PrincipalKind::User);
          if (user == nullptr) continue;
          auto& refs = pending_groups_[user];
          for (const auto& g : e.groups) refs.push_back({where, &g});
        }
        continue;
      }
      if (e.kind != EntityKind::InlinePolicy && e.kind != EntityKind::ManagedPolicy) continue;
      auto attach = [&](const std::vector<Reference>& refs, PrincipalKind kind) {
        for (const auto& ref : refs) {
          Principal* p = target(where, ref, kind);
          if (p == nullptr) continue;
          AttachedPolicy a;
          a.where = node_location(file, ref.node);
          a.conditional = ref.conditional;
          if (e.kind == EntityKind::InlinePolicy) {
            a.kind = PolicyKind::Inline;
            a.name = e.display_name();
            if (e.document) a.document = &file.documents[*e.document];
            if (!e.document) a.document = data_document(file, e.document_ref);
            p->inline_policies.push_back(std::move(a));
          } else {
            auto it = cfn_managed_.find({where, e.logical_id});
            if (it == cfn_managed_.end()) continue;
            a.kind = PolicyKind::CustomerManaged;
            a.customer = it->second;
            a.name = it->second->name;
            a.document = it->second->document;
            bool dup = false;
            for (const auto& existing : p->managed) dup = dup || existing.customer == a.customer;
            if (!dup) p->managed.push_back(std::move(a));
          }
        }
      };
      attach(e.roles, PrincipalKind::Role);
      attach(e.users, PrincipalKind::User);
      attach(e.in_groups, PrincipalKind::Group);
    }
  }

  // Terraform's aws_iam_*_policy_attachment: the policy goes on each principal it names, once.
  void attachment(const LoadedFile& file, const Entity& e) {
    if (e.managed.empty()) return;
    const std::string where = scope(file);
    auto attach = [&](const std::vector<Reference>& refs, PrincipalKind kind) {
      for (const auto& ref : refs) {
        Principal* p = target(where, ref, kind);
        if (p == nullptr) continue;
        AttachedPolicy a = resolve(e.managed.front(), file);
        bool dup = false;
        for (const auto& existing : p->managed) dup = dup || key(existing) == key(a);
        if (!dup) p->managed.push_back(std::move(a));
      }
    };
    attach(e.roles, PrincipalKind::Role);
    attach(e.users, PrincipalKind::User);
    attach(e.in_groups, PrincipalKind::Group);
  }

  const Principal* global_group(const std::string& name) const {
    for (const auto& p : set_.principals_) {
      if (p.kind == PrincipalKind::Group && p.name == name) return &p;
    }
    return nullptr;
  }

  void resolve_groups(const Principal& user_const, const std::vector<GroupRef>& refs) {
    Principal& user = const_cast<Principal&>(user_const);
    user.group_references = refs.size();
    for (const auto& [where, r] : refs) {
      const Reference& ref = *r;
      const Principal* g = target(where, ref, PrincipalKind::Group);
      if (g == nullptr && ref.form == Reference::Form::Name) g = global_group(ref.text);
      if (g != nullptr) {
        user.groups.push_back(g);
      } else {
        user.unresolved_groups.push_back(ref.text);
      }
    }
  }

  // A managed policy reference: AWS managed from the bundled data, customer managed from the
  // templates, dumps and files loaded.
  AttachedPolicy resolve(const Reference& ref, const LoadedFile& file) {
    AttachedPolicy a;
    a.name = ref.text;
    a.where = node_location(file, ref.node);
    a.conditional = ref.conditional;
    if (ref.form == Reference::Form::LogicalId) {
      auto it = cfn_managed_.find({scope(file), ref.text});
      if (it != cfn_managed_.end()) customer(a, it->second);
      return a;
    }
    if (ref.form == Reference::Form::Opaque) return a;
    by_name_or_arn(a, ref.text);
    return a;
  }

  void customer(AttachedPolicy& a, CustomerManagedPolicy* cm) {
    a.kind = PolicyKind::CustomerManaged;
    a.customer = cm;
    a.document = cm->document;
    a.name = cm->name;
  }

  void by_name_or_arn(AttachedPolicy& a, const std::string& text) {
    bool arn = text.starts_with("arn:");
    if (!arn || text.find(":iam::aws:policy/") != std::string::npos) {
      if (const AwsManagedPolicy* p = aws_.find(text)) {
        a.kind = PolicyKind::AwsManaged;
        a.aws = p;
        a.name = p->name;
        a.document = &aws_.document(*p);
        return;
      }
      if (arn) return;  // an AWS managed ARN that is not in the bundled data
    }
    if (auto it = managed_by_arn_.find(text); it != managed_by_arn_.end()) return customer(a, it->second);
    std::string name = text;
    if (arn) {
      size_t slash = text.rfind('/');
      name = text.substr(slash + 1);
      a.kind = PolicyKind::CustomerManaged;  // named by its ARN even when never defined here
    }
    if (auto it = managed_by_name_.find(name); it != managed_by_name_.end()) return customer(a, it->second);
  }

  const input::Document* policy_file(const std::string& path, const FileLoader& load) {
    std::string error;
    const LoadedFile* f = load(path, error);
    if (f == nullptr) {
      set_.errors_.push_back(error);
      return nullptr;
    }
    if (f->format != input::Format::Policy || f->documents.size() != 1) {
      set_.errors_.push_back(path + ": a [[principal]] policy file must hold one policy document, not a " +
                             std::string(input::format_name(f->format)));
      return nullptr;
    }
    return &f->documents.front();
  }

  AttachedPolicy manifest_managed(const ManifestValue& v, const input::SourceFile& source, const FileLoader& load) {
    AttachedPolicy a;
    a.name = v.text;
    a.where = manifest_location(source, v);
    if (!names_file(v.text)) {
      by_name_or_arn(a, v.text);
      return a;
    }
    auto it = managed_by_file_.find(v.text);
    if (it == managed_by_file_.end()) {
      const input::Document* doc = policy_file(v.text, load);
      if (doc == nullptr) return a;
      CustomerManagedPolicy& cm = set_.customer_.emplace_back();
      cm.name = std::filesystem::path(v.text).stem().string();
      cm.document = doc;
      cm.definition.source = doc->source;
      if (doc->root != nullptr) {
        cm.definition.begin = doc->root->begin;
        cm.definition.end = doc->root->begin + 1;
      }
      it = managed_by_file_.emplace(v.text, &cm).first;
    }
    customer(a, it->second);
    return a;
  }

  static Location manifest_location(const input::SourceFile& source, const ManifestValue& v) {
    Location loc;
    loc.source = &source;
    loc.begin = offset_at(source, v.line, v.column);
    loc.end = v.end_line != 0 ? offset_at(source, v.end_line, v.end_column) : loc.begin;
    loc.end = std::max(loc.end, loc.begin);
    return loc;
  }
};

PrincipalSet PrincipalSet::build(const std::vector<const input::LoadedFile*>& files,
                                 const std::vector<ManifestEntry>& manifest, const input::SourceFile* manifest_source,
                                 const FileLoader& load, const AwsManagedPolicies& aws) {
  PrincipalSet set;
  Builder builder(set, aws);
  builder.files(files);
  builder.manifest(manifest, manifest_source, load);
  return set;
}

}  // namespace sagelint::principal

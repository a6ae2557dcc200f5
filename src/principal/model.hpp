// The principal model: every role, user and group with ALL its policies (trust policy, inline
// policies, attached managed policies, groups, permissions boundary), built from every loaded
// file (CloudFormation templates, authorization dumps) and the [[principal]] manifest in
// .sagelint.toml. Managed policies are resolved: AWS managed ones from the bundled data, customer
// managed ones from templates, dumps and policy files. Built once, after all files are loaded;
// read-only afterwards.
#pragma once

#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "input/document.hpp"
#include "principal/aws_managed.hpp"

namespace sagelint::principal {

// Where a finding about a principal or policy points.
struct Location {
  const input::SourceFile* source = nullptr;
  uint32_t begin = 0;
  uint32_t end = 0;
  std::string pointer;  // RFC 6901 within the file, when the file is JSON or YAML
};

enum class PrincipalKind { Role, User, Group };
std::string_view kind_name(PrincipalKind kind);  // "role", "user", "group"

// --- The manifest ([[principal]] in .sagelint.toml), as parsed by cli/ ---

struct ManifestValue {
  std::string text;
  uint32_t line = 0;  // 1-based position in the config file
  uint32_t column = 0;
  uint32_t end_line = 0;
  uint32_t end_column = 0;
};

struct ManifestEntry {
  PrincipalKind kind = PrincipalKind::Role;
  ManifestValue name;
  std::optional<ManifestValue> trust;          // a policy file (roles)
  std::vector<ManifestValue> managed;          // AWS managed name or ARN, customer managed ARN, or a file
  std::vector<ManifestValue> inline_policies;  // policy files
  std::vector<ManifestValue> groups;           // group names (users): other [[principal]] groups
  std::optional<ManifestValue> boundary;       // managed policy name, ARN or file
};

// A manifest value names a policy file (not a managed policy) when it ends in .json, .yaml or
// .yml or contains a '/' without being an ARN.
bool names_file(std::string_view value);

// --- The model ---

enum class PolicyKind { Inline, CustomerManaged, AwsManaged, Unresolved };

struct CustomerManagedPolicy {
  std::string name;
  std::string arn;                            // when known (dumps, manifest ARNs)
  const input::Document* document = nullptr;  // null when only referenced, never defined
  Location definition;                        // the template resource, dump entry or policy file
};

struct AttachedPolicy {
  PolicyKind kind = PolicyKind::Unresolved;
  std::string name;                           // policy name, ARN, or the expression that computes it
  const input::Document* document = nullptr;  // null when unresolved
  const AwsManagedPolicy* aws = nullptr;
  const CustomerManagedPolicy* customer = nullptr;
  Location where;            // the attachment as written
  bool conditional = false;  // may be absent (CloudFormation Fn::If)
};

struct Principal {
  PrincipalKind kind = PrincipalKind::Role;
  std::string name;
  std::string origin;  // "CloudFormation", "Terraform plan", "authorization details", "manifest"
  Location definition;
  // Where its references resolve: one file, or a Terraform module (every .tf of a directory).
  // Principals of one scope are the neighbours a rule may name (SL503's passable roles).
  std::string scope;
  const input::Document* trust = nullptr;
  Location trust_where;
  std::vector<AttachedPolicy> inline_policies;
  std::vector<AttachedPolicy> managed;   // distinct attachments
  bool managed_list_opaque = false;      // more may be attached by a computed list
  std::vector<const Principal*> groups;  // users: resolved groups
  std::vector<std::string> unresolved_groups;
  size_t group_references = 0;  // users: groups named, resolved or not
  std::optional<AttachedPolicy> boundary;
};

// Loads a policy file named in the manifest (path relative to the config directory): returns
// the loaded file, or null with `error` set.
using FileLoader = std::function<const input::LoadedFile*(const std::string& path, std::string& error)>;

class PrincipalSet {
 public:
  // `manifest_source` is the .sagelint.toml text (locations of manifest findings); may be null
  // when the manifest is empty.
  static PrincipalSet build(const std::vector<const input::LoadedFile*>& files,
                            const std::vector<ManifestEntry>& manifest, const input::SourceFile* manifest_source,
                            const FileLoader& load, const AwsManagedPolicies& aws);

  const std::deque<Principal>& principals() const { return principals_; }
  const std::deque<CustomerManagedPolicy>& customer_managed() const { return customer_; }
  // Problems building the model that are not rule findings (a manifest file that cannot be read).
  const std::vector<std::string>& errors() const { return errors_; }

 private:
  std::deque<Principal> principals_;
  std::deque<CustomerManagedPolicy> customer_;
  std::vector<std::string> errors_;
  friend class Builder;
};

// Size of a policy as IAM counts it against its quotas: characters of the JSON text, white
// space not counted. Computed from the tree, so a YAML template's policy counts as the JSON
// CloudFormation sends (intrinsic functions as their rendered text).
size_t policy_size(const input::JsonNode& root);

}  // namespace sagelint::principal

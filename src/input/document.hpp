// What a file contributes to linting: one or more policy documents located inside it, and the
// IAM entities (roles, users, groups, managed policies) it defines. A plain policy file is one
// document; a CloudFormation template or an account authorization dump holds many (see
// cfn.cpp, authz.cpp). Entities are facts as written; principal/ resolves them across files.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "input/json.hpp"
#include "input/source.hpp"

namespace sagelint::input {

enum class KindHint { Unknown, Identity, Trust, Resource };

struct Document {
  const SourceFile* source = nullptr;
  const JsonNode* root = nullptr;    // null when the text could not be parsed
  const JsonError* error = nullptr;  // set when root is null
  // Every syntax error, also when the parser repaired them (unquoted placeholder, trailing
  // comma) and `root` is the repaired tree; null when the text is valid JSON.
  const std::vector<JsonError>* syntax_errors = nullptr;
  // RFC 6901 pointer of the document inside its file, without the leading "/", e.g.
  // "Resources/NotebookRole/Properties/AssumeRolePolicyDocument"; empty for a policy file.
  std::string origin;
  KindHint kind_hint = KindHint::Unknown;  // what the container says the document is
  // False when the byte ranges are not JSON text a fix may edit: a policy inside a YAML
  // template, or one URL-encoded in a string (every node then spans the whole string token).
  bool fixable = true;
  // A document written as a string (URL-encoded in an authorization dump, a JSON string in a
  // template): its text decoded, the document IAM receives, where every node spans the whole
  // string token. Empty for a document whose nodes have ranges of their own.
  std::string_view decoded;
  // Where the document is, in the words of its container, for messages and as a SARIF logical
  // location: a Terraform resource address ("module.ml.aws_iam_role.training"). Empty when the
  // position says enough.
  std::string label;
  // Written by the reader, not by the user: the trust policy SAM or the Serverless Framework
  // generates for a function's role. The principal model reads it; the Linter does not lint it
  // (no finding may point at text the user did not write).
  bool generated = false;
};

enum class Format {
  Policy,
  CloudFormation,
  AuthorizationDetails,
  Terraform,
  TerraformPlan,
  Template,
  Markdown,
  Serverless,
  Skipped
};
std::string_view format_name(Format format);

// A reference to another IAM object, as written: "arn:aws:iam::aws:policy/X", a name, a
// CloudFormation logical id (Ref), or a value computed at deploy time.
struct Reference {
  enum class Form { Arn, Name, LogicalId, Opaque };
  Form form = Form::Opaque;
  // The ARN or name (AWS::Partition resolved to "aws"; other CloudFormation references stay as
  // "${Name}"), the logical id, or the rendered expression.
  std::string text;
  const JsonNode* node = nullptr;  // where it is written
  bool conditional = false;        // under Fn::If: may be absent at deploy time
};

struct InlinePolicy {
  std::string name;                // PolicyName, when written as a literal
  size_t document = 0;             // index into LoadedFile::documents
  const JsonNode* node = nullptr;  // the entry (for findings)
  // Terraform: the policy is data.aws_iam_policy_document.<document_ref>.json of another file of
  // the module (`document` is then unused); principal/ looks it up.
  std::string document_ref;
};

// Attachment and Membership are Terraform's separate resources (aws_iam_role_policy_attachment,
// aws_iam_user_group_membership, ...): principal/ resolves them in the whole module, whatever
// file of the module declares the principal.
enum class EntityKind { Role, User, Group, ManagedPolicy, InlinePolicy, Attachment, Membership };
// "role", "user", "group", "managed policy", "policy", "policy attachment", "group membership"
std::string_view entity_kind_name(EntityKind kind);

struct Entity {
  EntityKind kind = EntityKind::Role;
  std::string logical_id;  // CloudFormation logical id; empty in dumps
  std::string name;        // RoleName/UserName/GroupName/ManagedPolicyName/PolicyName if literal
  std::string arn;         // from dumps
  // Where findings about the entity point: the logical id key, or the name in a dump entry.
  uint32_t anchor_begin = 0;
  uint32_t anchor_end = 0;
  const JsonNode* anchor = nullptr;
  std::optional<size_t> trust;                // roles: AssumeRolePolicyDocument (index into documents)
  std::vector<InlinePolicy> inline_policies;  // Policies / RolePolicyList ... of the entity
  std::optional<size_t> document;             // ManagedPolicy, InlinePolicy resources: their document
  std::vector<Reference> managed;             // ManagedPolicyArns / AttachedManagedPolicies
  bool managed_list_opaque = false;           // ManagedPolicyArns is itself computed (!Ref list, !If ...)
  std::vector<Reference> groups;              // users: Groups / GroupList
  std::optional<Reference> boundary;          // PermissionsBoundary
  // AWS::IAM::ManagedPolicy / AWS::IAM::Policy / AWS::IAM::RolePolicy...: the entities it is
  // attached to or embedded in.
  std::vector<Reference> roles;
  std::vector<Reference> users;
  std::vector<Reference> in_groups;
  bool aws_managed = false;  // a dump's Policies entry for an AWS managed policy
  // Terraform: the trust policy or the document is data.aws_iam_policy_document.<name>.json of
  // another file of the module; principal/ looks it up there (names only, never resolved here).
  std::string trust_ref;
  std::string document_ref;
  // Attachment: `managed` holds the one policy_arn, `roles`/`users`/`in_groups` the targets.
  // Membership: each of `users` is a member of each of `groups`.

  std::string display_name() const { return name.empty() ? logical_id : name; }
};

// A policy parsed from a string inside the file (URL-encoded in a dump, or a JSON string in a
// template), kept alive with the file.
struct EmbeddedPolicy {
  std::string text;
  JsonParseResult json;
};

// Something a reader did not take literally and the user should know: a value over the
// rendering budget (render_budget.hpp) ... Shown as a warning on standard error with its position.
struct LoadNote {
  uint32_t offset = 0;  // byte offset in the file
  std::string message;
};

struct LoadedFile {
  std::unique_ptr<SourceFile> source;
  JsonParseResult json;  // the whole file's tree (JSON, or YAML turned into the same tree)
  std::vector<Document> documents;
  Format format = Format::Policy;
  std::vector<Entity> entities;
  std::string skip_reason;  // Format::Skipped: why nothing in the file is linted
  std::vector<LoadNote> notes;
  // Heap storage that Documents point into, stable when the LoadedFile moves.
  std::vector<std::unique_ptr<EmbeddedPolicy>> embedded;
  std::vector<std::unique_ptr<JsonError>> errors;
  std::vector<std::unique_ptr<std::vector<JsonError>>> syntax_errors;
};

// A policy file: the whole text is one policy document (or a parse error).
LoadedFile load_policy_file(std::unique_ptr<SourceFile> source);

// Any input file: recognises the container format from the content (and a YAML extension:
// .yaml, .yml, .template) and extracts every policy document and IAM entity in it. YAML that is
// not a CloudFormation template comes back as Format::Skipped with no documents.
LoadedFile load_source(std::unique_ptr<SourceFile> source);

}  // namespace sagelint::input

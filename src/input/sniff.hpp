// Early, cheap answers to "could this file hold IAM?", so that application files that share an
// extension with policies (package.json, tsconfig.json, .vscode/settings.json, workflow YAML)
// are skipped rather than linted as broken policies, and files in formats sagelint does not
// read (.ts, .py) are never reported as invalid JSON.
#pragma once

#include <string>
#include <string_view>

#include "input/json.hpp"

namespace sagelint::input {

// The extension (".ts") when `path` names a format sagelint never reads: program source,
// markup, lock files. Empty otherwise.
std::string unreadable_extension(std::string_view path);

// Before parsing, a few memmem scans: false when no word of a policy, statement, template, dump
// or plan occurs anywhere: Statement, Effect, Action, NotAction as whole words in lower, title or
// upper case; a policy Version date; and, in the exact case the tools write them, "AWS::", an
// authorization dump's ...DetailList or PolicyVersionList, a plan's format_version. True for
// UTF-16 text (BOM), which the parser rejects with a reason. A file for which this is false cannot
// be any input sagelint lints and need not be parsed.
bool may_hold_iam(std::string_view text);

// After parsing: true when some object in the tree has the shape of a policy or statement, keys
// compared case-insensitively so a policy with a mistyped case still lints: a Statement holding
// an object or array, a Version with a policy version date, an Action or NotAction holding
// "service:action" or "*" (or a list with one), or an Effect string beside a Resource,
// NotResource, Principal, NotPrincipal, Condition or Sid. Also true when the root is a string
// that itself holds policy text (a policy encoded as a JSON string).
bool has_policy_shape(const JsonNode& root);

// For text that does not parse as JSON: true when a policy element name is written as a key
// (`"Statement":`, `Effect :`, with straight, curly or no quotes) or a policy version date
// occurs, so a broken policy is still reported as invalid JSON and a JSON-with-comments
// settings file is not.
bool broken_json_looks_like_policy(std::string_view text);

// After parsing: AWS SAM's policy_templates.json, the catalogue of policy templates (a
// "Templates" map whose entries hold a "Definition"): template definitions, not a policy.
bool is_sam_policy_template_catalogue(const JsonNode& root);

}  // namespace sagelint::input

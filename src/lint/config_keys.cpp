#include "lint/config_keys.hpp"

namespace sagelint::lint::config_keys {

namespace {

using T = Type;

constexpr std::string_view kFailOn[] = {"error", "warning", "note", "never", "none"};
constexpr std::string_view kSeverities[] = {"error", "warning", "note"};
constexpr std::string_view kKinds[] = {"identity", "trust", "resource"};
constexpr std::string_view kPrincipalKinds[] = {"role", "user", "group"};
constexpr std::string_view kAskedKinds[] = {"role", "user"};
constexpr std::string_view kExpect[] = {"deny", "allow"};
constexpr std::string_view kRoleOnly[] = {"role"};
constexpr std::string_view kUserOnly[] = {"user"};
constexpr std::string_view kRoleOrUser[] = {"role", "user"};

// service:Action or service:Key: a colon with something on both sides.
constexpr std::string_view kServiceColon = "^[^:]+:.+$";

constexpr Key kLintKeys[] = {
    {"select", T::Strings, "Rules to run: ids (SL101), id prefixes (SL1), names, tags, or ALL. --select replaces it."},
    {"ignore", T::Strings, "Rules never reported, in the same forms as select. --ignore adds to it."},
    {"fail-on", T::String, "Exit status 1 when a finding is at or above this severity (default: warning).", kFailOn},
};
constexpr Section kLint{"[lint]", kLintKeys};

constexpr Key kFilesKeys[] = {
    {"include", T::Strings,
     "Globs, relative to this file's directory, of the files a directory PATH contributes (default: **/*.json, "
     "**/*.yaml, **/*.yml, **/*.template, **/*.tf, **/*.json.tpl, **/*.json.j2)."},
    {"exclude", T::Strings, "Globs of files never linted, even when named on the command line."},
};
constexpr Section kFiles{"[files]", kFilesKeys};

constexpr Key kSuppressKeys[] = {
    {"path", T::String, "Glob of the files whose findings are suppressed.", {}, true},
    {"rules", T::Strings, "Rules suppressed there (ids, names, tags); all rules when absent."},
    {"sid", T::String, "Only findings in the statement with this Sid."},
};
constexpr Section kSuppress{"[[suppress]]", kSuppressKeys};

constexpr Key kKindKeys[] = {
    {"path", T::String, "Glob of the files whose kind is set.", {}, true},
    {"kind", T::String, "Lint matching files as identity, trust or resource policies.", kKinds, true},
};
constexpr Section kKind{"[[kind]]", kKindKeys};

constexpr Key kDataKeys[] = {
    {"dir", T::String, "A directory holding iam-catalog.json, used instead of the built-in IAM data."},
};
constexpr Section kData{"[data]", kDataKeys};

constexpr Key kPrincipalKeys[] = {
    {"kind", T::String, "role, user or group.", kPrincipalKinds, true},
    {"name", T::NonEmptyString, "The principal's name.", {}, true},
    {"trust", T::NonEmptyString, "A role's trust policy: a policy file (.json).", {}, false, nullptr, {}, kRoleOnly},
    {"managed", T::NonEmptyStrings, "Managed policies: AWS managed by name or ARN, customer managed as policy files."},
    {"inline", T::NonEmptyStrings, "Inline policies: policy files (.json)."},
    {"groups",
     T::NonEmptyStrings,
     "The groups a user belongs to ([[principal]] entries of kind group).",
     {},
     false,
     nullptr,
     {},
     kUserOnly},
    {"boundary",
     T::NonEmptyString,
     "The permissions boundary: a managed policy name or ARN, or a policy file.",
     {},
     false,
     nullptr,
     {},
     kRoleOrUser},
};
constexpr Section kPrincipal{"[[principal]]", kPrincipalKeys};

constexpr Key kAskedKeys[] = {
    {"kinds", T::NonEmptyStrings, "Which principals are asked: role, user (default: both).", kAskedKinds},
    {"names", T::NonEmptyStrings, "IAM-style globs on the principal name, case-insensitive."},
    {"exclude", T::NonEmptyStrings, "Globs of principal names never asked."},
    {"trusts", T::NonEmptyStrings,
     "Roles whose trust policy lets one of these service principals assume them (sagemaker.amazonaws.com)."},
    {"managed", T::NonEmptyStrings, "Principals with one of these managed policies (name or ARN, globs)."},
};
constexpr Section kAsked{"principals", kAskedKeys};

constexpr Key kQuestionKeys[] = {
    {"principals",
     T::Table,
     "Which roles and users are asked; a principal must match every key given.",
     {},
     false,
     &kAsked},
    {"actions", T::NonEmptyStrings, "service:Action, wildcards allowed.", {}, true, nullptr, kServiceColon},
    {"resources", T::NonEmptyStrings, "Resource ARNs to ask about (default: example ARNs of each action)."},
    {"context", T::Context,
     "Condition keys fixed in the request: a string, boolean or integer, or an array of them for a multivalued "
     "key."},
    {"absent", T::NonEmptyStrings, "Condition keys the request does not carry.", {}, false, nullptr, kServiceColon},
    {"expect", T::String,
     "deny: report a principal allowed some such request; allow: report one that no request context allows.", kExpect,
     true},
    {"message", T::NonEmptyString,
     "The finding's message, with placeholders such as {principal}, {request}, {allowed_by}."},
};
constexpr Section kQuestion{"[guardrail]", kQuestionKeys};

constexpr Key kGuardrailKeys[] = {
    {"id", T::String, "The rule's id, in SL900-SL999, the block for user rules.", {}, true, nullptr, "^SL9[0-9][0-9]$"},
    {"name",
     T::String,
     "The rule's kebab-case name; not a built-in rule's name.",
     {},
     true,
     nullptr,
     "^[a-z0-9]+(-[a-z0-9]+)*$"},
    {"severity", T::String, "error, warning (default) or note.", kSeverities},
    {"summary", T::NonEmptyString, "One line: what a finding means.", {}, true},
    {"explanation", T::NonEmptyString, "Why it matters (sagelint explain, SARIF)."},
    {"remediation", T::NonEmptyString, "How to fix it."},
    {"tags", T::NonEmptyStrings, "Tags for --select and --ignore (user-guardrail is always added)."},
};
constexpr Section kGuardrail{"[[guardrail]]", kGuardrailKeys, &kQuestion};

constexpr Key kTopKeys[] = {
    {"lint", T::Table, "Which rules run, and which severity fails the run.", {}, false, &kLint},
    {"files", T::Table, "Which files a directory PATH contributes.", {}, false, &kFiles},
    {"severity", T::SeverityMap, "Rule id or name = error, warning or note: overrides a rule's default severity."},
    {"suppress",
     T::Tables,
     "Hide findings in matching files, for some rules or a statement Sid.",
     {},
     false,
     &kSuppress},
    {"kind", T::Tables, "Treat matching files as identity, trust or resource policies.", {}, false, &kKind},
    {"rules", T::RuleOptions, "[rules.<rule-name>]: options of a rule (sagelint explain RULE lists them)."},
    {"data", T::Table, "Use another iam-catalog.json.", {}, false, &kData},
    {"principal",
     T::Tables,
     "Roles, users and groups made of policy files, for the principal-level rules.",
     {},
     false,
     &kPrincipal},
    {"guardrail", T::Tables, "Your own guardrails, as rules SL900-SL999.", {}, false, &kGuardrail},
};
constexpr Section kTop{"the top level", kTopKeys};

}  // namespace

const Section& top_level() { return kTop; }
const Section& guardrail_question() { return kQuestion; }
const Section& user_guardrail() { return kGuardrail; }
const Section& principal_entry() { return kPrincipal; }
const Section& guardrail_principals() { return kAsked; }

bool has_key(const Section& section, std::string_view name) {
  for (const auto& k : section.keys) {
    if (k.name == name) return true;
  }
  return section.also != nullptr && has_key(*section.also, name);
}

std::string expected_list(const Section& section) {
  std::string out;
  for (const Section* s = &section; s != nullptr; s = s->also) {
    for (const auto& k : s->keys) out += (out.empty() ? "" : ", ") + std::string(k.name);
  }
  return out;
}

}  // namespace sagelint::lint::config_keys

// The explicit rule table, sorted by name. Adding a rule: scripts/new-rule.py writes the
// TOML, the logic file, fixtures and this entry (see CONTRIBUTING.md).
#include "rules/table.hpp"

namespace sagelint::rules {

std::unique_ptr<lint::Rule> make_allow_with_negation();
std::unique_ptr<lint::Rule> make_conflicting_elements();
std::unique_ptr<lint::Rule> make_duplicate_key();
std::unique_ptr<lint::Rule> make_duplicate_sid();
std::unique_ptr<lint::Rule> make_empty_element();
std::unique_ptr<lint::Rule> make_invalid_effect();
std::unique_ptr<lint::Rule> make_invalid_json();
std::unique_ptr<lint::Rule> make_invalid_root();
std::unique_ptr<lint::Rule> make_invalid_sid();
std::unique_ptr<lint::Rule> make_invalid_version();
std::unique_ptr<lint::Rule> make_malformed_action();
std::unique_ptr<lint::Rule> make_missing_action();
std::unique_ptr<lint::Rule> make_missing_effect();
std::unique_ptr<lint::Rule> make_missing_principal();
std::unique_ptr<lint::Rule> make_missing_resource();
std::unique_ptr<lint::Rule> make_missing_statement();
std::unique_ptr<lint::Rule> make_missing_version();
std::unique_ptr<lint::Rule> make_outdated_version();
std::unique_ptr<lint::Rule> make_policy_variable_without_version();
std::unique_ptr<lint::Rule> make_principal_in_identity_policy();
std::unique_ptr<lint::Rule> make_resource_in_trust_policy();
std::unique_ptr<lint::Rule> make_unknown_element();
std::unique_ptr<lint::Rule> make_wrong_element_type();

namespace {
constexpr lint::RuleDefinition kTable[] = {
    {"allow-with-negation", &make_allow_with_negation},
    {"conflicting-elements", &make_conflicting_elements},
    {"duplicate-key", &make_duplicate_key},
    {"duplicate-sid", &make_duplicate_sid},
    {"empty-element", &make_empty_element},
    {"invalid-effect", &make_invalid_effect},
    {"invalid-json", &make_invalid_json},
    {"invalid-root", &make_invalid_root},
    {"invalid-sid", &make_invalid_sid},
    {"invalid-version", &make_invalid_version},
    {"malformed-action", &make_malformed_action},
    {"missing-action", &make_missing_action},
    {"missing-effect", &make_missing_effect},
    {"missing-principal", &make_missing_principal},
    {"missing-resource", &make_missing_resource},
    {"missing-statement", &make_missing_statement},
    {"missing-version", &make_missing_version},
    {"outdated-version", &make_outdated_version},
    {"policy-variable-without-version", &make_policy_variable_without_version},
    {"principal-in-identity-policy", &make_principal_in_identity_policy},
    {"resource-in-trust-policy", &make_resource_in_trust_policy},
    {"unknown-element", &make_unknown_element},
    {"wrong-element-type", &make_wrong_element_type},
};
}  // namespace

std::span<const lint::RuleDefinition> rule_table() { return kTable; }

}  // namespace sagelint::rules

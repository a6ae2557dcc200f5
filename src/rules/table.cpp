// The explicit rule table, sorted by name. Adding a rule: scripts/new-rule.py writes the
// TOML, the logic file, fixtures and this entry (see CONTRIBUTING.md).
#include "rules/table.hpp"

#include "lint/registry.hpp"
// make_guardrail_question(): the one rule behind every data rule (a TOML with a [guardrail] table).
#include "rules/guardrail_question_support.hpp"

namespace sagelint::rules {

std::unique_ptr<lint::Rule> make_action_wildcard_matches_nothing();
std::unique_ptr<lint::Rule> make_allow_with_negation();
std::unique_ptr<lint::Rule> make_condition_key_not_supported();
std::unique_ptr<lint::Rule> make_condition_operator_type_mismatch();
std::unique_ptr<lint::Rule> make_conflicting_elements();
std::unique_ptr<lint::Rule> make_create_cluster_missing_permissions();
std::unique_ptr<lint::Rule> make_deny_describe_without_search();
std::unique_ptr<lint::Rule> make_duplicate_key();
std::unique_ptr<lint::Rule> make_duplicate_sid();
std::unique_ptr<lint::Rule> make_empty_element();
std::unique_ptr<lint::Rule> make_example_account_id();
std::unique_ptr<lint::Rule> make_for_all_values_without_null_check();
std::unique_ptr<lint::Rule> make_if_exists_on_security_key();
std::unique_ptr<lint::Rule> make_inline_policies_too_large();
std::unique_ptr<lint::Rule> make_invalid_account_condition_value();
std::unique_ptr<lint::Rule> make_invalid_arn();
std::unique_ptr<lint::Rule> make_invalid_arn_account();
std::unique_ptr<lint::Rule> make_invalid_arn_region();
std::unique_ptr<lint::Rule> make_invalid_condition_value();
std::unique_ptr<lint::Rule> make_invalid_effect();
std::unique_ptr<lint::Rule> make_invalid_json();
std::unique_ptr<lint::Rule> make_invalid_policy_variable();
std::unique_ptr<lint::Rule> make_invalid_root();
std::unique_ptr<lint::Rule> make_invalid_sid();
std::unique_ptr<lint::Rule> make_invalid_version();
std::unique_ptr<lint::Rule> make_legacy_condition_key();
std::unique_ptr<lint::Rule> make_malformed_action();
std::unique_ptr<lint::Rule> make_managed_policy_too_large();
std::unique_ptr<lint::Rule> make_misplaced_policy_variable();
std::unique_ptr<lint::Rule> make_missing_action();
std::unique_ptr<lint::Rule> make_missing_effect();
std::unique_ptr<lint::Rule> make_missing_principal();
std::unique_ptr<lint::Rule> make_missing_resource();
std::unique_ptr<lint::Rule> make_missing_statement();
std::unique_ptr<lint::Rule> make_missing_version();
std::unique_ptr<lint::Rule> make_multivalued_key_without_set_operator();
std::unique_ptr<lint::Rule> make_network_isolation_deny_missing();
std::unique_ptr<lint::Rule> make_non_string_condition_value();
std::unique_ptr<lint::Rule> make_notebook_lifecycle_config_escalation();
std::unique_ptr<lint::Rule> make_null_with_if_exists();
std::unique_ptr<lint::Rule> make_outdated_version();
std::unique_ptr<lint::Rule> make_passrole_deny_missing();
std::unique_ptr<lint::Rule> make_passrole_missing_passed_to_service();
std::unique_ptr<lint::Rule> make_policy_variable_without_version();
std::unique_ptr<lint::Rule> make_presigned_notebook_url_any_notebook();
std::unique_ptr<lint::Rule> make_principal_in_identity_policy();
std::unique_ptr<lint::Rule> make_resource_action_mismatch();
std::unique_ptr<lint::Rule> make_resource_in_trust_policy();
std::unique_ptr<lint::Rule> make_sagemaker_passrole_code_execution();
std::unique_ptr<lint::Rule> make_set_operator_on_single_valued_key();
std::unique_ptr<lint::Rule> make_several_values_for_bool_operator();
std::unique_ptr<lint::Rule> make_studio_create_missing_add_tags();
std::unique_ptr<lint::Rule> make_too_many_groups();
std::unique_ptr<lint::Rule> make_too_many_managed_policies();
std::unique_ptr<lint::Rule> make_trust_policy_too_large();
std::unique_ptr<lint::Rule> make_unfilled_placeholder();
std::unique_ptr<lint::Rule> make_unknown_action();
std::unique_ptr<lint::Rule> make_unknown_aws_managed_policy();
std::unique_ptr<lint::Rule> make_unknown_condition_key();
std::unique_ptr<lint::Rule> make_unknown_condition_operator();
std::unique_ptr<lint::Rule> make_unknown_element();
std::unique_ptr<lint::Rule> make_unknown_service();
std::unique_ptr<lint::Rule> make_unsupported_character();
std::unique_ptr<lint::Rule> make_wildcard_in_exact_operator();
std::unique_ptr<lint::Rule> make_wrong_element_type();

namespace {
constexpr lint::RuleDefinition kTable[] = {
    {lint::kGuardrailQuestionFactory, &make_guardrail_question},
    {"action-wildcard-matches-nothing", &make_action_wildcard_matches_nothing},
    {"allow-with-negation", &make_allow_with_negation},
    {"condition-key-not-supported", &make_condition_key_not_supported},
    {"condition-operator-type-mismatch", &make_condition_operator_type_mismatch},
    {"conflicting-elements", &make_conflicting_elements},
    {"create-cluster-missing-permissions", &make_create_cluster_missing_permissions},
    {"deny-describe-without-search", &make_deny_describe_without_search},
    {"duplicate-key", &make_duplicate_key},
    {"duplicate-sid", &make_duplicate_sid},
    {"empty-element", &make_empty_element},
    {"example-account-id", &make_example_account_id},
    {"for-all-values-without-null-check", &make_for_all_values_without_null_check},
    {"if-exists-on-security-key", &make_if_exists_on_security_key},
    {"inline-policies-too-large", &make_inline_policies_too_large},
    {"invalid-account-condition-value", &make_invalid_account_condition_value},
    {"invalid-arn", &make_invalid_arn},
    {"invalid-arn-account", &make_invalid_arn_account},
    {"invalid-arn-region", &make_invalid_arn_region},
    {"invalid-condition-value", &make_invalid_condition_value},
    {"invalid-effect", &make_invalid_effect},
    {"invalid-json", &make_invalid_json},
    {"invalid-policy-variable", &make_invalid_policy_variable},
    {"invalid-root", &make_invalid_root},
    {"invalid-sid", &make_invalid_sid},
    {"invalid-version", &make_invalid_version},
    {"legacy-condition-key", &make_legacy_condition_key},
    {"malformed-action", &make_malformed_action},
    {"managed-policy-too-large", &make_managed_policy_too_large},
    {"misplaced-policy-variable", &make_misplaced_policy_variable},
    {"missing-action", &make_missing_action},
    {"missing-effect", &make_missing_effect},
    {"missing-principal", &make_missing_principal},
    {"missing-resource", &make_missing_resource},
    {"missing-statement", &make_missing_statement},
    {"missing-version", &make_missing_version},
    {"multivalued-key-without-set-operator", &make_multivalued_key_without_set_operator},
    {"network-isolation-deny-missing", &make_network_isolation_deny_missing},
    {"non-string-condition-value", &make_non_string_condition_value},
    {"notebook-lifecycle-config-escalation", &make_notebook_lifecycle_config_escalation},
    {"null-with-if-exists", &make_null_with_if_exists},
    {"outdated-version", &make_outdated_version},
    {"passrole-deny-missing", &make_passrole_deny_missing},
    {"passrole-missing-passed-to-service", &make_passrole_missing_passed_to_service},
    {"policy-variable-without-version", &make_policy_variable_without_version},
    {"presigned-notebook-url-any-notebook", &make_presigned_notebook_url_any_notebook},
    {"principal-in-identity-policy", &make_principal_in_identity_policy},
    {"resource-action-mismatch", &make_resource_action_mismatch},
    {"resource-in-trust-policy", &make_resource_in_trust_policy},
    {"sagemaker-passrole-code-execution", &make_sagemaker_passrole_code_execution},
    {"set-operator-on-single-valued-key", &make_set_operator_on_single_valued_key},
    {"several-values-for-bool-operator", &make_several_values_for_bool_operator},
    {"studio-create-missing-add-tags", &make_studio_create_missing_add_tags},
    {"too-many-groups", &make_too_many_groups},
    {"too-many-managed-policies", &make_too_many_managed_policies},
    {"trust-policy-too-large", &make_trust_policy_too_large},
    {"unfilled-placeholder", &make_unfilled_placeholder},
    {"unknown-action", &make_unknown_action},
    {"unknown-aws-managed-policy", &make_unknown_aws_managed_policy},
    {"unknown-condition-key", &make_unknown_condition_key},
    {"unknown-condition-operator", &make_unknown_condition_operator},
    {"unknown-element", &make_unknown_element},
    {"unknown-service", &make_unknown_service},
    {"unsupported-character", &make_unsupported_character},
    {"wildcard-in-exact-operator", &make_wildcard_in_exact_operator},
    {"wrong-element-type", &make_wrong_element_type},
};
}  // namespace

std::span<const lint::RuleDefinition> rule_table() { return kTable; }

}  // namespace sagelint::rules

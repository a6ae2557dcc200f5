// The one rule behind every data guardrail (lint/guardrail_spec.hpp): a rules/<name>.toml with a
// [guardrail] table, or a [[guardrail]] in .sagelint.toml. It reads the question from the rule's
// metadata, asks the evaluator (eval/guardrail.hpp) for each selected principal, and reports a
// principal whose answer is not the expected one.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "lint/guardrail_spec.hpp"
#include "lint/rule.hpp"

namespace sagelint::rules {

// The factory-table entry named lint::kGuardrailQuestionFactory.
std::unique_ptr<lint::Rule> make_guardrail_question();

// One request shape of the question: an action and the resources asked with it.
struct GuardrailAction {
  std::string action;                  // "sagemaker:CreateNotebookInstance"
  std::vector<std::string> resources;  // the spec's, else one example ARN of the action
};

// The actions the question asks, in the order written: exact names as written, wildcards
// expanded through the catalog to the actions whose requests can carry every service-specific
// key of the question (a fixed or absent key the action never carries says nothing about it).
std::vector<GuardrailAction> guardrail_actions(const lint::GuardrailSpec& spec, const catalog::Catalog& catalog);

// What the catalog says is wrong with the question: unknown actions or condition keys, a
// wildcard that matches no action carrying the keys, a key an action never carries. Each line is
// "SOURCE:LINE:COLUMN: ...". Built-in rules must have none (parity test); user rules get them as
// warnings.
std::vector<std::string> check_guardrail(const lint::GuardrailSpec& spec, const catalog::Catalog& catalog);

// The "## Question" section of the rule's generated docs page.
std::string guardrail_markdown(const lint::RuleMeta& meta);

}  // namespace sagelint::rules

// Evaluation speed on a realistic principal: the seed 003 execution role (AmazonSageMakerFullAccess,
// RestrictInternetAccess, RestrictPassRole) plus 17 more AWS managed policies, 20 in all.
//   sagelint_eval_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "eval/eval.hpp"
#include "eval/guardrail.hpp"
#include "input/json.hpp"
#include "policy/policy.hpp"

using namespace sagelint;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Principal {
  std::vector<std::unique_ptr<std::string>> texts;
  std::vector<input::JsonParseResult> trees;
  std::vector<std::unique_ptr<policy::Policy>> policies;
  std::vector<std::pair<std::string, const policy::Policy*>> named;

  Principal() {
    const std::string root = SAGELINT_SOURCE_DIR;
    texts.push_back(std::make_unique<std::string>(read_file(root + "/data/aws-managed-policies.json")));
    trees.push_back(input::parse_json(*texts.back()));
    const input::JsonNode& bundle = trees.back().root->find("policies")->value;
    for (const char* name :
         {"AmazonSageMakerFullAccess", "AmazonS3FullAccess", "AmazonEC2ReadOnlyAccess", "CloudWatchLogsFullAccess",
          "AmazonSageMakerReadOnly", "IAMReadOnlyAccess", "AWSLambda_ReadOnlyAccess", "AmazonECS_FullAccess",
          "AmazonDynamoDBReadOnlyAccess", "AmazonSQSFullAccess", "AmazonSNSReadOnlyAccess", "AWSGlueConsoleFullAccess",
          "AmazonAthenaFullAccess", "AmazonKinesisReadOnlyAccess", "AWSCloudFormationReadOnlyAccess",
          "AmazonRDSReadOnlyAccess", "AWSKeyManagementServicePowerUser", "AmazonVPCReadOnlyAccess"}) {
      policies.push_back(
          std::make_unique<policy::Policy>(policy::build_policy(bundle.find(name)->value.find("document")->value)));
      named.emplace_back(name, policies.back().get());
    }
    for (const char* file : {"003-restrict-internet-access.json", "003-restrict-pass-role.json"}) {
      texts.push_back(std::make_unique<std::string>(read_file(root + "/fixtures/seeds/" + file)));
      trees.push_back(input::parse_json(*texts.back()));
      policies.push_back(std::make_unique<policy::Policy>(policy::build_policy(*trees.back().root)));
      named.emplace_back(file, policies.back().get());
    }
  }

  eval::PolicySet set() const {
    eval::PolicySet s;
    for (const auto& [name, p] : named) s.add_identity(name, *p);
    return s;
  }

  size_t statements() const {
    size_t n = 0;
    for (const auto& [name, p] : named) n += p->statements.size();
    return n;
  }
};

const Principal& principal() {
  static const Principal p;
  return p;
}

const std::string kJob = "arn:aws:sagemaker:ap-northeast-1:000000000000:training-job/job-1";

void BM_CompilePolicySet(benchmark::State& state) {
  const Principal& p = principal();
  for (auto _ : state) benchmark::DoNotOptimize(p.set());
  state.counters["policies"] = static_cast<double>(p.named.size());
  state.counters["statements"] = static_cast<double>(p.statements());
}
BENCHMARK(BM_CompilePolicySet)->Unit(benchmark::kMicrosecond);

void run_request(benchmark::State& state, const eval::Request& request, bool full) {
  const eval::PolicySet set = principal().set();
  for (auto _ : state) {
    if (full) {
      benchmark::DoNotOptimize(eval::evaluate(set, request));
    } else {
      benchmark::DoNotOptimize(eval::decide(set, request));
    }
  }
}

eval::Request training_job(bool isolation_off) {
  eval::Request r{"sagemaker:CreateTrainingJob", kJob, {}};
  if (isolation_off) r.context.set("sagemaker:NetworkIsolation", "false");
  r.context.set("aws:SourceVpce", "vpce-xxxxxxxxxxxxxxxxx");
  r.context.set("sagemaker:VpcSubnets", std::vector<std::string>{"subnet-xxxxxxxxxxxxxxxxx"});
  return r;
}

void BM_EvaluateDenied(benchmark::State& state) { run_request(state, training_job(true), true); }
void BM_EvaluateAllowed(benchmark::State& state) { run_request(state, training_job(false), true); }
void BM_DecideDenied(benchmark::State& state) { run_request(state, training_job(true), false); }
void BM_EvaluateImplicitDeny(benchmark::State& state) {
  run_request(state, {"iam:CreateUser", "arn:aws:iam::000000000000:user/x", {}}, true);
}
BENCHMARK(BM_EvaluateDenied)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_EvaluateAllowed)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_DecideDenied)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_EvaluateImplicitDeny)->Unit(benchmark::kMicrosecond);

void run_question(benchmark::State& state, const eval::Question& q, size_t max_counterexamples) {
  const eval::PolicySet set = principal().set();
  eval::GuardrailOptions options;
  options.max_counterexamples = max_counterexamples;
  size_t contexts = 0;
  bool allowed = false;
  for (auto _ : state) {
    const eval::Answer a = eval::find_allowed(set, q, options);
    contexts = a.contexts;
    allowed = a.allowed();
    benchmark::DoNotOptimize(a);
  }
  state.counters["contexts"] = static_cast<double>(contexts);
  state.counters["allowed"] = allowed ? 1 : 0;
}

// "Can the role create a training job without network isolation?" with the key fixed to false:
// no context allows it, so the whole domain is enumerated.
void BM_GuardrailIsolationFixed(benchmark::State& state) {
  eval::Question q;
  q.actions = {"sagemaker:CreateTrainingJob"};
  q.resources = {kJob};
  q.fixed.set("sagemaker:NetworkIsolation", "false");
  run_question(state, q, 1);
}
// The same with every key free, enumerated to the end (all counterexamples).
void BM_GuardrailIsolationAllContexts(benchmark::State& state) {
  eval::Question q;
  q.actions = {"sagemaker:CreateTrainingJob"};
  q.resources = {kJob};
  run_question(state, q, SIZE_MAX);
}
// "Can it pass an arbitrary role to SageMaker?" (no), over every iam:PassedToService value.
void BM_GuardrailPassRole(benchmark::State& state) {
  eval::Question q;
  q.actions = {"iam:PassRole"};
  q.resources = {"arn:aws:iam::000000000000:role/Admin"};
  q.fixed.set("iam:PassedToService", "sagemaker.amazonaws.com");
  run_question(state, q, 1);
}
// Every SageMaker Create* action (expanded through the catalog) with network isolation off.
void BM_GuardrailAllCreateActions(benchmark::State& state) {
  eval::Question q;
  q.actions = {"sagemaker:Create*"};
  q.resources = {"*"};
  q.fixed.set("sagemaker:NetworkIsolation", "false");
  run_question(state, q, 1);
}
BENCHMARK(BM_GuardrailIsolationFixed)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_GuardrailIsolationAllContexts)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_GuardrailPassRole)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_GuardrailAllCreateActions)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();

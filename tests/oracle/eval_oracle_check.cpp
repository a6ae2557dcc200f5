// Differential test, step 2: evaluate every case written by generate.mjs with sagelint's engine
// and compare with the reference simulator's answer (decision, and the matching Allow and Deny
// statements of the identity policies and of the permissions boundary).
//
// Usage: eval_oracle_check CASES.jsonl [--show N]
// Exit status: 0 when every case agrees, 1 on any disagreement, 2 on a usage or input error.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "eval/eval.hpp"
#include "input/json.hpp"
#include "policy/policy.hpp"

using namespace sagelint;

namespace {

using Ref = std::pair<std::string, size_t>;  // policy name, statement index
using Refs = std::set<Ref>;

struct Expected {
  std::string decision;
  Refs allow, deny, boundary_allow, boundary_deny;
};

const input::JsonNode* member(const input::JsonNode& node, std::string_view key) {
  const input::JsonMember* m = node.find(key);
  return m != nullptr ? &m->value : nullptr;
}

Refs read_refs(const input::JsonNode* list) {
  Refs out;
  if (list == nullptr) return out;
  for (const auto& item : list->items) {
    if (item.items.size() == 2) out.insert({item.items[0].text, std::stoul(item.items[1].text)});
  }
  return out;
}

std::string_view oracle_name(eval::Decision d) {
  switch (d) {
    case eval::Decision::Allow:
      return "Allowed";
    case eval::Decision::ExplicitDeny:
      return "ExplicitlyDenied";
    case eval::Decision::ImplicitDeny:
      return "ImplicitlyDenied";
  }
  return "?";
}

std::string show(const Refs& refs) {
  std::string out = "[";
  for (const auto& [p, i] : refs) {
    if (out.size() > 1) out += ", ";
    out += p + "#" + std::to_string(i);
  }
  return out + "]";
}

// What the generated policies exercise, so the report can say the operators were covered.
void count_coverage(const policy::Policy& p, std::map<std::string, size_t>& coverage) {
  for (const auto& st : p.statements) {
    if (st.actions_negated) ++coverage["element NotAction"];
    if (st.resources_negated) ++coverage["element NotResource"];
    for (const auto& r : st.resources) {
      if (r.text.find("${") != std::string_view::npos) ++coverage["variable in Resource"];
    }
    for (const auto& c : st.conditions) {
      ++coverage["operator " + std::string(c.op.base)];
      if (c.op.if_exists) ++coverage["modifier IfExists"];
      if (c.op.qualifier == policy::SetQualifier::ForAllValues) ++coverage["modifier ForAllValues"];
      if (c.op.qualifier == policy::SetQualifier::ForAnyValue) ++coverage["modifier ForAnyValue"];
      for (const auto* v : c.values) {
        if (v->is_string() && v->text.find("${") != std::string::npos) ++coverage["variable in Condition"];
      }
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: eval_oracle_check CASES.jsonl [--show N]\n");
    return 2;
  }
  size_t show_max = 20;
  for (int i = 2; i + 1 < argc; ++i) {
    if (std::string_view(argv[i]) == "--show") show_max = std::strtoul(argv[i + 1], nullptr, 10);
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", argv[1]);
    return 2;
  }
  size_t cases = 0;
  size_t decision_agree = 0;
  size_t statements_agree = 0;
  size_t shown = 0;
  std::map<std::string, size_t> by_decision;
  std::map<std::string, size_t> coverage;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const input::JsonParseResult tree = input::parse_json(line);
    if (tree.root == nullptr) {
      std::fprintf(stderr, "bad line: %s\n", tree.error.message.c_str());
      return 2;
    }
    const input::JsonNode& root = *tree.root;
    std::vector<std::unique_ptr<policy::Policy>> policies;
    eval::PolicySet set;
    for (const char* group : {"policies", "boundary"}) {
      const input::JsonNode* list = member(root, group);
      if (list == nullptr) continue;
      for (const auto& p : list->items) {
        policies.push_back(std::make_unique<policy::Policy>(policy::build_policy(*member(p, "document"))));
        count_coverage(*policies.back(), coverage);
        const std::string name = member(p, "name")->text;
        if (std::string_view(group) == "boundary") {
          set.add_boundary(name, *policies.back());
        } else {
          set.add_identity(name, *policies.back());
        }
      }
    }
    const input::JsonNode& req = *member(root, "request");
    eval::Request request;
    request.action = member(req, "action")->text;
    request.resource = member(req, "resource")->text;
    for (const auto& m : member(req, "context")->members) {
      if (m.value.is_array()) {
        std::vector<std::string> values;
        for (const auto& v : m.value.items) values.push_back(v.text);
        request.context.set(m.key, std::move(values));
      } else {
        request.context.set(m.key, m.value.text);
      }
    }
    const input::JsonNode& o = *member(root, "oracle");
    Expected want{member(o, "decision")->text, read_refs(member(o, "allow")), read_refs(member(o, "deny")),
                  read_refs(member(o, "boundary_allow")), read_refs(member(o, "boundary_deny"))};

    const eval::Result got = eval::evaluate(set, request);
    Refs allow, deny, boundary_allow, boundary_deny;
    for (const auto& s : got.allows) allow.insert({std::string(s.policy), s.index});
    for (const auto& s : got.boundary_allows) boundary_allow.insert({std::string(s.policy), s.index});
    for (const auto& s : got.denies) (s.boundary ? boundary_deny : deny).insert({std::string(s.policy), s.index});

    ++cases;
    ++by_decision[want.decision];
    const bool same_decision = oracle_name(got.decision) == want.decision;
    const bool same_statements = allow == want.allow && deny == want.deny && boundary_allow == want.boundary_allow &&
                                 boundary_deny == want.boundary_deny;
    decision_agree += same_decision ? 1 : 0;
    statements_agree += same_statements ? 1 : 0;
    if ((!same_decision || !same_statements) && shown++ < show_max) {
      std::printf("DISAGREE case %s: oracle %s allow=%s deny=%s pb_allow=%s pb_deny=%s\n",
                  member(root, "id")->text.c_str(), want.decision.c_str(), show(want.allow).c_str(),
                  show(want.deny).c_str(), show(want.boundary_allow).c_str(), show(want.boundary_deny).c_str());
      std::printf("              sagelint %s allow=%s deny=%s pb_allow=%s pb_deny=%s\n",
                  std::string(oracle_name(got.decision)).c_str(), show(allow).c_str(), show(deny).c_str(),
                  show(boundary_allow).c_str(), show(boundary_deny).c_str());
      std::printf("  %s\n", line.c_str());
    }
  }
  std::printf("coverage:");
  for (const auto& [what, n] : coverage) std::printf(" %s=%zu;", what.c_str(), n);
  std::printf("\noracle decisions:");
  for (const auto& [d, n] : by_decision) std::printf(" %s=%zu", d.c_str(), n);
  const double pct_decision = cases == 0 ? 0 : 100.0 * static_cast<double>(decision_agree) / static_cast<double>(cases);
  const double pct_statements =
      cases == 0 ? 0 : 100.0 * static_cast<double>(statements_agree) / static_cast<double>(cases);
  std::printf("\n%zu pairs: decision agreement %zu/%zu (%.2f%%), deciding-statement agreement %zu/%zu (%.2f%%)\n",
              cases, decision_agree, cases, pct_decision, statements_agree, cases, pct_statements);
  return (cases > 0 && decision_agree == cases && statements_agree == cases) ? 0 : 1;
}

#include "rules/support/example_resources.hpp"

#include <algorithm>

namespace sagelint::rules {

const catalog::ResourceType* main_resource_type(const catalog::Action& action) {
  const catalog::ResourceTypeRef* pick = nullptr;
  for (const auto& ref : action.resource_types) {
    if (ref.type == nullptr || ref.type->arn_format.empty()) continue;
    if (pick == nullptr || (ref.required && !pick->required)) pick = &ref;
  }
  return pick != nullptr ? pick->type : nullptr;
}

std::string example_resource(const catalog::Action& action) {
  if (const catalog::ResourceType* type = main_resource_type(action)) {
    std::string arn;
    std::string_view f = type->arn_format;
    while (!f.empty()) {
      const size_t open = f.find("${");
      if (open == std::string_view::npos) {
        arn += f;
        break;
      }
      arn += f.substr(0, open);
      const size_t close = f.find('}', open);
      if (close == std::string_view::npos) break;
      const std::string_view name = f.substr(open + 2, close - open - 2);
      arn += name == "Partition" ? "aws"
             : name == "Region"  ? "us-east-1"
             : name == "Account" ? "123456789012"
                                 : "sagelint-example";
      f.remove_prefix(close + 1);
    }
    return arn;
  }
  return "*";
}

std::vector<const catalog::Action*> sagemaker_actions_with_key(std::string_view key) {
  const auto& cat = catalog::Catalog::builtin();
  std::vector<const catalog::Action*> out;
  for (const catalog::Action* a : cat.actions_of("sagemaker")) {
    if (cat.action_lists_key(*a, key)) out.push_back(a);
  }
  // The actions users know best first, so the counterexample shown is the familiar one.
  auto rank = [](const catalog::Action* a) {
    static constexpr std::string_view kFirst[] = {"CreateTrainingJob", "CreateProcessingJob", "CreateModel",
                                                  "CreateNotebookInstance"};
    for (size_t i = 0; i < std::size(kFirst); ++i) {
      if (a->name == kFirst[i]) return i;
    }
    return std::size(kFirst);
  };
  std::stable_sort(out.begin(), out.end(), [&](const auto* x, const auto* y) { return rank(x) < rank(y); });
  return out;
}

}  // namespace sagelint::rules

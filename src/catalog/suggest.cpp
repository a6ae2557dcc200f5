// "Did you mean" for unknown actions, services and condition keys.
//
// Two kinds of near miss are worth a suggestion: a typo (small edit distance for the length) and a
// name the user remembered only in part ("DeleteClusterNodes" for "BatchDeleteClusterNodes"). A
// typo ranks above a partial name; among partial names the shortest completion wins. Only the
// candidates tied at the best rank are returned, so one clear answer stays one answer. A name
// that exists gets no suggestions: it is not a near miss of anything.

#include <algorithm>
#include <optional>
#include <tuple>

#include "catalog/catalog.hpp"
#include "catalog/data.hpp"
#include "text/text.hpp"

namespace sagelint::catalog {
namespace {

// Shortest typed text that may be taken as part of a longer name: below it almost everything
// contains it ("List", "Get").
constexpr std::size_t kMinContainedLength = 5;

struct Rank {
  int tier;           // 0 typo, 1 contains what was typed
  std::size_t score;  // edit distance, or characters added
  auto operator<=>(const Rank&) const = default;
};

// The edit distance when it is within a typo of `typed`, else some larger value: only a typo is
// ranked by its distance (rank_typo), so the far candidates, nearly all of them, need no exact
// figure. The bound also keeps a 20 MB "action name" from costing minutes (the distance is at
// least the difference in length).
std::size_t typo_distance(std::string_view typed, std::string_view candidate) {
  return text::edit_distance_within(typed, candidate, text::typo_threshold(typed.size()));
}

std::optional<Rank> rank_typo(std::string_view typed, std::string_view candidate, std::size_t distance) {
  if (distance <= text::typo_threshold(typed.size()) && distance < typed.size() && distance < candidate.size()) {
    return Rank{0, distance};
  }
  return std::nullopt;
}

std::optional<Rank> rank_partial(std::string_view typed, std::string_view candidate) {
  if (typed.size() >= kMinContainedLength && candidate.size() > typed.size() && text::ci_contains(candidate, typed)) {
    return Rank{1, candidate.size() - typed.size()};
  }
  return std::nullopt;
}

class Collector {
 public:
  explicit Collector(std::size_t max) : max_(max) {}

  void offer(std::string_view name, std::size_t distance, Rank rank) {
    if (best_ && rank > *best_) return;
    if (!best_ || rank < *best_) {
      best_ = rank;
      hits_.clear();
    }
    hits_.push_back({name, distance});
  }

  std::vector<Suggestion> take() {
    std::sort(hits_.begin(), hits_.end(),
              [](const Suggestion& a, const Suggestion& b) { return text::ci_less(a.name, b.name); });
    hits_.erase(std::unique(hits_.begin(), hits_.end(),
                            [](const Suggestion& a, const Suggestion& b) { return text::ci_equal(a.name, b.name); }),
                hits_.end());
    if (hits_.size() > max_) hits_.resize(max_);
    return std::move(hits_);
  }

 private:
  std::size_t max_;
  std::optional<Rank> best_;
  std::vector<Suggestion> hits_;
};

// Offers `candidate` for `typed`, compared as `typed_part` vs `candidate_part` (the parts that
// carry the name: e.g. the text after the service prefix).
void consider(Collector& out, std::string_view candidate, std::string_view typed_part,
              std::string_view candidate_part) {
  if (text::ci_equal(typed_part, candidate_part)) return;  // not a near miss: the lookup would have found it
  const std::size_t distance = typo_distance(typed_part, candidate_part);
  if (auto rank = rank_typo(typed_part, candidate_part, distance)) {
    out.offer(candidate, distance, *rank);
  } else if (auto partial = rank_partial(typed_part, candidate_part)) {
    // Contained whole, so the distance is exactly the characters added.
    out.offer(candidate, candidate_part.size() - typed_part.size(), *partial);
  }
}

std::pair<std::string_view, std::string_view> split_key(std::string_view key) {
  const std::size_t colon = key.find(':');
  if (colon == std::string_view::npos) return {std::string_view{}, key};
  return {key.substr(0, colon), key.substr(colon + 1)};
}

}  // namespace

std::vector<Suggestion> Catalog::suggest_actions(std::string_view prefix, std::string_view name,
                                                 std::size_t max) const {
  Collector out(max);
  const Service* svc = service(prefix);
  if (!svc || name.empty() || svc->action(name)) return out.take();
  for (const Action& a : svc->actions()) consider(out, a.name, name, a.name);
  return out.take();
}

std::vector<Suggestion> Catalog::suggest_services(std::string_view prefix, std::size_t max) const {
  Collector out(max);
  if (prefix.empty() || service(prefix)) return out.take();
  for (const Service& svc : d_->services) consider(out, svc.prefix, prefix, svc.prefix);
  return out.take();
}

std::vector<Suggestion> Catalog::suggest_condition_keys(std::string_view key, std::size_t max) const {
  Collector out(max);
  if (key.empty() || condition_key(key)) return out.take();
  const auto [typed_prefix, typed_name] = split_key(key);
  for (const ConditionKey* candidate : d_->key_index) {
    const std::string_view name = candidate->name;
    const std::size_t var = name.find("${");
    if (var != std::string_view::npos) {
      // A template is compared on its fixed head ("aws:RequestTag/") against as much of the typed
      // key: the variable part is the user's own (a tag key) and says nothing about a typo.
      if (name.find('}', var) + 1 != name.size() || var == 0) continue;
      const char separator = name[var - 1];
      const std::size_t from = typed_prefix.empty() ? 0 : typed_prefix.size() + 1;
      const std::size_t cut = key.find(separator, from);
      if (cut == std::string_view::npos || cut + 1 >= key.size()) continue;
      const std::string_view head = key.substr(0, cut + 1);
      const std::size_t distance = typo_distance(head, name.substr(0, var));
      if (distance > 0) {
        if (auto rank = rank_typo(head, name.substr(0, var), distance)) out.offer(name, distance, *rank);
      }
      continue;
    }
    const auto [cand_prefix, cand_name] = split_key(name);
    if (text::ci_equal(cand_prefix, typed_prefix)) {
      // Same service: the name part decides, and a partial name may be completed.
      consider(out, name, typed_name, cand_name);
    } else if (!typed_prefix.empty()) {
      // A misspelt prefix: the whole key must be a typo.
      const std::size_t distance = typo_distance(key, name);
      if (auto rank = rank_typo(key, name, distance)) out.offer(name, distance, *rank);
    }
  }
  return out.take();
}

std::vector<Suggestion> suggest_among(std::string_view typed, const std::vector<std::string_view>& candidates,
                                      std::size_t max) {
  Collector out(max);
  if (typed.empty()) return out.take();
  for (std::string_view c : candidates) {
    if (text::ci_equal(typed, c)) return Collector(max).take();
  }
  for (std::string_view c : candidates) consider(out, c, typed, c);
  return out.take();
}

}  // namespace sagelint::catalog

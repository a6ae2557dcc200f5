#include "cli/baseline.hpp"

#include <algorithm>
#include <tuple>

#include "cli/atomic_file.hpp"
#include "input/json.hpp"
#include "input/source.hpp"
#include "lint/rule_meta.hpp"
#include "report/report.hpp"

namespace sagelint::cli {
namespace {

constexpr std::string_view kFormatVersion = "1";

std::string text_of(const input::JsonNode& object, std::string_view key) {
  const input::JsonMember* m = object.find(key);
  return m != nullptr && m->value.is_string() ? m->value.text : std::string();
}

bool parse(const std::string& where, std::string_view text, std::vector<BaselineEntry>& out, std::string& error) {
  input::JsonParseResult parsed = input::parse_json(text);
  if (!parsed.root) {
    input::SourceFile source(where, std::string(text));
    input::Position at = source.position(parsed.error.offset);
    error = where + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) + ": " + parsed.error.message;
    return false;
  }
  const input::JsonNode& root = *parsed.root;
  const input::JsonMember* version = root.is_object() ? root.find("version") : nullptr;
  if (version == nullptr || version->value.type != input::JsonType::Number || version->value.text != kFormatVersion) {
    error = where +
            ": not a sagelint baseline (expected an object with \"version\": 1); "
            "write one with --baseline FILE --update-baseline";
    return false;
  }
  const input::JsonMember* findings = root.find("findings");
  if (findings == nullptr || !findings->value.is_array()) {
    error = where + ": \"findings\" must be an array";
    return false;
  }
  for (const auto& item : findings->value.items) {
    BaselineEntry e;
    if (item.is_object()) {
      e.rule_id = text_of(item, "ruleId");
      e.rule_name = text_of(item, "rule");
      e.path = text_of(item, "path");
      e.pointer = text_of(item, "pointer");
      e.fingerprint = text_of(item, "fingerprint");
      e.message = text_of(item, "message");
    }
    if (e.fingerprint.empty() || e.path.empty()) {
      error = where + ": entry " + item.pointer() + " needs string \"fingerprint\" and \"path\"";
      return false;
    }
    out.push_back(std::move(e));
  }
  return true;
}

BaselineEntry entry_for(const lint::Finding& f, const std::string& relative_path) {
  return BaselineEntry{f.rule->id, f.rule->name, relative_path, f.pointer, f.fingerprint, f.message};
}

}  // namespace

bool Baseline::load(const std::filesystem::path& path, bool allow_missing, std::string& error) {
  path_ = path;
  input::ReadResult read = input::read_file(path.string());
  if (read.status == input::ReadStatus::NotFound && allow_missing) return true;
  if (read.status != input::ReadStatus::Ok) {
    error = "baseline " + path.string() + ": " + read.error;
    if (read.status == input::ReadStatus::NotFound) error += " (create it with --update-baseline)";
    return false;
  }
  if (!parse(path.string(), read.text, entries_, error)) return false;
  for (const auto& e : entries_) ++remaining_[e.fingerprint];
  return true;
}

void Baseline::apply(lint::FileReport& report, const std::string& relative_path) {
  linted_paths_.insert(relative_path);
  for (auto& f : report.findings) {
    if (f.suppressed) continue;
    auto it = remaining_.find(f.fingerprint);
    // A baseline recorded before principal fingerprints left line numbers out.
    if ((it == remaining_.end() || it->second == 0) && !f.legacy_fingerprint.empty()) {
      it = remaining_.find(f.legacy_fingerprint);
    }
    if (it == remaining_.end() || it->second == 0) continue;
    --it->second;
    f.suppressed = true;
    f.suppression = "recorded in baseline " + path_.string();
  }
}

void Baseline::record(lint::FileReport& report, const std::string& relative_path) {
  linted_paths_.insert(relative_path);
  for (auto& f : report.findings) {
    if (f.suppressed) continue;
    recorded_.push_back(entry_for(f, relative_path));
    f.suppressed = true;
    f.suppression = "recorded in baseline " + path_.string();
  }
}

size_t Baseline::unmatched() const {
  size_t n = 0;
  std::map<std::string, size_t, std::less<>> left = remaining_;
  for (const auto& e : entries_) {
    if (!linted_paths_.contains(e.path)) continue;
    auto it = left.find(e.fingerprint);
    if (it != left.end() && it->second > 0) {
      --it->second;
      ++n;
    }
  }
  return n;
}

std::string Baseline::render(std::vector<BaselineEntry> entries) {
  std::sort(entries.begin(), entries.end(), [](const BaselineEntry& a, const BaselineEntry& b) {
    return std::tie(a.path, a.rule_id, a.pointer, a.fingerprint, a.message) <
           std::tie(b.path, b.rule_id, b.pointer, b.fingerprint, b.message);
  });
  std::string out = "{\n  \"version\": 1,\n  \"tool\": \"sagelint\",\n  \"findings\": [";
  for (size_t i = 0; i < entries.size(); ++i) {
    const auto& e = entries[i];
    out += i == 0 ? "\n    " : ",\n    ";
    out += "{\"path\": " + report::json_quote(e.path) + ", \"ruleId\": " + report::json_quote(e.rule_id) +
           ", \"rule\": " + report::json_quote(e.rule_name) + ", \"pointer\": " + report::json_quote(e.pointer) +
           ", \"fingerprint\": " + report::json_quote(e.fingerprint) +
           ", \"message\": " + report::json_quote(e.message) + "}";
  }
  out += entries.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

bool Baseline::save(std::string& error) const {
  std::vector<BaselineEntry> all = recorded_;
  for (const auto& e : entries_) {
    if (!linted_paths_.contains(e.path)) all.push_back(e);
  }
  AtomicFile file;
  if (!file.open(path_.string(), error)) return false;
  file.write(render(std::move(all)));
  return file.commit(error);  // also reports a failed write
}

}  // namespace sagelint::cli

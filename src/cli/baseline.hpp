// Baselines: a JSON file of the findings a project has accepted for now, so that a linter
// introduced into an old repository reports only what is new. Findings are matched by their
// fingerprint (rule, path, JSON pointer and token content), never by line, so a baseline
// survives reformatting and edits elsewhere in the file.
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "lint/linter.hpp"

namespace sagelint::cli {

struct BaselineEntry {
  std::string rule_id;
  std::string rule_name;
  std::string path;  // relative to the config directory (or the current one): as fingerprinted
  std::string pointer;
  std::string fingerprint;
  std::string message;  // for the humans reviewing the file; not used to match
};

class Baseline {
 public:
  // A missing file is an error unless `allow_missing` (when the baseline is being written).
  bool load(const std::filesystem::path& path, bool allow_missing, std::string& error);

  // Marks as suppressed every finding of `report` that the baseline records (each entry
  // matches at most one finding). Findings already suppressed by configuration are left alone.
  // `relative_path` is the path the linter fingerprinted the file under.
  void apply(lint::FileReport& report, const std::string& relative_path);

  // Update mode: the file's current findings replace its entries; they are then suppressed
  // (they are the new baseline).
  void record(lint::FileReport& report, const std::string& relative_path);

  // Writes the baseline atomically: entries of files this run did not lint are kept.
  bool save(std::string& error) const;

  // Entries of linted files that matched no finding: fixed since the baseline was written.
  size_t unmatched() const;
  size_t recorded() const { return recorded_.size(); }
  size_t loaded() const { return entries_.size(); }
  const std::filesystem::path& path() const { return path_; }

  // The JSON text `save` writes (sorted by path, rule, pointer, fingerprint; no positions).
  static std::string render(std::vector<BaselineEntry> entries);

 private:
  std::filesystem::path path_;
  std::vector<BaselineEntry> entries_;
  // fingerprint -> how many entries with it are still unmatched
  std::map<std::string, size_t, std::less<>> remaining_;
  std::set<std::string, std::less<>> linted_paths_;
  std::vector<BaselineEntry> recorded_;
};

}  // namespace sagelint::cli

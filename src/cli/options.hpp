// Command-line options. Parsing only: no lint logic, no I/O beyond what the caller does.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sagelint::cli {

enum class ColorMode { Auto, Always, Never };
enum class FailOn { Error, Warning, Note, Never };

// One more report of the same run, written atomically to its own file: --also FORMAT=FILE.
struct ExtraOutput {
  std::string format;
  std::string path;
  bool omit_suppressed = false;  // FORMAT,omit-suppressed (json, sarif), or --omit-suppressed
};

struct Options {
  std::string command = "lint";  // lint, explain, explain-access, list-rules
  std::vector<std::string> paths;
  std::string explain_rule;
  // explain-access: the request to evaluate against the policies given as paths.
  std::string access_action;
  std::string access_resource;
  std::vector<std::string> access_context;  // KEY=VALUE
  std::string access_boundary;
  std::string access_principal;  // [KIND/]NAME
  std::string format = "text";
  std::string output;
  std::vector<ExtraOutput> also;
  std::optional<FailOn> fail_on;
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  std::vector<std::string> extend_ignore;
  std::string config;
  bool no_config = false;
  std::string stdin_filename = "<stdin>";
  ColorMode color = ColorMode::Auto;
  bool show_suppressed = false;
  bool omit_suppressed = false;  // json, sarif: leave suppressed findings out
  std::string data_dir;
  unsigned jobs = 0;             // 0: one per core
  bool follow_symlinks = false;  // follow links that leave the tree given on the command line
  bool no_gitignore = false;     // walk what git ignores too
  bool fix = false;
  bool diff = false;
  std::string baseline;          // --baseline FILE
  bool update_baseline = false;  // rewrite FILE from this run's findings
  int verbosity = 0;             // -1 quiet, 1 verbose, 2 debug
  bool help = false;
  bool version = false;
};

// Returns false with `error` set on a usage error.
bool parse_options(int argc, char** argv, Options& out, std::string& error);
std::optional<FailOn> parse_fail_on(std::string_view text);
std::string help_text();

}  // namespace sagelint::cli

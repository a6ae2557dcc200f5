#include "cli/options.hpp"

#include <algorithm>
#include <charconv>
#include <string_view>

#include "catalog/catalog.hpp"

namespace sagelint::cli {

std::optional<FailOn> parse_fail_on(std::string_view text) {
  if (text == "error") return FailOn::Error;
  if (text == "warning") return FailOn::Warning;
  if (text == "note") return FailOn::Note;
  if (text == "never" || text == "none") return FailOn::Never;
  return std::nullopt;
}

namespace {

void split_list(std::string_view value, std::vector<std::string>& out) {
  size_t start = 0;
  while (start <= value.size()) {
    size_t comma = value.find(',', start);
    if (comma == std::string_view::npos) comma = value.size();
    std::string_view item = value.substr(start, comma - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    start = comma + 1;
  }
}

}  // namespace

std::string help_text() {
  return R"(sagelint - static linter for AWS IAM policies, specialised in Amazon SageMaker

Usage:
  sagelint [OPTIONS] [PATH...]      lint files and directories (default: .)
  sagelint explain RULE             describe a rule (id such as SL101, or name)
  sagelint list-rules               list every rule (also --list-rules)
  sagelint explain-access --action ACTION [--resource ARN] [--context KEY=VALUE]...
           [--boundary POLICY] POLICY...
                                    evaluate one request against the policies (files,
                                    or AWS managed names) and print the decision with
                                    the deciding statements; exit 0 Allow, 1 denied.
                                    Keys not given are absent; a key given twice is
                                    multivalued
  sagelint explain-access --action ACTION [...] --principal [KIND/]NAME [PATH...]
                                    the same for one role, user or group with all its
                                    policies, found in the templates and authorization
                                    dumps under PATH (default .) and the [[principal]]
                                    entries of .sagelint.toml; KIND: role, user, group
  sagelint server                   a Language Server (LSP) on standard input and output:
                                    diagnostics as you type, quick fixes; configuration
                                    from each document's folder (docs/integrations.md)

PATH may be a file, a directory (searched recursively for the include globs,
default **/*.json, **/*.yaml, **/*.yml, **/*.template, **/*.tf, **/*.json.tpl and
**/*.json.j2) or "-" for standard input.
Only regular files are read. Symbolic links that lead out of a directory PATH (or, for
a file PATH, out of the current directory) are not followed unless --follow-symlinks.

Output:
  -f, --format FORMAT       text (default), json, sarif, github, junit (JUnit XML:
                            one testcase per file), gitlab (GitLab Code Quality) or
                            rdjson (reviewdog); see docs/output-formats.md
  -o, --output FILE         write the report to FILE atomically (never half-written)
      --also FORMAT=FILE    also write the same run's findings in FORMAT to FILE,
                            atomically like -o (repeatable; FORMAT may be json or
                            sarif followed by ,omit-suppressed)
      --color WHEN          auto (default: colour on a terminal; a non-empty NO_COLOR
                            turns it off, a non-empty FORCE_COLOR or CLICOLOR_FORCE
                            other than 0 on), always or never
      --show-suppressed     also print suppressed findings (configuration, baseline,
                            template comments and Metadata), marked so (text, github)
      --omit-suppressed     leave suppressed findings out of json and sarif output
                            (code scanning opens SARIF results with suppressions as
                            alerts: use this for the file you upload)

Fixes:
      --fix                 apply every unambiguous fix, rewriting each file atomically,
                            then report what is left (not for standard input)
      --diff                print the fixes as a unified diff instead of findings and
                            change nothing (git apply and patch -p1 take it); exit 1
                            when there is a fix to apply

Selection:
      --select LIST         only these rules: comma-separated ids (SL101), id prefixes
                            (SL1), names (unknown-action), tags or ALL
      --ignore LIST         never these rules (same forms); adds to the config's ignore
      --fail-on LEVEL       exit 1 when a finding at or above LEVEL is reported:
                            error, warning (default), note or never

Baseline:
      --baseline FILE       report only findings not recorded in FILE (matched by
                            fingerprint: rule, path, JSON pointer and content, not line)
      --update-baseline     record this run's findings in FILE (atomically; entries of
                            files not linted in this run are kept) and exit 0; after
                            an input error nothing is written (exit 2)

Configuration:
      --config FILE         use FILE instead of searching for .sagelint.toml from the
                            current directory upwards
      --no-config           ignore every .sagelint.toml
      --stdin-filename NAME the name shown for "-" (and matched by config globs)
      --data-dir DIR        use DIR/iam-catalog.json instead of the built-in IAM data
  -j, --jobs N              lint N files in parallel (default: number of cores)
      --follow-symlinks     also follow symbolic links that lead out of the tree
                            given on the command line (only for trees you trust)
      --no-gitignore        also lint files git ignores: in a git work tree, directory
                            walks skip what .gitignore, .git/info/exclude and the
                            global excludes name (git ls-files); .git, .hg,
                            .terraform, .venv and node_modules are always skipped

Other:
  -v, --verbose             more logging on stderr (-vv for debug)
  -q, --quiet               only findings and errors
  -h, --help                this help
      --version             version and IAM data date

Short options may be bundled and take their value attached: -qj2 is -q -j 2, -fjson
is --format json.

Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage, configuration
or I/O error. Findings go to standard output, logs to standard error.
)";
}

namespace {

// Every long option, for "did you mean" (the parser below is the authority).
constexpr std::string_view kLongOptions[] = {
    "--help",           "--version", "--list-rules",      "--format",          "--output",
    "--fail-on",        "--select",  "--ignore",          "--config",          "--no-config",
    "--stdin-filename", "--color",   "--follow-symlinks", "--show-suppressed", "--omit-suppressed",
    "--data-dir",       "--jobs",    "--baseline",        "--update-baseline", "--fix",
    "--diff",           "--action",  "--resource",        "--context",         "--boundary",
    "--principal",      "--verbose", "--quiet",           "--no-gitignore",    "--also"};

constexpr std::string_view kFormats[] = {"text", "json", "sarif", "github", "junit", "gitlab", "rdjson"};
bool known_format(std::string_view f) {
  return std::find(std::begin(kFormats), std::end(kFormats), f) != std::end(kFormats);
}

// --also FORMAT[,omit-suppressed]=FILE
bool parse_also(std::string_view v, ExtraOutput& out, std::string& error) {
  size_t eq = v.find('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == v.size()) {
    error = "--also takes FORMAT=FILE, e.g. --also sarif=sagelint.sarif (got '" + std::string(v) + "')";
    return false;
  }
  std::string_view spec = v.substr(0, eq);
  out.path = std::string(v.substr(eq + 1));
  size_t comma = spec.find(',');
  out.format = std::string(spec.substr(0, comma));
  if (!known_format(out.format)) {
    error = "--also: unknown format '" + out.format + "' (expected text, json, sarif, github, junit, gitlab or rdjson)";
    return false;
  }
  if (comma != std::string_view::npos) {
    std::string_view modifier = spec.substr(comma + 1);
    if (modifier != "omit-suppressed" || (out.format != "json" && out.format != "sarif")) {
      error = "--also: '" + std::string(modifier) + "' after " + out.format +
              " is not understood (only json and sarif take ',omit-suppressed')";
      return false;
    }
    out.omit_suppressed = true;
  }
  if (out.path == "-") {
    error = "--also " + std::string(v) + ": standard output is the --format report; name a file";
    return false;
  }
  return true;
}

// Short options that take a value: -j2, -fjson and -oFILE carry it attached.
bool short_takes_value(char c) { return c == 'f' || c == 'o' || c == 'j'; }

std::string did_you_mean(std::string_view typed, const std::vector<std::string_view>& candidates) {
  auto hits = catalog::suggest_among(typed, candidates, 1);
  return hits.empty() ? std::string() : " (did you mean '" + std::string(hits.front().name) + "'?)";
}

// One option with its value: inline (--format=json, -fjson) or the next argument.
bool apply_option(std::string_view name, std::optional<std::string_view> inline_value,
                  const std::vector<std::string_view>& args, size_t& i, Options& out, std::string& error) {
  bool used_value = false;
  auto value = [&](std::string_view& v) {
    used_value = true;
    if (inline_value) {
      v = *inline_value;
      return true;
    }
    if (i + 1 >= args.size()) {
      error = "option " + std::string(name) + " needs a value";
      return false;
    }
    v = args[++i];
    return true;
  };
  std::string_view v;
  if (name == "-h" || name == "--help") {
    out.help = true;
  } else if (name == "--version") {
    out.version = true;
  } else if (name == "--list-rules") {
    out.command = "list-rules";
  } else if (name == "-f" || name == "--format") {
    if (!value(v)) return false;
    out.format = std::string(v);
    if (!known_format(out.format)) {
      error = "unknown format '" + out.format + "' (expected text, json, sarif, github, junit, gitlab or rdjson)";
      return false;
    }
  } else if (name == "--also") {
    if (!value(v)) return false;
    ExtraOutput extra;
    if (!parse_also(v, extra, error)) return false;
    out.also.push_back(std::move(extra));
  } else if (name == "-o" || name == "--output") {
    if (!value(v)) return false;
    out.output = std::string(v);
  } else if (name == "--fail-on") {
    if (!value(v)) return false;
    out.fail_on = parse_fail_on(v);
    if (!out.fail_on) {
      error = "unknown level '" + std::string(v) + "' for --fail-on (expected error, warning, note or never)";
      return false;
    }
  } else if (name == "--select") {
    if (!value(v)) return false;
    split_list(v, out.select);
  } else if (name == "--ignore") {
    if (!value(v)) return false;
    split_list(v, out.ignore);
  } else if (name == "--config") {
    if (!value(v)) return false;
    out.config = std::string(v);
  } else if (name == "--no-config") {
    out.no_config = true;
  } else if (name == "--stdin-filename") {
    if (!value(v)) return false;
    out.stdin_filename = std::string(v);
  } else if (name == "--color" || name == "--colour") {
    if (!value(v)) return false;
    if (v == "auto")
      out.color = ColorMode::Auto;
    else if (v == "always")
      out.color = ColorMode::Always;
    else if (v == "never")
      out.color = ColorMode::Never;
    else {
      error = "unknown value '" + std::string(v) + "' for --color (expected auto, always or never)";
      return false;
    }
  } else if (name == "--follow-symlinks") {
    out.follow_symlinks = true;
  } else if (name == "--no-gitignore") {
    out.no_gitignore = true;
  } else if (name == "--show-suppressed") {
    out.show_suppressed = true;
  } else if (name == "--omit-suppressed") {
    out.omit_suppressed = true;
  } else if (name == "--data-dir") {
    if (!value(v)) return false;
    out.data_dir = std::string(v);
  } else if (name == "-j" || name == "--jobs") {
    if (!value(v)) return false;
    unsigned n = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || p != v.data() + v.size() || n == 0 || n > 1024) {
      error = "--jobs takes a whole number from 1 to 1024";
      return false;
    }
    out.jobs = n;
  } else if (name == "--baseline") {
    if (!value(v)) return false;
    out.baseline = std::string(v);
  } else if (name == "--update-baseline") {
    out.update_baseline = true;
  } else if (name == "--fix") {
    out.fix = true;
  } else if (name == "--diff") {
    out.diff = true;
  } else if (name == "--action") {
    if (!value(v)) return false;
    out.access_action = std::string(v);
  } else if (name == "--resource") {
    if (!value(v)) return false;
    out.access_resource = std::string(v);
  } else if (name == "--context") {
    if (!value(v)) return false;
    out.access_context.emplace_back(v);
  } else if (name == "--boundary") {
    if (!value(v)) return false;
    out.access_boundary = std::string(v);
  } else if (name == "--principal") {
    if (!value(v)) return false;
    out.access_principal = std::string(v);
  } else if (name == "-v" || name == "--verbose") {
    ++out.verbosity;
  } else if (name == "-q" || name == "--quiet") {
    out.verbosity = -1;
  } else {
    std::vector<std::string_view> longs(std::begin(kLongOptions), std::end(kLongOptions));
    error =
        "unknown option '" + std::string(name) + "'" + (name.starts_with("--") ? did_you_mean(name, longs) : "") + "";
    return false;
  }
  if (inline_value && !used_value) {
    error = "option " + std::string(name) + " takes no value";
    return false;
  }
  return true;
}

}  // namespace

bool parse_options(int argc, char** argv, Options& out, std::string& error) {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  bool only_paths = false;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    if (only_paths || arg == "-" || !arg.starts_with("-")) {
      if (out.command == "lint" && out.paths.empty() && !only_paths &&
          (arg == "explain" || arg == "list-rules" || arg == "explain-access" || arg == "server")) {
        out.command = std::string(arg);
        continue;
      }
      if (out.command == "explain" && out.explain_rule.empty()) {
        out.explain_rule = std::string(arg);
        continue;
      }
      out.paths.emplace_back(arg);
      continue;
    }
    if (arg == "--") {
      only_paths = true;
      continue;
    }
    if (arg.starts_with("--")) {
      std::optional<std::string_view> inline_value;
      std::string_view name = arg;
      if (size_t eq = arg.find('='); eq != std::string_view::npos) {
        name = arg.substr(0, eq);
        inline_value = arg.substr(eq + 1);
      }
      if (!apply_option(name, inline_value, args, i, out, error)) return false;
      continue;
    }
    // Short options as getopt reads them: bundled (-qv = -q -v) and with the value attached or
    // next (-j2, -j 2, -qj2, -fjson, -oFILE).
    for (size_t k = 1; k < arg.size(); ++k) {
      const std::string name = std::string("-") + arg[k];
      std::optional<std::string_view> inline_value;
      const bool takes = short_takes_value(arg[k]);
      if (takes && k + 1 < arg.size()) inline_value = arg.substr(k + 1);
      if (!apply_option(name, inline_value, args, i, out, error)) {
        if (arg.size() > 2 && error.starts_with("unknown option")) {
          error = "unknown option '" + name + "' in '" + std::string(arg) + "'";
        }
        return false;
      }
      if (takes) break;
    }
  }
  if (out.update_baseline && out.baseline.empty()) {
    error = "--update-baseline needs --baseline FILE (the file to write)";
    return false;
  }
  if (!out.also.empty()) {
    if (out.command != "lint") {
      error = "--also belongs to linting, not to " + out.command;
      return false;
    }
    if (out.diff) {
      error = "--also writes reports, --diff a patch instead of one: use them in separate runs";
      return false;
    }
    std::vector<std::string> seen;
    if (!out.output.empty()) seen.push_back(out.output);
    for (auto& extra : out.also) {
      if (std::find(seen.begin(), seen.end(), extra.path) != seen.end()) {
        error = "--also " + extra.format + "=" + extra.path + ": " + extra.path +
                " is named twice (each report needs its own file)";
        return false;
      }
      seen.push_back(extra.path);
      if (out.omit_suppressed) extra.omit_suppressed = true;
    }
  }
  const bool access_option = !out.access_action.empty() || !out.access_resource.empty() ||
                             !out.access_context.empty() || !out.access_boundary.empty() ||
                             !out.access_principal.empty();
  if (access_option && out.command != "explain-access") {
    error = "--action, --resource, --context, --boundary and --principal belong to explain-access";
    return false;
  }
  if (out.command == "explain-access" && out.access_action.empty()) {
    error = "explain-access needs --action, e.g. sagelint explain-access --action iam:PassRole POLICY.json";
    return false;
  }
  if (out.command == "explain" && out.explain_rule.empty()) {
    error = "explain needs a rule id or name, e.g. sagelint explain SL101";
    return false;
  }
  return true;
}

}  // namespace sagelint::cli

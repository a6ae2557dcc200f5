#include <doctest/doctest.h>

#include <algorithm>

#include <fstream>

#include "cli/config.hpp"
#include "cli/fix.hpp"
#include "cli/options.hpp"
#include "lint/linter.hpp"

using namespace sagelint;

namespace {
std::filesystem::path write_temp(const std::string& name, const std::string& text) {
  auto dir = std::filesystem::temp_directory_path() / "sagelint-cli-test";
  std::filesystem::create_directories(dir);
  auto path = dir / name;
  std::ofstream(path) << text;
  return path;
}

bool parse(std::vector<std::string> args, cli::Options& o, std::string& error) {
  std::vector<char*> argv{const_cast<char*>("sagelint")};
  for (auto& a : args) argv.push_back(a.data());
  return cli::parse_options(static_cast<int>(argv.size()), argv.data(), o, error);
}
}  // namespace

TEST_CASE("options: formats, lists, subcommands and usage errors") {
  cli::Options o;
  std::string e;
  REQUIRE(parse({"--format=sarif", "--select", "SL1,unknown-action", "-j", "2", "a.json", "-"}, o, e));
  CHECK(o.format == "sarif");
  CHECK(o.select == std::vector<std::string>{"SL1", "unknown-action"});
  CHECK(o.jobs == 2);
  CHECK(o.paths == std::vector<std::string>{"a.json", "-"});

  cli::Options x;
  REQUIRE(parse({"explain", "SL101"}, x, e));
  CHECK(x.command == "explain");
  CHECK(x.explain_rule == "SL101");

  cli::Options bad;
  CHECK_FALSE(parse({"--format", "xml"}, bad, e));
  CHECK(e.find("unknown format 'xml'") != std::string::npos);
  CHECK_FALSE(parse({"--jobs", "0"}, bad, e));
  CHECK_FALSE(parse({"--frobnicate"}, bad, e));
  CHECK(e.find("unknown option '--frobnicate'") != std::string::npos);
  CHECK_FALSE(parse({"--output"}, bad, e));
}

TEST_CASE("options: --also FORMAT[,omit-suppressed]=FILE, repeatable, ambiguity refused") {
  cli::Options o;
  std::string e;
  REQUIRE(parse({"--format", "github", "--also", "sarif,omit-suppressed=up.sarif", "--also=junit=j.xml", "."}, o, e));
  REQUIRE(o.also.size() == 2);
  CHECK(o.also[0].format == "sarif");
  CHECK(o.also[0].path == "up.sarif");
  CHECK(o.also[0].omit_suppressed);
  CHECK(o.also[1].format == "junit");
  CHECK(o.also[1].path == "j.xml");
  CHECK_FALSE(o.also[1].omit_suppressed);
  cli::Options g;
  REQUIRE(parse({"--omit-suppressed", "--also", "json=a.json"}, g, e));
  CHECK(g.also[0].omit_suppressed);  // the global flag applies to every file
  for (std::vector<std::string> bad : std::vector<std::vector<std::string>>{{"--also", "sarif"},
                                                                            {"--also", "=x"},
                                                                            {"--also", "sarif="},
                                                                            {"--also", "xml=x"},
                                                                            {"--also", "text,omit-suppressed=x"},
                                                                            {"--also", "sarif,keep=x"},
                                                                            {"--also", "sarif=-"},
                                                                            {"--also", "sarif=x", "--also", "json=x"},
                                                                            {"-o", "x", "--also", "json=x"},
                                                                            {"--diff", "--also", "json=x"},
                                                                            {"list-rules", "--also", "json=x"}}) {
    cli::Options b;
    std::string err;
    CHECK_FALSE(parse(bad, b, err));
    CHECK(err.find("--also") != std::string::npos);
  }
}

TEST_CASE("options: bundled short options, attached values, did you mean") {
  std::string e;
  cli::Options a;
  REQUIRE_MESSAGE(parse({"-j2", "-fjson", "-oout.json", "x"}, a, e), e);
  CHECK(a.jobs == 2);
  CHECK(a.format == "json");
  CHECK(a.output == "out.json");
  cli::Options b;
  REQUIRE_MESSAGE(parse({"-qj2", "-vv"}, b, e), e);  // -q, then -v twice
  CHECK(b.jobs == 2);
  CHECK(b.verbosity == 1);
  cli::Options c;
  REQUIRE_MESSAGE(parse({"-qf", "sarif", "-j", "3"}, c, e), e);
  CHECK(c.format == "sarif");
  CHECK(c.jobs == 3);
  CHECK(c.verbosity == -1);
  cli::Options d;
  REQUIRE_MESSAGE(parse({"-vvv"}, d, e), e);
  CHECK(d.verbosity == 3);

  cli::Options bad;
  CHECK_FALSE(parse({"--selct", "SL1"}, bad, e));
  CHECK(e == "unknown option '--selct' (did you mean '--select'?)");
  CHECK_FALSE(parse({"--update-baselin"}, bad, e));
  CHECK(e == "unknown option '--update-baselin' (did you mean '--update-baseline'?)");
  CHECK_FALSE(parse({"--zzzzzz"}, bad, e));
  CHECK(e == "unknown option '--zzzzzz'");
  CHECK_FALSE(parse({"-qx"}, bad, e));
  CHECK(e == "unknown option '-x' in '-qx'");
  CHECK_FALSE(parse({"-qj"}, bad, e));
  CHECK(e == "option -j needs a value");
  CHECK_FALSE(parse({"-j0x"}, bad, e));
  CHECK_FALSE(parse({"--fix=yes"}, bad, e));
  CHECK(e == "option --fix takes no value");
}

TEST_CASE("config: a complete file parses") {
  auto path = write_temp("ok.toml", R"([lint]
select = ["ALL"]
ignore = ["allow-with-negation"]
fail-on = "error"

[files]
include = ["iam/**/*.json"]
exclude = ["iam/generated/**"]

[severity]
missing-version = "error"

[[suppress]]
path = "legacy/**"
rules = ["SL015"]
sid = "Legacy"

[[kind]]
path = "trust/*.json"
kind = "trust"
)");
  cli::FileConfig c;
  std::string e;
  REQUIRE_MESSAGE(cli::load_config(path, c, e), e);
  CHECK(c.lint.ignore == std::vector<std::string>{"allow-with-negation"});
  CHECK(c.fail_on == cli::FailOn::Error);
  CHECK(c.include == std::vector<std::string>{"iam/**/*.json"});
  CHECK(c.lint.severity.at("missing-version") == lint::Severity::Error);
  REQUIRE(c.lint.ignores.size() == 1);
  CHECK(c.lint.ignores[0].sid == "Legacy");
  CHECK(c.lint.ignores[0].origin == "ok.toml:13");
  REQUIRE(c.lint.kinds.size() == 1);
  CHECK(c.lint.kinds[0].kind == input::KindHint::Trust);
}

TEST_CASE("config: unknown keys and bad values are errors with file:line") {
  cli::FileConfig c;
  std::string e;
  CHECK_FALSE(cli::load_config(write_temp("a.toml", "[lint]\nselekt = [\"ALL\"]\n"), c, e));
  CHECK(e.find("a.toml:2: unknown key 'selekt' in [lint]") != std::string::npos);
  cli::FileConfig c2;
  CHECK_FALSE(cli::load_config(write_temp("b.toml", "\n[severity]\nx = \"fatal\"\n"), c2, e));
  CHECK(e.find("b.toml:3:") != std::string::npos);
  cli::FileConfig c3;
  CHECK_FALSE(cli::load_config(write_temp("c.toml", "[lint\n"), c3, e));
  CHECK(e.find("c.toml:1:") != std::string::npos);
  cli::FileConfig c4;
  CHECK_FALSE(cli::load_config(write_temp("d.toml", "[[kind]]\npath = \"x\"\nkind = \"role\"\n"), c4, e));
  CHECK(e.find("d.toml:3: kind must be identity, trust or resource") != std::string::npos);
}

TEST_CASE("fixes: single fixes applied, overlapping ones skipped, other bytes kept") {
  std::string text = "{\"Effect\": \"allow\", \"X\": 1}";
  lint::Finding a, b, c;
  a.fixes = {{"use Allow", {{11, 18, "\"Allow\"", {}, {}}}}};
  b.fixes = {{"overlapping", {{12, 14, "zz", {}, {}}}}};
  c.fixes = {{"one of two", {{0, 1, "[", {}, {}}}}, {"two of two", {{0, 1, "(", {}, {}}}}};  // ambiguous
  size_t applied = 0;
  std::string fixed = cli::apply_fixes(text, {a, b, c}, applied);
  CHECK(applied == 1);
  CHECK(fixed == "{\"Effect\": \"Allow\", \"X\": 1}");
  std::string diff = cli::unified_diff("p.json", "a\nb\nc\n", "a\nB\nc\n");
  CHECK(diff == "--- a/p.json\n+++ b/p.json\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
}

TEST_CASE("--diff: one hunk per changed region, three lines of context, git's a/ b/ names") {
  std::string before;
  for (int i = 1; i <= 200; ++i) before += "line " + std::to_string(i) + "\n";
  std::string after = before;
  after.replace(after.find("line 10\n"), 8, "LINE 10\n");
  after.replace(after.find("line 190\n"), 9, "LINE 190\n");
  CHECK(cli::unified_diff("./x.json", before, after) ==
        "--- a/x.json\n+++ b/x.json\n"
        "@@ -7,7 +7,7 @@\n line 7\n line 8\n line 9\n-line 10\n+LINE 10\n line 11\n line 12\n line 13\n"
        "@@ -187,7 +187,7 @@\n line 187\n line 188\n line 189\n-line 190\n+LINE 190\n line 191\n line 192\n"
        " line 193\n");
  // Changes six lines apart share a hunk (their contexts touch); seven apart do not.
  std::string near = before;
  near.replace(near.find("line 20\n"), 8, "LINE 20\n");
  near.replace(near.find("line 27\n"), 8, "LINE 27\n");
  std::string d = cli::unified_diff("x.json", before, near);
  CHECK(std::count(d.begin(), d.end(), '@') == 4);
  CHECK(d.find("@@ -17,14 +17,14 @@\n") != std::string::npos);
  std::string far = before;
  far.replace(far.find("line 20\n"), 8, "LINE 20\n");
  far.replace(far.find("line 28\n"), 8, "LINE 28\n");
  d = cli::unified_diff("x.json", before, far);
  CHECK(std::count(d.begin(), d.end(), '@') == 8);
  // Inserted and removed lines; a last line without a newline; a change at the first line.
  CHECK(cli::unified_diff("y", "a\nb\nc", "a\nb\nc\nd\n") ==
        "--- a/y\n+++ b/y\n@@ -1,3 +1,4 @@\n a\n b\n-c\n\\ No newline at end of file\n+c\n+d\n");
  CHECK(cli::unified_diff("y", "a\nb\n", "b\n") == "--- a/y\n+++ b/y\n@@ -1,2 +1,1 @@\n-a\n b\n");
  CHECK(cli::unified_diff("y", "a\n", "") == "--- a/y\n+++ b/y\n@@ -1,1 +0,0 @@\n-a\n");
}

TEST_CASE("principal fingerprints: line numbers left out of the hashed message, ARNs kept") {
  using lint::without_line_numbers;
  CHECK(without_line_numbers("allowed by statement 0 of 'dev' (policies/dev.json:4) and no Deny") ==
        "allowed by statement 0 of 'dev' (policies/dev.json) and no Deny");
  CHECK(without_line_numbers("at .sagelint.toml:19:8: x") == "at .sagelint.toml: x");
  CHECK(without_line_numbers("statement 'A' (line 12), statement 1 (line 3)") ==
        "statement 'A' (line), statement 1 (line)");
  CHECK(without_line_numbers("template.yaml:90, role.json:4;") == "template.yaml, role.json;");
  // Accounts, Regions and ports of ARNs and URLs are not line numbers.
  const std::string arns =
      "'arn:aws:iam::123456789012:role/x' and 'arn:aws:sagemaker:eu-west-1:210987654321:*' on host.example.com:443/x";
  CHECK(without_line_numbers(arns) == arns);
  CHECK(without_line_numbers("(line x) ..json:4) 'a:1' x.json:3/") == "(line x) ..json:4) 'a:1' x.json:3/");
}

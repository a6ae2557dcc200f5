// Output formats rendered from a real lint run of a seed policy.
#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

#include "catalog/catalog.hpp"
#include "input/document.hpp"
#include "lint/linter.hpp"
#include "report/escape.hpp"
#include "report/report.hpp"
#include "rules/table.hpp"

using namespace sagelint;

namespace {

struct Run {
  lint::Registry registry;
  lint::LintConfig config;
  lint::Linter linter;
  lint::FileReport report;
};

void lint_text(Run& run, const std::string& path, const std::string& text, std::vector<std::string> select) {
  std::string error;
  REQUIRE(lint::Registry::build(rules::rule_table(), rules::rule_metas(), run.registry, error));
  run.config.select = std::move(select);
  REQUIRE(lint::Linter::create(run.registry, run.config, catalog::Catalog::builtin(), run.linter, error));
  auto file = input::load_source(std::make_unique<input::SourceFile>(path, text));
  run.report = run.linter.lint(file);
}

std::string render(const Run& run, std::string_view format) {
  report::ReportOptions o{&run.registry, false, false, "src", "2026-01-01"};
  auto r = report::make_reporter(format, o);
  std::ostringstream out;
  r->begin(out);
  r->file(out, run.report);
  r->end(out, {});
  return out.str();
}

// Seed 003's RestrictPassRole with its Version removed and an Effect typo.
const char* kPolicy =
    "{\n  \"Statement\": [\n    {\n      \"Effect\": \"deny\",\n      \"Action\": \"iam:PassRole\",\n"
    "      \"NotResource\": \"arn:aws:iam::000000000000:role/IFSM-SageMaker-Role\"\n    }\n  ]\n}\n";

}  // namespace

TEST_CASE("text format is one gcc-style line per finding, sorted by position") {
  Run run;
  lint_text(run, "iam/restrict.json", kPolicy, {"missing-version", "invalid-effect"});
  CHECK(render(run, "text") ==
        "iam/restrict.json:1:1: warning: policy has no Version: IAM assumes \"2008-10-17\", where policy variables "
        "are not substituted; add \"Version\": \"2012-10-17\" [SL004 missing-version]\n"
        "iam/restrict.json:4:17: error: Effect 'deny' must be written exactly \"Deny\" (values are case-sensitive) "
        "[SL015 invalid-effect]\n");
}

TEST_CASE("json format carries ranges, pointer, fingerprint and fixes") {
  Run run;
  lint_text(run, "iam/restrict.json", kPolicy, {"invalid-effect"});
  std::string out = render(run, "json");
  CHECK(out.find("\"line\":4,\"column\":17,\"endLine\":4,\"endColumn\":23") != std::string::npos);
  CHECK(out.find("\"pointer\":\"/Statement/0/Effect\"") != std::string::npos);
  CHECK(out.find("\"fixes\":[{\"description\":\"use \\\"Deny\\\"\"") != std::string::npos);
  CHECK(out.find("\"fingerprint\":\"") != std::string::npos);
}

TEST_CASE("github format escapes workflow-command properties and data") {
  Run run;
  lint_text(run, "dir,with:odd%chars.json", kPolicy, {"invalid-effect"});
  std::string out = render(run, "github");
  CHECK(
      out.starts_with("::error file=dir%2Cwith%3Aodd%25chars.json,line=4,col=17,endLine=4,endColumn=23,"
                      "title=SL015 invalid-effect::Effect 'deny'"));
}

TEST_CASE("fingerprints survive reformatting, and differ between findings") {
  Run a, b;
  lint_text(a, "p.json", kPolicy, {"invalid-effect"});
  std::string compact = "{\"Statement\":[{\"Effect\":\"deny\",\"Action\":\"iam:PassRole\",\"NotResource\":\"*\"}]}";
  lint_text(b, "p.json", compact, {"invalid-effect"});
  REQUIRE(a.report.findings.size() == 1);
  REQUIRE(b.report.findings.size() == 1);
  CHECK(a.report.findings[0].fingerprint == b.report.findings[0].fingerprint);
  CHECK(a.report.findings[0].start.line != b.report.findings[0].start.line);
}

TEST_CASE("json_quote escapes control characters and repairs invalid UTF-8") {
  CHECK(report::json_quote("a\"b\\c\n\x01") == "\"a\\\"b\\\\c\\n\\u0001\"");
  CHECK(report::json_quote("\xff") == "\"\xEF\xBF\xBD\"");
  CHECK(report::json_quote("対象") == "\"対象\"");
}

TEST_CASE("config suppressions mark findings suppressed instead of dropping them") {
  Run run;
  lint::PathIgnore ignore;
  ignore.glob = "legacy/**";
  ignore.rules = {"SL015"};
  ignore.origin = ".sagelint.toml:3";
  run.config.ignores.push_back(ignore);
  run.config.base_dir = std::filesystem::current_path();
  lint_text(run, "legacy/restrict.json", kPolicy, {"invalid-effect", "missing-version"});
  REQUIRE(run.report.findings.size() == 2);
  CHECK_FALSE(run.report.findings[0].suppressed);  // missing-version is not ignored
  CHECK(run.report.findings[1].suppressed);
  CHECK(render(run, "sarif").find("\"suppressions\": [{\"kind\": \"external\"") != std::string::npos);
  CHECK(render(run, "text").find("SL015") == std::string::npos);
}

TEST_CASE("escape_text shows every hidden character as a visible escape") {
  using report::escape_text;
  CHECK(escape_text("plain ascii \\ and letters: 対象 é") == "plain ascii \\ and letters: 対象 é");
  CHECK(escape_text("a\nb\rc\td") == "a\\nb\\rc\\td");
  CHECK(escape_text("a\nb", true) == "a\nb");
  CHECK(escape_text("\x1b]0;title\x07") == "\\u001B]0;title\\u0007");
  CHECK(escape_text(std::string_view("nul\0x", 5)) == "nul\\u0000x");
  CHECK(escape_text("del\x7f") == "del\\u007F");
  CHECK(escape_text("c1\xc2\x85\xc2\x9b") == "c1\\u0085\\u009B");  // NEL, CSI
  CHECK(escape_text("rlo\xe2\x80\xae"
                    "txt") == "rlo\\u202Etxt");                          // U+202E
  CHECK(escape_text("\xe2\x81\xa6x\xe2\x81\xa9") == "\\u2066x\\u2069");  // LRI ... PDI
  CHECK(escape_text("\xe2\x80\x8e\xe2\x80\x8f\xe2\x80\x8b") == "\\u200E\\u200F\\u200B");
  CHECK(escape_text("ls\xe2\x80\xa8ps\xe2\x80\xa9") == "ls\\u2028ps\\u2029");  // line/paragraph separators
  CHECK(escape_text("\xef\xbb\xbf"
                    "bom") == "\\uFEFFbom");
  CHECK(escape_text("tag\xf3\xa0\x81\x81") == "tag\\u{E0041}");  // U+E0041 TAG LATIN A
  CHECK(escape_text("bad\xff\xc3") == "bad\\xFF\\xC3");          // invalid, truncated
  CHECK(escape_text("\xc0\xaf") == "\\xC0\\xAF");                // overlong '/'
  CHECK(escape_text("\xed\xa0\x80") == "\\xED\\xA0\\x80");       // surrogate
  CHECK(escape_text("emoji \xf0\x9f\x98\x80") == "emoji \xf0\x9f\x98\x80");
}

TEST_CASE("github escaping neutralises workflow commands in data and properties") {
  CHECK(report::github_data("50%\n::error::forged\x1b[2J") == "50%25\\n::error::forged\\u001B[2J");
  CHECK(report::github_property("a,b:c%\r") == "a%2Cb%3Ac%25\\r");
}

TEST_CASE("text and github output escape file names and quoted values") {
  Run run;
  const char* policy =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
      "\"s3:Get\\u001b[2J\\n::error::x\\u202eObject\",\"Resource\":\"*\"}]}";
  lint_text(run, "::evil\n\x1b.json", policy, {"malformed-action"});
  REQUIRE(run.report.findings.size() == 1);
  std::string text = render(run, "text");
  CHECK(text.starts_with("\\u003A:evil\\n\\u001B.json:1:"));
  CHECK(text.find("'s3:Get\\u001B[2J\\n::error::x\\u202EObject'") != std::string::npos);
  CHECK(std::count(text.begin(), text.end(), '\n') == 1);
  std::string gh = render(run, "github");
  CHECK(gh.starts_with("::error file=%3A%3Aevil\\n\\u001B.json,line=1,"));
  CHECK(gh.find("'s3:Get\\u001B[2J\\n::error::x\\u202EObject'") != std::string::npos);
  CHECK(std::count(gh.begin(), gh.end(), '\n') == 1);
  // JSON stays exact: the value decodes to what the policy holds.
  std::string json = render(run, "json");
  CHECK(json.find("\"file\":\"::evil\\n\\u001b.json\"") != std::string::npos);
  CHECK(json.find("s3:Get\\u001b[2J\\n::error::x\xe2\x80\xae"
                  "Object") != std::string::npos);
  CHECK(report::json_quote("a\xe2\x80\xa8") == "\"a\\u2028\"");
}

TEST_CASE("SARIF fullDescription stays within code scanning's 1,024 characters") {
  std::string sentence = "Sentence with an \xC3\xA9 accent. ";  // 28 characters, 29 bytes
  CHECK(report::sarif_full_description("Short.\n\nSecond.\n") == "Short.\n\nSecond.");
  std::string first(600, 'a');
  std::string second(600, 'b');
  // Whole paragraphs while they fit.
  CHECK(report::sarif_full_description(first + ".\n\n" + second + ".") == first + ".");
  // One long paragraph: whole sentences.
  std::string para;
  while (para.size() < 3000) para += sentence;
  std::string cut = report::sarif_full_description(para);
  CHECK(cut.ends_with("accent."));
  CHECK(cut.size() <= 1024 + 40);
  CHECK(para.starts_with(cut));
  size_t chars = 0;
  for (unsigned char c : cut) chars += (c & 0xC0) != 0x80;
  CHECK(chars <= 1024);
  CHECK(chars > 1024 - 28);
  // A paragraph that introduces a list is cut back to its last sentence.
  CHECK(report::sarif_full_description("One. Two ways:\n\n- " + std::string(1100, 'x')) == "One.");
  // No sentence end: cut at a character boundary (never inside a UTF-8 sequence) and marked.
  std::string accents;
  for (int i = 0; i < 1500; ++i) accents += "\xC3\xA9";
  std::string marked = report::sarif_full_description(accents);
  CHECK(marked.ends_with("\xE2\x80\xA6"));
  CHECK(marked.size() == 1023 * 2 + 3);
}

TEST_CASE("xml_escape never emits what XML 1.0 forbids, and escapes markup") {
  using sagelint::report::xml_escape;
  // C0 controls, U+FFFE, U+FFFF and invalid UTF-8 are shown as escapes, not written raw.
  CHECK(xml_escape("a\x01"
                   "b\x1b[31m",
                   false) == "a\\u0001b\\u001B[31m");
  CHECK(xml_escape("x\xEF\xBF\xBEy\xEF\xBF\xBFz", false) == "x\\uFFFEy\\uFFFFz");
  CHECK(xml_escape("bad\xFF", false) == "bad\\xFF");
  // Character data keeps line breaks and escapes &, <, >; quotes stay as they are.
  CHECK(xml_escape("a<b>&'\"\nc", false) == "a&lt;b&gt;&amp;'\"\nc");
  // An attribute value shows line breaks visibly and escapes both quotes.
  CHECK(xml_escape("a<b>&'\"\nc", true) == "a&lt;b&gt;&amp;&apos;&quot;\\nc");
  // Printable non-ASCII text is unchanged.
  CHECK(xml_escape("対象 ü", true) == "対象 ü");
}

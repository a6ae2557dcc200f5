// cli::Runner on its own: files in temporary directories, reports collected in memory.
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/runner.hpp"
#include "input/document.hpp"

using namespace sagelint;

namespace {

// A fresh directory per test case, removed at the end.
struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& name) {
    path = std::filesystem::temp_directory_path() / ("sagelint-runner-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name, std::ios::binary) << text;
    return (path / name).string();
  }
};

const std::string kUnknownAction =  // SL101 unknown-action (error), with a fix
    R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*"}]})"
    "\n";
const std::string kNoVersion =  // SL004 missing-version (warning), with a fix
    R"({"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})"
    "\n";
const std::string kClean =
    R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})"
    "\n";

std::unique_ptr<cli::LintContext> context(const std::filesystem::path& base, std::vector<std::string> select) {
  cli::FileConfig config;
  config.lint.base_dir = base;
  config.lint.select = std::move(select);
  std::string error;
  auto ctx = cli::LintContext::from_config(std::move(config), error);
  INFO(error);
  REQUIRE(ctx != nullptr);
  return ctx;
}

// Every report and diff the runner hands over, in order, as one transcript.
struct Recorder : cli::RunOutput {
  std::vector<std::string> paths;
  std::string transcript;
  int begins = 0;
  void begin() override { ++begins; }
  void file(const lint::FileReport& r) override {
    paths.push_back(r.path);
    transcript += "file " + r.path + "\n";
    for (const auto& f : r.findings) {
      transcript += "  " + f.rule->id + (f.suppressed ? " suppressed" : "") + " " + f.message + "\n";
    }
  }
  void diff(const std::string& text) override { transcript += "diff\n" + text; }
};

std::vector<cli::InputFile> inputs(const std::vector<std::string>& paths) {
  std::vector<cli::InputFile> files;
  for (const auto& p : paths) files.push_back(cli::InputFile{p, false, {0}});
  return files;
}

// A feed that does not say how many files it has (as a directory walk does not).
struct UnsizedFeed : cli::FileFeed {
  std::vector<cli::InputFile> files;
  size_t at = 0;
  bool next(cli::InputFile& out) override {
    if (at >= files.size()) return false;
    out = files[at++];
    return true;
  }
};

cli::RunResult run(const cli::LintContext& ctx, cli::RunOptions opts, const std::vector<std::string>& paths,
                   Recorder& out, bool sized = true) {
  if (sized) {
    cli::ListFeed feed(inputs(paths));
    return cli::Runner(ctx, std::move(opts)).run(feed, out);
  }
  UnsizedFeed feed;
  feed.files = inputs(paths);
  return cli::Runner(ctx, std::move(opts)).run(feed, out);
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("runner: reports come in feed order for any number of workers, past the window") {
  TempDir dir("order");
  std::vector<std::string> paths;
  // 400 files (more than the 64 + 8 * jobs window, so the ring wraps), of uneven sizes so that
  // workers finish out of order: every seventh a policy of 400 statements.
  for (int i = 0; i < 400; ++i) {
    std::string text = i % 3 == 0 ? kUnknownAction : i % 3 == 1 ? kNoVersion : kClean;
    if (i % 7 == 0) {
      std::string big = R"({"Version": "2012-10-17", "Statement": [)";
      for (int s = 0; s < 400; ++s) {
        big += std::string(s ? "," : "") + R"({"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*"})";
      }
      text = big + "]}\n";
    }
    char name[32];
    std::snprintf(name, sizeof name, "p%03d.json", i);
    paths.push_back(dir.write(name, text));
  }
  auto ctx = context(dir.path, {"unknown-action", "missing-version"});
  std::string first;
  for (unsigned jobs : {1u, 2u, 8u}) {
    for (bool sized : {true, false}) {
      CAPTURE(jobs);
      CAPTURE(sized);
      Recorder out;
      cli::RunOptions opts;
      opts.jobs = jobs;
      cli::RunResult r = run(*ctx, opts, paths, out, sized);
      CHECK(out.paths == paths);
      CHECK(out.begins == 1);
      CHECK(r.summary.files == 400);
      if (first.empty()) first = out.transcript;
      CHECK(out.transcript == first);
    }
  }
  CHECK(first.find("SL101") != std::string::npos);
  CHECK(first.find("SL004") != std::string::npos);
}

TEST_CASE("runner: summary counts, per-root counts and exit codes") {
  TempDir dir("summary");
  std::vector<std::string> paths = {dir.write("a.json", kUnknownAction), dir.write("b.json", kNoVersion),
                                    dir.write("c.json", kClean),
                                    // YAML that is not a CloudFormation template: skipped, not counted
                                    dir.write("d.yaml", "name: not a template\nsteps: [1, 2]\n")};
  auto ctx = context(dir.path, {"unknown-action", "missing-version"});
  std::vector<cli::InputFile> files = inputs(paths);
  files[0].roots = {0, 1};  // found under two directory arguments
  files[3].roots = {2};     // the only file under a third: found, nothing linted
  {
    Recorder out;
    cli::ListFeed feed(files);
    cli::RunResult r = cli::Runner(*ctx, cli::RunOptions{}).run(feed, out);
    CHECK(r.summary.files == 3);
    CHECK(r.summary.errors == 1);
    CHECK(r.summary.warnings == 1);
    CHECK(r.summary.notes == 0);
    CHECK(r.summary.suppressed == 0);
    CHECK(r.found == std::vector<size_t>{3, 1, 1});
    CHECK(r.linted == std::vector<size_t>{3, 1, 0});
    CHECK_FALSE(r.failed);
    CHECK(r.exit_code() == cli::kExitFindings);
    CHECK(out.paths.size() == 3);  // the skipped file has no report
  }
  // --fail-on: error fails on a.json only; never does not fail; a warning alone passes --fail-on error.
  for (auto [fail_on, set, code] :
       {std::tuple{cli::FailOn::Error, 0, cli::kExitFindings}, std::tuple{cli::FailOn::Never, 0, cli::kExitClean},
        std::tuple{cli::FailOn::Error, 1, cli::kExitClean}, std::tuple{cli::FailOn::Note, 2, cli::kExitClean}}) {
    std::vector<std::string> which = set == 0 ? paths : set == 1 ? std::vector{paths[1]} : std::vector{paths[2]};
    Recorder out;
    cli::RunOptions opts;
    opts.fail_on = fail_on;
    CHECK(run(*ctx, opts, which, out).exit_code() == code);
  }
  // A file that cannot be read: reported on the log, exit 2 whatever the findings.
  {
    Recorder out;
    cli::RunResult r = run(*ctx, {}, {paths[2], (dir.path / "missing.json").string()}, out);
    CHECK(r.failed);
    CHECK(r.exit_code() == cli::kExitError);
    CHECK(r.summary.files == 1);
  }
  // Standard input: the text given, under its display name; a read error fails the file.
  {
    Recorder out;
    cli::RunOptions opts;
    opts.stdin_text = kUnknownAction;
    opts.stdin_filename = "from-stdin.json";
    cli::RunResult r = run(*ctx, opts, {"-"}, out);
    CHECK(out.paths == std::vector<std::string>{"from-stdin.json"});
    CHECK(r.summary.errors == 1);
    Recorder out2;
    opts.stdin_error = "cannot read standard input: test";
    CHECK(run(*ctx, opts, {"-"}, out2).exit_code() == cli::kExitError);
    CHECK(out2.paths.empty());
  }
  // No files at all: a clean run that still begins the report.
  {
    Recorder out;
    cli::RunResult r = run(*ctx, {}, {}, out);
    CHECK(out.begins == 1);
    CHECK(r.summary.files == 0);
    CHECK(r.exit_code() == cli::kExitClean);
  }
}

TEST_CASE("runner: --diff shows fixes without writing; --fix writes them and reports what is left") {
  TempDir dir("fix");
  std::string a = dir.write("a.json", kUnknownAction);
  std::string b = dir.write("b.json", kNoVersion);
  std::string c = dir.write("c.json", kClean);
  auto ctx = context(dir.path, {"unknown-action", "missing-version"});
  {
    Recorder out;
    cli::RunOptions opts;
    opts.diff = true;
    opts.fail_on = cli::FailOn::Never;  // a diff fails the run all the same
    cli::RunResult r = run(*ctx, opts, {a, b, c}, out);
    CHECK(out.paths.empty());
    CHECK(out.transcript.find("-{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": "
                              "\"s3:GetObjekt\"") != std::string::npos);
    CHECK(out.transcript.find("+{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": "
                              "\"s3:GetObject\"") != std::string::npos);
    CHECK(out.transcript.find("+++ b/" + b) != std::string::npos);
    CHECK(out.transcript.find(c) == std::string::npos);  // nothing to fix: no diff
    CHECK(r.exit_code() == cli::kExitFindings);
    CHECK(read(a) == kUnknownAction);  // --diff never writes
  }
  {
    Recorder out;
    cli::RunOptions opts;
    opts.fix = true;
    cli::RunResult r = run(*ctx, opts, {a, b, c}, out);
    CHECK(read(a) == kClean);
    CHECK(read(b) ==
          R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})"
          "\n");
    CHECK(read(c) == kClean);
    CHECK(r.summary.errors + r.summary.warnings == 0);  // what is left after fixing: nothing
    CHECK(r.exit_code() == cli::kExitClean);
  }
}

TEST_CASE("runner: a baseline recorded by one run suppresses the same findings in the next") {
  TempDir dir("baseline");
  std::string a = dir.write("a.json", kUnknownAction);
  std::string b = dir.write("b.json", kNoVersion);
  auto ctx = context(dir.path, {"unknown-action", "missing-version"});
  const std::string file = (dir.path / "baseline.json").string();
  std::string error;
  {
    cli::Baseline baseline;
    REQUIRE(baseline.load(file, true, error));
    Recorder out;
    cli::RunOptions opts;
    opts.baseline = &baseline;
    opts.update_baseline = true;
    cli::RunResult r = run(*ctx, opts, {a}, out);  // only a.json is accepted
    CHECK(baseline.recorded() == 1);
    CHECK(r.summary.suppressed == 1);
    REQUIRE(baseline.save(error));
  }
  cli::Baseline baseline;
  REQUIRE(baseline.load(file, false, error));
  Recorder out;
  cli::RunOptions opts;
  opts.baseline = &baseline;
  opts.fail_on = cli::FailOn::Error;
  cli::RunResult r = run(*ctx, opts, {a, b}, out);
  CHECK(r.summary.suppressed == 1);
  CHECK(r.summary.errors == 0);
  CHECK(r.summary.warnings == 1);  // b.json's is new
  CHECK(out.transcript.find("SL101 suppressed") != std::string::npos);
  CHECK(r.exit_code() == cli::kExitClean);  // the new finding is a warning, under --fail-on error
  CHECK(baseline.unmatched() == 0);
}

TEST_CASE("runner: the principal phase reports after the files; lint_buffer does both for one buffer") {
  TempDir dir("principal");
  std::string role = R"(AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Wide:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
        - Effect: Allow
          Principal:
            Service: sagemaker.amazonaws.com
          Action: sts:AssumeRole
      ManagedPolicyArns:
)";
  for (const char* p : {"AmazonSageMakerFullAccess", "AmazonS3FullAccess", "AmazonAthenaFullAccess",
                        "AWSGlueConsoleFullAccess", "CloudWatchLogsFullAccess", "AWSLambda_FullAccess",
                        "AmazonSageMakerCanvasFullAccess", "AWSCloudFormationReadOnlyAccess", "AWSCodeCommitPowerUser",
                        "AmazonEC2ContainerRegistryFullAccess", "AmazonSageMakerCanvasAIServicesAccess"}) {
    role += std::string("        - arn:aws:iam::aws:policy/") + p + "\n";
  }
  std::string t = dir.write("role.yaml", role);
  std::string a = dir.write("a.json", kUnknownAction);
  auto ctx = context(dir.path, {"unknown-action", "too-many-managed-policies"});
  Recorder out;
  cli::RunResult r = run(*ctx, {}, {a, t}, out);
  // a.json, role.yaml (its document findings: none), then role.yaml again from the principal phase.
  CHECK(out.paths == std::vector<std::string>{a, t, t});
  CHECK(out.transcript.find("SL701 role 'Wide' has 11 managed policies attached") != std::string::npos);
  CHECK(r.summary.errors == 2);
  CHECK(r.principal_summary.find("1 principal(s)") == 0);

  // The same template as an editor buffer: never read from disk (the file holds something else).
  dir.write("role.yaml", "not: what the editor holds\n");
  cli::BufferResult b = cli::lint_buffer(*ctx, t, role);
  REQUIRE(b.reports.size() == 2);
  CHECK(b.reports[0].path == t);
  CHECK(b.reports[0].findings.empty());
  CHECK(b.reports[1].path == t);
  REQUIRE(b.reports[1].findings.size() == 1);
  CHECK(b.reports[1].findings[0].rule->id == "SL701");
  CHECK(b.errors.empty());
  cli::BufferResult d = cli::lint_buffer(*ctx, "buffer.json", kUnknownAction);
  REQUIRE(d.reports.size() == 1);
  REQUIRE(d.reports[0].findings.size() == 1);
  CHECK(d.reports[0].findings[0].rule->id == "SL101");
  cli::BufferResult y = cli::lint_buffer(*ctx, "buffer.yaml", "name: not a template\n");
  CHECK_FALSE(y.skipped.empty());
}

TEST_CASE("runner: LintContext::for_path finds the .sagelint.toml of the file's directory or above") {
  TempDir dir("context");
  std::filesystem::create_directories(dir.path / "infra" / "deep");
  dir.write(".sagelint.toml", "[lint]\nselect = [\"missing-version\"]\n");
  std::string error;
  auto ctx = cli::LintContext::for_path(dir.path / "infra" / "deep" / "p.json", error);
  INFO(error);
  REQUIRE(ctx != nullptr);
  CHECK(ctx->config.path == dir.path / ".sagelint.toml");
  cli::BufferResult r = cli::lint_buffer(*ctx, "p.json", kUnknownAction + "");
  CHECK(r.reports[0].findings.empty());  // unknown-action is not selected there
  cli::BufferResult v = cli::lint_buffer(*ctx, "p.json", kNoVersion);
  REQUIRE(v.reports[0].findings.size() == 1);
  CHECK(v.reports[0].findings[0].rule->id == "SL004");

  dir.write(".sagelint.toml", "[lint]\nselect = [\"no-such-rule\"]\n");
  CHECK(cli::LintContext::for_path(dir.path / "p.json", error) == nullptr);
  CHECK(error.find("no-such-rule") != std::string::npos);
}

TEST_CASE("FileStream: the walk hands out files in sorted path order, merged across arguments, each once") {
  TempDir dir("stream");
  const auto& root = dir.path;
  for (const char* d : {"a", "a/b", "a/b.d", "a0", "x-1/deep", "node_modules/pkg", "empty"}) {
    std::filesystem::create_directories(root / d);
  }
  for (const char* f :
       {"a.json", "a/b.json", "a/b/c.json", "a/b.d/e.json", "a/b-c.json", "a0/z.json", "a0.json", "x-1/deep/y.json",
        "x.json", "B.json", "node_modules/pkg/p.json", "a/.p.json.sagelint-Ab3dE9", "a/readme.txt"}) {
    dir.write(f, kClean);
  }
  // What sorting the whole list gives: every regular *.json outside node_modules, by bytes.
  std::vector<std::string> expected;
  for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
    std::string p = e.path().string();
    if (e.is_regular_file() && p.ends_with(".json") && p.find("node_modules") == std::string::npos) {
      expected.push_back(p);
    }
  }
  std::sort(expected.begin(), expected.end());
  REQUIRE(expected.size() == 10);

  cli::DiscoverSettings settings{{"**/*.json"}, {}, root, false, false};
  const std::string top = root.string();
  const std::string sub = (root / "a").string();
  const std::string named = (root / "x.json").string();
  cli::FileStream stream({sub, named, top}, settings);
  CHECK(stream.size_hint() == static_cast<size_t>(-1));  // directories: not known in advance
  CHECK(stream.named() == std::vector<std::string>{named});
  std::vector<std::string> got;
  cli::InputFile f;
  while (stream.next(f)) {
    got.push_back(f.path);
    CHECK(f.log.empty());
    if (f.path == named) {
      CHECK(f.named);
      CHECK(f.roots == std::vector<size_t>{1});  // also found under the top directory (root 1)
    } else if (f.path.starts_with(sub + "/")) {
      CHECK(f.roots == std::vector<size_t>{0, 1});
    } else {
      CHECK(f.roots == std::vector<size_t>{1});
    }
  }
  CHECK(got == expected);
  REQUIRE(stream.roots().size() == 2);
  CHECK(stream.roots()[0].found == 4);
  CHECK(stream.roots()[1].found == 10);
  CHECK(stream.rest().empty());

  // Left out by identity (the baseline, an earlier report), whatever the name it is reached by.
  cli::FileStream without(std::vector<std::string>{top}, settings);
  without.leave_out((root / "a" / "b" / ".." / "b.json").string(), ": left out");
  std::vector<std::string> rest;
  std::vector<std::string> lines;
  while (without.next(f)) {
    rest.push_back(f.path);
    for (const auto& l : f.log) lines.push_back(l.text);
  }
  CHECK(rest.size() == 9);
  CHECK(std::find(rest.begin(), rest.end(), (root / "a" / "b.json").string()) == rest.end());
  CHECK(lines == std::vector<std::string>{(root / "a" / "b.json").string() + ": left out"});
  CHECK(without.roots()[0].found == 10);  // found, though not handed out
  CHECK(cli::FileStream::reaches({top}, settings, (root / "a0.json").string()));
  CHECK_FALSE(cli::FileStream::reaches({top}, settings, (root / "a" / "readme.txt").string()));

  // Only named files: the count is known; a missing one is an error line before the first file.
  cli::FileStream names({(root / "nope.json").string(), named, "-"}, settings);
  CHECK(names.size_hint() == 2);
  REQUIRE(names.next(f));
  CHECK(f.path == "-");
  REQUIRE(f.log.size() == 1);
  CHECK(f.log[0].level == cli::LogLine::Level::Error);
  CHECK(f.log[0].text == (root / "nope.json").string() + ": no such file or directory");

  // Through the runner: the same transcript for any number of workers.
  auto ctx = context(root, {"missing-version"});
  std::string first;
  for (unsigned jobs : {1u, 2u, 8u}) {
    cli::FileStream s({top}, settings);
    Recorder out;
    cli::RunOptions opts;
    opts.jobs = jobs;
    cli::RunResult r = cli::Runner(*ctx, opts).run(s, out);
    CHECK(out.paths == expected);
    CHECK(r.linted == std::vector<size_t>{10});
    if (first.empty()) first = out.transcript;
    CHECK(out.transcript == first);
  }
}

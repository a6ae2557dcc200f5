// Where the time of a lint run goes, stage by stage, over a corpus of policy files (default
// ../shared/corpus/aws-managed beside the source tree; SAGELINT_BENCH_CORPUS overrides):
//   read    read_file() of every file (page cache warm)
//   parse   load_source(): line index, simdjson, located tree, container detection
//   rules   Linter::lint() with every rule, on already parsed files
//   output  Reporter::file() for text, json and sarif
//   catalog parsing the IAM catalog JSON (what --data-dir pays) plus one service; the built-in
//           catalog's start-up (its build-time index read back)
//   BM_Rule/<name>  one rule alone (only when the filter names BM_Rule/)
// SAGELINT_BENCH_SELECT=rule,rule,... limits the rules of "rules".
// Each reports files/s and bytes/s. bench/run.sh measures the whole CLI.
//   sagelint_pipeline_bench [--benchmark_filter=...]
//   sagelint_pipeline_bench --benchmark_filter=BM_Rule/ --benchmark_min_time=0.2
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"
#include "catalog/data.hpp"
#include "input/document.hpp"
#include "lint/linter.hpp"
#include "report/report.hpp"
#include "rules/table.hpp"

using namespace sagelint;

namespace {

struct Corpus {
  std::vector<std::string> paths;
  std::vector<std::string> texts;
  int64_t bytes = 0;
  lint::Registry registry;
  lint::LintConfig config;
  lint::Linter linter;
  std::vector<input::LoadedFile> loaded;
  std::vector<lint::FileReport> reports;

  Corpus() {
    const char* env = std::getenv("SAGELINT_BENCH_CORPUS");
    std::filesystem::path dir = env ? env : std::filesystem::path(SAGELINT_SOURCE_DIR) / "../shared/corpus/aws-managed";
    std::error_code ec;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir, ec)) {
      if (e.is_regular_file() && e.path().extension() == ".json") paths.push_back(e.path().string());
    }
    std::sort(paths.begin(), paths.end());
    for (const auto& p : paths) {
      input::ReadResult r = input::read_file(p);
      bytes += static_cast<int64_t>(r.text.size());
      texts.push_back(std::move(r.text));
    }
    // SAGELINT_BENCH_SELECT=a,b,c limits "rules" to those rules (e.g. to compare with an older
    // build that had fewer).
    if (const char* select = std::getenv("SAGELINT_BENCH_SELECT")) {
      std::string_view list = select;
      while (!list.empty()) {
        const size_t comma = std::min(list.find(','), list.size());
        if (comma > 0) config.select.emplace_back(list.substr(0, comma));
        list.remove_prefix(std::min(comma + 1, list.size()));
      }
    }
    std::string error;
    if (!lint::Registry::build(rules::rule_table(), rules::rule_metas(), registry, error) ||
        !lint::Linter::create(registry, config, catalog::Catalog::builtin(), linter, error)) {
      std::fprintf(stderr, "set-up failed: %s\n", error.c_str());
      std::exit(2);
    }
    for (size_t i = 0; i < paths.size(); ++i) {
      loaded.push_back(input::load_source(std::make_unique<input::SourceFile>(paths[i], texts[i])));
    }
    // Every service the corpus uses is parsed before timing starts: "rules" measures rules.
    for (const auto& f : loaded) reports.push_back(linter.lint(f));
  }
};

Corpus& corpus() {
  static Corpus c;
  if (c.paths.empty()) std::fprintf(stderr, "no *.json files found: set SAGELINT_BENCH_CORPUS\n");
  return c;
}

void set_counters(benchmark::State& state, const Corpus& c) {
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(c.paths.size()));
  state.SetBytesProcessed(state.iterations() * c.bytes);
  state.counters["files"] = static_cast<double>(c.paths.size());
}

void BM_Read(benchmark::State& state) {
  Corpus& c = corpus();
  for (auto _ : state) {
    for (const auto& p : c.paths) benchmark::DoNotOptimize(input::read_file(p));
  }
  set_counters(state, c);
}
BENCHMARK(BM_Read)->Unit(benchmark::kMillisecond);

void BM_Parse(benchmark::State& state) {
  Corpus& c = corpus();
  for (auto _ : state) {
    for (size_t i = 0; i < c.paths.size(); ++i) {
      benchmark::DoNotOptimize(input::load_source(std::make_unique<input::SourceFile>(c.paths[i], c.texts[i])));
    }
  }
  set_counters(state, c);
}
BENCHMARK(BM_Parse)->Unit(benchmark::kMillisecond);

void BM_Rules(benchmark::State& state) {
  Corpus& c = corpus();
  for (auto _ : state) {
    for (const auto& f : c.loaded) benchmark::DoNotOptimize(c.linter.lint(f));
  }
  set_counters(state, c);
}
BENCHMARK(BM_Rules)->Unit(benchmark::kMillisecond);

void BM_Output(benchmark::State& state, const char* format) {
  Corpus& c = corpus();
  const catalog::Catalog& cat = catalog::Catalog::builtin();
  report::ReportOptions options{&c.registry, false, false, std::string(cat.source()), std::string(cat.data_date())};
  size_t findings = 0;
  for (const auto& r : c.reports) findings += r.findings.size();
  for (auto _ : state) {
    auto reporter = report::make_reporter(format, options);
    std::ostringstream out;
    reporter->begin(out);
    for (const auto& r : c.reports) reporter->file(out, r);
    reporter->end(out, report::Summary{});
    benchmark::DoNotOptimize(out.str().size());
  }
  set_counters(state, c);
  state.counters["findings"] = static_cast<double>(findings);
}
BENCHMARK_CAPTURE(BM_Output, text, "text")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Output, json, "json")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Output, sarif, "sarif")->Unit(benchmark::kMillisecond);

// One rule at a time over the corpus (registered per rule in main): which rules cost what.
void BM_Rule(benchmark::State& state, std::string name) {
  Corpus& c = corpus();
  lint::LintConfig config;
  config.select = {name};
  lint::Linter linter;
  std::string error;
  if (!lint::Linter::create(c.registry, config, catalog::Catalog::builtin(), linter, error)) {
    state.SkipWithError(error.c_str());
    return;
  }
  for (auto _ : state) {
    for (const auto& f : c.loaded) benchmark::DoNotOptimize(linter.lint(f));
  }
  set_counters(state, c);
}

// The generated catalog file stands in for the embedded copy (same bytes): the built-in one
// is parsed once per process, which a benchmark loop cannot repeat.
void BM_CatalogLoad(benchmark::State& state) {
  std::ifstream in(std::filesystem::path(SAGELINT_SOURCE_DIR) / "data/iam-catalog.json", std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  const std::string json = ss.str();
  for (auto _ : state) {
    std::string error;
    auto cat = catalog::Catalog::load_string(json, &error);
    if (!cat) state.SkipWithError(error.c_str());
    const catalog::Service* svc = cat ? cat->service("sagemaker") : nullptr;
    benchmark::DoNotOptimize(svc ? svc->action("CreateTrainingJob") : nullptr);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(json.size()));
}
BENCHMARK(BM_CatalogLoad)->Unit(benchmark::kMillisecond);

// What the built-in catalog costs at start-up: its build-time index read back over the JSON
// (no JSON is parsed), as Catalog::builtin() does once per process.
void BM_CatalogIndex(benchmark::State& state) {
  const auto read = [](const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
  std::string json = read(std::filesystem::path(SAGELINT_SOURCE_DIR) / "data/iam-catalog.json");
  const std::string index = read(SAGELINT_CATALOG_INDEX);
  std::vector<std::uint32_t> words(index.size() / sizeof(std::uint32_t));
  std::memcpy(words.data(), index.data(), words.size() * sizeof(std::uint32_t));
  const std::size_t len = json.size();
  json.append(catalog::detail::kEmbeddedPadding, '\0');
  for (auto _ : state) {
    catalog::Catalog::Data data;
    if (!catalog::detail::read_index(data, words, json.data(), len, json.size())) state.SkipWithError("stale index");
    benchmark::DoNotOptimize(data.services.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(len));
}
BENCHMARK(BM_CatalogIndex)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  // Per-rule benchmarks need the registry; build it only when a filter may select them.
  bool per_rule = false;
  for (int i = 1; i < argc; ++i)
    per_rule = per_rule || std::string_view(argv[i]).find("BM_Rule/") != std::string_view::npos;
  if (per_rule) {
    for (const auto& r : corpus().registry.rules()) {
      benchmark::RegisterBenchmark(("BM_Rule/" + r.meta.name).c_str(), BM_Rule, r.meta.name)
          ->Unit(benchmark::kMillisecond);
    }
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

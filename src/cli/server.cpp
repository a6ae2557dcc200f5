#include "cli/server.hpp"

#include <simdjson.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/config.hpp"
#include "cli/runner.hpp"
#include "lint/rule_meta.hpp"
#include "report/report.hpp"
#include "sagelint_version.hpp"

namespace sagelint::cli {

namespace {

using report::json_quote;

constexpr size_t kMaxMessage = 64u << 20;  // a larger message is refused (and read past)

// JSON-RPC 2.0 error codes (and LSP's).
constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;
constexpr int kInvalidParams = -32602;
constexpr int kServerNotInitialized = -32002;

// file:///a/b%20c.json -> /a/b c.json; empty for another scheme or a malformed URI.
std::string path_of_uri(std::string_view uri) {
  if (!uri.starts_with("file://")) return {};
  std::string_view rest = uri.substr(7);
  if (!rest.starts_with("/")) return {};  // file://host/...: not a local file
  std::string out;
  for (size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '%' && i + 2 < rest.size()) {
      auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
      };
      const int h = hex(rest[i + 1]), l = hex(rest[i + 2]);
      if (h < 0 || l < 0) return {};
      const char c = static_cast<char>(h * 16 + l);
      if (c == '\0') return {};
      out += c;
      i += 2;
    } else if (rest[i] == '%') {
      return {};
    } else {
      out += rest[i];
    }
  }
  return out;
}

// The name a document is linted under: its path, or for another scheme (untitled:) the last
// segment of the URI, which still tells the reader the format (.json, .yaml, .tf ...).
std::string lint_path_of(std::string_view uri) {
  std::string path = path_of_uri(uri);
  if (!path.empty()) return path;
  const size_t slash = uri.find_last_of("/:");
  std::string name(slash == std::string_view::npos ? uri : uri.substr(slash + 1));
  return name.empty() ? "untitled.json" : name;
}

// /a/b c.json -> file:///a/b%20c.json: every byte but RFC 3986's unreserved ones and '/' is
// percent-encoded. A relative path is taken from the current directory, as the linter took it.
std::string file_uri(const std::string& path) {
  std::error_code ec;
  std::filesystem::path p = std::filesystem::absolute(path, ec);
  if (ec) p = path;
  const std::string s = p.lexically_normal().generic_string();
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "file://";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// Whether two paths (one maybe relative to the current directory) name the same file.
bool same_file(const std::string& a, const std::string& b) {
  if (a == b) return true;
  std::error_code ec1, ec2;
  const auto x = std::filesystem::absolute(a, ec1).lexically_normal();
  const auto y = std::filesystem::absolute(b, ec2).lexically_normal();
  return !ec1 && !ec2 && x == y;
}

// UTF-16 code units of a UTF-8 byte range (LSP's default position encoding).
uint32_t utf16_units(std::string_view text) {
  uint32_t n = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte
    n += c >= 0xF0 ? 2 : 1;
  }
  return n;
}

struct Document {
  std::string uri;
  std::string path;  // linted under this name
  std::string text;
  std::vector<size_t> line_starts;  // byte offset of each line
  std::vector<lint::Finding> findings;
  std::string diagnostics;  // its own, as published: comma-separated Diagnostic objects

  void set_text(std::string t) {
    text = std::move(t);
    line_starts.assign(1, 0);
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') line_starts.push_back(i + 1);
    }
  }
  // LSP position of a 1-based line and 1-based byte column.
  std::string position(const input::Position& p) const {
    const size_t line = p.line >= 1 ? p.line - 1 : 0;
    if (line >= line_starts.size()) return R"({"line":)" + std::to_string(line) + R"(,"character":0})";
    const size_t start = line_starts[line];
    const size_t end = line + 1 < line_starts.size() ? line_starts[line + 1] : text.size();
    size_t bytes = p.byte_column >= 1 ? p.byte_column - 1 : 0;
    // A BOM is not counted in byte_column, but the client's text of line 1 may hold it.
    if (line == 0 && text.starts_with("\xEF\xBB\xBF")) bytes += 3;
    bytes = std::min(bytes, end - start);
    const uint32_t character = utf16_units(std::string_view(text).substr(start, bytes));
    return R"({"line":)" + std::to_string(line) + R"(,"character":)" + std::to_string(character) + "}";
  }
  std::string range(const input::Position& a, const input::Position& b) const {
    return R"({"start":)" + position(a) + R"(,"end":)" + position(b) + "}";
  }
};

int lsp_severity(lint::Severity s) { return s == lint::Severity::Error ? 1 : s == lint::Severity::Warning ? 2 : 3; }

class Server {
 public:
  Server(std::FILE* in, std::FILE* out, const ServeOptions& options) : in_(in), out_(out), options_(options) {}

  int run() {
    std::string body;
    while (true) {
      const int r = read_message(body);
      if (r < 0) return shutdown_ ? 0 : 1;  // end of input
      if (r == 0) continue;                 // a bad header or an oversized body: already answered
      handle(body);
      if (exited_) return shutdown_ ? 0 : 1;
    }
  }

 private:
  // 1: a message in `body`; 0: a malformed or oversized one (answered, skipped); -1: end of input.
  int read_message(std::string& body) {
    std::optional<size_t> length;
    bool bad_header = false;
    bool any_header = false;
    std::string line;
    while (true) {
      line.clear();
      int c;
      while ((c = std::fgetc(in_)) != EOF && c != '\n') {
        if (line.size() < 4096) line += static_cast<char>(c);
      }
      if (c == EOF) return -1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) {
        if (!any_header) continue;  // stray blank lines between messages
        break;
      }
      any_header = true;
      const size_t colon = line.find(':');
      if (colon == std::string::npos) {
        bad_header = true;
        continue;
      }
      std::string name = line.substr(0, colon);
      for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (name == "content-length") {
        std::string v = line.substr(colon + 1);
        size_t i = v.find_first_not_of(' ');
        size_t n = 0;
        bool ok = i != std::string::npos;
        for (; ok && i < v.size() && v[i] != ' '; ++i) {
          if (v[i] < '0' || v[i] > '9' || n > kMaxMessage * 4) {
            ok = false;
            break;
          }
          n = n * 10 + static_cast<size_t>(v[i] - '0');
        }
        if (ok) {
          length = n;
        } else {
          bad_header = true;
        }
      }
    }
    if (!length) {
      error_response("null", kInvalidRequest,
                     bad_header ? "malformed header (no Content-Length)" : "missing Content-Length header");
      return 0;
    }
    if (*length > kMaxMessage) {
      for (size_t i = 0; i < *length && std::fgetc(in_) != EOF; ++i) {
      }
      error_response("null", kInvalidRequest, "message larger than 64 MiB");
      return 0;
    }
    body.resize(*length);
    const size_t got = *length == 0 ? 0 : std::fread(body.data(), 1, *length, in_);
    if (got != *length) return -1;
    return 1;
  }

  void send(const std::string& json) {
    std::fprintf(out_, "Content-Length: %zu\r\n\r\n", json.size());
    std::fwrite(json.data(), 1, json.size(), out_);
    std::fflush(out_);
  }
  void result(const std::string& id, const std::string& result_json) {
    send(R"({"jsonrpc":"2.0","id":)" + id + R"(,"result":)" + result_json + "}");
  }
  void error_response(const std::string& id, int code, std::string_view message) {
    send(R"({"jsonrpc":"2.0","id":)" + id + R"(,"error":{"code":)" + std::to_string(code) + R"(,"message":)" +
         json_quote(message) + "}}");
  }

  void handle(const std::string& body) {
    simdjson::dom::element root;
    if (parser_.parse(body).get(root) != simdjson::SUCCESS) {
      error_response("null", kParseError, "the message is not JSON");
      return;
    }
    simdjson::dom::object msg;
    if (root.get_object().get(msg) != simdjson::SUCCESS) {
      error_response("null", kInvalidRequest, "a message is a JSON object");
      return;
    }
    // The id, as it came (number or string), for the response; absent: a notification.
    std::optional<std::string> id;
    simdjson::dom::element id_el;
    if (msg["id"].get(id_el) == simdjson::SUCCESS) {
      int64_t i64 = 0;
      uint64_t u64 = 0;
      std::string_view str;
      if (id_el.get(i64) == simdjson::SUCCESS) {
        id = std::to_string(i64);
      } else if (id_el.get(u64) == simdjson::SUCCESS) {
        id = std::to_string(u64);
      } else if (id_el.get(str) == simdjson::SUCCESS) {
        id = json_quote(str);
      } else if (!id_el.is_null()) {
        error_response("null", kInvalidRequest, "id must be a number or a string");
        return;
      } else {
        id = "null";
      }
    }
    std::string_view method;
    if (msg["method"].get(method) != simdjson::SUCCESS) {
      // A response to a request of ours (we send none) or garbage.
      if (id && !msg["result"].error()) return;
      if (id && !msg["error"].error()) return;
      error_response(id.value_or("null"), kInvalidRequest, "method must be a string");
      return;
    }
    simdjson::dom::element params;
    const bool has_params = msg["params"].get(params) == simdjson::SUCCESS;

    if (method == "exit") {
      exited_ = true;
      return;
    }
    if (method == "initialize") {
      if (!id) return;
      initialized_ = true;
      result(*id, std::string(R"({"capabilities":{"positionEncoding":"utf-16",)") +
                      R"("textDocumentSync":{"openClose":true,"change":1,"save":{"includeText":true}},)" +
                      R"("codeActionProvider":{"codeActionKinds":["quickfix"]}},)" +
                      R"("serverInfo":{"name":"sagelint","version":)" + json_quote(kVersion) + "}}");
      return;
    }
    if (!initialized_) {
      if (id) error_response(*id, kServerNotInitialized, "initialize first");
      return;
    }
    if (shutdown_) {
      if (id) error_response(*id, kInvalidRequest, "the server is shutting down: only exit is accepted");
      return;
    }
    if (method == "shutdown") {
      shutdown_ = true;
      if (id) result(*id, "null");
      return;
    }
    if (method == "initialized" || method.starts_with("$/")) return;
    try {
      if (method == "textDocument/didOpen") {
        std::string_view uri, text;
        if (!has_params || params["textDocument"]["uri"].get(uri) || params["textDocument"]["text"].get(text)) {
          return log_bad(method);
        }
        Document& doc = documents_[std::string(uri)];
        doc.uri = std::string(uri);
        doc.path = lint_path_of(uri);
        doc.set_text(std::string(text));
        lint_and_publish(doc);
        return;
      }
      if (method == "textDocument/didChange") {
        std::string_view uri;
        simdjson::dom::array changes;
        if (!has_params || params["textDocument"]["uri"].get(uri) || params["contentChanges"].get(changes)) {
          return log_bad(method);
        }
        auto it = documents_.find(std::string(uri));
        if (it == documents_.end()) return log_bad(method);
        // Full sync (change = 1): the last change without a range is the whole text.
        std::optional<std::string> text;
        for (simdjson::dom::element change : changes) {
          std::string_view t;
          if (change["range"].error() && !change["text"].get(t)) text = std::string(t);
        }
        if (!text) return log_bad(method);
        it->second.set_text(std::move(*text));
        lint_and_publish(it->second);
        return;
      }
      if (method == "textDocument/didSave") {
        std::string_view uri, text;
        if (!has_params || params["textDocument"]["uri"].get(uri)) return log_bad(method);
        auto it = documents_.find(std::string(uri));
        if (it == documents_.end()) return;
        if (!params["text"].get(text)) it->second.set_text(std::string(text));
        contexts_.clear();  // a saved .sagelint.toml may have changed
        lint_and_publish(it->second);
        return;
      }
      if (method == "textDocument/didClose") {
        std::string_view uri;
        if (!has_params || params["textDocument"]["uri"].get(uri)) return log_bad(method);
        documents_.erase(std::string(uri));
        // What it put in other files goes; what other documents put in it stays.
        for (const auto& t : withdraw(std::string(uri))) republish(t);
        republish(std::string(uri));
        return;
      }
      if (method == "textDocument/codeAction") {
        if (!id) return;
        std::string_view uri;
        if (!has_params || params["textDocument"]["uri"].get(uri)) {
          return error_response(*id, kInvalidParams, "textDocument.uri is required");
        }
        auto it = documents_.find(std::string(uri));
        if (it == documents_.end()) return result(*id, "[]");
        int64_t from = 0, to = INT64_MAX;
        int64_t l = 0;
        if (!params["range"]["start"]["line"].get(l)) from = l;
        if (!params["range"]["end"]["line"].get(l)) to = l;
        result(*id, code_actions(it->second, from, to));
        return;
      }
    } catch (const std::exception& e) {
      // simdjson in a mode that throws, or a bug: answer, never die.
      if (id) error_response(*id, kInvalidParams, std::string("internal error: ") + e.what());
      return;
    }
    if (id) error_response(*id, kMethodNotFound, "method not supported: " + std::string(method));
  }

  void log_bad(std::string_view method) { spdlog::warn("server: ignored malformed {}", method); }

  // The lint context for a document: one per .sagelint.toml (or per folder without one).
  const LintContext* context_for(const Document& doc, std::string& error) {
    if (!options_.read_files) {
      auto it = contexts_.find("defaults");
      if (it == contexts_.end()) {
        auto ctx = LintContext::from_config(FileConfig{}, error);
        if (!ctx) return nullptr;
        it = contexts_.emplace("defaults", std::move(ctx)).first;
      }
      return it->second.get();
    }
    std::filesystem::path dir;
    if (std::filesystem::path(doc.path).is_absolute()) {
      dir = std::filesystem::path(doc.path).parent_path();
    } else {
      dir = std::filesystem::current_path();
    }
    const std::filesystem::path config = find_config(dir);
    const std::string key = config.empty() ? "dir:" + dir.string() : "cfg:" + config.string();
    auto it = contexts_.find(key);
    if (it != contexts_.end()) return it->second.get();
    auto ctx = LintContext::for_path(
        std::filesystem::path(doc.path).is_absolute() ? doc.path : (dir / doc.path).string(), error);
    if (!ctx) return nullptr;
    return contexts_.emplace(key, std::move(ctx)).first->second.get();
  }

  void lint_and_publish(Document& doc) {
    doc.findings.clear();
    doc.diagnostics.clear();
    // The files this document's principal findings landed in last time: cleared, or replaced below.
    std::vector<std::string> targets = withdraw(doc.uri);
    std::string error;
    const LintContext* ctx = context_for(doc, error);
    if (ctx == nullptr) {
      doc.diagnostics = R"({"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"severity":1,)"
                        R"("source":"sagelint","message":)" +
                        json_quote("configuration: " + error) + "}";
    } else {
      BufferResult r = lint_buffer(*ctx, doc.path, doc.text);
      std::map<std::string, Document> texts;  // other files' text, for their positions
      for (auto& rep : r.reports) {
        // The principal phase's findings in other files (a .sagelint.toml manifest, a role's
        // template) are published for those files, as this document's contribution to them.
        const bool own = rep.path == doc.path;
        const Document& in = own ? doc : text_of(rep.path, texts);
        const std::string target = own ? doc.uri : uri_of(rep.path);
        std::string& out = own ? doc.diagnostics : foreign_[target][doc.uri];
        for (auto& f : rep.findings) {
          if (f.suppressed) continue;
          if (!out.empty()) out += ",";
          out += diagnostic(in, f, texts);
          if (own) doc.findings.push_back(std::move(f));
        }
        if (!own) targets.push_back(target);
      }
    }
    republish(doc.uri);
    std::sort(targets.begin(), targets.end());
    targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
    for (const auto& t : targets) {
      if (t != doc.uri) republish(t);
    }
  }

  // Removes what the document `uri` published for other files; returns those files' URIs.
  std::vector<std::string> withdraw(const std::string& uri) {
    std::vector<std::string> targets;
    for (auto it = foreign_.begin(); it != foreign_.end();) {
      if (it->second.erase(uri) > 0) targets.push_back(it->first);
      it = it->second.empty() ? foreign_.erase(it) : std::next(it);
    }
    return targets;
  }

  // The URI of the file at `path`: the client's own spelling when it has the file open (its
  // percent-encoding may differ from ours), else file_uri's.
  std::string uri_of(const std::string& path) const {
    for (const auto& [uri, doc] : documents_) {
      if (same_file(doc.path, path)) return uri;
    }
    return file_uri(path);
  }

  // A file's diagnostics: its own when it is open, and those other open documents' principal
  // findings put there.
  void republish(const std::string& uri) {
    std::string diags;
    if (auto it = documents_.find(uri); it != documents_.end()) diags = it->second.diagnostics;
    if (auto it = foreign_.find(uri); it != foreign_.end()) {
      for (const auto& [from, list] : it->second) {
        if (list.empty()) continue;
        if (!diags.empty()) diags += ",";
        diags += list;
      }
    }
    publish(uri, "[" + diags + "]");
  }

  // The text positions in `path` are converted with: the open document's, else the file's as
  // read now (once per lint), else none (characters then count from 0).
  const Document& text_of(const std::string& path, std::map<std::string, Document>& texts) const {
    for (const auto& [uri, doc] : documents_) {
      if (same_file(doc.path, path)) return doc;
    }
    auto [it, inserted] = texts.try_emplace(path);
    if (inserted && options_.read_files) {
      std::string text;
      std::ifstream in(path, std::ios::binary);
      constexpr size_t kMaxRead = 16u << 20;
      char buf[65536];
      while (in && text.size() < kMaxRead) {
        in.read(buf, sizeof buf);
        text.append(buf, static_cast<size_t>(in.gcount()));
      }
      it->second.path = path;
      it->second.set_text(std::move(text));
    }
    return it->second;
  }

  std::string diagnostic(const Document& doc, const lint::Finding& f, std::map<std::string, Document>& texts) const {
    std::string d = R"({"range":)" + doc.range(f.start, f.stop) + R"(,"severity":)" +
                    std::to_string(lsp_severity(f.severity)) + R"(,"source":"sagelint")";
    if (f.rule != nullptr) {
      d += R"(,"code":)" + json_quote(f.rule->id) + R"(,"codeDescription":{"href":)" + json_quote(f.rule->help_uri()) +
           "}";
    }
    d += R"(,"message":)" + json_quote(f.rule != nullptr ? f.rule->name + ": " + f.message : f.message);
    if (!f.related.empty()) {
      d += R"(,"relatedInformation":[)";
      for (size_t i = 0; i < f.related.size(); ++i) {
        const lint::Related& r = f.related[i];
        const Document& in = r.path == doc.path ? doc : text_of(r.path, texts);
        d += std::string(i ? "," : "") + R"({"location":{"uri":)" +
             json_quote(r.path == doc.path && !doc.uri.empty() ? doc.uri : uri_of(r.path)) + R"(,"range":)" +
             in.range(r.start, r.stop) + R"(},"message":)" + json_quote(r.message) + "}";
      }
      d += "]";
    }
    return d + "}";
  }

  std::string code_actions(const Document& doc, int64_t from_line, int64_t to_line) const {
    std::map<std::string, Document> texts;
    std::string out = "[";
    for (const auto& f : doc.findings) {
      const int64_t first = f.start.line - 1, last = f.stop.line - 1;
      if (last < from_line || first > to_line) continue;
      for (const auto& fix : f.fixes) {
        if (fix.replacements.empty()) continue;
        std::string edits = "[";
        for (const auto& r : fix.replacements) {
          if (edits.size() > 1) edits += ",";
          edits += R"({"range":)" + doc.range(r.start, r.stop) + R"(,"newText":)" + json_quote(r.text) + "}";
        }
        edits += "]";
        if (out.size() > 1) out += ",";
        out += R"({"title":)" + json_quote(fix.description.empty() ? "sagelint: fix" : fix.description) +
               R"(,"kind":"quickfix","diagnostics":[)" + diagnostic(doc, f, texts) + R"(],"edit":{"changes":{)" +
               json_quote(doc.uri) + ":" + edits + "}}}";
      }
    }
    return out + "]";
  }

  void publish(const std::string& uri, const std::string& diagnostics) {
    send(R"({"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":)" + json_quote(uri) +
         R"(,"diagnostics":)" + diagnostics + "}}");
  }

  std::FILE* in_;
  std::FILE* out_;
  ServeOptions options_;
  simdjson::dom::parser parser_;
  bool initialized_ = false;
  bool shutdown_ = false;
  bool exited_ = false;
  std::map<std::string, Document> documents_;
  std::map<std::string, std::unique_ptr<LintContext>> contexts_;
  // Principal findings in other files: target URI -> the document whose lint put them there ->
  // its Diagnostic objects, comma-separated.
  std::map<std::string, std::map<std::string, std::string>> foreign_;
};

}  // namespace

int serve(std::FILE* in, std::FILE* out, const ServeOptions& options) {
  Server server(in, out, options);
  return server.run();
}

}  // namespace sagelint::cli

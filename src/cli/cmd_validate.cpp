// chorus validate PATH...: XSD validation (and, later, business rules) of
// files and folders, reported as text, JSON, JUnit or GitHub annotations.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <thread>

#include "chorus/facturx/facturx.h"
#include "chorus/format/document.h"
#include "chorus/format/report.h"
#include "chorus/format/syntax.h"
#include "chorus/format/xsd.h"
#include "chorus/rules/rules.h"
#include "cli/commands.h"
#include "cli/common.h"

namespace chorus::cli {
namespace {

struct ValidateOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  bool no_xsd = false;
  // Rule sets; "none" for XSD only; "auto" lets RuleOptionsFor pick by
  // BT-24 (as submit and the sandbox do).
  std::vector<std::string> rules{"auto"};
  bool strict = false;
  bool no_warnings = false;
  bool d22b = false;
  bool stats = false;
  unsigned jobs = 0;  // 0 = one per core
};

RuleRequest RequestOf(const ValidateOptions& opt) {
  auto wants = [&](const char* name) {
    return std::find(opt.rules.begin(), opt.rules.end(), name) !=
           opt.rules.end();
  };
  return RuleRequest{wants("auto"), wants("en16931"), wants("facturx")};
}

bool IsCandidate(const std::filesystem::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  return ext == ".xml" || ext == ".pdf";
}

// Expands folders (recursively, *.xml and *.pdf, sorted) and keeps files as
// given, so a typo'd file name still shows up as an error in the report.
std::vector<std::string> ExpandPaths(const std::vector<std::string>& inputs) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const auto& in : inputs) {
    std::error_code ec;
    if (fs::is_directory(in, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(
               in, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && IsCandidate(it->path())) {
          found.push_back(it->path().string());
        }
      }
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else {
      out.push_back(in);
    }
  }
  return out;
}

FileReport ValidateOne(const std::string& path, const ValidateOptions& opt) {
  FileReport report;
  report.path = path;
  auto bytes = ReadFileBounded(path, kDefaultMaxDocumentBytes);
  if (!bytes) {
    report.diagnostics.push_back(
        {"CHORUS-IO", Severity::kError, bytes.error().message, ""});
    return report;
  }
  // Factur-X: FX-PDF checks, then the embedded CII like any other.
  if (facturx::LooksLikePdf(*bytes) ||
      std::filesystem::path(path).extension() == ".pdf") {
    facturx::ValidateOptions fx;
    fx.xsd = !opt.no_xsd;
    fx.rules = RequestOf(opt);
    facturx::Validation v = facturx::Validate(*bytes, path, fx);
    bool read = std::none_of(
        v.diagnostics.begin(), v.diagnostics.end(),
        [](const Diagnostic& d) { return d.severity == Severity::kError; });
    if (read || v.xml_checked) report.syntax = SyntaxName(Syntax::kFacturX);
    report.diagnostics = std::move(v.diagnostics);
    report.strict = opt.strict;
    return report;
  }
  auto doc = LoadDocumentBuffer(std::move(*bytes), path);
  if (!doc) {
    report.diagnostics.push_back(
        {"CHORUS-IO", Severity::kError, doc.error().message, ""});
    return report;
  }
  report.syntax = SyntaxName((*doc)->syntax);
  if (!opt.no_xsd) {
    auto diags = ValidateXsd(**doc, ChooseSchema(**doc, opt.d22b));
    if (!diags) {
      report.diagnostics.push_back(
          {"CHORUS-XSD", Severity::kError, diags.error().message, ""});
      return report;
    }
    report.diagnostics = std::move(*diags);
  }
  RuleOptions rule_options = RuleOptionsFor(**doc, RequestOf(opt));
  if (rule_options.en16931 || rule_options.facturx) {
    // The rules never look at the unmapped report, nor at free texts beyond
    // their presence: neither is built.
    ReadResult read = ReadInvoice(
        **doc, ReadOptions{.report_unmapped = false, .cut_free_text = true});
    std::vector<Diagnostic> found = CheckRules(**doc, read, rule_options);
    report.diagnostics.insert(report.diagnostics.end(),
                              std::make_move_iterator(found.begin()),
                              std::make_move_iterator(found.end()));
  }
  report.strict = opt.strict;
  return report;
}

int RunValidate(const ValidateOptions& opt) {
  std::vector<std::string> files = ExpandPaths(opt.paths);
  if (files.empty()) {
    std::cerr << "chorus: no *.xml or *.pdf file found in the given paths\n";
    return kExitUsage;
  }
  // A missing schema folder is a set-up problem, not a per-file finding.
  if (!opt.no_xsd) {
    if (auto dir = SchemaDir(); !dir) return ReportError(dir.error());
  }

  Report report;
  report.files.resize(files.size());
  auto started = std::chrono::steady_clock::now();
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  unsigned jobs =
      opt.jobs ? opt.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, files.size()));
  auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < files.size();) {
      report.files[i] = ValidateOne(files[i], opt);
      done.fetch_add(1);
    }
  };
  {
    Progress progress(files.size(), "validating");
    std::vector<std::thread> pool;
    // With several jobs every job gets a thread; the main thread only draws.
    for (unsigned t = 0; jobs > 1 && t < jobs; ++t) pool.emplace_back(worker);
    if (jobs <= 1) {
      worker();
    } else {
      while (done.load() < files.size()) {
        progress.Tick(done.load());
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    }
    for (auto& t : pool) t.join();
  }

  if (opt.stats) {
    double seconds = std::chrono::duration<double>(
                         std::chrono::steady_clock::now() - started)
                         .count();
    std::fprintf(
        stderr,
        "chorus: validated %zu files in %.3f s with %u workers: %.0f files/s\n",
        files.size(), seconds, jobs,
        seconds > 0 ? double(files.size()) / seconds : 0.0);
  }

  ReportFormat format = ReportFormat::kText;
  if (opt.format == "json") format = ReportFormat::kJson;
  if (opt.format == "junit") format = ReportFormat::kJunit;
  if (opt.format == "github") format = ReportFormat::kGithub;
  RenderOptions render;
  render.color = format == ReportFormat::kText && StdoutIsTerminal();
  render.show_warnings = !opt.no_warnings;
  std::cout << RenderReport(report, format, render) << std::flush;

  bool any_error = false, any_invalid = false;
  for (const auto& f : report.files) {
    any_error |= f.failed();
    any_invalid |= !f.valid();
  }
  if (any_error) return kExitUsage;
  return any_invalid ? kExitInvalid : kExitOk;
}

}  // namespace

void AddValidateCommand(CLI::App& parent, int* exit_code) {
  auto opt = std::make_shared<ValidateOptions>();
  CLI::App* cmd =
      parent.add_subcommand("validate",
                            "Validate invoices (UBL, CII, Factur-X PDF): XSD "
                            "schema, EN 16931 and Factur-X "
                            "profile rules");
  cmd->footer(
      "Folders are walked recursively for *.xml and *.pdf files. A PDF is "
      "checked\n"
      "as a Factur-X: its PDF side (FX-PDF rules), then its factur-x.xml "
      "against\n"
      "the profile's XSD and, for BASIC, EN 16931 and EXTENDED, the EN 16931 "
      "rules.\n"
      "Example:\n"
      "  chorus validate samples/out --format junit > report.xml\n"
      "  chorus validate factur-x.xml --rules en16931,facturx\n"
      "Exit: 0 all valid, 1 some file invalid, 2 a file could not be read or "
      "parsed.");
  cmd->add_option("paths", opt->paths, "Files or folders")->required();
  AddFormatOption(*cmd, &opt->format, {"text", "json", "junit", "github"});
  cmd->add_flag("--no-xsd", opt->no_xsd, "Skip XSD validation");
  cmd->add_option("--rules", opt->rules,
                  "Rule sets, comma-separated: en16931, facturx (the Factur-X "
                  "profile rules "
                  "of the document's BT-24), auto (en16931 where it applies, "
                  "plus facturx on "
                  "Factur-X profiles), or none")
      ->check(CLI::IsMember({"auto", "en16931", "facturx", "none"}))
      ->delimiter(',')
      ->capture_default_str();
  cmd->add_flag("--strict", opt->strict, "Warnings make a file invalid too");
  cmd->add_flag("--no-warnings", opt->no_warnings, "Hide warnings");
  cmd->add_flag("--stats", opt->stats, "Print throughput on stderr");
  cmd->add_flag("--d22b", opt->d22b,
                "Validate non-Factur-X CII against CII D22B instead of D16B");
  cmd->add_option("-j,--jobs", opt->jobs,
                  "Parallel workers (default: one per core)");
  cmd->callback([opt, exit_code] { *exit_code = RunValidate(*opt); });
}

}  // namespace chorus::cli

// chorus submit FILE...: validate, check the recipient's requirements,
// deposit (journal first) and print the flow numbers; --wait follows them.
#include <spdlog/spdlog.h>

#include <iostream>
#include <set>

#include "chorus/format/xsd.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/connection.h"
#include "cli/flow_status.h"
#include "cli/submit_deposit.h"
#include "cli/submit_file.h"

namespace chorus::cli {
namespace {

struct SubmitOptions {
  std::vector<std::string> files;
  bool no_validate = false;
  bool no_lookup_check = false;
  bool force = false;
  std::string resolve_grace = "1h";
  std::string format = "text";
  WaitFlags wait;
  ConnectionFlags connection;
};

std::string Pad(std::string s, std::size_t w) {
  if (s.size() < w) s.append(w - s.size(), ' ');
  return s;
}

std::string Text(const std::vector<FileResult>& results, bool with_state) {
  std::size_t wf = 4, wn = 7, wr = 6, wflow = 4;
  for (const auto& r : results) {
    wf = std::max(wf, r.path.size());
    wn = std::max(wn, r.number.size());
    wr = std::max(wr, r.result.size());
    wflow = std::max(wflow, r.flow.size());
  }
  std::string out =
      Pad("FILE", wf) + "  " + Pad("INVOICE", wn) + "  " + Pad("RESULT", wr) +
      "  " + (with_state ? Pad("FLOW", wflow) + "  STATE" : "FLOW") + "\n";
  for (const auto& r : results) {
    std::string line = Pad(r.path, wf) + "  " + Pad(r.number, wn) + "  " +
                       Pad(r.result, wr) + "  " +
                       (with_state ? Pad(r.flow, wflow) : r.flow);
    if (with_state && r.status) line += "  " + r.status->State();
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
    if (!r.reason.empty() && r.result != "deposited")
      out += "    " + r.reason + "\n";
    for (const auto& d : r.details) out += "    " + d + "\n";
    if (r.status) {
      for (const auto& reason : r.status->Reasons())
        out += "    " + reason + "\n";
      if (r.status->error) out += "    " + r.status->error->message + "\n";
    }
  }
  return out;
}

// Prepared files, or a result saying why a file cannot go.
std::vector<std::pair<std::optional<PreparedFile>, FileResult>> PrepareAll(
    const SubmitOptions& opt) {
  std::vector<std::pair<std::optional<PreparedFile>, FileResult>> out;
  for (const auto& path : opt.files) {
    FileResult r;
    r.path = path;
    auto f = PrepareFile(path, !opt.no_validate);
    if (f) {
      r.number = f->number;
      r.syntaxe = f->syntaxe_flux;
      out.emplace_back(std::move(*f), std::move(r));
      continue;
    }
    const Error& e = f.error();
    r.result = e.kind == Error::Kind::kInvalidInput ? "invalid" : "error";
    r.reason = e.message;
    for (const auto& d : e.details) {
      r.details.push_back((d.location.empty() ? "" : d.location + ": ") +
                          d.message +
                          (d.rule.empty() ? "" : " [" + d.rule + "]"));
    }
    r.exit_code = ExitCodeFor(e);
    out.emplace_back(std::nullopt, std::move(r));
  }
  return out;
}

int RunSubmit(SubmitOptions& opt) {
  auto wait = ToWaitOptions(opt.wait);
  if (!wait) return ReportError(wait.error());
  auto grace = config::ParseDuration(opt.resolve_grace);
  if (!grace)
    return ReportError(MakeError(Error::Kind::kUsage,
                                 "--resolve-grace: " + grace.error().message));
  // A missing schema folder is a set-up problem, not a per-file finding.
  if (!opt.no_validate) {
    if (auto dir = SchemaDir(); !dir) {
      Error e = dir.take_error();
      e.message += " (or submit with --no-validate)";
      return ReportError(e);
    }
  }
  // Settings and credentials first: a configuration error is reported once,
  // before any file is read.
  auto platform = Connect(opt.connection);
  if (!platform) return ReportError(platform.error());
  Platform& p = **platform;
  auto journal = OpenJournal(p.settings);
  if (!journal) return ReportError(journal.error());

  DepositSettings ds;
  ds.force = opt.force;
  ds.check_recipient = !opt.no_lookup_check;
  ds.lookup_ttl = std::chrono::duration_cast<std::chrono::seconds>(
      *config::ParseDuration(p.settings.Value("lookup_ttl")));
  ds.resolve_grace = std::chrono::duration_cast<std::chrono::seconds>(*grace);
  Depositor depositor(p, **journal, ds);

  auto prepared = PrepareAll(opt);
  std::vector<FileResult> results;
  {
    Progress progress(prepared.size(), "submitting");
    std::size_t n = 0;
    for (auto& [file, result] : prepared) {
      if (file && depositor.fatal()) {
        result.result = "error";
        result.reason = "not attempted: " + depositor.fatal()->message;
        result.exit_code = kExitUsage;
      } else if (file) {
        result = depositor.Submit(*file);
      }
      spdlog::info("{}: {} {}", result.path, result.result, result.flow);
      results.push_back(std::move(result));
      progress.Tick(++n);
    }
  }

  int code = kExitOk;
  if (wait->wait) {
    std::vector<std::string> flows;
    std::set<std::string> seen;
    for (const auto& r : results) {
      if (!r.flow.empty() && seen.insert(r.flow).second)
        flows.push_back(r.flow);
    }
    auto statuses =
        FollowFlows(*p.client, flows, *wait, journal->get(), p.settings.env);
    for (auto& r : results) {
      for (const auto& s : statuses) {
        if (s.flow == r.flow) r.status = s;
      }
    }
    code = FlowsExitCode(statuses);
  }
  for (const auto& r : results) code = WorstExitCode(code, r.exit_code);

  if (opt.format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& r : results) list.push_back(r.ToJson());
    std::cout
        << nlohmann::json({{"env", p.settings.env}, {"results", list}}).dump(2)
        << "\n";
  } else {
    std::cout << Text(results, wait->wait) << std::flush;
  }
  if (depositor.fatal()) ReportApiError(*depositor.fatal(), p.settings);
  return code;
}

}  // namespace

void AddSubmitCommand(CLI::App& parent, int* exit_code) {
  auto opt = std::make_shared<SubmitOptions>();
  CLI::App* cmd = parent.add_subcommand(
      "submit", "Deposit invoices in Chorus Pro (validated and checked first)");
  cmd->footer(
      std::string("Each file (UBL or CII XML, or a Factur-X PDF) is validated "
                  "as `chorus\n"
                  "validate` does (XSD, EN 16931 and Factur-X profile rules; "
                  "a PDF also its\n"
                  "PDF side), its recipient\n"
                  "looked up (cached) to refuse an invoice missing a required "
                  "service code\n"
                  "(BT-10) or engagement number (BT-13), then deposited; the "
                  "journal records\n"
                  "the attempt before sending, so a file is never deposited "
                  "twice: one already\n"
                  "deposited is skipped, and one whose outcome was unknown "
                  "(connection lost)\n"
                  "is first looked up among your invoices.\n"
                  "Examples:\n"
                  "  chorus submit --env sandbox out/FA-2026-001.xml\n"
                  "  chorus submit *.xml --wait --timeout 15m --format json\n"
                  "  chorus submit --env local invoice.pdf   # Factur-X\n"
                  "Exit: 0 deposited (or already deposited; with --wait: "
                  "integrated), 1 invalid,\n"
                  "refused or (with --wait) rejected, 2 usage, configuration "
                  "or credential\n"
                  "error, 3 platform unreachable or outcome unknown (run again "
                  "later). With\n"
                  "several files the worst wins: 2, then 3, then 1.\n") +
      kConnectionHelp);
  cmd->add_option("files", opt->files, "Invoice files (UBL, CII, Factur-X PDF)")
      ->required();
  cmd->add_flag("--no-validate", opt->no_validate,
                "Deposit even files that fail XSD or EN 16931 validation");
  cmd->add_flag("--no-lookup-check", opt->no_lookup_check,
                "Do not check the recipient's requirements before depositing");
  cmd->add_flag("--force", opt->force,
                "Deposit even a file the journal says is deposited or may be");
  cmd->add_option("--resolve-grace", opt->resolve_grace,
                  "An unknown outcome not found among your invoices after this "
                  "long is deposited again")
      ->capture_default_str();
  AddFormatOption(*cmd, &opt->format);
  AddWaitOptions(*cmd, &opt->wait);
  AddConnectionOptions(*cmd, &opt->connection);
  cmd->callback([opt, exit_code] { *exit_code = RunSubmit(*opt); });
}

}  // namespace chorus::cli

// chorus status FLOW...: the state of deposited flows (consulterCRDetaille)
// with each rejected invoice and its reason; --wait polls until final.
#include <iostream>
#include <set>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/connection.h"
#include "cli/flow_status.h"

namespace chorus::cli {
namespace {

struct StatusOptions {
  std::vector<std::string> flows;
  bool pending = false;
  std::string format = "text";
  WaitFlags wait;
  ConnectionFlags connection;
};

bool IsCredentialError(const api::ApiError& e) {
  return e.kind == api::ApiErrorKind::kBadClient ||
         e.kind == api::ApiErrorKind::kUnauthorized ||
         e.kind == api::ApiErrorKind::kNotSubscribed;
}

// Flows of this environment the journal has deposited and never seen final.
Result<std::vector<std::string>> PendingFlows(journal::Journal& journal,
                                              const std::string& env) {
  auto recent = journal.Recent(10'000);
  if (!recent) return recent.take_error();
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& r : *recent) {
    if (r.attempt.env != env || r.outcome != journal::Outcome::kDeposited ||
        r.flow_number.empty() ||
        api::FlowOutcomeOf(r.flow_state) != api::FlowOutcome::kPending) {
      continue;
    }
    if (seen.insert(r.flow_number).second) out.push_back(r.flow_number);
  }
  return out;
}

int RunStatus(StatusOptions& opt) {
  auto wait = ToWaitOptions(opt.wait);
  if (!wait) return ReportError(wait.error());
  auto platform = Connect(opt.connection);
  if (!platform) return ReportError(platform.error());
  Platform& p = **platform;
  auto journal = OpenJournal(p.settings);
  if (!journal) return ReportError(journal.error());

  std::vector<std::string> flows = opt.flows;
  if (opt.pending) {
    auto more = PendingFlows(**journal, p.settings.env);
    if (!more) return ReportError(more.error());
    flows.insert(flows.end(), more->begin(), more->end());
  }
  if (flows.empty()) {
    if (opt.format == "json") {
      std::cout << nlohmann::json({{"env", p.settings.env},
                                   {"flows", nlohmann::json::array()}})
                       .dump(2)
                << "\n";
    } else {
      std::cout << "No flow to follow"
                << (opt.pending ? " (the journal has none pending)" : "")
                << ".\n";
    }
    return kExitOk;
  }

  auto statuses =
      FollowFlows(*p.client, flows, *wait, journal->get(), p.settings.env);
  for (const auto& s : statuses) {
    // Bad credentials fail every flow alike: say it once, with the fix.
    if (s.error && IsCredentialError(*s.error)) {
      return ReportApiError(*s.error, p.settings);
    }
  }
  if (opt.format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& s : statuses) list.push_back(FlowStatusJson(s));
    std::cout
        << nlohmann::json({{"env", p.settings.env}, {"flows", list}}).dump(2)
        << "\n";
  } else {
    std::cout << FlowsText(statuses);
  }
  int code = FlowsExitCode(statuses);
  if (code == kExitNetwork && wait->wait) {
    bool timed_out = false;
    for (const auto& s : statuses) timed_out |= !s.error && !s.final();
    if (timed_out) {
      std::cerr << "chorus: --timeout " << opt.wait.timeout
                << " passed before every flow reached a final state\n";
    }
  }
  return code;
}

}  // namespace

void AddStatusCommand(CLI::App& parent, int* exit_code) {
  auto opt = std::make_shared<StatusOptions>();
  CLI::App* cmd = parent.add_subcommand(
      "status",
      "State of deposited flows, with each rejected invoice and its reason");
  cmd->footer(
      std::string(
          "Examples:\n"
          "  chorus status CPP0011110000000000001557 --wait --timeout 10m\n"
          "  chorus status --pending --format json\n"
          "Exit: 0 every flow integrated (IN_INTEGRE), 1 a flow rejected or\n"
          "partially integrated, 2 usage, configuration or credential error,\n"
          "3 platform unreachable or a flow not in a final state yet (also\n"
          "when --wait reaches --timeout): try again later.\n") +
      kConnectionHelp);
  cmd->add_option("flows", opt->flows, "Flow numbers (numeroFluxDepot)");
  cmd->add_flag("--pending", opt->pending,
                "Also every flow the journal deposited and has not seen final");
  AddFormatOption(*cmd, &opt->format);
  AddWaitOptions(*cmd, &opt->wait);
  AddConnectionOptions(*cmd, &opt->connection);
  cmd->callback([opt, exit_code, cmd] {
    if (opt->flows.empty() && !opt->pending) {
      std::cerr << "chorus status: give flow numbers or --pending\n"
                << cmd->help();
      *exit_code = kExitUsage;
      return;
    }
    *exit_code = RunStatus(*opt);
  });
}

}  // namespace chorus::cli

// Following deposited flows (consulterCRDetaille): their state, the
// rejected invoices with reasons, optionally polling until every flow has
// reached a final state. Shared by `status` and `submit --wait`.
#ifndef CHORUS_SRC_CLI_FLOW_STATUS_H_
#define CHORUS_SRC_CLI_FLOW_STATUS_H_

#include <CLI/CLI.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "chorus/api/chorus_pro.h"
#include "chorus/journal/journal.h"

namespace chorus::cli {

struct FlowStatus {
  std::string flow;
  std::optional<api::FlowReport> report;  // absent when the call failed
  std::optional<api::ApiError> error;
  api::FlowOutcome outcome = api::FlowOutcome::kPending;

  bool final() const { return report && outcome != api::FlowOutcome::kPending; }
  // "IN_INTEGRE", ..., or "error" / "unknown".
  std::string State() const;
  // One line per rejected invoice or technical error.
  std::vector<std::string> Reasons() const;
};

struct WaitOptions {
  bool wait = false;
  std::chrono::milliseconds timeout{10 * 60'000};
  std::chrono::milliseconds interval{5'000};
};

// --wait, --timeout, --interval as given on the command line.
struct WaitFlags {
  bool wait = false;
  std::string timeout = "10m";
  std::string interval = "5s";
};
void AddWaitOptions(CLI::App& cmd, WaitFlags* flags);
Result<WaitOptions> ToWaitOptions(const WaitFlags& flags);

// Fetches every flow once, then (with wait) polls the non-final ones until
// all are final or the timeout passes. Network failures while waiting are
// retried at the next poll. Every state seen is written to `journal`
// (may be null).
std::vector<FlowStatus> FollowFlows(api::ChorusProClient& client,
                                    const std::vector<std::string>& flows,
                                    const WaitOptions& options,
                                    journal::Journal* journal,
                                    const std::string& env);

nlohmann::json FlowStatusJson(const FlowStatus& s);

// Exit code for a set of flows: 3 when a call failed on the network or a
// flow is not final yet, else 2 for other call failures, else 1 when a flow
// was rejected or partially integrated, else 0.
int FlowsExitCode(const std::vector<FlowStatus>& statuses);

// "CPP...  IN_REJETE  2026-11-26T..." plus indented reasons.
std::string FlowsText(const std::vector<FlowStatus>& statuses);

}  // namespace chorus::cli

#endif  // CHORUS_SRC_CLI_FLOW_STATUS_H_

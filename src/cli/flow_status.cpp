#include "cli/flow_status.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <thread>

#include "chorus/config/config.h"
#include "cli/common.h"

namespace chorus::cli {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

bool IsNetwork(const api::ApiError& e) {
  return e.ToError().kind == Error::Kind::kNetwork;
}

const char* OutcomeWord(api::FlowOutcome o) {
  switch (o) {
    case api::FlowOutcome::kIntegrated:
      return "integrated";
    case api::FlowOutcome::kPartial:
      return "partially integrated";
    case api::FlowOutcome::kRejected:
      return "rejected";
    case api::FlowOutcome::kPending:
      return "pending";
  }
  return "pending";
}

void Fetch(api::ChorusProClient& client, FlowStatus& s,
           journal::Journal* journal, const std::string& env) {
  auto r = client.ConsulterCRDetaille(s.flow);
  if (!r) {
    s.error = r.take_error();
    return;
  }
  s.error.reset();
  s.outcome = api::FlowOutcomeOf(r->etat);
  s.report = std::move(*r);
  if (journal) {
    std::string detail;
    for (const auto& line : s.Reasons()) detail += line + "\n";
    if (!detail.empty()) detail.pop_back();
    auto ok = journal->RecordFlowState(env, s.flow, s.report->etat, detail);
    if (!ok) spdlog::warn("{}", ok.error().message);
  }
}

}  // namespace

void AddWaitOptions(CLI::App& cmd, WaitFlags* flags) {
  cmd.add_flag("--wait", flags->wait,
               "Poll until every flow reaches a final state (IN_INTEGRE, "
               "IN_INTEGRE_PARTIEL, IN_REJETE)");
  cmd.add_option("--timeout", flags->timeout,
                 "With --wait: give up after this long (exit 3)")
      ->capture_default_str();
  cmd.add_option("--interval", flags->interval,
                 "With --wait: time between polls")
      ->capture_default_str();
}

Result<WaitOptions> ToWaitOptions(const WaitFlags& flags) {
  WaitOptions o;
  o.wait = flags.wait;
  auto timeout = config::ParseDuration(flags.timeout);
  if (!timeout) {
    return MakeError(Error::Kind::kUsage,
                     "--timeout: " + timeout.error().message);
  }
  auto interval = config::ParseDuration(flags.interval);
  if (!interval || interval->count() == 0) {
    return MakeError(
        Error::Kind::kUsage,
        "--interval: " + (interval ? std::string("must be more than 0")
                                   : interval.error().message));
  }
  o.timeout = *timeout;
  o.interval = *interval;
  return o;
}

std::string FlowStatus::State() const {
  if (report) return report->etat.empty() ? "unknown" : report->etat;
  return "error";
}

std::vector<std::string> FlowStatus::Reasons() const {
  std::vector<std::string> out;
  if (!report) return out;
  for (const auto& e : report->erreurs_dp) {
    std::string who =
        e.numero_dp.empty() ? "invoice" : "invoice " + e.numero_dp;
    out.push_back(who + ": " + e.libelle);
  }
  for (const auto& e : report->erreurs_techniques) {
    out.push_back("technical error " + e.code + ": " + e.libelle +
                  (e.nature.empty() ? "" : " (" + e.nature + ")"));
  }
  return out;
}

std::vector<FlowStatus> FollowFlows(api::ChorusProClient& client,
                                    const std::vector<std::string>& flows,
                                    const WaitOptions& options,
                                    journal::Journal* journal,
                                    const std::string& env) {
  std::vector<FlowStatus> out;
  for (const auto& f : flows) {
    FlowStatus s;
    s.flow = f;
    Fetch(client, s, journal, env);
    out.push_back(std::move(s));
  }
  if (!options.wait) return out;

  auto pending = [&](const FlowStatus& s) {
    return !s.final() && (!s.error || IsNetwork(*s.error));
  };
  auto done = [&] {
    return static_cast<std::size_t>(std::count_if(
        out.begin(), out.end(), [&](const auto& s) { return !pending(s); }));
  };
  const auto deadline = Clock::now() + options.timeout;
  Progress progress(out.size(), "flows in a final state");
  progress.Tick(done());
  while (done() < out.size()) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - Clock::now());
    if (left.count() <= 0) break;
    std::this_thread::sleep_for(std::min(options.interval, left));
    for (auto& s : out) {
      if (pending(s)) Fetch(client, s, journal, env);
    }
    progress.Tick(done());
    spdlog::info("waiting: {}/{} flows in a final state", done(), out.size());
  }
  return out;
}

json FlowStatusJson(const FlowStatus& s) {
  json j = {{"flow", s.flow}, {"state", s.State()}};
  if (s.report) {
    j["outcome"] = OutcomeWord(s.outcome);
    j["final"] = s.final();
    j["date_depot"] = s.report->date_depot;
    j["state_at"] = s.report->date_heure_etat;
    j["file_name"] = s.report->nom_fichier;
    json rejected = json::array();
    for (const auto& e : s.report->erreurs_dp) {
      rejected.push_back({{"invoice", e.numero_dp},
                          {"supplier", e.identifiant_fournisseur},
                          {"recipient", e.identifiant_destinataire},
                          {"reason", e.libelle}});
    }
    json technical = json::array();
    for (const auto& e : s.report->erreurs_techniques) {
      technical.push_back(
          {{"code", e.code}, {"reason", e.libelle}, {"nature", e.nature}});
    }
    j["rejected_invoices"] = std::move(rejected);
    j["technical_errors"] = std::move(technical);
    j["raw"] = s.report->raw;  // unknown fields are kept, not dropped
  }
  if (s.error) {
    j["error"] = {{"kind", api::ApiErrorKindName(s.error->kind)},
                  {"message", s.error->message}};
  }
  return j;
}

int FlowsExitCode(const std::vector<FlowStatus>& statuses) {
  bool network = false, usage = false, rejected = false;
  for (const auto& s : statuses) {
    if (s.error) {
      (IsNetwork(*s.error) ? network : usage) = true;
    } else if (!s.final()) {
      network = true;  // no final answer yet: try again later
    } else if (s.outcome != api::FlowOutcome::kIntegrated) {
      rejected = true;
    }
  }
  if (network) return kExitNetwork;
  if (usage) return kExitUsage;
  return rejected ? kExitInvalid : kExitOk;
}

std::string FlowsText(const std::vector<FlowStatus>& statuses) {
  std::size_t width = 4;
  for (const auto& s : statuses) width = std::max(width, s.flow.size());
  std::string out;
  auto pad = [](std::string s, std::size_t w) {
    if (s.size() < w) s.append(w - s.size(), ' ');
    return s;
  };
  out += pad("FLOW", width) + "  " + pad("STATE", 28) + "  SINCE\n";
  for (const auto& s : statuses) {
    std::string since = s.report ? s.report->date_heure_etat : "";
    out += pad(s.flow, width) + "  " + pad(s.State(), 28) + "  " + since + "\n";
    for (const auto& r : s.Reasons()) out += "    " + r + "\n";
    if (s.error) out += "    " + s.error->message + "\n";
  }
  return out;
}

}  // namespace chorus::cli

#include "cli/submit_deposit.h"

#include <spdlog/spdlog.h>

#include <ctime>

#include "cli/common.h"

namespace chorus::cli {
namespace {

using nlohmann::json;

int Rank(int code) {
  switch (code) {
    case kExitUsage:
      return 3;
    case kExitNetwork:
      return 2;
    case kExitInvalid:
      return 1;
    default:
      return 0;
  }
}

bool IsFatal(const api::ApiError& e) {
  return e.kind == api::ApiErrorKind::kBadClient ||
         e.kind == api::ApiErrorKind::kUnauthorized ||
         e.kind == api::ApiErrorKind::kNotSubscribed;
}

// Seconds since an ISO 8601 UTC time the journal wrote; 0 when unreadable
// (which keeps an unknown outcome unknown: the safe side).
std::int64_t AgeSeconds(const std::string& iso) {
  std::tm tm{};
  if (strptime(iso.c_str(), "%Y-%m-%dT%H:%M:%S", &tm) == nullptr) return 0;
  return journal::UnixNow() - static_cast<std::int64_t>(timegm(&tm));
}

std::string Minutes(std::int64_t seconds) {
  return std::to_string(seconds / 60) + " min";
}

}  // namespace

int WorstExitCode(int a, int b) { return Rank(a) >= Rank(b) ? a : b; }

json FileResult::ToJson() const {
  json j = {
      {"file", path},     {"invoice", number},  {"syntaxe", syntaxe},
      {"result", result}, {"flow", flow},       {"date_depot", date_depot},
      {"reason", reason}, {"details", details}, {"exit_code", exit_code}};
  if (status) j["status"] = FlowStatusJson(*status);
  return j;
}

Depositor::Depositor(Platform& platform, journal::Journal& journal,
                     DepositSettings settings)
    : platform_(platform), journal_(journal), settings_(settings) {}

void Depositor::Fail(FileResult& out, const std::string& result,
                     const api::ApiError& e) {
  Error explained = Explain(e, platform_.settings);
  out.result = result;
  out.reason = explained.message;
  for (const auto& d : explained.details) out.details.push_back(d.message);
  out.exit_code = ExitCodeFor(explained);
  if (IsFatal(e)) fatal_ = e;
}

FileResult Depositor::Submit(const PreparedFile& file) {
  FileResult out;
  out.path = file.path;
  out.number = file.number;
  out.syntaxe = file.syntaxe_flux;
  if (CheckJournal(file, out)) return out;
  if (settings_.check_recipient && CheckRecipient(file, out)) return out;
  Deposit(file, out);
  return out;
}

bool Depositor::CheckJournal(const PreparedFile& file, FileResult& out) {
  const std::string& env = platform_.settings.env;
  auto blocking = journal_.FindBlocking(file.sha256, env);
  if (!blocking) {
    out.result = "error";
    out.reason = blocking.error().message;
    out.exit_code = kExitUsage;
    return true;
  }
  if (!blocking->has_value()) return false;
  const journal::DepositRecord& rec = **blocking;
  if (settings_.force) {
    spdlog::warn(
        "{}: the journal has attempt #{} ({}); depositing again (--force)",
        file.path, rec.id, journal::OutcomeName(rec.outcome));
    return false;
  }
  if (rec.outcome == journal::Outcome::kDeposited) {
    out.result = "already-deposited";
    out.flow = rec.flow_number;
    out.date_depot = rec.date_depot;
    out.reason = "already deposited in " + env + " as flow " + rec.flow_number +
                 " on " + rec.date_depot + " (journal #" +
                 std::to_string(rec.id) +
                 "); not deposited again (--force to deposit anyway)";
    return true;
  }
  return Resolve(file, rec, out);
}

bool Depositor::Resolve(const PreparedFile& file,
                        const journal::DepositRecord& rec, FileResult& out) {
  spdlog::info(
      "{}: attempt #{} of {} has an unknown outcome; looking for invoice {}",
      file.path, rec.id, rec.attempted_at, file.number);
  api::InvoiceSearch q;
  q.numero_facture = file.number;
  auto found = platform_.client->RechercherFournisseur(q);
  if (!found) {
    Fail(out, "unknown", found.error());
    out.details.insert(
        out.details.begin(),
        "the outcome of the deposit attempted at " + rec.attempted_at +
            " is unknown, and chorus could not check it: not deposited "
            "again (--force to deposit anyway)");
    return true;
  }
  // The same number may belong to another deposit (the same invoice as UBL
  // and as CII, a number reused a year later): a candidate must not be a
  // flow the journal gave to another attempt, nor predate this attempt.
  const std::string attempt_day = rec.attempted_at.substr(0, 10);
  const api::InvoiceSummary* match = nullptr;
  for (const auto& f : found->factures) {
    if (f.numero_facture != file.number) continue;
    if (!f.date_depot.empty() && f.date_depot.substr(0, 10) < attempt_day) {
      continue;
    }
    auto owner =
        journal_.FindByFlow(platform_.settings.env, f.numero_flux_depot);
    if (owner.ok() && owner->has_value() && (*owner)->id != rec.id) continue;
    if (!match || f.date_depot > match->date_depot ||
        (f.date_depot == match->date_depot &&
         f.identifiant_facture_cpp > match->identifiant_facture_cpp)) {
      match = &f;
    }
  }
  if (match) {
    std::string note =
        "resolved: invoice " + file.number + " found on the platform (id " +
        std::to_string(match->identifiant_facture_cpp) + ", flow " +
        match->numero_flux_depot + ", status " + match->statut + ")";
    auto ok = journal_.MarkDeposited(rec.id, match->numero_flux_depot,
                                     match->date_depot, note);
    if (!ok) spdlog::warn("{}", ok.error().message);
    out.result = "resolved";
    out.flow = match->numero_flux_depot;
    out.date_depot = match->date_depot;
    out.reason = "the earlier attempt (" + rec.attempted_at +
                 ") did reach the platform: " + note.substr(10) +
                 "; not deposited again";
    return true;
  }
  std::int64_t age = AgeSeconds(rec.attempted_at);
  if (age < settings_.resolve_grace.count()) {
    out.result = "unknown";
    out.exit_code = kExitNetwork;
    out.reason =
        "the deposit attempted at " + rec.attempted_at +
        " may exist: invoice " + file.number +
        " is not among your invoices yet, but the platform lists an invoice "
        "only once its flow is processed";
    out.details.push_back(
        "run the same command again later (after " +
        Minutes(settings_.resolve_grace.count()) +
        " without a trace it is deposited again), or --force to "
        "deposit now at the risk of a duplicate");
    return true;
  }
  std::string why =
      "not found on the platform " + Minutes(age) + " after the attempt";
  auto ok = journal_.MarkFailed(rec.id, why);
  if (!ok) spdlog::warn("{}", ok.error().message);
  spdlog::warn("{}: earlier attempt #{} {}; depositing again", file.path,
               rec.id, why);
  return false;
}

bool Depositor::CheckRecipient(const PreparedFile& file, FileResult& out) {
  if (file.buyer.empty()) {
    spdlog::warn(
        "{}: the buyer has no SIRET (BT-46, BT-49 scheme 0009, BT-47) nor "
        "foreign VAT number (BT-48): recipient requirements not checked",
        file.path);
    return false;
  }
  auto r = LookupRecipient(*platform_.client, file.buyer, &journal_,
                           platform_.settings.env, settings_.lookup_ttl);
  if (!r) {
    Fail(out, "error", r.error());
    out.details.insert(out.details.begin(), "looking up the recipient " +
                                                file.buyer.value + " failed");
    return true;
  }
  auto problems = CheckRequirements(*r, file.invoice);
  if (problems.empty()) return false;
  out.result = "refused";
  out.exit_code = kExitInvalid;
  out.reason =
      "not deposited: the platform would reject it (--no-lookup-check to "
      "deposit anyway)";
  out.details = std::move(problems);
  return true;
}

void Depositor::Deposit(const PreparedFile& file, FileResult& out) {
  journal::DepositAttempt attempt{file.sha256,      file.path,
                                  file.number,      file.seller,
                                  file.buyer.value, platform_.settings.env,
                                  file.syntaxe_flux};
  // Recorded before sending: if chorus dies mid-request, the next run knows
  // a deposit may exist.
  auto id = journal_.RecordAttempt(attempt);
  if (!id) {
    out.result = "error";
    out.reason =
        id.error().message + "; not deposited (no journal, no deposit)";
    out.exit_code = kExitUsage;
    return;
  }
  api::DepositRequest req;
  req.file_bytes = file.bytes;
  req.file_name = file.file_name;
  req.syntaxe_flux = file.syntaxe_flux;
  auto answer = platform_.client->DeposerFlux(req);
  if (answer) {
    auto ok = journal_.MarkDeposited(*id, answer->numero_flux_depot,
                                     answer->date_depot);
    if (!ok) spdlog::warn("{}", ok.error().message);
    out.result = "deposited";
    out.flow = answer->numero_flux_depot;
    out.date_depot = answer->date_depot;
    return;
  }
  const api::ApiError& e = answer.error();
  if (e.kind == api::ApiErrorKind::kUnknownOutcome) {
    auto ok = journal_.MarkUnknown(*id, e.message);
    if (!ok) spdlog::warn("{}", ok.error().message);
    Fail(out, "unknown", e);
    out.reason = "outcome unknown: " + e.message;
    out.details.push_back(
        "the file was sent and no answer came back, so the deposit may exist; "
        "run the "
        "same command again: chorus looks for the invoice before depositing it "
        "again");
    return;
  }
  auto ok = journal_.MarkFailed(*id, e.message);
  if (!ok) spdlog::warn("{}", ok.error().message);
  Fail(out, "failed", e);
}

}  // namespace chorus::cli

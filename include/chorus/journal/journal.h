// The deposit journal: a local SQLite record of every deposit attempt, so
// that chorus never deposits the same invoice twice by accident.
//
// An attempt is written BEFORE the file is sent (outcome "sending") and
// updated after: "deposited" with the flow number, "failed" with the reason
// when the platform certainly did not take it, or "unknown" when the request
// went out and no answer came back (it may exist on the platform). A file
// (same sha256, same environment) whose latest attempt is sending, deposited
// or unknown blocks a new deposit; `submit` resolves unknown ones first.
// Later `status` calls add the flow's state. The same database caches
// recipient lookups (structures), with the time they were fetched.
#ifndef CHORUS_JOURNAL_JOURNAL_H_
#define CHORUS_JOURNAL_JOURNAL_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chorus/util/result.h"

namespace chorus::journal {

enum class Outcome {
  kSending,    // recorded, the answer not yet known (or chorus died sending)
  kDeposited,  // the platform answered with a flow number
  kUnknown,    // sent, no answer: the deposit may exist
  kFailed,     // the platform certainly did not take it
};
const char* OutcomeName(Outcome o);  // "sending", "deposited", ...

// What is known before sending.
struct DepositAttempt {
  std::string sha256;          // hex, of the file's bytes
  std::string path;            // as given on the command line
  std::string invoice_number;  // BT-1
  std::string seller;          // seller identifier (SIRET/SIREN), may be ""
  std::string buyer;           // buyer SIRET, may be ""
  std::string env;             // production | sandbox | local
  std::string syntaxe;         // syntaxeFlux
};

struct DepositRecord {
  std::int64_t id = 0;
  DepositAttempt attempt;
  std::string attempted_at;  // UTC, ISO 8601
  std::string updated_at;
  Outcome outcome = Outcome::kSending;
  std::string reason;       // why failed/unknown, or how it was resolved
  std::string flow_number;  // numeroFluxDepot
  std::string date_depot;
  std::string flow_state;  // last state seen by `status`
  std::string flow_state_at;
  std::string flow_detail;  // rejection reasons, one per line
};

class Journal {
 public:
  // Opens or creates the database (parent folders 0700, file 0600).
  static Result<std::unique_ptr<Journal>> Open(const std::string& path);
  ~Journal();

  Result<std::int64_t> RecordAttempt(const DepositAttempt& attempt);
  Status MarkDeposited(std::int64_t id, const std::string& flow_number,
                       const std::string& date_depot,
                       const std::string& note = "");
  Status MarkUnknown(std::int64_t id, const std::string& reason);
  Status MarkFailed(std::int64_t id, const std::string& reason);
  // Records the state `status` saw for every attempt of that flow.
  Status RecordFlowState(const std::string& env, const std::string& flow_number,
                         const std::string& state, const std::string& detail);

  // The latest attempt of this file in this environment when it blocks a
  // new deposit (sending, deposited or unknown); nullopt otherwise.
  Result<std::optional<DepositRecord>> FindBlocking(const std::string& sha256,
                                                    const std::string& env);
  // The latest attempt that got this flow number in this environment.
  Result<std::optional<DepositRecord>> FindByFlow(
      const std::string& env, const std::string& flow_number);
  // Every attempt, newest first (at most `limit`).
  Result<std::vector<DepositRecord>> Recent(int limit);
  Result<std::optional<DepositRecord>> Get(std::int64_t id);

  // Recipient cache: the stored JSON when fetched less than `max_age_s`
  // seconds before `now_unix`.
  Result<std::optional<std::string>> CachedRecipient(const std::string& env,
                                                     const std::string& siret,
                                                     std::int64_t max_age_s,
                                                     std::int64_t now_unix);
  Status StoreRecipient(const std::string& env, const std::string& siret,
                        const std::string& json, std::int64_t now_unix);

  const std::string& path() const { return path_; }

  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

 private:
  struct Db;
  Journal(std::string path, std::unique_ptr<Db> db);
  Status SetOutcome(std::int64_t id, Outcome outcome, const std::string& reason,
                    const std::string* flow_number,
                    const std::string* date_depot);

  std::string path_;
  std::unique_ptr<Db> db_;
};

// Lower-case hex SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);
// Seconds since the epoch, now.
std::int64_t UnixNow();

}  // namespace chorus::journal

#endif  // CHORUS_JOURNAL_JOURNAL_H_

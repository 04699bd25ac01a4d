// The deposit of one prepared file, journal first: refuse a file already
// deposited, resolve an earlier attempt whose outcome is unknown (searching
// the supplier's invoices by number) instead of depositing it twice, check
// the recipient's requirements, record the attempt, send, record the
// outcome.
#ifndef CHORUS_SRC_CLI_SUBMIT_DEPOSIT_H_
#define CHORUS_SRC_CLI_SUBMIT_DEPOSIT_H_

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "chorus/journal/journal.h"
#include "cli/connection.h"
#include "cli/flow_status.h"
#include "cli/submit_file.h"

namespace chorus::cli {

struct DepositSettings {
  bool force = false;  // deposit even if the journal says deposited/unknown
  bool check_recipient = true;
  std::chrono::seconds lookup_ttl{24 * 3600};
  // An unknown outcome not found among the supplier's invoices this long
  // after the attempt is taken as never received: the platform lists an
  // invoice only once its flow is processed.
  std::chrono::seconds resolve_grace{3600};
};

// What became of one file.
struct FileResult {
  std::string path;
  std::string number;   // BT-1
  std::string syntaxe;  // syntaxeFlux
  std::string result;   // deposited, already-deposited, resolved, refused,
                        // invalid, unknown, failed, error
  std::string flow;     // numeroFluxDepot when known
  std::string date_depot;
  std::string reason;  // one line
  std::vector<std::string> details;
  int exit_code = 0;
  std::optional<FlowStatus> status;  // with --wait

  nlohmann::json ToJson() const;
};

class Depositor {
 public:
  Depositor(Platform& platform, journal::Journal& journal,
            DepositSettings settings);
  FileResult Submit(const PreparedFile& file);
  // A failure every later file would hit too (credentials, subscription).
  const std::optional<api::ApiError>& fatal() const { return fatal_; }

 private:
  // Returns true when the file must not be deposited (result filled).
  bool CheckJournal(const PreparedFile& file, FileResult& out);
  bool Resolve(const PreparedFile& file, const journal::DepositRecord& rec,
               FileResult& out);
  bool CheckRecipient(const PreparedFile& file, FileResult& out);
  void Deposit(const PreparedFile& file, FileResult& out);
  void Fail(FileResult& out, const std::string& result, const api::ApiError& e);

  Platform& platform_;
  journal::Journal& journal_;
  DepositSettings settings_;
  std::optional<api::ApiError> fatal_;
};

// Exit code of a batch: 2 beats 3 beats 1 beats 0.
int WorstExitCode(int a, int b);

}  // namespace chorus::cli

#endif  // CHORUS_SRC_CLI_SUBMIT_DEPOSIT_H_

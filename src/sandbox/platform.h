// The business side of the sandbox: Chorus Pro's operations over the
// state, behind the gateway (which has already checked token, account and
// subscription). Thread-safe: HTTP threads and the processing thread share
// one Platform.
#ifndef CHORUS_SRC_SANDBOX_PLATFORM_H_
#define CHORUS_SRC_SANDBOX_PLATFORM_H_

#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

#include "chorus/util/result.h"
#include "sandbox/state.h"

namespace chorus::sandbox {

// One answer of an operation: HTTP status and JSON body.
struct Answer {
  int status = 200;
  nlohmann::json body;
};

// A functional error: codeRetour != 0 with a libelle, HTTP 400.
Answer FunctionalError(int code_retour, std::string libelle);
// Success envelope for an API ("GCU_MSG_01_000" for factures,
// "TRA_MSG_00.000" for the others).
nlohmann::json Success(bool factures);

// Decoded size limit of one deposited file.
inline constexpr std::size_t kMaxFlowBytes = 10u * 1024 * 1024;

class Platform {
 public:
  Platform(std::string state_file, std::chrono::milliseconds step);

  Status Load();  // from the state file, if any

  // factures
  Answer DeposerFlux(const nlohmann::json& request,
                     const std::string& client_id);
  Answer RechercherFactures(const nlohmann::json& request, bool recipient_side);
  Answer ConsulterFacture(const nlohmann::json& request);
  Answer ConsulterHistorique(const nlohmann::json& request);
  Answer TelechargerGroupe(const nlohmann::json& request);
  // transverses
  Answer ConsulterCR(const nlohmann::json& request, bool detailed);
  // structures (read-only directory, no lock needed)
  static Answer RechercherStructures(const nlohmann::json& request);
  static Answer ConsulterStructure(const nlohmann::json& request);
  static Answer RechercherServices(const nlohmann::json& request);

  // Advances every flow and invoice whose next step is due. Called by the
  // processing thread; the analysis of a flow runs outside the lock.
  void Tick();
  std::chrono::milliseconds step() const { return step_; }

  // Saves now (also done after every change).
  void Save();

 private:
  void SaveLocked();  // mu_ held
  void FinishFlow(const std::string& numero);

  std::string state_file_;
  std::chrono::milliseconds step_;
  std::mutex mu_;
  State state_;
};

}  // namespace chorus::sandbox

#endif  // CHORUS_SRC_SANDBOX_PLATFORM_H_

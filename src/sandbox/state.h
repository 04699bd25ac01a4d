// What the sandbox remembers: deposited flows (with their file), the
// invoices they produced and the counters behind numeroFluxDepot and
// identifiantFactureCPP. Persisted as JSON in --state FILE, rewritten
// atomically after every change so a restart resumes where it stopped.
#ifndef CHORUS_SRC_SANDBOX_STATE_H_
#define CHORUS_SRC_SANDBOX_STATE_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "chorus/util/result.h"

namespace chorus::sandbox {

// Flow states, in the order processing walks them.
inline constexpr const char* kFlowWaiting =
    "IN_DEPOT_PORTAIL_EN_ATTENTE_TRAITEMENT_SE_CPP";
inline constexpr const char* kFlowReceived = "IN_RECU";
inline constexpr const char* kFlowProcessing = "IN_EN_COURS_TRAITEMENT_CPP";
inline constexpr const char* kFlowIntegrated = "IN_INTEGRE";
inline constexpr const char* kFlowPartial = "IN_INTEGRE_PARTIEL";
inline constexpr const char* kFlowRejected = "IN_REJETE";
bool IsFinalFlowState(const std::string& etat);

// Invoice statuses the sandbox walks after integration.
inline constexpr const char* kInvoiceDeposited = "DEPOSEE";
inline constexpr const char* kInvoiceRouting = "EN_COURS_ACHEMINEMENT";
inline constexpr const char* kInvoiceAvailable = "MISE_A_DISPOSITION";

struct TechnicalError {
  std::string code, libelle, nature;
};

struct DpError {  // listeErreurDP
  std::string numero_dp, fournisseur, destinataire, libelle;
};

struct StatusStep {
  std::string code;
  std::int64_t at_ms = 0;
};

struct FlowRecord {
  std::string numero;  // numeroFluxDepot
  std::string nom_fichier, syntaxe;
  std::string client_id;  // the PISTE application that deposited it
  std::int64_t deposited_ms = 0;
  std::string etat;
  std::int64_t etat_ms = 0;
  std::string file;  // the decoded bytes
  std::vector<TechnicalError> tech_errors;
  std::vector<DpError> dp_errors;
  std::vector<std::int64_t> invoice_ids;
  std::int64_t next_step_ms = 0;  // when processing takes the next step
};

struct InvoiceRecord {
  std::int64_t id = 0;  // identifiantFactureCPP
  std::string numero, type_facture, statut, numero_flux;
  std::int64_t deposited_ms = 0;
  std::string date_facture;
  std::string fournisseur_id, fournisseur_nom;
  std::string destinataire_id, destinataire_nom;
  std::int64_t id_structure = 0;
  std::string code_service, numero_ej;
  std::string devise, montant_ht, montant_ttc, montant_a_payer;
  std::vector<StatusStep> history;
  std::int64_t next_step_ms = 0;  // 0 = no further automatic step
};

struct State {
  std::int64_t next_flow = 1557;
  std::int64_t next_invoice = 4100001;
  std::vector<FlowRecord> flows;
  std::vector<InvoiceRecord> invoices;

  FlowRecord* FindFlow(const std::string& numero);
  InvoiceRecord* FindInvoice(std::int64_t id);
};

nlohmann::json StateToJson(const State& state);
Result<State> StateFromJson(const nlohmann::json& json);

// A missing file is an empty state; an unreadable or malformed one an error.
Result<State> LoadState(const std::string& path);
// WriteFileAtomically of StateToJson: a crash never leaves a half-written
// file.
Status SaveState(const std::string& path, const State& state);

}  // namespace chorus::sandbox

#endif  // CHORUS_SRC_SANDBOX_STATE_H_

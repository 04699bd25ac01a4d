#include "sandbox/state.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "chorus/api/base64.h"
#include "chorus/util/files.h"
#include "sandbox/encoding.h"

namespace chorus::sandbox {
namespace {

using nlohmann::json;

json StepsToJson(const std::vector<StatusStep>& steps) {
  json out = json::array();
  for (const auto& s : steps)
    out.push_back({{"code", s.code}, {"at_ms", s.at_ms}});
  return out;
}

json FlowToJson(const FlowRecord& f) {
  json tech = json::array(), dp = json::array();
  for (const auto& e : f.tech_errors) {
    tech.push_back(
        {{"code", e.code}, {"libelle", e.libelle}, {"nature", e.nature}});
  }
  for (const auto& e : f.dp_errors) {
    dp.push_back({{"numero_dp", e.numero_dp},
                  {"fournisseur", e.fournisseur},
                  {"destinataire", e.destinataire},
                  {"libelle", e.libelle}});
  }
  return {{"numero", f.numero},
          {"nom_fichier", f.nom_fichier},
          {"syntaxe", f.syntaxe},
          {"client_id", f.client_id},
          {"deposited_ms", f.deposited_ms},
          {"etat", f.etat},
          {"etat_ms", f.etat_ms},
          {"file_base64", api::Base64Encode(f.file)},
          {"tech_errors", tech},
          {"dp_errors", dp},
          {"invoice_ids", f.invoice_ids},
          {"next_step_ms", f.next_step_ms}};
}

json InvoiceToJson(const InvoiceRecord& i) {
  return {{"id", i.id},
          {"numero", i.numero},
          {"type_facture", i.type_facture},
          {"statut", i.statut},
          {"numero_flux", i.numero_flux},
          {"deposited_ms", i.deposited_ms},
          {"date_facture", i.date_facture},
          {"fournisseur_id", i.fournisseur_id},
          {"fournisseur_nom", i.fournisseur_nom},
          {"destinataire_id", i.destinataire_id},
          {"destinataire_nom", i.destinataire_nom},
          {"id_structure", i.id_structure},
          {"code_service", i.code_service},
          {"numero_ej", i.numero_ej},
          {"devise", i.devise},
          {"montant_ht", i.montant_ht},
          {"montant_ttc", i.montant_ttc},
          {"montant_a_payer", i.montant_a_payer},
          {"history", StepsToJson(i.history)},
          {"next_step_ms", i.next_step_ms}};
}

template <typename T>
void Get(const json& j, const char* key, T* out) {
  auto it = j.find(key);
  if (it != j.end() && !it->is_null()) *out = it->get<T>();
}

FlowRecord FlowFromJson(const json& j) {
  FlowRecord f;
  Get(j, "numero", &f.numero);
  Get(j, "nom_fichier", &f.nom_fichier);
  Get(j, "syntaxe", &f.syntaxe);
  Get(j, "client_id", &f.client_id);
  Get(j, "deposited_ms", &f.deposited_ms);
  Get(j, "etat", &f.etat);
  Get(j, "etat_ms", &f.etat_ms);
  std::string b64;
  Get(j, "file_base64", &b64);
  f.file = api::Base64Decode(b64, /*allow_whitespace=*/false).value_or("");
  for (const auto& e : j.value("tech_errors", json::array())) {
    f.tech_errors.push_back(
        {e.value("code", ""), e.value("libelle", ""), e.value("nature", "")});
  }
  for (const auto& e : j.value("dp_errors", json::array())) {
    f.dp_errors.push_back({e.value("numero_dp", ""), e.value("fournisseur", ""),
                           e.value("destinataire", ""),
                           e.value("libelle", "")});
  }
  Get(j, "invoice_ids", &f.invoice_ids);
  Get(j, "next_step_ms", &f.next_step_ms);
  return f;
}

InvoiceRecord InvoiceFromJson(const json& j) {
  InvoiceRecord i;
  Get(j, "id", &i.id);
  Get(j, "numero", &i.numero);
  Get(j, "type_facture", &i.type_facture);
  Get(j, "statut", &i.statut);
  Get(j, "numero_flux", &i.numero_flux);
  Get(j, "deposited_ms", &i.deposited_ms);
  Get(j, "date_facture", &i.date_facture);
  Get(j, "fournisseur_id", &i.fournisseur_id);
  Get(j, "fournisseur_nom", &i.fournisseur_nom);
  Get(j, "destinataire_id", &i.destinataire_id);
  Get(j, "destinataire_nom", &i.destinataire_nom);
  Get(j, "id_structure", &i.id_structure);
  Get(j, "code_service", &i.code_service);
  Get(j, "numero_ej", &i.numero_ej);
  Get(j, "devise", &i.devise);
  Get(j, "montant_ht", &i.montant_ht);
  Get(j, "montant_ttc", &i.montant_ttc);
  Get(j, "montant_a_payer", &i.montant_a_payer);
  for (const auto& s : j.value("history", json::array())) {
    i.history.push_back(
        {s.value("code", ""), s.value("at_ms", std::int64_t{0})});
  }
  Get(j, "next_step_ms", &i.next_step_ms);
  return i;
}

}  // namespace

bool IsFinalFlowState(const std::string& etat) {
  return etat == kFlowIntegrated || etat == kFlowPartial ||
         etat == kFlowRejected;
}

FlowRecord* State::FindFlow(const std::string& numero) {
  for (auto& f : flows) {
    if (f.numero == numero) return &f;
  }
  return nullptr;
}

InvoiceRecord* State::FindInvoice(std::int64_t id) {
  for (auto& i : invoices) {
    if (i.id == id) return &i;
  }
  return nullptr;
}

json StateToJson(const State& state) {
  json flows = json::array(), invoices = json::array();
  for (const auto& f : state.flows) flows.push_back(FlowToJson(f));
  for (const auto& i : state.invoices) invoices.push_back(InvoiceToJson(i));
  return {{"format", "chorus-sandbox-state"},
          {"version", 1},
          {"next_flow", state.next_flow},
          {"next_invoice", state.next_invoice},
          {"flows", flows},
          {"invoices", invoices}};
}

Result<State> StateFromJson(const json& j) {
  if (!j.is_object() || j.value("format", "") != "chorus-sandbox-state") {
    return MakeError(Error::Kind::kUsage, "not a chorus sandbox state file");
  }
  try {
    State s;
    Get(j, "next_flow", &s.next_flow);
    Get(j, "next_invoice", &s.next_invoice);
    for (const auto& f : j.value("flows", json::array()))
      s.flows.push_back(FlowFromJson(f));
    for (const auto& i : j.value("invoices", json::array())) {
      s.invoices.push_back(InvoiceFromJson(i));
    }
    return s;
  } catch (const json::exception& e) {
    return MakeError(Error::Kind::kUsage,
                     std::string("malformed sandbox state: ") + e.what());
  }
}

Result<State> LoadState(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (!std::filesystem::exists(path)) return State{};
    return MakeError(Error::Kind::kUsage,
                     path + ": cannot read the sandbox state");
  }
  std::stringstream buf;
  buf << in.rdbuf();
  json j = json::parse(buf.str(), nullptr, false);
  if (j.is_discarded()) {
    return MakeError(Error::Kind::kUsage,
                     path + ": the sandbox state is not valid JSON");
  }
  auto state = StateFromJson(j);
  if (!state)
    return MakeError(Error::Kind::kUsage, path + ": " + state.error().message);
  return state;
}

Status SaveState(const std::string& path, const State& state) {
  return WriteFileAtomically(
      path, StateToJson(state).dump(-1, ' ', false,
                                    nlohmann::json::error_handler_t::replace));
}

}  // namespace chorus::sandbox

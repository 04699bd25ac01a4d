// The typed Chorus Pro operations: each builds the documented request body,
// posts it to its documented path and reads the answer.
#include <spdlog/spdlog.h>

#include "answers.h"
#include "chorus/api/base64.h"
#include "chorus/api/chorus_pro.h"
#include "client_impl.h"

namespace chorus::api {
namespace {

using nlohmann::json;

constexpr bool kIdempotent = true;

json SearchBody(const InvoiceSearch& q, const char* paging_member) {
  json body = json::object();
  if (!q.numero_flux_depot.empty())
    body["numeroFluxDepot"] = q.numero_flux_depot;
  if (!q.numero_facture.empty()) body["numeroFacture"] = q.numero_facture;
  if (!q.statuts.empty()) body["statutCourant"] = q.statuts;
  if (!q.date_du.empty()) body["periodeDateDepotDu"] = q.date_du;
  if (!q.date_au.empty()) body["periodeDateDepotAu"] = q.date_au;
  body[paging_member] = {{"nbResultatsParPage", q.per_page},
                         {"pageResultatDemandee", q.page}};
  return body;
}

// Applies `read` to a successful answer; errors pass through.
template <typename F>
auto Then(ApiResult<json> answer, F read)
    -> decltype(read(std::declval<const json&>())) {
  if (!answer) return answer.take_error();
  return read(*answer);
}

}  // namespace

ApiResult<DepositAnswer> ChorusProClient::DeposerFlux(
    const DepositRequest& request) {
  json body = {{"idUtilisateurCourant", 0},
               {"fichierFlux", Base64Encode(request.file_bytes)},
               {"nomFichier", request.file_name},
               {"syntaxeFlux", request.syntaxe_flux},
               {"avecSignature", request.avec_signature}};
  spdlog::debug("deposer/flux: {} ({} bytes, {})", request.file_name,
                request.file_bytes.size(), request.syntaxe_flux);
  // Not idempotent: a second deposit of the same file is a second flow.
  auto answer =
      impl_->Post("/cpro/factures/v1/deposer/flux", body, !kIdempotent);
  return impl_->Scrubbed(Then(std::move(answer), [](const json& a) {
    return internal::ReadDeposit(a);
  }));
}

ApiResult<FlowReport> ChorusProClient::ConsulterCR(
    const std::string& numero_flux_depot) {
  auto answer =
      impl_->Post("/cpro/transverses/v1/consulterCR",
                  {{"numeroFluxDepot", numero_flux_depot}}, kIdempotent);
  return impl_->Scrubbed(Then(std::move(answer), [](const json& a) {
    return internal::ReadFlowReport(a, /*detailed=*/false);
  }));
}

ApiResult<FlowReport> ChorusProClient::ConsulterCRDetaille(
    const std::string& numero_flux_depot) {
  auto answer =
      impl_->Post("/cpro/transverses/v1/consulterCRDetaille",
                  {{"numeroFluxDepot", numero_flux_depot}}, kIdempotent);
  return impl_->Scrubbed(Then(std::move(answer), [](const json& a) {
    return internal::ReadFlowReport(a, /*detailed=*/true);
  }));
}

ApiResult<InvoiceSearchAnswer> ChorusProClient::RechercherFournisseur(
    const InvoiceSearch& q) {
  auto answer =
      impl_->Post("/cpro/factures/v1/rechercher/fournisseur",
                  SearchBody(q, "rechercheFactureParFournisseur"), kIdempotent);
  return impl_->Scrubbed(Then(std::move(answer), [](const json& a) {
    return ApiResult<InvoiceSearchAnswer>(internal::ReadInvoiceSearch(a));
  }));
}

ApiResult<InvoiceSearchAnswer> ChorusProClient::RechercherRecipiendaire(
    const InvoiceSearch& q) {
  // The document names the paging member only for the supplier side; the
  // recipient side follows the same pattern.
  auto answer = impl_->Post("/cpro/factures/v1/rechercher/recipiendaire",
                            SearchBody(q, "rechercheFactureParRecipiendaire"),
                            kIdempotent);
  return impl_->Scrubbed(Then(std::move(answer), [](const json& a) {
    return ApiResult<InvoiceSearchAnswer>(internal::ReadInvoiceSearch(a));
  }));
}

ApiResult<json> ChorusProClient::ConsulterFournisseur(
    std::int64_t id_facture_cpp) {
  return impl_->Scrubbed(impl_->Post(
      "/cpro/factures/v1/consulter/fournisseur",
      {{"identifiantFactureCPP", id_facture_cpp}, {"codeLangue", "FR"}},
      kIdempotent));
}

ApiResult<InvoiceHistory> ChorusProClient::ConsulterHistorique(
    std::int64_t id_facture_cpp) {
  auto answer = impl_->Post("/cpro/factures/v1/consulter/historique",
                            {{"idFacture", id_facture_cpp}}, kIdempotent);
  return impl_->Scrubbed(Then(std::move(answer), [](const json& a) {
    return ApiResult<InvoiceHistory>(internal::ReadHistory(a));
  }));
}

ApiResult<std::string> ChorusProClient::TelechargerGroupe(
    const std::vector<std::int64_t>& ids, const std::string& format,
    bool avec_pieces_jointes) {
  json list = json::array();
  for (std::int64_t id : ids) list.push_back({{"idFacture", id}});
  json body = {{"listeFacture", list},
               {"format", format},
               {"avecPiecesJointesComplementaires",
                avec_pieces_jointes ? "OUI" : "NON"}};
  auto answer =
      impl_->Post("/cpro/factures/v1/telecharger/groupe", body, kIdempotent);
  return impl_->Scrubbed(Then(std::move(answer), [](const json& a) {
    return internal::ReadDownload(a);
  }));
}

ApiResult<std::vector<Structure>> ChorusProClient::RechercherStructure(
    const std::string& siret) {
  json body = {{"structure",
                {{"identifiantStructure", siret},
                 {"typeIdentifiantStructure", "SIRET"}}}};
  auto answer =
      impl_->Post("/cpro/structures/v1/rechercher", body, kIdempotent);
  return impl_->Scrubbed(Then(std::move(answer), [](const json& a) {
    return ApiResult<std::vector<Structure>>(internal::ReadStructures(a));
  }));
}

ApiResult<StructureDetail> ChorusProClient::ConsulterStructure(
    std::int64_t id_structure_cpp) {
  auto answer = impl_->Post(
      "/cpro/structures/v1/consulter",
      {{"idStructure", id_structure_cpp}, {"codeLangue", "FR"}}, kIdempotent);
  return impl_->Scrubbed(
      Then(std::move(answer), [id_structure_cpp](const json& a) {
        return ApiResult<StructureDetail>(
            internal::ReadStructureDetail(a, id_structure_cpp));
      }));
}

ApiResult<std::vector<Service>> ChorusProClient::RechercherServices(
    std::int64_t id_structure_cpp) {
  auto answer = impl_->Post("/cpro/structures/v1/rechercher/services",
                            {{"idStructure", id_structure_cpp}}, kIdempotent);
  return impl_->Scrubbed(Then(std::move(answer), [](const json& a) {
    return ApiResult<std::vector<Service>>(internal::ReadServices(a));
  }));
}

}  // namespace chorus::api

// Flow reports, invoice search/consult/history/download, the inbox and the
// structures directory.
#include <gtest/gtest.h>

#include <regex>
#include <thread>

#include "sandbox/sandbox_fixture.h"

namespace chorus::sandbox::testing {
namespace {

using nlohmann::json;

constexpr const char* kUbl = "IN_DP_E1_UBL_INVOICE";

TEST(SandboxReports, CrAndCrDetailleUseTheirOwnFieldNames) {
  Running sb(FastOptions());
  std::string numero =
      sb.Deposit(Sample("b2g-missing-engagement.ubl.xml"), "PJG.xml", kUbl);
  sb.WaitFinal(numero);
  Reply cr =
      sb.Api("transverses/v1/consulterCR", {{"numeroFluxDepot", numero}});
  ASSERT_EQ(cr.status, 200);
  EXPECT_EQ(cr.body["libelle"], "TRA_MSG_00.000");
  EXPECT_EQ(cr.body["etatCourantFlux"], "IN_REJETE");
  EXPECT_FALSE(cr.body.contains("etatCourantDepotFlux"));
  EXPECT_EQ(cr.body["nomFichierFlux"], "PJG.xml");
  std::string pdf = Unb64(cr.body["fichierCR"].get<std::string>());
  EXPECT_EQ(pdf.rfind("%PDF-", 0), 0u);
  EXPECT_NE(pdf.find("PJG-2026-0057"), std::string::npos);

  Reply detail = sb.Api("transverses/v1/consulterCRDetaille",
                        {{"numeroFluxDepot", numero}});
  EXPECT_EQ(detail.body["etatCourantDepotFlux"], "IN_REJETE");
  EXPECT_FALSE(detail.body.contains("etatCourantFlux"));
  EXPECT_EQ(detail.body["nomFichier"], "PJG.xml");
  EXPECT_TRUE(detail.body["listeErreurTechnique"].is_array());
  EXPECT_EQ(detail.body["listeErreurDP"].size(), 1u);
  EXPECT_TRUE(std::regex_match(
      detail.body["dateHeureEtatCourantFlux"].get<std::string>(),
      std::regex(
          R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2})")))
      << detail.body["dateHeureEtatCourantFlux"];

  Reply unknown =
      sb.Api("transverses/v1/consulterCR", {{"numeroFluxDepot", "CPP0000"}});
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body["codeRetour"], 0);
}

TEST(SandboxInvoices, SearchFiltersAndPages) {
  Running sb(FastOptions());
  std::vector<std::string> flows;
  for (const char* file :
       {"vat-exempt.ubl.xml", "credit-note.ubl.xml", "b2b-mixed-vat.ubl.xml"}) {
    flows.push_back(sb.Deposit(Sample(file), file, kUbl));
    sb.WaitFinal(flows.back());
  }
  json page1 =
      sb.Api("factures/v1/rechercher/fournisseur",
             {{"rechercheFactureParFournisseur",
               {{"nbResultatsParPage", 2}, {"pageResultatDemandee", 1}}}})
          .body;
  EXPECT_EQ(page1["parametresRetour"]["total"], 3);
  EXPECT_EQ(page1["parametresRetour"]["pages"], 2);
  EXPECT_EQ(page1["parametresRetour"]["pageCourante"], 1);
  EXPECT_EQ(page1["listeFactures"].size(), 2u);
  json page2 =
      sb.Api("factures/v1/rechercher/fournisseur",
             {{"rechercheFactureParFournisseur",
               {{"nbResultatsParPage", 2}, {"pageResultatDemandee", 2}}}})
          .body;
  ASSERT_EQ(page2["listeFactures"].size(), 1u);
  EXPECT_NE(page2["listeFactures"][0]["identifiantFactureCPP"],
            page1["listeFactures"][0]["identifiantFactureCPP"]);

  json by_flow = sb.Api("factures/v1/rechercher/fournisseur",
                        {{"numeroFluxDepot", flows[1]}})
                     .body;
  ASSERT_EQ(by_flow["listeFactures"].size(), 1u);
  EXPECT_EQ(by_flow["listeFactures"][0]["numeroFacture"], "EFD-AV-2026-0012");
  EXPECT_EQ(by_flow["listeFactures"][0]["typeFacture"], "AVOIR");
  EXPECT_EQ(by_flow["listeFactures"][0]["numeroFluxDepot"], flows[1]);

  json by_number = sb.Api("factures/v1/rechercher/fournisseur",
                          {{"numeroFacture", "IFCG-2026-0231"}})
                       .body;
  EXPECT_EQ(by_number["parametresRetour"]["total"], 1);
  json none = sb.Api("factures/v1/rechercher/fournisseur",
                     {{"statutCourant", json::array({"MANDATEE"})}})
                  .body;
  EXPECT_EQ(none["parametresRetour"]["total"], 0);
  json future = sb.Api("factures/v1/rechercher/fournisseur",
                       {{"periodeDateDepotDu", "2999-01-01"}})
                    .body;
  EXPECT_EQ(future["parametresRetour"]["total"], 0);
}

TEST(SandboxInvoices, InboxShowsInvoicesAddressedToTheAccountsStructure) {
  Running sb(FastOptions());
  sb.WaitFinal(sb.Deposit(Sample("vat-exempt.ubl.xml"), "other.xml", kUbl));
  std::string to_us = Replace(Sample("b2b-mixed-vat.ubl.xml"), "79043128200017",
                              "11000000100013");
  sb.WaitFinal(sb.Deposit(to_us, "to-us.xml", kUbl));
  json inbox =
      sb.Api("factures/v1/rechercher/recipiendaire", json::object()).body;
  ASSERT_EQ(inbox["listeFactures"].size(), 1u) << inbox.dump();
  EXPECT_EQ(inbox["listeFactures"][0]["numeroFacture"], "EFD-2026-00318");
  EXPECT_EQ(inbox["listeFactures"][0]["identifiantDestinataire"],
            "11000000100013");
  EXPECT_EQ(sb.Api("factures/v1/rechercher/fournisseur", json::object())
                .body["parametresRetour"]["total"],
            2);
}

int64_t OnlyInvoiceId(Running& sb, const std::string& numero) {
  json found = sb.Api("factures/v1/rechercher/fournisseur",
                      {{"numeroFluxDepot", numero}})
                   .body;
  EXPECT_EQ(found["listeFactures"].size(), 1u);
  return found["listeFactures"].empty()
             ? 0
             : found["listeFactures"][0]["identifiantFactureCPP"]
                   .get<int64_t>();
}

TEST(SandboxInvoices, HistoryWalksToMadeAvailable) {
  Running sb(FastOptions());
  std::string numero =
      sb.Deposit(Sample("b2g-service-code.ubl.xml"), "a.xml", kUbl);
  sb.WaitFinal(numero);
  int64_t id = OnlyInvoiceId(sb, numero);
  json history;
  for (int i = 0; i < 100; ++i) {
    history =
        sb.Api("factures/v1/consulter/historique", {{"idFacture", id}}).body;
    if (history["statutCourantCode"] == "MISE_A_DISPOSITION") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(history["statutCourantCode"], "MISE_A_DISPOSITION");
  auto steps = history["historiquesDesStatuts"]["histoStatut"];
  ASSERT_EQ(steps.size(), 3u) << history.dump();
  EXPECT_EQ(steps[0]["histoStatutCode"], "DEPOSEE");
  EXPECT_EQ(steps[2]["histoStatutCode"], "MISE_A_DISPOSITION");
  EXPECT_FALSE(steps[0]["histoStatutDatePassage"].get<std::string>().empty());

  json consult = sb.Api("factures/v1/consulter/fournisseur",
                        {{"identifiantFactureCPP", id}, {"codeLangue", "FR"}})
                     .body;
  EXPECT_EQ(consult["numeroFacture"], "ANR-2026-0142");
  EXPECT_EQ(consult["codeServiceDestinataire"], "SCE-DSI-042");
  EXPECT_EQ(consult["numeroEngagement"], "2100458731");
  EXPECT_EQ(
      sb.Api("factures/v1/consulter/historique", {{"idFacture", 1}}).status,
      400);
}

TEST(SandboxInvoices, DownloadReturnsTheDepositedBytes) {
  Running sb(FastOptions());
  std::string original = Sample("multi-line-allowances.ubl.xml");
  std::string numero = sb.Deposit(original, "m.xml", kUbl);
  sb.WaitFinal(numero);
  int64_t id = OnlyInvoiceId(sb, numero);
  Reply r = sb.Api("factures/v1/telecharger/groupe",
                   {{"listeFacture", json::array({{{"idFacture", id}}})},
                    {"format", "XML"},
                    {"avecPiecesJointesComplementaires", "NON"}});
  ASSERT_EQ(r.status, 200) << r.body.dump();
  EXPECT_EQ(Unb64(r.body["fichierResultat"].get<std::string>()), original);
}

TEST(SandboxStructures, SearchConsultAndServices) {
  Running sb(FastOptions());
  auto find = [&](const std::string& siret) {
    json r = sb.Api("structures/v1/rechercher",
                    {{"structure",
                      {{"identifiantStructure", siret},
                       {"typeIdentifiantStructure", "SIRET"}}}})
                 .body;
    EXPECT_EQ(r["listeStructures"].size(), 1u) << siret;
    return r["listeStructures"].empty() ? json() : r["listeStructures"][0];
  };
  auto params = [&](const json& s) {
    return sb
        .Api("structures/v1/consulter",
             {{"idStructure", s["idStructureCPP"]}, {"codeLangue", "FR"}})
        .body["parametres"];
  };
  json both = find("26690318600010");
  EXPECT_EQ(both["designationStructure"], "Centre Hospitalier de Montvallon");
  EXPECT_EQ(params(both)["codeServiceDoitEtreRenseigne"], true);
  EXPECT_EQ(params(both)["numeroEJDoitEtreRenseigne"], true);
  json ej = find("21330512100013");
  EXPECT_EQ(params(ej)["codeServiceDoitEtreRenseigne"], false);
  EXPECT_EQ(params(ej)["numeroEJDoitEtreRenseigne"], true);
  json b2b = find("79043128200017");
  EXPECT_EQ(params(b2b)["codeServiceDoitEtreRenseigne"], false);
  EXPECT_EQ(params(b2b)["numeroEJDoitEtreRenseigne"], false);

  json services =
      sb.Api("structures/v1/rechercher/services",
             {{"idStructure", find("21750012300013")["idStructureCPP"]}})
          .body;
  ASSERT_EQ(services["listeServices"].size(), 2u);
  int active = 0;
  for (const auto& s : services["listeServices"])
    active += s["estActif"].get<bool>() ? 1 : 0;
  EXPECT_EQ(active, 1);

  json foreign =
      sb.Api("structures/v1/rechercher",
             {{"structure", {{"identifiantStructure", "DE271839409"}}}})
          .body;
  ASSERT_EQ(foreign["listeStructures"].size(), 1u);
  EXPECT_EQ(foreign["listeStructures"][0]["typeIdentifiantStructure"],
            "UE_HORS_FRANCE");
  EXPECT_EQ(
      sb.Api("structures/v1/rechercher",
             {{"structure", {{"identifiantStructure", "99999999999999"}}}})
          .body["listeStructures"]
          .size(),
      0u);
  EXPECT_EQ(sb.Api("structures/v1/consulter", {{"idStructure", 1}}).status,
            400);
}

}  // namespace
}  // namespace chorus::sandbox::testing

// Every typed operation: the documented path, headers and JSON body going
// out, and the answer coming back, unknown fields and states included.
#include <gtest/gtest.h>

#include "chorus/api/base64.h"
#include "client_fixture.h"

namespace chorus::testing {
namespace {

using api::ApiErrorKind;
using nlohmann::json;

class OperationsTest : public ClientTest {
 protected:
  OperationsTest() { ScriptToken(); }
  // The one request sent to `path` (the full documented path).
  api::HttpRequest Sent(const std::string& path) {
    auto sent = http_.RequestsTo(path);
    EXPECT_EQ(sent.size(), 1u) << path;
    if (sent.empty()) return {};
    EXPECT_EQ(sent[0].url, "https://api.example.test" + path);
    EXPECT_EQ(sent[0].method, "POST");
    return sent[0];
  }
  static json Body(const api::HttpRequest& r) { return json::parse(r.body); }
};

TEST_F(OperationsTest, EveryCallCarriesTheThreeDocumentedHeaders) {
  http_.Always("/consulterCR", Success({{"etatCourantFlux", "IN_RECU"}}));
  ASSERT_TRUE(Client().ConsulterCR("CPP1").ok());
  auto r = Sent("/cpro/transverses/v1/consulterCR");
  EXPECT_EQ(RequestHeader(r, "Authorization"), "Bearer access-token-AAA");
  EXPECT_EQ(RequestHeader(r, "Content-Type"), "application/json;charset=utf-8");
  std::string account = RequestHeader(r, "cpro-account");
  EXPECT_EQ(account,
            "VEVDSF8xX2RlbW9AY3Byby5mcjpUZWNoLVBhc3N3b3JkLVZhbHVlLTdx");
  EXPECT_EQ(api::Base64Decode(account).value_or(""),
            "TECH_1_demo@cpro.fr:Tech-Password-Value-7q");
}

TEST_F(OperationsTest, DeposerFlux) {
  http_.Always("/deposer/flux",
               Success({{"numeroFluxDepot", "CPP0011110000000000001557"},
                        {"dateDepot", "2026-11-26"},
                        {"syntaxeFlux", "IN_DP_E1_UBL_INVOICE"},
                        {"champInconnu", "kept"}}));
  std::string bytes = "<Invoice>\x01\xff</Invoice>";
  auto a = Client().DeposerFlux(
      {bytes, "FA-2026-001.xml", "IN_DP_E1_UBL_INVOICE", false});
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_EQ(a->numero_flux_depot, "CPP0011110000000000001557");
  EXPECT_EQ(a->date_depot, "2026-11-26");
  EXPECT_EQ(a->syntaxe_flux, "IN_DP_E1_UBL_INVOICE");
  EXPECT_EQ(a->raw.at("champInconnu"), "kept");
  json body = Body(Sent("/cpro/factures/v1/deposer/flux"));
  EXPECT_EQ(body, (json{{"idUtilisateurCourant", 0},
                        {"fichierFlux", api::Base64Encode(bytes)},
                        {"nomFichier", "FA-2026-001.xml"},
                        {"syntaxeFlux", "IN_DP_E1_UBL_INVOICE"},
                        {"avecSignature", false}}));
  EXPECT_EQ(
      api::Base64Decode(body.at("fichierFlux").get<std::string>()).value_or(""),
      bytes);
}

TEST_F(OperationsTest, DepositAnswerWithoutFlowNumberIsABadAnswer) {
  http_.Always("/deposer/flux", Success());
  auto a = Client().DeposerFlux({"x", "a.xml", "IN_DP_E1_UBL_INVOICE", false});
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error().kind, ApiErrorKind::kBadAnswer);
}

TEST_F(OperationsTest, ConsulterCRDecodesTheReport) {
  http_.Always(
      "/consulterCR",
      Success({{"etatCourantFlux", "IN_INTEGRE"},
               {"dateDepotFlux", "2026-11-26"},
               {"dateHeureEtatCourantFlux", "2026-11-26T10:00:00.000+01:00"},
               {"fichierCR", api::Base64Encode("%PDF-1.4 report")},
               {"nomFichierFlux", "FA-1.xml"}}));
  auto r = Client().ConsulterCR("CPP1");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->etat, "IN_INTEGRE");
  EXPECT_EQ(r->date_depot, "2026-11-26");
  EXPECT_EQ(r->date_heure_etat, "2026-11-26T10:00:00.000+01:00");
  EXPECT_EQ(r->nom_fichier, "FA-1.xml");
  EXPECT_EQ(r->fichier_cr, "%PDF-1.4 report");
  EXPECT_EQ(Body(Sent("/cpro/transverses/v1/consulterCR")),
            (json{{"numeroFluxDepot", "CPP1"}}));
}

TEST_F(OperationsTest, ConsulterCRDetailleKeepsErrorsAndUnknownStates) {
  http_.Always(
      "/consulterCRDetaille",
      Success({{"etatCourantDepotFlux", "IN_ETAT_PAS_ENCORE_DOCUMENTE"},
               {"dateDepotFlux", "2026-11-26"},
               {"dateHeureEtatCourantFlux", "2018-02-16T15:10:25.536+01:00"},
               {"nomFichier", "FA-1.xml"},
               {"codeInterfaceDepotFlux", "FSO1100A"},
               {"listeErreurTechnique",
                {{{"codeErreur", "E1"},
                  {"libelleErreur", "bad"},
                  {"natureErreur", "T"}}}},
               {"listeErreurDP",
                {{{"numeroDP", "FA-1"},
                  {"identifiantFournisseur", "11111111111111"},
                  {"identifiantDestinataire", "22222222222222"},
                  {"libelleErreurDP", "Numéro d'engagement absent"}}}},
               {"nouveauChamp", {{"x", 1}}}}));
  auto r = Client().ConsulterCRDetaille("CPP9");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->etat, "IN_ETAT_PAS_ENCORE_DOCUMENTE");
  EXPECT_EQ(api::FlowOutcomeOf(r->etat), api::FlowOutcome::kPending);
  EXPECT_EQ(r->code_interface, "FSO1100A");
  EXPECT_EQ(r->nom_fichier, "FA-1.xml");
  ASSERT_EQ(r->erreurs_techniques.size(), 1u);
  EXPECT_EQ(r->erreurs_techniques[0].code, "E1");
  EXPECT_EQ(r->erreurs_techniques[0].nature, "T");
  ASSERT_EQ(r->erreurs_dp.size(), 1u);
  EXPECT_EQ(r->erreurs_dp[0].numero_dp, "FA-1");
  EXPECT_EQ(r->erreurs_dp[0].identifiant_destinataire, "22222222222222");
  EXPECT_EQ(r->erreurs_dp[0].libelle, "Numéro d'engagement absent");
  EXPECT_EQ(r->raw.at("nouveauChamp").at("x"), 1);
  EXPECT_EQ(Body(Sent("/cpro/transverses/v1/consulterCRDetaille")),
            (json{{"numeroFluxDepot", "CPP9"}}));
}

TEST_F(OperationsTest, FlowReportWithoutStateIsABadAnswer) {
  http_.Always("/consulterCRDetaille",
               Success({{"dateDepotFlux", "2026-11-26"}}));
  auto r = Client().ConsulterCRDetaille("CPP9");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ApiErrorKind::kBadAnswer);
}

TEST_F(OperationsTest, RechercherFournisseur) {
  http_.Always("/rechercher/fournisseur",
               Success({{"listeFactures",
                         {{{"identifiantFactureCPP", 1001},
                           {"numeroFacture", "FA-1"},
                           {"statut", "STATUT_FUTUR"},
                           {"numeroFluxDepot", "CPP1"},
                           {"dateDepot", "2026-11-26"},
                           {"montantTTC", 120.5}}}},
                        {"parametresRetour",
                         {{"pageCourante", 2},
                          {"pages", 3},
                          {"total", 101},
                          {"nbResultatsParPage", 50}}}}));
  api::InvoiceSearch q;
  q.numero_flux_depot = "CPP1";
  q.statuts = {"DEPOSEE", "REJETEE"};
  q.date_du = "2026-11-01";
  q.date_au = "2026-11-30";
  q.page = 2;
  auto r = Client().RechercherFournisseur(q);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->factures.size(), 1u);
  EXPECT_EQ(r->factures[0].identifiant_facture_cpp, 1001);
  EXPECT_EQ(r->factures[0].statut,
            "STATUT_FUTUR");  // unknown status kept verbatim
  EXPECT_EQ(r->factures[0].raw.at("montantTTC"), 120.5);
  EXPECT_EQ(r->page, 2);
  EXPECT_EQ(r->pages, 3);
  EXPECT_EQ(r->total, 101);
  EXPECT_EQ(r->per_page, 50);
  EXPECT_EQ(
      Body(Sent("/cpro/factures/v1/rechercher/fournisseur")),
      (json{{"numeroFluxDepot", "CPP1"},
            {"statutCourant", {"DEPOSEE", "REJETEE"}},
            {"periodeDateDepotDu", "2026-11-01"},
            {"periodeDateDepotAu", "2026-11-30"},
            {"rechercheFactureParFournisseur",
             {{"nbResultatsParPage", 50}, {"pageResultatDemandee", 2}}}}));
}

TEST_F(OperationsTest,
       RechercherRecipiendaireAcceptsALoneObjectAndTextNumbers) {
  http_.Always("/rechercher/recipiendaire",
               Success({{"listeFactures",
                         {{"identifiantFactureCPP", "2002"},
                          {"statut", "MISE_A_DISPOSITION"}}}}));
  api::InvoiceSearch q;
  q.numero_facture = "FA-9";
  auto r = Client().RechercherRecipiendaire(q);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->factures.size(), 1u);
  EXPECT_EQ(r->factures[0].identifiant_facture_cpp, 2002);
  EXPECT_EQ(
      Body(Sent("/cpro/factures/v1/rechercher/recipiendaire")),
      (json{{"numeroFacture", "FA-9"},
            {"rechercheFactureParRecipiendaire",
             {{"nbResultatsParPage", 50}, {"pageResultatDemandee", 1}}}}));
}

TEST_F(OperationsTest, ConsulterFournisseurReturnsTheWholeAnswer) {
  http_.Always("/consulter/fournisseur",
               Success({{"facture", {{"numeroFacture", "FA-1"}}}}));
  auto r = Client().ConsulterFournisseur(1001);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->at("facture").at("numeroFacture"), "FA-1");
  EXPECT_EQ(Body(Sent("/cpro/factures/v1/consulter/fournisseur")),
            (json{{"identifiantFactureCPP", 1001}, {"codeLangue", "FR"}}));
}

TEST_F(OperationsTest, ConsulterHistorique) {
  http_.Always("/consulter/historique",
               Success({{"statutCourantCode", "MISE_A_DISPOSITION"},
                        {"historiquesDesStatuts",
                         {{"histoStatut",
                           {{{"histoStatutCode", "DEPOSEE"},
                             {"histoStatutDatePassage", "2026-11-26"}},
                            {{"histoStatutCode", "MISE_A_DISPOSITION"},
                             {"histoStatutDatePassage", "2026-11-27"}}}}}}}));
  auto r = Client().ConsulterHistorique(1001);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->statut_courant, "MISE_A_DISPOSITION");
  ASSERT_EQ(r->entries.size(), 2u);
  EXPECT_EQ(r->entries[0].code, "DEPOSEE");
  EXPECT_EQ(r->entries[1].date, "2026-11-27");
  EXPECT_EQ(Body(Sent("/cpro/factures/v1/consulter/historique")),
            (json{{"idFacture", 1001}}));
}

TEST_F(OperationsTest, TelechargerGroupe) {
  http_.Always(
      "/telecharger/groupe",
      Success({{"fichierResultat", api::Base64Encode("PK\x03\x04zip")}}));
  auto r = Client().TelechargerGroupe({1001, 1002}, "PDF", true);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(*r, "PK\x03\x04zip");
  EXPECT_EQ(
      Body(Sent("/cpro/factures/v1/telecharger/groupe")),
      (json{{"listeFacture", {{{"idFacture", 1001}}, {{"idFacture", 1002}}}},
            {"format", "PDF"},
            {"avecPiecesJointesComplementaires", "OUI"}}));
}

TEST_F(OperationsTest, DownloadThatIsNotBase64IsABadAnswer) {
  http_.Always("/telecharger/groupe", Success({{"fichierResultat", "%%%"}}));
  auto r = Client().TelechargerGroupe({1}, "XML", false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ApiErrorKind::kBadAnswer);
}

TEST_F(OperationsTest, RechercherStructure) {
  http_.Always("/structures/v1/rechercher",
               Success({{"listeStructures",
                         {{{"idStructureCPP", 26300989},
                           {"identifiantStructure", "11000201100044"},
                           {"designationStructure", "Ministère"},
                           {"statut", "ACTIF"}}}}}));
  auto r = Client().RechercherStructure("11000201100044");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].id_structure_cpp, 26300989);
  EXPECT_EQ((*r)[0].designation, "Ministère");
  EXPECT_EQ((*r)[0].statut, "ACTIF");
  EXPECT_EQ(Body(Sent("/cpro/structures/v1/rechercher")),
            (json{{"structure",
                   {{"identifiantStructure", "11000201100044"},
                    {"typeIdentifiantStructure", "SIRET"}}}}));
}

TEST_F(OperationsTest, ConsulterStructure) {
  http_.Always("/structures/v1/consulter",
               Success({{"parametres",
                         {{"codeServiceDoitEtreRenseigne", true},
                          {"numeroEJDoitEtreRenseigne", "false"},
                          {"gestionNumeroEJOuCodeService", "OUI"},
                          {"autreParametre", 3}}}}));
  auto r = Client().ConsulterStructure(26300989);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->id_structure_cpp, 26300989);
  EXPECT_TRUE(r->service_code_required);
  EXPECT_FALSE(r->engagement_required);
  EXPECT_TRUE(r->engagement_or_service);
  EXPECT_EQ(r->raw.at("parametres").at("autreParametre"), 3);
  EXPECT_EQ(Body(Sent("/cpro/structures/v1/consulter")),
            (json{{"idStructure", 26300989}, {"codeLangue", "FR"}}));
}

TEST_F(OperationsTest, RechercherServices) {
  http_.Always("/rechercher/services", Success({{"listeServices",
                                                 {{{"idService", 5},
                                                   {"codeService", "SERV1"},
                                                   {"libelleService", "Achats"},
                                                   {"estActif", true}},
                                                  {{"idService", 6},
                                                   {"codeService", "OLD"},
                                                   {"estActif", false}}}}}));
  auto r = Client().RechercherServices(26300989);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].code, "SERV1");
  EXPECT_EQ((*r)[0].libelle, "Achats");
  EXPECT_TRUE((*r)[0].actif);
  EXPECT_FALSE((*r)[1].actif);
  EXPECT_EQ(Body(Sent("/cpro/structures/v1/rechercher/services")),
            (json{{"idStructure", 26300989}}));
}

TEST_F(OperationsTest, CodeRetourNotZeroIsAFunctionalErrorWithItsLibelle) {
  http_.Push("/deposer/flux", JsonAnswer(400, {{"codeRetour", 11},
                                               {"libelle", "GDP_MSG_11.022"}}));
  http_.Push("/consulterCR", JsonAnswer(200, {{"codeRetour", "3"},
                                              {"libelle", "TRA_MSG_00.003"}}));
  auto d = Client().DeposerFlux({"x", "a.xml", "IN_DP_E1_UBL_INVOICE", false});
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().kind, ApiErrorKind::kFunctional);
  EXPECT_EQ(d.error().code_retour, 11);
  EXPECT_EQ(d.error().libelle, "GDP_MSG_11.022");
  EXPECT_EQ(d.error().http_status, 400);
  EXPECT_NE(d.error().message.find("GDP_MSG_11.022"), std::string::npos);
  EXPECT_EQ(d.error().ToError().kind, Error::Kind::kInvalidInput);
  auto c = Client().ConsulterCR("CPP1");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().kind, ApiErrorKind::kFunctional);
  EXPECT_EQ(c.error().code_retour, 3);
}

TEST_F(OperationsTest, Forbidden403NamesTheApiNotSubscribed) {
  http_.Always("/deposer/flux", JsonAnswer(403, {}));
  http_.Always("/structures/v1/rechercher", JsonAnswer(403, {}));
  auto d = Client().DeposerFlux({"x", "a.xml", "IN_DP_E1_UBL_INVOICE", false});
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().kind, ApiErrorKind::kNotSubscribed);
  EXPECT_NE(d.error().message.find(
                "the PISTE application is not subscribed to the Factures API"),
            std::string::npos)
      << d.error().message;
  auto s = Client().RechercherStructure("1");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("Structures API"), std::string::npos)
      << s.error().message;
  EXPECT_EQ(http_.RequestsTo("/deposer/flux").size(),
            1u);  // a 403 is not retried
}

TEST_F(OperationsTest, NotFoundAndNonJsonAnswers) {
  http_.Push("/consulterCR", api::HttpResponse{404, {}, "Not Found"});
  http_.Push("/consulterCR",
             api::HttpResponse{200, {}, "<html>maintenance</html>"});
  http_.Push("/consulterCR", api::HttpResponse{418, {}, "teapot"});
  auto a = Client().ConsulterCR("1");
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error().kind, ApiErrorKind::kNotFound);
  auto b = Client().ConsulterCR("1");
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error().kind, ApiErrorKind::kBadAnswer);
  EXPECT_NE(b.error().message.find("maintenance"), std::string::npos);
  auto c = Client().ConsulterCR("1");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().kind, ApiErrorKind::kBadAnswer);
  EXPECT_EQ(c.error().http_status, 418);
}

TEST_F(OperationsTest, RawCallNormalisesThePathAndIsSentAtMostOnce) {
  http_.Push("/cpro/utilisateurs/v1/monCompte",
             TransportFailed(api::TransportFailure::kSentNoAnswer));
  http_.Push("/cpro/utilisateurs/v1/monCompte", Success({{"x", 1}}));
  auto lost = Client().Call("utilisateurs/v1/monCompte", json::object());
  ASSERT_FALSE(lost.ok());
  EXPECT_EQ(lost.error().kind, ApiErrorKind::kUnknownOutcome);
  auto r = Client().Call("/utilisateurs/v1/monCompte", {{"a", 1}});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->at("x"), 1);
  auto sent = http_.RequestsTo("/cpro/utilisateurs/v1/monCompte");
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[1].url,
            "https://api.example.test/cpro/utilisateurs/v1/monCompte");
  EXPECT_EQ(sent[1].body, R"({"a":1})");
}

TEST_F(OperationsTest, TechnicalAccountMissingFailsBeforeSending) {
  creds_.tech_login.clear();
  auto r = Client().RechercherStructure("1");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ApiErrorKind::kUnauthorized);
  EXPECT_NE(r.error().message.find("technical account"), std::string::npos);
  EXPECT_TRUE(http_.requests().empty());
}

}  // namespace
}  // namespace chorus::testing

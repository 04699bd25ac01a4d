// deposer/flux checks and the asynchronous processing to a final state.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <regex>

#include "chorus/facturx/facturx.h"
#include "chorus/model/compute.h"
#include "chorus/model/json.h"
#include "sandbox/sandbox_fixture.h"
#include "support/facturx_samples.h"
#include "support/test_env.h"

namespace chorus::sandbox::testing {
namespace {

using nlohmann::json;

constexpr const char* kUbl = "IN_DP_E1_UBL_INVOICE";
constexpr const char* kCii = "IN_DP_E1_CII_16B";

json DepositBody(const std::string& b64, const std::string& name,
                 const std::string& syntaxe) {
  return {{"idUtilisateurCourant", 0},
          {"fichierFlux", b64},
          {"nomFichier", name},
          {"syntaxeFlux", syntaxe},
          {"avecSignature", false}};
}

void ExpectRefused(const Reply& r, const std::string& fragment) {
  EXPECT_EQ(r.status, 400) << r.body.dump();
  EXPECT_NE(r.body.value("codeRetour", 0), 0) << r.body.dump();
  EXPECT_NE(r.body.value("libelle", "").find(fragment), std::string::npos)
      << r.body.dump();
}

TEST(SandboxDeposit, AnswersFlowNumberDateAndSyntax) {
  Running sb(FastOptions());
  Reply r =
      sb.Api("factures/v1/deposer/flux",
             DepositBody(B64(Sample("vat-exempt.ubl.xml")), "FA-1.xml", kUbl));
  ASSERT_EQ(r.status, 200) << r.body.dump();
  EXPECT_EQ(r.body["codeRetour"], 0);
  EXPECT_EQ(r.body["libelle"], "GCU_MSG_01_000");
  EXPECT_EQ(r.body["syntaxeFlux"], kUbl);
  std::string first = r.body["numeroFluxDepot"];
  EXPECT_TRUE(std::regex_match(first, std::regex("CPP[0-9]{22}"))) << first;
  EXPECT_TRUE(std::regex_match(r.body["dateDepot"].get<std::string>(),
                               std::regex("[0-9]{4}-[0-9]{2}-[0-9]{2}")));
  std::string second =
      sb.Deposit(Sample("vat-exempt.ubl.xml"), "FA-2.xml", kUbl);
  EXPECT_GT(second, first);  // same width: increasing as strings too
}

TEST(SandboxDeposit, RefusesBadRequests) {
  Running sb(FastOptions());
  const std::string ok = B64(Sample("vat-exempt.ubl.xml"));
  ExpectRefused(sb.Api("factures/v1/deposer/flux",
                       DepositBody("not base64!", "a.xml", kUbl)),
                "base64");
  ExpectRefused(
      sb.Api("factures/v1/deposer/flux", DepositBody(ok + "=", "a.xml", kUbl)),
      "base64");
  ExpectRefused(sb.Api("factures/v1/deposer/flux",
                       DepositBody(ok, "a.xml", "IN_DP_E9_WHAT")),
                "syntaxeFlux");
  ExpectRefused(sb.Api("factures/v1/deposer/flux", DepositBody(ok, "", kUbl)),
                "nomFichier");
  ExpectRefused(
      sb.Api("factures/v1/deposer/flux", DepositBody(ok, "../a.xml", kUbl)),
      "nomFichier");
  ExpectRefused(
      sb.Api("factures/v1/deposer/flux", DepositBody(ok, "dir\\a.xml", kUbl)),
      "nomFichier");
  ExpectRefused(
      sb.Api("factures/v1/deposer/flux", DepositBody(ok, "a.pdf", kUbl)),
      "extension");
  ExpectRefused(sb.Api("factures/v1/deposer/flux",
                       DepositBody(ok, "a.xml", "IN_DP_E2_CII_FACTURX")),
                "extension");
  // Built by hand: a 14 MB json::dump() costs seconds in a debug build.
  std::string big = "{\"nomFichier\":\"big.xml\",\"syntaxeFlux\":\"" +
                    std::string(kUbl) + "\",\"fichierFlux\":\"" +
                    B64(std::string(10 * 1024 * 1024 + 1, 'x')) + "\"}";
  std::string token = sb.Token().body["access_token"];
  ExpectRefused(
      sb.Raw("POST", "factures/v1/deposer/flux", token, Account(), big),
      "GDP_MSG_11.022");
  // Nothing refused was recorded.
  Reply search = sb.Api("factures/v1/rechercher/fournisseur", json::object());
  EXPECT_EQ(search.body["parametresRetour"]["total"], 0);
}

TEST(SandboxProcessing, WalksStatesToIntegrated) {
  SandboxOptions o = FastOptions();
  o.processing_step = std::chrono::milliseconds(150);
  Running sb(o);
  std::string numero =
      sb.Deposit(Sample("b2g-service-code.ubl.xml"), "ANR.xml", kUbl);
  Reply early = sb.Api("transverses/v1/consulterCRDetaille",
                       {{"numeroFluxDepot", numero}});
  EXPECT_EQ(early.body["etatCourantDepotFlux"],
            "IN_DEPOT_PORTAIL_EN_ATTENTE_TRAITEMENT_SE_CPP");
  json final_report = sb.WaitFinal(numero);
  EXPECT_EQ(final_report["etatCourantDepotFlux"], "IN_INTEGRE");
  EXPECT_TRUE(final_report["listeErreurDP"].empty());
  EXPECT_TRUE(final_report["listeErreurTechnique"].empty());
}

TEST(SandboxProcessing, EverySampleBuyerRoutes) {
  Running sb(FastOptions());
  for (const char* name :
       {"b2b-mixed-vat", "credit-note", "intra-eu-reverse-charge",
        "multi-line-allowances", "vat-exempt", "b2g-service-code"}) {
    for (const char* syntax : {"ubl", "cii"}) {
      std::string file = std::string(name) + "." + syntax + ".xml";
      std::string numero = sb.Deposit(
          Sample(file), file, syntax == std::string("ubl") ? kUbl : kCii);
      json report = sb.WaitFinal(numero);
      EXPECT_EQ(report["etatCourantDepotFlux"], "IN_INTEGRE")
          << file << ": " << report.dump();
    }
  }
}

TEST(SandboxProcessing, FacturXPdfIsReadThroughItsEmbeddedCii) {
  Running sb(FastOptions());
  auto inv = InvoiceFromJson(
      chorus::testing::ReadFile(chorus::testing::SourceDir() / "samples" /
                                "b2g-service-code.json"),
      "b2g-service-code.json");
  ASSERT_TRUE(inv.ok()) << inv.error().message;
  ASSERT_TRUE(Compute(*inv).ok());
  auto pdf = facturx::CreateFromInvoice(*inv);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  json report =
      sb.WaitFinal(sb.Deposit(pdf->pdf, "FX-1.pdf", "IN_DP_E2_CII_FACTURX"));
  EXPECT_EQ(report["etatCourantDepotFlux"], "IN_INTEGRE") << report.dump();
  // The same invoice as plain CII deposited as Factur-X is refused.
  json wrong = sb.WaitFinal(sb.Deposit(Sample("b2g-service-code.cii.xml"),
                                       "FX-2.pdf", "IN_DP_E2_CII_FACTURX"));
  EXPECT_EQ(wrong["etatCourantDepotFlux"], "IN_REJETE") << wrong.dump();
}

json RejectedDp(Running& sb, const std::string& xml,
                const std::string& syntaxe = kUbl) {
  json report = sb.WaitFinal(sb.Deposit(xml, "f.xml", syntaxe));
  EXPECT_EQ(report["etatCourantDepotFlux"], "IN_REJETE") << report.dump();
  if (report["listeErreurDP"].size() != 1) {
    ADD_FAILURE() << report.dump();
    return json::object();
  }
  return report["listeErreurDP"][0];
}

TEST(SandboxProcessing, MissingEngagementNumberIsRejected) {
  Running sb(FastOptions());
  for (const char* file :
       {"b2g-missing-engagement.ubl.xml", "b2g-missing-engagement.cii.xml"}) {
    json dp = RejectedDp(
        sb, Sample(file),
        std::string(file).find("ubl") != std::string::npos ? kUbl : kCii);
    EXPECT_EQ(dp["numeroDP"], "PJG-2026-0057");
    EXPECT_EQ(dp["identifiantFournisseur"], "53167284800011");
    EXPECT_EQ(dp["identifiantDestinataire"], "21330512100013");
    EXPECT_NE(dp["libelleErreurDP"].get<std::string>().find("BT-13"),
              std::string::npos);
  }
}

TEST(SandboxProcessing, MissingOrInactiveServiceCodeIsRejected) {
  Running sb(FastOptions());
  std::string xml = Sample("b2g-service-code.ubl.xml");
  json missing = RejectedDp(
      sb,
      Replace(xml, "<cbc:BuyerReference>SCE-DSI-042</cbc:BuyerReference>", ""));
  EXPECT_EQ(missing["numeroDP"], "ANR-2026-0142");
  EXPECT_NE(missing["libelleErreurDP"].get<std::string>().find("BT-10"),
            std::string::npos);

  json unknown = RejectedDp(sb, Replace(xml, "SCE-DSI-042", "SCE-NOPE"));
  EXPECT_NE(unknown["libelleErreurDP"].get<std::string>().find("SCE-NOPE"),
            std::string::npos);

  // The service-code-only structure with a closed service.
  std::string univ = Replace(Replace(xml, "26690318600010", "21750012300013"),
                             "SCE-DSI-042", "UNIV-ANCIEN");
  json inactive = RejectedDp(sb, univ);
  EXPECT_NE(inactive["libelleErreurDP"].get<std::string>().find("inactif"),
            std::string::npos);
  json active = sb.WaitFinal(
      sb.Deposit(Replace(univ, "UNIV-ANCIEN", "UNIV-COMPTA"), "u.xml", kUbl));
  EXPECT_EQ(active["etatCourantDepotFlux"], "IN_INTEGRE") << active.dump();
}

TEST(SandboxProcessing, UnknownOrInactiveRecipientIsRejected) {
  Running sb(FastOptions());
  std::string xml = Sample("vat-exempt.ubl.xml");
  json unknown =
      RejectedDp(sb, Replace(xml, "38820461200013", "40483304800022"));
  EXPECT_EQ(unknown["identifiantDestinataire"], "40483304800022");
  EXPECT_NE(unknown["libelleErreurDP"].get<std::string>().find("inconnu"),
            std::string::npos);
  json inactive =
      RejectedDp(sb, Replace(xml, "38820461200013", "25940123400010"));
  EXPECT_NE(inactive["libelleErreurDP"].get<std::string>().find("inactif"),
            std::string::npos);
}

TEST(SandboxProcessing, UnreadableOrMislabelledFileGetsTechnicalError) {
  Running sb(FastOptions());
  json garbage = sb.WaitFinal(sb.Deposit("this is not XML", "g.xml", kUbl));
  EXPECT_EQ(garbage["etatCourantDepotFlux"], "IN_REJETE");
  ASSERT_EQ(garbage["listeErreurTechnique"].size(), 1u) << garbage.dump();
  EXPECT_FALSE(garbage["listeErreurTechnique"][0]["codeErreur"]
                   .get<std::string>()
                   .empty());
  EXPECT_FALSE(garbage["listeErreurTechnique"][0]["natureErreur"]
                   .get<std::string>()
                   .empty());
  json mislabelled =
      sb.WaitFinal(sb.Deposit(Sample("vat-exempt.cii.xml"), "c.xml", kUbl));
  EXPECT_EQ(mislabelled["etatCourantDepotFlux"], "IN_REJETE");
  ASSERT_EQ(mislabelled["listeErreurTechnique"].size(), 1u);
  EXPECT_NE(mislabelled["listeErreurTechnique"][0]["libelleErreur"]
                .get<std::string>()
                .find("cii"),
            std::string::npos);
  json facturx =
      sb.WaitFinal(sb.Deposit("%PDF-1.7 ...", "f.pdf", "IN_DP_E2_CII_FACTURX"));
  EXPECT_EQ(facturx["etatCourantDepotFlux"], "IN_REJETE");
  EXPECT_EQ(facturx["listeErreurTechnique"].size(), 1u);
}

TEST(SandboxProcessing, RuleViolationIsRejectedWithRuleId) {
  Running sb(FastOptions());
  // A wrong payable amount breaks the EN 16931 total rules.
  std::string xml = Sample("vat-exempt.ubl.xml");
  std::size_t at = xml.find("<cbc:PayableAmount");
  ASSERT_NE(at, std::string::npos);
  std::size_t gt = xml.find('>', at), end = xml.find('<', gt);
  xml.replace(gt + 1, end - gt - 1, "1.00");
  json dp = RejectedDp(sb, xml);
  EXPECT_NE(dp["libelleErreurDP"].get<std::string>().find("BR-"),
            std::string::npos)
      << dp.dump();
}

}  // namespace
}  // namespace chorus::sandbox::testing

namespace chorus::sandbox::testing {
namespace {

// A .tar.gz of `files` made by the system tar.
std::string TarGz(
    const std::vector<std::pair<std::string, std::string>>& files) {
  auto dir = chorus::testing::TempDir();
  std::string names;
  for (const auto& [name, bytes] : files) {
    std::ofstream(dir / name, std::ios::binary) << bytes;
    names += " " + name;
  }
  std::string cmd = "tar -czf " + (dir / "flow.tar.gz").string() + " -C " +
                    dir.string() + names;
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  return chorus::testing::ReadFile(dir / "flow.tar.gz");
}

TEST(SandboxProcessing, MultiInvoiceFlowCanBePartiallyIntegrated) {
  Running sb(FastOptions());
  std::string archive =
      TarGz({{"a.xml", Sample("vat-exempt.ubl.xml")},
             {"b.xml", Sample("b2g-missing-engagement.ubl.xml")},
             {"c.xml", "not xml at all"}});
  std::string numero = sb.Deposit(archive, "lot.tar.gz", kUbl);
  nlohmann::json report = sb.WaitFinal(numero);
  EXPECT_EQ(report["etatCourantDepotFlux"], "IN_INTEGRE_PARTIEL")
      << report.dump();
  ASSERT_EQ(report["listeErreurDP"].size(), 2u);
  EXPECT_EQ(report["listeErreurDP"][0]["numeroDP"], "PJG-2026-0057");
  EXPECT_EQ(report["listeErreurDP"][1]["numeroDP"], "c.xml");
  nlohmann::json found = sb.Api("factures/v1/rechercher/fournisseur",
                                {{"numeroFluxDepot", numero}})
                             .body;
  ASSERT_EQ(found["listeFactures"].size(), 1u);
  EXPECT_EQ(found["listeFactures"][0]["numeroFacture"], "IFCG-2026-0231");

  std::string all_bad =
      TarGz({{"x.xml", Sample("b2g-missing-engagement.ubl.xml")}});
  EXPECT_EQ(
      sb.WaitFinal(sb.Deposit(all_bad, "x.tgz", kUbl))["etatCourantDepotFlux"],
      "IN_REJETE");
  nlohmann::json broken =
      sb.WaitFinal(sb.Deposit("not gzip", "y.tar.gz", kUbl));
  EXPECT_EQ(broken["etatCourantDepotFlux"], "IN_REJETE");
  EXPECT_EQ(broken["listeErreurTechnique"].size(), 1u);
}

}  // namespace
}  // namespace chorus::sandbox::testing

namespace chorus::sandbox::testing {
namespace {

// The processing runs the rule sets `chorus validate` runs: a BASIC WL is
// held to its profile's rules, not to EN 16931 (it is no complete invoice).
TEST(SandboxProcessing, FacturXBasicWlGetsItsProfileRulesOnly) {
  Running sb(FastOptions());
  std::string xml = chorus::testing::BasicWlXmlForSandbox();
  json ok = sb.WaitFinal(sb.Deposit(chorus::testing::FacturXPdfOf(xml),
                                    "WL.pdf", "IN_DP_E2_CII_FACTURX"));
  EXPECT_EQ(ok["etatCourantDepotFlux"], "IN_INTEGRE") << ok.dump();
  chorus::testing::ReplaceOnce(
      xml, "<ram:TaxBasisTotalAmount>100.00</ram:TaxBasisTotalAmount>",
      "<ram:TaxBasisTotalAmount>100.01</ram:TaxBasisTotalAmount>");
  json dp = RejectedDp(sb, xml, kCii);
  EXPECT_NE(dp.dump().find("BR-CO-13"), std::string::npos) << dp.dump();
}

}  // namespace
}  // namespace chorus::sandbox::testing

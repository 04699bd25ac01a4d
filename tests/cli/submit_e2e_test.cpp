// The main job end to end: the real chorus binary against the real sandbox
// over loopback HTTPS with a client certificate. Submit every sample, follow
// the flows, look invoices up, and never deposit a file twice.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "cli/e2e_support.h"
#include "support/facturx_samples.h"

namespace chorus::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;

bool IsMissingEngagement(const std::string& path) {
  return path.find("b2g-missing-engagement") != std::string::npos;
}

TEST(SubmitE2e, EverySampleIntegratedExceptTheOneMissingAnEngagementNumber) {
  SandboxProcess sandbox;
  ASSERT_TRUE(sandbox.ok());
  auto env = sandbox.Env();
  std::vector<std::string> args = {"submit",    "--wait", "--interval", "100ms",
                                   "--timeout", "20s",    "--format",   "json"};
  auto samples = GeneratedSamples();
  ASSERT_GE(samples.size(), 10u);
  for (const auto& s : samples) args.push_back(s.string());

  auto r = RunChorus(args, env);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;  // the refused ones
  json j = JsonOut(r);
  ASSERT_EQ(j["results"].size(), samples.size()) << r.out;
  std::vector<std::string> flows;
  for (const auto& res : j["results"]) {
    std::string file = res["file"];
    if (IsMissingEngagement(file)) {
      EXPECT_EQ(res["result"], "refused") << file;
      EXPECT_EQ(res["flow"], "") << file;
      EXPECT_THAT(res["details"].dump(), HasSubstr("BT-13")) << file;
      EXPECT_THAT(res["details"].dump(), HasSubstr("21330512100013")) << file;
      EXPECT_EQ(res["exit_code"], 1);
    } else {
      EXPECT_EQ(res["result"], "deposited") << file << "\n" << res.dump(2);
      EXPECT_THAT(res["flow"].get<std::string>(), ::testing::StartsWith("CPP"))
          << file;
      EXPECT_EQ(res["status"]["state"], "IN_INTEGRE") << file << "\n"
                                                      << res.dump(2);
      EXPECT_EQ(res["syntaxe"], file.find(".ubl.") != std::string::npos
                                    ? "IN_DP_E1_UBL_INVOICE"
                                    : "IN_DP_E1_CII_16B");
      flows.push_back(res["flow"]);
    }
  }
  ASSERT_EQ(flows.size(), samples.size() - 2);

  // status: every flow integrated -> exit 0, text names the state.
  std::vector<std::string> status_args = {"status"};
  status_args.insert(status_args.end(), flows.begin(), flows.end());
  auto st = RunChorus(status_args, env);
  EXPECT_EQ(st.exit_code, 0) << st.out << st.err;
  EXPECT_THAT(st.out, HasSubstr("IN_INTEGRE"));
  EXPECT_THAT(st.out, HasSubstr(flows.front()));

  // The journal: a second run deposits nothing again.
  args.erase(args.begin() + 1, args.begin() + 6);  // no --wait
  auto again = RunChorus(args, env);
  EXPECT_EQ(again.exit_code, 1) << again.out << again.err;
  json ja = JsonOut(again);
  for (const auto& res : ja["results"]) {
    if (IsMissingEngagement(res["file"])) continue;
    EXPECT_EQ(res["result"], "already-deposited") << res.dump();
    EXPECT_NE(
        std::find(flows.begin(), flows.end(), res["flow"].get<std::string>()),
        flows.end());
  }
  auto search = RunChorus(
      {"invoices", "search", "--per-page", "100", "--format", "json"}, env);
  ASSERT_EQ(search.exit_code, 0) << search.err;
  EXPECT_EQ(JsonOut(search)["total"], static_cast<int>(flows.size()));
}

TEST(SubmitE2e, WithoutTheLookupCheckThePlatformRejectsIt) {
  SandboxProcess sandbox;
  ASSERT_TRUE(sandbox.ok());
  auto env = sandbox.Env();
  fs::path file =
      SourceDir() / "samples/generated/b2g-missing-engagement.ubl.xml";
  auto refused = RunChorus({"submit", file.string()}, env);
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  EXPECT_THAT(refused.out, HasSubstr("refused"));
  EXPECT_THAT(refused.out, HasSubstr("engagement number"));

  auto r = RunChorus(
      {"submit", "--no-lookup-check", "--format", "json", file.string()}, env);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  std::string flow = JsonOut(r)["results"][0]["flow"];
  auto st = RunChorus(
      {"status", flow, "--wait", "--interval", "100ms", "--timeout", "20s"},
      env);
  EXPECT_EQ(st.exit_code, 1) << st.out << st.err;
  EXPECT_THAT(st.out, HasSubstr("IN_REJETE"));
  EXPECT_THAT(st.out, HasSubstr("PJG-2026-0057"));
  EXPECT_THAT(st.out, HasSubstr("BT-13"));
  auto js = RunChorus({"status", flow, "--format", "json"}, env);
  json flow_json = JsonOut(js)["flows"][0];
  EXPECT_EQ(flow_json["outcome"], "rejected");
  ASSERT_EQ(flow_json["rejected_invoices"].size(), 1u);
  EXPECT_EQ(flow_json["rejected_invoices"][0]["invoice"], "PJG-2026-0057");
  EXPECT_EQ(flow_json["raw"]["etatCourantDepotFlux"], "IN_REJETE");
}

TEST(SubmitE2e, FacturXPdfGoesAsFacturXAndIntegrates) {
  SandboxProcess sandbox;
  ASSERT_TRUE(sandbox.ok());
  auto env = sandbox.Env();
  fs::path pdf = TempDir() / "FX-b2g.pdf";
  auto built =
      RunChorus({"build", "--compute", "--to", "facturx", "-o", pdf.string(),
                 (SourceDir() / "samples/b2g-service-code.json").string()});
  ASSERT_EQ(built.exit_code, 0) << built.out << built.err;
  auto r = RunChorus({"submit", "--wait", "--interval", "100ms", "--format",
                      "json", pdf.string()},
                     env);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("IN_DP_E2_CII_FACTURX"));
  EXPECT_THAT(r.out, HasSubstr("IN_INTEGRE"));
}

TEST(SubmitE2e, InvalidInvoicesAreNotDeposited) {
  SandboxProcess sandbox;
  ASSERT_TRUE(sandbox.ok());
  auto env = sandbox.Env();
  std::string xml =
      ReadFile(SourceDir() / "samples/generated/vat-exempt.ubl.xml");
  // Break BR-CO-15 (invoice total with VAT = without VAT + VAT).
  auto at = xml.find("<cbc:TaxInclusiveAmount");
  ASSERT_NE(at, std::string::npos);
  auto gt = xml.find('>', at);
  xml.replace(gt + 1, xml.find('<', gt) - gt - 1, "999999.99");
  fs::path bad = TempDir() / "bad.xml";
  std::ofstream(bad) << xml;
  auto r = RunChorus({"submit", bad.string()}, env);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("invalid"));
  EXPECT_THAT(r.out, HasSubstr("BR-CO-15"));
  auto search = RunChorus({"invoices", "search", "--format", "json"}, env);
  EXPECT_EQ(JsonOut(search)["total"], 0);

  fs::path pdf = TempDir() / "x.pdf";
  std::ofstream(pdf) << "%PDF-1.7\n%\xE2\xE3\n";
  auto p = RunChorus({"submit", pdf.string()}, env);
  EXPECT_EQ(p.exit_code, 2) << p.out << p.err;
  EXPECT_THAT(p.out + p.err, HasSubstr("x.pdf"));
  auto missing = RunChorus({"submit", (TempDir() / "nope.xml").string()}, env);
  EXPECT_EQ(missing.exit_code, 2);
}

TEST(InvoicesE2e, SearchShowHistoryDownloadLookupInbox) {
  SandboxProcess sandbox;
  ASSERT_TRUE(sandbox.ok());
  auto env = sandbox.Env();
  fs::path file = SourceDir() / "samples/generated/b2g-service-code.ubl.xml";
  auto r = RunChorus({"submit", "--wait", "--interval", "100ms", "--format",
                      "json", file.string()},
                     env);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  std::string flow = JsonOut(r)["results"][0]["flow"];

  auto s = RunChorus({"invoices", "search", "--flow", flow, "--format", "json"},
                     env);
  ASSERT_EQ(s.exit_code, 0) << s.err;
  json found = JsonOut(s);
  ASSERT_EQ(found["total"], 1);
  EXPECT_EQ(found["invoices"][0]["number"], "ANR-2026-0142");
  std::string id = std::to_string(found["invoices"][0]["id"].get<long long>());

  auto text =
      RunChorus({"invoices", "search", "--number", "ANR-2026-0142"}, env);
  EXPECT_THAT(text.out, HasSubstr(flow));
  auto show = RunChorus({"invoices", "show", id}, env);
  EXPECT_EQ(show.exit_code, 0) << show.err;
  EXPECT_THAT(show.out, HasSubstr("ANR-2026-0142"));
  auto hist = RunChorus({"invoices", "history", id, "--format", "json"}, env);
  ASSERT_EQ(hist.exit_code, 0) << hist.err;
  json h = JsonOut(hist);
  EXPECT_FALSE(h["current_status"].get<std::string>().empty());
  EXPECT_EQ(h["history"][0]["status"], "DEPOSEE");

  fs::path out = TempDir() / "download.xml";
  auto dl = RunChorus({"invoices", "download", id, "-o", out.string()}, env);
  ASSERT_EQ(dl.exit_code, 0) << dl.err;
  EXPECT_EQ(ReadFile(out), ReadFile(file));  // the file as deposited

  auto unknown = RunChorus({"invoices", "show", "987654321"}, env);
  EXPECT_EQ(unknown.exit_code, 1) << unknown.err;

  auto lookup =
      RunChorus({"lookup", "26690318600010", "--format", "json"}, env);
  ASSERT_EQ(lookup.exit_code, 0) << lookup.err;
  json l = JsonOut(lookup);
  EXPECT_TRUE(l["service_code_required"].get<bool>());
  EXPECT_TRUE(l["engagement_required"].get<bool>());
  EXPECT_THAT(l["services"].dump(), HasSubstr("SCE-DSI-042"));
  EXPECT_TRUE(l["cached"].get<bool>());  // submit looked it up already
  auto nope = RunChorus({"lookup", "99999999999999"}, env);
  EXPECT_EQ(nope.exit_code, 1);

  auto inbox = RunChorus({"inbox", "--format", "json"}, env);
  EXPECT_EQ(inbox.exit_code, 0) << inbox.err;
  EXPECT_TRUE(JsonOut(inbox).contains("invoices"));
}

}  // namespace
}  // namespace chorus::testing

namespace chorus::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;

fs::path WriteFile(const std::string& name, const std::string& bytes) {
  fs::path p = TempDir() / name;
  std::ofstream(p, std::ios::binary) << bytes;
  return p;
}

// validate, submit and the sandbox give one verdict: a BASIC WL is not held
// to EN 16931 (it is not a complete invoice) but to its profile's rules, as
// a bare XML and as a Factur-X PDF.
TEST(SubmitE2e, FacturXProfilesGetTheRulesValidateGivesThem) {
  SandboxProcess sandbox;
  ASSERT_TRUE(sandbox.ok());
  auto env = sandbox.Env();
  std::string xml = BasicWlXmlForSandbox();
  fs::path wl_xml = WriteFile("wl.xml", xml);
  std::string as_pdf = xml;
  ReplaceOnce(as_pdf, "<ram:ID>F20260023</ram:ID>",
              "<ram:ID>F20260024</ram:ID>");
  fs::path wl_pdf = WriteFile("wl.pdf", FacturXPdfOf(as_pdf));
  // BT-109 off by a cent: only the BASIC WL rules (BR-CO-13) see it.
  std::string bad = xml;
  ReplaceOnce(bad, "<ram:TaxBasisTotalAmount>100.00</ram:TaxBasisTotalAmount>",
              "<ram:TaxBasisTotalAmount>100.01</ram:TaxBasisTotalAmount>");
  fs::path bad_pdf = WriteFile("bad.pdf", FacturXPdfOf(bad));

  for (const fs::path& good : {wl_xml, wl_pdf}) {
    auto v = RunChorus({"validate", good.string()});
    EXPECT_EQ(v.exit_code, 0) << good << v.out << v.err;
  }
  auto v = RunChorus({"validate", bad_pdf.string()});
  EXPECT_EQ(v.exit_code, 1) << v.out << v.err;
  EXPECT_THAT(v.out, HasSubstr("BR-CO-13"));

  auto r = RunChorus(
      {"submit", "--wait", "--interval", "100ms", "--timeout", "20s",
       "--format", "json", wl_xml.string(), wl_pdf.string(), bad_pdf.string()},
      env);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  json j = JsonOut(r);
  ASSERT_EQ(j["results"].size(), 3u) << r.out;
  for (int i : {0, 1}) {
    const json& res = j["results"][i];
    EXPECT_EQ(res["result"], "deposited") << res.dump(2);
    EXPECT_EQ(res.value("status", json::object()).value("state", ""),
              "IN_INTEGRE")
        << res.dump(2);
  }
  EXPECT_EQ(j["results"][1]["syntaxe"], "IN_DP_E2_CII_FACTURX");
  EXPECT_EQ(j["results"][2]["result"], "invalid") << j["results"][2].dump(2);
  EXPECT_THAT(j["results"][2]["details"].dump(), HasSubstr("BR-CO-13"));
}

}  // namespace
}  // namespace chorus::testing

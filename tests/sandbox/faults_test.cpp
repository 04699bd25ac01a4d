// Fault injection, persistence across restarts, client certificates.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "sandbox/sandbox_fixture.h"
#include "support/test_env.h"

namespace chorus::sandbox::testing {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;

constexpr const char* kUbl = "IN_DP_E1_UBL_INVOICE";

TEST(SandboxFaults, FailRateOneAnswers5xxAndRecordsNothing) {
  SandboxOptions o = FastOptions();
  o.fail_rate = 1.0;
  o.state_file = (chorus::testing::TempDir() / "state.json").string();
  {
    Running sb(o);
    for (int i = 0; i < 5; ++i) {
      Reply t = sb.Token();
      EXPECT_TRUE(t.status == 500 || t.status == 502 || t.status == 503)
          << t.status;
    }
    Reply dep = sb.Raw("POST", "factures/v1/deposer/flux", "x", Account(),
                       json{{"fichierFlux", B64("x")},
                            {"nomFichier", "a.xml"},
                            {"syntaxeFlux", kUbl}}
                           .dump());
    EXPECT_GE(dep.status, 500);
  }
  std::ifstream in(o.state_file);
  json state = json::parse(in, nullptr, false);
  EXPECT_TRUE(state.is_discarded() || state["flows"].empty());
}

TEST(SandboxFaults, RateLimitAnswers429WithRetryAfter) {
  SandboxOptions o = FastOptions();
  o.rate_limit = 3;
  Running sb(o);
  std::string token =
      sb.Token().body["access_token"];  // request 1 (its own client key)
  int limited = 0;
  Reply last;
  for (int i = 0; i < 5; ++i) {
    last = sb.Raw("POST", "structures/v1/rechercher", token, Account());
    if (last.status == 429) {
      ++limited;
      int wait = std::stoi(last.Header("Retry-After"));
      EXPECT_GE(wait, 1);
      EXPECT_LE(wait, 60);
    }
  }
  // Token call + 2 API calls fit in 3 per minute for this client.
  EXPECT_EQ(limited, 3);
  EXPECT_EQ(last.body["error"], "too_many_requests");
}

TEST(SandboxFaults, DropAfterReceiveRecordsThenCutsTheConnection) {
  SandboxOptions o = FastOptions();
  o.drop_after_receive = 1.0;
  Running sb(o);
  Reply dep = sb.Api("factures/v1/deposer/flux",
                     {{"fichierFlux", B64(Sample("vat-exempt.ubl.xml"))},
                      {"nomFichier", "v.xml"},
                      {"syntaxeFlux", kUbl}});
  EXPECT_FALSE(dep.answered) << dep.status << " " << dep.body.dump();
  // Only deposits are cut; the flow exists and is processed.
  json found;
  for (int i = 0; i < 200; ++i) {
    found = sb.Api("factures/v1/rechercher/fournisseur", json::object()).body;
    if (found["parametresRetour"]["total"] == 1) break;
    std::this_thread::sleep_for(milliseconds(20));
  }
  ASSERT_EQ(found["parametresRetour"]["total"], 1) << found.dump();
  EXPECT_EQ(found["listeFactures"][0]["numeroFacture"], "IFCG-2026-0231");
}

TEST(SandboxFaults, DropAfterReceiveOverPlainHttpToo) {
  SandboxOptions o = FastOptions();
  o.tls = false;
  o.drop_after_receive = 1.0;
  Running sb(o);
  EXPECT_EQ(sb.info().url.rfind("http://", 0), 0u);
  Reply dep = sb.Api("factures/v1/deposer/flux",
                     {{"fichierFlux", B64(Sample("vat-exempt.ubl.xml"))},
                      {"nomFichier", "v.xml"},
                      {"syntaxeFlux", kUbl}});
  EXPECT_FALSE(dep.answered);
  json cr = sb.Api("transverses/v1/consulterCR",
                   {{"numeroFluxDepot", "CPP0011110000000000001557"}})
                .body;
  EXPECT_EQ(cr["codeRetour"], 0) << cr.dump();
}

TEST(SandboxFaults, LatencyIsAddedToEveryAnswer) {
  SandboxOptions o = FastOptions();
  o.latency = milliseconds(250);
  Running sb(o);
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(sb.Token().status, 200);
  EXPECT_GE(std::chrono::steady_clock::now() - start, milliseconds(250));
}

TEST(SandboxFaults, SameSeedSameFaults) {
  auto pattern = [](std::uint64_t seed) {
    SandboxOptions o = FastOptions();
    o.fail_rate = 0.5;
    o.seed = seed;
    Running sb(o);
    std::string out;
    for (int i = 0; i < 16; ++i) out += sb.Token().status == 200 ? '.' : 'X';
    return out;
  };
  std::string a = pattern(7);
  EXPECT_EQ(a, pattern(7));
  EXPECT_NE(a.find('X'), std::string::npos);
  EXPECT_NE(a.find('.'), std::string::npos);
}

TEST(SandboxState, FlowsAndInvoicesSurviveARestart) {
  SandboxOptions o = FastOptions();
  o.state_file = (chorus::testing::TempDir() / "state.json").string();
  std::string first;
  std::string original = Sample("credit-note.ubl.xml");
  {
    Running sb(o);
    first = sb.Deposit(original, "cn.xml", kUbl);
    EXPECT_EQ(sb.WaitFinal(first)["etatCourantDepotFlux"], "IN_INTEGRE");
  }
  ASSERT_TRUE(std::filesystem::exists(o.state_file));
  Running again(o);
  json cr = again
                .Api("transverses/v1/consulterCRDetaille",
                     {{"numeroFluxDepot", first}})
                .body;
  EXPECT_EQ(cr["etatCourantDepotFlux"], "IN_INTEGRE");
  json found = again
                   .Api("factures/v1/rechercher/fournisseur",
                        {{"numeroFluxDepot", first}})
                   .body;
  ASSERT_EQ(found["listeFactures"].size(), 1u);
  int64_t id = found["listeFactures"][0]["identifiantFactureCPP"];
  Reply dl = again.Api("factures/v1/telecharger/groupe",
                       {{"listeFacture", json::array({{{"idFacture", id}}})}});
  EXPECT_EQ(Unb64(dl.body["fichierResultat"].get<std::string>()), original);
  std::string second = again.Deposit(original, "cn2.xml", kUbl);
  EXPECT_GT(second, first);
}

TEST(SandboxState, UnfinishedFlowResumesAfterRestart) {
  SandboxOptions o = FastOptions();
  o.state_file = (chorus::testing::TempDir() / "state.json").string();
  o.processing_step =
      std::chrono::seconds(60);  // nothing happens before the stop
  std::string numero;
  {
    Running sb(o);
    numero = sb.Deposit(Sample("vat-exempt.ubl.xml"), "v.xml", kUbl);
  }
  o.processing_step = milliseconds(15);
  Running again(o);
  EXPECT_EQ(again.WaitFinal(numero)["etatCourantDepotFlux"], "IN_INTEGRE");
}

TEST(SandboxState, MalformedStateFileStopsTheStart) {
  SandboxOptions o = FastOptions();
  o.state_file = (chorus::testing::TempDir() / "state.json").string();
  std::ofstream(o.state_file) << "{ not json";
  Sandbox sb(o);
  auto started = sb.Start();
  ASSERT_FALSE(started);
  EXPECT_NE(started.error().message.find(o.state_file), std::string::npos);
}

TEST(SandboxTls, ClientCertificateRequiredWithClientCa) {
  SandboxOptions first = FastOptions();
  std::string ca;
  {
    Running generate(first);  // generates the CA and client pair
    ca = generate.info().ca;
  }
  SandboxOptions o = first;  // same folder: files reused
  o.client_ca = ca;
  Running sb(o);
  EXPECT_EQ(sb.info().ca, ca);
  Reply without = sb.Token();
  EXPECT_FALSE(without.answered)
      << "handshake should fail without a client certificate";
  sb.with_client_cert = true;
  EXPECT_EQ(sb.Token().status, 200);
}

TEST(SandboxTls, GeneratedFilesAndModes) {
  namespace fs = std::filesystem;
  SandboxOptions options = FastOptions();
  // Two missing folders: both are made private, not only the last.
  fs::path base = chorus::testing::TempDir();
  options.cert_dir = (base / "tls" / "certs").string();
  Running sb(options);
  for (const fs::path& dir : {base / "tls", base / "tls" / "certs"}) {
    EXPECT_EQ(fs::status(dir).permissions() &
                  (fs::perms::group_all | fs::perms::others_all),
              fs::perms::none)
        << dir;
  }
  for (const std::string& key : {sb.info().client_key, sb.info().client_p12}) {
    ASSERT_TRUE(fs::exists(key)) << key;
    EXPECT_EQ(fs::status(key).permissions() &
                  (fs::perms::group_all | fs::perms::others_all),
              fs::perms::none)
        << key;
  }
  EXPECT_TRUE(fs::exists(fs::path(sb.info().cert_dir) / "server-key.pem"));
  // A client that does not trust the sandbox CA refuses the server.
  httplib::Client strict(sb.info().url);
  strict.enable_server_certificate_verification(true);
  strict.set_ca_cert_path("/nonexistent-ca.pem");
  EXPECT_FALSE(strict.Get("/"));
}

}  // namespace
}  // namespace chorus::sandbox::testing

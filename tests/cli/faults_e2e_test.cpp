// Every fault the sandbox can inject, seen through the chorus binary:
// 5xx, latency past the timeout, 429 with Retry-After, a deposit whose
// answer never comes (then resolved, not doubled), tokens expiring mid-run,
// and an unreachable host.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "cli/e2e_support.h"

namespace chorus::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;

std::string Sample(const char* name) {
  return (SourceDir() / "samples/generated" / name).string();
}

TEST(FaultsE2e, ServerErrorsAreRetried) {
  // Seeded: the same sequence of injected 500/502/503 every run.
  SandboxProcess sandbox({"--fail-rate", "0.3", "--seed", "11"});
  ASSERT_TRUE(sandbox.ok());
  auto env = sandbox.Env({"CHORUS_RETRIES=10"});
  for (const char* siret : {"26690318600010", "21330512100013"}) {
    auto r = RunChorus({"lookup", siret, "--no-cache"}, env);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  }
  EXPECT_THAT(sandbox.Log(), ::testing::ContainsRegex("-> 50[023]"));
  // A deposit is replayed after a 503 ("not now") but not after a 500 (it
  // may have been acted on: outcome unknown). Whatever the dice say, the
  // exit code follows the result and the platform never holds two copies.
  auto sub = RunChorus(
      {"submit", "--format", "json", Sample("vat-exempt.ubl.xml")}, env);
  std::string result = JsonOut(sub)["results"][0]["result"];
  if (result == "deposited") {
    EXPECT_EQ(sub.exit_code, 0) << sub.out << sub.err;
  } else {
    EXPECT_EQ(sub.exit_code, 3) << sub.out << sub.err;
    EXPECT_THAT(result, ::testing::AnyOf("failed", "error", "unknown"));
  }
  auto again = RunChorus(
      {"submit", "--format", "json", Sample("vat-exempt.ubl.xml")}, env);
  std::string second = JsonOut(again)["results"][0]["result"];
  if (result == "deposited") {
    EXPECT_EQ(second, "already-deposited");
  }
  if (result == "unknown") {
    EXPECT_THAT(second, ::testing::AnyOf("unknown", "resolved"));
  }
}

TEST(FaultsE2e, LatencyPastTheTimeoutIsUnreachableNotAHang) {
  SandboxProcess sandbox({"--latency", "600"});
  ASSERT_TRUE(sandbox.ok());
  auto env = sandbox.Env({"CHORUS_REQUEST_TIMEOUT=200ms", "CHORUS_RETRIES=2"});
  auto started = std::chrono::steady_clock::now();
  auto r = RunChorus({"invoices", "search"}, env);
  auto took = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr("request_timeout"));
  EXPECT_LT(took, std::chrono::seconds(5));
  // With a timeout above the latency the same call works.
  auto ok = RunChorus({"invoices", "search", "--request-timeout", "5s"}, env);
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
}

TEST(FaultsE2e, RateLimitIsHonouredWithinTheDeadline) {
  // The sandbox counts per sliding minute, so its Retry-After is close to
  // 60 s: chorus must stop (exit 3) rather than hammer, saying why.
  SandboxProcess sandbox({"--rate-limit", "3"});
  ASSERT_TRUE(sandbox.ok());
  auto env = sandbox.Env({"CHORUS_DEADLINE=5s"});
  auto started = std::chrono::steady_clock::now();
  auto r = RunChorus({"lookup", "26690318600010"}, env);  // token + 3 calls
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr("429"));
  EXPECT_THAT(r.err, HasSubstr("Retry-After"));
  EXPECT_LT(std::chrono::steady_clock::now() - started,
            std::chrono::seconds(5));
  std::string log = sandbox.Log();
  std::size_t refusals = 0;
  for (auto at = log.find("-> 429"); at != std::string::npos;
       at = log.find("-> 429", at + 1)) {
    ++refusals;
  }
  EXPECT_EQ(refusals, 1u) << log;  // one 429, then no retry inside the wait
}

TEST(FaultsE2e, DroppedDepositIsUnknownThenResolvedNotDoubled) {
  SandboxProcess sandbox({"--drop-after-receive", "1"});
  ASSERT_TRUE(sandbox.ok());
  auto env = sandbox.Env();
  std::string file = Sample("credit-note.ubl.xml");
  auto first = RunChorus({"submit", "--format", "json", file}, env);
  EXPECT_EQ(first.exit_code, 3) << first.out << first.err;
  json r1 = JsonOut(first)["results"][0];
  EXPECT_EQ(r1["result"], "unknown");
  EXPECT_THAT(r1["reason"].get<std::string>(), HasSubstr("outcome unknown"));

  // The platform lists the invoice once its flow is processed; until then
  // a resubmission stays "unknown" (exit 3) and deposits nothing.
  auto resolve = [&](const std::string& path) {
    json r;
    for (int i = 0; i < 50; ++i) {
      auto again = RunChorus({"submit", "--format", "json", path}, env);
      r = JsonOut(again)["results"][0];
      if (r["result"] != "unknown") {
        EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
        break;
      }
      EXPECT_EQ(again.exit_code, 3);
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return r;
  };
  json r2 = resolve(file);
  EXPECT_EQ(r2["result"], "resolved") << r2.dump(2);
  std::string flow = r2["flow"];
  EXPECT_THAT(flow, ::testing::StartsWith("CPP"));

  auto third = RunChorus({"submit", "--format", "json", file}, env);
  EXPECT_EQ(JsonOut(third)["results"][0]["result"], "already-deposited");

  // The same invoice as CII: same number, another file. Its unknown deposit
  // must resolve to its own flow, not to the UBL's.
  std::string cii = Sample("credit-note.cii.xml");
  auto cii_first = RunChorus({"submit", "--format", "json", cii}, env);
  EXPECT_EQ(JsonOut(cii_first)["results"][0]["result"], "unknown");
  json r3 = resolve(cii);
  EXPECT_EQ(r3["result"], "resolved") << r3.dump(2);
  EXPECT_NE(r3["flow"], flow);

  auto search = RunChorus({"invoices", "search", "--number", "EFD-AV-2026-0012",
                           "--format", "json"},
                          env);
  EXPECT_EQ(JsonOut(search)["total"], 2) << search.out;  // one per file
  std::string log = sandbox.Log();
  std::size_t deposits = 0;
  for (auto at = log.find("deposer/flux"); at != std::string::npos;
       at = log.find("deposer/flux", at + 1)) {
    ++deposits;
  }
  EXPECT_EQ(deposits, 2u) << log;
}

TEST(FaultsE2e, TokensExpiringMidRunAreRenewed) {
  // Flows take ~2 s to process, so polling outlives several tokens.
  SandboxProcess sandbox({"--token-ttl", "1", "--processing-ms", "400"});
  ASSERT_TRUE(sandbox.ok());
  auto env = sandbox.Env();
  std::vector<std::string> args = {"-vv",   "submit",   "--wait", "--interval",
                                   "700ms", "--format", "json"};
  for (const char* f :
       {"vat-exempt.ubl.xml", "credit-note.cii.xml", "b2b-mixed-vat.ubl.xml"}) {
    args.push_back(Sample(f));
  }
  auto r = RunChorus(args, env);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  // Kept in a variable: a range-for over a member of a temporary reads
  // freed memory.
  const json out = JsonOut(r);
  for (const auto& res : out["results"]) {
    EXPECT_EQ(res["status"]["state"], "IN_INTEGRE") << res.dump(2);
  }
  std::size_t tokens = 0;
  for (auto at = r.err.find("token: obtained"); at != std::string::npos;
       at = r.err.find("token: obtained", at + 1)) {
    ++tokens;
  }
  EXPECT_GE(tokens, 2u) << r.err;  // renewed during the run, no failure seen
}

TEST(FaultsE2e, UnreachableHostExitsThree) {
  std::string url = "https://127.0.0.1:" + std::to_string(ClosedPort());
  SandboxProcess sandbox;  // only for its environment (certificates, journal)
  ASSERT_TRUE(sandbox.ok());
  auto env = sandbox.Env(
      {"CHORUS_URL=" + url, "CHORUS_RETRIES=2", "CHORUS_DEADLINE=3s"});
  auto auth = RunChorus({"auth", "check"}, env);
  EXPECT_EQ(auth.exit_code, 3) << auth.out << auth.err;
  EXPECT_THAT(auth.err, HasSubstr("127.0.0.1"));
  auto st = RunChorus({"status", "CPP0011110000000000001557"}, env);
  EXPECT_EQ(st.exit_code, 3) << st.out << st.err;
  auto sub = RunChorus({"submit", Sample("vat-exempt.ubl.xml")}, env);
  EXPECT_EQ(sub.exit_code, 3) << sub.out << sub.err;
  auto inv = RunChorus({"invoices", "search"}, env);
  EXPECT_EQ(inv.exit_code, 3) << inv.out << inv.err;
}

}  // namespace
}  // namespace chorus::testing

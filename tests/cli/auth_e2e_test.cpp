// chorus auth check against the sandbox: which credential is wrong, told
// from the platform's 400/401/403, plus PKCS#12 client certificates.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli/e2e_support.h"

namespace chorus::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(AuthE2e, GoodCredentialsPassEveryCheck) {
  SandboxProcess sandbox;
  ASSERT_TRUE(sandbox.ok());
  auto r = RunChorus({"auth", "check", "--format", "json"}, sandbox.Env());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  json j = JsonOut(r);
  EXPECT_TRUE(j["ok"].get<bool>());
  ASSERT_EQ(j["checks"].size(), 4u);
  for (const auto& c : j["checks"])
    EXPECT_TRUE(c["ok"].get<bool>()) << c.dump();
}

TEST(AuthE2e, WrongClientSecretNamesThePisteApplication) {
  SandboxProcess sandbox;
  ASSERT_TRUE(sandbox.ok());
  auto r = RunChorus({"auth", "check"},
                     sandbox.Env({"CHORUS_CLIENT_SECRET=wrong-secret"}));
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr("client_id (from CHORUS_CLIENT_ID)"));
  EXPECT_THAT(r.err, HasSubstr("client_secret (from CHORUS_CLIENT_SECRET)"));
  EXPECT_THAT(r.err, Not(HasSubstr("technical account was refused")));
  EXPECT_THAT(r.out + r.err, Not(HasSubstr("wrong-secret")));
}

TEST(AuthE2e, WrongTechnicalPasswordIs401AndNamesTheAccount) {
  SandboxProcess sandbox;
  ASSERT_TRUE(sandbox.ok());
  auto r = RunChorus({"auth", "check", "--format", "json"},
                     sandbox.Env({"CHORUS_TECH_PASSWORD=expired-password"}));
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  json j = JsonOut(r);
  EXPECT_TRUE(j["checks"][0]["ok"].get<bool>());  // the token is fine
  EXPECT_EQ(j["checks"][1]["http_status"], 401);
  EXPECT_EQ(j["checks"][1]["kind"], "unauthorized");
  EXPECT_THAT(j["checks"][1]["hints"].dump(), HasSubstr("tech_password"));
  EXPECT_THAT(r.out + r.err, Not(HasSubstr("expired-password")));
}

TEST(AuthE2e, MissingSubscriptionIs403AndNamesTheApi) {
  SandboxProcess sandbox;
  ASSERT_TRUE(sandbox.ok());
  auto r = RunChorus({"auth", "check"},
                     sandbox.Env({"CHORUS_CLIENT_ID=sandbox-nofactures"}));
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("Structures    ok"));
  EXPECT_THAT(r.out, HasSubstr("Factures      FAILED"));
  EXPECT_THAT(r.err, HasSubstr("403"));
  EXPECT_THAT(r.err, HasSubstr("Factures API"));
  EXPECT_THAT(r.err, HasSubstr("subscribe the PISTE application"));
  // Any command hitting it says the same, e.g. a deposit.
  auto s = RunChorus(
      {"submit", "--no-lookup-check",
       (SourceDir() / "samples/generated/vat-exempt.ubl.xml").string()},
      sandbox.Env({"CHORUS_CLIENT_ID=sandbox-nofactures"}));
  EXPECT_EQ(s.exit_code, 2) << s.out << s.err;
  EXPECT_THAT(s.err, HasSubstr("Factures"));
}

TEST(AuthE2e, ClientCertificateIsRequiredAndPkcs12Works) {
  SandboxProcess sandbox({}, {"CHORUS_SANDBOX_P12_PASSWORD=p12-pass-e2e"});
  ASSERT_TRUE(sandbox.ok());
  auto no_cert = RunChorus({"auth", "check", "--retries", "1"},
                           sandbox.Env({"CHORUS_CERT=", "CHORUS_KEY="}));
  EXPECT_EQ(no_cert.exit_code, 3) << no_cert.out << no_cert.err;
  EXPECT_THAT(no_cert.err, HasSubstr("TLS"));
  std::string p12 = sandbox.ready()["client_p12"];
  auto ok = RunChorus({"auth", "check"},
                      sandbox.Env({"CHORUS_CERT=" + p12, "CHORUS_KEY=",
                                   "CHORUS_KEY_PASSWORD=p12-pass-e2e"}));
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  auto bad = RunChorus({"auth", "check"},
                       sandbox.Env({"CHORUS_CERT=" + p12, "CHORUS_KEY=",
                                    "CHORUS_KEY_PASSWORD=not-the-p12-pass"}));
  EXPECT_EQ(bad.exit_code, 2) << bad.out << bad.err;
  EXPECT_THAT(bad.out + bad.err, Not(HasSubstr("not-the-p12-pass")));
}

TEST(AuthE2e, MissingCredentialsAreAUsageError) {
  SandboxProcess sandbox;
  ASSERT_TRUE(sandbox.ok());
  auto r = RunChorus({"auth", "check"}, sandbox.Env({"CHORUS_TECH_PASSWORD="}));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("tech_password"));
  EXPECT_THAT(r.err, HasSubstr("CHORUS_TECH_PASSWORD"));
  auto no_url = RunChorus({"status", "X"}, sandbox.Env({"CHORUS_URL="}));
  EXPECT_EQ(no_url.exit_code, 2);
  EXPECT_THAT(no_url.err, HasSubstr("CHORUS_URL"));
}

}  // namespace
}  // namespace chorus::testing

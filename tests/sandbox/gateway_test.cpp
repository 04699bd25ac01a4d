// The PISTE side: token endpoint and the gateway's 401/403/404/405.
#include <gtest/gtest.h>

#include <thread>

#include "sandbox/sandbox_fixture.h"

namespace chorus::sandbox::testing {
namespace {

TEST(SandboxToken, IssuesBearerTokenWithConfiguredLifetime) {
  SandboxOptions o = FastOptions();
  o.token_ttl = std::chrono::seconds(1234);
  Running sb(o);
  Reply r = sb.Token();
  ASSERT_EQ(r.status, 200) << r.body.dump();
  EXPECT_EQ(r.body["token_type"], "Bearer");
  EXPECT_EQ(r.body["expires_in"], 1234);
  EXPECT_EQ(r.body["scope"], "openid");
  EXPECT_GE(r.body["access_token"].get<std::string>().size(), 32u);
  EXPECT_NE(sb.Token().body["access_token"], r.body["access_token"]);
}

TEST(SandboxToken, RefusesBadClientAndGrant) {
  Running sb(FastOptions());
  Reply bad_secret = sb.Token("sandbox-client", "s3cr3t-guess");
  EXPECT_EQ(bad_secret.status, 401);
  EXPECT_EQ(bad_secret.body["error"], "invalid_client");
  Reply bad_id = sb.Token("nobody", "sandbox-secret");
  EXPECT_EQ(bad_id.status, 401);
  EXPECT_EQ(bad_id.body["error"], "invalid_client");
  Reply grant = sb.Token("sandbox-client", "sandbox-secret", "password");
  EXPECT_EQ(grant.status, 400);
  EXPECT_EQ(grant.body["error"], "unsupported_grant_type");
  // Never echoes the secret it was given.
  EXPECT_EQ(bad_secret.body.dump().find("s3cr3t-guess"), std::string::npos);
}

TEST(SandboxToken, AcceptsHttpBasicClientAuthentication) {
  Running sb(FastOptions());
  auto client = sb.Client();
  client->set_basic_auth("sandbox-client", "sandbox-secret");
  auto ok = client->Post("/api/oauth/token",
                         httplib::Params{{"grant_type", "client_credentials"}});
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  client->set_basic_auth("sandbox-client", "nope");
  auto bad =
      client->Post("/api/oauth/token",
                   httplib::Params{{"grant_type", "client_credentials"}});
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 401);
}

TEST(SandboxToken, ExpiredTokenIsRefused) {
  SandboxOptions o = FastOptions();
  o.token_ttl = std::chrono::seconds(1);
  Running sb(o);
  std::string token = sb.Token().body["access_token"];
  Reply before = sb.Raw("POST", "structures/v1/rechercher", token, Account());
  EXPECT_EQ(before.status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  Reply after = sb.Raw("POST", "structures/v1/rechercher", token, Account());
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(after.body["error"], "invalid_token");
  EXPECT_NE(after.body["error_description"].get<std::string>().find("expired"),
            std::string::npos);
}

TEST(SandboxGateway, TokenAndAccountFailuresAreToldApart) {
  Running sb(FastOptions());
  std::string token = sb.Token().body["access_token"];
  const std::string path = "structures/v1/rechercher";

  Reply missing = sb.Raw("POST", path, "", Account());
  EXPECT_EQ(missing.status, 401);
  EXPECT_EQ(missing.body["error"], "invalid_token");
  EXPECT_NE(missing.Header("WWW-Authenticate").find("Bearer"),
            std::string::npos);

  Reply unknown = sb.Raw("POST", path, "not-a-token", Account());
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(unknown.body["error"], "invalid_token");
  EXPECT_NE(unknown.body["error_description"],
            missing.body["error_description"]);

  Reply no_account = sb.Raw("POST", path, token, "");
  EXPECT_EQ(no_account.status, 401);
  EXPECT_EQ(no_account.body["error"], "invalid_cpro_account");
  EXPECT_EQ(no_account.Header("WWW-Authenticate"), "");

  Reply bad_password =
      sb.Raw("POST", path, token, Account("TECH_1_SANDBOX@cpro.fr", "nope"));
  EXPECT_EQ(bad_password.status, 401);
  EXPECT_EQ(bad_password.body["error"], "invalid_cpro_account");
  EXPECT_NE(bad_password.body["error_description"],
            no_account.body["error_description"]);

  Reply not_b64 = sb.Raw("POST", path, token, "%%%");
  EXPECT_EQ(not_b64.status, 401);
  EXPECT_EQ(not_b64.body["error"], "invalid_cpro_account");
}

TEST(SandboxGateway, ApiOutsideSubscriptionIs403) {
  Running sb(FastOptions());
  Reply factures = sb.Api("factures/v1/rechercher/fournisseur",
                          nlohmann::json::object(), "sandbox-nofactures");
  EXPECT_EQ(factures.status, 403);
  EXPECT_EQ(factures.body["error"], "access_denied");
  EXPECT_NE(
      factures.body["error_description"].get<std::string>().find("factures"),
      std::string::npos);
  Reply structures = sb.Api("structures/v1/rechercher",
                            nlohmann::json::object(), "sandbox-nofactures");
  EXPECT_EQ(structures.status, 200);
  Reply same_route =
      sb.Api("factures/v1/rechercher/fournisseur", nlohmann::json::object());
  EXPECT_EQ(same_route.status, 200);
}

TEST(SandboxGateway, UnknownRouteAndWrongMethod) {
  Running sb(FastOptions());
  std::string token = sb.Token().body["access_token"];
  EXPECT_EQ(sb.Raw("POST", "factures/v1/nothing/here", token, Account()).status,
            404);
  EXPECT_EQ(sb.Raw("POST", "inconnue/v1/rechercher", token, Account()).status,
            404);
  Reply get =
      sb.Raw("GET", "factures/v1/rechercher/fournisseur", token, Account());
  EXPECT_EQ(get.status, 405);
  EXPECT_EQ(get.Header("Allow"), "POST");
  Reply not_json =
      sb.Raw("POST", "structures/v1/rechercher", token, Account(), "{oops");
  EXPECT_EQ(not_json.status, 400);
  EXPECT_NE(not_json.body["codeRetour"], 0);
}

}  // namespace
}  // namespace chorus::sandbox::testing

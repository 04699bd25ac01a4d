// The PISTE token: how it is asked for, cached, refreshed, and what a
// refusal says.
#include <gtest/gtest.h>

#include "client_fixture.h"

namespace chorus::testing {
namespace {

using std::chrono::seconds;

constexpr char kStructures[] = "/cpro/structures/v1/rechercher";

class TokenTest : public ClientTest {};

TEST_F(TokenTest, AsksWithTheClientCredentialsForm) {
  ScriptToken();
  ASSERT_TRUE(Client().Authenticate().ok());
  auto sent = http_.RequestsTo(kTokenPath);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].method, "POST");
  EXPECT_EQ(sent[0].url, endpoints_.token_url);
  EXPECT_EQ(RequestHeader(sent[0], "Content-Type"),
            "application/x-www-form-urlencoded");
  EXPECT_EQ(sent[0].body,
            "grant_type=client_credentials&client_id=piste-client-id-42&"
            "client_secret=Client-Secret-Value-9z&scope=openid");
  EXPECT_TRUE(sent[0].body_is_secret);
}

TEST_F(TokenTest, ReusedUntilAMinuteBeforeExpiryThenRefreshed) {
  ScriptToken("access-token-AAA", 3600);
  ScriptToken("access-token-BBB", 3600);
  http_.Always(kStructures,
               Success({{"listeStructures", nlohmann::json::array()}}));
  ASSERT_TRUE(Client().RechercherStructure("1").ok());
  clock_.Advance(seconds(3600 - 61));
  ASSERT_TRUE(Client().RechercherStructure("2").ok());
  EXPECT_EQ(http_.RequestsTo(kTokenPath).size(), 1u);
  clock_.Advance(seconds(2));  // now 59 s before expiry: inside the margin
  ASSERT_TRUE(Client().RechercherStructure("3").ok());
  EXPECT_EQ(http_.RequestsTo(kTokenPath).size(), 2u);
  auto calls = http_.RequestsTo(kStructures);
  ASSERT_EQ(calls.size(), 3u);
  EXPECT_EQ(RequestHeader(calls[1], "Authorization"),
            "Bearer access-token-AAA");
  EXPECT_EQ(RequestHeader(calls[2], "Authorization"),
            "Bearer access-token-BBB");
}

TEST_F(TokenTest, ShortLivedTokenRefreshedHalfway) {
  ScriptToken("access-token-AAA", 20);
  ScriptToken("access-token-BBB", 20);
  http_.Always(kStructures, Success());
  ASSERT_TRUE(Client().RechercherStructure("1").ok());
  clock_.Advance(seconds(9));
  ASSERT_TRUE(Client().RechercherStructure("1").ok());
  EXPECT_EQ(http_.RequestsTo(kTokenPath).size(), 1u);
  clock_.Advance(seconds(1));
  ASSERT_TRUE(Client().RechercherStructure("1").ok());
  EXPECT_EQ(http_.RequestsTo(kTokenPath).size(), 2u);
}

TEST_F(TokenTest, InvalidClientNamesThePisteCredentials) {
  http_.Push(
      kTokenPath,
      JsonAnswer(401, {{"error", "invalid_client"},
                       {"error_description", "Client authentication failed"}}));
  auto r = Client().RechercherStructure("1");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, api::ApiErrorKind::kBadClient);
  EXPECT_EQ(r.error().operation, "token");
  EXPECT_EQ(r.error().libelle, "invalid_client");
  EXPECT_EQ(r.error().http_status, 401);
  EXPECT_NE(r.error().message.find("PISTE client id/secret"), std::string::npos)
      << r.error().message;
  EXPECT_TRUE(
      http_.RequestsTo(kStructures).empty());  // no API call without a token
}

TEST_F(TokenTest, OtherOAuthRefusalStillPointsAtTheClientCredentials) {
  http_.Push(kTokenPath, JsonAnswer(400, {{"error", "invalid_scope"}}));
  auto r = Client().Authenticate();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, api::ApiErrorKind::kBadClient);
  EXPECT_NE(r.error().message.find("invalid_scope"), std::string::npos);
  EXPECT_NE(r.error().message.find("PISTE client id/secret"),
            std::string::npos);
}

TEST_F(TokenTest, MissingCredentialsFailBeforeAnyRequest) {
  creds_.client_secret.clear();
  auto r = Client().Authenticate();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, api::ApiErrorKind::kBadClient);
  EXPECT_TRUE(http_.requests().empty());
}

TEST_F(TokenTest, AnswerWithoutAccessTokenIsABadAnswer) {
  http_.Push(kTokenPath, JsonAnswer(200, {{"token_type", "Bearer"}}));
  auto r = Client().Authenticate();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, api::ApiErrorKind::kBadAnswer);
}

TEST_F(TokenTest, TokenEndpointOverloadIsRetried) {
  http_.Push(kTokenPath, JsonAnswer(503, {}));
  ScriptToken();
  EXPECT_TRUE(Client().Authenticate().ok());
  EXPECT_EQ(http_.RequestsTo(kTokenPath).size(), 2u);
}

TEST_F(TokenTest, Gateway401RefreshesTheTokenOnceAndRetries) {
  ScriptToken("access-token-AAA");
  ScriptToken("access-token-BBB");
  http_.Push(kStructures, JsonAnswer(401, {}));
  http_.Push(kStructures,
             Success({{"listeStructures", {{{"idStructureCPP", 7}}}}}));
  auto r = Client().RechercherStructure("1");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->size(), 1u);
  auto calls = http_.RequestsTo(kStructures);
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(RequestHeader(calls[0], "Authorization"),
            "Bearer access-token-AAA");
  EXPECT_EQ(RequestHeader(calls[1], "Authorization"),
            "Bearer access-token-BBB");
}

TEST_F(TokenTest, Second401BlamesTokenOrTechnicalAccount) {
  ScriptToken("access-token-AAA");
  ScriptToken("access-token-BBB");
  http_.Always(kStructures, JsonAnswer(401, {}));
  auto r = Client().RechercherStructure("1");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, api::ApiErrorKind::kUnauthorized);
  EXPECT_EQ(r.error().http_status, 401);
  EXPECT_NE(r.error().message.find(
                "token or Chorus Pro technical account (login/password) "
                "rejected"),
            std::string::npos)
      << r.error().message;
  EXPECT_EQ(http_.RequestsTo(kStructures).size(), 2u);  // exactly one refresh
  EXPECT_EQ(http_.RequestsTo(kTokenPath).size(), 2u);
}

TEST_F(TokenTest, DepositRefusedWith401IsRetriedWithANewToken) {
  // A 401 comes from the gateway: the deposit never reached Chorus Pro.
  ScriptToken("access-token-AAA");
  ScriptToken("access-token-BBB");
  http_.Push("/deposer/flux", JsonAnswer(401, {}));
  http_.Push("/deposer/flux", Success({{"numeroFluxDepot", "CPP001"}}));
  auto r = Client().DeposerFlux(
      {"<Invoice/>", "a.xml", "IN_DP_E1_UBL_INVOICE", false});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->numero_flux_depot, "CPP001");
}

}  // namespace
}  // namespace chorus::testing

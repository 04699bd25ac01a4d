// A ChorusProClient wired to the fake HTTP client and clock, with made-up
// credentials the tests then look for in logs and errors.
#ifndef CHORUS_TESTS_API_CLIENT_FIXTURE_H_
#define CHORUS_TESTS_API_CLIENT_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "chorus/api/chorus_pro.h"
#include "support/fake_http.h"

namespace chorus::testing {

inline constexpr char kTokenPath[] = "/api/oauth/token";

class ClientTest : public ::testing::Test {
 protected:
  ClientTest() {
    endpoints_.token_url = "https://oauth.example.test/api/oauth/token";
    endpoints_.api_base = "https://api.example.test";
    creds_.client_id = "piste-client-id-42";
    creds_.client_secret = "Client-Secret-Value-9z";
    creds_.tech_login = "TECH_1_demo@cpro.fr";
    creds_.tech_password = "Tech-Password-Value-7q";
    policy_.jitter_seed = 1234;
  }

  // The token endpoint hands out `token`, valid `expires_in` seconds.
  void ScriptToken(const std::string& token = "access-token-AAA",
                   int expires_in = 3600) {
    http_.Push(kTokenPath, JsonAnswer(200, {{"access_token", token},
                                            {"token_type", "Bearer"},
                                            {"expires_in", expires_in},
                                            {"scope", "openid"}}));
  }
  static api::HttpResponse Success(
      nlohmann::json body = nlohmann::json::object()) {
    body["codeRetour"] = 0;
    body["libelle"] = "GCU_MSG_01_000";
    return JsonAnswer(200, body);
  }
  api::ChorusProClient& Client() {
    if (!client_) {
      client_ = std::make_unique<api::ChorusProClient>(http_, endpoints_,
                                                       creds_, policy_, clock_);
    }
    return *client_;
  }
  std::vector<std::string> Secrets() const {
    return {creds_.client_secret, creds_.tech_password, "access-token-AAA",
            "access-token-BBB",
            // base64("TECH_1_demo@cpro.fr:Tech-Password-Value-7q")
            "VEVDSF8xX2RlbW9AY3Byby5mcjpUZWNoLVBhc3N3b3JkLVZhbHVlLTdx"};
  }

  FakeHttpClient http_;
  FakeClock clock_;
  api::Endpoints endpoints_;
  api::Credentials creds_;
  api::RetryPolicy policy_;
  std::unique_ptr<api::ChorusProClient> client_;
};

}  // namespace chorus::testing

#endif  // CHORUS_TESTS_API_CLIENT_FIXTURE_H_

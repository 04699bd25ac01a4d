// Secrets (client secret, technical-account password, cpro-account value,
// tokens) never reach a log line or an error, even at trace level and even
// when a misbehaving server echoes them back.
#include <gtest/gtest.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include "client_fixture.h"

namespace chorus::testing {
namespace {

using nlohmann::json;

class SecretsTest : public ClientTest {
 protected:
  void SetUp() override {
    previous_ = spdlog::default_logger();
    sink_ = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(100000);
    auto logger = std::make_shared<spdlog::logger>("secrets-test", sink_);
    logger->set_level(spdlog::level::trace);
    spdlog::set_default_logger(logger);
  }
  void TearDown() override { spdlog::set_default_logger(previous_); }

  void ExpectClean(const std::string& text, const std::string& where) {
    for (const std::string& secret : Secrets()) {
      EXPECT_EQ(text.find(secret), std::string::npos)
          << where << " leaks " << secret << ": " << text;
    }
  }
  void ExpectClean(const api::ApiError& e) {
    ExpectClean(e.message, "message");
    ExpectClean(e.libelle, "libelle");
    ExpectClean(e.ToError().message, "ToError");
  }
  // An answer body quoting back every secret the client has used so far:
  // the credentials and the first `tokens` tokens it was given.
  std::string Echo(int tokens = 0) const {
    std::string all = creds_.client_secret + " " + creds_.tech_password + " " +
                      Secrets()[4] + " client_secret=" + creds_.client_secret;
    if (tokens >= 1) all += " access-token-AAA";
    if (tokens >= 2) all += " access-token-BBB";
    return all;
  }

  std::shared_ptr<spdlog::logger> previous_;
  std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> sink_;
};

TEST_F(SecretsTest, NoSecretInLogsOrErrorsAcrossEveryPath) {
  int errors = 0, scrubbed = 0;
  auto check = [&](const auto& result) {
    if (!result.ok()) {
      ++errors;
      scrubbed += result.error().message.find("***") != std::string::npos;
      ExpectClean(result.error());
    }
  };
  // Token refused with the secret echoed in the description.
  http_.Push(kTokenPath, JsonAnswer(401, {{"error", "invalid_client"},
                                          {"error_description", Echo()}}));
  check(Client().Authenticate());
  // Token endpoint answering garbage that quotes the form body.
  http_.Push(kTokenPath, api::HttpResponse{500, {}, Echo()});
  http_.Push(kTokenPath, api::HttpResponse{418, {}, Echo()});
  check(Client().Authenticate());
  // Working token, then every kind of failure on API calls.
  ScriptToken("access-token-AAA");
  ScriptToken("access-token-BBB");
  http_.Push("/deposer/flux",
             JsonAnswer(400, {{"codeRetour", 9}, {"libelle", Echo(1)}}));
  check(Client().DeposerFlux(
      {"secret-free bytes", "a.xml", "IN_DP_E1_UBL_INVOICE", false}));
  http_.Push("/consulterCR", api::HttpResponse{200, {}, "not json " + Echo(1)});
  check(Client().ConsulterCR("CPP1"));
  http_.Push("/consulterCR", api::HttpResponse{409, {}, Echo(1)});
  check(Client().ConsulterCR("CPP1"));
  http_.Push("/consulterCRDetaille", JsonAnswer(401, {}));
  http_.Push("/consulterCRDetaille", JsonAnswer(401, {{"message", Echo(2)}}));
  check(Client().ConsulterCRDetaille("CPP1"));
  http_.Push("/deposer/flux",
             TransportFailed(api::TransportFailure::kSentNoAnswer));
  check(Client().DeposerFlux({"x", "a.xml", "IN_DP_E1_UBL_INVOICE", false}));
  http_.Push("/rechercher/services", JsonAnswer(403, {{"message", Echo(2)}}));
  check(Client().RechercherServices(1));
  http_.Push("/structures/v1/consulter",
             JsonAnswer(429, {}, {{"retry-after", "1"}}));
  http_.Push("/structures/v1/consulter",
             Success({{"parametres", json::object()}}));
  check(Client().ConsulterStructure(1));
  EXPECT_GE(errors, 8);
  EXPECT_GE(scrubbed,
            3);  // echoed secrets were replaced, the rest of the text kept

  std::vector<std::string> lines = sink_->last_formatted();
  EXPECT_GT(lines.size(), 10u);  // the calls were logged...
  bool saw_status = false;
  for (const std::string& line : lines) {
    ExpectClean(line, "log line");  // ...without a secret
    saw_status = saw_status || line.find("HTTP 429") != std::string::npos;
  }
  EXPECT_TRUE(saw_status) << "log lines name the status of each attempt";
  // The requests did carry the secrets: the test would notice a leak.
  bool carried = false;
  for (const auto& r : http_.requests()) {
    carried = carried || RequestHeader(r, "cpro-account") == Secrets()[4];
  }
  EXPECT_TRUE(carried);
}

}  // namespace
}  // namespace chorus::testing

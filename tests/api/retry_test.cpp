// Retries: which failures are tried again, how long the client waits, when
// it stops, and why a deposit is never sent twice when it may have arrived.
#include <gtest/gtest.h>

#include <ctime>

#include "client_fixture.h"

namespace chorus::testing {
namespace {

using api::ApiErrorKind;
using api::TransportFailure;
using std::chrono::milliseconds;

constexpr char kSearch[] = "/cpro/structures/v1/rechercher";
constexpr char kDeposit[] = "/cpro/factures/v1/deposer/flux";

class RetryTest : public ClientTest {
 protected:
  RetryTest() { ScriptToken(); }
  api::ApiResult<std::vector<api::Structure>> Search() {
    return Client().RechercherStructure("1");
  }
  api::ApiResult<api::DepositAnswer> Deposit() {
    return Client().DeposerFlux(
        {"<Invoice/>", "FA-1.xml", "IN_DP_E1_UBL_INVOICE", false});
  }
  static api::HttpResponse Status(int status, api::Headers headers = {}) {
    return JsonAnswer(status, nlohmann::json::object(), std::move(headers));
  }
  static api::HttpResponse Deposited() {
    return Success({{"numeroFluxDepot", "CPP0011110000000000001557"}});
  }
};

TEST_F(RetryTest, RetryAfterInSecondsIsHonoured) {
  http_.Push(kSearch, Status(429, {{"retry-after", "7"}}));
  http_.Push(kSearch, Success());
  ASSERT_TRUE(Search().ok());
  ASSERT_EQ(clock_.sleeps().size(), 1u);
  EXPECT_EQ(clock_.sleeps()[0],
            milliseconds(7000));  // the jittered wait is at most 500 ms
}

TEST_F(RetryTest, RetryAfterAsHttpDateCountsFromTheAnswersDate) {
  http_.Push(kSearch,
             Status(429, {{"date", "Thu, 26 Nov 2026 10:00:00 GMT"},
                          {"retry-after", "Thu, 26 Nov 2026 10:00:12 GMT"}}));
  http_.Push(kSearch, Success());
  ASSERT_TRUE(Search().ok());
  ASSERT_EQ(clock_.sleeps().size(), 1u);
  EXPECT_EQ(clock_.sleeps()[0], milliseconds(12000));
}

TEST_F(RetryTest, RetryAfterAsHttpDateWithoutDateUsesTheSystemClock) {
  std::time_t when = std::time(nullptr) + 30;
  char text[64];
  std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT",
                std::gmtime(&when));
  http_.Push(kSearch, Status(503, {{"retry-after", text}}));
  http_.Push(kSearch, Success());
  ASSERT_TRUE(Search().ok());
  ASSERT_EQ(clock_.sleeps().size(), 1u);
  EXPECT_GE(clock_.sleeps()[0], milliseconds(28000));
  EXPECT_LE(clock_.sleeps()[0], milliseconds(30000));
}

TEST_F(RetryTest, ServerErrorsBackOffWithFullJitterUntilTheDeadline) {
  policy_.max_attempts = 1000;
  policy_.base_delay = milliseconds(500);
  policy_.max_delay = milliseconds(4000);
  policy_.deadline = milliseconds(20000);
  http_.Always(kSearch, Status(500));
  auto r = Search();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ApiErrorKind::kDeadline);
  EXPECT_EQ(r.error().http_status, 500);
  EXPECT_NE(r.error().message.find("HTTP 500"), std::string::npos)
      << r.error().message;
  EXPECT_LE(clock_.Slept(), milliseconds(20000));
  const auto& sleeps = clock_.sleeps();
  ASSERT_GE(sleeps.size(), 4u);
  EXPECT_EQ(http_.RequestsTo(kSearch).size(), sleeps.size() + 1);
  bool below_cap = false;
  for (std::size_t i = 0; i < sleeps.size(); ++i) {
    const milliseconds cap =
        std::min(milliseconds(4000),
                 milliseconds(500) * (1 << std::min<std::size_t>(i, 20)));
    EXPECT_LE(sleeps[i], cap) << "wait " << i;
    EXPECT_GE(sleeps[i], milliseconds(0));
    below_cap = below_cap || sleeps[i] < cap;
  }
  EXPECT_TRUE(below_cap)
      << "full jitter waits are random, not the cap every time";
}

TEST_F(RetryTest, AFixedSeedGivesTheSameWaits) {
  policy_.max_attempts = 6;
  http_.Always(kSearch, Status(502));
  ASSERT_FALSE(Search().ok());
  std::vector<milliseconds> first = clock_.sleeps();

  FakeHttpClient http2;
  FakeClock clock2;
  http2.Push(kTokenPath,
             JsonAnswer(200, {{"access_token", "t"}, {"expires_in", 3600}}));
  http2.Always(kSearch, Status(502));
  api::ChorusProClient again(http2, endpoints_, creds_, policy_, clock2);
  ASSERT_FALSE(again.RechercherStructure("1").ok());
  EXPECT_EQ(clock2.sleeps(), first);
  EXPECT_EQ(first.size(), 5u);
}

TEST_F(RetryTest, AttemptsRunOutWithTheLastKind) {
  policy_.max_attempts = 3;
  http_.Always(kSearch, Status(503));
  auto r = Search();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ApiErrorKind::kServer);
  EXPECT_EQ(http_.RequestsTo(kSearch).size(), 3u);
  EXPECT_EQ(r.error().ToError().kind, Error::Kind::kNetwork);
}

TEST_F(RetryTest, PersistentRateLimitIsReportedAsSuch) {
  policy_.max_attempts = 2;
  http_.Always(kSearch, Status(429, {{"retry-after", "1"}}));
  auto r = Search();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ApiErrorKind::kRateLimited);
  EXPECT_EQ(r.error().http_status, 429);
}

TEST_F(RetryTest, RetryAfterBeyondTheDeadlineStopsWithoutWaiting) {
  policy_.deadline = milliseconds(10000);
  http_.Push(kSearch, Status(429, {{"retry-after", "60"}}));
  auto r = Search();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ApiErrorKind::kDeadline);
  EXPECT_TRUE(clock_.sleeps().empty());
}

TEST_F(RetryTest, ConnectionFailuresAreRetriedAndReadsSurviveALostAnswer) {
  http_.Push(kSearch, TransportFailed(TransportFailure::kConnect));
  http_.Push(kSearch, TransportFailed(TransportFailure::kResolve));
  http_.Push(kSearch, TransportFailed(TransportFailure::kSentNoAnswer));
  http_.Push(kSearch,
             TransportFailed(TransportFailure::kTimeout, /*sent=*/true));
  http_.Push(kSearch, Success());
  EXPECT_TRUE(Search().ok());
  EXPECT_EQ(http_.RequestsTo(kSearch).size(), 5u);
}

TEST_F(RetryTest, TlsFailureIsNotRetried) {
  http_.Always(kSearch, TransportFailed(TransportFailure::kTls));
  auto r = Search();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ApiErrorKind::kUnreachable);
  EXPECT_EQ(http_.RequestsTo(kSearch).size(), 1u);
}

TEST_F(RetryTest, UnreachableAfterAllAttempts) {
  policy_.max_attempts = 4;
  http_.Always(kSearch, TransportFailed(TransportFailure::kConnect));
  auto r = Search();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ApiErrorKind::kUnreachable);
  EXPECT_EQ(http_.RequestsTo(kSearch).size(), 4u);
}

TEST_F(RetryTest, DepositLostAfterSendingIsAnUnknownOutcomeNeverRetried) {
  http_.Push(kDeposit, TransportFailed(TransportFailure::kSentNoAnswer));
  http_.Always(kDeposit, Deposited());
  auto r = Deposit();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ApiErrorKind::kUnknownOutcome);
  EXPECT_EQ(r.error().operation, "deposer/flux");
  EXPECT_EQ(http_.RequestsTo(kDeposit).size(), 1u);
  EXPECT_TRUE(clock_.sleeps().empty());
  EXPECT_EQ(r.error().ToError().kind, Error::Kind::kNetwork);
}

TEST_F(RetryTest, DepositTimingOutAfterSendingIsAnUnknownOutcome) {
  http_.Push(kDeposit,
             TransportFailed(TransportFailure::kTimeout, /*sent=*/true));
  http_.Always(kDeposit, Deposited());
  auto r = Deposit();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ApiErrorKind::kUnknownOutcome);
  EXPECT_EQ(http_.RequestsTo(kDeposit).size(), 1u);
}

TEST_F(RetryTest, DepositNeverSentIsRetried) {
  http_.Push(kDeposit, TransportFailed(TransportFailure::kConnect));
  http_.Push(kDeposit,
             TransportFailed(TransportFailure::kTimeout, /*sent=*/false));
  http_.Push(kDeposit, Status(429, {{"retry-after", "2"}}));
  http_.Push(kDeposit, Status(503));
  http_.Push(kDeposit, Deposited());
  auto r = Deposit();
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->numero_flux_depot, "CPP0011110000000000001557");
  auto sent = http_.RequestsTo(kDeposit);
  EXPECT_EQ(sent.size(), 5u);
  for (const auto& request : sent) EXPECT_FALSE(request.idempotent);
}

TEST_F(RetryTest, DepositAnswered500Or502Or504IsAnUnknownOutcome) {
  for (int status : {500, 502, 504}) {
    http_.Push(kDeposit, Status(status));
    http_.Push(kDeposit, Deposited());
    auto r = Deposit();
    ASSERT_FALSE(r.ok()) << status;
    EXPECT_EQ(r.error().kind, ApiErrorKind::kUnknownOutcome) << status;
    EXPECT_EQ(r.error().http_status, status);
    ASSERT_TRUE(Deposit().ok());  // consumes the scripted success
  }
  EXPECT_EQ(http_.RequestsTo(kDeposit).size(), 6u);
}

TEST_F(RetryTest, ReadsAreMarkedIdempotent) {
  http_.Always(kSearch, Success());
  ASSERT_TRUE(Search().ok());
  EXPECT_TRUE(http_.RequestsTo(kSearch).at(0).idempotent);
}

}  // namespace
}  // namespace chorus::testing

// The small pure functions of the api module.
#include <gtest/gtest.h>

#include <random>
#include <set>

#include "chorus/api/base64.h"
#include "chorus/api/chorus_pro.h"
#include "chorus/api/http.h"

namespace chorus::api {
namespace {

TEST(Base64, KnownVectors) {
  // RFC 4648 section 10.
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("foo"), "Zm9v");
  EXPECT_EQ(Base64Encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64Decode("Zm9vYg==").value_or("?"), "foob");
  EXPECT_EQ(Base64Decode("Zm9vYmE=").value_or("?"), "fooba");
}

TEST(Base64, RoundTripsEveryLengthAndByte) {
  std::mt19937 rng(7);
  for (std::size_t len = 0; len < 300; ++len) {
    std::string bytes(len, '\0');
    for (char& c : bytes) c = static_cast<char>(rng() & 0xFF);
    std::string text = Base64Encode(bytes);
    EXPECT_EQ(text.find('\n'), std::string::npos);
    auto back = Base64Decode(text);
    ASSERT_TRUE(back.has_value()) << len;
    EXPECT_EQ(*back, bytes) << len;
  }
}

TEST(Base64, DecodeIgnoresLineBreaksAndRejectsNonBase64) {
  EXPECT_EQ(Base64Decode("Zm9v\r\nYmFy\n").value_or("?"), "foobar");
  EXPECT_FALSE(Base64Decode("Zm9").has_value());  // length not a multiple of 4
  EXPECT_FALSE(Base64Decode("Zm9v!mFy").has_value());  // not in the alphabet
  EXPECT_FALSE(Base64Decode("Zg==Zm9v").has_value());  // padding in the middle
  EXPECT_FALSE(Base64Decode("Z===").has_value());
}

TEST(FormEncode, EscapesReservedCharacters) {
  EXPECT_EQ(
      FormEncode({{"grant_type", "client_credentials"}, {"scope", "openid"}}),
      "grant_type=client_credentials&scope=openid");
  EXPECT_EQ(FormEncode({{"a b", "x&y=z+%/é"}}),
            "a%20b=x%26y%3Dz%2B%25%2F%C3%A9");
  EXPECT_EQ(FormEncode({}), "");
}

TEST(HttpResponse, HeaderIsCaseInsensitiveAndFirstWins) {
  HttpResponse r;
  r.headers = {{"retry-after", "5"}, {"x-dup", "1"}, {"x-dup", "2"}};
  EXPECT_EQ(r.Header("Retry-After"), "5");
  EXPECT_EQ(r.Header("X-DUP"), "1");
  EXPECT_EQ(r.Header("absent"), "");
}

TEST(Names, TransportFailuresAndErrorKindsHaveDistinctNames) {
  std::set<std::string> names;
  for (auto f : {TransportFailure::kResolve, TransportFailure::kConnect,
                 TransportFailure::kTls, TransportFailure::kTimeout,
                 TransportFailure::kSentNoAnswer, TransportFailure::kOther}) {
    names.insert(TransportFailureName(f));
  }
  EXPECT_EQ(names.size(), 6u);
  EXPECT_STREQ(TransportFailureName(TransportFailure::kSentNoAnswer),
               "sent-no-answer");
  names.clear();
  for (int k = 0; k <= static_cast<int>(ApiErrorKind::kBadAnswer); ++k) {
    names.insert(ApiErrorKindName(static_cast<ApiErrorKind>(k)));
  }
  EXPECT_EQ(names.size(), 11u);
  EXPECT_STREQ(ApiErrorKindName(ApiErrorKind::kUnknownOutcome),
               "unknown-outcome");
}

TEST(ApiError, ToErrorMapsToTheDocumentedExitClasses) {
  auto kind_of = [](ApiErrorKind k) {
    ApiError e;
    e.kind = k;
    e.message = "m";
    return e.ToError().kind;
  };
  for (auto k : {ApiErrorKind::kUnreachable, ApiErrorKind::kDeadline,
                 ApiErrorKind::kUnknownOutcome, ApiErrorKind::kRateLimited,
                 ApiErrorKind::kServer}) {
    EXPECT_EQ(kind_of(k), Error::Kind::kNetwork) << ApiErrorKindName(k);
  }
  EXPECT_EQ(kind_of(ApiErrorKind::kFunctional), Error::Kind::kInvalidInput);
  for (auto k : {ApiErrorKind::kBadClient, ApiErrorKind::kUnauthorized,
                 ApiErrorKind::kNotSubscribed, ApiErrorKind::kNotFound,
                 ApiErrorKind::kBadAnswer}) {
    EXPECT_EQ(kind_of(k), Error::Kind::kUsage) << ApiErrorKindName(k);
  }
  ApiError e;
  e.message = "deposer/flux: something";
  EXPECT_EQ(e.ToError().message, "deposer/flux: something");
}

TEST(FlowOutcomeOf, FinalStatesAndEverythingElsePending) {
  EXPECT_EQ(FlowOutcomeOf("IN_INTEGRE"), FlowOutcome::kIntegrated);
  EXPECT_EQ(FlowOutcomeOf("IN_INTEGRE_PARTIEL"), FlowOutcome::kPartial);
  EXPECT_EQ(FlowOutcomeOf("IN_REJETE"), FlowOutcome::kRejected);
  for (const char* s : {"IN_RECU", "IN_EN_COURS_TRAITEMENT_CPP", "IN_INCIDENTE",
                        "IN_SOMETHING_NEW", ""}) {
    EXPECT_EQ(FlowOutcomeOf(s), FlowOutcome::kPending) << s;
  }
}

TEST(SyntaxeFluxFor, DocumentKinds) {
  EXPECT_STREQ(SyntaxeFluxFor("ubl"), "IN_DP_E1_UBL_INVOICE");
  EXPECT_STREQ(SyntaxeFluxFor("cii"), "IN_DP_E1_CII_16B");
  EXPECT_STREQ(SyntaxeFluxFor("facturx"), "IN_DP_E2_CII_FACTURX");
  EXPECT_STREQ(SyntaxeFluxFor("pdf"), "");
}

}  // namespace
}  // namespace chorus::api

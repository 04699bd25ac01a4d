// JsonInteger: numbers and digit strings alike, nothing else.
#include "chorus/util/json_integer.h"

#include <gtest/gtest.h>

namespace chorus {
namespace {

using nlohmann::json;

TEST(JsonInteger, NumbersAndDigitStringsAlike) {
  EXPECT_EQ(JsonInteger(json(42)), 42);
  EXPECT_EQ(JsonInteger(json("42")), 42);
  EXPECT_EQ(JsonInteger(json("-7")), -7);
  EXPECT_EQ(JsonInteger(json(3600.0)), 3600);
  EXPECT_EQ(JsonInteger(json("9223372036854775807")), INT64_MAX);
}

TEST(JsonInteger, AnythingElseIsNoInteger) {
  for (const json& v : {json("12abc"), json(" 12"), json(""), json("1.5"),
                        json(1.5), json(true), json(nullptr), json::array({1}),
                        json::object(), json("9223372036854775808"),
                        json(18446744073709551615ull), json(1e300)}) {
    EXPECT_FALSE(JsonInteger(v).has_value()) << v.dump();
  }
}

TEST(JsonInteger, MemberOfAnObjectOnly) {
  json j = {{"idStructure", "25"}, {"page", 2}};
  EXPECT_EQ(JsonIntegerMember(j, "idStructure"), 25);
  EXPECT_EQ(JsonIntegerMember(j, "page"), 2);
  EXPECT_FALSE(JsonIntegerMember(j, "missing").has_value());
  EXPECT_FALSE(JsonIntegerMember(json::array(), "page").has_value());
}

}  // namespace
}  // namespace chorus

// The TOML subset: what it reads, what it refuses (with line numbers), and
// that writing then reading gives the same values back.
#include "chorus/config/toml.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace chorus::config {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(Toml, ReadsTablesStringsIntegersBooleans) {
  auto doc = ParseToml(
      "# comment\n"
      "env = \"local\"   # trailing comment\n"
      "\n"
      "[env.local]\n"
      "url = 'https://127.0.0.1:8443'\n"
      "retries = 3\n"
      "big = 1_000_000\n"
      "neg = -5\n"
      "flag = true\n"
      "off = false\n"
      "esc = \"a\\\"b\\\\c\\n\\u00e9\\U0001F600\"\n"
      "  [ env.sandbox ]  \n"
      "\"quoted key\" = \"x # not a comment\"\r\n",
      "cfg.toml");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  ASSERT_EQ(doc->tables.size(), 3u);
  EXPECT_EQ(std::get<std::string>(doc->tables[0].Find("env")->value), "local");
  EXPECT_EQ(doc->tables[0].Find("env")->line, 2);
  const TomlTable* local = doc->Find("env.local");
  ASSERT_NE(local, nullptr);
  EXPECT_EQ(local->line, 4);
  EXPECT_EQ(std::get<std::string>(local->Find("url")->value),
            "https://127.0.0.1:8443");
  EXPECT_EQ(std::get<std::int64_t>(local->Find("retries")->value), 3);
  EXPECT_EQ(std::get<std::int64_t>(local->Find("big")->value), 1000000);
  EXPECT_EQ(std::get<std::int64_t>(local->Find("neg")->value), -5);
  EXPECT_TRUE(std::get<bool>(local->Find("flag")->value));
  EXPECT_FALSE(std::get<bool>(local->Find("off")->value));
  EXPECT_EQ(std::get<std::string>(local->Find("esc")->value),
            "a\"b\\c\n\xC3\xA9\xF0\x9F\x98\x80");
  const TomlTable* sandbox = doc->Find("env.sandbox");
  ASSERT_NE(sandbox, nullptr);
  EXPECT_EQ(std::get<std::string>(sandbox->Find("quoted key")->value),
            "x # not a comment");
}

struct BadCase {
  const char* text;
  const char* expected;  // substring of the message, after "f.toml:<line>: "
  int line;
};

TEST(Toml, RefusesWhatItDoesNotUnderstandNamingTheLine) {
  const BadCase cases[] = {
      {"a = [1, 2]\n", "arrays", 1},
      {"x = 1\na = {b = 1}\n", "inline tables", 2},
      {"a = 1.5\n", "not a string, integer or boolean", 1},
      {"a = hello\n", "strings need quotes", 1},
      {"a = \"open\n", "unterminated string", 1},
      {"a = \"\"\"multi\n", "multi-line", 1},
      {"a = \"bad \\q\"\n", "unknown escape", 1},
      {"a = \"\\uD800\"\n", "bad \\u escape", 1},
      {"a = 99999999999999999999\n", "out of range", 1},
      {"a = 1__0\n", "not a string, integer or boolean", 1},
      {"\n\n[[servers]]\n", "arrays of tables", 3},
      {"[env\n", "expected '.' or ']'", 1},
      {"[a]\nx=1\n[a]\n", "defined twice", 3},
      {"a = 1\na = 2\n", "set twice", 2},
      {"a.b = 1\n", "dotted keys", 1},
      {"a 1\n", "expected '='", 1},
      {"= 1\n", "expected a key", 1},
      {"a = 1 2\n", "unexpected text", 1},
      {"a =\n", "missing value", 1},
      {"[t] x\n", "unexpected text after the table header", 1},
  };
  for (const auto& c : cases) {
    auto doc = ParseToml(c.text, "f.toml");
    ASSERT_FALSE(doc.ok()) << c.text;
    EXPECT_THAT(doc.error().message,
                HasSubstr("f.toml:" + std::to_string(c.line) + ": "))
        << c.text;
    EXPECT_THAT(doc.error().message, HasSubstr(c.expected)) << c.text;
  }
}

TEST(Toml, AnUnquotedValueIsNotQuotedBackItMayBeASecret) {
  for (const char* text :
       {"client_secret = s3cr3t-Value\n", "tech_password = 12x34\n",
        "key_password = 123456789012345678901234567\n"}) {
    auto doc = ParseToml(text, "f.toml");
    ASSERT_FALSE(doc.ok()) << text;
    EXPECT_THAT(doc.error().message, HasSubstr("f.toml:1: ")) << text;
    for (const char* secret : {"s3cr3t", "12x34", "1234567890123"}) {
      EXPECT_THAT(doc.error().message, Not(HasSubstr(secret))) << text;
    }
  }
}

TEST(Toml, WriteThenReadGivesTheSameValues) {
  TomlDocument doc;
  doc.tables[0].Set("env", std::string("sandbox"));
  TomlTable& t = doc.GetOrAdd("env.sandbox");
  t.Set("client_id", std::string("id with \"quotes\" and \\ and\ttab\x01"));
  t.Set("retries", std::int64_t{-42});
  t.Set("on", true);
  t.Set("odd key", std::string("caf\xC3\xA9"));
  t.Set("retries", std::int64_t{7});  // replaces
  std::string text = WriteToml(doc);
  auto back = ParseToml(text, "w.toml");
  ASSERT_TRUE(back.ok()) << back.error().message << "\n" << text;
  ASSERT_EQ(back->tables.size(), 2u);
  const TomlTable* bt = back->Find("env.sandbox");
  ASSERT_NE(bt, nullptr);
  ASSERT_EQ(bt->entries.size(), t.entries.size());
  for (std::size_t i = 0; i < t.entries.size(); ++i) {
    EXPECT_EQ(bt->entries[i].key, t.entries[i].key);
    EXPECT_EQ(bt->entries[i].value, t.entries[i].value) << t.entries[i].key;
  }
  EXPECT_EQ(std::get<std::int64_t>(bt->Find("retries")->value), 7);
}

TEST(Toml, EmptyAndCommentOnlyDocuments) {
  for (const char* text : {"", "\n", "# only a comment", "   \n\t\n"}) {
    auto doc = ParseToml(text, "e.toml");
    ASSERT_TRUE(doc.ok()) << text;
    EXPECT_EQ(doc->tables.size(), 1u);
    EXPECT_TRUE(doc->tables[0].entries.empty());
  }
}

}  // namespace
}  // namespace chorus::config

// The inline tests of the code-list rules answer as the exact ones: the
// short codes and their memos, compiled attribute names, and the walk's
// helpers, each against the general path, edge cases included.
#include <gtest/gtest.h>

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "../src/rules/code_lists.h"
#include "../src/rules/code_lists_eval.h"
#include "../src/rules/doc_index.h"
#include "chorus/format/document.h"

namespace chorus {
namespace {

// Every code of `list` and its near misses: edited, cut, lengthened,
// lower-cased, padded, or holding a control byte or a NUL.
std::vector<std::string> CodesAndNearMisses(rules::CodeList list) {
  std::vector<std::string> values = {"",   " ",        "A",
                                     "\t", "ZZZZZZZZ", std::string(1, '\0')};
  std::istringstream codes{std::string(rules::CodeListLiteral(list))};
  for (std::string code; codes >> code;) {
    values.push_back(code);
    values.push_back(code + "X");
    values.push_back(code.substr(0, code.size() - 1));
    values.push_back(code.substr(1));
    values.push_back(" " + code);
    values.push_back(code + " ");
    values.push_back(code + std::string(1, '\0'));
    values.push_back(code + std::string(2, '\0'));
    values.push_back(std::string(1, '\0') + code);
    values.push_back(std::string(1, '\x01') + code);
    std::string edited = code;
    edited.back() = static_cast<char>(edited.back() ^ 1);
    values.push_back(edited);
    std::string lower = code;
    for (char& c : lower) c = static_cast<char>(std::tolower(c));
    values.push_back(lower);
  }
  return values;
}

// The inline tests answer as the exact contains() for every code of every
// list and for near misses: PackCode then the list's ShortCodes, and
// IsShortCode, which never says yes where the exact test says no, and
// says no only where PackCode does not pack (whitespace, NUL, length) or
// the exact test says no too (a trailing NUL, "EUR\0", packs as the code
// but is no code).
TEST(CodeListRules, ShortCodesAnswerAsTheExactTest) {
  using rules::CodeList;
  std::size_t packed = 0;
  std::size_t hits = 0;
  for (std::size_t l = 0; l < rules::kCodeListCount; ++l) {
    const auto list = static_cast<CodeList>(l);
    for (const std::string& v : CodesAndNearMisses(list)) {
      const bool exact = rules::ListHasPadded(list, v);
      const std::string where =
          std::string(rules::CodeListName(list)) + " '" + v + "'";
      if (rules::IsShortCode(list, v)) {
        ++hits;
        EXPECT_TRUE(exact) << where;
      }
      const uint64_t key = rules::PackCode(v);
      if (key == 0) {
        // Not packed: only values the inline test must leave alone.
        EXPECT_TRUE(v.empty() || v.size() > 8 ||
                    v.find_first_of(std::string(" \t\r\n\0\x01", 6)) !=
                        std::string::npos)
            << where;
        continue;
      }
      ++packed;
      EXPECT_EQ(rules::ShortCodesOf(list).Contains(key), exact) << where;
      EXPECT_EQ(rules::IsShortCode(list, v), exact) << where;
    }
  }
  EXPECT_GT(packed, std::size_t{20000});
  EXPECT_GT(hits, std::size_t{5000});
  EXPECT_FALSE(rules::IsShortCode(CodeList::kIso4217, std::string("EUR\0", 4)));
  EXPECT_TRUE(rules::IsShortCode(CodeList::kIso4217, "EUR"));
}

// A UBL invoice holding `body`, and its index (views into the document:
// both live as long as this).
struct UblIndexed {
  std::unique_ptr<XmlDocument> doc;
  std::shared_ptr<const rules::DocIndex> index;  // null: no document
};
UblIndexed UblIndex(const std::string& body) {
  auto loaded = LoadDocumentBuffer(
      "<Invoice xmlns='urn:oasis:names:specification:ubl:schema:xsd:"
      "Invoice-2'>" +
          body + "</Invoice>",
      "test.xml");
  if (!loaded.ok()) return {};
  UblIndexed out{std::move(loaded.value()), nullptr};
  out.index = rules::MakeDocIndex(*out.doc);
  return out;
}

// Walk::IsRepeatedCode, which remembers each list's last code, answers as
// IsShortCode whatever came before: a code again, another code, a miss
// after a hit, and the values with no key (empty, a trailing NUL, too long)
// even before any code was met.
TEST(CodeListRules, RepeatedCodesAnswerAsShortCodes) {
  using rules::CodeList;
  const UblIndexed indexed = UblIndex("");
  ASSERT_NE(indexed.index, nullptr);
  const rules::DocIndex* index = indexed.index.get();
  const rules::code_lists_eval::Walk w(*index);
  std::size_t hits = 0;
  for (std::size_t l = 0; l < rules::kCodeListCount; ++l) {
    const auto list = static_cast<CodeList>(l);
    const rules::ShortCodes::Probe& codes = rules::ShortCodesOf(list).probe();
    std::vector<std::string> values = {"", std::string("\0", 1),
                                       std::string("EUR\0", 4), "123456789"};
    for (const std::string& v : CodesAndNearMisses(list)) {
      values.push_back(v);
      values.push_back(v);
    }
    values.push_back("");
    for (const std::string& v : values) {
      const bool expected = rules::IsShortCode(list, v);
      hits += expected ? 1 : 0;
      EXPECT_EQ(w.IsRepeatedCode(list, codes, v), expected)
          << rules::CodeListName(list) << " '" << v << "'";
    }
  }
  EXPECT_GT(hits, std::size_t{5000});
}

// IsRepeatedCode's memos outlive a walk (kept per thread): a later walk,
// over another document, answers as IsShortCode whatever codes the one
// before left there, and so does a walk on a thread whose memos are new;
// so does StringValue through the buffers the walks share.
TEST(CodeListRules, RepeatedCodesHoldAcrossWalks) {
  using rules::CodeList;
  using rules::code_lists_eval::Walk;
  const UblIndexed first = UblIndex("<a>x<b>y</b></a>");
  const UblIndexed second = UblIndex("<a>z<b>w</b>v</a>");
  ASSERT_NE(first.index, nullptr);
  ASSERT_NE(second.index, nullptr);
  const std::vector<std::string> values = {
      "EUR", "EUR",       "USD", "XXX", "", std::string("EUR\0", 4),
      "C62", "123456789", "EUR"};
  auto check = [&values](const Walk& w) {
    for (CodeList list : {CodeList::kIso4217, CodeList::kUnece20And21}) {
      const rules::ShortCodes::Probe& codes = rules::ShortCodesOf(list).probe();
      for (const std::string& v : values) {
        EXPECT_EQ(w.IsRepeatedCode(list, codes, v), rules::IsShortCode(list, v))
            << rules::CodeListName(list) << " '" << v << "'";
      }
    }
  };
  {
    const Walk w(*first.index);
    check(w);
    EXPECT_EQ(w.StringValue(1), "xy");
  }
  {
    const Walk w(*second.index);
    check(w);
    EXPECT_EQ(w.StringValue(1), "zwv");
  }
  std::thread other([&] {
    const Walk w(*second.index);
    check(w);
    EXPECT_EQ(w.StringValue(1), "zwv");
  });
  other.join();
}

// A huge nested value (its buffer then released for the next walk) reads
// whole, and the walks after it read theirs.
TEST(CodeListRules, HugeValueReadsAcrossWalks) {
  const std::string huge(std::size_t{1} << 17, 'h');
  const UblIndexed big = UblIndex("<a>" + huge + "<b>y</b></a>");
  const UblIndexed small = UblIndex("<a>z<b>w</b>v</a>");
  ASSERT_NE(big.index, nullptr);
  ASSERT_NE(small.index, nullptr);
  for (int round = 0; round < 2; ++round) {
    {
      const rules::code_lists_eval::Walk w(*big.index);
      EXPECT_EQ(w.StringValue(1), huge + "y");
    }
    const rules::code_lists_eval::Walk w(*small.index);
    EXPECT_EQ(w.StringValue(1), "zwv");
  }
}

// Walk::HasAncestor of two names climbs once and answers as the two
// one-name climbs: either name, both, neither, the element itself not
// counted, the root having no ancestor.
TEST(CodeListRules, HasAncestorOfTwoNamesIsEither) {
  // In the invoice's namespace (the default one).
  const UblIndexed indexed =
      UblIndex("<A><B><C/></B><C/></A><B><A/><D><E><C/></E></D></B>");
  ASSERT_NE(indexed.index, nullptr);
  const rules::code_lists_eval::Walk w(*indexed.index);
  int either = 0;
  for (int32_t i = 0; i < indexed.index->size(); ++i) {
    for (const int ns : {int{rules::kNsInvoice}, int{rules::kNsCac}}) {
      for (const auto& [a, b] : {std::pair{"A", "B"}, std::pair{"E", "Z"},
                                 std::pair{"Z", "D"}, std::pair{"Z", "Y"}}) {
        const bool expected =
            w.HasAncestor(i, ns, a) || w.HasAncestor(i, ns, b);
        EXPECT_EQ(w.HasAncestor(i, ns, a, b), expected)
            << i << " " << ns << " " << a << " " << b;
        either += expected ? 1 : 0;
      }
    }
  }
  EXPECT_GT(either, 8);
}

// WordName::Is is string equality for the names it takes (8 to 16 bytes),
// whatever byte differs, and whatever the other name's length.
TEST(CodeListRules, WordNameIsExactEquality) {
  using rules::code_lists_eval::WordName;
  for (const std::string name :
       {"unitCode", "schemeID", "currencyID", "0123456789abcdef"}) {
    ASSERT_TRUE(WordName::Fits(name));
    const WordName word(name);
    std::vector<std::string> others = {name,
                                       "",
                                       "ID",
                                       name + "x",
                                       name.substr(1),
                                       name.substr(0, 7),
                                       "x" + name.substr(1)};
    for (std::size_t i = 0; i < name.size(); ++i) {
      std::string edited = name;
      edited[i] = static_cast<char>(edited[i] ^ 0x20);
      others.push_back(edited);
    }
    for (const std::string& other : others) {
      EXPECT_EQ(word.Is(other), other == name) << name << " vs " << other;
    }
  }
  EXPECT_FALSE(WordName::Fits("listID"));
  EXPECT_FALSE(WordName::Fits("0123456789abcdefg"));
}

// Walk::Attribute by WordName, which tests the first attribute before the
// loop, finds what the lookup by name finds: the first, a later or the
// last attribute, none on an element without, nothing for a name absent.
TEST(CodeListRules, AttributeByWordNameFindsAsByName) {
  using rules::code_lists_eval::WordName;
  const UblIndexed indexed = UblIndex(
      "<a currencyID='1'/><b unitCode='2' currencyID='3'/>"
      "<c schemeID='4' unitCode='5' currencyID='6'/><d/>");
  ASSERT_NE(indexed.index, nullptr);
  const rules::DocIndex* index = indexed.index.get();
  const rules::code_lists_eval::Walk w(*index);
  int found = 0;
  for (int32_t i = 0; i < index->size(); ++i) {
    for (const char* name :
         {"currencyID", "unitCode", "schemeID", "currencyIE", "listAgencyID"}) {
      const auto* by_name = w.Attribute(i, std::string_view(name));
      EXPECT_EQ(w.Attribute(i, WordName(name)), by_name) << i << " " << name;
      found += by_name != nullptr ? 1 : 0;
    }
  }
  EXPECT_EQ(found, 6);
}

}  // namespace
}  // namespace chorus

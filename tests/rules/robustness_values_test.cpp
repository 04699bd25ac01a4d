// Robustness of the rule verdicts on unusual amount spellings, and a
// mutation sweep over real documents: every leaf element's text replaced in
// turn by hostile values must give a verdict (never a crash or a hang) and
// must not let a broken total pass.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <pugixml.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "chorus/rules/rules.h"
#include "rules/robustness_invoice.h"
#include "support/test_env.h"

namespace chorus {
namespace {

using robustness::Check;
using robustness::Cii;
using robustness::Fatals;
using robustness::Has;
using robustness::Outcome;
using robustness::Spec;
using robustness::Ubl;
using ::testing::IsEmpty;
using ::testing::Not;

// One line of `amount`, every total `total` (the skeleton is zero-rated, so
// all totals are the line amount).
Spec OneLine(const std::string& amount, const std::string& total) {
  Spec s;
  s.amount = [amount](int) { return amount; };
  s.total = total;
  return s;
}

std::string Name(bool ubl) { return ubl ? "UBL" : "CII"; }

// xs:decimal accepts a sign, a missing integer or fraction part and
// negative zero; the string tests of BR-DEC-* see the text after the point.
TEST(RobustnessValuesTest, DecimalSpellingsXsDecimalAccepts) {
  for (const char* v : {"+5.00", ".50", "5.", "-0.00", "+.5", "0005.10"}) {
    for (bool ubl : {true, false}) {
      Spec s = OneLine(v, v);
      Outcome o = Check(ubl ? Ubl(s) : Cii(s));
      ASSERT_TRUE(o.loaded);
      EXPECT_THAT(Fatals(o.rules), IsEmpty()) << Name(ubl) << " " << v;
    }
  }
  // Totals spelled differently from the lines: equal as numbers.
  for (bool ubl : {true, false}) {
    Spec s = OneLine("+5.", "5.00");
    Outcome o = Check(ubl ? Ubl(s) : Cii(s));
    EXPECT_THAT(Fatals(o.rules), IsEmpty()) << Name(ubl);
  }
}

TEST(RobustnessValuesTest, DecimalsAreCountedAsWritten) {
  for (bool ubl : {true, false}) {
    // Equal in value, three decimals as written.
    Outcome line = Check(ubl ? Ubl(OneLine("5.000", "5.00"))
                             : Cii(OneLine("5.000", "5.00")));
    EXPECT_TRUE(Has(line.rules, "BR-DEC-23")) << Name(ubl);
    EXPECT_FALSE(Has(line.rules, "BR-CO-10")) << Name(ubl);
    EXPECT_FALSE(Has(line.rules, "BR-DEC-09")) << Name(ubl);

    Outcome totals = Check(ubl ? Ubl(OneLine("5.00", "5.000"))
                               : Cii(OneLine("5.00", "5.000")));
    for (const char* id :
         {"BR-DEC-09", "BR-DEC-12", "BR-DEC-14", "BR-DEC-18", "BR-DEC-19"}) {
      EXPECT_TRUE(Has(totals.rules, id)) << Name(ubl) << " " << id;
    }
    EXPECT_FALSE(Has(totals.rules, "BR-DEC-23")) << Name(ubl);
    EXPECT_FALSE(Has(totals.rules, "BR-CO-10")) << Name(ubl);
  }
}

// Casting to xs:decimal collapses whitespace, so the sums hold; the BR-DEC
// string test counts trailing blanks after the point (the official
// substring-after does not trim).
TEST(RobustnessValuesTest, WhitespaceAroundAmounts) {
  for (bool ubl : {true, false}) {
    Outcome leading = Check(ubl ? Ubl(OneLine(" 100.00", "\n100.00"))
                                : Cii(OneLine(" 100.00", "\n100.00")));
    ASSERT_TRUE(leading.loaded);
    EXPECT_THAT(Fatals(leading.rules), IsEmpty()) << Name(ubl);

    Outcome trailing = Check(ubl ? Ubl(OneLine(" 100.00 ", "100.00"))
                                 : Cii(OneLine(" 100.00 ", "100.00")));
    ASSERT_TRUE(trailing.loaded);
    EXPECT_FALSE(Has(trailing.rules, "BR-CO-10")) << Name(ubl);
    EXPECT_TRUE(Has(trailing.rules, "BR-DEC-23")) << Name(ubl);

    Outcome total = Check(ubl ? Ubl(OneLine("100.00", "100.00 "))
                              : Cii(OneLine("100.00", "100.00 ")));
    EXPECT_FALSE(Has(total.rules, "BR-CO-10")) << Name(ubl);
    EXPECT_TRUE(Has(total.rules, "BR-DEC-09")) << Name(ubl);
  }
}

// xs:decimal('1E2') and xs:decimal('100 .00') are cast errors: the
// official XSLT stops. chorus reports the sum rule as failed instead, and
// never passes it. (CII sums the line amounts with fn:sum, as xs:double, and
// casts the sum: there "1E2" is 100 and passes.)
TEST(RobustnessValuesTest, NonDecimalAmountsNeverPassTheSums) {
  for (const char* v : {"1E2", "100 .00", "1e2", "1E400", "abc", "", "NaN",
                        "INF", "1,00", "0x64", "--1"}) {
    for (bool ubl : {true, false}) {
      // In the line only: the total is a fine 100.00.
      Outcome line =
          Check(ubl ? Ubl(OneLine(v, "100.00")) : Cii(OneLine(v, "100.00")));
      ASSERT_TRUE(line.loaded);
      const bool double_100 = !ubl && (std::string_view(v) == "1E2" ||
                                       std::string_view(v) == "1e2");
      EXPECT_EQ(Has(line.rules, "BR-CO-10"), !double_100)
          << Name(ubl) << " [" << v << "]";
      // Everywhere: nothing to compare, still not a pass.
      Outcome all = Check(ubl ? Ubl(OneLine(v, v)) : Cii(OneLine(v, v)));
      ASSERT_TRUE(all.loaded);
      EXPECT_TRUE(Has(all.rules, "BR-CO-10")) << Name(ubl) << " [" << v << "]";
    }
  }
}

// BR-27 "(price) >= 0" compares the untyped price as xs:double: exponents
// and INF are numbers there (1E400 overflows to INF, -1E-400 underflows to
// -0), NaN is not >= 0 and "abc" is a cast error.
TEST(RobustnessValuesTest, NetPriceComparedAsDouble) {
  for (bool ubl : {true, false}) {
    for (const char* v : {"1E2", "1e2", "INF", "1E400", "-1E-400", " 5 "}) {
      Spec s = OneLine("1.00", "1.00");
      s.price = [v](int) { return v; };
      Outcome o = Check(ubl ? Ubl(s) : Cii(s));
      EXPECT_FALSE(Has(o.rules, "BR-27")) << Name(ubl) << " [" << v << "]";
    }
    for (const char* v : {"-1", "-1E400", "-INF", "NaN", "abc", "", "1 E2"}) {
      Spec s = OneLine("1.00", "1.00");
      s.price = [v](int) { return v; };
      Outcome o = Check(ubl ? Ubl(s) : Cii(s));
      EXPECT_TRUE(Has(o.rules, "BR-27")) << Name(ubl) << " [" << v << "]";
    }
  }
}

// BR-28 "(gross price) >= 0 or no gross price", same comparison.
std::string WithGrossPrice(bool ubl, const std::string& gross) {
  std::string xml =
      ubl ? Ubl(OneLine("1.00", "1.00")) : Cii(OneLine("1.00", "1.00"));
  const std::string at =
      ubl ? "<b:PriceAmount" : "<r:NetPriceProductTradePrice>";
  const std::string end = ubl ? "</b:PriceAmount>" : "";
  std::size_t pos = xml.find(at);
  if (ubl) pos = xml.find(end, pos) + end.size();
  const std::string element =
      ubl ? "<a:AllowanceCharge><b:ChargeIndicator>false</b:ChargeIndicator>"
            "<b:Amount currencyID=\"EUR\">0.00</b:Amount><b:BaseAmount "
            "currencyID=\"EUR\">" +
                gross + "</b:BaseAmount></a:AllowanceCharge>"
          : "<r:GrossPriceProductTradePrice><r:ChargeAmount>" + gross +
                "</r:ChargeAmount></r:GrossPriceProductTradePrice>";
  return xml.insert(pos, element);
}

TEST(RobustnessValuesTest, GrossPriceComparedAsDouble) {
  for (bool ubl : {true, false}) {
    for (const char* v : {"1.00", "1E2", "INF", "1E400", "-0"}) {
      Outcome o = Check(WithGrossPrice(ubl, v));
      ASSERT_TRUE(o.loaded);
      EXPECT_FALSE(Has(o.rules, "BR-28")) << Name(ubl) << " [" << v << "]";
    }
    // "-1E2" is a negative number to XPath although no xs:decimal.
    for (const char* v : {"-1.00", "-1E2", "-INF", "NaN", "abc"}) {
      Outcome o = Check(WithGrossPrice(ubl, v));
      ASSERT_TRUE(o.loaded);
      EXPECT_TRUE(Has(o.rules, "BR-28")) << Name(ubl) << " [" << v << "]";
    }
  }
}

// ---------------------------------------------------------------------------
// Mutation sweep.

constexpr std::string_view kInvoiceRoots[] = {"Invoice", "CreditNote",
                                              "CrossIndustryInvoice"};

std::string_view Local(const pugi::xml_node& n) {
  std::string_view name = n.name();
  std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

bool IsInvoiceRoot(const pugi::xml_node& n) {
  for (std::string_view r : kInvoiceRoots) {
    if (Local(n) == r) return true;
  }
  return false;
}

// The invoice documents of a file: the file itself, or each inline
// document of a CEN unit-test set.
std::vector<std::string> InvoiceDocuments(const std::filesystem::path& file) {
  std::vector<std::string> out;
  pugi::xml_document doc;
  if (!doc.load_file(file.c_str())) return out;
  pugi::xml_node root = doc.document_element();
  if (IsInvoiceRoot(root)) {
    out.push_back(chorus::testing::ReadFile(file));
    return out;
  }
  for (pugi::xml_node test : root.children()) {
    for (pugi::xml_node n : test.children()) {
      if (n.type() != pugi::node_element || !IsInvoiceRoot(n)) continue;
      pugi::xml_document one;
      one.append_copy(n);
      std::ostringstream text;
      one.save(text, "  ");
      out.push_back(text.str());
    }
  }
  return out;
}

// Elements whose value the official rules cast to xs:decimal in a sum or
// total check (BR-CO-10, BR-CO-13, BR-CO-15, BR-CO-16): a broken or changed
// value there can never leave an invoice without a fatal finding.
bool IsCheckedTotal(std::string_view local, std::string_view parent) {
  if (parent == "InvoiceLine" || parent == "CreditNoteLine") {
    return local == "LineExtensionAmount";
  }
  if (parent == "SpecifiedTradeSettlementLineMonetarySummation") {
    return local == "LineTotalAmount";
  }
  if (parent == "LegalMonetaryTotal") {
    return local == "LineExtensionAmount" || local == "TaxExclusiveAmount" ||
           local == "TaxInclusiveAmount" || local == "PayableAmount";
  }
  if (parent == "SpecifiedTradeSettlementHeaderMonetarySummation") {
    return local == "LineTotalAmount" || local == "TaxBasisTotalAmount" ||
           local == "GrandTotalAmount" || local == "DuePayableAmount";
  }
  return false;
}

struct SweepStats {
  int documents = 0;
  int valid_documents = 0;  // no fatal finding before mutation
  int total_checks = 0;     // mutated totals that had to fail
  int runs = 0;
  double slowest = 0;
};

// Checks the document as it stands now: loads, finishes in bounded time,
// and only official rule ids come out.
Outcome CheckMutant(const pugi::xml_document& doc, const std::string& where,
                    SweepStats* stats) {
  constexpr double kMaxSecondsPerDocument = 5.0;
  std::ostringstream text;
  doc.save(text, "", pugi::format_raw);
  Outcome o = Check(text.str());
  ++stats->runs;
  if (o.seconds > stats->slowest) stats->slowest = o.seconds;
  EXPECT_TRUE(o.loaded) << where << ": " << o.error.message;
  EXPECT_LT(o.seconds, kMaxSecondsPerDocument) << where;
  for (const Diagnostic& d : o.rules) {
    // kError is the engine's own "unknown rule id" bug report.
    EXPECT_NE(d.severity, Severity::kError) << where << " " << d.rule;
  }
  return o;
}

void Sweep(const std::string& original, const std::string& label,
           SweepStats* stats) {
  static const std::string kValues[] = {"", "abc", "1E400", "-0",
                                        std::string(60, '9')};
  Outcome base = Check(original);
  ASSERT_TRUE(base.loaded) << label << ": " << base.error.message;
  const bool base_valid = Fatals(base.rules).empty();
  ++stats->documents;
  if (base_valid) ++stats->valid_documents;

  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(original.c_str(), pugi::parse_default));
  std::vector<pugi::xml_node> leaves;
  for (const pugi::xpath_node& n :
       doc.document_element().select_nodes("descendant-or-self::*[not(*)]")) {
    leaves.push_back(n.node());
  }
  for (pugi::xml_node n : leaves) {
    pugi::xml_node text = n.first_child();
    const std::string before = text ? text.value() : "";
    if (!text) text = n.append_child(pugi::node_pcdata);
    const bool checked = IsCheckedTotal(Local(n), Local(n.parent()));
    for (const std::string& v : kValues) {
      text.set_value(v.c_str());
      const std::string where = label + " " + n.path() + " = [" + v + "]";
      Outcome o = CheckMutant(doc, where, stats);
      if (base_valid && checked && v != "-0" && before != v) {
        ++stats->total_checks;
        EXPECT_THAT(Fatals(o.rules), Not(IsEmpty())) << where;
      }
    }
    text.set_value(before.c_str());
    // Attributes (currencyID, schemeID, unitCode, format...) too.
    for (pugi::xml_attribute a : n.attributes()) {
      if (std::string_view(a.name()).substr(0, 5) == "xmlns") continue;
      const std::string was = a.value();
      for (const std::string& v : kValues) {
        a.set_value(v.c_str());
        CheckMutant(doc,
                    label + " " + n.path() + "/@" + a.name() + " = [" + v + "]",
                    stats);
      }
      a.set_value(was.c_str());
    }
    if (::testing::Test::HasFailure()) return;  // one report per document
  }
}

// The first file of each conformance folder (every inline document of the
// unit-test sets); CHORUS_ROBUSTNESS_ALL=1 sweeps every file instead.
TEST(RobustnessValuesTest, MutationSweepOverSharedDocuments) {
  const std::filesystem::path base =
      chorus::testing::SharedDir() / "conformance" / "en16931";
  const bool all = std::getenv("CHORUS_ROBUSTNESS_ALL") != nullptr;
  SweepStats stats;
  auto start = std::chrono::steady_clock::now();
  for (const char* folder : {"ubl-examples", "cii-examples", "Invoice-unit-UBL",
                             "CreditNote-unit-UBL", "cii-unit"}) {
    std::vector<std::filesystem::path> files =
        chorus::testing::XmlFilesIn(base / folder);
    ASSERT_FALSE(files.empty()) << folder;
    if (!all) files.resize(1);
    for (const std::filesystem::path& f : files) {
      std::vector<std::string> docs = InvoiceDocuments(f);
      ASSERT_FALSE(docs.empty()) << f;
      for (std::size_t i = 0; i < docs.size(); ++i) {
        Sweep(docs[i], f.filename().string() + "#" + std::to_string(i + 1),
              &stats);
        if (HasFailure()) return;
      }
    }
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  std::printf(
      "[ sweep  ] %d documents (%d valid), %d mutated runs in %.1f s "
      "(slowest %.3f s), %d broken totals caught\n",
      stats.documents, stats.valid_documents, stats.runs, seconds,
      stats.slowest, stats.total_checks);
  EXPECT_GT(stats.runs, 500);
  EXPECT_GT(stats.total_checks, 0);  // the no-false-pass check did run
}

}  // namespace
}  // namespace chorus

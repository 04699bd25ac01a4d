// The UBL syntax rules (UBL-SR/DT/CR) against the official CEN unit tests,
// the official example invoices, and focused cases of their XPath semantics.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <pugixml.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "../src/rules/engine_internal.h"
#include "../src/rules/ubl_syntax_table.h"
#include "chorus/format/document.h"
#include "chorus/format/syntax.h"
#include "support/cen_suite.h"
#include "support/test_env.h"
#include "ubl_syntax_outcome.h"

namespace chorus {
namespace {

namespace fs = std::filesystem;
using ubl_test::Check;
using ubl_test::CheckInvoiceBody;
using ubl_test::kHead;
using ubl_test::Outcome;

bool IsSyntaxRule(const std::string& id) {
  return id.starts_with("UBL-SR-") || id.starts_with("UBL-DT-") ||
         id.starts_with("UBL-CR-");
}

// --- The official unit tests -------------------------------------------

std::vector<fs::path> UnitFilesWithSyntaxScope() {
  std::vector<fs::path> out;
  for (const char* dir : {"Invoice-unit-UBL", "CreditNote-unit-UBL"}) {
    for (const fs::path& p : testing::XmlFilesIn(testing::SharedDir() /
                                                 "conformance/en16931" / dir)) {
      for (const std::string& id : testing::SuiteScope(p)) {
        if (IsSyntaxRule(id)) {
          out.push_back(p);
          break;
        }
      }
    }
  }
  return out;
}

TEST(UblSyntaxConformance, OfficialUnitTests) {
  std::vector<fs::path> files = UnitFilesWithSyntaxScope();
  ASSERT_GE(files.size(), 12u);
  int passed = 0;
  int failed = 0;
  for (const fs::path& file : files) {
    for (const testing::SuiteCase& c : testing::ReadSuiteFile(file)) {
      ASSERT_FALSE(c.xml.empty()) << c.label;
      Outcome run = Check(c.xml, file.filename().string());
      for (const testing::SuiteExpectation& e : c.expected) {
        bool ok = testing::Meets(e, run.out);
        EXPECT_TRUE(ok) << c.label << ": expected " << e.kind << " " << e.rule
                        << ", got: " << run.Ids();
        ok ? ++passed : ++failed;
      }
    }
  }
  std::cout << "UBL syntax unit tests: " << passed << " passed, " << failed
            << " failed\n";
  EXPECT_GT(passed, 0);
}

// The official examples are valid invoices: no fatal syntax failure.
// Warnings (UBL-CR) do occur in them and are allowed.
TEST(UblSyntaxConformance, OfficialExamplesHaveNoFatalSyntaxFailure) {
  std::vector<fs::path> files = testing::XmlFilesIn(
      testing::SharedDir() / "conformance/en16931/ubl-examples");
  ASSERT_FALSE(files.empty());
  for (const fs::path& file : files) {
    Outcome run = Check(testing::ReadFile(file), file.filename().string());
    for (const Diagnostic& d : run.out) {
      EXPECT_TRUE(IsSyntaxRule(d.rule)) << d.rule;
      EXPECT_NE(d.severity, Severity::kFatal)
          << file.filename() << ": " << d.rule << " at " << d.location;
    }
  }
}

// --- Focused cases ------------------------------------------------------

TEST(UblSyntax, TableCoversThePattern) {
  int sr = 0, dt = 0, cr = 0;
  for (const rules::ubl::AssertRow& row : rules::ubl::AssertRows()) {
    std::string id(row.id);
    sr += id.starts_with("UBL-SR-");
    dt += id.starts_with("UBL-DT-");
    cr += id.starts_with("UBL-CR-");
    if (row.kind == rules::ubl::Kind::kCount) {
      EXPECT_FALSE(row.path.empty()) << id;
    }
  }
  EXPECT_EQ(cr, 678);
  EXPECT_GE(sr, 50);
  EXPECT_GE(dt, 20);
  EXPECT_EQ(rules::ubl::RuleContext(rules::ubl::kRootRule),
            "/ubl:Invoice | /cn:CreditNote");
}

// XML holding `copies` instances of a table path below the root: the
// first name of each union step, attributes set, "//" paths placed at the
// top. Written independently of the evaluator's trie.
std::string Instances(std::string_view path, int copies) {
  if (path.starts_with("//")) path.remove_prefix(2);
  std::vector<std::string> names;
  std::string attribute;
  while (!path.empty()) {
    std::size_t slash = path.find('/');
    std::string step(path.substr(0, slash));
    path = slash == std::string_view::npos ? "" : path.substr(slash + 1);
    if (step[0] == '@') {
      attribute = step.substr(1);
    } else if (step[0] == '(') {
      names.push_back(step.substr(1, step.find('|') - 1));
    } else {
      names.push_back(step);
    }
  }
  std::string one;
  for (std::size_t i = 0; i < names.size(); ++i) {
    one += "<" + names[i];
    if (i + 1 == names.size() && !attribute.empty()) {
      one += " " + attribute + "=\"x\"";
    }
    one += ">";
  }
  if (names.empty()) one = "<cbc:Note " + attribute + "=\"x\">";
  for (std::size_t i = names.size(); i-- > 0;) one += "</" + names[i] + ">";
  if (names.empty()) one += "</cbc:Note>";
  std::string out;
  for (int i = 0; i < copies; ++i) out += one;
  return out;
}

TEST(UblSyntax, EveryRootCountAssertFiresJustAboveItsLimit) {
  int checked = 0;
  for (const rules::ubl::AssertRow& row : rules::ubl::AssertRows()) {
    if (row.rule != rules::ubl::kRootRule ||
        row.kind != rules::ubl::Kind::kCount) {
      continue;
    }
    std::string id(row.id);
    Outcome over = CheckInvoiceBody(Instances(row.path, row.max + 1));
    EXPECT_EQ(over.Count(id), 1) << id << " " << row.path;
    if (row.max > 0) {
      Outcome at = CheckInvoiceBody(Instances(row.path, row.max));
      EXPECT_EQ(at.Count(id), 0) << id << " " << row.path;
    }
    ++checked;
  }
  EXPECT_GT(checked, 700);
}

TEST(UblSyntax, MinimalInvoiceIsClean) {
  Outcome run = CheckInvoiceBody(R"(
  <cbc:ID>1</cbc:ID>
  <cac:InvoiceLine><cbc:ID>1</cbc:ID>
    <cbc:LineExtensionAmount currencyID="EUR">10.00</cbc:LineExtensionAmount>
    <cac:Item><cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID></cac:ClassifiedTaxCategory></cac:Item>
  </cac:InvoiceLine>)");
  EXPECT_TRUE(run.out.empty()) << run.Ids();
}

TEST(UblSyntax, RepeatedInvoicePeriodIsFatal) {
  Outcome run = CheckInvoiceBody("<cac:InvoicePeriod/><cac:InvoicePeriod/>");
  EXPECT_EQ(run.Count("UBL-SR-08", Severity::kFatal), 1) << run.Ids();
  Outcome once = CheckInvoiceBody("<cac:InvoicePeriod/>");
  EXPECT_EQ(once.Count("UBL-SR-08"), 0);
}

TEST(UblSyntax, ExtensionIsAWarningAtTheRoot) {
  Outcome run = CheckInvoiceBody(
      "<ext:UBLExtensions><ext:UBLExtension/></ext:UBLExtensions>");
  ASSERT_EQ(run.Count("UBL-CR-001", Severity::kWarning), 1) << run.Ids();
  for (const Diagnostic& d : run.out) {
    if (d.rule == "UBL-CR-001") {
      EXPECT_TRUE(d.location.starts_with("/Invoice")) << d.location;
    }
  }
}

// UBL-SR-07, -48, -51 and -53 are counted by the walk (with a minimum
// and a maximum per context) rather than searched for: each fails once
// per context below its minimum or above its maximum, and only then.
TEST(UblSyntax, CountedHandAssertsFailOncePerContext) {
  auto line = [](const std::string& categories) {
    return "<cac:InvoiceLine><cac:Item>" + categories +
           "</cac:Item></cac:InvoiceLine>";
  };
  const std::string category = "<cac:ClassifiedTaxCategory/>";
  Outcome lines =
      CheckInvoiceBody(line("") + line(category) + line(category + category) +
                       "<cac:InvoiceLine/>");
  EXPECT_EQ(lines.Count("UBL-SR-48", Severity::kFatal), 3) << lines.Ids();

  auto address = [](int address_lines) {
    std::string body = "<cac:PostalAddress>";
    for (int k = 0; k < address_lines; ++k) {
      body += "<cac:AddressLine><cbc:Line>x</cbc:Line></cac:AddressLine>";
    }
    return body + "</cac:PostalAddress>";
  };
  Outcome addresses = CheckInvoiceBody(
      "<cac:AccountingSupplierParty><cac:Party>" + address(2) +
      "</cac:Party></cac:AccountingSupplierParty><cac:Delivery>"
      "<cac:DeliveryLocation>" +
      address(1) + "<cac:Address><cac:AddressLine/><cac:AddressLine/>" +
      "<cac:AddressLine/></cac:Address></cac:DeliveryLocation>"
      "</cac:Delivery>" +
      address(0));
  EXPECT_EQ(addresses.Count("UBL-SR-51", Severity::kFatal), 2)
      << addresses.Ids();

  auto scheme = [](const std::string& inside) {
    return "<cac:PayeeParty><cac:PartyTaxScheme>" + inside +
           "</cac:PartyTaxScheme></cac:PayeeParty>";
  };
  const std::string vat = "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>";
  const std::string id = "<cbc:CompanyID>FR1</cbc:CompanyID>";
  Outcome complete = CheckInvoiceBody(scheme(id + vat));
  EXPECT_EQ(complete.Count("UBL-SR-53"), 0) << complete.Ids();
  // Missing either part, or both: one failure each time.
  for (const std::string& inside :
       {vat, id, std::string(), id + "<cac:TaxScheme/>"}) {
    Outcome run = CheckInvoiceBody(scheme(inside));
    EXPECT_EQ(run.Count("UBL-SR-53", Severity::kFatal), 1)
        << inside << ": " << run.Ids();
  }

  Outcome billing = CheckInvoiceBody(
      "<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>1</cbc:ID>"
      "</cac:InvoiceDocumentReference></cac:BillingReference>"
      "<cac:BillingReference><cac:InvoiceDocumentReference/>"
      "</cac:BillingReference><cac:BillingReference/>");
  EXPECT_EQ(billing.Count("UBL-SR-07", Severity::kFatal), 2) << billing.Ids();
}

TEST(UblSyntax, PrefixesDoNotMatterNamespacesDo) {
  Outcome run = Check(
      R"(<inv:Invoice xmlns:inv="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
    xmlns:a="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2">
    <a:InvoicePeriod/><a:InvoicePeriod/>
    <a:Delivery xmlns:a="urn:example:other"/><a:Delivery/><a:Delivery/>
  </inv:Invoice>)");
  EXPECT_EQ(run.Count("UBL-SR-08"), 1) << run.Ids();
  EXPECT_EQ(run.Count("UBL-SR-24"), 1) << run.Ids();  // only two cac:Delivery
  Outcome foreign = Check(
      R"(<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
    xmlns:cac="urn:example:not-ubl"><cac:InvoicePeriod/><cac:InvoicePeriod/></Invoice>)");
  EXPECT_EQ(foreign.Count("UBL-SR-08"), 0) << foreign.Ids();
}

TEST(UblSyntax, AttributeWarningsAnywhere) {
  Outcome run = CheckInvoiceBody(R"(
  <cbc:ID schemeName="x">1</cbc:ID>
  <cac:PaymentMeans><cbc:PaymentMeansCode name="Credit transfer">30</cbc:PaymentMeansCode></cac:PaymentMeans>)");
  EXPECT_EQ(run.Count("UBL-DT-08", Severity::kWarning), 1) << run.Ids();
  EXPECT_EQ(run.Count("UBL-DT-18"), 0) << run.Ids();
  Outcome named = CheckInvoiceBody(R"(<cbc:Note name="n">x</cbc:Note>)");
  EXPECT_EQ(named.Count("UBL-DT-18", Severity::kWarning), 1) << named.Ids();
  // Names that share their length and first seven bytes with a table
  // attribute (the key its lookup starts from) are other attributes.
  Outcome alike = CheckInvoiceBody(
      R"(<cbc:ID schemeNamX="x" schemeNa="y" nam="z">1</cbc:ID>)");
  EXPECT_EQ(alike.Count("UBL-DT-08"), 0) << alike.Ids();
  EXPECT_EQ(alike.Count("UBL-DT-18"), 0) << alike.Ids();
}

TEST(UblSyntax, PaymentDueDateWarnsOnInvoicesOnly) {
  const char* means =
      "<cac:PaymentMeans><cbc:PaymentDueDate>2024-01-01</cbc:PaymentDueDate>"
      "</cac:PaymentMeans>";
  EXPECT_EQ(CheckInvoiceBody(means).Count("UBL-CR-412"), 1);
  Outcome credit = Check(
      std::string(
          R"(<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
    xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
    xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">)") +
      means + "</CreditNote>");
  EXPECT_EQ(credit.Count("UBL-CR-412"), 0) << credit.Ids();
}

TEST(UblSyntax, AllowanceChargeRulesFollowTheIndicator) {
  const char* reasons =
      "<cbc:AllowanceChargeReason>a</cbc:AllowanceChargeReason>"
      "<cbc:AllowanceChargeReason>b</cbc:AllowanceChargeReason>";
  auto with = [&](const std::string& indicator) {
    return CheckInvoiceBody("<cac:AllowanceCharge><cbc:ChargeIndicator>" +
                            indicator + "</cbc:ChargeIndicator>" + reasons +
                            "</cac:AllowanceCharge>");
  };
  Outcome allowance = with(" false ");
  EXPECT_EQ(allowance.Count("UBL-SR-30"), 1) << allowance.Ids();
  EXPECT_EQ(allowance.Count("UBL-SR-31"), 0);
  Outcome charge = with("1");
  EXPECT_EQ(charge.Count("UBL-SR-31"), 1) << charge.Ids();
  Outcome neither = with("yes");  // not an xs:boolean: neither rule applies
  EXPECT_EQ(neither.Count("UBL-SR-30") + neither.Count("UBL-SR-31"), 0);
}

TEST(UblSyntax, PaymentIdsMayRepeatWithTheSameValue) {
  auto means = [](const char* id) {
    return std::string("<cac:PaymentMeans><cbc:PaymentID>") + id +
           "</cbc:PaymentID></cac:PaymentMeans>";
  };
  EXPECT_EQ(CheckInvoiceBody(means("A") + means("A")).Count("UBL-SR-44"), 0);
  EXPECT_EQ(CheckInvoiceBody(means("A") + means("B")).Count("UBL-SR-44"), 1);
}

TEST(UblSyntax, SellerVatIdentifierUsesUpperCase) {
  auto pts = [](const char* scheme) {
    return std::string(
               "<cac:PartyTaxScheme><cbc:CompanyID>FR1</cbc:CompanyID>"
               "<cac:TaxScheme><cbc:ID>") +
           scheme + "</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>";
  };
  auto seller = [](const std::string& inner) {
    return "<cac:AccountingSupplierParty><cac:Party>" + inner +
           "</cac:Party></cac:AccountingSupplierParty>";
  };
  Outcome twice = CheckInvoiceBody(seller(pts("vat") + pts("VAT")));
  EXPECT_EQ(twice.Count("UBL-SR-12"), 1) << twice.Ids();
  EXPECT_EQ(twice.Count("UBL-SR-13"), 0) << twice.Ids();
  Outcome mixed = CheckInvoiceBody(seller(pts("VAT") + pts("LOC")));
  EXPECT_EQ(mixed.Count("UBL-SR-12") + mixed.Count("UBL-SR-13"), 0)
      << mixed.Ids();
  Outcome three = CheckInvoiceBody(seller(pts("VAT") + pts("A") + pts("B")));
  EXPECT_EQ(three.Count("UBL-SR-42"), 1) << three.Ids();
  EXPECT_EQ(three.Count("UBL-SR-13"), 1) << three.Ids();
  // Only the root's seller and buyer count: the same parties deeper down,
  // or tax schemes not directly under their cac:Party, do not.
  Outcome nested = CheckInvoiceBody(
      "<cac:Delivery>" + seller(pts("VAT") + pts("VAT")) + "</cac:Delivery>" +
      seller(pts("VAT") + "<cac:X>" + pts("VAT") + "</cac:X>"));
  EXPECT_EQ(nested.Count("UBL-SR-12"), 0) << nested.Ids();
  auto buyer = [](const std::string& inner) {
    return "<cac:AccountingCustomerParty><cac:Party>" + inner +
           "</cac:Party></cac:AccountingCustomerParty>";
  };
  Outcome buyers = CheckInvoiceBody(buyer(pts("VAT")) + buyer(pts("vat")));
  EXPECT_EQ(buyers.Count("UBL-SR-18"), 1) << buyers.Ids();
  EXPECT_EQ(buyers.Count("UBL-SR-12"), 0) << buyers.Ids();
}

TEST(UblSyntax, PayeeRulesNeedANameDifferentFromTheSeller) {
  auto doc = [](const char* payee, const char* seller) {
    return CheckInvoiceBody(
        std::string("<cac:AccountingSupplierParty><cac:Party>"
                    "<cac:PartyLegalEntity><cbc:RegistrationName>") +
        seller +
        "</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party>"
        "</cac:AccountingSupplierParty><cac:PayeeParty><cac:PartyName>"
        "<cbc:Name>" +
        payee + "</cbc:Name></cac:PartyName></cac:PayeeParty>");
  };
  Outcome differs = doc("Factor", "Seller");
  EXPECT_EQ(differs.Count("UBL-SR-19") + differs.Count("UBL-SR-20") +
                differs.Count("UBL-SR-21"),
            0)
      << differs.Ids();
  Outcome same = doc("Seller", "Seller");
  EXPECT_EQ(same.Count("UBL-SR-19"), 1) << same.Ids();
  EXPECT_EQ(same.Count("UBL-SR-20"), 1) << same.Ids();
  EXPECT_EQ(same.Count("UBL-SR-21"), 1) << same.Ids();
}

// The three rules share one answer per cac:PayeeParty: each payee has its
// own, whichever rule asks first (SR-19 does not ask when a payee has two
// names).
TEST(UblSyntax, PayeeRulesAnswerForEachPayee) {
  auto doc = [](std::initializer_list<std::string> payees) {
    std::string body =
        "<cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity>"
        "<cbc:RegistrationName>Seller</cbc:RegistrationName>"
        "</cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty>";
    for (const std::string& names : payees) {
      body += "<cac:PayeeParty>" + names + "</cac:PayeeParty>";
    }
    return CheckInvoiceBody(body);
  };
  auto named = [](const char* name) {
    return std::string("<cac:PartyName><cbc:Name>") + name +
           "</cbc:Name></cac:PartyName>";
  };
  auto expect = [](const Outcome& run, int sr19, int others) {
    EXPECT_EQ(run.Count("UBL-SR-19"), sr19) << run.Ids();
    EXPECT_EQ(run.Count("UBL-SR-20"), others) << run.Ids();
    EXPECT_EQ(run.Count("UBL-SR-21"), others) << run.Ids();
  };
  expect(doc({named("Factor"), named("Seller")}), 1, 1);
  expect(doc({named("Seller"), named("Factor")}), 1, 1);
  expect(doc({named("Seller"), named("Seller")}), 2, 2);
  expect(doc({named("Factor"), named("Factor")}), 0, 0);
  // Two names: SR-19 fails on the count alone, SR-20 and SR-21 hold.
  expect(doc({named("Factor") + named("Seller"), named("Seller")}), 2, 1);
  expect(doc({named("Seller"), named("Seller") + named("Factor")}), 2, 1);
}

TEST(UblSyntax, FailuresFollowDocumentOrder) {
  Outcome run = CheckInvoiceBody(R"(
  <cac:InvoiceLine><cbc:Note>a</cbc:Note><cbc:Note>b</cbc:Note>
    <cbc:LineExtensionAmount>1.001</cbc:LineExtensionAmount></cac:InvoiceLine>
  <cac:InvoicePeriod/><cac:InvoicePeriod/>)");
  ASSERT_EQ(run.out.size(), 4u) << run.Ids();
  // Root asserts first, then the line (SR-34, then SR-48 by assert order),
  // then the amount inside it.
  EXPECT_EQ(run.out[0].rule, "UBL-SR-08");
  EXPECT_EQ(run.out[1].rule, "UBL-SR-34");
  EXPECT_EQ(run.out[2].rule, "UBL-SR-48");
  EXPECT_EQ(run.out[3].rule, "UBL-DT-01");
}

// Each failure is at its own element: "[n]" among same-named siblings and
// the line its start tag is on (the body starts on line 6).
TEST(UblSyntax, FailuresAreLocatedAtTheirRepeatedElement) {
  Outcome run = CheckInvoiceBody(R"(<cac:InvoiceLine>
    <cbc:LineExtensionAmount>1.001</cbc:LineExtensionAmount></cac:InvoiceLine>
  <cac:InvoiceLine><cbc:LineExtensionAmount>1.00</cbc:LineExtensionAmount>
  </cac:InvoiceLine><cac:InvoiceLine><cbc:Note>x</cbc:Note>
  <cbc:LineExtensionAmount>2.002</cbc:LineExtensionAmount></cac:InvoiceLine>)");
  std::vector<std::string> at;
  for (const Diagnostic& d : run.out) {
    if (d.rule == "UBL-DT-01") at.push_back(d.location);
  }
  ASSERT_EQ(at.size(), 2u) << run.Ids();
  EXPECT_EQ(at[0],
            "/Invoice/cac:InvoiceLine[1]/cbc:LineExtensionAmount (line 7)");
  EXPECT_EQ(at[1],
            "/Invoice/cac:InvoiceLine[3]/cbc:LineExtensionAmount (line 10)");
}

// An attribute is named as written: "x:schemeName" is not @schemeName.
// The "//@a" counts and UBL-DT-18 take every attribute of the document in
// one pass; an element's own attributes are read only where a path ends
// on one (cbc:CustomizationID/@schemeID) or a "//" path needs one
// (cac:TaxCategory/cbc:ID/@schemeID): the same answers on the root, on
// names no rule mentions and beside namespace declarations.
TEST(UblSyntax, AttributesCountWhereverTheyStand) {
  auto on_root = [](const std::string& attributes, const std::string& body) {
    std::string head(kHead);
    head.insert(head.find("<Invoice") + 8, " " + attributes);
    return Check(head + body + "</Invoice>\n");
  };
  EXPECT_EQ(on_root("name='n'", "").Count("UBL-DT-18"), 1);
  EXPECT_EQ(on_root("schemeName='s'", "").Count("UBL-DT-08"), 1);
  EXPECT_EQ(on_root("xmlns:name='urn:x'", "").Count("UBL-DT-18"), 0);
  const std::string code =
      "<cbc:PaymentMeansCode name='n'>30</cbc:PaymentMeansCode>";
  const std::string means = "<cac:PaymentMeans>" + code + "</cac:PaymentMeans>";
  Outcome codes = CheckInvoiceBody(means + means);
  EXPECT_EQ(codes.Count("UBL-DT-18"), 0) << codes.Ids();
  EXPECT_EQ(codes.Count("UBL-SR-46"), 1) << codes.Ids();  // at most one
  EXPECT_EQ(
      CheckInvoiceBody(means + "<cac:Unknown name='n'/>").Count("UBL-DT-18"),
      1);
  EXPECT_EQ(CheckInvoiceBody("<cac:X><cac:Y schemeName='s' uri='u'/></cac:X>")
                .Count("UBL-DT-08"),
            1);
  // A cbc:PaymentMeansCode elsewhere allows its name attribute too.
  EXPECT_EQ(CheckInvoiceBody("<cac:X>" + code + "</cac:X>").Count("UBL-DT-18"),
            0);
  // Paths that end on an attribute, with and without it, or another:
  // UBL-CR-648 from the root's trie (the only path that ends there: an
  // element without attributes skips it), UBL-CR-678 a "//" path ('@'
  // stands for the attributes).
  auto fails = [](const std::string& id, std::string body,
                  const std::string& attributes) {
    body.replace(body.find('@'), 1, attributes);
    return CheckInvoiceBody(body).Count(id);
  };
  const std::string customization =
      "<cbc:CustomizationID @>x</cbc:CustomizationID>";
  EXPECT_EQ(fails("UBL-CR-648", customization, "schemeID='s'"), 1);
  EXPECT_EQ(fails("UBL-CR-648", customization, "schemeName='s' schemeID='s'"),
            1);
  EXPECT_EQ(fails("UBL-CR-648", customization, "schemeName='s'"), 0);
  EXPECT_EQ(fails("UBL-CR-648", customization, "xmlns:schemeID='urn:s'"), 0);
  const std::string category =
      "<cac:X><cac:TaxCategory><cbc:ID @>S</cbc:ID></cac:TaxCategory></cac:X>";
  EXPECT_EQ(fails("UBL-CR-678", category, "schemeID='s'"), 1);
  EXPECT_EQ(fails("UBL-CR-678", category, "listID='s'"), 0);
  EXPECT_EQ(fails("UBL-CR-678", category, ""), 0);
}

TEST(UblSyntax, PrefixedAttributesAreOtherAttributes) {
  Outcome prefixed = CheckInvoiceBody(
      R"(<cbc:ID xmlns:x="urn:example:x" x:schemeName="s">1</cbc:ID>)");
  EXPECT_EQ(prefixed.Count("UBL-DT-08"), 0) << prefixed.Ids();
  Outcome both = CheckInvoiceBody(
      R"(<cbc:ID xmlns:x="urn:example:x" x:schemeName="s" schemeName="t">1)"
      R"(</cbc:ID>)");
  EXPECT_EQ(both.Count("UBL-DT-08", Severity::kWarning), 1) << both.Ids();
}

// Parsed directly: LoadDocumentBuffer refuses these, but the rules must
// still run on any well-formed DOM without crashing.
std::vector<Diagnostic> CheckDom(const std::string& xml) {
  XmlDocument doc;
  EXPECT_TRUE(doc.mutable_dom().load_string(xml.c_str()));
  std::vector<Diagnostic> out;
  ReadResult read;
  rules::RunContext ctx{doc, read, Syntax::kUbl, &out};
  rules::CheckUblSyntaxRules(ctx);
  return out;
}

// UBL-SR-29 counts cac:PartyIdentification/cbc:ID wherever it lies: the
// walk gathers them from each cac:PartyIdentification, and only those
// children (not a cbc:ID elsewhere, nor another name or namespace).
TEST(UblSyntax, SepaIdentifiersAreCountedUnderPartyIdentificationOnly) {
  const std::string sepa =
      "<cac:PartyIdentification><cbc:ID schemeID='sepa'>1</cbc:ID>"
      "</cac:PartyIdentification>";
  const std::string seller = "<cac:AccountingSupplierParty><cac:Party>" + sepa +
                             "</cac:Party></cac:AccountingSupplierParty>";
  const std::string payee = "<cac:PayeeParty>" + sepa + "</cac:PayeeParty>";
  EXPECT_EQ(CheckInvoiceBody(seller).Count("UBL-SR-29"), 0);
  Outcome twice = CheckInvoiceBody(seller + payee);
  EXPECT_EQ(twice.Count("UBL-SR-29"), 1) << twice.Ids();
  // Both under one cac:PartyIdentification, the second after another child.
  Outcome one_parent = CheckInvoiceBody(
      "<cac:PayeeParty><cac:PartyIdentification>"
      "<cbc:ID schemeID='SEPA'>1</cbc:ID><cbc:Note>n</cbc:Note>"
      "<cbc:ID schemeID='SEPA'>2</cbc:ID>"
      "</cac:PartyIdentification></cac:PayeeParty>");
  EXPECT_EQ(one_parent.Count("UBL-SR-29"), 1) << one_parent.Ids();
  for (const char* other :
       {"<cac:PaymentMandate><cbc:ID schemeID='SEPA'>2</cbc:ID>"
        "</cac:PaymentMandate>",
        "<cac:PayeeParty><cac:PartyIdentification><cac:ID schemeID='SEPA'>"
        "2</cac:ID><cbc:IDs schemeID='SEPA'>3</cbc:IDs>"
        "</cac:PartyIdentification></cac:PayeeParty>"}) {
    Outcome run = CheckInvoiceBody(seller + other);
    EXPECT_EQ(run.Count("UBL-SR-29"), 0) << other << ": " << run.Ids();
  }
}

// A cbc:ID without attributes skips the "//" paths that end on one of
// them: with @schemeID the same element counts, without it does not.
TEST(UblSyntax, SurvivesDeepAndOddDocuments) {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<cac:X>";
  deep += "<cbc:TaxAmount>1.23</cbc:TaxAmount>";
  for (int i = 0; i < 100000; ++i) deep += "</cac:X>";
  std::vector<Diagnostic> out =
      CheckDom(std::string(kHead) + deep + "</Invoice>");
  EXPECT_TRUE(out.empty());
  // Not a UBL root: the root rule does not apply, node rules still do.
  out = CheckDom(
      "<root schemeName='1' xmlns:c='urn:oasis:names:specification:ubl:"
      "schema:xsd:CommonAggregateComponents-2'><c:InvoiceLine/></root>");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].rule, "UBL-SR-48");
  EXPECT_TRUE(CheckDom("<x:a xmlns:x='urn:x'>text</x:a>").empty());
}

}  // namespace
}  // namespace chorus

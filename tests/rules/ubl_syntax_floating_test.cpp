// The "//"-led paths of the root rule, which the walk matches on the
// element a path ends on by its ancestors' names (after a quick look at
// its parent's): anywhere in the document, on the whole ancestry, and on
// the attribute they name.
#include <gtest/gtest.h>

#include <string>

#include "ubl_syntax_outcome.h"

namespace chorus {
namespace {

using ubl_test::CheckInvoiceBody;
using ubl_test::Outcome;

TEST(UblSyntaxFloating, SchemeIdWarningsNeedTheAttribute) {
  auto category = [](const char* id) {
    return "<cac:TaxTotal><cac:TaxSubtotal><cac:TaxCategory>" +
           std::string(id) +
           "</cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>";
  };
  Outcome with = CheckInvoiceBody(category("<cbc:ID schemeID='x'>S</cbc:ID>"));
  EXPECT_EQ(with.Count("UBL-CR-678", Severity::kWarning), 1) << with.Ids();
  Outcome without = CheckInvoiceBody(category("<cbc:ID>S</cbc:ID>"));
  EXPECT_EQ(without.Count("UBL-CR-678"), 0) << without.Ids();
  // Another attribute: the paths are followed, and do not match.
  Outcome other = CheckInvoiceBody(category("<cbc:ID listID='x'>S</cbc:ID>"));
  EXPECT_EQ(other.Count("UBL-CR-678"), 0) << other.Ids();
}

TEST(UblSyntaxFloating, PathsMatchTheWholeAncestryAnywhere) {
  auto fails = [](const std::string& id, const std::string& body) {
    return CheckInvoiceBody(body).Count(id);
  };
  // A one-step path, at any depth and under names no rule mentions.
  EXPECT_EQ(fails("UBL-CR-664", "<cac:FinancialInstitution/>"), 1);
  EXPECT_EQ(fails("UBL-CR-664",
                  "<cac:X><cac:Y><cac:FinancialInstitution/></cac:Y></cac:X>"),
            1);
  const std::string id = "<cbc:ID schemeID='s'>1</cbc:ID>";
  EXPECT_EQ(fails("UBL-CR-676",
                  "<cac:PaymentMandate>" + id + "</cac:PaymentMandate>"),
            1);
  EXPECT_EQ(fails("UBL-CR-676", "<cac:X>" + id + "</cac:X>"), 0);
  // Three steps: the parent matching is not enough.
  const std::string account =
      "<cac:PayerFinancialAccount>" + id + "</cac:PayerFinancialAccount>";
  EXPECT_EQ(
      fails("UBL-CR-677", "<cac:PaymentMeans><cac:PaymentMandate>" + account +
                              "</cac:PaymentMandate></cac:PaymentMeans>"),
      1);
  EXPECT_EQ(fails("UBL-CR-677", "<cac:X>" + account + "</cac:X>"), 0);
  EXPECT_EQ(fails("UBL-CR-677", account), 0);
  EXPECT_EQ(fails("UBL-CR-677", "<cac:PaymentMandate><cac:X>" + account +
                                    "</cac:X></cac:PaymentMandate>"),
            0);
}

}  // namespace
}  // namespace chorus

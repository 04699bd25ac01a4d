// The generated table of the UBL-syntax pattern (ubl_syntax_table.inc):
// its rules and asserts. Internal to src/rules/.
#ifndef CHORUS_SRC_RULES_UBL_SYNTAX_TABLE_H_
#define CHORUS_SRC_RULES_UBL_SYNTAX_TABLE_H_

#include <span>
#include <string_view>

namespace chorus::rules::ubl {

// The <rule>s of the pattern, in the artefact's order (a node is checked by
// the first one whose context matches it).
enum RuleIndex : int {
  kAddressRule = 0,        // //cac:PostalAddress | //cac:Address
  kSupplierPartyRule = 1,  // cac:AccountingSupplierParty/cac:Party
  kAdditionalDocRule = 2,  // cac:AdditionalDocumentReference
  kAmountRule = 3,         // //*[ends-with(name(), 'Amount') ...]
  kBinaryRule = 4,         // //*[ends-with(name(), 'BinaryObject')]
  kDeliveryRule = 5,
  kAllowanceRule = 6,  // cac:AllowanceCharge[cbc:ChargeIndicator = false()]
  kChargeRule = 7,     // cac:AllowanceCharge[cbc:ChargeIndicator = true()]
  kPartyTaxSchemeRule = 8,
  kRootRule = 9,   // /ubl:Invoice | /cn:CreditNote
  kLineRule = 10,  // cac:InvoiceLine | cac:CreditNoteLine
  kPayeeRule = 11,
  kPaymentMeansRule = 12,
  kBillingReferenceRule = 13,
  kTaxRepresentativeRule = 14,
  kTaxSubtotalRule = 15,
  kRuleCount = 16,
};

enum class Kind { kCount, kHand };

// One assert of the pattern, as generated into ubl_syntax_table.inc.
struct AssertRow {
  int rule;
  std::string_view id;
  bool fatal;
  Kind kind;
  int max;                // kCount: holds when count(path) <= max
  std::string_view path;  // kCount only
};
std::span<const AssertRow> AssertRows();
// Context text of rule `index`, as in the artefact (for tests).
std::string_view RuleContext(int index);

}  // namespace chorus::rules::ubl

#endif  // CHORUS_SRC_RULES_UBL_SYNTAX_TABLE_H_

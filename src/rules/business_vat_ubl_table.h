// The VAT category table of the UBL artefact (business_vat_ubl.cpp): which
// variant of the common ten-rule shape each category's official text uses.
// Internal to src/rules/.
#ifndef CHORUS_SRC_RULES_BUSINESS_VAT_UBL_TABLE_H_
#define CHORUS_SRC_RULES_BUSINESS_VAT_UBL_TABLE_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "business_vat_doc.h"

namespace chorus::rules::ubl_vat {

// How a cac:TaxCategory / cac:ClassifiedTaxCategory is matched to a code:
// [normalize-space(cbc:ID) = 'X'] (normalized) or [cbc:ID = 'X'] (raw), and
// whether [cac:TaxScheme/normalize-space(upper-case(cbc:ID))='VAT'] applies.
struct Match {
  bool normalized = true;
  bool vat = true;
};

enum class Presence { kAtLeastOne, kExactlyOne };             // 01
enum class Seller { kAnyTaxId, kVatTaxId, kNoVatIds };        // 02-04
enum class Buyer { kNone, kVatOrLegal, kVat };                // 02-04
enum class Rate { kPositive, kNonNegative, kZero, kAbsent };  // 05-07
enum class Taxable { kPerRate, kPerRateWithLines, kExact };   // 08
enum class TaxAmount { kFromRate, kZero };                    // 09
enum class Exemption { kForbidden, kRequired };               // 10

// Trigger of rules 02 (lines), 03 (allowances), 04 (charges): the official
// test is "(exists(T1) and requirement) or not(exists(T2))".
struct Trigger {
  Match t1;
  Match t2;
  bool root_allowances_only = false;  // (/ubl:Invoice|/cn:CreditNote)/...
};

struct Category {
  std::string_view code;  // a view: no strlen where it is compared
  const char* prefix;
  Presence presence;
  // kAtLeastOne: count(A) > 0 and count(B1) > 0, or count(A) = 0 and
  // count(B2) = 0, with these matches.
  Match a, b1, b2;
  Seller seller;
  Buyer buyer;
  std::array<Trigger, 3> triggers;
  Rate rate;
  Taxable taxable;
  TaxAmount tax_amount;
  Exemption exemption;
};

constexpr Match kNv{true, true};   // normalized, VAT scheme
constexpr Match kN{true, false};   // normalized, any scheme
constexpr Match kRv{false, true};  // raw, VAT scheme
constexpr Match kR{false, false};  // raw, any scheme
constexpr Trigger kStd{kNv, kNv, false};
constexpr std::array<Trigger, 3> kStdTriggers = {kStd, kStd, kStd};

// Deviations from the common shape, as in the official text: BR-S-01 has
// no VAT scheme condition; BR-AF-01/BR-AG-01 compare the raw cbc:ID in one
// branch; BR-S-02's "not(exists(...))" has no VAT scheme condition, BR-AF-04's
// compares the raw cbc:ID, BR-G-03/04's "exists(...)" has no VAT scheme
// condition; BR-O-03/04 only see document level allowances and charges.
inline const std::array<Category, 9>& Categories() {
  // clang-format off
  static const std::array<Category, 9> kTable = {{
      {"S", "BR-S", Presence::kAtLeastOne, kN, kN, kN, Seller::kAnyTaxId,
       Buyer::kNone, {Trigger{kNv, kN, false}, kStd, kStd}, Rate::kPositive,
       Taxable::kPerRate, TaxAmount::kFromRate, Exemption::kForbidden},
      {"Z", "BR-Z", Presence::kExactlyOne, kNv, kNv, kNv, Seller::kAnyTaxId,
       Buyer::kNone, kStdTriggers, Rate::kZero, Taxable::kExact,
       TaxAmount::kZero, Exemption::kForbidden},
      {"E", "BR-E", Presence::kExactlyOne, kNv, kNv, kNv, Seller::kAnyTaxId,
       Buyer::kNone, kStdTriggers, Rate::kZero, Taxable::kExact,
       TaxAmount::kZero, Exemption::kRequired},
      {"AE", "BR-AE", Presence::kExactlyOne, kNv, kNv, kNv, Seller::kAnyTaxId,
       Buyer::kVatOrLegal, kStdTriggers, Rate::kZero, Taxable::kExact,
       TaxAmount::kZero, Exemption::kRequired},
      {"K", "BR-IC", Presence::kExactlyOne, kNv, kNv, kNv, Seller::kVatTaxId,
       Buyer::kVat, kStdTriggers, Rate::kZero, Taxable::kExact,
       TaxAmount::kZero, Exemption::kRequired},
      {"G", "BR-G", Presence::kExactlyOne, kNv, kNv, kNv, Seller::kVatTaxId,
       Buyer::kNone, {kStd, Trigger{kN, kNv, false}, Trigger{kN, kNv, false}},
       Rate::kZero, Taxable::kExact, TaxAmount::kZero, Exemption::kRequired},
      {"O", "BR-O", Presence::kExactlyOne, kNv, kNv, kNv, Seller::kNoVatIds,
       Buyer::kNone, {kStd, Trigger{kNv, kNv, true}, Trigger{kNv, kNv, true}},
       Rate::kAbsent, Taxable::kExact, TaxAmount::kZero, Exemption::kRequired},
      {"L", "BR-AF", Presence::kAtLeastOne, kNv, kR, kNv, Seller::kAnyTaxId,
       Buyer::kNone, {kStd, kStd, Trigger{kNv, kRv, false}},
       Rate::kNonNegative, Taxable::kPerRateWithLines, TaxAmount::kFromRate,
       Exemption::kForbidden},
      {"M", "BR-AG", Presence::kAtLeastOne, kNv, kRv, kNv, Seller::kAnyTaxId,
       Buyer::kNone, kStdTriggers, Rate::kNonNegative,
       Taxable::kPerRateWithLines, TaxAmount::kFromRate, Exemption::kForbidden},
  }};
  // clang-format on
  return kTable;
}

inline std::string RuleId(const Category& c, int n) {
  std::string id = c.prefix;
  id += n < 10 ? "-0" : "-";
  id += std::to_string(n);
  return id;
}

using vat::CodeBit;
using vat::CodeIndex;
using vat::CodeMask;
using vat::kCodeB;
using vat::kCodeK;
using vat::kCodeO;
using vat::kCodes;
using vat::kCodeS;

}  // namespace chorus::rules::ubl_vat

#endif  // CHORUS_SRC_RULES_BUSINESS_VAT_UBL_TABLE_H_

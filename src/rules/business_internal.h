// The business rules, run once on the EN 16931 model for both syntaxes.
// Where the official UBL and CII artefacts phrase a rule differently, the
// rule follows the artefact of ctx.syntax. Internal to src/rules/.
#ifndef CHORUS_SRC_RULES_BUSINESS_INTERNAL_H_
#define CHORUS_SRC_RULES_BUSINESS_INTERNAL_H_

#include <cstdint>
#include <vector>

#include "engine_internal.h"  // relative: tests include this header

namespace chorus::rules {

namespace ubl_vat {
class UblVat;
}

// What the VAT category rules' walk over the whole document found that the
// core rules need too, so that they need not walk it again. Null: the core
// rules look for themselves.
struct BusinessShared {
  // Every element named PartyTaxScheme, in document order (UBL).
  const std::vector<int32_t>* party_tax_schemes = nullptr;
  // UBL: the VAT rules' evaluator, whose line amounts BR-CO-10 reads
  // instead of parsing them a second time.
  ubl_vat::UblVat* ubl_vat = nullptr;
};

// BR-01 ... BR-65, BR-CO-*, BR-DEC-* (business_core*.cpp).
void CheckCoreBusinessRules(const RunContext& ctx,
                            const BusinessShared& shared = {});
// BR-S-*, BR-Z-*, BR-E-*, BR-AE-*, BR-IC-*, BR-G-*, BR-O-*, BR-AF-*,
// BR-AG-*, BR-B-* (business_vat*.cpp).
void CheckVatCategoryRules(const RunContext& ctx);

}  // namespace chorus::rules

#endif  // CHORUS_SRC_RULES_BUSINESS_INTERNAL_H_

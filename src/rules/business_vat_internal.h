// The VAT category rules of each syntax (business_vat_ubl.cpp,
// business_vat_cii.cpp). Internal to src/rules/.
#ifndef CHORUS_SRC_RULES_BUSINESS_VAT_INTERNAL_H_
#define CHORUS_SRC_RULES_BUSINESS_VAT_INTERNAL_H_

#include "rules/engine_internal.h"

namespace chorus::rules {

void CheckUblVatCategoryRules(const RunContext& ctx);
void CheckCiiVatCategoryRules(const RunContext& ctx);

}  // namespace chorus::rules

#endif  // CHORUS_SRC_RULES_BUSINESS_VAT_INTERNAL_H_

// BR-S-*, BR-Z-*, BR-E-*, BR-AE-*, BR-IC-*, BR-G-*, BR-O-*, BR-AF-*,
// BR-AG-*, BR-B-*. The two official artefacts phrase these rules very
// differently (contexts, tolerances, roundings, which identifiers count), so
// each syntax follows its own artefact; both are table driven per category.
#include "rules/business_internal.h"
#include "rules/business_vat_internal.h"

namespace chorus::rules {

void CheckVatCategoryRules(const RunContext& ctx) {
  if (ctx.Index().size() == 0) return;  // no document element
  if (ctx.syntax == Syntax::kUbl) {
    CheckUblVatCategoryRules(ctx);
  } else {
    CheckCiiVatCategoryRules(ctx);
  }
}

}  // namespace chorus::rules

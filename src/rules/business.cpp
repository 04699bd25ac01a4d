#include "rules/business_internal.h"
#include "rules/business_vat_cii.h"
#include "rules/business_vat_ubl.h"
#include "rules/cii_syntax_names.h"

namespace chorus::rules {

void CheckBusinessRules(const RunContext& ctx) {
  CheckBusinessRules(ctx, std::span<const int32_t>());
}

void CheckBusinessRules(const RunContext& ctx,
                        std::span<const int32_t> ubl_names) {
  if (ctx.syntax == Syntax::kUbl && ctx.Index().size() > 0) {
    // The VAT rules' walk over every element comes first, so that the core
    // rules reuse what it found instead of walking the document again. The
    // two families report different rules, and CheckRules sorts the
    // findings by line and rule: the order they run in does not show.
    ubl_vat::UblVat vat(ctx, ubl_names);
    BusinessShared shared;
    if (ubl_vat::UblVat::FindsPartyTaxSchemes()) {
      shared.party_tax_schemes = &vat.party_tax_schemes();
    }
    shared.ubl_vat = &vat;
    CheckCoreBusinessRules(ctx, shared);
    vat.Run();
    return;
  }
  CheckCoreBusinessRules(ctx);
  CheckVatCategoryRules(ctx);
}

void CheckBusinessRules(const RunContext& ctx,
                        std::span<const cii::NameInfo> cii_names) {
  if (ctx.syntax != Syntax::kCii) {
    CheckBusinessRules(ctx);
    return;
  }
  CheckCoreBusinessRules(ctx);
  cii_vat::CheckVatCategoryRules(ctx, cii_names);
}

}  // namespace chorus::rules

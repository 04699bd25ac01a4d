#include "rules/business_internal.h"

namespace chorus::rules {

void CheckBusinessRules(const RunContext& ctx) {
  CheckCoreBusinessRules(ctx);
  CheckVatCategoryRules(ctx);
}

}  // namespace chorus::rules

#include <span>

#include "chorus/rules/rules.h"

namespace chorus {
namespace {

#include "rules/facturx_catalogue.inc"

}  // namespace

std::span<const RuleInfo> FacturXRules() { return kFacturXCatalogue; }

}  // namespace chorus

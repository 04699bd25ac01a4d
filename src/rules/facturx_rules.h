// The entry point of the Factur-X profile rules for the engine (engine.cpp
// calls it from CheckRules when RuleOptions::facturx is set). Internal to
// src/rules/.
#ifndef CHORUS_SRC_RULES_FACTURX_RULES_H_
#define CHORUS_SRC_RULES_FACTURX_RULES_H_

#include <vector>

#include "chorus/format/document.h"
#include "chorus/rules/rules.h"
#include "chorus/util/result.h"

namespace chorus {

// The failures of the document's profile set (FacturXRuleSet), unsorted;
// empty for a document of no Factur-X profile.
std::vector<Diagnostic> CheckFacturXRules(const XmlDocument& doc);

// The catalogued rules (FacturXRules) whose expressions the evaluator
// cannot run; each validation of their set reports them in a CHORUS-FX-NOT-RUN
// warning. Parses all three sets.
std::vector<const RuleInfo*> FacturXRulesNotRunnable();

}  // namespace chorus

#endif  // CHORUS_SRC_RULES_FACTURX_RULES_H_

// The EN 16931 rule engine: every rule of the official CEN/TC434 artefacts
// (v1.3.16), implemented natively.
//
// Business rules (BR-*, BR-CO-*, BR-DEC-*, BR-CL-*, the VAT category rules)
// run once on the EN 16931 model for both syntaxes; where the official UBL
// and CII artefacts phrase a rule differently, the rule receives the syntax
// and follows the artefact of that syntax. Syntax rules (UBL-SR/DT/CR,
// CII-SR/DT) run on the XML. Every diagnostic carries the official id, flag
// and message text.
#ifndef CHORUS_RULES_RULES_H_
#define CHORUS_RULES_RULES_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "chorus/format/document.h"
#include "chorus/format/facturx_profile.h"
#include "chorus/format/syntax.h"
#include "chorus/util/result.h"

namespace chorus {

// Which artefact(s) define a rule.
enum class RuleSyntax { kBoth, kUbl, kCii };

struct RuleInfo {
  std::string_view id;  // "BR-CO-10", "UBL-CR-001", "CII-SR-012"
  Severity flag;        // kFatal or kWarning, as the artefact flags it
  RuleSyntax syntax;
  std::string_view message;  // the official text, without the "[ID]-" prefix
  std::string_view terms;    // "BT-106 BT-131": business terms involved
  // The rule set: "en16931" (CEN), or the Factur-X profile Schematron it
  // comes from: "facturx-basicwl", "facturx-en16931", "facturx-extended".
  // Ids repeat across sets (BR-52 is in all four); the set tells them apart.
  std::string_view set = "en16931";
};

// Every rule, sorted by id (natural order: BR-2 before BR-10). A rule whose
// flag or text differs between the UBL and CII artefacts has two entries
// (kUbl and kCii); otherwise one entry with kBoth.
std::span<const RuleInfo> AllRules();
// The entry that applies to `syntax` (kFacturX counts as CII); nullptr when
// unknown. Case-insensitive.
const RuleInfo* FindRule(std::string_view id, Syntax syntax);

// The Factur-X 1.09 profile rules: every assert and report of the BASIC WL,
// EN16931 and EXTENDED Schematron files, sorted by set then id. Checks
// without an id of their own (cardinality, "not used", code lists) have
// FX-WL-nnnn, FX-EN-nnnn, FX-EXT-nnnn ids and their context in the text.
std::span<const RuleInfo> FacturXRules();
// The set a profile's document is checked with: BASIC WL -> facturx-basicwl,
// BASIC and EN16931 -> facturx-en16931, EXTENDED -> facturx-extended,
// MINIMUM -> facturx-basicwl's code list checks only (there is no MINIMUM
// Schematron). The profile is FacturXProfileOf(doc).
std::string_view FacturXRuleSet(FacturXProfile profile);

struct RuleOptions {
  bool en16931 = true;   // the official EN 16931 set
  bool facturx = false;  // the Factur-X profile set picked by BT-24
};

// The rule sets a command asks for (`validate --rules`); `automatic` lets
// the document choose. RuleRequest{false, false, false} asks for none.
struct RuleRequest {
  bool automatic = true;
  bool en16931 = false;
  bool facturx = false;
};

// The sets to run on `doc`: those asked for explicitly, plus with
// `automatic` EN 16931 unless the document is a Factur-X MINIMUM or BASIC
// WL (not complete invoices) and the Factur-X profile set when it is a
// Factur-X (IsFacturXDocument: from a PDF, or a Factur-X URN in BT-24).
// `validate`, `submit` and the sandbox all decide here, so one file gets
// one verdict.
RuleOptions RuleOptionsFor(const XmlDocument& doc,
                           const RuleRequest& request = {});

// Runs the rules on a loaded document and its model (ReadInvoice(doc)).
// With options.facturx, a Factur-X document (FacturXProfileOf) also
// gets its profile's rules. A rule that cannot run is never a silent pass:
// a CHORUS-FX-NOT-RUN warning names it; a check that fails to evaluate on
// the document (an amount that is not a number) is reported failed; a CII
// whose BT-24 names no profile gets a CHORUS-FX-PROFILE warning.
// Returns one Diagnostic per failed assertion: rule = official id, severity
// = official flag, message = official text, location = "<path> (line N)".
// Never throws; runs on any well-formed document, schema-valid or not.
std::vector<Diagnostic> CheckRules(const XmlDocument& doc,
                                   const ReadResult& read,
                                   const RuleOptions& options = {});

}  // namespace chorus

#endif  // CHORUS_RULES_RULES_H_

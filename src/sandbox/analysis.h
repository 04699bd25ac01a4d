// What the platform's processing decides about a deposited flow: it reads
// the file with chorus's own readers and EN 16931 rules, finds the
// recipient and checks its requirements. Pure: no state, no clock.
#ifndef CHORUS_SRC_SANDBOX_ANALYSIS_H_
#define CHORUS_SRC_SANDBOX_ANALYSIS_H_

#include <string>
#include <string_view>
#include <vector>

#include "sandbox/directory.h"
#include "sandbox/state.h"

namespace chorus::sandbox {

struct AnalyzedInvoice {
  InvoiceRecord record;               // id, flow and history left empty
  std::vector<std::string> problems;  // empty = integrated
};

struct FlowAnalysis {
  std::vector<TechnicalError> tech_errors;  // non-empty: the flow is rejected
  std::vector<AnalyzedInvoice> invoices;
};

FlowAnalysis AnalyzeFlow(std::string_view bytes, const std::string& syntaxe,
                         const std::string& nom_fichier);

// The flow state the analysis leads to: IN_INTEGRE, IN_INTEGRE_PARTIEL or
// IN_REJETE.
std::string FinalStateOf(const FlowAnalysis& analysis);

}  // namespace chorus::sandbox

#endif  // CHORUS_SRC_SANDBOX_ANALYSIS_H_

// Computing derived amounts the way the EN 16931 rules check them.
//
// Given lines (quantity, prices, line allowances/charges, VAT category and
// rate) and document allowances/charges, Compute() fills:
//   BT-131 line net amounts (BR-LIN rounding to 2 decimals),
//   BT-92/BT-99 from base × percentage when the amount is absent,
//   BG-23 VAT breakdown per (category, rate) (BR-CO-18, BR-S/Z/E/AE-08/09...),
//   BG-22 totals (BR-CO-10 ... BR-CO-17),
// with the same xs:decimal arithmetic and XPath rounding as the rules, so the
// result passes them.
#ifndef CHORUS_MODEL_COMPUTE_H_
#define CHORUS_MODEL_COMPUTE_H_

#include "chorus/model/invoice.h"
#include "chorus/util/result.h"

namespace chorus {

struct ComputeOptions {
  // Keep BT-131 values already present instead of recomputing them.
  bool keep_line_amounts = false;
};

// Fills computed terms in place. Fails (kInvalidInput, with diagnostics that
// name the line) on data that cannot be computed: a line without quantity or
// price, a percentage allowance without base, an unknown VAT category.
Status Compute(Invoice& invoice, const ComputeOptions& options = {});

}  // namespace chorus

#endif  // CHORUS_MODEL_COMPUTE_H_

// Where a business rule failed: the conventional path of the rule's context
// element (as the official Schematron of the syntax names it) plus the source
// line the model carries. Shared by the business rule families. Internal to
// src/rules/.
#ifndef CHORUS_SRC_RULES_BUSINESS_LOCATION_H_
#define CHORUS_SRC_RULES_BUSINESS_LOCATION_H_

#include <cstddef>
#include <string>

#include "chorus/model/invoice.h"
#include "engine_internal.h"

namespace chorus::rules {

// The element groups business rules are evaluated on.
enum class BusinessGroup {
  kRoot,
  kSeller,
  kBuyer,
  kPayee,
  kTaxRepresentative,
  kDelivery,
  kInvoicingPeriod,
  kPaymentMeans,         // index: which payment means
  kDocAllowanceCharge,   // index: among the document allowances/charges
  kTotals,               // BG-22 element
  kVatTotal,             // UBL cac:TaxTotal, CII ram:TaxTotalAmount
  kVatBreakdown,         // index: among the BG-23 groups
  kLine,                 // index: line
  kLinePeriod,           // index: line
  kLineAllowanceCharge,  // index: line, sub: among the line's
  kLineItem,             // index: line
};

// Which occurrence: `index` / `sub` are 0-based; the "[n]" step is written
// only when there are several (`count` / `sub_count` > 1).
struct Occurrence {
  std::size_t index = 0;
  std::size_t count = 1;
  std::size_t sub = 0;
  std::size_t sub_count = 1;
};

// "/Invoice/cac:InvoiceLine[2]" etc. for the syntax of ctx.
std::string BusinessPath(const RunContext& ctx, BusinessGroup group,
                         const Occurrence& at = {});
// BusinessPath + " (line N)", N from SourceLine; left out when unknown.
std::string BusinessLocation(const RunContext& ctx, BusinessGroup group,
                             SourcePos pos, const Occurrence& at = {});

}  // namespace chorus::rules

#endif  // CHORUS_SRC_RULES_BUSINESS_LOCATION_H_

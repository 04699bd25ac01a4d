#include "rules/business_location.h"

#include <string_view>

#include "chorus/format/syntax.h"

namespace chorus::rules {
namespace {

constexpr std::string_view kCiiTransaction =
    "/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction";

void AppendIndex(std::string& path, std::size_t index, std::size_t count) {
  if (count <= 1) return;
  path += '[';
  path += std::to_string(index + 1);
  path += ']';
}

std::string UblLine(const RunContext& ctx, const Occurrence& at) {
  bool credit = ctx.read.invoice.kind == DocumentKind::kCreditNote;
  std::string path =
      credit ? "/CreditNote/cac:CreditNoteLine" : "/Invoice/cac:InvoiceLine";
  AppendIndex(path, at.index, at.count);
  return path;
}

std::string CiiLine(const Occurrence& at) {
  std::string path(kCiiTransaction);
  path += "/ram:IncludedSupplyChainTradeLineItem";
  AppendIndex(path, at.index, at.count);
  return path;
}

std::string UblPath(const RunContext& ctx, BusinessGroup group,
                    const Occurrence& at) {
  std::string path = ctx.read.invoice.kind == DocumentKind::kCreditNote
                         ? "/CreditNote"
                         : "/Invoice";
  switch (group) {
    case BusinessGroup::kRoot:
      break;
    case BusinessGroup::kSeller:
      path += "/cac:AccountingSupplierParty";
      break;
    case BusinessGroup::kBuyer:
      path += "/cac:AccountingCustomerParty";
      break;
    case BusinessGroup::kPayee:
      path += "/cac:PayeeParty";
      break;
    case BusinessGroup::kTaxRepresentative:
      path += "/cac:TaxRepresentativeParty";
      break;
    case BusinessGroup::kDelivery:
      path += "/cac:Delivery";
      break;
    case BusinessGroup::kInvoicingPeriod:
      path += "/cac:InvoicePeriod";
      break;
    case BusinessGroup::kPaymentMeans:
      path += "/cac:PaymentMeans";
      AppendIndex(path, at.index, at.count);
      break;
    case BusinessGroup::kDocAllowanceCharge:
      path += "/cac:AllowanceCharge";
      AppendIndex(path, at.index, at.count);
      break;
    case BusinessGroup::kTotals:
      path += "/cac:LegalMonetaryTotal";
      break;
    case BusinessGroup::kVatTotal:
      path += "/cac:TaxTotal";
      break;
    case BusinessGroup::kVatBreakdown:
      path += "/cac:TaxTotal/cac:TaxSubtotal";
      AppendIndex(path, at.index, at.count);
      break;
    case BusinessGroup::kLine:
      return UblLine(ctx, at);
    case BusinessGroup::kLinePeriod:
      return UblLine(ctx, at) + "/cac:InvoicePeriod";
    case BusinessGroup::kLineAllowanceCharge:
      path = UblLine(ctx, at) + "/cac:AllowanceCharge";
      AppendIndex(path, at.sub, at.sub_count);
      break;
    case BusinessGroup::kLineItem:
      return UblLine(ctx, at) + "/cac:Item";
  }
  return path;
}

std::string CiiPath(BusinessGroup group, const Occurrence& at) {
  std::string path(kCiiTransaction);
  constexpr std::string_view kAgreement = "/ram:ApplicableHeaderTradeAgreement";
  constexpr std::string_view kSettlement =
      "/ram:ApplicableHeaderTradeSettlement";
  switch (group) {
    case BusinessGroup::kRoot:
      return "/rsm:CrossIndustryInvoice";
    case BusinessGroup::kSeller:
      path += kAgreement;
      path += "/ram:SellerTradeParty";
      break;
    case BusinessGroup::kBuyer:
      path += kAgreement;
      path += "/ram:BuyerTradeParty";
      break;
    case BusinessGroup::kPayee:
      path += kSettlement;
      path += "/ram:PayeeTradeParty";
      break;
    case BusinessGroup::kTaxRepresentative:
      path += kAgreement;
      path += "/ram:SellerTaxRepresentativeTradeParty";
      break;
    case BusinessGroup::kDelivery:
      path += "/ram:ApplicableHeaderTradeDelivery";
      break;
    case BusinessGroup::kInvoicingPeriod:
      path += kSettlement;
      path += "/ram:BillingSpecifiedPeriod";
      break;
    case BusinessGroup::kPaymentMeans:
      path += kSettlement;
      path += "/ram:SpecifiedTradeSettlementPaymentMeans";
      AppendIndex(path, at.index, at.count);
      break;
    case BusinessGroup::kDocAllowanceCharge:
      path += kSettlement;
      path += "/ram:SpecifiedTradeAllowanceCharge";
      AppendIndex(path, at.index, at.count);
      break;
    case BusinessGroup::kTotals:
      path += kSettlement;
      path += "/ram:SpecifiedTradeSettlementHeaderMonetarySummation";
      break;
    case BusinessGroup::kVatTotal:
      path += kSettlement;
      path +=
          "/ram:SpecifiedTradeSettlementHeaderMonetarySummation/"
          "ram:TaxTotalAmount";
      break;
    case BusinessGroup::kVatBreakdown:
      path += kSettlement;
      path += "/ram:ApplicableTradeTax";
      AppendIndex(path, at.index, at.count);
      break;
    case BusinessGroup::kLine:
      return CiiLine(at);
    case BusinessGroup::kLinePeriod:
      return CiiLine(at) +
             "/ram:SpecifiedLineTradeSettlement/ram:BillingSpecifiedPeriod";
    case BusinessGroup::kLineAllowanceCharge:
      path = CiiLine(at) +
             "/ram:SpecifiedLineTradeSettlement/"
             "ram:SpecifiedTradeAllowanceCharge";
      AppendIndex(path, at.sub, at.sub_count);
      break;
    case BusinessGroup::kLineItem:
      return CiiLine(at) + "/ram:SpecifiedTradeProduct";
  }
  return path;
}

}  // namespace

std::string BusinessPath(const RunContext& ctx, BusinessGroup group,
                         const Occurrence& at) {
  return ctx.syntax == Syntax::kUbl ? UblPath(ctx, group, at)
                                    : CiiPath(group, at);
}

std::string BusinessLocation(const RunContext& ctx, BusinessGroup group,
                             SourcePos pos, const Occurrence& at) {
  std::string path = BusinessPath(ctx, group, at);
  if (uint32_t line = SourceLine(ctx.doc, pos); line != 0) {
    path += " (line ";
    path += std::to_string(line);
    path += ')';
  }
  return path;
}

}  // namespace chorus::rules

// The UBL reader reading for validation (ReadOptions::cut_free_text without
// the unmapped report) leaves out the terms no rule reads: those must be
// absent, everything else read as a full read does, and the rules must
// answer the same.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "chorus/format/syntax.h"
#include "chorus/rules/rules.h"
#include "format/ubl_sample.h"
#include "format/ubl_test_util.h"

namespace chorus {
namespace {

using testing::kUblSampleInvoice;
using testing::LoadUbl;

constexpr ReadOptions kFull{.report_unmapped = false};
constexpr ReadOptions kValidation{.report_unmapped = false,
                                  .cut_free_text = true};
// With the unmapped report every term is read, cut or not.
constexpr ReadOptions kCutReported{.cut_free_text = true};

// Terms the sample lacks: an exemption reason, an address line and
// subdivision, a line's accounting reference, a buyer's item id and an
// origin.
constexpr const char* kOdd = R"(<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
 <cbc:ID>ODD-1</cbc:ID>
 <cac:AccountingSupplierParty><cac:Party><cac:PostalAddress>
  <cbc:CountrySubentity>Region</cbc:CountrySubentity>
  <cac:AddressLine><cbc:Line>Building 3</cbc:Line></cac:AddressLine>
  <cac:Country><cbc:IdentificationCode>FR</cbc:IdentificationCode></cac:Country>
 </cac:PostalAddress></cac:Party></cac:AccountingSupplierParty>
 <cac:TaxTotal><cbc:TaxAmount currencyID="EUR">0</cbc:TaxAmount>
  <cac:TaxSubtotal><cbc:TaxableAmount currencyID="EUR">10</cbc:TaxableAmount>
   <cbc:TaxAmount currencyID="EUR">0</cbc:TaxAmount>
   <cac:TaxCategory><cbc:ID>E</cbc:ID><cbc:Percent>0</cbc:Percent>
    <cbc:TaxExemptionReasonCode>VATEX-EU-132</cbc:TaxExemptionReasonCode>
    <cbc:TaxExemptionReason>Exempt</cbc:TaxExemptionReason>
   </cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>
 <cac:InvoiceLine><cbc:ID>1</cbc:ID>
  <cbc:AccountingCost>ACC-1</cbc:AccountingCost>
  <cac:Item><cbc:Name>Thing</cbc:Name>
   <cac:BuyersItemIdentification><cbc:ID>B-7</cbc:ID></cac:BuyersItemIdentification>
   <cac:OriginCountry><cbc:IdentificationCode>DE</cbc:IdentificationCode></cac:OriginCountry>
  </cac:Item></cac:InvoiceLine>
</Invoice>
)";

struct Reads {
  explicit Reads(const std::string& xml) : doc(LoadUbl(xml)) {
    if (!doc) return;
    full = ReadInvoice(*doc, kFull);
    validation = ReadInvoice(*doc, kValidation);
    reported = ReadInvoice(*doc, kCutReported);
  }
  std::unique_ptr<XmlDocument> doc;
  ReadResult full, validation, reported;
};

TEST(UblValidationRead, SampleLeavesOutTheTermsNoRuleReads) {
  Reads r(kUblSampleInvoice);
  ASSERT_TRUE(r.doc);
  const Invoice& f = r.full.invoice;
  const Invoice& v = r.validation.invoice;
  // Present in the sample, so a read that kept them would fail here.
  ASSERT_FALSE(f.notes.empty());
  EXPECT_TRUE(v.notes.empty());
  ASSERT_TRUE(f.business_process && f.buyer_reference &&
              f.buyer_accounting_reference && f.purchase_order_reference &&
              f.contract_reference && f.project_reference);
  EXPECT_FALSE(v.business_process);
  EXPECT_FALSE(v.buyer_reference);
  EXPECT_FALSE(v.buyer_accounting_reference);
  EXPECT_FALSE(v.purchase_order_reference);
  EXPECT_FALSE(v.contract_reference);
  EXPECT_FALSE(v.project_reference);
  ASSERT_TRUE(f.seller && f.seller->additional_legal_info);
  EXPECT_FALSE(v.seller->additional_legal_info);
  ASSERT_TRUE(f.delivery && f.delivery->location_id);
  EXPECT_FALSE(v.delivery->location_id);
  EXPECT_EQ(v.delivery->actual_date, f.delivery->actual_date);
  ASSERT_TRUE(f.payment && f.payment->means_code && f.payment->remittance_info);
  EXPECT_FALSE(v.payment->means_code);
  EXPECT_FALSE(v.payment->remittance_info);
  EXPECT_EQ(v.payment->card, f.payment->card);
  EXPECT_EQ(v.number, f.number);
  EXPECT_EQ(v.currency, f.currency);
  EXPECT_EQ(v.accounting_currency, f.accounting_currency);
  ASSERT_TRUE(f.seller->contact && f.seller->address);
  EXPECT_FALSE(v.seller->contact);
  ASSERT_TRUE(f.seller->address->line1 && f.seller->address->city &&
              f.seller->address->post_code);
  EXPECT_FALSE(v.seller->address->line1);
  EXPECT_FALSE(v.seller->address->city);
  EXPECT_FALSE(v.seller->address->post_code);
  EXPECT_EQ(v.seller->address->country, f.seller->address->country);
  ASSERT_FALSE(f.payment->credit_transfers.empty());
  EXPECT_TRUE(v.payment->credit_transfers.empty());
  EXPECT_EQ(v.payment->direct_debit, f.payment->direct_debit);
  ASSERT_EQ(f.lines.size(), 1u);
  ASSERT_EQ(v.lines.size(), 1u);
  const InvoiceLine& fl = f.lines[0];
  const InvoiceLine& vl = v.lines[0];
  ASSERT_TRUE(fl.order_line_ref && fl.object_id);
  EXPECT_FALSE(vl.order_line_ref);
  EXPECT_FALSE(vl.object_id);
  ASSERT_TRUE(fl.item->seller_id);
  EXPECT_FALSE(vl.item->seller_id);
  ASSERT_TRUE(fl.price->base_quantity_unit);
  EXPECT_FALSE(vl.price->base_quantity_unit);
  // What the rules read stays.
  EXPECT_EQ(vl.id, fl.id);
  EXPECT_EQ(vl.quantity, fl.quantity);
  EXPECT_EQ(vl.unit_code, fl.unit_code);
  EXPECT_EQ(vl.net_amount, fl.net_amount);
  EXPECT_EQ(vl.vat_rate, fl.vat_rate);
  EXPECT_EQ(vl.item->classifications, fl.item->classifications);
  EXPECT_EQ(vl.item->attributes, fl.item->attributes);  // BR-54
  EXPECT_EQ(vl.price->base_quantity, fl.price->base_quantity);
  EXPECT_EQ(vl.price->discount, fl.price->discount);
  EXPECT_EQ(v.vat_breakdown, f.vat_breakdown);
  EXPECT_EQ(v.totals, f.totals);
  EXPECT_EQ(r.validation.diagnostics, r.full.diagnostics);
  EXPECT_EQ(CheckRules(*r.doc, r.validation), CheckRules(*r.doc, r.full));
  // With the unmapped report nothing is left out.
  EXPECT_EQ(r.reported.invoice.notes.size(), f.notes.size());
  EXPECT_TRUE(r.reported.invoice.seller->contact);
  EXPECT_EQ(r.reported.invoice.payment->credit_transfers.size(),
            f.payment->credit_transfers.size());
  EXPECT_EQ(r.reported.invoice.lines[0].order_line_ref, fl.order_line_ref);
}

TEST(UblValidationRead, TermsTheSampleLacks) {
  Reads r(kOdd);
  ASSERT_TRUE(r.doc);
  const Invoice& f = r.full.invoice;
  const Invoice& v = r.validation.invoice;
  ASSERT_TRUE(f.seller && f.seller->address);
  ASSERT_TRUE(f.seller->address->line3 && f.seller->address->subdivision);
  EXPECT_FALSE(v.seller->address->line3);
  EXPECT_FALSE(v.seller->address->subdivision);
  EXPECT_EQ(v.seller->address->country, "FR");
  ASSERT_EQ(f.vat_breakdown.size(), 1u);
  ASSERT_TRUE(f.vat_breakdown[0].exemption_reason &&
              f.vat_breakdown[0].exemption_reason_code);
  EXPECT_FALSE(v.vat_breakdown[0].exemption_reason);
  EXPECT_FALSE(v.vat_breakdown[0].exemption_reason_code);
  EXPECT_EQ(v.vat_breakdown[0].category, "E");
  ASSERT_EQ(f.lines.size(), 1u);
  ASSERT_TRUE(f.lines[0].buyer_accounting_ref);
  EXPECT_FALSE(v.lines[0].buyer_accounting_ref);
  ASSERT_TRUE(f.lines[0].item->buyer_id && f.lines[0].item->origin_country);
  EXPECT_FALSE(v.lines[0].item->buyer_id);
  EXPECT_FALSE(v.lines[0].item->origin_country);
  EXPECT_EQ(v.lines[0].item->name, "Thing");
  EXPECT_EQ(CheckRules(*r.doc, r.validation), CheckRules(*r.doc, r.full));
  EXPECT_EQ(r.reported.invoice.vat_breakdown[0].exemption_reason, "Exempt");
}

}  // namespace
}  // namespace chorus

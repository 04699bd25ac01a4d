// Allowances and charges, VAT totals, document totals and lines.
#include "format/ubl_write.h"

namespace chorus::ubl {
namespace {

void WriteIndicator(Writer& w, bool is_charge) {
  w.x.Leaf("cbc:ChargeIndicator", is_charge ? "true" : "false");
}

void WriteLineAllowanceCharge(Writer& w, const LineAllowanceCharge& a) {
  w.x.Open("cac:AllowanceCharge");
  if (a.indicator_valid) WriteIndicator(w, a.is_charge);
  w.Opt("cbc:AllowanceChargeReasonCode", a.reason_code);
  w.Opt("cbc:AllowanceChargeReason", a.reason);
  w.Num("cbc:MultiplierFactorNumeric", a.percentage);
  w.Money("cbc:Amount", a.amount);
  w.Money("cbc:BaseAmount", a.base_amount);
  w.x.Close();
}

// UBL carries BT-151/BT-152 inside cac:Item, so a line without BG-31 but
// with a VAT category still gets an (empty) item element.
void WriteItem(Writer& w, const InvoiceLine& line) {
  if (!line.item && !line.vat_category && !line.vat_rate) return;
  static const Item kNoItem;
  const Item& it = line.item ? *line.item : kNoItem;
  w.x.Open("cac:Item");
  w.Opt("cbc:Description", it.description);
  w.Opt("cbc:Name", it.name);
  if (it.buyer_id) {
    w.x.Open("cac:BuyersItemIdentification");
    w.x.Leaf("cbc:ID", *it.buyer_id);
    w.x.Close();
  }
  if (it.seller_id) {
    w.x.Open("cac:SellersItemIdentification");
    w.x.Leaf("cbc:ID", *it.seller_id);
    w.x.Close();
  }
  if (it.standard_id) {
    w.x.Open("cac:StandardItemIdentification");
    w.Id("cbc:ID", it.standard_id);
    w.x.Close();
  }
  if (it.origin_country) {
    w.x.Open("cac:OriginCountry");
    w.x.Leaf("cbc:IdentificationCode", *it.origin_country);
    w.x.Close();
  }
  for (const Identifier& c : it.classifications) {
    w.x.Open("cac:CommodityClassification");
    w.x.Open("cbc:ItemClassificationCode");
    if (c.scheme) w.x.Attr("listID", *c.scheme);
    if (c.scheme_version) w.x.Attr("listVersionID", *c.scheme_version);
    w.x.Text(c.value);
    w.x.Close();
    w.x.Close();
  }
  if (line.vat_category || line.vat_rate) {
    w.TaxCategory("cac:ClassifiedTaxCategory", line.vat_category,
                  line.vat_rate);
  }
  for (const ItemAttribute& a : it.attributes) {
    w.x.Open("cac:AdditionalItemProperty");
    w.Opt("cbc:Name", a.name);
    w.Opt("cbc:Value", a.value);
    w.x.Close();
  }
  w.x.Close();
}

void WritePrice(Writer& w, const PriceDetails& p) {
  w.x.Open("cac:Price");
  w.Money("cbc:PriceAmount", p.net_price);
  if (p.base_quantity) {
    w.x.Leaf("cbc:BaseQuantity", p.base_quantity->ToString(), "unitCode",
             p.base_quantity_unit ? &*p.base_quantity_unit : nullptr);
  } else if (p.base_quantity_unit) {
    w.Lost("BT-150",
           "UBL carries the base quantity unit only as an "
           "attribute of the base quantity (BT-149), which is "
           "absent");
  }
  if (p.discount || p.gross_price) {
    w.x.Open("cac:AllowanceCharge");
    WriteIndicator(w, false);
    if (!p.discount) {
      w.Lost("BT-147",
             "UBL requires a price discount amount beside the "
             "gross price (BT-148); written as 0");
    }
    w.Money("cbc:Amount", p.discount.value_or(Decimal()));
    w.Money("cbc:BaseAmount", p.gross_price);
    w.x.Close();
  }
  w.x.Close();
}

}  // namespace

void WriteAllowancesCharges(Writer& w) {
  for (const AllowanceCharge& a : w.inv.allowances_charges) {
    w.x.Open("cac:AllowanceCharge");
    if (a.indicator_valid) WriteIndicator(w, a.is_charge);
    w.Opt("cbc:AllowanceChargeReasonCode", a.reason_code);
    w.Opt("cbc:AllowanceChargeReason", a.reason);
    w.Num("cbc:MultiplierFactorNumeric", a.percentage);
    w.Money("cbc:Amount", a.amount);
    w.Money("cbc:BaseAmount", a.base_amount);
    if (a.vat_category || a.vat_rate) {
      w.TaxCategory("cac:TaxCategory", a.vat_category, a.vat_rate);
    }
    w.x.Close();
  }
}

void WriteTaxTotals(Writer& w) {
  const Invoice& inv = w.inv;
  if (inv.vat_total || !inv.vat_breakdown.empty()) {
    w.x.Open("cac:TaxTotal");
    if (inv.vat_total) {
      w.Money("cbc:TaxAmount", *inv.vat_total);
    } else {
      // The schema requires a TaxAmount beside the breakdown; BR-CO-14
      // defines it as the sum of the category amounts.
      Decimal sum;
      for (const VatBreakdown& v : inv.vat_breakdown) {
        if (v.tax_amount) sum += *v.tax_amount;
      }
      w.Money("cbc:TaxAmount", sum);
      w.Lost("BT-110",
             "UBL requires the invoice total VAT amount beside "
             "the VAT breakdown; written as the sum of BT-117");
    }
    for (const VatBreakdown& v : inv.vat_breakdown) {
      w.x.Open("cac:TaxSubtotal");
      w.Money("cbc:TaxableAmount", v.taxable_amount);
      w.Money("cbc:TaxAmount", v.tax_amount);
      w.x.Open("cac:TaxCategory");
      w.Opt("cbc:ID", v.category);
      w.Num("cbc:Percent", v.rate);
      w.Opt("cbc:TaxExemptionReasonCode", v.exemption_reason_code);
      w.Opt("cbc:TaxExemptionReason", v.exemption_reason);
      w.TaxScheme(kVatScheme);
      w.x.Close();
      w.x.Close();
    }
    w.x.Close();
  }
  if (inv.vat_total_accounting) {
    static const std::string kNone;
    w.x.Open("cac:TaxTotal");
    w.Money("cbc:TaxAmount", *inv.vat_total_accounting,
            inv.accounting_currency ? &*inv.accounting_currency : &kNone);
    w.x.Close();
  }
}

void WriteMonetaryTotal(Writer& w) {
  if (!w.inv.totals) return;
  const Totals& t = *w.inv.totals;
  w.x.Open("cac:LegalMonetaryTotal");
  w.Money("cbc:LineExtensionAmount", t.line_net_total);
  w.Money("cbc:TaxExclusiveAmount", t.tax_exclusive);
  w.Money("cbc:TaxInclusiveAmount", t.tax_inclusive);
  w.Money("cbc:AllowanceTotalAmount", t.allowance_total);
  w.Money("cbc:ChargeTotalAmount", t.charge_total);
  w.Money("cbc:PrepaidAmount", t.prepaid);
  w.Money("cbc:PayableRoundingAmount", t.rounding);
  w.Money("cbc:PayableAmount", t.payable);
  w.x.Close();
}

void WriteLine(Writer& w, const InvoiceLine& line) {
  bool credit = w.credit_note();
  w.x.Open(credit ? "cac:CreditNoteLine" : "cac:InvoiceLine");
  w.Opt("cbc:ID", line.id);
  w.Opt("cbc:Note", line.note);
  if (line.quantity) {
    w.x.Leaf(credit ? "cbc:CreditedQuantity" : "cbc:InvoicedQuantity",
             line.quantity->ToString(), "unitCode",
             line.unit_code ? &*line.unit_code : nullptr);
  } else if (line.unit_code) {
    w.Lost("BT-130",
           "UBL carries the unit of measure only as an attribute of the "
           "invoiced quantity (BT-129), which is absent");
  }
  w.Money("cbc:LineExtensionAmount", line.net_amount);
  w.Opt("cbc:AccountingCost", line.buyer_accounting_ref);
  if (line.period) {
    w.x.Open("cac:InvoicePeriod");
    w.Date("cbc:StartDate", line.period->start);
    w.Date("cbc:EndDate", line.period->end);
    w.x.Close();
  }
  if (line.order_line_ref) {
    w.x.Open("cac:OrderLineReference");
    w.x.Leaf("cbc:LineID", *line.order_line_ref);
    w.x.Close();
  }
  if (line.object_id) {
    w.x.Open("cac:DocumentReference");
    w.Id("cbc:ID", line.object_id);
    w.x.Leaf("cbc:DocumentTypeCode", kInvoicedObjectType);
    w.x.Close();
  }
  for (const LineAllowanceCharge& a : line.allowances_charges) {
    WriteLineAllowanceCharge(w, a);
  }
  WriteItem(w, line);
  if (line.price) WritePrice(w, *line.price);
  w.x.Close();
}

}  // namespace chorus::ubl

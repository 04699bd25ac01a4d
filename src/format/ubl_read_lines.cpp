// Invoice / credit note lines (BG-25 to BG-32).
#include "format/ubl_read.h"

namespace chorus::ubl {
namespace {

void ReadItem(Reader& r, El n, InvoiceLine& line) {
  Item& it = line.item.emplace();
  Kids k(r, n);
  it.description = r.OptText(k.Cbc("Description"));
  it.name = r.OptText(k.Cbc("Name"));
  if (El b = k.Cac("BuyersItemIdentification")) {
    Kids kb(r, b);
    it.buyer_id = r.OptText(kb.Cbc("ID"));
  }
  if (El s = k.Cac("SellersItemIdentification")) {
    Kids ks(r, s);
    it.seller_id = r.OptText(ks.Cbc("ID"));
  }
  if (El s = k.Cac("StandardItemIdentification")) {
    Kids ks(r, s);
    it.standard_id = r.IdOf(ks.Cbc("ID"));
  }
  if (El o = k.Cac("OriginCountry")) {
    Kids ko(r, o);
    it.origin_country = r.OptText(ko.Cbc("IdentificationCode"));
  }
  k.EachCac("CommodityClassification", [&](El c) {
    Kids kc(r, c);
    El code = kc.Cbc("ItemClassificationCode");
    if (!code) return;
    Identifier id;
    id.value = r.Value(code);
    id.scheme = r.AttrText(code, "listID");
    id.scheme_version = r.AttrText(code, "listVersionID");
    it.classifications.push_back(std::move(id));
  });
  if (El tc = k.Cac("ClassifiedTaxCategory")) {
    Kids kt(r, tc);
    line.vat_category = r.OptText(kt.Cbc("ID"));
    line.vat_rate = r.Num(kt.Cbc("Percent"));
    TakeVatScheme(r, kt.Cac("TaxScheme"));
  }
  k.EachCac("AdditionalItemProperty", [&](El p) {
    Kids kp(r, p);
    it.attributes.push_back(
        ItemAttribute{r.OptText(kp.Cbc("Name")), r.OptText(kp.Cbc("Value"))});
  });
}

void ReadPrice(Reader& r, El n, PriceDetails& price) {
  Kids k(r, n);
  price.net_price = r.Amt(k.Cbc("PriceAmount"));
  El base = k.Cbc("BaseQuantity");
  price.base_quantity = r.Num(base);
  price.base_quantity_unit = r.AttrText(base, "unitCode");
  bool have_discount = false;
  k.EachCac("AllowanceCharge", [&](El ac) {
    // EN 16931 has one price discount and no price charge: a charge here
    // has no term and stays unmapped.
    El indicator = r.Child(ac, kCbcNs, "ChargeIndicator");
    std::string_view v = r.Peek(indicator);
    if (v != "false" && v != "0") return;
    if (have_discount) {
      r.Repeated(ac);
      return;
    }
    have_discount = true;
    Kids ka(r, ac);
    r.Take(indicator);
    price.discount = r.Amt(ka.Cbc("Amount"));
    price.gross_price = r.Amt(ka.Cbc("BaseAmount"));
  });
}

LineAllowanceCharge ReadLineAllowanceCharge(Reader& r, El n) {
  LineAllowanceCharge a;
  a.pos = r.Pos(n);
  Kids k(r, n);
  std::optional<bool> indicator = ReadIndicator(r, k.Cbc("ChargeIndicator"));
  a.is_charge = indicator.value_or(false);
  a.indicator_valid = indicator.has_value();
  a.reason_code = r.OptText(k.Cbc("AllowanceChargeReasonCode"));
  a.reason = r.OptText(k.Cbc("AllowanceChargeReason"));
  a.percentage = r.Num(k.Cbc("MultiplierFactorNumeric"));
  a.amount = r.Amt(k.Cbc("Amount"));
  a.base_amount = r.Amt(k.Cbc("BaseAmount"));
  return a;
}

}  // namespace

void ReadLine(Reader& r, El n) {
  InvoiceLine& line = r.inv().lines.emplace_back();
  line.pos = r.Pos(n);
  Kids k(r, n);
  line.id = r.OptText(k.Cbc("ID"));
  line.note = r.OptText(k.Cbc("Note"));
  // The line's own quantity element: a cac:InvoiceLine met in a CreditNote
  // still holds cbc:InvoicedQuantity.
  const bool credit_line = r.index()[n.i].local == "CreditNoteLine";
  if (credit_line != r.credit_note()) {
    r.Warn(n, "a line of the other UBL document type, read as a line");
  }
  El qty = k.Cbc(credit_line ? xml::Name("CreditedQuantity")
                             : xml::Name("InvoicedQuantity"));
  line.quantity = r.Num(qty);
  line.unit_code = r.AttrText(qty, "unitCode");
  line.net_amount = r.Amt(k.Cbc("LineExtensionAmount"));
  line.buyer_accounting_ref = r.OptText(k.Cbc("AccountingCost"));
  if (El p = k.Cac("InvoicePeriod")) {
    Kids kp(r, p);
    line.period =
        Period{r.DateOf(kp.Cbc("StartDate")), r.DateOf(kp.Cbc("EndDate"))};
  }
  if (El o = k.Cac("OrderLineReference")) {
    Kids ko(r, o);
    line.order_line_ref = r.OptText(ko.Cbc("LineID"));
  }
  k.EachCac("DocumentReference", [&](El d) {
    // The invoiced object is the only document a line refers to in EN 16931;
    // a reference without a type code (as in CEN example 5) is taken as one.
    El code = r.Child(d, kCbcNs, "DocumentTypeCode");
    if (code && r.Peek(code) != kInvoicedObjectType) return;
    if (line.object_id) {
      r.Repeated(d);
      return;
    }
    Kids kd(r, d);
    r.Take(code);
    line.object_id = r.IdOf(kd.Cbc("ID")).value_or(Identifier{});
  });
  k.EachCac("AllowanceCharge", [&](El a) {
    line.allowances_charges.push_back(ReadLineAllowanceCharge(r, a));
  });
  if (El item = k.Cac("Item")) ReadItem(r, item, line);
  if (El price = k.Cac("Price")) ReadPrice(r, price, line.price.emplace());
}

}  // namespace chorus::ubl

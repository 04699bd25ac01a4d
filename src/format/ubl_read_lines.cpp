// Invoice / credit note lines (BG-25 to BG-32).
#include "format/ubl_read.h"

namespace chorus::ubl {
namespace {

constexpr Wants kLineWants({
    {kCbcNs, "ID"},
    {kCbcNs, "Note"},
    {kCbcNs, "InvoicedQuantity"},
    {kCbcNs, "CreditedQuantity"},
    {kCbcNs, "LineExtensionAmount"},
    {kCbcNs, "AccountingCost"},
    {kCacNs, "InvoicePeriod"},
    {kCacNs, "OrderLineReference"},
    {kCacNs, "DocumentReference"},
    {kCacNs, "AllowanceCharge"},
    {kCacNs, "Item"},
    {kCacNs, "Price"},
});
constexpr Wants kItemWants({
    {kCbcNs, "Description"},
    {kCbcNs, "Name"},
    {kCacNs, "BuyersItemIdentification"},
    {kCacNs, "SellersItemIdentification"},
    {kCacNs, "StandardItemIdentification"},
    {kCacNs, "OriginCountry"},
    {kCacNs, "CommodityClassification"},
    {kCacNs, "ClassifiedTaxCategory"},
    {kCacNs, "AdditionalItemProperty"},
});
constexpr Wants kClassificationWants({{kCbcNs, "ItemClassificationCode"}});
constexpr Wants kPropertyWants({{kCbcNs, "Name"}, {kCbcNs, "Value"}});
constexpr Wants kPriceWants({
    {kCbcNs, "PriceAmount"},
    {kCbcNs, "BaseQuantity"},
    {kCacNs, "AllowanceCharge"},
});
constexpr Wants kOrderLineWants({{kCbcNs, "LineID"}});

void ReadItem(Reader& r, El n, InvoiceLine& line) {
  Item& it = line.item.emplace();
  Kids<kItemWants> k(r, n);
  r.ReadFreeText(k.Cbc("Description"), it.description);
  r.ReadFreeText(k.Cbc("Name"), it.name);
  // No rule reads the item's own identifiers or origin (BR-54 reads its
  // properties).
  const bool all = r.all_terms();
  if (El b = all ? k.Cac("BuyersItemIdentification") : El()) {
    Kids<kIdWants> kb(r, b);
    r.ReadText(kb.Cbc("ID"), it.buyer_id);
  }
  if (El s = all ? k.Cac("SellersItemIdentification") : El()) {
    Kids<kIdWants> ks(r, s);
    r.ReadText(ks.Cbc("ID"), it.seller_id);
  }
  if (El s = k.Cac("StandardItemIdentification")) {
    Kids<kIdWants> ks(r, s);
    r.ReadId(ks.Cbc("ID"), it.standard_id);
  }
  if (El o = all ? k.Cac("OriginCountry") : El()) {
    Kids<kCountryWants> ko(r, o);
    r.ReadText(ko.Cbc("IdentificationCode"), it.origin_country);
  }
  // Sized once: grown by doubling, two classifications or properties cost
  // three allocations and a move.
  it.classifications.reserve(k.CountCac("CommodityClassification"));
  k.EachCac("CommodityClassification", [&](El c) {
    Kids<kClassificationWants> kc(r, c);
    El code = kc.Cbc("ItemClassificationCode");
    if (!code) return;
    Identifier& id = it.classifications.emplace_back();  // in place
    r.ValueInto(code, id.value);
    r.ReadAttr(code, "listID", id.scheme);
    r.ReadAttr(code, "listVersionID", id.scheme_version);
  });
  if (El tc = k.Cac("ClassifiedTaxCategory")) {
    Kids<kTaxCategoryWants> kt(r, tc);
    r.ReadText(kt.Cbc("ID"), line.vat_category);
    r.ReadNumber(kt.Cbc("Percent"), line.vat_rate);
    TakeVatScheme(r, kt.Cac("TaxScheme"));
  }
  it.attributes.reserve(k.CountCac("AdditionalItemProperty"));
  k.EachCac("AdditionalItemProperty", [&](El p) {
    Kids<kPropertyWants> kp(r, p);
    ItemAttribute& a = it.attributes.emplace_back();  // in place
    r.ReadFreeText(kp.Cbc("Name"), a.name);
    r.ReadFreeText(kp.Cbc("Value"), a.value);
  });
}

void ReadPrice(Reader& r, El n, PriceDetails& price) {
  Kids<kPriceWants> k(r, n);
  r.ReadAmount(k.Cbc("PriceAmount"), price.net_price);
  El base = k.Cbc("BaseQuantity");
  r.ReadNumber(base, price.base_quantity);
  if (r.all_terms()) r.ReadAttr(base, "unitCode", price.base_quantity_unit);
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
    Kids<kAllowanceChargeWants> ka(r, ac);
    r.Take(indicator);
    r.ReadAmount(ka.Cbc("Amount"), price.discount);
    r.ReadAmount(ka.Cbc("BaseAmount"), price.gross_price);
  });
}

// Fills `a`, already in the line's list, in place.
void ReadLineAllowanceCharge(Reader& r, El n, LineAllowanceCharge& a) {
  a.pos = r.Pos(n);
  Kids<kAllowanceChargeWants> k(r, n);
  std::optional<bool> indicator = ReadIndicator(r, k.Cbc("ChargeIndicator"));
  a.is_charge = indicator.value_or(false);
  a.indicator_valid = indicator.has_value();
  r.ReadText(k.Cbc("AllowanceChargeReasonCode"), a.reason_code);
  r.ReadFreeText(k.Cbc("AllowanceChargeReason"), a.reason);
  r.ReadNumber(k.Cbc("MultiplierFactorNumeric"), a.percentage);
  r.ReadAmount(k.Cbc("Amount"), a.amount);
  r.ReadAmount(k.Cbc("BaseAmount"), a.base_amount);
}

}  // namespace

void ReadLine(Reader& r, El n) {
  InvoiceLine& line = r.inv().lines.emplace_back();
  line.pos = r.Pos(n);
  Kids<kLineWants> k(r, n);
  r.ReadText(k.Cbc("ID"), line.id);
  r.ReadFreeText(k.Cbc("Note"), line.note);
  // The line's own quantity element: a cac:InvoiceLine met in a CreditNote
  // still holds cbc:InvoicedQuantity.
  const bool credit_line = r.index()[n.i].local == "CreditNoteLine";
  if (credit_line != r.credit_note()) {
    r.Warn(n, "a line of the other UBL document type, read as a line");
  }
  El qty = credit_line ? k.Cbc("CreditedQuantity") : k.Cbc("InvoicedQuantity");
  r.ReadNumber(qty, line.quantity);
  r.ReadAttr(qty, "unitCode", line.unit_code);
  r.ReadAmount(k.Cbc("LineExtensionAmount"), line.net_amount);
  // No rule reads the line's references (BT-128, BT-132, BT-133).
  const bool all = r.all_terms();
  if (all) r.ReadText(k.Cbc("AccountingCost"), line.buyer_accounting_ref);
  if (El p = k.Cac("InvoicePeriod")) {
    Kids<kPeriodWants> kp(r, p);
    line.period =
        Period{r.DateOf(kp.Cbc("StartDate")), r.DateOf(kp.Cbc("EndDate"))};
  }
  if (El o = all ? k.Cac("OrderLineReference") : El()) {
    Kids<kOrderLineWants> ko(r, o);
    r.ReadText(ko.Cbc("LineID"), line.order_line_ref);
  }
  const auto object = [&](El d) {
    // The invoiced object is the only document a line refers to in EN 16931;
    // a reference without a type code (as in CEN example 5) is taken as one.
    El code = r.Child(d, kCbcNs, "DocumentTypeCode");
    if (code && r.Peek(code) != kInvoicedObjectType) return;
    if (line.object_id) {
      r.Repeated(d);
      return;
    }
    Kids<kIdWants> kd(r, d);
    r.Take(code);
    Identifier& id = line.object_id.emplace();  // in place
    if (El e = kd.Cbc("ID")) r.IdInto(e, id);
  };
  if (all) k.EachCac("DocumentReference", object);
  // Sized once: growing moves every entry built so far.
  if (k.Cac("AllowanceCharge")) {
    line.allowances_charges.reserve(k.CountCac("AllowanceCharge"));
  }
  k.EachCac("AllowanceCharge", [&](El a) {
    ReadLineAllowanceCharge(r, a, line.allowances_charges.emplace_back());
  });
  if (El item = k.Cac("Item")) ReadItem(r, item, line);
  if (El price = k.Cac("Price")) ReadPrice(r, price, line.price.emplace());
}

}  // namespace chorus::ubl

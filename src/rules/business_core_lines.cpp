// Invoice lines (BG-25) and what hangs off them: line allowances and
// charges (BG-27, BG-28), line period (BG-26), item (BG-31, BG-32).
// BR-21..BR-28, BR-30, BR-41..BR-44, BR-54, BR-64, BR-65, BR-CO-04,
// BR-CO-07/08, BR-CO-20, BR-CO-23/24 and BR-DEC-23..BR-DEC-28.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "rules/business_core.h"
#include "rules/business_vat_xml.h"

namespace chorus::rules::core {
namespace {

using G = BusinessGroup;

// `elements`: the XML elements, walked alongside, for what the model cannot
// tell (unparsable amounts, the CII indicator strings).
void CheckLineAllowancesCharges(const RunContext& ctx, const CoreXml& x,
                                const InvoiceLine& line, const Span& elements,
                                Occurrence at) {
  // Most lines have none: no names to pick.
  if (line.allowances_charges.empty()) return;
  const bool ubl = ctx.syntax == Syntax::kUbl;
  const std::string_view amount = Either(ubl, "Amount", "ActualAmount");
  const std::string_view base = Either(ubl, "BaseAmount", "BasisAmount");
  const DocIndex& d = x.d;
  int32_t node = elements.first;
  at.sub_count = line.allowances_charges.size();
  for (std::size_t j = 0; j < at.sub_count;
       ++j, node = elements.Next(d, node)) {
    const LineAllowanceCharge& a = line.allowances_charges[j];
    const ChargeContext kind =
        ChargeContextOf(ctx, node, a.indicator_valid, a.is_charge);
    if (kind == ChargeContext::kNone) continue;
    at.sub = j;
    auto fail = [&](std::string_view id) {
      FailAt(ctx, id, G::kLineAllowanceCharge, a.pos, at);
    };
    bool reason = a.reason || a.reason_code;
    const FirstTwo el = FirstChildren(d, node, amount, base);
    const bool has_amount = PresentAt(x, a.amount, el.a);
    const bool dec_amount = TooManyDecimalsAt(d, a.amount, el.a);
    const bool dec_base = TooManyDecimalsAt(d, a.base_amount, el.b);
    if (kind == ChargeContext::kAllowance) {
      if (!has_amount) fail("BR-41");
      if (!reason) fail("BR-42");
      // BR-CO-07 is asserted as true() in both artefacts.
      if (!reason) fail("BR-CO-23");
      if (dec_amount) fail("BR-DEC-24");
      if (dec_base) fail("BR-DEC-25");
    } else {
      if (!has_amount) fail("BR-43");
      if (!reason) fail("BR-44");
      // BR-CO-08 is asserted as true() in both artefacts.
      if (!reason) fail("BR-CO-24");
      if (dec_amount) fail("BR-DEC-27");
      if (dec_base) fail("BR-DEC-28");
    }
  }
}

void CheckItem(const RunContext& ctx, const InvoiceLine& line,
               const Occurrence& at) {
  if (!line.item) return;
  const Item& item = *line.item;
  const bool ubl = ctx.syntax == Syntax::kUbl;
  // UBL asks for the scheme attribute, CII for a non-blank one.
  auto scheme_ok = [ubl](const Text& scheme) {
    return ubl ? scheme.has_value() : Filled(scheme);
  };
  if (item.standard_id && !scheme_ok(item.standard_id->scheme)) {
    FailAt(ctx, "BR-64", ubl ? G::kLineItem : G::kLine, line.pos, at);
  }
  for (const Identifier& c : item.classifications) {
    if (!scheme_ok(c.scheme)) {
      FailAt(ctx, "BR-65", G::kLineItem, line.pos, at);
    }
  }
  for (const ItemAttribute& attribute : item.attributes) {
    if (!attribute.name || !attribute.value) {
      FailAt(ctx, "BR-54", G::kLineItem, line.pos, at);
    }
  }
}

// The UBL line children LineXml keeps, by name: one table probe per child
// instead of a chain of name tests (KeySwitch).
enum UblLineChild : uint8_t {
  kOther,
  kAmount,
  kInvoiced,
  kCredited,
  kPrice,
  kItem,
  kPeriod,
  kAllowance,
  kUblLineChildren
};
constexpr std::string_view kUblLineNames[kUblLineChildren] = {
    "",
    "LineExtensionAmount",
    "InvoicedQuantity",
    "CreditedQuantity",
    "Price",
    "Item",
    "InvoicePeriod",
    "AllowanceCharge"};
constexpr KeySwitch<5> kUblLine = {{kUblLineNames[kAmount], kAmount},
                                   {kUblLineNames[kInvoiced], kInvoiced},
                                   {kUblLineNames[kCredited], kCredited},
                                   {kUblLineNames[kPrice], kPrice},
                                   {kUblLineNames[kItem], kItem},
                                   {kUblLineNames[kPeriod], kPeriod},
                                   {kUblLineNames[kAllowance], kAllowance}};

// The children of one line element the rules read, found in one pass (two
// for CII, whose line settlement holds most of them); -1 when absent.
struct LineXml {
  int32_t quantity = -1;       // UBL Invoiced/CreditedQuantity, CII Billed
  int32_t quantity2 = -1;      // UBL: the other quantity element
  int32_t amount_parent = -1;  // holder of BT-131
  int32_t price_parent = -1;   // holder of BT-146
  int32_t item = -1;           // UBL cac:Item
  int32_t tax_parent = -1;     // CII line settlement
  int32_t agreement = -1;      // CII line agreement
  int32_t first_tax = -1;      // CII first line ram:ApplicableTradeTax
  int32_t amount = -1;         // first BT-131 element under amount_parent
  int amounts = 0;             // UBL: how many BT-131 elements (up to 2)
  // CII: `amount` is the line's only BT-131 element (or -1, none at all):
  // one settlement at most, one summation in it, one amount in that.
  bool only_amount = true;
  // Every holder of the prices: UBL cac:Price, CII line agreement.
  Span prices;
  Span periods;
  Span allowances;
  Span documents{-1, -1, "AdditionalReferencedDocument", {}};  // CII BT-128

  LineXml(const RunContext& ctx, const DocIndex& d, int32_t line) {
    auto keep = [](int32_t& slot, int32_t c) {
      if (slot < 0) slot = c;
    };
    if (ctx.syntax == Syntax::kUbl) {
      periods.local = "InvoicePeriod";
      allowances.local = "AllowanceCharge";
      prices.local = "Price";
      amount_parent = line;
      ForEachChildKey(d, line, [&](int32_t c, uint64_t key) {
        const uint8_t a = kUblLine(key);
        // The key matched (length, first seven bytes): SameTail finishes
        // the comparison ("" from NameOf, a long prefix, has another
        // length).
        if (a == kOther || !SameTail(NameOf(d[c]), kUblLineNames[a])) return;
        if (a == kAmount) {
          keep(amount, c);
          amounts += amounts < 2;
        } else if (a == kInvoiced || a == kCredited) {
          keep(a == kInvoiced ? quantity : quantity2, c);
        } else if (a == kPrice) {
          keep(price_parent, c);
          prices.Add(c);
        } else if (a == kItem) {
          keep(item, c);
        } else {
          (a == kPeriod ? periods : allowances).Add(c);
        }
      });
      return;
    }
    periods.local = "BillingSpecifiedPeriod";
    allowances.local = "SpecifiedTradeAllowanceCharge";
    prices.local = "SpecifiedLineTradeAgreement";
    ForEachChild(d, line, [&](int32_t c, std::string_view l) {
      if (ShortEqual(l, "SpecifiedLineTradeSettlement")) {
        only_amount = only_amount && tax_parent < 0;
        keep(tax_parent, c);
      } else if (ShortEqual(l, "SpecifiedLineTradeAgreement")) {
        keep(agreement, c);
        prices.Add(c);
      } else if (ShortEqual(l, "SpecifiedLineTradeDelivery")) {
        if (quantity < 0) quantity = FirstChild(d, c, "BilledQuantity");
      }
    });
    ForEachChild(d, agreement, [&](int32_t c, std::string_view l) {
      if (ShortEqual(l, "NetPriceProductTradePrice")) {
        keep(price_parent, c);
      } else if (ShortEqual(l, "AdditionalReferencedDocument")) {
        documents.Add(c);
      }
    });
    ForEachChild(d, tax_parent, [&](int32_t c, std::string_view l) {
      if (ShortEqual(l, "BillingSpecifiedPeriod")) {
        periods.Add(c);
      } else if (ShortEqual(l, "SpecifiedTradeAllowanceCharge")) {
        allowances.Add(c);
      } else if (ShortEqual(l, "ApplicableTradeTax")) {
        keep(first_tax, c);
      } else if (ShortEqual(l, "AdditionalReferencedDocument")) {
        documents.Add(c);
      } else if (ShortEqual(l,
                            "SpecifiedTradeSettlementLineMonetarySummation")) {
        only_amount = only_amount && amount_parent < 0;
        keep(amount_parent, c);
      }
    });
    amount = FirstChild(d, amount_parent, "LineTotalAmount");
    only_amount = only_amount && NextSibling(d, amount, "LineTotalAmount") < 0;
  }
};

// "(path) >= 0" on untyped nodes, as XPath compares them: each is cast to
// xs:double ("1E2" and "INF" are numbers, "1E400" overflows to INF) and one
// node >= 0 is enough; a node that is no double is a cast error that stops
// the official validation, so the comparison is reported false.
struct NonNegative {
  bool any = false;
  bool ok = false;
  bool error = false;

  // Adds node `c` of `d`.
  void Add(const DocIndex& d, int32_t c, std::string& scratch) {
    any = true;
    // The usual price, a leaf (its text trimmed as ParseFixed trims) of
    // plain digits: >= 0, no parse needed.
    if (d[c].first_child < 0 && PlainUnsignedDecimal(d[c].text)) {
      ok = true;
      return;
    }
    const std::string_view text = d.StringValue(c, scratch);
    // A plain decimal of up to 18 digits (the usual price) is its own
    // double's sign; -0 is >= 0.
    if (const std::optional<vat::Fixed> f = vat::ParseFixed(text)) {
      if (f->m >= 0) ok = true;
      return;
    }
    std::optional<double> v = vat::UntypedDoubleText(text, &error);
    if (v && *v >= 0) ok = true;
  }
  bool Holds() const { return ok && !error; }
};

// BR-27's (price) and BR-28's (gross price) over every match of their
// paths from the line's price holders (lx.prices), in one pass over those:
// UBL cac:Price/cbc:PriceAmount and cac:Price/cac:AllowanceCharge/
// cbc:BaseAmount (charges and indicator-less ones included; the model keeps
// one discount), CII .../ram:NetPriceProductTradePrice/ram:ChargeAmount and
// .../ram:GrossPriceProductTradePrice/ram:ChargeAmount.
struct Prices {
  NonNegative net;
  NonNegative gross;
};
Prices PricesUnder(const RunContext& ctx, const DocIndex& d,
                   const LineXml& lx) {
  const bool ubl = ctx.syntax == Syntax::kUbl;
  const std::string_view net = Either(ubl, "PriceAmount", "ChargeAmount");
  const std::string_view net_parent = "NetPriceProductTradePrice";
  const std::string_view gross_parent =
      Either(ubl, "AllowanceCharge", "GrossPriceProductTradePrice");
  const std::string_view gross = Either(ubl, "BaseAmount", "ChargeAmount");
  Prices out;
  std::string scratch;
  const Span& a = lx.prices;
  for (int32_t p = a.first; p >= 0; p = a.Next(d, p)) {
    ForEachChild(d, p, [&](int32_t c, std::string_view l) {
      if (ubl && ShortEqual(l, net)) {
        out.net.Add(d, c, scratch);
      } else if (!ubl && ShortEqual(l, net_parent)) {
        ForEachNamed(d, c, net, [&](int32_t y) { out.net.Add(d, y, scratch); });
      } else if (ShortEqual(l, gross_parent)) {
        ForEachNamed(d, c, gross,
                     [&](int32_t y) { out.gross.Add(d, y, scratch); });
      }
    });
  }
  return out;
}

// BR-CO-04: BT-151 under the VAT scheme.
bool HasVatCategory(const RunContext& ctx, const CoreXml& x,
                    const InvoiceLine& line, const LineXml& lx,
                    bool have_node) {
  if (!have_node) return line.vat_category.has_value();
  if (ctx.syntax == Syntax::kUbl) {
    return FirstVatCategory(ctx, x, lx.item, "ClassifiedTaxCategory", true)
               .code >= 0;
  }
  // The first tax is almost always the VAT one; otherwise look further.
  int32_t tax = VatCategoryEntry(ctx, lx.first_tax, "");
  if (tax < 0 && lx.first_tax >= 0) {
    tax = VatCategoryEntry(ctx, lx.tax_parent, "ApplicableTradeTax");
  }
  return CategoryCodeEntry(ctx, tax) >= 0;
}

// `node`: the line's element, -1 when the XML has fewer lines than the
// model.
// The line element's BT-131 elements, for BR-CO-10's line sum: the first
// (-1 when none) and how many (UBL, up to 2); CII: whether the first is the
// only one (LineXml::only_amount).
struct LineAmounts {
  int32_t first = -1;
  int count = 0;
  bool only = false;
};

LineAmounts CheckLine(const RunContext& ctx, const CoreXml& x,
                      const InvoiceLine& line, int32_t node,
                      const Occurrence& at) {
  auto fail = [&](std::string_view id) {
    FailAt(ctx, id, G::kLine, line.pos, at);
  };
  const bool ubl = ctx.syntax == Syntax::kUbl;
  const DocIndex& d = x.d;
  const LineXml lx(ctx, d, node);
  if (!Filled(line.id)) fail("BR-21");
  // Quantity, net amount and price also from the XML: a value the model
  // could not parse still exists for the rules, and UBL accepts either
  // quantity element in both document kinds.
  bool quantity = line.quantity || lx.quantity >= 0 || lx.quantity2 >= 0;
  bool unit = line.unit_code || HasAttribute(d, lx.quantity, "unitCode") ||
              HasAttribute(d, lx.quantity2, "unitCode");
  if (!quantity) fail("BR-22");
  if (!unit) fail("BR-23");
  if (!line.net_amount && (x.reader_exact || lx.amount < 0)) fail("BR-24");
  if (!line.item || !Filled(line.item->name)) fail("BR-25");
  static const Amount kNoAmount;
  const Amount& net_price = line.price ? line.price->net_price : kNoAmount;
  // The name only when the model lacks the price.
  if (!net_price && !Present(x, net_price, lx.price_parent,
                             Either(ubl, "PriceAmount", "ChargeAmount"))) {
    fail("BR-26");
  }
  const Amount& gross_price = line.price ? line.price->gross_price : kNoAmount;
  // BR-27: (price) >= 0, false when the price is missing; BR-28: (gross
  // price) >= 0 or no gross price. Without the line element, the model's.
  bool net_ok = net_price && !net_price->IsNegative();
  bool gross_ok = !gross_price || !gross_price->IsNegative();
  if (node >= 0) {
    const Prices prices = PricesUnder(ctx, d, lx);
    net_ok = prices.net.Holds();
    gross_ok = !prices.gross.any || prices.gross.Holds();
  }
  if (!net_ok) fail("BR-27");
  if (!gross_ok) fail("BR-28");
  if (!HasVatCategory(ctx, x, line, lx, node >= 0)) fail("BR-CO-04");
  if (TooManyDecimalsAt(d, line.net_amount, lx.amount)) fail("BR-DEC-23");

  // Periods from the XML when the model is not conclusive (it drops dates
  // it cannot parse).
  if (lx.periods.first == lx.periods.last && line.period &&
      line.period->start && line.period->end) {
    if (*line.period->end < *line.period->start) {
      ctx.Fail("BR-30", lx.periods.first);
    }
  } else {
    for (int32_t p = lx.periods.first; p >= 0; p = lx.periods.Next(d, p)) {
      PeriodVerdict v = CheckPeriod(ctx, p, false);
      if (!v.ordered) ctx.Fail("BR-30", p);
      if (!v.filled) ctx.Fail("BR-CO-20", p);
    }
  }
  for (int32_t doc = lx.documents.first; doc >= 0;
       doc = lx.documents.Next(d, doc)) {
    if (TrimmedText(d, FirstChild(d, doc, "IssuerAssignedID")).empty()) {
      ctx.Fail("BR-52", doc);
    }
  }
  CheckLineAllowancesCharges(ctx, x, line, lx.allowances, at);
  CheckItem(ctx, line, at);
  return {lx.amount, lx.amounts, lx.only_amount};
}

}  // namespace

void CheckLineRules(const RunContext& ctx, const CoreXml& x, UblLineSum* sum,
                    CiiLineSum* cii_sum) {
  const Invoice& inv = ctx.read.invoice;
  Occurrence at;
  at.count = inv.lines.size();
  int32_t node = x.lines.first;
  for (std::size_t i = 0; i < at.count; ++i, node = x.lines.Next(x.d, node)) {
    at.index = i;
    const LineAmounts amounts = CheckLine(ctx, x, inv.lines[i], node, at);
    if (sum != nullptr) sum->Add(x, node, amounts.first, amounts.count);
    if (cii_sum != nullptr && node >= 0) {
      cii_sum->Add(x.d, node, amounts.first, amounts.only);
    }
  }
  // Line elements the model does not hold still count in the sum.
  for (; sum != nullptr && node >= 0; node = x.lines.Next(x.d, node)) {
    sum->Add(x, node);
  }
  for (; cii_sum != nullptr && node >= 0; node = x.lines.Next(x.d, node)) {
    cii_sum->Add(x.d, node, -1, false);
  }
}

}  // namespace chorus::rules::core

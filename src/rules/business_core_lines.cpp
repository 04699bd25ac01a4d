// Invoice lines (BG-25) and what hangs off them: line allowances and
// charges (BG-27, BG-28), line period (BG-26), item (BG-31, BG-32).
// BR-21..BR-28, BR-30, BR-41..BR-44, BR-54, BR-64, BR-65, BR-CO-04,
// BR-CO-07/08, BR-CO-20, BR-CO-23/24 and BR-DEC-23..BR-DEC-28.
#include <cstddef>
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
  const bool ubl = ctx.syntax == Syntax::kUbl;
  const std::string_view amount = ubl ? "Amount" : "ActualAmount";
  const std::string_view base = ubl ? "BaseAmount" : "BasisAmount";
  pugi::xml_node node = elements.first;
  at.sub_count = line.allowances_charges.size();
  for (std::size_t j = 0; j < at.sub_count; ++j, node = elements.Next(node)) {
    const LineAllowanceCharge& a = line.allowances_charges[j];
    const ChargeContext kind =
        ChargeContextOf(ctx, node, a.indicator_valid, a.is_charge);
    if (kind == ChargeContext::kNone) continue;
    at.sub = j;
    auto fail = [&](std::string_view id) {
      FailAt(ctx, id, G::kLineAllowanceCharge, a.pos, at);
    };
    bool reason = a.reason || a.reason_code;
    const FirstTwo el = FirstChildren(node, amount, base);
    const bool has_amount = PresentAt(x, a.amount, el.a);
    const bool dec_amount = TooManyDecimalsAt(a.amount, el.a);
    const bool dec_base = TooManyDecimalsAt(a.base_amount, el.b);
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

// The children of one line element the rules read, found in one pass (two
// for CII, whose line settlement holds most of them).
struct LineXml {
  pugi::xml_node quantity;       // UBL Invoiced/CreditedQuantity, CII Billed
  pugi::xml_node quantity2;      // UBL: the other quantity element
  pugi::xml_node amount_parent;  // holder of BT-131
  pugi::xml_node price_parent;   // holder of BT-146
  pugi::xml_node item;           // UBL cac:Item
  pugi::xml_node tax_parent;     // CII line settlement
  pugi::xml_node agreement;      // CII line agreement
  pugi::xml_node first_tax;      // CII first line ram:ApplicableTradeTax
  pugi::xml_node amount;         // first BT-131 element under amount_parent
  // Index entries of item, amount, first_tax and tax_parent (-1: none).
  int32_t item_entry = -1;
  int32_t amount_entry = -1;
  int32_t first_tax_entry = -1;
  int32_t tax_entry = -1;
  // Every holder of the prices: UBL cac:Price, CII line agreement; and the
  // entries of the first and last (-1 when none or not at hand).
  Span prices;
  int32_t prices_first = -1;
  int32_t prices_last = -1;
  Span periods;
  Span allowances;
  Span documents{{}, {}, "AdditionalReferencedDocument", {}};  // CII BT-128

  // `entry`: the line's index entry, -1 when not at hand.
  LineXml(const RunContext& ctx, pugi::xml_node line, int32_t entry) {
    // The rules read the entries: the index holds every element.
    if (entry < 0) entry = IndexEntryOf(line);
    if (ctx.syntax == Syntax::kUbl) {
      periods.local = "InvoicePeriod";
      allowances.local = "AllowanceCharge";
      prices.local = "Price";
      amount_parent = line;
      Each(line, entry, [&](pugi::xml_node c, std::string_view l, int32_t ce) {
        if (ShortEqual(l, "LineExtensionAmount")) {
          KeepFirst(amount, amount_entry, c, ce);
        } else if (ShortEqual(l, "InvoicedQuantity")) {
          if (!quantity) quantity = c;
        } else if (ShortEqual(l, "CreditedQuantity")) {
          if (!quantity2) quantity2 = c;
        } else if (ShortEqual(l, "Price")) {
          if (!price_parent) price_parent = c;
          AddPrice(c, ce);
        } else if (ShortEqual(l, "Item")) {
          KeepFirst(item, item_entry, c, ce);
        } else if (ShortEqual(l, "InvoicePeriod")) {
          periods.Add(c);
        } else if (ShortEqual(l, "AllowanceCharge")) {
          allowances.Add(c);
        }
      });
      return;
    }
    periods.local = "BillingSpecifiedPeriod";
    allowances.local = "SpecifiedTradeAllowanceCharge";
    prices.local = "SpecifiedLineTradeAgreement";
    int32_t agreement_entry = -1, amount_parent_entry = -1;
    Each(line, entry, [&](pugi::xml_node c, std::string_view l, int32_t ce) {
      if (ShortEqual(l, "SpecifiedLineTradeSettlement")) {
        KeepFirst(tax_parent, tax_entry, c, ce);
      } else if (ShortEqual(l, "SpecifiedLineTradeAgreement")) {
        KeepFirst(agreement, agreement_entry, c, ce);
        AddPrice(c, ce);
      } else if (ShortEqual(l, "SpecifiedLineTradeDelivery")) {
        if (!quantity) quantity = FirstChild(c, "BilledQuantity");
      }
    });
    Each(agreement, agreement_entry,
         [&](pugi::xml_node c, std::string_view l, int32_t) {
           if (ShortEqual(l, "NetPriceProductTradePrice")) {
             if (!price_parent) price_parent = c;
           } else if (ShortEqual(l, "AdditionalReferencedDocument")) {
             documents.Add(c);
           }
         });
    Each(tax_parent, tax_entry,
         [&](pugi::xml_node c, std::string_view l, int32_t ce) {
           if (ShortEqual(l, "BillingSpecifiedPeriod")) {
             periods.Add(c);
           } else if (ShortEqual(l, "SpecifiedTradeAllowanceCharge")) {
             allowances.Add(c);
           } else if (ShortEqual(l, "ApplicableTradeTax")) {
             KeepFirst(first_tax, first_tax_entry, c, ce);
           } else if (ShortEqual(l, "AdditionalReferencedDocument")) {
             documents.Add(c);
           } else if (ShortEqual(
                          l, "SpecifiedTradeSettlementLineMonetarySummation")) {
             KeepFirst(amount_parent, amount_parent_entry, c, ce);
           }
         });
    if (amount_parent_entry >= 0) {
      ForEachNamed(*CurrentIndex(), amount_parent_entry, "LineTotalAmount",
                   [&](int32_t c) {
                     if (amount_entry >= 0) return;
                     amount = (*CurrentIndex())[c].node;
                     amount_entry = c;
                   });
    } else if (amount_parent) {
      amount = FirstChild(amount_parent, "LineTotalAmount");
      amount_entry = IndexEntryOf(amount);
    }
  }

  void AddPrice(pugi::xml_node c, int32_t c_entry) {
    if (!prices.first) prices_first = c_entry;
    prices.Add(c);
    prices_last = c_entry;
  }

  // Keeps the first element seen (and its entry).
  static void KeepFirst(pugi::xml_node& n, int32_t& entry, pugi::xml_node c,
                        int32_t c_entry) {
    if (n) return;
    n = c;
    entry = c_entry;
  }

  // ForEachChild(n, ...), from n's entry when at hand (f also takes the
  // child's entry, -1 without one).
  template <typename F>
  static void Each(pugi::xml_node n, int32_t entry, F&& f) {
    if (entry >= 0) {
      ForEachChildOf(*CurrentIndex(), entry, f);
      return;
    }
    ForEachChild(n, [&](pugi::xml_node c, std::string_view l) { f(c, l, -1); });
  }
};

// The sign of a plain decimal literal (an optional '-', digits, optionally
// '.' and digits, around it XML whitespace), short enough that its xs:double
// can neither overflow nor underflow: 1 when >= 0 (-0 included), 0 when
// negative, -1 for any other text (the full cast decides).
int PlainSign(std::string_view text) {
  std::string_view v = vat::TrimSpace(text);
  if (v.empty() || v.size() > 40) return -1;
  const bool minus = v[0] == '-';
  if (minus) v.remove_prefix(1);
  bool nonzero = false, digits = false, dot = false;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const char c = v[i];
    if (c >= '0' && c <= '9') {
      digits = true;
      nonzero = nonzero || c != '0';
    } else if (c == '.' && !dot && digits && i + 1 < v.size()) {
      dot = true;
    } else {
      return -1;
    }
  }
  if (!digits) return -1;
  return minus && nonzero ? 0 : 1;
}

// "(path) >= 0" on untyped nodes, as XPath compares them: each is cast to
// xs:double ("1E2" and "INF" are numbers, "1E400" overflows to INF) and one
// node >= 0 is enough; a node that is no double is a cast error that stops
// the official validation, so the comparison is reported false.
struct NonNegative {
  bool any = false;
  bool ok = false;
  bool error = false;

  void Add(pugi::xml_node parent, std::string_view local) {
    for (pugi::xml_node n = FirstChild(parent, local); n;
         n = NextSibling(n, local)) {
      any = true;
      std::optional<double> d = UntypedDoubleOf(n, &error);
      if (d && *d >= 0) ok = true;
    }
  }
  // Add on entry `parent` of `d`.
  void AddEntries(const DocIndex& d, int32_t parent, std::string_view local) {
    std::string scratch;
    ForEachNamed(d, parent, local, [&](int32_t c) {
      any = true;
      const std::string_view text = d.StringValue(c, scratch);
      if (const int sign = PlainSign(text); sign >= 0) {
        if (sign == 1) ok = true;
        return;
      }
      std::optional<double> v = vat::UntypedDoubleText(text, &error);
      if (v && *v >= 0) ok = true;
    });
  }
  bool Holds() const { return ok && !error; }
};

// line/<a>/<b>/<c> >= 0 over every match of the path, <a> the line's price
// holders (lx.prices), walked from their entries when at hand.
NonNegative CompareUnder(const LineXml& lx, std::string_view b,
                         std::string_view c) {
  const Span& a = lx.prices;
  const int32_t first = lx.prices_first;
  const int32_t last = lx.prices_last;
  NonNegative out;
  // Every line asks twice: walk the index.
  const DocIndex* d = CurrentIndex();
  auto each = [&](int32_t x) {
    if (c.empty()) {
      out.AddEntries(*d, x, b);
      return;
    }
    ForEachNamed(*d, x, b, [&](int32_t y) { out.AddEntries(*d, y, c); });
  };
  if (d != nullptr && first >= 0 && last >= 0) {
    for (int32_t x = first; x >= 0; x = a.NextEntry(*d, x, last)) each(x);
    return out;
  }
  if (a.ForEachEntry(each)) return out;
  for (pugi::xml_node x = a.first; x; x = a.Next(x)) {
    if (c.empty()) {
      out.Add(x, b);
      continue;
    }
    for (pugi::xml_node y = FirstChild(x, b); y; y = NextSibling(y, b)) {
      out.Add(y, c);
    }
  }
  return out;
}

// BR-27: (price) >= 0 -- false when the price is missing.
bool NetPriceOk(const RunContext& ctx, pugi::xml_node line, const LineXml& lx,
                const Amount& model) {
  if (!line) return model && !model->IsNegative();
  NonNegative v =
      ctx.syntax == Syntax::kUbl
          ? CompareUnder(lx, "PriceAmount", "")
          : CompareUnder(lx, "NetPriceProductTradePrice", "ChargeAmount");
  return v.Holds();
}

// BR-28: (gross price) >= 0 or no gross price. UBL looks at every
// cac:Price/cac:AllowanceCharge/cbc:BaseAmount, charges and indicator-less
// ones included; the model keeps one discount.
bool GrossPriceOk(const RunContext& ctx, pugi::xml_node line, const LineXml& lx,
                  const Amount& model) {
  if (!line) return !model || !model->IsNegative();
  NonNegative v =
      ctx.syntax == Syntax::kUbl
          ? CompareUnder(lx, "AllowanceCharge", "BaseAmount")
          : CompareUnder(lx, "GrossPriceProductTradePrice", "ChargeAmount");
  return !v.any || v.Holds();
}

// BR-CO-04: BT-151 under the VAT scheme.
bool HasVatCategory(const RunContext& ctx, const InvoiceLine& line,
                    const LineXml& lx, bool have_node) {
  if (!have_node) return line.vat_category.has_value();
  if (ctx.syntax == Syntax::kUbl) {
    return CategoryCodeEntry(ctx, VatCategoryEntry(ctx, lx.item_entry,
                                                   "ClassifiedTaxCategory")) >=
           0;
  }
  // The first tax is almost always the VAT one; otherwise look further.
  int32_t tax = VatCategoryEntry(ctx, lx.first_tax_entry, "");
  if (tax < 0 && lx.first_tax_entry >= 0) {
    tax = VatCategoryEntry(ctx, lx.tax_entry, "ApplicableTradeTax");
  }
  return CategoryCodeEntry(ctx, tax) >= 0;
}

// `entry`: the index entry of `node`, -1 when not at hand.
void CheckLine(const RunContext& ctx, const CoreXml& x, const InvoiceLine& line,
               pugi::xml_node node, int32_t entry, const Occurrence& at) {
  auto fail = [&](std::string_view id) {
    FailAt(ctx, id, G::kLine, line.pos, at);
  };
  const bool ubl = ctx.syntax == Syntax::kUbl;
  const LineXml lx(ctx, node, entry);
  if (!Filled(line.id)) fail("BR-21");
  // Quantity, net amount and price also from the XML: a value the model
  // could not parse still exists for the rules, and UBL accepts either
  // quantity element in both document kinds.
  bool quantity = line.quantity || lx.quantity || lx.quantity2;
  bool unit = line.unit_code || lx.quantity.attribute("unitCode") ||
              lx.quantity2.attribute("unitCode");
  const std::string_view price_name = ubl ? "PriceAmount" : "ChargeAmount";
  if (!quantity) fail("BR-22");
  if (!unit) fail("BR-23");
  if (!line.net_amount && (x.reader_exact || !lx.amount)) fail("BR-24");
  if (!line.item || !Filled(line.item->name)) fail("BR-25");
  const Amount net_price = line.price ? line.price->net_price : Amount();
  if (!Present(x, net_price, lx.price_parent, price_name)) fail("BR-26");
  if (!NetPriceOk(ctx, node, lx, net_price)) fail("BR-27");
  const Amount gross_price = line.price ? line.price->gross_price : Amount();
  if (!GrossPriceOk(ctx, node, lx, gross_price)) fail("BR-28");
  if (!HasVatCategory(ctx, line, lx, static_cast<bool>(node))) {
    fail("BR-CO-04");
  }
  if (TooManyDecimalsAt(line.net_amount, lx.amount_entry)) {
    fail("BR-DEC-23");
  }

  // Periods from the XML when the model is not conclusive (it drops dates
  // it cannot parse).
  if (lx.periods.first == lx.periods.last && line.period &&
      line.period->start && line.period->end) {
    if (*line.period->end < *line.period->start) {
      ctx.Fail("BR-30", lx.periods.first);
    }
  } else {
    for (pugi::xml_node p = lx.periods.first; p; p = lx.periods.Next(p)) {
      PeriodVerdict v = CheckPeriod(ctx, p, false);
      if (!v.ordered) ctx.Fail("BR-30", p);
      if (!v.filled) ctx.Fail("BR-CO-20", p);
    }
  }
  for (pugi::xml_node d = lx.documents.first; d; d = lx.documents.Next(d)) {
    if (TrimmedText(FirstChild(d, "IssuerAssignedID")).empty()) {
      ctx.Fail("BR-52", d);
    }
  }
  CheckLineAllowancesCharges(ctx, x, line, lx.allowances, at);
  CheckItem(ctx, line, at);
}

}  // namespace

void CheckLineRules(const RunContext& ctx, const CoreXml& x) {
  const Invoice& inv = ctx.read.invoice;
  Occurrence at;
  at.count = inv.lines.size();
  // Walks the line entries when the index holds them: long invoices.
  const DocIndex* d = CurrentIndex();
  if (const int32_t last = IndexEntryOf(x.lines.last); d && last >= 0) {
    int32_t l = IndexEntryOf(x.lines.first);
    for (std::size_t i = 0; i < at.count; ++i) {
      at.index = i;
      CheckLine(ctx, x, inv.lines[i], l >= 0 ? (*d)[l].node : pugi::xml_node(),
                l, at);
      if (l >= 0) l = x.lines.NextEntry(*d, l, last);
    }
    return;
  }
  pugi::xml_node node = x.lines.first;
  for (std::size_t i = 0; i < at.count; ++i, node = x.lines.Next(node)) {
    at.index = i;
    CheckLine(ctx, x, inv.lines[i], node, -1, at);
  }
}

}  // namespace chorus::rules::core

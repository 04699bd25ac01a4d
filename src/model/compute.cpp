// Derived amounts, computed with the arithmetic the EN 16931 rules use.
//
// Choices the standard leaves open, made here once:
// - Products (quantity x price, base x percentage, taxable x rate) round to
//   two decimals half away from zero. BR-S-09 rounds the VAT amount of the
//   absolute taxable amount, which is exactly that; using it everywhere keeps
//   a credit line the mirror image of the corresponding invoice line.
// - Sums of two-decimal amounts are exact; the half-toward-+infinity round()
//   of BR-CO-10..16 is still applied so hand-edited extra decimals cannot slip
//   through.
// - Absent terms count as zero or empty (an absent quantity or price is 0).
//   Amounts absent, or equal to zero, while a percentage is given count as
//   "missing" and are computed (zero too: JSON writers of old put 0 there).
// - Computed terms are engaged, and BG-22 is created when absent. With
//   keep_line_amounts, only BT-131 values present are kept.
// - A line allowance/charge given only as a percentage applies to the line's
//   price amount round(quantity x net price / base quantity, 2); that base is
//   written to BT-137/BT-142 so the result explains itself. A document level
//   percentage without base is an error: no single base is obviously right.
// - An item net price absent or zero next to a gross price is taken as missing and
//   set to gross price minus price discount (BT-146 = BT-148 - BT-147).
// - Categories without a rate in their rules (E, Z, AE, K, G) get one VAT
//   breakdown each whatever their lines say (BR-x-01: exactly one), with the
//   first rate seen or 0; O gets no rate (BR-O-05). S, L, M and B split by rate.
// - Existing breakdown exemption reasons (BT-120/121) are kept; AE, K, G and O
//   without any get the VATEX code their rule names (BR-AE-10, BR-IC-10,
//   BR-G-10, BR-O-10). E is left alone: its reason cannot be guessed.
#include "chorus/model/compute.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chorus {
namespace {

constexpr const char* kRule = "CHORUS-COMPUTE";

enum class CategoryKind {
  kRated,   // S, L, M, B: tax = taxable x rate
  kZero,    // Z, E, AE, K, G: rate 0, tax 0
  kNoRate,  // O: outside the scope of VAT, no rate at all
};

std::string_view TrimSpace(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::optional<CategoryKind> Classify(std::string_view code) {
  if (code == "S" || code == "L" || code == "M" || code == "B") return CategoryKind::kRated;
  if (code == "Z" || code == "E" || code == "AE" || code == "K" || code == "G") {
    return CategoryKind::kZero;
  }
  if (code == "O") return CategoryKind::kNoRate;
  return std::nullopt;
}

const char* DefaultExemptionCode(std::string_view category) {
  if (category == "AE") return "VATEX-EU-AE";
  if (category == "K") return "VATEX-EU-IC";
  if (category == "G") return "VATEX-EU-G";
  if (category == "O") return "VATEX-EU-O";
  return nullptr;
}

// Keeps at least two decimals so writers and round trips print "0.00".
Decimal Pad2(const Decimal& x) {
  static const Decimal kZero2 = *Decimal::Parse("0.00");
  return x + kZero2;
}

// XPath round(x * 100) div 100, as BR-CO-10..16 apply it to sums.
Decimal RoundSum(const Decimal& x) { return Pad2(x.RoundHalfUp(2)); }

// Two decimals, half away from zero (see file comment).
Decimal RoundProduct(const Decimal& x) {
  const Decimal r = x.Abs().RoundHalfUp(2);
  return Pad2(x.IsNegative() ? -r : r);
}

// x * percent / 100 rounded as a product.
Decimal PercentOf(const Decimal& base, const Decimal& percent) {
  return RoundProduct(base * percent.ScaleDown(2));
}

std::string Quote(std::string_view s) { return "'" + std::string(s) + "'"; }

struct VatGroup {
  std::string category;
  CategoryKind kind = CategoryKind::kRated;
  Amount rate;
  Decimal taxable;
};

class Computer {
 public:
  explicit Computer(const ComputeOptions& options) : options_(options) {}

  void Run(Invoice& inv) {
    for (size_t i = 0; i < inv.lines.size(); ++i) ComputeLine(inv.lines[i], i);
    for (size_t k = 0; k < inv.allowances_charges.size(); ++k) {
      ComputeDocumentAllowanceCharge(inv.allowances_charges[k], k);
    }
    if (!problems_.empty()) return;
    BuildVatBreakdown(inv);
    ComputeTotals(inv);
  }

  std::vector<Diagnostic> TakeProblems() { return std::move(problems_); }

 private:
  void Fail(std::string location, std::string message) {
    problems_.push_back(
        Diagnostic{kRule, Severity::kError, std::move(message), std::move(location)});
  }

  // Checks a VAT category/rate pair; returns its kind when usable.
  std::optional<CategoryKind> CheckCategory(const Text& text, const Amount& rate,
                                            const std::string& where, const std::string& what) {
    const std::string_view code = TrimSpace(text ? std::string_view(*text) : std::string_view());
    if (code.empty()) {
      Fail(where + ".vat_category", what + ": VAT category code is missing");
      return std::nullopt;
    }
    const auto kind = Classify(code);
    if (!kind) {
      Fail(where + ".vat_category", what + ": unknown VAT category code " + Quote(code) +
                                        " (expected S, Z, E, AE, K, G, O, L, M or B)");
      return std::nullopt;
    }
    if (*kind == CategoryKind::kRated && !rate) {
      Fail(where + ".vat_rate",
           what + ": VAT category " + Quote(code) + " needs a VAT rate to compute the tax");
      return std::nullopt;
    }
    return kind;
  }

  void ComputeLine(InvoiceLine& line, size_t index) {
    const std::string where = "$.lines[" + std::to_string(index) + "]";
    const std::string what = "line " + Quote(line.id.value_or(""));
    CheckCategory(line.vat_category, line.vat_rate, where, what);

    static const PriceDetails kNoPrice;
    if (line.price && line.price->gross_price &&
        (!line.price->net_price || line.price->net_price->IsZero())) {
      line.price->net_price =
          *line.price->gross_price - line.price->discount.value_or(Decimal());
    }
    const PriceDetails& price = line.price ? *line.price : kNoPrice;
    Decimal base_quantity(1);
    if (price.base_quantity) {
      if (*price.base_quantity <= Decimal(0)) {
        Fail(where + ".price.base_quantity",
             what + ": item price base quantity must be greater than zero, got " +
                 price.base_quantity->ToString());
        return;
      }
      base_quantity = *price.base_quantity;
    }
    const auto price_amount =
        Decimal::Divide(line.quantity.value_or(Decimal()) * price.net_price.value_or(Decimal()),
                        base_quantity, Decimal::kMaxScale);
    if (!price_amount || price_amount->overflow()) {
      Fail(where + ".quantity", what + ": quantity x price is too large");
      return;
    }
    const Decimal line_base = RoundProduct(*price_amount);

    Decimal net = line_base;
    for (size_t j = 0; j < line.allowances_charges.size(); ++j) {
      LineAllowanceCharge& ac = line.allowances_charges[j];
      if ((!ac.amount || ac.amount->IsZero()) && ac.percentage) {
        if (!ac.base_amount) ac.base_amount = line_base;
        ac.amount = PercentOf(*ac.base_amount, *ac.percentage);
      }
      const Decimal amount = ac.amount.value_or(Decimal());
      net = ac.is_charge ? net + amount : net - amount;
    }
    if (!options_.keep_line_amounts || !line.net_amount) line.net_amount = RoundProduct(net);
    if (line.net_amount->overflow()) {
      Fail(where + ".net_amount", what + ": line net amount is too large");
    }
  }

  void ComputeDocumentAllowanceCharge(AllowanceCharge& ac, size_t index) {
    const std::string where = "$.allowances_charges[" + std::to_string(index) + "]";
    const std::string what =
        std::string("document level ") + (ac.is_charge ? "charge" : "allowance") + " #" +
        std::to_string(index + 1);
    CheckCategory(ac.vat_category, ac.vat_rate, where, what);
    if ((!ac.amount || ac.amount->IsZero()) && ac.percentage) {
      if (!ac.base_amount) {
        Fail(where + ".base_amount",
             what + ": a percentage (" + ac.percentage->ToString() +
                 ") needs a base amount to compute the amount");
        return;
      }
      ac.amount = PercentOf(*ac.base_amount, *ac.percentage);
    }
  }

  VatGroup& GroupFor(const Text& raw_category, const Amount& rate) {
    const std::string_view category = TrimSpace(*raw_category);
    const CategoryKind kind = *Classify(category);
    for (VatGroup& g : groups_) {
      if (g.category != category) continue;
      if (kind != CategoryKind::kRated || *g.rate == *rate) return g;
    }
    VatGroup g;
    g.category = std::string(category);
    g.kind = kind;
    if (kind == CategoryKind::kRated) {
      g.rate = rate;
    } else if (kind == CategoryKind::kZero) {
      g.rate = rate.value_or(Decimal(0));
    }
    groups_.push_back(std::move(g));
    return groups_.back();
  }

  void BuildVatBreakdown(Invoice& inv) {
    for (const InvoiceLine& line : inv.lines) {
      GroupFor(line.vat_category, line.vat_rate).taxable += line.net_amount.value_or(Decimal());
    }
    for (const AllowanceCharge& ac : inv.allowances_charges) {
      VatGroup& g = GroupFor(ac.vat_category, ac.vat_rate);
      const Decimal amount = ac.amount.value_or(Decimal());
      g.taxable = ac.is_charge ? g.taxable + amount : g.taxable - amount;
    }
    std::vector<VatBreakdown> out;
    out.reserve(groups_.size());
    for (const VatGroup& g : groups_) {
      VatBreakdown b;
      b.category = g.category;
      b.rate = g.rate;
      b.taxable_amount = Pad2(g.taxable);
      b.tax_amount = g.kind == CategoryKind::kRated ? PercentOf(g.taxable, *g.rate) : Pad2(0);
      if (const VatBreakdown* old = FindExisting(inv.vat_breakdown, g)) {
        b.exemption_reason = old->exemption_reason;
        b.exemption_reason_code = old->exemption_reason_code;
        b.pos = old->pos;
      }
      if (!b.exemption_reason && !b.exemption_reason_code) {
        if (const char* code = DefaultExemptionCode(g.category)) b.exemption_reason_code = code;
      }
      out.push_back(std::move(b));
    }
    inv.vat_breakdown = std::move(out);
  }

  static const VatBreakdown* FindExisting(const std::vector<VatBreakdown>& existing,
                                          const VatGroup& g) {
    for (const VatBreakdown& b : existing) {
      if (!b.category || TrimSpace(*b.category) != g.category) continue;
      if (g.kind != CategoryKind::kRated || (b.rate && *b.rate == *g.rate)) return &b;
    }
    return nullptr;
  }

  void ComputeTotals(Invoice& inv) {
    Totals& t = inv.totals ? *inv.totals : inv.totals.emplace();
    Decimal lines;
    for (const InvoiceLine& line : inv.lines) lines += line.net_amount.value_or(Decimal());
    Decimal allowances;
    Decimal charges;
    bool any_allowance = false;
    bool any_charge = false;
    for (const AllowanceCharge& ac : inv.allowances_charges) {
      if (ac.is_charge) {
        charges += ac.amount.value_or(Decimal());
        any_charge = true;
      } else {
        allowances += ac.amount.value_or(Decimal());
        any_allowance = true;
      }
    }
    // BR-CO-11/12 accept an absent total only when there is nothing to sum;
    // a total already present (0.00) stays present.
    t.line_net_total = RoundSum(lines);                                           // BR-CO-10
    if (any_allowance || t.allowance_total) t.allowance_total = RoundSum(allowances);  // BR-CO-11
    if (any_charge || t.charge_total) t.charge_total = RoundSum(charges);              // BR-CO-12
    t.tax_exclusive = RoundSum(*t.line_net_total + t.charge_total.value_or(Decimal()) -
                               t.allowance_total.value_or(Decimal()));  // BR-CO-13
    Decimal vat;
    for (const VatBreakdown& b : inv.vat_breakdown) vat += b.tax_amount.value_or(Decimal());
    inv.vat_total = RoundSum(vat);                                     // BR-CO-14
    t.tax_inclusive = RoundSum(*t.tax_exclusive + *inv.vat_total);     // BR-CO-15
    t.payable = RoundSum(*t.tax_inclusive - t.prepaid.value_or(Decimal()) +
                         t.rounding.value_or(Decimal()));  // BR-CO-16
    if (t.payable->overflow() || t.tax_inclusive->overflow()) {
      Fail("$.totals", "invoice totals are too large");
    }
  }

  const ComputeOptions& options_;
  std::vector<Diagnostic> problems_;
  std::vector<VatGroup> groups_;
};

}  // namespace

Status Compute(Invoice& invoice, const ComputeOptions& options) {
  // Work on a copy so a failed computation leaves the caller's invoice as is.
  Invoice work = invoice;
  Computer computer(options);
  computer.Run(work);
  std::vector<Diagnostic> problems = computer.TakeProblems();
  if (!problems.empty()) {
    std::string message = "cannot compute invoice amounts: " + problems.front().message;
    if (problems.size() > 1) {
      message += " (and " + std::to_string(problems.size() - 1) + " more)";
    }
    return MakeError(Error::Kind::kInvalidInput, std::move(message), std::move(problems));
  }
  invoice = std::move(work);
  return Ok{};
}

}  // namespace chorus

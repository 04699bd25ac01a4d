// RenderInvoice: the readable side of a Factur-X, laid out from the
// EN 16931 model. Two passes over the same layout code: the first only
// measures (to know the page count), the second draws.
#include <algorithm>

#include "facturx/render_internal.h"

namespace chorus::facturx {
namespace {

using internal::Canvas;
using internal::FontStyle;

constexpr double kLeft = Canvas::kMargin;
constexpr double kRight = Canvas::kWidth - Canvas::kMargin;
constexpr double kMid = 310;

// Column right edges (left edge for text columns) of the lines table.
constexpr double kColNo = kLeft, kColDesc = kLeft + 22, kDescWidth = 222;
constexpr double kColQty = 338, kColUnit = 343, kColPrice = 452, kColVat = 490;

std::string AddressLine(const Address& a) {
  std::string s = a.post_code.value_or("");
  if (a.city) s += (s.empty() ? "" : " ") + *a.city;
  return s;
}

class Layout {
 public:
  Layout(Canvas& canvas, const Invoice& inv, Language lang, int total_pages)
      : c_(canvas),
        inv_(inv),
        lang_(lang),
        L_(internal::LabelsFor(lang)),
        pages_(total_pages) {}

  void Run() {
    Header();
    Lines();
    DocumentAllowances();
    VatAndTotals();
    Payment();
    Notes();
    Footer();
  }

 private:
  std::string M(const Amount& a) {
    return a ? internal::Money(*a, lang_) : std::string();
  }
  std::string Price(const Decimal& d) {
    return d.FractionDigits() <= 2 ? internal::Money(d, lang_)
                                   : internal::Number(d, lang_);
  }
  // French typography puts a space before the colon and the percent sign.
  const char* Sep() const { return lang_ == Language::kFrench ? " : " : ": "; }
  std::string Rate(const Amount& a) {
    return a ? internal::Number(*a, lang_) +
                   (lang_ == Language::kFrench ? " %" : "%")
             : "";
  }
  std::string D(const std::optional<Date>& d) {
    return d ? internal::DateText(*d, lang_) : "";
  }

  // Writes wrapped text at x within width, advancing *y.
  void Para(double x, double* y, std::string_view text, double width,
            double lead = 11) {
    for (const auto& line : c_.Wrap(text, width)) {
      c_.Text(x, *y, line);
      *y += lead;
    }
  }
  void Field(double x, double* y, const char* label, const std::string& value,
             double width) {
    if (value.empty()) return;
    Para(x, y, std::string(label) + Sep() + value, width);
  }
  std::string IdText(const OptId& id) {
    if (!id) return "";
    return id->value + (id->scheme ? " (" + *id->scheme + ")" : "");
  }

  void PartyBlock(double x, double* y, double width, const Text& name,
                  const std::optional<Address>& address, const Text& vat,
                  const OptId& legal, const OptId& endpoint) {
    c_.Font(FontStyle::kBold, 10);
    Para(x, y, name.value_or("-"), width, 12);
    c_.Font(FontStyle::kRegular, 8.5);
    if (address) {
      for (const Text* t :
           {&address->line1, &address->line2, &address->line3}) {
        if (*t) Para(x, y, **t, width);
      }
      std::string city = AddressLine(*address);
      if (address->country)
        city += (city.empty() ? "" : " — ") + *address->country;
      if (!city.empty()) Para(x, y, city, width);
    }
    Field(x, y, L_.vat_id, vat.value_or(""), width);
    Field(x, y, L_.legal_id, IdText(legal), width);
    Field(x, y, L_.electronic_address, IdText(endpoint), width);
  }

  void Header() {
    double left = 60, right = 60;
    const Seller* s = inv_.seller ? &*inv_.seller : nullptr;
    c_.Font(FontStyle::kRegular, 7.5);
    c_.Text(kLeft, left - 14, L_.seller);
    PartyBlock(kLeft, &left, kMid - kLeft - 20, s ? s->name : Text(),
               s ? s->address : std::nullopt, s ? s->vat_id : Text(),
               s ? s->legal_registration_id : OptId(),
               s ? s->electronic_address : OptId());
    if (s && s->contact) {
      for (const Text* t :
           {&s->contact->name, &s->contact->telephone, &s->contact->email}) {
        if (*t) Para(kLeft, &left, **t, kMid - kLeft - 20);
      }
    }
    if (s && s->additional_legal_info)
      Para(kLeft, &left, *s->additional_legal_info, 250);

    c_.Font(FontStyle::kBold, 18);
    bool credit = inv_.kind == DocumentKind::kCreditNote ||
                  (inv_.type_code && IsCreditNoteTypeCode(*inv_.type_code));
    c_.TextRight(kRight, right, credit ? L_.credit_note : L_.invoice);
    right += 18;
    c_.Font(FontStyle::kBold, 10);
    c_.TextRight(kRight, right,
                 std::string(L_.number) + " " + inv_.number.value_or("-"));
    right += 14;
    c_.Font(FontStyle::kRegular, 8.5);
    auto kv = [&](const char* label, const std::string& value) {
      if (value.empty()) return;
      c_.TextRight(kRight, right, std::string(label) + Sep() + value);
      right += 11;
    };
    kv(L_.issue_date, D(inv_.issue_date));
    kv(L_.due_date, D(inv_.due_date));
    kv(L_.tax_point_date, D(inv_.tax_point_date));
    kv(L_.currency, inv_.currency.value_or(""));

    double y = std::max(left, right) + 14;
    double refs = y, buyer = y;
    c_.Font(FontStyle::kRegular, 7.5);
    c_.Text(kMid, buyer, L_.buyer);
    buyer += 13;
    const Buyer* b = inv_.buyer ? &*inv_.buyer : nullptr;
    PartyBlock(kMid, &buyer, kRight - kMid, b ? b->name : Text(),
               b ? b->address : std::nullopt, b ? b->vat_id : Text(),
               b ? b->legal_registration_id : OptId(),
               b ? b->electronic_address : OptId());
    c_.Font(FontStyle::kRegular, 8.5);
    double w = kMid - kLeft - 20;
    Field(kLeft, &refs, L_.buyer_reference, inv_.buyer_reference.value_or(""),
          w);
    Field(kLeft, &refs, L_.order_reference,
          inv_.purchase_order_reference.value_or(""), w);
    Field(kLeft, &refs, L_.contract_reference,
          inv_.contract_reference.value_or(""), w);
    Field(kLeft, &refs, L_.project_reference,
          inv_.project_reference.value_or(""), w);
    if (inv_.invoicing_period) {
      Field(kLeft, &refs, L_.period,
            D(inv_.invoicing_period->start) + " – " +
                D(inv_.invoicing_period->end),
            w);
    }
    for (const auto& p : inv_.preceding_invoices) {
      Field(kLeft, &refs, L_.preceding_invoice,
            p.number.value_or("") +
                (p.issue_date ? " (" + D(p.issue_date) + ")" : ""),
            w);
    }
    if (inv_.payee)
      Field(kLeft, &refs, L_.payee, inv_.payee->name.value_or(""), w);
    if (inv_.delivery) {
      std::string where = inv_.delivery->party_name.value_or("");
      if (inv_.delivery->address) {
        std::string a = AddressLine(*inv_.delivery->address);
        if (!a.empty()) where += (where.empty() ? "" : ", ") + a;
      }
      if (inv_.delivery->actual_date)
        where += (where.empty() ? "" : ", ") + D(inv_.delivery->actual_date);
      Field(kLeft, &refs, L_.delivery, where, w);
    }
    y_ = std::max(refs, buyer) + 16;
  }

  void TableHeader() {
    c_.Fill(kLeft, y_ - 10, kRight - kLeft, 14, 0.88);
    c_.Font(FontStyle::kBold, 8);
    c_.Text(kColNo + 2, y_, L_.line_no);
    c_.Text(kColDesc, y_, L_.description);
    c_.TextRight(kColQty, y_, L_.quantity);
    c_.TextRight(kColPrice, y_, L_.unit_price);
    c_.TextRight(kColVat, y_, L_.vat_rate);
    c_.TextRight(kRight - 2, y_, L_.net_amount);
    y_ += 16;
  }

  // Starts a new page when `height` does not fit; `table` repeats the
  // lines table header.
  void Ensure(double height, bool table = false) {
    if (y_ + height <= Canvas::kBottom) return;
    Footer();
    c_.NextPage();
    y_ = 60;
    if (table) TableHeader();
  }

  void Lines() {
    TableHeader();
    for (const InvoiceLine& line : inv_.lines) {
      std::vector<std::string> detail;
      if (line.item && line.item->description)
        detail.push_back(*line.item->description);
      if (line.item && line.item->seller_id)
        detail.push_back((lang_ == Language::kFrench ? "Réf. " : "Ref. ") +
                         *line.item->seller_id);
      if (line.period)
        detail.push_back(std::string(L_.period) + Sep() +
                         D(line.period->start) + " – " + D(line.period->end));
      for (const auto& ac : line.allowances_charges) {
        detail.push_back(std::string(ac.is_charge ? L_.charge : L_.allowance) +
                         " " + ac.reason.value_or("") + " " + M(ac.amount));
      }
      if (line.note) detail.push_back(*line.note);
      c_.Font(FontStyle::kRegular, 8.5);
      auto name = c_.Wrap(line.item && line.item->name ? *line.item->name : "",
                          kDescWidth);
      c_.Font(FontStyle::kRegular, 7.5);
      std::vector<std::string> small;
      for (const auto& d : detail) {
        for (auto& l : c_.Wrap(d, kDescWidth)) small.push_back(std::move(l));
      }
      Ensure(11.0 * name.size() + 9.5 * small.size() + 4, true);
      c_.Font(FontStyle::kRegular, 8.5);
      c_.Text(kColNo + 2, y_, line.id.value_or(""));
      if (line.quantity)
        c_.TextRight(kColQty, y_, internal::Number(*line.quantity, lang_));
      if (line.unit_code)
        c_.Text(kColUnit, y_, internal::UnitName(*line.unit_code, lang_));
      if (line.price && line.price->net_price)
        c_.TextRight(kColPrice, y_, Price(*line.price->net_price));
      c_.TextRight(
          kColVat, y_,
          line.vat_rate ? Rate(line.vat_rate) : line.vat_category.value_or(""));
      c_.TextRight(kRight - 2, y_, M(line.net_amount));
      for (const auto& l : name) {
        c_.Text(kColDesc, y_, l);
        y_ += 11;
      }
      c_.Font(FontStyle::kRegular, 7.5);
      for (const auto& l : small) {
        c_.Text(kColDesc + 6, y_ - 1, l);
        y_ += 9.5;
      }
      c_.Line(kLeft, y_ - 7, kRight, y_ - 7, 0.85);
      y_ += 4;
    }
    y_ += 6;
  }

  void DocumentAllowances() {
    for (const auto& ac : inv_.allowances_charges) {
      Ensure(12);
      c_.Font(FontStyle::kRegular, 8.5);
      std::string text = std::string(ac.is_charge ? L_.charge : L_.allowance) +
                         Sep() +
                         ac.reason.value_or(ac.reason_code.value_or(""));
      if (ac.vat_category)
        text += " (" + std::string(L_.vat_rate) + " " + *ac.vat_category +
                (ac.vat_rate ? " " + Rate(ac.vat_rate) : "") + ")";
      c_.Text(kColDesc, y_, text);
      c_.TextRight(kRight - 2, y_, (ac.is_charge ? "" : "-") + M(ac.amount));
      y_ += 12;
    }
    if (!inv_.allowances_charges.empty()) y_ += 6;
  }

  void VatAndTotals() {
    const Totals* t = inv_.totals ? &*inv_.totals : nullptr;
    double height = 30 + 22.0 * inv_.vat_breakdown.size();
    Ensure(std::max(height, 130.0));
    double top = y_;
    double y = top;
    c_.Font(FontStyle::kBold, 9);
    c_.Text(kLeft, y, L_.vat_breakdown);
    y += 14;
    c_.Font(FontStyle::kBold, 7.5);
    c_.Text(kLeft, y, L_.vat_category);
    c_.TextRight(kLeft + 130, y, L_.vat_rate);
    c_.TextRight(kLeft + 208, y, L_.taxable);
    c_.TextRight(kLeft + 288, y, L_.vat_amount);
    y += 11;
    c_.Font(FontStyle::kRegular, 8);
    for (const auto& v : inv_.vat_breakdown) {
      std::string cat = v.category.value_or("");
      c_.Text(kLeft, y, cat + " " + internal::VatCategoryName(cat, lang_));
      c_.TextRight(kLeft + 130, y, Rate(v.rate));
      c_.TextRight(kLeft + 208, y, M(v.taxable_amount));
      c_.TextRight(kLeft + 288, y, M(v.tax_amount));
      y += 11;
      std::string why = v.exemption_reason.value_or("");
      if (v.exemption_reason_code)
        why +=
            (why.empty() ? "" : " ") + ("(" + *v.exemption_reason_code + ")");
      if (!why.empty()) {
        c_.Font(FontStyle::kRegular, 7);
        Para(kLeft + 8, &y, std::string(L_.exemption) + Sep() + why, 260, 9);
        c_.Font(FontStyle::kRegular, 8);
      }
    }

    double ty = top;
    const double label_x = 360;
    auto row = [&](const char* label, const Amount& a, bool bold = false,
                   bool always = false) {
      if (!a && !always) return;
      c_.Font(bold ? FontStyle::kBold : FontStyle::kRegular, bold ? 10 : 8.5);
      if (bold) c_.Fill(label_x - 4, ty - 11, kRight - label_x + 4, 16, 0.9);
      c_.Text(label_x, ty, label);
      std::string value = M(a);
      if (!value.empty() && inv_.currency) value += " " + *inv_.currency;
      c_.TextRight(kRight - 2, ty, value);
      ty += bold ? 18 : 12;
    };
    row(L_.line_total, t ? t->line_net_total : Amount());
    row(L_.allowance_total, t ? t->allowance_total : Amount());
    row(L_.charge_total, t ? t->charge_total : Amount());
    row(L_.total_excl_vat, t ? t->tax_exclusive : Amount(), false, true);
    row(L_.total_vat, inv_.vat_total, false, true);
    row(L_.total_incl_vat, t ? t->tax_inclusive : Amount(), false, true);
    row(L_.prepaid, t ? t->prepaid : Amount());
    row(L_.rounding, t ? t->rounding : Amount());
    ty += 4;
    row(L_.payable, t ? t->payable : Amount(), true, true);
    y_ = std::max(y, ty) + 12;
  }

  void Payment() {
    const PaymentInstructions* p = inv_.payment ? &*inv_.payment : nullptr;
    if (!p && !inv_.payment_terms) return;
    Ensure(70);
    c_.Font(FontStyle::kBold, 9);
    c_.Text(kLeft, y_, L_.payment);
    y_ += 13;
    c_.Font(FontStyle::kRegular, 8.5);
    double w = kRight - kLeft;
    if (p) {
      std::string means =
          p->means_code ? internal::PaymentMeansName(*p->means_code, lang_)
                        : "";
      if (p->means_text) means += (means.empty() ? "" : " — ") + *p->means_text;
      Field(kLeft, &y_, L_.payment_means, means, w);
      for (const auto& ct : p->credit_transfers) {
        Field(kLeft, &y_, L_.iban, ct.account_id.value_or(""), w);
        Field(kLeft, &y_, L_.bic, ct.service_provider_id.value_or(""), w);
        Field(kLeft, &y_, L_.account_name, ct.account_name.value_or(""), w);
      }
      if (p->direct_debit) {
        Field(kLeft, &y_, L_.mandate,
              p->direct_debit->mandate_reference.value_or(""), w);
        Field(kLeft, &y_, L_.iban,
              p->direct_debit->debited_account_id.value_or(""), w);
      }
      Field(kLeft, &y_, L_.remittance, p->remittance_info.value_or(""), w);
    }
    Field(kLeft, &y_, L_.payment_terms, inv_.payment_terms.value_or(""), w);
    y_ += 8;
  }

  void Notes() {
    if (inv_.notes.empty()) return;
    Ensure(30);
    c_.Font(FontStyle::kBold, 9);
    c_.Text(kLeft, y_, L_.notes);
    y_ += 13;
    c_.Font(FontStyle::kRegular, 8);
    for (const auto& n : inv_.notes) {
      if (!n.text) continue;
      for (const auto& line : c_.Wrap(*n.text, kRight - kLeft)) {
        Ensure(11);
        c_.Font(FontStyle::kRegular, 8);
        c_.Text(kLeft, y_, line);
        y_ += 10;
      }
    }
  }

  void Footer() {
    c_.Line(kLeft, Canvas::kHeight - 40, kRight, Canvas::kHeight - 40);
    c_.Font(FontStyle::kRegular, 7.5);
    c_.Text(kLeft, Canvas::kHeight - 28,
            inv_.seller && inv_.seller->name ? *inv_.seller->name : "");
    c_.TextRight(kRight, Canvas::kHeight - 28,
                 inv_.number.value_or("") + " — " + L_.page + " " +
                     std::to_string(c_.page()) + "/" + std::to_string(pages_));
  }

  Canvas& c_;
  const Invoice& inv_;
  Language lang_;
  const internal::Labels& L_;
  int pages_;
  double y_ = 60;
};

}  // namespace

Result<std::string> RenderInvoice(const Invoice& invoice,
                                  const RenderOptions& options) {
  auto measure = Canvas::Create(false);
  if (!measure) return measure.take_error();
  Layout(**measure, invoice, options.language, 0).Run();
  int pages = (*measure)->page();
  auto canvas = Canvas::Create(true);
  if (!canvas) return canvas.take_error();
  Layout(**canvas, invoice, options.language, pages).Run();
  return (*canvas)->Finish();
}

}  // namespace chorus::facturx

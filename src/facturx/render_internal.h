// The invoice renderer's pieces: labels and number formatting per language,
// and a small cairo canvas that knows fonts, text measuring, wrapping and
// pages.
#ifndef CHORUS_SRC_FACTURX_RENDER_INTERNAL_H_
#define CHORUS_SRC_FACTURX_RENDER_INTERNAL_H_

#include <cairo.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chorus/facturx/facturx.h"
#include "chorus/model/date.h"
#include "chorus/model/decimal.h"

namespace chorus::facturx::internal {

// Every fixed text of the page, in one language.
struct Labels {
  const char* invoice;
  const char* credit_note;
  const char* number;
  const char* issue_date;
  const char* due_date;
  const char* tax_point_date;
  const char* period;
  const char* seller;
  const char* buyer;
  const char* payee;
  const char* delivery;
  const char* vat_id;
  const char* legal_id;
  const char* electronic_address;
  const char* buyer_reference;
  const char* order_reference;
  const char* contract_reference;
  const char* project_reference;
  const char* preceding_invoice;
  const char* line_no;
  const char* description;
  const char* quantity;
  const char* unit_price;
  const char* vat_rate;
  const char* net_amount;
  const char* allowance;
  const char* charge;
  const char* vat_breakdown;
  const char* vat_category;
  const char* taxable;
  const char* vat_amount;
  const char* exemption;
  const char* line_total;
  const char* allowance_total;
  const char* charge_total;
  const char* total_excl_vat;
  const char* total_vat;
  const char* total_incl_vat;
  const char* prepaid;
  const char* rounding;
  const char* payable;
  const char* payment;
  const char* payment_means;
  const char* iban;
  const char* bic;
  const char* account_name;
  const char* remittance;
  const char* mandate;
  const char* payment_terms;
  const char* notes;
  const char* page;  // "Page %d/%d" is built as page + " n/m"
  const char* currency;
};

const Labels& LabelsFor(Language language);

// Amount with two decimals, grouped thousands: "1 234,56" / "1,234.56".
std::string Money(const Decimal& d, Language language);
// A quantity, price or rate as given (no trailing zeros beyond what was
// written), with the language's decimal mark.
std::string Number(const Decimal& d, Language language);
std::string DateText(const Date& d,
                     Language language);  // 31/01/2026 | 2026-01-31
// Names of UNTDID 4461 payment means, UNCL 5305 VAT categories and common
// UN/ECE Rec 20 units; the code itself when unknown.
std::string PaymentMeansName(std::string_view code, Language language);
std::string VatCategoryName(std::string_view code, Language language);
std::string UnitName(std::string_view code, Language language);

enum class FontStyle { kRegular, kBold };

// A page-flowing text canvas on A4. In measuring mode (no surface) it
// draws nothing and only counts pages, so the real pass knows "page n/m".
class Canvas {
 public:
  static constexpr double kWidth = 595.28, kHeight = 841.89, kMargin = 42;
  static constexpr double kBottom = kHeight - 54;  // above the footer

  // draw=false: measuring pass. Fails when DejaVu Sans cannot be found.
  static Result<std::unique_ptr<Canvas>> Create(bool draw);
  ~Canvas();
  Canvas(const Canvas&) = delete;
  Canvas& operator=(const Canvas&) = delete;

  void Font(FontStyle style, double size);
  double Width(std::string_view text);
  void Text(double x, double y, std::string_view text);
  void TextRight(double right, double y, std::string_view text);
  // Greedy word wrap to `width` (long words are cut).
  std::vector<std::string> Wrap(std::string_view text, double width);
  void Line(double x1, double y1, double x2, double y2, double gray = 0.6);
  void Fill(double x, double y, double w, double h, double gray);

  int page() const { return page_; }
  void NextPage();  // emits the current page
  // Ends the document; the PDF bytes (empty in measuring mode).
  Result<std::string> Finish();

 private:
  Canvas() = default;
  bool draw_ = false;
  int page_ = 1;
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
  std::string out_;
};

}  // namespace chorus::facturx::internal

#endif  // CHORUS_SRC_FACTURX_RENDER_INTERNAL_H_

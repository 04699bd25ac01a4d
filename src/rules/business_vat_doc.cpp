#include "rules/business_vat_doc.h"

#include <utility>

namespace chorus::rules::vat {

Els Doc::Path(El i, std::initializer_list<Step> steps) const {
  if (steps.size() == 0) return Els{i};
  // Depth first into `out`: no sequence per step.
  Els out;
  if (i >= 0) CollectPath(i, steps.begin(), steps.end(), out);
  return out;
}

void Doc::CollectPath(El c, const Step* step, const Step* end, Els& out) const {
  const bool last = step + 1 == end;
  for (El k = d_[c].first_child; k >= 0; k = d_[k].next) {
    if (!Named(d_[k], step->ns, step->name)) continue;
    if (last) {
      out.push_back(k);
    } else {
      CollectPath(k, step + 1, end, out);
    }
  }
}

namespace {

// An untyped value cast with `parse`: the empty sequence for -1.
Num Cast(const Doc& doc, El e,
         std::optional<Decimal> (*parse)(std::string_view)) {
  Num out;
  if (e < 0) return out;
  std::string scratch;
  out.value = parse(doc.Text(e, scratch));
  out.error = !out.value;
  return out;
}

}  // namespace

Num DecimalAt(const Doc& doc, El e) { return Cast(doc, e, &Decimal::Parse); }

Num DoubleAt(const Doc& doc, El e) {
  return Cast(doc, e, &Decimal::ParseWithExponent);
}

Term SingleTerm(const Doc& doc, El only) {
  if (only >= 0) {
    std::string scratch;
    return TermOf(doc.Text(only, scratch));  // built once, in place
  }
  Term t;
  t.error = only == Doc::kMany;
  return t;
}

Num SingleDecimal(const Doc& doc, El only) {
  if (only == Doc::kMany) return Num{true, std::nullopt};
  return DecimalAt(doc, only);
}

std::optional<double> UntypedDoubleAt(const Doc& doc, El e, bool* error) {
  if (e < 0) return std::nullopt;
  std::string scratch;
  return UntypedDoubleText(doc.Text(e, scratch), error);
}

std::optional<bool> BooleanAt(const Doc& doc, El e) {
  std::string scratch;
  std::string_view v = TrimSpace(doc.Text(e, scratch));
  if (v == "true" || v == "1") return true;
  if (v == "false" || v == "0") return false;
  return std::nullopt;
}

}  // namespace chorus::rules::vat

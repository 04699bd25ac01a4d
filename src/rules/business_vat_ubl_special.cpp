// The UBL VAT rules beyond the per-category shape: intra-community supply
// (BR-IC-11/12), not subject to VAT (BR-O-11..14) and split payment
// (BR-B-01/02).
#include <string>

#include "rules/business_vat_ubl.h"

namespace chorus::rules::ubl_vat {

void UblVat::CheckIntraCommunity() {
  bool k_breakdown = false;
  for (int i : sets_[kBreakdown]) {
    const Cat& c = CatOf(i);
    k_breakdown = k_breakdown || (c.vat && c.norm_count[kCodeK] > 0);
  }
  if (!k_breakdown) return;
  // string-length() of a path: its first node (several are a type error).
  std::string scratch;
  auto length = [&](const Els& n) {
    return n.empty() ? 0u : doc_.Text(n[0], scratch).size();
  };
  Els date =
      doc_.Path(root_, {{kCac, "Delivery"}, {kCbc, "ActualDeliveryDate"}});
  bool period = false;
  for (El p : doc_.Kids(root_, kCac, "InvoicePeriod")) {
    period = period || doc_.HasElementChild(p);
  }
  if (!(length(date) > 1 || period)) Fail("BR-IC-11", root_);
  Els country = doc_.Path(root_, {{kCac, "Delivery"},
                                  {kCac, "DeliveryLocation"},
                                  {kCac, "Address"},
                                  {kCac, "Country"},
                                  {kCbc, "IdentificationCode"}});
  if (!(length(country) > 1)) Fail("BR-IC-12", root_);
}

void UblVat::CheckNotSubject() {
  bool o_breakdown = false;
  for (int i : sets_[kBreakdown]) {
    const Cat& c = CatOf(i);
    o_breakdown = o_breakdown || (c.vat && c.norm_count[kCodeO] > 0);
  }
  if (!o_breakdown) return;
  auto other = [&](Set s) {
    for (int i : sets_[s]) {
      const Cat& c = CatOf(i);
      if (c.vat && c.norm_code != kCodeO) return true;
    }
    return false;
  };
  if (other(kBreakdown)) Fail("BR-O-11", root_);
  if (other(kLineCats)) Fail("BR-O-12", root_);
  if (other(AllowanceSet(false, false))) Fail("BR-O-13", root_);
  if (other(AllowanceSet(true, false))) Fail("BR-O-14", root_);
}

void UblVat::CheckSplitPayment() {
  // cbc:ID = 'B' here is a raw string comparison, without normalize-space.
  auto has_raw = [&](Set s, int code) { return Any(s, code, kR); };
  if (has_raw(kAllCats, kCodeB) || has_raw(kLineCats, kCodeB)) {
    std::string scratch;
    bool all_it = true;
    for (El n : country_codes_) {
      all_it = all_it && doc_.Text(n, scratch) == "IT";
    }
    if (!all_it) Fail("BR-B-01", root_);
  }
  auto present = [&](int code) {
    return has_raw(kBreakdown, code) || has_raw(kRootAcCats, code) ||
           has_raw(kLineCats, code);
  };
  if (present(kCodeB) && present(kCodeS)) Fail("BR-B-02", root_);
}

}  // namespace chorus::rules::ubl_vat

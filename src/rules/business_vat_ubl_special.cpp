// The UBL VAT rules beyond the per-category shape: intra-community supply
// (BR-IC-11/12), not subject to VAT (BR-O-11..14) and split payment
// (BR-B-01/02).
#include <string>

#include "rules/business_vat_ubl.h"

namespace chorus::rules::ubl_vat {

void UblVat::CheckIntraCommunity() {
  bool k_breakdown = false;
  for (pugi::xml_node tc : BreakdownCategories()) {
    if (!IsVat(tc)) continue;
    for (pugi::xml_node id : t_.Kids(tc, kCbc, "ID")) {
      k_breakdown =
          k_breakdown || vat::NormalizeSpace(vat::StringValue(id)) == "K";
    }
  }
  if (!k_breakdown) return;
  // string-length() of a path: its first node (several are a type error).
  auto length = [&](const Nodes& n) {
    return n.empty() ? 0u : vat::StringValue(n[0]).size();
  };
  Nodes date =
      t_.Path(root_, {{kCac, "Delivery"}, {kCbc, "ActualDeliveryDate"}});
  bool period = false;
  for (pugi::xml_node p : t_.Kids(root_, kCac, "InvoicePeriod")) {
    for (pugi::xml_node k = p.first_child(); k; k = k.next_sibling()) {
      period = period || k.type() == pugi::node_element;
    }
  }
  if (!(length(date) > 1 || period)) ctx_.Fail("BR-IC-11", root_);
  Nodes country = t_.Path(root_, {{kCac, "Delivery"},
                                  {kCac, "DeliveryLocation"},
                                  {kCac, "Address"},
                                  {kCac, "Country"},
                                  {kCbc, "IdentificationCode"}});
  if (!(length(country) > 1)) ctx_.Fail("BR-IC-12", root_);
}

void UblVat::CheckNotSubject() {
  const Nodes& breakdown = BreakdownCategories();
  bool o_breakdown = false;
  for (pugi::xml_node tc : breakdown) {
    if (!IsVat(tc)) continue;
    for (pugi::xml_node id : t_.Kids(tc, kCbc, "ID")) {
      o_breakdown =
          o_breakdown || vat::NormalizeSpace(vat::StringValue(id)) == "O";
    }
  }
  if (!o_breakdown) return;
  auto other = [&](const Nodes& nodes) {
    for (pugi::xml_node tc : nodes) {
      if (IsVat(tc) && NormId(tc) != "O") return true;
    }
    return false;
  };
  if (other(breakdown)) ctx_.Fail("BR-O-11", root_);
  if (other(t_.All(kCac, "ClassifiedTaxCategory"))) ctx_.Fail("BR-O-12", root_);
  if (other(AllowanceCategories(false, false))) ctx_.Fail("BR-O-13", root_);
  if (other(AllowanceCategories(true, false))) ctx_.Fail("BR-O-14", root_);
}

void UblVat::CheckSplitPayment() {
  // cbc:ID = 'B' here is a raw string comparison, without normalize-space.
  auto has_raw = [&](const Nodes& categories, const char* code) {
    return Any(categories, code, kR);
  };
  const Nodes& lines = t_.All(kCac, "ClassifiedTaxCategory");
  bool b_anywhere =
      has_raw(t_.All(kCac, "TaxCategory"), "B") || has_raw(lines, "B");
  if (b_anywhere) {
    bool all_it = true;
    for (pugi::xml_node n : t_.All(kCbc, "IdentificationCode")) {
      all_it = all_it && vat::StringValue(n) == "IT";
    }
    if (!all_it) ctx_.Fail("BR-B-01", root_);
  }
  const Nodes& breakdown = BreakdownCategories();
  auto present = [&](const char* code) {
    return has_raw(breakdown, code) || has_raw(root_acs_, code) ||
           has_raw(lines, code);
  };
  if (present("B") && present("S")) ctx_.Fail("BR-B-02", root_);
}

}  // namespace chorus::rules::ubl_vat

#include "chorus/api/party_ids.h"

#include <algorithm>

namespace chorus::api {
namespace {

// The identifier when it is a SIRET under the right scheme: 0009, or none
// where the term's scheme is optional.
std::string SiretOf(const OptId& id, bool need_scheme) {
  if (!id || !IsSiret(id->value)) return {};
  bool scheme_ok = id->scheme ? *id->scheme == "0009" : !need_scheme;
  return scheme_ok ? id->value : std::string();
}

}  // namespace

bool IsSiret(std::string_view s) {
  return s.size() == 14 && std::all_of(s.begin(), s.end(), [](char c) {
           return c >= '0' && c <= '9';
         });
}

StructureId RecipientIdOf(const Invoice& inv) {
  if (!inv.buyer) return {};
  const Buyer& b = *inv.buyer;
  for (const std::string& s :
       {SiretOf(b.id, false), SiretOf(b.electronic_address, true),
        SiretOf(b.legal_registration_id, false)}) {
    if (!s.empty()) return {s, "SIRET"};
  }
  if (b.vat_id && b.vat_id->size() > 2 && b.vat_id->compare(0, 2, "FR") != 0) {
    return {*b.vat_id, "UE_HORS_FRANCE"};
  }
  return {};
}

std::string SellerIdOf(const Invoice& inv) {
  if (!inv.seller) return {};
  const Seller& s = *inv.seller;
  for (const auto& id : s.ids) {
    if (IsSiret(id.value)) return id.value;
  }
  if (s.electronic_address && IsSiret(s.electronic_address->value)) {
    return s.electronic_address->value;
  }
  if (s.legal_registration_id) return s.legal_registration_id->value;
  return s.vat_id.value_or("");
}

}  // namespace chorus::api

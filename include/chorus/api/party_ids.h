// How Chorus Pro names the parties of an invoice: a structure is found by
// its identifier and its type (typeIdentifiantStructure). Shared by the
// client (`submit`, `lookup`) and the sandbox, so both route alike.
#ifndef CHORUS_API_PARTY_IDS_H_
#define CHORUS_API_PARTY_IDS_H_

#include <string>
#include <string_view>

#include "chorus/model/invoice.h"

namespace chorus::api {

struct StructureId {
  std::string value;  // "21330512100013", "DE271839409"
  std::string type;   // typeIdentifiantStructure: SIRET, UE_HORS_FRANCE
  bool empty() const { return value.empty(); }
};

// 14 digits.
bool IsSiret(std::string_view s);

// BT-46 (scheme 0009 or none), then BT-49 (scheme 0009), then BT-47, when a
// SIRET: type SIRET; else a non-French VAT number BT-48: UE_HORS_FRANCE;
// else nothing.
StructureId RecipientIdOf(const Invoice& invoice);

// The seller's SIRET (BT-29, then BT-34), else BT-30, else the VAT number.
std::string SellerIdOf(const Invoice& invoice);

}  // namespace chorus::api

#endif  // CHORUS_API_PARTY_IDS_H_

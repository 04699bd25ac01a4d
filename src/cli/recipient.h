// The invoice's recipient in Chorus Pro: who it is (from the buyer's
// identifiers), what it requires (structures/consulter: service code BT-10,
// engagement number BT-13) and its services, cached in the journal.
// Missing requirements are the most common cause of rejection, so `submit`
// checks them before depositing and `lookup` shows them.
#ifndef CHORUS_SRC_CLI_RECIPIENT_H_
#define CHORUS_SRC_CLI_RECIPIENT_H_

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "chorus/api/chorus_pro.h"
#include "chorus/journal/journal.h"
#include "chorus/model/invoice.h"

namespace chorus::cli {

struct RecipientId {
  std::string value;  // "21330512100013", "DE271839409"
  std::string type;   // typeIdentifiantStructure: SIRET, UE_HORS_FRANCE
  bool empty() const { return value.empty(); }
};

// BT-46 (scheme 0009 or none, 14 digits), then BT-49 (scheme 0009), then
// BT-47 (14 digits): SIRET; else a non-French VAT number BT-48:
// UE_HORS_FRANCE; else nothing.
RecipientId RecipientIdOf(const Invoice& invoice);
// The seller's SIRET (BT-29 / BT-34), else BT-30, else the VAT number.
std::string SellerIdOf(const Invoice& invoice);
// 14 digits.
bool IsSiret(const std::string& s);

struct Recipient {
  RecipientId id;
  bool found = false;  // a structure carries that identifier
  api::Structure structure;
  api::StructureDetail detail;
  std::vector<api::Service> services;
  bool cached = false;  // read from the journal's cache

  nlohmann::json ToJson() const;
  static Recipient FromJson(const nlohmann::json& j);
};

// structures/rechercher (+ consulter + rechercher/services when found);
// a found recipient is cached for `ttl` in `journal` (null: no cache).
api::ApiResult<Recipient> LookupRecipient(api::ChorusProClient& client,
                                          const RecipientId& id,
                                          journal::Journal* journal,
                                          const std::string& env,
                                          std::chrono::seconds ttl);

// What would make the platform reject `invoice` for this recipient, one
// readable line each (empty: nothing known to be missing).
std::vector<std::string> CheckRequirements(const Recipient& recipient,
                                           const Invoice& invoice);

}  // namespace chorus::cli

#endif  // CHORUS_SRC_CLI_RECIPIENT_H_

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
#include "chorus/api/party_ids.h"
#include "chorus/journal/journal.h"
#include "chorus/model/invoice.h"

namespace chorus::cli {

// Who the recipient is: api::RecipientIdOf(invoice).
using RecipientId = api::StructureId;

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

#include "cli/recipient.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace chorus::cli {
namespace {

using nlohmann::json;

// structures/rechercher for identifiers other than a SIRET: the typed call
// only searches SIRETs.
api::ApiResult<std::vector<api::Structure>> SearchOtherType(
    api::ChorusProClient& client, const RecipientId& id) {
  json body = {{"structure",
                {{"identifiantStructure", id.value},
                 {"typeIdentifiantStructure", id.type}}}};
  auto answer = client.Call("/cpro/structures/v1/rechercher", body);
  if (!answer) return answer.take_error();
  std::vector<api::Structure> out;
  auto list = answer->find("listeStructures");
  if (list == answer->end() || !list->is_array()) return out;
  for (const auto& s : *list) {
    if (!s.is_object()) continue;
    api::Structure st;
    st.id_structure_cpp = s.value("idStructureCPP", std::int64_t{0});
    st.identifiant = s.value("identifiantStructure", "");
    st.designation = s.value("designationStructure", "");
    st.statut = s.value("statut", "");
    st.raw = s;
    out.push_back(std::move(st));
  }
  return out;
}

}  // namespace

json Recipient::ToJson() const {
  json services_json = json::array();
  for (const auto& s : services) {
    services_json.push_back({{"id", s.id_service},
                             {"code", s.code},
                             {"label", s.libelle},
                             {"active", s.actif}});
  }
  json j = {{"identifier", id.value}, {"type", id.type}, {"found", found}};
  if (found) {
    j["id_structure"] = structure.id_structure_cpp;
    j["name"] = structure.designation;
    j["status"] = structure.statut;
    j["service_code_required"] = detail.service_code_required;
    j["engagement_required"] = detail.engagement_required;
    j["engagement_or_service"] = detail.engagement_or_service;
    j["services"] = std::move(services_json);
  }
  return j;
}

Recipient Recipient::FromJson(const json& j) {
  Recipient r;
  r.id = {j.value("identifier", ""), j.value("type", "")};
  r.found = j.value("found", false);
  r.structure.id_structure_cpp = j.value("id_structure", std::int64_t{0});
  r.structure.identifiant = r.id.value;
  r.structure.designation = j.value("name", "");
  r.structure.statut = j.value("status", "");
  r.detail.id_structure_cpp = r.structure.id_structure_cpp;
  r.detail.service_code_required = j.value("service_code_required", false);
  r.detail.engagement_required = j.value("engagement_required", false);
  r.detail.engagement_or_service = j.value("engagement_or_service", false);
  if (auto it = j.find("services"); it != j.end() && it->is_array()) {
    for (const auto& s : *it) {
      api::Service svc;
      svc.id_service = s.value("id", std::int64_t{0});
      svc.code = s.value("code", "");
      svc.libelle = s.value("label", "");
      svc.actif = s.value("active", false);
      r.services.push_back(std::move(svc));
    }
  }
  return r;
}

api::ApiResult<Recipient> LookupRecipient(api::ChorusProClient& client,
                                          const RecipientId& id,
                                          journal::Journal* journal,
                                          const std::string& env,
                                          std::chrono::seconds ttl) {
  const std::string key = id.type + ":" + id.value;
  if (journal && ttl.count() > 0) {
    auto cached =
        journal->CachedRecipient(env, key, ttl.count(), journal::UnixNow());
    if (cached.ok() && cached->has_value()) {
      json j = json::parse(**cached, nullptr, false);
      if (j.is_object()) {
        spdlog::info("recipient {}: from the cache", key);
        Recipient r = Recipient::FromJson(j);
        r.cached = true;
        return r;
      }
    }
  }
  Recipient r;
  r.id = id;
  auto found = id.type == "SIRET" ? client.RechercherStructure(id.value)
                                  : SearchOtherType(client, id);
  if (!found) return found.take_error();
  for (auto& s : *found) {
    if (s.identifiant == id.value || found->size() == 1) {
      r.structure = std::move(s);
      r.found = true;
      break;
    }
  }
  if (!r.found) return r;  // not cached: it may be registered tomorrow
  auto detail = client.ConsulterStructure(r.structure.id_structure_cpp);
  if (!detail) return detail.take_error();
  r.detail = std::move(*detail);
  auto services = client.RechercherServices(r.structure.id_structure_cpp);
  if (!services) return services.take_error();
  r.services = std::move(*services);
  if (journal && ttl.count() > 0) {
    auto stored = journal->StoreRecipient(env, key, r.ToJson().dump(),
                                          journal::UnixNow());
    if (!stored) spdlog::warn("{}", stored.error().message);
  }
  return r;
}

std::vector<std::string> CheckRequirements(const Recipient& r,
                                           const Invoice& inv) {
  std::vector<std::string> problems;
  const std::string who =
      r.id.value + (r.structure.designation.empty()
                        ? std::string()
                        : " (" + r.structure.designation + ")");
  if (!r.found) {
    problems.push_back("recipient " + r.id.value + " (" + r.id.type +
                       ") is not a Chorus Pro structure: structures/rechercher "
                       "found nothing");
    return problems;
  }
  if (!r.structure.statut.empty() && r.structure.statut != "ACTIF") {
    problems.push_back("recipient " + who + " is " + r.structure.statut +
                       ": it no longer receives invoices");
    return problems;
  }
  const std::string service = inv.buyer_reference.value_or("");
  const std::string engagement = inv.purchase_order_reference.value_or("");
  bool either = r.detail.engagement_or_service &&
                (!service.empty() || !engagement.empty());
  if (r.detail.engagement_or_service && service.empty() && engagement.empty()) {
    problems.push_back("recipient " + who +
                       " requires an engagement number (BT-13, purchase order "
                       "reference) or a service code (BT-10, buyer reference): "
                       "the invoice has neither");
  }
  if (r.detail.service_code_required && service.empty() && !either) {
    problems.push_back("recipient " + who +
                       " requires a service code in BT-10 (buyer reference): "
                       "the invoice has none");
  }
  if (r.detail.engagement_required && engagement.empty() && !either) {
    problems.push_back("recipient " + who +
                       " requires an engagement number (numéro d'engagement "
                       "juridique) in BT-13 (purchase order reference): the "
                       "invoice has none");
  }
  if (!service.empty() && !r.services.empty()) {
    auto it =
        std::find_if(r.services.begin(), r.services.end(),
                     [&](const api::Service& s) { return s.code == service; });
    std::string active;
    for (const auto& s : r.services) {
      if (s.actif) active += (active.empty() ? "" : ", ") + s.code;
    }
    if (it == r.services.end() && r.detail.service_code_required) {
      problems.push_back(
          "service code " + service + " (BT-10) is not a service of " + who +
          "; active services: " + (active.empty() ? "none" : active));
    } else if (it != r.services.end() && !it->actif) {
      problems.push_back(
          "service code " + service + " (BT-10) is inactive at " + who +
          "; active services: " + (active.empty() ? "none" : active));
    }
  }
  return problems;
}

}  // namespace chorus::cli

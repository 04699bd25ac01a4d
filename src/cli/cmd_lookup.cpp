// chorus lookup SIRET: a recipient in Chorus Pro, what it requires on an
// invoice (service code, engagement number) and its services.
#include <iostream>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/connection.h"
#include "cli/recipient.h"

namespace chorus::cli {
namespace {

struct LookupOptions {
  std::string identifier;
  std::string type = "SIRET";
  bool no_cache = false;
  std::string format = "text";
  ConnectionFlags connection;
};

const char* YesNo(bool b) { return b ? "yes" : "no"; }

std::string Row(const std::string& label, const std::string& value) {
  constexpr std::size_t kWidth = 37;
  return label +
         std::string(label.size() < kWidth ? kWidth - label.size() : 1, ' ') +
         value + "\n";
}

std::string Text(const Recipient& r) {
  if (!r.found) {
    return "No Chorus Pro structure has the identifier " + r.id.value + " (" +
           r.id.type + ").\n";
  }
  std::string out = Row("structure", r.id.value + " (" + r.id.type + ")");
  out += Row("name", r.structure.designation);
  out += Row("status", r.structure.statut);
  out +=
      Row("id (idStructureCPP)", std::to_string(r.structure.id_structure_cpp));
  out += Row("service code required (BT-10)",
             YesNo(r.detail.service_code_required));
  out += Row("engagement number required (BT-13)",
             YesNo(r.detail.engagement_required));
  out += Row("engagement number or service code",
             YesNo(r.detail.engagement_or_service));
  if (r.services.empty()) {
    out += Row("services", "none");
  } else {
    out += "services:\n";
    for (const auto& s : r.services) {
      out += "  " + s.code + "  " + (s.actif ? "active  " : "INACTIVE") + "  " +
             s.libelle + "\n";
    }
  }
  if (r.cached) out += "(from the cache; --no-cache to ask the platform)\n";
  return out;
}

int RunLookup(LookupOptions& opt) {
  auto platform = Connect(opt.connection);
  if (!platform) return ReportError(platform.error());
  Platform& p = **platform;
  auto journal = OpenJournal(p.settings);
  if (!journal) return ReportError(journal.error());
  auto ttl = config::ParseDuration(p.settings.Value("lookup_ttl"));
  std::chrono::seconds cache_for{0};
  if (!opt.no_cache && ttl)
    cache_for = std::chrono::duration_cast<std::chrono::seconds>(*ttl);
  auto r = LookupRecipient(*p.client, {opt.identifier, opt.type},
                           journal->get(), p.settings.env, cache_for);
  if (!r) return ReportApiError(r.error(), p.settings);
  if (opt.format == "json") {
    nlohmann::json j = r->ToJson();
    j["cached"] = r->cached;
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << Text(*r);
  }
  return r->found ? kExitOk : kExitInvalid;
}

}  // namespace

void AddLookupCommand(CLI::App& parent, int* exit_code) {
  auto opt = std::make_shared<LookupOptions>();
  CLI::App* cmd =
      parent.add_subcommand("lookup",
                            "A recipient: whether it needs a service code or "
                            "engagement number, its services");
  cmd->footer(
      std::string(
          "Answers are cached in the journal database for lookup_ttl (24h).\n"
          "Example:\n"
          "  chorus lookup 21330512100013\n"
          "  chorus lookup DE271839409 --type UE_HORS_FRANCE --format json\n"
          "Exit: 0 found, 1 no such structure, 2 usage, configuration or\n"
          "credential error, 3 platform unreachable.\n") +
      kConnectionHelp);
  cmd->add_option("identifier", opt->identifier,
                  "SIRET (or other identifier with --type)")
      ->required();
  cmd->add_option("--type", opt->type, "typeIdentifiantStructure")
      ->check(CLI::IsMember({"SIRET", "UE_HORS_FRANCE", "HORS_UE", "RIDET",
                             "TAHITI", "AUTRE", "PARTICULIER"}))
      ->capture_default_str();
  cmd->add_flag("--no-cache", opt->no_cache, "Ask the platform, not the cache");
  AddFormatOption(*cmd, &opt->format);
  AddConnectionOptions(*cmd, &opt->connection);
  cmd->callback([opt, exit_code] { *exit_code = RunLookup(*opt); });
}

}  // namespace chorus::cli

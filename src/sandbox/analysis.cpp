#include "sandbox/analysis.h"

#include <algorithm>

#include "chorus/api/party_ids.h"
#include "chorus/format/document.h"
#include "chorus/format/syntax.h"
#include "chorus/rules/rules.h"
#include "sandbox/archive.h"

namespace chorus::sandbox {
namespace {

constexpr std::size_t kMaxRuleFindings = 5;

TechnicalError Technical(std::string code, std::string libelle) {
  return {std::move(code), std::move(libelle), "TECHNIQUE"};
}

// The recipient as the client names it (api::RecipientIdOf); failing that,
// any buyer identifier, so a rejection can still say whom it was for.
std::pair<std::string, std::string> RecipientIdOf(const Invoice& inv) {
  api::StructureId id = api::RecipientIdOf(inv);
  if (!id.empty()) return {id.value, id.type};
  if (!inv.buyer) return {};
  if (inv.buyer->id) return {inv.buyer->id->value, ""};
  if (inv.buyer->legal_registration_id)
    return {inv.buyer->legal_registration_id->value, ""};
  return {};
}

std::string AmountText(const Amount& a) {
  return a ? a->ToString() : std::string();
}

// The recipient's requirements (parametres of structures/consulter).
void CheckRecipient(const Invoice& inv, const std::string& type,
                    AnalyzedInvoice& out) {
  auto& r = out.record;
  const StructureEntry* s = FindStructure(r.destinataire_id, type);
  if (r.destinataire_id.empty()) {
    out.problems.push_back(
        "Destinataire non identifié : la facture ne porte pas d'identifiant "
        "d'acheteur "
        "(BT-46 SIRET, BT-49 schéma 0009, BT-47 ou BT-48)");
    return;
  }
  if (s == nullptr) {
    out.problems.push_back(
        "Destinataire " + r.destinataire_id +
        " inconnu dans Chorus Pro (aucune structure avec cet identifiant)");
    return;
  }
  r.id_structure = s->id;
  r.destinataire_nom = s->designation;
  if (s->statut != "ACTIF") {
    out.problems.push_back("Destinataire " + s->identifiant + " (" +
                           s->designation +
                           ") inactif : il ne reçoit plus de factures");
    return;
  }
  const std::string service = inv.buyer_reference.value_or("");
  const std::string ej = inv.purchase_order_reference.value_or("");
  bool either = s->engagement_or_service && (!service.empty() || !ej.empty());
  if (s->service_required && service.empty() && !either) {
    out.problems.push_back("Code service obligatoire pour le destinataire " +
                           s->identifiant +
                           " : la référence acheteur (BT-10) est absente");
  }
  if (!service.empty() && !s->services.empty()) {
    auto it =
        std::find_if(s->services.begin(), s->services.end(),
                     [&](const ServiceEntry& e) { return e.code == service; });
    if (it == s->services.end()) {
      if (s->service_required) {
        out.problems.push_back("Code service " + service +
                               " (BT-10) inconnu pour le destinataire " +
                               s->identifiant);
      }
    } else if (!it->actif) {
      out.problems.push_back("Code service " + service +
                             " (BT-10) inactif pour le destinataire " +
                             s->identifiant);
    }
  }
  if (s->engagement_required && ej.empty() && !either) {
    out.problems.push_back(
        "Numéro d'engagement obligatoire pour le destinataire " +
        s->identifiant + " : la référence de commande (BT-13) est absente");
  }
}

AnalyzedInvoice AnalyzeOne(const XmlDocument& doc) {
  ReadResult read = ReadInvoice(doc);
  const Invoice& inv = read.invoice;
  AnalyzedInvoice out;
  auto& r = out.record;
  r.numero = inv.number.value_or("");
  r.type_facture = inv.kind == DocumentKind::kCreditNote ? "AVOIR" : "FACTURE";
  if (inv.issue_date) r.date_facture = inv.issue_date->ToIso();
  r.fournisseur_id = api::SellerIdOf(inv);
  r.fournisseur_nom = inv.seller ? inv.seller->name.value_or("") : "";
  auto [dest, type] = RecipientIdOf(inv);
  r.destinataire_id = dest;
  r.destinataire_nom = inv.buyer ? inv.buyer->name.value_or("") : "";
  r.code_service = inv.buyer_reference.value_or("");
  r.numero_ej = inv.purchase_order_reference.value_or("");
  r.devise = inv.currency.value_or("");
  if (inv.totals) {
    r.montant_ht = AmountText(inv.totals->tax_exclusive);
    r.montant_ttc = AmountText(inv.totals->tax_inclusive);
    r.montant_a_payer = AmountText(inv.totals->payable);
  }

  std::vector<Diagnostic> fatal;
  // The sets `chorus validate` would run, so both give one verdict.
  for (auto& d : CheckRules(doc, read, RuleOptionsFor(doc))) {
    if (d.severity != Severity::kWarning) fatal.push_back(std::move(d));
  }
  if (!fatal.empty()) {
    std::string text =
        "Facture non conforme à la norme EN 16931 ou à son "
        "profil Factur-X (" +
        std::to_string(fatal.size()) + " règle(s)) :";
    for (std::size_t i = 0; i < fatal.size() && i < kMaxRuleFindings; ++i) {
      text += " [" + fatal[i].rule + "] " + fatal[i].message + ";";
    }
    out.problems.push_back(text);
  }
  CheckRecipient(inv, type, out);
  return out;
}

constexpr const char* kFacturXSyntaxe = "IN_DP_E2_CII_FACTURX";

bool IsUblSyntaxe(const std::string& s) {
  return s.find("_UBL_") != std::string::npos;
}
bool IsCiiSyntaxe(const std::string& s) {
  return s.find("_CII_") != std::string::npos && s != kFacturXSyntaxe;
}

}  // namespace

namespace {

bool EndsWithLower(std::string name, std::string_view ext) {
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  return name.size() >= ext.size() &&
         name.compare(name.size() - ext.size(), ext.size(), ext) == 0;
}

// Reads one invoice file of the flow into `out`; returns why it could not
// be read as an invoice of `syntaxe` ("" when it was).
std::string AnalyzeFile(const std::string& bytes, const std::string& name,
                        const std::string& syntaxe, FlowAnalysis& out) {
  auto doc = LoadDocumentBuffer(bytes, name);
  if (!doc) {
    std::string why = "Fichier " + name + " illisible : " + doc.error().message;
    for (const auto& d : doc.error().details)
      why += " " + d.location + " " + d.message;
    return why;
  }
  // A Factur-X PDF loads as its embedded CII (syntax kFacturX).
  Syntax want = IsUblSyntaxe(syntaxe)        ? Syntax::kUbl
                : syntaxe == kFacturXSyntaxe ? Syntax::kFacturX
                                             : Syntax::kCii;
  if ((*doc)->syntax != want) {
    return "Le fichier " + name + " est un document " +
           std::string(SyntaxName((*doc)->syntax)) +
           " mais le flux est déposé en " + syntaxe;
  }
  out.invoices.push_back(AnalyzeOne(**doc));
  return {};
}

}  // namespace

FlowAnalysis AnalyzeFlow(std::string_view bytes, const std::string& syntaxe,
                         const std::string& nom_fichier) {
  FlowAnalysis out;
  if (EndsWithLower(nom_fichier, ".zip")) {
    out.tech_errors.push_back(Technical(
        "SANDBOX_ZIP",
        "Les archives zip ne sont pas lues par le bac à sable : déposer "
        "les factures en .tar.gz"));
    return out;
  }
  if (!IsUblSyntaxe(syntaxe) && !IsCiiSyntaxe(syntaxe) &&
      syntaxe != kFacturXSyntaxe) {
    out.tech_errors.push_back(Technical(
        "SANDBOX_SYNTAXE", "La syntaxe " + syntaxe +
                               " n'est pas traitée par le bac à sable "
                               "(seules UBL, CII et Factur-X le sont)"));
    return out;
  }
  if (!EndsWithLower(nom_fichier, ".tar.gz") &&
      !EndsWithLower(nom_fichier, ".tgz")) {
    std::string why =
        AnalyzeFile(std::string(bytes), nom_fichier, syntaxe, out);
    if (!why.empty())
      out.tech_errors.push_back(Technical("FORMAT_FICHIER", why));
    return out;
  }
  // Several invoices: each unreadable member is one rejected invoice, so
  // the flow can end partially integrated.
  auto files = ExpandTarGz(bytes);
  if (!files) {
    out.tech_errors.push_back(Technical(
        "FORMAT_ARCHIVE", nom_fichier + " : " + files.error().message));
    return out;
  }
  for (const auto& [name, content] : *files) {
    std::string why = AnalyzeFile(content, name, syntaxe, out);
    if (!why.empty()) {
      AnalyzedInvoice bad;
      bad.record.numero = name;
      bad.problems.push_back(why);
      out.invoices.push_back(std::move(bad));
    }
  }
  return out;
}

std::string FinalStateOf(const FlowAnalysis& analysis) {
  if (!analysis.tech_errors.empty() || analysis.invoices.empty())
    return kFlowRejected;
  std::size_t rejected = 0;
  for (const auto& i : analysis.invoices)
    rejected += i.problems.empty() ? 0 : 1;
  if (rejected == 0) return kFlowIntegrated;
  return rejected == analysis.invoices.size() ? kFlowRejected : kFlowPartial;
}

}  // namespace chorus::sandbox

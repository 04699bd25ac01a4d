// deposer/flux and the flow reports (consulterCR, consulterCRDetaille).
#include <algorithm>
#include <array>
#include <cstdio>
#include <string_view>

#include "sandbox/encoding.h"
#include "sandbox/platform.h"

namespace chorus::sandbox {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 11> kSyntaxes = {
    "IN_DP_E1_UBL_INVOICE",
    "IN_DP_E1_CII_16B",
    "IN_DP_E1_CII",
    "IN_DP_E1_PES_FACTURE",
    "IN_DP_E1_XCBL",
    "IN_DP_E2_UBL_INVOICE_MIN",
    "IN_DP_E2_CII_MIN_16B",
    "IN_DP_E2_CII_MIN",
    "IN_DP_E2_CII_FACTURX",
    "IN_DP_E2_PES_FACTURE_MIN",
    "IN_DP_E2_CPP_FACTURE_MIN"};

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  return s;
}

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A Factur-X is a PDF; every other syntax an XML file; an archive
// (several invoices in one flow) is accepted for any syntax.
bool ExtensionFits(const std::string& name, const std::string& syntaxe) {
  std::string lower = Lower(name);
  if (EndsWith(lower, ".zip") || EndsWith(lower, ".tar.gz") ||
      EndsWith(lower, ".tgz")) {
    return true;
  }
  return EndsWith(lower, syntaxe == "IN_DP_E2_CII_FACTURX" ? ".pdf" : ".xml");
}

std::string StringField(const json& req, const char* key) {
  auto it = req.find(key);
  return it != req.end() && it->is_string() ? it->get<std::string>()
                                            : std::string();
}

std::string FlowNumber(std::int64_t n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "CPP001111%016lld", static_cast<long long>(n));
  return buf;
}

std::string ReportPdf(const FlowRecord& f) {
  std::vector<std::string> lines = {
      "Chorus Pro (bac a sable) - compte rendu de traitement du flux",
      "Numero de flux : " + f.numero,
      "Fichier : " + f.nom_fichier,
      "Syntaxe : " + f.syntaxe,
      "Depose le : " + DateTimeOf(f.deposited_ms),
      "Etat : " + f.etat + " (" + DateTimeOf(f.etat_ms) + ")",
      "Factures integrees : " + std::to_string(f.invoice_ids.size())};
  for (const auto& e : f.tech_errors)
    lines.push_back("Erreur technique " + e.code + " : " + e.libelle);
  for (const auto& e : f.dp_errors)
    lines.push_back("Facture " + e.numero_dp + " rejetee : " + e.libelle);
  return TextPdf(lines);
}

}  // namespace

Answer Platform::DeposerFlux(const json& req, const std::string& client_id) {
  if (!req.is_object())
    return FunctionalError(20000, "GDP_MSG_11.000 Requête JSON invalide");
  const std::string nom = StringField(req, "nomFichier");
  const std::string syntaxe = StringField(req, "syntaxeFlux");
  auto b64 = req.find("fichierFlux");
  if (nom.empty())
    return FunctionalError(20001, "GDP_MSG_11.001 nomFichier obligatoire");
  if (nom.find_first_of("/\\") != std::string::npos || nom == "." ||
      nom == ".." || nom.size() > 200 || nom.find('\0') != std::string::npos) {
    return FunctionalError(
        20002,
        "GDP_MSG_11.002 nomFichier invalide : un nom de fichier sans "
        "chemin (ni / ni \\), 200 caractères au plus");
  }
  if (std::find(kSyntaxes.begin(), kSyntaxes.end(), syntaxe) ==
      kSyntaxes.end()) {
    return FunctionalError(
        20003, "GDP_MSG_11.003 syntaxeFlux inconnue : \"" + syntaxe + "\"");
  }
  if (b64 == req.end() || !b64->is_string()) {
    return FunctionalError(
        20004, "GDP_MSG_11.004 fichierFlux obligatoire (contenu en base64)");
  }
  const std::string& text = b64->get_ref<const std::string&>();
  // The decoded size follows from the encoded length and padding: a huge
  // file is refused before being decoded.
  std::size_t padding = 0;
  for (auto it = text.rbegin(); it != text.rend() && *it == '=' && padding < 2;
       ++it)
    ++padding;
  if (text.size() / 4 * 3 > kMaxFlowBytes + padding) {
    return FunctionalError(
        20022,
        "GDP_MSG_11.022 Le fichier dépasse la taille maximale "
        "autorisée (10 Mo)");
  }
  auto bytes = Base64Decode(text);
  if (!bytes)
    return FunctionalError(
        20004, "GDP_MSG_11.004 fichierFlux n'est pas un base64 valide");
  if (bytes->size() > kMaxFlowBytes) {
    return FunctionalError(
        20022,
        "GDP_MSG_11.022 Le fichier dépasse la taille maximale "
        "autorisée (10 Mo)");
  }
  if (bytes->empty())
    return FunctionalError(20006, "GDP_MSG_11.006 fichierFlux est vide");
  if (!ExtensionFits(nom, syntaxe)) {
    return FunctionalError(
        20005, "GDP_MSG_11.005 L'extension de " + nom +
                   " ne correspond pas à la syntaxe " + syntaxe +
                   (syntaxe == "IN_DP_E2_CII_FACTURX" ? " (.pdf attendu)"
                                                      : " (.xml attendu)"));
  }

  std::lock_guard lock(mu_);
  std::int64_t now = NowMs();
  FlowRecord f;
  f.numero = FlowNumber(state_.next_flow++);
  f.nom_fichier = nom;
  f.syntaxe = syntaxe;
  f.client_id = client_id;
  f.deposited_ms = now;
  f.etat = kFlowWaiting;
  f.etat_ms = now;
  f.file = std::move(*bytes);
  f.next_step_ms = now + step_.count();
  json body = Success(true);
  body["numeroFluxDepot"] = f.numero;
  body["dateDepot"] = DateOf(now);
  body["syntaxeFlux"] = syntaxe;
  state_.flows.push_back(std::move(f));
  SaveLocked();
  return {200, body};
}

Answer Platform::ConsulterCR(const json& req, bool detailed) {
  std::string numero =
      req.is_object() ? StringField(req, "numeroFluxDepot") : "";
  if (numero.empty())
    return FunctionalError(20100, "TRA_MSG_01.000 numeroFluxDepot obligatoire");
  std::lock_guard lock(mu_);
  const FlowRecord* f = state_.FindFlow(numero);
  if (f == nullptr) {
    return FunctionalError(
        20101, "TRA_MSG_01.001 Aucun flux " + numero + " n'a été déposé");
  }
  json body = Success(false);
  body["numeroFluxDepot"] = f->numero;
  body["dateDepotFlux"] = DateOf(f->deposited_ms);
  body["dateHeureEtatCourantFlux"] = DateTimeOf(f->etat_ms);
  body["syntaxeFlux"] = f->syntaxe;
  if (!detailed) {
    body["etatCourantFlux"] = f->etat;
    body["nomFichierFlux"] = f->nom_fichier;
    body["fichierCR"] = Base64Encode(ReportPdf(*f));
    return {200, body};
  }
  body["etatCourantDepotFlux"] = f->etat;
  body["nomFichier"] = f->nom_fichier;
  body["codeInterfaceDepotFlux"] = f->syntaxe;
  json tech = json::array(), dp = json::array();
  for (const auto& e : f->tech_errors) {
    tech.push_back({{"codeErreur", e.code},
                    {"libelleErreur", e.libelle},
                    {"natureErreur", e.nature}});
  }
  for (const auto& e : f->dp_errors) {
    dp.push_back({{"numeroDP", e.numero_dp},
                  {"identifiantFournisseur", e.fournisseur},
                  {"identifiantDestinataire", e.destinataire},
                  {"libelleErreurDP", e.libelle}});
  }
  body["listeErreurTechnique"] = tech;
  body["listeErreurDP"] = dp;
  return {200, body};
}

}  // namespace chorus::sandbox

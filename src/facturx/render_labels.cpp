// Labels, code names and number formatting of the rendered invoice, in
// French (the default: French invoices are read by French accountants) and
// English.
#include <cstdio>
#include <utility>

#include "facturx/render_internal.h"

namespace chorus::facturx::internal {
namespace {

constexpr Labels kFrench{"FACTURE",
                         "AVOIR",
                         "N°",
                         "Date d'émission",
                         "Date d'échéance",
                         "Date de TVA",
                         "Période",
                         "Vendeur",
                         "Acheteur",
                         "Bénéficiaire",
                         "Livraison",
                         "N° TVA",
                         "SIREN/SIRET",
                         "Adresse électronique",
                         "Référence acheteur (code service)",
                         "Bon de commande (engagement)",
                         "Contrat",
                         "Projet",
                         "Facture d'origine",
                         "#",
                         "Désignation",
                         "Qté",
                         "Prix unit. HT",
                         "TVA",
                         "Montant HT",
                         "Remise",
                         "Frais",
                         "Récapitulatif TVA",
                         "Catégorie",
                         "Base HT",
                         "Montant TVA",
                         "Motif d'exonération",
                         "Total des lignes HT",
                         "Remises",
                         "Frais",
                         "Total HT",
                         "Total TVA",
                         "Total TTC",
                         "Déjà payé",
                         "Arrondi",
                         "Net à payer",
                         "Paiement",
                         "Moyen de paiement",
                         "IBAN",
                         "BIC",
                         "Titulaire du compte",
                         "Référence de paiement",
                         "Mandat de prélèvement",
                         "Conditions de paiement",
                         "Notes",
                         "Page",
                         "Devise"};

constexpr Labels kEnglish{"INVOICE",
                          "CREDIT NOTE",
                          "No.",
                          "Issue date",
                          "Due date",
                          "VAT point date",
                          "Period",
                          "Seller",
                          "Buyer",
                          "Payee",
                          "Delivery",
                          "VAT id",
                          "Legal registration id",
                          "Electronic address",
                          "Buyer reference",
                          "Purchase order",
                          "Contract",
                          "Project",
                          "Preceding invoice",
                          "#",
                          "Description",
                          "Qty",
                          "Unit price",
                          "VAT",
                          "Net amount",
                          "Allowance",
                          "Charge",
                          "VAT breakdown",
                          "Category",
                          "Taxable amount",
                          "VAT amount",
                          "Exemption reason",
                          "Sum of line net amounts",
                          "Allowances",
                          "Charges",
                          "Total without VAT",
                          "Total VAT",
                          "Total with VAT",
                          "Paid amount",
                          "Rounding",
                          "Amount due",
                          "Payment",
                          "Payment means",
                          "IBAN",
                          "BIC",
                          "Account name",
                          "Remittance information",
                          "Direct debit mandate",
                          "Payment terms",
                          "Notes",
                          "Page",
                          "Currency"};

struct CodeName {
  std::string_view code;
  const char* fr;
  const char* en;
};

constexpr CodeName kPaymentMeans[] = {
    {"1", "Non défini", "Not defined"},
    {"10", "Espèces", "Cash"},
    {"20", "Chèque", "Cheque"},
    {"30", "Virement", "Credit transfer"},
    {"31", "Virement", "Debit transfer"},
    {"42", "Virement bancaire", "Payment to bank account"},
    {"48", "Carte bancaire", "Bank card"},
    {"49", "Prélèvement", "Direct debit"},
    {"57", "Accord permanent", "Standing agreement"},
    {"58", "Virement SEPA", "SEPA credit transfer"},
    {"59", "Prélèvement SEPA", "SEPA direct debit"},
    {"97", "Compensation", "Clearing between partners"},
};

constexpr CodeName kVatCategories[] = {
    {"S", "Taux normal", "Standard rate"},
    {"Z", "Taux zéro", "Zero rated"},
    {"E", "Exonéré", "Exempt"},
    {"AE", "Autoliquidation", "Reverse charge"},
    {"K", "Livraison intracommunautaire", "Intra-community supply"},
    {"G", "Export hors UE", "Export outside the EU"},
    {"O", "Hors champ de la TVA", "Not subject to VAT"},
    {"L", "IGIC (Canaries)", "IGIC (Canary Islands)"},
    {"M", "IPSI (Ceuta, Melilla)", "IPSI (Ceuta, Melilla)"},
};

constexpr CodeName kUnits[] = {
    {"C62", "unité", "unit"},
    {"H87", "pièce", "piece"},
    {"EA", "unité", "each"},
    {"HUR", "heure", "hour"},
    {"DAY", "jour", "day"},
    {"MON", "mois", "month"},
    {"ANN", "an", "year"},
    {"WEE", "semaine", "week"},
    {"MIN", "minute", "minute"},
    {"KGM", "kg", "kg"},
    {"GRM", "g", "g"},
    {"TNE", "t", "t"},
    {"MTR", "m", "m"},
    {"KMT", "km", "km"},
    {"MTK", "m²", "m²"},
    {"MTQ", "m³", "m³"},
    {"LTR", "l", "l"},
    {"KWH", "kWh", "kWh"},
    {"SET", "lot", "set"},
    {"XPP", "colis", "package"},
    {"LS", "forfait", "lump sum"},
};

template <std::size_t N>
std::string Lookup(const CodeName (&table)[N], std::string_view code,
                   Language language) {
  for (const auto& entry : table) {
    if (entry.code == code)
      return language == Language::kFrench ? entry.fr : entry.en;
  }
  return std::string(code);
}

// Decimal text "-1234.5" to the language's form; `group` adds thousands
// separators (a no-break space in French, a comma in English).
std::string Localize(const std::string& plain, Language language, bool group) {
  std::string_view s = plain;
  bool negative = !s.empty() && s.front() == '-';
  if (negative) s.remove_prefix(1);
  std::size_t dot = s.find('.');
  std::string_view whole = s.substr(0, dot);
  std::string_view frac =
      dot == std::string_view::npos ? std::string_view{} : s.substr(dot + 1);
  const bool fr = language == Language::kFrench;
  std::string out = negative ? "-" : "";
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (group && i > 0 && (whole.size() - i) % 3 == 0)
      out += fr ? "\xC2\xA0" : ",";
    out += whole[i];
  }
  if (!frac.empty()) {
    out += fr ? ',' : '.';
    out.append(frac);
  }
  return out;
}

}  // namespace

const Labels& LabelsFor(Language language) {
  return language == Language::kEnglish ? kEnglish : kFrench;
}

std::string Money(const Decimal& d, Language language) {
  return Localize(d.ToFixed(2), language, true);
}

std::string Number(const Decimal& d, Language language) {
  return Localize(d.ToCanonical(), language, true);
}

std::string DateText(const Date& d, Language language) {
  if (language == Language::kEnglish) return d.ToIso();
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d.day, d.month, d.year);
  return buf;
}

std::string PaymentMeansName(std::string_view code, Language language) {
  return Lookup(kPaymentMeans, code, language);
}
std::string VatCategoryName(std::string_view code, Language language) {
  return Lookup(kVatCategories, code, language);
}
std::string UnitName(std::string_view code, Language language) {
  return Lookup(kUnits, code, language);
}

}  // namespace chorus::facturx::internal

#include "model/json_keys.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "chorus/model/json.h"

namespace chorus::json {
namespace {

using enum KeyType;
constexpr bool kReq = true;
constexpr bool kOpt = false;

// Order matters: InvoiceToJson writes keys in this order and the docs list
// them in it.
constexpr KeyInfo kKeys[] = {
    // Document (BG-0, BG-2).
    {"kind", "", kKind, kOpt, "",
     "\"invoice\" or \"credit_note\"; default follows type_code"},
    {"number", "BT-1", kString, kReq, "", "Invoice number"},
    {"issue_date", "BT-2", kDate, kReq, "", "Invoice issue date"},
    {"type_code", "BT-3", kCode, kOpt, "",
     "UNTDID 1001; default \"380\" (invoice) or \"381\" (credit note)"},
    {"currency", "BT-5", kCode, kReq, "", "Invoice currency (ISO 4217)"},
    {"accounting_currency", "BT-6", kCode, kOpt, "", "VAT accounting currency"},
    {"tax_point_date", "BT-7", kDate, kOpt, "", "Value added tax point date"},
    {"tax_point_date_code", "BT-8", kCode, kOpt, "",
     "Value added tax point date code (UNTDID 2005)"},
    {"due_date", "BT-9", kDate, kOpt, "", "Payment due date"},
    {"buyer_reference", "BT-10", kString, kOpt, "",
     "Buyer reference (Chorus Pro: service code)"},
    {"project_reference", "BT-11", kString, kOpt, "", "Project reference"},
    {"contract_reference", "BT-12", kString, kOpt, "", "Contract reference"},
    {"purchase_order_reference", "BT-13", kString, kOpt, "",
     "Purchase order reference (Chorus Pro: engagement number)"},
    {"sales_order_reference", "BT-14", kString, kOpt, "",
     "Sales order reference"},
    {"receiving_advice_reference", "BT-15", kString, kOpt, "",
     "Receiving advice reference"},
    {"despatch_advice_reference", "BT-16", kString, kOpt, "",
     "Despatch advice reference"},
    {"tender_reference", "BT-17", kString, kOpt, "",
     "Tender or lot reference"},
    {"invoiced_object_id", "BT-18", kIdentifier, kOpt, "BT-18-1",
     "Invoiced object identifier (scheme: UNTDID 1153)"},
    {"buyer_accounting_reference", "BT-19", kString, kOpt, "",
     "Buyer accounting reference"},
    {"payment_terms", "BT-20", kString, kOpt, "", "Payment terms"},
    {"notes", "BG-1", kTextOrObjectArray, kOpt, "",
     "Invoice notes; an element may be the note text alone"},
    {"notes[].subject_code", "BT-21", kCode, kOpt, "",
     "Invoice note subject code (UNTDID 4451)"},
    {"notes[].text", "BT-22", kString, kReq, "", "Invoice note"},
    {"business_process", "BT-23", kString, kOpt, "",
     "Business process type"},
    {"specification_id", "BT-24", kString, kOpt, "",
     "Specification identifier, e.g. \"urn:cen.eu:en16931:2017\""},
    {"preceding_invoices", "BG-3", kTextOrObjectArray, kOpt, "",
     "Preceding invoice references; an element may be the number alone"},
    {"preceding_invoices[].number", "BT-25", kString, kReq, "",
     "Preceding invoice reference"},
    {"preceding_invoices[].issue_date", "BT-26", kDate, kOpt, "",
     "Preceding invoice issue date"},

    // Seller (BG-4..BG-6).
    {"seller", "BG-4", kObject, kReq, "", "Seller"},
    {"seller.name", "BT-27", kString, kReq, "", "Seller name"},
    {"seller.trading_name", "BT-28", kString, kOpt, "", "Seller trading name"},
    {"seller.ids", "BT-29", kIdentifierArray, kOpt, "BT-29-1",
     "Seller identifiers (e.g. SIRET with scheme \"0009\")"},
    {"seller.legal_registration_id", "BT-30", kIdentifier, kOpt, "BT-30-1",
     "Seller legal registration identifier (e.g. SIREN, scheme \"0002\")"},
    {"seller.vat_id", "BT-31", kString, kOpt, "", "Seller VAT identifier"},
    {"seller.tax_registration_id", "BT-32", kString, kOpt, "",
     "Seller tax registration identifier"},
    {"seller.additional_legal_info", "BT-33", kString, kOpt, "",
     "Seller additional legal information"},
    {"seller.electronic_address", "BT-34", kIdentifier, kOpt, "BT-34-1",
     "Seller electronic address (scheme: EAS code)"},
    {"seller.address", "BG-5", kObject, kOpt, "", "Seller postal address"},
    {"seller.address.line1", "BT-35", kString, kOpt, "", "Address line 1"},
    {"seller.address.line2", "BT-36", kString, kOpt, "", "Address line 2"},
    {"seller.address.line3", "BT-162", kString, kOpt, "", "Address line 3"},
    {"seller.address.city", "BT-37", kString, kOpt, "", "City"},
    {"seller.address.post_code", "BT-38", kString, kOpt, "", "Post code"},
    {"seller.address.subdivision", "BT-39", kString, kOpt, "",
     "Country subdivision"},
    {"seller.address.country", "BT-40", kCode, kOpt, "",
     "Country code (ISO 3166-1 alpha-2)"},
    {"seller.contact", "BG-6", kObject, kOpt, "", "Seller contact"},
    {"seller.contact.name", "BT-41", kString, kOpt, "", "Contact point"},
    {"seller.contact.telephone", "BT-42", kString, kOpt, "",
     "Contact telephone number"},
    {"seller.contact.email", "BT-43", kString, kOpt, "",
     "Contact email address"},

    // Buyer (BG-7..BG-9).
    {"buyer", "BG-7", kObject, kReq, "", "Buyer"},
    {"buyer.name", "BT-44", kString, kReq, "", "Buyer name"},
    {"buyer.trading_name", "BT-45", kString, kOpt, "", "Buyer trading name"},
    {"buyer.id", "BT-46", kIdentifier, kOpt, "BT-46-1",
     "Buyer identifier (e.g. SIRET with scheme \"0009\")"},
    {"buyer.legal_registration_id", "BT-47", kIdentifier, kOpt, "BT-47-1",
     "Buyer legal registration identifier"},
    {"buyer.vat_id", "BT-48", kString, kOpt, "", "Buyer VAT identifier"},
    {"buyer.electronic_address", "BT-49", kIdentifier, kOpt, "BT-49-1",
     "Buyer electronic address (scheme: EAS code)"},
    {"buyer.address", "BG-8", kObject, kOpt, "", "Buyer postal address"},
    {"buyer.address.line1", "BT-50", kString, kOpt, "", "Address line 1"},
    {"buyer.address.line2", "BT-51", kString, kOpt, "", "Address line 2"},
    {"buyer.address.line3", "BT-163", kString, kOpt, "", "Address line 3"},
    {"buyer.address.city", "BT-52", kString, kOpt, "", "City"},
    {"buyer.address.post_code", "BT-53", kString, kOpt, "", "Post code"},
    {"buyer.address.subdivision", "BT-54", kString, kOpt, "",
     "Country subdivision"},
    {"buyer.address.country", "BT-55", kCode, kOpt, "",
     "Country code (ISO 3166-1 alpha-2)"},
    {"buyer.contact", "BG-9", kObject, kOpt, "", "Buyer contact"},
    {"buyer.contact.name", "BT-56", kString, kOpt, "", "Contact point"},
    {"buyer.contact.telephone", "BT-57", kString, kOpt, "",
     "Contact telephone number"},
    {"buyer.contact.email", "BT-58", kString, kOpt, "",
     "Contact email address"},

    // Other parties (BG-10..BG-13, BG-15).
    {"payee", "BG-10", kObject, kOpt, "", "Payee, when not the seller"},
    {"payee.name", "BT-59", kString, kReq, "", "Payee name"},
    {"payee.id", "BT-60", kIdentifier, kOpt, "BT-60-1", "Payee identifier"},
    {"payee.legal_registration_id", "BT-61", kIdentifier, kOpt, "BT-61-1",
     "Payee legal registration identifier"},
    {"tax_representative", "BG-11", kObject, kOpt, "",
     "Seller tax representative party"},
    {"tax_representative.name", "BT-62", kString, kReq, "",
     "Tax representative name"},
    {"tax_representative.vat_id", "BT-63", kString, kReq, "",
     "Tax representative VAT identifier"},
    {"tax_representative.address", "BG-12", kObject, kOpt, "",
     "Tax representative postal address"},
    {"tax_representative.address.line1", "BT-64", kString, kOpt, "",
     "Address line 1"},
    {"tax_representative.address.line2", "BT-65", kString, kOpt, "",
     "Address line 2"},
    {"tax_representative.address.line3", "BT-164", kString, kOpt, "",
     "Address line 3"},
    {"tax_representative.address.city", "BT-66", kString, kOpt, "", "City"},
    {"tax_representative.address.post_code", "BT-67", kString, kOpt, "",
     "Post code"},
    {"tax_representative.address.subdivision", "BT-68", kString, kOpt, "",
     "Country subdivision"},
    {"tax_representative.address.country", "BT-69", kCode, kOpt, "",
     "Country code (ISO 3166-1 alpha-2)"},
    {"delivery", "BG-13", kObject, kOpt, "", "Delivery information"},
    {"delivery.party_name", "BT-70", kString, kOpt, "",
     "Deliver to party name"},
    {"delivery.location_id", "BT-71", kIdentifier, kOpt, "BT-71-1",
     "Deliver to location identifier"},
    {"delivery.actual_date", "BT-72", kDate, kOpt, "", "Actual delivery date"},
    {"delivery.address", "BG-15", kObject, kOpt, "", "Deliver to address"},
    {"delivery.address.line1", "BT-75", kString, kOpt, "", "Address line 1"},
    {"delivery.address.line2", "BT-76", kString, kOpt, "", "Address line 2"},
    {"delivery.address.line3", "BT-165", kString, kOpt, "", "Address line 3"},
    {"delivery.address.city", "BT-77", kString, kOpt, "", "City"},
    {"delivery.address.post_code", "BT-78", kString, kOpt, "", "Post code"},
    {"delivery.address.subdivision", "BT-79", kString, kOpt, "",
     "Country subdivision"},
    {"delivery.address.country", "BT-80", kCode, kOpt, "",
     "Country code (ISO 3166-1 alpha-2)"},
    {"invoicing_period", "BG-14", kObject, kOpt, "", "Invoicing period"},
    {"invoicing_period.start", "BT-73", kDate, kOpt, "",
     "Invoicing period start date"},
    {"invoicing_period.end", "BT-74", kDate, kOpt, "",
     "Invoicing period end date"},

    // Payment (BG-16..BG-19).
    {"payment", "BG-16", kObject, kOpt, "", "Payment instructions"},
    {"payment.means_code", "BT-81", kCode, kReq, "",
     "Payment means type code (UNTDID 4461: 30, 58, 49, ...)"},
    {"payment.means_text", "BT-82", kString, kOpt, "", "Payment means text"},
    {"payment.remittance_info", "BT-83", kString, kOpt, "",
     "Remittance information"},
    {"payment.credit_transfers", "BG-17", kObjectArray, kOpt, "",
     "Credit transfers"},
    {"payment.credit_transfers[].account_id", "BT-84", kString, kReq, "",
     "Payment account identifier (IBAN)"},
    {"payment.credit_transfers[].account_name", "BT-85", kString, kOpt, "",
     "Payment account name"},
    {"payment.credit_transfers[].service_provider_id", "BT-86", kString,
     kOpt, "", "Payment service provider identifier (BIC)"},
    {"payment.card", "BG-18", kObject, kOpt, "", "Payment card information"},
    {"payment.card.account_number", "BT-87", kString, kReq, "",
     "Payment card primary account number (last digits only)"},
    {"payment.card.holder_name", "BT-88", kString, kOpt, "",
     "Payment card holder name"},
    {"payment.direct_debit", "BG-19", kObject, kOpt, "", "Direct debit"},
    {"payment.direct_debit.mandate_reference", "BT-89", kString, kOpt, "",
     "Mandate reference identifier"},
    {"payment.direct_debit.creditor_id", "BT-90", kString, kOpt, "",
     "Bank assigned creditor identifier"},
    {"payment.direct_debit.debited_account_id", "BT-91", kString, kOpt, "",
     "Debited account identifier"},

    // Document level allowances and charges (BG-20, BG-21).
    {"allowances", "BG-20", kObjectArray, kOpt, "",
     "Document level allowances"},
    {"allowances[].amount", "BT-92", kAmount, kOpt, "",
     "Allowance amount; may be omitted when percentage is given"},
    {"allowances[].base_amount", "BT-93", kAmount, kOpt, "",
     "Allowance base amount"},
    {"allowances[].percentage", "BT-94", kPercentage, kOpt, "",
     "Allowance percentage"},
    {"allowances[].vat_category", "BT-95", kCode, kOpt, "",
     "VAT category code of the allowance (UNCL 5305)"},
    {"allowances[].vat_rate", "BT-96", kPercentage, kOpt, "",
     "VAT rate of the allowance"},
    {"allowances[].reason", "BT-97", kString, kOpt, "", "Allowance reason"},
    {"allowances[].reason_code", "BT-98", kCode, kOpt, "",
     "Allowance reason code (UNCL 5189)"},
    {"charges", "BG-21", kObjectArray, kOpt, "", "Document level charges"},
    {"charges[].amount", "BT-99", kAmount, kOpt, "",
     "Charge amount; may be omitted when percentage is given"},
    {"charges[].base_amount", "BT-100", kAmount, kOpt, "",
     "Charge base amount"},
    {"charges[].percentage", "BT-101", kPercentage, kOpt, "",
     "Charge percentage"},
    {"charges[].vat_category", "BT-102", kCode, kOpt, "",
     "VAT category code of the charge (UNCL 5305)"},
    {"charges[].vat_rate", "BT-103", kPercentage, kOpt, "",
     "VAT rate of the charge"},
    {"charges[].reason", "BT-104", kString, kOpt, "", "Charge reason"},
    {"charges[].reason_code", "BT-105", kCode, kOpt, "",
     "Charge reason code (UNCL 7161)"},
    {"allowances_charges", "", kObjectArray, kOpt, "",
     "Allowances and charges in one list, for when their order interleaves; "
     "elements take the keys of allowances[] plus is_charge"},
    {"allowances_charges[].is_charge", "", kBoolean, kReq, "",
     "true for a charge (BG-21), false for an allowance (BG-20)"},

    // Totals (BG-22).
    {"totals", "BG-22", kObject, kOpt, "",
     "Document totals; omit them to have `chorus build --compute` fill them"},
    {"totals.line_net_total", "BT-106", kAmount, kOpt, "",
     "Sum of invoice line net amounts"},
    {"totals.allowance_total", "BT-107", kAmount, kOpt, "",
     "Sum of allowances on document level"},
    {"totals.charge_total", "BT-108", kAmount, kOpt, "",
     "Sum of charges on document level"},
    {"totals.tax_exclusive", "BT-109", kAmount, kOpt, "",
     "Invoice total amount without VAT"},
    {"totals.vat_total", "BT-110", kAmount, kOpt, "",
     "Invoice total VAT amount"},
    {"totals.vat_total_accounting", "BT-111", kAmount, kOpt, "",
     "Invoice total VAT amount in accounting currency"},
    {"totals.tax_inclusive", "BT-112", kAmount, kOpt, "",
     "Invoice total amount with VAT"},
    {"totals.prepaid", "BT-113", kAmount, kOpt, "", "Paid amount"},
    {"totals.rounding", "BT-114", kAmount, kOpt, "", "Rounding amount"},
    {"totals.payable", "BT-115", kAmount, kOpt, "",
     "Amount due for payment"},

    // VAT breakdown (BG-23).
    {"vat_breakdown", "BG-23", kObjectArray, kOpt, "",
     "VAT breakdown; `chorus build --compute` fills it, keeping the "
     "exemption reasons given here per category"},
    {"vat_breakdown[].taxable_amount", "BT-116", kAmount, kOpt, "",
     "VAT category taxable amount (computed when omitted)"},
    {"vat_breakdown[].tax_amount", "BT-117", kAmount, kOpt, "",
     "VAT category tax amount (computed when omitted)"},
    {"vat_breakdown[].category", "BT-118", kCode, kReq, "",
     "VAT category code (UNCL 5305: S Z E AE K G O L M)"},
    {"vat_breakdown[].rate", "BT-119", kPercentage, kOpt, "",
     "VAT category rate"},
    {"vat_breakdown[].exemption_reason", "BT-120", kString, kOpt, "",
     "VAT exemption reason text"},
    {"vat_breakdown[].exemption_reason_code", "BT-121", kCode, kOpt, "",
     "VAT exemption reason code (VATEX)"},

    // Supporting documents (BG-24).
    {"supporting_documents", "BG-24", kObjectArray, kOpt, "",
     "Additional supporting documents"},
    {"supporting_documents[].id", "BT-122", kString, kReq, "",
     "Supporting document reference"},
    {"supporting_documents[].description", "BT-123", kString, kOpt, "",
     "Supporting document description"},
    {"supporting_documents[].external_uri", "BT-124", kString, kOpt, "",
     "External document location"},
    {"supporting_documents[].attachment_base64", "BT-125", kString, kOpt, "",
     "Attached document, base64 encoded"},
    {"supporting_documents[].attachment_mime", "BT-125-1", kCode, kOpt, "",
     "Attached document MIME code"},
    {"supporting_documents[].attachment_filename", "BT-125-2", kString, kOpt,
     "", "Attached document filename"},

    // Lines (BG-25..BG-32).
    {"lines", "BG-25", kObjectArray, kReq, "", "Invoice lines"},
    {"lines[].id", "BT-126", kString, kReq, "", "Invoice line identifier"},
    {"lines[].note", "BT-127", kString, kOpt, "", "Invoice line note"},
    {"lines[].object_id", "BT-128", kIdentifier, kOpt, "BT-128-1",
     "Invoice line object identifier"},
    {"lines[].quantity", "BT-129", kQuantity, kReq, "", "Invoiced quantity"},
    {"lines[].unit_code", "BT-130", kCode, kOpt, "",
     "Unit of measure code (UN/ECE Rec 20/21: C62, HUR, DAY, KGM, ...)"},
    {"lines[].net_price", "BT-146", kAmount, kReq, "", "Item net price"},
    {"lines[].gross_price", "BT-148", kAmount, kOpt, "", "Item gross price"},
    {"lines[].price_discount", "BT-147", kAmount, kOpt, "",
     "Item price discount"},
    {"lines[].base_quantity", "BT-149", kQuantity, kOpt, "",
     "Item price base quantity"},
    {"lines[].base_quantity_unit", "BT-150", kCode, kOpt, "",
     "Item price base quantity unit of measure code"},
    {"lines[].vat_category", "BT-151", kCode, kOpt, "",
     "Invoiced item VAT category code (UNCL 5305)"},
    {"lines[].vat_rate", "BT-152", kPercentage, kOpt, "",
     "Invoiced item VAT rate"},
    {"lines[].allowances", "BG-27", kObjectArray, kOpt, "",
     "Invoice line allowances"},
    {"lines[].allowances[].amount", "BT-136", kAmount, kOpt, "",
     "Line allowance amount; may be omitted when percentage is given"},
    {"lines[].allowances[].base_amount", "BT-137", kAmount, kOpt, "",
     "Line allowance base amount"},
    {"lines[].allowances[].percentage", "BT-138", kPercentage, kOpt, "",
     "Line allowance percentage"},
    {"lines[].allowances[].reason", "BT-139", kString, kOpt, "",
     "Line allowance reason"},
    {"lines[].allowances[].reason_code", "BT-140", kCode, kOpt, "",
     "Line allowance reason code (UNCL 5189)"},
    {"lines[].charges", "BG-28", kObjectArray, kOpt, "",
     "Invoice line charges"},
    {"lines[].charges[].amount", "BT-141", kAmount, kOpt, "",
     "Line charge amount; may be omitted when percentage is given"},
    {"lines[].charges[].base_amount", "BT-142", kAmount, kOpt, "",
     "Line charge base amount"},
    {"lines[].charges[].percentage", "BT-143", kPercentage, kOpt, "",
     "Line charge percentage"},
    {"lines[].charges[].reason", "BT-144", kString, kOpt, "",
     "Line charge reason"},
    {"lines[].charges[].reason_code", "BT-145", kCode, kOpt, "",
     "Line charge reason code (UNCL 7161)"},
    {"lines[].allowances_charges", "", kObjectArray, kOpt, "",
     "Line allowances and charges in one list, for when their order "
     "interleaves; elements take the keys of lines[].allowances[] plus "
     "is_charge"},
    {"lines[].allowances_charges[].is_charge", "", kBoolean, kReq, "",
     "true for a charge (BG-28), false for an allowance (BG-27)"},
    {"lines[].net_amount", "BT-131", kAmount, kOpt, "",
     "Invoice line net amount; omit it to have `chorus build --compute` "
     "fill it"},
    {"lines[].period", "BG-26", kObject, kOpt, "", "Invoice line period"},
    {"lines[].period.start", "BT-134", kDate, kOpt, "",
     "Invoice line period start date"},
    {"lines[].period.end", "BT-135", kDate, kOpt, "",
     "Invoice line period end date"},
    {"lines[].order_line_ref", "BT-132", kString, kOpt, "",
     "Referenced purchase order line reference"},
    {"lines[].buyer_accounting_ref", "BT-133", kString, kOpt, "",
     "Invoice line buyer accounting reference"},
    {"lines[].item", "BG-31", kObject, kReq, "", "Item information"},
    {"lines[].item.name", "BT-153", kString, kReq, "", "Item name"},
    {"lines[].item.description", "BT-154", kString, kOpt, "",
     "Item description"},
    {"lines[].item.seller_id", "BT-155", kString, kOpt, "",
     "Item seller's identifier"},
    {"lines[].item.buyer_id", "BT-156", kString, kOpt, "",
     "Item buyer's identifier"},
    {"lines[].item.standard_id", "BT-157", kIdentifier, kOpt, "BT-157-1",
     "Item standard identifier (e.g. GTIN, scheme \"0160\")"},
    {"lines[].item.classifications", "BT-158", kIdentifierArray, kOpt,
     "BT-158-1", "Item classification identifiers (scheme: UNTDID 7143 list "
     "id; scheme_version: BT-158-2)"},
    {"lines[].item.origin_country", "BT-159", kCode, kOpt, "",
     "Item country of origin"},
    {"lines[].item.attributes", "BG-32", kObjectArray, kOpt, "",
     "Item attributes"},
    {"lines[].item.attributes[].name", "BT-160", kString, kReq, "",
     "Item attribute name"},
    {"lines[].item.attributes[].value", "BT-161", kString, kReq, "",
     "Item attribute value"},
};

std::string_view ParentOf(std::string_view path) {
  const size_t dot = path.rfind('.');
  return dot == std::string_view::npos ? std::string_view()
                                       : path.substr(0, dot);
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// Optimal string alignment distance: Levenshtein plus adjacent swaps, the
// typo that plain Levenshtein counts twice.
size_t EditDistance(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  const size_t m = b.size();
  std::vector<std::vector<size_t>> d(n + 1, std::vector<size_t>(m + 1));
  for (size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1,
                          d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

// Names people reach for that no edit distance would map to ours.
constexpr std::pair<std::string_view, std::string_view> kSynonyms[] = {
    {"iban", "account_id"},
    {"bic", "service_provider_id"},
    {"swift", "service_provider_id"},
    {"vat_number", "vat_id"},
    {"tva", "vat_id"},
    {"siret", "ids"},
    {"siren", "legal_registration_id"},
    {"price", "net_price"},
    {"unit_price", "net_price"},
    {"tax_rate", "vat_rate"},
    {"vat", "vat_rate"},
    {"qty", "quantity"},
    {"unit", "unit_code"},
    {"description", "name"},
    {"date", "issue_date"},
    {"invoice_number", "number"},
    {"due", "due_date"},
    {"service_code", "buyer_reference"},
    {"engagement_number", "purchase_order_reference"},
    {"order_reference", "purchase_order_reference"},
    {"zip", "post_code"},
    {"postcode", "post_code"},
    {"postal_code", "post_code"},
    {"street", "line1"},
    {"phone", "telephone"},
    {"mail", "email"},
    {"discount", "price_discount"},
    {"rate", "vat_rate"},
    {"type", "type_code"},
    {"allowance", "allowances"},
    {"charge", "charges"},
    {"line", "lines"},
    {"items", "lines"},
};

}  // namespace

std::span<const KeyInfo> KeyTable() { return kKeys; }

const KeyInfo* FindKey(std::string_view path) {
  for (const KeyInfo& k : kKeys) {
    if (k.path == path) return &k;
  }
  return nullptr;
}

std::vector<const KeyInfo*> ChildKeys(std::string_view parent) {
  std::vector<const KeyInfo*> out;
  for (const KeyInfo& k : kKeys) {
    if (ParentOf(k.path) == parent) out.push_back(&k);
  }
  return out;
}

std::string SuggestKey(std::string_view key,
                       std::span<const std::string_view> allowed) {
  const std::string lower = Lower(key);
  auto is_allowed = [&](std::string_view k) {
    return std::find(allowed.begin(), allowed.end(), k) != allowed.end();
  };
  if (lower != key && is_allowed(lower)) return lower;
  for (const auto& [from, to] : kSynonyms) {
    if (from == lower && is_allowed(to)) return std::string(to);
  }
  std::string best;
  size_t best_distance = 0;
  for (std::string_view candidate : allowed) {
    const size_t d = EditDistance(lower, candidate);
    if (best.empty() || d < best_distance) {
      best = std::string(candidate);
      best_distance = d;
    }
  }
  // Short keys tolerate fewer edits, or "id" would suggest everything.
  const size_t limit = key.size() <= 3 ? 1 : key.size() <= 6 ? 2 : 3;
  return !best.empty() && best_distance <= limit ? best : std::string();
}

std::string_view KeyTypeName(KeyType type) {
  switch (type) {
    case kString: return "string";
    case kCode: return "code (string)";
    case kDate: return "date (\"YYYY-MM-DD\")";
    case kAmount: return "amount (decimal)";
    case kQuantity: return "quantity (decimal)";
    case kPercentage: return "percentage (decimal)";
    case kBoolean: return "boolean";
    case kIdentifier: return "identifier";
    case kObject: return "object";
    case kObjectArray: return "array of objects";
    case kIdentifierArray: return "array of identifiers";
    case kTextOrObjectArray: return "array of strings or objects";
    case kKind: return "string: \"invoice\" or \"credit_note\"";
  }
  return "";
}

}  // namespace chorus::json

namespace chorus {

std::string JsonKeyForTerm(std::string_view term) {
  std::string wanted;
  for (char c : term) {
    if (c == ' ') continue;
    wanted += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (wanted.empty()) return "";
  for (const json::KeyInfo& k : json::KeyTable()) {
    if (k.term == wanted) return std::string(k.path);
    if (k.scheme_term.empty()) continue;
    // Identifier parts live inside the identifier object, one per element
    // for identifier arrays.
    const std::string base =
        std::string(k.path) +
        (k.type == json::KeyType::kIdentifierArray ? "[]" : "");
    if (k.scheme_term == wanted) return base + ".scheme";
    if (wanted == std::string(k.term) + "-2" &&
        k.type == json::KeyType::kIdentifierArray && k.term == "BT-158") {
      return base + ".scheme_version";
    }
  }
  return "";
}

}  // namespace chorus

// The EN 16931-1 semantic model: the hub every syntax reads into and writes
// from. One struct per business group (BG-n), one member per business term
// (BT-n); the comment on each member names the term so reports can cite it.
//
// Conventions
// - The model holds exactly what a document contains, so validation rules can
//   run on it and give the official Schematron's verdicts even on fragments:
//   every term, mandatory or not, is a std::optional (Text, Amount, Date).
//   Absent -> nullopt; element present but empty -> engaged optional holding
//   "" (Text). For Amount, a present but unparsable or empty amount ->
//   nullopt plus a reader diagnostic.
// - Identifiers (Identifier::value) stay plain strings: an identifier exists
//   only if its element does; an empty element reads as Identifier{""}.
// - A group that is the context of official rules is std::optional when its
//   element may be missing in a document, so "the group is absent" and "the
//   group is present with no terms" stay distinct: seller (BG-4, context of
//   BR-CO-26), buyer (BG-7, for symmetry and exact round trips), every postal
//   address (BG-5, BG-8, BG-12, BG-15: contexts of BR-09, BR-11, BR-20, BR-57
//   and the address syntax rules), totals (BG-22: context of BR-12..BR-15,
//   BR-CO-10..BR-CO-16), a line's price (BG-29) and item (BG-31).
// - BT-110 and BT-111 are BG-22 terms, but UBL carries them outside its BG-22
//   element (in cac:TaxTotal), so they are Invoice members: `totals` is then
//   engaged exactly when the syntax's BG-22 element is present.
// - Syntax-only wrappers (CII ExchangedDocument, ...Trade{Agreement,Delivery,
//   Settlement}, UBL cac:Party under a party role) are not modelled; rules on
//   them need the syntax tree.
// - Repeating terms/groups (cardinality 0..n / 1..n) are std::vector.
// - Amounts, quantities, rates and percentages are Decimal, never double.
// - Identifiers carry their scheme (BT-n-1) in Identifier::scheme.
// - Source positions are carried for diagnostics but ignored by ==, so two
//   models read from differently formatted documents compare equal.
#ifndef CHORUS_MODEL_INVOICE_H_
#define CHORUS_MODEL_INVOICE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chorus/model/date.h"
#include "chorus/model/decimal.h"

namespace chorus {

// Where a group came from in its source document. Models read from JSON
// carry the 1-based line; the XML readers carry the byte offset of the
// group's element instead, and the line is worked out only when a
// diagnostic cites it (SourceLine in chorus/format/syntax.h): counting a
// document's lines costs more than reading it, and most groups are never
// cited.
struct SourcePos {
  uint32_t line = 0;    // 1-based; 0 unknown (or not yet counted)
  uint32_t offset = 0;  // byte offset + 1 in the source XML; 0 unknown
  bool operator==(const SourcePos&) const { return true; }  // see file comment
};

using Text = std::optional<std::string>;
using Amount = std::optional<Decimal>;

// An identifier with its optional scheme identifier (the BT-n-1 term) and,
// for BT-158 only, the scheme version (BT-158-2).
struct Identifier {
  std::string value;
  Text scheme;          // BT-n-1: ISO 6523 ICD, EAS code, or UNTDID 7143
  Text scheme_version;  // BT-158-2 only
  bool operator==(const Identifier&) const = default;
};
using OptId = std::optional<Identifier>;

// A document reference: number and optional issue date (BG-3 shape).
struct Address {  // BG-5, BG-8, BG-12, BG-15
  Address() {}  // NOLINT(modernize-use-equals-default): as Item()
  Text line1;              // BT-35 / BT-50 / BT-64 / BT-75
  Text line2;              // BT-36 / BT-51 / BT-65 / BT-76
  Text line3;              // BT-162 / BT-163 / BT-164 / BT-165
  Text city;               // BT-37 / BT-52 / BT-66 / BT-77
  Text post_code;          // BT-38 / BT-53 / BT-67 / BT-78
  Text subdivision;        // BT-39 / BT-54 / BT-68 / BT-79
  Text country;            // BT-40 / BT-55 / BT-69 / BT-80 (ISO 3166-1 alpha-2)
  SourcePos pos;
  bool operator==(const Address&) const = default;
};

struct Contact {  // BG-6, BG-9
  Text name;       // BT-41 / BT-56 contact point
  Text telephone;  // BT-42 / BT-57
  Text email;      // BT-43 / BT-58
  bool operator==(const Contact&) const = default;
};

struct Seller {  // BG-4
  Seller() {}  // NOLINT(modernize-use-equals-default): as Item()
  Text name;                        // BT-27
  Text trading_name;                // BT-28
  std::vector<Identifier> ids;      // BT-29, BT-29-1 (0..n)
  OptId legal_registration_id;      // BT-30, BT-30-1
  Text vat_id;                      // BT-31
  Text tax_registration_id;         // BT-32 (local tax id, scheme "FC")
  Text additional_legal_info;       // BT-33
  OptId electronic_address;         // BT-34, BT-34-1
  std::optional<Address> address;  // BG-5 (1..1)
  std::optional<Contact> contact;   // BG-6
  SourcePos pos;
  // BT-29 is a set: CII's schema orders ram:ID before ram:GlobalID, so the
  // order of `ids` cannot survive every conversion and does not count here.
  bool operator==(const Seller& other) const;
};

struct Buyer {  // BG-7
  Buyer() {}  // NOLINT(modernize-use-equals-default): as Item()
  Text name;                        // BT-44
  Text trading_name;                // BT-45
  OptId id;                         // BT-46, BT-46-1
  OptId legal_registration_id;      // BT-47, BT-47-1
  Text vat_id;                      // BT-48
  OptId electronic_address;         // BT-49, BT-49-1
  std::optional<Address> address;  // BG-8 (1..1)
  std::optional<Contact> contact;   // BG-9
  SourcePos pos;
  bool operator==(const Buyer&) const = default;
};

struct Payee {  // BG-10
  Text name;                      // BT-59
  OptId id;                       // BT-60, BT-60-1
  OptId legal_registration_id;    // BT-61, BT-61-1
  bool operator==(const Payee&) const = default;
};

struct TaxRepresentative {  // BG-11
  Text name;                       // BT-62
  Text vat_id;                     // BT-63
  std::optional<Address> address;  // BG-12 (1..1)
  bool operator==(const TaxRepresentative&) const = default;
};

struct Period {  // BG-14, BG-26
  std::optional<Date> start;  // BT-73 / BT-134
  std::optional<Date> end;    // BT-74 / BT-135
  bool operator==(const Period&) const = default;
};

struct Delivery {  // BG-13
  Text party_name;                  // BT-70 deliver to party name
  OptId location_id;                // BT-71, BT-71-1
  std::optional<Date> actual_date;  // BT-72
  std::optional<Address> address;   // BG-15
  bool operator==(const Delivery&) const = default;
};

struct CreditTransfer {  // BG-17
  Text account_id;            // BT-84 (IBAN or other account id)
  Text account_name;          // BT-85
  Text service_provider_id;   // BT-86 (BIC)
  bool operator==(const CreditTransfer&) const = default;
};

struct PaymentCard {  // BG-18
  Text account_number;         // BT-87 primary account number (last digits only)
  Text holder_name;            // BT-88
  bool operator==(const PaymentCard&) const = default;
};

struct DirectDebit {  // BG-19
  Text mandate_reference;     // BT-89
  Text creditor_id;           // BT-90 bank assigned creditor identifier
  Text debited_account_id;    // BT-91
  bool operator==(const DirectDebit&) const = default;
};

struct PaymentInstructions {  // BG-16
  PaymentInstructions() {}  // NOLINT(modernize-use-equals-default): as Item()
  Text means_code;                            // BT-81 (UNTDID 4461)
  Text means_text;                            // BT-82
  Text remittance_info;                       // BT-83
  std::vector<CreditTransfer> credit_transfers;  // BG-17 (0..n)
  std::optional<PaymentCard> card;            // BG-18
  std::optional<DirectDebit> direct_debit;    // BG-19
  bool operator==(const PaymentInstructions&) const = default;
};

// Document level allowance (BG-20) or charge (BG-21); `is_charge` tells which.
// `indicator_valid` is false when the source's ChargeIndicator is absent or
// not an xs:boolean: is_charge then reads false (with a reader diagnostic),
// but the element is in neither the allowance nor the charge rule contexts
// of the official Schematron (cac:AllowanceCharge[cbc:ChargeIndicator =
// false()] matches neither). Writers omit the indicator then.
struct AllowanceCharge {
  bool is_charge = false;
  Amount amount;             // BT-92 / BT-99
  Amount base_amount;        // BT-93 / BT-100
  Amount percentage;         // BT-94 / BT-101
  Text vat_category;         // BT-95 / BT-102 (UNCL 5305)
  Amount vat_rate;           // BT-96 / BT-103
  Text reason;               // BT-97 / BT-104
  Text reason_code;          // BT-98 / BT-105 (UNCL 5189 / UNCL 7161)
  SourcePos pos;
  bool indicator_valid = true;  // last, so aggregate initialisers can omit it
  bool operator==(const AllowanceCharge&) const = default;
};

struct Totals {  // BG-22
  Totals() {}  // NOLINT(modernize-use-equals-default): as Item()
  Amount line_net_total;         // BT-106 sum of invoice line net amount
  Amount allowance_total;        // BT-107
  Amount charge_total;           // BT-108
  Amount tax_exclusive;          // BT-109 total amount without VAT
  // BT-110 and BT-111 are Invoice::vat_total / vat_total_accounting.
  Amount tax_inclusive;          // BT-112 total amount with VAT
  Amount prepaid;                // BT-113 paid amount
  Amount rounding;               // BT-114 rounding amount
  Amount payable;                // BT-115 amount due for payment
  SourcePos pos;
  bool operator==(const Totals&) const = default;
};

struct VatBreakdown {  // BG-23
  Amount taxable_amount;     // BT-116
  Amount tax_amount;         // BT-117
  Text category;             // BT-118 (UNCL 5305: S Z E AE K G O L M)
  Amount rate;               // BT-119
  Text exemption_reason;     // BT-120
  Text exemption_reason_code;  // BT-121 (VATEX)
  SourcePos pos;
  bool operator==(const VatBreakdown&) const = default;
};

struct SupportingDocument {  // BG-24
  Text id;                        // BT-122
  Text description;               // BT-123
  Text external_uri;              // BT-124
  // BT-125 attached document: base64 text as in the source, so round trips
  // are byte-exact; mime code BT-125-1, file name BT-125-2.
  Text attachment_base64;         // BT-125
  Text attachment_mime;           // BT-125-1
  Text attachment_filename;       // BT-125-2
  bool operator==(const SupportingDocument&) const = default;
};

struct LineAllowanceCharge {  // BG-27 (allowance) / BG-28 (charge)
  bool is_charge = false;
  Amount amount;        // BT-136 / BT-141
  Amount base_amount;   // BT-137 / BT-142
  Amount percentage;    // BT-138 / BT-143
  Text reason;          // BT-139 / BT-144
  Text reason_code;     // BT-140 / BT-145
  SourcePos pos;
  bool indicator_valid = true;  // as in AllowanceCharge
  bool operator==(const LineAllowanceCharge&) const = default;
};

struct PriceDetails {  // BG-29
  Amount net_price;         // BT-146 item net price
  Amount discount;          // BT-147 item price discount
  Amount gross_price;       // BT-148 item gross price
  Amount base_quantity;     // BT-149
  Text base_quantity_unit;  // BT-150 (UN/ECE Rec 20/21)
  bool operator==(const PriceDetails&) const = default;
};

struct ItemAttribute {  // BG-32
  Text name;   // BT-160
  Text value;  // BT-161
  bool operator==(const ItemAttribute&) const = default;
};

struct Item {  // BG-31
  // User-provided on purpose (not "= default"): value-initialization
  // (lines.emplace_back(), item.emplace()) then skips zero-filling the
  // whole struct before the members initialize themselves anyway.
  Item() {}  // NOLINT(modernize-use-equals-default)
  Text name;                                 // BT-153
  Text description;                          // BT-154
  Text seller_id;                            // BT-155
  Text buyer_id;                             // BT-156
  OptId standard_id;                         // BT-157, BT-157-1
  std::vector<Identifier> classifications;   // BT-158, -1 list id, -2 version
  Text origin_country;                       // BT-159
  std::vector<ItemAttribute> attributes;     // BG-32
  bool operator==(const Item&) const = default;
};

struct InvoiceLine {  // BG-25
  InvoiceLine() {}  // NOLINT(modernize-use-equals-default): as Item()
  Text id;                       // BT-126
  Text note;                     // BT-127
  OptId object_id;               // BT-128, BT-128-1
  Amount quantity;               // BT-129
  Text unit_code;                // BT-130 (UN/ECE Rec 20/21)
  Amount net_amount;             // BT-131
  Text order_line_ref;           // BT-132 referenced purchase order line
  Text buyer_accounting_ref;     // BT-133
  std::optional<Period> period;  // BG-26
  std::vector<LineAllowanceCharge> allowances_charges;  // BG-27 / BG-28
  std::optional<PriceDetails> price;  // BG-29
  Text vat_category;             // BT-151 (UNCL 5305)
  Amount vat_rate;               // BT-152
  std::optional<Item> item;      // BG-31
  SourcePos pos;
  bool operator==(const InvoiceLine&) const = default;
};

struct Note {  // BG-1
  Text subject_code;  // BT-21 (UNTDID 4451)
  Text text;         // BT-22
  bool operator==(const Note&) const = default;
};

struct PrecedingInvoice {  // BG-3
  Text number;                     // BT-25
  std::optional<Date> issue_date;  // BT-26
  bool operator==(const PrecedingInvoice&) const = default;
};

enum class DocumentKind {
  kInvoice,     // UBL Invoice / CII with an invoice type code
  kCreditNote,  // UBL CreditNote (type code 381, 396, 81, 83, 532)
};

struct Invoice {  // BG-0
  // The line list starts with the storage a previous invoice of this thread
  // left (see ~Invoice), empty: an InvoiceLine is past glibc's small-block
  // cache, so reading a document would otherwise pay a full malloc and free
  // for its lines.
  Invoice();
  // Gives the line storage back for the next invoice of this thread, when
  // it is small (a few dozen lines).
  ~Invoice();
  Invoice(const Invoice&) = default;
  Invoice(Invoice&&) = default;
  Invoice& operator=(const Invoice&) = default;
  Invoice& operator=(Invoice&&) = default;
  DocumentKind kind = DocumentKind::kInvoice;
  Text number;                              // BT-1
  std::optional<Date> issue_date;           // BT-2
  Text type_code;                           // BT-3 (UNTDID 1001)
  Text currency;                            // BT-5 (ISO 4217)
  Text accounting_currency;                 // BT-6
  std::optional<Date> tax_point_date;       // BT-7
  Text tax_point_date_code;                 // BT-8 (UNTDID 2005 / 2475)
  std::optional<Date> due_date;             // BT-9
  Text buyer_reference;                     // BT-10 (French: service code)
  Text project_reference;                   // BT-11
  Text contract_reference;                  // BT-12
  Text purchase_order_reference;            // BT-13 (French: engagement number)
  Text sales_order_reference;               // BT-14
  Text receiving_advice_reference;          // BT-15
  Text despatch_advice_reference;           // BT-16
  Text tender_reference;                    // BT-17
  OptId invoiced_object_id;                 // BT-18, BT-18-1
  Text buyer_accounting_reference;          // BT-19
  Text payment_terms;                       // BT-20
  std::vector<Note> notes;                  // BG-1
  Text business_process;                    // BT-23 (BG-2)
  Text specification_id;                    // BT-24 (BG-2)
  std::vector<PrecedingInvoice> preceding_invoices;  // BG-3
  std::optional<Seller> seller;             // BG-4
  std::optional<Buyer> buyer;               // BG-7
  std::optional<Payee> payee;               // BG-10
  std::optional<TaxRepresentative> tax_representative;  // BG-11
  std::optional<Delivery> delivery;         // BG-13
  std::optional<Period> invoicing_period;   // BG-14
  std::optional<PaymentInstructions> payment;  // BG-16
  std::vector<AllowanceCharge> allowances_charges;  // BG-20 / BG-21
  std::optional<Totals> totals;             // BG-22
  Amount vat_total;             // BT-110 total VAT amount (invoice currency)
  Amount vat_total_accounting;  // BT-111 in accounting currency (BT-6)
  std::vector<VatBreakdown> vat_breakdown;  // BG-23
  std::vector<SupportingDocument> supporting_documents;  // BG-24
  std::vector<InvoiceLine> lines;           // BG-25
  SourcePos pos;
  bool operator==(const Invoice&) const = default;
};

// The credit note type codes of UNTDID 1001 that EN 16931 allows.
bool IsCreditNoteTypeCode(std::string_view code);

}  // namespace chorus

#endif  // CHORUS_MODEL_INVOICE_H_

// The CII reader's group handlers, one per element of the EN 16931 CII
// binding (CEN/TS 16931-3-3). Split over cii_reader*.cpp by area.
#ifndef CHORUS_FORMAT_CII_READER_IMPL_H_
#define CHORUS_FORMAT_CII_READER_IMPL_H_

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "chorus/format/syntax.h"
#include "chorus/model/invoice.h"
#include "format/cii_read_context.h"

namespace chorus::cii {

// Where a ram:TradePartyType's data goes; null members are not mapped for
// that party role and are reported as unmapped.
struct PartyTarget {
  Text* name = nullptr;          // BT-27 / BT-44 / BT-59 / BT-62 / BT-70
  Text* trading_name = nullptr;  // BT-28 / BT-45
  std::vector<Identifier>* ids = nullptr;     // BT-29
  OptId* id = nullptr;                        // BT-46 / BT-60 / BT-71
  OptId* legal_id = nullptr;                  // BT-30 / BT-47 / BT-61
  Text* vat_id = nullptr;                     // BT-31 / BT-48 / BT-63
  Text* tax_registration_id = nullptr;        // BT-32
  Text* description = nullptr;                // BT-33
  OptId* electronic_address = nullptr;        // BT-34 / BT-49
  std::optional<Address>* address = nullptr;  // BG-5 / BG-8 / BG-12 / BG-15
  std::optional<Contact>* contact = nullptr;  // BG-6 / BG-9
  // Whether `name` is a free text (ReadContext::SetFreeText): not the
  // seller's or the payee's, which BR-17 compares.
  bool free_name = false;
};

// The children of a ram:ReferencedDocumentType, gathered before mapping
// because TypeCode decides what the others mean.
struct RefDocParts {
  std::optional<El> issuer_id, uri, line_id, type_code, name, attachment,
      reference_type, issue_date;
};

// The header summation's ram:TaxTotalAmount elements, in document order,
// mapped once both currencies are known: one or two in an invoice, held
// without an allocation (a third and later ones go to `more`).
class TaxTotalList {
 public:
  void push_back(El e) {
    if (size_ < first_.size()) {
      first_[size_++] = e;
    } else {
      more_.push_back(e);
    }
  }
  template <typename F>
  void ForEach(F&& f) const {
    for (std::size_t i = 0; i < size_; ++i) f(first_[i]);
    for (El e : more_) f(e);
  }

 private:
  std::array<El, 2> first_;
  std::size_t size_ = 0;
  std::vector<El> more_;
};

class Reader {
 public:
  // The document is read through its tree only (XmlDocument::tree()).
  Reader(const XmlDocument& doc, ReadResult& out, const ReadOptions& options)
      : ctx_(doc, doc.tree(), out, options.report_unmapped,
             options.cut_free_text),
        inv_(out.invoice) {}
  void Run();

 private:
  // cii_reader.cpp: document, context, agreement, parties.
  void DocumentContext(El e);
  void ExchangedDocument(El e);
  void Transaction(El e);
  void Agreement(El e);
  void HeaderAdditionalDocument(El e);
  void Party(El e, const PartyTarget& t);
  void TaxRegistration(El e, const PartyTarget& t);
  void ReadAddress(El e, Address& a);
  void ReadContact(El e, Contact& c);
  // Maps the IssuerAssignedID of a referenced document to `field`.
  void IssuerId(El e, Text& field);
  void CollectRefDoc(El e, RefDocParts& parts);
  void ReportLeft(std::initializer_list<std::optional<El>*> parts,
                  std::string_view reason = kNotEn);

  // cii_reader_settlement.cpp: delivery and settlement.
  void Delivery(El e);
  void Settlement(El e);
  void PaymentMeans(El e);
  void VatBreakdownOf(El e);
  void AllowanceChargeOf(El e);
  void PaymentTerms(El e);
  void Summation(El e, TaxTotalList& tax_totals);
  void TaxTotals(const TaxTotalList& tax_totals);
  void PrecedingInvoice(El e);
  void ReadPeriod(El e, Period& p);
  // Reads a ram:TypeCode of a tax; anything but VAT is reported unmapped.
  void TaxTypeCode(El e);
  PaymentInstructions& Payment();
  DirectDebit& Debit();

  // cii_reader_line.cpp: invoice lines.
  void Line(El e);
  void LineDocument(El e, InvoiceLine& l);
  void Product(El e, Item& item);
  void LineAgreement(El e, InvoiceLine& l);
  void GrossPrice(El e, PriceDetails& p, std::optional<El>& basis);
  void NetPrice(El e, PriceDetails& p, bool& seen, bool& basis_seen);
  void LineSettlement(El e, InvoiceLine& l);
  void LineAllowanceChargeOf(El e, InvoiceLine& l);
  void LineObject(El e, InvoiceLine& l);
  void BasisQuantity(El e, PriceDetails& p);

  ReadContext ctx_;
  Invoice& inv_;
  bool means_code_seen_ = false;
  bool means_text_seen_ = false;
};

}  // namespace chorus::cii

#endif  // CHORUS_FORMAT_CII_READER_IMPL_H_

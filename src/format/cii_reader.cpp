// ReadCii: the document, its context, the header trade agreement and the
// trade parties. Settlement and lines are in cii_reader_settlement.cpp and
// cii_reader_line.cpp.
#include "chorus/format/syntax.h"
#include "format/cii_reader_impl.h"

namespace chorus {

ReadResult ReadCii(const XmlDocument& doc) {
  return ReadCii(doc, ReadOptions{});
}

ReadResult ReadCii(const XmlDocument& doc, const ReadOptions& options) {
  ReadResult out;
  cii::Reader(doc, out, options).Run();
  return out;
}

namespace cii {

void Reader::Run() {
  El root = ctx_.Root();
  if (!root.Is(Ns::kRsm, "CrossIndustryInvoice")) {
    ctx_.Diag(root, "the root element is not rsm:CrossIndustryInvoice",
              Severity::kError);
    return;
  }
  inv_.pos = ctx_.Pos(root);
  bool context = false, document = false, transaction = false;
  ctx_.Children(root, [&](El k) {
    if (k.ns() != Ns::kRsm) return false;
    if (k.local == "ExchangedDocumentContext") {
      if (ctx_.Once(context, k)) DocumentContext(k);
      return true;
    }
    if (k.local == "ExchangedDocument") {
      if (ctx_.Once(document, k)) ExchangedDocument(k);
      return true;
    }
    if (k.local == "SupplyChainTradeTransaction") {
      if (ctx_.Once(transaction, k)) Transaction(k);
      return true;
    }
    return false;
  });
  inv_.kind = IsCreditNoteTypeCode(xml::ViewOr(inv_.type_code))
                  ? DocumentKind::kCreditNote
                  : DocumentKind::kInvoice;
}

void Reader::DocumentContext(El e) {
  ctx_.Children(e, [&](El k) {
    if (k.Ram("BusinessProcessSpecifiedDocumentContextParameter")) {
      ctx_.Children(k, [&](El p) {  // BT-23
        if (!p.Ram("ID")) return false;
        ctx_.SetFreeText(inv_.business_process, p);
        return true;
      });
      return true;
    }
    if (k.Ram("GuidelineSpecifiedDocumentContextParameter")) {
      ctx_.Children(k, [&](El p) {  // BT-24
        if (!p.Ram("ID")) return false;
        ctx_.SetFreeText(inv_.specification_id, p);
        return true;
      });
      return true;
    }
    return false;
  });
}

void Reader::ExchangedDocument(El e) {
  ctx_.Children(e, [&](El k) {
    if (!k.InRam()) return false;
    if (k.local == "ID") {  // BT-1
      ctx_.SetText(inv_.number, k);
    } else if (k.local == "TypeCode") {  // BT-3
      ctx_.SetText(inv_.type_code, k);
    } else if (k.local == "IssueDateTime") {  // BT-2
      ctx_.SetDate(inv_.issue_date, k, "BT-2");
    } else if (k.local == "IncludedNote") {  // BG-1
      Note& note = inv_.notes.emplace_back();
      ctx_.Children(k, [&](El n) {
        if (n.Ram("Content")) {  // BT-22
          ctx_.SetFreeText(note.text, n);
          return true;
        }
        if (n.Ram("SubjectCode")) {  // BT-21
          ctx_.SetText(note.subject_code, n);
          return true;
        }
        return false;
      });
    } else {
      return false;
    }
    return true;
  });
}

void Reader::Transaction(El e) {
  // Lines are large: size the vector once instead of moving them on growth.
  inv_.lines.reserve(ctx_.ChildCount(e));
  bool agreement = false, delivery = false, settlement = false;
  ctx_.Children(e, [&](El k) {
    if (!k.InRam()) return false;
    if (k.local == "IncludedSupplyChainTradeLineItem") {
      Line(k);
    } else if (k.local == "ApplicableHeaderTradeAgreement") {
      if (ctx_.Once(agreement, k)) Agreement(k);
    } else if (k.local == "ApplicableHeaderTradeDelivery") {
      if (ctx_.Once(delivery, k)) Delivery(k);
    } else if (k.local == "ApplicableHeaderTradeSettlement") {
      if (ctx_.Once(settlement, k)) Settlement(k);
    } else {
      return false;
    }
    return true;
  });
}

void Reader::Agreement(El e) {
  bool seller = false, buyer = false;
  ctx_.Children(e, [&](El k) {
    if (!k.InRam()) return false;
    if (k.local == "BuyerReference") {  // BT-10
      ctx_.SetText(inv_.buyer_reference, k);
    } else if (k.local == "SellerTradeParty") {  // BG-4
      if (!ctx_.Once(seller, k)) return true;
      Seller& s = inv_.seller.emplace();
      s.pos = ctx_.Pos(k);
      PartyTarget t;
      t.name = &s.name;
      t.trading_name = &s.trading_name;
      t.ids = &s.ids;
      t.legal_id = &s.legal_registration_id;
      t.vat_id = &s.vat_id;
      t.tax_registration_id = &s.tax_registration_id;
      t.description = &s.additional_legal_info;
      t.electronic_address = &s.electronic_address;
      t.address = &s.address;
      t.contact = &s.contact;
      Party(k, t);
    } else if (k.local == "BuyerTradeParty") {  // BG-7
      if (!ctx_.Once(buyer, k)) return true;
      Buyer& b = inv_.buyer.emplace();
      b.pos = ctx_.Pos(k);
      PartyTarget t;
      t.name = &b.name;
      t.free_name = true;
      t.trading_name = &b.trading_name;
      t.id = &b.id;
      t.legal_id = &b.legal_registration_id;
      t.vat_id = &b.vat_id;
      t.electronic_address = &b.electronic_address;
      t.address = &b.address;
      t.contact = &b.contact;
      Party(k, t);
    } else if (k.local == "SellerTaxRepresentativeTradeParty") {  // BG-11
      if (inv_.tax_representative) {
        ctx_.Unmapped(k, kRepeated);
        return true;
      }
      TaxRepresentative& r = inv_.tax_representative.emplace();
      PartyTarget t;
      t.name = &r.name;
      t.free_name = true;
      t.vat_id = &r.vat_id;
      t.address = &r.address;
      Party(k, t);
    } else if (k.local == "SellerOrderReferencedDocument") {  // BT-14
      IssuerId(k, inv_.sales_order_reference);
    } else if (k.local == "BuyerOrderReferencedDocument") {  // BT-13
      IssuerId(k, inv_.purchase_order_reference);
    } else if (k.local == "ContractReferencedDocument") {  // BT-12
      IssuerId(k, inv_.contract_reference);
    } else if (k.local == "AdditionalReferencedDocument") {
      HeaderAdditionalDocument(k);
    } else if (k.local == "SpecifiedProcuringProject") {  // BT-11
      ctx_.Children(k, [&](El p) {
        if (p.Ram("ID")) {
          ctx_.SetText(inv_.project_reference, p);
          return true;
        }
        // The XSD requires a Name; EN 16931 gives it no term.
        if (p.Ram("Name")) {
          ctx_.View(p, {});
          return true;
        }
        return false;
      });
    } else {
      return false;
    }
    return true;
  });
}

void Reader::CollectRefDoc(El e, RefDocParts& parts) {
  ctx_.Children(e, [&](El k) {
    if (!k.InRam()) return false;
    std::optional<El>* slot = nullptr;
    if (k.local == "IssuerAssignedID") {
      slot = &parts.issuer_id;
    } else if (k.local == "URIID") {
      slot = &parts.uri;
    } else if (k.local == "LineID") {
      slot = &parts.line_id;
    } else if (k.local == "TypeCode") {
      slot = &parts.type_code;
    } else if (k.local == "Name") {
      slot = &parts.name;
    } else if (k.local == "AttachmentBinaryObject") {
      slot = &parts.attachment;
    } else if (k.local == "ReferenceTypeCode") {
      slot = &parts.reference_type;
    } else if (k.local == "FormattedIssueDateTime") {
      slot = &parts.issue_date;
    } else {
      return false;
    }
    if (*slot) {
      ctx_.Unmapped(k, kRepeated);
    } else {
      *slot = k;
    }
    return true;
  });
}

void Reader::ReportLeft(std::initializer_list<std::optional<El>*> parts,
                        std::string_view reason) {
  for (std::optional<El>* p : parts) {
    if (*p) ctx_.Unmapped(**p, reason);
  }
}

void Reader::HeaderAdditionalDocument(El e) {
  RefDocParts p;
  CollectRefDoc(e, p);
  std::string_view type =
      p.type_code ? ctx_.View(*p.type_code, {}) : std::string_view();
  // Without a TypeCode the official rules (BR-52) treat the document as a
  // supporting document, and so does the reader.
  if (type == "916" || !p.type_code) {  // BG-24
    SupportingDocument& d = inv_.supporting_documents.emplace_back();
    if (p.issuer_id) {  // BT-122
      xml::EmplaceText(d.id, ctx_.View(*p.issuer_id, {}));
    }
    if (p.name) ctx_.SetFreeText(d.description, *p.name);  // BT-123
    if (p.uri) ctx_.SetFreeText(d.external_uri, *p.uri);   // BT-124
    if (p.attachment) {                                    // BT-125
      // The content, often the bulk of the document, is a free text: no
      // rule reads it beyond its presence.
      El a = *p.attachment;
      AttrValue attrs[2];
      xml::EmplaceText(
          d.attachment_base64,
          ctx_.FreeText(ctx_.View(a, {"mimeCode", "filename"}, attrs)));
      if (attrs[0].present) d.attachment_mime.emplace(attrs[0].value);
      if (attrs[1].present) d.attachment_filename.emplace(attrs[1].value);
    }
    ReportLeft({&p.line_id, &p.reference_type, &p.issue_date});
  } else if (type == "50" && !inv_.tender_reference) {  // BT-17
    xml::EmplaceText(inv_.tender_reference,
                     p.issuer_id ? ctx_.View(*p.issuer_id, {}) : "");
    ReportLeft({&p.uri, &p.line_id, &p.name, &p.attachment, &p.reference_type,
                &p.issue_date});
  } else if (type == "130" && !inv_.invoiced_object_id) {  // BT-18
    Identifier& id = inv_.invoiced_object_id.emplace();    // in place
    if (p.issuer_id) xml::AssignText(id.value, ctx_.View(*p.issuer_id, {}));
    if (p.reference_type) {  // BT-18-1
      xml::EmplaceText(id.scheme, ctx_.View(*p.reference_type, {}));
    }
    ReportLeft({&p.uri, &p.line_id, &p.name, &p.attachment, &p.issue_date});
  } else {
    bool repeat = type == "50" || type == "130";
    ReportLeft({&p.issuer_id, &p.uri, &p.line_id, &p.type_code, &p.name,
                &p.attachment, &p.reference_type, &p.issue_date},
               repeat ? kRepeated : kNotEn);
  }
}

void Reader::IssuerId(El e, Text& field) {
  ctx_.Children(e, [&](El k) {
    if (!k.Ram("IssuerAssignedID")) return false;
    ctx_.SetText(field, k);
    return true;
  });
}

void Reader::Party(El e, const PartyTarget& t) {
  ctx_.Children(e, [&](El k) {
    if (!k.InRam()) return false;
    if (k.local == "ID" || k.local == "GlobalID") {  // BT-29/46/60/71
      if (t.ids) {
        ctx_.IdInto(t.ids->emplace_back(), k, "schemeID");
      } else if (t.id) {
        ctx_.SetId(*t.id, k, "schemeID");
      } else {
        return false;
      }
    } else if (k.local == "Name") {
      if (!t.name) return false;
      if (t.free_name) {
        ctx_.SetFreeText(*t.name, k);
      } else {
        ctx_.SetText(*t.name, k);
      }
    } else if (k.local == "Description") {  // BT-33
      if (!t.description) return false;
      ctx_.SetFreeText(*t.description, k);
    } else if (k.local == "SpecifiedLegalOrganization") {
      if (!t.legal_id && !t.trading_name) return false;
      ctx_.Children(k, [&](El o) {
        if (o.Ram("ID") && t.legal_id) {  // BT-30/47/61
          ctx_.SetId(*t.legal_id, o, "schemeID");
          return true;
        }
        if (o.Ram("TradingBusinessName") && t.trading_name) {  // BT-28/45
          ctx_.SetText(*t.trading_name, o);
          return true;
        }
        return false;
      });
    } else if (k.local == "DefinedTradeContact") {  // BG-6/9
      if (!t.contact) return false;
      if (*t.contact) {
        ctx_.Unmapped(k, kRepeated);
      } else {
        ReadContact(k, t.contact->emplace());
      }
    } else if (k.local == "PostalTradeAddress") {
      if (!t.address) return false;
      if (*t.address) {
        ctx_.Unmapped(k, kRepeated);
      } else {
        ReadAddress(k, t.address->emplace());
      }
    } else if (k.local == "URIUniversalCommunication") {  // BT-34/49
      if (!t.electronic_address) return false;
      ctx_.Children(k, [&](El u) {
        if (!u.Ram("URIID")) return false;
        ctx_.SetId(*t.electronic_address, u, "schemeID");
        return true;
      });
    } else if (k.local == "SpecifiedTaxRegistration") {
      if (!t.vat_id) return false;
      TaxRegistration(k, t);
    } else {
      return false;
    }
    return true;
  });
}

void Reader::TaxRegistration(El e, const PartyTarget& t) {
  ctx_.Children(e, [&](El k) {
    if (!k.Ram("ID")) return false;
    std::string_view scheme = ctx_.PeekAttr(k, "schemeID");
    if (scheme == "VA") {  // BT-31/48/63
      if (t.vat_id && !*t.vat_id) {
        xml::EmplaceText(*t.vat_id, ctx_.View(k, {"schemeID"}));
      } else {
        ctx_.Unmapped(k, kRepeated);
      }
      return true;
    }
    if (scheme == "FC" && t.tax_registration_id) {  // BT-32
      if (*t.tax_registration_id) {
        ctx_.Unmapped(k, kRepeated);
      } else {
        xml::EmplaceText(*t.tax_registration_id, ctx_.View(k, {"schemeID"}));
      }
      return true;
    }
    return false;
  });
}

void Reader::ReadAddress(El e, Address& a) {
  a.pos = ctx_.Pos(e);
  ctx_.Children(e, [&](El k) {
    if (!k.InRam()) return false;
    if (k.local == "PostcodeCode") {
      ctx_.SetText(a.post_code, k);
    } else if (k.local == "LineOne") {
      ctx_.SetFreeText(a.line1, k);
    } else if (k.local == "LineTwo") {
      ctx_.SetFreeText(a.line2, k);
    } else if (k.local == "LineThree") {
      ctx_.SetFreeText(a.line3, k);
    } else if (k.local == "CityName") {
      ctx_.SetFreeText(a.city, k);
    } else if (k.local == "CountryID") {
      ctx_.SetText(a.country, k);
    } else if (k.local == "CountrySubDivisionName") {
      ctx_.SetText(a.subdivision, k);
    } else {
      return false;
    }
    return true;
  });
}

void Reader::ReadContact(El e, Contact& c) {
  ctx_.Children(e, [&](El k) {
    if (!k.InRam()) return false;
    if (k.local == "PersonName" || k.local == "DepartmentName") {  // BT-41/56
      ctx_.SetFreeText(c.name, k);
    } else if (k.local == "TelephoneUniversalCommunication") {  // BT-42/57
      ctx_.Children(k, [&](El u) {
        if (!u.Ram("CompleteNumber")) return false;
        ctx_.SetFreeText(c.telephone, u);
        return true;
      });
    } else if (k.local == "EmailURIUniversalCommunication") {  // BT-43/58
      ctx_.Children(k, [&](El u) {
        if (!u.Ram("URIID")) return false;
        ctx_.SetFreeText(c.email, u);
        return true;
      });
    } else {
      return false;
    }
    return true;
  });
}

}  // namespace cii
}  // namespace chorus

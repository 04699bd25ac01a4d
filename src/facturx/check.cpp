// CheckPdf and ExtractXml: reading a Factur-X back and checking its PDF side.

#include "facturx/pdf_internal.h"
#include "facturx/xmp_internal.h"

namespace chorus::facturx {
namespace {

using internal::Attachment;

std::string ObjectLocation(int object) {
  return object ? "PDF object " + std::to_string(object) : "PDF";
}

class Checker {
 public:
  explicit Checker(PdfReport* report) : r_(report) {}

  void Add(const char* rule, std::string message, std::string location) {
    const RuleInfo* info = FindPdfRule(rule);
    Severity s = info ? info->flag : Severity::kFatal;
    r_->diagnostics.push_back(
        {rule, s, std::move(message), std::move(location)});
  }
  void Fail(const char* rule, Severity s, std::string message) {
    r_->diagnostics.push_back({rule, s, std::move(message), "PDF"});
    r_->unreadable = true;
  }

  // Picks the invoice attachment and reads it.
  const Attachment* Attachments(const std::vector<Attachment>& all) {
    std::size_t xml_count = 0;
    for (const auto& a : all) xml_count += internal::IsXmlAttachment(a) ? 1 : 0;
    bool legacy = false;
    const Attachment* chosen = internal::FindInvoiceAttachment(all, &legacy);
    if (!chosen) {
      for (const auto& a : all) {
        if (internal::IsXmlAttachment(a)) {
          chosen = &a;
          break;
        }
      }
      if (!chosen) {
        Add("FX-PDF-04",
            all.empty()
                ? "the PDF has no embedded file at all: it is not a Factur-X"
                : "the PDF has " + std::to_string(all.size()) +
                      " embedded file(s) but no XML one",
            "PDF");
        return nullptr;
      }
      Add("FX-PDF-05",
          "the embedded XML is named \"" + chosen->name +
              "\", not factur-x.xml",
          ObjectLocation(chosen->object));
    } else if (legacy) {
      Add("FX-PDF-06", "the embedded XML is named \"" + chosen->name + "\"",
          ObjectLocation(chosen->object));
    }
    if (xml_count > 1) {
      std::string names;
      for (const auto& a : all) {
        if (internal::IsXmlAttachment(a))
          names += (names.empty() ? "" : ", ") + a.name;
      }
      Add("FX-PDF-07",
          std::to_string(xml_count) + " embedded XML files (" + names + ")",
          "PDF");
    }
    return chosen;
  }

  void Content(const Attachment& attachment) {
    Attachment a = attachment;
    auto bytes = internal::ReadStream(a.stream);
    if (!bytes) {
      Add("FX-PDF-02", bytes.error().message, ObjectLocation(a.object));
      return;
    }
    r_->xml = std::move(*bytes);
    r_->xml_name = a.name;
    facts_ = internal::InspectXml(*r_->xml);
    const std::string where = a.name;
    switch (facts_.root) {
      case internal::XmlFacts::Root::kUbl:
        Add("FX-PDF-08", where + " is a UBL invoice, not a CII", where);
        break;
      case internal::XmlFacts::Root::kNotXml:
        Add("FX-PDF-09", where + " is not well-formed XML", where);
        break;
      case internal::XmlFacts::Root::kOther:
        Add("FX-PDF-09", where + " is not a CrossIndustryInvoice", where);
        break;
      case internal::XmlFacts::Root::kCii:
        if (!facts_.profile) {
          Add("FX-PDF-09",
              "BT-24 \"" + facts_.specification_id +
                  "\" names no Factur-X profile",
              where);
        }
        break;
    }
  }

  void FileSpec(const Attachment& attachment) {
    Attachment a = attachment;  // qpdf's accessors are not const
    const std::string at = ObjectLocation(a.object);
    QPDFObjectHandle rel = a.filespec.getKey("/AFRelationship");
    if (!rel.isName()) {
      Add("FX-PDF-10",
          "the file specification of " + a.name + " has no /AFRelationship",
          at);
    } else {
      auto parsed = ParseRelationship(rel.getName());
      if (!parsed) {
        Add("FX-PDF-11", "/AFRelationship is " + rel.getName(), at);
      } else if (*parsed == Relationship::kAlternative && facts_.profile &&
                 !IsFullInvoice(*facts_.profile)) {
        Add("FX-PDF-12",
            std::string("/AFRelationship is /Alternative for profile ") +
                ConformanceLevel(*facts_.profile),
            at);
      }
    }
    if (!a.filespec.getKey("/F").isString() ||
        !a.filespec.getKey("/UF").isString()) {
      Add("FX-PDF-13",
          "the file specification of " + a.name + " lacks /F or /UF", at);
    }
    if (!a.stream.isStream()) return;
    QPDFEFStreamObjectHelper ef(a.stream);
    const std::string stream_at = ObjectLocation(a.stream.getObjectID());
    if (ef.getSubtype() != "text/xml") {
      Add("FX-PDF-14",
          "/Subtype of the embedded file is \"" + ef.getSubtype() +
              "\", not text/xml",
          stream_at);
    }
    if (ef.getModDate().empty()) {
      Add("FX-PDF-14", "the embedded file has no /Params /ModDate", stream_at);
    }
    if (!r_->xml) return;
    const std::string& xml = *r_->xml;
    if (a.stream.getDict().getKey("/Params").getKey("/Size").isInteger() &&
        ef.getSize() != xml.size()) {
      Add("FX-PDF-15",
          "/Params /Size is " + std::to_string(ef.getSize()) +
              " but the file has " + std::to_string(xml.size()) + " bytes",
          stream_at);
    }
    std::string sum = ef.getChecksum();
    if (!sum.empty()) {
      std::string digest = internal::Md5(xml);
      // Some writers store the MD5 as 32 hex digits instead of 16 bytes.
      bool matches = sum == digest || sum == QUtil::hex_encode(digest);
      if (!matches)
        Add("FX-PDF-15", "/Params /CheckSum is not the MD5 of the file",
            stream_at);
    }
  }

  void Catalog(QPDF& qpdf, const Attachment& attachment) {
    Attachment a = attachment;
    QPDFObjectHandle root = qpdf.getRoot();
    QPDFObjectHandle af = root.getKey("/AF");
    bool listed = false;
    if (af.isArray()) {
      for (auto& item : af.aitems()) {
        listed |= a.filespec.isIndirect() && item.isIndirect() &&
                  item.getObjGen() == a.filespec.getObjGen();
      }
    }
    if (!listed) {
      Add("FX-PDF-16",
          af.isArray() ? "the catalog's /AF does not list " + a.name
                       : std::string("the catalog has no /AF array"),
          "PDF catalog");
    }
  }

  void Metadata(QPDF& qpdf, const Attachment* a) {
    QPDFObjectHandle meta = qpdf.getRoot().getKey("/Metadata");
    internal::XmpFacts xmp;
    if (meta.isStream()) {
      auto bytes = internal::ReadStream(meta);
      if (bytes) xmp = internal::ReadXmp(*bytes);
    }
    const char* at = "XMP metadata";
    if (!xmp.parsed) {
      Add("FX-PDF-17",
          meta.isStream() ? "the XMP metadata stream is not well-formed XML"
                          : "the catalog has no /Metadata stream",
          "PDF catalog");
      return;
    }
    if (xmp.pdfa_part != "3" || !xmp.pdfa_conformance) {
      Add("FX-PDF-18",
          "pdfaid:part is " + xmp.pdfa_part.value_or("absent") +
              ", pdfaid:conformance " + xmp.pdfa_conformance.value_or("absent"),
          at);
    }
    if (!xmp.fx_schema_described) {
      Add("FX-PDF-19",
          "no pdfaExtension schema has namespaceURI " +
              std::string(internal::kFxNamespace),
          at);
    }
    std::string missing;
    auto need = [&](const std::optional<std::string>& v, const char* name) {
      if (!v || v->empty())
        missing += (missing.empty() ? "" : ", ") + std::string(name);
    };
    need(xmp.fx_document_type, "fx:DocumentType");
    need(xmp.fx_document_file_name, "fx:DocumentFileName");
    need(xmp.fx_version, "fx:Version");
    need(xmp.fx_conformance_level, "fx:ConformanceLevel");
    if (!missing.empty()) Add("FX-PDF-20", "missing: " + missing, at);
    if (xmp.fx_conformance_level) {
      r_->declared_profile = ParseProfile(*xmp.fx_conformance_level);
      if (facts_.profile && r_->declared_profile != facts_.profile) {
        Add("FX-PDF-21",
            "fx:ConformanceLevel is \"" + *xmp.fx_conformance_level +
                "\" but BT-24 \"" + facts_.specification_id + "\" names " +
                ConformanceLevel(*facts_.profile),
            at);
      }
    }
    if (xmp.fx_document_type && *xmp.fx_document_type != "INVOICE") {
      Add("FX-PDF-22", "fx:DocumentType is \"" + *xmp.fx_document_type + "\"",
          at);
    }
    if (a && xmp.fx_document_file_name &&
        *xmp.fx_document_file_name != a->name) {
      Add("FX-PDF-22",
          "fx:DocumentFileName is \"" + *xmp.fx_document_file_name +
              "\" but the attachment is \"" + a->name + "\"",
          at);
    }
    if (xmp.fx_version && *xmp.fx_version != "1.0") {
      Add("FX-PDF-22", "fx:Version is \"" + *xmp.fx_version + "\"", at);
    }
  }

  void Fonts(QPDF& qpdf) {
    for (const auto& font : internal::FindUnembeddedFonts(qpdf)) {
      Add("FX-PDF-23", "font " + font.name + " is not embedded",
          ObjectLocation(font.object));
    }
  }

  void OutputIntent(QPDF& qpdf) {
    QPDFObjectHandle intents = qpdf.getRoot().getKey("/OutputIntents");
    if (intents.isArray()) {
      for (auto& intent : intents.aitems()) {
        if (intent.isDictionary() &&
            intent.getKey("/S").isNameAndEquals("/GTS_PDFA1") &&
            intent.getKey("/DestOutputProfile").isStream()) {
          return;
        }
      }
    }
    Add("FX-PDF-24", "no /GTS_PDFA1 OutputIntent with a /DestOutputProfile",
        "PDF catalog");
  }

 private:
  PdfReport* r_;
  internal::XmlFacts facts_;
};

}  // namespace

PdfReport CheckPdf(std::string_view bytes, const std::string& name) {
  (void)name;
  PdfReport report;
  Checker check(&report);
  auto opened = internal::OpenPdf(bytes);
  if (!opened) {
    const auto& failure = opened.error();
    switch (failure.kind) {
      case internal::OpenFailure::Kind::kNotPdf:
        check.Fail("FX-PDF-01", Severity::kError, failure.message);
        break;
      case internal::OpenFailure::Kind::kEncrypted:
        check.Fail("FX-PDF-03", Severity::kFatal, failure.message);
        break;
      case internal::OpenFailure::Kind::kUnreadable:
        check.Fail("FX-PDF-02", Severity::kError,
                   "unreadable PDF: " + failure.message);
        break;
    }
    return report;
  }
  internal::Pdf& pdf = *opened;
  if (pdf.encrypted) {
    check.Fail("FX-PDF-03", Severity::kFatal,
               "the PDF is encrypted (it opens without a password, but PDF/A "
               "forbids encryption)");
    return report;
  }
  if (!pdf.damage.empty()) {
    check.Add("FX-PDF-02", "qpdf had to repair the file: " + pdf.damage, "PDF");
  }
  try {
    QPDF& qpdf = *pdf.qpdf;
    std::vector<Attachment> all = internal::ListAttachments(qpdf);
    const Attachment* a = check.Attachments(all);
    if (a) {
      check.Content(*a);
      check.FileSpec(*a);
      check.Catalog(qpdf, *a);
    }
    check.Metadata(qpdf, a);
    check.Fonts(qpdf);
    check.OutputIntent(qpdf);
  } catch (const std::exception& e) {
    check.Add("FX-PDF-02", std::string("the PDF is damaged: ") + e.what(),
              "PDF");
  }
  return report;
}

Result<std::string> ExtractXml(std::string_view bytes,
                               const std::string& name) {
  auto opened = internal::OpenPdf(bytes);
  if (!opened) {
    const auto& failure = opened.error();
    if (failure.kind == internal::OpenFailure::Kind::kEncrypted) {
      return MakeError(Error::Kind::kInvalidInput,
                       name + ": " + failure.message);
    }
    return MakeError(Error::Kind::kUsage, name + ": " + failure.message);
  }
  if (opened->encrypted) {
    return MakeError(Error::Kind::kInvalidInput,
                     name + ": encrypted PDF (PDF/A forbids encryption)");
  }
  try {
    std::vector<Attachment> all = internal::ListAttachments(*opened->qpdf);
    bool legacy = false;
    const Attachment* a = internal::FindInvoiceAttachment(all, &legacy);
    if (!a) {
      return MakeError(
          Error::Kind::kInvalidInput,
          name + ": no factur-x.xml attachment (not a Factur-X PDF)");
    }
    auto xml = internal::ReadStream(a->stream);
    if (!xml)
      return MakeError(Error::Kind::kInvalidInput,
                       name + ": " + xml.error().message);
    return std::move(*xml);
  } catch (const std::exception& e) {
    return MakeError(Error::Kind::kUsage, name + ": damaged PDF: " + e.what());
  }
}

}  // namespace chorus::facturx

// Making a PDF a Factur-X: the attachment, the catalog entries, the XMP, the
// OutputIntent, then a PDF 1.7 written with a document /ID (libqpdf).

#include <algorithm>

#include "facturx/embed_internal.h"
#include "facturx/pdf_internal.h"
#include "facturx/xmp_internal.h"

namespace chorus::facturx {
namespace {

using internal::Pdf;

Error Invalid(std::string message) {
  return MakeError(Error::Kind::kInvalidInput, std::move(message));
}

// Checks the XML and settles the profile: BT-24 decides, --profile must agree.
Result<Profile> SettleProfile(std::string_view xml,
                              const EmbedOptions& options) {
  internal::XmlFacts facts = internal::InspectXml(xml);
  switch (facts.root) {
    case internal::XmlFacts::Root::kNotXml:
      return Invalid("the XML is not well-formed");
    case internal::XmlFacts::Root::kUbl:
      return Invalid(
          "the XML is a UBL invoice; Factur-X carries a UN/CEFACT CII "
          "(convert it first: chorus convert IN --to cii)");
    case internal::XmlFacts::Root::kOther:
      return Invalid(
          "the XML is not a CII invoice (its root is not "
          "rsm:CrossIndustryInvoice)");
    case internal::XmlFacts::Root::kCii:
      break;
  }
  if (!facts.profile) {
    return Invalid(
        "the XML's BT-24 (GuidelineSpecifiedDocumentContextParameter/ID) is "
        "\"" +
        facts.specification_id +
        "\", which names no Factur-X profile (expected e.g. " +
        SpecificationId(Profile::kEn16931) + ")");
  }
  if (options.profile && *options.profile != *facts.profile) {
    return MakeError(
        Error::Kind::kUsage,
        std::string("--profile ") + ConformanceLevel(*options.profile) +
            " disagrees with the XML, whose BT-24 \"" + facts.specification_id +
            "\" names profile " + ConformanceLevel(*facts.profile) +
            ": drop --profile or fix BT-24");
  }
  return *facts.profile;
}

// Drops earlier invoice attachments so the result carries exactly one.
bool RemoveOldInvoiceXml(QPDF& qpdf) {
  QPDFEmbeddedFileDocumentHelper files(qpdf);
  bool removed = false;
  std::vector<QPDFObjGen> gone;
  for (const auto& [name, spec] : files.getEmbeddedFiles()) {
    if (name == kXmlFileName || internal::IsLegacyName(name)) {
      if (spec->getObjectHandle().isIndirect())
        gone.push_back(spec->getObjectHandle().getObjGen());
      files.removeEmbeddedFile(name);
      removed = true;
    }
  }
  QPDFObjectHandle af = qpdf.getRoot().getKey("/AF");
  if (af.isArray()) {
    for (int i = af.getArrayNItems() - 1; i >= 0; --i) {
      QPDFObjectHandle item = af.getArrayItem(i);
      if (item.isIndirect() &&
          std::find(gone.begin(), gone.end(), item.getObjGen()) != gone.end()) {
        af.eraseItem(i);
      }
    }
  }
  return removed;
}

void AddOutputIntent(QPDF& qpdf) {
  QPDFObjectHandle root = qpdf.getRoot();
  QPDFObjectHandle intents = root.getKey("/OutputIntents");
  if (intents.isArray()) {
    for (auto& intent : intents.aitems()) {
      if (intent.isDictionary() &&
          intent.getKey("/S").isNameAndEquals("/GTS_PDFA1"))
        return;
    }
  } else {
    intents = QPDFObjectHandle::newArray();
    root.replaceKey("/OutputIntents", intents);
  }
  QPDFObjectHandle icc = qpdf.newStream(internal::SrgbIccProfile());
  icc.getDict().replaceKey("/N", QPDFObjectHandle::newInteger(3));
  QPDFObjectHandle intent = QPDFObjectHandle::newDictionary();
  intent.replaceKey("/Type", QPDFObjectHandle::newName("/OutputIntent"));
  intent.replaceKey("/S", QPDFObjectHandle::newName("/GTS_PDFA1"));
  intent.replaceKey("/OutputConditionIdentifier",
                    QPDFObjectHandle::newString("sRGB"));
  intent.replaceKey("/RegistryName",
                    QPDFObjectHandle::newString("http://www.color.org"));
  intent.replaceKey("/Info", QPDFObjectHandle::newString("sRGB IEC61966-2.1"));
  intent.replaceKey("/DestOutputProfile", icc);
  intents.appendItem(qpdf.makeIndirectObject(intent));
}

void SetInfo(QPDF& qpdf, const internal::XmpFields& f) {
  QPDFObjectHandle trailer = qpdf.getTrailer();
  QPDFObjectHandle info = trailer.getKey("/Info");
  if (!info.isDictionary()) {
    info = qpdf.makeIndirectObject(QPDFObjectHandle::newDictionary());
    trailer.replaceKey("/Info", info);
  }
  // PDF/A: every /Info entry must equal its XMP twin, so keep only those
  // chorus writes to both.
  for (const char* key : {"/Subject", "/Keywords", "/Trapped"})
    info.removeKey(key);
  info.replaceKey("/Title", QPDFObjectHandle::newUnicodeString(f.title));
  if (f.author.empty()) {
    info.removeKey("/Author");
  } else {
    info.replaceKey("/Author", QPDFObjectHandle::newUnicodeString(f.author));
  }
  info.replaceKey("/Creator",
                  QPDFObjectHandle::newUnicodeString(f.creator_tool));
  info.replaceKey("/Producer", QPDFObjectHandle::newUnicodeString(f.producer));
  info.replaceKey("/CreationDate", QPDFObjectHandle::newString(
                                       internal::PdfDate(f.create_date)));
  info.replaceKey("/ModDate", QPDFObjectHandle::newString(
                                  internal::PdfDate(f.modify_date)));
}

void Attach(QPDF& qpdf, std::string_view xml, Relationship relationship,
            const std::string& pdf_date) {
  auto stream =
      QPDFEFStreamObjectHelper::createEFStream(qpdf, std::string(xml));
  stream.setSubtype("text/xml");  // written as /text#2Fxml
  stream.setModDate(pdf_date);
  stream.setCreationDate(pdf_date);
  auto spec = QPDFFileSpecObjectHelper::createFileSpec(
      qpdf, std::string(kXmlFileName), stream);
  spec.setFilename(std::string(kXmlFileName), std::string(kXmlFileName));
  spec.setDescription("Factur-X invoice (UN/CEFACT CII)");
  QPDFObjectHandle fs = spec.getObjectHandle();
  fs.replaceKey("/AFRelationship",
                QPDFObjectHandle::newName(std::string("/") +
                                          RelationshipName(relationship)));
  if (!fs.isIndirect()) fs = qpdf.makeIndirectObject(fs);
  QPDFEmbeddedFileDocumentHelper(qpdf).replaceEmbeddedFile(
      std::string(kXmlFileName), QPDFFileSpecObjectHelper(fs));
  QPDFObjectHandle root = qpdf.getRoot();
  QPDFObjectHandle af = root.getKey("/AF");
  if (!af.isArray()) {
    af = QPDFObjectHandle::newArray();
    root.replaceKey("/AF", af);
  }
  af.appendItem(fs);
}

void SetMetadata(QPDF& qpdf, const internal::XmpFields& fields) {
  QPDFObjectHandle xmp = qpdf.newStream(internal::BuildXmp(fields));
  xmp.getDict().replaceKey("/Type", QPDFObjectHandle::newName("/Metadata"));
  xmp.getDict().replaceKey("/Subtype", QPDFObjectHandle::newName("/XML"));
  qpdf.getRoot().replaceKey("/Metadata", xmp);
}

}  // namespace

namespace internal {
std::string ProducerName() { return std::string("chorus ") + CHORUS_VERSION; }
}  // namespace internal

Result<EmbedResult> Embed(std::string_view pdf_bytes, std::string_view xml,
                          const EmbedOptions& options) {
  auto profile = SettleProfile(xml, options);
  if (!profile) return profile.take_error();
  auto opened = internal::OpenPdf(pdf_bytes);
  if (!opened) {
    const auto& failure = opened.error();
    return Invalid(
        failure.kind == internal::OpenFailure::Kind::kEncrypted
            ? "the PDF is encrypted: PDF/A forbids encryption, decrypt it first"
            : "the PDF cannot be read: " + failure.message);
  }
  Pdf& pdf = *opened;
  if (pdf.encrypted) {
    return Invalid(
        "the PDF is encrypted: PDF/A forbids encryption, decrypt it first "
        "(qpdf --decrypt IN OUT)");
  }
  EmbedResult result;
  result.profile = *profile;
  result.relationship =
      options.relationship.value_or(DefaultRelationship(*profile));
  if (!pdf.damage.empty()) {
    result.warnings.push_back(
        {"FX-PDF-02", Severity::kWarning,
         "the input PDF is damaged and was repaired by qpdf: " + pdf.damage,
         "input PDF"});
  }
  internal::XmpFields fields;
  fields.title = options.title.empty() ? "Invoice" : options.title;
  fields.author = options.author;
  fields.producer = internal::ProducerName();
  fields.creator_tool = fields.producer;
  fields.create_date =
      options.timestamp.empty() ? internal::NowXmpDate() : options.timestamp;
  fields.modify_date = fields.create_date;
  fields.profile = *profile;
  try {
    QPDF& qpdf = *pdf.qpdf;
    for (const auto& font : internal::FindUnembeddedFonts(qpdf)) {
      result.warnings.push_back(
          {"FX-PDF-23", Severity::kWarning,
           "font " + font.name +
               " is not embedded: the result is not PDF/A (embed the fonts "
               "when making the visual PDF)",
           font.object ? "PDF object " + std::to_string(font.object)
                       : "input PDF"});
    }
    if (RemoveOldInvoiceXml(qpdf)) {
      result.warnings.push_back(
          {"FX-PDF-07", Severity::kWarning,
           "the input PDF already carried an invoice XML; it was replaced",
           "input PDF"});
    }
    std::string date = internal::PdfDate(fields.modify_date);
    Attach(qpdf, xml, result.relationship, date);
    SetMetadata(qpdf, fields);
    AddOutputIntent(qpdf);
    SetInfo(qpdf, fields);
    QPDFWriter writer(qpdf);
    writer.setOutputMemory();
    writer.setMinimumPDFVersion("1.7");
    writer.setObjectStreamMode(qpdf_o_disable);
    writer.setDeterministicID(true);
    writer.write();
    std::shared_ptr<Buffer> out = writer.getBufferSharedPointer();
    result.pdf.assign(reinterpret_cast<const char*>(out->getBuffer()),
                      out->getSize());
  } catch (const std::exception& e) {
    return Invalid(std::string("the PDF cannot be rewritten: ") + e.what());
  }
  return result;
}

}  // namespace chorus::facturx

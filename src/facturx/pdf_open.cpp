// Opening PDFs and reading attachments with libqpdf, exception-free.

#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <stdexcept>

#include "facturx/pdf_internal.h"

namespace chorus::facturx::internal {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  return out;
}

// Collects stream data and stops the decoding once it exceeds the cap.
class CappedSink : public Pipeline {
 public:
  explicit CappedSink(std::string* out)
      : Pipeline("chorus capped sink", nullptr), out_(out) {}
  void write(unsigned char const* data, size_t len) override {
    if (out_->size() + len > kMaxStreamBytes) {
      throw std::length_error("embedded file larger than 64 MiB once decoded");
    }
    out_->append(reinterpret_cast<const char*>(data), len);
  }
  void finish() override {}

 private:
  std::string* out_;
};

}  // namespace

Result<Pdf, OpenFailure> OpenPdf(std::string_view bytes) {
  if (!LooksLikePdf(bytes)) {
    return OpenFailure{OpenFailure::Kind::kNotPdf,
                       "not a PDF (no %PDF- header)"};
  }
  Pdf pdf;
  pdf.bytes = std::make_shared<std::string>(bytes);
  pdf.qpdf = std::make_unique<QPDF>();
  pdf.qpdf->setSuppressWarnings(true);
  try {
    pdf.qpdf->processMemoryFile("input PDF", pdf.bytes->data(),
                                pdf.bytes->size());
    // Force the object table: damage shows up here rather than later.
    pdf.qpdf->getRoot();
    pdf.qpdf->getAllPages();
  } catch (const QPDFExc& e) {
    if (e.getErrorCode() == qpdf_e_password) {
      return OpenFailure{OpenFailure::Kind::kEncrypted,
                         "encrypted PDF (a password is needed to open it)"};
    }
    return OpenFailure{OpenFailure::Kind::kUnreadable, e.getMessageDetail()};
  } catch (const std::exception& e) {
    return OpenFailure{OpenFailure::Kind::kUnreadable, e.what()};
  }
  pdf.encrypted = pdf.qpdf->isEncrypted();
  if (pdf.qpdf->anyWarnings()) {
    auto warnings = pdf.qpdf->getWarnings();
    pdf.damage =
        warnings.empty() ? "damaged" : warnings.front().getMessageDetail();
  }
  return pdf;
}

std::vector<Attachment> ListAttachments(QPDF& qpdf) {
  std::vector<Attachment> out;
  std::set<QPDFObjGen> seen;
  auto add = [&](const std::string& key, QPDFObjectHandle fs) {
    if (!fs.isDictionary()) return;
    if (fs.isIndirect() && !seen.insert(fs.getObjGen()).second) return;
    Attachment a;
    QPDFFileSpecObjectHelper helper(fs);
    a.name = key.empty() ? helper.getFilename() : key;
    a.filespec = fs;
    QPDFObjectHandle ef = fs.getKey("/EF");
    if (ef.isDictionary()) {
      a.stream = ef.getKey("/UF");
      if (!a.stream.isStream()) a.stream = ef.getKey("/F");
      if (!a.stream.isStream()) a.stream = QPDFObjectHandle();
    }
    a.object = fs.isIndirect() ? fs.getObjectID() : 0;
    out.push_back(std::move(a));
  };
  try {
    QPDFEmbeddedFileDocumentHelper files(qpdf);
    for (const auto& [key, spec] : files.getEmbeddedFiles()) {
      add(key, spec->getObjectHandle());
    }
    QPDFObjectHandle af = qpdf.getRoot().getKey("/AF");
    if (af.isArray()) {
      for (auto& fs : af.aitems()) add("", fs);
    }
  } catch (const std::exception&) {
    // A broken name tree leaves what was found so far.
  }
  return out;
}

bool IsLegacyName(std::string_view name) {
  std::string n = Lower(name);
  return n == "zugferd-invoice.xml" || n == "xrechnung.xml";
}

bool IsXmlAttachment(const Attachment& a) {
  std::string n = Lower(a.name);
  if (n.size() >= 4 && n.compare(n.size() - 4, 4, ".xml") == 0) return true;
  QPDFObjectHandle stream = a.stream;  // qpdf's accessors are not const
  if (!stream.isStream()) return false;
  QPDFObjectHandle subtype = stream.getDict().getKey("/Subtype");
  if (!subtype.isName()) return false;
  std::string mime = Lower(subtype.getName());
  return mime == "/text/xml" || mime == "/application/xml";
}

const Attachment* FindInvoiceAttachment(const std::vector<Attachment>& all,
                                        bool* legacy_name) {
  *legacy_name = false;
  for (const auto& a : all) {
    if (a.name == kXmlFileName) return &a;
  }
  for (const auto& a : all) {
    if (IsLegacyName(a.name)) {
      *legacy_name = true;
      return &a;
    }
  }
  return nullptr;
}

Result<std::string> ReadStream(QPDFObjectHandle stream) {
  std::string out;
  try {
    if (!stream.isStream()) {
      return MakeError(Error::Kind::kInvalidInput,
                       "the file specification has no embedded file stream");
    }
    CappedSink sink(&out);
    if (!stream.pipeStreamData(&sink, 0, qpdf_dl_all, false, false)) {
      return MakeError(Error::Kind::kInvalidInput,
                       "the embedded file stream cannot be decoded "
                       "(unsupported or broken filter)");
    }
  } catch (const std::exception& e) {
    return MakeError(
        Error::Kind::kInvalidInput,
        std::string("the embedded file stream cannot be read: ") + e.what());
  }
  return out;
}

std::string Md5(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (!EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_md5(),
                  nullptr))
    return {};
  return std::string(reinterpret_cast<const char*>(digest), size);
}

}  // namespace chorus::facturx::internal

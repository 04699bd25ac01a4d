#include "tls_material.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

namespace chorus::api {
namespace {

template <typename T, void (*F)(T*)>
struct Deleter {
  void operator()(T* p) const { F(p); }
};
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using P12Ptr = std::unique_ptr<PKCS12, Deleter<PKCS12, PKCS12_free>>;

Error UsageError(std::string message) {
  ERR_clear_error();
  return MakeError(Error::Kind::kUsage, std::move(message));
}

Result<std::string> Slurp(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return UsageError(std::string(what) + " " + path +
                      ": cannot read the file");
  std::ostringstream s;
  s << in.rdbuf();
  if (s.str().empty())
    return UsageError(std::string(what) + " " + path + ": empty file");
  return s.str();
}

BioPtr MemBio(const std::string& bytes) {
  return BioPtr(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
}

bool EndsWithIgnoreCase(std::string s, std::string_view suffix) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Hands OpenSSL the configured passphrase. Without a callback OpenSSL would
// prompt on the terminal for an encrypted key, which a CLI must never do.
int PassphraseCallback(char* buf, int size, int /*rwflag*/, void* user) {
  const auto* password = static_cast<const std::string*>(user);
  if (password->empty() || static_cast<int>(password->size()) > size) return -1;
  std::memcpy(buf, password->data(), password->size());
  return static_cast<int>(password->size());
}

Status CheckPkcs12(const std::string& path, const std::string& bytes,
                   const std::string& password) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  P12Ptr p12(d2i_PKCS12(nullptr, &p, static_cast<long>(bytes.size())));
  if (!p12)
    return UsageError("client certificate " + path + ": not a PKCS#12 file");
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
  STACK_OF(X509)* chain = nullptr;
  int ok = PKCS12_parse(p12.get(), password.c_str(), &key, &cert, &chain);
  KeyPtr key_owner(key);
  X509Ptr cert_owner(cert);
  sk_X509_pop_free(chain, X509_free);
  if (!ok) {
    return UsageError(
        "client certificate " + path +
        ": cannot open the PKCS#12 file (wrong or missing password?)");
  }
  if (!key || !cert) {
    return UsageError(
        "client certificate " + path +
        ": the PKCS#12 file lacks the certificate or its private key");
  }
  return Ok{};
}

Result<X509Ptr> ReadCertificate(const std::string& path,
                                const std::string& bytes, CertFormat format) {
  X509Ptr cert;
  if (format == CertFormat::kPem) {
    BioPtr bio = MemBio(bytes);
    cert.reset(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  } else {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    cert.reset(d2i_X509(nullptr, &p, static_cast<long>(bytes.size())));
  }
  if (!cert)
    return UsageError("client certificate " + path + ": no certificate in it");
  return cert;
}

Status CheckKeyMatches(const std::string& cert_path, X509* cert,
                       const TlsOptions& tls) {
  const std::string& key_path =
      tls.key_file.empty() ? tls.cert_file : tls.key_file;
  auto bytes = Slurp(key_path, "private key");
  if (!bytes) return bytes.take_error();
  BioPtr bio = MemBio(*bytes);
  std::string password = tls.key_password;
  KeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, PassphraseCallback,
                                     &password));
  if (!key) {
    return UsageError(
        "private key " + key_path +
        ": cannot read a PEM private key (wrong or missing key password?)");
  }
  if (X509_check_private_key(cert, key.get()) != 1) {
    return UsageError("private key " + key_path +
                      " does not match the certificate in " + cert_path);
  }
  return Ok{};
}

Status CheckCaFile(const std::string& path) {
  auto bytes = Slurp(path, "CA bundle");
  if (!bytes) return bytes.take_error();
  BioPtr bio = MemBio(*bytes);
  X509Ptr first(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!first)
    return UsageError("CA bundle " + path + ": no PEM certificate in it");
  return Ok{};
}

}  // namespace

Result<CertFormat> InspectTlsOptions(const TlsOptions& tls) {
  if (!tls.ca_file.empty()) {
    if (auto s = CheckCaFile(tls.ca_file); !s) return s.take_error();
  }
  if (tls.cert_file.empty()) {
    if (!tls.key_file.empty()) {
      return UsageError("private key " + tls.key_file +
                        " given without a client certificate");
    }
    return CertFormat::kNone;
  }
  const std::string& path = tls.cert_file;
  auto bytes = Slurp(path, "client certificate");
  if (!bytes) return bytes.take_error();
  CertFormat format = CertFormat::kDer;
  if (EndsWithIgnoreCase(path, ".p12") || EndsWithIgnoreCase(path, ".pfx")) {
    format = CertFormat::kPkcs12;
  } else if (bytes->find("-----BEGIN") != std::string::npos) {
    format = CertFormat::kPem;
  } else {
    // Both PKCS#12 and a DER certificate start with a SEQUENCE: try the
    // container first, it is the common case for a file without extension.
    const auto* p = reinterpret_cast<const unsigned char*>(bytes->data());
    P12Ptr probe(d2i_PKCS12(nullptr, &p, static_cast<long>(bytes->size())));
    if (probe) format = CertFormat::kPkcs12;
    ERR_clear_error();
  }
  if (format == CertFormat::kPkcs12) {
    if (auto s = CheckPkcs12(path, *bytes, tls.key_password); !s)
      return s.take_error();
    return format;
  }
  if (format == CertFormat::kDer && tls.key_file.empty()) {
    return UsageError(
        "client certificate " + path +
        ": a DER certificate needs its PEM private key as a separate key file");
  }
  auto cert = ReadCertificate(path, *bytes, format);
  if (!cert) return cert.take_error();
  if (auto s = CheckKeyMatches(path, cert->get(), tls); !s)
    return s.take_error();
  return format;
}

}  // namespace chorus::api

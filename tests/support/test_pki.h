// A throwaway PKI for TLS tests, made with OpenSSL at run time (nothing
// committed, nothing from the reference material): a CA, a server
// certificate for 127.0.0.1/localhost, and a client certificate as PEM with
// an encrypted key and as PKCS#12, both protected by `password`.
#ifndef CHORUS_TESTS_SUPPORT_TEST_PKI_H_
#define CHORUS_TESTS_SUPPORT_TEST_PKI_H_

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

namespace chorus::testing {

struct TestPki {
  std::filesystem::path dir;
  std::string password = "Key-Password-Value-3k";
  std::string ca;                       // ca.pem
  std::string server_cert;              // server.pem
  std::string server_key;               // server.key (clear)
  std::string client_cert;              // client.pem
  std::string client_key;               // client.key (encrypted with password)
  std::string client_p12;               // client.p12 (password)
  std::string client_p12_no_extension;  // same bytes, named "client-bundle"
  std::string other_key;  // a key that matches no certificate (clear)
};

namespace pki_detail {

struct KeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct CertFree {
  void operator()(X509* c) const { X509_free(c); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyFree>;
using Cert = std::unique_ptr<X509, CertFree>;

inline void Check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("test PKI: ") + what);
}

inline Key NewKey() {
  Key key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  Check(key != nullptr, "key generation");
  return key;
}

inline void AddExt(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  Check(ext != nullptr, value);
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

// A certificate for `key` named `cn`, signed by issuer/issuer_key (self-
// signed when issuer is null).
inline Cert NewCert(EVP_PKEY* key, const char* cn, long serial, X509* issuer,
                    EVP_PKEY* issuer_key, bool is_ca, const char* usage) {
  Cert cert(X509_new());
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 86400);
  X509_set_pubkey(cert.get(), key);
  X509_NAME_add_entry_by_txt(
      X509_get_subject_name(cert.get()), "CN", MBSTRING_ASC,
      reinterpret_cast<const unsigned char*>(cn), -1, -1, 0);
  X509* signer = issuer ? issuer : cert.get();
  X509_set_issuer_name(cert.get(), X509_get_subject_name(signer));
  AddExt(cert.get(), signer, NID_subject_key_identifier, "hash");
  if (is_ca) {
    AddExt(cert.get(), signer, NID_basic_constraints, "critical,CA:TRUE");
    AddExt(cert.get(), signer, NID_key_usage, "critical,keyCertSign,cRLSign");
  } else {
    AddExt(cert.get(), signer, NID_authority_key_identifier, "keyid");
    AddExt(cert.get(), signer, NID_basic_constraints, "critical,CA:FALSE");
    AddExt(cert.get(), signer, NID_ext_key_usage, usage);
    if (std::string(usage) == "serverAuth") {
      AddExt(cert.get(), signer, NID_subject_alt_name,
             "DNS:localhost,IP:127.0.0.1");
    }
  }
  Check(X509_sign(cert.get(), issuer_key ? issuer_key : key, EVP_sha256()) > 0,
        "signing");
  return cert;
}

inline std::string Write(const std::filesystem::path& path, auto&& writer) {
  BIO* bio = BIO_new_file(path.c_str(), "wb");
  Check(bio != nullptr, "open output");
  bool ok = writer(bio);
  BIO_free_all(bio);
  Check(ok, "write");
  return path.string();
}

}  // namespace pki_detail

inline TestPki MakeTestPki(const std::filesystem::path& dir) {
  using namespace pki_detail;
  TestPki pki;
  pki.dir = dir;
  Key ca_key = NewKey(), server_key = NewKey(), client_key = NewKey(),
      other_key = NewKey();
  Cert ca =
      NewCert(ca_key.get(), "chorus test CA", 1, nullptr, nullptr, true, "");
  Cert server = NewCert(server_key.get(), "localhost", 2, ca.get(),
                        ca_key.get(), false, "serverAuth");
  Cert client = NewCert(client_key.get(), "TECH_1_test", 3, ca.get(),
                        ca_key.get(), false, "clientAuth");
  pki.ca = Write(dir / "ca.pem",
                 [&](BIO* b) { return PEM_write_bio_X509(b, ca.get()) == 1; });
  pki.server_cert = Write(dir / "server.pem", [&](BIO* b) {
    return PEM_write_bio_X509(b, server.get()) == 1;
  });
  pki.server_key = Write(dir / "server.key", [&](BIO* b) {
    return PEM_write_bio_PrivateKey(b, server_key.get(), nullptr, nullptr, 0,
                                    nullptr, nullptr) == 1;
  });
  pki.client_cert = Write(dir / "client.pem", [&](BIO* b) {
    return PEM_write_bio_X509(b, client.get()) == 1;
  });
  pki.client_key = Write(dir / "client.key", [&](BIO* b) {
    auto* pass = reinterpret_cast<unsigned char*>(pki.password.data());
    return PEM_write_bio_PrivateKey(b, client_key.get(), EVP_aes_256_cbc(),
                                    pass, static_cast<int>(pki.password.size()),
                                    nullptr, nullptr) == 1;
  });
  pki.other_key = Write(dir / "other.key", [&](BIO* b) {
    return PEM_write_bio_PrivateKey(b, other_key.get(), nullptr, nullptr, 0,
                                    nullptr, nullptr) == 1;
  });
  PKCS12* p12 = PKCS12_create(pki.password.c_str(), "client", client_key.get(),
                              client.get(), nullptr, 0, 0, 0, 0, 0);
  Check(p12 != nullptr, "PKCS#12");
  auto write_p12 = [&](BIO* b) { return i2d_PKCS12_bio(b, p12) == 1; };
  pki.client_p12 = Write(dir / "client.p12", write_p12);
  pki.client_p12_no_extension = Write(dir / "client-bundle", write_p12);
  PKCS12_free(p12);
  return pki;
}

}  // namespace chorus::testing

#endif  // CHORUS_TESTS_SUPPORT_TEST_PKI_H_

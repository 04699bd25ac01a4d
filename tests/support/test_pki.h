// A throwaway PKI for TLS tests: the sandbox's own generated material
// (sandbox::EnsureTlsMaterial: a CA, a server certificate for
// 127.0.0.1/localhost, a client certificate and its PKCS#12), plus what only
// the client tests need: the client key encrypted with `password`, the
// PKCS#12 under a name without extension, and a key matching no client
// certificate.
#ifndef CHORUS_TESTS_SUPPORT_TEST_PKI_H_
#define CHORUS_TESTS_SUPPORT_TEST_PKI_H_

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <filesystem>
#include <stdexcept>
#include <string>

#include "../src/sandbox/tls_material.h"

namespace chorus::testing {

struct TestPki {
  std::filesystem::path dir;
  std::string password = "Key-Password-Value-3k";
  std::string ca;                       // ca.pem
  std::string server_cert;              // server.pem
  std::string server_key;               // server-key.pem (clear)
  std::string client_cert;              // client.pem
  std::string client_key;               // client.key (encrypted with password)
  std::string client_p12;               // client.p12 (password)
  std::string client_p12_no_extension;  // same bytes, named "client-bundle"
  std::string other_key;  // a key that matches no client certificate (clear)
};

// Throws (the test fails) when the material cannot be made.
inline TestPki MakeTestPki(const std::filesystem::path& dir) {
  TestPki pki;
  pki.dir = dir;
  auto files = sandbox::EnsureTlsMaterial(dir.string(), pki.password);
  if (!files) throw std::runtime_error("test PKI: " + files.error().message);
  pki.ca = files->ca;
  pki.server_cert = files->server_cert;
  pki.server_key = files->server_key;
  pki.client_cert = files->client_cert;
  pki.client_p12 = files->client_p12;
  pki.other_key = files->server_key;
  pki.client_p12_no_extension = (dir / "client-bundle").string();
  std::filesystem::copy_file(pki.client_p12, pki.client_p12_no_extension);

  // The sandbox writes its client key in clear; curl must also read one
  // protected by a password.
  BIO* in = BIO_new_file(files->client_key.c_str(), "rb");
  EVP_PKEY* key =
      in ? PEM_read_bio_PrivateKey(in, nullptr, nullptr, nullptr) : nullptr;
  BIO_free_all(in);
  pki.client_key = (dir / "client.key").string();
  BIO* out = key ? BIO_new_file(pki.client_key.c_str(), "wb") : nullptr;
  auto* pass = reinterpret_cast<unsigned char*>(pki.password.data());
  bool ok = out != nullptr &&
            PEM_write_bio_PrivateKey(out, key, EVP_aes_256_cbc(), pass,
                                     static_cast<int>(pki.password.size()),
                                     nullptr, nullptr) == 1;
  BIO_free_all(out);
  EVP_PKEY_free(key);
  if (!ok) throw std::runtime_error("test PKI: cannot encrypt the client key");
  return pki;
}

}  // namespace chorus::testing

#endif  // CHORUS_TESTS_SUPPORT_TEST_PKI_H_

#include "sandbox/tls_material.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <vector>

#include "chorus/util/files.h"

namespace chorus::sandbox {
namespace {

namespace fs = std::filesystem;

template <typename T, void (*F)(T*)>
struct Deleter {
  void operator()(T* p) const { F(p); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, Deleter<X509, X509_free>>;

Error TlsError(const std::string& what) {
  return MakeError(Error::Kind::kUsage, "sandbox TLS: " + what);
}

KeyPtr NewKey() { return KeyPtr(EVP_EC_gen("P-256")); }

bool AddExt(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (ext == nullptr) return false;
  bool ok = X509_add_ext(cert, ext, -1) == 1;
  X509_EXTENSION_free(ext);
  return ok;
}

// A certificate for `key` named `cn`, signed by issuer/issuer_key (itself
// when issuer is null), with the given extensions.
CertPtr MakeCert(EVP_PKEY* key, const char* cn, X509* issuer,
                 EVP_PKEY* issuer_key,
                 const std::vector<std::pair<int, const char*>>& exts) {
  CertPtr cert(X509_new());
  X509_set_version(cert.get(), 2);
  unsigned char serial[16];
  RAND_bytes(serial, sizeof serial);
  serial[0] &= 0x7F;
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
  BN_free(bn);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 60L * 60 * 24 * 825);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(
      name, "O", MBSTRING_ASC,
      reinterpret_cast<const unsigned char*>("chorus sandbox"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(cn), -1, -1,
                             0);
  X509* signer = issuer != nullptr ? issuer : cert.get();
  X509_set_issuer_name(cert.get(), X509_get_subject_name(signer));
  for (const auto& [nid, value] : exts) {
    if (!AddExt(cert.get(), signer, nid, value)) return nullptr;
  }
  if (X509_sign(cert.get(), issuer_key != nullptr ? issuer_key : key,
                EVP_sha256()) == 0) {
    return nullptr;
  }
  return cert;
}

// Writes through a FILE opened with `mode` permissions from the start, so a
// key is never readable by others, even briefly.
bool WriteWith(const fs::path& path, mode_t mode,
               const std::function<bool(FILE*)>& write) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, mode);
  if (fd < 0) return false;
  ::fchmod(fd, mode);
  FILE* f = ::fdopen(fd, "wb");
  if (f == nullptr) {
    ::close(fd);
    return false;
  }
  bool ok = write(f);
  return std::fclose(f) == 0 && ok;
}

bool WriteCert(const fs::path& path, X509* cert) {
  return WriteWith(path, 0644,
                   [&](FILE* f) { return PEM_write_X509(f, cert) == 1; });
}
bool WriteKey(const fs::path& path, EVP_PKEY* key) {
  return WriteWith(path, 0600, [&](FILE* f) {
    return PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr,
                                nullptr) == 1;
  });
}

Result<TlsFiles> Generate(const fs::path& dir,
                          const std::string& p12_password) {
  KeyPtr ca_key = NewKey(), server_key = NewKey(), client_key = NewKey();
  if (!ca_key || !server_key || !client_key)
    return TlsError("key generation failed");
  CertPtr ca = MakeCert(ca_key.get(), "chorus sandbox CA", nullptr, nullptr,
                        {{NID_basic_constraints, "critical,CA:TRUE"},
                         {NID_key_usage, "critical,keyCertSign,cRLSign"},
                         {NID_subject_key_identifier, "hash"}});
  if (!ca) return TlsError("CA certificate generation failed");
  CertPtr server =
      MakeCert(server_key.get(), "localhost", ca.get(), ca_key.get(),
               {{NID_basic_constraints, "critical,CA:FALSE"},
                {NID_key_usage, "critical,digitalSignature,keyEncipherment"},
                {NID_ext_key_usage, "serverAuth"},
                {NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1"},
                {NID_authority_key_identifier, "keyid"}});
  CertPtr client = MakeCert(client_key.get(), "chorus sandbox client", ca.get(),
                            ca_key.get(),
                            {{NID_basic_constraints, "critical,CA:FALSE"},
                             {NID_key_usage, "critical,digitalSignature"},
                             {NID_ext_key_usage, "clientAuth"},
                             {NID_authority_key_identifier, "keyid"}});
  if (!server || !client) return TlsError("certificate generation failed");

  TlsFiles files{dir.string(),
                 (dir / "ca.pem").string(),
                 (dir / "server.pem").string(),
                 (dir / "server-key.pem").string(),
                 (dir / "client.pem").string(),
                 (dir / "client-key.pem").string(),
                 (dir / "client.p12").string()};
  bool ok = WriteCert(files.ca, ca.get()) &&
            WriteCert(files.server_cert, server.get()) &&
            WriteKey(files.server_key, server_key.get()) &&
            WriteCert(files.client_cert, client.get()) &&
            WriteKey(files.client_key, client_key.get());
  // ca-key.pem is not kept: nothing signs with it after this.
  PKCS12* p12 =
      PKCS12_create(p12_password.c_str(), "chorus sandbox client",
                    client_key.get(), client.get(), nullptr, 0, 0, 0, 0, 0);
  if (p12 == nullptr) return TlsError("PKCS#12 creation failed");
  ok = ok && WriteWith(files.client_p12, 0600,
                       [&](FILE* f) { return i2d_PKCS12_fp(f, p12) == 1; });
  PKCS12_free(p12);
  if (!ok)
    return TlsError("cannot write the certificates into " + dir.string());
  return files;
}

}  // namespace

Result<TlsFiles> EnsureTlsMaterial(const std::string& dir_in,
                                   const std::string& p12_password) {
  // Absolute paths: the ready file is read by processes with other
  // working directories.
  std::error_code abs_ec;
  fs::path dir = dir_in.empty() ? fs::path() : fs::absolute(dir_in, abs_ec);
  if (dir.empty()) {
    std::string tmpl =
        (fs::temp_directory_path() / "chorus-sandbox-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr)
      return TlsError("cannot create a temporary folder");
    dir = tmpl;
  } else {
    if (auto made = MakePrivateDirs(dir); !made)
      return TlsError(made.error().message);
  }
  auto has = [&](const char* name) { return fs::exists(dir / name); };
  if (has("ca.pem") && has("server.pem") && has("server-key.pem")) {
    auto opt = [&](const char* name) {
      return has(name) ? (dir / name).string() : std::string();
    };
    return TlsFiles{dir.string(),
                    (dir / "ca.pem").string(),
                    (dir / "server.pem").string(),
                    (dir / "server-key.pem").string(),
                    opt("client.pem"),
                    opt("client-key.pem"),
                    opt("client.p12")};
  }
  return Generate(dir, p12_password);
}

}  // namespace chorus::sandbox

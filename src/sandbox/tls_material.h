// The sandbox's TLS files: reused when present in the folder, otherwise
// generated with the OpenSSL API (no openssl binary needed): a CA, a server
// certificate for 127.0.0.1/localhost and a client certificate, both signed
// by that CA, and the client pair again as PKCS#12.
#ifndef CHORUS_SRC_SANDBOX_TLS_MATERIAL_H_
#define CHORUS_SRC_SANDBOX_TLS_MATERIAL_H_

#include <string>

#include "chorus/util/result.h"

namespace chorus::sandbox {

struct TlsFiles {
  std::string dir;
  std::string ca;           // ca.pem
  std::string server_cert;  // server.pem
  std::string server_key;   // server-key.pem (0600)
  std::string client_cert;  // client.pem ("" when reused without it)
  std::string client_key;   // client-key.pem, unencrypted (0600)
  std::string client_p12;   // client.p12, password `p12_password` (0600)
};

// `dir` empty = a new temporary folder. Creates `dir` (0700) if needed.
Result<TlsFiles> EnsureTlsMaterial(const std::string& dir,
                                   const std::string& p12_password);

}  // namespace chorus::sandbox

#endif  // CHORUS_SRC_SANDBOX_TLS_MATERIAL_H_

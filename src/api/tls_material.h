// Reads the TLS files of HttpClientOptions up front, so that a wrong path,
// a wrong password or a key that does not match its certificate is reported
// by name before any request, instead of as an opaque handshake failure.
#ifndef CHORUS_SRC_API_TLS_MATERIAL_H_
#define CHORUS_SRC_API_TLS_MATERIAL_H_

#include "chorus/api/http.h"
#include "chorus/util/result.h"

namespace chorus::api {

enum class CertFormat { kNone, kPem, kDer, kPkcs12 };

// The client certificate's format (kNone when there is none), chosen by
// extension (.p12/.pfx) or by looking at the bytes. Fails with kUsage and a
// message naming the file; never with the password in it.
Result<CertFormat> InspectTlsOptions(const TlsOptions& tls);

}  // namespace chorus::api

#endif  // CHORUS_SRC_API_TLS_MATERIAL_H_

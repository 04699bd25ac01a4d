// The sandbox's ready file and environment.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "chorus/sandbox/sandbox.h"
#include "chorus/util/files.h"
#include "sandbox/state.h"

namespace chorus::sandbox {

void ApplyEnvironment(SandboxOptions& options) {
  auto set = [](const char* name, std::string& field) {
    const char* v = std::getenv(name);
    if (v != nullptr && *v != '\0') field = v;
  };
  set("CHORUS_SANDBOX_CLIENT_ID", options.credentials.client_id);
  set("CHORUS_SANDBOX_CLIENT_SECRET", options.credentials.client_secret);
  set("CHORUS_SANDBOX_TECH_LOGIN", options.credentials.tech_login);
  set("CHORUS_SANDBOX_TECH_PASSWORD", options.credentials.tech_password);
  set("CHORUS_SANDBOX_P12_PASSWORD", options.p12_password);
}

nlohmann::json SandboxInfo::ToJson() const {
  return nlohmann::json{{"url", url},
                        {"port", port},
                        {"token_url", token_url},
                        {"api_base", api_base},
                        {"ca", ca},
                        {"client_cert", client_cert},
                        {"client_key", client_key},
                        {"client_p12", client_p12}};
}

Status WriteReadyFile(const std::string& path, const SandboxInfo& info) {
  return WriteFileAtomically(path, info.ToJson().dump() + "\n");
}

}  // namespace chorus::sandbox

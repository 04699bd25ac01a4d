// The PISTE OAuth2 client-credentials token, fetched once and reused until
// shortly before it expires.
#ifndef CHORUS_SRC_API_TOKEN_H_
#define CHORUS_SRC_API_TOKEN_H_

#include <string>

#include "chorus/api/chorus_pro.h"
#include "retry.h"

namespace chorus::api::internal {

class TokenCache {
 public:
  TokenCache(Clock& clock, Retrier& retrier, std::string token_url,
             std::string client_id, std::string client_secret);

  // A token valid for a while yet, fetched when there is none or when the
  // current one is within its refresh margin of expiry.
  ApiResult<std::string> Get(TimePoint deadline);
  // Forgets the token (the gateway refused it): the next Get fetches anew.
  void Invalidate();
  // Every token this cache ever held, for scrubbing messages.
  const std::vector<std::string>& issued() const { return issued_; }

 private:
  ApiResult<std::string> Fetch(TimePoint deadline);

  Clock& clock_;
  Retrier& retrier_;
  std::string token_url_, client_id_, client_secret_;
  std::string token_;
  TimePoint refresh_at_{};
  std::vector<std::string> issued_;
};

}  // namespace chorus::api::internal

#endif  // CHORUS_SRC_API_TOKEN_H_

// Cutting one HTTP connection from inside its handler, for
// --drop-after-receive. cpp-httplib 0.11.4 does not hand the socket to
// handlers, so: over TLS the socket comes from the request's SSL object
// (SSL_get_fd; a close_notify is sent first so the client sees a clean end
// of stream); over plain HTTP it is the descriptor of this process whose
// local and peer ports are the request's (found by scanning /proc/self/fd).
// The handler then returns normally: httplib's write of the answer fails on
// the shut-down socket and it closes the connection, so no byte of the
// answer is ever sent.
#ifndef CHORUS_SRC_SANDBOX_CONNECTION_H_
#define CHORUS_SRC_SANDBOX_CONNECTION_H_

#include <httplib.h>

namespace chorus::sandbox {

// True when the connection was found and shut down.
bool CutConnection(const httplib::Request& req);

}  // namespace chorus::sandbox

#endif  // CHORUS_SRC_SANDBOX_CONNECTION_H_
